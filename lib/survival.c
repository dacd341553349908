/* (placeholder: the survival domain is being written; see include/fgroi/survival.h) */
#include "internal.h"
