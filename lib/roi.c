/* (placeholder: the roi domain is being written; see include/fgroi/roi.h) */
#include "internal.h"
