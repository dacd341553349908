/* Tests for lib/nps*.c (include/fgroi/nps.h): Net Promoter Score.
 * Reference values were computed with R 4.2 base arithmetic (the R scripts
 * are in tests/bench/nps/reference/ and described next to each table);
 * R's NPS package is not installed, so its documented formulas (nps,
 * npvar/nps.var, nps.se, nps.test; Rocks, CRAN NPS 1.1) are evaluated
 * directly. Counts are (detractors, passives, promoters). */
#include "fgroi_control_test.h" /* first: it sets _POSIX_C_SOURCE */

#include <float.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fgroi_test.h"

/* One-sided limits at conf < 0.5 gave lower > upper ([101.61, 100]):
 * now clipped into the parameter space and flagged. */
Test(harden, nps_ci_one_sided_low_conf_clipped) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_ci(0, 0, 10, FGROI_METHOD_ADJUSTED_WALD, 0.05, FGROI_GREATER, NULL, &ci));
  cr_assert(ci.lower <= ci.upper, "[%g, %g]", ci.lower, ci.upper);
  cr_assert(ci.upper == 100.0 && ci.lower == 100.0 && (ci.flags & FGROI_FLAG_TRUNCATED));
  assert_ok(fgroi_nps_ci(10, 0, 0, FGROI_METHOD_ADJUSTED_WALD, 0.05, FGROI_LESS, NULL, &ci));
  cr_assert(ci.lower == -100.0 && ci.upper == -100.0 && (ci.flags & FGROI_FLAG_TRUNCATED));
}

/* BCa at conf 1 - 2^-53: 1 - alpha/2 rounded to 1, qnorm(1) = inf, NaN. */
Test(harden, nps_ci_bca_extreme_conf, .timeout = 60) {
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.seed = 7; o.resamples = 2000;
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  const fgroi_alternative alts[] = { FGROI_TWO_SIDED, FGROI_LESS, FGROI_GREATER };
  const double confs[] = { 1.0 - 0x1p-53, 1e-300, 4.9e-324 };
  const fgroi_method ms[] = { FGROI_METHOD_BOOTSTRAP_BCA, FGROI_METHOD_BOOTSTRAP_PERCENTILE };
  for (int c = 0; c < 3; c++)
    for (int m = 0; m < 2; m++)
      for (int a = 0; a < 3; a++) {
        assert_ok(fgroi_nps_ci(20, 30, 50, ms[m], confs[c], alts[a], &o, &ci));
        cr_assert(!isnan(ci.lower) && !isnan(ci.upper) && ci.lower <= ci.upper,
                  "conf %g alt %d: [%g, %g]", confs[c], a, ci.lower, ci.upper);
        cr_assert(ci.lower >= -100.0 && ci.upper <= 100.0);
      }
}


/* segments_compare wrote *pairs_needed before validating the counts. */
Test(harden, nps_segments_compare_output_untouched_on_error) {
  const int64_t bad[6] = { 5, 3, 2, -1, 4, 4 };
  size_t need = 12345;
  assert_status(fgroi_nps_segments_compare(bad, 2, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT,
                                           NULL, NULL, NULL, NULL, 0, &need),
                FGROI_E_NEGATIVE_COUNT);
  cr_assert(need == 12345, "pairs_needed written on error: %zu", need);
  const int64_t good[9] = { 5, 3, 2, 1, 4, 4, 3, 3, 3 };
  assert_ok(fgroi_nps_segments_compare(good, 3, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT,
                                       NULL, NULL, NULL, NULL, 0, &need));
  cr_assert(need == 3);
  /* an error after the counts were checked (fuzzing: FGROI_E_NO_CONVERGENCE;
   * here an output without struct_size) leaves it untouched too */
  fgroi_test vr[3];
  double vp[3];
  memset(vr, 0, sizeof vr);
  need = 12345;
  assert_status(fgroi_nps_segments_compare(good, 3, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT,
                                           vr, vp, NULL, NULL, 0, &need), FGROI_E_STRUCT_SIZE);
  cr_assert(need == 12345, "pairs_needed written on error: %zu", need);
  /* FGROI_E_CAPACITY reports the size needed */
  fgroi_test pw[1] = { FGROI_INIT(fgroi_test) };
  double pp[1];
  assert_status(fgroi_nps_segments_compare(good, 3, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT,
                                           NULL, NULL, pw, pp, 1, &need), FGROI_E_CAPACITY);
  cr_assert(need == 3);
}

/* Counts near INT64_MAX: the score interval and test of a difference
 * returned FGROI_E_NO_CONVERGENCE past a wave total of 2^53 (issue #14).
 * Every count function now refuses a wave (segment) total above 2^53 with
 * FGROI_E_TOO_LARGE before any work; 2^53 itself is computed. */
Test(harden, nps_counts_above_2_53_too_large) {
  const int64_t lim = (int64_t)1 << 53, big[] = { lim + 1, (int64_t)1 << 60, INT64_MAX / 3,
                                                 INT64_MAX - 2 };
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test te = FGROI_INIT(fgroi_test);
  fgroi_nps_summary su = FGROI_INIT(fgroi_nps_summary);
  for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
    const int64_t v = big[i];
    /* the reported inputs: (1, 1, v) and (v, 0, 1) against a small wave */
    assert_status(fgroi_nps_diff_ci(1, 1, v - 2, 5, 6, 7, FGROI_METHOD_SCORE, 0.95,
                                    FGROI_TWO_SIDED, NULL, &ci), FGROI_E_TOO_LARGE);
    assert_status(fgroi_nps_diff_ci(v - 1, 0, 1, 5, 6, 7, FGROI_METHOD_SCORE, 0.95,
                                    FGROI_TWO_SIDED, NULL, &ci), FGROI_E_TOO_LARGE);
    assert_status(fgroi_nps_diff_test(1, 1, v - 2, v - 2, 1, 1, FGROI_METHOD_SCORE,
                                      FGROI_TWO_SIDED, &te), FGROI_E_TOO_LARGE);
    assert_status(fgroi_nps_diff_test(5, 6, 7, v - 1, 0, 1, FGROI_METHOD_DEFAULT, FGROI_LESS, &te),
                  FGROI_E_TOO_LARGE);
    assert_status(fgroi_nps_ci(v - 1, 0, 1, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, NULL, &ci),
                  FGROI_E_TOO_LARGE);
    assert_status(fgroi_nps_test(v - 1, 0, 1, 0.0, FGROI_METHOD_SCORE, FGROI_TWO_SIDED, &te),
                  FGROI_E_TOO_LARGE);
    assert_status(fgroi_nps_summarize(0, 0, v, &su), FGROI_E_TOO_LARGE);
    const int64_t seg[6] = { v - 1, 0, 1, 3, 4, 5 };
    fgroi_interval segs[2] = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval) };
    assert_status(fgroi_nps_segments_ci(seg, 2, FGROI_METHOD_SCORE, 0.95, FGROI_TWO_SIDED, NULL,
                                        segs), FGROI_E_TOO_LARGE);
    size_t need = 12345;
    assert_status(fgroi_nps_segments_compare(seg, 2, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT,
                                             NULL, NULL, NULL, NULL, 0, &need), FGROI_E_TOO_LARGE);
    cr_assert(need == 12345);
  }
  /* segments each within 2^53 whose rest pools above it: refused up front */
  const int64_t two[6] = { lim / 2, 0, lim / 2, lim / 2, 0, 2 };
  fgroi_test vr[2] = { FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test) };
  double vp[2] = { -1.0, -1.0 };
  assert_status(fgroi_nps_segments_compare(two, 2, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT,
                                           vr, vp, NULL, NULL, 0, NULL), FGROI_E_TOO_LARGE);
  cr_assert(vp[0] == -1.0 && vp[1] == -1.0);
  /* at the bound: computed, with the estimate exact */
  assert_ok(fgroi_nps_diff_ci(1, 1, lim - 2, 5, 6, 7, FGROI_METHOD_SCORE, 0.95, FGROI_TWO_SIDED,
                              NULL, &ci));
  cr_assert(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
  assert_ok(fgroi_nps_diff_test(1, 1, lim - 2, lim - 2, 1, 1, FGROI_METHOD_SCORE, FGROI_TWO_SIDED,
                                &te));
  cr_assert(te.p_value >= 0.0 && te.p_value <= 1.0);
  assert_ok(fgroi_nps_summarize(0, 0, lim, &su));
  cr_assert_eq(su.nps, 100.0);
}

/* One missing-code rule: a code inside the score range is rejected by the
 * tallies, the paired table and CSAT top-2 alike (the latter two used to
 * count it as a valid score). */
Test(harden, nps_one_missing_code_rule) {
  const int32_t b[3] = { 9, 5, 10 }, a[3] = { 10, 5, 3 };
  int64_t table[9], miss = -1, top = -1, valid = -1;
  assert_status(fgroi_nps_paired_table_i32(b, a, 3, 5, table, &miss, NULL), FGROI_E_OUT_OF_RANGE);
  cr_assert(miss == -1);
  assert_ok(fgroi_nps_paired_table_i32(b, a, 3, -1, table, &miss, NULL));
  cr_assert(miss == 0 && table[3 * 2 + 2] == 1 && table[0] == 1 && table[3 * 2 + 0] == 1);
  const int32_t r[4] = { 1, 5, 3, 4 };
  assert_status(fgroi_nps_csat_top2_count(r, 4, 1, 5, 3, &top, &valid, NULL), FGROI_E_OUT_OF_RANGE);
  cr_assert(top == -1 && valid == -1);
  const int32_t r2[4] = { 1, 5, 0, 4 };
  assert_ok(fgroi_nps_csat_top2_count(r2, 4, 1, 5, 0, &top, &valid, NULL));
  cr_assert(top == 2 && valid == 3);
  fgroi_nps_tally t = FGROI_INIT(fgroi_nps_tally);
  assert_ok(fgroi_nps_tally_init(&t));
  assert_status(fgroi_nps_tally_add_i32(&t, b, 3, 5, NULL), FGROI_E_OUT_OF_RANGE);
}

/* UBSan: NULL + 0 in the int8 tally's vector path. */
Test(harden, nps_tally_null_empty) {
  fgroi_nps_tally t = FGROI_INIT(fgroi_nps_tally);
  assert_ok(fgroi_nps_tally_init(&t));
  assert_ok(fgroi_nps_tally_add_i8(&t, NULL, 0, -1, NULL));
  assert_ok(fgroi_nps_tally_add_i32(&t, NULL, 0, -1, NULL));
  assert_ok(fgroi_nps_tally_add_f64(&t, NULL, 0, -1.0, NULL));
  for (int s = 0; s < 11; s++) cr_assert(t.bins[s] == 0);
  cr_assert(t.missing == 0);
}


/* ---- issue 14: hardening (regressions) ---------------------------------- */

/* Fuzzing (FINDINGS row 5b): the bootstrap draws one uniform per
 * respondent per replicate; 168,804 respondents x 4000 replicates ran over
 * 2 s. Respondents x replicates of a call is bounded by 2^24 (replicates by
 * 10^6), checked before any work. */
Test(harden, nps_bootstrap_work_bounded) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval), c0 = ci;
  assert_status(fgroi_nps_diff_ci(168804, 0, 41, 75, 63, 41, FGROI_METHOD_BOOTSTRAP_PERCENTILE,
                                  0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_TOO_LARGE);
  cr_assert(memcmp(&ci, &c0, sizeof ci) == 0);
  /* 4,194 x 4000 is inside 2^24; 4,195 x 4000 is not */
  assert_ok(fgroi_nps_ci(1398, 1398, 1398, FGROI_METHOD_BOOTSTRAP_BCA, 0.95, FGROI_TWO_SIDED,
                         NULL, &ci));
  assert_status(fgroi_nps_ci(1399, 1398, 1398, FGROI_METHOD_BOOTSTRAP_BCA, 0.95,
                             FGROI_TWO_SIDED, NULL, &ci), FGROI_E_TOO_LARGE);
  /* replicates beyond 10^6 */
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.resamples = 1000001;
  assert_status(fgroi_nps_ci(3, 4, 5, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95, FGROI_TWO_SIDED,
                             &o, &ci), FGROI_E_OUT_OF_RANGE);
  /* segments: the bound holds for the whole call (3 x 1,900 x 4000) */
  const int64_t seg[9] = { 700, 500, 700, 700, 500, 700, 700, 500, 700 };
  fgroi_interval out[3] = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval),
                            FGROI_INIT(fgroi_interval) };
  assert_status(fgroi_nps_segments_ci(seg, 3, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95,
                                      FGROI_TWO_SIDED, NULL, out), FGROI_E_TOO_LARGE);
  assert_ok(fgroi_nps_segments_ci(seg, 2, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95,
                                  FGROI_TWO_SIDED, NULL, out));
}

/* P(S >= s), S = sum of m1 signs of 1 and m2 signs of 2, by convolution. */
static double naive_sign_flip_ge(int m1, int m2, int s) {
  int off = m1 + 2 * m2, w = 2 * off + 1;
  double *d = calloc((size_t)w, sizeof *d), *e = calloc((size_t)w, sizeof *e);
  d[off] = 1.0;
  for (int i = 0; i < m1 + m2; i++) {
    int step = i < m1 ? 1 : 2;
    memset(e, 0, (size_t)w * sizeof *e);
    for (int v = 0; v < w; v++) {
      if (d[v] == 0.0) continue;
      if (v + step < w) e[v + step] += 0.5 * d[v];
      if (v - step >= 0) e[v - step] += 0.5 * d[v];
    }
    memcpy(d, e, (size_t)w * sizeof *d);
  }
  double p = 0.0;
  for (int v = 0; v < w; v++) if (v - off >= s) p += d[v];
  free(d); free(e);
  return p;
}

/* The sign-flip test was O(switchers): 1.6 s at 1e7, no return at 2^53.
 * It now enumerates the smaller switcher group over a window and takes the
 * other through one binomial tail; values agree with the convolution. */
Test(harden, nps_paired_sign_flip_bounded_and_exact, .timeout = 30) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  const int cases[][4] = { /* m1 via table[1] (det->pas), m2 via table[2] (det->pro), back */
    { 3, 9, 1, 0 }, { 12, 2, 0, 1 }, { 0, 7, 0, 2 }, { 25, 0, 3, 0 }, { 40, 31, 10, 12 } };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    int64_t tb[9] = { 5, cases[c][0], cases[c][1], cases[c][2], 4, 0, cases[c][3], 0, 6 };
    int m1 = cases[c][0] + cases[c][2], m2 = cases[c][1] + cases[c][3];
    int s = (cases[c][0] - cases[c][2]) + 2 * (cases[c][1] - cases[c][3]);
    assert_ok(fgroi_nps_paired_test(tb, FGROI_METHOD_SIGN_FLIP, FGROI_GREATER, &t));
    assert_rel(t.p_value, naive_sign_flip_ge(m1, m2, s), 1e-12);
    assert_ok(fgroi_nps_paired_test(tb, FGROI_METHOD_SIGN_FLIP, FGROI_LESS, &t));
    assert_rel(t.p_value, naive_sign_flip_ge(m1, m2, -s), 1e-12);
  }
  int64_t t7[9] = { 0, 0, 10000000, 0, 0, 0, 0, 0, 0 };
  assert_ok(fgroi_nps_paired_test(t7, FGROI_METHOD_SIGN_FLIP, FGROI_TWO_SIDED, &t));
  cr_assert(t.p_value == 0.0 && t.statistic == 2e7);
  int64_t t9[9] = { 0, 0, 1000000000, 0, 0, 0, 1000000000, 0, 0 };
  assert_ok(fgroi_nps_paired_test(t9, FGROI_METHOD_SIGN_FLIP, FGROI_TWO_SIDED, &t));
  assert_rel(t.p_value, 1.0, 1e-12);
  int64_t t53[9] = { 0, 0, (int64_t)1 << 53, 0, 0, 0, 0, 0, 0 };
  assert_status(fgroi_nps_paired_test(t53, FGROI_METHOD_SIGN_FLIP, FGROI_TWO_SIDED, &t),
                FGROI_E_TOO_LARGE);
  /* both switcher groups large: 1e8 each, window over one */
  int64_t tb2[9] = { 0, 100000000, 100000000, 0, 0, 0, 0, 0, 0 };
  tb2[3] = 100000000 - 20000; tb2[6] = 100000000;
  assert_ok(fgroi_nps_paired_test(tb2, FGROI_METHOD_SIGN_FLIP, FGROI_TWO_SIDED, &t));
  cr_assert(t.p_value > 0.0 && t.p_value < 1.0);
  /* Wald on the same data agrees roughly (n large) */
  fgroi_test w = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_paired_test(tb2, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &w));
  assert_rel(t.p_value, w.p_value, 0.02);
}


static fgroi_interval nps_ci(int64_t d, int64_t p, int64_t r, fgroi_method m) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_ci(d, p, r, m, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  return ci;
}

/* ---- tally ---------------------------------------------------------------- */

Test(nps_tally, counts_and_missing) {
  fgroi_nps_tally t = FGROI_INIT(fgroi_nps_tally);
  assert_ok(fgroi_nps_tally_init(&t));
  int8_t x[] = { 0, 10, 9, -1, 7, 7, 6, -1, 3 };
  size_t bad = 999;
  assert_ok(fgroi_nps_tally_add_i8(&t, x, 9, -1, &bad));
  cr_assert_eq(bad, 999);
  cr_assert_eq(t.bins[0], 1);
  cr_assert_eq(t.bins[7], 2);
  cr_assert_eq(t.missing, 2);
  int32_t y[] = { 9, 9, 99, 8 };
  assert_ok(fgroi_nps_tally_add_i32(&t, y, 4, 99, NULL));
  double z[] = { 10.0, NAN, -9.0, 2.0 };
  assert_ok(fgroi_nps_tally_add_f64(&t, z, 4, -9.0, NULL));
  int64_t d, p, r;
  assert_ok(fgroi_nps_tally_counts(&t, &d, &p, &r));
  cr_assert_eq(d, 4); /* 0, 6, 3, 2 */
  cr_assert_eq(p, 3); /* 7, 7, 8 */
  cr_assert_eq(r, 5); /* 10, 9, 9, 9, 10 */
  cr_assert_eq(t.missing, 5);
}

Test(nps_tally, bad_value_names_index_and_leaves_tally) {
  fgroi_nps_tally t = FGROI_INIT(fgroi_nps_tally);
  assert_ok(fgroi_nps_tally_init(&t));
  t.bins[3] = 5;
  /* long enough to go through the vector path: bad value deep inside */
  size_t n = 100000;
  int8_t *x = malloc(n);
  cr_assert_not_null(x);
  for (size_t i = 0; i < n; i++) x[i] = (int8_t)(i % 11);
  x[77777] = 11;
  size_t bad = 0;
  assert_status(fgroi_nps_tally_add_i8(&t, x, n, -1, &bad), FGROI_E_SCORE_RANGE);
  cr_assert_eq(bad, 77777);
  cr_assert_eq(t.bins[3], 5);
  cr_assert_eq(t.bins[0], 0);
  x[77777] = -1; /* missing */
  x[n - 1] = -5; /* scalar tail */
  assert_status(fgroi_nps_tally_add_i8(&t, x, n, -1, &bad), FGROI_E_SCORE_RANGE);
  cr_assert_eq(bad, n - 1);
  x[n - 1] = 0;
  assert_ok(fgroi_nps_tally_add_i8(&t, x, n, -1, &bad));
  cr_assert_eq(t.missing, 1);
  free(x);
  int32_t y[] = { 1, 2, -3 };
  assert_status(fgroi_nps_tally_add_i32(&t, y, 3, -1, &bad), FGROI_E_SCORE_RANGE);
  cr_assert_eq(bad, 2);
  double z[] = { 1.0, 7.5 };
  assert_status(fgroi_nps_tally_add_f64(&t, z, 2, NAN, &bad), FGROI_E_SCORE_RANGE);
  cr_assert_eq(bad, 1);
  double w[] = { INFINITY };
  assert_status(fgroi_nps_tally_add_f64(&t, w, 1, NAN, &bad), FGROI_E_SCORE_RANGE);
  assert_status(fgroi_nps_tally_add_i8(&t, NULL, 1, -1, &bad), FGROI_E_NULL);
  assert_ok(fgroi_nps_tally_add_i8(&t, NULL, 0, -1, &bad));
  assert_status(fgroi_nps_tally_add_i8(&t, (const int8_t *)"", 0, 5, &bad), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_nps_tally_add_i8(NULL, NULL, 0, -1, NULL), FGROI_E_NULL);
  fgroi_nps_tally small = FGROI_INIT(fgroi_nps_tally);
  small.struct_size = 8;
  assert_status(fgroi_nps_tally_init(&small), FGROI_E_STRUCT_SIZE);
}

/* The vector loop agrees with a plain count on random data of every length
 * around the block boundaries (32-byte steps, 255-step flushes). */
Test(nps_tally, vector_equals_scalar) {
  size_t n = 32 * 255 * 3 + 77;
  int8_t *x = malloc(n);
  cr_assert_not_null(x);
  uint64_t s = 42;
  for (size_t i = 0; i < n; i++) {
    s = s * 6364136223846793005u + 1442695040888963407u;
    int v = (int)((s >> 33) % 12);
    x[i] = (int8_t)(v == 11 ? -7 : v);
  }
  size_t lens[] = { 0, 1, 31, 32, 33, 8159, 8160, 8161, 16320, n };
  for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
    fgroi_nps_tally t = FGROI_INIT(fgroi_nps_tally);
    assert_ok(fgroi_nps_tally_init(&t));
    assert_ok(fgroi_nps_tally_add_i8(&t, x, lens[k], -7, NULL));
    int64_t want[12] = {0};
    for (size_t i = 0; i < lens[k]; i++) want[x[i] < 0 ? 11 : x[i]]++;
    for (int b = 0; b < 11; b++) cr_assert_eq(t.bins[b], want[b], "len %zu bin %d", lens[k], b);
    cr_assert_eq(t.missing, want[11]);
  }
  free(x);
}

Test(nps_tally, merge) {
  fgroi_nps_tally a = FGROI_INIT(fgroi_nps_tally), b = FGROI_INIT(fgroi_nps_tally);
  assert_ok(fgroi_nps_tally_init(&a));
  assert_ok(fgroi_nps_tally_init(&b));
  int8_t x[] = { 1, 9 }, y[] = { 9, -1 };
  assert_ok(fgroi_nps_tally_add_i8(&a, x, 2, -1, NULL));
  assert_ok(fgroi_nps_tally_add_i8(&b, y, 2, -1, NULL));
  assert_ok(fgroi_nps_tally_merge(&a, &b));
  cr_assert_eq(a.bins[9], 2);
  cr_assert_eq(a.missing, 1);
  b.bins[0] = -1;
  assert_status(fgroi_nps_tally_merge(&a, &b), FGROI_E_NEGATIVE_COUNT);
  b.bins[0] = INT64_MAX;
  a.bins[0] = 1;
  assert_status(fgroi_nps_tally_merge(&a, &b), FGROI_E_OVERFLOW);
  cr_assert_eq(a.bins[0], 1);
  cr_assert_eq(a.bins[9], 2);
}

/* ---- one NPS: Wald as R's NPS package ---------------------------------------- *
 * R: pd <- d/n; pp <- r/n; v <- (pp+pd)-(pp-pd)^2   (NPS::npvar)
 *    se <- sqrt(v/n) (nps.se); int <- nps +- qnorm(.975)*se (nps.test);
 *    p <- 1 - (pnorm(abs(nps)/se)*2 - 1) (nps.test, one sample) */
static const struct { int64_t d, p, r; double nps, se, lo, hi, pv; } wald_ref[] = {
  { 10, 15, 25, 30, 11.045361017187261155, 8.351490210070275921, 51.648509789929718750, 0.006606147352702374 },
  { 3, 2, 3, 0, 30.618621784789724, -60.011395954441348, 60.011395954441348, 1.0 },
  { 20, 30, 50, 30, 7.8102496759066540, 14.692191924957331, 45.307808075042665, 1.2248100770984038e-04 },
  { 1, 3, 4, 37.5, 24.60627460628690955, -10.72741202202482924, 85.72741202202482214, 0.12750833049058286 },
};

Test(nps_ci, wald_equals_r_nps_package) {
  for (size_t i = 0; i < sizeof wald_ref / sizeof wald_ref[0]; i++) {
    fgroi_nps_summary s = FGROI_INIT(fgroi_nps_summary);
    assert_ok(fgroi_nps_summarize(wald_ref[i].d, wald_ref[i].p, wald_ref[i].r, &s));
    assert_abs(s.nps, wald_ref[i].nps, 1e-12);
    assert_rel(s.se, wald_ref[i].se, 1e-12);
    fgroi_interval ci = nps_ci(wald_ref[i].d, wald_ref[i].p, wald_ref[i].r, FGROI_METHOD_WALD);
    assert_rel(ci.lower, wald_ref[i].lo, 1e-12);
    assert_rel(ci.upper, wald_ref[i].hi, 1e-12);
    fgroi_test t = FGROI_INIT(fgroi_test);
    assert_ok(fgroi_nps_test(wald_ref[i].d, wald_ref[i].p, wald_ref[i].r, 0.0, FGROI_METHOD_WALD,
                             FGROI_TWO_SIDED, &t));
    assert_rel(t.p_value, wald_ref[i].pv, 1e-12);
  }
}

Test(nps_ci, wald_edges) {
  fgroi_interval ci = nps_ci(0, 0, 8, FGROI_METHOD_WALD);
  cr_assert_eq(ci.lower, 100.0);
  cr_assert_eq(ci.upper, 100.0);
  cr_assert(ci.flags & FGROI_FLAG_DEGENERATE);
  ci = nps_ci(1, 0, 2, FGROI_METHOD_WALD); /* 33 +- 106: truncated */
  cr_assert_eq(ci.upper, 100.0);
  cr_assert(ci.flags & FGROI_FLAG_TRUNCATED);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_nps_test(0, 0, 8, 0.0, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &t),
                FGROI_E_ZERO_VARIANCE);
}

/* Adjusted Wald (Rocks 2016): counts + (3/4, 3/2, 3/4), n + 3, then Wald;
 * expected values from the formula written out here. */
Test(nps_ci, adjusted_wald) {
  const int64_t c[][3] = { { 10, 15, 25 }, { 0, 0, 8 }, { 1, 0, 0 }, { 3, 2, 3 } };
  for (size_t i = 0; i < 4; i++) {
    double d = (double)c[i][0] + 0.75, r = (double)c[i][2] + 0.75;
    double n = (double)(c[i][0] + c[i][1] + c[i][2]) + 3.0;
    double centre = (r - d) / n, v = (r / n + d / n) - (r / n - d / n) * (r / n - d / n);
    double half = 1.959963984540054 * sqrt(v / n);
    fgroi_interval ci = nps_ci(c[i][0], c[i][1], c[i][2], FGROI_METHOD_ADJUSTED_WALD);
    assert_rel(ci.lower, fmax(-100.0, 100.0 * (centre - half)), 1e-12);
    assert_rel(ci.upper, fmin(100.0, 100.0 * (centre + half)), 1e-12);
  }
}

/* Tango score interval: R, restricted MLE q of the detractor probability
 * from the score equation D/q + R/(q+d) - 2P/(1-2q-d) = 0 (uniroot), then
 * z(d) = (est - d) / sqrt((2q + d - d^2)/n) inverted with uniroot
 * (tol 1e-15): an independent route from lib/score.h's quadratic. */
static const struct { int64_t d, p, r; double lo, hi; } score_ref[] = {
  { 10, 15, 25, 7.0109184534227902, 49.6449489173472 },
  { 3, 2, 3, -51.924535693772199, 51.924535693772199 },
  { 0, 0, 8, 35.11848702322397, 100 },
  { 8, 0, 0, -100, -35.11848702322397 },
  { 0, 1, 0, -79.345068562276239, 79.345068562276239 },
  { 1, 0, 0, -100, 58.690137124552486 },
  { 0, 0, 1, -58.690137124552486, 100 },
  { 2, 6, 0, -59.072456968983097, 15.550945610485009 },
  { 1, 2, 5, -10.34308916966287, 82.073189298909838 },
  { 0, 8, 0, -32.440756488388018, 32.440756488388018 },
};

Test(nps_ci, score_matches_direct_inversion) {
  for (size_t i = 0; i < sizeof score_ref / sizeof score_ref[0]; i++) {
    fgroi_interval ci = nps_ci(score_ref[i].d, score_ref[i].p, score_ref[i].r, FGROI_METHOD_DEFAULT);
    cr_assert_eq(ci.method, FGROI_METHOD_SCORE);
    assert_abs(ci.lower, score_ref[i].lo, 1e-8 * 100);
    assert_abs(ci.upper, score_ref[i].hi, 1e-8 * 100);
    cr_assert(ci.lower >= -100.0 && ci.upper <= 100.0);
  }
  /* all promoters: closed form lower (n - z^2) / (n + z^2) */
  double k = 1.959963984540054 * 1.959963984540054;
  fgroi_interval ci = nps_ci(0, 0, 8, FGROI_METHOD_SCORE);
  assert_rel(ci.lower, 100.0 * (8.0 - k) / (8.0 + k), 1e-12);
  cr_assert(ci.flags & FGROI_FLAG_CLOSED_FORM);
}

Test(nps_test, score_statistic) {
  /* R: z(0.2) for (10,15,25) and z(-0.3) for (1,2,5), as above */
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_test(10, 15, 25, 20.0, FGROI_METHOD_SCORE, FGROI_TWO_SIDED, &t));
  assert_rel(t.statistic, 0.87673200715188371, 1e-9);
  assert_ok(fgroi_nps_test(1, 2, 5, -30.0, FGROI_METHOD_DEFAULT, FGROI_GREATER, &t));
  cr_assert_eq(t.method, FGROI_METHOD_SCORE);
  assert_rel(t.statistic, 2.6623299753839871, 1e-9);
  assert_rel(t.p_value, 0.5 * erfc(2.6623299753839871 / sqrt(2.0)), 1e-9);
}

Test(nps_ci, one_sided_and_conf) {
  fgroi_interval two = FGROI_INIT(fgroi_interval), one = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_ci(10, 15, 25, FGROI_METHOD_SCORE, 0.90, FGROI_TWO_SIDED, NULL, &two));
  assert_ok(fgroi_nps_ci(10, 15, 25, FGROI_METHOD_SCORE, 0.95, FGROI_GREATER, NULL, &one));
  assert_rel(one.lower, two.lower, 1e-12);
  cr_assert_eq(one.upper, 100.0);
}

Test(nps_ci, bootstrap_seeded) {
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.seed = 7;
  o.resamples = 2000;
  fgroi_interval a = FGROI_INIT(fgroi_interval), b = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_ci(10, 15, 25, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95, FGROI_TWO_SIDED, &o, &a));
  assert_ok(fgroi_nps_ci(10, 15, 25, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95, FGROI_TWO_SIDED, &o, &b));
  cr_assert_eq(a.lower, b.lower);
  cr_assert_eq(a.upper, b.upper);
  cr_assert(a.flags & FGROI_FLAG_MONTE_CARLO);
  /* close to Wald for n = 50 (bootstrap sd ~ se) */
  assert_abs(a.lower, 8.35, 4.0);
  assert_abs(a.upper, 51.65, 4.0);
  assert_ok(fgroi_nps_ci(10, 15, 25, FGROI_METHOD_BOOTSTRAP_BCA, 0.95, FGROI_TWO_SIDED, &o, &b));
  assert_abs(b.lower, 8.35, 5.0);
  assert_abs(b.upper, 51.65, 5.0);
  assert_ok(fgroi_nps_ci(0, 0, 5, FGROI_METHOD_BOOTSTRAP_BCA, 0.95, FGROI_TWO_SIDED, &o, &b));
  cr_assert_eq(b.lower, 100.0);
  cr_assert(b.flags & FGROI_FLAG_DEGENERATE);
  o.resamples = -1;
  assert_status(fgroi_nps_ci(1, 1, 1, FGROI_METHOD_BOOTSTRAP_BCA, 0.95, FGROI_TWO_SIDED, &o, &b),
                FGROI_E_OUT_OF_RANGE);
}

/* Every bad input: its own status, outputs untouched. */
Test(nps_ci, errors) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  ci.lower = 123.0;
  assert_status(fgroi_nps_ci(-1, 1, 1, 0, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_nps_ci(0, 0, 0, 0, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_EMPTY);
  assert_status(fgroi_nps_ci(INT64_MAX, 1, 1, 0, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_OVERFLOW);
  assert_status(fgroi_nps_ci(1, 1, 1, 0, NAN, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_NAN);
  assert_status(fgroi_nps_ci(1, 1, 1, 0, 1.0, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_nps_ci(1, 1, 1, 0, INFINITY, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_nps_ci(1, 1, 1, 0, 0.95, (fgroi_alternative)7, NULL, &ci), FGROI_E_ALTERNATIVE);
  assert_status(fgroi_nps_ci(1, 1, 1, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_METHOD);
  assert_status(fgroi_nps_ci(1, 1, 1, 0, 0.95, FGROI_TWO_SIDED, NULL, NULL), FGROI_E_NULL);
  cr_assert_eq(ci.lower, 123.0);
  ci.struct_size = 4;
  assert_status(fgroi_nps_ci(1, 1, 1, 0, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_STRUCT_SIZE);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_nps_test(1, 1, 1, NAN, 0, FGROI_TWO_SIDED, &t), FGROI_E_NAN);
  assert_status(fgroi_nps_test(1, 1, 1, 100.0, 0, FGROI_TWO_SIDED, &t), FGROI_E_OUT_OF_RANGE);
  fgroi_nps_summary s = FGROI_INIT(fgroi_nps_summary);
  assert_status(fgroi_nps_summarize(0, 0, 0, &s), FGROI_E_EMPTY);
}

/* ---- two independent waves ------------------------------------------------ */

/* R: two-sample nps.test(x = after, y = before) gives delta = |x - y| = 26,
 * se = sqrt(vx/nx + vy/ny) = 14.535473848485297665, p = 0.073658731810378075,
 * interval 26 -+ 1.96 se. libfgroi is signed: before (10,15,25) -> after
 * (5,12,33) is +26; the reverse order is -26 with the mirrored interval. */
Test(nps_diff, wald_equals_r_signed) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_diff_ci(10, 15, 25, 5, 12, 33, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  assert_rel(ci.estimate, 26.000000000000007105, 1e-12);
  assert_rel(ci.lower, -2.489005241254982348, 1e-12);
  assert_rel(ci.upper, 54.489005241254993450, 1e-12);
  assert_ok(fgroi_nps_diff_ci(5, 12, 33, 10, 15, 25, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  assert_rel(ci.estimate, -26.0, 1e-12);
  assert_rel(ci.upper, 2.489005241254982348, 1e-12);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_diff_test(10, 15, 25, 5, 12, 33, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &t));
  assert_rel(t.p_value, 0.073658731810378075, 1e-12);
  assert_rel(t.statistic, 26.0 / 14.535473848485297665, 1e-12);
  assert_ok(fgroi_nps_diff_test(5, 12, 33, 10, 15, 25, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &t));
  assert_rel(t.statistic, -26.0 / 14.535473848485297665, 1e-12);
}

/* Score interval for the difference: R maximises the two profile
 * likelihoods (each from the score equation, uniroot) over the common
 * nuisance with optimize(tol 1e-15), z(d) = (D - d)/sqrt(V1/n1 + V2/n2),
 * limits by uniroot. optimize's precision (~1e-8 in the nuisance) bounds
 * the agreement, hence 1e-5 NPS points. */
static const struct { int64_t b[3], a[3]; double est, lo, hi, z0; } diff_ref[] = {
  { { 10, 15, 25 }, { 5, 12, 33 }, 26.0, -3.0383366620170027, 54.259676839677795, 1.7595864869540041 },
  { { 3, 3, 2 }, { 1, 2, 5 }, 62.5, -18.042207080403458, 123.69508937504314, 1.5366378606220692 },
  { { 4, 4, 0 }, { 0, 2, 6 }, 125, 62.077503894957054, 162.59952689647247, 3.16227766016838 },
};

Test(nps_diff, score_matches_profile_likelihood) {
  for (size_t i = 0; i < sizeof diff_ref / sizeof diff_ref[0]; i++) {
    const int64_t *b = diff_ref[i].b, *a = diff_ref[i].a;
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    assert_ok(fgroi_nps_diff_ci(b[0], b[1], b[2], a[0], a[1], a[2], FGROI_METHOD_SCORE, 0.95,
                                FGROI_TWO_SIDED, NULL, &ci));
    assert_rel(ci.estimate, diff_ref[i].est, 1e-12);
    assert_abs(ci.lower, diff_ref[i].lo, 1e-5);
    assert_abs(ci.upper, diff_ref[i].hi, 1e-5);
    fgroi_test t = FGROI_INIT(fgroi_test);
    assert_ok(fgroi_nps_diff_test(b[0], b[1], b[2], a[0], a[1], a[2], FGROI_METHOD_SCORE,
                                  FGROI_TWO_SIDED, &t));
    assert_rel(t.statistic, diff_ref[i].z0, 1e-7);
    fgroi_test u = FGROI_INIT(fgroi_test);
    assert_ok(fgroi_nps_diff_test(b[0], b[1], b[2], a[0], a[1], a[2], FGROI_METHOD_DEFAULT,
                                  FGROI_TWO_SIDED, &u));
    cr_assert_eq(u.method, FGROI_METHOD_SCORE);
    cr_assert_eq(u.statistic, t.statistic);
  }
  /* all detractors before, all promoters after: upper limit is +200 */
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_diff_ci(4, 0, 0, 0, 0, 5, FGROI_METHOD_SCORE, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  cr_assert_eq(ci.upper, 200.0);
  cr_assert(ci.lower > 0.0 && ci.lower < 200.0);
}

/* MOVER: square-and-add of the two single-wave score intervals. */
Test(nps_diff, newcombe_mover) {
  fgroi_interval b = nps_ci(3, 3, 2, FGROI_METHOD_SCORE), a = nps_ci(1, 2, 5, FGROI_METHOD_SCORE);
  double d = a.estimate - b.estimate;
  double lo = d - sqrt(pow(a.estimate - a.lower, 2) + pow(b.upper - b.estimate, 2));
  double hi = d + sqrt(pow(a.upper - a.estimate, 2) + pow(b.estimate - b.lower, 2));
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_diff_ci(3, 3, 2, 1, 2, 5, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  cr_assert_eq(ci.method, FGROI_METHOD_NEWCOMBE);
  assert_rel(ci.lower, lo, 1e-12);
  assert_rel(ci.upper, hi, 1e-12);
}

/* Exact permutation: R brute force over all choose(16, 8) splits of the
 * pooled respondents, before (3,3,2), after (1,2,5):
 * P(|D| >= 62.5) = 0.23092463092463092, P(D >= ..) = 0.11546231546231546,
 * P(D <= ..) = 0.96666666666666667. */
Test(nps_diff, permutation_exact) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_diff_test(3, 3, 2, 1, 2, 5, FGROI_METHOD_PERMUTATION, FGROI_TWO_SIDED, &t));
  assert_rel(t.p_value, 0.23092463092463092, 1e-10);
  assert_rel(t.statistic, 62.5, 1e-12);
  assert_ok(fgroi_nps_diff_test(3, 3, 2, 1, 2, 5, FGROI_METHOD_PERMUTATION, FGROI_GREATER, &t));
  assert_rel(t.p_value, 0.11546231546231546, 1e-10);
  assert_ok(fgroi_nps_diff_test(3, 3, 2, 1, 2, 5, FGROI_METHOD_PERMUTATION, FGROI_LESS, &t));
  assert_rel(t.p_value, 0.96666666666666667, 1e-10);
  /* unequal waves: enumerates the smaller one; mirror image gives the same p */
  fgroi_test u = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_diff_test(1, 2, 5, 3, 3, 2, FGROI_METHOD_PERMUTATION, FGROI_TWO_SIDED, &u));
  assert_rel(u.p_value, 0.23092463092463092, 1e-10);
  assert_rel(u.statistic, -62.5, 1e-12);
}

Test(nps_diff, bootstrap_and_errors) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_diff_ci(10, 15, 25, 5, 12, 33, FGROI_METHOD_BOOTSTRAP_BCA, 0.95, FGROI_TWO_SIDED, NULL, &ci));
  assert_abs(ci.lower, -2.5, 6.0);
  assert_abs(ci.upper, 54.5, 6.0);
  assert_status(fgroi_nps_diff_ci(1, 1, 1, 0, 0, 0, 0, 0.95, FGROI_TWO_SIDED, NULL, &ci), FGROI_E_EMPTY);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_nps_diff_test(1, 1, 1, 1, 1, 1, FGROI_METHOD_WILSON, FGROI_TWO_SIDED, &t), FGROI_E_METHOD);
  assert_status(fgroi_nps_diff_test(1, 1, 1, 1, 1, -1, 0, FGROI_TWO_SIDED, &t), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_nps_diff_test(5000, 0, 0, 0, 0, 5000, FGROI_METHOD_PERMUTATION, FGROI_TWO_SIDED, &t),
                FGROI_E_TOO_LARGE);
}

/* ---- paired change ---------------------------------------------------------- */

/* Table (rows before det/pas/pro, columns after):
 *   2 3 1 / 1 3 4 / 0 1 5, n = 20; changes -2..2 = 0 2 10 7 1.
 * R: Wald from the per-person changes (variance divisor n); Stuart-Maxwell
 * from d = rowSums - colSums and S (solve); sign flip by brute force over
 * all 2^10 sign patterns of the non-zero changes; score-type limits by
 * primal maximisation (Nelder-Mead, reltol 1e-16, restarts) of the
 * 5-cell likelihood under the mean constraint, then uniroot (agreement
 * bounded by the optimiser, hence 1e-4 points). */
static const int64_t ptab[9] = { 2, 3, 1, 1, 3, 4, 0, 1, 5 };

Test(nps_paired, table_and_changes) {
  int32_t before[] = { 0, 7, 9, 10, -1, 3 }, after[] = { 9, 7, 2, -1, 8, 6 };
  int64_t t[9], miss;
  size_t bad;
  assert_ok(fgroi_nps_paired_table_i32(before, after, 6, -1, t, &miss, &bad));
  cr_assert_eq(miss, 2);
  cr_assert_eq(t[0 * 3 + 2], 1);
  cr_assert_eq(t[1 * 3 + 1], 1);
  cr_assert_eq(t[2 * 3 + 0], 1);
  cr_assert_eq(t[0 * 3 + 0], 1);
  after[5] = 12;
  assert_status(fgroi_nps_paired_table_i32(before, after, 6, -1, t, &miss, &bad), FGROI_E_SCORE_RANGE);
  cr_assert_eq(bad, 5);
  int64_t ch[5];
  assert_ok(fgroi_nps_paired_changes(ptab, ch));
  const int64_t want[5] = { 0, 2, 10, 7, 1 };
  for (int k = 0; k < 5; k++) cr_assert_eq(ch[k], want[k]);
}

Test(nps_paired, wald_stuart_maxwell_sign_flip) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_paired_ci(ptab, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED, &ci));
  assert_rel(ci.estimate, 35.0, 1e-12);
  assert_rel(ci.lower, 3.169436637752149, 1e-12);
  assert_rel(ci.upper, 66.830563362247844, 1e-12);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_paired_test(ptab, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &t));
  assert_rel(t.statistic, 2.1551217513247769, 1e-12);
  assert_rel(t.p_value, 0.031152308021427839, 1e-12);
  assert_ok(fgroi_nps_paired_test(ptab, FGROI_METHOD_STUART_MAXWELL, FGROI_TWO_SIDED, &t));
  assert_rel(t.statistic, 3.7931034482758625, 1e-12);
  assert_rel(t.p_value, 0.15008526333580155, 1e-12);
  cr_assert_eq(t.df, 2.0);
  assert_ok(fgroi_nps_paired_test(ptab, FGROI_METHOD_DEFAULT, FGROI_TWO_SIDED, &t));
  cr_assert_eq(t.method, FGROI_METHOD_SIGN_FLIP);
  assert_rel(t.p_value, 0.091796875, 1e-12);
  cr_assert_eq(t.statistic, 7.0);
  assert_ok(fgroi_nps_paired_test(ptab, FGROI_METHOD_SIGN_FLIP, FGROI_GREATER, &t));
  assert_rel(t.p_value, 0.0458984375, 1e-12);
  assert_ok(fgroi_nps_paired_test(ptab, FGROI_METHOD_SIGN_FLIP, FGROI_LESS, &t));
  assert_rel(t.p_value, 0.990234375, 1e-12);
  /* changes only between detractor and promoter: McNemar b^2/(b+c), 1 df */
  const int64_t mc[9] = { 0, 0, 5, 0, 3, 0, 1, 0, 0 };
  assert_ok(fgroi_nps_paired_test(mc, FGROI_METHOD_STUART_MAXWELL, FGROI_TWO_SIDED, &t));
  assert_rel(t.statistic, 16.0 / 6.0, 1e-12);
  cr_assert_eq(t.df, 1.0);
  assert_status(fgroi_nps_paired_test(mc, FGROI_METHOD_STUART_MAXWELL, FGROI_LESS, &t), FGROI_E_ALTERNATIVE);
}

Test(nps_paired, score_interval) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_paired_ci(ptab, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci));
  cr_assert_eq(ci.method, FGROI_METHOD_SCORE);
  assert_abs(ci.lower, -2.8644123956303607, 1e-4);
  assert_abs(ci.upper, 70.352975519546291, 1e-4);
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_paired_test(ptab, FGROI_METHOD_SCORE, FGROI_TWO_SIDED, &t));
  assert_rel(t.statistic, 1.8708286704224157, 1e-6);
  /* nobody changed (n = 8): restricted MLE puts mass theta/2 on +2, so
   * z^2 = n theta^2 / (2 theta - theta^2): upper limit 2 z^2 / (n + z^2) */
  const int64_t same[9] = { 3, 0, 0, 0, 2, 0, 0, 0, 3 };
  double k = 1.959963984540054 * 1.959963984540054;
  assert_ok(fgroi_nps_paired_ci(same, FGROI_METHOD_SCORE, 0.95, FGROI_TWO_SIDED, &ci));
  assert_rel(ci.upper, 100.0 * 2.0 * k / (8.0 + k), 1e-8);
  assert_rel(ci.lower, -100.0 * 2.0 * k / (8.0 + k), 1e-8);
  /* all 8 promoters both times: nobody changed, the same closed form */
  const int64_t allpro[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 8 };
  assert_ok(fgroi_nps_paired_ci(allpro, FGROI_METHOD_SCORE, 0.95, FGROI_TWO_SIDED, &ci));
  assert_rel(ci.upper, 100.0 * 2.0 * k / (8.0 + k), 1e-8);
  /* n = 1, detractor -> promoter: change +2, upper limit at the edge */
  const int64_t one[9] = { 0, 0, 1, 0, 0, 0, 0, 0, 0 };
  assert_ok(fgroi_nps_paired_ci(one, FGROI_METHOD_SCORE, 0.95, FGROI_TWO_SIDED, &ci));
  cr_assert_eq(ci.upper, 200.0);
  /* same closed form mirrored: mass (2 - theta)/4 ... lower limit solves
   * z^2 = n (2 - t)^2 / ((2 - t)(2 + t)) for all at +2: t = 2 (n - k)/(n + k) */
  assert_rel(ci.lower, 200.0 * (1.0 - k) / (1.0 + k), 1e-8);
  cr_assert(ci.lower >= -200.0);
  const int64_t zero[9] = {0};
  assert_status(fgroi_nps_paired_ci(zero, 0, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_EMPTY);
  const int64_t neg[9] = { -1 };
  assert_status(fgroi_nps_paired_ci(neg, 0, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_nps_paired_ci(NULL, 0, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NULL);
}

/* ---- segments ------------------------------------------------------------------ */

Test(nps_segments, per_segment_and_holm) {
  const int64_t seg[] = { 10, 15, 25, 5, 12, 33, 20, 10, 10 };
  fgroi_interval ci[3] = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval),
                           FGROI_INIT(fgroi_interval) };
  assert_ok(fgroi_nps_segments_ci(seg, 3, FGROI_METHOD_SCORE, 0.95, FGROI_TWO_SIDED, NULL, ci));
  fgroi_interval one = nps_ci(5, 12, 33, FGROI_METHOD_SCORE);
  cr_assert_eq(ci[1].lower, one.lower);
  fgroi_test rest[3] = { FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test) };
  fgroi_test pw[3] = { FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test) };
  double radj[3], padj[3];
  size_t need = 0;
  assert_status(fgroi_nps_segments_compare(seg, 3, FGROI_METHOD_WALD, FGROI_METHOD_HOLM, rest, radj,
                                           pw, padj, 2, &need), FGROI_E_CAPACITY);
  cr_assert_eq(need, 3);
  assert_ok(fgroi_nps_segments_compare(seg, 3, FGROI_METHOD_WALD, FGROI_METHOD_DEFAULT, rest, radj,
                                       pw, padj, 3, &need));
  /* segment 0 vs rest = diff_test(rest, segment 0) */
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_nps_diff_test(25, 22, 43, 10, 15, 25, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &t));
  assert_rel(rest[0].p_value, t.p_value, 1e-15);
  /* pair (1,2) is segment 2 minus segment 1 */
  assert_ok(fgroi_nps_diff_test(5, 12, 33, 20, 10, 10, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &t));
  assert_rel(pw[2].p_value, t.p_value, 1e-15);
  /* Holm by hand: sort, multiply by m, m-1, ..., running max, cap at 1 */
  double p[3] = { pw[0].p_value, pw[1].p_value, pw[2].p_value };
  int o[3] = { 0, 1, 2 };
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++)
      if (p[o[j]] < p[o[i]]) { int x = o[i]; o[i] = o[j]; o[j] = x; }
  double run = 0.0;
  for (int r = 0; r < 3; r++) {
    run = fmax(run, fmin(1.0, (3 - r) * p[o[r]]));
    assert_rel(padj[o[r]], run, 1e-15);
  }
  assert_status(fgroi_nps_segments_compare(seg, 1, 0, 0, rest, radj, NULL, NULL, 0, NULL), FGROI_E_TOO_FEW);
  assert_status(fgroi_nps_segments_compare(seg, 3, 0, FGROI_METHOD_WILSON, rest, radj, NULL, NULL, 0, NULL),
                FGROI_E_METHOD);
  /* any method of fgroi_multiplicity_adjust, e.g. Benjamini-Hochberg */
  assert_ok(fgroi_nps_segments_compare(seg, 3, FGROI_METHOD_WALD, FGROI_METHOD_BH, NULL, NULL, pw, padj,
                                       3, NULL));
  double bh[3];
  assert_ok(fgroi_multiplicity_adjust(p, 3, FGROI_METHOD_BH, bh));
  for (int i = 0; i < 3; i++) assert_rel(padj[i], bh[i], 1e-15);
}

/* ---- planning and CSAT -------------------------------------------------------- */

Test(nps_planning, margin) {
  /* mix 20% detractors, 50% promoters: V = 0.7 - 0.09 = 0.61;
   * margin 10 points at 95%: ceil(1.96^2 * 0.61 / 0.01) */
  int64_t n;
  assert_ok(fgroi_nps_n_for_margin(0.2, 0.5, 10.0, 0.95, &n));
  double z = 1.959963984540054;
  cr_assert_eq(n, (int64_t)ceil(z * z * 0.61 / 0.01));
  cr_assert_eq(n, 235);
  assert_status(fgroi_nps_n_for_margin(0.7, 0.5, 10.0, 0.95, &n), FGROI_E_PROBABILITY);
  assert_status(fgroi_nps_n_for_margin(0.2, 0.5, 0.0, 0.95, &n), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_nps_n_for_margin(0.0, 0.0, 10.0, 0.95, &n), FGROI_E_ZERO_VARIANCE);
  /* power and sample size of a change: fgroi_power_nps* (tests/test_power.c) */
}

Test(nps_csat, top2_box) {
  int32_t r[] = { 5, 4, 3, 1, 0, 4, 2 }; /* 0 = missing; top-2 = 4, 5 */
  fgroi_interval ci = FGROI_INIT(fgroi_interval), want = FGROI_INIT(fgroi_interval);
  size_t bad;
  assert_ok(fgroi_nps_csat_top2_ci(r, 7, 1, 5, 0, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &bad));
  assert_ok(fgroi_prop_ci(3, 6, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &want));
  cr_assert_eq(ci.lower, want.lower);
  cr_assert_eq(ci.upper, want.upper);
  int64_t top, valid;
  assert_ok(fgroi_nps_csat_top2_count(r, 7, 1, 5, 0, &top, &valid, &bad));
  cr_assert_eq(top, 3);
  cr_assert_eq(valid, 6);
  assert_status(fgroi_nps_csat_top2_count(r, 7, 1, 2, 0, &top, &valid, &bad), FGROI_E_OUT_OF_RANGE);
  r[2] = 6;
  assert_status(fgroi_nps_csat_top2_ci(r, 7, 1, 5, 0, 0, 0.95, FGROI_TWO_SIDED, &ci, &bad), FGROI_E_SCORE_RANGE);
  cr_assert_eq(bad, 2);
}

/* ---- coverage study, small setting ---------------------------------------------
 * The same exact enumeration as tests/bench/nps/coverage/nps_coverage.c at
 * n = 12 over the full 171-mix grid: the default (score) interval must stay
 * inside its documented band (docs/methods/nps.md): mean coverage in
 * [0.945, 0.975] and worst coverage >= 0.92. Plain Wald must show its
 * documented shortfall (mean below 0.90 at n = 12). */
static void exact_coverage(int n, fgroi_method m, double *mean, double *worst) {
  int nout = (n + 1) * (n + 2) / 2, o = 0;
  double(*lim)[5] = malloc((size_t)nout * sizeof *lim);
  cr_assert_not_null(lim);
  for (int d = 0; d <= n; d++) {
    for (int r = 0; d + r <= n; r++, o++) {
      fgroi_interval ci = nps_ci(d, n - d - r, r, m);
      lim[o][0] = ci.lower; lim[o][1] = ci.upper;
      lim[o][2] = d; lim[o][3] = n - d - r; lim[o][4] = r;
    }
  }
  int nmix = 0;
  *mean = 0.0;
  *worst = 1.0;
  double sum = 0.0;
  for (int i = 1; i <= 18; i++) {
    for (int j = 1; j <= 18; j++) {
      if (i + j > 19) continue;
      double pd = 0.05 * i, pr = 0.05 * j, pp = 1.0 - pd - pr, truth = 100.0 * (pr - pd), cov = 0.0;
      for (int k = 0; k < nout; k++) {
        double lw = lgamma(n + 1.0) - lgamma(lim[k][2] + 1.0) - lgamma(lim[k][3] + 1.0) -
                    lgamma(lim[k][4] + 1.0) + lim[k][2] * log(pd) + lim[k][3] * log(pp) +
                    lim[k][4] * log(pr);
        if (lim[k][0] <= truth + 1e-9 && truth <= lim[k][1] + 1e-9) cov += exp(lw);
      }
      sum += cov;
      nmix++;
      if (cov < *worst) *worst = cov;
    }
  }
  *mean = sum / nmix;
  cr_assert_eq(nmix, 171);
  free(lim);
}

Test(nps_coverage, default_stays_in_band_n12) {
  double mean, worst;
  exact_coverage(12, FGROI_METHOD_DEFAULT, &mean, &worst);
  cr_assert(mean >= 0.945 && mean <= 0.975, "score mean coverage %g", mean);
  cr_assert(worst >= 0.92, "score worst coverage %g", worst);
  exact_coverage(12, FGROI_METHOD_WALD, &mean, &worst);
  cr_assert(mean < 0.90, "wald mean coverage %g", mean);
}

/* Every small sample, every method: OK, finite, ordered limits inside the
 * parameter space, and (except adjusted Wald, whose centre is shrunk) the
 * estimate inside its interval. */
Test(nps_sweep, small_samples_all_methods) {
  const fgroi_method one[] = { FGROI_METHOD_WALD, FGROI_METHOD_ADJUSTED_WALD, FGROI_METHOD_SCORE,
                               FGROI_METHOD_BOOTSTRAP_PERCENTILE, FGROI_METHOD_BOOTSTRAP_BCA };
  const fgroi_method two[] = { FGROI_METHOD_WALD, FGROI_METHOD_NEWCOMBE, FGROI_METHOD_SCORE,
                               FGROI_METHOD_BOOTSTRAP_BCA };
  const fgroi_method tests2[] = { FGROI_METHOD_WALD, FGROI_METHOD_SCORE, FGROI_METHOD_PERMUTATION };
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.resamples = 200;
  for (int d = 0; d <= 3; d++)
    for (int p = 0; p <= 3; p++)
      for (int r = 0; r <= 3; r++) {
        if (d + p + r == 0) continue;
        for (size_t m = 0; m < 5; m++) {
          fgroi_interval ci = FGROI_INIT(fgroi_interval);
          assert_ok(fgroi_nps_ci(d, p, r, one[m], 0.95, FGROI_TWO_SIDED, &o, &ci));
          cr_assert(ci.lower >= -100.0 && ci.lower <= ci.upper && ci.upper <= 100.0);
          if (one[m] != FGROI_METHOD_ADJUSTED_WALD)
            cr_assert(ci.lower <= ci.estimate + 1e-9 && ci.estimate <= ci.upper + 1e-9,
                      "%s (%d,%d,%d)", fgroi_method_name(one[m]), d, p, r);
        }
        for (int d2 = 0; d2 <= 2; d2++)
          for (int p2 = 0; p2 <= 2; p2++)
            for (int r2 = 0; r2 <= 2; r2++) {
              if (d2 + p2 + r2 == 0) continue;
              for (size_t m = 0; m < 4; m++) {
                fgroi_interval ci = FGROI_INIT(fgroi_interval);
                assert_ok(fgroi_nps_diff_ci(d, p, r, d2, p2, r2, two[m], 0.95, FGROI_TWO_SIDED, &o, &ci));
                cr_assert(ci.lower >= -200.0 && ci.lower <= ci.upper && ci.upper <= 200.0);
                cr_assert(ci.lower <= ci.estimate + 1e-9 && ci.estimate <= ci.upper + 1e-9,
                          "%s (%d,%d,%d) (%d,%d,%d) %g [%g, %g]", fgroi_method_name(two[m]), d, p,
                          r, d2, p2, r2, ci.estimate, ci.lower, ci.upper);
              }
              for (size_t m = 0; m < 3; m++) {
                fgroi_test t = FGROI_INIT(fgroi_test);
                fgroi_status st = fgroi_nps_diff_test(d, p, r, d2, p2, r2, tests2[m], FGROI_TWO_SIDED, &t);
                cr_assert(st == FGROI_OK, "%s: %s", fgroi_method_name(tests2[m]), fgroi_strerror(st));
                cr_assert(t.p_value >= 0.0 && t.p_value <= 1.0);
              }
            }
      }
  /* paired: every table of n <= 3 */
  int64_t t[9];
  for (int code = 0; code < 4 * 4 * 4 * 4 * 4 * 4 * 4 * 4 * 4; code++) {
    int c = code, n = 0;
    for (int k = 0; k < 9; k++) { t[k] = c % 4; n += (int)t[k]; c /= 4; }
    if (n == 0 || n > 3) continue;
    const fgroi_method pm[] = { FGROI_METHOD_WALD, FGROI_METHOD_SCORE };
    for (size_t m = 0; m < 2; m++) {
      fgroi_interval ci = FGROI_INIT(fgroi_interval);
      assert_ok(fgroi_nps_paired_ci(t, pm[m], 0.95, FGROI_TWO_SIDED, &ci));
      cr_assert(ci.lower >= -200.0 && ci.lower <= ci.estimate + 1e-9 &&
                ci.estimate <= ci.upper + 1e-9 && ci.upper <= 200.0);
    }
    const fgroi_method ptm[] = { FGROI_METHOD_SIGN_FLIP, FGROI_METHOD_WALD, FGROI_METHOD_SCORE,
                                 FGROI_METHOD_STUART_MAXWELL };
    for (size_t m = 0; m < 4; m++) {
      fgroi_test tt = FGROI_INIT(fgroi_test);
      assert_ok(fgroi_nps_paired_test(t, ptm[m], FGROI_TWO_SIDED, &tt));
      cr_assert(tt.p_value >= 0.0 && tt.p_value <= 1.0 && !isnan(tt.statistic));
    }
  }
}

/* One-sided limits equal the two-sided limits at twice the tail. */
Test(nps_sided, one_sided_equals_two_sided_at_90) {
  fgroi_interval a = FGROI_INIT(fgroi_interval), b = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_nps_diff_ci(3, 3, 2, 1, 2, 5, FGROI_METHOD_SCORE, 0.90, FGROI_TWO_SIDED, NULL, &a));
  assert_ok(fgroi_nps_diff_ci(3, 3, 2, 1, 2, 5, FGROI_METHOD_SCORE, 0.95, FGROI_GREATER, NULL, &b));
  assert_rel(b.lower, a.lower, 1e-9);
  cr_assert_eq(b.upper, 200.0);
  assert_ok(fgroi_nps_diff_ci(3, 3, 2, 1, 2, 5, FGROI_METHOD_NEWCOMBE, 0.95, FGROI_LESS, NULL, &b));
  assert_ok(fgroi_nps_diff_ci(3, 3, 2, 1, 2, 5, FGROI_METHOD_NEWCOMBE, 0.90, FGROI_TWO_SIDED, NULL, &a));
  assert_rel(b.upper, a.upper, 1e-12);
  cr_assert_eq(b.lower, -200.0);
  assert_ok(fgroi_nps_paired_ci(ptab, FGROI_METHOD_SCORE, 0.90, FGROI_TWO_SIDED, &a));
  assert_ok(fgroi_nps_paired_ci(ptab, FGROI_METHOD_SCORE, 0.95, FGROI_LESS, &b));
  assert_rel(b.upper, a.upper, 1e-9);
  cr_assert(b.flags & FGROI_FLAG_ONE_SIDED_LIMIT);
}

/* ---- issue 16: progress and cancellation of the bootstrap ------------------- */

static fgroi_status ctl_boot_1e6(const fgroi_control *c, void *out) {
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.seed = 5;
  o.resamples = 1000;
  o.control = c;
  return fgroi_nps_ci(4800, 4800, 6400, FGROI_METHOD_BOOTSTRAP_BCA, 0.95, FGROI_TWO_SIDED,
                      &o, out);
}
static fgroi_status ctl_boot_diff_1e6(const fgroi_control *c, void *out) {
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.resamples = 1000;
  o.control = c;
  return fgroi_nps_diff_ci(2400, 2400, 3200, 2000, 2400, 3600,
                           FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95, FGROI_TWO_SIDED, &o, out);
}
static const int64_t ctl_segments[9] = { 3000, 3000, 4000, 2000, 3000, 5000,
                                          500, 300, 200 };
static fgroi_status ctl_boot_segments(const fgroi_control *c, void *out) {
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.resamples = 500;
  o.control = c;
  return fgroi_nps_segments_ci(ctl_segments, 3, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.9,
                               FGROI_TWO_SIDED, &o, out);
}
static fgroi_status ctl_boot_segments_big(const fgroi_control *c, void *out) {
  static const int64_t big[6] = { 3000, 3000, 4000, 2000, 3000, 5000 };
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.resamples = 800;
  o.control = c;
  return fgroi_nps_segments_ci(big, 2, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.9,
                               FGROI_TWO_SIDED, &o, out);
}

Test(nps_control, cancel_from_another_thread, .timeout = 120) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  ci.lower = -7;
  ctl_assert_cancels(ctl_boot_1e6, &ci, sizeof ci, "bootstrap at its bound (16,000 x 1,000 draws)");
  ctl_assert_cancels(ctl_boot_diff_1e6, &ci, sizeof ci, "bootstrap difference at its bound");
  fgroi_interval seg[2] = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval) };
  ctl_assert_cancels(ctl_boot_segments_big, seg, sizeof seg, "bootstrap segments");
}

Test(nps_control, progress_monotone_reaches_one_result_unchanged, .timeout = 120) {
  fgroi_interval seg[3], plain[3];
  for (int i = 0; i < 3; i++) seg[i] = plain[i] = FGROI_INIT(fgroi_interval);
  ctl_assert_progress(ctl_boot_segments, seg, "bootstrap segments");
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.resamples = 500;
  assert_ok(fgroi_nps_segments_ci(ctl_segments, 3, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.9,
                                  FGROI_TWO_SIDED, &o, plain));
  for (int i = 0; i < 3; i++) {
    cr_assert_eq(seg[i].lower, plain[i].lower);
    cr_assert_eq(seg[i].upper, plain[i].upper);
  }
  ctl_assert_refuses_bad_control(ctl_boot_segments, seg, "segments");
  ctl_assert_refuses_bad_control(ctl_boot_1e6, seg, "nps ci");
}

/* Permutation test (fgroi_nps_diff_test_ctl) at its limit: 4,000 in the
 * smaller wave, about 8e6 hypergeometric terms (0.2 s at -O2). */
static fgroi_status ctl_perm(const fgroi_control *c, void *out, int64_t scale) {
  return fgroi_nps_diff_test_ctl(13 * scale, 12 * scale, 15 * scale, 10 * scale, 12 * scale,
                                 18 * scale, FGROI_METHOD_PERMUTATION, FGROI_TWO_SIDED, c, out);
}
static fgroi_status ctl_perm_4000(const fgroi_control *c, void *out) { return ctl_perm(c, out, 100); }
static fgroi_status ctl_perm_1000(const fgroi_control *c, void *out) { return ctl_perm(c, out, 25); }

/* Sign-flip test (fgroi_nps_paired_test_ctl) at its limit: the smaller
 * switcher group 2^28 (changes of +-1), the other 2^30 (+-2): a window of
 * about 6.6e5 binomial terms. */
static fgroi_status ctl_flip(const fgroi_control *c, void *out, int64_t m1) {
  const int64_t m2 = (int64_t)1 << 30;
  int64_t t[9] = { 1000, m1 / 2 + 3000, m2 / 2 + 9000, m1 / 2 - 3000, 1000, 0, m2 / 2 - 9000, 0, 1000 };
  return fgroi_nps_paired_test_ctl(t, FGROI_METHOD_SIGN_FLIP, FGROI_TWO_SIDED, c, out);
}
static fgroi_status ctl_flip_max(const fgroi_control *c, void *out) {
  return ctl_flip(c, out, (int64_t)1 << 28);
}
static fgroi_status ctl_flip_2e7(const fgroi_control *c, void *out) { return ctl_flip(c, out, 20000000); }

Test(nps_control, tests_cancel_from_another_thread, .timeout = 120) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  t.p_value = -7;
  ctl_assert_cancels(ctl_perm_4000, &t, sizeof t, "permutation test at its limit (4,000 per wave)");
  ctl_assert_cancels(ctl_flip_max, &t, sizeof t, "sign-flip test at its limit (2^28 switchers)");
}

Test(nps_control, tests_progress_monotone_reaches_one_result_unchanged, .timeout = 120) {
  fgroi_test t = FGROI_INIT(fgroi_test), plain = FGROI_INIT(fgroi_test);
  ctl_assert_progress(ctl_perm_1000, &t, "permutation test, 1,000 per wave");
  assert_ok(ctl_perm(NULL, &plain, 25));
  assert_ok(fgroi_nps_diff_test(325, 300, 375, 250, 300, 450, FGROI_METHOD_PERMUTATION,
                                FGROI_TWO_SIDED, &t));
  cr_assert_eq(t.p_value, plain.p_value);
  cr_assert_eq(t.statistic, plain.statistic);
  ctl_assert_progress(ctl_flip_2e7, &t, "sign-flip test, 2e7 switchers");
  assert_ok(ctl_flip(NULL, &plain, 20000000));
  cr_assert_eq(t.p_value, plain.p_value);
  cr_assert(t.p_value > 0.0 && t.p_value < 1.0, "p %g", t.p_value);
  ctl_assert_refuses_bad_control(ctl_perm_1000, &t, "permutation test");
  ctl_assert_refuses_bad_control(ctl_flip_2e7, &t, "sign-flip test");
  /* the closed-form methods accept a control too and report 1.0 at the end */
  fgroi_control c = FGROI_INIT(fgroi_control);
  assert_ok(fgroi_nps_diff_test_ctl(13, 12, 15, 10, 12, 18, FGROI_METHOD_SCORE, FGROI_TWO_SIDED, &c, &t));
  int64_t tab[9] = { 5, 3, 2, 1, 6, 4, 0, 2, 7 };
  assert_ok(fgroi_nps_paired_test_ctl(tab, FGROI_METHOD_WALD, FGROI_TWO_SIDED, &c, &t));
  /* limits are checked before any work, control or not */
  assert_status(fgroi_nps_diff_test_ctl(5000, 0, 0, 0, 0, 5000, FGROI_METHOD_PERMUTATION,
                                        FGROI_TWO_SIDED, &c, &t), FGROI_E_TOO_LARGE);
}

/* Fuzz finding 33 (campaign of 2026-12-03, on the tree before the 2^53
 * bound): fgroi_nps_summarize(7721466676151257195, 22, 23) gave an NPS of
 * -100.00000000000001. Refused now; at the bound the NPS stays in range. */
Test(harden, nps_summarize_fuzz_finding_33) {
  fgroi_nps_summary su = FGROI_INIT(fgroi_nps_summary);
  assert_status(fgroi_nps_summarize(7721466676151257195LL, 22, 23, &su), FGROI_E_TOO_LARGE);
  const int64_t lim = (int64_t)1 << 53;
  assert_ok(fgroi_nps_summarize(lim - 45, 22, 23, &su));
  cr_assert(su.nps >= -100.0 && su.nps <= 100.0 && isfinite(su.se) && su.se >= 0.0,
            "nps %.17g se %.17g", su.nps, su.se);
}

/* ---- issue 16: a refused size states the limit, the observed size and
 * the method to use instead in the control's message ------------------- */

Test(limit_message, nps_states_limit_size_and_method) {
  char msg[256];
  fgroi_control c = ctl_with_message(msg, sizeof msg);
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.control = &c;
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* one wave's bootstrap: 4,195 x 4000 draws */
  strcpy(msg, "stale");
  assert_status(fgroi_nps_ci(1399, 1398, 1398, FGROI_METHOD_BOOTSTRAP_BCA, 0.95, FGROI_TWO_SIDED,
                             &o, &ci), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "respondents x resamples = 16780000 exceeds the limit 16777216 of the NPS "
                        "bootstrap; use method = score");
  /* two waves: a wave beyond 10^6 respondents */
  assert_status(fgroi_nps_diff_ci(1000001, 0, 0, 3, 4, 5, FGROI_METHOD_BOOTSTRAP_PERCENTILE,
                                  0.95, FGROI_TWO_SIDED, &o, &ci), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "the before wave's respondents = 1000001 exceeds the limit 1000000 of the "
                        "NPS bootstrap; use method = newcombe (score)");
  /* segments: the whole call's draws */
  const int64_t seg[9] = { 700, 500, 700, 700, 500, 700, 700, 500, 700 };
  fgroi_interval out[3] = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval),
                            FGROI_INIT(fgroi_interval) };
  strcpy(msg, "stale");
  assert_status(fgroi_nps_segments_ci(seg, 3, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95,
                                      FGROI_TWO_SIDED, &o, out), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "respondents x resamples (all segments) = 22800000 exceeds the limit "
                        "16777216 of the NPS bootstrap; use method = score");
  /* a segment's own error reaches the caller's buffer too */
  const int64_t seg1[3] = { 1399, 1398, 1398 };
  strcpy(msg, "stale");
  assert_status(fgroi_nps_segments_ci(seg1, 1, FGROI_METHOD_BOOTSTRAP_PERCENTILE, 0.95,
                                      FGROI_TWO_SIDED, &o, out), FGROI_E_TOO_LARGE);
  cr_assert(strstr(msg, "exceeds the limit 16777216 of the NPS bootstrap") != NULL, "%s", msg);
  /* the exact permutation test: the smaller wave beyond 4000 */
  assert_status(fgroi_nps_diff_test_ctl(5000, 0, 0, 0, 0, 5000, FGROI_METHOD_PERMUTATION,
                                        FGROI_TWO_SIDED, &c, &t), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "the smaller wave's respondents = 5000 exceeds the limit 4000 of the exact "
                        "permutation test; use method = score");
  /* the exact sign flip: the smaller switcher group beyond 2^28 */
  const int64_t big = ((int64_t)1 << 28) + 1;
  int64_t tab[9] = { 0, big, 0, 0, 5, 0, big, 0, 0 };
  assert_status(fgroi_nps_paired_test_ctl(tab, FGROI_METHOD_SIGN_FLIP, FGROI_TWO_SIDED, &c, &t),
                FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "the smaller switcher group = 268435457 exceeds the limit 268435456 of "
                        "the exact sign-flip test; use method = score");
  /* emptied on entry: an early error never leaves the last call's message */
  assert_status(fgroi_nps_paired_test_ctl(tab, FGROI_METHOD_SIGN_FLIP, (fgroi_alternative)9, &c,
                                          &t), FGROI_E_ALTERNATIVE);
  cr_assert(strstr(msg, "exceeds") == NULL, "%s", msg);
}
