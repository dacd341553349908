/* ROI with uncertainty: the closed-form monotone mapping of an effect
 * interval, and a seeded Monte Carlo over several uncertain inputs.
 * Formulas: docs/methods/roi.md. */
#include <stdlib.h>

#include "control.h"
#include "internal.h"
#include "num.h"

#define ROI_MAX_DRAWS 1000000

/* ---- closed form --------------------------------------------------------------- */

/* SE of the effect implied by its interval (normal approximation). */
static fgroi_status interval_se(const fgroi_interval *e, double *se) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(e));
  FGROI__TRY(fgroi__check_finite(e->estimate));
  FGROI__TRY(fgroi__check_conf(e->conf_level));
  FGROI__TRY(fgroi__check_alternative(e->alternative));
  if (isnan(e->lower) || isnan(e->upper)) return FGROI_E_NAN;
  if (!(e->lower <= e->estimate && e->estimate <= e->upper)) return FGROI_E_OUT_OF_RANGE;
  double conf = e->conf_level, v;
  /* a one-sided bound at conf_level <= 1/2 lies on the estimate or past it:
   * it implies no positive SD (issue 14: SD -inf with FGROI_OK) */
  if (e->alternative != FGROI_TWO_SIDED && !(conf > 0.5)) return FGROI_E_OUT_OF_RANGE;
  double z = fgroi__z_conf(conf, e->alternative);
  /* two-sided below 1e-8, (1 - conf)/2 rounds towards 1/2 and z to 0; the
   * series qnorm(1/2 + c/2) = c sqrt(2 pi)/2 + O(c^3) is exact in doubles */
  if (e->alternative == FGROI_TWO_SIDED && conf < 1e-8) z = conf * 1.2533141373155003;
  switch (e->alternative) {
  case FGROI_TWO_SIDED:
    if (isinf(e->lower) || isinf(e->upper)) return FGROI_E_INFINITE;
    v = (e->upper - e->lower) / (2.0 * z);
    break;
  case FGROI_GREATER: /* lower bound computed */
    if (isinf(e->lower)) return FGROI_E_INFINITE;
    v = (e->estimate - e->lower) / z;
    break;
  default: /* FGROI_LESS: upper bound computed */
    if (isinf(e->upper)) return FGROI_E_INFINITE;
    v = (e->upper - e->estimate) / z;
    break;
  }
  /* a two-sided level near 0 (z near 0) or a width beyond DBL_MAX: the
   * implied SD is not a finite number */
  if (!isfinite(v)) return FGROI_E_OUT_OF_RANGE;
  *se = v;
  return FGROI_OK;
}

static fgroi_status check_positive(double v) {
  FGROI__TRY(fgroi__check_finite(v));
  return v > 0.0 ? FGROI_OK : FGROI_E_OUT_OF_RANGE;
}

/* P(effect * k > cost) for effect ~ N(est, se). */
static double prob_positive(double est, double se, double k, double be) {
  double gap = k > 0.0 ? est - be : be - est;
  if (se > 0.0) return fgroi__pnorm(gap / se, 1);
  return gap > 0.0 ? 1.0 : 0.0;
}

FGROI_API fgroi_status fgroi_roi_compute(const fgroi_interval *effect, double volume,
                                         double value_per_unit, double cost,
                                         fgroi_interval *roi, fgroi_interval *net_value,
                                         fgroi_roi_summary *summary) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(roi));
  if (net_value != NULL) FGROI__TRY(FGROI__CHECK_INTERVAL(net_value));
  if (summary != NULL) FGROI__TRY(FGROI__CHECK_OUT(summary, fgroi_roi_summary, resamples));
  if (effect == NULL) return FGROI_E_NULL;
  double se;
  FGROI__TRY(interval_se(effect, &se));
  FGROI__TRY(check_positive(volume));
  FGROI__TRY(fgroi__check_finite(value_per_unit));
  if (value_per_unit == 0.0) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(check_positive(cost));

  double k = volume * value_per_unit;
  if (!isfinite(k)) return FGROI_E_OVERFLOW; /* 1e300 * 1e300 (issue 14) */
  double lo = effect->lower, hi = effect->upper, est = effect->estimate;
  fgroi_alternative alt = effect->alternative;
  if (k < 0.0) { /* decreasing map: swap limits and sides */
    double t = lo; lo = hi; hi = t;
    if (alt == FGROI_GREATER) alt = FGROI_LESS;
    else if (alt == FGROI_LESS) alt = FGROI_GREATER;
  }
  double n_est = est * k - cost, n_lo = lo * k - cost, n_hi = hi * k - cost;
  unsigned flags = FGROI_FLAG_NORMAL_APPROX | (effect->flags & FGROI_FLAG_UNBOUNDED);
  if (isinf(n_lo) || isinf(n_hi)) flags |= FGROI_FLAG_UNBOUNDED;
  fgroi_interval r = fgroi__interval(n_est / cost, n_lo / cost, n_hi / cost, effect->conf_level,
                                     FGROI_METHOD_NORMAL, alt, flags);
  fgroi_interval nv = fgroi__interval(n_est, n_lo, n_hi, effect->conf_level, FGROI_METHOD_NORMAL,
                                      alt, flags);
  double be = cost / k;
  fgroi_roi_summary s = { .struct_size = sizeof s, .break_even_effect = be,
                          .prob_positive = prob_positive(est, se, k, be), .effect_se = se,
                          .mean_roi = n_est / cost, .mean_net_value = n_est, .resamples = 0 };
  /* a product beyond the doubles is an overflow; an infinite limit is kept
   * only where the effect's own limit is infinite (and flagged) */
  if (!isfinite(n_est) || !isfinite(r.estimate) || isnan(n_lo) || isnan(n_hi) ||
      isnan(r.lower) || isnan(r.upper) || (isinf(r.lower) && isfinite(lo)) ||
      (isinf(r.upper) && isfinite(hi)) || !isfinite(be) || isnan(s.prob_positive))
    return FGROI_E_OVERFLOW;
  FGROI__TRY(fgroi__audit_interval(&r));
  FGROI__TRY(fgroi__audit_interval(&nv));
  fgroi__write_out(roi, &r, sizeof r);
  if (net_value != NULL) fgroi__write_out(net_value, &nv, sizeof nv);
  if (summary != NULL) fgroi__write_out(summary, &s, sizeof s);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_roi_input_from_interval(const fgroi_interval *effect,
                                                     fgroi_roi_input *out) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_roi_input, c));
  if (effect == NULL) return FGROI_E_NULL;
  double se;
  FGROI__TRY(interval_se(effect, &se));
  fgroi_roi_input r = { .struct_size = sizeof r, .dist = FGROI_ROI_NORMAL,
                        .a = effect->estimate, .b = se, .c = 0.0 };
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}

/* ---- Monte Carlo ----------------------------------------------------------------- */

typedef struct { fgroi_roi_dist dist; double a, b, c; } dist_par;

static fgroi_status check_input(const fgroi_roi_input *in, dist_par *d) {
  FGROI__TRY(FGROI__CHECK_OUT(in, fgroi_roi_input, c));
  d->dist = in->dist;
  d->a = in->a;
  d->b = in->b;
  d->c = in->c;
  FGROI__TRY(fgroi__check_finite(d->a));
  switch (d->dist) {
  case FGROI_ROI_FIXED:
    return FGROI_OK;
  case FGROI_ROI_UNIFORM:
    FGROI__TRY(fgroi__check_finite(d->b));
    return d->a <= d->b ? FGROI_OK : FGROI_E_OUT_OF_RANGE;
  case FGROI_ROI_TRIANGULAR:
    FGROI__TRY(fgroi__check_finite(d->b));
    FGROI__TRY(fgroi__check_finite(d->c));
    return (d->a <= d->b && d->b <= d->c) ? FGROI_OK : FGROI_E_OUT_OF_RANGE;
  case FGROI_ROI_NORMAL:
    FGROI__TRY(fgroi__check_finite(d->b));
    return d->b >= 0.0 ? FGROI_OK : FGROI_E_OUT_OF_RANGE;
  default:
    return FGROI_E_OUT_OF_RANGE;
  }
}

static double central(const dist_par *d) {
  switch (d->dist) {
  case FGROI_ROI_UNIFORM: return 0.5 * (d->a + d->b);
  case FGROI_ROI_TRIANGULAR: return d->b;
  default: return d->a; /* fixed value, normal mean */
  }
}

/* Largest value the distribution can take (+inf for the normal). */
static double support_max(const dist_par *d) {
  switch (d->dist) {
  case FGROI_ROI_UNIFORM: return d->b;
  case FGROI_ROI_TRIANGULAR: return d->c;
  case FGROI_ROI_NORMAL: return d->b > 0.0 ? INFINITY : d->a;
  default: return d->a;
  }
}

/* uniform on the open interval (0, 1) */
static double open_uniform(fgroi__rng *rng) {
  return ((double)(fgroi__rng_u64(rng) >> 11) + 0.5) * 0x1.0p-53;
}

static double draw(const dist_par *d, fgroi__rng *rng) {
  switch (d->dist) {
  case FGROI_ROI_FIXED:
    return d->a;
  case FGROI_ROI_UNIFORM:
    return d->a + (d->b - d->a) * fgroi__rng_uniform(rng);
  case FGROI_ROI_TRIANGULAR: { /* inverse CDF */
    double u = fgroi__rng_uniform(rng), w = d->c - d->a;
    if (w == 0.0) return d->a;
    double fm = (d->b - d->a) / w;
    /* square roots of the factors: u w (b - a) overflows for bounds near
     * 1e300 (issue 14) */
    return u < fm ? d->a + sqrt(u * w) * sqrt(d->b - d->a)
                  : d->c - sqrt((1.0 - u) * w) * sqrt(d->c - d->b);
  }
  default: /* FGROI_ROI_NORMAL */
    return d->b > 0.0 ? d->a + d->b * fgroi__qnorm(open_uniform(rng), 1) : d->a;
  }
}

/* Draw, redrawing values <= 0 (strict_positive) or < 0: a truncated input. */
static fgroi_status draw_bounded(const dist_par *d, fgroi__rng *rng, int strict_positive,
                                 double *v) {
  for (int tries = 0; tries < 1000; tries++) {
    double x = draw(d, rng);
    if (strict_positive ? x > 0.0 : x >= 0.0) {
      *v = x;
      return FGROI_OK;
    }
  }
  return FGROI_E_NOT_ESTIMABLE;
}

static void swap_d(double *a, double *b) {
  double t = *a;
  *a = *b;
  *b = t;
}

/* Put the k-th smallest of v[0..n) (finite values) at v[k], smaller ones
 * before it and larger ones after (quickselect, three-way partition for
 * ties, pivot the median of three pseudo-random elements): O(n) expected,
 * no O(n log n) sort of up to 1e8 draws. The control is stepped every
 * 2^16 elements visited. */
static fgroi_status select_kth(double *v, size_t n, size_t k, fgroi__ctl *ctl, double fraction) {
  size_t lo = 0, hi = n;
  uint64_t state = 0x9E3779B97F4A7C15u ^ (uint64_t)n;
  unsigned long ops = 0;
  while (hi - lo > 1) {
    size_t len = hi - lo, pick[3];
    for (int j = 0; j < 3; j++) {
      state = state * 6364136223846793005u + 1442695040888963407u;
      pick[j] = lo + (size_t)((state >> 11) % len);
    }
    double a = v[pick[0]], b = v[pick[1]], c = v[pick[2]];
    double p = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
    size_t lt = lo, i = lo, gt = hi;
    while (i < gt) {
      if ((++ops & 0xFFFFu) == 0) FGROI__TRY(fgroi__ctl_step(ctl, fraction));
      if (v[i] < p) swap_d(&v[lt++], &v[i++]);
      else if (v[i] > p) swap_d(&v[i], &v[--gt]);
      else i++;
    }
    if (k < lt) hi = lt;
    else if (k >= gt) lo = gt;
    else { v[k] = p; return FGROI_OK; }
  }
  return FGROI_OK;
}

/* R's quantile type 7 of v[0..n) without sorting: the value
 * fgroi__quantile7 gives on the sorted array, from the two order statistics
 * it interpolates (v is reordered in place by the selection). */
static fgroi_status select_quantile7(double *v, size_t n, double p, fgroi__ctl *ctl, double fraction,
                              double *q) {
  double h = (double)(n - 1) * p;
  size_t lo = (size_t)floor(h);
  if (lo + 1 >= n) lo = n - 1;
  FGROI__TRY(select_kth(v, n, lo, ctl, fraction));
  if (lo + 1 >= n) { *q = v[n - 1]; return FGROI_OK; }
  /* the next order statistic: the smallest of the part above v[lo] */
  double next = v[lo + 1];
  for (size_t i = lo + 2; i < n; i++) {
    if (((i - lo) & 0xFFFFu) == 0) FGROI__TRY(fgroi__ctl_step(ctl, fraction));
    if (v[i] < next) next = v[i];
  }
  *q = v[lo] + (h - (double)lo) * (next - v[lo]);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_roi_monte_carlo(const fgroi_roi_input *effect,
                                             const fgroi_roi_input *volume,
                                             const fgroi_roi_input *value_per_unit,
                                             const fgroi_roi_input *cost, double conf_level,
                                             int64_t resamples, uint64_t seed,
                                             fgroi_interval *roi, fgroi_interval *net_value,
                                             fgroi_roi_summary *summary) {
  return fgroi_roi_monte_carlo_ctl(effect, volume, value_per_unit, cost, conf_level, resamples, seed,
                                   NULL, roi, net_value, summary);
}

static fgroi_status fgroi_roi_monte_carlo_ctl_body(const fgroi_roi_input *effect,
                                                   const fgroi_roi_input *volume,
                                                   const fgroi_roi_input *value_per_unit,
                                                   const fgroi_roi_input *cost, double conf_level,
                                                   int64_t resamples, uint64_t seed,
                                                   const fgroi_control *control,
                                                   fgroi_interval *roi, fgroi_interval *net_value,
                                                   fgroi_roi_summary *summary) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(roi));
  if (net_value != NULL) FGROI__TRY(FGROI__CHECK_INTERVAL(net_value));
  if (summary != NULL) FGROI__TRY(FGROI__CHECK_OUT(summary, fgroi_roi_summary, resamples));
  if (effect == NULL || volume == NULL || value_per_unit == NULL || cost == NULL)
    return FGROI_E_NULL;
  dist_par de, dv, du, dc;
  FGROI__TRY(check_input(effect, &de));
  FGROI__TRY(check_input(volume, &dv));
  FGROI__TRY(check_input(value_per_unit, &du));
  FGROI__TRY(check_input(cost, &dc));
  if (!(support_max(&dc) > 0.0) || !(central(&dc) > 0.0)) return FGROI_E_OUT_OF_RANGE;
  if (!(support_max(&dv) >= 0.0)) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_conf(conf_level));
  if (resamples == 0) resamples = 100000;
  /* about 0.47 us of CPU per draw (-O2): 10^6 draws in half a second
   * (issue 14: 10^8 was admitted, 47 s) */
  if (resamples < 100 || resamples > ROI_MAX_DRAWS) return FGROI_E_OUT_OF_RANGE;
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));

  size_t n = (size_t)resamples;
  double *r = fgroi__malloc_array(n, sizeof *r), *nv = fgroi__malloc_array(n, sizeof *nv);
  if (r == NULL || nv == NULL) {
    free(r);
    free(nv);
    return FGROI_E_NO_MEMORY;
  }
  fgroi__rng rng;
  fgroi__rng_seed(&rng, seed);
  long double s_r = 0.0L, s_nv = 0.0L, s_e = 0.0L, s_e2 = 0.0L;
  size_t positive = 0;
  fgroi_status st = FGROI_OK;
  for (size_t i = 0; i < n && st == FGROI_OK; i++) {
    if ((i & 4095u) == 0 && (st = fgroi__ctl_step(&ctl, 0.7 * (double)i / (double)n)) != FGROI_OK)
      break;
    double e = draw(&de, &rng), v, u = draw(&du, &rng), c;
    st = draw_bounded(&dv, &rng, 0, &v);
    if (st == FGROI_OK) st = draw_bounded(&dc, &rng, 1, &c);
    if (st != FGROI_OK) break;
    double net = e * v * u - c;
    if (!isfinite(net) || !isfinite(net / c)) { st = FGROI_E_OVERFLOW; break; }
    nv[i] = net;
    r[i] = net / c;
    positive += r[i] > 0.0;
    s_r += r[i];
    s_nv += net;
    s_e += e;
    s_e2 += (long double)e * e;
  }
  if (st != FGROI_OK) {
    free(r);
    free(nv);
    return st;
  }
  double a = (1.0 - conf_level) / 2.0;
  double q[4];
  st = select_quantile7(r, n, a, &ctl, 0.7, &q[0]);
  if (st == FGROI_OK) st = select_quantile7(r, n, 1.0 - a, &ctl, 0.775, &q[1]);
  if (st == FGROI_OK) st = select_quantile7(nv, n, a, &ctl, 0.85, &q[2]);
  if (st == FGROI_OK) st = select_quantile7(nv, n, 1.0 - a, &ctl, 0.925, &q[3]);
  if (st != FGROI_OK) {
    free(r);
    free(nv);
    return st;
  }
  double ce = central(&de), cv = central(&dv), cu = central(&du), cc = central(&dc);
  double k = cv * cu, n_est = ce * k - cc;
  fgroi_interval ri = fgroi__interval(n_est / cc, q[0], q[1],
                                      conf_level, FGROI_METHOD_MONTE_CARLO, FGROI_TWO_SIDED,
                                      FGROI_FLAG_MONTE_CARLO);
  fgroi_interval ni = fgroi__interval(n_est, q[2], q[3],
                                      conf_level, FGROI_METHOD_MONTE_CARLO, FGROI_TWO_SIDED,
                                      FGROI_FLAG_MONTE_CARLO);
  long double mean_e = s_e / (long double)n;
  long double var_e = (s_e2 - (long double)n * mean_e * mean_e) / (long double)(n - 1);
  fgroi_roi_summary s = { .struct_size = sizeof s,
                          .break_even_effect = k != 0.0 ? cc / k : NAN,
                          .prob_positive = (double)positive / (double)n,
                          .effect_se = var_e > 0.0L ? (double)sqrtl(var_e) : 0.0,
                          .mean_roi = (double)(s_r / (long double)n),
                          .mean_net_value = (double)(s_nv / (long double)n),
                          .resamples = resamples };
  free(r);
  free(nv);
  {
    const double fin[] = { ri.estimate, ri.lower, ri.upper, ni.estimate, ni.lower, ni.upper,
                           s.effect_se, s.mean_roi, s.mean_net_value };
    /* a check of the domain, not the audit (which -DFGROI_AUDIT=0 removes) */
    for (size_t i = 0; i < sizeof fin / sizeof fin[0]; i++)
      if (!isfinite(fin[i])) return FGROI_E_OVERFLOW;
  }
  FGROI__TRY(fgroi__audit_interval(&ri));
  FGROI__TRY(fgroi__audit_interval(&ni));
  fgroi__write_out(roi, &ri, sizeof ri);
  if (net_value != NULL) fgroi__write_out(net_value, &ni, sizeof ni);
  if (summary != NULL) fgroi__write_out(summary, &s, sizeof s);
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_roi_monte_carlo_ctl(const fgroi_roi_input *effect,
                                                 const fgroi_roi_input *volume,
                                                 const fgroi_roi_input *value_per_unit,
                                                 const fgroi_roi_input *cost, double conf_level,
                                                 int64_t resamples, uint64_t seed,
                                                 const fgroi_control *control, fgroi_interval *roi,
                                                 fgroi_interval *net_value,
                                                 fgroi_roi_summary *summary) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_roi_monte_carlo_ctl_body(effect, volume, value_per_unit,
                            cost, conf_level, resamples, seed, control, roi, net_value, summary),
                            "fgroi_roi_monte_carlo_ctl");
}
