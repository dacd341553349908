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
#include <float.h>

#include "fgroi_test.h"

/* R's ?wilcox.test depression example (Hollander & Wolfe): x = first, y = second */
static const double hx[9] = { 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30 };
static const double hy[9] = { 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29 };
/* ties and a zero (one-sample, mu = 0) */
static const double tz[12] = { 1.5, 2, 2, -1, 3, 0, 4, 2.5, -0.5, 3, 6, 1 };
/* R's ?wilcox.test rank-sum example */
static const double mx[10] = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
static const double my[5] = { 1.15, 0.88, 0.90, 0.74, 1.21 };
/* tied two-sample data */
static const double tx[9] = { 3, 5, 5, 7, 8, 8, 8, 10, 12 };
static const double ty[7] = { 2, 3, 3, 5, 6, 6, 9 };

#define TOL 1e-10
#define TOL_ROOT 1e-9

/* ---- t tests ---------------------------------------------------------------- */

Test(means, t_paired_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* t.test(x, y, paired = TRUE) */
  assert_ok(fgroi_means_t_paired(hx, hy, 9, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 3.0353754156485913, TOL);
  assert_rel(t.df, 8, TOL);
  assert_rel(t.p_value, 0.016176627434908095, TOL);
  assert_rel(ci.estimate, 0.43188888888888888, TOL);
  assert_rel(ci.lower, 0.10377871227216852, TOL);
  assert_rel(ci.upper, 0.75999906550560925, TOL);
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
  assert_ok(fgroi_means_t_two(hx, 9, hy, 9, FGROI_METHOD_DEFAULT, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1.2051727991066514, TOL);
  assert_rel(t.df, 15.795035582541246, TOL);
  assert_rel(t.p_value, 0.24588283853317081, TOL);
  assert_rel(ci.lower, -0.3286079301898116, TOL);
  assert_rel(ci.upper, 1.192385707967589, TOL);
  cr_assert_eq(t.method, FGROI_METHOD_WELCH);
  /* t.test(x, y, var.equal = TRUE, alternative = "less", mu = 0.2) */
  assert_ok(fgroi_means_t_two(hx, 9, hy, 9, FGROI_METHOD_STUDENT, 0.2, 0.95, FGROI_LESS, &ci, &t));
  assert_rel(t.statistic, 0.64707888647686673, TOL);
  assert_rel(t.df, 16, TOL);
  assert_rel(t.p_value, 0.73662189995839489, TOL);
  assert_rel(ci.upper, 1.0575483475450496, TOL);
  cr_assert(isinf(ci.lower) && ci.lower < 0);
  /* t.test(tx, ty) with ties (unequal n) */
  assert_ok(fgroi_means_t_two(tx, 9, ty, 7, FGROI_METHOD_WELCH, 0.0, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1.9200090888219326, TOL);
  assert_rel(t.df, 13.722246000301281, TOL);
  assert_rel(t.p_value, 0.075888141806896264, TOL);
  assert_rel(ci.lower, -0.29515226001966494, TOL);
  assert_rel(ci.upper, 5.2475332124006169, TOL);
  /* t.test(x, mu = 1.5) */
  assert_ok(fgroi_means_t_one(hx, 9, 1.5, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 1.1179521104901637, TOL);
  assert_rel(t.p_value, 0.29603225512340847, TOL);
  assert_rel(ci.estimate, 1.7666666666666666, TOL);
  assert_rel(ci.lower, 1.2166123036181211, TOL);
  assert_rel(ci.upper, 2.3167210297152119, TOL);
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
  assert_status(fgroi_means_t_two(c, 4, c, 4, FGROI_METHOD_WELCH, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_t_two(c, 4, c, 4, FGROI_METHOD_STUDENT, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_t_one(one, 1, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_FEW);
  assert_status(fgroi_means_t_two(one, 1, c, 4, FGROI_METHOD_WELCH, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_FEW);
  cr_assert_eq(ci.estimate, 42); /* untouched */
  /* Welch with one constant arm is fine (df = ny - 1), as R */
  assert_ok(fgroi_means_t_two(c, 4, hx, 9, FGROI_METHOD_WELCH, 0, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.df, 8, TOL);
  /* Student with one observation in an arm: R allows it */
  assert_ok(fgroi_means_t_two(one, 1, hx, 9, FGROI_METHOD_STUDENT, 0, 0.95, FGROI_TWO_SIDED, &ci, &t));
}

/* ---- Wilcoxon signed rank ---------------------------------------------------------- */

Test(means, wilcoxon_paired_exact_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* wilcox.test(x, y, paired = TRUE, conf.int = TRUE) */
  assert_ok(fgroi_means_wilcoxon_paired(hx, hy, 9, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 40, TOL);
  assert_rel(t.p_value, 0.0390625, TOL);
  assert_rel(ci.estimate, 0.46000000000000008, TOL);
  assert_rel(ci.lower, 0.010000000000000009, TOL);
  assert_rel(ci.upper, 0.78600000000000003, TOL);
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
  assert_rel(t.p_value, 0.044010984012951455, TOL);
  assert_rel(ci.estimate, 0.46000237262956578, TOL_ROOT);
  assert_rel(ci.lower, 0.0099619423094986122, TOL_ROOT);
  assert_rel(ci.upper, 0.78604299068703887, TOL_ROOT);
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
  assert_rel(t.p_value, 0.0098159935246376496, TOL);
  assert_rel(ci.estimate, 2.1216218248974448, TOL_ROOT);
  assert_rel(ci.lower, 0.74992050015780753, TOL_ROOT);
  assert_rel(ci.upper, 3.500017337030652, TOL_ROOT);
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
  assert_rel(t.p_value, 0.063054817823467141, TOL);
  assert_rel(ci.estimate, 0.44414916663831866, TOL_ROOT);
  assert_rel(ci.lower, -0.032470099608451014, TOL_ROOT);
  assert_rel(ci.upper, 1.0297154153287018, TOL_ROOT);
  /* A <- sin(1:45) * 2 + 0.3; wilcox.test(A, conf.int = TRUE, conf.level = 0.99): exact */
  assert_ok(fgroi_means_wilcoxon_one(A, 45, 0, FGROI_METHOD_DEFAULT, 0.99, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 668, TOL);
  assert_rel(t.p_value, 0.090580886342309, TOL);
  assert_rel(ci.estimate, 0.30885061581500972, TOL);
  assert_rel(ci.lower, -0.26053441959392404, TOL);
  assert_rel(ci.upper, 0.97468852382420268, TOL);
}

/* ---- Mann-Whitney --------------------------------------------------------------------- */

Test(means, mann_whitney_vs_r) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* wilcox.test(x, y, conf.int = TRUE): exact */
  assert_ok(fgroi_means_mann_whitney(mx, 10, my, 5, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 35, TOL);
  assert_rel(t.p_value, 0.2544122544122544, TOL);
  assert_rel(ci.estimate, 0.30500000000000005, TOL);
  assert_rel(ci.lower, -0.15000000000000002, TOL);
  assert_rel(ci.upper, 0.7599999999999999, TOL);
  cr_assert(t.flags & FGROI_FLAG_EXACT);
  /* alternative = "greater", mu = 0.1 */
  assert_ok(fgroi_means_mann_whitney(mx, 10, my, 5, 0.1, FGROI_METHOD_EXACT, 0.95, FGROI_GREATER, &ci, &t));
  assert_rel(t.statistic, 33, TOL);
  assert_rel(t.p_value, 0.18548118548118547, TOL);
  assert_rel(ci.lower, -0.07999999999999996, TOL);
  /* exact = FALSE */
  assert_ok(fgroi_means_mann_whitney(mx, 10, my, 5, 0, FGROI_METHOD_NORMAL, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.p_value, 0.24462360512698336, TOL);
  assert_rel(ci.estimate, 0.30250833904157232, TOL_ROOT);
  assert_rel(ci.lower, -0.15001483719908448, TOL_ROOT);
  assert_rel(ci.upper, 0.75994276532229388, TOL_ROOT);
  /* ties: normal with tie correction */
  assert_ok(fgroi_means_mann_whitney(tx, 9, ty, 7, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 47, TOL);
  assert_rel(t.p_value, 0.10889785307163162, TOL);
  assert_rel(ci.estimate, 2.0000828355899771, TOL_ROOT);
  assert_rel(ci.lower, -0.99997130625307651, TOL_ROOT);
  assert_rel(ci.upper, 5.0000475952511501, TOL_ROOT);
  cr_assert(t.flags & FGROI_FLAG_TIES);
  assert_ok(fgroi_means_mann_whitney(tx, 9, ty, 7, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_LESS, &ci, &t));
  assert_rel(t.p_value, 0.95637117687648943, TOL);
  assert_rel(ci.upper, 5.0000212949627825, TOL_ROOT);
  assert_status(fgroi_means_mann_whitney(tx, 9, ty, 7, 0, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
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
  assert_rel(t.p_value, 0.014985348203110713, TOL);
  assert_rel(ci.estimate, 0.5524921677766389, TOL_ROOT);
  assert_rel(ci.lower, 0.17812605090717526, TOL_ROOT);
  assert_rel(ci.upper, 1.0795899720964786, TOL_ROOT);
  /* A <- sin(1:30)*2+0.5; B <- cos(1:25)*2: exact */
  assert_ok(fgroi_means_mann_whitney(A, 30, B, 25, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 463, TOL);
  assert_rel(t.p_value, 0.14005104696862145, TOL);
  assert_rel(ci.estimate, 0.5025042738121982, TOL);
  assert_rel(ci.lower, -0.18356753820309613, TOL);
  assert_rel(ci.upper, 1.3249532623981179, TOL);
}
