/** @file match.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_MATCH_H
#define FGROI_MATCH_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_MATCH_H */
