/* Tests for lib/paired.c (being written). */
#include "fgroi_test.h"

Test(paired, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
