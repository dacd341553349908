/* Builders of fgroi_roi inputs shared by the ROI tests (tests/test_roi.c,
 * Criterion) and tests/check_issue14_calls.c (plain C): plain C, no test
 * framework. */
#ifndef FGROI_ROI_TEST_H
#define FGROI_ROI_TEST_H

#include <fgroi/fgroi.h>

/* An effect interval as a difference of proportions would give it. */
static inline fgroi_interval effect_of(double est, double lo, double hi, double conf,
                                       fgroi_alternative alt) {
  fgroi_interval e = FGROI_INIT(fgroi_interval);
  e.estimate = est;
  e.lower = lo;
  e.upper = hi;
  e.conf_level = conf;
  e.alternative = alt;
  e.method = FGROI_METHOD_NEWCOMBE;
  return e;
}

/* One uncertain ROI input: distribution d with parameters a, b, c. */
static inline fgroi_roi_input in_of(fgroi_roi_dist d, double a, double b, double c) {
  fgroi_roi_input r = FGROI_INIT(fgroi_roi_input);
  r.dist = d;
  r.a = a;
  r.b = b;
  r.c = c;
  return r;
}

#endif
