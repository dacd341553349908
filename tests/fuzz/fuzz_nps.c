/* libFuzzer harness: nps.h (tally, one NPS, two waves, paired change,
 * segments, planning, CSAT top-2-box).
 * Run one reproducer: ./fuzz_nps FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int ci_methods[] = { 201, 100, 1, 200, 202, 203 };
static const int test_methods[] = { 201, 100, 1 };
static const int diff_ci_methods[] = { 20, 201, 1, 202, 203 };
static const int diff_test_methods[] = { 201, 1, 204 };
static const int pci_methods[] = { 201, 1 };
static const int ptest_methods[] = { 108, 1, 201, 205 };
static const int adj_methods[] = { 402, 401, 403, 404, 405, 406, 400 };


static const fgroi_nps_options *options(fz *f, fgroi_nps_options *o) {
  uint8_t s = fz_u8(f);
  if (s < 96) return NULL;
  *o = FGROI_INIT(fgroi_nps_options);
  o->seed = fz_u64(f);
  uint8_t r = fz_u8(f);
  o->resamples = r < 200 ? (int64_t)(r % 50) * 20 : fz_count(f);
  if (s >= 250) o->struct_size = (s & 1) ? 0 : 4;
  return o;
}

/* The decoded control k in the options' control field (options made
 * when there were none); *read: the function reads the field. */
static const fgroi_nps_options *with_ctl(const fz_ctl *k, const fgroi_nps_options *opt, fgroi_nps_options *ob,
                                         int *read) {
  *read = 0;
  if (k->mode == FZ_CTL_PLAIN) return opt;
  if (opt == NULL) {
    *ob = FGROI_INIT(fgroi_nps_options);
    opt = ob;
  }
  *read = ob->struct_size >= sizeof *ob;
  return opt;
}

static const fgroi_nps_options *set_ctl(fgroi_nps_options *ob, int read, const fgroi_control *c) {
  if (read) ob->control = c;
  return ob;
}

static int64_t *table9(fz *f) {
  if (fz_u8(f) >= 250) return NULL;
  int64_t *t = malloc(9 * sizeof *t);
  if (t == NULL) abort();
  for (int i = 0; i < 9; i++) t[i] = fz_u8(f) < 220 ? (int64_t)(fz_u8(f) % 30) : fz_count(f);
  return t;
}

static void tally(fz *f, int op) {
  fz_out o;
  fz_out_prep(f, &o, sizeof(fgroi_nps_tally), 1, 1);
  if (o.p != NULL && fz_out_ok_ss(&o)) {
    fgroi_nps_tally *t = o.p;
    int corrupt = fz_u8(f) < 40;
    for (int i = 0; i < 11; i++) t->bins[i] = corrupt ? fz_count(f) : 0;
    t->missing = corrupt ? fz_count(f) : 0;
    memcpy(o.snap, o.buf, o.total);
  }
  fgroi_status s = FGROI_OK;
  size_t n = fz_len(f, 200);
  fz_out bad;
  fz_arr_prep(f, &bad, sizeof(size_t), 1, 1);
  if (bad.p != NULL && (fz_u8(f) & 1)) bad.p = NULL;
  if (op == 0) {
    fz_log("fgroi_nps_tally_init");
    s = fgroi_nps_tally_init(o.p);
  } else if (op == 1) {
    int8_t *x = n ? malloc(n) : ((fz_u8(f) & 1) ? NULL : malloc(1));
    for (size_t i = 0; i < n; i++) { uint8_t v = fz_u8(f); x[i] = (int8_t)(v < 200 ? v % 11 : v); }
    int8_t miss = (int8_t)((fz_u8(f) & 3) ? -1 : fz_u8(f));
    fz_log("fgroi_nps_tally_add_i8(n %zu, missing %d, scores %p)", n, miss, (void *)x);
    s = fgroi_nps_tally_add_i8(o.p, x, n, miss, bad.p);
    free(x);
  } else if (op == 2) {
    int32_t *x = n ? malloc(n * 4) : ((fz_u8(f) & 1) ? NULL : malloc(1));
    for (size_t i = 0; i < n; i++) { uint8_t v = fz_u8(f); x[i] = v < 200 ? v % 11 : (int32_t)fz_u32(f); }
    int32_t miss = (fz_u8(f) & 3) ? -1 : (int32_t)fz_u32(f);
    fz_log("fgroi_nps_tally_add_i32(n %zu, missing %d, scores %p)", n, miss, (void *)x);
    s = fgroi_nps_tally_add_i32(o.p, x, n, miss, bad.p);
    free(x);
  } else if (op == 3) {
    double *x = n ? malloc(n * 8) : ((fz_u8(f) & 1) ? NULL : malloc(1));
    for (size_t i = 0; i < n; i++) { uint8_t v = fz_u8(f); x[i] = v < 200 ? v % 11 : fz_double(f); }
    double miss = (fz_u8(f) & 3) ? NAN : fz_double(f);
    fz_log("fgroi_nps_tally_add_f64(n %zu, missing %g, scores %p)", n, miss, (void *)x);
    s = fgroi_nps_tally_add_f64(o.p, x, n, miss, bad.p);
    free(x);
  } else if (op == 4) {
    fgroi_nps_tally src = FGROI_INIT(fgroi_nps_tally);
    for (int i = 0; i < 11; i++) src.bins[i] = fz_u8(f) < 200 ? fz_u8(f) : fz_count(f);
    src.missing = fz_u8(f) < 200 ? 0 : fz_count(f);
    if (fz_u8(f) >= 250) src.struct_size = 0;
    const fgroi_nps_tally *sp = fz_u8(f) >= 250 ? NULL : &src;
    fz_log("fgroi_nps_tally_merge");
    s = fgroi_nps_tally_merge(o.p, sp);
  } else {
    fz_out c[3];
    for (int i = 0; i < 3; i++) fz_arr_prep(f, &c[i], sizeof(int64_t), 1, 1);
    memcpy(o.snap, o.buf, o.total);
    fz_log("fgroi_nps_tally_counts");
    s = fgroi_nps_tally_counts(o.p, c[0].p, c[1].p, c[2].p);
    fz_check_status(s);
    if (s == FGROI_OK)
      for (int i = 0; i < 3; i++) FZ_ASSERT(*(int64_t *)c[i].p >= 0, "tally_counts negative");
    for (int i = 0; i < 3; i++) fz_after_plain(&c[i], s, "nps_tally_counts out");
    /* the tally is an input here: never written */
    FZ_ASSERT(o.p == NULL || memcmp(o.buf, o.snap, o.total) == 0, "tally_counts wrote its input");
    fz_out_free(&o);
    fz_out_free(&bad);
    return;
  }
  fz_check_status(s);
  if (s == FGROI_E_SCORE_RANGE) memcpy(bad.snap, bad.buf, bad.size); /* documented */
  fz_out_after(&o, s, "nps tally");
  if (fz_out_full(&o, s)) {
    const fgroi_nps_tally *t = o.p;
    for (int i = 0; i < 11; i++) FZ_ASSERT(t->bins[i] >= 0, "nps tally: negative bin after OK");
    FZ_ASSERT(t->missing >= 0, "nps tally: negative missing after OK");
  }
  fz_out_free(&o);
  fz_after_plain(&bad, s, "nps tally bad_index");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 22;
  if (op <= 5) {
    tally(&f, op);
    return 0;
  }
  fgroi_nps_options ob;
  fz_out o;
  fgroi_status s;
  if (op <= 8) {
    int64_t d = fz_count(&f), p = fz_count(&f), r = fz_count(&f);
    if (op == 6) {
      fz_out_prep(&f, &o, sizeof(fgroi_nps_summary), 1, 1);
      fz_log("fgroi_nps_summarize(%lld, %lld, %lld)", (long long)d, (long long)p, (long long)r);
      s = fgroi_nps_summarize(d, p, r, o.p);
      fz_check_status(s);
      fz_required(&o, s, "nps_summarize");
      if (fz_out_full(&o, s)) {
        const fgroi_nps_summary *m = o.p;
        FZ_ASSERT(m->nps >= -100 && m->nps <= 100 && isfinite(m->se) && m->se >= 0,
                  "nps_summarize: nps %g se %g", m->nps, m->se);
      }
      fz_after_plain(&o, s, "nps_summarize");
    } else if (op == 7) {
      fgroi_method m = fz_method(&f, ci_methods, FZ_NM(ci_methods));
      double conf = fz_conf(&f);
      fgroi_alternative alt = fz_alt(&f);
      const fgroi_nps_options *opt = options(&f, &ob);
      fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
      fz_log("fgroi_nps_ci(%lld, %lld, %lld, %d, %.17g, %d, reps %lld)", (long long)d, (long long)p,
             (long long)r, (int)m, conf, (int)alt, opt ? (long long)opt->resamples : -1LL);
      fz_ctl k;
      fz_ctl_prep(&f, &k, 0.5);
      k.field = 1;
      int rd;
      opt = with_ctl(&k, opt, &ob, &rd);
      FZ_CTL_RUN_R(k, rd, s, "nps_ci", fgroi_nps_ci(d, p, r, m, conf, alt, opt, o.p),
                   (set_ctl(&ob, rd, FZC), fgroi_nps_ci(d, p, r, m, conf, alt, opt, o.p)), &o, NULL, NULL);
      fz_required(&o, s, "nps_ci");
      unsigned c = (m == 0 || m == 201 || m == 100 || m == 1) ? FZ_CONTAIN : 0;
      fz_after_interval(&o, s, -100, 100, c, "nps_ci");
    } else {
      double null = (fz_u8(&f) & 3) ? fz_prob(&f) * 200 - 100 : fz_double(&f);
      fgroi_method m = fz_method(&f, test_methods, FZ_NM(test_methods));
      fgroi_alternative alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
      fz_log("fgroi_nps_test(%lld, %lld, %lld, %.17g, %d, %d)", (long long)d, (long long)p, (long long)r,
             null, (int)m, (int)alt);
      s = fgroi_nps_test(d, p, r, null, m, alt, o.p);
      fz_check_status(s);
      fz_required(&o, s, "nps_test");
      fz_after_test(&o, s, "nps_test");
    }
    return 0;
  }
  if (op <= 10) {
    int64_t c[6];
    for (int i = 0; i < 6; i++) c[i] = fz_count(&f);
    fgroi_alternative alt;
    fgroi_method m;
    if (op == 9) {
      m = fz_method(&f, diff_ci_methods, FZ_NM(diff_ci_methods));
      double conf = fz_conf(&f);
      alt = fz_alt(&f);
      const fgroi_nps_options *opt = options(&f, &ob);
      fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
      fz_log("fgroi_nps_diff_ci(%lld %lld %lld, %lld %lld %lld, %d, %.17g, %d)", (long long)c[0],
             (long long)c[1], (long long)c[2], (long long)c[3], (long long)c[4], (long long)c[5],
             (int)m, conf, (int)alt);
      fz_ctl k;
      fz_ctl_prep(&f, &k, 0.5);
      k.field = 1;
      int rd;
      opt = with_ctl(&k, opt, &ob, &rd);
      FZ_CTL_RUN_R(k, rd, s, "nps_diff_ci", fgroi_nps_diff_ci(c[0], c[1], c[2], c[3], c[4], c[5], m, conf, alt, opt, o.p),
                   (set_ctl(&ob, rd, FZC), fgroi_nps_diff_ci(c[0], c[1], c[2], c[3], c[4], c[5], m, conf, alt, opt, o.p)),
                   &o, NULL, NULL);
      fz_required(&o, s, "nps_diff_ci");
      unsigned cc = (m == 0 || m == 20 || m == 201 || m == 1) ? FZ_CONTAIN : 0;
      fz_after_interval(&o, s, -200, 200, cc, "nps_diff_ci");
    } else {
      m = fz_method(&f, diff_test_methods, FZ_NM(diff_test_methods));
      alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
      fz_log("fgroi_nps_diff_test(%lld %lld %lld, %lld %lld %lld, %d, %d)", (long long)c[0],
             (long long)c[1], (long long)c[2], (long long)c[3], (long long)c[4], (long long)c[5],
             (int)m, (int)alt);
      fz_ctl k;
      fz_ctl_prep(&f, &k, 0.5);
      FZ_CTL_RUN(k, s, "nps_diff_test", fgroi_nps_diff_test(c[0], c[1], c[2], c[3], c[4], c[5], m, alt, o.p),
                 fgroi_nps_diff_test_ctl(c[0], c[1], c[2], c[3], c[4], c[5], m, alt, FZC, o.p), &o, NULL, NULL);
      fz_required(&o, s, "nps_diff_test");
      fz_after_test(&o, s, "nps_diff_test");
    }
    return 0;
  }
  if (op == 11) {
    size_t n = fz_len(&f, 100);
    int32_t *b = n ? malloc(n * 4) : ((fz_u8(&f) & 1) ? NULL : malloc(1));
    int32_t *a = n ? malloc(n * 4) : ((fz_u8(&f) & 1) ? NULL : malloc(1));
    for (size_t i = 0; i < n; i++) {
      uint8_t v = fz_u8(&f);
      b[i] = v < 220 ? v % 11 : (v < 240 ? -1 : (int32_t)fz_u32(&f));
      v = fz_u8(&f);
      a[i] = v < 220 ? v % 11 : (v < 240 ? -1 : (int32_t)fz_u32(&f));
    }
    int32_t miss = (fz_u8(&f) & 3) ? -1 : (int32_t)(fz_u8(&f) % 12);
    fz_out t, mp, bad;
    fz_arr_prep(&f, &t, 9, sizeof(int64_t), 1);
    fz_arr_prep(&f, &mp, 1, sizeof(int64_t), 1);
    fz_arr_prep(&f, &bad, 1, sizeof(size_t), 1);
    if (mp.p && (fz_u8(&f) & 1)) mp.p = NULL;
    if (bad.p && (fz_u8(&f) & 1)) bad.p = NULL;
    fz_log("fgroi_nps_paired_table_i32(n %zu, missing %d)", n, miss);
    s = fgroi_nps_paired_table_i32(b, a, n, miss, t.p, mp.p, bad.p);
    fz_check_status(s);
    fz_required(&t, s, "paired_table");
    if (s == FGROI_E_SCORE_RANGE) memcpy(bad.snap, bad.buf, bad.size);
    if (s == FGROI_OK) {
      int64_t sum = 0, miss_pairs = 0;
      for (int i = 0; i < 9; i++) sum += ((int64_t *)t.p)[i];
      for (size_t i = 0; i < n; i++) miss_pairs += (b[i] == miss || a[i] == miss);
      FZ_ASSERT(sum + miss_pairs == (int64_t)n, "paired_table: %lld + %lld missing != %zu pairs",
                (long long)sum, (long long)miss_pairs, n);
      if (mp.p) FZ_ASSERT(*(int64_t *)mp.p == miss_pairs, "missing_pairs wrong");
    }
    fz_after_plain(&t, s, "paired_table");
    fz_after_plain(&mp, s, "paired_table missing");
    fz_after_plain(&bad, s, "paired_table bad_index");
    free(a); free(b);
    return 0;
  }
  if (op <= 14) {
    int64_t *t = table9(&f);
    int64_t maxc = 0;
    for (int i = 0; t && i < 9; i++) if (t[i] > maxc) maxc = t[i];
    if (op == 12) {
      fz_out ch;
      fz_arr_prep(&f, &ch, 5, sizeof(int64_t), 1);
      fz_log("fgroi_nps_paired_changes");
      s = fgroi_nps_paired_changes(t, ch.p);
      fz_check_status(s);
      fz_required(&ch, s, "paired_changes");
      if (s == FGROI_OK) {
        int64_t sum = 0, tot = 0;
        for (int i = 0; i < 5; i++) sum += ((int64_t *)ch.p)[i];
        for (int i = 0; i < 9; i++) tot += t[i];
        FZ_ASSERT(sum == tot, "paired_changes loses people");
      }
      fz_after_plain(&ch, s, "paired_changes");
    } else if (op == 13) {
      fgroi_method m = fz_method(&f, pci_methods, FZ_NM(pci_methods));
      double conf = fz_conf(&f);
      fgroi_alternative alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
      fz_log("fgroi_nps_paired_ci(%d, %.17g, %d)", (int)m, conf, (int)alt);
      s = fgroi_nps_paired_ci(t, m, conf, alt, o.p);
      fz_check_status(s);
      fz_required(&o, s, "nps_paired_ci");
      fz_after_interval(&o, s, -200, 200, FZ_CONTAIN, "nps_paired_ci");
    } else {
      fgroi_method m = fz_method(&f, ptest_methods, FZ_NM(ptest_methods));
      fgroi_alternative alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
      fz_log("fgroi_nps_paired_test(%d, %d, max cell %lld)", (int)m, (int)alt, (long long)maxc);
      fz_ctl k;
      fz_ctl_prep(&f, &k, 0.5);
      FZ_CTL_RUN(k, s, "nps_paired_test", fgroi_nps_paired_test(t, m, alt, o.p),
                 fgroi_nps_paired_test_ctl(t, m, alt, FZC, o.p), &o, NULL, NULL);
      fz_required(&o, s, "nps_paired_test");
      fz_after_test(&o, s, "nps_paired_test");
    }
    free(t);
    return 0;
  }
  if (op <= 16) {
    size_t k = fz_len(&f, 12);
    int64_t *c = fz_counts(&f, 3 * k);
    if (op == 15) {
      fgroi_method m = fz_method(&f, ci_methods, FZ_NM(ci_methods));
      double conf = fz_conf(&f);
      fgroi_alternative alt = fz_alt(&f);
      const fgroi_nps_options *opt = options(&f, &ob);
      fz_out out;
      size_t elems = k ? k : 1;
      fz_arr_prep(&f, &out, elems * sizeof(fgroi_interval), 1, 1);
      if (out.p) {
        size_t ss = (fz_u8(&f) < 240) ? sizeof(fgroi_interval) : 0;
        for (size_t i = 0; i < elems; i++) memcpy(out.buf + i * sizeof(fgroi_interval), &ss, sizeof ss);
        memcpy(out.snap, out.buf, out.total);
      }
      fz_log("fgroi_nps_segments_ci(k %zu, %d, %.17g, %d)", k, (int)m, conf, (int)alt);
      s = fgroi_nps_segments_ci(c, k, m, conf, alt, opt, out.p);
      fz_check_status(s);
      fz_required(&out, s, "segments_ci");
      fz_out_after(&out, s, "segments_ci");
      if (s == FGROI_OK)
        for (size_t i = 0; i < k; i++)
          fz_check_interval((fgroi_interval *)out.p + i, -100, 100,
                            (m == 0 || m == 201 || m == 100 || m == 1) ? FZ_CONTAIN : 0, "segments_ci");
      fz_out_free(&out);
    } else {
      fgroi_method tm = fz_method(&f, diff_test_methods, FZ_NM(diff_test_methods));
      fgroi_method adj = fz_method(&f, adj_methods, FZ_NM(adj_methods));
      size_t npairs = k * (k ? k - 1 : 0) / 2;
      size_t cap = fz_u8(&f) < 220 ? npairs : fz_len(&f, 70);
      fz_out vr, vp, pw, pp, pn;
      fz_arr_prep(&f, &vr, (k ? k : 1) * sizeof(fgroi_test), 1, 1);
      fz_arr_prep(&f, &vp, (k ? k : 1), sizeof(double), 1);
      fz_arr_prep(&f, &pw, (cap ? cap : 1) * sizeof(fgroi_test), 1, 1);
      fz_arr_prep(&f, &pp, (cap ? cap : 1), sizeof(double), 1);
      fz_arr_prep(&f, &pn, 1, sizeof(size_t), 1);
      size_t ss = (fz_u8(&f) < 240) ? sizeof(fgroi_test) : 0;
      for (size_t i = 0; vr.p && i < (k ? k : 1); i++) memcpy(vr.buf + i * sizeof(fgroi_test), &ss, sizeof ss);
      for (size_t i = 0; pw.p && i < (cap ? cap : 1); i++) memcpy(pw.buf + i * sizeof(fgroi_test), &ss, sizeof ss);
      memcpy(vr.snap, vr.buf, vr.total);
      memcpy(pw.snap, pw.buf, pw.total);
      fz_log("fgroi_nps_segments_compare(k %zu, %d, %d, cap %zu)", k, (int)tm, (int)adj, cap);
      for (size_t i = 0; c && i < k; i++)
        fz_log("  segment %zu: %lld %lld %lld", i, (long long)c[3 * i], (long long)c[3 * i + 1],
               (long long)c[3 * i + 2]);
      s = fgroi_nps_segments_compare(c, k, tm, adj, vr.p, vp.p, pw.p, pp.p, cap, pn.p);
      fz_check_status(s);
      if (s == FGROI_E_CAPACITY)
        memcpy(pn.snap, pn.buf, pn.size);
      if (s == FGROI_OK) {
        for (size_t i = 0; vr.p && i < k; i++) fz_check_test((fgroi_test *)vr.p + i, "segments vs_rest");
        for (size_t i = 0; vp.p && i < k; i++) fz_check_p(((double *)vp.p)[i], "segments vs_rest adj");
        for (size_t i = 0; pw.p && i < npairs; i++) fz_check_test((fgroi_test *)pw.p + i, "segments pairwise");
        for (size_t i = 0; pp.p && i < npairs; i++) fz_check_p(((double *)pp.p)[i], "segments pairwise adj");
      }
      fz_after_plain(&vr, s, "segments vs_rest");
      fz_after_plain(&vp, s, "segments vs_rest_p_adj");
      fz_after_plain(&pw, s, "segments pairwise");
      fz_after_plain(&pp, s, "segments pairwise_p_adj");
      fz_after_plain(&pn, s, "segments pairs_needed");
    }
    free(c);
    return 0;
  }
  if (op <= 19) {
    fz_out n;
    fz_arr_prep(&f, &n, 1, op == 17 ? sizeof(int64_t) : sizeof(double), 1);
    if (op == 17) {
      double pd = fz_prob(&f), pp = fz_prob(&f), margin = (fz_u8(&f) & 1) ? fz_double(&f) : fz_prob(&f) * 200;
      double conf = fz_conf(&f);
      fz_log("fgroi_nps_n_for_margin(%.17g, %.17g, %.17g, %.17g)", pd, pp, margin, conf);
      s = fgroi_nps_n_for_margin(pd, pp, margin, conf, n.p);
      fz_check_status(s);
      fz_required(&n, s, "n_for_margin");
      if (s == FGROI_OK) FZ_ASSERT(*(int64_t *)n.p >= 1, "n_for_margin %lld", (long long)*(int64_t *)n.p);
    } else {
      double a = fz_prob(&f), b = fz_prob(&f), c = fz_prob(&f), d = fz_prob(&f);
      /* ops 18-19 fuzzed nps.h's planning pair; issue 15 kept power.h's
       * fgroi_power_nps* as the one NPS planning API, so they drive it
       * here (same op numbers: the corpus replays unchanged) */
      if (op == 18) {
        double n1 = (fz_u8(&f) & 1) ? fz_double(&f) : (double)fz_count(&f);
        fz_log("fgroi_power_nps(%.17g, %.17g, %.17g, %.17g, %.17g)", a, b, c, d, n1);
        s = fgroi_power_nps(a, b, c, d, n1, NULL, n.p);
        fz_check_status(s);
        fz_required(&n, s, "power_nps");
        if (s == FGROI_OK) fz_check_p(*(double *)n.p, "power_nps");
      } else {
        double power = fz_prob(&f);
        fz_log("fgroi_power_nps_n(%.17g, %.17g, %.17g, %.17g, %.17g)", a, b, c, d, power);
        s = fgroi_power_nps_n(a, b, c, d, power, NULL, n.p);
        fz_check_status(s);
        fz_required(&n, s, "power_nps_n");
        if (s == FGROI_OK)
          FZ_ASSERT(*(double *)n.p > 0.0 && isfinite(*(double *)n.p), "power_nps_n %g", *(double *)n.p);
      }
    }
    fz_after_plain(&n, s, "nps planning");
    return 0;
  }
  /* CSAT top-2-box */
  size_t n = fz_len(&f, 100);
  int32_t lo = (fz_u8(&f) & 3) ? 1 : (int32_t)fz_u32(&f);
  int32_t hi = (fz_u8(&f) & 3) ? 5 : (int32_t)fz_u32(&f);
  if ((fz_u8(&f) & 7) == 0) { lo = 0; hi = (int32_t)(fz_u8(&f) % 12); }
  int32_t *x = n ? malloc(n * 4) : ((fz_u8(&f) & 1) ? NULL : malloc(1));
  for (size_t i = 0; i < n; i++) {
    uint8_t v = fz_u8(&f);
    x[i] = v < 220 ? lo + (int32_t)(v % 7) : (int32_t)fz_u32(&f);
  }
  int32_t miss = (fz_u8(&f) & 3) ? -1 : lo + (int32_t)(fz_u8(&f) % 7);
  fz_out bad;
  fz_arr_prep(&f, &bad, 1, sizeof(size_t), 1);
  if (bad.p && (fz_u8(&f) & 1)) bad.p = NULL;
  if (op == 20) {
    fz_out t2, v;
    fz_arr_prep(&f, &t2, 1, sizeof(int64_t), 1);
    fz_arr_prep(&f, &v, 1, sizeof(int64_t), 1);
    fz_log("fgroi_nps_csat_top2_count(n %zu, %d..%d, missing %d)", n, lo, hi, miss);
    s = fgroi_nps_csat_top2_count(x, n, lo, hi, miss, t2.p, v.p, bad.p);
    fz_check_status(s);
    if (s == FGROI_OK) {
      int64_t top = 0, valid = 0;
      for (size_t i = 0; i < n; i++) {
        if (x[i] == miss) continue;
        valid++;
        top += (x[i] == hi || x[i] == hi - 1);
      }
      FZ_ASSERT(*(int64_t *)t2.p == top && *(int64_t *)v.p == valid,
                  "csat_top2_count: %lld/%lld, expected %lld/%lld", (long long)*(int64_t *)t2.p,
                  (long long)*(int64_t *)v.p, (long long)top, (long long)valid);
    }
    if (s == FGROI_E_SCORE_RANGE) memcpy(bad.snap, bad.buf, bad.size);
    fz_after_plain(&t2, s, "csat top2");
    fz_after_plain(&v, s, "csat valid");
  } else {
    fgroi_method m = fz_method(&f, ci_methods, FZ_NM(ci_methods)); /* any: prop_ci's */
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
    fz_log("fgroi_nps_csat_top2_ci(n %zu, %d..%d, missing %d, %d, %.17g, %d)", n, lo, hi, miss, (int)m, conf, (int)alt);
    s = fgroi_nps_csat_top2_ci(x, n, lo, hi, miss, m, conf, alt, o.p, bad.p);
    fz_check_status(s);
    fz_required(&o, s, "csat_top2_ci");
    if (s == FGROI_E_SCORE_RANGE) memcpy(bad.snap, bad.buf, bad.size);
    fz_after_interval(&o, s, 0, 1, (m == 0 || m == 1 || m == 2) ? FZ_CONTAIN : 0, "csat_top2_ci");
  }
  fz_after_plain(&bad, s, "csat bad_index");
  free(x);
  return 0;
}
