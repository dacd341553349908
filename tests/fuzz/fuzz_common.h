/* Shared machinery of the libFuzzer harnesses (tests/fuzz/fuzz_<domain>.c).
 *
 * Test code, never library code: an oracle violation calls
 * __builtin_trap() so libFuzzer records the input as a crash.
 *
 * Decoding: the fuzzer's bytes are read front to back by small decoders;
 * once the bytes run out every decoder returns zeros, so every input is a
 * complete call. Each decoder reserves a share of its selector byte for the
 * extremes a caller can pass: int64 counts at 0, -1, INT64_MIN, INT64_MAX,
 * 2^31, 2^52..2^62; doubles NaN, +-inf, denormals, +-1e300, -0.0, DBL_MAX;
 * confidence levels 0, 1, 4.9e-324, 1 - 2^-53, above 1, NaN; enum values in
 * and out of range; NULL pointers; zero lengths; struct_size 0, too small
 * by one byte, exact, larger than the library knows.
 *
 * Oracles (fz_check_*):
 * - the status is one of the fgroi_status values, and not FGROI_E_INTERNAL;
 * - on an error status every output is byte-for-byte unchanged (outputs are
 *   filled with a canary pattern before the call);
 * - on FGROI_OK nothing past the caller's struct_size is written, a
 *   p-value is in [0, 1], interval limits are not NaN and are ordered,
 *   infinite values appear only where the function documents them, and
 *   the estimate lies inside a two-sided interval where the method
 *   guarantees it.
 *
 * Environment:
 * - FGROI_FUZZ_TRACE=1 prints each decoded call to stderr (to describe a
 *   reproducer: `FGROI_FUZZ_TRACE=1 ./fuzz_prop crash-file`);
 * - FGROI_FUZZ_SKIP_KNOWN=1 skips the inputs that reach the defects
 *   already listed in issue #14 (tests/fuzz/FINDINGS.md), so a run on a
 *   tree without those fixes looks for new defects; see fz_known(). */
#ifndef FGROI_FUZZ_COMMON_H
#define FGROI_FUZZ_COMMON_H

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fgroi/fgroi.h>

#define FZ_CANARY 0xA5

/* ---- byte reader ------------------------------------------------------ */

typedef struct fz {
  const uint8_t *d;
  size_t n, i;
} fz;

static inline fz fz_make(const uint8_t *d, size_t n) {
  fz f = { d, n, 0 };
  return f;
}

static inline uint8_t fz_u8(fz *f) { return f->i < f->n ? f->d[f->i++] : 0; }

static inline uint64_t fz_u64(fz *f) {
  uint64_t v = 0;
  for (int k = 0; k < 8; k++) v = (v << 8) | fz_u8(f);
  return v;
}

static inline uint32_t fz_u32(fz *f) {
  uint32_t v = 0;
  for (int k = 0; k < 4; k++) v = (v << 8) | fz_u8(f);
  return v;
}

static inline uint16_t fz_u16(fz *f) {
  uint16_t hi = fz_u8(f);
  return (uint16_t)((hi << 8) | fz_u8(f));
}

static inline double fz_bits(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

/* ---- environment switches ------------------------------------------------ */

static inline int fz_env(const char *name) {
  const char *v = getenv(name);
  return v != NULL && v[0] != '\0' && v[0] != '0';
}

static int fz_trace_on = -1, fz_skip_on = -1;

static inline int fz_tracing(void) {
  if (fz_trace_on < 0) fz_trace_on = fz_env("FGROI_FUZZ_TRACE");
  return fz_trace_on;
}

/* Nonzero when inputs reaching defects already listed in issue #14 are to
 * be skipped (FGROI_FUZZ_SKIP_KNOWN=1). */
static inline int fz_skip_known(void) {
  if (fz_skip_on < 0) fz_skip_on = fz_env("FGROI_FUZZ_SKIP_KNOWN");
  return fz_skip_on;
}

/* `if (fz_known(cond, "what")) return 0;` skips a known defect's input. */
static inline int fz_known(int cond, const char *what) {
  if (!cond || !fz_skip_known()) return 0;
  if (fz_tracing()) fprintf(stderr, "  skipped: known defect (#14): %s\n", what);
  return 1;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static inline void fz_log(const char *fmt, ...) {
  if (!fz_tracing()) return;
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

/* An oracle violation: say which, then trap so libFuzzer keeps the input. */
#define FZ_FAIL(...) do { \
    fprintf(stderr, "fgroi fuzz oracle violated at %s:%d: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); __builtin_trap(); } while (0)

#define FZ_ASSERT(cond, ...) do { if (!(cond)) FZ_FAIL(__VA_ARGS__); } while (0)

/* ---- value decoders ---------------------------------------------------- */

/* A count (int64): mostly small, sometimes medium or an extreme. */
static inline int64_t fz_count(fz *f) {
  uint8_t s = fz_u8(f);
  switch (s) {
  case 0: return 0;
  case 1: return -1;
  case 2: return INT64_MIN;
  case 3: return INT64_MAX;
  case 4: return (int64_t)1 << 31;
  case 5: return ((int64_t)1 << 52) + (int64_t)fz_u8(f);
  case 6: return ((int64_t)1 << 53) + (int64_t)fz_u8(f) - 128;
  case 7: return (int64_t)1 << (40 + fz_u8(f) % 23);
  case 8: return (int64_t)fz_u64(f);           /* any bits */
  case 9: return -(int64_t)fz_u8(f);
  case 10: return INT64_MAX - fz_u8(f);
  case 11: case 12: case 13: return (int64_t)fz_u32(f) % 2000000;
  case 14: case 15: case 16: case 17: return fz_u16(f) % 5000;
  default:
    if (s < 160) return s - 18;                 /* 0..141 */
    return fz_u8(f) % 40;                       /* very small */
  }
}

/* A count known to be small and non-negative (lengths of arrays). */
static inline size_t fz_len(fz *f, size_t max) {
  uint8_t s = fz_u8(f);
  if (s < 16) return 0;
  return (size_t)(s - 16) % (max + 1);
}

/* A double: ordinary values mostly, every special value often. */
static inline double fz_double(fz *f) {
  uint8_t s = fz_u8(f);
  switch (s) {
  case 0: return NAN;
  case 1: return INFINITY;
  case 2: return -INFINITY;
  case 3: return 4.9406564584124654e-324;
  case 4: return -4.9406564584124654e-324;
  case 5: return 1e300;
  case 6: return -1e300;
  case 7: return 0.0;
  case 8: return -0.0;
  case 9: return DBL_MAX;
  case 10: return -DBL_MAX;
  case 11: return 1e-300;
  case 12: return DBL_MIN;
  case 13: return 1e200;
  case 14: return -1e200;
  case 15: return fz_bits(fz_u64(f));           /* any bits */
  case 16: case 17: case 18: return (double)(int16_t)fz_u16(f) / 16.0;
  case 19: case 20: return (double)(int32_t)fz_u32(f) * 1e-3;
  default:
    if (s < 140) return (double)(s - 80) / 4.0; /* -15 .. 14.75 in quarters */
    return (double)(s - 140);                   /* 0 .. 115 */
  }
}

/* A probability-like argument (p0, alpha, power, shares): mostly inside
 * (0, 1), with both ends, beyond them, and the special values. */
static inline double fz_prob(fz *f) {
  uint8_t s = fz_u8(f);
  switch (s) {
  case 0: return NAN;
  case 1: return 0.0;
  case 2: return 1.0;
  case 3: return 4.9406564584124654e-324;
  case 4: return 1.0 - 0x1p-53;
  case 5: return -0.1;
  case 6: return 1.5;
  case 7: return INFINITY;
  case 8: return -INFINITY;
  case 9: return 1e-300;
  case 10: return 0.5;
  case 11: return fz_bits(fz_u64(f));
  case 12: return 1e-12;
  case 13: return 1.0 - 1e-12;
  default:
    if (s < 200) return (double)(s - 13) / 188.0;   /* (0, 1] grid */
    return (double)fz_u32(f) / 4294967296.0;
  }
}

/* A confidence level: the usual ones and both ends. */
static inline double fz_conf(fz *f) {
  uint8_t s = fz_u8(f);
  switch (s % 24) {
  case 0: return 4.9406564584124654e-324;
  case 1: return 1.0 - 0x1p-53;
  case 2: return 0.0;
  case 3: return 1.0;
  case 4: return NAN;
  case 5: return 1.5;
  case 6: return -0.5;
  case 7: return 0.05;
  case 8: return 0.5;
  case 9: return 0.3;
  case 10: return 0.999999;
  case 11: return 1e-300;
  case 12: return (double)fz_u32(f) / 4294967296.0;
  case 13: return 0.8;
  case 14: case 15: return 0.9;
  case 16: case 17: return 0.99;
  default: return 0.95;
  }
}

/* An alternative: mostly valid, sometimes out of range. */
static inline fgroi_alternative fz_alt(fz *f) {
  uint8_t s = fz_u8(f);
  if (s < 240) return (fgroi_alternative)(s % 3);
  static const int bad[] = { 3, -1, 4, 1000, INT32_MIN, INT32_MAX, 255, 7 };
  return (fgroi_alternative)bad[s % 8];
}

/* Every method code (valid for some function) plus invalid codes. */
static const int fz_all_methods[] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
  100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 200, 201, 202, 203, 204, 205,
  300, 301, 302, 303, 304, 305, 306, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329,
  340, 341, 360, 400, 401, 402, 403, 404, 405, 406, 420, 421, 440, 441, 442,
  -1, 9, 31, 99, 110, 206, 307, 443, 1000, INT32_MAX, INT32_MIN
};

/* A method: usually one of `valid` (n of them) or the default, sometimes
 * any other code. */
static inline fgroi_method fz_method(fz *f, const int *valid, size_t n) {
  uint8_t s = fz_u8(f);
  if (s < 16) return FGROI_METHOD_DEFAULT;
  if (s < 208 && n > 0) return (fgroi_method)valid[s % n];
  return (fgroi_method)fz_all_methods[s % (sizeof fz_all_methods / sizeof fz_all_methods[0])];
}

/* A small enum (valid values 0..nvalid-1) with out-of-range values. */
static inline int fz_enum(fz *f, int nvalid) {
  uint8_t s = fz_u8(f);
  if (s < 232) return s % nvalid;
  static const int bad[] = { -1, 3, 4, 100, INT32_MIN, INT32_MAX, 255, 65536 };
  return bad[s % 8];
}

/* ---- outputs with canaries ------------------------------------------------ */

/* An output struct (or array) inside a canary-filled buffer with slack
 * behind it. `p` is what the call receives (NULL when the decoder chose
 * NULL); `size` is the struct's own size; `ss` the struct_size written. */
typedef struct fz_out {
  unsigned char *buf;   /* size + FZ_SLACK bytes */
  unsigned char *snap;  /* copy before the call */
  size_t size, total, ss;
  void *p;
  int has_ss;
} fz_out;

#define FZ_SLACK 64

/* Prepare an output of `size` bytes. has_ss: the object starts with
 * struct_size (then the decoder picks its value). nullable: the decoder
 * may pass NULL. */
static inline void fz_out_prep(fz *f, fz_out *o, size_t size, int has_ss, int nullable) {
  o->size = size;
  o->total = size + FZ_SLACK;
  o->buf = malloc(o->total);
  o->snap = malloc(o->total);
  if (o->buf == NULL || o->snap == NULL) abort();
  memset(o->buf, FZ_CANARY, o->total);
  o->has_ss = has_ss;
  o->ss = size;
  uint8_t s = fz_u8(f);
  o->p = o->buf;
  if (nullable && s >= 250) o->p = NULL;
  if (has_ss) {
    switch (s % 32) {
    case 0: o->ss = 0; break;
    case 1: o->ss = size - 1; break;
    case 2: o->ss = sizeof(size_t); break;
    case 3: o->ss = size + 16; break;
    case 4: o->ss = SIZE_MAX; break;
    default: o->ss = size; break;
    }
    memcpy(o->buf, &o->ss, sizeof o->ss);
  }
  memcpy(o->snap, o->buf, o->total);
}

/* An array output of n elements of `elem` bytes (no struct_size). */
static inline void fz_arr_prep(fz *f, fz_out *o, size_t n, size_t elem, int nullable) {
  fz_out_prep(f, o, n * elem, 0, nullable);
}

static inline int fz_out_ok_ss(const fz_out *o) {
  return !o->has_ss || o->ss >= o->size;
}

static inline void fz_out_free(fz_out *o) {
  free(o->buf);
  free(o->snap);
  o->buf = o->snap = NULL;
}

/* Status is a declared fgroi_status value, and never FGROI_E_INTERNAL: that
 * is the result audit catching an impossible value (or a library bug), not
 * an answer to any input (issue #14). */
static inline void fz_check_status(fgroi_status s) {
  FZ_ASSERT((int)s >= 0 && (int)s <= (int)FGROI_E_CANCELLED, "status %d is not a fgroi_status", (int)s);
  FZ_ASSERT(fgroi_status_name(s) != NULL, "status %d has no name", (int)s);
  FZ_ASSERT(s != FGROI_E_INTERNAL, "FGROI_E_INTERNAL returned (an audit failure or a library bug)");
}

/* After a call: on error, the whole buffer is unchanged; on success, the
 * struct_size field is kept and nothing past struct_size is written. */
static inline void fz_out_after(const fz_out *o, fgroi_status s, const char *what) {
  FZ_ASSERT(s != FGROI_E_INTERNAL, "%s: FGROI_E_INTERNAL returned (an audit failure or a library bug)",
            what);
  if (o->p == NULL) return;
  if (s != FGROI_OK) {
    FZ_ASSERT(memcmp(o->buf, o->snap, o->total) == 0,
              "%s written although the call returned %s", what, fgroi_status_name(s));
    return;
  }
  size_t keep = o->size;
  if (o->has_ss) {
    FZ_ASSERT(o->ss > sizeof(size_t), "%s: struct_size %zu (no field fits) accepted", what, o->ss);
    FZ_ASSERT(memcmp(o->buf, o->snap, sizeof(size_t)) == 0, "%s: struct_size changed", what);
    if (o->ss < keep) keep = o->ss;
  }
  FZ_ASSERT(memcmp(o->buf + keep, o->snap + keep, o->total - keep) == 0,
            "%s: written past its struct_size / length (%zu of %zu bytes)", what, keep, o->size);
}

/* Whether the success-path value checks may read the whole struct. */
static inline int fz_out_full(const fz_out *o, fgroi_status s) {
  return s == FGROI_OK && o->p != NULL && fz_out_ok_ss(o);
}

/* ---- result oracles ------------------------------------------------------- */

enum {
  FZ_CONTAIN = 1u << 0,       /* two-sided: lower <= estimate <= upper */
  FZ_INF_OPEN = 1u << 1,      /* one-sided: the open limit may be infinite */
  FZ_INF_EST = 1u << 2,       /* estimate may be infinite (with FGROI_FLAG_UNBOUNDED) */
  FZ_ANY_INF_FLAGGED = 1u << 3/* any limit may be infinite with FGROI_FLAG_UNBOUNDED */
};

static inline int fz_close_le(double a, double b) {
  /* a <= b up to rounding of the order of 1e-9 relative */
  return a <= b || a - b <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* An interval returned with FGROI_OK. lo/hi: the parameter space (limits
 * must stay inside; pass -INFINITY/INFINITY when unbounded). */
static inline void fz_check_interval(const fgroi_interval *ci, double lo, double hi,
                                     unsigned opts, const char *what) {
  int bad = isnan(ci->estimate) || isnan(ci->lower) || isnan(ci->upper) ||
            ci->lower > ci->upper || !fz_close_le(lo, ci->lower) || !fz_close_le(ci->upper, hi) ||
            isinf(ci->lower) || isinf(ci->upper);
  if (bad && fz_known(ci->conf_level < 0.5,
                      "NaN / inverted / out of range / infinite limits at conf_level < 0.5 (FINDINGS: low conf)"))
    return;
  FZ_ASSERT(!isnan(ci->estimate), "%s: estimate is NaN", what);
  FZ_ASSERT(!isnan(ci->lower) && !isnan(ci->upper), "%s: a limit is NaN [%g, %g]",
            what, ci->lower, ci->upper);
  FZ_ASSERT(ci->lower <= ci->upper, "%s: lower %.17g > upper %.17g (conf %g, alt %d)", what,
            ci->lower, ci->upper, ci->conf_level, (int)ci->alternative);
  FZ_ASSERT(ci->conf_level > 0 && ci->conf_level < 1, "%s: conf_level %g", what,
            ci->conf_level);
  FZ_ASSERT(ci->alternative >= FGROI_TWO_SIDED && ci->alternative <= FGROI_GREATER,
            "%s: alternative %d", what, (int)ci->alternative);
  FZ_ASSERT(fz_close_le(lo, ci->lower) && fz_close_le(ci->upper, hi),
            "%s: [%.17g, %.17g] outside the parameter space [%g, %g]", what, ci->lower,
            ci->upper, lo, hi);
  int unb = (ci->flags & FGROI_FLAG_UNBOUNDED) != 0;
  if (isinf(ci->estimate))
    FZ_ASSERT((opts & FZ_INF_EST) && unb, "%s: infinite estimate without FGROI_FLAG_UNBOUNDED", what);
  if (isinf(ci->lower) || isinf(ci->upper)) {
    int open_ok = (opts & FZ_INF_OPEN) &&
                  ((ci->alternative == FGROI_LESS && isinf(ci->lower) && !isinf(ci->upper)) ||
                   (ci->alternative == FGROI_GREATER && isinf(ci->upper) && !isinf(ci->lower)));
    int flagged_ok = (opts & FZ_ANY_INF_FLAGGED) && unb;
    FZ_ASSERT(open_ok || flagged_ok, "%s: infinite limit [%g, %g] not documented/flagged (flags %#x)",
              what, ci->lower, ci->upper, ci->flags);
  }
  if ((opts & FZ_CONTAIN) && ci->alternative == FGROI_TWO_SIDED && isfinite(ci->estimate))
    FZ_ASSERT(fz_close_le(ci->lower, ci->estimate) && fz_close_le(ci->estimate, ci->upper),
              "%s: estimate %.17g outside [%.17g, %.17g]", what, ci->estimate, ci->lower,
              ci->upper);
}

/* A p-value: in [0, 1], not NaN. */
static inline void fz_check_p(double p, const char *what) {
  FZ_ASSERT(p >= 0.0 && p <= 1.0, "%s: p-value %.17g not in [0, 1]", what, p);
}

/* A test returned with FGROI_OK. */
static inline void fz_check_test(const fgroi_test *t, const char *what) {
  fz_check_p(t->p_value, what);
  FZ_ASSERT(t->alternative >= FGROI_TWO_SIDED && t->alternative <= FGROI_GREATER,
            "%s: alternative %d", what, (int)t->alternative);
  FZ_ASSERT(fgroi_method_name(t->method) != NULL, "%s: method %d has no name", what,
            (int)t->method);
}

/* A double that must be finite on success. */
static inline void fz_check_finite(double v, const char *what) {
  FZ_ASSERT(isfinite(v), "%s: %.17g is not finite", what, v);
}

/* After-call helpers for the shared result types: check the buffer, then
 * the values when the whole struct was written, then free it. */
static inline void fz_after_interval(fz_out *o, fgroi_status s, double lo, double hi,
                                     unsigned opts, const char *what) {
  fz_out_after(o, s, what);
  if (fz_out_full(o, s)) fz_check_interval((const fgroi_interval *)o->p, lo, hi, opts, what);
  fz_out_free(o);
}

static inline void fz_after_test(fz_out *o, fgroi_status s, const char *what) {
  fz_out_after(o, s, what);
  if (fz_out_full(o, s)) fz_check_test((const fgroi_test *)o->p, what);
  fz_out_free(o);
}

static inline void fz_after_plain(fz_out *o, fgroi_status s, const char *what) {
  fz_out_after(o, s, what);
  fz_out_free(o);
}

/* A required output passed as NULL must not give FGROI_OK. */
static inline void fz_required(const fz_out *o, fgroi_status s, const char *what) {
  if (o->p == NULL)
    FZ_ASSERT(s != FGROI_OK, "%s: NULL required output accepted", what);
}

/* ---- input arrays ------------------------------------------------------------ */

/* Heap arrays of exactly n elements (ASan sees any overread); n = 0 gives
 * NULL or a zero-length allocation as the decoder chooses. */
static inline double *fz_doubles(fz *f, size_t n, int mode) {
  if (n == 0) return (fz_u8(f) & 1) ? NULL : malloc(1);
  double *x = malloc(n * sizeof *x);
  if (x == NULL) abort();
  uint8_t style = (uint8_t)mode;
  for (size_t i = 0; i < n; i++) {
    if (style == 1) x[i] = fz_prob(f);
    else x[i] = fz_double(f);
  }
  return x;
}

static inline int64_t *fz_counts(fz *f, size_t n) {
  if (n == 0) return (fz_u8(f) & 1) ? NULL : malloc(1);
  int64_t *x = malloc(n * sizeof *x);
  if (x == NULL) abort();
  for (size_t i = 0; i < n; i++) x[i] = fz_count(f);
  return x;
}

/* 0/1 flags with the occasional other byte. */
static inline uint8_t *fz_flags(fz *f, size_t n) {
  if (n == 0) return (fz_u8(f) & 1) ? NULL : malloc(1);
  uint8_t *x = malloc(n);
  if (x == NULL) abort();
  for (size_t i = 0; i < n; i++) {
    uint8_t s = fz_u8(f);
    x[i] = s < 250 ? (uint8_t)(s & 1) : s;
  }
  return x;
}

/* A NUL-terminated string from the input (NULL sometimes); free() it. */
static inline char *fz_string(fz *f) {
  uint8_t s = fz_u8(f);
  if (s >= 250) return NULL;
  size_t len = fz_len(f, 40);
  char *str = malloc(len + 1);
  if (str == NULL) abort();
  for (size_t i = 0; i < len; i++) {
    uint8_t c = fz_u8(f);
    str[i] = (char)(c == 0 ? 'a' : c);
  }
  str[len] = '\0';
  return str;
}

#define FZ_NM(a) (sizeof a / sizeof a[0])

#endif /* FGROI_FUZZ_COMMON_H */
