/* (placeholder: the nps domain is being written; see include/fgroi/nps.h) */
#include "internal.h"
