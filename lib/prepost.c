/* Before/after, difference-in-differences, targets and funnels.
 * Proportion intervals are built from the proportion engine's Wilson
 * limits (fgroi_prop_ci) combined by MOVER (Newcombe 1998 method 10 for a
 * difference, Zou & Donner 2008 for longer contrasts); exact tests go
 * through fgroi_prop_test; mean comparisons through the means domain.
 * Formulas and citations: docs/methods/prepost.md. */
#include <float.h>
#include <stdlib.h>

#include "control.h"
#include "internal.h"
#include "num.h"

/* ---- helpers ------------------------------------------------------------------ */

/* Wilson limits of x/n for a MOVER combination: two-sided at conf, or for
 * a one-sided alternative each limit one-sided at conf (the other side is
 * then unused by the caller). */
static fgroi_status wilson(int64_t x, int64_t n, double conf, fgroi_alternative alt,
                           double *p, double *lo, double *hi) {
  fgroi_interval a = FGROI_INIT(fgroi_interval), b = FGROI_INIT(fgroi_interval);
  if (alt == FGROI_TWO_SIDED) {
    FGROI__TRY(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON, conf, FGROI_TWO_SIDED, &a));
    *p = a.estimate; *lo = a.lower; *hi = a.upper;
    return FGROI_OK;
  }
  FGROI__TRY(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON, conf, FGROI_GREATER, &a));
  FGROI__TRY(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON, conf, FGROI_LESS, &b));
  *p = a.estimate; *lo = a.lower; *hi = b.upper;
  return FGROI_OK;
}

/* MOVER (method of variance estimates recovery) limits for
 * D = sum sign[i] p[i] from each proportion's limits. */
static void mover(const double *p, const double *lo, const double *hi, const int *sign, int k,
                  double term_min, double term_max, fgroi_alternative alt, double *L, double *U,
                  double *D) {
  double d = 0.0, sl = 0.0, su = 0.0;
  for (int i = 0; i < k; i++) {
    d += sign[i] * p[i];
    double down = p[i] - lo[i], up = hi[i] - p[i];
    if (sign[i] > 0) { sl += down * down; su += up * up; }
    else { sl += up * up; su += down * down; }
  }
  *D = d;
  /* range of the contrast, each term in [term_min, term_max] */
  double maxv = 0.0, minv = 0.0;
  for (int i = 0; i < k; i++) {
    if (sign[i] > 0) { maxv += term_max; minv += term_min; }
    else { maxv -= term_min; minv -= term_max; }
  }
  *L = alt == FGROI_LESS ? minv : fmax(minv, d - sqrt(sl));
  *U = alt == FGROI_GREATER ? maxv : fmin(maxv, d + sqrt(su));
}

/* Wald interval est -+ z se on [lo_bound, hi_bound]. */
static fgroi_interval wald(double est, double se, double conf, fgroi_alternative alt,
                           fgroi_method m, double lo_bound, double hi_bound) {
  double lo = lo_bound, hi = hi_bound;
  unsigned flags = FGROI_FLAG_NORMAL_APPROX;
  if (alt == FGROI_TWO_SIDED) {
    double z = fgroi__z_conf(conf, FGROI_TWO_SIDED);
    lo = est - z * se; hi = est + z * se;
  } else if (alt == FGROI_GREATER) lo = est - fgroi__z_conf(conf, alt) * se;
  else hi = est + fgroi__z_conf(conf, alt) * se;
  if (lo < lo_bound) { lo = lo_bound; flags |= FGROI_FLAG_TRUNCATED; }
  if (hi > hi_bound) { hi = hi_bound; flags |= FGROI_FLAG_TRUNCATED; }
  /* from either side: a one-sided level below 1/2 (issue 14) */
  if (lo > hi_bound) { lo = hi_bound; flags |= FGROI_FLAG_TRUNCATED; }
  if (hi < lo_bound) { hi = lo_bound; flags |= FGROI_FLAG_TRUNCATED; }
  return fgroi__interval(est, lo, hi, conf, m, alt, flags);
}

/* Wald z test of a difference-in-differences D with standard error se. */
static fgroi_status did_z_test(double D, double se, fgroi_alternative alt, fgroi_test *t) {
  if (!(se > 0.0)) return FGROI_E_ZERO_VARIANCE;
  double z = D / se;
  *t = fgroi__test(z, NAN, fgroi__p_normal(z, alt), 0.0, FGROI_METHOD_DID, alt, FGROI_FLAG_NORMAL_APPROX);
  return FGROI_OK;
}

static fgroi_status check_conf_alt(double conf, fgroi_alternative alt) {
  FGROI__TRY(fgroi__check_conf(conf));
  return fgroi__check_alternative(alt);
}

/* Start of a change with an interval and a test (either output may be
 * NULL): validated outputs, level and side; empty results in *c and *t. */
static fgroi_status change_begin(fgroi_interval *ci, fgroi_test *test, double conf,
                                 fgroi_alternative alt, fgroi_interval *c, fgroi_test *t) {
  *c = FGROI_INIT(fgroi_interval);
  *t = FGROI_INIT(fgroi_test);
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  return check_conf_alt(conf, alt);
}

/* ---- change within an arm: proportions ----------------------------------------- */

FGROI_API fgroi_status fgroi_prepost_prop_change(int64_t x_pre, int64_t n_pre, int64_t x_post,
                                                 int64_t n_post, fgroi_method ci_method,
                                                 fgroi_method test_method, double conf_level,
                                                 fgroi_alternative alternative,
                                                 fgroi_interval *ci, fgroi_test *test) {
  fgroi_interval c;
  fgroi_test t;
  FGROI__TRY(change_begin(ci, test, conf_level, alternative, &c, &t));
  /* post is group 1, pre group 2: the engine estimates p1 - p2 */
  if (ci) FGROI__TRY(fgroi_prop_diff_ci(x_post, n_post, x_pre, n_pre, ci_method, conf_level,
                                        alternative, &c));
  if (test) FGROI__TRY(fgroi_prop_2x2_test(x_post, n_post, x_pre, n_pre, test_method,
                                           alternative, &t));
  return fgroi__emit_ci_test(ci, &c, test, &t);
}

/* Paired table {both, pre_only, post_only, neither}: n, b, c. */
static fgroi_status paired_table(const int64_t t[4], double *n, double *b, double *c) {
  for (int i = 0; i < 4; i++) if (t[i] < 0) return FGROI_E_NEGATIVE_COUNT;
  int64_t s = 0;
  for (int i = 0; i < 4; i++) {
    if (t[i] > INT64_MAX - s) return FGROI_E_OVERFLOW;
    s += t[i];
  }
  if (s == 0) return FGROI_E_EMPTY;
  *n = (double)s; *b = (double)t[1]; *c = (double)t[2];
  return FGROI_OK;
}

/* Paired Wald variance of (c - b) / n. */
static double paired_var(double n, double b, double c) {
  return ((b + c) - (c - b) * (c - b) / n) / (n * n);
}

FGROI_API fgroi_status fgroi_prepost_prop_change_paired(int64_t both, int64_t pre_only,
                                                        int64_t post_only, int64_t neither,
                                                        fgroi_method ci_method,
                                                        fgroi_method test_method,
                                                        double conf_level,
                                                        fgroi_alternative alternative,
                                                        fgroi_interval *ci, fgroi_test *test) {
  fgroi_interval c;
  fgroi_test t;
  FGROI__TRY(change_begin(ci, test, conf_level, alternative, &c, &t));
  /* the paired engine's gap is device - self: post plays the device */
  if (ci) FGROI__TRY(fgroi_paired_gap_ci(both, post_only, pre_only, neither, ci_method,
                                         conf_level, alternative, &c));
  if (test) FGROI__TRY(fgroi_paired_mcnemar(both, post_only, pre_only, neither, test_method,
                                            alternative, &t));
  return fgroi__emit_ci_test(ci, &c, test, &t);
}

/* ---- change within an arm: means ---------------------------------------------------- */

FGROI_API fgroi_status fgroi_prepost_mean_change(const double *pre, size_t n_pre,
                                                 const double *post, size_t n_post,
                                                 fgroi_design design, double conf_level,
                                                 fgroi_alternative alternative,
                                                 fgroi_interval *ci, fgroi_test *test) {
  if (design == FGROI_DESIGN_INDEPENDENT)
    return fgroi_means_t_two(post, n_post, pre, n_pre, 0.0, FGROI_METHOD_WELCH, conf_level,
                             alternative, ci, test);
  if (design != FGROI_DESIGN_PAIRED) return FGROI_E_METHOD;
  if (n_pre != n_post) return FGROI_E_LENGTH_MISMATCH;
  return fgroi_means_t_paired(post, pre, n_post, 0.0, conf_level, alternative, ci, test);
}

/* ---- difference in differences: proportions ---------------------------------------- */

FGROI_API fgroi_status fgroi_prepost_prop_did(int64_t xd_pre, int64_t nd_pre, int64_t xd_post,
                                              int64_t nd_post, int64_t xc_pre, int64_t nc_pre,
                                              int64_t xc_post, int64_t nc_post,
                                              fgroi_method method, double conf_level,
                                              fgroi_alternative alternative,
                                              fgroi_interval *ci, fgroi_test *test) {
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_NEWCOMBE;
  if (method != FGROI_METHOD_NEWCOMBE && method != FGROI_METHOD_WALD) return FGROI_E_METHOD;
  FGROI__TRY(check_conf_alt(conf_level, alternative));
  const int64_t x[4] = { xd_post, xd_pre, xc_post, xc_pre }, n[4] = { nd_post, nd_pre, nc_post, nc_pre };
  const int sign[4] = { 1, -1, -1, 1 };
  for (int i = 0; i < 4; i++) FGROI__TRY(fgroi__check_count(x[i], n[i]));
  double p[4], var = 0.0, D = 0.0;
  for (int i = 0; i < 4; i++) {
    p[i] = (double)x[i] / (double)n[i];
    var += p[i] * (1.0 - p[i]) / (double)n[i];
    D += sign[i] * p[i];
  }
  double se = sqrt(var);
  fgroi_interval c;
  fgroi_test t;
  if (ci) {
    if (method == FGROI_METHOD_WALD) {
      if (!(se > 0.0)) return FGROI_E_ZERO_VARIANCE;
      c = wald(D, se, conf_level, alternative, FGROI_METHOD_WALD, -2.0, 2.0);
    } else {
      double pw[4], lo[4], hi[4], L, U, DD;
      for (int i = 0; i < 4; i++) FGROI__TRY(wilson(x[i], n[i], conf_level, alternative, &pw[i], &lo[i], &hi[i]));
      mover(pw, lo, hi, sign, 4, 0.0, 1.0, alternative, &L, &U, &DD);
      c = fgroi__interval(D, L, U, conf_level, FGROI_METHOD_NEWCOMBE, alternative, 0);
    }
  }
  if (test) FGROI__TRY(did_z_test(D, se, alternative, &t));
  return fgroi__emit_ci_test(ci, &c, test, &t);
}

/* One arm's paired change (post - pre) with the paired engine's limits for
 * a MOVER combination (both one-sided limits when the alternative is). */
static fgroi_status paired_limits(const int64_t t[4], fgroi_method method, double conf,
                                  fgroi_alternative alt, double *est, double *lo, double *hi) {
  fgroi_interval a = FGROI_INIT(fgroi_interval), b = FGROI_INIT(fgroi_interval);
  if (alt == FGROI_TWO_SIDED) {
    FGROI__TRY(fgroi_paired_gap_ci(t[0], t[2], t[1], t[3], method, conf, FGROI_TWO_SIDED, &a));
    *est = a.estimate; *lo = a.lower; *hi = a.upper;
    return FGROI_OK;
  }
  FGROI__TRY(fgroi_paired_gap_ci(t[0], t[2], t[1], t[3], method, conf, FGROI_GREATER, &a));
  FGROI__TRY(fgroi_paired_gap_ci(t[0], t[2], t[1], t[3], method, conf, FGROI_LESS, &b));
  *est = a.estimate; *lo = a.lower; *hi = b.upper;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prepost_prop_did_paired(const int64_t device[4],
                                                     const int64_t control_group[4],
                                                     fgroi_method method, double conf_level,
                                                     fgroi_alternative alternative,
                                                     fgroi_interval *ci, fgroi_test *test) {
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  if (device == NULL || control_group == NULL) return FGROI_E_NULL;
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_TANGO;
  if (method != FGROI_METHOD_TANGO && method != FGROI_METHOD_NEWCOMBE &&
      method != FGROI_METHOD_BONETT_PRICE && method != FGROI_METHOD_AGRESTI_MIN &&
      method != FGROI_METHOD_WALD)
    return FGROI_E_METHOD;
  FGROI__TRY(check_conf_alt(conf_level, alternative));
  double nd, bd, cd, nc, bc, cc;
  FGROI__TRY(paired_table(device, &nd, &bd, &cd));
  FGROI__TRY(paired_table(control_group, &nc, &bc, &cc));
  double D = (cd - bd) / nd - (cc - bc) / nc;
  double se = sqrt(paired_var(nd, bd, cd) + paired_var(nc, bc, cc));
  fgroi_interval c = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  if (ci) {
    if (method == FGROI_METHOD_WALD) {
      if (!(se > 0.0)) return FGROI_E_ZERO_VARIANCE;
      c = wald(D, se, conf_level, alternative, FGROI_METHOD_WALD, -2.0, 2.0);
    } else {
      double p[2], lo[2], hi[2], L, U, DD;
      const int sign[2] = { 1, -1 };
      FGROI__TRY(paired_limits(device, method, conf_level, alternative, &p[0], &lo[0], &hi[0]));
      FGROI__TRY(paired_limits(control_group, method, conf_level, alternative, &p[1], &lo[1], &hi[1]));
      mover(p, lo, hi, sign, 2, -1.0, 1.0, alternative, &L, &U, &DD);
      c = fgroi__interval(D, L, U, conf_level, method, alternative, 0);
    }
  }
  if (test) FGROI__TRY(did_z_test(D, se, alternative, &t));
  return fgroi__emit_ci_test(ci, &c, test, &t);
}

/* ---- difference in differences: means ------------------------------------------------ */

static fgroi_status sample_ok(const double *x, size_t n) {
  if (x == NULL) return FGROI_E_NULL;
  if (n == 0) return FGROI_E_EMPTY;
  return fgroi__check_finite_array(x, n);
}

FGROI_API fgroi_status fgroi_prepost_mean_did(const double *d_pre, size_t nd_pre,
                                              const double *d_post, size_t nd_post,
                                              const double *c_pre, size_t nc_pre,
                                              const double *c_post, size_t nc_post,
                                              fgroi_design design, double conf_level,
                                              fgroi_alternative alternative,
                                              fgroi_interval *ci, fgroi_test *test) {
  FGROI__TRY(fgroi__check_ci_test(ci, test));
  if (design != FGROI_DESIGN_INDEPENDENT && design != FGROI_DESIGN_PAIRED) return FGROI_E_METHOD;
  FGROI__TRY(check_conf_alt(conf_level, alternative));
  const double *s[4] = { d_post, d_pre, c_post, c_pre };
  const size_t n[4] = { nd_post, nd_pre, nc_post, nc_pre };
  for (int i = 0; i < 4; i++) FGROI__TRY(sample_ok(s[i], n[i]));
  fgroi_interval c = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  if (design == FGROI_DESIGN_PAIRED) {
    if (nd_pre != nd_post || nc_pre != nc_post) return FGROI_E_LENGTH_MISMATCH;
    double *dd = fgroi__malloc_array(nd_pre, sizeof *dd), *dc = fgroi__malloc_array(nc_pre, sizeof *dc);
    if (!dd || !dc) { free(dd); free(dc); return FGROI_E_NO_MEMORY; }
    for (size_t i = 0; i < nd_pre; i++) dd[i] = d_post[i] - d_pre[i];
    for (size_t i = 0; i < nc_pre; i++) dc[i] = c_post[i] - c_pre[i];
    fgroi_status st = fgroi_means_t_two(dd, nd_pre, dc, nc_pre, 0.0, FGROI_METHOD_WELCH,
                                        conf_level, alternative, &c, &t);
    free(dd); free(dc);
    if (st != FGROI_OK) return st;
  } else {
    const int sign[4] = { 1, -1, -1, 1 };
    for (int i = 0; i < 4; i++) if (n[i] < 2) return FGROI_E_TOO_FEW;
    /* squares of values above 2^500 overflow and below 2^-500 underflow, and
     * Welch-Satterthwaite df takes squares of the squared SEs: the samples
     * are scaled by one power of two and the estimate and SE scaled back,
     * the df computed from SE ratios (issue 14, finding 43: NaN df at 2^470) */
    double amax = 0.0, sc = 1.0;
    for (int i = 0; i < 4; i++)
      for (size_t j = 0; j < n[i]; j++) amax = fmax(amax, fabs(s[i][j]));
    if (amax > 0x1p250 || (amax > 0.0 && amax < 0x1p-250)) sc = ldexp(1.0, ilogb(amax));
    double D = 0.0, w[4], wmax = 0.0, mmax = 0.0;
    for (int i = 0; i < 4; i++) {
      double m, v;
      if (sc != 1.0) {
        double *xs = fgroi__malloc_array(n[i], sizeof *xs);
        if (!xs) return FGROI_E_NO_MEMORY;
        for (size_t j = 0; j < n[i]; j++) xs[j] = s[i][j] / sc;
        fgroi__mean_var(xs, n[i], &m, &v);
        free(xs);
      } else {
        fgroi__mean_var(s[i], n[i], &m, &v);
      }
      w[i] = v / (double)n[i];
      wmax = fmax(wmax, w[i]);
      mmax = fmax(mmax, fabs(m));
      D += sign[i] * m;
    }
    double V = 0.0, r = 0.0, den = 0.0;
    if (wmax > 0.0)
      for (int i = 0; i < 4; i++) {
        V += w[i];
        double q = w[i] / wmax;
        r += q;
        den += q * q / ((double)n[i] - 1.0);
      }
    double se = sqrt(V);
    if (!(se > 0.0) || se < 10.0 * DBL_EPSILON * mmax) return FGROI_E_ZERO_VARIANCE;
    double est = D * sc;
    se *= sc;
    if (!(se > 0.0)) return FGROI_E_OUT_OF_RANGE; /* below the smallest double */
    if (!isfinite(se) || !isfinite(est)) return FGROI_E_OVERFLOW;
    fgroi__t_finish(est, se, r * r / den, 0.0, conf_level, alternative, FGROI_METHOD_DID, &c, &t);
    /* a limit beyond the doubles is an overflow, not an unflagged infinity */
    if ((alternative != FGROI_LESS && !isfinite(c.lower)) ||
        (alternative != FGROI_GREATER && !isfinite(c.upper)) || isnan(t.statistic))
      return FGROI_E_OVERFLOW;
  }
  c.method = FGROI_METHOD_DID;
  t.method = FGROI_METHOD_DID;
  return fgroi__emit_ci_test(ci, &c, test, &t);
}

/* ---- targets ------------------------------------------------------------------------------ */

FGROI_API fgroi_status fgroi_prepost_target(int64_t x, int64_t n, double target,
                                            fgroi_method method, double conf_level,
                                            fgroi_alternative alternative,
                                            fgroi_test *test, fgroi_interval *bound) {
  if (test == NULL && bound == NULL) return FGROI_E_NULL;
  if (test) FGROI__TRY(FGROI__CHECK_TEST(test));
  if (bound) FGROI__TRY(FGROI__CHECK_INTERVAL(bound));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_EXACT;
  if (method != FGROI_METHOD_EXACT && method != FGROI_METHOD_MID_P) return FGROI_E_METHOD;
  if (alternative != FGROI_GREATER && alternative != FGROI_LESS) return FGROI_E_ALTERNATIVE;
  FGROI__TRY(fgroi__check_prob_open(target));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_count(x, n));
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_interval b = FGROI_INIT(fgroi_interval);
  FGROI__TRY(fgroi_prop_test(x, n, target, method, alternative, &t));
  FGROI__TRY(fgroi_prop_ci(x, n, method == FGROI_METHOD_EXACT ? FGROI_METHOD_CLOPPER_PEARSON
                                                               : FGROI_METHOD_MID_P,
                           conf_level, alternative, &b));
  return fgroi__emit_ci_test(bound, &b, test, &t);
}

/* ---- funnels ------------------------------------------------------------------------------- */

static fgroi_status check_funnel(const int64_t *counts, size_t k) {
  if (counts == NULL) return FGROI_E_NULL;
  if (k < 2) return FGROI_E_TOO_FEW;
  for (size_t i = 0; i < k; i++) if (counts[i] < 0) return FGROI_E_NEGATIVE_COUNT;
  for (size_t i = 1; i < k; i++) if (counts[i] > counts[i - 1]) return FGROI_E_COUNT_EXCEEDS_TOTAL;
  if (counts[0] == 0) return FGROI_E_EMPTY;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prepost_funnel(const int64_t *counts, size_t k, double conf_level,
                                            size_t capacity, double *conversion,
                                            double *conversion_lower, double *conversion_upper,
                                            double *completion, double *completion_lower,
                                            double *completion_upper, size_t *size,
                                            fgroi_funnel_drop *drop) {
  if (size == NULL) return FGROI_E_NULL;
  if (drop) FGROI__TRY(FGROI__CHECK_OUT(drop, fgroi_funnel_drop, p_raw));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(check_funnel(counts, k));
  if (drop && k < 3) return FGROI_E_TOO_FEW;
  size_t m = k - 1;
  if (drop) { /* the drop test's hypergeometric tail: O(sqrt N) work, N bounded */
    int64_t tot = 0;
    for (size_t i = 0; i < m; i++)
      if (fgroi__add_i64(tot, counts[i], &tot) || tot > FGROI__CONDITIONAL_MAX)
        return fgroi__too_large(NULL, "the stage counts before the last", (double)tot,
                                (double)FGROI__CONDITIONAL_MAX, "the drop test's exact tail",
                                "drop = NULL");
  }
  /* compute everything before writing anything */
  fgroi_funnel_drop dr = { sizeof dr, 0, 0.0, 0.0, 1.0, 1.0 };
  if (drop) {
    double best = -1.0;
    for (size_t i = 0; i < m; i++) {
      if (counts[i] == 0) continue;
      double r = 1.0 - (double)counts[i + 1] / (double)counts[i];
      if (r > best) { best = r; dr.step = i; }
    }
    double di = (double)(counts[dr.step] - counts[dr.step + 1]), ni = (double)counts[dr.step];
    double Do = 0.0, No = 0.0;
    for (size_t i = 0; i < m; i++) {
      if (i == dr.step) continue;
      Do += (double)(counts[i] - counts[i + 1]);
      No += (double)counts[i];
    }
    dr.dropoff = best;
    dr.others = No > 0.0 ? Do / No : 0.0;
    /* one-sided Fisher: X = drops at this step ~ hypergeometric(D total
     * drops, S total stays, draw ni); p = P(X >= di) */
    double D = di + Do, S = (ni - di) + (No - Do);
    dr.p_raw = (di > 0.0 && No > 0.0) ? fgroi__clamp01(fgroi__phyper(di - 1.0, D, S, ni, 0)) : 1.0;
    dr.p_value = fmin(1.0, (double)m * dr.p_raw);
  }
  *size = m;
  if (m > capacity) return FGROI_E_CAPACITY;
  for (size_t i = 0; i < m; i++) {
    fgroi_interval a = FGROI_INIT(fgroi_interval), b = FGROI_INIT(fgroi_interval);
    if (counts[i] > 0) {
      FGROI__TRY(fgroi_prop_ci(counts[i + 1], counts[i], FGROI_METHOD_WILSON, conf_level,
                               FGROI_TWO_SIDED, &a));
    } else {
      a.estimate = 0.0; a.lower = 0.0; a.upper = 1.0;
    }
    FGROI__TRY(fgroi_prop_ci(counts[i + 1], counts[0], FGROI_METHOD_WILSON, conf_level,
                             FGROI_TWO_SIDED, &b));
    if (conversion) conversion[i] = a.estimate;
    if (conversion_lower) conversion_lower[i] = a.lower;
    if (conversion_upper) conversion_upper[i] = a.upper;
    if (completion) completion[i] = b.estimate;
    if (completion_lower) completion_lower[i] = b.lower;
    if (completion_upper) completion_upper[i] = b.upper;
  }
  if (drop) fgroi__write_out(drop, &dr, sizeof dr);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prepost_funnel_compare(const int64_t *counts_a,
                                                    const int64_t *counts_b, size_t k,
                                                    fgroi_funnel_rate rate, double conf_level,
                                                    size_t capacity, double *diff,
                                                    double *diff_lower, double *diff_upper,
                                                    double *p_value, size_t *size) {
  if (size == NULL) return FGROI_E_NULL;
  if (rate != FGROI_FUNNEL_CONVERSION && rate != FGROI_FUNNEL_COMPLETION) return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(check_funnel(counts_a, k));
  FGROI__TRY(check_funnel(counts_b, k));
  size_t m = k - 1;
  /* each transition's Fisher test has the bound of fgroi_prop_2x2_test:
   * checked before anything is written (issue 14) */
  for (size_t i = 0; i < m; i++) {
    int64_t na = rate == FGROI_FUNNEL_CONVERSION ? counts_a[i] : counts_a[0];
    int64_t nb = rate == FGROI_FUNNEL_CONVERSION ? counts_b[i] : counts_b[0];
    if (na > 0 && nb > 0 && fgroi__sum_exceeds(na, nb, FGROI__CONDITIONAL_MAX))
      return fgroi__too_large(NULL, "a transition's n_a + n_b", (double)na + (double)nb,
                              (double)FGROI__CONDITIONAL_MAX, "Fisher's exact test",
                              "fgroi_prop_diff_ci and fgroi_prop_2x2_test (chisq)");
  }
  *size = m;
  if (m > capacity) return FGROI_E_CAPACITY;
  for (size_t i = 0; i < m; i++) {
    int64_t na = rate == FGROI_FUNNEL_CONVERSION ? counts_a[i] : counts_a[0];
    int64_t nb = rate == FGROI_FUNNEL_CONVERSION ? counts_b[i] : counts_b[0];
    int64_t xa = counts_a[i + 1], xb = counts_b[i + 1];
    double d = 0.0, L = -1.0, U = 1.0, p = 1.0;
    if (na > 0 && nb > 0) {
      fgroi_interval iv = FGROI_INIT(fgroi_interval);
      fgroi_test ft = FGROI_INIT(fgroi_test);
      FGROI__TRY(fgroi_prop_diff_ci(xa, na, xb, nb, FGROI_METHOD_NEWCOMBE, conf_level,
                                    FGROI_TWO_SIDED, &iv));
      FGROI__TRY(fgroi_prop_2x2_test(xa, na, xb, nb, FGROI_METHOD_FISHER, FGROI_TWO_SIDED, &ft));
      d = iv.estimate; L = iv.lower; U = iv.upper; p = ft.p_value;
    }
    if (diff) diff[i] = d;
    if (diff_lower) diff_lower[i] = L;
    if (diff_upper) diff_upper[i] = U;
    if (p_value) p_value[i] = p;
  }
  return FGROI_OK;
}
