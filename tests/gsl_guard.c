/* Linked into every Criterion test binary: in the test process only, GSL's
 * error handler fails the current test instead of aborting, so any library
 * path that reaches it shows up as a named failure. The library itself
 * never touches the handler. */
#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>

static void fail_on_gsl_error(const char *reason, const char *file, int line, int gsl_errno) {
  cr_assert_fail("GSL error handler reached: %s (%s:%d, gsl_errno %d)", reason, file, line,
                 gsl_errno);
}

__attribute__((constructor)) static void install_gsl_guard(void) {
  gsl_set_error_handler(fail_on_gsl_error);
}
