/* Event matcher: scheduled doses x device opens x app check-ins -> per-dose
 * paired records. Rule and proof: docs/methods/paired.md ("Matcher"). */
#include <limits.h>
#include <stdlib.h>

#include "internal.h"

FGROI_API fgroi_status fgroi_match_options_default(fgroi_match_options *options) {
  FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_match_options, self_after));
  fgroi_match_options o = { .struct_size = sizeof o, .device_before = 3600,
                            .device_after = 3600, .self_before = 3600, .self_after = 3600 };
  fgroi__write_out(options, &o, sizeof o);
  return FGROI_OK;
}

/* ---- sorting ---------------------------------------------------------------- */

/* A sortable (participant, time) key with the input index. Keys are the
 * signed values with the sign bit flipped, so unsigned order is signed
 * order. */
typedef struct {
  uint64_t pid;
  uint64_t t;
  uint64_t idx;
} item;

static uint64_t ukey(int64_t v) { return (uint64_t)v ^ (UINT64_C(1) << 63); }
static int64_t skey(uint64_t v) { return (int64_t)(v ^ (UINT64_C(1) << 63)); }

/* Stable LSD radix sort of a[0..n) by (pid, t); tmp is scratch of n items.
 * Byte positions on which every key agrees are skipped. Input order (idx
 * ascending) breaks ties. Returns the buffer holding the result. Used when
 * the keys do not pack into 64 bits. */
static item *radix_sort(item *a, item *tmp, size_t n) {
  uint64_t dp = 0, dt = 0;
  for (size_t i = 1; i < n; i++) { dp |= a[i].pid ^ a[0].pid; dt |= a[i].t ^ a[0].t; }
  size_t count[256];
  for (int pass = 0; pass < 16; pass++) {
    int on_pid = pass >= 8;
    int shift = 8 * (pass % 8);
    if ((((on_pid ? dp : dt) >> shift) & 0xFFu) == 0) continue;
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++)
      count[((on_pid ? a[i].pid : a[i].t) >> shift) & 0xFFu]++;
    size_t sum = 0;
    for (int j = 0; j < 256; j++) { size_t c = count[j]; count[j] = sum; sum += c; }
    for (size_t i = 0; i < n; i++)
      tmp[count[((on_pid ? a[i].pid : a[i].t) >> shift) & 0xFFu]++] = a[i];
    item *sw = a; a = tmp; tmp = sw;
  }
  return a;
}

/* A packed key (participant offset << tbits | time offset) with the index. */
typedef struct {
  uint64_t key;
  uint64_t idx;
} kv;

#define KV_DIGIT 11

/* Stable LSD radix sort on the low `bits` bits of the keys, 11-bit digits. */
static kv *radix_kv(kv *a, kv *tmp, size_t n, int bits) {
  size_t count[1u << KV_DIGIT];
  for (int shift = 0; shift < bits; shift += KV_DIGIT) {
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) count[(a[i].key >> shift) & ((1u << KV_DIGIT) - 1)]++;
    size_t sum = 0;
    for (size_t j = 0; j < (1u << KV_DIGIT); j++) { size_t c = count[j]; count[j] = sum; sum += c; }
    for (size_t i = 0; i < n; i++) tmp[count[(a[i].key >> shift) & ((1u << KV_DIGIT) - 1)]++] = a[i];
    kv *sw = a; a = tmp; tmp = sw;
  }
  return a;
}

static int bit_width(uint64_t v) {
  int b = 0;
  while (v) { b++; v >>= 1; }
  return b;
}

/* Sorted (participant, time, input index) items of one input array into
 * out[0..n). scratch holds at least 32 * n bytes (two kv arrays or one item
 * array). Already sorted input costs one pass; keys whose participant and
 * time ranges fit together in 64 bits are sorted as 16-byte packed keys
 * (typically 4 passes); others by the byte-skipping 24-byte sort. */
static void load_sorted(const int64_t *participant, const int64_t *time, size_t n, item *out,
                        void *scratch) {
  int sorted = 1;
  for (size_t i = 1; i < n && sorted; i++)
    sorted = participant[i] > participant[i - 1] ||
             (participant[i] == participant[i - 1] && time[i] >= time[i - 1]);
  if (sorted || n < 2) {
    for (size_t i = 0; i < n; i++)
      out[i] = (item){ ukey(participant[i]), ukey(time[i]), (uint64_t)i };
    return;
  }
  uint64_t pmin = UINT64_MAX, pmax = 0, tmin = UINT64_MAX, tmax = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t p = ukey(participant[i]), t = ukey(time[i]);
    if (p < pmin) pmin = p;
    if (p > pmax) pmax = p;
    if (t < tmin) tmin = t;
    if (t > tmax) tmax = t;
  }
  int pb = bit_width(pmax - pmin), tb = bit_width(tmax - tmin);
  if (pb + tb <= 64) {
    kv *a = scratch, *b = a + n;
    for (size_t i = 0; i < n; i++) {
      uint64_t hi = pb > 0 ? (ukey(participant[i]) - pmin) << tb : 0;
      a[i] = (kv){ hi | (ukey(time[i]) - tmin), (uint64_t)i };
    }
    kv *r = radix_kv(a, b, n, pb + tb);
    uint64_t tmask = tb == 64 ? UINT64_MAX : ((UINT64_C(1) << tb) - 1);
    for (size_t i = 0; i < n; i++) {
      uint64_t p = tb == 64 ? pmin : (r[i].key >> tb) + pmin;
      out[i] = (item){ p, (r[i].key & tmask) + tmin, r[i].idx };
    }
    return;
  }
  for (size_t i = 0; i < n; i++)
    out[i] = (item){ ukey(participant[i]), ukey(time[i]), (uint64_t)i };
  item *r = radix_sort(out, scratch, n);
  if (r != out) memcpy(out, r, n * sizeof *out);
}

/* ---- matching ------------------------------------------------------------------ */

static int64_t sat_add(int64_t x, int64_t y) { /* y >= 0 */
  return x > INT64_MAX - y ? INT64_MAX : x + y;
}
static int64_t sat_sub(int64_t x, int64_t y) { /* y >= 0 */
  return x < INT64_MIN + y ? INT64_MIN : x - y;
}

typedef struct {
  int64_t matched, duplicate, outside, no_doses, participants_without;
} stream_counts;

/* Match one sorted event stream against the sorted doses; writes
 * records[dose idx].device / .self and the matched event's index. */
static void match_stream(const item *d, size_t nd, const item *e, size_t ne, int64_t before,
                         int64_t after, fgroi_match_record *records, int is_device,
                         stream_counts *sc) {
  size_t di = 0, ei = 0;
  while (di < nd || ei < ne) {
    /* next participant in either list */
    uint64_t pid;
    if (di < nd && (ei >= ne || d[di].pid <= e[ei].pid)) pid = d[di].pid;
    else pid = e[ei].pid;
    size_t d0 = di, e0 = ei;
    while (di < nd && d[di].pid == pid) di++;
    while (ei < ne && e[ei].pid == pid) ei++;
    size_t m = di - d0, k = ei - e0;
    if (m == 0) { sc->outside += (int64_t)k; sc->no_doses += (int64_t)k; continue; }
    if (k == 0) { sc->participants_without++; continue; }
    const item *D = d + d0;
    size_t p = 0, r = 0; /* p: first unmatched candidate; r: first dose with t >= lo */
    for (size_t j = 0; j < k; j++) {
      int64_t et = skey(e[e0 + j].t);
      uint64_t lo = ukey(sat_sub(et, after)), hi = ukey(sat_add(et, before));
      while (p < m && D[p].t < lo) p++;
      while (r < m && D[r].t < lo) r++;
      if (p < m && D[p].t <= hi) {
        fgroi_match_record *rec = &records[D[p].idx];
        if (is_device) { rec->device = 1; rec->device_event = (int64_t)e[e0 + j].idx; }
        else { rec->self = 1; rec->self_event = (int64_t)e[e0 + j].idx; }
        sc->matched++;
        p++;
      } else if (r < m && D[r].t <= hi) {
        sc->duplicate++;
      } else {
        sc->outside++;
      }
    }
  }
}

FGROI_API fgroi_status fgroi_match_doses(const int64_t *dose_participant, const int64_t *dose_time,
                                         size_t n_doses, const int64_t *device_participant,
                                         const int64_t *device_time, size_t n_device,
                                         const int64_t *self_participant, const int64_t *self_time,
                                         size_t n_self, const fgroi_match_options *options,
                                         fgroi_match_record *records, size_t capacity,
                                         fgroi_match_summary *summary) {
  if (summary != NULL) FGROI__TRY(FGROI__CHECK_OUT(summary, fgroi_match_summary,
                                                   participants_without_self_events));
  if ((n_doses > 0 && (dose_participant == NULL || dose_time == NULL || records == NULL)) ||
      (n_device > 0 && (device_participant == NULL || device_time == NULL)) ||
      (n_self > 0 && (self_participant == NULL || self_time == NULL)))
    return FGROI_E_NULL;
  fgroi_match_options opt;
  if (options == NULL) {
    opt = (fgroi_match_options){ .struct_size = sizeof opt };
    (void)fgroi_match_options_default(&opt);
  } else {
    FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_match_options, self_after));
    opt = *options;
  }
  if (opt.device_before < 0 || opt.device_after < 0 || opt.self_before < 0 ||
      opt.self_after < 0)
    return FGROI_E_INVALID_TIME;
  if (capacity < n_doses) return FGROI_E_CAPACITY;
  const uint64_t lim = (uint64_t)INT64_MAX;
  if ((uint64_t)n_doses > lim || (uint64_t)n_device > lim || (uint64_t)n_self > lim)
    return FGROI_E_TOO_LARGE;
  size_t ne_max = n_device > n_self ? n_device : n_self;
  size_t big = n_doses > ne_max ? n_doses : ne_max;
  if (big > SIZE_MAX / sizeof(kv) / 2) return FGROI_E_NO_MEMORY;
  /* sorted doses kept for both streams; one event buffer and one scratch
   * area reused by both streams */
  item *ds = malloc((n_doses > 0 ? n_doses : 1) * sizeof(item));
  item *es = malloc((ne_max > 0 ? ne_max : 1) * sizeof(item));
  void *scratch = malloc((big > 0 ? big : 1) * 2 * sizeof(kv));
  if (ds == NULL || es == NULL || scratch == NULL) {
    free(ds); free(es); free(scratch);
    return FGROI_E_NO_MEMORY;
  }
  load_sorted(dose_participant, dose_time, n_doses, ds, scratch);

  for (size_t i = 0; i < n_doses; i++)
    records[i] = (fgroi_match_record){ dose_participant[i], dose_time[i], -1, -1, 0, 0 };

  stream_counts dev = { 0, 0, 0, 0, 0 }, slf = { 0, 0, 0, 0, 0 };
  load_sorted(device_participant, device_time, n_device, es, scratch);
  match_stream(ds, n_doses, es, n_device, opt.device_before, opt.device_after, records, 1, &dev);
  load_sorted(self_participant, self_time, n_self, es, scratch);
  match_stream(ds, n_doses, es, n_self, opt.self_before, opt.self_after, records, 0, &slf);

  int64_t participants = 0;
  for (size_t i = 0; i < n_doses; i++)
    if (i == 0 || ds[i].pid != ds[i - 1].pid) participants++;
  free(ds); free(es); free(scratch);

  if (summary != NULL) {
    fgroi_match_summary s = { .struct_size = sizeof s };
    s.doses = (int64_t)n_doses;
    s.participants = participants;
    s.device_events = (int64_t)n_device;
    s.device_matched = dev.matched;
    s.device_duplicate = dev.duplicate;
    s.device_outside = dev.outside;
    s.device_no_doses = dev.no_doses;
    s.self_events = (int64_t)n_self;
    s.self_matched = slf.matched;
    s.self_duplicate = slf.duplicate;
    s.self_outside = slf.outside;
    s.self_no_doses = slf.no_doses;
    s.participants_without_device_events = dev.participants_without;
    s.participants_without_self_events = slf.participants_without;
    fgroi__write_out(summary, &s, sizeof s);
  }
  return FGROI_OK;
}

/* ---- into paired.h ----------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_match_clusters(const fgroi_match_record *records, size_t n,
                                            fgroi_paired_cluster *out, size_t capacity,
                                            size_t *n_out) {
  if (n_out == NULL || (n > 0 && records == NULL)) return FGROI_E_NULL;
  for (size_t i = 0; i < n; i++)
    if (records[i].self > 1 || records[i].device > 1) return FGROI_E_OUT_OF_RANGE;
  if (n > SIZE_MAX / sizeof(int64_t)) return FGROI_E_NO_MEMORY;
  int64_t *id = malloc((n > 0 ? n : 1) * sizeof *id);
  uint8_t *self = malloc(n > 0 ? n : 1), *dev = malloc(n > 0 ? n : 1);
  fgroi_status s = FGROI_E_NO_MEMORY;
  if (id != NULL && self != NULL && dev != NULL) {
    for (size_t i = 0; i < n; i++) {
      id[i] = records[i].participant;
      self[i] = records[i].self;
      dev[i] = records[i].device;
    }
    s = fgroi_paired_clusters_from_records(id, self, dev, n, out, capacity, n_out);
  }
  free(id); free(self); free(dev);
  return s;
}

FGROI_API fgroi_status fgroi_match_tally_add(fgroi_paired_tally *tally,
                                             const fgroi_match_record *records, size_t n) {
  FGROI__TRY(FGROI__CHECK_OUT(tally, fgroi_paired_tally, neither));
  if (n > 0 && records == NULL) return FGROI_E_NULL;
  fgroi_paired_tally add = { .struct_size = sizeof add };
  for (size_t i = 0; i < n; i++) {
    const fgroi_match_record *r = &records[i];
    if (r->self > 1 || r->device > 1) return FGROI_E_OUT_OF_RANGE;
    if (r->self && r->device) add.both++;
    else if (r->device) add.device_only++;
    else if (r->self) add.self_only++;
    else add.neither++;
  }
  return fgroi_paired_tally_merge(tally, &add);
}
