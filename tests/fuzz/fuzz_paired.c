/* libFuzzer harness: paired.h (the adherence gap: tally, 2x2 intervals and
 * tests, agreement, per-participant clusters).
 * Run one reproducer: ./fuzz_paired FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int gap_methods[] = { 100, 20, 101, 102, 1, 9, 32, 110, 111 };
static const int mcn_methods[] = { 106, 105, 103, 104 };


static fgroi_paired_cluster *clusters(fz *f, size_t k) {
  if (k == 0) return (fz_u8(f) & 1) ? NULL : malloc(1);
  fgroi_paired_cluster *c = malloc(k * sizeof *c);
  if (c == NULL) abort();
  for (size_t i = 0; i < k; i++) {
    uint8_t s = fz_u8(f);
    c[i].id = s < 200 ? (int64_t)(s % 16) : fz_count(f);
    if (fz_u8(f) < 220) { /* ordinary small counts */
      c[i].both = fz_u8(f) % 20; c[i].device_only = fz_u8(f) % 20;
      c[i].self_only = fz_u8(f) % 20; c[i].neither = fz_u8(f) % 20;
    } else {
      c[i].both = fz_count(f); c[i].device_only = fz_count(f);
      c[i].self_only = fz_count(f); c[i].neither = fz_count(f);
    }
  }
  return c;
}

static void tally_op(fz *f, int op) {
  fz_out o;
  fz_out_prep(f, &o, sizeof(fgroi_paired_tally), 1, 1);
  fgroi_paired_tally before = { 0 };
  if (o.p != NULL && fz_out_ok_ss(&o)) {
    fgroi_paired_tally *t = o.p;
    if (fz_u8(f) & 1) {
      t->both = fz_count(f); t->device_only = fz_count(f);
      t->self_only = fz_count(f); t->neither = fz_count(f);
    } else {
      t->both = t->device_only = t->self_only = t->neither = 0;
    }
    before = *t;
    memcpy(o.snap, o.buf, o.total);
  }
  fgroi_status s;
  if (op == 0) {
    fz_log("fgroi_paired_tally_init");
    s = fgroi_paired_tally_init(o.p);
  } else if (op == 1) {
    size_t n = fz_len(f, 200);
    uint8_t *a = fz_flags(f, n), *b = fz_flags(f, n);
    fz_log("fgroi_paired_tally_add({%lld,%lld,%lld,%lld}, n %zu)", (long long)before.both,
           (long long)before.device_only, (long long)before.self_only, (long long)before.neither, n);
    s = fgroi_paired_tally_add(o.p, a, b, n);
    free(a);
    free(b);
  } else {
    fgroi_paired_tally src = { sizeof src, fz_count(f), fz_count(f), fz_count(f), fz_count(f) };
    if ((fz_u8(f) & 7) == 0) src.struct_size = 0;
    const fgroi_paired_tally *sp = (fz_u8(f) & 15) == 0 ? NULL : &src;
    fz_log("fgroi_paired_tally_merge({%lld,%lld,%lld,%lld}, {%lld,%lld,%lld,%lld})",
           (long long)before.both, (long long)before.device_only, (long long)before.self_only,
           (long long)before.neither, (long long)src.both, (long long)src.device_only,
           (long long)src.self_only, (long long)src.neither);
    s = fgroi_paired_tally_merge(o.p, sp);
  }
  fz_check_status(s);
  fz_out_after(&o, s, "paired tally");
  if (fz_out_full(&o, s)) {
    const fgroi_paired_tally *t = o.p;
    FZ_ASSERT(t->both >= 0 && t->device_only >= 0 && t->self_only >= 0 && t->neither >= 0,
              "paired tally: negative cell after OK");
  }
  fz_out_free(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 14;
  if (op <= 2) {
    tally_op(&f, op);
    return 0;
  }
  fz_out o, o2;
  fgroi_status s;
  if (op <= 7) {
    int64_t a = fz_count(&f), b = fz_count(&f), c = fz_count(&f), d = fz_count(&f);
    if (op == 3) {
      fz_out_prep(&f, &o, sizeof(fgroi_paired_summary), 1, 1);
      fz_log("fgroi_paired_summary_compute(%lld, %lld, %lld, %lld)", (long long)a, (long long)b, (long long)c, (long long)d);
      s = fgroi_paired_summary_compute(a, b, c, d, o.p);
      fz_check_status(s);
      fz_required(&o, s, "paired_summary");
      if (fz_out_full(&o, s)) {
        const fgroi_paired_summary *m = o.p;
        FZ_ASSERT(m->self_rate >= 0 && m->self_rate <= 1 && m->device_rate >= 0 &&
                  m->device_rate <= 1 && m->gap >= -1 && m->gap <= 1 && m->agreement >= 0 &&
                  m->agreement <= 1, "paired_summary rates out of [0, 1]");
      }
      fz_after_plain(&o, s, "paired_summary");
    } else if (op == 4) {
      fgroi_method m = fz_method(&f, gap_methods, FZ_NM(gap_methods));
      double conf = fz_conf(&f);
      fgroi_alternative alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
      fz_log("fgroi_paired_gap_ci(%lld, %lld, %lld, %lld, %d, %.17g, %d)", (long long)a, (long long)b,
             (long long)c, (long long)d, (int)m, conf, (int)alt);
      s = fgroi_paired_gap_ci(a, b, c, d, m, conf, alt, o.p);
      fz_check_status(s);
      fz_required(&o, s, "paired_gap_ci");
      unsigned cont = (m == 0 || m == 100 || m == 1 ||
                       ((m == 20 || m == 9 || m == 32 || m == 110 || m == 111) && conf >= 0.5))
                          ? FZ_CONTAIN : 0;
      fz_after_interval(&o, s, -1, 1, cont, "paired_gap_ci");
    } else if (op == 5) {
      double null = (fz_u8(&f) & 3) ? fz_prob(&f) * 2 - 1 : fz_double(&f);
      fgroi_alternative alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
      fz_log("fgroi_paired_gap_test(%lld, %lld, %lld, %lld, %.17g, %d)", (long long)a, (long long)b,
             (long long)c, (long long)d, null, (int)alt);
      s = fgroi_paired_gap_test(a, b, c, d, null, alt, o.p);
      fz_check_status(s);
      fz_required(&o, s, "paired_gap_test");
      fz_after_test(&o, s, "paired_gap_test");
    } else if (op == 6) {
      fgroi_method m = fz_method(&f, mcn_methods, FZ_NM(mcn_methods));
      fgroi_alternative alt = fz_alt(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
      fz_log("fgroi_paired_mcnemar(%lld, %lld, %lld, %lld, %d, %d)", (long long)a, (long long)b,
             (long long)c, (long long)d, (int)m, (int)alt);
      s = fgroi_paired_mcnemar(a, b, c, d, m, alt, o.p);
      fz_check_status(s);
      fz_required(&o, s, "paired_mcnemar");
      fz_after_test(&o, s, "paired_mcnemar");
    } else {
      double conf = fz_conf(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_paired_agreement), 1, 1);
      fz_out_prep(&f, &o2, sizeof(fgroi_interval), 1, 0);
      if (fz_u8(&f) & 1) o2.p = NULL; /* kappa_ci optional */
      fz_log("fgroi_paired_agreement_compute(%lld, %lld, %lld, %lld, %.17g, ci %p)", (long long)a,
             (long long)b, (long long)c, (long long)d, conf, o2.p);
      s = fgroi_paired_agreement_compute(a, b, c, d, conf, o.p, o2.p);
      fz_check_status(s);
      fz_required(&o, s, "paired_agreement");
      if (fz_out_full(&o, s)) {
        const fgroi_paired_agreement *g = o.p;
        FZ_ASSERT(g->observed >= 0 && g->observed <= 1, "agreement observed %g", g->observed);
        if (!isnan(g->kappa_p_value)) fz_check_p(g->kappa_p_value, "kappa p");
      }
      fz_after_plain(&o, s, "paired_agreement");
      fz_after_interval(&o2, s, -INFINITY, INFINITY, FZ_CONTAIN, "kappa_ci");
    }
    return 0;
  }
  if (op == 8) {
    size_t n = fz_len(&f, 100);
    int64_t *id = NULL;
    if (n > 0 || (fz_u8(&f) & 1)) {
      id = malloc(n ? n * sizeof *id : 1);
      if (id == NULL) abort();
      for (size_t i = 0; i < n; i++) { uint8_t v = fz_u8(&f); id[i] = v < 240 ? v % 12 : fz_count(&f); }
    }
    uint8_t *self = fz_flags(&f, n), *dev = fz_flags(&f, n);
    size_t cap = fz_len(&f, 110);
    fz_out out, no;
    fz_arr_prep(&f, &out, cap, sizeof(fgroi_paired_cluster), 1);
    fz_arr_prep(&f, &no, sizeof(size_t), 1, 1);
    fz_log("fgroi_paired_clusters_from_records(n %zu, cap %zu)", n, cap);
    fz_ctl kc;
    fz_ctl_prep(&f, &kc, 0.5);
    FZ_CTL_RUN(kc, s, "clusters_from_records", fgroi_paired_clusters_from_records(id, self, dev, n, out.p, cap, no.p),
               fgroi_paired_clusters_from_records_ctl(id, self, dev, n, FZC, out.p, cap, no.p), &out, &no, NULL);
    if (s == FGROI_E_CAPACITY) memcpy(no.snap, no.buf, no.size); /* documented */
    if (s == FGROI_OK) {
      size_t k = *(size_t *)no.p;
      int64_t total = 0;
      const fgroi_paired_cluster *c = out.p;
      FZ_ASSERT(k <= cap && k <= n, "clusters_from_records: %zu clusters", k);
      for (size_t i = 0; i < k; i++) {
        FZ_ASSERT(i == 0 || c[i - 1].id < c[i].id, "clusters not sorted by id");
        total += c[i].both + c[i].device_only + c[i].self_only + c[i].neither;
      }
      FZ_ASSERT(total == (int64_t)n, "clusters_from_records: %lld doses of %zu", (long long)total, n);
    }
    fz_after_plain(&out, s, "clusters_from_records out");
    fz_after_plain(&no, s, "clusters_from_records n_out");
    free(id); free(self); free(dev);
    return 0;
  }
  size_t k = fz_len(&f, 60);
  fgroi_paired_cluster *cl = clusters(&f, k);
  if (op == 9) {
    size_t k2 = fz_len(&f, 60);
    fgroi_paired_cluster *cl2 = clusters(&f, k2);
    size_t cap = fz_len(&f, 130);
    fz_out out, no;
    fz_arr_prep(&f, &out, cap, sizeof(fgroi_paired_cluster), 1);
    fz_arr_prep(&f, &no, sizeof(size_t), 1, 1);
    fz_log("fgroi_paired_clusters_merge(%zu, %zu, cap %zu)", k, k2, cap);
    s = fgroi_paired_clusters_merge(cl, k, cl2, k2, out.p, cap, no.p);
    fz_check_status(s);
    if (s == FGROI_E_CAPACITY) memcpy(no.snap, no.buf, no.size);
    if (s == FGROI_OK) {
      size_t m = *(size_t *)no.p;
      const fgroi_paired_cluster *c = out.p;
      FZ_ASSERT(m <= cap && m <= k + k2, "clusters_merge: %zu clusters", m);
      for (size_t i = 1; i < m; i++) FZ_ASSERT(c[i - 1].id < c[i].id, "merge not sorted by id");
    }
    fz_after_plain(&out, s, "clusters_merge out");
    fz_after_plain(&no, s, "clusters_merge n_out");
    free(cl2);
  } else if (op == 10) {
    fz_out_prep(&f, &o, sizeof(fgroi_paired_tally), 1, 1);
    fz_log("fgroi_paired_clusters_pool(k %zu)", k);
    s = fgroi_paired_clusters_pool(cl, k, o.p);
    fz_check_status(s);
    fz_required(&o, s, "clusters_pool");
    fz_after_plain(&o, s, "clusters_pool");
  } else if (op == 11) {
    fz_out a, b;
    fz_arr_prep(&f, &a, k, sizeof(double), 1);
    fz_arr_prep(&f, &b, k, sizeof(double), 1);
    fz_log("fgroi_paired_participant_rates(k %zu)", k);
    s = fgroi_paired_participant_rates(cl, k, a.p, b.p);
    fz_check_status(s);
    if (s == FGROI_OK && a.p && b.p)
      for (size_t i = 0; i < k; i++)
        FZ_ASSERT(((double *)a.p)[i] >= 0 && ((double *)a.p)[i] <= 1 && ((double *)b.p)[i] >= 0 &&
                  ((double *)b.p)[i] <= 1, "participant rate %.17g / %.17g out of [0, 1]: {%lld, %lld, %lld, %lld}",
                  ((double *)a.p)[i], ((double *)b.p)[i], (long long)cl[i].both, (long long)cl[i].device_only,
                  (long long)cl[i].self_only, (long long)cl[i].neither);
    fz_after_plain(&a, s, "participant_rates self");
    fz_after_plain(&b, s, "participant_rates device");
  } else if (op == 12) {
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &o2, sizeof(fgroi_test), 1, 1);
    fz_log("fgroi_paired_cluster_gap(k %zu, %.17g, %d, ci %p, test %p)", k, conf, (int)alt, o.p, o2.p);
    s = fgroi_paired_cluster_gap(cl, k, conf, alt, o.p, o2.p);
    fz_check_status(s);
    if (o.p == NULL && o2.p == NULL) FZ_ASSERT(s != FGROI_OK, "cluster_gap: both outputs NULL accepted");
    fz_after_interval(&o, s, -INFINITY, INFINITY, FZ_CONTAIN, "cluster_gap ci");
    fz_after_test(&o2, s, "cluster_gap test");
    if (fz_u8(&f) >= 128) { /* the headline analysis, with a control */
      static const int ca_methods[] = { 108, 107 };
      fgroi_method m = fz_method(&f, ca_methods, FZ_NM(ca_methods));
      uint64_t seed = fz_u64(&f);
      fz_out_prep(&f, &o, sizeof(fgroi_interval), 1, 1);
      fz_out_prep(&f, &o2, sizeof(fgroi_test), 1, 1);
      fz_ctl kc;
      fz_ctl_prep(&f, &kc, 0.5);
      fz_log("fgroi_paired_cluster_analysis(k %zu, %d, %.17g, %d, ci %p, test %p)", k, (int)m, conf, (int)alt,
             o.p, o2.p);
      FZ_CTL_RUN(kc, s, "cluster_analysis", fgroi_paired_cluster_analysis(cl, k, m, conf, alt, seed, o.p, o2.p),
                 fgroi_paired_cluster_analysis_ctl(cl, k, m, conf, alt, seed, FZC, o.p, o2.p), &o, &o2, NULL);
      if (o.p == NULL || o2.p == NULL) FZ_ASSERT(s != FGROI_OK, "cluster_analysis: a NULL output accepted");
      fz_after_interval(&o, s, -INFINITY, INFINITY, FZ_CONTAIN, "cluster_analysis ci");
      fz_after_test(&o2, s, "cluster_analysis test");
    }
  } else {
    fgroi_alternative alt = fz_alt(&f);
    uint8_t r = fz_u8(&f);
    uint64_t resamples = r < 200 ? (uint64_t)r * 10 : (r < 250 ? fz_u16(&f) : fz_u64(&f));
    uint64_t seed = fz_u64(&f);
    fz_out_prep(&f, &o, sizeof(fgroi_test), 1, 1);
    fz_log("fgroi_paired_sign_flip(k %zu, %d, resamples %llu)", k, (int)alt, (unsigned long long)resamples);
    fz_ctl kc;
    fz_ctl_prep(&f, &kc, 0.5);
    FZ_CTL_RUN(kc, s, "sign_flip", fgroi_paired_sign_flip(cl, k, alt, resamples, seed, o.p),
               fgroi_paired_sign_flip_ctl(cl, k, alt, resamples, seed, FZC, o.p), &o, NULL, NULL);
    fz_required(&o, s, "sign_flip");
    fz_after_test(&o, s, "sign_flip");
  }
  free(cl);
  return 0;
}
