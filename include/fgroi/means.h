/** @file means.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_MEANS_H
#define FGROI_MEANS_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_MEANS_H */
