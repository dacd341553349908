/* libFuzzer harness: match.h (event matcher, clusters and tally from
 * matched records). Besides the generic oracles, the matcher's bookkeeping
 * is checked: events = matched + duplicate + outside per stream, and every
 * matched event lies in its dose's window and serves one dose.
 * Run one reproducer: ./fuzz_match FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int64_t ts(fz *f) {
  uint8_t s = fz_u8(f);
  if (s < 200) return (int64_t)s * 600;
  if (s < 230) return (int64_t)fz_u32(f);
  return fz_count(f);
}

static int64_t pid(fz *f) {
  uint8_t s = fz_u8(f);
  return s < 230 ? (int64_t)(s % 6) : fz_count(f);
}

/* n participant ids and times (either array NULL sometimes when n = 0). */
static void stream(fz *f, size_t n, int64_t **p, int64_t **t) {
  if (n == 0) {
    *p = (fz_u8(f) & 1) ? NULL : malloc(1);
    *t = (fz_u8(f) & 1) ? NULL : malloc(1);
    return;
  }
  *p = malloc(n * sizeof **p);
  *t = malloc(n * sizeof **t);
  if (*p == NULL || *t == NULL) abort();
  int sorted = fz_u8(f) & 1;
  for (size_t i = 0; i < n; i++) {
    (*p)[i] = pid(f);
    (*t)[i] = ts(f);
  }
  if (sorted) /* an already-sorted stream takes the in-place path */
    for (size_t i = 1; i < n; i++)
      for (size_t j = i; j > 0 && ((*p)[j - 1] > (*p)[j] || ((*p)[j - 1] == (*p)[j] && (*t)[j - 1] > (*t)[j])); j--) {
        int64_t a = (*p)[j], b = (*t)[j];
        (*p)[j] = (*p)[j - 1]; (*t)[j] = (*t)[j - 1];
        (*p)[j - 1] = a; (*t)[j - 1] = b;
      }
}

static int in_window(int64_t dose, int64_t ev, int64_t before, int64_t after) {
  /* dose - before <= ev <= dose + after, saturating as the matcher */
  int64_t lo, hi;
  if (__builtin_sub_overflow(dose, before, &lo)) lo = INT64_MIN;
  if (__builtin_add_overflow(dose, after, &hi)) hi = INT64_MAX;
  return ev >= lo && ev <= hi;
}

static fgroi_match_record *records(fz *f, size_t n) {
  if (n == 0) return (fz_u8(f) & 1) ? NULL : malloc(1);
  fgroi_match_record *r = malloc(n * sizeof *r);
  if (r == NULL) abort();
  for (size_t i = 0; i < n; i++) {
    r[i].participant = pid(f);
    r[i].dose_time = ts(f);
    r[i].device_event = -1;
    r[i].self_event = -1;
    uint8_t s = fz_u8(f);
    r[i].device = s < 250 ? (uint8_t)(s & 1) : s;
    s = fz_u8(f);
    r[i].self = s < 250 ? (uint8_t)(s & 1) : s;
  }
  return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 4;
  fgroi_status s;
  if (op == 0) {
    fz_out o;
    fz_out_prep(&f, &o, sizeof(fgroi_match_options), 1, 1);
    fz_log("fgroi_match_options_default");
    s = fgroi_match_options_default(o.p);
    fz_check_status(s);
    fz_required(&o, s, "match_options_default");
    fz_after_plain(&o, s, "match_options_default");
    return 0;
  }
  if (op == 1) {
    size_t nd = fz_len(&f, 80), nv = fz_len(&f, 80), ns = fz_len(&f, 80);
    int64_t *dp, *dt, *vp, *vt, *sp, *st;
    stream(&f, nd, &dp, &dt);
    stream(&f, nv, &vp, &vt);
    stream(&f, ns, &sp, &st);
    fgroi_match_options opt = FGROI_INIT(fgroi_match_options);
    const fgroi_match_options *op_p = NULL;
    uint8_t os = fz_u8(&f);
    if (os >= 64) {
      fgroi_match_options_default(&opt);
      if (os >= 128) {
        opt.device_before = (os & 1) ? fz_count(&f) : (int64_t)fz_u16(&f);
        opt.device_after = (os & 2) ? fz_count(&f) : (int64_t)fz_u16(&f);
        opt.self_before = (os & 4) ? fz_count(&f) : (int64_t)fz_u16(&f);
        opt.self_after = (os & 8) ? fz_count(&f) : (int64_t)fz_u16(&f);
      }
      if (os >= 250) opt.struct_size = 0;
      op_p = &opt;
    }
    fgroi_match_options eff = FGROI_INIT(fgroi_match_options);
    fgroi_match_options_default(&eff);
    if (op_p != NULL) eff = opt;
    size_t cap = (fz_u8(&f) < 230) ? nd : fz_len(&f, 90);
    fz_out rec, sum;
    fz_arr_prep(&f, &rec, cap, sizeof(fgroi_match_record), 1);
    /* the records' tail padding is unspecified (a callback builds them in
     * scratch and copies them out): compare the fields only */
    rec.elem = sizeof(fgroi_match_record);
    rec.used = offsetof(fgroi_match_record, self) + 1;
    fz_out_prep(&f, &sum, sizeof(fgroi_match_summary), 1, 1);
    if (sum.p != NULL && (fz_u8(&f) & 1)) sum.p = NULL; /* optional */
    fz_log("fgroi_match_doses(doses %zu, device %zu, self %zu, cap %zu, windows %lld %lld %lld %lld)",
           nd, nv, ns, cap, (long long)eff.device_before, (long long)eff.device_after,
           (long long)eff.self_before, (long long)eff.self_after);
    /* the decoded control in options.control (options made if none) */
    fz_ctl k;
    fz_ctl_prep(&f, &k, 0.5);
    k.field = 1;
    int rd = 0;
    if (k.mode != FZ_CTL_PLAIN) {
      if (op_p == NULL) {
        fgroi_match_options_default(&opt);
        op_p = &opt;
      }
      rd = opt.struct_size >= sizeof opt;
    }
    FZ_CTL_RUN_R(k, rd, s, "match_doses", fgroi_match_doses(dp, dt, nd, vp, vt, nv, sp, st, ns, op_p, rec.p, cap, sum.p),
                 (opt.control = rd ? FZC : NULL,
                  fgroi_match_doses(dp, dt, nd, vp, vt, nv, sp, st, ns, op_p, rec.p, cap, sum.p)),
                 &rec, &sum, NULL);
    if (nd > 0) fz_required(&rec, s, "match_doses records");
    if (s == FGROI_OK) {
      const fgroi_match_record *r = rec.p;
      unsigned char *used_v = calloc(nv + 1, 1), *used_s = calloc(ns + 1, 1);
      int64_t mv = 0, ms = 0;
      for (size_t i = 0; i < nd; i++) {
        FZ_ASSERT(r[i].participant == dp[i] && r[i].dose_time == dt[i], "record %zu is not dose %zu", i, i);
        FZ_ASSERT(r[i].device == (r[i].device_event >= 0) && r[i].self == (r[i].self_event >= 0),
                  "record %zu flags disagree with event indices", i);
        if (r[i].device_event >= 0) {
          int64_t e = r[i].device_event;
          FZ_ASSERT((size_t)e < nv && !used_v[e], "device event %lld reused or out of range", (long long)e);
          used_v[e] = 1; mv++;
          FZ_ASSERT(vp[e] == dp[i] && in_window(dt[i], vt[e], eff.device_before, eff.device_after),
                    "device event %lld (t %lld) outside dose %zu (t %lld) window", (long long)e, (long long)vt[e], i, (long long)dt[i]);
        }
        if (r[i].self_event >= 0) {
          int64_t e = r[i].self_event;
          FZ_ASSERT((size_t)e < ns && !used_s[e], "self event %lld reused or out of range", (long long)e);
          used_s[e] = 1; ms++;
          FZ_ASSERT(sp[e] == dp[i] && in_window(dt[i], st[e], eff.self_before, eff.self_after),
                    "self event %lld outside dose %zu's window", (long long)e, i);
        }
      }
      if (fz_out_full(&sum, s)) {
        const fgroi_match_summary *m = sum.p;
        FZ_ASSERT(m->doses == (int64_t)nd && m->device_events == (int64_t)nv && m->self_events == (int64_t)ns,
                  "match summary sizes");
        FZ_ASSERT(m->device_matched == mv && m->self_matched == ms, "match summary matched counts");
        FZ_ASSERT(m->device_matched + m->device_duplicate + m->device_outside == m->device_events &&
                  m->self_matched + m->self_duplicate + m->self_outside == m->self_events,
                  "events != matched + duplicate + outside");
        FZ_ASSERT(m->device_no_doses <= m->device_outside && m->self_no_doses <= m->self_outside,
                  "no_doses > outside");
      }
      free(used_v);
      free(used_s);
    }
    fz_after_plain(&rec, s, "match_doses records");
    fz_after_plain(&sum, s, "match_doses summary");
    free(dp); free(dt); free(vp); free(vt); free(sp); free(st);
    return 0;
  }
  size_t n = fz_len(&f, 100);
  fgroi_match_record *r = records(&f, n);
  if (op == 2) {
    size_t cap = fz_len(&f, 110);
    fz_out out, no;
    fz_arr_prep(&f, &out, cap, sizeof(fgroi_paired_cluster), 1);
    fz_arr_prep(&f, &no, sizeof(size_t), 1, 1);
    fz_log("fgroi_match_clusters(n %zu, cap %zu)", n, cap);
    fz_ctl kc;
    fz_ctl_prep(&f, &kc, 0.5);
    FZ_CTL_RUN(kc, s, "match_clusters", fgroi_match_clusters(r, n, out.p, cap, no.p),
               fgroi_match_clusters_ctl(r, n, FZC, out.p, cap, no.p), &out, &no, NULL);
    if (s == FGROI_E_CAPACITY) memcpy(no.snap, no.buf, no.size);
    if (s == FGROI_OK) {
      size_t k = *(size_t *)no.p;
      const fgroi_paired_cluster *c = out.p;
      int64_t total = 0;
      FZ_ASSERT(k <= cap && k <= n, "match_clusters: %zu clusters", k);
      for (size_t i = 0; i < k; i++) {
        FZ_ASSERT(i == 0 || c[i - 1].id < c[i].id, "match_clusters not sorted");
        total += c[i].both + c[i].device_only + c[i].self_only + c[i].neither;
      }
      FZ_ASSERT(total == (int64_t)n, "match_clusters: %lld doses of %zu", (long long)total, n);
    }
    fz_after_plain(&out, s, "match_clusters out");
    fz_after_plain(&no, s, "match_clusters n_out");
  } else {
    fz_out o;
    fz_out_prep(&f, &o, sizeof(fgroi_paired_tally), 1, 1);
    if (o.p != NULL && fz_out_ok_ss(&o)) {
      fgroi_paired_tally *t = o.p;
      t->both = t->device_only = t->self_only = t->neither = 0;
      if (fz_u8(&f) < 30) t->neither = fz_count(&f);
      memcpy(o.snap, o.buf, o.total);
    }
    fz_log("fgroi_match_tally_add(n %zu)", n);
    s = fgroi_match_tally_add(o.p, r, n);
    fz_check_status(s);
    fz_required(&o, s, "match_tally_add");
    fz_after_plain(&o, s, "match_tally_add");
  }
  free(r);
  return 0;
}
