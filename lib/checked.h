/* Overflow-checked size and count arithmetic (never installed).
 *
 * The one place where limit checks and allocation sizes are computed:
 * every `n1 + n2`, `(n + 1) * sizeof`, `rows * cols` that a limit check or
 * a malloc depends on goes through these helpers, so a count near INT64_MAX
 * or SIZE_MAX gives FGROI_E_TOO_LARGE instead of wrapping (issue 14).
 * docs/limits.md lists the bound of every function. */
#ifndef FGROI_CHECKED_H
#define FGROI_CHECKED_H

#include <stdint.h>
#include <stdlib.h>

/* 2^53: the largest count a double holds exactly with every integer below
 * it; kernels that carry counts or outcomes in doubles (binomial and
 * hypergeometric tails, binary searches over a support) accept totals up
 * to this and return FGROI_E_TOO_LARGE beyond. */
#define FGROI__EXACT_COUNT_MAX ((int64_t)1 << 53)

/* Exact binomial tails (fgroi__pbinom sums pmf terms out from the point,
 * O(sqrt n) of them): trials of an exact binomial test (fgroi_prop_test,
 * exact / mid-p McNemar) up to 2^44, so one call stays well under a second. */
#define FGROI__EXACT_BINOM_MAX ((int64_t)1 << 44)

/* Conditional (Fisher) inference on a 2x2 table walks the noncentral
 * hypergeometric out from its mode, O(sqrt N) terms per evaluation and a few
 * dozen evaluations per root: n1 + n2 up to 2^33 (8.6e9). */
#define FGROI__CONDITIONAL_MAX ((int64_t)1 << 33)

/* Effect sizes with the 1/2 correction (escalc): x + 1/2 and n + 1 exact. */
#define FGROI__ESCALC_MAX ((int64_t)1 << 52)

/* 1 and *r unchanged when a + b overflows int64, else 0 and *r = a + b. */
static inline int fgroi__add_i64(int64_t a, int64_t b, int64_t *r) {
  int64_t t;
  if (__builtin_add_overflow(a, b, &t)) return 1;
  *r = t;
  return 0;
}

/* 1 when a * b overflows int64, else 0 and *r = a * b. */
static inline int fgroi__mul_i64(int64_t a, int64_t b, int64_t *r) {
  int64_t t;
  if (__builtin_mul_overflow(a, b, &t)) return 1;
  *r = t;
  return 0;
}

/* 1 when a + b overflows size_t, else 0 and *r = a + b. */
static inline int fgroi__add_size(size_t a, size_t b, size_t *r) {
  size_t t;
  if (__builtin_add_overflow(a, b, &t)) return 1;
  *r = t;
  return 0;
}

/* 1 when a * b overflows size_t, else 0 and *r = a * b. */
static inline int fgroi__mul_size(size_t a, size_t b, size_t *r) {
  size_t t;
  if (__builtin_mul_overflow(a, b, &t)) return 1;
  *r = t;
  return 0;
}

/* Nonzero when a + b (two non-negative counts) overflows or exceeds max:
 * the shape of every "n1 + n2 > LIMIT" check. */
static inline int fgroi__sum_exceeds(int64_t a, int64_t b, int64_t max) {
  int64_t s;
  return fgroi__add_i64(a, b, &s) || s > max;
}

/* Nonzero when the product a * b overflows or exceeds max. */
static inline int fgroi__product_exceeds(int64_t a, int64_t b, int64_t max) {
  int64_t p;
  return fgroi__mul_i64(a, b, &p) || p > max;
}

/* malloc(count * size), NULL when the product overflows size_t (and for a
 * zero size, one byte so that NULL always means failure). */
static inline void *fgroi__malloc_array(size_t count, size_t size) {
  size_t bytes;
  if (fgroi__mul_size(count, size, &bytes)) return NULL;
  return malloc(bytes > 0 ? bytes : 1);
}

/* Elements for indices 0..n of a count n >= 0: n + 1 as a size_t, or 0 when
 * n is negative or n + 1 does not fit (malloc_array of 0 elements is never
 * used for a real table, so callers test for 0). */
static inline size_t fgroi__count_plus_one(int64_t n) {
  if (n < 0 || (uint64_t)n >= (uint64_t)SIZE_MAX) return 0;
  return (size_t)n + 1;
}

#endif
