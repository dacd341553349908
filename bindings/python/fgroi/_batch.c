/* Vectorised calls of the binding (docs/python.md, "Arrays and DataFrames").
 *
 * Compiled into the CFFI extension _fgroi_cffi only (gen_cffi.py passes this
 * file to ffi.set_source): it adds no symbol to libfgroi and calls nothing
 * but the library's public API, one scalar call per element, so element i
 * of a vectorised result is bit for bit what the scalar call returns.
 *
 * Each input is a pointer and a stride in elements: stride 0 repeats one
 * value (numpy broadcasting of a scalar without a copy), stride 1 walks a
 * contiguous array. Every element gets its own status; a failed element
 * gets NaN in every numeric output (never the partial struct the library
 * may have left) so no value from a failed computation can be read as a
 * result. The whole loop runs without the GIL (CFFI's out-of-line API mode
 * releases it around every call into the extension).
 *
 * The block between the CDEF markers is what gen_cffi.py hands to
 * ffi.cdef: one declaration, kept here next to its definition. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <fgroi/fgroi.h>

/* CDEF BEGIN */
enum {
  FGROIPY_PROP_CI = 1,        /* i0 x, i1 n -> fgroi_interval */
  FGROIPY_PROP_TEST = 2,      /* i0 x, i1 n, d0 p0 -> fgroi_test */
  FGROIPY_PROP_DIFF_CI = 3,   /* i0 x1, i1 n1, i2 x2, i3 n2 -> fgroi_interval */
  FGROIPY_PROP_RATIO_CI = 4,  /* as FGROIPY_PROP_DIFF_CI */
  FGROIPY_PROP_OR_CI = 5,     /* as FGROIPY_PROP_DIFF_CI */
  FGROIPY_PROP_2X2_TEST = 6,  /* i0 x1, i1 n1, i2 x2, i3 n2 -> fgroi_test */
  FGROIPY_NPS_CI = 7,         /* i0 detractors, i1 passives, i2 promoters -> fgroi_interval */
  FGROIPY_NPS_TEST = 8,       /* i0..i2 as FGROIPY_NPS_CI, d0 null_nps -> fgroi_test */
  FGROIPY_POWER_PROP2 = 9,    /* d0 p1, d1 p2, d2 n -> double power */
  FGROIPY_POWER_PROP2_N = 10, /* d0 p1, d1 p2, d2 power -> double n */
  FGROIPY_POWER_T = 11,       /* d0 delta, d1 sd, d2 n, method = type -> double power */
  FGROIPY_POWER_T_N = 12,     /* d0 delta, d1 sd, d2 power, method = type -> double n */
  FGROIPY_POWER_MCNEMAR = 13, /* d0 p10, d1 p01, d2 n -> double power */
  FGROIPY_POWER_MCNEMAR_N = 14, /* d0 p10, d1 p01, d2 power -> double n */
  FGROIPY_PROP_CI_MANY = 15,   /* i0 x, i1 n -> packed record (see fgroipy_prop_ci_many) */
  FGROIPY_POWER_PROP2_EXACT = 16, /* d0 p1, d1 p2, i0 n1, i1 n2, method = test -> double power */
  FGROIPY_POWER_NPS = 17,      /* d0 prom1, d1 det1, d2 prom2, d3 det2, d4 n1 -> double power */
  FGROIPY_POWER_NPS_N = 18     /* d0..d3 as FGROIPY_POWER_NPS, d4 power -> double n1 */
};
size_t fgroipy_batch(int kind, size_t n,
                     const int64_t *i0, ptrdiff_t si0, const int64_t *i1, ptrdiff_t si1,
                     const int64_t *i2, ptrdiff_t si2, const int64_t *i3, ptrdiff_t si3,
                     const double *d0, ptrdiff_t sd0, const double *d1, ptrdiff_t sd1,
                     const double *d2, ptrdiff_t sd2, const double *d3, ptrdiff_t sd3,
                     const double *d4, ptrdiff_t sd4,
                     int method, double conf_level, int alternative, const void *options,
                     char *records, size_t record_size, size_t status_offset);
/* CDEF END */

/* FGROIPY_PROP_CI_MANY: the library's column entry point
 * fgroi_prop_ci_many (the normal quantile computed once per call, issue 18)
 * in chunks that stay in L1, scattered into packed records of
 * `record_size` bytes: estimate, low, high (double at 0, 8, 16), flags
 * (unsigned at 24), status (int at status_offset). Element i is bit for bit
 * fgroi_prop_ci's (tests/test_prop.c). Returns how many elements failed. */
#define FGROIPY_CHUNK 256 /* the outputs stay in L1 between the library call and the scatter */
static size_t fgroipy_prop_ci_many(size_t n, const int64_t *x, ptrdiff_t sx, const int64_t *t,
                                   ptrdiff_t st, int method, double conf_level, int alternative,
                                   char *records, size_t record_size, size_t status_offset) {
  int64_t xb[FGROIPY_CHUNK], nb[FGROIPY_CHUNK];
  double est[FGROIPY_CHUNK], lo[FGROIPY_CHUNK], hi[FGROIPY_CHUNK];
  unsigned fl[FGROIPY_CHUNK];
  fgroi_status stat[FGROIPY_CHUNK];
  size_t failed = 0;
  for (size_t at = 0; at < n; at += FGROIPY_CHUNK) {
    size_t len = n - at < FGROIPY_CHUNK ? n - at : FGROIPY_CHUNK;
    const int64_t *xp = x + at, *np_ = t + at;
    if (sx == 0) {
      for (size_t j = 0; j < len; j++) xb[j] = x[0];
      xp = xb;
    }
    if (st == 0) {
      for (size_t j = 0; j < len; j++) nb[j] = t[0];
      np_ = nb;
    }
    fgroi_status s = fgroi_prop_ci_many(xp, np_, len, (fgroi_method)method, conf_level,
                                        (fgroi_alternative)alternative, est, lo, hi, fl, stat);
    if (s == FGROI_E_NULL || s == FGROI_E_CONF_LEVEL || s == FGROI_E_ALTERNATIVE ||
        s == FGROI_E_METHOD) { /* about the call: every element fails with it */
      for (size_t j = 0; j < len; j++) {
        est[j] = lo[j] = hi[j] = NAN;
        fl[j] = 0;
        stat[j] = s;
      }
    }
    char *rec = records + at * record_size;
    if (record_size == 32 && status_offset == 28) {
      /* the packed record: two 16-byte stores per element */
      for (size_t j = 0; j < len; j++, rec += 32) {
        struct { double hi; unsigned flags; int status; } tail = { hi[j], fl[j], (int)stat[j] };
        const double head[2] = { est[j], lo[j] };
        memcpy(rec, head, sizeof head);
        memcpy(rec + 16, &tail, 16);
        failed += stat[j] != FGROI_OK;
      }
      continue;
    }
    for (size_t j = 0; j < len; j++, rec += record_size) {
      double *d = (double *)(void *)rec;
      d[0] = est[j];
      d[1] = lo[j];
      d[2] = hi[j];
      *(unsigned *)(void *)(rec + 3 * sizeof(double)) = fl[j];
      *(int *)(void *)(rec + status_offset) = (int)stat[j];
      failed += stat[j] != FGROI_OK;
    }
  }
  return failed;
}

static void fgroipy_nan_interval(fgroi_interval *r) {
  r->estimate = NAN;
  r->lower = NAN;
  r->upper = NAN;
  r->flags = 0;
}

static void fgroipy_nan_test(fgroi_test *r) {
  r->statistic = NAN;
  r->df = NAN;
  r->p_value = NAN;
  r->flags = 0;
}

/* Runs `n` calls of the function `kind` and returns how many failed.
 * `records` holds n records of `record_size` bytes (a multiple of 8, so
 * every record stays aligned): each starts with the call's output (an
 * fgroi_interval, an fgroi_test or a double, by kind) and has the call's
 * status as an int at `status_offset` (past the output). The caller (numpy)
 * allocates them, so the result's columns are views without a copy. An
 * unknown kind marks every element FGROI_E_METHOD. */
size_t fgroipy_batch(int kind, size_t n,
                     const int64_t *i0, ptrdiff_t si0, const int64_t *i1, ptrdiff_t si1,
                     const int64_t *i2, ptrdiff_t si2, const int64_t *i3, ptrdiff_t si3,
                     const double *d0, ptrdiff_t sd0, const double *d1, ptrdiff_t sd1,
                     const double *d2, ptrdiff_t sd2, const double *d3, ptrdiff_t sd3,
                     const double *d4, ptrdiff_t sd4,
                     int method, double conf_level, int alternative, const void *options,
                     char *records, size_t record_size, size_t status_offset) {
  if (kind == FGROIPY_PROP_CI_MANY)
    return fgroipy_prop_ci_many(n, i0, si0, i1, si1, method, conf_level, alternative, records,
                                record_size, status_offset);
  const fgroi_method m = (fgroi_method)method;
  const fgroi_alternative alt = (fgroi_alternative)alternative;
  size_t failed = 0;
  for (size_t i = 0; i < n; i++) {
    const ptrdiff_t k = (ptrdiff_t)i;
    char *rec = records + i * record_size;
    fgroi_interval *ci = (fgroi_interval *)(void *)rec;
    fgroi_test *te = (fgroi_test *)(void *)rec;
    double *dv = (double *)(void *)rec;
    fgroi_status s;
    switch (kind) {
      case FGROIPY_PROP_CI:
        ci->struct_size = sizeof(fgroi_interval);
        s = fgroi_prop_ci(i0[k * si0], i1[k * si1], m, conf_level, alt, ci);
        break;
      case FGROIPY_PROP_TEST:
        te->struct_size = sizeof(fgroi_test);
        s = fgroi_prop_test(i0[k * si0], i1[k * si1], d0[k * sd0], m, alt, te);
        break;
      case FGROIPY_PROP_DIFF_CI:
        ci->struct_size = sizeof(fgroi_interval);
        s = fgroi_prop_diff_ci(i0[k * si0], i1[k * si1], i2[k * si2], i3[k * si3], m,
                               conf_level, alt, ci);
        break;
      case FGROIPY_PROP_RATIO_CI:
        ci->struct_size = sizeof(fgroi_interval);
        s = fgroi_prop_ratio_ci(i0[k * si0], i1[k * si1], i2[k * si2], i3[k * si3], m,
                                conf_level, alt, ci);
        break;
      case FGROIPY_PROP_OR_CI:
        ci->struct_size = sizeof(fgroi_interval);
        s = fgroi_prop_odds_ratio_ci(i0[k * si0], i1[k * si1], i2[k * si2], i3[k * si3], m,
                                     conf_level, alt, ci);
        break;
      case FGROIPY_PROP_2X2_TEST:
        te->struct_size = sizeof(fgroi_test);
        s = fgroi_prop_2x2_test(i0[k * si0], i1[k * si1], i2[k * si2], i3[k * si3], m, alt,
                                te);
        break;
      case FGROIPY_NPS_CI:
        ci->struct_size = sizeof(fgroi_interval);
        s = fgroi_nps_ci(i0[k * si0], i1[k * si1], i2[k * si2], m, conf_level, alt,
                         (const fgroi_nps_options *)options, ci);
        break;
      case FGROIPY_NPS_TEST:
        te->struct_size = sizeof(fgroi_test);
        s = fgroi_nps_test(i0[k * si0], i1[k * si1], i2[k * si2], d0[k * sd0], m, alt, te);
        break;
      case FGROIPY_POWER_PROP2:
        s = fgroi_power_prop2(d0[k * sd0], d1[k * sd1], d2[k * sd2],
                              (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_PROP2_N:
        s = fgroi_power_prop2_n(d0[k * sd0], d1[k * sd1], d2[k * sd2],
                                (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_T:
        s = fgroi_power_t(d0[k * sd0], d1[k * sd1], d2[k * sd2], m,
                          (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_T_N:
        s = fgroi_power_t_n(d0[k * sd0], d1[k * sd1], d2[k * sd2], m,
                            (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_MCNEMAR:
        s = fgroi_power_mcnemar(d0[k * sd0], d1[k * sd1], d2[k * sd2], m,
                                (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_MCNEMAR_N:
        s = fgroi_power_mcnemar_n(d0[k * sd0], d1[k * sd1], d2[k * sd2], m,
                                  (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_PROP2_EXACT:
        s = fgroi_power_prop2_exact(d0[k * sd0], d1[k * sd1], i0[k * si0], i1[k * si1], m,
                                    (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_NPS:
        s = fgroi_power_nps(d0[k * sd0], d1[k * sd1], d2[k * sd2], d3[k * sd3], d4[k * sd4],
                            (const fgroi_power_options *)options, dv);
        break;
      case FGROIPY_POWER_NPS_N:
        s = fgroi_power_nps_n(d0[k * sd0], d1[k * sd1], d2[k * sd2], d3[k * sd3], d4[k * sd4],
                              (const fgroi_power_options *)options, dv);
        break;
      default:
        s = FGROI_E_METHOD;
        break;
    }
    *(int *)(void *)(rec + status_offset) = (int)s;
    if (s != FGROI_OK) {
      failed++;
      switch (kind) {
        case FGROIPY_PROP_CI: case FGROIPY_PROP_DIFF_CI: case FGROIPY_PROP_RATIO_CI:
        case FGROIPY_PROP_OR_CI: case FGROIPY_NPS_CI:
          fgroipy_nan_interval(ci);
          break;
        case FGROIPY_PROP_TEST: case FGROIPY_PROP_2X2_TEST: case FGROIPY_NPS_TEST:
          fgroipy_nan_test(te);
          break;
        case FGROIPY_POWER_PROP2: case FGROIPY_POWER_PROP2_N: case FGROIPY_POWER_T:
        case FGROIPY_POWER_T_N: case FGROIPY_POWER_MCNEMAR: case FGROIPY_POWER_MCNEMAR_N:
        case FGROIPY_POWER_PROP2_EXACT: case FGROIPY_POWER_NPS: case FGROIPY_POWER_NPS_N:
          *dv = NAN;
          break;
        default:
          break;
      }
    }
  }
  return failed;
}
