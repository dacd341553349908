/* Portfolio pooling: fixed-effect and DerSimonian-Laird random-effects
 * inverse-variance pooling with the heterogeneity statistics metafor::rma
 * reports, escalc-style effect sizes, and the multiplicity scorecard.
 * Formulas and citations: docs/methods/pool.md. */
#include <float.h>

#include "checked.h"
#include "control.h"
#include "internal.h"
#include "num.h"

/* ---- 0.2: tau^2 estimators, HKSJ, Q-profile and prediction intervals ---------- */

/* Sums at a trial tau^2: weights w = 1/(vi + tau2), the weighted mean, the
 * generalised Q = sum w (y - est)^2, sum w, sum w^2, sum w^2 (y - est)^2
 * and tr P = sum w - sum w^2 / sum w (long double, as the fixed-effect pass). */
typedef struct { double est, q, sw, sw2, sw2r2, trp; } re_sums;

/* tr P = sum w - sum w^2 / sum w without cancellation: as sum_i w_i (sum w -
 * w_i) / sum w, with sum w - w_i summed directly for the largest weight. One
 * weight that dwarfs the others (a variance of 1e-23 beside 0.02) cancelled
 * the difference to a negative value, and the typical within-group variance
 * (k - 1) / tr P behind I^2 and H^2 with it (fuzz findings 40 and 41). */
static long double trace_p(const double *vi, size_t k, double tau2) {
  size_t m = 0;
  for (size_t i = 1; i < k; i++)
    if (vi[i] + tau2 < vi[m] + tau2) m = i;
  long double wm = 1.0L / (vi[m] + tau2), rest = 0.0L;
  for (size_t i = 0; i < k; i++)
    if (i != m) rest += 1.0L / (vi[i] + tau2);
  long double sw = wm + rest, t = wm * rest;
  for (size_t i = 0; i < k; i++)
    if (i != m) {
      long double w = 1.0L / (vi[i] + tau2);
      t += w * (wm + (rest - w)); /* sum w - w_i >= w_m: no cancellation */
    }
  return t / sw;
}

static re_sums re_sums_at(const double *yi, const double *vi, size_t k, double tau2) {
  long double sw = 0.0L, sw2 = 0.0L, swy = 0.0L, q = 0.0L, r2 = 0.0L;
  for (size_t i = 0; i < k; i++) {
    long double w = 1.0L / (vi[i] + tau2);
    sw += w;
    sw2 += w * w;
    swy += w * yi[i];
  }
  long double est = swy / sw;
  for (size_t i = 0; i < k; i++) {
    long double w = 1.0L / (vi[i] + tau2), r = yi[i] - est;
    q += w * r * r;
    r2 += w * w * r * r;
  }
  re_sums s = { (double)est, (double)q, (double)sw, (double)sw2, (double)r2,
                (double)trace_p(vi, k, tau2) };
  return s;
}

/* Estimating equations in tau^2, positive below the root: 0 REML
 * (y'PPy - tr P), 1 ML, 2 Paule-Mandel / Q-profile (Q - target), 3 the
 * fixed point of metafor's iterated DL update tau^2 = (Q - target) / tr P,
 * tr P = sum w - sum w^2 / sum w (Q - target - tau^2 tr P). */
typedef struct { const double *yi, *vi; size_t k; int kind; double target; } tau_eq;

static double tau_fn(double tau2, void *ctx) {
  const tau_eq *e = ctx;
  re_sums s = re_sums_at(e->yi, e->vi, e->k, tau2);
  if (e->kind == 0) return s.sw2r2 - s.trp;
  if (e->kind == 1) return s.sw2r2 - s.sw;
  if (e->kind == 3) return s.q - e->target - tau2 * s.trp;
  return s.q - e->target;
}

/* The first upper end of a tau^2 bracket (doubled from there until the
 * sign changes): the larger of the spread sum (y - mean y)^2 and the mean
 * variance. */
static double tau_bracket_start(const double *yi, const double *vi, size_t k) {
  double hi = 0.0, my = 0.0, mv = 0.0;
  for (size_t i = 0; i < k; i++) { my += yi[i]; mv += vi[i]; }
  my /= (double)k;
  for (size_t i = 0; i < k; i++) hi += (yi[i] - my) * (yi[i] - my);
  return fmax(hi, mv / (double)k);
}

/* The root in tau^2 >= 0 of a tau_eq (0 when the equation is not positive
 * at 0): the bracket doubles from the larger of the spread of yi and the mean
 * vi until the sign changes, then Brent to ~1e-15 relative. */
static fgroi_status tau_root(tau_eq *e, double *tau2) {
  double f0 = tau_fn(0.0, e);
  if (isnan(f0)) return FGROI_E_NO_CONVERGENCE;
  if (!(f0 > 0.0)) { *tau2 = 0.0; return FGROI_OK; }
  double lo = 0.0, hi = tau_bracket_start(e->yi, e->vi, e->k);
  if (fgroi__bracket_up(tau_fn, e, +1, DBL_MAX, 2000, &lo, &hi) != FGROI_OK)
    return FGROI_E_NO_CONVERGENCE;
  if (fgroi__root_brent(tau_fn, e, lo, hi, 1e-300, 4.0 * DBL_EPSILON, tau2) != FGROI_OK)
    return FGROI_E_NO_CONVERGENCE;
  return FGROI_OK;
}

/* ---- 1.0: the distribution of the generalised Q (GENQM, generalised Q-profile) ---- */

/* Bounds of the generalised Q's exact distribution (docs/limits.md): the
 * eigenvalues cost O(k^2) per root step and the series O(terms^2 / 2) per
 * evaluation, about 150 evaluations per fit with its interval. */
#define FGROI__GENQ_K_MAX 200
#define FGROI__GENQ_TERMS_MAX 2048
/* The work of one root search (three per fit), in Imhof integrand terms
 * (an arctan and a log1p, ~25 ns): Ruben's n terms count n^2 / 20. About
 * 0.2 s at -O2; per evaluation at most 2^22 (Imhof) or 2048 terms. */
#define FGROI__GENQ_WORK_MAX 16777216.0
/* Imhof's integral: integrand evaluations times r, per evaluation (about
 * 50 ms at the bound) */
#define FGROI__GENQ_IMHOF_WORK 4194304.0

/* P(Q_a(tau^2) > q_obs) - tail (lower = 0) or tail - P(Q_a(tau^2) <= q_obs)
 * (lower = 1), increasing in tau^2: Q_a = y'Py with P = A - a a'/sum a is
 * distributed as sum lambda_j chi^2_1 over the non-zero eigenvalues of S P S,
 * S = diag(sqrt(vi + tau^2)) (Jackson 2013; DerSimonian & Kacker 2007). */
typedef struct {
  const double *vi, *ai;
  size_t k;
  double qobs, tail;
  int lower;
  double *d, *lam; /* k each */
  fgroi_status st; /* the first failure inside the root search */
  double work;     /* done so far, against FGROI__GENQ_WORK_MAX */
} genq_eq;

static double genq_fn(double tau2, void *ctx) {
  genq_eq *e = ctx;
  if (e->st != FGROI_OK) return NAN;
  for (size_t i = 0; i < e->k; i++) e->d[i] = e->vi[i] + tau2;
  size_t r = 0;
  fgroi_status st = fgroi__downdate_eigen(e->ai, e->d, e->k, e->lam, &r);
  if (st == FGROI_OK && r == 0) st = FGROI_E_TOO_FEW;
  double p = NAN;
  /* the error allowed: a small fraction of the tail solved for */
  double tol = fmin(1e-14, 1e-10 * e->tail);
  if (st == FGROI_OK) {
    /* Ruben's series (a bound on its error) when it is short: its length
     * grows with the mean of N, (1/2) sum (lambda_j / lambda_min - 1);
     * else, or when it would pass its 2048 terms, Imhof's integral */
    double lmin = INFINITY, mu = 0.0;
    for (size_t j = 0; j < r; j++) lmin = fmin(lmin, e->lam[j]);
    for (size_t j = 0; j < r; j++) mu += 0.5 * (e->lam[j] / lmin - 1.0);
    /* a tolerance below Imhof's reach (1 - conf_level near 1e-15): the series
     * only, which resolves small tails */
    const int series_only = tol < 16.0 * DBL_EPSILON;
    st = FGROI_E_TOO_LARGE;
    size_t used = 0;
    if (mu <= 256.0 || series_only) {
      st = fgroi__pqform(e->qobs, e->lam, r, e->lower, tol, FGROI__GENQ_TERMS_MAX, &p, NULL, &used);
      e->work += st == FGROI_E_TOO_LARGE ? FGROI__GENQ_TERMS_MAX * (FGROI__GENQ_TERMS_MAX / 20.0)
                                         : (double)used * ((double)used / 20.0) + (double)r;
    }
    if (st == FGROI_E_TOO_LARGE && series_only)
      st = fgroi__too_large(NULL, "terms of the generalised Q series", FGROI__GENQ_TERMS_MAX + 1.0,
                            FGROI__GENQ_TERMS_MAX,
                            "the generalised Q distribution at this conf_level (tails below 1e-13)",
                            "a conf_level further from 1");
    else if (st == FGROI_E_TOO_LARGE) {
      const double evals = fmax(2048.0, FGROI__GENQ_IMHOF_WORK / (double)r);
      st = fgroi__pqform_imhof(e->qobs, e->lam, r, e->lower, tol, (size_t)evals, &p, NULL, &used);
      e->work += (double)used * (double)r;
      if (st == FGROI_E_TOO_LARGE)
        st = fgroi__too_large(NULL, "integrand evaluations of the generalised Q distribution",
                              evals + 1.0, evals,
                              "the generalised Q distribution (Imhof's integral; weights or variances too disparate)",
                              "method GENQ with stats NULL, or another estimator");
    }
  }
  e->work += (double)e->k * (double)e->k; /* the eigenvalues, roughly */
  if (st == FGROI_OK && e->work > FGROI__GENQ_WORK_MAX)
    st = fgroi__too_large(NULL, "work of the generalised Q root search", e->work, FGROI__GENQ_WORK_MAX,
                          "the generalised Q distribution (weights or variances too disparate)",
                          "method GENQ with stats NULL, or another estimator");
  if (st != FGROI_OK) { e->st = st; return NAN; }
  return e->lower ? e->tail - p : p - e->tail;
}

/* The tau^2 >= 0 at which P(Q_a > q_obs) = tail (lower = 0) or P(Q_a <=
 * q_obs) = tail (lower = 1); 0 when the probability at 0 is already past it
 * (metafor's GENQM and confint(type = "genq") conventions). Brent to ~1e-15
 * relative on a doubling bracket. */
static fgroi_status genq_root(const double *yi, const double *vi, const double *ai, size_t k,
                              double qobs, double tail, int lower, double *tau2) {
  double *buf = fgroi__malloc_array(k, 2 * sizeof(double));
  if (buf == NULL) return FGROI_E_NO_MEMORY;
  genq_eq e = { vi, ai, k, qobs, tail, lower, buf, buf + k, FGROI_OK, 0.0 };
  fgroi_status st = FGROI_OK;
  double f0 = genq_fn(0.0, &e);
  if (e.st != FGROI_OK) { st = e.st; goto done; }
  if (isnan(f0)) { st = FGROI_E_NO_CONVERGENCE; goto done; }
  if (f0 >= 0.0) { *tau2 = 0.0; goto done; }
  double lo = 0.0, hi = tau_bracket_start(yi, vi, k);
  if (!(hi > 0.0) || !isfinite(hi)) { st = FGROI_E_OUT_OF_RANGE; goto done; }
  st = fgroi__bracket_up(genq_fn, &e, -1, DBL_MAX, 2000, &lo, &hi);
  if (e.st != FGROI_OK) { st = e.st; goto done; }
  if (st != FGROI_OK) { st = FGROI_E_NO_CONVERGENCE; goto done; }
  st = fgroi__root_brent(genq_fn, &e, lo, hi, 1e-300, 4.0 * DBL_EPSILON, tau2);
  if (e.st != FGROI_OK) st = e.st;
  else if (st != FGROI_OK) st = FGROI_E_NO_CONVERGENCE;
done:
  free(buf);
  return st;
}

/* The a-weighted Q = sum a (y - sum a y / sum a)^2 (long double). */
static long double genq_q(const double *yi, const double *ai, size_t k, long double sa) {
  long double say = 0.0L, qa = 0.0L;
  for (size_t i = 0; i < k; i++) say += ai[i] * (long double)yi[i];
  for (size_t i = 0; i < k; i++) {
    long double r = yi[i] - say / sa;
    qa += ai[i] * r * r;
  }
  return qa;
}

/* What pool_extra needs for the generalised Q-profile interval (NULL: the
 * Q-profile interval of Viechtbauer 2007). */
typedef struct { const double *ai; double qobs; } genq_ci;

/* The 0.2 fields of fgroi_pool_stats: H, the Q-profile interval for tau^2
 * (Viechtbauer 2007; Q at tau^2 equal to the chi-square quantiles on k - 1
 * df), or for GENQ / GENQM fits (gq not NULL) the generalised Q-profile
 * interval (Jackson 2013: P(Q_a > q_obs) = alpha/2 and 1 - alpha/2), I^2
 * and H^2 from its limits with the typical within-group variance, and the
 * prediction interval est -+ pi_crit sqrt(pi_se^2 + tau^2). */
static fgroi_status pool_extra(const double *yi, const double *vi, size_t k, double est,
                               double tau2, double pi_crit, double pi_se, double conf,
                               const genq_ci *gq, fgroi_pool_stats *x) {
  const double df = (double)(k - 1), a2 = (1.0 - conf) / 2.0;
  re_sums fe = re_sums_at(yi, vi, k, 0.0);
  const double s2 = df / fe.trp;
  if (!(s2 > 0.0) || !isfinite(s2)) return FGROI_E_OUT_OF_RANGE;
  double lim[2];
  for (int side = 0; side < 2; side++) {
    if (gq != NULL) { /* lower limit: P(Q_a > q) = alpha/2; upper: P(Q_a <= q) = alpha/2 */
      FGROI__TRY(genq_root(yi, vi, gq->ai, k, gq->qobs, a2, side, &lim[side]));
      continue;
    }
    tau_eq e = { yi, vi, k, 2, fgroi__qchisq(a2, df, side == 0 ? 0 : 1) };
    if (isnan(e.target)) return FGROI_E_NO_CONVERGENCE;
    FGROI__TRY(tau_root(&e, &lim[side]));
  }
  /* at conf_level -> 0 the two quantiles meet and the two roots, each
   * within Brent's tolerance, can cross by an ulp (fuzz finding 37): they
   * meet at their midpoint */
  if (lim[0] > lim[1]) lim[0] = lim[1] = 0.5 * (lim[0] + lim[1]);
  x->tau2_lower = lim[0];
  x->tau2_upper = lim[1];
  x->i2_lower = 100.0 * (lim[0] / (s2 + lim[0]));
  x->i2_upper = 100.0 * (lim[1] / (s2 + lim[1]));
  x->h2_lower = (s2 + lim[0]) / s2;
  x->h2_upper = (s2 + lim[1]) / s2;
  /* limits an ulp or two apart: the I^2 ratio can round the other way
   * (fuzz finding 39) */
  if (x->i2_lower > x->i2_upper) x->i2_lower = x->i2_upper;
  if (x->h2_lower > x->h2_upper) x->h2_lower = x->h2_upper;
  double half = pi_crit * sqrt(pi_se * pi_se + tau2);
  x->pi_lower = est - half;
  x->pi_upper = est + half;
  /* variances near the ends of the double range overflow the weights */
  const double all[] = { s2, x->tau2_upper, x->i2_lower, x->i2_upper, x->h2_lower, x->h2_upper,
                         x->pi_lower, x->pi_upper };
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    if (!isfinite(all[i])) return FGROI_E_OUT_OF_RANGE;
  return FGROI_OK;
}

/* Copy the 0.2 fields computed by pool_extra into a full stats struct. */
static void pool_copy_extra(fgroi_pool_stats *s, const fgroi_pool_stats *x) {
  s->h = sqrt(s->h2);
  s->tau2_lower = x->tau2_lower;
  s->tau2_upper = x->tau2_upper;
  s->i2_lower = x->i2_lower;
  s->i2_upper = x->i2_upper;
  s->h2_lower = x->h2_lower;
  s->h2_upper = x->h2_upper;
  s->pi_lower = x->pi_lower;
  s->pi_upper = x->pi_upper;
}

/* The tau^2 estimators of fgroi_pool_effects_ex (fgroi_pool_effects
 * computes FE and DL itself and hands the others over). */
static int pool_estimator(fgroi_method m) {
  static const fgroi_method known[] = {
    FGROI_METHOD_FIXED_EFFECT, FGROI_METHOD_DERSIMONIAN_LAIRD, FGROI_METHOD_REML,
    FGROI_METHOD_ML, FGROI_METHOD_PAULE_MANDEL, FGROI_METHOD_HUNTER_SCHMIDT,
    FGROI_METHOD_HUNTER_SCHMIDT_K, FGROI_METHOD_HEDGES, FGROI_METHOD_SIDIK_JONKMAN,
    FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED, FGROI_METHOD_PAULE_MANDEL_MEDIAN,
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (known[i] == m) return 1;
  return 0;
}

/* The effects, variances and level every pooling entry point takes: k >= 2
 * finite effects, finite positive variances, a level inside (0, 1). */
static fgroi_status pool_check_inputs(const double *yi, const double *vi, size_t k,
                                      double conf_level) {
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
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_pool_effects(const double *yi, const double *vi, size_t k,
                                          fgroi_method method, double conf_level,
                                          fgroi_interval *pooled, fgroi_test *test,
                                          fgroi_pool_stats *stats, double *weights) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(pooled));
  if (test != NULL) FGROI__TRY(FGROI__CHECK_TEST(test));
  if (stats != NULL) FGROI__TRY(FGROI__CHECK_OUT(stats, fgroi_pool_stats, k));
  FGROI__TRY(pool_check_inputs(yi, vi, k, conf_level));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_DERSIMONIAN_LAIRD;
  if (!pool_estimator(method)) return FGROI_E_METHOD;
  if (method != FGROI_METHOD_FIXED_EFFECT && method != FGROI_METHOD_DERSIMONIAN_LAIRD)
    return fgroi_pool_effects_ex(yi, vi, k, method, conf_level, NULL, pooled, test, stats,
                                 weights); /* 0.2 and 1.0 estimators, z interval */

  /* fixed-effect pass: Q and the DL moment estimator (long double sums, as R's sum) */
  long double sw = 0.0L, swy = 0.0L;
  for (size_t i = 0; i < k; i++) {
    long double w = 1.0L / vi[i];
    sw += w;
    swy += w * yi[i];
  }
  double est_fe = (double)(swy / sw);
  long double q = 0.0L;
  for (size_t i = 0; i < k; i++) {
    long double r = yi[i] - est_fe;
    q += r * r / vi[i];
  }
  double Q = (double)q, df = (double)(k - 1);
  double c = (double)trace_p(vi, k, 0.0); /* sum w - sum w^2 / sum w, stably */
  /* extreme inputs ({1e300, -1e300}, denormal variances) overflow Q or
   * cancel c to 0: a specific status, never NaN with OK (issue 14) */
  if (!isfinite(Q) || !isfinite(c) || !(c > 0.0)) return FGROI_E_OVERFLOW;
  double tau2 = 0.0, i2, h2;
  if (method == FGROI_METHOD_DERSIMONIAN_LAIRD) {
    tau2 = (Q - df) / c;
    if (!(tau2 > 0.0)) tau2 = 0.0;
    double s2 = df / c; /* typical within-group variance */
    i2 = 100.0 * (tau2 / (s2 + tau2)); /* the ratio is <= 1 after rounding */
    h2 = (s2 + tau2) / s2;
  } else {
    i2 = Q > 0.0 ? 100.0 * ((Q - df) / Q) : 0.0;
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
  double z = est / se, zc = fgroi__z_conf(conf_level, FGROI_TWO_SIDED);
  double p = fgroi__p_normal(z, FGROI_TWO_SIDED);
  fgroi_pool_stats extra = { .struct_size = sizeof extra }; /* 0.2 fields, before any write */
  if (stats != NULL) FGROI__TRY(pool_extra(yi, vi, k, est, tau2, zc, se, conf_level, NULL, &extra));

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
  if (stats != NULL) {
    pool_copy_extra(&st, &extra);
    fgroi__write_out(stats, &st, sizeof st);
  }
  if (weights != NULL) /* a share of the total: <= 100 but for rounding (fuzz finding 42) */
    for (size_t i = 0; i < k; i++) weights[i] = fmin(100.0, (double)(100.0L / (vi[i] + tau2) / rw));
  return FGROI_OK;
}

/* fgroi_pool_effects_ex, and with user weights ai (NULL: none)
 * fgroi_pool_effects_weighted: as metafor::rma(yi, vi, weights = ai). */
static fgroi_status pool_fit(const double *yi, const double *vi, const double *ai, size_t k,
                             fgroi_method method, double conf_level,
                             const fgroi_pool_options *options, fgroi_interval *pooled,
                             fgroi_test *test, fgroi_pool_stats *stats, double *weights) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(pooled));
  if (test != NULL) FGROI__TRY(FGROI__CHECK_TEST(test));
  if (stats != NULL) FGROI__TRY(FGROI__CHECK_OUT(stats, fgroi_pool_stats, k));
  fgroi_pool_options opt = { .struct_size = sizeof opt };
  if (options != NULL) {
    FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_pool_options, pi_method));
    memcpy(&opt, options, sizeof opt < options->struct_size ? sizeof opt : options->struct_size);
  }
  FGROI__TRY(pool_check_inputs(yi, vi, k, conf_level));
  /* user weights: finite, >= 0, their sum a double (ai NULL: none) */
  long double sa = 0.0L;
  if (ai != NULL) {
    FGROI__TRY(fgroi__check_finite_array(ai, k));
    for (size_t i = 0; i < k; i++) {
      if (ai[i] < 0.0) return FGROI_E_OUT_OF_RANGE;
      sa += ai[i];
    }
    if (!(sa > 0.0L) || !isfinite((double)sa)) return FGROI_E_OUT_OF_RANGE;
  }
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_REML;
  const int genq = method == FGROI_METHOD_GENERALISED_Q || method == FGROI_METHOD_GENERALISED_Q_MEDIAN;
  if (!pool_estimator(method) && !(genq && ai != NULL)) return FGROI_E_METHOD;
  if (opt.ci_method == FGROI_METHOD_DEFAULT) opt.ci_method = FGROI_METHOD_NORMAL;
  if (opt.ci_method != FGROI_METHOD_NORMAL && opt.ci_method != FGROI_METHOD_HKSJ &&
      opt.ci_method != FGROI_METHOD_HKSJ_ADHOC && opt.ci_method != FGROI_METHOD_STUDENT)
    return FGROI_E_METHOD;
  if (opt.pi_method != FGROI_METHOD_DEFAULT && opt.pi_method != FGROI_METHOD_STUDENT)
    return FGROI_E_METHOD;
  if (opt.pi_method == FGROI_METHOD_STUDENT && k < 3) return FGROI_E_TOO_FEW;
  /* the exact distribution of the generalised Q (GENQM; the interval of a
   * GENQ or GENQM fit): its size bound, before any work */
  const int genq_dist = genq && (method == FGROI_METHOD_GENERALISED_Q_MEDIAN || stats != NULL);
  if (genq_dist && k > FGROI__GENQ_K_MAX)
    return fgroi__too_large(NULL, "k", (double)k, FGROI__GENQ_K_MAX,
                            "the generalised Q distribution (GENQM, generalised Q-profile interval)",
                            "method GENQ with stats NULL, or another estimator");
  /* the a-weighted Q of GENQ and GENQM (their estimate and interval); the
   * distribution needs it finite and two positive weights (GENQ's own
   * estimate checks tr P below) */
  const long double qa = genq ? genq_q(yi, ai, k, sa) : 0.0L;
  const double qobs = (double)qa;
  if (genq_dist) {
    size_t npos = 0;
    for (size_t i = 0; i < k; i++) npos += ai[i] > 0.0;
    if (npos < 2) return FGROI_E_TOO_FEW;
    if (!isfinite(qobs)) return FGROI_E_OUT_OF_RANGE;
  }

  const double df = (double)(k - 1);
  re_sums fe = re_sums_at(yi, vi, k, 0.0);
  const double Q = fe.q, c = fe.trp, s2 = df / c;
  if (!(c > 0.0) || !isfinite(c) || !(s2 > 0.0)) return FGROI_E_OUT_OF_RANGE;
  double tau2 = 0.0;
  if (method == FGROI_METHOD_DERSIMONIAN_LAIRD) {
    tau2 = (Q - df) / c;
    if (!(tau2 > 0.0)) tau2 = 0.0;
  } else if (method == FGROI_METHOD_HUNTER_SCHMIDT || method == FGROI_METHOD_HUNTER_SCHMIDT_K) {
    /* Hunter & Schmidt (2004), as metafor: (Q - k) / sum w, and with Q
     * scaled by k/(k - 1) (HSk); truncated at 0 */
    const double kd = (double)k, qq = method == FGROI_METHOD_HUNTER_SCHMIDT ? Q : kd / df * Q;
    tau2 = (qq - kd) / fe.sw;
    if (!(tau2 > 0.0)) tau2 = 0.0;
  } else if (method == FGROI_METHOD_HEDGES || method == FGROI_METHOD_SIDIK_JONKMAN) {
    /* unweighted moments about the unweighted mean (long double sums) */
    long double my = 0.0L, sv = 0.0L, rss = 0.0L;
    for (size_t i = 0; i < k; i++) { my += yi[i]; sv += vi[i]; }
    my /= (long double)k;
    for (size_t i = 0; i < k; i++) rss += (yi[i] - my) * (yi[i] - my);
    if (method == FGROI_METHOD_HEDGES) {
      /* Hedges (1983): (sum (y - ybar)^2 - (1 - 1/k) sum v) / (k - 1), truncated at 0 */
      tau2 = (double)((rss - (1.0L - 1.0L / (long double)k) * sv) / (long double)df);
      if (!(tau2 > 0.0)) tau2 = 0.0;
    } else {
      /* Sidik & Jonkman (2005): tau0^2 = sum (y - ybar)^2 / k, then
       * tau0^2 Q(tau0^2) / (k - 1) with weights 1/(v + tau0^2) */
      const double t0 = (double)(rss / (long double)k);
      tau2 = t0 * re_sums_at(yi, vi, k, t0).q / df;
    }
    if (!isfinite(tau2)) return FGROI_E_OUT_OF_RANGE;
  } else if (method == FGROI_METHOD_GENERALISED_Q) {
    /* DerSimonian & Kacker (2007), metafor "GENQ": with P = A - a a'/sum a,
     * tau^2 = (y'Py - tr(PV)) / tr P, truncated at 0 (long double sums) */
    long double sa2 = 0.0L, sav = 0.0L, sa2v = 0.0L;
    for (size_t i = 0; i < k; i++) {
      sa2 += (long double)ai[i] * ai[i];
      sav += ai[i] * (long double)vi[i];
      sa2v += (long double)ai[i] * ai[i] * vi[i];
    }
    const long double trp = sa - sa2 / sa;
    if (!(trp > 0.0L)) return FGROI_E_TOO_FEW; /* fewer than two positive weights */
    tau2 = (double)((qa - (sav - sa2v / sa)) / trp);
    if (!isfinite(tau2)) return FGROI_E_OUT_OF_RANGE;
    if (!(tau2 > 0.0)) tau2 = 0.0;
  } else if (method == FGROI_METHOD_GENERALISED_Q_MEDIAN) {
    /* Viechtbauer (2021), metafor "GENQM": the tau^2 at which the a-weighted
     * Q is the median of its distribution, 0 when P(Q_a(0) > q_obs) >= 1/2 */
    FGROI__TRY(genq_root(yi, vi, ai, k, qobs, 0.5, 0, &tau2));
  } else if (method != FGROI_METHOD_FIXED_EFFECT) {
    tau_eq e = { yi, vi, k, method == FGROI_METHOD_REML ? 0 : (method == FGROI_METHOD_ML ? 1 : 2),
                 df };
    if (method == FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED) e.kind = 3;
    if (method == FGROI_METHOD_PAULE_MANDEL_MEDIAN) { /* Viechtbauer 2021: the chi-square median */
      e.target = fgroi__qchisq(0.5, df, 0);
      if (isnan(e.target)) return FGROI_E_NO_CONVERGENCE;
    }
    FGROI__TRY(tau_root(&e, &tau2));
  }
  double i2, h2;
  if (method == FGROI_METHOD_FIXED_EFFECT) {
    i2 = Q > 0.0 ? 100.0 * ((Q - df) / Q) : 0.0;
    if (i2 < 0.0) i2 = 0.0;
    h2 = Q / df;
  } else {
    i2 = 100.0 * (tau2 / (s2 + tau2)); /* the ratio is <= 1 after rounding */
    h2 = (s2 + tau2) / s2;
  }
  re_sums re = re_sums_at(yi, vi, k, tau2);
  double est = re.est, se = sqrt(1.0 / re.sw);
  const double a2 = (1.0 - conf_level) / 2.0;
  if (ai != NULL) { /* metafor with weights: sum a y / sum a, var sum a^2 (v + tau^2) / (sum a)^2 */
    long double say = 0.0L, sv = 0.0L;
    for (size_t i = 0; i < k; i++) {
      say += ai[i] * (long double)yi[i];
      sv += (long double)ai[i] * ai[i] * (vi[i] + (long double)tau2);
    }
    est = (double)(say / sa);
    se = (double)(sqrtl(sv) / sa);
  }
  double se_ci = se, crit, stat, pv, tdf = NAN;
  unsigned flags = 0;
  fgroi_method ci_m = method;
  if (opt.ci_method != FGROI_METHOD_NORMAL) {
    /* t on k - 1 df: with the plain se (metafor test = "t"), or the se
     * scaled by q = sum w (y - est)^2 / (k - 1) (Hartung & Knapp 2001,
     * Sidik & Jonkman 2002: test = "knha"), or by max(1, q) (Knapp &
     * Hartung's ad hoc rule; Jackson et al. 2017, sec. 4.3: "adhoc") */
    if (opt.ci_method != FGROI_METHOD_STUDENT) {
      double q = re.q / df;
      if (opt.ci_method == FGROI_METHOD_HKSJ_ADHOC && !(q >= 1.0)) q = 1.0;
      if (!(q > 0.0)) return FGROI_E_ZERO_VARIANCE;
      se_ci = sqrt(q) * se;
    }
    crit = fgroi__qt(a2, df, 0);
    stat = est / se_ci;
    tdf = df;
    pv = 2.0 * fgroi__pt(fabs(stat), df, 0);
    ci_m = opt.ci_method;
  } else {
    crit = fgroi__qnorm(a2, 0);
    stat = est / se;
    pv = fgroi__p_normal(stat, FGROI_TWO_SIDED);
    flags |= FGROI_FLAG_NORMAL_APPROX;
  }
  if (isnan(crit) || isnan(pv)) return FGROI_E_NO_CONVERGENCE;
  if (!isfinite(est) || !isfinite(se_ci) || !(se_ci > 0.0) || !isfinite(Q) || !isfinite(s2) ||
      !isfinite(i2) || !isfinite(h2))
    return FGROI_E_OUT_OF_RANGE; /* weights overflowed (variances near the double range ends) */
  pv = fgroi__clamp01(pv);
  if (pv < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  fgroi_pool_stats s = { .struct_size = sizeof s, .se = se_ci, .q = Q, .q_df = df,
                         .q_p_value = fgroi__pchisq(Q, df, 0), .tau2 = tau2, .i2 = i2,
                         .h2 = h2, .k = k };
  if (stats != NULL) {
    double pi_crit = crit, pi_se = se_ci;
    if (opt.pi_method == FGROI_METHOD_STUDENT) { /* Higgins, Thompson & Spiegelhalter 2009 */
      pi_crit = fgroi__qt(a2, (double)(k - 2), 0);
      pi_se = se;
    }
    fgroi_pool_stats x = { .struct_size = sizeof x };
    genq_ci gq = { ai, qobs };
    FGROI__TRY(pool_extra(yi, vi, k, est, tau2, pi_crit, pi_se, conf_level, genq ? &gq : NULL, &x));
    pool_copy_extra(&s, &x);
  }
  fgroi_interval iv = fgroi__interval(est, est - crit * se_ci, est + crit * se_ci, conf_level,
                                      ci_m, FGROI_TWO_SIDED, flags & ~FGROI_FLAG_P_FLOOR);
  fgroi__write_out(pooled, &iv, sizeof iv);
  if (test != NULL) {
    fgroi_test t = fgroi__test(stat, tdf, pv, 0.0, ci_m, FGROI_TWO_SIDED, flags);
    fgroi__write_out(test, &t, sizeof t);
  }
  if (stats != NULL) fgroi__write_out(stats, &s, sizeof s);
  /* a weight's share of the total is <= 100, but 100 w_i / sum w rounds to
   * 100.00000000000001 when one weight dwarfs the others (fuzz finding 42) */
  if (weights != NULL)
    for (size_t i = 0; i < k; i++)
      weights[i] = fmin(100.0, ai != NULL ? (double)(100.0L * ai[i] / sa)
                                          : (double)(100.0L / (vi[i] + tau2) / re.sw));
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_pool_effects_ex(const double *yi, const double *vi, size_t k,
                                             fgroi_method method, double conf_level,
                                             const fgroi_pool_options *options,
                                             fgroi_interval *pooled,
                                             fgroi_test *test, fgroi_pool_stats *stats,
                                             double *weights) {
  return pool_fit(yi, vi, NULL, k, method, conf_level, options, pooled, test, stats, weights);
}

FGROI_API fgroi_status fgroi_pool_effects_weighted(const double *yi, const double *vi,
                                                   const double *ai, size_t k,
                                                   fgroi_method method, double conf_level,
                                                   const fgroi_pool_options *options,
                                                   fgroi_interval *pooled, fgroi_test *test,
                                                   fgroi_pool_stats *stats, double *weights) {
  if (ai == NULL) return FGROI_E_NULL;
  return pool_fit(yi, vi, ai, k, method, conf_level, options, pooled, test, stats, weights);
}

/* ---- effect sizes (metafor::escalc) ---------------------------------------------- */

/* The three metafor::escalc measures of two arms ("RD", "RR", "OR") from
 * one kernel: validate, take the cells a, c of totals m1, m2 (1/2 added to
 * every cell when any is 0: escalc's add = 1/2, to = "only0"), compute. */
typedef enum { ESCALC_RD, ESCALC_RR, ESCALC_OR } escalc_measure;

static fgroi_status escalc_two_arms(escalc_measure measure, int64_t x1, int64_t n1, int64_t x2,
                                    int64_t n2, double *yi, double *vi) {
  if (yi == NULL || vi == NULL) return FGROI_E_NULL;
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  /* x + 1/2 and n + 1 must be exact doubles, or the variance can round to 0 */
  if (n1 > FGROI__ESCALC_MAX || n2 > FGROI__ESCALC_MAX)
    return fgroi__too_large(NULL, n1 > n2 ? "n1" : "n2", (double)(n1 > n2 ? n1 : n2),
                            (double)FGROI__ESCALC_MAX,
                            "escalc effect sizes (x + 1/2 must be an exact double)", NULL);
  const double add = (x1 == 0 || x1 == n1 || x2 == 0 || x2 == n2) ? 0.5 : 0.0;
  const double a = (double)x1 + add, m1 = (double)n1 + 2.0 * add;
  const double c = (double)x2 + add, m2 = (double)n2 + 2.0 * add;
  if (measure == ESCALC_RD) {
    double p1 = a / m1, p2 = c / m2;
    *yi = p1 - p2;
    /* 1 - p as (m - a) / m: exact near p = 1 */
    *vi = p1 * ((m1 - a) / m1) / m1 + p2 * ((m2 - c) / m2) / m2;
  } else if (measure == ESCALC_RR) {
    *yi = log((a / m1) / (c / m2));
    *vi = (m1 - a) / (a * m1) + (m2 - c) / (c * m2); /* 1/a - 1/m without cancellation */
  } else {
    double b = m1 - a, d = m2 - c;
    *yi = log(a) + log(d) - log(b) - log(c);
    *vi = 1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d;
  }
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_pool_escalc_rd(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi) {
  return escalc_two_arms(ESCALC_RD, x1, n1, x2, n2, yi, vi);
}

FGROI_API fgroi_status fgroi_pool_escalc_rr(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi) {
  return escalc_two_arms(ESCALC_RR, x1, n1, x2, n2, yi, vi);
}

FGROI_API fgroi_status fgroi_pool_escalc_or(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                            double *yi, double *vi) {
  return escalc_two_arms(ESCALC_OR, x1, n1, x2, n2, yi, vi);
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
  double v = sd1 * sd1 / (double)n1 + sd2 * sd2 / (double)n2, d = m1 - m2;
  /* SDs or means near DBL_MAX: the variance or the difference leaves the
   * doubles (issue 14: vi = inf with FGROI_OK) */
  if (!isfinite(v) || !isfinite(d)) return FGROI_E_OVERFLOW;
  if (!(v > 0.0)) return FGROI_E_ZERO_VARIANCE;
  *yi = d;
  *vi = v;
  return FGROI_OK;
}

/* ---- scorecard ----------------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_pool_scorecard(const double *estimate, const double *p_value,
                                            const int *higher_is_better, size_t n,
                                            double alpha, fgroi_method adjust_method,
                                            double *adjusted_p, fgroi_verdict *verdict) {
  if (estimate == NULL || p_value == NULL || higher_is_better == NULL || adjusted_p == NULL ||
      verdict == NULL)
    return FGROI_E_NULL;
  if (n == 0) return FGROI_E_EMPTY;
  FGROI__TRY(fgroi__check_finite_array(estimate, n));
  FGROI__TRY(fgroi__check_finite(alpha));
  FGROI__TRY(fgroi__check_prob_open(alpha));
  /* validates p and method; writes adjusted_p only on success */
  FGROI__TRY(fgroi_multiplicity_adjust_alpha(p_value, n, alpha, adjust_method, adjusted_p));
  for (size_t i = 0; i < n; i++) {
    double better = higher_is_better[i] ? estimate[i] : -estimate[i];
    if (adjusted_p[i] <= alpha && better != 0.0)
      verdict[i] = better > 0.0 ? FGROI_VERDICT_IMPROVED : FGROI_VERDICT_WORSENED;
    else
      verdict[i] = FGROI_VERDICT_INCONCLUSIVE;
  }
  return FGROI_OK;
}
