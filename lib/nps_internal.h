/* Internal to the NPS sources (lib/nps*.c; never installed): constants,
 * shared validation, the score machinery of lib/nps_score.c and the
 * bootstrap of lib/nps_boot.c. */
#ifndef FGROI_NPS_INTERNAL_H
#define FGROI_NPS_INTERNAL_H

#include <limits.h>

#include "checked.h"
#include "control.h"
#include "internal.h"
#include "num.h"

#define NPS_SCALE 100.0
#define NPS_DEFAULT_REPLICATES 4000
#define NPS_MAX_BOOTSTRAP_N 1000000      /* respondents per wave for bootstrap */
/* Bootstrap work is one uniform draw per respondent per replicate (about
 * 5.5 ns each at -O2, 20 ns under ASan + UBSan): respondents x replicates
 * of one call up to 2^24 (0.09 s CPU at -O2, 0.35 s in the fuzz build, plus
 * the sort of the replicates), replicates up to 10^6 (issue 14: 168,804
 * respondents x 4000 ran over 2 s; 7,096 x 4000 took 0.73 s CPU in the fuzz
 * build). */
#define NPS_MAX_BOOTSTRAP_REPLICATES 1000000
#define NPS_MAX_BOOTSTRAP_DRAWS 16777216.0
#define NPS_MAX_PERMUTATION_N 4000       /* smaller wave of the exact permutation test */
#define NPS_MAX_SEGMENTS 1000000         /* k of fgroi_nps_segments_compare: k(k-1)/2 tests */

/* ---- shared validation ---------------------------------------------------- */

/* Counts non-negative, total positive and representable. */
static inline fgroi_status check_counts(int64_t det, int64_t pas, int64_t pro, int64_t *n) {
  if (det < 0 || pas < 0 || pro < 0) return FGROI_E_NEGATIVE_COUNT;
  if (det > INT64_MAX - pas || det + pas > INT64_MAX - pro) return FGROI_E_OVERFLOW;
  *n = det + pas + pro;
  /* a wave's counts are carried in doubles; beyond 2^53 the score methods'
   * restricted MLE stops converging (issue 14, docs/limits.md) */
  if (*n > FGROI__EXACT_COUNT_MAX)
    return fgroi__too_large(NULL, "a wave's respondents", (double)*n,
                            (double)FGROI__EXACT_COUNT_MAX, "counts exact in doubles", NULL);
  return *n == 0 ? FGROI_E_EMPTY : FGROI_OK;
}

/* Wald variance of one NPS (per respondent, -1..1 scale): as R NPS::npvar. */
static inline double nps_var(double det, double pro, double n) {
  double pd = det / n, pp = pro / n;
  double v = (pp + pd) - (pp - pd) * (pp - pd);
  return v < 0.0 ? 0.0 : v;
}

static inline double z_of(double conf_level, fgroi_alternative alt) {
  return fgroi__z_conf(conf_level, alt);
}

/* Clip to [lo_bound, hi_bound] (flag), apply one-sidedness, scale by 100. */
static inline fgroi_interval finish_interval(double est, double lo, double hi, double lo_bound,
                                             double hi_bound, double conf, fgroi_method m,
                                             fgroi_alternative alt, unsigned flags) {
  /* clipped into the parameter space from either side: a one-sided level
   * below 1/2 puts a computed limit past the estimate, possibly past the
   * far bound (nps_ci(0, 0, 10, adjusted_wald, 0.05, greater)) */
  if (lo < lo_bound || hi > hi_bound || lo > hi_bound || hi < lo_bound)
    flags |= FGROI_FLAG_TRUNCATED;
  if (lo < lo_bound) lo = lo_bound;
  if (lo > hi_bound) lo = hi_bound;
  if (hi > hi_bound) hi = hi_bound;
  if (hi < lo_bound) hi = lo_bound;
  if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE;
  if (alt == FGROI_LESS) { lo = lo_bound; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alt == FGROI_GREATER) { hi = hi_bound; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  return fgroi__interval(NPS_SCALE * est, NPS_SCALE * lo, NPS_SCALE * hi, conf, m, alt, flags);
}

static inline fgroi_status check_ci_args(double conf_level, fgroi_alternative alt) {
  FGROI__TRY(fgroi__check_conf(conf_level));
  return fgroi__check_alternative(alt);
}

/* ---- score machinery: mean of a multinomial on integer support ----------- *
 * Counts c[0..K) on support values v[k] = vmin + k. Maximise sum c_k log p_k
 * subject to sum p_k = 1 and sum p_k v_k = theta. The KKT solution is
 * p_k = c_k / (n + lambda (v_k - theta)) on observed cells; an unobserved
 * extreme cell takes the remaining mass when lambda reaches the edge of the
 * feasible range (this is how Tango's restricted MLE puts mass on an empty
 * discordant cell). Used for the paired change (support -2..2) and the
 * difference of two independent NPS (support -1..1 each). */

#define FGROI__MM_MAXK 5

typedef struct {
  int K;
  double vmin;
  double c[FGROI__MM_MAXK];
  double n;
  double mean; /* observed mean */
} fgroi__mm_sample;

void fgroi__mm_init(fgroi__mm_sample *s, int K, double vmin, const double *c);
/* Score statistic of one sample at mean theta, clipped to +-1e8. */
fgroi_status fgroi__mm_score_z(const fgroi__mm_sample *s, double theta, double *z);
/* Score statistic of mean2 - mean1 = delta for two independent samples with
 * the same support, clipped to +-1e8. */
fgroi_status fgroi__mm2_score_z(const fgroi__mm_sample *a, const fgroi__mm_sample *b, double delta,
                                double *z);
/* Invert a score statistic (b NULL: one sample) on [lo_b, hi_b]. */
fgroi_status fgroi__mm_invert(const fgroi__mm_sample *a, const fgroi__mm_sample *b, double est,
                              double lo_b, double hi_b, double zc, int want_lower, int want_upper,
                              double *lo, double *hi, unsigned *flags);
/* Tango's score interval of one NPS on the -1..1 scale (lib/score.h). */
fgroi_status fgroi__nps_score_limits(double det, double pas, double pro, double zc, int want_lower,
                                     int want_upper, double *lo, double *hi, unsigned *flags);

/* ---- bootstrap (lib/nps_boot.c) ---------------------------------------- */

/* Seed, replicates and control of fgroi_nps_options (NULL: defaults). */
fgroi_status fgroi__nps_read_options(const fgroi_nps_options *o, uint64_t *seed, int64_t *reps,
                                     const fgroi_control **control);
/* Percentile or BCa limits (-1..1 scale) of one wave (before NULL) or of
 * after - before of two independent waves. */
fgroi_status fgroi__nps_bootstrap(const double *before, const double after[3], double est,
                                  const fgroi_nps_options *options, fgroi_method method,
                                  double conf, fgroi_alternative alt, double *lo, double *hi,
                                  unsigned *flags);

#endif
