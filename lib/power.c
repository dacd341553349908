/* (placeholder: the power domain is being written; see include/fgroi/power.h) */
#include "internal.h"
