/** @file multiplicity.h
 * (placeholder: this domain is being written)
 */
#ifndef FGROI_MULTIPLICITY_H
#define FGROI_MULTIPLICITY_H

#include <fgroi/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* FGROI_MULTIPLICITY_H */
