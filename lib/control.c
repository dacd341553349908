/* Progress and cancellation of long computations (lib/control.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "control.h"

static double ctl_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

char *fgroi__control_buffer(const fgroi_control *control, size_t *cap) {
  *cap = 0;
  if (control == NULL || control->struct_size < FGROI__V1_SIZE(fgroi_control, message_capacity))
    return NULL;
  if (control->message == NULL || control->message_capacity == 0) return NULL;
  *cap = control->message_capacity;
  return control->message;
}

void fgroi__control_clear(const fgroi_control *control) {
  size_t cap;
  char *m = fgroi__control_buffer(control, &cap);
  if (m != NULL) m[0] = '\0';
}

fgroi_status fgroi__control_fail(const fgroi_control *control, fgroi_status st,
                                 const char *fmt, ...) {
  size_t cap;
  char *m = fgroi__control_buffer(control, &cap);
  if (m == NULL) return st;
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(m, cap, fmt, ap);
  va_end(ap);
  if (r < 0) m[0] = '\0';
  return st;
}

fgroi_status fgroi__too_large(const fgroi_control *control, const char *what, double observed,
                              double limit, const char *method, const char *instead) {
  return fgroi__control_fail(control, FGROI_E_TOO_LARGE,
                             "%s = %.17g exceeds the limit %.17g of %s%s%s", what, observed,
                             limit, method, instead ? "; use " : "", instead ? instead : "");
}

const fgroi_control *fgroi__options_control(const void *options, size_t offset) {
  if (options == NULL) return NULL;
  size_t have;
  memcpy(&have, options, sizeof have);
  if (have < offset + sizeof(const fgroi_control *)) return NULL;
  const fgroi_control *c;
  memcpy(&c, (const char *)options + offset, sizeof c);
  return c;
}

const fgroi_control *fgroi__control_enter(const fgroi_control *control) {
  fgroi__control_clear(control);
  return control;
}

fgroi_status fgroi__control_end(const fgroi_control *control, fgroi_status st,
                                const char *function) {
  size_t cap;
  char *m = fgroi__control_buffer(control, &cap);
  if (st == FGROI_OK || m == NULL || m[0] != '\0') return st;
  const char *d = fgroi_status_detail(function, st);
  (void)fgroi__control_fail(control, st, "%s: %s", fgroi_status_name(st),
                            d != NULL ? d : fgroi_strerror(st));
  return st;
}

fgroi_status fgroi__ctl_init(fgroi__ctl *c, const fgroi_control *control, unsigned stride) {
  memset(c, 0, sizeof *c);
  c->stride = stride > 0 ? stride : 1;
  c->span = 1.0;
  if (control == NULL) return FGROI_OK;
  FGROI__TRY(FGROI__CHECK_OUT(control, fgroi_control, user_data));
  c->control = control;
  fgroi__control_clear(control);
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

fgroi_status fgroi__ctl_sort(void *base, size_t n, size_t size,
                             int (*cmp)(const void *, const void *), fgroi__ctl *c,
                             double f0, double f1) {
  if (n < 2) return FGROI_OK;
  if (c == NULL || c->progress == NULL) {
    qsort(base, n, size, cmp);
    return FGROI_OK;
  }
  FGROI__TRY(fgroi__ctl_step(c, f0));
  unsigned char *tmp = fgroi__malloc_array(n, size);
  if (tmp == NULL) return FGROI_E_NO_MEMORY;
  unsigned char *src = base, *dst = tmp;
  fgroi_status st = FGROI_OK;
  /* runs of 8 by insertion sort, in place */
  const size_t run = 8;
  unsigned char *hold = tmp; /* one element of scratch: tmp is free until the merges */
  for (size_t lo = 0; lo < n; lo += run) {
    if ((st = fgroi__ctl_tick_every(c, lo, 0x7FFFu, f0)) != FGROI_OK) {
      free(tmp);
      return st;
    }
    size_t hi = lo + run < n ? lo + run : n;
    for (size_t i = lo + 1; i < hi; i++) {
      size_t j = i;
      memcpy(hold, src + i * size, size);
      while (j > lo && cmp(src + (j - 1) * size, hold) > 0) {
        memcpy(src + j * size, src + (j - 1) * size, size);
        j--;
      }
      if (j != i) memcpy(src + j * size, hold, size);
    }
  }
  double passes = 0.0, total = 0.0;
  for (size_t w = run; w < n; w *= 2) total += 1.0;
  size_t since = 0;
  for (size_t w = run; w < n && st == FGROI_OK; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t a = lo, b = mid, k = lo;
      while (a < mid && b < hi) {
        /* stable: the left element first on ties */
        if (cmp(src + b * size, src + a * size) < 0) memcpy(dst + k++ * size, src + b++ * size, size);
        else memcpy(dst + k++ * size, src + a++ * size, size);
      }
      if (a < mid) memcpy(dst + k * size, src + a * size, (mid - a) * size), k += mid - a;
      if (b < hi) memcpy(dst + k * size, src + b * size, (hi - b) * size);
      since += hi - lo;
      if (since >= ((size_t)1 << 15)) {
        since = 0;
        double f = f0 + (f1 - f0) * (passes + (double)hi / (double)n) / total;
        if ((st = fgroi__ctl_step(c, f)) != FGROI_OK) break;
      }
    }
    if (st != FGROI_OK) break; /* src is still whole: that pass wrote dst */
    unsigned char *t = src; src = dst; dst = t;
    passes += 1.0;
  }
  if (src != (unsigned char *)base) memcpy(base, src, n * size);
  free(tmp);
  return st;
}
