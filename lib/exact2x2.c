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

#include "cond_or.h"
#include "control.h"
#include "exact2x2_engine.h"
#include "exact2x2_region.h"
#include "num.h"


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
fgroi_status fgroi__e2_options(const fgroi_exact2x2_options *in, fgroi_exact2x2_options *o) {
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

fgroi_status fgroi__e2_check_table(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
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
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_BOSCHLOO;
  if (method != FGROI_METHOD_BARNARD && method != FGROI_METHOD_BOSCHLOO &&
      method != FGROI_METHOD_BARNARD_UNPOOLED)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  FGROI__TRY(fgroi__e2_options(options, &o));
  fgroi_exact2x2_two_sided conv =
      o.two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_TWO_SIDED_STATISTIC : o.two_sided;

  if (n1 >= E2_MAX_TEST_TABLES || n2 >= E2_MAX_TEST_TABLES ||
      (n1 + 1) * (n2 + 1) > E2_MAX_TEST_TABLES)
    return FGROI_E_TOO_LARGE;
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, o.control, 1));
  fgroi__e2_tables T;
  FGROI__TRY(fgroi__e2_tables_alloc_ctl(&T, n1, n2, &ctl));
  double lo, hi;
  fgroi__e2_berger_boos_range(x1 + x2, n1 + n2, o.gamma, &lo, &hi);
  double e_obs = 0.0, p = 1.0, arg = 0.5;
  fgroi_status st = FGROI_OK;
  if (alternative != FGROI_TWO_SIDED || conv == FGROI_EXACT2X2_TWO_SIDED_STATISTIC) {
    st = fgroi__e2_pvalue_side(&T, x1, x2, method, alternative, lo, hi, o.tolerance, &e_obs, &p, &arg);
  } else {
    double eg, pg, ag, el, pl, al;
    st = fgroi__e2_pvalue_side(&T, x1, x2, method, FGROI_GREATER, lo, hi, o.tolerance, &eg, &pg, &ag);
    if (st == FGROI_OK)
      st = fgroi__e2_pvalue_side(&T, x1, x2, method, FGROI_LESS, lo, hi, o.tolerance, &el, &pl, &al);
    if (st == FGROI_OK) {
      int g = pg <= pl;
      e_obs = g ? eg : el; arg = g ? ag : al;
      p = fmin(1.0, 2.0 * (g ? pg : pl));
    }
  }
  fgroi__e2_tables_free(&T);
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
  if (method == FGROI_METHOD_BARNARD_UNPOOLED) stat = fgroi__e2_unpooled_z(x1, n1, x2, n2);
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
    for (size_t i = 0; i < T->nt; i++)
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

/* A walk over one margin's tables outward from the mode md in decreasing
 * probability (the left side first on equal pmfs): L and R the next table
 * on each side, fL and fR their pmfs (-1: none), done_a / done_b when a
 * side is exhausted or decided. */
typedef struct {
  int64_t n1, n2, s, lo, hi, L, R;
  double fL, fR;
  int done_a, done_b;
} e2_outward;

static void e2_outward_init(e2_outward *w, int64_t n1, int64_t n2, int64_t s, int64_t lo,
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
static int e2_outward_left(const e2_outward *w) {
  return w->L >= w->lo && (w->R > w->hi || w->fL >= w->fR);
}

static void e2_outward_advance(e2_outward *w, int left) {
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
static int e2_outward_p(const double *vals, int64_t nv, double fx, double cum, double *p) {
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
  if (n1 > E2_MAX_CUTS_N || n2 > E2_MAX_CUTS_N) return FGROI_E_TOO_LARGE;
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
    return FGROI_E_TOO_LARGE;
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

/* Shared setup of the difference test and interval: options, the two-sided
 * convention (double_one_sided by default), log factorials and the cached
 * tables. On FGROI_OK the caller frees *D (e2_diff_free) and *lf. */
static fgroi_status e2_diff_setup(int64_t n1, int64_t n2, fgroi_method method,
                                  const fgroi_exact2x2_options *options, fgroi_exact2x2_options *o,
                                  fgroi_exact2x2_two_sided *conv, double **lf, e2_diff *D,
                                  fgroi__ctl *ctl) {
  FGROI__TRY(fgroi__e2_options(options, o));
  if (o->gamma != 0.0) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__ctl_init(ctl, o->control, 1));
  *conv = o->two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_DOUBLE_ONE_SIDED : o->two_sided;
  *lf = fgroi__e2_log_factorials(n1 > n2 ? n1 : n2);
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
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  FGROI__TRY(fgroi__check_finite(delta0));
  if (!(delta0 > -1.0 && delta0 < 1.0)) return FGROI_E_OUT_OF_RANGE;
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_DIFF_N)) return FGROI_E_TOO_LARGE;
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

fgroi_status fgroi_exact2x2_diff_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                    fgroi_method method, double conf_level,
                                    fgroi_alternative alternative,
                                    const fgroi_exact2x2_options *options,
                                    fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  if (fgroi__sum_exceeds(n1, n2, E2_MAX_DIFF_N)) return FGROI_E_TOO_LARGE;
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

/* ---- odds-ratio intervals: Cornfield, Baptista-Pike (lib/cond_or.c) -------- */

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
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_BAPTISTA_PIKE_MID_P;
  if (method != FGROI_METHOD_BAPTISTA_PIKE && method != FGROI_METHOD_BAPTISTA_PIKE_MID_P &&
      method != FGROI_METHOD_CORNFIELD)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (fgroi__sum_exceeds(n1, n2, FGROI__COND_OR_MAX)) return FGROI_E_TOO_LARGE;
  int64_t s = x1 + x2, N = n1 + n2;
  if (s == 0 || s == N) return FGROI_E_NOT_ESTIMABLE; /* margin fixes the table */
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  /* one-sided: the one-sided exact (or mid-p) conditional test */
  const int central = alternative == FGROI_TWO_SIDED;
  const double alpha = 1.0 - conf_level;
  fgroi__or_kind kind = FGROI__OR_CORNFIELD;
  if (method == FGROI_METHOD_BAPTISTA_PIKE && central) kind = FGROI__OR_BAPTISTA_PIKE;
  if (method == FGROI_METHOD_BAPTISTA_PIKE_MID_P)
    kind = central ? FGROI__OR_BAPTISTA_PIKE_MID_P : FGROI__OR_CORNFIELD_MID_P;
  const double tail = central && method == FGROI_METHOD_CORNFIELD ? alpha / 2.0 : alpha;
  double est, lower, upper;
  FGROI__TRY(fgroi__or_interval(x1, n1, x2, n2, kind, tail, alternative != FGROI_LESS,
                                alternative != FGROI_GREATER, &ctl, &est, &lower, &upper));
  unsigned flags = FGROI_FLAG_EXACT;
  if (isinf(upper) || lower == 0.0) flags |= FGROI_FLAG_UNBOUNDED;
  if (alternative != FGROI_TWO_SIDED) flags |= FGROI_FLAG_ONE_SIDED_LIMIT;
  fgroi_interval full = fgroi__interval(est, lower, upper, conf_level, method, alternative, flags);
  FGROI__TRY(fgroi__emit_interval(out, &full));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}
