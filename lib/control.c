/* Progress and cancellation of long computations (lib/control.h). */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "control.h"

static double ctl_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

fgroi_status fgroi__ctl_init(fgroi__ctl *c, const fgroi_control *control, unsigned stride) {
  memset(c, 0, sizeof *c);
  c->stride = stride > 0 ? stride : 1;
  c->span = 1.0;
  if (control == NULL) return FGROI_OK;
  FGROI__TRY(FGROI__CHECK_OUT(control, fgroi_control, user_data));
  c->progress = control->progress;
  c->user_data = control->user_data;
  c->last_call = ctl_now();
  return FGROI_OK;
}

fgroi_status fgroi__ctl_poll(fgroi__ctl *c, double fraction) {
  c->count = 0;
  fraction = c->lo + c->span * fraction;
  if (!(fraction >= 0.0)) fraction = 0.0; /* NaN too */
  if (fraction > 1.0) fraction = 1.0;
  if (fraction > c->fraction) c->fraction = fraction;
  double t = ctl_now();
  if (t - c->last_call < FGROI__CTL_PERIOD) return FGROI_OK;
  c->last_call = t;
  /* never 1.0 before the end: 1.0 means done */
  double f = c->fraction < 0.999 ? c->fraction : 0.999;
  if (c->progress(c->user_data, f) != 0) c->cancelled = 1;
  return c->cancelled ? FGROI_E_CANCELLED : FGROI_OK;
}

void fgroi__ctl_done(fgroi__ctl *c) {
  if (c == NULL || c->progress == NULL) return;
  c->fraction = 1.0;
  (void)c->progress(c->user_data, 1.0);
}
