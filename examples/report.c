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
  const char *claim;    /* what a small p-value supports, in plain words */
  int tested;           /* part of the Holm family */
} metric;

#define MAX_METRICS 32

typedef struct {
  metric m[MAX_METRICS];
  int n;
  double conf_level;
  const char *data_dir;
  size_t participants, doses, events;
  char matching[512];   /* what the event matcher found */
  double prob_positive, break_even;
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
  m->claim = "";
  return m;
}

static int check(fgroi_status s, const char *what) {
  if (s == FGROI_OK) return 0;
  fprintf(stderr, "fgroi-report: %s: %s (%s)\n", what, fgroi_strerror(s), fgroi_status_name(s));
  return 1;
}

/* ---- verdicts ------------------------------------------------------------- */
static const char *verdict(const metric *m, char *buf, size_t len) {
  double p = isnan(m->p_adjusted) ? m->p_value : m->p_adjusted;
  if (isnan(p)) snprintf(buf, len, "estimate only");
  else if (p < 0.01) snprintf(buf, len, "strong evidence that %s", m->claim);
  else if (p < 0.05) snprintf(buf, len, "evidence that %s", m->claim);
  else if (p < 0.10) snprintf(buf, len, "suggestive only: not shown that %s", m->claim);
  else snprintf(buf, len, "not shown that %s: could be noise", m->claim);
  return buf;
}

static int tested_count(const report *r) {
  int k = 0;
  for (int i = 0; i < r->n; i++) k += r->m[i].tested;
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

static void print_text(const report *r, FILE *out) {
  fprintf(out, "libfgroi %s: pillbox pilot study report (%s)\n", fgroi_version(), r->data_dir);
  fprintf(out, "%zu participants, %zu dose records, %zu raw events; %.0f%% intervals\n\n",
          r->participants, r->doses, r->events, 100 * r->conf_level);
  fprintf(out, "%-40s %10s %23s %8s %8s  %s\n", "metric", "estimate", "interval", "p", "p(adj)", "verdict");
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    char e[32], lo[32], hi[32], p[16], pa[16], iv[80], vb[256];
    fmt_num(e, sizeof e, m->estimate * m->scale);
    fmt_num(lo, sizeof lo, m->lower * m->scale);
    fmt_num(hi, sizeof hi, m->upper * m->scale);
    fmt_p(p, sizeof p, m->p_value);
    fmt_p(pa, sizeof pa, m->p_adjusted);
    snprintf(iv, sizeof iv, "[%s, %s]", lo, hi);
    fprintf(out, "%-40s %6s %-3s %23s %8s %8s  %s\n", m->name, e, m->unit, iv, p, pa, verdict(m, vb, sizeof vb));
  }
  fprintf(out, "\nAdjusted p-values: Holm across the %d tested claims. ROI: P(ROI > 0) = %.2f; "
              "break-even compliance effect %.1f points.\n", tested_count(r), r->prob_positive, 100 * r->break_even);
  if (r->matching[0]) fprintf(out, "%s\n", r->matching);
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
    char vb[256];
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
    json_str(f, verdict(m, vb, sizeof vb));
    fprintf(f, "}%s\n", i + 1 < r->n ? "," : "");
  }
  fprintf(f, "  ],\n  \"roi_prob_positive\": ");
  json_num(f, r->prob_positive);
  fprintf(f, ",\n  \"roi_break_even_effect\": ");
  json_num(f, r->break_even);
  fprintf(f, ",\n  \"matching\": ");
  json_str(f, r->matching);
  fprintf(f, "\n}\n");
}

static void print_markdown(const report *r, FILE *f) {
  fprintf(f, "# Pillbox pilot study report\n\nlibfgroi %s, data `%s`: %zu participants, %zu dose records. "
             "Intervals are %.0f%%; adjusted p-values are Holm across the tested metrics.\n\n",
          fgroi_version(), r->data_dir, r->participants, r->doses, 100 * r->conf_level);
  fprintf(f, "| metric | estimate | interval | p | p (adjusted) | verdict |\n| --- | --- | --- | --- | --- | --- |\n");
  for (int i = 0; i < r->n; i++) {
    const metric *m = &r->m[i];
    char e[32], lo[32], hi[32], p[16], pa[16], vb[256];
    fmt_num(e, sizeof e, m->estimate * m->scale);
    fmt_num(lo, sizeof lo, m->lower * m->scale);
    fmt_num(hi, sizeof hi, m->upper * m->scale);
    fmt_p(p, sizeof p, m->p_value);
    fmt_p(pa, sizeof pa, m->p_adjusted);
    fprintf(f, "| %s | %s %s | %s to %s | %s | %s | %s |\n", m->name, e, m->unit, lo, hi, p, pa, verdict(m, vb, sizeof vb));
  }
  fprintf(f, "\nP(ROI > 0) = %.2f; break-even compliance effect %.1f points.\n\n%s\n", r->prob_positive,
          100 * r->break_even, r->matching);
  fprintf(f, "\n## Methods\n\n");
  for (int i = 0; i < r->n; i++)
    fprintf(f, "- **%s**: interval `%s`%s%s%s. %s\n", r->m[i].name, r->m[i].method,
            *r->m[i].test ? ", test `" : "", r->m[i].test, *r->m[i].test ? "`" : "", r->m[i].note);
}

/* ---- analysis ---------------------------------------------------------------- */

static void set_interval(metric *m, const fgroi_interval *ci) {
  m->estimate = ci->estimate;
  m->lower = ci->lower;
  m->upper = ci->upper;
  m->method = fgroi_method_name(ci->method);
}

static int rate_metric(report *r, const char *name, int64_t x, int64_t n, const char *note) {
  metric *m = add_metric(r, name, "%", 100.0);
  fgroi_interval ci = FGROI_INIT(fgroi_interval);
  if (check(fgroi_prop_ci(x, n, FGROI_METHOD_WILSON, r->conf_level, FGROI_TWO_SIDED, &ci), name)) return 1;
  set_interval(m, &ci);
  m->note = note;
  return 0;
}

/* The adherence gap: device-logged minus self-reported, per dose and
 * clustered by participant; the raw event streams through the matcher. */
static int adherence(const pilot_data *d, report *r) {
  size_t n = d->n_doses;
  int64_t *id = malloc(n * sizeof *id);
  uint8_t *self = malloc(n), *dev = malloc(n);
  fgroi_paired_cluster *cl = malloc(d->n_participants * sizeof *cl);
  int bad = !id || !self || !dev || !cl;
  for (size_t i = 0; !bad && i < n; i++) {
    id[i] = d->doses[i].p;
    self[i] = d->doses[i].self;
    dev[i] = d->doses[i].device;
  }
  fgroi_paired_tally t = FGROI_INIT(fgroi_paired_tally);
  size_t k = 0;
  if (!bad) bad |= check(fgroi_paired_tally_init(&t), "tally");
  if (!bad) bad |= check(fgroi_paired_tally_add(&t, self, dev, n), "tally");
  if (!bad) bad |= check(fgroi_paired_clusters_from_records(id, self, dev, n, cl, d->n_participants, &k), "clusters");
  if (!bad) {
    int64_t total = t.both + t.device_only + t.self_only + t.neither;
    bad |= rate_metric(r, "self-reported adherence (app check-ins)", t.both + t.self_only, total,
                       "device arm, pooled over doses");
    bad |= rate_metric(r, "device-logged adherence (pillbox opens)", t.both + t.device_only, total,
                       "device arm, pooled over doses");

    /* the honest analysis: doses are nested in participants */
    metric *m = add_metric(r, "adherence gap: device - self-report", "pts", 100.0);
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test ct = FGROI_INIT(fgroi_test), sf = FGROI_INIT(fgroi_test);
    bad |= check(fgroi_paired_cluster_gap(cl, k, r->conf_level, FGROI_TWO_SIDED, &ci, &ct), "cluster gap");
    bad |= check(fgroi_paired_sign_flip(cl, k, FGROI_TWO_SIDED, 100000, d->seed, &sf), "sign flip");
    set_interval(m, &ci);
    m->p_value = sf.p_value;
    m->tested = 1;
    m->test = "exact sign-flip permutation over participants";
    m->claim = "app check-ins under-report what the pillbox logs";
    m->note = "cluster-robust t interval on (participants - 1) df; doses nested in participants";

    /* the naive per-dose analysis, shown for contrast, not adjusted */
    metric *nv = add_metric(r, "  (naive per-dose analysis, overstated)", "pts", 100.0);
    fgroi_interval nci = FGROI_INIT(fgroi_interval);
    fgroi_test mc = FGROI_INIT(fgroi_test);
    bad |= check(fgroi_paired_gap_ci(t.both, t.device_only, t.self_only, t.neither, FGROI_METHOD_TANGO,
                                     r->conf_level, FGROI_TWO_SIDED, &nci), "gap ci");
    bad |= check(fgroi_paired_mcnemar(t.both, t.device_only, t.self_only, t.neither,
                                      FGROI_METHOD_MCNEMAR_MID_P, FGROI_TWO_SIDED, &mc), "mcnemar");
    set_interval(nv, &nci);
    nv->p_value = mc.p_value;
    nv->test = "McNemar mid-p treating every dose as independent";
    nv->claim = "app check-ins under-report what the pillbox logs";
    nv->note = "ignores clustering: its interval is too narrow and its p-value too small";
  }
  free(id); free(self); free(dev); free(cl);
  if (bad) return 1;

  /* raw event streams: the matcher assigns opens and check-ins to doses */
  size_t nd = 0, no = 0, nc = 0;
  for (size_t i = 0; i < d->n_events; i++) {
    nd += d->events[i].kind == EV_DOSE;
    no += d->events[i].kind == EV_DEVICE_OPEN;
    nc += d->events[i].kind == EV_APP_CHECKIN;
  }
  if (nd == 0) return 0;
  int64_t *dp = malloc(nd * sizeof *dp), *dt = malloc(nd * sizeof *dt), *op = malloc((no + 1) * sizeof *op),
          *ot = malloc((no + 1) * sizeof *ot), *cp = malloc((nc + 1) * sizeof *cp), *ctm = malloc((nc + 1) * sizeof *ctm);
  fgroi_match_record *rec = malloc(nd * sizeof *rec);
  if (!dp || !dt || !op || !ot || !cp || !ctm || !rec) bad = 1;
  size_t a = 0, b = 0, c = 0;
  for (size_t i = 0; !bad && i < d->n_events; i++) {
    const event_row *e = &d->events[i];
    int64_t tm = (int64_t)llround(e->time);
    if (e->kind == EV_DOSE) { dp[a] = e->p; dt[a++] = tm; }
    else if (e->kind == EV_DEVICE_OPEN) { op[b] = e->p; ot[b++] = tm; }
    else { cp[c] = e->p; ctm[c++] = tm; }
  }
  fgroi_match_options mo = FGROI_INIT(fgroi_match_options);
  fgroi_match_summary ms = FGROI_INIT(fgroi_match_summary);
  if (!bad) bad |= check(fgroi_match_options_default(&mo), "match options");
  mo.device_before = mo.self_before = 30;   /* 30 minutes before the scheduled time */
  mo.device_after = mo.self_after = 180;    /* to 3 hours after */
  if (!bad) bad |= check(fgroi_match_doses(dp, dt, nd, op, ot, no, cp, ctm, nc, &mo, rec, nd, &ms), "matcher");
  if (!bad) {
    /* compare the matched records with doses.csv for the same doses */
    size_t agree = 0, compared = 0;
    for (size_t i = 0; i < nd; i++)
      for (size_t j = 0; j < d->n_doses; j++)
        if (d->doses[j].p == rec[i].participant && (int64_t)llround(d->doses[j].scheduled) == rec[i].dose_time) {
          compared++;
          agree += d->doses[j].device == rec[i].device && d->doses[j].self == rec[i].self;
          break;
        }
    snprintf(r->matching, sizeof r->matching,
             "Raw event streams (%lld doses of %lld participants): %lld of %lld device opens and %lld of %lld "
             "check-ins matched a dose; %lld opens were second opens of an already matched dose and %lld fell "
             "outside every window (counted, not dropped). Matched records agree with doses.csv on %zu of %zu doses.",
             (long long)ms.doses, (long long)ms.participants, (long long)ms.device_matched,
             (long long)ms.device_events, (long long)ms.self_matched, (long long)ms.self_events,
             (long long)ms.device_duplicate, (long long)ms.device_outside, agree, compared);
  }
  free(dp); free(dt); free(op); free(ot); free(cp); free(ctm); free(rec);
  return bad;
}

/* NPS before and after, same respondents: the paired change. */
static int nps(const pilot_data *d, report *r) {
  size_t np = d->n_participants;
  int32_t *pre = malloc(np * sizeof *pre), *post = malloc(np * sizeof *post);
  if (!pre || !post) { free(pre); free(post); return 1; }
  for (size_t i = 0; i < np; i++) pre[i] = post[i] = -1;
  for (size_t i = 0; i < d->n_nps; i++) (d->nps[i].wave == WAVE_PRE ? pre : post)[d->nps[i].p] = d->nps[i].score;
  int64_t table[9], missing = 0, cnt[2][3] = { { 0 } };
  size_t badi = 0;
  int bad = check(fgroi_nps_paired_table_i32(pre, post, np, -1, table, &missing, &badi), "NPS table");
  for (int i = 0; !bad && i < 3; i++)
    for (int j = 0; j < 3; j++) { cnt[0][i] += table[3 * i + j]; cnt[1][j] += table[3 * i + j]; }
  const char *names[2] = { "NPS before the rollout", "NPS after the rollout" };
  for (int w = 0; !bad && w < 2; w++) {
    metric *m = add_metric(r, names[w], "", 1.0);
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    bad |= check(fgroi_nps_ci(cnt[w][0], cnt[w][1], cnt[w][2], FGROI_METHOD_SCORE, r->conf_level,
                              FGROI_TWO_SIDED, NULL, &ci), names[w]);
    set_interval(m, &ci);
    m->note = "score interval (Tango), all respondents";
  }
  if (!bad) {
    metric *m = add_metric(r, "NPS change (same respondents)", "pts", 1.0);
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    bad |= check(fgroi_nps_paired_ci(table, FGROI_METHOD_SCORE, r->conf_level, FGROI_TWO_SIDED, &ci), "NPS change");
    bad |= check(fgroi_nps_paired_test(table, FGROI_METHOD_SIGN_FLIP, FGROI_TWO_SIDED, &t), "NPS test");
    set_interval(m, &ci);
    m->p_value = t.p_value;
    m->tested = 1;
    m->test = "exact sign-flip on per-person category changes";
    m->claim = "NPS rose after the rollout";
    m->note = "paired: uses the within-person correlation";
    fgroi_interval ind = FGROI_INIT(fgroi_interval);
    if (!bad && fgroi_nps_diff_ci(cnt[0][0], cnt[0][1], cnt[0][2], cnt[1][0], cnt[1][1], cnt[1][2],
                                  FGROI_METHOD_NEWCOMBE, r->conf_level, FGROI_TWO_SIDED, NULL, &ind) == FGROI_OK) {
      metric *w = add_metric(r, "  (same data as independent waves, wrong)", "pts", 1.0);
      set_interval(w, &ind);
      w->note = "ignores that the respondents are the same people: wider interval";
    }
  }
  free(pre); free(post);
  return bad;
}

/* Device arm vs control: task success (< 5 min), time to task with
 * censoring, and the acceptance target. */
static int device_vs_control(const pilot_data *d, report *r) {
  int64_t fast[2] = { 0, 0 }, total[2] = { 0, 0 };
  size_t nt = d->n_tasks, cnt[2] = { 0, 0 };
  double *tm[2] = { malloc((nt + 1) * sizeof(double)), malloc((nt + 1) * sizeof(double)) };
  uint8_t *ev[2] = { malloc(nt + 1), malloc(nt + 1) };
  int bad = !tm[0] || !tm[1] || !ev[0] || !ev[1];
  for (size_t i = 0; !bad && i < nt; i++) {
    int arm = d->participants[d->tasks[i].p].arm;
    total[arm]++;
    fast[arm] += d->tasks[i].completed && d->tasks[i].minutes < 5.0;
    tm[arm][cnt[arm]] = d->tasks[i].minutes;
    ev[arm][cnt[arm]++] = (uint8_t)d->tasks[i].completed;
  }
  if (!bad && total[ARM_DEVICE] > 0 && total[ARM_CONTROL] > 0) {
    bad |= rate_metric(r, "setup task < 5 min, device arm", fast[ARM_DEVICE], total[ARM_DEVICE], "");
    bad |= rate_metric(r, "setup task < 5 min, control arm", fast[ARM_CONTROL], total[ARM_CONTROL], "");
    metric *m = add_metric(r, "setup task < 5 min: device - control", "pts", 100.0);
    fgroi_interval ci = FGROI_INIT(fgroi_interval);
    fgroi_test t = FGROI_INIT(fgroi_test);
    fgroi_exact2x2_options eo = fgroi_exact2x2_options_default();
    bad |= check(fgroi_exact2x2_diff_ci(fast[ARM_DEVICE], total[ARM_DEVICE], fast[ARM_CONTROL], total[ARM_CONTROL],
                                        FGROI_METHOD_CHAN_ZHANG, r->conf_level, FGROI_TWO_SIDED, &eo, &ci), "exact ci");
    bad |= check(fgroi_exact2x2_test(fast[ARM_DEVICE], total[ARM_DEVICE], fast[ARM_CONTROL], total[ARM_CONTROL],
                                     FGROI_METHOD_BOSCHLOO, FGROI_TWO_SIDED, &eo, &t, NULL), "boschloo");
    set_interval(m, &ci);
    m->p_value = t.p_value;
    m->tested = 1;
    m->test = "Boschloo exact unconditional";
    m->claim = "the device arm finishes setup in < 5 min more often";
    m->note = "exact unconditional interval (Chan-Zhang)";

    /* acceptance target: is the device arm's rate above 85%? */
    metric *g = add_metric(r, "device arm above the 85% target?", "%", 100.0);
    fgroi_test gt = FGROI_INIT(fgroi_test);
    fgroi_interval gb = FGROI_INIT(fgroi_interval);
    bad |= check(fgroi_prepost_target(fast[ARM_DEVICE], total[ARM_DEVICE], 0.85, FGROI_METHOD_EXACT,
                                      r->conf_level, FGROI_GREATER, &gt, &gb), "target");
    set_interval(g, &gb);
    g->p_value = gt.p_value;
    g->tested = 1;
    g->test = "exact binomial, H1: rate > 85%";
    g->claim = "the device arm meets the 85% acceptance target";
    g->note = "one-sided lower confidence bound";

    /* time to task with censoring: Kaplan-Meier medians and the log-rank test */
    const char *mn[2] = { "median setup time, control arm", "median setup time, device arm" };
    for (int arm = 1; arm >= 0 && !bad; arm--) {
      metric *md = add_metric(r, mn[arm], "min", 1.0);
      fgroi_interval mi = FGROI_INIT(fgroi_interval);
      bad |= check(fgroi_surv_median(tm[arm], ev[arm], cnt[arm], FGROI_SURV_CONF_LOG, r->conf_level, &mi), mn[arm]);
      set_interval(md, &mi);
      md->note = "Kaplan-Meier; participants who gave up are censored";
    }
    if (!bad) {
      metric *lr = add_metric(r, "time to set up: device vs control", "min", 1.0);
      fgroi_test lt = FGROI_INIT(fgroi_test);
      bad |= check(fgroi_surv_logrank(tm[ARM_DEVICE], ev[ARM_DEVICE], cnt[ARM_DEVICE], tm[ARM_CONTROL],
                                      ev[ARM_CONTROL], cnt[ARM_CONTROL], 0.0, &lt, NULL), "log-rank");
      lr->estimate = r->m[r->n - 3].estimate - r->m[r->n - 2].estimate; /* device - control medians */
      lr->lower = lr->upper = NAN;
      lr->p_value = lt.p_value;
      lr->tested = 1;
      lr->method = "difference of medians";
      lr->test = "log-rank";
      lr->claim = "device users finish setup faster";
    }
  }
  free(tm[0]); free(tm[1]); free(ev[0]); free(ev[1]);
  return bad;
}

/* Protocol steps: difference in differences of the share of steps
 * completed, same participants before and after, both arms. */
static int protocol(const pilot_data *d, report *r, fgroi_interval *did_out) {
  size_t np = d->n_participants;
  double *pre = malloc(np * sizeof *pre), *post = malloc(np * sizeof *post);
  double *v[4];
  size_t nv[2] = { 0, 0 };
  for (int i = 0; i < 4; i++) v[i] = malloc((np + 1) * sizeof(double));
  int bad = !pre || !post || !v[0] || !v[1] || !v[2] || !v[3];
  for (size_t i = 0; !bad && i < np; i++) pre[i] = post[i] = NAN;
  for (size_t i = 0; !bad && i < d->n_protocol; i++) {
    const protocol_row *p = &d->protocol[i];
    (p->period == WAVE_PRE ? pre : post)[p->p] = (double)p->steps / (double)p->total;
  }
  for (size_t i = 0; !bad && i < np; i++) {
    if (isnan(pre[i]) || isnan(post[i])) continue;
    int arm = d->participants[i].arm; /* v[0], v[1]: device pre, post; v[2], v[3]: control */
    int base = arm == ARM_DEVICE ? 0 : 2;
    v[base][nv[arm]] = pre[i];
    v[base + 1][nv[arm]++] = post[i];
  }
  if (!bad) {
    metric *m = add_metric(r, "protocol steps completed: DiD", "pts", 100.0);
    fgroi_test t = FGROI_INIT(fgroi_test);
    bad |= check(fgroi_prepost_mean_did(v[0], nv[ARM_DEVICE], v[1], nv[ARM_DEVICE], v[2], nv[ARM_CONTROL], v[3],
                                        nv[ARM_CONTROL], FGROI_DESIGN_PAIRED, r->conf_level, FGROI_TWO_SIDED,
                                        did_out, &t), "DiD");
    set_interval(m, did_out);
    m->p_value = t.p_value;
    m->tested = 1;
    m->test = "Welch t on per-participant changes";
    m->claim = "the device improved protocol compliance beyond the control arm's change";
    m->note = "(device post - pre) - (control post - pre), share of steps";
  }
  free(pre); free(post);
  for (int i = 0; i < 4; i++) free(v[i]);
  return bad;
}

/* ROI of the study from the protocol-compliance effect. */
static int roi(const pilot_data *d, report *r, const fgroi_interval *effect) {
  fgroi_roi_input e = FGROI_INIT(fgroi_roi_input), vol = FGROI_INIT(fgroi_roi_input),
                  val = FGROI_INIT(fgroi_roi_input), cost = FGROI_INIT(fgroi_roi_input);
  fgroi_interval ri = FGROI_INIT(fgroi_interval), nv = FGROI_INIT(fgroi_interval);
  fgroi_roi_summary sum = FGROI_INIT(fgroi_roi_summary);
  int bad = check(fgroi_roi_input_from_interval(effect, &e), "ROI effect");
  vol.dist = FGROI_ROI_FIXED; vol.a = d->volume;
  val.dist = FGROI_ROI_UNIFORM; val.a = d->value_low; val.b = d->value_high;
  cost.dist = FGROI_ROI_FIXED; cost.a = d->study_cost;
  if (!bad) bad |= check(fgroi_roi_monte_carlo(&e, &vol, &val, &cost, 200000, r->conf_level, d->seed, &ri, &nv, &sum), "ROI");
  if (bad) return 1;
  metric *m = add_metric(r, "ROI of the study", "%", 100.0);
  set_interval(m, &ri);
  m->note = "Monte Carlo: compliance effect x volume x value per unit (a range), minus cost";
  metric *n = add_metric(r, "net value of the study", "USD", 1.0);
  set_interval(n, &nv);
  r->prob_positive = sum.prob_positive;
  r->break_even = sum.break_even_effect;
  return 0;
}

/* Holm across the tested metrics (one family: the study's claims). */
static int adjust(report *r) {
  double p[MAX_METRICS], adj[MAX_METRICS];
  int idx[MAX_METRICS], k = 0;
  for (int i = 0; i < r->n; i++)
    if (r->m[i].tested) { idx[k] = i; p[k++] = r->m[i].p_value; }
  if (k == 0) return 0;
  if (check(fgroi_multiplicity_adjust(p, (size_t)k, FGROI_METHOD_HOLM, adj), "Holm")) return 1;
  for (int j = 0; j < k; j++) r->m[idx[j]].p_adjusted = adj[j];
  return 0;
}

static int analyse(const pilot_data *d, report *r) {
  fgroi_interval did = FGROI_INIT(fgroi_interval);
  int bad = adherence(d, r);
  bad |= nps(d, r);
  bad |= device_vs_control(d, r);
  bad |= protocol(d, r, &did);
  if (!bad) bad |= roi(d, r, &did);
  if (!bad) bad |= adjust(r);
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
