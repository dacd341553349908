/* Tests for lib/control.c: progress and cancellation of long computations
 * (issue 16), through the public functions that take a control. Runs with
 * MALLOC_PERTURB_=0 (tests/meson.build): glibc's perturbation fills every
 * fresh buffer inside malloc, where no progress call can happen (40 MB of
 * exact tables: about 100 ms of CPU), which real callers never pay. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fgroi_test.h"

/* CPU seconds allowed between two progress calls (so after a cancel):
 * 100 ms, the promise of docs/api-conventions.md, in optimised builds;
 * four times that in debug and sanitizer builds (tests/meson.build). */
#if FGROI_TEST_SLOW_BUILD
#define MAX_GAP 0.4
#else
#define MAX_GAP 0.1
#endif

static double mono_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double thread_cpu(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct {
  atomic_int calls;         /* progress calls so far (read by the other thread) */
  atomic_int stop;          /* set by the other thread */
  _Atomic double stop_time; /* when it was set (wall) */
  _Atomic double stop_cpu;  /* the computing thread's CPU time then */
  clockid_t worker_clock;   /* CPU clock of the computing thread */
  double last_cpu, max_gap; /* CPU time of the last progress call; largest gap */
  double fractions[4096];
  int nf;
  double last_f;            /* the last fraction (a long ASan run overflows the log) */
} progress_log;

static void log_call(progress_log *l, double f) {
  double now = thread_cpu(CLOCK_THREAD_CPUTIME_ID);
  if (now - l->last_cpu > l->max_gap) l->max_gap = now - l->last_cpu;
  l->last_cpu = now;
  if (l->nf < 4096) l->fractions[l->nf++] = f;
  l->last_f = f;
  atomic_fetch_add(&l->calls, 1);
}

/* The cancel lands in the middle of the work, deterministically: from its
 * third call on, the callback waits (at most 10 s) until the other thread,
 * which watches the call count, has set the flag. A fixed timer instead
 * raced calls that finish in tens of milliseconds on a fast build. */
static int log_progress(void *user, double f) {
  progress_log *l = user;
  log_call(l, f);
  if (atomic_load(&l->calls) >= 3) {
    double t0 = mono_now();
    while (!atomic_load(&l->stop) && mono_now() - t0 < 10.0) sched_yield();
  }
  return atomic_load(&l->stop);
}

static void *stop_when_working(void *user) {
  progress_log *l = user;
  struct timespec d = { 0, 1000 * 1000 };
  double t0 = mono_now();
  while (atomic_load(&l->calls) < 3 && mono_now() - t0 < 60.0) nanosleep(&d, NULL);
  atomic_store(&l->stop_cpu, thread_cpu(l->worker_clock));
  atomic_store(&l->stop_time, mono_now());
  atomic_store(&l->stop, 1);
  return NULL;
}

static int keep_going(void *user, double f) {
  log_call(user, f);
  return 0;
}

/* Run fn twice. First with a control that a second thread turns to
 * "cancel" while the work is under way: FGROI_E_CANCELLED, with less than
 * 100 ms of the computing thread's CPU time after the flag was set (its
 * own work, so the check holds on a loaded machine), within 2 s of wall
 * time. Then to the end with a callback that never cancels: the largest
 * CPU time between two progress calls (from the start to the first, and
 * from the last to the return) stays under 100 ms, so a cancel at any
 * moment is honoured that fast; fractions are monotone in [0, 1). */
typedef fgroi_status (*long_call)(const fgroi_control *c, void *out);

static void assert_cancels(long_call fn, void *out, size_t out_size, const char *what) {
  static progress_log l;
  memset(&l, 0, sizeof l);
  fgroi_control c = FGROI_INIT(fgroi_control);
  c.progress = log_progress;
  c.user_data = &l;
  pthread_t th;
  cr_assert_eq(pthread_getcpuclockid(pthread_self(), &l.worker_clock), 0);
  l.last_cpu = thread_cpu(CLOCK_THREAD_CPUTIME_ID);
  cr_assert_eq(pthread_create(&th, NULL, stop_when_working, &l), 0);
  unsigned char before[256];
  cr_assert(out_size <= sizeof before);
  memcpy(before, out, out_size);
  fgroi_status st = fn(&c, out);
  double done = mono_now();
  double cpu = thread_cpu(CLOCK_THREAD_CPUTIME_ID);
  pthread_join(th, NULL);
  cr_assert_eq(st, FGROI_E_CANCELLED, "%s: status %s", what, fgroi_status_name(st));
  cr_assert(memcmp(before, out, out_size) == 0, "%s: output written on cancel", what);
  double late = cpu - atomic_load(&l.stop_cpu);
  double wall = done - atomic_load(&l.stop_time);
  cr_assert(late < MAX_GAP, "%s: %.3f s of work after the cancel", what, late);
  cr_assert(wall < 2.0, "%s: returned %.3f s (wall) after the cancel", what, wall);
  for (int i = 1; i < l.nf; i++) cr_assert(l.fractions[i] >= l.fractions[i - 1]);
  for (int i = 0; i < l.nf; i++) cr_assert(l.fractions[i] >= 0 && l.fractions[i] < 1);

  memset(&l, 0, sizeof l);
  c.progress = keep_going;
  l.last_cpu = thread_cpu(CLOCK_THREAD_CPUTIME_ID);
  unsigned char result[256];
  memcpy(result, before, out_size);
  cr_assert_eq(fn(&c, result), FGROI_OK, "%s: run to the end", what);
  double end = thread_cpu(CLOCK_THREAD_CPUTIME_ID);
  if (end - l.last_cpu > l.max_gap) l.max_gap = end - l.last_cpu;
  cr_assert(l.nf >= 2, "%s: %d progress calls", what, l.nf);
  cr_assert(l.max_gap < MAX_GAP, "%s: %.3f s of CPU between two progress calls", what, l.max_gap);
  for (int i = 1; i < l.nf; i++) cr_assert(l.fractions[i] >= l.fractions[i - 1]);
  cr_assert_eq(l.last_f, 1.0, "%s: progress ends at %g", what, l.last_f);
}

static fgroi_status call_fisher_n(const fgroi_control *c, void *out) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.control = c;
  return fgroi_power_prop2_exact_n(0.50, 0.53, 0.8, FGROI_METHOD_FISHER, &o, out);
}
static fgroi_status call_boschloo_n(const fgroi_control *c, void *out) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.control = c;
  return fgroi_power_prop2_exact_n(0.50, 0.55, 0.8, FGROI_METHOD_BOSCHLOO, &o, out);
}
static fgroi_status call_barnard(const fgroi_control *c, void *out) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.control = c;
  return fgroi_power_prop2_exact(0.50, 0.55, 4000, 4000, FGROI_METHOD_BARNARD, &o, out);
}
/* one-sided: the full-region reference path (interruptible merge sort).
 * Under meson test, MALLOC_PERTURB_ makes malloc fill each fresh buffer
 * (uninterruptible: about 50 ms for the 16 MB of this size), hence 1000. */
static fgroi_status call_barnard_greater(const fgroi_control *c, void *out) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.control = c;
  o.alternative = FGROI_GREATER;
  return fgroi_power_prop2_exact(0.55, 0.50, 1000, 1000, FGROI_METHOD_BARNARD, &o, out);
}
static fgroi_status call_boschloo(const fgroi_control *c, void *out) {
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.control = c;
  return fgroi_power_prop2_exact(0.50, 0.55, 4000, 4000, FGROI_METHOD_BOSCHLOO, &o, out);
}

Test(power_control, cancel_from_another_thread, .timeout = 300) {
  fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n);
  r.n1 = -7;
  r.power = -7;
  assert_cancels(call_fisher_n, &r, sizeof r, "fisher n");
  assert_cancels(call_boschloo_n, &r, sizeof r, "boschloo n");
  double pw = -7;
  assert_cancels(call_barnard, &pw, sizeof pw, "barnard 4000");
  assert_cancels(call_barnard_greater, &pw, sizeof pw, "barnard one-sided 1000");
  assert_cancels(call_boschloo, &pw, sizeof pw, "boschloo 4000");
}


Test(power_control, progress_is_monotone_and_reaches_one, .timeout = 120) {
  static progress_log l;
  memset(&l, 0, sizeof l);
  fgroi_control c = FGROI_INIT(fgroi_control);
  c.progress = keep_going;
  c.user_data = &l;
  fgroi_power_options o = FGROI_INIT(fgroi_power_options);
  o.control = &c;
  fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n), plain = r;
  assert_ok(fgroi_power_prop2_exact_n(0.50, 0.55, 0.8, FGROI_METHOD_FISHER, &o, &r));
  cr_assert(l.nf >= 2, "only %d progress calls", l.nf);
  for (int i = 1; i < l.nf; i++) cr_assert(l.fractions[i] >= l.fractions[i - 1]);
  cr_assert_eq(l.fractions[l.nf - 1], 1.0);
  for (int i = 0; i < l.nf - 1; i++) cr_assert(l.fractions[i] < 1.0);
  /* the control changes nothing in the result */
  assert_ok(fgroi_power_prop2_exact_n(0.50, 0.55, 0.8, FGROI_METHOD_FISHER, NULL, &plain));
  cr_assert_eq(r.n1, plain.n1);
  cr_assert_eq(r.power, plain.power);
  cr_assert_eq(r.n1_stable, plain.n1_stable);
  /* a single long evaluation reports too */
  memset(&l, 0, sizeof l);
  double pw;
  o.alternative = FGROI_GREATER; /* the full-region path: about 0.3 s */
  assert_ok(fgroi_power_prop2_exact(0.55, 0.50, 700, 700, FGROI_METHOD_BARNARD, &o, &pw));
  o.alternative = FGROI_TWO_SIDED;
  cr_assert(l.nf >= 2);
  for (int i = 1; i < l.nf; i++) cr_assert(l.fractions[i] >= l.fractions[i - 1]);
  cr_assert_eq(l.fractions[l.nf - 1], 1.0);
  /* a NULL callback is no control; a control without struct_size is refused */
  fgroi_control none = FGROI_INIT(fgroi_control);
  o.control = &none;
  assert_ok(fgroi_power_prop2_exact(0.50, 0.55, 50, 50, FGROI_METHOD_FISHER, &o, &pw));
  fgroi_control bad = { 0 };
  o.control = &bad;
  assert_status(fgroi_power_prop2_exact(0.50, 0.55, 50, 50, FGROI_METHOD_FISHER, &o, &pw),
                FGROI_E_STRUCT_SIZE);
}

/* ---- issue 16: the error message of a control (limit and observed size) ---- */

static int never(void *user, double f) {
  (void)user;
  (void)f;
  return 0;
}

Test(control_message, too_large_states_limit_size_and_method) {
  char msg[256];
  fgroi_control c = ctl_with_message(msg, sizeof msg);
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  assert_ok(fgroi_exact2x2_options_default(&o));
  o.control = &c;
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  /* exact test at 6000 per arm: refused at once, limit and size stated */
  strcpy(msg, "stale");
  assert_status(fgroi_exact2x2_test(10, 6000, 20, 6000, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED,
                                    &o, &t, NULL), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "(n1 + 1)(n2 + 1) tables = 36012001 exceeds the limit 4194304 of the "
                        "exact unconditional test (about 2,047 per arm); use fgroi_prop_2x2_test "
                        "(Fisher's exact test, to 2^33, or chi-square)");
  assert_status(fgroi_exact2x2_diff_ci(10, 3000, 20, 3000, FGROI_METHOD_DEFAULT, 0.95,
                                       FGROI_TWO_SIDED, &o, &ci), FGROI_E_TOO_LARGE);
  cr_assert(strstr(msg, "n1 + n2 = 6000 exceeds the limit 2000 of the exact unconditional "
                        "interval; use fgroi_prop_diff_ci") == msg, "%s", msg);
  /* power: beyond 5000 per arm */
  fgroi_power_options po = FGROI_INIT(fgroi_power_options);
  po.control = &c;
  double pw;
  assert_status(fgroi_power_prop2_exact(0.5, 0.55, 6000, 6000, FGROI_METHOD_FISHER, &po, &pw),
                FGROI_E_TOO_LARGE);
  cr_assert(strstr(msg, "max(n1, n2) = 6000 exceeds the limit 5000 of the exact power; use "
                        "fgroi_power_prop2") == msg, "%s", msg);
  /* a _ctl entry point: exact rank-sum beyond 200 values */
  double x[150], y[150];
  for (int i = 0; i < 150; i++) { x[i] = i + 0.25; y[i] = 2 * i + 0.5; }
  assert_status(fgroi_means_mann_whitney_ctl(x, 150, y, 150, 0.0, FGROI_METHOD_EXACT, 0.95,
                                             FGROI_TWO_SIDED, &c, NULL, &t), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "nx + ny = 300 exceeds the limit 200 of the exact rank-sum "
                        "distribution; use method = normal");
  /* success empties it */
  c.progress = never;
  assert_ok(fgroi_means_mann_whitney_ctl(x, 150, y, 150, 0.0, FGROI_METHOD_NORMAL, 0.95,
                                         FGROI_TWO_SIDED, &c, NULL, &t));
  cr_assert_str_eq(msg, "");
  /* truncated to the capacity, always terminated */
  c.message_capacity = 8;
  assert_status(fgroi_means_mann_whitney_ctl(x, 150, y, 150, 0.0, FGROI_METHOD_EXACT, 0.95,
                                             FGROI_TWO_SIDED, &c, NULL, &t), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "nx + ny");
  /* a control of the first release (no message fields) is never written */
  fgroi_control old = { offsetof(fgroi_control, message), never, NULL, msg, sizeof msg };
  strcpy(msg, "untouched");
  assert_status(fgroi_means_mann_whitney_ctl(x, 150, y, 150, 0.0, FGROI_METHOD_EXACT, 0.95,
                                             FGROI_TWO_SIDED, &old, NULL, &t), FGROI_E_TOO_LARGE);
  cr_assert_str_eq(msg, "untouched");
}

static int cancel_at_once(void *user_data, double fraction) {
  (void)user_data;
  (void)fraction;
  return 1;
}

/* common.h's message contract on every path of a function taking a
 * control, argument checks included: emptied on entry, the status detail
 * on an error no specific check described, empty on success. */
Test(control_message, emptied_on_entry_and_written_on_every_error) {
  char msg[256];
  fgroi_control c = ctl_with_message(msg, sizeof msg);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  /* a control argument, an error found before the control is read */
  strcpy(msg, "stale");
  assert_status(fgroi_prop_odds_ratio_ci_ctl(1, -2, 1, 2, FGROI_METHOD_DEFAULT, 0.95,
                                             FGROI_TWO_SIDED, &c, &ci), FGROI_E_NEGATIVE_COUNT);
  cr_assert(strstr(msg, "FGROI_E_NEGATIVE_COUNT: ") == msg && strstr(msg, "n1") != NULL, "%s", msg);
  strcpy(msg, "stale");
  assert_ok(fgroi_prop_odds_ratio_ci_ctl(9, 12, 2, 12, FGROI_METHOD_DEFAULT, 0.95,
                                         FGROI_TWO_SIDED, &c, &ci));
  cr_assert_str_eq(msg, "");
  /* an options control on a closed form that never runs long */
  fgroi_power_options po = FGROI_INIT(fgroi_power_options);
  po.control = &c;
  po.alpha = 1.5;
  double pw = -1.0;
  strcpy(msg, "stale");
  cr_assert_neq(fgroi_power_t(0.5, 1.0, 20.0, FGROI_METHOD_DEFAULT, &po, &pw), FGROI_OK);
  cr_assert(strstr(msg, "FGROI_E_") == msg && strstr(msg, "alpha") != NULL, "%s", msg);
  cr_assert_eq(pw, -1.0);
  po.alpha = 0.05;
  strcpy(msg, "stale");
  assert_ok(fgroi_power_t(0.5, 1.0, 20.0, FGROI_METHOD_DEFAULT, &po, &pw));
  cr_assert_str_eq(msg, "");
  /* a cancel is described too (1e6 values: the call runs for 0.7 s, the
   * first callback comes after 10 ms) */
  size_t n = 1000000;
  double *x = malloc(n * sizeof *x);
  cr_assert_not_null(x);
  for (size_t i = 0; i < n; i++) x[i] = (double)(i % 7) - 2.9 + 1e-7 * (double)i;
  fgroi_control stop = ctl_with_message(msg, sizeof msg);
  stop.progress = cancel_at_once;
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_status(fgroi_means_wilcoxon_one_ctl(x, n, 0.0, FGROI_METHOD_NORMAL, 0.95,
                                             FGROI_TWO_SIDED, &stop, &ci, &t),
                FGROI_E_CANCELLED);
  cr_assert(strstr(msg, "FGROI_E_CANCELLED") == msg, "%s", msg);
  free(x);
}
