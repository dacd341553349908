/* Tests for lib/roi.c (being written). */
#include "fgroi_test.h"

Test(roi, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
