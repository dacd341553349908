/* Tests for lib/exact2x2.c (being written). */
#include "fgroi_test.h"

Test(exact2x2, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
