/* The proportion engine: one proportion (intervals, exact binomial test),
 * two independent proportions (difference, ratio, odds ratio, tests) and
 * the mergeable success tally. Formulas and citations: docs/methods.md. */
#include <float.h>
#include <limits.h>

#include "internal.h"
#include "num.h"

/* ---- tally --------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_prop_tally_init(fgroi_prop_tally *tally) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_prop_tally, trials));
  fgroi_prop_tally t = { .struct_size = sizeof t };
  fgroi__write_out(tally, &t, sizeof t);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_tally_add(fgroi_prop_tally *tally, const uint8_t *outcomes,
                                            size_t n) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_prop_tally, trials));
  if (n > 0 && outcomes == NULL) return FGROI_E_NULL;
  int64_t ones = 0;
  for (size_t i = 0; i < n; i++) {
    if (outcomes[i] > 1) return FGROI_E_OUT_OF_RANGE;
    ones += outcomes[i];
  }
  if ((uint64_t)n > (uint64_t)(INT64_MAX - tally->trials)) return FGROI_E_OVERFLOW;
  tally->successes += ones;
  tally->trials += (int64_t)n;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_tally_merge(fgroi_prop_tally *dst, const fgroi_prop_tally *src) {
  FGROI__TRY(FGROI__CHECK_OUT(dst, fgroi_prop_tally, trials));
  FGROI__TRY(FGROI__CHECK_OUT(src, fgroi_prop_tally, trials));
  if (src->successes < 0 || src->trials < 0) return FGROI_E_NEGATIVE_COUNT;
  if (src->successes > src->trials) return FGROI_E_COUNT_EXCEEDS_TOTAL;
  if (src->trials > INT64_MAX - dst->trials) return FGROI_E_OVERFLOW;
  dst->successes += src->successes;
  dst->trials += src->trials;
  return FGROI_OK;
}

/* ---- one proportion: intervals ----------------------------------------- */

/* Tail probabilities of Binomial(n, p) around x, as functions of p, used to
 * invert exact and mid-p tests. `upper_side` selects which limit. */
typedef struct {
  double x, n, target;
  int upper_side; /* 0: lower limit, P(X >= x) = target; 1: upper limit, P(X <= x) = target */
  int mid;        /* mid-p: count P(X = x) with weight 1/2 */
} binom_limit_eq;

static double binom_limit_fn(double p, void *ctx) {
  const binom_limit_eq *e = ctx;
  double tail;
  if (e->upper_side) {
    /* decreasing in p */
    tail = e->mid ? fgroi__pbinom(e->x - 1.0, e->n, p, 1) + 0.5 * fgroi__dbinom(e->x, e->n, p, 0)
                  : fgroi__pbinom(e->x, e->n, p, 1);
    return tail - e->target;
  }
  /* increasing in p */
  tail = e->mid ? fgroi__pbinom(e->x, e->n, p, 0) + 0.5 * fgroi__dbinom(e->x, e->n, p, 0)
                : fgroi__pbinom(e->x - 1.0, e->n, p, 0);
  return tail - e->target;
}

static fgroi_status binom_limit(double x, double n, double tail, int upper_side, int mid,
                                double *limit) {
  binom_limit_eq e = { x, n, tail, upper_side, mid };
  /* mid-p tails at x = 0 or x = n never exceed 1/2: for conf_level < 1/2
   * the limit is then the end of [0, 1] */
  int at_end;
  return fgroi__root_monotone(binom_limit_fn, &e, 0.0, 1.0, 1e-300, 8.0 * DBL_EPSILON, limit, &at_end);
}

/* Wilson score limits at pseudo-proportion p (n trials, normal quantile z). */
static void wilson_limits(double p, double n, double z, double *lo, double *hi) {
  double z2 = z * z, denom = 1.0 + z2 / n;
  double centre = (p + z2 / (2.0 * n)) / denom;
  double half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
  *lo = centre - half;
  *hi = centre + half;
}

FGROI_API fgroi_status fgroi_prop_ci(int64_t x, int64_t n, fgroi_method method, double conf_level,
                                     fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(fgroi__check_count(x, n));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_WILSON;

  const double xd = (double)x, nd = (double)n, p = xd / nd;
  const double alpha = 1.0 - conf_level;
  const double tail = alternative == FGROI_TWO_SIDED ? alpha / 2.0 : alpha;
  const double z = fgroi__qnorm(tail, 0);
  unsigned flags = 0;
  double lo = 0.0, hi = 1.0;

  switch (method) {
    case FGROI_METHOD_WALD: {
      double half = z * sqrt(p * (1.0 - p) / nd);
      lo = p - half;
      hi = p + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_WILSON:
      wilson_limits(p, nd, z, &lo, &hi);
      break;
    case FGROI_METHOD_WILSON_CC: {
      /* Newcombe (1998a) method 4: Wilson limits at x -/+ 1/2 */
      double dummy;
      if (x > 0) wilson_limits(p - 0.5 / nd, nd, z, &lo, &dummy);
      if (x < n) wilson_limits(p + 0.5 / nd, nd, z, &dummy, &hi);
      flags |= FGROI_FLAG_CONTINUITY;
      break;
    }
    case FGROI_METHOD_AGRESTI_COULL: {
      double nt = nd + z * z, pt = (xd + z * z / 2.0) / nt;
      double half = z * sqrt(pt * (1.0 - pt) / nt);
      lo = pt - half;
      hi = pt + half;
      break;
    }
    case FGROI_METHOD_JEFFREYS:
      if (x > 0) lo = fgroi__qbeta(tail, xd + 0.5, nd - xd + 0.5, 1);
      if (x < n) hi = fgroi__qbeta(tail, xd + 0.5, nd - xd + 0.5, 0);
      if (isnan(lo) || isnan(hi)) return FGROI_E_NO_CONVERGENCE;
      break;
    case FGROI_METHOD_CLOPPER_PEARSON:
    case FGROI_METHOD_MID_P: {
      int mid = method == FGROI_METHOD_MID_P;
      if (x > 0) FGROI__TRY(binom_limit(xd, nd, tail, 0, mid, &lo));
      if (x < n) FGROI__TRY(binom_limit(xd, nd, tail, 1, mid, &hi));
      flags |= FGROI_FLAG_EXACT;
      break;
    }
    default:
      return FGROI_E_METHOD;
  }
  if (x == 0 || x == n) flags |= FGROI_FLAG_CLOSED_FORM;
  /* boundary closed forms: the interval always reaches the observed edge */
  if (x == 0) lo = 0.0;
  if (x == n) hi = 1.0;
  if (lo < 0.0 || hi > 1.0) flags |= FGROI_FLAG_TRUNCATED;
  if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE; /* Wald at x = 0 or n */
  lo = fgroi__clamp01(lo);
  hi = fgroi__clamp01(hi);
  if (alternative == FGROI_LESS) { lo = 0.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alternative == FGROI_GREATER) { hi = 1.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }

  fgroi_interval r = fgroi__interval(p, lo, hi, conf_level, method, alternative, flags);
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}

/* ---- one proportion: exact binomial test --------------------------------- */

/* First k in [from, to] (pmf non-increasing there) with pmf(k) <= bound;
 * to + 1 when none. */
static double first_at_most(double from, double to, double n, double p, double log_bound) {
  double lo = from, hi = to + 1.0;
  while (lo < hi) {
    double mid = floor((lo + hi) / 2.0);
    if (fgroi__dbinom(mid, n, p, 1) <= log_bound) hi = mid; else lo = mid + 1.0;
  }
  return lo;
}

/* Last k in [from, to] (pmf non-decreasing there) with pmf(k) <= bound;
 * from - 1 when none. */
static double last_at_most(double from, double to, double n, double p, double log_bound) {
  double lo = from - 1.0, hi = to;
  while (lo < hi) {
    double mid = ceil((lo + hi) / 2.0);
    if (fgroi__dbinom(mid, n, p, 1) <= log_bound) lo = mid; else hi = mid - 1.0;
  }
  return lo;
}

/* Total probability of outcomes in [from, to] whose pmf equals exp(log_d)
 * within the relative tolerance (the ties that mid-p halves). */
static double tied_mass(double from, double to, double n, double p, double log_d) {
  double mass = 0.0;
  for (double k = from; k <= to; k++) {
    double l = fgroi__dbinom(k, n, p, 1);
    if (fabs(l - log_d) <= log1p(FGROI__REL_TOL)) mass += exp(l);
  }
  return mass;
}

FGROI_API fgroi_status fgroi_prop_test(int64_t x, int64_t n, double p0, fgroi_method method,
                                       fgroi_alternative alternative, fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  FGROI__TRY(fgroi__check_count(x, n));
  if (isnan(p0)) return FGROI_E_NAN;
  if (!(p0 >= 0.0 && p0 <= 1.0)) return FGROI_E_PROBABILITY;
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_EXACT;
  if (method != FGROI_METHOD_EXACT && method != FGROI_METHOD_MID_P) return FGROI_E_METHOD;

  const int mid = method == FGROI_METHOD_MID_P;
  const double xd = (double)x, nd = (double)n;
  const double d = fgroi__dbinom(xd, nd, p0, 0), half_d = mid ? 0.5 * d : 0.0;
  unsigned flags = FGROI_FLAG_EXACT;
  double pv;

  if (alternative == FGROI_LESS) {
    pv = fgroi__pbinom(xd, nd, p0, 1) - half_d;
  } else if (alternative == FGROI_GREATER) {
    pv = fgroi__pbinom(xd - 1.0, nd, p0, 0) - half_d;
  } else if (p0 == 0.0 || p0 == 1.0) {
    pv = (p0 == 0.0 ? x == 0 : x == n) ? 1.0 - half_d : 0.0;
    flags |= FGROI_FLAG_CLOSED_FORM;
  } else {
    /* R's binom.test rule: sum outcomes with pmf <= d * (1 + 1e-7). The
     * other side is a monotone run, so a binary search finds its edge. */
    const double m = nd * p0, log_bound = log(d) + log1p(FGROI__REL_TOL);
    const double log_d = log(d);
    if (xd == m) {
      pv = 1.0;
      if (mid) pv -= 0.5 * tied_mass(xd, xd, nd, p0, log_d);
    } else if (xd < m) {
      double k = first_at_most(ceil(m), nd, nd, p0, log_bound);
      pv = fgroi__pbinom(xd, nd, p0, 1) + fgroi__pbinom(k - 1.0, nd, p0, 0);
      if (mid) pv -= 0.5 * (d + tied_mass(k, fmin(nd, k + 2.0), nd, p0, log_d));
    } else {
      double k = last_at_most(0.0, floor(m), nd, p0, log_bound);
      pv = fgroi__pbinom(k, nd, p0, 1) + fgroi__pbinom(xd - 1.0, nd, p0, 0);
      if (mid) pv -= 0.5 * (d + tied_mass(fmax(0.0, k - 2.0), k, nd, p0, log_d));
    }
  }
  if (pv < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  pv = fgroi__clamp01(pv);

  fgroi_test r = fgroi__test(xd, NAN, pv, p0, method, alternative, flags);
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}
