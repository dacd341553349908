/* Tests for lib/means.c: t tests, Wilcoxon signed rank / Mann-Whitney with
 * Hodges-Lehmann intervals, Hedges' g, Cliff's delta, Bland-Altman.
 *
 * Reference values were produced with R 4.2.2 (stats::t.test,
 * stats::wilcox.test with conf.int = TRUE and its default tol.root = 1e-4,
 * metafor::escalc, effsize-style formulas written out in R) and printed
 * with sprintf("%.17g"); the R call is quoted next to each block.
 * Closed forms are checked to 1e-10 relative; wilcox.test's approximate
 * limits are R's uniroot landing points, reproduced step for step, checked
 * to 1e-9. */
#include "fgroi_control_test.h" /* first: it sets _POSIX_C_SOURCE */

#include <float.h>
#include <string.h>

#include "fgroi_test.h"

/* R's ?wilcox.test depression example (Hollander & Wolfe): x = first, y = second */
static const double hx[9] = { 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30 };
static const double hy[9] = { 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29 };

/* ---- issue 14: hardening (regressions) ---------------------------------- */

/* lgamma() writes libm's global signgam (a data race under threads):
 * Hedges' g must use the reentrant form and leave signgam alone. */
extern int signgam;
Test(harden, hedges_g_leaves_signgam_alone) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  signgam = -7;
  assert_ok(fgroi_means_hedges_g(hx, 9, hy, 9, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci));
  cr_assert(signgam == -7, "signgam changed to %d", signgam);
}

/* ties and a zero (one-sample, mu = 0) */
static const double tz[12] = { 1.5, 2, 2, -1, 3, 0, 4, 2.5, -0.5, 3, 6, 1 };
/* R's ?wilcox.test rank-sum example */
static const double mx[10] = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
static const double my[5] = { 1.15, 0.88, 0.90, 0.74, 1.21 };

/* means_t_one({1e200, 2e200, 3e200}) said ZERO_VARIANCE: the squares
 * overflowed. Scaled, it is R's t.test(c(1, 2, 3) * 1e200). */
Test(harden, t_one_huge_values_scaled) {
  const double x[3] = { 1e200, 2e200, 3e200 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_means_t_one(x, 3, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t));
  /* R: t.test(c(1, 2, 3)): t = 3.4641016151377548, CI -0.48413771175032977 .. 4.4841377117503294 */
  assert_rel(t.statistic, 3.4641016151377548, 1e-12);
  assert_rel(ci.lower, -0.48413771175032977e200, 1e-12);
  assert_rel(ci.upper, 4.4841377117503294e200, 1e-12);
  /* tiny values: the squares underflowed and {1e-300, 0} was ZERO_VARIANCE
   * (found by fuzz_means); R: t.test(c(1, 0)) t = 1, CI -5.853102368 .. 6.853102368 */
  const double s2[2] = { 1e-300, 0.0 };
  assert_ok(fgroi_means_t_one(s2, 2, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1.0, 1e-12);
  assert_rel(ci.upper, 6.853102368216048e-300, 1e-9);
  const double y[3] = { 1e308, -1e308, 1.7e308 };
  assert_status(fgroi_means_t_one(y, 3, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_OVERFLOW);
}

/* Cliff's delta at conf 4.9e-324: inf / inf in the Feng-Cliff limit. */
Test(harden, cliffs_delta_extreme_conf) {
  fgroi_interval d = FGROI_INIT(fgroi_interval), s = FGROI_INIT(fgroi_interval);
  const double confs[] = { 4.9e-324, 1e-300, 1.0 - 0x1p-53 };
  const fgroi_alternative alts[] = { FGROI_TWO_SIDED, FGROI_LESS, FGROI_GREATER };
  for (int i = 0; i < 3; i++)
    for (int a = 0; a < 3; a++) {
      fgroi_status st = fgroi_means_cliffs_delta(mx, 10, my, 5, confs[i], alts[a], &d, &s);
      cr_assert(st == FGROI_OK, "%s", fgroi_status_name(st));
      cr_assert(!isnan(d.lower) && !isnan(d.upper) && d.lower <= d.upper,
                "conf %g alt %d: [%g, %g]", confs[i], a, d.lower, d.upper);
      cr_assert(d.lower >= -1.0 && d.upper <= 1.0 && !isnan(s.lower) && !isnan(s.upper));
    }
}

/* tied two-sample data */
static const double tx[9] = { 3, 5, 5, 7, 8, 8, 8, 10, 12 };
static const double ty[7] = { 2, 3, 3, 5, 6, 6, 9 };

#define TOL 1e-10
#define TOL_ROOT 1e-9

/* p-value (to 1e-10) and estimate / limits (to tol) of a rank test */
static void check_rank(const fgroi_test *t, const fgroi_interval *ci, double p, double est,
                       double lo, double hi, double tol) {
  assert_rel(t->p_value, p, TOL);
  assert_rel(ci->estimate, est, tol);
  assert_rel(ci->lower, lo, tol);
  assert_rel(ci->upper, hi, tol);
}

/* ---- t tests ---------------------------------------------------------------- */

Test(means, t_paired_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* t.test(x, y, paired = TRUE) */
  assert_ok(fgroi_means_t_paired(hx, hy, 9, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 3.0353754156485913, TOL);
  assert_rel(t.df, 8, TOL);
  check_rank(&t, &ci, 0.016176627434908095, 0.43188888888888888, 0.10377871227216852, 0.75999906550560925, TOL);
  cr_assert_eq(t.method, FGROI_METHOD_PAIRED_T);
  /* t.test(x, y, paired = TRUE, mu = 0.1, alternative = "greater", conf.level = 0.9) */
  assert_ok(fgroi_means_t_paired(hx, hy, 9, 0.1, 0.9, FGROI_GREATER, &ci, &t));
  assert_rel(t.statistic, 2.3325614526736151, TOL);
  assert_rel(t.p_value, 0.023984746385996503, TOL);
  assert_rel(ci.lower, 0.23314279343124938, TOL);
  cr_assert(isinf(ci.upper) && ci.upper > 0);
  cr_assert_eq(t.null_value, 0.1);
}

Test(means, t_two_and_one_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* t.test(x, y) (Welch) */
  assert_ok(fgroi_means_t_two(hx, 9, hy, 9, 0.0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1.2051727991066514, TOL);
  assert_rel(t.df, 15.795035582541246, TOL);
  assert_rel(t.p_value, 0.24588283853317081, TOL);
  assert_rel(ci.lower, -0.3286079301898116, TOL);
  assert_rel(ci.upper, 1.192385707967589, TOL);
  cr_assert_eq(t.method, FGROI_METHOD_WELCH);
  /* t.test(x, y, var.equal = TRUE, alternative = "less", mu = 0.2) */
  assert_ok(fgroi_means_t_two(hx, 9, hy, 9, 0.2, FGROI_METHOD_STUDENT, 0.95, FGROI_LESS, &ci, &t));
  assert_rel(t.statistic, 0.64707888647686673, TOL);
  assert_rel(t.df, 16, TOL);
  assert_rel(t.p_value, 0.73662189995839489, TOL);
  assert_rel(ci.upper, 1.0575483475450496, TOL);
  cr_assert(isinf(ci.lower) && ci.lower < 0);
  /* t.test(tx, ty) with ties (unequal n) */
  assert_ok(fgroi_means_t_two(tx, 9, ty, 7, 0.0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1.9200090888219326, TOL);
  assert_rel(t.df, 13.722246000301281, TOL);
  assert_rel(t.p_value, 0.075888141806896264, TOL);
  assert_rel(ci.lower, -0.29515226001966494, TOL);
  assert_rel(ci.upper, 5.2475332124006169, TOL);
  /* t.test(x, mu = 1.5) */
  assert_ok(fgroi_means_t_one(hx, 9, 1.5, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1.1179521104901637, TOL);
  check_rank(&t, &ci, 0.29603225512340847, 1.7666666666666666, 1.2166123036181211, 2.3167210297152119, TOL);
  /* test only (ci NULL) */
  assert_ok(fgroi_means_t_one(hx, 9, 1.5, 0.95, FGROI_TWO_SIDED, NULL, &t));
}

Test(means, t_zero_variance_and_too_few) {
  const double c[4] = { 2, 2, 2, 2 }, one[1] = { 3 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  ci.estimate = 42;
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* R: "data are essentially constant" */
  assert_status(fgroi_means_t_one(c, 4, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_t_paired(c, c, 4, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_t_two(c, 4, c, 4, 0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_t_two(c, 4, c, 4, 0, FGROI_METHOD_STUDENT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_t_one(one, 1, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_FEW);
  assert_status(fgroi_means_t_two(one, 1, c, 4, 0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_FEW);
  cr_assert_eq(ci.estimate, 42); /* untouched */
  /* Welch with one constant arm is fine (df = ny - 1), as R */
  assert_ok(fgroi_means_t_two(c, 4, hx, 9, 0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.df, 8, TOL);
  /* Student with one observation in an arm: R allows it */
  assert_ok(fgroi_means_t_two(one, 1, hx, 9, 0, FGROI_METHOD_STUDENT, 0.95, FGROI_TWO_SIDED, &ci, &t));
}

/* ---- Wilcoxon signed rank ---------------------------------------------------------- */

Test(means, wilcoxon_paired_exact_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* wilcox.test(x, y, paired = TRUE, conf.int = TRUE) */
  assert_ok(fgroi_means_wilcoxon_paired(hx, hy, 9, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 40, TOL);
  check_rank(&t, &ci, 0.0390625, 0.46000000000000008, 0.010000000000000009, 0.78600000000000003, TOL);
  assert_rel(ci.conf_level, 0.95, TOL);
  cr_assert(t.flags & FGROI_FLAG_EXACT);
  cr_assert_eq(ci.method, FGROI_METHOD_HODGES_LEHMANN);
  /* alternative = "greater" */
  assert_ok(fgroi_means_wilcoxon_paired(hx, hy, 9, 0, FGROI_METHOD_EXACT, 0.95, FGROI_GREATER, &ci, &t));
  assert_rel(t.p_value, 0.01953125, TOL);
  assert_rel(ci.lower, 0.17500000000000004, TOL);
  cr_assert(isinf(ci.upper));
  /* alternative = "less", conf.level = 0.9 */
  assert_ok(fgroi_means_wilcoxon_paired(hx, hy, 9, 0, FGROI_METHOD_DEFAULT, 0.9, FGROI_LESS, &ci, &t));
  assert_rel(t.p_value, 0.986328125, TOL);
  assert_rel(ci.upper, 0.69100000000000006, TOL);
}

Test(means, wilcoxon_paired_normal_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* wilcox.test(x, y, paired = TRUE, conf.int = TRUE, exact = FALSE) */
  assert_ok(fgroi_means_wilcoxon_paired(hx, hy, 9, 0, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 40, TOL);
  check_rank(&t, &ci, 0.044010984012951455, 0.46000237262956578, 0.0099619423094986122, 0.78604299068703887, TOL_ROOT);
  cr_assert(t.flags & FGROI_FLAG_NORMAL_APPROX);
  cr_assert(t.flags & FGROI_FLAG_CONTINUITY);
}

Test(means, wilcoxon_one_ties_zeros_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* wilcox.test(z, conf.int = TRUE): ties and a zero force the normal
   * approximation (R warns) */
  assert_ok(fgroi_means_wilcoxon_one(tz, 12, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 62.5, TOL);
  check_rank(&t, &ci, 0.0098159935246376496, 2.1216218248974448, 0.74992050015780753, 3.500017337030652, TOL_ROOT);
  cr_assert(t.flags & FGROI_FLAG_ZEROS_DROPPED);
  cr_assert(t.flags & FGROI_FLAG_TIES);
  /* wilcox.test(z, mu = 2, alternative = "greater", conf.int = TRUE) */
  assert_ok(fgroi_means_wilcoxon_one(tz, 12, 2, FGROI_METHOD_DEFAULT, 0.95, FGROI_GREATER, &ci, &t));
  assert_rel(t.statistic, 26, TOL);
  assert_rel(t.p_value, 0.58108025498792637, TOL);
  assert_rel(ci.estimate, 1.9999770710499414, TOL_ROOT);
  assert_rel(ci.lower, 0.50004151072925862, TOL_ROOT);
  /* alternative = "less" */
  assert_ok(fgroi_means_wilcoxon_one(tz, 12, 2, FGROI_METHOD_DEFAULT, 0.95, FGROI_LESS, &ci, &t));
  assert_rel(t.p_value, 0.4592478076100085, TOL);
  assert_rel(ci.upper, 3.2499851694247632, TOL_ROOT);
  /* exact requested with ties: refused (R falls back with a warning) */
  assert_status(fgroi_means_wilcoxon_one(tz, 12, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
}

Test(means, wilcoxon_larger_samples_vs_r) {
  double L[60], A[45];
  for (int i = 0; i < 60; i++) L[i] = sin(i + 1.0) * 3 + 0.4;
  for (int i = 0; i < 45; i++) A[i] = sin(i + 1.0) * 2 + 0.3;
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* L <- sin(1:60) * 3 + 0.4; wilcox.test(L, conf.int = TRUE): n >= 50 -> normal */
  assert_ok(fgroi_means_wilcoxon_one(L, 60, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1168, TOL);
  check_rank(&t, &ci, 0.063054817823467141, 0.44414916663831866, -0.032470099608451014, 1.0297154153287018, TOL_ROOT);
  /* A <- sin(1:45) * 2 + 0.3; wilcox.test(A, conf.int = TRUE, conf.level = 0.99): exact */
  assert_ok(fgroi_means_wilcoxon_one(A, 45, 0, FGROI_METHOD_DEFAULT, 0.99, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 668, TOL);
  check_rank(&t, &ci, 0.090580886342309, 0.30885061581500972, -0.26053441959392404, 0.97468852382420268, TOL);
}

/* ---- Mann-Whitney --------------------------------------------------------------------- */

Test(means, mann_whitney_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* wilcox.test(x, y, conf.int = TRUE): exact */
  assert_ok(fgroi_means_mann_whitney(mx, 10, my, 5, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 35, TOL);
  check_rank(&t, &ci, 0.2544122544122544, 0.30500000000000005, -0.15000000000000002, 0.7599999999999999, TOL);
  cr_assert(t.flags & FGROI_FLAG_EXACT);
  /* alternative = "greater", mu = 0.1 */
  assert_ok(fgroi_means_mann_whitney(mx, 10, my, 5, 0.1, FGROI_METHOD_EXACT, 0.95, FGROI_GREATER, &ci, &t));
  assert_rel(t.statistic, 33, TOL);
  assert_rel(t.p_value, 0.18548118548118547, TOL);
  assert_rel(ci.lower, -0.07999999999999996, TOL);
  /* exact = FALSE */
  assert_ok(fgroi_means_mann_whitney(mx, 10, my, 5, 0, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, &ci, &t));
  check_rank(&t, &ci, 0.24462360512698336, 0.30250833904157232, -0.15001483719908448, 0.75994276532229388, TOL_ROOT);
  /* ties: normal with tie correction */
  assert_ok(fgroi_means_mann_whitney(tx, 9, ty, 7, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 47, TOL);
  check_rank(&t, &ci, 0.10889785307163162, 2.0000828355899771, -0.99997130625307651, 5.0000475952511501, TOL_ROOT);
  cr_assert(t.flags & FGROI_FLAG_TIES);
  assert_ok(fgroi_means_mann_whitney(tx, 9, ty, 7, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_LESS, &ci, &t));
  assert_rel(t.p_value, 0.95637117687648943, TOL);
  assert_rel(ci.upper, 5.0000212949627825, TOL_ROOT);
  assert_status(fgroi_means_mann_whitney(tx, 9, ty, 7, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
}

/* The rank tests' normal-interval seams (issue 15's statistic / p-value /
 * interval split) against R 4.x wilcox.test(..., conf.int = TRUE,
 * exact = FALSE): both rank-sum limits at the ends of the shift range
 * (the statistic cannot reach the quantile), a one-sided rank-sum limit at
 * an end, the signed rank's "less" root with ties, and its uncorrected
 * two-sided roots at a low level. */
Test(means, rank_interval_seams_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  const double a[] = { 1, 2 }, b[] = { 3, 4.5 }, a3[] = { 1, 2, 2.5 };
  const double o[] = { 1.5, -0.5, 2, 3, 3, 4 };
  /* wilcox.test(c(1, 2), c(3, 4.5), conf.level = 0.99) */
  assert_ok(fgroi_means_mann_whitney(a, 2, b, 2, 0, FGROI_METHOD_NORMAL, 0.99, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 0, TOL);
  check_rank(&t, &ci, 0.24527811680677283, -2.25, -3.5, -1, TOL_ROOT);
  assert_rel(ci.conf_level, 0.99, TOL);
  /* wilcox.test(c(1, 2, 2.5), c(3, 4.5), alternative = "greater", conf.level = 0.9) */
  assert_ok(fgroi_means_mann_whitney(a3, 3, b, 2, 0, FGROI_METHOD_NORMAL, 0.9, FGROI_GREATER, &ci, &t));
  check_rank(&t, &ci, 0.97834592859460401, -2, -3.5, INFINITY, TOL_ROOT);
  /* wilcox.test(o, mu = 0.5, alternative = "less", conf.level = 0.9) */
  assert_ok(fgroi_means_wilcoxon_one(o, 6, 0.5, FGROI_METHOD_NORMAL, 0.9, FGROI_LESS, &ci, &t));
  assert_rel(t.statistic, 19.5, TOL);
  check_rank(&t, &ci, 0.97739932351173897, 2.2500123150266256, -INFINITY, 3.0000315738060821, TOL_ROOT);
  cr_assert(t.flags & FGROI_FLAG_TIES);
  /* wilcox.test(o, correct = FALSE, conf.level = 0.6) */
  assert_ok(fgroi_means_wilcoxon_one(o, 6, 0, FGROI_METHOD_NORMAL_UNCORRECTED, 0.6, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 20, TOL);
  check_rank(&t, &ci, 0.045799589111186673, 2.2500123150266256, 1.7499988281179522, 2.9999922461135631, TOL_ROOT);
  cr_assert(!(t.flags & FGROI_FLAG_CONTINUITY));
}

Test(means, mann_whitney_larger_vs_r) {
  double A[60], B[55];
  for (int i = 0; i < 60; i++) A[i] = sin(i + 1.0) * 2 + 0.5;
  for (int i = 0; i < 55; i++) B[i] = cos(i + 1.0) * 2;
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* A <- sin(1:60)*2+0.5; B <- cos(1:55)*2; wilcox.test(A, B, conf.int = TRUE) */
  assert_ok(fgroi_means_mann_whitney(A, 60, B, 55, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 2085, TOL);
  check_rank(&t, &ci, 0.014985348203110713, 0.5524921677766389, 0.17812605090717526, 1.0795899720964786, TOL_ROOT);
  /* A <- sin(1:30)*2+0.5; B <- cos(1:25)*2: exact */
  assert_ok(fgroi_means_mann_whitney(A, 30, B, 25, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 463, TOL);
  check_rank(&t, &ci, 0.14005104696862145, 0.5025042738121982, -0.18356753820309613, 1.3249532623981179, TOL);
}

/* ---- effect sizes ------------------------------------------------------------------------ */

Test(means, hedges_g_vs_metafor) {
  fgroi_interval g = FGROI_INIT(fgroi_interval);
  /* metafor::escalc("SMD", m1i = mean(x), sd1i = sd(x), n1i = 9, ...); summary() CI */
  assert_ok(fgroi_means_hedges_g(hx, 9, hy, 9, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, &g));
  assert_rel(g.estimate, 0.54099816797374622, TOL);
  assert_rel(g.lower, -0.3996869393331639, TOL);
  assert_rel(g.upper, 1.4816832752806564, TOL);
  cr_assert_eq(g.method, FGROI_METHOD_NORMAL);
  assert_ok(fgroi_means_hedges_g(tx, 9, ty, 7, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, &g));
  assert_rel(g.estimate, 0.89924300340070551, TOL);
  assert_rel(g.lower, -0.13646062756196708, TOL);
  assert_rel(g.upper, 1.9349466343633781, TOL);
  /* one-sided 90%: yi - qnorm(0.9) * sqrt(vi) */
  assert_ok(fgroi_means_hedges_g(tx, 9, ty, 7, FGROI_METHOD_NORMAL, 0.9, FGROI_GREATER, &g));
  assert_rel(g.lower, 0.22203279945304433, TOL);
  cr_assert(isinf(g.upper));
  const double c[3] = { 1, 1, 1 };
  assert_status(fgroi_means_hedges_g(c, 3, c, 3, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &g), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_hedges_g(c, 1, c, 2, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &g), FGROI_E_TOO_FEW);
}

Test(means, cliffs_delta_vs_effsize) {
  fgroi_interval d = FGROI_INIT(fgroi_interval), ps = FGROI_INIT(fgroi_interval);
  /* effsize::cliff.delta(x, y) defaults (unbiased variance, t quantile),
   * its formulas evaluated in R on the dominance matrix */
  assert_ok(fgroi_means_cliffs_delta(hx, 9, hy, 9, 0.95, FGROI_TWO_SIDED, &d, &ps));
  assert_rel(d.estimate, 0.43209876543209874, TOL);
  assert_rel(d.lower, -0.23369983216402024, TOL);
  assert_rel(d.upper, 0.82203081276084289, TOL);
  assert_rel(ps.estimate, (0.43209876543209874 + 1) / 2, TOL);
  assert_rel(ps.lower, (-0.23369983216402024 + 1) / 2, TOL);
  /* ties */
  assert_ok(fgroi_means_cliffs_delta(tx, 9, ty, 7, 0.95, FGROI_TWO_SIDED, &d, NULL));
  assert_rel(d.estimate, 0.49206349206349204, TOL);
  assert_rel(d.lower, -0.13012962989806851, TOL);
  assert_rel(d.upper, 0.83620809861501622, TOL);
  assert_ok(fgroi_means_cliffs_delta(tx, 9, ty, 7, 0.9, FGROI_TWO_SIDED, NULL, &ps));
  assert_rel(ps.lower, (-0.023128783743177207 + 1) / 2, TOL);
  assert_rel(ps.upper, (0.80074737560482134 + 1) / 2, TOL);
  /* complete separation: variance estimate 0, interval collapses, flagged */
  const double lo[3] = { 1, 2, 3 }, hi[3] = { 4, 5, 6 };
  assert_ok(fgroi_means_cliffs_delta(hi, 3, lo, 3, 0.95, FGROI_TWO_SIDED, &d, NULL));
  cr_assert_eq(d.estimate, 1.0);
  cr_assert(d.flags & FGROI_FLAG_DEGENERATE);
  cr_assert(!isnan(d.lower) && !isnan(d.upper));
}

/* ---- Bland-Altman ------------------------------------------------------------------------- */

/* Bland & Altman (1986) Lancet i:307-310, Table 1: PEFR (l/min), first
 * reading with the Wright meter and with the mini Wright meter, 17 subjects. */
static const double wright[17] = { 494, 395, 516, 434, 476, 557, 413, 442, 650, 433, 417, 656, 267, 478, 178, 423, 427 };
static const double mini[17] = { 512, 430, 520, 428, 500, 600, 364, 380, 658, 445, 432, 626, 260, 477, 259, 350, 451 };

Test(means, bland_altman_1986_published) {
  fgroi_bland_altman r = FGROI_INIT(fgroi_bland_altman);
  fgroi_means_ba_options o = FGROI_INIT(fgroi_means_ba_options);
  (void)fgroi_means_ba_options_default(&o);
  o.multiplier = 2.0;
  o.loa_se = FGROI_LOA_SE_1986;
  assert_ok(fgroi_means_bland_altman(wright, mini, 17, 0.95, &o, &r));
  /* published (rounded): mean -2.1, SD 38.8, limits -79.7 and 75.5; 95% CI of
   * the bias -22.0 to 17.8 (SE 9.4, t16 = 2.12), of the lower limit -114.3 to
   * -45.1 and of the upper limit 40.9 to 110.1 (SE 16.3) */
  assert_abs(r.bias, -2.1, 0.05);
  assert_abs(r.sd, 38.8, 0.05);
  assert_abs(r.loa_lower, -79.7, 0.1); /* -2.1 - 2 x 38.8 */
  assert_abs(r.loa_upper, 75.5, 0.1);
  assert_abs(r.bias_lower, -22.0, 0.1);
  assert_abs(r.bias_upper, 17.8, 0.1);
  assert_abs(r.loa_se, 16.3, 0.05);
  assert_abs(r.loa_lower_lower, -114.3, 0.15);
  assert_abs(r.loa_lower_upper, -45.1, 0.15);
  assert_abs(r.loa_upper_lower, 40.9, 0.15);
  assert_abs(r.loa_upper_upper, 110.1, 0.2);
  /* the same formulas evaluated in R at full precision */
  assert_rel(r.bias, -2.1176470588235294, TOL);
  assert_rel(r.sd, 38.765129873607378, TOL);
  assert_rel(r.bias_lower, -22.048837696645165, TOL);
  assert_rel(r.bias_upper, 17.813543578998107, TOL);
  assert_rel(r.loa_lower_lower, -114.16974164608649, TOL);
  assert_rel(r.loa_lower_upper, -45.126071965990086, TOL);
  assert_rel(r.loa_upper_lower, 40.890777848343014, TOL);
  assert_rel(r.loa_upper_upper, 109.93444752843942, TOL);
}

Test(means, bland_altman_1999_default) {
  fgroi_bland_altman r = FGROI_INIT(fgroi_bland_altman);
  /* k = 1.96, SE = s sqrt(1/n + k^2 / (2 (n - 1))) (Bland & Altman 1999), in R */
  assert_ok(fgroi_means_bland_altman(wright, mini, 17, 0.95, NULL, &r));
  assert_rel(r.loa_lower, -78.097301611093997, TOL);
  assert_rel(r.loa_upper, 73.862007493446924, TOL);
  assert_rel(r.loa_se, 16.395107984714521, TOL);
  assert_rel(r.loa_lower_lower, -112.853377909195, TOL);
  assert_rel(r.loa_lower_upper, -43.341225312992989, TOL);
  assert_rel(r.loa_upper_lower, 39.105931195345917, TOL);
  assert_rel(r.loa_upper_upper, 108.61808379154793, TOL);
  cr_assert_eq(r.n, 17);
  cr_assert_eq(r.multiplier, 1.96);
  /* constant differences: limits collapse onto the bias, no NaN */
  const double a[3] = { 5, 6, 7 }, b[3] = { 4, 5, 6 };
  assert_ok(fgroi_means_bland_altman(a, b, 3, 0.95, NULL, &r));
  cr_assert_eq(r.sd, 0.0);
  cr_assert_eq(r.loa_lower_lower, 1.0);
  assert_status(fgroi_means_bland_altman(a, b, 1, 0.95, NULL, &r), FGROI_E_TOO_FEW);
}

/* ---- bad input walk-through ----------------------------------------------------------------- */

Test(means, bad_inputs_leave_outputs_untouched) {
  const double nanv[3] = { 1, NAN, 2 }, infv[3] = { 1, INFINITY, 2 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval), small = { .struct_size = 8 };
  fgroi_test t = FGROI_INIT(fgroi_test);
  ci.estimate = 42; t.p_value = 42;
  /* t one */
  assert_status(fgroi_means_t_one(NULL, 3, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NULL);
  assert_status(fgroi_means_t_one(hx, 9, 0, 0.95, FGROI_TWO_SIDED, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_means_t_one(hx, 9, 0, 0.95, FGROI_TWO_SIDED, &small, &t), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_means_t_one(hx, 0, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_means_t_one(nanv, 3, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NAN);
  assert_status(fgroi_means_t_one(infv, 3, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_INFINITE);
  assert_status(fgroi_means_t_one(hx, 9, NAN, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NAN);
  assert_status(fgroi_means_t_one(hx, 9, 0, 1.0, FGROI_TWO_SIDED, &ci, &t), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_means_t_one(hx, 9, 0, 0.0, FGROI_TWO_SIDED, &ci, &t), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_means_t_one(hx, 9, 0, 0.95, (fgroi_alternative)7, &ci, &t), FGROI_E_ALTERNATIVE);
  /* t paired / two */
  assert_status(fgroi_means_t_paired(hx, NULL, 9, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NULL);
  assert_status(fgroi_means_t_paired(hx, nanv, 3, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NAN);
  assert_status(fgroi_means_t_two(hx, 9, hy, 9, 0, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  assert_status(fgroi_means_t_two(hx, 9, hy, 0, 0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_means_t_two(hx, 9, infv, 3, 0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_INFINITE);
  /* rank tests */
  assert_status(fgroi_means_wilcoxon_one(NULL, 3, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NULL);
  assert_status(fgroi_means_wilcoxon_one(hx, 0, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_means_wilcoxon_one(nanv, 3, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NAN);
  assert_status(fgroi_means_wilcoxon_one(hx, 9, 0, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  assert_status(fgroi_means_wilcoxon_one(hx, 9, 0, FGROI_METHOD_DEFAULT, 1.5, FGROI_TWO_SIDED, &ci, &t), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_means_wilcoxon_one(hx, 9, 0, FGROI_METHOD_DEFAULT, 0.95, (fgroi_alternative)-1, &ci, &t), FGROI_E_ALTERNATIVE);
  assert_status(fgroi_means_wilcoxon_paired(hx, hy, 0, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_means_wilcoxon_paired(hx, hx, 9, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_mann_whitney(hx, 9, NULL, 3, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NULL);
  assert_status(fgroi_means_mann_whitney(hx, 9, infv, 3, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_INFINITE);
  assert_status(fgroi_means_mann_whitney(hx, 9, hy, 9, 0, FGROI_METHOD_KATZ, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  assert_status(fgroi_means_mann_whitney(hx, 9, hy, 9, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &small, &t), FGROI_E_STRUCT_SIZE);
  const double same[4] = { 3, 3, 3, 3 };
  assert_status(fgroi_means_mann_whitney(same, 4, same, 4, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  /* effect sizes, Bland-Altman */
  assert_status(fgroi_means_hedges_g(hx, 9, hy, 9, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, NULL), FGROI_E_NULL);
  assert_status(fgroi_means_hedges_g(hx, 9, nanv, 3, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NAN);
  assert_status(fgroi_means_cliffs_delta(hx, 9, hy, 9, 0.95, FGROI_TWO_SIDED, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_means_cliffs_delta(hx, 1, hy, 9, 0.95, FGROI_TWO_SIDED, &ci, NULL), FGROI_E_TOO_FEW);
  assert_status(fgroi_means_cliffs_delta(hx, 9, hy, 9, -0.1, FGROI_TWO_SIDED, &ci, NULL), FGROI_E_CONF_LEVEL);
  fgroi_bland_altman ba = FGROI_INIT(fgroi_bland_altman), basmall = { .struct_size = 16 };
  fgroi_means_ba_options o = FGROI_INIT(fgroi_means_ba_options);
  (void)fgroi_means_ba_options_default(&o);
  ba.bias = 42;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, 0.95, NULL, &basmall), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_means_bland_altman(hx, hy, 9, 0.95, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_means_bland_altman(NULL, hy, 9, 0.95, NULL, &ba), FGROI_E_NULL);
  assert_status(fgroi_means_bland_altman(hx, hy, 0, 0.95, NULL, &ba), FGROI_E_EMPTY);
  assert_status(fgroi_means_bland_altman(hx, hy, 9, 2.0, NULL, &ba), FGROI_E_CONF_LEVEL);
  o.multiplier = -1;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, 0.95, &o, &ba), FGROI_E_OUT_OF_RANGE);
  o.multiplier = NAN;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, 0.95, &o, &ba), FGROI_E_NAN);
  o = FGROI_INIT(fgroi_means_ba_options);
  (void)fgroi_means_ba_options_default(&o);
  o.loa_se = (fgroi_loa_se)9;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, 0.95, &o, &ba), FGROI_E_METHOD);
  o.struct_size = 4;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, 0.95, &o, &ba), FGROI_E_STRUCT_SIZE);
  cr_assert_eq(ci.estimate, 42);
  cr_assert_eq(t.p_value, 42);
  cr_assert_eq(ba.bias, 42);
}

/* ---- properties ------------------------------------------------------------------------------ */

/* The exact signed-rank p-value at the most extreme statistic is 2 / 2^n, and
 * a symmetric sample (V at its mean) has p = 1. */
Test(means, exact_distribution_properties) {
  double x[12];
  fgroi_test t = FGROI_INIT(fgroi_test);
  for (int i = 0; i < 12; i++) x[i] = i + 1.0;
  assert_ok(fgroi_means_wilcoxon_one(x, 12, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.p_value, 2.0 / 4096.0, TOL);
  assert_ok(fgroi_means_wilcoxon_one(x, 12, 0, FGROI_METHOD_EXACT, 0.95, FGROI_GREATER, NULL, &t));
  assert_rel(t.p_value, 1.0 / 4096.0, TOL);
  /* Mann-Whitney complete separation 5 vs 5: p = 2 / choose(10, 5) */
  const double a[5] = { 1, 2, 3, 4, 5 }, b[5] = { 6, 7, 8, 9, 10 };
  assert_ok(fgroi_means_mann_whitney(a, 5, b, 5, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.p_value, 2.0 / 252.0, TOL);
  cr_assert_eq(t.statistic, 0);
  /* p below the double range: 0, flagged (R prints < 2.2e-16 and stores 0) */
  static double big[3000];
  for (int i = 0; i < 3000; i++) big[i] = i + 1.0;
  assert_ok(fgroi_means_wilcoxon_one(big, 3000, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, NULL, &t));
  cr_assert_eq(t.p_value, 0.0);
  cr_assert(t.flags & FGROI_FLAG_P_FLOOR);
  /* single observation: signed rank is defined (p = 1 two-sided, n = 1) */
  const double one[1] = { 2.5 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_means_wilcoxon_one(one, 1, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.p_value, 1.0, TOL);
  /* R: wilcox.test(2.5, conf.int = TRUE) gives [2.5, 2.5] with conf.level
   * attribute 0 and a warning; an interval of level 0 is refused (issue 14) */
  assert_status(fgroi_means_wilcoxon_one(one, 1, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED,
                                         &ci, &t), FGROI_E_TOO_FEW);
}

/* ---- randomised cases against R ---------------------------------------------------------- */

/* Generated with R 4.2.2, set.seed(20261123): rounded normal samples (so
 * some have ties and zeros), random n across the exact/normal boundary,
 * mu, alternative and conf.level; reference = wilcox.test(x[, y], mu,
 * alternative, conf.int = TRUE, conf.level) with default tol.root:
 *
 *   set.seed(20261123); alts <- c("two.sided", "less", "greater")
 *   for (k in 1:16) {   # signed rank
 *     n <- sample(c(4:20, 45:60), 1); dig <- sample(c(0, 1, 3), 1)
 *     x <- round(rnorm(n, 0.4, 1.5), dig); mu <- sample(c(0, 0.5), 1)
 *     alt <- sample(alts, 1); cl <- sample(c(0.8, 0.9, 0.95, 0.99), 1)
 *     r <- wilcox.test(x, mu = mu, alternative = alt, conf.int = TRUE, conf.level = cl) }
 *   for (k in 1:16) {   # rank sum
 *     nx <- sample(c(3:15, 48:55), 1); ny <- sample(c(3:15, 48:55), 1)
 *     dig <- sample(c(0, 1, 3), 1); x <- round(rnorm(nx, 0.6, 1.2), dig)
 *     y <- round(rnorm(ny, 0, 1), dig); mu <- sample(c(0, 0.3), 1)
 *     alt <- sample(alts, 1); cl <- sample(c(0.8, 0.9, 0.95, 0.99), 1)
 *     r <- wilcox.test(x, y, mu = mu, alternative = alt, conf.int = TRUE, conf.level = cl) }
 *
 * and each case printed with sprintf("%.17g"). */
typedef struct {
  int nx; double x[70]; int ny; double y[70];
  double mu; fgroi_alternative alt; double conf;
  double statistic, p_value, estimate, lower, upper;
} rank_case;

static const rank_case sr_cases[] = {
  { 19, { 2, -2, 0, 0, 0, -1, -1, 3, -2, -1, 2, 1, 1, 2, 3, -0, 0, 1, 2 }, 0, { 0 }, 0, FGROI_GREATER, 0.99, 75.5, 0.075239854271729842, 0.50005902321810081, -0.50000094390685867, INFINITY },
  { 9, { 1.3, -1.1000000000000001, 1.8, 0.5, 0.90000000000000002, -1, -0.40000000000000002, 1, -0.59999999999999998 }, 0, { 0 }, 0, FGROI_GREATER, 0.99, 28.5, 0.25715024372815265, 0.25001820873846248, -1.0000102725881084, INFINITY },
  { 15, { 3, 4, 0, -1, -2, 1, -2, -2, 0, 1, 1, 1, -1, -0, -0 }, 0, { 0 }, 0.5, FGROI_LESS, 0.95, 45.5, 0.2087321726697369, 3.0324208789828068e-05, -INFINITY, 0.99993023323494035 },
  { 16, { 0.032000000000000001, -0.46700000000000003, 0.89600000000000002, -1.8160000000000001, -0.92600000000000005, 1.9850000000000001, 2.7989999999999999, -0.097000000000000003, -0.95199999999999996, -0.99199999999999999, -0.61499999999999999, 0.90000000000000002, 0.82999999999999996, 0.17000000000000001, 1.756, -0.52100000000000002 }, 0, { 0 }, 0, FGROI_GREATER, 0.95, 72, 0.43013000488281256, 0.10425, -0.46700000000000003, INFINITY },
  { 10, { -0.40000000000000002, 1.5, 0.20000000000000001, 1.3, 2.2000000000000002, 0.69999999999999996, 3.1000000000000001, 0, 1.5, -0.40000000000000002 }, 0, { 0 }, 0.5, FGROI_GREATER, 0.8, 39, 0.13078611800697468, 0.89998045704259022, 0.55001135464523487, INFINITY },
  { 14, { -0.66300000000000003, -1.704, -1.355, -1.72, -1.669, -2.2879999999999998, 0.23499999999999999, 0.88800000000000001, -2.5990000000000002, 1.871, -0.34699999999999998, 0.61599999999999999, 0.624, 2.8010000000000002 }, 0, { 0 }, 0.5, FGROI_LESS, 0.8, 26, 0.052001953125000007, -0.505, -INFINITY, 0.075500000000000123 },
  { 8, { 2.3479999999999999, -1.3069999999999999, 2.3399999999999999, 3.0539999999999998, 1.992, 1.2150000000000001, 0.72599999999999998, 4.0590000000000002 }, 0, { 0 }, 0, FGROI_GREATER, 0.99, 33, 0.019531250000000007, 1.9409999999999998, -0.29049999999999998, INFINITY },
  { 12, { 2, 2, 0, 1, 1, 4, 1, -2, -2, 2, -1, 1 }, 0, { 0 }, 0, FGROI_LESS, 0.95, 47, 0.90582345144310228, 0.99997215461133382, -INFINITY, 1.5000218584313789 },
  { 19, { -0.20000000000000001, -0.80000000000000004, -0.5, 2, 2.2999999999999998, -1.6000000000000001, -0.5, -0.69999999999999996, 0.90000000000000002, 0.40000000000000002, 1, -1.8999999999999999, 1.6000000000000001, 3.7000000000000002, 0.69999999999999996, -0.59999999999999998, -0.29999999999999999, -2.3999999999999999, -1 }, 0, { 0 }, 0, FGROI_GREATER, 0.99, 97.5, 0.46791305067927424, 0.049983971473014269, -0.79995590064729782, INFINITY },
  { 59, { -1.6000000000000001, 1.6000000000000001, 0.59999999999999998, 0.40000000000000002, 0, 0.59999999999999998, 0.40000000000000002, 2.1000000000000001, 0.80000000000000004, -0.29999999999999999, -1.3, 1.1000000000000001, -0.20000000000000001, -1.1000000000000001, -0.29999999999999999, 0.10000000000000001, 1.5, 1.7, 0.80000000000000004, -2.7999999999999998, 2, -1.5, -0.59999999999999998, 0.10000000000000001, -0.90000000000000002, 0.69999999999999996, 0.90000000000000002, 0.29999999999999999, 2.7999999999999998, 0.5, 1.8, -1.3999999999999999, -1.3, 1.2, 0.10000000000000001, -0.20000000000000001, 3, 0.90000000000000002, 1.1000000000000001, -0.59999999999999998, -1.6000000000000001, -0.29999999999999999, -0.10000000000000001, 0.20000000000000001, 1.8, 2.7999999999999998, 0.69999999999999996, -1.6000000000000001, 1, 0.5, -1.2, 1.2, 2.7999999999999998, -0.10000000000000001, 2.8999999999999999, 0, 0.10000000000000001, 1.6000000000000001, 2.8999999999999999 }, 0, { 0 }, 0, FGROI_GREATER, 0.8, 1132.5, 0.007584777873391766, 0.45002823937176839, 0.29995637699883004, INFINITY },
  { 19, { 0.20000000000000001, -0.29999999999999999, 2, -0.90000000000000002, -0.80000000000000004, -2.5, -0.20000000000000001, -0.90000000000000002, -0.90000000000000002, -1.7, -0.29999999999999999, 0.40000000000000002, -0.40000000000000002, -1.7, -1.2, -2.7000000000000002, -1, 0.29999999999999999, 1.6000000000000001 }, 0, { 0 }, 0, FGROI_TWO_SIDED, 0.95, 43, 0.038006592109935809, -0.60006379313176739, -1.1500057685231471, -0.04996712251053638 },
  { 20, { -1.3999999999999999, 1.8999999999999999, 0.20000000000000001, -0.40000000000000002, -1.5, 0.69999999999999996, 0.20000000000000001, 1.5, -0.90000000000000002, -3, 3.8999999999999999, -1.3, 0.10000000000000001, 0.10000000000000001, 1.8, 2.7000000000000002, 0.40000000000000002, 1.8, 1.3999999999999999, -0.20000000000000001 }, 0, { 0 }, 0.5, FGROI_GREATER, 0.8, 93.5, 0.67297688241500886, 0.30009251529281078, 0.10000135320342163, INFINITY },
  { 15, { 1, -0, 1, 1, 1, 0, 0, -0, 0, -1, 1, 1, -0, 4, -1 }, 0, { 0 }, 0, FGROI_LESS, 0.99, 36, 0.96376870920400382, 0.99996847281263823, -INFINITY, 2.4999769845819286 },
  { 11, { 1.534, -1.1830000000000001, -0.95399999999999996, -1.452, -0.66700000000000004, 0.109, 0.25900000000000001, 1.8420000000000001, -1.6319999999999999, 2.359, -0.089999999999999997 }, 0, { 0 }, 0.5, FGROI_TWO_SIDED, 0.8, 19, 0.24023437499999997, 0.025250000000000022, -0.68649999999999989, 0.58799999999999997 },
  { 59, { 2, 0, 0, 2, -2, 2, -1, -2, 0, 1, -2, -1, 0, 0, -0, -0, 2, 1, -1, -1, -1, -1, -1, -1, -1, 1, -0, -0, 3, -1, 1, -1, -0, 2, 0, -0, 2, 1, 2, 3, 1, 3, -1, 2, -2, 1, 3, 2, 1, -2, -0, 0, 0, 2, 1, -2, -1, 2, 2 }, 0, { 0 }, 0, FGROI_LESS, 0.95, 651.5, 0.96971877625078873, 0.49999257843130684, -INFINITY, 0.99994291888195397 },
  { 16, { 1.5, 2.2000000000000002, -0.69999999999999996, -1.5, -1.8, 0.40000000000000002, -0.59999999999999998, 1.5, 1.2, 0.59999999999999998, -0.10000000000000001, 1, 0.40000000000000002, 4.5, -1.3999999999999999, 1.3 }, 0, { 0 }, 0.5, FGROI_TWO_SIDED, 0.95, 64, 0.85626388774773488, 0.41380857662687703, -0.34995082991533527, 1.3499697777761888 },
};
static const rank_case mw_cases[] = {
  { 48, { 1, -1, 3, -1, 0, 1, 2, 2, 1, 2, 1, 1, -0, 1, -0, 0, 1, 3, 0, 1, 1, 0, 0, 1, 2, -1, -2, 1, -0, 3, 0, 0, 1, 1, 0, 2, 0, 1, 1, 0, -0, 1, 1, 1, -0, 3, 2, 2 }, 48, { 1, 2, -0, 1, -1, 1, 1, 1, 2, 1, 2, -0, 1, -0, 0, -0, -2, -2, 0, 0, 1, 0, 0, -1, 1, 1, 0, 0, -0, -0, -1, 0, -2, -0, -0, 0, 0, -3, -1, -0, -1, 0, -1, 1, 1, -1, -2, -0 }, 0, FGROI_GREATER, 0.8, 1585.5, 0.00045315398696075545, 0.99993088228203886, 0.99995599263194246, INFINITY },
  { 11, { 1.7150000000000001, 1.738, -0.85799999999999998, 2.2869999999999999, 0.77100000000000002, 1.2270000000000001, 0.255, -1.3560000000000001, 1.153, 2.0529999999999999, 1.3380000000000001 }, 12, { -1.1719999999999999, -0.70599999999999996, -1.0449999999999999, 0.83799999999999997, 0.086999999999999994, -0.215, -0.38600000000000001, 0.14099999999999999, -0.246, -0.505, -0.033000000000000002, -0.96799999999999997 }, 0, FGROI_GREATER, 0.8, 109, 0.0034924020655613059, 1.5460000000000003, 1.2149999999999999, INFINITY },
  { 6, { 0.80000000000000004, 1.8999999999999999, 0.40000000000000002, -0.59999999999999998, 3.1000000000000001, 1.3999999999999999 }, 9, { -1.1000000000000001, -0.40000000000000002, 1.2, 0.5, 0.10000000000000001, 1.1000000000000001, 0.40000000000000002, 0, 0.10000000000000001 }, 0, FGROI_LESS, 0.95, 40.5, 0.95082133972796723, 0.80000437097602495, -INFINITY, 1.8999687234812044 },
  { 10, { 0.20000000000000001, -0.40000000000000002, 0.69999999999999996, 1.5, 1.5, -0.59999999999999998, -1, 0.59999999999999998, 0.69999999999999996, -0 }, 6, { -0.59999999999999998, -0.5, -0, 0.5, 1, -1 }, 0, FGROI_LESS, 0.95, 39.5, 0.86184854133125832, 0.49995327003858298, -INFINITY, 1.2000010591197807 },
  { 13, { 1.5, 1.2, 1.5, 0.40000000000000002, 0.5, 0.40000000000000002, -0.10000000000000001, 0.20000000000000001, 0.29999999999999999, 0.90000000000000002, 1.3, 2.2000000000000002, -0.40000000000000002 }, 48, { 0.90000000000000002, 0.40000000000000002, 0.69999999999999996, -0.5, 0.40000000000000002, 0.69999999999999996, 0.29999999999999999, 0.10000000000000001, 1.8, 0.29999999999999999, -0.20000000000000001, -0.10000000000000001, 2.6000000000000001, 1.3, 0.69999999999999996, 1, -1, 0.29999999999999999, -1.3999999999999999, -0.59999999999999998, 0.59999999999999998, -0.10000000000000001, -0.5, 1.3999999999999999, -1.6000000000000001, 0.20000000000000001, 0.29999999999999999, 0.20000000000000001, -2.6000000000000001, -0.10000000000000001, -1.3999999999999999, 0.20000000000000001, -1.3, 0.80000000000000004, -0.20000000000000001, 0.59999999999999998, 0.90000000000000002, -0.80000000000000004, 1.2, -0.59999999999999998, -2.1000000000000001, -1.3, -0.40000000000000002, 0.20000000000000001, -0.90000000000000002, -0.40000000000000002, 0, 1 }, 0, FGROI_TWO_SIDED, 0.8, 452.5, 0.013574808821695962, 0.69995112774750912, 0.30005024606335101, 1.0000369037499497 },
  { 12, { 1.6000000000000001, 0.40000000000000002, -0, -1.3, 1.3, 3.2999999999999998, 0.5, -1.3, 0.69999999999999996, 1, 0.40000000000000002, 1.7 }, 4, { 1.3999999999999999, -0.10000000000000001, -0.29999999999999999, -0.5 }, 0, FGROI_GREATER, 0.9, 33, 0.15096682942199005, 0.70004532886038717, -0.69997695765698897, INFINITY },
  { 12, { -0.29999999999999999, -0.5, -1, 2.3999999999999999, 1.6000000000000001, 1, 0.80000000000000004, -0.10000000000000001, -0.69999999999999996, -0.20000000000000001, 1.8999999999999999, 1.3999999999999999 }, 15, { 0.69999999999999996, 0.59999999999999998, -1.2, -1.3, 0.5, -0.69999999999999996, -0.20000000000000001, -0.59999999999999998, -1.5, -1.5, -0.29999999999999999, -1.7, -0.69999999999999996, 0.40000000000000002, 0.69999999999999996 }, 0, FGROI_GREATER, 0.99, 137, 0.011551013674302271, 0.99998416925742506, -1.8225353561008645e-05, INFINITY },
  { 11, { 1, -1, 1, -1, 1, -1, 0, 1, 2, -1, 0 }, 53, { -2, -2, -1, 0, -1, 1, 1, 1, 0, 2, -1, -1, 1, 2, -0, 0, 1, 0, -1, -0, -0, -0, 0, 3, -1, -0, -0, -0, -0, -0, 2, -1, 2, 0, -2, 0, 1, 1, 0, -1, -1, -1, 1, -1, -0, -1, -0, 1, 2, -1, 1, 1, -1 }, 0, FGROI_TWO_SIDED, 0.8, 308.5, 0.76062710510237552, 6.9804281489002081e-06, -5.1799342266102961e-05, 0.99995238677943332 },
  { 15, { 1.6299999999999999, -1.7430000000000001, -1.3799999999999999, 0.24299999999999999, 1.292, -0.23999999999999999, -0.81100000000000005, -1.304, -0.20200000000000001, 1.3, 0.097000000000000003, -2.222, 1.456, 1.5600000000000001, -0.81699999999999995 }, 6, { 0.044999999999999998, -0.035000000000000003, 0.34399999999999997, -0.85299999999999998, -1.6240000000000001, 0.46100000000000002 }, 0.3, FGROI_TWO_SIDED, 0.8, 41, 0.79098481497862294, 0.091999999999999998, -0.66300000000000003, 1.1120000000000001 },
  { 8, { 1.5249999999999999, 3.2650000000000001, -0.33300000000000002, 0.94999999999999996, -0.35699999999999998, 0.29799999999999999, -2.0459999999999998, 0.97299999999999998 }, 48, { 0.80000000000000004, -2.802, 0.48599999999999999, 1.304, -1.1850000000000001, -0.23599999999999999, 1.76, 0.071999999999999995, -0.55900000000000005, 0.34300000000000003, -0.91100000000000003, -0.44400000000000001, -0.46800000000000003, 1.4790000000000001, 0.21099999999999999, 0.55500000000000005, 0.58299999999999996, 0.41099999999999998, 0.27100000000000002, 0.48199999999999998, 0.60299999999999998, -0.88400000000000001, -0.14299999999999999, -1.2350000000000001, -1.4950000000000001, 1.109, -0.33200000000000002, -0.253, -1.1830000000000001, -0.214, -0.82599999999999996, -0.0040000000000000001, -0.877, 0.999, 0.27500000000000002, -0.052999999999999999, 1.123, -1.4690000000000001, -0.83699999999999997, 0.83099999999999996, 0.073999999999999996, -0.94899999999999995, 2.0150000000000001, 0.39800000000000002, 0.26200000000000001, 0.32800000000000001, -0.372, -0.16200000000000001 }, 0.3, FGROI_GREATER, 0.9, 219, 0.27096521469123341, 0.54749999999999999, -0.10000000000000003, INFINITY },
  { 8, { 2, -0, 1, 2, 2, 3, -2, 2 }, 7, { -1, 2, 1, 1, -0, -0, -2 }, 0.3, FGROI_LESS, 0.8, 37, 0.86679835138531136, 1.0000338246664127, -INFINITY, 1.9999448413756409 },
  { 9, { -0.59099999999999997, 0.23400000000000001, 2.9060000000000001, -0.113, 1.6080000000000001, -0.50600000000000001, 1.3720000000000001, 1.2649999999999999, 1.367 }, 10, { 0.61199999999999999, 0.095000000000000001, -0.82499999999999996, -0.622, -0.92600000000000005, 0.021000000000000001, 0.40500000000000003, -1.712, -0.29899999999999999, 1.9990000000000001 }, 0.3, FGROI_TWO_SIDED, 0.95, 60, 0.24280672887484037, 0.98150000000000004, -0.20800000000000002, 2.1909999999999998 },
  { 14, { 0.20000000000000001, 0.20000000000000001, -0.5, -0.5, 1.1000000000000001, 1.3, 1.3, 2.7000000000000002, -0.59999999999999998, 0.59999999999999998, 2, -0.5, -0.5, 0.69999999999999996 }, 10, { 0.5, 1.3, -0.59999999999999998, -1, 0.29999999999999999, 2.5, -0.80000000000000004, -0.20000000000000001, 1.8, -1.8 }, 0.3, FGROI_TWO_SIDED, 0.99, 71.5, 0.95307238875666833, 0.30007897591569438, -1.100044455169904, 1.8999871067749001 },
  { 11, { 2.1179999999999999, 1.9099999999999999, 1.0309999999999999, 2.7269999999999999, 1.2090000000000001, -2.2000000000000002, 1.0289999999999999, 1.3759999999999999, 0.69899999999999995, 0.29099999999999998, -1.083 }, 52, { -0.64100000000000001, 0.50800000000000001, -0.40300000000000002, 0.83199999999999996, 0.124, -0.47999999999999998, 1.8440000000000001, -0.877, -1.087, 0.439, -0.28100000000000003, -1.0409999999999999, 0.89800000000000002, -1.831, 0.25900000000000001, 0.49099999999999999, 1.27, 0.33500000000000002, 0.042000000000000003, 0.54700000000000004, -0.16700000000000001, 2.734, 1.3859999999999999, -0.46600000000000003, -0.28899999999999998, -0.76200000000000001, -0.11899999999999999, -0.55300000000000005, 0.314, -0.124, -0.191, -0.47699999999999998, -2.3199999999999998, 1.8540000000000001, -0.254, -0.44600000000000001, 1.0069999999999999, -0.61099999999999999, 0.98399999999999999, 0.42799999999999999, 1.5920000000000001, -0.056000000000000001, 0.107, 0.67300000000000004, -0.51900000000000002, -0.48699999999999999, -1.6519999999999999, -0.80900000000000005, -0.17100000000000001, 0.34100000000000003, 0.51400000000000001, 0.060999999999999999 }, 0, FGROI_GREATER, 0.8, 417, 0.0090705685301533528, 0.996817081090284, 0.73197813744008355, INFINITY },
  { 11, { -0, 0, 1, 1, 1, 0, 1, 1, 1, -1, 3 }, 4, { 0, -1, 1, 1 }, 0.3, FGROI_GREATER, 0.99, 19, 0.68232257169054011, 3.4964579627085572e-05, -1.0000639446615964, INFINITY },
  { 10, { 1, -1, 2, -1, 1, -2, -0, -0, 2, 1 }, 11, { 0, 0, -1, -2, -2, -1, 1, -1, 1, -2, 1 }, 0.3, FGROI_GREATER, 0.9, 64, 0.27342835269949584, 0.99996859420551221, 7.8192978277618838e-06, INFINITY },
};

static void check_case(const rank_case *c, int two_sample, int idx) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_status s = two_sample
      ? fgroi_means_mann_whitney(c->x, (size_t)c->nx, c->y, (size_t)c->ny, c->mu, FGROI_METHOD_DEFAULT, c->conf, c->alt, &ci, &t)
      : fgroi_means_wilcoxon_one(c->x, (size_t)c->nx, c->mu, FGROI_METHOD_DEFAULT, c->conf, c->alt, &ci, &t);
  cr_assert(s == FGROI_OK, "case %d (%s): %s", idx, two_sample ? "mw" : "sr", fgroi_status_name(s));
  cr_assert(fabs(t.statistic - c->statistic) <= 1e-9 * fabs(c->statistic), "case %d statistic %.17g vs %.17g", idx, t.statistic, c->statistic);
  cr_assert(fabs(t.p_value - c->p_value) <= 1e-10 * c->p_value + 1e-15, "case %d p %.17g vs %.17g", idx, t.p_value, c->p_value);
  const double got[3] = { ci.estimate, ci.lower, ci.upper }, want[3] = { c->estimate, c->lower, c->upper };
  for (int k = 0; k < 3; k++) {
    if (isinf(want[k])) cr_assert(got[k] == want[k], "case %d [%d] %.17g vs %.17g", idx, k, got[k], want[k]);
    else cr_assert(fabs(got[k] - want[k]) <= 1e-9 * fmax(1.0, fabs(want[k])), "case %d [%d] %.17g vs %.17g", idx, k, got[k], want[k]);
  }
}

Test(means, randomised_signed_rank_vs_r) {
  for (size_t i = 0; i < sizeof sr_cases / sizeof sr_cases[0]; i++) check_case(&sr_cases[i], 0, (int)i);
}

Test(means, randomised_mann_whitney_vs_r) {
  for (size_t i = 0; i < sizeof mw_cases / sizeof mw_cases[0]; i++) check_case(&mw_cases[i], 1, (int)i);
}

Test(means, exact_forced_beyond_r_default) {
  double L[401], A[100], B[100];
  for (int i = 0; i < 401; i++) L[i] = sin(i + 1.0) * 3 + 0.4;
  for (int i = 0; i < 100; i++) { A[i] = sin(i + 1.0) * 2 + 0.5; B[i] = cos(i + 1.0) * 2; }
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* wilcox.test(sin(1:60) * 3 + 0.4, exact = TRUE, conf.int = TRUE) */
  assert_ok(fgroi_means_wilcoxon_one(L, 60, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  check_rank(&t, &ci, 0.062748999075590228, 0.44431415722756928, -0.032400211233994586, 1.029704515606102, TOL);
  /* wilcox.test(A[1:60], B[1:55], exact = TRUE, conf.int = TRUE) */
  assert_ok(fgroi_means_mann_whitney(A, 60, B, 55, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  check_rank(&t, &ci, 0.014592726787779498, 0.552635563527476, 0.17816264505149793, 1.0795624518659779, TOL);
  /* 100 vs 100, alternative = "greater" (p of order 1e-3: tail accuracy) */
  assert_ok(fgroi_means_mann_whitney(A, 100, B, 100, 0, FGROI_METHOD_EXACT, 0.95, FGROI_GREATER, &ci, &t));
  assert_rel(t.statistic, 6147, TOL);
  assert_rel(t.p_value, 0.0024633837769013536, 1e-9);
  assert_rel(ci.estimate, 0.50345032788883926, TOL);
  assert_rel(ci.lower, 0.2480477091773905, TOL);
  /* limits of the exact enumeration */
  assert_status(fgroi_means_wilcoxon_one(L, 401, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_LARGE);
  assert_status(fgroi_means_mann_whitney(A, 100, L, 101, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_LARGE);
}

/* R's "requested conf.level not achievable" rules, reproduced and reported
 * in conf_level (R's conf.int attribute). */
Test(means, unachievable_levels_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  const double a[4] = { 1, 1, 2, 3 }, b[5] = { 1.1, 2.3, 0.4, 3.5, -0.2 };
  /* wilcox.test(c(1, 1, 2, 3), conf.int = TRUE, conf.level = 0.99): ties, widened */
  assert_ok(fgroi_means_wilcoxon_one(a, 4, 0, FGROI_METHOD_DEFAULT, 0.99, FGROI_TWO_SIDED, &ci, &t));
  check_rank(&t, &ci, 0.097512538178109592, 1.9020543769707641, 1.499937015285264, 2.0000265506512886, TOL_ROOT);
  assert_rel(ci.conf_level, 0.35999999999999943, 1e-12);
  /* alternative = "greater", conf.level = 0.9 */
  assert_ok(fgroi_means_wilcoxon_one(a, 4, 0, FGROI_METHOD_DEFAULT, 0.9, FGROI_GREATER, &ci, &t));
  assert_rel(t.p_value, 0.048756269089054796, TOL);
  assert_rel(ci.lower, 1, TOL_ROOT);
  assert_rel(ci.conf_level, 0.8, 1e-12);
  /* exact, n = 5, conf.level = 0.99: achieved 0.938 */
  assert_ok(fgroi_means_wilcoxon_one(b, 5, 0, FGROI_METHOD_DEFAULT, 0.99, FGROI_TWO_SIDED, &ci, &t));
  check_rank(&t, &ci, 0.125, 1.35, -0.2, 3.5, TOL);
  assert_rel(ci.conf_level, 0.938, 1e-12);
  /* rank sum: wilcox.test(c(1.5, 2.5, 3.5), c(1, 2), conf.int = TRUE): 1 - achieved = 0.8 */
  const double x3[3] = { 1.5, 2.5, 3.5 }, y2[2] = { 1, 2 };
  assert_ok(fgroi_means_mann_whitney(x3, 3, y2, 2, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  check_rank(&t, &ci, 0.4, 1, -0.5, 2.5, TOL);
  assert_rel(ci.conf_level, 0.8, 1e-12);
  /* rank sum with ties, limits clamped to the range of differences:
   * wilcox.test(c(1, 2, 2), c(3, 3, 4), conf.int = TRUE) */
  const double x4[3] = { 1, 2, 2 }, y4[3] = { 3, 3, 4 };
  assert_ok(fgroi_means_mann_whitney(x4, 3, y4, 3, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  check_rank(&t, &ci, 0.072198197701657585, -1.9999634198438798, -3, -1, TOL);
}

Test(means, bland_altman_exact_limits_vs_r) {
  fgroi_bland_altman r = FGROI_INIT(fgroi_bland_altman);
  fgroi_means_ba_options o = FGROI_INIT(fgroi_means_ba_options);
  (void)fgroi_means_ba_options_default(&o);
  o.loa_se = FGROI_LOA_EXACT;
  /* d <- wright - mini; h <- sd(d) / sqrt(17); q <- qt(c(.975, .025), 16, ncp = sqrt(17) * 1.96)
   * lower limit: mean(d) - q * h; upper limit: mean(d) + rev(q) * h */
  assert_ok(fgroi_means_bland_altman(wright, mini, 17, 0.95, &o, &r));
  assert_rel(r.loa_lower, -78.097301611093997, TOL);
  assert_rel(r.loa_lower_lower, -124.16282778464041, 1e-8);
  assert_rel(r.loa_lower_upper, -53.096061187631584, 1e-8);
  assert_rel(r.loa_upper_lower, 48.860767069984526, 1e-8);
  assert_rel(r.loa_upper_upper, 119.92753366699334, 1e-8);
  /* k = 2, 90%: qt(c(.95, .05), 16, ncp = sqrt(17) * 2) */
  o.multiplier = 2.0;
  assert_ok(fgroi_means_bland_altman(wright, mini, 17, 0.9, &o, &r));
  assert_rel(r.loa_lower_lower, -117.15483245227308, 1e-8);
  assert_rel(r.loa_lower_upper, -57.925177076451511, 1e-8);
  assert_rel(r.loa_upper_lower, 53.689882958804453, 1e-8);
  assert_rel(r.loa_upper_upper, 112.91953833462601, 1e-8);
  /* the exact interval is wider than the approximations, and asymmetric */
  cr_assert(r.loa_upper_upper - r.loa_upper > r.loa_upper - r.loa_upper_lower);
}

Test(means, hedges_g_noncentral_t_vs_r) {
  fgroi_interval g = FGROI_INIT(fgroi_interval);
  /* d = (mean(x) - mean(y)) / sp; t = d / sqrt(1/nx + 1/ny); ncp limits by
   * uniroot(function(ncp) pt(t, df, ncp) - target, tol = 1e-14) for
   * targets 0.975 and 0.025; limits J * ncp * sqrt(1/nx + 1/ny) (R 4.2.2) */
  assert_ok(fgroi_means_hedges_g(hx, 9, hy, 9, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &g));
  assert_rel(g.estimate, 0.54099816797374622, TOL);
  assert_rel(g.lower, -0.36628364183253298, 1e-8);
  assert_rel(g.upper, 1.4322216421157388, 1e-8);
  cr_assert_eq(g.method, FGROI_METHOD_NONCENTRAL_T);
  assert_ok(fgroi_means_hedges_g(tx, 9, ty, 7, FGROI_METHOD_NONCENTRAL_T, 0.95, FGROI_TWO_SIDED, &g));
  assert_rel(g.lower, -0.10519346417109014, 1e-8);
  assert_rel(g.upper, 1.8753742458757989, 1e-8);
  /* one-sided 90%: target 0.9 for the lower limit */
  assert_ok(fgroi_means_hedges_g(tx, 9, ty, 7, FGROI_METHOD_NONCENTRAL_T, 0.9, FGROI_GREATER, &g));
  assert_rel(g.lower, 0.23622464740824953, 1e-8);
  cr_assert(isinf(g.upper));
  /* a large negative effect on 4 + 4 */
  const double a[4] = { 12, 14, 11, 15 }, b[4] = { 20, 22, 19, 25 };
  assert_ok(fgroi_means_hedges_g(a, 4, b, 4, FGROI_METHOD_NONCENTRAL_T, 0.95, FGROI_TWO_SIDED, &g));
  assert_rel(g.estimate, -3.2482307439113169, TOL);
  assert_rel(g.lower, -5.3705783223898536, 1e-8);
  assert_rel(g.upper, -1.055872949251065, 1e-8);
  assert_status(fgroi_means_hedges_g(a, 4, b, 4, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, &g), FGROI_E_METHOD);
}

/* ---- rank tests without continuity correction (0.2, issue 17) ------------------ */

/* R 4.2.2, wilcox.test(..., exact = FALSE, correct = FALSE, conf.int = TRUE),
 * for each alternative, printed with sprintf("%.17g"): p, estimate, limits
 * (R's uniroot landing points, reproduced step for step; the interval is
 * also computed without the correction, as R does). The same p-values from
 * scipy 1.10.1 (peers): wilcoxon(x, y, correction = False, mode = "approx")
 * 0.038151710173415135 on the depression data; mannwhitneyu(a, b,
 * use_continuity = False, method = "asymptotic") 0.22067136191984693;
 * published (Hollander & Wolfe 1973, R's ?wilcox.test): V = 40, W = 35. */
typedef struct { fgroi_alternative alt; double p, est, lo, hi; } rank_ref;

static void check_uncorrected(fgroi_status st, const fgroi_test *t, const fgroi_interval *ci,
                              double stat, const rank_ref *r) {
  assert_ok(st);
  assert_rel(t->statistic, stat, TOL);
  assert_rel(t->p_value, r->p, TOL);
  assert_rel(ci->estimate, r->est, TOL_ROOT);
  if (isinf(r->lo)) cr_assert(isinf(ci->lower) || ci->lower == -INFINITY);
  else assert_rel(ci->lower, r->lo, TOL_ROOT);
  if (isinf(r->hi)) cr_assert(isinf(ci->upper));
  else assert_rel(ci->upper, r->hi, TOL_ROOT);
  cr_assert(t->flags & FGROI_FLAG_NORMAL_APPROX);
  cr_assert(!(t->flags & FGROI_FLAG_CONTINUITY));
  cr_assert(!(ci->flags & FGROI_FLAG_CONTINUITY));
}

Test(means_v02, wilcoxon_correct_false_vs_r_and_scipy) {
  static const rank_ref dep[] = {
    { FGROI_TWO_SIDED, 0.038151710173415156, 0.46000237262956578, 0.010012499072844752, 0.78599819437088159 },
    { FGROI_GREATER, 0.019075855086707578, 0.46000237262956578, 0.17503687231348874, INFINITY },
    { FGROI_LESS, 0.98092414491329238, 0.46000237262956578, -INFINITY, 0.72594150082189324 },
  };
  static const double o[11] = { 1.5, 2, 2, 3.5, -1, 4, 4, 0.5, 2.5, -0.5, 3 };
  static const rank_ref one[] = {
    { FGROI_TWO_SIDED, 0.099162157401151196, 2.0000137063246108, 0.74999948925841486, 3.2499592929042467 },
    { FGROI_GREATER, 0.049581078700575598, 2.0000137063246108, 1.0000162744138166, INFINITY },
    { FGROI_LESS, 0.9504189212994244, 2.0000137063246108, -INFINITY, 2.9999124685246463 },
  };
  for (size_t i = 0; i < 3; i++) {
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    check_uncorrected(fgroi_means_wilcoxon_paired(hx, hy, 9, 0, FGROI_METHOD_NORMAL_UNCORRECTED, 0.95,
                                                  dep[i].alt, &ci, &t), &t, &ci, 40, &dep[i]);
    check_uncorrected(fgroi_means_wilcoxon_one(o, 11, 1.0, FGROI_METHOD_NORMAL_UNCORRECTED, 0.95,
                                               one[i].alt, &ci, &t), &t, &ci, 51.5, &one[i]);
    cr_assert(t.flags & FGROI_FLAG_TIES);
  }
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_means_wilcoxon_paired(hx, hy, 9, 0, FGROI_METHOD_NORMAL_UNCORRECTED, 0.95,
                                        FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.p_value, 0.038151710173415135, 1e-12); /* scipy */
  cr_assert_eq(t.method, FGROI_METHOD_WILCOXON);
}

/* All paired differences tied: the test is defined (R: V = 10,
 * p = 0.045500263896358424 with correct = FALSE, 0.071860638225851606 with
 * correct = TRUE; scipy wilcoxon([1]*4, correction=False) 0.04550026389635839),
 * the Hodges-Lehmann interval is not: asking only for the test succeeds. */
Test(means_v02, all_differences_tied_test_without_interval) {
  static const double x[4] = { 2, 3, 4, 5 }, y[4] = { 1, 2, 3, 4 };
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_means_wilcoxon_paired(x, y, 4, 0, FGROI_METHOD_NORMAL_UNCORRECTED, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.statistic, 10, TOL);
  assert_rel(t.p_value, 0.045500263896358424, TOL);
  assert_ok(fgroi_means_wilcoxon_paired(x, y, 4, 0, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.p_value, 0.071860638225851606, TOL);
  assert_status(fgroi_means_wilcoxon_paired(x, y, 4, 0, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, &ci, &t),
                FGROI_E_ZERO_VARIANCE);
}

Test(means_v02, mann_whitney_correct_false_vs_r_and_scipy) {
  static const double a[10] = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
  static const double b[5] = { 1.15, 0.88, 0.90, 0.74, 1.21 };
  static const rank_ref ab[] = {
    { FGROI_TWO_SIDED, 0.22067136191984679, 0.30250833904157232, -0.14998084629011074, 0.7599750662215724 },
    { FGROI_GREATER, 0.1103356809599234, 0.30250833904157232, -0.079973214813913285, INFINITY },
    { FGROI_LESS, 0.88966431904007659, 0.30250833904157232, -INFINITY, 0.71994777478818506 },
  };
  static const double a2[8] = { 1, 2, 2, 3, 4, 5, 5, 6 }, b2[8] = { 2, 3, 3, 4, 7, 8, 8, 9 };
  static const rank_ref tied[] = {
    { FGROI_TWO_SIDED, 0.091930671619294635, -2, -5.0000315314616612, 1.0000315314616608 },
    { FGROI_GREATER, 0.95403466419035265, -2, -4.000052602083823, INFINITY },
    { FGROI_LESS, 0.045965335809647317, -2, -INFINITY, 5.260208382772583e-05 },
  };
  for (size_t i = 0; i < 3; i++) {
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    check_uncorrected(fgroi_means_mann_whitney(a, 10, b, 5, 0, FGROI_METHOD_NORMAL_UNCORRECTED, 0.95,
                                               ab[i].alt, &ci, &t), &t, &ci, 35, &ab[i]);
    check_uncorrected(fgroi_means_mann_whitney(a2, 8, b2, 8, 0.5, FGROI_METHOD_NORMAL_UNCORRECTED, 0.95,
                                               tied[i].alt, &ci, &t), &t, &ci, 16, &tied[i]);
  }
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_means_mann_whitney(a, 10, b, 5, 0, FGROI_METHOD_NORMAL_UNCORRECTED, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.p_value, 0.22067136191984693, 1e-12); /* scipy */
  cr_assert_eq(t.method, FGROI_METHOD_MANN_WHITNEY);
}

/* Issue 16: the normal-approximation Hodges-Lehmann searches evaluate the
 * rank statistic by a merge of sorted values (O(n) per step) instead of a
 * sort; heavy ties and zeros, thousands of values. R 4.2:
 * i <- 1:3000; x <- round(sin(i) * 100) / 10 + 0.3
 * y <- round(cos(1.7 * i[1:2000]) * 80) / 10
 * wilcox.test(x, conf.int = TRUE, mu = 0.1); wilcox.test(x, y, conf.int = TRUE)
 * printed with sprintf("%.17g"): equal to the last bit. */
Test(means_rank_large, hodges_lehmann_with_ties_bit_identical_to_r) {
  static double x[3000], y[2000];
  for (int i = 1; i <= 3000; i++) x[i - 1] = round(sin((double)i) * 100) / 10 + 0.3;
  for (int i = 1; i <= 2000; i++) y[i - 1] = round(cos(1.7 * (double)i) * 80) / 10;
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_means_wilcoxon_one(x, 3000, 0.1, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  cr_assert_eq(ci.estimate, 0.30005204903336125);
  cr_assert_eq(ci.lower, 0.14992848950594675);
  cr_assert_eq(ci.upper, 0.45001344316872921);
  assert_rel(t.p_value, 0.0088892874356294536, 1e-12);
  assert_ok(fgroi_means_mann_whitney(x, 3000, y, 2000, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  cr_assert_eq(ci.estimate, 0.3000891123570667);
  cr_assert_eq(ci.lower, -0.099933895042718726);
  cr_assert_eq(ci.upper, 0.7000314524046114);
  assert_rel(t.p_value, 0.14497169744351501, 1e-12);
}

/* Fuzzing (issue 14, CI of 2026-12-02): x = {-DBL_MAX, ..., 1e300} against
 * y = {..., 1e300} made min(x) - max(y) = -inf; Brent's step from -inf
 * produced a NaN shift and the O(N) rank statistic's merge never advanced
 * (a hang). Now refused before the search, in bounded time. */
Test(harden, mann_whitney_overflowing_shift_range_is_refused) {
  const double x[] = { -DBL_MAX, -13.5, 1.0, 2.0, 4.0, 1e300 };
  const double y[] = { -4.75, 1.0, 17.0, 25.0, 1e300 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  ci.estimate = 12345.0;
  assert_status(fgroi_means_mann_whitney(x, 6, y, 5, 0.0, FGROI_METHOD_NORMAL, 0.99,
                                         FGROI_TWO_SIDED, &ci, &t), FGROI_E_OUT_OF_RANGE);
  cr_assert_eq(ci.estimate, 12345.0); /* outputs untouched on failure */
  /* the test alone needs no shift search */
  assert_ok(fgroi_means_mann_whitney(x, 6, y, 5, 0.0, FGROI_METHOD_NORMAL, 0.99,
                                     FGROI_TWO_SIDED, NULL, &t));
  cr_assert(t.p_value >= 0.0 && t.p_value <= 1.0);
}

/* Fuzzing (issue 14, FINDINGS row 19): n = 4 pairs, normal approximation,
 * 0.8, less: R's widening loop reaches alpha = 1 and reports conf.level 0.
 * An interval of confidence 0 is no interval: FGROI_E_TOO_FEW, outputs
 * untouched; the test alone is still given. */
Test(harden, rank_interval_of_level_zero_is_refused) {
  const double x[4] = { -4.75, -4.75, -4.75, 44 }, y[4] = { -5, -4.75, -4.75, -4.75 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  ci.lower = 12345.0;
  assert_status(fgroi_means_wilcoxon_paired(x, y, 4, 0.0, FGROI_METHOD_NORMAL, 0.8, FGROI_LESS,
                                            &ci, &t), FGROI_E_TOO_FEW);
  cr_assert_eq(ci.lower, 12345.0);
  assert_ok(fgroi_means_wilcoxon_paired(x, y, 4, 0.0, FGROI_METHOD_NORMAL, 0.8, FGROI_LESS,
                                        NULL, &t));
  cr_assert(t.p_value > 0.0 && t.p_value <= 1.0);
  /* exact with one value: the only order statistic gives level 0 too */
  const double one[1] = { 2.5 };
  assert_status(fgroi_means_wilcoxon_one(one, 1, 0.0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED,
                                         &ci, &t), FGROI_E_TOO_FEW);
  cr_assert_eq(ci.lower, 12345.0);
}

/* FINDINGS row 20: n = 33 (28 ties at 29), mu = -10.75, conf 0.5: both
 * uniroot landings within R's 1e-4 of the same jump came out as lower
 * 29.0000637 > upper 29.0000309. The limits are kept, ordered. */
Test(harden, rank_normal_limits_never_inverted) {
  double x[33];
  for (int i = 0; i < 33; i++) x[i] = 29.0;
  /* the fuzzer's input: 1e200, 29 (28 times), 4.9e-324, 30, 1e200, 30 */
  x[0] = 1e200; x[29] = 4.9406564584124654e-324; x[30] = 30; x[31] = 1e200; x[32] = 30;
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_means_wilcoxon_one(x, 33, -10.75, FGROI_METHOD_DEFAULT, 0.5, FGROI_TWO_SIDED,
                                     &ci, &t));
  cr_assert(ci.lower <= ci.upper, "[%.17g, %.17g]", ci.lower, ci.upper);
  cr_assert(fabs(ci.lower - 29.0) < 1e-3 && fabs(ci.upper - 29.0) < 1e-3,
            "[%.17g, %.17g]", ci.lower, ci.upper);
}

/* FINDINGS row 28: paired differences near -DBL_MAX made the Walsh
 * averages (a + b) / 2 overflow to -inf (audit: FGROI_E_INTERNAL). Halves
 * first: the exact limits are the finite order statistics. */
Test(harden, walsh_averages_near_dbl_max) {
  const double x[4] = { -4.75, -4.75, 115, 115 }, y[4] = { 115, DBL_MAX, 56, 61 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_means_wilcoxon_paired(x, y, 4, 0.0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED,
                                        &ci, &t));
  /* differences -119.75, -DBL_MAX, 59, 54; n = 4 reaches 1 - 2/16 at best */
  cr_assert_eq(ci.lower, -DBL_MAX);
  cr_assert_eq(ci.upper, 59.0);
  assert_rel(ci.conf_level, 0.88, 1e-12); /* R: 1 - signif(0.125, 2) */
  cr_assert(isfinite(ci.estimate) && ci.estimate >= ci.lower && ci.estimate <= ci.upper);
  /* a one-sample shift beyond DBL_MAX is refused, as for paired data */
  const double z[3] = { -DBL_MAX, 1.0, 2.0 };
  assert_status(fgroi_means_wilcoxon_one(z, 3, DBL_MAX, FGROI_METHOD_DEFAULT, 0.95,
                                         FGROI_TWO_SIDED, &ci, &t), FGROI_E_INFINITE);
  /* normal approximation: differences spanning beyond DBL_MAX */
  const double w[5] = { -DBL_MAX, 1.0, 2.0, 3.0, DBL_MAX };
  assert_status(fgroi_means_wilcoxon_one(w, 5, 0.0, FGROI_METHOD_NORMAL, 0.95,
                                         FGROI_TWO_SIDED, &ci, &t), FGROI_E_OUT_OF_RANGE);
}

/* FINDINGS row 29: Hedges' g at conf 4.9e-324, greater: 1 - conf is 1 and
 * its quantile -inf, limits [inf, inf] (audit: FGROI_E_INTERNAL). Both
 * interval methods, every alternative, both ends of the level. */
Test(harden, hedges_g_extreme_conf) {
  const double x[5] = { 2, 34, 2, 2, 10.5 }, y[1] = { 2 };
  const double confs[] = { 4.9406564584124654e-324, 1e-300, 1.0 - 0x1p-53 };
  const fgroi_method ms[] = { FGROI_METHOD_NORMAL, FGROI_METHOD_NONCENTRAL_T };
  for (int m = 0; m < 2; m++)
    for (int i = 0; i < 3; i++)
      for (int a = 0; a < 3; a++) {
        fgroi_interval ci = FGROI_INIT(fgroi_interval);
        fgroi_status st = fgroi_means_hedges_g(x, 5, y, 1, ms[m], confs[i], (fgroi_alternative)a, &ci);
        cr_assert(st == FGROI_OK, "method %d conf %g alt %d: %s", (int)ms[m], confs[i], a,
                  fgroi_status_name(st));
        cr_assert(ci.lower <= ci.upper && !isnan(ci.lower) && !isnan(ci.upper),
                  "method %d conf %g alt %d: [%g, %g]", (int)ms[m], confs[i], a, ci.lower, ci.upper);
        if (a != FGROI_LESS) cr_assert(isfinite(ci.lower), "alt %d lower %g", a, ci.lower);
        if (a != FGROI_GREATER) cr_assert(isfinite(ci.upper), "alt %d upper %g", a, ci.upper);
      }
  /* the normal limit at conf 1e-300, greater: g + 37.0 se (z = qnorm(1e-300)) */
  fgroi_interval ci = FGROI_INIT(fgroi_interval), c95 = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_means_hedges_g(x, 5, y, 1, FGROI_METHOD_NORMAL, 1e-300, FGROI_GREATER, &ci));
  assert_ok(fgroi_means_hedges_g(x, 5, y, 1, FGROI_METHOD_NORMAL, 0.95, FGROI_GREATER, &c95));
  double se = (c95.estimate - c95.lower) / 1.6448536269514729;
  assert_rel(ci.lower, ci.estimate + 37.047096299361195 * se, 1e-9);
}

/* Fuzzing (found by fuzz_means after the skips were removed): a difference
 * of -DBL_MAX made the variance overflow and Bland-Altman returned an
 * infinite SD and limits with FGROI_OK. The SD is computed on scaled data;
 * limits beyond the doubles are FGROI_E_OVERFLOW. */
Test(harden, bland_altman_near_dbl_max) {
  const double x[9] = { -13.75, -13.75, -13.75, -13.75, -13.75, 103, -13.75, -3.75, -10.75 };
  const double y[9] = { 101, 101, 101, 101, 101, 101, DBL_MAX, 101, 101 };
  fgroi_means_ba_options o = FGROI_INIT(fgroi_means_ba_options);
  assert_ok(fgroi_means_ba_options_default(&o));
  o.multiplier = 26;
  o.loa_se = FGROI_LOA_EXACT;
  fgroi_bland_altman r = FGROI_INIT(fgroi_bland_altman), r0 = r;
  assert_status(fgroi_means_bland_altman(x, y, 9, 0.9, &o, &r), FGROI_E_OVERFLOW);
  cr_assert(memcmp(&r, &r0, sizeof r) == 0);
  /* large but representable: the SD of {1, 2, 3} x 1e200 is 1e200 */
  const double a[3] = { 2e200, 4e200, 6e200 }, b[3] = { 1e200, 2e200, 3e200 };
  assert_ok(fgroi_means_bland_altman(a, b, 3, 0.95, NULL, &r));
  assert_rel(r.sd, 1e200, 1e-12);
  assert_rel(r.bias, 2e200, 1e-12);
}

/* Found by fuzz_means: {-4.9e-324, 0} has an SE below the smallest double
 * (FGROI_E_OUT_OF_RANGE, not ZERO_VARIANCE: the data vary); the two-sample
 * t test had no scaling at all (1e200 data: variance inf, audit failure). */
Test(harden, t_tests_at_the_ends_of_the_doubles) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  const double d[2] = { -4.9406564584124654e-324, 0.0 };
  assert_status(fgroi_means_t_one(d, 2, 108.0, 0.999999, FGROI_LESS, &ci, &t), FGROI_E_OUT_OF_RANGE);
  const double c[2] = { 2.0, 2.0 };
  assert_status(fgroi_means_t_one(c, 2, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  /* scipy: ttest_ind([1, 2, 3], [2, 4, 7], equal_var=False): t = -1.4924050144892727,
   * p = 0.24511271234626572; the same at 1e200 and 1e-200 */
  const double x[3] = { 1e200, 2e200, 3e200 }, y[3] = { 2e200, 4e200, 7e200 };
  assert_ok(fgroi_means_t_two(x, 3, y, 3, 0.0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, -1.4924050144892727, 1e-12);
  assert_rel(t.p_value, 0.24511271234626572, 1e-9);
  const double xs[3] = { 1e-200, 2e-200, 3e-200 }, ys[3] = { 2e-200, 4e-200, 7e-200 };
  assert_ok(fgroi_means_t_two(xs, 3, ys, 3, 0.0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, -1.4924050144892727, 1e-12);
  assert_rel(ci.estimate, -2.3333333333333333e-200, 1e-12);
  const double yb[3] = { -DBL_MAX, DBL_MAX, 0.0 };
  assert_status(fgroi_means_t_two(x, 3, yb, 3, 0.0, FGROI_METHOD_WELCH, 0.95, FGROI_TWO_SIDED,
                                  &ci, &t), FGROI_E_OVERFLOW);
}

/* Found by fuzz_means: exact limits of agreement at conf_level 1e-300 came
 * out in the wrong order (two root searches for the same median). */
Test(harden, bland_altman_exact_at_conf_near_zero) {
  const double x[3] = { 6.75, 6.75, 6.75 }, y[3] = { 6.75, -10.75, -7.75 };
  fgroi_means_ba_options o = FGROI_INIT(fgroi_means_ba_options);
  assert_ok(fgroi_means_ba_options_default(&o));
  o.multiplier = 723.731;
  o.loa_se = FGROI_LOA_EXACT;
  fgroi_bland_altman r = FGROI_INIT(fgroi_bland_altman);
  assert_ok(fgroi_means_bland_altman(x, y, 3, 1e-300, &o, &r));
  cr_assert(r.loa_lower_lower <= r.loa_lower_upper && r.loa_upper_lower <= r.loa_upper_upper,
            "[%.17g, %.17g] [%.17g, %.17g]", r.loa_lower_lower, r.loa_lower_upper,
            r.loa_upper_lower, r.loa_upper_upper);
  assert_rel(r.loa_lower_lower, r.loa_lower_upper, 1e-6);
}

/* ---- issue 16: Hodges-Lehmann intervals with a control ------------------------ */

#define CTL_BIG 500000
typedef struct { fgroi_interval ci; fgroi_test t; } ctl_hl_out;
static double *ctl_x, *ctl_y;
static size_t ctl_n;

static void ctl_fill(size_t n) {
  free(ctl_x);
  free(ctl_y);
  ctl_x = malloc(n * sizeof *ctl_x);
  ctl_y = malloc(n * sizeof *ctl_y);
  cr_assert(ctl_x != NULL && ctl_y != NULL);
  uint64_t s = 99;
  for (size_t i = 0; i < n; i++) {
    s = s * 6364136223846793005u + 1442695040888963407u;
    double u = (double)(s >> 11) * 0x1.0p-53;
    s = s * 6364136223846793005u + 1442695040888963407u;
    double v = (double)(s >> 11) * 0x1.0p-53;
    ctl_x[i] = 0.3 + log(u / (1.0 - u)); /* logistic, shifted */
    ctl_y[i] = log(v / (1.0 - v));
  }
  ctl_n = n;
}
static fgroi_status ctl_wx_one(const fgroi_control *c, void *out) {
  ctl_hl_out *o = out;
  return fgroi_means_wilcoxon_one_ctl(ctl_x, ctl_n, 0.0, FGROI_METHOD_DEFAULT, 0.95,
                                      FGROI_TWO_SIDED, c, &o->ci, &o->t);
}
static fgroi_status ctl_wx_paired(const fgroi_control *c, void *out) {
  ctl_hl_out *o = out;
  return fgroi_means_wilcoxon_paired_ctl(ctl_x, ctl_y, ctl_n, 0.0, FGROI_METHOD_DEFAULT, 0.95,
                                         FGROI_TWO_SIDED, c, &o->ci, &o->t);
}
static fgroi_status ctl_mw(const fgroi_control *c, void *out) {
  ctl_hl_out *o = out;
  return fgroi_means_mann_whitney_ctl(ctl_x, ctl_n, ctl_y, ctl_n, 0.0, FGROI_METHOD_DEFAULT,
                                      0.95, FGROI_TWO_SIDED, c, &o->ci, &o->t);
}

static void ctl_check_hl(ctl_call fn, const char *what) {
  ctl_hl_out o = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_test) };
  o.ci.lower = -7;
  o.t.p_value = -7;
  ctl_fill(CTL_BIG);
  ctl_assert_cancels(fn, &o, sizeof o, what);
  ctl_fill(20000);
  ctl_hl_out a = o, plain = o;
  ctl_assert_progress(fn, &a, what);
  assert_ok(fn(NULL, &plain));
  cr_assert_eq(a.ci.lower, plain.ci.lower, "%s", what);
  cr_assert_eq(a.ci.upper, plain.ci.upper, "%s", what);
  cr_assert_eq(a.ci.estimate, plain.ci.estimate, "%s", what);
  cr_assert_eq(a.t.p_value, plain.t.p_value, "%s", what);
  cr_assert(plain.ci.lower < plain.ci.estimate && plain.ci.estimate < plain.ci.upper);
  ctl_assert_refuses_bad_control(fn, &a, what);
}

Test(means_control, wilcoxon_one_hodges_lehmann, .timeout = 300) {
  ctl_check_hl(ctl_wx_one, "wilcoxon one 5e5");
}
Test(means_control, wilcoxon_paired_hodges_lehmann, .timeout = 300) {
  ctl_check_hl(ctl_wx_paired, "wilcoxon paired 5e5");
}
Test(means_control, mann_whitney_hodges_lehmann, .timeout = 300) {
  ctl_check_hl(ctl_mw, "mann-whitney 5e5 + 5e5");
}

/* Fuzz finding 35 (verification pass of 2026-12-03, and the suite's own
 * fuzz_run_means once FGROI_E_INTERNAL became an oracle violation): as
 * conf_level -> 0 the two noncentral-t limits of Hedges' g tend to the same
 * noncentrality and the two root searches crossed by their tolerance; the
 * audit returned FGROI_E_INTERNAL. They now meet at the midpoint. */
Test(means, hedges_g_at_conf_zero_fuzz_finding_35) {
  const double x1[] = { 2, 34, 2, 2, 34 }, y1[] = { 2, 34, 2, 2, 14 };
  const double x2[] = { 75, 2, 2, 2, 24 }, y2[] = { -13.75 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_means_hedges_g(x1, 5, y1, 5, FGROI_METHOD_NONCENTRAL_T, 1e-300, FGROI_TWO_SIDED, &ci));
  cr_assert(ci.lower == ci.upper, "[%.17g, %.17g]", ci.lower, ci.upper);
  assert_rel(ci.lower, 0.22080611846362588, 1e-9); /* between the conf = 1e-10 limits */
  assert_ok(fgroi_means_hedges_g(x2, 5, y2, 1, FGROI_METHOD_DEFAULT, 4.9406564584124654e-324,
                                 FGROI_TWO_SIDED, &ci));
  cr_assert(ci.lower <= ci.upper);
}

/* Fuzz finding 36 (verification pass of 2026-12-03): the Hodges-Lehmann
 * estimate of x = {-DBL_MAX} against y = {-13.75, -0.5} is the median of two
 * differences that both round to -DBL_MAX; 0.5 * (a + b) overflowed to -inf
 * and the audit returned FGROI_E_INTERNAL at every level. */
Test(means, mann_whitney_median_near_dbl_max_fuzz_finding_36) {
  const double x[] = { -DBL_MAX }, y[] = { -13.75, -0.5 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_means_mann_whitney(x, 1, y, 2, 0.0, FGROI_METHOD_DEFAULT, 0.99999999999999989,
                                     FGROI_LESS, &ci, &t));
  cr_assert(ci.estimate == -DBL_MAX && ci.upper == -DBL_MAX && ci.lower == -INFINITY);
  assert_ok(fgroi_means_mann_whitney(x, 1, y, 2, 0.0, FGROI_METHOD_DEFAULT, 0.95,
                                     FGROI_TWO_SIDED, &ci, &t));
  cr_assert(ci.estimate == -DBL_MAX && ci.lower <= ci.upper);
}
