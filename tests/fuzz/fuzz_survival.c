/* libFuzzer harness: survival.h (Kaplan-Meier, median, curve at T,
 * log-rank).
 * Run one reproducer: ./fuzz_survival FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static double *times(fz *f, size_t n) {
  if (n == 0) return (fz_u8(f) & 1) ? NULL : malloc(1);
  double *t = malloc(n * sizeof *t);
  if (t == NULL) abort();
  for (size_t i = 0; i < n; i++) {
    uint8_t s = fz_u8(f);
    t[i] = s < 220 ? (double)(s % 30) : fz_double(f);
  }
  return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 4;
  size_t n = fz_len(&f, 150);
  double *t = times(&f, n);
  uint8_t *e = fz_flags(&f, n);
  fgroi_status s;
  if (op == 0) {
    fgroi_surv_conf ct = (fgroi_surv_conf)fz_enum(&f, 3);
    double conf = fz_conf(&f);
    size_t cap = fz_u8(&f) < 200 ? n : fz_len(&f, 160);
    fz_out col[8], sz;
    size_t el[8] = { 8, 8, 8, 8, 8, 8, 8, 8 };
    for (int i = 0; i < 8; i++) {
      fz_arr_prep(&f, &col[i], cap ? cap : 1, el[i], 0);
      if (fz_u8(&f) < 40) col[i].p = NULL;
    }
    fz_arr_prep(&f, &sz, 1, sizeof(size_t), 1);
    fz_log("fgroi_surv_km(n %zu, conf_type %d, %.17g, cap %zu)", n, (int)ct, conf, cap);
    s = fgroi_surv_km(t, e, n, ct, conf, cap, col[0].p, col[1].p, col[2].p, col[3].p, col[4].p,
                      col[5].p, col[6].p, col[7].p, sz.p);
    fz_check_status(s);
    fz_required(&sz, s, "surv_km size");
    if (s == FGROI_E_CAPACITY) memcpy(sz.snap, sz.buf, sz.size);
    if (s == FGROI_OK) {
      size_t rows = *(size_t *)sz.p;
      FZ_ASSERT(rows >= 1 && rows <= n && rows <= cap, "surv_km rows %zu", rows);
      const double *sv = col[4].p, *lo = col[6].p, *hi = col[7].p, *se = col[5].p;
      const int64_t *nr = col[1].p;
      for (size_t i = 0; i < rows; i++) {
        if (sv) FZ_ASSERT(sv[i] >= 0 && sv[i] <= 1 && (i == 0 || sv[i] <= sv[i - 1]), "surv_km S(t) %g", sv[i]);
        if (lo && hi) FZ_ASSERT(!isnan(lo[i]) && !isnan(hi[i]) && lo[i] <= hi[i] && lo[i] >= 0 && hi[i] <= 1,
                                "surv_km limits [%g, %g] row %zu", lo[i], hi[i], i);
        if (lo && hi && sv) FZ_ASSERT(fz_close_le(lo[i], sv[i]) && fz_close_le(sv[i], hi[i]),
                                      "surv_km S %g outside [%g, %g]", sv[i], lo[i], hi[i]);
        if (se) FZ_ASSERT(se[i] >= 0 && isfinite(se[i]), "surv_km std_err %g", se[i]);
        if (nr) FZ_ASSERT(nr[i] >= 1 && nr[i] <= (int64_t)n, "surv_km n_risk");
      }
    }
    for (int i = 0; i < 8; i++) fz_after_plain(&col[i], s, "surv_km column");
    fz_after_plain(&sz, s, "surv_km size");
  } else if (op == 1 || op == 2) {
    double at = (op == 2) ? ((fz_u8(&f) & 3) ? (double)(fz_u8(&f) % 35) : fz_double(&f)) : 0;
    fgroi_surv_conf ct = (fgroi_surv_conf)fz_enum(&f, 3);
    double conf = fz_conf(&f);
    fz_out a, b;
    fz_out_prep(&f, &a, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &b, sizeof(fgroi_interval), 1, 1);
    if (op == 1) {
      fz_log("fgroi_surv_median(n %zu, %d, %.17g)", n, (int)ct, conf);
      s = fgroi_surv_median(t, e, n, ct, conf, a.p);
      fz_check_status(s);
      fz_required(&a, s, "surv_median");
      fz_after_interval(&a, s, 0, INFINITY, FZ_INF_EST | FZ_ANY_INF_FLAGGED | FZ_CONTAIN, "surv_median");
      fz_out_free(&b);
    } else {
      uint8_t w = fz_u8(&f);
      if (w < 40) a.p = NULL;
      else if (w < 80) b.p = NULL;
      fz_log("fgroi_surv_at(n %zu, T %.17g, %d, %.17g)", n, at, (int)ct, conf);
      s = fgroi_surv_at(t, e, n, at, ct, conf, a.p, b.p);
      fz_check_status(s);
      if (a.p == NULL && b.p == NULL) FZ_ASSERT(s != FGROI_OK, "surv_at: both NULL accepted");
      fz_after_interval(&a, s, 0, 1, FZ_CONTAIN, "surv_at surv");
      fz_after_interval(&b, s, 0, 1, FZ_CONTAIN, "surv_at done");
    }
  } else {
    size_t n2 = fz_len(&f, 150);
    double *t2 = times(&f, n2);
    uint8_t *e2 = fz_flags(&f, n2);
    double rho = (fz_u8(&f) & 3) ? (double)(fz_u8(&f) % 3) : fz_double(&f);
    fz_out a, b;
    fz_out_prep(&f, &a, sizeof(fgroi_test), 1, 1);
    fz_out_prep(&f, &b, sizeof(fgroi_logrank), 1, 1);
    if (fz_u8(&f) & 1) b.p = NULL;
    fz_log("fgroi_surv_logrank(n1 %zu, n2 %zu, rho %.17g)", n, n2, rho);
    s = fgroi_surv_logrank(t, e, n, t2, e2, n2, rho, a.p, b.p);
    fz_check_status(s);
    fz_required(&a, s, "surv_logrank");
    if (fz_out_full(&b, s)) {
      const fgroi_logrank *l = b.p;
      FZ_ASSERT(isfinite(l->observed1) && isfinite(l->expected1) && l->variance > 0,
                "logrank detail O %g E %g V %g", l->observed1, l->expected1, l->variance);
    }
    fz_after_test(&a, s, "surv_logrank");
    fz_after_plain(&b, s, "surv_logrank detail");
    free(t2);
    free(e2);
  }
  free(t);
  free(e);
  return 0;
}
