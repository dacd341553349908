/* (placeholder: the match domain is being written; see include/fgroi/match.h) */
#include "internal.h"
