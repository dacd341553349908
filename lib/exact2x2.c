/* Exact unconditional inference for two independent binomial proportions:
 * Barnard's and Boschloo's tests, the score-statistic exact unconditional
 * test and interval for p1 - p2 (Chan & Zhang 1999; Agresti & Min 2001),
 * small-table odds-ratio intervals (Baptista & Pike 1977; Cornfield 1956),
 * and rejection regions for exact power (lib/exact2x2_region.h).
 *
 * The engine. A region R of tables (x1, x2) has, under H0: p1 = p2 = pi,
 *   P(R; pi) = sum_s h_s * dbinom(s; N, pi),  h_s = sum_{(x1,x2) in R,
 *   x1 + x2 = s} dhyper(x1; n1, n2, s),
 * so once h is built (O(n1 n2)) each nuisance value costs O(N). The
 * maximum over pi is found on a grid uniform in arcsine scale (pi =
 * sin^2 theta, where binomial features have constant width), followed by
 * Brent's minimiser around every leading local maximum of the grid.
 * For the score test of p1 - p2 = d, tables are ordered by the score
 * statistic, which decreases in x2 and increases in x1 (Barnard's
 * convexity), so the region is one cut per x1 found by a staircase walk
 * and its probability is sum_x1 dbinom(x1; n1, p2 + d) * pbinom(cut; n2, p2).
 * Binomial pmfs come from the mode by the ratio recursion (one exp each). */
#include <float.h>
#include <stdlib.h>

#include "control.h"
#include "exact2x2_region.h"
#include "num.h"

#define E2_MAX_TABLES ((int64_t)1 << 26) /* regions (exact power: cancellable) */
/* fgroi_exact2x2_test (no control argument): 2^22 tables, the slowest
 * measured 0.70 s of CPU; 5000 per arm took 1.7 to 4.1 s, 8000 per arm
 * 6.8 s inside the former 2^26 (issue 14) */
#define E2_MAX_TEST_TABLES ((int64_t)1 << 22)
/* n1 + n2 for the difference: at 2000 the slowest calls measured take 0.45 s
 * of CPU (optimised build; ASan about ten times more); 6142 took 0.4 to 6 s
 * (issue 14, fuzz findings 7 and 8) */
#define E2_MAX_DIFF_N 2000
#define E2_MAX_CUTS_N ((int64_t)1 << 30) /* Fisher cuts: group size (O(N sqrt N)) */
#define E2_DEFAULT_TOL 1e-10
#define E2_REFINE 4 /* local maxima of the grid refined by Brent */

/* ---- small kernels ------------------------------------------------------ */

/* lf[k] = log(k!) for k = 0..n. */
static double *e2_log_factorials(int64_t n) {
  size_t len = fgroi__count_plus_one(n);
  double *lf = len > 0 ? fgroi__malloc_array(len, sizeof *lf) : NULL;
  if (lf == NULL) return NULL;
  lf[0] = 0.0;
  for (int64_t k = 1; k <= n; k++) lf[k] = lf[k - 1] + log((double)k);
  return lf;
}

/* Binomial pmf out[0..n] at probability p, from the mode by the ratio
 * recursion; lf holds log factorials up to at least n. */
static void e2_binom_pmf(int64_t n, double p, const double *lf, const double *ratio,
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
static void e2_ratio_table(int64_t n, double *ratio) {
  for (int64_t k = 0; k < n; k++) {
    ratio[k] = (double)(n - k) / (double)(k + 1);
    ratio[n + k] = (double)(k + 1) / (double)(n - k);
  }
}

/* "At least as extreme": e >= e_ref up to a relative tolerance. */
static int e2_at_least(double e, double e_ref) {
  return e >= e_ref - FGROI__REL_TOL * fabs(e_ref);
}

/* ---- nuisance maximisation ------------------------------------------------ */

typedef double (*e2_fn)(double pi, void *ctx);

typedef struct { e2_fn f; void *ctx; } e2_neg;

static double e2_neg_fn(double x, void *ctx) {
  const e2_neg *n = ctx;
  return -n->f(x, n->ctx);
}

/* Grid points in arcsine scale for N trials: features of a degree-N
 * binomial polynomial have width about 1 / (2 sqrt N) in theta. */
static int e2_grid_size(int64_t N) { return 40 + (int)(12.0 * sqrt((double)N)); }

/* x[0..G] = lo + (hi - lo) sin^2(theta_i), theta_i = i (pi / 2) / G. */
static void e2_arcsine_grid(double lo, double hi, int G, double *x) {
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
static fgroi_status e2_refine(e2_fn f, void *ctx, const double *x, const double *v, int n,
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

/* max of f over [lo, hi]: arcsine grid of G + 1 points, then e2_refine.
 * work holds 2 (G + 1) doubles. */
static fgroi_status e2_maximise(e2_fn f, void *ctx, double lo, double hi, int G,
                                double tol, double *work, double *best, double *arg) {
  if (!(hi > lo)) { *best = f(lo, ctx); *arg = lo; return FGROI_OK; }
  double *x = work, *v = work + G + 1;
  e2_arcsine_grid(lo, hi, G, x);
  for (int i = 0; i <= G; i++) v[i] = f(x[i], ctx);
  return e2_refine(f, ctx, x, v, G + 1, tol, best, arg);
}

/* Decision mode of a maximisation (is the maximum above `stop`?): the
 * grid stops at the first value above stop, and refinement is skipped
 * when the grid maximum is below 0.7 stop (refinement raises a maximum by
 * far less than 30% on these grids: at most a few percent). Returns 1 and
 * sets *best to that lower bound when decided above; 0 otherwise, after
 * setting *best to the grid maximum when it is decided below, or leaving
 * *best at -1 when refinement is needed. */
static int e2_decide(double stop, const double *v, int n, int at, double *best) {
  if (v[at] > stop) { *best = v[at]; return 1; }
  if (at < n - 1) return 0;
  double m = v[0];
  for (int i = 1; i < n; i++) if (v[i] > m) m = v[i];
  *best = m < 0.7 * stop ? m : -1.0;
  return 0;
}

/* ---- tables of H0: p1 = p2 ---------------------------------------------- */

/* Every table (x1, x2), index x1 * (n2 + 1) + x2: its conditional
 * probability given s = x1 + x2 (hypergeometric), the pooled z, and
 * Fisher's one-sided (p1 > p2: greater; p1 < p2: less) and two-sided
 * (tables no more probable, relative tolerance 1e-7) conditional p-values. */
typedef struct {
  int64_t n1, n2, N;
  size_t nt;
  double *lf;    /* log factorials 0..N */
  double *hyp;   /* nt */
  double *stat;  /* nt: extremeness, larger = more extreme */
  double *h;     /* N + 1: region weights by s */
  double *bs;    /* N + 1: binomial pmf scratch */
  double *grid;  /* grid values */
  double *ratio; /* N: (N - s) / (s + 1), for the pmf recursion */
  double *B;     /* optional (G + 1) x (N + 1): pmf of s on the [0, 1] grid */
  int G;
  fgroi__ctl *ctl; /* NULL or the caller's progress / cancellation */
  unsigned long evals; /* e2_region_prob calls (progress) */
} e2_tables;

static void e2_tables_free(e2_tables *T) {
  free(T->lf); free(T->hyp); free(T->stat); free(T->h); free(T->bs); free(T->grid);
  free(T->ratio); free(T->B);
  memset(T, 0, sizeof *T);
}

/* ctl: checked once per row of tables (NULL: none). */
static fgroi_status e2_tables_alloc_ctl(e2_tables *T, int64_t n1, int64_t n2, fgroi__ctl *ctl) {
  memset(T, 0, sizeof *T);
  if (n1 >= E2_MAX_TABLES || n2 >= E2_MAX_TABLES || (n1 + 1) * (n2 + 1) > E2_MAX_TABLES)
    return fgroi__too_large(ctl ? ctl->control : NULL, "(n1 + 1)(n2 + 1) tables",
                            ((double)n1 + 1.0) * ((double)n2 + 1.0), (double)E2_MAX_TABLES,
                            "exact enumeration of the 2x2 tables",
                            "a normal-approximation method (fgroi_power_prop2, fgroi_prop_2x2_test)");
  T->n1 = n1; T->n2 = n2; T->N = n1 + n2;
  T->nt = (size_t)((n1 + 1) * (n2 + 1));
  T->G = e2_grid_size(T->N);
  T->lf = e2_log_factorials(T->N);
  T->hyp = malloc(T->nt * sizeof *T->hyp);
  T->stat = malloc(T->nt * sizeof *T->stat);
  T->h = malloc(((size_t)T->N + 1) * sizeof *T->h);
  T->bs = malloc(((size_t)T->N + 1) * sizeof *T->bs);
  T->grid = malloc(2 * ((size_t)T->G + 1) * sizeof *T->grid);
  T->ratio = malloc(2 * ((size_t)T->N + 1) * sizeof *T->ratio);
  if (!T->lf || !T->hyp || !T->stat || !T->h || !T->bs || !T->grid || !T->ratio) {
    e2_tables_free(T);
    return FGROI_E_NO_MEMORY;
  }
  e2_ratio_table(T->N, T->ratio);
  const double *lf = T->lf;
  T->ctl = ctl;
  for (int64_t x1 = 0; x1 <= n1; x1++) {
    fgroi_status st = fgroi__ctl_step(ctl, 0.1 * (double)x1 / (double)(n1 + 1));
    if (st != FGROI_OK) { e2_tables_free(T); return st; }
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
static void e2_fisher_column(const double *pmf, int64_t m, fgroi_alternative side, double *pv,
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
static double e2_unpooled_z(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  double p1 = (double)x1 / (double)n1, p2 = (double)x2 / (double)n2;
  double num = (double)(x1 * n2 - x2 * n1) / ((double)n1 * (double)n2);
  if (num == 0.0) return 0.0;
  double var = p1 * (1.0 - p1) / (double)n1 + p2 * (1.0 - p2) / (double)n2;
  return var > 0.0 ? num / sqrt(var) : copysign(INFINITY, num);
}

/* Fill T->stat with the extremeness of every table for (method, side):
 * side is FGROI_GREATER, FGROI_LESS or FGROI_TWO_SIDED (two-sided statistic).
 * Barnard: z, -z, |z|. Fisher / Boschloo: minus the conditional p-value. */
static fgroi_status e2_statistics(e2_tables *T, fgroi_method method, fgroi_alternative side) {
  const int64_t n1 = T->n1, n2 = T->n2, N = T->N;
  const int64_t w = n2 + 1;
  if (method == FGROI_METHOD_BARNARD_UNPOOLED) {
    /* infinite z as +-1e300, so "at least as extreme" stays a finite
     * comparison and every infinite table ties with the others */
    for (int64_t x1 = 0; x1 <= n1; x1++)
      for (int64_t x2 = 0; x2 <= n2; x2++) {
        double z = fmax(-1e300, fmin(1e300, e2_unpooled_z(x1, n1, x2, n2)));
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
    e2_fisher_column(pmf, hi - lo + 1, side, pv, pv + n1 + 1);
    for (int64_t x1 = lo; x1 <= hi; x1++) T->stat[x1 * w + (s - x1)] = -pv[x1 - lo];
  }
  free(pmf);
  return FGROI_OK;
}

/* FGROI_E_CANCELLED once the control has cancelled (sticky), else OK. */
static fgroi_status e2_cancelled(const fgroi__ctl *ctl) {
  return ctl != NULL && ctl->cancelled ? FGROI_E_CANCELLED : FGROI_OK;
}

/* Progress of an open-ended search after `evals` evaluations: in [lo, 1),
 * increasing, half way at `half` evaluations. */
static double e2_evals_fraction(double lo, unsigned long evals, double half) {
  return lo + (1.0 - lo) * (1.0 - 1.0 / (1.0 + (double)evals / half));
}

/* h_s for the region {stat >= thr}. */
static fgroi_status e2_region_weights(e2_tables *T, double thr_ref) {
  const int64_t w = T->n2 + 1;
  memset(T->h, 0, ((size_t)T->N + 1) * sizeof *T->h);
  for (int64_t x1 = 0; x1 <= T->n1; x1++) {
    if ((x1 & 63) == 0) FGROI__TRY(fgroi__ctl_step(T->ctl, 0.3));
    for (int64_t x2 = 0; x2 <= T->n2; x2++)
      if (e2_at_least(T->stat[x1 * w + x2], thr_ref))
        T->h[x1 + x2] += T->hyp[x1 * w + x2];
  }
  return FGROI_OK;
}

/* After a cancel every evaluation returns 0 at once, so the search around
 * it ends quickly; its caller then returns e2_cancelled(). */
static double e2_region_prob(double pi, void *ctx) {
  e2_tables *T = ctx;
  if (T->ctl != NULL &&
      fgroi__ctl_step(T->ctl, e2_evals_fraction(0.3, ++T->evals, 200.0)) != FGROI_OK)
    return 0.0;
  e2_binom_pmf(T->N, pi, T->lf, T->ratio, T->bs);
  double acc = 0.0;
  for (int64_t s = 0; s <= T->N; s++) acc += T->h[s] * T->bs[s];
  return acc;
}

/* Clopper-Pearson 1 - gamma interval for pi from s of N (Berger-Boos). */
static void e2_berger_boos_range(int64_t s, int64_t N, double gamma, double *lo, double *hi) {
  *lo = 0.0; *hi = 1.0;
  if (!(gamma > 0.0)) return;
  if (s > 0) *lo = fgroi__qbeta(gamma / 2.0, (double)s, (double)(N - s + 1), 1);
  if (s < N) *hi = fgroi__qbeta(gamma / 2.0, (double)(s + 1), (double)(N - s), 0);
  if (isnan(*lo)) *lo = 0.0;
  if (isnan(*hi)) *hi = 1.0;
}

/* One exact unconditional p-value: side GREATER / LESS / TWO_SIDED
 * (two-sided statistic). Writes the observed statistic's extremeness. */
static fgroi_status e2_pvalue_side(e2_tables *T, int64_t x1, int64_t x2, fgroi_method method,
                                   fgroi_alternative side, double lo, double hi, double tol,
                                   double *e_obs, double *p, double *arg) {
  FGROI__TRY(e2_statistics(T, method, side));
  *e_obs = T->stat[x1 * (T->n2 + 1) + x2];
  FGROI__TRY(e2_region_weights(T, *e_obs));
  FGROI__TRY(e2_maximise(e2_region_prob, T, lo, hi, T->G, tol, T->grid, p, arg));
  FGROI__TRY(e2_cancelled(T->ctl));
  *p = fgroi__clamp01(*p);
  return FGROI_OK;
}

/* ---- options -------------------------------------------------------------- */

static const char *const e2_two_sided_names[] = {
  "default", "two_sided_statistic", "double_one_sided"
};

const char *fgroi_exact2x2_two_sided_name(fgroi_exact2x2_two_sided convention) {
  if ((int)convention < 0 || (int)convention > 2) return NULL;
  return e2_two_sided_names[convention];
}

fgroi_status fgroi_exact2x2_two_sided_from_name(const char *name, fgroi_exact2x2_two_sided *out) {
  if (name == NULL || out == NULL) return FGROI_E_NULL;
  for (int i = 0; i <= 2; i++)
    if (strcmp(name, e2_two_sided_names[i]) == 0) { *out = (fgroi_exact2x2_two_sided)i; return FGROI_OK; }
  if (strcmp(name, "central") == 0) { *out = FGROI_EXACT2X2_DOUBLE_ONE_SIDED; return FGROI_OK; }
  return FGROI_E_UNKNOWN_NAME;
}

static fgroi_exact2x2_options e2_defaults(void) {
  fgroi_exact2x2_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  o.two_sided = FGROI_EXACT2X2_DEFAULT;
  o.gamma = 0.0;
  o.tolerance = E2_DEFAULT_TOL;
  return o;
}

fgroi_status fgroi_exact2x2_options_default(fgroi_exact2x2_options *options) {
  FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_exact2x2_options, tolerance));
  fgroi_exact2x2_options o = e2_defaults();
  fgroi__write_out(options, &o, sizeof o);
  return FGROI_OK;
}

/* Validated copy of the caller's options (NULL = defaults). */
static fgroi_status e2_options(const fgroi_exact2x2_options *in, fgroi_exact2x2_options *o) {
  *o = e2_defaults();
  if (in == NULL) return FGROI_OK;
  FGROI__TRY(FGROI__CHECK_OUT(in, fgroi_exact2x2_options, tolerance));
  o->two_sided = in->two_sided;
  o->gamma = in->gamma;
  o->tolerance = in->tolerance;
  if (in->struct_size >= FGROI__V1_SIZE(fgroi_exact2x2_options, control)) o->control = in->control;
  if ((int)o->two_sided < 0 || (int)o->two_sided > 2) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_finite(o->gamma));
  FGROI__TRY(fgroi__check_finite(o->tolerance));
  if (o->gamma < 0.0 || o->gamma >= 1.0) return FGROI_E_PROBABILITY;
  if (o->tolerance < 0.0 || o->tolerance > 1e-2) return FGROI_E_OUT_OF_RANGE;
  if (o->tolerance == 0.0) o->tolerance = E2_DEFAULT_TOL;
  if (o->tolerance < 1e-14) o->tolerance = 1e-14;
  return FGROI_OK;
}

/* The caller's control inside options, for messages (NULL when options
 * is NULL or its struct_size does not reach the field). */
static const fgroi_control *e2_control(const fgroi_exact2x2_options *options) {
  if (options == NULL || options->struct_size < FGROI__V1_SIZE(fgroi_exact2x2_options, control))
    return NULL;
  return options->control;
}

static fgroi_status e2_check_table(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  return FGROI_OK;
}

/* ---- Barnard and Boschloo ---------------------------------------------------- */

fgroi_status fgroi_exact2x2_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                 fgroi_method method, fgroi_alternative alternative,
                                 const fgroi_exact2x2_options *options,
                                 fgroi_test *out, fgroi_exact2x2_detail *detail) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  if (detail != NULL) FGROI__TRY(FGROI__CHECK_OUT(detail, fgroi_exact2x2_detail, gamma));
  FGROI__TRY(e2_check_table(x1, n1, x2, n2));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_BOSCHLOO;
  if (method != FGROI_METHOD_BARNARD && method != FGROI_METHOD_BOSCHLOO &&
      method != FGROI_METHOD_BARNARD_UNPOOLED)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  FGROI__TRY(e2_options(options, &o));
  fgroi_exact2x2_two_sided conv =
      o.two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_TWO_SIDED_STATISTIC : o.two_sided;

  if (n1 >= E2_MAX_TEST_TABLES || n2 >= E2_MAX_TEST_TABLES ||
      (n1 + 1) * (n2 + 1) > E2_MAX_TEST_TABLES)
    return fgroi__too_large(o.control, "(n1 + 1)(n2 + 1) tables",
                            ((double)n1 + 1.0) * ((double)n2 + 1.0), (double)E2_MAX_TEST_TABLES,
                            "the exact unconditional test (about 2,047 per arm)",
                            "fgroi_prop_2x2_test (Fisher's exact test, to 2^33, or chi-square)");
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, o.control, 1));
  e2_tables T;
  FGROI__TRY(e2_tables_alloc_ctl(&T, n1, n2, &ctl));
  double lo, hi;
  e2_berger_boos_range(x1 + x2, n1 + n2, o.gamma, &lo, &hi);
  double e_obs = 0.0, p = 1.0, arg = 0.5;
  fgroi_status st = FGROI_OK;
  if (alternative != FGROI_TWO_SIDED || conv == FGROI_EXACT2X2_TWO_SIDED_STATISTIC) {
    st = e2_pvalue_side(&T, x1, x2, method, alternative, lo, hi, o.tolerance, &e_obs, &p, &arg);
  } else {
    double eg, pg, ag, el, pl, al;
    st = e2_pvalue_side(&T, x1, x2, method, FGROI_GREATER, lo, hi, o.tolerance, &eg, &pg, &ag);
    if (st == FGROI_OK)
      st = e2_pvalue_side(&T, x1, x2, method, FGROI_LESS, lo, hi, o.tolerance, &el, &pl, &al);
    if (st == FGROI_OK) {
      int g = pg <= pl;
      e_obs = g ? eg : el; arg = g ? ag : al;
      p = fmin(1.0, 2.0 * (g ? pg : pl));
    }
  }
  e2_tables_free(&T);
  if (st != FGROI_OK) return st;
  if (o.gamma > 0.0) p = fmin(1.0, p + o.gamma);

  /* reported statistic: signed z for Barnard (|z| ordering when two-sided),
   * the observed Fisher p-value used as the statistic for Boschloo */
  double stat;
  if (method == FGROI_METHOD_BARNARD) {
    double num = (double)(x1 * n2 - x2 * n1) / ((double)n1 * (double)n2);
    double pbar = (double)(x1 + x2) / (double)(n1 + n2);
    double var = pbar * (1.0 - pbar) * (1.0 / (double)n1 + 1.0 / (double)n2);
    stat = var > 0.0 ? num / sqrt(var) : 0.0;
  } else {
    stat = -e_obs;
  }
  if (method == FGROI_METHOD_BARNARD_UNPOOLED) stat = e2_unpooled_z(x1, n1, x2, n2);
  fgroi_test full = fgroi__test(stat, NAN, p, 0.0, method, alternative, FGROI_FLAG_EXACT);
  if (isinf(full.statistic)) full.flags |= FGROI_FLAG_UNBOUNDED; /* unpooled z, zero variance */
  FGROI__TRY(fgroi__audit_test(&full));
  fgroi__write_out(out, &full, sizeof full);
  if (detail != NULL) {
    fgroi_exact2x2_detail d;
    memset(&d, 0, sizeof d);
    d.struct_size = sizeof d;
    d.nuisance = arg; d.nuisance_lower = lo; d.nuisance_upper = hi;
    d.gamma = o.gamma;
    d.two_sided = alternative == FGROI_TWO_SIDED ? conv : FGROI_EXACT2X2_DEFAULT;
    fgroi__write_out(detail, &d, sizeof d);
  }
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

/* ---- rejection regions (lib/exact2x2_region.h) -------------------------------- */

/* Cache the pmf of s on the [0, 1] grid when it fits in 32 MiB. */
static void e2_cache_grid(e2_tables *T) {
  size_t m = (size_t)T->N + 1, g = (size_t)T->G + 1;
  if (m * g > ((size_t)1 << 22)) return;
  T->B = malloc(m * g * sizeof *T->B);
  if (T->B == NULL) return; /* fall back to computing on the fly */
  e2_arcsine_grid(0.0, 1.0, T->G, T->grid);
  for (size_t i = 0; i < g; i++) {
    /* on a cancel, stop filling (the caller's next check returns it) */
    if ((i & 15) == 0 && fgroi__ctl_step(T->ctl, 0.1) != FGROI_OK) {
      free(T->B);
      T->B = NULL;
      return;
    }
    e2_binom_pmf(T->N, T->grid[i], T->lf, T->ratio, T->B + i * m);
  }
}

/* Is the size of the region with weights T->h at most alpha? The grid
 * maximum is a lower bound, so refinement is needed only when it is not
 * already above alpha. *size: the grid maximum when that decides (above
 * alpha), else the refined maximum. */
static fgroi_status e2_h_within(e2_tables *T, double alpha, int *within, double *size) {
  double arg;
  if (T->B != NULL) {
    size_t m = (size_t)T->N + 1;
    double gmax = 0.0, *x = T->grid, *v = T->grid + T->G + 1;
    for (int i = 0; i <= T->G; i++) {
      const double *b = T->B + (size_t)i * m;
      double acc = 0.0;
      for (size_t s = 0; s < m; s++) acc += T->h[s] * b[s];
      v[i] = acc;
      if (acc > gmax) gmax = acc;
    }
    if (gmax > alpha) { *within = 0; *size = gmax; return FGROI_OK; }
    FGROI__TRY(e2_refine(e2_region_prob, T, x, v, T->G + 1, 1e-9, size, &arg));
  } else {
    FGROI__TRY(e2_maximise(e2_region_prob, T, 0.0, 1.0, T->G, 1e-9, T->grid, size, &arg));
  }
  FGROI__TRY(e2_cancelled(T->ctl));
  *within = *size <= alpha;
  return FGROI_OK;
}

/* As e2_h_within for the region of tables with stat >= thr (ties included). */
static fgroi_status e2_cut_within(e2_tables *T, double thr, double alpha, int *within) {
  FGROI__TRY(e2_region_weights(T, thr));
  double size;
  return e2_h_within(T, alpha, within, &size);
}

/* v[0..n) sorted in decreasing order by a bottom-up merge sort (tmp: n
 * doubles), checking ctl every 2^16 elements merged so that a cancel is
 * seen within milliseconds even at 2^26 tables. */
static fgroi_status e2_sort_desc(double *v, double *tmp, size_t n, fgroi__ctl *ctl) {
  double *src = v, *dst = tmp;
  size_t since = 0;
  for (size_t w = 1; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t a = lo, b = mid, k = lo;
      while (a < mid && b < hi) dst[k++] = src[a] >= src[b] ? src[a++] : src[b++];
      while (a < mid) dst[k++] = src[a++];
      while (b < hi) dst[k++] = src[b++];
      since += hi - lo;
      if (since >= ((size_t)1 << 16)) {
        since = 0;
        FGROI__TRY(fgroi__ctl_step(ctl, 0.3));
      }
    }
    double *t = src; src = dst; dst = t;
  }
  if (src != v) memcpy(v, src, n * sizeof *v);
  return FGROI_OK;
}

/* Mark the tables of T (statistics filled for `side`) whose exact
 * unconditional p-value is <= alpha: the largest count k of most extreme
 * tables whose region has size <= alpha, by bisection over the sorted
 * statistics (O(nt log nt) to sort, O(log nt) size evaluations). */
static fgroi_status e2_region_side(e2_tables *T, double alpha, unsigned char *reject) {
  double *sorted = malloc(2 * T->nt * sizeof *sorted);
  if (sorted == NULL) return FGROI_E_NO_MEMORY;
  /* copied in chunks: first touches of fresh pages cost real time */
  fgroi_status st = FGROI_OK;
  for (size_t i = 0; i < T->nt && st == FGROI_OK; i += (size_t)1 << 16) {
    size_t k = T->nt - i < ((size_t)1 << 16) ? T->nt - i : (size_t)1 << 16;
    memcpy(sorted + i, T->stat + i, k * sizeof *sorted);
    st = fgroi__ctl_step(T->ctl, 0.3);
  }
  if (st == FGROI_OK) st = e2_sort_desc(sorted, sorted + T->nt, T->nt, T->ctl);
  /* largest k with size(cut k) <= alpha; size is nondecreasing in k */
  size_t a = 0, b = T->nt; /* answer count in [a, b] */
  int steps = 0;
  while (st == FGROI_OK && a < b) {
    size_t mid = a + (b - a + 1) / 2; /* try mid tables: cut index mid - 1 */
    int within;
    st = fgroi__ctl_step(T->ctl, 0.4 + 0.6 * (1.0 - ldexp(1.0, -(++steps) / 2)));
    if (st != FGROI_OK) break;
    st = e2_cut_within(T, sorted[mid - 1], alpha, &within);
    if (st != FGROI_OK) break;
    if (within) a = mid; else b = mid - 1;
  }
  if (st == FGROI_OK && a > 0) {
    double thr = sorted[a - 1];
    for (size_t i = 0; i < T->nt; i++)
      if (e2_at_least(T->stat[i], thr)) reject[i] = 1;
  }
  free(sorted);
  return st;
}

/* Mark the tables whose p-value for one side (or the two-sided statistic)
 * is <= alpha; reject[] is only ever set, so calls accumulate a union. */
static fgroi_status e2_region_one(e2_tables *T, fgroi_method test, fgroi_alternative side,
                                  double alpha, unsigned char *reject) {
  FGROI__TRY(e2_statistics(T, test == FGROI_METHOD_BARNARD ? test : FGROI_METHOD_BOSCHLOO, side));
  if (test == FGROI_METHOD_FISHER) {
    for (size_t i = 0; i < T->nt; i++)
      if (-T->stat[i] <= alpha) reject[i] = 1;
    return FGROI_OK;
  }
  return e2_region_side(T, alpha, reject);
}

fgroi_status fgroi__exact2x2_region_ex(int64_t n1, int64_t n2, fgroi_method test,
                                       fgroi_alternative alternative, double alpha,
                                       fgroi_exact2x2_two_sided two_sided,
                                       unsigned char *reject) {
  return fgroi__exact2x2_region_ctl(n1, n2, test, alternative, alpha, two_sided, NULL, reject);
}

fgroi_status fgroi__exact2x2_region_ctl(int64_t n1, int64_t n2, fgroi_method test,
                                        fgroi_alternative alternative, double alpha,
                                        fgroi_exact2x2_two_sided two_sided, fgroi__ctl *ctl,
                                        unsigned char *reject) {
  if (reject == NULL) return FGROI_E_NULL;
  if (n1 < 0 || n2 < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n1 == 0 || n2 == 0) return FGROI_E_EMPTY;
  if (test != FGROI_METHOD_FISHER && test != FGROI_METHOD_BARNARD && test != FGROI_METHOD_BOSCHLOO)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_alternative(alternative));
  FGROI__TRY(fgroi__check_prob_open(alpha));
  if ((int)two_sided < 0 || (int)two_sided > 2) return FGROI_E_OUT_OF_RANGE;
  e2_tables T;
  FGROI__TRY(e2_tables_alloc_ctl(&T, n1, n2, ctl));
  memset(reject, 0, T.nt);
  if (test != FGROI_METHOD_FISHER) e2_cache_grid(&T);
  fgroi_status st;
  if (alternative == FGROI_TWO_SIDED && two_sided == FGROI_EXACT2X2_DOUBLE_ONE_SIDED) {
    /* min(1, 2 min(p_less, p_greater)) <= alpha: union of the one-sided
     * regions at alpha / 2 */
    st = e2_region_one(&T, test, FGROI_GREATER, alpha / 2.0, reject);
    if (st == FGROI_OK) st = e2_region_one(&T, test, FGROI_LESS, alpha / 2.0, reject);
  } else {
    st = e2_region_one(&T, test, alternative, alpha, reject);
  }
  e2_tables_free(&T);
  return st;
}

fgroi_status fgroi__exact2x2_region(int64_t n1, int64_t n2, fgroi_method test,
                                    fgroi_alternative alternative, double alpha,
                                    unsigned char *reject) {
  return fgroi__exact2x2_region_ex(n1, n2, test, alternative, alpha, FGROI_EXACT2X2_DEFAULT, reject);
}

/* ---- Fisher's region as cuts per margin (exact power at large n) ---------- */

/* log dhyper(x1; n1, n2, s) as in e2_tables_alloc (same bits). */
static double e2_hyp(const double *lf, int64_t n1, int64_t n2, int64_t s, int64_t x1) {
  int64_t x2 = s - x1, N = n1 + n2;
  return exp(lf[n1] - lf[x1] - lf[n1 - x1] + lf[n2] - lf[x2] - lf[n2 - x2]
             - (lf[N] - lf[s] - lf[N - s]));
}

/* pmf(x + 1) / pmf(x) and pmf(x - 1) / pmf(x) of the hypergeometric. */
static double e2_hyp_up(int64_t n1, int64_t n2, int64_t s, int64_t x) {
  return ((double)(n1 - x) * (double)(s - x)) / ((double)(x + 1) * (double)(n2 - s + x + 1));
}
static double e2_hyp_down(int64_t n1, int64_t n2, int64_t s, int64_t x) {
  return ((double)x * (double)(n2 - s + x)) / ((double)(n1 - x + 1) * (double)(s - x + 1));
}

/* A fast p-value is "borderline" when it lies this close (relative) to
 * alpha, or a probability ratio within 1e-9 of the 1 + 1e-7 tie rule: the
 * margin is then recomputed exactly as fgroi_prop_test does (the fast
 * walk's values differ from the exact ones by ~1e-11 relative at most). */
#define E2_BORDER 1e-7
#define E2_TIE_BORDER 1e-9
#define E2_BOS_BORDER 1e-8 /* Boschloo: levels are table p-values times 1 + 1e-7 */

/* Exact cuts of one margin from e2_fisher_column (the reference path). */
static fgroi_status e2_cuts_exact(const double *lf, int64_t n1, int64_t n2, int64_t s,
                                  fgroi_alternative alt, double alpha, int64_t *a, int64_t *b) {
  int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1, m = hi - lo + 1;
  double *buf = malloc(3 * (size_t)m * sizeof *buf);
  if (buf == NULL) return FGROI_E_NO_MEMORY;
  for (int64_t x = lo; x <= hi; x++) buf[x - lo] = e2_hyp(lf, n1, n2, s, x);
  e2_fisher_column(buf, m, alt, buf + m, buf + 2 * m);
  const double *pv = buf + m;
  *a = lo - 1;
  *b = hi + 1;
  if (alt != FGROI_GREATER)
    while (*a < hi && pv[*a + 1 - lo] <= alpha) (*a)++;
  if (alt != FGROI_LESS)
    while (*b > lo && pv[*b - 1 - lo] <= alpha) (*b)--;
  if (*a >= *b) { *a = hi; *b = hi + 1; } /* whole margin rejected */
  free(buf);
  return FGROI_OK;
}

static int e2_border(double p, double alpha) { return fabs(p - alpha) <= E2_BORDER * alpha; }

/* One margin's two-sided Fisher region at a level, by a walk from the
 * mode in decreasing probability (the p-value of a table is 1 minus the
 * mass of the strictly more probable tables) that stops as soon as both
 * sides are decided: rejects x1 <= *a or x1 >= *b. Also *h, the rejected
 * mass, *q the smallest p-value of a kept table (1 if none) and *r the
 * largest rejected p-value (0 if none). vals: scratch for the visited
 * probabilities. Returns 1 when a p-value lies within `border`
 * (relative) of the level or a probability ratio within 1e-9 of the tie
 * rule: the caller then uses the reference path. */
typedef struct { int64_t a, b; double h, q, r; } e2_walk;

static int e2_walk_two_sided(const double *lf, int64_t n1, int64_t n2, int64_t s, double level,
                             double border, double *vals, e2_walk *o) {
  int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
  int64_t md = (int64_t)(((double)(s + 1) * (double)(n1 + 1)) / (double)(n1 + n2 + 2));
  if (md < lo) md = lo;
  if (md > hi) md = hi;
  o->a = lo - 1;
  o->b = hi + 1;
  o->q = 1.0;
  o->r = 0.0;
  double fm = e2_hyp(lf, n1, n2, s, md);
  int64_t L = md - 1, R = md + 1, nv = 0;
  double fL = L >= lo ? fm * e2_hyp_down(n1, n2, s, md) : -1.0;
  double fR = R <= hi ? fm * e2_hyp_up(n1, n2, s, md) : -1.0;
  double cum = fm, keep = fm;
  vals[nv++] = fm;
  int done_a = L < lo, done_b = R > hi;
  if (1.0 - fm <= level * (1.0 + border) && !(done_a && done_b)) return 1; /* level near 1 */
  while (!(done_a && done_b)) {
    int left = L >= lo && (R > hi || fL >= fR);
    double fx = left ? fL : fR;
    int *done = left ? &done_a : &done_b;
    int kept = 0;
    if (!*done) {
      double thr = fx * (1.0 + FGROI__REL_TOL), tie = 0.0;
      for (int64_t k = nv - 1; k >= 0 && vals[k] <= thr * (1.0 + E2_TIE_BORDER); k--) {
        if (vals[k] >= thr * (1.0 - E2_TIE_BORDER)) return 1;
        tie += vals[k];
      }
      double p = fmin(1.0 - cum + tie, 1.0);
      if (fabs(p - level) <= border * level) return 1;
      if (p <= level) {
        *done = 1;
        if (left) o->a = L; else o->b = R;
        if (p > o->r) o->r = p;
      } else {
        kept = 1;
        if (p < o->q) o->q = p;
      }
    }
    cum += fx;
    if (kept) keep += fx;
    vals[nv++] = fx;
    if (left) {
      fL = L > lo ? fL * e2_hyp_down(n1, n2, s, L) : -1.0;
      L--;
      if (L < lo) done_a = 1;
    } else {
      fR = R < hi ? fR * e2_hyp_up(n1, n2, s, R) : -1.0;
      R++;
      if (R > hi) done_b = 1;
    }
  }
  o->h = fmax(1.0 - keep, 0.0);
  return 0;
}

static int e2_cuts_two_sided(const double *lf, int64_t n1, int64_t n2, int64_t s, double alpha,
                             double *vals, int64_t *a, int64_t *b) {
  e2_walk w;
  int border = e2_walk_two_sided(lf, n1, n2, s, alpha, E2_BORDER, vals, &w);
  *a = w.a;
  *b = w.b;
  return border;
}

/* One-sided cut (GREATER: smallest x1 with P(X1 >= x1) <= alpha; LESS:
 * largest x1 with P(X1 <= x1) <= alpha): the far tail from the mode out
 * to where the pmf falls below 1e-20 alpha of its peak, summed from the outside
 * in as e2_fisher_column does. Returns 1 when borderline or when the cut
 * lies beyond the mode (alpha near 1/2 or above): exact path then. */
static int e2_cuts_one_sided(const double *lf, int64_t n1, int64_t n2, int64_t s,
                             fgroi_alternative alt, double alpha, double *vals, int64_t *a,
                             int64_t *b) {
  int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
  int64_t md = (int64_t)(((double)(s + 1) * (double)(n1 + 1)) / (double)(n1 + n2 + 2));
  if (md < lo) md = lo;
  if (md > hi) md = hi;
  *a = lo - 1;
  *b = hi + 1;
  double fm = e2_hyp(lf, n1, n2, s, md), f = fm;
  int64_t k = 0, x = md, dir = alt == FGROI_GREATER ? 1 : -1;
  vals[k++] = f;
  while ((dir > 0 ? x < hi : x > lo) && f >= 1e-20 * alpha * fm) {
    f *= dir > 0 ? e2_hyp_up(n1, n2, s, x) : e2_hyp_down(n1, n2, s, x);
    x += dir;
    vals[k++] = f;
  }
  /* vals[j] is the pmf at md + dir j; accumulate from the far end */
  double acc = 0.0;
  int64_t cut = md + dir * k; /* nothing rejected yet: one past the walk */
  for (int64_t j = k - 1; j >= 0; j--) {
    acc += vals[j];
    double p = fmin(acc, 1.0);
    if (e2_border(p, alpha)) return 1;
    if (p > alpha) break;
    cut = md + dir * j;
  }
  if (cut == md) return 1; /* the cut may lie beyond the mode */
  if (cut == x + dir && x != (dir > 0 ? hi : lo)) return 1; /* alpha below the walk */
  if (dir > 0) *b = cut; else *a = cut;
  return 0;
}

fgroi_status fgroi__exact2x2_fisher_cuts(int64_t n1, int64_t n2, fgroi_alternative alternative,
                                         double alpha, int64_t s_lo, int64_t s_hi,
                                         const double *lf, fgroi__ctl *ctl, int64_t *a,
                                         int64_t *b) {
  if (lf == NULL || a == NULL || b == NULL) return FGROI_E_NULL;
  if (n1 < 0 || n2 < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n1 == 0 || n2 == 0) return FGROI_E_EMPTY;
  if (n1 > E2_MAX_CUTS_N || n2 > E2_MAX_CUTS_N)
    return fgroi__too_large(ctl ? ctl->control : NULL, "max(n1, n2)",
                            (double)(n1 > n2 ? n1 : n2), (double)E2_MAX_CUTS_N,
                            "Fisher's exact region", "fgroi_power_prop2 (normal approximation)");
  FGROI__TRY(fgroi__check_alternative(alternative));
  FGROI__TRY(fgroi__check_prob_open(alpha));
  if (s_lo < 0 || s_hi > n1 + n2 || s_lo > s_hi) return FGROI_E_OUT_OF_RANGE;
  int64_t wmax = (n1 < n2 ? n1 : n2) + 1;
  double *vals = malloc((size_t)wmax * sizeof *vals);
  if (vals == NULL) return FGROI_E_NO_MEMORY;
  fgroi_status st = FGROI_OK;
  for (int64_t s = s_lo; s <= s_hi && st == FGROI_OK; s++) {
    if ((s & 63) == 0) {
      st = fgroi__ctl_step(ctl, (double)(s - s_lo) / (double)(s_hi - s_lo + 1));
      if (st != FGROI_OK) break;
    }
    int64_t *as = a + (s - s_lo), *bs = b + (s - s_lo);
    int border = alternative == FGROI_TWO_SIDED
                     ? e2_cuts_two_sided(lf, n1, n2, s, alpha, vals, as, bs)
                     : e2_cuts_one_sided(lf, n1, n2, s, alternative, alpha, vals, as, bs);
    if (border) st = e2_cuts_exact(lf, n1, n2, s, alternative, alpha, as, bs);
  }
  free(vals);
  return st;
}

/* ---- Boschloo's two-sided region as cuts (exact power at large n) -------- */

/* The engine of e2_tables for margin weights only (no per-table arrays):
 * log factorials, h, the grid and its cached pmfs. */
static fgroi_status e2_margins_alloc(e2_tables *T, int64_t n1, int64_t n2) {
  memset(T, 0, sizeof *T);
  T->n1 = n1; T->n2 = n2; T->N = n1 + n2;
  T->G = e2_grid_size(T->N);
  T->lf = e2_log_factorials(T->N);
  T->h = malloc(((size_t)T->N + 1) * sizeof *T->h);
  T->bs = malloc(((size_t)T->N + 1) * sizeof *T->bs);
  T->grid = malloc(2 * ((size_t)T->G + 1) * sizeof *T->grid);
  T->ratio = malloc(2 * ((size_t)T->N + 1) * sizeof *T->ratio);
  if (!T->lf || !T->h || !T->bs || !T->grid || !T->ratio) {
    e2_tables_free(T);
    return FGROI_E_NO_MEMORY;
  }
  e2_ratio_table(T->N, T->ratio);
  return FGROI_OK;
}

/* A margin's walk recorded once down to the lowest level searched: the
 * p-values (decreasing outward) and the cumulative probabilities of the
 * tables visited on each side, left (md - 1, md - 2, ...) at off, right
 * (md + 1, ...) at off + nl. p-values do not depend on the level, so
 * any level above the recorded one is answered by a binary search. */
typedef struct { int64_t off, nl, nr, md; double fm, pm; } e2_mseq;

typedef struct {
  e2_tables T;
  double alpha, *vals;
  int64_t *a, *b;  /* cuts of the last evaluation */
  double q, r;     /* smallest kept, largest rejected p-value of it */
  double lmin;     /* lowest level recorded */
  double lmax;     /* levels at or above this reject everything */
  fgroi_method method; /* BOSCHLOO: P = Fisher's p; BARNARD: P = -|z| */
  e2_mseq *ms;     /* N + 1 margins */
  double *P, *CF;  /* recorded p-values and cumulative probabilities */
  int64_t np, cap;
  double *Bw;      /* pmf of s on the grid, windowed: row i at Bo[i], s in [Bl[i], Bh[i]] */
  int64_t *Bo, *Bl, *Bh;
  fgroi__ctl *ctl;
  int64_t steps;
  int cancelled; /* a walk saw the cancel */
} e2_bos;

/* Record margin s's walk at level B->lmin. Returns 1 on a tie ambiguity,
 * -1 when out of memory. */
static int e2_bos_record(e2_bos *B, int64_t s) {
  const int64_t n1 = B->T.n1, n2 = B->T.n2;
  const double *lf = B->T.lf;
  int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
  int64_t md = (int64_t)(((double)(s + 1) * (double)(n1 + 1)) / (double)(n1 + n2 + 2));
  if (md < lo) md = lo;
  if (md > hi) md = hi;
  e2_mseq *m = B->ms + s;
  m->md = md;
  m->off = B->np;
  m->nl = m->nr = 0;
  double fm = e2_hyp(lf, n1, n2, s, md);
  m->fm = fm;
  m->pm = 1.0;
  if (B->np + (hi - lo) + 1 > B->cap) {
    int64_t nc = 2 * B->cap + (hi - lo) + 1;
    double *P = realloc(B->P, (size_t)nc * sizeof *P);
    if (P == NULL) return -1;
    B->P = P;
    double *CF = realloc(B->CF, (size_t)nc * sizeof *CF);
    if (CF == NULL) return -1;
    B->CF = CF;
    B->cap = nc;
  }
  /* left entries first into scratch, right entries into vals' tail */
  double *lp = B->P + m->off, *lc = B->CF + m->off;
  double *rp = B->vals + (hi - lo + 1), *rc = rp + (hi - lo + 1);
  int64_t L = md - 1, R = md + 1, nv = 0;
  double fL = L >= lo ? fm * e2_hyp_down(n1, n2, s, md) : -1.0;
  double fR = R <= hi ? fm * e2_hyp_up(n1, n2, s, md) : -1.0;
  double cum = fm, ckl = 0.0, ckr = 0.0;
  B->vals[nv++] = fm;
  int done_a = L < lo, done_b = R > hi;
  while (!(done_a && done_b)) {
    int left = L >= lo && (R > hi || fL >= fR);
    double fx = left ? fL : fR;
    int *done = left ? &done_a : &done_b;
    if (!*done) {
      double thr = fx * (1.0 + FGROI__REL_TOL), tie = 0.0;
      for (int64_t k = nv - 1; k >= 0 && B->vals[k] <= thr * (1.0 + E2_TIE_BORDER); k--) {
        if (B->vals[k] >= thr * (1.0 - E2_TIE_BORDER)) return 1;
        tie += B->vals[k];
      }
      double p = fmin(1.0 - cum + tie, 1.0);
      if (left) { ckl += fx; lp[m->nl] = p; lc[m->nl++] = ckl; }
      else { ckr += fx; rp[m->nr] = p; rc[m->nr++] = ckr; }
      if (p <= B->lmin) *done = 1;
    }
    cum += fx;
    B->vals[nv++] = fx;
    if (left) {
      fL = L > lo ? fL * e2_hyp_down(n1, n2, s, L) : -1.0;
      L--;
      if (L < lo) done_a = 1;
    } else {
      fR = R < hi ? fR * e2_hyp_up(n1, n2, s, R) : -1.0;
      R++;
      if (R > hi) done_b = 1;
    }
  }
  memcpy(lp + m->nl, rp, (size_t)m->nr * sizeof *rp);
  memcpy(lc + m->nl, rc, (size_t)m->nr * sizeof *rc);
  B->np += m->nl + m->nr;
  return 0;
}

/* Pooled z of table (x1, s - x1), exactly as e2_statistics computes it. */
static double e2_pooled_z(int64_t n1, int64_t n2, int64_t s, int64_t x1) {
  int64_t x2 = s - x1, N = n1 + n2;
  double num = (double)(x1 * n2 - x2 * n1) / ((double)n1 * (double)n2);
  double pbar = (double)(x1 + x2) / (double)N;
  double var = pbar * (1.0 - pbar) * (1.0 / (double)n1 + 1.0 / (double)n2);
  return var > 0.0 ? num / sqrt(var) : 0.0;
}

/* Barnard's margin: z increases in x1, so each side of the table nearest
 * z = 0 is ordered by |z|; P = -|z| outward, recorded until |z| reaches
 * -lmin, with the hypergeometric masses by the ratio recursion. Returns
 * -1 when out of memory. */
static int e2_bos_record_barnard(e2_bos *B, int64_t s) {
  const int64_t n1 = B->T.n1, n2 = B->T.n2, N = n1 + n2;
  int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
  int64_t md = (int64_t)((s * n1) / N); /* z(md) <= 0 < z(md + 1) */
  if (md < lo) md = lo;
  if (md > hi) md = hi;
  e2_mseq *m = B->ms + s;
  m->md = md;
  m->off = B->np;
  m->nl = m->nr = 0;
  double fm = e2_hyp(B->T.lf, n1, n2, s, md);
  m->fm = fm;
  m->pm = -fabs(e2_pooled_z(n1, n2, s, md));
  if (B->np + (hi - lo) + 1 > B->cap) {
    int64_t nc = 2 * B->cap + (hi - lo) + 1;
    double *P = realloc(B->P, (size_t)nc * sizeof *P);
    if (P == NULL) return -1;
    B->P = P;
    double *CF = realloc(B->CF, (size_t)nc * sizeof *CF);
    if (CF == NULL) return -1;
    B->CF = CF;
    B->cap = nc;
  }
  double *P = B->P + m->off, *CF = B->CF + m->off, f = fm, ck = 0.0;
  for (int64_t x = md - 1; x >= lo; x--) {
    f *= e2_hyp_down(n1, n2, s, x + 1);
    ck += f;
    double p = -fabs(e2_pooled_z(n1, n2, s, x));
    P[m->nl] = p;
    CF[m->nl++] = ck;
    if (p <= B->lmin) break;
  }
  P += m->nl;
  CF += m->nl;
  f = fm;
  ck = 0.0;
  for (int64_t x = md + 1; x <= hi; x++) {
    f *= e2_hyp_up(n1, n2, s, x - 1);
    ck += f;
    double p = -fabs(e2_pooled_z(n1, n2, s, x));
    P[m->nr] = p;
    CF[m->nr++] = ck;
    if (p <= B->lmin) break;
  }
  B->np += m->nl + m->nr;
  return 0;
}

/* One side of a recorded margin at `level`: k = number of kept tables
 * (the first k entries, p > level). Returns 1 when borderline. */
static int e2_bos_side(const double *P, int64_t n, double level, int64_t *k) {
  int64_t a = 0, b = n; /* first index with P <= level */
  while (a < b) {
    int64_t mid = (a + b) / 2;
    if (P[mid] <= level) b = mid; else a = mid + 1;
  }
  *k = a;
  if (a < n && fabs(P[a] - level) <= E2_BOS_BORDER * fabs(level)) return 1;
  if (a > 0 && fabs(P[a - 1] - level) <= E2_BOS_BORDER * fabs(level)) return 1;
  return 0;
}

/* Fisher's two-sided region at `level` over every margin: T.h, cuts, q, r.
 * Returns 1 when borderline or below the recorded level. */
static int e2_bos_walk(e2_bos *B, double level) {
  if (!(level >= B->lmin)) return 1;
  const int64_t n2 = B->T.n2;
  B->q = INFINITY; /* none kept (a side's center is kept: checked below) */
  B->r = -INFINITY;
  for (int64_t s = 0; s <= B->T.N; s++) {
    if ((s & 511) == 511 && fgroi__ctl_step(B->ctl, 0.0) != FGROI_OK) {
      B->cancelled = 1;
      return 1;
    }
    const e2_mseq *m = B->ms + s;
    if (m->pm <= level + E2_BOS_BORDER * fabs(level)) return 1; /* the center itself */
    const double *P = B->P + m->off, *CF = B->CF + m->off;
    int64_t kl, kr, lo = s - n2 > 0 ? s - n2 : 0;
    if (e2_bos_side(P, m->nl, level, &kl) || e2_bos_side(P + m->nl, m->nr, level, &kr)) return 1;
    double keep = m->fm + (kl > 0 ? CF[kl - 1] : 0.0) + (kr > 0 ? CF[m->nl + kr - 1] : 0.0);
    B->a[s] = kl < m->nl ? m->md - 1 - kl : lo - 1;
    B->b[s] = kr < m->nr ? m->md + 1 + kr : (s < B->T.n1 ? s : B->T.n1) + 1;
    B->T.h[s] = fmax(1.0 - keep, 0.0);
    if (kl > 0 && P[kl - 1] < B->q) B->q = P[kl - 1];
    if (kr > 0 && P[m->nl + kr - 1] < B->q) B->q = P[m->nl + kr - 1];
    if (kl < m->nl && P[kl] > B->r) B->r = P[kl];
    if (kr < m->nr && P[m->nl + kr] > B->r) B->r = P[m->nl + kr];
  }
  return 0;
}

/* Windowed pmf of s on the arcsine grid: entries beyond the first below
 * 1e-25 of a row's peak are dropped (their total is below 1e-22 of the
 * row; the refinement uses the full pmf). */
static fgroi_status e2_bos_grid(e2_bos *B) {
  e2_tables *T = &B->T;
  int64_t g = T->G + 1, N = T->N;
  B->Bo = malloc(3 * (size_t)g * sizeof *B->Bo);
  if (B->Bo == NULL) return FGROI_E_NO_MEMORY;
  B->Bl = B->Bo + g;
  B->Bh = B->Bl + g;
  e2_arcsine_grid(0.0, 1.0, T->G, T->grid);
  int64_t used = 0, cap = 0;
  for (int64_t i = 0; i < g; i++) {
    if ((i & 15) == 0) FGROI__TRY(fgroi__ctl_step(B->ctl, 0.0));
    /* the pmf from its mode outward (as e2_binom_pmf) until 1e-25 of the peak */
    double p = T->grid[i];
    int64_t l, h;
    if (!(p > 0.0) || !(p < 1.0)) {
      l = h = p > 0.0 ? N : 0;
      T->bs[l] = 1.0;
    } else {
      int64_t md = (int64_t)floor((double)(N + 1) * p);
      if (md > N) md = N;
      double r = p / (1.0 - p), ri = (1.0 - p) / p, *o = T->bs;
      const double *lf = T->lf;
      o[md] = exp(lf[N] - lf[md] - lf[N - md] + (double)md * log(p) + (double)(N - md) * log1p(-p));
      double stop = 1e-25 * o[md];
      for (h = md; h < N && o[h] >= stop; h++) o[h + 1] = o[h] * r * T->ratio[h];
      for (l = md; l > 0 && o[l] >= stop; l--) o[l - 1] = o[l] * ri * T->ratio[N + l - 1];
    }
    if (used + (h - l + 1) > cap) {
      int64_t nc = 2 * cap + (h - l + 1);
      double *Bw = realloc(B->Bw, (size_t)nc * sizeof *Bw);
      if (Bw == NULL) return FGROI_E_NO_MEMORY;
      B->Bw = Bw;
      cap = nc;
    }
    memcpy(B->Bw + used, T->bs + l, (size_t)(h - l + 1) * sizeof *B->Bw);
    B->Bo[i] = used;
    B->Bl[i] = l;
    B->Bh[i] = h;
    used += h - l + 1;
  }
  return FGROI_OK;
}

/* e2_h_within on the windowed grid (refinement on the full pmf). */
static fgroi_status e2_bos_within(e2_bos *B, int *within, double *size) {
  e2_tables *T = &B->T;
  double gmax = 0.0, arg, *x = T->grid, *v = T->grid + T->G + 1;
  for (int i = 0; i <= T->G; i++) {
    const double *b = B->Bw + B->Bo[i], *h = T->h + B->Bl[i];
    int64_t n = B->Bh[i] - B->Bl[i] + 1;
    double acc = 0.0;
    for (int64_t k = 0; k < n; k++) acc += h[k] * b[k];
    v[i] = acc;
    if (acc > gmax) gmax = acc;
  }
  if (gmax > B->alpha) { *within = 0; *size = gmax; return FGROI_OK; }
  FGROI__TRY(e2_refine(e2_region_prob, T, x, v, T->G + 1, 1e-9, size, &arg));
  *within = *size <= B->alpha;
  return FGROI_OK;
}

/* Candidate level of the reference search: r (1 + 1e-7), r the largest
 * p-value at or below t (0: the empty region). */
/* The level of the reference search's cut at P-value v: P <= v + 1e-7 |v|
 * (e2_at_least on the statistic -P). */
static double e2_bos_cand(double v) { return v + FGROI__REL_TOL * fabs(v); }

static int e2_bos_snap(e2_bos *B, double t, double *c) {
  if (e2_bos_walk(B, t)) return 1; /* B->cancelled tells a cancel apart */
  *c = e2_bos_cand(B->r);
  return 0;
}

/* Region at candidate level c: within alpha? (size: the maximum found) */
static int e2_bos_eval(e2_bos *B, double c, int *within, double *size, fgroi_status *st) {
  /* progress: the search takes a few tens of steps */
  B->steps++;
  *st = fgroi__ctl_step(B->ctl, 0.5 + 0.5 * (1.0 - 1.0 / (1.0 + 0.1 * (double)B->steps)));
  if (*st != FGROI_OK) return 0;
  if (e2_bos_walk(B, c)) {
    if (B->cancelled) *st = FGROI_E_CANCELLED;
    return 1;
  }
  *st = e2_bos_within(B, within, size);
  if (*st != FGROI_OK) return 0;
  return fabs(*size - B->alpha) <= E2_BOS_BORDER * B->alpha;
}

/* The fast search; returns 1 when it cannot decide exactly (fallback). */
static int e2_bos_search(e2_bos *B, double hint, int64_t *a, int64_t *b, double *level,
                         fgroi_status *st) {
  const int64_t ns = B->T.N + 1;
  const double alpha = B->alpha;
  double t = hint;
  double lo = 0.0, hi = 0.0, slo = 0.0, shi = 0.0, qlo = INFINITY, c, size;
  int within, iter, have_lo = 0, have_hi = 0;
  *st = FGROI_OK;
  /* bracket: lo a candidate level within alpha, hi one above it */
  for (iter = 0; iter < 40 && (!have_lo || !have_hi); iter++) {
    if (e2_bos_snap(B, t, &c)) { if (B->cancelled) *st = FGROI_E_CANCELLED; return 1; }
    if (!(B->r > -INFINITY)) return 1; /* empty region: leave it to the reference */
    if (have_lo && c <= lo) c = e2_bos_cand(qlo);
    if (!(c < B->lmax)) return 1;
    if (e2_bos_eval(B, c, &within, &size, st) || *st != FGROI_OK) return 1;
    if (within) {
      lo = c; slo = size; qlo = B->q; have_lo = 1;
      memcpy(a, B->a, (size_t)ns * sizeof *a);
      memcpy(b, B->b, (size_t)ns * sizeof *b);
      t = c + 0.25 * fabs(c);
    } else {
      hi = c; shi = size; have_hi = 1;
      t = c - 0.2 * fabs(c);
      if (t < B->lmin) return 1;
    }
    if (t >= B->lmax) return 1;
  }
  if (!have_lo || !have_hi || lo >= hi) return 1;
  /* regula falsi on the size (Illinois), then the next candidate above lo */
  int side = 0;
  for (; iter < 120; iter++) {
    double next = e2_bos_cand(qlo);
    if (next >= hi) break; /* hi is lo's successor: lo is the answer */
    double wlo = side == 1 ? 0.5 : 1.0, whi = side == -1 ? 0.5 : 1.0;
    double flo = (slo - alpha) * wlo, fhi = (shi - alpha) * whi;
    t = fhi > flo ? lo + (hi - lo) * (-flo) / (fhi - flo) : 0.5 * (lo + hi);
    if (!(t > next && t < hi)) t = next;
    if (t == next) c = next;
    else if (e2_bos_snap(B, t, &c)) { if (B->cancelled) *st = FGROI_E_CANCELLED; return 1; }
    if (c <= lo) c = next;
    if (c >= hi) c = next;
    if (e2_bos_eval(B, c, &within, &size, st) || *st != FGROI_OK) return 1;
    if (within) {
      lo = c; slo = size; qlo = B->q; side = side == 1 ? 2 : 1;
      memcpy(a, B->a, (size_t)ns * sizeof *a);
      memcpy(b, B->b, (size_t)ns * sizeof *b);
    } else {
      hi = c; shi = size; side = side == -1 ? -2 : -1;
    }
  }
  if (iter >= 120) return 1;
  *level = lo;
  return 0;
}

/* Cuts from a full region (reference path): two tails per margin. */
static void e2_cuts_from_region(int64_t n1, int64_t n2, const unsigned char *rej, int64_t *a,
                                int64_t *b) {
  for (int64_t s = 0; s <= n1 + n2; s++) {
    int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
    a[s] = lo - 1;
    b[s] = hi + 1;
    while (a[s] < hi && rej[(a[s] + 1) * (n2 + 1) + (s - a[s] - 1)]) a[s]++;
    while (b[s] > a[s] + 1 && rej[(b[s] - 1) * (n2 + 1) + (s - b[s] + 1)]) b[s]--;
  }
}

/* Boschloo's or Barnard's two-sided region as cuts (see the header). */
static fgroi_status e2_unconditional_cuts(int64_t n1, int64_t n2, fgroi_method method,
                                          double alpha, double *level, fgroi__ctl *ctl,
                                          int64_t *a, int64_t *b, int *fast) {
  if (level == NULL || a == NULL || b == NULL) return FGROI_E_NULL;
  if (n1 < 0 || n2 < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n1 == 0 || n2 == 0) return FGROI_E_EMPTY;
  if (n1 >= E2_MAX_TABLES || n2 >= E2_MAX_TABLES || (n1 + 1) * (n2 + 1) > E2_MAX_TABLES)
    return fgroi__too_large(ctl ? ctl->control : NULL, "(n1 + 1)(n2 + 1) tables",
                            ((double)n1 + 1.0) * ((double)n2 + 1.0), (double)E2_MAX_TABLES,
                            "the exact unconditional rejection region",
                            "fgroi_power_prop2 (normal approximation) or Fisher's region");
  FGROI__TRY(fgroi__check_prob_open(alpha));
  e2_bos B = { .alpha = alpha, .ctl = ctl, .method = method };
  FGROI__TRY(e2_margins_alloc(&B.T, n1, n2));
  int64_t ns = B.T.N + 1, wmax = (n1 < n2 ? n1 : n2) + 1;
  B.vals = malloc(3 * (size_t)wmax * sizeof *B.vals);
  B.a = malloc(2 * (size_t)ns * sizeof *B.a);
  B.ms = malloc((size_t)ns * sizeof *B.ms);
  fgroi_status st = FGROI_OK;
  if (B.vals == NULL || B.a == NULL || B.ms == NULL) st = FGROI_E_NO_MEMORY;
  if (st == FGROI_OK) st = e2_bos_grid(&B);
  int border = 1;
  if (st == FGROI_OK) {
    B.b = B.a + ns;
    double hint;
    if (method == FGROI_METHOD_BOSCHLOO) {
      hint = *level > 0.0 && *level < 1.0 ? *level : alpha;
      B.lmin = 0.5 * (hint < alpha ? hint : alpha);
      B.lmax = 1.0;
    } else { /* levels are -|z| */
      double z = fgroi__qnorm(alpha / 2.0, 0);
      /* Barnard's z* stays near the normal quantile (1.96-2.3 at alpha
       * 0.05 for n from 10 to 5,000); a search below -(z + 1) falls back */
      B.lmin = -(z + 1.0);
      hint = *level < 0.0 && *level > B.lmin ? *level : -z;
      B.lmax = 0.0;
    }
    int rec = 0;
    for (int64_t s = 0; s < ns && rec == 0; s++) {
      if ((s & 63) == 0) {
        st = fgroi__ctl_step(ctl, 0.5 * (double)s / (double)ns);
        if (st != FGROI_OK) break;
      }
      rec = method == FGROI_METHOD_BOSCHLOO ? e2_bos_record(&B, s) : e2_bos_record_barnard(&B, s);
    }
    if (rec < 0) st = FGROI_E_NO_MEMORY;
    double lvl = *level;
    if (rec == 0 && st == FGROI_OK) border = e2_bos_search(&B, hint, a, b, &lvl, &st);
    if (st == FGROI_OK && !border) *level = lvl;
  }
  free(B.vals);
  free(B.a);
  free(B.ms);
  free(B.P);
  free(B.CF);
  free(B.Bw);
  free(B.Bo);
  e2_tables_free(&B.T);
  if (fast != NULL) *fast = !border;
  if (st != FGROI_OK || !border) return st;
  /* reference path */
  unsigned char *rej = malloc((size_t)((n1 + 1) * (n2 + 1)));
  if (rej == NULL) return FGROI_E_NO_MEMORY;
  st = fgroi__exact2x2_region_ctl(n1, n2, method, FGROI_TWO_SIDED, alpha,
                                  FGROI_EXACT2X2_DEFAULT, ctl, rej);
  if (st == FGROI_OK) e2_cuts_from_region(n1, n2, rej, a, b);
  free(rej);
  return st;
}

fgroi_status fgroi__exact2x2_boschloo_cuts(int64_t n1, int64_t n2, double alpha, double *level,
                                           fgroi__ctl *ctl, int64_t *a, int64_t *b, int *fast) {
  return e2_unconditional_cuts(n1, n2, FGROI_METHOD_BOSCHLOO, alpha, level, ctl, a, b, fast);
}

fgroi_status fgroi__exact2x2_barnard_cuts(int64_t n1, int64_t n2, double alpha, double *level,
                                          fgroi__ctl *ctl, int64_t *a, int64_t *b, int *fast) {
  return e2_unconditional_cuts(n1, n2, FGROI_METHOD_BARNARD, alpha, level, ctl, a, b, fast);
}

double *fgroi__exact2x2_log_factorials(int64_t n) { return e2_log_factorials(n); }

/* ---- score test and interval for p1 - p2 (Chan & Zhang 1999) -------------- */

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
  double *r1, *r2;      /* pmf ratio tables, e2_ratio_table() */
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
  D->G = e2_grid_size(n1 + n2);
  size_t m1 = (size_t)n1 + 1, m2 = (size_t)n2 + 2;
  D->aw = malloc(4 * m1 * sizeof *D->aw);
  D->b1 = malloc((3 * m1 + 4 * m2) * sizeof *D->b1);
  D->grid = malloc(2 * ((size_t)D->G + 3) * sizeof *D->grid);
  if (!D->aw || !D->b1 || !D->grid) { e2_diff_free(D); return FGROI_E_NO_MEMORY; }
  D->as = D->aw + m1; D->bw = D->as + m1; D->bs = D->bw + m1;
  D->F2 = D->b1 + m1; D->S2 = D->F2 + m2;
  D->r1 = D->S2 + m2; D->r2 = D->r1 + 2 * m1;
  e2_ratio_table(n1, D->r1);
  e2_ratio_table(n2, D->r2);
  /* arm-2 tails on the fixed grid, when they fit in 32 MiB */
  size_t g = (size_t)D->G + 1, w = 2 * ((size_t)n2 + 1);
  if (g * w <= ((size_t)1 << 22)) {
    D->gx = malloc(g * sizeof *D->gx);
    D->C2 = malloc(g * w * sizeof *D->C2);
    if (D->gx == NULL || D->C2 == NULL) { free(D->gx); free(D->C2); D->gx = D->C2 = NULL; }
  }
  if (D->C2 != NULL) {
    e2_arcsine_grid(0.0, 1.0, D->G, D->gx);
    for (size_t i = 0; i < g; i++) {
      double *F = D->C2 + i * w, *S = F + n2 + 1;
      e2_binom_pmf(n2, D->gx[i], lf, D->r2, S);
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
      fgroi__ctl_step(D->ctl, e2_evals_fraction(0.0, ++D->evals, 2000.0)) != FGROI_OK)
    return 0.0;
  double p1 = p2 + D->d;
  p1 = p1 < 0.0 ? 0.0 : (p1 > 1.0 ? 1.0 : p1);
  e2_binom_pmf(D->n1, p1, D->lf, D->r1, D->b1);
  double p = e2_diff_prob_cuts(D, F2, S2, D->aw, D->bw);
  if (D->midp) p = 0.5 * (p + e2_diff_prob_cuts(D, F2, S2, D->as, D->bs));
  return p;
}

/* P(region) at nuisance p2 (p1 = p2 + d). */
static double e2_diff_prob(double p2, void *ctx) {
  e2_diff *D = ctx;
  if (e2_cancelled(D->ctl) != FGROI_OK) return 0.0;
  double *pm = D->S2; /* pmf of arm 2 first, then tails */
  e2_binom_pmf(D->n2, p2, D->lf, D->r2, pm);
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
    return e2_cancelled(D->ctl);
  }
  if (!cached) {
    n = D->G + 1;
    e2_arcsine_grid(lo, hi, D->G, x);
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
    FGROI__TRY(e2_cancelled(D->ctl));
    if (isfinite(D->stop)) {
      double b = -1.0;
      int above = e2_decide(D->stop, v, n, k, &b);
      if (above || b >= 0.0) { *p = fgroi__clamp01(b); *arg = x[k]; return FGROI_OK; }
    }
  }
  FGROI__TRY(e2_refine(e2_diff_prob, D, x, v, n, tol, p, arg));
  FGROI__TRY(e2_cancelled(D->ctl));
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

/* Shared setup of the difference test and interval: options, the two-sided
 * convention (double_one_sided by default), log factorials and the cached
 * tables. On FGROI_OK the caller frees *D (e2_diff_free) and *lf. */
static fgroi_status e2_diff_setup(int64_t n1, int64_t n2, fgroi_method method,
                                  const fgroi_exact2x2_options *options, fgroi_exact2x2_options *o,
                                  fgroi_exact2x2_two_sided *conv, double **lf, e2_diff *D,
                                  fgroi__ctl *ctl) {
  FGROI__TRY(e2_options(options, o));
  if (o->gamma != 0.0) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__ctl_init(ctl, o->control, 1));
  *conv = o->two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_DOUBLE_ONE_SIDED : o->two_sided;
  *lf = e2_log_factorials(n1 > n2 ? n1 : n2);
  if (*lf == NULL) return FGROI_E_NO_MEMORY;
  fgroi_status st = e2_diff_alloc(D, n1, n2, method == FGROI_METHOD_CHAN_ZHANG_MID_P, *lf);
  if (st != FGROI_OK) {
    e2_diff_free(D);
    free(*lf);
  }
  D->ctl = ctl;
  return st;
}

fgroi_status fgroi_exact2x2_diff_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                      double delta0, fgroi_method method,
                                      fgroi_alternative alternative,
                                      const fgroi_exact2x2_options *options,
                                      fgroi_test *out, fgroi_exact2x2_detail *detail) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  if (detail != NULL) FGROI__TRY(FGROI__CHECK_OUT(detail, fgroi_exact2x2_detail, gamma));
  FGROI__TRY(e2_check_table(x1, n1, x2, n2));
  FGROI__TRY(fgroi__check_finite(delta0));
  if (!(delta0 > -1.0 && delta0 < 1.0)) return FGROI_E_OUT_OF_RANGE;
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_DIFF_N))
    return fgroi__too_large(e2_control(options), "n1 + n2", (double)n1 + (double)n2,
                            E2_MAX_DIFF_N, "the exact unconditional difference test",
                            "fgroi_prop_diff_ci with method = miettinen_nurminen (score)");
  FGROI__TRY(e2_diff_method(&method));
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  fgroi_exact2x2_two_sided conv;
  double *lf;
  e2_diff D;
  fgroi__ctl ctl;
  FGROI__TRY(e2_diff_setup(n1, n2, method, options, &o, &conv, &lf, &D, &ctl));
  double p = 1.0, arg = 0.0;
  fgroi_status st = e2_diff_p(&D, x1, x2, delta0, alternative, conv, o.tolerance, &p, &arg);
  e2_diff_free(&D);
  free(lf);
  if (st != FGROI_OK) return st;
  fgroi_test full = fgroi__test(e2_score(x1, n1, x2, n2, delta0), NAN, p, delta0, method,
                                alternative, FGROI_FLAG_EXACT);
  FGROI__TRY(fgroi__audit_test(&full));
  fgroi__write_out(out, &full, sizeof full);
  if (detail != NULL) {
    fgroi_exact2x2_detail dd;
    memset(&dd, 0, sizeof dd);
    dd.struct_size = sizeof dd;
    dd.nuisance = arg;
    dd.nuisance_lower = delta0 < 0.0 ? -delta0 : 0.0;
    dd.nuisance_upper = delta0 > 0.0 ? 1.0 - delta0 : 1.0;
    dd.two_sided = alternative == FGROI_TWO_SIDED ? conv : FGROI_EXACT2X2_DEFAULT;
    fgroi__write_out(detail, &dd, sizeof dd);
  }
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
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
 * Evaluations only decide the side of the level (e2_decide), which is
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

fgroi_status fgroi_exact2x2_diff_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                    fgroi_method method, double conf_level,
                                    fgroi_alternative alternative,
                                    const fgroi_exact2x2_options *options,
                                    fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(e2_check_table(x1, n1, x2, n2));
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_DIFF_N))
    return fgroi__too_large(e2_control(options), "n1 + n2", (double)n1 + (double)n2,
                            E2_MAX_DIFF_N, "the exact unconditional interval",
                            "fgroi_prop_diff_ci with method = miettinen_nurminen or newcombe (score)");
  FGROI__TRY(e2_diff_method(&method));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  fgroi_exact2x2_two_sided conv;
  double *lf;
  e2_diff D;
  fgroi__ctl ctl;
  FGROI__TRY(e2_diff_setup(n1, n2, method, options, &o, &conv, &lf, &D, &ctl));
  fgroi_status st = FGROI_OK;
  double alpha = 1.0 - conf_level;
  double est = (double)x1 / (double)n1 - (double)x2 / (double)n2;
  double lower = -1.0, upper = 1.0;
  /* the maximum over the nuisance is flat at its top, so an error d in the
   * maximiser changes the p-value by O(d^2): 1e-7 is ample for the limits */
  double tol = fmax(o.tolerance, 1e-7);
  e2_limit_ctx c = { &D, x1, x2, FGROI_TWO_SIDED, conv, alpha, tol, FGROI_OK };
  if (st == FGROI_OK && alternative != FGROI_LESS) {
    int central = alternative == FGROI_TWO_SIDED && conv == FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
    c.side = central ? FGROI_GREATER : alternative;
    c.conv = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
    c.level = central ? alpha / 2.0 : alpha;
    fgroi__ctl_range(&ctl, 0.0, alternative == FGROI_TWO_SIDED ? 0.5 : 1.0);
    st = e2_limit(&c, est, -1, &lower);
  }
  if (st == FGROI_OK && alternative != FGROI_GREATER) {
    int central = alternative == FGROI_TWO_SIDED && conv == FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
    c.side = central ? FGROI_LESS : alternative;
    c.conv = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
    c.level = central ? alpha / 2.0 : alpha;
    c.st = FGROI_OK;
    fgroi__ctl_range(&ctl, alternative == FGROI_TWO_SIDED ? 0.5 : 0.0, 1.0);
    D.evals = 0;
    st = e2_limit(&c, est, +1, &upper);
  }
  e2_diff_free(&D);
  free(lf);
  if (st != FGROI_OK) return st;
  unsigned flags = FGROI_FLAG_EXACT;
  if (alternative != FGROI_TWO_SIDED) flags |= FGROI_FLAG_ONE_SIDED_LIMIT;
  fgroi_interval full = fgroi__interval(est, lower, upper, conf_level, method, alternative, flags);
  FGROI__TRY(fgroi__emit_interval(out, &full));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

/* ---- odds-ratio intervals: Cornfield, Baptista-Pike ----------------------- */

/* Conditional distribution of X1 given s = x1 + x2 under odds ratio
 * psi = exp(t): f(y) proportional to C(n1, y) C(n2, s - y) psi^y on
 * y = lo..hi (Fisher's noncentral hypergeometric). */
typedef struct {
  int64_t n1, n2, s, lo, hi, x;
  double *f;   /* pmf scratch (hi - lo + 1; only the window is touched) */
  int64_t w0, w1; /* window of the last e2_or_pmf (indices y - lo) */
  int kind;    /* 0: P(X >= x), 1: P(X <= x), 2: Baptista-Pike, 3: BP mid-p,
                  4: P(X > x) + P(X = x) / 2, 5: P(X < x) + P(X = x) / 2 */
  double level;
  fgroi__ctl *ctl;     /* NULL or the caller's progress / cancellation */
  unsigned long evals; /* evaluations (progress) */
} e2_or;

/* One evaluation of the odds-ratio search: FGROI_OK, or FGROI_E_CANCELLED
 * (then the evaluation returns at once, the caller checks e2_cancelled). */
static fgroi_status e2_or_step_ctl(e2_or *c) {
  if (c->ctl == NULL) return FGROI_OK;
  return fgroi__ctl_step(c->ctl, e2_evals_fraction(0.0, ++c->evals, 150.0));
}

/* log f(y + 1) / f(y) at t = 0, k = y - lo. */
static double e2_or_step(const e2_or *c, int64_t k) {
  int64_t y = c->lo + k;
  return log(((double)(c->n1 - y) * (double)(c->s - y)) /
             ((double)(y + 1) * (double)(c->n2 - c->s + y + 1)));
}

/* Log-weight drop at which the pmf window ends: the terms beyond are
 * below exp(-100) of the mode's and their total below 1e-40 of the mass. */
#define E2_OR_CUT 100.0

/* The pmf at log OR t on the window [w0, w1] outside which every term is
 * below exp(-E2_OR_CUT) of the mode's (a relative error below 1e-40): log
 * weights by the ratio recursion from a mode (found by bisection on the
 * log ratio, which decreases in y: the weights are log-concave), so a call
 * costs O(sd) logs and exps, not O(n) (issue 16: 1e6 per arm took 14 s
 * with log factorials over the whole support, whose running sums also lose
 * ~1e-5 in the log weights at 1e7). The entries outside the window are
 * never read. */
static void e2_or_pmf(e2_or *c, double t) {
  int64_t m = c->hi - c->lo + 1;
  int64_t a = 0, b = m - 1;
  while (a < b) {
    int64_t mid = a + (b - a) / 2;
    if (e2_or_step(c, mid) + t > 0.0) a = mid + 1; else b = mid;
  }
  double mx = 0.0, v = 0.0;
  int64_t w0 = a, w1 = a;
  c->f[a] = 0.0;
  for (int64_t k = a - 1; k >= 0; k--) {
    v -= e2_or_step(c, k) + t;
    c->f[k] = v;
    if (v > mx) mx = v;
    w0 = k;
    if (v < mx - E2_OR_CUT) break;
  }
  v = 0.0;
  for (int64_t k = a + 1; k < m; k++) {
    v += e2_or_step(c, k - 1) + t;
    c->f[k] = v;
    if (v > mx) mx = v;
    w1 = k;
    if (v < mx - E2_OR_CUT) break;
  }
  c->w0 = w0;
  c->w1 = w1;
  double tot = 0.0;
  for (int64_t k = w0; k <= w1; k++) { c->f[k] = exp(c->f[k] - mx); tot += c->f[k]; }
  for (int64_t k = w0; k <= w1; k++) c->f[k] /= tot;
}

/* f[k] of the last e2_or_pmf: 0 outside its window. */
static double e2_or_f(const e2_or *c, int64_t k) {
  return k < c->w0 || k > c->w1 ? 0.0 : c->f[k];
}

/* p-value of H0: log OR = t of the chosen kind, minus the level. */
static double e2_or_fn(double t, void *ctx) {
  e2_or *c = ctx;
  if (e2_or_step_ctl(c) != FGROI_OK) return -1.0; /* "rejected": the scans end */
  e2_or_pmf(c, t);
  int64_t ix = c->x - c->lo, w0 = c->w0, w1 = c->w1;
  int64_t u0 = ix > w0 ? ix : w0, u1 = ix < w1 ? ix : w1; /* [ix, .] and [., ix] in the window */
  double p = 0.0;
  if (c->kind == 0) for (int64_t k = u0; k <= w1; k++) p += c->f[k];
  else if (c->kind == 1) for (int64_t k = w0; k <= u1; k++) p += c->f[k];
  else if (c->kind == 4) {
    for (int64_t k = ix + 1 > w0 ? ix + 1 : w0; k <= w1; k++) p += c->f[k];
    p += 0.5 * e2_or_f(c, ix);
  } else if (c->kind == 5) {
    for (int64_t k = w0; k <= w1 && k < ix; k++) p += c->f[k];
    p += 0.5 * e2_or_f(c, ix);
  } else {
    double fx = e2_or_f(c, ix), tie = 0.0;
    for (int64_t k = w0; k <= w1; k++) {
      if (c->f[k] < fx * (1.0 - FGROI__REL_TOL)) p += c->f[k];
      else if (c->f[k] <= fx * (1.0 + FGROI__REL_TOL)) tie += c->f[k];
    }
    p += c->kind == 3 ? 0.5 * tie : tie;
  }
  return fmin(p, 1.0) - c->level;
}

/* Conditional MLE of log OR (E[X] = x), the anchor of the limit search. */
static double e2_or_mean_fn(double t, void *ctx) {
  e2_or *c = ctx;
  if (e2_or_step_ctl(c) != FGROI_OK) return 1.0;
  e2_or_pmf(c, t);
  double mean = 0.0;
  for (int64_t k = c->w0; k <= c->w1; k++) mean += (double)(c->lo + k) * c->f[k];
  return mean - (double)c->x;
}

/* Limit on one side of the anchor t0 (dir -1: lower, +1: upper): the
 * outermost t where the p-value exceeds the level. Scan from a far point
 * where the p-value is below the level, then Brent. */
static fgroi_status e2_or_limit(e2_or *c, double t0, int dir, double *limit) {
  double far = t0 + dir * 1.0;
  for (int i = 0; i < 12 && e2_or_fn(far, c) > 0.0; i++) far = t0 + dir * 2.0 * fabs(far - t0);
  if (e2_or_fn(far, c) > 0.0) { *limit = dir * INFINITY; return FGROI_OK; }
  const int K = 64;
  double prev = far;
  for (int k = 1; k <= K; k++) {
    double cur = far + (t0 - far) * (double)k / K;
    if (e2_or_fn(cur, c) > 0.0) {
      double r;
      FGROI__TRY(fgroi__root_brent(e2_or_fn, c, prev, cur, 1e-12, 1e-12, &r));
      *limit = r;
      return FGROI_OK;
    }
    prev = cur;
  }
  *limit = t0;
  return FGROI_OK;
}

fgroi_status fgroi_exact2x2_odds_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                          fgroi_method method, double conf_level,
                                          fgroi_alternative alternative, fgroi_interval *out) {
  return fgroi_exact2x2_odds_ratio_ci_ctl(x1, n1, x2, n2, method, conf_level, alternative, NULL,
                                          out);
}

fgroi_status fgroi_exact2x2_odds_ratio_ci_ctl(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                              fgroi_method method, double conf_level,
                                              fgroi_alternative alternative,
                                              const fgroi_control *control, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(e2_check_table(x1, n1, x2, n2));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_BAPTISTA_PIKE_MID_P;
  if (method != FGROI_METHOD_BAPTISTA_PIKE && method != FGROI_METHOD_BAPTISTA_PIKE_MID_P &&
      method != FGROI_METHOD_CORNFIELD)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_TABLES - 1))
    return fgroi__too_large(control, "n1 + n2", (double)n1 + (double)n2,
                            (double)(E2_MAX_TABLES - 1), "the exact odds-ratio interval",
                            "fgroi_prop_odds_ratio_ci (conditional, to 2^33, or woolf)");
  int64_t s = x1 + x2, N = n1 + n2;
  if (s == 0 || s == N) return FGROI_E_NOT_ESTIMABLE; /* margin fixes the table */
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  e2_or c = { .n1 = n1, .n2 = n2, .s = s, .x = x1, .ctl = &ctl };
  c.lo = s - n2 > 0 ? s - n2 : 0;
  c.hi = s < n1 ? s : n1;
  int64_t m = c.hi - c.lo + 1;
  c.f = malloc((size_t)m * sizeof *c.f); /* pages outside the windows stay untouched */
  if (c.f == NULL) return FGROI_E_NO_MEMORY;

  double alpha = 1.0 - conf_level;
  double tl = -INFINITY, tu = INFINITY;
  fgroi_status st = FGROI_OK;
  /* anchor: conditional MLE of log OR (x strictly inside its range), or
   * a point where x is the most probable value when x is at a bound */
  double t0 = 0.0;
  if (x1 > c.lo && x1 < c.hi) {
    int at_end;
    c.kind = 0; c.level = 0.0;
    st = fgroi__root_monotone(e2_or_mean_fn, &c, -50.0, 50.0, 1e-12, 0.0, &t0, &at_end);
    if (e2_cancelled(&ctl) != FGROI_OK) st = FGROI_E_CANCELLED;
  }
  int bp = method != FGROI_METHOD_CORNFIELD;
  int mid = method == FGROI_METHOD_BAPTISTA_PIKE_MID_P;
  int central = alternative == FGROI_TWO_SIDED;
  if (st == FGROI_OK && x1 > c.lo && alternative != FGROI_LESS) {
    c.kind = bp && central ? (mid ? 3 : 2) : (mid ? 4 : 0);
    c.level = central && !bp ? alpha / 2.0 : alpha;
    double a = x1 < c.hi ? t0 : 50.0;
    st = e2_or_limit(&c, a, -1, &tl);
    if (e2_cancelled(&ctl) != FGROI_OK) st = FGROI_E_CANCELLED;
  }
  if (st == FGROI_OK && x1 < c.hi && alternative != FGROI_GREATER) {
    c.kind = bp && central ? (mid ? 3 : 2) : (mid ? 5 : 1);
    c.level = central && !bp ? alpha / 2.0 : alpha;
    double a = x1 > c.lo ? t0 : -50.0;
    st = e2_or_limit(&c, a, +1, &tu);
    if (e2_cancelled(&ctl) != FGROI_OK) st = FGROI_E_CANCELLED;
  }
  free(c.f);
  if (st != FGROI_OK) return st;
  /* the point estimate is the proportion engine's conditional MLE (as
   * R's fisher.test), beside which these intervals are reported */
  fgroi_interval cmle = FGROI_INIT(fgroi_interval);
  st = fgroi_prop_odds_ratio_ci(x1, n1, x2, n2, FGROI_METHOD_CONDITIONAL, conf_level, alternative, &cmle);
  if (st != FGROI_OK) return st;
  double est = cmle.estimate;
  unsigned flags = FGROI_FLAG_EXACT;
  double lower = exp(tl), upper = exp(tu);
  if (isinf(upper) || lower == 0.0) flags |= FGROI_FLAG_UNBOUNDED;
  if (alternative != FGROI_TWO_SIDED) flags |= FGROI_FLAG_ONE_SIDED_LIMIT;
  fgroi_interval full = fgroi__interval(est, lower, upper, conf_level, method, alternative, flags);
  FGROI__TRY(fgroi__emit_interval(out, &full));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}
