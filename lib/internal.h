/* Internal helpers shared by every domain (never installed).
 * - output structs: check struct_size on entry, write only what fits on exit;
 * - input validation helpers that return the specific status. */
#ifndef FGROI_INTERNAL_H
#define FGROI_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "fgroi/fgroi.h"
#include "checked.h"
#include "audit.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Size of the first release of a public struct: everything up to and
 * including its last first-release field. Callers compiled against that
 * release pass at least this much. */
#define FGROI__V1_SIZE(type, last_field) \
  (offsetof(type, last_field) + sizeof(((type *)0)->last_field))

/* FGROI_OK when out is non-NULL and its struct_size covers the first release. */
static inline fgroi_status fgroi__check_out(const void *out, size_t v1_size) {
  size_t have;
  if (out == NULL) return FGROI_E_NULL;
  memcpy(&have, out, sizeof have);
  return have < v1_size ? FGROI_E_STRUCT_SIZE : FGROI_OK;
}

/* Copy a fully computed result into the caller's struct, writing only the
 * fields that fit in the caller's struct_size, which is kept. */
static inline void fgroi__write_out(void *out, const void *full, size_t full_size) {
  size_t have;
  memcpy(&have, out, sizeof have);
  size_t n = have < full_size ? have : full_size;
  memcpy((char *)out + sizeof(size_t), (const char *)full + sizeof(size_t),
         n - sizeof(size_t));
}

#define FGROI__CHECK_OUT(out, type, last_field) \
  fgroi__check_out((out), FGROI__V1_SIZE(type, last_field))

/* Every fgroi_interval / fgroi_test output goes through these. */
#define FGROI__CHECK_INTERVAL(out) FGROI__CHECK_OUT(out, fgroi_interval, flags)
#define FGROI__CHECK_TEST(out) FGROI__CHECK_OUT(out, fgroi_test, flags)

/* Audit a finished result, then copy it out: the last step of every
 * function returning one interval or test (audit.h). */
static inline fgroi_status fgroi__emit_interval(void *out, const fgroi_interval *r) {
  fgroi_status s = fgroi__audit_interval(r);
  if (s != FGROI_OK) return s;
  fgroi__write_out(out, r, sizeof *r);
  return FGROI_OK;
}
static inline fgroi_status fgroi__emit_test(void *out, const fgroi_test *r) {
  fgroi_status s = fgroi__audit_test(r);
  if (s != FGROI_OK) return s;
  fgroi__write_out(out, r, sizeof *r);
  return FGROI_OK;
}

#define FGROI__TRY(expr) do { fgroi_status s__ = (expr); if (s__ != FGROI_OK) return s__; } while (0)

/* conf level strictly inside (0, 1) and not NaN. */
static inline fgroi_status fgroi__check_conf(double conf_level) {
  if (isnan(conf_level)) return FGROI_E_NAN;
  if (!(conf_level > 0.0 && conf_level < 1.0)) return FGROI_E_CONF_LEVEL;
  return FGROI_OK;
}

static inline fgroi_status fgroi__check_alternative(fgroi_alternative a) {
  return (a == FGROI_TWO_SIDED || a == FGROI_LESS || a == FGROI_GREATER)
             ? FGROI_OK : FGROI_E_ALTERNATIVE;
}

/* x successes out of n trials. */
static inline fgroi_status fgroi__check_count(int64_t x, int64_t n) {
  if (x < 0 || n < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n == 0) return FGROI_E_EMPTY;
  if (x > n) return FGROI_E_COUNT_EXCEEDS_TOTAL;
  return FGROI_OK;
}

/* A finite real input. */
static inline fgroi_status fgroi__check_finite(double v) {
  if (isnan(v)) return FGROI_E_NAN;
  if (isinf(v)) return FGROI_E_INFINITE;
  return FGROI_OK;
}

/* Every element of x[0..n) finite; NULL x with n > 0 is FGROI_E_NULL. */
fgroi_status fgroi__check_finite_array(const double *x, size_t n);

/* Probability strictly inside (0, 1) (p0 of a test, alpha, power). */
static inline fgroi_status fgroi__check_prob_open(double p) {
  if (isnan(p)) return FGROI_E_NAN;
  return (p > 0.0 && p < 1.0) ? FGROI_OK : FGROI_E_PROBABILITY;
}

/* Fill an interval / test with common fields. */
static inline fgroi_interval fgroi__interval(double est, double lo, double hi,
    double conf, fgroi_method m, fgroi_alternative alt, unsigned flags) {
  fgroi_interval r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.estimate = est; r.lower = lo; r.upper = hi; r.conf_level = conf;
  r.method = m; r.alternative = alt; r.flags = flags;
  return r;
}

static inline fgroi_test fgroi__test(double stat, double df, double p,
    double null_value, fgroi_method m, fgroi_alternative alt, unsigned flags) {
  fgroi_test r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.statistic = stat; r.df = df; r.p_value = p; r.null_value = null_value;
  r.method = m; r.alternative = alt; r.flags = flags;
  return r;
}

static inline double fgroi__clamp01(double p) {
  return p < 0.0 ? 0.0 : (p > 1.0 ? 1.0 : p);
}

#endif
