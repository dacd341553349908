/* Portfolio pooling: fixed-effect and DerSimonian-Laird random-effects
 * inverse-variance pooling with the heterogeneity statistics metafor::rma
 * reports, escalc-style effect sizes, and the multiplicity scorecard.
 * Formulas and citations: docs/methods/pool.md. */
#include "internal.h"
#include "num.h"

FGROI_API fgroi_status fgroi_pool_effects(const double *yi, const double *vi, size_t k,
                                          fgroi_method method, double conf_level,
                                          fgroi_interval *pooled, fgroi_test *test,
                                          fgroi_pool_stats *stats, double *weights) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(pooled));
  if (test != NULL) FGROI__TRY(FGROI__CHECK_TEST(test));
  if (stats != NULL) FGROI__TRY(FGROI__CHECK_OUT(stats, fgroi_pool_stats, k));
  if (yi == NULL || vi == NULL) return FGROI_E_NULL;
  if (k == 0) return FGROI_E_EMPTY;
  if (k < 2) return FGROI_E_TOO_FEW;
  FGROI__TRY(fgroi__check_finite_array(yi, k));
  FGROI__TRY(fgroi__check_finite_array(vi, k));
  for (size_t i = 0; i < k; i++) {
    if (vi[i] < 0.0) return FGROI_E_OUT_OF_RANGE;
    if (vi[i] == 0.0) return FGROI_E_ZERO_VARIANCE;
  }
  FGROI__TRY(fgroi__check_conf(conf_level));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_DERSIMONIAN_LAIRD;
  if (method != FGROI_METHOD_FIXED_EFFECT && method != FGROI_METHOD_DERSIMONIAN_LAIRD)
    return FGROI_E_METHOD;

  /* fixed-effect pass: Q and the DL moment estimator (long double sums, as R's sum) */
  long double sw = 0.0L, sw2 = 0.0L, swy = 0.0L;
  for (size_t i = 0; i < k; i++) {
    long double w = 1.0L / vi[i];
    sw += w;
    sw2 += w * w;
    swy += w * yi[i];
  }
  double est_fe = (double)(swy / sw);
  long double q = 0.0L;
  for (size_t i = 0; i < k; i++) {
    long double r = yi[i] - est_fe;
    q += r * r / vi[i];
  }
  double Q = (double)q, df = (double)(k - 1);
  double c = (double)(sw - sw2 / sw);
  /* extreme inputs ({1e300, -1e300}, denormal variances) overflow Q or
   * cancel c to 0: a specific status, never NaN with OK (issue 14) */
  if (!isfinite(Q) || !isfinite(c) || !(c > 0.0)) return FGROI_E_OVERFLOW;
  double tau2 = 0.0, i2, h2;
  if (method == FGROI_METHOD_DERSIMONIAN_LAIRD) {
    tau2 = (Q - df) / c;
    if (!(tau2 > 0.0)) tau2 = 0.0;
    double s2 = df / c; /* typical within-group variance */
    i2 = 100.0 * tau2 / (s2 + tau2);
    h2 = (s2 + tau2) / s2;
  } else {
    i2 = Q > 0.0 ? 100.0 * (Q - df) / Q : 0.0;
    if (i2 < 0.0) i2 = 0.0;
    h2 = Q / df;
  }
  /* pooled estimate with weights 1/(vi + tau2) */
  long double rw = 0.0L, rwy = 0.0L;
  for (size_t i = 0; i < k; i++) {
    long double w = 1.0L / (vi[i] + tau2);
    rw += w;
    rwy += w * yi[i];
  }
  double est = (double)(rwy / rw), se = sqrt((double)(1.0L / rw));
  double z = est / se, zc = fgroi__qnorm((1.0 - conf_level) / 2.0, 0);
  double p = fgroi__p_normal(z, FGROI_TWO_SIDED);

  fgroi_interval iv = fgroi__interval(est, est - zc * se, est + zc * se, conf_level, method,
                                      FGROI_TWO_SIDED, FGROI_FLAG_NORMAL_APPROX);
  fgroi_test t = fgroi__test(z, NAN, p, 0.0, method, FGROI_TWO_SIDED, FGROI_FLAG_NORMAL_APPROX);
  fgroi_pool_stats st = { .struct_size = sizeof st, .se = se, .q = Q, .q_df = df,
                          .q_p_value = fgroi__pchisq(Q, df, 0), .tau2 = tau2, .i2 = i2,
                          .h2 = h2, .k = k };
  {
    const double fin[] = { est, se, z, iv.lower, iv.upper, tau2, i2, h2 };
    if (fgroi__audit_finite(fin, sizeof fin / sizeof fin[0]) != FGROI_OK || !(se > 0.0))
      return FGROI_E_OVERFLOW;
  }
  FGROI__TRY(fgroi__audit_interval(&iv));
  FGROI__TRY(fgroi__audit_test(&t));
  fgroi__write_out(pooled, &iv, sizeof iv);
  if (test != NULL) fgroi__write_out(test, &t, sizeof t);
  if (stats != NULL) fgroi__write_out(stats, &st, sizeof st);
  if (weights != NULL)
    for (size_t i = 0; i < k; i++) weights[i] = (double)(100.0L / (vi[i] + tau2) / rw);
  return FGROI_OK;
}

/* ---- effect sizes (metafor::escalc) ---------------------------------------------- */

/* Validate two arms and return cell counts, + 1/2 each when any cell is 0. */
static fgroi_status two_arms(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double *a,
                             double *m1, double *c, double *m2) {
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  /* x + 1/2 and n + 1 must be exact doubles, or the variance can round to 0 */
  if (n1 > FGROI__ESCALC_MAX || n2 > FGROI__ESCALC_MAX) return FGROI_E_TOO_LARGE;
  double add = (x1 == 0 || x1 == n1 || x2 == 0 || x2 == n2) ? 0.5 : 0.0;
  *a = (double)x1 + add;
  *m1 = (double)n1 + 2.0 * add;
  *c = (double)x2 + add;
  *m2 = (double)n2 + 2.0 * add;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_pool_escalc_rd(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi) {
  if (yi == NULL || vi == NULL) return FGROI_E_NULL;
  double a, m1, c, m2;
  FGROI__TRY(two_arms(x1, n1, x2, n2, &a, &m1, &c, &m2));
  double p1 = a / m1, p2 = c / m2;
  *yi = p1 - p2;
  /* 1 - p as (m - a) / m: exact near p = 1 */
  *vi = p1 * ((m1 - a) / m1) / m1 + p2 * ((m2 - c) / m2) / m2;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_pool_escalc_rr(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi) {
  if (yi == NULL || vi == NULL) return FGROI_E_NULL;
  double a, m1, c, m2;
  FGROI__TRY(two_arms(x1, n1, x2, n2, &a, &m1, &c, &m2));
  *yi = log((a / m1) / (c / m2));
  *vi = (m1 - a) / (a * m1) + (m2 - c) / (c * m2); /* 1/a - 1/m without cancellation */
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_pool_escalc_md(double m1, double sd1, int64_t n1, double m2,
                                            double sd2, int64_t n2, double *yi, double *vi) {
  if (yi == NULL || vi == NULL) return FGROI_E_NULL;
  FGROI__TRY(fgroi__check_finite(m1));
  FGROI__TRY(fgroi__check_finite(sd1));
  FGROI__TRY(fgroi__check_finite(m2));
  FGROI__TRY(fgroi__check_finite(sd2));
  if (sd1 < 0.0 || sd2 < 0.0) return FGROI_E_OUT_OF_RANGE;
  if (n1 < 0 || n2 < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n1 == 0 || n2 == 0) return FGROI_E_EMPTY;
  double v = sd1 * sd1 / (double)n1 + sd2 * sd2 / (double)n2;
  if (!(v > 0.0)) return FGROI_E_ZERO_VARIANCE;
  *yi = m1 - m2;
  *vi = v;
  return FGROI_OK;
}

/* ---- scorecard ----------------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_pool_scorecard(const double *estimate, const double *p_value,
                                            const int *higher_is_better, size_t n,
                                            fgroi_method adjust, double alpha,
                                            double *adjusted_p, fgroi_verdict *verdict) {
  if (estimate == NULL || p_value == NULL || higher_is_better == NULL || adjusted_p == NULL ||
      verdict == NULL)
    return FGROI_E_NULL;
  if (n == 0) return FGROI_E_EMPTY;
  FGROI__TRY(fgroi__check_finite_array(estimate, n));
  FGROI__TRY(fgroi__check_finite(alpha));
  FGROI__TRY(fgroi__check_prob_open(alpha));
  /* validates p and method; writes adjusted_p only on success */
  FGROI__TRY(fgroi_multiplicity_adjust(p_value, n, adjust, adjusted_p));
  for (size_t i = 0; i < n; i++) {
    double better = higher_is_better[i] ? estimate[i] : -estimate[i];
    if (adjusted_p[i] <= alpha && better != 0.0)
      verdict[i] = better > 0.0 ? FGROI_VERDICT_IMPROVED : FGROI_VERDICT_WORSENED;
    else
      verdict[i] = FGROI_VERDICT_INCONCLUSIVE;
  }
  return FGROI_OK;
}
