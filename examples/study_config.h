/* The study configuration of fgroi-report: a "key = value" file
 * (docs/report.md) and command-line flags overriding it. */
#ifndef STUDY_CONFIG_H
#define STUDY_CONFIG_H

#include <stdint.h>
#include <stdio.h>

#include "csv_reader.h"

typedef struct {
  double task_threshold_min;   /* task_threshold_min: "done in < X minutes" */
  double target_share;         /* target_share: acceptance target of the device arm */
  char control_arm[32];        /* control_arm: label in participants.csv */
  char device_arm[32];         /* device_arm */
  char segment_column[64];     /* segment_column: column of participants.csv */
  int segment_set;             /* set explicitly: then the column is required */
  double conf_level;           /* conf_level (else study.csv's) */
  int conf_set;
  char multiplicity[32];       /* multiplicity: a libfgroi method name */
  uint64_t seed;               /* seed (else study.csv's) */
  int seed_set;
  rd_missing_markers missing;  /* missing_values: comma-separated markers */
  double match_before, match_after; /* match_window_before_min / _after_min */
} study_config;

void study_config_default(study_config *c);
/* Apply one key = value setting; returns 0, or -1 with a message in msg. */
int study_config_set(study_config *c, const char *key, const char *value, char *msg, size_t msglen);
/* Read a configuration file. Returns 0, 1 if it does not exist, -1 on
 * errors (reported as "path:line: reason" on err). */
int study_config_read(study_config *c, const char *path, FILE *err);

#endif
