/* Net Promoter Score: tally, one NPS, two independent waves, paired change,
 * segments, planning and CSAT top-2-box. Formulas, defaults and citations:
 * docs/methods/nps.md. Internally an NPS is the mean of a per-person score
 * v in {-1, 0, +1} (detractor, passive, promoter) on the -1..1 scale; the
 * public functions report 100 times that. */
#include <float.h>
#include <limits.h>
#include <stdlib.h>

#include "control.h"
#include "internal.h"
#include "nps_kernels.h"
#include "num.h"
#include "score.h"

#define NPS_SCALE 100.0
#define NPS_DEFAULT_REPLICATES 4000
#define NPS_MAX_BOOTSTRAP_N 1000000      /* respondents per wave for bootstrap */
/* Bootstrap work is one uniform draw per respondent per replicate (about
 * 5.5 ns each at -O2, 20 ns under ASan + UBSan): respondents x replicates
 * of one call up to 2^24 (0.09 s CPU at -O2, 0.35 s in the fuzz build, plus
 * the sort of the replicates), replicates up to 10^6 (issue 14: 168,804
 * respondents x 4000 ran over 2 s; 7,096 x 4000 took 0.73 s CPU in the fuzz
 * build). */
#define NPS_MAX_BOOTSTRAP_REPLICATES 1000000
#define NPS_MAX_BOOTSTRAP_DRAWS 16777216.0
#define NPS_MAX_PERMUTATION_N 4000       /* smaller wave of the exact permutation test */

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

/* ---- shared validation ------------------------------------------------- */

/* Counts non-negative, total positive, representable and at most 2^53 (a
 * wave's counts are carried in doubles; beyond 2^53 the score methods'
 * restricted MLE stops converging: FGROI_E_TOO_LARGE, docs/limits.md). */
static fgroi_status check_counts(int64_t det, int64_t pas, int64_t pro, int64_t *n) {
  if (det < 0 || pas < 0 || pro < 0) return FGROI_E_NEGATIVE_COUNT;
  if (det > INT64_MAX - pas || det + pas > INT64_MAX - pro) return FGROI_E_OVERFLOW;
  *n = det + pas + pro;
  if (*n > FGROI__EXACT_COUNT_MAX) return FGROI_E_TOO_LARGE;
  return *n == 0 ? FGROI_E_EMPTY : FGROI_OK;
}

static const fgroi_nps_options default_options = { sizeof(fgroi_nps_options), 1u, 0, NULL };

static fgroi_status read_options(const fgroi_nps_options *o, uint64_t *seed, int64_t *reps,
                                 const fgroi_control **control) {
  if (o == NULL) o = &default_options;
  else FGROI__TRY(FGROI__CHECK_OUT(o, fgroi_nps_options, replicates));
  *control = o->struct_size >= FGROI__V1_SIZE(fgroi_nps_options, control) ? o->control : NULL;
  if (o->replicates < 0 || o->replicates == 1 || o->replicates > NPS_MAX_BOOTSTRAP_REPLICATES)
    return FGROI_E_OUT_OF_RANGE;
  *seed = o->seed;
  *reps = o->replicates == 0 ? NPS_DEFAULT_REPLICATES : o->replicates;
  return FGROI_OK;
}

/* Wald variance of one NPS (per respondent, -1..1 scale): as R NPS::npvar. */
static double nps_var(double det, double pro, double n) {
  double pd = det / n, pp = pro / n;
  double v = (pp + pd) - (pp - pd) * (pp - pd);
  return v < 0.0 ? 0.0 : v;
}

static double z_of(double conf_level, fgroi_alternative alt) {
  return fgroi__z_conf(conf_level, alt);
}

/* Clip to [lo_bound, hi_bound] (flag), apply one-sidedness, scale by 100. */
static fgroi_interval finish_interval(double est, double lo, double hi, double lo_bound,
                                      double hi_bound, double conf, fgroi_method m,
                                      fgroi_alternative alt, unsigned flags) {
  /* clipped into the parameter space from either side: a one-sided level
   * below 1/2 puts a computed limit past the estimate, possibly past the
   * far bound (nps_ci(0, 0, 10, adjusted_wald, 0.05, greater)) */
  if (lo < lo_bound || hi > hi_bound || lo > hi_bound || hi < lo_bound)
    flags |= FGROI_FLAG_TRUNCATED;
  if (lo < lo_bound) lo = lo_bound;
  if (lo > hi_bound) lo = hi_bound;
  if (hi > hi_bound) hi = hi_bound;
  if (hi < lo_bound) hi = lo_bound;
  if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE;
  if (alt == FGROI_LESS) { lo = lo_bound; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alt == FGROI_GREATER) { hi = hi_bound; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  return fgroi__interval(NPS_SCALE * est, NPS_SCALE * lo, NPS_SCALE * hi, conf, m, alt, flags);
}

static fgroi_status check_ci_args(double conf_level, fgroi_alternative alt) {
  FGROI__TRY(fgroi__check_conf(conf_level));
  return fgroi__check_alternative(alt);
}

/* ---- score machinery: mean of a multinomial on integer support ----------- *
 * Counts c[0..K) on support values v[k] = vmin + k. Maximise sum c_k log p_k
 * subject to sum p_k = 1 and sum p_k v_k = theta. The KKT solution is
 * p_k = c_k / (n + lambda (v_k - theta)) on observed cells; an unobserved
 * extreme cell takes the remaining mass when lambda reaches the edge of the
 * feasible range (this is how Tango's restricted MLE puts mass on an empty
 * discordant cell). Used for the paired change (support -2..2) and the
 * difference of two independent NPS (support -1..1 each). */

#define MM_MAXK 5

typedef struct {
  int K;
  double vmin;
  double c[MM_MAXK];
  double n;
  double mean; /* observed mean */
} mm_sample;

static void mm_init(mm_sample *s, int K, double vmin, const double *c) {
  s->K = K;
  s->vmin = vmin;
  s->n = 0.0;
  double sv = 0.0;
  for (int k = 0; k < K; k++) {
    s->c[k] = c[k];
    s->n += c[k];
    sv += c[k] * (vmin + k);
  }
  s->mean = sv / s->n;
}

typedef struct { const mm_sample *s; double theta; } mm_lambda_eq;

static double mm_lambda_fn(double lambda, void *ctx) {
  const mm_lambda_eq *e = ctx;
  const mm_sample *s = e->s;
  double f = 0.0;
  for (int k = 0; k < s->K; k++) {
    if (s->c[k] == 0.0) continue;
    double dv = s->vmin + k - e->theta;
    double den = s->n + lambda * dv;
    if (den <= 0.0) return dv > 0.0 ? DBL_MAX : -DBL_MAX;
    f += s->c[k] * dv / den;
  }
  return f;
}

/* Restricted MLE at mean theta; returns the Lagrange multiplier (the slope
 * of the profile log-likelihood) and, if var is non-NULL, the variance
 * sum p_k (v_k - theta)^2 at the restricted MLE. */
static fgroi_status mm_restricted(const mm_sample *s, double theta, double *lambda_out,
                                  double *var) {
  const double vmax = s->vmin + s->K - 1;
  if (theta <= s->vmin || theta >= vmax) {
    *lambda_out = theta <= s->vmin ? DBL_MAX : -DBL_MAX;
    if (var) *var = 0.0;
    return FGROI_OK;
  }
  const double lam_hi = s->n / (theta - s->vmin), lam_lo = -s->n / (vmax - theta);
  mm_lambda_eq e = { s, theta };
  double lambda;
  int edge = 0;
  if (s->c[0] == 0.0 && mm_lambda_fn(lam_hi, &e) >= 0.0) {
    lambda = lam_hi;
    edge = -1;
  } else if (s->c[s->K - 1] == 0.0 && mm_lambda_fn(lam_lo, &e) <= 0.0) {
    lambda = lam_lo;
    edge = 1;
  } else {
    FGROI__TRY(fgroi__root_brent(mm_lambda_fn, &e, lam_lo, lam_hi, 0.0, 4.0 * DBL_EPSILON,
                                 &lambda));
  }
  if (var) {
    double v = 0.0, mass = 0.0;
    for (int k = 0; k < s->K; k++) {
      if (s->c[k] == 0.0) continue;
      double dv = s->vmin + k - theta;
      double p = s->c[k] / (s->n + lambda * dv);
      mass += p;
      v += p * dv * dv;
    }
    if (edge != 0) {
      double rest = 1.0 - mass;
      double dv = (edge < 0 ? s->vmin : vmax) - theta;
      if (rest > 0.0) v += rest * dv * dv;
    }
    *var = v;
  }
  *lambda_out = lambda;
  return FGROI_OK;
}

/* Score statistic of one sample at mean theta, clipped to +-1e8. */
static fgroi_status mm_score_z(const mm_sample *s, double theta, double *z) {
  double lambda, var;
  FGROI__TRY(mm_restricted(s, theta, &lambda, &var));
  double num = s->mean - theta;
  if (num == 0.0) { *z = 0.0; return FGROI_OK; }
  double zz = var > 0.0 ? num * sqrt(s->n / var) : (num > 0.0 ? 1e8 : -1e8);
  *z = fmax(-1e8, fmin(1e8, zz));
  return FGROI_OK;
}

/* Two independent samples with the same support: restricted MLE under
 * mean2 - mean1 = delta maximises l1(t) + l2(t + delta); its stationarity
 * condition is lambda1(t) + lambda2(t + delta) = 0 (decreasing in t). */
typedef struct { const mm_sample *a, *b; double delta; fgroi_status st; } mm2_eq;

static double mm2_fn(double t, void *ctx) {
  mm2_eq *e = ctx;
  double l1, l2;
  fgroi_status s1 = mm_restricted(e->a, t, &l1, NULL);
  fgroi_status s2 = mm_restricted(e->b, t + e->delta, &l2, NULL);
  if (s1 != FGROI_OK || s2 != FGROI_OK) { e->st = FGROI_E_NO_CONVERGENCE; return NAN; }
  if (l1 == DBL_MAX || l2 == DBL_MAX) return DBL_MAX;
  if (l1 == -DBL_MAX || l2 == -DBL_MAX) return -DBL_MAX;
  return l1 + l2;
}

static fgroi_status mm2_score_z(const mm_sample *a, const mm_sample *b, double delta, double *z) {
  const double vmin = a->vmin, vmax = a->vmin + a->K - 1;
  const double d_hat = b->mean - a->mean;
  const double num = d_hat - delta;
  if (num == 0.0) { *z = 0.0; return FGROI_OK; }
  double t_lo = fmax(vmin, vmin - delta), t_hi = fmin(vmax, vmax - delta), t;
  if (!(t_hi > t_lo)) {
    t = t_lo;
  } else {
    mm2_eq e = { a, b, delta, FGROI_OK };
    fgroi_status st = fgroi__root_brent(mm2_fn, &e, t_lo, t_hi, 1e-15, 4.0 * DBL_EPSILON, &t);
    if (e.st != FGROI_OK) return e.st;
    FGROI__TRY(st);
  }
  double l1, l2, v1, v2;
  FGROI__TRY(mm_restricted(a, t, &l1, &v1));
  FGROI__TRY(mm_restricted(b, t + delta, &l2, &v2));
  double var = v1 / a->n + v2 / b->n;
  double zz = var > 0.0 ? num / sqrt(var) : (num > 0.0 ? 1e8 : -1e8);
  *z = fmax(-1e8, fmin(1e8, zz));
  return FGROI_OK;
}

/* Invert a score statistic z(theta), decreasing in theta, on [lo_b, hi_b]:
 * lower limit solves z = zc, upper z = -zc; closed forms at the edges. */
typedef struct {
  const mm_sample *a, *b; /* b NULL: one sample */
  double target;
  fgroi_status st;
} mm_inv_eq;

static double mm_inv_fn(double theta, void *ctx) {
  mm_inv_eq *e = ctx;
  double z;
  fgroi_status st = e->b ? mm2_score_z(e->a, e->b, theta, &z) : mm_score_z(e->a, theta, &z);
  if (st != FGROI_OK) { e->st = st; return NAN; }
  return z - e->target;
}

static fgroi_status mm_invert(const mm_sample *a, const mm_sample *b, double est, double lo_b,
                              double hi_b, double zc, int want_lower, int want_upper,
                              double *lo, double *hi, unsigned *flags) {
  *lo = lo_b;
  *hi = hi_b;
  int at_end;
  if (want_lower) {
    if (est <= lo_b) { *lo = lo_b; *flags |= FGROI_FLAG_CLOSED_FORM; }
    else {
      mm_inv_eq e = { a, b, zc, FGROI_OK };
      fgroi_status st = fgroi__root_monotone(mm_inv_fn, &e, lo_b, est, 1e-14, 1e-13, lo, &at_end);
      if (e.st != FGROI_OK) return e.st;
      FGROI__TRY(st);
    }
  }
  if (want_upper) {
    if (est >= hi_b) { *hi = hi_b; *flags |= FGROI_FLAG_CLOSED_FORM; }
    else {
      mm_inv_eq e = { a, b, -zc, FGROI_OK };
      fgroi_status st = fgroi__root_monotone(mm_inv_fn, &e, est, hi_b, 1e-14, 1e-13, hi, &at_end);
      if (e.st != FGROI_OK) return e.st;
      FGROI__TRY(st);
    }
  }
  return FGROI_OK;
}

/* ---- one NPS ------------------------------------------------------------ */

FGROI_API fgroi_status fgroi_nps_summarize(int64_t detractors, int64_t passives,
                                           int64_t promoters, fgroi_nps_summary *out) {
  FGROI__TRY(FGROI__CHECK_OUT(out, fgroi_nps_summary, p_promoter));
  int64_t n;
  FGROI__TRY(check_counts(detractors, passives, promoters, &n));
  const double nd = (double)n;
  fgroi_nps_summary r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.detractors = detractors;
  r.passives = passives;
  r.promoters = promoters;
  r.n = n;
  r.p_detractor = (double)detractors / nd;
  r.p_passive = (double)passives / nd;
  r.p_promoter = (double)promoters / nd;
  r.nps = NPS_SCALE * ((double)promoters - (double)detractors) / nd;
  r.se = NPS_SCALE * sqrt(nps_var((double)detractors, (double)promoters, nd) / nd);
  fgroi__write_out(out, &r, sizeof r);
  return FGROI_OK;
}

/* Draw a multinomial(n; p_det, p_pas, p_pro) sample's NPS (-1..1 scale). */
static double draw_nps(fgroi__rng *rng, int64_t n, double p_det, double p_det_pas) {
  int64_t det = 0, pro = 0;
  for (int64_t i = 0; i < n; i++) {
    double u = fgroi__rng_uniform(rng);
    if (u < p_det) det++;
    else if (u >= p_det_pas) pro++;
  }
  return ((double)pro - (double)det) / (double)n;
}

/* Jackknife acceleration of BCa for one multinomial NPS sample: leaving out
 * one respondent of each category, weighted by the category counts. The
 * sums sum w (mean - theta_i)^2 and ^3 are added to out[0], out[1]. */
static void jack_sums(double det, double pas, double pro, double sign, double out[2]) {
  double n = det + pas + pro;
  if (n < 2.0) return;
  double th[3] = { (pro - (det - 1.0)) / (n - 1.0), (pro - det) / (n - 1.0),
                   (pro - 1.0 - det) / (n - 1.0) };
  double w[3] = { det, pas, pro }, mean = 0.0;
  for (int k = 0; k < 3; k++) mean += w[k] * th[k] / n;
  for (int k = 0; k < 3; k++) {
    double d = sign * (mean - th[k]);
    out[0] += w[k] * d * d;
    out[1] += w[k] * d * d * d;
  }
}

/* Percentile or BCa limits from B bootstrap values (sorted in place). */
static fgroi_status boot_limits(double *boot, int64_t B, double est, double accel,
                                fgroi_method method, double conf, fgroi_alternative alt,
                                double *lo, double *hi, unsigned *flags) {
  qsort(boot, (size_t)B, sizeof *boot, fgroi__cmp_double);
  double alpha = 1.0 - conf;
  double a_lo = alt == FGROI_TWO_SIDED ? alpha / 2.0 : alpha, a_hi = 1.0 - a_lo;
  /* one-sided, conf near 0: 1 - conf rounds to 1; the quantiles below come
   * from conf itself (a_hi = conf exactly) */
  if (alt != FGROI_TWO_SIDED) a_hi = conf;
  *flags |= FGROI_FLAG_MONTE_CARLO;
  if (boot[0] == boot[B - 1]) { /* no variability: all promoters, ... */
    *lo = *hi = boot[0];
    *flags |= FGROI_FLAG_DEGENERATE;
    return FGROI_OK;
  }
  if (method == FGROI_METHOD_BOOTSTRAP_BCA) {
    int64_t below = 0, equal = 0;
    for (int64_t b = 0; b < B; b++) {
      if (boot[b] < est) below++;
      else if (boot[b] == est) equal++;
    }
    double frac = ((double)below + 0.5 * (double)equal) / (double)B;
    frac = fmin(fmax(frac, 0.5 / (double)B), 1.0 - 0.5 / (double)B);
    double z0 = fgroi__qnorm(frac, 1);
    /* zh from the upper tail: 1 - a_lo rounds to 1 at conf = 1 - 2^-53,
     * where the lower-tail quantile is +inf and the limit NaN (issue 14) */
    double zh = alt == FGROI_TWO_SIDED ? fgroi__qnorm(a_lo, 0) : fgroi__qnorm(conf, 1), zl = -zh;
    double dl = 1.0 - accel * (z0 + zl), dh = 1.0 - accel * (z0 + zh);
    a_lo = dl > 0.0 ? fgroi__pnorm(z0 + (z0 + zl) / dl, 1) : 0.0;
    a_hi = dh > 0.0 ? fgroi__pnorm(z0 + (z0 + zh) / dh, 1) : 1.0;
  }
  *lo = fgroi__quantile7(boot, (size_t)B, a_lo);
  *hi = fgroi__quantile7(boot, (size_t)B, a_hi);
  return FGROI_OK;
}


/* Bootstrap limits (-1..1 scale) for one wave (before == NULL) or for
 * after - before of two independent waves, each resampled as a multinomial
 * with its observed proportions. BCa acceleration of a two-sample statistic:
 * the two jackknives' influence sums, each scaled by its own n (Efron &
 * Tibshirani 1993, ch. 14). */
static fgroi_status nps_bootstrap(const double *before, const double after[3], double est,
                                  const fgroi_nps_options *options, fgroi_method method,
                                  double conf, fgroi_alternative alt, double *lo, double *hi,
                                  unsigned *flags) {
  uint64_t seed;
  int64_t B;
  const fgroi_control *control;
  FGROI__TRY(read_options(options, &seed, &B, &control));
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  const double *w[2] = { before, after };
  double nw[2] = { 0.0, 0.0 }, m2 = 0.0, m3 = 0.0;
  for (int k = 0; k < 2; k++)
    if (w[k]) nw[k] = w[k][0] + w[k][1] + w[k][2];
  /* the bound of the whole resampling, before any work (counts < 2^53) */
  if (nw[0] > NPS_MAX_BOOTSTRAP_N || nw[1] > NPS_MAX_BOOTSTRAP_N ||
      (nw[0] + nw[1]) * (double)B > NPS_MAX_BOOTSTRAP_DRAWS)
    return FGROI_E_TOO_LARGE;
  for (int k = 0; k < 2; k++) {
    if (!w[k]) continue;
    double js[2] = { 0.0, 0.0 };
    jack_sums(w[k][0], w[k][1], w[k][2], k == 0 ? -1.0 : 1.0, js);
    double sc = before ? nw[k] : 1.0; /* one wave: the plain jackknife */
    m2 += js[0] / (sc * sc);
    m3 += js[1] / (sc * sc * sc);
  }
  double *boot = fgroi__malloc_array((size_t)B, sizeof *boot);
  if (!boot) return FGROI_E_NO_MEMORY;
  fgroi__rng rng;
  fgroi__rng_seed(&rng, seed);
  for (int64_t i = 0; i < B; i++) {
    /* one replicate draws n uniforms (about 10 ms at the 1e6 limit) */
    fgroi_status cs = fgroi__ctl_step(&ctl, (double)i / (double)B);
    if (cs != FGROI_OK) { free(boot); return cs; }
    double t = 0.0;
    for (int k = 0; k < 2; k++)
      if (w[k]) {
        double d = draw_nps(&rng, (int64_t)nw[k], w[k][0] / nw[k], (w[k][0] + w[k][1]) / nw[k]);
        t += k == 0 ? -d : d;
      }
    boot[i] = t;
  }
  double accel = m2 > 0.0 ? m3 / (6.0 * pow(m2, 1.5)) : 0.0;
  fgroi_status st = boot_limits(boot, B, est, accel, method, conf, alt, lo, hi, flags);
  free(boot);
  if (st == FGROI_OK) fgroi__ctl_done(&ctl);
  return st;
}

/* Tango's score interval on the -1..1 scale: promoters and detractors are
 * the discordant cells b and c of the shared paired kernel (lib/score.h). */
static fgroi_status nps_score_limits(double det, double pas, double pro, double zc,
                                     int want_lower, int want_upper, double *lo, double *hi,
                                     unsigned *flags) {
  double l, u;
  FGROI__TRY(fgroi__tango_ci(pro, det, det + pas + pro, zc, &l, &u, flags));
  *lo = want_lower ? l : -1.0;
  *hi = want_upper ? u : 1.0;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_ci(int64_t detractors, int64_t passives, int64_t promoters,
                                    fgroi_method method, double conf_level,
                                    fgroi_alternative alternative,
                                    const fgroi_nps_options *options, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  int64_t n;
  FGROI__TRY(check_counts(detractors, passives, promoters, &n));
  FGROI__TRY(check_ci_args(conf_level, alternative));
  if (method == FGROI_METHOD_DEFAULT || method == FGROI_METHOD_TANGO) method = FGROI_METHOD_SCORE;
  const double det = (double)detractors, pas = (double)passives, pro = (double)promoters;
  const double nd = (double)n, est = (pro - det) / nd;
  const double zc = z_of(conf_level, alternative);
  unsigned flags = 0;
  double lo, hi;

  switch (method) {
    case FGROI_METHOD_WALD: {
      double half = zc * sqrt(nps_var(det, pro, nd) / nd);
      lo = est - half;
      hi = est + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_ADJUSTED_WALD: {
      /* Rocks (2016): 3 pseudo-respondents, 3/4 detractor, 3/2 passive, 3/4 promoter */
      double d2 = det + 0.75, p2 = pro + 0.75, n2 = nd + 3.0, c = (p2 - d2) / n2;
      double half = zc * sqrt(nps_var(d2, p2, n2) / n2);
      lo = c - half;
      hi = c + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_SCORE:
      FGROI__TRY(nps_score_limits(det, pas, pro, zc, alternative != FGROI_LESS,
                                  alternative != FGROI_GREATER, &lo, &hi, &flags));
      break;
    case FGROI_METHOD_BOOTSTRAP_PERCENTILE:
    case FGROI_METHOD_BOOTSTRAP_BCA: {
      const double w[3] = { det, pas, pro };
      FGROI__TRY(nps_bootstrap(NULL, w, est, options, method, conf_level, alternative, &lo, &hi,
                               &flags));
      break;
    }
    default:
      return FGROI_E_METHOD;
  }
  if (detractors == n || promoters == n || passives == n) flags |= FGROI_FLAG_CLOSED_FORM;
  fgroi_interval r =
      finish_interval(est, lo, hi, -1.0, 1.0, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

FGROI_API fgroi_status fgroi_nps_test(int64_t detractors, int64_t passives, int64_t promoters,
                                      double null_nps, fgroi_method method,
                                      fgroi_alternative alternative, fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  int64_t n;
  FGROI__TRY(check_counts(detractors, passives, promoters, &n));
  FGROI__TRY(fgroi__check_finite(null_nps));
  if (!(null_nps > -NPS_SCALE && null_nps < NPS_SCALE)) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT || method == FGROI_METHOD_TANGO) method = FGROI_METHOD_SCORE;
  const double det = (double)detractors, pro = (double)promoters, nd = (double)n;
  const double est = (pro - det) / nd, theta0 = null_nps / NPS_SCALE;
  unsigned flags = FGROI_FLAG_NORMAL_APPROX;
  double z;
  if (method == FGROI_METHOD_WALD) {
    double se = sqrt(nps_var(det, pro, nd) / nd);
    if (se == 0.0) return FGROI_E_ZERO_VARIANCE;
    z = (est - theta0) / se;
  } else if (method == FGROI_METHOD_SCORE) {
    z = fgroi__tango_z(pro, det, nd, theta0);
    if (isnan(z)) return FGROI_E_INTERNAL;
  } else {
    return FGROI_E_METHOD;
  }
  fgroi_test r = fgroi__test(z, NAN, fgroi__p_normal(z, alternative), null_nps, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- two independent waves ---------------------------------------------- */

/* MOVER (Zou & Donner 2008; Newcombe 1998 square-and-add) for after - before. */
static fgroi_status mover_limits(const double b[3], const double a[3], double zc, double *lo,
                                 double *hi) {
  unsigned f = 0;
  double l1, u1, l2, u2;
  double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  double e1 = (b[2] - b[0]) / n1, e2 = (a[2] - a[0]) / n2;
  FGROI__TRY(nps_score_limits(b[0], b[1], b[2], zc, 1, 1, &l1, &u1, &f));
  FGROI__TRY(nps_score_limits(a[0], a[1], a[2], zc, 1, 1, &l2, &u2, &f));
  double d = e2 - e1;
  *lo = d - sqrt((e2 - l2) * (e2 - l2) + (u1 - e1) * (u1 - e1));
  *hi = d + sqrt((u2 - e2) * (u2 - e2) + (e1 - l1) * (e1 - l1));
  return FGROI_OK;
}

static fgroi_status check_two(int64_t d1, int64_t p1, int64_t r1, int64_t d2, int64_t p2,
                              int64_t r2, double b[3], double a[3]) {
  int64_t n1, n2;
  FGROI__TRY(check_counts(d1, p1, r1, &n1));
  FGROI__TRY(check_counts(d2, p2, r2, &n2));
  b[0] = (double)d1; b[1] = (double)p1; b[2] = (double)r1;
  a[0] = (double)d2; a[1] = (double)p2; a[2] = (double)r2;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_diff_ci(int64_t det_before, int64_t pas_before,
                                         int64_t pro_before, int64_t det_after,
                                         int64_t pas_after, int64_t pro_after,
                                         fgroi_method method, double conf_level,
                                         fgroi_alternative alternative,
                                         const fgroi_nps_options *options, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  double b[3], a[3];
  FGROI__TRY(check_two(det_before, pas_before, pro_before, det_after, pas_after, pro_after, b, a));
  FGROI__TRY(check_ci_args(conf_level, alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_NEWCOMBE;
  const double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  const double e1 = (b[2] - b[0]) / n1, e2 = (a[2] - a[0]) / n2, est = e2 - e1;
  const double zc = z_of(conf_level, alternative);
  unsigned flags = 0;
  double lo, hi;
  switch (method) {
    case FGROI_METHOD_WALD: {
      double half = zc * sqrt(nps_var(b[0], b[2], n1) / n1 + nps_var(a[0], a[2], n2) / n2);
      lo = est - half;
      hi = est + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_NEWCOMBE:
      FGROI__TRY(mover_limits(b, a, zc, &lo, &hi));
      break;
    case FGROI_METHOD_SCORE: {
      mm_sample sb, sa;
      mm_init(&sb, 3, -1.0, b);
      mm_init(&sa, 3, -1.0, a);
      FGROI__TRY(mm_invert(&sb, &sa, est, -2.0, 2.0, zc, alternative != FGROI_LESS,
                           alternative != FGROI_GREATER, &lo, &hi, &flags));
      break;
    }
    case FGROI_METHOD_BOOTSTRAP_PERCENTILE:
    case FGROI_METHOD_BOOTSTRAP_BCA:
      FGROI__TRY(nps_bootstrap(b, a, est, options, method, conf_level, alternative, &lo, &hi,
                               &flags));
      break;
    default:
      return FGROI_E_METHOD;
  }
  fgroi_interval r =
      finish_interval(est, lo, hi, -2.0, 2.0, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

/* Exact permutation test: enumerate the smaller wave's category counts given
 * the pooled counts (multivariate hypergeometric). sign = +1 when the
 * enumerated wave is "after". */
static fgroi_status permutation_p(const double b[3], const double a[3], fgroi_alternative alt,
                                  double *p_out, double *stat_out) {
  double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  const double *e = a; /* enumerated wave */
  double ne = n2, no = n1, sign = 1.0;
  if (n1 < n2) { e = b; ne = n1; no = n2; sign = -1.0; }
  if (ne > NPS_MAX_PERMUTATION_N) return FGROI_E_TOO_LARGE;
  const double D = b[0] + a[0], P = b[1] + a[1], R = b[2] + a[2], N = n1 + n2;
  /* statistic: after - before = sign * (nps(enumerated) - nps(other)) */
  const double obs = (a[2] - a[0]) / n2 - (b[2] - b[0]) / n1;
  const int64_t ine = (int64_t)ne;
  double *lcD = fgroi__malloc_array(3 * (size_t)(ine + 1), sizeof *lcD);
  if (!lcD) return FGROI_E_NO_MEMORY;
  double *lcP = lcD + ine + 1, *lcR = lcP + ine + 1;
  for (int64_t k = 0; k <= ine; k++) {
    double kd = (double)k;
    lcD[k] = kd <= D ? fgroi__lchoose(D, kd) : -INFINITY;
    lcP[k] = kd <= P ? fgroi__lchoose(P, kd) : -INFINITY;
    lcR[k] = kd <= R ? fgroi__lchoose(R, kd) : -INFINITY;
  }
  const double lden = fgroi__lchoose(N, ne);
  const double tol = 1e-7 * fmax(1.0, fabs(obs));
  double p = 0.0;
  (void)e;
  for (int64_t d = 0; d <= ine && (double)d <= D; d++) {
    for (int64_t r = 0; d + r <= ine && (double)r <= R; r++) {
      int64_t pp = ine - d - r;
      if ((double)pp > P) continue;
      double nps_e = ((double)r - (double)d) / ne;
      double nps_o = ((R - (double)r) - (D - (double)d)) / no;
      double stat = sign * (nps_e - nps_o);
      int extreme;
      if (alt == FGROI_GREATER) extreme = stat >= obs - tol;
      else if (alt == FGROI_LESS) extreme = stat <= obs + tol;
      else extreme = fabs(stat) >= fabs(obs) - tol;
      if (extreme) p += exp(lcD[d] + lcP[pp] + lcR[r] - lden);
    }
  }
  free(lcD);
  *p_out = fgroi__clamp01(p);
  *stat_out = obs;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_diff_test(int64_t det_before, int64_t pas_before,
                                           int64_t pro_before, int64_t det_after,
                                           int64_t pas_after, int64_t pro_after,
                                           fgroi_method method, fgroi_alternative alternative,
                                           fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  double b[3], a[3];
  FGROI__TRY(check_two(det_before, pas_before, pro_before, det_after, pas_after, pro_after, b, a));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_SCORE;
  const double n1 = b[0] + b[1] + b[2], n2 = a[0] + a[1] + a[2];
  const double est = (a[2] - a[0]) / n2 - (b[2] - b[0]) / n1;
  unsigned flags = 0;
  double stat, p;
  if (method == FGROI_METHOD_WALD || method == FGROI_METHOD_SCORE) {
    flags |= FGROI_FLAG_NORMAL_APPROX;
    if (method == FGROI_METHOD_WALD) {
      double se = sqrt(nps_var(b[0], b[2], n1) / n1 + nps_var(a[0], a[2], n2) / n2);
      if (se == 0.0) {
        /* both waves constant: no sampling variation at all */
        flags |= FGROI_FLAG_DEGENERATE;
        stat = est == 0.0 ? 0.0 : (est > 0.0 ? INFINITY : -INFINITY);
      } else {
        stat = est / se;
      }
    } else {
      mm_sample sb, sa;
      mm_init(&sb, 3, -1.0, b);
      mm_init(&sa, 3, -1.0, a);
      FGROI__TRY(mm2_score_z(&sb, &sa, 0.0, &stat));
      if (fabs(stat) >= 1e8) {
        flags |= FGROI_FLAG_DEGENERATE;
        stat = stat > 0.0 ? INFINITY : -INFINITY;
      }
    }
    p = fgroi__p_normal(stat, alternative);
  } else if (method == FGROI_METHOD_PERMUTATION) {
    flags |= FGROI_FLAG_EXACT;
    FGROI__TRY(permutation_p(b, a, alternative, &p, &stat));
    stat *= NPS_SCALE;
  } else {
    return FGROI_E_METHOD;
  }
  if (p < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  fgroi_test r = fgroi__test(stat, NAN, p, 0.0, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- paired change ------------------------------------------------------- */

static int category_of(int32_t v) { return v <= 6 ? 0 : (v <= 8 ? 1 : 2); }

FGROI_API fgroi_status fgroi_nps_paired_table_i32(const int32_t *before, const int32_t *after,
                                                  size_t n, int32_t missing_code,
                                                  int64_t table[9], int64_t *missing_pairs,
                                                  size_t *bad_index) {
  if (table == NULL || (n > 0 && (before == NULL || after == NULL))) return FGROI_E_NULL;
  /* one missing-code rule (docs/api-conventions.md): a code that is a valid
   * score would make answers and non-answers indistinguishable */
  if (missing_code >= 0 && missing_code <= 10) return FGROI_E_OUT_OF_RANGE;
  int64_t t[9] = {0}, miss = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t x = before[i], y = after[i];
    int okx = x >= 0 && x <= 10, oky = y >= 0 && y <= 10;
    if ((!okx && x != missing_code) || (!oky && y != missing_code)) {
      if (bad_index) *bad_index = i;
      return FGROI_E_SCORE_RANGE;
    }
    if (!okx || !oky) { miss++; continue; }
    t[3 * category_of(x) + category_of(y)]++;
  }
  memcpy(table, t, sizeof t);
  if (missing_pairs) *missing_pairs = miss;
  return FGROI_OK;
}

/* Validate a 3x3 table; changes[k] counts per-person change k - 2. */
static fgroi_status table_changes(const int64_t table[9], double changes[5], int64_t *n_out) {
  if (table == NULL) return FGROI_E_NULL;
  int64_t n = 0;
  for (int k = 0; k < 5; k++) changes[k] = 0.0;
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 3; j++) {
      int64_t c = table[3 * i + j];
      if (c < 0) return FGROI_E_NEGATIVE_COUNT;
      if (c > INT64_MAX - n) return FGROI_E_OVERFLOW;
      n += c;
      changes[j - i + 2] += (double)c;
    }
  }
  if (n == 0) return FGROI_E_EMPTY;
  *n_out = n;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_paired_changes(const int64_t table[9], int64_t changes[5]) {
  double c[5];
  int64_t n;
  if (changes == NULL) return FGROI_E_NULL;
  FGROI__TRY(table_changes(table, c, &n));
  for (int i = 0; i < 5; i++) changes[i] = 0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) changes[j - i + 2] += table[3 * i + j];
  return FGROI_OK;
}

/* mean and variance (divisor n) of the per-person changes */
static void change_moments(const double c[5], double n, double *mean, double *var) {
  double m = 0.0, v = 0.0;
  for (int k = 0; k < 5; k++) m += c[k] * (k - 2);
  m /= n;
  for (int k = 0; k < 5; k++) v += c[k] * (k - 2 - m) * (k - 2 - m);
  *mean = m;
  *var = v / n;
}

FGROI_API fgroi_status fgroi_nps_paired_ci(const int64_t table[9], fgroi_method method,
                                           double conf_level, fgroi_alternative alternative,
                                           fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  double c[5];
  int64_t n;
  FGROI__TRY(table_changes(table, c, &n));
  FGROI__TRY(check_ci_args(conf_level, alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_SCORE;
  const double nd = (double)n, zc = z_of(conf_level, alternative);
  double mean, var, lo, hi;
  change_moments(c, nd, &mean, &var);
  unsigned flags = 0;
  if (method == FGROI_METHOD_WALD) {
    double half = zc * sqrt(var / nd);
    lo = mean - half;
    hi = mean + half;
    flags |= FGROI_FLAG_NORMAL_APPROX;
  } else if (method == FGROI_METHOD_SCORE) {
    mm_sample s;
    mm_init(&s, 5, -2.0, c);
    FGROI__TRY(mm_invert(&s, NULL, mean, -2.0, 2.0, zc, alternative != FGROI_LESS,
                         alternative != FGROI_GREATER, &lo, &hi, &flags));
  } else {
    return FGROI_E_METHOD;
  }
  fgroi_interval r = finish_interval(mean, lo, hi, -2.0, 2.0, conf_level, method, alternative,
                                     flags);
  return fgroi__emit_interval(out, &r);
}

/* Bounds of the exact sign-flip test (issue 14): the smaller of the two
 * switcher counts is enumerated over a window of +-20 sqrt(m) around its
 * mode (beyond it the binomial mass is below 2 e^-800, under the smallest
 * double: Hoeffding), the larger enters through one binomial tail updated
 * term by term. Work is O(sqrt(min(m1, m2))) + one exact tail. */
#define NPS_SIGN_FLIP_SMALL_MAX ((int64_t)1 << 28)

static int64_t floor_div(int64_t a, int64_t b) { /* b > 0 */
  int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
static int64_t ceil_div(int64_t a, int64_t b) { return -floor_div(-a, b); }

/* P(K >= j) for K ~ Bin(m, 1/2). */
static double half_binom_ge(int64_t j, int64_t m) {
  if (j <= 0) return 1.0;
  if (j > m) return 0.0;
  return fgroi__pbinom((double)(j - 1), (double)m, 0.5, 0);
}
static double half_binom_pmf(int64_t j, int64_t m) {
  return (j < 0 || j > m) ? 0.0 : fgroi__dbinom((double)j, (double)m, 0.5, 0);
}

/* P(S >= s) for S = sum of m1 random signs of 1 and m2 random signs of 2
 * (S = A + 2B, A = 2 K1 - m1, B = 2 K2 - m2, K ~ Bin(m, 1/2)). The caller
 * checks m1, m2 <= FGROI__EXACT_BINOM_MAX and min(m1, m2) <=
 * NPS_SIGN_FLIP_SMALL_MAX. */
static double sign_flip_upper(int64_t m1, int64_t m2, int64_t s) {
  const int outer2 = m2 <= m1; /* enumerate the smaller group */
  const int64_t mo = outer2 ? m2 : m1, mb = outer2 ? m1 : m2;
  /* K_big >= j(k), non-increasing in the outer count k */
#define SF_THRESHOLD(k) (outer2 ? ceil_div(s - 2 * (2 * (k) - m2) + m1, 2) \
                                : ceil_div(s - (2 * (k) - m1) + 2 * m2, 4))
  int64_t w = (int64_t)ceil(20.0 * sqrt((double)mo)) + 1;
  int64_t klo = mo / 2 - w, khi = mo / 2 + w + 1;
  if (klo < 0) klo = 0;
  if (khi > mo) khi = mo;
  int64_t j = SF_THRESHOLD(klo);
  double tail = half_binom_ge(j, mb), tc = 0.0, p = 0.0, pc = 0.0;
  for (int64_t k = klo; k <= khi; k++) {
    int64_t jn = SF_THRESHOLD(k);
    for (int64_t i = jn; i < j; i++) { /* tail += P(K_big = i), Kahan */
      double y = half_binom_pmf(i, mb) - tc, t = tail + y;
      tc = (t - tail) - y;
      tail = t;
    }
    j = jn;
    double y = half_binom_pmf(k, mo) * (tail > 1.0 ? 1.0 : tail) - pc, t = p + y;
    pc = (t - p) - y;
    p = t;
  }
#undef SF_THRESHOLD
  return p;
}

/* Stuart-Maxwell statistic and df from a 3x3 table. */
static fgroi_status stuart_maxwell(const int64_t t[9], double *stat, double *df) {
  double m[3][3];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) m[i][j] = (double)t[3 * i + j];
  double d[3], S[3][3];
  for (int i = 0; i < 3; i++) {
    d[i] = (m[i][0] + m[i][1] + m[i][2]) - (m[0][i] + m[1][i] + m[2][i]);
    for (int j = 0; j < 3; j++) S[i][j] = i == j ? 0.0 : -(m[i][j] + m[j][i]);
  }
  for (int i = 0; i < 3; i++) S[i][i] = -(S[i][0] + S[i][1] + S[i][2]);
  /* drop one category: the best-conditioned 2x2 block */
  double best = 0.0;
  int drop = -1;
  for (int k = 0; k < 3; k++) {
    int i = (k + 1) % 3, j = (k + 2) % 3;
    double det = S[i][i] * S[j][j] - S[i][j] * S[i][j];
    if (det > best) { best = det; drop = k; }
  }
  double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  if (dd == 0.0) { *stat = 0.0; *df = 2.0; return FGROI_OK; }
  if (drop >= 0) {
    int i = (drop + 1) % 3, j = (drop + 2) % 3;
    *stat = (S[j][j] * d[i] * d[i] - 2.0 * S[i][j] * d[i] * d[j] + S[i][i] * d[j] * d[j]) / best;
    *df = 2.0;
    return FGROI_OK;
  }
  /* rank one (changes only between two categories): the Moore-Penrose
   * inverse of S = s u u' gives McNemar's statistic with 1 df */
  double tr = S[0][0] + S[1][1] + S[2][2];
  if (tr <= 0.0) return FGROI_E_NOT_ESTIMABLE;
  double q = 0.0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) q += d[i] * S[i][j] * d[j];
  *stat = q / (tr * tr); /* S = s u u' with u'u = 2, tr = 2s: S^+ = S / tr^2 */
  *df = 1.0;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_paired_test(const int64_t table[9], fgroi_method method,
                                             fgroi_alternative alternative, fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  double c[5];
  int64_t n;
  FGROI__TRY(table_changes(table, c, &n));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_SIGN_FLIP;
  const double nd = (double)n;
  double mean, var, stat, df = NAN, p;
  change_moments(c, nd, &mean, &var);
  unsigned flags = 0;
  switch (method) {
    case FGROI_METHOD_SIGN_FLIP: {
      int64_t ch[5];
      FGROI__TRY(fgroi_nps_paired_changes(table, ch));
      const int64_t m1 = ch[1] + ch[3], m2 = ch[0] + ch[4]; /* <= n, no overflow */
      if (m1 > FGROI__EXACT_BINOM_MAX || m2 > FGROI__EXACT_BINOM_MAX ||
          (m1 < m2 ? m1 : m2) > NPS_SIGN_FLIP_SMALL_MAX)
        return FGROI_E_TOO_LARGE;
      const int64_t s = (ch[3] - ch[1]) + 2 * (ch[4] - ch[0]);
      flags |= FGROI_FLAG_EXACT;
      if (alternative == FGROI_GREATER) p = sign_flip_upper(m1, m2, s);
      else if (alternative == FGROI_LESS) p = sign_flip_upper(m1, m2, -s);
      else p = s == 0 ? 1.0 : fmin(1.0, 2.0 * sign_flip_upper(m1, m2, s < 0 ? -s : s));
      p = fgroi__clamp01(p);
      stat = (double)s;
      break;
    }
    case FGROI_METHOD_WALD:
      flags |= FGROI_FLAG_NORMAL_APPROX;
      if (var == 0.0) {
        flags |= FGROI_FLAG_DEGENERATE;
        stat = mean == 0.0 ? 0.0 : (mean > 0.0 ? INFINITY : -INFINITY);
      } else {
        stat = mean / sqrt(var / nd);
      }
      p = fgroi__p_normal(stat, alternative);
      break;
    case FGROI_METHOD_SCORE: {
      mm_sample s;
      mm_init(&s, 5, -2.0, c);
      FGROI__TRY(mm_score_z(&s, 0.0, &stat));
      flags |= FGROI_FLAG_NORMAL_APPROX;
      if (fabs(stat) >= 1e8) {
        flags |= FGROI_FLAG_DEGENERATE;
        stat = stat > 0.0 ? INFINITY : -INFINITY;
      }
      p = fgroi__p_normal(stat, alternative);
      break;
    }
    case FGROI_METHOD_STUART_MAXWELL:
      if (alternative != FGROI_TWO_SIDED) return FGROI_E_ALTERNATIVE;
      FGROI__TRY(stuart_maxwell(table, &stat, &df));
      p = stat == 0.0 ? 1.0 : fgroi__pchisq(stat, df, 0);
      break;
    default:
      return FGROI_E_METHOD;
  }
  if (p < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  fgroi_test r = fgroi__test(stat, df, fgroi__clamp01(p), 0.0, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- segments ------------------------------------------------------------ */

/* A segment's progress mapped into its share of fgroi_nps_segments_ci. */
typedef struct {
  const fgroi_control *outer;
  size_t i, k;
} segment_ctl;

static int segment_progress(void *user, double f) {
  const segment_ctl *sc = user;
  double g = ((double)sc->i + f) / (double)sc->k;
  if (f >= 1.0 && sc->i + 1 < sc->k) g = fmin(g, 0.999); /* 1.0 only at the very end */
  return sc->outer->progress(sc->outer->user_data, g);
}

FGROI_API fgroi_status fgroi_nps_segments_ci(const int64_t *counts, size_t k,
                                             fgroi_method method, double conf_level,
                                             fgroi_alternative alternative,
                                             const fgroi_nps_options *options,
                                             fgroi_interval *out) {
  if (counts == NULL || out == NULL) return FGROI_E_NULL;
  if (k == 0) return FGROI_E_EMPTY;
  double total = 0.0; /* respondents over the segments */
  for (size_t i = 0; i < k; i++) {
    FGROI__TRY(FGROI__CHECK_INTERVAL(&out[i]));
    int64_t n;
    FGROI__TRY(check_counts(counts[3 * i], counts[3 * i + 1], counts[3 * i + 2], &n));
    total += (double)n;
  }
  if (method == FGROI_METHOD_BOOTSTRAP_PERCENTILE || method == FGROI_METHOD_BOOTSTRAP_BCA) {
    /* the bootstrap bound holds for the whole call, not per segment */
    uint64_t seed;
    int64_t B;
    const fgroi_control *unused;
    FGROI__TRY(read_options(options, &seed, &B, &unused));
    if (total * (double)B > NPS_MAX_BOOTSTRAP_DRAWS) return FGROI_E_TOO_LARGE;
  }
  fgroi_interval tmp = FGROI_INIT(fgroi_interval);
  /* the caller's control sees one call: segment i reports in [i/k, (i+1)/k) */
  fgroi_nps_options seg;
  segment_ctl sc = { NULL, 0, k };
  fgroi_control sub = FGROI_INIT(fgroi_control);
  const fgroi_nps_options *opt = options;
  if (options != NULL && options->struct_size >= FGROI__V1_SIZE(fgroi_nps_options, control) &&
      options->control != NULL) {
    FGROI__TRY(FGROI__CHECK_OUT(options->control, fgroi_control, user_data));
    seg = *options;
    sc.outer = options->control;
    sub.progress = sc.outer->progress != NULL ? segment_progress : NULL;
    sub.user_data = &sc;
    seg.control = &sub;
    opt = &seg;
  }
  /* compute all first so that an error leaves every output untouched */
  fgroi_interval *all = fgroi__malloc_array(k, sizeof *all);
  if (!all) return FGROI_E_NO_MEMORY;
  for (size_t i = 0; i < k; i++) {
    sc.i = i;
    fgroi_status st = fgroi_nps_ci(counts[3 * i], counts[3 * i + 1], counts[3 * i + 2], method,
                                   conf_level, alternative, opt, &tmp);
    if (st != FGROI_OK) { free(all); return st; }
    all[i] = tmp;
  }
  /* each element was audited by fgroi_nps_ci */
  for (size_t i = 0; i < k; i++) fgroi__write_out(&out[i], &all[i], sizeof all[i]);
  free(all);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_segments_compare(const int64_t *counts, size_t k,
                                                  fgroi_method test_method, fgroi_method adjust,
                                                  fgroi_test *vs_rest, double *vs_rest_p_adj,
                                                  fgroi_test *pairwise, double *pairwise_p_adj,
                                                  size_t pair_capacity, size_t *pairs_needed) {
  if (counts == NULL) return FGROI_E_NULL;
  if (k == 0) return FGROI_E_EMPTY;
  if (k < 2) return FGROI_E_TOO_FEW;
  if (adjust == FGROI_METHOD_DEFAULT) adjust = FGROI_METHOD_HOLM;
  { /* validate the adjustment method before any work (multiplicity.h) */
    double p1 = 0.5, a1;
    FGROI__TRY(fgroi_multiplicity_adjust(&p1, 1, adjust, &a1));
  }
  if ((vs_rest == NULL) != (vs_rest_p_adj == NULL)) return FGROI_E_NULL;
  if ((pairwise == NULL) != (pairwise_p_adj == NULL)) return FGROI_E_NULL;
  if (k > 1000000) return FGROI_E_TOO_LARGE;
  const size_t npairs = k * (k - 1) / 2;
  int64_t tot[3] = {0, 0, 0};
  for (size_t i = 0; i < k; i++) {
    int64_t n;
    FGROI__TRY(check_counts(counts[3 * i], counts[3 * i + 1], counts[3 * i + 2], &n));
    for (int c = 0; c < 3; c++) {
      if (counts[3 * i + c] > INT64_MAX - tot[c]) return FGROI_E_OVERFLOW;
      tot[c] += counts[3 * i + c];
    }
  }
  /* every comparison's waves (a segment, the rest) are within the total */
  if (fgroi__sum_exceeds(tot[0], tot[1], FGROI__EXACT_COUNT_MAX) ||
      fgroi__sum_exceeds(tot[0] + tot[1], tot[2], FGROI__EXACT_COUNT_MAX))
    return FGROI_E_TOO_LARGE;
  /* the size is reported with FGROI_E_CAPACITY or FGROI_OK only: no other
   * error writes an output (issue 14) */
  if (pairwise && pair_capacity < npairs) {
    if (pairs_needed) *pairs_needed = npairs;
    return FGROI_E_CAPACITY;
  }
  if (vs_rest)
    for (size_t i = 0; i < k; i++) FGROI__TRY(FGROI__CHECK_TEST(&vs_rest[i]));
  if (pairwise)
    for (size_t i = 0; i < npairs; i++) FGROI__TRY(FGROI__CHECK_TEST(&pairwise[i]));

  size_t nr = vs_rest ? k : 0, np = pairwise ? npairs : 0;
  fgroi_test *res = fgroi__malloc_array(nr + np + 1, sizeof *res);
  double *pv = fgroi__malloc_array(nr + np + 1, 2 * sizeof *pv);
  fgroi_status st = FGROI_OK;
  if (!res || !pv) { st = FGROI_E_NO_MEMORY; goto done; }
  const int64_t *c = counts;
  for (size_t i = 0; i < nr && st == FGROI_OK; i++) {
    res[i] = FGROI_INIT(fgroi_test);
    st = fgroi_nps_diff_test(tot[0] - c[3 * i], tot[1] - c[3 * i + 1], tot[2] - c[3 * i + 2],
                             c[3 * i], c[3 * i + 1], c[3 * i + 2], test_method, FGROI_TWO_SIDED,
                             &res[i]);
    pv[i] = res[i].p_value;
  }
  size_t q = nr;
  for (size_t i = 0; i < k && np && st == FGROI_OK; i++) {
    for (size_t j = i + 1; j < k && st == FGROI_OK; j++, q++) {
      res[q] = FGROI_INIT(fgroi_test);
      st = fgroi_nps_diff_test(c[3 * i], c[3 * i + 1], c[3 * i + 2], c[3 * j], c[3 * j + 1],
                               c[3 * j + 2], test_method, FGROI_TWO_SIDED, &res[q]);
      pv[q] = res[q].p_value;
    }
  }
  if (st == FGROI_OK && nr) st = fgroi_multiplicity_adjust(pv, nr, adjust, pv + nr + np);
  if (st == FGROI_OK && np) st = fgroi_multiplicity_adjust(pv + nr, np, adjust, pv + nr + np + nr);
  if (st == FGROI_OK) {
    for (size_t i = 0; i < nr; i++) {
      fgroi__write_out(&vs_rest[i], &res[i], sizeof res[i]);
      vs_rest_p_adj[i] = pv[nr + np + i];
    }
    for (size_t i = 0; i < np; i++) {
      fgroi__write_out(&pairwise[i], &res[nr + i], sizeof res[nr + i]);
      pairwise_p_adj[i] = pv[nr + np + nr + i];
    }
    if (pairs_needed) *pairs_needed = npairs;
  }
done:
  free(res);
  free(pv);
  return st;
}

/* ---- planning ------------------------------------------------------------ */

static fgroi_status check_mix(double p_det, double p_pro) {
  if (isnan(p_det) || isnan(p_pro)) return FGROI_E_NAN;
  if (!(p_det >= 0.0 && p_pro >= 0.0 && p_det + p_pro <= 1.0 + 1e-12)) return FGROI_E_PROBABILITY;
  return FGROI_OK;
}

static double mix_var(double p_det, double p_pro) {
  double v = p_pro + p_det - (p_pro - p_det) * (p_pro - p_det);
  return v < 0.0 ? 0.0 : v;
}

FGROI_API fgroi_status fgroi_nps_n_for_margin(double p_detractor, double p_promoter,
                                              double margin, double conf_level, int64_t *n) {
  if (n == NULL) return FGROI_E_NULL;
  FGROI__TRY(check_mix(p_detractor, p_promoter));
  if (isnan(margin)) return FGROI_E_NAN;
  if (!(margin > 0.0 && margin <= 2.0 * NPS_SCALE)) return FGROI_E_OUT_OF_RANGE;
  FGROI__TRY(fgroi__check_conf(conf_level));
  double v = mix_var(p_detractor, p_promoter);
  if (v == 0.0) return FGROI_E_ZERO_VARIANCE;
  double z = z_of(conf_level, FGROI_TWO_SIDED), m = margin / NPS_SCALE;
  double need = ceil(z * z * v / (m * m) - 1e-9);
  if (!(need < 9.0e15)) return FGROI_E_TOO_LARGE;
  *n = need < 1.0 ? 1 : (int64_t)need;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_power(double p_det_before, double p_pro_before,
                                       double p_det_after, double p_pro_after,
                                       int64_t n_before, int64_t n_after, double alpha,
                                       fgroi_alternative alternative, double *power) {
  if (power == NULL) return FGROI_E_NULL;
  FGROI__TRY(check_mix(p_det_before, p_pro_before));
  FGROI__TRY(check_mix(p_det_after, p_pro_after));
  if (n_before < 0 || n_after < 0) return FGROI_E_NEGATIVE_COUNT;
  if (n_before == 0 || n_after == 0) return FGROI_E_EMPTY;
  FGROI__TRY(fgroi__check_prob_open(alpha));
  FGROI__TRY(fgroi__check_alternative(alternative));
  double se = sqrt(mix_var(p_det_before, p_pro_before) / (double)n_before +
                   mix_var(p_det_after, p_pro_after) / (double)n_after);
  if (se == 0.0) return FGROI_E_ZERO_VARIANCE;
  double delta = (p_pro_after - p_det_after) - (p_pro_before - p_det_before), e = delta / se;
  double pw;
  if (alternative == FGROI_TWO_SIDED) {
    double z = fgroi__qnorm(alpha / 2.0, 0);
    pw = fgroi__pnorm(e - z, 1) + fgroi__pnorm(-e - z, 1);
  } else {
    double z = fgroi__qnorm(alpha, 0);
    pw = alternative == FGROI_GREATER ? fgroi__pnorm(e - z, 1) : fgroi__pnorm(-e - z, 1);
  }
  *power = fgroi__clamp01(pw);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_n_per_wave(double p_det_before, double p_pro_before,
                                            double p_det_after, double p_pro_after,
                                            double alpha, double power,
                                            fgroi_alternative alternative, int64_t *n) {
  if (n == NULL) return FGROI_E_NULL;
  FGROI__TRY(check_mix(p_det_before, p_pro_before));
  FGROI__TRY(check_mix(p_det_after, p_pro_after));
  FGROI__TRY(fgroi__check_prob_open(alpha));
  FGROI__TRY(fgroi__check_prob_open(power));
  FGROI__TRY(fgroi__check_alternative(alternative));
  double v = mix_var(p_det_before, p_pro_before) + mix_var(p_det_after, p_pro_after);
  if (v == 0.0) return FGROI_E_ZERO_VARIANCE;
  double delta = (p_pro_after - p_det_after) - (p_pro_before - p_det_before);
  if (delta == 0.0) return FGROI_E_OUT_OF_RANGE;
  double za = fgroi__qnorm(alternative == FGROI_TWO_SIDED ? alpha / 2.0 : alpha, 0);
  double zb = fgroi__qnorm(1.0 - power, 0);
  double need = ceil((za + zb) * (za + zb) * v / (delta * delta) - 1e-9);
  if (!(need < 9.0e15)) return FGROI_E_TOO_LARGE;
  *n = need < 1.0 ? 1 : (int64_t)need;
  return FGROI_OK;
}

/* ---- CSAT top-2-box ------------------------------------------------------- */

FGROI_API fgroi_status fgroi_nps_csat_top2_count(const int32_t *ratings, size_t n,
                                                 int32_t scale_min, int32_t scale_max,
                                                 int32_t missing_code, int64_t *top2,
                                                 int64_t *valid, size_t *bad_index) {
  if (top2 == NULL || valid == NULL || (n > 0 && ratings == NULL)) return FGROI_E_NULL;
  if (scale_max < scale_min || (int64_t)scale_max - (int64_t)scale_min < 2)
    return FGROI_E_OUT_OF_RANGE;
  if (missing_code >= scale_min && missing_code <= scale_max) return FGROI_E_OUT_OF_RANGE;
  int64_t top = 0, ok = 0;
  for (size_t i = 0; i < n; i++) {
    int32_t v = ratings[i];
    if (v >= scale_min && v <= scale_max) {
      ok++;
      top += v >= scale_max - 1;
    } else if (v != missing_code) {
      if (bad_index) *bad_index = i;
      return FGROI_E_SCORE_RANGE;
    }
  }
  *top2 = top;
  *valid = ok;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_nps_csat_top2_ci(const int32_t *ratings, size_t n,
                                              int32_t scale_min, int32_t scale_max,
                                              int32_t missing_code, fgroi_method method,
                                              double conf_level, fgroi_alternative alternative,
                                              fgroi_interval *out, size_t *bad_index) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  int64_t top, valid;
  FGROI__TRY(fgroi_nps_csat_top2_count(ratings, n, scale_min, scale_max, missing_code, &top,
                                       &valid, bad_index));
  if (valid == 0) return FGROI_E_EMPTY;
  return fgroi_prop_ci(top, valid, method, conf_level, alternative, out);
}
