/* Tests for lib/prepost.c (being written). */
#include "fgroi_test.h"

Test(prepost, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
