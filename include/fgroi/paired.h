/** @file paired.h
 * The adherence gap: the same doses judged by two measures, self-report
 * (app check-in) and device log (connected pillbox), compared as paired
 * binary data.
 *
 * Cell convention, used by every function here:
 *
 *  |                 | device yes          | device no          |
 *  |-----------------|---------------------|--------------------|
 *  | **self yes**    | `both` (a)          | `self_only` (c)    |
 *  | **self no**     | `device_only` (b)   | `neither` (d)      |
 *
 * n = a + b + c + d; self rate = (a + c) / n; device rate = (a + b) / n;
 * gap = device rate - self rate = (b - c) / n. A positive gap means the
 * device logged more doses than people reported (under-reporting); a
 * negative gap means people reported doses the device did not log
 * (over-reporting). Tests with alternative FGROI_GREATER have
 * H1: gap > null (device higher).
 *
 * Domain: every function computing from a table or a participant's cells
 * returns FGROI_E_TOO_LARGE when n = a + b + c + d exceeds 2^53 (rates and
 * limits are computed in doubles; docs/limits.md). The tallies accumulate
 * in int64 up to FGROI_E_OVERFLOW.
 *
 * Three inputs: the four counts (or an ::fgroi_paired_tally), per-dose
 * records (participant id, self 0/1, device 0/1) grouped into per-participant
 * counts (::fgroi_paired_cluster), and raw event streams matched to doses by
 * match.h. Per-dose data are clustered within participants: use
 * fgroi_paired_cluster_gap() and fgroi_paired_sign_flip() for them, not the
 * 2x2 functions on pooled doses (docs/methods/paired.md shows by how much
 * the naive per-dose McNemar test overstates significance).
 *
 * Per-participant rates (fgroi_paired_participant_rates()) feed the paired
 * t test, Wilcoxon signed-rank / Hodges-Lehmann and Bland-Altman functions
 * of means.h.
 */
#ifndef FGROI_PAIRED_H
#define FGROI_PAIRED_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the paired 2x2 tally -------------------------------------------- */

/** Mergeable paired 2x2 counts (cells as in the file comment). Initialise
 *  with FGROI_INIT(fgroi_paired_tally) then fgroi_paired_tally_init(). */
typedef struct fgroi_paired_tally {
  size_t struct_size;  /**< set by FGROI_INIT */
  int64_t both;        /**< a: self yes, device yes */
  int64_t device_only; /**< b: device yes, self no (under-reported dose) */
  int64_t self_only;   /**< c: self yes, device no (over-reported dose) */
  int64_t neither;     /**< d: self no, device no */
} fgroi_paired_tally;

/** Reset a tally to zero counts.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_tally_init(fgroi_paired_tally *tally);

/** Add n paired observations (self_reported[i], device[i], each 0 or 1).
 *  The tally is unchanged on error.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_OUT_OF_RANGE
 *  (a value other than 0 or 1), FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_tally_add(fgroi_paired_tally *tally,
                                              const uint8_t *self_reported,
                                              const uint8_t *device, size_t n);

/** Add the counts of src into dst (partitions of the same data).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_tally_merge(fgroi_paired_tally *dst,
                                                const fgroi_paired_tally *src);

/* ---- rates, gap, reporting errors -------------------------------------- */

/** Which measure gave the higher rate. Values are stable. */
typedef enum fgroi_paired_direction {
  FGROI_PAIRED_EQUAL = 0,         /**< gap == 0 */
  FGROI_PAIRED_DEVICE_HIGHER = 1, /**< gap > 0: people under-report */
  FGROI_PAIRED_SELF_HIGHER = 2    /**< gap < 0: people over-report */
} fgroi_paired_direction;

/** Descriptive summary of a paired 2x2 table. */
typedef struct fgroi_paired_summary {
  size_t struct_size;       /**< set by FGROI_INIT */
  int64_t n;                /**< doses (pairs) */
  double self_rate;         /**< (a + c) / n */
  double device_rate;       /**< (a + b) / n */
  double gap;               /**< device_rate - self_rate = (b - c) / n */
  double gap_points;        /**< 100 * gap, percentage points */
  fgroi_paired_direction direction; /**< sign of the gap */
  int64_t over_reported;    /**< c: reported but not logged */
  int64_t under_reported;   /**< b: logged but not reported */
  double over_report_rate;  /**< c / n */
  double under_report_rate; /**< b / n */
  double over_report_share; /**< c / (a + c): share of reported doses the device did not log (NaN if a + c = 0) */
  double under_report_share;/**< b / (a + b): share of logged doses not reported (NaN if a + b = 0) */
  double agreement;         /**< (a + d) / n */
} fgroi_paired_summary;

/** Rates, gap and reporting errors of a paired 2x2 table.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY (n = 0), FGROI_E_OVERFLOW, FGROI_E_TOO_LARGE (n above
 *  2^53: every paired function refuses such a table, docs/limits.md).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_paired_summary_compute(int64_t both, int64_t device_only,
                                                    int64_t self_only, int64_t neither,
                                                    fgroi_paired_summary *out);

/** Confidence interval for the gap = device rate - self rate = (b - c) / n.
 *
 *  Methods: FGROI_METHOD_TANGO (default; score interval, Tango 1998; never
 *  disagrees with the McNemar z test), FGROI_METHOD_NEWCOMBE (square-and-add
 *  of Wilson limits with the continuity-corrected phi, Newcombe 1998
 *  method 10), FGROI_METHOD_BONETT_PRICE (Wald on (b+1, c+1, n+2),
 *  Bonett & Price 2012), FGROI_METHOD_AGRESTI_MIN (Wald after adding 0.5 to
 *  every cell, Agresti & Min 2005), FGROI_METHOD_WALD,
 *  FGROI_METHOD_WALD_CC (Wald widened by 1/n: Fleiss 1981, Newcombe 1998
 *  method 2), FGROI_METHOD_WALD_CC_FAGERLAND (Wald with (|b - c| - 1)^2 in
 *  the variance, not widened: Fagerland, Lydersen & Laake 2014, as
 *  contingencytables and ratesci), FGROI_METHOD_NEWCOMBE_CC (square-and-add
 *  of continuity-corrected Wilson limits with the uncorrected phi, Newcombe
 *  1998 method 9), FGROI_METHOD_NEWCOMBE_RAW_PHI (square-and-add of Wilson limits
 *  with the uncorrected phi, Newcombe 1998 method 8).
 *  estimate is always (b - c) / n. One-sided alternatives compute one limit at level
 *  conf_level (the other is -1 or 1, FGROI_FLAG_ONE_SIDED_LIMIT).
 *  Wald-type limits are clipped to [-1, 1] (FGROI_FLAG_TRUNCATED).
 *  Closed forms (FGROI_FLAG_CLOSED_FORM): Tango with b == c (including no
 *  discordant pairs), b == n or c == n.
 *  @param method FGROI_METHOD_TANGO (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_WALD, FGROI_METHOD_WALD_CC, FGROI_METHOD_NEWCOMBE,
 *  FGROI_METHOD_NEWCOMBE_CC, FGROI_METHOD_BONETT_PRICE,
 *  FGROI_METHOD_AGRESTI_MIN, FGROI_METHOD_NEWCOMBE_RAW_PHI or
 *  FGROI_METHOD_WALD_CC_FAGERLAND
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_METHOD, FGROI_E_ALTERNATIVE, FGROI_E_NO_CONVERGENCE,
 *  FGROI_E_OUT_OF_RANGE (Tango needs a positive critical value: a one-sided
 *  conf_level above 1/2, a two-sided one not vanishingly small). @since 0.1 */
FGROI_API fgroi_status fgroi_paired_gap_ci(int64_t both, int64_t device_only, int64_t self_only,
                                           int64_t neither, fgroi_method method,
                                           double conf_level, fgroi_alternative alternative,
                                           fgroi_interval *out);

/** Tango's score test of H0: gap = null_value (|null_value| < 1), e.g. a
 *  non-inferiority margin. statistic = z, df = NaN, method
 *  FGROI_METHOD_TANGO. With null_value = 0 it equals the McNemar z test.
 *  Tango T (1998) Stat Med 17:891-908.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_OUT_OF_RANGE (|null_value| >= 1), FGROI_E_ALTERNATIVE. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_gap_test(int64_t both, int64_t device_only, int64_t self_only,
                                             int64_t neither, double null_value,
                                             fgroi_alternative alternative, fgroi_test *out);

/** McNemar test of H0: self rate = device rate (b and c equally likely).
 *
 *  FGROI_METHOD_MCNEMAR_MID_P (default; Fagerland, Lydersen & Laake 2013):
 *  exact conditional p minus half the probability of the observed b.
 *  FGROI_METHOD_MCNEMAR_EXACT: b ~ Binomial(b + c, 1/2), two-sided p as
 *  R's binom.test. FGROI_METHOD_MCNEMAR: (b - c)^2 / (b + c) on 1 df, as
 *  R's mcnemar.test(correct = FALSE). FGROI_METHOD_MCNEMAR_CC:
 *  (|b - c| - 1)^2 / (b + c), as mcnemar.test(correct = TRUE)
 *  (FGROI_FLAG_CONTINUITY). One-sided asymptotic tests use the signed z =
 *  (b - c) / sqrt(b + c) (corrected by 1 toward 0 for _CC) as statistic,
 *  df = NaN; two-sided ones report the chi-square and df = 1. Exact and
 *  mid-p report statistic = b. With b + c = 0 the p-value is 1 and the
 *  flag FGROI_FLAG_DEGENERATE is set.
 *  @param method FGROI_METHOD_MCNEMAR_MID_P (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_MCNEMAR, FGROI_METHOD_MCNEMAR_CC or
 *  FGROI_METHOD_MCNEMAR_EXACT
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_METHOD, FGROI_E_ALTERNATIVE,
 *  FGROI_E_TOO_LARGE (exact and mid-p: b + c above 2^44, use mcnemar;
 *  docs/limits.md).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_paired_mcnemar(int64_t both, int64_t device_only, int64_t self_only,
                                            int64_t neither, fgroi_method method,
                                            fgroi_alternative alternative, fgroi_test *out);

/* ---- agreement ------------------------------------------------------------ */

/** Agreement between the two measures. */
typedef struct fgroi_paired_agreement {
  size_t struct_size;       /**< set by FGROI_INIT */
  double observed;          /**< p_o = (a + d) / n */
  double expected;          /**< p_e from the margins */
  double kappa;             /**< Cohen's kappa (p_o - p_e) / (1 - p_e); NaN if p_e = 1 */
  double kappa_se;          /**< large-sample SE (Fleiss, Cohen & Everitt 1969) */
  double kappa_se0;         /**< SE under H0: kappa = 0 (same paper) */
  double kappa_z;           /**< kappa / kappa_se0 */
  double kappa_p_value;     /**< two-sided normal p for H0: kappa = 0 */
  double pabak;             /**< prevalence- and bias-adjusted kappa, 2 p_o - 1 */
  double prevalence_index;  /**< (a - d) / n */
  double bias_index;        /**< (b - c) / n (equals the gap) */
} fgroi_paired_agreement;

/** Cohen's kappa with its standard errors, PABAK and the prevalence and
 *  bias indices (Byrt, Bishop & Carlin 1993). kappa_ci (may be NULL)
 *  receives kappa +- z * kappa_se at conf_level (two-sided), method
 *  FGROI_METHOD_KAPPA, not clipped. When p_e = 1 (both measures constant
 *  and equal) kappa and its SEs are NaN; the call then returns
 *  FGROI_E_NOT_ESTIMABLE if kappa_ci was requested, else FGROI_OK.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_OVERFLOW, FGROI_E_CONF_LEVEL, FGROI_E_NAN,
 *  FGROI_E_NOT_ESTIMABLE. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_agreement_compute(int64_t both, int64_t device_only,
                                                      int64_t self_only, int64_t neither,
                                                      double conf_level,
                                                      fgroi_paired_agreement *out,
                                                      fgroi_interval *kappa_ci);

/* ---- per-participant counts (clustered per-dose data) ----------------- */

/** Paired 2x2 counts of one participant. An array element type with a
 *  frozen layout (no struct_size: arrays of it are indexed by sizeof, and a
 *  future layout would be a new type). Plain integers only, so bindings
 *  can copy and pickle arrays of it. */
typedef struct fgroi_paired_cluster {
  int64_t id;          /**< participant id (caller's) */
  int64_t both;        /**< a */
  int64_t device_only; /**< b */
  int64_t self_only;   /**< c */
  int64_t neither;     /**< d */
} fgroi_paired_cluster;

/** Group per-dose records by participant: one ::fgroi_paired_cluster per
 *  distinct id, sorted by id. Input order is free. Needed size is written
 *  to *n_out also when FGROI_E_CAPACITY is returned (out may then be NULL
 *  with capacity 0 to ask for the size). Scratch: n * 16 bytes (malloc).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_OUT_OF_RANGE (a value other than
 *  0 or 1), FGROI_E_CAPACITY, FGROI_E_NO_MEMORY. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_clusters_from_records(const int64_t *id,
                                                          const uint8_t *self_reported,
                                                          const uint8_t *device, size_t n,
                                                          fgroi_paired_cluster *out,
                                                          size_t capacity, size_t *n_out);

/** fgroi_paired_clusters_from_records() with progress and cancellation of
 *  its sort (docs/api-conventions.md, "Long computations"). Cost:
 *  O(n log n) (about 1 s per 1e7 records); no limit but memory (40 bytes
 *  per record). self_reported is fgroi_paired_clusters_from_records's self
 *  (the name the API grammar asks for).
 *  @param control progress and cancellation; NULL runs silently
 *  @return as fgroi_paired_clusters_from_records, plus FGROI_E_STRUCT_SIZE
 *  (control) and FGROI_E_CANCELLED (out and n_out untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_paired_clusters_from_records_ctl(const int64_t *id,
                                                              const uint8_t *self_reported,
                                                              const uint8_t *device, size_t n,
                                                              const fgroi_control *control,
                                                              fgroi_paired_cluster *out,
                                                              size_t capacity, size_t *n_out);

/** Merge two arrays of per-participant counts (any order, ids may repeat
 *  within and across them): counts of equal ids are added; out is sorted
 *  by id. out may not overlap x or y. Needed size in *n_out as above.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_NEGATIVE_COUNT, FGROI_E_OVERFLOW,
 *  FGROI_E_CAPACITY, FGROI_E_NO_MEMORY. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_clusters_merge(const fgroi_paired_cluster *x, size_t nx,
                                                   const fgroi_paired_cluster *y, size_t ny,
                                                   fgroi_paired_cluster *out, size_t capacity,
                                                   size_t *n_out);

/** Pool per-participant counts into one paired 2x2 tally (for the naive,
 *  dose-level analysis; see the file comment).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_OVERFLOW. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_clusters_pool(const fgroi_paired_cluster *clusters, size_t k,
                                                  fgroi_paired_tally *out);

/** Per-participant self-report and device rates (arrays of k, caller
 *  allocated), for the paired t, Wilcoxon signed-rank / Hodges-Lehmann and
 *  Bland-Altman functions of means.h (device - self differences).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY (a
 *  participant with no doses), FGROI_E_OVERFLOW, FGROI_E_TOO_LARGE (a
 *  participant with more than 2^53 doses). @since 0.1
 *  @shape self_rate[k] device_rate[k] */
FGROI_API fgroi_status fgroi_paired_participant_rates(const fgroi_paired_cluster *clusters,
                                                      size_t k, double *self_rate,
                                                      double *device_rate);

/** Pooled gap over all doses with a cluster-robust variance.
 *
 *  gap = sum_i (b_i - c_i) / sum_i m_i (ratio estimator, m_i = doses of
 *  participant i); variance k/(k-1) * sum_i (g_i - gap m_i)^2 / (sum m_i)^2
 *  with g_i = b_i - c_i (sandwich / linearisation with the CR1 small-sample
 *  factor); interval and test on a t distribution with k - 1 df. ci and
 *  test may each be NULL (not both); method FGROI_METHOD_CLUSTER_ROBUST;
 *  test statistic t, df = k - 1, null 0. Participants with no doses are
 *  ignored (they do not count in k).
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_OVERFLOW, FGROI_E_TOO_FEW (fewer than 2 participants with doses),
 *  FGROI_E_ZERO_VARIANCE (every participant's g_i = gap m_i; the interval
 *  is degenerate), FGROI_E_CONF_LEVEL, FGROI_E_NAN, FGROI_E_ALTERNATIVE. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_cluster_gap(const fgroi_paired_cluster *clusters, size_t k,
                                                double conf_level, fgroi_alternative alternative,
                                                fgroi_interval *ci, fgroi_test *test);

/** Sign-flip permutation test on per-participant differences
 *  d_i = device rate_i - self rate_i (H0: each d_i symmetric about 0).
 *  statistic = mean of d_i over participants with doses; the p-value
 *  counts sign patterns whose mean is as or more extreme (relative
 *  tolerance 1e-7). Exact enumeration of all 2^k patterns when k <= 30
 *  (meet in the middle: two half-enumerations and a sorted count)
 *  (FGROI_FLAG_EXACT); otherwise `resamples` seeded Monte Carlo patterns
 *  (FGROI_FLAG_MONTE_CARLO) with p = (1 + hits) / (1 + resamples).
 *  method FGROI_METHOD_SIGN_FLIP, df = NaN, null 0.
 *  Fisher (1935); Good (2005) Permutation, Parametric and Bootstrap Tests.
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_OVERFLOW, FGROI_E_TOO_FEW (no participant with doses),
 *  FGROI_E_OUT_OF_RANGE (resamples = 0 when Monte Carlo is needed),
 *  FGROI_E_TOO_LARGE (Monte Carlo: resamples x participants with doses
 *  above 10^8, about 0.5 s; a participant with more than 2^53 doses),
 *  FGROI_E_ALTERNATIVE, FGROI_E_NO_MEMORY. @since 0.1 */
FGROI_API fgroi_status fgroi_paired_sign_flip(const fgroi_paired_cluster *clusters, size_t k,
                                              fgroi_alternative alternative, uint64_t resamples,
                                              uint64_t seed, fgroi_test *out);

/** fgroi_paired_sign_flip() with progress and cancellation of the Monte
 *  Carlo resamples (control NULL: none; docs/api-conventions.md, "Long
 *  computations"). Cost: exact 2^(k/2) (k <= 30, milliseconds); Monte
 *  Carlo O(resamples x k), bounded at 1e8 (about 0.5 s).
 *  @return as fgroi_paired_sign_flip, plus FGROI_E_STRUCT_SIZE (control)
 *  and FGROI_E_CANCELLED (outputs untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_paired_sign_flip_ctl(const fgroi_paired_cluster *clusters, size_t k,
                                                  fgroi_alternative alternative,
                                                  uint64_t resamples, uint64_t seed,
                                                  const fgroi_control *control,
                                                  fgroi_test *out);

/** The adherence gap from per-participant counts: the one headline
 *  analysis of clustered doses, which the report, the Python binding
 *  (`fgroi.adherence_gap(..., participant)`) and the R package
 *  (`adherence_gap(..., participant = )`) all call, so the default is
 *  defined here once.
 *
 *  The interval is always the cluster-robust t interval of
 *  fgroi_paired_cluster_gap() (pooled gap, k - 1 df). The test by `method`:
 *  FGROI_METHOD_DEFAULT or FGROI_METHOD_SIGN_FLIP: fgroi_paired_sign_flip()
 *  over participants, exact up to 30 participants with doses, else seeded
 *  Monte Carlo with 100000 resamples (2000 when k > 1000); honest with few
 *  clusters, where the t reference is anti-conservative.
 *  FGROI_METHOD_CLUSTER_ROBUST: the cluster-robust t test.
 *  Both outputs are required and are written only on FGROI_OK.
 *  Fisher (1935); Cameron & Miller (2015) J Hum Resour 50:317.
 *  @param seed used only by the Monte Carlo sign-flip test
 *  @param method FGROI_METHOD_SIGN_FLIP (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_CLUSTER_ROBUST (the test; the interval is always
 *  cluster-robust)
 *  @return the statuses of fgroi_paired_cluster_gap() and
 *  fgroi_paired_sign_flip(); FGROI_E_METHOD for another method;
 *  FGROI_E_NULL when ci or test is NULL. @since 0.2 */
FGROI_API fgroi_status fgroi_paired_cluster_analysis(const fgroi_paired_cluster *clusters,
                                                     size_t k, fgroi_method method,
                                                     double conf_level,
                                                     fgroi_alternative alternative,
                                                     uint64_t seed, fgroi_interval *ci,
                                                     fgroi_test *test);

/** fgroi_paired_cluster_analysis() with progress and cancellation of its
 *  sign-flip test (docs/api-conventions.md, "Long computations"). Cost:
 *  O(k) for the interval; the test as fgroi_paired_sign_flip_ctl() (exact
 *  up to 30 participants, milliseconds; Monte Carlo 100000 x k flips,
 *  about 0.5 s at k = 1000, 2000 x k beyond), within its 10^8 limit.
 *  @param control progress and cancellation; NULL runs silently
 *  @return as fgroi_paired_cluster_analysis, plus FGROI_E_STRUCT_SIZE
 *  (control) and FGROI_E_CANCELLED (ci and test untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_paired_cluster_analysis_ctl(const fgroi_paired_cluster *clusters,
                                                         size_t k, fgroi_method method,
                                                         double conf_level,
                                                         fgroi_alternative alternative,
                                                         uint64_t seed,
                                                         const fgroi_control *control,
                                                         fgroi_interval *ci, fgroi_test *test);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_PAIRED_H */
