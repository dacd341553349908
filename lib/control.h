/* Progress and cancellation of long computations (never installed).
 * A kernel holds one fgroi__ctl per call, calls fgroi__ctl_step() as it
 * works (cheap: a counter, then a monotonic clock read every `stride`
 * steps; the callback at most every FGROI__CTL_PERIOD seconds) and
 * fgroi__ctl_done() once the result is complete. docs/api-conventions.md,
 * "Long computations". */
#ifndef FGROI_CONTROL_H
#define FGROI_CONTROL_H

#include "internal.h"

/* Seconds between two progress callbacks (the fuzz build compiles the
 * library with 0, so every step reaches the callback: tests/fuzz/). */
#ifndef FGROI__CTL_PERIOD
#define FGROI__CTL_PERIOD 0.01
#endif

typedef struct {
  fgroi_progress_fn progress; /* NULL: nothing to do */
  void *user_data;
  double last_call;           /* monotonic time of the last callback */
  double fraction;            /* largest fraction reported */
  unsigned count, stride;     /* steps since the last clock read */
  double lo, span;            /* a kernel's fraction f reports lo + span f */
  int cancelled;              /* sticky: every later step returns the cancel */
  const fgroi_control *control; /* the caller's (NULL: none), for messages */
} fgroi__ctl;

/* The caller's message buffer of control (NULL when there is none, or the
 * caller's struct_size does not cover it); *cap its size. */
char *fgroi__control_buffer(const fgroi_control *control, size_t *cap);

/* Empty the message buffer of control (if any): the first thing a function
 * taking a control does (fgroi__ctl_init does it). */
void fgroi__control_clear(const fgroi_control *control);

/* Write a message (printf format; truncated to fit) into control's buffer,
 * if it has one; returns st, so a check is one line:
 *   if (n > MAX) return fgroi__control_fail(control, FGROI_E_TOO_LARGE, "...", ...); */
fgroi_status fgroi__control_fail(const fgroi_control *control, fgroi_status st,
                                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The limit check of a long computation, in one line: returns
 * FGROI_E_TOO_LARGE and writes "<what> = <observed> exceeds the limit
 * <limit> of <method>[; use <instead>]" (instead NULL: no advice). The
 * caller tests the condition first (integers compared exactly):
 *   if (n1 + n2 > MAX) return fgroi__too_large(c, "n1 + n2", n1 + n2, MAX, "...", "...");
 * Values print exactly up to 2^53. */
fgroi_status fgroi__too_large(const fgroi_control *control, const char *what, double observed,
                              double limit, const char *method, const char *instead);

/* The control field (at `offset`, offsetof) of an options struct, read
 * only when the caller's struct_size reaches it; NULL otherwise or when
 * options is NULL (the function itself reports a bad struct size). */
const fgroi_control *fgroi__options_control(const void *options, size_t offset);

/* fgroi__control_clear(control), then control: a wrapper's first line. */
const fgroi_control *fgroi__control_enter(const fgroi_control *control);

/* Every public function taking a control (an argument or an options
 * field) is a thin wrapper around its static body, so that the message
 * contract of common.h holds on every path, argument checks included:
 *   control_ = fgroi__control_enter(<the control>);
 *   return fgroi__control_end(control_, <name>_body(...), "<name>");
 * A function taking a control ends with this: on an error status whose
 * message was not written by a specific check, the generic one
 * "<STATUS_NAME>: <fgroi_status_detail(function, status)>" (or the
 * status's fgroi_strerror text). Returns st. */
fgroi_status fgroi__control_end(const fgroi_control *control, fgroi_status st,
                                const char *function);

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

/* Items between two steps of a loop that walks a large scratch buffer
 * (copying, counting, a radix or merge pass): 2^16, well under 1 ms. */
#define FGROI__CTL_TICK_MASK ((size_t)0xFFFF)

/* The control of a loop at item i: one fgroi__ctl_step at `fraction` when
 * (i & mask) == 0 (i = 0 included), FGROI_OK for the other items. mask is
 * 2^k - 1: FGROI__CTL_TICK_MASK for a buffer walk, smaller when one item
 * costs more. A NULL c is allowed. */
static inline fgroi_status fgroi__ctl_tick_every(fgroi__ctl *c, size_t i, size_t mask,
                                                 double fraction) {
  if ((i & mask) != 0) return FGROI_OK;
  return fgroi__ctl_step(c, fraction);
}

/* fgroi__ctl_tick_every with FGROI__CTL_TICK_MASK: the step of a walk
 * through a large scratch buffer, in one place for every kernel. */
static inline fgroi_status fgroi__ctl_tick(fgroi__ctl *c, size_t i, double fraction) {
  return fgroi__ctl_tick_every(c, i, FGROI__CTL_TICK_MASK, fraction);
}

/* The result is complete: report 1.0 (the callback's answer is ignored). */
void fgroi__ctl_done(fgroi__ctl *c);

/* Progress of an open-ended search after `evals` evaluations: in [lo, 1),
 * increasing, half way at `half` evaluations. */
static inline double fgroi__ctl_evals_fraction(double lo, unsigned long evals, double half) {
  return lo + (1.0 - lo) * (1.0 - 1.0 / (1.0 + (double)evals / half));
}

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

/* ---- a kernel one domain calls on the caller's control state ----------
 * A public _ctl function that runs another's kernel passes its own
 * fgroi__ctl (mapped with fgroi__ctl_range) instead of the caller's
 * fgroi_control, so the caller sees one monotone sequence and one 1.0. */

/* fgroi_paired_clusters_from_records_ctl (lib/paired.c) on the state c
 * (never NULL; initialised by the caller, who also reports the end with
 * fgroi__ctl_done): fractions 0.05 .. 0.95 of c's range. */
fgroi_status fgroi__paired_clusters_from_records(const int64_t *id, const uint8_t *self_reported,
                                                 const uint8_t *device, size_t n, fgroi__ctl *c,
                                                 fgroi_paired_cluster *out, size_t capacity,
                                                 size_t *n_out);

#endif
