/* Tests for lib/prepost.c: change within an arm, difference-in-differences,
 * targets and funnels. Reference values from R 4.2.2 (prop.test without
 * correction for Wilson limits and the pooled z test, binom.test,
 * mcnemar.test, fisher.test, t.test, and the MOVER / Wald formulas written
 * out in R), printed with sprintf("%.17g"), plus Newcombe's (1998)
 * published example. */
#include <float.h>

#include "fgroi_test.h"

/* ---- issue 14: bounded work (regressions) ------------------------------- */

/* prepost_funnel timed out under fuzzing: the drop test's hypergeometric
 * tail at counts near INT64_MAX. Its bound (sum of the stage counts before
 * the last <= 2^33) is checked before any work. */
Test(harden, funnel_drop_test_bounded, .timeout = 30) {
  const int64_t big[4] = { INT64_MAX, INT64_MAX / 2, INT64_MAX / 3, 5 };
  double conv[3];
  size_t size = 99;
  fgroi_funnel_drop drop = FGROI_INIT(fgroi_funnel_drop);
  assert_status(fgroi_prepost_funnel(big, 4, 0.95, 3, conv, NULL, NULL, NULL, NULL, NULL, &size,
                                     &drop), FGROI_E_TOO_LARGE);
  cr_assert(size == 99);
  /* without the drop test the Wilson intervals have no bound */
  assert_ok(fgroi_prepost_funnel(big, 4, 0.95, 3, conv, NULL, NULL, NULL, NULL, NULL, &size, NULL));
  cr_assert(size == 3 && conv[0] > 0.49 && conv[0] < 0.51);
}


#define TOL 1e-10

Test(prepost, prop_change_independent) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* Newcombe (1998) Stat Med 17:873, example (a): 56/70 vs 48/80, method 10:
   * 0.0524 to 0.3339 (published); the MOVER formula in R at full precision */
  assert_ok(fgroi_prepost_prop_change(48, 80, 56, 70, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(ci.estimate, 0.2, TOL);
  assert_abs(ci.lower, 0.0524, 5e-5);
  assert_abs(ci.upper, 0.3339, 5e-5);
  assert_rel(ci.lower, 0.052431472402364926, TOL);
  assert_rel(ci.upper, 0.33387265403690586, TOL);
  cr_assert_eq(ci.method, FGROI_METHOD_NEWCOMBE);
  /* fisher.test(matrix(c(56, 14, 48, 32), 2)) (post first) */
  assert_rel(t.p_value, 0.012521129749209175, 1e-9);
  cr_assert_eq(t.method, FGROI_METHOD_FISHER);
  assert_ok(fgroi_prepost_prop_change(48, 80, 56, 70, FGROI_METHOD_DEFAULT, FGROI_METHOD_FISHER, 0.95, FGROI_GREATER, NULL, &t));
  assert_rel(t.p_value, 0.0063247111298983692, 1e-9);
  /* prop.test(c(56, 48), c(70, 80), correct = FALSE): X-squared, p */
  assert_ok(fgroi_prepost_prop_change(48, 80, 56, 70, FGROI_METHOD_WALD, FGROI_METHOD_CHISQ, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, 2.6501719512585331 * 2.6501719512585331, 1e-9);
  assert_rel(t.p_value, 0.0080450813681965643, 1e-9);
  assert_rel(ci.lower, 0.05750489914903717, TOL);
  assert_rel(ci.upper, 0.34249510085096296, TOL);
  /* one-sided 90% lower bound from one-sided Wilson limits: 9/12 vs 4/12 */
  assert_ok(fgroi_prepost_prop_change(4, 12, 9, 12, FGROI_METHOD_NEWCOMBE, FGROI_METHOD_DEFAULT, 0.9, FGROI_GREATER, &ci, NULL));
  assert_rel(ci.lower, 0.15632354803375936, TOL);
  cr_assert_eq(ci.upper, 1.0);
  const fgroi_test keep = t;
  assert_status(fgroi_prepost_prop_change(0, 5, 0, 6, FGROI_METHOD_DEFAULT, FGROI_METHOD_CHISQ, 0.95, FGROI_TWO_SIDED, NULL, &t), FGROI_E_NOT_ESTIMABLE);
  cr_assert_eq(t.p_value, keep.p_value);
}

Test(prepost, prop_change_paired) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* both 5, pre only 2, post only 9, neither 4; Tango's score interval
   * (Tango 1998 formula solved in R with uniroot(tol = 1e-14)) */
  assert_ok(fgroi_prepost_prop_change_paired(5, 2, 9, 4, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(ci.estimate, 0.35, TOL);
  assert_rel(ci.lower, 0.027414327671999195, 1e-8);
  assert_rel(ci.upper, 0.60163147463868005, 1e-8);
  cr_assert_eq(ci.method, FGROI_METHOD_TANGO);
  /* mid-p: 2 (P(X <= 1) + P(X = 2) / 2), X ~ Bin(11, 1/2) */
  assert_rel(t.p_value, 0.038574218750000007, TOL);
  cr_assert_eq(t.method, FGROI_METHOD_MCNEMAR_MID_P);
  /* Cavo et al. (2012) table (59, 6, 16, 80) as published by Fagerland,
   * Lydersen & Laake (2017) ch. 8: Tango -0.1240 to -0.0054; here the
   * 6 are "post only" and the 16 "pre only" */
  assert_ok(fgroi_prepost_prop_change_paired(59, 16, 6, 80, FGROI_METHOD_TANGO, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, NULL));
  assert_abs(ci.lower, -0.1240, 5e-5);
  assert_abs(ci.upper, -0.0054, 5e-5);
  assert_rel(ci.lower, -0.12402343246406815, 1e-8);
  assert_rel(ci.upper, -0.0054333957316771014, 1e-8);
  /* Wald, as before: ((b + c) - (c - b)^2 / n) / n^2 */
  assert_ok(fgroi_prepost_prop_change_paired(5, 2, 9, 4, FGROI_METHOD_WALD, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, NULL));
  assert_rel(ci.lower, 0.063449511791836388, TOL);
  assert_rel(ci.upper, 0.63655048820816362, TOL);
  /* binom.test(9, 11) */
  assert_ok(fgroi_prepost_prop_change_paired(5, 2, 9, 4, FGROI_METHOD_DEFAULT, FGROI_METHOD_MCNEMAR_EXACT, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.p_value, 0.065429687500000042, TOL);
  assert_ok(fgroi_prepost_prop_change_paired(5, 2, 9, 4, FGROI_METHOD_DEFAULT, FGROI_METHOD_MCNEMAR_EXACT, 0.95, FGROI_GREATER, NULL, &t));
  assert_rel(t.p_value, 0.032714843750000021, TOL);
  /* mcnemar.test(correct = FALSE): chi-square 4.4545, p 0.0348 */
  assert_ok(fgroi_prepost_prop_change_paired(5, 2, 9, 4, FGROI_METHOD_DEFAULT, FGROI_METHOD_MCNEMAR, 0.95, FGROI_TWO_SIDED, NULL, &t));
  assert_rel(t.statistic, 4.4545454545454541, TOL);
  assert_rel(t.p_value, 0.034808478811867077, TOL);
  /* no discordant pairs: Tango's closed form +- k / (n + k), p = 1 */
  assert_ok(fgroi_prepost_prop_change_paired(6, 0, 0, 6, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  double k = 1.959963984540054 * 1.959963984540054;
  assert_rel(ci.upper, k / (12 + k), 1e-12);
  assert_rel(ci.lower, -k / (12 + k), 1e-12);
  cr_assert_eq(t.p_value, 1);
}

Test(prepost, mean_change) {
  const double pre[6] = { 12.1, 10.4, 14.2, 11.8, 13.0, 9.7 };
  const double post6[6] = { 8.2, 7.9, 10.1, 9.0, 8.8, 7.1 };
  const double post7[7] = { 8.2, 7.9, 10.1, 9.0, 8.8, 7.1, 9.5 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* t.test(post, pre, paired = TRUE) */
  assert_ok(fgroi_prepost_mean_change(pre, 6, post6, 6, FGROI_DESIGN_PAIRED, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, -10.297541943529058, TOL);
  assert_rel(t.p_value, 0.00014849995151966364, TOL);
  assert_rel(ci.lower, -4.1862625951519483, TOL);
  assert_rel(ci.upper, -2.5137374048480514, TOL);
  /* t.test(post, pre) */
  assert_ok(fgroi_prepost_mean_change(pre, 6, post7, 7, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(t.statistic, -4.1415213820680989, TOL);
  assert_rel(t.p_value, 0.0032118947044217799, TOL);
  assert_rel(ci.lower, -4.9950566294165242, TOL);
  assert_rel(ci.upper, -1.4239909896310972, TOL);
  assert_status(fgroi_prepost_mean_change(pre, 6, post7, 7, FGROI_DESIGN_PAIRED, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_LENGTH_MISMATCH);
  assert_status(fgroi_prepost_mean_change(pre, 6, post7, 7, (fgroi_design)3, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
}

Test(prepost, prop_did) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* device 4/12 -> 9/12, control 5/12 -> 6/11 */
  assert_ok(fgroi_prepost_prop_did(4, 12, 9, 12, 5, 12, 6, 11, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(ci.estimate, 0.28787878787878796, TOL);
  assert_rel(ci.lower, -0.25576870094496429, TOL);
  assert_rel(ci.upper, 0.8315262767025402, TOL);
  assert_rel(t.statistic, 1.0378638138773622, TOL);
  assert_rel(t.p_value, 0.29933346243889791, TOL);
  cr_assert_eq(t.method, FGROI_METHOD_DID);
  assert_ok(fgroi_prepost_prop_did(4, 12, 9, 12, 5, 12, 6, 11, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, NULL));
  assert_rel(ci.lower, -0.22621301613038514, TOL);
  assert_rel(ci.upper, 0.73961718652962183, TOL);
  /* paired within arm: device {3, 1, 6, 2}, control {4, 2, 3, 3}; Wald */
  const int64_t dv[4] = { 3, 1, 6, 2 }, cv[4] = { 4, 2, 3, 3 }, none[4] = { 5, 0, 0, 5 };
  assert_ok(fgroi_prepost_prop_did_paired(dv, cv, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(ci.estimate, 0.33333333333333337, TOL);
  assert_rel(ci.lower, -0.178840309843463, TOL);
  assert_rel(ci.upper, 0.84550697651012974, TOL);
  assert_rel(t.statistic, 1.2755856082865613, TOL);
  assert_rel(t.p_value, 0.20210204418937266, TOL);
  /* default: MOVER from the two arms' Tango intervals (Tango solved in R) */
  assert_ok(fgroi_prepost_prop_did_paired(dv, cv, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, NULL));
  assert_rel(ci.estimate, 0.33333333333333337, TOL);
  assert_rel(ci.lower, -0.22655201800837932, 1e-8);
  assert_rel(ci.upper, 0.81043984543338299, 1e-8);
  cr_assert_eq(ci.method, FGROI_METHOD_TANGO);
  assert_ok(fgroi_prepost_prop_did_paired(dv, cv, FGROI_METHOD_TANGO, 0.95, FGROI_GREATER, &ci, NULL));
  assert_rel(ci.lower, -0.13265215675682668, 1e-8);
  cr_assert_eq(ci.upper, 2.0);
  /* no discordant pairs: the MOVER interval exists, the Wald test does not */
  assert_ok(fgroi_prepost_prop_did_paired(none, none, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, NULL));
  cr_assert(ci.lower < 0 && ci.upper > 0);
  assert_status(fgroi_prepost_prop_did_paired(none, none, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_prepost_prop_did_paired(dv, cv, FGROI_METHOD_KATZ, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
}

/* Fuzz finding 43: the independent DiD of means returned FGROI_E_INTERNAL
 * (the audit refused a NaN df) when one value was near 2^470: the squared
 * SEs' squares in the Welch-Satterthwaite df overflowed (inf / inf). The
 * samples are now scaled by a power of two. Reference: the means, variances
 * and df in exact rationals (Python fractions), limits with R's qt(0.95, 3);
 * one value dominates, so D = SE = X / 4 and df = 3. */
Test(harden, mean_did_huge_value_finding_43) {
  const double dpre[4] = { 0x1.56e1fc2f8f359p-997, 0x1.56e1fc2f8f359p-997, 0x1.ccp+6, 0x1.ccp+6 };
  const double dpost[4] = { 0x1.ccp+6, 0x1.d5d5d5d5b555dp+470, 0x1.ap+1, 0x1.ap+1 };
  const double cpre[3] = { 0x1.ap+6, 0x1.ap+6, 0x1.ap+6 };
  const double cpost[3] = { 0x1.56e1fc2f8f359p-997, 0x1.ap+1, 0x1.9p+5 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_prepost_mean_did(dpre, 4, dpost, 4, cpre, 3, cpost, 3, FGROI_DESIGN_INDEPENDENT,
                                   0.90, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(ci.estimate, 1.3987614138368895e+141, TOL);
  assert_rel(t.df, 3.0, TOL);
  assert_rel(t.statistic, 1.0, TOL);
  assert_rel(t.p_value, 0.39100221895577053, TOL);
  assert_rel(ci.lower, -1.8930325514985494e+141, TOL);
  assert_rel(ci.upper, 4.690555379172328e+141, TOL);
}

/* The same scaling at both ends: the textbook example below times 2^600
 * and 2^-600 gives the same df, t and p and the limits times the factor
 * (exact for a power of two); a DiD beyond the doubles is an overflow. */
Test(harden, mean_did_scale_invariant) {
  const double dpre[6] = { 12.1, 10.4, 14.2, 11.8, 13.0, 9.7 };
  const double dpost[7] = { 8.2, 7.9, 10.1, 9.0, 8.8, 7.1, 9.5 };
  const double cpre[5] = { 11.5, 12.2, 10.9, 13.4, 12.0 };
  const double cpost[6] = { 11.0, 11.9, 10.2, 12.8, 11.1, 12.5 };
  const double f[2] = { 0x1p600, 0x1p-600 };
  for (int k = 0; k < 2; k++) {
    double a[6], b[7], c[5], d[6];
    for (int i = 0; i < 6; i++) { a[i] = dpre[i] * f[k]; d[i] = cpost[i] * f[k]; }
    for (int i = 0; i < 7; i++) b[i] = dpost[i] * f[k];
    for (int i = 0; i < 5; i++) c[i] = cpre[i] * f[k];
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    assert_ok(fgroi_prepost_mean_did(a, 6, b, 7, c, 5, d, 6, FGROI_DESIGN_INDEPENDENT, 0.95,
                                     FGROI_TWO_SIDED, &ci, &t));
    assert_rel(ci.estimate, -2.7928571428571445 * f[k], TOL);
    assert_rel(t.df, 15.222265396105708, TOL);
    assert_rel(t.statistic, -2.8849459309838466, TOL);
    assert_rel(t.p_value, 0.011202744706608713, TOL);
    assert_rel(ci.lower, -4.8536488348494347 * f[k], TOL);
    assert_rel(ci.upper, -0.73206545086485431 * f[k], TOL);
  }
  const double hi[2] = { DBL_MAX, DBL_MAX / 2 }, lo[2] = { -DBL_MAX, -DBL_MAX / 2 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_prepost_mean_did(lo, 2, hi, 2, hi, 2, lo, 2, FGROI_DESIGN_INDEPENDENT, 0.95,
                                       FGROI_TWO_SIDED, &ci, &t), FGROI_E_OVERFLOW);
}

Test(prepost, mean_did) {
  const double dpre[6] = { 12.1, 10.4, 14.2, 11.8, 13.0, 9.7 };
  const double dpost[7] = { 8.2, 7.9, 10.1, 9.0, 8.8, 7.1, 9.5 };
  const double cpre[5] = { 11.5, 12.2, 10.9, 13.4, 12.0 };
  const double cpost[6] = { 11.0, 11.9, 10.2, 12.8, 11.1, 12.5 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* independent: Welch-Satterthwaite on four variances (formula in R) */
  assert_ok(fgroi_prepost_mean_did(dpre, 6, dpost, 7, cpre, 5, cpost, 6, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(ci.estimate, -2.7928571428571445, TOL);
  assert_rel(t.df, 15.222265396105708, TOL);
  assert_rel(t.statistic, -2.8849459309838466, TOL);
  assert_rel(t.p_value, 0.011202744706608713, TOL);
  assert_rel(ci.lower, -4.8536488348494347, TOL);
  assert_rel(ci.upper, -0.73206545086485431, TOL);
  /* paired: t.test(dpost - dpre, cpost - cpre) */
  assert_ok(fgroi_prepost_mean_did(dpre, 6, dpost, 6, cpre, 5, cpost, 5, FGROI_DESIGN_PAIRED, 0.95, FGROI_TWO_SIDED, &ci, &t));
  assert_rel(ci.estimate, -2.75, TOL);
  assert_rel(t.df, 5.9234165184867305, TOL);
  assert_rel(t.statistic, -8.0800847634274646, TOL);
  assert_rel(t.p_value, 0.00020550599864660183, TOL);
  assert_rel(ci.lower, -3.5854061774096939, TOL);
  assert_rel(ci.upper, -1.9145938225903061, TOL);
  cr_assert_eq(ci.method, FGROI_METHOD_DID);
  assert_status(fgroi_prepost_mean_did(dpre, 6, dpost, 7, cpre, 5, cpost, 5, FGROI_DESIGN_PAIRED, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_LENGTH_MISMATCH);
  const double k[3] = { 1, 1, 1 };
  assert_status(fgroi_prepost_mean_did(k, 3, k, 3, k, 3, k, 3, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_prepost_mean_did(k, 1, k, 3, k, 3, k, 3, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_FEW);
}

Test(prepost, target) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_interval b = FGROI_INIT(fgroi_interval);
  /* binom.test(11, 12, 0.85, alternative = "greater") */
  assert_ok(fgroi_prepost_target(11, 12, 0.85, FGROI_METHOD_DEFAULT, 0.95, FGROI_GREATER, &t, &b));
  assert_rel(t.p_value, 0.4434595957774774, TOL);
  assert_rel(b.lower, 0.66131933156596745, 1e-8);
  cr_assert_eq(b.upper, 1);
  assert_ok(fgroi_prepost_target(11, 12, 0.85, FGROI_METHOD_EXACT, 0.9, FGROI_GREATER, NULL, &b));
  assert_rel(b.lower, 0.71250219499080658, 1e-8);
  /* binom.test(1, 12, 0.25, alternative = "less"): is dropout below 25%? */
  assert_ok(fgroi_prepost_target(1, 12, 0.25, FGROI_METHOD_EXACT, 0.95, FGROI_LESS, &t, &b));
  assert_rel(t.p_value, 0.15838176012039193, TOL);
  assert_rel(b.upper, 0.33868066843403255, 1e-8);
  cr_assert_eq(b.lower, 0);
  /* the test and the bound agree, for every x of n = 12 and both methods */
  const fgroi_method ms[2] = { FGROI_METHOD_EXACT, FGROI_METHOD_MID_P };
  for (int mi = 0; mi < 2; mi++)
    for (int64_t x = 0; x <= 12; x++) {
      assert_ok(fgroi_prepost_target(x, 12, 0.6, ms[mi], 0.95, FGROI_GREATER, &t, &b));
      cr_assert_eq(t.p_value <= 0.05, b.lower > 0.6, "x = %d method %d: p %g bound %g", (int)x, mi, t.p_value, b.lower);
    }
  assert_status(fgroi_prepost_target(11, 12, 0.85, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &t, &b), FGROI_E_ALTERNATIVE);
  assert_status(fgroi_prepost_target(11, 12, 1.0, FGROI_METHOD_DEFAULT, 0.95, FGROI_GREATER, &t, &b), FGROI_E_PROBABILITY);
  assert_status(fgroi_prepost_target(11, 12, NAN, FGROI_METHOD_DEFAULT, 0.95, FGROI_GREATER, &t, &b), FGROI_E_NAN);
  assert_status(fgroi_prepost_target(13, 12, 0.5, FGROI_METHOD_DEFAULT, 0.95, FGROI_GREATER, &t, &b), FGROI_E_COUNT_EXCEEDS_TOTAL);
  assert_status(fgroi_prepost_target(1, 12, 0.5, FGROI_METHOD_WALD, 0.95, FGROI_GREATER, &t, &b), FGROI_E_METHOD);
  assert_status(fgroi_prepost_target(1, 12, 0.5, FGROI_METHOD_EXACT, 0.95, FGROI_GREATER, NULL, NULL), FGROI_E_NULL);
}

/* started 40 -> paired device 34 -> step 1 30 -> step 2 18 -> done 16 */
static const int64_t fa[5] = { 40, 34, 30, 18, 16 };
static const int64_t fb[5] = { 38, 30, 20, 15, 9 };

Test(prepost, funnel) {
  double cv[4], cl[4], cu[4], pv[4], pl[4], pu[4];
  size_t size = 0;
  fgroi_funnel_drop d = FGROI_INIT(fgroi_funnel_drop);
  assert_ok(fgroi_prepost_funnel(fa, 5, 0.95, 4, cv, cl, cu, pv, pl, pu, &size, &d));
  cr_assert_eq(size, 4);
  /* prop.test(x, n, correct = FALSE)$conf.int (Wilson) */
  const double rcl[4] = { 0.70927675633510301, 0.73379157229628167, 0.42320360253322481, 0.67200234869821196 };
  const double rcu[4] = { 0.92938812282679639, 0.95328553335117661, 0.75409371883198151, 0.96898047735438764 };
  const double rpl[4] = { 0.70927675633510301, 0.59806038579231979, 0.30705307810904925, 0.26348325684291929 };
  const double rpu[4] = { 0.92938812282679639, 0.85812881360903692, 0.60170908201067952, 0.55404106339653802 };
  for (int i = 0; i < 4; i++) {
    assert_rel(cv[i], (double)fa[i + 1] / (double)fa[i], TOL);
    assert_rel(cl[i], rcl[i], TOL);
    assert_rel(cu[i], rcu[i], TOL);
    assert_rel(pv[i], (double)fa[i + 1] / 40.0, TOL);
    assert_rel(pl[i], rpl[i], TOL);
    assert_rel(pu[i], rpu[i], TOL);
  }
  /* largest drop 30 -> 18; fisher.test(matrix(c(12, 12, 18, 80), 2), alternative = "greater") */
  cr_assert_eq(d.step, 2);
  assert_rel(d.dropoff, 0.4, TOL);
  assert_rel(d.others, 0.13043478260869565, TOL);
  assert_rel(d.p_raw, 0.0023109707116568097, 1e-9);
  assert_rel(d.p_value, 0.0092438828466272389, 1e-9);
  /* capacity */
  assert_status(fgroi_prepost_funnel(fa, 5, 0.95, 3, cv, NULL, NULL, NULL, NULL, NULL, &size, NULL), FGROI_E_CAPACITY);
  cr_assert_eq(size, 4);
  /* everyone gone before the last stage: no NaN, uninformative interval */
  const int64_t gone[4] = { 5, 2, 0, 0 };
  assert_ok(fgroi_prepost_funnel(gone, 4, 0.95, 4, cv, cl, cu, NULL, NULL, NULL, &size, &d));
  cr_assert_eq(cv[2], 0);
  cr_assert_eq(cl[2], 0);
  cr_assert_eq(cu[2], 1);
  cr_assert_eq(d.step, 1);
}

Test(prepost, funnel_compare) {
  double df[4], dl[4], du[4], p[4];
  size_t size;
  assert_ok(fgroi_prepost_funnel_compare(fa, fb, 5, FGROI_FUNNEL_CONVERSION, 0.95, 4, df, dl, du, p, &size));
  /* Newcombe (MOVER-Wilson) in R and fisher.test(...)$p.value, per transition */
  const double r[4][4] = {
    { 0.06052631578947365, -0.11198095909249534, 0.23283566348720541, 0.56277940549164684 },
    { 0.21568627450980393, 0.010846150189755543, 0.40810387330883824, 0.06691616128979154 },
    { -0.15000000000000002, -0.37436389124637426, 0.11753494735207698, 0.36544382539827586 },
    { 0.28888888888888886, -0.0073287117207915253, 0.54430284203693247, 0.10149324164897028 } };
  for (int i = 0; i < 4; i++) {
    assert_rel(df[i], r[i][0], TOL);
    assert_rel(dl[i], r[i][1], TOL);
    assert_rel(du[i], r[i][2], TOL);
    assert_rel(p[i], r[i][3], 1e-9);
  }
  assert_ok(fgroi_prepost_funnel_compare(fa, fb, 5, FGROI_FUNNEL_COMPLETION, 0.95, 4, df, dl, du, p, &size));
  assert_rel(df[3], 0.16315789473684214, TOL);
  assert_rel(dl[3], -0.043559153280451401, TOL);
  assert_rel(du[3], 0.35066079002246142, TOL);
  assert_rel(p[3], 0.14954483726626602, 1e-9);
  assert_status(fgroi_prepost_funnel_compare(fa, fb, 5, (fgroi_funnel_rate)4, 0.95, 4, df, dl, du, p, &size), FGROI_E_METHOD);
}

Test(prepost, bad_inputs) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval), small = { .struct_size = 8 };
  fgroi_test t = FGROI_INIT(fgroi_test);
  ci.estimate = 42;
  size_t size = 7;
  assert_status(fgroi_prepost_prop_change(1, 5, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_prepost_prop_change(1, 5, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &small, NULL), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_prepost_prop_change(-1, 5, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_prepost_prop_change(6, 5, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_COUNT_EXCEEDS_TOTAL);
  assert_status(fgroi_prepost_prop_change(0, 0, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_prepost_prop_change(1, 5, 2, 5, FGROI_METHOD_KATZ, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  assert_status(fgroi_prepost_prop_change(1, 5, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, NAN, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NAN);
  assert_status(fgroi_prepost_prop_change(1, 5, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 1.0, FGROI_TWO_SIDED, &ci, &t), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_prepost_prop_change(1, 5, 2, 5, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, (fgroi_alternative)9, &ci, &t), FGROI_E_ALTERNATIVE);
  assert_status(fgroi_prepost_prop_change_paired(1, -2, 3, 4, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_prepost_prop_change_paired(0, 0, 0, 0, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_prepost_prop_change_paired(INT64_MAX, 1, 0, 0, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_OVERFLOW);
  assert_status(fgroi_prepost_prop_change_paired(1, 2, 3, 4, FGROI_METHOD_DEFAULT, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  assert_status(fgroi_prepost_prop_did(1, 5, 2, 5, 1, 5, 2, -5, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_prepost_prop_did(1, 5, 2, 5, 1, 5, 2, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_prepost_prop_did(1, 5, 2, 5, 1, 5, 2, 5, FGROI_METHOD_EXACT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  assert_status(fgroi_prepost_prop_did_paired(NULL, NULL, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NULL);
  const double x[3] = { 1, NAN, 2 }, y[3] = { 1, 2, INFINITY }, z[3] = { 1, 2, 3 };
  assert_status(fgroi_prepost_mean_did(x, 3, z, 3, z, 3, z, 3, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NAN);
  assert_status(fgroi_prepost_mean_did(z, 3, y, 3, z, 3, z, 3, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_INFINITE);
  assert_status(fgroi_prepost_mean_did(z, 3, z, 3, NULL, 3, z, 3, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_NULL);
  assert_status(fgroi_prepost_mean_did(z, 3, z, 3, z, 0, z, 3, FGROI_DESIGN_INDEPENDENT, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_EMPTY);
  assert_status(fgroi_prepost_mean_did(z, 3, z, 3, z, 3, z, 3, (fgroi_design)7, 0.95, FGROI_TWO_SIDED, &ci, &t), FGROI_E_METHOD);
  const int64_t up[3] = { 5, 6, 2 }, neg[3] = { 5, -1, 0 }, zero[3] = { 0, 0, 0 };
  fgroi_funnel_drop dsmall = { .struct_size = 8 }, d = FGROI_INIT(fgroi_funnel_drop);
  assert_status(fgroi_prepost_funnel(up, 3, 0.95, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_prepost_funnel(NULL, 3, 0.95, 3, NULL, NULL, NULL, NULL, NULL, NULL, &size, NULL), FGROI_E_NULL);
  assert_status(fgroi_prepost_funnel(up, 3, 0.95, 3, NULL, NULL, NULL, NULL, NULL, NULL, &size, NULL), FGROI_E_COUNT_EXCEEDS_TOTAL);
  assert_status(fgroi_prepost_funnel(neg, 3, 0.95, 3, NULL, NULL, NULL, NULL, NULL, NULL, &size, NULL), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_prepost_funnel(zero, 3, 0.95, 3, NULL, NULL, NULL, NULL, NULL, NULL, &size, NULL), FGROI_E_EMPTY);
  assert_status(fgroi_prepost_funnel(up, 1, 0.95, 3, NULL, NULL, NULL, NULL, NULL, NULL, &size, NULL), FGROI_E_TOO_FEW);
  assert_status(fgroi_prepost_funnel(fa, 2, 0.95, 3, NULL, NULL, NULL, NULL, NULL, NULL, &size, &d), FGROI_E_TOO_FEW);
  assert_status(fgroi_prepost_funnel(fa, 5, 0.95, 4, NULL, NULL, NULL, NULL, NULL, NULL, &size, &dsmall), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_prepost_funnel(fa, 5, 1.5, 4, NULL, NULL, NULL, NULL, NULL, NULL, &size, NULL), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_prepost_funnel_compare(fa, up, 3, FGROI_FUNNEL_CONVERSION, 0.95, 4, NULL, NULL, NULL, NULL, &size), FGROI_E_COUNT_EXCEEDS_TOTAL);
  assert_status(fgroi_prepost_funnel_compare(fa, fb, 5, FGROI_FUNNEL_CONVERSION, 0.95, 4, NULL, NULL, NULL, NULL, NULL), FGROI_E_NULL);
  cr_assert_eq(ci.estimate, 42);
  cr_assert_eq(size, 7);
}

/* Issue 14, fuzz finding 2b: paired counts above 2^53 are refused through
 * the paired engine (a float-to-int64 conversion out of range before). */
Test(prepost_limits, did_paired_counts_above_2p53_too_large) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  const int64_t dv[4] = { 3, 9223372036854775685, 30, 78 }, cv[4] = { 32, 3584, 0, 67 };
  assert_status(fgroi_prepost_prop_did_paired(dv, cv, FGROI_METHOD_NEWCOMBE, 0.3, FGROI_TWO_SIDED, &ci, &t), FGROI_E_TOO_LARGE);
}

/* Issue 14 (fuzz replay with the known-defect skips off): a transition
 * beyond Fisher's bound (2^33) is refused before *size or any column is
 * written. */
Test(prepost_limits, funnel_compare_too_large_writes_nothing) {
  const int64_t a[2] = { (int64_t)1 << 40, 5 }, b[2] = { (int64_t)1 << 40, 7 };
  double diff[1] = { -7.0 };
  size_t size = 99;
  assert_status(fgroi_prepost_funnel_compare(a, b, 2, FGROI_FUNNEL_CONVERSION, 0.95, 1, diff, NULL, NULL, NULL, &size), FGROI_E_TOO_LARGE);
  cr_assert_eq(size, 99);
  cr_assert_eq(diff[0], -7.0);
}

/* Issue 14, fuzz finding 15 with its exact input: NaN lower limit at conf
 * 4.9e-324 through prop_diff_ci. */
Test(prepost_limits, fuzz_finding_15_prop_change_conf_denormal) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_prepost_prop_change(81, 81, 88, 134, FGROI_METHOD_NEWCOMBE, FGROI_METHOD_FISHER, 4.9e-324, FGROI_GREATER, &ci, &t));
  cr_assert(!isnan(ci.lower) && ci.lower <= ci.upper);
}
