/* Study configuration: see study_config.h and docs/report.md. */
#include "study_config.h"

#include <errno.h>
#include <string.h>

void study_config_default(study_config *c) {
  memset(c, 0, sizeof *c);
  c->task_threshold_min = 5.0;
  c->target_share = 0.85;
  snprintf(c->control_arm, sizeof c->control_arm, "control");
  snprintf(c->device_arm, sizeof c->device_arm, "device");
  snprintf(c->segment_column, sizeof c->segment_column, "segment");
  c->conf_level = 0.95;
  snprintf(c->multiplicity, sizeof c->multiplicity, "holm");
  c->seed = 1;
  c->missing.n = 1;
  snprintf(c->missing.marker[0], sizeof c->missing.marker[0], "NA");
  c->match_before = 30;
  c->match_after = 180;
}

static int set_label(char *dst, size_t cap, const char *v, const char *key, int allow_empty, char *msg, size_t ml) {
  size_t n = strlen(v);
  if ((!allow_empty && n == 0) || n >= cap) {
    snprintf(msg, ml, "%s must be %s1 to %zu characters", key, allow_empty ? "0 or " : "", cap - 1);
    return -1;
  }
  for (const char *p = v; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == ',' || *p == '"') {
      snprintf(msg, ml, "%s must not contain commas, quotes or control characters", key);
      return -1;
    }
  memcpy(dst, v, n + 1);
  return 0;
}

static int set_real(double *dst, const char *v, double lo, double hi, int open, const char *key, char *msg, size_t ml) {
  double x;
  if (rd_parse_real(v, lo, hi, &x) != 0 || (open && (x == lo || x == hi))) {
    char q[64];
    snprintf(msg, ml, "%s must be a number %s %g and %g, found '%s'", key, open ? "strictly between" : "from", lo, hi,
             rd_quote(v, q));
    return -1;
  }
  *dst = x;
  return 0;
}

int study_config_set(study_config *c, const char *key, const char *v, char *msg, size_t ml) {
  if (strcmp(key, "task_threshold_min") == 0) return set_real(&c->task_threshold_min, v, 0, 1e6, 1, key, msg, ml);
  if (strcmp(key, "target_share") == 0) return set_real(&c->target_share, v, 0, 1, 1, key, msg, ml);
  if (strcmp(key, "conf_level") == 0) {
    c->conf_set = 1;
    return set_real(&c->conf_level, v, 0, 1, 1, key, msg, ml);
  }
  if (strcmp(key, "match_window_before_min") == 0) return set_real(&c->match_before, v, 0, 1e6, 0, key, msg, ml);
  if (strcmp(key, "match_window_after_min") == 0) return set_real(&c->match_after, v, 0, 1e6, 0, key, msg, ml);
  if (strcmp(key, "control_arm") == 0) return set_label(c->control_arm, sizeof c->control_arm, v, key, 0, msg, ml);
  if (strcmp(key, "device_arm") == 0) return set_label(c->device_arm, sizeof c->device_arm, v, key, 0, msg, ml);
  if (strcmp(key, "segment_column") == 0) {
    c->segment_set = 1;
    return set_label(c->segment_column, sizeof c->segment_column, v, key, 1, msg, ml);
  }
  if (strcmp(key, "multiplicity") == 0) return set_label(c->multiplicity, sizeof c->multiplicity, v, key, 0, msg, ml);
  if (strcmp(key, "seed") == 0) {
    char q[64];
    if (rd_parse_u64(v, &c->seed) != 0) {
      snprintf(msg, ml, "seed must be a whole number from 0 to 18446744073709551615, found '%s'", rd_quote(v, q));
      return -1;
    }
    c->seed_set = 1;
    return 0;
  }
  if (strcmp(key, "missing_values") == 0) {
    rd_missing_markers m;
    memset(&m, 0, sizeof m);
    const char *p = v;
    while (*p) {
      const char *e = strchr(p, ',');
      size_t n = e ? (size_t)(e - p) : strlen(p);
      while (n > 0 && (*p == ' ' || *p == '\t')) { p++; n--; }
      while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
      if (n > 0) {
        if (m.n == RD_MAX_MISSING_MARKERS || n >= sizeof m.marker[0]) {
          snprintf(msg, ml, "missing_values: at most %d markers of at most %zu characters", RD_MAX_MISSING_MARKERS,
                   sizeof m.marker[0] - 1);
          return -1;
        }
        memcpy(m.marker[m.n], p, n);
        m.marker[m.n++][n] = '\0';
      }
      if (!e) break;
      p = e + 1;
    }
    c->missing = m;
    return 0;
  }
  char q[64];
  snprintf(msg, ml, "unknown key '%s' (docs/report.md lists the keys)", rd_quote(key, q));
  return -1;
}

int study_config_read(study_config *c, const char *path, FILE *err) {
  FILE *f = fopen(path, "r");
  if (!f) {
    if (errno == ENOENT) return 1;
    fprintf(err, "%s: cannot open: %s\n", path, strerror(errno));
    return -1;
  }
  char line[4096], msg[256];
  char seen[16][32];
  long seen_line[16];
  int nseen = 0, bad = 0;
  long ln = 0;
  while (fgets(line, sizeof line, f)) {
    ln++;
    size_t n = strlen(line);
    if (n == sizeof line - 1 && line[n - 1] != '\n') {
      fprintf(err, "%s:%ld: line longer than %zu bytes\n", path, ln, sizeof line - 2);
      bad = 1;
      break;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) line[--n] = '\0';
    char *s = line;
    if (ln == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF) s += 3;
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '\0' || *s == '#') continue;
    char *eq = strchr(s, '=');
    if (!eq) { fprintf(err, "%s:%ld: expected 'key = value'\n", path, ln); bad = 1; continue; }
    char *ke = eq;
    while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
    *ke = '\0';
    char *v = eq + 1;
    while (*v == ' ' || *v == '\t') v++;
    int dup = 0;
    for (int i = 0; i < nseen; i++)
      if (strcmp(seen[i], s) == 0) {
        fprintf(err, "%s:%ld: key '%s' set twice (first on line %ld)\n", path, ln, s, seen_line[i]);
        bad = dup = 1;
      }
    if (dup) continue;
    if (study_config_set(c, s, v, msg, sizeof msg) != 0) { fprintf(err, "%s:%ld: %s\n", path, ln, msg); bad = 1; continue; }
    if (nseen < 16 && strlen(s) < sizeof seen[0]) { memcpy(seen[nseen], s, strlen(s) + 1); seen_line[nseen++] = ln; }
  }
  fclose(f);
  if (!bad && rd_label_eq(c->control_arm, c->device_arm)) {
    fprintf(err, "%s: control_arm and device_arm are the same label '%s'\n", path, c->control_arm);
    bad = 1;
  }
  return bad ? -1 : 0;
}
