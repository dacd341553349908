/* Memory-bandwidth yardstick for the NPS tally benchmark: time a plain
 * read pass (sum of 64-bit words) over the same 1e8 bytes, and the tally,
 * in one process. usage: bench_memcpy [n] */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fgroi/fgroi.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atof(argv[1]) : (size_t)100000000;
  int8_t *x = malloc(n);
  if (!x) return 1;
  uint64_t s = 1;
  for (size_t i = 0; i < n; i++) {
    s = s * 6364136223846793005u + 1442695040888963407u;
    x[i] = (int8_t)((s >> 33) % 11);
  }
  double best_read = 1e9, best_tally = 1e9;
  volatile uint64_t sink = 0; /* keeps the read loop from being optimised away */
  for (int r = 0; r < 5; r++) {
    double t0 = now();
    uint64_t acc = 0, w;
    for (size_t i = 0; i + 8 <= n; i += 8) { memcpy(&w, x + i, 8); acc += w; }
    sink += acc;
    double t1 = now();
    fgroi_nps_tally t = FGROI_INIT(fgroi_nps_tally);
    fgroi_nps_tally_init(&t);
    if (fgroi_nps_tally_add_i8(&t, x, n, -1, NULL) != FGROI_OK) return 2;
    double t2 = now();
    if (t1 - t0 < best_read) best_read = t1 - t0;
    if (t2 - t1 < best_tally) best_tally = t2 - t1;
  }
  if (sink == 42) puts("");
  printf("n = %zu: read pass %.4f s (%.2f GB/s), tally %.4f s (%.2f GB/s), tally/read %.2f\n", n,
         best_read, (double)n / best_read / 1e9, best_tally, (double)n / best_tally / 1e9,
         best_tally / best_read);
  free(x);
  return 0;
}
