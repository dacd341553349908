/* Shared numerical machinery (never installed), grouped by kind: root
 * finding and minimisation, continuous distributions, discrete
 * distributions, the deterministic RNG, summaries and order statistics, the
 * t procedure. One helper lives here once (duplicates in lib/ are bugs).
 * Every domain uses these;
 * nothing here calls GSL in a way that can reach its error handler:
 * arguments are validated first and fragile inverse CDFs are replaced by
 * fgroi__root_brent over GSL's forward CDFs.
 *
 * Conventions: `lower` != 0 asks for the lower tail P(X <= x), 0 for the
 * upper tail P(X > x) (for discrete distributions: P(X > k)). Quantile
 * functions take the tail probability of the same side. Out-of-domain
 * arguments give NaN, never a GSL call. */
#ifndef FGROI_NUM_H
#define FGROI_NUM_H

#include <stdint.h>

#include "internal.h"

/* ---- root finding and minimisation ------------------------------------ */
typedef double (*fgroi__fn)(double x, void *ctx);

/* Brent's method on [a, b] where f(a) and f(b) have opposite signs (or one
 * is zero). Converges to |interval| <= xtol_abs + xtol_rel * |x|.
 * Returns FGROI_OK, FGROI_E_OUT_OF_RANGE (no sign change),
 * FGROI_E_NAN (f returned NaN) or FGROI_E_NO_CONVERGENCE. */
fgroi_status fgroi__root_brent(fgroi__fn f, void *ctx, double a, double b,
                               double xtol_abs, double xtol_rel, double *root);

/* The same Brent iteration with f(a) = fa, f(b) = fb given (they must not
 * have the same strict sign) and at most maxit + 1 steps; tolerance
 * 2 eps |b| + (xtol_abs + xtol_rel |b|) / 2 as R's R_zeroin2. With
 * xtol_rel = 0 and xtol_abs = tol it is R's uniroot(tol = tol) step for step
 * (wilcox.test's approximate Hodges-Lehmann limits are defined that way).
 * Returns FGROI_E_NAN or FGROI_E_NO_CONVERGENCE (root = last iterate). */
fgroi_status fgroi__zeroin(fgroi__fn f, void *ctx, double a, double b, double fa, double fb,
                           double xtol_abs, double xtol_rel, int maxit, double *root);

/* Solve f(x) = 0 for a monotone f on [a, b] whose sign at the ends is
 * unknown: returns a (or b) when f does not change sign and the root lies
 * beyond that end (*at_end set to -1 or +1), else the Brent root. */
fgroi_status fgroi__root_monotone(fgroi__fn f, void *ctx, double a, double b,
                                  double xtol_abs, double xtol_rel,
                                  double *root, int *at_end);

/* Root of a decreasing f of a log parameter theta: from theta0 step towards
 * the root (the sign of f(theta0) says which way), doubling the step until
 * f changes sign, then Brent (1e-14 absolute, 4 eps relative). When f keeps
 * its sign up to |theta| = 700 (e^700 ~ 1e304) *at_end is -1 or +1 (the
 * parameter is 0 or +inf), otherwise 0. FGROI_E_NO_CONVERGENCE on NaN. */
fgroi_status fgroi__root_log(fgroi__fn f, void *ctx, double theta0, double *root, int *at_end);

/* Expand [*lo, *hi] upward until f(*hi) leaves the sign `sign` (+1: f > 0,
 * -1: f < 0): while it has it, *lo = *hi and *hi doubles. FGROI_OK once
 * f(*hi) has left it (or is NaN), FGROI_E_TOO_LARGE once *hi passes hi_max
 * or after max_steps doublings (f not evaluated there). */
fgroi_status fgroi__bracket_up(fgroi__fn f, void *ctx, int sign, double hi_max, int max_steps,
                               double *lo, double *hi);

/* Root of an increasing (increasing != 0) or decreasing f near [lo, hi]:
 * each end moves outward by a doubling step (from w) until f has the
 * right sign there (at most 200 times each), then Brent to 1e-300
 * absolute, 4 eps relative. NaN when Brent fails. */
double fgroi__root_expand(fgroi__fn f, void *ctx, double lo, double hi, double w, int increasing);

/* Brent's minimiser (golden section with parabolic steps) of f on [a, b]:
 * a local minimum to |interval| <= xtol_abs + xtol_rel * |x|. Writes the
 * minimiser and f there. Returns FGROI_OK, FGROI_E_NAN (f returned NaN) or
 * FGROI_E_NO_CONVERGENCE. */
fgroi_status fgroi__min_brent(fgroi__fn f, void *ctx, double a, double b,
                              double xtol_abs, double xtol_rel,
                              double *xmin, double *fmin);

/* ---- continuous distributions ---------------------------------------- */
double fgroi__pnorm(double z, int lower);
double fgroi__qnorm(double p, int lower);           /* p in (0,1) */
/* Upper normal quantile of the tail probability e^logp (logp < 0), also
 * where that probability is below the doubles (a two-sided alpha / 2 with a
 * denormal alpha): asymptotic Mills series solved by Newton when
 * e^logp < DBL_MIN (relative error ~1e-15 there), fgroi__qnorm otherwise. */
double fgroi__qnorm_upper_log(double logp);
double fgroi__pt(double t, double df, int lower);   /* df > 0; df = inf is normal */
double fgroi__qt(double p, double df, int lower);
double fgroi__pchisq(double x, double df, int lower);  /* df > 0 */
double fgroi__qchisq(double p, double df, int lower);
double fgroi__pf(double x, double df1, double df2, int lower);
double fgroi__qf(double p, double df1, double df2, int lower);
double fgroi__pbeta(double x, double a, double b, int lower); /* a, b > 0 */
/* p-value of a standard normal statistic z for the alternative. */
double fgroi__p_normal(double z, fgroi_alternative alternative);
/* Critical value of a normal-theory interval: z with P(Z > z) = (1 - conf)/2
 * (two-sided) or 1 - conf (one-sided), without forming 1 - conf for the
 * one-sided case (at conf = 1e-300 it rounds to 1 and the quantile to -inf;
 * here z = -37.0, and a limit past the estimate is clipped by the caller). */
double fgroi__z_conf(double conf, fgroi_alternative alternative);
/* The probability in each rejection tail of a level-alpha test (or each
 * side of a confidence level conf, alpha = 1 - conf): alpha / 2 two-sided,
 * alpha one-sided. Every critical value starts here. */
double fgroi__alpha_tail(double alpha, fgroi_alternative alternative);
/* Upper critical normal value of a level-alpha test: qnorm of
 * fgroi__alpha_tail, upper tail. */
double fgroi__z_alpha(double alpha, fgroi_alternative alternative);
/* Two-sided t quantile of a confidence level: qt((1 - conf) / 2, df), upper
 * tail (conf in (0, 1), df > 0). */
double fgroi__t_conf(double conf, double df);
double fgroi__qbeta(double p, double a, double b, int lower);

/* Above this a + b (and for a, b > 1), fgroi__pbeta uses
 * fgroi__pbeta_large: GSL's beta CDF stops its continued fraction after 512
 * terms and loses accuracy or fails there. */
#define FGROI__BETA_LARGE 1000.0
/* Regularised incomplete beta I_x(a, b) (lower) or 1 - I_x(a, b) (upper)
 * for a, b > 1 (NaN otherwise) by DiDonato & Morris' continued fraction
 * with a Loader-type prefactor: accurate for a, b up to 2^53. Same
 * conventions as fgroi__pbeta. */
double fgroi__pbeta_large(double x, double a, double b, int lower);
/* Noncentral t distribution: P(T <= t) (lower) or P(T > t), df > 0, finite
 * ncp; Lenth (1989) AS 243, absolute accuracy about 1e-12. */
double fgroi__pnt(double t, double df, double ncp, int lower);
/* Noncentral t quantile: the t with fgroi__pnt(t, df, ncp, lower) = p, by
 * fgroi__root_brent on the forward CDF (bracket expanded outward). p in
 * (0, 1), df > 0, finite ncp; NaN otherwise or on failure. */
double fgroi__qnt(double p, double df, double ncp, int lower);

/* Quadratic forms in normal variables (lib/num_qf.c). P(Q > q) (lower = 0)
 * or P(Q <= q) for Q = sum_j lambda_j chi^2_1 (independent), r >= 1
 * positive finite lambda, by Ruben's (1962) chi-square mixture series with
 * beta = min lambda (Farebrother 1984, AS 204; CompQuadForm's farebrother,
 * mode = 1): terms are added until the untaken mass times the next
 * chi-square lower tail is <= tol (a bound on the truncation error, not
 * an estimate); *abserr (may be NULL) gets half that width plus a bound on
 * the rounding (long double recursion), *terms (may be NULL) the terms
 * used. The work is O(terms^2 / 2 + r terms). FGROI_OK;
 * FGROI_E_OUT_OF_RANGE (r = 0, a lambda not positive and finite, NaN q,
 * tol <= 0); FGROI_E_TOO_LARGE when max_terms did not reach tol (or the
 * first term underflows the long doubles): the caller names the limit;
 * FGROI_E_NO_MEMORY; FGROI_E_NO_CONVERGENCE (a NaN tail). */
fgroi_status fgroi__pqform(double q, const double *lambda, size_t r, int lower, double tol,
                           size_t max_terms, double *p, double *abserr, size_t *terms);

/* The same probability by Imhof's (1961) integral, for spectra where
 * Ruben's series is long (lambda_max / lambda_min large): half periods of
 * 2 pi / q, each by adaptive Gauss-Kronrod 7-15, until Imhof's bound on the
 * rest, (2/r) U^(-r/2) prod lambda^(-1/2) / pi, is below tol / 4, or, past
 * u = 40 / lambda_min, until Euler's transform of the alternating half-
 * period sums settles to tol / 4 (an estimate, not a bound); *abserr adds
 * the panels' Gauss-Kronrod estimates. Absolute accuracy (the lower tail is
 * 1/2 minus the integral); *evals (may be NULL) the integrand evaluations
 * made. FGROI_E_TOO_LARGE after max_evals integrand
 * evaluations (each O(r)), or at once for tol < 16 eps (below the
 * integral's rounding); otherwise as fgroi__pqform. */
fgroi_status fgroi__pqform_imhof(double q, const double *lambda, size_t r, int lower, double tol,
                                 size_t max_evals, double *p, double *abserr, size_t *evals);

/* The non-zero eigenvalues of diag(a_i d_i) - z z' / sum a with z_i = a_i
 * sqrt(d_i) (S P S for P = A - a a' / sum a and S = diag(sqrt(d))): the
 * rank-one downdate has one zero eigenvalue and *r = (number of positive
 * a) - 1 others, written to lambda (capacity k) in no particular order.
 * Zero weights and equal diagonal values deflate (an eigenvalue equal to
 * the diagonal value); the rest are the roots of the secular equation 1 =
 * sum c_i / (p_i - mu), one between each two distinct p_i (Golub 1973),
 * each by Brent from its nearer pole to ~4 eps relative. a_i >= 0, d_i > 0,
 * all finite (FGROI_E_OUT_OF_RANGE otherwise); FGROI_E_NULL,
 * FGROI_E_NO_MEMORY, FGROI_E_NO_CONVERGENCE. O(k^2) per root search step. */
fgroi_status fgroi__downdate_eigen(const double *a, const double *d, size_t k, double *lambda,
                                   size_t *r);

/* ---- discrete distributions (counts up to 2^53) ---------------------- */
/* Binomial pmf, accurate for n in the billions (Loader 2000 saddle point). */
double fgroi__dbinom(double k, double n, double p, int give_log);
/* P(X <= k) (lower) or P(X > k) (upper). */
double fgroi__pbinom(double k, double n, double p, int lower);
/* Hypergeometric pmf as R's dhyper(x, m, n, k): x white balls in a draw of
 * k from an urn of m white and n black. */
double fgroi__dhyper(double x, double m, double n, double k, int give_log);
/* P(X <= x) (lower) or P(X > x) (upper). */
double fgroi__phyper(double x, double m, double n, double k, int lower);
/* log(n choose k) */
double fgroi__lchoose(double n, double k);

/* ---- deterministic RNG (caller-owned state; xoshiro256**) ------------ */
typedef struct fgroi__rng { uint64_t s[4]; } fgroi__rng;
void fgroi__rng_seed(fgroi__rng *rng, uint64_t seed);
uint64_t fgroi__rng_u64(fgroi__rng *rng);
double fgroi__rng_uniform(fgroi__rng *rng);            /* [0, 1) */
uint64_t fgroi__rng_below(fgroi__rng *rng, uint64_t n); /* [0, n), unbiased */

/* ---- summaries and order statistics ------------------------------------ */
/* Relative tolerance used when comparing statistics for "as or more
 * extreme" (R's fisher.test / binom.test use 1 + 1e-7). */
#define FGROI__REL_TOL 1e-7

/* Kahan-Neumaier compensated sum of x[0..n). */
double fgroi__sum(const double *x, size_t n);

/* Mean and sample variance (n - 1 denominator; 0 when n < 2) of x[0..n),
 * two-pass with compensated sums. n >= 1. */
void fgroi__mean_var(const double *x, size_t n, double *mean, double *var);

/* qsort comparator of doubles, ascending (no NaN in the data). */
int fgroi__cmp_double(const void *a, const void *b);

/* R's quantile type 7 of sorted x[0..n), n >= 1, p in [0, 1]. */
double fgroi__quantile7(const double *x, size_t n, double p);

/* ---- the t procedure ------------------------------------------------------ */
/* The t interval and test for an estimate with standard error se on df
 * degrees of freedom against the null value mu, as R's t.test does after
 * computing (estimate, stderr, df): two-sided or one-sided. */
void fgroi__t_finish(double est, double se, double df, double mu, double conf,
                     fgroi_alternative alt, fgroi_method m, fgroi_interval *ci,
                     fgroi_test *test);

#endif
