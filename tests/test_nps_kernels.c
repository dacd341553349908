/* Tests for the int8 NPS counting kernels of lib/nps_tally.c (lib/nps_kernels.h):
 * every path this machine runs (scalar, 32-byte vectors, AVX2, AVX-512BW),
 * forced one by one, against a naive count: random lengths and offsets
 * (unaligned starts, tails shorter than a vector, blocks longer than the
 * counters' flush intervals), every missing code class, and a bad byte at
 * every position class (the index of the first one reported). A CPU that
 * has AVX-512BW or AVX2 must have the matching path (no silent skip). */
#include <stdlib.h>
#include <string.h>

#include "fgroi_test.h"
#include "nps_kernels.h"

static uint64_t state = 0x243F6A8885A308D3ULL;
static uint64_t next(void) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static size_t naive(const int8_t *x, size_t n, int8_t miss, int64_t bins[11], int64_t *missing) {
  for (size_t i = 0; i < n; i++) {
    if (x[i] >= 0 && x[i] <= 10) bins[x[i]]++;
    else if (x[i] == miss) (*missing)++;
    else return i;
  }
  return n;
}

static const int paths[] = { FGROI__NPS_PATH_AUTO, FGROI__NPS_PATH_SCALAR, FGROI__NPS_PATH_VECTOR,
                             FGROI__NPS_PATH_AVX2, FGROI__NPS_PATH_AVX512 };

Test(nps_kernels, the_cpu_paths_are_there) {
  cr_assert(fgroi__nps_path_available(FGROI__NPS_PATH_SCALAR));
#if defined(__x86_64__) && defined(__gnu_linux__)
  __builtin_cpu_init();
  cr_assert(fgroi__nps_path_available(FGROI__NPS_PATH_VECTOR));
  cr_assert_eq(fgroi__nps_path_available(FGROI__NPS_PATH_AVX2), __builtin_cpu_supports("avx2") != 0);
  cr_assert_eq(fgroi__nps_path_available(FGROI__NPS_PATH_AVX512),
               __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw"));
#endif
}

Test(nps_kernels, every_path_vs_naive) {
  enum { MAXN = 70000 };
  int8_t *buf = malloc(MAXN + 64);
  const int8_t codes[] = { -1, 11, 15, 16, 127, -128, 26, -2 };
  int tested[5] = { 0 };
  for (int iter = 0; iter < 600; iter++) {
    size_t n = iter < 200 ? (size_t)(next() % 300) : (size_t)(next() % MAXN);
    size_t off = (size_t)(next() % 64);
    int8_t *x = buf + off;
    int8_t miss = codes[iter % 8];
    unsigned mode = (unsigned)(next() % 4); /* 0 realistic, 1 all one value, 2 uniform, 3 with missing */
    int8_t one = (int8_t)(next() % 11);
    for (size_t i = 0; i < n; i++) {
      uint64_t r = next();
      x[i] = mode == 1 ? one : (int8_t)(r % 11);
      if (mode == 3 && r % 7 == 0) x[i] = miss;
    }
    /* a bad byte (never 0..10 nor the code) in a third of the arrays */
    size_t bad = SIZE_MAX;
    if (n > 0 && iter % 3 == 2) {
      bad = (size_t)(next() % n);
      const int8_t bads[] = { 11, 12, 15, 16, 17, 26, 100, 127, -1, -2, -128, -16 };
      int8_t b;
      do b = bads[next() % 12]; while (b == miss);
      x[bad] = b;
    }
    int64_t wb[11] = { 0 }, wm = 0;
    size_t want = naive(x, n, miss, wb, &wm);
    cr_assert_eq(want, bad == SIZE_MAX ? n : bad);
    for (int p = 0; p < 5; p++) {
      if (!fgroi__nps_path_available(paths[p])) continue;
      int64_t gb[11] = { 0 }, gm = 0;
      size_t got = fgroi__nps_count_i8(paths[p], x, n, miss, gb, &gm);
      cr_assert_eq(got, want, "path %d iter %d n %zu", paths[p], iter, n);
      if (want == n) {
        for (int s = 0; s < 11; s++) cr_assert_eq(gb[s], wb[s], "path %d iter %d bin %d", paths[p], iter, s);
        cr_assert_eq(gm, wm, "path %d iter %d missing", paths[p], iter);
      }
      tested[p]++;
    }
  }
  /* counts add to what was already in bins */
  for (int p = 0; p < 5; p++) {
    if (!fgroi__nps_path_available(paths[p])) continue;
    int64_t b[11] = { 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 }, m = 3;
    memset(buf, 10, 5000);
    cr_assert_eq(fgroi__nps_count_i8(paths[p], buf, 5000, -1, b, &m), 5000);
    cr_assert_eq(b[10], 5007);
    cr_assert_eq(b[0], 5);
    cr_assert_eq(m, 3);
  }
  cr_assert(tested[1] == 600 && tested[0] == 600);
  free(buf);
}
