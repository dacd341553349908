/* Tests for lib/match.c (being written). */
#include "fgroi_test.h"

Test(match, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
