/* Tests for lib/pool.c (being written). */
#include "fgroi_test.h"

Test(pool, header_compiles) { cr_assert_eq(FGROI_OK, 0); }
