/** @file means.h
 * Continuous outcomes (task time, onboarding time, steps completed,
 * per-participant adherence rates): t tests and intervals, Wilcoxon
 * signed-rank and Mann-Whitney tests with Hodges-Lehmann estimates and
 * intervals following R's wilcox.test, effect sizes (Hedges' g, Cliff's
 * delta / probability of superiority) and Bland-Altman agreement.
 *
 * Conventions shared by the functions here:
 * - `ci` and `test` outputs are both optional: pass NULL for the one you do
 *   not need (passing NULL for both is FGROI_E_NULL). Every non-NULL output
 *   must have its struct_size set (FGROI_INIT).
 * - Two-sample and paired functions estimate x minus y; `mu` is the null
 *   value of that location (shift), as R's `mu`.
 * - Data must be finite (NaN: FGROI_E_NAN, +-Inf: FGROI_E_INFINITE); R
 *   drops NA silently, libfgroi does not.
 * - Zero-variance data give FGROI_E_ZERO_VARIANCE (R: "data are
 *   essentially constant"), never NaN.
 *
 * Formulas, defaults and citations: docs/methods/means.md.
 */
#ifndef FGROI_MEANS_H
#define FGROI_MEANS_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- t tests ------------------------------------------------------------ */

/** One-sample t test and interval for the mean, as R's t.test(x, mu = mu).
 *  test: statistic t, df = n - 1, null_value = mu. ci: estimate = mean(x).
 *  @param x the data, n >= 2 finite values
 *  @param mu null value of the mean (finite)
 *  @param conf_level in (0, 1)
 *  @param alternative two-sided, less (upper bound) or greater (lower bound)
 *  @param[out] ci interval for the mean (may be NULL)
 *  @param[out] test the t test (may be NULL)
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY (n = 0),
 *  FGROI_E_TOO_FEW (n = 1), FGROI_E_NAN, FGROI_E_INFINITE, FGROI_E_CONF_LEVEL,
 *  FGROI_E_ALTERNATIVE, FGROI_E_ZERO_VARIANCE, FGROI_E_OVERFLOW (a limit
 *  or the standard error beyond the doubles; data near 1e300 or 1e-300 are
 *  scaled, so their variance is never mistaken for zero),
 *  FGROI_E_OUT_OF_RANGE (data that vary with a standard error below the
 *  smallest double, e.g. {-4.9e-324, 0}).
 *  Method FGROI_METHOD_STUDENT (Student 1908). @since 0.1 */
FGROI_API fgroi_status fgroi_means_t_one(const double *x, size_t n, double mu,
                                         double conf_level, fgroi_alternative alternative,
                                         fgroi_interval *ci, fgroi_test *test);

/** Paired t test on the differences x[i] - y[i], as R's
 *  t.test(x, y, paired = TRUE, mu = mu). Method FGROI_METHOD_PAIRED_T.
 *  @return as fgroi_means_t_one (n counts pairs). @since 0.1 */
FGROI_API fgroi_status fgroi_means_t_paired(const double *x, const double *y, size_t n,
                                            double mu, double conf_level,
                                            fgroi_alternative alternative,
                                            fgroi_interval *ci, fgroi_test *test);

/** Two-sample t test and interval for mean(x) - mean(y), as R's t.test.
 *  Methods: FGROI_METHOD_WELCH (default; Welch 1947, Satterthwaite df;
 *  needs nx, ny >= 2) or FGROI_METHOD_STUDENT (pooled variance,
 *  var.equal = TRUE; needs nx + ny >= 3).
 *  @param method FGROI_METHOD_WELCH (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_STUDENT
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_TOO_FEW, FGROI_E_NAN, FGROI_E_INFINITE, FGROI_E_CONF_LEVEL,
 *  FGROI_E_ALTERNATIVE, FGROI_E_METHOD, FGROI_E_ZERO_VARIANCE,
 *  FGROI_E_OVERFLOW, FGROI_E_OUT_OF_RANGE, FGROI_E_NO_MEMORY (as
 *  fgroi_means_t_one: samples beyond 2^250 or below 2^-250 are scaled).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_means_t_two(const double *x, size_t nx, const double *y,
                                         size_t ny, double mu, fgroi_method method,
                                         double conf_level, fgroi_alternative alternative,
                                         fgroi_interval *ci, fgroi_test *test);

/* ---- rank tests ----------------------------------------------------------- */

/** Wilcoxon signed-rank test of location mu with the Hodges-Lehmann
 *  (pseudo)median and its interval, following R's
 *  wilcox.test(x, mu = mu, conf.int = TRUE) rule for rule.
 *
 *  Zeros (x == mu) are dropped (FGROI_FLAG_ZEROS_DROPPED). Methods:
 *  - FGROI_METHOD_DEFAULT: R's rule: exact when fewer than 50 non-zero
 *    differences and neither ties nor zeros, else normal;
 *  - FGROI_METHOD_EXACT: exact distribution (counted by dynamic
 *    programming); FGROI_E_METHOD when there are ties or zeros (R falls
 *    back to the normal approximation with a warning), FGROI_E_TOO_LARGE
 *    beyond 400 non-zero differences (about 50 ms there);
 *  - FGROI_METHOD_NORMAL: normal approximation with tie and continuity
 *    correction (R's exact = FALSE, correct = TRUE);
 *  - FGROI_METHOD_NORMAL_UNCORRECTED (@since 0.2): the same without the
 *    continuity correction, in the test and in the interval's inversion
 *    (R's exact = FALSE, correct = FALSE; scipy's correction = False).
 *  Pass ci = NULL for the test alone: it is defined when every difference
 *  is tied, where the interval is not (FGROI_E_ZERO_VARIANCE).
 *  Exact: the estimate is the median of the Walsh averages and the limits
 *  are their order statistics (Bauer 1972); the achieved confidence may
 *  exceed the requested one. Normal: the limits are where the corrected
 *  statistic crosses the normal quantile, a step function of the shift
 *  that R solves with uniroot(tol.root = 1e-4); libfgroi runs R's zeroin
 *  step for step and returns R's numbers (see docs); when R would widen
 *  the level ("requested conf.level not achievable") ci->conf_level
 *  reports the level achieved; where R's level would be 0 (the widening
 *  reaches alpha = 1, or n = 1 exact) no interval is formed:
 *  FGROI_E_TOO_FEW (pass ci = NULL for the test). Two normal limits that
 *  land within R's tolerance of the same jump in the wrong order (levels
 *  near 0.5) are returned ordered. Cost (normal): one O(n log n) sort, then
 *  O(n) per root-finding step (a merge of the sorted values; about 60
 *  steps): 0.8 s at 1e6 values; memory about 48 bytes per value.
 *  test: statistic V (sum of positive ranks), df = NaN, method
 *  FGROI_METHOD_WILCOXON, flags FGROI_FLAG_EXACT or
 *  FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY (| FGROI_FLAG_TIES).
 *  ci: method FGROI_METHOD_HODGES_LEHMANN.
 *  @param x data, n >= 1 finite values
 *  @param mu null location
 *  @param method FGROI_METHOD_EXACT, FGROI_METHOD_NORMAL or
 *  FGROI_METHOD_NORMAL_UNCORRECTED (or FGROI_METHOD_DEFAULT: R's rule)
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_NAN, FGROI_E_INFINITE, FGROI_E_CONF_LEVEL, FGROI_E_ALTERNATIVE,
 *  FGROI_E_METHOD (exact is refused with ties or zero differences),
 *  FGROI_E_TOO_LARGE, FGROI_E_NO_MEMORY,
 *  FGROI_E_ZERO_VARIANCE (every value equals mu, or no interval can be
 *  formed because every value is tied), FGROI_E_TOO_FEW (interval of
 *  achievable level 0), FGROI_E_INFINITE (x - mu beyond DBL_MAX),
 *  FGROI_E_OUT_OF_RANGE (normal interval over differences spanning more
 *  than DBL_MAX).
 *  Wilcoxon 1945; Hodges & Lehmann 1963; Bauer 1972. @since 0.1 */
FGROI_API fgroi_status fgroi_means_wilcoxon_one(const double *x, size_t n, double mu,
                                                fgroi_method method, double conf_level,
                                                fgroi_alternative alternative,
                                                fgroi_interval *ci, fgroi_test *test);

/** fgroi_means_wilcoxon_one() with progress and cancellation
 *  (docs/api-conventions.md, "Long computations"): the sorts and every
 *  evaluation of the rank statistic in the Hodges-Lehmann root search
 *  report and honour a cancel. Cost as fgroi_means_wilcoxon_one: O(n log n)
 *  once, then O(n) per root-finding step (about 60), 0.8 s at 1e6 values;
 *  no size limit but memory (about 48 bytes per value); the exact
 *  distribution is limited to 400 values (FGROI_E_TOO_LARGE, checked before
 *  any work; use FGROI_METHOD_NORMAL beyond).
 *  @param control progress and cancellation; NULL runs silently
 *  @return as fgroi_means_wilcoxon_one, plus FGROI_E_STRUCT_SIZE (control)
 *  and FGROI_E_CANCELLED (ci and test untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_means_wilcoxon_one_ctl(const double *x, size_t n, double mu,
                                                    fgroi_method method, double conf_level,
                                                    fgroi_alternative alternative,
                                                    const fgroi_control *control,
                                                    fgroi_interval *ci, fgroi_test *test);

/** Wilcoxon signed-rank test on the paired differences x[i] - y[i], as R's
 *  wilcox.test(x, y, paired = TRUE, conf.int = TRUE). Same rules and
 *  methods as fgroi_means_wilcoxon_one.
 *  @param method FGROI_METHOD_EXACT, FGROI_METHOD_NORMAL or
 *  FGROI_METHOD_NORMAL_UNCORRECTED (or FGROI_METHOD_DEFAULT: R's rule)
 *  @return as fgroi_means_wilcoxon_one. @since 0.1 */
FGROI_API fgroi_status fgroi_means_wilcoxon_paired(const double *x, const double *y, size_t n,
                                                   double mu, fgroi_method method,
                                                   double conf_level,
                                                   fgroi_alternative alternative,
                                                   fgroi_interval *ci, fgroi_test *test);

/** fgroi_means_wilcoxon_paired() with progress and cancellation, as
 *  fgroi_means_wilcoxon_one_ctl() (same cost and limits).
 *  @param control progress and cancellation; NULL runs silently
 *  @return as fgroi_means_wilcoxon_paired, plus FGROI_E_STRUCT_SIZE
 *  (control) and FGROI_E_CANCELLED (ci and test untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_means_wilcoxon_paired_ctl(const double *x, const double *y,
                                                       size_t n, double mu, fgroi_method method,
                                                       double conf_level,
                                                       fgroi_alternative alternative,
                                                       const fgroi_control *control,
                                                       fgroi_interval *ci, fgroi_test *test);

/** Mann-Whitney U (Wilcoxon rank-sum) test of a shift mu between x and y,
 *  with the Hodges-Lehmann shift (median of all x[i] - y[j]) and its
 *  interval, following R's wilcox.test(x, y, conf.int = TRUE).
 *  Methods as fgroi_means_wilcoxon_one: DEFAULT is exact when nx < 50 and
 *  ny < 50 without ties, else normal with tie and continuity correction;
 *  NORMAL_UNCORRECTED (@since 0.2) is R's correct = FALSE (scipy's
 *  mannwhitneyu(use_continuity = False, method = "asymptotic")).
 *  EXACT is refused with ties (FGROI_E_METHOD) and beyond nx + ny = 200
 *  (FGROI_E_TOO_LARGE). test: statistic W = U of x (R's W), method
 *  FGROI_METHOD_MANN_WHITNEY. ci: method FGROI_METHOD_HODGES_LEHMANN.
 *  Cost (normal): O(N log N) once, then O(N) per root-finding step.
 *  @param method FGROI_METHOD_EXACT, FGROI_METHOD_NORMAL or
 *  FGROI_METHOD_NORMAL_UNCORRECTED (or FGROI_METHOD_DEFAULT: R's rule)
 *  @return as fgroi_means_wilcoxon_one; FGROI_E_METHOD (exact is refused
 *  with ties); FGROI_E_ZERO_VARIANCE when every
 *  value of both samples is tied; FGROI_E_OUT_OF_RANGE when the
 *  interval is asked and max(x) - min(y) or min(x) - max(y) overflows a
 *  double; FGROI_E_TOO_FEW when the exact interval's achievable level is 0. Mann & Whitney 1947. @since 0.1 */
FGROI_API fgroi_status fgroi_means_mann_whitney(const double *x, size_t nx, const double *y,
                                                size_t ny, double mu, fgroi_method method,
                                                double conf_level,
                                                fgroi_alternative alternative,
                                                fgroi_interval *ci, fgroi_test *test);

/** fgroi_means_mann_whitney() with progress and cancellation
 *  (docs/api-conventions.md, "Long computations"): the sorts and every
 *  evaluation of the rank-sum statistic in the Hodges-Lehmann root search
 *  report and honour a cancel. Cost: O(N log N) once, then O(N) per
 *  root-finding step, N = nx + ny (about 3.5 s at 1e6 + 1e6); no size
 *  limit but memory (about 40 bytes per value); the exact distribution is
 *  limited to nx + ny = 200 (FGROI_E_TOO_LARGE, checked before any work;
 *  use FGROI_METHOD_NORMAL beyond).
 *  @param control progress and cancellation; NULL runs silently
 *  @return as fgroi_means_mann_whitney, plus FGROI_E_STRUCT_SIZE (control)
 *  and FGROI_E_CANCELLED (ci and test untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_means_mann_whitney_ctl(const double *x, size_t nx, const double *y,
                                                    size_t ny, double mu, fgroi_method method,
                                                    double conf_level,
                                                    fgroi_alternative alternative,
                                                    const fgroi_control *control,
                                                    fgroi_interval *ci, fgroi_test *test);

/* ---- effect sizes --------------------------------------------------------- */

/** Hedges' g, the bias-corrected standardised mean difference
 *  g = J(df) (mean(x) - mean(y)) / pooled SD, df = nx + ny - 2,
 *  J(df) = exp(lgamma(df/2) - log(sqrt(df/2)) - lgamma((df-1)/2)) (Hedges 1981).
 *  Interval methods:
 *  - FGROI_METHOD_NONCENTRAL_T (default; Steiger & Fouladi 1997): the
 *    noncentrality limits of the observed t = d sqrt(nx ny / (nx + ny)) on
 *    df degrees of freedom, converted back by sqrt(1/nx + 1/ny) and scaled
 *    by J, as R's effectsize::hedges_g;
 *  - FGROI_METHOD_NORMAL: g -+ z sqrt(1/nx + 1/ny + g^2 / (2 (nx + ny)))
 *    (Hedges & Olkin 1985 large-sample variance), exactly as
 *    metafor::escalc("SMD") with vtype "LS".
 *  The interval's method field is FGROI_METHOD_NONCENTRAL_T or
 *  FGROI_METHOD_NORMAL.
 *  @param method FGROI_METHOD_NONCENTRAL_T (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_NORMAL
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_TOO_FEW (nx + ny < 4), FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_CONF_LEVEL, FGROI_E_ALTERNATIVE, FGROI_E_METHOD,
 *  FGROI_E_ZERO_VARIANCE, FGROI_E_NO_CONVERGENCE. @since 0.1 */
FGROI_API fgroi_status fgroi_means_hedges_g(const double *x, size_t nx, const double *y,
                                            size_t ny, fgroi_method method, double conf_level,
                                            fgroi_alternative alternative, fgroi_interval *out);

/** Cliff's delta, P(X > Y) - P(X < Y), and the probability of superiority
 *  P(X > Y) + P(X = Y)/2 = (delta + 1)/2, with Cliff's (1993) unbiased
 *  variance and the asymmetric interval of Feng & Cliff (2004) on a t
 *  quantile with nx + ny - 2 df, as R's effsize::cliff.delta defaults.
 *  The probability-of-superiority interval is the same interval mapped by
 *  (d + 1)/2. When the variance estimate is zero or negative (complete
 *  separation, all values tied) the interval collapses to the estimate and
 *  FGROI_FLAG_DEGENERATE is set (effsize gives NaN there).
 *  O((nx + ny) log(nx + ny)) time.
 *  @param[out] delta Cliff's delta and its interval (may be NULL)
 *  @param[out] superiority probability of superiority (may be NULL; not both)
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_TOO_FEW (nx or ny < 2), FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_CONF_LEVEL, FGROI_E_ALTERNATIVE, FGROI_E_NO_MEMORY.
 *  Method FGROI_METHOD_CLIFFS_DELTA. Cliff 1993. @since 0.1 */
FGROI_API fgroi_status fgroi_means_cliffs_delta(const double *x, size_t nx, const double *y,
                                                size_t ny, double conf_level,
                                                fgroi_alternative alternative,
                                                fgroi_interval *delta,
                                                fgroi_interval *superiority);

/* ---- Bland-Altman agreement ---------------------------------------------- */

/** How the standard error of a limit of agreement is approximated. */
typedef enum fgroi_loa_se {
  FGROI_LOA_SE_1999 = 0, /**< default: s sqrt(1/n + k^2 / (2 (n - 1))) (Bland & Altman 1999) */
  FGROI_LOA_SE_1986 = 1, /**< s sqrt(3 / n), the k ~ 2 shortcut of Bland & Altman 1986 */
  FGROI_LOA_EXACT = 2    /**< exact: bias + k s is an estimate of mu + k sigma, and
                              sqrt(n) (mean - limit) / s is noncentral t (n - 1 df,
                              ncp -+ sqrt(n) k); limits from its quantiles (Carkeet 2015) */
} fgroi_loa_se;

/** Options of fgroi_means_bland_altman. */
typedef struct fgroi_means_ba_options {
  size_t struct_size;   /**< set by FGROI_INIT */
  double multiplier;    /**< k in bias +- k SD; 0 means the default 1.96 (the 1986 paper used 2) */
  fgroi_loa_se loa_se;  /**< standard error of a limit; default FGROI_LOA_SE_1999 */
} fgroi_means_ba_options;

/** Write the default Bland-Altman options (multiplier 1.96,
 *  FGROI_LOA_SE_1999) into *options, as far as its struct_size reaches (set
 *  it with FGROI_INIT first).
 *  @param[out] options the options to fill
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE.
 *  @since 0.1 (by pointer since 1.0; 0.x returned the struct by value) */
FGROI_API fgroi_status fgroi_means_ba_options_default(fgroi_means_ba_options *options);

/** Bland-Altman result. All intervals use t(n - 1) at conf_level. */
typedef struct fgroi_bland_altman {
  size_t struct_size;   /**< set by FGROI_INIT */
  size_t n;             /**< number of pairs */
  double bias;          /**< mean of d = x - y */
  double sd;            /**< SD of d (n - 1 denominator) */
  double bias_lower;    /**< interval for the bias: bias -+ t s / sqrt(n) */
  double bias_upper;
  double loa_lower;     /**< lower limit of agreement, bias - k s */
  double loa_upper;     /**< upper limit of agreement, bias + k s */
  double loa_lower_lower; /**< interval for the lower limit: loa_lower -+ t SE */
  double loa_lower_upper;
  double loa_upper_lower; /**< interval for the upper limit: loa_upper -+ t SE */
  double loa_upper_upper;
  double loa_se;        /**< the standard error used for both limits (FGROI_LOA_EXACT: the 1999 value, for information) */
  double multiplier;    /**< k used */
  double conf_level;    /**< confidence level of the intervals */
} fgroi_bland_altman;

/** Bland-Altman agreement between two measurements of the same subjects:
 *  bias, limits of agreement and their confidence intervals (Bland &
 *  Altman 1986, 1999; exact limits: Carkeet 2015). d = x - y.
 *  @param options NULL for the defaults
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY,
 *  FGROI_E_TOO_FEW (n = 1), FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_CONF_LEVEL, FGROI_E_OUT_OF_RANGE (multiplier negative or not
 *  finite), FGROI_E_METHOD. Zero-variance differences are
 *  allowed (the limits collapse onto the bias; FGROI_OK).
 *  Method FGROI_METHOD_BLAND_ALTMAN. @since 0.1 */
FGROI_API fgroi_status fgroi_means_bland_altman(const double *x, const double *y, size_t n,
                                                double conf_level,
                                                const fgroi_means_ba_options *options,
                                                fgroi_bland_altman *out);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_MEANS_H */
