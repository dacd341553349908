/* libFuzzer harness: pool.h (inverse-variance pooling, escalc helpers,
 * scorecard).
 * Run one reproducer: ./fuzz_pool FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int pool_methods[] = { 441, 440 };
static const int adj_methods[] = { 402, 401, 403, 404, 405, 406, 400 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 5;
  fgroi_status s;
  if (op == 0) {
    size_t k = fz_len(&f, 80);
    double *y = fz_doubles(&f, k, 0);
    double *v = NULL;
    if (k) {
      v = malloc(k * sizeof *v);
      if (v == NULL) abort();
      for (size_t i = 0; i < k; i++) { uint8_t w = fz_u8(&f); v[i] = w < 220 ? (w % 50 + 1) / 100.0 : fz_double(&f); }
    } else if (fz_u8(&f) & 1) {
      v = malloc(1);
    }
    fgroi_method m = fz_method(&f, pool_methods, FZ_NM(pool_methods));
    double conf = fz_conf(&f);
    fz_out pooled, test, stats, w;
    fz_out_prep(&f, &pooled, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &test, sizeof(fgroi_test), 1, 1);
    fz_out_prep(&f, &stats, sizeof(fgroi_pool_stats), 1, 1);
    fz_arr_prep(&f, &w, k ? k : 1, sizeof(double), 1);
    if (fz_u8(&f) & 1) test.p = NULL;
    if (fz_u8(&f) & 1) stats.p = NULL;
    if (fz_u8(&f) & 1) w.p = NULL;
    if (fz_tracing() && y != NULL && v != NULL)
      for (size_t i = 0; i < k; i++) fprintf(stderr, "  y[%zu] = %.17g, v[%zu] = %.17g\n", i, y[i], i, v[i]);
    /* fgroi_pool_effects_ex (every tau^2 estimator, options) when the
     * next byte says so; else fgroi_pool_effects */
    uint8_t ex = fz_u8(&f);
    fgroi_pool_options po = FGROI_INIT(fgroi_pool_options);
    const fgroi_pool_options *pop = NULL;
    if (ex >= 128) {
      static const int ex_methods[] = { 443, 440, 441, 446, 444, 447, 448, 449, 450, 451, 452, 454, 455 };
      static const int ci_m[] = { 0, 420, 445, 321, 453, 0, 445, 453 };
      static const int pi_m[] = { 0, 321, 420, 445 };
      m = fz_method(&f, ex_methods, FZ_NM(ex_methods));
      uint8_t os = fz_u8(&f);
      if (os >= 32) {
        po.ci_method = (fgroi_method)ci_m[fz_u8(&f) % 8];
        po.pi_method = (fgroi_method)pi_m[fz_u8(&f) % 4];
        if (os >= 248) po.struct_size = (os & 1) ? 0 : sizeof(size_t) + 1;
        pop = &po;
      }
      fz_log("fgroi_pool_effects_ex(k %zu, %d, %.17g, ci %d, pi %d, opt %p)", k, (int)m, conf, (int)po.ci_method,
             (int)po.pi_method, (const void *)pop);
      if (ex >= 192) { /* fgroi_pool_effects_weighted: user weights ai */
        double *ai = NULL;
        if (k) {
          ai = malloc(k * sizeof *ai);
          if (ai == NULL) abort();
          for (size_t i = 0; i < k; i++) {
            uint8_t a = fz_u8(&f);
            ai[i] = a < 200 ? (double)(a % 20) / 4.0 : fz_double(&f);
          }
        } else if (fz_u8(&f) & 1) {
          ai = malloc(1);
        }
        fz_log("  (fgroi_pool_effects_weighted with weights)");
        s = fgroi_pool_effects_weighted(y, v, ai, k, m, conf, pop, pooled.p, test.p, stats.p, w.p);
        free(ai);
      } else {
        s = fgroi_pool_effects_ex(y, v, k, m, conf, pop, pooled.p, test.p, stats.p, w.p);
      }
    } else {
      fz_log("fgroi_pool_effects(k %zu, %d, %.17g)", k, (int)m, conf);
      s = fgroi_pool_effects(y, v, k, m, conf, pooled.p, test.p, stats.p, w.p);
    }
    fz_check_status(s);
    fz_required(&pooled, s, "pool_effects");
    {
      if (fz_out_full(&stats, s)) {
        const fgroi_pool_stats *st = stats.p;
        FZ_ASSERT(isfinite(st->se) && st->se > 0 && !isnan(st->q) && st->tau2 >= 0 &&
                  st->i2 >= 0 && st->i2 <= 100 && !isnan(st->h2) && st->k == k,
                  "pool stats: se %g q %g tau2 %g i2 %g h2 %g", st->se, st->q, st->tau2, st->i2, st->h2);
        fz_check_p(st->q_p_value, "pool Q p");
        FZ_ASSERT(!isnan(st->h) && !isnan(st->tau2_lower) && !isnan(st->tau2_upper) &&
                  st->tau2_lower <= st->tau2_upper && !isnan(st->pi_lower) && !isnan(st->pi_upper) &&
                  st->pi_lower <= st->pi_upper && st->i2_lower <= st->i2_upper && st->h2_lower <= st->h2_upper,
                  "pool stats 0.2 fields: h %.17g tau2 [%.17g, %.17g] i2 [%.17g, %.17g] h2 [%.17g, %.17g] pi [%.17g, %.17g]", st->h, st->tau2_lower,
                  st->tau2_upper, st->i2_lower, st->i2_upper, st->h2_lower, st->h2_upper, st->pi_lower,
                  st->pi_upper);
      }
      if (s == FGROI_OK && w.p) {
        double sum = 0;
        for (size_t i = 0; i < k; i++) {
          FZ_ASSERT(((double *)w.p)[i] >= 0 && ((double *)w.p)[i] <= 100, "pool weight %g", ((double *)w.p)[i]);
          sum += ((double *)w.p)[i];
        }
        FZ_ASSERT(fabs(sum - 100) < 1e-6, "pool weights sum to %.17g", sum);
      }
      fz_after_interval(&pooled, s, -INFINITY, INFINITY, FZ_CONTAIN, "pool_effects");
      fz_after_test(&test, s, "pool_effects test");
      fz_after_plain(&stats, s, "pool stats");
      fz_after_plain(&w, s, "pool weights");
    }
    free(y);
    free(v);
  } else if (op <= 3) {
    fz_out y, v;
    fz_arr_prep(&f, &y, 1, sizeof(double), 1);
    fz_arr_prep(&f, &v, 1, sizeof(double), 1);
    if (op <= 2) {
      int64_t x1 = fz_count(&f), n1 = fz_count(&f), x2 = fz_count(&f), n2 = fz_count(&f);
      fz_log("fgroi_pool_escalc_%s(%lld, %lld, %lld, %lld)", op == 1 ? "rd" : "rr", (long long)x1,
             (long long)n1, (long long)x2, (long long)n2);
      int use_or = op == 2 && fz_u8(&f) >= 128; /* fgroi_pool_escalc_or */
      if (use_or) fz_log("  (fgroi_pool_escalc_or instead)");
      s = op == 1 ? fgroi_pool_escalc_rd(x1, n1, x2, n2, y.p, v.p)
          : use_or ? fgroi_pool_escalc_or(x1, n1, x2, n2, y.p, v.p)
                   : fgroi_pool_escalc_rr(x1, n1, x2, n2, y.p, v.p);
      if (s == FGROI_OK) {
        fz_check_finite(*(double *)y.p, "escalc yi");
        FZ_ASSERT(isfinite(*(double *)v.p) && *(double *)v.p > 0, "escalc vi %.17g", *(double *)v.p);
      }
    } else {
      double m1 = fz_double(&f), s1 = fz_double(&f), m2 = fz_double(&f), s2 = fz_double(&f);
      int64_t n1 = fz_count(&f), n2 = fz_count(&f);
      fz_log("fgroi_pool_escalc_md(%.17g, %.17g, %lld, %.17g, %.17g, %lld)", m1, s1, (long long)n1, m2, s2, (long long)n2);
      s = fgroi_pool_escalc_md(m1, s1, n1, m2, s2, n2, y.p, v.p);
      if (s == FGROI_OK) {
        fz_check_finite(*(double *)y.p, "escalc_md yi");
        FZ_ASSERT(isfinite(*(double *)v.p) && *(double *)v.p > 0, "escalc_md vi %.17g", *(double *)v.p);
      }
    }
    fz_check_status(s);
    fz_required(&y, s, "escalc yi");
    fz_required(&v, s, "escalc vi");
    fz_after_plain(&y, s, "escalc yi");
    fz_after_plain(&v, s, "escalc vi");
  } else {
    size_t n = fz_len(&f, 60);
    double *est = fz_doubles(&f, n, 0), *p = fz_doubles(&f, n, 1);
    int *hib = NULL;
    if (n || (fz_u8(&f) & 1)) {
      hib = malloc(n ? n * sizeof *hib : 1);
      if (hib == NULL) abort();
      for (size_t i = 0; i < n; i++) hib[i] = (int)(fz_u8(&f) % 3) - (fz_u8(&f) == 255);
    }
    fgroi_method m = fz_method(&f, adj_methods, FZ_NM(adj_methods));
    double alpha = fz_prob(&f);
    fz_out ap, vd;
    fz_arr_prep(&f, &ap, n ? n : 1, sizeof(double), 1);
    fz_arr_prep(&f, &vd, n ? n : 1, sizeof(fgroi_verdict), 1);
    fz_log("fgroi_pool_scorecard(n %zu, %d, alpha %.17g)", n, (int)m, alpha);
    s = fgroi_pool_scorecard(est, p, hib, n, alpha, m, ap.p, vd.p);
    fz_check_status(s);
    if (s == FGROI_OK) {
      for (size_t i = 0; i < n; i++) {
        double a = ((double *)ap.p)[i];
        fgroi_verdict v = ((fgroi_verdict *)vd.p)[i];
        fz_check_p(a, "scorecard adjusted p");
        FZ_ASSERT(v == FGROI_VERDICT_INCONCLUSIVE || v == FGROI_VERDICT_IMPROVED || v == FGROI_VERDICT_WORSENED,
                  "scorecard verdict %d", (int)v);
        if (a > alpha) FZ_ASSERT(v == FGROI_VERDICT_INCONCLUSIVE, "scorecard verdict with p above alpha");
      }
    }
    fz_after_plain(&ap, s, "scorecard adjusted");
    fz_after_plain(&vd, s, "scorecard verdict");
    free(est); free(p); free(hib);
  }
  return 0;
}
