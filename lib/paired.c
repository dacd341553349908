/* (placeholder: the paired domain is being written; see include/fgroi/paired.h) */
#include "internal.h"
