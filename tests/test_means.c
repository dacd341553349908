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

/* ---- effect sizes ------------------------------------------------------------------------ */

Test(means, hedges_g_vs_metafor) {
  fgroi_interval g = FGROI_INIT(fgroi_interval);
  /* metafor::escalc("SMD", m1i = mean(x), sd1i = sd(x), n1i = 9, ...); summary() CI */
  assert_ok(fgroi_means_hedges_g(hx, 9, hy, 9, 0.95, FGROI_TWO_SIDED, &g));
  assert_rel(g.estimate, 0.54099816797374622, TOL);
  assert_rel(g.lower, -0.3996869393331639, TOL);
  assert_rel(g.upper, 1.4816832752806564, TOL);
  cr_assert_eq(g.method, FGROI_METHOD_HEDGES_G);
  assert_ok(fgroi_means_hedges_g(tx, 9, ty, 7, 0.95, FGROI_TWO_SIDED, &g));
  assert_rel(g.estimate, 0.89924300340070551, TOL);
  assert_rel(g.lower, -0.13646062756196708, TOL);
  assert_rel(g.upper, 1.9349466343633781, TOL);
  /* one-sided 90%: yi - qnorm(0.9) * sqrt(vi) */
  assert_ok(fgroi_means_hedges_g(tx, 9, ty, 7, 0.9, FGROI_GREATER, &g));
  assert_rel(g.lower, 0.22203279945304433, TOL);
  cr_assert(isinf(g.upper));
  const double c[3] = { 1, 1, 1 };
  assert_status(fgroi_means_hedges_g(c, 3, c, 3, 0.95, FGROI_TWO_SIDED, &g), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_means_hedges_g(c, 1, c, 2, 0.95, FGROI_TWO_SIDED, &g), FGROI_E_TOO_FEW);
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
  fgroi_means_ba_options o = fgroi_means_ba_options_default();
  o.multiplier = 2.0;
  o.loa_se = FGROI_LOA_SE_1986;
  assert_ok(fgroi_means_bland_altman(wright, mini, 17, &o, 0.95, &r));
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
  assert_ok(fgroi_means_bland_altman(wright, mini, 17, NULL, 0.95, &r));
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
  assert_ok(fgroi_means_bland_altman(a, b, 3, NULL, 0.95, &r));
  cr_assert_eq(r.sd, 0.0);
  cr_assert_eq(r.loa_lower_lower, 1.0);
  assert_status(fgroi_means_bland_altman(a, b, 1, NULL, 0.95, &r), FGROI_E_TOO_FEW);
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
  assert_status(fgroi_means_t_two(hx, 9, hy, 9, FGROI_METHOD_WILSON, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  assert_status(fgroi_means_t_two(hx, 9, hy, 0, FGROI_METHOD_WELCH, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_means_t_two(hx, 9, infv, 3, FGROI_METHOD_WELCH, 0, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_INFINITE);
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
  assert_status(fgroi_means_hedges_g(hx, 9, hy, 9, 0.95, FGROI_TWO_SIDED, NULL), FGROI_E_NULL);
  assert_status(fgroi_means_hedges_g(hx, 9, nanv, 3, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NAN);
  assert_status(fgroi_means_cliffs_delta(hx, 9, hy, 9, 0.95, FGROI_TWO_SIDED, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_means_cliffs_delta(hx, 1, hy, 9, 0.95, FGROI_TWO_SIDED, &ci, NULL), FGROI_E_TOO_FEW);
  assert_status(fgroi_means_cliffs_delta(hx, 9, hy, 9, -0.1, FGROI_TWO_SIDED, &ci, NULL), FGROI_E_CONF_LEVEL);
  fgroi_bland_altman ba = FGROI_INIT(fgroi_bland_altman), basmall = { .struct_size = 16 };
  fgroi_means_ba_options o = fgroi_means_ba_options_default();
  ba.bias = 42;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, NULL, 0.95, &basmall), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_means_bland_altman(hx, hy, 9, NULL, 0.95, NULL), FGROI_E_NULL);
  assert_status(fgroi_means_bland_altman(NULL, hy, 9, NULL, 0.95, &ba), FGROI_E_NULL);
  assert_status(fgroi_means_bland_altman(hx, hy, 0, NULL, 0.95, &ba), FGROI_E_EMPTY);
  assert_status(fgroi_means_bland_altman(hx, hy, 9, NULL, 2.0, &ba), FGROI_E_CONF_LEVEL);
  o.multiplier = -1;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, &o, 0.95, &ba), FGROI_E_OUT_OF_RANGE);
  o.multiplier = NAN;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, &o, 0.95, &ba), FGROI_E_NAN);
  o = fgroi_means_ba_options_default();
  o.loa_se = (fgroi_loa_se)9;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, &o, 0.95, &ba), FGROI_E_METHOD);
  o.struct_size = 4;
  assert_status(fgroi_means_bland_altman(hx, hy, 9, &o, 0.95, &ba), FGROI_E_STRUCT_SIZE);
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
  /* single observation: signed rank is defined (p = 1 two-sided, n = 1) */
  const double one[1] = { 2.5 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_means_wilcoxon_one(one, 1, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.p_value, 1.0, TOL);
  cr_assert(!isnan(ci.lower) && !isnan(ci.upper) && !isnan(ci.estimate));
  /* R: wilcox.test(2.5, conf.int = TRUE) gives [2.5, 2.5] and warns that the
   * level is not achievable (conf.level attribute 0) */
  cr_assert_eq(ci.lower, 2.5);
  cr_assert_eq(ci.upper, 2.5);
  assert_abs(ci.conf_level, 0.0, 1e-15);
}
