/* Result invariants at the API boundary (never installed; issue 14).
 *
 * Every fgroi_interval and fgroi_test a public function returns with
 * FGROI_OK goes through fgroi__emit_interval / fgroi__emit_test (or is
 * checked with the audit functions before several outputs are written):
 * a result that breaks an invariant is never shown; the call returns
 * FGROI_E_INTERNAL instead and leaves every output untouched. Never aborts.
 *
 * Invariants (docs/limits.md):
 * - interval: estimate, lower, upper not NaN; lower <= upper; conf_level in
 *   [0, 1] (an exact interval may report the level it achieved); a limit or estimate is infinite only when flagged
 *   (FGROI_FLAG_UNBOUNDED or FGROI_FLAG_ONE_SIDED_LIMIT) or when it is the
 *   open side of a one-sided interval (lower for `less`, upper for
 *   `greater`), as docs/api-conventions.md documents;
 * - test: p_value in [0, 1]; null_value not NaN; df NaN (not applicable)
 *   or >= 0; statistic may be NaN only where the test has none (documented)
 *   and may be infinite (a conditional MLE at the edge of its support).
 *
 * FGROI_AUDIT (default 1) switches the checks at compile time. They cost a
 * few comparisons per call and stay on in release builds (docs/limits.md
 * has the measurement); -DFGROI_AUDIT=0 compiles them out. */
#ifndef FGROI_AUDIT_H
#define FGROI_AUDIT_H

#include <stddef.h>

#include "fgroi/fgroi.h"

#ifndef FGROI_AUDIT
#define FGROI_AUDIT 1
#endif

fgroi_status fgroi__audit_interval(const fgroi_interval *r);
fgroi_status fgroi__audit_test(const fgroi_test *r);
/* Every v[i] finite (outputs documented as finite numbers). */
fgroi_status fgroi__audit_finite(const double *v, size_t n);

/* An optional interval and an optional test out of one call: at least one
 * of ci and test given, each of the right size (FGROI_E_NULL,
 * FGROI_E_STRUCT_SIZE). */
fgroi_status fgroi__check_ci_test(const fgroi_interval *ci, const fgroi_test *test);

/* Write c into ci and t into test (each when given) after auditing both,
 * so that either both are written or neither. */
fgroi_status fgroi__emit_ci_test(fgroi_interval *ci, const fgroi_interval *c, fgroi_test *test,
                                 const fgroi_test *t);

#endif
