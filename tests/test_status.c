/* Tests for lib/status.c and lib/method.c: messages, names, version. */
#include <stdio.h>
#include <string.h>

#include "fgroi_test.h"

Test(status, every_code_has_a_distinct_message_and_name) {
  for (int s = 0; s <= FGROI_E_NO_EVENTS; s++) {
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
  for (int s = 0; s <= FGROI_E_NO_EVENTS; s++) {
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
