/** @file roi.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_ROI_H
#define FGROI_ROI_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_ROI_H */
