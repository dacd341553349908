/* Status messages and names. The table in docs/errors.md mirrors this one;
 * tests/test_status.c checks that they agree. */
#include "internal.h"

typedef struct { fgroi_status code; const char *name; const char *message; } status_row;

static const status_row status_table[] = {
  { FGROI_OK, "FGROI_OK", "success" },
  { FGROI_E_NULL, "FGROI_E_NULL", "a required pointer argument is NULL" },
  { FGROI_E_STRUCT_SIZE, "FGROI_E_STRUCT_SIZE", "struct_size is unset or too small (initialise with FGROI_INIT)" },
  { FGROI_E_NEGATIVE_COUNT, "FGROI_E_NEGATIVE_COUNT", "a count or total is negative" },
  { FGROI_E_COUNT_EXCEEDS_TOTAL, "FGROI_E_COUNT_EXCEEDS_TOTAL", "a count is larger than its total" },
  { FGROI_E_NAN, "FGROI_E_NAN", "an input value is NaN" },
  { FGROI_E_INFINITE, "FGROI_E_INFINITE", "an input value is infinite" },
  { FGROI_E_CONF_LEVEL, "FGROI_E_CONF_LEVEL", "confidence level must be strictly between 0 and 1" },
  { FGROI_E_EMPTY, "FGROI_E_EMPTY", "the sample is empty or its total is zero" },
  { FGROI_E_SCORE_RANGE, "FGROI_E_SCORE_RANGE", "a score is outside 0..10" },
  { FGROI_E_METHOD, "FGROI_E_METHOD", "method is not known or not valid for this function" },
  { FGROI_E_ALTERNATIVE, "FGROI_E_ALTERNATIVE", "alternative must be two_sided, less or greater" },
  { FGROI_E_PROBABILITY, "FGROI_E_PROBABILITY", "a probability argument is outside its allowed range" },
  { FGROI_E_LENGTH_MISMATCH, "FGROI_E_LENGTH_MISMATCH", "arrays that must have equal length do not" },
  { FGROI_E_CAPACITY, "FGROI_E_CAPACITY", "a caller-allocated output array is too small" },
  { FGROI_E_TOO_FEW, "FGROI_E_TOO_FEW", "too few observations for this method" },
  { FGROI_E_ZERO_VARIANCE, "FGROI_E_ZERO_VARIANCE", "the data have zero variance; the statistic is undefined" },
  { FGROI_E_NOT_ESTIMABLE, "FGROI_E_NOT_ESTIMABLE", "the estimate is undefined for these data" },
  { FGROI_E_NO_CONVERGENCE, "FGROI_E_NO_CONVERGENCE", "an iterative computation did not converge" },
  { FGROI_E_TOO_LARGE, "FGROI_E_TOO_LARGE", "the problem is larger than this method supports" },
  { FGROI_E_NO_MEMORY, "FGROI_E_NO_MEMORY", "memory allocation failed" },
  { FGROI_E_OUT_OF_RANGE, "FGROI_E_OUT_OF_RANGE", "a numeric argument is outside its documented domain" },
  { FGROI_E_UNKNOWN_NAME, "FGROI_E_UNKNOWN_NAME", "the name is not recognised" },
  { FGROI_E_OVERFLOW, "FGROI_E_OVERFLOW", "a tally or count would overflow" },
  { FGROI_E_INTERNAL, "FGROI_E_INTERNAL", "a numerical dependency failed unexpectedly" },
  { FGROI_E_NOT_INTEGER, "FGROI_E_NOT_INTEGER", "a value that must be a whole number is not" },
  { FGROI_E_INVALID_TIME, "FGROI_E_INVALID_TIME", "a time or window is negative or out of order" },
  { FGROI_E_DUPLICATE, "FGROI_E_DUPLICATE", "an identifier that must be unique is repeated" },
  { FGROI_E_NO_EVENTS, "FGROI_E_NO_EVENTS", "nothing to analyse (no events, or all censored)" },
  { FGROI_E_CANCELLED, "FGROI_E_CANCELLED", "cancelled by the caller's progress callback" },
};

static const status_row *find_status(fgroi_status s) {
  for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
    if (status_table[i].code == s) return &status_table[i];
  return NULL;
}

FGROI_API const char *fgroi_strerror(fgroi_status status) {
  const status_row *r = find_status(status);
  return r ? r->message : "unknown libfgroi status code";
}

FGROI_API const char *fgroi_status_name(fgroi_status status) {
  const status_row *r = find_status(status);
  return r ? r->name : NULL;
}

FGROI_API const char *fgroi_alternative_name(fgroi_alternative a) {
  switch (a) {
    case FGROI_TWO_SIDED: return "two_sided";
    case FGROI_LESS: return "less";
    case FGROI_GREATER: return "greater";
  }
  return NULL;
}

FGROI_API fgroi_status fgroi_alternative_from_name(const char *name, fgroi_alternative *out) {
  if (name == NULL || out == NULL) return FGROI_E_NULL;
  if (strcmp(name, "two_sided") == 0 || strcmp(name, "two.sided") == 0) *out = FGROI_TWO_SIDED;
  else if (strcmp(name, "less") == 0) *out = FGROI_LESS;
  else if (strcmp(name, "greater") == 0) *out = FGROI_GREATER;
  /* peers' spellings (0.2): scipy / statsmodels "two-sided", statsmodels
   * "larger" / "smaller" */
  else if (strcmp(name, "two-sided") == 0) *out = FGROI_TWO_SIDED;
  else if (strcmp(name, "larger") == 0) *out = FGROI_GREATER;
  else if (strcmp(name, "smaller") == 0) *out = FGROI_LESS;
  else return FGROI_E_UNKNOWN_NAME;
  return FGROI_OK;
}

FGROI_API const char *fgroi_version(void) { return FGROI_VERSION_STRING; }
FGROI_API int fgroi_version_number(void) { return FGROI_VERSION_NUMBER; }
