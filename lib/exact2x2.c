/* Exact unconditional inference for two independent binomial proportions:
 * Barnard's and Boschloo's tests, the score-statistic exact unconditional
 * test and interval for p1 - p2 (Chan & Zhang 1999; Agresti & Min 2001),
 * small-table odds-ratio intervals (Baptista & Pike 1977; Cornfield 1956),
 * and rejection regions for exact power (lib/exact2x2_region.h).
 *
 * Files: this one holds the options, Barnard's and Boschloo's tests and
 * the odds-ratio interval (whose kernel is lib/cond_or.c); the engine
 * below is lib/exact2x2_engine.c (exact2x2_engine.h), the regions and
 * cuts lib/exact2x2_region.c, the difference lib/exact2x2_diff.c.
 *
 * The engine. A region R of tables (x1, x2) has, under H0: p1 = p2 = pi,
 *   P(R; pi) = sum_s h_s * dbinom(s; N, pi),  h_s = sum_{(x1,x2) in R,
 *   x1 + x2 = s} dhyper(x1; n1, n2, s),
 * so once h is built (O(n1 n2)) each nuisance value costs O(N). The
 * maximum over pi is found on a grid uniform in arcsine scale (pi =
 * sin^2 theta, where binomial features have constant width), followed by
 * Brent's minimiser around every leading local maximum of the grid.
 * For the score test of p1 - p2 = d, tables are ordered by the score
 * statistic, which decreases in x2 and increases in x1 (Barnard's
 * convexity), so the region is one cut per x1 found by a staircase walk
 * and its probability is sum_x1 dbinom(x1; n1, p2 + d) * pbinom(cut; n2, p2).
 * Binomial pmfs come from the mode by the ratio recursion (one exp each). */
#include <float.h>
#include <stdlib.h>

#include "cond_or.h"
#include "control.h"
#include "exact2x2_engine.h"
#include "num.h"

/* ---- options -------------------------------------------------------------- */

static const char *const e2_two_sided_names[] = {
  "default", "two_sided_statistic", "double_one_sided"
};

const char *fgroi_exact2x2_two_sided_name(fgroi_exact2x2_two_sided convention) {
  if ((int)convention < 0 || (int)convention > 2) return NULL;
  return e2_two_sided_names[convention];
}

fgroi_status fgroi_exact2x2_two_sided_from_name(const char *name, fgroi_exact2x2_two_sided *out) {
  if (name == NULL || out == NULL) return FGROI_E_NULL;
  for (int i = 0; i <= 2; i++)
    if (strcmp(name, e2_two_sided_names[i]) == 0) { *out = (fgroi_exact2x2_two_sided)i; return FGROI_OK; }
  if (strcmp(name, "central") == 0) { *out = FGROI_EXACT2X2_DOUBLE_ONE_SIDED; return FGROI_OK; }
  return FGROI_E_UNKNOWN_NAME;
}

static fgroi_exact2x2_options e2_defaults(void) {
  fgroi_exact2x2_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  o.two_sided = FGROI_EXACT2X2_DEFAULT;
  o.gamma = 0.0;
  o.tolerance = E2_DEFAULT_TOL;
  return o;
}

fgroi_status fgroi_exact2x2_options_default(fgroi_exact2x2_options *options) {
  FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_exact2x2_options, tolerance));
  fgroi_exact2x2_options o = e2_defaults();
  fgroi__write_out(options, &o, sizeof o);
  return FGROI_OK;
}

/* Validated copy of the caller's options (NULL = defaults). */
fgroi_status fgroi__e2_options(const fgroi_exact2x2_options *in, fgroi_exact2x2_options *o) {
  *o = e2_defaults();
  if (in == NULL) return FGROI_OK;
  FGROI__TRY(FGROI__CHECK_OUT(in, fgroi_exact2x2_options, tolerance));
  o->two_sided = in->two_sided;
  o->gamma = in->gamma;
  o->tolerance = in->tolerance;
  if (in->struct_size >= FGROI__V1_SIZE(fgroi_exact2x2_options, control)) o->control = in->control;
  if ((int)o->two_sided < 0 || (int)o->two_sided > 2) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_finite(o->gamma));
  FGROI__TRY(fgroi__check_finite(o->tolerance));
  if (o->gamma < 0.0 || o->gamma >= 1.0) return FGROI_E_PROBABILITY;
  if (o->tolerance < 0.0 || o->tolerance > 1e-2) return FGROI_E_OUT_OF_RANGE;
  if (o->tolerance == 0.0) o->tolerance = E2_DEFAULT_TOL;
  if (o->tolerance < 1e-14) o->tolerance = 1e-14;
  return FGROI_OK;
}

fgroi_status fgroi__e2_check_table(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  return FGROI_OK;
}

/* ---- Barnard and Boschloo ---------------------------------------------------- */

static fgroi_status fgroi_exact2x2_test_body(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                             fgroi_method method, fgroi_alternative alternative,
                                             const fgroi_exact2x2_options *options,
                                             fgroi_test *out, fgroi_exact2x2_detail *detail) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  if (detail != NULL) FGROI__TRY(FGROI__CHECK_OUT(detail, fgroi_exact2x2_detail, gamma));
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_BOSCHLOO;
  if (method != FGROI_METHOD_BARNARD && method != FGROI_METHOD_BOSCHLOO &&
      method != FGROI_METHOD_BARNARD_UNPOOLED)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_alternative(alternative));
  fgroi_exact2x2_options o;
  FGROI__TRY(fgroi__e2_options(options, &o));
  fgroi_exact2x2_two_sided conv =
      o.two_sided == FGROI_EXACT2X2_DEFAULT ? FGROI_EXACT2X2_TWO_SIDED_STATISTIC : o.two_sided;

  if (n1 >= E2_MAX_TEST_TABLES || n2 >= E2_MAX_TEST_TABLES ||
      (n1 + 1) * (n2 + 1) > E2_MAX_TEST_TABLES)
    return fgroi__too_large(o.control, "(n1 + 1)(n2 + 1) tables",
                            ((double)n1 + 1.0) * ((double)n2 + 1.0), (double)E2_MAX_TEST_TABLES,
                            "the exact unconditional test (about 2,047 per arm)",
                            "fgroi_prop_2x2_test (Fisher's exact test, to 2^33, or chi-square)");
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, o.control, 1));
  fgroi__e2_tables T;
  FGROI__TRY(fgroi__e2_tables_alloc_ctl(&T, n1, n2, &ctl));
  double lo, hi;
  fgroi__e2_berger_boos_range(x1 + x2, n1 + n2, o.gamma, &lo, &hi);
  double e_obs = 0.0, p = 1.0, arg = 0.5;
  fgroi_status st = FGROI_OK;
  if (alternative != FGROI_TWO_SIDED || conv == FGROI_EXACT2X2_TWO_SIDED_STATISTIC) {
    st = fgroi__e2_pvalue_side(&T, x1, x2, method, alternative, lo, hi, o.tolerance, &e_obs, &p, &arg);
  } else {
    double eg, pg, ag, el, pl, al;
    st = fgroi__e2_pvalue_side(&T, x1, x2, method, FGROI_GREATER, lo, hi, o.tolerance, &eg, &pg, &ag);
    if (st == FGROI_OK)
      st = fgroi__e2_pvalue_side(&T, x1, x2, method, FGROI_LESS, lo, hi, o.tolerance, &el, &pl, &al);
    if (st == FGROI_OK) {
      int g = pg <= pl;
      e_obs = g ? eg : el; arg = g ? ag : al;
      p = fmin(1.0, 2.0 * (g ? pg : pl));
    }
  }
  fgroi__e2_tables_free(&T);
  if (st != FGROI_OK) return st;
  if (o.gamma > 0.0) p = fmin(1.0, p + o.gamma);

  /* reported statistic: signed z for Barnard (|z| ordering when two-sided),
   * the observed Fisher p-value used as the statistic for Boschloo */
  double stat;
  if (method == FGROI_METHOD_BARNARD) {
    double num = (double)(x1 * n2 - x2 * n1) / ((double)n1 * (double)n2);
    double pbar = (double)(x1 + x2) / (double)(n1 + n2);
    double var = pbar * (1.0 - pbar) * (1.0 / (double)n1 + 1.0 / (double)n2);
    stat = var > 0.0 ? num / sqrt(var) : 0.0;
  } else {
    stat = -e_obs;
  }
  if (method == FGROI_METHOD_BARNARD_UNPOOLED) stat = fgroi__e2_unpooled_z(x1, n1, x2, n2);
  fgroi_test full = fgroi__test(stat, NAN, p, 0.0, method, alternative, FGROI_FLAG_EXACT);
  if (isinf(full.statistic)) full.flags |= FGROI_FLAG_UNBOUNDED; /* unpooled z, zero variance */
  FGROI__TRY(fgroi__e2_emit_test(out, &full, detail, arg, lo, hi, o.gamma,
                                 alternative == FGROI_TWO_SIDED ? conv : FGROI_EXACT2X2_DEFAULT));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_exact2x2_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, fgroi_alternative alternative,
                                           const fgroi_exact2x2_options *options, fgroi_test *out,
                                           fgroi_exact2x2_detail *detail) {
  const fgroi_control *control_ =
      fgroi__control_enter(fgroi__options_control(options, offsetof(fgroi_exact2x2_options, control)));
  return fgroi__control_end(control_, fgroi_exact2x2_test_body(x1, n1, x2, n2, method, alternative,
                            options, out, detail), "fgroi_exact2x2_test");
}

/* ---- odds-ratio intervals: Cornfield, Baptista-Pike (lib/cond_or.c) -------- */

fgroi_status fgroi_exact2x2_odds_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                          fgroi_method method, double conf_level,
                                          fgroi_alternative alternative, fgroi_interval *out) {
  return fgroi_exact2x2_odds_ratio_ci_ctl(x1, n1, x2, n2, method, conf_level, alternative, NULL,
                                          out);
}

static fgroi_status fgroi_exact2x2_odds_ratio_ci_ctl_body(int64_t x1, int64_t n1, int64_t x2,
                                                          int64_t n2,
                                                          fgroi_method method, double conf_level,
                                                          fgroi_alternative alternative,
                                                          const fgroi_control *control, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(fgroi__e2_check_table(x1, n1, x2, n2));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_BAPTISTA_PIKE_MID_P;
  if (method != FGROI_METHOD_BAPTISTA_PIKE && method != FGROI_METHOD_BAPTISTA_PIKE_MID_P &&
      method != FGROI_METHOD_CORNFIELD)
    return FGROI_E_METHOD;
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (fgroi__sum_exceeds(n1, n2, FGROI__COND_OR_MAX))
    return fgroi__too_large(control, "n1 + n2", (double)n1 + (double)n2,
                            (double)FGROI__COND_OR_MAX, "the exact odds-ratio interval",
                            "fgroi_prop_odds_ratio_ci (conditional, to 2^33, or woolf)");
  int64_t s = x1 + x2, N = n1 + n2;
  if (s == 0 || s == N) return FGROI_E_NOT_ESTIMABLE; /* margin fixes the table */
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  /* one-sided: the one-sided exact (or mid-p) conditional test */
  const int central = alternative == FGROI_TWO_SIDED;
  const double alpha = 1.0 - conf_level;
  fgroi__or_kind kind = FGROI__OR_CORNFIELD;
  if (method == FGROI_METHOD_BAPTISTA_PIKE && central) kind = FGROI__OR_BAPTISTA_PIKE;
  if (method == FGROI_METHOD_BAPTISTA_PIKE_MID_P)
    kind = central ? FGROI__OR_BAPTISTA_PIKE_MID_P : FGROI__OR_CORNFIELD_MID_P;
  const double tail = central && method == FGROI_METHOD_CORNFIELD ? alpha / 2.0 : alpha;
  double est, lower, upper;
  FGROI__TRY(fgroi__or_interval(x1, n1, x2, n2, kind, tail, alternative != FGROI_LESS,
                                alternative != FGROI_GREATER, &ctl, &est, &lower, &upper));
  unsigned flags = FGROI_FLAG_EXACT;
  if (isinf(upper) || lower == 0.0) flags |= FGROI_FLAG_UNBOUNDED;
  if (alternative != FGROI_TWO_SIDED) flags |= FGROI_FLAG_ONE_SIDED_LIMIT;
  fgroi_interval full = fgroi__interval(est, lower, upper, conf_level, method, alternative, flags);
  FGROI__TRY(fgroi__emit_interval(out, &full));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_exact2x2_odds_ratio_ci_ctl(int64_t x1, int64_t n1, int64_t x2,
                                                        int64_t n2, fgroi_method method,
                                                        double conf_level,
                                                        fgroi_alternative alternative,
                                                        const fgroi_control *control,
                                                        fgroi_interval *out) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_exact2x2_odds_ratio_ci_ctl_body(x1, n1, x2, n2, method,
                            conf_level, alternative, control, out),
                            "fgroi_exact2x2_odds_ratio_ci_ctl");
}
