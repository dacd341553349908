/* The adherence gap: paired 2x2 tables (self-report vs device log),
 * McNemar tests, intervals for the paired difference, agreement, and the
 * clustered per-dose analysis. Cells: a both, b device only, c self only,
 * d neither; gap = (b - c) / n. Formulas and citations:
 * docs/methods/paired.md. */
#include <float.h>
#include <limits.h>
#include <stdlib.h>

#include "control.h"
#include "internal.h"
#include "num.h"
#include "score.h"

/* ---- validation ------------------------------------------------------------ */

static fgroi_status check_cells(int64_t a, int64_t b, int64_t c, int64_t d, int64_t *n) {
  if (a < 0 || b < 0 || c < 0 || d < 0) return FGROI_E_NEGATIVE_COUNT;
  int64_t s = 0;
  const int64_t v[4] = { a, b, c, d };
  for (int i = 0; i < 4; i++) {
    if (v[i] > INT64_MAX - s) return FGROI_E_OVERFLOW;
    s += v[i];
  }
  if (s == 0) return FGROI_E_EMPTY;
  /* the kernels carry cells and n in doubles: beyond 2^53 a rate can
   * round past 1 and a limit cannot be converted back (issue 14) */
  if (s > FGROI__EXACT_COUNT_MAX)
    return fgroi__too_large(NULL, "n", (double)s, (double)FGROI__EXACT_COUNT_MAX,
                            "counts exact in doubles", NULL);
  *n = s;
  return FGROI_OK;
}

/* Critical value for a two-sided (z_{1-alpha/2}) or one-sided (z_{1-alpha})
 * interval. */
static double z_crit(double conf_level, fgroi_alternative alt) {
  return fgroi__z_conf(conf_level, alt);
}

/* ---- tally ------------------------------------------------------------------ */

FGROI_API fgroi_status fgroi_paired_tally_init(fgroi_paired_tally *tally) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_paired_tally, neither));
  fgroi_paired_tally t = { .struct_size = sizeof t };
  fgroi__write_out(tally, &t, sizeof t);
  return FGROI_OK;
}

/* dst += src cell by cell, all or nothing. */
static fgroi_status tally_add_cells(fgroi_paired_tally *dst, const int64_t add[4]) {
  int64_t *cell[4] = { &dst->both, &dst->device_only, &dst->self_only, &dst->neither };
  int64_t total = 0;
  for (int i = 0; i < 4; i++) {
    if (add[i] < 0 || *cell[i] < 0) return FGROI_E_NEGATIVE_COUNT;
    if (add[i] > INT64_MAX - *cell[i]) return FGROI_E_OVERFLOW;
    if (*cell[i] + add[i] > INT64_MAX - total) return FGROI_E_OVERFLOW;
    total += *cell[i] + add[i];
  }
  for (int i = 0; i < 4; i++) *cell[i] += add[i];
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_paired_tally_add(fgroi_paired_tally *tally, const uint8_t *self_reported,
                                              const uint8_t *device, size_t n) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_paired_tally, neither));
  if (n > 0 && (self_reported == NULL || device == NULL)) return FGROI_E_NULL;
  int64_t add[4] = { 0, 0, 0, 0 };
  for (size_t i = 0; i < n; i++) {
    if (self_reported[i] > 1 || device[i] > 1) return FGROI_E_OUT_OF_RANGE;
    /* index: 0 both, 1 device only, 2 self_reported only, 3 neither */
    add[self_reported[i] && device[i] ? 0 : device[i] ? 1 : self_reported[i] ? 2 : 3]++;
  }
  return tally_add_cells(tally, add);
}

FGROI_API fgroi_status fgroi_paired_tally_merge(fgroi_paired_tally *dst,
                                                const fgroi_paired_tally *src) {
  FGROI__TRY(FGROI__CHECK_OUT(dst, fgroi_paired_tally, neither));
  FGROI__TRY(FGROI__CHECK_OUT(src, fgroi_paired_tally, neither));
  const int64_t add[4] = { src->both, src->device_only, src->self_only, src->neither };
  return tally_add_cells(dst, add);
}

/* ---- summary ------------------------------------------------------------------ */

static double ratio_or_nan(double x, double y) { return y > 0.0 ? x / y : NAN; }

FGROI_API fgroi_status fgroi_paired_summary_compute(int64_t both, int64_t device_only,
                                                    int64_t self_only, int64_t neither,
                                                    fgroi_paired_summary *out) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_paired_summary, agreement));
  int64_t n64;
  FGROI__TRY(check_cells(both, device_only, self_only, neither, &n64));
  double a = (double)both, b = (double)device_only, c = (double)self_only, d = (double)neither;
  double n = (double)n64;
  fgroi_paired_summary r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.n = n64;
  r.self_rate = (a + c) / n;
  r.device_rate = (a + b) / n;
  r.gap = (b - c) / n;
  r.gap_points = 100.0 * r.gap;
  r.direction = device_only > self_only ? FGROI_PAIRED_DEVICE_HIGHER
                : device_only < self_only ? FGROI_PAIRED_SELF_HIGHER : FGROI_PAIRED_EQUAL;
  r.over_reported = self_only;
  r.under_reported = device_only;
  r.over_report_rate = c / n;
  r.under_report_rate = b / n;
  r.over_report_share = ratio_or_nan(c, a + c);
  r.under_report_share = ratio_or_nan(b, a + b);
  r.agreement = (a + d) / n;
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}

/* ---- interval for the gap ------------------------------------------------- */

/* One Wilson limit of x/n through the single-proportion engine (the
 * continuity-corrected one with cc): `upper` selects the limit, a one-sided
 * alternative computes it one-sided at conf_level. */
static fgroi_status wilson_limit(double x, double n, double conf_level, fgroi_alternative alt,
                                 int cc, int upper, double *limit) {
  fgroi_interval w = FGROI_INIT(fgroi_interval);
  fgroi_alternative side = alt == FGROI_TWO_SIDED ? FGROI_TWO_SIDED
                           : (upper ? FGROI_LESS : FGROI_GREATER);
  FGROI__TRY(fgroi_prop_ci((int64_t)x, (int64_t)n, cc ? FGROI_METHOD_WILSON_CC : FGROI_METHOD_WILSON,
                           conf_level, side, &w));
  *limit = upper ? w.upper : w.lower;
  return FGROI_OK;
}

/* Newcombe's square-and-add distance sqrt(x^2 + y^2 - 2 phi x y), written
 * as (x - y)^2 + 2 (1 - phi) x y: the usual form cancels as phi -> 1 (equal
 * margins, perfect agreement), where its rounding error of about 1e-17
 * became a half-width of 3e-9 after the square root instead of 0. */
static double square_and_add(double x, double y, double phi) {
  double s = (x - y) * (x - y) + 2.0 * (1.0 - phi) * x * y;
  return sqrt(s > 0.0 ? s : 0.0);
}

/* Newcombe's (1998c) square-and-add intervals from the Wilson limits of the
 * two margins and phi = (ad - bc) / sqrt(r1 r2 s1 s2) (0 when a margin is
 * empty or full). Each of his methods corrects for continuity in at most
 * one place: method 8 nowhere (cc_limits = cc_phi = 0), method 9 the
 * limits (continuity-corrected Wilson, cc_limits = 1), method 10 phi
 * (max(ad - bc - n/2, 0) when ad > bc, cc_phi = 1). */
static fgroi_status newcombe_limits(double a, double b, double c, double d, double conf,
                                    fgroi_alternative alt, int cc_limits, int cc_phi, double *lo,
                                    double *hi) {
  double n = a + b + c + d;
  double x1 = a + b, x2 = a + c; /* device yes, self yes */
  double p1 = x1 / n, p2 = x2 / n, est = p1 - p2;
  double l1, u1, l2, u2;
  FGROI__TRY(wilson_limit(x1, n, conf, alt, cc_limits, 0, &l1));
  FGROI__TRY(wilson_limit(x1, n, conf, alt, cc_limits, 1, &u1));
  FGROI__TRY(wilson_limit(x2, n, conf, alt, cc_limits, 0, &l2));
  FGROI__TRY(wilson_limit(x2, n, conf, alt, cc_limits, 1, &u2));
  double phi = 0.0;
  double prod = x1 * (n - x1) * x2 * (n - x2);
  if (prod > 0.0) {
    double A = a * d - b * c;
    if (!cc_phi) phi = A / sqrt(prod);
    else if (A > 0.5 * n) phi = (A - 0.5 * n) / sqrt(prod);
    else if (A < 0.0) phi = A / sqrt(prod);
  }
  *lo = est - square_and_add(p1 - l1, u2 - p2, phi);
  *hi = est + square_and_add(u1 - p1, p2 - l2, phi);
  return FGROI_OK;
}

/* A one-sided level below 1/2 (z < 0) can push a limit past the far end of
 * [-1, 1]; the 0.2 methods clip both limits to both ends (flagged). */
static void clip_far_ends(double *lo, double *hi, unsigned *flags) {
  if (*lo > 1.0 || *hi < -1.0) *flags |= FGROI_FLAG_TRUNCATED;
  if (*lo > 1.0) *lo = 1.0;
  if (*hi < -1.0) *hi = -1.0;
}

/* Limits of a difference of proportions: clipped into [-1, 1] from either
 * side (a one-sided level below 1/2 puts the computed limit on the far side
 * of the estimate, issue 14), then the side a one-sided alternative leaves
 * open set to -1 or 1. */
static void diff_limits_finish(double *lo, double *hi, unsigned *flags,
                               fgroi_alternative alternative) {
  if (*lo < -1.0) { *lo = -1.0; *flags |= FGROI_FLAG_TRUNCATED; }
  if (*lo > 1.0) { *lo = 1.0; *flags |= FGROI_FLAG_TRUNCATED; }
  if (*hi > 1.0) { *hi = 1.0; *flags |= FGROI_FLAG_TRUNCATED; }
  if (*hi < -1.0) { *hi = -1.0; *flags |= FGROI_FLAG_TRUNCATED; }
  if (alternative == FGROI_LESS) { *lo = -1.0; *flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alternative == FGROI_GREATER) { *hi = 1.0; *flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
}

/* Wald interval of (b - c) / n from cell pseudo-counts (b, c) in n, the
 * variance (b + c - (|b - c| - shrink)^2 / n) / n^2: shrink 0 the usual one,
 * 1 Fagerland, Lydersen & Laake's (2014) continuity-corrected one (a
 * negative variance, as b = c = 0 gives, is taken as 0, as theirs). */
static void wald_limits(double b, double c, double n, double shrink, double z, double *lo,
                        double *hi) {
  double est = (b - c) / n, d = fabs(b - c) - shrink;
  double v = (b + c) - d * d / n;
  double se = sqrt(v > 0.0 ? v : 0.0) / n;
  *lo = est - z * se;
  *hi = est + z * se;
}

FGROI_API fgroi_status fgroi_paired_gap_ci(int64_t both, int64_t device_only, int64_t self_only,
                                           int64_t neither, fgroi_method method,
                                           double conf_level, fgroi_alternative alternative,
                                           fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  int64_t n64;
  FGROI__TRY(check_cells(both, device_only, self_only, neither, &n64));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_TANGO;
  double a = (double)both, b = (double)device_only, c = (double)self_only, d = (double)neither;
  double n = (double)n64, est = (b - c) / n;
  double z = z_crit(conf_level, alternative);
  double lo, hi;
  unsigned flags = 0;
  switch (method) {
  case FGROI_METHOD_TANGO:
    FGROI__TRY(fgroi__tango_ci(b, c, n, z, &lo, &hi, &flags));
    break;
  case FGROI_METHOD_NEWCOMBE:
    FGROI__TRY(newcombe_limits(a, b, c, d, conf_level, alternative, 0, 1, &lo, &hi));
    break;
  case FGROI_METHOD_BONETT_PRICE:
    wald_limits(b + 1.0, c + 1.0, n + 2.0, 0.0, z, &lo, &hi);
    break;
  case FGROI_METHOD_AGRESTI_MIN:
    wald_limits(b + 0.5, c + 0.5, n + 2.0, 0.0, z, &lo, &hi);
    break;
  case FGROI_METHOD_WALD:
    wald_limits(b, c, n, 0.0, z, &lo, &hi);
    if (device_only + self_only == 0 || device_only == n64 || self_only == n64)
      flags |= FGROI_FLAG_DEGENERATE;
    break;
  case FGROI_METHOD_WALD_CC:
    /* Fleiss (1981); Newcombe (1998c) method 2: Wald widened by 1/n */
    wald_limits(b, c, n, 0.0, z, &lo, &hi);
    lo -= (z < 0.0 ? -1.0 : 1.0) / n /* +-0: widen */;
    hi += (z < 0.0 ? -1.0 : 1.0) / n;
    clip_far_ends(&lo, &hi, &flags);
    flags |= FGROI_FLAG_CONTINUITY;
    break;
  case FGROI_METHOD_WALD_CC_FAGERLAND:
    /* contingencytables' Wald_CI_diff_CC_paired_2x2, ratesci's Wald_cc:
     * |b - c| - 1 in the variance, limits not widened */
    wald_limits(b, c, n, 1.0, z, &lo, &hi);
    if (device_only + self_only == 0) flags |= FGROI_FLAG_DEGENERATE;
    flags |= FGROI_FLAG_CONTINUITY;
    break;
  case FGROI_METHOD_NEWCOMBE_CC:
    /* Newcombe (1998c) method 9: the corrected Wilson limits carry the
     * continuity correction, phi is the plain one (method 10 corrects phi
     * instead); diffdepprop's wilson.cc */
    FGROI__TRY(newcombe_limits(a, b, c, d, conf_level, alternative, 1, 0, &lo, &hi));
    clip_far_ends(&lo, &hi, &flags);
    if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE;
    flags |= FGROI_FLAG_CONTINUITY;
    break;
  case FGROI_METHOD_NEWCOMBE_RAW_PHI:
    FGROI__TRY(newcombe_limits(a, b, c, d, conf_level, alternative, 0, 0, &lo, &hi));
    clip_far_ends(&lo, &hi, &flags);
    if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE; /* phi = 1: perfect agreement */
    break;
  default:
    return FGROI_E_METHOD;
  }
  diff_limits_finish(&lo, &hi, &flags, alternative);
  fgroi_interval r = fgroi__interval(est, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

/* Common entry checks of the 2x2 tests: output, cells, alternative. */
static fgroi_status check_test_call(const fgroi_test *out, int64_t a, int64_t b, int64_t c,
                                    int64_t d, fgroi_alternative alt, int64_t *n) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  FGROI__TRY(check_cells(a, b, c, d, n));
  return fgroi__check_alternative(alt);
}

FGROI_API fgroi_status fgroi_paired_gap_test(int64_t both, int64_t device_only, int64_t self_only,
                                             int64_t neither, double null_value,
                                             fgroi_alternative alternative, fgroi_test *out) {
  int64_t n64;
  FGROI__TRY(check_test_call(out, both, device_only, self_only, neither, alternative, &n64));
  FGROI__TRY(fgroi__check_finite(null_value));
  if (!(fabs(null_value) < 1.0)) return FGROI_E_OUT_OF_RANGE;
  double zs = fgroi__tango_z((double)device_only, (double)self_only, (double)n64, null_value);
  if (isnan(zs)) return FGROI_E_INTERNAL;
  unsigned flags = FGROI_FLAG_NORMAL_APPROX;
  fgroi_test r = fgroi__test(zs, NAN, fgroi__p_normal(zs, alternative), null_value,
                             FGROI_METHOD_TANGO, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- McNemar ------------------------------------------------------------------ */

FGROI_API fgroi_status fgroi_paired_mcnemar(int64_t both, int64_t device_only, int64_t self_only,
                                            int64_t neither, fgroi_method method,
                                            fgroi_alternative alternative, fgroi_test *out) {
  int64_t n64;
  FGROI__TRY(check_test_call(out, both, device_only, self_only, neither, alternative, &n64));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_MCNEMAR_MID_P;
  double b = (double)device_only, c = (double)self_only, m = b + c;
  double stat, df = NAN, p;
  unsigned flags = 0;
  switch (method) {
  case FGROI_METHOD_MCNEMAR:
  case FGROI_METHOD_MCNEMAR_CC: {
    int cc = method == FGROI_METHOD_MCNEMAR_CC;
    flags |= FGROI_FLAG_NORMAL_APPROX | (cc ? FGROI_FLAG_CONTINUITY : 0u);
    if (m == 0.0) {
      stat = 0.0; p = 1.0; flags |= FGROI_FLAG_DEGENERATE;
      if (alternative == FGROI_TWO_SIDED) df = 1.0;
      break;
    }
    double diff = b - c;
    /* As R's mcnemar.test: no correction when b == c. */
    if (diff == 0.0) { cc = 0; flags &= ~(unsigned)FGROI_FLAG_CONTINUITY; }
    double num = cc ? fabs(diff) - 1.0 : fabs(diff);
    if (alternative == FGROI_TWO_SIDED) {
      stat = num * num / m;
      df = 1.0;
      p = fgroi__pchisq(stat, 1.0, 0);
    } else {
      stat = (diff > 0.0 ? num : -num) / sqrt(m);
      p = fgroi__p_normal(stat, alternative);
    }
    break;
  }
  case FGROI_METHOD_MCNEMAR_EXACT:
  case FGROI_METHOD_MCNEMAR_MID_P: {
    int mid = method == FGROI_METHOD_MCNEMAR_MID_P;
    flags |= FGROI_FLAG_EXACT;
    stat = b;
    if (m == 0.0) { p = 1.0; flags |= FGROI_FLAG_DEGENERATE; break; }
    if (fgroi__sum_exceeds(device_only, self_only, FGROI__EXACT_BINOM_MAX))
      return fgroi__too_large(NULL, "device_only + self_only",
                              (double)device_only + (double)self_only,
                              (double)FGROI__EXACT_BINOM_MAX, "the exact binomial tails",
                              "method = mcnemar (chi-square)");
    double pb = fgroi__dbinom(b, m, 0.5, 0);
    double le = fgroi__pbinom(b, m, 0.5, 1);        /* P(B <= b) */
    double ge = fgroi__pbinom(b - 1.0, m, 0.5, 0);  /* P(B >= b) */
    if (mid) { le -= 0.5 * pb; ge -= 0.5 * pb; }
    if (alternative == FGROI_GREATER) p = ge;
    else if (alternative == FGROI_LESS) p = le;
    else p = 2.0 * (le < ge ? le : ge);
    p = fgroi__clamp01(p);
    break;
  }
  default:
    return FGROI_E_METHOD;
  }
  fgroi_test r = fgroi__test(stat, df, p, 0.0, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- agreement ------------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_paired_agreement_compute(int64_t both, int64_t device_only,
                                                      int64_t self_only, int64_t neither,
                                                      double conf_level,
                                                      fgroi_paired_agreement *out,
                                                      fgroi_interval *kappa_ci) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_paired_agreement, bias_index));
  if (kappa_ci != NULL) FGROI__TRY(FGROI__CHECK_INTERVAL(kappa_ci));
  int64_t n64;
  FGROI__TRY(check_cells(both, device_only, self_only, neither, &n64));
  if (kappa_ci != NULL) FGROI__TRY(fgroi__check_conf(conf_level));
  double n = (double)n64;
  /* proportions p[i][j]: i = self (0 yes, 1 no), j = device (0 yes, 1 no) */
  double p[2][2] = { { (double)both / n, (double)self_only / n },
                     { (double)device_only / n, (double)neither / n } };
  double row[2] = { p[0][0] + p[0][1], p[1][0] + p[1][1] };
  double col[2] = { p[0][0] + p[1][0], p[0][1] + p[1][1] };
  double po = p[0][0] + p[1][1];
  double pe = row[0] * col[0] + row[1] * col[1];
  fgroi_paired_agreement r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.observed = po;
  r.expected = pe;
  r.pabak = 2.0 * po - 1.0;
  r.prevalence_index = p[0][0] - p[1][1];
  r.bias_index = p[1][0] - p[0][1];
  if (!(1.0 - pe > 0.0)) {
    if (kappa_ci != NULL) return FGROI_E_NOT_ESTIMABLE;
    r.kappa = r.kappa_se = r.kappa_se0 = r.kappa_z = r.kappa_p_value = NAN;
    fgroi__write_out(out, &r, sizeof r);
    return FGROI_OK;
  }
  double k = (po - pe) / (1.0 - pe);
  /* Fleiss, Cohen & Everitt (1969), large-sample variance */
  double s1 = 0.0, s2 = 0.0;
  for (int i = 0; i < 2; i++) {
    double t = 1.0 - (row[i] + col[i]) * (1.0 - k);
    s1 += p[i][i] * t * t;
    int j = 1 - i;
    double u = col[i] + row[j];
    s2 += p[i][j] * u * u;
  }
  double s3 = k - pe * (1.0 - k);
  double den = n * (1.0 - pe) * (1.0 - pe);
  double v = (s1 + (1.0 - k) * (1.0 - k) * s2 - s3 * s3) / den;
  /* variance under H0: kappa = 0 */
  double v0 = pe + pe * pe;
  for (int i = 0; i < 2; i++) v0 -= row[i] * col[i] * (row[i] + col[i]);
  v0 /= den;
  r.kappa = k;
  r.kappa_se = sqrt(v > 0.0 ? v : 0.0);
  r.kappa_se0 = sqrt(v0 > 0.0 ? v0 : 0.0);
  r.kappa_z = r.kappa_se0 > 0.0 ? k / r.kappa_se0 : NAN;
  r.kappa_p_value = isnan(r.kappa_z) ? NAN : fgroi__p_normal(r.kappa_z, FGROI_TWO_SIDED);
  if (kappa_ci != NULL) {
    double z = z_crit(conf_level, FGROI_TWO_SIDED);
    fgroi_interval ci = fgroi__interval(k, k - z * r.kappa_se, k + z * r.kappa_se, conf_level,
                                        FGROI_METHOD_KAPPA, FGROI_TWO_SIDED,
                                        FGROI_FLAG_NORMAL_APPROX);
    FGROI__TRY(fgroi__audit_interval(&ci));
    fgroi__write_out(kappa_ci, &ci, sizeof ci);
  }
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}

/* ---- per-participant counts ------------------------------------------------------------- */

static int cmp_cluster_id(const void *x, const void *y) {
  const fgroi_paired_cluster *u = x, *v = y;
  return (u->id > v->id) - (u->id < v->id);
}

/* Sort rows by id and add the counts of equal ids in place; *k gets the
 * number of distinct ids. */
static fgroi_status collapse(fgroi_paired_cluster *rows, size_t n, size_t *k, fgroi__ctl *ctl) {
  if (n == 0) { *k = 0; return FGROI_OK; }
  FGROI__TRY(fgroi__ctl_sort(rows, n, sizeof *rows, cmp_cluster_id, ctl, 0.1, 0.95));
  size_t w = 0;
  for (size_t i = 1; i < n; i++) {
    if (rows[i].id == rows[w].id) {
      int64_t *dst[4] = { &rows[w].both, &rows[w].device_only, &rows[w].self_only,
                          &rows[w].neither };
      const int64_t src[4] = { rows[i].both, rows[i].device_only, rows[i].self_only,
                               rows[i].neither };
      for (int j = 0; j < 4; j++) {
        if (src[j] > INT64_MAX - *dst[j]) return FGROI_E_OVERFLOW;
        *dst[j] += src[j];
      }
    } else {
      rows[++w] = rows[i];
    }
  }
  *k = w + 1;
  return FGROI_OK;
}

static fgroi_status emit(fgroi_paired_cluster *rows, size_t k, fgroi_paired_cluster *out,
                         size_t capacity, size_t *n_out) {
  *n_out = k;
  if (k > capacity) return FGROI_E_CAPACITY;
  if (k > 0) memcpy(out, rows, k * sizeof *rows);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_paired_clusters_from_records(const int64_t *id, const uint8_t *self_reported,
                                                          const uint8_t *device, size_t n,
                                                          fgroi_paired_cluster *out,
                                                          size_t capacity, size_t *n_out) {
  return fgroi_paired_clusters_from_records_ctl(id, self_reported, device, n, NULL, out, capacity, n_out);
}

static fgroi_status fgroi_paired_clusters_from_records_ctl_body(const int64_t *id,
                                                                const uint8_t *self_reported,
                                                                const uint8_t *device, size_t n,
                                                                const fgroi_control *control,
                                                                fgroi_paired_cluster *out,
                                                                size_t capacity, size_t *n_out) {
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  fgroi_status s = fgroi__paired_clusters_from_records(id, self_reported, device, n, &ctl, out,
                                                       capacity, n_out);
  if (s == FGROI_OK) fgroi__ctl_done(&ctl);
  return s;
}

FGROI_API fgroi_status fgroi_paired_clusters_from_records_ctl(const int64_t *id,
                                                              const uint8_t *self_reported,
                                                              const uint8_t *device, size_t n,
                                                              const fgroi_control *control,
                                                              fgroi_paired_cluster *out,
                                                              size_t capacity, size_t *n_out) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_paired_clusters_from_records_ctl_body(id, self_reported,
                            device, n, control, out, capacity, n_out),
                            "fgroi_paired_clusters_from_records_ctl");
}

fgroi_status fgroi__paired_clusters_from_records(const int64_t *id, const uint8_t *self_reported,
                                                 const uint8_t *device, size_t n, fgroi__ctl *c,
                                                 fgroi_paired_cluster *out, size_t capacity,
                                                 size_t *n_out) {
  if (n_out == NULL) return FGROI_E_NULL;
  if (n > 0 && (id == NULL || self_reported == NULL || device == NULL)) return FGROI_E_NULL;
  if (capacity > 0 && out == NULL) return FGROI_E_NULL;
  for (size_t i = 0; i < n; i++)
    if (self_reported[i] > 1 || device[i] > 1) return FGROI_E_OUT_OF_RANGE;
  if (n > SIZE_MAX / sizeof(fgroi_paired_cluster)) return FGROI_E_NO_MEMORY;
  fgroi_paired_cluster *rows = fgroi__malloc_array((n > 0 ? n : 1), sizeof *rows);
  if (rows == NULL) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < n; i++) {
    if (fgroi__ctl_tick(c, i, 0.05 + 0.05 * (double)i / (double)n) != FGROI_OK) {
      free(rows);
      return FGROI_E_CANCELLED;
    }
    fgroi_paired_cluster r = { id[i], 0, 0, 0, 0 };
    if (self_reported[i] && device[i]) r.both = 1;
    else if (device[i]) r.device_only = 1;
    else if (self_reported[i]) r.self_only = 1;
    else r.neither = 1;
    rows[i] = r;
  }
  size_t k;
  fgroi_status s = collapse(rows, n, &k, c);
  if (s == FGROI_OK) s = emit(rows, k, out, capacity, n_out);
  free(rows);
  return s;
}

static int cluster_negative(const fgroi_paired_cluster *c) {
  return c->both < 0 || c->device_only < 0 || c->self_only < 0 || c->neither < 0;
}

FGROI_API fgroi_status fgroi_paired_clusters_merge(const fgroi_paired_cluster *x, size_t nx,
                                                   const fgroi_paired_cluster *y, size_t ny,
                                                   fgroi_paired_cluster *out, size_t capacity,
                                                   size_t *n_out) {
  if (n_out == NULL) return FGROI_E_NULL;
  if ((nx > 0 && x == NULL) || (ny > 0 && y == NULL)) return FGROI_E_NULL;
  if (capacity > 0 && out == NULL) return FGROI_E_NULL;
  for (size_t i = 0; i < nx; i++) if (cluster_negative(&x[i])) return FGROI_E_NEGATIVE_COUNT;
  for (size_t i = 0; i < ny; i++) if (cluster_negative(&y[i])) return FGROI_E_NEGATIVE_COUNT;
  if (nx > SIZE_MAX / 2 / sizeof(fgroi_paired_cluster) ||
      ny > SIZE_MAX / 2 / sizeof(fgroi_paired_cluster))
    return FGROI_E_NO_MEMORY;
  size_t n = nx + ny;
  fgroi_paired_cluster *rows = fgroi__malloc_array((n > 0 ? n : 1), sizeof *rows);
  if (rows == NULL) return FGROI_E_NO_MEMORY;
  if (nx > 0) memcpy(rows, x, nx * sizeof *rows);
  if (ny > 0) memcpy(rows + nx, y, ny * sizeof *rows);
  size_t k;
  fgroi_status s = collapse(rows, n, &k, NULL);
  if (s == FGROI_OK) s = emit(rows, k, out, capacity, n_out);
  free(rows);
  return s;
}

FGROI_API fgroi_status fgroi_paired_clusters_pool(const fgroi_paired_cluster *clusters, size_t k,
                                                  fgroi_paired_tally *out) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_paired_tally, neither));
  if (k > 0 && clusters == NULL) return FGROI_E_NULL;
  fgroi_paired_tally t = { .struct_size = sizeof t };
  for (size_t i = 0; i < k; i++) {
    const int64_t add[4] = { clusters[i].both, clusters[i].device_only, clusters[i].self_only,
                             clusters[i].neither };
    FGROI__TRY(tally_add_cells(&t, add));
  }
  fgroi__write_out(out, &t, sizeof t);
  return FGROI_OK;
}

/* Doses of one participant, validated. */
static fgroi_status cluster_doses(const fgroi_paired_cluster *c, double *m) {
  int64_t n;
  if (cluster_negative(c)) return FGROI_E_NEGATIVE_COUNT;
  fgroi_status s = check_cells(c->both, c->device_only, c->self_only, c->neither, &n);
  if (s == FGROI_E_EMPTY) { *m = 0.0; return FGROI_OK; }
  if (s != FGROI_OK) return s;
  *m = (double)n;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_paired_participant_rates(const fgroi_paired_cluster *clusters,
                                                      size_t k, double *self_rate,
                                                      double *device_rate) {
  if (k > 0 && (clusters == NULL || self_rate == NULL || device_rate == NULL)) return FGROI_E_NULL;
  for (size_t i = 0; i < k; i++) {
    double m;
    FGROI__TRY(cluster_doses(&clusters[i], &m));
    if (m == 0.0) return FGROI_E_EMPTY;
  }
  for (size_t i = 0; i < k; i++) {
    const fgroi_paired_cluster *c = &clusters[i];
    double m;
    (void)cluster_doses(c, &m);
    self_rate[i] = ((double)c->both + (double)c->self_only) / m;
    device_rate[i] = ((double)c->both + (double)c->device_only) / m;
  }
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_paired_cluster_gap(const fgroi_paired_cluster *clusters, size_t k,
                                                double conf_level, fgroi_alternative alternative,
                                                fgroi_interval *ci, fgroi_test *test) {
  if (ci == NULL && test == NULL) return FGROI_E_NULL;
  if (ci != NULL) FGROI__TRY(FGROI__CHECK_INTERVAL(ci));
  if (test != NULL) FGROI__TRY(FGROI__CHECK_TEST(test));
  if (k > 0 && clusters == NULL) return FGROI_E_NULL;
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (ci != NULL) FGROI__TRY(fgroi__check_conf(conf_level));
  double sum_g = 0.0, sum_m = 0.0;
  size_t used = 0;
  for (size_t i = 0; i < k; i++) {
    double m;
    FGROI__TRY(cluster_doses(&clusters[i], &m));
    if (m == 0.0) continue;
    used++;
    sum_g += (double)clusters[i].device_only - (double)clusters[i].self_only;
    sum_m += m;
  }
  if (used < 2) return FGROI_E_TOO_FEW;
  double gap = sum_g / sum_m;
  double ss = 0.0, cmp = 0.0; /* compensated sum of squared residuals */
  for (size_t i = 0; i < k; i++) {
    double m;
    (void)cluster_doses(&clusters[i], &m);
    if (m == 0.0) continue;
    double e = (double)clusters[i].device_only - (double)clusters[i].self_only - gap * m;
    double y = e * e - cmp, t = ss + y;
    cmp = (t - ss) - y;
    ss = t;
  }
  double kk = (double)used, df = kk - 1.0;
  double se = sqrt(kk / (kk - 1.0) * ss) / sum_m;
  if (!(se > 1e-14 * (fabs(gap) > 1.0 ? fabs(gap) : 1.0))) return FGROI_E_ZERO_VARIANCE;
  fgroi_interval ri;
  fgroi_test rt;
  if (ci != NULL) {
    double alpha = 1.0 - conf_level;
    double q = fgroi__qt(fgroi__alpha_tail(alpha, alternative), df, 0);
    double lo = gap - q * se, hi = gap + q * se;
    unsigned flags = 0;
    diff_limits_finish(&lo, &hi, &flags, alternative);
    ri = fgroi__interval(gap, lo, hi, conf_level, FGROI_METHOD_CLUSTER_ROBUST, alternative, flags);
    FGROI__TRY(fgroi__audit_interval(&ri));
  }
  if (test != NULL) {
    double t = gap / se, p;
    if (alternative == FGROI_GREATER) p = fgroi__pt(t, df, 0);
    else if (alternative == FGROI_LESS) p = fgroi__pt(t, df, 1);
    else p = fgroi__clamp01(2.0 * fgroi__pt(-fabs(t), df, 1));
    rt = fgroi__test(t, df, p, 0.0, FGROI_METHOD_CLUSTER_ROBUST, alternative, 0);
    FGROI__TRY(fgroi__audit_test(&rt));
  }
  if (ci != NULL) fgroi__write_out(ci, &ri, sizeof ri);
  if (test != NULL) fgroi__write_out(test, &rt, sizeof rt);
  return FGROI_OK;
}

/* ---- sign-flip permutation test ------------------------------------------------------- */

#define SIGN_FLIP_EXACT_MAX 30
/* Monte Carlo work bound: resamples x participants with doses <= 10^8
 * (about 0.5 s of CPU; issue 14, fuzz finding 6: 2^64 resamples never
 * returned). */
#define SIGN_FLIP_WORK_MAX ((int64_t)100000000)

/* All 2^h signed sums of x[0..h), each computed directly from its bits
 * (h <= 15, so at most 15 additions per sum: no drift). */
static void half_sums(const double *x, size_t h, double *out) {
  size_t count = (size_t)1 << h;
  for (size_t mask = 0; mask < count; mask++) {
    double s = 0.0;
    for (size_t i = 0; i < h; i++) s += (mask >> i & 1u) ? -x[i] : x[i];
    out[mask] = s;
  }
}

/* Number of entries of sorted v[0..n) that are >= t. */
static size_t count_ge(const double *v, size_t n, double t) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] >= t) hi = mid; else lo = mid + 1;
  }
  return n - lo;
}

/* Number of entries of sorted v[0..n) that are <= t. */
static size_t count_le(const double *v, size_t n, double t) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] > t) hi = mid; else lo = mid + 1;
  }
  return lo;
}

FGROI_API fgroi_status fgroi_paired_sign_flip(const fgroi_paired_cluster *clusters, size_t k,
                                              fgroi_alternative alternative, uint64_t resamples,
                                              uint64_t seed, fgroi_test *out) {
  return fgroi_paired_sign_flip_ctl(clusters, k, alternative, resamples, seed, NULL, out);
}

static fgroi_status fgroi_paired_sign_flip_ctl_body(const fgroi_paired_cluster *clusters, size_t k,
                                                    fgroi_alternative alternative,
                                                    uint64_t resamples, uint64_t seed,
                                                    const fgroi_control *control,
                                                    fgroi_test *out) {
  fgroi__control_clear(control); /* empty on entry, whatever the outcome */
  FGROI__TRY(FGROI__CHECK_TEST(out));
  if (k > 0 && clusters == NULL) return FGROI_E_NULL;
  FGROI__TRY(fgroi__check_alternative(alternative));
  size_t used = 0;
  for (size_t i = 0; i < k; i++) {
    double m;
    FGROI__TRY(cluster_doses(&clusters[i], &m));
    if (m > 0.0) used++;
  }
  if (used == 0) return FGROI_E_TOO_FEW;
  if (used > SIGN_FLIP_EXACT_MAX && resamples == 0) return FGROI_E_OUT_OF_RANGE;
  if (used > SIGN_FLIP_EXACT_MAX &&
      (resamples > (uint64_t)SIGN_FLIP_WORK_MAX ||
       fgroi__product_exceeds((int64_t)used, (int64_t)resamples, SIGN_FLIP_WORK_MAX)))
    return fgroi__too_large(control, "resamples x participants with doses",
                            (double)resamples * (double)used, (double)SIGN_FLIP_WORK_MAX,
                            "the Monte Carlo sign flip (about 0.5 s)",
                            "fewer resamples, or method = cluster_robust");
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  double *d = fgroi__malloc_array(used, sizeof *d);
  if (d == NULL) return FGROI_E_NO_MEMORY;
  double tobs = 0.0, sabs = 0.0;
  size_t j = 0;
  for (size_t i = 0; i < k; i++) {
    double m;
    (void)cluster_doses(&clusters[i], &m);
    if (m == 0.0) continue;
    d[j] = ((double)clusters[i].device_only - (double)clusters[i].self_only) / m;
    sabs += fabs(d[j]);
    j++;
  }
  tobs = fgroi__sum(d, used);
  /* "as or more extreme": within a relative 1e-7 of the observed sum, plus
   * a rounding allowance for sums of at most `used` terms. */
  double eps = FGROI__REL_TOL * fabs(tobs) + 64.0 * DBL_EPSILON * sabs;
  double p;
  unsigned flags;
  if (used <= SIGN_FLIP_EXACT_MAX) {
    size_t h1 = used / 2, h2 = used - h1;
    size_t n1 = (size_t)1 << h1, n2 = (size_t)1 << h2;
    double *s1 = fgroi__malloc_array(n1, sizeof *s1), *s2 = fgroi__malloc_array(n2, sizeof *s2);
    if (s1 == NULL || s2 == NULL) { free(s1); free(s2); free(d); return FGROI_E_NO_MEMORY; }
    half_sums(d, h1, s1);
    half_sums(d + h1, h2, s2);
    qsort(s2, n2, sizeof *s2, fgroi__cmp_double);
    double hits = 0.0;
    double thr = fabs(tobs) - eps;
    for (size_t i = 0; i < n1; i++) {
      size_t c;
      if (alternative == FGROI_GREATER) c = count_ge(s2, n2, tobs - eps - s1[i]);
      else if (alternative == FGROI_LESS) c = count_le(s2, n2, tobs + eps - s1[i]);
      else if (thr <= 0.0) c = n2;
      else c = count_ge(s2, n2, thr - s1[i]) + count_le(s2, n2, -thr - s1[i]);
      hits += (double)c;
    }
    free(s1); free(s2);
    p = hits / ldexp(1.0, (int)used);
    flags = FGROI_FLAG_EXACT;
  } else {
    fgroi__rng rng;
    fgroi__rng_seed(&rng, seed);
    uint64_t hits = 0, ops = 0;
    double thr = fabs(tobs) - eps;
    for (uint64_t r = 0; r < resamples; r++) {
      if ((ops += used) >= 65536u) { /* about 0.2 ms of work between steps */
        ops = 0;
        fgroi_status cs = fgroi__ctl_step(&ctl, (double)r / (double)resamples);
        if (cs != FGROI_OK) { free(d); return cs; }
      }
      double s = 0.0;
      uint64_t bits = 0;
      for (size_t i = 0; i < used; i++) {
        if (i % 64 == 0) bits = fgroi__rng_u64(&rng);
        s += (bits & 1u) ? -d[i] : d[i];
        bits >>= 1;
      }
      int hit = alternative == FGROI_GREATER ? s >= tobs - eps
                : alternative == FGROI_LESS  ? s <= tobs + eps
                                             : (thr <= 0.0 || fabs(s) >= thr);
      hits += (uint64_t)hit;
    }
    p = (1.0 + (double)hits) / (1.0 + (double)resamples);
    flags = FGROI_FLAG_MONTE_CARLO;
  }
  free(d);
  fgroi_test r = fgroi__test(tobs / (double)used, NAN, fgroi__clamp01(p), 0.0,
                             FGROI_METHOD_SIGN_FLIP, alternative, flags);
  FGROI__TRY(fgroi__emit_test(out, &r));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_paired_sign_flip_ctl(const fgroi_paired_cluster *clusters, size_t k,
                                                  fgroi_alternative alternative, uint64_t resamples,
                                                  uint64_t seed, const fgroi_control *control,
                                                  fgroi_test *out) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_paired_sign_flip_ctl_body(clusters, k, alternative,
                            resamples, seed, control, out), "fgroi_paired_sign_flip_ctl");
}

/* ---- the headline analysis of clustered doses ------------------------------------------ */

/* Monte Carlo resamples of the default sign-flip test (more than 30
 * participants): 100000, or 2000 beyond 1000 participants, where the
 * p-value is far from any threshold long before the resamples run out. */
#define CLUSTER_FLIPS 100000u
#define CLUSTER_FLIPS_MANY 2000u
#define CLUSTER_MANY 1000u

FGROI_API fgroi_status fgroi_paired_cluster_analysis(const fgroi_paired_cluster *clusters,
                                                     size_t k, fgroi_method method,
                                                     double conf_level,
                                                     fgroi_alternative alternative,
                                                     uint64_t seed, fgroi_interval *ci,
                                                     fgroi_test *test) {
  return fgroi_paired_cluster_analysis_ctl(clusters, k, method, conf_level, alternative, seed,
                                           NULL, ci, test);
}

static fgroi_status fgroi_paired_cluster_analysis_ctl_body(const fgroi_paired_cluster *clusters,
                                                           size_t k, fgroi_method method,
                                                           double conf_level,
                                                           fgroi_alternative alternative,
                                                           uint64_t seed,
                                                           const fgroi_control *control,
                                                           fgroi_interval *ci, fgroi_test *test) {
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  if (ci == NULL || test == NULL) return FGROI_E_NULL;
  FGROI__TRY(FGROI__CHECK_INTERVAL(ci));
  FGROI__TRY(FGROI__CHECK_TEST(test));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_SIGN_FLIP;
  if (method != FGROI_METHOD_SIGN_FLIP && method != FGROI_METHOD_CLUSTER_ROBUST)
    return FGROI_E_METHOD;
  fgroi_interval c = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  FGROI__TRY(fgroi_paired_cluster_gap(clusters, k, conf_level, alternative, &c,
                                      method == FGROI_METHOD_CLUSTER_ROBUST ? &t : NULL));
  if (method == FGROI_METHOD_SIGN_FLIP)
    FGROI__TRY(fgroi_paired_sign_flip_ctl(clusters, k, alternative,
                                          k > CLUSTER_MANY ? CLUSTER_FLIPS_MANY : CLUSTER_FLIPS,
                                          seed, control, &t)); /* it reports 1.0 */
  else
    fgroi__ctl_done(&ctl);
  fgroi__write_out(ci, &c, sizeof c);
  fgroi__write_out(test, &t, sizeof t);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_paired_cluster_analysis_ctl(const fgroi_paired_cluster *clusters,
                                                         size_t k, fgroi_method method,
                                                         double conf_level,
                                                         fgroi_alternative alternative,
                                                         uint64_t seed,
                                                         const fgroi_control *control,
                                                         fgroi_interval *ci, fgroi_test *test) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_paired_cluster_analysis_ctl_body(clusters, k, method,
                            conf_level, alternative, seed, control, ci, test),
                            "fgroi_paired_cluster_analysis_ctl");
}
