/** @file prepost.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_PREPOST_H
#define FGROI_PREPOST_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_PREPOST_H */
