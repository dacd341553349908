/* libFuzzer harness over fgroi-report's readers (issue 13): the CSV reader
 * on libcsv, every file's row parser with its duplicate/conflict checks, and
 * the study configuration parser. Input: one selector byte (which file, mod
 * 8), then the file's bytes. Files other than participants.csv are read
 * after a fixed participants.csv, so their rows reach the row parsers.
 * Built and run by run_fuzz.sh (clang -fsanitize=fuzzer,address,undefined). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pilot_data.h"
#include "study_config.h"

static const char PARTICIPANTS[] =
    "participant_id,arm,segment,region\nP01,device,patient,north\nP02,control,site_coordinator,south\n"
    "P03,device,patient,north\nP04,,patient,south\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FILE *sink;
  if (!sink) sink = fopen("/dev/null", "w");
  if (size < 1 || !sink) return 0;
  int sel = data[0] % 8;
  data++;
  size--;
  study_config cfg;
  study_config_default(&cfg);
  if (sel == 7) {
    /* configuration: "key=value" lines through the same setter as the file */
    char *buf = malloc(size + 1);
    if (!buf) return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char msg[256];
    for (char *line = buf, *next; line; line = next) {
      next = strchr(line, '\n');
      if (next) *next++ = '\0';
      char *eq = strchr(line, '=');
      if (!eq) continue;
      *eq = '\0';
      study_config_set(&cfg, line, eq + 1, msg, sizeof msg);
    }
    free(buf);
    return 0;
  }
  pilot_data d;
  if (sel == F_PARTICIPANTS) {
    pilot_load_mem(F_PARTICIPANTS, data, size, &cfg, &d, sink);
  } else {
    if (pilot_load_mem(F_PARTICIPANTS, (const unsigned char *)PARTICIPANTS, sizeof PARTICIPANTS - 1, &cfg, &d, sink) != 0 ||
        d.errors) {
      abort(); /* the fixed participants file must load */
    }
    pilot_load_mem(sel, data, size, &cfg, &d, sink);
  }
  /* every row read is used or set aside or an input error */
  pilot_free(&d);
  return 0;
}
