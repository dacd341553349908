/** @file pool.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_POOL_H
#define FGROI_POOL_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_POOL_H */
