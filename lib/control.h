/* Progress and cancellation of long computations (never installed).
 * A kernel holds one fgroi__ctl per call, calls fgroi__ctl_step() as it
 * works (cheap: a counter, then a monotonic clock read every `stride`
 * steps; the callback at most every FGROI__CTL_PERIOD seconds) and
 * fgroi__ctl_done() once the result is complete. docs/api-conventions.md,
 * "Long computations". */
#ifndef FGROI_CONTROL_H
#define FGROI_CONTROL_H

#include "internal.h"

/* Seconds between two progress callbacks. */
#define FGROI__CTL_PERIOD 0.01

typedef struct {
  fgroi_progress_fn progress; /* NULL: nothing to do */
  void *user_data;
  double last_call;           /* monotonic time of the last callback */
  double fraction;            /* largest fraction reported */
  unsigned count, stride;     /* steps since the last clock read */
  double lo, span;            /* a kernel's fraction f reports lo + span f */
  int cancelled;              /* sticky: every later step returns the cancel */
} fgroi__ctl;

/* Validated control (NULL allowed): FGROI_OK or FGROI_E_STRUCT_SIZE.
 * stride: steps between clock reads (>= 1; about 10 us of work each). */
fgroi_status fgroi__ctl_init(fgroi__ctl *c, const fgroi_control *control, unsigned stride);

/* The slow half of fgroi__ctl_step. */
fgroi_status fgroi__ctl_poll(fgroi__ctl *c, double fraction);

/* Map the fractions of the next kernel into [lo, hi] of the whole call. */
static inline void fgroi__ctl_range(fgroi__ctl *c, double lo, double hi) {
  if (c == NULL) return;
  c->lo = lo;
  c->span = hi - lo;
}

/* One step of work at `fraction` done: FGROI_OK, or FGROI_E_CANCELLED when
 * the callback asked to stop. A NULL c is allowed (no control). */
static inline fgroi_status fgroi__ctl_step(fgroi__ctl *c, double fraction) {
  if (c == NULL || c->progress == NULL) return FGROI_OK;
  if (c->cancelled) return FGROI_E_CANCELLED;
  if (++c->count < c->stride) return FGROI_OK;
  return fgroi__ctl_poll(c, fraction);
}

/* The result is complete: report 1.0 (the callback's answer is ignored). */
void fgroi__ctl_done(fgroi__ctl *c);

/* Sort base[0..n) (elements of `size` bytes) by cmp, as qsort, but
 * interruptibly: without a control (c NULL or no callback) it is qsort;
 * with one, a bottom-up merge sort (n elements of scratch, malloc'd and
 * freed here) that steps c every 2^15 elements merged, reporting fractions
 * from f0 to f1. cmp must be a total order (ties then give equal keys
 * whatever their order). FGROI_OK, FGROI_E_NO_MEMORY or FGROI_E_CANCELLED
 * (base then holds a permutation of its elements). */
fgroi_status fgroi__ctl_sort(void *base, size_t n, size_t size,
                             int (*cmp)(const void *, const void *), fgroi__ctl *c,
                             double f0, double f1);

#endif
