/* Multiple-testing adjustment, a line-by-line port of the arithmetic of
 * R's stats::p.adjust (R 4.2) so results agree to the last bit: the same
 * products and quotients in the same order, stable ordering of ties,
 * long double accumulation of the Benjamini-Yekutieli constant (R's sum()).
 * Formulas and citations: docs/methods/multiplicity.md. */
#include <stdint.h>
#include <stdlib.h>

#include "control.h"
#include "internal.h"

typedef struct {
  double p;
  size_t i; /* original position: ties keep input order, as R's order() */
} ranked_p;

static int ranked_cmp(const void *a, const void *b) {
  const ranked_p *x = a, *y = b;
  if (x->p < y->p) return -1;
  if (x->p > y->p) return 1;
  return (x->i > y->i) - (x->i < y->i);
}

static double dmin(double a, double b) { return a < b ? a : b; }
static double dmax(double a, double b) { return a > b ? a : b; }

/* Hommel on ascending s[0..n), n >= 3, in O(n log n); writes adjusted
 * values in sorted order to out. Returns FGROI_E_NO_MEMORY or FGROI_OK.
 *
 * R's loop (p.adjust) sets, for j = n-1..2 (0-based k):
 *   q1_j = min_{t=2..j} (j s[n-j-1+t]) / t,
 *   q[k] = min(j s[k], q1_j) for k <= n-j, q[k] = q[n-j] for k > n-j,
 *   pa = max(pa, q), starting from pa = min_k n s[k] / (k+1);
 * and returns max(pa, s). Every value is a min or max of the same
 * floating-point products and quotients, so the same bits come from:
 * - q1_j: the smallest slope s[i] / (i - c), c = n-j-1, seen from (c, 0),
 *   is at a vertex of the lower convex hull of the points (i, s[i]),
 *   i > c + 1, built right to left as j grows; the vertex by bisection
 *   (the slope is unimodal along the hull), then every point whose real
 *   value lies within 1e-9 of it (between the hull vertices bounding that
 *   region) is evaluated exactly as R does, so the floating-point minimum
 *   is found even among near-ties (O(log n) per j on any data but
 *   near-collinear ones, where the scan grows);
 * - the k > n-j part: a running maximum over j;
 * - the k <= n-j part: max_{j <= n-k} min(j s[k], q1_j), where j s[k]
 *   exceeds q1_j from some K_j on (s ascending): for k >= K_j the term is
 *   q1_j (a prefix maximum over j in a Fenwick tree), for the others it is
 *   j s[k], largest at the largest such j (a union-find over j).
 * Meijer, Krebs & Goeman (2019) give a linear-time formulation of
 * Hommel's procedure; this is an O(n log n) route to R's exact bits. */
/* x where the hull edge from point a (below the line y = thr (x - c)) to
 * point b (above it) crosses that line. */
static double hommel_cross(const double *s, size_t a, size_t b, double c, double thr) {
  double xa = (double)a, xb = (double)b;
  double g = (s[b] - s[a]) / (xb - xa) - thr; /* edge slope minus line slope */
  double d = thr * (xa - c) - s[a];          /* line above the edge at a: d >= 0 */
  if (!(g != 0.0)) return xb;
  double x = xa + d / g;
  if (!(x == x)) return xb;
  return x < (xa < xb ? xa : xb) ? (xa < xb ? xa : xb) : (x > (xa > xb ? xa : xb) ? (xa > xb ? xa : xb) : x);
}

static fgroi_status hommel_fast(const double *s, size_t n, fgroi__ctl *ctl, double *out) {
  double dn = (double)n;
  size_t *hull = malloc(n * sizeof *hull), *Kj = malloc(n * sizeof *Kj);
  size_t *next = malloc(n * sizeof *next), *head = malloc((n + 1) * sizeof *head);
  size_t *uf = malloc(n * sizeof *uf);
  double *q1 = malloc(n * sizeof *q1), *cj = malloc(n * sizeof *cj), *fen = malloc((n + 1) * sizeof *fen);
  fgroi_status st = FGROI_OK;
  if (!hull || !Kj || !next || !head || !uf || !q1 || !cj || !fen) { st = FGROI_E_NO_MEMORY; goto done; }

  double m = INFINITY;
  for (size_t k = 0; k < n; k++) m = dmin(m, dn * s[k] / (double)(k + 1));

  /* q1_j for j = 2..n-1: the points i = n-j+1..n-1 */
  size_t h = 0;
  for (size_t j = 2; j <= n - 1; j++) {
    if ((st = fgroi__ctl_tick_every(ctl, j, 1023u, 0.4 + 0.3 * (double)j / dn)) != FGROI_OK)
      goto done;
    size_t pi = n - j + 1; /* new leftmost point */
    while (h >= 2) {
      size_t b = hull[h - 1], c2 = hull[h - 2];
      /* keep b iff it lies strictly below the segment pi -> c2 */
      double o = (double)(b - pi) * (s[c2] - s[pi]) - (s[b] - s[pi]) * (double)(c2 - pi);
      if (o > 0.0) break;
      h--;
    }
    hull[h++] = pi;
    double c = (double)(n - j - 1), dj = (double)j;
    /* positions 0..h-1 run right to left; slope from (c, 0) is unimodal */
    size_t lo = 0, hi = h - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      double a = s[hull[mid]] / ((double)hull[mid] - c);
      double b = s[hull[mid + 1]] / ((double)hull[mid + 1] - c);
      if (b < a) lo = mid + 1; else hi = mid;
    }
    double best = s[hull[lo]] / ((double)hull[lo] - c);
    double thr = best * (1.0 + 1e-12) + 1e-300;
    size_t pl = lo, pr = lo; /* hull positions bounding the near-minimal region */
    while (pl > 0 && s[hull[pl]] / ((double)hull[pl] - c) <= thr) pl--;
    while (pr + 1 < h && s[hull[pr]] / ((double)hull[pr] - c) <= thr) pr++;
    /* x-range where the hull lies below the line y = thr (x - c): every
     * point below that line lies there (it is above the hull) */
    double xr = (double)hull[pl], xl = (double)hull[pr];
    if (s[hull[pl]] / ((double)hull[pl] - c) > thr) xr = hommel_cross(s, hull[pl + 1], hull[pl], c, thr);
    if (s[hull[pr]] / ((double)hull[pr] - c) > thr) xl = hommel_cross(s, hull[pr - 1], hull[pr], c, thr);
    size_t i0 = n - j + 1, i1 = n - 1;
    if (xl - 2.0 > (double)i0) i0 = (size_t)(xl - 2.0);
    if (xr + 2.0 < (double)i1) i1 = (size_t)(xr + 2.0) + 1;
    if (i1 > n - 1) i1 = n - 1;
    double v = INFINITY;
    for (size_t i = i0; i <= i1; i++) v = dmin(v, dj * s[i] / (double)(i - (n - j - 1)));
    q1[j] = v;
    cj[j] = dmin(dj * s[n - j], v);
  }

  /* pa[k] starts at m; the k > n-j part: running max of cj over j >= n-k+1 */
  for (size_t k = 0; k < n; k++) { /* first touch of out: stepped */
    if ((st = fgroi__ctl_tick(ctl, k, 0.7)) != FGROI_OK) goto done;
    out[k] = m;
  }
  double run = -INFINITY;
  for (size_t k = 1; k < n; k++) {
    size_t j = n - k + 1;
    if (j >= 2 && j <= n - 1) run = dmax(run, cj[j]);
    out[k] = dmax(out[k], run);
  }

  /* the k <= n-j part */
  if ((st = fgroi__ctl_step(ctl, 0.7)) != FGROI_OK) goto done;
  for (size_t k = 0; k <= n; k++) { /* first touch of head: stepped */
    if ((st = fgroi__ctl_tick(ctl, k, 0.7)) != FGROI_OK) goto done;
    head[k] = SIZE_MAX;
  }
  for (size_t j = 2; j <= n - 1; j++) {
    /* K_j: first k with j s[k] > q1_j (n if none) */
    if ((st = fgroi__ctl_tick_every(ctl, j, 1023u, 0.7 + 0.1 * (double)j / dn)) != FGROI_OK)
      goto done;
    double dj = (double)j;
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (dj * s[mid] > q1[j]) hi = mid; else lo = mid + 1;
    }
    Kj[j] = lo;
    next[j] = head[lo];
    head[lo] = j;
  }
  /* first touch of fen and uf (32 bytes per value): page faults, stepped */
  for (size_t x = 0; x <= n; x++) {
    if ((st = fgroi__ctl_tick(ctl, x, 0.8)) != FGROI_OK) goto done;
    fen[x] = -INFINITY;
  }
  for (size_t j = 0; j < n; j++) { /* uf: largest unswitched index <= j */
    if ((st = fgroi__ctl_tick(ctl, j, 0.8)) != FGROI_OK) goto done;
    uf[j] = j;
  }
  size_t ops = 0;
  for (size_t k = 0; k + 2 <= n; k++) {
    if ((st = fgroi__ctl_tick_every(ctl, k, 1023u, 0.8 + 0.15 * (double)k / dn)) != FGROI_OK)
      goto done;
    for (size_t j = head[k]; j != SIZE_MAX; j = next[j]) {
      /* one k can hold most of the j (a chain of n Fenwick updates) */
      if ((st = fgroi__ctl_tick_every(ctl, ++ops, 1023u, 0.8 + 0.15 * (double)k / dn)) != FGROI_OK)
        goto done;
      for (size_t x = j; x <= n; x += x & (~x + 1)) fen[x] = dmax(fen[x], q1[j]);
      uf[j] = j - 1; /* switched: skip it */
    }
    size_t J = n - k < n - 1 ? n - k : n - 1;
    if (J < 2) continue;
    double a = -INFINITY;
    for (size_t x = J; x > 0; x -= x & (~x + 1)) a = dmax(a, fen[x]);
    /* largest unswitched j in [2, J] (find with path halving) */
    size_t r = J;
    while (r >= 2 && uf[r] != r) { uf[r] = uf[uf[r]]; r = uf[r]; }
    if (r >= 2) a = dmax(a, (double)r * s[k]);
    out[k] = dmax(out[k], a);
  }
  for (size_t k = 0; k < n; k++) {
    if ((st = fgroi__ctl_tick(ctl, k, 0.95)) != FGROI_OK) goto done;
    out[k] = dmax(out[k], s[k]);
  }
done:
  free(hull); free(Kj); free(next); free(head); free(uf); free(q1); free(cj); free(fen);
  return st;
}

/* statsmodels' fdrcorrection(method = "indep") on ascending s: p / (i/n),
 * a running minimum from the top, capped at 1; the same operations in the
 * same order (statsmodels divides by the ecdf i/n, R multiplies by n/i). */
static void bh_statsmodels(const double *s, size_t n, double *adj) {
  double run = INFINITY, dn = (double)n;
  for (size_t k = n; k-- > 0;) {
    run = dmin(run, s[k] / ((double)(k + 1) / dn));
    adj[k] = run > 1.0 ? 1.0 : run;
  }
}

/* statsmodels' fdrcorrection_twostage(alpha, method = "bh" / "bky",
 * iter = False) as multipletests calls it (Benjamini, Krieger & Yekutieli
 * 2006, definition 6): stage 1 is BH at alpha' (alpha / (1 + alpha) for
 * BKY); with r1 of n rejected, 0 < r1 < n, the adjusted values are the BH
 * ones times (n - r1)/n (then times 1 + alpha for BKY), else the BH ones
 * times (1 + alpha) (BKY) or 1; capped at 1. */
static void two_stage(const double *s, size_t n, double alpha, int bky, double *adj) {
  double fact = bky ? 1.0 + alpha : 1.0, alpha1 = alpha / fact, dn = (double)n;
  bh_statsmodels(s, n, adj);
  size_t r1 = 0; /* largest i with p_(i) <= (i/n) alpha' */
  for (size_t k = 0; k < n; k++)
    if (s[k] <= (double)(k + 1) / dn * alpha1) r1 = k + 1;
  if (r1 == 0 || r1 == n) {
    for (size_t k = 0; k < n; k++) adj[k] = dmin(1.0, adj[k] * fact);
    return;
  }
  double m0 = (double)(n - r1) * 1.0 / dn;
  for (size_t k = 0; k < n; k++) {
    double v = adj[k] * m0;
    if (bky) v *= 1.0 + alpha;
    adj[k] = dmin(1.0, v);
  }
}

/* statsmodels' fdr_gbs (Gavrilov, Benjamini & Sarkar 2009): H_(i) is
 * rejected at level q when p_(j) <= j q / (n + 1 - j (1 - q)) for every
 * j <= i, i.e. the adjusted value is the running maximum of
 * (n + 1 - i)/i * p_(i) / (1 - p_(i)), capped at 1. */
static void gbs(const double *s, size_t n, double *adj) {
  double run = -INFINITY;
  for (size_t k = 0; k < n; k++) {
    double i = (double)(k + 1);
    double q = s[k] >= 1.0 ? INFINITY : ((double)n + 1.0 - i) / i * s[k] / (1.0 - s[k]);
    run = dmax(run, q);
    adj[k] = run > 1.0 ? 1.0 : run;
  }
}

/* Every public entry point: alpha matters only to the adaptive FDR
 * methods (fgroi_multiplicity_adjust uses 0.05 for them). */
static fgroi_status adjust_core(const double *p, size_t n, double alpha, fgroi_method method,
                                const fgroi_control *control, double *adjusted);

FGROI_API fgroi_status fgroi_multiplicity_adjust(const double *p, size_t n, fgroi_method method,
                                                 double *adjusted) {
  return adjust_core(p, n, 0.05, method, NULL, adjusted);
}

static fgroi_status fgroi_multiplicity_adjust_ctl_body(const double *p, size_t n,
                                                       fgroi_method method,
                                                       const fgroi_control *control,
                                                       double *adjusted) {
  return adjust_core(p, n, 0.05, method, control, adjusted);
}

FGROI_API fgroi_status fgroi_multiplicity_adjust_ctl(const double *p, size_t n, fgroi_method method,
                                                     const fgroi_control *control,
                                                     double *adjusted) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_multiplicity_adjust_ctl_body(p, n, method, control,
                            adjusted), "fgroi_multiplicity_adjust_ctl");
}

FGROI_API fgroi_status fgroi_multiplicity_adjust_alpha(const double *p, size_t n, double alpha,
                                                       fgroi_method method, double *adjusted) {
  return adjust_core(p, n, alpha, method, NULL, adjusted);
}

static fgroi_status adjust_core(const double *p, size_t n, double alpha, fgroi_method method,
                                const fgroi_control *control, double *adjusted) {
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  if (p == NULL || adjusted == NULL) return FGROI_E_NULL;
  if (n == 0) return FGROI_E_EMPTY;
  FGROI__TRY(fgroi__check_finite(alpha));
  FGROI__TRY(fgroi__check_prob_open(alpha));
  for (size_t k = 0; k < n; k++) {
    FGROI__TRY(fgroi__check_finite(p[k]));
    if (p[k] < 0.0 || p[k] > 1.0) return FGROI_E_PROBABILITY;
  }
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_HOLM;
  switch (method) {
  case FGROI_METHOD_NONE: case FGROI_METHOD_BONFERRONI: case FGROI_METHOD_HOLM:
  case FGROI_METHOD_HOCHBERG: case FGROI_METHOD_HOMMEL: case FGROI_METHOD_BH:
  case FGROI_METHOD_BY: case FGROI_METHOD_SIDAK: case FGROI_METHOD_HOLM_SIDAK:
  case FGROI_METHOD_BH_TWO_STAGE: case FGROI_METHOD_BKY: case FGROI_METHOD_GBS:
    break;
  default:
    return FGROI_E_METHOD;
  }
  int adaptive = method == FGROI_METHOD_BH_TWO_STAGE || method == FGROI_METHOD_BKY ||
                 method == FGROI_METHOD_GBS;
  if ((n == 1 && !adaptive) || method == FGROI_METHOD_NONE) {
    if (adjusted != p) memcpy(adjusted, p, n * sizeof *p);
    fgroi__ctl_done(&ctl);
    return FGROI_OK;
  }
  if (n == 2 && method == FGROI_METHOD_HOMMEL) method = FGROI_METHOD_HOCHBERG;

  const double dn = (double)n;
  if (method == FGROI_METHOD_BONFERRONI) {
    for (size_t k = 0; k < n; k++) adjusted[k] = dmin(1.0, dn * p[k]);
    fgroi__ctl_done(&ctl);
    return FGROI_OK;
  }
  if (method == FGROI_METHOD_SIDAK) { /* 1 - (1 - p)^n, as statsmodels: -expm1(n log1p(-p)) */
    for (size_t k = 0; k < n; k++) adjusted[k] = dmin(1.0, -expm1(dn * log1p(-p[k])));
    fgroi__ctl_done(&ctl);
    return FGROI_OK;
  }

  /* scratch: ranked copy, sorted p-values and the sorted results */
  if (n > SIZE_MAX / (sizeof(ranked_p) + 2 * sizeof(double)))
    return fgroi__too_large(control, "n", (double)n,
                            (double)(SIZE_MAX / (sizeof(ranked_p) + 2 * sizeof(double))),
                            "the adjustment's scratch memory", NULL);
  ranked_p *r = fgroi__malloc_array(n, sizeof *r);
  double *work = fgroi__malloc_array(2 * n, sizeof *work);
  if (r == NULL || work == NULL) {
    free(r);
    free(work);
    return FGROI_E_NO_MEMORY;
  }
  fgroi_status st = FGROI_OK;
  for (size_t k = 0; k < n; k++) { /* first touch of r: page faults, stepped */
    if ((st = fgroi__ctl_tick(&ctl, k, 0.0)) != FGROI_OK) break;
    r[k] = (ranked_p){ p[k], k };
  }
  if (st != FGROI_OK) {
    free(r);
    free(work);
    return st;
  }
  st = fgroi__ctl_sort(r, n, sizeof *r, ranked_cmp, &ctl, 0.0, 0.4);
  if (st != FGROI_OK) {
    free(r);
    free(work);
    return st;
  }
  double *s = work, *adj = work + n;
  for (size_t k = 0; k < n; k++) { /* first touch of work: stepped */
    if ((st = fgroi__ctl_tick(&ctl, k, 0.4)) != FGROI_OK) {
      free(r);
      free(work);
      return st;
    }
    s[k] = r[k].p;
  }

  switch (method) {
  case FGROI_METHOD_HOLM: { /* cummax((n + 1 - i) p_(i)) ascending */
    double run = -INFINITY;
    for (size_t k = 0; k < n; k++) {
      run = dmax(run, (double)(n - k) * s[k]);
      adj[k] = dmin(1.0, run);
    }
    break;
  }
  case FGROI_METHOD_HOLM_SIDAK: { /* cummax(1 - (1 - p_(i))^(n + 1 - i)) ascending */
    double run = -INFINITY;
    for (size_t k = 0; k < n; k++) {
      run = dmax(run, -expm1((double)(n - k) * log1p(-s[k])));
      adj[k] = dmin(1.0, run);
    }
    break;
  }
  case FGROI_METHOD_HOCHBERG: case FGROI_METHOD_BH: case FGROI_METHOD_BY: {
    double by_q = 1.0;
    if (method == FGROI_METHOD_BY) {
      long double acc = 0.0L; /* R's sum() accumulates in long double */
      for (size_t k = 1; k <= n; k++) acc += (long double)(1.0 / (double)k);
      by_q = (double)acc;
    }
    double run = INFINITY;
    for (size_t k = n; k-- > 0;) { /* descending p, i = k + 1 */
      double i = (double)(k + 1), v;
      if (method == FGROI_METHOD_HOCHBERG) v = (double)(n - k) * s[k];
      else if (method == FGROI_METHOD_BH) v = dn / i * s[k];
      else v = by_q * dn / i * s[k];
      run = dmin(run, v);
      adj[k] = dmin(1.0, run);
    }
    break;
  }
  case FGROI_METHOD_BH_TWO_STAGE: case FGROI_METHOD_BKY:
    two_stage(s, n, alpha, method == FGROI_METHOD_BKY, adj);
    break;
  case FGROI_METHOD_GBS:
    gbs(s, n, adj);
    break;
  default: /* FGROI_METHOD_HOMMEL, n >= 3 */
    if ((st = hommel_fast(s, n, &ctl, adj)) != FGROI_OK) {
      free(r);
      free(work);
      return st;
    }
    break;
  }
  /* back to input order in scratch (the sorted p-values are no longer
   * needed), stepped; the caller's array is written only once nothing can
   * cancel */
  for (size_t k = 0; k < n; k++) {
    if ((st = fgroi__ctl_tick(&ctl, k, 0.97)) != FGROI_OK) {
      free(r);
      free(work);
      return st;
    }
    s[r[k].i] = adj[k];
  }
  memcpy(adjusted, s, n * sizeof *adjusted);
  free(r);
  free(work);
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}
