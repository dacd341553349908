/* fgroi-report: the main example. Reads a pilot study's CSV files
 * (docs/data-format.md; the bundled examples/data/ by default), runs every
 * analysis the data allow through libfgroi's public API and prints an
 * executive-ready report: each metric with estimate, interval, p-value,
 * adjusted p-value and a plain-language verdict, or why it was not
 * computed or skipped, and where every input row went. --json FILE,
 * --markdown FILE and --html FILE (one self-contained page with figures,
 * examples/report_html.h) write the same report in those formats. Manual:
 * docs/report.md (man fgroi-report).
 *
 * Exit status: 0 every analysis the data allow was computed; 1 some metrics
 * could not be computed (shown as "not computed: <reason>"); 2 input errors
 * (nothing analysed, no output file written); 3 system error (out of
 * memory, an output file could not be written); 64 usage error. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fgroi/fgroi.h>

#include "pilot_data.h"
#include "report_html.h"
#include "study_config.h"

#ifndef FGROI_EXAMPLE_DATA
#define FGROI_EXAMPLE_DATA "examples/data"
#endif

#define REPORT_ROI_DRAWS 200000 /* Monte Carlo draws of the ROI */

/* Progress on stderr of a library call that runs longer than a second
 * (issue 16): silent before 1 s, then "step: NN%" at most every 0.5 s. */
typedef struct {
  const char *step;
  double t0, shown;
  double lo, span; /* a call's fraction f shows as lo + span f (loops of calls) */
} step_progress;

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int report_progress(void *user, double fraction) {
  step_progress *p = user;
  double t = now_seconds();
  fraction = p->lo + p->span * fraction;
  if (t - p->t0 < 1.0) return 0;
  if (fraction < 1.0 && p->shown > 0.0 && t - p->shown < 0.5) return 0;
  if (p->shown == 0.0 || fraction >= 1.0 || t - p->shown >= 0.5) {
    fprintf(stderr, "fgroi-report: %s: %3.0f%%%s", p->step, 100.0 * fraction,
            fraction >= 1.0 ? "\n" : "\r");
    p->shown = t;
  }
  return 0;
}

/* A control reporting `step` (sp lives as long as the call). */
static fgroi_control step_control(step_progress *sp, const char *step) {
  fgroi_control c = FGROI_INIT(fgroi_control);
  sp->step = step;
  sp->t0 = now_seconds();
  sp->shown = 0.0;
  sp->lo = 0.0;
  sp->span = 1.0;
  c.progress = report_progress;
  c.user_data = sp;
  return c;
}

enum { EXIT_CLEAN = 0, EXIT_NOT_COMPUTED = 1, EXIT_INPUT = 2, EXIT_SYSTEM = 3, EXIT_USAGE = 64 };

typedef enum { M_OK = 0, M_NOT_COMPUTED = 1 } mstatus;

/* One line of the report. */
typedef struct {
  char name[96];
  const char *unit;     /* "%", "pts", "min", "steps", "USD", "" */
  double scale;         /* multiply estimate and limits for display */
  double estimate, lower, upper;
  double p_value;       /* NaN when the metric has no test */
  double p_adjusted;    /* across the computed claims */
  int has_interval;     /* 0: a test without an interval (log-rank) */
  const char *method;   /* interval / test method names */
  const char *test;
  const char *note;     /* plain language context */
  char claim[128];      /* what a small p-value supports, in plain words */
  int tested;           /* a claim: part of the multiplicity family when computed */
  int contrast;         /* shown for contrast only (not a claim) */
  mstatus status;
  fgroi_status error;   /* library status when not computed (FGROI_OK: another reason) */
  char reason[256];
} metric;

typedef struct { char name[96]; char why[256]; } skipped;

#define MAX_METRICS 32
#define MAX_NOTES 16

typedef struct {
  metric m[MAX_METRICS];
  int n;
  skipped s[MAX_METRICS];
  int ns;
  char notes[MAX_NOTES][640];
  int nn;
  double conf_level;
  uint64_t seed;
  const char *data_dir;
  const study_config *cfg;
  fgroi_method mult;
  int mult_failed;
  char mult_error[256];
  size_t participants;
  uint64_t doses;
  size_t events;
  char matching[768];
  int matching_status;  /* 0 computed, 1 not computed, 2 skipped, 3 none */
  double prob_positive, break_even;
  int roi_ok;
  fgroi_roi_input roi_in[4]; /* effect, volume, value, cost: the ROI's Monte Carlo inputs (--html) */
  double roi_effect;
  const pilot_data *d;
} report;

static metric *add_metric(report *r, const char *name, const char *unit, double scale) {
  if (r->n == MAX_METRICS) return NULL;
  metric *m = &r->m[r->n++];
  memset(m, 0, sizeof *m);
  snprintf(m->name, sizeof m->name, "%s", name);
  m->unit = unit;
  m->scale = scale;
  m->estimate = m->lower = m->upper = NAN;
  m->p_value = NAN;
  m->p_adjusted = NAN;
  m->has_interval = 1;
  m->method = "";
  m->test = "";
  m->note = "";
  return m;
}

static void add_skipped(report *r, const char *name, const char *fmt, const char *a) {
  if (r->ns == MAX_METRICS) return;
  skipped *s = &r->s[r->ns++];
  snprintf(s->name, sizeof s->name, "%s", name);
  snprintf(s->why, sizeof s->why, fmt, a ? a : "");
}

static void add_note(report *r, const char *text) {
  if (r->nn < MAX_NOTES) snprintf(r->notes[r->nn++], sizeof r->notes[0], "%s", text);
}

/* Record a library failure on m (the first one wins). Returns 1 on failure. */
static int check(metric *m, fgroi_status s, const char *what) {
  if (s == FGROI_OK) return 0;
  if (m && m->status == M_OK) {
    m->status = M_NOT_COMPUTED;
    m->error = s;
    snprintf(m->reason, sizeof m->reason, "%s failed: %s", what, fgroi_strerror(s));
  }
  return 1;
}

static void not_computed(metric *m, const char *why) {
  if (m->status != M_OK) return;
  m->status = M_NOT_COMPUTED;
  m->error = FGROI_OK;
  snprintf(m->reason, sizeof m->reason, "%s", why);
}

/* A computed metric must carry a finite estimate, limits that are not NaN
 * and in order, and a p-value in [0, 1]: anything else is not a result. */
static void validate(metric *m) {
  if (m->status != M_OK) return;
  int bad = 0;
  if (!isfinite(m->estimate) && m->has_interval) bad = 1;
  if (m->has_interval && (isnan(m->lower) || isnan(m->upper) || m->lower > m->upper)) bad = 1;
  if ((m->tested || m->contrast) && !isnan(m->p_value) && !(m->p_value >= 0 && m->p_value <= 1)) bad = 1;
  if (m->tested && isnan(m->p_value)) bad = 1;
  if (bad) not_computed(m, "the library returned an invalid result (NaN, or limits out of order)");
}

static void set_interval(metric *m, const fgroi_interval *ci) {
  m->estimate = ci->estimate;
  m->lower = ci->lower;
  m->upper = ci->upper;
  m->method = fgroi_method_name(ci->method);
}

/* ---- verdicts ------------------------------------------------------------- */
static const char *verdict(const report *r, const metric *m, char *buf, size_t len) {
  if (m->status != M_OK) { snprintf(buf, len, "not computed: %s", m->reason); return buf; }
  double p = m->tested ? m->p_adjusted : (m->contrast ? m->p_value : NAN);
  if (m->tested && isnan(p)) {
    snprintf(buf, len, "no verdict: the multiplicity adjustment was not computed (%s)", r->mult_error);
    return buf;
  }
  if (isnan(p)) snprintf(buf, len, "estimate only");
  else if (p < 0.01) snprintf(buf, len, "strong evidence that %s", m->claim);
  else if (p < 0.05) snprintf(buf, len, "evidence that %s", m->claim);
  else if (p < 0.10) snprintf(buf, len, "suggestive only: not shown that %s", m->claim);
  else snprintf(buf, len, "not shown that %s: could be noise", m->claim);
  return buf;
}

static const char *mult_label(fgroi_method m) {
  switch (m) {
  case FGROI_METHOD_HOLM: return "Holm";
  case FGROI_METHOD_BONFERRONI: return "Bonferroni";
  case FGROI_METHOD_HOCHBERG: return "Hochberg";
  case FGROI_METHOD_HOMMEL: return "Hommel";
  case FGROI_METHOD_BH: return "Benjamini-Hochberg";
  case FGROI_METHOD_BY: return "Benjamini-Yekutieli";
  case FGROI_METHOD_NONE: return "no adjustment";
  default: return fgroi_method_name(m);
  }
}

static int family_size(const report *r) {
  int k = 0;
  for (int i = 0; i < r->n; i++) k += r->m[i].tested && r->m[i].status == M_OK;
  return k;
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

static void fmt_interval(const metric *m, char *buf, size_t len, const char *sep, int brackets) {
  char lo[32], hi[32];
  if (!m->has_interval) { snprintf(buf, len, "(test only)"); return; }
  fmt_num(lo, sizeof lo, m->lower * m->scale);
  fmt_num(hi, sizeof hi, m->upper * m->scale);
  snprintf(buf, len, brackets ? "[%s%s%s]" : "%s%s%s", lo, sep, hi);
}

/* The family sentence, shared by the text and Markdown outputs. */
static void family_text(const report *r, char *buf, size_t len) {
  size_t k = (size_t)snprintf(buf, len, "Adjusted p-values: %s across the %d computed claims", mult_label(r->mult),
                              family_size(r));
  int first = 1;
  for (int i = 0; i < r->n && k < len; i++)
    if (r->m[i].tested && r->m[i].status == M_OK) {
      k += (size_t)snprintf(buf + k, len - k, "%s%s", first ? " (" : "; ", r->m[i].name);
      first = 0;
    }
  if (!first && k < len) k += (size_t)snprintf(buf + k, len - k, ")");
  first = 1;
  for (int i = 0; i < r->n && k < len; i++)
    if (r->m[i].tested && r->m[i].status != M_OK) {
      k += (size_t)snprintf(buf + k, len - k, "%s%s", first ? "; not in the family (not computed): " : "; ", r->m[i].name);
      first = 0;
    }
  if (k < len) snprintf(buf + k, len - k, ".");
}

static void print_accounting_text(const report *r, FILE *out, int md) {
  const pilot_data *d = r->d;
  if (md) fprintf(out, "| file | read | used | set aside | reasons |\n| --- | --- | --- | --- | --- |\n");
  else fprintf(out, "Rows of each file (read = used + set aside):\n");
  for (int f = 0; f < N_FILES; f++) {
    const rd_account *a = &d->acct[f];
    char why[1024];
    size_t k = 0;
    why[0] = '\0';
    for (int i = 0; i < a->n_aside && k < sizeof why; i++)
      k += (size_t)snprintf(why + k, sizeof why - k, "%s%s: %llu", i ? "; " : "", a->aside[i].reason,
                            (unsigned long long)a->aside[i].count);
    if (a->aside_other && k < sizeof why)
      snprintf(why + k, sizeof why - k, "; other reasons: %llu", (unsigned long long)a->aside_other);
    if (md) {
      if (!a->present) fprintf(out, "| %s | absent | | | |\n", a->name);
      else fprintf(out, "| %s | %llu | %llu | %llu | %s |\n", a->name, (unsigned long long)a->read,
                   (unsigned long long)a->used, (unsigned long long)rd_aside_total(a), why);
    } else {
      if (!a->present) fprintf(out, "  %-17s absent\n", a->name);
      else fprintf(out, "  %-17s %llu read, %llu used, %llu set aside%s%s%s\n", a->name, (unsigned long long)a->read,
                   (unsigned long long)a->used, (unsigned long long)rd_aside_total(a), *why ? " (" : "", why,
                   *why ? ")" : "");
    }
  }
}

/* " (segment: site_coordinator 8, patient 16)" from the segment column. */
static void segments_text(const report *r, char *buf, size_t len) {
  const pilot_data *d = r->d;
  size_t k = 0;
  buf[0] = '\0';
  if (!r->cfg->segment_column[0] || d->n_segments == 0) return;
  k += (size_t)snprintf(buf, len, " (%s: ", r->cfg->segment_column);
  for (int i = 0; i < d->n_segments && k < len; i++)
    k += (size_t)snprintf(buf + k, len - k, "%s%s %zu", i ? ", " : "", d->segment_label[i], d->segment_count[i]);
  if (d->segment_count[PILOT_MAX_SEGMENTS] && k < len)
    k += (size_t)snprintf(buf + k, len - k, ", other labels %zu", d->segment_count[PILOT_MAX_SEGMENTS]);
  if (k < len) snprintf(buf + k, len - k, ")");
}

static void print_text(const report *r, FILE *out) {
  char fam[2048];
  fprintf(out, "libfgroi %s: pillbox pilot study report (%s)\n", fgroi_version(), r->data_dir);
  char seg[512];
  segments_text(r, seg, sizeof seg);
  fprintf(out, "%zu participants%s, %llu dose records, %zu raw events; %.0f%% intervals\n\n", r->participants, seg,
          (unsigned long long)r->doses, r->events, 100 * r->conf_level);
  fprintf(out, "%-40s %10s %23s %8s %8s  %s\n", "metric", "estimate", "interval", "p", "p(adj)", "verdict");
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    char e[32], p[16], pa[16], iv[80], vb[512];
    /* rows shown for contrast ("(naive ...)") are indented in the text table only */
    const char *ind = m->name[0] == '(' ? "  " : "";
    int w = 40 - (int)strlen(ind);
    if (m->status != M_OK) {
      fprintf(out, "%s%-*s not computed: %s\n", ind, w, m->name, m->reason);
      continue;
    }
    fmt_num(e, sizeof e, m->estimate * m->scale);
    fmt_p(p, sizeof p, m->p_value);
    fmt_p(pa, sizeof pa, m->p_adjusted);
    fmt_interval(m, iv, sizeof iv, ", ", 1);
    fprintf(out, "%s%-*s %6s %-3s %23s %8s %8s  %s\n", ind, w, m->name, e, m->unit, iv, p, pa,
            verdict(r, m, vb, sizeof vb));
  }
  for (int i = 0; i < r->ns; i++)
    fprintf(out, "%s%-*s skipped: %s\n", r->s[i].name[0] == '(' ? "  " : "", r->s[i].name[0] == '(' ? 38 : 40,
            r->s[i].name, r->s[i].why);
  family_text(r, fam, sizeof fam);
  fprintf(out, "\n%s\n", fam);
  if (r->roi_ok)
    fprintf(out, "ROI: P(ROI > 0) = %.2f; break-even compliance effect %.1f points.\n", r->prob_positive,
            100 * r->break_even);
  if (r->matching[0]) fprintf(out, "%s\n", r->matching);
  for (int i = 0; i < r->nn; i++) fprintf(out, "%s\n", r->notes[i]);
  fprintf(out, "\n");
  print_accounting_text(r, out, 0);
  fprintf(out, "\nMethods:\n");
  for (int i = 0; i < r->n; i++)
    if (r->m[i].status == M_OK)
      fprintf(out, "  %-40s interval: %s%s%s%s%s\n", r->m[i].name, r->m[i].method,
              *r->m[i].test ? "; test: " : "", r->m[i].test, *r->m[i].note ? ". " : "", r->m[i].note);
}

static void json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

static void json_num(FILE *f, double v) {
  if (isnan(v) || isinf(v)) fputs("null", f);
  else fprintf(f, "%.17g", v);
}

static void print_json(const report *r, FILE *f, int exit_status) {
  const pilot_data *d = r->d;
  fprintf(f, "{\n  \"library_version\": ");
  json_str(f, fgroi_version());
  fprintf(f, ",\n  \"exit_status\": %d", exit_status);
  fprintf(f, ",\n  \"data_dir\": ");
  json_str(f, r->data_dir);
  fprintf(f, ",\n  \"conf_level\": ");
  json_num(f, r->conf_level);
  fprintf(f, ",\n  \"seed\": %llu", (unsigned long long)r->seed);
  fprintf(f, ",\n  \"participants\": %zu,\n  \"segments\": {", r->participants);
  for (int i = 0; r->cfg->segment_column[0] && i < d->n_segments; i++) {
    fprintf(f, "%s", i ? ", " : "");
    json_str(f, d->segment_label[i]);
    fprintf(f, ": %zu", d->segment_count[i]);
  }
  fprintf(f, "},\n  \"dose_records\": %llu,\n  \"metrics\": [\n", (unsigned long long)r->doses);
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    int ok = m->status == M_OK;
    char vb[512];
    fprintf(f, "    {\"name\": ");
    json_str(f, m->name);
    fprintf(f, ", \"status\": \"%s\"", ok ? "computed" : "not_computed");
    fprintf(f, ", \"unit\": ");
    json_str(f, m->unit);
    fprintf(f, ", \"scale\": ");
    json_num(f, m->scale);
    fprintf(f, ", \"estimate\": ");
    json_num(f, ok ? m->estimate : NAN);
    fprintf(f, ", \"lower\": ");
    json_num(f, ok && m->has_interval ? m->lower : NAN);
    fprintf(f, ", \"upper\": ");
    json_num(f, ok && m->has_interval ? m->upper : NAN);
    if (ok && m->has_interval && (isinf(m->lower) || isinf(m->upper)))
      /* an infinite limit (e.g. a Kaplan-Meier median's upper limit when the
       * curve's upper band never falls to 0.5) is a fact, not a failure */
      fprintf(f, ", \"unbounded\": \"%s\"", isinf(m->lower) && isinf(m->upper) ? "both" : isinf(m->lower) ? "lower" : "upper");
    fprintf(f, ", \"p_value\": ");
    json_num(f, ok ? m->p_value : NAN);
    fprintf(f, ", \"p_adjusted\": ");
    json_num(f, ok ? m->p_adjusted : NAN);
    fprintf(f, ", \"claim\": %s, \"in_family\": %s", m->tested ? "true" : "false",
            m->tested && ok && !r->mult_failed ? "true" : "false");
    fprintf(f, ", \"method\": ");
    json_str(f, ok ? m->method : "");
    fprintf(f, ", \"test\": ");
    json_str(f, ok ? m->test : "");
    fprintf(f, ", \"verdict\": ");
    json_str(f, verdict(r, m, vb, sizeof vb));
    if (!ok) {
      fprintf(f, ", \"error\": {\"status\": ");
      json_str(f, m->error == FGROI_OK ? "REPORT_INVALID_RESULT" : fgroi_status_name(m->error));
      fprintf(f, ", \"message\": ");
      json_str(f, m->reason);
      fprintf(f, "}");
    }
    fprintf(f, "}%s\n", i + 1 < r->n ? "," : "");
  }
  fprintf(f, "  ],\n  \"skipped\": [");
  for (int i = 0; i < r->ns; i++) {
    fprintf(f, "%s\n    {\"name\": ", i ? "," : "");
    json_str(f, r->s[i].name);
    fprintf(f, ", \"reason\": ");
    json_str(f, r->s[i].why);
    fprintf(f, "}");
  }
  fprintf(f, "%s],\n  \"multiplicity\": {\"method\": ", r->ns ? "\n  " : "");
  json_str(f, fgroi_method_name(r->mult));
  fprintf(f, ", \"computed\": %s, \"family\": [", r->mult_failed ? "false" : "true");
  int first = 1;
  for (int i = 0; i < r->n; i++)
    if (r->m[i].tested && r->m[i].status == M_OK) {
      fprintf(f, "%s", first ? "" : ", ");
      json_str(f, r->m[i].name);
      first = 0;
    }
  fprintf(f, "], \"not_computed\": [");
  first = 1;
  for (int i = 0; i < r->n; i++)
    if (r->m[i].tested && r->m[i].status != M_OK) {
      fprintf(f, "%s", first ? "" : ", ");
      json_str(f, r->m[i].name);
      first = 0;
    }
  fprintf(f, "]");
  if (r->mult_failed) {
    fprintf(f, ", \"error\": ");
    json_str(f, r->mult_error);
  }
  fprintf(f, "},\n  \"roi_prob_positive\": ");
  json_num(f, r->roi_ok ? r->prob_positive : NAN);
  fprintf(f, ",\n  \"roi_break_even_effect\": ");
  json_num(f, r->roi_ok ? r->break_even : NAN);
  fprintf(f, ",\n  \"matching\": ");
  json_str(f, r->matching);
  fprintf(f, ",\n  \"notes\": [");
  for (int i = 0; i < r->nn; i++) {
    fprintf(f, "%s", i ? ", " : "");
    json_str(f, r->notes[i]);
  }
  fprintf(f, "],\n  \"rows\": {");
  for (int k = 0; k < N_FILES; k++) {
    const rd_account *a = &d->acct[k];
    fprintf(f, "%s\n    ", k ? "," : "");
    json_str(f, a->name);
    fprintf(f, ": {\"present\": %s, \"read\": %llu, \"used\": %llu, \"set_aside\": %llu, \"reasons\": {",
            a->present ? "true" : "false", (unsigned long long)a->read, (unsigned long long)a->used,
            (unsigned long long)rd_aside_total(a));
    for (int i = 0; i < a->n_aside; i++) {
      fprintf(f, "%s", i ? ", " : "");
      json_str(f, a->aside[i].reason);
      fprintf(f, ": %llu", (unsigned long long)a->aside[i].count);
    }
    if (a->aside_other) fprintf(f, "%s\"other reasons\": %llu", a->n_aside ? ", " : "", (unsigned long long)a->aside_other);
    fprintf(f, "}}");
  }
  fprintf(f, "\n  }\n}\n");
}

static void md_cell(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '|') fputs("\\|", f);
    else if (*s == '\n' || *s == '\r') fputc(' ', f);
    else fputc(*s, f);
  }
}

static void print_markdown(const report *r, FILE *f) {
  char fam[2048];
  fprintf(f, "# Pillbox pilot study report\n\nlibfgroi %s, data `", fgroi_version());
  md_cell(f, r->data_dir);
  char seg[512];
  segments_text(r, seg, sizeof seg);
  fprintf(f, "`: %zu participants%s, %llu dose records. Intervals are %.0f%%.\n\n", r->participants, seg,
          (unsigned long long)r->doses, 100 * r->conf_level);
  fprintf(f, "| metric | estimate | interval | p | p (adjusted) | verdict |\n| --- | --- | --- | --- | --- | --- |\n");
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    char e[32], p[16], pa[16], iv[80], vb[512];
    fprintf(f, "| ");
    md_cell(f, m->name);
    if (m->status != M_OK) {
      fprintf(f, " | | | | | not computed: ");
      md_cell(f, m->reason);
      fprintf(f, " |\n");
      continue;
    }
    fmt_num(e, sizeof e, m->estimate * m->scale);
    fmt_p(p, sizeof p, m->p_value);
    fmt_p(pa, sizeof pa, m->p_adjusted);
    fmt_interval(m, iv, sizeof iv, " to ", 0);
    fprintf(f, " | %s %s | %s | %s | %s | ", e, m->unit, iv, p, pa);
    md_cell(f, verdict(r, m, vb, sizeof vb));
    fprintf(f, " |\n");
  }
  for (int i = 0; i < r->ns; i++) {
    fprintf(f, "| ");
    md_cell(f, r->s[i].name);
    fprintf(f, " | | | | | skipped: ");
    md_cell(f, r->s[i].why);
    fprintf(f, " |\n");
  }
  family_text(r, fam, sizeof fam);
  fprintf(f, "\n%s\n\n", fam);
  if (r->roi_ok)
    fprintf(f, "P(ROI > 0) = %.2f; break-even compliance effect %.1f points.\n\n", r->prob_positive, 100 * r->break_even);
  if (r->matching[0]) fprintf(f, "%s\n\n", r->matching);
  for (int i = 0; i < r->nn; i++) fprintf(f, "%s\n\n", r->notes[i]);
  fprintf(f, "## Rows\n\n");
  print_accounting_text(r, f, 1);
  fprintf(f, "\n## Methods\n\n");
  for (int i = 0; i < r->n; i++)
    if (r->m[i].status == M_OK)
      fprintf(f, "- **%s**: interval `%s`%s%s%s. %s\n", r->m[i].name, r->m[i].method,
              *r->m[i].test ? ", test `" : "", r->m[i].test, *r->m[i].test ? "`" : "", r->m[i].note);
}

/* ---- analysis ---------------------------------------------------------------- */

static void rate_metric(report *r, const char *name, int64_t x, int64_t n, const char *note) {
  metric *m = add_metric(r, name, "%", 100.0);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  m->note = note;
  if (check(m, fgroi_prop_ci(x, n, FGROI_METHOD_WILSON, r->conf_level, FGROI_TWO_SIDED, &ci), "Wilson interval")) return;
  set_interval(m, &ci);
  validate(m);
}

/* Matched records keyed by (participant, dose time): the agreement check
 * with doses.csv looks each streamed dose up once (linear time). */
typedef struct {
  fgroi_match_record *rec;
  size_t n;
  int64_t *key_p, *key_t;
  int32_t *slot;
  uint8_t *seen;
  size_t cap;
  uint64_t agree, compared;
} agreement;

static size_t agree_hash(int64_t p, int64_t t, size_t cap) {
  uint64_t h = (uint64_t)p * 0x9E3779B97F4A7C15ULL ^ ((uint64_t)t + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
  return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static int agreement_build(agreement *a) {
  a->cap = 16;
  while (a->cap < 2 * a->n + 2) a->cap *= 2;
  a->slot = malloc(a->cap * sizeof *a->slot);
  a->seen = calloc(a->n + 1, 1);
  if (!a->slot || !a->seen) return -1;
  for (size_t i = 0; i < a->cap; i++) a->slot[i] = -1;
  for (size_t i = 0; i < a->n; i++) {
    size_t h = agree_hash(a->rec[i].participant, a->rec[i].dose_time, a->cap);
    while (a->slot[h] >= 0) h = (h + 1) & (a->cap - 1);
    a->slot[h] = (int32_t)i;
  }
  return 0;
}

static void agreement_dose(void *ctx, int32_t p, double scheduled, int self, int device) {
  agreement *a = ctx;
  if (!a || !a->slot) return;
  int64_t t = (int64_t)llround(scheduled);
  size_t h = agree_hash(p, t, a->cap);
  while (a->slot[h] >= 0) {
    const fgroi_match_record *rc = &a->rec[a->slot[h]];
    if (rc->participant == p && rc->dose_time == t) {
      if (!a->seen[a->slot[h]]) {
        a->seen[a->slot[h]] = 1;
        a->compared++;
        a->agree += rc->device == device && rc->self == self;
      }
      return;
    }
    h = (h + 1) & (a->cap - 1);
  }
}

/* Raw event streams: the matcher assigns opens and check-ins to doses.
 * Runs before doses.csv is streamed; the agreement is filled in then. */
static int match_events(const pilot_data *d, report *r, agreement *ag, fgroi_match_summary *ms) {
  size_t nd = 0, no = 0, nc = 0;
  if (!d->acct[F_EVENTS].present) { r->matching_status = 3; return 0; }
  for (size_t i = 0; i < d->n_events; i++) {
    nd += d->events[i].kind == EV_DOSE;
    no += d->events[i].kind == EV_DEVICE_OPEN;
    nc += d->events[i].kind == EV_APP_CHECKIN;
  }
  if (nd == 0) {
    r->matching_status = 2;
    snprintf(r->matching, sizeof r->matching, "Raw event streams: skipped: events.csv has no scheduled dose rows "
                                              "(%zu events read, none matched).", d->n_events);
    return 0;
  }
  int64_t *dp = malloc(nd * sizeof *dp), *dt = malloc(nd * sizeof *dt), *op = malloc((no + 1) * sizeof *op),
          *ot = malloc((no + 1) * sizeof *ot), *cp = malloc((nc + 1) * sizeof *cp), *ctm = malloc((nc + 1) * sizeof *ctm);
  fgroi_match_record *rec = malloc(nd * sizeof *rec);
  int bad = !dp || !dt || !op || !ot || !cp || !ctm || !rec;
  size_t a = 0, b = 0, c = 0;
  for (size_t i = 0; !bad && i < d->n_events; i++) {
    const event_row *e = &d->events[i];
    int64_t tm = (int64_t)llround(e->time);
    if (e->kind == EV_DOSE) { dp[a] = e->p; dt[a++] = tm; }
    else if (e->kind == EV_DEVICE_OPEN) { op[b] = e->p; ot[b++] = tm; }
    else { cp[c] = e->p; ctm[c++] = tm; }
  }
  fgroi_match_options mo = FGROI_INIT(fgroi_match_options);
  fgroi_status s = FGROI_OK;
  if (!bad) s = fgroi_match_options_default(&mo);
  mo.device_before = mo.self_before = (int64_t)llround(r->cfg->match_before);
  mo.device_after = mo.self_after = (int64_t)llround(r->cfg->match_after);
  if (!bad && s == FGROI_OK) {
    fprintf(stderr, "fgroi-report: matching %zu device opens and %zu check-ins to %zu scheduled doses\n", no, nc, nd);
    s = fgroi_match_doses(dp, dt, nd, op, ot, no, cp, ctm, nc, &mo, rec, nd, ms);
  }
  free(dp); free(dt); free(op); free(ot); free(cp); free(ctm);
  if (bad) { free(rec); return -1; }
  if (s != FGROI_OK) {
    free(rec);
    r->matching_status = 1;
    snprintf(r->matching, sizeof r->matching, "Raw event streams: not computed: the matcher failed: %s (%s).",
             fgroi_strerror(s), fgroi_status_name(s));
    return 0;
  }
  ag->rec = rec;
  ag->n = nd;
  if (agreement_build(ag) != 0) return -1;
  return 0;
}

static void matching_text(report *r, const agreement *ag, const fgroi_match_summary *ms) {
  if (!ag->rec) return;
  snprintf(r->matching, sizeof r->matching,
           "Raw event streams (%lld doses of %lld participants): %lld of %lld device opens and %lld of %lld "
           "check-ins matched a dose; %lld opens were second opens of an already matched dose and %lld fell "
           "outside every window (counted, not dropped). Matched records agree with doses.csv on %llu of %llu doses.",
           (long long)ms->doses, (long long)ms->participants, (long long)ms->device_matched,
           (long long)ms->device_events, (long long)ms->self_matched, (long long)ms->self_events,
           (long long)ms->device_duplicate, (long long)ms->device_outside, (unsigned long long)ag->agree,
           (unsigned long long)ag->compared);
}

/* The adherence gap: device-logged minus self-reported, per dose and
 * clustered by participant, from the streamed per-participant tallies. */
static int adherence(const pilot_data *d, report *r) {
  const char *names[4] = { "self-reported adherence (app check-ins)", "device-logged adherence (pillbox opens)",
                           "adherence gap: device - self-report", "(naive per-dose analysis, overstated)" };
  if (!d->acct[F_DOSES].present || d->n_doses == 0) {
    const char *why = !d->acct[F_DOSES].present ? "no doses.csv" : "doses.csv has no usable dose rows";
    for (int i = 0; i < 4; i++) add_skipped(r, names[i], "%s", why);
    return 0;
  }
  size_t k = 0;
  fgroi_paired_cluster *cl = malloc(d->n_participants * sizeof *cl);
  if (!cl) return -1;
  fgroi_paired_tally t = FGROI_INIT(fgroi_paired_tally);
  for (size_t i = 0; i < d->n_participants; i++) {
    const int64_t *x = d->slot[i].tally;
    if (x[0] + x[1] + x[2] + x[3] == 0) continue;
    cl[k++] = (fgroi_paired_cluster){ (int64_t)i, x[0], x[1], x[2], x[3] };
    t.both += x[0];
    t.device_only += x[1];
    t.self_only += x[2];
    t.neither += x[3];
  }
  int64_t total = t.both + t.device_only + t.self_only + t.neither;
  rate_metric(r, names[0], t.both + t.self_only, total, "device arm, pooled over doses");
  rate_metric(r, names[1], t.both + t.device_only, total, "device arm, pooled over doses");

  /* the honest analysis: doses are nested in participants */
  metric *m = add_metric(r, names[2], "pts", 100.0);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  fgroi_test sf = FGROI_INIT(fgroi_test);
  m->tested = 1;
  snprintf(m->claim, sizeof m->claim, "app check-ins under-report what the pillbox logs");
  m->note = "cluster-robust t interval on (participants - 1) df; doses nested in participants";
  /* the one headline analysis the Python and R bindings also call: cluster-robust
   * interval, sign-flip test (exact up to 30 participants, seeded Monte Carlo beyond) */
  if (!check(m, fgroi_paired_cluster_analysis(cl, k, FGROI_METHOD_DEFAULT, r->conf_level, FGROI_TWO_SIDED, r->seed,
                                              &ci, &sf), "adherence gap analysis")) {
    set_interval(m, &ci);
    m->p_value = sf.p_value;
    m->test = (sf.flags & FGROI_FLAG_MONTE_CARLO) ? "sign-flip permutation over participants (seeded Monte Carlo)"
                                                  : "exact sign-flip permutation over participants";
  }
  validate(m);

  /* the naive per-dose analysis, shown for contrast, not adjusted */
  metric *nv = add_metric(r, names[3], "pts", 100.0);
  fgroi_interval nci = FGROI_INIT(fgroi_interval);
  fgroi_test mc = FGROI_INIT(fgroi_test);
  nv->contrast = 1;
  snprintf(nv->claim, sizeof nv->claim, "app check-ins under-report what the pillbox logs");
  nv->note = "ignores clustering: its interval is too narrow and its p-value too small";
  if (!check(nv, fgroi_paired_gap_ci(t.both, t.device_only, t.self_only, t.neither, FGROI_METHOD_TANGO, r->conf_level,
                                     FGROI_TWO_SIDED, &nci), "per-dose gap interval") &&
      !check(nv, fgroi_paired_mcnemar(t.both, t.device_only, t.self_only, t.neither, FGROI_METHOD_MCNEMAR_MID_P,
                                      FGROI_TWO_SIDED, &mc), "McNemar test")) {
    set_interval(nv, &nci);
    nv->p_value = mc.p_value;
    nv->test = "McNemar mid-p treating every dose as independent";
  }
  validate(nv);
  free(cl);
  return 0;
}

/* NPS before and after: each wave from all its respondents; the paired
 * change from those who answered both. */
static int nps(const pilot_data *d, report *r) {
  const char *names[4] = { "NPS before the rollout", "NPS after the rollout", "NPS change (same respondents)",
                           "(same data as independent waves, wrong)" };
  if (!d->acct[F_NPS].present) {
    for (int i = 0; i < 4; i++) add_skipped(r, names[i], "%s", "no nps.csv");
    return 0;
  }
  size_t np = d->n_participants;
  int32_t *pre = malloc((np + 1) * sizeof *pre), *post = malloc((np + 1) * sizeof *post);
  if (!pre || !post) { free(pre); free(post); return -1; }
  int64_t cnt[2][3] = { { 0 } }, answered[2] = { 0, 0 }, both = 0, either = 0;
  char only[2][160];
  size_t ko[2] = { 0, 0 };
  only[0][0] = only[1][0] = '\0';
  for (size_t i = 0; i < np; i++) {
    int s0 = d->slot[i].nps[0], s1 = d->slot[i].nps[1];
    pre[i] = s0 >= 0 ? s0 : -1;
    post[i] = s1 >= 0 ? s1 : -1;
    for (int w = 0; w < 2; w++) {
      int s = w ? s1 : s0;
      if (s >= 0) { answered[w]++; cnt[w][s >= 9 ? 2 : (s >= 7 ? 1 : 0)]++; /* detractors, passives, promoters */ }
    }
    if (s0 >= 0 && s1 >= 0) both++;
    if (s0 >= 0 || s1 >= 0) either++;
    if ((s0 >= 0) != (s1 >= 0)) {
      int w = s0 >= 0 ? 0 : 1;
      if (ko[w] < sizeof only[0] - 40)
        ko[w] += (size_t)snprintf(only[w] + ko[w], sizeof only[0] - ko[w], "%s%s", ko[w] ? ", " : "", d->participants[i].id);
      else if (ko[w] < sizeof only[0] - 5) ko[w] += (size_t)snprintf(only[w] + ko[w], sizeof only[0] - ko[w], ", ...");
    }
  }
  const char *wn[2] = { "pre", "post" };
  for (int w = 0; w < 2; w++) {
    if (answered[w] == 0) { add_skipped(r, names[w], "no %s-wave answers in nps.csv", wn[w]); continue; }
    metric *m = add_metric(r, names[w], "", 1.0);
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    m->note = "score interval (Tango), all respondents of the wave";
    if (!check(m, fgroi_nps_ci(cnt[w][0], cnt[w][1], cnt[w][2], FGROI_METHOD_SCORE, r->conf_level, FGROI_TWO_SIDED,
                               NULL, &ci), "NPS interval"))
      set_interval(m, &ci);
    validate(m);
  }
  char note[512];
  snprintf(note, sizeof note, "NPS change: %lld of %lld respondents answered both waves%s%s%s%s%s%s.", (long long)both,
           (long long)either, ko[0] ? "; pre only (in the pre wave, not in the change): " : "", only[0],
           ko[1] ? "; post only (in the post wave, not in the change): " : "", only[1], "", "");
  add_note(r, note);
  if (both == 0) {
    add_skipped(r, names[2], "%s", "no respondent answered both waves");
  } else {
    int64_t table[9], missing = 0;
    size_t badi = 0;
    metric *m = add_metric(r, names[2], "pts", 1.0);
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    m->tested = 1;
    snprintf(m->claim, sizeof m->claim, "NPS rose after the rollout");
    m->note = "paired: uses the within-person correlation";
    if (!check(m, fgroi_nps_paired_table_i32(pre, post, np, -1, table, &missing, &badi), "NPS transition table") &&
        !check(m, fgroi_nps_paired_ci(table, FGROI_METHOD_DEFAULT, r->conf_level, FGROI_TWO_SIDED, &ci), "NPS change interval") &&
        !check(m, fgroi_nps_paired_test(table, FGROI_METHOD_DEFAULT, FGROI_TWO_SIDED, &t), "NPS change test")) {
      set_interval(m, &ci);
      m->p_value = t.p_value;
      m->test = "exact sign-flip on per-person category changes";
    }
    validate(m);
  }
  if (answered[0] == 0 || answered[1] == 0) {
    add_skipped(r, names[3], "%s", "needs answers in both waves");
  } else {
    metric *w = add_metric(r, names[3], "pts", 1.0);
    fgroi_interval ind = FGROI_INIT(fgroi_interval);
    w->note = "ignores that the respondents are the same people: wider interval";
    if (!check(w, fgroi_nps_diff_ci(cnt[0][0], cnt[0][1], cnt[0][2], cnt[1][0], cnt[1][1], cnt[1][2],
                                    FGROI_METHOD_NEWCOMBE, r->conf_level, FGROI_TWO_SIDED, NULL, &ind),
               "independent-waves interval"))
      set_interval(w, &ind);
    validate(w);
  }
  free(pre); free(post);
  return 0;
}

/* Device arm vs control: task success (< threshold), time to task with
 * censoring, and the acceptance target. */
static int device_vs_control(const pilot_data *d, report *r, rd_account *acct) {
  const study_config *cfg = r->cfg;
  char n_rate[2][96], n_diff[96], n_target[96], claim_diff[128], claim_target[128];
  snprintf(n_rate[1], sizeof n_rate[1], "setup task < %g min, device arm", cfg->task_threshold_min);
  snprintf(n_rate[0], sizeof n_rate[0], "setup task < %g min, control arm", cfg->task_threshold_min);
  snprintf(n_diff, sizeof n_diff, "setup task < %g min: device - control", cfg->task_threshold_min);
  snprintf(n_target, sizeof n_target, "device arm above the %g%% target?", 100 * cfg->target_share);
  snprintf(claim_diff, sizeof claim_diff, "the device arm finishes setup in < %g min more often", cfg->task_threshold_min);
  snprintf(claim_target, sizeof claim_target, "the device arm meets the %g%% acceptance target", 100 * cfg->target_share);
  const char *mn[2] = { "median setup time, control arm", "median setup time, device arm" };
  const char *lrn = "time to set up: device vs control";
  if (!acct->present) {
    const char *all[7] = { n_rate[1], n_rate[0], n_diff, n_target, mn[1], mn[0], lrn };
    for (int i = 0; i < 7; i++) add_skipped(r, all[i], "%s", "no task.csv");
    return 0;
  }
  int64_t fast[2] = { 0, 0 }, total[2] = { 0, 0 };
  size_t nt = d->n_participants, cnt[2] = { 0, 0 };
  double *tm[2] = { malloc((nt + 1) * sizeof(double)), malloc((nt + 1) * sizeof(double)) };
  uint8_t *ev[2] = { malloc(nt + 1), malloc(nt + 1) };
  if (!tm[0] || !tm[1] || !ev[0] || !ev[1]) { free(tm[0]); free(tm[1]); free(ev[0]); free(ev[1]); return -1; }
  for (size_t i = 0; i < nt; i++) {
    const pslot *s = &d->slot[i];
    int arm = d->participants[i].arm;
    if (s->task_done < 0 || arm < 0) continue;
    total[arm]++;
    fast[arm] += s->task_done && s->task_min < cfg->task_threshold_min;
    tm[arm][cnt[arm]] = s->task_min;
    ev[arm][cnt[arm]++] = (uint8_t)s->task_done;
    acct->used++;
  }
  const char *why[2] = { "no control-arm participant has a task.csv row", "no device-arm participant has a task.csv row" };
  for (int arm = 1; arm >= 0; arm--) {
    if (total[arm]) rate_metric(r, n_rate[arm], fast[arm], total[arm], "");
    else add_skipped(r, n_rate[arm], "%s", why[arm]);
  }
  if (total[ARM_DEVICE] && total[ARM_CONTROL]) {
    metric *m = add_metric(r, n_diff, "pts", 100.0);
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    m->tested = 1;
    snprintf(m->claim, sizeof m->claim, "%s", claim_diff);
    if (total[ARM_DEVICE] <= 500 && total[ARM_CONTROL] <= 500) {
      /* small arms: exact unconditional inference */
      m->test = "Boschloo exact unconditional";
      m->note = "exact unconditional interval (Chan-Zhang)";
      /* the library's defaults, as the bindings' exact_test() (Chan-Zhang interval, Boschloo test) */
      step_progress sp;
      fgroi_control ctl = step_control(&sp, "exact interval");
      fgroi_exact2x2_options eo = FGROI_INIT(fgroi_exact2x2_options);
      if (!check(m, fgroi_exact2x2_options_default(&eo), "exact options")) {
        eo.control = &ctl;
        if (!check(m, fgroi_exact2x2_diff_ci(fast[ARM_DEVICE], total[ARM_DEVICE], fast[ARM_CONTROL], total[ARM_CONTROL],
                                             FGROI_METHOD_DEFAULT, r->conf_level, FGROI_TWO_SIDED, &eo, &ci),
                   "exact interval")) {
          ctl = step_control(&sp, "Boschloo test");
          check(m, fgroi_exact2x2_test(fast[ARM_DEVICE], total[ARM_DEVICE], fast[ARM_CONTROL], total[ARM_CONTROL],
                                       FGROI_METHOD_DEFAULT, FGROI_TWO_SIDED, &eo, &t, NULL), "Boschloo test");
        }
      }
    } else {
      /* large arms: the score methods agree with the exact ones and are cheap */
      m->test = "Fisher exact (arms above 500: Boschloo not needed)";
      m->note = "Newcombe hybrid score interval";
      if (!check(m, fgroi_prop_diff_ci(fast[ARM_DEVICE], total[ARM_DEVICE], fast[ARM_CONTROL], total[ARM_CONTROL],
                                       FGROI_METHOD_NEWCOMBE, r->conf_level, FGROI_TWO_SIDED, &ci), "Newcombe interval"))
        check(m, fgroi_prop_2x2_test(fast[ARM_DEVICE], total[ARM_DEVICE], fast[ARM_CONTROL], total[ARM_CONTROL],
                                     FGROI_METHOD_FISHER, FGROI_TWO_SIDED, &t), "Fisher test");
    }
    if (m->status == M_OK) { set_interval(m, &ci); m->p_value = t.p_value; }
    validate(m);
  } else {
    add_skipped(r, n_diff, "%s", total[ARM_CONTROL] ? why[ARM_DEVICE] : why[ARM_CONTROL]);
  }
  if (total[ARM_DEVICE]) {
    /* acceptance target: is the device arm's rate above the target? */
    metric *g = add_metric(r, n_target, "%", 100.0);
    fgroi_test gt = FGROI_INIT(fgroi_test);
    fgroi_interval gb = FGROI_INIT(fgroi_interval);
    static char gtest[96];
    snprintf(gtest, sizeof gtest, "exact binomial, H1: rate > %g%%", 100 * cfg->target_share);
    g->tested = 1;
    g->test = gtest;
    snprintf(g->claim, sizeof g->claim, "%s", claim_target);
    g->note = "one-sided lower confidence bound";
    if (!check(g, fgroi_prepost_target(fast[ARM_DEVICE], total[ARM_DEVICE], cfg->target_share, FGROI_METHOD_EXACT,
                                       r->conf_level, FGROI_GREATER, &gt, &gb), "target test")) {
      set_interval(g, &gb);
      g->p_value = gt.p_value;
    }
    validate(g);
  } else {
    add_skipped(r, n_target, "%s", why[ARM_DEVICE]);
  }
  /* time to task with censoring: Kaplan-Meier medians and the log-rank test */
  metric *med[2] = { NULL, NULL };
  for (int arm = 1; arm >= 0; arm--) {
    if (!total[arm]) { add_skipped(r, mn[arm], "%s", why[arm]); continue; }
    metric *md = add_metric(r, mn[arm], "min", 1.0);
    fgroi_interval mi = FGROI_INIT(fgroi_interval);
    md->note = "Kaplan-Meier; participants who gave up are censored";
    if (!check(md, fgroi_surv_median(tm[arm], ev[arm], cnt[arm], FGROI_SURV_CONF_LOG, r->conf_level, &mi), "Kaplan-Meier median"))
      set_interval(md, &mi);
    if (md->status == M_OK && !isfinite(md->estimate)) not_computed(md, "the median was not reached (fewer than half finished)");
    if (md->status == M_OK && (isnan(md->lower) || isnan(md->upper) || md->lower > md->upper))
      not_computed(md, "the library returned an invalid interval");
    med[arm] = md;
  }
  if (total[ARM_DEVICE] && total[ARM_CONTROL]) {
    metric *lr = add_metric(r, lrn, "min", 1.0);
    fgroi_test lt = FGROI_INIT(fgroi_test);
    lr->has_interval = 0;
    lr->tested = 1;
    lr->method = "difference of medians";
    lr->test = "log-rank";
    snprintf(lr->claim, sizeof lr->claim, "device users finish setup faster");
    if (!check(lr, fgroi_surv_logrank(tm[ARM_DEVICE], ev[ARM_DEVICE], cnt[ARM_DEVICE], tm[ARM_CONTROL], ev[ARM_CONTROL],
                                      cnt[ARM_CONTROL], 0.0, &lt, NULL), "log-rank test")) {
      lr->p_value = lt.p_value;
      if (med[0]->status == M_OK && med[1]->status == M_OK)
        lr->estimate = med[ARM_DEVICE]->estimate - med[ARM_CONTROL]->estimate; /* device - control medians */
    }
    validate(lr);
  } else {
    add_skipped(r, lrn, "%s", total[ARM_CONTROL] ? why[ARM_DEVICE] : why[ARM_CONTROL]);
  }
  free(tm[0]); free(tm[1]); free(ev[0]); free(ev[1]);
  return 0;
}

/* Protocol steps: difference in differences of the share of steps
 * completed, same participants before and after, both arms. Participants
 * with one period are named and counted out. */
static int protocol(const pilot_data *d, report *r, rd_account *acct, fgroi_interval *did_out, int *did_state) {
  const char *name = "protocol steps completed: DiD";
  *did_state = 2; /* skipped */
  if (!acct->present) { add_skipped(r, name, "%s", "no protocol.csv"); return 0; }
  size_t np = d->n_participants;
  double *v[4];
  size_t nv[2] = { 0, 0 };
  for (int i = 0; i < 4; i++) v[i] = malloc((np + 1) * sizeof(double));
  if (!v[0] || !v[1] || !v[2] || !v[3]) { for (int i = 0; i < 4; i++) free(v[i]); return -1; }
  char one[2][200];
  size_t ko[2] = { 0, 0 };
  long n_one[2] = { 0, 0 }, n_both = 0, n_any = 0;
  one[0][0] = one[1][0] = '\0';
  for (size_t i = 0; i < np; i++) {
    const pslot *s = &d->slot[i];
    int has0 = s->total[0] > 0, has1 = s->total[1] > 0;
    n_any += has0 || has1;
    if (d->participants[i].arm < 0) continue; /* their rows were set aside when read */
    if (has0 && has1) {
      int arm = d->participants[i].arm; /* v[0], v[1]: device pre, post; v[2], v[3]: control */
      int base = arm == ARM_DEVICE ? 0 : 2;
      v[base][nv[arm]] = (double)s->steps[0] / (double)s->total[0];
      v[base + 1][nv[arm]++] = (double)s->steps[1] / (double)s->total[1];
      n_both++;
    } else if (has0 || has1) {
      int w = has0 ? 0 : 1; /* the period present */
      n_one[w]++;
      if (ko[w] < sizeof one[0] - 40)
        ko[w] += (size_t)snprintf(one[w] + ko[w], sizeof one[0] - ko[w], "%s%s", ko[w] ? ", " : "", d->participants[i].id);
      else if (ko[w] < sizeof one[0] - 5) ko[w] += (size_t)snprintf(one[w] + ko[w], sizeof one[0] - ko[w], ", ...");
      rd_set_aside(acct, w ? "other period missing (post only)" : "other period missing (pre only)");
    }
  }
  char note[600];
  snprintf(note, sizeof note, "Protocol DiD: %ld of %ld participants have both periods%s%s%s%s.", n_both, n_any,
           n_one[0] ? "; pre only (not in the DiD): " : "", one[0], n_one[1] ? "; post only (not in the DiD): " : "",
           one[1]);
  add_note(r, note);
  if (nv[ARM_DEVICE] == 0 || nv[ARM_CONTROL] == 0) {
    const char *why = nv[ARM_CONTROL] == 0 ? "no control-arm participant has both protocol periods"
                                           : "no device-arm participant has both protocol periods";
    add_skipped(r, name, "%s", why);
    if (n_both) {
      char reason[96];
      snprintf(reason, sizeof reason, "DiD skipped (%s)", nv[ARM_CONTROL] == 0 ? "no control arm" : "no device arm");
      for (long i = 0; i < 2 * n_both; i++) rd_set_aside(acct, reason);
    }
  } else {
    acct->used += (uint64_t)(2 * n_both);
    *did_state = 0;
    metric *m = add_metric(r, name, "pts", 100.0);
    fgroi_test t = FGROI_INIT(fgroi_test);
    m->tested = 1;
    m->test = "Welch t on per-participant changes";
    snprintf(m->claim, sizeof m->claim, "the device improved protocol compliance beyond the control arm's change");
    m->note = "(device post - pre) - (control post - pre), share of steps";
    if (!check(m, fgroi_prepost_mean_did(v[0], nv[ARM_DEVICE], v[1], nv[ARM_DEVICE], v[2], nv[ARM_CONTROL], v[3],
                                         nv[ARM_CONTROL], FGROI_DESIGN_PAIRED, r->conf_level, FGROI_TWO_SIDED, did_out, &t),
               "difference in differences")) {
      set_interval(m, did_out);
      m->p_value = t.p_value;
    }
    validate(m);
    if (m->status != M_OK) *did_state = 1;
  }
  for (int i = 0; i < 4; i++) free(v[i]);
  return 0;
}

/* ROI of the study from the protocol-compliance effect. */
static void roi(const pilot_data *d, report *r, const fgroi_interval *effect, int did_state) {
  const char *names[2] = { "ROI of the study", "net value of the study" };
  char lacks[128] = "";
  size_t k = 0;
  const int has[4] = { d->has_cost, d->has_volume, d->has_value_low, d->has_value_high };
  const char *keys[4] = { "study_cost", "volume", "value_per_unit_low", "value_per_unit_high" };
  for (int i = 0; i < 4; i++)
    if (!has[i]) k += (size_t)snprintf(lacks + k, sizeof lacks - k, "%s%s", k ? ", " : "", keys[i]);
  if (!d->acct[F_STUDY].present || k) {
    char why[200];
    snprintf(why, sizeof why, "%s%s", d->acct[F_STUDY].present ? "study.csv lacks " : "no study.csv",
             d->acct[F_STUDY].present ? lacks : "");
    for (int i = 0; i < 2; i++) add_skipped(r, names[i], "%s", why);
    return;
  }
  if (d->value_low > d->value_high) {
    for (int i = 0; i < 2; i++) {
      metric *m = add_metric(r, names[i], i ? "USD" : "%", i ? 1.0 : 100.0);
      not_computed(m, "study.csv: value_per_unit_low is above value_per_unit_high");
    }
    return;
  }
  if (did_state == 2) {
    for (int i = 0; i < 2; i++) add_skipped(r, names[i], "%s", "needs the protocol DiD effect, which was skipped");
    return;
  }
  metric *m = add_metric(r, names[0], "%", 100.0);
  metric *n = add_metric(r, names[1], "USD", 1.0);
  m->note = "Monte Carlo: compliance effect x volume x value per unit (a range), minus cost";
  if (did_state == 1) {
    not_computed(m, "needs the protocol DiD effect, which was not computed");
    not_computed(n, "needs the protocol DiD effect, which was not computed");
    return;
  }
  fgroi_roi_input e = FGROI_INIT(fgroi_roi_input), vol = FGROI_INIT(fgroi_roi_input),
                  val = FGROI_INIT(fgroi_roi_input), cost = FGROI_INIT(fgroi_roi_input);
  fgroi_interval ri = FGROI_INIT(fgroi_interval), nvi = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary sum = FGROI_INIT(fgroi_roi_summary);
  vol.dist = FGROI_ROI_FIXED; vol.a = d->volume;
  val.dist = FGROI_ROI_UNIFORM; val.a = d->value_low; val.b = d->value_high;
  cost.dist = FGROI_ROI_FIXED; cost.a = d->study_cost;
  step_progress sp;
  fgroi_control ctl = step_control(&sp, "ROI Monte Carlo");
  if (!check(m, fgroi_roi_input_from_interval(effect, &e), "ROI effect input") &&
      !check(m, fgroi_roi_monte_carlo_ctl(&e, &vol, &val, &cost, r->conf_level, REPORT_ROI_DRAWS, r->seed, &ctl,
                                          &ri, &nvi, &sum),
             "ROI Monte Carlo")) {
    r->roi_in[0] = e; r->roi_in[1] = vol; r->roi_in[2] = val; r->roi_in[3] = cost;
    r->roi_effect = effect->estimate;
    set_interval(m, &ri);
    set_interval(n, &nvi);
    r->prob_positive = sum.prob_positive;
    r->break_even = sum.break_even_effect;
    r->roi_ok = 1;
  } else {
    not_computed(n, m->reason);
    n->error = m->error;
  }
  validate(m);
  validate(n);
  if (m->status != M_OK || n->status != M_OK) r->roi_ok = 0;
}

/* Multiplicity adjustment across the computed claims (one family). */
static void adjust(report *r) {
  double p[MAX_METRICS], adj[MAX_METRICS];
  int idx[MAX_METRICS], k = 0;
  for (int i = 0; i < r->n; i++)
    if (r->m[i].tested && r->m[i].status == M_OK) { idx[k] = i; p[k++] = r->m[i].p_value; }
  if (k == 0) return;
  fgroi_status s = fgroi_multiplicity_adjust(p, (size_t)k, r->mult, adj);
  if (s != FGROI_OK) {
    r->mult_failed = 1;
    snprintf(r->mult_error, sizeof r->mult_error, "%s: %s (%s)", mult_label(r->mult), fgroi_strerror(s), fgroi_status_name(s));
    return;
  }
  for (int j = 0; j < k; j++) r->m[idx[j]].p_adjusted = adj[j];
}

/* ---- HTML page (--html): the report_html model filled from the report's own
 * computed data (examples/report_html.h says how) --------------------------- */

#define HTML_ROI_QUANTILES 100

typedef struct {
  const char *prefix, *question, *note;
} html_question;

/* The study's questions, in the report's order; the target's null value
 * and the thresholds come from the configuration. */
static const html_question QUESTIONS[] = {
  { "adherence gap: device - self-report", "Adherence gap (device log vs self-report)",
    "clustered by participant; sign-flip test over participants" },
  { "NPS change (same respondents)", "NPS change after the rollout", "same respondents before and after (paired)" },
  { "setup task < ", "Setup within the time limit: device vs control",
    "difference in the share finishing within the time limit" },
  { "device arm above the ", "Device arm meets the acceptance target", "one-sided: is the rate above the target?" },
  { "time to set up: device vs control", "Time to set up: device vs control",
    "difference of the arms' median setup times (device \xe2\x88\x92 control); log-rank test" },
  { "protocol steps completed: DiD", "Protocol compliance: device vs control change",
    "difference in differences of the share of protocol steps completed" },
  { "ROI of the study", "Return on investment", NULL },
};

static int starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static const metric *find_metric(const report *r, const char *prefix) {
  for (int i = 0; i < r->n; i++)
    if (starts(r->m[i].name, prefix)) return &r->m[i];
  return NULL;
}

/* Everything the page points into; freed by html_free. */
typedef struct {
  report_html_claim claims[2 * MAX_METRICS];
  report_html_input inputs[N_FILES];
  report_html_aside aside[N_FILES][RD_MAX_REASONS + 2];
  report_html_participant *rates;
  char (*rate_id)[32];
  report_html_interval gaps[2];
  report_html_nps_bar bars[2 * (PILOT_MAX_SEGMENTS + 2)];
  report_html_km_curve curves[2];
  double *km_buf[2][4];
  double quant[HTML_ROI_QUANTILES];
  report_html_method methods[12];
  char subtitle[4600], mult[2400], roi_note[160], roi_why[320], q_setup[96], n_setup[96], q_target[96], n_target[96], km_why[160], ad_why[160], dvc_why[400], gap_note[200];
  char notes[MAX_NOTES * 640 + 800];
  char vb[MAX_METRICS][512];
} html_store;

static void html_free(html_store *s) {
  free(s->rates);
  free(s->rate_id);
  for (int a = 0; a < 2; a++)
    for (int k = 0; k < 4; k++) free(s->km_buf[a][k]);
}

/* Kaplan-Meier of one arm's setup times (device arm first). 0 ok, 1 not
 * drawable (reason in why), -1 out of memory. */
static int html_km(const report *r, html_store *s, int arm, report_html_km_curve *cv, const char *label,
                   const metric *median, char *why, size_t why_len) {
  const pilot_data *d = r->d;
  size_t n = 0, np = d->n_participants;
  double *tm = malloc((np + 1) * sizeof *tm);
  uint8_t *ev = malloc(np + 1);
  int slot = arm == ARM_DEVICE ? 0 : 1;
  if (!tm || !ev) { free(tm); free(ev); return -1; }
  for (size_t i = 0; i < np; i++) {
    const pslot *p = &d->slot[i];
    if (p->task_done < 0 || d->participants[i].arm != arm) continue;
    tm[n] = p->task_min;
    ev[n++] = (uint8_t)p->task_done;
  }
  if (n == 0) {
    snprintf(why, why_len, "no %s participant has a task.csv row", arm == ARM_DEVICE ? "device-arm" : "control-arm");
    free(tm); free(ev);
    return 1;
  }
  size_t rows = 0;
  fgroi_status st = n ? fgroi_surv_km(tm, ev, n, FGROI_SURV_CONF_LOG, r->conf_level, 0, NULL, NULL, NULL, NULL, NULL,
                                      NULL, NULL, NULL, &rows)
                      : FGROI_E_EMPTY;
  if (st != FGROI_OK && st != FGROI_E_CAPACITY) {
    snprintf(why, why_len, "Kaplan-Meier curve of the %s not computed: %s", label, fgroi_strerror(st));
    free(tm); free(ev);
    return 1;
  }
  if (rows > REPORT_HTML_MAX_ROWS || n > REPORT_HTML_MAX_ROWS) {
    snprintf(why, why_len, "the %s has more than %d distinct times or participants to draw", label,
             REPORT_HTML_MAX_ROWS);
    free(tm); free(ev);
    return 1;
  }
  double *t = malloc((rows + 1) * sizeof *t), *sv = malloc((rows + 1) * sizeof *sv);
  double *ct = malloc((n + 1) * sizeof *ct), *cs = malloc((n + 1) * sizeof *cs);
  int64_t *nev = malloc((rows + 1) * sizeof *nev), *ncen = malloc((rows + 1) * sizeof *ncen);
  s->km_buf[slot][0] = t; s->km_buf[slot][1] = sv; s->km_buf[slot][2] = ct; s->km_buf[slot][3] = cs;
  if (!t || !sv || !ct || !cs || !nev || !ncen) { free(nev); free(ncen); free(tm); free(ev); return -1; }
  st = fgroi_surv_km(tm, ev, n, FGROI_SURV_CONF_LOG, r->conf_level, rows, t, NULL, nev, ncen, sv, NULL, NULL, NULL, &rows);
  free(tm); free(ev);
  if (st != FGROI_OK) {
    snprintf(why, why_len, "Kaplan-Meier curve of the %s not computed: %s", label, fgroi_strerror(st));
    free(nev); free(ncen);
    return 1;
  }
  size_t nc = 0;
  int64_t events = 0;
  for (size_t i = 0; i < rows; i++) {
    events += nev[i];
    for (int64_t j = 0; j < ncen[i] && nc < n; j++) { ct[nc] = t[i]; cs[nc++] = sv[i]; }
  }
  free(nev); free(ncen);
  memset(cv, 0, sizeof *cv);
  cv->label = label;
  cv->time = t;
  cv->surv = sv;
  cv->n = rows;
  cv->censor_time = ct;
  cv->censor_surv = cs;
  cv->n_censor = nc;
  cv->subjects = (int64_t)n;
  cv->events = events;
  cv->median = median && median->status == M_OK ? median->estimate : NAN;
  return 0;
}

/* Fill the model from the report. 0 ok, -1 out of memory. A figure whose
 * data are absent, too large to draw, or (ROI) whose re-read draws would
 * differ from the report's carries the reason instead of a drawing. */
static int html_fill(const report *r, html_store *s, report_html_model *m) {
  const pilot_data *d = r->d;
  const study_config *cfg = r->cfg;
  memset(m, 0, sizeof *m);
  m->title = "Pillbox pilot: did it work?";
  snprintf(s->subtitle, sizeof s->subtitle, "Budget review of the connected-pillbox pilot. Data: %s; libfgroi %s.",
           r->data_dir, fgroi_version());
  m->subtitle = s->subtitle;
  m->conf_level = r->conf_level;
  m->participants = (int64_t)r->participants;
  family_text(r, s->mult, sizeof s->mult);
  m->multiplicity = s->mult;
  size_t k = (size_t)snprintf(s->notes, sizeof s->notes, "%s", r->matching);
  for (int i = 0; i < r->nn && k < sizeof s->notes; i++)
    k += (size_t)snprintf(s->notes + k, sizeof s->notes - k, "%s%s", k ? " " : "", r->notes[i]);
  m->notes = s->notes;

  /* claims: every metric in the report's order, then the skipped ones */
  size_t nc = 0;
  for (int i = 0; i < r->n; i++) {
    const metric *x = &r->m[i];
    report_html_claim *c = &s->claims[nc++];
    memset(c, 0, sizeof *c);
    c->name = x->name;
    c->unit = x->unit;
    c->scale = x->scale;
    c->status = x->status == M_OK ? REPORT_HTML_COMPUTED : REPORT_HTML_NOT_COMPUTED;
    c->reason = x->status == M_OK ? NULL : x->reason;
    int ok = x->status == M_OK;
    c->estimate = ok ? x->estimate : NAN;
    c->lower = ok && x->has_interval ? x->lower : NAN;
    c->upper = ok && x->has_interval ? x->upper : NAN;
    c->p_value = ok ? x->p_value : NAN;
    c->p_adjusted = ok ? x->p_adjusted : NAN;
    c->method = ok ? x->method : NULL;
    c->test = ok ? x->test : NULL;
    c->verdict = verdict(r, x, s->vb[i], sizeof s->vb[i]);
    c->null_value = 0;
    for (size_t q = 0; q < sizeof QUESTIONS / sizeof QUESTIONS[0]; q++)
      if (starts(x->name, QUESTIONS[q].prefix) && (x->tested || q == 6)) {
        c->headline = 1;
        c->question = QUESTIONS[q].question;
        c->note = QUESTIONS[q].note;
        if (q == 3) c->null_value = cfg->target_share;
      }
    if (c->headline && (starts(x->name, "setup task < ") || starts(x->name, "device arm above the "))) {
      int tgt = starts(x->name, "device arm above the ");
      /* the configured threshold and target, in words */
      if (tgt) {
        snprintf(s->q_target, sizeof s->q_target, "Device arm meets the %g%% target", 100 * cfg->target_share);
        snprintf(s->n_target, sizeof s->n_target, "one-sided: is the rate above %g%%?", 100 * cfg->target_share);
      } else {
        snprintf(s->q_setup, sizeof s->q_setup, "Setup in under %g minutes: device vs control", cfg->task_threshold_min);
        snprintf(s->n_setup, sizeof s->n_setup, "difference in the share finishing within %g minutes",
                 cfg->task_threshold_min);
      }
      c->question = tgt ? s->q_target : s->q_setup;
      c->note = tgt ? s->n_target : s->n_setup;
    }
    if (starts(x->name, "adherence gap") && ok) c->note = x->test;
    if (starts(x->name, "ROI of the study") && r->roi_ok) {
      snprintf(s->roi_note, sizeof s->roi_note, "P(ROI > 0) = %.2f; breaks even at a %.1f-point effect",
               r->prob_positive, 100 * r->break_even);
      c->note = s->roi_note;
    }
  }
  for (int i = 0; i < r->ns; i++) {
    report_html_claim *c = &s->claims[nc++];
    memset(c, 0, sizeof *c);
    c->name = r->s[i].name;
    c->unit = "";
    c->scale = 1;
    c->estimate = c->lower = c->upper = c->p_value = c->p_adjusted = NAN;
    c->status = REPORT_HTML_SKIPPED;
    c->reason = r->s[i].why;
    for (size_t q = 0; q < sizeof QUESTIONS / sizeof QUESTIONS[0]; q++)
      if (starts(c->name, QUESTIONS[q].prefix)) { c->headline = 1; c->question = QUESTIONS[q].question; }
  }
  m->claims = s->claims;
  m->n_claims = nc;

  /* input accounting */
  for (int f = 0; f < N_FILES; f++) {
    const rd_account *a = &d->acct[f];
    report_html_input *in = &s->inputs[f];
    size_t na = 0;
    in->file = a->name;
    in->read = (int64_t)a->read;
    in->used = (int64_t)a->used;
    if (!a->present) s->aside[f][na++] = (report_html_aside){ "file absent (optional)", 0 };
    for (int j = 0; j < a->n_aside; j++) s->aside[f][na++] = (report_html_aside){ a->aside[j].reason, (int64_t)a->aside[j].count };
    if (a->aside_other) s->aside[f][na++] = (report_html_aside){ "other reasons", (int64_t)a->aside_other };
    in->aside = s->aside[f];
    in->n_aside = na;
  }
  m->inputs = s->inputs;
  m->n_inputs = N_FILES;

  /* adherence per participant: the streamed tallies */
  size_t np = d->n_participants, nr = 0;
  for (size_t i = 0; i < np; i++) {
    const int64_t *x = d->slot[i].tally;
    nr += x[0] + x[1] + x[2] + x[3] > 0;
  }
  m->adherence.unavailable = "no dose records";
  if (nr > REPORT_HTML_MAX_ROWS) {
    snprintf(s->ad_why, sizeof s->ad_why, "%zu participants with doses: more than the %d the figure draws", nr,
             REPORT_HTML_MAX_ROWS);
    m->adherence.unavailable = s->ad_why;
  } else if (nr) {
    s->rates = calloc(nr, sizeof *s->rates);
    if (!s->rates) return -1;
    size_t j = 0;
    for (size_t i = 0; i < np; i++) {
      const int64_t *x = d->slot[i].tally;
      int64_t n = x[0] + x[1] + x[2] + x[3];
      if (n == 0) continue;
      s->rates[j].id = d->participants[i].id;
      s->rates[j].doses = n;
      s->rates[j].self_rate = (double)(x[0] + x[2]) / (double)n;
      s->rates[j++].device_rate = (double)(x[0] + x[1]) / (double)n;
    }
    m->adherence.rows = s->rates;
    m->adherence.n = j;
  }
  const char *gap_names[2][2] = { { "adherence gap: device - self-report", "clustered (honest)" },
                                  { "(naive per-dose analysis", "per dose (naive)" } };
  for (int g = 0; g < 2; g++) {
    const metric *x = find_metric(r, gap_names[g][0]);
    if (!x || x->status != M_OK) continue;
    s->gaps[m->adherence.n_gap++] = (report_html_interval){ gap_names[g][1], x->method, x->estimate, x->lower, x->upper,
                                                            x->tested ? x->p_adjusted : x->p_value };
  }
  m->adherence.gap = s->gaps;

  /* NPS: all respondents, then each segment; before, after */
  int ng = cfg->segment_column[0] ? d->n_segments : 0;
  size_t nb = 0;
  int64_t paired = 0, any = 0;
  for (int g = -1; g < ng; g++) {
    for (int w = 0; w < 2; w++) {
      report_html_nps_bar *b = &s->bars[nb++];
      memset(b, 0, sizeof *b);
      b->group = g < 0 ? "All respondents" : d->segment_label[g];
      b->label = w ? "after" : "before";
      for (size_t i = 0; i < np; i++) {
        int sc = d->slot[i].nps[w];
        if (sc < 0 || (g >= 0 && d->participants[i].segment != g)) continue;
        if (sc <= 6) b->detractors++;
        else if (sc <= 8) b->passives++;
        else b->promoters++;
      }
    }
  }
  for (size_t i = 0; i < np; i++) {
    int a = d->slot[i].nps[0] >= 0, b = d->slot[i].nps[1] >= 0;
    any += a || b;
    paired += a && b;
  }
  m->nps.unavailable = d->acct[F_NPS].present ? "no NPS answers" : "no nps.csv";
  if (any) { m->nps.bars = s->bars; m->nps.n = nb; }
  m->nps.paired = paired;
  m->nps.respondents = any;
  m->nps.change = (report_html_interval){ "paired change", NULL, NAN, NAN, NAN, NAN };
  const metric *chg = find_metric(r, "NPS change (same respondents)");
  if (chg && chg->status == M_OK)
    m->nps.change = (report_html_interval){ "paired change", chg->method, chg->estimate, chg->lower, chg->upper,
                                            chg->p_adjusted };

  /* Kaplan-Meier per arm, device first */
  m->km.unavailable = d->acct[F_TASK].present ? "no task.csv rows" : "no task.csv";
  m->km.threshold = cfg->task_threshold_min;
  m->km.time_unit = "min";
  m->km.logrank_p = NAN;
  if (d->acct[F_TASK].present) {
    const int arms[2] = { ARM_DEVICE, ARM_CONTROL };
    const char *labels[2] = { "Device arm", "Control arm" };
    const char *mnames[2] = { "median setup time, device arm", "median setup time, control arm" };
    size_t n = 0;
    int have_device = 0;
    for (int a = 0; a < 2; a++) {
      char why[160];
      int st = html_km(r, s, arms[a], &s->curves[n], labels[a], find_metric(r, mnames[a]), why, sizeof why);
      if (st < 0) return -1;
      if (st == 0) { n++; have_device |= a == 0; }
      else if (!s->km_why[0]) snprintf(s->km_why, sizeof s->km_why, "%s", why);
    }
    /* the device arm's curve is drawn (alone if the control arm has none);
     * without it the figure says why */
    if (have_device) { m->km.curves = s->curves; m->km.n = n; }
    else if (s->km_why[0]) m->km.unavailable = s->km_why;
    const metric *lr = find_metric(r, "time to set up: device vs control");
    if (lr && lr->status == M_OK) m->km.logrank_p = lr->p_value;
  }

  /* ROI: the report's Monte Carlo (same inputs, seed and draws) read at
   * equally spaced quantiles: the pair (p, 1 - p) is the central interval at
   * level 1 - 2p of the same draws */
  const metric *roim = find_metric(r, "ROI of the study");
  m->roi.unavailable = "the ROI was not computed";
  if (roim && roim->status != M_OK) {
    snprintf(s->roi_why, sizeof s->roi_why, "the ROI was not computed: %s", roim->reason);
    m->roi.unavailable = s->roi_why;
  }
  for (int i = 0; i < r->ns; i++)
    if (starts(r->s[i].name, "ROI of the study")) {
      snprintf(s->roi_why, sizeof s->roi_why, "the ROI was skipped: %s", r->s[i].why);
      m->roi.unavailable = s->roi_why;
    }
  if (r->roi_ok && roim && roim->status == M_OK) {
    fgroi_interval ri = FGROI_INIT(fgroi_interval);
    fgroi_roi_summary sum = FGROI_INIT(fgroi_roi_summary);
    fgroi_status st = FGROI_OK;
    step_progress sp;
    fgroi_control ctl = step_control(&sp, "ROI quantiles for the HTML page");
    for (size_t q = 0; q < HTML_ROI_QUANTILES / 2 && st == FGROI_OK; q++) {
      double p = ((double)q + 0.5) / HTML_ROI_QUANTILES;
      sp.lo = (double)q / (HTML_ROI_QUANTILES / 2);
      sp.span = 1.0 / (HTML_ROI_QUANTILES / 2);
      st = fgroi_roi_monte_carlo_ctl(&r->roi_in[0], &r->roi_in[1], &r->roi_in[2], &r->roi_in[3], 1 - 2 * p,
                                     REPORT_ROI_DRAWS, r->seed, &ctl, &ri, NULL, &sum);
      s->quant[q] = ri.lower;
      s->quant[HTML_ROI_QUANTILES - 1 - q] = ri.upper;
    }
    int sorted = st == FGROI_OK;
    for (size_t q = 1; q < HTML_ROI_QUANTILES && sorted; q++) sorted = s->quant[q] >= s->quant[q - 1];
    if (st == FGROI_OK && sum.prob_positive != r->prob_positive) {
      m->roi.unavailable = "the quantile draws differ from the report's (not drawn)";
    } else if (!sorted) {
      m->roi.unavailable = "the Monte Carlo quantiles could not be computed";
    } else {
      m->roi.quantiles = s->quant;
      m->roi.n = HTML_ROI_QUANTILES;
      m->roi.draws = REPORT_ROI_DRAWS;
      m->roi.estimate = roim->estimate;
      m->roi.lower = roim->lower;
      m->roi.upper = roim->upper;
      m->roi.prob_positive = r->prob_positive;
      m->roi.break_even_effect = r->break_even;
      m->roi.effect = r->roi_effect;
      m->roi.effect_label = "the device arm's gain in protocol steps completed, beyond the control arm's";
    }
  }

  /* methods: what the report ran on this study */
  size_t nm = 0;
  report_html_method *mt = s->methods;
  mt[nm++] = (report_html_method){ "Wilson score interval (rates)",
    "Wilson EB (1927). Probable inference, the law of succession, and statistical inference. JASA 22:209-212.",
    "Keeps its coverage near the nominal level for small samples and rates near 0 or 100%, where the textbook Wald "
    "interval fails (Brown, Cai & DasGupta 2001)." };
  mt[nm++] = (report_html_method){ "Cluster-robust gap interval and sign-flip test over participants (adherence gap)",
    "Sandwich variance with the CR1 factor on k - 1 df (Cameron & Miller 2015, J Hum Resour 50:317); Fisher RA (1935) "
    "The Design of Experiments; Good PI (2005) Permutation, Parametric and Bootstrap Tests of Hypotheses.",
    "Doses are nested in participants: a person's doses are one piece of evidence, not many. The sign-flip test over "
    "participants is exact for up to 30 people (seeded Monte Carlo beyond); fgroi_paired_cluster_analysis(), the "
    "same call as the Python and R bindings." };
  mt[nm++] = (report_html_method){ "Tango score interval and McNemar mid-p (naive per-dose gap, for contrast)",
    "Tango T (1998). Stat Med 17:891-908; Fagerland MW, Lydersen S, Laake P (2013). BMC Med Res Methodol 13:91.",
    "Shown only to make the point that treating doses as independent overstates certainty." };
  mt[nm++] = (report_html_method){ "NPS score interval and paired sign-flip test (NPS change)",
    "Rocks B (2016). Interval estimation for the \"net promoter score\". The American Statistician 70:365-372; "
    "Tango T (1998).",
    "The same people answered both waves: the paired interval uses their within-person correlation and is narrower "
    "than treating the waves as independent (Newcombe 1998)." };
  const metric *dvc = NULL;
  for (int i = 0; i < r->n; i++)
    if (starts(r->m[i].name, "setup task < ") && strstr(r->m[i].name, "device - control")) dvc = &r->m[i];
  if (dvc && dvc->status == M_OK && strstr(dvc->test, "Fisher"))
    mt[nm++] = (report_html_method){ "Newcombe hybrid score interval and Fisher's exact test (device vs control)",
      "Newcombe RG (1998). Stat Med 17:873-890; Fisher RA (1935). J R Stat Soc 98:39-82.",
      "Arms above 500 participants: the exact unconditional methods are costly there and the score methods agree "
      "with them." };
  else
    mt[nm++] = (report_html_method){ "Boschloo exact unconditional test and Chan-Zhang interval (device vs control)",
      "Boschloo RD (1970). Statistica Neerlandica 24:1-35; Chan ISF, Zhang Z (1999). Biometrics 55:1202-1209.",
      "Small arms: exact unconditional methods keep the error rate without the conservatism of Fisher's conditional "
      "test; the library's defaults, as the bindings' exact_test()." };
  snprintf(s->dvc_why, sizeof s->dvc_why, "A one-sided question (is the rate above %g%%?) on a small arm: the exact "
           "test never overstates the evidence.", 100 * cfg->target_share);
  mt[nm++] = (report_html_method){ "Exact binomial test and Clopper-Pearson bound (acceptance target)",
    "Clopper CJ, Pearson ES (1934). Biometrika 26:404-413.", s->dvc_why };
  mt[nm++] = (report_html_method){ "Kaplan-Meier curves, median interval, log-rank test (time to set up)",
    "Kaplan EL, Meier P (1958). JASA 53:457-481; Brookmeyer R, Crowley J (1982). Biometrics 38:29-41; Mantel N "
    "(1966). Cancer Chemother Rep 50:163-170.",
    "People who gave up have no finishing time; censoring counts them for as long as they tried instead of dropping "
    "them or pretending they finished." };
  mt[nm++] = (report_html_method){ "Difference in differences with Welch t (protocol compliance)",
    "Welch BL (1947). Biometrika 34:28-35.",
    "Each participant's own before/after change removes stable differences between people; the control arm's "
    "change removes what would have happened anyway." };
  snprintf(s->gap_note, sizeof s->gap_note, "%s adjustment (all tested claims)", mult_label(r->mult));
  mt[nm++] = (report_html_method){ s->gap_note,
    "Holm S (1979). Scand J Stat 6:65-70; Hochberg Y (1988). Biometrika 75:800-802; Benjamini Y, Hochberg Y (1995). "
    "J R Stat Soc B 57:289-300.",
    "Several claims are tested at once; the adjustment covers exactly the claims that were computed (Holm, the "
    "default, controls the chance of any false claim without assumptions about their dependence)." };
  mt[nm++] = (report_html_method){ "Monte Carlo ROI (probabilistic sensitivity analysis)",
    "Briggs A, Claxton K, Sculpher M (2006). Decision Modelling for Health Economic Evaluation. Oxford University "
    "Press.",
    "The effect and the value per unit are uncertain; drawing them together gives the probability that the study "
    "pays off rather than one optimistic number." };
  m->methods = mt;
  m->n_methods = nm;
  return 0;
}

static int print_html(const report *r, FILE *f) {
  html_store *s = calloc(1, sizeof *s);
  report_html_model m;
  if (!s) return -1;
  int st = html_fill(r, s, &m);
  if (st == 0) {
    int hs = report_html_write(&m, f);
    if (hs != REPORT_HTML_OK) {
      fprintf(stderr, "fgroi-report: the HTML page could not be written (report_html_write: %d)\n", hs);
      st = -1;
    }
  }
  html_free(s);
  free(s);
  return st;
}

/* ---- output files: written whole to a temporary file, then renamed ------------ */
enum { OUT_MARKDOWN = 0, OUT_JSON = 1, OUT_HTML = 2 };
static int write_atomic(const char *path, const report *r, int exit_status, int json) {
  size_t n = strlen(path);
  char *tmp = malloc(n + 16);
  if (!tmp) return -1;
  snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) { perror(path); free(tmp); return -1; }
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) { perror(path); close(fd); unlink(tmp); free(tmp); return -1; }
  FILE *f = fdopen(fd, "w");
  if (!f) { perror(path); close(fd); unlink(tmp); free(tmp); return -1; }
  int bad = 0;
  if (json == OUT_HTML) bad = print_html(r, f) != 0;
  else if (json == OUT_JSON) print_json(r, f, exit_status);
  else print_markdown(r, f);
  bad |= ferror(f) != 0;
  bad |= fclose(f) != 0;
  if (!bad && rename(tmp, path) != 0) { perror(path); bad = 1; }
  if (bad) { fprintf(stderr, "fgroi-report: cannot write %s\n", path); unlink(tmp); }
  free(tmp);
  return bad ? -1 : 0;
}

/* ---- command line ---------------------------------------------------------------- */
static void usage(FILE *f) {
  fprintf(f,
          "usage: fgroi-report [OPTIONS] [DATA_DIR]\n"
          "Analyse a pillbox pilot study (CSV files in DATA_DIR; default: the bundled study)\n"
          "and print the report. Manual: man fgroi-report (docs/report.md).\n\n"
          "  --json FILE              also write the report as JSON\n"
          "  --markdown FILE          also write the report as Markdown\n"
          "  --html FILE              also write the report as one self-contained HTML page with figures\n"
          "  --config FILE            study configuration (default: DATA_DIR/study.conf if present)\n"
          "  --task-threshold MIN     setup task counts as done if completed in < MIN minutes (5)\n"
          "  --target SHARE           acceptance target of the device arm, 0 < SHARE < 1 (0.85)\n"
          "  --control-arm LABEL      arm label of the control arm in participants.csv (control)\n"
          "  --device-arm LABEL       arm label of the device arm (device)\n"
          "  --segment-column NAME    segment column of participants.csv, '' for none (segment)\n"
          "  --conf-level X           confidence level, 0 < X < 1 (study.csv's, else 0.95)\n"
          "  --multiplicity NAME      holm, bonferroni, hochberg, hommel, bh, by or none (holm)\n"
          "  --seed N                 seed of the randomised methods, 0..2^64-1 (study.csv's, else 1)\n"
          "  --missing LIST           comma-separated missing-value markers; empty cells always are (NA)\n"
          "  --help                   this text\n"
          "  --version                the program's and libfgroi's version\n\n"
          "Exit status: 0 clean; 1 some metrics not computed; 2 input errors (nothing\n"
          "analysed, no file written); 3 system error (memory, writing a file); 64 usage.\n");
}

static const struct { const char *flag, *key; } FLAGS[] = {
  { "--task-threshold", "task_threshold_min" }, { "--target", "target_share" }, { "--control-arm", "control_arm" },
  { "--device-arm", "device_arm" }, { "--segment-column", "segment_column" }, { "--conf-level", "conf_level" },
  { "--multiplicity", "multiplicity" }, { "--seed", "seed" }, { "--missing", "missing_values" },
};
#define N_FLAGS (sizeof FLAGS / sizeof FLAGS[0])

int main(int argc, char **argv) {
  const char *dir = NULL, *json = NULL, *md = NULL, *html = NULL, *config = NULL;
  const char *flag_value[N_FLAGS] = { 0 };
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { usage(stdout); return 0; }
    if (strcmp(a, "--version") == 0) {
      printf("fgroi-report (libfgroi %s)\n", fgroi_version());
      return 0;
    }
    int takes = strcmp(a, "--json") == 0 || strcmp(a, "--markdown") == 0 || strcmp(a, "--html") == 0 ||
                strcmp(a, "--config") == 0;
    size_t fi = N_FLAGS;
    for (size_t k = 0; k < N_FLAGS; k++)
      if (strcmp(a, FLAGS[k].flag) == 0) fi = k;
    if (takes || fi < N_FLAGS) {
      if (i + 1 >= argc) { fprintf(stderr, "fgroi-report: %s needs a value\n", a); usage(stderr); return EXIT_USAGE; }
      const char *v = argv[++i];
      if (strcmp(a, "--json") == 0) json = v;
      else if (strcmp(a, "--markdown") == 0) md = v;
      else if (strcmp(a, "--html") == 0) html = v;
      else if (strcmp(a, "--config") == 0) config = v;
      else flag_value[fi] = v;
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "fgroi-report: unknown option '%s'\n", a);
      usage(stderr);
      return EXIT_USAGE;
    } else if (!dir) {
      dir = a;
    } else {
      fprintf(stderr, "fgroi-report: more than one data folder ('%s', '%s')\n", dir, a);
      usage(stderr);
      return EXIT_USAGE;
    }
  }
  if (!dir) dir = FGROI_EXAMPLE_DATA;

  /* configuration: built-in defaults < config file < flags; conf_level and
   * seed also come from study.csv when neither sets them */
  study_config cfg;
  study_config_default(&cfg);
  char cpath[4096];
  if (!config) snprintf(cpath, sizeof cpath, "%s/study.conf", dir);
  int cr = study_config_read(&cfg, config ? config : cpath, stderr);
  if (cr < 0 || (cr == 1 && config)) {
    if (cr == 1) fprintf(stderr, "%s: cannot open: no such file\n", config);
    fprintf(stderr, "fgroi-report: the configuration has errors (listed above); nothing was analysed\n");
    return EXIT_INPUT;
  }
  int file_conf = cfg.conf_set, file_seed = cfg.seed_set;
  double file_conf_v = cfg.conf_level;
  uint64_t file_seed_v = cfg.seed;
  cfg.conf_set = cfg.seed_set = 0;
  for (size_t k = 0; k < N_FLAGS; k++) {
    char msg[256];
    if (flag_value[k] && study_config_set(&cfg, FLAGS[k].key, flag_value[k], msg, sizeof msg) != 0) {
      fprintf(stderr, "fgroi-report: %s: %s\n", FLAGS[k].flag, msg);
      return EXIT_USAGE;
    }
  }
  if (rd_label_eq(cfg.control_arm, cfg.device_arm)) {
    fprintf(stderr, "fgroi-report: the control and device arms have the same label '%s'\n", cfg.control_arm);
    return EXIT_USAGE;
  }
  fgroi_method mult;
  if (fgroi_method_from_name(cfg.multiplicity, &mult) != FGROI_OK ||
      !(mult == FGROI_METHOD_HOLM || mult == FGROI_METHOD_BONFERRONI || mult == FGROI_METHOD_HOCHBERG ||
        mult == FGROI_METHOD_HOMMEL || mult == FGROI_METHOD_BH || mult == FGROI_METHOD_BY || mult == FGROI_METHOD_NONE)) {
    fprintf(stderr, "fgroi-report: unknown multiplicity method '%s' (holm, bonferroni, hochberg, hommel, bh, by, none)\n",
            cfg.multiplicity);
    return flag_value[6] ? EXIT_USAGE : EXIT_INPUT;
  }

  pilot_data d;
  report *r = calloc(1, sizeof *r);
  if (!r) return EXIT_SYSTEM;
  if (pilot_load(dir, &cfg, &d, stderr) != 0) {
    fprintf(stderr, "fgroi-report: out of memory reading %s\n", dir);
    pilot_free(&d); free(r);
    return EXIT_SYSTEM;
  }
  /* conf_level and seed: flag, else config file, else study.csv; a config
   * file and study.csv that disagree is an input error */
  if (!cfg.conf_set && file_conf && d.has_conf && file_conf_v != d.conf_level) {
    fprintf(stderr, "%s: conf_level %g disagrees with study.csv's %g (set it in one place, or override with --conf-level)\n",
            config ? config : cpath, file_conf_v, d.conf_level);
    d.errors++;
  }
  if (!cfg.seed_set && file_seed && d.has_seed && file_seed_v != d.seed) {
    fprintf(stderr, "%s: seed %llu disagrees with study.csv's %llu (set it in one place, or override with --seed)\n",
            config ? config : cpath, (unsigned long long)file_seed_v, (unsigned long long)d.seed);
    d.errors++;
  }
  r->conf_level = cfg.conf_set ? cfg.conf_level : file_conf ? file_conf_v : d.has_conf ? d.conf_level : 0.95;
  r->seed = cfg.seed_set ? cfg.seed : file_seed ? file_seed_v : d.has_seed ? d.seed : 1;
  r->cfg = &cfg;
  r->mult = mult;
  r->data_dir = dir;
  r->d = &d;

  agreement ag;
  memset(&ag, 0, sizeof ag);
  fgroi_match_summary ms = FGROI_INIT(fgroi_match_summary);
  int sys = 0;
  if (d.errors == 0) sys |= match_events(&d, r, &ag, &ms) != 0;
  /* doses.csv is checked even when other files have errors (all input
   * errors are reported in one run), once participants.csv is readable */
  if (d.slot && !sys) sys |= pilot_load_doses(dir, &cfg, &d, stderr, stderr, agreement_dose, &ag) != 0;
  if (sys) {
    fprintf(stderr, "fgroi-report: out of memory\n");
    free(ag.rec); free(ag.slot); free(ag.seen); pilot_free(&d); free(r);
    return EXIT_SYSTEM;
  }
  if (d.errors) {
    fprintf(stderr, "fgroi-report: the data in %s has %ld input error%s (listed above); nothing was analysed, "
                    "no file was written\n", dir, d.errors, d.errors == 1 ? "" : "s");
    free(ag.rec); free(ag.slot); free(ag.seen); pilot_free(&d); free(r);
    return EXIT_INPUT;
  }
  matching_text(r, &ag, &ms);
  if (r->matching_status == 2) {
    /* the valid event rows entered no analysis */
    d.acct[F_EVENTS].used = 0;
    for (size_t i = 0; i < d.n_events; i++) rd_set_aside(&d.acct[F_EVENTS], "no scheduled dose rows to match");
  }
  free(ag.rec); free(ag.slot); free(ag.seen);
  r->participants = (size_t)d.acct[F_PARTICIPANTS].used; /* with an arm: in the analyses */
  r->doses = d.n_doses;
  r->events = d.n_events;

  fprintf(stderr, "fgroi-report: analysing %llu dose records of %zu participants\n", (unsigned long long)d.n_doses,
          d.n_participants);
  fgroi_interval did = FGROI_INIT(fgroi_interval);
  int did_state = 2;
  sys |= adherence(&d, r) != 0;
  sys |= nps(&d, r) != 0;
  sys |= device_vs_control(&d, r, &d.acct[F_TASK]) != 0;
  sys |= protocol(&d, r, &d.acct[F_PROTOCOL], &did, &did_state) != 0;
  if (!sys) roi(&d, r, &did, did_state);
  if (!sys) adjust(r);
  if (sys) {
    fprintf(stderr, "fgroi-report: out of memory\n");
    pilot_free(&d); free(r);
    return EXIT_SYSTEM;
  }
  /* every row is used or set aside for a counted reason */
  for (int f = 0; f < N_FILES; f++) {
    const rd_account *a = &d.acct[f];
    if (a->present && a->read != a->used + rd_aside_total(a)) {
      fprintf(stderr, "fgroi-report: internal error: %s: %llu rows read but %llu used + %llu set aside\n", a->name,
              (unsigned long long)a->read, (unsigned long long)a->used, (unsigned long long)rd_aside_total(a));
      pilot_free(&d); free(r);
      return EXIT_SYSTEM;
    }
  }
  int status = EXIT_CLEAN;
  for (int i = 0; i < r->n; i++)
    if (r->m[i].status != M_OK) status = EXIT_NOT_COMPUTED;
  if (r->mult_failed || r->matching_status == 1) status = EXIT_NOT_COMPUTED;

  print_text(r, stdout);
  fflush(stdout);
  if (json && write_atomic(json, r, status, OUT_JSON) != 0) status = EXIT_SYSTEM;
  if (md && write_atomic(md, r, status, OUT_MARKDOWN) != 0) status = EXIT_SYSTEM;
  if (html && write_atomic(html, r, status, OUT_HTML) != 0) status = EXIT_SYSTEM;
  pilot_free(&d);
  free(r);
  return status;
}
