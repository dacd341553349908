/** @file prepost.h
 * Before/after and control-vs-device baselining: the change within an arm
 * (proportions and means, independent or paired samples),
 * difference-in-differences (device change minus control change), rates
 * against a target, and task funnels.
 *
 * Directions: a change is post minus pre; a difference-in-differences is
 * (device post - device pre) - (control post - control pre).
 *
 * Paired proportions are given as the 2x2 table of the same participants
 * before and after: `both` (yes before and after), `pre_only` (yes before,
 * no after), `post_only` (no before, yes after), `neither`.
 *
 * Formulas, defaults and citations: docs/methods/prepost.md.
 */
#ifndef FGROI_PREPOST_H
#define FGROI_PREPOST_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Sampling design of a before/after comparison. */
typedef enum fgroi_design {
  FGROI_DESIGN_INDEPENDENT = 0, /**< different participants before and after */
  FGROI_DESIGN_PAIRED = 1       /**< the same participants measured twice */
} fgroi_design;

/* ---- change within an arm ------------------------------------------------- */

/** Change in a proportion between two independent samples, post - pre,
 *  through the proportion engine with post as group 1:
 *  fgroi_prop_diff_ci(x_post, n_post, x_pre, n_pre, ci_method, ...) and
 *  fgroi_prop_2x2_test(x_post, n_post, x_pre, n_pre, test_method, ...).
 *  Interval methods: FGROI_METHOD_NEWCOMBE (default; Newcombe 1998 method
 *  10), FGROI_METHOD_MIETTINEN_NURMINEN, FGROI_METHOD_AGRESTI_CAFFO,
 *  FGROI_METHOD_WALD. Test methods: FGROI_METHOD_FISHER (default),
 *  FGROI_METHOD_FISHER_MID_P, FGROI_METHOD_CHISQ, FGROI_METHOD_CHISQ_CC
 *  (statistics as fgroi_prop_2x2_test). Either output may be NULL, not both.
 *  @param ci_method FGROI_METHOD_NEWCOMBE (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WALD_CC, FGROI_METHOD_MIETTINEN_NURMINEN,
 *  FGROI_METHOD_AGRESTI_CAFFO, FGROI_METHOD_MEE or FGROI_METHOD_NEWCOMBE_CC
 *  @param test_method FGROI_METHOD_FISHER (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_CHISQ, FGROI_METHOD_CHISQ_CC or FGROI_METHOD_FISHER_MID_P
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_NOT_ESTIMABLE (chi-square
 *  tests when both samples are all 0 or all 1), FGROI_E_NO_CONVERGENCE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_prop_change(int64_t x_pre, int64_t n_pre, int64_t x_post,
                                                 int64_t n_post, fgroi_method ci_method,
                                                 fgroi_method test_method, double conf_level,
                                                 fgroi_alternative alternative,
                                                 fgroi_interval *ci, fgroi_test *test);

/** Change in a proportion for the same participants, post - pre =
 *  (post_only - pre_only) / n, through the paired engine (paired.h) with
 *  post in the role of the device and pre in the role of self-report:
 *  fgroi_paired_gap_ci(both, post_only, pre_only, neither, ci_method, ...)
 *  and fgroi_paired_mcnemar(both, post_only, pre_only, neither,
 *  test_method, ...).
 *  Interval methods: FGROI_METHOD_TANGO (default; score, Tango 1998),
 *  FGROI_METHOD_NEWCOMBE, FGROI_METHOD_BONETT_PRICE,
 *  FGROI_METHOD_AGRESTI_MIN, FGROI_METHOD_WALD. Test methods:
 *  FGROI_METHOD_MCNEMAR_MID_P (default; Fagerland, Lydersen & Laake 2013),
 *  FGROI_METHOD_MCNEMAR_EXACT, FGROI_METHOD_MCNEMAR, FGROI_METHOD_MCNEMAR_CC
 *  (statistics as fgroi_paired_mcnemar). Either output may be NULL, not both.
 *  @param ci_method FGROI_METHOD_TANGO (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WALD_CC, FGROI_METHOD_NEWCOMBE,
 *  FGROI_METHOD_NEWCOMBE_CC, FGROI_METHOD_BONETT_PRICE,
 *  FGROI_METHOD_AGRESTI_MIN, FGROI_METHOD_NEWCOMBE_RAW_PHI or
 *  FGROI_METHOD_WALD_CC_FAGERLAND
 *  @param test_method FGROI_METHOD_MCNEMAR_MID_P (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_MCNEMAR, FGROI_METHOD_MCNEMAR_CC or
 *  FGROI_METHOD_MCNEMAR_EXACT
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_CONF_LEVEL, FGROI_E_NAN, FGROI_E_ALTERNATIVE,
 *  FGROI_E_METHOD, FGROI_E_OVERFLOW, FGROI_E_NO_CONVERGENCE. @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_prop_change_paired(int64_t both, int64_t pre_only,
                                                        int64_t post_only, int64_t neither,
                                                        fgroi_method ci_method,
                                                        fgroi_method test_method,
                                                        double conf_level,
                                                        fgroi_alternative alternative,
                                                        fgroi_interval *ci, fgroi_test *test);

/** Change in a mean, post - pre: Welch's t (independent design; as
 *  fgroi_means_t_two) or the paired t on post[i] - pre[i] (paired design,
 *  n_pre must equal n_post; as fgroi_means_t_paired).
 *  @return as fgroi_means_t_two / fgroi_means_t_paired, plus
 *  FGROI_E_LENGTH_MISMATCH (paired with n_pre != n_post) and
 *  FGROI_E_METHOD. @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_mean_change(const double *pre, size_t n_pre,
                                                 const double *post, size_t n_post,
                                                 fgroi_design design, double conf_level,
                                                 fgroi_alternative alternative,
                                                 fgroi_interval *ci, fgroi_test *test);

/* ---- difference in differences --------------------------------------------- */

/** Difference-in-differences of proportions from four independent samples
 *  (x successes of n; d = device, c = control).
 *  Interval methods: FGROI_METHOD_NEWCOMBE (default; MOVER from the four
 *  Wilson intervals, Zou & Donner 2008, Newcombe's method 10 extended) or
 *  FGROI_METHOD_WALD. test: Wald z = DiD / SE (unpooled), method
 *  FGROI_METHOD_DID, statistic z. Either output may be NULL, not both.
 *  @param method FGROI_METHOD_NEWCOMBE (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_WALD
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_ZERO_VARIANCE (test, or the
 *  Wald interval, when every sample is all 0 or all 1). @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_prop_did(int64_t xd_pre, int64_t nd_pre, int64_t xd_post,
                                              int64_t nd_post, int64_t xc_pre, int64_t nc_pre,
                                              int64_t xc_post, int64_t nc_post,
                                              fgroi_method method, double conf_level,
                                              fgroi_alternative alternative,
                                              fgroi_interval *ci, fgroi_test *test);

/** Difference-in-differences of proportions when each arm's participants
 *  are measured before and after (paired within arm, arms independent).
 *  device[4] and control_group[4] are the paired tables {both, pre_only,
 *  post_only, neither}; DiD = (c_d - b_d)/n_d - (c_c - b_c)/n_c.
 *  Interval: MOVER (Zou & Donner 2008) from each arm's paired interval of
 *  the paired engine, method FGROI_METHOD_TANGO (default),
 *  FGROI_METHOD_NEWCOMBE, FGROI_METHOD_BONETT_PRICE or
 *  FGROI_METHOD_AGRESTI_MIN; or FGROI_METHOD_WALD (sum of the two paired
 *  Wald variances ((b + c) - (c - b)^2 / n) / n^2). test: Wald z on the same
 *  variance (method FGROI_METHOD_DID). Either output may be NULL, not both.
 *  @param method FGROI_METHOD_TANGO (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_NEWCOMBE, FGROI_METHOD_BONETT_PRICE or
 *  FGROI_METHOD_AGRESTI_MIN
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_CONF_LEVEL, FGROI_E_NAN, FGROI_E_ALTERNATIVE,
 *  FGROI_E_METHOD, FGROI_E_OVERFLOW, FGROI_E_NO_CONVERGENCE,
 *  FGROI_E_ZERO_VARIANCE (the test or the Wald interval when neither arm
 *  has a discordant pair; the MOVER interval is still defined). @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_prop_did_paired(const int64_t device[4],
                                                     const int64_t control_group[4],
                                                     fgroi_method method, double conf_level,
                                                     fgroi_alternative alternative,
                                                     fgroi_interval *ci, fgroi_test *test);

/** Difference-in-differences of means.
 *  Independent design: four samples; DiD of the means with variance
 *  sum(s^2 / n) and a Welch-Satterthwaite t (df = V^2 / sum((s^2/n)^2 /
 *  (n - 1))); every sample needs n >= 2.
 *  Paired design: device and control participants each measured before and
 *  after (d_pre/d_post same length, c_pre/c_post same length); the DiD is
 *  Welch's t on the per-participant changes (as fgroi_means_t_two).
 *  test method FGROI_METHOD_DID, statistic t.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_TOO_FEW, FGROI_E_NAN, FGROI_E_INFINITE, FGROI_E_CONF_LEVEL,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD,
 *  FGROI_E_LENGTH_MISMATCH (paired), FGROI_E_ZERO_VARIANCE (also a spread
 *  below rounding of the means), FGROI_E_OVERFLOW (the estimate or a limit
 *  beyond the doubles), FGROI_E_OUT_OF_RANGE (the SE below the smallest
 *  double), FGROI_E_NO_MEMORY. @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_mean_did(const double *d_pre, size_t nd_pre,
                                              const double *d_post, size_t nd_post,
                                              const double *c_pre, size_t nc_pre,
                                              const double *c_post, size_t nc_post,
                                              fgroi_design design, double conf_level,
                                              fgroi_alternative alternative,
                                              fgroi_interval *ci, fgroi_test *test);

/* ---- targets ------------------------------------------------------------------ */

/** Is a rate above (or below) a target, e.g. device acceptance > 85%?
 *  A thin wrapper returning both halves of the answer: the one-sided exact
 *  binomial test of H0: p <= target (fgroi_prop_test, FGROI_GREATER) and the
 *  matching one-sided confidence bound (fgroi_prop_ci, FGROI_GREATER: the
 *  lower bound; the upper limit is 1). FGROI_LESS asks whether the rate is
 *  below the target (upper bound). They agree: the test rejects at
 *  1 - conf_level exactly when the bound excludes the target.
 *  Methods: FGROI_METHOD_EXACT (default; exact test with the
 *  Clopper-Pearson bound) or FGROI_METHOD_MID_P (mid-p test with the mid-p
 *  bound). Either output may be NULL, not both.
 *  @param target in (0, 1)
 *  @param alternative FGROI_GREATER or FGROI_LESS (two-sided: FGROI_E_ALTERNATIVE)
 *  @param method FGROI_METHOD_EXACT (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_MID_P
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_NAN, FGROI_E_PROBABILITY,
 *  FGROI_E_CONF_LEVEL, FGROI_E_ALTERNATIVE, FGROI_E_METHOD,
 *  FGROI_E_NO_CONVERGENCE. Clopper & Pearson 1934. @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_target(int64_t x, int64_t n, double target,
                                            fgroi_method method, double conf_level,
                                            fgroi_alternative alternative,
                                            fgroi_test *test, fgroi_interval *bound);

/* ---- task funnels ---------------------------------------------------------------- */

/** Largest drop in a funnel, flagged by a test. */
typedef struct fgroi_funnel_drop {
  size_t struct_size;  /**< set by FGROI_INIT */
  size_t step;         /**< transition with the largest drop-off rate (0 = counts[0] -> counts[1]) */
  double dropoff;      /**< its drop-off rate, 1 - counts[step+1] / counts[step] */
  double others;       /**< pooled drop-off rate of every other transition */
  double p_value;      /**< one-sided Fisher p (drop rate here > the others), Bonferroni x (k - 1), capped at 1 */
  double p_raw;        /**< the same before the Bonferroni factor */
} fgroi_funnel_drop;

/** A task funnel (started -> paired device -> step 1 -> ... -> done) for one
 *  arm: counts[0] >= counts[1] >= ... >= counts[k-1], the number of
 *  participants reaching each stage. For each transition i = 0..k-2 the
 *  outputs hold (caller-allocated arrays of `capacity` >= k - 1, any may be
 *  NULL): conversion[i] = counts[i+1] / counts[i] with its Wilson interval
 *  (drop-off is 1 - conversion, interval [1 - upper, 1 - lower]), and
 *  completion[i] = counts[i+1] / counts[0] with its Wilson interval.
 *  A transition from a stage nobody reached has no information: its
 *  conversion is reported as 0 with the interval [0, 1] (never NaN), and it
 *  takes no part in the drop test.
 *  `drop` (may be NULL; needs k >= 3) gets the transition with the largest
 *  drop-off rate (the first on ties) and a one-sided Fisher exact test of its
 *  drop-off against the pooled drop-off of the other transitions (the
 *  sequential binomial likelihood factorises, so the table
 *  [drops, stays; other drops, other stays] is valid), Bonferroni-corrected
 *  for having picked the largest of k - 1.
 *  `*size` receives k - 1; FGROI_E_CAPACITY when it exceeds capacity.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_TOO_FEW (k < 2),
 *  FGROI_E_NEGATIVE_COUNT, FGROI_E_COUNT_EXCEEDS_TOTAL (a stage larger
 *  than the one before), FGROI_E_EMPTY (counts[0] = 0), FGROI_E_CONF_LEVEL,
 *  FGROI_E_NAN, FGROI_E_CAPACITY, FGROI_E_TOO_LARGE (with `drop`: the stage
 *  counts before the last sum above 2^33, the bound of the exact test;
 *  drop = NULL computes the rest; docs/limits.md).
 *  Wilson 1927; Fisher 1935. @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_funnel(const int64_t *counts, size_t k, double conf_level,
                                            size_t capacity, double *conversion,
                                            double *conversion_lower, double *conversion_upper,
                                            double *completion, double *completion_lower,
                                            double *completion_upper, size_t *size,
                                            fgroi_funnel_drop *drop);

/** Which rate fgroi_prepost_funnel_compare compares. */
typedef enum fgroi_funnel_rate {
  FGROI_FUNNEL_CONVERSION = 0, /**< counts[i+1] / counts[i] (conditional on reaching stage i) */
  FGROI_FUNNEL_COMPLETION = 1  /**< counts[i+1] / counts[0] (from the start) */
} fgroi_funnel_rate;

/** Compare two arms' funnels (same k stages) transition by transition:
 *  diff[i] = rate_a - rate_b with Newcombe's hybrid score interval
 *  (fgroi_prop_diff_ci, FGROI_METHOD_NEWCOMBE) and the two-sided Fisher
 *  exact p-value (fgroi_prop_2x2_test, FGROI_METHOD_FISHER). A transition
 *  from a stage nobody reached in either arm gives 0, [-1, 1], p = 1.
 *  Arrays are caller-allocated with `capacity` >= k - 1; any may be NULL.
 *  @return as fgroi_prepost_funnel (for either arm), plus FGROI_E_METHOD,
 *  FGROI_E_NO_CONVERGENCE, FGROI_E_TOO_LARGE (a
 *  transition's two stage counts sum above 2^33, the bound of Fisher's
 *  test; checked before anything is written; fgroi_prop_diff_ci and
 *  fgroi_prop_2x2_test with chisq take any size). Newcombe 1998; Fisher 1935.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_prepost_funnel_compare(const int64_t *counts_a,
                                                    const int64_t *counts_b, size_t k,
                                                    fgroi_funnel_rate rate, double conf_level,
                                                    size_t capacity, double *diff,
                                                    double *diff_lower, double *diff_upper,
                                                    double *p_value, size_t *size);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_PREPOST_H */
