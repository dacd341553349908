/* Tests for lib/means.c (being written). */
#include "fgroi_test.h"

Test(means, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
