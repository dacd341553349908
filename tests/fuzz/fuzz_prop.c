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
    fz_after_interval(&o, s, 0.0, 1.0, c, "prop_ci");
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
    else s = fgroi_prop_odds_ratio_ci(x1, n1, x2, n2, m, conf, alt, o.p);
    fz_check_status(s);
    fz_required(&o, s, name);
    fz_after_interval(&o, s, lo, hi, c, name);
  }
  return 0;
}
