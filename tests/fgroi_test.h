/* Shared assertions for the Criterion suites. */
#ifndef FGROI_TEST_H
#define FGROI_TEST_H

#include <math.h>
#include <string.h>

#include <criterion/criterion.h>

#include <fgroi/fgroi.h>

/* |got - want| <= rel * max(|want|, tiny); infinities must match exactly. */
#define assert_rel(got, want, rel)                                                        \
  do {                                                                                    \
    double g_ = (got), w_ = (want);                                                       \
    if (isinf(w_) || isinf(g_)) cr_assert(g_ == w_, "%s = %.17g, want %.17g", #got, g_, w_); \
    else cr_assert(fabs(g_ - w_) <= (rel) * fmax(fabs(w_), 1e-300),                       \
                   "%s = %.17g, want %.17g (rel err %.3g > %.1g)", #got, g_, w_,          \
                   fabs(g_ - w_) / fmax(fabs(w_), 1e-300), (double)(rel));                \
  } while (0)

/* |got - want| <= abs_tol */
#define assert_abs(got, want, tol)                                                        \
  do {                                                                                    \
    double g_ = (got), w_ = (want);                                                       \
    cr_assert(fabs(g_ - w_) <= (tol), "%s = %.17g, want %.17g (abs err %.3g)", #got, g_, w_, \
              fabs(g_ - w_));                                                             \
  } while (0)

#define assert_ok(expr)                                                                   \
  do {                                                                                    \
    fgroi_status s_ = (expr);                                                             \
    cr_assert(s_ == FGROI_OK, "%s returned %s: %s", #expr, fgroi_status_name(s_),         \
              fgroi_strerror(s_));                                                        \
  } while (0)

#define assert_status(expr, want)                                                         \
  do {                                                                                    \
    fgroi_status s_ = (expr);                                                             \
    cr_assert(s_ == (want), "%s returned %s, want %s", #expr, fgroi_status_name(s_),      \
              fgroi_status_name(want));                                                   \
  } while (0)

/* A control without callback whose message buffer is msg (cap >= 6
 * bytes), holding "stale" so that a test sees each call rewrite it. */
static inline fgroi_control ctl_with_message(char *msg, size_t cap) {
  fgroi_control c = FGROI_INIT(fgroi_control);
  c.message = msg;
  c.message_capacity = cap;
  memcpy(msg, "stale", 6);
  return c;
}

#endif
