/* Internal interface of the exact unconditional engine (never installed):
 * rejection regions of exact tests of H0: p1 = p2, for exact power by
 * enumeration (lib/power.c). */
#ifndef FGROI_EXACT2X2_REGION_H
#define FGROI_EXACT2X2_REGION_H

#include <stdint.h>

#include "control.h"
#include "internal.h"

/* Rejection region of an exact test of H0: p1 = p2 at level alpha for group
 * sizes n1, n2: reject[x1 * (n2 + 1) + x2] = 1 where the test rejects, else
 * 0 (the caller's array holds (n1 + 1) * (n2 + 1) bytes).
 * test: FGROI_METHOD_FISHER (conditional; two-sided p sums tables no more
 * probable than the observed, as R's fisher.test), FGROI_METHOD_BARNARD
 * (pooled z) or FGROI_METHOD_BOSCHLOO (Fisher's p as the statistic); the
 * unconditional tests maximise over the whole nuisance range [0, 1] (no
 * Berger-Boos restriction) and order two-sided tables by the two-sided
 * statistic (|z|, Fisher's two-sided p), the library's default convention.
 * Alternatives: FGROI_GREATER means p1 > p2. The region is exactly the set
 * of tables whose p-value from fgroi_exact2x2_test (default options;
 * fisher: fgroi_prop_test) is <= alpha.
 * Returns FGROI_OK, FGROI_E_NULL, FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY
 * (n1 or n2 zero), FGROI_E_METHOD, FGROI_E_ALTERNATIVE,
 * FGROI_E_PROBABILITY (alpha not in (0, 1)), FGROI_E_NAN,
 * FGROI_E_TOO_LARGE (more than 2^26 tables) or FGROI_E_NO_MEMORY. */
fgroi_status fgroi__exact2x2_region(int64_t n1, int64_t n2, fgroi_method test,
                                    fgroi_alternative alternative, double alpha,
                                    unsigned char *reject);

/* As fgroi__exact2x2_region, with the two-sided convention of
 * fgroi_exact2x2_test: FGROI_EXACT2X2_DEFAULT or _TWO_SIDED_STATISTIC as
 * above, FGROI_EXACT2X2_DOUBLE_ONE_SIDED rejects where
 * min(1, 2 min(p_less, p_greater)) <= alpha (scipy's boschloo_exact; for
 * Fisher, the "central" Fisher test). Also FGROI_E_OUT_OF_RANGE for an
 * unknown convention. */
fgroi_status fgroi__exact2x2_region_ex(int64_t n1, int64_t n2, fgroi_method test,
                                       fgroi_alternative alternative, double alpha,
                                       fgroi_exact2x2_two_sided two_sided,
                                       unsigned char *reject);

/* As fgroi__exact2x2_region_ex with progress and cancellation (ctl: NULL
 * or the caller's; FGROI_E_CANCELLED leaves reject[] partly written).
 * Cost: O(n1 n2 log(n1 n2)) time, 40 bytes per table (at most
 * E2_MAX_TABLES = 2^26 tables); the one sort of all tables (Barnard,
 * Boschloo) is not interruptible: about 4 s at 5,000 per arm. */
fgroi_status fgroi__exact2x2_region_ctl(int64_t n1, int64_t n2, fgroi_method test,
                                        fgroi_alternative alternative, double alpha,
                                        fgroi_exact2x2_two_sided two_sided, fgroi__ctl *ctl,
                                        unsigned char *reject);

/* Fisher's rejection region as cuts per margin s = x1 + x2, for s in
 * [s_lo, s_hi]: the test rejects (x1, s - x1) iff x1 <= a[s - s_lo] or
 * x1 >= b[s - s_lo] (a = lo(s) - 1 and b = hi(s) + 1 when a tail rejects
 * nothing; for FGROI_GREATER only b is used, FGROI_LESS only a). Exactly
 * the region of fgroi__exact2x2_region for FGROI_METHOD_FISHER: each
 * margin is decided by a walk from its mode that stops once both sides
 * are decided (O(z sd) steps, sd the hypergeometric standard deviation,
 * so O((s_hi - s_lo) sqrt(n)) in all), and a margin whose decision lies
 * within 1e-7 (relative) of alpha or of the tie rule is recomputed by the
 * reference path (O(n log n) for that margin).
 * lf: log factorials 0..n1 + n2 from fgroi__exact2x2_log_factorials.
 * ctl: NULL or progress / cancellation (FGROI_E_CANCELLED).
 * Limit: n1, n2 <= 2^30. Returns FGROI_OK, FGROI_E_NULL,
 * FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY, FGROI_E_TOO_LARGE,
 * FGROI_E_ALTERNATIVE, FGROI_E_PROBABILITY, FGROI_E_NAN,
 * FGROI_E_OUT_OF_RANGE (s range) or FGROI_E_NO_MEMORY. */
fgroi_status fgroi__exact2x2_fisher_cuts(int64_t n1, int64_t n2, fgroi_alternative alternative,
                                         double alpha, int64_t s_lo, int64_t s_hi,
                                         const double *lf, fgroi__ctl *ctl, int64_t *a,
                                         int64_t *b);

/* Boschloo's two-sided region (default convention) as cuts per margin s =
 * 0..n1 + n2, as fgroi__exact2x2_fisher_cuts: exactly the region of
 * fgroi__exact2x2_region for FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED.
 * Boschloo's region is Fisher's region at the largest level whose size
 * (maximum over the nuisance) is <= alpha; the level is searched by
 * regula falsi over the table p-values, each step a walk over the margins
 * (O(N sqrt n)) and the size on the arcsine grid (O(N^1.5)); anything
 * borderline (a p-value or the size within 1e-8 of its threshold) falls
 * back to the reference path (O(n1 n2 log(n1 n2)) and O(n1 n2) bytes).
 * level: in, a starting guess (e.g. the previous group size's level; 0:
 * alpha); out, the level found (unchanged on the reference path).
 * fast: NULL or set to 1 when the fast path decided. a, b: n1 + n2 + 1
 * each. ctl: NULL or progress / cancellation. Returns as
 * fgroi__exact2x2_region, plus FGROI_E_CANCELLED. */
fgroi_status fgroi__exact2x2_boschloo_cuts(int64_t n1, int64_t n2, double alpha, double *level,
                                           fgroi__ctl *ctl, int64_t *a, int64_t *b, int *fast);

/* Barnard's two-sided region (pooled z, default convention) as cuts, as
 * fgroi__exact2x2_boschloo_cuts: z increases in x1 within a margin, so
 * the region {|z| >= z*} is two cuts per margin; z* is searched the same
 * way over the tables' |z| (level = -z*; 0 for the starting guess). */
fgroi_status fgroi__exact2x2_barnard_cuts(int64_t n1, int64_t n2, double alpha, double *level,
                                          fgroi__ctl *ctl, int64_t *a, int64_t *b, int *fast);

/* lf[k] = log(k!) for k = 0..n, summed as the exact engine does (malloc'd;
 * NULL when out of memory). */
double *fgroi__exact2x2_log_factorials(int64_t n);

#endif
