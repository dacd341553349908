/* Internal kernel of exact power: Fisher's region as cuts per margin
 * (lib/exact2x2.c, lib/exact2x2_region.h) equals the full region of the
 * reference path cell by cell, for every alternative and several levels,
 * balanced and unbalanced groups. */
#include <stdlib.h>

#include "fgroi_test.h"
#include "../lib/exact2x2_region.h"

static void check_cuts(int64_t n1, int64_t n2, fgroi_alternative alt, double alpha) {
  size_t nt = (size_t)(n1 + 1) * (size_t)(n2 + 1);
  unsigned char *rej = malloc(nt);
  int64_t N = n1 + n2;
  int64_t *a = malloc((size_t)(N + 1) * sizeof *a), *b = malloc((size_t)(N + 1) * sizeof *b);
  double *lf = fgroi__exact2x2_log_factorials(N);
  cr_assert(rej && a && b && lf);
  assert_ok(fgroi__exact2x2_region(n1, n2, FGROI_METHOD_FISHER, alt, alpha, rej));
  assert_ok(fgroi__exact2x2_fisher_cuts(n1, n2, alt, alpha, 0, N, lf, NULL, a, b));
  int64_t bad = 0;
  for (int64_t x1 = 0; x1 <= n1; x1++)
    for (int64_t x2 = 0; x2 <= n2; x2++) {
      int64_t s = x1 + x2;
      int fast = x1 <= a[s] || x1 >= b[s];
      if (fast != rej[x1 * (n2 + 1) + x2]) bad++;
    }
  cr_assert_eq(bad, 0, "n1=%lld n2=%lld alt=%d alpha=%g: %lld cells differ", (long long)n1,
               (long long)n2, (int)alt, alpha, (long long)bad);
  free(rej); free(a); free(b); free(lf);
}

Test(exact2x2_region, fisher_cuts_equal_full_region) {
  const int64_t ns[][2] = { { 1, 1 }, { 1, 7 }, { 5, 5 }, { 10, 10 }, { 8, 12 }, { 30, 7 },
                            { 60, 60 }, { 69, 69 }, { 100, 250 }, { 333, 300 }, { 400, 400 } };
  const double alphas[] = { 0.05, 0.01, 0.2, 1e-6, 0.5, 0.9 };
  const fgroi_alternative alts[] = { FGROI_TWO_SIDED, FGROI_GREATER, FGROI_LESS };
  for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
    for (size_t j = 0; j < sizeof alphas / sizeof alphas[0]; j++)
      for (size_t k = 0; k < 3; k++) check_cuts(ns[i][0], ns[i][1], alts[k], alphas[j]);
}

Test(exact2x2_region, fisher_cuts_many_sizes) {
  /* every size 1..40 against 1..40 at the usual level, both sides */
  for (int64_t n1 = 1; n1 <= 40; n1 += 3)
    for (int64_t n2 = 1; n2 <= 40; n2++) {
      check_cuts(n1, n2, FGROI_TWO_SIDED, 0.05);
      check_cuts(n1, n2, FGROI_GREATER, 0.025);
    }
}

Test(exact2x2_region, fisher_cuts_arguments) {
  double lf[3] = { 0, 0, 0 };
  int64_t a[3], b[3];
  assert_status(fgroi__exact2x2_fisher_cuts(1, 1, FGROI_TWO_SIDED, 0.05, 0, 2, NULL, NULL, a, b), FGROI_E_NULL);
  assert_status(fgroi__exact2x2_fisher_cuts(0, 1, FGROI_TWO_SIDED, 0.05, 0, 1, lf, NULL, a, b), FGROI_E_EMPTY);
  assert_status(fgroi__exact2x2_fisher_cuts(-1, 1, FGROI_TWO_SIDED, 0.05, 0, 0, lf, NULL, a, b),
                FGROI_E_NEGATIVE_COUNT);
  assert_status(fgroi__exact2x2_fisher_cuts(1, 1, FGROI_TWO_SIDED, 1.5, 0, 2, lf, NULL, a, b),
                FGROI_E_PROBABILITY);
  assert_status(fgroi__exact2x2_fisher_cuts(1, 1, FGROI_TWO_SIDED, 0.05, 0, 3, lf, NULL, a, b),
                FGROI_E_OUT_OF_RANGE);
  assert_status(fgroi__exact2x2_fisher_cuts((int64_t)1 << 31, 1, FGROI_TWO_SIDED, 0.05, 0, 3, lf, NULL, a, b),
                FGROI_E_TOO_LARGE);
}

static int check_uncond(int64_t n1, int64_t n2, double alpha, fgroi_method m) {
  size_t nt = (size_t)(n1 + 1) * (size_t)(n2 + 1);
  unsigned char *rej = malloc(nt);
  int64_t N = n1 + n2;
  int64_t *a = malloc((size_t)(N + 1) * sizeof *a), *b = malloc((size_t)(N + 1) * sizeof *b);
  cr_assert(rej && a && b);
  assert_ok(fgroi__exact2x2_region(n1, n2, m, FGROI_TWO_SIDED, alpha, rej));
  double level = 0;
  int fast = -1;
  if (m == FGROI_METHOD_BOSCHLOO)
    assert_ok(fgroi__exact2x2_boschloo_cuts(n1, n2, alpha, &level, NULL, a, b, &fast));
  else
    assert_ok(fgroi__exact2x2_barnard_cuts(n1, n2, alpha, &level, NULL, a, b, &fast));
  int64_t bad = 0;
  for (int64_t x1 = 0; x1 <= n1; x1++)
    for (int64_t x2 = 0; x2 <= n2; x2++) {
      int64_t s = x1 + x2;
      if ((x1 <= a[s] || x1 >= b[s]) != rej[x1 * (n2 + 1) + x2]) bad++;
    }
  cr_assert_eq(bad, 0, "%s n1=%lld n2=%lld alpha=%g fast=%d: %lld cells differ",
               fgroi_method_name(m), (long long)n1, (long long)n2, alpha, fast, (long long)bad);
  free(rej); free(a); free(b);
  return fast;
}

Test(exact2x2_region, boschloo_cuts_equal_full_region) {
  const int64_t ns[][2] = { { 3, 4 }, { 10, 10 }, { 8, 12 }, { 30, 7 }, { 60, 60 }, { 61, 61 },
                            { 100, 150 }, { 200, 200 }, { 201, 199 }, { 520, 480 } };
  const double alphas[] = { 0.05, 0.01, 0.1 };
  int fast = 0;
  for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
    for (size_t j = 0; j < 3; j++)
      fast += check_uncond(ns[i][0], ns[i][1], alphas[j], FGROI_METHOD_BOSCHLOO);
  /* the fast path decides nearly always (fallbacks are rare borderlines) */
  cr_assert(fast >= 25, "fast path decided %d of 30", fast);
}

Test(exact2x2_region, barnard_cuts_equal_full_region) {
  const int64_t ns[][2] = { { 3, 4 }, { 10, 10 }, { 8, 12 }, { 30, 7 }, { 60, 60 }, { 61, 61 },
                            { 100, 150 }, { 200, 200 }, { 201, 199 }, { 520, 480 } };
  const double alphas[] = { 0.05, 0.01, 0.1 };
  int fast = 0;
  for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
    for (size_t j = 0; j < 3; j++)
      fast += check_uncond(ns[i][0], ns[i][1], alphas[j], FGROI_METHOD_BARNARD);
  cr_assert(fast >= 25, "fast path decided %d of 30", fast);
}
