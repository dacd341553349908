/* Tests for lib/survival.c (being written). */
#include "fgroi_test.h"

Test(survival, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
