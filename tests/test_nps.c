/* Tests for lib/nps.c (being written). */
#include "fgroi_test.h"

Test(nps, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
