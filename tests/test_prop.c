/* Tests for lib/prop.c: the proportion engine. Reference values come from
 * R 4.2 (binom.test, prop.test, qbeta) unless a published source is named. */
#include <float.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fgroi_test.h"

static fgroi_interval ci_of(int64_t x, int64_t n, fgroi_method m, double conf, fgroi_alternative alt) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  assert_ok(fgroi_prop_ci(x, n, m, conf, alt, &ci));
  return ci;
}

/* x, n, conf, Clopper-Pearson (binom.test), Wilson (prop.test, correct=FALSE),
 * Jeffreys (qbeta(a, x+.5, n-x+.5), 0/1 at the edges) */
static const struct { double x, n, conf, cp_lo, cp_hi, w_lo, w_hi, j_lo, j_hi; } single_ref[] = {
  { 0, 10, 0.950, 0, 0.30849710781876083, 0, 0.27753279986288915, 0, 0.21719626750921051 },
  { 10, 10, 0.950, 0.69150289218123917, 1, 0.72246720013711085, 1, 0.78280373249078949, 1 },
  { 0, 1, 0.950, 0, 0.97499999999999998, 0, 0.79345068562276255, 0, 0.85325368369042476 },
  { 1, 1, 0.950, 0.025000000000000022, 1, 0.2065493143772375, 1, 0.14674631630957519, 1 },
  { 3, 10, 0.950, 0.066739511177734495, 0.65245285005999731, 0.10779126740630104, 0.60322185253885452, 0.092694593938153186, 0.60581831814867115 },
  { 7, 12, 0.950, 0.27666968568210587, 0.84834777019156993, 0.31951131254954984, 0.80673968634124349, 0.31194042504011971, 0.81952130521029831 },
  { 42, 100, 0.950, 0.32198553935479696, 0.52288080427608619, 0.32798382674354731, 0.51793513296957028, 0.32668331399990497, 0.51787326705272541 },
  { 1, 29, 0.950, 0.0008726468835799228, 0.17764429548872285, 0.006113214292762661, 0.17175521879320282, 0.0037461736490570774, 0.1500776860022317 },
  { 56, 70, 0.950, 0.6872643461041652, 0.88611963796779225, 0.69183355503746946, 0.87695260751637039, 0.69530255362919735, 0.8804901095551767 },
  { 48, 80, 0.950, 0.48437694049548952, 0.70799064374468956, 0.49045465005160405, 0.70038172404129073, 0.49066742701958643, 0.70224183092949288 },
  { 3, 10, 0.900, 0.087264433914150272, 0.60662421610541339, 0.12687658390319789, 0.55830020413016479, 0.11732937668021018, 0.55812676648463388 },
  { 81, 263, 0.990, 0.23683735816553864, 0.38625832566974494, 0.24013690268760776, 0.38528250231822986, 0.23858004766093202, 0.38426823916736541 },
};

Test(prop_ci, clopper_pearson_wilson_jeffreys_match_r) {
  for (size_t i = 0; i < sizeof single_ref / sizeof single_ref[0]; i++) {
    int64_t x = (int64_t)single_ref[i].x, n = (int64_t)single_ref[i].n;
    double conf = single_ref[i].conf;
    fgroi_interval cp = ci_of(x, n, FGROI_METHOD_CLOPPER_PEARSON, conf, FGROI_TWO_SIDED);
    assert_rel(cp.lower, single_ref[i].cp_lo, 1e-8);
    assert_rel(cp.upper, single_ref[i].cp_hi, 1e-8);
    fgroi_interval w = ci_of(x, n, FGROI_METHOD_WILSON, conf, FGROI_TWO_SIDED);
    assert_rel(w.lower, single_ref[i].w_lo, 1e-10);
    assert_rel(w.upper, single_ref[i].w_hi, 1e-10);
    assert_rel(w.estimate, (double)x / (double)n, 1e-15);
    fgroi_interval j = ci_of(x, n, FGROI_METHOD_JEFFREYS, conf, FGROI_TWO_SIDED);
    assert_rel(j.lower, single_ref[i].j_lo, 1e-8);
    assert_rel(j.upper, single_ref[i].j_hi, 1e-8);
  }
}

/* Counts in the billions: R's binom.test / prop.test on the same counts. */
Test(prop_ci, billions) {
  fgroi_interval cp = ci_of(1, 1000000000, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED);
  assert_rel(cp.lower, 2.5317807983969421e-11, 1e-8);
  assert_rel(cp.upper, 5.5716433782031108e-09, 1e-8);
  fgroi_interval w = ci_of(1, 1000000000, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED);
  assert_rel(w.lower, 1.7652455495696337e-10, 1e-10);
  assert_rel(w.upper, 5.6649342432974352e-09, 1e-10);
  cp = ci_of(500000000, 1000000000, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED);
  assert_rel(cp.lower, 0.49996900974842229, 1e-8);
  assert_rel(cp.upper, 0.50003099025157771, 1e-8);
}

/* Newcombe (1998a) method 4 equals prop.test(correct = TRUE) when
 * |x - n/2| >= 1/2 (R shrinks the correction otherwise). */
Test(prop_ci, wilson_cc_matches_prop_test) {
  static const double ref[][4] = {
    { 3, 10, 0.080947824209994496, 0.64632927648883109 },
    { 7, 12, 0.28599281210392385, 0.83500748486993703 },
    { 42, 100, 0.32332364753909848, 0.5228954040938848 },
    { 1, 29, 0.0018026402132796672, 0.19628175100975948 },
  };
  for (size_t i = 0; i < 4; i++) {
    fgroi_interval c = ci_of((int64_t)ref[i][0], (int64_t)ref[i][1], FGROI_METHOD_WILSON_CC, 0.95, FGROI_TWO_SIDED);
    assert_rel(c.lower, ref[i][2], 1e-10);
    assert_rel(c.upper, ref[i][3], 1e-10);
    cr_assert(c.flags & FGROI_FLAG_CONTINUITY);
  }
}

Test(prop_ci, one_sided) {
  fgroi_interval g = ci_of(3, 10, FGROI_METHOD_CLOPPER_PEARSON, 0.9, FGROI_GREATER);
  assert_rel(g.lower, 0.11582527802976293, 1e-8);
  cr_assert_eq(g.upper, 1.0);
  fgroi_interval l = ci_of(3, 10, FGROI_METHOD_WILSON, 0.9, FGROI_LESS);
  cr_assert_eq(l.lower, 0.0);
  assert_rel(l.upper, 0.50262829476024917, 1e-10);
}

/* Closed forms: Wald and Agresti-Coull from their formulas. */
Test(prop_ci, wald_and_agresti_coull) {
  double z = 1.959963984540054, p = 0.3;
  fgroi_interval w = ci_of(3, 10, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED);
  assert_rel(w.lower, p - z * sqrt(p * (1 - p) / 10), 1e-12);
  assert_rel(w.upper, p + z * sqrt(p * (1 - p) / 10), 1e-12);
  double nt = 10 + z * z, pt = (3 + z * z / 2) / nt, h = z * sqrt(pt * (1 - pt) / nt);
  fgroi_interval a = ci_of(3, 10, FGROI_METHOD_AGRESTI_COULL, 0.95, FGROI_TWO_SIDED);
  assert_rel(a.lower, pt - h, 1e-12);
  assert_rel(a.upper, pt + h, 1e-12);
  /* Wald at x = 1 of 29 goes below zero: clipped and flagged */
  w = ci_of(1, 29, FGROI_METHOD_WALD, 0.95, FGROI_TWO_SIDED);
  cr_assert_eq(w.lower, 0.0);
  cr_assert(w.flags & FGROI_FLAG_TRUNCATED);
}

/* Mid-p limits solve P(X > x) + P(X = x)/2 = a/2 (lower) and
 * P(X < x) + P(X = x)/2 = a/2 (upper); checked with a direct sum here. */
static double binom_pmf_direct(int k, int n, double p) {
  double c = 1.0;
  for (int i = 0; i < k; i++) c = c * (n - i) / (i + 1);
  return c * pow(p, k) * pow(1 - p, n - k);
}

Test(prop_ci, mid_p_solves_its_equation) {
  const int cases[][2] = { { 3, 10 }, { 1, 12 }, { 11, 12 }, { 5, 9 } };
  for (size_t c = 0; c < 4; c++) {
    int x = cases[c][0], n = cases[c][1];
    fgroi_interval m = ci_of(x, n, FGROI_METHOD_MID_P, 0.95, FGROI_TWO_SIDED);
    double up = 0.5 * binom_pmf_direct(x, n, m.lower), lo = 0.5 * binom_pmf_direct(x, n, m.upper);
    for (int k = x + 1; k <= n; k++) up += binom_pmf_direct(k, n, m.lower);
    for (int k = 0; k < x; k++) lo += binom_pmf_direct(k, n, m.upper);
    assert_rel(up, 0.025, 1e-9);
    assert_rel(lo, 0.025, 1e-9);
    /* mid-p is never wider than Clopper-Pearson */
    fgroi_interval cp = ci_of(x, n, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED);
    cr_assert(m.lower >= cp.lower && m.upper <= cp.upper);
  }
}

Test(prop_ci, every_method_at_the_edges) {
  const fgroi_method ms[] = { FGROI_METHOD_WALD, FGROI_METHOD_WILSON, FGROI_METHOD_WILSON_CC,
                              FGROI_METHOD_CLOPPER_PEARSON, FGROI_METHOD_JEFFREYS,
                              FGROI_METHOD_AGRESTI_COULL, FGROI_METHOD_MID_P };
  for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
    fgroi_interval a = ci_of(0, 1, ms[i], 0.95, FGROI_TWO_SIDED);
    cr_assert_eq(a.lower, 0.0, "%s", fgroi_method_name(ms[i]));
    if (ms[i] == FGROI_METHOD_WALD) cr_assert(a.upper == 0.0 && (a.flags & FGROI_FLAG_DEGENERATE));
    else cr_assert(a.upper > 0.0 && a.upper <= 1.0, "%s", fgroi_method_name(ms[i]));
    fgroi_interval b = ci_of(7, 7, ms[i], 0.95, FGROI_TWO_SIDED);
    cr_assert_eq(b.upper, 1.0, "%s", fgroi_method_name(ms[i]));
    cr_assert(b.flags & FGROI_FLAG_CLOSED_FORM);
  }
}

/* binom.test p-values: x, n, p0, alternative, p-value (R) */
static const struct { double x, n, p0; int alt; double p; } btest_ref[] = {
  { 3, 10, 0.5, 0, 0.34375000000000011 },
  { 7, 12, 0.29999999999999999, 0, 0.052442130258999971 },
  { 0, 10, 0.20000000000000001, 0, 0.22824806400000019 },
  { 10, 10, 0.90000000000000002, 0, 0.61257951100000019 },
  { 1, 29, 0.10000000000000001, 0, 0.35731618447862279 },
  { 42, 100, 0.70999999999999996, 0, 1.6392290806431823e-09 },
  { 71, 100, 0.41999999999999998, 0, 5.6247735933259988e-09 },
  { 3, 10, 0.5, 1, 0.17187500000000006 },
  { 3, 10, 0.5, 2, 0.9453125 },
  { 682, 925, 0.75, 0, 0.38249155957485192 },
  { 5, 5, 0.5, 0, 0.0625 },
  { 0, 1, 0.5, 0, 1 },
  { 4, 20, 0.20000000000000001, 0, 1 },
  { 12, 40, 0.29999999999999999, 0, 1 },
  { 4999, 10000, 0.5, 0, 0.99202135386061807 },
  { 123456, 1000000, 0.125, 0, 2.9441004124868488e-06 },
  { 0, 10, 0, 0, 1 },
  { 1, 10, 0, 0, 0 },
  { 10, 10, 1, 0, 1 },
};

Test(prop_test, exact_matches_binom_test) {
  for (size_t i = 0; i < sizeof btest_ref / sizeof btest_ref[0]; i++) {
    fgroi_test t = FGROI_INIT(fgroi_test);
    assert_ok(fgroi_prop_test((int64_t)btest_ref[i].x, (int64_t)btest_ref[i].n, btest_ref[i].p0,
                              FGROI_METHOD_EXACT, (fgroi_alternative)btest_ref[i].alt, &t));
    if (btest_ref[i].p == 0.0) cr_assert_eq(t.p_value, 0.0);
    else assert_rel(t.p_value, btest_ref[i].p, 1e-10);
    cr_assert_eq(t.statistic, btest_ref[i].x);
  }
}

Test(prop_test, mid_p) {
  /* one-sided mid-p = P(X < x) + P(X = x)/2; two-sided halves the ties */
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_prop_test(3, 10, 0.5, FGROI_METHOD_MID_P, FGROI_LESS, &t));
  assert_rel(t.p_value, (1 + 10 + 45) / 1024.0 + 0.5 * 120 / 1024.0, 1e-12);
  /* symmetric case: x = 3 and x = 7 tie exactly, both halved */
  assert_ok(fgroi_prop_test(3, 10, 0.5, FGROI_METHOD_MID_P, FGROI_TWO_SIDED, &t));
  assert_rel(t.p_value, 0.34375 - 120 / 1024.0, 1e-12);
}

Test(prop_tally, add_and_merge) {
  fgroi_prop_tally a = FGROI_INIT(fgroi_prop_tally), b = FGROI_INIT(fgroi_prop_tally);
  assert_ok(fgroi_prop_tally_init(&a));
  assert_ok(fgroi_prop_tally_init(&b));
  const uint8_t v1[] = { 1, 0, 1, 1 }, v2[] = { 0, 0, 1 }, bad[] = { 1, 2 };
  assert_ok(fgroi_prop_tally_add(&a, v1, 4));
  assert_ok(fgroi_prop_tally_add(&b, v2, 3));
  assert_status(fgroi_prop_tally_add(&b, bad, 2), FGROI_E_OUT_OF_RANGE);
  assert_ok(fgroi_prop_tally_merge(&a, &b));
  cr_assert_eq(a.successes, 4);
  cr_assert_eq(a.trials, 7);
}

/* Every bad input has its own status and leaves the result untouched. */
Test(prop_errors, each_bad_input_has_its_status) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  ci.lower = 42.0;
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, NULL), FGROI_E_NULL);
  assert_status(fgroi_prop_ci(-1, 10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_prop_ci(1, -10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_prop_ci(11, 10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_COUNT_EXCEEDS_TOTAL);
  assert_status(fgroi_prop_ci(0, 0, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_EMPTY);
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_WILSON, NAN, FGROI_TWO_SIDED, &ci), FGROI_E_NAN);
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_WILSON, 1.0, FGROI_TWO_SIDED, &ci), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_WILSON, 0.0, FGROI_TWO_SIDED, &ci), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_WILSON, -0.5, FGROI_TWO_SIDED, &ci), FGROI_E_CONF_LEVEL);
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_WILSON, 0.95, (fgroi_alternative)7, &ci), FGROI_E_ALTERNATIVE);
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_TANGO, 0.95, FGROI_TWO_SIDED, &ci), FGROI_E_METHOD);
  cr_assert_eq(ci.lower, 42.0, "result touched on error");
  fgroi_interval small = FGROI_INIT(fgroi_interval);
  small.struct_size = 8;
  assert_status(fgroi_prop_ci(1, 10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &small), FGROI_E_STRUCT_SIZE);

  fgroi_test t = FGROI_INIT(fgroi_test);
  t.p_value = 42.0;
  assert_status(fgroi_prop_test(1, 10, 1.5, FGROI_METHOD_EXACT, FGROI_TWO_SIDED, &t), FGROI_E_PROBABILITY);
  assert_status(fgroi_prop_test(1, 10, NAN, FGROI_METHOD_EXACT, FGROI_TWO_SIDED, &t), FGROI_E_NAN);
  assert_status(fgroi_prop_test(1, 10, 0.5, FGROI_METHOD_WILSON, FGROI_TWO_SIDED, &t), FGROI_E_METHOD);
  cr_assert_eq(t.p_value, 42.0);
}

/* A caller compiled against a smaller (older) struct gets only what fits. */
Test(prop_abi, writes_only_what_fits) {
  struct { fgroi_interval ci; double canary; } s;
  memset(&s, 0, sizeof s);
  s.ci.struct_size = offsetof(fgroi_interval, upper) + sizeof(double);
  s.ci.conf_level = -1.0;
  s.canary = 7.0;
  /* a too-small struct is refused; the first-release size is accepted */
  assert_status(fgroi_prop_ci(3, 10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &s.ci), FGROI_E_STRUCT_SIZE);
  s.ci.struct_size = sizeof(fgroi_interval);
  assert_ok(fgroi_prop_ci(3, 10, FGROI_METHOD_WILSON, 0.95, FGROI_TWO_SIDED, &s.ci));
  cr_assert_eq(s.canary, 7.0);
  cr_assert_eq(s.ci.struct_size, sizeof(fgroi_interval));
}
