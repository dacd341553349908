/* One call per (public function, fgroi_method parameter), for the method-domain test of
 * tests/test_status.c: each wrapper calls its function once with small, valid inputs that
 * every documented method of that parameter accepts (no ties or zeros for the exact rank
 * tests, no zero cells, k >= 3 studies with positive variances, small bootstrap and exact
 * problems), the method under test in that parameter and FGROI_METHOD_DEFAULT in any
 * other method parameter, and returns the status. So FGROI_E_METHOD can only come from
 * the method code itself. No global state, no allocation, no printing. */
#ifndef FGROI_METHOD_DOMAIN_CALLS_H
#define FGROI_METHOD_DOMAIN_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include <fgroi/fgroi.h>

/* ---- shared inputs ------------------------------------------------------------------ */

/* Two independent proportions, no zero cell: 3/10 against 6/12. */
#define MC_X1 3
#define MC_N1 10
#define MC_X2 6
#define MC_N2 12

/* Paired 2x2 table (both, device_only / post_only, self_only / pre_only, neither). */
#define MC_BOTH 10
#define MC_B 6
#define MC_C 2
#define MC_NEITHER 8

/* NPS waves: (detractors, passives, promoters). */
#define MC_DET1 10
#define MC_PAS1 15
#define MC_PRO1 20
#define MC_DET2 7
#define MC_PAS2 12
#define MC_PRO2 26

/* Seeded bootstrap with few replicates (fast; 200 x 90 respondents at most). */
#define MC_NPS_OPTIONS(name)                                                              \
  fgroi_nps_options name = FGROI_INIT(fgroi_nps_options);                                 \
  name.seed = 1;                                                                          \
  name.resamples = 200

/* ---- prop.h ------------------------------------------------------------------------- */

static fgroi_status mc_prop_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_prop_ci(MC_X1, MC_N1, m, 0.95, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_prop_ci_many(fgroi_method m) {
  const int64_t x[3] = { 1, 3, 6 };
  const int64_t n[3] = { 10, 10, 12 };
  double estimate[3], lower[3], upper[3];
  unsigned flags[3];
  fgroi_status status[3];
  return fgroi_prop_ci_many(x, n, 3, m, 0.95, FGROI_TWO_SIDED, estimate, lower, upper, flags,
                            status);
}

static fgroi_status mc_prop_test(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_prop_test(MC_X1, MC_N1, 0.5, m, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_prop_diff_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_prop_diff_ci(MC_X1, MC_N1, MC_X2, MC_N2, m, 0.95, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_prop_ratio_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_prop_ratio_ci(MC_X1, MC_N1, MC_X2, MC_N2, m, 0.95, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_prop_odds_ratio_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_prop_odds_ratio_ci(MC_X1, MC_N1, MC_X2, MC_N2, m, 0.95, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_prop_odds_ratio_ci_ctl(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_prop_odds_ratio_ci_ctl(MC_X1, MC_N1, MC_X2, MC_N2, m, 0.95, FGROI_TWO_SIDED,
                                      NULL, &out);
}

static fgroi_status mc_prop_2x2_test(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_prop_2x2_test(MC_X1, MC_N1, MC_X2, MC_N2, m, FGROI_TWO_SIDED, &out);
}

/* ---- paired.h ----------------------------------------------------------------------- */

static fgroi_status mc_paired_gap_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_paired_gap_ci(MC_BOTH, MC_B, MC_C, MC_NEITHER, m, 0.95, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_paired_mcnemar(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_paired_mcnemar(MC_BOTH, MC_B, MC_C, MC_NEITHER, m, FGROI_TWO_SIDED, &out);
}

/* Six participants with unequal gaps (non-zero cluster variance; exact sign flip). */
static const fgroi_paired_cluster mc_clusters[6] = {
  { 1, 8, 3, 1, 2 }, { 2, 6, 1, 0, 3 }, { 3, 9, 2, 2, 1 },
  { 4, 5, 4, 0, 1 }, { 5, 7, 0, 1, 4 }, { 6, 10, 3, 1, 0 },
};

static fgroi_status mc_paired_cluster_analysis(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_paired_cluster_analysis(mc_clusters, 6, m, 0.95, FGROI_TWO_SIDED, 1, &ci, &test);
}

static fgroi_status mc_paired_cluster_analysis_ctl(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_paired_cluster_analysis_ctl(mc_clusters, 6, m, 0.95, FGROI_TWO_SIDED, 1, NULL,
                                           &ci, &test);
}

/* ---- nps.h -------------------------------------------------------------------------- */

static fgroi_status mc_nps_ci(fgroi_method m) {
  MC_NPS_OPTIONS(options);
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_nps_ci(MC_DET1, MC_PAS1, MC_PRO1, m, 0.95, FGROI_TWO_SIDED, &options, &out);
}

static fgroi_status mc_nps_test(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_nps_test(MC_DET1, MC_PAS1, MC_PRO1, 0.0, m, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_nps_diff_ci(fgroi_method m) {
  MC_NPS_OPTIONS(options);
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_nps_diff_ci(MC_DET1, MC_PAS1, MC_PRO1, MC_DET2, MC_PAS2, MC_PRO2, m, 0.95,
                           FGROI_TWO_SIDED, &options, &out);
}

static fgroi_status mc_nps_diff_test(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_nps_diff_test(MC_DET1, MC_PAS1, MC_PRO1, MC_DET2, MC_PAS2, MC_PRO2, m,
                             FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_nps_diff_test_ctl(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_nps_diff_test_ctl(MC_DET1, MC_PAS1, MC_PRO1, MC_DET2, MC_PAS2, MC_PRO2, m,
                                 FGROI_TWO_SIDED, NULL, &out);
}

/* 3x3 transitions (before row, after column): people move both ways between all three
 * categories, so the Stuart-Maxwell covariance is not singular. */
static const int64_t mc_nps_table[9] = { 6, 4, 2, 3, 8, 5, 1, 2, 9 };

static fgroi_status mc_nps_paired_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_nps_paired_ci(mc_nps_table, m, 0.95, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_nps_paired_test(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_nps_paired_test(mc_nps_table, m, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_nps_paired_test_ctl(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_nps_paired_test_ctl(mc_nps_table, m, FGROI_TWO_SIDED, NULL, &out);
}

/* Three segments of (detractors, passives, promoters). */
static const int64_t mc_nps_segments[9] = { 10, 15, 20, 7, 12, 26, 12, 9, 14 };

static fgroi_status mc_nps_segments_ci(fgroi_method m) {
  MC_NPS_OPTIONS(options);
  fgroi_interval out[3] = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval),
                            FGROI_INIT(fgroi_interval) };
  return fgroi_nps_segments_ci(mc_nps_segments, 3, m, 0.95, FGROI_TWO_SIDED, &options, out);
}

static fgroi_status mc_nps_segments_compare_call(fgroi_method test_method,
                                                 fgroi_method adjust_method) {
  fgroi_test vs_rest[3] = { FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test),
                            FGROI_INIT(fgroi_test) };
  fgroi_test pairwise[3] = { FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test),
                             FGROI_INIT(fgroi_test) };
  double vs_rest_p_adj[3], pairwise_p_adj[3];
  size_t pairs_needed = 0;
  return fgroi_nps_segments_compare(mc_nps_segments, 3, test_method, adjust_method, vs_rest,
                                    vs_rest_p_adj, pairwise, pairwise_p_adj, 3, &pairs_needed);
}

static fgroi_status mc_nps_segments_compare_test_method(fgroi_method m) {
  return mc_nps_segments_compare_call(m, FGROI_METHOD_DEFAULT);
}

static fgroi_status mc_nps_segments_compare_adjust_method(fgroi_method m) {
  return mc_nps_segments_compare_call(FGROI_METHOD_DEFAULT, m);
}

static fgroi_status mc_nps_csat_top2_ci(fgroi_method m) {
  /* 1..5 scale, -1 missing: 5 of 10 valid ratings in the top two boxes. */
  const int32_t ratings[11] = { 5, 4, 3, 2, 5, 1, -1, 4, 3, 2, 4 };
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  size_t bad_index = 0;
  return fgroi_nps_csat_top2_ci(ratings, 11, 1, 5, -1, m, 0.95, FGROI_TWO_SIDED, &out,
                                &bad_index);
}

/* ---- exact2x2.h --------------------------------------------------------------------- */

static fgroi_status mc_exact2x2_test(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_exact2x2_test(MC_X1, MC_N1, MC_X2, MC_N2, m, FGROI_TWO_SIDED, NULL, &out, NULL);
}

static fgroi_status mc_exact2x2_diff_test(fgroi_method m) {
  fgroi_test out = FGROI_INIT(fgroi_test);
  return fgroi_exact2x2_diff_test(MC_X1, MC_N1, MC_X2, MC_N2, 0.0, m, FGROI_TWO_SIDED, NULL, &out,
                                  NULL);
}

static fgroi_status mc_exact2x2_diff_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_exact2x2_diff_ci(MC_X1, MC_N1, MC_X2, MC_N2, m, 0.95, FGROI_TWO_SIDED, NULL, &out);
}

static fgroi_status mc_exact2x2_odds_ratio_ci(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_exact2x2_odds_ratio_ci(MC_X1, MC_N1, MC_X2, MC_N2, m, 0.95, FGROI_TWO_SIDED, &out);
}

static fgroi_status mc_exact2x2_odds_ratio_ci_ctl(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_exact2x2_odds_ratio_ci_ctl(MC_X1, MC_N1, MC_X2, MC_N2, m, 0.95, FGROI_TWO_SIDED,
                                          NULL, &out);
}

/* ---- means.h ------------------------------------------------------------------------ */

/* Two samples with no value shared between or within them (no ties for exact ranks). */
static const double mc_x[6] = { 5.1, 6.3, 4.8, 7.2, 5.9, 6.7 };
static const double mc_y[7] = { 4.2, 5.5, 3.9, 4.6, 6.1, 3.4, 5.0 };
/* One sample: non-zero values whose absolute values are distinct (no zeros, no ties). */
static const double mc_d[8] = { 1.5, -2.25, 3.75, 4.5, -0.5, 6.25, 7.0, 2.75 };
/* Pairs whose differences mc_px - mc_py are mc_d (distinct, non-zero in |.|). */
static const double mc_px[8] = { 11.5, 7.75, 13.75, 14.5, 9.5, 16.25, 17.0, 12.75 };
static const double mc_py[8] = { 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0 };

static fgroi_status mc_means_t_two(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_means_t_two(mc_x, 6, mc_y, 7, 0.0, m, 0.95, FGROI_TWO_SIDED, &ci, &test);
}

static fgroi_status mc_means_wilcoxon_one(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_means_wilcoxon_one(mc_d, 8, 0.0, m, 0.95, FGROI_TWO_SIDED, &ci, &test);
}

static fgroi_status mc_means_wilcoxon_one_ctl(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_means_wilcoxon_one_ctl(mc_d, 8, 0.0, m, 0.95, FGROI_TWO_SIDED, NULL, &ci, &test);
}

static fgroi_status mc_means_wilcoxon_paired(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_means_wilcoxon_paired(mc_px, mc_py, 8, 0.0, m, 0.95, FGROI_TWO_SIDED, &ci, &test);
}

static fgroi_status mc_means_wilcoxon_paired_ctl(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_means_wilcoxon_paired_ctl(mc_px, mc_py, 8, 0.0, m, 0.95, FGROI_TWO_SIDED, NULL,
                                         &ci, &test);
}

static fgroi_status mc_means_mann_whitney(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_means_mann_whitney(mc_x, 6, mc_y, 7, 0.0, m, 0.95, FGROI_TWO_SIDED, &ci, &test);
}

static fgroi_status mc_means_mann_whitney_ctl(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_means_mann_whitney_ctl(mc_x, 6, mc_y, 7, 0.0, m, 0.95, FGROI_TWO_SIDED, NULL, &ci,
                                      &test);
}

static fgroi_status mc_means_hedges_g(fgroi_method m) {
  fgroi_interval out = FGROI_INIT(fgroi_interval);
  return fgroi_means_hedges_g(mc_x, 6, mc_y, 7, m, 0.95, FGROI_TWO_SIDED, &out);
}

/* ---- prepost.h ---------------------------------------------------------------------- */

static fgroi_status mc_prepost_prop_change_call(fgroi_method ci_method, fgroi_method test_method) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_prepost_prop_change(MC_X1, MC_N1, MC_X2, MC_N2, ci_method, test_method, 0.95,
                                   FGROI_TWO_SIDED, &ci, &test);
}

static fgroi_status mc_prepost_prop_change_ci_method(fgroi_method m) {
  return mc_prepost_prop_change_call(m, FGROI_METHOD_DEFAULT);
}

static fgroi_status mc_prepost_prop_change_test_method(fgroi_method m) {
  return mc_prepost_prop_change_call(FGROI_METHOD_DEFAULT, m);
}

static fgroi_status mc_prepost_prop_change_paired_call(fgroi_method ci_method,
                                                       fgroi_method test_method) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_prepost_prop_change_paired(MC_BOTH, MC_C, MC_B, MC_NEITHER, ci_method, test_method,
                                          0.95, FGROI_TWO_SIDED, &ci, &test);
}

static fgroi_status mc_prepost_prop_change_paired_ci_method(fgroi_method m) {
  return mc_prepost_prop_change_paired_call(m, FGROI_METHOD_DEFAULT);
}

static fgroi_status mc_prepost_prop_change_paired_test_method(fgroi_method m) {
  return mc_prepost_prop_change_paired_call(FGROI_METHOD_DEFAULT, m);
}

static fgroi_status mc_prepost_prop_did(fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_prepost_prop_did(3, 10, 7, 12, 4, 11, 5, 10, m, 0.95, FGROI_TWO_SIDED, &ci, &test);
}

static fgroi_status mc_prepost_prop_did_paired(fgroi_method m) {
  const int64_t device[4] = { 10, 2, 6, 8 };
  const int64_t control_group[4] = { 9, 3, 4, 7 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  return fgroi_prepost_prop_did_paired(device, control_group, m, 0.95, FGROI_TWO_SIDED, &ci,
                                       &test);
}

static fgroi_status mc_prepost_target(fgroi_method m) {
  fgroi_test test = FGROI_INIT(fgroi_test);
  fgroi_interval bound = FGROI_INIT(fgroi_interval);
  return fgroi_prepost_target(8, 10, 0.5, m, 0.95, FGROI_GREATER, &test, &bound);
}

/* ---- multiplicity.h ----------------------------------------------------------------- */

static const double mc_p[5] = { 0.001, 0.012, 0.030, 0.200, 0.650 };

static fgroi_status mc_multiplicity_adjust(fgroi_method m) {
  double adjusted[5];
  return fgroi_multiplicity_adjust(mc_p, 5, m, adjusted);
}

static fgroi_status mc_multiplicity_adjust_ctl(fgroi_method m) {
  double adjusted[5];
  return fgroi_multiplicity_adjust_ctl(mc_p, 5, m, NULL, adjusted);
}

static fgroi_status mc_multiplicity_adjust_alpha(fgroi_method m) {
  double adjusted[5];
  return fgroi_multiplicity_adjust_alpha(mc_p, 5, 0.05, m, adjusted);
}

/* ---- power.h ------------------------------------------------------------------------ */

static fgroi_status mc_power_prop2_exact(fgroi_method m) {
  double power = 0.0;
  return fgroi_power_prop2_exact(0.3, 0.7, 20, 20, m, NULL, &power);
}

static fgroi_status mc_power_prop2_exact_n(fgroi_method m) {
  /* A large effect: the normal-approximation n is about 20 per group. */
  fgroi_power_exact_n out = FGROI_INIT(fgroi_power_exact_n);
  return fgroi_power_prop2_exact_n(0.2, 0.7, 0.8, m, NULL, &out);
}

static fgroi_status mc_power_mcnemar(fgroi_method m) {
  double power = 0.0;
  return fgroi_power_mcnemar(0.2, 0.05, 50.0, m, NULL, &power);
}

static fgroi_status mc_power_mcnemar_n(fgroi_method m) {
  double n = 0.0;
  return fgroi_power_mcnemar_n(0.2, 0.05, 0.8, m, NULL, &n);
}

static fgroi_status mc_power_mcnemar_mde(fgroi_method m) {
  double d = 0.0;
  return fgroi_power_mcnemar_mde(0.3, 100.0, 0.8, m, NULL, &d);
}

static fgroi_status mc_power_t(fgroi_method m) {
  double power = 0.0;
  return fgroi_power_t(1.0, 1.0, 20.0, m, NULL, &power);
}

static fgroi_status mc_power_t_n(fgroi_method m) {
  double n = 0.0;
  return fgroi_power_t_n(0.8, 1.0, 0.8, m, NULL, &n);
}

static fgroi_status mc_power_t_mde(fgroi_method m) {
  double delta = 0.0;
  return fgroi_power_t_mde(1.0, 20.0, 0.8, m, NULL, &delta);
}

/* ---- pool.h ------------------------------------------------------------------------- */

/* Five heterogeneous studies with positive variances (tau^2 > 0 for every estimator). */
static const double mc_yi[5] = { 0.10, 0.35, -0.05, 0.50, 0.22 };
static const double mc_vi[5] = { 0.010, 0.020, 0.015, 0.030, 0.012 };
static const double mc_ai[5] = { 1.0, 2.0, 1.5, 0.5, 1.0 };

static fgroi_status mc_pool_effects(fgroi_method m) {
  fgroi_interval pooled = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  fgroi_pool_stats stats = FGROI_INIT(fgroi_pool_stats);
  double weights[5];
  return fgroi_pool_effects(mc_yi, mc_vi, 5, m, 0.95, &pooled, &test, &stats, weights);
}

static fgroi_status mc_pool_effects_ex(fgroi_method m) {
  fgroi_interval pooled = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  fgroi_pool_stats stats = FGROI_INIT(fgroi_pool_stats);
  double weights[5];
  return fgroi_pool_effects_ex(mc_yi, mc_vi, 5, m, 0.95, NULL, &pooled, &test, &stats, weights);
}

/* The options' interval methods (ci_method, else pi_method), with the
 * default estimator (REML), through fgroi_pool_effects_ex or, with the
 * weights mc_ai, fgroi_pool_effects_weighted. */
static fgroi_status mc_pool_options_call(int weighted, int ci, fgroi_method m) {
  fgroi_interval pooled = FGROI_INIT(fgroi_interval);
  fgroi_pool_options o = FGROI_INIT(fgroi_pool_options);
  if (ci) o.ci_method = m;
  else o.pi_method = m;
  if (weighted)
    return fgroi_pool_effects_weighted(mc_yi, mc_vi, mc_ai, 5, FGROI_METHOD_DEFAULT, 0.95, &o, &pooled,
                                       NULL, NULL, NULL);
  return fgroi_pool_effects_ex(mc_yi, mc_vi, 5, FGROI_METHOD_DEFAULT, 0.95, &o, &pooled, NULL, NULL,
                               NULL);
}

static fgroi_status mc_pool_options_ci_method(fgroi_method m) { return mc_pool_options_call(0, 1, m); }
static fgroi_status mc_pool_options_pi_method(fgroi_method m) { return mc_pool_options_call(0, 0, m); }
static fgroi_status mc_pool_weighted_options_ci_method(fgroi_method m) {
  return mc_pool_options_call(1, 1, m);
}
static fgroi_status mc_pool_weighted_options_pi_method(fgroi_method m) {
  return mc_pool_options_call(1, 0, m);
}

static fgroi_status mc_pool_effects_weighted(fgroi_method m) {
  fgroi_interval pooled = FGROI_INIT(fgroi_interval);
  fgroi_test test = FGROI_INIT(fgroi_test);
  fgroi_pool_stats stats = FGROI_INIT(fgroi_pool_stats);
  double weights[5];
  return fgroi_pool_effects_weighted(mc_yi, mc_vi, mc_ai, 5, m, 0.95, NULL, &pooled, &test,
                                     &stats, weights);
}

static fgroi_status mc_pool_scorecard(fgroi_method m) {
  const double estimate[4] = { 0.12, -3.5, 0.04, 8.0 };
  const double p_value[4] = { 0.003, 0.020, 0.400, 0.045 };
  const int higher_is_better[4] = { 1, 0, 1, 1 };
  double adjusted_p[4];
  fgroi_verdict verdict[4];
  return fgroi_pool_scorecard(estimate, p_value, higher_is_better, 4, 0.05, m, adjusted_p,
                              verdict);
}

/* ---- the table ---------------------------------------------------------------------- */

/* Every public function with an fgroi_method parameter, one row per such parameter:
 * `function` is the public C name, `param` the parameter's name in the prototype, and
 * `call` runs the function once with valid inputs and the given method in that parameter.
 * tests/test_status.c loops every method code through each row and compares the codes
 * accepted (any status but FGROI_E_METHOD) with fgroi_status_detail(function,
 * FGROI_E_METHOD). A new public function taking an fgroi_method needs a row here. */
typedef struct {
  const char *function;
  const char *param;
  fgroi_status (*call)(fgroi_method);
} method_call;

static const method_call method_calls[] = {
  { "fgroi_prop_ci", "method", mc_prop_ci },
  { "fgroi_prop_ci_many", "method", mc_prop_ci_many },
  { "fgroi_prop_test", "method", mc_prop_test },
  { "fgroi_prop_diff_ci", "method", mc_prop_diff_ci },
  { "fgroi_prop_ratio_ci", "method", mc_prop_ratio_ci },
  { "fgroi_prop_odds_ratio_ci", "method", mc_prop_odds_ratio_ci },
  { "fgroi_prop_odds_ratio_ci_ctl", "method", mc_prop_odds_ratio_ci_ctl },
  { "fgroi_prop_2x2_test", "method", mc_prop_2x2_test },
  { "fgroi_paired_gap_ci", "method", mc_paired_gap_ci },
  { "fgroi_paired_mcnemar", "method", mc_paired_mcnemar },
  { "fgroi_paired_cluster_analysis", "method", mc_paired_cluster_analysis },
  { "fgroi_paired_cluster_analysis_ctl", "method", mc_paired_cluster_analysis_ctl },
  { "fgroi_nps_ci", "method", mc_nps_ci },
  { "fgroi_nps_test", "method", mc_nps_test },
  { "fgroi_nps_diff_ci", "method", mc_nps_diff_ci },
  { "fgroi_nps_diff_test", "method", mc_nps_diff_test },
  { "fgroi_nps_diff_test_ctl", "method", mc_nps_diff_test_ctl },
  { "fgroi_nps_paired_ci", "method", mc_nps_paired_ci },
  { "fgroi_nps_paired_test", "method", mc_nps_paired_test },
  { "fgroi_nps_paired_test_ctl", "method", mc_nps_paired_test_ctl },
  { "fgroi_nps_segments_ci", "method", mc_nps_segments_ci },
  { "fgroi_nps_segments_compare", "test_method", mc_nps_segments_compare_test_method },
  { "fgroi_nps_segments_compare", "adjust_method", mc_nps_segments_compare_adjust_method },
  { "fgroi_nps_csat_top2_ci", "method", mc_nps_csat_top2_ci },
  { "fgroi_exact2x2_test", "method", mc_exact2x2_test },
  { "fgroi_exact2x2_diff_test", "method", mc_exact2x2_diff_test },
  { "fgroi_exact2x2_diff_ci", "method", mc_exact2x2_diff_ci },
  { "fgroi_exact2x2_odds_ratio_ci", "method", mc_exact2x2_odds_ratio_ci },
  { "fgroi_exact2x2_odds_ratio_ci_ctl", "method", mc_exact2x2_odds_ratio_ci_ctl },
  { "fgroi_means_t_two", "method", mc_means_t_two },
  { "fgroi_means_wilcoxon_one", "method", mc_means_wilcoxon_one },
  { "fgroi_means_wilcoxon_one_ctl", "method", mc_means_wilcoxon_one_ctl },
  { "fgroi_means_wilcoxon_paired", "method", mc_means_wilcoxon_paired },
  { "fgroi_means_wilcoxon_paired_ctl", "method", mc_means_wilcoxon_paired_ctl },
  { "fgroi_means_mann_whitney", "method", mc_means_mann_whitney },
  { "fgroi_means_mann_whitney_ctl", "method", mc_means_mann_whitney_ctl },
  { "fgroi_means_hedges_g", "method", mc_means_hedges_g },
  { "fgroi_prepost_prop_change", "ci_method", mc_prepost_prop_change_ci_method },
  { "fgroi_prepost_prop_change", "test_method", mc_prepost_prop_change_test_method },
  { "fgroi_prepost_prop_change_paired", "ci_method", mc_prepost_prop_change_paired_ci_method },
  { "fgroi_prepost_prop_change_paired", "test_method",
    mc_prepost_prop_change_paired_test_method },
  { "fgroi_prepost_prop_did", "method", mc_prepost_prop_did },
  { "fgroi_prepost_prop_did_paired", "method", mc_prepost_prop_did_paired },
  { "fgroi_prepost_target", "method", mc_prepost_target },
  { "fgroi_multiplicity_adjust", "method", mc_multiplicity_adjust },
  { "fgroi_multiplicity_adjust_ctl", "method", mc_multiplicity_adjust_ctl },
  { "fgroi_multiplicity_adjust_alpha", "method", mc_multiplicity_adjust_alpha },
  { "fgroi_power_prop2_exact", "method", mc_power_prop2_exact },
  { "fgroi_power_prop2_exact_n", "method", mc_power_prop2_exact_n },
  { "fgroi_power_mcnemar", "method", mc_power_mcnemar },
  { "fgroi_power_mcnemar_n", "method", mc_power_mcnemar_n },
  { "fgroi_power_mcnemar_mde", "method", mc_power_mcnemar_mde },
  { "fgroi_power_t", "method", mc_power_t },
  { "fgroi_power_t_n", "method", mc_power_t_n },
  { "fgroi_power_t_mde", "method", mc_power_t_mde },
  { "fgroi_pool_effects", "method", mc_pool_effects },
  { "fgroi_pool_effects_ex", "method", mc_pool_effects_ex },
  { "fgroi_pool_effects_ex", "options->ci_method", mc_pool_options_ci_method },
  { "fgroi_pool_effects_ex", "options->pi_method", mc_pool_options_pi_method },
  { "fgroi_pool_effects_weighted", "method", mc_pool_effects_weighted },
  { "fgroi_pool_effects_weighted", "options->ci_method", mc_pool_weighted_options_ci_method },
  { "fgroi_pool_effects_weighted", "options->pi_method", mc_pool_weighted_options_pi_method },
  { "fgroi_pool_scorecard", "adjust_method", mc_pool_scorecard },
};

#endif /* FGROI_METHOD_DOMAIN_CALLS_H */
