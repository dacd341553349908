/* Tests for lib/multiplicity.c (being written). */
#include "fgroi_test.h"

Test(multiplicity, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
