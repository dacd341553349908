/** @file common.h
 * Types shared by every libfgroi domain: the export macro, status codes,
 * alternatives, result flags, and the two shared result types
 * (::fgroi_interval and ::fgroi_test).
 *
 * ABI rules (see docs/abi.md):
 * - every public result and option struct starts with `size_t struct_size`,
 *   which the caller sets with FGROI_INIT(); the library writes only the
 *   fields that fit in that size, and new fields are only ever appended;
 * - no public struct embeds another public struct by value: a function with
 *   several results takes several output pointers;
 * - status codes, method codes and flag bits have explicit values that are
 *   never renumbered or reused.
 */
#ifndef FGROI_COMMON_H
#define FGROI_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <fgroi/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a declaration as part of the exported ABI. */
#if defined(_WIN32) && defined(FGROI_BUILDING)
#  define FGROI_API __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define FGROI_API __attribute__((visibility("default")))
#else
#  define FGROI_API
#endif

/** Initialise a public struct: zero it and set its struct_size.
 *  Example: `fgroi_interval ci = FGROI_INIT(fgroi_interval);` */
#ifdef __cplusplus
#  define FGROI_INIT(type) ([]() { type v_{}; v_.struct_size = sizeof(type); return v_; }())
#else
#  define FGROI_INIT(type) ((type){ .struct_size = sizeof(type) })
#endif

/** Status of every fallible call. Values are stable and never reused.
 *  fgroi_strerror() gives a static message for each. On any status other
 *  than FGROI_OK the caller's output structs are left untouched. */
typedef enum fgroi_status {
  FGROI_OK = 0,
  FGROI_E_NULL = 1,               /**< a required pointer argument is NULL */
  FGROI_E_STRUCT_SIZE = 2,        /**< struct_size unset or smaller than the first release's struct */
  FGROI_E_NEGATIVE_COUNT = 3,     /**< a count or total is negative */
  FGROI_E_COUNT_EXCEEDS_TOTAL = 4,/**< a count is larger than its total (x > n) */
  FGROI_E_NAN = 5,                /**< an input value is NaN */
  FGROI_E_INFINITE = 6,           /**< an input value is infinite */
  FGROI_E_CONF_LEVEL = 7,         /**< confidence level not strictly inside (0, 1) */
  FGROI_E_EMPTY = 8,              /**< empty sample or zero total */
  FGROI_E_SCORE_RANGE = 9,        /**< a score outside 0..10 (NPS) */
  FGROI_E_METHOD = 10,            /**< method not known, or not valid for this function */
  FGROI_E_ALTERNATIVE = 11,       /**< alternative not one of two_sided, less, greater */
  FGROI_E_PROBABILITY = 12,       /**< a probability argument (p0, alpha, power) outside its range */
  FGROI_E_LENGTH_MISMATCH = 13,   /**< arrays that must have equal length do not */
  FGROI_E_CAPACITY = 14,          /**< a caller-allocated output array is too small */
  FGROI_E_TOO_FEW = 15,           /**< too few observations for this method */
  FGROI_E_ZERO_VARIANCE = 16,     /**< the data have no variance; the statistic is undefined */
  FGROI_E_NOT_ESTIMABLE = 17,     /**< the estimate is undefined for these data */
  FGROI_E_NO_CONVERGENCE = 18,    /**< an iterative computation did not converge */
  FGROI_E_TOO_LARGE = 19,         /**< problem size beyond what the method supports */
  FGROI_E_NO_MEMORY = 20,         /**< memory allocation failed */
  FGROI_E_OUT_OF_RANGE = 21,      /**< a numeric argument is outside its documented domain */
  FGROI_E_UNKNOWN_NAME = 22,      /**< a method or option name is not recognised */
  FGROI_E_OVERFLOW = 23,          /**< a tally or count would overflow */
  FGROI_E_INTERNAL = 24,          /**< a numerical dependency failed unexpectedly */
  FGROI_E_NOT_INTEGER = 25,       /**< a value that must be a whole number is not */
  FGROI_E_INVALID_TIME = 26,      /**< a time or window is negative or out of order */
  FGROI_E_DUPLICATE = 27,         /**< an identifier that must be unique is repeated */
  FGROI_E_NO_EVENTS = 28,         /**< nothing to analyse (e.g. no events, all censored) */
  FGROI_E_CANCELLED = 29          /**< the caller's progress callback asked to stop (@since 0.2) */
  /* New codes are appended with the next free value; never renumber. */
} fgroi_status;

/** Static English text for a status; never NULL (unknown codes get a
 *  generic message). Thread-safe. */
FGROI_API const char *fgroi_strerror(fgroi_status status);

/** Stable identifier of a status, e.g. "FGROI_E_NAN"; NULL when unknown. */
FGROI_API const char *fgroi_status_name(fgroi_status status);

/** Which argument a status of a function is about, and that argument's
 *  valid domain: static text of the form "argument[, argument...]: domain",
 *  e.g. fgroi_status_detail("fgroi_prop_ci", FGROI_E_CONF_LEVEL) is
 *  "conf_level: must be in (0, 1)". A field of an options struct is
 *  written "options->alternative". Where several arguments can raise the
 *  status all are listed (the caller, who holds the values, names the one
 *  outside its domain); statuses about the data or the machine rather than
 *  one argument (FGROI_E_NO_MEMORY, FGROI_E_INTERNAL, FGROI_E_CANCELLED)
 *  give the condition alone. A message is then
 *  `printf("%s: %s = %g: %s", fgroi_status_name(s), "conf_level", 1.5, domain)`
 *  (docs/api-conventions.md, "Errors name the argument"). The table is
 *  generated from the headers' @return lists; no global state.
 *  @param function_name the function's name, with or without the fgroi_ prefix
 *  @param status a status the function documents
 *  @return the detail, or NULL when function is NULL or not public, or
 *  status is not one it documents. Thread-safe. @since 1.0 */
FGROI_API const char *fgroi_status_detail(const char *function_name, fgroi_status status);

/** Progress and cancellation callback of a long computation: called with
 *  the fraction done in [0, 1], nondecreasing within one call of the
 *  library, at most about every 10 ms of work, and with 1.0 once on
 *  success. Return 0 to continue, non-zero to cancel: the function then
 *  returns FGROI_E_CANCELLED within about 10 ms more of work and leaves
 *  its outputs untouched (the return value of the final 1.0 call is
 *  ignored: the result is complete). Called on the calling thread; must
 *  not call back into the same libfgroi function with the same workspace.
 *  @since 0.2 */
typedef int (*fgroi_progress_fn)(void *user_data, double fraction);

/** Per-call control of a long computation (docs/api-conventions.md, "Long
 *  computations"): passed as a field of a function's options struct or as
 *  a `const fgroi_control *control` argument just before the outputs.
 *  NULL, or a NULL progress, means run to the end silently.
 *  The optional message buffer (@since 0.2, issue 16) is the per-call,
 *  thread-safe way to learn why a call failed: when message is non-NULL
 *  and message_capacity > 0, a function taking the control empties it on
 *  entry and, on an error status, writes a NUL-terminated message
 *  (truncated to fit), e.g. for FGROI_E_TOO_LARGE the limit and the
 *  observed size and, where the size is beyond exact enumeration, the
 *  method to use instead: "n1 + n2 = 6000 exceeds the limit 2000 of the
 *  exact unconditional interval; use method = newcombe (score)". The
 *  buffer is the caller's; a control shared by two threads must not share
 *  one. @since 0.2 */
typedef struct fgroi_control {
  size_t struct_size;        /**< set by FGROI_INIT */
  fgroi_progress_fn progress; /**< NULL: no progress, no cancellation */
  void *user_data;           /**< passed back to progress unchanged */
  char *message;             /**< NULL, or a buffer for the error message */
  size_t message_capacity;   /**< bytes at message, the NUL included */
} fgroi_control;

/** Direction of a test or interval. */
typedef enum fgroi_alternative {
  FGROI_TWO_SIDED = 0, /**< two-sided test; two-sided interval */
  FGROI_LESS = 1,      /**< H1: parameter < null; interval (-inf or min, upper] */
  FGROI_GREATER = 2    /**< H1: parameter > null; interval [lower, +inf or max) */
} fgroi_alternative;

/** Stable name of an alternative: "two_sided", "less", "greater"; NULL if unknown. */
FGROI_API const char *fgroi_alternative_name(fgroi_alternative alternative);
/** Alternative from its name (also accepts "two.sided" as R writes it
 *  and, since 0.2, "two-sided" as scipy and statsmodels write it and
 *  statsmodels' "larger" / "smaller" for greater / less).
 *  @return FGROI_OK, FGROI_E_NULL or FGROI_E_UNKNOWN_NAME. */
FGROI_API fgroi_status fgroi_alternative_from_name(const char *name, fgroi_alternative *out);

/** Facts about a result that are not errors. Bits are stable. */
enum {
  FGROI_FLAG_CONTINUITY = 1u << 0,       /**< a continuity correction was applied */
  FGROI_FLAG_CLOSED_FORM = 1u << 1,      /**< a boundary closed form was used (x = 0, x = n, ...) */
  FGROI_FLAG_P_FLOOR = 1u << 2,          /**< p-value at its floating-point floor */
  FGROI_FLAG_TRUNCATED = 1u << 3,        /**< interval limits were clipped to the parameter space */
  FGROI_FLAG_EXACT = 1u << 4,            /**< computed by exact enumeration */
  FGROI_FLAG_MONTE_CARLO = 1u << 5,      /**< computed by seeded Monte Carlo */
  FGROI_FLAG_NORMAL_APPROX = 1u << 6,    /**< normal approximation used */
  FGROI_FLAG_TIES = 1u << 7,             /**< ties present; tie correction applied */
  FGROI_FLAG_ZEROS_DROPPED = 1u << 8,    /**< zero differences were dropped */
  FGROI_FLAG_UNBOUNDED = 1u << 9,        /**< a limit is infinite (e.g. odds ratio with a zero cell) */
  FGROI_FLAG_ONE_SIDED_LIMIT = 1u << 10, /**< the interval has one computed limit */
  FGROI_FLAG_DEGENERATE = 1u << 11       /**< estimate at a boundary; interval one point wide */
};

/* method.h defines fgroi_method; included here so results can name it. */
#include <fgroi/method.h>

/** A point estimate with a confidence interval.
 *  For one-sided alternatives the open side holds the parameter's bound
 *  (e.g. 0 or 1 for a proportion, +-INFINITY for a ratio). */
typedef struct fgroi_interval {
  size_t struct_size;        /**< set by FGROI_INIT */
  double estimate;           /**< point estimate */
  double lower;              /**< lower confidence limit */
  double upper;              /**< upper confidence limit */
  double conf_level;         /**< confidence level used, in (0, 1) */
  fgroi_method method;       /**< method that produced the limits */
  fgroi_alternative alternative; /**< sides of the interval */
  unsigned flags;            /**< FGROI_FLAG_* bits */
} fgroi_interval;

/** A hypothesis test result, shaped like R's htest and scipy's results. */
typedef struct fgroi_test {
  size_t struct_size;        /**< set by FGROI_INIT */
  double statistic;          /**< test statistic (NaN when the test has none) */
  double df;                 /**< degrees of freedom (NaN when not applicable) */
  double p_value;            /**< p-value in [0, 1] */
  double null_value;         /**< the parameter value under H0 */
  fgroi_method method;       /**< method that produced the p-value */
  fgroi_alternative alternative; /**< alternative hypothesis */
  unsigned flags;            /**< FGROI_FLAG_* bits */
} fgroi_test;

/** Stable lowercase name of a method ("wilson", "clopper_pearson", ...);
 *  NULL for a value that is not a method. */
FGROI_API const char *fgroi_method_name(fgroi_method method);
/** Method from its stable name or, since 0.2, a peer's name for it
 *  (statsmodels, R p.adjust, metafor, DescTools spellings such as "fdr_bh",
 *  "BH", "REML", "beta"; each alias means exactly one method; table in
 *  docs/methods.md). fgroi_method_name() always returns the stable name.
 *  @return FGROI_OK, FGROI_E_NULL or FGROI_E_UNKNOWN_NAME. */
FGROI_API fgroi_status fgroi_method_from_name(const char *name, fgroi_method *out);

/** Runtime version of the library (may differ from the headers'). */
FGROI_API const char *fgroi_version(void);
/** Runtime version as MAJOR*10000 + MINOR*100 + PATCH. */
FGROI_API int fgroi_version_number(void);

#ifdef __cplusplus
}
#endif

#endif /* FGROI_COMMON_H */
