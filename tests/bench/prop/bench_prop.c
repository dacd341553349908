/* Per-call timings of the proportion engine (meson test --benchmark).
 * Prints one line per case: mean nanoseconds per call over a fixed number
 * of calls (enough for ~0.2 s each). Never asserts on time. */
#define _POSIX_C_SOURCE 199309L /* clock_gettime under -std=c11 */
#include <stdio.h>
#include <time.h>

#include <fgroi/fgroi.h>

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

typedef struct { const char *name; int kind; fgroi_method m; int64_t x1, n1, x2, n2; } bcase;

enum { K_CI, K_DIFF, K_OR, K_TEST };

static volatile double sink;

static int run(const bcase *c) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  fgroi_status s = FGROI_OK;
  switch (c->kind) {
    case K_CI: s = fgroi_prop_ci(c->x1, c->n1, c->m, 0.95, FGROI_TWO_SIDED, &ci); break;
    case K_DIFF: s = fgroi_prop_diff_ci(c->x1, c->n1, c->x2, c->n2, c->m, 0.95, FGROI_TWO_SIDED, &ci); break;
    case K_OR: s = fgroi_prop_odds_ratio_ci(c->x1, c->n1, c->x2, c->n2, c->m, 0.95, FGROI_TWO_SIDED, &ci); break;
    default: s = fgroi_prop_2x2_test(c->x1, c->n1, c->x2, c->n2, c->m, FGROI_TWO_SIDED, &t); break;
  }
  sink = ci.lower + t.p_value;
  return s != FGROI_OK;
}

int main(void) {
  const bcase cases[] = {
    { "prop_ci wilson 7/12", K_CI, FGROI_METHOD_WILSON, 7, 12, 0, 0 },
    { "prop_ci wilson 1/1e9", K_CI, FGROI_METHOD_WILSON, 1, 1000000000, 0, 0 },
    { "prop_ci clopper_pearson 7/12", K_CI, FGROI_METHOD_CLOPPER_PEARSON, 7, 12, 0, 0 },
    { "prop_ci clopper_pearson 42/100", K_CI, FGROI_METHOD_CLOPPER_PEARSON, 42, 100, 0, 0 },
    { "prop_ci clopper_pearson 5e8/1e9", K_CI, FGROI_METHOD_CLOPPER_PEARSON, 500000000, 1000000000, 0, 0 },
    { "prop_ci jeffreys 7/12", K_CI, FGROI_METHOD_JEFFREYS, 7, 12, 0, 0 },
    { "prop_ci jeffreys 5e8/1e9", K_CI, FGROI_METHOD_JEFFREYS, 500000000, 1000000000, 0, 0 },
    { "diff_ci newcombe 9/10 vs 3/10", K_DIFF, FGROI_METHOD_NEWCOMBE, 9, 10, 3, 10 },
    { "diff_ci miettinen_nurminen 9/10 vs 3/10", K_DIFF, FGROI_METHOD_MIETTINEN_NURMINEN, 9, 10, 3, 10 },
    { "odds_ratio_ci conditional 9/10 vs 3/10", K_OR, FGROI_METHOD_CONDITIONAL, 9, 10, 3, 10 },
    { "2x2_test fisher 9/10 vs 3/10", K_TEST, FGROI_METHOD_FISHER, 9, 10, 3, 10 },
    { "2x2_test fisher 123/1000 vs 87/1000", K_TEST, FGROI_METHOD_FISHER, 123, 1000, 87, 1000 },
    { "2x2_test fisher 5.00000123e8/1e9 vs 4.9999e8/1e9", K_TEST, FGROI_METHOD_FISHER, 500000123,
      1000000000, 499990000, 1000000000 },
    { "2x2_test chisq_cc 9/10 vs 3/10", K_TEST, FGROI_METHOD_CHISQ_CC, 9, 10, 3, 10 },
  };
  int failed = 0;
  printf("%-52s %14s %10s\n", "case", "ns/call", "calls");
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    /* calibrate: double the count until a batch takes >= 0.2 s */
    long calls = 1;
    double t0, el;
    for (;;) {
      t0 = now_ns();
      for (long k = 0; k < calls; k++) failed |= run(&cases[i]);
      el = now_ns() - t0;
      if (el >= 2e8 || calls >= (1L << 24)) break;
      calls *= 2;
    }
    printf("%-52s %14.0f %10ld\n", cases[i].name, el / (double)calls, calls);
  }
  return failed;
}
