/* The proportion engine: one proportion (intervals, exact binomial test),
 * two independent proportions (difference, ratio, odds ratio, tests) and
 * the mergeable success tally. Formulas and citations: docs/methods/prop.md. */
#include <float.h>
#include <limits.h>

#include "checked.h"
#include "cond_or.h"
#include "control.h"
#include "internal.h"
#include "num.h"

/* fgroi_prop_ci_many's Wilson loop has an AVX2 variant, chosen at run time */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define FGROI__WILSON_AVX2 1
#endif

/* ---- tally --------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_prop_tally_init(fgroi_prop_tally *tally) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_prop_tally, trials));
  fgroi_prop_tally t = { .struct_size = sizeof t };
  fgroi__write_out(tally, &t, sizeof t);
  return FGROI_OK;
}

/* A tally read back from bytes (pickles, files) may hold anything: its
 * counts must be a valid x of n before they are added to. */
static fgroi_status check_tally(const fgroi_prop_tally *t) {
  if (t->successes < 0 || t->trials < 0) return FGROI_E_NEGATIVE_COUNT;
  if (t->successes > t->trials) return FGROI_E_COUNT_EXCEEDS_TOTAL;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_tally_add(fgroi_prop_tally *tally, const uint8_t *outcomes,
                                            size_t n) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_prop_tally, trials));
  FGROI__TRY(check_tally(tally));
  if (n > 0 && outcomes == NULL) return FGROI_E_NULL;
  int64_t ones = 0;
  for (size_t i = 0; i < n; i++) {
    if (outcomes[i] > 1) return FGROI_E_OUT_OF_RANGE;
    ones += outcomes[i];
  }
  int64_t trials;
  if ((uint64_t)n > (uint64_t)INT64_MAX || fgroi__add_i64(tally->trials, (int64_t)n, &trials))
    return FGROI_E_OVERFLOW;
  tally->successes += ones; /* ones <= n, so successes <= trials fits */
  tally->trials = trials;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_tally_merge(fgroi_prop_tally *dst, const fgroi_prop_tally *src) {
  FGROI__TRY(FGROI__CHECK_OUT(dst, fgroi_prop_tally, trials));
  FGROI__TRY(FGROI__CHECK_OUT(src, fgroi_prop_tally, trials));
  FGROI__TRY(check_tally(src));
  FGROI__TRY(check_tally(dst));
  int64_t trials;
  if (fgroi__add_i64(dst->trials, src->trials, &trials)) return FGROI_E_OVERFLOW;
  dst->successes += src->successes;
  dst->trials = trials;
  return FGROI_OK;
}

/* ---- one proportion: intervals ----------------------------------------- */

/* Mid-p limits of a binomial proportion: the upper limit solves
 * P(X < x) + P(X = x)/2 = target (decreasing in p), the lower limit
 * P(X > x) + P(X = x)/2 = target (increasing in p). The binomial tails are
 * incomplete beta functions, P(X >= k) = I_p(k, n - k + 1), so each
 * evaluation is O(1) in n (summing the tails would be O(sqrt n)). */
typedef struct { double x, n, target; int upper_side; } midp_eq;

static double midp_fn(double p, void *ctx) {
  const midp_eq *e = ctx;
  double half = 0.5 * fgroi__dbinom(e->x, e->n, p, 0), tail;
  if (e->upper_side) /* P(X <= x - 1) */
    tail = e->x > 0.0 ? fgroi__pbeta(p, e->x, e->n - e->x + 1.0, 0) : 0.0;
  else /* P(X >= x + 1) */
    tail = e->x < e->n ? fgroi__pbeta(p, e->x + 1.0, e->n - e->x, 1) : 0.0;
  return tail + half - e->target;
}

static fgroi_status midp_limit(double x, double n, double target, int upper_side, double *limit) {
  midp_eq e = { x, n, target, upper_side };
  /* mid-p tails at x = 0 or x = n never exceed 1/2: for conf_level < 1/2
   * the limit is then the end of [0, 1] */
  int at_end;
  return fgroi__root_monotone(midp_fn, &e, 0.0, 1.0, 1e-300, 8.0 * DBL_EPSILON, limit, &at_end);
}

/* Wilson score limits at pseudo-proportion p (n trials, normal quantile z). */
static void wilson_limits(double p, double n, double z, double *lo, double *hi) {
  double z2 = z * z, denom = 1.0 + z2 / n;
  double centre = (p + z2 / (2.0 * n)) / denom;
  double half = z * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
  *lo = centre - half;
  *hi = centre + half;
}

/* Wilson (1927) score limits of x successes in n trials, in the count form
 * centre = (x + z^2/2) / (n + z^2), half = z sqrt(x (n - x) / n + z^2/4) /
 * (n + z^2) (algebraically the textbook (p + z^2/2n) / (1 + z^2/n) ...;
 * three divisions and a square root, and no 1 - p cancellation near x = n).
 * The same operations in the same order in the scalar call, the scalar loop
 * and the AVX2 loop of fgroi_prop_ci_many, so all three agree bit for bit
 * (basic IEEE operations only; no contraction into FMA: the library is
 * built for baseline x86-64 and the AVX2 loop spells out every operation). */
static inline void wilson_count_limits(double x, double n, double z, double *lo, double *hi) {
  const double z2 = z * z;
  const double r = 1.0 / (n + z2);
  const double centre = (x + 0.5 * z2) * r;
  const double half = z * sqrt(x * (n - x) / n + 0.25 * z2) * r;
  *lo = centre - half;
  *hi = centre + half;
}

/* The limits' finishing touches shared by every method of fgroi_prop_ci:
 * boundary closed forms, flags, clamping, one-sided limits. */
static inline void prop_ci_finish(int64_t x, int64_t n, fgroi_method method, double z,
                                  fgroi_alternative alternative, double *lo_io, double *hi_io,
                                  unsigned *flags_io) {
  double lo = *lo_io, hi = *hi_io;
  unsigned flags = *flags_io;
  /* boundary closed forms: the interval always reaches the observed edge.
   * Not for a one-sided level below 1/2 (z < 0) of a normal-theory
   * interval: its one bound then lies beyond the estimate, also at 0 or n. */
  if (z >= 0.0 || method == FGROI_METHOD_CLOPPER_PEARSON || method == FGROI_METHOD_JEFFREYS ||
      method == FGROI_METHOD_MID_P) {
    if (x == 0 || x == n) flags |= FGROI_FLAG_CLOSED_FORM;
    if (x == 0) lo = 0.0;
    if (x == n) hi = 1.0;
  }
  if (lo < 0.0 || hi > 1.0) flags |= FGROI_FLAG_TRUNCATED;
  if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE; /* Wald at x = 0 or n */
  /* two-sided conf_level -> 0: both limits solve the same equation (the
   * mid-p median), and the two root searches can cross by an ulp or two
   * (issue 14, fuzz finding 12: [0.70957887139147879, ...813]) */
  if (lo > hi && alternative == FGROI_TWO_SIDED && hi - lo > -1e-12) lo = hi = 0.5 * (lo + hi);
  lo = fgroi__clamp01(lo);
  hi = fgroi__clamp01(hi);
  if (alternative == FGROI_LESS) { lo = 0.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alternative == FGROI_GREATER) { hi = 1.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  *lo_io = lo;
  *hi_io = hi;
  *flags_io = flags;
}

/* The body of fgroi_prop_ci once x, n, conf_level and alternative are
 * checked and the normal quantile z = fgroi__z_conf(conf_level,
 * alternative) is known: fgroi_prop_ci_many computes z once and calls this
 * per element, so element i is bit for bit the scalar call. method is not
 * FGROI_METHOD_DEFAULT here; an unknown one gives FGROI_E_METHOD. */
static fgroi_status prop_ci_core(int64_t x, int64_t n, fgroi_method method, double conf_level,
                                 fgroi_alternative alternative, double z, double *estimate,
                                 double *lower, double *upper, unsigned *flags_out) {
  const double xd = (double)x, nd = (double)n, p = xd / nd;
  const double alpha = 1.0 - conf_level;
  const double tail = fgroi__alpha_tail(alpha, alternative);
  unsigned flags = 0;
  double lo = 0.0, hi = 1.0;
  /* mid-p's tails are beta functions of x and n - x + 1: beyond 2^53 those
   * are not exact in doubles and the continued fraction near the mode
   * does not converge (issue 14, fuzz finding 38: NaN at n = 2^63 - 1) */
  if (method == FGROI_METHOD_MID_P && n > FGROI__EXACT_COUNT_MAX)
    return fgroi__too_large(NULL, "n", nd, (double)FGROI__EXACT_COUNT_MAX,
                            "mid-p (beta tails exact in doubles)",
                            "wilson");

  switch (method) {
    case FGROI_METHOD_WALD: {
      double half = z * sqrt(p * (1.0 - p) / nd);
      lo = p - half;
      hi = p + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_WILSON:
      wilson_count_limits(xd, nd, z, &lo, &hi);
      break;
    case FGROI_METHOD_WALD_CC: {
      /* Newcombe (1998a) method 2: p -+ (z sqrt(p q / n) + 1 / (2 n)) */
      double half = z * sqrt(p * (1.0 - p) / nd) + (z < 0.0 ? -0.5 : 0.5) / nd /* +-0: widen */;
      lo = p - half;
      hi = p + half;
      flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
      break;
    }
    case FGROI_METHOD_WILSON_CC: {
      /* Newcombe (1998a) method 4: Wilson limits at x -/+ 1/2 */
      double dummy;
      if (x > 0) wilson_limits(p - 0.5 / nd, nd, z, &lo, &dummy);
      if (x < n) wilson_limits(p + 0.5 / nd, nd, z, &dummy, &hi);
      flags |= FGROI_FLAG_CONTINUITY;
      break;
    }
    case FGROI_METHOD_AGRESTI_COULL: {
      double nt = nd + z * z, pt = (xd + z * z / 2.0) / nt;
      double half = z * sqrt(pt * (1.0 - pt) / nt);
      lo = pt - half;
      hi = pt + half;
      break;
    }
    case FGROI_METHOD_JEFFREYS:
      if (x > 0) lo = fgroi__qbeta(tail, xd + 0.5, nd - xd + 0.5, 1);
      if (x < n) hi = fgroi__qbeta(tail, xd + 0.5, nd - xd + 0.5, 0);
      if (isnan(lo) || isnan(hi)) return FGROI_E_NO_CONVERGENCE;
      break;
    case FGROI_METHOD_CLOPPER_PEARSON:
      /* the binomial tails as beta quantiles, as R's binom.test:
       * qbeta(a, x, n - x + 1) and qbeta(1 - a, x + 1, n - x); the beta CDF
       * costs O(1) at any n where summing binomial tails costs O(sqrt n) */
      if (x > 0) lo = fgroi__qbeta(tail, xd, nd - xd + 1.0, 1);
      if (x < n) hi = fgroi__qbeta(tail, xd + 1.0, nd - xd, 0);
      if (isnan(lo) || isnan(hi)) return FGROI_E_NO_CONVERGENCE;
      flags |= FGROI_FLAG_EXACT;
      break;
    case FGROI_METHOD_MID_P:
      if (x > 0) FGROI__TRY(midp_limit(xd, nd, tail, 0, &lo));
      if (x < n) FGROI__TRY(midp_limit(xd, nd, tail, 1, &hi));
      flags |= FGROI_FLAG_EXACT;
      break;
    default:
      return FGROI_E_METHOD;
  }
  prop_ci_finish(x, n, method, z, alternative, &lo, &hi, &flags);
  *estimate = p;
  *lower = lo;
  *upper = hi;
  *flags_out = flags;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_ci(int64_t x, int64_t n, fgroi_method method, double conf_level,
                                     fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(fgroi__check_count(x, n));
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_WILSON;
  double est, lo, hi;
  unsigned flags;
  FGROI__TRY(prop_ci_core(x, n, method, conf_level, alternative,
                          fgroi__z_conf(conf_level, alternative), &est, &lo, &hi, &flags));
  fgroi_interval r = fgroi__interval(est, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

/* ---- fgroi_prop_ci_many's Wilson loop ------------------------------------
 * Chunks of PROP_CHUNK elements: counts checked and converted to doubles,
 * the limits computed by wilson_count_limits' operations over the chunk
 * (four lanes at a time with AVX2 where the CPU has it, else the scalar
 * function), then finished per element by prop_ci_finish. */
enum { PROP_CHUNK = 256 };

static void wilson_chunk_scalar(const double *x, const double *n, size_t len, double z,
                                double *est, double *lo, double *hi) {
  for (size_t i = 0; i < len; i++) {
    est[i] = x[i] / n[i];
    wilson_count_limits(x[i], n[i], z, &lo[i], &hi[i]);
  }
}

#ifdef FGROI__WILSON_AVX2
__attribute__((target("avx2")))
static void wilson_chunk_avx2(const double *x, const double *n, size_t len, double z,
                              double *est, double *lo, double *hi) {
  const double z2s = z * z;
  const __m256d vz = _mm256_set1_pd(z), z2 = _mm256_set1_pd(z2s);
  const __m256d one = _mm256_set1_pd(1.0), half_ = _mm256_set1_pd(0.5),
                quarter = _mm256_set1_pd(0.25);
  const __m256d z2h = _mm256_mul_pd(half_, z2), z2q = _mm256_mul_pd(quarter, z2);
  size_t i = 0;
  for (; i + 4 <= len; i += 4) {
    __m256d xv = _mm256_loadu_pd(x + i), nv = _mm256_loadu_pd(n + i);
    _mm256_storeu_pd(est + i, _mm256_div_pd(xv, nv));
    __m256d r = _mm256_div_pd(one, _mm256_add_pd(nv, z2));
    __m256d centre = _mm256_mul_pd(_mm256_add_pd(xv, z2h), r);
    __m256d v = _mm256_add_pd(_mm256_div_pd(_mm256_mul_pd(xv, _mm256_sub_pd(nv, xv)), nv), z2q);
    __m256d h = _mm256_mul_pd(_mm256_mul_pd(vz, _mm256_sqrt_pd(v)), r);
    _mm256_storeu_pd(lo + i, _mm256_sub_pd(centre, h));
    _mm256_storeu_pd(hi + i, _mm256_add_pd(centre, h));
  }
  wilson_chunk_scalar(x + i, n + i, len - i, z, est + i, lo + i, hi + i);
}

/* The whole of a chunk in AVX2 (counts, limits, prop_ci_finish's steps
 * for z >= 0, flags, status) written straight to the caller's arrays, when
 * every element of the chunk is valid with n < 2^52 (the count-to-double
 * conversion below is exact there) and len is a multiple of 4; returns 0
 * (some lanes possibly written) otherwise, and the caller redoes the chunk
 * on the general path. The steps are prop_ci_finish's, lane by lane. */
__attribute__((target("avx2")))
static int wilson_chunk_full_avx2(const int64_t *x, const int64_t *n, size_t len, double z,
                                  fgroi_alternative alternative, double *estimate,
                                  double *lower, double *upper, unsigned *flags,
                                  fgroi_status *status) {
  if (!(z >= 0.0) || len % 4 != 0) return 0;
  const double z2s = z * z;
  const __m256d vz = _mm256_set1_pd(z), z2 = _mm256_set1_pd(z2s);
  const __m256d one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
  const __m256d z2h = _mm256_mul_pd(_mm256_set1_pd(0.5), z2);
  const __m256d z2q = _mm256_mul_pd(_mm256_set1_pd(0.25), z2);
  const __m256i big = _mm256_set1_epi64x((int64_t)1 << 52);
  const __m256i magic_i = _mm256_set1_epi64x(0x4330000000000000LL); /* 2^52 */
  const __m256d magic = _mm256_set1_pd(4503599627370496.0);
  const __m256d merge_tol = _mm256_set1_pd(-1e-12), halfv = _mm256_set1_pd(0.5);
  const int two_sided = alternative == FGROI_TWO_SIDED;
  for (size_t i = 0; i < len; i += 4) {
    __m256i xi = _mm256_loadu_si256((const __m256i *)(const void *)(x + i));
    __m256i ni = _mm256_loadu_si256((const __m256i *)(const void *)(n + i));
    /* valid: x >= 0, n > 0, x <= n, n < 2^52 */
    __m256i bad = _mm256_or_si256(_mm256_cmpgt_epi64(_mm256_setzero_si256(), xi),
                                  _mm256_cmpgt_epi64(_mm256_set1_epi64x(1), ni));
    bad = _mm256_or_si256(bad, _mm256_cmpgt_epi64(xi, ni));
    bad = _mm256_or_si256(bad, _mm256_cmpgt_epi64(ni, _mm256_sub_epi64(big, _mm256_set1_epi64x(1))));
    if (!_mm256_testz_si256(bad, bad)) return 0;
    /* exact int64 -> double for 0 <= v < 2^52: the bits of 2^52 + v, minus 2^52 */
    __m256d xv = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(xi, magic_i)), magic);
    __m256d nv = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(ni, magic_i)), magic);
    __m256d est = _mm256_div_pd(xv, nv);
    /* wilson_count_limits */
    __m256d r = _mm256_div_pd(one, _mm256_add_pd(nv, z2));
    __m256d centre = _mm256_mul_pd(_mm256_add_pd(xv, z2h), r);
    __m256d v = _mm256_add_pd(_mm256_div_pd(_mm256_mul_pd(xv, _mm256_sub_pd(nv, xv)), nv), z2q);
    __m256d h = _mm256_mul_pd(_mm256_mul_pd(vz, _mm256_sqrt_pd(v)), r);
    __m256d lo = _mm256_sub_pd(centre, h), hi = _mm256_add_pd(centre, h);
    /* prop_ci_finish with z >= 0 */
    __m256d x0 = _mm256_castsi256_pd(_mm256_cmpeq_epi64(xi, _mm256_setzero_si256()));
    __m256d xn = _mm256_castsi256_pd(_mm256_cmpeq_epi64(xi, ni));
    __m256d closed = _mm256_or_pd(x0, xn);
    lo = _mm256_blendv_pd(lo, zero, x0);
    hi = _mm256_blendv_pd(hi, one, xn);
    __m256d trunc = _mm256_or_pd(_mm256_cmp_pd(lo, zero, _CMP_LT_OQ),
                                 _mm256_cmp_pd(hi, one, _CMP_GT_OQ));
    __m256d degen = _mm256_cmp_pd(hi, lo, _CMP_NGT_UQ);
    if (two_sided) {
      __m256d m = _mm256_and_pd(_mm256_cmp_pd(lo, hi, _CMP_GT_OQ),
                                _mm256_cmp_pd(_mm256_sub_pd(hi, lo), merge_tol, _CMP_GT_OQ));
      __m256d mid = _mm256_mul_pd(halfv, _mm256_add_pd(lo, hi));
      lo = _mm256_blendv_pd(lo, mid, m);
      hi = _mm256_blendv_pd(hi, mid, m);
    }
    lo = _mm256_blendv_pd(lo, zero, _mm256_cmp_pd(lo, zero, _CMP_LT_OQ));
    lo = _mm256_blendv_pd(lo, one, _mm256_cmp_pd(lo, one, _CMP_GT_OQ));
    hi = _mm256_blendv_pd(hi, zero, _mm256_cmp_pd(hi, zero, _CMP_LT_OQ));
    hi = _mm256_blendv_pd(hi, one, _mm256_cmp_pd(hi, one, _CMP_GT_OQ));
    unsigned side = 0;
    if (alternative == FGROI_LESS) { lo = zero; side = FGROI_FLAG_ONE_SIDED_LIMIT; }
    if (alternative == FGROI_GREATER) { hi = one; side = FGROI_FLAG_ONE_SIDED_LIMIT; }
    if (estimate) _mm256_storeu_pd(estimate + i, est);
    _mm256_storeu_pd(lower + i, lo);
    _mm256_storeu_pd(upper + i, hi);
    if (flags) {
      const int c = _mm256_movemask_pd(closed), t = _mm256_movemask_pd(trunc),
                d = _mm256_movemask_pd(degen);
      for (int j = 0; j < 4; j++)
        flags[i + (size_t)j] = side | ((c >> j) & 1 ? (unsigned)FGROI_FLAG_CLOSED_FORM : 0u) |
                               ((t >> j) & 1 ? (unsigned)FGROI_FLAG_TRUNCATED : 0u) |
                               ((d >> j) & 1 ? (unsigned)FGROI_FLAG_DEGENERATE : 0u);
    }
    if (status)
      for (int j = 0; j < 4; j++) status[i + (size_t)j] = FGROI_OK;
  }
  return 1;
}
#endif

static fgroi_status wilson_many(const int64_t *x, const int64_t *n, size_t k, double z,
                                fgroi_alternative alternative, double *estimate, double *lower,
                                double *upper, unsigned *flags, fgroi_status *status) {
#ifdef FGROI__WILSON_AVX2
  const int avx2 = __builtin_cpu_supports("avx2");
#endif
  double xd[PROP_CHUNK], nd[PROP_CHUNK], es[PROP_CHUNK], lo[PROP_CHUNK], hi[PROP_CHUNK];
  fgroi_status st[PROP_CHUNK];
  fgroi_status first = FGROI_OK;
  for (size_t at = 0; at < k; at += PROP_CHUNK) {
    const size_t len = k - at < PROP_CHUNK ? k - at : PROP_CHUNK;
    const int64_t *xc = x + at, *nc = n + at;
#ifdef FGROI__WILSON_AVX2
    if (avx2 && wilson_chunk_full_avx2(xc, nc, len, z, alternative, estimate ? estimate + at : NULL,
                                       lower + at, upper + at, flags ? flags + at : NULL,
                                       status ? status + at : NULL))
      continue;
#endif
    int all_ok = 1;
    for (size_t j = 0; j < len; j++) {
      const int ok = xc[j] >= 0 && nc[j] > 0 && xc[j] <= nc[j];
      all_ok &= ok;
      xd[j] = ok ? (double)xc[j] : 0.0;
      nd[j] = ok ? (double)nc[j] : 1.0;
    }
    for (size_t j = 0; j < len && !all_ok; j++) st[j] = fgroi__check_count(xc[j], nc[j]);
#ifdef FGROI__WILSON_AVX2
    if (avx2)
      wilson_chunk_avx2(xd, nd, len, z, es, lo, hi);
    else
#endif
      wilson_chunk_scalar(xd, nd, len, z, es, lo, hi);
    for (size_t j = 0; j < len; j++) {
      const size_t i = at + j;
      double est = es[j], l = lo[j], h = hi[j];
      unsigned fl = 0;
      fgroi_status sj = all_ok ? FGROI_OK : st[j];
      if (sj != FGROI_OK) {
        est = l = h = NAN;
        if (first == FGROI_OK) first = sj;
      } else if (z >= 0.0 && xc[j] > 0 && xc[j] < nc[j] && l >= 0.0 && h <= 1.0 && h > l) {
        /* the common case, where prop_ci_finish changes only the
         * one-sided limit: no closed form (0 < x < n), nothing to
         * truncate, clamp or merge */
        if (alternative == FGROI_LESS) { l = 0.0; fl = FGROI_FLAG_ONE_SIDED_LIMIT; }
        if (alternative == FGROI_GREATER) { h = 1.0; fl = FGROI_FLAG_ONE_SIDED_LIMIT; }
      } else {
        prop_ci_finish(xc[j], nc[j], FGROI_METHOD_WILSON, z, alternative, &l, &h, &fl);
      }
      if (estimate) estimate[i] = est;
      lower[i] = l;
      upper[i] = h;
      if (flags) flags[i] = fl;
      if (status) status[i] = sj;
    }
  }
  return first;
}

FGROI_API fgroi_status fgroi_prop_ci_many(const int64_t *x, const int64_t *n, size_t k,
                                          fgroi_method method, double conf_level,
                                          fgroi_alternative alternative, double *estimate,
                                          double *lower, double *upper, unsigned *flags,
                                          fgroi_status *status) {
  if (k > 0 && (!x || !n || !lower || !upper)) return FGROI_E_NULL;
  FGROI__TRY(fgroi__check_conf(conf_level));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_WILSON;
  switch (method) {
    case FGROI_METHOD_WILSON: case FGROI_METHOD_WILSON_CC: case FGROI_METHOD_CLOPPER_PEARSON:
    case FGROI_METHOD_JEFFREYS: case FGROI_METHOD_AGRESTI_COULL: case FGROI_METHOD_MID_P:
    case FGROI_METHOD_WALD: case FGROI_METHOD_WALD_CC:
      break;
    default:
      return FGROI_E_METHOD;
  }
  const double z = fgroi__z_conf(conf_level, alternative);
  if (method == FGROI_METHOD_WILSON)
    return wilson_many(x, n, k, z, alternative, estimate, lower, upper, flags, status);
  fgroi_status first = FGROI_OK;
  for (size_t i = 0; i < k; i++) {
    double est, lo, hi;
    unsigned fl = 0;
    fgroi_status st = fgroi__check_count(x[i], n[i]);
    if (st == FGROI_OK)
      st = prop_ci_core(x[i], n[i], method, conf_level, alternative, z, &est, &lo, &hi, &fl);
    if (st != FGROI_OK) {
      est = lo = hi = NAN;
      fl = 0;
      if (first == FGROI_OK) first = st;
    }
    if (estimate) estimate[i] = est;
    lower[i] = lo;
    upper[i] = hi;
    if (flags) flags[i] = fl;
    if (status) status[i] = st;
  }
  return first;
}

/* ---- unimodal discrete distributions: "no more probable than" sums ------ */

/* A unimodal pmf on the integers lo..hi (given by its log), non-decreasing
 * on [lo, mode] and non-increasing on [mode, hi]. Lets the two-sided exact
 * tests find the tables or outcomes no more probable than the observed one
 * by binary search, so supports in the billions cost O(log n). */
typedef struct {
  double (*lpmf)(double k, const double *par);
  double (*cdf)(double k, const double *par, int lower); /* P(X <= k) / P(X > k) */
  const double *par;
  double lo, hi, mode;
} unimodal;

/* Last k in [from, to] (lpmf non-decreasing there) with lpmf(k) <= bound;
 * from - 1 when none. */
static double um_last_at_most(const unimodal *u, double from, double to, double bound) {
  /* integer bisection: doubles stop advancing past 2^52 (issue 14) */
  int64_t lo = (int64_t)from - 1, hi = (int64_t)to;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo + 1) / 2;
    if (u->lpmf((double)mid, u->par) <= bound) lo = mid; else hi = mid - 1;
  }
  return (double)lo;
}

/* First k in [from, to] (lpmf non-increasing there) with lpmf(k) <= bound;
 * to + 1 when none. */
static double um_first_at_most(const unimodal *u, double from, double to, double bound) {
  int64_t lo = (int64_t)from, hi = (int64_t)to + 1;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (u->lpmf((double)mid, u->par) <= bound) hi = mid; else lo = mid + 1;
  }
  return (double)lo;
}

/* P(lpmf(X) <= bound): the sum of both tails beyond the last outcome at most
 * `bound` on each side of the mode (R's binom.test / fisher.test rule). */
static double um_tails_at_most(const unimodal *u, double bound) {
  if (u->lpmf(u->mode, u->par) <= bound) return 1.0;
  double left = um_last_at_most(u, u->lo, u->mode - 1.0, bound);
  double right = um_first_at_most(u, u->mode + 1.0, u->hi, bound);
  double p = 0.0;
  if (left >= u->lo) p += u->cdf(left, u->par, 1);
  if (right <= u->hi) p += u->cdf(right - 1.0, u->par, 0);
  return p;
}

/* Total probability of outcomes whose lpmf lies in [lb, ub] (ties of the
 * observed outcome within the relative tolerance). They form at most one
 * run on each side of the mode, found by binary search and summed. */
static double um_mass_between(const unimodal *u, double lb, double ub) {
  double mass = 0.0;
  /* left side [lo, mode]: lpmf non-decreasing */
  double a = um_last_at_most(u, u->lo, u->mode, lb) + 1.0; /* first with lpmf > lb ... */
  if (a > u->lo && u->lpmf(a - 1.0, u->par) >= lb) a -= 1.0; /* ... or == lb */
  double b = um_last_at_most(u, u->lo, u->mode, ub);
  for (int64_t k = (int64_t)a; k <= (int64_t)b; k++) mass += exp(u->lpmf((double)k, u->par));
  /* right side (mode, hi]: lpmf non-increasing */
  if (u->mode < u->hi) {
    double c = um_first_at_most(u, u->mode + 1.0, u->hi, ub);
    double d = um_first_at_most(u, u->mode + 1.0, u->hi, lb) - 1.0;
    if (d < u->hi && u->lpmf(d + 1.0, u->par) >= lb) d += 1.0;
    for (int64_t k = (int64_t)c; k <= (int64_t)d; k++) mass += exp(u->lpmf((double)k, u->par));
  }
  return mass;
}

/* Two-sided exact p-value of an outcome with log-probability log_d: the
 * sum over outcomes with pmf <= d (1 + 1e-7); mid-p subtracts half the
 * mass of the outcomes tied with it within that tolerance. */
static double um_two_sided(const unimodal *u, double log_d, int mid) {
  double tol = log1p(FGROI__REL_TOL);
  double p = um_tails_at_most(u, log_d + tol);
  if (mid) p -= 0.5 * um_mass_between(u, log_d - tol, log_d + tol);
  return p;
}

/* ---- one proportion: exact binomial test --------------------------------- */

static double binom_lpmf(double k, const double *par) { return fgroi__dbinom(k, par[0], par[1], 1); }
static double binom_cdf(double k, const double *par, int lower) {
  return fgroi__pbinom(k, par[0], par[1], lower);
}

FGROI_API fgroi_status fgroi_prop_test(int64_t x, int64_t n, double p0, fgroi_method method,
                                       fgroi_alternative alternative, fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  FGROI__TRY(fgroi__check_count(x, n));
  if (isnan(p0)) return FGROI_E_NAN;
  if (!(p0 >= 0.0 && p0 <= 1.0)) return FGROI_E_PROBABILITY;
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_EXACT;
  if (method != FGROI_METHOD_EXACT && method != FGROI_METHOD_MID_P) return FGROI_E_METHOD;
  if (n > FGROI__EXACT_BINOM_MAX)
    return fgroi__too_large(NULL, "n", (double)n, (double)FGROI__EXACT_BINOM_MAX,
                            "the exact binomial tails", "fgroi_prop_ci (score interval)");

  const int mid = method == FGROI_METHOD_MID_P;
  const double xd = (double)x, nd = (double)n;
  const double d = fgroi__dbinom(xd, nd, p0, 0), half_d = mid ? 0.5 * d : 0.0;
  unsigned flags = FGROI_FLAG_EXACT;
  double pv;

  if (alternative == FGROI_LESS) {
    pv = fgroi__pbinom(xd, nd, p0, 1) - half_d;
  } else if (alternative == FGROI_GREATER) {
    pv = fgroi__pbinom(xd - 1.0, nd, p0, 0) - half_d;
  } else if (p0 == 0.0 || p0 == 1.0) {
    pv = (p0 == 0.0 ? x == 0 : x == n) ? 1.0 - half_d : 0.0;
    flags |= FGROI_FLAG_CLOSED_FORM;
  } else {
    /* R's binom.test rule: sum outcomes with pmf <= d * (1 + 1e-7) */
    const double par[2] = { nd, p0 };
    double mode = floor((nd + 1.0) * p0);
    if (mode > nd) mode = nd;
    const unimodal u = { binom_lpmf, binom_cdf, par, 0.0, nd, mode };
    pv = um_two_sided(&u, fgroi__dbinom(xd, nd, p0, 1), mid);
  }
  if (pv < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  pv = fgroi__clamp01(pv);

  fgroi_test r = fgroi__test(xd, NAN, pv, p0, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}

/* ---- two independent proportions ----------------------------------------- */

/* Validate the common arguments of the two-sample interval functions. */
static fgroi_status check_two_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double conf,
                                 fgroi_alternative alt, fgroi_interval *out) {
  FGROI__TRY(FGROI__CHECK_INTERVAL(out));
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  FGROI__TRY(fgroi__check_conf(conf));
  return fgroi__check_alternative(alt);
}

/* Derivative in p2 of the log-likelihood restricted to p1 = p2 + delta
 * (decreasing on the feasible range); terms with a zero count are absent,
 * infinities become +-DBL_MAX so Brent can bracket at the ends. */
typedef struct { double x1, n1, x2, n2, delta; } rd_eq;

static double rd_score(double p2, void *ctx) {
  const rd_eq *e = ctx;
  double p1 = p2 + e->delta, g = 0.0;
  if (e->x1 > 0.0) g += e->x1 / p1;
  if (e->n1 - e->x1 > 0.0) g -= (e->n1 - e->x1) / (1.0 - p1);
  if (e->x2 > 0.0) g += e->x2 / p2;
  if (e->n2 - e->x2 > 0.0) g -= (e->n2 - e->x2) / (1.0 - p2);
  if (isnan(g)) return 0.0; /* +inf - inf only at a degenerate end */
  return g > DBL_MAX ? DBL_MAX : (g < -DBL_MAX ? -DBL_MAX : g);
}

/* Restricted MLE (p1, p2) under p1 - p2 = delta (Miettinen & Nurminen
 * 1985). The closed-form cubic root loses all accuracy for proportions
 * near 1e-9, so the score equation is solved by Brent on the feasible
 * range instead (relative accuracy a few ulps at any magnitude). */
static void mn_restricted(double x1, double n1, double x2, double n2, double delta,
                          double *pt1, double *pt2) {
  if (delta <= -1.0) { *pt1 = 0.0; *pt2 = 1.0; return; }
  if (delta >= 1.0) { *pt1 = 1.0; *pt2 = 0.0; return; }
  rd_eq e = { x1, n1, x2, n2, delta };
  double lo = delta < 0.0 ? -delta : 0.0, hi = delta > 0.0 ? 1.0 - delta : 1.0, q2;
  if (rd_score(lo, &e) <= 0.0) q2 = lo;
  else if (rd_score(hi, &e) >= 0.0) q2 = hi;
  else if (fgroi__root_brent(rd_score, &e, lo, hi, 0.0, 4.0 * DBL_EPSILON, &q2) != FGROI_OK)
    q2 = 0.5 * (lo + hi); /* unreachable: the bracket holds by construction */
  *pt1 = q2 + delta;
  *pt2 = q2;
}

typedef struct { double x1, n1, x2, n2, d, z, side; int mee; } mn_eq;

/* side * (d - delta) - z sqrt(V(delta)) with the Miettinen-Nurminen
 * variance V = (p1 q1 / n1 + p2 q2 / n2) N / (N - 1) at the restricted MLE;
 * side = +1 finds the lower limit, -1 the upper. Written without dividing
 * by sqrt(V) so V = 0 at the ends of the parameter space is harmless. */
static double mn_fn(double delta, void *ctx) {
  const mn_eq *e = ctx;
  double t1, t2;
  mn_restricted(e->x1, e->n1, e->x2, e->n2, delta, &t1, &t2);
  double nn = e->n1 + e->n2;
  double v = (t1 * (1.0 - t1) / e->n1 + t2 * (1.0 - t2) / e->n2) * (e->mee ? 1.0 : nn / (nn - 1.0));
  return e->side * (e->d - delta) - e->z * sqrt(v > 0.0 ? v : 0.0);
}

/* One Miettinen-Nurminen limit. The root lies between the estimate d and
 * the end of [-1, 1] on the side the (signed) z points to: below d for the
 * lower limit when z > 0, above it when z < 0 (a one-sided level below
 * 1/2), and at d when z = 0. */
static fgroi_status mn_limit(mn_eq *e, double side, double *limit) {
  e->side = side;
  if (e->z == 0.0) { *limit = e->d; return FGROI_OK; }
  double end = (side > 0.0) == (e->z > 0.0) ? -1.0 : 1.0;
  if (e->d == end) { *limit = end; return FGROI_OK; }
  double near = e->d;
  if (mn_fn(near, e) == 0.0) near = e->d + copysign(1e-14, end - e->d); /* V(d) = 0 */
  double root;
  fgroi_status st = fgroi__root_brent(mn_fn, e, end, near, 1e-15, 4.0 * DBL_EPSILON, &root);
  if (st == FGROI_E_OUT_OF_RANGE) { *limit = near; return FGROI_OK; }
  if (st != FGROI_OK) return FGROI_E_NO_CONVERGENCE;
  *limit = root;
  return FGROI_OK;
}

/* Both continuity-corrected Wilson limits of x/n through fgroi_prop_ci: for
 * a one-sided alternative each limit is the one-sided limit at conf_level
 * (as the limits of Newcombe's method 10 are). */
static fgroi_status wilson_cc_limits(int64_t x, int64_t n, double conf, fgroi_alternative alt,
                                     double *lo, double *hi) {
  fgroi_interval w = FGROI_INIT(fgroi_interval);
  FGROI__TRY(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON_CC, conf,
                           alt == FGROI_TWO_SIDED ? FGROI_TWO_SIDED : FGROI_GREATER, &w));
  *lo = w.lower;
  FGROI__TRY(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON_CC, conf,
                           alt == FGROI_TWO_SIDED ? FGROI_TWO_SIDED : FGROI_LESS, &w));
  *hi = w.upper;
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_diff_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                          fgroi_method method, double conf_level,
                                          fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(check_two_ci(x1, n1, x2, n2, conf_level, alternative, out));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_NEWCOMBE;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  const double p1 = a / m1, p2 = c / m2, d = p1 - p2;
  const double z = fgroi__z_conf(conf_level, alternative);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  unsigned flags = 0;
  double lo = -1.0, hi = 1.0;

  switch (method) {
    case FGROI_METHOD_WALD:
    case FGROI_METHOD_AGRESTI_CAFFO: {
      /* Agresti & Caffo (2000): Wald after one success and one failure
       * are added to each group */
      double add = method == FGROI_METHOD_WALD ? 0.0 : 1.0;
      double t1 = (a + add) / (m1 + 2.0 * add), t2 = (c + add) / (m2 + 2.0 * add);
      double half = z * sqrt(t1 * (1.0 - t1) / (m1 + 2.0 * add) + t2 * (1.0 - t2) / (m2 + 2.0 * add));
      lo = (t1 - t2) - half;
      hi = (t1 - t2) + half;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_NEWCOMBE: {
      /* Newcombe (1998b) method 10: combine the two Wilson intervals */
      double l1, u1, l2, u2;
      wilson_limits(p1, m1, z, &l1, &u1);
      wilson_limits(p2, m2, z, &l2, &u2);
      if (z > 0.0) { /* exact edges (rounding) */
        if (x1 == 0) l1 = 0.0;
        if (x1 == n1) u1 = 1.0;
        if (x2 == 0) l2 = 0.0;
        if (x2 == n2) u2 = 1.0;
      }
      /* d -+ z sqrt(l1 (1 - l1)/n1 + u2 (1 - u2)/n2) and its mirror, written
       * with the Wilson identity p - l = z sqrt(l (1 - l)/n); z < 0 only for a
       * one-sided level below 1/2 */
      double sg = z < 0.0 ? -1.0 : 1.0;
      lo = d - sg * sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
      hi = d + sg * sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
      break;
    }
    case FGROI_METHOD_MIETTINEN_NURMINEN: {
      mn_eq e = { a, m1, c, m2, d, z, 1.0, 0 };
      if (want_lo) FGROI__TRY(mn_limit(&e, 1.0, &lo));
      if (want_hi) FGROI__TRY(mn_limit(&e, -1.0, &hi));
      break;
    }
    case FGROI_METHOD_MEE: {
      /* Mee (1984): the Miettinen-Nurminen score without N/(N-1) */
      mn_eq e = { a, m1, c, m2, d, z, 1.0, 1 };
      if (want_lo) FGROI__TRY(mn_limit(&e, 1.0, &lo));
      if (want_hi) FGROI__TRY(mn_limit(&e, -1.0, &hi));
      break;
    }
    case FGROI_METHOD_WALD_CC: {
      /* Newcombe (1998b) method 2: Wald widened by (1/n1 + 1/n2) / 2 */
      double half = z * sqrt(p1 * (1.0 - p1) / m1 + p2 * (1.0 - p2) / m2) +
                    (z < 0.0 ? -1.0 : 1.0) * (0.5 / m1 + 0.5 / m2) /* +-0: widen */;
      lo = d - half;
      hi = d + half;
      /* a one-sided level below 1/2 (z < 0) can push a limit past the far
       * end of [-1, 1]: clip both limits to both ends */
      if (lo > 1.0 || hi < -1.0) flags |= FGROI_FLAG_TRUNCATED;
      lo = fmin(lo, 1.0);
      hi = fmax(hi, -1.0);
      flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
      break;
    }
    case FGROI_METHOD_NEWCOMBE_CC: {
      /* Newcombe (1998b) method 11: method 10 on the continuity-corrected
       * Wilson limits (Newcombe 1998a method 4) */
      double l1, u1, l2, u2;
      FGROI__TRY(wilson_cc_limits(x1, n1, conf_level, alternative, &l1, &u1));
      FGROI__TRY(wilson_cc_limits(x2, n2, conf_level, alternative, &l2, &u2));
      double sg = z < 0.0 ? -1.0 : 1.0;
      lo = d - sg * sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
      hi = d + sg * sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
      if (lo > 1.0 || hi < -1.0) flags |= FGROI_FLAG_TRUNCATED; /* z < 0, as wald_cc */
      lo = fmin(lo, 1.0);
      hi = fmax(hi, -1.0);
      flags |= FGROI_FLAG_CONTINUITY;
      break;
    }
    default:
      return FGROI_E_METHOD;
  }
  /* clipped into [-1, 1] from either side (a one-sided level below 1/2
   * can put a computed limit past the far bound) */
  if (lo < -1.0 || hi > 1.0 || lo > 1.0 || hi < -1.0) flags |= FGROI_FLAG_TRUNCATED;
  lo = lo < -1.0 ? -1.0 : (lo > 1.0 ? 1.0 : lo);
  hi = hi > 1.0 ? 1.0 : (hi < -1.0 ? -1.0 : hi);
  if (!(hi > lo)) flags |= FGROI_FLAG_DEGENERATE;
  if (!want_lo) { lo = -1.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (!want_hi) { hi = 1.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }

  fgroi_interval r = fgroi__interval(d, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

/* ---- ratio p1 / p2 -------------------------------------------------------- */

/* Koopman (1984): the score statistic for the ratio at the MLE restricted
 * to p1 = rho p2. The restricted MLE solves r1 / (1 - p1) + r2 / (1 - p2) = 0
 * (r = x - n p); writing that common value as lambda gives the family
 *   p1 = (x1 - lambda) / (n1 - lambda),  p2 = (x2 + lambda) / (n2 + lambda),
 * lambda in [-x2, x1] (lambda = 0 is the unrestricted MLE), along which the
 * Pearson chi-square is
 *   u = lambda^2 (f1 / (n1 (x1 - lambda)) + f2 / (n2 (x2 + lambda)))
 * (f = n - x failures). Its signed root s = sign(lambda) sqrt(u) increases
 * with lambda while rho decreases, so no term is a difference of large
 * numbers: the residuals are lambda itself, not x - n p formed from a root
 * of N rho p^2 - (rho (n1 + x2) + x1 + n2) p + (x1 + x2) = 0 (that form
 * loses every digit once x ~ n ~ 2^30 and crossed its limits past 2^50).
 * The root is bracketed on v with lambda = x1 e^v / (1 + e^v),
 * x1 - lambda = x1 / (1 + e^v), then polished on the smaller of lambda and
 * x1 - lambda, so both keep full relative precision. With f1 = 0 the family
 * ends at lambda = x1 (p1 = 1) at rho = N / (n1 + x2); below that the MLE is
 * p2 = (n1 + x2) / N, p1 = rho p2 and u = n1 (1 - p1) / p1 + c, solved in
 * closed form (f2 = 0 mirrors it). */
typedef struct { double x1, n1, f1, x2, n2, f2, t; int side; } koop_eq;

/* side +1: lambda = l > 0 with g = x1 - l; side -1: lambda = -l, g = x2 - l.
 * mode (koop_fn_mode): 0 the argument is v (l = x e^v / (1 + e^v),
 * g = x / (1 + e^v)), 1 it is l (g = x - l), 2 it is g (l = x - g). */
typedef struct { koop_eq *e; int mode; } koop_arg;

static double koop_side_x(const koop_eq *e) { return e->side > 0 ? e->x1 : e->x2; }

/* s(l, g) - t */
static double koop_s(const koop_eq *e, double l, double g) {
  double a, b;
  if (l == 0.0) return -e->t; /* s = 0 (a zero-count term is infinite there) */
  if (e->side > 0) { /* x1 - lambda = g, x2 + lambda = x2 + l */
    a = e->f1 == 0.0 ? 0.0 : e->f1 / (e->n1 * g);
    b = e->f2 == 0.0 ? 0.0 : e->f2 / (e->n2 * (e->x2 + l));
  } else { /* x1 - lambda = x1 + l, x2 + lambda = g */
    a = e->f1 == 0.0 ? 0.0 : e->f1 / (e->n1 * (e->x1 + l));
    b = e->f2 == 0.0 ? 0.0 : e->f2 / (e->n2 * g);
  }
  double s = l * sqrt(a + b);
  if (!(s <= 1e300)) s = 1e300; /* g = 0 at the end of the bracket */
  return e->side * s - e->t;
}

static void koop_split(const koop_eq *e, int mode, double y, double *l, double *g) {
  double x = koop_side_x(e);
  if (mode == 0) { *l = x / (1.0 + exp(-y)); *g = x / (1.0 + exp(y)); }
  else if (mode == 1) { *l = y; *g = x - y; }
  else { *g = y; *l = x - y; }
}

static double koop_fn(double y, void *ctx) {
  const koop_arg *k = ctx;
  double l, g;
  koop_split(k->e, k->mode, y, &l, &g);
  return koop_s(k->e, l, g);
}

/* Solve s = t for (l, g): bisection on v to a bracket of width 1/4 on one
 * side of l = x/2, then Brent on the smaller of l and g, so both keep full
 * relative precision (a Brent on v alone leaves |v| eps in l). */
static fgroi_status koop_root(koop_eq *e, double *l, double *g) {
  koop_arg k = { e, 0 };
  double va = -745.0, vb = 745.0, fa = koop_fn(va, &k);
  for (int i = 0; i < 64 && vb - va > 0.25; i++) {
    double vm = 0.5 * (va + vb);
    if (va < 0.0 && vb > 0.0) vm = 0.0; /* split at l = g first */
    double fm = koop_fn(vm, &k);
    if (fm == 0.0) { koop_split(e, 0, vm, l, g); return FGROI_OK; }
    if ((fm > 0.0) == (fa > 0.0)) { va = vm; fa = fm; } else vb = vm;
  }
  double la, ga, lb, gb, y;
  koop_split(e, 0, va, &la, &ga);
  koop_split(e, 0, vb, &lb, &gb);
  k.mode = vb <= 0.0 ? 1 : 2;
  double ya = k.mode == 1 ? la : ga, yb = k.mode == 1 ? lb : gb;
  if (fgroi__root_brent(koop_fn, &k, ya, yb, 1e-300, 2.0 * DBL_EPSILON, &y) != FGROI_OK)
    return FGROI_E_NO_CONVERGENCE;
  koop_split(e, k.mode, y, l, g);
  return FGROI_OK;
}

/* The limit rho where s = t (t != 0; the caller handles t = 0 and the zero
 * count that puts the limit at 0 or +inf). est = (x1/n1)/(x2/n2). Near est
 * the limit is est e^L with L = log(p1/p1hat) - log(p2/p2hat) summed from
 * terms of one sign, so lo <= est <= hi holds after rounding too. */
static fgroi_status koop_limit(koop_eq *e, double est, double *rho) {
  const double t = e->t, nn = e->n1 + e->n2;
  e->side = t > 0.0 ? 1 : -1;
  const double fe = e->side > 0 ? e->f1 : e->f2;
  if (fe == 0.0) {
    /* the lambda family ends at p1 = 1 (p2 = 1) with s^2 = c */
    double x = e->side > 0 ? e->x1 : e->x2;
    double c = e->side > 0 ? x * (x * e->f2 / (e->n2 * (e->x2 + x)))
                           : x * (x * e->f1 / (e->n1 * (e->x1 + x)));
    if (t * t > c) {
      double d = t * t - c;
      if (e->side > 0) /* p2 = (n1 + x2) / N, p1 = n1 / (n1 + d) */
        *rho = (e->n1 / (e->n1 + d)) * (nn / (e->n1 + e->x2));
      else /* p1 = (x1 + n2) / N, p2 = n2 / (n2 + d) */
        *rho = ((e->x1 + e->n2) / nn) * ((e->n2 + d) / e->n2);
      return FGROI_OK;
    }
  }
  double l, g;
  FGROI__TRY(koop_root(e, &l, &g));
  if (e->side > 0) {
    /* p1 = g / (f1 + g), p2 = (x2 + l) / (n2 + l) */
    if (e->x2 == 0.0) { *rho = (g / (e->f1 + g)) * ((e->n2 + l) / l); return FGROI_OK; }
    double q1 = l * e->f1 / (e->x1 * (e->f1 + g)); /* 1 - p1 / p1hat */
    double l1 = q1 <= 0.5 ? log1p(-q1) : log(g * e->n1 / (e->x1 * (e->f1 + g)));
    double l2 = log1p(l * e->f2 / (e->x2 * (e->n2 + l)));
    *rho = est * exp(l1 - l2);
  } else {
    /* p1 = (x1 + l) / (n1 + l), p2 = g / (f2 + g) */
    if (e->x1 == 0.0) { *rho = (l / (e->n1 + l)) * ((e->f2 + g) / g); return FGROI_OK; }
    double l1 = log1p(l * e->f1 / (e->x1 * (e->n1 + l)));
    double q2 = l * e->f2 / (e->x2 * (e->f2 + g)); /* 1 - p2 / p2hat */
    double l2 = q2 <= 0.5 ? log1p(-q2) : log(g * e->n2 / (e->x2 * (e->f2 + g)));
    *rho = est * exp(l1 - l2);
  }
  return FGROI_OK;
}

/* Emit an interval for a ratio-type parameter on [0, +inf]: the open side
 * of a one-sided interval goes to its bound, infinities are flagged. */
static fgroi_status emit_ratio_interval(double est, double lo, double hi, double conf_level,
                                        fgroi_method method, fgroi_alternative alternative,
                                        unsigned flags, fgroi_interval *out) {
  if (alternative == FGROI_LESS) { lo = 0.0; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (alternative == FGROI_GREATER) { hi = INFINITY; flags |= FGROI_FLAG_ONE_SIDED_LIMIT; }
  if (isinf(hi) || isinf(est)) flags |= FGROI_FLAG_UNBOUNDED;
  fgroi_interval r = fgroi__interval(est, lo, hi, conf_level, method, alternative, flags);
  return fgroi__emit_interval(out, &r);
}

FGROI_API fgroi_status fgroi_prop_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, double conf_level,
                                           fgroi_alternative alternative, fgroi_interval *out) {
  FGROI__TRY(check_two_ci(x1, n1, x2, n2, conf_level, alternative, out));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_KOOPMAN;
  if (method != FGROI_METHOD_KOOPMAN && method != FGROI_METHOD_KATZ &&
      method != FGROI_METHOD_MIETTINEN_NURMINEN && method != FGROI_METHOD_KATZ_HALDANE &&
      method != FGROI_METHOD_ADJUSTED_LOG)
    return FGROI_E_METHOD;
  if (x1 == 0 && x2 == 0) return FGROI_E_NOT_ESTIMABLE;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  const double z = fgroi__z_conf(conf_level, alternative);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  const double est = x2 == 0 ? INFINITY : (a / m1) / (c / m2);
  unsigned flags = 0;
  double lo = 0.0, hi = INFINITY;

  if (method == FGROI_METHOD_KATZ_HALDANE || method == FGROI_METHOD_ADJUSTED_LOG) {
    /* the log interval on an always-adjusted table: x + 1/2 of n + 1 (1/2
     * added to every cell) or x + 1/2 of n + 1/2 (Pettigrew, Gart & Thomas
     * 1986; Fagerland et al. 2015 "adjusted log", statsmodels "log-adjusted").
     * The estimate is the adjusted ratio, so it always lies inside. */
    double addn = method == FGROI_METHOD_KATZ_HALDANE ? 1.0 : 0.5;
    double aa = a + 0.5, bb = m1 + addn, cc = c + 0.5, dd = m2 + addn;
    double l = log((aa / bb) / (cc / dd));
    double se = sqrt(1.0 / aa - 1.0 / bb + 1.0 / cc - 1.0 / dd);
    flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
    return emit_ratio_interval(exp(l), exp(l - z * se), exp(l + z * se), conf_level, method,
                               alternative, flags, out);
  }
  /* Miettinen & Nurminen (1985) for the ratio: Koopman's statistic (the
   * score statistic at the MLE restricted to p1 = rho p2) times (N-1)/N,
   * i.e. Koopman's interval at z sqrt(N / (N - 1)) */
  const double zk = method == FGROI_METHOD_MIETTINEN_NURMINEN
                        ? z * sqrt((m1 + m2) / (m1 + m2 - 1.0)) : z;
  if (method == FGROI_METHOD_KATZ) {
    /* Katz et al. (1978): log RR +- z sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2). A zero
     * count puts that side's limit at 0 or +inf and the other limit comes
     * from the table with 1/2 added to every cell (x + 1/2 of n + 1). */
    double aa = a, bb = m1, cc = c, dd = m2;
    if (x1 == 0 || x2 == 0) {
      aa += 0.5; bb += 1.0; cc += 0.5; dd += 1.0;
      flags |= FGROI_FLAG_CONTINUITY;
    }
    double l = log((aa / bb) / (cc / dd));
    double se = sqrt(1.0 / aa - 1.0 / bb + 1.0 / cc - 1.0 / dd);
    if (x1 > 0) lo = exp(l - z * se);
    if (x2 > 0) hi = exp(l + z * se);
    flags |= FGROI_FLAG_NORMAL_APPROX;
  } else {
    /* a zero count puts the estimate, and for z > 0 that side's limit, at
     * 0 or +inf; z < 0 (one-sided level below 1/2) still has a root unless
     * the count on the far side is 0 too (then the limit is that end) */
    koop_eq e = { a, m1, (double)(n1 - x1), c, m2, (double)(n2 - x2), 0.0, 0 };
    if (want_lo && (x1 > 0 || z < 0.0)) { /* signed root statistic = +z */
      e.t = zk;
      if (zk == 0.0) lo = est;
      else if (zk < 0.0 && x2 == 0) lo = INFINITY;
      else FGROI__TRY(koop_limit(&e, est, &lo));
    }
    if (want_hi && (x2 > 0 || z < 0.0)) { /* signed root statistic = -z */
      e.t = -zk;
      if (zk == 0.0) hi = est;
      else if (zk < 0.0 && x1 == 0) hi = 0.0;
      else FGROI__TRY(koop_limit(&e, est, &hi));
    }
    /* rounding only (the limits are monotone in z and equal est at z = 0) */
    if (zk > 0.0) { lo = fmin(lo, est); hi = fmax(hi, est); }
  }
  return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
}

/* ---- odds ratio and the 2x2 table ----------------------------------------- */

/* The central hypergeometric of the 2x2 table (lib/cond_or.h), for the
 * unimodal helpers: par = { m, n, k }. */
static double hyper_lpmf(double j, const double *par) {
  return fgroi__dhyper(j, par[0], par[1], par[2], 1);
}
static double hyper_cdf(double j, const double *par, int lower) {
  return fgroi__phyper(j, par[0], par[1], par[2], lower);
}

/* Odds-ratio score statistic (Miettinen & Nurminen 1985; the uncorrected
 * form is Cornfield's asymptotic score as Gart & Thomas 1982 write it): the
 * signed root of the Pearson chi-square of the table against the MLE
 * restricted to odds ratio psi = e^theta, times sqrt((N-1)/N) for MN;
 * minus z. Decreasing in theta.
 *
 * The restricted MLE is the table (A, B, C, D) with the observed margins and
 * A D = psi B C; its chi-square is (a - A)^2 (1/A + 1/B + 1/C + 1/D). Every
 * cell is affine in any one of them, so the unknown is the cell whose
 * feasible range is shortest (the pivot): solving for p2 through the
 * quadratic instead cancels catastrophically when a margin is large and the
 * other cells are small (at 2^45 per arm the limits were wrong in the first
 * digit). The pivot X, with its row margin R, its column margin K and the
 * diagonal cell D(X) = X - (R + K - N), solves the increasing equation
 * g(X) = log X + log D(X) - log(R - X) - log(K - X) - theta_x = 0, theta_x =
 * theta for A and D and -theta for B and C; safeguarded Newton from the
 * quadratic's root. The margins are exact integers below 2^53. */
typedef struct {
  double obs;       /* the pivot's observed cell */
  double r, k, off; /* its row margin, column margin and R + K - N */
  double sign;      /* +1: the pivot is a or d (theta_x = theta); -1: b or c */
  double z, factor;
} or_score_eq;

static or_score_eq or_score_setup(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double z,
                                  double factor) {
  const int64_t nn = n1 + n2, s = x1 + x2, f = nn - s;
  /* cells a = x1 (n1, s), b = n1 - x1 (n1, f), c = x2 (n2, s), d = n2 - x2 (n2, f) */
  const int64_t obs[4] = { x1, n1 - x1, x2, n2 - x2 };
  const int64_t row[4] = { n1, n1, n2, n2 }, col[4] = { s, f, s, f };
  int best = 0;
  int64_t best_hi = INT64_MAX;
  for (int i = 0; i < 4; i++) {
    int64_t hi = row[i] < col[i] ? row[i] : col[i];
    if (hi < best_hi) { best_hi = hi; best = i; }
  }
  or_score_eq e = { (double)obs[best], (double)row[best], (double)col[best],
                    (double)(row[best] + col[best] - nn), (best == 0 || best == 3) ? 1.0 : -1.0,
                    z, factor };
  return e;
}

/* The pivot cell of the restricted table at log odds ratio theta_x. */
static double or_pivot(const or_score_eq *e, double theta_x) {
  const double lo = e->off > 0.0 ? e->off : 0.0, hi = e->r < e->k ? e->r : e->k;
  if (!(hi > lo)) return lo;
  /* start: the root of (1 - psi) X^2 + (psi (R + K) - off) X - psi R K = 0
   * in [lo, hi] (R K / N at psi = 1) */
  const double psi = exp(theta_x), qa = 1.0 - psi, qb = psi * (e->r + e->k) - e->off;
  const double qc = -psi * e->r * e->k;
  double x;
  if (qa == 0.0) {
    x = -qc / qb;
  } else {
    double disc = qb * qb - 4.0 * qa * qc;
    double sq = sqrt(disc > 0.0 ? disc : 0.0);
    double q = -0.5 * (qb + (qb >= 0.0 ? sq : -sq));
    double r1 = q / qa, r2 = q != 0.0 ? qc / q : r1;
    x = (r1 >= lo && r1 <= hi) ? r1 : r2;
  }
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  double a = lo, b = hi;
  for (int it = 0; it < 200; it++) {
    const double dg = x - e->off;
    const double g = log(x) + log(dg) - log(e->r - x) - log(e->k - x) - theta_x;
    if (g == 0.0) break;
    if (g > 0.0) b = x; else a = x;
    const double gp = 1.0 / x + 1.0 / dg + 1.0 / (e->r - x) + 1.0 / (e->k - x);
    double nx = x - g / gp;
    if (!(nx > a && nx < b)) nx = 0.5 * (a + b);
    if (fabs(nx - x) <= 2.0 * DBL_EPSILON * fabs(x) || nx == a || nx == b) {
      x = nx;
      break;
    }
    x = nx;
  }
  return x;
}

static double or_score_fn(double theta, void *ctx) {
  const or_score_eq *e = ctx;
  const double x = or_pivot(e, e->sign * theta);
  const double cells[4] = { x, e->r - x, e->k - x, x - e->off };
  const double r = e->obs - x;
  double inv = 0.0;
  for (int i = 0; i < 4; i++) {
    if (!(cells[i] > 0.0)) {
      if (r == 0.0) return -e->z;
      inv = INFINITY;
      break;
    }
    inv += 1.0 / cells[i];
  }
  double u = r * r * inv * e->factor;
  if (isnan(u)) return 0.0;
  const double dev = e->sign * r; /* a - A */
  return (dev > 0.0 ? sqrt(u) : -sqrt(u)) - e->z;
}

/* The odds-ratio methods added in 0.2: Woolf without a zero-cell
 * correction, Woolf with 1/2 added to every cell (Gart 1966), the
 * uncorrected score and the Miettinen-Nurminen score. */
static fgroi_status odds_ratio_more(double a, double b, double c, double d, fgroi_method method,
                                    double conf_level, fgroi_alternative alternative,
                                    const fgroi_control *control, fgroi_interval *out) {
  const double m1 = a + b, m2 = c + d;
  const double z = fgroi__qnorm(fgroi__alpha_tail(1.0 - conf_level, alternative), 0);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  const int zero_num = a == 0.0 || d == 0.0, zero_den = b == 0.0 || c == 0.0;
  unsigned flags = 0;
  double est, lo = 0.0, hi = INFINITY;
  if (method == FGROI_METHOD_WOOLF_HALDANE) {
    double l = log((a + 0.5) * (d + 0.5)) - log((b + 0.5) * (c + 0.5));
    double se = sqrt(1.0 / (a + 0.5) + 1.0 / (b + 0.5) + 1.0 / (c + 0.5) + 1.0 / (d + 0.5));
    flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
    return emit_ratio_interval(exp(l), exp(l - z * se), exp(l + z * se), conf_level, method,
                               alternative, flags, out);
  }
  if (method == FGROI_METHOD_WOOLF_SMOOTHED) {
    /* Agresti (1999): each cell gains 2 r_i c_j / N^2 (two observations
     * spread as under independence), then Woolf on the smoothed table. No
     * successes (or no failures) at all leaves two empty cells. */
    const double nn = m1 + m2, s = a + c, f = b + d;
    if (s == 0.0 || f == 0.0) return FGROI_E_NOT_ESTIMABLE;
    const double k1 = 2.0 * (m1 / nn) / nn, k2 = 2.0 * (m2 / nn) / nn;
    const double a2 = a + k1 * s, b2 = b + k1 * f, c2 = c + k2 * s, d2 = d + k2 * f;
    double l = log(a2) + log(d2) - log(b2) - log(c2);
    double se = sqrt(1.0 / a2 + 1.0 / b2 + 1.0 / c2 + 1.0 / d2);
    flags |= FGROI_FLAG_NORMAL_APPROX | FGROI_FLAG_CONTINUITY;
    return emit_ratio_interval(exp(l), exp(l - z * se), exp(l + z * se), conf_level, method,
                               alternative, flags, out);
  }
  if (zero_num && zero_den) return FGROI_E_NOT_ESTIMABLE;
  est = zero_num ? 0.0 : (zero_den ? INFINITY : exp(log(a) + log(d) - log(b) - log(c)));
  if (method == FGROI_METHOD_WOOLF_UNCORRECTED) {
    /* a zero cell makes the variance infinite: no information on either
     * side, [0, +inf] (flagged), where R's formula gives NaN */
    flags |= FGROI_FLAG_NORMAL_APPROX;
    if (!zero_num && !zero_den) {
      double l = log(est);
      double se = sqrt(1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d);
      lo = exp(l - z * se);
      hi = exp(l + z * se);
    }
    return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
  }
  /* score intervals: the restricted table is solved on exact margins */
  if (m1 > (double)FGROI__EXACT_COUNT_MAX || m2 > (double)FGROI__EXACT_COUNT_MAX)
    return fgroi__too_large(control, "max(n1, n2)", m1 > m2 ? m1 : m2,
                            (double)FGROI__EXACT_COUNT_MAX, "the score interval's margins",
                            "method = woolf");
  const double nn = m1 + m2;
  or_score_eq e = or_score_setup((int64_t)a, (int64_t)m1, (int64_t)c, (int64_t)m2, z,
                                 method == FGROI_METHOD_MIETTINEN_NURMINEN ? (nn - 1.0) / nn : 1.0);
  const double th0 = fgroi__or_haldane_log(a, m1, c, m2);
  double th;
  int end;
  if (want_lo && (!zero_num || z < 0.0)) {
    e.z = z;
    FGROI__TRY(fgroi__root_log(or_score_fn, &e, th0, &th, &end));
    lo = end < 0 ? 0.0 : (end > 0 ? INFINITY : exp(th));
  }
  if (want_hi && (!zero_den || z < 0.0)) {
    e.z = -z;
    FGROI__TRY(fgroi__root_log(or_score_fn, &e, th0, &th, &end));
    hi = end > 0 ? INFINITY : (end < 0 ? 0.0 : exp(th));
  }
  flags |= FGROI_FLAG_NORMAL_APPROX;
  return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
}

static fgroi_status odds_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                  fgroi_method method, double conf_level,
                                  fgroi_alternative alternative, fgroi__ctl *ctl,
                                  fgroi_interval *out) {
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_CONDITIONAL;
  if (method != FGROI_METHOD_CONDITIONAL && method != FGROI_METHOD_WOOLF &&
      method != FGROI_METHOD_WOOLF_UNCORRECTED && method != FGROI_METHOD_WOOLF_HALDANE &&
      method != FGROI_METHOD_WOOLF_SMOOTHED && method != FGROI_METHOD_SCORE &&
      method != FGROI_METHOD_MIETTINEN_NURMINEN)
    return FGROI_E_METHOD;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  const double b = m1 - a, d = m2 - c;
  const double alpha = fgroi__alpha_tail(1.0 - conf_level, alternative);
  const int want_lo = alternative != FGROI_LESS, want_hi = alternative != FGROI_GREATER;
  unsigned flags = 0;
  double est, lo = 0.0, hi = INFINITY;

  if (method != FGROI_METHOD_WOOLF && method != FGROI_METHOD_CONDITIONAL)
    return odds_ratio_more(a, b, c, d, method, conf_level, alternative,
                           ctl != NULL ? ctl->control : NULL, out);
  if (method == FGROI_METHOD_WOOLF) {
    /* Woolf (1955): log OR +- z sqrt(1/a + 1/b + 1/c + 1/d). With a zero
     * cell the estimate is 0 or +inf, that side's limit too, and the other
     * limit comes from the table with 1/2 added to every cell (Haldane). */
    int zero_num = a == 0.0 || d == 0.0, zero_den = b == 0.0 || c == 0.0;
    if (zero_num && zero_den) return FGROI_E_NOT_ESTIMABLE;
    est = zero_num ? 0.0 : (zero_den ? INFINITY : exp(log(a) + log(d) - log(b) - log(c)));
    double h = (zero_num || zero_den) ? 0.5 : 0.0;
    if (h > 0.0) flags |= FGROI_FLAG_CONTINUITY;
    double l = log((a + h) * (d + h)) - log((b + h) * (c + h));
    double se = sqrt(1.0 / (a + h) + 1.0 / (b + h) + 1.0 / (c + h) + 1.0 / (d + h));
    double z = fgroi__z_conf(conf_level, alternative);
    if (!zero_num) lo = exp(l - z * se);
    if (!zero_den) hi = exp(l + z * se);
    flags |= FGROI_FLAG_NORMAL_APPROX;
  } else {
    /* conditional MLE and exact conditional limits, as R's fisher.test */
    if (fgroi__sum_exceeds(n1, n2, FGROI__COND_OR_MAX))
      return fgroi__too_large(ctl != NULL ? ctl->control : NULL, "n1 + n2",
                              (double)n1 + (double)n2, (double)FGROI__COND_OR_MAX,
                              "the conditional (exact) odds-ratio interval",
                              "method = score or woolf");
    FGROI__TRY(fgroi__or_interval(x1, n1, x2, n2, FGROI__OR_CORNFIELD, alpha, want_lo, want_hi,
                                  ctl, &est, &lo, &hi));
    const fgroi__or_table t = fgroi__or_table_make(a, m1, c, m2);
    flags |= FGROI_FLAG_EXACT;
    if (t.lo == t.hi) flags |= FGROI_FLAG_DEGENERATE;
  }
  return emit_ratio_interval(est, lo, hi, conf_level, method, alternative, flags, out);
}

FGROI_API fgroi_status fgroi_prop_odds_ratio_ci(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                fgroi_method method, double conf_level,
                                                fgroi_alternative alternative, fgroi_interval *out) {
  return fgroi_prop_odds_ratio_ci_ctl(x1, n1, x2, n2, method, conf_level, alternative, NULL, out);
}

static fgroi_status fgroi_prop_odds_ratio_ci_ctl_body(int64_t x1, int64_t n1, int64_t x2,
                                                      int64_t n2,
                                                      fgroi_method method, double conf_level,
                                                      fgroi_alternative alternative,
                                                      const fgroi_control *control,
                                                      fgroi_interval *out) {
  fgroi__control_clear(control); /* empty on entry, whatever the outcome */
  FGROI__TRY(check_two_ci(x1, n1, x2, n2, conf_level, alternative, out));
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  FGROI__TRY(odds_ratio_ci(x1, n1, x2, n2, method, conf_level, alternative, &ctl, out));
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_prop_odds_ratio_ci_ctl(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                                    fgroi_method method, double conf_level,
                                                    fgroi_alternative alternative,
                                                    const fgroi_control *control,
                                                    fgroi_interval *out) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_prop_odds_ratio_ci_ctl_body(x1, n1, x2, n2, method,
                            conf_level, alternative, control, out), "fgroi_prop_odds_ratio_ci_ctl");
}

/* x1 n2 - x2 n1 to within an ulp or two (Kahan's difference of products
 * with fma), exact inputs up to 2^53. */
static double cross_diff(double x1, double n2, double x2, double n1) {
  double w = x2 * n1;
  double e = fma(-x2, n1, w);
  double f = fma(x1, n2, -w);
  return f + e;
}

FGROI_API fgroi_status fgroi_prop_2x2_test(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
                                           fgroi_method method, fgroi_alternative alternative,
                                           fgroi_test *out) {
  FGROI__TRY(FGROI__CHECK_TEST(out));
  FGROI__TRY(fgroi__check_count(x1, n1));
  FGROI__TRY(fgroi__check_count(x2, n2));
  FGROI__TRY(fgroi__check_alternative(alternative));
  if (method == FGROI_METHOD_DEFAULT) method = FGROI_METHOD_FISHER;

  const double a = (double)x1, m1 = (double)n1, c = (double)x2, m2 = (double)n2;
  unsigned flags = 0;
  double stat, df = NAN, pv, null_value;

  switch (method) {
    case FGROI_METHOD_CHISQ:
    case FGROI_METHOD_CHISQ_CC: {
      /* prop.test / chisq.test: X^2 = sum (|O - E| - Y)^2 / E over the four
       * cells; |O - E| = |x1 n2 - x2 n1| / N in every cell, so
       * X^2 = (|O - E| - Y)^2 N^3 / (n1 n2 s f). Yates: Y = min(1/2, |O - E|). */
      const double nn = m1 + m2, s = a + c, f = nn - s;
      if (s == 0.0 || f == 0.0) return FGROI_E_NOT_ESTIMABLE;
      const double dd = cross_diff(a, m2, c, m1), oe = fabs(dd) / nn;
      double y = 0.0;
      if (method == FGROI_METHOD_CHISQ_CC) {
        y = oe < 0.5 ? oe : 0.5;
        flags |= FGROI_FLAG_CONTINUITY;
      }
      const double r = oe - y;
      const double x2s = r * r * (nn / m1) * (nn / m2) * (nn / s) / f;
      if (alternative == FGROI_TWO_SIDED) {
        stat = x2s;
        df = 1.0;
        pv = fgroi__pchisq(x2s, 1.0, 0);
        if (x2s == 0.0) pv = 1.0;
      } else {
        stat = copysign(sqrt(x2s), dd);
        if (dd == 0.0) stat = 0.0;
        pv = fgroi__pnorm(stat, alternative == FGROI_LESS);
      }
      null_value = 0.0;
      flags |= FGROI_FLAG_NORMAL_APPROX;
      break;
    }
    case FGROI_METHOD_FISHER:
    case FGROI_METHOD_FISHER_MID_P: {
      const int mid = method == FGROI_METHOD_FISHER_MID_P;
      if (fgroi__sum_exceeds(n1, n2, FGROI__CONDITIONAL_MAX))
        return fgroi__too_large(NULL, "n1 + n2", (double)n1 + (double)n2,
                                (double)FGROI__CONDITIONAL_MAX, "Fisher's exact test",
                                "method = chisq");
      const fgroi__or_table t = fgroi__or_table_make(a, m1, c, m2);
      const double ld = hyper_lpmf(a, t.par), half_d = mid ? 0.5 * exp(ld) : 0.0;
      if (alternative == FGROI_LESS) {
        pv = hyper_cdf(a, t.par, 1) - half_d;
      } else if (alternative == FGROI_GREATER) {
        pv = hyper_cdf(a - 1.0, t.par, 0) - half_d;
      } else {
        double mode = floor((t.par[2] + 1.0) * (t.par[0] + 1.0) / (t.par[0] + t.par[1] + 2.0));
        if (mode < t.lo) mode = t.lo;
        if (mode > t.hi) mode = t.hi;
        const unimodal u = { hyper_lpmf, hyper_cdf, t.par, t.lo, t.hi, mode };
        pv = um_two_sided(&u, ld, mid);
      }
      FGROI__TRY(fgroi__or_mle(&t, a, fgroi__or_haldane_log(a, m1, c, m2), NULL, &stat));
      null_value = 1.0;
      flags |= FGROI_FLAG_EXACT;
      break;
    }
    default:
      return FGROI_E_METHOD;
  }
  if (pv < DBL_MIN) flags |= FGROI_FLAG_P_FLOOR;
  pv = fgroi__clamp01(pv);

  fgroi_test r = fgroi__test(stat, df, pv, null_value, method, alternative, flags);
  return fgroi__emit_test(out, &r);
}
