/** @file paired.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_PAIRED_H
#define FGROI_PAIRED_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_PAIRED_H */
