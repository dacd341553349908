/* Tests for lib/exact2x2.c: Barnard's and Boschloo's exact unconditional
 * tests, the score-statistic exact unconditional test and interval for
 * p1 - p2, and the small-table odds-ratio intervals.
 * References: scipy 1.10.1 barnard_exact / boschloo_exact (n = 400
 * sampling points), R 4.x fisher.test and tight uniroot over the
 * noncentral hypergeometric, and this file's own brute-force enumeration
 * (every table, every (p1, p2) product summed directly, nuisance on a fine
 * grid) written independently of the library's engine. */
#include "fgroi_control_test.h" /* first: it sets _POSIX_C_SOURCE */

#include <stdlib.h>

#include "fgroi_test.h"

/* ---- issue 14: limits checked before work (regressions) ----------------- */

/* n1 + n2 overflowed int64 in the limit checks: heap overflow in
 * e2_log_factorials (diff_ci / diff_test), a garbage interval with OK
 * (odds_ratio_ci). */
Test(harden, exact2x2_sizes_near_int64_max_too_large, .timeout = 30) {
  const int64_t big = (int64_t)1 << 62;
  fgroi_interval ci = FGROI_INIT(fgroi_interval), ci0 = ci;
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_exact2x2_diff_ci(0, big, 0, big, FGROI_METHOD_DEFAULT, 0.95,
                                       FGROI_TWO_SIDED, NULL, &ci), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_diff_test(0, big, 0, big, 0.0, FGROI_METHOD_DEFAULT,
                                         FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_odds_ratio_ci(1, big, 1, big, FGROI_METHOD_DEFAULT, 0.95,
                                             FGROI_TWO_SIDED, &ci), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_odds_ratio_ci(1, INT64_MAX, 1, INT64_MAX, FGROI_METHOD_DEFAULT,
                                             0.95, FGROI_TWO_SIDED, &ci), FGROI_E_TOO_LARGE);
  cr_assert(memcmp(&ci, &ci0, sizeof ci) == 0, "output written on error");
}


/* ---- independent brute force ---------------------------------------------- */

static double bf_lchoose(int64_t n, int64_t k) {
  return lgamma((double)n + 1.0) - lgamma((double)k + 1.0) - lgamma((double)(n - k) + 1.0);
}

static double bf_dbinom(int64_t k, int64_t n, double p) {
  if (p <= 0.0) return k == 0 ? 1.0 : 0.0;
  if (p >= 1.0) return k == n ? 1.0 : 0.0;
  return exp(bf_lchoose(n, k) + (double)k * log(p) + (double)(n - k) * log1p(-p));
}

/* Fisher conditional p-value of table (x1, x2): side 0 two-sided
 * (probabilities <= observed, tolerance 1e-7), 1 less, 2 greater. */
static double bf_fisher(int64_t x1, int64_t n1, int64_t x2, int64_t n2, int side) {
  int64_t s = x1 + x2, lo = s > n2 ? s - n2 : 0, hi = s < n1 ? s : n1;
  double tot = 0.0, fx = exp(bf_lchoose(n1, x1) + bf_lchoose(n2, x2) - bf_lchoose(n1 + n2, s));
  for (int64_t y = lo; y <= hi; y++) {
    double f = exp(bf_lchoose(n1, y) + bf_lchoose(n2, s - y) - bf_lchoose(n1 + n2, s));
    if ((side == 0 && f <= fx * (1 + 1e-7)) || (side == 1 && y <= x1) || (side == 2 && y >= x1))
      tot += f;
  }
  return tot;
}

static double bf_z(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  double p1 = (double)x1 / n1, p2 = (double)x2 / n2, pb = (double)(x1 + x2) / (n1 + n2);
  double v = pb * (1 - pb) * (1.0 / n1 + 1.0 / n2);
  return v > 0 ? (p1 - p2) / sqrt(v) : 0.0;
}

/* extremeness (larger = more extreme) */
static double bf_e(int boschloo, int side, int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  if (boschloo) return -bf_fisher(x1, n1, x2, n2, side);
  double z = bf_z(x1, n1, x2, n2);
  return side == 0 ? fabs(z) : (side == 1 ? -z : z);
}

/* max over pi of P(e >= e_obs): 4000-point grid then golden section. */
static double bf_region_prob(const unsigned char *in, int64_t n1, int64_t n2, double pi) {
  double acc = 0.0, f2[64];
  for (int64_t b = 0; b <= n2; b++) f2[b] = bf_dbinom(b, n2, pi);
  for (int64_t a = 0; a <= n1; a++) {
    double f1 = bf_dbinom(a, n1, pi);
    for (int64_t b = 0; b <= n2; b++)
      if (in[a * (n2 + 1) + b]) acc += f1 * f2[b];
  }
  return acc;
}

/* max over pi of the region's probability; frees `in`. */
static double bf_max_over_pi(unsigned char *in, int64_t n1, int64_t n2);

static double bf_pvalue(int boschloo, int side, int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  unsigned char *in = calloc((size_t)((n1 + 1) * (n2 + 1)), 1);
  double eo = bf_e(boschloo, side, x1, n1, x2, n2);
  for (int64_t a = 0; a <= n1; a++)
    for (int64_t b = 0; b <= n2; b++)
      in[a * (n2 + 1) + b] = bf_e(boschloo, side, a, n1, b, n2) >= eo - 1e-7 * fabs(eo);
  return bf_max_over_pi(in, n1, n2);
}

static double bf_max_over_pi(unsigned char *in, int64_t n1, int64_t n2) {
  const int G = 4000;
  double best = -1, bpi = 0;
  for (int i = 0; i <= G; i++) {
    double v = bf_region_prob(in, n1, n2, (double)i / G);
    if (v > best) { best = v; bpi = (double)i / G; }
  }
  double a = fmax(0, bpi - 1.0 / G), b = fmin(1, bpi + 1.0 / G);
  for (int it = 0; it < 80; it++) {
    double c = a + 0.382 * (b - a), d = b - 0.382 * (b - a);
    if (bf_region_prob(in, n1, n2, c) > bf_region_prob(in, n1, n2, d)) b = d; else a = c;
  }
  best = fmax(best, bf_region_prob(in, n1, n2, 0.5 * (a + b)));
  free(in);
  return best;
}

/* ---- scipy 1.10.1 reference values ------------------------------------------ */

typedef struct { int64_t x1, n1, x2, n2; fgroi_method m; fgroi_alternative alt; double stat, p; } ref_row;

/* /usr/bin/python3: scipy.stats.barnard_exact / boschloo_exact(
 *   [[x1, x2], [n1 - x1, n2 - x2]], alternative, n=400) */
static const ref_row scipy_rows[] = {
  {7, 12, 2, 10, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, 1.8208979970524202, 0.07455015182495116},
  {7, 12, 2, 10, FGROI_METHOD_BARNARD, FGROI_LESS, 1.8208979970524202, 1.0},
  {7, 12, 2, 10, FGROI_METHOD_BARNARD, FGROI_GREATER, 1.8208979970524202, 0.04141085257794665},
  {7, 12, 2, 10, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.08204334365325078, 0.0828217051558933},
  {7, 12, 2, 10, FGROI_METHOD_BOSCHLOO, FGROI_LESS, 0.9896063688633348, 0.9709594177337394},
  {7, 12, 2, 10, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, 0.08204334365325078, 0.04141085257794665},
  {0, 8, 5, 9, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, -2.509242175696937, 0.014648437499999993},
  {0, 8, 5, 9, FGROI_METHOD_BARNARD, FGROI_LESS, -2.509242175696937, 0.0075889532589762864},
  {0, 8, 5, 9, FGROI_METHOD_BARNARD, FGROI_GREATER, -2.509242175696937, 1.0},
  {0, 8, 5, 9, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.020361990950226245, 0.015177906517952573},
  {0, 8, 5, 9, FGROI_METHOD_BOSCHLOO, FGROI_LESS, 0.020361990950226245, 0.0075889532589762864},
  {0, 8, 5, 9, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, 1.0, 1.0},
  {3, 10, 3, 10, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, 0.0, 1.0},
  {3, 10, 3, 10, FGROI_METHOD_BARNARD, FGROI_LESS, 0.0, 1.0},
  {3, 10, 3, 10, FGROI_METHOD_BARNARD, FGROI_GREATER, 0.0, 1.0},
  {3, 10, 3, 10, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.6857585139318885, 1.0},
  {3, 10, 3, 10, FGROI_METHOD_BOSCHLOO, FGROI_LESS, 0.6857585139318885, 0.584043502807618},
  {3, 10, 3, 10, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, 0.6857585139318885, 0.584043502807618},
  {1, 5, 4, 6, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, -1.5477582354991863, 0.16796875000000003},
  {1, 5, 4, 6, FGROI_METHOD_BARNARD, FGROI_LESS, -1.5477582354991863, 0.08576712118781794},
  {1, 5, 4, 6, FGROI_METHOD_BARNARD, FGROI_GREATER, -1.5477582354991863, 1.0},
  {1, 5, 4, 6, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.1753246753246753, 0.16796948239771584},
  {1, 5, 4, 6, FGROI_METHOD_BOSCHLOO, FGROI_LESS, 0.1753246753246753, 0.08398474119885792},
  {1, 5, 4, 6, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, 0.987012987012987, 0.9401976308410632},
  {10, 15, 3, 15, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, 2.5790664416426416, 0.012673889660395172},
  {10, 15, 3, 15, FGROI_METHOD_BARNARD, FGROI_LESS, 2.5790664416426416, 1.0},
  {10, 15, 3, 15, FGROI_METHOD_BARNARD, FGROI_GREATER, 2.5790664416426416, 0.006336944830197658},
  {10, 15, 3, 15, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.012663843516838068, 0.012673889660395316},
  {10, 15, 3, 15, FGROI_METHOD_BOSCHLOO, FGROI_LESS, 0.9987453641600252, 0.996019592508677},
  {10, 15, 3, 15, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, 0.012663843516838068, 0.006336944830197658},
  {12, 12, 8, 12, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, 2.190890230020665, 0.037778999384819996},
  {12, 12, 8, 12, FGROI_METHOD_BARNARD, FGROI_LESS, 2.190890230020665, 1.0},
  {12, 12, 8, 12, FGROI_METHOD_BARNARD, FGROI_GREATER, 2.190890230020665, 0.018889499692409936},
  {12, 12, 8, 12, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.04658385093167702, 0.044906613836745254},
  {12, 12, 8, 12, FGROI_METHOD_BOSCHLOO, FGROI_LESS, 1.0, 1.0},
  {12, 12, 8, 12, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, 0.04658385093167702, 0.022453306918372627},
  {2, 20, 9, 20, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, -2.4787498112877886, 0.016714688557840397},
  {2, 20, 9, 20, FGROI_METHOD_BARNARD, FGROI_LESS, -2.4787498112877886, 0.008357344278920197},
  {2, 20, 9, 20, FGROI_METHOD_BARNARD, FGROI_GREATER, -2.4787498112877886, 1.0},
  {2, 20, 9, 20, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.015475152571926769, 0.016714688557840394},
  {2, 20, 9, 20, FGROI_METHOD_BOSCHLOO, FGROI_LESS, 0.015475152571926769, 0.008357344278920197},
  {2, 20, 9, 20, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, 0.9983289741354258, 0.995250401432714},
};

Test(exact2x2, scipy_barnard_boschloo) {
  for (size_t i = 0; i < sizeof scipy_rows / sizeof scipy_rows[0]; i++) {
    const ref_row *r = &scipy_rows[i];
    fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
    (void)fgroi_exact2x2_options_default(&o);
    /* scipy: Barnard two-sided orders by |z|, Boschloo doubles the smaller side */
    o.two_sided = r->m == FGROI_METHOD_BARNARD ? FGROI_EXACT2X2_TWO_SIDED_STATISTIC
                                               : FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
    fgroi_test t = FGROI_INIT(fgroi_test);
    fgroi_exact2x2_detail d = FGROI_INIT(fgroi_exact2x2_detail);
    assert_ok(fgroi_exact2x2_test(r->x1, r->n1, r->x2, r->n2, r->m, r->alt, &o, &t, &d));
    cr_assert(t.p_value >= r->p * (1 - 1e-9), "row %zu: p %.15g below scipy's %.15g (not a maximum)",
              i, t.p_value, r->p);
    assert_rel(t.p_value, r->p, 1e-6); /* scipy's shgo search over 400 points */
    assert_rel(t.statistic, r->stat, 1e-9);
    cr_assert(d.nuisance >= 0 && d.nuisance <= 1);
  }
}

Test(exact2x2, brute_force_pvalues) {
  static const int64_t tabs[][4] = {
    {7, 12, 2, 10}, {3, 7, 9, 13}, {0, 6, 4, 5}, {5, 5, 0, 9}, {4, 9, 4, 9}, {1, 3, 8, 11}, {6, 14, 1, 4},
  };
  for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
    for (int boschloo = 0; boschloo <= 1; boschloo++)
      for (int side = 0; side <= 2; side++) {
        const int64_t *q = tabs[i];
        fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
        (void)fgroi_exact2x2_options_default(&o);
        o.two_sided = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
        fgroi_test t = FGROI_INIT(fgroi_test);
        assert_ok(fgroi_exact2x2_test(q[0], q[1], q[2], q[3],
                                      boschloo ? FGROI_METHOD_BOSCHLOO : FGROI_METHOD_BARNARD,
                                      (fgroi_alternative)side, &o, &t, NULL));
        double want = bf_pvalue(boschloo, side, q[0], q[1], q[2], q[3]);
        assert_rel(t.p_value, want, 1e-9);
        if (side == 0) { /* doubled one-sided convention */
          o.two_sided = FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
          assert_ok(fgroi_exact2x2_test(q[0], q[1], q[2], q[3],
                                        boschloo ? FGROI_METHOD_BOSCHLOO : FGROI_METHOD_BARNARD,
                                        FGROI_TWO_SIDED, &o, &t, NULL));
          double w2 = fmin(1, 2 * fmin(bf_pvalue(boschloo, 1, q[0], q[1], q[2], q[3]),
                                       bf_pvalue(boschloo, 2, q[0], q[1], q[2], q[3])));
          assert_rel(t.p_value, w2, 1e-9);
        }
      }
}

Test(exact2x2, default_convention_and_berger_boos) {
  fgroi_test a = FGROI_INIT(fgroi_test), b = FGROI_INIT(fgroi_test);
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.two_sided = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
  assert_ok(fgroi_exact2x2_test(7, 12, 2, 10, FGROI_METHOD_DEFAULT, FGROI_TWO_SIDED, NULL, &a, NULL));
  assert_ok(fgroi_exact2x2_test(7, 12, 2, 10, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, &o, &b, NULL));
  cr_assert_eq(a.method, FGROI_METHOD_BOSCHLOO);
  assert_rel(a.p_value, b.p_value, 1e-15);
  /* FGROI_INIT's zeros mean the defaults */
  fgroi_exact2x2_options z = FGROI_INIT(fgroi_exact2x2_options);
  assert_ok(fgroi_exact2x2_test(7, 12, 2, 10, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, &z, &b, NULL));
  assert_rel(a.p_value, b.p_value, 1e-15);
  /* Berger-Boos: maximum over the 99.9% CP interval for pi plus gamma; never
   * below the unrestricted p-value minus... and at least gamma */
  fgroi_exact2x2_detail d = FGROI_INIT(fgroi_exact2x2_detail);
  o.gamma = 0.001;
  assert_ok(fgroi_exact2x2_test(7, 12, 2, 10, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, &o, &b, &d));
  cr_assert(d.nuisance_lower > 0.1 && d.nuisance_upper < 0.8);
  cr_assert(d.nuisance >= d.nuisance_lower && d.nuisance <= d.nuisance_upper);
  cr_assert(b.p_value <= a.p_value + 0.001 + 1e-12 && b.p_value >= 0.001);
  assert_rel(d.gamma, 0.001, 0);
  /* names */
  fgroi_exact2x2_two_sided c;
  assert_ok(fgroi_exact2x2_two_sided_from_name("central", &c));
  cr_assert_eq(c, FGROI_EXACT2X2_DOUBLE_ONE_SIDED);
  cr_assert_str_eq(fgroi_exact2x2_two_sided_name(FGROI_EXACT2X2_TWO_SIDED_STATISTIC), "two_sided_statistic");
  cr_assert_null(fgroi_exact2x2_two_sided_name((fgroi_exact2x2_two_sided)7));
  assert_status(fgroi_exact2x2_two_sided_from_name("nope", &c), FGROI_E_UNKNOWN_NAME);
}

/* All tables up to 15 per arm: p-values in [0, 1]; Boschloo's one-sided
 * p never exceeds Fisher's one-sided p. */
Test(exact2x2, property_pvalues_all_tables) {
  long checked = 0;
  for (int64_t n1 = 1; n1 <= 15; n1++)
    for (int64_t n2 = 1; n2 <= 15; n2++)
      for (int64_t x1 = 0; x1 <= n1; x1++)
        for (int64_t x2 = 0; x2 <= n2; x2++) {
          fgroi_test t = FGROI_INIT(fgroi_test);
          for (int side = 1; side <= 2; side++) {
            assert_ok(fgroi_exact2x2_test(x1, n1, x2, n2, FGROI_METHOD_BOSCHLOO, (fgroi_alternative)side,
                                          NULL, &t, NULL));
            cr_assert(t.p_value >= 0 && t.p_value <= 1);
            double f = bf_fisher(x1, n1, x2, n2, side);
            /* ties within the 1e-7 relative tolerance count as at least as extreme */
            cr_assert(t.p_value <= f * (1 + 2e-7), "%lld/%lld vs %lld/%lld side %d: boschloo %.12g > fisher %.12g",
                      (long long)x1, (long long)n1, (long long)x2, (long long)n2, side, t.p_value, f);
          }
          assert_ok(fgroi_exact2x2_test(x1, n1, x2, n2, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL));
          cr_assert(t.p_value >= 0 && t.p_value <= 1);
          checked++;
        }
  cr_assert_eq(checked, 135 * 135);
}

/* ---- score test and interval for p1 - p2 ------------------------------------ */

/* brute-force score statistic (restricted MLE by bisection on the score
 * equation's log-likelihood maximum) and p-value */
static double bf_score(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double d) {
  double lo = fmax(0, d), hi = fmin(1, 1 + d);
  /* maximise the log-likelihood in p1 on [lo, hi] by golden section */
  double a = lo, b = hi;
  for (int it = 0; it < 200; it++) {
    double c = a + 0.381966 * (b - a), e = b - 0.381966 * (b - a);
    double lc = (x1 ? x1 * log(c) : 0) + (n1 - x1 ? (n1 - x1) * log1p(-c) : 0) +
                (x2 ? x2 * log(c - d) : 0) + (n2 - x2 ? (n2 - x2) * log1p(-(c - d)) : 0);
    double le = (x1 ? x1 * log(e) : 0) + (n1 - x1 ? (n1 - x1) * log1p(-e) : 0) +
                (x2 ? x2 * log(e - d) : 0) + (n2 - x2 ? (n2 - x2) * log1p(-(e - d)) : 0);
    if (lc > le) b = e; else a = c;
  }
  double p1 = 0.5 * (a + b), p2 = p1 - d;
  double v = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
  double num = (double)x1 / n1 - (double)x2 / n2 - d;
  if (v <= 1e-300) return num > 0 ? INFINITY : (num < 0 ? -INFINITY : 0);
  return num / sqrt(v);
}

static double bf_score_p_mid(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double d, int side, int midp) {
  double to = bf_score(x1, n1, x2, n2, d);
  double *T = malloc(sizeof(double) * (size_t)((n1 + 1) * (n2 + 1)));
  for (int64_t a = 0; a <= n1; a++)
    for (int64_t b = 0; b <= n2; b++) T[a * (n2 + 1) + b] = bf_score(a, n1, b, n2, d);
  double lo = fmax(0, -d), hi = fmin(1, 1 - d), best = 0;
  const int G = 3000;
  for (int i = 0; i <= G; i++) {
    double p2 = lo + (hi - lo) * i / G, acc = 0, f2[64];
    for (int64_t b = 0; b <= n2; b++) f2[b] = bf_dbinom(b, n2, p2);
    for (int64_t a = 0; a <= n1; a++) {
      double f1 = bf_dbinom(a, n1, p2 + d);
      for (int64_t b = 0; b <= n2; b++) {
        double t = T[a * (n2 + 1) + b];
        int in = side == 2 ? t >= to - 1e-6 * fabs(to)
               : (side == 1 ? t <= to + 1e-6 * fabs(to) : fabs(t) >= fabs(to) * (1 - 1e-6));
        double wgt = in ? (midp && fabs(fabs(t) - fabs(to)) <= 1e-6 * fabs(to) + 1e-12 ? 0.5 : 1.0) : 0.0;
        if (in) acc += wgt * f1 * f2[b];
      }
    }
    if (acc > best) best = acc;
  }
  free(T);
  return best;
}

static double bf_score_p(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double d, int side) {
  return bf_score_p_mid(x1, n1, x2, n2, d, side, 0);
}

Test(exact2x2, score_test_mid_p_brute_force) {
  static const int64_t tabs[][4] = { {7, 12, 2, 10}, {3, 7, 5, 6}, {2, 9, 2, 9} };
  static const double ds[] = { -0.2, 0.0, 0.25 };
  for (size_t i = 0; i < 3; i++)
    for (size_t j = 0; j < 3; j++)
      for (int side = 1; side <= 2; side++) {
        const int64_t *q = tabs[i];
        fgroi_test t = FGROI_INIT(fgroi_test);
        assert_ok(fgroi_exact2x2_diff_test(q[0], q[1], q[2], q[3], ds[j], FGROI_METHOD_CHAN_ZHANG_MID_P,
                                           (fgroi_alternative)side, NULL, &t, NULL));
        double want = bf_score_p_mid(q[0], q[1], q[2], q[3], ds[j], side, 1);
        cr_assert(t.p_value >= want * (1 - 1e-9));
        assert_rel(t.p_value, want, 1e-4);
      }
}

Test(exact2x2, score_test_brute_force) {
  static const int64_t tabs[][4] = { {7, 12, 2, 10}, {3, 7, 5, 6}, {0, 5, 2, 8}, {4, 4, 1, 6} };
  static const double ds[] = { -0.3, 0.0, 0.15, 0.5 };
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 4; j++)
      for (int side = 0; side <= 2; side++) {
        const int64_t *q = tabs[i];
        fgroi_test t = FGROI_INIT(fgroi_test);
        fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
        (void)fgroi_exact2x2_options_default(&o);
        o.two_sided = FGROI_EXACT2X2_TWO_SIDED_STATISTIC; /* side 0: |T| (Agresti-Min) */
        assert_ok(fgroi_exact2x2_diff_test(q[0], q[1], q[2], q[3], ds[j], FGROI_METHOD_CHAN_ZHANG,
                                           (fgroi_alternative)side, &o, &t, NULL));
        double want = bf_score_p(q[0], q[1], q[2], q[3], ds[j], side);
        /* the fine grid is a lower bound and within 1e-5 of the maximum */
        cr_assert(t.p_value >= want * (1 - 1e-9), "table %zu d %g side %d: %.12g < grid %.12g", i, ds[j],
                  side, t.p_value, want);
        assert_rel(t.p_value, want, 1e-4);
        assert_rel(t.statistic, bf_score(q[0], q[1], q[2], q[3], ds[j]), 1e-6);
      }
}

Test(exact2x2, score_test_at_zero_is_barnard) {
  /* at delta0 = 0 the score statistic is the pooled z */
  fgroi_test a = FGROI_INIT(fgroi_test), b = FGROI_INIT(fgroi_test);
  for (int side = 1; side <= 2; side++) {
    assert_ok(fgroi_exact2x2_diff_test(7, 12, 2, 10, 0.0, FGROI_METHOD_CHAN_ZHANG, (fgroi_alternative)side,
                                       NULL, &a, NULL));
    assert_ok(fgroi_exact2x2_test(7, 12, 2, 10, FGROI_METHOD_BARNARD, (fgroi_alternative)side, NULL, &b, NULL));
    assert_rel(a.p_value, b.p_value, 1e-9);
    assert_rel(a.statistic, b.statistic, 1e-12);
  }
}

Test(exact2x2, diff_ci_examples) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  /* 7/34 vs 1/34: central
   * (Chan-Zhang) and two-sided-statistic (Agresti-Min) limits, checked
   * against the brute-force p-value just inside and outside each limit */
  assert_ok(fgroi_exact2x2_diff_ci(7, 34, 1, 34, FGROI_METHOD_CHAN_ZHANG, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  assert_rel(ci.estimate, 6.0 / 34, 1e-15);
  assert_abs(ci.lower, 0.0193925896, 1e-8);
  assert_abs(ci.upper, 0.3583600684, 1e-8);
  cr_assert(bf_score_p(7, 34, 1, 34, ci.lower - 1e-5, 2) <= 0.025);
  cr_assert(bf_score_p(7, 34, 1, 34, ci.lower + 1e-5, 2) > 0.025);
  cr_assert(bf_score_p(7, 34, 1, 34, ci.upper + 1e-5, 1) <= 0.025);
  cr_assert(bf_score_p(7, 34, 1, 34, ci.upper - 1e-5, 1) > 0.025);
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.two_sided = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
  assert_ok(fgroi_exact2x2_diff_ci(7, 34, 1, 34, FGROI_METHOD_CHAN_ZHANG, 0.95, FGROI_TWO_SIDED, &o, &ci));
  assert_abs(ci.lower, 0.0236986186, 1e-8);
  assert_abs(ci.upper, 0.3538375112, 1e-8);
  cr_assert(bf_score_p(7, 34, 1, 34, ci.lower - 1e-5, 0) <= 0.05);
  cr_assert(bf_score_p(7, 34, 1, 34, ci.lower + 1e-5, 0) > 0.05);
  /* mid-p is never wider */
  fgroi_interval mp = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_exact2x2_diff_ci(7, 34, 1, 34, FGROI_METHOD_CHAN_ZHANG_MID_P, 0.95, FGROI_TWO_SIDED, NULL, &mp));
  cr_assert(mp.lower >= 0.0193925896 - 1e-9 && mp.upper <= 0.3583600684 + 1e-9);
  cr_assert_eq(mp.method, FGROI_METHOD_CHAN_ZHANG_MID_P);
  /* boundaries: all successes vs none */
  assert_ok(fgroi_exact2x2_diff_ci(5, 5, 0, 5, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  assert_rel(ci.upper, 1.0, 0);
  cr_assert(ci.lower > 0.2 && ci.lower < 1);
  assert_ok(fgroi_exact2x2_diff_ci(0, 5, 5, 5, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  assert_rel(ci.lower, -1.0, 0);
  /* one-sided */
  assert_ok(fgroi_exact2x2_diff_ci(7, 34, 1, 34, FGROI_METHOD_DEFAULT, 0.95, FGROI_GREATER, NULL, &ci));
  assert_rel(ci.upper, 1.0, 0);
  cr_assert(ci.flags & FGROI_FLAG_ONE_SIDED_LIMIT);
  cr_assert(ci.lower > 0.0193925896);
}

/* The interval contains the estimate and agrees with its own test at the
 * null difference 0. The interval is the smallest one containing every
 * difference the test does not reject (Fay 2010's matching interval), so
 * "0 outside => the test rejects" holds always. The exact unconditional
 * p-value is not monotone in the null difference, so the converse can
 * fail at a hole: 0 rejected while a difference further from the estimate
 * is not (44 of the 36,450 (table, method) pairs up to 15 per arm, none the other way; e.g.
 * 0/4 vs 9/15: 95% interval [-0.838, 0.0522], p = 0.0415 at 0). Every hole
 * is checked to be genuine: the test does not reject just inside the
 * limit beyond 0. */
static void check_ci_vs_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2, fgroi_method m, long *holes) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_exact2x2_diff_ci(x1, n1, x2, n2, m, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  cr_assert(ci.lower <= ci.estimate + 1e-12 && ci.estimate <= ci.upper + 1e-12);
  cr_assert(ci.lower >= -1 && ci.upper <= 1);
  assert_ok(fgroi_exact2x2_diff_test(x1, n1, x2, n2, 0.0, m, FGROI_TWO_SIDED, NULL, &t, NULL));
  if (fabs(t.p_value - 0.05) < 1e-6) return;
  int outside = ci.lower > 0.0 || ci.upper < 0.0;
  if (outside) {
    cr_assert(t.p_value <= 0.05, "%lld/%lld vs %lld/%lld: [%.10g, %.10g] excludes 0 but p = %.10g",
              (long long)x1, (long long)n1, (long long)x2, (long long)n2, ci.lower, ci.upper, t.p_value);
  } else if (t.p_value <= 0.05) {
    double edge = ci.estimate < 0 ? ci.upper - 1e-7 : ci.lower + 1e-7;
    fgroi_test te = FGROI_INIT(fgroi_test);
    assert_ok(fgroi_exact2x2_diff_test(x1, n1, x2, n2, edge, m, FGROI_TWO_SIDED, NULL, &te, NULL));
    cr_assert(te.p_value > 0.05, "%lld/%lld vs %lld/%lld: 0 rejected inside [%.10g, %.10g] and the edge too",
              (long long)x1, (long long)n1, (long long)x2, (long long)n2, ci.lower, ci.upper);
    (*holes)++;
  }
}

Test(exact2x2, property_ci_agrees_with_test) {
  long holes = 0, checked = 0;
  for (int64_t n1 = 1; n1 <= 15; n1++)
    for (int64_t n2 = n1; n2 <= 15; n2 += (n1 <= 3 ? 1 : 5))
      for (int64_t x1 = 0; x1 <= n1; x1++)
        for (int64_t x2 = 0; x2 <= n2; x2++, checked++)
          check_ci_vs_test(x1, n1, x2, n2, FGROI_METHOD_CHAN_ZHANG, &holes);
  cr_assert(checked > 1000);
  /* designs with holes (found by the full scan) */
  check_ci_vs_test(0, 4, 9, 15, FGROI_METHOD_CHAN_ZHANG, &holes);
  check_ci_vs_test(4, 4, 6, 15, FGROI_METHOD_CHAN_ZHANG, &holes);
  check_ci_vs_test(0, 5, 5, 9, FGROI_METHOD_CHAN_ZHANG_MID_P, &holes);
  check_ci_vs_test(0, 7, 5, 12, FGROI_METHOD_CHAN_ZHANG_MID_P, &holes);
  cr_assert(holes >= 3 && holes < checked / 100, "holes %ld of %ld", holes, checked);
}

/* ---- odds ratio -------------------------------------------------------------- */

static double bf_or_p(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double t, int kind) {
  int64_t s = x1 + x2, lo = s > n2 ? s - n2 : 0, hi = s < n1 ? s : n1;
  double f[64], mx = -INFINITY, tot = 0;
  for (int64_t y = lo; y <= hi; y++) {
    f[y - lo] = bf_lchoose(n1, y) + bf_lchoose(n2, s - y) + y * t;
    mx = fmax(mx, f[y - lo]);
  }
  for (int64_t y = lo; y <= hi; y++) { f[y - lo] = exp(f[y - lo] - mx); tot += f[y - lo]; }
  double fx = f[x1 - lo] / tot, p = 0;
  for (int64_t y = lo; y <= hi; y++) {
    double g = f[y - lo] / tot;
    if (kind == 0) p += g <= fx * (1 + 1e-7) ? g : 0;                       /* Baptista-Pike */
    else p += g < fx * (1 - 1e-7) ? g : (g <= fx * (1 + 1e-7) ? 0.5 * g : 0); /* mid-p */
  }
  return p;
}

Test(exact2x2, odds_ratio_intervals) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  /* Cornfield = fisher.test's interval; R: uniroot(tol = 1e-13) over the
   * noncentral hypergeometric tails of matrix(c(7, 5, 2, 8), 2) */
  assert_ok(fgroi_exact2x2_odds_ratio_ci(7, 12, 2, 10, FGROI_METHOD_CORNFIELD, 0.95, FGROI_TWO_SIDED, &ci));
  assert_rel(ci.lower, 0.624330415743, 1e-9);
  assert_rel(ci.upper, 70.775807932629, 1e-9);
  /* estimate: conditional MLE from prop.h; R: uniroot(tol = 1e-14) of
   * E[X; psi] = 7 gives 5.1462182955954 (fisher.test()$estimate prints
   * 5.14622889758 with uniroot's default tolerance) */
  assert_rel(ci.estimate, 5.1462182955954, 1e-9);
  /* R fisher.test(matrix(c(0,5,3,3),2))$conf.int upper 2.606164 (uniroot default tol) */
  assert_ok(fgroi_exact2x2_odds_ratio_ci(0, 5, 3, 6, FGROI_METHOD_CORNFIELD, 0.95, FGROI_TWO_SIDED, &ci));
  assert_rel(ci.lower, 0.0, 0);
  assert_rel(ci.upper, 2.606164, 1e-5);
  cr_assert(ci.flags & FGROI_FLAG_UNBOUNDED);
  /* Baptista-Pike exact and mid-p: the brute-force p-value crosses alpha at
   * the limits; R grid scan (step 1e-4 in log OR) gave 0.74023 to 47.177
   * (BP) and 0.74023 to 32.282 (mid-p) */
  for (int kind = 0; kind <= 1; kind++) {
    fgroi_method m = kind ? FGROI_METHOD_BAPTISTA_PIKE_MID_P : FGROI_METHOD_BAPTISTA_PIKE;
    assert_ok(fgroi_exact2x2_odds_ratio_ci(7, 12, 2, 10, m, 0.95, FGROI_TWO_SIDED, &ci));
    double tl = log(ci.lower), tu = log(ci.upper);
    cr_assert(bf_or_p(7, 12, 2, 10, tl - 1e-7, kind) <= 0.05);
    cr_assert(bf_or_p(7, 12, 2, 10, tl + 1e-7, kind) > 0.05);
    cr_assert(bf_or_p(7, 12, 2, 10, tu + 1e-7, kind) <= 0.05);
    cr_assert(bf_or_p(7, 12, 2, 10, tu - 1e-7, kind) > 0.05);
    assert_rel(ci.lower, 0.74023, 2e-4);
    assert_rel(ci.upper, kind ? 32.282 : 47.177, 2e-4);
    /* Baptista-Pike is never wider than Cornfield here */
    cr_assert(ci.lower >= 0.624330415743 && ci.upper <= 70.775807932629);
  }
  assert_ok(fgroi_exact2x2_odds_ratio_ci(7, 12, 2, 10, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci));
  cr_assert_eq(ci.method, FGROI_METHOD_BAPTISTA_PIKE_MID_P);
  /* zero cell: x2 = 0 gives an infinite estimate and upper limit */
  assert_ok(fgroi_exact2x2_odds_ratio_ci(4, 6, 0, 6, FGROI_METHOD_BAPTISTA_PIKE, 0.95, FGROI_TWO_SIDED, &ci));
  cr_assert(isinf(ci.estimate) && isinf(ci.upper) && ci.lower > 0);
  /* one-sided Cornfield equals fisher.test(alternative = "greater") lower
   * limit (R, uniroot tol 1e-13: 0.810416528) */
  assert_ok(fgroi_exact2x2_odds_ratio_ci(7, 12, 2, 10, FGROI_METHOD_CORNFIELD, 0.95, FGROI_GREATER, &ci));
  assert_rel(ci.lower, 0.810416528192, 1e-8);
  cr_assert(isinf(ci.upper));
}

/* Baptista-Pike and Cornfield limits over all tables up to 6 per arm:
 * the independent p-value is <= alpha just outside each finite limit, above
 * alpha just inside, and <= alpha on a grid of log OR beyond the limit
 * (the limit is the outermost crossing). */
static double bf_or_tail(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double t, int upper) {
  int64_t s = x1 + x2, lo = s > n2 ? s - n2 : 0, hi = s < n1 ? s : n1;
  double f[64], mx = -INFINITY, tot = 0, p = 0;
  for (int64_t y = lo; y <= hi; y++) { f[y - lo] = bf_lchoose(n1, y) + bf_lchoose(n2, s - y) + y * t; mx = fmax(mx, f[y - lo]); }
  for (int64_t y = lo; y <= hi; y++) { f[y - lo] = exp(f[y - lo] - mx); tot += f[y - lo]; }
  for (int64_t y = lo; y <= hi; y++) if (upper ? y >= x1 : y <= x1) p += f[y - lo] / tot;
  return p;
}

Test(exact2x2, odds_ratio_limits_all_small_tables) {
  for (int64_t n1 = 1; n1 <= 6; n1++)
    for (int64_t n2 = 1; n2 <= 6; n2++)
      for (int64_t x1 = 0; x1 <= n1; x1++)
        for (int64_t x2 = 0; x2 <= n2; x2++) {
          if (x1 + x2 == 0 || x1 + x2 == n1 + n2) continue;
          for (int kind = 0; kind <= 2; kind++) {
            fgroi_method m = kind == 0 ? FGROI_METHOD_BAPTISTA_PIKE
                           : (kind == 1 ? FGROI_METHOD_BAPTISTA_PIKE_MID_P : FGROI_METHOD_CORNFIELD);
            fgroi_interval ci = FGROI_INIT(fgroi_interval);
            assert_ok(fgroi_exact2x2_odds_ratio_ci(x1, n1, x2, n2, m, 0.95, FGROI_TWO_SIDED, &ci));
            cr_assert(ci.lower <= ci.upper);
            for (int side = 0; side <= 1; side++) {
              double lim = side ? ci.upper : ci.lower;
              if (lim == 0.0 || isinf(lim)) continue;
              double tl = log(lim), dir = side ? 1.0 : -1.0;
              for (int k = 0; k <= 40; k++) {
                double t = tl + dir * (1e-7 + 0.25 * k);
                double p = kind == 2 ? bf_or_tail(x1, n1, x2, n2, t, !side) : bf_or_p(x1, n1, x2, n2, t, kind);
                double lev = kind == 2 ? 0.025 : 0.05;
                cr_assert(p <= lev * (1 + 1e-9), "%lld/%lld vs %lld/%lld kind %d side %d: p %.10g at %g beyond %g",
                          (long long)x1, (long long)n1, (long long)x2, (long long)n2, kind, side, p, t, tl);
              }
              double t_in = tl - dir * 1e-7;
              double p_in = kind == 2 ? bf_or_tail(x1, n1, x2, n2, t_in, !side) : bf_or_p(x1, n1, x2, n2, t_in, kind);
              cr_assert(p_in > (kind == 2 ? 0.025 : 0.05));
            }
          }
        }
}

/* Cornfield's interval is the exact conditional interval of fisher.test,
 * which the proportion engine also reports (one kernel, lib/cond_or.c, since
 * issue 15; fisher.test's values are checked in test_prop.c). */
Test(exact2x2, cornfield_equals_prop_conditional) {
  static const int64_t tabs[][4] = { {7, 12, 2, 10}, {1, 8, 6, 9}, {3, 3, 1, 5}, {0, 5, 3, 6}, {10, 40, 22, 41} };
  for (size_t i = 0; i < 5; i++)
    for (int alt = 0; alt <= 2; alt++) {
      const int64_t *q = tabs[i];
      fgroi_interval a = FGROI_INIT(fgroi_interval), b = FGROI_INIT(fgroi_interval);
      assert_ok(fgroi_exact2x2_odds_ratio_ci(q[0], q[1], q[2], q[3], FGROI_METHOD_CORNFIELD, 0.95,
                                             (fgroi_alternative)alt, &a));
      assert_ok(fgroi_prop_odds_ratio_ci(q[0], q[1], q[2], q[3], FGROI_METHOD_CONDITIONAL, 0.95,
                                         (fgroi_alternative)alt, &b));
      assert_rel(a.lower, b.lower, 1e-8);
      assert_rel(a.upper, b.upper, 1e-8);
      assert_rel(a.estimate, b.estimate, 1e-12);
    }
}

/* ---- bad input ---------------------------------------------------------------- */

Test(exact2x2, bad_input) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  t.p_value = 42;
  ci.lower = 42;
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_exact2x2_test(-1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_exact2x2_test(1, 5, 2, -5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_exact2x2_test(6, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_COUNT_EXCEEDS_TOTAL);
  assert_status(fgroi_exact2x2_test(0, 0, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_EMPTY);
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_WILSON, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_METHOD);
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, (fgroi_alternative)9, NULL, &t, NULL), FGROI_E_ALTERNATIVE);
  o.gamma = NAN;
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, &o, &t, NULL), FGROI_E_NAN);
  o.gamma = INFINITY;
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, &o, &t, NULL), FGROI_E_INFINITE);
  o.gamma = 1.5;
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, &o, &t, NULL), FGROI_E_PROBABILITY);
  o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.two_sided = (fgroi_exact2x2_two_sided)9;
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, &o, &t, NULL), FGROI_E_OUT_OF_RANGE);
  o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.struct_size = 4;
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, &o, &t, NULL), FGROI_E_STRUCT_SIZE);
  fgroi_test small = t;
  small.struct_size = 8;
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &small, NULL), FGROI_E_STRUCT_SIZE);
  fgroi_exact2x2_detail d = FGROI_INIT(fgroi_exact2x2_detail);
  d.struct_size = 3;
  assert_status(fgroi_exact2x2_test(1, 5, 2, 5, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, &d), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_exact2x2_test(1, 50000, 2, 50000, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_test(1, INT64_MAX / 2, 2, INT64_MAX / 2, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_TOO_LARGE);
  /* difference */
  assert_status(fgroi_exact2x2_diff_test(1, 6000, 2, 6000, 0.0, FGROI_METHOD_CHAN_ZHANG, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_diff_ci(1, 6000, 2, 6000, FGROI_METHOD_CHAN_ZHANG, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_diff_test(1, 5, 2, 5, NAN, FGROI_METHOD_CHAN_ZHANG, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_NAN);
  assert_status(fgroi_exact2x2_diff_test(1, 5, 2, 5, INFINITY, FGROI_METHOD_CHAN_ZHANG, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_INFINITE);
  assert_status(fgroi_exact2x2_diff_test(1, 5, 2, 5, 1.0, FGROI_METHOD_CHAN_ZHANG, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_exact2x2_diff_test(1, 5, 2, 5, 0.0, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_METHOD);
  assert_status(fgroi_exact2x2_diff_ci(1, 5, 2, 5, FGROI_METHOD_CHAN_ZHANG, 1.0, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_exact2x2_diff_ci(1, 5, 2, 5, FGROI_METHOD_CHAN_ZHANG, NAN, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_NAN);
  assert_status(fgroi_exact2x2_diff_ci(1, 5, 2, 5, FGROI_METHOD_CHAN_ZHANG, 0.95, (fgroi_alternative)5, NULL, &ci), FGROI_E_ALTERNATIVE);
  assert_status(fgroi_exact2x2_diff_ci(1, 5, 7, 5, FGROI_METHOD_CHAN_ZHANG, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_COUNT_EXCEEDS_TOTAL);
  assert_status(fgroi_exact2x2_diff_ci(1, 5, 2, 5, FGROI_METHOD_CHAN_ZHANG, 0.95, FGROI_TWO_SIDED, NULL, NULL), FGROI_E_NULL);
  o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.gamma = 0.01;
  assert_status(fgroi_exact2x2_diff_ci(1, 5, 2, 5, FGROI_METHOD_CHAN_ZHANG, 0.95, FGROI_TWO_SIDED, &o, &ci), FGROI_E_OUT_OF_RANGE);
  /* odds ratio */
  assert_status(fgroi_exact2x2_odds_ratio_ci(0, 5, 0, 5, FGROI_METHOD_CORNFIELD, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NOT_ESTIMABLE);
  assert_status(fgroi_exact2x2_odds_ratio_ci(5, 5, 5, 5, FGROI_METHOD_CORNFIELD, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NOT_ESTIMABLE);
  assert_status(fgroi_exact2x2_odds_ratio_ci(1, 5, 2, 5, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_METHOD);
  assert_status(fgroi_exact2x2_odds_ratio_ci(1, 5, 2, 5, FGROI_METHOD_CORNFIELD, 0.0, FGROI_TWO_SIDED, &ci), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_exact2x2_odds_ratio_ci(1, 5, 2, 0, FGROI_METHOD_CORNFIELD, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_EMPTY);
  /* outputs untouched on error */
  assert_rel(t.p_value, 42, 0);
  assert_rel(ci.lower, 42, 0);
}

Test(exact2x2, edge_tables) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* n = 1 per arm, identical tables: p = 1 */
  assert_ok(fgroi_exact2x2_test(0, 1, 0, 1, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL));
  assert_rel(t.p_value, 1.0, 1e-12);
  assert_ok(fgroi_exact2x2_test(1, 1, 0, 1, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, NULL, &t, NULL));
  assert_rel(t.p_value, bf_pvalue(1, 2, 1, 1, 0, 1), 1e-9); /* 0.25 at pi = 1/2 */
  assert_rel(t.p_value, 0.25, 1e-9);
  /* all successes in both arms */
  assert_ok(fgroi_exact2x2_test(9, 9, 12, 12, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, NULL, &t, NULL));
  assert_rel(t.p_value, 1.0, 1e-12);
}

/* Published examples, as quoted in scipy's documentation:
 * vaccine trial (Chan 1998; Mehta & Senchaudhuri 2003): infected 7/15 with
 * the vaccine vs 12/15 with placebo, Barnard one-sided p = 0.0341,
 * z = -1.894 (scipy 1.10 prints 0.034077: it misses the table 3/15 vs
 * 8/15, whose z equals the observed one up to rounding; with it the
 * maximum is 0.0341092 at pi = 0.663, brute force on a 40,001-point grid:
 * 0.03410915465); job satisfaction survey: very satisfied 74/117
 * professors vs 31/63 scientists, Boschloo one-sided p = 0.0355 (scipy
 * 0.03556406430154671), Fisher statistic 0.0483. */
Test(exact2x2, published_examples) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_exact2x2_test(7, 15, 12, 15, FGROI_METHOD_BARNARD, FGROI_LESS, NULL, &t, NULL));
  assert_abs(t.p_value, 0.0341, 5e-5);
  assert_rel(t.p_value, 0.03410915465, 1e-8);
  assert_abs(t.statistic, -1.894, 1e-3);
  assert_ok(fgroi_exact2x2_test(74, 117, 31, 63, FGROI_METHOD_BOSCHLOO, FGROI_GREATER, NULL, &t, NULL));
  assert_abs(t.p_value, 0.0355, 1e-4);
  assert_rel(t.p_value, 0.03556406430154671, 1e-8);
  assert_abs(t.statistic, 0.0483, 1e-4);
}

/* scipy 1.10's barnard_exact compares |z| by float equality and misses
 * tables whose |z| equals the observed one up to rounding: for 1/3 vs 2/4
 * the table 2/3 vs 2/4 has |z| = 0.44095855184409840 against the observed
 * 0.44095855184409850. With the tie counted (relative tolerance 1e-7), the
 * p-value is 0.796875 (attained at pi = 1/2; the brute force agrees);
 * scipy (n = 200) reports 0.6793007682669018. */
Test(exact2x2, scipy_tie_difference) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_exact2x2_test(1, 3, 2, 4, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL));
  assert_rel(t.p_value, 0.796875, 1e-12);
  assert_rel(t.p_value, bf_pvalue(0, 0, 1, 3, 2, 4), 1e-9);
  cr_assert(t.p_value > 0.6793007682669018 + 0.1);
  /* 1/3 vs 8/8: scipy 0.020344875178899668, with the tie 0.0203470165 */
  assert_ok(fgroi_exact2x2_test(1, 3, 8, 8, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL));
  assert_rel(t.p_value, bf_pvalue(0, 0, 1, 3, 8, 8), 1e-9);
  assert_rel(t.p_value, 0.0203470165070555, 1e-9);
}

/* ---- Barnard with the unpooled (Wald) z (0.2, issue 17) ------------------------- */

/* Unpooled z as scipy's barnard_exact(pooled = False): 0 when p1 = p2,
 * +-inf (here +-1e300) when the variance is 0. */
static double bf_uz(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  double p1 = (double)x1 / n1, p2 = (double)x2 / n2;
  if (x1 * n2 == x2 * n1) return 0.0;
  double v = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
  return v > 0 ? (p1 - p2) / sqrt(v) : (p1 > p2 ? 1e300 : -1e300);
}

/* Brute force, independent of the library's grid and Brent: the region
 * |z| >= |z_obs| (relative tolerance 1e-7), then the 4000-point grid and
 * golden section of bf_region_prob. */
static double bf_unpooled_p(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  unsigned char *in = calloc((size_t)((n1 + 1) * (n2 + 1)), 1);
  double eo = fabs(bf_uz(x1, n1, x2, n2));
  for (int64_t a = 0; a <= n1; a++)
    for (int64_t b = 0; b <= n2; b++)
      in[a * (n2 + 1) + b] = fabs(bf_uz(a, n1, b, n2)) >= eo - 1e-7 * eo;
  return bf_max_over_pi(in, n1, n2);
}

/* Peer-asserted: scipy 1.10.1's test suite (TestBarnardExact.test_pooled_param),
 * values from R's Barnard package, barnard.test(..., dp = 1e-6, pooled = FALSE),
 * 12 digits; scipy tables [[a, b], [c, d]] have the samples in the columns:
 * x1 = a of n1 = a + c, x2 = b of n2 = b + d. The table [[5, 0], [1, 4]] is
 * asserted as p = 0.0078125, but its mirror table (1 of 6 vs 4 of 4) has
 * exactly the same |z| (both 5.4772255750516...) and is as extreme:
 * counting it gives 0.013671875 (libfgroi, and the brute force below); R's
 * and scipy's floating-point |z| happen to differ in the last bit and drop
 * it. One-sided values from scipy 1.10.1 barnard_exact(pooled=False, n=200). */
Test(exact2x2_v02, barnard_unpooled_matches_scipy_and_r_barnard) {
  static const struct { int64_t a, b, c, d; double stat, p; } ref[] = {
    { 43, 40, 10, 39, 3.920362887717, 0.000289470662 },
    { 100, 2, 1000, 5, -1.139432816087, 0.950272080594 },
    { 2, 7, 8, 2, -3.079373904042, 0.020172119141 },
    { 5, 1, 10, 10, 1.622375939458, 0.150599922226 },
    { 5, 15, 20, 20, -1.974771239528, 0.063038448651 },
    { 5, 16, 20, 25, -1.722122973346, 0.133329494287 },
    { 10, 5, 10, 1, -1.765469659009, 0.250566655215 },
    { 0, 1, 3, 2, -1.224744871392, 0.509667991877 },
    { 0, 2, 6, 4, -1.732050807569, 0.197019618792 },
  };
  for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
    int64_t x1 = ref[i].a, n1 = ref[i].a + ref[i].c, x2 = ref[i].b, n2 = ref[i].b + ref[i].d;
    fgroi_test t = FGROI_INIT(fgroi_test);
    assert_ok(fgroi_exact2x2_test(x1, n1, x2, n2, FGROI_METHOD_BARNARD_UNPOOLED, FGROI_TWO_SIDED, NULL, &t, NULL));
    assert_abs(t.statistic, ref[i].stat, 5e-12);
    /* R's maximum over a grid of step 1e-6 is a lower bound of the supremum
     * (at most ~1.3e-10 below it here, for [[100, 2], [1000, 5]]); the
     * others agree to the 12 printed decimals */
    assert_abs(t.p_value, ref[i].p, i == 1 ? 2e-10 : 5e-12);
    cr_assert(t.p_value >= ref[i].p - 5e-13);
    cr_assert_eq(t.method, FGROI_METHOD_BARNARD_UNPOOLED);
    cr_assert(t.flags & FGROI_FLAG_EXACT);
    if (n2 < 64) assert_rel(t.p_value, bf_unpooled_p(x1, n1, x2, n2), 1e-9);
  }
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_exact2x2_test(5, 6, 0, 4, FGROI_METHOD_BARNARD_UNPOOLED, FGROI_TWO_SIDED, NULL, &t, NULL));
  assert_rel(t.p_value, 0.013671875, 1e-9);
  assert_rel(t.p_value, bf_unpooled_p(5, 6, 0, 4), 1e-9);
  /* one-sided (scipy's [[43, 40], [10, 39]] and [[2, 7], [8, 2]]) */
  assert_ok(fgroi_exact2x2_test(43, 53, 40, 79, FGROI_METHOD_BARNARD_UNPOOLED, FGROI_GREATER, NULL, &t, NULL));
  assert_rel(t.p_value, 0.00027736678405451915, 1e-8);
  assert_ok(fgroi_exact2x2_test(43, 53, 40, 79, FGROI_METHOD_BARNARD_UNPOOLED, FGROI_LESS, NULL, &t, NULL));
  assert_rel(t.p_value, 1.0, 1e-12);
  assert_ok(fgroi_exact2x2_test(2, 10, 7, 9, FGROI_METHOD_BARNARD_UNPOOLED, FGROI_LESS, NULL, &t, NULL));
  assert_rel(t.p_value, 0.01012215086943959, 1e-8);
  /* zero variance with p1 != p2: infinite statistic, flagged (scipy: inf, p 0.00390625) */
  assert_ok(fgroi_exact2x2_test(5, 5, 0, 4, FGROI_METHOD_BARNARD_UNPOOLED, FGROI_TWO_SIDED, NULL, &t, NULL));
  cr_assert(isinf(t.statistic) && t.statistic > 0 && (t.flags & FGROI_FLAG_UNBOUNDED));
  assert_rel(t.p_value, 0.003906250000000001, 1e-12);
  assert_ok(fgroi_method_from_name("barnard_unpooled", &(fgroi_method){ 0 }));
}

/* Issue 16: the Cornfield interval at a million per arm (the conditional
 * pmf is walked from its mode, not over the whole support) agrees with the
 * proportion engine's conditional interval (R's fisher.test method; one
 * kernel since issue 15) and with the values the former separate
 * implementation gave. */
Test(exact2x2_or, cornfield_at_a_million_per_arm_matches_conditional) {
  fgroi_interval a = FGROI_INIT(fgroi_interval), b = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_exact2x2_odds_ratio_ci(501000, 1000000, 500000, 1000000, FGROI_METHOD_CORNFIELD,
                                         0.95, FGROI_TWO_SIDED, &a));
  assert_ok(fgroi_prop_odds_ratio_ci(501000, 1000000, 500000, 1000000, FGROI_METHOD_CONDITIONAL,
                                     0.95, FGROI_TWO_SIDED, &b));
  assert_rel(a.lower, b.lower, 1e-10);
  assert_rel(a.upper, b.upper, 1e-10);
  assert_rel(a.lower, 0.998453583897, 1e-11);
  assert_rel(a.upper, 1.009593347465, 1e-11);
}

/* Issue 14, fuzz findings 7 and 8: the Chan-Zhang interval's bound is
 * n1 + n2 <= 2000 (6142 took up to 6 s); 1814 is inside (0.13 s). */
Test(exact2x2_limits, chan_zhang_bound_is_2000) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_exact2x2_diff_ci(0, 3718, 104, 2424, FGROI_METHOD_CHAN_ZHANG, 0.05, FGROI_GREATER, NULL, &ci), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_diff_ci(0, 1001, 0, 1000, FGROI_METHOD_CHAN_ZHANG, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_diff_test(0, 1001, 0, 1000, 0.0, FGROI_METHOD_CHAN_ZHANG, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_TOO_LARGE);
  assert_ok(fgroi_exact2x2_diff_ci(21, 94, 94, 1720, FGROI_METHOD_CHAN_ZHANG_MID_P, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  cr_assert(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
}

/* Issue 14: fgroi_exact2x2_test has no cancel control, so its bound is
 * what runs in under a second: (n1 + 1)(n2 + 1) <= 2^22 (2047 per arm,
 * 0.7 s at most measured); 5000 per arm took up to 4 s before. */
Test(exact2x2_limits, test_bound_is_2p22_tables) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_exact2x2_test(2500, 5000, 2600, 5000, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, NULL, &t, NULL), FGROI_E_TOO_LARGE);
  assert_status(fgroi_exact2x2_test(1000, 2048, 1050, 2047, FGROI_METHOD_BARNARD, FGROI_LESS, NULL, &t, NULL), FGROI_E_TOO_LARGE);
  assert_ok(fgroi_exact2x2_test(10, 2047, 12, 2047, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, NULL, &t, NULL));
  cr_assert(t.p_value > 0.0 && t.p_value <= 1.0);
}

/* ---- issue 16: progress and cancellation ------------------------------------ */

static fgroi_status ctl_boschloo_2000(const fgroi_control *c, void *out) {
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  assert_ok(fgroi_exact2x2_options_default(&o));
  o.control = c;
  return fgroi_exact2x2_test(800, 2000, 870, 2000, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, &o,
                             out, NULL);
}
static fgroi_status ctl_barnard_200(const fgroi_control *c, void *out) {
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  assert_ok(fgroi_exact2x2_options_default(&o));
  o.control = c;
  o.two_sided = FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
  return fgroi_exact2x2_test(80, 200, 97, 200, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, &o, out,
                             NULL);
}
static fgroi_status ctl_diff_test_200(const fgroi_control *c, void *out) {
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  assert_ok(fgroi_exact2x2_options_default(&o));
  o.control = c;
  return fgroi_exact2x2_diff_test(80, 200, 97, 200, 0.02, FGROI_METHOD_CHAN_ZHANG,
                                  FGROI_TWO_SIDED, &o, out, NULL);
}
static fgroi_status ctl_diff_ci_1000(const fgroi_control *c, void *out) {
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  assert_ok(fgroi_exact2x2_options_default(&o));
  o.control = c;
  return fgroi_exact2x2_diff_ci(400, 1000, 450, 1000, FGROI_METHOD_CHAN_ZHANG, 0.95,
                                FGROI_TWO_SIDED, &o, out);
}
static fgroi_status ctl_diff_ci_60(const fgroi_control *c, void *out) {
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  assert_ok(fgroi_exact2x2_options_default(&o));
  o.control = c;
  return fgroi_exact2x2_diff_ci(20, 60, 31, 60, FGROI_METHOD_CHAN_ZHANG_MID_P, 0.95,
                                FGROI_TWO_SIDED, &o, out);
}
/* 2^32 per arm (the limit n1 + n2 <= 2^33): about 1 s */
static fgroi_status ctl_or_4e9(const fgroi_control *c, void *out) {
  const int64_t n = (int64_t)1 << 32;
  return fgroi_exact2x2_odds_ratio_ci_ctl(n / 2, n, n / 2 + 300000, n, 0, 0.95,
                                          FGROI_TWO_SIDED, c, out);
}
static fgroi_status ctl_or_1e5(const fgroi_control *c, void *out) {
  return fgroi_exact2x2_odds_ratio_ci_ctl(40000, 100000, 40300, 100000, FGROI_METHOD_CORNFIELD,
                                          0.95, FGROI_TWO_SIDED, c, out);
}

Test(exact2x2_control, cancel_from_another_thread, .timeout = 120) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  t.p_value = -7;
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  ci.lower = -7;
  ctl_assert_cancels(ctl_boschloo_2000, &t, sizeof t, "boschloo 2000/arm");
  ctl_assert_cancels(ctl_diff_ci_1000, &ci, sizeof ci, "diff ci 1000/arm");
  ctl_assert_cancels(ctl_or_4e9, &ci, sizeof ci, "odds ratio ci 2^32/arm");
}

Test(exact2x2_control, progress_monotone_reaches_one_result_unchanged, .timeout = 120) {
  fgroi_test t = FGROI_INIT(fgroi_test), t0 = t;
  fgroi_interval ci = FGROI_INIT(fgroi_interval), ci0 = ci;
  ctl_assert_progress(ctl_barnard_200, &t, "barnard 200");
  assert_ok(fgroi_exact2x2_test(80, 200, 97, 200, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED,
                                &(fgroi_exact2x2_options){ .struct_size = sizeof(fgroi_exact2x2_options),
                                  .two_sided = FGROI_EXACT2X2_DOUBLE_ONE_SIDED }, &t0, NULL));
  cr_assert_eq(t.p_value, t0.p_value);
  ctl_assert_progress(ctl_diff_test_200, &t, "diff test 200");
  assert_ok(fgroi_exact2x2_diff_test(80, 200, 97, 200, 0.02, FGROI_METHOD_CHAN_ZHANG,
                                     FGROI_TWO_SIDED, NULL, &t0, NULL));
  cr_assert_eq(t.p_value, t0.p_value);
  ctl_assert_progress(ctl_diff_ci_60, &ci, "diff ci 60");
  assert_ok(fgroi_exact2x2_diff_ci(20, 60, 31, 60, FGROI_METHOD_CHAN_ZHANG_MID_P, 0.95,
                                   FGROI_TWO_SIDED, NULL, &ci0));
  cr_assert_eq(ci.lower, ci0.lower);
  cr_assert_eq(ci.upper, ci0.upper);
  ctl_assert_progress(ctl_or_1e5, &ci, "odds ratio ci 1e5");
  assert_ok(fgroi_exact2x2_odds_ratio_ci(40000, 100000, 40300, 100000, FGROI_METHOD_CORNFIELD,
                                         0.95, FGROI_TWO_SIDED, &ci0));
  cr_assert_eq(ci.lower, ci0.lower);
  cr_assert_eq(ci.upper, ci0.upper);
  ctl_assert_refuses_bad_control(ctl_barnard_200, &t, "barnard");
  ctl_assert_refuses_bad_control(ctl_diff_ci_60, &ci, "diff ci");
  ctl_assert_refuses_bad_control(ctl_or_1e5, &ci, "odds ratio ci");
}
