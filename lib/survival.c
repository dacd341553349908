/* Time to task with censoring: Kaplan-Meier (Greenwood SE, survfit's
 * pointwise intervals), the median with its interval (survival's findq
 * rule), the curve at a time T, and the G-rho log-rank test (survdiff).
 * Formulas and citations: docs/methods/survival.md. */
#include <float.h>
#include <stdlib.h>

#include "internal.h"
#include "num.h"

/* ---- input checks -------------------------------------------------------------- */

static fgroi_status check_data(const double *time, const uint8_t *event, size_t n) {
  if (time == NULL || event == NULL) return FGROI_E_NULL;
  if (n == 0) return FGROI_E_EMPTY;
  for (size_t i = 0; i < n; i++) {
    FGROI__TRY(fgroi__check_finite(time[i]));
    if (time[i] < 0.0) return FGROI_E_INVALID_TIME;
    if (event[i] > 1) return FGROI_E_OUT_OF_RANGE;
  }
  return FGROI_OK;
}

static fgroi_status check_conf_type(fgroi_surv_conf c) {
  return (c == FGROI_SURV_CONF_LOG || c == FGROI_SURV_CONF_LOG_LOG || c == FGROI_SURV_CONF_PLAIN)
             ? FGROI_OK : FGROI_E_METHOD;
}

/* ---- the Kaplan-Meier table ------------------------------------------------------ */

typedef struct { double t; uint8_t e; uint8_t arm; } obs;

static int cmp_obs(const void *a, const void *b) {
  const obs *x = a, *y = b;
  if (x->t != y->t) return (x->t > y->t) - (x->t < y->t);
  return (int)y->e - (int)x->e; /* events first */
}

typedef struct {
  size_t m;        /* rows (distinct times) */
  double *t, *nrisk, *nev, *ncens, *s, *sig; /* sig = sqrt(sum d / (n (n - d))), may be +inf */
  double *lo, *hi; /* pointwise limits; NaN where survfit gives NA */
} km_table;

static void km_free(km_table *k) {
  free(k->t); free(k->nrisk); free(k->nev); free(k->ncens); free(k->s); free(k->sig);
  free(k->lo); free(k->hi);
}

/* survfit_confint for one point; NaN where survfit has NA. */
static void km_limits(double s, double sig, fgroi_surv_conf type, double z, double *lo, double *hi) {
  if (type == FGROI_SURV_CONF_PLAIN) {
    /* survfit: se * p with se = Inf at p = 0 gives NaN limits */
    if (s == 0.0) { *lo = *hi = NAN; return; }
    double se2 = sig * s * z;
    *lo = fmax(s - se2, 0.0); *hi = fmin(s + se2, 1.0);
  } else if (type == FGROI_SURV_CONF_LOG) {
    if (s == 0.0) { *lo = *hi = NAN; return; }
    *lo = exp(log(s) - z * sig); *hi = fmin(exp(log(s) + z * sig), 1.0);
  } else {
    if (s == 0.0 || s == 1.0) { *lo = *hi = NAN; return; }
    double se2 = z * sig / log(s), ll = log(-log(s));
    *lo = exp(-exp(ll - se2)); *hi = exp(-exp(ll + se2));
  }
}

static fgroi_status km_build(const double *time, const uint8_t *event, size_t n,
                             fgroi_surv_conf type, double conf, km_table *k) {
  memset(k, 0, sizeof *k);
  obs *o = fgroi__malloc_array(n, sizeof *o);
  if (!o) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < n; i++) { o[i].t = time[i]; o[i].e = event[i]; o[i].arm = 0; }
  qsort(o, n, sizeof *o, cmp_obs);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) m += (i == 0 || o[i].t != o[i - 1].t);
  k->t = fgroi__malloc_array(m, sizeof(double)); k->nrisk = fgroi__malloc_array(m, sizeof(double));
  k->nev = fgroi__malloc_array(m, sizeof(double)); k->ncens = fgroi__malloc_array(m, sizeof(double));
  k->s = fgroi__malloc_array(m, sizeof(double)); k->sig = fgroi__malloc_array(m, sizeof(double));
  k->lo = fgroi__malloc_array(m, sizeof(double)); k->hi = fgroi__malloc_array(m, sizeof(double));
  if (!k->t || !k->nrisk || !k->nev || !k->ncens || !k->s || !k->sig || !k->lo || !k->hi) {
    free(o); km_free(k); return FGROI_E_NO_MEMORY;
  }
  k->m = m;
  double z = fgroi__z_conf(conf, FGROI_TWO_SIDED);
  double s = 1.0, vh = 0.0, atrisk = (double)n;
  size_t row = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    double d = 0.0, c = 0.0;
    while (j < n && o[j].t == o[i].t) { if (o[j].e) d += 1.0; else c += 1.0; j++; }
    if (d > 0.0) {
      s *= 1.0 - d / atrisk;
      vh = (atrisk > d) ? vh + d / (atrisk * (atrisk - d)) : INFINITY;
    }
    k->t[row] = o[i].t; k->nrisk[row] = atrisk; k->nev[row] = d; k->ncens[row] = c;
    k->s[row] = s; k->sig[row] = sqrt(vh);
    km_limits(s, k->sig[row], type, z, &k->lo[row], &k->hi[row]);
    atrisk -= d + c;
    row++;
    i = j;
  }
  free(o);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_surv_km(const double *time, const uint8_t *event, size_t n,
                                     fgroi_surv_conf conf_type, double conf_level,
                                     size_t capacity, double *t_out, int64_t *n_risk,
                                     int64_t *n_event, int64_t *n_censor, double *surv,
                                     double *std_err, double *lower, double *upper,
                                     size_t *size) {
  if (size == NULL) return FGROI_E_NULL;
  FGROI__TRY(check_conf_type(conf_type));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(check_data(time, event, n));
  km_table k;
  FGROI__TRY(km_build(time, event, n, conf_type, conf_level, &k));
  *size = k.m;
  if (k.m > capacity) { km_free(&k); return FGROI_E_CAPACITY; }
  for (size_t r = 0; r < k.m; r++) {
    double s = k.s[r];
    if (t_out) t_out[r] = k.t[r];
    if (n_risk) n_risk[r] = (int64_t)k.nrisk[r];
    if (n_event) n_event[r] = (int64_t)k.nev[r];
    if (n_censor) n_censor[r] = (int64_t)k.ncens[r];
    if (surv) surv[r] = s;
    if (std_err) std_err[r] = (s == 0.0) ? 0.0 : s * k.sig[r];
    /* no NaN leaks: survfit's NA limits become the estimate itself */
    if (lower) lower[r] = isnan(k.lo[r]) ? s : k.lo[r];
    if (upper) upper[r] = isnan(k.hi[r]) ? s : k.hi[r];
  }
  km_free(&k);
  return FGROI_OK;
}

/* ---- median: survival's findq ----------------------------------------------------- */

/* survival:::findq(c(0, time), c(0, 1 - curve), p, tol) for p = 1/2. curve
 * values that are NaN are NA. Returns +INFINITY where R returns NA. */
typedef struct { double y; size_t i; } yi_pair;

/* by value (NaN last, all NaN equal), then by position */
static int cmp_yi(const void *a, const void *b) {
  const yi_pair *u = a, *v = b;
  int nu = isnan(u->y), nv = isnan(v->y);
  if (nu != nv) return nu - nv;
  if (!nu && u->y != v->y) return (u->y > v->y) - (u->y < v->y);
  return (u->i > v->i) - (u->i < v->i);
}

static double findq(const km_table *k, const double *curve, double p) {
  const double tol = sqrt(DBL_EPSILON);
  size_t m = k->m + 1;
  double *x = fgroi__malloc_array(m, sizeof *x), *y = fgroi__malloc_array(m, sizeof *y);
  yi_pair *srt = fgroi__malloc_array(m, sizeof *srt);
  unsigned char *keep = malloc(m);
  if (!x || !y || !srt || !keep) { free(x); free(y); free(srt); free(keep); return NAN; }
  double ymax = -INFINITY;
  /* (x, y) with y = 1 - curve; NaN is NA */
  for (size_t i = 0; i < m; i++) {
    x[i] = i == 0 ? 0.0 : k->t[i - 1];
    y[i] = i == 0 ? 0.0 : 1.0 - curve[i - 1];
    if (!isnan(y[i])) ymax = fmax(ymax, y[i]);
    srt[i].y = y[i]; srt[i].i = i; keep[i] = 0;
  }
  /* R's duplicated(y): keep the first occurrence of each value (NA == NA),
   * found by sorting in O(m log m) */
  qsort(srt, m, sizeof *srt, cmp_yi);
  for (size_t j = 0; j < m; j++) {
    int first = j == 0 || isnan(srt[j].y) != isnan(srt[j - 1].y) ||
                (!isnan(srt[j].y) && srt[j].y != srt[j - 1].y);
    if (first) keep[srt[j].i] = 1;
  }
  free(srt);
  size_t w = 0;
  for (size_t i = 0; i < m; i++)
    if (keep[i]) { x[w] = x[i]; y[w] = y[i]; w++; }
  free(keep);
  double xmax = k->t[k->m - 1], q = INFINITY;
  if (ymax < p) { free(x); free(y); return INFINITY; }
  /* approx(y -+ tol, 1:n, p, "constant", f = 1): index of the smallest
   * non-NA knot >= p (knots sorted by value, as approx does) */
  size_t i1 = SIZE_MAX, i2 = SIZE_MAX, last = SIZE_MAX;
  for (size_t j = 0; j < w; j++) {
    if (isnan(y[j])) continue;
    last = j;
    if (y[j] + tol >= p && (i1 == SIZE_MAX || y[j] < y[i1])) i1 = j;
    if (y[j] - tol >= p && (i2 == SIZE_MAX || y[j] < y[i2])) i2 = j;
  }
  if (i1 != SIZE_MAX && i2 != SIZE_MAX) q = 0.5 * (x[i1] + x[i2]);
  if (last == w - 1 && fabs(p - y[w - 1]) < tol && i1 != SIZE_MAX) q = 0.5 * (x[i1] + xmax);
  free(x); free(y);
  return q;
}

static fgroi_status check_interval_args(const double *time, const uint8_t *event, size_t n,
                                        fgroi_surv_conf conf_type, double conf_level) {
  FGROI__TRY(check_conf_type(conf_type));
  FGROI__TRY(fgroi__check_conf(conf_level));
  return check_data(time, event, n);
}

FGROI_API fgroi_status fgroi_surv_median(const double *time, const uint8_t *event, size_t n,
                                         fgroi_surv_conf conf_type, double conf_level,
                                         fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(check_interval_args(time, event, n, conf_type, conf_level));
  km_table k;
  FGROI__TRY(km_build(time, event, n, conf_type, conf_level, &k));
  double est = findq(&k, k.s, 0.5), lo = findq(&k, k.lo, 0.5), hi = findq(&k, k.hi, 0.5);
  km_free(&k);
  if (isnan(est) || isnan(lo) || isnan(hi)) return FGROI_E_NO_MEMORY;
  unsigned flags = (isinf(est) || isinf(lo) || isinf(hi)) ? FGROI_FLAG_UNBOUNDED : 0u;
  fgroi_interval r = fgroi__interval(est, lo, hi, conf_level, FGROI_METHOD_KAPLAN_MEIER,
                                     FGROI_TWO_SIDED, flags);
  return fgroi__emit_interval(out, &r);
}

FGROI_API fgroi_status fgroi_surv_at(const double *time, const uint8_t *event, size_t n,
                                     double t, fgroi_surv_conf conf_type, double conf_level,
                                     fgroi_interval *surv, fgroi_interval *done) {
  if (surv == NULL && done == NULL) return FGROI_E_NULL;
  if (surv) FGROI__TRY(FGROI__CHECK_INTERVAL(surv));
  if (done) FGROI__TRY(FGROI__CHECK_INTERVAL(done));
  FGROI__TRY(check_interval_args(time, event, n, conf_type, conf_level));
  FGROI__TRY(fgroi__check_finite(t));
  if (t < 0.0) return FGROI_E_INVALID_TIME;
  km_table k;
  FGROI__TRY(km_build(time, event, n, conf_type, conf_level, &k));
  double s = 1.0, lo = 1.0, hi = 1.0;
  unsigned flags = 0;
  for (size_t r = 0; r < k.m && k.t[r] <= t; r++) {
    s = k.s[r];
    flags = (isnan(k.lo[r]) || isnan(k.hi[r])) ? FGROI_FLAG_DEGENERATE : 0u;
    lo = isnan(k.lo[r]) ? s : k.lo[r];
    hi = isnan(k.hi[r]) ? s : k.hi[r];
  }
  km_free(&k);
  fgroi_interval a = fgroi__interval(s, lo, hi, conf_level, FGROI_METHOD_KAPLAN_MEIER,
                                     FGROI_TWO_SIDED, flags);
  fgroi_interval b = fgroi__interval(1.0 - s, 1.0 - hi, 1.0 - lo, conf_level,
                                     FGROI_METHOD_KAPLAN_MEIER, FGROI_TWO_SIDED, flags);
  if (surv) FGROI__TRY(fgroi__audit_interval(&a));
  if (done) FGROI__TRY(fgroi__audit_interval(&b));
  if (surv) fgroi__write_out(surv, &a, sizeof a);
  if (done) fgroi__write_out(done, &b, sizeof b);
  return FGROI_OK;
}

/* ---- log-rank (survdiff) ------------------------------------------------------------ */

FGROI_API fgroi_status fgroi_surv_logrank(const double *time1, const uint8_t *event1, size_t n1,
                                          const double *time2, const uint8_t *event2, size_t n2,
                                          double rho, fgroi_test *test, fgroi_logrank *detail) {
  FGROI__TRY(FGROI__CHECK_TEST(test));
  if (detail) FGROI__TRY(FGROI__CHECK_OUT(detail, fgroi_logrank, variance));
  FGROI__TRY(fgroi__check_finite(rho));
  if (rho < 0.0) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(check_data(time1, event1, n1));
  FGROI__TRY(check_data(time2, event2, n2));
  size_t n = n1 + n2;
  obs *o = fgroi__malloc_array(n, sizeof *o);
  if (!o) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < n1; i++) { o[i].t = time1[i]; o[i].e = event1[i]; o[i].arm = 0; }
  for (size_t i = 0; i < n2; i++) { o[n1 + i].t = time2[i]; o[n1 + i].e = event2[i]; o[n1 + i].arm = 1; }
  qsort(o, n, sizeof *o, cmp_obs);
  double r1 = (double)n1, r2 = (double)n2; /* at risk */
  double O1 = 0.0, E1 = 0.0, O2 = 0.0, E2 = 0.0, V = 0.0, km = 1.0, events = 0.0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    double d1 = 0.0, d2 = 0.0, c1 = 0.0, c2 = 0.0;
    while (j < n && o[j].t == o[i].t) {
      if (o[j].e) { if (o[j].arm) d2 += 1.0; else d1 += 1.0; }
      else { if (o[j].arm) c2 += 1.0; else c1 += 1.0; }
      j++;
    }
    double d = d1 + d2, r = r1 + r2;
    if (d > 0.0) {
      double w = rho == 0.0 ? 1.0 : pow(km, rho); /* pooled KM at t- */
      O1 += w * d1; O2 += w * d2;
      E1 += w * d * r1 / r; E2 += w * d * r2 / r;
      if (r > 1.0) V += w * w * d * (r1 / r) * (1.0 - r1 / r) * (r - d) / (r - 1.0);
      km *= 1.0 - d / r;
      events += d;
    }
    r1 -= d1 + c1; r2 -= d2 + c2;
    i = j;
  }
  free(o);
  if (events == 0.0) return FGROI_E_NO_EVENTS;
  if (!(V > 0.0)) return FGROI_E_ZERO_VARIANCE;
  double chisq = (O1 - E1) * (O1 - E1) / V;
  fgroi_test t = fgroi__test(chisq, 1.0, fgroi__pchisq(chisq, 1.0, 0), 0.0, FGROI_METHOD_LOGRANK,
                             FGROI_TWO_SIDED, 0);
  FGROI__TRY(fgroi__audit_test(&t));
  if (detail) {
    fgroi_logrank dl = { sizeof dl, O1, E1, O2, E2, V };
    fgroi__write_out(detail, &dl, sizeof dl);
  }
  return fgroi__emit_test(test, &t);
}
