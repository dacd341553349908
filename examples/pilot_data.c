/* CSV loading for the pilot study: see pilot_data.h and docs/data-format.md.
 * Plain comma-separated files with a header row; no quoted fields. */
#include "pilot_data.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 16
#define MAX_ERRORS 20

typedef struct {
  char path[4096];
  char *buf;
  size_t len, pos;
  long line;
  FILE *err;
  int errors;
} csv;

static void csv_error(csv *c, const char *fmt, const char *a, const char *b) {
  c->errors++;
  if (c->errors <= MAX_ERRORS) {
    fprintf(c->err, "%s:%ld: ", c->path, c->line);
    fprintf(c->err, fmt, a ? a : "", b ? b : "");
    fputc('\n', c->err);
  } else if (c->errors == MAX_ERRORS + 1) {
    fprintf(c->err, "%s: more errors not shown\n", c->path);
  }
}

static int csv_open(csv *c, const char *dir, const char *name, FILE *err) {
  memset(c, 0, sizeof *c);
  c->err = err;
  snprintf(c->path, sizeof c->path, "%s/%s", dir, name);
  FILE *f = fopen(c->path, "rb");
  if (!f) { fprintf(err, "%s: cannot open: %s\n", c->path, strerror(errno)); return -1; }
  if (fseek(f, 0, SEEK_END) != 0) { fclose(f); return -1; }
  long size = ftell(f);
  rewind(f);
  c->buf = malloc((size_t)size + 1);
  if (!c->buf || fread(c->buf, 1, (size_t)size, f) != (size_t)size) {
    fprintf(err, "%s: cannot read\n", c->path);
    fclose(f);
    free(c->buf);
    c->buf = NULL;
    return -1;
  }
  fclose(f);
  c->buf[size] = '\0';
  c->len = (size_t)size;
  return 0;
}

/* Split the next non-empty line in place. Returns the number of fields, or
 * -1 at end of file. */
static int csv_next(csv *c, char **fields) {
  while (c->pos < c->len) {
    char *s = c->buf + c->pos;
    char *nl = memchr(s, '\n', c->len - c->pos);
    size_t linelen = nl ? (size_t)(nl - s) : c->len - c->pos;
    c->pos += linelen + (nl ? 1 : 0);
    c->line++;
    if (linelen > 0 && s[linelen - 1] == '\r') linelen--;
    s[linelen] = '\0';
    if (linelen == 0) continue;
    int n = 0;
    fields[n++] = s;
    for (char *p = s; *p; p++)
      if (*p == ',') {
        *p = '\0';
        if (n == MAX_FIELDS) break;
        fields[n++] = p + 1;
      }
    return n;
  }
  return -1;
}

/* Map the header's column names to the wanted ones. */
static int csv_header(csv *c, const char *const *want, int nwant, int *idx) {
  char *f[MAX_FIELDS];
  int n = csv_next(c, f);
  if (n < 0) { csv_error(c, "empty file (no header row)", NULL, NULL); return -1; }
  int ok = 0;
  for (int w = 0; w < nwant; w++) {
    idx[w] = -1;
    for (int i = 0; i < n; i++)
      if (strcmp(f[i], want[w]) == 0) idx[w] = i;
    if (idx[w] < 0) { csv_error(c, "missing column '%s'", want[w], NULL); ok = -1; }
  }
  return ok;
}

static int parse_long(csv *c, const char *s, const char *col, long lo, long hi, long *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end != '\0' || errno) {
    csv_error(c, "non-numeric value '%s' in column %s", s, col);
    return -1;
  }
  if (v < lo || v > hi) {
    char range[64];
    snprintf(range, sizeof range, "%s (allowed %ld..%ld)", col, lo, hi);
    csv_error(c, "value %s outside the range of %s", s, range);
    return -1;
  }
  *out = v;
  return 0;
}

static int parse_double(csv *c, const char *s, const char *col, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (*s == '\0' || *end != '\0' || errno || v != v) {
    csv_error(c, "non-numeric value '%s' in column %s", s, col);
    return -1;
  }
  *out = v;
  return 0;
}

static int parse_choice(csv *c, const char *s, const char *col, const char *const *names, int n) {
  for (int i = 0; i < n; i++)
    if (strcmp(s, names[i]) == 0) return i;
  char what[64];
  snprintf(what, sizeof what, "%s", col);
  csv_error(c, "unknown %s '%s'", what, s);
  return -1;
}

/* ---- participant ids: open-addressing hash table ----------------------- */
typedef struct { int32_t *slot; size_t cap; const participant *p; } id_index;

static uint64_t hash_id(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static int index_build(id_index *ix, const participant *p, size_t n) {
  ix->cap = 16;
  while (ix->cap < 2 * n) ix->cap *= 2;
  ix->slot = malloc(ix->cap * sizeof *ix->slot);
  ix->p = p;
  if (!ix->slot) return -1;
  for (size_t i = 0; i < ix->cap; i++) ix->slot[i] = -1;
  return 0;
}

/* Position of id, or -1; with insert, adds it as participant `add`. */
static int32_t index_find(id_index *ix, const char *id, int32_t add) {
  size_t h = (size_t)hash_id(id) & (ix->cap - 1);
  while (ix->slot[h] >= 0) {
    if (strcmp(ix->p[ix->slot[h]].id, id) == 0) return ix->slot[h];
    h = (h + 1) & (ix->cap - 1);
  }
  if (add >= 0) ix->slot[h] = add;
  return -1;
}

static int32_t lookup(csv *c, id_index *ix, const char *id) {
  int32_t p = index_find(ix, id, -1);
  if (p < 0) csv_error(c, "unknown participant '%s' (not in participants.csv)", id, NULL);
  return p;
}

/* Grow an array by doubling. */
static int grow(void **arr, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t nc = *cap ? *cap * 2 : 1024;
  while (nc < need) nc *= 2;
  void *a = realloc(*arr, nc * elem);
  if (!a) return -1;
  *arr = a;
  *cap = nc;
  return 0;
}

static const char *const ARMS[] = { "control", "device" };
static const char *const SEGMENTS[] = { "site_coordinator", "patient" };
static const char *const WAVES[] = { "pre", "post" };
static const char *const KINDS[] = { "dose", "device_open", "app_checkin" };

static int load_participants(csv *c, pilot_data *d, id_index *ix) {
  static const char *const cols[] = { "participant_id", "arm", "segment", "region" };
  int idx[4];
  if (csv_header(c, cols, 4, idx) != 0) return -1;
  char *f[MAX_FIELDS];
  int n;
  size_t cap = 0;
  /* ids must be indexed as they come, so build the index over a growing array */
  while ((n = csv_next(c, f)) >= 0) {
    if (n < 4) { csv_error(c, "expected 4 fields, found %s", n == 1 ? "1" : "fewer", NULL); continue; }
    if (grow((void **)&d->participants, &cap, d->n_participants + 1, sizeof(participant))) return -1;
    participant *p = &d->participants[d->n_participants];
    const char *id = f[idx[0]];
    if (strlen(id) == 0 || strlen(id) >= sizeof p->id) { csv_error(c, "invalid participant id '%s'", id, NULL); continue; }
    p->arm = parse_choice(c, f[idx[1]], "arm", ARMS, 2);
    p->segment = parse_choice(c, f[idx[2]], "segment", SEGMENTS, 2);
    snprintf(p->region, sizeof p->region, "%s", f[idx[3]]);
    snprintf(p->id, sizeof p->id, "%s", id);
    p->line = c->line;
    if (p->arm < 0 || p->segment < 0) continue;
    d->n_participants++;
  }
  if (c->errors) return -1;
  if (index_build(ix, d->participants, d->n_participants)) return -1;
  /* second pass over the kept rows for duplicates (line numbers: re-scan) */
  int dup = 0;
  for (size_t i = 0; i < d->n_participants; i++) {
    int32_t prev = index_find(ix, d->participants[i].id, (int32_t)i);
    if (prev >= 0) {
      fprintf(c->err, "%s:%ld: duplicate participant '%s' (first on line %ld)\n", c->path,
              d->participants[i].line, d->participants[i].id, d->participants[prev].line);
      dup = 1;
    }
  }
  if (dup) c->errors++;
  if (d->n_participants == 0) { csv_error(c, "no participants", NULL, NULL); return -1; }
  return c->errors ? -1 : 0;
}

/* ---- row loaders: the header and the loop are shared, each file parses its
 * own row and appends it ------------------------------------------------- */
typedef struct {
  pilot_data *d;
  id_index *ix;
  FILE *progress;
  size_t cap; /* capacity of the array being filled */
} loader;

/* Parse one row (fields f, column positions idx); report problems with
 * csv_error and return 0, or -1 when out of memory. */
typedef int (*row_fn)(csv *c, char **f, const int *idx, loader *L);

static int load_rows(csv *c, const char *const *cols, int ncols, row_fn row, loader *L) {
  int idx[MAX_FIELDS], need = 0;
  if (csv_header(c, cols, ncols, idx) != 0) return -1;
  for (int i = 0; i < ncols; i++) need = idx[i] + 1 > need ? idx[i] + 1 : need;
  char *f[MAX_FIELDS], want[16];
  snprintf(want, sizeof want, "%d", need);
  int n;
  while ((n = csv_next(c, f)) >= 0) {
    if (n < need) { csv_error(c, "expected at least %s fields", want, NULL); continue; }
    if (row(c, f, idx, L) != 0) return -1;
  }
  return c->errors ? -1 : 0;
}

static int dose_row_fn(csv *c, char **f, const int *idx, loader *L) {
  pilot_data *d = L->d;
  long dose, self, dev;
  double sched;
  int32_t p = lookup(c, L->ix, f[idx[0]]);
  if (p < 0 || parse_long(c, f[idx[1]], "dose", 1, 100000000, &dose) ||
      parse_double(c, f[idx[2]], "scheduled_min", &sched) ||
      parse_long(c, f[idx[3]], "self_reported", 0, 1, &self) ||
      parse_long(c, f[idx[4]], "device_logged", 0, 1, &dev))
    return 0;
  if (d->participants[p].arm != ARM_DEVICE) {
    csv_error(c, "participant '%s' is in the control arm, which has no device log", f[idx[0]], NULL);
    return 0;
  }
  if (grow((void **)&d->doses, &L->cap, d->n_doses + 1, sizeof(dose_row))) return -1;
  d->doses[d->n_doses++] = (dose_row){ p, (int32_t)dose, sched, (uint8_t)self, (uint8_t)dev };
  if (L->progress && d->n_doses % 2000000 == 0)
    fprintf(L->progress, "fgroi-report: read %zu dose records\n", d->n_doses);
  return 0;
}

static int event_row_fn(csv *c, char **f, const int *idx, loader *L) {
  pilot_data *d = L->d;
  double t;
  int32_t p = lookup(c, L->ix, f[idx[0]]);
  int kind = parse_choice(c, f[idx[1]], "event kind", KINDS, 3);
  if (p < 0 || kind < 0 || parse_double(c, f[idx[2]], "time_min", &t)) return 0;
  if (grow((void **)&d->events, &L->cap, d->n_events + 1, sizeof(event_row))) return -1;
  d->events[d->n_events++] = (event_row){ p, kind, t };
  return 0;
}

static int nps_row_fn(csv *c, char **f, const int *idx, loader *L) {
  pilot_data *d = L->d;
  long score;
  int32_t p = lookup(c, L->ix, f[idx[0]]);
  int wave = parse_choice(c, f[idx[1]], "wave", WAVES, 2);
  if (p < 0 || wave < 0 || parse_long(c, f[idx[2]], "score", 0, 10, &score)) return 0;
  if (grow((void **)&d->nps, &L->cap, d->n_nps + 1, sizeof(nps_row))) return -1;
  d->nps[d->n_nps++] = (nps_row){ p, wave, (int32_t)score };
  return 0;
}

static int task_row_fn(csv *c, char **f, const int *idx, loader *L) {
  pilot_data *d = L->d;
  double minutes;
  long done;
  int32_t p = lookup(c, L->ix, f[idx[0]]);
  if (p < 0 || parse_double(c, f[idx[1]], "minutes", &minutes) ||
      parse_long(c, f[idx[2]], "completed", 0, 1, &done))
    return 0;
  if (!(minutes > 0)) { csv_error(c, "minutes must be positive, found '%s'", f[idx[1]], NULL); return 0; }
  if (grow((void **)&d->tasks, &L->cap, d->n_tasks + 1, sizeof(task_row))) return -1;
  d->tasks[d->n_tasks++] = (task_row){ p, minutes, (int32_t)done };
  return 0;
}

static int protocol_row_fn(csv *c, char **f, const int *idx, loader *L) {
  pilot_data *d = L->d;
  long steps, total;
  int32_t p = lookup(c, L->ix, f[idx[0]]);
  int period = parse_choice(c, f[idx[1]], "period", WAVES, 2);
  if (p < 0 || period < 0 || parse_long(c, f[idx[3]], "steps_total", 1, 1000000, &total) ||
      parse_long(c, f[idx[2]], "steps_completed", 0, total, &steps))
    return 0;
  if (grow((void **)&d->protocol, &L->cap, d->n_protocol + 1, sizeof(protocol_row))) return -1;
  d->protocol[d->n_protocol++] = (protocol_row){ p, period, (int32_t)steps, (int32_t)total };
  return 0;
}

static const char *const DOSE_COLS[] = { "participant_id", "dose", "scheduled_min", "self_reported", "device_logged" };
static const char *const EVENT_COLS[] = { "participant_id", "kind", "time_min" };
static const char *const NPS_COLS[] = { "participant_id", "wave", "score" };
static const char *const TASK_COLS[] = { "participant_id", "minutes", "completed" };
static const char *const PROTOCOL_COLS[] = { "participant_id", "period", "steps_completed", "steps_total" };

static int load_study(csv *c, pilot_data *d) {
  static const char *const cols[] = { "key", "value" };
  int idx[2];
  if (csv_header(c, cols, 2, idx) != 0) return -1;
  static const char *const keys[] = { "study_cost", "volume", "value_per_unit_low",
                                      "value_per_unit_high", "conf_level", "seed" };
  double *slots[] = { &d->study_cost, &d->volume, &d->value_low, &d->value_high, &d->conf_level, NULL };
  int seen[6] = { 0 };
  char *f[MAX_FIELDS];
  int n;
  while ((n = csv_next(c, f)) >= 0) {
    if (n < 2) { csv_error(c, "expected 2 fields", NULL, NULL); continue; }
    int k = parse_choice(c, f[idx[0]], "key", keys, 6);
    double v;
    if (k < 0 || parse_double(c, f[idx[1]], keys[k], &v)) continue;
    if (slots[k]) *slots[k] = v; else d->seed = (uint64_t)v;
    seen[k] = 1;
  }
  for (int k = 0; k < 5; k++)
    if (!seen[k]) csv_error(c, "missing key '%s'", keys[k], NULL);
  if (seen[4] && !(d->conf_level > 0 && d->conf_level < 1))
    csv_error(c, "conf_level must be strictly between 0 and 1", NULL, NULL);
  return c->errors ? -1 : 0;
}

int pilot_load(const char *dir, pilot_data *d, FILE *err, FILE *progress) {
  memset(d, 0, sizeof *d);
  d->seed = 1;
  id_index ix = { 0 };
  csv c;
  int failed = 0;
  if (csv_open(&c, dir, "participants.csv", err) != 0) return -1;
  failed |= load_participants(&c, d, &ix) != 0;
  free(c.buf);
  if (failed) { free(ix.slot); return -1; }

  struct { const char *name; const char *const *cols; int ncols; row_fn row; } files[] = {
    { "doses.csv", DOSE_COLS, 5, dose_row_fn }, { "events.csv", EVENT_COLS, 3, event_row_fn },
    { "nps.csv", NPS_COLS, 3, nps_row_fn }, { "task.csv", TASK_COLS, 3, task_row_fn },
    { "protocol.csv", PROTOCOL_COLS, 4, protocol_row_fn }, { "study.csv", NULL, 0, NULL } };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    if (csv_open(&c, dir, files[i].name, err) != 0) { failed = 1; continue; }
    loader L = { d, &ix, progress, 0 };
    int r = files[i].row ? load_rows(&c, files[i].cols, files[i].ncols, files[i].row, &L) : load_study(&c, d);
    failed |= r != 0;
    free(c.buf);
  }
  free(ix.slot);
  return failed ? -1 : 0;
}

void pilot_free(pilot_data *d) {
  free(d->participants);
  free(d->doses);
  free(d->events);
  free(d->nps);
  free(d->tasks);
  free(d->protocol);
  memset(d, 0, sizeof *d);
}
