/* Benchmark: large-n kernels made fast in issue 16 (Hommel, the
 * Hodges-Lehmann searches, the exact odds-ratio interval). Prints CPU
 * times and, as "# tsv" lines, values and times the peer comparison
 * (compare_r.py) reads. Usage: bench_large_n [hommel N | hl N | or N] ...
 * or no arguments for the sizes. Data are deterministic (a 64-bit
 * LCG), so R can rebuild them (compare_r.py writes them to a file). */
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

static double lcg(unsigned long long *st) {
  *st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(*st >> 11) / 9007199254740992.0;
}

static int hommel(size_t n, const char *dump) {
  double *p = malloc(n * sizeof *p), *a = malloc(n * sizeof *a);
  if (!p || !a) return 1;
  unsigned long long st = 3;
  for (size_t i = 0; i < n; i++) { double u = lcg(&st); p[i] = u * u * u; }
  if (dump) { FILE *f = fopen(dump, "w"); for (size_t i = 0; i < n; i++) fprintf(f, "%.17g\n", p[i]); fclose(f); }
  double t0 = now();
  if (fgroi_multiplicity_adjust(p, n, FGROI_METHOD_HOMMEL, a) != FGROI_OK) return 1;
  double sec = now() - t0, sum = 0;
  for (size_t i = 0; i < n; i++) sum += a[i];
  if (dump) {
    char path[4096];
    snprintf(path, sizeof path, "%s.out", dump);
    FILE *f = fopen(path, "w");
    for (size_t i = 0; i < n; i++) fprintf(f, "%.17g\n", a[i]);
    fclose(f);
  }
  printf("  hommel   n = %8zu: %9.3f s (sum of adjusted %.17g)\n", n, sec, sum);
  printf("# tsv hommel %zu %.6f %.17g\n", n, sec, sum);
  free(p); free(a);
  return 0;
}

static int hl(size_t n, const char *dump) {
  double *x = malloc(n * sizeof *x);
  if (!x) return 1;
  unsigned long long st = 42;
  for (size_t i = 0; i < n; i++) x[i] = lcg(&st) + 0.01;
  if (dump) { FILE *f = fopen(dump, "w"); for (size_t i = 0; i < n; i++) fprintf(f, "%.17g\n", x[i]); fclose(f); }
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test t = FGROI_INIT(fgroi_test);
  double t0 = now();
  if (fgroi_means_wilcoxon_one(x, n, 0.5, FGROI_METHOD_DEFAULT, 0.95, FGROI_TWO_SIDED, &ci, &t) != FGROI_OK) return 1;
  double sec = now() - t0;
  printf("  HL       n = %8zu: %9.3f s (estimate %.17g, [%.17g, %.17g])\n", n, sec, ci.estimate, ci.lower, ci.upper);
  printf("# tsv hl %zu %.6f %.17g %.17g %.17g\n", n, sec, ci.estimate, ci.lower, ci.upper);
  free(x);
  return 0;
}

static int oddsratio(int64_t n) {
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  double t0 = now();
  if (fgroi_exact2x2_odds_ratio_ci(n / 2 + 1000, n, n / 2, n, FGROI_METHOD_CORNFIELD, 0.95,
                                   FGROI_TWO_SIDED, &ci) != FGROI_OK) return 1;
  double sec = now() - t0;
  printf("  OR (Cornfield) n = %9lld per arm: %9.3f s ([%.17g, %.17g])\n", (long long)n, sec, ci.lower, ci.upper);
  printf("# tsv or %lld %.6f %.17g %.17g\n", (long long)n, sec, ci.lower, ci.upper);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1) {
    for (int i = 1; i + 1 < argc; i += 2) {
      const char *dump = getenv("BENCH_DUMP");
      size_t n = (size_t)atoll(argv[i + 1]);
      if (strcmp(argv[i], "hommel") == 0 && hommel(n, dump)) return 1;
      if (strcmp(argv[i], "hl") == 0 && hl(n, dump)) return 1;
      if (strcmp(argv[i], "or") == 0 && oddsratio((int64_t)n)) return 1;
    }
    return 0;
  }
  printf("large-n kernels, CPU time (issue 16 measured before: Hommel 3e4 5.4 s, HL 1e6 15 s, OR 1e7 34 s)\n");
  if (hommel(30000, NULL) || hommel(1000000, NULL)) return 1;
  if (hl(1000000, NULL)) return 1;
  if (oddsratio(1000000) || oddsratio(10000000)) return 1;
  return 0;
}
