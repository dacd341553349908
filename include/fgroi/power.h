/** @file power.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_POWER_H
#define FGROI_POWER_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_POWER_H */
