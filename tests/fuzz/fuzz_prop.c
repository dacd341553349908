/* libFuzzer harness: prop.h (tally, one proportion, two proportions).
 * Run one reproducer: ./fuzz_prop FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int ci1_methods[] = { 1, 2, 3, 4, 5, 6, 7 };
static const int test1_methods[] = { 8, 7 };
static const int diff_methods[] = { 20, 21, 22, 1 };
static const int ratio_methods[] = { 24, 23 };
static const int or_methods[] = { 26, 25 };
static const int t2_methods[] = { 29, 30, 27, 28 };
#define NM(a) (sizeof a / sizeof a[0])

static void tally(fz *f, int op) {
  fz_out o;
  fz_out_prep(f, &o, sizeof(fgroi_prop_tally), 1, 1);
  if (o.p != NULL && fz_out_ok_ss(&o) && (fz_u8(f) & 1)) {
    /* a tally in any state, corrupt ones included */
    fgroi_prop_tally *t = o.p;
    t->successes = fz_count(f);
    t->trials = fz_count(f);
    memcpy(o.snap, o.buf, o.total);
  }
  fgroi_status s;
  if (op == 0) {
    fz_log("fgroi_prop_tally_init(%p)", o.p);
    s = fgroi_prop_tally_init(o.p);
    fz_check_status(s);
    fz_out_after(&o, s, "prop_tally_init");
    if (fz_out_full(&o, s)) {
      const fgroi_prop_tally *t = o.p;
      FZ_ASSERT(t->successes == 0 && t->trials == 0, "tally_init left counts");
    }
  } else if (op == 1) {
    size_t n = fz_len(f, 300);
    uint8_t *x = fz_flags(f, n);
    const fgroi_prop_tally before = o.p ? *(fgroi_prop_tally *)o.p : (fgroi_prop_tally){ 0 };
    fz_log("fgroi_prop_tally_add({%lld, %lld}, x, %zu)", (long long)before.successes,
           (long long)before.trials, n);
    s = fgroi_prop_tally_add(o.p, x, n);
    fz_check_status(s);
    fz_out_after(&o, s, "prop_tally_add");
    if (fz_out_full(&o, s)) {
      const fgroi_prop_tally *t = o.p;
      int64_t ones = 0;
      for (size_t i = 0; i < n; i++) ones += x[i];
      FZ_ASSERT(t->trials == before.trials + (int64_t)n && t->successes == before.successes + ones,
                "prop_tally_add counts wrong");
      FZ_ASSERT(t->successes >= 0 && t->successes <= t->trials, "prop_tally_add: corrupt result");
    }
    free(x);
  } else {
    fgroi_prop_tally src = { sizeof src, 0, 0 };
    src.struct_size = (fz_u8(f) & 7) == 0 ? 0 : sizeof src;
    src.successes = fz_count(f);
    src.trials = fz_count(f);
    const fgroi_prop_tally *sp = (fz_u8(f) & 15) == 0 ? NULL : &src;
    const fgroi_prop_tally before = o.p ? *(fgroi_prop_tally *)o.p : (fgroi_prop_tally){ 0 };
    fz_log("fgroi_prop_tally_merge({%lld, %lld}, {%lld, %lld})", (long long)before.successes,
           (long long)before.trials, (long long)src.successes, (long long)src.trials);
    s = fgroi_prop_tally_merge(o.p, sp);
    fz_check_status(s);
    fz_out_after(&o, s, "prop_tally_merge");
    if (fz_out_full(&o, s)) {
      const fgroi_prop_tally *t = o.p;
      FZ_ASSERT(t->successes >= 0 && t->successes <= t->trials, "prop_tally_merge: corrupt result");
    }
  }
  fz_out_free(&o);
}

/* fgroi_prop_ci_many over k elements, the first (x1, n1): each element is
 * bit for bit the scalar fgroi_prop_ci (its documented contract), failing
 * elements NaN with their own status; whole-call errors leave every
 * output untouched. */
static void ci_many(fz *f, int64_t x1, int64_t n1, fgroi_method m, double conf, fgroi_alternative alt) {
  size_t k = fz_len(f, 12);
  int64_t *x = k ? malloc(k * sizeof *x) : NULL, *n = k ? malloc(k * sizeof *n) : NULL;
  if (k && (x == NULL || n == NULL)) abort();
  for (size_t i = 0; i < k; i++) {
    x[i] = i == 0 ? x1 : fz_count(f);
    n[i] = i == 0 ? n1 : fz_count(f);
  }
  fz_out est, lo, up, fl, st;
  size_t kk = k ? k : 1;
  fz_arr_prep(f, &est, kk, sizeof(double), 1);
  fz_arr_prep(f, &lo, kk, sizeof(double), 1);
  fz_arr_prep(f, &up, kk, sizeof(double), 1);
  fz_arr_prep(f, &fl, kk, sizeof(unsigned), 1);
  fz_arr_prep(f, &st, kk, sizeof(fgroi_status), 1);
  fz_log("fgroi_prop_ci_many(k %zu, %d, %.17g, %d)", k, (int)m, conf, (int)alt);
  for (size_t i = 0; i < k; i++) fz_log("  x[%zu] = %lld, n[%zu] = %lld", i, (long long)x[i], i, (long long)n[i]);
  fgroi_status s = fgroi_prop_ci_many(x, n, k, m, conf, alt, est.p, lo.p, up.p, fl.p, st.p);
  fz_check_status(s);
  if (k > 0 && (lo.p == NULL || up.p == NULL)) FZ_ASSERT(s == FGROI_E_NULL, "prop_ci_many: NULL limits accepted");
  /* a whole-call error (outputs untouched) or the first failing element's
   * status (every element written, each the scalar call's) */
  int whole = s == FGROI_E_NULL || s == FGROI_E_CONF_LEVEL || s == FGROI_E_ALTERNATIVE ||
              s == FGROI_E_METHOD || s == FGROI_E_STRUCT_SIZE || (s == FGROI_E_NAN && isnan(conf));
  if (whole) {
    fz_out *all[5] = { &est, &lo, &up, &fl, &st };
    for (int j = 0; j < 5; j++)
      FZ_ASSERT(memcmp(all[j]->buf, all[j]->snap, all[j]->total) == 0, "prop_ci_many: output %d written on %s", j,
                fgroi_status_name(s));
  } else {
    fgroi_status first = FGROI_OK;
    for (size_t i = 0; i < k; i++) {
      fgroi_interval one = FGROI_INIT(fgroi_interval);
      fgroi_status si = fgroi_prop_ci(x[i], n[i], m, conf, alt, &one);
      if (first == FGROI_OK) first = si;
      if (st.p != NULL)
        FZ_ASSERT(((fgroi_status *)st.p)[i] == si, "prop_ci_many[%zu]: status %d, scalar %d (call %s)", i,
                  (int)((fgroi_status *)st.p)[i], (int)si, fgroi_status_name(s));
      double e = est.p ? ((double *)est.p)[i] : 0, l = ((double *)lo.p)[i], u = ((double *)up.p)[i];
      if (si == FGROI_OK) {
        FZ_ASSERT(memcmp(&l, &one.lower, sizeof l) == 0 && memcmp(&u, &one.upper, sizeof u) == 0,
                  "prop_ci_many[%zu]: [%.17g, %.17g], scalar [%.17g, %.17g]", i, l, u, one.lower, one.upper);
        if (est.p) FZ_ASSERT(memcmp(&e, &one.estimate, sizeof e) == 0, "prop_ci_many[%zu]: estimate", i);
        if (fl.p) FZ_ASSERT(((unsigned *)fl.p)[i] == one.flags, "prop_ci_many[%zu]: flags", i);
      } else {
        FZ_ASSERT(isnan(l) && isnan(u), "prop_ci_many[%zu]: failing element not NaN", i);
      }
    }
    FZ_ASSERT(s == first, "prop_ci_many: status %s, first failing element %s", fgroi_status_name(s),
              fgroi_status_name(first));
  }
  fz_out_free(&est);
  fz_out_free(&lo);
  fz_out_free(&up);
  fz_out_free(&fl);
  fz_out_free(&st);
  free(x);
  free(n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 9;
  if (op <= 2) {
    tally(&f, op);
    return 0;
  }
  int64_t x1 = fz_count(&f), n1 = fz_count(&f);
  fz_out o;
  fgroi_status s;
  if (op == 3) {
    fgroi_method m = fz_method(&f, ci1_methods, NM(ci1_methods));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
    fz_log("fgroi_prop_ci(%lld, %lld, %d, %.17g, %d)", (long long)x1, (long long)n1, (int)m, conf, (int)alt);
    s = fgroi_prop_ci(x1, n1, m, conf, alt, o.p);
    fz_check_status(s);
    fz_required(&o, s, "prop_ci");
    unsigned c = (m == 0 || m == 1 || m == 2 || m == 3 || m == 4) ? FZ_CONTAIN : 0;
    /* finding 38 (fixed): mid-p at n near 2^63 and conf -> 0 returned
     * FGROI_E_NAN although no argument is NaN; now an oracle */
    FZ_ASSERT(!(s == FGROI_E_NAN && !isnan(conf)), "prop_ci: FGROI_E_NAN with no NaN argument (finding 38)");
    fz_after_interval(&o, s, 0.0, 1.0, c, "prop_ci");
    if (fz_u8(&f) >= 128) ci_many(&f, x1, n1, m, conf, alt);
  } else if (op == 4) {
    double p0 = fz_prob(&f);
    fgroi_method m = fz_method(&f, test1_methods, NM(test1_methods));
    fgroi_alternative alt = fz_alt(&f);
    fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
    fz_log("fgroi_prop_test(%lld, %lld, %.17g, %d, %d)", (long long)x1, (long long)n1, p0, (int)m, (int)alt);
    s = fgroi_prop_test(x1, n1, p0, m, alt, o.p);
    fz_check_status(s);
    fz_required(&o, s, "prop_test");
    fz_after_test(&o, s, "prop_test");
  } else {
    int64_t x2 = fz_count(&f), n2 = fz_count(&f);
    if (op == 8) {
      fgroi_method m = fz_method(&f, t2_methods, NM(t2_methods));
      fgroi_alternative alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
      fz_log("fgroi_prop_2x2_test(%lld, %lld, %lld, %lld, %d, %d)", (long long)x1, (long long)n1,
             (long long)x2, (long long)n2, (int)m, (int)alt);
      s = fgroi_prop_2x2_test(x1, n1, x2, n2, m, alt, o.p);
      fz_check_status(s);
      fz_required(&o, s, "prop_2x2_test");
      fz_after_test(&o, s, "prop_2x2_test");
      return 0;
    }
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    fgroi_method m;
    const char *name;
    double lo, hi;
    unsigned c;
    if (op == 5) {
      m = fz_method(&f, diff_methods, NM(diff_methods));
      name = "prop_diff_ci"; lo = -1; hi = 1;
      c = (m == 0 || m == 20 || m == 21 || m == 1) ? FZ_CONTAIN : 0;
    } else if (op == 6) {
      m = fz_method(&f, ratio_methods, NM(ratio_methods));
      name = "prop_ratio_ci"; lo = 0; hi = INFINITY;
      c = FZ_CONTAIN | FZ_INF_OPEN | FZ_INF_EST | FZ_ANY_INF_FLAGGED;
    } else {
      m = fz_method(&f, or_methods, NM(or_methods));
      name = "prop_odds_ratio_ci"; lo = 0; hi = INFINITY;
      c = FZ_INF_OPEN | FZ_INF_EST | FZ_ANY_INF_FLAGGED | (conf >= 0.5 ? FZ_CONTAIN : 0);
    }
    fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
    fz_log("fgroi_%s(%lld, %lld, %lld, %lld, %d, %.17g, %d)", name, (long long)x1, (long long)n1,
           (long long)x2, (long long)n2, (int)m, conf, (int)alt);
    if (op == 5) s = fgroi_prop_diff_ci(x1, n1, x2, n2, m, conf, alt, o.p);
    else if (op == 6) s = fgroi_prop_ratio_ci(x1, n1, x2, n2, m, conf, alt, o.p);
    else {
      fz_ctl k;
      fz_ctl_prep(&f, &k, 0.5);
      FZ_CTL_RUN(k, s, "prop_odds_ratio_ci_ctl", fgroi_prop_odds_ratio_ci(x1, n1, x2, n2, m, conf, alt, o.p),
                 fgroi_prop_odds_ratio_ci_ctl(x1, n1, x2, n2, m, conf, alt, FZC, o.p), &o, NULL, NULL);
    }
    fz_check_status(s);
    fz_required(&o, s, name);
    fz_after_interval(&o, s, lo, hi, c, name);
  }
  return 0;
}
