/* fgroi-report: the main example. Reads the pilot study's CSV files
 * (docs/data-format.md; the bundled examples/data/ by default), runs the
 * analysis through libfgroi's public API and prints an executive-ready
 * report: each metric with estimate, interval, p-value, adjusted p-value and
 * a plain-language verdict. --json FILE and --markdown FILE write the same
 * report in those formats.
 *
 *     fgroi-report [--json FILE] [--markdown FILE] [DATA_DIR] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fgroi/fgroi.h>

#include "pilot_data.h"

#ifndef FGROI_EXAMPLE_DATA
#define FGROI_EXAMPLE_DATA "examples/data"
#endif

/* One line of the report. */
typedef struct {
  const char *name;     /* metric */
  const char *unit;     /* "%", "pts", "min", "steps", "USD", "" */
  double scale;         /* multiply estimate and limits for display */
  double estimate, lower, upper;
  double p_value;       /* NaN when the metric has no test */
  double p_adjusted;    /* Holm across the tested metrics */
  const char *method;   /* interval / test method names */
  const char *test;
  const char *note;     /* plain language context */
} metric;

#define MAX_METRICS 32

typedef struct {
  metric m[MAX_METRICS];
  int n;
  double conf_level;
  const char *data_dir;
  size_t participants, doses, events;
} report;

static metric *add_metric(report *r, const char *name, const char *unit, double scale) {
  if (r->n == MAX_METRICS) return NULL;
  metric *m = &r->m[r->n++];
  memset(m, 0, sizeof *m);
  m->name = name;
  m->unit = unit;
  m->scale = scale;
  m->p_value = NAN;
  m->p_adjusted = NAN;
  m->method = "";
  m->test = "";
  m->note = "";
  return m;
}

static int check(fgroi_status s, const char *what) {
  if (s == FGROI_OK) return 0;
  fprintf(stderr, "fgroi-report: %s: %s (%s)\n", what, fgroi_strerror(s), fgroi_status_name(s));
  return 1;
}

/* ---- verdicts ------------------------------------------------------------- */
static const char *verdict(const metric *m) {
  double p = isnan(m->p_adjusted) ? m->p_value : m->p_adjusted;
  if (isnan(p)) return "estimate only (no test)";
  if (p < 0.01) return "strong evidence of a real change";
  if (p < 0.05) return "evidence of a real change";
  if (p < 0.10) return "suggestive, not conclusive: collect more data";
  return "no evidence of a change: could be noise";
}

/* ---- output ---------------------------------------------------------------- */
static void fmt_num(char *buf, size_t len, double v) {
  if (isnan(v)) snprintf(buf, len, "-");
  else if (isinf(v)) snprintf(buf, len, v > 0 ? "inf" : "-inf");
  else if (fabs(v) >= 1000) snprintf(buf, len, "%.0f", v);
  else snprintf(buf, len, "%.1f", v);
}

static void fmt_p(char *buf, size_t len, double p) {
  if (isnan(p)) snprintf(buf, len, "-");
  else if (p < 0.001) snprintf(buf, len, "<0.001");
  else snprintf(buf, len, "%.3f", p);
}

static void print_text(const report *r, FILE *out) {
  fprintf(out, "libfgroi %s: pillbox pilot study report (%s)\n", fgroi_version(), r->data_dir);
  fprintf(out, "%zu participants, %zu dose records, %zu raw events; %.0f%% intervals\n\n",
          r->participants, r->doses, r->events, 100 * r->conf_level);
  fprintf(out, "%-40s %10s %23s %8s %8s  %s\n", "metric", "estimate", "interval", "p", "p(adj)", "verdict");
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    char e[32], lo[32], hi[32], p[16], pa[16], iv[80];
    fmt_num(e, sizeof e, m->estimate * m->scale);
    fmt_num(lo, sizeof lo, m->lower * m->scale);
    fmt_num(hi, sizeof hi, m->upper * m->scale);
    fmt_p(p, sizeof p, m->p_value);
    fmt_p(pa, sizeof pa, m->p_adjusted);
    snprintf(iv, sizeof iv, "[%s, %s]", lo, hi);
    fprintf(out, "%-40s %6s %-3s %23s %8s %8s  %s\n", m->name, e, m->unit, iv, p, pa, verdict(m));
  }
  fprintf(out, "\nMethods:\n");
  for (int i = 0; i < r->n; i++)
    fprintf(out, "  %-40s interval: %s%s%s%s%s\n", r->m[i].name, r->m[i].method,
            *r->m[i].test ? "; test: " : "", r->m[i].test, *r->m[i].note ? ". " : "", r->m[i].note);
}

static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') fputc('\\', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static void json_num(FILE *f, double v) {
  if (isnan(v) || isinf(v)) fputs("null", f);
  else fprintf(f, "%.17g", v);
}

static void print_json(const report *r, FILE *f) {
  fprintf(f, "{\n  \"library_version\": ");
  json_str(f, fgroi_version());
  fprintf(f, ",\n  \"data_dir\": ");
  json_str(f, r->data_dir);
  fprintf(f, ",\n  \"conf_level\": ");
  json_num(f, r->conf_level);
  fprintf(f, ",\n  \"participants\": %zu,\n  \"dose_records\": %zu,\n  \"metrics\": [\n",
          r->participants, r->doses);
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    fprintf(f, "    {\"name\": ");
    json_str(f, m->name);
    fprintf(f, ", \"unit\": ");
    json_str(f, m->unit);
    fprintf(f, ", \"scale\": ");
    json_num(f, m->scale);
    fprintf(f, ", \"estimate\": ");
    json_num(f, m->estimate);
    fprintf(f, ", \"lower\": ");
    json_num(f, m->lower);
    fprintf(f, ", \"upper\": ");
    json_num(f, m->upper);
    fprintf(f, ", \"p_value\": ");
    json_num(f, m->p_value);
    fprintf(f, ", \"p_adjusted\": ");
    json_num(f, m->p_adjusted);
    fprintf(f, ", \"method\": ");
    json_str(f, m->method);
    fprintf(f, ", \"test\": ");
    json_str(f, m->test);
    fprintf(f, ", \"verdict\": ");
    json_str(f, verdict(m));
    fprintf(f, "}%s\n", i + 1 < r->n ? "," : "");
  }
  fprintf(f, "  ]\n}\n");
}

static void print_markdown(const report *r, FILE *f) {
  fprintf(f, "# Pillbox pilot study report\n\nlibfgroi %s, data `%s`: %zu participants, %zu dose records. "
             "Intervals are %.0f%%; adjusted p-values are Holm across the tested metrics.\n\n",
          fgroi_version(), r->data_dir, r->participants, r->doses, 100 * r->conf_level);
  fprintf(f, "| metric | estimate | interval | p | p (adjusted) | verdict |\n| --- | --- | --- | --- | --- | --- |\n");
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    char e[32], lo[32], hi[32], p[16], pa[16];
    fmt_num(e, sizeof e, m->estimate * m->scale);
    fmt_num(lo, sizeof lo, m->lower * m->scale);
    fmt_num(hi, sizeof hi, m->upper * m->scale);
    fmt_p(p, sizeof p, m->p_value);
    fmt_p(pa, sizeof pa, m->p_adjusted);
    fprintf(f, "| %s | %s %s | %s to %s | %s | %s | %s |\n", m->name, e, m->unit, lo, hi, p, pa, verdict(m));
  }
  fprintf(f, "\n## Methods\n\n");
  for (int i = 0; i < r->n; i++)
    fprintf(f, "- **%s**: interval `%s`%s%s%s. %s\n", r->m[i].name, r->m[i].method,
            *r->m[i].test ? ", test `" : "", r->m[i].test, *r->m[i].test ? "`" : "", r->m[i].note);
}

/* ---- analysis ---------------------------------------------------------------- */

static int rate_metric(report *r, const char *name, int64_t x, int64_t n, const char *note) {
  metric *m = add_metric(r, name, "%", 100.0);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  if (check(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON, r->conf_level, FGROI_TWO_SIDED, &ci), name)) return 1;
  m->estimate = ci.estimate;
  m->lower = ci.lower;
  m->upper = ci.upper;
  m->method = fgroi_method_name(ci.method);
  m->note = note;
  return 0;
}

static int analyse(const pilot_data *d, report *r) {
  int bad = 0;
  int64_t self = 0, dev = 0, n = (int64_t)d->n_doses;
  for (size_t i = 0; i < d->n_doses; i++) {
    self += d->doses[i].self;
    dev += d->doses[i].device;
  }
  bad |= rate_metric(r, "self-reported adherence (app check-ins)", self, n, "device arm, per dose");
  bad |= rate_metric(r, "device-logged adherence (pillbox opens)", dev, n, "device arm, per dose");

  int64_t fast[2] = { 0, 0 }, total[2] = { 0, 0 };
  for (size_t i = 0; i < d->n_tasks; i++) {
    int arm = d->participants[d->tasks[i].p].arm;
    total[arm]++;
    fast[arm] += d->tasks[i].completed && d->tasks[i].minutes < 5.0;
  }
  if (total[ARM_DEVICE] > 0) {
    bad |= rate_metric(r, "setup task < 5 min, device arm", fast[ARM_DEVICE], total[ARM_DEVICE], "");
    metric *m = &r->m[r->n - 1];
    fgroi_test t = FGROI_INIT(fgroi_test);
    if (!check(fgroi_prop_test(fast[ARM_DEVICE], total[ARM_DEVICE], 0.85, FGROI_METHOD_EXACT,
                               FGROI_LESS, &t), "target test")) {
      m->p_value = t.p_value;
      m->test = "exact binomial, H1: below the 85% acceptance target";
    }
  }
  if (total[ARM_CONTROL] > 0)
    bad |= rate_metric(r, "setup task < 5 min, control arm", fast[ARM_CONTROL], total[ARM_CONTROL], "");
  return bad;
}

int main(int argc, char **argv) {
  const char *dir = FGROI_EXAMPLE_DATA, *json = NULL, *md = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) json = argv[++i];
    else if (strcmp(argv[i], "--markdown") == 0 && i + 1 < argc) md = argv[++i];
    else if (strcmp(argv[i], "--help") == 0 || argv[i][0] == '-') {
      fprintf(stderr, "usage: fgroi-report [--json FILE] [--markdown FILE] [DATA_DIR]\n");
      return strcmp(argv[i], "--help") == 0 ? 0 : 2;
    } else dir = argv[i];
  }

  pilot_data d;
  if (pilot_load(dir, &d, stderr, stderr) != 0) {
    fprintf(stderr, "fgroi-report: the data in %s has errors (listed above); nothing was analysed\n", dir);
    pilot_free(&d);
    return 1;
  }
  report r;
  memset(&r, 0, sizeof r);
  r.conf_level = d.conf_level;
  r.data_dir = dir;
  r.participants = d.n_participants;
  r.doses = d.n_doses;
  r.events = d.n_events;
  int bad = analyse(&d, &r);
  pilot_free(&d);

  print_text(&r, stdout);
  if (json) {
    FILE *f = fopen(json, "w");
    if (!f) { perror(json); return 1; }
    print_json(&r, f);
    bad |= fclose(f) != 0;
  }
  if (md) {
    FILE *f = fopen(md, "w");
    if (!f) { perror(md); return 1; }
    print_markdown(&r, f);
    bad |= fclose(f) != 0;
  }
  return bad ? 1 : 0;
}
