/* (placeholder: the exact2x2 domain is being written; see include/fgroi/exact2x2.h) */
#include "internal.h"
