/* Result invariants at the API boundary: see audit.h. */
#include "internal.h"

#if FGROI_AUDIT

/* an infinite value is allowed when flagged, or as the open side of a
 * one-sided interval */
static int inf_allowed(const fgroi_interval *r, double v, int is_lower, int is_upper) {
  if (!isinf(v)) return 1;
  if (r->flags & (FGROI_FLAG_UNBOUNDED | FGROI_FLAG_ONE_SIDED_LIMIT)) return 1;
  if (is_lower && r->alternative == FGROI_LESS && v < 0.0) return 1;
  if (is_upper && r->alternative == FGROI_GREATER && v > 0.0) return 1;
  return 0;
}

fgroi_status fgroi__audit_interval(const fgroi_interval *r) {
  if (isnan(r->estimate) || isnan(r->lower) || isnan(r->upper)) return FGROI_E_INTERNAL;
  if (!(r->lower <= r->upper)) return FGROI_E_INTERNAL;
  /* [0, 1]: exact intervals report the level achieved (0 for n = 1) */
  if (!(r->conf_level >= 0.0 && r->conf_level <= 1.0)) return FGROI_E_INTERNAL;
  if (!inf_allowed(r, r->lower, 1, 0) || !inf_allowed(r, r->upper, 0, 1) ||
      !inf_allowed(r, r->estimate, 0, 0))
    return FGROI_E_INTERNAL;
  return FGROI_OK;
}

fgroi_status fgroi__audit_test(const fgroi_test *r) {
  if (!(r->p_value >= 0.0 && r->p_value <= 1.0)) return FGROI_E_INTERNAL;
  if (isnan(r->null_value)) return FGROI_E_INTERNAL;
  if (r->df < 0.0) return FGROI_E_INTERNAL; /* NaN (not applicable) passes */
  return FGROI_OK;
}

fgroi_status fgroi__audit_finite(const double *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isfinite(v[i])) return FGROI_E_INTERNAL;
  return FGROI_OK;
}

#else

fgroi_status fgroi__audit_interval(const fgroi_interval *r) { (void)r; return FGROI_OK; }
fgroi_status fgroi__audit_test(const fgroi_test *r) { (void)r; return FGROI_OK; }
fgroi_status fgroi__audit_finite(const double *v, size_t n) { (void)v; (void)n; return FGROI_OK; }

#endif

fgroi_status fgroi__check_ci_test(const fgroi_interval *ci, const fgroi_test *test) {
  if (ci == NULL && test == NULL) return FGROI_E_NULL;
  if (ci) FGROI__TRY(FGROI__CHECK_INTERVAL(ci));
  if (test) FGROI__TRY(FGROI__CHECK_TEST(test));
  return FGROI_OK;
}

fgroi_status fgroi__emit_ci_test(fgroi_interval *ci, const fgroi_interval *c, fgroi_test *test,
                                 const fgroi_test *t) {
  if (ci) FGROI__TRY(fgroi__audit_interval(c)); /* audit both before writing either */
  if (test) FGROI__TRY(fgroi__audit_test(t));
  if (ci) fgroi__write_out(ci, c, sizeof *c);
  if (test) fgroi__write_out(test, t, sizeof *t);
  return FGROI_OK;
}
