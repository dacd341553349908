/** @file nps.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_NPS_H
#define FGROI_NPS_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_NPS_H */
