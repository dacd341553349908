/* Shared checks of a long call's fgroi_control (issue 16), for the
 * Criterion suites: cancel from another thread, progress contract.
 *
 * Robust on a loaded machine: the stopping thread is started by the
 * callback's first call (the callback waits until that thread has seen
 * it, so the computation cannot finish before the stopper runs), then
 * asks to stop 20 ms later while the computation goes on. Lateness is
 * measured on the computing thread's CPU clock (its own work, not time
 * spent waiting for a core), and the work between two consecutive
 * progress calls is bounded the same way.
 *
 * glibc's MALLOC_PERTURB_ (meson test sets it) fills every block inside
 * malloc and free, where no progress call can happen: 24 MB of fresh
 * scratch at 5e5 ranks cost 70 ms of page faults there, 150 MB in the
 * matcher 0.12 s. That is glibc's debugging work, not the library's, so
 * both checks switch it off for their calls (mallopt, process-wide; the
 * suites run -j1 and the stopper thread does not allocate) and restore
 * the environment's value after. */
#ifndef FGROI_CONTROL_TEST_H
#define FGROI_CONTROL_TEST_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fgroi_test.h"

#define CTL_LOG_MAX 8192

typedef struct {
  clockid_t worker_clock;
  atomic_int started, seen, stop;
  _Atomic double stop_cpu, stop_time;
  double last_cpu, max_gap;  /* worker CPU seconds between progress calls */
  double fractions[CTL_LOG_MAX];
  int nf;
  long calls;
  int handshake;             /* 1: first call waits for the stopper */
} ctl_log;

static double ctl_clock(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int ctl_log_cb(void *user, double f) {
  ctl_log *l = user;
  double cpu = ctl_clock(CLOCK_THREAD_CPUTIME_ID);
  if (l->calls > 0 && cpu - l->last_cpu > l->max_gap) l->max_gap = cpu - l->last_cpu;
  if (l->nf < CTL_LOG_MAX) l->fractions[l->nf++] = f;
  l->calls++;
  if (l->handshake && !atomic_load(&l->started)) {
    atomic_store(&l->started, 1);
    struct timespec d = { 0, 200000 };
    for (int i = 0; i < 300000 && !atomic_load(&l->seen); i++) nanosleep(&d, NULL);
  }
  l->last_cpu = ctl_clock(CLOCK_THREAD_CPUTIME_ID);
  return atomic_load(&l->stop);
}

static void *ctl_stopper(void *arg) {
  ctl_log *l = arg;
  struct timespec d = { 0, 200000 };
  for (int i = 0; i < 600000 && !atomic_load(&l->started); i++) nanosleep(&d, NULL);
  atomic_store(&l->seen, 1);
  struct timespec wait = { 0, 2000000 }; /* 2 ms: a call at its limit can end within 20 */
  nanosleep(&wait, NULL);
  atomic_store(&l->stop_cpu, ctl_clock(l->worker_clock));
  atomic_store(&l->stop_time, ctl_clock(CLOCK_MONOTONIC));
  atomic_store(&l->stop, 1);
  return NULL;
}

/* MALLOC_PERTURB_ off for a timed call, then back to the environment's. */
static void ctl_perturb(int on) {
  const char *e = getenv("MALLOC_PERTURB_");
  (void)mallopt(M_PERTURB, on && e != NULL ? atoi(e) : 0);
}

/* A long call under test: runs with control c, writes into out. */
typedef fgroi_status (*ctl_call)(const fgroi_control *c, void *out);

static void ctl_check_fractions(const ctl_log *l, int reached_one) {
  for (int i = 1; i < l->nf; i++)
    cr_assert(l->fractions[i] >= l->fractions[i - 1], "fraction %d: %.6g after %.6g", i,
              l->fractions[i], l->fractions[i - 1]);
  int last = reached_one ? l->nf - 1 : l->nf;
  for (int i = 0; i < last; i++)
    cr_assert(l->fractions[i] >= 0.0 && l->fractions[i] < 1.0, "fraction %.17g", l->fractions[i]);
  if (reached_one) cr_assert_eq(l->fractions[l->nf - 1], 1.0);
}

/* fn is cancelled from another thread: FGROI_E_CANCELLED after less than
 * 100 ms of the computing thread's work, fractions monotone below 1, at
 * most 100 ms of work between two progress calls; out_size bytes of out
 * untouched. */
static void ctl_assert_cancels(ctl_call fn, void *out, size_t out_size, const char *what) {
  static ctl_log l;
  memset(&l, 0, sizeof l);
  l.handshake = 1;
  unsigned char before[512];
  cr_assert(out_size <= sizeof before);
  memcpy(before, out, out_size);
  fgroi_control c = FGROI_INIT(fgroi_control);
  c.progress = ctl_log_cb;
  c.user_data = &l;
  pthread_t th;
  cr_assert_eq(pthread_getcpuclockid(pthread_self(), &l.worker_clock), 0);
  cr_assert_eq(pthread_create(&th, NULL, ctl_stopper, &l), 0);
  ctl_perturb(0);
  fgroi_status st = fn(&c, out);
  ctl_perturb(1);
  double done = ctl_clock(CLOCK_MONOTONIC), cpu = ctl_clock(CLOCK_THREAD_CPUTIME_ID);
  atomic_store(&l.started, 1); /* release the stopper if no call came */
  pthread_join(th, NULL);
  cr_assert_eq(st, FGROI_E_CANCELLED, "%s: status %s (%ld progress calls)", what,
               fgroi_status_name(st), l.calls);
  double late = cpu - atomic_load(&l.stop_cpu), wall = done - atomic_load(&l.stop_time);
  cr_assert(late < 0.1, "%s: %.3f s of work after the cancel", what, late);
  cr_assert(wall < 2.0, "%s: returned %.3f s (wall) after the cancel", what, wall);
  cr_assert(l.max_gap < 0.1, "%s: %.3f s of work between two progress calls", what, l.max_gap);
  ctl_check_fractions(&l, 0);
  cr_assert(memcmp(before, out, out_size) == 0, "%s: output written on cancel", what);
}

/* fn runs to the end with a control that never cancels: FGROI_OK,
 * fractions monotone, the last exactly 1.0, at most 100 ms of work
 * between two progress calls. Returns the number of calls. */
static long ctl_assert_progress(ctl_call fn, void *out, const char *what) {
  static ctl_log l;
  memset(&l, 0, sizeof l);
  fgroi_control c = FGROI_INIT(fgroi_control);
  c.progress = ctl_log_cb;
  c.user_data = &l;
  ctl_perturb(0);
  fgroi_status st = fn(&c, out);
  ctl_perturb(1);
  cr_assert_eq(st, FGROI_OK, "%s: status %s", what, fgroi_status_name(st));
  cr_assert(l.nf >= 1, "%s: no progress call", what);
  ctl_check_fractions(&l, 1);
  cr_assert(l.max_gap < 0.1, "%s: %.3f s of work between two progress calls", what, l.max_gap);
  return l.calls;
}

/* A control without struct_size is refused with FGROI_E_STRUCT_SIZE. */
static void ctl_assert_refuses_bad_control(ctl_call fn, void *out, const char *what) {
  fgroi_control bad;
  memset(&bad, 0, sizeof bad);
  bad.progress = ctl_log_cb;
  fgroi_status st = fn(&bad, out);
  cr_assert_eq(st, FGROI_E_STRUCT_SIZE, "%s: status %s", what, fgroi_status_name(st));
}

#endif
