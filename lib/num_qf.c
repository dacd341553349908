/* The distribution of a positive quadratic form in normal variables, and
 * the eigenvalues of a rank-one downdate of a diagonal matrix, for the
 * generalised Q statistic of pooling (lib/pool.c: metafor's GENQM and the
 * generalised Q-profile interval). See num.h; docs/methods/pool.md.
 *
 * Ruben (1962), "Probability content of regions under spherical normal
 * distributions, IV", Ann Math Stat 33:542-570; Farebrother (1984),
 * Algorithm AS 204, Appl Stat 33:332-339 (the same series with beta =
 * lambda_min, which is CompQuadForm's farebrother(mode = 1), the routine
 * metafor calls). Imhof (1961), "Computing the distribution of quadratic
 * forms in normal variables", Biometrika 48:419-426, by our own
 * Gauss-Kronrod panels (no GSL integration routine: those report failure
 * through GSL's error handler). Secular equation: Golub (1973), "Some
 * modified matrix eigenvalue problems", SIAM Rev 15:318-334. */
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

/* ---- Pr(sum lambda_j chi^2_1 > q): Imhof's integral ------------------------- */

/* Imhof (1961): P(Q > x) = 1/2 + (1/pi) int_0^inf sin(theta(u)) / (u rho(u))
 * du, theta(u) = (1/2) sum arctan(lambda_j u) - x u / 2, rho(u) = prod (1 +
 * lambda_j^2 u^2)^(1/4). */
typedef struct {
  const double *lam;
  size_t r;
  double x, slam;
  size_t evals, max_evals;
  double noise; /* the largest amplitude times phase magnitude seen in the panel */
} imhof_ctx;

static double imhof_f(double u, imhof_ctx *c) {
  c->evals++;
  if (u == 0.0) return 0.5 * (c->slam - c->x);
  long double th = 0.0L, lr = 0.0L;
  for (size_t j = 0; j < c->r; j++) {
    double lu = c->lam[j] * u;
    th += atan(lu);
    lr += log1p(lu * lu);
  }
  double phase = (double)(th / 2.0L) - c->x * u / 2.0, amp = exp((double)(-lr / 4.0L)) / u;
  /* the phase is a difference of two terms: its rounding is eps times their size */
  double nz = amp * ((double)(th / 2.0L) + c->x * u / 2.0);
  if (nz > c->noise) c->noise = nz;
  return sin(phase) * amp;
}

/* Gauss-Kronrod 7-15 (QUADPACK's qk15 abscissae and weights). */
static const double xgk[8] = { 0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                               0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                               0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                               0.207784955007898467600689403773245, 0.0 };
static const double wgk[8] = { 0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                               0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                               0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                               0.204432940075298892414161999234649, 0.209482141084727828012999174891714 };
static const double wg[4] = { 0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                              0.381830050505118944950369775488975, 0.417959183673469387755102040816327 };

/* Adaptive GK15 on [a, b] to |error| <= tol (bisection, depth <= 40);
 * *err gets the estimated error. */
static double imhof_gk(imhof_ctx *c, double a, double b, double tol, int depth, double *err) {
  const double m = 0.5 * (a + b), h = 0.5 * (b - a);
  c->noise = 0.0;
  double fc = imhof_f(m, c), rk = fc * wgk[7], rg = fc * wg[3], ra = fabs(fc) * wgk[7];
  for (int j = 0; j < 7; j++) {
    double f1 = imhof_f(m - h * xgk[j], c), f2 = imhof_f(m + h * xgk[j], c);
    rk += wgk[j] * (f1 + f2);
    ra += wgk[j] * (fabs(f1) + fabs(f2));
    if (j % 2 == 1) rg += wg[j / 2] * (f1 + f2);
  }
  rk *= h;
  rg *= h;
  ra *= h;
  double e = fabs(rk - rg);
  /* done: within tol, or at the rounding level of the panel's integrand
   * (QUADPACK's 50 eps |f| floor), or out of budget (the caller stops) */
  if (e <= tol || e <= 50.0 * DBL_EPSILON * (ra + 2.0 * h * c->noise) || depth >= 30 ||
      c->evals > c->max_evals ||
      h < 8.0 * DBL_EPSILON * fabs(m)) {
    *err = e;
    return rk;
  }
  double e1, e2;
  double v = imhof_gk(c, a, m, tol / 2.0, depth + 1, &e1) + imhof_gk(c, m, b, tol / 2.0, depth + 1, &e2);
  *err = e1 + e2;
  return v;
}

fgroi_status fgroi__pqform_imhof(double q, const double *lambda, size_t r, int lower, double tol,
                                 size_t max_evals, double *p, double *abserr, size_t *evals) {
  if (evals != NULL) *evals = 0;
  if (lambda == NULL || p == NULL || r == 0 || isnan(q) || !(tol > 0.0)) return FGROI_E_OUT_OF_RANGE;
  if (tol < 16.0 * DBL_EPSILON) return FGROI_E_TOO_LARGE; /* below the integral's rounding */
  double lmin = INFINITY, slam = 0.0, lprod = 0.0; /* lprod = sum log lambda / 2 */
  for (size_t j = 0; j < r; j++) {
    if (!(lambda[j] > 0.0) || !isfinite(lambda[j])) return FGROI_E_OUT_OF_RANGE;
    if (lambda[j] < lmin) lmin = lambda[j];
    slam += lambda[j];
    lprod += 0.5 * log(lambda[j]);
  }
  if (abserr != NULL) *abserr = 0.0;
  if (q <= 0.0) { *p = lower ? 0.0 : 1.0; return FGROI_OK; }
  if (isinf(q) || !isfinite(slam)) return FGROI_E_OUT_OF_RANGE;
  imhof_ctx c = { lambda, r, q, slam, 0, max_evals, 0.0 };
  /* panels of one half period of the tail's oscillation sin(x u / 2 - .),
   * each integrated adaptively; the integral stops where Imhof's bound on
   * the rest, (2/r) U^(-r/2) prod lambda^(-1/2), is below tol, or, once
   * every arctan(lambda u) is near pi/2 (the panel integrals alternate with
   * smooth magnitudes), where the repeated averages of the partial sums
   * (Euler's transform of the alternating tail) have settled */
  enum { M = 24 };
  /* the alternating regime: every lambda_j u >= 40 (its arctan within
   * 1/40 of pi/2) unless lambda_j <= q / 100 (its arctan then turns the
   * phase at most 1/100 as fast as q u / 2), and the amplitude, whose
   * log-derivative is at most (1 + r/2) / u, changes by <= 10% a panel */
  const double hp = 2.0 * M_PI / q;
  double asym = 10.0 * hp * (1.0 + 0.5 * (double)r);
  for (size_t j = 0; j < r; j++)
    if (lambda[j] > q / 100.0 && 40.0 / lambda[j] > asym) asym = 40.0 / lambda[j];
  double ps[M], sum = 0.0, qerr = 0.0;
  const double ptol = tol * 1e-3; /* per panel */
  for (size_t n = 0;; n++) {
    double e, a = (double)n * hp, b = (double)(n + 1) * hp;
    sum += imhof_gk(&c, a, b, ptol, 0, &e);
    qerr += e;
    ps[n % M] = sum;
    if (evals != NULL) *evals = c.evals;
    if (c.evals > max_evals) return FGROI_E_TOO_LARGE;
    double lbound = log(2.0 / (double)r) - 0.5 * (double)r * log(b) - lprod - log(M_PI);
    double tail = NAN, terr = INFINITY;
    if (lbound < log(tol / 4.0)) {
      tail = sum / M_PI;
      terr = exp(lbound);
    } else if (b > asym && n + 1 >= M) {
      /* Euler's transform: M - 1 rounds of averaging neighbours over the
       * last M partial sums, and over the last M - 1; their difference is
       * the error estimate */
      double est[2];
      for (int t = 0; t < 2; t++) {
        double v[M];
        const size_t len = M - (size_t)t;
        for (size_t i = 0; i < len; i++) v[i] = ps[(n + 1 + (size_t)t + i) % M]; /* oldest first */
        for (size_t l = len - 1; l > 0; l--)
          for (size_t i = 0; i < l; i++) v[i] = 0.5 * (v[i] + v[i + 1]);
        est[t] = v[0];
      }
      tail = est[0] / M_PI;
      terr = fabs(est[0] - est[1]) / M_PI;
      if (!(terr < tol / 4.0)) tail = NAN;
    }
    if (!isnan(tail)) {
      /* qerr: the Gauss-Kronrod estimates |K15 - G7| of each panel, which
       * bound the error of the Gauss rule: pessimistic for K15's */
      double err = terr + qerr / M_PI;
      double val = lower ? 0.5 - tail : 0.5 + tail;
      *p = val < 0.0 ? 0.0 : (val > 1.0 ? 1.0 : val);
      if (abserr != NULL) *abserr = err + 4.0 * DBL_EPSILON;
      return FGROI_OK;
    }
  }
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
