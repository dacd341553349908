/** @file nps.h
 * Net Promoter Score: tally of 0-10 "likelihood to recommend" scores,
 * NPS with honest intervals, wave-to-wave change (independent waves),
 * paired change (the same respondents twice), segments, planning, and
 * CSAT top-2-box.
 *
 * Conventions:
 * - categories: detractor 0-6, passive 7-8, promoter 9-10;
 * - NPS = 100 * (p_promoter - p_detractor), on the -100..100 scale; every
 *   interval, standard error and difference here is in NPS points
 *   (differences on -200..200);
 * - differences are always signed "after minus before" (wave 2 minus wave 1);
 * - counts are int64_t; a negative count is FGROI_E_NEGATIVE_COUNT, a
 *   zero total FGROI_E_EMPTY, and a wave (segment) total above 2^53
 *   FGROI_E_TOO_LARGE, checked first (docs/limits.md).
 * Methods, formulas, the coverage study behind the defaults and citations:
 * docs/methods/nps.md.
 */
#ifndef FGROI_NPS_H
#define FGROI_NPS_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- tally ------------------------------------------------------------- */

/** An 11-bin histogram of 0..10 scores plus the count of skipped missing
 *  values. Mergeable: order of adds and merges does not matter.
 *  Initialise with FGROI_INIT(fgroi_nps_tally) then fgroi_nps_tally_init(). */
typedef struct fgroi_nps_tally {
  size_t struct_size;  /**< set by FGROI_INIT */
  int64_t bins[11];    /**< bins[s] = number of respondents who answered s */
  int64_t missing;     /**< values equal to the missing-value code (skipped) */
} fgroi_nps_tally;

/** Reset a tally to zero.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_tally_init(fgroi_nps_tally *tally);

/** Add n int8 scores. Values equal to missing_code are skipped and counted
 *  in tally->missing; any other value outside 0..10 is an error whose
 *  position is written to *bad_index (if bad_index is non-NULL), and the
 *  tally is then left unchanged. The hot loop counts 32 bytes per step in
 *  8-bit lane counters flushed every 255 steps (docs/performance.md).
 *  @param tally running tally
 *  @param scores n values (may be NULL when n = 0)
 *  @param n number of values
 *  @param missing_code value meaning "no answer" (e.g. -1); a code inside
 *         0..10 is rejected with FGROI_E_OUT_OF_RANGE
 *  @param[out] bad_index optional: index of the first offending value
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_SCORE_RANGE, FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_tally_add_i8(fgroi_nps_tally *tally, const int8_t *scores,
                                              size_t n, int8_t missing_code, size_t *bad_index);

/** As fgroi_nps_tally_add_i8 for int32 scores. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_tally_add_i32(fgroi_nps_tally *tally, const int32_t *scores,
                                               size_t n, int32_t missing_code, size_t *bad_index);

/** As fgroi_nps_tally_add_i8 for double scores. NaN always counts as
 *  missing, as does missing_code (pass NAN for "NaN only"). A value that is
 *  not a whole number 0..10 (e.g. 7.5, -1, 11, infinity) is
 *  FGROI_E_SCORE_RANGE at *bad_index.
 *  @return as fgroi_nps_tally_add_i8. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_tally_add_f64(fgroi_nps_tally *tally, const double *scores,
                                               size_t n, double missing_code, size_t *bad_index);

/** Add src's counts into dst.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_tally_merge(fgroi_nps_tally *dst, const fgroi_nps_tally *src);

/** Category counts of a tally (detractors 0-6, passives 7-8, promoters 9-10).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_tally_counts(const fgroi_nps_tally *tally, int64_t *detractors,
                                              int64_t *passives, int64_t *promoters);

/* ---- one NPS ------------------------------------------------------------ */

/** Point estimate and standard error of one NPS. */
typedef struct fgroi_nps_summary {
  size_t struct_size;   /**< set by FGROI_INIT */
  int64_t detractors;   /**< count of 0-6 */
  int64_t passives;     /**< count of 7-8 */
  int64_t promoters;    /**< count of 9-10 */
  int64_t n;            /**< total respondents */
  double nps;           /**< 100 * (promoters - detractors) / n */
  double se;            /**< 100 * sqrt((p_pro + p_det - (p_pro - p_det)^2) / n), as R NPS::nps.se */
  double p_detractor;   /**< detractors / n */
  double p_passive;     /**< passives / n */
  double p_promoter;    /**< promoters / n */
} fgroi_nps_summary;

/** Options of the randomised methods (bootstrap, Monte Carlo permutation).
 *  A NULL options pointer means: seed 1, 4000 replicates. */
typedef struct fgroi_nps_options {
  size_t struct_size;   /**< set by FGROI_INIT */
  uint64_t seed;        /**< seed of the xoshiro256** generator */
  int64_t resamples;    /**< bootstrap replicates; 0 means 4000; 2..10^6 */
  /** Progress and cancellation of the bootstrap (NULL: none;
   *  docs/api-conventions.md, "Long computations"): a cancel returns
   *  FGROI_E_CANCELLED with the outputs untouched. Cost O(resamples x n):
   *  about 20 s for 1,000 replicates of 1e6 respondents. Read only when
   *  struct_size covers it. @since 0.2 */
  const fgroi_control *control;
} fgroi_nps_options;

/** NPS and its standard error from category counts.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_TOO_LARGE (total above 2^53).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_nps_summarize(int64_t detractors, int64_t passives,
                                           int64_t promoters, fgroi_nps_summary *out);

/** Confidence interval for one NPS (in NPS points).
 *
 *  Methods:
 *  - FGROI_METHOD_SCORE (default; FGROI_METHOD_TANGO is accepted as an
 *    alias): Tango's (1998) score interval for a paired difference, with
 *    promoters and detractors as the discordant cells (Rocks 2016,
 *    "iterative"); never leaves [-100, 100];
 *  - FGROI_METHOD_WALD: NPS +- z * se as R's NPS package (Rocks);
 *    truncated to [-100, 100] (flag FGROI_FLAG_TRUNCATED), one point wide
 *    at all promoters / all detractors / all passives;
 *  - FGROI_METHOD_ADJUSTED_WALD: Wald after adding 3 pseudo-respondents,
 *    3/4 detractor, 3/2 passive, 3/4 promoter (Rocks 2016);
 *  - FGROI_METHOD_BOOTSTRAP_PERCENTILE, FGROI_METHOD_BOOTSTRAP_BCA
 *    (Efron 1987): seeded multinomial resampling (options). One draw per
 *    respondent per replicate: respondents x replicates of one call (both
 *    waves for a difference, every segment for fgroi_nps_segments_ci) at
 *    most 2^24 (4,194 respondents at the default 4000 replicates), else
 *    FGROI_E_TOO_LARGE before any work; at such sizes the score interval
 *    (the default) is what to use.
 *  @param options NULL for defaults (bootstrap only)
 *  @param method FGROI_METHOD_SCORE (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_TANGO, FGROI_METHOD_ADJUSTED_WALD,
 *  FGROI_METHOD_BOOTSTRAP_PERCENTILE or FGROI_METHOD_BOOTSTRAP_BCA
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_OUT_OF_RANGE (resamples),
 *  FGROI_E_TOO_LARGE (a total above 2^53, or the bootstrap bound),
 *  FGROI_E_NO_MEMORY, FGROI_E_NO_CONVERGENCE. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_ci(int64_t detractors, int64_t passives, int64_t promoters,
                                    fgroi_method method, double conf_level,
                                    fgroi_alternative alternative,
                                    const fgroi_nps_options *options, fgroi_interval *out);

/** Test of H0: NPS = null_nps (in points, -100 < null_nps < 100).
 *  Methods: FGROI_METHOD_SCORE (default; Tango's score statistic, variance
 *  at the restricted MLE; FGROI_METHOD_TANGO accepted), FGROI_METHOD_WALD
 *  (z = (NPS - null)/se as R's NPS::nps.test, whose one-sample test uses
 *  null 0). statistic = z.
 *  @param method FGROI_METHOD_SCORE (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD or FGROI_METHOD_TANGO
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_NAN, FGROI_E_OUT_OF_RANGE (null),
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_ZERO_VARIANCE (Wald with
 *  se = 0), FGROI_E_TOO_LARGE (total above 2^53). @since 0.1 */
FGROI_API fgroi_status fgroi_nps_test(int64_t detractors, int64_t passives, int64_t promoters,
                                      double null_nps, fgroi_method method,
                                      fgroi_alternative alternative, fgroi_test *out);

/* ---- two independent waves ---------------------------------------------- */

/** Confidence interval for NPS_after - NPS_before of two independent
 *  samples (signed; R's NPS::nps.test reports only its size).
 *  Methods: FGROI_METHOD_NEWCOMBE (default, chosen by the coverage study in
 *  docs/methods/nps.md; MOVER square-and-add of the two single-wave score
 *  intervals; Newcombe 1998, Zou & Donner 2008), FGROI_METHOD_SCORE (score
 *  interval for the difference of two multinomial means, variance at the
 *  restricted MLE as Miettinen & Nurminen 1985 without their n/(n-1)
 *  factor), FGROI_METHOD_WALD (as NPS::nps.test),
 *  FGROI_METHOD_BOOTSTRAP_PERCENTILE, FGROI_METHOD_BOOTSTRAP_BCA.
 *  @param method FGROI_METHOD_NEWCOMBE (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_SCORE, FGROI_METHOD_BOOTSTRAP_PERCENTILE
 *  or FGROI_METHOD_BOOTSTRAP_BCA
 *  @return as fgroi_nps_ci. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_diff_ci(int64_t det_before, int64_t pas_before,
                                         int64_t pro_before, int64_t det_after,
                                         int64_t pas_after, int64_t pro_after,
                                         fgroi_method method, double conf_level,
                                         fgroi_alternative alternative,
                                         const fgroi_nps_options *options, fgroi_interval *out);

/** Test of H0: NPS_after = NPS_before for two independent samples.
 *  Methods: FGROI_METHOD_SCORE (default; score z, variance at the
 *  restricted MLE under equal NPS; size closest to nominal in the coverage
 *  study), FGROI_METHOD_WALD (unpooled z as NPS::nps.test, but signed),
 *  FGROI_METHOD_PERMUTATION (exact: every split of the
 *  pooled respondents, i.e. the multivariate hypergeometric law of the
 *  after-wave's category counts given the pooled counts; two-sided counts
 *  |difference| >= observed; up to 4000 respondents in the smaller wave,
 *  else FGROI_E_TOO_LARGE). statistic = z, or the NPS difference for the
 *  permutation test. When both waves are constant (zero variance) z is 0
 *  or +-infinity and the result carries FGROI_FLAG_DEGENERATE.
 *  @param method FGROI_METHOD_SCORE (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD or FGROI_METHOD_PERMUTATION
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_ALTERNATIVE, FGROI_E_METHOD,
 *  FGROI_E_TOO_LARGE (a wave's total above 2^53, or the permutation bound),
 *  FGROI_E_NO_MEMORY, FGROI_E_NO_CONVERGENCE. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_diff_test(int64_t det_before, int64_t pas_before,
                                           int64_t pro_before, int64_t det_after,
                                           int64_t pas_after, int64_t pro_after,
                                           fgroi_method method, fgroi_alternative alternative,
                                           fgroi_test *out);

/** fgroi_nps_diff_test() with progress and cancellation (control NULL:
 *  none; docs/api-conventions.md, "Long computations"). Only the
 *  permutation test can run long: O(m^2 / 2) multivariate hypergeometric
 *  terms for a smaller wave of m respondents, within the same limit of
 *  m <= 4000 (checked before any work; about 0.2 s at the limit); the
 *  score and Wald tests are closed forms.
 *  @return as fgroi_nps_diff_test, plus FGROI_E_STRUCT_SIZE (control) and
 *  FGROI_E_CANCELLED (outputs untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_nps_diff_test_ctl(int64_t det_before, int64_t pas_before,
                                               int64_t pro_before, int64_t det_after,
                                               int64_t pas_after, int64_t pro_after,
                                               fgroi_method method, fgroi_alternative alternative,
                                               const fgroi_control *control, fgroi_test *out);

/* ---- paired change (same respondents twice) ------------------------------ */

/** 3x3 transition table from paired scores: table[3 * i + j] counts people
 *  in category i before and j after (0 detractor, 1 passive, 2 promoter).
 *  Pairs with missing_code in either wave are skipped and counted in
 *  *missing_pairs (optional); missing_code must lie outside 0..10
 *  (FGROI_E_OUT_OF_RANGE otherwise, as for the tallies). Other values outside
 *  0..10 are FGROI_E_SCORE_RANGE at *bad_index (optional); the table is
 *  written only on success (it is overwritten, not accumulated).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_OUT_OF_RANGE (missing_code a
 *  valid score), FGROI_E_SCORE_RANGE. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_paired_table_i32(const int32_t *before, const int32_t *after,
                                                  size_t n, int32_t missing_code,
                                                  int64_t table[9], int64_t *missing_pairs,
                                                  size_t *bad_index);

/** Per-person change of category score (-1 detractor, 0 passive,
 *  +1 promoter) from a transition table: changes[k] counts people whose
 *  change is k - 2, k = 0..4 (i.e. -2..+2).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY,
 *  FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_paired_changes(const int64_t table[9], int64_t changes[5]);

/** Confidence interval for the paired NPS change (after - before) of one
 *  group surveyed twice; it uses the within-person correlation.
 *  Methods: FGROI_METHOD_SCORE (default; score interval for the mean
 *  per-person change, variance at the multinomial MLE restricted to the
 *  hypothesised mean, over support -2..2; the paired analogue of Tango
 *  1998), FGROI_METHOD_WALD (mean change +- z * sd / sqrt(n), sd with
 *  divisor n).
 *  @param method FGROI_METHOD_SCORE (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_WALD
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_NO_CONVERGENCE. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_paired_ci(const int64_t table[9], fgroi_method method,
                                           double conf_level, fgroi_alternative alternative,
                                           fgroi_interval *out);

/** Tests for a paired NPS change.
 *  Methods: FGROI_METHOD_SIGN_FLIP (default; exact: each person's change
 *  flips sign with probability 1/2 under H0; statistic = sum of changes),
 *  FGROI_METHOD_WALD (z on per-person changes), FGROI_METHOD_SCORE
 *  (score z at change 0), FGROI_METHOD_STUART_MAXWELL (marginal
 *  homogeneity of the 3 categories, chi-square with 2 df, Stuart 1955,
 *  Maxwell 1970; two-sided only; FGROI_E_NOT_ESTIMABLE when its covariance
 *  matrix is singular with a non-zero margin difference, p = 1 when no one
 *  changed).
 *  The sign-flip p-value enumerates the smaller switcher group (changes of
 *  +-1 or +-2) over +-20 sqrt(m) around its mode and takes the other through
 *  one exact binomial tail: O(sqrt(min)) work; each group up to 2^44, the
 *  smaller up to 2^28, FGROI_E_TOO_LARGE beyond (docs/limits.md).
 *  @param method FGROI_METHOD_SIGN_FLIP (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_SCORE or FGROI_METHOD_STUART_MAXWELL
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_ALTERNATIVE, FGROI_E_METHOD,
 *  FGROI_E_NOT_ESTIMABLE, FGROI_E_TOO_LARGE. @since 0.1 */
FGROI_API fgroi_status fgroi_nps_paired_test(const int64_t table[9], fgroi_method method,
                                             fgroi_alternative alternative, fgroi_test *out);

/** fgroi_nps_paired_test() with progress and cancellation (control NULL:
 *  none; docs/api-conventions.md, "Long computations"). Only the sign-flip
 *  test can run long: O(sqrt(m)) binomial terms for a smaller switcher
 *  group of m, within the same limits (each group up to 2^44, the smaller
 *  up to 2^28, checked before any work; about 0.25 s near the limit); the
 *  other methods are closed forms.
 *  @return as fgroi_nps_paired_test, plus FGROI_E_STRUCT_SIZE (control)
 *  and FGROI_E_CANCELLED (outputs untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_nps_paired_test_ctl(const int64_t table[9], fgroi_method method,
                                                 fgroi_alternative alternative,
                                                 const fgroi_control *control, fgroi_test *out);

/* ---- segments ------------------------------------------------------------ */

/** NPS with an interval for each of k segments. counts holds k rows of
 *  (detractors, passives, promoters). out[i] (each with its struct_size set)
 *  receives segment i. Arguments otherwise as fgroi_nps_ci.
 *  @param method FGROI_METHOD_SCORE (= FGROI_METHOD_DEFAULT), FGROI_METHOD_WALD,
 *  FGROI_METHOD_TANGO, FGROI_METHOD_ADJUSTED_WALD,
 *  FGROI_METHOD_BOOTSTRAP_PERCENTILE or FGROI_METHOD_BOOTSTRAP_BCA
 *  @return as fgroi_nps_ci, plus FGROI_E_EMPTY when k = 0. @since 0.1
 *  @shape counts[k][3] out[k] */
FGROI_API fgroi_status fgroi_nps_segments_ci(const int64_t *counts, size_t k,
                                             fgroi_method method, double conf_level,
                                             fgroi_alternative alternative,
                                             const fgroi_nps_options *options,
                                             fgroi_interval *out);

/** Compare k >= 2 segments: each segment against the rest pooled
 *  (vs_rest[i]: segment i minus the rest) and every pair (pairwise, in the
 *  order (0,1), (0,2), ..., (k-2,k-1): segment j minus segment i), with
 *  two-sided tests of fgroi_nps_diff_test (test_method) and p-values
 *  adjusted for multiplicity within each family by
 *  fgroi_multiplicity_adjust (adjust_method: FGROI_METHOD_HOLM (default),
 *  or any method it accepts: bonferroni, hochberg, hommel, bh, by, none).
 *  vs_rest / vs_rest_p_adj have k elements; the
 *  pairwise arrays need k(k-1)/2 (pairs_needed, optional, written with
 *  FGROI_OK or FGROI_E_CAPACITY only), checked against pair_capacity.
 *  Either family may be NULL (not computed).
 *  @param test_method FGROI_METHOD_SCORE (= FGROI_METHOD_DEFAULT, as
 *  fgroi_nps_diff_test), FGROI_METHOD_WALD or FGROI_METHOD_PERMUTATION
 *  @param adjust_method FGROI_METHOD_HOLM (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_NONE, FGROI_METHOD_BONFERRONI, FGROI_METHOD_HOCHBERG,
 *  FGROI_METHOD_HOMMEL, FGROI_METHOD_BH, FGROI_METHOD_BY, FGROI_METHOD_SIDAK,
 *  FGROI_METHOD_HOLM_SIDAK, FGROI_METHOD_BH_TWO_STAGE, FGROI_METHOD_BKY or
 *  FGROI_METHOD_GBS
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY (also when one segment holds everybody), FGROI_E_TOO_FEW
 *  (k < 2), FGROI_E_CAPACITY, FGROI_E_METHOD, FGROI_E_OVERFLOW,
 *  FGROI_E_TOO_LARGE (the counts of all segments together above 2^53, or k
 *  above 10^6: the pairwise family is O(k^2) tests; checked before any work),
 *  FGROI_E_NO_MEMORY. @since 0.1
 *  @shape counts[k][3] vs_rest[k] vs_rest_p_adj[k]
 *  @shape pairwise[pair_capacity] pairwise_p_adj[pair_capacity] */
FGROI_API fgroi_status fgroi_nps_segments_compare(const int64_t *counts, size_t k,
                                                  fgroi_method test_method,
                                                  fgroi_method adjust_method,
                                                  fgroi_test *vs_rest, double *vs_rest_p_adj,
                                                  fgroi_test *pairwise, double *pairwise_p_adj,
                                                  size_t pair_capacity, size_t *pairs_needed);

/* ---- planning ------------------------------------------------------------ *
 * The power and sample size of a change between two waves are in power.h
 * (fgroi_power_nps, fgroi_power_nps_n, fgroi_power_nps_mde): the one NPS
 * planning API (issue 15). */

/** Respondents needed so that the Wald half-width at conf_level is at most
 *  margin NPS points, for an assumed mix (p_detractor, p_promoter):
 *  n = ceil(z^2 * V / (margin/100)^2), V = p_pro + p_det - (p_pro - p_det)^2.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_NAN, FGROI_E_PROBABILITY (mix not
 *  a probability vector), FGROI_E_OUT_OF_RANGE (margin not in (0, 200]),
 *  FGROI_E_CONF_LEVEL, FGROI_E_ZERO_VARIANCE (V = 0), FGROI_E_TOO_LARGE (n
 *  of 9e15 or more; a wider margin). @since 0.1 */
FGROI_API fgroi_status fgroi_nps_n_for_margin(double p_detractor, double p_promoter,
                                              double margin, double conf_level, int64_t *n);

/* ---- CSAT top-2-box ------------------------------------------------------- */

/** CSAT top-2-box counts of integer ratings on scale_min..scale_max:
 *  *top2 = ratings equal to scale_max or scale_max - 1, *valid = ratings on
 *  the scale. Values equal to missing_code are skipped; missing_code must
 *  lie outside scale_min..scale_max (FGROI_E_OUT_OF_RANGE otherwise: the one
 *  missing-code rule, docs/api-conventions.md); others outside the
 *  scale are FGROI_E_SCORE_RANGE at *bad_index (optional). The counts feed
 *  the proportion engine directly: fgroi_prop_ci for one survey,
 *  fgroi_prop_diff_ci / fgroi_prop_2x2_test for two waves (prop.h).
 *  Outputs are written only on success.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_SCORE_RANGE, FGROI_E_OUT_OF_RANGE
 *  (scale with fewer than 3 points, or missing_code on the scale). @since 0.1 */
FGROI_API fgroi_status fgroi_nps_csat_top2_count(const int32_t *ratings, size_t n,
                                                 int32_t scale_min, int32_t scale_max,
                                                 int32_t missing_code, int64_t *top2,
                                                 int64_t *valid, size_t *bad_index);

/** CSAT top-2-box share of integer ratings on scale_min..scale_max (e.g.
 *  1..5): the proportion answering scale_max or scale_max - 1, with the
 *  interval of fgroi_prop_ci (method as there; default Wilson). Values
 *  equal to missing_code (which must lie off the scale) are skipped; others
 *  outside the scale are FGROI_E_SCORE_RANGE at *bad_index (optional).
 *  @param method FGROI_METHOD_WILSON (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WILSON_CC, FGROI_METHOD_CLOPPER_PEARSON,
 *  FGROI_METHOD_JEFFREYS, FGROI_METHOD_AGRESTI_COULL, FGROI_METHOD_MID_P or
 *  FGROI_METHOD_WALD_CC
 *  @return as fgroi_prop_ci, plus FGROI_E_SCORE_RANGE, FGROI_E_OUT_OF_RANGE
 *  (scale with fewer than 3 points, or missing_code on the scale). @since 0.1 */
FGROI_API fgroi_status fgroi_nps_csat_top2_ci(const int32_t *ratings, size_t n,
                                              int32_t scale_min, int32_t scale_max,
                                              int32_t missing_code, fgroi_method method,
                                              double conf_level, fgroi_alternative alternative,
                                              fgroi_interval *out, size_t *bad_index);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_NPS_H */
