/* Net Promoter Score: one NPS, segments, planning and CSAT top-2-box. The
 * other NPS sources: lib/nps_tally.c (tally), lib/nps_waves.c (two
 * independent waves), lib/nps_paired.c (paired change), lib/nps_score.c
 * (score machinery), lib/nps_boot.c (bootstrap); lib/nps_internal.h. Formulas,
 * defaults and citations: docs/methods/nps.md. Internally an NPS is the mean
 * of a per-person score v in {-1, 0, +1} (detractor, passive, promoter) on
 * the -1..1 scale; the public functions report 100 times that. */
#include <limits.h>
#include <stdlib.h>

#include "checked.h"
#include "control.h"
#include "nps_internal.h"
#include "num.h"
#include "score.h"

/* ---- one NPS ------------------------------------------------------------ */

FGROI_API fgroi_status fgroi_nps_summarize(int64_t detractors, int64_t passives,
                                           int64_t promoters, fgroi_nps_summary *out) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_nps_summary, p_promoter));
  int64_t n;
  FGROI__TRY(check_counts(detractors, passives, promoters, &n));
  const double nd = (double)n;
  fgroi_nps_summary r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.detractors = detractors;
  r.passives = passives;
  r.promoters = promoters;
  r.n = n;
  r.p_detractor = (double)detractors / nd;
  r.p_passive = (double)passives / nd;
  r.p_promoter = (double)promoters / nd;
  r.nps = NPS_SCALE * ((double)promoters - (double)detractors) / nd;
  r.se = NPS_SCALE * sqrt(nps_var((double)detractors, (double)promoters, nd) / nd);
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}

static fgroi_status fgroi_nps_ci_body(int64_t detractors, int64_t passives, int64_t promoters,
                                      fgroi_method method, double conf_level,
                                      fgroi_alternative alternative,
                                      const fgroi_nps_options *options, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  int64_t n;
  FGROI__TRY(check_counts(detractors, passives, promoters, &n));
  FGROI__TRY(check_ci_args(conf_level, alternative));
  if (method == FGROI_METHOD_DEFAULT || method == FGROI_METHOD_TANGO) method = FGROI_METHOD_SCORE;
  const double det = (double)detractors, pas = (double)passives, pro = (double)promoters;
  const double nd = (double)n, est = (pro - det) / nd;
  const double zc = z_of(conf_level, alternative);
  unsigned flags = 0;
  double lo, hi;

  switch (method) {
    case FGROI_METHOD_WALD: {
      double half = zc * sqrt(nps_var(det, pro, nd) / nd);
      lo = est - half;
      hi = est + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_ADJUSTED_WALD: {
      /* Rocks (2016): 3 pseudo-respondents, 3/4 detractor, 3/2 passive, 3/4 promoter */
      double d2 = det + 0.75, p2 = pro + 0.75, n2 = nd + 3.0, c = (p2 - d2) / n2;
      double half = zc * sqrt(nps_var(d2, p2, n2) / n2);
      lo = c - half;
      hi = c + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_SCORE:
      FGROI__TRY(fgroi__nps_score_limits(det, pas, pro, zc, alternative != FGROI_LESS,
                                  alternative != FGROI_GREATER, &lo, &hi, &flags));
      break;
    case FGROI_METHOD_BOOTSTRAP_PERCENTILE:
    case FGROI_METHOD_BOOTSTRAP_BCA: {
      const double w[3] = { det, pas, pro };
      FGROI__TRY(fgroi__nps_bootstrap(NULL, w, est, options, method, conf_level, alternative, &lo, &hi,
                               &flags));
      break;
    }
    default:
      return FGROI_E_METHOD;
  }
  if (detractors == n || promoters == n || passives == n) flags |= FGROI_FLAG_CLOSED_FORM;
  fgroi_interval r =
      finish_interval(est, lo, hi, -1.0, 1.0, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

FGROI_API fgroi_status fgroi_nps_ci(int64_t detractors, int64_t passives, int64_t promoters,
                                    fgroi_method method, double conf_level,
                                    fgroi_alternative alternative, const fgroi_nps_options *options,
                                    fgroi_interval *out) {
  const fgroi_control *control_ =
      fgroi__control_enter(fgroi__options_control(options, offsetof(fgroi_nps_options, control)));
  return fgroi__control_end(control_, fgroi_nps_ci_body(detractors, passives, promoters, method,
                            conf_level, alternative, options, out), "fgroi_nps_ci");
}

FGROI_API fgroi_status fgroi_nps_test(int64_t detractors, int64_t passives, int64_t promoters,
                                      double null_nps, fgroi_method method,
                                      fgroi_alternative alternative, fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  int64_t n;
  FGROI__TRY(check_counts(detractors, passives, promoters, &n));
  FGROI__TRY(fgroi__check_finite(null_nps));
  if (!(null_nps > -NPS_SCALE && null_nps < NPS_SCALE)) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT || method == FGROI_METHOD_TANGO) method = FGROI_METHOD_SCORE;
  const double det = (double)detractors, pro = (double)promoters, nd = (double)n;
  const double est = (pro - det) / nd, theta0 = null_nps / NPS_SCALE;
  unsigned flags = FGROI_FLAG_NORMAL_APPROX;
  double z;
  if (method == FGROI_METHOD_WALD) {
    double se = sqrt(nps_var(det, pro, nd) / nd);
    if (se == 0.0) return FGROI_E_ZERO_VARIANCE;
    z = (est - theta0) / se;
  } else if (method == FGROI_METHOD_SCORE) {
    z = fgroi__tango_z(pro, det, nd, theta0);
    if (isnan(z)) return FGROI_E_INTERNAL;
  } else {
    return FGROI_E_METHOD;
  }
  fgroi_test r = fgroi__test(z, NAN, fgroi__p_normal(z, alternative), null_nps, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- segments ------------------------------------------------------------ */

/* A segment's progress mapped into its share of fgroi_nps_segments_ci. */
typedef struct {
  const fgroi_control *outer;
  size_t i, k;
} segment_ctl;

static int segment_progress(void *user, double f) {
  const segment_ctl *sc = user;
  double g = ((double)sc->i + f) / (double)sc->k;
  if (f >= 1.0 && sc->i + 1 < sc->k) g = fmin(g, 0.999); /* 1.0 only at the very end */
  return sc->outer->progress(sc->outer->user_data, g);
}

static fgroi_status fgroi_nps_segments_ci_body(const int64_t *counts, size_t k,
                                               fgroi_method method, double conf_level,
                                               fgroi_alternative alternative,
                                               const fgroi_nps_options *options,
                                               fgroi_interval *out) {
  if (counts == NULL || out == NULL) return FGROI_E_NULL;
  if (k == 0) return FGROI_E_EMPTY;
  double total = 0.0; /* respondents over the segments */
  for (size_t i = 0; i < k; i++) {
    FGROI__TRY(FGROI__CHECK_INTERVAL(&out[i]));
    int64_t n;
    FGROI__TRY(check_counts(counts[3 * i], counts[3 * i + 1], counts[3 * i + 2], &n));
    total += (double)n;
  }
  if (method == FGROI_METHOD_BOOTSTRAP_PERCENTILE || method == FGROI_METHOD_BOOTSTRAP_BCA) {
    /* the bootstrap bound holds for the whole call, not per segment */
    uint64_t seed;
    int64_t B;
    const fgroi_control *control;
    FGROI__TRY(fgroi__nps_read_options(options, &seed, &B, &control));
    if (control != NULL) FGROI__TRY(FGROI__CHECK_OUT(control, fgroi_control, user_data));
    fgroi__control_clear(control);
    if (total * (double)B > NPS_MAX_BOOTSTRAP_DRAWS)
      return fgroi__too_large(control, "respondents x resamples (all segments)",
                              total * (double)B, NPS_MAX_BOOTSTRAP_DRAWS,
                              "the NPS bootstrap", "method = score");
  }
  fgroi_interval tmp = FGROI_INIT(fgroi_interval);
  /* the caller's control sees one call: segment i reports in [i/k, (i+1)/k) */
  fgroi_nps_options seg;
  segment_ctl sc = { NULL, 0, k };
  fgroi_control sub = FGROI_INIT(fgroi_control);
  const fgroi_nps_options *opt = options;
  if (options != NULL && options->struct_size >= FGROI__V1_SIZE(fgroi_nps_options, control) &&
      options->control != NULL) {
    FGROI__TRY(FGROI__CHECK_OUT(options->control, fgroi_control, user_data));
    seg = *options;
    sc.outer = options->control;
    sub.progress = sc.outer->progress != NULL ? segment_progress : NULL;
    sub.user_data = &sc;
    sub.message = fgroi__control_buffer(sc.outer, &sub.message_capacity); /* errors reach it */
    seg.control = &sub;
    opt = &seg;
  }
  /* compute all first so that an error leaves every output untouched */
  fgroi_interval *all = fgroi__malloc_array(k, sizeof *all);
  if (!all) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < k; i++) {
    sc.i = i;
    fgroi_status st = fgroi_nps_ci(counts[3 * i], counts[3 * i + 1], counts[3 * i + 2], method,
                                   conf_level, alternative, opt, &tmp);
    if (st != FGROI_OK) { free(all); return st; }
    all[i] = tmp;
  }
  /* each element was audited by fgroi_nps_ci */
  for (size_t i = 0; i < k; i++) fgroi__write_out(&out[i], &all[i], sizeof all[i]);
  free(all);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_segments_ci(const int64_t *counts, size_t k, fgroi_method method,
                                             double conf_level, fgroi_alternative alternative,
                                             const fgroi_nps_options *options,
                                             fgroi_interval *out) {
  const fgroi_control *control_ =
      fgroi__control_enter(fgroi__options_control(options, offsetof(fgroi_nps_options, control)));
  return fgroi__control_end(control_, fgroi_nps_segments_ci_body(counts, k, method, conf_level,
                            alternative, options, out), "fgroi_nps_segments_ci");
}

FGROI_API fgroi_status fgroi_nps_segments_compare(const int64_t *counts, size_t k,
                                                  fgroi_method test_method, fgroi_method adjust,
                                                  fgroi_test *vs_rest, double *vs_rest_p_adj,
                                                  fgroi_test *pairwise, double *pairwise_p_adj,
                                                  size_t pair_capacity, size_t *pairs_needed) {
  if (counts == NULL) return FGROI_E_NULL;
  if (k == 0) return FGROI_E_EMPTY;
  if (k < 2) return FGROI_E_TOO_FEW;
  if (adjust == FGROI_METHOD_DEFAULT) adjust = FGROI_METHOD_HOLM;
  { /* validate the adjustment method before any work (multiplicity.h) */
    double p1 = 0.5, a1;
    FGROI__TRY(fgroi_multiplicity_adjust(&p1, 1, adjust, &a1));
  }
  if ((vs_rest == NULL) != (vs_rest_p_adj == NULL)) return FGROI_E_NULL;
  if ((pairwise == NULL) != (pairwise_p_adj == NULL)) return FGROI_E_NULL;
  if (k > NPS_MAX_SEGMENTS)
    return fgroi__too_large(NULL, "k", (double)k, NPS_MAX_SEGMENTS,
                            "the pairwise segment comparisons", "fewer segments");
  const size_t npairs = k * (k - 1) / 2;
  int64_t tot[3] = {0, 0, 0};
  for (size_t i = 0; i < k; i++) {
    int64_t n;
    FGROI__TRY(check_counts(counts[3 * i], counts[3 * i + 1], counts[3 * i + 2], &n));
    for (int c = 0; c < 3; c++) {
      if (counts[3 * i + c] > INT64_MAX - tot[c]) return FGROI_E_OVERFLOW;
      tot[c] += counts[3 * i + c];
    }
  }
  /* every comparison's waves (a segment, the rest) are within the total */
  if (fgroi__sum_exceeds(tot[0], tot[1], FGROI__EXACT_COUNT_MAX) ||
      fgroi__sum_exceeds(tot[0] + tot[1], tot[2], FGROI__EXACT_COUNT_MAX))
    return fgroi__too_large(NULL, "the respondents of all segments",
                            (double)tot[0] + (double)tot[1] + (double)tot[2],
                            (double)FGROI__EXACT_COUNT_MAX, "counts exact in doubles", NULL);
  /* the size is reported with FGROI_E_CAPACITY or FGROI_OK only: no other
   * error writes an output (issue 14) */
  if (pairwise && pair_capacity < npairs) {
    if (pairs_needed) *pairs_needed = npairs;
    return FGROI_E_CAPACITY;
  }
  if (vs_rest)
    for (size_t i = 0; i < k; i++) FGROI__TRY(FGROI__CHECK_TEST(&vs_rest[i]));
  if (pairwise)
    for (size_t i = 0; i < npairs; i++) FGROI__TRY(FGROI__CHECK_TEST(&pairwise[i]));

  size_t nr = vs_rest ? k : 0, np = pairwise ? npairs : 0;
  fgroi_test *res = fgroi__malloc_array(nr + np + 1, sizeof *res);
  double *pv = fgroi__malloc_array(nr + np + 1, 2 * sizeof *pv);
  fgroi_status st = FGROI_OK;
  if (!res || !pv) { st = FGROI_E_NO_MEMORY; goto done; }
  const int64_t *c = counts;
  for (size_t i = 0; i < nr && st == FGROI_OK; i++) {
    res[i] = FGROI_INIT(fgroi_test);
    st = fgroi_nps_diff_test(tot[0] - c[3 * i], tot[1] - c[3 * i + 1], tot[2] - c[3 * i + 2],
                             c[3 * i], c[3 * i + 1], c[3 * i + 2], test_method, FGROI_TWO_SIDED,
                             &res[i]);
    pv[i] = res[i].p_value;
  }
  size_t q = nr;
  for (size_t i = 0; i < k && np && st == FGROI_OK; i++) {
    for (size_t j = i + 1; j < k && st == FGROI_OK; j++, q++) {
      res[q] = FGROI_INIT(fgroi_test);
      st = fgroi_nps_diff_test(c[3 * i], c[3 * i + 1], c[3 * i + 2], c[3 * j], c[3 * j + 1],
                               c[3 * j + 2], test_method, FGROI_TWO_SIDED, &res[q]);
      pv[q] = res[q].p_value;
    }
  }
  if (st == FGROI_OK && nr) st = fgroi_multiplicity_adjust(pv, nr, adjust, pv + nr + np);
  if (st == FGROI_OK && np) st = fgroi_multiplicity_adjust(pv + nr, np, adjust, pv + nr + np + nr);
  if (st == FGROI_OK) {
    for (size_t i = 0; i < nr; i++) {
      fgroi__write_out(&vs_rest[i], &res[i], sizeof res[i]);
      vs_rest_p_adj[i] = pv[nr + np + i];
    }
    for (size_t i = 0; i < np; i++) {
      fgroi__write_out(&pairwise[i], &res[nr + i], sizeof res[nr + i]);
      pairwise_p_adj[i] = pv[nr + np + nr + i];
    }
    if (pairs_needed) *pairs_needed = npairs;
  }
done:
  free(res);
  free(pv);
  return st;
}

/* ---- planning ------------------------------------------------------------ */

static fgroi_status check_mix(double p_det, double p_pro) {
  if (isnan(p_det) || isnan(p_pro)) return FGROI_E_NAN;
  if (!(p_det >= 0.0 && p_pro >= 0.0 && p_det + p_pro <= 1.0 + 1e-12)) return FGROI_E_PROBABILITY;
  return FGROI_OK;
}

static double mix_var(double p_det, double p_pro) {
  double v = p_pro + p_det - (p_pro - p_det) * (p_pro - p_det);
  return v < 0.0 ? 0.0 : v;
}

FGROI_API fgroi_status fgroi_nps_n_for_margin(double p_detractor, double p_promoter,
                                              double margin, double conf_level, int64_t *n) {
  if (n == NULL) return FGROI_E_NULL;
  FGROI__TRY(check_mix(p_detractor, p_promoter));
  if (isnan(margin)) return FGROI_E_NAN;
  if (!(margin > 0.0 && margin <= 2.0 * NPS_SCALE)) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_conf(conf_level));
  double v = mix_var(p_detractor, p_promoter);
  if (v == 0.0) return FGROI_E_ZERO_VARIANCE;
  double z = z_of(conf_level, FGROI_TWO_SIDED), m = margin / NPS_SCALE;
  double need = ceil(z * z * v / (m * m) - 1e-9);
  if (!(need < 9.0e15))
    return fgroi__too_large(NULL, "the required n", need, 9.0e15, "int64 sample sizes",
                            "a wider margin");
  *n = need < 1.0 ? 1 : (int64_t)need;
  return FGROI_OK;
}

/* ---- CSAT top-2-box ------------------------------------------------------- */

FGROI_API fgroi_status fgroi_nps_csat_top2_count(const int32_t *ratings, size_t n,
                                                 int32_t scale_min, int32_t scale_max,
                                                 int32_t missing_code, int64_t *top2,
                                                 int64_t *valid, size_t *bad_index) {
  if (top2 == NULL || valid == NULL || (n > 0 && ratings == NULL)) return FGROI_E_NULL;
  if (scale_max < scale_min || (int64_t)scale_max - (int64_t)scale_min < 2)
    return FGROI_E_OUT_OF_RANGE;
  if (missing_code >= scale_min && missing_code <= scale_max) return FGROI_E_OUT_OF_RANGE;
  int64_t top = 0, ok = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t v = ratings[i];
    if (v >= scale_min && v <= scale_max) {
      ok++;
      top += v >= scale_max - 1;
    } else if (v != missing_code) {
      if (bad_index) *bad_index = i;
      return FGROI_E_SCORE_RANGE;
    }
  }
  *top2 = top;
  *valid = ok;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_csat_top2_ci(const int32_t *ratings, size_t n,
                                              int32_t scale_min, int32_t scale_max,
                                              int32_t missing_code, fgroi_method method,
                                              double conf_level, fgroi_alternative alternative,
                                              fgroi_interval *out, size_t *bad_index) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  int64_t top, valid;
  FGROI__TRY(fgroi_nps_csat_top2_count(ratings, n, scale_min, scale_max, missing_code, &top,
                                       &valid, bad_index));
  if (valid == 0) return FGROI_E_EMPTY;
  return fgroi_prop_ci(top, valid, method, conf_level, alternative, out);
}
