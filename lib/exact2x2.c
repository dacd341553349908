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

#include "exact2x2_region.h"
#include "num.h"

#define E2_MAX_TABLES ((int64_t)1 << 26) /* tests of p1 = p2, regions */
#define E2_MAX_DIFF_N 10000              /* n1 + n2 for the difference */
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
} e2_tables;

static void e2_tables_free(e2_tables *T) {
  free(T->lf); free(T->hyp); free(T->stat); free(T->h); free(T->bs); free(T->grid);
  free(T->ratio); free(T->B);
  memset(T, 0, sizeof *T);
}

static fgroi_status e2_tables_alloc(e2_tables *T, int64_t n1, int64_t n2) {
  memset(T, 0, sizeof *T);
  if (n1 >= E2_MAX_TABLES || n2 >= E2_MAX_TABLES || (n1 + 1) * (n2 + 1) > E2_MAX_TABLES)
    return FGROI_E_TOO_LARGE;
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
  for (int64_t x1 = 0; x1 <= n1; x1++)
    for (int64_t x2 = 0; x2 <= n2; x2++) {
      int64_t s = x1 + x2;
      T->hyp[x1 * (n2 + 1) + x2] =
          exp(lf[n1] - lf[x1] - lf[n1 - x1] + lf[n2] - lf[x2] - lf[n2 - x2]
              - (lf[T->N] - lf[s] - lf[T->N - s]));
    }
  return FGROI_OK;
}

static int e2_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Fill T->stat with the extremeness of every table for (method, side):
 * side is FGROI_GREATER, FGROI_LESS or FGROI_TWO_SIDED (two-sided statistic).
 * Barnard: z, -z, |z|. Fisher / Boschloo: minus the conditional p-value. */
static fgroi_status e2_statistics(e2_tables *T, fgroi_method method, fgroi_alternative side) {
  const int64_t n1 = T->n1, n2 = T->n2, N = T->N;
  const int64_t w = n2 + 1;
  if (method == FGROI_METHOD_BARNARD) {
    for (int64_t x1 = 0; x1 <= n1; x1++)
      for (int64_t x2 = 0; x2 <= n2; x2++) {
        double num = (double)(x1 * n2 - x2 * n1) / ((double)n1 * (double)n2);
        double pbar = (double)(x1 + x2) / (double)N;
        double var = pbar * (1.0 - pbar) * (1.0 / (double)n1 + 1.0 / (double)n2);
        double z = var > 0.0 ? num / sqrt(var) : 0.0;
        T->stat[x1 * w + x2] = side == FGROI_GREATER ? z : (side == FGROI_LESS ? -z : fabs(z));
      }
    return FGROI_OK;
  }
  /* conditional p-values, one margin s at a time */
  double *pmf = malloc(((size_t)n1 + 1) * 2 * sizeof *pmf);
  if (pmf == NULL) return FGROI_E_NO_MEMORY;
  double *sorted = pmf + n1 + 1;
  for (int64_t s = 0; s <= N; s++) {
    int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
    int64_t m = hi - lo + 1;
    for (int64_t x1 = lo; x1 <= hi; x1++) pmf[x1 - lo] = T->hyp[x1 * w + (s - x1)];
    if (side == FGROI_LESS) {
      double acc = 0.0;
      for (int64_t x1 = lo; x1 <= hi; x1++) {
        acc += pmf[x1 - lo];
        T->stat[x1 * w + (s - x1)] = -fmin(acc, 1.0);
      }
    } else if (side == FGROI_GREATER) {
      double acc = 0.0;
      for (int64_t x1 = hi; x1 >= lo; x1--) {
        acc += pmf[x1 - lo];
        T->stat[x1 * w + (s - x1)] = -fmin(acc, 1.0);
      }
    } else {
      /* two-sided: sum of probabilities <= pmf(x1) (1 + 1e-7), via the
       * ascending sort and its prefix sums (summed smallest first) */
      memcpy(sorted, pmf, (size_t)m * sizeof *sorted);
      qsort(sorted, (size_t)m, sizeof *sorted, e2_cmp_double);
      for (int64_t k = 1; k < m; k++) sorted[k] += sorted[k - 1];
      /* sorted[] now holds prefix sums of the ascending pmf values; find
       * for each x1 the count of values <= threshold by binary search on
       * the original sorted values, recomputed from differences */
      for (int64_t x1 = lo; x1 <= hi; x1++) {
        double thr = pmf[x1 - lo] * (1.0 + FGROI__REL_TOL);
        int64_t a = 0, b = m; /* first index whose value > thr */
        while (a < b) {
          int64_t mid = (a + b) / 2;
          double v = sorted[mid] - (mid > 0 ? sorted[mid - 1] : 0.0);
          if (v <= thr) a = mid + 1; else b = mid;
        }
        T->stat[x1 * w + (s - x1)] = -fmin(a > 0 ? sorted[a - 1] : 0.0, 1.0);
      }
    }
  }
  free(pmf);
  return FGROI_OK;
}

/* h_s for the region {stat >= thr}. */
static void e2_region_weights(e2_tables *T, double thr_ref) {
  const int64_t w = T->n2 + 1;
  memset(T->h, 0, ((size_t)T->N + 1) * sizeof *T->h);
  for (int64_t x1 = 0; x1 <= T->n1; x1++)
    for (int64_t x2 = 0; x2 <= T->n2; x2++)
      if (e2_at_least(T->stat[x1 * w + x2], thr_ref))
        T->h[x1 + x2] += T->hyp[x1 * w + x2];
}

static double e2_region_prob(double pi, void *ctx) {
  e2_tables *T = ctx;
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
  e2_region_weights(T, *e_obs);
  FGROI__TRY(e2_maximise(e2_region_prob, T, lo, hi, T->G, tol, T->grid, p, arg));
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

fgroi_exact2x2_options fgroi_exact2x2_options_default(void) {
  fgroi_exact2x2_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  o.two_sided = FGROI_EXACT2X2_DEFAULT;
  o.gamma = 0.0;
  o.tolerance = E2_DEFAULT_TOL;
  return o;
}

/* Validated copy of the caller's options (NULL = defaults). */
static fgroi_status e2_options(const fgroi_exact2x2_options *in, fgroi_exact2x2_options *o) {
  *o = fgroi_exact2x2_options_default();
  if (in == NULL) return FGROI_OK;
  FGROI__TRY(FGROI__CHECK_OUT(in, fgroi_exact2x2_options, tolerance));
  o->two_sided = in->two_sided;
  o->gamma = in->gamma;
  o->tolerance = in->tolerance;
  if ((int)o->two_sided < 0 || (int)o->two_sided > 2) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_finite(o->gamma));
  FGROI__TRY(fgroi__check_finite(o->tolerance));
  if (o->gamma < 0.0 || o->gamma >= 1.0) return FGROI_E_PROBABILITY;
  if (o->tolerance < 0.0 || o->tolerance > 1e-2) return FGROI_E_OUT_OF_RANGE;
  if (o->tolerance == 0.0) o->tolerance = E2_DEFAULT_TOL;
  if (o->tolerance < 1e-14) o->tolerance = 1e-14;
  return FGROI_OK;
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
  if (method != FGROI_METHOD_BARNARD && method != FGROI_METHOD_BOSCHLOO) return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  FGROI__TRY(e2_options(options, &o));
  fgroi_exact2x2_two_sided conv =
      o.two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_TWO_SIDED_STATISTIC : o.two_sided;

  e2_tables T;
  FGROI__TRY(e2_tables_alloc(&T, n1, n2));
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
  fgroi_test full = fgroi__test(stat, NAN, p, 0.0, method, alternative, FGROI_FLAG_EXACT);
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
  for (size_t i = 0; i < g; i++) e2_binom_pmf(T->N, T->grid[i], T->lf, T->ratio, T->B + i * m);
}

/* Is the size of the region of tables with stat >= thr (ties included)
 * at most alpha? The grid maximum is a lower bound, so refinement is needed
 * only when it is not already above alpha. */
static fgroi_status e2_cut_within(e2_tables *T, double thr, double alpha, int *within) {
  double size, arg;
  e2_region_weights(T, thr);
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
    if (gmax > alpha) { *within = 0; return FGROI_OK; }
    FGROI__TRY(e2_refine(e2_region_prob, T, x, v, T->G + 1, 1e-9, &size, &arg));
  } else {
    FGROI__TRY(e2_maximise(e2_region_prob, T, 0.0, 1.0, T->G, 1e-9, T->grid, &size, &arg));
  }
  *within = size <= alpha;
  return FGROI_OK;
}

typedef struct { double e; size_t i; } e2_keyed;

static int e2_cmp_keyed_desc(const void *a, const void *b) {
  double x = ((const e2_keyed *)a)->e, y = ((const e2_keyed *)b)->e;
  return (x < y) - (x > y);
}

/* Mark the tables of T (statistics filled for `side`) whose exact
 * unconditional p-value is <= alpha. */
static fgroi_status e2_region_side(e2_tables *T, double alpha, unsigned char *reject) {
  e2_keyed *k = malloc(T->nt * sizeof *k);
  size_t *order = malloc(T->nt * sizeof *order);
  if (k == NULL || order == NULL) { free(k); free(order); return FGROI_E_NO_MEMORY; }
  for (size_t i = 0; i < T->nt; i++) { k[i].e = T->stat[i]; k[i].i = i; }
  qsort(k, T->nt, sizeof *k, e2_cmp_keyed_desc);
  for (size_t i = 0; i < T->nt; i++) order[i] = k[i].i;
  free(k);
  /* largest k with size(cut k) <= alpha; size is nondecreasing in k */
  fgroi_status st = FGROI_OK;
  size_t a = 0, b = T->nt; /* answer count in [a, b] */
  while (a < b) {
    size_t mid = a + (b - a + 1) / 2; /* try mid tables: cut index mid - 1 */
    int within;
    st = e2_cut_within(T, T->stat[order[mid - 1]], alpha, &within);
    if (st != FGROI_OK) break;
    if (within) a = mid; else b = mid - 1;
  }
  if (st == FGROI_OK && a > 0) {
    double thr = T->stat[order[a - 1]];
    for (size_t i = 0; i < T->nt; i++)
      if (e2_at_least(T->stat[i], thr)) reject[i] = 1;
  }
  free(order);
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
  if (reject == NULL) return FGROI_E_NULL;
  if (n1 < 0 || n2 < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n1 == 0 || n2 == 0) return FGROI_E_EMPTY;
  if (test != FGROI_METHOD_FISHER && test != FGROI_METHOD_BARNARD && test != FGROI_METHOD_BOSCHLOO)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_alternative(alternative));
  FGROI__TRY(fgroi__check_prob_open(alpha));
  if ((int)two_sided < 0 || (int)two_sided > 2) return FGROI_E_OUT_OF_RANGE;
  e2_tables T;
  FGROI__TRY(e2_tables_alloc(&T, n1, n2));
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

/* P(region) given arm 2's tails F2, S2 at p2 (p1 = p2 + d). */
static double e2_diff_prob_tails(e2_diff *D, double p2, const double *F2, const double *S2) {
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
    return FGROI_OK;
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
    if (isfinite(D->stop)) {
      double b = -1.0;
      int above = e2_decide(D->stop, v, n, k, &b);
      if (above || b >= 0.0) { *p = fgroi__clamp01(b); *arg = x[k]; return FGROI_OK; }
    }
  }
  FGROI__TRY(e2_refine(e2_diff_prob, D, x, v, n, tol, p, arg));
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
                                  fgroi_exact2x2_two_sided *conv, double **lf, e2_diff *D) {
  FGROI__TRY(e2_options(options, o));
  if (o->gamma != 0.0) return FGROI_E_OUT_OF_RANGE;
  *conv = o->two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_DOUBLE_ONE_SIDED : o->two_sided;
  *lf = e2_log_factorials(n1 > n2 ? n1 : n2);
  if (*lf == NULL) return FGROI_E_NO_MEMORY;
  fgroi_status st = e2_diff_alloc(D, n1, n2, method == FGROI_METHOD_CHAN_ZHANG_MID_P, *lf);
  if (st != FGROI_OK) {
    e2_diff_free(D);
    free(*lf);
  }
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
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_DIFF_N)) return FGROI_E_TOO_LARGE;
  FGROI__TRY(e2_diff_method(&method));
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  fgroi_exact2x2_two_sided conv;
  double *lf;
  e2_diff D;
  FGROI__TRY(e2_diff_setup(n1, n2, method, options, &o, &conv, &lf, &D));
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
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_DIFF_N)) return FGROI_E_TOO_LARGE;
  FGROI__TRY(e2_diff_method(&method));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  fgroi_exact2x2_two_sided conv;
  double *lf;
  e2_diff D;
  FGROI__TRY(e2_diff_setup(n1, n2, method, options, &o, &conv, &lf, &D));
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
    st = e2_limit(&c, est, -1, &lower);
  }
  if (st == FGROI_OK && alternative != FGROI_GREATER) {
    int central = alternative == FGROI_TWO_SIDED && conv == FGROI_EXACT2X2_DOUBLE_ONE_SIDED;
    c.side = central ? FGROI_LESS : alternative;
    c.conv = FGROI_EXACT2X2_TWO_SIDED_STATISTIC;
    c.level = central ? alpha / 2.0 : alpha;
    c.st = FGROI_OK;
    st = e2_limit(&c, est, +1, &upper);
  }
  e2_diff_free(&D);
  free(lf);
  if (st != FGROI_OK) return st;
  unsigned flags = FGROI_FLAG_EXACT;
  if (alternative != FGROI_TWO_SIDED) flags |= FGROI_FLAG_ONE_SIDED_LIMIT;
  fgroi_interval full = fgroi__interval(est, lower, upper, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &full);
}

/* ---- odds-ratio intervals: Cornfield, Baptista-Pike ----------------------- */

/* Conditional distribution of X1 given s = x1 + x2 under odds ratio
 * psi = exp(t): f(y) proportional to C(n1, y) C(n2, s - y) psi^y on
 * y = lo..hi (Fisher's noncentral hypergeometric). */
typedef struct {
  int64_t lo, hi, x;
  double *lw;  /* log weights at psi = 1, index y - lo */
  double *f;   /* pmf scratch */
  int kind;    /* 0: P(X >= x), 1: P(X <= x), 2: Baptista-Pike, 3: BP mid-p,
                  4: P(X > x) + P(X = x) / 2, 5: P(X < x) + P(X = x) / 2 */
  double level;
} e2_or;

static void e2_or_pmf(e2_or *c, double t) {
  int64_t m = c->hi - c->lo + 1;
  double mx = -INFINITY;
  for (int64_t k = 0; k < m; k++) {
    double v = c->lw[k] + (double)(c->lo + k) * t;
    c->f[k] = v;
    if (v > mx) mx = v;
  }
  double tot = 0.0;
  for (int64_t k = 0; k < m; k++) { c->f[k] = exp(c->f[k] - mx); tot += c->f[k]; }
  for (int64_t k = 0; k < m; k++) c->f[k] /= tot;
}

/* p-value of H0: log OR = t of the chosen kind, minus the level. */
static double e2_or_fn(double t, void *ctx) {
  e2_or *c = ctx;
  e2_or_pmf(c, t);
  int64_t m = c->hi - c->lo + 1, ix = c->x - c->lo;
  double p = 0.0;
  if (c->kind == 0) for (int64_t k = ix; k < m; k++) p += c->f[k];
  else if (c->kind == 1) for (int64_t k = 0; k <= ix; k++) p += c->f[k];
  else if (c->kind == 4) { for (int64_t k = ix + 1; k < m; k++) p += c->f[k]; p += 0.5 * c->f[ix]; }
  else if (c->kind == 5) { for (int64_t k = 0; k < ix; k++) p += c->f[k]; p += 0.5 * c->f[ix]; }
  else {
    double fx = c->f[ix], tie = 0.0;
    for (int64_t k = 0; k < m; k++) {
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
  e2_or_pmf(c, t);
  double mean = 0.0;
  for (int64_t k = 0; k <= c->hi - c->lo; k++) mean += (double)(c->lo + k) * c->f[k];
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
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(e2_check_table(x1, n1, x2, n2));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_BAPTISTA_PIKE_MID_P;
  if (method != FGROI_METHOD_BAPTISTA_PIKE && method != FGROI_METHOD_BAPTISTA_PIKE_MID_P &&
      method != FGROI_METHOD_CORNFIELD)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_TABLES - 1)) return FGROI_E_TOO_LARGE;
  int64_t s = x1 + x2, N = n1 + n2;
  if (s == 0 || s == N) return FGROI_E_NOT_ESTIMABLE; /* margin fixes the table */
  e2_or c;
  c.lo = s - n2 > 0 ? s - n2 : 0;
  c.hi = s < n1 ? s : n1;
  c.x = x1;
  int64_t m = c.hi - c.lo + 1;
  double *lf = e2_log_factorials(N);
  c.lw = malloc(2 * (size_t)m * sizeof *c.lw);
  if (lf == NULL || c.lw == NULL) { free(lf); free(c.lw); return FGROI_E_NO_MEMORY; }
  c.f = c.lw + m;
  for (int64_t y = c.lo; y <= c.hi; y++)
    c.lw[y - c.lo] = lf[n1] - lf[y] - lf[n1 - y] + lf[n2] - lf[s - y] - lf[n2 - s + y];
  free(lf);

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
  }
  int bp = method != FGROI_METHOD_CORNFIELD;
  int mid = method == FGROI_METHOD_BAPTISTA_PIKE_MID_P;
  int central = alternative == FGROI_TWO_SIDED;
  if (st == FGROI_OK && x1 > c.lo && alternative != FGROI_LESS) {
    c.kind = bp && central ? (mid ? 3 : 2) : (mid ? 4 : 0);
    c.level = central && !bp ? alpha / 2.0 : alpha;
    double a = x1 < c.hi ? t0 : 50.0;
    st = e2_or_limit(&c, a, -1, &tl);
  }
  if (st == FGROI_OK && x1 < c.hi && alternative != FGROI_GREATER) {
    c.kind = bp && central ? (mid ? 3 : 2) : (mid ? 5 : 1);
    c.level = central && !bp ? alpha / 2.0 : alpha;
    double a = x1 > c.lo ? t0 : -50.0;
    st = e2_or_limit(&c, a, +1, &tu);
  }
  free(c.lw);
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
  return fgroi__emit_interval(out, &full);
}
