/* Power and sample size: normal approximations as R's power.prop.test,
 * t power as R's power.t.test (noncentral t: fgroi__pnt, Lenth 1989),
 * McNemar (Connor 1987; Miettinen 1968), NPS change, and exact power by
 * enumeration of the rejection region of the library's own exact tests.
 * Formulas and citations: docs/methods/power.md. */
#include <float.h>
#include <limits.h>
#include <stdlib.h>

#include "control.h"
#include "exact2x2_region.h"
#include "internal.h"
#include "num.h"

/* ---- options -------------------------------------------------------------- */

typedef struct {
  double alpha;
  fgroi_alternative alt;
  int strict;
  double ratio;
  const fgroi_control *control;
} popt;

static fgroi_status resolve_options(const fgroi_power_options *o, popt *r) {
  r->alpha = 0.05;
  r->alt = FGROI_TWO_SIDED;
  r->strict = 0;
  r->ratio = 1.0;
  r->control = NULL;
  if (o == NULL) return FGROI_OK;
  FGROI__TRY(FGROI__CHECK_OUT(o, fgroi_power_options, ratio));
  if (o->alpha != 0.0) {
    FGROI__TRY(fgroi__check_prob_open(o->alpha));
    r->alpha = o->alpha;
  }
  FGROI__TRY(fgroi__check_alternative(o->alternative));
  r->alt = o->alternative;
  r->strict = o->strict != 0;
  if (o->ratio != 0.0) {
    FGROI__TRY(fgroi__check_finite(o->ratio));
    if (o->ratio < 0.0) return FGROI_E_OUT_OF_RANGE;
    r->ratio = o->ratio;
  }
  if (o->struct_size >= FGROI__V1_SIZE(fgroi_power_options, control)) r->control = o->control;
  return FGROI_OK;
}

/* Critical normal quantile: qnorm(alpha / sides, upper). */
static double z_crit(const popt *o) { return fgroi__z_alpha(o->alpha, o->alt); }

/* The effect in the tested direction: |d| two-sided, d for greater, -d for less. */
static double directed(double d, fgroi_alternative alt) {
  return alt == FGROI_TWO_SIDED ? fabs(d) : (alt == FGROI_GREATER ? d : -d);
}

/* Power of a z test with standardised effect `sig` (effect / SD under H1
 * per unit sqrt(n)) and null SD ratio `null_ratio` = sd0 / sd1:
 * Phi((sqrt(n) eff - z sd0) / sd1) (+ the far tail when strict, two-sided). */
static double z_power(double n, double eff, double sd0, double sd1, const popt *o) {
  double z = z_crit(o), rn = sqrt(n);
  double pw = fgroi__pnorm((rn * eff - z * sd0) / sd1, 1);
  if (o->strict && o->alt == FGROI_TWO_SIDED) pw += fgroi__pnorm((rn * eff + z * sd0) / sd1, 0);
  return pw;
}

/* Closed-form n for the non-strict z power: sqrt(n) eff = z sd0 + zb sd1. */
static double z_n(double target, double eff, double sd0, double sd1, const popt *o) {
  double a = z_crit(o) * sd0 + fgroi__qnorm(target, 1) * sd1;
  if (!(a > 0.0)) return 0.0; /* target power not above the power at n -> 0 */
  return (a * a) / (eff * eff);
}

/* Solve power(n) = target for n increasing on (lo, inf); n_hint is a size
 * with power >= target or 0. */
typedef double (*power_of_n)(double n, void *ctx);
typedef struct { power_of_n f; void *ctx; double target; } n_eq;
static double n_eq_fn(double n, void *c) { const n_eq *e = c; return e->f(n, e->ctx) - e->target; }

static fgroi_status solve_n(power_of_n f, void *ctx, double target, double lo, double hint,
                            double *n) {
  n_eq e = { f, ctx, target };
  double flo = n_eq_fn(lo, &e);
  if (isnan(flo)) return FGROI_E_INTERNAL;
  if (flo >= 0.0) return FGROI_E_PROBABILITY; /* target not above the power at the smallest n */
  double hi = hint > lo ? hint : 2.0 * lo + 1.0;
  FGROI__TRY(fgroi__bracket_up(n_eq_fn, &e, -1, 1e12, INT_MAX, &lo, &hi));
  return fgroi__root_brent(n_eq_fn, &e, lo, hi, 0.0, 1e-13, n);
}

/* n of a z-type power function: the non-strict closed form, root-found
 * below it when strict (strict power is never smaller). The caller has
 * checked that the target exceeds the power at n -> 0. */
static fgroi_status z_n_full(power_of_n f, void *ctx, double target, double eff, double sd0,
                             double sd1, const popt *o, double *n) {
  double res = z_n(target, eff, sd0, sd1, o);
  /* 0: the target is not above the power at n -> 0 once rounded (the
   * caller's check passed by an ulp; issue 14, fuzz finding 27) */
  if (!(res > 0.0)) return FGROI_E_PROBABILITY;
  if (o->strict && o->alt == FGROI_TWO_SIDED) FGROI__TRY(solve_n(f, ctx, target, 0.0, res, &res));
  if (!(res <= 1e12)) return FGROI_E_TOO_LARGE;
  if (!(res > 0.0)) return FGROI_E_PROBABILITY;
  *n = res;
  return FGROI_OK;
}

/* Solve g(effect) = 0 on [a, b] for g = power - target rising from a to b:
 * FGROI_E_PROBABILITY when the target is already met at a (no effect),
 * FGROI_E_NOT_ESTIMABLE when even b misses it. */
static fgroi_status solve_effect(fgroi__fn g, void *ctx, double a, double b, double *root) {
  double ga = g(a, ctx), gb = g(b, ctx);
  if (isnan(ga) || isnan(gb)) return FGROI_E_INTERNAL;
  if (ga >= 0.0) return FGROI_E_PROBABILITY;
  if (gb < 0.0) return FGROI_E_NOT_ESTIMABLE;
  /* relative accuracy at any magnitude: an absolute 1e-15 returned 0 for
   * effects near 1e-100 (huge n; issue 14, fuzz finding 27) */
  FGROI__TRY(fgroi__root_brent(g, ctx, a, b, DBL_MIN, 1e-13, root));
  return FGROI_OK;
}

/* power(n) - target as a function of the effect, which is written into
 * the power function's context (*effect) before each evaluation. */
typedef struct { power_of_n f; void *ctx; double *effect; double n, target; } effect_eq;
static double effect_eq_fn(double v, void *c) {
  effect_eq *e = c;
  *e->effect = v;
  return e->f(e->n, e->ctx) - e->target;
}

/* A detectable effect documented > 0 that underflowed (a huge n, or a
 * tiny sd): FGROI_E_OUT_OF_RANGE rather than 0 or a denormal with
 * FGROI_OK (issue 14, fuzz findings 26 and 27). */
static fgroi_status positive_effect(double v) {
  return (v >= DBL_MIN && v <= DBL_MAX) ? FGROI_OK : FGROI_E_OUT_OF_RANGE;
}

/* ---- two proportions, normal approximation ---------------------------------- */

typedef struct { double p1, p2; popt o; } prop2_ctx;

/* R's power.prop.test body (signed effect in the tested direction). */
static double prop2_power_raw(double n, void *c) {
  const prop2_ctx *k = c;
  double p1 = k->p1, p2 = k->p2, d = directed(p1 - p2, k->o.alt);
  double sd0 = sqrt((p1 + p2) * (1.0 - (p1 + p2) / 2.0)); /* sqrt(2 pbar qbar) */
  double sd1 = sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2));
  return z_power(n, d, sd0, sd1, &k->o);
}

static fgroi_status check_p_open(double p) {
  FGROI__TRY(fgroi__check_finite(p));
  return fgroi__check_prob_open(p);
}

static fgroi_status prop2_setup(double p1, double p2, const fgroi_power_options *options,
                                prop2_ctx *k) {
  FGROI__TRY(check_p_open(p1));
  FGROI__TRY(check_p_open(p2));
  FGROI__TRY(resolve_options(options, &k->o));
  if (k->o.ratio != 1.0) return FGROI_E_OUT_OF_RANGE;
  k->p1 = p1;
  k->p2 = p2;
  return FGROI_OK;
}

/* A size (or expected count) n: finite and > 0. */
static fgroi_status check_n_positive(double n) {
  FGROI__TRY(fgroi__check_finite(n));
  return n > 0.0 ? FGROI_OK : FGROI_E_OUT_OF_RANGE;
}

static fgroi_status check_target_power(double power) {
  FGROI__TRY(fgroi__check_finite(power));
  return fgroi__check_prob_open(power);
}

/* The options' control, its message emptied: each public function's first
 * line (lib/control.h, "a thin wrapper around its static body"). */
static const fgroi_control *power_control_enter(const fgroi_power_options *options) {
  size_t at = offsetof(fgroi_power_options, control);
  return fgroi__control_enter(fgroi__options_control(options, at));
}

static fgroi_status fgroi_power_prop2_body(double p1, double p2, double n,
                                           const fgroi_power_options *options, double *power) {
  if (power == NULL) return FGROI_E_NULL;
  prop2_ctx k;
  FGROI__TRY(prop2_setup(p1, p2, options, &k));
  FGROI__TRY(check_n_positive(n));
  *power = fgroi__clamp01(prop2_power_raw(n, &k));
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_prop2(double p1, double p2, double n,
                                         const fgroi_power_options *options, double *power) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_prop2_body(p1, p2, n, options, power),
                            "fgroi_power_prop2");
}

static fgroi_status fgroi_power_prop2_n_body(double p1, double p2, double power,
                                             const fgroi_power_options *options, double *n) {
  if (n == NULL) return FGROI_E_NULL;
  prop2_ctx k;
  FGROI__TRY(prop2_setup(p1, p2, options, &k));
  FGROI__TRY(check_target_power(power));
  if (p1 == p2) return FGROI_E_NOT_ESTIMABLE;
  double d = directed(p1 - p2, k.o.alt);
  double sd0 = sqrt((p1 + p2) * (1.0 - (p1 + p2) / 2.0));
  double sd1 = sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2));
  if (!(d > 0.0)) return FGROI_E_NOT_ESTIMABLE; /* effect against the tested direction */
  /* power at n -> 0 is Phi(-z sd0 / sd1) (+ same far tail): the target must exceed it */
  if (!(prop2_power_raw(0.0, &k) < power)) return FGROI_E_PROBABILITY;
  return z_n_full(prop2_power_raw, &k, power, d, sd0, sd1, &k.o, n);
}

FGROI_API fgroi_status fgroi_power_prop2_n(double p1, double p2, double power,
                                           const fgroi_power_options *options, double *n) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_prop2_n_body(p1, p2, power, options, n),
                            "fgroi_power_prop2_n");
}

static fgroi_status fgroi_power_prop2_mde_body(double p2, double n, double power, int increase,
                                               const fgroi_power_options *options, double *p1) {
  if (p1 == NULL) return FGROI_E_NULL;
  prop2_ctx k;
  FGROI__TRY(prop2_setup(0.5, p2, options, &k));
  FGROI__TRY(check_n_positive(n));
  FGROI__TRY(check_target_power(power));
  effect_eq m = { prop2_power_raw, &k, &k.p1, n, power };
  /* direction of the tested effect p1 - p2 must match the side searched */
  if (k.o.alt == FGROI_GREATER && !increase) return FGROI_E_ALTERNATIVE;
  if (k.o.alt == FGROI_LESS && increase) return FGROI_E_ALTERNATIVE;
  double root;
  FGROI__TRY(solve_effect(effect_eq_fn, &m, p2, increase ? 1.0 : 0.0, &root));
  *p1 = root;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_prop2_mde(double p2, double n, double power, int increase,
                                             const fgroi_power_options *options, double *p1) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_prop2_mde_body(p2, n, power, increase, options,
                            p1), "fgroi_power_prop2_mde");
}

/* ---- two proportions, exact ---------------------------------------------------- */

static fgroi_status check_p_closed(double p) {
  FGROI__TRY(fgroi__check_finite(p));
  return (p >= 0.0 && p <= 1.0) ? FGROI_OK : FGROI_E_PROBABILITY;
}

static fgroi_status exact_test_code(fgroi_method *test) {
  if (*test == FGROI_METHOD_DEFAULT) *test = FGROI_METHOD_FISHER;
  if (*test != FGROI_METHOD_FISHER && *test != FGROI_METHOD_BARNARD &&
      *test != FGROI_METHOD_BOSCHLOO)
    return FGROI_E_METHOD;
  return FGROI_OK;
}

/* Largest group size the exact functions enumerate. */
#define EXACT_MAX_N 5000

/* Reusable scratch for repeated exact-power evaluations. */
typedef struct {
  unsigned char *reject;
  double *b1, *b2;
  size_t cap_cells, cap1, cap2;
  double *lf;     /* log factorials 0..n_lf (Fisher) */
  int64_t n_lf;
  int64_t *cuts;  /* 2 x margins (Fisher, Boschloo) */
  size_t cap_cuts;
  double level;   /* Boschloo: the last size-adjusted level (a search's warm start) */
} exact_ws;

static void exact_ws_free(exact_ws *w) {
  free(w->reject);
  free(w->b1);
  free(w->b2);
  free(w->lf);
  free(w->cuts);
}

/* buf grown to hold `need` elements (NULL on failure: buf is still valid). */
static void *grow(void *buf, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return buf;
  void *p = realloc(buf, need * elem);
  if (p != NULL) *cap = need;
  return p;
}

/* b[x] = dbinom(x; n, p) for x in [*u, *v], the range outside which every
 * term is below 1e-22 (the neglected mass is below 1e-20 on each side:
 * the terms decay at least geometrically there). */
static void binom_window(int64_t n, double p, double *b, int64_t *u, int64_t *v) {
  int64_t md = (int64_t)floor((double)(n + 1) * p);
  if (md > n) md = n;
  if (md < 0) md = 0;
  int64_t x = md;
  b[x] = fgroi__dbinom((double)x, (double)n, p, 0);
  while (x > 0) {
    double t = fgroi__dbinom((double)(x - 1), (double)n, p, 0);
    if (t < 1e-22) break;
    b[--x] = t;
  }
  *u = x;
  x = md;
  while (x < n) {
    double t = fgroi__dbinom((double)(x + 1), (double)n, p, 0);
    if (t < 1e-22) break;
    b[++x] = t;
  }
  *v = x;
}

/* Boschloo's and Barnard's two-sided regions go through cuts above this many tables
 * (below, the full region is as fast and is what the small-n tests pin). */
#define CUTS_MIN_TABLES 10000

/* The two binomial pmf buffers of the workspace, r1 and r2 long. */
static fgroi_status grow_binom(exact_ws *w, size_t r1, size_t r2) {
  double *b1 = grow(w->b1, &w->cap1, r1, sizeof *b1);
  if (b1 == NULL) return FGROI_E_NO_MEMORY;
  w->b1 = b1;
  double *b2 = grow(w->b2, &w->cap2, r2, sizeof *b2);
  if (b2 == NULL) return FGROI_E_NO_MEMORY;
  w->b2 = b2;
  return FGROI_OK;
}

/* Exact power from the region's cuts per margin, over the binomial
 * windows of both arms. Fisher: O(w1 w2 + (w1 + w2) sqrt(n)) with w the
 * window widths (about 19 binomial sd each), against O(n1 n2 log n) for
 * the full region. Boschloo and Barnard (two-sided): the level search of
 * fgroi__exact2x2_boschloo_cuts / _barnard_cuts, O(k N^1.5) for k
 * regula falsi steps. */
static fgroi_status cuts_power_ws(exact_ws *w, double p1, double p2, int64_t n1, int64_t n2,
                                  fgroi_method test, const popt *o, fgroi__ctl *ctl,
                                  double *power) {
  int64_t N = n1 + n2;
  if (w->lf == NULL || w->n_lf < N) {
    free(w->lf);
    w->lf = fgroi__exact2x2_log_factorials(N);
    w->n_lf = w->lf == NULL ? 0 : N;
    if (w->lf == NULL) return FGROI_E_NO_MEMORY;
  }
  size_t r1 = (size_t)n1 + 1, r2 = (size_t)n2 + 1;
  FGROI__TRY(grow_binom(w, r1, r2));
  double *b1 = w->b1, *b2 = w->b2;
  int64_t u1, v1, u2, v2;
  binom_window(n1, p1, b1, &u1, &v1);
  binom_window(n2, p2, b2, &u2, &v2);
  int64_t s_lo = u1 + u2, s_hi = v1 + v2, ns = s_hi - s_lo + 1;
  if (test != FGROI_METHOD_FISHER) { s_lo = 0; ns = N + 1; } /* every margin */
  int64_t *cuts = grow(w->cuts, &w->cap_cuts, 2 * (size_t)ns, sizeof *cuts);
  if (cuts == NULL) return FGROI_E_NO_MEMORY;
  w->cuts = cuts;
  int64_t *ca = cuts, *cb = cuts + ns;
  if (test == FGROI_METHOD_BOSCHLOO)
    FGROI__TRY(fgroi__exact2x2_boschloo_cuts(n1, n2, o->alpha, &w->level, ctl, ca, cb, NULL));
  else if (test == FGROI_METHOD_BARNARD)
    FGROI__TRY(fgroi__exact2x2_barnard_cuts(n1, n2, o->alpha, &w->level, ctl, ca, cb, NULL));
  else
    FGROI__TRY(fgroi__exact2x2_fisher_cuts(n1, n2, o->alt, o->alpha, s_lo, s_hi, w->lf, ctl, ca,
                                           cb));
  double total = 0.0;
  for (int64_t x1 = u1; x1 <= v1; x1++) {
    const int64_t *ra = ca + (x1 + u2 - s_lo), *rb = cb + (x1 + u2 - s_lo);
    double acc = 0.0;
    for (int64_t j = 0; j <= v2 - u2; j++)
      if (x1 <= ra[j] || x1 >= rb[j]) acc += b2[u2 + j];
    total += b1[x1] * acc;
  }
  *power = fgroi__clamp01(total);
  return FGROI_OK;
}

/* Exact power: P(reject) = sum over the region of b(x1; n1, p1) b(x2; n2, p2). */
static fgroi_status exact_power_ws(exact_ws *w, double p1, double p2, int64_t n1, int64_t n2,
                                   fgroi_method test, const popt *o, fgroi__ctl *ctl,
                                   double *power) {
  if (test == FGROI_METHOD_FISHER ||
      (test != FGROI_METHOD_FISHER && o->alt == FGROI_TWO_SIDED && n1 * n2 > CUTS_MIN_TABLES))
    return cuts_power_ws(w, p1, p2, n1, n2, test, o, ctl, power);
  size_t r1 = (size_t)n1 + 1, r2 = (size_t)n2 + 1;
  unsigned char *rej = grow(w->reject, &w->cap_cells, r1 * r2, 1);
  if (rej == NULL) return FGROI_E_NO_MEMORY;
  w->reject = rej;
  FGROI__TRY(grow_binom(w, r1, r2));
  FGROI__TRY(fgroi__exact2x2_region_ctl(n1, n2, test, o->alt, o->alpha, FGROI_EXACT2X2_DEFAULT,
                                        ctl, w->reject));
  for (size_t x = 0; x < r1; x++) w->b1[x] = fgroi__dbinom((double)x, (double)n1, p1, 0);
  for (size_t x = 0; x < r2; x++) w->b2[x] = fgroi__dbinom((double)x, (double)n2, p2, 0);
  double total = 0.0;
  for (size_t x1 = 0; x1 < r1; x1++) {
    if ((x1 & 255) == 0) FGROI__TRY(fgroi__ctl_step(ctl, 1.0));
    const unsigned char *row = w->reject + x1 * r2;
    double s = 0.0;
    for (size_t x2 = 0; x2 < r2; x2++)
      if (row[x2]) s += w->b2[x2];
    total += w->b1[x1] * s;
  }
  *power = fgroi__clamp01(total);
  return FGROI_OK;
}

static fgroi_status fgroi_power_prop2_exact_body(double p1, double p2, int64_t n1, int64_t n2,
                                                 fgroi_method test,
                                                 const fgroi_power_options *options,
                                                 double *power) {
  if (power == NULL) return FGROI_E_NULL;
  FGROI__TRY(check_p_closed(p1));
  FGROI__TRY(check_p_closed(p2));
  if (n1 < 0 || n2 < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n1 == 0 || n2 == 0) return FGROI_E_EMPTY;
  FGROI__TRY(exact_test_code(&test));
  popt o;
  FGROI__TRY(resolve_options(options, &o));
  if (n1 > EXACT_MAX_N || n2 > EXACT_MAX_N)
    return fgroi__too_large(o.control, "max(n1, n2)", (double)(n1 > n2 ? n1 : n2), EXACT_MAX_N,
                            "the exact power", "fgroi_power_prop2 (normal approximation)");
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, o.control, 1));
  exact_ws w = { 0 };
  double pw = 0.0;
  fgroi_status s = exact_power_ws(&w, p1, p2, n1, n2, test, &o, &ctl, &pw);
  exact_ws_free(&w);
  if (s == FGROI_OK) {
    *power = pw;
    fgroi__ctl_done(&ctl);
  }
  return s;
}

FGROI_API fgroi_status fgroi_power_prop2_exact(double p1, double p2, int64_t n1, int64_t n2,
                                               fgroi_method test,
                                               const fgroi_power_options *options, double *power) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_prop2_exact_body(p1, p2, n1, n2, test, options,
                            power), "fgroi_power_prop2_exact");
}

/* Memoised exact power as a function of n1 (n2 = ceil(ratio n1)). */
typedef struct {
  exact_ws w;
  double p1, p2, ratio;
  fgroi_method test;
  popt o;
  double *memo; /* NaN: not computed */
  int64_t cap;
  int64_t evaluations;
  int64_t expected; /* evaluations expected in all (for progress) */
  double work;      /* Fisher: work units spent (EXACT_N_FISHER_WORK) */
  fgroi__ctl ctl;
} exact_search;

/* Work bound of the Fisher sample-size search: sum over the sizes it
 * evaluates of (n1 + n2) (1 + ln(1 / alpha))^(3/4), the measured cost of
 * one exact power (the cuts walk the tails out to alpha: 0.3 ms at
 * n1 + n2 = 2800 and alpha 0.05, 8.6 ms at 2600 and alpha 1e-300). 2e7
 * units are about 0.8 s; beyond, FGROI_E_TOO_LARGE (issue 14, fuzz finding
 * 10: alpha 1e-300 took 3 s). 0.50 vs 0.53 at 80%, n = 4398 per arm, takes
 * 1.5e7. */
#define EXACT_N_FISHER_WORK 2e7

/* Work bound of the Barnard and Boschloo sample-size searches (issue 16),
 * in estimated microseconds of CPU per exact power (measured cold, one
 * core, -O2, docs/performance.md): 0.2 N^1.5 through the two-sided cuts
 * (N = n1 + n2; 30 ms at 1,583 per arm, 58 ms at 2,450, 175 ms at 5,000;
 * inside a search the previous n's level makes it 1.3-3x cheaper) and
 * 0.0125 n1 n2 log2(n1 n2) through the full region (one-sided, or at most
 * 10^4 tables: 0.23 s at 1,000 per arm, 7.2 s at 5,000). The search is
 * predicted to need n/8 + 8 evaluations at the normal-approximation n
 * (walk down and look-ahead windows of n/16 each: 197 measured for 0.50 vs
 * 0.55 at 1,583, 79 one-sided for 0.50 vs 0.43 at 635). Refused before
 * any exact work when that prediction exceeds 2e7 (about 20 s by the cold
 * model; 0.50 vs 0.55 two-sided is predicted at 7.3e6 and takes 2-2.7 s,
 * 0.50 vs 0.54 at 2.2e7 took 15 s); the search stops with
 * FGROI_E_TOO_LARGE if its evaluations add up to twice that (a saw-tooth
 * far from the normal approximation). */
#define EXACT_N_UNCOND_WORK 2e7

static double uncond_eval_work(int64_t n1, int64_t n2, fgroi_alternative alt) {
  const double a = (double)n1, b = (double)n2, N = a + b, t = a * b;
  if (alt == FGROI_TWO_SIDED && t > CUTS_MIN_TABLES) return 0.2 * N * sqrt(N);
  return 0.0125 * t * log2(t + 2.0);
}

static const char *uncond_search_name(fgroi_method test) {
  return test == FGROI_METHOD_BARNARD ? "the exact Barnard sample-size search (about 20 s)"
                                      : "the exact Boschloo sample-size search (about 20 s)";
}

static int64_t n2_of(const exact_search *e, int64_t n1) {
  double v = ceil(e->ratio * (double)n1 - 1e-9);
  return v < 1.0 ? 1 : (int64_t)v;
}

static fgroi_status search_power(exact_search *e, int64_t n1, double *pw) {
  if (n1 < 1 || n1 > e->cap)
    return fgroi__too_large(e->o.control, "n1", (double)n1, (double)e->cap, "the exact sample-size search (5,000 per arm)",
                            "fgroi_power_prop2_n (normal approximation)");
  if (!isnan(e->memo[n1])) {
    *pw = e->memo[n1];
    return FGROI_OK;
  }
  int64_t n2 = n2_of(e, n1);
  if (n2 > EXACT_MAX_N)
    return fgroi__too_large(e->o.control, "n2", (double)n2, EXACT_MAX_N, "the exact sample-size search (5,000 per arm)",
                            "fgroi_power_prop2_n (normal approximation)");
  if (e->test == FGROI_METHOD_FISHER) {
    double w = (double)(n1 + n2) * pow(1.0 - log(e->o.alpha), 0.75);
    if (e->work + w > EXACT_N_FISHER_WORK)
      return fgroi__too_large(e->o.control, "the Fisher search's work units", e->work + w,
                              EXACT_N_FISHER_WORK, "the exact sample-size search (5,000 per arm)",
                            "fgroi_power_prop2_n (normal approximation)");
    e->work += w;
  } else {
    double w = uncond_eval_work(n1, n2, e->o.alt);
    if (e->work + w > 2.0 * EXACT_N_UNCOND_WORK)
      return fgroi__too_large(e->o.control, "the evaluations' estimated CPU microseconds",
                              ceil(e->work + w), 2.0 * EXACT_N_UNCOND_WORK,
                              uncond_search_name(e->test),
                              "method = fisher, or fgroi_power_prop2_n (normal approximation)");
    e->work += w;
  }
  /* progress: evaluations against the expected count, never reaching 1 */
  double f0 = (double)e->evaluations / (double)(e->evaluations + e->expected);
  double f1 = (double)(e->evaluations + 1) / (double)(e->evaluations + 1 + e->expected);
  fgroi__ctl_range(&e->ctl, f0, f1);
  FGROI__TRY(fgroi__ctl_step(&e->ctl, 0.0));
  FGROI__TRY(exact_power_ws(&e->w, e->p1, e->p2, n1, n2, e->test, &e->o, &e->ctl, pw));
  if (e->expected > 1) e->expected--;
  e->memo[n1] = *pw;
  e->evaluations++;
  return FGROI_OK;
}

static fgroi_status exact_n_search(exact_search *e, double target, fgroi_power_exact_n *res) {
  /* normal-approximation start (Fleiss, with group ratio r = n2 / n1) */
  double r = e->ratio, p1 = e->p1, p2 = e->p2;
  double pbar = (p1 + r * p2) / (1.0 + r);
  double d = directed(p1 - p2, e->o.alt);
  double sd0 = sqrt(pbar * (1.0 - pbar) * (1.0 + 1.0 / r));
  double sd1 = sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2) / r);
  double n_norm = (d > 0.0 && sd1 > 0.0) ? z_n(target, d, sd0, sd1, &e->o) : 1.0;
  if (d > 0.0 && sd1 == 0.0) n_norm = 1.0;
  if (!(n_norm >= 1.0)) n_norm = 1.0;
  if (n_norm > (double)e->cap) /* do not enumerate hopeless sizes */
    return fgroi__too_large(e->o.control, "the normal-approximation n1", ceil(n_norm),
                            (double)e->cap, "the exact sample-size search (5,000 per arm)",
                            "fgroi_power_prop2_n (normal approximation)");
  int64_t n = (int64_t)ceil(n_norm);
  if (e->test != FGROI_METHOD_FISHER) { /* the predicted work, before any exact work */
    double pred = ((double)n / 8.0 + 8.0) * uncond_eval_work(n, n2_of(e, n), e->o.alt);
    if (pred > EXACT_N_UNCOND_WORK)
      return fgroi__too_large(e->o.control, "the predicted CPU microseconds", ceil(pred),
                              EXACT_N_UNCOND_WORK, uncond_search_name(e->test),
                              "method = fisher, or fgroi_power_prop2_n (normal approximation)");
  }
  e->expected = 4 * (n / 16 > 3 ? n / 16 : 3) + 8; /* walk down, look-ahead, gallop */
  double pw;

  /* walk up (galloping) to a size that reaches the target */
  FGROI__TRY(search_power(e, n, &pw));
  int64_t last_fail = 0;
  while (pw < target) {
    last_fail = n;
    int64_t step = n / 16 > 1 ? n / 16 : 1;
    if (n == e->cap)
      return fgroi__too_large(e->o.control, "n1 (power still below the target)",
                              (double)n + 1.0, (double)e->cap, "the exact sample-size search (5,000 per arm)",
                              "fgroi_power_prop2_n (normal approximation)");
    n = n + step > e->cap ? e->cap : n + step;
    FGROI__TRY(search_power(e, n, &pw));
  }
  /* fill the gap left by the gallop: smallest passing size above last_fail */
  for (int64_t m = last_fail + 1; last_fail > 0 && m < n; m++) {
    double q;
    FGROI__TRY(search_power(e, m, &q));
    if (q >= target) { n = m; pw = q; break; }
  }
  /* walk down until the power stayed below target for a whole window */
  int64_t window = n / 16 > 3 ? n / 16 : 3;
  int64_t n_min = n, misses = 0;
  for (int64_t m = n - 1; m >= 1 && misses < window; m--) {
    double q;
    FGROI__TRY(search_power(e, m, &q));
    if (q >= target) { n_min = m; misses = 0; }
    else misses++;
  }
  /* stable: power >= target at c and at every size up to c + window */
  int64_t c = n_min;
  for (;;) {
    int64_t bad = 0;
    for (int64_t m = c; m <= c + window; m++) {
      double q;
      if (m > e->cap)
        return fgroi__too_large(e->o.control, "n1 (stable size)", (double)m, (double)e->cap,
                                "the exact sample-size search (5,000 per arm)",
                                "fgroi_power_prop2_n (normal approximation)");
      FGROI__TRY(search_power(e, m, &q));
      if (q < target) { bad = m; break; }
    }
    if (bad == 0) break;
    c = bad + 1;
  }
  res->n1 = n_min;
  res->n2 = n2_of(e, n_min);
  res->power = e->memo[n_min];
  res->n1_stable = c;
  res->power_stable = e->memo[c];
  res->n1_normal = n_norm;
  return FGROI_OK;
}

static fgroi_status fgroi_power_prop2_exact_n_body(double p1, double p2, double power,
                                                   fgroi_method test,
                                                   const fgroi_power_options *options,
                                                   fgroi_power_exact_n *out) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_power_exact_n, evaluations));
  FGROI__TRY(check_p_closed(p1));
  FGROI__TRY(check_p_closed(p2));
  FGROI__TRY(check_target_power(power));
  FGROI__TRY(exact_test_code(&test));
  exact_search e = { .p1 = p1, .p2 = p2, .test = test };
  FGROI__TRY(resolve_options(options, &e.o));
  if (!(e.o.ratio > 0.0)) return FGROI_E_OUT_OF_RANGE;
  if (p1 == p2) return FGROI_E_NOT_ESTIMABLE;
  if (!(directed(p1 - p2, e.o.alt) > 0.0)) return FGROI_E_NOT_ESTIMABLE;
  e.ratio = e.o.ratio;
  FGROI__TRY(fgroi__ctl_init(&e.ctl, e.o.control, 1));
  e.cap = EXACT_MAX_N;
  if (e.ratio > 1.0) e.cap = (int64_t)((double)EXACT_MAX_N / e.ratio);
  if (e.cap < 1)
    return fgroi__too_large(e.o.control, "options->ratio", e.ratio, EXACT_MAX_N,
                            "the exact sample-size search", "fgroi_power_prop2_n (normal approximation)");
  /* + window look-ahead */
  e.memo = malloc(((size_t)e.cap + 1) * sizeof *e.memo);
  if (e.memo == NULL) return FGROI_E_NO_MEMORY;
  for (int64_t i = 0; i <= e.cap; i++) e.memo[i] = NAN;
  fgroi_power_exact_n res = { .struct_size = sizeof res };
  fgroi_status s = exact_n_search(&e, power, &res);
  res.evaluations = e.evaluations;
  exact_ws_free(&e.w);
  free(e.memo);
  if (s == FGROI_OK) {
    fgroi__write_out(out, &res, sizeof res);
    fgroi__ctl_done(&e.ctl);
  }
  return s;
}

FGROI_API fgroi_status fgroi_power_prop2_exact_n(double p1, double p2, double power,
                                                 fgroi_method test,
                                                 const fgroi_power_options *options,
                                                 fgroi_power_exact_n *out) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_prop2_exact_n_body(p1, p2, power, test, options,
                            out), "fgroi_power_prop2_exact_n");
}

/* ---- paired proportions (McNemar) ------------------------------------------------ */

typedef struct { double d, psi, v; popt o; } mcn_ctx;

static double mcn_power_raw(double n, void *c) {
  const mcn_ctx *k = c;
  if (k->v <= 0.0) { /* no sampling variance under H1: a step function */
    double z = z_crit(&k->o);
    return sqrt(n) * k->d > z * sqrt(k->psi) ? 1.0 : 0.0;
  }
  return z_power(n, k->d, sqrt(k->psi), sqrt(k->v), &k->o);
}

static fgroi_status mcn_setup(double p10, double p01, fgroi_method method,
                              const fgroi_power_options *options, mcn_ctx *k) {
  FGROI__TRY(check_p_closed(p10));
  FGROI__TRY(check_p_closed(p01));
  if (p10 + p01 > 1.0) return FGROI_E_PROBABILITY;
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_MCNEMAR;
  if (method != FGROI_METHOD_MCNEMAR && method != FGROI_METHOD_MIETTINEN) return FGROI_E_METHOD;
  FGROI__TRY(resolve_options(options, &k->o));
  double d = p10 - p01, psi = p10 + p01;
  if (psi == 0.0) return FGROI_E_ZERO_VARIANCE;
  k->d = directed(d, k->o.alt);
  k->psi = psi;
  k->v = method == FGROI_METHOD_MCNEMAR ? psi - d * d : psi - d * d * (3.0 + psi) / (4.0 * psi);
  if (k->v < 0.0) k->v = 0.0;
  return FGROI_OK;
}

static fgroi_status fgroi_power_mcnemar_body(double p10, double p01, double n, fgroi_method method,
                                             const fgroi_power_options *options, double *power) {
  if (power == NULL) return FGROI_E_NULL;
  mcn_ctx k;
  FGROI__TRY(mcn_setup(p10, p01, method, options, &k));
  FGROI__TRY(check_n_positive(n));
  *power = fgroi__clamp01(mcn_power_raw(n, &k));
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_mcnemar(double p10, double p01, double n, fgroi_method method,
                                           const fgroi_power_options *options, double *power) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_mcnemar_body(p10, p01, n, method, options, power),
                            "fgroi_power_mcnemar");
}

static fgroi_status fgroi_power_mcnemar_n_body(double p10, double p01, double power,
                                               fgroi_method method,
                                               const fgroi_power_options *options, double *n) {
  if (n == NULL) return FGROI_E_NULL;
  mcn_ctx k;
  FGROI__TRY(mcn_setup(p10, p01, method, options, &k));
  FGROI__TRY(check_target_power(power));
  if (!(k.d > 0.0)) return FGROI_E_NOT_ESTIMABLE;
  if (k.v <= 0.0) return FGROI_E_ZERO_VARIANCE;
  if (!(mcn_power_raw(0.0, &k) < power)) return FGROI_E_PROBABILITY;
  return z_n_full(mcn_power_raw, &k, power, k.d, sqrt(k.psi), sqrt(k.v), &k.o, n);
}

FGROI_API fgroi_status fgroi_power_mcnemar_n(double p10, double p01, double power,
                                             fgroi_method method,
                                             const fgroi_power_options *options, double *n) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_mcnemar_n_body(p10, p01, power, method, options,
                            n), "fgroi_power_mcnemar_n");
}

typedef struct { mcn_ctx k; int miettinen; double n, target; } mcn_mde_ctx;
static double mcn_mde_fn(double d, void *c) {
  mcn_mde_ctx *m = c;
  double psi = m->k.psi;
  m->k.d = d;
  m->k.v = m->miettinen ? psi - d * d * (3.0 + psi) / (4.0 * psi) : psi - d * d;
  if (m->k.v < 0.0) m->k.v = 0.0;
  return mcn_power_raw(m->n, &m->k) - m->target;
}

static fgroi_status fgroi_power_mcnemar_mde_body(double psi, double n, double power,
                                                 fgroi_method method,
                                                 const fgroi_power_options *options, double *d) {
  if (d == NULL) return FGROI_E_NULL;
  mcn_mde_ctx m;
  FGROI__TRY(check_p_closed(psi));
  FGROI__TRY(mcn_setup(psi / 2.0, psi / 2.0, method, options, &m.k));
  FGROI__TRY(check_n_positive(n));
  FGROI__TRY(check_target_power(power));
  m.miettinen = method == FGROI_METHOD_MIETTINEN;
  m.n = n;
  m.target = power;
  double root;
  FGROI__TRY(solve_effect(mcn_mde_fn, &m, 0.0, psi, &root));
  FGROI__TRY(positive_effect(root));
  *d = root;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_mcnemar_mde(double psi, double n, double power,
                                               fgroi_method method,
                                               const fgroi_power_options *options, double *d) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_mcnemar_mde_body(psi, n, power, method, options,
                            d), "fgroi_power_mcnemar_mde");
}

/* ---- means (t test), as R's power.t.test ------------------------------------------ */

typedef struct { double delta, sd, tsample; popt o; } t_ctx;

static double t_power_raw(double n, void *c) {
  const t_ctx *k = c;
  double nu = (n - 1.0 > 1e-7 ? n - 1.0 : 1e-7) * k->tsample;
  double qu = fgroi__qt(fgroi__alpha_tail(k->o.alpha, k->o.alt), nu, 0);
  double ncp = sqrt(n / k->tsample) * k->delta / k->sd;
  /* delta / sd beyond the doubles (sd near DBL_MIN): the noncentral t sits
   * at +-inf, so a rejection tail has probability 1 or 0 (pnt would give
   * NaN, which the callers reported as FGROI_E_INTERNAL; found by the fuzz
   * oracle, issue 14) */
  if (isinf(ncp))
    return ncp > 0.0 || (k->o.strict && k->o.alt == FGROI_TWO_SIDED) ? 1.0 : 0.0;
  double pw = fgroi__pnt(qu, nu, ncp, 0);
  if (k->o.strict && k->o.alt == FGROI_TWO_SIDED) pw += fgroi__pnt(-qu, nu, ncp, 1);
  return pw;
}

static fgroi_status t_setup(double sd, fgroi_method type, const fgroi_power_options *options,
                            t_ctx *k) {
  FGROI__TRY(fgroi__check_finite(sd));
  if (!(sd > 0.0)) return FGROI_E_OUT_OF_RANGE;
  if (type == FGROI_METHOD_DEFAULT) type = FGROI_METHOD_STUDENT;
  if (type != FGROI_METHOD_STUDENT && type != FGROI_METHOD_PAIRED_T) return FGROI_E_METHOD;
  FGROI__TRY(resolve_options(options, &k->o));
  if (k->o.ratio != 1.0) return FGROI_E_OUT_OF_RANGE;
  k->sd = sd;
  k->tsample = type == FGROI_METHOD_STUDENT ? 2.0 : 1.0;
  return FGROI_OK;
}

static fgroi_status check_t_n(double n) {
  FGROI__TRY(fgroi__check_finite(n));
  return n > 1.0 ? FGROI_OK : FGROI_E_OUT_OF_RANGE;
}

static fgroi_status fgroi_power_t_body(double delta, double sd, double n, fgroi_method type,
                                       const fgroi_power_options *options, double *power) {
  if (power == NULL) return FGROI_E_NULL;
  t_ctx k;
  FGROI__TRY(fgroi__check_finite(delta));
  FGROI__TRY(t_setup(sd, type, options, &k));
  FGROI__TRY(check_t_n(n));
  k.delta = directed(delta, k.o.alt);
  double pw = t_power_raw(n, &k);
  if (isnan(pw)) return FGROI_E_INTERNAL;
  *power = fgroi__clamp01(pw);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_t(double delta, double sd, double n, fgroi_method type,
                                     const fgroi_power_options *options, double *power) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_t_body(delta, sd, n, type, options, power),
                            "fgroi_power_t");
}

static fgroi_status fgroi_power_t_n_body(double delta, double sd, double power, fgroi_method type,
                                         const fgroi_power_options *options, double *n) {
  if (n == NULL) return FGROI_E_NULL;
  t_ctx k;
  FGROI__TRY(fgroi__check_finite(delta));
  FGROI__TRY(t_setup(sd, type, options, &k));
  FGROI__TRY(check_target_power(power));
  k.delta = directed(delta, k.o.alt);
  if (!(k.delta > 0.0)) return FGROI_E_NOT_ESTIMABLE;
  /* start from the z-test size (t needs a little more) */
  popt zo = k.o;
  double hint = z_n(power, k.delta, k.sd, k.sd, &zo) * k.tsample + 2.0;
  /* the z size is below the t size: beyond solve_n's 1e12 (an infinite
   * hint when delta / sd underflows) the answer is FGROI_E_TOO_LARGE too */
  if (!(hint <= 1e12)) return FGROI_E_TOO_LARGE;
  double res;
  FGROI__TRY(solve_n(t_power_raw, &k, power, 2.0, hint, &res)); /* R's lower bound */
  *n = res;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_t_n(double delta, double sd, double power, fgroi_method type,
                                       const fgroi_power_options *options, double *n) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_t_n_body(delta, sd, power, type, options, n),
                            "fgroi_power_t_n");
}

static fgroi_status fgroi_power_t_mde_body(double sd, double n, double power, fgroi_method type,
                                           const fgroi_power_options *options, double *delta) {
  if (delta == NULL) return FGROI_E_NULL;
  t_ctx k;
  FGROI__TRY(t_setup(sd, type, options, &k));
  FGROI__TRY(check_t_n(n));
  FGROI__TRY(check_target_power(power));
  effect_eq m = { t_power_raw, &k, &k.delta, n, power };
  /* the power depends on delta / sd only: solve in sd units, so an sd
   * near DBL_MIN loses nothing (issue 14, fuzz finding 26) */
  k.sd = 1.0;
  if (effect_eq_fn(0.0, &m) >= 0.0) return FGROI_E_PROBABILITY;
  double lo = 0.0, hi = 1.0; /* bracket by doubling, up to 1e7 sd as R */
  (void)fgroi__bracket_up(effect_eq_fn, &m, -1, 1e7, INT_MAX, &lo, &hi); /* past it: not estimable */
  double root;
  FGROI__TRY(solve_effect(effect_eq_fn, &m, lo, hi, &root));
  FGROI__TRY(positive_effect(root * sd));
  *delta = root * sd;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_t_mde(double sd, double n, double power, fgroi_method type,
                                         const fgroi_power_options *options, double *delta) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_t_mde_body(sd, n, power, type, options, delta),
                            "fgroi_power_t_mde");
}

/* ---- NPS change between two waves ----------------------------------------------------- */

typedef struct { double d, sd0, sd1; popt o; } nps_ctx;

static double nps_power_raw(double n, void *c) {
  const nps_ctx *k = c;
  return z_power(n, k->d, k->sd0, k->sd1, &k->o);
}

static fgroi_status nps_share(double prom, double det, double *v, double *nps) {
  FGROI__TRY(check_p_closed(prom));
  FGROI__TRY(check_p_closed(det));
  if (prom + det > 1.0) return FGROI_E_PROBABILITY;
  *nps = prom - det;
  *v = prom + det - (*nps) * (*nps);
  if (*v < 0.0) *v = 0.0;
  return FGROI_OK;
}

static fgroi_status nps_setup(double prom1, double det1, double prom2, double det2,
                              const fgroi_power_options *options, nps_ctx *k) {
  double v1, v2, s1, s2;
  FGROI__TRY(nps_share(prom1, det1, &v1, &s1));
  FGROI__TRY(nps_share(prom2, det2, &v2, &s2));
  FGROI__TRY(resolve_options(options, &k->o));
  if (!(k->o.ratio > 0.0)) return FGROI_E_OUT_OF_RANGE;
  double var = v1 + v2 / k->o.ratio; /* per wave-1 respondent */
  if (!(var > 0.0)) return FGROI_E_ZERO_VARIANCE;
  if (!isfinite(var)) return FGROI_E_OUT_OF_RANGE; /* denormal ratio (issue 14) */
  k->d = directed(s2 - s1, k->o.alt);
  k->sd0 = k->sd1 = sqrt(var);
  return FGROI_OK;
}

static fgroi_status fgroi_power_nps_body(double prom1, double det1, double prom2, double det2,
                                         double n1, const fgroi_power_options *options,
                                         double *power) {
  if (power == NULL) return FGROI_E_NULL;
  nps_ctx k;
  FGROI__TRY(nps_setup(prom1, det1, prom2, det2, options, &k));
  FGROI__TRY(check_n_positive(n1));
  *power = fgroi__clamp01(nps_power_raw(n1, &k));
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_nps(double prom1, double det1, double prom2, double det2,
                                       double n1, const fgroi_power_options *options,
                                       double *power) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_nps_body(prom1, det1, prom2, det2, n1, options,
                            power), "fgroi_power_nps");
}

static fgroi_status fgroi_power_nps_n_body(double prom1, double det1, double prom2, double det2,
                                           double power, const fgroi_power_options *options,
                                           double *n1) {
  if (n1 == NULL) return FGROI_E_NULL;
  nps_ctx k;
  FGROI__TRY(nps_setup(prom1, det1, prom2, det2, options, &k));
  FGROI__TRY(check_target_power(power));
  if (!(k.d > 0.0)) return FGROI_E_NOT_ESTIMABLE;
  if (!(nps_power_raw(0.0, &k) < power)) return FGROI_E_PROBABILITY;
  return z_n_full(nps_power_raw, &k, power, k.d, k.sd0, k.sd1, &k.o, n1);
}

FGROI_API fgroi_status fgroi_power_nps_n(double prom1, double det1, double prom2, double det2,
                                         double power, const fgroi_power_options *options,
                                         double *n1) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_nps_n_body(prom1, det1, prom2, det2, power,
                            options, n1), "fgroi_power_nps_n");
}

static fgroi_status fgroi_power_nps_mde_body(double prom1, double det1, double n1, double power,
                                             const fgroi_power_options *options, double *change) {
  if (change == NULL) return FGROI_E_NULL;
  nps_ctx k;
  FGROI__TRY(nps_setup(prom1, det1, prom1, det1, options, &k)); /* wave 2 variance = wave 1 */
  FGROI__TRY(check_n_positive(n1));
  FGROI__TRY(check_target_power(power));
  effect_eq m = { nps_power_raw, &k, &k.d, n1, power };
  if (effect_eq_fn(0.0, &m) >= 0.0) return FGROI_E_PROBABILITY;
  /* non-strict closed form: sqrt(n) d = (z_alpha + z_beta) sd */
  double zsum = z_crit(&k.o) + fgroi__qnorm(power, 1);
  if (!(zsum > 0.0)) return FGROI_E_PROBABILITY; /* target = size, once rounded */
  double d = zsum * k.sd1 / sqrt(n1);
  if (k.o.strict && k.o.alt == FGROI_TWO_SIDED)
    FGROI__TRY(solve_effect(effect_eq_fn, &m, 0.0, d, &d));
  if (!isfinite(d)) return FGROI_E_OVERFLOW; /* e.g. a denormal n1 */
  FGROI__TRY(positive_effect(d));
  *change = d;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_power_nps_mde(double prom1, double det1, double n1, double power,
                                           const fgroi_power_options *options, double *change) {
  const fgroi_control *control_ = power_control_enter(options);
  return fgroi__control_end(control_, fgroi_power_nps_mde_body(prom1, det1, n1, power, options,
                            change), "fgroi_power_nps_mde");
}
