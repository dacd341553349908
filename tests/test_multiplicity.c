/* Tests for lib/multiplicity.c. Reference values: R 4.2 stats::p.adjust,
 * generated with /tmp/padj.R (sets a, ties, mixed, two, zeros, one) and
 * set.seed(7); p <- round(rbeta(30, 0.4, 2), 4) (set big), printed with
 * sprintf("%.17g"). The port repeats R's arithmetic, so agreement is
 * required bit for bit (relative tolerance 0). */
#include "fgroi_control_test.h" /* first: it sets _POSIX_C_SOURCE */

#include <stdlib.h>
#include <string.h>

#include "fgroi_test.h"

static const double p_a[] = { 0.01, 0.02, 0.029999999999999999, 0.040000000000000001, 0.050000000000000003 };
static const double bonferroni_a[] = { 0.050000000000000003, 0.10000000000000001, 0.14999999999999999, 0.20000000000000001, 0.25 };
static const double holm_a[] = { 0.050000000000000003, 0.080000000000000002, 0.089999999999999997, 0.089999999999999997, 0.089999999999999997 };
static const double hochberg_a[] = { 0.050000000000000003, 0.050000000000000003, 0.050000000000000003, 0.050000000000000003, 0.050000000000000003 };
static const double hommel_a[] = { 0.049999999999999996, 0.05000000000000001, 0.05000000000000001, 0.05000000000000001, 0.05000000000000001 };
static const double bh_a[] = { 0.050000000000000003, 0.050000000000000003, 0.050000000000000003, 0.050000000000000003, 0.050000000000000003 };
static const double by_a[] = { 0.11416666666666665, 0.11416666666666665, 0.11416666666666665, 0.11416666666666667, 0.11416666666666667 };
static const double p_ties[] = { 0.040000000000000001, 0.01, 0.040000000000000001, 0.20000000000000001, 0.01, 1, 0, 0.5, 0.040000000000000001 };
static const double bonferroni_ties[] = { 0.35999999999999999, 0.089999999999999997, 0.35999999999999999, 1, 0.089999999999999997, 1, 0, 1, 0.35999999999999999 };
static const double holm_ties[] = { 0.23999999999999999, 0.080000000000000002, 0.23999999999999999, 0.60000000000000009, 0.080000000000000002, 1, 0, 1, 0.23999999999999999 };
static const double hochberg_ties[] = { 0.16, 0.070000000000000007, 0.16, 0.60000000000000009, 0.070000000000000007, 1, 0, 1, 0.16 };
static const double hommel_ties[] = { 0.16, 0.070000000000000007, 0.16, 0.60000000000000009, 0.070000000000000007, 1, 0, 1, 0.16 };
static const double bh_ties[] = { 0.059999999999999998, 0.029999999999999999, 0.059999999999999998, 0.25714285714285717, 0.029999999999999999, 1, 0, 0.5625, 0.059999999999999998 };
static const double by_ties[] = { 0.16973809523809524, 0.084869047619047622, 0.16973809523809524, 0.72744897959183685, 0.084869047619047622, 1, 0, 1, 0.16973809523809524 };
static const double p_mixed[] = { 0.0001, 0.29999999999999999, 0.012, 0.049000000000000002, 0.69999999999999996, 0.0020999999999999999, 0.90000000000000002, 0.049000000000000002, 0.14999999999999999, 0.029999999999999999, 1, 4.0000000000000003e-05 };
static const double bonferroni_mixed[] = { 0.0012000000000000001, 1, 0.14400000000000002, 0.58800000000000008, 1, 0.0252, 1, 0.58800000000000008, 1, 0.35999999999999999, 1, 0.00048000000000000007 };
static const double holm_mixed[] = { 0.0011000000000000001, 1, 0.108, 0.34300000000000003, 1, 0.020999999999999998, 1, 0.34300000000000003, 0.75, 0.23999999999999999, 1, 0.00048000000000000007 };
static const double hochberg_mixed[] = { 0.0011000000000000001, 1, 0.108, 0.29400000000000004, 1, 0.020999999999999998, 1, 0.29400000000000004, 0.75, 0.23999999999999999, 1, 0.00048000000000000007 };
static const double hommel_mixed[] = { 0.0011000000000000001, 1, 0.108, 0.29400000000000004, 1, 0.020999999999999998, 1, 0.29400000000000004, 0.75, 0.17999999999999999, 1, 0.00048000000000000007 };
static const double bh_mixed[] = { 0.00060000000000000006, 0.39999999999999997, 0.036000000000000004, 0.084000000000000005, 0.83999999999999997, 0.0083999999999999995, 0.98181818181818181, 0.084000000000000005, 0.22499999999999998, 0.071999999999999995, 1, 0.00048000000000000007 };
static const double by_mixed[] = { 0.0018619264069264069, 1, 0.11171558441558442, 0.260669696969697, 1, 0.026066969696969693, 1, 0.260669696969697, 0.69822240259740254, 0.22343116883116884, 1, 0.0014895411255411257 };
static const double p_two[] = { 0.029999999999999999, 0.02 };
static const double bonferroni_two[] = { 0.059999999999999998, 0.040000000000000001 };
static const double holm_two[] = { 0.040000000000000001, 0.040000000000000001 };
static const double hochberg_two[] = { 0.029999999999999999, 0.029999999999999999 };
static const double hommel_two[] = { 0.029999999999999999, 0.029999999999999999 };
static const double bh_two[] = { 0.029999999999999999, 0.029999999999999999 };
static const double by_two[] = { 0.044999999999999998, 0.044999999999999998 };
static const double p_zeros[] = { 0, 0, 1, 1 };
static const double bonferroni_zeros[] = { 0, 0, 1, 1 };
static const double holm_zeros[] = { 0, 0, 1, 1 };
static const double hochberg_zeros[] = { 0, 0, 1, 1 };
static const double hommel_zeros[] = { 0, 0, 1, 1 };
static const double bh_zeros[] = { 0, 0, 1, 1 };
static const double by_zeros[] = { 0, 0, 1, 1 };
static const double p_one[] = { 0.29999999999999999 };
static const double bonferroni_one[] = { 0.29999999999999999 };
static const double holm_one[] = { 0.29999999999999999 };
static const double hochberg_one[] = { 0.29999999999999999 };
static const double hommel_one[] = { 0.29999999999999999 };
static const double bh_one[] = { 0.29999999999999999 };
static const double by_one[] = { 0.29999999999999999 };
static const double p_big[] = { 0.0092999999999999992, 0.2419, 0.098000000000000004, 0, 0.045600000000000002, 0, 0.051700000000000003, 0, 0.029499999999999998, 0.1694, 0.0032000000000000002, 0.0063, 0.0111, 0.00069999999999999999, 0.087400000000000005, 0.0091000000000000004, 0.0178, 0.3765, 0.1139, 0.21479999999999999, 0.52039999999999997, 0.26090000000000002, 0.38540000000000002, 0.49030000000000001, 0.501, 0.00059999999999999995, 0.017899999999999999, 0.1181, 0.0041999999999999997, 0.36399999999999999 };
static const double bonferroni_big[] = { 0.27899999999999997, 1, 1, 0, 1, 0, 1, 0, 0.88500000000000001, 1, 0.096000000000000002, 0.189, 0.33300000000000002, 0.021000000000000001, 1, 0.27300000000000002, 0.53400000000000003, 1, 1, 1, 1, 1, 1, 1, 1, 0.017999999999999999, 0.53699999999999992, 1, 0.126, 1 };
static const double holm_big[] = { 0.20020000000000002, 1, 1, 0, 0.72960000000000003, 0, 0.77550000000000008, 0, 0.50149999999999995, 1, 0.080000000000000002, 0.1449, 0.222, 0.018200000000000001, 1, 0.20020000000000002, 0.3382, 1, 1, 1, 1, 1, 1, 1, 1, 0.016199999999999999, 0.3382, 1, 0.1008, 1 };
static const double hochberg_big[] = { 0.19529999999999997, 0.52039999999999997, 0.52039999999999997, 0, 0.52039999999999997, 0, 0.52039999999999997, 0, 0.50149999999999995, 0.52039999999999997, 0.080000000000000002, 0.1449, 0.222, 0.018200000000000001, 0.52039999999999997, 0.19529999999999997, 0.32219999999999999, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.016199999999999999, 0.32219999999999999, 0.52039999999999997, 0.1008, 0.52039999999999997 };
static const double hommel_big[] = { 0.17004999999999998, 0.52039999999999997, 0.52039999999999997, 0, 0.51386666666666669, 0, 0.52039999999999997, 0, 0.41299999999999998, 0.52039999999999997, 0.070400000000000004, 0.1197, 0.19980000000000001, 0.018200000000000001, 0.52039999999999997, 0.17004999999999998, 0.28681428571428569, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.52039999999999997, 0.015599999999999999, 0.28681428571428569, 0.52039999999999997, 0.088200000000000001, 0.52039999999999997 };
static const double bh_big[] = { 0.027899999999999998, 0.3155217391304348, 0.16333333333333336, 0, 0.091200000000000003, 0, 0.09693750000000001, 0, 0.063214285714285709, 0.24199999999999999, 0.016, 0.023625, 0.030272727272727271, 0.0041999999999999997, 0.15423529411764705, 0.027899999999999998, 0.041307692307692302, 0.42822222222222228, 0.17715, 0.2929090909090909, 0.52039999999999997, 0.326125, 0.42822222222222228, 0.51827586206896559, 0.51827586206896559, 0.0041999999999999997, 0.041307692307692302, 0.17715, 0.017999999999999999, 0.42822222222222228 };
static const double by_big[] = { 0.11146014095267891, 1, 0.6525145647169972, 0, 0.3643428263399397, 0, 0.38726406500359539, 0, 0.25254025791889612, 0.96678688568273452, 0.063919794094726257, 0.094381570967994238, 0.12093915587240819, 0.016778945949865641, 0.61616801513372155, 0.11146014095267891, 0.16502369917724999, 1, 0.70771197024254728, 1, 1, 1, 1, 1, 1, 0.016778945949865641, 0.16502369917724999, 0.70771197024254728, 0.071909768356567025, 1 };

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void check_set(const double *p, size_t n, fgroi_method m, const double *want) {
  double out[64];
  cr_assert(n <= 64);
  assert_ok(fgroi_multiplicity_adjust(p, n, m, out));
  for (size_t i = 0; i < n; i++) assert_rel(out[i], want[i], 0.0);
  /* in place gives the same */
  double inplace[64];
  memcpy(inplace, p, n * sizeof *p);
  assert_ok(fgroi_multiplicity_adjust(inplace, n, m, inplace));
  for (size_t i = 0; i < n; i++) cr_assert(inplace[i] == out[i]);
}

#define CHECK_ALL(set)                                                        \
  do {                                                                        \
    size_t n_ = N_OF(p_##set);                                                \
    check_set(p_##set, n_, FGROI_METHOD_BONFERRONI, bonferroni_##set);        \
    check_set(p_##set, n_, FGROI_METHOD_HOLM, holm_##set);                    \
    check_set(p_##set, n_, FGROI_METHOD_HOCHBERG, hochberg_##set);            \
    check_set(p_##set, n_, FGROI_METHOD_HOMMEL, hommel_##set);                \
    check_set(p_##set, n_, FGROI_METHOD_BH, bh_##set);                        \
    check_set(p_##set, n_, FGROI_METHOD_BY, by_##set);                        \
    check_set(p_##set, n_, FGROI_METHOD_NONE, p_##set);                       \
    check_set(p_##set, n_, FGROI_METHOD_DEFAULT, holm_##set);                 \
  } while (0)

Test(multiplicity, simple_set_matches_p_adjust) { CHECK_ALL(a); }
Test(multiplicity, ties_zero_and_one_match_p_adjust) { CHECK_ALL(ties); }
Test(multiplicity, mixed_set_matches_p_adjust) { CHECK_ALL(mixed); }
Test(multiplicity, two_pvalues_hommel_is_hochberg) { CHECK_ALL(two); }
Test(multiplicity, only_zeros_and_ones) { CHECK_ALL(zeros); }
Test(multiplicity, single_pvalue_unchanged) { CHECK_ALL(one); }
Test(multiplicity, thirty_pvalues_match_p_adjust) { CHECK_ALL(big); }

Test(multiplicity, adjusted_never_below_raw_and_ordered) {
  /* property: every method except none is >= raw and preserves order */
  const fgroi_method ms[] = { FGROI_METHOD_BONFERRONI, FGROI_METHOD_HOLM, FGROI_METHOD_HOCHBERG,
                              FGROI_METHOD_HOMMEL, FGROI_METHOD_BH, FGROI_METHOD_BY };
  double out[30];
  for (size_t j = 0; j < N_OF(ms); j++) {
    assert_ok(fgroi_multiplicity_adjust(p_big, 30, ms[j], out));
    for (size_t i = 0; i < 30; i++) {
      cr_assert(out[i] >= p_big[i] && out[i] <= 1.0);
      for (size_t k = 0; k < 30; k++)
        if (p_big[i] < p_big[k]) cr_assert(out[i] <= out[k]);
    }
  }
}

Test(multiplicity, bad_inputs_leave_output_untouched) {
  double p[3] = { 0.1, 0.2, 0.3 }, out[3] = { -7, -7, -7 };
  assert_status(fgroi_multiplicity_adjust(NULL, 3, FGROI_METHOD_HOLM, out), FGROI_E_NULL);
  assert_status(fgroi_multiplicity_adjust(p, 3, FGROI_METHOD_HOLM, NULL), FGROI_E_NULL);
  assert_status(fgroi_multiplicity_adjust(p, 0, FGROI_METHOD_HOLM, out), FGROI_E_EMPTY);
  assert_status(fgroi_multiplicity_adjust(p, 3, FGROI_METHOD_WILSON, out), FGROI_E_METHOD);
  assert_status(fgroi_multiplicity_adjust(p, 3, (fgroi_method)9999, out), FGROI_E_METHOD);
  p[1] = NAN;
  assert_status(fgroi_multiplicity_adjust(p, 3, FGROI_METHOD_BH, out), FGROI_E_NAN);
  p[1] = INFINITY;
  assert_status(fgroi_multiplicity_adjust(p, 3, FGROI_METHOD_BH, out), FGROI_E_INFINITE);
  p[1] = -0.01;
  assert_status(fgroi_multiplicity_adjust(p, 3, FGROI_METHOD_BH, out), FGROI_E_PROBABILITY);
  p[1] = 1.0000001;
  assert_status(fgroi_multiplicity_adjust(p, 3, FGROI_METHOD_NONE, out), FGROI_E_PROBABILITY);
  for (int i = 0; i < 3; i++) cr_assert(out[i] == -7);
}

/* Issue 16: Hommel's fused pass equals a plain transliteration of R's
 * p.adjust loop (written here, O(n^2) with the vectors q and pa) bit for
 * bit on a larger set with ties, zeros and ones. */
static void hommel_r_loop(const double *p, int n, double *out) {
  /* R: i <- seq_len(n); o <- order(p); p <- p[o]; ro <- order(o) */
  int *o = malloc((size_t)n * sizeof *o);
  double *s = malloc((size_t)n * sizeof *s), *q = malloc((size_t)n * sizeof *q),
         *pa = malloc((size_t)n * sizeof *pa);
  cr_assert(o && s && q && pa);
  for (int i = 0; i < n; i++) o[i] = i;
  for (int i = 1; i < n; i++) /* stable insertion sort = R's order() */
    for (int k = i; k > 0 && p[o[k - 1]] > p[o[k]]; k--) { int t = o[k]; o[k] = o[k - 1]; o[k - 1] = t; }
  for (int i = 0; i < n; i++) s[i] = p[o[i]];
  double m = INFINITY;
  for (int i = 0; i < n; i++) { double v = n * s[i] / (i + 1); if (v < m) m = v; }
  for (int i = 0; i < n; i++) q[i] = pa[i] = m;
  for (int j = n - 1; j >= 2; j--) {
    double q1 = INFINITY;
    for (int k = 2; k <= j; k++) { double v = j * s[n - j + k - 1] / k; if (v < q1) q1 = v; }
    for (int i = 0; i <= n - j; i++) q[i] = j * s[i] < q1 ? j * s[i] : q1;
    for (int i = n - j + 1; i < n; i++) q[i] = q[n - j];
    for (int i = 0; i < n; i++) if (q[i] > pa[i]) pa[i] = q[i];
  }
  for (int i = 0; i < n; i++) out[o[i]] = pa[i] > s[i] ? pa[i] : s[i];
  free(o); free(s); free(q); free(pa);
}

Test(multiplicity, hommel_large_equals_r_loop) {
  enum { N = 700 };
  static double p[N], got[N], want[N];
  unsigned long long st = 7;
  for (int i = 0; i < N; i++) {
    st = st * 6364136223846793005ULL + 1442695040888963407ULL;
    double u = (double)(st >> 11) / 9007199254740992.0;
    p[i] = i % 7 == 0 ? round(u * 20) / 20 : (i % 11 == 0 ? 0.0 : (i % 13 == 0 ? 1.0 : u * u * u));
  }
  assert_ok(fgroi_multiplicity_adjust(p, N, FGROI_METHOD_HOMMEL, got));
  hommel_r_loop(p, N, want);
  for (int i = 0; i < N; i++) cr_assert(got[i] == want[i], "i=%d got %.17g want %.17g", i, got[i], want[i]);
}

Test(multiplicity, hommel_fast_equals_r_loop_on_many_shapes) {
  enum { N = 1500 };
  static double p[N], got[N], want[N];
  const int sizes[] = { 3, 4, 5, 6, 9, 17, 64, 333, 1000, 1500 };
  for (int shape = 0; shape < 7; shape++)
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
      int n = sizes[z];
      unsigned long long st = 11 + (unsigned long long)(shape * 100 + n);
      for (int i = 0; i < n; i++) {
        st = st * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = (double)(st >> 11) / 9007199254740992.0;
        switch (shape) {
          case 0: p[i] = u; break;                              /* uniform */
          case 1: p[i] = u * u * u * u; break;                  /* many small */
          case 2: p[i] = (double)(i + 1) / n; break;            /* collinear */
          case 3: p[i] = 0.04; break;                           /* all equal */
          case 4: p[i] = round(u * 10) / 10; break;             /* heavy ties */
          case 5: p[i] = i % 3 == 0 ? 0.0 : pow(u, 40); break;  /* zeros, tiny */
          default: p[i] = i < n / 2 ? 1e-6 * u : 0.5 + 0.5 * u; /* two clusters */
        }
      }
      assert_ok(fgroi_multiplicity_adjust(p, (size_t)n, FGROI_METHOD_HOMMEL, got));
      hommel_r_loop(p, n, want);
      for (int i = 0; i < n; i++)
        cr_assert(got[i] == want[i], "shape %d n=%d i=%d got %.17g want %.17g", shape, n, i,
                  got[i], want[i]);
    }
}

/* ---- Sidak and Holm-Sidak (0.2, issue 17), as statsmodels' multipletests ---- */

/* Peer-asserted: statsmodels 0.13.5's test suite (stats/tests/test_multi.py,
 * res_multtest1 and res_multtest3), values of R's multtest::mt.rawp2adjp,
 * columns SidakSS (single step) and SidakSD (step down). multtest computes
 * 1 - (1 - p)^n directly, which loses ~1e-13 relative for p near 5e-5;
 * hence 1e-12 there. Independent: 1 - (1 - p)^k in long double through
 * expm1l / log1pl, with the step-down running maximum written here. */
static const struct { double p, ss, sd; } mt1[] = {
  { 5.23656777208e-05, 0.0005235333970489142, 0.0005235333970489142 },
  { 0.00028140506198, 0.0028104897961789277, 0.0025297966317768816 },
  { 0.0149877310796, 0.14016246580579017, 0.11379719679449507 },
  { 0.0202732688798, 0.18520270949069695, 0.13356756197485375 },
  { 0.177096952723, 0.8576076342605613, 0.6894782512235664 },
  { 0.642193923795, 0.9999656064413357, 0.9941353978255707 },
  { 0.680845947633, 0.9999890351263574, 0.9941353978255707 },
  { 0.71626938238, 0.9999966188687147, 0.9941353978255707 },
  { 0.838541367553, 0.9999999879603823, 0.9941353978255707 },
  { 0.967833824309, 0.9999999999999988, 0.9941353978255707 },
}, mt3[] = {
  { 0.001, 0.00995511979025177, 0.00995511979025177 },
  { 0.002, 0.01982095664805061, 0.0178566699880266 },
  { 0.003, 0.02959822305108317, 0.02374950634358763 },
  { 0.004, 0.03928762649718986, 0.02766623106147537 },
  { 0.005, 0.04888986953422814, 0.02962749064373438 },
  { 0.05, 0.4012630607616213, 0.2262190625000001 },
  { 0.06, 0.4613848859051006, 0.2262190625000001 },
  { 0.07, 0.5160176928207072, 0.2262190625000001 },
  { 0.08, 0.5656115457763677, 0.2262190625000001 },
  { 0.09, 0.6105838818818925, 0.2262190625000001 },
};

static void sidak_reference(const double *p, size_t n, double *ss, double *sd) {
  size_t ord[64];
  for (size_t i = 0; i < n; i++) ord[i] = i;
  for (size_t i = 1; i < n; i++) /* insertion sort, stable */
    for (size_t j = i; j > 0 && p[ord[j - 1]] > p[ord[j]]; j--) {
      size_t t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t;
    }
  long double run = 0.0L;
  for (size_t k = 0; k < n; k++) {
    long double v = -expm1l((long double)(n - k) * log1pl(-(long double)p[ord[k]]));
    if (v > run) run = v;
    sd[ord[k]] = (double)run;
  }
  for (size_t i = 0; i < n; i++) ss[i] = (double)-expm1l((long double)n * log1pl(-(long double)p[i]));
}

Test(multiplicity_v02, sidak_and_holm_sidak_match_multtest_statsmodels_and_closed_form) {
  const struct { const void *rows; size_t n; double tol; } sets[] = { { mt1, 10, 1e-12 }, { mt3, 10, 1e-14 } };
  for (size_t s = 0; s < 2; s++) {
    const struct { double p, ss, sd; } *r = sets[s].rows;
    double p[10], ss[10], sd[10], ref_ss[10], ref_sd[10];
    /* shuffled input order: the result is written back by position */
    for (size_t i = 0; i < 10; i++) p[i] = r[(i * 7) % 10].p;
    assert_ok(fgroi_multiplicity_adjust(p, 10, FGROI_METHOD_SIDAK, ss));
    assert_ok(fgroi_multiplicity_adjust(p, 10, FGROI_METHOD_HOLM_SIDAK, sd));
    sidak_reference(p, 10, ref_ss, ref_sd);
    for (size_t i = 0; i < 10; i++) {
      assert_rel(ss[i], r[(i * 7) % 10].ss, sets[s].tol);
      assert_rel(sd[i], r[(i * 7) % 10].sd, sets[s].tol);
      assert_rel(ss[i], ref_ss[i], 1e-14);
      assert_rel(sd[i], ref_sd[i], 1e-14);
    }
  }
  /* statsmodels 0.13.5 multipletests(p, method = "s" / "hs")[1], with ties,
   * 0 and 1 (rel 1e-15: the same expm1 / log1p arithmetic) */
  static const double p2[11] = { 0.16, 0.07, 0.16, 0.6, 0.07, 1, 0, 1, 0.16, 1e-12, 0.999 };
  static const double s2[11] = { 0.8530829678365761, 0.5498964543232574, 0.8530829678365761,
                                 0.9999580569600001, 0.5498964543232574, 1.0, 0.0, 1.0,
                                 0.8530829678365761, 1.0999999999945e-11, 1.0 };
  static const double h2[11] = { 0.7049096534425601, 0.47958891701151274, 0.7049096534425601, 0.9744,
                                 0.47958891701151274, 1.0, 0.0, 1.0, 0.7049096534425601,
                                 9.999999999954999e-12, 0.999999999 };
  double a[11], b[11];
  assert_ok(fgroi_multiplicity_adjust(p2, 11, FGROI_METHOD_SIDAK, a));
  assert_ok(fgroi_multiplicity_adjust(p2, 11, FGROI_METHOD_HOLM_SIDAK, b));
  for (size_t i = 0; i < 11; i++) {
    assert_rel(a[i], s2[i], 1e-15);
    assert_rel(b[i], h2[i], 1e-15);
    cr_assert(a[i] >= b[i] && b[i] >= p2[i]); /* single step >= step down >= raw */
  }
  /* Holm-Sidak never exceeds Holm, Sidak never exceeds Bonferroni */
  double holm[11], bonf[11];
  assert_ok(fgroi_multiplicity_adjust(p2, 11, FGROI_METHOD_HOLM, holm));
  assert_ok(fgroi_multiplicity_adjust(p2, 11, FGROI_METHOD_BONFERRONI, bonf));
  for (size_t i = 0; i < 11; i++) cr_assert(b[i] <= holm[i] && a[i] <= bonf[i]);
  /* names: libfgroi's and statsmodels' */
  const char *names[] = { "sidak", "s", "holm_sidak", "holm-sidak", "hs" };
  for (size_t i = 0; i < 5; i++) {
    fgroi_method m;
    assert_ok(fgroi_method_from_name(names[i], &m));
    cr_assert_eq(m, i < 2 ? FGROI_METHOD_SIDAK : FGROI_METHOD_HOLM_SIDAK);
  }
}

/* ---- issue 16: fgroi_multiplicity_adjust_ctl --------------------------------- */

#define CTL_N 400000
typedef struct { double *adj; fgroi_method method; size_t n; } ctl_adjust_out;
static double *ctl_p;

static void ctl_fill_p(void) {
  if (ctl_p != NULL) return;
  ctl_p = malloc(CTL_N * sizeof *ctl_p);
  cr_assert(ctl_p != NULL);
  uint64_t s = 12345;
  for (size_t i = 0; i < CTL_N; i++) { /* many small p-values: Hommel's hard case */
    s = s * 6364136223846793005u + 1442695040888963407u;
    double u = (double)(s >> 11) * 0x1.0p-53;
    ctl_p[i] = i % 10 == 0 ? u * 1e-6 : u;
  }
}
static fgroi_status ctl_adjust(const fgroi_control *c, void *out) {
  ctl_adjust_out *o = out;
  return fgroi_multiplicity_adjust_ctl(ctl_p, o->n, o->method, c, o->adj);
}

Test(multiplicity_control, hommel_cancels_and_reports, .timeout = 300) {
  ctl_fill_p();
  double *adj = malloc(CTL_N * sizeof *adj), *plain = malloc(CTL_N * sizeof *plain);
  cr_assert(adj != NULL && plain != NULL);
  for (size_t i = 0; i < CTL_N; i++) adj[i] = -7.0;
  ctl_adjust_out o = { adj, FGROI_METHOD_HOMMEL, CTL_N };
  ctl_assert_cancels(ctl_adjust, &o, sizeof o, "hommel 4e5");
  for (size_t i = 0; i < CTL_N; i++) cr_assert_eq(adj[i], -7.0, "adjusted[%zu] written on cancel", i);
  o.n = 100000;
  ctl_assert_progress(ctl_adjust, &o, "hommel 1e5");
  assert_ok(fgroi_multiplicity_adjust(ctl_p, 100000, FGROI_METHOD_HOMMEL, plain));
  cr_assert(memcmp(adj, plain, 100000 * sizeof *adj) == 0, "the control changed the result");
  o.method = FGROI_METHOD_BY; /* the sorted step-up methods report too */
  ctl_assert_progress(ctl_adjust, &o, "BY 1e5");
  assert_ok(fgroi_multiplicity_adjust(ctl_p, 100000, FGROI_METHOD_BY, plain));
  cr_assert(memcmp(adj, plain, 100000 * sizeof *adj) == 0);
  o.method = FGROI_METHOD_BONFERRONI;
  ctl_assert_progress(ctl_adjust, &o, "bonferroni");
  ctl_assert_refuses_bad_control(ctl_adjust, &o, "multiplicity");
  free(adj);
  free(plain);
}
