/* The exact unconditional engine of lib/exact2x2*.c (never installed):
 * limits, the small kernels, the nuisance maximisation, the tables of
 * H0: p1 = p2 and the options, shared by exact2x2.c (the public tests and
 * options), exact2x2_region.c (rejection regions and cuts, exact power) and
 * exact2x2_diff.c (Chan & Zhang's difference). See exact2x2.c's opening
 * comment for the method. */
#ifndef FGROI_EXACT2X2_ENGINE_H
#define FGROI_EXACT2X2_ENGINE_H

#include "control.h"
#include "internal.h"

#define E2_MAX_TABLES ((int64_t)1 << 26) /* regions (exact power: cancellable) */
/* fgroi_exact2x2_test (no control argument): 2^22 tables, the slowest
 * measured 0.70 s of CPU; 5000 per arm took 1.7 to 4.1 s, 8000 per arm
 * 6.8 s inside the former 2^26 (issue 14) */
#define E2_MAX_TEST_TABLES ((int64_t)1 << 22)
/* n1 + n2 for the difference: at 2000 the slowest calls measured take 0.45 s
 * of CPU (optimised build; ASan about ten times more); 6142 took 0.4 to 6 s
 * (issue 14, fuzz findings 7 and 8) */
#define E2_MAX_DIFF_N 2000
#define E2_MAX_CUTS_N ((int64_t)1 << 30) /* Fisher cuts: group size (O(N sqrt N)) */
#define E2_DEFAULT_TOL 1e-10
#define E2_REFINE 4 /* local maxima of the grid refined by Brent */

typedef double (*fgroi__e2_fn)(double pi, void *ctx);

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
  fgroi__ctl *ctl; /* NULL or the caller's progress / cancellation */
  unsigned long evals; /* fgroi__e2_region_prob calls (progress) */
} fgroi__e2_tables;

/* lf[k] = log(k!) for k = 0..n. */
double *fgroi__e2_log_factorials(int64_t n);

/* Binomial pmf out[0..n] at probability p, from the mode by the ratio
 * recursion; lf holds log factorials up to at least n. */
void fgroi__e2_binom_pmf(int64_t n, double p, const double *lf, const double *ratio,
                         double *out);

/* ratio[k] = (n - k) / (k + 1) and ratio[n + k] = its inverse, k < n. */
void fgroi__e2_ratio_table(int64_t n, double *ratio);

/* "At least as extreme": e >= e_ref up to a relative tolerance. */
int fgroi__e2_at_least(double e, double e_ref);

/* Grid points in arcsine scale for N trials: features of a degree-N
 * binomial polynomial have width about 1 / (2 sqrt N) in theta. */
int fgroi__e2_grid_size(int64_t N);

/* x[0..G] = lo + (hi - lo) sin^2(theta_i), theta_i = i (pi / 2) / G. */
void fgroi__e2_arcsine_grid(double lo, double hi, int G, double *x);

/* Refinement after a grid: v[i] = f(x[i]) on increasing points x[0..n-1].
 * Brent's minimiser of -f runs on [x[i-1], x[i+1]] around each of the
 * E2_REFINE highest local maxima of the grid whose value is within 20% of
 * the best (on a grid this fine a lower local maximum cannot overtake the
 * best), to |dx| <= tol. */
fgroi_status fgroi__e2_refine(fgroi__e2_fn f, void *ctx, const double *x, const double *v, int n,
                              double tol, double *best, double *arg);

/* max of f over [lo, hi]: arcsine grid of G + 1 points, then fgroi__e2_refine.
 * work holds 2 (G + 1) doubles. */
fgroi_status fgroi__e2_maximise(fgroi__e2_fn f, void *ctx, double lo, double hi, int G,
                                double tol, double *work, double *best, double *arg);

/* Decision mode of a maximisation (is the maximum above `stop`?): the
 * grid stops at the first value above stop, and refinement is skipped
 * when the grid maximum is below 0.7 stop (refinement raises a maximum by
 * far less than 30% on these grids: at most a few percent). Returns 1 and
 * sets *best to that lower bound when decided above; 0 otherwise, after
 * setting *best to the grid maximum when it is decided below, or leaving
 * *best at -1 when refinement is needed. */
int fgroi__e2_decide(double stop, const double *v, int n, int at, double *best);

void fgroi__e2_tables_free(fgroi__e2_tables *T);

/* ctl: checked once per row of tables (NULL: none). */
fgroi_status fgroi__e2_tables_alloc_ctl(fgroi__e2_tables *T, int64_t n1, int64_t n2,
                                        fgroi__ctl *ctl);

/* Fisher's conditional p-values of the m tables of one margin s, from
 * their hypergeometric probabilities pmf[0..m-1] (x1 = lo..hi): side
 * FGROI_LESS P(X1 <= x1), FGROI_GREATER P(X1 >= x1), FGROI_TWO_SIDED the
 * sum of probabilities <= pmf(x1) (1 + 1e-7), as R's fisher.test; each
 * capped at 1. sorted: m doubles of scratch. */
void fgroi__e2_fisher_column(const double *pmf, int64_t m, fgroi_alternative side, double *pv,
                             double *sorted);

/* Barnard's unpooled (Wald) z, (p1 - p2) / sqrt(p1 q1 / n1 + p2 q2 / n2), as
 * scipy's barnard_exact(pooled = False): 0 when p1 = p2, +-inf when the
 * variance is 0 and p1 != p2 (0.2). */
double fgroi__e2_unpooled_z(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

/* Fill T->stat with the extremeness of every table for (method, side):
 * side is FGROI_GREATER, FGROI_LESS or FGROI_TWO_SIDED (two-sided statistic).
 * Barnard: z, -z, |z|. Fisher / Boschloo: minus the conditional p-value. */
fgroi_status fgroi__e2_statistics(fgroi__e2_tables *T, fgroi_method method, fgroi_alternative side);

/* FGROI_E_CANCELLED once the control has cancelled (sticky), else OK. */
fgroi_status fgroi__e2_cancelled(const fgroi__ctl *ctl);

/* h_s for the region {stat >= thr}. */
fgroi_status fgroi__e2_region_weights(fgroi__e2_tables *T, double thr_ref);

/* After a cancel every evaluation returns 0 at once, so the search around
 * it ends quickly; its caller then returns fgroi__e2_cancelled(). */
double fgroi__e2_region_prob(double pi, void *ctx);

/* Clopper-Pearson 1 - gamma interval for pi from s of N (Berger-Boos). */
void fgroi__e2_berger_boos_range(int64_t s, int64_t N, double gamma, double *lo, double *hi);

/* One exact unconditional p-value: side GREATER / LESS / TWO_SIDED
 * (two-sided statistic). Writes the observed statistic's extremeness. */
fgroi_status fgroi__e2_pvalue_side(fgroi__e2_tables *T, int64_t x1, int64_t x2, fgroi_method method,
                                   fgroi_alternative side, double lo, double hi, double tol,
                                   double *e_obs, double *p, double *arg);

/* Validated copy of the caller's options (NULL = defaults). */
fgroi_status fgroi__e2_options(const fgroi_exact2x2_options *in, fgroi_exact2x2_options *o);

fgroi_status fgroi__e2_check_table(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

#endif
