/* Concurrent stress test of the whole public API (issue #14).
 *
 * Every case calls one or more public functions of one domain with inputs
 * derived from a variant number. A single-threaded pass records a hash of
 * every result (status and each result field's bits); then 8 threads run
 * all (case, variant) pairs again, each in its own order, several rounds,
 * and every result must be bit-for-bit the single-threaded one. Built and
 * run under ThreadSanitizer by .ci/test (suite 'stress'), where any data
 * race is a report and a failure; in ordinary builds it checks
 * reentrancy and determinism. Output: TAP, one line per domain.
 *
 * Usage: stress_threads [threads] [rounds] */
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fgroi/fgroi.h>

/* ---- result hashing -------------------------------------------------------- */

typedef struct sink { uint64_t h; unsigned ok, err; } sink;

static void put(sink *s, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) { s->h ^= b[i]; s->h *= 1099511628211ull; }
}
static void put_d(sink *s, double v) { put(s, &v, sizeof v); }
static void put_i(sink *s, int64_t v) { put(s, &v, sizeof v); }
static void put_st(sink *s, fgroi_status st) {
  put_i(s, (int64_t)st);
  if (st == FGROI_OK) s->ok++; else s->err++;
}
static void put_ci(sink *s, fgroi_status st, const fgroi_interval *ci) {
  put_st(s, st);
  if (st != FGROI_OK) return;
  put_d(s, ci->estimate); put_d(s, ci->lower); put_d(s, ci->upper); put_d(s, ci->conf_level);
  put_i(s, ci->method); put_i(s, ci->alternative); put_i(s, ci->flags);
}
static void put_t(sink *s, fgroi_status st, const fgroi_test *t) {
  put_st(s, st);
  if (st != FGROI_OK) return;
  put_d(s, t->statistic); put_d(s, t->df); put_d(s, t->p_value); put_d(s, t->null_value);
  put_i(s, t->method); put_i(s, t->alternative); put_i(s, t->flags);
}
static void put_ds(sink *s, const double *x, size_t n) { for (size_t i = 0; i < n; i++) put_d(s, x[i]); }

#define CI(name) fgroi_interval name = FGROI_INIT(fgroi_interval)
#define TE(name) fgroi_test name = FGROI_INIT(fgroi_test)

static const fgroi_alternative alts[3] = { FGROI_TWO_SIDED, FGROI_LESS, FGROI_GREATER };
static const double confs[4] = { 0.95, 0.9, 0.99, 0.8 };

/* deterministic pseudo-random data from the variant */
static uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
static double unif(uint64_t *st) { *st = mix(*st); return (double)(*st >> 11) / 9007199254740992.0; }
static void data(unsigned v, unsigned salt, double *x, size_t n, double shift) {
  uint64_t st = v * 7919u + salt;
  for (size_t i = 0; i < n; i++) x[i] = floor((unif(&st) * 20 + shift) * 4) / 4; /* ties */
}

/* ---- cases, by domain -------------------------------------------------------- */

static void c_status(unsigned v, sink *s) {
  put(s, fgroi_strerror((fgroi_status)(v % 30)), 8);
  const char *n = fgroi_status_name((fgroi_status)(v % 30));
  put_i(s, n ? (int64_t)strlen(n) : -1);
  fgroi_method m = FGROI_METHOD_DEFAULT;
  put_st(s, fgroi_method_from_name(fgroi_method_name(FGROI_METHOD_WILSON), &m)); put_i(s, m);
  fgroi_alternative a = FGROI_TWO_SIDED;
  put_st(s, fgroi_alternative_from_name(fgroi_alternative_name(alts[v % 3]), &a)); put_i(s, a);
  put_i(s, fgroi_version_number()); put_i(s, (int64_t)strlen(fgroi_version()));
}

static void c_prop(unsigned v, sink *s) {
  int64_t n1 = 5 + v % 40, x1 = (v * 7) % (n1 + 1), n2 = 3 + (v * 3) % 50, x2 = (v * 11) % (n2 + 1);
  fgroi_alternative alt = alts[v % 3];
  double conf = confs[v % 4];
  static const fgroi_method m1[] = { FGROI_METHOD_WILSON, FGROI_METHOD_WILSON_CC, FGROI_METHOD_CLOPPER_PEARSON,
                                     FGROI_METHOD_JEFFREYS, FGROI_METHOD_AGRESTI_COULL, FGROI_METHOD_MID_P, FGROI_METHOD_WALD };
  CI(a); put_ci(s, fgroi_prop_ci(x1, n1, m1[v % 7], conf, alt, &a), &a);
  TE(t); put_t(s, fgroi_prop_test(x1, n1, 0.3 + (v % 5) / 10.0, (v & 1) ? FGROI_METHOD_MID_P : FGROI_METHOD_EXACT, alt, &t), &t);
  static const fgroi_method md[] = { FGROI_METHOD_NEWCOMBE, FGROI_METHOD_MIETTINEN_NURMINEN, FGROI_METHOD_AGRESTI_CAFFO, FGROI_METHOD_WALD };
  CI(b); put_ci(s, fgroi_prop_diff_ci(x1, n1, x2, n2, md[v % 4], conf, alt, &b), &b);
  CI(c); put_ci(s, fgroi_prop_ratio_ci(x1, n1, x2, n2, (v & 2) ? FGROI_METHOD_KATZ : FGROI_METHOD_KOOPMAN, conf, alt, &c), &c);
  CI(d); put_ci(s, fgroi_prop_odds_ratio_ci(x1, n1, x2, n2, (v & 4) ? FGROI_METHOD_WOOLF : FGROI_METHOD_CONDITIONAL, conf, alt, &d), &d);
  static const fgroi_method mt[] = { FGROI_METHOD_FISHER, FGROI_METHOD_FISHER_MID_P, FGROI_METHOD_CHISQ, FGROI_METHOD_CHISQ_CC };
  TE(e); put_t(s, fgroi_prop_2x2_test(x1, n1, x2, n2, mt[v % 4], alt, &e), &e);
  fgroi_prop_tally ta = FGROI_INIT(fgroi_prop_tally), tb = FGROI_INIT(fgroi_prop_tally);
  uint8_t o[32];
  for (int i = 0; i < 32; i++) o[i] = (uint8_t)((v >> (i % 8)) & 1);
  put_st(s, fgroi_prop_tally_init(&ta)); put_st(s, fgroi_prop_tally_init(&tb));
  put_st(s, fgroi_prop_tally_add(&ta, o, 32)); put_st(s, fgroi_prop_tally_add(&tb, o, 17));
  put_st(s, fgroi_prop_tally_merge(&ta, &tb)); put_i(s, ta.successes); put_i(s, ta.trials);
}

static void c_exact2x2(unsigned v, sink *s) {
  int64_t n1 = 3 + v % 12, x1 = (v * 5) % (n1 + 1), n2 = 3 + (v * 7) % 11, x2 = (v * 3) % (n2 + 1);
  fgroi_alternative alt = alts[v % 3];
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.two_sided = (fgroi_exact2x2_two_sided)(v % 3);
  put_i(s, (int64_t)strlen(fgroi_exact2x2_two_sided_name(o.two_sided)));
  fgroi_exact2x2_two_sided back;
  put_st(s, fgroi_exact2x2_two_sided_from_name("central", &back)); put_i(s, back);
  TE(t); fgroi_exact2x2_detail d = FGROI_INIT(fgroi_exact2x2_detail);
  put_t(s, fgroi_exact2x2_test(x1, n1, x2, n2, (v & 1) ? FGROI_METHOD_BARNARD : FGROI_METHOD_BOSCHLOO, alt, &o, &t, &d), &t);
  put_d(s, d.nuisance);
  TE(u); put_t(s, fgroi_exact2x2_diff_test(x1, n1, x2, n2, 0.1 * (v % 3), FGROI_METHOD_CHAN_ZHANG, alt, NULL, &u, NULL), &u);
  if (v % 4 == 0) { CI(a); put_ci(s, fgroi_exact2x2_diff_ci(x1, n1, x2, n2, FGROI_METHOD_CHAN_ZHANG, 0.95, alt, NULL, &a), &a); }
  static const fgroi_method mo[] = { FGROI_METHOD_BAPTISTA_PIKE_MID_P, FGROI_METHOD_BAPTISTA_PIKE, FGROI_METHOD_CORNFIELD };
  CI(b); put_ci(s, fgroi_exact2x2_odds_ratio_ci(x1, n1, x2, n2, mo[v % 3], 0.95, alt, &b), &b);
}

static void c_paired(unsigned v, sink *s) {
  int64_t a = v % 30, b = (v * 3) % 17, c = (v * 5) % 13, d = 1 + (v * 7) % 23;
  fgroi_alternative alt = alts[v % 3];
  double conf = confs[v % 4];
  fgroi_paired_summary sm = FGROI_INIT(fgroi_paired_summary);
  fgroi_status st = fgroi_paired_summary_compute(a, b, c, d, &sm);
  put_st(s, st); put_d(s, sm.gap); put_d(s, sm.agreement);
  static const fgroi_method mg[] = { FGROI_METHOD_TANGO, FGROI_METHOD_NEWCOMBE, FGROI_METHOD_BONETT_PRICE, FGROI_METHOD_AGRESTI_MIN, FGROI_METHOD_WALD };
  CI(g); put_ci(s, fgroi_paired_gap_ci(a, b, c, d, mg[v % 5], conf, alt, &g), &g);
  TE(t); put_t(s, fgroi_paired_gap_test(a, b, c, d, -0.1 + 0.05 * (v % 5), alt, &t), &t);
  static const fgroi_method mm[] = { FGROI_METHOD_MCNEMAR_MID_P, FGROI_METHOD_MCNEMAR_EXACT, FGROI_METHOD_MCNEMAR, FGROI_METHOD_MCNEMAR_CC };
  TE(m); put_t(s, fgroi_paired_mcnemar(a, b, c, d, mm[v % 4], alt, &m), &m);
  fgroi_paired_agreement ag = FGROI_INIT(fgroi_paired_agreement);
  CI(k); st = fgroi_paired_agreement_compute(a, b, c, d, conf, &ag, &k);
  put_ci(s, st, &k); put_d(s, ag.observed); put_d(s, ag.pabak);
  /* clusters */
  enum { N = 60 };
  int64_t id[N]; uint8_t se[N], de[N];
  uint64_t r = v + 1;
  for (int i = 0; i < N; i++) { r = mix(r); id[i] = (int64_t)(r % 9); se[i] = (r >> 8) & 1; de[i] = (r >> 9) & 1; }
  fgroi_paired_cluster cl[N], cm[2 * N];
  size_t k1 = 0, k2 = 0;
  put_st(s, fgroi_paired_clusters_from_records(id, se, de, N, cl, N, &k1)); put_i(s, (int64_t)k1);
  put(s, cl, k1 * sizeof cl[0]);
  put_st(s, fgroi_paired_clusters_merge(cl, k1, cl, k1 / 2, cm, 2 * N, &k2)); put(s, cm, k2 * sizeof cm[0]);
  fgroi_paired_tally pt = FGROI_INIT(fgroi_paired_tally), pu = FGROI_INIT(fgroi_paired_tally);
  put_st(s, fgroi_paired_clusters_pool(cl, k1, &pt)); put_i(s, pt.both); put_i(s, pt.neither);
  put_st(s, fgroi_paired_tally_init(&pu)); put_st(s, fgroi_paired_tally_add(&pu, se, de, N));
  put_st(s, fgroi_paired_tally_merge(&pu, &pt)); put_i(s, pu.device_only);
  double sr[N], dr[N];
  put_st(s, fgroi_paired_participant_rates(cl, k1, sr, dr)); put_ds(s, sr, k1); put_ds(s, dr, k1);
  CI(cg); TE(ct); put_ci(s, fgroi_paired_cluster_gap(cl, k1, conf, alt, &cg, &ct), &cg); put_t(s, FGROI_OK, &ct);
  TE(sf); put_t(s, fgroi_paired_sign_flip(cl, k1, alt, 500, v, &sf), &sf);
}

static void c_match(unsigned v, sink *s) {
  enum { D = 40, E = 50 };
  int64_t dp[D], dt[D], ep[E], et[E], sp[E], stt[E];
  uint64_t r = v * 31 + 7;
  for (int i = 0; i < D; i++) { r = mix(r); dp[i] = (int64_t)(r % 4); dt[i] = (int64_t)((r >> 8) % 50) * 3600; }
  for (int i = 0; i < E; i++) {
    r = mix(r); ep[i] = (int64_t)(r % 5); et[i] = (int64_t)((r >> 8) % 180000);
    sp[i] = (int64_t)((r >> 20) % 4); stt[i] = (int64_t)((r >> 28) % 180000);
  }
  fgroi_match_options o = FGROI_INIT(fgroi_match_options);
  put_st(s, fgroi_match_options_default(&o));
  o.device_after = 600 * (v % 7);
  fgroi_match_record rec[D];
  fgroi_match_summary sm = FGROI_INIT(fgroi_match_summary);
  put_st(s, fgroi_match_doses(dp, dt, D, ep, et, E, sp, stt, E, &o, rec, D, &sm));
  for (int i = 0; i < D; i++) { put_i(s, rec[i].device_event); put_i(s, rec[i].self_event); }
  put_i(s, sm.device_matched); put_i(s, sm.self_duplicate);
  fgroi_paired_cluster cl[D];
  size_t k = 0;
  put_st(s, fgroi_match_clusters(rec, D, cl, D, &k)); put(s, cl, k * sizeof cl[0]);
  fgroi_paired_tally t = FGROI_INIT(fgroi_paired_tally);
  fgroi_paired_tally_init(&t);
  put_st(s, fgroi_match_tally_add(&t, rec, D)); put_i(s, t.both); put_i(s, t.self_only);
}

static void c_nps(unsigned v, sink *s) {
  int64_t d = 3 + v % 40, p = (v * 3) % 30, r = 2 + (v * 7) % 50;
  fgroi_alternative alt = alts[v % 3];
  double conf = confs[v % 4];
  fgroi_nps_options o = FGROI_INIT(fgroi_nps_options);
  o.seed = v; o.resamples = 200;
  fgroi_nps_summary sm = FGROI_INIT(fgroi_nps_summary);
  put_st(s, fgroi_nps_summarize(d, p, r, &sm)); put_d(s, sm.nps); put_d(s, sm.se);
  static const fgroi_method mc[] = { FGROI_METHOD_SCORE, FGROI_METHOD_WALD, FGROI_METHOD_ADJUSTED_WALD,
                                     FGROI_METHOD_BOOTSTRAP_PERCENTILE, FGROI_METHOD_BOOTSTRAP_BCA };
  CI(a); put_ci(s, fgroi_nps_ci(d, p, r, mc[v % 5], conf, alt, &o, &a), &a);
  TE(t); put_t(s, fgroi_nps_test(d, p, r, -20.0 + v % 40, (v & 1) ? FGROI_METHOD_WALD : FGROI_METHOD_SCORE, alt, &t), &t);
  static const fgroi_method md[] = { FGROI_METHOD_NEWCOMBE, FGROI_METHOD_SCORE, FGROI_METHOD_WALD, FGROI_METHOD_BOOTSTRAP_PERCENTILE, FGROI_METHOD_BOOTSTRAP_BCA };
  CI(b); put_ci(s, fgroi_nps_diff_ci(d, p, r, r, d, p + 1, md[v % 5], conf, alt, &o, &b), &b);
  static const fgroi_method mt[] = { FGROI_METHOD_SCORE, FGROI_METHOD_WALD, FGROI_METHOD_PERMUTATION };
  TE(u); put_t(s, fgroi_nps_diff_test(d % 12, p % 12, r % 12, r % 9, d % 9, p % 9, mt[v % 3], alt, &u), &u);
  enum { N = 80 };
  int8_t s8[N]; int32_t s32[N], b32[N]; double sd[N];
  uint64_t q = v + 3;
  for (int i = 0; i < N; i++) {
    q = mix(q);
    s8[i] = (int8_t)(q % 12) - 1; s32[i] = (int32_t)((q >> 8) % 11); b32[i] = (int32_t)((q >> 16) % 12) - 1;
    sd[i] = (q >> 24) % 13 == 12 ? NAN : (double)((q >> 24) % 11);
  }
  fgroi_nps_tally ta = FGROI_INIT(fgroi_nps_tally), tb = FGROI_INIT(fgroi_nps_tally);
  size_t bad = 0;
  put_st(s, fgroi_nps_tally_init(&ta)); put_st(s, fgroi_nps_tally_init(&tb));
  put_st(s, fgroi_nps_tally_add_i8(&ta, s8, N, -1, &bad));
  put_st(s, fgroi_nps_tally_add_i32(&tb, s32, N, -1, &bad));
  put_st(s, fgroi_nps_tally_add_f64(&tb, sd, N, NAN, &bad));
  put_st(s, fgroi_nps_tally_merge(&ta, &tb));
  int64_t cd, cp, cr;
  put_st(s, fgroi_nps_tally_counts(&ta, &cd, &cp, &cr)); put_i(s, cd); put_i(s, cp); put_i(s, cr);
  int64_t tab[9], ch[5], miss = 0;
  put_st(s, fgroi_nps_paired_table_i32(s32, b32, N, -1, tab, &miss, &bad)); put(s, tab, sizeof tab);
  put_st(s, fgroi_nps_paired_changes(tab, ch)); put(s, ch, sizeof ch);
  CI(pc); put_ci(s, fgroi_nps_paired_ci(tab, (v & 1) ? FGROI_METHOD_WALD : FGROI_METHOD_SCORE, conf, alt, &pc), &pc);
  static const fgroi_method mp[] = { FGROI_METHOD_SIGN_FLIP, FGROI_METHOD_WALD, FGROI_METHOD_SCORE, FGROI_METHOD_STUART_MAXWELL };
  TE(pt); put_t(s, fgroi_nps_paired_test(tab, mp[v % 4], mp[v % 4] == FGROI_METHOD_STUART_MAXWELL ? FGROI_TWO_SIDED : alt, &pt), &pt);
  int64_t seg[9] = { d, p, r, r, d, p, 5 + v % 7, 4, 9 };
  fgroi_interval sci[3] = { FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval), FGROI_INIT(fgroi_interval) };
  fgroi_status st = fgroi_nps_segments_ci(seg, 3, FGROI_METHOD_SCORE, conf, alt, NULL, sci);
  for (int i = 0; i < 3; i++) put_ci(s, st, &sci[i]);
  fgroi_test vr[3] = { FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test) };
  fgroi_test pw[3] = { FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test), FGROI_INIT(fgroi_test) };
  double vra[3], pwa[3];
  size_t need = 0;
  st = fgroi_nps_segments_compare(seg, 3, FGROI_METHOD_SCORE, FGROI_METHOD_HOLM, vr, vra, pw, pwa, 3, &need);
  for (int i = 0; i < 3; i++) { put_t(s, st, &vr[i]); put_t(s, st, &pw[i]); }
  if (st == FGROI_OK) { put_ds(s, vra, 3); put_ds(s, pwa, 3); }
  int64_t n = 0;
  put_st(s, fgroi_nps_n_for_margin(0.2, 0.5, 5 + v % 10, conf, &n)); put_i(s, n);
  int32_t cs[N];
  for (int i = 0; i < N; i++) cs[i] = 1 + s32[i] % 5;
  int64_t top = 0, valid = 0;
  put_st(s, fgroi_nps_csat_top2_count(cs, N, 1, 5, -1, &top, &valid, &bad)); put_i(s, top); put_i(s, valid);
  CI(cc); put_ci(s, fgroi_nps_csat_top2_ci(cs, N, 1, 5, -1, FGROI_METHOD_WILSON, conf, alt, &cc, &bad), &cc);
}

static void c_means(unsigned v, sink *s) {
  enum { NX = 25, NY = 18 };
  double x[NX], y[NY], yy[NX];
  data(v, 1, x, NX, 0);
  data(v, 2, y, NY, 1.5);
  data(v, 3, yy, NX, 0.5);
  fgroi_alternative alt = alts[v % 3];
  double conf = confs[v % 4];
  CI(a); TE(t);
  put_ci(s, fgroi_means_t_one(x, NX, 10, conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_means_t_paired(x, yy, NX, 0, conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_means_t_two(x, NX, y, NY, 0, (v & 1) ? FGROI_METHOD_STUDENT : FGROI_METHOD_WELCH, conf, alt, &a, &t), &a);
  put_t(s, FGROI_OK, &t);
  static const fgroi_method mr[] = { FGROI_METHOD_DEFAULT, FGROI_METHOD_NORMAL };
  put_ci(s, fgroi_means_wilcoxon_one(x, NX, 10, mr[v % 2], conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_means_wilcoxon_paired(x, yy, NX, 0, mr[v % 2], conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_means_mann_whitney(x, NX, y, NY, 0, mr[v % 2], conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_means_hedges_g(x, NX, y, NY, (v & 2) ? FGROI_METHOD_NORMAL : FGROI_METHOD_NONCENTRAL_T, conf, alt, &a), &a);
  CI(b); put_ci(s, fgroi_means_cliffs_delta(x, NX, y, NY, conf, alt, &a, &b), &a); put_ci(s, FGROI_OK, &b);
  fgroi_means_ba_options o = FGROI_INIT(fgroi_means_ba_options);
  (void)fgroi_means_ba_options_default(&o);
  o.loa_se = (fgroi_loa_se)(v % 3);
  fgroi_bland_altman ba = FGROI_INIT(fgroi_bland_altman);
  put_st(s, fgroi_means_bland_altman(x, yy, NX, conf, &o, &ba));
  put_d(s, ba.bias); put_d(s, ba.loa_lower_lower); put_d(s, ba.loa_upper_upper);
}

/* effect sizes alone, many variants: keeps their kernels (lgamma in
 * Hedges' J) busy in every thread at once */
static void c_effects(unsigned v, sink *s) {
  enum { NX = 6, NY = 7 };
  double x[NX], y[NY];
  data(v, 11, x, NX, 0);
  data(v, 12, y, NY, 1);
  CI(a); CI(b);
  for (int i = 0; i < 4; i++)
    put_ci(s, fgroi_means_hedges_g(x, NX, y, NY - (size_t)(i % 2), (i & 2) ? FGROI_METHOD_NONCENTRAL_T : FGROI_METHOD_NORMAL,
                                   confs[(v + (unsigned)i) % 4], alts[v % 3], &a), &a);
  put_ci(s, fgroi_means_cliffs_delta(x, NX, y, NY, confs[v % 4], alts[v % 3], &a, &b), &a);
  put_ci(s, FGROI_OK, &b);
}

static void c_survival(unsigned v, sink *s) {
  enum { N = 40 };
  double t1[N], t2[N];
  uint8_t e1[N], e2[N];
  data(v, 5, t1, N, 0);
  data(v, 6, t2, N, 2);
  for (int i = 0; i < N; i++) { e1[i] = (uint8_t)((v + i) % 3 != 0); e2[i] = (uint8_t)((v + 2 * i) % 4 != 0); }
  fgroi_surv_conf ct = (fgroi_surv_conf)(v % 3);
  double conf = confs[v % 4];
  double tt[N], sv[N], se[N], lo[N], hi[N];
  int64_t nr[N], ne[N], nc[N];
  size_t rows = 0;
  put_st(s, fgroi_surv_km(t1, e1, N, ct, conf, N, tt, nr, ne, nc, sv, se, lo, hi, &rows));
  put_ds(s, sv, rows); put_ds(s, lo, rows); put_ds(s, hi, rows);
  CI(m); put_ci(s, fgroi_surv_median(t1, e1, N, ct, conf, &m), &m);
  CI(a); CI(b); put_ci(s, fgroi_surv_at(t1, e1, N, 5 + v % 10, ct, conf, &a, &b), &a); put_ci(s, FGROI_OK, &b);
  TE(lr); fgroi_logrank d = FGROI_INIT(fgroi_logrank);
  put_t(s, fgroi_surv_logrank(t1, e1, N, t2, e2, N, v % 2, &lr, &d), &lr); put_d(s, d.variance);
}

static void c_prepost(unsigned v, sink *s) {
  fgroi_alternative alt = alts[v % 3];
  double conf = confs[v % 4];
  CI(a); TE(t);
  put_ci(s, fgroi_prepost_prop_change(10 + v % 20, 50, 20 + v % 15, 60, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, conf, alt, &a, &t), &a);
  put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_prepost_prop_change_paired(20, v % 9, 3 + v % 11, 15, FGROI_METHOD_DEFAULT, FGROI_METHOD_DEFAULT, conf, alt, &a, &t), &a);
  put_t(s, FGROI_OK, &t);
  enum { N = 20 };
  double p0[N], p1[N], c0[N], c1[N];
  data(v, 7, p0, N, 0); data(v, 8, p1, N, 1); data(v, 9, c0, N, 0); data(v, 10, c1, N, 0.5);
  fgroi_design des = (fgroi_design)(v % 2);
  put_ci(s, fgroi_prepost_mean_change(p0, N, p1, N, des, conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_prepost_prop_did(10, 50, 25 + v % 10, 50, 12, 55, 15, 52, (v & 1) ? FGROI_METHOD_WALD : FGROI_METHOD_NEWCOMBE, conf, alt, &a, &t), &a);
  put_t(s, FGROI_OK, &t);
  int64_t dv[4] = { 20, 3, 9 + v % 5, 18 }, cv[4] = { 22, 5, 6, 17 + v % 3 };
  put_ci(s, fgroi_prepost_prop_did_paired(dv, cv, FGROI_METHOD_DEFAULT, conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_ci(s, fgroi_prepost_mean_did(p0, N, p1, N, c0, N, c1, N, des, conf, alt, &a, &t), &a); put_t(s, FGROI_OK, &t);
  put_t(s, fgroi_prepost_target(40 + v % 10, 50, 0.75, (v & 1) ? FGROI_METHOD_MID_P : FGROI_METHOD_EXACT, conf,
                                (v & 2) ? FGROI_LESS : FGROI_GREATER, &t, &a), &t);
  put_ci(s, FGROI_OK, &a);
  int64_t fa[5] = { 100, 80 - v % 10, 60, 41, 30 }, fb[5] = { 90, 85, 60 + v % 5, 50, 33 };
  double cv_[4], cl[4], cu[4], co[4], col[4], cou[4], pv[4];
  size_t sz = 0;
  fgroi_funnel_drop dr = FGROI_INIT(fgroi_funnel_drop);
  put_st(s, fgroi_prepost_funnel(fa, 5, conf, 4, cv_, cl, cu, co, col, cou, &sz, &dr));
  put_ds(s, cl, 4); put_ds(s, cou, 4); put_d(s, dr.p_value);
  put_st(s, fgroi_prepost_funnel_compare(fa, fb, 5, (fgroi_funnel_rate)(v % 2), conf, 4, cv_, cl, cu, pv, &sz));
  put_ds(s, cv_, 4); put_ds(s, cu, 4); put_ds(s, pv, 4);
}

static void c_multiplicity(unsigned v, sink *s) {
  enum { N = 30 };
  double p[N], adj[N];
  uint64_t r = v + 11;
  for (int i = 0; i < N; i++) p[i] = floor(unif(&r) * 200) / 1000;
  static const fgroi_method m[] = { FGROI_METHOD_HOLM, FGROI_METHOD_BONFERRONI, FGROI_METHOD_HOCHBERG,
                                    FGROI_METHOD_HOMMEL, FGROI_METHOD_BH, FGROI_METHOD_BY, FGROI_METHOD_NONE };
  put_st(s, fgroi_multiplicity_adjust(p, N, m[v % 7], adj)); put_ds(s, adj, N);
}

static void c_power(unsigned v, sink *s) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.alternative = (v & 1) ? FGROI_GREATER : FGROI_TWO_SIDED;
  o.strict = (v >> 1) & 1;
  double r = 0;
  put_st(s, fgroi_power_prop2(0.3, 0.5, 20 + v, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_prop2_n(0.5, 0.3 - 0.01 * (v % 10), 0.8, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_prop2_mde(0.3, 50 + v, 0.8, 1, &o, &r)); put_d(s, r);
  fgroi_power_options oe = FGROI_INIT(fgroi_power_options);
  static const fgroi_method te[] = { FGROI_METHOD_FISHER, FGROI_METHOD_BARNARD, FGROI_METHOD_BOSCHLOO };
  put_st(s, fgroi_power_prop2_exact(0.2, 0.6, 8 + v % 8, 9, te[v % 3], &oe, &r)); put_d(s, r);
  if (v % 8 == 0) {
    fgroi_power_exact_n en = FGROI_INIT(fgroi_power_exact_n);
    put_st(s, fgroi_power_prop2_exact_n(0.2, 0.7, 0.8, FGROI_METHOD_FISHER, NULL, &en)); put_i(s, en.n1); put_i(s, en.n1_stable);
  }
  fgroi_method mm = (v & 2) ? FGROI_METHOD_MIETTINEN : FGROI_METHOD_MCNEMAR;
  put_st(s, fgroi_power_mcnemar(0.2, 0.05, 50 + v, mm, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_mcnemar_n(0.25, 0.05 + 0.005 * (v % 5), 0.8, mm, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_mcnemar_mde(0.3, 100 + v, 0.8, mm, &o, &r)); put_d(s, r);
  fgroi_method tt = (v & 4) ? FGROI_METHOD_PAIRED_T : FGROI_METHOD_STUDENT;
  put_st(s, fgroi_power_t(0.5, 1, 10 + v % 30, tt, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_t_n(0.4 + 0.01 * (v % 20), 1, 0.8, tt, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_t_mde(1, 20 + v % 30, 0.9, tt, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_nps(0.4, 0.2, 0.5, 0.15, 100 + v, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_nps_n(0.4, 0.2, 0.5, 0.15 - 0.005 * (v % 10), 0.8, &o, &r)); put_d(s, r);
  put_st(s, fgroi_power_nps_mde(0.4, 0.2, 200 + v, 0.8, &o, &r)); put_d(s, r);
}

static void c_roi(unsigned v, sink *s) {
  CI(e);
  e.estimate = 0.05 + 0.01 * (v % 5); e.lower = e.estimate - 0.04; e.upper = e.estimate + 0.05;
  e.conf_level = 0.95; e.alternative = FGROI_TWO_SIDED;
  CI(r); CI(n);
  fgroi_roi_summary sm = FGROI_INIT(fgroi_roi_summary);
  put_ci(s, fgroi_roi_compute(&e, 1000 + v, 40, 2000, &r, &n, &sm), &r); put_ci(s, FGROI_OK, &n); put_d(s, sm.prob_positive);
  fgroi_roi_input in[4];
  put_st(s, fgroi_roi_input_from_interval(&e, &in[0]));
  for (int i = 1; i < 4; i++) in[i] = FGROI_INIT(fgroi_roi_input);
  in[1].dist = FGROI_ROI_UNIFORM; in[1].a = 800; in[1].b = 1200;
  in[2].dist = FGROI_ROI_TRIANGULAR; in[2].a = 30; in[2].b = 40; in[2].c = 60;
  in[3].dist = FGROI_ROI_NORMAL; in[3].a = 2000; in[3].b = 200;
  put_ci(s, fgroi_roi_monte_carlo(&in[0], &in[1], &in[2], &in[3], 0.9, 2000, v, &r, &n, &sm), &r);
  put_ci(s, FGROI_OK, &n); put_d(s, sm.mean_roi);
}

static void c_pool(unsigned v, sink *s) {
  enum { K = 8 };
  double y[K], vi[K], w[K];
  for (int i = 0; i < K; i++) {
    fgroi_status st = (i % 3 == 0) ? fgroi_pool_escalc_rd(5 + (int64_t)(v + i) % 20, 40, 8, 45, &y[i], &vi[i])
                    : (i % 3 == 1) ? fgroi_pool_escalc_rr(6 + (int64_t)(v * i) % 15, 30, 9, 35, &y[i], &vi[i])
                                   : fgroi_pool_escalc_md(1.0 + i, 0.5, 20, 0.8 + (v % 5) * 0.1, 0.6, 22, &y[i], &vi[i]);
    put_st(s, st);
  }
  put_ds(s, y, K);
  CI(p); TE(t);
  fgroi_pool_stats ps = FGROI_INIT(fgroi_pool_stats);
  put_ci(s, fgroi_pool_effects(y, vi, K, (v & 1) ? FGROI_METHOD_FIXED_EFFECT : FGROI_METHOD_DERSIMONIAN_LAIRD, confs[v % 4], &p, &t, &ps, w), &p);
  put_t(s, FGROI_OK, &t); put_d(s, ps.tau2); put_d(s, ps.i2); put_ds(s, w, K);
  double pv[K] = { 0.01, 0.2, 0.03, 0.04, 0.5, 0.001 * (v % 10), 0.07, 0.9 };
  int hib[K] = { 1, 0, 1, 1, 0, 1, 0, 1 };
  double adj[K];
  fgroi_verdict vd[K];
  put_st(s, fgroi_pool_scorecard(y, pv, hib, K, 0.05, FGROI_METHOD_DEFAULT, adj, vd)); put_ds(s, adj, K);
  put(s, vd, sizeof vd);
}

/* ---- driver --------------------------------------------------------------------- */

typedef void (*case_fn)(unsigned, sink *);
static const struct { const char *name; case_fn fn; unsigned variants; } cases[] = {
  { "common", c_status, 30 }, { "prop", c_prop, 60 }, { "exact2x2", c_exact2x2, 24 },
  { "paired", c_paired, 40 }, { "match", c_match, 30 }, { "nps", c_nps, 30 },
  { "means", c_means, 30 }, { "effects", c_effects, 60 }, { "survival", c_survival, 30 }, { "prepost", c_prepost, 30 },
  { "multiplicity", c_multiplicity, 28 }, { "power", c_power, 24 }, { "roi", c_roi, 10 },
  { "pool", c_pool, 30 },
};
enum { NCASES = sizeof cases / sizeof cases[0], MAXV = 64 };

static uint64_t expected[NCASES][MAXV];
static int rounds = 3, nthreads = 8;

typedef struct worker {
  pthread_t th;
  int id;
  uint64_t calls, mismatches[NCASES];
} worker;

static void *run(void *arg) {
  worker *w = arg;
  size_t total = 0;
  for (size_t c = 0; c < NCASES; c++) total += cases[c].variants;
  for (int r = 0; r < rounds; r++) {
    /* burst: every thread runs the cases in the same order, so all threads
     * are inside the same functions at about the same time */
    for (size_t c = 0; c < NCASES; c++)
      for (unsigned v = 0; v < cases[c].variants; v++) {
        sink s = { 1469598103934665603ull, 0, 0 };
        cases[c].fn(v, &s);
        w->calls++;
        if (s.h != expected[c][v]) w->mismatches[c]++;
      }
    /* mixed: each thread walks the (case, variant) pairs from its own offset with
     * its own stride, so different functions overlap in time */
    size_t stride = 2 * (size_t)w->id + 1, start = (size_t)w->id * 37 + (size_t)r * 11;
    for (size_t k = 0; k < total; k++) {
      size_t idx = (start + k * stride) % total, c = 0;
      while (idx >= cases[c].variants) idx -= cases[c++].variants;
      sink s = { 1469598103934665603ull, 0, 0 };
      cases[c].fn((unsigned)idx, &s);
      w->calls++;
      if (s.h != expected[c][idx]) w->mismatches[c]++;
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) nthreads = atoi(argv[1]);
  if (argc > 2) rounds = atoi(argv[2]);
  if (nthreads < 1 || nthreads > 64 || rounds < 1) { fprintf(stderr, "usage: %s [threads] [rounds]\n", argv[0]); return 2; }
  /* single-threaded reference, twice (determinism) */
  int ok_det = 1;
  unsigned oks[NCASES] = { 0 }, errs[NCASES] = { 0 };
  for (size_t c = 0; c < NCASES; c++)
    for (unsigned v = 0; v < cases[c].variants; v++) {
      sink a = { 1469598103934665603ull, 0, 0 }, b = a;
      cases[c].fn(v, &a);
      cases[c].fn(v, &b);
      expected[c][v] = a.h;
      if (a.h != b.h) ok_det = 0;
      oks[c] += a.ok;
      errs[c] += a.err;
    }
  worker *ws = calloc((size_t)nthreads, sizeof *ws);
  if (ws == NULL) return 1;
  for (int i = 0; i < nthreads; i++) {
    ws[i].id = i;
    if (pthread_create(&ws[i].th, NULL, run, &ws[i]) != 0) { printf("Bail out! pthread_create\n"); return 1; }
  }
  for (int i = 0; i < nthreads; i++) pthread_join(ws[i].th, NULL);
  uint64_t calls = 0;
  for (int i = 0; i < nthreads; i++) calls += ws[i].calls;
  printf("1..%d\n", (int)NCASES + 1);
  printf("%s 1 - single-threaded results are deterministic (two passes agree)\n", ok_det ? "ok" : "not ok");
  int failed = !ok_det;
  for (size_t c = 0; c < NCASES; c++) {
    uint64_t bad = 0;
    for (int i = 0; i < nthreads; i++) bad += ws[i].mismatches[c];
    printf("%s %d - %s: %u variants x 2 x %d rounds x %d threads bit-identical to single-threaded (%" PRIu64 " mismatches)\n",
           bad ? "not ok" : "ok", (int)c + 2, cases[c].name, cases[c].variants, rounds, nthreads, bad);
    failed |= bad != 0;
    printf("# %s: %u calls returned FGROI_OK, %u an error status, per pass\n", cases[c].name, oks[c], errs[c]);
  }
  printf("# %" PRIu64 " concurrent case runs\n", calls);
  free(ws);
  return failed;
}
