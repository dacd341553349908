/* The NPS bootstrap (percentile and BCa intervals of one NPS or of the
 * change between two independent waves; Efron 1987): the options of the
 * randomised methods, multinomial resampling, the jackknife acceleration
 * and the limits. docs/methods/nps.md. */
#include <stdlib.h>

#include "control.h"
#include "nps_internal.h"

static const fgroi_nps_options default_options = { sizeof(fgroi_nps_options), 1u, 0, NULL };

fgroi_status fgroi__nps_read_options(const fgroi_nps_options *o, uint64_t *seed, int64_t *reps,
                                     const fgroi_control **control) {
  if (o == NULL) o = &default_options;
  else FGROI__TRY(FGROI__CHECK_OUT(o, fgroi_nps_options, resamples));
  *control = o->struct_size >= FGROI__V1_SIZE(fgroi_nps_options, control) ? o->control : NULL;
  if (o->resamples < 0 || o->resamples == 1 || o->resamples > NPS_MAX_BOOTSTRAP_REPLICATES)
    return FGROI_E_OUT_OF_RANGE;
  *seed = o->seed;
  *reps = o->resamples == 0 ? NPS_DEFAULT_REPLICATES : o->resamples;
  return FGROI_OK;
}

/* Draw a multinomial(n; p_det, p_pas, p_pro) sample's NPS (-1..1 scale). */
static double draw_nps(fgroi__rng *rng, int64_t n, double p_det, double p_det_pas) {
  int64_t det = 0, pro = 0;
  for (int64_t i = 0; i < n; i++) {
    double u = fgroi__rng_uniform(rng);
    if (u < p_det) det++;
    else if (u >= p_det_pas) pro++;
  }
  return ((double)pro - (double)det) / (double)n;
}

/* Jackknife acceleration of BCa for one multinomial NPS sample: leaving out
 * one respondent of each category, weighted by the category counts. The
 * sums sum w (mean - theta_i)^2 and ^3 are added to out[0], out[1]. */
static void jack_sums(double det, double pas, double pro, double sign, double out[2]) {
  double n = det + pas + pro;
  if (n < 2.0) return;
  double th[3] = { (pro - (det - 1.0)) / (n - 1.0), (pro - det) / (n - 1.0),
                   (pro - 1.0 - det) / (n - 1.0) };
  double w[3] = { det, pas, pro }, mean = 0.0;
  for (int k = 0; k < 3; k++) mean += w[k] * th[k] / n;
  for (int k = 0; k < 3; k++) {
    double d = sign * (mean - th[k]);
    out[0] += w[k] * d * d;
    out[1] += w[k] * d * d * d;
  }
}

/* Percentile or BCa limits from B bootstrap values (sorted in place). */
static fgroi_status boot_limits(double *boot, int64_t B, double est, double accel,
                                fgroi_method method, double conf, fgroi_alternative alt,
                                double *lo, double *hi, unsigned *flags) {
  qsort(boot, (size_t)B, sizeof *boot, fgroi__cmp_double);
  double alpha = 1.0 - conf;
  double a_lo = alt == FGROI_TWO_SIDED ? alpha / 2.0 : alpha, a_hi = 1.0 - a_lo;
  /* one-sided, conf near 0: 1 - conf rounds to 1; the quantiles below come
   * from conf itself (a_hi = conf exactly) */
  if (alt != FGROI_TWO_SIDED) a_hi = conf;
  *flags |= FGROI_FLAG_MONTE_CARLO;
  if (boot[0] == boot[B - 1]) { /* no variability: all promoters, ... */
    *lo = *hi = boot[0];
    *flags |= FGROI_FLAG_DEGENERATE;
    return FGROI_OK;
  }
  if (method == FGROI_METHOD_BOOTSTRAP_BCA) {
    int64_t below = 0, equal = 0;
    for (int64_t b = 0; b < B; b++) {
      if (boot[b] < est) below++;
      else if (boot[b] == est) equal++;
    }
    double frac = ((double)below + 0.5 * (double)equal) / (double)B;
    frac = fmin(fmax(frac, 0.5 / (double)B), 1.0 - 0.5 / (double)B);
    double z0 = fgroi__qnorm(frac, 1);
    /* zh from the upper tail: 1 - a_lo rounds to 1 at conf = 1 - 2^-53,
     * where the lower-tail quantile is +inf and the limit NaN (issue 14) */
    double zh = alt == FGROI_TWO_SIDED ? fgroi__qnorm(a_lo, 0) : fgroi__qnorm(conf, 1), zl = -zh;
    double dl = 1.0 - accel * (z0 + zl), dh = 1.0 - accel * (z0 + zh);
    a_lo = dl > 0.0 ? fgroi__pnorm(z0 + (z0 + zl) / dl, 1) : 0.0;
    a_hi = dh > 0.0 ? fgroi__pnorm(z0 + (z0 + zh) / dh, 1) : 1.0;
  }
  *lo = fgroi__quantile7(boot, (size_t)B, a_lo);
  *hi = fgroi__quantile7(boot, (size_t)B, a_hi);
  return FGROI_OK;
}


/* Bootstrap limits (-1..1 scale) for one wave (before == NULL) or for
 * after - before of two independent waves, each resampled as a multinomial
 * with its observed proportions. BCa acceleration of a two-sample statistic:
 * the two jackknives' influence sums, each scaled by its own n (Efron &
 * Tibshirani 1993, ch. 14). */
fgroi_status fgroi__nps_bootstrap(const double *before, const double after[3], double est,
                                  const fgroi_nps_options *options, fgroi_method method,
                                  double conf, fgroi_alternative alt, double *lo, double *hi,
                                  unsigned *flags) {
  uint64_t seed;
  int64_t B;
  const fgroi_control *control;
  FGROI__TRY(fgroi__nps_read_options(options, &seed, &B, &control));
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  const double *w[2] = { before, after };
  double nw[2] = { 0.0, 0.0 }, m2 = 0.0, m3 = 0.0;
  for (int k = 0; k < 2; k++)
    if (w[k]) nw[k] = w[k][0] + w[k][1] + w[k][2];
  /* the bound of the whole resampling, before any work (counts < 2^53) */
  for (int k = 0; k < 2; k++)
    if (nw[k] > NPS_MAX_BOOTSTRAP_N)
      return fgroi__too_large(control, k == 0 ? "the before wave's respondents"
                                     : before ? "the after wave's respondents" : "respondents",
                              nw[k], NPS_MAX_BOOTSTRAP_N, "the NPS bootstrap",
                              before ? "method = newcombe (score)" : "method = score");
  if ((nw[0] + nw[1]) * (double)B > NPS_MAX_BOOTSTRAP_DRAWS)
    return fgroi__too_large(control, "respondents x resamples", (nw[0] + nw[1]) * (double)B,
                            NPS_MAX_BOOTSTRAP_DRAWS, "the NPS bootstrap",
                            before ? "method = newcombe (score)" : "method = score");
  for (int k = 0; k < 2; k++) {
    if (!w[k]) continue;
    double js[2] = { 0.0, 0.0 };
    jack_sums(w[k][0], w[k][1], w[k][2], k == 0 ? -1.0 : 1.0, js);
    double sc = before ? nw[k] : 1.0; /* one wave: the plain jackknife */
    m2 += js[0] / (sc * sc);
    m3 += js[1] / (sc * sc * sc);
  }
  double *boot = fgroi__malloc_array((size_t)B, sizeof *boot);
  if (!boot) return FGROI_E_NO_MEMORY;
  fgroi__rng rng;
  fgroi__rng_seed(&rng, seed);
  for (int64_t i = 0; i < B; i++) {
    /* one replicate draws n uniforms (about 10 ms at the 1e6 limit) */
    fgroi_status cs = fgroi__ctl_step(&ctl, (double)i / (double)B);
    if (cs != FGROI_OK) { free(boot); return cs; }
    double t = 0.0;
    for (int k = 0; k < 2; k++)
      if (w[k]) {
        double d = draw_nps(&rng, (int64_t)nw[k], w[k][0] / nw[k], (w[k][0] + w[k][1]) / nw[k]);
        t += k == 0 ? -d : d;
      }
    boot[i] = t;
  }
  double accel = m2 > 0.0 ? m3 / (6.0 * pow(m2, 1.5)) : 0.0;
  fgroi_status st = boot_limits(boot, B, est, accel, method, conf, alt, lo, hi, flags);
  free(boot);
  if (st == FGROI_OK) fgroi__ctl_done(&ctl);
  return st;
}
