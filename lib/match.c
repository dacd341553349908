/* Event matcher: scheduled doses x device opens x app check-ins -> per-dose
 * paired records. Rule and proof: docs/methods/paired.md ("Matcher"). */
#define _DEFAULT_SOURCE 1 /* mmap's MAP_ANONYMOUS, madvise's MADV_HUGEPAGE (Linux) */
#include <limits.h>
#include <stdlib.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "control.h"
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

/* Progress and cancellation every 2^16 elements (NULL ctl: nothing). True
 * once cancelled: the loop stops and the caller checks ctl->cancelled. */
static inline int stopped(const fgroi__ctl *ctl) { return ctl != NULL && ctl->cancelled; }

/* Stable LSD radix sort of a[0..n) by (pid, t); tmp is scratch of n items.
 * Byte positions on which every key agrees are skipped. Input order (idx
 * ascending) breaks ties. Returns the buffer holding the result. Used when
 * the keys do not pack into 64 bits. */
static item *radix_sort(item *a, item *tmp, size_t n, fgroi__ctl *ctl) {
  uint64_t dp = 0, dt = 0;
  for (size_t i = 1; i < n; i++) { dp |= a[i].pid ^ a[0].pid; dt |= a[i].t ^ a[0].t; }
  size_t count[256];
  for (int pass = 0; pass < 16; pass++) {
    int on_pid = pass >= 8;
    int shift = 8 * (pass % 8);
    if ((((on_pid ? dp : dt) >> shift) & 0xFFu) == 0) continue;
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) {
      if (fgroi__ctl_tick(ctl, i, pass / 16.0) != FGROI_OK) return a;
      count[((on_pid ? a[i].pid : a[i].t) >> shift) & 0xFFu]++;
    }
    size_t sum = 0;
    for (int j = 0; j < 256; j++) { size_t c = count[j]; count[j] = sum; sum += c; }
    for (size_t i = 0; i < n; i++) {
      if (fgroi__ctl_tick(ctl, i, pass / 16.0) != FGROI_OK) return a;
      tmp[count[((on_pid ? a[i].pid : a[i].t) >> shift) & 0xFFu]++] = a[i];
    }
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
#define KV_BUCKETS (1u << KV_DIGIT)

/* Stable LSD radix sort on the low `bits` bits of the keys, 11-bit digits
 * (a histogram of 16 KB stays in L1). */
static kv *radix_kv(kv *a, kv *tmp, size_t n, int bits, fgroi__ctl *ctl) {
  size_t count[KV_BUCKETS];
  for (int shift = 0; shift < bits; shift += KV_DIGIT) {
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) {
      if (fgroi__ctl_tick(ctl, i, shift / 64.0) != FGROI_OK) return a;
      count[(a[i].key >> shift) & (KV_BUCKETS - 1)]++;
    }
    size_t sum = 0;
    for (size_t j = 0; j < KV_BUCKETS; j++) { size_t c = count[j]; count[j] = sum; sum += c; }
    for (size_t i = 0; i < n; i++) {
      if (fgroi__ctl_tick(ctl, i, shift / 64.0) != FGROI_OK) return a;
      tmp[count[(a[i].key >> shift) & (KV_BUCKETS - 1)]++] = a[i];
    }
    kv *sw = a; a = tmp; tmp = sw;
  }
  return a;
}

/* Stable LSD radix sort of 64-bit words on bits [lo, lo + bits): the low
 * `lo` bits carry the input index, already ascending, so stability keeps
 * ties in input order without sorting them. Digits of at most 11 bits
 * (a 16 KB histogram stays in L1), as even as the pass count allows; all
 * histograms come from one read pass, and a pass whose digit is the same
 * for every key is skipped. count is scratch of MATCH_MAX_PASSES *
 * KV_BUCKETS entries. Returns the buffer holding the result (a or tmp). */
#define MATCH_MAX_PASSES 6
#define MATCH_SCRATCH (MATCH_MAX_PASSES * KV_BUCKETS * sizeof(size_t)) /* histograms */
static uint64_t *radix_u64(uint64_t *a, uint64_t *tmp, size_t n, int lo, int bits, size_t *count,
                           fgroi__ctl *ctl) {
  if (bits <= 0 || n < 2) return a;
  int passes = (bits + KV_DIGIT - 1) / KV_DIGIT;
  int digit = (bits + passes - 1) / passes;
  const uint64_t mask = (UINT64_C(1) << digit) - 1;
  const size_t stride = (size_t)1 << digit;
  memset(count, 0, (size_t)passes * stride * sizeof *count);
  for (size_t i = 0; i < n; i++) {
    if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return a;
    uint64_t k = a[i] >> lo;
    for (int p = 0; p < passes; p++) count[(size_t)p * stride + ((k >> (p * digit)) & mask)]++;
  }
  for (int p = 0; p < passes; p++) {
    size_t *c = count + (size_t)p * stride;
    const int shift = lo + p * digit;
    if (c[(a[0] >> shift) & mask] == n) continue; /* every key has this digit */
    size_t sum = 0;
    for (size_t j = 0; j <= mask; j++) { size_t x = c[j]; c[j] = sum; sum += x; }
    for (size_t i = 0; i < n; i++) {
      if (fgroi__ctl_tick(ctl, i, (p + 1.0) / (passes + 1.0)) != FGROI_OK) return a;
      tmp[c[(a[i] >> shift) & mask]++] = a[i];
    }
    uint64_t *sw = a; a = tmp; tmp = sw;
  }
  return a;
}

/* The same order for large arrays with wide keys, in one pass over memory
 * instead of one per digit: the words are scattered on their top digit
 * (at most 11 bits) into buckets of a few thousand words each (for event
 * logs: a few participants), and each bucket is then sorted while it sits
 * in cache -- insertion sort when tiny, else the LSD sort above on the
 * remaining key bits, with the same span of a as its scratch. Every word
 * is distinct (the index bits), there is nothing above bit lo + bits, and
 * the words of a bucket share their top digit, so plain word order inside
 * a bucket is the stable key order. top: the top digit's histogram (the
 * packing pass counts it), KV_BUCKETS entries, overwritten. The result is
 * in a, where the buckets' last LSD pass (three of them for event logs)
 * leaves it. */
#define HYBRID_MIN_WORDS ((size_t)1 << 16)
#define HYBRID_MIN_BITS (2 * KV_DIGIT + 1)
#define INSERTION_MAX 32
static uint64_t *radix_u64_hybrid(uint64_t *a, uint64_t *tmp, size_t n, int lo, int bits, size_t *top,
                                  size_t *count, fgroi__ctl *ctl) {
  const int shift = lo + bits - KV_DIGIT;
  size_t sum = 0;
  for (size_t j = 0; j < KV_BUCKETS; j++) { size_t x = top[j]; top[j] = sum; sum += x; }
  for (size_t i = 0; i < n; i++) {
    if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return a;
    tmp[top[a[i] >> shift]++] = a[i];
  }
  /* top[j] is now the end of bucket j */
  size_t start = 0;
  for (size_t j = 0; j < KV_BUCKETS; j++) {
    size_t end = top[j], m = end - start;
    uint64_t *b = tmp + start;
    if (m <= INSERTION_MAX) {
      for (size_t i = 1; i < m; i++) {
        uint64_t x = b[i];
        size_t k = i;
        while (k > 0 && b[k - 1] > x) { b[k] = b[k - 1]; k--; }
        b[k] = x;
      }
    } else {
      b = radix_u64(b, a + start, m, lo, bits - KV_DIGIT, count, ctl);
    }
    if (stopped(ctl)) return a; /* radix_u64 stepped the control at the bucket's start */
    if (b != a + start) memcpy(a + start, b, m * sizeof *b);
    start = end;
  }
  return a;
}

static int bit_width(uint64_t v) {
  int b = 0;
  while (v) { b++; v >>= 1; }
  return b;
}

/* A sorted view of one input array: element i has participant key pid(i),
 * time key t(i) (both order-preserving unsigned keys) and input index
 * idx(i), in (participant, time, index) order. Three representations:
 * the caller's arrays when already sorted (no copy), packed keys, or
 * 24-byte items (keys that do not pack into 64 bits). */
typedef struct {
  int kind;                   /* VIEW_RAW, VIEW_PACKED, VIEW_ITEMS */
  const int64_t *participant; /* VIEW_RAW */
  const int64_t *time;
  const kv *k;                /* VIEW_PACKED */
  const uint64_t *w;          /* VIEW_WORDS: (participant, time, index) in one word */
  uint64_t pmin, tmin, tmask, imask;
  int tb, ib;
  const item *it;             /* VIEW_ITEMS */
} view;

enum { VIEW_RAW = 0, VIEW_PACKED = 1, VIEW_ITEMS = 2, VIEW_WORDS = 3 };

/* The accessors take the view's kind as an argument so that the matcher,
 * compiled once per pair of kinds, has no dispatch in its inner loop; a
 * negative kind reads it from the view. */
#if defined(__GNUC__)
#define MATCH_INLINE static inline __attribute__((always_inline))
#else
#define MATCH_INLINE static inline
#endif

MATCH_INLINE uint64_t k_pid(int kind, const view *v, size_t i) {
  if (kind < 0) kind = v->kind;
  if (kind == VIEW_WORDS) return ((v->w[i] >> v->ib) >> v->tb) + v->pmin;
  if (kind == VIEW_PACKED) return v->tb == 64 ? v->pmin : (v->k[i].key >> v->tb) + v->pmin;
  if (kind == VIEW_RAW) return ukey(v->participant[i]);
  return v->it[i].pid;
}

MATCH_INLINE uint64_t k_t(int kind, const view *v, size_t i) {
  if (kind < 0) kind = v->kind;
  if (kind == VIEW_WORDS) return ((v->w[i] >> v->ib) & v->tmask) + v->tmin;
  if (kind == VIEW_PACKED) return (v->k[i].key & v->tmask) + v->tmin;
  if (kind == VIEW_RAW) return ukey(v->time[i]);
  return v->it[i].t;
}

MATCH_INLINE uint64_t k_idx(int kind, const view *v, size_t i) {
  if (kind < 0) kind = v->kind;
  if (kind == VIEW_WORDS) return v->w[i] & v->imask;
  if (kind == VIEW_PACKED) return v->k[i].idx;
  if (kind == VIEW_RAW) return (uint64_t)i;
  return v->it[i].idx;
}

static uint64_t v_pid(const view *v, size_t i) { return k_pid(-1, v, i); }

/* Scratch buffers of the sort. Large ones (at least 4 MB) are mapped
 * directly and marked for transparent huge pages where Linux offers them
 * (MADV_HUGEPAGE; "madvise" is the usual system setting): a fresh 4 KB
 * page costs a fault on first touch, and the sort touches 16 bytes per
 * event once, so 4 KB pages made the faults about half the time of a call
 * (docs/performance.md, "Event matcher sort"). */
#define BIG_BUFFER ((size_t)4 << 20)
#if defined(__SANITIZE_ADDRESS__)
#define MATCH_NO_MMAP 1 /* sanitizers check malloc'ed buffers' bounds, not mappings */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define MATCH_NO_MMAP 1
#endif
#endif
#if defined(__linux__) && defined(MAP_ANONYMOUS) && !defined(MATCH_NO_MMAP)
#define MATCH_MMAP 1
#endif

static void *buf_alloc(size_t n) {
#if defined(MATCH_MMAP)
  if (n >= BIG_BUFFER) {
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
#if defined(MADV_HUGEPAGE)
    (void)madvise(p, n, MADV_HUGEPAGE); /* a hint: no huge pages is not an error */
#endif
    return p;
  }
#endif
  return malloc(n);
}

static void buf_free(void *p, size_t n) {
  if (p == NULL) return;
#if defined(MATCH_MMAP)
  if (n >= BIG_BUFFER) { (void)munmap(p, n); return; }
#endif
  free(p);
}

/* Make *buf (capacity *cap bytes) hold at least `need` bytes. */
static fgroi_status reserve(void **buf, size_t *cap, size_t need) {
  if (need <= *cap) return FGROI_OK;
  buf_free(*buf, *cap);
  *buf = buf_alloc(need);
  *cap = *buf == NULL ? 0 : need;
  return *buf == NULL ? FGROI_E_NO_MEMORY : FGROI_OK;
}

/* Sorted view of (participant[i], time[i], i), i < n. Already sorted input
 * is used in place (one check pass); keys whose participant and time
 * ranges fit together in 64 bits are sorted as 16-byte packed keys (4
 * passes of 11 bits for typical logs) in *buf; others as 24-byte items by
 * the byte-skipping sort. *buf grows as needed (32 or 48 bytes per
 * element) and stays owned by the caller. */
static fgroi_status prepare_view(const int64_t *participant, const int64_t *time, size_t n,
                                 void **buf, size_t *cap, view *v, fgroi__ctl *ctl) {
  memset(v, 0, sizeof *v);
  v->participant = participant;
  v->time = time;
  int sorted = 1;
  for (size_t i = 1; i < n && sorted; i++) {
    if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return FGROI_E_CANCELLED;
    sorted = participant[i] > participant[i - 1] ||
             (participant[i] == participant[i - 1] && time[i] >= time[i - 1]);
  }
  if (sorted) { v->kind = VIEW_RAW; return FGROI_OK; }
  uint64_t pmin = UINT64_MAX, pmax = 0, tmin = UINT64_MAX, tmax = 0;
  for (size_t i = 0; i < n; i++) {
    if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return FGROI_E_CANCELLED;
    uint64_t p = ukey(participant[i]), t = ukey(time[i]);
    if (p < pmin) pmin = p;
    if (p > pmax) pmax = p;
    if (t < tmin) tmin = t;
    if (t > tmax) tmax = t;
  }
  int pb = bit_width(pmax - pmin), tb = bit_width(tmax - tmin), ib = bit_width((uint64_t)n - 1);
  if (pb + tb + ib <= 64) {
    /* one 8-byte word per element: (participant offset, time offset, index) */
    FGROI__TRY(reserve(buf, cap, 2 * n * sizeof(uint64_t) + MATCH_SCRATCH));
    uint64_t *a = *buf, *b = a + n;
    size_t *count = (size_t *)(b + n);
    if (n >= HYBRID_MIN_WORDS && pb + tb >= HYBRID_MIN_BITS) {
      /* the top digit's histogram counted while packing */
      size_t *top = count + (size_t)(MATCH_MAX_PASSES - 1) * KV_BUCKETS; /* the buckets' LSD uses <= 3 slots */
      const int shift = ib + pb + tb - KV_DIGIT;
      memset(top, 0, KV_BUCKETS * sizeof *top);
      for (size_t i = 0; i < n; i++) {
        if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return FGROI_E_CANCELLED;
        uint64_t hi = pb > 0 ? (ukey(participant[i]) - pmin) << tb : 0;
        uint64_t w = ((hi | (ukey(time[i]) - tmin)) << ib) | (uint64_t)i;
        a[i] = w;
        top[w >> shift]++;
      }
      v->w = radix_u64_hybrid(a, b, n, ib, pb + tb, top, count, ctl);
    } else {
      for (size_t i = 0; i < n; i++) {
        if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return FGROI_E_CANCELLED;
        uint64_t hi = pb > 0 ? (ukey(participant[i]) - pmin) << tb : 0;
        a[i] = ((hi | (ukey(time[i]) - tmin)) << ib) | (uint64_t)i;
      }
      v->w = radix_u64(a, b, n, ib, pb + tb, count, ctl);
    }
    if (stopped(ctl)) return FGROI_E_CANCELLED;
    v->kind = VIEW_WORDS;
    v->pmin = pmin;
    v->tmin = tmin;
    v->tb = tb;
    v->ib = ib;
    v->tmask = (UINT64_C(1) << tb) - 1;
    v->imask = (UINT64_C(1) << ib) - 1;
    return FGROI_OK;
  }
  if (pb + tb <= 64) {
    FGROI__TRY(reserve(buf, cap, n * 2 * sizeof(kv)));
    kv *a = *buf, *b = a + n;
    for (size_t i = 0; i < n; i++) {
      if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return FGROI_E_CANCELLED;
      uint64_t hi = pb > 0 ? (ukey(participant[i]) - pmin) << tb : 0;
      a[i] = (kv){ hi | (ukey(time[i]) - tmin), (uint64_t)i };
    }
    v->k = radix_kv(a, b, n, pb + tb, ctl);
    if (stopped(ctl)) return FGROI_E_CANCELLED;
    v->kind = VIEW_PACKED;
    v->pmin = pmin;
    v->tmin = tmin;
    v->tb = tb;
    v->tmask = tb == 64 ? UINT64_MAX : ((UINT64_C(1) << tb) - 1);
    return FGROI_OK;
  }
  FGROI__TRY(reserve(buf, cap, n * 2 * sizeof(item)));
  item *a = *buf, *b = a + n;
  for (size_t i = 0; i < n; i++) {
    if (fgroi__ctl_tick(ctl, i, 0.0) != FGROI_OK) return FGROI_E_CANCELLED;
    a[i] = (item){ ukey(participant[i]), ukey(time[i]), (uint64_t)i };
  }
  v->kind = VIEW_ITEMS;
  v->it = radix_sort(a, b, n, ctl);
  if (stopped(ctl)) return FGROI_E_CANCELLED;
  return FGROI_OK;
}

/* ---- matching ------------------------------------------------------------------ */

typedef struct {
  int64_t matched, duplicate, outside, no_doses, participants_without;
} stream_counts;

/* Match one sorted event stream against the sorted doses; writes
 * records[dose idx].device / .self and the matched event's index. Times
 * are the order-preserving unsigned keys, in which the window [t - after,
 * t + before] of the signed times, saturated at the int64 range, is
 * [t - after, t + before] saturated at 0 and UINT64_MAX. dk, ek: the
 * views' kinds (compile-time constants in the calls below). */
MATCH_INLINE void match_stream_k(int dk, int ek, const view *d_in, size_t nd, const view *e_in, size_t ne,
                                 uint64_t before, uint64_t after, fgroi_match_record *records, int is_device,
                                 stream_counts *sc, fgroi__ctl *ctl) {
  const view d = *d_in, e = *e_in; /* local copies: the record stores cannot alias them */
  int64_t matched = 0, duplicate = 0, outside = 0, no_doses = 0, without = 0;
  size_t di = 0, ei = 0, groups = 0;
  while (ei < ne) {
    if (fgroi__ctl_tick(ctl, ++groups, (double)ei / (double)ne) != FGROI_OK) return; /* the caller sees ctl->cancelled */
    const uint64_t pid = k_pid(ek, &e, ei);
    /* participants before this one have doses and no events */
    while (di < nd) {
      const uint64_t dp = k_pid(dk, &d, di);
      if (dp >= pid) break;
      without++;
      do di++; while (di < nd && k_pid(dk, &d, di) == dp);
    }
    const size_t d0 = di;
    while (di < nd && k_pid(dk, &d, di) == pid) di++;
    const size_t end = di;
    if (d0 == end) { /* events of a participant without doses */
      const size_t e0 = ei;
      do ei++; while (ei < ne && k_pid(ek, &e, ei) == pid);
      outside += (int64_t)(ei - e0);
      no_doses += (int64_t)(ei - e0);
      continue;
    }
    /* p: first unmatched dose at or after the window's start; r: first dose
     * at or after it (doses in [r, p) are matched); UINT64_MAX past the end */
    size_t p = d0, r = d0;
    uint64_t tp = k_t(dk, &d, d0), tr = tp;
    do {
      const uint64_t et = k_t(ek, &e, ei);
      const uint64_t lo = et >= after ? et - after : 0;
      const uint64_t hi = et <= UINT64_MAX - before ? et + before : UINT64_MAX;
      while (tp < lo) tp = ++p < end ? k_t(dk, &d, p) : UINT64_MAX;
      while (tr < lo) tr = ++r < end ? k_t(dk, &d, r) : UINT64_MAX;
      if (p < end && tp <= hi) {
        fgroi_match_record *rec = &records[k_idx(dk, &d, p)];
        if (is_device) { rec->device = 1; rec->device_event = (int64_t)k_idx(ek, &e, ei); }
        else { rec->self = 1; rec->self_event = (int64_t)k_idx(ek, &e, ei); }
        matched++;
        tp = ++p < end ? k_t(dk, &d, p) : UINT64_MAX;
      } else {
        const int dup = r < end && tr <= hi;
        duplicate += dup;
        outside += !dup;
      }
      ei++;
    } while (ei < ne && k_pid(ek, &e, ei) == pid);
  }
  while (di < nd) { /* participants after the last event's */
    const uint64_t dp = k_pid(dk, &d, di);
    without++;
    do di++; while (di < nd && k_pid(dk, &d, di) == dp);
  }
  sc->matched += matched;
  sc->duplicate += duplicate;
  sc->outside += outside;
  sc->no_doses += no_doses;
  sc->participants_without += without;
}

static void match_stream(const view *d, size_t nd, const view *e, size_t ne, int64_t before, int64_t after,
                         fgroi_match_record *records, int is_device, stream_counts *sc,
                         fgroi__ctl *ctl) {
  const uint64_t b = (uint64_t)before, a = (uint64_t)after; /* both >= 0 */
  if (d->kind == VIEW_RAW && e->kind == VIEW_WORDS)
    match_stream_k(VIEW_RAW, VIEW_WORDS, d, nd, e, ne, b, a, records, is_device, sc, ctl);
  else if (d->kind == VIEW_RAW && e->kind == VIEW_RAW)
    match_stream_k(VIEW_RAW, VIEW_RAW, d, nd, e, ne, b, a, records, is_device, sc, ctl);
  else if (d->kind == VIEW_WORDS && e->kind == VIEW_WORDS)
    match_stream_k(VIEW_WORDS, VIEW_WORDS, d, nd, e, ne, b, a, records, is_device, sc, ctl);
  else if (d->kind == VIEW_WORDS && e->kind == VIEW_RAW)
    match_stream_k(VIEW_WORDS, VIEW_RAW, d, nd, e, ne, b, a, records, is_device, sc, ctl);
  else
    match_stream_k(-1, -1, d, nd, e, ne, b, a, records, is_device, sc, ctl);
}

static fgroi_status fgroi_match_doses_body(const int64_t *dose_participant,
                                           const int64_t *dose_time,
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
  fgroi_match_options opt = { .struct_size = sizeof opt };
  (void)fgroi_match_options_default(&opt);
  const fgroi_control *control = NULL;
  if (options != NULL) {
    FGROI__TRY(FGROI__CHECK_OUT(options, fgroi_match_options, self_after));
    /* only what the caller's struct holds (a first-release struct ends
     * before control) */
    size_t have = options->struct_size < sizeof opt ? options->struct_size : sizeof opt;
    memcpy(&opt, options, have);
    opt.struct_size = sizeof opt;
    if (have < FGROI__V1_SIZE(fgroi_match_options, control)) opt.control = NULL;
    control = opt.control;
  }
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  fgroi__ctl *pc = ctl.progress != NULL ? &ctl : NULL;
  if (opt.device_before < 0 || opt.device_after < 0 || opt.self_before < 0 ||
      opt.self_after < 0)
    return FGROI_E_INVALID_TIME;
  if (capacity < n_doses) return FGROI_E_CAPACITY;
  const uint64_t lim = (uint64_t)INT64_MAX;
  if ((uint64_t)n_doses > lim || (uint64_t)n_device > lim || (uint64_t)n_self > lim)
    return fgroi__too_large(control, "an array length",
                            (double)(n_doses > n_device ? (n_doses > n_self ? n_doses : n_self)
                                                        : (n_device > n_self ? n_device : n_self)),
                            (double)INT64_MAX, "the matcher's int64 indices", NULL);
  /* the doses' view lives in dbuf for both streams; the two event streams
   * reuse ebuf one after the other */
  void *dbuf = NULL, *ebuf = NULL;
  size_t dcap = 0, ecap = 0;
  view dv, ev;
  if (n_doses > SIZE_MAX / 48 || n_device > SIZE_MAX / 48 || n_self > SIZE_MAX / 48)
    return FGROI_E_NO_MEMORY;
  fgroi__ctl_range(pc, 0.0, 0.3);
  fgroi_status status = prepare_view(dose_participant, dose_time, n_doses, &dbuf, &dcap, &dv, pc);
  /* reserve the events' worst case now (pages never touched cost nothing),
   * so nothing can fail once the records are being written */
  size_t ne_max = n_device > n_self ? n_device : n_self;
  if (status == FGROI_OK)
    status = reserve(&ebuf, &ecap, (ne_max > 0 ? ne_max : 1) * 2 * sizeof(item) + MATCH_SCRATCH);
  /* with a control, the records are built in scratch: a cancel leaves the
   * caller's untouched */
  fgroi_match_record *recs = records, *scratch = NULL;
  if (status == FGROI_OK && pc != NULL && n_doses > 0) {
    scratch = fgroi__malloc_array(n_doses, sizeof *scratch);
    if (scratch == NULL) status = FGROI_E_NO_MEMORY;
    recs = scratch;
  }
  if (status != FGROI_OK) { buf_free(dbuf, dcap); buf_free(ebuf, ecap); return status; }

  /* every byte written, padding as zeros: the records' bytes are the same
   * with or without a control (built in scratch or in place), whatever
   * malloc left in the scratch */
  for (size_t i = 0; i < n_doses && fgroi__ctl_tick(pc, i, 1.0) == FGROI_OK; i++) {
    fgroi_match_record r;
    memset(&r, 0, sizeof r);
    r.participant = dose_participant[i];
    r.dose_time = dose_time[i];
    r.device_event = -1;
    r.self_event = -1;
    memcpy(&recs[i], &r, sizeof r);
  }

  stream_counts dev = { 0, 0, 0, 0, 0 }, slf = { 0, 0, 0, 0, 0 };
  /* cannot fail but by a cancel: ebuf already holds the largest need */
  fgroi__ctl_range(pc, 0.3, 0.55);
  (void)prepare_view(device_participant, device_time, n_device, &ebuf, &ecap, &ev, pc);
  fgroi__ctl_range(pc, 0.55, 0.65);
  if (!stopped(pc))
    match_stream(&dv, n_doses, &ev, n_device, opt.device_before, opt.device_after, recs, 1, &dev,
                 pc);
  fgroi__ctl_range(pc, 0.65, 0.9);
  if (!stopped(pc)) (void)prepare_view(self_participant, self_time, n_self, &ebuf, &ecap, &ev, pc);
  fgroi__ctl_range(pc, 0.9, 1.0);
  if (!stopped(pc))
    match_stream(&dv, n_doses, &ev, n_self, opt.self_before, opt.self_after, recs, 0, &slf, pc);
  int64_t participants = 0;
  for (size_t i = 0; i < n_doses && fgroi__ctl_tick(pc, i, 1.0) == FGROI_OK; i++)
    if (i == 0 || v_pid(&dv, i) != v_pid(&dv, i - 1)) participants++;
  buf_free(dbuf, dcap);
  (void)fgroi__ctl_tick(pc, 0, 1.0);
  buf_free(ebuf, ecap);
  (void)fgroi__ctl_tick(pc, 0, 1.0);
  if (stopped(pc)) { free(scratch); return FGROI_E_CANCELLED; }
  if (scratch != NULL) {
    memcpy(records, scratch, n_doses * sizeof *records);
    free(scratch);
  }

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
  fgroi__ctl_done(&ctl);
  return FGROI_OK;
}

FGROI_API fgroi_status fgroi_match_doses(const int64_t *dose_participant, const int64_t *dose_time,
                                         size_t n_doses, const int64_t *device_participant,
                                         const int64_t *device_time, size_t n_device,
                                         const int64_t *self_participant, const int64_t *self_time,
                                         size_t n_self, const fgroi_match_options *options,
                                         fgroi_match_record *records, size_t capacity,
                                         fgroi_match_summary *summary) {
  const fgroi_control *control_ =
      fgroi__control_enter(fgroi__options_control(options, offsetof(fgroi_match_options, control)));
  return fgroi__control_end(control_, fgroi_match_doses_body(dose_participant, dose_time, n_doses,
                            device_participant, device_time, n_device, self_participant, self_time,
                            n_self, options, records, capacity, summary), "fgroi_match_doses");
}

/* ---- into paired.h ----------------------------------------------------------------- */

FGROI_API fgroi_status fgroi_match_clusters(const fgroi_match_record *records, size_t n,
                                            fgroi_paired_cluster *out, size_t capacity,
                                            size_t *n_out) {
  return fgroi_match_clusters_ctl(records, n, NULL, out, capacity, n_out);
}

static fgroi_status fgroi_match_clusters_ctl_body(const fgroi_match_record *records, size_t n,
                                                  const fgroi_control *control,
                                                  fgroi_paired_cluster *out, size_t capacity,
                                                  size_t *n_out) {
  fgroi__ctl ctl;
  FGROI__TRY(fgroi__ctl_init(&ctl, control, 1));
  fgroi__ctl *pc = ctl.progress != NULL ? &ctl : NULL;
  if (n_out == NULL || (n > 0 && records == NULL)) return FGROI_E_NULL;
  for (size_t i = 0; i < n; i++)
    if (records[i].self > 1 || records[i].device > 1) return FGROI_E_OUT_OF_RANGE;
  if (n > SIZE_MAX / sizeof(int64_t)) return FGROI_E_NO_MEMORY;
  int64_t *id = fgroi__malloc_array((n > 0 ? n : 1), sizeof *id);
  uint8_t *self = malloc(n > 0 ? n : 1), *dev = malloc(n > 0 ? n : 1);
  fgroi_status s = FGROI_E_NO_MEMORY;
  if (id != NULL && self != NULL && dev != NULL) {
    for (size_t i = 0; i < n; i++) {
      if (fgroi__ctl_tick(pc, i, 0.04 * (double)i / (double)n) != FGROI_OK) break;
      id[i] = records[i].participant;
      self[i] = records[i].self;
      dev[i] = records[i].device;
    }
    if (stopped(pc)) {
      s = FGROI_E_CANCELLED;
    } else { /* the same state goes on: one sequence of fractions, one 1.0 */
      fgroi__ctl_range(&ctl, 0.04, 1.0);
      s = fgroi__paired_clusters_from_records(id, self, dev, n, &ctl, out, capacity, n_out);
    }
  }
  free(id); free(self); free(dev);
  if (s == FGROI_OK) fgroi__ctl_done(&ctl);
  return s;
}

FGROI_API fgroi_status fgroi_match_clusters_ctl(const fgroi_match_record *records, size_t n,
                                                const fgroi_control *control,
                                                fgroi_paired_cluster *out, size_t capacity,
                                                size_t *n_out) {
  const fgroi_control *control_ = fgroi__control_enter(control);
  return fgroi__control_end(control_, fgroi_match_clusters_ctl_body(records, n, control, out,
                            capacity, n_out), "fgroi_match_clusters_ctl");
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
