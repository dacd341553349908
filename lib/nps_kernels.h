/* Internal: the int8 NPS counting kernels of lib/nps_tally.c, each reachable on
 * its own so the tests can check every path against a naive count on any
 * machine that runs it (tests/test_nps_kernels.c). Not installed. */
#ifndef FGROI_NPS_KERNELS_H
#define FGROI_NPS_KERNELS_H
#include <stddef.h>
#include <stdint.h>

enum {
  FGROI__NPS_PATH_AUTO = 0,   /* the widest path the CPU runs */
  FGROI__NPS_PATH_SCALAR = 1, /* four sub-histograms */
  FGROI__NPS_PATH_VECTOR = 2, /* 32-byte GCC vectors, baseline ISA (SSE2 on x86-64) */
  FGROI__NPS_PATH_AVX2 = 3,   /* the same loop compiled for AVX2 */
  FGROI__NPS_PATH_AVX512 = 4  /* AVX-512BW: table lookups into nibble counters */
};

/* 1 when `path` is compiled in and the CPU (and OS) run it. */
int fgroi__nps_path_available(int path);

/* Count x[0..n) into bins[0..10] and *missing (added to them) with the
 * given path (an unavailable one counts with the scalar path). Returns n,
 * or the index of the first byte that is neither 0..10 nor missing_code
 * (then bins and *missing are unspecified). missing_code must not be 0..10. */
size_t fgroi__nps_count_i8(int path, const int8_t *x, size_t n, int8_t missing_code, int64_t bins[11],
                           int64_t *missing);
#endif
