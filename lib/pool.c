/* (placeholder: the pool domain is being written; see include/fgroi/pool.h) */
#include "internal.h"
