/** @file prop.h
 * The proportion engine: one proportion x/n, and two independent
 * proportions x1/n1 (e.g. device arm) against x2/n2 (e.g. control arm).
 * Differences and ratios are always group 1 versus group 2 (p1 - p2,
 * p1 / p2). Counts are int64_t so totals in the billions are exact.
 * Method formulas, defaults and citations: docs/methods/prop.md.
 */
#ifndef FGROI_PROP_H
#define FGROI_PROP_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- tally ------------------------------------------------------------- */

/** A mergeable count of successes among trials. Initialise with
 *  FGROI_INIT(fgroi_prop_tally) then fgroi_prop_tally_init(). */
typedef struct fgroi_prop_tally {
  size_t struct_size;  /**< set by FGROI_INIT */
  int64_t successes;   /**< number of 1 outcomes */
  int64_t trials;      /**< number of outcomes */
} fgroi_prop_tally;

/** Reset a tally to zero counts.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE. @since 0.1 */
FGROI_API fgroi_status fgroi_prop_tally_init(fgroi_prop_tally *tally);

/** Add n outcomes, each 0 or 1. On error the tally is unchanged.
 *  A tally whose counts are not a valid x of n (negative, or successes >
 *  trials: e.g. restored from corrupt bytes) is rejected.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE,
 *  FGROI_E_NEGATIVE_COUNT, FGROI_E_COUNT_EXCEEDS_TOTAL (corrupt tally),
 *  FGROI_E_OUT_OF_RANGE (a value other than 0/1), FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_prop_tally_add(fgroi_prop_tally *tally,
                                            const uint8_t *outcomes, size_t n);

/** Add src's counts into dst (exact; order does not matter). Both
 *  tallies must hold valid counts (0 <= successes <= trials); on error dst
 *  is unchanged.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE,
 *  FGROI_E_NEGATIVE_COUNT, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_prop_tally_merge(fgroi_prop_tally *dst,
                                              const fgroi_prop_tally *src);

/* ---- one proportion ----------------------------------------------------- */

/** Confidence interval for a binomial proportion x/n.
 *
 *  Methods: FGROI_METHOD_WILSON (default; Wilson 1927),
 *  FGROI_METHOD_WILSON_CC (Newcombe 1998a method 4),
 *  FGROI_METHOD_CLOPPER_PEARSON (Clopper & Pearson 1934),
 *  FGROI_METHOD_JEFFREYS (equal-tailed Beta(x+1/2, n-x+1/2); Brown, Cai &
 *  DasGupta 2001, with the x = 0 / x = n adjustment),
 *  FGROI_METHOD_AGRESTI_COULL (Agresti & Coull 1998),
 *  FGROI_METHOD_MID_P (Lancaster 1961; Berry & Armitage 1995),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WALD_CC (p -+ (z sqrt(pq/n) + 1/(2n)),
 *  Newcombe 1998a method 2; @since 0.2).
 *  Two-sided intervals use conf_level in total; one-sided intervals put
 *  1 - conf_level in one tail and set the other limit to 0 or 1.
 *
 *  @param x successes, 0 <= x <= n
 *  @param n trials, n >= 1
 *  @param method FGROI_METHOD_WILSON (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WILSON_CC, FGROI_METHOD_CLOPPER_PEARSON,
 *  FGROI_METHOD_JEFFREYS, FGROI_METHOD_AGRESTI_COULL, FGROI_METHOD_MID_P or
 *  FGROI_METHOD_WALD_CC
 *  @param conf_level in (0, 1), e.g. 0.95
 *  @param alternative FGROI_TWO_SIDED, FGROI_LESS (upper bound) or FGROI_GREATER (lower bound)
 *  @param[out] out the estimate x/n and its interval
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_NO_CONVERGENCE,
 *  FGROI_E_TOO_LARGE (mid-p with n above 2^53, where its beta tails are
 *  not exact in doubles, checked before any work; use wilson;
 *  docs/limits.md).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_prop_ci(int64_t x, int64_t n, fgroi_method method,
                                     double conf_level, fgroi_alternative alternative,
                                     fgroi_interval *out);

/** fgroi_prop_ci() over k proportions x[i]/n[i] at one method, conf_level
 *  and alternative, written as columns: the normal quantile is computed
 *  once, so closed-form methods cost a few nanoseconds an element (issue
 *  18: 1e6 Wilson intervals from arrays). Element i is bit for bit the
 *  scalar call's estimate, lower, upper and flags.
 *
 *  Arguments about the whole call (conf_level, alternative, method, a NULL
 *  pointer) are checked before any element and leave the outputs
 *  untouched. An element whose counts fail fgroi_prop_ci's checks (or
 *  whose computation fails) gets NaN estimate and limits, flags 0 and its
 *  own status in status[i]; the other elements are computed as usual.
 *
 *  @param x successes, k of them (0 <= x[i] <= n[i])
 *  @param n trials, k of them (n[i] >= 1)
 *  @param k number of proportions; 0 does nothing
 *  @param method FGROI_METHOD_WILSON (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WILSON_CC, FGROI_METHOD_CLOPPER_PEARSON,
 *  FGROI_METHOD_JEFFREYS, FGROI_METHOD_AGRESTI_COULL, FGROI_METHOD_MID_P or
 *  FGROI_METHOD_WALD_CC
 *  @param conf_level in (0, 1)
 *  @param alternative FGROI_TWO_SIDED, FGROI_LESS or FGROI_GREATER
 *  @param[out] estimate NULL for none, or k estimates x[i]/n[i]
 *  @param[out] lower k lower limits
 *  @param[out] upper k upper limits
 *  @param[out] flags NULL for none, or k FGROI_FLAG_* bit fields
 *  @param[out] status NULL for none, or k statuses (FGROI_OK or the
 *  element's error)
 *  @shape estimate[k] lower[k] upper[k] flags[k] status[k]
 *  @return FGROI_OK when every element is; FGROI_E_NULL (x, n, lower or
 *  upper NULL with k > 0), FGROI_E_CONF_LEVEL, FGROI_E_ALTERNATIVE,
 *  FGROI_E_METHOD (outputs untouched); else the first failing element's
 *  status: FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY,
 *  FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_NO_CONVERGENCE, FGROI_E_TOO_LARGE
 *  (mid-p with n[i] above 2^53, as fgroi_prop_ci) (every element
 *  written, status[] says which failed).
 *  @since 0.2 */
FGROI_API fgroi_status fgroi_prop_ci_many(const int64_t *x, const int64_t *n, size_t k,
                                          fgroi_method method, double conf_level,
                                          fgroi_alternative alternative, double *estimate,
                                          double *lower, double *upper, unsigned *flags,
                                          fgroi_status *status);

/** Exact binomial test of H0: p = p0, as R's binom.test.
 *
 *  FGROI_METHOD_EXACT (default): two-sided p sums the probabilities of all
 *  outcomes no more probable than x (relative tolerance 1e-7, as R).
 *  FGROI_METHOD_MID_P: the same with half the probability of outcomes
 *  exactly as probable as x (Lancaster 1961).
 *  statistic = x, df = NaN, null_value = p0.
 *
 *  @param method FGROI_METHOD_EXACT (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_MID_P
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_NAN, FGROI_E_PROBABILITY
 *  (p0 outside [0, 1]), FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_TOO_LARGE
 *  (n above 2^44, the bound of the exact binomial tails; use fgroi_prop_ci
 *  (score); docs/limits.md).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_prop_test(int64_t x, int64_t n, double p0, fgroi_method method,
                                       fgroi_alternative alternative, fgroi_test *out);

/* ---- two independent proportions --------------------------------------- */

/** Confidence interval for the difference p1 - p2 of two independent
 *  proportions x1/n1 and x2/n2.
 *  Methods: FGROI_METHOD_NEWCOMBE (default; hybrid score from the two
 *  Wilson intervals, Newcombe 1998b method 10), FGROI_METHOD_MIETTINEN_NURMINEN
 *  (score with the N/(N-1) variance factor, root-found; Miettinen &
 *  Nurminen 1985), FGROI_METHOD_AGRESTI_CAFFO (Wald after adding one
 *  success and one failure per group; Agresti & Caffo 2000),
 *  FGROI_METHOD_WALD; since 0.2 also FGROI_METHOD_MEE (the same score
 *  without N/(N-1); Mee 1984), FGROI_METHOD_WALD_CC (Wald widened by
 *  1/(2 n1) + 1/(2 n2); Newcombe 1998b method 2) and
 *  FGROI_METHOD_NEWCOMBE_CC (method 10 on continuity-corrected Wilson
 *  limits; Newcombe 1998b method 11). The estimate is p1 - p2; limits are clipped to
 *  [-1, 1] (FGROI_FLAG_TRUNCATED). Two-sided intervals use conf_level in
 *  total; one-sided ones put 1 - conf_level in one tail and set the other
 *  limit to -1 (FGROI_LESS) or 1 (FGROI_GREATER).
 *  @param x1 successes in group 1, 0 <= x1 <= n1
 *  @param n1 trials in group 1, n1 >= 1
 *  @param x2 successes in group 2, 0 <= x2 <= n2
 *  @param n2 trials in group 2, n2 >= 1
 *  @param method FGROI_METHOD_NEWCOMBE (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WALD_CC, FGROI_METHOD_MIETTINEN_NURMINEN,
 *  FGROI_METHOD_AGRESTI_CAFFO, FGROI_METHOD_MEE or FGROI_METHOD_NEWCOMBE_CC
 *  @param conf_level in (0, 1)
 *  @param alternative FGROI_TWO_SIDED, FGROI_LESS or FGROI_GREATER
 *  @param[out] out estimate and interval
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_NO_CONVERGENCE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_prop_diff_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                          fgroi_method method, double conf_level,
                                          fgroi_alternative alternative, fgroi_interval *out);

/** Confidence interval for the ratio p1 / p2 (relative risk).
 *  Methods: FGROI_METHOD_KOOPMAN (default; Pearson score against the MLE
 *  restricted to p1 = rho p2, root-found; Koopman 1984),
 *  FGROI_METHOD_KATZ (log; Katz et al. 1978); since 0.2
 *  FGROI_METHOD_MIETTINEN_NURMINEN (Koopman's score statistic times
 *  (N-1)/N; Miettinen & Nurminen 1985), FGROI_METHOD_KATZ_HALDANE (the log
 *  interval with 1/2 added to every cell, x + 1/2 of n + 1, always) and
 *  FGROI_METHOD_ADJUSTED_LOG (x + 1/2 of n + 1/2, always; Pettigrew, Gart &
 *  Thomas 1986, statsmodels "log-adjusted"); these two report the adjusted
 *  ratio as the estimate (FGROI_FLAG_CONTINUITY).
 *  x1 = 0 gives estimate 0 and lower limit 0; x2 = 0 gives estimate and
 *  upper limit +INFINITY (FGROI_FLAG_UNBOUNDED). Katz then takes the other
 *  limit from the table with 1/2 added to every cell (FGROI_FLAG_CONTINUITY).
 *  Parameters as fgroi_prop_diff_ci; one-sided open limits are 0 / +INFINITY.
 *  @param method FGROI_METHOD_KOOPMAN (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_MIETTINEN_NURMINEN, FGROI_METHOD_KATZ,
 *  FGROI_METHOD_KATZ_HALDANE or FGROI_METHOD_ADJUSTED_LOG
 *  @return as fgroi_prop_diff_ci, plus FGROI_E_NOT_ESTIMABLE when both
 *  proportions are zero. @since 0.1 */
FGROI_API fgroi_status fgroi_prop_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, double conf_level,
                                           fgroi_alternative alternative, fgroi_interval *out);

/** Confidence interval for the odds ratio (p1/(1-p1)) / (p2/(1-p2)).
 *  Methods: FGROI_METHOD_CONDITIONAL (default; conditional MLE with the
 *  exact conditional interval, the quantities R's fisher.test reports, solved
 *  to ~1e-13 where fisher.test stops at uniroot's default tolerance ~1e-4;
 *  Fisher 1935), FGROI_METHOD_WOOLF (log; Woolf 1955); since 0.2
 *  FGROI_METHOD_SCORE (asymptotic score, the Pearson statistic against the
 *  MLE restricted to the odds ratio, without N/(N-1); Cornfield 1956, Gart &
 *  Thomas 1982), FGROI_METHOD_MIETTINEN_NURMINEN (the same with (N-1)/N;
 *  Miettinen & Nurminen 1985), FGROI_METHOD_WOOLF_UNCORRECTED (no zero-cell
 *  correction: a zero cell gives [0, +INFINITY], FGROI_FLAG_UNBOUNDED) and
 *  FGROI_METHOD_WOOLF_HALDANE (1/2 added to every cell, always; Gart 1966;
 *  the estimate is the adjusted odds ratio; statsmodels "logit-adjusted"),
 *  FGROI_METHOD_WOOLF_SMOOTHED (each cell plus 2 r_i c_j / N^2, the
 *  independence-smoothed logit of Agresti 1999; statsmodels
 *  "logit-smoothed").
 *  Conditional: x1 at the bottom of its conditional support gives estimate
 *  and lower limit 0, at the top estimate and upper limit +INFINITY; both
 *  at once (e.g. no successes at all) gives 0 and [0, +INFINITY] with
 *  FGROI_FLAG_DEGENERATE, as R. Woolf: a zero cell puts the estimate and
 *  that side's limit at 0 or +INFINITY and takes the other limit from all
 *  cells + 1/2 (FGROI_FLAG_CONTINUITY).
 *  Parameters as fgroi_prop_diff_ci.
 *  @param method FGROI_METHOD_CONDITIONAL (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_MIETTINEN_NURMINEN, FGROI_METHOD_WOOLF,
 *  FGROI_METHOD_WOOLF_UNCORRECTED, FGROI_METHOD_WOOLF_HALDANE,
 *  FGROI_METHOD_WOOLF_SMOOTHED or FGROI_METHOD_SCORE
 *  @return as fgroi_prop_diff_ci, plus FGROI_E_NOT_ESTIMABLE (every method
 *  but conditional and woolf_haldane, when both proportions are 0 or both
 *  are 1), FGROI_E_TOO_LARGE (conditional: n1 + n2 above 2^33, use score
 *  or woolf; score and miettinen_nurminen: n1 or n2 above 2^53, use woolf;
 *  checked before any work; docs/limits.md). @since 0.1 */
FGROI_API fgroi_status fgroi_prop_odds_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                fgroi_method method, double conf_level,
                                                fgroi_alternative alternative, fgroi_interval *out);

/** fgroi_prop_odds_ratio_ci() with progress and cancellation (control
 *  NULL: none; docs/api-conventions.md, "Long computations"). Only the
 *  conditional method can run long: one evaluation of the conditional pmf
 *  walks O(sqrt(n1 + n2)) terms from its mode, about a hundred evaluations
 *  per interval (0.2 s at n1 + n2 = 2^33, the limit).
 *  @return as fgroi_prop_odds_ratio_ci, plus FGROI_E_STRUCT_SIZE
 *  (control) and FGROI_E_CANCELLED (outputs untouched). @since 1.0 */
FGROI_API fgroi_status fgroi_prop_odds_ratio_ci_ctl(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                    fgroi_method method, double conf_level,
                                                    fgroi_alternative alternative,
                                                    const fgroi_control *control,
                                                    fgroi_interval *out);

/** Test of H0: p1 = p2 for two independent proportions.
 *  Methods: FGROI_METHOD_FISHER (default; two-sided p sums tables no more
 *  probable than the observed, relative tolerance 1e-7, as R's
 *  fisher.test; Fisher 1935), FGROI_METHOD_FISHER_MID_P (less probable
 *  tables plus half of the equally probable ones; Lancaster 1961),
 *  FGROI_METHOD_CHISQ (pooled z / Pearson chi-square without correction, as
 *  prop.test(correct = FALSE); one-sided alternatives use the signed z),
 *  FGROI_METHOD_CHISQ_CC (Yates-corrected with R's shrink
 *  min(1/2, |O - E|), as prop.test(correct = TRUE) and chisq.test).
 *  For chi-square methods statistic is X-squared with df = 1 (two-sided) or
 *  z with df = NaN (one-sided) and null_value = 0; for Fisher methods it is
 *  the conditional MLE odds ratio, df = NaN, null_value = 1.
 *  FGROI_LESS is H1: p1 < p2 (odds ratio < 1), FGROI_GREATER p1 > p2.
 *  @param x1 successes in group 1, 0 <= x1 <= n1
 *  @param n1 trials in group 1, n1 >= 1
 *  @param x2 successes in group 2, 0 <= x2 <= n2
 *  @param n2 trials in group 2, n2 >= 1
 *  @param method FGROI_METHOD_FISHER (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_CHISQ, FGROI_METHOD_CHISQ_CC or FGROI_METHOD_FISHER_MID_P
 *  @param alternative FGROI_TWO_SIDED, FGROI_LESS or FGROI_GREATER
 *  @param[out] out the test result
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_ALTERNATIVE, FGROI_E_METHOD,
 *  FGROI_E_NOT_ESTIMABLE (chi-square when a margin is zero),
 *  FGROI_E_NO_CONVERGENCE (Fisher: the conditional MLE did not converge),
 *  FGROI_E_TOO_LARGE (Fisher methods: the tails walk O(sqrt(n1 + n2))
 *  terms from the mode; n1 + n2 above 2^33 is refused before any work,
 *  use chisq; docs/limits.md).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_prop_2x2_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, fgroi_alternative alternative,
                                           fgroi_test *out);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_PROP_H */
