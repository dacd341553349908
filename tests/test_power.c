/* Tests for lib/power.c. Reference values:
 * - R 4.2 stats::power.prop.test and power.t.test (printed with
 *   sprintf("%.17g"); sample sizes and MDEs with tol = 1e-12 so that R's
 *   root is accurate beyond the 1e-8 checked here);
 * - McNemar (Connor 1987, Miettinen 1968) and NPS formulas evaluated
 *   independently in R (script in the comment above each table);
 * - exact power: an enumeration written here from scratch (Fisher's
 *   two-sided p-value per table from the hypergeometric pmf, as
 *   fisher.test), and scipy 1.10 boschloo_exact / barnard_exact regions. */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "fgroi_test.h"

/* ---- issue 14: no NaN with FGROI_OK at extreme inputs ------------------- */

Test(harden, power_nps_mde_denormal_ratio) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.ratio = 4.9e-324;
  double ch = -9;
  assert_status(fgroi_power_nps_mde(0.5, 0.2, 100, 0.8, &o, &ch), FGROI_E_OUT_OF_RANGE);
  cr_assert(ch == -9);
  o.ratio = 1.0;
  fgroi_status s = fgroi_power_nps_mde(0.5, 0.2, 4.9e-324, 0.8, &o, &ch);
  cr_assert(s != FGROI_OK || isfinite(ch), "%s %g", fgroi_status_name(s), ch);
}


static fgroi_power_options opts(double alpha, int one_sided, int strict) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.alpha = alpha;
  o.alternative = one_sided ? FGROI_GREATER : FGROI_TWO_SIDED;
  o.strict = strict;
  return o;
}

/* power.prop.test(n, p1, p2, sig.level, alternative, strict)$power;
 * one-sided rows have p1 > p2 (alternative greater) except where noted */
static const struct { double n, p1, p2, alpha; int one, strict; double power; } prop_pow[] = {
  { 50, 0.45, 0.7, 0.05, 0, 0, 0.72164821728458151 },
  { 12, 0.3, 0.8, 0.05, 0, 0, 0.7192054647502264 },
  { 12, 0.3, 0.8, 0.05, 0, 1, 0.71920562206580552 },
  { 100, 0.2, 0.1, 0.01, 1, 0, 0.36335841749283809 },
  { 7.5, 0.6, 0.4, 0.1, 0, 1, 0.19398407980830887 },
  { 2000, 0.5, 0.53, 0.05, 0, 0, 0.47537266873386025 },
};

Test(power_prop2, power_matches_power_prop_test) {
  for (size_t i = 0; i < sizeof prop_pow / sizeof prop_pow[0]; i++) {
    fgroi_power_options o = opts(prop_pow[i].alpha, prop_pow[i].one, prop_pow[i].strict);
    double pw = -1;
    assert_ok(fgroi_power_prop2(prop_pow[i].p1, prop_pow[i].p2, prop_pow[i].n, &o, &pw));
    assert_rel(pw, prop_pow[i].power, 1e-12);
  }
}

/* power.prop.test(p1, p2, power, sig.level, alternative, strict, tol = 1e-12)$n */
static const struct { double p1, p2, power, alpha; int one, strict; double n; } prop_n[] = {
  { 0.45, 0.7, 0.8, 0.05, 0, 0, 60.18567988771693 },
  { 0.45, 0.7, 0.8, 0.05, 0, 1, 60.185605512857549 },
  { 0.3, 0.8, 0.9, 0.05, 0, 1, 18.636390022469115 },
  { 0.2, 0.1, 0.8, 0.01, 1, 0, 254.58075935390934 },
  { 0.5, 0.53, 0.9, 0.05, 0, 0, 5830.126177202259 },
  { 0.1, 0.9, 0.5, 0.05, 0, 1, 3.001139703519037 },
};

Test(power_prop2, n_matches_power_prop_test) {
  for (size_t i = 0; i < sizeof prop_n / sizeof prop_n[0]; i++) {
    fgroi_power_options o = opts(prop_n[i].alpha, prop_n[i].one, prop_n[i].strict);
    double n = -1;
    assert_ok(fgroi_power_prop2_n(prop_n[i].p1, prop_n[i].p2, prop_n[i].power, &o, &n));
    assert_rel(n, prop_n[i].n, 1e-9);
    /* round trip */
    double pw;
    assert_ok(fgroi_power_prop2(prop_n[i].p1, prop_n[i].p2, n, &o, &pw));
    assert_rel(pw, prop_n[i].power, 1e-12);
  }
}

Test(power_prop2, defaults_and_less) {
  double a, b;
  assert_ok(fgroi_power_prop2(0.45, 0.7, 50, NULL, &a));
  assert_rel(a, 0.72164821728458151, 1e-12);
  /* less with p1 < p2 equals greater with p1 > p2 */
  fgroi_power_options lo = opts(0.01, 1, 0), gr = opts(0.01, 1, 0);
  lo.alternative = FGROI_LESS;
  assert_ok(fgroi_power_prop2(0.1, 0.2, 100, &lo, &a));
  assert_ok(fgroi_power_prop2(0.2, 0.1, 100, &gr, &b));
  assert_rel(a, b, 1e-14);
  assert_rel(a, 0.36335841749283809, 1e-12);
  /* effect against the tested direction: small power, n not estimable */
  assert_ok(fgroi_power_prop2(0.1, 0.2, 100, &gr, &a));
  cr_assert(a < 0.01);
  assert_status(fgroi_power_prop2_n(0.1, 0.2, 0.8, &gr, &a), FGROI_E_NOT_ESTIMABLE);
}

/* power.prop.test(n = 50, p1 = .45, power = .8, tol = 1e-12)$p2,
 * power.prop.test(n = 50, p2 = .45, power = .8, tol = 1e-12)$p1,
 * power.prop.test(n = 12, p1 = .3, power = .8, strict = TRUE, tol = 1e-12)$p2 */
Test(power_prop2, mde_matches_power_prop_test) {
  double p;
  assert_ok(fgroi_power_prop2_mde(0.45, 50, 0.8, 1, NULL, &p));
  assert_rel(p, 0.72270796105385782, 1e-9);
  assert_ok(fgroi_power_prop2_mde(0.45, 50, 0.8, 0, NULL, &p));
  assert_rel(p, 0.19153170782609671, 1e-9);
  fgroi_power_options o = opts(0.05, 0, 1);
  assert_ok(fgroi_power_prop2_mde(0.3, 12, 0.8, 1, &o, &p));
  assert_rel(p, 0.83892672409949642, 1e-9);
  /* too small a study: nothing on that side reaches 99.9% power */
  assert_status(fgroi_power_prop2_mde(0.9, 3, 0.999, 1, NULL, &p), FGROI_E_NOT_ESTIMABLE);
}

/* power.t.test(n, delta, sd, sig.level, type, alternative, strict)$power;
 * two = type "two.sample" (else "paired"/"one.sample"), one = "one.sided" */
static const struct { double n, delta, sd, alpha; int two, one, strict; double power; } t_pow[] = {
  { 20, 1, 1, 0.05, 1, 0, 0, 0.86895280169249778 },
  { 20, 1, 1, 0.05, 1, 0, 1, 0.8689530277245856 },
  { 8, 0.7, 1.3, 0.05, 0, 0, 0, 0.26081539209509741 },
  { 10, 0.5, 1, 0.05, 0, 1, 0, 0.42728982677135119 },
  { 3, 2, 1, 0.05, 1, 0, 1, 0.46264081189142692 },
  { 500, 0.1, 1, 0.01, 1, 0, 0, 0.15930528273995492 },
  { 2.5, 1, 1, 0.1, 0, 1, 0, 0.44538719488470546 },
};

Test(power_t, power_matches_power_t_test) {
  for (size_t i = 0; i < sizeof t_pow / sizeof t_pow[0]; i++) {
    fgroi_power_options o = opts(t_pow[i].alpha, t_pow[i].one, t_pow[i].strict);
    fgroi_method m = t_pow[i].two ? FGROI_METHOD_STUDENT : FGROI_METHOD_PAIRED_T;
    double pw = -1;
    assert_ok(fgroi_power_t(t_pow[i].delta, t_pow[i].sd, t_pow[i].n, m, &o, &pw));
    assert_rel(pw, t_pow[i].power, 1e-10);
    if (!t_pow[i].one) { /* two-sided: the sign of delta does not matter */
      assert_ok(fgroi_power_t(-t_pow[i].delta, t_pow[i].sd, t_pow[i].n, m, &o, &pw));
      assert_rel(pw, t_pow[i].power, 1e-10);
    }
  }
}

/* power.t.test(delta, sd, power, ..., tol = 1e-12)$n */
static const struct { double power, delta, sd, alpha; int two, one, strict; double n; } t_n[] = {
  { 0.8, 1, 1, 0.05, 1, 0, 0, 16.714759831157942 },
  { 0.8, 1, 1, 0.05, 1, 0, 1, 16.714722447028805 },
  { 0.5, 1, 1.5, 0.05, 0, 0, 0, 10.667619453320926 },
  { 0.9, 0.3, 1, 0.01, 1, 1, 0, 290.62257286358442 },
  { 0.9, 2, 1, 0.05, 0, 0, 0, 4.9124172266985946 },
};

Test(power_t, n_and_mde_match_power_t_test) {
  for (size_t i = 0; i < sizeof t_n / sizeof t_n[0]; i++) {
    fgroi_power_options o = opts(t_n[i].alpha, t_n[i].one, t_n[i].strict);
    fgroi_method m = t_n[i].two ? FGROI_METHOD_STUDENT : FGROI_METHOD_PAIRED_T;
    double n = -1;
    assert_ok(fgroi_power_t_n(t_n[i].delta, t_n[i].sd, t_n[i].power, m, &o, &n));
    assert_rel(n, t_n[i].n, 1e-8);
  }
  /* power.t.test(n = 20, sd = 1, power = .8, tol = 1e-12)$delta;
   * power.t.test(n = 12, sd = 2, power = .9, type = "paired", tol = 1e-12)$delta */
  double d;
  assert_ok(fgroi_power_t_mde(1, 20, 0.8, FGROI_METHOD_DEFAULT, NULL, &d));
  assert_rel(d, 0.9091301276269429, 1e-8);
  assert_ok(fgroi_power_t_mde(2, 12, 0.9, FGROI_METHOD_PAIRED_T, NULL, &d));
  assert_rel(d, 2.0589432468767717, 1e-8);
}

/* Connor (1987) and Miettinen (1968) evaluated in R:
 * conn_pow <- function(p10,p01,n,a=.05,side=2,mi=FALSE){d<-abs(p10-p01);psi<-p10+p01;
 *   v<-if(mi) psi-d^2*(3+psi)/(4*psi) else psi-d^2;
 *   pnorm((sqrt(n)*d-qnorm(1-a/side)*sqrt(psi))/sqrt(v))}
 * conn_n <- ... (qnorm(1-a/side)*sqrt(psi)+qnorm(pw)*sqrt(v))^2/d^2
 * Miettinen's n also equals (qnorm(.975)*psi+qnorm(.8)*sqrt(psi^2-d^2*(3+psi)/4))^2/(psi*d^2)
 * (the form in MD Anderson's STPLAN PMPD routine): 51.86669216596686.
 * Published example (Connor 1987, as on powerandsamplesize.com): p01 = .45,
 * p10 = .05, alpha .05 two-sided, power .8: n = 22.011324427435788 (23 pairs). */
Test(power_mcnemar, connor_and_miettinen) {
  double v;
  assert_ok(fgroi_power_mcnemar(0.25, 0.05, 40, FGROI_METHOD_DEFAULT, NULL, &v));
  assert_rel(v, 0.64630200771317348, 1e-12);
  assert_ok(fgroi_power_mcnemar(0.25, 0.05, 40, FGROI_METHOD_MIETTINEN, NULL, &v));
  assert_rel(v, 0.66970157512654116, 1e-12);
  assert_ok(fgroi_power_mcnemar_n(0.25, 0.05, 0.8, FGROI_METHOD_MCNEMAR, NULL, &v));
  assert_rel(v, 56.449736660911363, 1e-12);
  assert_ok(fgroi_power_mcnemar_n(0.25, 0.05, 0.8, FGROI_METHOD_MIETTINEN, NULL, &v));
  assert_rel(v, 51.866692165966846, 1e-12);
  assert_ok(fgroi_power_mcnemar_n(0.05, 0.45, 0.8, FGROI_METHOD_MCNEMAR, NULL, &v));
  assert_rel(v, 22.011324427435788, 1e-12);
  cr_assert_eq(ceil(v), 23);
  fgroi_power_options o = opts(0.025, 1, 0);
  o.alternative = FGROI_LESS; /* p10 < p01 */
  assert_ok(fgroi_power_mcnemar_n(0.1, 0.3, 0.9, FGROI_METHOD_MCNEMAR, &o, &v));
  assert_rel(v, 100.85391558129025, 1e-12);
  /* strict adds the far tail: n a little smaller, power round trips */
  o = opts(0.05, 0, 1);
  double ns, pw;
  assert_ok(fgroi_power_mcnemar_n(0.25, 0.05, 0.8, FGROI_METHOD_MCNEMAR, &o, &ns));
  cr_assert(ns <= 56.449736660911363 && ns > 56.0);
  assert_ok(fgroi_power_mcnemar(0.25, 0.05, ns, FGROI_METHOD_MCNEMAR, &o, &pw));
  assert_rel(pw, 0.8, 1e-10);
  /* all discordance one way: no variance under H1 */
  assert_ok(fgroi_power_mcnemar(1.0, 0.0, 4, FGROI_METHOD_MCNEMAR, NULL, &pw));
  cr_assert(pw == 1.0);
  assert_status(fgroi_power_mcnemar_n(1.0, 0.0, 0.8, FGROI_METHOD_MCNEMAR, NULL, &pw),
                FGROI_E_ZERO_VARIANCE);
}

/* NPS in R: v <- function(p,d) p+d-(p-d)^2; dd <- |NPS2 - NPS1|;
 * pnorm(dd/sqrt(v1/n+v2/(r n)) - qnorm(1-a/2));
 * n = (qnorm(1-a/2)+qnorm(pw))^2 (v1 + v2/r) / dd^2 */
Test(power_nps, power_and_n) {
  double v;
  assert_ok(fgroi_power_nps(0.4, 0.2, 0.5, 0.15, 100, NULL, &v));
  assert_rel(v, 0.30098345709051277, 1e-12);
  assert_ok(fgroi_power_nps_n(0.4, 0.2, 0.5, 0.15, 0.8, NULL, &v));
  assert_rel(v, 379.36252049353942, 1e-12);
  fgroi_power_options o = opts(0.05, 0, 0);
  o.ratio = 2;
  assert_ok(fgroi_power_nps_n(0.4, 0.2, 0.5, 0.15, 0.8, &o, &v));
  assert_rel(v, 287.35620805200278, 1e-12);
  /* strict: root-found, round trip */
  o = opts(0.05, 0, 1);
  double pw;
  assert_ok(fgroi_power_nps_n(0.4, 0.2, 0.5, 0.15, 0.8, &o, &v));
  assert_ok(fgroi_power_nps(0.4, 0.2, 0.5, 0.15, v, &o, &pw));
  assert_rel(pw, 0.8, 1e-10);
  assert_status(fgroi_power_nps(1, 0, 1, 0, 10, NULL, &pw), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_power_nps_n(0.4, 0.2, 0.4, 0.2, 0.8, NULL, &pw), FGROI_E_NOT_ESTIMABLE);
}

/* The one NPS planning API (issue 15; nps.h's fgroi_nps_power /
 * fgroi_nps_n_per_wave are gone). References from
 * tests/bench/nps/reference/power_two_waves.py (scipy, written from
 * scratch): for 34 -> 52 points, shares (0.60, 0.26) -> (0.68, 0.16), 50
 * per wave, normal approximation 0.197770 (non-strict, as R's
 * power.prop.test), 0.198839 (strict: both tails; what nps.h gave), exact
 * power of the unpooled Wald z test by enumeration 0.207593; n for 80%
 * 318.315678, and at 319 per wave the exact Wald power is 0.801119 (20 ->
 * 35 points: 379.36 -> 380 per wave, exact 0.800272). */
Test(power_nps, one_planning_api_against_enumeration) {
  double pw, n;
  assert_ok(fgroi_power_nps(0.60, 0.26, 0.68, 0.16, 50, NULL, &pw));
  assert_rel(pw, 0.19777, 5e-6);
  fgroi_power_options o = opts(0.05, 0, 1);
  assert_ok(fgroi_power_nps(0.60, 0.26, 0.68, 0.16, 50, &o, &pw));
  assert_rel(pw, 0.198839, 5e-6);
  cr_assert(fabs(pw - 0.207593) < 0.01, "normal approximation %g vs exact Wald 0.207593", pw);
  assert_ok(fgroi_power_nps_n(0.60, 0.26, 0.68, 0.16, 0.8, NULL, &n));
  assert_rel(n, 318.315678, 1e-8);
  cr_assert_eq(ceil(n), 319.0); /* exact Wald power at 319 per wave: 0.801119 */
  assert_ok(fgroi_power_nps(0.60, 0.26, 0.68, 0.16, ceil(n), NULL, &pw));
  cr_assert(pw >= 0.8 && fabs(pw - 0.801119) < 0.001, "power at 319: %g", pw);
  assert_ok(fgroi_power_nps(0.40, 0.20, 0.50, 0.15, 380, NULL, &pw));
  cr_assert(fabs(pw - 0.800272) < 0.001, "power at 380: %g", pw);
  /* unequal waves: n2 = ratio n1 (what nps.h's n_before / n_after gave) */
  o = opts(0.05, 0, 0);
  o.ratio = 1.5;
  double v1 = 0.86 - 0.34 * 0.34, v2 = 0.84 - 0.52 * 0.52, z = 1.959963984540054;
  assert_ok(fgroi_power_nps(0.60, 0.26, 0.68, 0.16, 40, &o, &pw));
  assert_rel(pw, 0.5 * erfc(-(0.18 / sqrt(v1 / 40 + v2 / 60) - z) / sqrt(2.0)), 1e-12);
  /* no change: no sample size reaches any power */
  assert_status(fgroi_power_nps_n(0.5, 0.2, 0.5, 0.2, 0.8, NULL, &n), FGROI_E_NOT_ESTIMABLE);
}

Test(power_bad_input, walk_through) {
  double out = -7;
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  fgroi_power_options small = o;
  small.struct_size = 8;
  /* NULL outputs */
  assert_status(fgroi_power_prop2(0.3, 0.5, 10, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_prop2_n(0.3, 0.5, 0.8, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_prop2_mde(0.3, 10, 0.8, 1, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_prop2_exact(0.3, 0.5, 10, 10, FGROI_METHOD_FISHER, NULL, NULL),
                FGROI_E_NULL);
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.5, 0.8, FGROI_METHOD_FISHER, NULL, NULL),
                FGROI_E_NULL);
  assert_status(fgroi_power_mcnemar(0.3, 0.1, 10, 0, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_mcnemar_n(0.3, 0.1, 0.8, 0, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_t(1, 1, 10, 0, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_t_n(1, 1, 0.8, 0, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_t_mde(1, 10, 0.8, 0, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_nps(0.4, 0.2, 0.5, 0.1, 10, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_power_nps_n(0.4, 0.2, 0.5, 0.1, 0.8, NULL, NULL), FGROI_E_NULL);
  /* options struct too small */
  assert_status(fgroi_power_prop2(0.3, 0.5, 10, &small, &out), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_power_t(1, 1, 10, 0, &small, &out), FGROI_E_STRUCT_SIZE);
  fgroi_power_exact_n en = FGROI_INIT(fgroi_power_exact_n);
  en.struct_size = 8;
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.5, 0.8, 0, NULL, &en), FGROI_E_STRUCT_SIZE);
  /* NaN, Inf, probabilities */
  assert_status(fgroi_power_prop2(NAN, 0.5, 10, NULL, &out), FGROI_E_NAN);
  assert_status(fgroi_power_prop2(0.3, INFINITY, 10, NULL, &out), FGROI_E_INFINITE);
  assert_status(fgroi_power_prop2(0.3, 0.5, NAN, NULL, &out), FGROI_E_NAN);
  assert_status(fgroi_power_prop2(0.0, 0.5, 10, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_prop2(1.2, 0.5, 10, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_prop2(0.3, 0.5, 0, NULL, &out), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_prop2(0.3, 0.5, -1, NULL, &out), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_prop2_n(0.3, 0.5, 1.0, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_prop2_n(0.3, 0.5, NAN, NULL, &out), FGROI_E_NAN);
  assert_status(fgroi_power_prop2_n(0.3, 0.5, 0.01, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_prop2_n(0.3, 0.3, 0.8, NULL, &out), FGROI_E_NOT_ESTIMABLE);
  o.alpha = 1.5;
  assert_status(fgroi_power_prop2(0.3, 0.5, 10, &o, &out), FGROI_E_PROBABILITY);
  o.alpha = NAN;
  assert_status(fgroi_power_prop2(0.3, 0.5, 10, &o, &out), FGROI_E_NAN);
  o.alpha = 0.05;
  o.alternative = (fgroi_alternative)7;
  assert_status(fgroi_power_prop2(0.3, 0.5, 10, &o, &out), FGROI_E_ALTERNATIVE);
  o.alternative = FGROI_TWO_SIDED;
  o.ratio = 2;
  assert_status(fgroi_power_prop2(0.3, 0.5, 10, &o, &out), FGROI_E_OUT_OF_RANGE);
  o.ratio = -1;
  assert_status(fgroi_power_nps(0.4, 0.2, 0.5, 0.1, 10, &o, &out), FGROI_E_OUT_OF_RANGE);
  o.ratio = INFINITY;
  assert_status(fgroi_power_nps(0.4, 0.2, 0.5, 0.1, 10, &o, &out), FGROI_E_INFINITE);
  /* exact: counts, methods */
  assert_status(fgroi_power_prop2_exact(0.3, 0.5, -1, 10, 0, NULL, &out), FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi_power_prop2_exact(0.3, 0.5, 0, 10, 0, NULL, &out), FGROI_E_EMPTY);
  assert_status(fgroi_power_prop2_exact(0.3, 0.5, 10, 10, FGROI_METHOD_WALD, NULL, &out),
                FGROI_E_METHOD);
  assert_status(fgroi_power_prop2_exact(-0.1, 0.5, 10, 10, 0, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_prop2_exact(0.3, 0.5, 100000, 10, 0, NULL, &out), FGROI_E_TOO_LARGE);
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.3, 0.8, 0, NULL, &en), FGROI_E_STRUCT_SIZE);
  en.struct_size = sizeof en;
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.3, 0.8, 0, NULL, &en), FGROI_E_NOT_ESTIMABLE);
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.5, 0.8, FGROI_METHOD_HOLM, NULL, &en),
                FGROI_E_METHOD);
  /* McNemar */
  assert_status(fgroi_power_mcnemar(0.7, 0.5, 10, 0, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_mcnemar(0.3, 0.1, 10, FGROI_METHOD_WALD, NULL, &out), FGROI_E_METHOD);
  assert_status(fgroi_power_mcnemar(0, 0, 10, 0, NULL, &out), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_power_mcnemar(0.3, NAN, 10, 0, NULL, &out), FGROI_E_NAN);
  assert_status(fgroi_power_mcnemar_n(0.2, 0.2, 0.8, 0, NULL, &out), FGROI_E_NOT_ESTIMABLE);
  /* t */
  assert_status(fgroi_power_t(1, 0, 10, 0, NULL, &out), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_t(1, 1, 1, 0, NULL, &out), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_t(NAN, 1, 10, 0, NULL, &out), FGROI_E_NAN);
  assert_status(fgroi_power_t(1, INFINITY, 10, 0, NULL, &out), FGROI_E_INFINITE);
  assert_status(fgroi_power_t(1, 1, 10, FGROI_METHOD_WELCH, NULL, &out), FGROI_E_METHOD);
  assert_status(fgroi_power_t_n(0, 1, 0.8, 0, NULL, &out), FGROI_E_NOT_ESTIMABLE);
  assert_status(fgroi_power_t_n(1, 1, 0, 0, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_t_mde(1, 10, 1.0, 0, NULL, &out), FGROI_E_PROBABILITY);
  /* MDE */
  fgroi_power_options g = FGROI_INIT(fgroi_power_options);
  g.alternative = FGROI_GREATER;
  assert_status(fgroi_power_prop2_mde(0.3, 10, 0.8, 0, &g, &out), FGROI_E_ALTERNATIVE);
  assert_status(fgroi_power_prop2_mde(0.3, 0, 0.8, 1, NULL, &out), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_prop2_mde(1.3, 10, 0.8, 1, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_prop2_mde(0.3, 10, NAN, 1, NULL, &out), FGROI_E_NAN);
  assert_status(fgroi_power_prop2_mde(0.3, 10, 0.8, 1, &small, &out), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_power_t_mde(0, 10, 0.8, 0, NULL, &out), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_t_mde(1, 1, 0.8, 0, NULL, &out), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_t_mde(1, 10, 0.8, FGROI_METHOD_FISHER, NULL, &out), FGROI_E_METHOD);
  /* exact n: target, ratio */
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.5, 1.0, 0, NULL, &en), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_prop2_exact_n(0.3, NAN, 0.8, 0, NULL, &en), FGROI_E_NAN);
  assert_status(fgroi_power_prop2_exact_n(0.50, 0.51, 0.9, 0, NULL, &en), FGROI_E_TOO_LARGE);
  fgroi_power_options neg = FGROI_INIT(fgroi_power_options);
  neg.ratio = -2;
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.5, 0.8, 0, &neg, &en), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_prop2_exact_n(0.3, 0.5, 0.8, 0, &g, &en), FGROI_E_NOT_ESTIMABLE);
  /* McNemar n and NPS n: targets */
  assert_status(fgroi_power_mcnemar_n(0.3, 0.1, 1.5, 0, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_mcnemar_n(0.3, 0.1, 0.8, 0, &small, &out), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_power_nps_n(0.4, 0.2, 0.5, 0.1, -0.2, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_nps_n(0.4, 0.2, 0.5, INFINITY, 0.8, NULL, &out), FGROI_E_INFINITE);
  /* NPS */
  assert_status(fgroi_power_nps(0.7, 0.5, 0.5, 0.1, 10, NULL, &out), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_nps(0.4, 0.2, 0.5, 0.1, 0, NULL, &out), FGROI_E_OUT_OF_RANGE);
  cr_assert(out == -7);
  cr_assert(en.n1 == 0 && en.evaluations == 0);
}

/* ---- exact power ------------------------------------------------------------ */

/* Independent enumeration: Fisher's exact test on every table, written here
 * from the hypergeometric pmf (two-sided: tables no more probable than the
 * observed, relative tolerance 1e-7, as R's fisher.test; greater: P(X1 >=
 * x1 | margins)), then the binomial probability of the rejection region. */
static double lchoose_t(double n, double k) { return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1); }

static double fisher_p(int x1, int n1, int x2, int n2, fgroi_alternative alt) {
  int s = x1 + x2, lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1;
  double d[2048], tot = 0, p = 0;
  for (int y = lo; y <= hi; y++) {
    d[y - lo] = exp(lchoose_t(n1, y) + lchoose_t(n2, s - y) - lchoose_t(n1 + n2, s));
    tot += d[y - lo];
  }
  for (int y = lo; y <= hi; y++) {
    double dy = d[y - lo] / tot, dx = d[x1 - lo] / tot;
    if (alt == FGROI_GREATER ? y >= x1 : dy <= dx * (1 + 1e-7)) p += dy;
  }
  return p;
}

static double dbinom_t(int x, int n, double p) {
  return exp(lchoose_t(n, x) + (x ? x * log(p) : 0) + (n - x ? (n - x) * log1p(-p) : 0));
}

static double fisher_power_enum(int n1, int n2, double p1, double p2, double alpha,
                                fgroi_alternative alt) {
  double pw = 0;
  for (int x1 = 0; x1 <= n1; x1++)
    for (int x2 = 0; x2 <= n2; x2++)
      if (fisher_p(x1, n1, x2, n2, alt) <= alpha) pw += dbinom_t(x1, n1, p1) * dbinom_t(x2, n2, p2);
  return pw;
}

Test(power_exact, fisher_matches_independent_enumeration) {
  const struct { int n1, n2; double p1, p2, alpha; fgroi_alternative alt; } c[] = {
    { 10, 10, 0.2, 0.7, 0.05, FGROI_TWO_SIDED }, { 8, 12, 0.8, 0.3, 0.05, FGROI_TWO_SIDED },
    { 12, 12, 0.9, 0.4, 0.05, FGROI_GREATER },   { 60, 60, 0.45, 0.7, 0.05, FGROI_TWO_SIDED },
    { 69, 69, 0.45, 0.7, 0.05, FGROI_TWO_SIDED }, { 68, 68, 0.45, 0.7, 0.05, FGROI_TWO_SIDED },
    { 5, 30, 0.5, 0.1, 0.10, FGROI_TWO_SIDED },  { 1, 1, 0.5, 0.5, 0.05, FGROI_TWO_SIDED },
    { 15, 9, 0.0, 1.0, 0.05, FGROI_TWO_SIDED },
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
    fgroi_power_options o = FGROI_INIT(fgroi_power_options);
    o.alpha = c[i].alpha;
    o.alternative = c[i].alt;
    double pw = -1;
    assert_ok(fgroi_power_prop2_exact(c[i].p1, c[i].p2, c[i].n1, c[i].n2, FGROI_METHOD_FISHER, &o, &pw));
    assert_rel(pw, fisher_power_enum(c[i].n1, c[i].n2, c[i].p1, c[i].p2, c[i].alpha, c[i].alt), 1e-10);
  }
}

/* scipy 1.10: sum of binom.pmf(x1,n1,p1) binom.pmf(x2,n2,p2) over tables
 * with barnard_exact / boschloo_exact([[x1,x2],[n1-x1,n2-x2]],
 * alternative, n=64).pvalue <= 0.05 */
Test(power_exact, barnard_boschloo_match_scipy_regions) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  double pw;
  assert_ok(fgroi_power_prop2_exact(0.8, 0.3, 8, 12, FGROI_METHOD_BARNARD, &o, &pw));
  assert_rel(pw, 0.57011547030622345, 1e-10);
  assert_ok(fgroi_power_prop2_exact(0.8, 0.3, 8, 12, FGROI_METHOD_BOSCHLOO, &o, &pw));
  assert_rel(pw, 0.59148269353947147, 1e-10);
  o.alternative = FGROI_GREATER;
  assert_ok(fgroi_power_prop2_exact(0.7, 0.2, 10, 10, FGROI_METHOD_BARNARD, &o, &pw));
  assert_rel(pw, 0.73444216367420045, 1e-10);
  assert_ok(fgroi_power_prop2_exact(0.7, 0.2, 10, 10, FGROI_METHOD_BOSCHLOO, &o, &pw));
  assert_rel(pw, 0.73345339959798161, 1e-10);
}

Test(power_exact, less_mirrors_greater) {
  /* swapping the arms turns "less" into "greater" (equal group sizes) */
  const fgroi_method ms[] = { FGROI_METHOD_FISHER, FGROI_METHOD_BARNARD, FGROI_METHOD_BOSCHLOO };
  fgroi_power_options lo = FGROI_INIT(fgroi_power_options), gr = lo;
  lo.alternative = FGROI_LESS;
  gr.alternative = FGROI_GREATER;
  for (size_t i = 0; i < 3; i++) {
    double a, b;
    assert_ok(fgroi_power_prop2_exact(0.2, 0.7, 10, 10, ms[i], &lo, &a));
    assert_ok(fgroi_power_prop2_exact(0.7, 0.2, 10, 10, ms[i], &gr, &b));
    assert_rel(a, b, 1e-12);
  }
  double f;
  assert_ok(fgroi_power_prop2_exact(0.2, 0.7, 10, 10, FGROI_METHOD_FISHER, &lo, &f));
  assert_rel(f, fisher_power_enum(10, 10, 0.7, 0.2, 0.05, FGROI_GREATER), 1e-10);
}

Test(power_exact, size_under_null_at_most_alpha) {
  /* p1 = p2: the power is the test's size, <= alpha for every exact test */
  const fgroi_method ms[] = { FGROI_METHOD_FISHER, FGROI_METHOD_BARNARD, FGROI_METHOD_BOSCHLOO };
  for (size_t i = 0; i < 3; i++)
    for (double p = 0.05; p < 1; p += 0.15) {
      double pw;
      assert_ok(fgroi_power_prop2_exact(p, p, 11, 9, ms[i], NULL, &pw));
      cr_assert(pw <= 0.05 + 1e-12, "%s size %g at p=%g", fgroi_method_name(ms[i]), pw, p);
    }
}

Test(power_exact, sample_size_p45_p70) {
  /* p .45 vs .70, 80% power, two-sided 5%: normal n = 60.19 per arm
   * (power.prop.test); exact Fisher needs 69 (power at 68 checked below
   * by the independent enumeration), Barnard and Boschloo 62. */
  fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n);
  assert_ok(fgroi_power_prop2_exact_n(0.45, 0.70, 0.8, FGROI_METHOD_FISHER, NULL, &r));
  cr_assert_eq(r.n1, 69);
  cr_assert_eq(r.n2, 69);
  assert_rel(r.power, fisher_power_enum(69, 69, 0.45, 0.70, 0.05, FGROI_TWO_SIDED), 1e-10);
  cr_assert(fisher_power_enum(68, 68, 0.45, 0.70, 0.05, FGROI_TWO_SIDED) < 0.8);
  cr_assert(r.power >= 0.8);
  assert_rel(r.n1_normal, 60.18567988771693, 1e-9);
  cr_assert(r.n1_stable >= r.n1 && r.power_stable >= 0.8 && r.evaluations > 0);
  const fgroi_method ms[] = { FGROI_METHOD_BARNARD, FGROI_METHOD_BOSCHLOO };
  for (size_t i = 0; i < 2; i++) {
    assert_ok(fgroi_power_prop2_exact_n(0.45, 0.70, 0.8, ms[i], NULL, &r));
    cr_assert_eq(r.n1, 62);
    double below;
    assert_ok(fgroi_power_prop2_exact(0.45, 0.70, 61, 61, ms[i], NULL, &below));
    cr_assert(below < 0.8 && r.power >= 0.8);
  }
}

Test(power_exact, saw_tooth_and_ratio) {
  /* exact power is not monotone in n: find a dip in Fisher's power for
   * p .2 vs .6, n = 10..40 (one more participant can lower the power) */
  double prev = 0;
  int dips = 0;
  for (int n = 10; n <= 40; n++) {
    double pw;
    assert_ok(fgroi_power_prop2_exact(0.2, 0.6, n, n, FGROI_METHOD_FISHER, NULL, &pw));
    if (pw < prev) dips++;
    prev = pw;
  }
  cr_assert(dips > 0);
  /* the returned n1 is the smallest reaching the target in the search: the
   * one below misses it; with ratio 2, n2 = 2 n1 */
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.ratio = 2;
  fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n);
  assert_ok(fgroi_power_prop2_exact_n(0.2, 0.6, 0.8, FGROI_METHOD_FISHER, &o, &r));
  cr_assert_eq(r.n2, 2 * r.n1);
  double pw;
  assert_ok(fgroi_power_prop2_exact(0.2, 0.6, r.n1 - 1, 2 * (r.n1 - 1), FGROI_METHOD_FISHER, NULL, &pw));
  cr_assert(pw < 0.8);
  assert_rel(r.power, fisher_power_enum((int)r.n1, (int)r.n2, 0.2, 0.6, 0.05, FGROI_TWO_SIDED), 1e-10);
}

Test(power_exact, search_equals_brute_force_smallest_n) {
  /* the windowed search returns the same n1 as scanning n = 1, 2, ...
   * (checked ad hoc also for Boschloo and one-sided: 160/160 agree) */
  const double ps[][2] = { { .45, .70 }, { .2, .6 }, { .1, .5 }, { .3, .5 }, { .5, .9 },
                           { .05, .3 },  { .6, .8 }, { .7, .95 }, { .15, .45 }, { .4, .75 } };
  const double targets[] = { 0.5, 0.7, 0.8, 0.9 };
  for (size_t i = 0; i < 10; i++)
    for (size_t t = 0; t < 4; t++) {
      fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n);
      assert_ok(fgroi_power_prop2_exact_n(ps[i][0], ps[i][1], targets[t], FGROI_METHOD_FISHER, NULL, &r));
      int64_t first = -1;
      for (int64_t n = 1; n <= r.n1 && first < 0; n++) {
        double pw;
        assert_ok(fgroi_power_prop2_exact(ps[i][0], ps[i][1], n, n, FGROI_METHOD_FISHER, NULL, &pw));
        if (pw >= targets[t]) first = n;
      }
      cr_assert_eq(first, r.n1, "p %g vs %g, target %g", ps[i][0], ps[i][1], targets[t]);
    }
}

/* Independent brute force at planning sizes: every margin s, the
 * hypergeometric from lgamma normalised by its sum, Fisher's two-sided
 * p-value of every table by sorting the margin (as R's fisher.test: sum
 * of probabilities <= d[x] (1 + 1e-7)), power = sum over rejected tables
 * of dbinom x dbinom. O(N n log n): about a second at 1,600 per arm. */
static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double fisher_power_columns(int n1, int n2, double p1, double p2, double alpha) {
  int N = n1 + n2;
  double *d = malloc((size_t)(n1 + 1) * sizeof *d), *srt = malloc((size_t)(n1 + 1) * sizeof *srt);
  double *cs = malloc((size_t)(n1 + 2) * sizeof *cs);
  double *b1 = malloc((size_t)(n1 + 1) * sizeof *b1), *b2 = malloc((size_t)(n2 + 1) * sizeof *b2);
  cr_assert(d && srt && cs && b1 && b2);
  for (int x = 0; x <= n1; x++) b1[x] = dbinom_t(x, n1, p1);
  for (int x = 0; x <= n2; x++) b2[x] = dbinom_t(x, n2, p2);
  double pw = 0;
  for (int s = 0; s <= N; s++) {
    int lo = s - n2 > 0 ? s - n2 : 0, hi = s < n1 ? s : n1, m = hi - lo + 1;
    double tot = 0;
    for (int y = lo; y <= hi; y++) {
      d[y - lo] = exp(lchoose_t(n1, y) + lchoose_t(n2, s - y) - lchoose_t(N, s));
      tot += d[y - lo];
    }
    for (int k = 0; k < m; k++) d[k] /= tot;
    memcpy(srt, d, (size_t)m * sizeof *d);
    qsort(srt, (size_t)m, sizeof *srt, cmp_dbl);
    cs[0] = 0;
    for (int k = 0; k < m; k++) cs[k + 1] = cs[k] + srt[k];
    for (int y = lo; y <= hi; y++) {
      double thr = d[y - lo] * (1 + 1e-7);
      int a = 0, b = m; /* number of sorted values <= thr */
      while (a < b) {
        int mid = (a + b) / 2;
        if (srt[mid] <= thr) a = mid + 1; else b = mid;
      }
      if (cs[a] <= alpha) pw += b1[y] * b2[s - y];
    }
  }
  free(d); free(srt); free(cs); free(b1); free(b2);
  return pw;
}

Test(power_exact, planning_size_matches_brute_force, .timeout = 120) {
  /* 0.50 vs 0.55, 80% power, two-sided 5%: the exact Fisher n is 1606
   * per arm (power.prop.test: 1564.5); the brute force agrees on the
   * power at 1606 and that 1605 misses the target */
  fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n);
  assert_ok(fgroi_power_prop2_exact_n(0.50, 0.55, 0.8, FGROI_METHOD_FISHER, NULL, &r));
  cr_assert_eq(r.n1, 1606);
  assert_rel(r.power, fisher_power_columns(1606, 1606, 0.50, 0.55, 0.05), 1e-10);
  cr_assert(fisher_power_columns(1605, 1605, 0.50, 0.55, 0.05) < 0.8);
  double pw;
  assert_ok(fgroi_power_prop2_exact(0.50, 0.55, 1605, 1605, FGROI_METHOD_FISHER, NULL, &pw));
  cr_assert(pw < 0.8);
  /* unbalanced and far from the target: 900 vs 2500 at 0.3 vs 0.36 */
  assert_ok(fgroi_power_prop2_exact(0.30, 0.36, 900, 2500, FGROI_METHOD_FISHER, NULL, &pw));
  assert_rel(pw, fisher_power_columns(900, 2500, 0.30, 0.36, 0.05), 1e-10);
  /* the stable answer of the saw-tooth search holds over its look-ahead */
  cr_assert(r.n1_stable >= r.n1 && r.power_stable >= 0.8);
}

/* McNemar MDE: uniroot(function(d) pw(d, .3, 60) - .8, c(0, .3), tol = 1e-15)
 * with pw the Connor / Miettinen power above; NPS MDE closed form in R:
 * v1 <- .4 + .2 - .2^2; (qnorm(.975) + qnorm(.8)) * sqrt(v1 * 2 / 100);
 * (qnorm(.95) + qnorm(.9)) * sqrt(v1 * (1 + 1/2) / 150) */
Test(power_mde, mcnemar_and_nps) {
  double d, pw;
  assert_ok(fgroi_power_mcnemar_mde(0.3, 60, 0.8, FGROI_METHOD_MCNEMAR, NULL, &d));
  assert_rel(d, 0.19423432246248459, 1e-10);
  assert_ok(fgroi_power_mcnemar((0.3 + d) / 2, (0.3 - d) / 2, 60, FGROI_METHOD_MCNEMAR, NULL, &pw));
  assert_rel(pw, 0.8, 1e-10);
  assert_ok(fgroi_power_mcnemar_mde(0.3, 60, 0.8, FGROI_METHOD_MIETTINEN, NULL, &d));
  assert_rel(d, 0.18757390506986793, 1e-10);
  assert_status(fgroi_power_mcnemar_mde(0.05, 5, 0.99, 0, NULL, &d), FGROI_E_NOT_ESTIMABLE);
  assert_status(fgroi_power_mcnemar_mde(0, 60, 0.8, 0, NULL, &d), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_power_mcnemar_mde(1.2, 60, 0.8, 0, NULL, &d), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_mcnemar_mde(0.3, 0, 0.8, 0, NULL, &d), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_mcnemar_mde(0.3, 60, 0.8, FGROI_METHOD_WALD, NULL, &d), FGROI_E_METHOD);
  assert_status(fgroi_power_mcnemar_mde(0.3, 60, 0.8, 0, NULL, NULL), FGROI_E_NULL);

  assert_ok(fgroi_power_nps_mde(0.4, 0.2, 100, 0.8, NULL, &d));
  assert_rel(d, 0.29649191055526247, 1e-12);
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.alternative = FGROI_GREATER;
  o.alpha = 0.05;
  o.ratio = 2;
  assert_ok(fgroi_power_nps_mde(0.4, 0.2, 150, 0.9, &o, &d));
  assert_rel(d, 0.21899211210393096, 1e-12);
  /* strict: round trip through fgroi_power_nps with the same variance */
  fgroi_power_options st = FGROI_INIT(fgroi_power_options);
  st.strict = 1;
  double dns;
  assert_ok(fgroi_power_nps_mde(0.4, 0.2, 20, 0.8, &st, &d));
  assert_ok(fgroi_power_nps_mde(0.4, 0.2, 20, 0.8, NULL, &dns));
  assert_rel(dns, 0.29649191055526247 * sqrt(5.0), 1e-12);
  cr_assert(d <= dns && d > 0.99 * dns); /* the far tail adds almost nothing */
  assert_status(fgroi_power_nps_mde(1.0, 0.0, 100, 0.8, NULL, &d), FGROI_E_ZERO_VARIANCE);
  assert_status(fgroi_power_nps_mde(0.4, 0.2, -1, 0.8, NULL, &d), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_power_nps_mde(0.4, 0.7, 100, 0.8, NULL, &d), FGROI_E_PROBABILITY);
  assert_status(fgroi_power_nps_mde(0.4, 0.2, 100, 0.8, NULL, NULL), FGROI_E_NULL);
}

/* Issue 14, fuzz findings 26 and 27 (exact inputs): *_n and *_mde never
 * return 0 (or a denormal) with FGROI_OK. */
Test(power_limits, n_and_mde_never_zero) {
  double v = -7.0;
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.alpha = 0.27127659574468083;
  o.alternative = FGROI_LESS;
  /* target power equal to the size: no n */
  assert_status(fgroi_power_nps_n(0.42553191489361702, 0.31914893617021278, 0.13297872340425532,
                                  0.61567956255748868, 0.27127659574468083, &o, &v), FGROI_E_PROBABILITY);
  cr_assert_eq(v, -7.0);
  /* a detectable effect near 1e-100 (huge n) is found, not rounded to 0 */
  assert_ok(fgroi_power_mcnemar_mde(0.99999999999900002, 1e200, 0.27659574468085107,
                                    FGROI_METHOD_DEFAULT, NULL, &v));
  cr_assert(v > 1e-101 && v < 1e-99, "%g", v);
  double check = -1.0;
  assert_ok(fgroi_power_mcnemar(0.99999999999900002 / 2 + v / 2, 0.99999999999900002 / 2 - v / 2, 1e200,
                                FGROI_METHOD_DEFAULT, NULL, &check));
  assert_ok(fgroi_power_t_mde(0.5, 1.7976931348623157e308, 0.16489361702127658, FGROI_METHOD_DEFAULT, NULL, &v));
  cr_assert(v > 1e-155 && v < 1e-153, "%g", v);
  /* sd = DBL_MIN: the effect would be denormal */
  assert_status(fgroi_power_t_mde(2.2250738585072014e-308, 117.5, 0.27127659574468083,
                                  FGROI_METHOD_PAIRED_T, NULL, &v), FGROI_E_OUT_OF_RANGE);
  /* in sd units the answer does not depend on the scale */
  double a, b;
  assert_ok(fgroi_power_t_mde(1.0, 117.5, 0.27127659574468083, FGROI_METHOD_PAIRED_T, NULL, &a));
  assert_ok(fgroi_power_t_mde(1e-300, 117.5, 0.27127659574468083, FGROI_METHOD_PAIRED_T, NULL, &b));
  assert_rel(b, a * 1e-300, 1e-12);
}

/* Issue 14, fuzz findings 10, 11, 11b (exact inputs): the Fisher sample-size
 * search has a work bound (FGROI_E_TOO_LARGE, well under a second) and a
 * target below the size starts from n = 1. */
Test(power_limits, exact_n_fisher_search_bounded, .timeout = 60) {
  fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n);
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.alpha = 1e-300;
  assert_status(fgroi_power_prop2_exact_n(0, 0.63829787234042556, 0.63829787234042556,
                                          FGROI_METHOD_FISHER, &o, &r), FGROI_E_TOO_LARGE);
  assert_status(fgroi_power_prop2_exact_n(0.93617021276595747, 0.015957446808510637,
                                          0.99999999999999989, FGROI_METHOD_FISHER, NULL, &r),
                FGROI_E_TOO_LARGE);
  assert_ok(fgroi_power_prop2_exact_n(1e-300, 0.22872340425531915, 1e-300, FGROI_METHOD_FISHER,
                                      NULL, &r));
  cr_assert(r.n1 >= 1 && r.n1 <= 10 && r.evaluations < 50, "n1 %lld after %lld evaluations",
            (long long)r.n1, (long long)r.evaluations);
  cr_assert_eq(r.n1_normal, 1.0);
}

/* Issue 16: the Barnard and Boschloo sample-size searches have a work
 * bound too, predicted from the normal-approximation n and checked before
 * any exact work (lib/power.c, EXACT_N_UNCOND_WORK); the message states the
 * prediction, the limit and what to use instead. The documented planning
 * cases pass the check: a callback that cancels at once gets
 * FGROI_E_CANCELLED, not FGROI_E_TOO_LARGE. */
static int cancel_at_once(void *user, double f) {
  (void)f;
  ++*(int *)user;
  return 1;
}

Test(power_limits, exact_n_unconditional_search_bounded) {
  char msg[300];
  fgroi_control c = ctl_with_message(msg, sizeof msg);
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.control = &c;
  fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n), r0 = r;
  /* two-sided Boschloo, 0.50 vs 0.54: n = 2,448 per arm, predicted 2.15e7 */
  assert_status(fgroi_power_prop2_exact_n(0.50, 0.54, 0.8, FGROI_METHOD_BOSCHLOO, &o, &r),
                FGROI_E_TOO_LARGE);
  cr_assert(memcmp(&r, &r0, sizeof r) == 0);
  cr_assert_str_eq(msg, "the predicted CPU microseconds = 21514030 exceeds the limit 20000000 of "
                        "the exact Boschloo sample-size search (about 20 s); use method = fisher, "
                        "or fgroi_power_prop2_n (normal approximation)");
  /* one-sided Barnard (the full region), 0.50 vs 0.44: n = 866 per arm */
  o.alternative = FGROI_GREATER;
  assert_status(fgroi_power_prop2_exact_n(0.50, 0.44, 0.8, FGROI_METHOD_BARNARD, &o, &r),
                FGROI_E_TOO_LARGE);
  cr_assert(strstr(msg, "the predicted CPU microseconds = 20447821 exceeds the limit 20000000 of "
                        "the exact Barnard sample-size search") == msg, "%s", msg);
  /* Fisher has its own (cheaper) bound: the same plan runs */
  assert_ok(fgroi_power_prop2_exact_n(0.50, 0.44, 0.8, FGROI_METHOD_FISHER, &o, &r));
  cr_assert_str_eq(msg, "");
  /* the documented plans (docs/performance.md) pass the check */
  int calls = 0;
  c.progress = cancel_at_once;
  c.user_data = &calls;
  o.alternative = FGROI_TWO_SIDED;
  r = r0;
  assert_status(fgroi_power_prop2_exact_n(0.50, 0.55, 0.8, FGROI_METHOD_BOSCHLOO, &o, &r),
                FGROI_E_CANCELLED);
  assert_status(fgroi_power_prop2_exact_n(0.50, 0.55, 0.8, FGROI_METHOD_BARNARD, &o, &r),
                FGROI_E_CANCELLED);
  o.alternative = FGROI_GREATER;
  assert_status(fgroi_power_prop2_exact_n(0.50, 0.43, 0.8, FGROI_METHOD_BOSCHLOO, &o, &r),
                FGROI_E_CANCELLED);
  cr_assert(calls >= 3);
  cr_assert(memcmp(&r, &r0, sizeof r) == 0);
}

/* delta / sd beyond the doubles (delta 1.8e308 with sd 0.5, 1e10 with sd
 * 1e-300): the noncentral t parameter is infinite, pnt gave NaN and the t
 * power functions returned FGROI_E_INTERNAL (fuzz oracle, issue 14). The
 * power is 1 in the effect's direction, so a target is met at n = 2. */
Test(power_limits, t_effect_beyond_the_doubles) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  double p = -1.0, n = -1.0;
  assert_ok(fgroi_power_t(1e10, 1e-300, 10.0, FGROI_METHOD_DEFAULT, NULL, &p));
  cr_assert_eq(p, 1.0);
  assert_ok(fgroi_power_t(DBL_MAX, 0.5, 3.0, FGROI_METHOD_PAIRED_T, NULL, &p));
  cr_assert_eq(p, 1.0);
  o.alternative = FGROI_LESS;
  assert_ok(fgroi_power_t(1e10, 1e-300, 10.0, FGROI_METHOD_DEFAULT, &o, &p));
  cr_assert_eq(p, 0.0);
  assert_status(fgroi_power_t_n(DBL_MAX, 0.5, 1e-300, FGROI_METHOD_DEFAULT, NULL, &n),
                FGROI_E_PROBABILITY);
  assert_status(fgroi_power_t_n(1e10, 1e-300, 0.8, FGROI_METHOD_PAIRED_T, NULL, &n),
                FGROI_E_PROBABILITY);
  assert_status(fgroi_power_t_n(1e10, 1e-300, 0.8, FGROI_METHOD_DEFAULT, &o, &n),
                FGROI_E_NOT_ESTIMABLE);
  cr_assert_eq(n, -1.0);
  /* and the other way: delta / sd underflowing gave n = inf with FGROI_OK */
  assert_status(fgroi_power_t_n(44.0, DBL_MAX, 0.85106382978723405, FGROI_METHOD_DEFAULT, NULL, &n),
                FGROI_E_TOO_LARGE);
  cr_assert_eq(n, -1.0);
}

/* A denormal alpha, two-sided: alpha / 2 rounded to 0, z was infinite and
 * fgroi_power_prop2_mde returned FGROI_E_INTERNAL (fuzz oracle, issue 14).
 * z now comes from log(alpha / 2): 38.4854 for alpha = 4.9e-324 (R:
 * qnorm(log(4.9e-324) - log(2), log.p = TRUE, lower.tail = FALSE)). */
Test(power_limits, denormal_alpha_two_sided) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.alpha = 4.9406564584124654e-324;
  double p1 = -1.0, pw = -1.0;
  assert_ok(fgroi_power_prop2_mde(0.99999999999999989, 12.5, 4.9406564584124654e-324, 1, &o, &p1));
  cr_assert(p1 >= 0.99999999999999989 && p1 <= 1.0); /* within an ulp of p2 */
  /* power at the null is the size, alpha / 2 per tail (not NaN, not 0) */
  assert_ok(fgroi_power_prop2(0.3, 0.2, 100.0, &o, &pw));
  cr_assert(pw >= 0.0 && pw < 1e-300);
}
