/** @file exact2x2.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_EXACT2X2_H
#define FGROI_EXACT2X2_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_EXACT2X2_H */
