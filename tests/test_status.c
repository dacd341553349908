/* Tests for lib/status.c and lib/method.c: messages, names, version. */
#include <stdio.h>
#include <string.h>

#include "fgroi_test.h"

Test(status, every_code_has_a_distinct_message_and_name) {
  for (int s = 0; s <= FGROI_E_CANCELLED; s++) {
    const char *name = fgroi_status_name((fgroi_status)s);
    cr_assert_not_null(name, "status %d has no name", s);
    cr_assert(strncmp(name, "FGROI_", 6) == 0);
    for (int t = 0; t < s; t++)
      cr_assert_str_neq(fgroi_strerror((fgroi_status)s), fgroi_strerror((fgroi_status)t));
  }
  cr_assert_str_eq(fgroi_strerror(FGROI_E_CONF_LEVEL), "confidence level must be strictly between 0 and 1");
  cr_assert_not_null(fgroi_strerror((fgroi_status)9999));
  cr_assert_null(fgroi_status_name((fgroi_status)9999));
}

/* docs/errors.md lists every status with its value, in a table row
 * "| `FGROI_E_NAME` | value | ... |". */
Test(status, errors_doc_agrees_with_enum) {
  char path[4096];
  snprintf(path, sizeof path, "%s/docs/errors.md", FGROI_SOURCE_ROOT);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "cannot open %s", path);
  static char doc[65536];
  size_t len = fread(doc, 1, sizeof doc - 1, f);
  doc[len] = '\0';
  fclose(f);
  for (int s = 0; s <= FGROI_E_CANCELLED; s++) {
    char row[128];
    snprintf(row, sizeof row, "| `%s` | %d |", fgroi_status_name((fgroi_status)s), s);
    cr_assert_not_null(strstr(doc, row), "docs/errors.md lacks the row \"%s\"", row);
  }
}

Test(method, names_round_trip_and_are_unique) {
  int seen = 0;
  for (int m = 0; m < 1000; m++) {
    const char *name = fgroi_method_name((fgroi_method)m);
    if (name == NULL) continue;
    seen++;
    fgroi_method back;
    assert_ok(fgroi_method_from_name(name, &back));
    cr_assert_eq((int)back, m, "%s maps back to %d", name, (int)back);
    for (const char *c = name; *c; c++) cr_assert((*c >= 'a' && *c <= 'z') || *c == '_' || (*c >= '0' && *c <= '9'));
  }
  cr_assert(seen >= 60);
  fgroi_method m;
  assert_ok(fgroi_method_from_name("clopper_pearson", &m));
  cr_assert_eq(m, FGROI_METHOD_CLOPPER_PEARSON);
  assert_status(fgroi_method_from_name("Wilson", &m), FGROI_E_UNKNOWN_NAME);
  assert_status(fgroi_method_from_name(NULL, &m), FGROI_E_NULL);
  fgroi_alternative a;
  assert_ok(fgroi_alternative_from_name("two.sided", &a));
  cr_assert_eq(a, FGROI_TWO_SIDED);
  cr_assert_str_eq(fgroi_alternative_name(FGROI_GREATER), "greater");
}

Test(version, runtime_agrees_with_headers) {
  cr_assert_str_eq(fgroi_version(), FGROI_VERSION_STRING);
  cr_assert_eq(fgroi_version_number(), FGROI_VERSION_NUMBER);
  char buf[64];
  snprintf(buf, sizeof buf, "%d.%d.%d", FGROI_VERSION_MAJOR, FGROI_VERSION_MINOR, FGROI_VERSION_PATCH);
  cr_assert_str_eq(fgroi_version(), buf);
  cr_assert(FGROI_VERSION_CHECK(0, 1, 0));
  cr_assert(!FGROI_VERSION_CHECK(99, 0, 0));
}

/* ---- the host process: GSL's handler is the host's, threads are safe ---- */
#include <gsl/gsl_errno.h>
#include <pthread.h>

static void host_handler(const char *reason, const char *file, int line, int gsl_errno) {
  cr_assert_fail("libfgroi reached the host's GSL handler: %s (%s:%d, %d)", reason, file, line, gsl_errno);
}

Test(host, gsl_handler_is_never_changed_or_reached) {
  gsl_error_handler_t *before = gsl_set_error_handler(host_handler);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  /* fragile corners: tiny tails, huge counts, boundary counts */
  assert_ok(fgroi_prop_ci(1, 2000000000, FGROI_METHOD_JEFFREYS, 1.0 - 1e-12, FGROI_TWO_SIDED, &ci));
  assert_ok(fgroi_prop_ci(0, 1, FGROI_METHOD_CLOPPER_PEARSON, 1.0 - 1e-15, FGROI_TWO_SIDED, &ci));
  assert_ok(fgroi_prop_ci(5, 5, FGROI_METHOD_MID_P, 1e-9, FGROI_GREATER, &ci));
  fgroi_test t = FGROI_INIT(fgroi_test);
  assert_ok(fgroi_prop_test(3, 3000000000LL, 1e-300, FGROI_METHOD_EXACT, FGROI_TWO_SIDED, &t));
  gsl_error_handler_t *after = gsl_set_error_handler(before);
  cr_assert(after == host_handler, "libfgroi changed the process-wide GSL handler");
}

typedef struct { int64_t x, n; fgroi_interval out; fgroi_status s; } job;

static void *run_job(void *arg) {
  job *j = arg;
  for (int rep = 0; rep < 200; rep++)
    j->s = fgroi_prop_ci(j->x, j->n, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED, &j->out);
  return NULL;
}

Test(host, reentrant_across_threads) {
  enum { T = 8 };
  job jobs[T];
  pthread_t th[T];
  for (int i = 0; i < T; i++) {
    jobs[i] = (job){ .x = 3 + i, .n = 20 + 7 * i, .out = FGROI_INIT(fgroi_interval) };
    cr_assert_eq(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
  }
  for (int i = 0; i < T; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < T; i++) {
    fgroi_interval serial = FGROI_INIT(fgroi_interval);
    assert_ok(jobs[i].s);
    assert_ok(fgroi_prop_ci(jobs[i].x, jobs[i].n, FGROI_METHOD_CLOPPER_PEARSON, 0.95, FGROI_TWO_SIDED, &serial));
    cr_assert_eq(jobs[i].out.lower, serial.lower);
    cr_assert_eq(jobs[i].out.upper, serial.upper);
  }
}
