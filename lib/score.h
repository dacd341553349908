/* Shared paired score kernel (never installed).
 *
 * One multinomial sample of n with two discordant cells of counts b and c
 * (the remaining n - b - c are concordant). The parameter is
 * delta = pi_b - pi_c, estimated by (b - c) / n. This is the paired
 * difference of two proportions (paired.h: b = device only, c = self-report
 * only) and also the Net Promoter Score (nps.h: b = promoters,
 * c = detractors, passives concordant). */
#ifndef FGROI_SCORE_H
#define FGROI_SCORE_H

#include "internal.h"

/* Tango (1998) score statistic for H0: delta = d, where delta = (b - c) / n is
 * the difference of two discordant cell probabilities in one multinomial
 * sample of n (b, c discordant counts; n - b - c concordant). Uses the
 * restricted MLE of the c-cell probability under H0.
 * Decreasing in d; +inf / -inf where the variance vanishes and the
 * numerator does not (d = -1 with c < n, d = 1 with b < n); 0 when the
 * numerator is 0. NaN for invalid arguments (n <= 0, b or c < 0,
 * b + c > n, |d| > 1). Counts may be non-integer (weighted data). */
double fgroi__tango_z(double b, double c, double n, double d);

/* Tango score interval: {d : |z(d)| <= z_crit} (two-sided; for one-sided pass
 * the one-sided critical value and use only one limit). Closed forms where
 * they exist (b == c, b + c == 0, b or c equal to n). flags gets FGROI_FLAG_*.
 *
 * Closed forms (k = z_crit^2): b == c: +-z sqrt(k + 2b) / (n + k);
 * b == n: lower (n - k) / (n + k), upper 1; c == n: mirror image.
 * Sets FGROI_FLAG_CLOSED_FORM when one was used.
 * Returns FGROI_OK, FGROI_E_NULL, FGROI_E_NAN, FGROI_E_INFINITE,
 * FGROI_E_NEGATIVE_COUNT, FGROI_E_EMPTY (n == 0),
 * FGROI_E_COUNT_EXCEEDS_TOTAL (b + c > n), FGROI_E_OUT_OF_RANGE
 * (z_crit <= 0), or a root finder status. Outputs untouched on error. */
fgroi_status fgroi__tango_ci(double b, double c, double n, double z_crit,
                             double *lower, double *upper, unsigned *flags);

/* Validate (b, c, n) as used by both functions above. */
fgroi_status fgroi__tango_check(double b, double c, double n);

/* Restricted MLE of the c-cell probability under H0: delta = d (Tango 1998,
 * eq. for q21): the root in [max(0, -d), (1 - d) / 2] of
 * 2n q^2 + (-b - c + (2n - b + c) d) q - c d (1 - d) = 0. */
double fgroi__tango_q21(double b, double c, double n, double d);

#endif
