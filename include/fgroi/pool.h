/** @file pool.h
 * Portfolio pooling: one standardised metric (risk difference, log risk
 * ratio, NPS change, mean difference) measured in many focus groups or
 * regions, pooled by inverse-variance meta-analysis as R's
 * metafor::rma(yi, vi, method = "FE" / "DL") reports it; effect-size
 * helpers as metafor::escalc; and a thin scorecard that adjusts a family of
 * metrics for multiplicity and gives each a verdict.
 * Formulas, defaults and citations: docs/methods/pool.md.
 */
#ifndef FGROI_POOL_H
#define FGROI_POOL_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Heterogeneity and precision of a pooled estimate (metafor's QE, QEp,
 *  tau2, I2, H2 and se). */
typedef struct fgroi_pool_stats {
  size_t struct_size; /**< set by FGROI_INIT */
  double se;          /**< standard error of the pooled estimate */
  double q;           /**< Cochran's Q (fixed-effect weights) */
  double q_df;        /**< k - 1 */
  double q_p_value;   /**< P(chi^2_{k-1} > Q) */
  double tau2;        /**< between-group variance (0 for fixed effect) */
  double i2;          /**< I^2 in percent */
  double h2;          /**< H^2 */
  size_t k;           /**< number of groups */
  /* @since 0.2 (appended; written when the caller's struct_size covers them) */
  double h;           /**< H = sqrt(H^2) */
  double tau2_lower;  /**< Q-profile interval for tau^2 at conf_level (Viechtbauer 2007), as metafor's confint() */
  double tau2_upper;  /**< upper Q-profile limit for tau^2 */
  double i2_lower;    /**< I^2 interval (percent) from the tau^2 limits, as metafor's confint() */
  double i2_upper;    /**< upper limit for I^2 (percent) */
  double h2_lower;    /**< H^2 interval from the tau^2 limits */
  double h2_upper;    /**< upper limit for H^2 */
  double pi_lower;    /**< prediction interval for the effect in a new group */
  double pi_upper;    /**< upper prediction limit */
} fgroi_pool_stats;

/** Options of fgroi_pool_effects_ex (struct_size first, set by
 *  FGROI_INIT; fields are only ever appended). A zeroed struct asks for the
 *  defaults. @since 0.2 */
typedef struct fgroi_pool_options {
  size_t struct_size;       /**< set by FGROI_INIT */
  fgroi_method ci_method;   /**< FGROI_METHOD_NORMAL (= FGROI_METHOD_DEFAULT): estimate -+ z se and
                                 the z test (metafor test = "z"); FGROI_METHOD_HKSJ: Hartung-Knapp-
                                 Sidik-Jonkman, se^2 scaled by q = sum w (y - est)^2 / (k - 1) and t
                                 on k - 1 df (metafor test = "knha"); since 1.0
                                 FGROI_METHOD_HKSJ_ADHOC: q truncated below at 1 (metafor test =
                                 "adhoc") and FGROI_METHOD_STUDENT: t on k - 1 df with the plain se
                                 (metafor test = "t") */
  fgroi_method pi_method;   /**< prediction interval est -+ c sqrt(se^2 + tau^2): DEFAULT takes c
                                 from the interval (z, or t on k - 1 df with HKSJ), as metafor's
                                 predict(); FGROI_METHOD_STUDENT: t on k - 2 df with the z-interval
                                 se (Higgins, Thompson & Spiegelhalter 2009; needs k >= 3) */
} fgroi_pool_options;

/** Pool k group estimates yi with sampling variances vi.
 *
 *  FGROI_METHOD_FIXED_EFFECT: weights w = 1/vi, estimate sum(w y)/sum(w),
 *  se = 1/sqrt(sum w); I^2 = max(0, (Q - (k-1))/Q) * 100 and H^2 = Q/(k-1),
 *  as metafor reports them for an FE model.
 *  FGROI_METHOD_DERSIMONIAN_LAIRD (default; DerSimonian & Laird 1986):
 *  tau^2 = max(0, (Q - (k-1)) / (sum w - sum w^2 / sum w)), weights
 *  1/(vi + tau^2); I^2 = 100 tau^2/(tau^2 + s^2) and H^2 = (tau^2 + s^2)/s^2
 *  with the typical within-group variance s^2 = (k-1)/(sum w - sum w^2/sum w)
 *  (Higgins & Thompson 2002). Q is Cochran's (1954) with fixed-effect
 *  weights for both. The interval is estimate +- z se and the test is the
 *  Wald z test of "pooled effect = 0" (two-sided), as metafor's default.
 *
 *  @param yi k group estimates (e.g. from fgroi_pool_escalc_rd)
 *  @param vi k sampling variances, each > 0
 *  @param k number of groups, k >= 2
 *  @param method FGROI_METHOD_DERSIMONIAN_LAIRD (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_FIXED_EFFECT, FGROI_METHOD_REML, FGROI_METHOD_PAULE_MANDEL,
 *  FGROI_METHOD_ML, FGROI_METHOD_HUNTER_SCHMIDT,
 *  FGROI_METHOD_HUNTER_SCHMIDT_K, FGROI_METHOD_HEDGES,
 *  FGROI_METHOD_SIDIK_JONKMAN, FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED or
 *  FGROI_METHOD_PAULE_MANDEL_MEDIAN
 *  @param conf_level in (0, 1), e.g. 0.95
 *  @param[out] pooled pooled estimate and interval (method set)
 *  @param[out] test NULL, or the z test of the pooled effect (statistic z,
 *  df NaN, null_value 0)
 *  @param[out] stats NULL, or heterogeneity and se
 *  @param[out] weights NULL, or k weights in percent (summing to 100), as
 *  metafor's weights()
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY
 *  (k = 0), FGROI_E_TOO_FEW (k = 1), FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_OUT_OF_RANGE (a negative variance; since 0.2 also variances so
 *  extreme that the weights overflow, when stats is given), FGROI_E_ZERO_VARIANCE (a
 *  zero variance), FGROI_E_CONF_LEVEL, FGROI_E_METHOD, FGROI_E_OVERFLOW
 *  (effects or variances so extreme, e.g. {1e300, -1e300} or denormal
 *  variances, that Q, tau^2 or I^2 leave the doubles); since 0.2 also
 *  FGROI_METHOD_REML, FGROI_METHOD_ML, FGROI_METHOD_PAULE_MANDEL,
 *  FGROI_METHOD_HUNTER_SCHMIDT, FGROI_METHOD_HUNTER_SCHMIDT_K,
 *  FGROI_METHOD_HEDGES and FGROI_METHOD_SIDIK_JONKMAN (as
 *  fgroi_pool_effects_ex with default options) and FGROI_E_NO_CONVERGENCE;
 *  since 1.0 also FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED and
 *  FGROI_METHOD_PAULE_MANDEL_MEDIAN.
 *  @since 0.1
 *  @shape weights[k] */
FGROI_API fgroi_status fgroi_pool_effects(const double *yi, const double *vi, size_t k,
                                          fgroi_method method, double conf_level,
                                          fgroi_interval *pooled, fgroi_test *test,
                                          fgroi_pool_stats *stats, double *weights);

/** Pool k group estimates with a choice of between-group variance estimator
 *  and interval (0.2). Methods (tau^2 estimators): FGROI_METHOD_FIXED_EFFECT,
 *  FGROI_METHOD_DERSIMONIAN_LAIRD (as fgroi_pool_effects),
 *  FGROI_METHOD_REML (default, as metafor's rma; restricted maximum
 *  likelihood, the root of sum w^2 (y - est)^2 = sum w - sum w^2 / sum w;
 *  Viechtbauer 2005), FGROI_METHOD_ML (the root of sum w^2 (y - est)^2 =
 *  sum w) and FGROI_METHOD_PAULE_MANDEL (the root of the generalised Q,
 *  sum w (y - est)^2 = k - 1; Paule & Mandel 1982), each 0 when the
 *  equation has no positive root, solved by Brent to about 1e-15 relative
 *  (metafor stops its iterations at 1e-5 by default; metafor's "EB" solves
 *  the same equation as PM here). The closed-form moment estimators of
 *  metafor (each truncated at 0): FGROI_METHOD_HUNTER_SCHMIDT ("HS",
 *  (Q - k) / sum w with w = 1/vi; Hunter & Schmidt 2004),
 *  FGROI_METHOD_HUNTER_SCHMIDT_K ("HSk", (k/(k - 1) Q - k) / sum w),
 *  FGROI_METHOD_HEDGES ("HE", (sum (y - ybar)^2 - (1 - 1/k) sum vi)/(k - 1)
 *  about the unweighted mean; Hedges 1983) and FGROI_METHOD_SIDIK_JONKMAN
 *  ("SJ", t0 Q(t0)/(k - 1) with t0 = sum (y - ybar)^2 / k and Q(t0) the Q
 *  with weights 1/(vi + t0); Sidik & Jonkman 2005), all four @since 0.2.
 *  Since 1.0: FGROI_METHOD_PAULE_MANDEL_MEDIAN ("PMM", the root of
 *  sum w (y - est)^2 = the median of chi^2 on k - 1 df; Viechtbauer 2021)
 *  and FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED ("DLIT", the fixed point of
 *  the DL update tau^2 = (Q(tau^2) - (k - 1)) / (sum w - sum w^2 / sum w)
 *  that metafor iterates, solved by Brent; 0 when Q(0) <= k - 1).
 *  Weights 1/(vi + tau^2).
 *  The interval and test follow options->ci_method (z, or HKSJ: t on k - 1
 *  df; Hartung & Knapp 2001, Sidik & Jonkman 2002; since 1.0 HKSJ with
 *  max(1, q) (Jackson et al. 2017) and t with the plain se). stats (when large
 *  enough) also gets the Q-profile interval for tau^2 (Viechtbauer 2007) at
 *  conf_level (0 limits where Q(0) is below the chi-square quantile), the
 *  I^2 and H^2 intervals from it (with the typical within-group variance
 *  s^2 = (k - 1)/(sum w - sum w^2/sum w)), H, and the prediction interval.
 *  For a fixed-effect model tau^2 = 0 and the prediction interval is the
 *  interval. With options NULL, FGROI_METHOD_FIXED_EFFECT and
 *  FGROI_METHOD_DERSIMONIAN_LAIRD give exactly fgroi_pool_effects' numbers;
 *  fgroi_pool_effects also accepts REML, ML and PAULE_MANDEL (z interval).
 *  @param yi k group estimates
 *  @param vi k sampling variances, each > 0
 *  @param k number of groups, k >= 2
 *  @param method FGROI_METHOD_REML (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_FIXED_EFFECT, FGROI_METHOD_DERSIMONIAN_LAIRD,
 *  FGROI_METHOD_PAULE_MANDEL, FGROI_METHOD_ML, FGROI_METHOD_HUNTER_SCHMIDT,
 *  FGROI_METHOD_HUNTER_SCHMIDT_K, FGROI_METHOD_HEDGES,
 *  FGROI_METHOD_SIDIK_JONKMAN, FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED or
 *  FGROI_METHOD_PAULE_MANDEL_MEDIAN
 *  @param conf_level in (0, 1), for the interval, the tau^2 interval and the
 *  prediction interval
 *  @param options NULL for the defaults
 *  @param[out] pooled pooled estimate and interval (method set; flags
 *  FGROI_FLAG_NORMAL_APPROX for z)
 *  @param[out] test NULL, or the test of "pooled effect = 0": z (df NaN) or
 *  t (df = k - 1)
 *  @param[out] stats NULL, or heterogeneity, intervals and se
 *  @param[out] weights NULL, or k weights in percent
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_TOO_FEW (k = 1; k = 2 with the k - 2 df prediction interval),
 *  FGROI_E_NAN, FGROI_E_INFINITE, FGROI_E_OUT_OF_RANGE (a negative
 *  variance, or variances so close to the ends of the double range that
 *  the weights overflow), FGROI_E_ZERO_VARIANCE (a zero variance; HKSJ when every
 *  estimate equals the pooled one), FGROI_E_CONF_LEVEL, FGROI_E_METHOD,
 *  FGROI_E_NO_CONVERGENCE.
 *  @since 0.2 */
FGROI_API fgroi_status fgroi_pool_effects_ex(const double *yi, const double *vi, size_t k,
                                             fgroi_method method, double conf_level,
                                             const fgroi_pool_options *options,
                                             fgroi_interval *pooled,
                                             fgroi_test *test, fgroi_pool_stats *stats,
                                             double *weights);

/** Pool k group estimates with user weights ai, as metafor's
 *  rma(yi, vi, weights = ai, method, test) (1.0). The between-group
 *  variance comes from method as in fgroi_pool_effects_ex, or from
 *  FGROI_METHOD_GENERALISED_Q (metafor "GENQ"; DerSimonian & Kacker 2007):
 *  with P = A - a a' / sum a, tau^2 = max(0, (y'Py - tr(P V)) / tr P), the
 *  method-of-moments estimator of the Q statistic weighted by a (a = 1/vi
 *  gives DerSimonian-Laird's tau^2), or FGROI_METHOD_GENERALISED_Q_MEDIAN
 *  (metafor "GENQM"; Viechtbauer 2021): the tau^2 at which Q_a = y'Py is
 *  the median of its distribution, P(Q_a(tau^2) > q_obs) = 1/2 (0 when the
 *  probability is already >= 1/2 at 0), where Q_a(tau^2) is distributed
 *  as sum lambda_j chi^2_1 over the k - 1 non-zero eigenvalues of S P S,
 *  S = diag(sqrt(vi + tau^2)) (Jackson 2013), evaluated to about 1e-14 by
 *  Ruben's (1962) series (Farebrother 1984) or, when the eigenvalues are
 *  far apart, Imhof's (1961) integral.
 *  The pooled estimate is sum a y / sum a
 *  with variance sum a^2 (vi + tau^2) / (sum a)^2; options->ci_method as in
 *  fgroi_pool_effects_ex (the HKSJ factor q = sum w (y - est_w)^2 / (k - 1)
 *  still uses w = 1/(vi + tau^2) and their estimate est_w, as metafor).
 *  stats: the same heterogeneity statistics as fgroi_pool_effects_ex (they
 *  do not depend on a), se of the interval, the prediction interval est -+
 *  c sqrt(se^2 + tau^2), and the Q-profile interval for tau^2, or for GENQ
 *  and GENQM fits the generalised Q-profile interval (Jackson 2013; as
 *  metafor's confint(type = "genq")): the tau^2 where P(Q_a > q_obs) is
 *  alpha/2 (lower) and 1 - alpha/2 (upper), 0 where the probability at 0 is
 *  already past it; I^2 and H^2 limits from these with the same typical
 *  within-group variance. GENQM, and GENQ with stats, need k <= 200 and
 *  stay within a work bound (docs/limits.md).
 *  @param yi k group estimates
 *  @param vi k sampling variances, each > 0
 *  @param ai k weights, each finite and >= 0, not all 0 (GENQ, GENQM: at
 *  least two positive)
 *  @param k number of groups, k >= 2
 *  @param method a tau^2 estimator of fgroi_pool_effects_ex
 *  (FGROI_METHOD_FIXED_EFFECT, FGROI_METHOD_DERSIMONIAN_LAIRD,
 *  FGROI_METHOD_REML, FGROI_METHOD_ML, FGROI_METHOD_PAULE_MANDEL,
 *  FGROI_METHOD_HUNTER_SCHMIDT, FGROI_METHOD_HUNTER_SCHMIDT_K,
 *  FGROI_METHOD_HEDGES, FGROI_METHOD_SIDIK_JONKMAN,
 *  FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED,
 *  FGROI_METHOD_PAULE_MANDEL_MEDIAN), FGROI_METHOD_GENERALISED_Q,
 *  FGROI_METHOD_GENERALISED_Q_MEDIAN, or FGROI_METHOD_DEFAULT (REML)
 *  @param conf_level in (0, 1)
 *  @param options NULL for the defaults
 *  @param[out] pooled pooled estimate and interval
 *  @param[out] test NULL, or the test of "pooled effect = 0"
 *  @param[out] stats NULL, or heterogeneity, intervals and se
 *  @param[out] weights NULL, or k weights in percent, 100 ai / sum ai (as
 *  metafor's weights())
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_TOO_FEW (k = 1; k = 2 with the k - 2 df prediction interval;
 *  GENQ or GENQM with fewer than two positive weights), FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_OUT_OF_RANGE (a negative variance or weight,
 *  weights all 0 or summing beyond the doubles, or variances so close to
 *  the ends of the double range that the weights overflow),
 *  FGROI_E_ZERO_VARIANCE (a zero variance; HKSJ when every estimate equals
 *  the inverse-variance pooled one), FGROI_E_CONF_LEVEL, FGROI_E_METHOD,
 *  FGROI_E_NO_CONVERGENCE, FGROI_E_TOO_LARGE (GENQM, or GENQ with stats:
 *  k above 200, or weighted variances so disparate, or conf_level so near
 *  1, that the generalised Q's distribution needs more than its work
 *  bound), FGROI_E_NO_MEMORY.
 *  @since 1.0
 *  @shape weights[k] */
FGROI_API fgroi_status fgroi_pool_effects_weighted(const double *yi, const double *vi,
                                                   const double *ai, size_t k,
                                                   fgroi_method method, double conf_level,
                                                   const fgroi_pool_options *options,
                                                   fgroi_interval *pooled, fgroi_test *test,
                                                   fgroi_pool_stats *stats, double *weights);

/** Risk difference x1/n1 - x2/n2 and its variance p1(1-p1)/n1 +
 *  p2(1-p2)/n2, as metafor::escalc(measure = "RD"): when any of the four
 *  cells (x1, n1 - x1, x2, n2 - x2) is zero, 1/2 is added to every cell.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY,
 *  FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_TOO_LARGE (n1 or n2 above 2^52,
 *  where x + 1/2 is no longer an exact double; docs/limits.md).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_pool_escalc_rd(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi);

/** Log risk ratio log((x1/n1)/(x2/n2)) and its variance 1/x1 - 1/n1 + 1/x2 -
 *  1/n2, as metafor::escalc(measure = "RR") with the same 1/2 correction
 *  when any cell is zero.
 *  @return as fgroi_pool_escalc_rd.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_pool_escalc_rr(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi);

/** Log odds ratio log((x1 (n2 - x2)) / ((n1 - x1) x2)) and its variance
 *  1/a + 1/b + 1/c + 1/d over the four cells, as
 *  metafor::escalc(measure = "OR") with its default correction (1/2 added
 *  to every cell of a table with a zero cell; Woolf 1955, Haldane 1956).
 *  @param x1 events in group 1, 0 <= x1 <= n1
 *  @param n1 size of group 1, n1 >= 1
 *  @param x2 events in group 2, 0 <= x2 <= n2
 *  @param n2 size of group 2, n2 >= 1
 *  @param[out] yi log odds ratio
 *  @param[out] vi its sampling variance
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY,
 *  FGROI_E_COUNT_EXCEEDS_TOTAL.
 *  @since 0.2 */
FGROI_API fgroi_status fgroi_pool_escalc_or(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi);

/** Mean difference m1 - m2 and its variance sd1^2/n1 + sd2^2/n2, as
 *  metafor::escalc(measure = "MD") (unequal variances).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_OUT_OF_RANGE (negative sd), FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY (n = 0), FGROI_E_ZERO_VARIANCE (both sd zero),
 *  FGROI_E_OVERFLOW (sd^2 / n or m1 - m2 beyond the doubles, e.g. sd near
 *  DBL_MAX).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_pool_escalc_md(double m1, double sd1, int64_t n1, double m2,
                                            double sd2, int64_t n2, double *yi, double *vi);

/* ---- scorecard ------------------------------------------------------------- */

/** Verdict of one scorecard metric. Values are stable. */
typedef enum fgroi_verdict {
  FGROI_VERDICT_INCONCLUSIVE = 0, /**< adjusted p above alpha */
  FGROI_VERDICT_IMPROVED = 1,     /**< significant change in the better direction */
  FGROI_VERDICT_WORSENED = 2      /**< significant change in the worse direction */
} fgroi_verdict;

/** A standard scorecard across metrics (e.g. recruitment conversion,
 *  protocol compliance delta, NPS change, onboarding time): adjusts the n
 *  raw p-values together (fgroi_multiplicity_adjust) and gives each metric
 *  a verdict from its adjusted p-value and the sign of its estimated change.
 *  The estimates and their intervals come from any comparison in the
 *  library; only the estimate's sign is used here (keep the intervals next
 *  to the row for reporting).
 *  @param estimate n estimated changes (e.g. fgroi_interval.estimate)
 *  @param p_value n raw p-values in [0, 1]
 *  @param higher_is_better n flags: nonzero when an increase is an
 *  improvement (conversion, compliance, NPS), zero when a decrease is
 *  (onboarding time)
 *  @param n number of metrics, n >= 1
 *  @param alpha family-wise (or FDR) level in (0, 1)
 *  @param adjust_method FGROI_METHOD_HOLM (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_NONE, FGROI_METHOD_BONFERRONI, FGROI_METHOD_HOCHBERG,
 *  FGROI_METHOD_HOMMEL, FGROI_METHOD_BH, FGROI_METHOD_BY, FGROI_METHOD_SIDAK,
 *  FGROI_METHOD_HOLM_SIDAK, FGROI_METHOD_BH_TWO_STAGE, FGROI_METHOD_BKY or
 *  FGROI_METHOD_GBS
 *  @param[out] adjusted_p n adjusted p-values (may alias p_value)
 *  @param[out] verdict n verdicts
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_EMPTY, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY, FGROI_E_METHOD, FGROI_E_NO_MEMORY.
 *  @since 0.1
 *  @shape adjusted_p[n] verdict[n] */
FGROI_API fgroi_status fgroi_pool_scorecard(const double *estimate, const double *p_value,
                                            const int *higher_is_better, size_t n,
                                            double alpha, fgroi_method adjust_method,
                                            double *adjusted_p, fgroi_verdict *verdict);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_POOL_H */
