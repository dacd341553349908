/* Conversions between R values and libfgroi's C types (see fgroi_r.h). */
#include "fgroi_r.h"

#include <math.h>
#include <stdarg.h>

/* A failed call returns this to R: an integer status with class
 * "fgroi_status" and the offending argument's name (or NULL). */
SEXP fgr_status(fgroi_status st, const char *arg) {
  SEXP res = PROTECT(Rf_ScalarInteger((int)st));
  SEXP cls = PROTECT(Rf_mkString("fgroi_status"));
  Rf_setAttrib(res, R_ClassSymbol, cls);
  if (arg != NULL) {
    SEXP a = PROTECT(Rf_mkString(arg));
    Rf_setAttrib(res, Rf_install("arg"), a);
    UNPROTECT(1);
  }
  UNPROTECT(2);
  return res;
}

/* The same, with the message the library wrote into the call's control
 * (a NUL-terminated buffer of the wrapper's; empty: none) as attribute
 * "message" (R/detail.R shows it). */
SEXP fgr_status_msg(fgroi_status st, const char *arg, const char *msg) {
  SEXP res = PROTECT(fgr_status(st, arg));
  if (msg != NULL && msg[0] != '\0') {
    SEXP m = PROTECT(Rf_mkString(msg));
    Rf_setAttrib(res, Rf_install("message"), m);
    UNPROTECT(1);
  }
  UNPROTECT(1);
  return res;
}

SEXP fgr_list_get(SEXP list, const char *name) {
  SEXP nms = Rf_getAttrib(list, R_NamesSymbol);
  if (TYPEOF(nms) != STRSXP) return R_NilValue;
  for (R_xlen_t i = 0; i < XLENGTH(list); i++)
    if (strcmp(CHAR(STRING_ELT(nms, i)), name) == 0) return VECTOR_ELT(list, i);
  return R_NilValue;
}

/* Element i of an atomic column as a length-1 vector (for struct arrays). */
SEXP fgr_elt(SEXP column, size_t i) {
  R_xlen_t k = (R_xlen_t)i;
  switch (TYPEOF(column)) {
    case REALSXP: return Rf_ScalarReal(REAL(column)[k]);
    case INTSXP: return Rf_ScalarInteger(INTEGER(column)[k]);
    case LGLSXP: return Rf_ScalarInteger(LOGICAL(column)[k]);
    case STRSXP: return Rf_ScalarString(STRING_ELT(column, k));
    default: Rf_error("a struct column must be atomic, not a %s", Rf_type2char(TYPEOF(column)));
  }
  return R_NilValue; /* not reached */
}

/* Doubles hold whole numbers exactly up to 2^53. */
fgroi_status fgr_dbl_to_i64(double d, int64_t *out) {
  if (ISNAN(d)) return FGROI_E_NAN;
  if (!R_FINITE(d)) return FGROI_E_INFINITE;
  if (d != floor(d)) return FGROI_E_NOT_INTEGER;
  if (fabs(d) > 9007199254740992.0) return FGROI_E_TOO_LARGE;
  *out = (int64_t)d;
  return FGROI_OK;
}

fgroi_status fgr_get_int64(SEXP s, int64_t *out) {
  if (XLENGTH(s) != 1) return FGROI_E_LENGTH_MISMATCH;
  switch (TYPEOF(s)) {
    case REALSXP: return fgr_dbl_to_i64(REAL(s)[0], out);
    case INTSXP: case LGLSXP:
      if (INTEGER(s)[0] == NA_INTEGER) return FGROI_E_NAN;
      *out = INTEGER(s)[0];
      return FGROI_OK;
    default: Rf_error("expected a number, got a %s", Rf_type2char(TYPEOF(s)));
  }
  return FGROI_E_INTERNAL; /* not reached */
}

fgroi_status fgr_get_double(SEXP s, double *out) {
  if (TYPEOF(s) != REALSXP) Rf_error("expected a double, got a %s", Rf_type2char(TYPEOF(s)));
  if (XLENGTH(s) != 1) return FGROI_E_LENGTH_MISMATCH;
  *out = REAL(s)[0];   /* NaN and Inf go on to the library, which names them */
  return FGROI_OK;
}

fgroi_status fgr_get_string(SEXP s, const char **out) {
  if (TYPEOF(s) != STRSXP) Rf_error("expected a string, got a %s", Rf_type2char(TYPEOF(s)));
  if (XLENGTH(s) != 1) return FGROI_E_LENGTH_MISMATCH;
  if (STRING_ELT(s, 0) == NA_STRING) return FGROI_E_UNKNOWN_NAME;
  *out = Rf_translateCharUTF8(STRING_ELT(s, 0));
  return FGROI_OK;
}

fgroi_status fgr_get_method(SEXP s, fgroi_method *out) {
  const char *name = NULL;
  fgroi_status st = fgr_get_string(s, &name);
  if (st != FGROI_OK) return st;
  return fgroi_method_from_name(name, out);
}

fgroi_status fgr_get_alternative(SEXP s, fgroi_alternative *out) {
  const char *name = NULL;
  fgroi_status st = fgr_get_string(s, &name);
  if (st != FGROI_OK) return st;
  return fgroi_alternative_from_name(name, out);
}

/* A length-0 vector's data pointer is not meant to be dereferenced; hand the
 * library a real (unused) address instead. */
static const double fgr_empty_slot[1] = { 0.0 };

#define FGR_CONVERT(T, LO, HI)                                                   \
  do {                                                                           \
    T *buf = (T *)R_alloc(n > 0 ? n : 1, sizeof(T));                             \
    for (size_t i = 0; i < n; i++) {                                             \
      int64_t v;                                                                 \
      fgroi_status st;                                                           \
      if (TYPEOF(s) == REALSXP) st = fgr_dbl_to_i64(REAL(s)[i], &v);             \
      else if (INTEGER(s)[i] == NA_INTEGER) st = FGROI_E_NAN;                    \
      else { v = INTEGER(s)[i]; st = FGROI_OK; }                                 \
      if (st != FGROI_OK) return st;                                             \
      if (v < (LO) || v > (HI)) return FGROI_E_OUT_OF_RANGE;                     \
      buf[i] = (T)v;                                                             \
    }                                                                            \
    *out = buf;                                                                  \
  } while (0)

fgroi_status fgr_get_array(SEXP s, const char *ctype, const void **out, size_t *np) {
  size_t n = (size_t)XLENGTH(s);
  *np = n;
  if (strcmp(ctype, "char*") == 0) {
    if (TYPEOF(s) != STRSXP) Rf_error("expected a character vector, got a %s", Rf_type2char(TYPEOF(s)));
    const char **buf = (const char **)R_alloc(n > 0 ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
      if (STRING_ELT(s, (R_xlen_t)i) == NA_STRING) return FGROI_E_NULL;
      buf[i] = Rf_translateCharUTF8(STRING_ELT(s, (R_xlen_t)i));
    }
    *out = buf;
    return FGROI_OK;
  }
  if (TYPEOF(s) != REALSXP && TYPEOF(s) != INTSXP && TYPEOF(s) != LGLSXP)
    Rf_error("expected a numeric vector, got a %s", Rf_type2char(TYPEOF(s)));
  if (strcmp(ctype, "double") == 0) {
    if (TYPEOF(s) != REALSXP) Rf_error("expected a double vector, got a %s", Rf_type2char(TYPEOF(s)));
    *out = n > 0 ? (const void *)REAL(s) : (const void *)fgr_empty_slot;
    return FGROI_OK;
  }
  if (strcmp(ctype, "int64_t") == 0) FGR_CONVERT(int64_t, INT64_MIN, INT64_MAX);
  else if (strcmp(ctype, "uint64_t") == 0 || strcmp(ctype, "size_t") == 0) FGR_CONVERT(uint64_t, 0, INT64_MAX);
  else if (strcmp(ctype, "uint8_t") == 0) FGR_CONVERT(uint8_t, 0, 255);
  else if (strcmp(ctype, "int") == 0 || strcmp(ctype, "int32_t") == 0) FGR_CONVERT(int, INT_MIN, INT_MAX);
  else if (strcmp(ctype, "unsigned int") == 0 || strcmp(ctype, "uint32_t") == 0) FGR_CONVERT(unsigned, 0, UINT_MAX);
  else Rf_error("fgroi: unsupported array element type %s", ctype);
  return FGROI_OK;
}

/* First capacity for a caller-allocated output array: the total length of
 * the inputs plus slack; the wrapper grows it once to the size the library
 * reports. */
size_t fgr_guess_capacity(int nargs, ...) {
  va_list ap;
  size_t total = 16;
  va_start(ap, nargs);
  for (int i = 0; i < nargs; i++) {
    SEXP s = va_arg(ap, SEXP);
    if (Rf_isVector(s) && !Rf_isNull(s)) total += (size_t)XLENGTH(s);
  }
  va_end(ap);
  return total;
}

SEXP fgr_mk_string(const char *s) {
  if (s == NULL) return Rf_ScalarString(NA_STRING);
  return Rf_mkString(s);
}

SEXP fgr_mk_method(fgroi_method m) { return fgr_mk_string(fgroi_method_name(m)); }

SEXP fgr_mk_alternative(fgroi_alternative a) { return fgr_mk_string(fgroi_alternative_name(a)); }

SEXP fgr_mk_real_array(const char *ctype, const void *p, size_t n) {
  SEXP res = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));
  for (size_t i = 0; i < n; i++) {
    double v;
    if (strcmp(ctype, "double") == 0) v = ((const double *)p)[i];
    else if (strcmp(ctype, "int64_t") == 0) v = (double)((const int64_t *)p)[i];
    else if (strcmp(ctype, "uint64_t") == 0 || strcmp(ctype, "size_t") == 0) v = (double)((const uint64_t *)p)[i];
    else if (strcmp(ctype, "uint8_t") == 0) v = (double)((const uint8_t *)p)[i];
    else if (strcmp(ctype, "int") == 0 || strcmp(ctype, "int32_t") == 0) v = (double)((const int *)p)[i];
    else if (strcmp(ctype, "unsigned int") == 0 || strcmp(ctype, "uint32_t") == 0) v = (double)((const unsigned *)p)[i];
    else v = NA_REAL;
    REAL(res)[i] = v;
  }
  UNPROTECT(1);
  return res;
}

/* Long calls and R's user interrupt (issue 16). The library calls this
 * progress callback on R's thread every 10 ms or so of work; it checks for
 * a pending interrupt inside R_ToplevelExec, so R's longjmp stays inside
 * that call and never crosses the library's frames, and asks the library
 * to stop. The library then frees its memory and returns
 * FGROI_E_CANCELLED, which R/errors.R turns back into an interrupt
 * condition. The control is a constant: no mutable global state. */
static void fgr_check_interrupt(void *unused) {
  (void)unused;
  R_CheckUserInterrupt();
}

static int fgr_interrupt_progress(void *user_data, double fraction) {
  (void)user_data;
  (void)fraction;
  return R_ToplevelExec(fgr_check_interrupt, NULL) ? 0 : 1;
}

static const fgroi_control fgr_interrupt = { .struct_size = sizeof(fgroi_control),
                                            .progress = fgr_interrupt_progress };

const fgroi_control *fgr_interrupt_control(void) { return &fgr_interrupt; }
