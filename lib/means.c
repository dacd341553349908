/* Continuous outcomes: t tests, Wilcoxon signed-rank and Mann-Whitney with
 * Hodges-Lehmann intervals (R's wilcox.test rules), Hedges' g, Cliff's
 * delta and Bland-Altman. Formulas and citations: docs/methods/means.md.
 *
 * The exact rank machinery is one kernel, rank_counts(): the number of
 * subsets of the ranks 1..N with each rank sum, either of any size (the
 * signed-rank null distribution) or of a fixed size m (the rank-sum / Mann-
 * Whitney null distribution). Everything exact (p-values, quantiles,
 * interval order statistics) goes through it. */
#define _DEFAULT_SOURCE 1 /* lgamma_r (glibc, BSD, macOS): reentrant lgamma */
#include <float.h>
#include <stdlib.h>

#include "control.h"
#include "internal.h"
#include "num.h"

/* ---- small helpers --------------------------------------------------------- */

/* (a + b) / 2 without overflow: bit-identical to 0.5 * (a + b) whenever the
 * sum is finite; near DBL_MAX each half is taken first (issue 14). */
static double half_sum(double a, double b) {
  double s = a + b;
  return isfinite(s) ? 0.5 * s : 0.5 * a + 0.5 * b;
}

/* Median of a sorted array of length n >= 1 (two middle values near
 * -DBL_MAX no longer overflow to -inf: fuzz finding 36). */
static double sorted_median(const double *v, size_t n) {
  return (n % 2) ? v[n / 2] : half_sum(v[n / 2 - 1], v[n / 2]);
}

/* R's signif(x, 2). */
static double signif2(double x) {
  if (x == 0.0 || !isfinite(x)) return x;
  double e = floor(log10(fabs(x))) - 1.0;
  double p = pow(10.0, e);
  return nearbyint(x / p) * p;
}

/* Either output requested; each requested one well formed. */
static fgroi_status check_common(double conf_level, fgroi_alternative alternative) {
  FGROI__TRY(fgroi__check_conf(conf_level));
  return fgroi__check_alternative(alternative);
}

/* ---- ranks with ties ------------------------------------------------------- */

typedef struct { double v; size_t i; } keyed;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  return (x->v > y->v) - (x->v < y->v);
}

/* Mid-ranks (1-based, ties averaged, exact equality as R's rank() with
 * digits.rank = Inf) of v[0..n) into rank[]; *tie_term = sum(t^3 - t) over
 * tie groups. `work` has room for n keyed entries. */
static fgroi_status midranks(const double *v, size_t n, keyed *work, double *rank,
                             double *tie_term, fgroi__ctl *ctl) {
  /* first touches of fresh scratch cost real time at 1e6: stepped */
  for (size_t i = 0; i < n; i++) {
    FGROI__TRY(fgroi__ctl_tick(ctl, i, 0.0));
    work[i].v = v[i];
    work[i].i = i;
  }
  FGROI__TRY(fgroi__ctl_sort(work, n, sizeof *work, cmp_keyed, ctl, 0.0, 0.15));
  double tt = 0.0;
  for (size_t a = 0; a < n;) {
    size_t b = a + 1;
    while (b < n && work[b].v == work[a].v) b++;
    double r = 0.5 * ((double)a + 1.0 + (double)b);
    for (size_t k = a; k < b; k++) rank[work[k].i] = r;
    double t = (double)(b - a);
    tt += t * t * t - t;
    a = b;
  }
  *tie_term = tt;
  return FGROI_OK;
}

/* Progress of a Hodges-Lehmann root search: one step per evaluation of
 * the O(n) statistic (milliseconds at 1e6); the fraction creeps from 0.3
 * towards 0.95 (the number of evaluations is not known in advance). A
 * cancelled search returns 0 from then on, so the root finder stops at
 * once; the caller then sees ctl->cancelled. */
static int hl_step(fgroi__ctl *ctl, unsigned *evals) {
  if (ctl == NULL) return 0;
  double e = (double)++*evals;
  return fgroi__ctl_step(ctl, 0.3 + 0.65 * e / (e + 40.0)) != FGROI_OK;
}

/* ---- the exact rank kernel --------------------------------------------------- */

/* Limits on exact enumeration (FGROI_E_TOO_LARGE beyond). */
#define SIGNRANK_EXACT_MAX 400
#define RANKSUM_EXACT_MAX 200

/* Null distribution of a rank statistic as counts over its support:
 * m == 0: subsets of {1..N} of any size by rank sum s = 0..N(N+1)/2
 *         (signed-rank V; total 2^N);
 * m >= 1: subsets of size m by U = rank sum - m(m+1)/2 = 0..m(N-m)
 *         (Mann-Whitney U; total choose(N, m)).
 * Counts are doubles (exact below 2^53, relative accuracy beyond). */
typedef struct {
  double *c;   /* counts, length k + 1 */
  size_t k;    /* largest value of the statistic */
  double total;
} rank_dist;

static fgroi_status rank_counts(size_t N, size_t m, rank_dist *d) {
  if (m == 0) {
    size_t k = N * (N + 1) / 2;
    double *c = calloc(k + 1, sizeof *c);
    if (!c) return FGROI_E_NO_MEMORY;
    c[0] = 1.0;
    for (size_t r = 1, top = 0; r <= N; r++) {
      top += r;
      for (size_t s = top; s >= r; s--) c[s] += c[s - r];
    }
    d->c = c; d->k = k; d->total = ldexp(1.0, (int)N);
    return FGROI_OK;
  }
  /* f[j][u]: subsets of size j of the ranks seen so far, by u = sum - j(j+1)/2 */
  size_t k = m * (N - m), w = k + 1;
  double *f = calloc((m + 1) * w, sizeof *f);
  if (!f) return FGROI_E_NO_MEMORY;
  f[0] = 1.0;
  for (size_t r = 1; r <= N; r++) {
    size_t jmax = r < m ? r : m;
    for (size_t j = jmax; j >= 1; j--) {
      /* u in f[j-1] ranges over 0..(j-1)(r-j) (ranks 1..r-1); adding rank r
       * shifts it by r - j */
      size_t umax = (j - 1) * (r - j);
      double *dst = f + j * w + (r - j), *src = f + (j - 1) * w;
      for (size_t u = 0; u <= umax && u + (r - j) < w; u++) dst[u] += src[u];
    }
  }
  double *c = malloc(w * sizeof *c);
  if (!c) { free(f); return FGROI_E_NO_MEMORY; }
  memcpy(c, f + m * w, w * sizeof *c);
  free(f);
  /* the total, choose(N, m), as the sum of the counts themselves */
  d->c = c; d->k = k; d->total = fgroi__sum(c, w);
  return FGROI_OK;
}

/* P(S <= q) */
static double dist_lower(const rank_dist *d, double q) {
  if (q < 0.0) return 0.0;
  size_t top = q >= (double)d->k ? d->k : (size_t)q;
  return fmin(1.0, fgroi__sum(d->c, top + 1) / d->total);
}

/* P(S >= q) */
static double dist_upper(const rank_dist *d, double q) {
  if (q <= 0.0) return 1.0;
  if (q > (double)d->k) return 0.0;
  size_t lo = (size_t)ceil(q);
  return fmin(1.0, fgroi__sum(d->c + lo, d->k - lo + 1) / d->total);
}

/* Quantile as R's qsignrank / qwilcox (with their 10 DBL_EPSILON fuzz). */
static double dist_quantile(const rank_dist *d, double x) {
  double p = 0.0;
  size_t q = 0;
  if (x <= 0.5) {
    x -= 10.0 * DBL_EPSILON;
    for (;; q++) {
      p += d->c[q] / d->total;
      if (p >= x || q == d->k) break;
    }
    return (double)q;
  }
  x = 1.0 - x + 10.0 * DBL_EPSILON;
  for (;; q++) {
    p += d->c[q] / d->total;
    if (p > x || q == d->k) break;
  }
  return (double)(d->k - q);
}

/* Exact p-value of an observed statistic s with mean k/2, as R. */
static double exact_p(const rank_dist *d, double s, fgroi_alternative alt) {
  switch (alt) {
    case FGROI_GREATER: return dist_upper(d, s);
    case FGROI_LESS: return dist_lower(d, s);
    default: {
      double p = s > 0.5 * (double)d->k ? dist_upper(d, s) : dist_lower(d, s);
      return fmin(1.0, 2.0 * p);
    }
  }
}

/* Order-statistic interval from sorted candidates v[0..K) (K = d->k for
 * the rank sum, k for signed rank), as R: limits v[qu], v[K - qu + 1]
 * (1-based) with qu the alpha (or alpha/2) quantile, at least 1.
 * Returns the achieved alpha in *achieved. */
static void exact_order_ci(const rank_dist *d, const double *v, double conf,
                           fgroi_alternative alt, double *lo, double *hi, double *achieved) {
  double alpha = 1.0 - conf;
  double K = (double)d->k;
  double qu = dist_quantile(d, fgroi__alpha_tail(alpha, alt));
  if (qu == 0.0) qu = 1.0;
  double ql = K - qu;
  double a = dist_lower(d, qu - 1.0);
  *achieved = alt == FGROI_TWO_SIDED ? 2.0 * a : a;
  *lo = alt == FGROI_LESS ? -INFINITY : v[(size_t)qu - 1];
  *hi = alt == FGROI_GREATER ? INFINITY : v[(size_t)ql];
}

/* ---- R's uniroot on the rank statistic (normal-approximation HL) ---------- */

/* R's default tol.root for wilcox.test's uniroot calls. */
#define WILCOX_TOL_ROOT 1e-4

typedef double (*step_fn)(double d, void *ctx);

/* The standardised statistic is a non-increasing step function of the
 * shift; R finds its crossing with uniroot(tol = 1e-4), so the answer is
 * the point R's zeroin lands on (within 1e-4 of the jump, or inside a zero
 * plateau). fgroi__zeroin reproduces that point. NaN on failure. */
static double r_uniroot(step_fn g, void *ctx, double lo, double hi, double glo, double ghi) {
  double r = NAN;
  if ((glo > 0.0 && ghi > 0.0) || (glo < 0.0 && ghi < 0.0)) return NAN;
  if (fgroi__zeroin(g, ctx, lo, hi, glo, ghi, WILCOX_TOL_ROOT, 0.0, 1000, &r) != FGROI_OK)
    return NAN;
  return r;
}

/* ---- t tests ---------------------------------------------------------------- */

/* Mean and standard deviation of d[0..n), n >= 2 (as_se: the standard
 * error sd / sqrt(n)). Squares of values above 2^500 overflow (1e200^2)
 * and of values below 2^-500 underflow ({1e-300, 0} had variance 0): then
 * the data are scaled by a power of two and the results scaled back
 * (issue 14), so sd is finite and nonzero whenever it is representable. */
static void mean_se(const double *d, size_t n, double *mean, double *out, int as_se) {
  double amax = 0.0;
  for (size_t i = 0; i < n; i++) amax = fmax(amax, fabs(d[i]));
  if (amax > 0x1p500 || (amax > 0.0 && amax < 0x1p-500)) {
    double sc = ldexp(1.0, ilogb(amax)), sum = 0.0, ss = 0.0, cc = 0.0;
    for (size_t i = 0; i < n; i++) sum += d[i] / sc / (double)n;
    for (size_t i = 0; i < n; i++) {
      double e = d[i] / sc - sum, y = e * e - cc, t = ss + y;
      cc = (t - ss) - y;
      ss = t;
    }
    *mean = sum * sc;
    *out = sqrt(ss / (double)(n - 1) / (as_se ? (double)n : 1.0)) * sc;
  } else {
    double var;
    fgroi__mean_var(d, n, mean, &var);
    *out = sqrt(as_se ? var / (double)n : var);
  }
}

static fgroi_status t_one_core(const double *d, size_t n, double mu, double conf,
                               fgroi_alternative alt, fgroi_method m, fgroi_interval *ci,
                               fgroi_test *test) {
  if (n == 1) return FGROI_E_TOO_FEW;
  double mean, se;
  mean_se(d, n, &mean, &se, 1);
  if (!(se > 0.0))
    for (size_t i = 1; i < n; i++)
      if (d[i] != d[0]) return FGROI_E_OUT_OF_RANGE; /* SE below the smallest double */
  if (!(se > 0.0) || se < 10.0 * DBL_EPSILON * fabs(mean)) return FGROI_E_ZERO_VARIANCE;
  if (!isfinite(se) || !isfinite(mean)) return FGROI_E_OVERFLOW;
  fgroi_interval c; fgroi_test t;
  fgroi__t_finish(mean, se, (double)n - 1.0, mu, conf, alt, m, &c, &t);
  /* a limit beyond the doubles is an overflow, not an unflagged infinity */
  if ((alt != FGROI_LESS && !isfinite(c.lower)) || (alt != FGROI_GREATER && !isfinite(c.upper)) ||
      isnan(t.statistic))
    return FGROI_E_OVERFLOW;
  return fgroi__emit_ci_test(ci, &c, test, &t);
}

/* Validate one finite sample, its null value and the common arguments. */
static fgroi_status check_one(const double *x, size_t n, double mu, double conf_level,
                              fgroi_alternative alternative) {
  if (x == NULL) return FGROI_E_NULL;
  FGROI__TRY(check_common(conf_level, alternative));
  FGROI__TRY(fgroi__check_finite(mu));
  if (n == 0) return FGROI_E_EMPTY;
  return fgroi__check_finite_array(x, n);
}

FGROI_API fgroi_status fgroi_means_t_one(const double *x, size_t n, double mu,
                                         double conf_level, fgroi_alternative alternative,
                                         fgroi_interval *ci, fgroi_test *test) {
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  FGROI__TRY(check_one(x, n, mu, conf_level, alternative));
  return t_one_core(x, n, mu, conf_level, alternative, FGROI_METHOD_STUDENT, ci, test);
}

/* Differences x - y into a fresh buffer after validating both arrays. */
static fgroi_status paired_diffs(const double *x, const double *y, size_t n, double **out) {
  if (x == NULL || y == NULL) return FGROI_E_NULL;
  if (n == 0) return FGROI_E_EMPTY;
  FGROI__TRY(fgroi__check_finite_array(x, n));
  FGROI__TRY(fgroi__check_finite_array(y, n));
  double *d = malloc(n * sizeof *d);
  if (!d) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < n; i++) {
    d[i] = x[i] - y[i];
    if (!isfinite(d[i])) { free(d); return FGROI_E_INFINITE; }
  }
  *out = d;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_means_t_paired(const double *x, const double *y, size_t n,
                                            double mu, double conf_level,
                                            fgroi_alternative alternative,
                                            fgroi_interval *ci, fgroi_test *test) {
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  FGROI__TRY(check_common(conf_level, alternative));
  FGROI__TRY(fgroi__check_finite(mu));
  double *d;
  FGROI__TRY(paired_diffs(x, y, n, &d));
  fgroi_status s = t_one_core(d, n, mu, conf_level, alternative, FGROI_METHOD_PAIRED_T, ci, test);
  free(d);
  return s;
}

/* Validate two finite samples. */
static fgroi_status check_two(const double *x, size_t nx, const double *y, size_t ny) {
  if (x == NULL || y == NULL) return FGROI_E_NULL;
  if (nx == 0 || ny == 0) return FGROI_E_EMPTY;
  FGROI__TRY(fgroi__check_finite_array(x, nx));
  return fgroi__check_finite_array(y, ny);
}

FGROI_API fgroi_status fgroi_means_t_two(const double *x, size_t nx, const double *y,
                                         size_t ny, double mu, fgroi_method method,
                                         double conf_level, fgroi_alternative alternative,
                                         fgroi_interval *ci, fgroi_test *test) {
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_WELCH;
  if (method != FGROI_METHOD_WELCH && method != FGROI_METHOD_STUDENT) return FGROI_E_METHOD;
  FGROI__TRY(check_common(conf_level, alternative));
  FGROI__TRY(fgroi__check_finite(mu));
  FGROI__TRY(check_two(x, nx, y, ny));
  double mx, vx, my, vy, se, df;
  if (method == FGROI_METHOD_WELCH ? (nx < 2 || ny < 2) : (nx + ny < 3)) return FGROI_E_TOO_FEW;
  /* squares of values above 2^500 overflow and below 2^-500 underflow (and
   * Welch's df takes fourth powers): the samples are scaled by one power of
   * two, the estimate and SE scaled back (issue 14, as t_one) */
  double amax = 0.0, sc = 1.0;
  for (size_t i = 0; i < nx; i++) amax = fmax(amax, fabs(x[i]));
  for (size_t i = 0; i < ny; i++) amax = fmax(amax, fabs(y[i]));
  if (amax > 0x1p250 || (amax > 0.0 && amax < 0x1p-250)) sc = ldexp(1.0, ilogb(amax));
  if (sc != 1.0) {
    double *xs = malloc(nx * sizeof *xs), *ys = malloc(ny * sizeof *ys);
    if (!xs || !ys) { free(xs); free(ys); return FGROI_E_NO_MEMORY; }
    for (size_t i = 0; i < nx; i++) xs[i] = x[i] / sc;
    for (size_t i = 0; i < ny; i++) ys[i] = y[i] / sc;
    fgroi__mean_var(xs, nx, &mx, &vx);
    fgroi__mean_var(ys, ny, &my, &vy);
    free(xs);
    free(ys);
  } else {
    fgroi__mean_var(x, nx, &mx, &vx);
    fgroi__mean_var(y, ny, &my, &vy);
  }
  if (method == FGROI_METHOD_STUDENT) {
    df = (double)nx + (double)ny - 2.0;
    double v = ((double)(nx - 1) * vx + (double)(ny - 1) * vy) / df;
    se = sqrt(v * (1.0 / (double)nx + 1.0 / (double)ny));
  } else {
    double sx2 = vx / (double)nx, sy2 = vy / (double)ny;
    se = sqrt(sx2 + sy2);
    df = (se * se) * (se * se) /
         (sx2 * sx2 / ((double)nx - 1.0) + sy2 * sy2 / ((double)ny - 1.0));
  }
  if (!(se > 0.0) || se < 10.0 * DBL_EPSILON * fmax(fabs(mx), fabs(my)))
    return FGROI_E_ZERO_VARIANCE;
  double est = (mx - my) * sc;
  se *= sc;
  if (!(se > 0.0)) return FGROI_E_OUT_OF_RANGE; /* below the smallest double */
  if (!isfinite(se) || !isfinite(est)) return FGROI_E_OVERFLOW;
  fgroi_interval c; fgroi_test t;
  fgroi__t_finish(est, se, df, mu, conf_level, alternative, method, &c, &t);
  /* a limit beyond the doubles is an overflow, not an unflagged infinity */
  if ((alternative != FGROI_LESS && !isfinite(c.lower)) ||
      (alternative != FGROI_GREATER && !isfinite(c.upper)) || isnan(t.statistic))
    return FGROI_E_OVERFLOW;
  return fgroi__emit_ci_test(ci, &c, test, &t);
}

/* R's continuity correction of a centred rank statistic z. */
static double continuity(double z, fgroi_alternative alt) {
  if (alt == FGROI_TWO_SIDED) return z > 0.0 ? 0.5 : (z < 0.0 ? -0.5 : 0.0);
  return alt == FGROI_GREATER ? 0.5 : -0.5;
}

/* The normal approximation of R's wilcox.test: (dev - correction) / sigma
 * for a rank statistic centred at its null mean (dev) with null sd sigma. */
static double rank_z(double dev, double sigma, int correct, fgroi_alternative alt) {
  double corr = correct ? continuity(dev, alt) : 0.0;
  return (dev - corr) / sigma;
}

/* Signed rank: V (sum of the positive ranks) among m non-zero differences
 * with tie term tt (sum of t^3 - t), standardised. */
static double sr_z(double V, size_t m, double tt, int correct, fgroi_alternative alt) {
  double nn = (double)m;
  double sigma = sqrt(nn * (nn + 1.0) * (2.0 * nn + 1.0) / 24.0 - tt / 48.0);
  return rank_z(V - nn * (nn + 1.0) / 4.0, sigma, correct, alt);
}

/* Rank sum: null sd of the rank sum of nx against ny with tie term tt. */
static double mw_sigma(size_t nx, size_t ny, double tt) {
  double fx = (double)nx, fy = (double)ny, fN = (double)(nx + ny);
  return sqrt((fx * fy / 12.0) * ((fN + 1.0) - tt / (fN * (fN - 1.0))));
}

/* Rank sum sx of x (nx values) against ny values, standardised. */
static double mw_z(double sx, size_t nx, size_t ny, double tt, int correct,
                   fgroi_alternative alt) {
  double fx = (double)nx, fy = (double)ny;
  return rank_z(sx - fx * (fx + 1.0) / 2.0 - fx * fy / 2.0, mw_sigma(nx, ny, tt), correct, alt);
}

/* ---- Wilcoxon signed rank ---------------------------------------------------- */

typedef struct {
  const double *x;   /* non-zero-difference values (x + mu as R) */
  size_t n;
  double *buf, *absv, *rank; /* n scratch each */
  keyed *work;       /* n scratch */
  fgroi_alternative alt;
  int correct;
  double zq;
  const double *xs;  /* NULL, or x sorted ascending: the O(n) statistic */
  fgroi__ctl *ctl;   /* progress and cancellation (NULL: none) */
  unsigned evals;
} sr_ctx;

/* An ascending sequence read as sign (p[start + step k] - shift), k < n. */
typedef struct {
  const double *p;
  ptrdiff_t start, step;
  size_t n;
  double shift, sign;
} asc_seq;

static double asc_at(const asc_seq *q, size_t k) {
  return q->sign * (q->p[q->start + q->step * (ptrdiff_t)k] - q->shift);
}

/* Mid-rank sums of the values of a (*ra) and of b (*rb) in their union,
 * and the tie term sum (t^3 - t) over tie groups (*tt), by a merge of the
 * two ascending sequences: the same mid-ranks and tie groups, in the same
 * ascending order, as midranks() on the union (rank sums are
 * half-integers below 2^53, exact in any order). A NaN stops the merge
 * with NaN sums (no progress, no hang). */
static void rank_merge(const asc_seq *a, const asc_seq *b, double *ra, double *rb, double *tt) {
  size_t i = 0, j = 0, below = 0;
  double sa = 0.0, sb = 0.0, t3 = 0.0;
  while (i < a->n || j < b->n) {
    double va = i < a->n ? asc_at(a, i) : INFINITY, vb = j < b->n ? asc_at(b, j) : INFINITY;
    double v = va < vb ? va : vb;
    size_t ta = 0, tb = 0;
    while (i < a->n && asc_at(a, i) == v) { i++; ta++; }
    while (j < b->n && asc_at(b, j) == v) { j++; tb++; }
    if (ta + tb == 0) { sa = sb = NAN; break; }
    double t = (double)(ta + tb);
    double r = 0.5 * ((double)below + 1.0 + (double)(below + ta + tb));
    sa += (double)ta * r;
    sb += (double)tb * r;
    t3 += t * t * t - t;
    below += ta + tb;
  }
  *ra = sa;
  *rb = sb;
  *tt = t3;
}

/* The signed-rank statistic of the nonzero values of xs[i] - d (xs sorted
 * ascending) without sorting: the differences are sorted too (rounding is
 * monotone), so the absolute values are the merge of the negatives read
 * backwards and the positives. Same mid-ranks, same tie groups in the same
 * ascending order, hence the same doubles as midranks() (rank sums are
 * half-integers below 2^53, exact in any order): O(n) per call against
 * O(n log n) (issue 16: Hodges-Lehmann at 1e6 took 15 s). */
static void sr_stat_sorted(const double *xs, size_t n, double d, double *pos, double *tt,
                           size_t *m) {
  size_t neg = 0, z = 0;
  while (neg < n && xs[neg] - d < 0.0) neg++;
  z = neg;
  while (z < n && xs[z] - d == 0.0) z++;
  /* A: |negatives| ascending = xs[neg-1], xs[neg-2], ...; B: xs[z..n) */
  const asc_seq A = { xs, (ptrdiff_t)neg - 1, -1, neg, d, -1.0 };
  const asc_seq B = { xs, (ptrdiff_t)z, 1, n - z, d, 1.0 };
  double ra;
  rank_merge(&A, &B, &ra, pos, tt);
  *m = n - (z - neg);
}

/* R's W(d) for the signed-rank interval: standardised statistic of x - d. */
static double sr_W(double d, void *vctx) {
  sr_ctx *c = vctx;
  if (hl_step(c->ctl, &c->evals)) return 0.0;
  if (c->xs != NULL) {
    double pos, tt;
    size_t m;
    sr_stat_sorted(c->xs, c->n, d, &pos, &tt, &m);
    return sr_z(pos, m, tt, c->correct, c->alt) - c->zq;
  }
  size_t m = 0;
  for (size_t i = 0; i < c->n; i++) {
    double v = c->x[i] - d;
    if (v != 0.0) c->buf[m++] = v;
  }
  /* ranks of |x - d| (zeros dropped), into rank[] via the abs values */
  double tt, pos = 0.0;
  for (size_t i = 0; i < m; i++) c->absv[i] = fabs(c->buf[i]);
  (void)midranks(c->absv, m, c->work, c->rank, &tt, NULL); /* no control: cannot fail */
  for (size_t i = 0; i < m; i++) if (c->buf[i] > 0.0) pos += c->rank[i];
  return sr_z(pos, m, tt, c->correct, c->alt) - c->zq;
}

/* The signed-rank and rank-sum cores are split as R's wilcox.test: the
 * statistic with its tie and zero bookkeeping (sr_statistic,
 * mw_statistic); the p-value, exact or normal with or without continuity
 * correction (rank_test, from the exact null distribution or sr_z / mw_z);
 * the interval with its Hodges-Lehmann estimate, exact (hl_exact on the
 * Walsh averages or the pairwise differences) or normal
 * (sr_interval_normal, mw_interval_normal). signrank_core and
 * fgroi_means_mann_whitney_ctl compose them after the limit checks. The
 * shared pieces come first. */

/* The method is one the rank tests know. */
static fgroi_status check_rank_method(fgroi_method method) {
  if (method != FGROI_METHOD_DEFAULT && method != FGROI_METHOD_EXACT &&
      method != FGROI_METHOD_NORMAL && method != FGROI_METHOD_NORMAL_UNCORRECTED)
    return FGROI_E_METHOD;
  return FGROI_OK;
}

/* R's choice of null distribution: method exact needs clean data (no ties,
 * no zeros: FGROI_E_METHOD otherwise); the default is exact for small,
 * clean samples; every other method is normal. */
static fgroi_status rank_exact(fgroi_method method, int small, int clean, int *exact) {
  if (method == FGROI_METHOD_EXACT) {
    if (!clean) return FGROI_E_METHOD;
    *exact = 1;
  } else {
    *exact = method == FGROI_METHOD_DEFAULT && small && clean;
  }
  return FGROI_OK;
}

/* The test result of a rank statistic s: its p-value from the exact null
 * distribution when dist is given, else from the normal deviate z (already
 * continuity-corrected when `correct`), with the flags R's htest implies
 * on top of `flags`. */
static fgroi_test rank_test(double s, const rank_dist *dist, double z, int correct, int ties,
                            double mu, fgroi_method method, fgroi_alternative alt,
                            unsigned flags) {
  if (dist != NULL)
    return fgroi__test(s, NAN, exact_p(dist, s, alt), mu, method, alt, flags | FGROI_FLAG_EXACT);
  double p = fgroi__p_normal(z, alt);
  flags |= FGROI_FLAG_NORMAL_APPROX | (correct ? FGROI_FLAG_CONTINUITY : 0u) |
           (ties ? FGROI_FLAG_TIES : 0u);
  return fgroi__test(s, NAN, fgroi__clamp01(p), mu, method, alt,
                     flags | (p == 0.0 ? FGROI_FLAG_P_FLOOR : 0u));
}

/* The exact interval and Hodges-Lehmann estimate from the K candidates
 * v[] (Walsh averages or pairwise differences; sorted here): R's order
 * statistics, and the level R reports when the requested one cannot be
 * reached (signed rank: 1 - signif(achieved, 2); rank sum: 1 - achieved). */
static fgroi_status hl_exact(const rank_dist *d, double *v, size_t K, double conf,
                             fgroi_alternative alt, int signif, fgroi_interval *c) {
  qsort(v, K, sizeof *v, fgroi__cmp_double);
  double lo, hi, achieved, alpha = 1.0 - conf, level = conf;
  exact_order_ci(d, v, conf, alt, &lo, &hi, &achieved);
  if (achieved - alpha > alpha / 2.0) level = 1.0 - (signif ? signif2(achieved) : achieved);
  /* R reports conf.level 0 when no order statistic reaches any level
   * (n = 1): that is no interval (issue 14) */
  if (!(level > 0.0)) return FGROI_E_TOO_FEW;
  *c = fgroi__interval(sorted_median(v, K), lo, hi, level, FGROI_METHOD_HODGES_LEHMANN, alt,
                       FGROI_FLAG_EXACT);
  return FGROI_OK;
}

/* The normal Hodges-Lehmann estimate: R's root of the uncorrected,
 * uncentred statistic g (the caller has set its context so) on [lo, hi]. */
static double hl_root(step_fn g, void *ctx, double lo, double hi) {
  double e0 = g(lo, ctx);
  double e1 = g(hi, ctx);
  return r_uniroot(g, ctx, lo, hi, e0, e1);
}

/* The normal interval's closing checks: cancellation, convergence, and
 * both limits within R's uniroot tolerance (1e-4) of one jump, which can
 * land in the wrong order at levels near 0.5 (both points kept). */
static fgroi_status hl_finish(const fgroi__ctl *ctl, double est, double *lo, double *hi) {
  if (ctl != NULL && ctl->cancelled) return FGROI_E_CANCELLED;
  if (isnan(est) || isnan(*lo) || isnan(*hi)) return FGROI_E_NO_CONVERGENCE;
  if (*lo > *hi) { double tmp = *lo; *lo = *hi; *hi = tmp; }
  return FGROI_OK;
}

/* -- signed rank -- */

/* The signed-rank statistic of differences d[0..n) (x - mu) and its
 * bookkeeping; the scratch arrays (m each, m the number of non-zero
 * differences) belong to the caller. */
typedef struct {
  double *nz, *absd, *rank, *buf; /* nz: the non-zero differences, then + mu */
  keyed *work;
  size_t m;
  double V, tt;                   /* sum of the positive ranks; sum(t^3 - t) */
  int zeros, ties;
} sr_stat;

static fgroi_status sr_statistic(const double *d, size_t n, double mu, fgroi__ctl *ctl,
                                 sr_stat *s) {
  size_t m = s->m;
  for (size_t i = 0, j = 0; i < n; i++) {
    FGROI__TRY(fgroi__ctl_tick(ctl, i, 0.0));
    if (d[i] != 0.0) { s->nz[j] = d[i]; s->absd[j] = fabs(d[i]); j++; }
  }
  s->zeros = m < n;
  FGROI__TRY(midranks(s->absd, m, s->work, s->rank, &s->tt, ctl));
  double V = 0.0;
  for (size_t i = 0; i < m; i++) if (s->nz[i] > 0.0) V += s->rank[i];
  s->V = V;
  s->ties = s->tt > 0.0;
  for (size_t i = 0; i < m; i++) s->nz[i] += mu; /* back on the data scale, as R */
  return FGROI_OK;
}

/* R's widening of the signed-rank normal interval: alpha doubles while
 * the statistic's range [Wmax, Wmin] cannot reach the level; returns the
 * level R reports, alpha in *alpha_out. */
static double sr_widen(double Wmin, double Wmax, double conf, fgroi_alternative alt,
                       double *alpha_out) {
  double alpha = 1.0 - conf, level = conf;
  for (;;) {
    int widen = 0;
    if (alt == FGROI_TWO_SIDED)
      widen = Wmin - fgroi__qnorm(alpha / 2.0, 0) < 0.0 || Wmax - fgroi__qnorm(alpha / 2.0, 1) > 0.0;
    else if (alt == FGROI_GREATER)
      widen = Wmin - fgroi__qnorm(alpha, 0) < 0.0;
    else
      widen = Wmax - fgroi__qnorm(alpha / 2.0, 1) > 0.0; /* R uses alpha/2 here */
    if (!widen || alpha >= 1.0) break;
    alpha *= 2.0;
  }
  if (alpha >= 1.0 || 1.0 - conf < alpha * 0.75) level = 1.0 - fmin(1.0, alpha);
  *alpha_out = alpha;
  return level;
}

/* R's signed-rank normal limits at alpha (after widening; alpha < 1, as
 * alpha = 1 is conf.level 0, refused before): roots of the standardised
 * statistic. R's median(x) for alpha = 1 cannot be reached. */
static void sr_limits(sr_ctx *cx, double mumin, double mumax, double Wmin, double Wmax,
                      double alpha, double *lo, double *hi) {
  fgroi_alternative alt = cx->alt;
  double tail = fgroi__alpha_tail(alpha, alt);
  double q = fgroi__qnorm(tail, alt == FGROI_LESS);
  cx->zq = q;
  if (alt != FGROI_LESS) *lo = r_uniroot(sr_W, cx, mumin, mumax, Wmin - q, Wmax - q);
  else *hi = r_uniroot(sr_W, cx, mumin, mumax, Wmin - q, Wmax - q);
  if (alt == FGROI_TWO_SIDED) {
    cx->zq = -q;
    *hi = r_uniroot(sr_W, cx, mumin, mumax, Wmin + q, Wmax + q);
  }
}

/* The signed-rank normal interval and Hodges-Lehmann estimate (R's
 * uniroot on the statistic of x - shift). */
static fgroi_status sr_interval_normal(sr_stat *s, double conf, fgroi_alternative alt,
                                       int correct, fgroi__ctl *ctl, fgroi_interval *c) {
  const double *nz = s->nz;
  size_t m = s->m;
  double mumin = nz[0], mumax = nz[0];
  for (size_t i = 1; i < m; i++) { mumin = fmin(mumin, nz[i]); mumax = fmax(mumax, nz[i]); }
  if (mumin == mumax) return FGROI_E_ZERO_VARIANCE;
  /* the shifts searched span mumin .. mumax and x - shift spans their
   * difference: beyond DBL_MAX there are no finite limits (issue 14) */
  if (!isfinite(mumax - mumin)) return FGROI_E_OUT_OF_RANGE;
  /* sorted copy: the O(n) statistic */
  double *buf = s->buf;
  memcpy(buf, nz, m * sizeof *buf);
  FGROI__TRY(fgroi__ctl_sort(buf, m, sizeof *buf, fgroi__cmp_double, ctl, 0.15, 0.3));
  sr_ctx cx = { nz, m, NULL, s->absd, s->rank, s->work, alt, correct, 0.0, buf, ctl, 0 };
  double Wmin = sr_W(mumin, &cx), Wmax = sr_W(mumax, &cx);
  if (ctl != NULL && ctl->cancelled) return FGROI_E_CANCELLED;
  double alpha, level = sr_widen(Wmin, Wmax, conf, alt, &alpha);
  /* widened to alpha = 1: R's interval of conf.level 0 is no interval
   * at all (issue 14) */
  if (!(level > 0.0)) return FGROI_E_TOO_FEW;
  double lo = -INFINITY, hi = INFINITY;
  sr_limits(&cx, mumin, mumax, Wmin, Wmax, alpha, &lo, &hi);
  cx.correct = 0; cx.zq = 0.0;
  double est = hl_root(sr_W, &cx, mumin, mumax);
  FGROI__TRY(hl_finish(ctl, est, &lo, &hi));
  *c = fgroi__interval(est, lo, hi, level, FGROI_METHOD_HODGES_LEHMANN, alt,
                       FGROI_FLAG_NORMAL_APPROX | (correct ? FGROI_FLAG_CONTINUITY : 0u) |
                           (s->ties ? FGROI_FLAG_TIES : 0u));
  return FGROI_OK;
}

/* The m(m+1)/2 Walsh averages of v[0..m) into a fresh buffer. */
static fgroi_status walsh_averages(const double *v, size_t m, double **out) {
  size_t K = m * (m + 1) / 2, k = 0;
  double *w = malloc(K * sizeof *w);
  if (!w) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < m; i++)
    for (size_t j = i; j < m; j++) w[k++] = half_sum(v[i], v[j]);
  *out = w;
  return FGROI_OK;
}

/* Signed-rank test on differences d[0..n) (already x - mu): statistic,
 * p-value, interval. */
static fgroi_status signrank_core(const double *d, size_t n, double mu, fgroi_method method,
                                  double conf, fgroi_alternative alt, fgroi__ctl *ctl,
                                  fgroi_interval *ci, fgroi_test *test) {
  FGROI__TRY(check_rank_method(method));
  size_t m = 0;
  for (size_t i = 0; i < n; i++) m += d[i] != 0.0;
  if (m == 0) return FGROI_E_ZERO_VARIANCE;
  if (method == FGROI_METHOD_EXACT && m > SIGNRANK_EXACT_MAX) /* before any work */
    return fgroi__too_large(ctl ? ctl->control : NULL, "non-zero differences", (double)m,
                            SIGNRANK_EXACT_MAX, "the exact signed-rank distribution",
                            "method = normal");
  fgroi_status st = FGROI_OK;
  sr_stat s = { malloc(m * sizeof(double)), malloc(m * sizeof(double)),
                malloc(m * sizeof(double)), malloc(m * sizeof(double)),
                malloc(m * sizeof(keyed)), m, 0.0, 0.0, 0, 0 };
  double *walsh = NULL;
  rank_dist dist = { NULL, 0, 0.0 };
  if (!s.nz || !s.absd || !s.rank || !s.buf || !s.work) { st = FGROI_E_NO_MEMORY; goto done; }
  if ((st = sr_statistic(d, n, mu, ctl, &s)) != FGROI_OK) goto done;
  int exact;
  if ((st = rank_exact(method, m < 50, !s.ties && !s.zeros, &exact)) != FGROI_OK) goto done;
  if (exact && m > SIGNRANK_EXACT_MAX) { st = FGROI_E_TOO_LARGE; goto done; } /* unreachable */
  const unsigned zflag = s.zeros ? FGROI_FLAG_ZEROS_DROPPED : 0u;
  const int correct = method != FGROI_METHOD_NORMAL_UNCORRECTED; /* R's correct = FALSE */
  fgroi_test t;
  fgroi_interval c = fgroi__interval(NAN, NAN, NAN, conf, FGROI_METHOD_HODGES_LEHMANN, alt, 0);
  if (exact) {
    if ((st = rank_counts(m, 0, &dist)) != FGROI_OK) goto done;
    t = rank_test(s.V, &dist, NAN, 0, 0, mu, FGROI_METHOD_WILCOXON, alt, zflag);
    if (ci && ((st = walsh_averages(s.nz, m, &walsh)) != FGROI_OK ||
               (st = hl_exact(&dist, walsh, m * (m + 1) / 2, conf, alt, 1, &c)) != FGROI_OK))
      goto done;
  } else {
    t = rank_test(s.V, NULL, sr_z(s.V, m, s.tt, correct, alt), correct, s.ties, mu,
                  FGROI_METHOD_WILCOXON, alt, zflag);
    if (ci && (st = sr_interval_normal(&s, conf, alt, correct, ctl, &c)) != FGROI_OK) goto done;
  }
  st = fgroi__emit_ci_test(ci, &c, test, &t);
done:
  free(s.nz); free(s.absd); free(s.rank); free(s.buf); free(s.work); free(walsh); free(dist.c);
  return st;
}
/* The signed-rank test of d[0..n) - mu (d: a fresh buffer, freed here;
 * a shift beyond DBL_MAX is FGROI_E_INFINITE, as paired_diffs). */
static fgroi_status signrank_shifted(double *d, size_t n, double mu, fgroi_method method,
                                     double conf, fgroi_alternative alt, fgroi__ctl *ctl,
                                     fgroi_interval *ci, fgroi_test *test) {
  for (size_t i = 0; i < n; i++) {
    if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) { free(d); return FGROI_E_CANCELLED; }
    d[i] -= mu;
    if (!isfinite(d[i])) { free(d); return FGROI_E_INFINITE; }
  }
  fgroi_status s = signrank_core(d, n, mu, method, conf, alt, ctl, ci, test);
  free(d);
  if (s == FGROI_OK) fgroi__ctl_done(ctl);
  return s;
}

FGROI_API fgroi_status fgroi_means_wilcoxon_one(const double *x, size_t n, double mu,
                                                fgroi_method method, double conf_level,
                                                fgroi_alternative alternative,
                                                fgroi_interval *ci, fgroi_test *test) {
  return fgroi_means_wilcoxon_one_ctl(x, n, mu, method, conf_level, alternative, NULL, ci, test);
}

static fgroi_status fgroi_means_wilcoxon_one_ctl_body(const double *x, size_t n, double mu,
                                                      fgroi_method method, double conf_level,
                                                      fgroi_alternative alternative,
                                                      const fgroi_control *control,
                                                      fgroi_interval *ci, fgroi_test *test) {
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  FGROI__TRY(check_one(x, n, mu, conf_level, alternative));
  double *d = malloc(n * sizeof *d);
  if (!d) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < n; i += FGROI__CTL_TICK_MASK + 1) { /* stepped first touches */
    if (fgroi__ctl_step(&ctl, 0.0) != FGROI_OK) { free(d); return FGROI_E_CANCELLED; }
    size_t k = n - i < FGROI__CTL_TICK_MASK + 1 ? n - i : FGROI__CTL_TICK_MASK + 1;
    memcpy(d + i, x + i, k * sizeof *d);
  }
  return signrank_shifted(d, n, mu, method, conf_level, alternative, &ctl, ci, test);
}

FGROI_API fgroi_status fgroi_means_wilcoxon_one_ctl(const double *x, size_t n, double mu,
                                                    fgroi_method method, double conf_level,
                                                    fgroi_alternative alternative,
                                                    const fgroi_control *control,
                                                    fgroi_interval *ci, fgroi_test *test) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_means_wilcoxon_one_ctl_body(x, n, mu, method,
                            conf_level, alternative, control, ci, test),
                            "fgroi_means_wilcoxon_one_ctl");
}

FGROI_API fgroi_status fgroi_means_wilcoxon_paired(const double *x, const double *y, size_t n,
                                                   double mu, fgroi_method method,
                                                   double conf_level,
                                                   fgroi_alternative alternative,
                                                   fgroi_interval *ci, fgroi_test *test) {
  return fgroi_means_wilcoxon_paired_ctl(x, y, n, mu, method, conf_level, alternative, NULL, ci,
                                         test);
}

static fgroi_status fgroi_means_wilcoxon_paired_ctl_body(const double *x, const double *y,
                                                         size_t n, double mu, fgroi_method method,
                                                         double conf_level,
                                                         fgroi_alternative alternative,
                                                         const fgroi_control *control,
                                                         fgroi_interval *ci, fgroi_test *test) {
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  FGROI__TRY(check_common(conf_level, alternative));
  FGROI__TRY(fgroi__check_finite(mu));
  double *d;
  FGROI__TRY(paired_diffs(x, y, n, &d));
  return signrank_shifted(d, n, mu, method, conf_level, alternative, &ctl, ci, test);
}

FGROI_API fgroi_status fgroi_means_wilcoxon_paired_ctl(const double *x, const double *y, size_t n,
                                                       double mu, fgroi_method method,
                                                       double conf_level,
                                                       fgroi_alternative alternative,
                                                       const fgroi_control *control,
                                                       fgroi_interval *ci, fgroi_test *test) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_means_wilcoxon_paired_ctl_body(x, y, n, mu, method,
                            conf_level, alternative, control, ci, test),
                            "fgroi_means_wilcoxon_paired_ctl");
}

/* ---- Mann-Whitney -------------------------------------------------------------- */

typedef struct {
  const double *x, *y;
  size_t nx, ny;
  double *buf, *rank;
  keyed *work;
  fgroi_alternative alt;
  int correct;
  double zq;
  const double *xs, *ys; /* NULL, or x and y sorted ascending: O(N) statistic */
  fgroi__ctl *ctl;       /* progress and cancellation (NULL: none) */
  unsigned evals;
} mw_ctx;

/* Rank sum of xs[i] - d among ys (both sorted ascending) and the tie term,
 * by a merge: the same mid-ranks and tie groups, in the same ascending
 * order, as midranks() on the combined sample (see sr_stat_sorted). */
static void mw_stat_sorted(const double *xs, size_t nx, const double *ys, size_t ny, double d,
                           double *sx, double *tt) {
  const asc_seq A = { xs, 0, 1, nx, d, 1.0 }, B = { ys, 0, 1, ny, 0.0, 1.0 };
  double sy;
  rank_merge(&A, &B, sx, &sy, tt);
}

/* R's W(d) for the rank-sum interval: standardised statistic of x - d vs y. */
static double mw_W(double d, void *vctx) {
  mw_ctx *c = vctx;
  size_t N = c->nx + c->ny;
  if (hl_step(c->ctl, &c->evals)) return 0.0;
  if (c->xs != NULL) {
    double tt, sx;
    mw_stat_sorted(c->xs, c->nx, c->ys, c->ny, d, &sx, &tt);
    return mw_z(sx, c->nx, c->ny, tt, c->correct, c->alt) - c->zq;
  }
  for (size_t i = 0; i < c->nx; i++) c->buf[i] = c->x[i] - d;
  memcpy(c->buf + c->nx, c->y, c->ny * sizeof *c->buf);
  double tt, sx = 0.0;
  (void)midranks(c->buf, N, c->work, c->rank, &tt, NULL); /* no control: cannot fail */
  for (size_t i = 0; i < c->nx; i++) sx += c->rank[i];
  return mw_z(sx, c->nx, c->ny, tt, c->correct, c->alt) - c->zq;
}

FGROI_API fgroi_status fgroi_means_mann_whitney(const double *x, size_t nx, const double *y,
                                                size_t ny, double mu, fgroi_method method,
                                                double conf_level,
                                                fgroi_alternative alternative,
                                                fgroi_interval *ci, fgroi_test *test) {
  return fgroi_means_mann_whitney_ctl(x, nx, y, ny, mu, method, conf_level, alternative, NULL, ci,
                                      test);
}

/* -- rank sum -- */

/* R's rank-sum statistic of x - mu against y: W = sx - nx(nx + 1)/2 with
 * sx the rank sum of x in the combined sample, and the tie bookkeeping.
 * buf, rank, work: nx + ny scratch each (the caller's). */
typedef struct {
  double sx, W, tt; /* rank sum of x; W; sum(t^3 - t) */
  int ties;
} mw_stat;

static fgroi_status mw_statistic(const double *x, size_t nx, const double *y, size_t ny,
                                 double mu, double *buf, double *rank, keyed *work,
                                 fgroi__ctl *ctl, mw_stat *s) {
  for (size_t i = 0; i < nx; i++) {
    FGROI__TRY(fgroi__ctl_tick(ctl, i, 0.0));
    buf[i] = x[i] - mu;
  }
  for (size_t j = 0; j < ny; j++) {
    FGROI__TRY(fgroi__ctl_tick(ctl, j, 0.0));
    buf[nx + j] = y[j];
  }
  double tt, sx = 0.0;
  FGROI__TRY(midranks(buf, nx + ny, work, rank, &tt, ctl));
  for (size_t i = 0; i < nx; i++) sx += rank[i];
  double fx = (double)nx;
  s->sx = sx;
  s->W = sx - fx * (fx + 1.0) / 2.0;
  s->tt = tt;
  s->ties = tt > 0.0;
  return FGROI_OK;
}

/* The nx ny differences x[i] - y[j] into a fresh buffer (*out, freed by
 * the caller even on failure); a shift beyond DBL_MAX has no finite
 * limits (as the normal path). */
static fgroi_status pair_differences(const double *x, size_t nx, const double *y, size_t ny,
                                     double **out) {
  size_t k = 0;
  double *d = *out = malloc(nx * ny * sizeof *d);
  if (!d) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < nx; i++)
    for (size_t j = 0; j < ny; j++) {
      d[k] = x[i] - y[j];
      if (!isfinite(d[k++])) return FGROI_E_OUT_OF_RANGE;
    }
  return FGROI_OK;
}

/* R's rank-sum normal limits: for each side the root of the standardised
 * statistic, or the end of the search range the statistic cannot cross. */
static void mw_limits(mw_ctx *cx, double mumin, double mumax, double Wmin, double Wmax,
                      double conf, double *lo, double *hi) {
  fgroi_alternative alt = cx->alt;
  double alpha = 1.0 - conf;
  double zqs[2] = { NAN, NAN }, tail = fgroi__alpha_tail(alpha, alt);
  if (alt != FGROI_LESS) zqs[0] = fgroi__qnorm(tail, 0);
  if (alt != FGROI_GREATER) zqs[1] = fgroi__qnorm(tail, 1);
  for (int s = 0; s < 2; s++) {
    if (isnan(zqs[s])) continue;
    double zq = zqs[s], r;
    if (Wmin - zq <= 0.0) r = mumin;
    else if (Wmax - zq >= 0.0) r = mumax;
    else { cx->zq = zq; r = r_uniroot(mw_W, cx, mumin, mumax, Wmin - zq, Wmax - zq); }
    if (s == 0) *lo = r; else *hi = r;
  }
}

/* The rank-sum normal interval and Hodges-Lehmann estimate (R's uniroot
 * on the statistic of x - shift against y). buf, rank, work: the
 * statistic's scratch, reused. */
static fgroi_status mw_interval_normal(const double *x, size_t nx, const double *y, size_t ny,
                                       double conf, fgroi_alternative alt, int correct, int ties,
                                       double *buf, double *rank, keyed *work, fgroi__ctl *ctl,
                                       fgroi_interval *c) {
  double xmin = x[0], xmax = x[0], ymin = y[0], ymax = y[0];
  for (size_t i = 1; i < nx; i++) { xmin = fmin(xmin, x[i]); xmax = fmax(xmax, x[i]); }
  for (size_t j = 1; j < ny; j++) { ymin = fmin(ymin, y[j]); ymax = fmax(ymax, y[j]); }
  double mumin = xmin - ymax, mumax = xmax - ymin;
  /* the shifts searched span min(x) - max(y) .. max(x) - min(y): a
   * span beyond DBL_MAX has no finite Hodges-Lehmann limits */
  if (!isfinite(mumin) || !isfinite(mumax)) return FGROI_E_OUT_OF_RANGE;
  /* sorted copies (in rank, no longer needed): the O(N) statistic */
  double *xs = rank, *ys = rank + nx;
  memcpy(xs, x, nx * sizeof *xs);
  memcpy(ys, y, ny * sizeof *ys);
  FGROI__TRY(fgroi__ctl_sort(xs, nx, sizeof *xs, fgroi__cmp_double, ctl, 0.15, 0.22));
  FGROI__TRY(fgroi__ctl_sort(ys, ny, sizeof *ys, fgroi__cmp_double, ctl, 0.22, 0.3));
  mw_ctx cx = { x, y, nx, ny, buf, NULL, work, alt, correct, 0.0, xs, ys, ctl, 0 };
  double Wmin = mw_W(mumin, &cx), Wmax = mw_W(mumax, &cx);
  if (ctl->cancelled) return FGROI_E_CANCELLED;
  if (!isfinite(Wmin) || !isfinite(Wmax) || mumin == mumax) return FGROI_E_ZERO_VARIANCE;
  double lo = -INFINITY, hi = INFINITY;
  mw_limits(&cx, mumin, mumax, Wmin, Wmax, conf, &lo, &hi);
  cx.correct = 0; cx.zq = 0.0;
  double est = hl_root(mw_W, &cx, mumin, mumax);
  FGROI__TRY(hl_finish(ctl, est, &lo, &hi));
  *c = fgroi__interval(est, lo, hi, conf, FGROI_METHOD_HODGES_LEHMANN, alt,
                       FGROI_FLAG_NORMAL_APPROX | (correct ? FGROI_FLAG_CONTINUITY : 0u) |
                           (ties ? FGROI_FLAG_TIES : 0u));
  return FGROI_OK;
}

static fgroi_status fgroi_means_mann_whitney_ctl_body(const double *x, size_t nx, const double *y,
                                                      size_t ny, double mu, fgroi_method method,
                                                      double conf_level,
                                                      fgroi_alternative alternative,
                                                      const fgroi_control *control,
                                                      fgroi_interval *ci, fgroi_test *test) {
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  FGROI__TRY(check_rank_method(method));
  FGROI__TRY(check_common(conf_level, alternative));
  FGROI__TRY(fgroi__check_finite(mu));
  FGROI__TRY(check_two(x, nx, y, ny));
  size_t N = nx + ny;
  if (method == FGROI_METHOD_EXACT && N > RANKSUM_EXACT_MAX) /* before any work */
    return fgroi__too_large(control, "nx + ny", (double)N, RANKSUM_EXACT_MAX,
                            "the exact rank-sum distribution", "method = normal");
  fgroi_status st = FGROI_OK;
  double *buf = malloc(N * sizeof *buf), *rank = malloc(N * sizeof *rank), *diffs = NULL;
  keyed *work = malloc(N * sizeof *work);
  rank_dist dist = { NULL, 0, 0.0 };
  mw_stat s;
  if (!buf || !rank || !work) { st = FGROI_E_NO_MEMORY; goto done; }
  if ((st = mw_statistic(x, nx, y, ny, mu, buf, rank, work, &ctl, &s)) != FGROI_OK) goto done;
  int exact;
  if ((st = rank_exact(method, nx < 50 && ny < 50, !s.ties, &exact)) != FGROI_OK) goto done;
  if (exact && N > RANKSUM_EXACT_MAX) { st = FGROI_E_TOO_LARGE; goto done; } /* unreachable */
  fgroi_test t;
  fgroi_interval c = fgroi__interval(NAN, NAN, NAN, conf_level, FGROI_METHOD_HODGES_LEHMANN,
                                     alternative, 0);
  if (exact) {
    /* U of x: size-nx subsets of N ranks */
    if ((st = rank_counts(N, nx, &dist)) != FGROI_OK) goto done;
    t = rank_test(s.W, &dist, NAN, 0, 0, mu, FGROI_METHOD_MANN_WHITNEY, alternative, 0u);
    if (ci && ((st = pair_differences(x, nx, y, ny, &diffs)) != FGROI_OK ||
               (st = hl_exact(&dist, diffs, nx * ny, conf_level, alternative, 0, &c)) != FGROI_OK))
      goto done;
  } else {
    if (!(mw_sigma(nx, ny, s.tt) > 0.0)) { st = FGROI_E_ZERO_VARIANCE; goto done; }
    const int correct = method != FGROI_METHOD_NORMAL_UNCORRECTED; /* R's correct = FALSE */
    t = rank_test(s.W, NULL, mw_z(s.sx, nx, ny, s.tt, correct, alternative), correct, s.ties,
                  mu, FGROI_METHOD_MANN_WHITNEY, alternative, 0u);
    if (ci && (st = mw_interval_normal(x, nx, y, ny, conf_level, alternative, correct, s.ties,
                                       buf, rank, work, &ctl, &c)) != FGROI_OK)
      goto done;
  }
  st = fgroi__emit_ci_test(ci, &c, test, &t);
  if (st == FGROI_OK) fgroi__ctl_done(&ctl);
done:
  free(buf); free(rank); free(work); free(diffs); free(dist.c);
  return st;
}

FGROI_API fgroi_status fgroi_means_mann_whitney_ctl(const double *x, size_t nx, const double *y,
                                                    size_t ny, double mu, fgroi_method method,
                                                    double conf_level,
                                                    fgroi_alternative alternative,
                                                    const fgroi_control *control,
                                                    fgroi_interval *ci, fgroi_test *test) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_means_mann_whitney_ctl_body(x, nx, y, ny, mu, method,
                            conf_level, alternative, control, ci, test),
                            "fgroi_means_mann_whitney_ctl");
}

/* ---- effect sizes ---------------------------------------------------------------- */

/* The noncentrality ncp with P(T <= t | df, ncp) = target (decreasing in ncp). */
typedef struct { double t, df, target; int lower; } ncp_eq;

/* decreasing in ncp whichever tail: the upper tail is negated */
static double ncp_fn(double ncp, void *ctx) {
  const ncp_eq *e = ctx;
  double d = fgroi__pnt(e->t, e->df, ncp, e->lower) - e->target;
  return e->lower ? d : -d;
}

/* The ncp with P(T <= t) = target (lower) or P(T > t) = target (upper):
 * a target near 1 is passed as the other tail's small probability, so
 * that conf_level near 0 or 1 never forms 1 - conf (issue 14). */
static double ncp_limit(double t, double df, double target, int lower) {
  ncp_eq e = { t, df, target, lower };
  double w = 2.0 + fabs(t) / 4.0;
  return fgroi__root_expand(ncp_fn, &e, t - w, t + w, w, 0);
}

FGROI_API fgroi_status fgroi_means_hedges_g(const double *x, size_t nx, const double *y,
                                            size_t ny, fgroi_method method, double conf_level,
                                            fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_NONCENTRAL_T;
  if (method != FGROI_METHOD_NONCENTRAL_T && method != FGROI_METHOD_NORMAL) return FGROI_E_METHOD;
  FGROI__TRY(check_common(conf_level, alternative));
  FGROI__TRY(check_two(x, nx, y, ny));
  if (nx + ny < 4) return FGROI_E_TOO_FEW;
  double mx, vx, my, vy;
  fgroi__mean_var(x, nx, &mx, &vx);
  fgroi__mean_var(y, ny, &my, &vy);
  double df = (double)nx + (double)ny - 2.0;
  double sp = sqrt(((double)(nx - 1) * vx + (double)(ny - 1) * vy) / df);
  if (!(sp > 0.0) || sp < 10.0 * DBL_EPSILON * fmax(fabs(mx), fabs(my))) return FGROI_E_ZERO_VARIANCE;
  int sg1, sg2; /* lgamma_r: lgamma writes the global signgam (a data race) */
  double J = exp(lgamma_r(df / 2.0, &sg1) - 0.5 * log(df / 2.0) - lgamma_r((df - 1.0) / 2.0, &sg2));
  double d = (mx - my) / sp, g = J * d, lo = -INFINITY, hi = INFINITY;
  double fx = (double)nx, fy = (double)ny;
  unsigned flags;
  if (method == FGROI_METHOD_NORMAL) {
    double se = sqrt(1.0 / fx + 1.0 / fy + g * g / (2.0 * (fx + fy)));
    /* from conf itself one-sided: 1 - 4.9e-324 is 1 and its quantile -inf */
    double z = fgroi__z_conf(conf_level, alternative);
    if (alternative != FGROI_LESS) lo = g - z * se;
    if (alternative != FGROI_GREATER) hi = g + z * se;
    if (!isfinite(lo) && alternative != FGROI_LESS) return FGROI_E_OUT_OF_RANGE;
    if (!isfinite(hi) && alternative != FGROI_GREATER) return FGROI_E_OUT_OF_RANGE;
    flags = FGROI_FLAG_NORMAL_APPROX;
  } else {
    double scale = sqrt(1.0 / fx + 1.0 / fy), t = d / scale;
    /* lower limit: P(T > t | ncp) = tail; upper: P(T <= t | ncp) = tail,
     * tail = (1 - conf)/2 two-sided, 1 - conf one-sided; for one side the
     * complementary tail equals conf, which is passed as it is */
    int two = alternative == FGROI_TWO_SIDED;
    double tail = fgroi__alpha_tail(1.0 - conf_level, alternative);
    if (alternative != FGROI_LESS) {
      double ncp = two ? ncp_limit(t, df, tail, 0) : ncp_limit(t, df, conf_level, 1);
      if (!isfinite(ncp)) return FGROI_E_NO_CONVERGENCE;
      lo = J * ncp * scale;
    }
    if (alternative != FGROI_GREATER) {
      double ncp = two ? ncp_limit(t, df, tail, 1) : ncp_limit(t, df, conf_level, 0);
      if (!isfinite(ncp)) return FGROI_E_NO_CONVERGENCE;
      hi = J * ncp * scale;
    }
    flags = 0;
  }
  /* as conf -> 0 both two-sided limits tend to the same noncentrality (the
   * median's); the two root searches can then cross by their tolerance:
   * they meet at the midpoint (fuzz finding 35; a real crossing is left to
   * the audit) */
  if (alternative == FGROI_TWO_SIDED && lo > hi && lo - hi <= 1e-8 * fmax(1.0, fabs(lo)))
    lo = hi = 0.5 * (lo + hi);
  fgroi_interval r = fgroi__interval(g, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

/* count of v (sorted, length n) strictly below / strictly above a */
static size_t count_below(const double *v, size_t n, double a) {
  size_t lo = 0, hi = n;
  while (lo < hi) { size_t m = lo + (hi - lo) / 2; if (v[m] < a) lo = m + 1; else hi = m; }
  return lo;
}
static size_t count_above(const double *v, size_t n, double a) {
  size_t lo = 0, hi = n;
  while (lo < hi) { size_t m = lo + (hi - lo) / 2; if (v[m] <= a) lo = m + 1; else hi = m; }
  return n - lo;
}

/* Feng & Cliff asymmetric limit for delta d with variance s2 and quantile z;
 * sign -1 for the lower limit, +1 for the upper. */
static double cliff_limit(double d, double s2, double z, double sign) {
  /* |z| -> inf (a level at either end, e.g. conf 4.9e-324: z = -inf) takes
   * the limit to sign(z) * sign, where the formula would give inf / inf */
  if (!isfinite(z * z * s2)) return z > 0.0 ? sign : -sign;
  double den = 1.0 - d * d + z * z * s2;
  return (d - d * d * d + sign * z * sqrt(s2) * sqrt((1.0 - d * d) * (1.0 - d * d) + z * z * s2)) / den;
}

FGROI_API fgroi_status fgroi_means_cliffs_delta(const double *x, size_t nx, const double *y,
                                                size_t ny, double conf_level,
                                                fgroi_alternative alternative,
                                                fgroi_interval *delta,
                                                fgroi_interval *superiority) {
  if (delta == NULL && superiority == NULL) return FGROI_E_NULL;
  if (delta) FGROI__TRY(FGROI__CHECK_INTERVAL(delta));
  if (superiority) FGROI__TRY(FGROI__CHECK_INTERVAL(superiority));
  FGROI__TRY(check_common(conf_level, alternative));
  FGROI__TRY(check_two(x, nx, y, ny));
  if (nx < 2 || ny < 2) return FGROI_E_TOO_FEW;
  double *sx = malloc(nx * sizeof *sx), *sy = malloc(ny * sizeof *sy);
  if (!sx || !sy) { free(sx); free(sy); return FGROI_E_NO_MEMORY; }
  memcpy(sx, x, nx * sizeof *sx);
  memcpy(sy, y, ny * sizeof *sy);
  qsort(sx, nx, sizeof *sx, fgroi__cmp_double);
  qsort(sy, ny, sizeof *sy, fgroi__cmp_double);
  double fx = (double)nx, fy = (double)ny, N = fx * fy;
  /* d_i. = (#y < x_i - #y > x_i) / ny; d_.j = (#x > y_j - #x < y_j) / nx */
  double sum = 0.0, nontied = 0.0;
  for (size_t i = 0; i < nx; i++) {
    double lt = (double)count_below(sy, ny, sx[i]), gt = (double)count_above(sy, ny, sx[i]);
    sum += lt - gt;
    nontied += lt + gt;
  }
  double d = sum / N, ssr = 0.0, ssc = 0.0;
  for (size_t i = 0; i < nx; i++) {
    double lt = (double)count_below(sy, ny, sx[i]), gt = (double)count_above(sy, ny, sx[i]);
    double r = (lt - gt) / fy - d;
    ssr += r * r;
  }
  for (size_t j = 0; j < ny; j++) {
    double gt = (double)count_above(sx, nx, sy[j]), lt = (double)count_below(sx, nx, sy[j]);
    double r = (gt - lt) / fx - d;
    ssc += r * r;
  }
  free(sx); free(sy);
  double sse = nontied - N * d * d; /* sum over cells of (d_ij - d)^2 */
  double s2 = (fy * fy * ssr + fx * fx * ssc - sse) / (fx * fy * (fx - 1.0) * (fy - 1.0));
  double lo = -1.0, hi = 1.0;
  unsigned flags = 0;
  double df = fx + fy - 2.0;
  if (!(s2 > 0.0) || !(1.0 - d * d + s2 > 0.0)) {
    lo = alternative == FGROI_LESS ? -1.0 : d;
    hi = alternative == FGROI_GREATER ? 1.0 : d;
    flags |= FGROI_FLAG_DEGENERATE;
  } else {
    double z = fgroi__qt(fgroi__alpha_tail(1.0 - conf_level, alternative), df, 0);
    if (alternative != FGROI_LESS) lo = cliff_limit(d, s2, z, -1.0);
    if (alternative != FGROI_GREATER) hi = cliff_limit(d, s2, z, 1.0);
  }
  fgroi_interval a = fgroi__interval(d, lo, hi, conf_level, FGROI_METHOD_CLIFFS_DELTA,
                                     alternative, flags);
  fgroi_interval b = fgroi__interval((d + 1.0) / 2.0, (lo + 1.0) / 2.0, (hi + 1.0) / 2.0,
                                     conf_level, FGROI_METHOD_CLIFFS_DELTA, alternative, flags);
  if (delta) FGROI__TRY(fgroi__audit_interval(&a));
  if (superiority) FGROI__TRY(fgroi__audit_interval(&b));
  if (delta) fgroi__write_out(delta, &a, sizeof a);
  if (superiority) fgroi__write_out(superiority, &b, sizeof b);
  return FGROI_OK;
}

/* ---- Bland-Altman ------------------------------------------------------------------ */

static fgroi_means_ba_options ba_defaults(void) {
  fgroi_means_ba_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  o.multiplier = 1.96;
  o.loa_se = FGROI_LOA_SE_1999;
  return o;
}

FGROI_API fgroi_status fgroi_means_ba_options_default(fgroi_means_ba_options *options) {
  FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_means_ba_options, loa_se));
  fgroi_means_ba_options o = ba_defaults();
  fgroi__write_out(options, &o, sizeof o);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_means_bland_altman(const double *x, const double *y, size_t n,
                                                double conf_level,
                                                const fgroi_means_ba_options *options,
                                                fgroi_bland_altman *out) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_bland_altman, conf_level));
  fgroi_means_ba_options o = ba_defaults();
  if (options) {
    FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_means_ba_options, loa_se));
    if (isnan(options->multiplier)) return FGROI_E_NAN;
    if (!(options->multiplier >= 0.0) || isinf(options->multiplier)) return FGROI_E_OUT_OF_RANGE;
    if (options->multiplier > 0.0) o.multiplier = options->multiplier;
    if (options->loa_se != FGROI_LOA_SE_1999 && options->loa_se != FGROI_LOA_SE_1986 &&
        options->loa_se != FGROI_LOA_EXACT)
      return FGROI_E_METHOD;
    o.loa_se = options->loa_se;
  }
  FGROI__TRY(fgroi__check_conf(conf_level));
  double *d;
  FGROI__TRY(paired_diffs(x, y, n, &d));
  if (n < 2) { free(d); return FGROI_E_TOO_FEW; }
  double mean, s;
  mean_se(d, n, &mean, &s, 0); /* scaled above 2^500 (issue 14) */
  free(d);
  double fn = (double)n, k = o.multiplier;
  double t = fgroi__t_conf(conf_level, fn - 1.0);
  double se_loa = o.loa_se == FGROI_LOA_SE_1986 ? s * sqrt(3.0 / fn)
                                                : s * sqrt(1.0 / fn + k * k / (2.0 * (fn - 1.0)));
  fgroi_bland_altman r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.n = n;
  r.bias = mean;
  r.sd = s;
  r.bias_lower = mean - t * s / sqrt(fn);
  r.bias_upper = mean + t * s / sqrt(fn);
  r.loa_lower = mean - k * s;
  r.loa_upper = mean + k * s;
  r.loa_lower_lower = r.loa_lower - t * se_loa;
  r.loa_lower_upper = r.loa_lower + t * se_loa;
  r.loa_upper_lower = r.loa_upper - t * se_loa;
  r.loa_upper_upper = r.loa_upper + t * se_loa;
  if (o.loa_se == FGROI_LOA_EXACT && s > 0.0) {
    /* sqrt(n) (mean - (mu -+ k sigma)) / s ~ t'(n - 1, +- sqrt(n) k) */
    double a2 = fgroi__alpha_tail(1.0 - conf_level, FGROI_TWO_SIDED), df = fn - 1.0;
    double nc = sqrt(fn) * k, h = s / sqrt(fn);
    double hi_q = fgroi__qnt(a2, df, nc, 0), lo_q = fgroi__qnt(a2, df, nc, 1);
    if (!isfinite(hi_q) || !isfinite(lo_q)) return FGROI_E_NO_CONVERGENCE;
    r.loa_lower_lower = mean - hi_q * h;
    r.loa_lower_upper = mean - lo_q * h;
    /* the upper limit's pivot is t'(-ncp) = -t'(ncp): the mirror image */
    r.loa_upper_lower = mean + lo_q * h;
    r.loa_upper_upper = mean + hi_q * h;
    /* conf_level near 0: both quantiles are the median, found by two root
     * searches that can cross by rounding (issue 14): keep them ordered */
    if (r.loa_lower_lower > r.loa_lower_upper) {
      double tmp = r.loa_lower_lower; r.loa_lower_lower = r.loa_lower_upper; r.loa_lower_upper = tmp;
    }
    if (r.loa_upper_lower > r.loa_upper_upper) {
      double tmp = r.loa_upper_lower; r.loa_upper_lower = r.loa_upper_upper; r.loa_upper_upper = tmp;
    }
  }
  r.loa_se = se_loa;
  r.multiplier = k;
  r.conf_level = conf_level;
  {
    /* differences near DBL_MAX: a limit beyond the doubles (issue 14) */
    const double fin[] = { r.bias, r.sd, r.bias_lower, r.bias_upper, r.loa_lower, r.loa_upper,
                           r.loa_lower_lower, r.loa_lower_upper, r.loa_upper_lower,
                           r.loa_upper_upper, r.loa_se };
    /* a check of the domain, not the audit (which -DFGROI_AUDIT=0 removes) */
    for (size_t i = 0; i < sizeof fin / sizeof fin[0]; i++)
      if (!isfinite(fin[i])) return FGROI_E_OVERFLOW;
  }
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}
