/* (placeholder: the means domain is being written; see include/fgroi/means.h) */
#include "internal.h"
