/* NPS change between two independent waves (include/fgroi/nps.h, "two
 * independent waves"): the MOVER, score, Wald and bootstrap intervals and
 * the score, Wald and exact permutation tests. docs/methods/nps.md. */
#include <float.h>
#include <stdlib.h>

#include "control.h"
#include "nps_internal.h"

/* ---- two independent waves ---------------------------------------------- */

/* MOVER (Zou & Donner 2008; Newcombe 1998 square-and-add) for after - before. */
static fgroi_status mover_limits(const double b[3], const double a[3], double zc, double *lo,
                                 double *hi) {
  unsigned f = 0;
  double l1, u1, l2, u2;
  double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  double e1 = (b[2] - b[0]) / n1, e2 = (a[2] - a[0]) / n2;
  FGROI__TRY(fgroi__nps_score_limits(b[0], b[1], b[2], zc, 1, 1, &l1, &u1, &f));
  FGROI__TRY(fgroi__nps_score_limits(a[0], a[1], a[2], zc, 1, 1, &l2, &u2, &f));
  double d = e2 - e1;
  *lo = d - sqrt((e2 - l2) * (e2 - l2) + (u1 - e1) * (u1 - e1));
  *hi = d + sqrt((u2 - e2) * (u2 - e2) + (e1 - l1) * (e1 - l1));
  return FGROI_OK;
}

static fgroi_status check_two(int64_t d1, int64_t p1, int64_t r1, int64_t d2, int64_t p2,
                              int64_t r2, double b[3], double a[3]) {
  int64_t n1, n2;
  FGROI__TRY(check_counts(d1, p1, r1, &n1));
  FGROI__TRY(check_counts(d2, p2, r2, &n2));
  b[0] = (double)d1; b[1] = (double)p1; b[2] = (double)r1;
  a[0] = (double)d2; a[1] = (double)p2; a[2] = (double)r2;
  return FGROI_OK;
}

static fgroi_status fgroi_nps_diff_ci_body(int64_t det_before, int64_t pas_before,
                                           int64_t pro_before, int64_t det_after,
                                           int64_t pas_after, int64_t pro_after,
                                           fgroi_method method, double conf_level,
                                           fgroi_alternative alternative,
                                           const fgroi_nps_options *options, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  double b[3], a[3];
  FGROI__TRY(check_two(det_before, pas_before, pro_before, det_after, pas_after, pro_after, b, a));
  FGROI__TRY(check_ci_args(conf_level, alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_NEWCOMBE;
  const double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  const double e1 = (b[2] - b[0]) / n1, e2 = (a[2] - a[0]) / n2, est = e2 - e1;
  const double zc = z_of(conf_level, alternative);
  unsigned flags = 0;
  double lo, hi;
  switch (method) {
    case FGROI_METHOD_WALD: {
      double half = zc * sqrt(nps_var(b[0], b[2], n1) / n1 + nps_var(a[0], a[2], n2) / n2);
      lo = est - half;
      hi = est + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_NEWCOMBE:
      FGROI__TRY(mover_limits(b, a, zc, &lo, &hi));
      break;
    case FGROI_METHOD_SCORE: {
      fgroi__mm_sample sb, sa;
      fgroi__mm_init(&sb, 3, -1.0, b);
      fgroi__mm_init(&sa, 3, -1.0, a);
      FGROI__TRY(fgroi__mm_invert(&sb, &sa, est, -2.0, 2.0, zc, alternative != FGROI_LESS,
                           alternative != FGROI_GREATER, &lo, &hi, &flags));
      break;
    }
    case FGROI_METHOD_BOOTSTRAP_PERCENTILE:
    case FGROI_METHOD_BOOTSTRAP_BCA:
      FGROI__TRY(fgroi__nps_bootstrap(b, a, est, options, method, conf_level, alternative, &lo, &hi,
                               &flags));
      break;
    default:
      return FGROI_E_METHOD;
  }
  fgroi_interval r =
      finish_interval(est, lo, hi, -2.0, 2.0, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

FGROI_API fgroi_status fgroi_nps_diff_ci(int64_t det_before, int64_t pas_before, int64_t pro_before,
                                         int64_t det_after, int64_t pas_after, int64_t pro_after,
                                         fgroi_method method, double conf_level,
                                         fgroi_alternative alternative,
                                         const fgroi_nps_options *options, fgroi_interval *out) {
  const fgroi_control *control_ =
      fgroi__control_enter(fgroi__options_control(options, offsetof(fgroi_nps_options, control)));
  return fgroi__control_end(control_, fgroi_nps_diff_ci_body(det_before, pas_before, pro_before,
                            det_after, pas_after, pro_after, method, conf_level, alternative,
                            options, out), "fgroi_nps_diff_ci");
}

/* Exact permutation test: enumerate the smaller wave's category counts given
 * the pooled counts (multivariate hypergeometric). sign = +1 when the
 * enumerated wave is "after". */
static fgroi_status permutation_p(const double b[3], const double a[3], fgroi_alternative alt,
                                  fgroi__ctl *ctl, double *p_out, double *stat_out) {
  double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  const double *e = a; /* enumerated wave */
  double ne = n2, no = n1, sign = 1.0;
  if (n1 < n2) { e = b; ne = n1; no = n2; sign = -1.0; }
  if (ne > NPS_MAX_PERMUTATION_N)
    return fgroi__too_large(ctl->control, "the smaller wave's respondents", ne,
                            NPS_MAX_PERMUTATION_N, "the exact permutation test",
                            "method = score");
  const double D = b[0] + a[0], P = b[1] + a[1], R = b[2] + a[2], N = n1 + n2;
  /* statistic: after - before = sign * (nps(enumerated) - nps(other)) */
  const double obs = (a[2] - a[0]) / n2 - (b[2] - b[0]) / n1;
  const int64_t ine = (int64_t)ne;
  double *lcD = fgroi__malloc_array(3 * (size_t)(ine + 1), sizeof *lcD);
  if (!lcD) return FGROI_E_NO_MEMORY;
  double *lcP = lcD + ine + 1, *lcR = lcP + ine + 1;
  for (int64_t k = 0; k <= ine; k++) {
    double kd = (double)k;
    lcD[k] = kd <= D ? fgroi__lchoose(D, kd) : -INFINITY;
    lcP[k] = kd <= P ? fgroi__lchoose(P, kd) : -INFINITY;
    lcR[k] = kd <= R ? fgroi__lchoose(R, kd) : -INFINITY;
  }
  const double lden = fgroi__lchoose(N, ne);
  const double tol = 1e-7 * fmax(1.0, fabs(obs));
  double p = 0.0;
  (void)e;
  /* (d, r) pairs with d + r <= ne */
  const double cells = 0.5 * (double)(ine + 1) * (double)(ine + 2);
  for (int64_t d = 0; d <= ine && (double)d <= D; d++) {
    /* one step per row of at most ne + 1 cells (about 0.1 ms at the limit) */
    const double rest = (double)(ine - d + 1);
    fgroi_status st = fgroi__ctl_step(ctl, 1.0 - 0.5 * rest * (rest + 1.0) / cells);
    if (st != FGROI_OK) {
      free(lcD);
      return st;
    }
    for (int64_t r = 0; d + r <= ine && (double)r <= R; r++) {
      int64_t pp = ine - d - r;
      if ((double)pp > P) continue;
      double nps_e = ((double)r - (double)d) / ne;
      double nps_o = ((R - (double)r) - (D - (double)d)) / no;
      double stat = sign * (nps_e - nps_o);
      int extreme;
      if (alt == FGROI_GREATER) extreme = stat >= obs - tol;
      else if (alt == FGROI_LESS) extreme = stat <= obs + tol;
      else extreme = fabs(stat) >= fabs(obs) - tol;
      if (extreme) p += exp(lcD[d] + lcP[pp] + lcR[r] - lden);
    }
  }
  free(lcD);
  *p_out = fgroi__clamp01(p);
  *stat_out = obs;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_diff_test(int64_t det_before, int64_t pas_before,
                                           int64_t pro_before, int64_t det_after,
                                           int64_t pas_after, int64_t pro_after,
                                           fgroi_method method, fgroi_alternative alternative,
                                           fgroi_test *out) {
  return fgroi_nps_diff_test_ctl(det_before, pas_before, pro_before, det_after, pas_after,
                                 pro_after, method, alternative, NULL, out);
}

static fgroi_status fgroi_nps_diff_test_ctl_body(int64_t det_before, int64_t pas_before,
                                                 int64_t pro_before, int64_t det_after,
                                                 int64_t pas_after, int64_t pro_after,
                                                 fgroi_method method, fgroi_alternative alternative,
                                                 const fgroi_control *control, fgroi_test *out) {
  fgroi__control_clear(control); /* empty on entry, whatever the outcome */
  FGROI__TRY(FGROI__CHECK_TEST(out));
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  double b[3], a[3];
  FGROI__TRY(check_two(det_before, pas_before, pro_before, det_after, pas_after, pro_after, b, a));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_SCORE;
  const double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  const double est = (a[2] - a[0]) / n2 - (b[2] - b[0]) / n1;
  unsigned flags = 0;
  double stat = 0.0, p = 1.0; /* set by every method below */
  if (method == FGROI_METHOD_WALD || method == FGROI_METHOD_SCORE) {
    flags |= FGROI_FLAG_NORMAL_APPROX;
    if (method == FGROI_METHOD_WALD) {
      double se = sqrt(nps_var(b[0], b[2], n1) / n1 + nps_var(a[0], a[2], n2) / n2);
      if (se == 0.0) {
        /* both waves constant: no sampling variation at all */
        flags |= FGROI_FLAG_DEGENERATE;
        stat = est == 0.0 ? 0.0 : (est > 0.0 ? INFINITY : -INFINITY);
      } else {
        stat = est / se;
      }
    } else {
      fgroi__mm_sample sb, sa;
      fgroi__mm_init(&sb, 3, -1.0, b);
      fgroi__mm_init(&sa, 3, -1.0, a);
      FGROI__TRY(fgroi__mm2_score_z(&sb, &sa, 0.0, &stat));
      if (fabs(stat) >= 1e8) {
        flags |= FGROI_FLAG_DEGENERATE;
        stat = stat > 0.0 ? INFINITY : -INFINITY;
      }
    }
    p = fgroi__p_normal(stat, alternative);
  } else if (method == FGROI_METHOD_PERMUTATION) {
    flags |= FGROI_FLAG_EXACT;
    FGROI__TRY(permutation_p(b, a, alternative, &ctl, &p, &stat));
    stat *= NPS_SCALE;
  } else {
    return FGROI_E_METHOD;
  }
  if (p < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  fgroi_test r = fgroi__test(stat, NAN, p, 0.0, method, alternative, flags);
  FGROI__TRY(fgroi__emit_test(out, &r));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_diff_test_ctl(int64_t det_before, int64_t pas_before,
                                               int64_t pro_before, int64_t det_after,
                                               int64_t pas_after, int64_t pro_after,
                                               fgroi_method method, fgroi_alternative alternative,
                                               const fgroi_control *control, fgroi_test *out) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_nps_diff_test_ctl_body(det_before, pas_before,
                            pro_before, det_after, pas_after, pro_after, method, alternative,
                            control, out), "fgroi_nps_diff_test_ctl");
}
