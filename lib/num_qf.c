/* The distribution of a positive quadratic form in normal variables, and
 * the eigenvalues of a rank-one downdate of a diagonal matrix, for the
 * generalised Q statistic of pooling (lib/pool.c: metafor's GENQM and the
 * generalised Q-profile interval). See num.h; docs/methods/pool.md.
 *
 * Ruben (1962), "Probability content of regions under spherical normal
 * distributions, IV", Ann Math Stat 33:542-570; Farebrother (1984),
 * Algorithm AS 204, Appl Stat 33:332-339 (the same series with beta =
 * lambda_min, which is CompQuadForm's farebrother(mode = 1), the routine
 * metafor calls). Secular equation: Golub (1973), "Some modified matrix
 * eigenvalue problems", SIAM Rev 15:318-334. */
#define _DEFAULT_SOURCE 1 /* lgamma_r (glibc, BSD, macOS): reentrant lgamma */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "checked.h"
#include "num.h"

/* ---- Pr(sum lambda_j chi^2_1 > q): Ruben's series --------------------------- */

fgroi_status fgroi__pqform(double q, const double *lambda, size_t r, int lower, double tol,
                           size_t max_terms, double *p, double *abserr, size_t *terms) {
  if (lambda == NULL || p == NULL || r == 0 || isnan(q) || !(tol > 0.0) || max_terms == 0)
    return FGROI_E_OUT_OF_RANGE;
  double beta = INFINITY;
  for (size_t j = 0; j < r; j++) {
    if (!(lambda[j] > 0.0) || !isfinite(lambda[j])) return FGROI_E_OUT_OF_RANGE;
    if (lambda[j] < beta) beta = lambda[j];
  }
  if (terms != NULL) *terms = 0;
  if (abserr != NULL) *abserr = 0.0;
  if (q <= 0.0) { *p = lower ? 0.0 : 1.0; return FGROI_OK; }
  const double x = q / beta;
  if (isinf(x)) { *p = lower ? 1.0 : 0.0; return FGROI_OK; }
  /* Q / beta = chi^2_{r + 2N} with N = sum of r independent negative
   * binomials (1/2, beta/lambda_j): a_k = P(N = k), a_0 = prod
   * (beta/lambda_j)^(1/2), a_k = (1/k) sum_{m=1..k} g_m a_{k-m} with g_m =
   * (1/2) sum_j gamma_j^m, gamma_j = 1 - beta/lambda_j in [0, 1). Every
   * term is positive: the recursion runs in long double. */
  long double la0 = 0.0L;
  for (size_t j = 0; j < r; j++) la0 += 0.5L * logl((long double)beta / lambda[j]);
  long double a0 = expl(la0);
  if (!(a0 > 0.0L)) return FGROI_E_TOO_LARGE; /* the mass of N lies beyond any series */
  long double *a = fgroi__malloc_array(max_terms, sizeof *a);
  long double *g = fgroi__malloc_array(max_terms, sizeof *g);
  long double *pw = fgroi__malloc_array(r, sizeof *pw);
  if (a == NULL || g == NULL || pw == NULL) {
    free(a); free(g); free(pw);
    return FGROI_E_NO_MEMORY;
  }
  for (size_t j = 0; j < r; j++) pw[j] = 1.0L;
  a[0] = a0;
  const double nu0 = (double)r;
  long double sum = 0.0L, mass = a0;
  double plo = fgroi__pchisq(x, nu0, 1), pup = fgroi__pchisq(x, nu0, 0);
  sum = a0 * (long double)(lower ? plo : pup);
  fgroi_status st = FGROI_E_TOO_LARGE;
  size_t k = 0;
  for (;;) {
    /* the rest of the mixture, R = 1 - sum a, puts weight on chi-squares
     * with more df: P_k = P(chi^2_{r+2k} <= x) falls with k, so the
     * untaken lower tail lies in [0, R P_{k+1}] and the upper tail in
     * [R Q_{k+1}, R]: either way an interval of width R P_{k+1} */
    long double rest = 1.0L - mass;
    if (rest < 0.0L) rest = 0.0L;
    double pnext = fgroi__pchisq(x, nu0 + 2.0 * (double)(k + 1), 1);
    if (isnan(pnext) || isnan(plo) || isnan(pup)) { st = FGROI_E_NO_CONVERGENCE; break; }
    long double width = rest * pnext;
    if (width <= tol) {
      long double lo = lower ? sum : sum + rest * (1.0L - pnext);
      double val = (double)(lo + width / 2.0L);
      *p = val < 0.0 ? 0.0 : (val > 1.0 ? 1.0 : val);
      /* rounding: the relative error of a_k grows at most like (k^2/2 +
       * r + k) units of the long double, and each chi-square tail carries
       * about 1e-15 */
      if (abserr != NULL)
        *abserr = (double)(width / 2.0L) +
                  ((double)k * (double)k / 2.0 + (double)r + (double)k + 8.0) *
                      (double)LDBL_EPSILON + 4.0 * DBL_EPSILON;
      if (terms != NULL) *terms = k + 1;
      st = FGROI_OK;
      break;
    }
    if (k + 1 >= max_terms) break; /* FGROI_E_TOO_LARGE: the caller names the limit */
    k++;
    long double gk = 0.0L;
    for (size_t j = 0; j < r; j++) {
      pw[j] *= ((long double)lambda[j] - beta) / lambda[j];
      gk += pw[j];
    }
    g[k] = 0.5L * gk;
    long double ak = 0.0L;
    for (size_t m = 1; m <= k; m++) ak += g[m] * a[k - m];
    a[k] = ak / (long double)k;
    mass += a[k];
    plo = pnext;
    pup = fgroi__pchisq(x, nu0 + 2.0 * (double)k, 0);
    sum += a[k] * (long double)(lower ? plo : pup);
  }
  free(a);
  free(g);
  free(pw);
  return st;
}

/* ---- eigenvalues of diag(a d) - z z' / sum a, z_i = a_i sqrt(d_i) ----------- */

typedef struct { double p, c; } pole; /* a distinct diagonal value and its weight sum z^2 / s */

static int cmp_pole(const void *x, const void *y) {
  double a = ((const pole *)x)->p, b = ((const pole *)y)->p;
  return (a > b) - (a < b);
}

/* t f(mu) for mu = origin + sign t: 1 - sum c_i / (p_i - mu) times t, with
 * p_i - mu = (p_i - origin) - sign t, so the pole at the origin gives the
 * finite term sign c_origin. */
typedef struct { const pole *pl; size_t n, o; double sign; } secular;

static double secular_fn(double t, void *ctx) {
  const secular *s = ctx;
  long double v = t;
  for (size_t i = 0; i < s->n; i++) {
    if (i == s->o) {
      v += s->sign * (long double)s->pl[i].c;
      continue;
    }
    long double den = (long double)(s->pl[i].p - s->pl[s->o].p) - s->sign * (long double)t;
    v -= (long double)s->pl[i].c * t / den;
  }
  return (double)v;
}

fgroi_status fgroi__downdate_eigen(const double *a, const double *d, size_t k, double *lambda,
                                   size_t *r) {
  if (a == NULL || d == NULL || lambda == NULL || r == NULL) return FGROI_E_NULL;
  long double s = 0.0L;
  size_t npos = 0;
  for (size_t i = 0; i < k; i++) {
    if (!(a[i] >= 0.0) || !isfinite(a[i]) || !(d[i] > 0.0) || !isfinite(d[i]))
      return FGROI_E_OUT_OF_RANGE;
    if (a[i] > 0.0) { s += a[i]; npos++; }
  }
  *r = 0;
  if (npos < 2) return FGROI_OK; /* no non-zero eigenvalue */
  pole *pl = fgroi__malloc_array(npos, sizeof *pl);
  if (pl == NULL) return FGROI_E_NO_MEMORY;
  size_t n = 0;
  for (size_t i = 0; i < k; i++)
    if (a[i] > 0.0) {
      pl[n].p = a[i] * d[i];
      pl[n].c = (double)((long double)a[i] * a[i] * d[i] / s);
      if (!isfinite(pl[n].p) || !(pl[n].p > 0.0) || !isfinite(pl[n].c)) {
        free(pl);
        return FGROI_E_OUT_OF_RANGE;
      }
      n++;
    }
  qsort(pl, n, sizeof *pl, cmp_pole);
  /* deflation: m equal diagonal values give m - 1 eigenvalues equal to it
   * (their z's combine into one pole) */
  size_t m = 0, out = 0;
  for (size_t i = 0; i < n; i++) {
    if (m > 0 && pl[i].p == pl[m - 1].p) {
      pl[m - 1].c += pl[i].c;
      lambda[out++] = pl[i].p;
    } else {
      pl[m++] = pl[i];
    }
  }
  /* one root of 1 = sum c_i / (p_i - mu) in each gap between distinct
   * poles (the one below the first is 0), found from the nearer pole */
  fgroi_status st = FGROI_OK;
  for (size_t j = 0; j + 1 < m && st == FGROI_OK; j++) {
    const double gap = pl[j + 1].p - pl[j].p, mid = pl[j].p + gap / 2.0;
    secular lo = { pl, m, j, +1.0 };
    double fmid = secular_fn(gap / 2.0, &lo); /* (gap/2) f(mid) */
    secular e = fmid >= 0.0 ? (secular){ pl, m, j + 1, -1.0 } : lo;
    double half = fmid >= 0.0 ? pl[j + 1].p - mid : gap / 2.0, t;
    if (fmid == 0.0) { lambda[out++] = mid; continue; }
    st = fgroi__root_brent(secular_fn, &e, 0.0, half, 1e-300, 4.0 * DBL_EPSILON, &t);
    if (st != FGROI_OK) { st = FGROI_E_NO_CONVERGENCE; break; }
    lambda[out++] = pl[e.o].p + e.sign * t;
  }
  free(pl);
  if (st != FGROI_OK) return st;
  *r = out;
  return FGROI_OK;
}
