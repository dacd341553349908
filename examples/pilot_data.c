/* Loading the pilot study: see pilot_data.h and docs/data-format.md. */
#include "pilot_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const PILOT_FILE_NAMES[N_FILES] = { "participants.csv", "doses.csv", "events.csv", "nps.csv",
                                                "task.csv", "protocol.csv", "study.csv" };

static const char *const WAVES[] = { "pre", "post" };
static const char *const KINDS[] = { "dose", "device_open", "app_checkin" };

/* ---- participant ids: open-addressing hash table ------------------------ */
typedef struct { int32_t *slot; size_t cap; } id_index;

static uint64_t hash_id(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static int index_grow(id_index *ix, const participant *p, size_t n) {
  size_t cap = ix->cap ? ix->cap : 64;
  while (cap < 2 * (n + 1)) cap *= 2;
  if (cap == ix->cap) return 0;
  int32_t *s = malloc(cap * sizeof *s);
  if (!s) return -1;
  for (size_t i = 0; i < cap; i++) s[i] = -1;
  for (size_t i = 0; i < n; i++) {
    size_t h = (size_t)hash_id(p[i].id) & (cap - 1);
    while (s[h] >= 0) h = (h + 1) & (cap - 1);
    s[h] = (int32_t)i;
  }
  free(ix->slot);
  ix->slot = s;
  ix->cap = cap;
  return 0;
}

static int32_t index_find(const id_index *ix, const participant *p, const char *id) {
  if (!ix || !ix->cap) return -1;
  size_t h = (size_t)hash_id(id) & (ix->cap - 1);
  while (ix->slot[h] >= 0) {
    if (strcmp(p[ix->slot[h]].id, id) == 0) return ix->slot[h];
    h = (h + 1) & (ix->cap - 1);
  }
  return -1;
}

static void index_add(id_index *ix, const participant *p, int32_t i) {
  size_t h = (size_t)hash_id(p[i].id) & (ix->cap - 1);
  while (ix->slot[h] >= 0) h = (h + 1) & (ix->cap - 1);
  ix->slot[h] = i;
}

typedef struct {
  pilot_data *d;
  const study_config *cfg;
  rd_account *a;
  size_t cap;
  FILE *progress;
  pilot_dose_fn fn;
  void *fn_ctx;
  /* duplicate doses found in the first pass, resolved in a second */
  struct { int32_t p; long long dose; long line, first; int same; double sched; int self, dev; } dup[RD_MAX_SHOWN_ERRORS];
  int n_dup;
  long dup_total;
} loader;

/* The participant of column 0, or -1: unknown ids are input errors,
 * participants set aside in participants.csv set the row aside. */
static int32_t who(rd_file *r, loader *L, int *aside) {
  const char *id = rd_field(r, 0);
  *aside = 0;
  if (rd_is_missing(r, id)) { rd_set_aside(L->a, "missing participant_id"); *aside = 1; return -1; }
  int32_t p = index_find(L->d->index, L->d->participants, id);
  if (p < 0) {
    char q[64];
    rd_error(r, "unknown participant '%s' (not in participants.csv)", rd_quote(id, q));
    return -1;
  }
  if (L->d->participants[p].arm < 0) {
    rd_set_aside(L->a, "participant set aside in participants.csv");
    *aside = 1;
    return -1;
  }
  return p;
}

/* First missing field among columns from..to, or -1. */
static int first_missing(rd_file *r, int from, int to) {
  for (int c = from; c <= to; c++)
    if (rd_is_missing(r, rd_field(r, c))) return c;
  return -1;
}

static void aside_missing(rd_file *r, loader *L, int c) {
  char reason[96];
  snprintf(reason, sizeof reason, "missing %s", r->cols[c]);
  rd_set_aside(L->a, reason);
}

/* A second row for a key: an exact duplicate or a conflict, both errors. */
static void key_twice(rd_file *r, const char *what, const char *id, long first, int same) {
  char q[64];
  if (same) rd_error(r, "duplicate row: %s '%s' again, same as line %ld", what, rd_quote(id, q), first);
  else rd_error(r, "conflicting rows for %s '%s': line %ld and line %ld differ", what, rd_quote(id, q), first, r->row_line);
}

/* ---- participants.csv ------------------------------------------------------- */
static int participant_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  pilot_data *d = L->d;
  const char *id = rd_field(r, 0), *arm_s = rd_field(r, 1);
  char q[64];
  if (rd_is_missing(r, id)) { rd_set_aside(L->a, "missing participant_id"); return 0; }
  if (strlen(id) >= sizeof d->participants[0].id) {
    rd_error(r, "participant id '%s' longer than %zu bytes", rd_quote(id, q), sizeof d->participants[0].id - 1);
    return 0;
  }
  int arm = -1, seg = -1;
  const char *seg_s = rd_field(r, 2);
  if (!rd_is_missing(r, arm_s)) {
    const char *arms[2] = { L->cfg->control_arm, L->cfg->device_arm };
    arm = rd_choice(r, 1, arms, 2);
    if (arm < 0) return 0;
  }
  int32_t prev = index_find(d->index, d->participants, id);
  if (prev >= 0) {
    const participant *o = &d->participants[prev];
    int oseg = o->segment;
    const char *oseg_s = oseg >= 0 && oseg < d->n_segments ? d->segment_label[oseg] : NULL;
    int same = o->arm == (arm < 0 ? -1 : arm) &&
               ((rd_is_missing(r, seg_s) && oseg < 0) || (oseg_s && seg_s && strcmp(oseg_s, seg_s) == 0));
    key_twice(r, "participant", id, o->line, same);
    return 0;
  }
  if (d->n_participants >= PILOT_MAX_PARTICIPANTS) {
    rd_error(r, "more than %d participants", PILOT_MAX_PARTICIPANTS);
    r->fatal = 1;
    return 0;
  }
  if (!rd_is_missing(r, seg_s)) {
    for (int i = 0; i < d->n_segments; i++)
      if (strcmp(d->segment_label[i], seg_s) == 0) { seg = i; break; }
    if (seg < 0 && d->n_segments < PILOT_MAX_SEGMENTS && strlen(seg_s) < sizeof d->segment_label[0]) {
      seg = d->n_segments++;
      snprintf(d->segment_label[seg], sizeof d->segment_label[0], "%s", seg_s);
    }
    if (seg >= 0) d->segment_count[seg]++; else d->segment_count[PILOT_MAX_SEGMENTS]++;
  }
  if (d->n_participants == L->cap) {
    size_t nc = L->cap ? 2 * L->cap : 256;
    participant *np = realloc(d->participants, nc * sizeof *np);
    if (!np) return -1;
    d->participants = np;
    L->cap = nc;
  }
  if (index_grow(d->index, d->participants, d->n_participants) != 0) return -1;
  participant *p = &d->participants[d->n_participants];
  memset(p, 0, sizeof *p);
  snprintf(p->id, sizeof p->id, "%s", id);
  p->arm = (int8_t)arm;
  p->segment = (int8_t)(seg >= 0 ? seg : -1);
  p->line = r->row_line;
  index_add(d->index, d->participants, (int32_t)d->n_participants++);
  if (arm < 0) rd_set_aside(L->a, "missing arm");
  else L->a->used++;
  return 0;
}

/* ---- doses.csv ------------------------------------------------------------------ */
static int dose_values(rd_file *r, long long *dose, double *sched, long long *self, long long *dev) {
  int bad = rd_int(r, 1, 1, PILOT_MAX_DOSE_NUMBER, dose);
  bad |= rd_real(r, 2, -PILOT_MAX_TIME, PILOT_MAX_TIME, sched);
  bad |= rd_int(r, 3, 0, 1, self);
  bad |= rd_int(r, 4, 0, 1, dev);
  return bad;
}

static int dose_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  pilot_data *d = L->d;
  L->a->read++;
  int aside;
  int32_t p = who(r, L, &aside);
  if (p < 0) return 0;
  int m = first_missing(r, 1, 4);
  if (m >= 0) { aside_missing(r, L, m); return 0; }
  long long dose, self, dev;
  double sched;
  if (dose_values(r, &dose, &sched, &self, &dev)) return 0;
  if (d->participants[p].arm != ARM_DEVICE) {
    char q[64];
    rd_error(r, "participant '%s' is in the control arm, which has no device log", rd_quote(rd_field(r, 0), q));
    return 0;
  }
  pslot *s = &d->slot[p];
  size_t byte = (size_t)(dose - 1) >> 3;
  if (byte >= s->dose_bytes) {
    size_t nb = s->dose_bytes ? s->dose_bytes : 16;
    while (nb <= byte) nb *= 2;
    if (d->bitmap_bytes + (nb - s->dose_bytes) > PILOT_MAX_DOSE_BITMAP) {
      rd_error(r, "dose numbers too large to check for duplicates in %u MiB (the sum over participants of the "
                  "highest dose number must stay below %u)", PILOT_MAX_DOSE_BITMAP >> 20, PILOT_MAX_DOSE_BITMAP * 8);
      r->fatal = 1;
      return 0;
    }
    uint8_t *b = realloc(s->dose_bits, nb);
    if (!b) return -1;
    memset(b + s->dose_bytes, 0, nb - s->dose_bytes);
    d->bitmap_bytes += nb - s->dose_bytes;
    s->dose_bits = b;
    s->dose_bytes = (uint32_t)nb;
  }
  uint8_t bit = (uint8_t)(1u << ((dose - 1) & 7));
  if (s->dose_bits[byte] & bit) {
    /* named with the first line in a second pass */
    if (L->n_dup < RD_MAX_SHOWN_ERRORS) {
      L->dup[L->n_dup].p = p;
      L->dup[L->n_dup].dose = dose;
      L->dup[L->n_dup].line = r->row_line;
      L->dup[L->n_dup].first = 0;
      L->dup[L->n_dup].sched = sched;
      L->dup[L->n_dup].self = (int)self;
      L->dup[L->n_dup++].dev = (int)dev;
    }
    L->dup_total++;
    r->errors++;
    return 0;
  }
  s->dose_bits[byte] |= bit;
  s->tally[self ? (dev ? 0 : 2) : (dev ? 1 : 3)]++;
  d->n_doses++;
  L->a->used++;
  if (L->fn) L->fn(L->fn_ctx, p, sched, (int)self, (int)dev);
  if (L->progress && d->n_doses % 10000000 == 0)
    fprintf(L->progress, "fgroi-report: read %llu dose records\n", (unsigned long long)d->n_doses);
  return 0;
}

/* Second pass: the first line of each duplicated (participant, dose). */
static int dose_dup_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  const char *id = rd_field(r, 0);
  long long dose;
  if (rd_is_missing(r, id) || rd_parse_int(rd_field(r, 1) ? rd_field(r, 1) : "", 1, PILOT_MAX_DOSE_NUMBER, &dose))
    return 0;
  for (int i = 0; i < L->n_dup; i++) {
    if (L->dup[i].first || L->dup[i].dose != dose || r->row_line >= L->dup[i].line) continue;
    if (strcmp(L->d->participants[L->dup[i].p].id, id) != 0) continue;
    long long self = -1, dev = -1;
    double sched = NAN;
    rd_parse_real(rd_field(r, 2), -PILOT_MAX_TIME, PILOT_MAX_TIME, &sched);
    rd_parse_int(rd_field(r, 3), 0, 1, &self);
    rd_parse_int(rd_field(r, 4), 0, 1, &dev);
    L->dup[i].first = r->row_line;
    L->dup[i].same = sched == L->dup[i].sched && self == L->dup[i].self && dev == L->dup[i].dev;
  }
  return 0;
}

/* ---- events.csv ------------------------------------------------------------------- */
static int events_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  pilot_data *d = L->d;
  L->a->read++;
  int aside;
  int32_t p = who(r, L, &aside);
  if (p < 0) return 0;
  int m = first_missing(r, 1, 2);
  if (m >= 0) { aside_missing(r, L, m); return 0; }
  int kind = rd_choice(r, 1, KINDS, 3);
  double t;
  if (kind < 0 || rd_real(r, 2, -PILOT_MAX_TIME, PILOT_MAX_TIME, &t)) return 0;
  if (d->n_events >= PILOT_MAX_EVENTS) {
    rd_error(r, "more than %d events", PILOT_MAX_EVENTS);
    r->fatal = 1;
    return 0;
  }
  if (d->n_events == L->cap) {
    size_t nc = L->cap ? 2 * L->cap : 1024;
    event_row *e = realloc(d->events, nc * sizeof *e);
    if (!e) return -1;
    d->events = e;
    L->cap = nc;
  }
  d->events[d->n_events++] = (event_row){ p, (int8_t)kind, t, r->row_line };
  return 0;
}

static int cmp_event(const void *a, const void *b) {
  const event_row *x = a, *y = b;
  if (x->p != y->p) return x->p < y->p ? -1 : 1;
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  if (x->time != y->time) return x->time < y->time ? -1 : 1;
  return x->line < y->line ? -1 : (x->line > y->line);
}

/* ---- nps.csv, task.csv, protocol.csv ------------------------------------------------ */
static int nps_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  L->a->read++;
  int aside;
  int32_t p = who(r, L, &aside);
  if (p < 0) return 0;
  if (rd_is_missing(r, rd_field(r, 1))) { aside_missing(r, L, 1); return 0; }
  int w = rd_choice(r, 1, WAVES, 2);
  if (w < 0) return 0;
  int score = -2;
  long long v;
  if (!rd_is_missing(r, rd_field(r, 2))) {
    if (rd_int(r, 2, 0, 10, &v)) return 0;
    score = (int)v;
  }
  pslot *s = &L->d->slot[p];
  if (s->nps_line[w]) {
    char what[32];
    snprintf(what, sizeof what, "%s-wave answer of participant", WAVES[w]);
    key_twice(r, what, rd_field(r, 0), s->nps_line[w], s->nps[w] == score);
    return 0;
  }
  s->nps_line[w] = r->row_line;
  s->nps[w] = (int8_t)score;
  if (score < 0) rd_set_aside(L->a, "missing score (no answer)");
  else L->a->used++;
  return 0;
}

static int task_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  L->a->read++;
  int aside;
  int32_t p = who(r, L, &aside);
  if (p < 0) return 0;
  double minutes = NAN;
  long long done = -2;
  int m = first_missing(r, 1, 2);
  if (rd_is_missing(r, rd_field(r, 1)) == 0 && rd_real(r, 1, 0, 1e6, &minutes)) return 0;
  if (rd_is_missing(r, rd_field(r, 2)) == 0 && rd_int(r, 2, 0, 1, &done)) return 0;
  if (m < 0 && !(minutes > 0)) {
    char q[64];
    rd_error(r, "minutes must be positive, found '%s'", rd_quote(rd_field(r, 1), q));
    return 0;
  }
  pslot *s = &L->d->slot[p];
  if (s->task_line) {
    int same = s->task_done == done && (s->task_min == minutes || (isnan(s->task_min) && isnan(minutes)));
    key_twice(r, "task row of participant", rd_field(r, 0), s->task_line, same);
    return 0;
  }
  s->task_line = r->row_line;
  s->task_min = minutes;
  s->task_done = (int8_t)(m >= 0 ? -2 : done);
  if (m >= 0) aside_missing(r, L, m);
  /* used is counted by the report: it depends on the arms present */
  return 0;
}

static int protocol_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  L->a->read++;
  int aside;
  int32_t p = who(r, L, &aside);
  if (p < 0) return 0;
  if (rd_is_missing(r, rd_field(r, 1))) { aside_missing(r, L, 1); return 0; }
  int w = rd_choice(r, 1, WAVES, 2);
  if (w < 0) return 0;
  long long steps = -1, total = -2;
  int m = first_missing(r, 2, 3);
  if (m < 0) {
    if (rd_int(r, 3, 1, 1000000, &total)) return 0;
    if (rd_int(r, 2, 0, total, &steps)) return 0;
  }
  pslot *s = &L->d->slot[p];
  if (s->proto_line[w]) {
    key_twice(r, w ? "post-period row of participant" : "pre-period row of participant", rd_field(r, 0),
              s->proto_line[w], s->total[w] == total && s->steps[w] == steps);
    return 0;
  }
  s->proto_line[w] = r->row_line;
  s->steps[w] = (int32_t)steps;
  s->total[w] = (int32_t)total;
  if (m >= 0) aside_missing(r, L, m);
  return 0;
}

/* ---- study.csv ------------------------------------------------------------------------ */
static const char *const STUDY_KEYS[] = { "study_cost", "volume", "value_per_unit_low", "value_per_unit_high",
                                          "conf_level", "seed" };

static int study_row(rd_file *r, void *ctx) {
  loader *L = ctx;
  pilot_data *d = L->d;
  L->a->read++;
  if (rd_is_missing(r, rd_field(r, 0))) { aside_missing(r, L, 0); return 0; }
  int k = rd_choice(r, 0, STUDY_KEYS, 6);
  if (k < 0) return 0;
  const char *v = rd_field(r, 1);
  double x = NAN;
  uint64_t seed = 0;
  int missing = rd_is_missing(r, v);
  if (!missing) {
    char q[64];
    if (k == 5) {
      if (rd_parse_u64(v, &seed) != 0) {
        rd_error(r, "seed must be a whole number from 0 to 18446744073709551615, found '%s'", rd_quote(v, q));
        return 0;
      }
    } else {
      static const double lo[5] = { 0, 0, -1e12, -1e12, 0 }, hi[5] = { 1e15, 1e15, 1e12, 1e12, 1 };
      if (rd_real(r, 1, lo[k], hi[k], &x)) return 0;
      if ((k == 0 && x == 0) || (k == 4 && (x == 0 || x == 1))) {
        rd_error(r, "%s must be %s, found '%s'", STUDY_KEYS[k], k == 0 ? "positive" : "strictly between 0 and 1",
                 rd_quote(v, q));
        return 0;
      }
    }
  }
  int *has[6] = { &d->has_cost, &d->has_volume, &d->has_value_low, &d->has_value_high, &d->has_conf, &d->has_seed };
  double *val[5] = { &d->study_cost, &d->volume, &d->value_low, &d->value_high, &d->conf_level };
  if (d->study_line[k]) {
    int same = (*has[k] == !missing) && (missing || (k == 5 ? d->seed == seed : *val[k] == x));
    key_twice(r, "study key", STUDY_KEYS[k], d->study_line[k], same);
    return 0;
  }
  d->study_line[k] = r->row_line;
  if (missing) { rd_set_aside(L->a, "missing value"); return 0; }
  *has[k] = 1;
  if (k == 5) d->seed = seed; else *val[k] = x;
  L->a->used++;
  return 0;
}

/* ---- driving ---------------------------------------------------------------------------- */
static const char *const DOSE_COLS[] = { "participant_id", "dose", "scheduled_min", "self_reported", "device_logged" };
static const char *const EVENT_COLS[] = { "participant_id", "kind", "time_min" };
static const char *const NPS_COLS[] = { "participant_id", "wave", "score" };
static const char *const TASK_COLS[] = { "participant_id", "minutes", "completed" };
static const char *const PROTOCOL_COLS[] = { "participant_id", "period", "steps_completed", "steps_total" };
static const char *const STUDY_COLS[] = { "key", "value" };

typedef struct { const char *const *cols; int ncols; rd_row_fn fn; } file_spec;

static file_spec spec(int f, const study_config *cfg, const char **pcols) {
  pcols[0] = "participant_id";
  pcols[1] = "arm";
  pcols[2] = cfg->segment_column[0] ? cfg->segment_column : "\x01none";
  switch (f) {
  case F_PARTICIPANTS: return (file_spec){ pcols, 3, participant_row };
  case F_DOSES: return (file_spec){ DOSE_COLS, 5, dose_row };
  case F_EVENTS: return (file_spec){ EVENT_COLS, 3, events_row };
  case F_NPS: return (file_spec){ NPS_COLS, 3, nps_row };
  case F_TASK: return (file_spec){ TASK_COLS, 3, task_row };
  case F_PROTOCOL: return (file_spec){ PROTOCOL_COLS, 4, protocol_row };
  default: return (file_spec){ STUDY_COLS, 2, study_row };
  }
}

static unsigned long required_cols(int f, const study_config *cfg) {
  /* the segment column is required only when configured explicitly */
  if (f == F_PARTICIPANTS) return cfg->segment_column[0] && cfg->segment_set ? 7ul : 3ul;
  return (1ul << spec(f, cfg, (const char *[3]){ 0 }).ncols) - 1;
}

static int participants_row_counted(rd_file *r, void *ctx) {
  ((loader *)ctx)->a->read++;
  return participant_row(r, ctx);
}

static int ensure_slots(pilot_data *d) {
  if (d->slot || d->n_participants == 0) return 0;
  d->slot = calloc(d->n_participants, sizeof *d->slot);
  if (!d->slot) return -1;
  for (size_t i = 0; i < d->n_participants; i++) {
    d->slot[i].nps[0] = d->slot[i].nps[1] = -1;
    d->slot[i].task_done = -1;
    d->slot[i].task_min = NAN;
    d->slot[i].total[0] = d->slot[i].total[1] = -1;
  }
  return 0;
}

static int finish_file(int f, pilot_data *d, rd_file *r, int rc) {
  if (rc < 0) return -1;
  d->acct[f].name = PILOT_FILE_NAMES[f];
  d->acct[f].present = rc == 0;
  d->errors += r->errors;
  if (f == F_PARTICIPANTS && rc == 0 && r->errors == 0 && d->n_participants == 0) {
    fprintf(r->err, "%s: no participants (the header alone, or every row set aside)\n", r->path);
    d->errors++;
  }
  if (f == F_EVENTS && d->n_events > 1) {
    qsort(d->events, d->n_events, sizeof *d->events, cmp_event);
    for (size_t i = 1; i < d->n_events; i++) {
      const event_row *a = &d->events[i - 1], *b = &d->events[i];
      if (a->p == b->p && a->kind == b->kind && a->time == b->time) {
        if (d->errors < RD_MAX_SHOWN_ERRORS + 20)
          fprintf(r->err, "%s:%ld: duplicate row: participant '%s' %s at %g again, same as line %ld\n", r->path,
                  b->line, d->participants[b->p].id, KINDS[b->kind], b->time, a->line);
        d->errors++;
      }
    }
  }
  if (f == F_EVENTS) d->acct[f].used = d->n_events;
  return 0;
}

static int load_one(const char *dir, int f, const study_config *cfg, pilot_data *d, FILE *err, loader *L) {
  const char *pcols[3];
  file_spec s = spec(f, cfg, pcols);
  rd_file r;
  L->a = &d->acct[f];
  int rc = rd_read(&r, dir, PILOT_FILE_NAMES[f], s.cols, s.ncols, required_cols(f, cfg), &cfg->missing, err,
                   f == F_PARTICIPANTS ? participants_row_counted : s.fn, L);
  if (rc == 1 && f == F_PARTICIPANTS) {
    fprintf(err, "%s: cannot open: participants.csv is required\n", r.path);
    d->errors++;
  }
  return finish_file(f, d, &r, rc);
}

int pilot_load(const char *dir, const study_config *cfg, pilot_data *d, FILE *err) {
  memset(d, 0, sizeof *d);
  for (int f = 0; f < N_FILES; f++) d->acct[f].name = PILOT_FILE_NAMES[f];
  d->index = calloc(1, sizeof(id_index));
  if (!d->index) return -1;
  loader L;
  memset(&L, 0, sizeof L);
  L.d = d;
  L.cfg = cfg;
  if (load_one(dir, F_PARTICIPANTS, cfg, d, err, &L) != 0) return -1;
  if (d->errors) return 0;
  if (ensure_slots(d) != 0) return -1;
  static const int rest[] = { F_EVENTS, F_NPS, F_TASK, F_PROTOCOL, F_STUDY };
  for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
    memset(&L, 0, sizeof L);
    L.d = d;
    L.cfg = cfg;
    if (load_one(dir, rest[i], cfg, d, err, &L) != 0) return -1;
  }
  return 0;
}

static void report_dups(loader *L, rd_file *r, pilot_data *d) {
  for (int i = 0; i < L->n_dup; i++) {
    r->row_line = L->dup[i].line;
    r->in_row = 1;
    char what[64];
    snprintf(what, sizeof what, "dose %lld of participant", L->dup[i].dose);
    r->errors = 0; /* counted below */
    key_twice(r, what, d->participants[L->dup[i].p].id, L->dup[i].first, L->dup[i].same);
  }
  if (L->dup_total > L->n_dup)
    fprintf(r->err, "%s: %ld duplicated doses in all (the first %d shown)\n", r->path, L->dup_total, L->n_dup);
}

int pilot_load_doses(const char *dir, const study_config *cfg, pilot_data *d, FILE *err, FILE *progress,
                     pilot_dose_fn fn, void *ctx) {
  loader L;
  memset(&L, 0, sizeof L);
  L.d = d;
  L.cfg = cfg;
  L.progress = progress;
  L.fn = fn;
  L.fn_ctx = ctx;
  if (load_one(dir, F_DOSES, cfg, d, err, &L) != 0) return -1;
  if (L.n_dup > 0) {
    rd_file r;
    if (rd_read(&r, dir, PILOT_FILE_NAMES[F_DOSES], DOSE_COLS, 5, 0x1f, &cfg->missing, err, dose_dup_row, &L) < 0)
      return -1;
    report_dups(&L, &r, d);
  }
  for (size_t i = 0; i < d->n_participants; i++) {
    free(d->slot[i].dose_bits);
    d->slot[i].dose_bits = NULL;
    d->slot[i].dose_bytes = 0;
  }
  d->bitmap_bytes = 0;
  return 0;
}

int pilot_load_mem(int f, const unsigned char *data, size_t size, const study_config *cfg, pilot_data *d, FILE *err) {
  if (f == F_PARTICIPANTS) {
    memset(d, 0, sizeof *d);
    for (int k = 0; k < N_FILES; k++) d->acct[k].name = PILOT_FILE_NAMES[k];
    d->index = calloc(1, sizeof(id_index));
    if (!d->index) return -1;
  } else if (ensure_slots(d) != 0) {
    return -1;
  }
  loader L;
  memset(&L, 0, sizeof L);
  L.d = d;
  L.cfg = cfg;
  L.a = &d->acct[f];
  const char *pcols[3];
  file_spec s = spec(f, cfg, pcols);
  rd_file r;
  int rc = rd_read_mem(&r, PILOT_FILE_NAMES[f], data, size, s.cols, s.ncols, required_cols(f, cfg), &cfg->missing,
                       err, f == F_PARTICIPANTS ? participants_row_counted : s.fn, &L);
  if (finish_file(f, d, &r, rc) != 0) return -1;
  if (f == F_DOSES && L.n_dup > 0) {
    rd_read_mem(&r, PILOT_FILE_NAMES[f], data, size, DOSE_COLS, 5, 0x1f, &cfg->missing, err, dose_dup_row, &L);
    report_dups(&L, &r, d);
  }
  if (f == F_PARTICIPANTS && d->errors == 0) return ensure_slots(d);
  return 0;
}

void pilot_free(pilot_data *d) {
  if (d->slot)
    for (size_t i = 0; i < d->n_participants; i++) free(d->slot[i].dose_bits);
  free(d->slot);
  free(d->participants);
  free(d->events);
  if (d->index) free(((id_index *)d->index)->slot);
  free(d->index);
  memset(d, 0, sizeof *d);
}
