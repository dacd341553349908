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

/* ---- statsmodels' adaptive FDR methods (0.2) ------------------------------------------ *
 * mt3 / mtl: R multtest mt.rawp2adjp "TSBH_0.05" columns as statsmodels'
 * own suite asserts them (test_multi.py res_multtest3, res0_large);
 * bky_p: Benjamini, Krieger & Yekutieli (2006), section 5 (the Benjamini &
 * Hochberg 1995 example); the sm_* arrays: statsmodels 0.13.5
 * multipletests(p, alpha, method)[1] printed with repr (generated by a
 * script over the sets below at alpha 0.05, 0.1, 0.01). */
static const double mt3_p[10] = { 0.001, 0.002, 0.003, 0.004, 0.005, 0.05, 0.06, 0.07, 0.08, 0.09 };
static const double mt3_tsbh[10] = { 0.005, 0.005, 0.005, 0.005, 0.005, 0.04166666666666667, 0.04285714285714286, 0.04375, 0.04444444444444445, 0.045 };
static const double mtl_p[30] = { 0.00031612, 0.0003965, 0.00048442, 0.00051932, 0.00101436, 0.00121506, 0.0014516, 0.00265684, 0.00430043, 0.01743686, 0.02080285, 0.02785414, 0.0327198, 0.03494679, 0.04206808, 0.08067095, 0.23882767, 0.28352304, 0.36140401, 0.43565145, 0.44866768, 0.45368782, 0.48282088, 0.49223781, 0.55451638, 0.6207473, 0.71847853, 0.72424145, 0.85950263, 0.89032747 };
static const double mtl_tsbh[30] = { 0.00272643, 0.00272643, 0.00272643, 0.00272643, 0.00425271, 0.00425271, 0.0043548, 0.006974205, 0.01003433666666667, 0.036617406, 0.03971453181818182, 0.048744745, 0.052420185, 0.052420185, 0.058895312, 0.105880621875, 0.295022415882353, 0.33077688, 0.399446537368421, 0.43070808375, 0.43070808375, 0.43070808375, 0.43070808375, 0.43070808375, 0.4657937592, 0.5013728192307692, 0.5431810875, 0.5431810875, 0.622398456206897, 0.623229229 };
static const double bky_p[15] = { 0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0 };
static const double ties_p[14] = { 0.16, 0.07, 0.16, 0.6, 0.07, 1.0, 0.0, 1.0, 0.16, 1e-12, 0.999, 0.003, 0.003, 0.02 };
static const double small_p[4] = { 0.001, 0.002, 0.003, 0.004 };
static const double none_p[4] = { 0.3, 0.5, 0.9, 0.04 };
static const double one_p[1] = { 0.02 };
static const double two_p[2] = { 0.01, 0.6 };
static const double sm_bky_tsbh_a05[15] = { 0.0010999999999999998, 0.0021999999999999997, 0.006966666666666666, 0.026124999999999995, 0.044219999999999995, 0.04682857142857143, 0.04682857142857143, 0.047299999999999995, 0.056100000000000004, 0.3564, 0.4262, 0.5242416666666666, 0.5523692307692307, 0.5963571428571428, 0.7333333333333333 };
static const double sm_bky_tsbky_a05[15] = { 0.001155, 0.00231, 0.0073149999999999995, 0.027431249999999997, 0.046431, 0.04917, 0.04917, 0.049664999999999994, 0.058905000000000006, 0.37422, 0.44751, 0.55045375, 0.5799876923076923, 0.6261749999999999, 0.77 };
static const double sm_bky_gbs_a05[15] = { 0.0015001500150015003, 0.0028011204481792717, 0.008249006445579934, 0.028773346794548203, 0.045127053780998065, 0.0476582321881643, 0.0476582321881643, 0.0476582321881643, 0.0476582321881643, 0.2875739644970414, 0.3376215976425109, 0.4453009421474733, 0.4453009421474733, 0.44991108476585656, 1.0 };
static const double sm_ties_tsbh_a05[14] = { 0.16, 0.1, 0.16, 0.5454545454545455, 0.1, 0.7142857142857143, 0.0, 0.7142857142857143, 0.16, 5.0000000000000005e-12, 0.7142857142857143, 0.007500000000000001, 0.007500000000000001, 0.04 };
static const double sm_ties_tsbky_a05[14] = { 0.168, 0.10500000000000001, 0.168, 0.5727272727272729, 0.10500000000000001, 0.75, 0.0, 0.75, 0.168, 5.2500000000000004e-12, 0.75, 0.007875000000000002, 0.007875000000000002, 0.042 };
static const double sm_ties_gbs_a05[14] = { 0.16666666666666669, 0.11290322580645164, 0.16666666666666669, 0.5454545454545454, 0.11290322580645164, 1.0, 0.0, 1.0, 0.16666666666666669, 6.5000000000065e-12, 1.0, 0.012036108324974926, 0.012036108324974926, 0.04081632653061225 };
static const double sm_small_tsbh_a05[4] = { 0.004, 0.004, 0.004, 0.004 };
static const double sm_small_tsbky_a05[4] = { 0.004200000000000001, 0.004200000000000001, 0.004200000000000001, 0.004200000000000001 };
static const double sm_small_gbs_a05[4] = { 0.004004004004004004, 0.004004004004004004, 0.004004004004004004, 0.004004004004004004 };
static const double sm_none_tsbh_a05[4] = { 0.6, 0.6666666666666666, 0.9, 0.16 };
static const double sm_none_tsbky_a05[4] = { 0.63, 0.7, 0.9450000000000001, 0.168 };
static const double sm_none_gbs_a05[4] = { 0.6428571428571428, 0.6666666666666666, 1.0, 0.16666666666666669 };
static const double sm_one_tsbh_a05[1] = { 0.02 };
static const double sm_one_tsbky_a05[1] = { 0.021 };
static const double sm_one_gbs_a05[1] = { 0.020408163265306124 };
static const double sm_two_tsbh_a05[2] = { 0.01, 0.3 };
static const double sm_two_tsbky_a05[2] = { 0.0105, 0.315 };
static const double sm_two_gbs_a05[2] = { 0.020202020202020204, 0.7499999999999999 };
static const double sm_bky_tsbh_a1[15] = { 0.0006000000000000001, 0.0012000000000000001, 0.0038, 0.014249999999999999, 0.024120000000000003, 0.025542857142857145, 0.025542857142857145, 0.025800000000000003, 0.030600000000000006, 0.19440000000000002, 0.2324727272727273, 0.28595, 0.30129230769230775, 0.3252857142857143, 0.4 };
static const double sm_bky_tsbky_a1[15] = { 0.0006600000000000001, 0.0013200000000000002, 0.0041800000000000006, 0.015675, 0.026532000000000003, 0.028097142857142862, 0.028097142857142862, 0.028380000000000006, 0.03366000000000001, 0.21384000000000003, 0.25572000000000006, 0.314545, 0.33142153846153855, 0.35781428571428575, 0.44000000000000006 };
static const double sm_bky_gbs_a1[15] = { 0.0015001500150015003, 0.0028011204481792717, 0.008249006445579934, 0.028773346794548203, 0.045127053780998065, 0.0476582321881643, 0.0476582321881643, 0.0476582321881643, 0.0476582321881643, 0.2875739644970414, 0.3376215976425109, 0.4453009421474733, 0.4453009421474733, 0.44991108476585656, 1.0 };
static const double sm_ties_tsbh_a1[14] = { 0.14400000000000002, 0.09000000000000001, 0.14400000000000002, 0.49090909090909096, 0.09000000000000001, 0.6428571428571429, 0.0, 0.6428571428571429, 0.14400000000000002, 4.500000000000001e-12, 0.6428571428571429, 0.006750000000000001, 0.006750000000000001, 0.036000000000000004 };
static const double sm_ties_tsbky_a1[14] = { 0.15840000000000004, 0.09900000000000002, 0.15840000000000004, 0.5400000000000001, 0.09900000000000002, 0.7071428571428573, 0.0, 0.7071428571428573, 0.15840000000000004, 4.950000000000001e-12, 0.7071428571428573, 0.007425000000000001, 0.007425000000000001, 0.03960000000000001 };
static const double sm_ties_gbs_a1[14] = { 0.16666666666666669, 0.11290322580645164, 0.16666666666666669, 0.5454545454545454, 0.11290322580645164, 1.0, 0.0, 1.0, 0.16666666666666669, 6.5000000000065e-12, 1.0, 0.012036108324974926, 0.012036108324974926, 0.04081632653061225 };
static const double sm_small_tsbh_a1[4] = { 0.004, 0.004, 0.004, 0.004 };
static const double sm_small_tsbky_a1[4] = { 0.0044, 0.0044, 0.0044, 0.0044 };
static const double sm_small_gbs_a1[4] = { 0.004004004004004004, 0.004004004004004004, 0.004004004004004004, 0.004004004004004004 };
static const double sm_none_tsbh_a1[4] = { 0.6, 0.6666666666666666, 0.9, 0.16 };
static const double sm_none_tsbky_a1[4] = { 0.66, 0.7333333333333334, 0.9900000000000001, 0.17600000000000002 };
static const double sm_none_gbs_a1[4] = { 0.6428571428571428, 0.6666666666666666, 1.0, 0.16666666666666669 };
static const double sm_one_tsbh_a1[1] = { 0.02 };
static const double sm_one_tsbky_a1[1] = { 0.022000000000000002 };
static const double sm_one_gbs_a1[1] = { 0.020408163265306124 };
static const double sm_two_tsbh_a1[2] = { 0.01, 0.3 };
static const double sm_two_tsbky_a1[2] = { 0.011000000000000001, 0.33 };
static const double sm_two_gbs_a1[2] = { 0.020202020202020204, 0.7499999999999999 };
static const double sm_bky_tsbh_a01[15] = { 0.0012000000000000001, 0.0024000000000000002, 0.0076, 0.028499999999999998, 0.048240000000000005, 0.05108571428571429, 0.05108571428571429, 0.05160000000000001, 0.06120000000000001, 0.38880000000000003, 0.4649454545454546, 0.5719, 0.6025846153846155, 0.6505714285714286, 0.8 };
static const double sm_bky_tsbky_a01[15] = { 0.0012120000000000002, 0.0024240000000000004, 0.007676, 0.028784999999999998, 0.048722400000000006, 0.051596571428571436, 0.051596571428571436, 0.05211600000000001, 0.06181200000000001, 0.39268800000000004, 0.4695949090909092, 0.577619, 0.6086104615384617, 0.6570771428571429, 0.808 };
static const double sm_bky_gbs_a01[15] = { 0.0015001500150015003, 0.0028011204481792717, 0.008249006445579934, 0.028773346794548203, 0.045127053780998065, 0.0476582321881643, 0.0476582321881643, 0.0476582321881643, 0.0476582321881643, 0.2875739644970414, 0.3376215976425109, 0.4453009421474733, 0.4453009421474733, 0.44991108476585656, 1.0 };
static const double sm_ties_tsbh_a01[14] = { 0.192, 0.12000000000000001, 0.192, 0.6545454545454545, 0.12000000000000001, 0.8571428571428571, 0.0, 0.8571428571428571, 0.192, 5.9999999999999995e-12, 0.8571428571428571, 0.009, 0.009, 0.048 };
static const double sm_ties_tsbky_a01[14] = { 0.19392, 0.12120000000000002, 0.19392, 0.6610909090909091, 0.12120000000000002, 0.8657142857142857, 0.0, 0.8657142857142857, 0.19392, 6.06e-12, 0.8657142857142857, 0.009089999999999999, 0.009089999999999999, 0.04848 };
static const double sm_ties_gbs_a01[14] = { 0.16666666666666669, 0.11290322580645164, 0.16666666666666669, 0.5454545454545454, 0.11290322580645164, 1.0, 0.0, 1.0, 0.16666666666666669, 6.5000000000065e-12, 1.0, 0.012036108324974926, 0.012036108324974926, 0.04081632653061225 };
static const double sm_small_tsbh_a01[4] = { 0.004, 0.004, 0.004, 0.004 };
static const double sm_small_tsbky_a01[4] = { 0.00404, 0.00404, 0.00404, 0.00404 };
static const double sm_small_gbs_a01[4] = { 0.004004004004004004, 0.004004004004004004, 0.004004004004004004, 0.004004004004004004 };
static const double sm_none_tsbh_a01[4] = { 0.6, 0.6666666666666666, 0.9, 0.16 };
static const double sm_none_tsbky_a01[4] = { 0.606, 0.6733333333333333, 0.909, 0.1616 };
static const double sm_none_gbs_a01[4] = { 0.6428571428571428, 0.6666666666666666, 1.0, 0.16666666666666669 };
static const double sm_one_tsbh_a01[1] = { 0.02 };
static const double sm_one_tsbky_a01[1] = { 0.0202 };
static const double sm_one_gbs_a01[1] = { 0.020408163265306124 };
static const double sm_two_tsbh_a01[2] = { 0.02, 0.6 };
static const double sm_two_tsbky_a01[2] = { 0.0202, 0.606 };
static const double sm_two_gbs_a01[2] = { 0.020202020202020204, 0.7499999999999999 };
static const struct { const double *p; size_t n; double alpha; fgroi_method method; const double *want; } sm_rows[] = {
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.05, FGROI_METHOD_BH_TWO_STAGE, sm_bky_tsbh_a05 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.05, FGROI_METHOD_BKY, sm_bky_tsbky_a05 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.05, FGROI_METHOD_GBS, sm_bky_gbs_a05 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.05, FGROI_METHOD_BH_TWO_STAGE, sm_ties_tsbh_a05 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.05, FGROI_METHOD_BKY, sm_ties_tsbky_a05 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.05, FGROI_METHOD_GBS, sm_ties_gbs_a05 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.05, FGROI_METHOD_BH_TWO_STAGE, sm_small_tsbh_a05 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.05, FGROI_METHOD_BKY, sm_small_tsbky_a05 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.05, FGROI_METHOD_GBS, sm_small_gbs_a05 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.05, FGROI_METHOD_BH_TWO_STAGE, sm_none_tsbh_a05 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.05, FGROI_METHOD_BKY, sm_none_tsbky_a05 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.05, FGROI_METHOD_GBS, sm_none_gbs_a05 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.05, FGROI_METHOD_BH_TWO_STAGE, sm_one_tsbh_a05 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.05, FGROI_METHOD_BKY, sm_one_tsbky_a05 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.05, FGROI_METHOD_GBS, sm_one_gbs_a05 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.05, FGROI_METHOD_BH_TWO_STAGE, sm_two_tsbh_a05 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.05, FGROI_METHOD_BKY, sm_two_tsbky_a05 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.05, FGROI_METHOD_GBS, sm_two_gbs_a05 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.1, FGROI_METHOD_BH_TWO_STAGE, sm_bky_tsbh_a1 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.1, FGROI_METHOD_BKY, sm_bky_tsbky_a1 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.1, FGROI_METHOD_GBS, sm_bky_gbs_a1 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.1, FGROI_METHOD_BH_TWO_STAGE, sm_ties_tsbh_a1 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.1, FGROI_METHOD_BKY, sm_ties_tsbky_a1 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.1, FGROI_METHOD_GBS, sm_ties_gbs_a1 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.1, FGROI_METHOD_BH_TWO_STAGE, sm_small_tsbh_a1 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.1, FGROI_METHOD_BKY, sm_small_tsbky_a1 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.1, FGROI_METHOD_GBS, sm_small_gbs_a1 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.1, FGROI_METHOD_BH_TWO_STAGE, sm_none_tsbh_a1 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.1, FGROI_METHOD_BKY, sm_none_tsbky_a1 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.1, FGROI_METHOD_GBS, sm_none_gbs_a1 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.1, FGROI_METHOD_BH_TWO_STAGE, sm_one_tsbh_a1 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.1, FGROI_METHOD_BKY, sm_one_tsbky_a1 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.1, FGROI_METHOD_GBS, sm_one_gbs_a1 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.1, FGROI_METHOD_BH_TWO_STAGE, sm_two_tsbh_a1 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.1, FGROI_METHOD_BKY, sm_two_tsbky_a1 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.1, FGROI_METHOD_GBS, sm_two_gbs_a1 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.01, FGROI_METHOD_BH_TWO_STAGE, sm_bky_tsbh_a01 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.01, FGROI_METHOD_BKY, sm_bky_tsbky_a01 },
  { bky_p, sizeof bky_p / sizeof bky_p[0], 0.01, FGROI_METHOD_GBS, sm_bky_gbs_a01 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.01, FGROI_METHOD_BH_TWO_STAGE, sm_ties_tsbh_a01 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.01, FGROI_METHOD_BKY, sm_ties_tsbky_a01 },
  { ties_p, sizeof ties_p / sizeof ties_p[0], 0.01, FGROI_METHOD_GBS, sm_ties_gbs_a01 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.01, FGROI_METHOD_BH_TWO_STAGE, sm_small_tsbh_a01 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.01, FGROI_METHOD_BKY, sm_small_tsbky_a01 },
  { small_p, sizeof small_p / sizeof small_p[0], 0.01, FGROI_METHOD_GBS, sm_small_gbs_a01 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.01, FGROI_METHOD_BH_TWO_STAGE, sm_none_tsbh_a01 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.01, FGROI_METHOD_BKY, sm_none_tsbky_a01 },
  { none_p, sizeof none_p / sizeof none_p[0], 0.01, FGROI_METHOD_GBS, sm_none_gbs_a01 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.01, FGROI_METHOD_BH_TWO_STAGE, sm_one_tsbh_a01 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.01, FGROI_METHOD_BKY, sm_one_tsbky_a01 },
  { one_p, sizeof one_p / sizeof one_p[0], 0.01, FGROI_METHOD_GBS, sm_one_gbs_a01 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.01, FGROI_METHOD_BH_TWO_STAGE, sm_two_tsbh_a01 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.01, FGROI_METHOD_BKY, sm_two_tsbky_a01 },
  { two_p, sizeof two_p / sizeof two_p[0], 0.01, FGROI_METHOD_GBS, sm_two_gbs_a01 },
};

Test(multiplicity_v02, two_stage_bh_matches_r_multtest_tsbh) {
  double a[30];
  assert_ok(fgroi_multiplicity_adjust_alpha(mt3_p, 10, 0.05, FGROI_METHOD_BH_TWO_STAGE, a));
  for (size_t i = 0; i < 10; i++) assert_rel(a[i], mt3_tsbh[i], 1e-15);
  assert_ok(fgroi_multiplicity_adjust_alpha(mtl_p, 30, 0.05, FGROI_METHOD_BH_TWO_STAGE, a));
  for (size_t i = 0; i < 30; i++) assert_rel(a[i], mtl_tsbh[i], 1e-8); /* R printed 9 digits */
}

Test(multiplicity_v02, adaptive_fdr_matches_statsmodels) {
  for (size_t r = 0; r < sizeof sm_rows / sizeof sm_rows[0]; r++) {
    double a[32], sh[32], b[32];
    size_t n = sm_rows[r].n;
    assert_ok(fgroi_multiplicity_adjust_alpha(sm_rows[r].p, n, sm_rows[r].alpha, sm_rows[r].method, a));
    for (size_t i = 0; i < n; i++) {
      assert_rel(a[i], sm_rows[r].want[i], 1e-12);
      cr_assert(a[i] >= 0.0 && a[i] <= 1.0);
    }
    /* shuffled input: the same values by position; in place works */
    for (size_t i = 0; i < n; i++) sh[i] = sm_rows[r].p[(i * 5 + 3) % n];
    if (n % 5 != 0) {
      assert_ok(fgroi_multiplicity_adjust_alpha(sh, n, sm_rows[r].alpha, sm_rows[r].method, sh));
      for (size_t i = 0; i < n; i++) assert_rel(sh[i], sm_rows[r].want[(i * 5 + 3) % n], 1e-12);
    }
    /* fgroi_multiplicity_adjust is statsmodels' default alpha 0.05 */
    if (sm_rows[r].alpha == 0.05) {
      assert_ok(fgroi_multiplicity_adjust(sm_rows[r].p, n, sm_rows[r].method, b));
      for (size_t i = 0; i < n; i++) cr_assert(b[i] == a[i]);
    }
  }
}

Test(multiplicity_v02, bky_reproduces_the_papers_example) {
  /* BKY 2006: at q = 0.05 the linear step-up (BH) rejects 4 of the 15, the
   * two-stage procedure 8 (stage 2 at q* = 0.0649) */
  double bh[15], tst[15];
  assert_ok(fgroi_multiplicity_adjust_alpha(bky_p, 15, 0.05, FGROI_METHOD_BH, bh));
  assert_ok(fgroi_multiplicity_adjust_alpha(bky_p, 15, 0.05, FGROI_METHOD_BKY, tst));
  size_t rb = 0, rt = 0;
  for (size_t i = 0; i < 15; i++) { rb += bh[i] <= 0.05; rt += tst[i] <= 0.05; }
  cr_assert_eq(rb, 4);
  cr_assert_eq(rt, 8);
  /* independently: stage 1 at q' = q/(1+q) rejects r1; stage 2 is BH at
   * q* = q' m/(m - r1) */
  for (double q = 0.01; q < 0.5; q += 0.01) {
    double qp = q / (1 + q);
    size_t r1 = 0, r2 = 0;
    for (size_t i = 0; i < 15; i++) if (bky_p[i] <= (i + 1) * qp / 15) r1 = i + 1;
    if (r1 == 0) r2 = 0;
    else if (r1 == 15) r2 = 15;
    else {
      double qs = qp * 15 / (double)(15 - r1);
      for (size_t i = 0; i < 15; i++) if (bky_p[i] <= (i + 1) * qs / 15) r2 = i + 1;
    }
    assert_ok(fgroi_multiplicity_adjust_alpha(bky_p, 15, q, FGROI_METHOD_BKY, tst));
    size_t got = 0;
    for (size_t i = 0; i < 15; i++) got += tst[i] <= q * (1 + 1e-12);
    cr_assert_eq(got, r2, "q = %g: %zu rejected, want %zu", q, got, r2);
    if (fabs(q - 0.05) < 1e-9) cr_assert(fabs(qp * 15 / (15.0 - (double)r1) - 0.0649) < 5e-5);
  }
}

Test(multiplicity_v02, gbs_rejects_as_the_step_down_of_the_paper) {
  /* Gavrilov, Benjamini & Sarkar (2009): reject H_(1..i) while
   * p_(j) <= j q / (m + 1 - j (1 - q)); the adjusted values give the same
   * rejections at every q */
  const double *sets[] = { bky_p, mt3_p, mtl_p, ties_p };
  const size_t ns[] = { 15, 10, 30, 14 };
  for (size_t s = 0; s < 4; s++) {
    size_t m = ns[s];
    double sorted[32], a[32];
    memcpy(sorted, sets[s], m * sizeof *sorted);
    for (size_t i = 1; i < m; i++) /* insertion sort */
      for (size_t j = i; j > 0 && sorted[j] < sorted[j - 1]; j--) {
        double t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t;
      }
    assert_ok(fgroi_multiplicity_adjust_alpha(sets[s], m, 0.05, FGROI_METHOD_GBS, a));
    for (double q = 0.005; q < 0.6; q += 0.005) {
      size_t want = 0;
      while (want < m && sorted[want] <= (want + 1) * q / (m + 1 - (want + 1) * (1 - q))) want++;
      size_t got = 0;
      for (size_t i = 0; i < m; i++) got += a[i] <= q;
      /* a p-value within rounding of its critical value may go either way */
      size_t slack = 0;
      for (size_t i = 0; i < m; i++) {
        double c = (i + 1) * q / (m + 1 - (i + 1) * (1 - q));
        if (fabs(sorted[i] - c) <= 1e-12 * c) slack++;
      }
      cr_assert(got + slack >= want && got <= want + slack, "set %zu q %g: %zu vs %zu", s, q, got, want);
    }
  }
}

Test(multiplicity_v02, adaptive_fdr_names_and_errors) {
  const struct { const char *name; fgroi_method m; } names[] = {
    { "bh_two_stage", FGROI_METHOD_BH_TWO_STAGE }, { "fdr_tsbh", FGROI_METHOD_BH_TWO_STAGE },
    { "fdr_2sbh", FGROI_METHOD_BH_TWO_STAGE }, { "bky", FGROI_METHOD_BKY },
    { "fdr_tsbky", FGROI_METHOD_BKY }, { "fdr_2sbky", FGROI_METHOD_BKY },
    { "fdr_twostage", FGROI_METHOD_BKY }, { "gbs", FGROI_METHOD_GBS }, { "fdr_gbs", FGROI_METHOD_GBS },
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    fgroi_method m;
    assert_ok(fgroi_method_from_name(names[i].name, &m));
    cr_assert_eq(m, names[i].m, "%s", names[i].name);
  }
  cr_assert_str_eq(fgroi_method_name(FGROI_METHOD_BKY), "bky");
  double a[4] = { -1, -1, -1, -1 };
  const double bad[] = { 0.0, 1.0, -0.1, 1.5, NAN };
  for (size_t i = 0; i < 4; i++)
    assert_status(fgroi_multiplicity_adjust_alpha(small_p, 4, bad[i], FGROI_METHOD_BKY, a), FGROI_E_PROBABILITY);
  assert_status(fgroi_multiplicity_adjust_alpha(small_p, 4, bad[4], FGROI_METHOD_BKY, a), FGROI_E_NAN);
  assert_status(fgroi_multiplicity_adjust_alpha(small_p, 4, INFINITY, FGROI_METHOD_BKY, a), FGROI_E_INFINITE);
  assert_status(fgroi_multiplicity_adjust_alpha(small_p, 0, 0.05, FGROI_METHOD_BKY, a), FGROI_E_EMPTY);
  assert_status(fgroi_multiplicity_adjust_alpha(NULL, 4, 0.05, FGROI_METHOD_BKY, a), FGROI_E_NULL);
  assert_status(fgroi_multiplicity_adjust_alpha(small_p, 4, 0.05, FGROI_METHOD_WILSON, a), FGROI_E_METHOD);
  for (size_t i = 0; i < 4; i++) cr_assert(a[i] == -1); /* untouched */
  /* alpha-free methods ignore alpha */
  double h1[4], h2[4];
  assert_ok(fgroi_multiplicity_adjust_alpha(none_p, 4, 0.2, FGROI_METHOD_HOLM, h1));
  assert_ok(fgroi_multiplicity_adjust(none_p, 4, FGROI_METHOD_HOLM, h2));
  for (size_t i = 0; i < 4; i++) cr_assert(h1[i] == h2[i]);
}
