/* Tests for lib/power.c (being written). */
#include "fgroi_test.h"

Test(power, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
