/* Rejection regions of the exact tests of H0: p1 = p2 for exact power
 * (lib/exact2x2_region.h): whole regions, and regions as cuts per margin
 * (Fisher, and Boschloo's / Barnard's two-sided regions) at large n. The
 * engine is lib/exact2x2_engine.c; formulas and citations:
 * docs/methods/exact2x2.md, docs/methods/power.md. */
#include <float.h>
#include <stdlib.h>

#include "control.h"
#include "exact2x2_engine.h"
#include "exact2x2_region.h"
#include "num.h"

/* ---- rejection regions (lib/exact2x2_region.h) -------------------------------- */

/* Cache the pmf of s on the [0, 1] grid when it fits in 32 MiB. */
static void e2_cache_grid(fgroi__e2_tables *T) {
  size_t m = (size_t)T->N + 1, g = (size_t)T->G + 1;
  if (m * g > ((size_t)1 << 22)) return;
  T->B = malloc(m * g * sizeof *T->B);
  if (T->B == NULL) return; /* fall back to computing on the fly */
  fgroi__e2_arcsine_grid(0.0, 1.0, T->G, T->grid);
  for (size_t i = 0; i < g; i++) {
    /* on a cancel, stop filling (the caller's next check returns it) */
    if ((i & 15) == 0 && fgroi__ctl_step(T->ctl, 0.1) != FGROI_OK) {
      free(T->B);
      T->B = NULL;
      return;
    }
    fgroi__e2_binom_pmf(T->N, T->grid[i], T->lf, T->ratio, T->B + i * m);
  }
}

/* Is the size of the region with weights T->h at most alpha? The grid
 * maximum is a lower bound, so refinement is needed only when it is not
 * already above alpha. *size: the grid maximum when that decides (above
 * alpha), else the refined maximum. */
static fgroi_status e2_h_within(fgroi__e2_tables *T, double alpha, int *within, double *size) {
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
    FGROI__TRY(fgroi__e2_refine(fgroi__e2_region_prob, T, x, v, T->G + 1, 1e-9, size, &arg));
  } else {
    FGROI__TRY(fgroi__e2_maximise(fgroi__e2_region_prob, T, 0.0, 1.0, T->G, 1e-9, T->grid, size, &arg));
  }
  FGROI__TRY(fgroi__e2_cancelled(T->ctl));
  *within = *size <= alpha;
  return FGROI_OK;
}

/* As e2_h_within for the region of tables with stat >= thr (ties included). */
static fgroi_status e2_cut_within(fgroi__e2_tables *T, double thr, double alpha, int *within) {
  FGROI__TRY(fgroi__e2_region_weights(T, thr));
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
static fgroi_status e2_region_side(fgroi__e2_tables *T, double alpha, unsigned char *reject) {
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
    for (size_t i = 0; i < T->nt && (st = fgroi__ctl_tick(T->ctl, i, 1.0)) == FGROI_OK; i++)
      if (fgroi__e2_at_least(T->stat[i], thr)) reject[i] = 1;
  }
  free(sorted);
  return st;
}

/* Mark the tables whose p-value for one side (or the two-sided statistic)
 * is <= alpha; reject[] is only ever set, so calls accumulate a union. */
static fgroi_status e2_region_one(fgroi__e2_tables *T, fgroi_method test, fgroi_alternative side,
                                  double alpha, unsigned char *reject) {
  FGROI__TRY(fgroi__e2_statistics(T, test == FGROI_METHOD_BARNARD ? test : FGROI_METHOD_BOSCHLOO, side));
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
  fgroi__e2_tables T;
  FGROI__TRY(fgroi__e2_tables_alloc_ctl(&T, n1, n2, ctl));
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
  fgroi__e2_tables_free(&T);
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

/* Exact cuts of one margin from fgroi__e2_fisher_column (the reference path). */
static fgroi_status e2_cuts_exact(const double *lf, int64_t n1, int64_t n2, int64_t s,
                                  fgroi_alternative alt, double alpha, int64_t *a, int64_t *b) {
  int64_t lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1, m = hi - lo + 1;
  double *buf = malloc(3 * (size_t)m * sizeof *buf);
  if (buf == NULL) return FGROI_E_NO_MEMORY;
  for (int64_t x = lo; x <= hi; x++) buf[x - lo] = e2_hyp(lf, n1, n2, s, x);
  fgroi__e2_fisher_column(buf, m, alt, buf + m, buf + 2 * m);
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

/* The support lo..hi of x1 on margin s and its mode (clamped into it). */
static void e2_support(int64_t n1, int64_t n2, int64_t s, int64_t *lo, int64_t *hi, int64_t *md) {
  *lo = s - n2 > 0 ? s - n2 : 0;
  *hi = s < n1 ? s : n1;
  int64_t m = (int64_t)(((double)(s + 1) * (double)(n1 + 1)) / (double)(n1 + n2 + 2));
  *md = m < *lo ? *lo : (m > *hi ? *hi : m);
}

/* The walk's steps run once per table visited: inlined (as the loops they
 * replace were). */
#define E2_HOT static inline __attribute__((always_inline))

/* A walk over one margin's tables outward from the mode md in decreasing
 * probability (the left side first on equal pmfs): L and R the next table
 * on each side, fL and fR their pmfs (-1: none), done_a / done_b when a
 * side is exhausted or decided. */
typedef struct {
  int64_t n1, n2, s, lo, hi, L, R;
  double fL, fR;
  int done_a, done_b;
} e2_outward;

E2_HOT void e2_outward_init(e2_outward *w, int64_t n1, int64_t n2, int64_t s, int64_t lo,
                            int64_t hi, int64_t md, double fm) {
  w->n1 = n1; w->n2 = n2; w->s = s; w->lo = lo; w->hi = hi;
  w->L = md - 1;
  w->R = md + 1;
  w->fL = w->L >= lo ? fm * e2_hyp_down(n1, n2, s, md) : -1.0;
  w->fR = w->R <= hi ? fm * e2_hyp_up(n1, n2, s, md) : -1.0;
  w->done_a = w->L < lo;
  w->done_b = w->R > hi;
}

/* 1 when the next table is on the left. */
E2_HOT int e2_outward_left(const e2_outward *w) {
  return w->L >= w->lo && (w->R > w->hi || w->fL >= w->fR);
}

E2_HOT void e2_outward_advance(e2_outward *w, int left) {
  if (left) {
    w->fL = w->L > w->lo ? w->fL * e2_hyp_down(w->n1, w->n2, w->s, w->L) : -1.0;
    w->L--;
    if (w->L < w->lo) w->done_a = 1;
  } else {
    w->fR = w->R < w->hi ? w->fR * e2_hyp_up(w->n1, w->n2, w->s, w->R) : -1.0;
    w->R++;
    if (w->R > w->hi) w->done_b = 1;
  }
}

/* Two-sided p-value of the next table (pmf fx) after the tables visited,
 * vals[0..nv) of mass cum: 1 - cum plus the visited mass tied with fx
 * (relative tolerance FGROI__REL_TOL). Returns 1 when a ratio lies within
 * E2_TIE_BORDER of the tie rule (the caller takes the reference path). */
E2_HOT int e2_outward_p(const double *vals, int64_t nv, double fx, double cum, double *p) {
  double thr = fx * (1.0 + FGROI__REL_TOL), tie = 0.0;
  for (int64_t k = nv - 1; k >= 0 && vals[k] <= thr * (1.0 + E2_TIE_BORDER); k--) {
    if (vals[k] >= thr * (1.0 - E2_TIE_BORDER)) return 1;
    tie += vals[k];
  }
  *p = fmin(1.0 - cum + tie, 1.0);
  return 0;
}

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
  int64_t lo, hi, md;
  e2_support(n1, n2, s, &lo, &hi, &md);
  o->a = lo - 1;
  o->b = hi + 1;
  o->q = 1.0;
  o->r = 0.0;
  double fm = e2_hyp(lf, n1, n2, s, md);
  e2_outward w;
  e2_outward_init(&w, n1, n2, s, lo, hi, md, fm);
  int64_t nv = 0;
  double cum = fm, keep = fm;
  vals[nv++] = fm;
  if (1.0 - fm <= level * (1.0 + border) && !(w.done_a && w.done_b)) return 1; /* level near 1 */
  while (!(w.done_a && w.done_b)) {
    int left = e2_outward_left(&w);
    double fx = left ? w.fL : w.fR;
    int *done = left ? &w.done_a : &w.done_b;
    int kept = 0;
    if (!*done) {
      double p;
      if (e2_outward_p(vals, nv, fx, cum, &p)) return 1;
      if (fabs(p - level) <= border * level) return 1;
      if (p <= level) {
        *done = 1;
        if (left) o->a = w.L; else o->b = w.R;
        if (p > o->r) o->r = p;
      } else {
        kept = 1;
        if (p < o->q) o->q = p;
      }
    }
    cum += fx;
    if (kept) keep += fx;
    vals[nv++] = fx;
    e2_outward_advance(&w, left);
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
 * in as fgroi__e2_fisher_column does. Returns 1 when borderline or when the cut
 * lies beyond the mode (alpha near 1/2 or above): exact path then. */
static int e2_cuts_one_sided(const double *lf, int64_t n1, int64_t n2, int64_t s,
                             fgroi_alternative alt, double alpha, double *vals, int64_t *a,
                             int64_t *b) {
  int64_t lo, hi, md;
  e2_support(n1, n2, s, &lo, &hi, &md);
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

/* The engine of fgroi__e2_tables for margin weights only (no per-table arrays):
 * log factorials, h, the grid and its cached pmfs. */
static fgroi_status e2_margins_alloc(fgroi__e2_tables *T, int64_t n1, int64_t n2) {
  memset(T, 0, sizeof *T);
  T->n1 = n1; T->n2 = n2; T->N = n1 + n2;
  T->G = fgroi__e2_grid_size(T->N);
  T->lf = fgroi__e2_log_factorials(T->N);
  T->h = malloc(((size_t)T->N + 1) * sizeof *T->h);
  T->bs = malloc(((size_t)T->N + 1) * sizeof *T->bs);
  T->grid = malloc(2 * ((size_t)T->G + 1) * sizeof *T->grid);
  T->ratio = malloc(2 * ((size_t)T->N + 1) * sizeof *T->ratio);
  if (!T->lf || !T->h || !T->bs || !T->grid || !T->ratio) {
    fgroi__e2_tables_free(T);
    return FGROI_E_NO_MEMORY;
  }
  fgroi__e2_ratio_table(T->N, T->ratio);
  return FGROI_OK;
}

/* A margin's walk recorded once down to the lowest level searched: the
 * p-values (decreasing outward) and the cumulative probabilities of the
 * tables visited on each side, left (md - 1, md - 2, ...) at off, right
 * (md + 1, ...) at off + nl. p-values do not depend on the level, so
 * any level above the recorded one is answered by a binary search. */
typedef struct { int64_t off, nl, nr, md; double fm, pm; } e2_mseq;

typedef struct {
  fgroi__e2_tables T;
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
/* Start recording margin s (support lo..hi, walk from md, P there pm):
 * room for its entries. Returns the pmf at md, or -1 when out of memory. */
static double e2_bos_begin(e2_bos *B, int64_t s, int64_t lo, int64_t hi, int64_t md, double pm) {
  e2_mseq *m = B->ms + s;
  m->md = md;
  m->off = B->np;
  m->nl = m->nr = 0;
  double fm = e2_hyp(B->T.lf, B->T.n1, B->T.n2, s, md);
  m->fm = fm;
  m->pm = pm;
  if (B->np + (hi - lo) + 1 > B->cap) {
    int64_t nc = 2 * B->cap + (hi - lo) + 1;
    double *P = realloc(B->P, (size_t)nc * sizeof *P);
    if (P == NULL) return -1.0;
    B->P = P;
    double *CF = realloc(B->CF, (size_t)nc * sizeof *CF);
    if (CF == NULL) return -1.0;
    B->CF = CF;
    B->cap = nc;
  }
  return fm;
}

static int e2_bos_record(e2_bos *B, int64_t s) {
  const int64_t n1 = B->T.n1, n2 = B->T.n2;
  int64_t lo, hi, md;
  e2_support(n1, n2, s, &lo, &hi, &md);
  double fm = e2_bos_begin(B, s, lo, hi, md, 1.0);
  if (fm < 0.0) return -1;
  e2_mseq *m = B->ms + s;
  /* left entries first into scratch, right entries into vals' tail */
  double *lp = B->P + m->off, *lc = B->CF + m->off;
  double *rp = B->vals + (hi - lo + 1), *rc = rp + (hi - lo + 1);
  e2_outward w;
  e2_outward_init(&w, n1, n2, s, lo, hi, md, fm);
  int64_t nv = 0;
  double cum = fm, ckl = 0.0, ckr = 0.0;
  B->vals[nv++] = fm;
  while (!(w.done_a && w.done_b)) {
    int left = e2_outward_left(&w);
    double fx = left ? w.fL : w.fR;
    int *done = left ? &w.done_a : &w.done_b;
    if (!*done) {
      double p;
      if (e2_outward_p(B->vals, nv, fx, cum, &p)) return 1;
      if (left) { ckl += fx; lp[m->nl] = p; lc[m->nl++] = ckl; }
      else { ckr += fx; rp[m->nr] = p; rc[m->nr++] = ckr; }
      if (p <= B->lmin) *done = 1;
    }
    cum += fx;
    B->vals[nv++] = fx;
    e2_outward_advance(&w, left);
  }
  memcpy(lp + m->nl, rp, (size_t)m->nr * sizeof *rp);
  memcpy(lc + m->nl, rc, (size_t)m->nr * sizeof *rc);
  B->np += m->nl + m->nr;
  return 0;
}

/* Pooled z of table (x1, s - x1), exactly as fgroi__e2_statistics computes it. */
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
  int64_t lo, hi, md;
  e2_support(n1, n2, s, &lo, &hi, &md);
  md = (int64_t)((s * n1) / N); /* z(md) <= 0 < z(md + 1) */
  if (md < lo) md = lo;
  if (md > hi) md = hi;
  double fm = e2_bos_begin(B, s, lo, hi, md, -fabs(e2_pooled_z(n1, n2, s, md)));
  if (fm < 0.0) return -1;
  e2_mseq *m = B->ms + s;
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
  fgroi__e2_tables *T = &B->T;
  int64_t g = T->G + 1, N = T->N;
  B->Bo = malloc(3 * (size_t)g * sizeof *B->Bo);
  if (B->Bo == NULL) return FGROI_E_NO_MEMORY;
  B->Bl = B->Bo + g;
  B->Bh = B->Bl + g;
  fgroi__e2_arcsine_grid(0.0, 1.0, T->G, T->grid);
  int64_t used = 0, cap = 0;
  for (int64_t i = 0; i < g; i++) {
    if ((i & 15) == 0) FGROI__TRY(fgroi__ctl_step(B->ctl, 0.0));
    /* the pmf from its mode outward (as fgroi__e2_binom_pmf) until 1e-25 of the peak */
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
  fgroi__e2_tables *T = &B->T;
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
  FGROI__TRY(fgroi__e2_refine(fgroi__e2_region_prob, T, x, v, T->G + 1, 1e-9, size, &arg));
  *within = *size <= B->alpha;
  return FGROI_OK;
}

/* Candidate level of the reference search: r (1 + 1e-7), r the largest
 * p-value at or below t (0: the empty region). */
/* The level of the reference search's cut at P-value v: P <= v + 1e-7 |v|
 * (fgroi__e2_at_least on the statistic -P). */
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
  fgroi__e2_tables_free(&B.T);
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

double *fgroi__exact2x2_log_factorials(int64_t n) { return fgroi__e2_log_factorials(n); }
