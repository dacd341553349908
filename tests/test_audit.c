/* Tests for lib/audit.c: the result invariants every public function's
 * interval / test passes before FGROI_OK (issue 14). Internal kernels:
 * links the static library. */
#include <float.h>

#include "fgroi_test.h"
#include "internal.h"

static fgroi_interval iv(double est, double lo, double hi, fgroi_alternative alt, unsigned fl) {
  return fgroi__interval(est, lo, hi, 0.95, FGROI_METHOD_WILSON, alt, fl);
}

Test(audit, interval_invariants) {
  fgroi_interval r = iv(0.3, 0.1, 0.5, FGROI_TWO_SIDED, 0);
  assert_ok(fgroi__audit_interval(&r));
  r = iv(0.3, 0.3, 0.3, FGROI_TWO_SIDED, FGROI_FLAG_DEGENERATE); /* one point */
  assert_ok(fgroi__audit_interval(&r));
  r = iv(NAN, 0.1, 0.5, FGROI_TWO_SIDED, 0);
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  r = iv(0.3, NAN, 0.5, FGROI_TWO_SIDED, 0);
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  r = iv(0.3, 0.1, NAN, FGROI_TWO_SIDED, 0);
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  r = iv(1.0, 1.0161, 1.0, FGROI_GREATER, 0); /* lower > upper */
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  /* infinities: only flagged, or on the open side of a one-sided interval */
  r = iv(0.3, 0.1, INFINITY, FGROI_TWO_SIDED, 0);
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  r = iv(0.3, 0.1, INFINITY, FGROI_TWO_SIDED, FGROI_FLAG_UNBOUNDED);
  assert_ok(fgroi__audit_interval(&r));
  r = iv(0.3, 0.1, INFINITY, FGROI_GREATER, 0);
  assert_ok(fgroi__audit_interval(&r));
  r = iv(0.3, -INFINITY, 0.5, FGROI_LESS, 0);
  assert_ok(fgroi__audit_interval(&r));
  r = iv(0.3, -INFINITY, 0.5, FGROI_GREATER, 0); /* the computed side */
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  r = iv(INFINITY, 0.1, INFINITY, FGROI_TWO_SIDED, 0);
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  r = iv(0.3, 0.1, 0.5, FGROI_TWO_SIDED, 0);
  r.conf_level = NAN;
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
  r.conf_level = 0.0; /* an exact interval's achieved level */
  assert_ok(fgroi__audit_interval(&r));
  r.conf_level = 1.5;
  assert_status(fgroi__audit_interval(&r), FGROI_E_INTERNAL);
}

Test(audit, test_invariants) {
  fgroi_test t = fgroi__test(1.2, NAN, 0.23, 0.0, FGROI_METHOD_WALD, FGROI_TWO_SIDED, 0);
  assert_ok(fgroi__audit_test(&t));
  t.p_value = 0.0; assert_ok(fgroi__audit_test(&t));
  t.p_value = 1.0; assert_ok(fgroi__audit_test(&t));
  t.p_value = NAN; assert_status(fgroi__audit_test(&t), FGROI_E_INTERNAL);
  t.p_value = 1.0 + DBL_EPSILON; assert_status(fgroi__audit_test(&t), FGROI_E_INTERNAL);
  t.p_value = -0x1p-1074; assert_status(fgroi__audit_test(&t), FGROI_E_INTERNAL);
  t.p_value = 0.5; t.df = -1.0; assert_status(fgroi__audit_test(&t), FGROI_E_INTERNAL);
  t.df = 2.0; t.null_value = NAN; assert_status(fgroi__audit_test(&t), FGROI_E_INTERNAL);
  t.null_value = 1.0; t.statistic = INFINITY; /* a conditional MLE at the edge */
  assert_ok(fgroi__audit_test(&t));
}

Test(audit, finite_arrays) {
  const double ok[3] = { 1.0, -1e308, 0x1p-1074 }, bad[3] = { 1.0, INFINITY, 0.0 };
  const double nan[2] = { 0.0, NAN };
  assert_ok(fgroi__audit_finite(ok, 3));
  assert_ok(fgroi__audit_finite(NULL, 0));
  assert_status(fgroi__audit_finite(bad, 3), FGROI_E_INTERNAL);
  assert_status(fgroi__audit_finite(nan, 2), FGROI_E_INTERNAL);
}

/* The emit helpers write nothing when the audit fails. */
Test(audit, emit_leaves_output_untouched) {
  fgroi_interval out = FGROI_INIT(fgroi_interval), bad = iv(0.3, 0.6, 0.5, FGROI_TWO_SIDED, 0);
  out.estimate = 42.0;
  assert_status(fgroi__emit_interval(&out, &bad), FGROI_E_INTERNAL);
  cr_assert(out.estimate == 42.0);
  fgroi_interval good = iv(0.3, 0.1, 0.5, FGROI_TWO_SIDED, 0);
  assert_ok(fgroi__emit_interval(&out, &good));
  cr_assert(out.estimate == 0.3 && out.struct_size == sizeof out);
  fgroi_test t = FGROI_INIT(fgroi_test), tb = fgroi__test(0, NAN, 2.0, 0, 0, 0, 0);
  t.p_value = 7.0;
  assert_status(fgroi__emit_test(&t, &tb), FGROI_E_INTERNAL);
  cr_assert(t.p_value == 7.0);
}

/* Checked size arithmetic (lib/checked.h). */
Test(audit, checked_arithmetic) {
  int64_t r = 5;
  cr_assert(fgroi__add_i64(INT64_MAX, 1, &r) && r == 5);
  cr_assert(!fgroi__add_i64(INT64_MAX - 1, 1, &r) && r == INT64_MAX);
  cr_assert(fgroi__add_i64((int64_t)1 << 62, (int64_t)1 << 62, &r));
  cr_assert(fgroi__mul_i64((int64_t)1 << 32, (int64_t)1 << 31, &r));
  cr_assert(fgroi__sum_exceeds((int64_t)1 << 62, (int64_t)1 << 62, 10000));
  cr_assert(fgroi__sum_exceeds(6000, 5000, 10000));
  cr_assert(!fgroi__sum_exceeds(5000, 5000, 10000));
  cr_assert(fgroi__product_exceeds(INT64_MAX, 2, INT64_MAX));
  size_t s;
  cr_assert(fgroi__mul_size(SIZE_MAX / 2 + 1, 2, &s));
  cr_assert(fgroi__add_size(SIZE_MAX, 1, &s));
  cr_assert(fgroi__malloc_array(SIZE_MAX / 4, 8) == NULL);
  cr_assert(fgroi__count_plus_one(-1) == 0 && fgroi__count_plus_one(INT64_MAX) == (size_t)INT64_MAX + 1);
  void *p = fgroi__malloc_array(0, 8);
  cr_assert(p != NULL);
  free(p);
}
