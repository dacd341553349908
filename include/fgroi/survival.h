/** @file survival.h
 * Time to task with censoring: Kaplan-Meier curves with Greenwood standard
 * errors, the median time with its interval, the proportion done within a
 * time T, and the log-rank test between two arms, as R's survival package
 * (survfit, quantile.survfit, summary.survfit, survdiff).
 *
 * For "time to task" the event is "completed the task"; participants who
 * gave up or ran out of time are censored. The Kaplan-Meier curve S(t)
 * estimates the proportion NOT yet done by time t; fgroi_surv_at() also
 * gives the proportion done within T, 1 - S(T), with its interval.
 *
 * Inputs: `time[i]` finite and >= 0 (FGROI_E_NAN, FGROI_E_INFINITE,
 * FGROI_E_INVALID_TIME), `event[i]` 1 for done, 0 for censored
 * (FGROI_E_OUT_OF_RANGE otherwise), in any order, ties allowed (events at
 * a time come before censorings at the same time, as survfit).
 *
 * All-censored data are a defined result: S(t) = 1 everywhere, the median
 * is not reached (+INFINITY, FGROI_FLAG_UNBOUNDED). Only the log-rank test
 * refuses them (FGROI_E_NO_EVENTS).
 *
 * Formulas and citations: docs/methods/survival.md.
 */
#ifndef FGROI_SURVIVAL_H
#define FGROI_SURVIVAL_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Pointwise confidence interval of the survival curve (survfit's conf.type). */
typedef enum fgroi_surv_conf {
  FGROI_SURV_CONF_LOG = 0,     /**< default: exp(log S -+ z sigma), upper clipped at 1 ("log") */
  FGROI_SURV_CONF_LOG_LOG = 1, /**< exp(-exp(log(-log S) -+ z sigma / log S)) ("log-log") */
  FGROI_SURV_CONF_PLAIN = 2    /**< S -+ z S sigma clipped to [0, 1] ("plain") */
} fgroi_surv_conf;

/** Kaplan-Meier curve, one row per distinct time (event or censoring), as
 *  R's survfit(Surv(time, event) ~ 1) with the given conf.type.
 *
 *  Output columns are caller-allocated arrays of `capacity` rows; pass NULL
 *  for a column you do not need. `*size` receives the number of rows (the
 *  number of distinct times); when it exceeds `capacity` the call returns
 *  FGROI_E_CAPACITY after writing only `*size` (ask with capacity 0 first).
 *  std_err is the Greenwood (1926) standard error of S(t),
 *  S(t) sqrt(sum d / (n (n - d))) (survfit reports the sqrt part). Where
 *  S(t) = 0 std_err is 0 and the limits are 0 (survfit gives NA); where
 *  S(t) = 1 the log-log limits are 1 (survfit gives NA).
 *  @param time, event, n the data (n >= 1)
 *  @param conf_type interval type; FGROI_SURV_CONF_LOG as survfit's default
 *  @param conf_level in (0, 1)
 *  @param capacity rows available in every non-NULL column
 *  @param[out] t_out, n_risk, n_event, n_censor, surv, std_err, lower, upper columns (each may be NULL)
 *  @param[out] size rows needed (required)
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_EMPTY, FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_INVALID_TIME, FGROI_E_OUT_OF_RANGE, FGROI_E_CONF_LEVEL,
 *  FGROI_E_METHOD, FGROI_E_CAPACITY, FGROI_E_NO_MEMORY.
 *  Kaplan & Meier 1958; Greenwood 1926. @since 0.1 */
FGROI_API fgroi_status fgroi_surv_km(const double *time, const uint8_t *event, size_t n,
                                     fgroi_surv_conf conf_type, double conf_level,
                                     size_t capacity, double *t_out, int64_t *n_risk,
                                     int64_t *n_event, int64_t *n_censor, double *surv,
                                     double *std_err, double *lower, double *upper,
                                     size_t *size);

/** Median time to the event with its interval, as R's
 *  quantile(survfit(...), 0.5) (and print.survfit): the first time the curve
 *  drops below 1/2 (the midpoint to the next event time when it sits
 *  exactly at 1/2); the limits are where the pointwise lower and upper
 *  curves cross 1/2 (Brookmeyer & Crowley 1982 style, as survfit).
 *  A median or limit that is not reached is +INFINITY with
 *  FGROI_FLAG_UNBOUNDED (R prints NA). Method FGROI_METHOD_KAPLAN_MEIER.
 *  @return as fgroi_surv_km, without FGROI_E_CAPACITY; plus FGROI_E_STRUCT_SIZE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_surv_median(const double *time, const uint8_t *event, size_t n,
                                         fgroi_surv_conf conf_type, double conf_level,
                                         fgroi_interval *out);

/** The curve at a time T with its pointwise interval, as R's
 *  summary(survfit(...), times = T) (the value at the last time <= T;
 *  before the first time S = 1; after the last time the last value is
 *  carried forward, as summary's extend = TRUE). `surv` gets S(T), the
 *  proportion NOT yet done; `done` gets 1 - S(T), the proportion done within
 *  T, with limits 1 - upper and 1 - lower. Either output may be NULL, not both.
 *  Where survfit has no limits (S(T) = 0; S(T) = 1 with log-log) the
 *  interval is the estimate itself with FGROI_FLAG_DEGENERATE.
 *  @param t the time T (finite; negative is FGROI_E_INVALID_TIME)
 *  @return as fgroi_surv_median. @since 0.1 */
FGROI_API fgroi_status fgroi_surv_at(const double *time, const uint8_t *event, size_t n,
                                     double t, fgroi_surv_conf conf_type, double conf_level,
                                     fgroi_interval *surv, fgroi_interval *done);

/** Observed and expected counts of the log-rank test. */
typedef struct fgroi_logrank {
  size_t struct_size; /**< set by FGROI_INIT */
  double observed1;   /**< (weighted) events in arm 1 */
  double expected1;   /**< (weighted) expected events in arm 1 under H0 */
  double observed2;   /**< (weighted) events in arm 2 */
  double expected2;   /**< (weighted) expected events in arm 2 under H0 */
  double variance;    /**< variance of observed1 - expected1 */
} fgroi_logrank;

/** Log-rank test of equal survival in two arms, as R's
 *  survdiff(Surv(time, event) ~ arm, rho = rho): chisq =
 *  (O1 - E1)^2 / V on 1 df (Mantel 1966; Peto & Peto 1972). rho = 0 is the
 *  log-rank test; rho = 1 weights each event time by the pooled
 *  Kaplan-Meier S(t-) (the Peto & Peto modification of the Gehan-Wilcoxon
 *  test), as survdiff's G-rho family. test: statistic chisq, df 1,
 *  method FGROI_METHOD_LOGRANK, two-sided only.
 *  @param rho weight exponent >= 0 (finite)
 *  @param[out] test the test (required)
 *  @param[out] detail observed and expected counts (may be NULL)
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_EMPTY (an
 *  arm without participants), FGROI_E_NAN, FGROI_E_INFINITE,
 *  FGROI_E_INVALID_TIME, FGROI_E_OUT_OF_RANGE (event not 0/1, rho < 0),
 *  FGROI_E_NO_EVENTS (no events at all), FGROI_E_ZERO_VARIANCE (V = 0,
 *  e.g. every participant done at the same instant), FGROI_E_NO_MEMORY.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_surv_logrank(const double *time1, const uint8_t *event1, size_t n1,
                                          const double *time2, const uint8_t *event2, size_t n2,
                                          double rho, fgroi_test *test, fgroi_logrank *detail);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_SURVIVAL_H */
