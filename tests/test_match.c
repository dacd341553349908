/* Tests for lib/match.c: the matcher against an independent brute-force
 * O(n * m) implementation of the documented rule, on thousands of random
 * and adversarial logs, plus a maximum-matching check (the greedy rule
 * matches as many events as any assignment can). */
#include "fgroi_control_test.h" /* first: it sets _POSIX_C_SOURCE */

#include <stddef.h>
#include <stdlib.h>

#include "fgroi_test.h"

__extension__ typedef __int128 i128;

typedef struct {
  int64_t matched, duplicate, outside, no_doses;
} counts;

/* The rule, literally: repeatedly take the unprocessed event with the
 * smallest (time, index); give it to the unmatched dose of its participant
 * with the smallest (time, index) whose window [t - before, t + after]
 * contains it; otherwise classify it. */
static void brute(const int64_t *dp, const int64_t *dt, size_t nd, const int64_t *ep,
                  const int64_t *et, size_t ne, int64_t before, int64_t after, int64_t *dose_event,
                  counts *c) {
  char *done = calloc(ne + 1, 1);
  memset(c, 0, sizeof *c);
  for (size_t i = 0; i < nd; i++) dose_event[i] = -1;
  for (size_t step = 0; step < ne; step++) {
    size_t j = SIZE_MAX;
    for (size_t q = 0; q < ne; q++)
      if (!done[q] && (j == SIZE_MAX || et[q] < et[j])) j = q;
    done[j] = 1;
    size_t best = SIZE_MAX;
    int any = 0, participant_has_doses = 0;
    for (size_t i = 0; i < nd; i++) {
      if (dp[i] != ep[j]) continue;
      participant_has_doses = 1;
      i128 lo = (i128)dt[i] - before, hi = (i128)dt[i] + after;
      if ((i128)et[j] < lo || (i128)et[j] > hi) continue;
      any = 1;
      if (dose_event[i] >= 0) continue;
      if (best == SIZE_MAX || dt[i] < dt[best]) best = i;
    }
    if (best != SIZE_MAX) { dose_event[best] = (int64_t)j; c->matched++; }
    else if (any) c->duplicate++;
    else { c->outside++; if (!participant_has_doses) c->no_doses++; }
  }
  free(done);
}

/* Maximum bipartite matching size (Kuhn's augmenting paths), independent
 * of any ordering rule. */
static int kuhn_try(size_t e, const char *adj, size_t nd, int64_t *owner, char *seen) {
  for (size_t i = 0; i < nd; i++) {
    if (!adj[e * nd + i] || seen[i]) continue;
    seen[i] = 1;
    if (owner[i] < 0 || kuhn_try((size_t)owner[i], adj, nd, owner, seen)) {
      owner[i] = (int64_t)e;
      return 1;
    }
  }
  return 0;
}

static int64_t max_matching(const int64_t *dp, const int64_t *dt, size_t nd, const int64_t *ep,
                            const int64_t *et, size_t ne, int64_t before, int64_t after) {
  char *adj = calloc(ne * nd + 1, 1), *seen = malloc(nd + 1);
  int64_t *owner = malloc((nd + 1) * sizeof *owner);
  for (size_t e = 0; e < ne; e++)
    for (size_t i = 0; i < nd; i++)
      adj[e * nd + i] = dp[i] == ep[e] && (i128)et[e] >= (i128)dt[i] - before &&
                        (i128)et[e] <= (i128)dt[i] + after;
  for (size_t i = 0; i < nd; i++) owner[i] = -1;
  int64_t m = 0;
  for (size_t e = 0; e < ne; e++) {
    memset(seen, 0, nd + 1);
    m += kuhn_try(e, adj, nd, owner, seen);
  }
  free(adj); free(seen); free(owner);
  return m;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
static int64_t unif(int64_t lo, int64_t hi) { return lo + (int64_t)(next() % (uint64_t)(hi - lo + 1)); }

#define MAXN 80

static int cmp_pt(const void *x, const void *y) {
  const int64_t *a = x, *b = y;
  if (a[0] != b[0]) return (a[0] > b[0]) - (a[0] < b[0]);
  return (a[1] > b[1]) - (a[1] < b[1]);
}

/* Sort (p[i], t[i]) pairs in place by participant then time. */
static void sort_pairs(int64_t *p, int64_t *t, size_t n) {
  int64_t buf[2 * MAXN];
  for (size_t i = 0; i < n; i++) { buf[2 * i] = p[i]; buf[2 * i + 1] = t[i]; }
  qsort(buf, n, 2 * sizeof *buf, cmp_pt);
  for (size_t i = 0; i < n; i++) { p[i] = buf[2 * i]; t[i] = buf[2 * i + 1]; }
}

Test(match, random_logs_vs_brute_force) {
  int64_t dp[MAXN], dt[MAXN], vp[MAXN], vt[MAXN], sp[MAXN], st[MAXN];
  fgroi_match_record rec[MAXN];
  int64_t want_dev[MAXN], want_self[MAXN];
  int64_t seen_match = 0, seen_dup = 0, seen_out = 0, seen_nodose = 0;
  for (int iter = 0; iter < 5000; iter++) {
    /* kinds: 0 plain, 1 all events at one instant, 2 overlapping windows,
     * 3 duplicate doses, 4 near INT64_MIN, 5 near INT64_MAX, 6 keys over
     * the full int64 range (the unpacked sort path), 7 presorted input */
    int kind = iter % 8;
    size_t nd = (size_t)unif(0, 40), nv = (size_t)unif(0, MAXN), ns = (size_t)unif(0, 40);
    int64_t P = unif(1, 5), span = kind == 1 ? 0 : unif(1, 200);
    int64_t base = kind == 5 ? INT64_MAX - 100 : (kind == 4 ? INT64_MIN + 50 : unif(-1000, 1000));
    int64_t pid0 = unif(-3, 3) * 1000000007LL;
    for (size_t i = 0; i < nd; i++) {
      dp[i] = pid0 + unif(0, P - 1);
      dt[i] = kind == 5 ? base + unif(0, 100) : base + unif(0, span);
      if (kind == 3 && i > 0 && unif(0, 2) == 0) { dp[i] = dp[i - 1]; dt[i] = dt[i - 1]; }
    }
    /* events: some for participants without doses (pid0 + P), duplicates,
     * all at one instant for kind 1 */
    for (size_t i = 0; i < nv; i++) {
      vp[i] = pid0 + unif(0, P);
      vt[i] = kind == 1 ? base : (kind == 5 ? base + unif(0, 100)
                                            : base + unif(-20, span + 20));
      if (kind == 4 && vt[i] < base) vt[i] = base + unif(0, 20);
      if (i > 0 && unif(0, 4) == 0) { vp[i] = vp[i - 1]; vt[i] = vt[i - 1]; }
    }
    for (size_t i = 0; i < ns; i++) {
      sp[i] = pid0 + unif(0, P);
      st[i] = kind == 1 ? base : (kind == 5 ? base + unif(0, 100)
                                            : base + unif(-20, span + 20));
      if (kind == 4 && st[i] < base) st[i] = base + unif(0, 20);
    }
    if (kind == 6) {
      for (size_t i = 0; i < nd; i++)
        if (unif(0, 1)) { dp[i] = (int64_t)next(); dt[i] = (int64_t)next(); }
      for (size_t i = 0; i < nv; i++)
        if (unif(0, 3) == 0) { vp[i] = (int64_t)next(); vt[i] = (int64_t)next(); }
      for (size_t i = 0; i < ns; i++)
        if (unif(0, 3) == 0) { sp[i] = (int64_t)next(); st[i] = (int64_t)next(); }
    }
    if (kind == 7) {
      sort_pairs(dp, dt, nd);
      sort_pairs(vp, vt, nv);
      sort_pairs(sp, st, ns);
    }
    fgroi_match_options opt = FGROI_INIT(fgroi_match_options);
    /* kind 2: windows much wider than the dose spacing (heavy overlap);
     * kind 5: huge windows that saturate at INT64_MAX */
    opt.device_before = kind == 2 ? unif(50, 300) : (kind == 5 ? INT64_MAX : unif(0, 15));
    opt.device_after = kind == 2 ? unif(50, 300) : (kind == 4 ? INT64_MAX : unif(0, 15));
    opt.self_before = unif(0, 15);
    opt.self_after = kind == 2 ? unif(50, 300) : unif(0, 15);
    fgroi_match_summary sum = FGROI_INIT(fgroi_match_summary);
    assert_ok(fgroi_match_doses(dp, dt, nd, vp, vt, nv, sp, st, ns, &opt, rec, MAXN, &sum));
    counts cv, cs;
    brute(dp, dt, nd, vp, vt, nv, opt.device_before, opt.device_after, want_dev, &cv);
    brute(dp, dt, nd, sp, st, ns, opt.self_before, opt.self_after, want_self, &cs);
    for (size_t i = 0; i < nd; i++) {
      cr_assert_eq(rec[i].device_event, want_dev[i], "iter %d dose %zu", iter, i);
      cr_assert_eq(rec[i].self_event, want_self[i], "iter %d dose %zu", iter, i);
      cr_assert_eq(rec[i].device, want_dev[i] >= 0);
      cr_assert_eq(rec[i].self, want_self[i] >= 0);
      cr_assert_eq(rec[i].participant, dp[i]);
      cr_assert_eq(rec[i].dose_time, dt[i]);
    }
    seen_match += cv.matched; seen_dup += cv.duplicate; seen_out += cv.outside;
    seen_nodose += cv.no_doses;
    cr_assert_eq(sum.device_matched, cv.matched, "iter %d", iter);
    cr_assert_eq(sum.device_duplicate, cv.duplicate, "iter %d", iter);
    cr_assert_eq(sum.device_outside, cv.outside, "iter %d", iter);
    cr_assert_eq(sum.device_no_doses, cv.no_doses, "iter %d", iter);
    cr_assert_eq(sum.self_matched, cs.matched);
    cr_assert_eq(sum.self_duplicate, cs.duplicate);
    cr_assert_eq(sum.self_outside, cs.outside);
    cr_assert_eq(sum.device_events, (int64_t)nv);
    cr_assert_eq(sum.doses, (int64_t)nd);
    cr_assert_eq(sum.device_matched + sum.device_duplicate + sum.device_outside, (int64_t)nv);
    /* participants and those without events, counted directly */
    int64_t parts = 0, without_dev = 0;
    for (size_t i = 0; i < nd; i++) {
      int first = 1;
      for (size_t q = 0; q < i; q++) if (dp[q] == dp[i]) first = 0;
      if (!first) continue;
      parts++;
      int has = 0;
      for (size_t q = 0; q < nv; q++) if (vp[q] == dp[i]) has = 1;
      without_dev += !has;
    }
    cr_assert_eq(sum.participants, parts);
    cr_assert_eq(sum.participants_without_device_events, without_dev);
    /* optimality: as many matches as a maximum bipartite matching */
    if (iter % 5 == 0)
      cr_assert_eq(sum.device_matched, max_matching(dp, dt, nd, vp, vt, nv, opt.device_before,
                                                    opt.device_after), "iter %d", iter);
  }
  /* the random logs exercised every outcome */
  cr_assert(seen_match > 10000 && seen_dup > 1000 && seen_out > 1000 && seen_nodose > 100,
            "%lld %lld %lld %lld", (long long)seen_match, (long long)seen_dup,
            (long long)seen_out, (long long)seen_nodose);
}

Test(match, worked_example) {
  /* participant 1: doses at 8:00 and 20:00 (seconds); the pillbox opens
   * at 7:50, 7:55 (a second open: duplicate) and 13:00 (outside every
   * window); the app check-in comes at 20:40. Participant 2 has one dose
   * and no events; participant 3 has a device event but no doses. */
  const int64_t dp[] = { 1, 1, 2 }, dt[] = { 28800, 72000, 28800 };
  const int64_t vp[] = { 1, 1, 1, 3 }, vt[] = { 28500, 28200, 46800, 30000 };
  const int64_t sp[] = { 1 }, st[] = { 74400 };
  fgroi_match_record rec[3];
  fgroi_match_summary s = FGROI_INIT(fgroi_match_summary);
  assert_ok(fgroi_match_doses(dp, dt, 3, vp, vt, 4, sp, st, 1, NULL, rec, 3, &s));
  cr_assert_eq(rec[0].device, 1);
  cr_assert_eq(rec[0].device_event, 1); /* 7:50 comes first in time */
  cr_assert_eq(rec[0].self, 0);
  cr_assert_eq(rec[1].device, 0);
  cr_assert_eq(rec[1].self, 1);
  cr_assert_eq(rec[2].device + rec[2].self, 0);
  cr_assert_eq(s.device_matched, 1);
  cr_assert_eq(s.device_duplicate, 1);
  cr_assert_eq(s.device_outside, 2);
  cr_assert_eq(s.device_no_doses, 1);
  cr_assert_eq(s.participants, 2);
  cr_assert_eq(s.participants_without_device_events, 1);
  cr_assert_eq(s.participants_without_self_events, 1);
  fgroi_paired_tally t = FGROI_INIT(fgroi_paired_tally);
  assert_ok(fgroi_paired_tally_init(&t));
  assert_ok(fgroi_match_tally_add(&t, rec, 3));
  cr_assert_eq(t.device_only, 1);
  cr_assert_eq(t.self_only, 1);
  cr_assert_eq(t.neither, 1);
  fgroi_paired_cluster cl[2];
  size_t k;
  assert_ok(fgroi_match_clusters(rec, 3, cl, 2, &k));
  cr_assert_eq(k, 2);
  cr_assert_eq(cl[0].id, 1);
  cr_assert_eq(cl[0].device_only, 1);
  cr_assert_eq(cl[0].self_only, 1);
  cr_assert_eq(cl[1].neither, 1);
  assert_status(fgroi_match_clusters(rec, 3, cl, 1, &k), FGROI_E_CAPACITY);
  cr_assert_eq(k, 2);
}

Test(match, large_sorted_and_unsorted_agree) {
  /* 200 participants x 60 doses; events shuffled vs in order */
  enum { P = 200, M = 60, N = P * M, E = 2 * N };
  int64_t *dp = malloc(N * sizeof *dp), *dt = malloc(N * sizeof *dt);
  int64_t *ep = malloc(E * sizeof *ep), *et = malloc(E * sizeof *et);
  fgroi_match_record *r1 = malloc(N * sizeof *r1), *r2 = malloc(N * sizeof *r2);
  for (int i = 0; i < N; i++) { dp[i] = i / M; dt[i] = 1700000000LL + (i % M) * 43200; }
  for (int i = 0; i < E; i++) {
    ep[i] = unif(0, P - 1);
    et[i] = 1700000000LL + unif(-7200, M * 43200);
  }
  fgroi_match_summary s1 = FGROI_INIT(fgroi_match_summary), s2 = FGROI_INIT(fgroi_match_summary);
  assert_ok(fgroi_match_doses(dp, dt, N, ep, et, E, NULL, NULL, 0, NULL, r1, N, &s1));
  /* reverse the dose order: same matches, record i still describes dose i */
  int64_t *rp = malloc(N * sizeof *rp), *rt = malloc(N * sizeof *rt);
  for (int i = 0; i < N; i++) { rp[i] = dp[N - 1 - i]; rt[i] = dt[N - 1 - i]; }
  assert_ok(fgroi_match_doses(rp, rt, N, ep, et, E, NULL, NULL, 0, NULL, r2, N, &s2));
  for (int i = 0; i < N; i++) cr_assert_eq(r1[i].device_event, r2[N - 1 - i].device_event);
  cr_assert_eq(s1.device_matched, s2.device_matched);
  cr_assert_eq(s1.device_outside + s1.device_duplicate + s1.device_matched, E);
  free(dp); free(dt); free(ep); free(et); free(r1); free(r2); free(rp); free(rt);
}

Test(match, bad_inputs) {
  const int64_t dp[] = { 1 }, dt[] = { 10 };
  fgroi_match_record rec[1];
  rec[0].device = 42;
  fgroi_match_options opt = FGROI_INIT(fgroi_match_options);
  assert_ok(fgroi_match_options_default(&opt));
  cr_assert_eq(opt.device_before, 3600);
  opt.self_after = -1;
  assert_status(fgroi_match_doses(dp, dt, 1, NULL, NULL, 0, NULL, NULL, 0, &opt, rec, 1, NULL),
                FGROI_E_INVALID_TIME);
  assert_status(fgroi_match_doses(dp, dt, 1, NULL, NULL, 0, NULL, NULL, 0, NULL, rec, 0, NULL),
                FGROI_E_CAPACITY);
  assert_status(fgroi_match_doses(dp, NULL, 1, NULL, NULL, 0, NULL, NULL, 0, NULL, rec, 1, NULL),
                FGROI_E_NULL);
  assert_status(fgroi_match_doses(dp, dt, 1, NULL, NULL, 3, NULL, NULL, 0, NULL, rec, 1, NULL),
                FGROI_E_NULL);
  fgroi_match_options small = { .struct_size = 8 };
  assert_status(fgroi_match_doses(dp, dt, 1, NULL, NULL, 0, NULL, NULL, 0, &small, rec, 1, NULL),
                FGROI_E_STRUCT_SIZE);
  fgroi_match_summary ss = { .struct_size = 8 };
  assert_status(fgroi_match_doses(dp, dt, 1, NULL, NULL, 0, NULL, NULL, 0, NULL, rec, 1, &ss),
                FGROI_E_STRUCT_SIZE);
  cr_assert_eq(rec[0].device, 42);
  /* no doses, no events: fine and empty */
  fgroi_match_summary s = FGROI_INIT(fgroi_match_summary);
  assert_ok(fgroi_match_doses(NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, 0, &s));
  cr_assert_eq(s.doses, 0);
  /* events only: all outside, all for participants without doses */
  const int64_t ep[] = { 5, 5 }, et[] = { 1, 2 };
  assert_ok(fgroi_match_doses(NULL, NULL, 0, ep, et, 2, ep, et, 2, NULL, NULL, 0, &s));
  cr_assert_eq(s.device_outside, 2);
  cr_assert_eq(s.self_no_doses, 2);
  fgroi_match_record badrec = { 1, 1, -1, -1, 2, 0 };
  size_t k;
  fgroi_paired_cluster cl[1];
  assert_status(fgroi_match_clusters(&badrec, 1, cl, 1, &k), FGROI_E_OUT_OF_RANGE);
  fgroi_paired_tally t = FGROI_INIT(fgroi_paired_tally);
  assert_ok(fgroi_paired_tally_init(&t));
  assert_status(fgroi_match_tally_add(&t, &badrec, 1), FGROI_E_OUT_OF_RANGE);
}

/* One participant with times spanning all of int64 (a 64-bit packed time
 * key with no participant bits), and two participants at the extremes of
 * the id range (64 participant bits: the unpacked path). */
Test(match, full_range_keys) {
  const int64_t t[] = { INT64_MAX, INT64_MIN, 0, -5, INT64_MAX - 3, INT64_MIN + 2, 7, 0 };
  const int64_t p1[] = { 4, 4, 4, 4, 4, 4, 4, 4 };
  const int64_t p2[] = { INT64_MIN, INT64_MAX, INT64_MIN, INT64_MAX, 0, INT64_MIN, INT64_MAX, 0 };
  const int64_t et[] = { 1, INT64_MIN, INT64_MAX, -4, 3, INT64_MIN + 5, 0, 0, -9, INT64_MAX };
  const int64_t ep1[] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
  const int64_t ep2[] = { INT64_MAX, INT64_MIN, INT64_MAX, 0, 0, INT64_MIN, INT64_MIN, 3, 0, 0 };
  const int64_t *dps[2] = { p1, p2 }, *eps[2] = { ep1, ep2 };
  for (int v = 0; v < 2; v++) {
    fgroi_match_options opt = FGROI_INIT(fgroi_match_options);
    opt.device_before = 5; opt.device_after = 5; opt.self_before = 0; opt.self_after = 0;
    fgroi_match_record rec[8];
    fgroi_match_summary s = FGROI_INIT(fgroi_match_summary);
    assert_ok(fgroi_match_doses(dps[v], t, 8, eps[v], et, 10, eps[v], et, 10, &opt, rec, 8, &s));
    int64_t want[8];
    counts c;
    brute(dps[v], t, 8, eps[v], et, 10, 5, 5, want, &c);
    for (int i = 0; i < 8; i++) cr_assert_eq(rec[i].device_event, want[i], "v %d dose %d", v, i);
    cr_assert_eq(s.device_matched, c.matched);
    cr_assert_eq(s.device_duplicate, c.duplicate);
    cr_assert_eq(s.device_outside, c.outside);
    brute(dps[v], t, 8, eps[v], et, 10, 0, 0, want, &c);
    for (int i = 0; i < 8; i++) cr_assert_eq(rec[i].self_event, want[i], "v %d dose %d", v, i);
    cr_assert(c.matched > 0);
  }
}

/* Each of the matcher's sort paths against the brute force, chosen by the
 * key widths: participant bits + time bits + index bits <= 64 (one 8-byte
 * word per element); participant + time bits <= 64 but not with the index
 * (16-byte packed keys); wider (24-byte items). Unsorted input, events
 * near doses, duplicates. */
Test(match, every_sort_path_vs_brute_force) {
  enum { ND = 50, NE = 150 };
  static int64_t dp[ND], dt[ND], ep[NE], et[NE], want[ND];
  const int64_t span[3] = { 1000, INT64_C(1) << 57, INT64_MAX };
  for (int path = 0; path < 3; path++) {
    for (int iter = 0; iter < 40; iter++) {
      for (int i = 0; i < ND; i++) {
        dp[i] = path == 0 ? unif(0, 9) : unif(0, 3);
        dt[i] = path == 2 ? (int64_t)next() : -500 + unif(0, span[path] - 1);
      }
      for (int i = 0; i < NE; i++) {
        int d = (int)unif(0, ND - 1);
        ep[i] = dp[d];
        int64_t j = unif(-20, 20);
        et[i] = (j > 0 && dt[d] > INT64_MAX - j) || (j < 0 && dt[d] < INT64_MIN - j) ? dt[d] : dt[d] + j;
        if (i > 0 && unif(0, 5) == 0) { ep[i] = ep[i - 1]; et[i] = et[i - 1]; }
      }
      fgroi_match_options opt = FGROI_INIT(fgroi_match_options);
      opt.device_before = opt.device_after = 10;
      opt.self_before = 0; opt.self_after = 15;
      fgroi_match_record rec[ND];
      fgroi_match_summary s = FGROI_INIT(fgroi_match_summary);
      assert_ok(fgroi_match_doses(dp, dt, ND, ep, et, NE, ep, et, NE, &opt, rec, ND, &s));
      counts c;
      brute(dp, dt, ND, ep, et, NE, 10, 10, want, &c);
      for (int i = 0; i < ND; i++) cr_assert_eq(rec[i].device_event, want[i], "path %d iter %d dose %d", path, iter, i);
      cr_assert_eq(s.device_matched, c.matched);
      cr_assert_eq(s.device_duplicate, c.duplicate);
      cr_assert_eq(s.device_outside, c.outside);
      cr_assert(c.matched > 0 && c.duplicate > 0);
      brute(dp, dt, ND, ep, et, NE, 0, 15, want, &c);
      for (int i = 0; i < ND; i++) cr_assert_eq(rec[i].self_event, want[i], "path %d iter %d dose %d", path, iter, i);
      cr_assert_eq(s.self_matched, c.matched);
    }
  }
}

/* (participant, time, input index) triples in key order, for the test below. */
static int cmp_pti(const void *x, const void *y) {
  const int64_t *a = x, *b = y;
  for (int k = 0; k < 3; k++)
    if (a[k] != b[k]) return (a[k] > b[k]) - (a[k] < b[k]);
  return 0;
}

Test(match, hybrid_sort_vs_sorted_input) {
  /* 300,000 events: the large-array sort (one scatter on the top 11 key
   * bits, then each bucket in cache: insertion sort for tiny buckets, LSD
   * radix for the rest). Participants skewed (a few hold most events, many
   * have one or none), times over 2^20 s, duplicated events, unsorted and
   * sorted doses; the oracle is the same call on events sorted
   * beforehand (read in place, no sort), its event indices mapped back. */
  enum { P = 3000, ND = 60000, NE = 300000 };
  int64_t *dp = malloc(ND * sizeof *dp), *dt = malloc(ND * sizeof *dt);
  int64_t *ep = malloc(NE * sizeof *ep), *et = malloc(NE * sizeof *et);
  int64_t *sp = malloc(NE * sizeof *sp), *st = malloc(NE * sizeof *st), *tri = malloc(3 * NE * sizeof *tri);
  fgroi_match_record *r1 = malloc(ND * sizeof *r1), *r2 = malloc(ND * sizeof *r2);
  cr_assert(dp && dt && ep && et && sp && st && tri && r1 && r2);
  for (int unsorted_doses = 0; unsorted_doses < 2; unsorted_doses++) {
    for (int i = 0; i < ND; i++) {
      dp[i] = 7 * (int64_t)(i / 20);
      dt[i] = -40000 + (int64_t)(i % 20) * 50000;
    }
    if (unsorted_doses)
      for (int i = ND - 1; i > 0; i--) {
        int j = (int)unif(0, i);
        int64_t a = dp[i], b = dt[i];
        dp[i] = dp[j]; dt[i] = dt[j]; dp[j] = a; dt[j] = b;
      }
    for (int i = 0; i < NE; i++) {
      uint64_t u = next() % 1000;
      ep[i] = 7 * (int64_t)(u * u * u / (1000000000 / P)) + (next() % 50 == 0); /* skewed; some without doses */
      et[i] = -40000 + unif(0, (1 << 20) - 1);
      if (i > 0 && unif(0, 9) == 0) { ep[i] = ep[i - 1]; et[i] = et[i - 1]; }
    }
    for (int i = 0; i < NE; i++) { tri[3 * i] = ep[i]; tri[3 * i + 1] = et[i]; tri[3 * i + 2] = i; }
    qsort(tri, NE, 3 * sizeof *tri, cmp_pti);
    for (int i = 0; i < NE; i++) { sp[i] = tri[3 * i]; st[i] = tri[3 * i + 1]; }
    fgroi_match_options opt = FGROI_INIT(fgroi_match_options);
    opt.device_before = opt.device_after = 20000;
    opt.self_before = 0; opt.self_after = 30000;
    fgroi_match_summary s1 = FGROI_INIT(fgroi_match_summary), s2 = FGROI_INIT(fgroi_match_summary);
    assert_ok(fgroi_match_doses(dp, dt, ND, ep, et, NE, ep, et, NE, &opt, r1, ND, &s1));
    assert_ok(fgroi_match_doses(dp, dt, ND, sp, st, NE, sp, st, NE, &opt, r2, ND, &s2));
    int64_t matched = 0;
    for (int i = 0; i < ND; i++) {
      int64_t d = r2[i].device_event, s = r2[i].self_event;
      cr_assert_eq(r1[i].device_event, d < 0 ? -1 : tri[3 * d + 2], "dose %d", i);
      cr_assert_eq(r1[i].self_event, s < 0 ? -1 : tri[3 * s + 2], "dose %d", i);
      cr_assert_eq(r1[i].device, r2[i].device);
      cr_assert_eq(r1[i].self, r2[i].self);
      matched += r1[i].device;
    }
    cr_assert(memcmp((const char *)&s1 + sizeof(size_t), (const char *)&s2 + sizeof(size_t),
                     sizeof s1 - sizeof(size_t)) == 0);
    cr_assert_eq(s1.device_matched, matched);
    cr_assert(s1.device_matched > 10000 && s1.device_duplicate > 10000 && s1.device_outside > 10000);
    cr_assert(s1.device_no_doses > 1000 && s1.participants_without_device_events > 100);
  }
  free(dp); free(dt); free(ep); free(et); free(sp); free(st); free(tri); free(r1); free(r2);
}

/* ---- issue 16: progress and cancellation of the matcher at scale ------------- */

#define CTL_DOSES 1000000
typedef struct {
  int64_t *dp, *dt, *ep, *et, *sp, *st;
  fgroi_match_record *rec;
  size_t n;
} ctl_match_data;
static ctl_match_data cm;

static void ctl_match_fill(void) {
  if (cm.dp != NULL) return;
  size_t n = CTL_DOSES;
  cm.dp = malloc(n * sizeof(int64_t)); cm.dt = malloc(n * sizeof(int64_t));
  cm.ep = malloc(n * sizeof(int64_t)); cm.et = malloc(n * sizeof(int64_t));
  cm.sp = malloc(n * sizeof(int64_t)); cm.st = malloc(n * sizeof(int64_t));
  cm.rec = malloc(n * sizeof *cm.rec);
  cr_assert(cm.dp && cm.dt && cm.ep && cm.et && cm.sp && cm.st && cm.rec);
  uint64_t s = 4242;
  for (size_t i = 0; i < n; i++) { /* unsorted: the radix path */
    s = s * 6364136223846793005u + 1442695040888963407u;
    int64_t p = (int64_t)(s >> 44), t = (int64_t)((s >> 8) & 0xFFFFFFF) * 60;
    cm.dp[i] = p; cm.dt[i] = t;
    cm.ep[i] = p; cm.et[i] = t + (int64_t)(s % 7200) - 3600;
    cm.sp[i] = i % 2 ? p : (int64_t)(s >> 45); cm.st[i] = t + (int64_t)(s % 5000);
  }
  cm.n = n;
}
static fgroi_status ctl_match(const fgroi_control *c, void *out) {
  fgroi_match_summary *sum = out;
  fgroi_match_options o = FGROI_INIT(fgroi_match_options);
  assert_ok(fgroi_match_options_default(&o));
  o.control = c;
  return fgroi_match_doses(cm.dp, cm.dt, cm.n, cm.ep, cm.et, cm.n, cm.sp, cm.st, cm.n, &o,
                           cm.rec, cm.n, sum);
}
typedef struct { fgroi_paired_cluster *out; size_t n_out, cap; } ctl_clusters_out;
static fgroi_status ctl_clusters(const fgroi_control *c, void *out) {
  ctl_clusters_out *o = out;
  return fgroi_match_clusters_ctl(cm.rec, cm.n, c, o->out, o->cap, &o->n_out);
}

Test(match_control, doses_and_clusters_cancel_and_report, .timeout = 300) {
  ctl_match_fill();
  fgroi_match_summary sum = FGROI_INIT(fgroi_match_summary), plain = sum;
  sum.doses = -7;
  for (size_t i = 0; i < cm.n; i++) cm.rec[i].device = 7;
  ctl_assert_cancels(ctl_match, &sum, sizeof sum, "match 1e6 doses");
  for (size_t i = 0; i < cm.n; i++) cr_assert_eq(cm.rec[i].device, 7, "record %zu written", i);
  ctl_assert_progress(ctl_match, &sum, "match 1e6 doses");
  /* the control changes nothing */
  fgroi_match_record *r2 = malloc(cm.n * sizeof *r2);
  cr_assert(r2 != NULL);
  assert_ok(fgroi_match_doses(cm.dp, cm.dt, cm.n, cm.ep, cm.et, cm.n, cm.sp, cm.st, cm.n, NULL,
                              r2, cm.n, &plain));
  cr_assert(memcmp(r2, cm.rec, cm.n * sizeof *r2) == 0);
  cr_assert_eq(plain.device_matched, sum.device_matched);
  cr_assert_eq(plain.self_matched, sum.self_matched);
  cr_assert(sum.device_matched > 0 && sum.self_matched > 0);
  ctl_assert_refuses_bad_control(ctl_match, &sum, "match");
  /* a first-release options struct (no control field) still works */
  fgroi_match_options old = FGROI_INIT(fgroi_match_options);
  assert_ok(fgroi_match_options_default(&old));
  old.struct_size = offsetof(fgroi_match_options, control);
  assert_ok(fgroi_match_doses(cm.dp, cm.dt, 1000, cm.ep, cm.et, 1000, cm.sp, cm.st, 1000, &old,
                              r2, cm.n, NULL));
  free(r2);

  ctl_clusters_out co = { malloc(cm.n * sizeof(fgroi_paired_cluster)), 12345, cm.n };
  cr_assert(co.out != NULL);
  /* the caller's buffer faulted in beforehand: the first touch of 40 MB of
   * fresh pages inside the final copy is the caller's cost, not the work's */
  memset(co.out, 0, cm.n * sizeof(fgroi_paired_cluster));
  ctl_assert_cancels(ctl_clusters, &co, sizeof co, "match clusters 1e6");
  cr_assert_eq(co.n_out, 12345);
  ctl_assert_progress(ctl_clusters, &co, "match clusters 1e6");
  size_t n_plain;
  fgroi_paired_cluster *p2 = malloc(cm.n * sizeof *p2);
  cr_assert(p2 != NULL);
  assert_ok(fgroi_match_clusters(cm.rec, cm.n, p2, cm.n, &n_plain));
  cr_assert_eq(n_plain, co.n_out);
  cr_assert(memcmp(p2, co.out, n_plain * sizeof *p2) == 0);
  ctl_assert_refuses_bad_control(ctl_clusters, &co, "match clusters");
  free(p2);
  free(co.out);
}

/* Issue 16: fgroi_match_clusters_ctl runs the clustering kernel of
 * paired.c on its own control state (no second state inside): the caller
 * sees one monotone sequence of fractions, 1.0 exactly once and last. */
Test(match_control, clusters_one_progress_sequence, .timeout = 300) {
  ctl_match_fill();
  for (size_t i = 0; i < cm.n; i++) {
    cm.rec[i].participant = (int64_t)(i * 2654435761u % 100003u);
    cm.rec[i].self = (uint8_t)(i % 2);
    cm.rec[i].device = (uint8_t)(i % 3 == 0);
  }
  static ctl_log l;
  memset(&l, 0, sizeof l);
  fgroi_control c = FGROI_INIT(fgroi_control);
  c.progress = ctl_log_cb;
  c.user_data = &l;
  fgroi_paired_cluster *out = malloc(cm.n * sizeof *out);
  cr_assert(out != NULL);
  size_t k = 0;
  for (int rep = 0; rep < 3; rep++) {
    memset(&l, 0, sizeof l);
    assert_ok(fgroi_match_clusters_ctl(cm.rec, cm.n, &c, out, cm.n, &k));
    cr_assert_eq(k, 100003);
    ctl_check_fractions(&l, 1);
    int ones = 0;
    for (int i = 0; i < l.nf; i++) ones += l.fractions[i] == 1.0;
    cr_assert_eq(ones, 1, "1.0 reported %d times", ones);
  }
  free(out);
}
