/* The NPS score machinery (lib/nps_internal.h): score statistics and their
 * inversion for the mean of a multinomial on integer support (one sample,
 * or the difference of two), and Tango's interval for one NPS. Used by the
 * two-wave and paired sources. */
#include <float.h>

#include "nps_internal.h"
#include "num.h"
#include "score.h"

void fgroi__mm_init(fgroi__mm_sample *s, int K, double vmin, const double *c) {
  s->K = K;
  s->vmin = vmin;
  s->n = 0.0;
  double sv = 0.0;
  for (int k = 0; k < K; k++) {
    s->c[k] = c[k];
    s->n += c[k];
    sv += c[k] * (vmin + k);
  }
  s->mean = sv / s->n;
}

typedef struct { const fgroi__mm_sample *s; double theta; } mm_lambda_eq;

static double mm_lambda_fn(double lambda, void *ctx) {
  const mm_lambda_eq *e = ctx;
  const fgroi__mm_sample *s = e->s;
  double f = 0.0;
  for (int k = 0; k < s->K; k++) {
    if (s->c[k] == 0.0) continue;
    double dv = s->vmin + k - e->theta;
    double den = s->n + lambda * dv;
    if (den <= 0.0) return dv > 0.0 ? DBL_MAX : -DBL_MAX;
    f += s->c[k] * dv / den;
  }
  return f;
}

/* Restricted MLE at mean theta; returns the Lagrange multiplier (the slope
 * of the profile log-likelihood) and, if var is non-NULL, the variance
 * sum p_k (v_k - theta)^2 at the restricted MLE. */
static fgroi_status mm_restricted(const fgroi__mm_sample *s, double theta, double *lambda_out,
                                  double *var) {
  const double vmax = s->vmin + s->K - 1;
  if (theta <= s->vmin || theta >= vmax) {
    *lambda_out = theta <= s->vmin ? DBL_MAX : -DBL_MAX;
    if (var) *var = 0.0;
    return FGROI_OK;
  }
  const double lam_hi = s->n / (theta - s->vmin), lam_lo = -s->n / (vmax - theta);
  mm_lambda_eq e = { s, theta };
  double lambda;
  int edge = 0;
  if (s->c[0] == 0.0 && mm_lambda_fn(lam_hi, &e) >= 0.0) {
    lambda = lam_hi;
    edge = -1;
  } else if (s->c[s->K - 1] == 0.0 && mm_lambda_fn(lam_lo, &e) <= 0.0) {
    lambda = lam_lo;
    edge = 1;
  } else {
    FGROI__TRY(fgroi__root_brent(mm_lambda_fn, &e, lam_lo, lam_hi, 0.0, 4.0 * DBL_EPSILON,
                                 &lambda));
  }
  if (var) {
    double v = 0.0, mass = 0.0;
    for (int k = 0; k < s->K; k++) {
      if (s->c[k] == 0.0) continue;
      double dv = s->vmin + k - theta;
      double p = s->c[k] / (s->n + lambda * dv);
      mass += p;
      v += p * dv * dv;
    }
    if (edge != 0) {
      double rest = 1.0 - mass;
      double dv = (edge < 0 ? s->vmin : vmax) - theta;
      if (rest > 0.0) v += rest * dv * dv;
    }
    *var = v;
  }
  *lambda_out = lambda;
  return FGROI_OK;
}

/* Score statistic of one sample at mean theta, clipped to +-1e8. */
fgroi_status fgroi__mm_score_z(const fgroi__mm_sample *s, double theta, double *z) {
  double lambda, var;
  FGROI__TRY(mm_restricted(s, theta, &lambda, &var));
  double num = s->mean - theta;
  if (num == 0.0) { *z = 0.0; return FGROI_OK; }
  double zz = var > 0.0 ? num * sqrt(s->n / var) : (num > 0.0 ? 1e8 : -1e8);
  *z = fmax(-1e8, fmin(1e8, zz));
  return FGROI_OK;
}

/* Two independent samples with the same support: restricted MLE under
 * mean2 - mean1 = delta maximises l1(t) + l2(t + delta); its stationarity
 * condition is lambda1(t) + lambda2(t + delta) = 0 (decreasing in t). */
typedef struct { const fgroi__mm_sample *a, *b; double delta; fgroi_status st; } mm2_eq;

static double mm2_fn(double t, void *ctx) {
  mm2_eq *e = ctx;
  double l1, l2;
  fgroi_status s1 = mm_restricted(e->a, t, &l1, NULL);
  fgroi_status s2 = mm_restricted(e->b, t + e->delta, &l2, NULL);
  if (s1 != FGROI_OK || s2 != FGROI_OK) { e->st = FGROI_E_NO_CONVERGENCE; return NAN; }
  if (l1 == DBL_MAX || l2 == DBL_MAX) return DBL_MAX;
  if (l1 == -DBL_MAX || l2 == -DBL_MAX) return -DBL_MAX;
  return l1 + l2;
}

fgroi_status fgroi__mm2_score_z(const fgroi__mm_sample *a, const fgroi__mm_sample *b, double delta,
                                double *z) {
  const double vmin = a->vmin, vmax = a->vmin + a->K - 1;
  const double d_hat = b->mean - a->mean;
  const double num = d_hat - delta;
  if (num == 0.0) { *z = 0.0; return FGROI_OK; }
  double t_lo = fmax(vmin, vmin - delta), t_hi = fmin(vmax, vmax - delta), t;
  if (!(t_hi > t_lo)) {
    t = t_lo;
  } else {
    mm2_eq e = { a, b, delta, FGROI_OK };
    fgroi_status st = fgroi__root_brent(mm2_fn, &e, t_lo, t_hi, 1e-15, 4.0 * DBL_EPSILON, &t);
    if (e.st != FGROI_OK) return e.st;
    FGROI__TRY(st);
  }
  double l1, l2, v1, v2;
  FGROI__TRY(mm_restricted(a, t, &l1, &v1));
  FGROI__TRY(mm_restricted(b, t + delta, &l2, &v2));
  double var = v1 / a->n + v2 / b->n;
  double zz = var > 0.0 ? num / sqrt(var) : (num > 0.0 ? 1e8 : -1e8);
  *z = fmax(-1e8, fmin(1e8, zz));
  return FGROI_OK;
}

/* Invert a score statistic z(theta), decreasing in theta, on [lo_b, hi_b]:
 * lower limit solves z = zc, upper z = -zc; closed forms at the edges. */
typedef struct {
  const fgroi__mm_sample *a, *b; /* b NULL: one sample */
  double target;
  fgroi_status st;
} mm_inv_eq;

static double mm_inv_fn(double theta, void *ctx) {
  mm_inv_eq *e = ctx;
  double z;
  fgroi_status st = e->b ? fgroi__mm2_score_z(e->a, e->b, theta, &z)
                          : fgroi__mm_score_z(e->a, theta, &z);
  if (st != FGROI_OK) { e->st = st; return NAN; }
  return z - e->target;
}

fgroi_status fgroi__mm_invert(const fgroi__mm_sample *a, const fgroi__mm_sample *b, double est,
                              double lo_b, double hi_b, double zc, int want_lower, int want_upper,
                              double *lo, double *hi, unsigned *flags) {
  *lo = lo_b;
  *hi = hi_b;
  int at_end;
  if (want_lower) {
    if (est <= lo_b) { *lo = lo_b; *flags |= FGROI_FLAG_CLOSED_FORM; }
    else {
      mm_inv_eq e = { a, b, zc, FGROI_OK };
      fgroi_status st = fgroi__root_monotone(mm_inv_fn, &e, lo_b, est, 1e-14, 1e-13, lo, &at_end);
      if (e.st != FGROI_OK) return e.st;
      FGROI__TRY(st);
    }
  }
  if (want_upper) {
    if (est >= hi_b) { *hi = hi_b; *flags |= FGROI_FLAG_CLOSED_FORM; }
    else {
      mm_inv_eq e = { a, b, -zc, FGROI_OK };
      fgroi_status st = fgroi__root_monotone(mm_inv_fn, &e, est, hi_b, 1e-14, 1e-13, hi, &at_end);
      if (e.st != FGROI_OK) return e.st;
      FGROI__TRY(st);
    }
  }
  return FGROI_OK;
}

/* Tango's score interval on the -1..1 scale: promoters and detractors are
 * the discordant cells b and c of the shared paired kernel (lib/score.h). */
fgroi_status fgroi__nps_score_limits(double det, double pas, double pro, double zc,
                                     int want_lower, int want_upper, double *lo, double *hi,
                                     unsigned *flags) {
  double l, u;
  FGROI__TRY(fgroi__tango_ci(pro, det, det + pas + pro, zc, &l, &u, flags));
  *lo = want_lower ? l : -1.0;
  *hi = want_upper ? u : 1.0;
  return FGROI_OK;
}
