/* The proportion engine: one proportion (intervals, exact binomial test),
 * two independent proportions (difference, ratio, odds ratio, tests) and
 * the mergeable success tally. Formulas and citations: docs/methods/prop.md. */
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

/* A tally read back from bytes (pickles, files) may hold anything: its
 * counts must be a valid x of n before they are added to. */
static fgroi_status check_tally(const fgroi_prop_tally *t) {
  if (t->successes < 0 || t->trials < 0) return FGROI_E_NEGATIVE_COUNT;
  if (t->successes > t->trials) return FGROI_E_COUNT_EXCEEDS_TOTAL;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_tally_add(fgroi_prop_tally *tally, const uint8_t *outcomes,
                                            size_t n) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_prop_tally, trials));
  FGROI__TRY(check_tally(tally));
  if (n > 0 && outcomes == NULL) return FGROI_E_NULL;
  int64_t ones = 0;
  for (size_t i = 0; i < n; i++) {
    if (outcomes[i] > 1) return FGROI_E_OUT_OF_RANGE;
    ones += outcomes[i];
  }
  int64_t trials;
  if ((uint64_t)n > (uint64_t)INT64_MAX || fgroi__add_i64(tally->trials, (int64_t)n, &trials))
    return FGROI_E_OVERFLOW;
  tally->successes += ones; /* ones <= n, so successes <= trials fits */
  tally->trials = trials;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_tally_merge(fgroi_prop_tally *dst, const fgroi_prop_tally *src) {
  FGROI__TRY(FGROI__CHECK_OUT(dst, fgroi_prop_tally, trials));
  FGROI__TRY(FGROI__CHECK_OUT(src, fgroi_prop_tally, trials));
  FGROI__TRY(check_tally(src));
  FGROI__TRY(check_tally(dst));
  int64_t trials;
  if (fgroi__add_i64(dst->trials, src->trials, &trials)) return FGROI_E_OVERFLOW;
  dst->successes += src->successes;
  dst->trials = trials;
  return FGROI_OK;
}

/* ---- one proportion: intervals ----------------------------------------- */

/* Mid-p limits of a binomial proportion: the upper limit solves
 * P(X < x) + P(X = x)/2 = target (decreasing in p), the lower limit
 * P(X > x) + P(X = x)/2 = target (increasing in p). The binomial tails are
 * incomplete beta functions, P(X >= k) = I_p(k, n - k + 1), so each
 * evaluation is O(1) in n (summing the tails would be O(sqrt n)). */
typedef struct { double x, n, target; int upper_side; } midp_eq;

static double midp_fn(double p, void *ctx) {
  const midp_eq *e = ctx;
  double half = 0.5 * fgroi__dbinom(e->x, e->n, p, 0), tail;
  if (e->upper_side) /* P(X <= x - 1) */
    tail = e->x > 0.0 ? fgroi__pbeta(p, e->x, e->n - e->x + 1.0, 0) : 0.0;
  else /* P(X >= x + 1) */
    tail = e->x < e->n ? fgroi__pbeta(p, e->x + 1.0, e->n - e->x, 1) : 0.0;
  return tail + half - e->target;
}

static fgroi_status midp_limit(double x, double n, double target, int upper_side, double *limit) {
  midp_eq e = { x, n, target, upper_side };
  /* mid-p tails at x = 0 or x = n never exceed 1/2: for conf_level < 1/2
   * the limit is then the end of [0, 1] */
  int at_end;
  return fgroi__root_monotone(midp_fn, &e, 0.0, 1.0, 1e-300, 8.0 * DBL_EPSILON, limit, &at_end);
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
  const double z = fgroi__z_conf(conf_level, alternative);
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
    case FGROI_METHOD_WALD_CC: {
      /* Newcombe (1998a) method 2: p -+ (z sqrt(p q / n) + 1 / (2 n)) */
      double half = z * sqrt(p * (1.0 - p) / nd) + copysign(0.5 / nd, z);
      lo = p - half;
      hi = p + half;
      flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
      break;
    }
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
      /* the binomial tails as beta quantiles, as R's binom.test:
       * qbeta(a, x, n - x + 1) and qbeta(1 - a, x + 1, n - x); the beta CDF
       * costs O(1) at any n where summing binomial tails costs O(sqrt n) */
      if (x > 0) lo = fgroi__qbeta(tail, xd, nd - xd + 1.0, 1);
      if (x < n) hi = fgroi__qbeta(tail, xd + 1.0, nd - xd, 0);
      if (isnan(lo) || isnan(hi)) return FGROI_E_NO_CONVERGENCE;
      flags |= FGROI_FLAG_EXACT;
      break;
    case FGROI_METHOD_MID_P:
      if (x > 0) FGROI__TRY(midp_limit(xd, nd, tail, 0, &lo));
      if (x < n) FGROI__TRY(midp_limit(xd, nd, tail, 1, &hi));
      flags |= FGROI_FLAG_EXACT;
      break;
    default:
      return FGROI_E_METHOD;
  }
  /* boundary closed forms: the interval always reaches the observed edge.
   * Not for a one-sided level below 1/2 (z < 0) of a normal-theory
   * interval: its one bound then lies beyond the estimate, also at 0 or n. */
  if (z >= 0.0 || method == FGROI_METHOD_CLOPPER_PEARSON || method == FGROI_METHOD_JEFFREYS ||
      method == FGROI_METHOD_MID_P) {
    if (x == 0 || x == n) flags |= FGROI_FLAG_CLOSED_FORM;
    if (x == 0) lo = 0.0;
    if (x == n) hi = 1.0;
  }
  if (lo < 0.0 || hi > 1.0) flags |= FGROI_FLAG_TRUNCATED;
  if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE; /* Wald at x = 0 or n */
  /* two-sided conf_level -> 0: both limits solve the same equation (the
   * mid-p median), and the two root searches can cross by an ulp or two
   * (issue 14, fuzz finding 12: [0.70957887139147879, ...813]) */
  if (lo > hi && alternative == FGROI_TWO_SIDED && hi - lo > -1e-12) lo = hi = 0.5 * (lo + hi);
  lo = fgroi__clamp01(lo);
  hi = fgroi__clamp01(hi);
  if (alternative == FGROI_LESS) { lo = 0.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alternative == FGROI_GREATER) { hi = 1.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }

  fgroi_interval r = fgroi__interval(p, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

/* ---- unimodal discrete distributions: "no more probable than" sums ------ */

/* A unimodal pmf on the integers lo..hi (given by its log), non-decreasing
 * on [lo, mode] and non-increasing on [mode, hi]. Lets the two-sided exact
 * tests find the tables or outcomes no more probable than the observed one
 * by binary search, so supports in the billions cost O(log n). */
typedef struct {
  double (*lpmf)(double k, const double *par);
  double (*cdf)(double k, const double *par, int lower); /* P(X <= k) / P(X > k) */
  const double *par;
  double lo, hi, mode;
} unimodal;

/* Last k in [from, to] (lpmf non-decreasing there) with lpmf(k) <= bound;
 * from - 1 when none. */
static double um_last_at_most(const unimodal *u, double from, double to, double bound) {
  /* integer bisection: doubles stop advancing past 2^52 (issue 14) */
  int64_t lo = (int64_t)from - 1, hi = (int64_t)to;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo + 1) / 2;
    if (u->lpmf((double)mid, u->par) <= bound) lo = mid; else hi = mid - 1;
  }
  return (double)lo;
}

/* First k in [from, to] (lpmf non-increasing there) with lpmf(k) <= bound;
 * to + 1 when none. */
static double um_first_at_most(const unimodal *u, double from, double to, double bound) {
  int64_t lo = (int64_t)from, hi = (int64_t)to + 1;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (u->lpmf((double)mid, u->par) <= bound) hi = mid; else lo = mid + 1;
  }
  return (double)lo;
}

/* P(lpmf(X) <= bound): the sum of both tails beyond the last outcome at most
 * `bound` on each side of the mode (R's binom.test / fisher.test rule). */
static double um_tails_at_most(const unimodal *u, double bound) {
  if (u->lpmf(u->mode, u->par) <= bound) return 1.0;
  double left = um_last_at_most(u, u->lo, u->mode - 1.0, bound);
  double right = um_first_at_most(u, u->mode + 1.0, u->hi, bound);
  double p = 0.0;
  if (left >= u->lo) p += u->cdf(left, u->par, 1);
  if (right <= u->hi) p += u->cdf(right - 1.0, u->par, 0);
  return p;
}

/* Total probability of outcomes whose lpmf lies in [lb, ub] (ties of the
 * observed outcome within the relative tolerance). They form at most one
 * run on each side of the mode, found by binary search and summed. */
static double um_mass_between(const unimodal *u, double lb, double ub) {
  double mass = 0.0;
  /* left side [lo, mode]: lpmf non-decreasing */
  double a = um_last_at_most(u, u->lo, u->mode, lb) + 1.0; /* first with lpmf > lb ... */
  if (a > u->lo && u->lpmf(a - 1.0, u->par) >= lb) a -= 1.0; /* ... or == lb */
  double b = um_last_at_most(u, u->lo, u->mode, ub);
  for (int64_t k = (int64_t)a; k <= (int64_t)b; k++) mass += exp(u->lpmf((double)k, u->par));
  /* right side (mode, hi]: lpmf non-increasing */
  if (u->mode < u->hi) {
    double c = um_first_at_most(u, u->mode + 1.0, u->hi, ub);
    double d = um_first_at_most(u, u->mode + 1.0, u->hi, lb) - 1.0;
    if (d < u->hi && u->lpmf(d + 1.0, u->par) >= lb) d += 1.0;
    for (int64_t k = (int64_t)c; k <= (int64_t)d; k++) mass += exp(u->lpmf((double)k, u->par));
  }
  return mass;
}

/* Two-sided exact p-value of an outcome with log-probability log_d: the
 * sum over outcomes with pmf <= d (1 + 1e-7); mid-p subtracts half the
 * mass of the outcomes tied with it within that tolerance. */
static double um_two_sided(const unimodal *u, double log_d, int mid) {
  double tol = log1p(FGROI__REL_TOL);
  double p = um_tails_at_most(u, log_d + tol);
  if (mid) p -= 0.5 * um_mass_between(u, log_d - tol, log_d + tol);
  return p;
}

/* ---- one proportion: exact binomial test --------------------------------- */

static double binom_lpmf(double k, const double *par) { return fgroi__dbinom(k, par[0], par[1], 1); }
static double binom_cdf(double k, const double *par, int lower) {
  return fgroi__pbinom(k, par[0], par[1], lower);
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
  if (n > FGROI__EXACT_BINOM_MAX) return FGROI_E_TOO_LARGE;

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
    /* R's binom.test rule: sum outcomes with pmf <= d * (1 + 1e-7) */
    const double par[2] = { nd, p0 };
    double mode = floor((nd + 1.0) * p0);
    if (mode > nd) mode = nd;
    const unimodal u = { binom_lpmf, binom_cdf, par, 0.0, nd, mode };
    pv = um_two_sided(&u, fgroi__dbinom(xd, nd, p0, 1), mid);
  }
  if (pv < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  pv = fgroi__clamp01(pv);

  fgroi_test r = fgroi__test(xd, NAN, pv, p0, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- two independent proportions ----------------------------------------- */

/* Validate the common arguments of the two-sample interval functions. */
static fgroi_status check_two_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double conf,
                                 fgroi_alternative alt, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  FGROI__TRY(fgroi__check_conf(conf));
  return fgroi__check_alternative(alt);
}

/* Upper normal quantile for the tail each computed limit leaves out. */
static double tail_prob(double conf, fgroi_alternative alt) {
  return alt == FGROI_TWO_SIDED ? (1.0 - conf) / 2.0 : 1.0 - conf;
}

/* Derivative in p2 of the log-likelihood restricted to p1 = p2 + delta
 * (decreasing on the feasible range); terms with a zero count are absent,
 * infinities become +-DBL_MAX so Brent can bracket at the ends. */
typedef struct { double x1, n1, x2, n2, delta; } rd_eq;

static double rd_score(double p2, void *ctx) {
  const rd_eq *e = ctx;
  double p1 = p2 + e->delta, g = 0.0;
  if (e->x1 > 0.0) g += e->x1 / p1;
  if (e->n1 - e->x1 > 0.0) g -= (e->n1 - e->x1) / (1.0 - p1);
  if (e->x2 > 0.0) g += e->x2 / p2;
  if (e->n2 - e->x2 > 0.0) g -= (e->n2 - e->x2) / (1.0 - p2);
  if (isnan(g)) return 0.0; /* +inf - inf only at a degenerate end */
  return g > DBL_MAX ? DBL_MAX : (g < -DBL_MAX ? -DBL_MAX : g);
}

/* Restricted MLE (p1, p2) under p1 - p2 = delta (Miettinen & Nurminen
 * 1985). The closed-form cubic root loses all accuracy for proportions
 * near 1e-9, so the score equation is solved by Brent on the feasible
 * range instead (relative accuracy a few ulps at any magnitude). */
static void mn_restricted(double x1, double n1, double x2, double n2, double delta,
                          double *pt1, double *pt2) {
  if (delta <= -1.0) { *pt1 = 0.0; *pt2 = 1.0; return; }
  if (delta >= 1.0) { *pt1 = 1.0; *pt2 = 0.0; return; }
  rd_eq e = { x1, n1, x2, n2, delta };
  double lo = delta < 0.0 ? -delta : 0.0, hi = delta > 0.0 ? 1.0 - delta : 1.0, q2;
  if (rd_score(lo, &e) <= 0.0) q2 = lo;
  else if (rd_score(hi, &e) >= 0.0) q2 = hi;
  else if (fgroi__root_brent(rd_score, &e, lo, hi, 0.0, 4.0 * DBL_EPSILON, &q2) != FGROI_OK)
    q2 = 0.5 * (lo + hi); /* unreachable: the bracket holds by construction */
  *pt1 = q2 + delta;
  *pt2 = q2;
}

typedef struct { double x1, n1, x2, n2, d, z, side; int mee; } mn_eq;

/* side * (d - delta) - z sqrt(V(delta)) with the Miettinen-Nurminen
 * variance V = (p1 q1 / n1 + p2 q2 / n2) N / (N - 1) at the restricted MLE;
 * side = +1 finds the lower limit, -1 the upper. Written without dividing
 * by sqrt(V) so V = 0 at the ends of the parameter space is harmless. */
static double mn_fn(double delta, void *ctx) {
  const mn_eq *e = ctx;
  double t1, t2;
  mn_restricted(e->x1, e->n1, e->x2, e->n2, delta, &t1, &t2);
  double nn = e->n1 + e->n2;
  double v = (t1 * (1.0 - t1) / e->n1 + t2 * (1.0 - t2) / e->n2) * (e->mee ? 1.0 : nn / (nn - 1.0));
  return e->side * (e->d - delta) - e->z * sqrt(v > 0.0 ? v : 0.0);
}

/* One Miettinen-Nurminen limit. The root lies between the estimate d and
 * the end of [-1, 1] on the side the (signed) z points to: below d for the
 * lower limit when z > 0, above it when z < 0 (a one-sided level below
 * 1/2), and at d when z = 0. */
static fgroi_status mn_limit(mn_eq *e, double side, double *limit) {
  e->side = side;
  if (e->z == 0.0) { *limit = e->d; return FGROI_OK; }
  double end = (side > 0.0) == (e->z > 0.0) ? -1.0 : 1.0;
  if (e->d == end) { *limit = end; return FGROI_OK; }
  double near = e->d;
  if (mn_fn(near, e) == 0.0) near = e->d + copysign(1e-14, end - e->d); /* V(d) = 0 */
  double root;
  fgroi_status st = fgroi__root_brent(mn_fn, e, end, near, 1e-15, 4.0 * DBL_EPSILON, &root);
  if (st == FGROI_E_OUT_OF_RANGE) { *limit = near; return FGROI_OK; }
  if (st != FGROI_OK) return FGROI_E_NO_CONVERGENCE;
  *limit = root;
  return FGROI_OK;
}

/* Both continuity-corrected Wilson limits of x/n through fgroi_prop_ci: for
 * a one-sided alternative each limit is the one-sided limit at conf_level
 * (as the limits of Newcombe's method 10 are). */
static fgroi_status wilson_cc_limits(int64_t x, int64_t n, double conf, fgroi_alternative alt,
                                     double *lo, double *hi) {
  fgroi_interval w = FGROI_INIT(fgroi_interval);
  FGROI__TRY(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON_CC, conf,
                           alt == FGROI_TWO_SIDED ? FGROI_TWO_SIDED : FGROI_GREATER, &w));
  *lo = w.lower;
  FGROI__TRY(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON_CC, conf,
                           alt == FGROI_TWO_SIDED ? FGROI_TWO_SIDED : FGROI_LESS, &w));
  *hi = w.upper;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_diff_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                          fgroi_method method, double conf_level,
                                          fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(check_two_ci(x1, n1, x2, n2, conf_level, alternative, out));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_NEWCOMBE;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  const double p1 = a / m1, p2 = c / m2, d = p1 - p2;
  const double z = fgroi__z_conf(conf_level, alternative);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  unsigned flags = 0;
  double lo = -1.0, hi = 1.0;

  switch (method) {
    case FGROI_METHOD_WALD:
    case FGROI_METHOD_AGRESTI_CAFFO: {
      /* Agresti & Caffo (2000): Wald after one success and one failure
       * are added to each group */
      double add = method == FGROI_METHOD_WALD ? 0.0 : 1.0;
      double t1 = (a + add) / (m1 + 2.0 * add), t2 = (c + add) / (m2 + 2.0 * add);
      double half = z * sqrt(t1 * (1.0 - t1) / (m1 + 2.0 * add) + t2 * (1.0 - t2) / (m2 + 2.0 * add));
      lo = (t1 - t2) - half;
      hi = (t1 - t2) + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_NEWCOMBE: {
      /* Newcombe (1998b) method 10: combine the two Wilson intervals */
      double l1, u1, l2, u2;
      wilson_limits(p1, m1, z, &l1, &u1);
      wilson_limits(p2, m2, z, &l2, &u2);
      if (z > 0.0) { /* exact edges (rounding) */
        if (x1 == 0) l1 = 0.0;
        if (x1 == n1) u1 = 1.0;
        if (x2 == 0) l2 = 0.0;
        if (x2 == n2) u2 = 1.0;
      }
      /* d -+ z sqrt(l1 (1 - l1)/n1 + u2 (1 - u2)/n2) and its mirror, written
       * with the Wilson identity p - l = z sqrt(l (1 - l)/n); z < 0 only for a
       * one-sided level below 1/2 */
      double sg = z < 0.0 ? -1.0 : 1.0;
      lo = d - sg * sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
      hi = d + sg * sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
      break;
    }
    case FGROI_METHOD_MIETTINEN_NURMINEN: {
      mn_eq e = { a, m1, c, m2, d, z, 1.0, 0 };
      if (want_lo) FGROI__TRY(mn_limit(&e, 1.0, &lo));
      if (want_hi) FGROI__TRY(mn_limit(&e, -1.0, &hi));
      break;
    }
    case FGROI_METHOD_MEE: {
      /* Mee (1984): the Miettinen-Nurminen score without N/(N-1) */
      mn_eq e = { a, m1, c, m2, d, z, 1.0, 1 };
      if (want_lo) FGROI__TRY(mn_limit(&e, 1.0, &lo));
      if (want_hi) FGROI__TRY(mn_limit(&e, -1.0, &hi));
      break;
    }
    case FGROI_METHOD_WALD_CC: {
      /* Newcombe (1998b) method 2: Wald widened by (1/n1 + 1/n2) / 2 */
      double half = z * sqrt(p1 * (1.0 - p1) / m1 + p2 * (1.0 - p2) / m2) +
                    copysign(0.5 / m1 + 0.5 / m2, z);
      lo = d - half;
      hi = d + half;
      /* a one-sided level below 1/2 (z < 0) can push a limit past the far
       * end of [-1, 1]: clip both limits to both ends */
      if (lo > 1.0 || hi < -1.0) flags |= FGROI_FLAG_TRUNCATED;
      lo = fmin(lo, 1.0);
      hi = fmax(hi, -1.0);
      flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
      break;
    }
    case FGROI_METHOD_NEWCOMBE_CC: {
      /* Newcombe (1998b) method 11: method 10 on the continuity-corrected
       * Wilson limits (Newcombe 1998a method 4) */
      double l1, u1, l2, u2;
      FGROI__TRY(wilson_cc_limits(x1, n1, conf_level, alternative, &l1, &u1));
      FGROI__TRY(wilson_cc_limits(x2, n2, conf_level, alternative, &l2, &u2));
      double sg = z < 0.0 ? -1.0 : 1.0;
      lo = d - sg * sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
      hi = d + sg * sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
      if (lo > 1.0 || hi < -1.0) flags |= FGROI_FLAG_TRUNCATED; /* z < 0, as wald_cc */
      lo = fmin(lo, 1.0);
      hi = fmax(hi, -1.0);
      flags |= FGROI_FLAG_CONTINUITY;
      break;
    }
    default:
      return FGROI_E_METHOD;
  }
  /* clipped into [-1, 1] from either side (a one-sided level below 1/2
   * can put a computed limit past the far bound) */
  if (lo < -1.0 || hi > 1.0 || lo > 1.0 || hi < -1.0) flags |= FGROI_FLAG_TRUNCATED;
  lo = lo < -1.0 ? -1.0 : (lo > 1.0 ? 1.0 : lo);
  hi = hi > 1.0 ? 1.0 : (hi < -1.0 ? -1.0 : hi);
  if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE;
  if (!want_lo) { lo = -1.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (!want_hi) { hi = 1.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }

  fgroi_interval r = fgroi__interval(d, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

/* ---- ratio p1 / p2 -------------------------------------------------------- */

/* Root of a decreasing function f of a log parameter theta: from theta0
 * step towards the root (the sign of f(theta0) says which way), doubling the
 * step until f changes sign, then Brent. When f keeps its sign up to
 * |theta| = 700 (e^700 ~ 1e304) *at_end is set to -1 or +1 (the limit is
 * 0 or +inf); otherwise 0. */
static fgroi_status log_root(fgroi__fn f, void *ctx, double theta0, double *root, int *at_end) {
  double a = theta0, fa = f(a, ctx);
  *at_end = 0;
  if (isnan(fa)) return FGROI_E_NO_CONVERGENCE;
  if (fa == 0.0) { *root = a; return FGROI_OK; }
  double dir = fa > 0.0 ? 1.0 : -1.0;
  for (double step = 0.25;; step *= 2.0) {
    double b = theta0 + dir * step;
    if (b > 700.0) b = 700.0;
    if (b < -700.0) b = -700.0;
    double fb = f(b, ctx);
    if (isnan(fb)) return FGROI_E_NO_CONVERGENCE;
    if (fb == 0.0 || (fb > 0.0) != (fa > 0.0)) {
      if (fgroi__root_brent(f, ctx, a, b, 1e-14, 4.0 * DBL_EPSILON, root) != FGROI_OK)
        return FGROI_E_NO_CONVERGENCE;
      return FGROI_OK;
    }
    if (fabs(b) >= 700.0) { *at_end = (int)dir; *root = b; return FGROI_OK; }
    a = b;
    fa = fb;
  }
}

/* Pearson contribution (o - n p)^2 / (n p (1 - p)), 0/0 taken as 0. */
static double pearson_term(double o, double n, double p) {
  double e = n * p, den = e * (1.0 - p), r = o - e;
  if (!(den > 0.0)) return r == 0.0 ? 0.0 : INFINITY;
  return r * r / den;
}

/* Koopman (1984): the score statistic for the ratio at the MLE restricted
 * to p1 = rho p2. The restricted MLE solves r1 / (1 - p1) + r2 / (1 - p2) = 0
 * (r = x - n p); writing that common value as lambda gives the family
 *   p1 = (x1 - lambda) / (n1 - lambda),  p2 = (x2 + lambda) / (n2 + lambda),
 * lambda in [-x2, x1] (lambda = 0 is the unrestricted MLE), along which the
 * Pearson chi-square is
 *   u = lambda^2 (f1 / (n1 (x1 - lambda)) + f2 / (n2 (x2 + lambda)))
 * (f = n - x failures). Its signed root s = sign(lambda) sqrt(u) increases
 * with lambda while rho decreases, so no term is a difference of large
 * numbers: the residuals are lambda itself, not x - n p formed from a root
 * of N rho p^2 - (rho (n1 + x2) + x1 + n2) p + (x1 + x2) = 0 (that form
 * loses every digit once x ~ n ~ 2^30 and crossed its limits past 2^50).
 * The root is bracketed on v with lambda = x1 e^v / (1 + e^v),
 * x1 - lambda = x1 / (1 + e^v), then polished on the smaller of lambda and
 * x1 - lambda, so both keep full relative precision. With f1 = 0 the family
 * ends at lambda = x1 (p1 = 1) at rho = N / (n1 + x2); below that the MLE is
 * p2 = (n1 + x2) / N, p1 = rho p2 and u = n1 (1 - p1) / p1 + c, solved in
 * closed form (f2 = 0 mirrors it). */
typedef struct { double x1, n1, f1, x2, n2, f2, t; int side; } koop_eq;

/* side +1: lambda = l > 0 with g = x1 - l; side -1: lambda = -l, g = x2 - l.
 * mode (koop_fn_mode): 0 the argument is v (l = x e^v / (1 + e^v),
 * g = x / (1 + e^v)), 1 it is l (g = x - l), 2 it is g (l = x - g). */
typedef struct { koop_eq *e; int mode; } koop_arg;

static double koop_side_x(const koop_eq *e) { return e->side > 0 ? e->x1 : e->x2; }

/* s(l, g) - t */
static double koop_s(const koop_eq *e, double l, double g) {
  double a, b;
  if (l == 0.0) return -e->t; /* s = 0 (a zero-count term is infinite there) */
  if (e->side > 0) { /* x1 - lambda = g, x2 + lambda = x2 + l */
    a = e->f1 == 0.0 ? 0.0 : e->f1 / (e->n1 * g);
    b = e->f2 == 0.0 ? 0.0 : e->f2 / (e->n2 * (e->x2 + l));
  } else { /* x1 - lambda = x1 + l, x2 + lambda = g */
    a = e->f1 == 0.0 ? 0.0 : e->f1 / (e->n1 * (e->x1 + l));
    b = e->f2 == 0.0 ? 0.0 : e->f2 / (e->n2 * g);
  }
  double s = l * sqrt(a + b);
  if (!(s <= 1e300)) s = 1e300; /* g = 0 at the end of the bracket */
  return e->side * s - e->t;
}

static void koop_split(const koop_eq *e, int mode, double y, double *l, double *g) {
  double x = koop_side_x(e);
  if (mode == 0) { *l = x / (1.0 + exp(-y)); *g = x / (1.0 + exp(y)); }
  else if (mode == 1) { *l = y; *g = x - y; }
  else { *g = y; *l = x - y; }
}

static double koop_fn(double y, void *ctx) {
  const koop_arg *k = ctx;
  double l, g;
  koop_split(k->e, k->mode, y, &l, &g);
  return koop_s(k->e, l, g);
}

/* Solve s = t for (l, g): bisection on v to a bracket of width 1/4 on one
 * side of l = x/2, then Brent on the smaller of l and g, so both keep full
 * relative precision (a Brent on v alone leaves |v| eps in l). */
static fgroi_status koop_root(koop_eq *e, double *l, double *g) {
  koop_arg k = { e, 0 };
  double va = -745.0, vb = 745.0, fa = koop_fn(va, &k);
  for (int i = 0; i < 64 && vb - va > 0.25; i++) {
    double vm = 0.5 * (va + vb);
    if (va < 0.0 && vb > 0.0) vm = 0.0; /* split at l = g first */
    double fm = koop_fn(vm, &k);
    if (fm == 0.0) { koop_split(e, 0, vm, l, g); return FGROI_OK; }
    if ((fm > 0.0) == (fa > 0.0)) { va = vm; fa = fm; } else vb = vm;
  }
  double la, ga, lb, gb, y;
  koop_split(e, 0, va, &la, &ga);
  koop_split(e, 0, vb, &lb, &gb);
  k.mode = vb <= 0.0 ? 1 : 2;
  double ya = k.mode == 1 ? la : ga, yb = k.mode == 1 ? lb : gb;
  if (fgroi__root_brent(koop_fn, &k, ya, yb, 1e-300, 2.0 * DBL_EPSILON, &y) != FGROI_OK)
    return FGROI_E_NO_CONVERGENCE;
  koop_split(e, k.mode, y, l, g);
  return FGROI_OK;
}

/* The limit rho where s = t (t != 0; the caller handles t = 0 and the zero
 * count that puts the limit at 0 or +inf). est = (x1/n1)/(x2/n2). Near est
 * the limit is est e^L with L = log(p1/p1hat) - log(p2/p2hat) summed from
 * terms of one sign, so lo <= est <= hi holds after rounding too. */
static fgroi_status koop_limit(koop_eq *e, double est, double *rho) {
  const double t = e->t, nn = e->n1 + e->n2;
  e->side = t > 0.0 ? 1 : -1;
  const double fe = e->side > 0 ? e->f1 : e->f2;
  if (fe == 0.0) {
    /* the lambda family ends at p1 = 1 (p2 = 1) with s^2 = c */
    double x = e->side > 0 ? e->x1 : e->x2;
    double c = e->side > 0 ? x * (x * e->f2 / (e->n2 * (e->x2 + x)))
                           : x * (x * e->f1 / (e->n1 * (e->x1 + x)));
    if (t * t > c) {
      double d = t * t - c;
      if (e->side > 0) /* p2 = (n1 + x2) / N, p1 = n1 / (n1 + d) */
        *rho = (e->n1 / (e->n1 + d)) * (nn / (e->n1 + e->x2));
      else /* p1 = (x1 + n2) / N, p2 = n2 / (n2 + d) */
        *rho = ((e->x1 + e->n2) / nn) * ((e->n2 + d) / e->n2);
      return FGROI_OK;
    }
  }
  double l, g;
  FGROI__TRY(koop_root(e, &l, &g));
  if (e->side > 0) {
    /* p1 = g / (f1 + g), p2 = (x2 + l) / (n2 + l) */
    if (e->x2 == 0.0) { *rho = (g / (e->f1 + g)) * ((e->n2 + l) / l); return FGROI_OK; }
    double q1 = l * e->f1 / (e->x1 * (e->f1 + g)); /* 1 - p1 / p1hat */
    double l1 = q1 <= 0.5 ? log1p(-q1) : log(g * e->n1 / (e->x1 * (e->f1 + g)));
    double l2 = log1p(l * e->f2 / (e->x2 * (e->n2 + l)));
    *rho = est * exp(l1 - l2);
  } else {
    /* p1 = (x1 + l) / (n1 + l), p2 = g / (f2 + g) */
    if (e->x1 == 0.0) { *rho = (l / (e->n1 + l)) * ((e->f2 + g) / g); return FGROI_OK; }
    double l1 = log1p(l * e->f1 / (e->x1 * (e->n1 + l)));
    double q2 = l * e->f2 / (e->x2 * (e->f2 + g)); /* 1 - p2 / p2hat */
    double l2 = q2 <= 0.5 ? log1p(-q2) : log(g * e->n2 / (e->x2 * (e->f2 + g)));
    *rho = est * exp(l1 - l2);
  }
  return FGROI_OK;
}

/* Emit an interval for a ratio-type parameter on [0, +inf]: the open side
 * of a one-sided interval goes to its bound, infinities are flagged. */
static fgroi_status emit_ratio_interval(double est, double lo, double hi, double conf_level,
                                        fgroi_method method, fgroi_alternative alternative,
                                        unsigned flags, fgroi_interval *out) {
  if (alternative == FGROI_LESS) { lo = 0.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alternative == FGROI_GREATER) { hi = INFINITY; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (isinf(hi) || isinf(est)) flags |= FGROI_FLAG_UNBOUNDED;
  fgroi_interval r = fgroi__interval(est, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

FGROI_API fgroi_status fgroi_prop_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, double conf_level,
                                           fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(check_two_ci(x1, n1, x2, n2, conf_level, alternative, out));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_KOOPMAN;
  if (method != FGROI_METHOD_KOOPMAN && method != FGROI_METHOD_KATZ &&
      method != FGROI_METHOD_MIETTINEN_NURMINEN && method != FGROI_METHOD_KATZ_HALDANE &&
      method != FGROI_METHOD_ADJUSTED_LOG)
    return FGROI_E_METHOD;
  if (x1 == 0 && x2 == 0) return FGROI_E_NOT_ESTIMABLE;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  const double z = fgroi__z_conf(conf_level, alternative);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  const double est = x2 == 0 ? INFINITY : (a / m1) / (c / m2);
  unsigned flags = 0;
  double lo = 0.0, hi = INFINITY;

  if (method == FGROI_METHOD_KATZ_HALDANE || method == FGROI_METHOD_ADJUSTED_LOG) {
    /* the log interval on an always-adjusted table: x + 1/2 of n + 1 (1/2
     * added to every cell) or x + 1/2 of n + 1/2 (Pettigrew, Gart & Thomas
     * 1986; Fagerland et al. 2015 "adjusted log", statsmodels "log-adjusted").
     * The estimate is the adjusted ratio, so it always lies inside. */
    double addn = method == FGROI_METHOD_KATZ_HALDANE ? 1.0 : 0.5;
    double aa = a + 0.5, bb = m1 + addn, cc = c + 0.5, dd = m2 + addn;
    double l = log((aa / bb) / (cc / dd));
    double se = sqrt(1.0 / aa - 1.0 / bb + 1.0 / cc - 1.0 / dd);
    flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
    return emit_ratio_interval(exp(l), exp(l - z * se), exp(l + z * se), conf_level, method,
                               alternative, flags, out);
  }
  /* Miettinen & Nurminen (1985) for the ratio: Koopman's statistic (the
   * score statistic at the MLE restricted to p1 = rho p2) times (N-1)/N,
   * i.e. Koopman's interval at z sqrt(N / (N - 1)) */
  const double zk = method == FGROI_METHOD_MIETTINEN_NURMINEN
                        ? z * sqrt((m1 + m2) / (m1 + m2 - 1.0)) : z;
  if (method == FGROI_METHOD_KATZ) {
    /* Katz et al. (1978): log RR +- z sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2). A zero
     * count puts that side's limit at 0 or +inf and the other limit comes
     * from the table with 1/2 added to every cell (x + 1/2 of n + 1). */
    double aa = a, bb = m1, cc = c, dd = m2;
    if (x1 == 0 || x2 == 0) {
      aa += 0.5; bb += 1.0; cc += 0.5; dd += 1.0;
      flags |= FGROI_FLAG_CONTINUITY;
    }
    double l = log((aa / bb) / (cc / dd));
    double se = sqrt(1.0 / aa - 1.0 / bb + 1.0 / cc - 1.0 / dd);
    if (x1 > 0) lo = exp(l - z * se);
    if (x2 > 0) hi = exp(l + z * se);
    flags |= FGROI_FLAG_NORMAL_APPROX;
  } else {
    /* a zero count puts the estimate, and for z > 0 that side's limit, at
     * 0 or +inf; z < 0 (one-sided level below 1/2) still has a root unless
     * the count on the far side is 0 too (then the limit is that end) */
    koop_eq e = { a, m1, (double)(n1 - x1), c, m2, (double)(n2 - x2), 0.0, 0 };
    if (want_lo && (x1 > 0 || z < 0.0)) { /* signed root statistic = +z */
      e.t = zk;
      if (zk == 0.0) lo = est;
      else if (zk < 0.0 && x2 == 0) lo = INFINITY;
      else FGROI__TRY(koop_limit(&e, est, &lo));
    }
    if (want_hi && (x2 > 0 || z < 0.0)) { /* signed root statistic = -z */
      e.t = -zk;
      if (zk == 0.0) hi = est;
      else if (zk < 0.0 && x1 == 0) hi = 0.0;
      else FGROI__TRY(koop_limit(&e, est, &hi));
    }
    /* rounding only (the limits are monotone in z and equal est at z = 0) */
    if (zk > 0.0) { lo = fmin(lo, est); hi = fmax(hi, est); }
  }
  return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
}

/* ---- odds ratio and the 2x2 table ----------------------------------------- */

/* The 2x2 table as R's fisher.test sees it: given all margins, X = x1 is
 * hypergeometric with m = x1 + x2 successes, n = failures, k = n1 draws,
 * on the support lo..hi. par = { m, n, k } for the unimodal helpers. */
typedef struct { double par[3]; double lo, hi; } table2x2;

static table2x2 make_table(double a, double m1, double c, double m2) {
  table2x2 t;
  t.par[0] = a + c;
  t.par[1] = (m1 - a) + (m2 - c);
  t.par[2] = m1;
  t.lo = t.par[2] - t.par[1] > 0.0 ? t.par[2] - t.par[1] : 0.0;
  t.hi = t.par[2] < t.par[0] ? t.par[2] : t.par[0];
  return t;
}

static double hyper_lpmf(double j, const double *par) {
  return fgroi__dhyper(j, par[0], par[1], par[2], 1);
}
static double hyper_cdf(double j, const double *par, int lower) {
  return fgroi__phyper(j, par[0], par[1], par[2], lower);
}

/* log f(j+1)/f(j) of the central hypergeometric. */
static double hyper_log_ratio(const table2x2 *t, double j) {
  const double m = t->par[0], n = t->par[1], k = t->par[2];
  return log((m - j) * (k - j)) - log((j + 1.0) * (n - k + j + 1.0));
}

/* Sums of Fisher's noncentral hypergeometric weights f(j) e^(j theta),
 * scaled so the mode's weight is 1: total, P(X <= x), P(X >= x) and the
 * first moment about x. Only the window where the weight is above 1e-25
 * of the running total (within ~57 of the maximum log weight) is enumerated,
 * walking out from the mode with the pmf ratio and re-anchoring on the
 * exact log pmf every 256 steps; tables in the billions cost O(sd). */
typedef struct { double total, le, ge, dev; } nc_sums;

static void nc_sums_at(const table2x2 *t, double theta, double x, nc_sums *s) {
  const double m = t->par[0], n = t->par[1], k = t->par[2], et = exp(theta), emt = exp(-theta);
  /* mode: first j with f(j+1) e^theta < f(j) (the log ratio is decreasing) */
  int64_t ilo = (int64_t)t->lo, ihi = (int64_t)t->hi;
  while (ilo < ihi) {
    int64_t mid = ilo + (ihi - ilo) / 2;
    if (hyper_log_ratio(t, (double)mid) + theta < 0.0) ihi = mid; else ilo = mid + 1;
  }
  const double mode = (double)ilo, lmode = hyper_lpmf(mode, t->par) + mode * theta;
  double tot = 0.0, le = 0.0, ge = 0.0, dev = 0.0;
  for (int dir = 1; dir >= -1; dir -= 2) {
    double j = dir > 0 ? mode : mode - 1.0;
    if (j < t->lo) continue;
    double term = dir > 0 ? 1.0 : exp(hyper_lpmf(j, t->par) + j * theta - lmode);
    for (long i = 1;; i++) {
      tot += term;
      if (j <= x) le += term;
      if (j >= x) ge += term;
      dev += (j - x) * term;
      double next = j + dir;
      /* beyond here the rest of this side is < 1e-20 of the total (the
       * weights fall geometrically), far below any tail probability a
       * confidence level in (0, 1) can ask for (>= 5.5e-17) */
      if (term < 1e-300 || term < 1e-25 * tot || next < t->lo || next > t->hi) break;
      if ((i & 255) == 0) {
        term = exp(hyper_lpmf(next, t->par) + next * theta - lmode);
      } else if (dir > 0) {
        term *= (m - j) * (k - j) / ((j + 1.0) * (n - k + j + 1.0)) * et;
      } else {
        term *= j * (n - k + j) / ((m - j + 1.0) * (k - j + 1.0)) * emt;
      }
      j = next;
    }
  }
  s->total = tot; s->le = le; s->ge = ge; s->dev = dev;
}

typedef struct { const table2x2 *t; double x, alpha; int which; } nc_eq;

/* Decreasing in theta: 0 the conditional MLE (E X = x), 1 the upper limit
 * (P(X <= x) = alpha), 2 the lower limit (P(X >= x) = alpha). */
static double nc_fn(double theta, void *ctx) {
  const nc_eq *e = ctx;
  nc_sums s;
  nc_sums_at(e->t, theta, e->x, &s);
  if (e->which == 0) return -s.dev / s.total;
  if (e->which == 1) return s.le / s.total - e->alpha;
  return e->alpha - s.ge / s.total;
}

/* Solve nc_fn = 0 for the odds ratio e^theta (0 / +inf past the ends). */
static fgroi_status nc_solve(const table2x2 *t, double x, double alpha, int which,
                             double theta0, double *ratio) {
  nc_eq e = { t, x, alpha, which };
  double th;
  int end;
  FGROI__TRY(log_root(nc_fn, &e, theta0, &th, &end));
  *ratio = end < 0 ? 0.0 : (end > 0 ? INFINITY : exp(th));
  return FGROI_OK;
}

/* Conditional MLE of the odds ratio (R's fisher.test estimate): 0 at the
 * bottom of the support, +inf at the top (bottom first, as R). */
static fgroi_status cond_mle(const table2x2 *t, double x, double theta0, double *est) {
  if (x == t->lo) { *est = 0.0; return FGROI_OK; }
  if (x == t->hi) { *est = INFINITY; return FGROI_OK; }
  return nc_solve(t, x, 0.0, 0, theta0, est);
}

/* log of the sample odds ratio with 1/2 added to every cell: a start
 * point for the root searches. */
static double haldane_log_or(double a, double m1, double c, double m2) {
  return log((a + 0.5) * (m2 - c + 0.5)) - log((m1 - a + 0.5) * (c + 0.5));
}

/* Odds-ratio score statistic (Miettinen & Nurminen 1985; the uncorrected
 * form is Cornfield's asymptotic score as Gart & Thomas 1982 write it): the
 * signed root of the Pearson chi-square of the table against the MLE
 * restricted to odds ratio psi = e^theta, times sqrt((N-1)/N) for MN;
 * minus z. Decreasing in theta. The restricted p2 solves
 * n2 (psi - 1) p^2 + (n1 psi + n2 - s (psi - 1)) p - s = 0, s = x1 + x2,
 * taken in the cancellation-free form 2 s / (B + sqrt(B^2 + 4 n2 (psi - 1) s)),
 * and p1 = psi p2 / (1 + p2 (psi - 1)) (then n1 p1 + n2 p2 = s). */
typedef struct { double x1, n1, x2, n2, z, factor; } or_score_eq;

static double or_score_fn(double theta, void *ctx) {
  const or_score_eq *e = ctx;
  double psi = exp(theta), s = e->x1 + e->x2;
  double B = e->n1 * psi + e->n2 - s * (psi - 1.0);
  double disc = B * B + 4.0 * e->n2 * (psi - 1.0) * s;
  double den = B + sqrt(disc > 0.0 ? disc : 0.0);
  double t2 = den > 0.0 ? 2.0 * s / den : 1.0;
  if (t2 > 1.0) t2 = 1.0;
  double t1 = psi * t2 / (1.0 + t2 * (psi - 1.0));
  if (!(t1 <= 1.0)) t1 = 1.0;
  double u = (pearson_term(e->x1, e->n1, t1) + pearson_term(e->x2, e->n2, t2)) * e->factor;
  double r = e->x1 - e->n1 * t1;
  if (isnan(u)) return 0.0;
  return (r > 0.0 ? sqrt(u) : -sqrt(u)) - e->z;
}

/* The odds-ratio methods added in 0.2: Woolf without a zero-cell
 * correction, Woolf with 1/2 added to every cell (Gart 1966), the
 * uncorrected score and the Miettinen-Nurminen score. */
static fgroi_status odds_ratio_more(double a, double b, double c, double d, fgroi_method method,
                                    double conf_level, fgroi_alternative alternative,
                                    fgroi_interval *out) {
  const double m1 = a + b, m2 = c + d;
  const double z = fgroi__qnorm(tail_prob(conf_level, alternative), 0);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  const int zero_num = a == 0.0 || d == 0.0, zero_den = b == 0.0 || c == 0.0;
  unsigned flags = 0;
  double est, lo = 0.0, hi = INFINITY;
  if (method == FGROI_METHOD_WOOLF_HALDANE) {
    double l = log((a + 0.5) * (d + 0.5)) - log((b + 0.5) * (c + 0.5));
    double se = sqrt(1.0 / (a + 0.5) + 1.0 / (b + 0.5) + 1.0 / (c + 0.5) + 1.0 / (d + 0.5));
    flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
    return emit_ratio_interval(exp(l), exp(l - z * se), exp(l + z * se), conf_level, method,
                               alternative, flags, out);
  }
  if (method == FGROI_METHOD_WOOLF_SMOOTHED) {
    /* Agresti (1999): each cell gains 2 r_i c_j / N^2 (two observations
     * spread as under independence), then Woolf on the smoothed table. No
     * successes (or no failures) at all leaves two empty cells. */
    const double nn = m1 + m2, s = a + c, f = b + d;
    if (s == 0.0 || f == 0.0) return FGROI_E_NOT_ESTIMABLE;
    const double k1 = 2.0 * (m1 / nn) / nn, k2 = 2.0 * (m2 / nn) / nn;
    const double a2 = a + k1 * s, b2 = b + k1 * f, c2 = c + k2 * s, d2 = d + k2 * f;
    double l = log(a2) + log(d2) - log(b2) - log(c2);
    double se = sqrt(1.0 / a2 + 1.0 / b2 + 1.0 / c2 + 1.0 / d2);
    flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
    return emit_ratio_interval(exp(l), exp(l - z * se), exp(l + z * se), conf_level, method,
                               alternative, flags, out);
  }
  if (zero_num && zero_den) return FGROI_E_NOT_ESTIMABLE;
  est = zero_num ? 0.0 : (zero_den ? INFINITY : exp(log(a) + log(d) - log(b) - log(c)));
  if (method == FGROI_METHOD_WOOLF_UNCORRECTED) {
    /* a zero cell makes the variance infinite: no information on either
     * side, [0, +inf] (flagged), where R's formula gives NaN */
    flags |= FGROI_FLAG_NORMAL_APPROX;
    if (!zero_num && !zero_den) {
      double l = log(est);
      double se = sqrt(1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d);
      lo = exp(l - z * se);
      hi = exp(l + z * se);
    }
    return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
  }
  /* score intervals */
  const double nn = m1 + m2;
  or_score_eq e = { a, m1, c, m2, z,
                    method == FGROI_METHOD_MIETTINEN_NURMINEN ? (nn - 1.0) / nn : 1.0 };
  const double th0 = haldane_log_or(a, m1, c, m2);
  double th;
  int end;
  if (want_lo && (!zero_num || z < 0.0)) {
    e.z = z;
    FGROI__TRY(log_root(or_score_fn, &e, th0, &th, &end));
    lo = end < 0 ? 0.0 : (end > 0 ? INFINITY : exp(th));
  }
  if (want_hi && (!zero_den || z < 0.0)) {
    e.z = -z;
    FGROI__TRY(log_root(or_score_fn, &e, th0, &th, &end));
    hi = end > 0 ? INFINITY : (end < 0 ? 0.0 : exp(th));
  }
  flags |= FGROI_FLAG_NORMAL_APPROX;
  return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
}

FGROI_API fgroi_status fgroi_prop_odds_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                fgroi_method method, double conf_level,
                                                fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(check_two_ci(x1, n1, x2, n2, conf_level, alternative, out));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_CONDITIONAL;
  if (method != FGROI_METHOD_CONDITIONAL && method != FGROI_METHOD_WOOLF &&
      method != FGROI_METHOD_WOOLF_UNCORRECTED && method != FGROI_METHOD_WOOLF_HALDANE &&
      method != FGROI_METHOD_WOOLF_SMOOTHED && method != FGROI_METHOD_SCORE &&
      method != FGROI_METHOD_MIETTINEN_NURMINEN)
    return FGROI_E_METHOD;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  const double b = m1 - a, d = m2 - c;
  const double alpha = tail_prob(conf_level, alternative);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  unsigned flags = 0;
  double est, lo = 0.0, hi = INFINITY;

  if (method != FGROI_METHOD_WOOLF && method != FGROI_METHOD_CONDITIONAL)
    return odds_ratio_more(a, b, c, d, method, conf_level, alternative, out);
  if (method == FGROI_METHOD_WOOLF) {
    /* Woolf (1955): log OR +- z sqrt(1/a + 1/b + 1/c + 1/d). With a zero
     * cell the estimate is 0 or +inf, that side's limit too, and the other
     * limit comes from the table with 1/2 added to every cell (Haldane). */
    int zero_num = a == 0.0 || d == 0.0, zero_den = b == 0.0 || c == 0.0;
    if (zero_num && zero_den) return FGROI_E_NOT_ESTIMABLE;
    est = zero_num ? 0.0 : (zero_den ? INFINITY : exp(log(a) + log(d) - log(b) - log(c)));
    double h = (zero_num || zero_den) ? 0.5 : 0.0;
    if (h > 0.0) flags |= FGROI_FLAG_CONTINUITY;
    double l = log((a + h) * (d + h)) - log((b + h) * (c + h));
    double se = sqrt(1.0 / (a + h) + 1.0 / (b + h) + 1.0 / (c + h) + 1.0 / (d + h));
    double z = fgroi__z_conf(conf_level, alternative);
    if (!zero_num) lo = exp(l - z * se);
    if (!zero_den) hi = exp(l + z * se);
    flags |= FGROI_FLAG_NORMAL_APPROX;
  } else {
    /* conditional MLE and exact conditional limits, as R's fisher.test */
    if (fgroi__sum_exceeds(n1, n2, FGROI__CONDITIONAL_MAX)) return FGROI_E_TOO_LARGE;
    const table2x2 t = make_table(a, m1, c, m2);
    const double th0 = haldane_log_or(a, m1, c, m2);
    FGROI__TRY(cond_mle(&t, a, th0, &est));
    if (want_lo && a > t.lo) FGROI__TRY(nc_solve(&t, a, alpha, 2, th0, &lo));
    if (want_hi && a < t.hi) FGROI__TRY(nc_solve(&t, a, alpha, 1, th0, &hi));
    flags |= FGROI_FLAG_EXACT;
    if (t.lo == t.hi) flags |= FGROI_FLAG_DEGENERATE;
  }
  return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
}

/* x1 n2 - x2 n1 to within an ulp or two (Kahan's difference of products
 * with fma), exact inputs up to 2^53. */
static double cross_diff(double x1, double n2, double x2, double n1) {
  double w = x2 * n1;
  double e = fma(-x2, n1, w);
  double f = fma(x1, n2, -w);
  return f + e;
}

FGROI_API fgroi_status fgroi_prop_2x2_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, fgroi_alternative alternative,
                                           fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_FISHER;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  unsigned flags = 0;
  double stat, df = NAN, pv, null_value;

  switch (method) {
    case FGROI_METHOD_CHISQ:
    case FGROI_METHOD_CHISQ_CC: {
      /* prop.test / chisq.test: X^2 = sum (|O - E| - Y)^2 / E over the four
       * cells; |O - E| = |x1 n2 - x2 n1| / N in every cell, so
       * X^2 = (|O - E| - Y)^2 N^3 / (n1 n2 s f). Yates: Y = min(1/2, |O - E|). */
      const double nn = m1 + m2, s = a + c, f = nn - s;
      if (s == 0.0 || f == 0.0) return FGROI_E_NOT_ESTIMABLE;
      const double dd = cross_diff(a, m2, c, m1), oe = fabs(dd) / nn;
      double y = 0.0;
      if (method == FGROI_METHOD_CHISQ_CC) {
        y = oe < 0.5 ? oe : 0.5;
        flags |= FGROI_FLAG_CONTINUITY;
      }
      const double r = oe - y;
      const double x2s = r * r * (nn / m1) * (nn / m2) * (nn / s) / f;
      if (alternative == FGROI_TWO_SIDED) {
        stat = x2s;
        df = 1.0;
        pv = fgroi__pchisq(x2s, 1.0, 0);
        if (x2s == 0.0) pv = 1.0;
      } else {
        stat = copysign(sqrt(x2s), dd);
        if (dd == 0.0) stat = 0.0;
        pv = fgroi__pnorm(stat, alternative == FGROI_LESS);
      }
      null_value = 0.0;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_FISHER:
    case FGROI_METHOD_FISHER_MID_P: {
      const int mid = method == FGROI_METHOD_FISHER_MID_P;
      if (fgroi__sum_exceeds(n1, n2, FGROI__CONDITIONAL_MAX)) return FGROI_E_TOO_LARGE;
      const table2x2 t = make_table(a, m1, c, m2);
      const double ld = hyper_lpmf(a, t.par), half_d = mid ? 0.5 * exp(ld) : 0.0;
      if (alternative == FGROI_LESS) {
        pv = hyper_cdf(a, t.par, 1) - half_d;
      } else if (alternative == FGROI_GREATER) {
        pv = hyper_cdf(a - 1.0, t.par, 0) - half_d;
      } else {
        double mode = floor((t.par[2] + 1.0) * (t.par[0] + 1.0) / (t.par[0] + t.par[1] + 2.0));
        if (mode < t.lo) mode = t.lo;
        if (mode > t.hi) mode = t.hi;
        const unimodal u = { hyper_lpmf, hyper_cdf, t.par, t.lo, t.hi, mode };
        pv = um_two_sided(&u, ld, mid);
      }
      FGROI__TRY(cond_mle(&t, a, haldane_log_or(a, m1, c, m2), &stat));
      null_value = 1.0;
      flags |= FGROI_FLAG_EXACT;
      break;
    }
    default:
      return FGROI_E_METHOD;
  }
  if (pv < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  pv = fgroi__clamp01(pv);

  fgroi_test r = fgroi__test(stat, df, pv, null_value, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}
