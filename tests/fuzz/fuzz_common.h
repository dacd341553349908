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

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#endif
#include <time.h>
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
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
  36, 37, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 200, 201, 202, 203, 204, 205,
  300, 301, 302, 303, 304, 305, 306, 307, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329,
  340, 341, 360, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 420, 421, 422,
  440, 441, 442, 443, 444, 445, 446, 447, 448, 449, 450, 451, 452, 453, 454, 455,
  -1, 10, 38, 99, 112, 206, 308, 412, 456, 1000, INT32_MAX, INT32_MIN
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
  size_t elem, used;    /* fz_rerun_end: compare only the first `used` bytes
                           of each `elem`-byte element (padding) */
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
  o->elem = o->used = 0;
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

/* ---- controls: progress, cancellation, message (issue #14 / #16) ---------
 *
 * Functions taking a `const fgroi_control *` (the _ctl variants and the
 * options structs' control field) are called with a control decoded
 * from the input by fz_ctl_prep(), read just before the call, so a byte 0
 * (or the end of the input) keeps the call without a control and the
 * existing corpus decodes as before. The fuzz build compiles the library
 * with FGROI__CTL_PERIOD=0 (tests/fuzz/meson.build): every progress step
 * reaches the callback, so "cancel at the k-th call" happens in calls of
 * microseconds too.
 *
 * Oracles (fz_ctl_cb during the call, fz_ctl_after after it):
 * - fractions in [0, 1], nondecreasing, 1.0 at most once and last, and on
 *   FGROI_OK with a callback the last call is 1.0 (common.h: "with 1.0
 *   once on success"); the final 1.0's return value is ignored (the
 *   callback answers "cancel" to it);
 * - FGROI_E_CANCELLED only after the callback asked to stop, and once it
 *   asked (before 1.0) the call returns FGROI_E_CANCELLED; outputs are
 *   then untouched (fz_out_after: any error);
 * - a control whose struct_size does not reach user_data is refused with
 *   FGROI_E_STRUCT_SIZE;
 * - the message buffer: with a valid control whose struct_size covers it,
 *   the first message_capacity bytes hold a NUL, nothing past the capacity
 *   is written, it is empty on FGROI_OK and not empty on an error (when
 *   the capacity holds at least one character); with a control that does
 *   not cover it (struct_size of a 0.2 control without the message
 *   fields), nothing is written;
 * - fz_rerun_*: a call with a valid control that did not cancel returns
 *   the same status and the same output bytes as with a NULL control. */

#define FZ_MSG_ROOM 96

enum {
  FZ_CTL_PLAIN = 0,   /* no control: the function without _ctl / no field */
  FZ_CTL_NULL,        /* _ctl variant with control NULL */
  FZ_CTL_SILENT,      /* control without progress (message buffer only) */
  FZ_CTL_REPORT,      /* progress that never cancels */
  FZ_CTL_CANCEL,      /* progress that cancels at call cancel_at */
  FZ_CTL_BAD_SIZE,    /* struct_size too small for user_data */
  FZ_CTL_V0_SIZE      /* struct_size up to user_data only: no message fields */
};

typedef struct fz_ctl {
  fgroi_control c;
  const fgroi_control *p;  /* what the call receives */
  int mode;
  long cancel_at;          /* index of the call that cancels (0: the first) */
  double deadline;         /* > 0: every callback cancels after this many s */
  double start;
  long calls;
  int cancel_sent, hit_deadline, saw_one;
  int external;            /* the harness passes its own control instead */
  int field;               /* passed in an options struct's control field */
  double last;
  char msg[FZ_MSG_ROOM];   /* message buffer, canary past the capacity */
  size_t cap;
} fz_ctl;

static inline double fz_mono(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline int fz_ctl_cb(void *user, double fr) {
  fz_ctl *k = user;
  FZ_ASSERT(fr >= 0.0 && fr <= 1.0, "progress fraction %.17g outside [0, 1]", fr);
  FZ_ASSERT(!k->saw_one, "progress called (%.17g) after the final 1.0", fr);
  FZ_ASSERT(fr >= k->last, "progress fraction %.17g after %.17g (decreasing)", fr, k->last);
  k->last = fr;
  k->calls++;
  if (fr == 1.0) {
    k->saw_one = 1;
    return 1; /* ignored: the result is complete */
  }
  if (k->cancel_sent) return 1;
  int stop = 0;
  if (k->mode == FZ_CTL_CANCEL && k->calls - 1 >= k->cancel_at) stop = 1;
  if (k->deadline > 0 && fz_mono() - k->start > k->deadline) stop = k->hit_deadline = 1;
  if (stop) k->cancel_sent = 1;
  return stop;
}

/* Decode a control. deadline > 0: a progress callback also cancels after
 * that many seconds (long exact searches; libFuzzer's -timeout is wall
 * time). */
static inline void fz_ctl_prep(fz *f, fz_ctl *k, double deadline) {
  memset(k, 0, sizeof *k);
  k->cancel_at = -1;
  k->deadline = deadline;
  uint8_t s = fz_u8(f);
  if (s < 80) k->mode = FZ_CTL_PLAIN;
  else if (s < 96) k->mode = FZ_CTL_NULL;
  else if (s < 112) k->mode = FZ_CTL_SILENT;
  else if (s < 160) k->mode = FZ_CTL_REPORT;
  else if (s < 240) k->mode = FZ_CTL_CANCEL;
  else if (s < 248) k->mode = FZ_CTL_BAD_SIZE;
  else k->mode = FZ_CTL_V0_SIZE;
  memset(k->msg, 'Z', sizeof k->msg);
  if (k->mode == FZ_CTL_NULL) fz_log("  control: NULL");
  if (k->mode == FZ_CTL_PLAIN || k->mode == FZ_CTL_NULL) return;
  k->c.struct_size = sizeof k->c;
  if (k->mode != FZ_CTL_SILENT) {
    k->c.progress = fz_ctl_cb;
    k->c.user_data = k;
  }
  if (k->mode == FZ_CTL_CANCEL) {
    uint8_t c = fz_u8(f);
    k->cancel_at = c < 128 ? 0 : c < 192 ? c % 4 : c % 64;
  }
  static const size_t caps[] = { 0, 1, 2, 3, 8, 17, 40, 64 };
  uint8_t m = fz_u8(f);
  k->cap = caps[m % 8];
  if (m < 240) {
    k->c.message = k->msg;
    k->c.message_capacity = k->cap;
  }
  if (k->mode == FZ_CTL_BAD_SIZE) k->c.struct_size = (m & 1) ? 0 : offsetof(fgroi_control, user_data);
  if (k->mode == FZ_CTL_V0_SIZE) k->c.struct_size = offsetof(fgroi_control, message);
  k->p = &k->c;
  fz_log("  control: mode %d, cancel at %ld, message %s capacity %zu, struct_size %zu", k->mode,
         k->cancel_at, k->c.message ? "buffer" : "NULL", k->c.message_capacity, k->c.struct_size);
}

/* The call receives a control whose struct_size is valid. */
static inline int fz_ctl_valid(const fz_ctl *k) {
  return k->p != NULL && k->mode != FZ_CTL_BAD_SIZE;
}

/* Start the clock just before the call (for the deadline). */
static inline const fgroi_control *fz_ctl_go(fz_ctl *k) {
  k->start = fz_mono();
  return k->p;
}

/* A control contract gap that is not a memory or value error (a message
 * buffer not emptied on entry, no message on an error, no final 1.0 from
 * a function that never reported progress): printed once per function and
 * status as "fgroi fuzz note: ..." and counted, fatal only with
 * FGROI_FUZZ_STRICT_CONTROL=1 (docs/fuzzing.md, "Controls"). */
static int fz_strict_ctl = -1;
static struct { const char *what, *note; int status; } fz_notes[256];
static int fz_nnotes;

static inline void fz_note(const char *what, const char *note, fgroi_status s) {
  if (fz_strict_ctl < 0) fz_strict_ctl = fz_env("FGROI_FUZZ_STRICT_CONTROL");
  if (fz_strict_ctl) FZ_FAIL("%s: %s (%s)", what, note, fgroi_status_name(s));
  for (int i = 0; i < fz_nnotes; i++)
    if (fz_notes[i].what == what && fz_notes[i].note == note && fz_notes[i].status == (int)s) return;
  if (fz_nnotes < 256) {
    fz_notes[fz_nnotes].what = what;
    fz_notes[fz_nnotes].note = note;
    fz_notes[fz_nnotes++].status = (int)s;
    fprintf(stderr, "fgroi fuzz note: %s: %s (%s)\n", what, note, fgroi_status_name(s));
  }
}

/* The oracles after the call (read = 0: the function did not read the
 * control, e.g. an options struct too small to hold it). */
static inline void fz_ctl_after(const fz_ctl *k, fgroi_status s, int read, const char *what) {
  if (k->external) return; /* the harness's own control (fuzz_power.c) */
  if (k->p == NULL || !read) {
    FZ_ASSERT(k->calls == 0, "%s: progress called through a control not passed", what);
    FZ_ASSERT(s != FGROI_E_CANCELLED, "%s: FGROI_E_CANCELLED without a control", what);
    return;
  }
  if (k->mode == FZ_CTL_BAD_SIZE) {
    FZ_ASSERT(k->calls == 0, "%s: progress called through a control with struct_size %zu", what,
              k->c.struct_size);
    /* a _ctl function refuses it; an options struct's control field is
     * read only by the methods that run long */
    if (!k->field) FZ_ASSERT(s != FGROI_OK, "%s: control with struct_size %zu accepted", what, k->c.struct_size);
    else if (s == FGROI_OK) fz_note(what, "options->control with a bad struct_size ignored", s);
  }
  if (s == FGROI_E_CANCELLED)
    FZ_ASSERT(k->cancel_sent, "%s: FGROI_E_CANCELLED but the callback never asked to stop", what);
  if (k->cancel_sent)
    FZ_ASSERT(s == FGROI_E_CANCELLED, "%s: the callback asked to stop (call %ld) but the call returned %s",
              what, k->calls, fgroi_status_name(s));
  if (s == FGROI_OK && k->c.progress != NULL && fz_ctl_valid(k)) {
    if (k->calls > 0)
      FZ_ASSERT(k->saw_one, "%s: FGROI_OK after %ld progress calls without the final 1.0", what, k->calls);
    else
      fz_note(what, "FGROI_OK without any progress call (no final 1.0)", s);
  }
  /* the message buffer: never written past its capacity, nor at all
   * through a control whose struct_size does not cover it */
  int covered = fz_ctl_valid(k) && k->mode != FZ_CTL_V0_SIZE && k->c.message != NULL && k->cap > 0;
  size_t untouched = covered ? k->cap : 0;
  for (size_t i = untouched; i < sizeof k->msg; i++)
    FZ_ASSERT(k->msg[i] == 'Z', "%s: message written at byte %zu (capacity %zu, struct_size %zu)",
              what, i, covered ? k->cap : 0, k->c.struct_size);
  if (!covered) return;
  int touched = 0;
  for (size_t i = 0; i < k->cap; i++) touched |= k->msg[i] != 'Z';
  if (!touched) { /* never emptied on entry: the caller's old text stays */
    fz_note(what, "message buffer not emptied on entry, nor written", s);
    return;
  }
  FZ_ASSERT(memchr(k->msg, '\0', k->cap) != NULL, "%s: message not NUL-terminated inside its capacity %zu",
            what, k->cap);
  if (s == FGROI_OK) FZ_ASSERT(k->msg[0] == '\0', "%s: message \"%s\" left on FGROI_OK", what, k->msg);
  else if (k->cap >= 2 && k->msg[0] == '\0')
    fz_note(what, "no message for an error status", s);
}

/* Compare with a NULL control: after a call with a valid control that did
 * not cancel, fz_rerun_begin() saves the outputs and restores their
 * canaries; the harness calls again with control NULL; fz_rerun_end()
 * checks that status and bytes are the same, and leaves the first call's
 * outputs in place. Returns nonzero when a rerun is due. */
typedef struct fz_rerun {
  fz_out *o[4];
  unsigned char *saved[4];
  int n;
  fgroi_status s;
} fz_rerun;

static inline int fz_rerun_begin(fz_rerun *r, const fz_ctl *k, fgroi_status s, fz_out *a, fz_out *b,
                                 fz_out *c) {
  r->n = 0;
  if (!fz_ctl_valid(k) || k->cancel_sent || s == FGROI_E_CANCELLED) return 0;
  if (fz_mono() - k->start > 0.25) return 0; /* keep under -timeout */
  fz_out *all[3] = { a, b, c };
  for (int i = 0; i < 3; i++) {
    if (all[i] == NULL) continue;
    fz_out *o = all[i];
    unsigned char *sv = malloc(o->total);
    if (sv == NULL) abort();
    memcpy(sv, o->buf, o->total);
    memcpy(o->buf, o->snap, o->total);
    r->o[r->n] = o;
    r->saved[r->n++] = sv;
  }
  r->s = s;
  fz_log("  rerun with control NULL");
  return 1;
}

static inline void fz_rerun_end(fz_rerun *r, fgroi_status s2, const char *what) {
  FZ_ASSERT(s2 == r->s, "%s: %s with a control, %s with control NULL", what, fgroi_status_name(r->s),
            fgroi_status_name(s2));
  for (int i = 0; i < r->n; i++) {
    const fz_out *o = r->o[i];
    if (o->elem == 0) {
      FZ_ASSERT(memcmp(o->buf, r->saved[i], o->total) == 0,
                "%s: output %d differs between a control and control NULL", what, i);
    } else {
      for (size_t e = 0; e + o->elem <= o->size; e += o->elem)
        FZ_ASSERT(memcmp(o->buf + e, r->saved[i] + e, o->used) == 0,
                  "%s: output %d element %zu differs between a control and control NULL", what, i,
                  e / o->elem);
    }
    free(r->saved[i]);
  }
  r->n = 0;
}

/* One call with a decoded control k: PLAIN without a control (the
 * function without _ctl), CALL with the control `FZC` (an expression
 * using the variable FZC); then the control oracles, and a rerun of CALL
 * with FZC = NULL compared with the outputs A, B, C (fz_out *, or NULL).
 * FZ_CTL_RUN_R: READ is whether the call reads the control (an options
 * struct whose struct_size covers its control field). */
#define FZ_CTL_RUN_R(k, READ, s, what, PLAIN, CALL, A, B, C) do { \
    const fgroi_control *FZC = fz_ctl_go(&(k)); \
    (void)FZC; \
    if ((k).mode == FZ_CTL_PLAIN) (s) = (PLAIN); else (s) = (CALL); \
    fz_check_status(s); \
    fz_ctl_after(&(k), (s), (READ), (what)); \
    fz_rerun fz_r_; \
    if ((k).mode != FZ_CTL_PLAIN && (READ) && fz_rerun_begin(&fz_r_, &(k), (s), (A), (B), (C))) { \
      FZC = NULL; \
      fgroi_status fz_s2_ = (CALL); \
      fz_rerun_end(&fz_r_, fz_s2_, (what)); \
    } \
  } while (0)

#define FZ_CTL_RUN(k, s, what, PLAIN, CALL, A, B, C) FZ_CTL_RUN_R(k, 1, s, what, PLAIN, CALL, A, B, C)

#endif /* FGROI_FUZZ_COMMON_H */
