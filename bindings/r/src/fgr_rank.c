/* The rank tests without the Hodges-Lehmann interval (hand-written): R's
 * wilcox.test(conf.int = FALSE) never computes the interval, so a test
 * that is defined when the interval is not (every paired difference tied)
 * returns its p-value, as R does (issue 17). The generated wrappers always
 * pass every output struct; this one passes ci = NULL. */
#include "fgroi_r.h"

SEXP fgr_rank_test_alone(SEXP s_kind, SEXP s_x, SEXP s_y, SEXP s_mu, SEXP s_method,
                         SEXP s_conf_level, SEXP s_alternative);
SEXP fgr_rank_test_alone(SEXP s_kind, SEXP s_x, SEXP s_y, SEXP s_mu, SEXP s_method,
                         SEXP s_conf_level, SEXP s_alternative) {
  fgroi_status st;
  int64_t kind;
  if ((st = fgr_get_int64(s_kind, &kind)) != FGROI_OK) return fgr_status(st, "kind");
  const double *x = NULL, *y = NULL;
  size_t nx = 0, ny = 0;
  double mu, conf_level;
  fgroi_method method;
  fgroi_alternative alternative;
  if ((st = fgr_get_array(s_x, "double", (const void **)&x, &nx)) != FGROI_OK) return fgr_status(st, "x");
  if (kind != 0 && (st = fgr_get_array(s_y, "double", (const void **)&y, &ny)) != FGROI_OK)
    return fgr_status(st, "y");
  if ((st = fgr_get_double(s_mu, &mu)) != FGROI_OK) return fgr_status(st, "mu");
  if ((st = fgr_get_method(s_method, &method)) != FGROI_OK) return fgr_status(st, "method");
  if ((st = fgr_get_double(s_conf_level, &conf_level)) != FGROI_OK) return fgr_status(st, "conf_level");
  if ((st = fgr_get_alternative(s_alternative, &alternative)) != FGROI_OK)
    return fgr_status(st, "alternative");
  fgroi_test t = FGROI_INIT(fgroi_test);
  if (kind == 0) {
    st = fgroi_means_wilcoxon_one(x, nx, mu, method, conf_level, alternative, NULL, &t);
  } else if (kind == 1) {
    if (nx != ny) return fgr_status(FGROI_E_LENGTH_MISMATCH, "y");
    st = fgroi_means_wilcoxon_paired(x, y, nx, mu, method, conf_level, alternative, NULL, &t);
  } else {
    st = fgroi_means_mann_whitney(x, nx, y, ny, mu, method, conf_level, alternative, NULL, &t);
  }
  if (st != FGROI_OK) return fgr_status(st, NULL);
  const char *names[] = { "statistic", "df", "p_value", "null_value", "method", "alternative", "flags" };
  SEXP res = PROTECT(Rf_allocVector(VECSXP, 7));
  SEXP nms = PROTECT(Rf_allocVector(STRSXP, 7));
  for (int i = 0; i < 7; i++) SET_STRING_ELT(nms, i, Rf_mkChar(names[i]));
  SET_VECTOR_ELT(res, 0, Rf_ScalarReal(t.statistic));
  SET_VECTOR_ELT(res, 1, Rf_ScalarReal(t.df));
  SET_VECTOR_ELT(res, 2, Rf_ScalarReal(t.p_value));
  SET_VECTOR_ELT(res, 3, Rf_ScalarReal(t.null_value));
  SET_VECTOR_ELT(res, 4, fgr_mk_method(t.method));
  SET_VECTOR_ELT(res, 5, fgr_mk_alternative(t.alternative));
  SET_VECTOR_ELT(res, 6, Rf_ScalarReal((double)t.flags));
  Rf_setAttrib(res, R_NamesSymbol, nms);
  UNPROTECT(2);
  return res;
}
