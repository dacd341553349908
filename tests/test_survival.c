/* Tests for lib/survival.c: Kaplan-Meier, median, curve at T, log-rank.
 * Reference values: R 4.2.2 with survival 3.5.3 (survfit, quantile.survfit,
 * summary.survfit, survdiff), printed with sprintf("%.17g"). Data: the
 * survival package's aml data (t1/e1 "Maintained", t2/e2 "Nonmaintained")
 * read as minutes to finish a task, 1 = done, 0 = gave up. */
#include "fgroi_test.h"

#define TOL 1e-10

static const double t1[11] = { 9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161 };
static const uint8_t e1[11] = { 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0 };
static const double t2[12] = { 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45 };
static const uint8_t e2[12] = { 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1 };

Test(survival, km_curve_vs_survfit) {
  double t[10], s[10], se[10], lo[10], hi[10];
  int64_t nr[10], ne[10], nc[10];
  size_t size = 0;
  /* survfit(Surv(t1, e1) ~ 1) (conf.type "log") */
  assert_ok(fgroi_surv_km(t1, e1, 11, FGROI_SURV_CONF_LOG, 0.95, 10, t, nr, ne, nc, s, se, lo, hi, &size));
  cr_assert_eq(size, 10);
  const double rt[10] = { 9, 13, 18, 23, 28, 31, 34, 45, 48, 161 };
  const int64_t rnr[10] = { 11, 10, 8, 7, 6, 5, 4, 3, 2, 1 }, rne[10] = { 1, 1, 1, 1, 0, 1, 1, 0, 1, 0 };
  const double rs[10] = { 0.90909090909090906, 0.81818181818181812, 0.71590909090909083, 0.61363636363636354, 0.61363636363636354, 0.49090909090909085, 0.36818181818181817, 0.36818181818181817, 0.18409090909090908, 0.18409090909090908 };
  /* f$std.err (of log S) */
  const double rse[10] = { 0.095346258924559224, 0.14213381090374028, 0.19508757792120712, 0.2487341690815455, 0.2487341690815455, 0.33446776656157295, 0.44181672693778834, 0.44181672693778834, 0.83378775488850887, 0.83378775488850887 };
  const double rlo[10] = { 0.75413384508152548, 0.61924898739936352, 0.48842628742212846, 0.37686705950167976, 0.37686705950167976, 0.25485995119931731, 0.15487711789719105, 0.15487711789719105, 0.035917898489185258, 0.035917898489185258 };
  const double rhi[10] = { 1, 1, 1, 0.99915760022847266, 0.99915760022847266, 0.94558495520042918, 0.87526067814390762, 0.87526067814390762, 0.94352576947455202, 0.94352576947455202 };
  for (int i = 0; i < 10; i++) {
    cr_assert_eq(t[i], rt[i]);
    cr_assert_eq(nr[i], rnr[i]);
    cr_assert_eq(ne[i], rne[i]);
    assert_rel(s[i], rs[i], TOL);
    assert_rel(se[i], rs[i] * rse[i], TOL); /* Greenwood SE of S */
    assert_rel(lo[i], rlo[i], TOL);
    assert_rel(hi[i], rhi[i], TOL);
  }
  cr_assert_eq(nc[1], 1); /* the censoring tied with the event at 13 */
  /* conf.type = "log-log" */
  const double llo[10] = { 0.50808020576992974, 0.44742861468218142, 0.35019038590793838, 0.26575204000128611, 0.26575204000128611, 0.16733090977685081, 0.092829574936985182, 0.092829574936985182, 0.011738480123189602, 0.011738480123189602 };
  const double lhi[10] = { 0.98667382266782311, 0.95116222858249166, 0.8990239741910534, 0.83529924325022142, 0.83529924325022142, 0.75339979037081128, 0.6570408323981638, 0.6570408323981638, 0.52501484272664145, 0.52501484272664145 };
  assert_ok(fgroi_surv_km(t1, e1, 11, FGROI_SURV_CONF_LOG_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, lo, hi, &size));
  for (int i = 0; i < 10; i++) { assert_rel(lo[i], llo[i], TOL); assert_rel(hi[i], lhi[i], TOL); }
  /* conf.type = "plain" */
  const double plo[10] = { 0.73920433313384837, 0.59025505879901674, 0.44217077871507732, 0.31448249194643668, 0.31448249194643668, 0.16909620065170372, 0.049356660555454401, 0.049356660555454401, 0, 0 };
  const double phi[10] = { 1, 1, 0.98964740310310439, 0.91279023532629044, 0.91279023532629044, 0.81272198116647798, 0.68700697580818193, 0.68700697580818193, 0.48493116272020675, 0.48493116272020675 };
  assert_ok(fgroi_surv_km(t1, e1, 11, FGROI_SURV_CONF_PLAIN, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, lo, hi, &size));
  for (int i = 0; i < 10; i++) { assert_abs(lo[i], plo[i], TOL); assert_rel(hi[i], phi[i], TOL); }
  /* capacity: ask first, then too small */
  assert_status(fgroi_surv_km(t1, e1, 11, FGROI_SURV_CONF_LOG, 0.95, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_CAPACITY);
  cr_assert_eq(size, 10);
  s[0] = 42;
  assert_status(fgroi_surv_km(t1, e1, 11, FGROI_SURV_CONF_LOG, 0.95, 9, NULL, NULL, NULL, NULL, s, NULL, NULL, NULL, &size), FGROI_E_CAPACITY);
  cr_assert_eq(s[0], 42);
}

Test(survival, median_vs_survfit) {
  fgroi_interval m = FGROI_INIT(fgroi_interval);
  /* quantile(survfit(Surv(t1, e1) ~ 1), 0.5): 31 [18, NA] */
  assert_ok(fgroi_surv_median(t1, e1, 11, FGROI_SURV_CONF_LOG, 0.95, &m));
  cr_assert_eq(m.estimate, 31);
  cr_assert_eq(m.lower, 18);
  cr_assert(isinf(m.upper) && m.upper > 0);
  cr_assert(m.flags & FGROI_FLAG_UNBOUNDED);
  /* log-log: 31 [13, NA]; plain: 31 [18, 48] */
  assert_ok(fgroi_surv_median(t1, e1, 11, FGROI_SURV_CONF_LOG_LOG, 0.95, &m));
  cr_assert_eq(m.lower, 13);
  cr_assert(isinf(m.upper));
  assert_ok(fgroi_surv_median(t1, e1, 11, FGROI_SURV_CONF_PLAIN, 0.95, &m));
  cr_assert_eq(m.lower, 18);
  cr_assert_eq(m.upper, 48);
  cr_assert(!(m.flags & FGROI_FLAG_UNBOUNDED));
  /* arm 2: log 23 [8, NA]; log-log 23 [5, 33]; plain 23 [8, 33] */
  assert_ok(fgroi_surv_median(t2, e2, 12, FGROI_SURV_CONF_LOG, 0.95, &m));
  cr_assert_eq(m.estimate, 23);
  cr_assert_eq(m.lower, 8);
  cr_assert(isinf(m.upper));
  assert_ok(fgroi_surv_median(t2, e2, 12, FGROI_SURV_CONF_LOG_LOG, 0.95, &m));
  cr_assert_eq(m.lower, 5);
  cr_assert_eq(m.upper, 33);
  assert_ok(fgroi_surv_median(t2, e2, 12, FGROI_SURV_CONF_PLAIN, 0.95, &m));
  cr_assert_eq(m.lower, 8);
  cr_assert_eq(m.upper, 33);
  /* curve exactly at 1/2 on a flat: survfit(Surv(1:4, rep(1, 4)) ~ 1) gives 2.5 [1, NA] */
  const double t4[4] = { 1, 2, 3, 4 };
  const uint8_t e4[4] = { 1, 1, 1, 1 };
  assert_ok(fgroi_surv_median(t4, e4, 4, FGROI_SURV_CONF_LOG, 0.95, &m));
  cr_assert_eq(m.estimate, 2.5);
  cr_assert_eq(m.lower, 1);
  cr_assert(isinf(m.upper));
}

Test(survival, surv_at_vs_summary) {
  fgroi_interval s = FGROI_INIT(fgroi_interval), d = FGROI_INIT(fgroi_interval);
  /* summary(survfit(Surv(t1, e1) ~ 1), times = c(20, 40)) */
  assert_ok(fgroi_surv_at(t1, e1, 11, 20, FGROI_SURV_CONF_LOG, 0.95, &s, &d));
  assert_rel(s.estimate, 0.71590909090909083, TOL);
  assert_rel(s.lower, 0.48842628742212846, TOL);
  assert_rel(s.upper, 1, TOL);
  assert_rel(d.estimate, 1 - 0.71590909090909083, TOL);
  assert_abs(d.lower, 0, TOL);
  assert_rel(d.upper, 1 - 0.48842628742212846, TOL);
  assert_ok(fgroi_surv_at(t1, e1, 11, 40, FGROI_SURV_CONF_LOG, 0.95, &s, NULL));
  assert_rel(s.estimate, 0.36818181818181817, TOL);
  assert_rel(s.lower, 0.15487711789719105, TOL);
  assert_rel(s.upper, 0.87526067814390762, TOL);
  assert_ok(fgroi_surv_at(t1, e1, 11, 40, FGROI_SURV_CONF_LOG_LOG, 0.95, NULL, &d));
  assert_rel(d.lower, 1 - 0.6570408323981638, TOL);
  assert_rel(d.upper, 1 - 0.092829574936985182, TOL);
  /* before the first time: nobody done yet */
  assert_ok(fgroi_surv_at(t1, e1, 11, 1, FGROI_SURV_CONF_LOG, 0.95, &s, &d));
  cr_assert_eq(s.estimate, 1);
  cr_assert_eq(d.estimate, 0);
  cr_assert_eq(d.upper, 0);
}

Test(survival, logrank_vs_survdiff) {
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_logrank d = FGROI_INIT(fgroi_logrank);
  /* survdiff(Surv(c(t1, t2), c(e1, e2)) ~ arm) */
  assert_ok(fgroi_surv_logrank(t1, e1, 11, t2, e2, 12, 0.0, &t, &d));
  assert_rel(t.statistic, 3.3539433887294297, TOL);
  assert_rel(t.p_value, 0.067044223720208102, TOL);
  cr_assert_eq(t.df, 1);
  assert_rel(d.observed1, 7, TOL);
  assert_rel(d.observed2, 11, TOL);
  assert_rel(d.expected1, 10.667113770078503, TOL);
  assert_rel(d.expected2, 7.3328862299214981, TOL);
  assert_rel(d.variance, 4.0095260545807108, TOL);
  /* rho = 1 (Peto & Peto) */
  assert_ok(fgroi_surv_logrank(t1, e1, 11, t2, e2, 12, 1.0, &t, &d));
  assert_rel(t.statistic, 2.6387285815830754, TOL);
  assert_rel(t.p_value, 0.10428697314654357, TOL);
  assert_rel(d.observed1, 3.8620630861040066, TOL);
  assert_rel(d.expected1, 6.0925831202046021, TOL);
  assert_rel(d.variance, 1.885460921312073, TOL);
  /* single-participant arm: survdiff(Surv(c(t1, 7), c(e1, 1)) ~ arm) */
  const double ts[1] = { 7 };
  const uint8_t es[1] = { 1 };
  assert_ok(fgroi_surv_logrank(t1, e1, 11, ts, es, 1, 0.0, &t, &d));
  assert_rel(t.statistic, 11, TOL);
  assert_rel(t.p_value, 0.00091111887715371223, TOL);
  assert_rel(d.expected2, 0.083333333333333329, TOL);
  assert_rel(d.variance, 0.076388888888888951, TOL);
}

Test(survival, all_censored_and_degenerate) {
  const double tc[3] = { 3, 5, 7 };
  const uint8_t ec[3] = { 0, 0, 0 };
  fgroi_interval m = FGROI_INIT(fgroi_interval), s = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  /* R: median NA [NA, NA]; summary(times = 4): surv 1 [1, 1] */
  assert_ok(fgroi_surv_median(tc, ec, 3, FGROI_SURV_CONF_LOG, 0.95, &m));
  cr_assert(isinf(m.estimate) && isinf(m.lower) && isinf(m.upper));
  cr_assert(m.flags & FGROI_FLAG_UNBOUNDED);
  assert_ok(fgroi_surv_at(tc, ec, 3, 4, FGROI_SURV_CONF_LOG, 0.95, &s, NULL));
  cr_assert_eq(s.estimate, 1);
  cr_assert_eq(s.lower, 1);
  cr_assert_eq(s.upper, 1);
  assert_status(fgroi_surv_logrank(tc, ec, 3, tc, ec, 3, 0, &t, NULL), FGROI_E_NO_EVENTS);
  /* two single participants done at the same instant: V = 0 */
  const double a[1] = { 4 };
  const uint8_t e[1] = { 1 };
  assert_status(fgroi_surv_logrank(a, e, 1, a, e, 1, 0, &t, NULL), FGROI_E_ZERO_VARIANCE);
  /* single participant: S drops to 0, no NaN anywhere */
  double sv[1], se[1], lo[1], hi[1];
  size_t size;
  assert_ok(fgroi_surv_km(a, e, 1, FGROI_SURV_CONF_LOG, 0.95, 1, NULL, NULL, NULL, NULL, sv, se, lo, hi, &size));
  cr_assert_eq(sv[0], 0);
  cr_assert(!isnan(se[0]) && !isnan(lo[0]) && !isnan(hi[0]));
  assert_ok(fgroi_surv_median(a, e, 1, FGROI_SURV_CONF_LOG, 0.95, &m));
  cr_assert_eq(m.estimate, 4);
}

Test(survival, bad_inputs) {
  const double tn[2] = { 1, NAN }, ti[2] = { 1, INFINITY }, tneg[2] = { 1, -2 };
  const uint8_t ev[2] = { 1, 1 }, bad[2] = { 1, 2 };
  size_t size = 99;
  fgroi_interval m = FGROI_INIT(fgroi_interval), small = { .struct_size = 8 };
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_logrank dsmall = { .struct_size = 8 };
  m.estimate = 42; t.p_value = 42;
  assert_status(fgroi_surv_km(t1, e1, 11, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_surv_km(NULL, e1, 11, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_NULL);
  assert_status(fgroi_surv_km(t1, NULL, 11, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_NULL);
  assert_status(fgroi_surv_km(t1, e1, 0, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_EMPTY);
  assert_status(fgroi_surv_km(tn, ev, 2, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_NAN);
  assert_status(fgroi_surv_km(ti, ev, 2, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_INFINITE);
  assert_status(fgroi_surv_km(tneg, ev, 2, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_INVALID_TIME);
  assert_status(fgroi_surv_km(t1, bad, 2, FGROI_SURV_CONF_LOG, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_surv_km(t1, e1, 11, (fgroi_surv_conf)5, 0.95, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_METHOD);
  assert_status(fgroi_surv_km(t1, e1, 11, FGROI_SURV_CONF_LOG, 1.0, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &size), FGROI_E_CONF_LEVEL);
  cr_assert_eq(size, 99);
  assert_status(fgroi_surv_median(t1, e1, 11, FGROI_SURV_CONF_LOG, 0.95, NULL), FGROI_E_NULL);
  assert_status(fgroi_surv_median(t1, e1, 11, FGROI_SURV_CONF_LOG, 0.95, &small), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_surv_median(tn, ev, 2, FGROI_SURV_CONF_LOG, 0.95, &m), FGROI_E_NAN);
  assert_status(fgroi_surv_median(t1, e1, 11, FGROI_SURV_CONF_LOG, NAN, &m), FGROI_E_NAN);
  assert_status(fgroi_surv_at(t1, e1, 11, 5, FGROI_SURV_CONF_LOG, 0.95, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_surv_at(t1, e1, 11, -1, FGROI_SURV_CONF_LOG, 0.95, &m, NULL), FGROI_E_INVALID_TIME);
  assert_status(fgroi_surv_at(t1, e1, 11, NAN, FGROI_SURV_CONF_LOG, 0.95, &m, NULL), FGROI_E_NAN);
  assert_status(fgroi_surv_at(t1, e1, 11, 5, FGROI_SURV_CONF_LOG, 0.95, &m, &small), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_surv_logrank(t1, e1, 11, t2, e2, 12, 0, NULL, NULL), FGROI_E_NULL);
  assert_status(fgroi_surv_logrank(t1, e1, 11, t2, e2, 12, 0, &t, &dsmall), FGROI_E_STRUCT_SIZE);
  assert_status(fgroi_surv_logrank(t1, e1, 11, t2, e2, 0, 0, &t, NULL), FGROI_E_EMPTY);
  assert_status(fgroi_surv_logrank(t1, e1, 11, t2, e2, 12, -1, &t, NULL), FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi_surv_logrank(t1, e1, 11, t2, e2, 12, NAN, &t, NULL), FGROI_E_NAN);
  assert_status(fgroi_surv_logrank(t1, e1, 11, tneg, ev, 2, 0, &t, NULL), FGROI_E_INVALID_TIME);
  cr_assert_eq(m.estimate, 42);
  cr_assert_eq(t.p_value, 42);
}

/* ---- randomised cases against R -------------------------------------------------------- */

/* Generated with R 4.2.2 + survival 3.5.3:
 *   set.seed(7); for (k in 1:14) {
 *     n1 <- sample(c(1:6, 10:25), 1); n2 <- sample(c(1:6, 10:25), 1)
 *     t1 <- round(rexp(n1, 1/8)); t2 <- round(rexp(n2, 1/12))   # many ties
 *     pe <- sample(c(0.4, 0.7, 1), 1); e1 <- rbinom(n1, 1, pe); e2 <- rbinom(n2, 1, pe)
 *     if (sum(e1) + sum(e2) == 0) e1[1] <- 1; T <- sample(c(3, 8, 15), 1)
 *     quantile(survfit(Surv(t1, e1) ~ 1, conf.type = ct), 0.5) for ct in log, log-log, plain
 *     summary(survfit(Surv(t1, e1) ~ 1), times = T, extend = TRUE)
 *     survdiff(Surv(c(t1, t2), c(e1, e2)) ~ arm) }
 * NA is written as INFINITY (libfgroi's "not reached"). */
typedef struct {
  int n1; double t1[25]; uint8_t e1[25];
  int n2; double t2[25]; uint8_t e2[25];
  double T;
  double median[9]; /* (estimate, lower, upper) for log, log-log, plain */
  double at[3];     /* S(T), lower, upper */
  double chisq, p;
} surv_case;

static const surv_case surv_cases[] = {
  { 13, { 17, 5, 8, 1, 12, 6, 34, 2, 0, 8, 6, 15, 15 }, { 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1 }, 22, { 15, 4, 8, 11, 6, 11, 29, 8, 5, 5, 7, 3, 5, 15, 20, 23, 15, 9, 23, 0, 6, 5 }, { 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1 }, 3, { 8, 5, INFINITY, 8, 2, 15, 8, 5, 15 }, { 0.76923076923076916, 0.57114956567098019, 1 }, 1.4337711012674683, 0.23114997743271123 },
  { 25, { 9, 0, 16, 3, 10, 26, 2, 1, 5, 15, 5, 0, 7, 3, 8, 4, 13, 2, 21, 4, 0, 4, 5, 4, 5 }, { 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0 }, 15, { 4, 0, 22, 2, 9, 5, 23, 0, 31, 2, 10, 7, 15, 7, 3 }, { 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1 }, 8, { 15, 13, INFINITY, 15, 4, INFINITY, 15, 5, INFINITY }, { 0.67607933861803826, 0.50211585340203568, 0.91031436073822825 }, 0.19104587600267176, 0.66204756591365355 },
  { 14, { 0, 2, 6, 5, 0, 2, 4, 1, 7, 8, 2, 3, 4, 4 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 12, { 18, 8, 28, 15, 8, 41, 3, 1, 34, 5, 6, 12 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 8, { 3.5, 2, 7, 3.5, 1, 5, 3.5, 2, 5 }, { 0, INFINITY, INFINITY }, 11.863744266093567, 0.00057237350926113591 },
  { 11, { 18, 3, 6, 7, 5, 7, 5, 7, 2, 1, 1 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 16, { 5, 4, 15, 8, 3, 8, 14, 27, 8, 23, 16, 2, 41, 2, 21, 4 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 3, { 5, 3, INFINITY, 5, 1, 7, 5, 2, 7 }, { 0.63636363636363635, 0.40709757723034123, 0.99474597820271327 }, 4.7882350431309666, 0.028654774201741652 },
  { 1, { 3 }, { 1 }, 24, { 5, 3, 40, 18, 1, 14, 4, 2, 19, 16, 10, 6, 1, 17, 8, 7, 12, 3, 1, 0, 5, 3, 5, 6 }, { 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0 }, 15, { 3, INFINITY, INFINITY, 3, INFINITY, INFINITY, 3, INFINITY, INFINITY }, { 0, INFINITY, INFINITY }, 1.7045681591136255, 0.1916916435097123 },
  { 21, { 2, 11, 3, 18, 27, 3, 10, 23, 14, 11, 2, 9, 12, 9, 9, 7, 7, 19, 4, 6, 1 }, { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1 }, 11, { 8, 9, 1, 28, 15, 0, 7, 41, 7, 8, 2 }, { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 }, 8, { 9, 7, 19, 9, 6, 14, 9, 7, 14 }, { 0.65343915343915338, 0.47528437005414781, 0.89837317225187208 }, 0.4805944642620571, 0.48815317207573206 },
  { 10, { 5, 18, 14, 0, 17, 9, 6, 14, 6, 2 }, { 1, 1, 1, 1, 0, 1, 1, 1, 1, 1 }, 1, { 2 }, { 1 }, 3, { 7.5, 5, INFINITY, 7.5, 0, 14, 7.5, 5, 14 }, { 0.79999999999999993, 0.5868177012338136, 1 }, 2.0722070844686646, 0.15000430429837047 },
  { 14, { 6, 1, 1, 7, 1, 4, 11, 6, 2, 2, 6, 5, 0, 3 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 15, { 22, 4, 6, 16, 3, 12, 18, 19, 1, 1, 3, 7, 25, 1, 17 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 15, { 3.5, 2, 7, 3.5, 1, 6, 3.5, 1, 6 }, { 0, INFINITY, INFINITY }, 6.7751060475189062, 0.0092437998484360875 },
  { 1, { 18 }, { 1 }, 13, { 27, 1, 11, 8, 4, 1, 10, 2, 1, 4, 46, 16, 10 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 3, { 18, INFINITY, INFINITY, 18, INFINITY, INFINITY, 18, INFINITY, INFINITY }, { 1, 1, 1 }, 0.37779588338854375, 0.53878520910141159 },
  { 10, { 10, 5, 0, 1, 9, 1, 8, 1, 10, 6 }, { 0, 0, 1, 1, 1, 0, 1, 1, 0, 1 }, 12, { 1, 2, 3, 19, 67, 65, 2, 0, 28, 8, 27, 0 }, { 0, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0 }, 8, { 8, 1, INFINITY, 8, 0, INFINITY, 8, 1, INFINITY }, { 0.42000000000000004, 0.18448328495605895, 0.95618418786295878 }, 2.2678962144098578, 0.13207908805205304 },
  { 20, { 15, 1, 5, 1, 1, 1, 15, 17, 27, 2, 23, 1, 4, 15, 1, 22, 1, 18, 3, 12 }, { 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0 }, 14, { 9, 45, 1, 11, 4, 43, 3, 4, 54, 28, 13, 3, 10, 28 }, { 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1 }, 3, { 17, 4, INFINITY, 17, 2, INFINITY, 17, 4, INFINITY }, { 0.7384615384615385, 0.56399501870676239, 0.96689762444606464 }, 0.77966166538519321, 0.377244634505567 },
  { 17, { 5, 12, 19, 11, 23, 11, 14, 13, 2, 2, 2, 4, 4, 6, 2, 5, 8 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 17, { 14, 15, 9, 33, 2, 6, 7, 44, 5, 10, 4, 15, 27, 14, 15, 13, 46 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 3, { 6, 4, 13, 6, 2, 12, 6, 4, 12 }, { 0.76470588235294112, 0.58746014326440577, 0.99542938054606522 }, 5.6380382552183113, 0.017574861215102641 },
  { 2, { 4, 1 }, { 1, 1 }, 24, { 16, 5, 32, 21, 2, 3, 17, 10, 15, 34, 2, 6, 13, 9, 6, 24, 1, 5, 27, 13, 5, 7, 14, 9 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 15, { 2.5, 1, INFINITY, 2.5, 1, INFINITY, 2.5, 1, INFINITY }, { 0, INFINITY, INFINITY }, 9.2485018120521421, 0.0023568816602485255 },
  { 6, { 26, 5, 4, 17, 13, 0 }, { 1, 1, 0, 0, 0, 1 }, 16, { 13, 6, 1, 16, 8, 5, 7, 26, 23, 19, 15, 40, 11, 1, 2, 16 }, { 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0 }, 15, { 26, 5, INFINITY, 26, 0, INFINITY, 26, 5, INFINITY }, { 0.625, 0.31999216186285406, 1 }, 0.703053941371239, 0.40175942449249336 },
};

Test(survival, randomised_vs_r) {
  const fgroi_surv_conf types[3] = { FGROI_SURV_CONF_LOG, FGROI_SURV_CONF_LOG_LOG, FGROI_SURV_CONF_PLAIN };
  for (size_t i = 0; i < sizeof surv_cases / sizeof surv_cases[0]; i++) {
    const surv_case *c = &surv_cases[i];
    fgroi_interval m = FGROI_INIT(fgroi_interval), s = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    for (int k = 0; k < 3; k++) {
      assert_ok(fgroi_surv_median(c->t1, c->e1, (size_t)c->n1, types[k], 0.95, &m));
      const double got[3] = { m.estimate, m.lower, m.upper };
      for (int j = 0; j < 3; j++)
        cr_assert(got[j] == c->median[3 * k + j], "case %zu type %d [%d]: %.17g vs %.17g", i, k, j, got[j], c->median[3 * k + j]);
    }
    assert_ok(fgroi_surv_at(c->t1, c->e1, (size_t)c->n1, c->T, FGROI_SURV_CONF_LOG, 0.95, &s, NULL));
    assert_rel(s.estimate, c->at[0], TOL);
    /* R's NA limits (S(T) = 0) are reported as the estimate itself */
    assert_rel(s.lower, isinf(c->at[1]) ? c->at[0] : c->at[1], TOL);
    assert_rel(s.upper, isinf(c->at[2]) ? c->at[0] : c->at[2], TOL);
    assert_ok(fgroi_surv_logrank(c->t1, c->e1, (size_t)c->n1, c->t2, c->e2, (size_t)c->n2, 0.0, &t, NULL));
    assert_rel(t.statistic, c->chisq, 1e-9);
    assert_rel(t.p_value, c->p, 1e-9);
  }
}
