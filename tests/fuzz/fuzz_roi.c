/* libFuzzer harness: roi.h (closed-form and Monte Carlo ROI).
 * Run one reproducer: ./fuzz_roi FILE (FGROI_FUZZ_TRACE=1 prints the call). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An effect interval as some comparison would return it, or anything. */
static void effect(fz *f, fgroi_interval *e) {
  *e = FGROI_INIT(fgroi_interval);
  uint8_t s = fz_u8(f);
  if (s < 200) {
    double est = (double)(int8_t)fz_u8(f) / 100.0, w = (fz_u8(f) + 1) / 500.0;
    e->estimate = est;
    e->alternative = (fgroi_alternative)(fz_u8(f) % 3);
    e->lower = e->alternative == FGROI_LESS ? ((fz_u8(f) & 1) ? -INFINITY : -1) : est - w;
    e->upper = e->alternative == FGROI_GREATER ? ((fz_u8(f) & 1) ? INFINITY : 1) : est + w;
    e->conf_level = fz_u8(f) < 200 ? 0.95 : fz_conf(f);
  } else {
    e->estimate = fz_double(f);
    e->lower = fz_double(f);
    e->upper = fz_double(f);
    e->conf_level = fz_conf(f);
    e->alternative = fz_alt(f);
  }
  if (fz_u8(f) >= 250) e->struct_size = 0;
}

static void input(fz *f, fgroi_roi_input *in, double typical) {
  *in = FGROI_INIT(fgroi_roi_input);
  uint8_t s = fz_u8(f);
  in->dist = (fgroi_roi_dist)(s < 230 ? s % 4 : fz_enum(f, 4));
  if (fz_u8(f) < 200) {
    double a = typical * (1 + (fz_u8(f) % 10) / 10.0), b = a + typical * (fz_u8(f) % 5) / 10.0;
    in->a = a; in->b = b; in->c = b + typical * (fz_u8(f) % 5) / 10.0;
    if (in->dist == FGROI_ROI_NORMAL) in->b = typical / 10;
  } else {
    in->a = fz_double(f); in->b = fz_double(f); in->c = fz_double(f);
  }
  if (fz_u8(f) >= 250) in->struct_size = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz f = fz_make(data, size);
  uint8_t op = fz_u8(&f) % 3;
  fgroi_status s;
  fgroi_interval e;
  if (op == 0) {
    effect(&f, &e);
    const fgroi_interval *ep = fz_u8(&f) >= 250 ? NULL : &e;
    double vol = (fz_u8(&f) & 3) ? 1000 : fz_double(&f);
    double val = (fz_u8(&f) & 3) ? 50 : fz_double(&f);
    double cost = (fz_u8(&f) & 3) ? 2000 : fz_double(&f);
    fz_out roi, net, sum;
    fz_out_prep(&f, &roi, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &net, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &sum, sizeof(fgroi_roi_summary), 1, 1);
    if (fz_u8(&f) & 1) net.p = NULL;
    if (fz_u8(&f) & 1) sum.p = NULL;
    fz_log("fgroi_roi_compute(effect %.17g [%.17g, %.17g] conf %.17g alt %d, %.17g, %.17g, %.17g)", e.estimate,
           e.lower, e.upper, e.conf_level, (int)e.alternative, vol, val, cost);
    s = fgroi_roi_compute(ep, vol, val, cost, roi.p, net.p, sum.p);
    fz_check_status(s);
    fz_required(&roi, s, "roi_compute");
    fz_after_interval(&roi, s, -INFINITY, INFINITY, FZ_CONTAIN | FZ_INF_OPEN, "roi");
    fz_after_interval(&net, s, -INFINITY, INFINITY, FZ_CONTAIN | FZ_INF_OPEN, "net value");
    if (fz_out_full(&sum, s)) {
      const fgroi_roi_summary *m = sum.p;
      fz_check_p(m->prob_positive, "roi prob_positive");
      FZ_ASSERT(!isnan(m->break_even_effect) && !isnan(m->mean_roi) && !isnan(m->effect_se),
                "roi summary NaN");
    }
    fz_after_plain(&sum, s, "roi summary");
  } else if (op == 1) {
    effect(&f, &e);
    fz_out in;
    fz_out_prep(&f, &in, sizeof(fgroi_roi_input), 1, 1);
    fz_log("fgroi_roi_input_from_interval(%.17g [%.17g, %.17g] conf %.17g alt %d)", e.estimate, e.lower,
           e.upper, e.conf_level, (int)e.alternative);
    s = fgroi_roi_input_from_interval(fz_u8(&f) >= 250 ? NULL : &e, in.p);
    fz_check_status(s);
    fz_required(&in, s, "roi_input_from_interval");
    if (fz_out_full(&in, s)) {
      const fgroi_roi_input *r = in.p;
      FZ_ASSERT(r->dist == FGROI_ROI_NORMAL && isfinite(r->a) && isfinite(r->b) && r->b >= 0,
                "roi_input_from_interval: N(%g, %g)", r->a, r->b);
    }
    fz_after_plain(&in, s, "roi_input_from_interval");
  } else {
    fgroi_roi_input in[4];
    input(&f, &in[0], 0.05);
    input(&f, &in[1], 1000);
    input(&f, &in[2], 50);
    input(&f, &in[3], 2000);
    const fgroi_roi_input *ip[4];
    for (int i = 0; i < 4; i++) ip[i] = fz_u8(&f) >= 250 ? NULL : &in[i];
    uint8_t d = fz_u8(&f);
    int64_t draws = d < 200 ? 100 + (int64_t)d * 10 : fz_count(&f);
    /* pace: draws between 3e5 and the bound 10^6 cost up to 0.8 s of CPU in
     * this build (a wall-clock timeout on a loaded machine); they are folded
     * below 3e5 unless FGROI_FUZZ_FULL_RANGE=1. Beyond the bound they are
     * passed as they are (refused before any work). */
    if (draws > 300000 && draws <= 1000000 && !fz_env("FGROI_FUZZ_FULL_RANGE"))
      draws = 100000 + draws % 200000;
    double conf = fz_conf(&f);
    uint64_t seed = fz_u64(&f);
    fz_out roi, net, sum;
    fz_out_prep(&f, &roi, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &net, sizeof(fgroi_interval), 1, 1);
    fz_out_prep(&f, &sum, sizeof(fgroi_roi_summary), 1, 1);
    if (fz_u8(&f) & 1) net.p = NULL;
    if (fz_u8(&f) & 1) sum.p = NULL;
    fz_log("fgroi_roi_monte_carlo(resamples %lld, conf %.17g, dists %d %d %d %d)", (long long)draws, conf,
           (int)in[0].dist, (int)in[1].dist, (int)in[2].dist, (int)in[3].dist);
    for (int i = 0; i < 4; i++)
      fz_log("  input %d: dist %d (%.17g, %.17g, %.17g)", i, (int)in[i].dist, in[i].a, in[i].b, in[i].c);
    fz_ctl k;
    fz_ctl_prep(&f, &k, 0.5);
    FZ_CTL_RUN(k, s, "roi_monte_carlo",
               fgroi_roi_monte_carlo(ip[0], ip[1], ip[2], ip[3], conf, draws, seed, roi.p, net.p, sum.p),
               fgroi_roi_monte_carlo_ctl(ip[0], ip[1], ip[2], ip[3], conf, draws, seed, FZC, roi.p, net.p, sum.p),
               &roi, &net, &sum);
    fz_required(&roi, s, "roi_monte_carlo");
    /* Monte Carlo limits are sample quantiles; the estimate is the value at
     * the central inputs, which need not lie between them */
    fz_after_interval(&roi, s, -INFINITY, INFINITY, 0, "roi mc");
    fz_after_interval(&net, s, -INFINITY, INFINITY, 0, "net value mc");
    if (fz_out_full(&sum, s)) fz_check_p(((const fgroi_roi_summary *)sum.p)->prob_positive, "mc prob_positive");
    fz_after_plain(&sum, s, "roi mc summary");
  }
  return 0;
}
