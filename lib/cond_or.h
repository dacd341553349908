/* The conditional odds-ratio kernel (never installed): Fisher's noncentral
 * hypergeometric distribution of X1 given both margins of a 2x2 table, its
 * conditional MLE and the exact conditional intervals built on it.
 * Used by fgroi_prop_odds_ratio_ci (FGROI_METHOD_CONDITIONAL, as R's
 * fisher.test), fgroi_prop_2x2_test (Fisher's estimate) and
 * fgroi_exact2x2_odds_ratio_ci (Cornfield 1956; Baptista & Pike 1977 and
 * its mid-p version). One kernel: every p-value, mean and limit comes from
 * fgroi__cond_or_sums. docs/methods/prop.md, docs/methods/exact2x2.md. */
#ifndef FGROI_COND_OR_H
#define FGROI_COND_OR_H

#include "control.h"
#include "internal.h"

/* n1 + n2 above which the conditional kernels refuse (FGROI_E_TOO_LARGE):
 * one evaluation walks O(sd) terms, sd <= sqrt(N) / 4. */
#define FGROI__COND_OR_MAX FGROI__CONDITIONAL_MAX

/* The 2x2 table as R's fisher.test sees it: given all margins, X = x1 is
 * hypergeometric with m = x1 + x2 successes, n = failures, k = n1 draws,
 * on the support lo..hi. par = { m, n, k }. */
typedef struct { double par[3]; double lo, hi; } fgroi__or_table;

/* The table of counts a of m1 and c of m2. */
fgroi__or_table fgroi__or_table_make(double a, double m1, double c, double m2);

/* log of the sample odds ratio with 1/2 added to every cell: the start of
 * the root searches. */
double fgroi__or_haldane_log(double a, double m1, double c, double m2);

/* Conditional MLE of the odds ratio at x (R's fisher.test estimate): 0 at
 * the bottom of the support, +inf at the top. ctl may be NULL; on a cancel
 * the result is meaningless and ctl->cancelled is set. */
fgroi_status fgroi__or_mle(const fgroi__or_table *t, double x, double theta0, fgroi__ctl *ctl,
                           double *est);

/* The conditional intervals. */
typedef enum {
  FGROI__OR_CORNFIELD = 0, /* tails P(X >= x), P(X <= x) (fisher.test's conf.int) */
  FGROI__OR_CORNFIELD_MID_P, /* the same with P(X = x) / 2 */
  FGROI__OR_BAPTISTA_PIKE,   /* two-sided: P(f(X) <= f(x)) (Baptista & Pike 1977) */
  FGROI__OR_BAPTISTA_PIKE_MID_P /* the same with the ties halved */
} fgroi__or_kind;

/* Exact conditional interval for the odds ratio of x1 of n1 vs x2 of n2:
 * writes the conditional MLE *est and the limits *lo (0 when absent or
 * not asked) and *hi (+inf likewise). tail: the level of each side (for
 * the Cornfield kinds (1 - conf) / 2 two-sided, 1 - conf one-sided; for
 * the Baptista-Pike kinds, 1 - conf, both sides at once). want_lo /
 * want_hi: which limits to compute. The caller has checked the counts and
 * n1 + n2 <= FGROI__COND_OR_MAX. Returns FGROI_OK, FGROI_E_CANCELLED
 * (nothing meaningful written) or FGROI_E_NO_CONVERGENCE. */
fgroi_status fgroi__or_interval(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                fgroi__or_kind kind, double tail, int want_lo, int want_hi,
                                fgroi__ctl *ctl, double *est, double *lo, double *hi);

#endif
