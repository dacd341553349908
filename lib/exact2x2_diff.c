/* The exact unconditional score test and interval for p1 - p2 (Chan &
 * Zhang 1999; Agresti & Min 2001; the matching interval of Fay 2010):
 * fgroi_exact2x2_diff_test and fgroi_exact2x2_diff_ci (include/fgroi/
 * exact2x2.h), on the engine of lib/exact2x2_engine.c. Formulas and
 * citations: docs/methods/exact2x2.md. */
#include <float.h>
#include <stdlib.h>

#include "control.h"
#include "exact2x2_engine.h"
#include "num.h"

/* ---- score test and interval for p1 - p2 (Chan & Zhang 1999) -------------- */

/* The caller's control inside options, for messages (NULL when options
 * is NULL or its struct_size does not reach the field). */
/* Score statistic (Farrington & Manning 1990; Miettinen & Nurminen 1985
 * without their N / (N - 1) factor, which does not change the ordering)
 * for H0: p1 - p2 = d, with the restricted MLE in closed form. */
static double e2_score(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double d) {
  double p1h = (double)x1 / (double)n1, p2h = (double)x2 / (double)n2;
  double num = p1h - p2h - d;
  double lo = d > 0.0 ? d : 0.0, hi = d < 0.0 ? 1.0 + d : 1.0;
  double p1t;
  if (d == 0.0) {
    p1t = (double)(x1 + x2) / (double)(n1 + n2);
  } else {
    double th = (double)n2 / (double)n1, a = 1.0 + th;
    double b = -(1.0 + th + p1h + th * p2h + d * (th + 2.0));
    double c = d * d + d * (2.0 * p1h + th + 1.0) + p1h + th * p2h;
    double e = -p1h * d * (1.0 + d);
    double v = b * b * b / (27.0 * a * a * a) - b * c / (6.0 * a * a) + e / (2.0 * a);
    double q = b * b / (9.0 * a * a) - c / (3.0 * a);
    double u = (v >= 0.0 ? 1.0 : -1.0) * sqrt(q > 0.0 ? q : 0.0);
    double r = u != 0.0 ? v / (u * u * u) : 0.0;
    r = r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r);
    double w = (M_PI + acos(r)) / 3.0;
    p1t = 2.0 * u * cos(w) - b / (3.0 * a);
  }
  if (!(p1t >= lo)) p1t = lo;
  if (p1t > hi) p1t = hi;
  double p2t = p1t - d;
  p2t = p2t < 0.0 ? 0.0 : (p2t > 1.0 ? 1.0 : p2t);
  double var = p1t * (1.0 - p1t) / (double)n1 + p2t * (1.0 - p2t) / (double)n2;
  if (var > 0.0) return num / sqrt(var);
  return num > 0.0 ? INFINITY : (num < 0.0 ? -INFINITY : 0.0);
}

/* State of the score test for one null difference d. */
typedef struct {
  int64_t n1, n2;
  double d;
  int midp;
  const double *lf;
  /* per x1: region x2 <= a (upper tail of T) or x2 >= b (lower tail);
   * _w: ties included (weak), _s: ties excluded (strict, for mid-p) */
  int64_t *aw, *as, *bw, *bs;
  double *b1, *F2, *S2; /* pmf arm 1, P(X2 <= k), P(X2 >= k) */
  double *r1, *r2;      /* pmf ratio tables, fgroi__e2_ratio_table() */
  double *grid;
  /* optional cache on a fixed arcsine grid gx[0..G] of [0, 1]: for each
   * p2 = gx[i], P(X2 <= k) then P(X2 >= k) (2 (n2 + 1) values) */
  double *gx, *C2;
  int G;
  double stop; /* decision mode threshold (INFINITY: full maximisation) */
  fgroi__ctl *ctl;     /* NULL or the caller's progress / cancellation */
  unsigned long evals; /* probability evaluations (progress) */
} e2_diff;

static void e2_diff_free(e2_diff *D) {
  free(D->aw); free(D->b1); free(D->grid); free(D->gx); free(D->C2);
  memset(D, 0, sizeof *D);
}

static fgroi_status e2_diff_alloc(e2_diff *D, int64_t n1, int64_t n2, int midp, const double *lf) {
  memset(D, 0, sizeof *D);
  D->n1 = n1; D->n2 = n2; D->midp = midp; D->lf = lf;
  D->stop = INFINITY;
  D->G = fgroi__e2_grid_size(n1 + n2);
  size_t m1 = (size_t)n1 + 1, m2 = (size_t)n2 + 2;
  D->aw = malloc(4 * m1 * sizeof *D->aw);
  D->b1 = malloc((3 * m1 + 4 * m2) * sizeof *D->b1);
  D->grid = malloc(2 * ((size_t)D->G + 3) * sizeof *D->grid);
  if (!D->aw || !D->b1 || !D->grid) { e2_diff_free(D); return FGROI_E_NO_MEMORY; }
  D->as = D->aw + m1; D->bw = D->as + m1; D->bs = D->bw + m1;
  D->F2 = D->b1 + m1; D->S2 = D->F2 + m2;
  D->r1 = D->S2 + m2; D->r2 = D->r1 + 2 * m1;
  fgroi__e2_ratio_table(n1, D->r1);
  fgroi__e2_ratio_table(n2, D->r2);
  /* arm-2 tails on the fixed grid, when they fit in 32 MiB */
  size_t g = (size_t)D->G + 1, w = 2 * ((size_t)n2 + 1);
  if (g * w <= ((size_t)1 << 22)) {
    D->gx = malloc(g * sizeof *D->gx);
    D->C2 = malloc(g * w * sizeof *D->C2);
    if (D->gx == NULL || D->C2 == NULL) { free(D->gx); free(D->C2); D->gx = D->C2 = NULL; }
  }
  if (D->C2 != NULL) {
    fgroi__e2_arcsine_grid(0.0, 1.0, D->G, D->gx);
    for (size_t i = 0; i < g; i++) {
      double *F = D->C2 + i * w, *S = F + n2 + 1;
      fgroi__e2_binom_pmf(n2, D->gx[i], lf, D->r2, S);
      double acc = 0.0;
      for (int64_t k = 0; k <= n2; k++) { acc += S[k]; F[k] = acc; }
      acc = 0.0;
      for (int64_t k = n2; k >= 0; k--) { acc += S[k]; S[k] = acc; }
    }
  }
  return FGROI_OK;
}

/* Cuts for the upper tail {T >= thr} (a) and the lower tail {T <= thr} (b)
 * by staircase walks: T decreases in x2 and increases in x1. `strict`
 * excludes ties (|T - thr| within the relative tolerance). */
static void e2_cut_upper(const e2_diff *D, double thr, int strict, int64_t *a) {
  double t = thr - (strict ? -1.0 : 1.0) * FGROI__REL_TOL * fabs(thr);
  int64_t x2 = -1;
  for (int64_t x1 = 0; x1 <= D->n1; x1++) {
    while (x2 < D->n2) {
      double v = e2_score(x1, D->n1, x2 + 1, D->n2, D->d);
      if (strict ? !(v > t) : !(v >= t)) break;
      x2++;
    }
    a[x1] = x2;
  }
}

static void e2_cut_lower(const e2_diff *D, double thr, int strict, int64_t *b) {
  double t = thr + (strict ? -1.0 : 1.0) * FGROI__REL_TOL * fabs(thr);
  int64_t x2 = 0;
  for (int64_t x1 = 0; x1 <= D->n1; x1++) {
    while (x2 <= D->n2) {
      double v = e2_score(x1, D->n1, x2, D->n2, D->d);
      if (strict ? (v < t) : (v <= t)) break;
      x2++;
    }
    b[x1] = x2;
  }
}

/* side: GREATER = upper tail, LESS = lower tail, TWO_SIDED = |T| >= |t|. */
static void e2_diff_region(e2_diff *D, double d, double t_obs, fgroi_alternative side) {
  D->d = d;
  int64_t none_b = D->n2 + 1, none_a = -1;
  double tu = side == FGROI_TWO_SIDED ? fabs(t_obs) : t_obs;
  double tl = side == FGROI_TWO_SIDED ? -fabs(t_obs) : t_obs;
  for (int strict = 0; strict <= (D->midp ? 1 : 0); strict++) {
    int64_t *a = strict ? D->as : D->aw, *b = strict ? D->bs : D->bw;
    if (side == FGROI_LESS) for (int64_t i = 0; i <= D->n1; i++) a[i] = none_a;
    else e2_cut_upper(D, tu, strict, a);
    if (side == FGROI_GREATER) for (int64_t i = 0; i <= D->n1; i++) b[i] = none_b;
    else e2_cut_lower(D, tl, strict, b);
  }
}

static double e2_diff_prob_cuts(const e2_diff *D, const double *F2, const double *S2,
                                const int64_t *a, const int64_t *b) {
  double acc = 0.0;
  for (int64_t x1 = 0; x1 <= D->n1; x1++) {
    double w = D->b1[x1];
    if (w == 0.0) continue;
    if (a[x1] + 1 >= b[x1]) { acc += w; continue; }
    acc += w * ((a[x1] >= 0 ? F2[a[x1]] : 0.0) + (b[x1] <= D->n2 ? S2[b[x1]] : 0.0));
  }
  return acc;
}

/* P(region) given arm 2's tails F2, S2 at p2 (p1 = p2 + d). After a
 * cancel every evaluation returns 0 at once (the caller checks the ctl). */
static double e2_diff_prob_tails(e2_diff *D, double p2, const double *F2, const double *S2) {
  if (D->ctl != NULL &&
      fgroi__ctl_step(D->ctl, fgroi__ctl_evals_fraction(0.0, ++D->evals, 2000.0)) != FGROI_OK)
    return 0.0;
  double p1 = p2 + D->d;
  p1 = p1 < 0.0 ? 0.0 : (p1 > 1.0 ? 1.0 : p1);
  fgroi__e2_binom_pmf(D->n1, p1, D->lf, D->r1, D->b1);
  double p = e2_diff_prob_cuts(D, F2, S2, D->aw, D->bw);
  if (D->midp) p = 0.5 * (p + e2_diff_prob_cuts(D, F2, S2, D->as, D->bs));
  return p;
}

/* P(region) at nuisance p2 (p1 = p2 + d). */
static double e2_diff_prob(double p2, void *ctx) {
  e2_diff *D = ctx;
  if (fgroi__e2_cancelled(D->ctl) != FGROI_OK) return 0.0;
  double *pm = D->S2; /* pmf of arm 2 first, then tails */
  fgroi__e2_binom_pmf(D->n2, p2, D->lf, D->r2, pm);
  double acc = 0.0;
  for (int64_t k = 0; k <= D->n2; k++) { acc += pm[k]; D->F2[k] = acc; }
  acc = 0.0;
  for (int64_t k = D->n2; k >= 0; k--) { acc += pm[k]; D->S2[k] = acc; }
  return e2_diff_prob_tails(D, p2, D->F2, D->S2);
}

/* Exact unconditional p-value of the score test of p1 - p2 = d. */
static fgroi_status e2_diff_pvalue(e2_diff *D, int64_t x1, int64_t x2, double d,
                                   fgroi_alternative side, double tol, double *p, double *arg) {
  double t_obs = e2_score(x1, D->n1, x2, D->n2, d);
  e2_diff_region(D, d, t_obs, side);
  double lo = d < 0.0 ? -d : 0.0, hi = d > 0.0 ? 1.0 - d : 1.0;
  int ia = 0, ib = D->G; /* cached grid points strictly inside (lo, hi) */
  if (D->C2 != NULL) {
    while (ia <= D->G && !(D->gx[ia] > lo)) ia++;
    while (ib >= 0 && !(D->gx[ib] < hi)) ib--;
  }
  double *x = D->grid;
  int n, cached = D->C2 != NULL && ib - ia + 1 >= D->G / 4;
  if (!(hi > lo)) {
    *p = fgroi__clamp01(e2_diff_prob(lo, D));
    *arg = lo;
    return fgroi__e2_cancelled(D->ctl);
  }
  if (!cached) {
    n = D->G + 1;
    fgroi__e2_arcsine_grid(lo, hi, D->G, x);
  } else {
    /* the range's ends, and the cached grid between them */
    n = ib - ia + 3;
    x[0] = lo;
    for (int i = ia; i <= ib; i++) x[i - ia + 1] = D->gx[i];
    x[n - 1] = hi;
  }
  double *v = D->grid + n;
  size_t w = 2 * ((size_t)D->n2 + 1);
  for (int k = 0; k < n; k++) {
    if (cached && k > 0 && k < n - 1) {
      const double *F = D->C2 + (size_t)(ia + k - 1) * w;
      v[k] = e2_diff_prob_tails(D, x[k], F, F + D->n2 + 1);
    } else {
      v[k] = e2_diff_prob(x[k], D);
    }
    FGROI__TRY(fgroi__e2_cancelled(D->ctl));
    if (isfinite(D->stop)) {
      double b = -1.0;
      int above = fgroi__e2_decide(D->stop, v, n, k, &b);
      if (above || b >= 0.0) { *p = fgroi__clamp01(b); *arg = x[k]; return FGROI_OK; }
    }
  }
  FGROI__TRY(fgroi__e2_refine(e2_diff_prob, D, x, v, n, tol, p, arg));
  FGROI__TRY(fgroi__e2_cancelled(D->ctl));
  *p = fgroi__clamp01(*p);
  return FGROI_OK;
}

static fgroi_status e2_diff_method(fgroi_method *method) {
  if (*method == FGROI_METHOD_DEFAULT) *method = FGROI_METHOD_CHAN_ZHANG;
  return (*method == FGROI_METHOD_CHAN_ZHANG || *method == FGROI_METHOD_CHAN_ZHANG_MID_P)
             ? FGROI_OK : FGROI_E_METHOD;
}

/* p-value for (side, convention): two-sided double = min(1, 2 min). */
static fgroi_status e2_diff_p(e2_diff *D, int64_t x1, int64_t x2, double d, fgroi_alternative alt,
                              fgroi_exact2x2_two_sided conv, double tol, double *p, double *arg) {
  if (alt != FGROI_TWO_SIDED || conv == FGROI_EXACT2X2_TWO_SIDED_STATISTIC)
    return e2_diff_pvalue(D, x1, x2, d, alt, tol, p, arg);
  double pg, ag, pl, al;
  FGROI__TRY(e2_diff_pvalue(D, x1, x2, d, FGROI_GREATER, tol, &pg, &ag));
  FGROI__TRY(e2_diff_pvalue(D, x1, x2, d, FGROI_LESS, tol, &pl, &al));
  *p = fmin(1.0, 2.0 * fmin(pg, pl));
  *arg = pg <= pl ? ag : al;
  return FGROI_OK;
}

/* One call of the difference test or interval: validated options, the
 * two-sided convention, log factorials, cached tables, the control. */
typedef struct {
  fgroi_exact2x2_options o;
  fgroi_exact2x2_two_sided conv; /* double_one_sided by default */
  double *lf;
  e2_diff D;
  fgroi__ctl ctl;
} e2_diff_call;

static void e2_diff_call_free(e2_diff_call *r) {
  e2_diff_free(&r->D);
  free(r->lf);
}

/* Shared setup of the difference test and interval (the table already
 * checked): options, the limit n1 + n2 <= E2_MAX_DIFF_N (before any work;
 * `what` names the computation in its message), method, alternative, then
 * the tables. On FGROI_OK the caller frees r (e2_diff_call_free). */
static fgroi_status e2_diff_setup(int64_t n1, int64_t n2, fgroi_method *method,
                                  fgroi_alternative alternative, const char *what,
                                  const fgroi_exact2x2_options *options, e2_diff_call *r) {
  fgroi_exact2x2_options *o = &r->o;
  fgroi_exact2x2_two_sided *conv = &r->conv;
  double **lf = &r->lf;
  e2_diff *D = &r->D;
  fgroi__ctl *ctl = &r->ctl;
  FGROI__TRY(fgroi__e2_options(options, o));
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_DIFF_N))
    return fgroi__too_large(o->control, "n1 + n2", (double)n1 + (double)n2, E2_MAX_DIFF_N, what,
                            "fgroi_prop_diff_ci with method = miettinen_nurminen or newcombe "
                            "(score), fgroi_prop_2x2_test for a test");
  FGROI__TRY(e2_diff_method(method));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (o->gamma != 0.0) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__ctl_init(ctl, o->control, 1));
  *conv = o->two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_DOUBLE_ONE_SIDED : o->two_sided;
  *lf = fgroi__e2_log_factorials(n1 > n2 ? n1 : n2);
  if (*lf == NULL) return FGROI_E_NO_MEMORY;
  fgroi_status st = e2_diff_alloc(D, n1, n2, *method == FGROI_METHOD_CHAN_ZHANG_MID_P, *lf);
  if (st != FGROI_OK) {
    e2_diff_free(D);
    free(*lf);
  }
  D->ctl = ctl;
  return st;
}

static fgroi_status fgroi_exact2x2_diff_test_body(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                  double delta0, fgroi_method method,
                                                  fgroi_alternative alternative,
                                                  const fgroi_exact2x2_options *options,
                                                  fgroi_test *out, fgroi_exact2x2_detail *detail) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  if (detail != NULL) FGROI__TRY(FGROI__CHECK_OUT(detail, fgroi_exact2x2_detail, gamma));
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  FGROI__TRY(fgroi__check_finite(delta0));
  if (!(delta0 > -1.0 && delta0 < 1.0)) return FGROI_E_OUT_OF_RANGE;
  e2_diff_call R;
  FGROI__TRY(e2_diff_setup(n1, n2, &method, alternative, "the exact unconditional difference test",
                           options, &R));
  const fgroi_exact2x2_two_sided conv = R.conv;
  double p = 1.0, arg = 0.0;
  fgroi_status st = e2_diff_p(&R.D, x1, x2, delta0, alternative, conv, R.o.tolerance, &p, &arg);
  e2_diff_call_free(&R);
  if (st != FGROI_OK) return st;
  fgroi_test full = fgroi__test(e2_score(x1, n1, x2, n2, delta0), NAN, p, delta0, method,
                                alternative, FGROI_FLAG_EXACT);
  FGROI__TRY(fgroi__e2_emit_test(out, &full, detail, arg, delta0 < 0.0 ? -delta0 : 0.0,
                                 delta0 > 0.0 ? 1.0 - delta0 : 1.0, 0.0,
                                 alternative == FGROI_TWO_SIDED ? conv : FGROI_EXACT2X2_DEFAULT));
  fgroi__ctl_done(&R.ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_exact2x2_diff_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                double delta0, fgroi_method method,
                                                fgroi_alternative alternative,
                                                const fgroi_exact2x2_options *options,
                                                fgroi_test *out, fgroi_exact2x2_detail *detail) {
  const fgroi_control *control_ =
      fgroi__control_enter(fgroi__options_control(options, offsetof(fgroi_exact2x2_options, control)));
  return fgroi__control_end(control_, fgroi_exact2x2_diff_test_body(x1, n1, x2, n2, delta0, method,
                            alternative, options, out, detail), "fgroi_exact2x2_diff_test");
}

/* Limit search: g(d) = p(d) - level on the side of the estimate. */
typedef struct {
  e2_diff *D;
  int64_t x1, x2;
  fgroi_alternative side;
  fgroi_exact2x2_two_sided conv;
  double level, tol;
  fgroi_status st;
} e2_limit_ctx;

static double e2_limit_fn(double d, void *ctx) {
  e2_limit_ctx *c = ctx;
  double p = 1.0, arg;
  c->D->stop = c->level; /* only the side of the level matters */
  if (c->st == FGROI_OK) c->st = e2_diff_p(c->D, c->x1, c->x2, d, c->side, c->conv, c->tol, &p, &arg);
  c->D->stop = INFINITY;
  return p - c->level;
}

#define E2_SCAN 24  /* coarse scan from the far end, and fine scan */
#define E2_CHECK 16 /* check of the gap beyond a root */

/* Outermost limit on one side: lower (dir = -1) is inf{d in [-1, est]:
 * p(d) > level}; upper (dir = +1) is sup{d in [est, 1]: p(d) > level}
 * (Fay 2010's matching interval: the smallest interval holding every
 * difference the test does not reject). The exact unconditional p-value
 * is not monotone in d (it jumps where the ordering of the tables changes,
 * and the maximising nuisance can move to an extreme value), so: a
 * uniform coarse scan from the far end finds the outermost non-rejected
 * point; a fine scan of the two coarse steps beyond it finds the
 * outermost non-rejected point there; Brent locates the crossing between
 * it and its rejected neighbour; a check of the gap beyond the root looks
 * for a non-rejected pocket and restarts from the outermost one found.
 * Evaluations only decide the side of the level (fgroi__e2_decide), which is
 * cheap for non-rejected points. */
static fgroi_status e2_limit(e2_limit_ctx *c, double est, int dir, double *limit) {
  double end = dir < 0 ? -1.0 : 1.0;
  /* the null space excludes +-1: its ends are probed just inside */
  double in = end - dir * 1e-12;
  if (est == end) { *limit = end; return FGROI_OK; }
  double g = e2_limit_fn(in, c);
  if (c->st != FGROI_OK) return c->st;
  if (g > 0.0) { *limit = end; return FGROI_OK; }
  /* coarse: first non-rejected of in + (est - in) k / E2_SCAN */
  int k = 1;
  double cur = est;
  for (; k <= E2_SCAN; k++) {
    cur = in + (est - in) * (double)k / E2_SCAN;
    g = e2_limit_fn(cur, c);
    if (c->st != FGROI_OK) return c->st;
    if (g > 0.0) break;
  }
  if (k > E2_SCAN) { *limit = est; return FGROI_OK; } /* not reached: p(est) > level */
  /* fine: the two coarse steps beyond cur */
  double far = in + (est - in) * (double)(k >= 2 ? k - 2 : 0) / E2_SCAN;
  double prev = far;
  for (int j = 1; j < E2_SCAN; j++) {
    double dj = far + (cur - far) * (double)j / E2_SCAN;
    g = e2_limit_fn(dj, c);
    if (c->st != FGROI_OK) return c->st;
    if (g > 0.0) { cur = dj; break; }
    prev = dj;
  }
  for (int round = 0; round < 8; round++) {
    double r;
    fgroi_status st = fgroi__root_brent(e2_limit_fn, c, prev, cur, 1e-10, 0.0, &r);
    if (c->st != FGROI_OK) return c->st;
    if (st != FGROI_OK) return st;
    *limit = r;
    /* non-rejected pocket between prev and r? (outermost first) */
    int pocket = 0;
    double outer = prev;
    for (int j = 1; j < E2_CHECK; j++) {
      double dj = prev + (r - prev) * (double)j / E2_CHECK;
      g = e2_limit_fn(dj, c);
      if (c->st != FGROI_OK) return c->st;
      if (g > 0.0) { pocket = 1; cur = dj; prev = outer; break; }
      outer = dj;
    }
    if (!pocket) break;
  }
  return FGROI_OK;
}

static fgroi_status fgroi_exact2x2_diff_ci_body(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                fgroi_method method, double conf_level,
                                                fgroi_alternative alternative,
                                                const fgroi_exact2x2_options *options,
                                                fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  FGROI__TRY(fgroi__check_conf(conf_level));
  e2_diff_call R;
  FGROI__TRY(e2_diff_setup(n1, n2, &method, alternative, "the exact unconditional interval",
                           options, &R));
  const fgroi_exact2x2_two_sided conv = R.conv;
  fgroi_status st = FGROI_OK;
  double alpha = 1.0 - conf_level;
  double est = (double)x1 / (double)n1 - (double)x2 / (double)n2;
  double lower = -1.0, upper = 1.0;
  /* the maximum over the nuisance is flat at its top, so an error d in the
   * maximiser changes the p-value by O(d^2): 1e-7 is ample for the limits */
  double tol = fmax(R.o.tolerance, 1e-7);
  e2_limit_ctx c = { &R.D, x1, x2, FGROI_TWO_SIDED, conv, alpha, tol, FGROI_OK };
  if (st == FGROI_OK && alternative != FGROI_LESS) {
    int central = alternative == FGROI_TWO_SIDED && conv == FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
    c.side = central ? FGROI_GREATER : alternative;
    c.conv = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
    c.level = central ? alpha / 2.0 : alpha;
    fgroi__ctl_range(&R.ctl, 0.0, alternative == FGROI_TWO_SIDED ? 0.5 : 1.0);
    st = e2_limit(&c, est, -1, &lower);
  }
  if (st == FGROI_OK && alternative != FGROI_GREATER) {
    int central = alternative == FGROI_TWO_SIDED && conv == FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
    c.side = central ? FGROI_LESS : alternative;
    c.conv = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
    c.level = central ? alpha / 2.0 : alpha;
    c.st = FGROI_OK;
    fgroi__ctl_range(&R.ctl, alternative == FGROI_TWO_SIDED ? 0.5 : 0.0, 1.0);
    R.D.evals = 0;
    st = e2_limit(&c, est, +1, &upper);
  }
  e2_diff_call_free(&R);
  if (st != FGROI_OK) return st;
  unsigned flags = FGROI_FLAG_EXACT;
  if (alternative != FGROI_TWO_SIDED) flags |= FGROI_FLAG_ONE_SIDED_LIMIT;
  fgroi_interval full = fgroi__interval(est, lower, upper, conf_level, method, alternative, flags);
  FGROI__TRY(fgroi__emit_interval(out, &full));
  fgroi__ctl_done(&R.ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_exact2x2_diff_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                              fgroi_method method, double conf_level,
                                              fgroi_alternative alternative,
                                              const fgroi_exact2x2_options *options,
                                              fgroi_interval *out) {
  const fgroi_control *control_ =
      fgroi__control_enter(fgroi__options_control(options, offsetof(fgroi_exact2x2_options, control)));
  return fgroi__control_end(control_, fgroi_exact2x2_diff_ci_body(x1, n1, x2, n2, method,
                            conf_level, alternative, options, out), "fgroi_exact2x2_diff_ci");
}
