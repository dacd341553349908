/* Tests for lib/roi.c. Closed-form references evaluated in R 4.2:
 *   se <- 0.4 / (2 * qnorm(0.975)); pnorm((0.25 - 2e5 / 3e6) / se)
 *   se1 <- (0.25 - 0.08) / qnorm(0.95); pnorm((0.25 - 2e5 / 3e6) / se1)
 *   se2 <- 4 / (2 * qnorm(0.95)); pnorm((-2 + 3) / se2)
 * Monte Carlo results are checked against the closed form and the inputs'
 * exact means within 5 Monte Carlo standard errors, and for determinism. */
#include "fgroi_control_test.h" /* first: it sets _POSIX_C_SOURCE */
#include <float.h>
#include <string.h>

#include "fgroi_test.h"
#include "fgroi_roi_test.h"

/* ---- issue 14: no NaN or unflagged infinity with FGROI_OK --------------- */

Test(harden, roi_compute_extreme_inputs_overflow) {
  fgroi_interval eff = effect_of(0.1, 0.05, 0.15, 0.95, FGROI_TWO_SIDED);
  fgroi_interval roi = FGROI_INIT(fgroi_interval), nv = FGROI_INIT(fgroi_interval), r0 = roi;
  fgroi_roi_summary s = FGROI_INIT(fgroi_roi_summary);
  assert_status(fgroi_roi_compute(&eff, 1e300, 1e300, 1e300, &roi, &nv, &s), FGROI_E_OVERFLOW);
  cr_assert(roi.estimate == r0.estimate && roi.lower == r0.lower && roi.upper == r0.upper);
  fgroi_interval e0 = effect_of(0.0, -0.05, 0.05, 0.95, FGROI_TWO_SIDED);
  assert_status(fgroi_roi_compute(&e0, 1e300, 1e300, 1.0, &roi, &nv, &s), FGROI_E_OVERFLOW);
  /* large but representable: finite and ordered */
  assert_ok(fgroi_roi_compute(&eff, 1e150, 1e150, 1e300, &roi, &nv, &s));
  cr_assert(isfinite(roi.lower) && isfinite(roi.upper) && roi.lower <= roi.upper);
}

Test(harden, roi_monte_carlo_extreme_triangular) {
  fgroi_roi_input e = in_of(FGROI_ROI_TRIANGULAR, -1e300, 0.0, 1e300);
  fgroi_roi_input v = in_of(FGROI_ROI_FIXED, 1.0, 0, 0), u = in_of(FGROI_ROI_FIXED, 1.0, 0, 0);
  fgroi_roi_input c = in_of(FGROI_ROI_FIXED, 1.0, 0, 0);
  fgroi_interval roi = FGROI_INIT(fgroi_interval), nv = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary s = FGROI_INIT(fgroi_roi_summary);
  fgroi_status st = fgroi_roi_monte_carlo(&e, &v, &u, &c, 0.95, 1000, 42, &roi, &nv, &s);
  /* the draws are finite now (sqrt of the factors); either a finite
   * answer or a specific status, never NaN with OK */
  cr_assert(st == FGROI_OK || st == FGROI_E_OVERFLOW, "%s", fgroi_status_name(st));
  if (st == FGROI_OK) {
    cr_assert(isfinite(roi.lower) && isfinite(roi.upper) && roi.lower <= roi.upper);
    cr_assert(isfinite(s.mean_roi) && isfinite(s.effect_se));
  }
  /* net values beyond the doubles: volume 1e300 times effects near 1e300 */
  fgroi_roi_input vb = in_of(FGROI_ROI_FIXED, 1e300, 0, 0);
  assert_status(fgroi_roi_monte_carlo(&e, &vb, &u, &c, 0.95, 1000, 42, &roi, &nv, &s),
                FGROI_E_OVERFLOW);
}

/* Fuzzing (FINDINGS row 21): the SD implied by an interval divides by a
 * normal quantile that is 0 at a one-sided conf 0.5 and about 6e-324 at a
 * two-sided conf 4.9e-324: SD -inf / inf with FGROI_OK. */
Test(harden, implied_sd_needs_a_positive_quantile) {
  fgroi_roi_input in = FGROI_INIT(fgroi_roi_input), in0 = in;
  fgroi_interval e1 = effect_of(-0.09, -0.536, 1.0, 0.5, FGROI_GREATER);
  assert_status(fgroi_roi_input_from_interval(&e1, &in), FGROI_E_OUT_OF_RANGE);
  fgroi_interval e2 = effect_of(0.04, 0.026, 0.054, 4.9406564584124654e-324, FGROI_TWO_SIDED);
  assert_status(fgroi_roi_input_from_interval(&e2, &in), FGROI_E_OUT_OF_RANGE);
  fgroi_interval e3 = effect_of(0.04, 0.026, INFINITY, 0.3, FGROI_LESS);
  e3.lower = -INFINITY; e3.upper = 0.054;
  assert_status(fgroi_roi_input_from_interval(&e3, &in), FGROI_E_OUT_OF_RANGE);
  cr_assert(memcmp(&in, &in0, sizeof in) == 0);
  fgroi_interval roi = FGROI_INIT(fgroi_interval);
  assert_status(fgroi_roi_compute(&e2, 1000, 50, 2000, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  /* a small two-sided level still has a finite SD: 1e-300 gives
   * z = 1.2533e-300, SD = 0.014 / z = 1.117e298 */
  fgroi_interval e4 = effect_of(0.04, 0.026, 0.054, 1e-300, FGROI_TWO_SIDED);
  assert_ok(fgroi_roi_input_from_interval(&e4, &in));
  assert_rel(in.b, 0.014 / (1e-300 * 1.2533141373155003), 1e-9);
  /* and the usual one-sided case: (0.25 - 0.08) / qnorm(0.95) */
  fgroi_interval e5 = effect_of(0.25, 0.08, INFINITY, 0.95, FGROI_GREATER);
  assert_ok(fgroi_roi_input_from_interval(&e5, &in));
  assert_rel(in.b, 0.17 / 1.6448536269514729, 1e-12);
}

/* FINDINGS rows 22-24, 30: values leaving the doubles are FGROI_E_OVERFLOW
 * (a DBL_MIN or denormal cost, an effect of -DBL_MAX, a value of -DBL_MAX);
 * conf_level 4.9e-324 and a zero-width uniform are ordinary and finite. */
Test(harden, roi_values_out_of_the_doubles) {
  fgroi_interval roi = FGROI_INIT(fgroi_interval);
  fgroi_interval e = effect_of(0.0, -0.002, 0.002, 0.95, FGROI_TWO_SIDED);
  assert_status(fgroi_roi_compute(&e, 1000, 50, DBL_MIN, &roi, NULL, NULL), FGROI_E_OVERFLOW);
  fgroi_interval m = effect_of(-DBL_MAX, -DBL_MAX, -DBL_MAX, 0.999999, FGROI_LESS);
  assert_status(fgroi_roi_compute(&m, 1000, 50, 2000, &roi, NULL, NULL), FGROI_E_OVERFLOW);
  fgroi_roi_input eff = in_of(FGROI_ROI_TRIANGULAR, 0.07, 0.09, 0.11);
  fgroi_roi_input vol = in_of(FGROI_ROI_FIXED, 1400, 0, 0), cost = in_of(FGROI_ROI_FIXED, 2000, 0, 0);
  fgroi_roi_input val = in_of(FGROI_ROI_FIXED, -DBL_MAX, 0, 0);
  assert_status(fgroi_roi_monte_carlo(&eff, &vol, &val, &cost, 4.9406564584124654e-324, 100, 1,
                                      &roi, NULL, NULL), FGROI_E_OVERFLOW);
  /* conf_level 4.9e-324: both limits at the median draw */
  val = in_of(FGROI_ROI_FIXED, 44, 0, 0);
  assert_ok(fgroi_roi_monte_carlo(&eff, &vol, &val, &cost, 4.9406564584124654e-324, 100, 1,
                                  &roi, NULL, NULL));
  cr_assert(isfinite(roi.lower) && roi.lower == roi.upper, "[%g, %g]", roi.lower, roi.upper);
  /* a zero-width uniform effect is a fixed effect: ROI (0.05 * 1000 * 50 - 2000) / 2000 */
  fgroi_roi_input u = in_of(FGROI_ROI_UNIFORM, 0.05, 0.05, 0.05);
  val = in_of(FGROI_ROI_FIXED, 50, 0, 0);
  vol = in_of(FGROI_ROI_FIXED, 1000, 0, 0);
  assert_ok(fgroi_roi_monte_carlo(&u, &vol, &val, &cost, 0.95, 1480, 1, &roi, NULL, NULL));
  assert_rel(roi.lower, 0.25, 1e-12);
  assert_rel(roi.upper, 0.25, 1e-12);
  /* a denormal cost (the fuzzer's case 30) leaves the doubles */
  cost = in_of(FGROI_ROI_FIXED, 4.9406564584124654e-324, 0, 0);
  assert_status(fgroi_roi_monte_carlo(&u, &vol, &val, &cost, 0.95, 1480, 1, &roi, NULL, NULL),
                FGROI_E_OVERFLOW);
}

/* FINDINGS row 11c: up to 10^8 draws were admitted (47 s); the bound is
 * 10^6 (half a second of CPU), checked before any work. */
Test(harden, roi_monte_carlo_draws_bound) {
  fgroi_roi_input eff = in_of(FGROI_ROI_FIXED, 0.065, 0, 0), vol = in_of(FGROI_ROI_FIXED, 1000, 0, 0);
  fgroi_roi_input val = in_of(FGROI_ROI_TRIANGULAR, 85, 95, 105), cost = in_of(FGROI_ROI_UNIFORM, 3400, 3800, 0);
  fgroi_interval roi = FGROI_INIT(fgroi_interval);
  assert_status(fgroi_roi_monte_carlo(&eff, &vol, &val, &cost, 1e-300, 1335563, 1, &roi, NULL, NULL),
                FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_monte_carlo(&eff, &vol, &val, &cost, 0.95, 1000001, 1, &roi, NULL, NULL),
                FGROI_E_OUT_OF_RANGE);
  assert_ok(fgroi_roi_monte_carlo(&eff, &vol, &val, &cost, 1e-300, 1000, 1, &roi, NULL, NULL));
  cr_assert(isfinite(roi.lower) && roi.lower == roi.upper);
}


Test(roi, closed_form_maps_limits) {
  /* RD 0.25 [0.05, 0.45]; 2000 patients; $1500 per extra adherent patient; cost $200k */
  fgroi_interval e = effect_of(0.25, 0.05, 0.45, 0.95, FGROI_TWO_SIDED);
  fgroi_interval roi = FGROI_INIT(fgroi_interval), nv = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary s = FGROI_INIT(fgroi_roi_summary);
  assert_ok(fgroi_roi_compute(&e, 2000, 1500, 2e5, &roi, &nv, &s));
  assert_rel(roi.estimate, 2.75, 1e-14);
  assert_rel(roi.lower, -0.25, 1e-13);
  assert_rel(roi.upper, 5.75, 1e-14);
  assert_rel(nv.estimate, 550000, 1e-14);
  assert_rel(nv.lower, -50000, 1e-12);
  assert_rel(nv.upper, 1150000, 1e-14);
  cr_assert(roi.method == FGROI_METHOD_NORMAL && roi.alternative == FGROI_TWO_SIDED);
  assert_rel(roi.conf_level, 0.95, 0);
  assert_rel(s.break_even_effect, 2e5 / 3e6, 1e-15);
  assert_rel(s.effect_se, 0.10204269138493081, 1e-14);
  assert_rel(s.prob_positive, 0.96380310087619381, 1e-12);
  cr_assert(s.resamples == 0);
  /* optional outputs may be NULL */
  assert_ok(fgroi_roi_compute(&e, 2000, 1500, 2e5, &roi, NULL, NULL));
}

Test(roi, one_sided_and_decreasing_map) {
  /* one-sided 95% lower bound 0.08, upper open */
  fgroi_interval e = effect_of(0.25, 0.08, 1.0, 0.95, FGROI_GREATER);
  fgroi_interval roi = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary s = FGROI_INIT(fgroi_roi_summary);
  assert_ok(fgroi_roi_compute(&e, 2000, 1500, 2e5, &roi, NULL, &s));
  cr_assert(roi.alternative == FGROI_GREATER);
  assert_rel(roi.lower, (0.08 * 3e6 - 2e5) / 2e5, 1e-13);
  assert_rel(s.effect_se, 0.10335266142500078, 1e-13);
  assert_rel(s.prob_positive, 0.96195698986805278, 1e-12);
  /* onboarding time: -3 days [-5, -1] (90%), 500 hires, a day less is worth $40
   * (value per unit of effect -40), cost $40k: limits swap */
  e = effect_of(-3, -5, -1, 0.90, FGROI_TWO_SIDED);
  fgroi_interval nv = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_roi_compute(&e, 500, -40, 4e4, &roi, &nv, &s));
  assert_rel(roi.estimate, 0.5, 1e-14);
  assert_rel(roi.lower, -0.5, 1e-14);
  assert_rel(roi.upper, 1.5, 1e-14);
  assert_rel(nv.lower, -20000, 1e-14);
  assert_rel(nv.upper, 60000, 1e-14);
  assert_rel(s.break_even_effect, -2, 1e-15);
  assert_rel(s.effect_se, 1.2159136638235388, 1e-13);
  assert_rel(s.prob_positive, 0.79458298800144778, 1e-12);
  /* a one-sided upper bound flips to a lower bound */
  e = effect_of(-3, -INFINITY, -1, 0.95, FGROI_LESS);
  assert_ok(fgroi_roi_compute(&e, 500, -40, 4e4, &roi, NULL, NULL));
  cr_assert(roi.alternative == FGROI_GREATER && isinf(roi.upper) && roi.upper > 0);
  cr_assert(roi.flags & FGROI_FLAG_UNBOUNDED);
  /* degenerate interval: probability is a step */
  e = effect_of(0.25, 0.25, 0.25, 0.95, FGROI_TWO_SIDED);
  assert_ok(fgroi_roi_compute(&e, 2000, 1500, 2e5, &roi, NULL, &s));
  cr_assert(s.prob_positive == 1.0 && s.effect_se == 0.0);
}

Test(roi, monte_carlo_agrees_with_closed_form) {
  fgroi_interval e = effect_of(0.25, 0.05, 0.45, 0.95, FGROI_TWO_SIDED);
  fgroi_roi_input ein = FGROI_INIT(fgroi_roi_input);
  assert_ok(fgroi_roi_input_from_interval(&e, &ein));
  cr_assert(ein.dist == FGROI_ROI_NORMAL);
  assert_rel(ein.b, 0.10204269138493081, 1e-14);
  fgroi_roi_input vol = in_of(FGROI_ROI_FIXED, 2000, 0, 0), val = in_of(FGROI_ROI_FIXED, 1500, 0, 0);
  fgroi_roi_input cost = in_of(FGROI_ROI_FIXED, 2e5, 0, 0);
  fgroi_interval roi = FGROI_INIT(fgroi_interval), nv = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary s = FGROI_INIT(fgroi_roi_summary);
  const int64_t n = 200000;
  assert_ok(fgroi_roi_monte_carlo(&ein, &vol, &val, &cost, 0.95, n, 42, &roi, &nv, &s));
  double p = 0.96380310087619381, mc_se = sqrt(p * (1 - p) / (double)n);
  assert_abs(s.prob_positive, p, 5 * mc_se);
  /* quantiles of a normal ROI: the mapped limits, within a few MC SEs */
  assert_abs(roi.lower, -0.25, 0.03);
  assert_abs(roi.upper, 5.75, 0.03);
  assert_abs(s.mean_roi, 2.75, 5 * 0.10204 * 15 / sqrt((double)n));
  assert_rel(roi.estimate, 2.75, 1e-14);
  cr_assert(roi.method == FGROI_METHOD_MONTE_CARLO && (roi.flags & FGROI_FLAG_MONTE_CARLO));
  cr_assert(s.resamples == n);
  /* determinism: same seed, same numbers; another seed, different */
  fgroi_interval roi2 = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary s2 = FGROI_INIT(fgroi_roi_summary);
  assert_ok(fgroi_roi_monte_carlo(&ein, &vol, &val, &cost, 0.95, n, 42, &roi2, NULL, &s2));
  cr_assert(roi2.lower == roi.lower && roi2.upper == roi.upper && s2.prob_positive == s.prob_positive);
  assert_ok(fgroi_roi_monte_carlo(&ein, &vol, &val, &cost, 0.95, n, 43, &roi2, NULL, &s2));
  cr_assert(roi2.lower != roi.lower);
}

Test(roi, monte_carlo_several_uncertain_inputs) {
  /* effect fixed at 0.25, value per unit a range $1000..$2000 (uniform),
   * volume triangular(1500, 2000, 2600), cost normal(2e5, 2e4) */
  fgroi_roi_input e = in_of(FGROI_ROI_FIXED, 0.25, 0, 0);
  fgroi_roi_input vol = in_of(FGROI_ROI_TRIANGULAR, 1500, 2000, 2600);
  fgroi_roi_input val = in_of(FGROI_ROI_UNIFORM, 1000, 2000, 0);
  fgroi_roi_input cost = in_of(FGROI_ROI_NORMAL, 2e5, 2e4, 0);
  fgroi_interval roi = FGROI_INIT(fgroi_interval), nv = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary s = FGROI_INIT(fgroi_roi_summary);
  assert_ok(fgroi_roi_monte_carlo(&e, &vol, &val, &cost, 0.90, 0, 7, &roi, &nv, &s));
  cr_assert(s.resamples == 100000);
  /* E[net] = 0.25 * E[vol] * E[val] - E[cost] = 0.25 * 2033.33 * 1500 - 2e5 */
  double mean_net = 0.25 * (1500.0 + 2000.0 + 2600.0) / 3.0 * 1500.0 - 2e5;
  assert_abs(s.mean_net_value, mean_net, 5 * 1.1e5 / sqrt(1e5));
  /* plug-in at the central values: vol mode 2000, value 1500, cost 2e5 */
  assert_rel(nv.estimate, 0.25 * 2000 * 1500 - 2e5, 1e-14);
  cr_assert(nv.lower < nv.estimate && nv.estimate < nv.upper);
  cr_assert(roi.lower < roi.upper && s.prob_positive > 0.9);
  assert_rel(s.break_even_effect, 2e5 / 3e6, 1e-15);
  cr_assert(s.effect_se == 0.0);
}

Test(roi, bad_inputs) {
  fgroi_interval e = effect_of(0.25, 0.05, 0.45, 0.95, FGROI_TWO_SIDED);
  fgroi_interval roi = FGROI_INIT(fgroi_interval), small = roi;
  small.struct_size = 4;
  fgroi_roi_summary s = FGROI_INIT(fgroi_roi_summary), ssmall = s;
  ssmall.struct_size = 4;
  assert_status(fgroi_roi_compute(NULL, 1, 1, 1, &roi, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_roi_compute(&e, 1, 1, 1, NULL, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_roi_compute(&e, 1, 1, 1, &small, NULL, NULL), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_roi_compute(&e, 1, 1, 1, &roi, &small, NULL), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_roi_compute(&e, 1, 1, 1, &roi, NULL, &ssmall), FGROI_E_STRUCT_SIZE);
  fgroi_interval bad = e;
  bad.struct_size = 0;
  assert_status(fgroi_roi_compute(&bad, 1, 1, 1, &roi, NULL, NULL), FGROI_E_STRUCT_SIZE);
  bad = e; bad.estimate = NAN;
  assert_status(fgroi_roi_compute(&bad, 1, 1, 1, &roi, NULL, NULL), FGROI_E_NAN);
  bad = e; bad.lower = NAN;
  assert_status(fgroi_roi_compute(&bad, 1, 1, 1, &roi, NULL, NULL), FGROI_E_NAN);
  bad = e; bad.upper = INFINITY;
  assert_status(fgroi_roi_compute(&bad, 1, 1, 1, &roi, NULL, NULL), FGROI_E_INFINITE);
  bad = e; bad.conf_level = 1.0;
  assert_status(fgroi_roi_compute(&bad, 1, 1, 1, &roi, NULL, NULL), FGROI_E_CONF_LEVEL);
  bad = e; bad.alternative = (fgroi_alternative)5;
  assert_status(fgroi_roi_compute(&bad, 1, 1, 1, &roi, NULL, NULL), FGROI_E_ALTERNATIVE);
  bad = e; bad.lower = 0.3; bad.estimate = 0.2;
  assert_status(fgroi_roi_compute(&bad, 1, 1, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_compute(&e, 0, 1, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_compute(&e, 1, 0, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_compute(&e, 1, 1, -5, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_compute(&e, NAN, 1, 1, &roi, NULL, NULL), FGROI_E_NAN);
  assert_status(fgroi_roi_compute(&e, 1, INFINITY, 1, &roi, NULL, NULL), FGROI_E_INFINITE);
  cr_assert(roi.estimate == 0 && roi.method == 0);

  fgroi_roi_input fx = in_of(FGROI_ROI_FIXED, 1, 0, 0), c0 = in_of(FGROI_ROI_FIXED, 0, 0, 0);
  fgroi_roi_input ubad = in_of(FGROI_ROI_UNIFORM, 2, 1, 0), tbad = in_of(FGROI_ROI_TRIANGULAR, 1, 3, 2);
  fgroi_roi_input nbad = in_of(FGROI_ROI_NORMAL, 1, -1, 0), kbad = in_of((fgroi_roi_dist)9, 1, 1, 1);
  fgroi_roi_input nanin = in_of(FGROI_ROI_UNIFORM, 1, NAN, 0), isz = fx;
  isz.struct_size = 4;
  assert_status(fgroi_roi_monte_carlo(NULL, &fx, &fx, &fx, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_roi_monte_carlo(&fx, &fx, &fx, &fx, 0.95, 0, 1, NULL, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_roi_monte_carlo(&isz, &fx, &fx, &fx, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_roi_monte_carlo(&fx, &fx, &fx, &c0, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_monte_carlo(&ubad, &fx, &fx, &fx, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_monte_carlo(&fx, &tbad, &fx, &fx, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_monte_carlo(&fx, &fx, &nbad, &fx, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_monte_carlo(&kbad, &fx, &fx, &fx, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_monte_carlo(&nanin, &fx, &fx, &fx, 0.95, 0, 1, &roi, NULL, NULL), FGROI_E_NAN);
  assert_status(fgroi_roi_monte_carlo(&fx, &fx, &fx, &fx, 0.95, 10, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_roi_monte_carlo(&fx, &fx, &fx, &fx, 0.0, 1000, 1, &roi, NULL, NULL), FGROI_E_CONF_LEVEL);
  /* a cost that is almost never positive */
  fgroi_roi_input cneg = in_of(FGROI_ROI_NORMAL, -1e6, 1, 0);
  assert_status(fgroi_roi_monte_carlo(&fx, &fx, &fx, &cneg, 0.95, 1000, 1, &roi, NULL, NULL), FGROI_E_OUT_OF_RANGE);
  /* a volume almost never >= 0: redraws give up */
  fgroi_roi_input vneg = in_of(FGROI_ROI_UNIFORM, -1e12, 1e-3, 0);
  assert_status(fgroi_roi_monte_carlo(&fx, &vneg, &fx, &fx, 0.95, 1000, 1, &roi, NULL, NULL), FGROI_E_NOT_ESTIMABLE);
  cr_assert(roi.estimate == 0 && roi.method == 0);
  fgroi_roi_input out = FGROI_INIT(fgroi_roi_input);
  assert_status(fgroi_roi_input_from_interval(NULL, &out), FGROI_E_NULL);
  assert_status(fgroi_roi_input_from_interval(&e, NULL), FGROI_E_NULL);
}

/* ---- issue 16: progress and cancellation ------------------------------------ */

static fgroi_status ctl_roi(const fgroi_control *c, void *out, int64_t draws) {
  fgroi_roi_input e = FGROI_INIT(fgroi_roi_input), v = e, u = e, k = e;
  e.dist = FGROI_ROI_NORMAL; e.a = 0.05; e.b = 0.02;
  v.dist = FGROI_ROI_UNIFORM; v.a = 800; v.b = 1200;
  u.dist = FGROI_ROI_FIXED; u.a = 10;
  k.dist = FGROI_ROI_TRIANGULAR; k.a = 50; k.b = 100; k.c = 200;
  return fgroi_roi_monte_carlo_ctl(&e, &v, &u, &k, 0.9, draws, 11, c, out, NULL, NULL);
}
static fgroi_status ctl_roi_1e6(const fgroi_control *c, void *out) { return ctl_roi(c, out, 1000000); }
static fgroi_status ctl_roi_1e5(const fgroi_control *c, void *out) { return ctl_roi(c, out, 100000); }

Test(roi_control, cancel_from_another_thread, .timeout = 120) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  ci.lower = -7;
  ctl_assert_cancels(ctl_roi_1e6, &ci, sizeof ci, "roi monte carlo 1e6 (the limit)");
}

Test(roi_control, progress_monotone_reaches_one_result_unchanged, .timeout = 120) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval), plain = ci;
  ctl_assert_progress(ctl_roi_1e5, &ci, "roi monte carlo 1e5");
  assert_ok(ctl_roi(NULL, &plain, 100000));
  cr_assert_eq(ci.lower, plain.lower);
  cr_assert_eq(ci.upper, plain.upper);
  ctl_assert_refuses_bad_control(ctl_roi_1e5, &ci, "roi");
}
