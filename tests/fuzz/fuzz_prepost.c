/* libFuzzer harness: prepost.h (changes within an arm, difference in
 * differences, targets, funnels).
 * Run one reproducer: ./fuzz_prepost FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int pc_ci[] = { 20, 21, 22, 1 };
static const int pc_test[] = { 29, 30, 27, 28 };
static const int pp_ci[] = { 100, 20, 101, 102, 1 };
static const int pp_test[] = { 106, 105, 103, 104 };
static const int did_ci[] = { 20, 1 };
static const int didp_ci[] = { 100, 20, 101, 102, 1 };
static const int target_m[] = { 8, 7 };


static void outs(fz *f, fz_out *ci, fz_out *t) {
  fz_out_prep(f, ci, sizeof(fgroi_interval), 1, 1);
  fz_out_prep(f, t, sizeof(fgroi_test), 1, 1);
  uint8_t s = fz_u8(f);
  if (s < 40) ci->p = NULL;
  else if (s < 80) t->p = NULL;
}

static void after(fz_out *ci, fz_out *t, fgroi_status s, double lo, double hi, unsigned opts,
                  const char *what) {
  fz_check_status(s);
  if (ci->p == NULL && t->p == NULL) FZ_ASSERT(s != FGROI_OK, "%s: both outputs NULL accepted", what);
  fz_after_interval(ci, s, lo, hi, opts, what);
  fz_after_test(t, s, what);
}

/* A funnel: mostly non-increasing small counts, sometimes anything. */
static int64_t *funnel(fz *f, size_t k) {
  if (k == 0) return (fz_u8(f) & 1) ? NULL : malloc(1);
  int64_t *c = malloc(k * sizeof *c);
  if (c == NULL) abort();
  int wild = fz_u8(f) >= 200;
  int64_t v = wild ? 0 : 50 + fz_u8(f);
  for (size_t i = 0; i < k; i++) {
    if (wild) c[i] = fz_count(f);
    else { c[i] = v; v -= fz_u8(f) % 12; if (v < 0) v = 0; }
  }
  return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 9;
  fz_out ci, t;
  fgroi_status s;
  if (op == 0) {
    int64_t xa = fz_count(&f), na = fz_count(&f), xb = fz_count(&f), nb = fz_count(&f);
    fgroi_method cm = fz_method(&f, pc_ci, FZ_NM(pc_ci)), tm = fz_method(&f, pc_test, FZ_NM(pc_test));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    outs(&f, &ci, &t);
    fz_log("fgroi_prepost_prop_change(%lld, %lld, %lld, %lld, %d, %d, %.17g, %d)", (long long)xa,
           (long long)na, (long long)xb, (long long)nb, (int)cm, (int)tm, conf, (int)alt);
    s = fgroi_prepost_prop_change(xa, na, xb, nb, cm, tm, conf, alt, ci.p, t.p);
    after(&ci, &t, s, -1, 1, (cm == 0 || cm == 20 || cm == 21 || cm == 1) ? FZ_CONTAIN : 0, "prop_change");
  } else if (op == 1) {
    int64_t a = fz_count(&f), b = fz_count(&f), c = fz_count(&f), d = fz_count(&f);
    fgroi_method cm = fz_method(&f, pp_ci, FZ_NM(pp_ci)), tm = fz_method(&f, pp_test, FZ_NM(pp_test));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    outs(&f, &ci, &t);
    fz_log("fgroi_prepost_prop_change_paired(%lld, %lld, %lld, %lld, %d, %d, %.17g, %d)", (long long)a,
           (long long)b, (long long)c, (long long)d, (int)cm, (int)tm, conf, (int)alt);
    s = fgroi_prepost_prop_change_paired(a, b, c, d, cm, tm, conf, alt, ci.p, t.p);
    after(&ci, &t, s, -1, 1, (cm == 0 || cm == 100 || cm == 1) ? FZ_CONTAIN : 0, "prop_change_paired");
  } else if (op == 2 || op == 5) {
    size_t n1 = fz_len(&f, 60), n2 = fz_len(&f, 60);
    double *a = fz_doubles(&f, n1, 0), *b = fz_doubles(&f, n2, 0);
    size_t n3 = 0, n4 = 0;
    double *c = NULL, *d = NULL;
    if (op == 5) {
      n3 = fz_len(&f, 60); n4 = fz_len(&f, 60);
      c = fz_doubles(&f, n3, 0); d = fz_doubles(&f, n4, 0);
    }
    if (fz_u8(&f) < 128) { /* paired designs want equal lengths: give them often */
      n2 = n1 < n2 ? n1 : n2; n1 = n2;
      n4 = n3 < n4 ? n3 : n4; n3 = n4;
    }
    fgroi_design des = (fgroi_design)fz_enum(&f, 2);
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    outs(&f, &ci, &t);
    if (op == 2) {
      fz_log("fgroi_prepost_mean_change(%zu, %zu, design %d, %.17g, %d)", n1, n2, (int)des, conf, (int)alt);
      s = fgroi_prepost_mean_change(a, n1, b, n2, des, conf, alt, ci.p, t.p);
    } else {
      fz_log("fgroi_prepost_mean_did(%zu, %zu, %zu, %zu, design %d, %.17g, %d)", n1, n2, n3, n4, (int)des, conf, (int)alt);
      s = fgroi_prepost_mean_did(a, n1, b, n2, c, n3, d, n4, des, conf, alt, ci.p, t.p);
    }
    after(&ci, &t, s, -INFINITY, INFINITY, FZ_CONTAIN | FZ_INF_OPEN, op == 2 ? "mean_change" : "mean_did");
    free(a); free(b); free(c); free(d);
  } else if (op == 3) {
    int64_t v[8];
    for (int i = 0; i < 8; i++) v[i] = fz_count(&f);
    fgroi_method m = fz_method(&f, did_ci, FZ_NM(did_ci));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    outs(&f, &ci, &t);
    fz_log("fgroi_prepost_prop_did(%lld/%lld %lld/%lld %lld/%lld %lld/%lld, %d, %.17g, %d)", (long long)v[0],
           (long long)v[1], (long long)v[2], (long long)v[3], (long long)v[4], (long long)v[5],
           (long long)v[6], (long long)v[7], (int)m, conf, (int)alt);
    s = fgroi_prepost_prop_did(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], m, conf, alt, ci.p, t.p);
    after(&ci, &t, s, -2, 2, FZ_CONTAIN, "prop_did");
  } else if (op == 4) {
    int64_t dv[4], cv[4];
    for (int i = 0; i < 4; i++) { dv[i] = fz_count(&f); cv[i] = fz_count(&f); }
    const int64_t *dp = fz_u8(&f) >= 250 ? NULL : dv, *cp = fz_u8(&f) >= 250 ? NULL : cv;
    fgroi_method m = fz_method(&f, didp_ci, FZ_NM(didp_ci));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    outs(&f, &ci, &t);
    fz_log("fgroi_prepost_prop_did_paired({%lld %lld %lld %lld}, {%lld %lld %lld %lld}, %d, %.17g, %d)",
           (long long)dv[0], (long long)dv[1], (long long)dv[2], (long long)dv[3], (long long)cv[0],
           (long long)cv[1], (long long)cv[2], (long long)cv[3], (int)m, conf, (int)alt);
    s = fgroi_prepost_prop_did_paired(dp, cp, m, conf, alt, ci.p, t.p);
    after(&ci, &t, s, -2, 2, (m == 0 || m == 100 || m == 1) ? FZ_CONTAIN : 0, "prop_did_paired");
  } else if (op == 6) {
    int64_t x = fz_count(&f), n = fz_count(&f);
    double target = fz_prob(&f);
    fgroi_method m = fz_method(&f, target_m, FZ_NM(target_m));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    fz_out_prep(&f, &t, sizeof(fgroi_test), 1, 1);
    fz_out_prep(&f, &ci, sizeof(fgroi_interval), 1, 1);
    uint8_t w = fz_u8(&f);
    if (w < 40) ci.p = NULL;
    else if (w < 80) t.p = NULL;
    fz_log("fgroi_prepost_target(%lld, %lld, %.17g, %d, %.17g, %d)", (long long)x, (long long)n, target,
           (int)m, conf, (int)alt);
    s = fgroi_prepost_target(x, n, target, m, conf, alt, t.p, ci.p);
    after(&ci, &t, s, 0, 1, 0, "prepost_target");
  } else {
    size_t k = fz_len(&f, 12);
    int64_t *ca = funnel(&f, k);
    int64_t *cb = op == 8 ? funnel(&f, k) : NULL;
    double conf = fz_conf(&f);
    size_t cap = fz_u8(&f) < 220 ? (k ? k - 1 : 0) : fz_len(&f, 14);
    fz_out col[6], sz;
    for (int i = 0; i < 6; i++) {
      fz_arr_prep(&f, &col[i], cap ? cap : 1, sizeof(double), 0);
      if (fz_u8(&f) < 40) col[i].p = NULL;
    }
    fz_arr_prep(&f, &sz, 1, sizeof(size_t), 1);
    if (op == 7) {
      fz_out drop;
      fz_out_prep(&f, &drop, sizeof(fgroi_funnel_drop), 1, 1);
      if (fz_u8(&f) & 1) drop.p = NULL;
      fz_log("fgroi_prepost_funnel(k %zu, %.17g, cap %zu)", k, conf, cap);
      s = fgroi_prepost_funnel(ca, k, conf, cap, col[0].p, col[1].p, col[2].p, col[3].p,
                                    col[4].p, col[5].p, sz.p, drop.p);
      fz_check_status(s);
      fz_required(&sz, s, "funnel size");
      if (s == FGROI_OK) {
        size_t m = *(size_t *)sz.p;
        FZ_ASSERT(m + 1 == k, "funnel size %zu for k %zu", m, k);
        for (int j = 0; j < 6; j += 3) {
          const double *v = col[j].p, *lo = col[j + 1].p, *hi = col[j + 2].p;
          for (size_t i = 0; i < m; i++) {
            if (v) FZ_ASSERT(v[i] >= 0 && v[i] <= 1, "funnel rate %g", v[i]);
            if (lo && hi) FZ_ASSERT(lo[i] >= 0 && hi[i] <= 1 && lo[i] <= hi[i], "funnel limits [%g, %g]", lo[i], hi[i]);
            if (lo && hi && v) FZ_ASSERT(fz_close_le(lo[i], v[i]) && fz_close_le(v[i], hi[i]), "funnel rate outside its interval");
          }
        }
        if (fz_out_full(&drop, s)) {
          const fgroi_funnel_drop *d = drop.p;
          fz_check_p(d->p_value, "funnel drop p");
          fz_check_p(d->p_raw, "funnel drop p_raw");
          FZ_ASSERT(d->step + 1 < k, "funnel drop step %zu", d->step);
        }
      }
      if (s == FGROI_E_CAPACITY) memcpy(sz.snap, sz.buf, sz.size);
      fz_after_plain(&drop, s, "funnel drop");
    } else {
      fgroi_funnel_rate rate = (fgroi_funnel_rate)fz_enum(&f, 2);
      fz_log("fgroi_prepost_funnel_compare(k %zu, rate %d, %.17g, cap %zu)", k, (int)rate, conf, cap);
      s = fgroi_prepost_funnel_compare(ca, cb, k, rate, conf, cap, col[0].p, col[1].p, col[2].p,
                                            col[3].p, sz.p);
      fz_check_status(s);
      fz_required(&sz, s, "funnel_compare size");
      if (s == FGROI_OK) {
        size_t m = *(size_t *)sz.p;
        const double *v = col[0].p, *lo = col[1].p, *hi = col[2].p, *p = col[3].p;
        for (size_t i = 0; i < m; i++) {
          if (lo && hi) FZ_ASSERT(lo[i] >= -1 && hi[i] <= 1 && lo[i] <= hi[i], "funnel_compare limits");
          if (lo && hi && v) FZ_ASSERT(fz_close_le(lo[i], v[i]) && fz_close_le(v[i], hi[i]), "funnel_compare diff outside");
          if (p) fz_check_p(p[i], "funnel_compare p");
        }
      }
      if (s == FGROI_E_CAPACITY) memcpy(sz.snap, sz.buf, sz.size);
    }
    for (int i = 0; i < 6; i++) fz_after_plain(&col[i], s, "funnel column");
    fz_after_plain(&sz, s, "funnel size");
    free(ca);
    free(cb);
  }
  return 0;
}
