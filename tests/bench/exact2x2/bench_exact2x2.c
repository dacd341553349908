/* Timing of the exact unconditional engine (lib/exact2x2.c). Prints one
 * line per measurement: "<name> <seconds per call> <detail>", in CPU time
 * of this process (the CI machine is shared by parallel jobs, so wall
 * time measures the neighbours; the scipy comparison uses CPU time too). Also checks
 * that the rejection regions of lib/exact2x2_region.h are exactly the
 * tables whose p-value is <= alpha (exit status 1 otherwise).
 * Usage: bench_exact2x2 [boschloo x1 n1 x2 n2 alt] (alt: two_sided,
 * less, greater; prints only that timing, for the scipy comparison). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exact2x2_region.h"
#include "num.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double time_boschloo(int64_t x1, int64_t n1, int64_t x2, int64_t n2, fgroi_alternative alt,
                            fgroi_exact2x2_two_sided conv, double *p) {
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.two_sided = conv;
  fgroi_test t = FGROI_INIT(fgroi_test);
  int reps = 0;
  double t0 = now(), el;
  do {
    if (fgroi_exact2x2_test(x1, n1, x2, n2, FGROI_METHOD_BOSCHLOO, alt, &o, &t, NULL) != FGROI_OK) return -1;
    reps++;
    el = now() - t0;
  } while (el < 0.2);
  *p = t.p_value;
  return el / reps;
}

static double time_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2, fgroi_method m,
                      fgroi_exact2x2_two_sided conv, fgroi_interval *ci, double min_time) {
  fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
  (void)fgroi_exact2x2_options_default(&o);
  o.two_sided = conv;
  int reps = 0;
  double t0 = now(), el;
  do {
    if (fgroi_exact2x2_diff_ci(x1, n1, x2, n2, m, 0.95, FGROI_TWO_SIDED, &o, ci) != FGROI_OK) return -1;
    reps++;
    el = now() - t0;
  } while (el < min_time);
  return el / reps;
}

/* power of the test with rejection region `rej` at (p1, p2) */
static double power_of(const unsigned char *rej, int64_t n1, int64_t n2, double p1, double p2) {
  double acc = 0.0;
  for (int64_t a = 0; a <= n1; a++) {
    double fa = fgroi__dbinom((double)a, (double)n1, p1, 0);
    for (int64_t b = 0; b <= n2; b++)
      if (rej[a * (n2 + 1) + b]) acc += fa * fgroi__dbinom((double)b, (double)n2, p2, 0);
  }
  return acc;
}

/* Fisher's conditional p-value from num.h's hypergeometric (as R's
 * fisher.test: two-sided sums probabilities <= observed (1 + 1e-7)). */
static double fisher_p(int64_t x1, int64_t n1, int64_t x2, int64_t n2, fgroi_alternative alt,
                       fgroi_exact2x2_two_sided conv) {
  double s = (double)(x1 + x2), m = (double)n1, n = (double)n2;
  double pl = fgroi__phyper((double)x1, m, n, s, 1);
  double pg = x1 > 0 ? fgroi__phyper((double)x1 - 1.0, m, n, s, 0) : 1.0;
  if (alt == FGROI_LESS) return pl;
  if (alt == FGROI_GREATER) return pg;
  if (conv == FGROI_EXACT2X2_DOUBLE_ONE_SIDED) return fmin(1.0, 2.0 * fmin(pl, pg));
  double d0 = fgroi__dhyper((double)x1, m, n, s, 0), acc = 0.0;
  int64_t lo = x1 + x2 - n2 > 0 ? x1 + x2 - n2 : 0, hi = x1 + x2 < n1 ? x1 + x2 : n1;
  for (int64_t y = lo; y <= hi; y++) {
    double d = fgroi__dhyper((double)y, m, n, s, 0);
    if (d <= d0 * (1.0 + 1e-7)) acc += d;
  }
  return fmin(acc, 1.0);
}

/* regions equal {p <= alpha} for every table */
static int check_region(int64_t n1, int64_t n2, fgroi_method m, fgroi_alternative alt, double alpha,
                        fgroi_exact2x2_two_sided conv) {
  unsigned char *rej = malloc((size_t)((n1 + 1) * (n2 + 1)));
  if (rej == NULL || fgroi__exact2x2_region_ex(n1, n2, m, alt, alpha, conv, rej) != FGROI_OK) { free(rej); return 1; }
  int bad = 0;
  for (int64_t a = 0; a <= n1; a++)
    for (int64_t b = 0; b <= n2; b++) {
      double p;
      if (m == FGROI_METHOD_FISHER) {
        p = fisher_p(a, n1, b, n2, alt, conv);
      } else {
        fgroi_test t = FGROI_INIT(fgroi_test);
        fgroi_exact2x2_options o = FGROI_INIT(fgroi_exact2x2_options);
        (void)fgroi_exact2x2_options_default(&o);
        o.two_sided = conv;
        if (fgroi_exact2x2_test(a, n1, b, n2, m, alt, &o, &t, NULL) != FGROI_OK) { bad++; continue; }
        p = t.p_value;
      }
      if (fabs(p - alpha) < 1e-9) continue; /* on the boundary */
      if ((p <= alpha) != (rej[a * (n2 + 1) + b] != 0)) {
        bad++;
        fprintf(stderr, "region mismatch %s n=(%lld,%lld) table (%lld,%lld) p=%.12g rej=%d\n",
                fgroi_method_name(m), (long long)n1, (long long)n2, (long long)a, (long long)b, p,
                rej[a * (n2 + 1) + b]);
      }
    }
  free(rej);
  return bad;
}

int main(int argc, char **argv) {
  if (argc == 7 && strcmp(argv[1], "boschloo") == 0) {
    fgroi_alternative alt;
    if (fgroi_alternative_from_name(argv[6], &alt) != FGROI_OK) return 2;
    double p;
    double s = time_boschloo(atoll(argv[2]), atoll(argv[3]), atoll(argv[4]), atoll(argv[5]), alt,
                             FGROI_EXACT2X2_DOUBLE_ONE_SIDED, &p);
    printf("%.9g %.17g\n", s, p);
    return s < 0;
  }
  double p = NAN;
  double sb = time_boschloo(60, 100, 45, 100, FGROI_TWO_SIDED, FGROI_EXACT2X2_TWO_SIDED_STATISTIC, &p);
  printf("boschloo_100_per_arm_two_sided %.6g p=%.10g\n", sb, p);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  static const int64_t t50[][2] = { {25, 15}, {10, 3}, {49, 40}, {0, 5}, {30, 30} };
  double worst = 0.0;
  for (int i = 0; i < 5; i++) {
    double s = time_ci(t50[i][0], 50, t50[i][1], 50, FGROI_METHOD_CHAN_ZHANG, FGROI_EXACT2X2_DEFAULT, &ci, 0.2);
    if (s > worst) worst = s;
    printf("ci_chan_zhang_50_per_arm %.6g table=%lld/50,%lld/50 [%.6f, %.6f]\n", s,
           (long long)t50[i][0], (long long)t50[i][1], ci.lower, ci.upper);
  }
  printf("ci_chan_zhang_50_per_arm_worst %.6g\n", worst);
  double s = time_ci(25, 50, 15, 50, FGROI_METHOD_CHAN_ZHANG_MID_P, FGROI_EXACT2X2_DEFAULT, &ci, 0.2);
  printf("ci_chan_zhang_mid_p_50_per_arm %.6g [%.6f, %.6f]\n", s, ci.lower, ci.upper);
  s = time_ci(25, 50, 15, 50, FGROI_METHOD_CHAN_ZHANG, FGROI_EXACT2X2_TWO_SIDED_STATISTIC, &ci, 0.2);
  printf("ci_agresti_min_50_per_arm %.6g [%.6f, %.6f]\n", s, ci.lower, ci.upper);
  s = time_ci(250, 500, 200, 500, FGROI_METHOD_CHAN_ZHANG, FGROI_EXACT2X2_DEFAULT, &ci, 0.0);
  printf("ci_chan_zhang_500_per_arm %.6g [%.6f, %.6f]\n", s, ci.lower, ci.upper);

  /* planning: smallest n per arm with 80% power for .45 vs .70, Boschloo
   * two-sided at 0.05, by enumeration over regions */
  double t0 = now();
  int64_t n_found = -1;
  double pw = 0.0;
  for (int64_t n = 40; n <= 120 && n_found < 0; n++) {
    unsigned char *rej = malloc((size_t)((n + 1) * (n + 1)));
    if (rej == NULL || fgroi__exact2x2_region(n, n, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.05, rej) != FGROI_OK) {
      free(rej);
      return 1;
    }
    pw = power_of(rej, n, n, 0.45, 0.70);
    if (pw >= 0.8) n_found = n;
    free(rej);
  }
  double el = now() - t0;
  printf("power_search_boschloo_.45_vs_.70 %.6g n_per_arm=%lld power=%.4f (regions for n = 40..n)\n", el,
         (long long)n_found, pw);
  unsigned char *rej = malloc(61 * 61);
  t0 = now();
  int reps = 0;
  do { fgroi__exact2x2_region(60, 60, FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.05, rej); reps++; } while (now() - t0 < 0.2);
  printf("region_boschloo_60_per_arm %.6g\n", (now() - t0) / reps);
  t0 = now();
  reps = 0;
  do { fgroi__exact2x2_region(60, 60, FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, 0.05, rej); reps++; } while (now() - t0 < 0.2);
  printf("region_barnard_60_per_arm %.6g\n", (now() - t0) / reps);
  free(rej);

  /* regions agree with p-values */
  int bad = 0;
  static const int64_t sizes[][2] = { {8, 8}, {10, 14}, {20, 20}, {5, 17} };
  for (int i = 0; i < 4; i++)
    for (int alt = 0; alt <= 2; alt++) {
      bad += check_region(sizes[i][0], sizes[i][1], FGROI_METHOD_BOSCHLOO, (fgroi_alternative)alt, 0.05,
                          FGROI_EXACT2X2_DEFAULT);
      bad += check_region(sizes[i][0], sizes[i][1], FGROI_METHOD_BARNARD, (fgroi_alternative)alt, 0.05,
                          FGROI_EXACT2X2_DEFAULT);
      bad += check_region(sizes[i][0], sizes[i][1], FGROI_METHOD_FISHER, (fgroi_alternative)alt, 0.05,
                          FGROI_EXACT2X2_DEFAULT);
      if (alt == FGROI_TWO_SIDED) {
        bad += check_region(sizes[i][0], sizes[i][1], FGROI_METHOD_FISHER, FGROI_TWO_SIDED, 0.05,
                            FGROI_EXACT2X2_DOUBLE_ONE_SIDED);
        bad += check_region(sizes[i][0], sizes[i][1], FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, 0.05,
                            FGROI_EXACT2X2_DOUBLE_ONE_SIDED);
        bad += check_region(sizes[i][0], sizes[i][1], FGROI_METHOD_BARNARD, FGROI_TWO_SIDED, 0.05,
                            FGROI_EXACT2X2_DOUBLE_ONE_SIDED);
      }
    }
  printf("region_consistency_mismatches %d\n", bad);
  return bad != 0;
}
