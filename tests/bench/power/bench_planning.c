/* Benchmark: exact planning at realistic sizes (issue 16). Exact power of
 * Fisher, Boschloo and Barnard at 1,000-5,000 per arm, and the exact
 * sample-size searches of the issue (80% power, two-sided 0.05). Prints
 * the CPU time of each call (median of a few for the short ones) and, as
 * "# tsv" lines, the numbers the peer comparison (compare_r.py) reads.
 * Run with `meson test -C <build> --benchmark --suite bench -v`. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fgroi/fgroi.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* median CPU seconds of reps calls of exact power */
static int power_time(double p1, double p2, int64_t n, fgroi_method m, int reps, double *pw,
                      double *sec) {
  double t[16];
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    if (fgroi_power_prop2_exact(p1, p2, n, n, m, NULL, pw) != FGROI_OK) return 1;
    t[r] = now() - t0;
  }
  qsort(t, (size_t)reps, sizeof t[0], cmp);
  *sec = t[reps / 2];
  return 0;
}

int main(int argc, char **argv) {
  int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
  printf("exact power per evaluation, p 0.50 vs 0.55, two-sided 0.05 (CPU time)\n");
  const int64_t ns[] = { 1000, 2000, 5000 };
  const fgroi_method ms[] = { FGROI_METHOD_FISHER, FGROI_METHOD_BOSCHLOO, FGROI_METHOD_BARNARD };
  for (size_t m = 0; m < 3; m++)
    for (size_t j = 0; j < 3; j++) {
      if (quick && ns[j] > 1000) continue;
      double pw, sec;
      int reps = ms[m] == FGROI_METHOD_FISHER ? 9 : 3;
      if (power_time(0.50, 0.55, ns[j], ms[m], reps, &pw, &sec)) return 1;
      printf("  %-8s n = %5lld per arm: power %.12f  %9.3f ms\n", fgroi_method_name(ms[m]),
             (long long)ns[j], pw, 1e3 * sec);
      printf("# tsv power %s %lld %.17g %.6f\n", fgroi_method_name(ms[m]), (long long)ns[j], pw, sec);
    }
  printf("exact sample size, 80%% power, two-sided 0.05 (CPU time; issue 16 asks < 2 s, < 5 s, < 10 s)\n");
  const struct { double p1, p2; fgroi_method m; } c[] = {
    { 0.50, 0.55, FGROI_METHOD_FISHER }, { 0.50, 0.45, FGROI_METHOD_FISHER },
    { 0.50, 0.55, FGROI_METHOD_BOSCHLOO }, { 0.50, 0.55, FGROI_METHOD_BARNARD },
    { 0.50, 0.53, FGROI_METHOD_FISHER },
    { 0.45, 0.70, FGROI_METHOD_FISHER }, { 0.45, 0.70, FGROI_METHOD_BOSCHLOO },
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
    if (quick && c[i].p2 == 0.53) continue;
    fgroi_power_exact_n r = FGROI_INIT(fgroi_power_exact_n);
    double t0 = now();
    if (fgroi_power_prop2_exact_n(c[i].p1, c[i].p2, 0.8, c[i].m, NULL, &r) != FGROI_OK) return 1;
    double sec = now() - t0;
    printf("  %-8s %.2f vs %.2f: n1 = %lld (power %.6f), stable n1 = %lld, normal %.1f, "
           "%lld evaluations: %8.3f s\n", fgroi_method_name(c[i].m), c[i].p1, c[i].p2,
           (long long)r.n1, r.power, (long long)r.n1_stable, r.n1_normal,
           (long long)r.evaluations, sec);
    printf("# tsv n %s %.2f %.2f %lld %lld %.6f\n", fgroi_method_name(c[i].m), c[i].p1, c[i].p2,
           (long long)r.n1, (long long)r.n1_stable, sec);
  }
  return 0;
}
