/* The exact unconditional engine (lib/exact2x2_engine.h): the small
 * kernels, the maximisation over the nuisance parameter and the tables of
 * H0: p1 = p2. The method is described at the top of lib/exact2x2.c;
 * formulas and citations: docs/methods/exact2x2.md. */
#include <float.h>
#include <stdlib.h>

#include "control.h"
#include "exact2x2_engine.h"
#include "num.h"

/* ---- small kernels ------------------------------------------------------ */

/* lf[k] = log(k!) for k = 0..n. */
double *fgroi__e2_log_factorials(int64_t n) {
  size_t len = fgroi__count_plus_one(n);
  double *lf = len > 0 ? fgroi__malloc_array(len, sizeof *lf) : NULL;
  if (lf == NULL) return NULL;
  lf[0] = 0.0;
  for (int64_t k = 1; k <= n; k++) lf[k] = lf[k - 1] + log((double)k);
  return lf;
}

/* Binomial pmf out[0..n] at probability p, from the mode by the ratio
 * recursion; lf holds log factorials up to at least n. */
void fgroi__e2_binom_pmf(int64_t n, double p, const double *lf, const double *ratio,
                         double *out) {
  if (!(p > 0.0)) { memset(out, 0, ((size_t)n + 1) * sizeof *out); out[0] = 1.0; return; }
  if (!(p < 1.0)) { memset(out, 0, ((size_t)n + 1) * sizeof *out); out[n] = 1.0; return; }
  int64_t m = (int64_t)floor((double)(n + 1) * p);
  if (m > n) m = n;
  double r = p / (1.0 - p), ri = (1.0 - p) / p;
  out[m] = exp(lf[n] - lf[m] - lf[n - m] + (double)m * log(p) + (double)(n - m) * log1p(-p));
  if (ratio != NULL) { /* ratio[k] = (n - k) / (k + 1), ratio[n + k] = 1 / ratio[k] */
    const double *inv = ratio + n;
    for (int64_t k = m; k < n; k++) out[k + 1] = out[k] * r * ratio[k];
    for (int64_t k = m; k > 0; k--) out[k - 1] = out[k] * ri * inv[k - 1];
    return;
  }
  for (int64_t k = m; k < n; k++) out[k + 1] = out[k] * r * (double)(n - k) / (double)(k + 1);
  for (int64_t k = m; k > 0; k--) out[k - 1] = out[k] * ri * (double)k / (double)(n - k + 1);
}

/* ratio[k] = (n - k) / (k + 1) and ratio[n + k] = its inverse, k < n. */
void fgroi__e2_ratio_table(int64_t n, double *ratio) {
  for (int64_t k = 0; k < n; k++) {
    ratio[k] = (double)(n - k) / (double)(k + 1);
    ratio[n + k] = (double)(k + 1) / (double)(n - k);
  }
}

/* "At least as extreme": e >= e_ref up to a relative tolerance. */
int fgroi__e2_at_least(double e, double e_ref) {
  return e >= e_ref - FGROI__REL_TOL * fabs(e_ref);
}

/* ---- nuisance maximisation ------------------------------------------------ */

typedef struct { fgroi__e2_fn f; void *ctx; } e2_neg;

static double e2_neg_fn(double x, void *ctx) {
  const e2_neg *n = ctx;
  return -n->f(x, n->ctx);
}

/* Grid points in arcsine scale for N trials: features of a degree-N
 * binomial polynomial have width about 1 / (2 sqrt N) in theta. */
int fgroi__e2_grid_size(int64_t N) { return 40 + (int)(12.0 * sqrt((double)N)); }

/* x[0..G] = lo + (hi - lo) sin^2(theta_i), theta_i = i (pi / 2) / G. */
void fgroi__e2_arcsine_grid(double lo, double hi, int G, double *x) {
  const double h = (M_PI / 2.0) / G;
  for (int i = 0; i <= G; i++) {
    double s = sin(h * i);
    double v = lo + (hi - lo) * s * s;
    x[i] = v < lo ? lo : (v > hi ? hi : v);
  }
  x[0] = lo;
  x[G] = hi;
}

/* Refinement after a grid: v[i] = f(x[i]) on increasing points x[0..n-1].
 * Brent's minimiser of -f runs on [x[i-1], x[i+1]] around each of the
 * E2_REFINE highest local maxima of the grid whose value is within 20% of
 * the best (on a grid this fine a lower local maximum cannot overtake the
 * best), to |dx| <= tol. */
fgroi_status fgroi__e2_refine(fgroi__e2_fn f, void *ctx, const double *x, const double *v, int n,
                              double tol, double *best, double *arg) {
  e2_neg neg = { f, ctx };
  int ibest = 0;
  for (int i = 1; i < n; i++) if (v[i] > v[ibest]) ibest = i;
  int cand[E2_REFINE], nc = 0;
  for (int i = 0; i < n; i++) {
    int is_max = (i == 0 || v[i] >= v[i - 1]) && (i == n - 1 || v[i] >= v[i + 1]);
    if (!is_max || v[i] < 0.8 * v[ibest]) continue;
    if (nc < E2_REFINE) cand[nc++] = i;
    else {
      int lo_k = 0;
      for (int k = 1; k < nc; k++) if (v[cand[k]] < v[cand[lo_k]]) lo_k = k;
      if (v[i] > v[cand[lo_k]]) cand[lo_k] = i;
    }
  }
  double vbest = v[ibest], xbest = x[ibest];
  for (int k = 0; k < nc; k++) {
    int i = cand[k];
    double a = x[i > 0 ? i - 1 : 0], b = x[i < n - 1 ? i + 1 : n - 1];
    if (!(b > a)) continue;
    double xm, fv;
    FGROI__TRY(fgroi__min_brent(e2_neg_fn, &neg, a, b, tol, 0.0, &xm, &fv));
    if (-fv > vbest) { vbest = -fv; xbest = xm; }
  }
  *best = vbest;
  *arg = xbest;
  return FGROI_OK;
}

/* max of f over [lo, hi]: arcsine grid of G + 1 points, then fgroi__e2_refine.
 * work holds 2 (G + 1) doubles. */
fgroi_status fgroi__e2_maximise(fgroi__e2_fn f, void *ctx, double lo, double hi, int G,
                                double tol, double *work, double *best, double *arg) {
  if (!(hi > lo)) { *best = f(lo, ctx); *arg = lo; return FGROI_OK; }
  double *x = work, *v = work + G + 1;
  fgroi__e2_arcsine_grid(lo, hi, G, x);
  for (int i = 0; i <= G; i++) v[i] = f(x[i], ctx);
  return fgroi__e2_refine(f, ctx, x, v, G + 1, tol, best, arg);
}

/* Decision mode of a maximisation (is the maximum above `stop`?): the
 * grid stops at the first value above stop, and refinement is skipped
 * when the grid maximum is below 0.7 stop (refinement raises a maximum by
 * far less than 30% on these grids: at most a few percent). Returns 1 and
 * sets *best to that lower bound when decided above; 0 otherwise, after
 * setting *best to the grid maximum when it is decided below, or leaving
 * *best at -1 when refinement is needed. */
int fgroi__e2_decide(double stop, const double *v, int n, int at, double *best) {
  if (v[at] > stop) { *best = v[at]; return 1; }
  if (at < n - 1) return 0;
  double m = v[0];
  for (int i = 1; i < n; i++) if (v[i] > m) m = v[i];
  *best = m < 0.7 * stop ? m : -1.0;
  return 0;
}

/* ---- tables of H0: p1 = p2 ---------------------------------------------- */

void fgroi__e2_tables_free(fgroi__e2_tables *T) {
  free(T->lf); free(T->hyp); free(T->stat); free(T->h); free(T->bs); free(T->grid);
  free(T->ratio); free(T->B);
  memset(T, 0, sizeof *T);
}

/* ctl: checked once per row of tables (NULL: none). */
fgroi_status fgroi__e2_tables_alloc_ctl(fgroi__e2_tables *T, int64_t n1, int64_t n2, fgroi__ctl *ctl) {
  memset(T, 0, sizeof *T);
  if (n1 >= E2_MAX_TABLES || n2 >= E2_MAX_TABLES || (n1 + 1) * (n2 + 1) > E2_MAX_TABLES)
    return fgroi__too_large(ctl ? ctl->control : NULL, "(n1 + 1)(n2 + 1) tables",
                            ((double)n1 + 1.0) * ((double)n2 + 1.0), (double)E2_MAX_TABLES,
                            "exact enumeration of the 2x2 tables",
                            "a normal-approximation method (fgroi_power_prop2, fgroi_prop_2x2_test)");
  T->n1 = n1; T->n2 = n2; T->N = n1 + n2;
  T->nt = (size_t)((n1 + 1) * (n2 + 1));
  T->G = fgroi__e2_grid_size(T->N);
  T->lf = fgroi__e2_log_factorials(T->N);
  T->hyp = malloc(T->nt * sizeof *T->hyp);
  T->stat = malloc(T->nt * sizeof *T->stat);
  T->h = malloc(((size_t)T->N + 1) * sizeof *T->h);
  T->bs = malloc(((size_t)T->N + 1) * sizeof *T->bs);
  T->grid = malloc(2 * ((size_t)T->G + 1) * sizeof *T->grid);
  T->ratio = malloc(2 * ((size_t)T->N + 1) * sizeof *T->ratio);
  if (!T->lf || !T->hyp || !T->stat || !T->h || !T->bs || !T->grid || !T->ratio) {
    fgroi__e2_tables_free(T);
    return FGROI_E_NO_MEMORY;
  }
  fgroi__e2_ratio_table(T->N, T->ratio);
  const double *lf = T->lf;
  T->ctl = ctl;
  for (int64_t x1 = 0; x1 <= n1; x1++) {
    fgroi_status st = fgroi__ctl_step(ctl, 0.1 * (double)x1 / (double)(n1 + 1));
    if (st != FGROI_OK) { fgroi__e2_tables_free(T); return st; }
    for (int64_t x2 = 0; x2 <= n2; x2++) {
      int64_t s = x1 + x2;
      T->hyp[x1 * (n2 + 1) + x2] =
          exp(lf[n1] - lf[x1] - lf[n1 - x1] + lf[n2] - lf[x2] - lf[n2 - x2]
              - (lf[T->N] - lf[s] - lf[T->N - s]));
    }
  }
  return FGROI_OK;
}


/* Fisher's conditional p-values of the m tables of one margin s, from
 * their hypergeometric probabilities pmf[0..m-1] (x1 = lo..hi): side
 * FGROI_LESS P(X1 <= x1), FGROI_GREATER P(X1 >= x1), FGROI_TWO_SIDED the
 * sum of probabilities <= pmf(x1) (1 + 1e-7), as R's fisher.test; each
 * capped at 1. sorted: m doubles of scratch. */
void fgroi__e2_fisher_column(const double *pmf, int64_t m, fgroi_alternative side, double *pv,
                             double *sorted) {
  if (side == FGROI_LESS) {
    double acc = 0.0;
    for (int64_t k = 0; k < m; k++) {
      acc += pmf[k];
      pv[k] = fmin(acc, 1.0);
    }
  } else if (side == FGROI_GREATER) {
    double acc = 0.0;
    for (int64_t k = m - 1; k >= 0; k--) {
      acc += pmf[k];
      pv[k] = fmin(acc, 1.0);
    }
  } else {
    /* two-sided: sum of probabilities <= pmf(x1) (1 + 1e-7), via the
     * ascending sort and its prefix sums (summed smallest first) */
    memcpy(sorted, pmf, (size_t)m * sizeof *sorted);
    qsort(sorted, (size_t)m, sizeof *sorted, fgroi__cmp_double);
    for (int64_t k = 1; k < m; k++) sorted[k] += sorted[k - 1];
    /* sorted[] now holds prefix sums of the ascending pmf values; find
     * for each x1 the count of values <= threshold by binary search on
     * the original sorted values, recomputed from differences */
    for (int64_t k = 0; k < m; k++) {
      double thr = pmf[k] * (1.0 + FGROI__REL_TOL);
      int64_t a = 0, b = m; /* first index whose value > thr */
      while (a < b) {
        int64_t mid = (a + b) / 2;
        double v = sorted[mid] - (mid > 0 ? sorted[mid - 1] : 0.0);
        if (v <= thr) a = mid + 1; else b = mid;
      }
      pv[k] = fmin(a > 0 ? sorted[a - 1] : 0.0, 1.0);
    }
  }
}

/* Barnard's unpooled (Wald) z, (p1 - p2) / sqrt(p1 q1 / n1 + p2 q2 / n2), as
 * scipy's barnard_exact(pooled = False): 0 when p1 = p2, +-inf when the
 * variance is 0 and p1 != p2 (0.2). */
double fgroi__e2_unpooled_z(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  double p1 = (double)x1 / (double)n1, p2 = (double)x2 / (double)n2;
  double num = (double)(x1 * n2 - x2 * n1) / ((double)n1 * (double)n2);
  if (num == 0.0) return 0.0;
  double var = p1 * (1.0 - p1) / (double)n1 + p2 * (1.0 - p2) / (double)n2;
  return var > 0.0 ? num / sqrt(var) : copysign(INFINITY, num);
}

/* Fill T->stat with the extremeness of every table for (method, side):
 * side is FGROI_GREATER, FGROI_LESS or FGROI_TWO_SIDED (two-sided statistic).
 * Barnard: z, -z, |z|. Fisher / Boschloo: minus the conditional p-value. */
fgroi_status fgroi__e2_statistics(fgroi__e2_tables *T, fgroi_method method, fgroi_alternative side) {
  const int64_t n1 = T->n1, n2 = T->n2, N = T->N;
  const int64_t w = n2 + 1;
  if (method == FGROI_METHOD_BARNARD_UNPOOLED) {
    /* infinite z as +-1e300, so "at least as extreme" stays a finite
     * comparison and every infinite table ties with the others */
    for (int64_t x1 = 0; x1 <= n1; x1++)
      for (int64_t x2 = 0; x2 <= n2; x2++) {
        double z = fmax(-1e300, fmin(1e300, fgroi__e2_unpooled_z(x1, n1, x2, n2)));
        T->stat[x1 * w + x2] = side == FGROI_GREATER ? z : (side == FGROI_LESS ? -z : fabs(z));
      }
    return FGROI_OK;
  }
  if (method == FGROI_METHOD_BARNARD) {
    for (int64_t x1 = 0; x1 <= n1; x1++) {
      FGROI__TRY(fgroi__ctl_step(T->ctl, 0.1 + 0.2 * (double)x1 / (double)(n1 + 1)));
      for (int64_t x2 = 0; x2 <= n2; x2++) {
        double num = (double)(x1 * n2 - x2 * n1) / ((double)n1 * (double)n2);
        double pbar = (double)(x1 + x2) / (double)N;
        double var = pbar * (1.0 - pbar) * (1.0 / (double)n1 + 1.0 / (double)n2);
        double z = var > 0.0 ? num / sqrt(var) : 0.0;
        T->stat[x1 * w + x2] = side == FGROI_GREATER ? z : (side == FGROI_LESS ? -z : fabs(z));
      }
    }
    return FGROI_OK;
  }
  /* conditional p-values, one margin s at a time */
  double *pmf = malloc(((size_t)n1 + 1) * 3 * sizeof *pmf);
  if (pmf == NULL) return FGROI_E_NO_MEMORY;
  double *pv = pmf + n1 + 1;
  for (int64_t s = 0; s <= N; s++) {
    fgroi_status st = fgroi__ctl_step(T->ctl, 0.1 + 0.2 * (double)s / (double)(N + 1));
    if (st != FGROI_OK) { free(pmf); return st; }
    int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
    for (int64_t x1 = lo; x1 <= hi; x1++) pmf[x1 - lo] = T->hyp[x1 * w + (s - x1)];
    fgroi__e2_fisher_column(pmf, hi - lo + 1, side, pv, pv + n1 + 1);
    for (int64_t x1 = lo; x1 <= hi; x1++) T->stat[x1 * w + (s - x1)] = -pv[x1 - lo];
  }
  free(pmf);
  return FGROI_OK;
}

/* FGROI_E_CANCELLED once the control has cancelled (sticky), else OK. */
fgroi_status fgroi__e2_cancelled(const fgroi__ctl *ctl) {
  return ctl != NULL && ctl->cancelled ? FGROI_E_CANCELLED : FGROI_OK;
}

/* h_s for the region {stat >= thr}. */
fgroi_status fgroi__e2_region_weights(fgroi__e2_tables *T, double thr_ref) {
  const int64_t w = T->n2 + 1;
  memset(T->h, 0, ((size_t)T->N + 1) * sizeof *T->h);
  for (int64_t x1 = 0; x1 <= T->n1; x1++) {
    if ((x1 & 63) == 0) FGROI__TRY(fgroi__ctl_step(T->ctl, 0.3));
    for (int64_t x2 = 0; x2 <= T->n2; x2++)
      if (fgroi__e2_at_least(T->stat[x1 * w + x2], thr_ref))
        T->h[x1 + x2] += T->hyp[x1 * w + x2];
  }
  return FGROI_OK;
}

/* After a cancel every evaluation returns 0 at once, so the search around
 * it ends quickly; its caller then returns fgroi__e2_cancelled(). */
double fgroi__e2_region_prob(double pi, void *ctx) {
  fgroi__e2_tables *T = ctx;
  if (T->ctl != NULL &&
      fgroi__ctl_step(T->ctl, fgroi__ctl_evals_fraction(0.3, ++T->evals, 200.0)) != FGROI_OK)
    return 0.0;
  fgroi__e2_binom_pmf(T->N, pi, T->lf, T->ratio, T->bs);
  double acc = 0.0;
  for (int64_t s = 0; s <= T->N; s++) acc += T->h[s] * T->bs[s];
  return acc;
}

/* Clopper-Pearson 1 - gamma interval for pi from s of N (Berger-Boos). */
void fgroi__e2_berger_boos_range(int64_t s, int64_t N, double gamma, double *lo, double *hi) {
  *lo = 0.0; *hi = 1.0;
  if (!(gamma > 0.0)) return;
  if (s > 0) *lo = fgroi__qbeta(gamma / 2.0, (double)s, (double)(N - s + 1), 1);
  if (s < N) *hi = fgroi__qbeta(gamma / 2.0, (double)(s + 1), (double)(N - s), 0);
  if (isnan(*lo)) *lo = 0.0;
  if (isnan(*hi)) *hi = 1.0;
}

/* One exact unconditional p-value: side GREATER / LESS / TWO_SIDED
 * (two-sided statistic). Writes the observed statistic's extremeness. */
fgroi_status fgroi__e2_pvalue_side(fgroi__e2_tables *T, int64_t x1, int64_t x2, fgroi_method method,
                                   fgroi_alternative side, double lo, double hi, double tol,
                                   double *e_obs, double *p, double *arg) {
  FGROI__TRY(fgroi__e2_statistics(T, method, side));
  *e_obs = T->stat[x1 * (T->n2 + 1) + x2];
  FGROI__TRY(fgroi__e2_region_weights(T, *e_obs));
  FGROI__TRY(fgroi__e2_maximise(fgroi__e2_region_prob, T, lo, hi, T->G, tol, T->grid, p, arg));
  FGROI__TRY(fgroi__e2_cancelled(T->ctl));
  *p = fgroi__clamp01(*p);
  return FGROI_OK;
}
