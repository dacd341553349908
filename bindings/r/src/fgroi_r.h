/* Shared helpers of the fgroi R package's .Call layer (hand-written).
 * The generated wrappers (fgroi_gen.c) use only these. Conversions never
 * raise an R error for a bad value: they return an fgroi_status, and the
 * wrapper hands it back to R as a status object that R turns into a
 * classed condition (R/errors.R), so nothing is left half-done in C. A
 * plain R error is raised only for a wrong SEXP type, which the R layer
 * rules out by coercing first. Scratch memory comes from R_alloc, which R
 * releases itself at the end of the .Call even on an error. */
#ifndef FGROI_R_H
#define FGROI_R_H

#ifndef R_NO_REMAP
#define R_NO_REMAP
#endif
#ifndef STRICT_R_HEADERS
#define STRICT_R_HEADERS
#endif
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <fgroi/fgroi.h>

SEXP fgr_status(fgroi_status st, const char *arg);
SEXP fgr_status_msg(fgroi_status st, const char *arg, const char *msg);
SEXP fgr_list_get(SEXP list, const char *name);
SEXP fgr_elt(SEXP column, size_t i);
fgroi_status fgr_dbl_to_i64(double d, int64_t *out);
fgroi_status fgr_get_int64(SEXP s, int64_t *out);
fgroi_status fgr_get_double(SEXP s, double *out);
fgroi_status fgr_get_method(SEXP s, fgroi_method *out);
fgroi_status fgr_get_alternative(SEXP s, fgroi_alternative *out);
fgroi_status fgr_get_string(SEXP s, const char **out);
fgroi_status fgr_get_array(SEXP s, const char *ctype, const void **out, size_t *n);
size_t fgr_guess_capacity(int nargs, ...);
SEXP fgr_mk_method(fgroi_method m);
SEXP fgr_mk_alternative(fgroi_alternative a);
SEXP fgr_mk_string(const char *s);
SEXP fgr_mk_real_array(const char *ctype, const void *p, size_t n);
const fgroi_control *fgr_interrupt_control(void);

#endif
