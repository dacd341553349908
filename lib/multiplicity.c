/* (placeholder: the multiplicity domain is being written; see include/fgroi/multiplicity.h) */
#include "internal.h"
