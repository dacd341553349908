/* Tango's score statistic and interval for the difference of two
 * discordant cell probabilities in one multinomial sample (paired
 * proportions, NPS). Tango T (1998) Equivalence test and confidence
 * interval for the difference in proportions for the paired-sample design.
 * Statistics in Medicine 17:891-908. Formulas: docs/methods/paired.md. */
#include <float.h>

#include "num.h"
#include "score.h"

fgroi_status fgroi__tango_check(double b, double c, double n) {
  if (isnan(b) || isnan(c) || isnan(n)) return FGROI_E_NAN;
  if (isinf(b) || isinf(c) || isinf(n)) return FGROI_E_INFINITE;
  if (b < 0.0 || c < 0.0 || n < 0.0) return FGROI_E_NEGATIVE_COUNT;
  if (n == 0.0) return FGROI_E_EMPTY;
  if (b + c > n * (1.0 + 4.0 * DBL_EPSILON)) return FGROI_E_COUNT_EXCEEDS_TOTAL;
  return FGROI_OK;
}

/* Restricted MLE for d >= 0 (then C <= 0 and the larger root is >= 0). */
static double q21_nonneg(double b, double c, double n, double d) {
  double A = 2.0 * n;
  double B = -b - c + (2.0 * n - b + c) * d;
  double C = -c * d * (1.0 - d);
  double disc = B * B - 4.0 * A * C;
  if (disc < 0.0) disc = 0.0;
  double s = sqrt(disc);
  /* larger root of A q^2 + B q + C, without cancellation */
  double q = B <= 0.0 ? (s - B) / (2.0 * A) : (s + B > 0.0 ? -2.0 * C / (s + B) : 0.0);
  double hi = 0.5 * (1.0 - d);
  if (q < 0.0) q = 0.0;
  if (q > hi) q = hi;
  return q;
}

double fgroi__tango_q21(double b, double c, double n, double d) {
  if (fgroi__tango_check(b, c, n) != FGROI_OK || !(fabs(d) <= 1.0)) return NAN;
  if (d >= 0.0) return q21_nonneg(b, c, n, d);
  /* mirror: swap the cells; q12 of the mirror is q21 + d of the original */
  return q21_nonneg(c, b, n, -d) - d;
}

static double z_nonneg(double b, double c, double n, double d) {
  double q = q21_nonneg(b, c, n, d);
  double num = b - c - n * d;
  double var = n * (2.0 * q + d * (1.0 - d));
  if (num == 0.0) return 0.0;
  if (!(var > 0.0)) return num > 0.0 ? INFINITY : -INFINITY;
  return num / sqrt(var);
}

double fgroi__tango_z(double b, double c, double n, double d) {
  if (fgroi__tango_check(b, c, n) != FGROI_OK || !(fabs(d) <= 1.0)) return NAN;
  /* z(b, c; d) = -z(c, b; -d): always evaluate with d >= 0. */
  return d >= 0.0 ? z_nonneg(b, c, n, d) : -z_nonneg(c, b, n, -d);
}

typedef struct { double b, c, n, target; } tango_eq;

/* atan keeps the function finite where z is infinite at the ends. */
static double tango_fn(double d, void *ctx) {
  const tango_eq *e = ctx;
  return atan(fgroi__tango_z(e->b, e->c, e->n, d)) - atan(e->target);
}

fgroi_status fgroi__tango_ci(double b, double c, double n, double z_crit,
                             double *lower, double *upper, unsigned *flags) {
  if (lower == NULL || upper == NULL || flags == NULL) return FGROI_E_NULL;
  FGROI__TRY(fgroi__tango_check(b, c, n));
  if (isnan(z_crit)) return FGROI_E_NAN;
  if (!(z_crit > 0.0)) return FGROI_E_OUT_OF_RANGE;
  double lo, hi;
  unsigned fl = 0;
  if (isinf(z_crit)) {
    *lower = -1.0; *upper = 1.0; *flags = FGROI_FLAG_CLOSED_FORM;
    return FGROI_OK;
  }
  double k = z_crit * z_crit;
  double est = (b - c) / n;
  if (b == c) {
    double h = z_crit * sqrt(k + 2.0 * b) / (n + k);
    lo = est - h; hi = est + h;
    fl |= FGROI_FLAG_CLOSED_FORM;
  } else if (b == n || c == n) {
    double m = (n - k) / (n + k);
    if (b == n) { lo = m; hi = 1.0; } else { lo = -1.0; hi = -m; }
    fl |= FGROI_FLAG_CLOSED_FORM;
  } else {
    tango_eq e = { b, c, n, z_crit };
    FGROI__TRY(fgroi__root_brent(tango_fn, &e, -1.0, est, 1e-15, 1e-13, &lo));
    e.target = -z_crit;
    FGROI__TRY(fgroi__root_brent(tango_fn, &e, est, 1.0, 1e-15, 1e-13, &hi));
  }
  if (lo < -1.0) lo = -1.0;
  if (hi > 1.0) hi = 1.0;
  *lower = lo; *upper = hi; *flags = fl;
  return FGROI_OK;
}
