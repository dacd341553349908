/* gen_pilot: writes the synthetic connected-pillbox pilot study as CSV files
 * (schema: docs/data-format.md). Deterministic for a given seed, so the
 * bundled examples/data/ can be regenerated exactly:
 *
 *     gen_pilot examples/data
 *     gen_pilot --participants 100000 --doses 100 /tmp/big   # 1e7 dose records
 *
 * The story (docs/guide.md): a device arm and a no-device control arm of 12
 * participants each (site coordinators and patients, two regions). In the
 * device arm, app check-ins say ~42% adherence while the pillbox logs ~71%;
 * NPS is surveyed before and after; a setup task is timed (some give up);
 * protocol steps are counted before and after in both arms. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- a small deterministic RNG (splitmix64 + xoshiro256**) ------------ */
typedef struct { uint64_t s[4]; } rng;

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static void rng_seed(rng *r, uint64_t seed) { for (int i = 0; i < 4; i++) r->s[i] = splitmix(&seed); }
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(rng *r) {
  uint64_t *s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return res;
}
static double unif(rng *r) { return (double)(next(r) >> 11) * 0x1.0p-53; }
static double normal(rng *r) {
  double u = unif(r), v = unif(r);
  return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * 3.14159265358979323846 * v);
}
static int bern(rng *r, double p) { return unif(r) < p; }
static double clamp(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }

/* ---- output --------------------------------------------------------------- */
static FILE *open_out(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) fprintf(stderr, "gen_pilot: cannot write %s: %s\n", path, strerror(errno));
  return f;
}

static void usage(void) {
  fprintf(stderr, "usage: gen_pilot [--participants N] [--doses D] [--seed S] [--events-for E]\n"
                  "                 [--shards K] [--studies M] OUTDIR\n"
                  "  E device participants get raw event streams (default 4; the report's agreement check)\n"
                  "  N participants per arm (default 12), D scheduled doses each (default 28)\n"
                  "  K > 0: each file as OUTDIR/<name>/part-00000.csv ... in K participant shards\n"
                  "  M > 1: a portfolio of M studies OUTDIR/study-000 ... (seeds S, S+1, ...)\n");
}

/* One output file, or K files of participant shards (contiguous ranges of
 * participants, so the shards concatenated in name order are the one file). */
typedef struct {
  const char *dir, *name, *header;
  long shards, current;
  FILE *f;
  int bad;
} out_file;

static int out_open(out_file *o, long shard) {
  char path[4096];
  if (o->f && o->current == shard) return 0;
  if (o->f && fclose(o->f) != 0) o->bad = 1;
  o->f = NULL;
  if (o->shards == 0) {
    snprintf(path, sizeof path, "%s/%s.csv", o->dir, o->name);
  } else {
    snprintf(path, sizeof path, "%s/%s", o->dir, o->name);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
      fprintf(stderr, "gen_pilot: cannot create %s: %s\n", path, strerror(errno));
      return -1;
    }
    snprintf(path, sizeof path, "%s/%s/part-%05ld.csv", o->dir, o->name, shard);
  }
  o->f = fopen(path, "w");
  if (!o->f) {
    fprintf(stderr, "gen_pilot: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  o->current = shard;
  fputs(o->header, o->f);
  return 0;
}

static int out_close(out_file *o) {
  int bad = o->bad;
  if (o->f && fclose(o->f) != 0) bad = 1;
  o->f = NULL;
  return bad;
}

/* One study in dir: single files (shards == 0) or participant shards. */
static int write_study(const char *dir, long per_arm, long doses, long events_arg, uint64_t seed, long shards) {
  rng r;
  rng_seed(&r, seed);
  out_file of[6] = { { dir, "participants", "participant_id,arm,segment,region\n", shards, -1, NULL, 0 },
                     { dir, "doses", "participant_id,dose,scheduled_min,self_reported,device_logged\n", shards, -1, NULL, 0 },
                     { dir, "events", "participant_id,kind,time_min\n", shards, -1, NULL, 0 },
                     { dir, "nps", "participant_id,wave,score\n", shards, -1, NULL, 0 },
                     { dir, "task", "participant_id,minutes,completed\n", shards, -1, NULL, 0 },
                     { dir, "protocol", "participant_id,period,steps_completed,steps_total\n", shards, -1, NULL, 0 } };
  FILE *fr = open_out(dir, "study.csv");
  if (!fr) return 1;
  FILE *fp = NULL, *fd = NULL, *fe = NULL, *fn = NULL, *ft = NULL, *fs = NULL;

  const int width = per_arm * 2 >= 100 ? 6 : 2;
  const long events_for = per_arm < events_arg ? per_arm : events_arg; /* raw streams for a subset */
  for (long i = 0; i < 2 * per_arm; i++) {
    int device = i < per_arm;
    long shard = shards ? (long)((i * shards) / (2 * per_arm)) : 0; /* contiguous participant ranges */
    for (int k = 0; k < 6; k++)
      if (out_open(&of[k], shard) != 0) { for (int j = 0; j < 6; j++) out_close(&of[j]); fclose(fr); return 1; }
    fp = of[0].f; fd = of[1].f; fe = of[2].f; fn = of[3].f; ft = of[4].f; fs = of[5].f;
    char id[32];
    snprintf(id, sizeof id, "P%0*ld", width, i + 1);
    const char *segment = (i % per_arm) % 3 == 0 ? "site_coordinator" : "patient";
    const char *region = (i % 2) == 0 ? "north" : "south";
    fprintf(fp, "%s,%s,%s,%s\n", id, device ? "device" : "control", segment, region);

    /* doses: device arm only (the control arm has no pillbox to log).
     * True adherence varies by participant; the pillbox logs true intake
     * (opens) almost always; app check-ins catch about 58% of them. */
    if (device) {
      double adherence = clamp(0.70 + 0.12 * normal(&r), 0.35, 0.98);
      double checkin = clamp(0.58 + 0.15 * normal(&r), 0.15, 0.95);
      for (long d = 0; d < doses; d++) {
        long sched = d * 1440 + 480; /* 08:00 each day, minutes from start */
        int taken = bern(&r, adherence);
        int logged = taken ? bern(&r, 0.985) : bern(&r, 0.01);
        int self = taken ? bern(&r, checkin) : bern(&r, 0.03);
        fprintf(fd, "%s,%ld,%ld,%d,%d\n", id, d + 1, sched, self, logged);
        if (i < events_for) {
          fprintf(fe, "%s,dose,%ld\n", id, sched);
          if (logged) {
            long t = sched - 30 + (long)(unif(&r) * 120.0);
            fprintf(fe, "%s,device_open,%ld\n", id, t);
            if (bern(&r, 0.1)) fprintf(fe, "%s,device_open,%ld\n", id, t + 1); /* double open */
          }
          if (self) fprintf(fe, "%s,app_checkin,%ld\n", id, sched + (long)(unif(&r) * 150.0));
          if (bern(&r, 0.05)) fprintf(fe, "%s,device_open,%ld\n", id, sched + 600); /* stray */
        }
      }
    }

    /* NPS before and after, same respondents: the device rollout moves
     * some passives to promoters and some detractors to passives. */
    double mood = normal(&r);
    int pre = (int)lround(clamp(8.3 + 1.5 * mood, 0, 10));
    int lift = device ? (bern(&r, 0.55) ? 1 + (int)(unif(&r) * 2.0) : 0) : (bern(&r, 0.3) ? 1 : 0);
    int post = (int)clamp(pre + lift - (bern(&r, 0.12) ? 1 : 0), 0, 10);
    fprintf(fn, "%s,pre,%d\n%s,post,%d\n", id, pre, id, post);

    /* setup task: minutes to complete; some give up (censored) */
    double minutes = exp((device ? 1.35 : 1.85) + 0.45 * normal(&r));
    int gave_up = bern(&r, device ? 0.08 : 0.2);
    if (gave_up) minutes = clamp(minutes * 1.5, 4.0, 20.0);
    fprintf(ft, "%s,%.1f,%d\n", id, minutes, !gave_up);

    /* protocol steps completed out of 10, before and after the feedback */
    double skill = clamp(0.62 + 0.1 * normal(&r), 0.2, 0.95);
    int steps_pre = 0, steps_post = 0;
    for (int s = 0; s < 10; s++) {
      steps_pre += bern(&r, skill);
      steps_post += bern(&r, clamp(skill + (device ? 0.2 : 0.05), 0, 0.99));
    }
    fprintf(fs, "%s,pre,%d,10\n%s,post,%d,10\n", id, steps_pre, id, steps_post);
  }

  /* study economics for ROI (docs/data-format.md) */
  fprintf(fr, "key,value\n"
              "study_cost,60000\n"
              "volume,3600\n"
              "value_per_unit_low,120\n"
              "value_per_unit_high,240\n"
              "conf_level,0.95\n"
              "seed,%" PRIu64 "\n", seed);

  int bad = fclose(fr) != 0;
  for (int k = 0; k < 6; k++) bad |= out_close(&of[k]);
  return bad;
}

int main(int argc, char **argv) {
  long per_arm = 12, doses = 28, events_arg = 4, shards = 0, studies = 1;
  uint64_t seed = 50; /* chosen so the bundled study tells the seeds' story: 42% vs 71% */
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--participants") == 0 && i + 1 < argc) per_arm = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--doses") == 0 && i + 1 < argc) doses = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--events-for") == 0 && i + 1 < argc) events_arg = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--shards") == 0 && i + 1 < argc) shards = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--studies") == 0 && i + 1 < argc) studies = strtol(argv[++i], NULL, 10);
    else if (argv[i][0] != '-' && !dir) dir = argv[i];
    else { usage(); return 2; }
  }
  if (!dir || per_arm < 2 || doses < 1 || events_arg < 0 || shards < 0 || shards > 2 * per_arm || studies < 1 ||
      studies > 100000) { usage(); return 2; }
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "gen_pilot: cannot create %s: %s\n", dir, strerror(errno));
    return 1;
  }
  if (studies == 1) return write_study(dir, per_arm, doses, events_arg, seed, shards);
  for (long k = 0; k < studies; k++) {
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/study-%03ld", dir, k);
    if (mkdir(sub, 0777) != 0 && errno != EEXIST) {
      fprintf(stderr, "gen_pilot: cannot create %s: %s\n", sub, strerror(errno));
      return 1;
    }
    if (write_study(sub, per_arm, doses, events_arg, seed + (uint64_t)k, shards) != 0) return 1;
  }
  return 0;
}
