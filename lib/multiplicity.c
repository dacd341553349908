/* Multiple-testing adjustment, a line-by-line port of the arithmetic of
 * R's stats::p.adjust (R 4.2) so results agree to the last bit: the same
 * products and quotients in the same order, stable ordering of ties,
 * long double accumulation of the Benjamini-Yekutieli constant (R's sum()).
 * Formulas and citations: docs/methods/multiplicity.md. */
#include <stdint.h>
#include <stdlib.h>

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

/* Hommel on ascending s[0..n), n >= 3; writes adjusted values in sorted
 * order to out (scratch q, pa of n doubles each). */
static void hommel_sorted(const double *s, size_t n, double *q, double *pa, double *out) {
  double dn = (double)n;
  double m = INFINITY;
  for (size_t k = 0; k < n; k++) m = dmin(m, dn * s[k] / (double)(k + 1));
  for (size_t k = 0; k < n; k++) q[k] = pa[k] = m;
  for (size_t j = n - 1; j >= 2; j--) {
    double dj = (double)j;
    /* 1-based: ij = 1..n-j+1, i2 = n-j+2..n */
    size_t first2 = n - j + 1; /* 0-based start of i2 */
    double q1 = INFINITY;
    for (size_t k = 2; k <= j; k++) q1 = dmin(q1, dj * s[first2 + k - 2] / (double)k);
    for (size_t k = 0; k < first2; k++) q[k] = dmin(dj * s[k], q1);
    for (size_t k = first2; k < n; k++) q[k] = q[first2 - 1];
    for (size_t k = 0; k < n; k++) pa[k] = dmax(pa[k], q[k]);
  }
  for (size_t k = 0; k < n; k++) out[k] = dmax(pa[k], s[k]);
}

FGROI_API fgroi_status fgroi_multiplicity_adjust(const double *p, size_t n, fgroi_method method,
                                                 double *adjusted) {
  if (p == NULL || adjusted == NULL) return FGROI_E_NULL;
  if (n == 0) return FGROI_E_EMPTY;
  for (size_t k = 0; k < n; k++) {
    FGROI__TRY(fgroi__check_finite(p[k]));
    if (p[k] < 0.0 || p[k] > 1.0) return FGROI_E_PROBABILITY;
  }
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_HOLM;
  switch (method) {
  case FGROI_METHOD_NONE: case FGROI_METHOD_BONFERRONI: case FGROI_METHOD_HOLM:
  case FGROI_METHOD_HOCHBERG: case FGROI_METHOD_HOMMEL: case FGROI_METHOD_BH:
  case FGROI_METHOD_BY:
    break;
  default:
    return FGROI_E_METHOD;
  }
  if (n == 1 || method == FGROI_METHOD_NONE) {
    if (adjusted != p) memcpy(adjusted, p, n * sizeof *p);
    return FGROI_OK;
  }
  if (n == 2 && method == FGROI_METHOD_HOMMEL) method = FGROI_METHOD_HOCHBERG;

  const double dn = (double)n;
  if (method == FGROI_METHOD_BONFERRONI) {
    for (size_t k = 0; k < n; k++) adjusted[k] = dmin(1.0, dn * p[k]);
    return FGROI_OK;
  }

  /* scratch: ranked copy, then (Hommel) q, pa and the sorted results */
  if (n > SIZE_MAX / (sizeof(ranked_p) + 4 * sizeof(double))) return FGROI_E_TOO_LARGE;
  ranked_p *r = fgroi__malloc_array(n, sizeof *r);
  double *work = fgroi__malloc_array(4 * n, sizeof *work);
  if (r == NULL || work == NULL) {
    free(r);
    free(work);
    return FGROI_E_NO_MEMORY;
  }
  for (size_t k = 0; k < n; k++) r[k] = (ranked_p){ p[k], k };
  qsort(r, n, sizeof *r, ranked_cmp);
  double *s = work, *q = work + n, *pa = work + 2 * n, *adj = work + 3 * n;
  for (size_t k = 0; k < n; k++) s[k] = r[k].p;

  switch (method) {
  case FGROI_METHOD_HOLM: { /* cummax((n + 1 - i) p_(i)) ascending */
    double run = -INFINITY;
    for (size_t k = 0; k < n; k++) {
      run = dmax(run, (double)(n - k) * s[k]);
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
  default: /* FGROI_METHOD_HOMMEL, n >= 3 */
    hommel_sorted(s, n, q, pa, adj);
    break;
  }
  for (size_t k = 0; k < n; k++) adjusted[r[k].i] = adj[k];
  free(r);
  free(work);
  return FGROI_OK;
}
