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

/* P(sum lambda_j chi^2_1 > q): reference values of Imhof's (1961) integral
 * by mpmath 1.2.1 (quadosc; 30 digits for the first five, 20 for the
 * others; bindings/python/tests/test_genqm.py has the same integrand). The
 * first five are in reach of Ruben's series, the others (spectra up to 10^5
 * apart) only of Imhof's integral. */
typedef struct { double lam[12]; size_t r; double q, upper; } qf_case;
static const qf_case qf_cases[] = {
  { { 1, 2, 3 }, 3, 4.0, 0.55106021882322607874 },
  { { 0.5, 1, 1.5, 7, 30 }, 5, 20.0, 0.58341448930449298616 },
  { { 1, 100 }, 2, 50.0, 0.48399801688859056654 },
  { { 3 }, 1, 2.0, 0.41421617824252511665 },
  { { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 20, 40 }, 12, 60.0, 0.72180878235669666592 },
  { { 1e-3, 1, 10, 100 }, 4, 50.0, 0.54372292223540768132 },
  { { 1e-3, 1, 10, 100 }, 4, 200.0, 0.17022509087076015698 },
  { { 0.01, 100 }, 2, 30.0, 0.58394513217095361989 },
  { { 0.5, 1000, 1000, 1000, 2, 3 }, 6, 3000.0, 0.39247462763011906287 },
  { { 1e-4, 1e-2, 1 }, 3, 0.05, 0.8447612418398667064 },
};
enum { QF_RUBEN_CASES = 5 };

/* P(sum lambda_j chi^2_1 > q) by Ruben's series (lib/num_qf.c), on the
 * cases in its reach. */
Test(num_qf, ruben_series_matches_imhof_at_30_digits) {
  const qf_case *t = qf_cases;
  for (size_t i = 0; i < QF_RUBEN_CASES; i++) {
    double up, lo, err;
    size_t terms;
    assert_ok(fgroi__pqform(t[i].q, t[i].lam, t[i].r, 0, 1e-15, 100000, &up, &err, &terms));
    assert_abs(up, t[i].upper, 1e-14);
    cr_assert(err < 1e-14 && terms < 200, "case %zu: err %g terms %zu", i, err, terms);
    assert_ok(fgroi__pqform(t[i].q, t[i].lam, t[i].r, 1, 1e-15, 100000, &lo, NULL, NULL));
    assert_abs(lo, 1.0 - t[i].upper, 1e-14);
  }
  /* all lambda equal: lambda chi^2_r exactly (one term) */
  const double eq[7] = { 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5 };
  for (double q = 0.5; q < 60.0; q *= 1.7) {
    double up, lo;
    assert_ok(fgroi__pqform(q, eq, 7, 0, 1e-15, 10, &up, NULL, NULL));
    assert_ok(fgroi__pqform(q, eq, 7, 1, 1e-15, 10, &lo, NULL, NULL));
    assert_rel(up, fgroi__pchisq(q / 2.5, 7.0, 0), 1e-13);
    assert_rel(lo, fgroi__pchisq(q / 2.5, 7.0, 1), 1e-13);
  }
  /* R 4.2: pchisq(8.75 / 2.5, 5, lower.tail = FALSE) */
  double p;
  assert_ok(fgroi__pqform(8.75, eq, 5, 0, 1e-15, 1, &p, NULL, NULL));
  assert_rel(p, 0.6233876277495819, 1e-13);
  /* boundaries and refusals */
  assert_ok(fgroi__pqform(0.0, eq, 3, 0, 1e-15, 10, &p, NULL, NULL));
  cr_assert_eq(p, 1.0);
  assert_ok(fgroi__pqform(-1.0, eq, 3, 1, 1e-15, 10, &p, NULL, NULL));
  cr_assert_eq(p, 0.0);
  const double spread[] = { 1e-3, 1.0, 10.0, 100.0 }, bad[] = { 1.0, 0.0 };
  assert_status(fgroi__pqform(5.0, spread, 4, 0, 1e-15, 50, &p, NULL, NULL), FGROI_E_TOO_LARGE);
  assert_status(fgroi__pqform(5.0, bad, 2, 0, 1e-15, 50, &p, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi__pqform(5.0, eq, 0, 0, 1e-15, 50, &p, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi__pqform(NAN, eq, 2, 0, 1e-15, 50, &p, NULL, NULL), FGROI_E_OUT_OF_RANGE);
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Eigenvalues of diag(a d) - z z' / sum a, z = a sqrt(d): the secular
 * equation with deflation. Reference: mpmath 1.2.1 eigsy of the full
 * matrix at 30 digits. */
Test(num_qf, downdate_eigenvalues_match_mpmath) {
  double lam[5];
  size_t r;
  const double a1[] = { 1, 2, 3, 4, 5 }, d1[] = { 0.01, 0.02, 0.015, 0.03, 0.012 };
  const double e1[] = { 0.013192873156483151491, 0.041674424835459922497, 0.051582574264248240079,
                        0.10155012774380868309 };
  assert_ok(fgroi__downdate_eigen(a1, d1, 5, lam, &r));
  cr_assert_eq(r, 4);
  qsort(lam, r, sizeof lam[0], cmp_d);
  for (size_t i = 0; i < 4; i++) assert_rel(lam[i], e1[i], 1e-14);
  /* a zero weight and tied diagonal values deflate: 1, 1, 1.8 */
  const double a2[] = { 1, 0, 1, 2, 1 }, d2[] = { 1, 5, 1, 0.5, 2 };
  assert_ok(fgroi__downdate_eigen(a2, d2, 5, lam, &r));
  cr_assert_eq(r, 3);
  qsort(lam, r, sizeof lam[0], cmp_d);
  assert_rel(lam[0], 1.0, 1e-15);
  assert_rel(lam[1], 1.0, 1e-15);
  assert_rel(lam[2], 1.8, 1e-14);
  /* weights 16 orders apart: the small eigenvalue to full relative accuracy */
  const double a3[] = { 1e-8, 1, 1e8 }, d3[] = { 1, 1, 1e-8 };
  assert_ok(fgroi__downdate_eigen(a3, d3, 3, lam, &r));
  cr_assert_eq(r, 2);
  qsort(lam, r, sizeof lam[0], cmp_d);
  assert_rel(lam[0], 1.0000000099999998209e-8, 1e-14);
  assert_rel(lam[1], 1.0, 1e-14);
  /* one positive weight: no non-zero eigenvalue; bad inputs refused */
  const double a4[] = { 0, 3, 0 }, dneg[] = { 1, -1, 1 };
  assert_ok(fgroi__downdate_eigen(a4, d1, 3, lam, &r));
  cr_assert_eq(r, 0);
  assert_status(fgroi__downdate_eigen(a1, dneg, 3, lam, &r), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi__downdate_eigen(NULL, d1, 3, lam, &r), FGROI_E_NULL);
}

/* The same probability by Imhof's integral (lib/num_qf.c), where Ruben's
 * series is long, on every case (the first five also by the series above). */
Test(num_qf, imhof_integral_matches_mpmath_and_ruben) {
  const qf_case *t = qf_cases;
  for (size_t i = 0; i < sizeof qf_cases / sizeof qf_cases[0]; i++) {
    double up, lo, err;
    assert_ok(fgroi__pqform_imhof(t[i].q, t[i].lam, t[i].r, 0, 1e-14, 1000000, &up, &err, NULL));
    assert_abs(up, t[i].upper, 1e-14);
    cr_assert(err < 1e-13, "case %zu: err %g", i, err); /* estimate, incl. the panels' |K15 - G7| */
    assert_ok(fgroi__pqform_imhof(t[i].q, t[i].lam, t[i].r, 1, 1e-14, 1000000, &lo, NULL, NULL));
    assert_abs(lo, 1.0 - t[i].upper, 1e-14);
  }
  /* Ruben's series cannot reach 1e-14 on the spread spectra within 4096
   * terms: that is when the pooling code turns to Imhof */
  double p;
  assert_status(fgroi__pqform(50.0, t[5].lam, 4, 0, 1e-14, 4096, &p, NULL, NULL), FGROI_E_TOO_LARGE);
  /* equal lambda: chi-square */
  const double eq[5] = { 2.5, 2.5, 2.5, 2.5, 2.5 };
  assert_ok(fgroi__pqform_imhof(8.75, eq, 5, 0, 1e-14, 1000000, &p, NULL, NULL));
  assert_abs(p, 0.6233876277495819, 1e-14); /* R: pchisq(3.5, 5, lower.tail = FALSE) */
  /* the budget, and refusals */
  assert_status(fgroi__pqform_imhof(50.0, t[5].lam, 4, 0, 1e-14, 10, &p, NULL, NULL), FGROI_E_TOO_LARGE);
  assert_status(fgroi__pqform_imhof(50.0, t[5].lam, 0, 0, 1e-14, 10, &p, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  const double bad[] = { 1.0, -1.0 };
  assert_status(fgroi__pqform_imhof(5.0, bad, 2, 0, 1e-14, 10, &p, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_ok(fgroi__pqform_imhof(0.0, eq, 5, 0, 1e-14, 10, &p, NULL, NULL));
  cr_assert_eq(p, 1.0);
}
