/** @file fgroi.h
 * libfgroi: honest statistics for focus groups and device pilots.
 * The umbrella header: `#include <fgroi/fgroi.h>`.
 */
#ifndef FGROI_FGROI_H
#define FGROI_FGROI_H

#include <fgroi/version.h>
#include <fgroi/common.h>
#include <fgroi/prop.h>
#include <fgroi/paired.h>
#include <fgroi/match.h>
#include <fgroi/nps.h>
#include <fgroi/exact2x2.h>
#include <fgroi/means.h>
#include <fgroi/survival.h>
#include <fgroi/prepost.h>
#include <fgroi/multiplicity.h>
#include <fgroi/power.h>
#include <fgroi/roi.h>
#include <fgroi/pool.h>

#endif
