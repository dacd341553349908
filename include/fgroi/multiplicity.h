/** @file multiplicity.h
 * Multiple-testing adjustment: adjusted p-values that reproduce R's
 * p.adjust() exactly (same operations in the same order, ties included).
 * Formulas, defaults and citations: docs/methods/multiplicity.md.
 */
#ifndef FGROI_MULTIPLICITY_H
#define FGROI_MULTIPLICITY_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Adjusted p-values for a family of n tests, as R's p.adjust(p, method).
 *
 *  Methods: FGROI_METHOD_HOLM (default, as R; Holm 1979),
 *  FGROI_METHOD_BONFERRONI, FGROI_METHOD_HOCHBERG (Hochberg 1988),
 *  FGROI_METHOD_HOMMEL (Hommel 1988; O(n^2) time as R),
 *  FGROI_METHOD_BH (Benjamini & Hochberg 1995, false discovery rate),
 *  FGROI_METHOD_BY (Benjamini & Yekutieli 2001, FDR under any dependence),
 *  FGROI_METHOD_NONE (copies p); and, as statsmodels' multipletests,
 *  FGROI_METHOD_SIDAK (1 - (1 - p)^n; Sidak 1967) and
 *  FGROI_METHOD_HOLM_SIDAK (Holm's step-down with Sidak's levels, Holm
 *  1979), both @since 0.2; and statsmodels' adaptive FDR methods at
 *  statsmodels' default alpha = 0.05 (fgroi_multiplicity_adjust_alpha
 *  takes another): FGROI_METHOD_BH_TWO_STAGE, FGROI_METHOD_BKY and
 *  FGROI_METHOD_GBS (@since 0.2).
 *  Ties get equal adjusted values; p-values of exactly 0 and 1 are valid.
 *  With n = 1 every method returns p unchanged, and Hommel with n = 2 is
 *  Hochberg, as in R. Unlike R, NaN is an error (R drops NAs and adjusts
 *  the rest with n = number of non-missing values; drop them yourself to
 *  get that behaviour).
 *
 *  Cost: O(n log n) for every method, Hommel included (a convex-hull
 *  route to the exact bits of R's O(n^2) loop: 3e4 p-values in 0.02 s,
 *  1e6 in 0.7 s); memory about 80 bytes per p-value for Hommel, 32 for
 *  the others; the only limit is that memory (FGROI_E_TOO_LARGE when the
 *  scratch size would overflow size_t).
 *  @param p n raw p-values, each in [0, 1]
 *  @param n number of p-values, n >= 1
 *  @param method FGROI_METHOD_HOLM (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_NONE, FGROI_METHOD_BONFERRONI, FGROI_METHOD_HOCHBERG,
 *  FGROI_METHOD_HOMMEL, FGROI_METHOD_BH, FGROI_METHOD_BY, FGROI_METHOD_SIDAK,
 *  FGROI_METHOD_HOLM_SIDAK, FGROI_METHOD_BH_TWO_STAGE, FGROI_METHOD_BKY or
 *  FGROI_METHOD_GBS
 *  @param[out] adjusted n adjusted p-values in the input order; may be the
 *  same array as p (in-place adjustment); untouched on error
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_EMPTY (n = 0), FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY (a p-value outside [0, 1]),
 *  FGROI_E_METHOD, FGROI_E_TOO_LARGE (n too large for the scratch size),
 *  FGROI_E_NO_MEMORY.
 *  @since 0.1
 *  @shape adjusted[n] */
FGROI_API fgroi_status fgroi_multiplicity_adjust(const double *p, size_t n, fgroi_method method,
                                                 double *adjusted);

/** fgroi_multiplicity_adjust() with progress and cancellation
 *  (docs/api-conventions.md, "Long computations"): the sort and the
 *  Hommel passes report and honour a cancel within about 10 ms of work.
 *  Cost: O(n log n) for every method (Hommel: 1e6 p-values in about
 *  0.7 s); the limit is memory (80 bytes per p-value for Hommel), checked
 *  before any work.
 *  @param control progress and cancellation; NULL runs silently
 *  @return as fgroi_multiplicity_adjust, plus FGROI_E_STRUCT_SIZE
 *  (control) and FGROI_E_CANCELLED (adjusted untouched). @since 0.2
 *  @shape adjusted[n] */
FGROI_API fgroi_status fgroi_multiplicity_adjust_ctl(const double *p, size_t n,
                                                     fgroi_method method,
                                                     const fgroi_control *control,
                                                     double *adjusted);

/** Adjusted p-values at a stated FDR level alpha, as statsmodels'
 *  multipletests(p, alpha, method) returns them (pvals_corrected).
 *
 *  Every method of fgroi_multiplicity_adjust, where alpha changes nothing
 *  (FGROI_METHOD_HOLM, the default, FGROI_METHOD_BONFERRONI,
 *  FGROI_METHOD_HOCHBERG, FGROI_METHOD_HOMMEL, FGROI_METHOD_BH,
 *  FGROI_METHOD_BY, FGROI_METHOD_NONE, FGROI_METHOD_SIDAK,
 *  FGROI_METHOD_HOLM_SIDAK), and three adaptive false-discovery-rate procedures whose adjusted values
 *  depend on alpha (compare them with the same alpha):
 *  FGROI_METHOD_BH_TWO_STAGE (statsmodels "fdr_tsbh": BH at alpha; with r1
 *  of n rejected, 0 < r1 < n, the BH values times (n - r1)/n, the estimated
 *  share of true nulls), FGROI_METHOD_BKY (statsmodels "fdr_tsbky":
 *  Benjamini, Krieger & Yekutieli 2006, definition 6, the same with stage 1
 *  at alpha/(1 + alpha) and the values times (1 + alpha)), and
 *  FGROI_METHOD_GBS (statsmodels "fdr_gbs": the adaptive step-down of
 *  Gavrilov, Benjamini & Sarkar 2009, critical values i alpha / (n + 1 -
 *  i (1 - alpha)); adjusted values the running maximum of
 *  (n + 1 - i)/i p_(i)/(1 - p_(i)), independent of alpha). Values capped at
 *  1; reject where adjusted <= alpha. With n = 1 these three do not return
 *  p unchanged (statsmodels does not either). Cost O(n log n).
 *  @param p n raw p-values, each in [0, 1]
 *  @param n number of p-values, n >= 1
 *  @param alpha the FDR (or family-wise) level in (0, 1), e.g. 0.05
 *  @param method FGROI_METHOD_HOLM (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_NONE, FGROI_METHOD_BONFERRONI, FGROI_METHOD_HOCHBERG,
 *  FGROI_METHOD_HOMMEL, FGROI_METHOD_BH, FGROI_METHOD_BY, FGROI_METHOD_SIDAK,
 *  FGROI_METHOD_HOLM_SIDAK, FGROI_METHOD_BH_TWO_STAGE, FGROI_METHOD_BKY or
 *  FGROI_METHOD_GBS
 *  @param[out] adjusted n adjusted p-values in the input order; may be the
 *  same array as p; untouched on error
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_EMPTY (n = 0), FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY (a p-value outside [0, 1], or
 *  alpha outside (0, 1)), FGROI_E_METHOD, FGROI_E_TOO_LARGE (n too large
 *  for the scratch size), FGROI_E_NO_MEMORY.
 *  @since 0.2
 *  @shape adjusted[n] */
FGROI_API fgroi_status fgroi_multiplicity_adjust_alpha(const double *p, size_t n, double alpha,
                                                       fgroi_method method, double *adjusted);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_MULTIPLICITY_H */
