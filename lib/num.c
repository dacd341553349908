/* Shared numerical machinery: root finding, distribution functions that
 * never reach GSL's error handler, the binomial/hypergeometric family with
 * Loader's saddle-point pmf, and a seeded RNG. See num.h. */
#include "num.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "internal.h"

/* ---- root finding ---------------------------------------------------- */

/* Brent (1973), "Algorithms for Minimization without Derivatives", ch. 4:
 * bisection safeguarded inverse quadratic / secant steps, in the step
 * order of the netlib zeroin that R's uniroot() also uses, so methods R
 * defines through uniroot reproduce R's numbers exactly. */
fgroi_status fgroi__zeroin(fgroi__fn f, void *ctx, double a, double b, double fa, double fb,
                           double xtol_abs, double xtol_rel, int maxit, double *root) {
  double c = a, fc = fa;
  if (fa == 0.0) { *root = a; return FGROI_OK; }
  if (fb == 0.0) { *root = b; return FGROI_OK; }
  for (int it = 0; it <= maxit; it++) {
    double prev_step = b - a, p = 0.0, q = 0.0;
    if (fabs(fc) < fabs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
    double tol_act = 2.0 * DBL_EPSILON * fabs(b) + (xtol_abs + xtol_rel * fabs(b)) / 2.0;
    double new_step = (c - b) / 2.0;
    if (fabs(new_step) <= tol_act || fb == 0.0) { *root = b; return FGROI_OK; }
    if (fabs(prev_step) >= tol_act && fabs(fa) > fabs(fb)) {
      double cb = c - b, t1, t2;
      if (a == c) { t1 = fb / fa; p = cb * t1; q = 1.0 - t1; }
      else {
        q = fa / fc; t1 = fb / fc; t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
        q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
      }
      if (p > 0.0) q = -q; else p = -p;
      if (p < (0.75 * cb * q - fabs(tol_act * q) / 2.0) && p < fabs(prev_step * q / 2.0))
        new_step = p / q;
    }
    if (fabs(new_step) < tol_act) new_step = new_step > 0.0 ? tol_act : -tol_act;
    a = b; fa = fb;
    b += new_step; fb = f(b, ctx);
    if (isnan(fb)) return FGROI_E_NAN;
    if ((fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0)) { c = a; fc = fa; }
  }
  *root = b;
  return FGROI_E_NO_CONVERGENCE;
}

fgroi_status fgroi__root_brent(fgroi__fn f, void *ctx, double a, double b,
                               double xtol_abs, double xtol_rel, double *root) {
  double fa = f(a, ctx), fb = f(b, ctx);
  if (isnan(fa) || isnan(fb)) return FGROI_E_NAN;
  if (fa != 0.0 && fb != 0.0 && (fa > 0.0) == (fb > 0.0)) return FGROI_E_OUT_OF_RANGE;
  return fgroi__zeroin(f, ctx, a, b, fa, fb, xtol_abs, xtol_rel, 300, root);
}

fgroi_status fgroi__root_monotone(fgroi__fn f, void *ctx, double a, double b,
                                  double xtol_abs, double xtol_rel,
                                  double *root, int *at_end) {
  double fa = f(a, ctx), fb = f(b, ctx);
  if (isnan(fa) || isnan(fb)) return FGROI_E_NAN;
  *at_end = 0;
  if (fa != 0.0 && fb != 0.0 && (fa > 0.0) == (fb > 0.0)) {
    int increasing = fa < fb;
    int beyond_b = (fa > 0.0) ? !increasing : increasing;
    *at_end = beyond_b ? 1 : -1;
    *root = beyond_b ? b : a;
    return FGROI_OK;
  }
  return fgroi__root_brent(f, ctx, a, b, xtol_abs, xtol_rel, root);
}

/* Root of a decreasing function f of a log parameter theta: from theta0
 * step towards the root (the sign of f(theta0) says which way), doubling the
 * step until f changes sign, then Brent. When f keeps its sign up to
 * |theta| = 700 (e^700 ~ 1e304) *at_end is set to -1 or +1 (the limit is
 * 0 or +inf); otherwise 0. */
fgroi_status fgroi__root_log(fgroi__fn f, void *ctx, double theta0, double *root, int *at_end) {
  double a = theta0, fa = f(a, ctx);
  *at_end = 0;
  if (isnan(fa)) return FGROI_E_NO_CONVERGENCE;
  if (fa == 0.0) { *root = a; return FGROI_OK; }
  double dir = fa > 0.0 ? 1.0 : -1.0;
  for (double step = 0.25;; step *= 2.0) {
    double b = theta0 + dir * step;
    if (b > 700.0) b = 700.0;
    if (b < -700.0) b = -700.0;
    double fb = f(b, ctx);
    if (isnan(fb)) return FGROI_E_NO_CONVERGENCE;
    if (fb == 0.0 || (fb > 0.0) != (fa > 0.0)) {
      if (fgroi__root_brent(f, ctx, a, b, 1e-14, 4.0 * DBL_EPSILON, root) != FGROI_OK)
        return FGROI_E_NO_CONVERGENCE;
      return FGROI_OK;
    }
    if (fabs(b) >= 700.0) { *at_end = (int)dir; *root = b; return FGROI_OK; }
    a = b;
    fa = fb;
  }
}

fgroi_status fgroi__bracket_up(fgroi__fn f, void *ctx, int sign, double hi_max, int max_steps,
                               double *lo, double *hi) {
  int steps = 0;
  for (;;) {
    double v = f(*hi, ctx);
    if (!(sign > 0 ? v > 0.0 : v < 0.0)) return FGROI_OK;
    *lo = *hi;
    *hi *= 2.0;
    if (++steps > max_steps || *hi > hi_max) return FGROI_E_TOO_LARGE;
  }
}

double fgroi__root_expand(fgroi__fn f, void *ctx, double lo, double hi, double w, int increasing) {
  const double s = increasing ? 1.0 : -1.0; /* s f is increasing */
  for (int i = 0; i < 200 && s * f(lo, ctx) > 0.0; i++) { hi = lo; lo -= (w *= 2.0); }
  for (int i = 0; i < 200 && s * f(hi, ctx) < 0.0; i++) { lo = hi; hi += (w *= 2.0); }
  double root;
  if (fgroi__root_brent(f, ctx, lo, hi, 1e-300, 4.0 * DBL_EPSILON, &root) != FGROI_OK) return NAN;
  return root;
}

/* ---- continuous distributions ---------------------------------------- */

double fgroi__pnorm(double z, int lower) {
  if (isnan(z)) return NAN;
  return lower ? gsl_cdf_ugaussian_P(z) : gsl_cdf_ugaussian_Q(z);
}

double fgroi__qnorm(double p, int lower) {
  if (isnan(p) || p < 0.0 || p > 1.0) return NAN;
  if (p == 0.0) return lower ? -INFINITY : INFINITY;
  if (p == 1.0) return lower ? INFINITY : -INFINITY;
  return lower ? gsl_cdf_ugaussian_Pinv(p) : gsl_cdf_ugaussian_Qinv(p);
}

double fgroi__z_conf(double conf, fgroi_alternative alternative) {
  if (alternative == FGROI_TWO_SIDED) return fgroi__qnorm(0.5 * (1.0 - conf), 0);
  return fgroi__qnorm(conf, 1);
}

double fgroi__alpha_tail(double alpha, fgroi_alternative alternative) {
  return alternative == FGROI_TWO_SIDED ? alpha / 2.0 : alpha;
}

double fgroi__z_alpha(double alpha, fgroi_alternative alternative) {
  return fgroi__qnorm(fgroi__alpha_tail(alpha, alternative), 0);
}

double fgroi__t_conf(double conf, double df) { return fgroi__qt((1.0 - conf) / 2.0, df, 0); }

double fgroi__p_normal(double z, fgroi_alternative alternative) {
  if (alternative == FGROI_LESS) return fgroi__pnorm(z, 1);
  if (alternative == FGROI_GREATER) return fgroi__pnorm(z, 0);
  return fgroi__clamp01(2.0 * fgroi__pnorm(-fabs(z), 1));
}

double fgroi__pt(double t, double df, int lower) {
  if (isnan(t) || isnan(df) || !(df > 0.0)) return NAN;
  if (isinf(df)) return fgroi__pnorm(t, lower);
  if (isinf(t)) return ((t > 0.0) == (lower != 0)) ? 1.0 : 0.0;
  return lower ? gsl_cdf_tdist_P(t, df) : gsl_cdf_tdist_Q(t, df);
}

/* Solve a lower-tail equation cdf(x) = p for an increasing cdf evaluated on
 * the tail where p lives (no cancellation), expanding the bracket outward. */
typedef struct { double (*cdf)(double x, const double *par, int lower);
                 const double *par; double p; int lower; } tail_eq;

static double tail_eq_fn(double x, void *ctx) {
  const tail_eq *q = ctx;
  double v = q->cdf(x, q->par, q->lower) - q->p;
  return q->lower ? v : -v; /* increasing in x either way */
}

static double tail_quantile(tail_eq *q, double lo, double hi, double lo_bound, double hi_bound) {
  /* expand [lo, hi] until the (increasing) equation changes sign */
  for (int i = 0; i < 2100 && tail_eq_fn(lo, q) > 0.0; i++) {
    double nlo = lo - 2.0 * (hi - lo);
    hi = lo;
    lo = nlo < lo_bound ? lo_bound : nlo;
    if (lo == lo_bound) break;
  }
  for (int i = 0; i < 2100 && tail_eq_fn(hi, q) < 0.0; i++) {
    double nhi = hi + 2.0 * (hi - lo);
    lo = hi;
    hi = nhi > hi_bound ? hi_bound : nhi;
    if (hi == hi_bound) break;
  }
  double root;
  if (fgroi__root_brent(tail_eq_fn, q, lo, hi, 1e-300, 4.0 * DBL_EPSILON, &root) != FGROI_OK)
    return NAN;
  return root;
}

static double t_cdf(double x, const double *par, int lower) { return fgroi__pt(x, par[0], lower); }

double fgroi__qt(double p, double df, int lower) {
  if (isnan(p) || isnan(df) || !(df > 0.0) || p < 0.0 || p > 1.0) return NAN;
  if (isinf(df)) return fgroi__qnorm(p, lower);
  if (p == 0.0) return lower ? -INFINITY : INFINITY;
  if (p == 1.0) return lower ? INFINITY : -INFINITY;
  /* work on the lower tail with p <= 0.5: the quantile is <= 0 */
  int flip = lower ? 0 : 1;
  if (p > 0.5) { p = 1.0 - p; flip = !flip; }
  double par[1] = { df };
  tail_eq q = { t_cdf, par, p, 1 };
  double z = fgroi__qnorm(p, 1);
  double x = tail_quantile(&q, z * 2.0 - 1.0, 0.0, -INFINITY, 0.0);
  return flip ? -x : x;
}

double fgroi__pchisq(double x, double df, int lower) {
  if (isnan(x) || isnan(df) || !(df > 0.0)) return NAN;
  if (x <= 0.0) return lower ? 0.0 : 1.0;
  if (isinf(x)) return lower ? 1.0 : 0.0;
  return lower ? gsl_cdf_chisq_P(x, df) : gsl_cdf_chisq_Q(x, df);
}

static double chisq_cdf(double x, const double *par, int lower) { return fgroi__pchisq(x, par[0], lower); }

double fgroi__qchisq(double p, double df, int lower) {
  if (isnan(p) || isnan(df) || !(df > 0.0) || isinf(df) || p < 0.0 || p > 1.0) return NAN;
  if (p == (lower ? 0.0 : 1.0)) return 0.0;
  if (p == (lower ? 1.0 : 0.0)) return INFINITY;
  if (df == 1.0) { double z = fgroi__qnorm(lower ? (1.0 - p) / 2.0 : p / 2.0, 0); return z * z; }
  double par[1] = { df };
  tail_eq q = { chisq_cdf, par, p, lower };
  return tail_quantile(&q, 0.0, df + 10.0 * sqrt(2.0 * df) + 10.0, 0.0, INFINITY);
}

double fgroi__pf(double x, double df1, double df2, int lower) {
  if (isnan(x) || !(df1 > 0.0) || !(df2 > 0.0)) return NAN;
  if (x <= 0.0) return lower ? 0.0 : 1.0;
  if (isinf(x)) return lower ? 1.0 : 0.0;
  return lower ? gsl_cdf_fdist_P(x, df1, df2) : gsl_cdf_fdist_Q(x, df1, df2);
}

static double f_cdf(double x, const double *par, int lower) { return fgroi__pf(x, par[0], par[1], lower); }

double fgroi__qf(double p, double df1, double df2, int lower) {
  if (isnan(p) || !(df1 > 0.0) || !(df2 > 0.0) || p < 0.0 || p > 1.0) return NAN;
  if (p == (lower ? 0.0 : 1.0)) return 0.0;
  if (p == (lower ? 1.0 : 0.0)) return INFINITY;
  double par[2] = { df1, df2 };
  tail_eq q = { f_cdf, par, p, lower };
  return tail_quantile(&q, 0.0, 4.0, 0.0, INFINITY);
}

double fgroi__pbeta(double x, double a, double b, int lower) {
  if (isnan(x) || !(a > 0.0) || !(b > 0.0) || isinf(a) || isinf(b)) return NAN;
  if (x <= 0.0) return lower ? 0.0 : 1.0;
  if (x >= 1.0) return lower ? 1.0 : 0.0;
  if (a + b > FGROI__BETA_LARGE && a > 1.0 && b > 1.0) return fgroi__pbeta_large(x, a, b, lower);
  return lower ? gsl_cdf_beta_P(x, a, b) : gsl_cdf_beta_Q(x, a, b);
}

static double beta_cdf(double x, const double *par, int lower) { return fgroi__pbeta(x, par[0], par[1], lower); }

double fgroi__qbeta(double p, double a, double b, int lower) {
  if (isnan(p) || !(a > 0.0) || !(b > 0.0) || p < 0.0 || p > 1.0) return NAN;
  if (p == (lower ? 0.0 : 1.0)) return 0.0;
  if (p == (lower ? 1.0 : 0.0)) return 1.0;
  double par[2] = { a, b };
  tail_eq q = { beta_cdf, par, p, lower };
  double root;
  if (fgroi__root_brent(tail_eq_fn, &q, 0.0, 1.0, 1e-300, 4.0 * DBL_EPSILON, &root) != FGROI_OK)
    return NAN;
  return root;
}

/* ---- discrete distributions ------------------------------------------ */

double fgroi__lchoose(double n, double k) {
  if (k < 0.0 || k > n) return -INFINITY;
  if (k == 0.0 || k == n) return 0.0;
  return gsl_sf_lngamma(n + 1.0) - gsl_sf_lngamma(k + 1.0) - gsl_sf_lngamma(n - k + 1.0);
}

/* Stirling error: log(n!) - log(sqrt(2 pi n) (n/e)^n). Loader (2000). */
static double stirlerr(double n) {
  const double S0 = 1.0 / 12.0, S1 = 1.0 / 360.0, S2 = 1.0 / 1260.0,
               S3 = 1.0 / 1680.0, S4 = 1.0 / 1188.0;
  if (n <= 15.0) {
    if (n == 0.0) return 0.0;
    return gsl_sf_lngamma(n + 1.0) - (n + 0.5) * log(n) + n - 0.5 * log(2.0 * M_PI);
  }
  double nn = n * n;
  if (n > 500.0) return (S0 - S1 / nn) / n;
  if (n > 80.0) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35.0) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/* Deviance term x log(x/np) + np - x, computed without cancellation. */
static double bd0(double x, double np) {
  if (fabs(x - np) < 0.1 * (x + np)) {
    double v = (x - np) / (x + np), s = (x - np) * v, ej = 2.0 * x * v;
    v = v * v;
    for (int j = 1; j < 1000; j++) {
      ej *= v;
      double s1 = s + ej / (double)(2 * j + 1);
      if (s1 == s) return s1;
      s = s1;
    }
  }
  return x * log(x / np) + np - x;
}

/* log of the binomial pmf with p and q = 1 - p given separately. */
static double ldbinom_raw(double x, double n, double p, double q) {
  if (p == 0.0) return x == 0.0 ? 0.0 : -INFINITY;
  if (q == 0.0) return x == n ? 0.0 : -INFINITY;
  if (x == 0.0) {
    if (n == 0.0) return 0.0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * log(q);
  }
  if (x == n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * log(p);
  if (x < 0.0 || x > n) return -INFINITY;
  double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  /* log(1 - x/n) without cancellation when x is close to n */
  double lf = log(2.0 * M_PI) + log(x) + (x <= 0.5 * n ? log1p(-x / n) : log((n - x) / n));
  return lc - 0.5 * lf;
}

double fgroi__dbinom(double k, double n, double p, int give_log) {
  if (isnan(k) || isnan(n) || isnan(p) || n < 0.0 || p < 0.0 || p > 1.0) return NAN;
  double l = (k < 0.0 || k > n || k != floor(k)) ? -INFINITY : ldbinom_raw(k, n, p, 1.0 - p);
  return give_log ? l : exp(l);
}

/* Sum pmf terms starting at `start` and moving by `step` (+1 / -1) while
 * terms decrease, using the pmf ratio `ratio(j)` = pmf(j+step)/pmf(j).
 * The exact pmf is re-anchored every 512 terms to stop drift. */
typedef double (*pmf_fn)(double j, const double *par);
typedef double (*ratio_fn)(double j, int step, const double *par);

static double tail_sum(double start, double end, int step, pmf_fn pmf, ratio_fn ratio,
                       const double *par) {
  double term = pmf(start, par), sum = 0.0, c = 0.0;
  double j = start;
  for (long i = 0;; i++) {
    double y = term - c, t = sum + y; /* Kahan */
    c = (t - sum) - y;
    sum = t;
    if (j == end || term <= sum * 1e-18 || term == 0.0) break;
    term *= ratio(j, step, par);
    j += step;
    if ((i & 511) == 511) term = pmf(j, par);
  }
  return sum;
}

static double binom_pmf(double j, const double *par) { return exp(ldbinom_raw(j, par[0], par[1], par[2])); }
static double binom_ratio(double j, int step, const double *par) {
  double n = par[0], p = par[1], q = par[2];
  return step > 0 ? (n - j) / (j + 1.0) * (p / q) : j / (n - j + 1.0) * (q / p);
}

double fgroi__pbinom(double k, double n, double p, int lower) {
  if (isnan(k) || isnan(n) || isnan(p) || n < 0.0 || p < 0.0 || p > 1.0) return NAN;
  k = floor(k + 1e-7);
  if (k < 0.0) return lower ? 0.0 : 1.0;
  if (k >= n) return lower ? 1.0 : 0.0;
  if (p == 0.0) return lower ? 1.0 : 0.0;
  if (p == 1.0) return lower ? 0.0 : 1.0;
  double par[3] = { n, p, 1.0 - p };
  double mode = floor((n + 1.0) * p);
  if (k < mode) {
    double lo = tail_sum(k, 0.0, -1, binom_pmf, binom_ratio, par);
    return lower ? lo : 1.0 - lo;
  }
  double hi = tail_sum(k + 1.0, n, +1, binom_pmf, binom_ratio, par);
  return lower ? 1.0 - hi : hi;
}

/* R's dhyper via three binomial pmfs (Loader 2000). */
static double ldhyper_raw(double x, double r, double b, double n) {
  if (x < 0.0 || x > r || n - x < 0.0 || n - x > b) return -INFINITY;
  if (n == 0.0) return x == 0.0 ? 0.0 : -INFINITY;
  double pp = n / (r + b), qq = (r + b - n) / (r + b);
  double p1 = ldbinom_raw(x, r, pp, qq), p2 = ldbinom_raw(n - x, b, pp, qq),
         p3 = ldbinom_raw(n, r + b, pp, qq);
  return p1 + p2 - p3;
}

double fgroi__dhyper(double x, double m, double n, double k, int give_log) {
  if (isnan(x) || isnan(m) || isnan(n) || isnan(k) || m < 0.0 || n < 0.0 || k < 0.0 || k > m + n)
    return NAN;
  double l = (x != floor(x)) ? -INFINITY : ldhyper_raw(x, m, n, k);
  return give_log ? l : exp(l);
}

static double hyper_pmf(double j, const double *par) { return exp(ldhyper_raw(j, par[0], par[1], par[2])); }
static double hyper_ratio(double j, int step, const double *par) {
  double r = par[0], b = par[1], n = par[2];
  if (step > 0) return (r - j) * (n - j) / ((j + 1.0) * (b - n + j + 1.0));
  return j * (b - n + j) / ((r - j + 1.0) * (n - j + 1.0));
}

double fgroi__phyper(double x, double m, double n, double k, int lower) {
  if (isnan(x) || m < 0.0 || n < 0.0 || k < 0.0 || k > m + n) return NAN;
  x = floor(x + 1e-7);
  double lo_sup = k - n > 0.0 ? k - n : 0.0, hi_sup = k < m ? k : m;
  if (x < lo_sup) return lower ? 0.0 : 1.0;
  if (x >= hi_sup) return lower ? 1.0 : 0.0;
  double par[3] = { m, n, k };
  double mode = floor((k + 1.0) * (m + 1.0) / (m + n + 2.0));
  if (x < mode) {
    double lo = tail_sum(x, lo_sup, -1, hyper_pmf, hyper_ratio, par);
    return lower ? lo : 1.0 - lo;
  }
  double hi = tail_sum(x + 1.0, hi_sup, +1, hyper_pmf, hyper_ratio, par);
  return lower ? 1.0 - hi : hi;
}

/* ---- RNG: xoshiro256** (Blackman & Vigna 2018), seeded by splitmix64 --- */

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void fgroi__rng_seed(fgroi__rng *rng, uint64_t seed) {
  for (int i = 0; i < 4; i++) rng->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t fgroi__rng_u64(fgroi__rng *rng) {
  uint64_t *s = rng->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
  s[2] ^= t; s[3] = rotl(s[3], 45);
  return result;
}

double fgroi__rng_uniform(fgroi__rng *rng) {
  return (double)(fgroi__rng_u64(rng) >> 11) * 0x1.0p-53;
}

uint64_t fgroi__rng_below(fgroi__rng *rng, uint64_t n) {
  if (n <= 1) return 0;
  uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t v;
  do { v = fgroi__rng_u64(rng); } while (v >= limit);
  return v % n;
}

/* ---- helpers ----------------------------------------------------------- */

double fgroi__sum(const double *x, size_t n) {
  double s = 0.0, c = 0.0;
  for (size_t i = 0; i < n; i++) {
    double t = s + x[i];
    c += fabs(s) >= fabs(x[i]) ? (s - t) + x[i] : (x[i] - t) + s;
    s = t;
  }
  return s + c;
}

fgroi_status fgroi__check_finite_array(const double *x, size_t n) {
  if (n > 0 && x == NULL) return FGROI_E_NULL;
  for (size_t i = 0; i < n; i++) FGROI__TRY(fgroi__check_finite(x[i]));
  return FGROI_OK;
}

/* ---- prop additions ---- */

/* log(x^a y^b / B(a, b)) with y = 1 - x given separately, the prefactor
 * of the incomplete beta continued fraction, in Loader's (2000) saddle
 * point form: with N = a + b,
 *   1/2 log(a b / (2 pi N)) + stirlerr(N) - stirlerr(a) - stirlerr(b)
 *     - bd0(a, N x) - bd0(b, N y),
 * which has no cancellation between terms of size a log x when a, b are in
 * the billions, and never forms a + b - 1 (that would round away the
 * fraction of a small parameter). */
static double lbeta_prefactor(double x, double y, double a, double b) {
  double nn = a + b;
  return 0.5 * (log(a / nn) + log(b) - log(2.0 * M_PI)) + stirlerr(nn) - stirlerr(a) -
         stirlerr(b) - bd0(a, nn * x) - bd0(b, nn * y);
}

/* I_x(a, b) for a, b > 1 and x <= a / (a + b) by the continued fraction
 * of DiDonato & Morris (1992, ACM TOMS 708, "BFRAC"), written in terms of
 * lambda = (a + b) y - b >= 0, which the caller computes without
 * cancellation. Converges fast even when a and b are in the billions. */
static double beta_frac(double x, double y, double a, double b, double lambda) {
  double lbrc = lbeta_prefactor(x, y, a, b);
  if (lbrc < -745.2) return 0.0;
  const double c = lambda + 1.0, c0 = b / a, c1 = 1.0 / a + 1.0, yp1 = y + 1.0;
  double p = 1.0, s = a + 1.0, an = 0.0, bn = 1.0, anp1 = 1.0, bnp1 = c / c1;
  double r = c1 / c;
  for (double n = 1.0; n < 1e6; n++) {
    double t = n / a, w = n * (b - n) * x, e = a / s;
    double alpha = p * (p + c0) * e * e * (w * x);
    e = (t + 1.0) / (c1 + t + t);
    double beta = n + w / s + e * (c + n * yp1);
    p = t + 1.0;
    s += 2.0;
    t = alpha * an + beta * anp1; an = anp1; anp1 = t;
    t = alpha * bn + beta * bnp1; bn = bnp1; bnp1 = t;
    double r0 = r;
    r = anp1 / bnp1;
    if (fabs(r - r0) <= DBL_EPSILON * r) return exp(lbrc) * r;
    an /= bnp1; bn /= bnp1; anp1 = r; bnp1 = 1.0;
  }
  return NAN;
}

double fgroi__pbeta_large(double x, double a, double b, int lower) {
  if (isnan(x) || !(a > 1.0) || !(b > 1.0) || isinf(a) || isinf(b)) return NAN;
  if (x <= 0.0) return lower ? 0.0 : 1.0;
  if (x >= 1.0) return lower ? 1.0 : 0.0;
  /* evaluate the tail on the side of x away from the mean directly (it is
   * the small one, so it keeps full relative accuracy): lambda >= 0 */
  double y = 1.0 - x;
  double lambda = a > b ? (a + b) * y - b : a - (a + b) * x;
  int swap = lambda < 0.0;
  double tail = swap ? beta_frac(y, x, b, a, -lambda) : beta_frac(x, y, a, b, lambda);
  if (isnan(tail)) return NAN;
  if (tail > 1.0) tail = 1.0;
  /* tail is I_x(a, b) (lower) unless swapped (then 1 - I_x(a, b)) */
  return (lower != swap) ? tail : 1.0 - tail;
}

/* ---- means additions ---------------------------------------------------- */

void fgroi__mean_var(const double *x, size_t n, double *mean, double *var) {
  double m = fgroi__sum(x, n) / (double)n;
  double s = 0.0, c = 0.0;
  for (size_t i = 0; i < n; i++) {
    double d = x[i] - m, y = d * d - c, t = s + y;
    c = (t - s) - y;
    s = t;
  }
  *mean = m;
  *var = n > 1 ? s / (double)(n - 1) : 0.0;
}


void fgroi__t_finish(double est, double se, double df, double mu, double conf,
                     fgroi_alternative alt, fgroi_method m, fgroi_interval *c, fgroi_test *t) {
  double tstat = (est - mu) / se, p, lo, hi;
  if (alt == FGROI_LESS) {
    p = fgroi__pt(tstat, df, 1);
    lo = -INFINITY; hi = est + fgroi__qt(conf, df, 1) * se;
  } else if (alt == FGROI_GREATER) {
    p = fgroi__pt(tstat, df, 0);
    lo = est - fgroi__qt(conf, df, 1) * se; hi = INFINITY;
  } else {
    p = 2.0 * fgroi__pt(-fabs(tstat), df, 1);
    double q = fgroi__t_conf(conf, df);
    lo = est - q * se; hi = est + q * se;
  }
  *c = fgroi__interval(est, lo, hi, conf, m, alt, 0);
  *t = fgroi__test(tstat, df, fgroi__clamp01(p), mu, m, alt, 0);
}

typedef struct { double p, df, ncp; int lower; } qnt_eq;

static double qnt_fn(double t, void *ctx) {
  const qnt_eq *q = ctx;
  double v = fgroi__pnt(t, q->df, q->ncp, q->lower) - q->p;
  return q->lower ? v : -v; /* increasing in t either way */
}

double fgroi__qnt(double p, double df, double ncp, int lower) {
  if (isnan(p) || isnan(df) || isnan(ncp) || !(p > 0.0 && p < 1.0) || !(df > 0.0) || isinf(ncp))
    return NAN;
  if (ncp == 0.0) return fgroi__qt(p, df, lower);
  qnt_eq q = { p, df, ncp, lower };
  double w = 2.0 + fabs(ncp) / 4.0;
  return fgroi__root_expand(qnt_fn, &q, ncp - w, ncp + w, w, 1);
}

/* ---- exact2x2 additions ---- */

fgroi_status fgroi__min_brent(fgroi__fn f, void *ctx, double a, double b,
                              double xtol_abs, double xtol_rel,
                              double *xmin, double *fmin) {
  const double cgold = 0.3819660112501051; /* (3 - sqrt 5) / 2 */
  if (a > b) { double t = a; a = b; b = t; }
  double x = a + cgold * (b - a), w = x, v = x;
  double fx = f(x, ctx);
  if (isnan(fx)) return FGROI_E_NAN;
  double fw = fx, fv = fx, d = 0.0, e = 0.0;
  for (int iter = 0; iter < 300; iter++) {
    double m = 0.5 * (a + b);
    double tol = xtol_abs + xtol_rel * fabs(x) + 2.0 * DBL_EPSILON * fabs(x);
    double t2 = 2.0 * tol;
    if (fabs(x - m) <= t2 - 0.5 * (b - a)) { *xmin = x; *fmin = fx; return FGROI_OK; }
    int golden = 1;
    if (fabs(e) > tol) { /* try a parabola through x, w, v */
      double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw);
      double p = (x - v) * q - (x - w) * r;
      q = 2.0 * (q - r);
      if (q > 0.0) p = -p; else q = -q;
      double etemp = e;
      e = d;
      if (fabs(p) < fabs(0.5 * q * etemp) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        double u = x + d;
        if (u - a < t2 || b - u < t2) d = (m >= x) ? tol : -tol;
        golden = 0;
      }
    }
    if (golden) { e = (x >= m) ? a - x : b - x; d = cgold * e; }
    double u = x + (fabs(d) >= tol ? d : (d > 0.0 ? tol : -tol));
    double fu = f(u, ctx);
    if (isnan(fu)) return FGROI_E_NAN;
    if (fu <= fx) {
      if (u >= x) a = x; else b = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u; else b = u;
      if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
      else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
    }
  }
  return FGROI_E_NO_CONVERGENCE;
}

/* ---- power (planning) additions ---------------------------------------- */

/* Noncentral t CDF, Lenth (1989) algorithm AS 243: P(T <= t) as a Poisson-
 * weighted series of incomplete beta functions (odd and even terms),
 * summed until the remaining Poisson mass bounds the error below 1e-12.
 * Where the series would start from underflowed weights (ncp^2 beyond
 * ~1416) or df is huge, the normal approximation of Abramowitz & Stegun
 * 26.7.10 is used, as R's pnt() does. */
static double pnt_lower(double t, double df, double ncp) {
  int neg = t < 0.0;
  double tt = neg ? -t : t, del = neg ? -ncp : ncp;
  if (df > 4e5 || del * del > 2.0 * 0.693147180559945309 * (double)(-(DBL_MIN_EXP))) {
    double s = 1.0 / (4.0 * df);
    double z = (tt * (1.0 - s) - del) / sqrt(1.0 + tt * tt * 2.0 * s);
    double lo = fgroi__pnorm(z, 1);
    return neg ? 1.0 - lo : lo;
  }
  double tnc = 0.0;
  double t2 = tt * tt;
  if (t2 > 0.0) { /* (t = 0 or t^2 underflowing adds nothing to the series) */
    int big = isinf(t2);
    double x = big ? 1.0 : t2 / (t2 + df);
    double rxb = big ? 0.0 : df / (t2 + df); /* 1 - x without cancellation */
    double lambda = del * del;
    double p = 0.5 * exp(-0.5 * lambda), q = sqrt(2.0 / M_PI) * p * del;
    double s = -0.5 * expm1(-0.5 * lambda); /* 0.5 - p, accurately */
    double a = 0.5, b = 0.5 * df;
    rxb = pow(rxb, b);
    double albeta = 0.5 * log(M_PI) + gsl_sf_lngamma(b) - gsl_sf_lngamma(0.5 + b);
    double xodd = fgroi__pbeta(x, a, b, 1);
    double godd = 2.0 * rxb * exp(a * log(x) - albeta);
    double xeven = 1.0 - rxb, geven = b * x * rxb;
    tnc = p * xodd + q * xeven;
    for (int it = 1; it <= 2000; it++) {
      a += 1.0;
      xodd -= godd;
      xeven -= geven;
      godd *= x * (a + b - 1.0) / a;
      geven *= x * (a + b - 0.5) / (a + 0.5);
      p *= lambda / (2.0 * it);
      q *= lambda / (2.0 * it + 1.0);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s <= 0.0 || 2.0 * s * (xodd - godd) < 1e-12) break;
    }
  }
  tnc += fgroi__pnorm(-del, 1);
  if (tnc > 1.0) tnc = 1.0;
  if (tnc < 0.0) tnc = 0.0;
  return neg ? 1.0 - tnc : tnc;
}

double fgroi__pnt(double t, double df, double ncp, int lower) {
  if (isnan(t) || isnan(df) || isnan(ncp) || !(df > 0.0) || isinf(ncp)) return NAN;
  if (ncp == 0.0) return fgroi__pt(t, df, lower);
  if (isinf(t)) return (t > 0) == (lower != 0) ? 1.0 : 0.0;
  if (isinf(df)) return fgroi__pnorm(t - ncp, lower);
  double lo = pnt_lower(t, df, ncp);
  return lower ? lo : 1.0 - lo;
}

/* ---- order statistics ------------------------------------------------------ */

int fgroi__cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double fgroi__quantile7(const double *x, size_t n, double p) {
  if (!(p > 0.0)) return x[0];
  if (p >= 1.0) return x[n - 1];
  double h = (double)(n - 1) * p;
  size_t lo = (size_t)floor(h);
  if (lo + 1 >= n) return x[n - 1];
  return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}
