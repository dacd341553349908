/** @file power.h
 * Power and sample size ("outcome-backwards planning"): how many
 * participants the next study needs, what power a planned study has, and
 * the smallest effect it can detect.
 *
 * - two independent proportions: normal approximation exactly as R's
 *   power.prop.test (Fleiss, Tytun & Ury 1980), unrounded n; exact power by
 *   full enumeration of the rejection region of Fisher's, Barnard's or
 *   Boschloo's test, and the smallest n reaching a target exact power;
 * - paired proportions (McNemar; Connor 1987, Miettinen 1968);
 * - means: exactly as R's power.t.test (noncentral t, Lenth 1989);
 * - NPS change between two independent waves (normal approximation with the
 *   multinomial variance of an NPS).
 *
 * Sample sizes are per group (per arm, per wave) and, for paired designs,
 * in pairs. Normal-approximation and t sample sizes are returned unrounded,
 * as R does: round up yourself (ceil) to plan.
 * Formulas, defaults and citations: docs/methods/power.md.
 */
#ifndef FGROI_POWER_H
#define FGROI_POWER_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Options shared by every power function. A NULL options pointer, or a
 *  zero field, means the default shown. */
typedef struct fgroi_power_options {
  size_t struct_size;            /**< set by FGROI_INIT */
  double alpha;                  /**< significance level in (0, 1); 0 means 0.05 */
  fgroi_alternative alternative; /**< FGROI_TWO_SIDED (default, 0); FGROI_LESS or
                                      FGROI_GREATER for a one-sided test (greater:
                                      p1 > p2, mean 1 > mean 2, p10 > p01, NPS2 >
                                      NPS1). Two-sided uses |effect|; one-sided takes
                                      the effect in the tested direction (R's
                                      power.prop.test uses |p1 - p2| always: equal
                                      when the effect is in that direction). */
  int strict;                    /**< 0 (default, as R): two-sided power counts only
                                      the rejection tail on the effect's side; 1 adds
                                      the far tail (R's strict = TRUE) */
  double ratio;                  /**< n2 / n1 for two-group designs; 0 means 1 */
  const fgroi_control *control;  /**< NULL, or progress / cancellation of the exact
                                      functions (fgroi_power_prop2_exact, _exact_n);
                                      ignored by the closed forms. @since 0.2 */
} fgroi_power_options;

/* ---- two independent proportions: normal approximation ----------------- */

/** Power of the two-proportion z test with n per group, as R's
 *  power.prop.test(n, p1, p2, sig.level, alternative, strict) (Fleiss,
 *  Tytun & Ury 1980). Equal group sizes only (options->ratio must be 0 or 1);
 *  n may be fractional.
 *  @param p1, p2 proportions in (0, 1) (p1 = p2 gives the test's size)
 *  @param n per-group size, n > 0
 *  @param options NULL or options (alpha, alternative, strict)
 *  @param[out] power in [0, 1]
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY (p1, p2 or alpha outside (0, 1)),
 *  FGROI_E_OUT_OF_RANGE (n <= 0, ratio not 1),
 *  FGROI_E_ALTERNATIVE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_prop2(double p1, double p2, double n,
                                         const fgroi_power_options *options, double *power);

/** Per-group n giving the target power, as R's power.prop.test(p1, p2,
 *  power, ...) with n left NULL: the closed-form inverse of the power
 *  (Brent root to 1e-13 relative when strict), where R's uniroot stops at
 *  its default tolerance of about 1e-4. Unrounded.
 *  @param p1, p2 proportions in (0, 1)
 *  @param power target power in (alpha_side, 1), where alpha_side is alpha
 *  (one-sided) or alpha/2 (two-sided), the power at n -> 0
 *  @param options NULL or options (alpha, alternative, strict)
 *  @param[out] n per-group size
 *  @return as fgroi_power_prop2, plus FGROI_E_PROBABILITY (target power
 *  outside that range), FGROI_E_NOT_ESTIMABLE (p1 = p2, or the effect is
 *  against the one-sided alternative), FGROI_E_NO_CONVERGENCE,
 *  FGROI_E_TOO_LARGE (n beyond 1e12).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_prop2_n(double p1, double p2, double power,
                                           const fgroi_power_options *options, double *n);

/** Minimum detectable proportion: the p1 on the chosen side of p2 that a
 *  study of n per group detects with the target power, as R's
 *  power.prop.test(n, p1 = p2, power) solving for p2 (increase != 0) or
 *  power.prop.test(n, p2 = p2, power) solving for p1 (increase == 0).
 *  @param p2 baseline proportion in (0, 1)
 *  @param n per-group size, n > 0
 *  @param power target power
 *  @param increase nonzero: detectable p1 > p2; zero: p1 < p2
 *  @param options NULL or options (alpha, alternative, strict)
 *  @param[out] p1 the detectable proportion (the MDE is p1 - p2)
 *  @return as fgroi_power_prop2_n, plus FGROI_E_NOT_ESTIMABLE (no
 *  proportion on that side reaches the power), FGROI_E_ALTERNATIVE (a
 *  one-sided alternative pointing the other way than `increase`).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_prop2_mde(double p2, double n, double power, int increase,
                                             const fgroi_power_options *options, double *p1);

/* ---- two independent proportions: exact ----------------------------------- */

/** Exact power of Fisher's, Barnard's or Boschloo's test of p1 = p2 at
 *  level alpha with n1 and n2 participants: the probability, under the
 *  true p1 and p2, of the test's rejection region, summed over all
 *  (n1 + 1)(n2 + 1) tables. The region is the one the library's own
 *  test (exact2x2.h) rejects at alpha.
 *
 *  Cost and limit (docs/methods/power.md): n1, n2 <= 5,000, checked
 *  before any work (beyond: fgroi_power_prop2, the normal approximation,
 *  is accurate there to a few thousandths of power).
 *  Fisher: the region as two cuts per margin x1 + x2, each found by a walk
 *  from the margin's mode, summed over the binomial windows of both arms:
 *  O(w^2 + w sqrt(n)) with w about 19 binomial sd (3 ms at 1,565 per arm,
 *  bit-identical to the full enumeration). Boschloo and Barnard,
 *  two-sided, above 10,000 tables: two cuts per margin as well (Fisher's
 *  p-value or the pooled |z| increase away from the margin's centre), the
 *  size-adjusted level found by regula falsi over the tables' statistics
 *  (10-20 steps of O(N sqrt N), N = n1 + n2: 16-40 ms at 1,000-2,000 per
 *  arm, 0.16-0.22 s at 5,000). One-sided Boschloo and Barnard, small
 *  tables and the rare borderline fallback: the full region,
 *  O(n1 n2 log(n1 n2)) time and 24 bytes per table (0.23-0.5 s at 1,000
 *  per arm, about 7 s at 5,000, CPU).
 *  options->control reports progress and can cancel.
 *  @param p1, p2 true proportions in [0, 1]
 *  @param n1, n2 group sizes, each >= 1
 *  @param method FGROI_METHOD_FISHER (default), FGROI_METHOD_BARNARD or
 *  FGROI_METHOD_BOSCHLOO
 *  @param options NULL or options (alpha, alternative, control; ratio and
 *  strict are ignored)
 *  @param[out] power in [0, 1]
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY, FGROI_E_NEGATIVE_COUNT,
 *  FGROI_E_EMPTY, FGROI_E_METHOD, FGROI_E_ALTERNATIVE, FGROI_E_TOO_LARGE,
 *  FGROI_E_NO_MEMORY, FGROI_E_CANCELLED (since 0.2), and the statuses of
 *  the region kernel.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_prop2_exact(double p1, double p2, int64_t n1, int64_t n2,
                                               fgroi_method method,
                                               const fgroi_power_options *options,
                                               double *power);

/** Result of an exact sample-size search. Exact power is not monotone in n
 *  (the "saw-tooth": the discrete rejection region changes by whole tables,
 *  so adding a participant can lower the power), hence two answers. */
typedef struct fgroi_power_exact_n {
  size_t struct_size;   /**< set by FGROI_INIT */
  int64_t n1;           /**< smallest n1 whose exact power reaches the target */
  int64_t n2;           /**< matching n2 = ceil(ratio * n1) */
  double power;         /**< exact power at (n1, n2) */
  int64_t n1_stable;    /**< smallest n1 from which the power stays >= target for
                             every larger n1 up to n1_stable + look-ahead (see docs) */
  double power_stable;  /**< exact power at n1_stable */
  double n1_normal;     /**< unrounded normal-approximation n1 the search started from */
  int64_t evaluations;  /**< exact power evaluations performed */
} fgroi_power_exact_n;

/** Smallest group size whose exact power reaches a target.
 *
 *  Search: start from the normal-approximation n (power.prop.test, with
 *  the group ratio), walk up until the exact power reaches the target,
 *  then walk down while it still does; n1 is the smallest n1 reaching the
 *  target in the scanned range, which extends down until the power has
 *  stayed below target for a window of max(3, n/16) consecutive sizes.
 *  n1_stable is the smallest n1 with power >= target at n1 and at every
 *  size in the look-ahead window above it (same width).
 *
 *  Cost and limit: about 4 max(3, n/16) + a few exact power evaluations
 *  (each as fgroi_power_prop2_exact; memoised, never repeated), so
 *  O(n^2) in all for Fisher. Measured (docs/performance.md, CPU time):
 *  0.50 vs 0.55 at 80% power, Fisher 0.08 s (n = 1,606), Boschloo 2.5 s
 *  and Barnard 4.2 s (n = 1,583); 0.50 vs 0.53, Fisher 0.7 s (n = 4,398).
 *  The normal-approximation
 *  n1 is checked against 5,000 / ratio before any exact work; a target
 *  missed all the way to that limit ends in FGROI_E_TOO_LARGE (use
 *  fgroi_power_prop2_n there). options->control reports progress and can
 *  cancel.
 *  @param p1, p2 true proportions in [0, 1], p1 != p2
 *  @param power target power in (0, 1)
 *  @param method FGROI_METHOD_FISHER (default), FGROI_METHOD_BARNARD or
 *  FGROI_METHOD_BOSCHLOO
 *  @param options NULL or options (alpha, alternative, ratio = n2 / n1,
 *  control)
 *  @param[out] out the two sizes, their power and search facts
 *  @return as fgroi_power_prop2_exact, plus FGROI_E_TOO_LARGE (the
 *  normal-approximation n1 exceeds 5000 / ratio, or no n1 up to that
 *  reaches the target, or Fisher's search exceeds its work bound of
 *  2e7 units of (n1 + n2) (1 + ln(1 / alpha))^(3/4), about 0.8 s, or a
 *  Barnard or Boschloo search's predicted work, (n/8 + 8) evaluations at
 *  the normal-approximation n of 0.2 N^1.5 (two-sided) or
 *  0.0125 n1 n2 log2(n1 n2) (one-sided) estimated CPU microseconds each,
 *  exceeds 2e7, about 20 s, checked before any exact work (0.50 vs 0.55
 *  two-sided is 7.3e6; use method = fisher or fgroi_power_prop2_n beyond);
 *  docs/limits.md), FGROI_E_OUT_OF_RANGE (ratio < 0),
 *  FGROI_E_NOT_ESTIMABLE (p1 = p2, or against the one-sided alternative).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_prop2_exact_n(double p1, double p2, double power,
                                                 fgroi_method method,
                                                 const fgroi_power_options *options,
                                                 fgroi_power_exact_n *out);

/* ---- paired proportions (McNemar) ------------------------------------------- */

/** Power of McNemar's test for n pairs with discordant-cell probabilities
 *  p10 (yes-no) and p01 (no-yes).
 *  FGROI_METHOD_MCNEMAR (default; Connor 1987): z_beta = (sqrt(n)|d| -
 *  z_alpha sqrt(psi)) / sqrt(psi - d^2), d = p10 - p01, psi = p10 + p01.
 *  FGROI_METHOD_MIETTINEN (Miettinen 1968, conditional on the number of
 *  discordant pairs): psi - d^2 (3 + psi) / (4 psi) in the denominator
 *  instead, i.e. n = (z_alpha psi + z_beta sqrt(psi^2 - d^2 (3 + psi)/4))^2 /
 *  (psi d^2).
 *  @param p10, p01 in [0, 1], 0 < p10 + p01 <= 1
 *  @param n number of pairs, n > 0
 *  @param method FGROI_METHOD_MCNEMAR (default) or FGROI_METHOD_MIETTINEN
 *  @param options NULL or options (alpha, alternative, strict)
 *  @param[out] power
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_ZERO_VARIANCE (p10 = p01 = 0), FGROI_E_METHOD, FGROI_E_ALTERNATIVE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_mcnemar(double p10, double p01, double n, fgroi_method method,
                                           const fgroi_power_options *options, double *power);

/** Number of pairs for McNemar's test to reach the target power (closed
 *  form, unrounded): n = (z_alpha sqrt(psi) + z_beta sqrt(v))^2 / d^2 with
 *  v = psi - d^2 (Connor 1987) or psi - d^2 (3 + psi) / (4 psi) (Miettinen
 *  1968).
 *  @param method FGROI_METHOD_MCNEMAR (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_MIETTINEN
 *  @return as fgroi_power_mcnemar, plus FGROI_E_NOT_ESTIMABLE (p10 = p01 or
 *  against the one-sided alternative), FGROI_E_ZERO_VARIANCE (v = 0),
 *  FGROI_E_NO_CONVERGENCE, FGROI_E_TOO_LARGE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_mcnemar_n(double p10, double p01, double power,
                                             fgroi_method method,
                                             const fgroi_power_options *options, double *n);

/** Minimum detectable difference in discordant proportions |p10 - p01|
 *  for n pairs with total discordance psi = p10 + p01 held fixed, at the
 *  target power (root of the fgroi_power_mcnemar power in d, 0 < d <= psi).
 *  @param psi expected share of discordant pairs, 0 < psi <= 1
 *  @param n number of pairs, n > 0
 *  @param power target power
 *  @param method FGROI_METHOD_MCNEMAR (default; Connor 1987) or
 *  FGROI_METHOD_MIETTINEN (Miettinen 1968)
 *  @param options NULL or options (alpha, alternative, strict)
 *  @param[out] d detectable p10 - p01 in the tested direction (> 0); p10 =
 *  (psi + d)/2, p01 = (psi - d)/2
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_ZERO_VARIANCE (psi = 0), FGROI_E_METHOD, FGROI_E_ALTERNATIVE,
 *  FGROI_E_NOT_ESTIMABLE (even d = psi misses the target),
 *  FGROI_E_OUT_OF_RANGE (d below DBL_MIN), FGROI_E_NO_CONVERGENCE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_mcnemar_mde(double psi, double n, double power,
                                               fgroi_method method,
                                               const fgroi_power_options *options, double *d);

/* ---- means (t test) ---------------------------------------------------------- */

/** Power of the t test, exactly as R's power.t.test(n, delta, sd,
 *  sig.level, power = NULL, type, alternative, strict).
 *  @param delta true difference in means (two-sample) or mean difference
 *  (paired / one-sample); nonzero
 *  @param sd standard deviation (of each group; of the differences when
 *  paired), sd > 0
 *  @param n per-group size (two-sample) or number of pairs / observations,
 *  n > 1
 *  @param method FGROI_METHOD_STUDENT (default; two-sample) or
 *  FGROI_METHOD_PAIRED_T (paired or one-sample: the same computation)
 *  @param options NULL or options (alpha, alternative, strict; ratio must
 *  be 0 or 1)
 *  @param[out] power
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_METHOD, FGROI_E_ALTERNATIVE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_t(double delta, double sd, double n, fgroi_method method,
                                     const fgroi_power_options *options, double *power);

/** n for the t test to reach the target power, as power.t.test(delta, sd,
 *  power, n = NULL), solved to 1e-10 relative; unrounded.
 *  @param method FGROI_METHOD_STUDENT (= FGROI_METHOD_DEFAULT) or
 *  FGROI_METHOD_PAIRED_T
 *  @return as fgroi_power_t, plus FGROI_E_NOT_ESTIMABLE (delta = 0 or against
 *  the one-sided alternative), FGROI_E_PROBABILITY (also: target already
 *  met at n = 2, R's lower search bound), FGROI_E_NO_CONVERGENCE,
 *  FGROI_E_TOO_LARGE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_t_n(double delta, double sd, double power, fgroi_method method,
                                       const fgroi_power_options *options, double *n);

/** Minimum detectable difference in means for n and the target power, as
 *  power.t.test(n, sd, power, delta = NULL).
 *  @param sd standard deviation (as fgroi_power_t), sd > 0
 *  @param n per-group size or number of pairs, n > 1
 *  @param power target power
 *  @param method FGROI_METHOD_STUDENT (default) or FGROI_METHOD_PAIRED_T
 *  @param options NULL or options (alpha, alternative, strict)
 *  @param[out] delta the detectable difference (> 0)
 *  @return as fgroi_power_t, plus FGROI_E_NOT_ESTIMABLE (no delta up to
 *  1e7 sd reaches the power), FGROI_E_OUT_OF_RANGE (the difference is
 *  below DBL_MIN: a tiny sd or a huge n), FGROI_E_NO_CONVERGENCE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_t_mde(double sd, double n, double power, fgroi_method method,
                                         const fgroi_power_options *options, double *delta);

/* ---- NPS change between two waves -------------------------------------------- */

/** Power to detect a change in Net Promoter Score between two independent
 *  waves (wave 1: promoter and detractor shares prom1, det1; wave 2: prom2,
 *  det2). NPS is on the proportion scale (-1..1); its variance per
 *  respondent is v = p+ + p- - (p+ - p-)^2, so Var(NPS2 - NPS1) = v1 / n1 +
 *  v2 / n2 with n2 = ratio * n1. Two-sided non-strict z approximation, as
 *  power.prop.test but with the same (unpooled) variance under H0 and H1.
 *  @param prom1, det1, prom2, det2 shares in [0, 1], prom + det <= 1 per wave,
 *  not both variances zero
 *  @param n1 respondents in wave 1, n1 > 0
 *  @param options NULL or options (alpha, alternative, strict, ratio = n2 / n1)
 *  @param[out] power
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_ZERO_VARIANCE, FGROI_E_ALTERNATIVE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_nps(double prom1, double det1, double prom2, double det2,
                                       double n1, const fgroi_power_options *options,
                                       double *power);

/** Respondents in wave 1 (wave 2: ratio times as many) to detect the NPS
 *  change with the target power: n1 = (z_alpha + z_beta)^2 (v1 + v2 /
 *  ratio) / d^2 (closed form for the non-strict case; root-found when
 *  strict), unrounded.
 *  @return as fgroi_power_nps, plus FGROI_E_NOT_ESTIMABLE (no change, or
 *  against the one-sided alternative), FGROI_E_NO_CONVERGENCE,
 *  FGROI_E_TOO_LARGE.
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_nps_n(double prom1, double det1, double prom2, double det2,
                                         double power, const fgroi_power_options *options,
                                         double *n1);

/** Minimum detectable NPS change for n1 wave-1 respondents (wave 2: ratio
 *  times as many), assuming wave 2 has wave 1's per-respondent variance v1 =
 *  p+ + p- - (p+ - p-)^2: change = (z_alpha + z_beta) sqrt(v1 (1 + 1/ratio)
 *  / n1) (root-found when strict).
 *  @param prom1, det1 wave-1 promoter and detractor shares, prom1 + det1 <= 1
 *  @param n1 respondents in wave 1, n1 > 0
 *  @param power target power
 *  @param options NULL or options (alpha, alternative, strict, ratio)
 *  @param[out] change detectable |NPS2 - NPS1| on the -1..1 scale (times 100
 *  for points), in the tested direction
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_STRUCT_SIZE, FGROI_E_NAN,
 *  FGROI_E_INFINITE, FGROI_E_PROBABILITY, FGROI_E_OUT_OF_RANGE,
 *  FGROI_E_ZERO_VARIANCE (all promoters or all detractors),
 *  FGROI_E_ALTERNATIVE, FGROI_E_NO_CONVERGENCE, FGROI_E_OUT_OF_RANGE also
 *  for a ratio so small (denormal) that the variance overflows,
 *  FGROI_E_OVERFLOW (the detectable change beyond the doubles).
 *  @since 0.1 */
FGROI_API fgroi_status fgroi_power_nps_mde(double prom1, double det1, double n1, double power,
                                           const fgroi_power_options *options, double *change);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_POWER_H */
