/** @file survival.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_SURVIVAL_H
#define FGROI_SURVIVAL_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_SURVIVAL_H */
