/* Reading the pilot study's CSV files (docs/data-format.md) into
 * per-participant slots, in one pass per file and memory linear in the
 * number of participants (doses are streamed into per-participant tallies,
 * never stored). Input errors are reported as "file:line: reason" and fail
 * the load; missing answers are counted, not errors. Every data row is
 * accounted for (read / used / set aside per reason). Part of the examples,
 * not of the library. */
#ifndef PILOT_DATA_H
#define PILOT_DATA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csv_reader.h"
#include "study_config.h"

enum { ARM_CONTROL = 0, ARM_DEVICE = 1 };
enum { WAVE_PRE = 0, WAVE_POST = 1 };
enum { EV_DOSE = 0, EV_DEVICE_OPEN = 1, EV_APP_CHECKIN = 2 };
enum { F_PARTICIPANTS, F_DOSES, F_EVENTS, F_NPS, F_TASK, F_PROTOCOL, F_STUDY, N_FILES };

#define PILOT_MAX_PARTICIPANTS 1000000
#define PILOT_MAX_EVENTS 20000000
#define PILOT_MAX_DOSE_NUMBER 100000000
#define PILOT_MAX_DOSE_BITMAP (64u << 20) /* bytes for the duplicate-dose check */
#define PILOT_MAX_SEGMENTS 32
#define PILOT_MAX_TIME 1e12               /* minutes, |time| */

typedef struct {
  char id[32];
  int8_t arm;          /* ARM_CONTROL, ARM_DEVICE, or -1 when set aside */
  int8_t segment;      /* index into segment labels, -1 missing */
  long line;
} participant;

/* Everything one participant contributed. */
typedef struct {
  int64_t tally[4];    /* doses: both, device_only, self_only, neither */
  uint8_t *dose_bits;  /* dose numbers seen (duplicate check) */
  uint32_t dose_bytes;
  long nps_line[2];    /* 0: no row */
  int8_t nps[2];       /* score 0..10; -1 no row; -2 missing answer */
  long task_line;
  double task_min;
  int8_t task_done;    /* 0/1; -1 no row; -2 missing answer */
  long proto_line[2];
  int32_t steps[2], total[2]; /* total -1: no row; -2: missing answer */
} pslot;

typedef struct { int32_t p; int8_t kind; double time; long line; } event_row;

typedef struct {
  participant *participants;
  pslot *slot;
  size_t n_participants;
  char segment_label[PILOT_MAX_SEGMENTS][32];
  size_t segment_count[PILOT_MAX_SEGMENTS + 1]; /* last: other labels */
  int n_segments;
  event_row *events;
  size_t n_events;
  uint64_t n_doses;        /* dose rows tallied */
  size_t bitmap_bytes;
  /* study.csv */
  double study_cost, volume, value_low, value_high, conf_level;
  uint64_t seed;
  int has_cost, has_volume, has_value_low, has_value_high, has_conf, has_seed;
  long study_line[6];
  /* accounting and errors */
  rd_account acct[N_FILES];
  long errors;             /* input errors in all files */
  void *index;             /* participant id hash (internal) */
} pilot_data;

/* Called for each dose row that entered the tallies (the agreement check). */
typedef void (*pilot_dose_fn)(void *ctx, int32_t p, double scheduled, int self, int device);

/* Read participants.csv (required) and every other file present except
 * doses.csv. Returns 0 when the files could be read (d->errors counts input
 * errors), -1 when out of memory. */
int pilot_load(const char *dir, const study_config *cfg, pilot_data *d, FILE *err);
/* Stream doses.csv (if present) into the per-participant tallies. */
int pilot_load_doses(const char *dir, const study_config *cfg, pilot_data *d, FILE *err, FILE *progress,
                     pilot_dose_fn fn, void *ctx);
/* The same readers over one in-memory file (the fuzz harness): file is one
 * of F_*; participants must have been loaded for the other files. */
int pilot_load_mem(int file, const unsigned char *data, size_t size, const study_config *cfg, pilot_data *d,
                   FILE *err);
void pilot_free(pilot_data *d);

extern const char *const PILOT_FILE_NAMES[N_FILES];

#endif
