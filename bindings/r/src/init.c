/* Routine registration: every .Call entry point is listed here (the
 * generated ones through fgroi_gen.h); dynamic symbol lookup is off and
 * symbols are forced, so R code can only reach them as C_<name> objects. */
#include "fgroi_r.h"
#include "fgroi_gen.h"

FGR_GENERATED_DECLS
SEXP fgr_rank_test_alone(SEXP, SEXP, SEXP, SEXP, SEXP, SEXP, SEXP);

static const R_CallMethodDef call_methods[] = {
  FGR_GENERATED_CALLS
  {"fgr_rank_test_alone", (DL_FUNC) &fgr_rank_test_alone, 7},
  {NULL, NULL, 0}
};

void R_init_fgroi(DllInfo *dll);
void R_init_fgroi(DllInfo *dll) {
  R_registerRoutines(dll, NULL, call_methods, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  R_forceSymbols(dll, TRUE);
}
