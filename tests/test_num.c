/* Tests for lib/num.c, the shared numerical kernels (linked statically:
 * these are internal). Reference values from R 4.2. */
#include "fgroi_test.h"
#include "num.h"

Test(num, quantiles_match_r_including_fragile_tails) {
  /* gsl_cdf_beta_Pinv(1e-300, .5, 20) reaches GSL's handler; ours must not */
  double q = fgroi__qbeta(1e-300, 0.5, 20.0, 1);
  cr_assert(q >= 0.0 && q < 1e-280, "qbeta tail = %g", q);
  assert_rel(fgroi__qt(0.975, 3.0, 1), 3.1824463052837078, 1e-12);
  assert_rel(fgroi__qt(0.025, 3.0, 0), 3.1824463052837078, 1e-12);
  assert_rel(fgroi__qt(1e-12, 2.5, 1), -55306.174076516014, 1e-9);
  assert_rel(fgroi__qt(0.6, 1e6, 1), 0.25334717053784167, 1e-9);
  assert_rel(fgroi__qchisq(0.975, 1.0, 1), 5.0238861873148846, 1e-12);
  assert_rel(fgroi__qchisq(0.05, 3.0, 0), 7.8147279032511801, 1e-12);
  assert_rel(fgroi__qchisq(1e-10, 0.5, 1), 1.3499395786223513e-40, 1e-8);
  assert_rel(fgroi__qf(0.95, 3.0, 7.0, 1), 4.346831399907817, 1e-10);
  assert_rel(fgroi__qnorm(1e-300, 1), -37.047096299361201, 1e-12);
  assert_rel(fgroi__pt(-40.0, 3.0, 1), 1.719034039457927e-05, 1e-10);
  /* chi-square with 0 df is refused, never passed to GSL */
  cr_assert(isnan(fgroi__qchisq(0.975, 0.0, 1)));
  cr_assert(isnan(fgroi__qbeta(0.5, -1.0, 2.0, 1)));
}

Test(num, binomial_family_matches_r) {
  assert_rel(fgroi__dbinom(500000000, 1e9, 0.5, 0), 2.5231325213893771e-05, 1e-11);
  assert_rel(fgroi__dbinom(3, 1e9, 1e-9, 1), -2.7917594697280554, 1e-12);
  assert_rel(fgroi__pbinom(499990000, 1e9, 0.5, 1), 0.2635549573773347, 1e-9);
  assert_rel(fgroi__dhyper(5, 10, 7, 8, 0), 0.36281365693130407, 1e-13);
  assert_rel(fgroi__phyper(3, 10, 7, 8, 1), 0.11703002879473474, 1e-13);
  assert_rel(fgroi__phyper(3, 10, 7, 8, 0), 0.88296997120526521, 1e-13);
  /* pmf sums to one */
  double s = 0.0;
  for (int k = 0; k <= 30; k++) s += fgroi__dbinom(k, 30, 0.37, 0);
  assert_rel(s, 1.0, 1e-14);
}

static double cubic(double x, void *ctx) { (void)ctx; return x * x * x - 2.0 * x - 5.0; }

Test(num, brent_finds_roots_and_reports_no_bracket) {
  double r;
  assert_ok(fgroi__root_brent(cubic, NULL, 2.0, 3.0, 0.0, 1e-15, &r));
  assert_rel(r, 2.0945514815423265, 1e-14); /* Wallis' equation */
  assert_status(fgroi__root_brent(cubic, NULL, 3.0, 4.0, 0.0, 1e-15, &r), FGROI_E_OUT_OF_RANGE);
  int at_end;
  assert_ok(fgroi__root_monotone(cubic, NULL, 3.0, 4.0, 0.0, 1e-15, &r, &at_end));
  cr_assert_eq(at_end, -1);
}

Test(num, rng_is_deterministic_and_uniform) {
  fgroi__rng a, b;
  fgroi__rng_seed(&a, 2024);
  fgroi__rng_seed(&b, 2024);
  double mean = 0.0;
  for (int i = 0; i < 100000; i++) {
    uint64_t u = fgroi__rng_u64(&a);
    cr_assert_eq(u, fgroi__rng_u64(&b));
    mean += fgroi__rng_uniform(&a) / 100000.0;
    fgroi__rng_uniform(&b);
  }
  assert_abs(mean, 0.5, 0.005);
  for (int i = 0; i < 1000; i++) cr_assert(fgroi__rng_below(&a, 7) < 7);
}

/* The shared Brent iteration takes R's uniroot steps: same root to the last
 * bit at R's tolerance (R 4.2: uniroot(x^3 - 2x - 5, c(2, 3), tol = 1e-4)). */
Test(num, zeroin_reproduces_uniroot) {
  double r;
  double fa = cubic(2.0, NULL), fb = cubic(3.0, NULL);
  assert_ok(fgroi__zeroin(cubic, NULL, 2.0, 3.0, fa, fb, 1e-4, 0.0, 1000, &r));
  cr_assert_eq(r, 2.0945512665841388, "root %.17g", r);
}

static double bowl(double x, void *ctx) { (void)ctx; return (x - 2.0) * (x - 2.0) + 1.0; }

Test(num, brent_minimiser_and_noncentral_t) {
  double x, fx;
  assert_ok(fgroi__min_brent(bowl, NULL, 0.0, 5.0, 1e-12, 1e-10, &x, &fx));
  assert_abs(x, 2.0, 1e-8);
  assert_abs(fx, 1.0, 1e-14);
  assert_rel(fgroi__pnt(1.5, 7.0, 2.0, 1), 0.30296560973994763, 1e-10); /* R: pt(1.5, 7, 2) */
  assert_rel(fgroi__p_normal(1.959963984540054, FGROI_TWO_SIDED), 0.05, 1e-12);
  assert_rel(fgroi__p_normal(-1.6448536269514722, FGROI_LESS), 0.05, 1e-12);
}

/* Upper normal quantile from a log tail probability, below the doubles too
 * (a two-sided alpha / 2 of a denormal alpha). Reference: R 4.2
 * qnorm(lp, log.p = TRUE, lower.tail = FALSE). */
Test(num, qnorm_upper_log_below_the_doubles) {
  static const double t[][2] = {
    { -745.13321910194111, 38.485408335567328 }, /* log(4.9e-324 / 2) */
    { -709.08956571282397, 37.537836095576054 }, /* log(DBL_MIN / 2) */
    { -800.0, 39.884694838256621 },
    { -745.5, 38.494931126064735 },
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    assert_rel(fgroi__qnorm_upper_log(t[i][0]), t[i][1], 2e-15);
  /* above DBL_MIN it is fgroi__qnorm itself */
  cr_assert_eq(fgroi__qnorm_upper_log(log(0.025)), fgroi__qnorm(exp(log(0.025)), 0));
  cr_assert(isnan(fgroi__qnorm_upper_log(0.5)));
}
