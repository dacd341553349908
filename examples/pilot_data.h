/* Reading the pilot study's CSV files (docs/data-format.md). Every malformed
 * row is reported with file, line and reason, and the load fails: nothing is
 * silently dropped. Part of the examples, not of the library. */
#ifndef PILOT_DATA_H
#define PILOT_DATA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { ARM_CONTROL = 0, ARM_DEVICE = 1 };
enum { SEG_SITE_COORDINATOR = 0, SEG_PATIENT = 1 };
enum { WAVE_PRE = 0, WAVE_POST = 1 };
enum { EV_DOSE = 0, EV_DEVICE_OPEN = 1, EV_APP_CHECKIN = 2 };

typedef struct { char id[32]; int arm, segment; char region[32]; long line; } participant;
typedef struct { int32_t p; int32_t dose; double scheduled; uint8_t self, device; } dose_row;
typedef struct { int32_t p; int32_t kind; double time; } event_row;
typedef struct { int32_t p; int32_t wave; int32_t score; } nps_row;
typedef struct { int32_t p; double minutes; int32_t completed; } task_row;
typedef struct { int32_t p; int32_t period; int32_t steps, total; } protocol_row;

typedef struct {
  participant *participants; size_t n_participants;
  dose_row *doses; size_t n_doses;
  event_row *events; size_t n_events;
  nps_row *nps; size_t n_nps;
  task_row *tasks; size_t n_tasks;
  protocol_row *protocol; size_t n_protocol;
  double study_cost, volume, value_low, value_high, conf_level;
  uint64_t seed;
} pilot_data;

/* Load every file of the study from dir. Errors go to err as
 * "file:line: reason" lines; returns 0 on success. progress (may be NULL)
 * receives progress lines for large files. */
int pilot_load(const char *dir, pilot_data *data, FILE *err, FILE *progress);
void pilot_free(pilot_data *data);

#endif
