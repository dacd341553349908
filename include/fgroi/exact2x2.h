/** @file exact2x2.h
 * Two arms, binary outcome, small samples: exact unconditional tests of
 * H0: p1 = p2 (Barnard's and Boschloo's), the exact unconditional test and
 * confidence interval for the difference p1 - p2 based on the score
 * statistic (Chan & Zhang 1999; Agresti & Min 2001), and exact odds-ratio
 * intervals for small tables (Baptista & Pike 1977; Cornfield 1956).
 *
 * Arm 1 has x1 successes out of n1, arm 2 x2 out of n2. FGROI_GREATER
 * means H1: p1 > p2, FGROI_LESS H1: p1 < p2 (as scipy's barnard_exact with
 * the arms as the table's columns). Formulas, defaults and the differences
 * from R and scipy: docs/methods/exact2x2.md.
 */
#ifndef FGROI_EXACT2X2_H
#define FGROI_EXACT2X2_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** How a two-sided exact unconditional p-value is formed. Values are
 *  stable; names via fgroi_exact2x2_two_sided_name(). */
typedef enum fgroi_exact2x2_two_sided {
  /** "default": each function's documented default (tests of p1 = p2:
   *  two_sided_statistic; test and interval for p1 - p2: double_one_sided). */
  FGROI_EXACT2X2_DEFAULT = 0,
  /** "two_sided_statistic": order tables by a two-sided statistic (|z| for
   *  Barnard and the score test, Fisher's two-sided p for Boschloo) and
   *  maximise once, as R's Exact::exact.test and scipy's barnard_exact;
   *  for the difference this inverts one two-sided test (Agresti & Min
   *  2001). */
  FGROI_EXACT2X2_TWO_SIDED_STATISTIC = 1,
  /** "double_one_sided" (alias "central"): twice the smaller one-sided
   *  exact p-value, capped at 1, as scipy's boschloo_exact; for the
   *  difference, the central interval of Chan & Zhang (1999) (the
   *  convention of R's exact2x2::uncondExact2x2(tsmethod = "central")). */
  FGROI_EXACT2X2_DOUBLE_ONE_SIDED = 2
} fgroi_exact2x2_two_sided;

/** Stable name of a two-sided convention; NULL when not one.
 *  @since 0.1 */
FGROI_API const char *fgroi_exact2x2_two_sided_name(fgroi_exact2x2_two_sided convention);

/** Two-sided convention from its name ("default", "two_sided_statistic",
 *  "double_one_sided" or "central").
 *  @return FGROI_OK, FGROI_E_NULL or FGROI_E_UNKNOWN_NAME. @since 0.1 */
FGROI_API fgroi_status fgroi_exact2x2_two_sided_from_name(const char *name,
                                                          fgroi_exact2x2_two_sided *out);

/** Options of the exact unconditional functions. Start from
 *  fgroi_exact2x2_options_default(&options) (or FGROI_INIT, whose zeros mean the
 *  same defaults); pass NULL for all defaults. */
typedef struct fgroi_exact2x2_options {
  size_t struct_size;                 /**< set by FGROI_INIT / the default function */
  fgroi_exact2x2_two_sided two_sided; /**< two-sided convention (default FGROI_EXACT2X2_DEFAULT) */
  /** Berger-Boos restriction: 0 (default) maximises over the whole
   *  nuisance range; gamma in (0, 1) maximises over the two-sided
   *  1 - gamma Clopper-Pearson interval for the common proportion (tests of
   *  p1 = p2 only) and adds gamma to the p-value (Berger & Boos 1994). */
  double gamma;
  /** Accuracy of the maximising nuisance value (absolute, on the
   *  proportion scale; 0 means the default 1e-10). */
  double tolerance;
  /** Progress and cancellation (NULL: none; docs/api-conventions.md, "Long
   *  computations"): a cancel returns FGROI_E_CANCELLED with the outputs
   *  untouched. Read only when struct_size covers it. @since 0.2 */
  const fgroi_control *control;
} fgroi_exact2x2_options;

/** Write the default options (two_sided = FGROI_EXACT2X2_DEFAULT,
 *  gamma = 0, tolerance = 1e-10) into *options, as far as its struct_size
 *  reaches (set it with FGROI_INIT first).
 *  @param[out] options the options to fill
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE.
 *  @since 0.1 (by pointer since 1.0; 0.x returned the struct by value) */
FGROI_API fgroi_status fgroi_exact2x2_options_default(fgroi_exact2x2_options *options);

/** Where an exact unconditional p-value was attained. */
typedef struct fgroi_exact2x2_detail {
  size_t struct_size;     /**< set by FGROI_INIT */
  /** Maximising nuisance value: the common proportion pi for tests of
   *  p1 = p2, p2 for the test of p1 - p2 = delta0 (for a doubled one-sided
   *  p-value, the maximiser of the smaller side). */
  double nuisance;
  double nuisance_lower;  /**< lower end of the range searched */
  double nuisance_upper;  /**< upper end of the range searched */
  double gamma;           /**< Berger-Boos gamma added to the p-value (0 when unrestricted) */
  fgroi_exact2x2_two_sided two_sided; /**< convention used (FGROI_EXACT2X2_DEFAULT for one-sided tests) */
} fgroi_exact2x2_detail;

/** Exact unconditional test of H0: p1 = p2 (Barnard's or Boschloo's).
 *  The p-value is the maximum over the common proportion pi of the
 *  probability of the tables at least as extreme as the observed one
 *  (statistics compared with relative tolerance 1e-7); pi is maximised on
 *  an arcsine grid refined by Brent's method to options->tolerance.
 *  Methods: FGROI_METHOD_BOSCHLOO (default; Fisher's conditional p-value
 *  as the statistic; Boschloo 1970), FGROI_METHOD_BARNARD (pooled z;
 *  Barnard 1945/1947, as scipy's barnard_exact(pooled=True)),
 *  FGROI_METHOD_BARNARD_UNPOOLED (@since 0.2; the unpooled Wald z
 *  (p1 - p2)/sqrt(p1 q1/n1 + p2 q2/n2), as scipy's barnard_exact(pooled=False)
 *  and R's Barnard::barnard.test(pooled = FALSE); 0 when p1 = p2, and an
 *  infinite observed z (zero variance, p1 != p2) is reported with
 *  FGROI_FLAG_UNBOUNDED).
 *  out->statistic is the observed z (Barnard) or the observed Fisher
 *  p-value used as the statistic (Boschloo); out->df is NaN.
 *  @param options NULL for defaults (two-sided statistic, no Berger-Boos).
 *  @param detail optional (NULL): the maximising pi and the range searched.
 *  @param method FGROI_METHOD_BOSCHLOO (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_BARNARD or FGROI_METHOD_BARNARD_UNPOOLED
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY (n1 or n2 zero), FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_METHOD,
 *  FGROI_E_ALTERNATIVE, FGROI_E_NAN, FGROI_E_INFINITE, FGROI_E_PROBABILITY
 *  (gamma not in [0, 1)), FGROI_E_OUT_OF_RANGE (bad convention or
 *  tolerance), FGROI_E_TOO_LARGE ((n1 + 1)(n2 + 1) > 2^22, about 2047 per
 *  arm: the slowest tables there take 0.7 s; docs/limits.md), FGROI_E_NO_MEMORY,
 *  FGROI_E_CANCELLED (options->control asked to stop; @since 0.2).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_exact2x2_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, fgroi_alternative alternative,
                                           const fgroi_exact2x2_options *options,
                                           fgroi_test *out, fgroi_exact2x2_detail *detail);

/** Exact unconditional test of H0: p1 - p2 = delta0 with the score
 *  statistic (the restricted-MLE z of Farrington & Manning 1990 /
 *  Miettinen & Nurminen 1985), maximising over the nuisance p2 in
 *  [max(0, -delta0), min(1, 1 - delta0)] (Chan & Zhang 1999). At
 *  delta0 = 0 the statistic is the pooled z, so the test is Barnard's.
 *  Methods: FGROI_METHOD_CHAN_ZHANG (default), FGROI_METHOD_CHAN_ZHANG_MID_P
 *  (ties count one half). Two-sided default: double_one_sided (central),
 *  which matches fgroi_exact2x2_diff_ci(); two_sided_statistic uses |T|
 *  (Agresti & Min 2001). options->gamma must be 0.
 *  out->statistic is the observed score statistic; null_value = delta0.
 *  @param detail optional (NULL): the maximising p2 and the range searched.
 *  @param method FGROI_METHOD_CHAN_ZHANG (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_CHAN_ZHANG_MID_P
 *  @return as fgroi_exact2x2_test, plus FGROI_E_OUT_OF_RANGE (delta0 not in
 *  (-1, 1), or gamma != 0), FGROI_E_TOO_LARGE (n1 + n2 > 2000, checked
 *  before any work: each nuisance value tried sums (n1 + 1)(n2 + 1)
 *  tables; use fgroi_prop_2x2_test, or fgroi_prop_diff_ci with
 *  miettinen_nurminen; docs/limits.md), FGROI_E_CANCELLED
 *  (options->control; @since 0.2).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_exact2x2_diff_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                double delta0, fgroi_method method,
                                                fgroi_alternative alternative,
                                                const fgroi_exact2x2_options *options,
                                                fgroi_test *out, fgroi_exact2x2_detail *detail);

/** Exact unconditional confidence interval for p1 - p2, the set of
 *  delta0 that fgroi_exact2x2_diff_test() does not reject (outermost
 *  crossings; limits to 1e-10). Two-sided default (double_one_sided):
 *  the central interval of Chan & Zhang (1999), each limit from a
 *  one-sided test at (1 - conf_level) / 2 (the convention of R's
 *  exact2x2::uncondExact2x2(method = "score", tsmethod = "central"));
 *  two_sided_statistic inverts the |T| test (Agresti & Min 2001).
 *  Methods: FGROI_METHOD_CHAN_ZHANG (default), FGROI_METHOD_CHAN_ZHANG_MID_P.
 *  estimate = x1/n1 - x2/n2; a one-sided alternative gives -1 or 1 on the
 *  open side (FGROI_FLAG_ONE_SIDED_LIMIT).
 *  @param method FGROI_METHOD_CHAN_ZHANG (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_CHAN_ZHANG_MID_P
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_METHOD, FGROI_E_CONF_LEVEL,
 *  FGROI_E_NAN, FGROI_E_INFINITE, FGROI_E_ALTERNATIVE, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_TOO_LARGE (n1 + n2 > 2000, checked before any work; 500 per arm
 *  takes about 0.1 s, the slowest tables at 2000 about 0.45 s; use
 *  fgroi_prop_diff_ci with miettinen_nurminen or newcombe),
 *  FGROI_E_NO_CONVERGENCE, FGROI_E_NO_MEMORY, FGROI_E_CANCELLED
 *  (options->control; @since 0.2). @since 0.1 */
FGROI_API fgroi_status fgroi_exact2x2_diff_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                              fgroi_method method, double conf_level,
                                              fgroi_alternative alternative,
                                              const fgroi_exact2x2_options *options,
                                              fgroi_interval *out);

/** Exact confidence interval for the odds ratio (p1/(1-p1)) / (p2/(1-p2))
 *  of a small table, from the conditional distribution of x1 given the
 *  margin x1 + x2 (Fisher's noncentral hypergeometric).
 *  Methods: FGROI_METHOD_BAPTISTA_PIKE_MID_P (default; recommended by
 *  Fagerland, Lydersen & Laake 2015), FGROI_METHOD_BAPTISTA_PIKE (inverts
 *  the two-sided test whose p-value sums the outcomes no more probable
 *  than the observed; Baptista & Pike 1977), FGROI_METHOD_CORNFIELD (two
 *  one-sided exact tests at (1 - conf_level) / 2 each; Cornfield 1956; the
 *  interval of R's fisher.test). One-sided alternatives invert the
 *  one-sided exact (Cornfield, Baptista-Pike) or mid-p test. Limits are the
 *  outermost values the test does not reject, to 1e-12 relative; a limit
 *  is 0 or +INFINITY (FGROI_FLAG_UNBOUNDED) when x1 is at the bound of its
 *  conditional range. estimate is the conditional MLE of the odds ratio
 *  (as R's fisher.test and fgroi_prop_odds_ratio_ci(FGROI_METHOD_CONDITIONAL),
 *  whose kernel this shares; Cornfield's interval is that function's
 *  interval; 0 or +INFINITY when x1 is at a bound of its range).
 *  Cost and limit: each p-value evaluation walks the conditional pmf from
 *  its mode while the terms exceed 1e-25 of the mass (O(sqrt n)), a few
 *  hundred evaluations in all, no memory (0.05 s at 1e7 per arm, about
 *  1 s at 2^32 per arm); n1 + n2 <= 2^33, as the conditional method of
 *  fgroi_prop_odds_ratio_ci.
 *  @param method FGROI_METHOD_BAPTISTA_PIKE_MID_P (= FGROI_METHOD_DEFAULT),
 *  FGROI_METHOD_BAPTISTA_PIKE or FGROI_METHOD_CORNFIELD
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_COUNT_EXCEEDS_TOTAL, FGROI_E_METHOD, FGROI_E_CONF_LEVEL,
 *  FGROI_E_NAN, FGROI_E_ALTERNATIVE, FGROI_E_NOT_ESTIMABLE (no successes or
 *  no failures at all: the margin fixes the table), FGROI_E_TOO_LARGE
 *  (n1 + n2 above 2^33),
 *  FGROI_E_NO_CONVERGENCE. @since 0.1 */
FGROI_API fgroi_status fgroi_exact2x2_odds_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                    fgroi_method method, double conf_level,
                                                    fgroi_alternative alternative,
                                                    fgroi_interval *out);

/** fgroi_exact2x2_odds_ratio_ci() with progress and cancellation (control
 *  NULL: none; docs/api-conventions.md, "Long computations").
 *  @return as fgroi_exact2x2_odds_ratio_ci, plus FGROI_E_STRUCT_SIZE
 *  (control) and FGROI_E_CANCELLED (outputs untouched). @since 0.2 */
FGROI_API fgroi_status fgroi_exact2x2_odds_ratio_ci_ctl(int64_t x1, int64_t n1, int64_t x2,
                                                        int64_t n2, fgroi_method method,
                                                        double conf_level,
                                                        fgroi_alternative alternative,
                                                        const fgroi_control *control,
                                                        fgroi_interval *out);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_EXACT2X2_H */
