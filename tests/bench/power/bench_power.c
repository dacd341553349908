/* Benchmark: exact power by enumeration and the exact sample-size search
 * (lib/power.c). Prints the median CPU time of repeated calls; run with
 * `meson test -C <build> --benchmark --suite bench -v` or directly. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <fgroi/fgroi.h>

/* CPU time of this process: robust to other jobs sharing the machine
 * (wall time is what a user waits, but on a loaded CI box it mostly
 * measures the neighbours). */
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

#define REPS 15

int main(void) {
  const fgroi_method tests[] = { FGROI_METHOD_FISHER, FGROI_METHOD_BARNARD, FGROI_METHOD_BOSCHLOO };
  double t[REPS];
  printf("exact power, p1 = 0.45, p2 = 0.70, two-sided alpha 0.05 (median of %d)\n", REPS);
  for (size_t m = 0; m < 3; m++) {
    const int64_t ns[] = { 12, 30, 60, 120 };
    for (size_t j = 0; j < 4; j++) {
      double pw = 0;
      for (int r = 0; r < REPS; r++) {
        double t0 = now();
        if (fgroi_power_prop2_exact(0.45, 0.70, ns[j], ns[j], tests[m], NULL, &pw) != FGROI_OK) return 1;
        t[r] = now() - t0;
      }
      qsort(t, REPS, sizeof t[0], cmp);
      printf("  %-8s n = %3lld per arm: power %.4f  %8.3f ms\n", fgroi_method_name(tests[m]),
             (long long)ns[j], pw, 1e3 * t[REPS / 2]);
    }
  }
  printf("exact sample size, p1 = 0.45, p2 = 0.70, 80%% power (median of %d)\n", REPS);
  for (size_t m = 0; m < 3; m++) {
    fgroi_power_exact_n res = FGROI_INIT(fgroi_power_exact_n);
    for (int r = 0; r < REPS; r++) {
      double t0 = now();
      if (fgroi_power_prop2_exact_n(0.45, 0.70, 0.8, tests[m], NULL, &res) != FGROI_OK) return 1;
      t[r] = now() - t0;
    }
    qsort(t, REPS, sizeof t[0], cmp);
    printf("  %-8s n1 = %lld (power %.4f), stable n1 = %lld, normal n = %.2f, %lld evaluations: %8.3f ms\n",
           fgroi_method_name(tests[m]), (long long)res.n1, res.power, (long long)res.n1_stable,
           res.n1_normal, (long long)res.evaluations, 1e3 * t[REPS / 2]);
  }
  return 0;
}
