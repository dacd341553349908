/* libFuzzer harness: means.h (t tests, rank tests with Hodges-Lehmann
 * intervals, Hedges' g, Cliff's delta, Bland-Altman).
 * Run one reproducer: ./fuzz_means FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int t2_methods[] = { 320, 321 };
static const int rank_methods[] = { 8, 420 };
static const int g_methods[] = { 329, 420 };

/* The data of a call (FGROI_FUZZ_TRACE=1). */
static void log_values(const char *name, const double *x, size_t n) {
  if (!fz_tracing() || x == NULL) return;
  fprintf(stderr, "  %s =", name);
  for (size_t i = 0; i < n; i++) fprintf(stderr, " %.17g", x[i]);
  fputc('\n', stderr);
}

/* ZERO_VARIANCE claims the data are constant: check it. */
static int constant(const double *x, size_t n) {
  for (size_t i = 1; i < n; i++) if (x[i] != x[0]) return 0;
  return 1;
}

/* Both outputs optional (not both NULL). */
static void outs(fz *f, fz_out *ci, fz_out *t) {
  fz_out_prep(f, ci, sizeof(fgroi_interval), 1, 1);
  fz_out_prep(f, t, sizeof(fgroi_test), 1, 1);
  uint8_t s = fz_u8(f);
  if (s < 40) ci->p = NULL;
  else if (s < 80) t->p = NULL;
}

static void after(fz_out *ci, fz_out *t, fgroi_status s, unsigned opts, const char *what) {
  fz_check_status(s);
  if (ci->p == NULL && t->p == NULL) FZ_ASSERT(s != FGROI_OK, "%s: both outputs NULL accepted", what);
  fz_after_interval(ci, s, -INFINITY, INFINITY, opts, what);
  fz_after_test(t, s, what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 10;
  size_t nx = fz_len(&f, 120);
  double *x = fz_doubles(&f, nx, 0);
  size_t ny = (op == 1 || op == 4 || op == 9) ? nx : fz_len(&f, 120);
  double *y = (op == 0 || op == 3 || op == 8) ? NULL : fz_doubles(&f, ny, 0);
  if (op == 1 || op == 4 || op == 9) { /* paired: y may be NULL with n > 0 sometimes */
    if (fz_u8(&f) >= 250) { free(y); y = NULL; }
  }
  log_values("x", x, nx);
  log_values("y", y, ny);
  fz_out ci, t;
  fgroi_status s = FGROI_OK;
  if (op <= 2) {
    double mu = (fz_u8(&f) & 3) ? 0.0 : fz_double(&f);
    fgroi_method m = op == 2 ? fz_method(&f, t2_methods, FZ_NM(t2_methods)) : FGROI_METHOD_DEFAULT;
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    outs(&f, &ci, &t);
    fz_log("fgroi_means_t_%s(nx %zu, ny %zu, method %d, mu %.17g, %.17g, %d)",
           op == 0 ? "one" : op == 1 ? "paired" : "two", nx, ny, (int)m, mu, conf, (int)alt);
    if (op == 0) s = fgroi_means_t_one(x, nx, mu, conf, alt, ci.p, t.p);
    else if (op == 1) s = fgroi_means_t_paired(x, y, nx, mu, conf, alt, ci.p, t.p);
    else s = fgroi_means_t_two(x, nx, y, ny, mu, m, conf, alt, ci.p, t.p);
    if (s == FGROI_E_ZERO_VARIANCE && op == 0)
      FZ_ASSERT(constant(x, nx), "t_one: ZERO_VARIANCE for data that vary");
    after(&ci, &t, s, FZ_CONTAIN | FZ_INF_OPEN, "means t");
  } else if (op <= 5) {
    double mu = (fz_u8(&f) & 3) ? 0.0 : fz_double(&f);
    fgroi_method m = fz_method(&f, rank_methods, FZ_NM(rank_methods));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    outs(&f, &ci, &t);
    fz_log("fgroi_means_%s(nx %zu, ny %zu, mu %.17g, method %d, %.17g, %d)",
           op == 3 ? "wilcoxon_one" : op == 4 ? "wilcoxon_paired" : "mann_whitney", nx, ny, mu,
           (int)m, conf, (int)alt);
    fz_ctl k;
    fz_ctl_prep(&f, &k, 0.5);
    if (op == 3)
      FZ_CTL_RUN(k, s, "wilcoxon_one", fgroi_means_wilcoxon_one(x, nx, mu, m, conf, alt, ci.p, t.p),
                 fgroi_means_wilcoxon_one_ctl(x, nx, mu, m, conf, alt, FZC, ci.p, t.p), &ci, &t, NULL);
    else if (op == 4)
      FZ_CTL_RUN(k, s, "wilcoxon_paired",
                 fgroi_means_wilcoxon_paired(x, y, nx, mu, m, conf, alt, ci.p, t.p),
                 fgroi_means_wilcoxon_paired_ctl(x, y, nx, mu, m, conf, alt, FZC, ci.p, t.p), &ci, &t,
                 NULL);
    else
      FZ_CTL_RUN(k, s, "mann_whitney", fgroi_means_mann_whitney(x, nx, y, ny, mu, m, conf, alt, ci.p, t.p),
                 fgroi_means_mann_whitney_ctl(x, nx, y, ny, mu, m, conf, alt, FZC, ci.p, t.p), &ci, &t,
                 NULL);
    /* the Hodges-Lehmann estimate is inside its interval at usual levels:
     * exact: order statistics of the Walsh averages contain their median;
     * normal: R's uniroot tolerance (1e-4) can put the estimate just outside */
    after(&ci, &t, s, FZ_INF_OPEN | (conf >= 0.5 && m == FGROI_METHOD_EXACT ? FZ_CONTAIN : 0), "means rank test");
  } else if (op == 6) {
    fgroi_method m = fz_method(&f, g_methods, FZ_NM(g_methods));
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    fz_out_prep(&f, &ci, sizeof(fgroi_interval), 1, 1);
    fz_log("fgroi_means_hedges_g(nx %zu, ny %zu, %d, %.17g, %d)", nx, ny, (int)m, conf, (int)alt);
    s = fgroi_means_hedges_g(x, nx, y, ny, m, conf, alt, ci.p);
    fz_check_status(s);
    fz_required(&ci, s, "hedges_g");
    fz_after_interval(&ci, s, -INFINITY, INFINITY, FZ_INF_OPEN | (conf >= 0.5 ? FZ_CONTAIN : 0), "hedges_g");
  } else if (op == 7) {
    double conf = fz_conf(&f);
    fgroi_alternative alt = fz_alt(&f);
    fz_out_prep(&f, &ci, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &t, sizeof(fgroi_interval), 1, 1);
    uint8_t w = fz_u8(&f);
    if (w < 40) ci.p = NULL;
    else if (w < 80) t.p = NULL;
    fz_log("fgroi_means_cliffs_delta(nx %zu, ny %zu, %.17g, %d)", nx, ny, conf, (int)alt);
    s = fgroi_means_cliffs_delta(x, nx, y, ny, conf, alt, ci.p, t.p);
    fz_check_status(s);
    if (ci.p == NULL && t.p == NULL) FZ_ASSERT(s != FGROI_OK, "cliffs_delta: both NULL accepted");
    fz_after_interval(&ci, s, -1, 1, FZ_CONTAIN, "cliffs_delta");
    fz_after_interval(&t, s, 0, 1, FZ_CONTAIN, "superiority");
  } else if (op == 8) {
    fgroi_means_ba_options d = FGROI_INIT(fgroi_means_ba_options);
    (void)fgroi_means_ba_options_default(&d);
    fz_log("fgroi_means_ba_options_default");
    FZ_ASSERT(d.struct_size == sizeof d && d.multiplier == 1.96 && d.loa_se == FGROI_LOA_SE_1999,
              "ba_options_default");
  } else {
    fgroi_means_ba_options opt = FGROI_INIT(fgroi_means_ba_options);
    (void)fgroi_means_ba_options_default(&opt);
    const fgroi_means_ba_options *op_p = NULL;
    uint8_t w = fz_u8(&f);
    if (w >= 64) {
      opt.multiplier = (w & 1) ? fz_double(&f) : (double)(w % 4);
      opt.loa_se = (fgroi_loa_se)fz_enum(&f, 3);
      if (w >= 250) opt.struct_size = 0;
      op_p = &opt;
    }
    double conf = fz_conf(&f);
    fz_out_prep(&f, &ci, sizeof(fgroi_bland_altman), 1, 1);
    fz_log("fgroi_means_bland_altman(n %zu, k %g, loa_se %d, %.17g)", nx, opt.multiplier, (int)opt.loa_se, conf);
    s = fgroi_means_bland_altman(x, y, nx, conf, op_p, ci.p);
    fz_check_status(s);
    fz_required(&ci, s, "bland_altman");
    if (fz_out_full(&ci, s)) {
      const fgroi_bland_altman *b = ci.p;
      FZ_ASSERT(isfinite(b->bias) && isfinite(b->sd) && b->sd >= 0, "bland_altman bias/sd");
      FZ_ASSERT(b->bias_lower <= b->bias && b->bias <= b->bias_upper, "bland_altman bias interval");
      FZ_ASSERT(b->loa_lower <= b->loa_upper, "bland_altman limits of agreement out of order");
      FZ_ASSERT(b->loa_lower_lower <= b->loa_lower_upper && b->loa_upper_lower <= b->loa_upper_upper,
                "bland_altman limit intervals out of order");
      FZ_ASSERT(!isnan(b->loa_lower_lower) && !isnan(b->loa_upper_upper), "bland_altman NaN");
    }
    fz_after_plain(&ci, s, "bland_altman");
  }
  free(x);
  free(y);
  return 0;
}
