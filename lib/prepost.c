/* (placeholder: the prepost domain is being written; see include/fgroi/prepost.h) */
#include "internal.h"
