/* NPS tally (include/fgroi/nps.h, "tally"): the 11-bin histogram of 0..10
 * scores, its adds, merge and category counts, and the int8 counting
 * kernels behind fgroi_nps_tally_add_i8 (scalar, 32-byte vectors, AVX2,
 * AVX-512BW; lib/nps_kernels.h, docs/performance.md). */
#include <limits.h>
#include <stdlib.h>

#include "internal.h"
#include "nps_kernels.h"

/* ---- tally ------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_nps_tally_init(fgroi_nps_tally *tally) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_nps_tally, missing));
  fgroi_nps_tally t;
  memset(&t, 0, sizeof t);
  t.struct_size = sizeof t;
  fgroi__write_out(tally, &t, sizeof t);
  return FGROI_OK;
}

/* Add local counts (already validated) to the tally, all or nothing. */
static fgroi_status tally_commit(fgroi_nps_tally *tally, const int64_t bins[11], int64_t missing) {
  for (int s = 0; s < 11; s++)
    if (tally->bins[s] < 0 || bins[s] > INT64_MAX - tally->bins[s]) return FGROI_E_OVERFLOW;
  if (tally->missing < 0 || missing > INT64_MAX - tally->missing) return FGROI_E_OVERFLOW;
  for (int s = 0; s < 11; s++) tally->bins[s] += bins[s];
  tally->missing += missing;
  return FGROI_OK;
}

/* Scalar count of x[0..n) into bins/missing; returns n on success or the
 * index of the first value that is neither 0..10 nor the missing code. */
static size_t count_i8_scalar(const int8_t *x, size_t n, int8_t missing_code, int64_t bins[11],
                              int64_t *missing) {
  int64_t h[4][12];
  memset(h, 0, sizeof h);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (int l = 0; l < 4; l++) {
      int v = x[i + (size_t)l];
      if ((unsigned)v <= 10u) h[l][v]++;
      else if (v == missing_code) h[l][11]++;
      else return i + (size_t)l;
    }
  }
  for (; i < n; i++) {
    int v = x[i];
    if ((unsigned)v <= 10u) h[0][v]++;
    else if (v == missing_code) h[0][11]++;
    else return i;
  }
  for (int s = 0; s < 11; s++) bins[s] += h[0][s] + h[1][s] + h[2][s] + h[3][s];
  *missing += h[0][11] + h[1][11] + h[2][11] + h[3][11];
  return n;
}

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__aarch64__) || defined(__i386__))
#define NPS_VECTOR 1
/* 8-bit lanes: one byte counter per bin per lane, flushed to 64-bit totals
 * before it can wrap (every 255 steps). A compare yields -1 (all ones) in
 * the lanes that match, so "acc -= (v == s)" adds one. 32-byte vectors are
 * two SSE2 operations on the baseline and one with AVX2 (target clones). */
typedef int8_t nps_v32 __attribute__((vector_size(32)));
/* the counters are unsigned: they wrap by definition (signed lanes past 127
 * are undefined behaviour, which UBSan reports) */
typedef uint8_t nps_u32 __attribute__((vector_size(32)));

/* AVX2 variant chosen at run time by explicit dispatch (not target_clones,
 * whose ifunc resolver clang exports as a public symbol). */
#if defined(__x86_64__) && defined(__gnu_linux__) && (!defined(__clang__) || __clang_major__ >= 14)
#define NPS_DISPATCH 1
#endif

/* Count six values over steps 32-byte vectors at p into 8-bit lane
 * counters; two passes per block (bins 0-5, then 6-10 and the missing
 * code) keep accumulators and constants in registers. The block is at most
 * 255 * 32 bytes, so the second pass reads from L1. */
#define NPS_PASS(name, attr)                                                        \
  attr static void name(const int8_t *p, size_t steps, int8_t c0, int8_t c1,  \
                              int8_t c2, int8_t c3, int8_t c4, int8_t c5,           \
                              uint64_t out[6]) {                                    \
    const nps_v32 k0 = (nps_v32){0} + c0, k1 = (nps_v32){0} + c1,                   \
                  k2 = (nps_v32){0} + c2, k3 = (nps_v32){0} + c3,                   \
                  k4 = (nps_v32){0} + c4, k5 = (nps_v32){0} + c5;                   \
    nps_u32 a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0}, a4 = {0}, a5 = {0};             \
    for (size_t k = 0; k < steps; k++) {                                            \
      nps_v32 v;                                                                    \
      memcpy(&v, p + k * sizeof v, sizeof v);                                       \
      a0 -= (nps_u32)(v == k0); a1 -= (nps_u32)(v == k1);                           \
      a2 -= (nps_u32)(v == k2); a3 -= (nps_u32)(v == k3);                           \
      a4 -= (nps_u32)(v == k4); a5 -= (nps_u32)(v == k5);                           \
    }                                                                               \
    const nps_u32 acc[6] = { a0, a1, a2, a3, a4, a5 };                              \
    for (int s = 0; s < 6; s++) {                                                   \
      uint8_t b[sizeof(nps_v32)];                                                   \
      memcpy(b, &acc[s], sizeof b);                                                 \
      uint64_t t = 0;                                                               \
      for (size_t l = 0; l < sizeof b; l++) t += b[l];                              \
      out[s] = t;                                                                   \
    }                                                                               \
  }
typedef void (*nps_pass_fn)(const int8_t *, size_t, int8_t, int8_t, int8_t, int8_t, int8_t,
                            int8_t, uint64_t *);
NPS_PASS(count_pass_base, )
#ifdef NPS_DISPATCH
NPS_PASS(count_pass_avx2, __attribute__((target("avx2"))))
#endif

#ifdef NPS_DISPATCH
/* AVX-512BW: one pass, no compare per bin. Each byte v becomes an index
 * (v for 0..10, 11 for the missing code, 15 for anything else: masked
 * moves on two compares), and six in-lane table lookups (vpshufb) turn the
 * index into two 4-bit counters per byte: table j holds 1 in the low
 * nibble for bin 2j and in the high nibble for bin 2j + 1, 0 for index 15.
 * Adding the six looked-up vectors counts 12 bins in 12 operations per 64
 * bytes (the compare-per-bin loop needs 24 per 32 bytes). The nibbles are
 * widened into byte counters every 15 steps and summed (vpsadbw) every
 * 15 x 17 steps, before anything can wrap. Validation as in the loop above:
 * an invalid byte (index 15) is in no counter, so the block's counts fall
 * short of its length and the caller rescans it. */
#include <immintrin.h>
#define NPS512_INNER 15
#define NPS512_OUTER 17
__attribute__((target("avx512f,avx512bw"))) static size_t
count_i8_avx512(const int8_t *x, size_t n, int8_t missing_code, uint64_t cnt[12]) {
  uint8_t tab[6][16];
  memset(tab, 0, sizeof tab);
  for (int b = 0; b < 12; b++) tab[b / 2][b] = (uint8_t)(b % 2 ? 0x10 : 0x01);
  __m512i lut[6];
  for (int j = 0; j < 6; j++) lut[j] = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)tab[j]));
  const __m512i ten = _mm512_set1_epi8(10), miss = _mm512_set1_epi8(missing_code),
                fifteen = _mm512_set1_epi8(15), eleven = _mm512_set1_epi8(11),
                low = _mm512_set1_epi8(0x0F), zero = _mm512_setzero_si512();
  __m512i wide[12];
  for (int b = 0; b < 12; b++) wide[b] = zero;
  const size_t steps = n / 64;
  size_t k = 0;
  while (k < steps) {
    size_t inner = steps - k < NPS512_INNER ? steps - k : NPS512_INNER;
    __m512i a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero;
    for (size_t s = 0; s < inner; s++) {
      __m512i v = _mm512_loadu_si512((const void *)(x + (k + s) * 64));
      __m512i idx = _mm512_mask_mov_epi8(fifteen, _mm512_cmple_epu8_mask(v, ten), v);
      idx = _mm512_mask_mov_epi8(idx, _mm512_cmpeq_epi8_mask(v, miss), eleven);
      a0 = _mm512_add_epi8(a0, _mm512_shuffle_epi8(lut[0], idx));
      a1 = _mm512_add_epi8(a1, _mm512_shuffle_epi8(lut[1], idx));
      a2 = _mm512_add_epi8(a2, _mm512_shuffle_epi8(lut[2], idx));
      a3 = _mm512_add_epi8(a3, _mm512_shuffle_epi8(lut[3], idx));
      a4 = _mm512_add_epi8(a4, _mm512_shuffle_epi8(lut[4], idx));
      a5 = _mm512_add_epi8(a5, _mm512_shuffle_epi8(lut[5], idx));
    }
    const __m512i acc[6] = { a0, a1, a2, a3, a4, a5 };
    for (int j = 0; j < 6; j++) {
      wide[2 * j] = _mm512_add_epi8(wide[2 * j], _mm512_and_si512(acc[j], low));
      wide[2 * j + 1] = _mm512_add_epi8(wide[2 * j + 1], _mm512_and_si512(_mm512_srli_epi16(acc[j], 4), low));
    }
    k += inner;
    if (k % (NPS512_INNER * NPS512_OUTER) == 0 || k == steps) {
      for (int b = 0; b < 12; b++) {
        cnt[b] += (uint64_t)_mm512_reduce_add_epi64(_mm512_sad_epu8(wide[b], zero));
        wide[b] = zero;
      }
    }
  }
  return steps * 64;
}
#endif

static size_t count_i8_vector(const int8_t *x, size_t n, int8_t missing_code, int64_t bins[11],
                              int64_t *missing, int path) {
  const size_t step = sizeof(nps_v32);
  nps_pass_fn count_pass = count_pass_base;
#ifdef NPS_DISPATCH
  if (path == FGROI__NPS_PATH_AVX2) count_pass = count_pass_avx2;
  if (path == FGROI__NPS_PATH_AVX512) {
    /* blocks of at most 255 x 64 bytes: one rescan finds a bad byte */
    size_t i = 0;
    while (n - i >= 64) {
      size_t len = n - i < 255 * 64 ? (n - i) / 64 * 64 : 255 * 64;
      uint64_t cnt[12] = { 0 }, total = 0;
      count_i8_avx512(x + i, len, missing_code, cnt);
      for (int b = 0; b < 12; b++) total += cnt[b];
      if (total != (uint64_t)len) {
        int64_t scratch[11] = { 0 }, m = 0;
        return i + count_i8_scalar(x + i, len, missing_code, scratch, &m);
      }
      for (int b = 0; b < 11; b++) bins[b] += (int64_t)cnt[b];
      *missing += (int64_t)cnt[11];
      i += len;
    }
    size_t r = count_i8_scalar(x + i, n - i, missing_code, bins, missing);
    return r == n - i ? n : i + r;
  }
#else
  (void)path;
#endif
  size_t i = 0;
  while (n - i >= step) {
    size_t steps = (n - i) / step;
    if (steps > 255) steps = 255;
    uint64_t lo[6], hi[6];
    count_pass(x + i, steps, 0, 1, 2, 3, 4, 5, lo);
    /* the sixth slot of the second pass repeats bin 10's partner: the
     * missing code (never 0..10) */
    count_pass(x + i, steps, 6, 7, 8, 9, 10, missing_code, hi);
    uint64_t total = 0;
    for (int s = 0; s < 6; s++) total += lo[s] + hi[s];
    /* every byte must have landed in exactly one counter */
    if (total != (uint64_t)(steps * step)) {
      int64_t scratch[11] = {0}, m = 0;
      return i + count_i8_scalar(x + i, steps * step, missing_code, scratch, &m);
    }
    for (int s = 0; s < 6; s++) bins[s] += (int64_t)lo[s];
    for (int s = 0; s < 5; s++) bins[6 + s] += (int64_t)hi[s];
    *missing += (int64_t)hi[5];
    i += steps * step;
  }
  size_t r = count_i8_scalar(x + i, n - i, missing_code, bins, missing);
  return r == n - i ? n : i + r;
}
#endif

/* Kernel paths (nps_kernels.h): FGROI__NPS_PATH_AUTO picks the widest the
 * CPU runs. */
int fgroi__nps_path_available(int path) {
  switch (path) {
  case FGROI__NPS_PATH_AUTO: case FGROI__NPS_PATH_SCALAR: return 1;
#ifdef NPS_VECTOR
  case FGROI__NPS_PATH_VECTOR: return 1;
#endif
#ifdef NPS_DISPATCH
  case FGROI__NPS_PATH_AVX2: __builtin_cpu_init(); return __builtin_cpu_supports("avx2") != 0;
  case FGROI__NPS_PATH_AVX512:
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
#endif
  default: return 0;
  }
}

static int choose_path(void) {
  if (fgroi__nps_path_available(FGROI__NPS_PATH_AVX512)) return FGROI__NPS_PATH_AVX512;
  if (fgroi__nps_path_available(FGROI__NPS_PATH_AVX2)) return FGROI__NPS_PATH_AVX2;
#ifdef NPS_VECTOR
  return FGROI__NPS_PATH_VECTOR;
#else
  return FGROI__NPS_PATH_SCALAR;
#endif
}

size_t fgroi__nps_count_i8(int path, const int8_t *x, size_t n, int8_t missing_code, int64_t bins[11],
                           int64_t *missing) {
  if (path == FGROI__NPS_PATH_AUTO) path = choose_path();
  if (path == FGROI__NPS_PATH_SCALAR || !fgroi__nps_path_available(path)) return count_i8_scalar(x, n, missing_code, bins, missing);
#ifdef NPS_VECTOR
  return count_i8_vector(x, n, missing_code, bins, missing, path);
#else
  return count_i8_scalar(x, n, missing_code, bins, missing);
#endif
}

FGROI_API fgroi_status fgroi_nps_tally_add_i8(fgroi_nps_tally *tally, const int8_t *scores,
                                              size_t n, int8_t missing_code, size_t *bad_index) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_nps_tally, missing));
  if (n > 0 && scores == NULL) return FGROI_E_NULL;
  if (missing_code >= 0 && missing_code <= 10) return FGROI_E_OUT_OF_RANGE;
  int64_t bins[11] = {0}, missing = 0;
  size_t at = 0; /* n == 0: scores may be NULL, and NULL + 0 is undefined */
  if (n > 0) at = fgroi__nps_count_i8(FGROI__NPS_PATH_AUTO, scores, n, missing_code, bins, &missing);
  if (at != n) {
    if (bad_index) *bad_index = at;
    return FGROI_E_SCORE_RANGE;
  }
  return tally_commit(tally, bins, missing);
}

FGROI_API fgroi_status fgroi_nps_tally_add_i32(fgroi_nps_tally *tally, const int32_t *scores,
                                               size_t n, int32_t missing_code, size_t *bad_index) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_nps_tally, missing));
  if (n > 0 && scores == NULL) return FGROI_E_NULL;
  if (missing_code >= 0 && missing_code <= 10) return FGROI_E_OUT_OF_RANGE;
  int64_t h[2][12];
  memset(h, 0, sizeof h);
  for (size_t i = 0; i < n; i++) {
    int32_t v = scores[i];
    if (v >= 0 && v <= 10) h[i & 1][v]++;
    else if (v == missing_code) h[i & 1][11]++;
    else {
      if (bad_index) *bad_index = i;
      return FGROI_E_SCORE_RANGE;
    }
  }
  int64_t bins[11];
  for (int s = 0; s < 11; s++) bins[s] = h[0][s] + h[1][s];
  return tally_commit(tally, bins, h[0][11] + h[1][11]);
}

FGROI_API fgroi_status fgroi_nps_tally_add_f64(fgroi_nps_tally *tally, const double *scores,
                                               size_t n, double missing_code, size_t *bad_index) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_nps_tally, missing));
  if (n > 0 && scores == NULL) return FGROI_E_NULL;
  if (missing_code >= 0.0 && missing_code <= 10.0 && missing_code == floor(missing_code))
    return FGROI_E_OUT_OF_RANGE;
  int64_t bins[11] = {0}, missing = 0;
  for (size_t i = 0; i < n; i++) {
    double v = scores[i];
    if (v >= 0.0 && v <= 10.0 && v == floor(v)) bins[(int)v]++;
    else if (isnan(v) || v == missing_code) missing++;
    else {
      if (bad_index) *bad_index = i;
      return FGROI_E_SCORE_RANGE;
    }
  }
  return tally_commit(tally, bins, missing);
}

FGROI_API fgroi_status fgroi_nps_tally_merge(fgroi_nps_tally *dst, const fgroi_nps_tally *src) {
  FGROI__TRY(FGROI__CHECK_OUT(dst, fgroi_nps_tally, missing));
  FGROI__TRY(FGROI__CHECK_OUT(src, fgroi_nps_tally, missing));
  for (int s = 0; s < 11; s++)
    if (src->bins[s] < 0) return FGROI_E_NEGATIVE_COUNT;
  if (src->missing < 0) return FGROI_E_NEGATIVE_COUNT;
  int64_t bins[11];
  memcpy(bins, src->bins, sizeof bins);
  return tally_commit(dst, bins, src->missing);
}

FGROI_API fgroi_status fgroi_nps_tally_counts(const fgroi_nps_tally *tally, int64_t *detractors,
                                              int64_t *passives, int64_t *promoters) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_nps_tally, missing));
  if (!detractors || !passives || !promoters) return FGROI_E_NULL;
  int64_t c[3] = {0, 0, 0};
  for (int s = 0; s < 11; s++) {
    int64_t b = tally->bins[s];
    if (b < 0) return FGROI_E_NEGATIVE_COUNT;
    int k = s <= 6 ? 0 : (s <= 8 ? 1 : 2);
    if (b > INT64_MAX - c[k]) return FGROI_E_OVERFLOW;
    c[k] += b;
  }
  *detractors = c[0];
  *passives = c[1];
  *promoters = c[2];
  return FGROI_OK;
}
