/* report_html_demo: test scaffolding for the HTML renderer (issue #20) until
 * fgroi-report fills the model itself.
 *
 *     report_html_demo REPORT.json DATA_DIR OUT.html
 *
 * The claims (every metric: estimate, interval, p-values, verdict, and the
 * ROI summary) are read from the JSON that `fgroi-report --json` wrote for
 * DATA_DIR, so the page shows exactly the report's numbers. What the JSON
 * does not carry, the per-figure data, is computed here from the study's CSV
 * files with libfgroi's public API: per-participant adherence
 * (fgroi_paired_clusters_from_records), NPS category counts, Kaplan-Meier
 * curves (fgroi_surv_km) and the ROI Monte Carlo's quantiles
 * (fgroi_roi_monte_carlo with the report's inputs, seed and draws, once per
 * quantile pair: the same draws every time). The demo checks that its ROI
 * interval equals the report's before it writes anything.
 *
 * The CSV reading here is deliberately simple (comma-separated, no quoted
 * fields, as the bundled study): it is scaffolding, not the report's reader.
 * Exit status: 0 written, 1 error (message on stderr). Memory is released
 * at exit (a one-shot driver). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fgroi/fgroi.h>

#include "report_html.h"

#define MAX_ROWS 100000
#define MAX_COLS 16
#define MAX_JSON (16u << 20)
#define MAX_DEPTH 32
#define N_QUANTILES 100

static void die(const char *fmt, const char *a) {
  fprintf(stderr, "report_html_demo: ");
  fprintf(stderr, fmt, a ? a : "");
  fputc('\n', stderr);
  exit(1);
}

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) die("out of memory%s", "");
  return p;
}

static char *read_file(const char *path, size_t limit, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "report_html_demo: %s: %s\n", path, strerror(errno)); exit(1); }
  if (fseek(f, 0, SEEK_END) != 0) die("%s: cannot seek", path);
  long size = ftell(f);
  if (size < 0 || (unsigned long)size > limit) die("%s: too large (or unreadable) for the demo", path);
  rewind(f);
  char *buf = xcalloc((size_t)size + 1, 1);
  size_t n = fread(buf, 1, (size_t)size, f);
  fclose(f);
  if (n != (size_t)size) die("%s: cannot read", path);
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

/* ---- a minimal JSON reader (objects, arrays, strings, numbers, literals) ---- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;
typedef struct jval {
  jtype t;
  double num;
  char *str;
  struct jval *items; /* array elements or object values */
  char **keys;        /* object keys */
  size_t n;
} jval;

typedef struct { const char *s; size_t pos; } jparser;

static void jws(jparser *p) { while (p->s[p->pos] && isspace((unsigned char)p->s[p->pos])) p->pos++; }

static void put_utf8(char *out, size_t *o, unsigned long cp) {
  if (cp < 0x80) out[(*o)++] = (char)cp;
  else if (cp < 0x800) { out[(*o)++] = (char)(0xC0 | (cp >> 6)); out[(*o)++] = (char)(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out[(*o)++] = (char)(0xE0 | (cp >> 12)); out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[(*o)++] = (char)(0x80 | (cp & 0x3F));
  } else {
    out[(*o)++] = (char)(0xF0 | (cp >> 18)); out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[(*o)++] = (char)(0x80 | (cp & 0x3F));
  }
}

static unsigned long hex4(jparser *p) {
  unsigned long v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p->s[p->pos++];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= (unsigned long)(c - '0');
    else if (c >= 'a' && c <= 'f') v |= (unsigned long)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= (unsigned long)(c - 'A' + 10);
    else die("JSON: bad \\u escape%s", "");
  }
  return v;
}

static char *jstring(jparser *p) {
  if (p->s[p->pos] != '"') die("JSON: string expected%s", "");
  p->pos++;
  size_t start = p->pos, cap = 0;
  while (p->s[start + cap] && p->s[start + cap] != '"') cap += p->s[start + cap] == '\\' ? 2 : 1;
  char *out = xcalloc(cap * 2 + 8, 1);
  size_t o = 0;
  for (;;) {
    char c = p->s[p->pos++];
    if (c == '\0') die("JSON: unterminated string%s", "");
    if (c == '"') break;
    if (c != '\\') { out[o++] = c; continue; }
    c = p->s[p->pos++];
    switch (c) {
      case '"': case '\\': case '/': out[o++] = c; break;
      case 'b': out[o++] = '\b'; break;
      case 'f': out[o++] = '\f'; break;
      case 'n': out[o++] = '\n'; break;
      case 'r': out[o++] = '\r'; break;
      case 't': out[o++] = '\t'; break;
      case 'u': {
        unsigned long cp = hex4(p);
        if (cp >= 0xD800 && cp < 0xDC00 && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
          p->pos += 2;
          unsigned long lo = hex4(p);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        put_utf8(out, &o, cp);
        break;
      }
      default: die("JSON: bad escape%s", "");
    }
  }
  out[o] = '\0';
  return out;
}

static void jparse(jparser *p, jval *v, int depth) {
  if (depth > MAX_DEPTH) die("JSON: nested too deeply%s", "");
  jws(p);
  memset(v, 0, sizeof *v);
  char c = p->s[p->pos];
  if (c == '{' || c == '[') {
    int obj = c == '{';
    v->t = obj ? J_OBJ : J_ARR;
    p->pos++;
    size_t cap = 8;
    v->items = xcalloc(cap, sizeof *v->items);
    if (obj) v->keys = xcalloc(cap, sizeof *v->keys);
    jws(p);
    if (p->s[p->pos] == (obj ? '}' : ']')) { p->pos++; return; }
    for (;;) {
      if (v->n == cap) {
        cap *= 2;
        v->items = realloc(v->items, cap * sizeof *v->items);
        if (obj) v->keys = realloc(v->keys, cap * sizeof *v->keys);
        if (!v->items || (obj && !v->keys)) die("out of memory%s", "");
      }
      if (obj) {
        jws(p);
        v->keys[v->n] = jstring(p);
        jws(p);
        if (p->s[p->pos++] != ':') die("JSON: ':' expected%s", "");
      }
      jparse(p, &v->items[v->n++], depth + 1);
      jws(p);
      char d = p->s[p->pos++];
      if (d == ',') continue;
      if (d == (obj ? '}' : ']')) return;
      die("JSON: ',' or end expected%s", "");
    }
  }
  if (c == '"') { v->t = J_STR; v->str = jstring(p); return; }
  if (!strncmp(p->s + p->pos, "null", 4)) { v->t = J_NULL; p->pos += 4; return; }
  if (!strncmp(p->s + p->pos, "true", 4)) { v->t = J_BOOL; v->num = 1; p->pos += 4; return; }
  if (!strncmp(p->s + p->pos, "false", 5)) { v->t = J_BOOL; p->pos += 5; return; }
  char *end;
  errno = 0;
  v->num = strtod(p->s + p->pos, &end);
  if (end == p->s + p->pos || errno == ERANGE || !isfinite(v->num)) die("JSON: value expected%s", "");
  v->t = J_NUM;
  p->pos = (size_t)(end - p->s);
}

static const jval *jget(const jval *o, const char *key) {
  if (!o || o->t != J_OBJ) return NULL;
  for (size_t i = 0; i < o->n; i++)
    if (!strcmp(o->keys[i], key)) return &o->items[i];
  return NULL;
}

static double jnum(const jval *o, const char *key) {
  const jval *v = jget(o, key);
  return v && v->t == J_NUM ? v->num : NAN;
}

static const char *jstr(const jval *o, const char *key) {
  const jval *v = jget(o, key);
  return v && v->t == J_STR ? v->str : NULL;
}

/* ---- the study's CSV files (simple: no quoted fields) ------------------------- */

typedef struct {
  char *buf;
  char **cell; /* rows x cols, row-major */
  size_t rows, cols;
  char *header[MAX_COLS];
  char path[4096];
} table;

/* The next line (without its newline), or NULL at the end. */
static char *next_line(char **cursor) {
  char *s = *cursor;
  if (!s || !*s) return NULL;
  char *nl = strchr(s, '\n');
  if (nl) { *nl = '\0'; *cursor = nl + 1; }
  else *cursor = NULL;
  return s;
}

static void load_table(table *t, const char *dir, const char *name) {
  memset(t, 0, sizeof *t);
  snprintf(t->path, sizeof t->path, "%s/%s", dir, name);
  t->buf = read_file(t->path, 64u << 20, NULL);
  size_t lines = 1;
  for (char *s = t->buf; *s; s++) lines += *s == '\n';
  if (lines > MAX_ROWS + 1) die("%s: too many rows for the demo", t->path);
  char *next = t->buf, *line = next_line(&next);
  if (!line) die("%s: empty", t->path);
  for (char *p = line; *p; p++) if (*p == '\r') *p = '\0';
  for (char *f = line; f && t->cols < MAX_COLS;) {
    char *comma = strchr(f, ',');
    if (comma) *comma = '\0';
    t->header[t->cols++] = f;
    f = comma ? comma + 1 : NULL;
  }
  t->cell = xcalloc(lines * t->cols, sizeof *t->cell);
  while ((line = next_line(&next))) {
    for (char *p = line; *p; p++) if (*p == '\r') *p = '\0';
    if (!*line) continue;
    size_t c = 0;
    for (char *f = line; f && c < t->cols;) {
      char *comma = strchr(f, ',');
      if (comma) *comma = '\0';
      t->cell[t->rows * t->cols + c++] = f;
      f = comma ? comma + 1 : NULL;
    }
    if (c != t->cols) die("%s: short row", t->path);
    t->rows++;
  }
}

static size_t col(const table *t, const char *name) {
  for (size_t c = 0; c < t->cols; c++)
    if (!strcmp(t->header[c], name)) return c;
  die("missing column %s", name);
  return 0;
}

static const char *at(const table *t, size_t r, size_t c) { return t->cell[r * t->cols + c]; }

static double num_at(const table *t, size_t r, size_t c) {
  char *end;
  double v = strtod(at(t, r, c), &end);
  if (*end || !isfinite(v)) die("%s: bad number", t->path);
  return v;
}

static double study_value(const table *study, const char *key) {
  size_t k = col(study, "key"), v = col(study, "value");
  for (size_t r = 0; r < study->rows; r++)
    if (!strcmp(at(study, r, k), key)) return num_at(study, r, v);
  die("study.csv: missing key %s", key);
  return NAN;
}

/* ---- the model --------------------------------------------------------------------- */

typedef struct {
  const char *prefix; /* the report's metric name starts with this (leading spaces ignored) */
  const char *question;
  double null_value;
  const char *note;
} headline_def;

static const headline_def HEADLINES[] = {
  { "adherence gap", "Adherence gap (device log vs self-report)", 0, "clustered by participant; exact sign-flip test" },
  { "NPS change", "NPS change after the rollout", 0, "same respondents before and after (paired)" },
  { "setup task < 5 min: device - control", "Setup in under 5 minutes: device vs control", 0, "difference in the share finishing within 5 minutes" },
  { "device arm above the 85% target", "Device arm meets the 85% target", 0.85, "one-sided: is the rate above 85%?" },
  { "time to set up", "Time to set up: device vs control", 0,
    "difference of the arms' median setup times (device \xe2\x88\x92 control); log-rank test" },
  { "protocol steps completed: DiD", "Protocol compliance: device vs control change", 0, "difference in differences of the share of protocol steps completed" },
  { "ROI of the study", "Return on investment", 0, NULL /* filled from the JSON below */ },
};

static const report_html_method METHODS[] = {
  { "Wilson score interval (rates)", "Wilson EB (1927). Probable inference, the law of succession, and statistical "
    "inference. JASA 22:209-212.", "Keeps its coverage near the nominal level for small samples and rates near 0 or "
    "100%, where the textbook Wald interval fails (Brown, Cai & DasGupta 2001)." },
  { "Cluster-robust gap interval and exact sign-flip test (adherence gap)", "Sandwich variance with the CR1 factor on "
    "k - 1 df; Fisher RA (1935) The Design of Experiments; Good PI (2005) Permutation, Parametric and Bootstrap Tests "
    "of Hypotheses.", "Doses are nested in participants: a person's 28 doses are one piece of evidence, not 28. The "
    "sign-flip test over participants is exact for up to 30 people (docs/methods/paired.md)." },
  { "Tango score interval and McNemar mid-p (naive per-dose gap, for contrast)", "Tango T (1998). Stat Med 17:891-908; "
    "Fagerland MW, Lydersen S, Laake P (2013). BMC Med Res Methodol 13:91.", "Shown only to make the point that treating "
    "doses as independent overstates certainty." },
  { "NPS score interval and paired sign-flip test (NPS change)", "Rocks B (2016). Interval estimation for the \"net "
    "promoter score\". The American Statistician 70:365-372; Tango T (1998).", "The same people answered both waves: "
    "the paired interval uses their within-person correlation and is narrower than treating the waves as independent "
    "(Newcombe 1998)." },
  { "Boschloo exact unconditional test and Chan-Zhang interval (device vs control)", "Boschloo RD (1970). Statistica "
    "Neerlandica 24:1-35; Chan ISF, Zhang Z (1999). Biometrics 55:1202-1209.", "Twelve people per arm: exact "
    "unconditional methods keep the error rate without the conservatism of Fisher's conditional test." },
  { "Exact binomial test and Clopper-Pearson bound (85% target)", "Clopper CJ, Pearson ES (1934). Biometrika "
    "26:404-413.", "A one-sided question (is the rate above the target?) on a small arm: the exact test never "
    "overstates the evidence." },
  { "Kaplan-Meier curves, Brookmeyer-Crowley median interval, log-rank test (time to set up)", "Kaplan EL, Meier P "
    "(1958). JASA 53:457-481; Brookmeyer R, Crowley J (1982). Biometrics 38:29-41; Mantel N (1966). Cancer Chemother "
    "Rep 50:163-170.", "People who gave up have no finishing time; censoring counts them for as long as they tried "
    "instead of dropping them or pretending they finished." },
  { "Difference in differences with Welch t (protocol compliance)", "Welch BL (1947). Biometrika 34:28-35.", "Each "
    "participant's own before/after change removes stable differences between people; the control arm's change "
    "removes what would have happened anyway." },
  { "Holm adjustment (all tested claims)", "Holm S (1979). A simple sequentially rejective multiple test procedure. "
    "Scandinavian Journal of Statistics 6:65-70.", "Several claims are tested at once; Holm controls the chance of any "
    "false claim without assumptions about their dependence, and is never less powerful than Bonferroni." },
  { "Monte Carlo ROI (probabilistic sensitivity analysis)", "Briggs A, Claxton K, Sculpher M (2006). Decision "
    "Modelling for Health Economic Evaluation. Oxford University Press.", "The effect and the value per unit are "
    "uncertain; drawing them together gives the probability that the study pays off rather than one optimistic "
    "number." },
};

static const char *trim_lead(const char *s) {
  while (*s == ' ') s++;
  return s;
}

static const jval *find_metric(const jval *metrics, const char *prefix) {
  for (size_t i = 0; metrics && i < metrics->n; i++) {
    const char *name = jstr(&metrics->items[i], "name");
    if (name && !strncmp(trim_lead(name), prefix, strlen(prefix))) return &metrics->items[i];
  }
  return NULL;
}

/* A metric's status: computed unless the JSON says otherwise (the rewritten
 * report's "status" / "error" / "skipped" fields, read if present). */
static report_html_status metric_status(const jval *o, const char **reason) {
  const char *st = jstr(o, "status");
  const jval *err = jget(o, "error");
  const char *skipped = jstr(o, "skipped");
  *reason = NULL;
  if (skipped) { *reason = skipped; return REPORT_HTML_SKIPPED; }
  if (st && !strncmp(st, "skipped", 7)) { *reason = jstr(o, "reason") ? jstr(o, "reason") : st; return REPORT_HTML_SKIPPED; }
  if (err && err->t != J_NULL) {
    *reason = err->t == J_STR ? err->str : jstr(err, "message") ? jstr(err, "message") : "computation failed";
    return REPORT_HTML_NOT_COMPUTED;
  }
  if (st && strcmp(st, "computed") && strcmp(st, "ok")) { *reason = jstr(o, "reason") ? jstr(o, "reason") : st; return REPORT_HTML_NOT_COMPUTED; }
  return REPORT_HTML_COMPUTED;
}

static size_t participant_index(const table *pt, size_t idc, const char *id) {
  for (size_t r = 0; r < pt->rows; r++)
    if (!strcmp(at(pt, r, idc), id)) return r;
  die("participant %s is not in participants.csv", id);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: report_html_demo REPORT.json DATA_DIR OUT.html\n");
    return 2;
  }
  const char *json_path = argv[1], *dir = argv[2], *out_path = argv[3];
  jparser jp = { read_file(json_path, MAX_JSON, NULL), 0 };
  jval root;
  jparse(&jp, &root, 0);
  if (root.t != J_OBJ) die("%s: not a JSON object", json_path);
  const jval *metrics = jget(&root, "metrics");
  if (!metrics || metrics->t != J_ARR) die("%s: no metrics array", json_path);
  if (metrics->n > REPORT_HTML_MAX_CLAIMS) die("%s: too many metrics", json_path);
  double conf = jnum(&root, "conf_level");
  if (!(conf > 0 && conf < 1)) die("%s: no conf_level", json_path);

  report_html_model m;
  memset(&m, 0, sizeof m);
  m.title = "Pillbox pilot: did it work?";
  static char subtitle[8192];
  snprintf(subtitle, sizeof subtitle, "Budget review of the connected-pillbox pilot. Data: %s; libfgroi %s.",
           jstr(&root, "data_dir") ? jstr(&root, "data_dir") : dir,
           jstr(&root, "library_version") ? jstr(&root, "library_version") : fgroi_version());
  m.subtitle = subtitle;
  m.conf_level = conf;
  m.participants = (int64_t)jnum(&root, "participants");
  m.notes = jstr(&root, "matching");

  /* claims, in the report's order */
  report_html_claim *claims = xcalloc(metrics->n, sizeof *claims);
  size_t tested = 0;
  for (size_t i = 0; i < metrics->n; i++) {
    const jval *o = &metrics->items[i];
    report_html_claim *c = &claims[i];
    c->name = jstr(o, "name");
    c->unit = jstr(o, "unit");
    c->scale = jnum(o, "scale");
    if (!c->name || !isfinite(c->scale)) die("%s: a metric without name or scale", json_path);
    c->estimate = jnum(o, "estimate");
    c->lower = jnum(o, "lower");
    c->upper = jnum(o, "upper");
    c->p_value = jnum(o, "p_value");
    c->p_adjusted = jnum(o, "p_adjusted");
    c->method = jstr(o, "method");
    c->test = jstr(o, "test");
    c->verdict = jstr(o, "verdict");
    c->status = metric_status(o, &c->reason);
    tested += !isnan(c->p_adjusted);
    for (size_t k = 0; k < sizeof HEADLINES / sizeof HEADLINES[0]; k++)
      if (!strncmp(trim_lead(c->name), HEADLINES[k].prefix, strlen(HEADLINES[k].prefix)) && c->name[0] != ' ') {
        c->headline = 1;
        c->question = HEADLINES[k].question;
        c->null_value = HEADLINES[k].null_value;
        c->note = HEADLINES[k].note;
      }
    if (!strncmp(c->name, "ROI of the study", 16) && isfinite(jnum(&root, "roi_prob_positive"))) {
      static char roi_note[160];
      snprintf(roi_note, sizeof roi_note, "P(ROI > 0) = %.2f; breaks even at a %.1f-point effect",
               jnum(&root, "roi_prob_positive"), 100 * jnum(&root, "roi_break_even_effect"));
      c->note = roi_note;
    }
  }
  m.claims = claims;
  m.n_claims = metrics->n;
  static char mult[256];
  snprintf(mult, sizeof mult, "Adjusted p-values: Holm across the %zu tested claims.", tested);
  m.multiplicity = mult;

  /* the CSV files */
  table pt, doses, nps, task, study, protocol, events;
  load_table(&pt, dir, "participants.csv");
  load_table(&doses, dir, "doses.csv");
  load_table(&nps, dir, "nps.csv");
  load_table(&task, dir, "task.csv");
  load_table(&study, dir, "study.csv");
  load_table(&protocol, dir, "protocol.csv");
  load_table(&events, dir, "events.csv");
  const table *files[] = { &pt, &doses, &events, &nps, &task, &protocol, &study };
  report_html_input inputs[7];
  for (size_t i = 0; i < 7; i++) {
    const char *slash = strrchr(files[i]->path, '/');
    inputs[i].file = slash ? slash + 1 : files[i]->path;
    inputs[i].read = (int64_t)files[i]->rows;
    inputs[i].used = (int64_t)files[i]->rows; /* the current report rejects a study with any bad row */
    inputs[i].aside = NULL;
    inputs[i].n_aside = 0;
  }
  m.inputs = inputs;
  m.n_inputs = 7;
  size_t pid = col(&pt, "participant_id"), parm = col(&pt, "arm"), pseg = col(&pt, "segment");

  /* adherence per participant */
  size_t nd = doses.rows, did = col(&doses, "participant_id"), dself = col(&doses, "self_reported"),
         ddev = col(&doses, "device_logged");
  int64_t *ids = xcalloc(nd, sizeof *ids);
  uint8_t *self = xcalloc(nd, 1), *dev = xcalloc(nd, 1);
  for (size_t r = 0; r < nd; r++) {
    ids[r] = (int64_t)participant_index(&pt, pid, at(&doses, r, did));
    self[r] = (uint8_t)num_at(&doses, r, dself);
    dev[r] = (uint8_t)num_at(&doses, r, ddev);
  }
  fgroi_paired_cluster *cl = xcalloc(pt.rows, sizeof *cl);
  size_t k = 0;
  if (fgroi_paired_clusters_from_records(ids, self, dev, nd, cl, pt.rows, &k) != FGROI_OK) die("clusters failed%s", "");
  report_html_participant *rates = xcalloc(k, sizeof *rates);
  for (size_t i = 0; i < k; i++) {
    int64_t n = cl[i].both + cl[i].device_only + cl[i].self_only + cl[i].neither;
    rates[i].id = at(&pt, (size_t)cl[i].id, pid);
    rates[i].doses = n;
    rates[i].self_rate = (double)(cl[i].both + cl[i].self_only) / (double)n;
    rates[i].device_rate = (double)(cl[i].both + cl[i].device_only) / (double)n;
  }
  m.adherence.rows = rates;
  m.adherence.n = k;
  report_html_interval gaps[2];
  size_t ng = 0;
  const char *gap_names[2][2] = { { "adherence gap", "clustered (honest)" },
                                  { "(naive per-dose", "per dose (naive)" } };
  for (int g = 0; g < 2; g++) {
    const jval *o = find_metric(metrics, gap_names[g][0]);
    const char *why;
    if (!o || metric_status(o, &why) != REPORT_HTML_COMPUTED) continue;
    gaps[ng].label = gap_names[g][1];
    gaps[ng].method = jstr(o, "method");
    gaps[ng].estimate = jnum(o, "estimate");
    gaps[ng].lower = jnum(o, "lower");
    gaps[ng].upper = jnum(o, "upper");
    gaps[ng].p_value = jnum(o, "p_adjusted");
    ng++;
  }
  m.adherence.gap = gaps;
  m.adherence.n_gap = ng;
  m.adherence.unavailable = "no dose records";

  /* NPS: all respondents, then each segment; before, after */
  size_t nid = col(&nps, "participant_id"), nwave = col(&nps, "wave"), nscore = col(&nps, "score");
  const char *segs[8];
  size_t nseg = 0;
  for (size_t r = 0; r < pt.rows && nseg < 8; r++) {
    int seen = 0;
    for (size_t s = 0; s < nseg; s++) seen |= !strcmp(segs[s], at(&pt, r, pseg));
    if (!seen) segs[nseg++] = at(&pt, r, pseg);
  }
  static char seg_names[8][96];
  report_html_nps_bar bars[2 * 9];
  size_t nb = 0;
  for (size_t g = 0; g <= nseg; g++) {
    if (g > 0) {
      snprintf(seg_names[g - 1], sizeof seg_names[g - 1], "%s", segs[g - 1]);
      for (char *p = seg_names[g - 1]; *p; p++) if (*p == '_') *p = ' ';
    }
    for (int w = 0; w < 2; w++) {
      report_html_nps_bar *b = &bars[nb++];
      memset(b, 0, sizeof *b);
      b->group = g == 0 ? "All respondents" : seg_names[g - 1];
      b->label = w == 0 ? "before" : "after";
      for (size_t r = 0; r < nps.rows; r++) {
        if (strcmp(at(&nps, r, nwave), w == 0 ? "pre" : "post")) continue;
        size_t p = participant_index(&pt, pid, at(&nps, r, nid));
        if (g > 0 && strcmp(at(&pt, p, pseg), segs[g - 1])) continue;
        double s = num_at(&nps, r, nscore);
        if (s <= 6) b->detractors++;
        else if (s <= 8) b->passives++;
        else b->promoters++;
      }
    }
  }
  m.nps.bars = bars;
  m.nps.n = nb;
  {
    uint8_t *wave_seen = xcalloc(pt.rows, 1);
    for (size_t r = 0; r < nps.rows; r++)
      wave_seen[participant_index(&pt, pid, at(&nps, r, nid))] |= !strcmp(at(&nps, r, nwave), "pre") ? 1 : 2;
    for (size_t p = 0; p < pt.rows; p++) {
      m.nps.respondents += wave_seen[p] != 0;
      m.nps.paired += wave_seen[p] == 3;
    }
    free(wave_seen);
  }
  const jval *chg = find_metric(metrics, "NPS change");
  const char *why = NULL;
  m.nps.change.estimate = m.nps.change.lower = m.nps.change.upper = m.nps.change.p_value = NAN;
  if (chg && metric_status(chg, &why) == REPORT_HTML_COMPUTED) {
    m.nps.change.estimate = jnum(chg, "estimate");
    m.nps.change.lower = jnum(chg, "lower");
    m.nps.change.upper = jnum(chg, "upper");
    m.nps.change.p_value = jnum(chg, "p_adjusted");
  }
  m.nps.unavailable = "no NPS answers";

  /* Kaplan-Meier per arm (device first) */
  size_t tid = col(&task, "participant_id"), tmin = col(&task, "minutes"), tdone = col(&task, "completed");
  static const char *arm_names[2] = { "device", "control" };
  static const char *arm_labels[2] = { "Device arm", "Control arm" };
  report_html_km_curve curves[2];
  double *cz_t[2], *cz_s[2];
  size_t nc = 0;
  for (int a = 0; a < 2; a++) {
    double *tm = xcalloc(task.rows, sizeof *tm);
    uint8_t *ev = xcalloc(task.rows, 1);
    size_t n = 0;
    for (size_t r = 0; r < task.rows; r++) {
      size_t p = participant_index(&pt, pid, at(&task, r, tid));
      if (strcmp(at(&pt, p, parm), arm_names[a])) continue;
      tm[n] = num_at(&task, r, tmin);
      ev[n++] = (uint8_t)num_at(&task, r, tdone);
    }
    if (n == 0) { free(tm); free(ev); continue; }
    size_t rows = 0;
    fgroi_surv_km(tm, ev, n, FGROI_SURV_CONF_LOG, conf, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &rows);
    double *t = xcalloc(rows, sizeof *t), *s = xcalloc(rows, sizeof *s);
    int64_t *nev = xcalloc(rows, sizeof *nev), *ncen = xcalloc(rows, sizeof *ncen);
    if (fgroi_surv_km(tm, ev, n, FGROI_SURV_CONF_LOG, conf, rows, t, NULL, nev, ncen, s, NULL, NULL, NULL, &rows) != FGROI_OK)
      die("Kaplan-Meier failed%s", "");
    cz_t[nc] = xcalloc(n, sizeof(double));
    cz_s[nc] = xcalloc(n, sizeof(double));
    size_t ncz = 0;
    int64_t events_total = 0;
    for (size_t i = 0; i < rows; i++) {
      events_total += nev[i];
      for (int64_t j = 0; j < ncen[i]; j++) { cz_t[nc][ncz] = t[i]; cz_s[nc][ncz++] = s[i]; }
    }
    report_html_km_curve *cv = &curves[nc];
    memset(cv, 0, sizeof *cv);
    cv->label = arm_labels[a];
    cv->time = t;
    cv->surv = s;
    cv->n = rows;
    cv->censor_time = cz_t[nc];
    cv->censor_surv = cz_s[nc];
    cv->n_censor = ncz;
    cv->subjects = (int64_t)n;
    cv->events = events_total;
    char mname[64];
    snprintf(mname, sizeof mname, "median setup time, %s arm", arm_names[a]);
    const jval *md = find_metric(metrics, mname);
    cv->median = md ? jnum(md, "estimate") : NAN;
    nc++;
    free(tm); free(ev); free(nev); free(ncen);
  }
  m.km.curves = curves;
  m.km.n = nc;
  m.km.threshold = 5.0;
  m.km.time_unit = "min";
  const jval *lr = find_metric(metrics, "time to set up");
  m.km.logrank_p = lr ? jnum(lr, "p_value") : NAN;
  m.km.unavailable = "no task data";

  /* ROI: the report's Monte Carlo, read at equally spaced quantiles */
  const jval *didm = find_metric(metrics, "protocol steps completed: DiD");
  const jval *roim = find_metric(metrics, "ROI of the study");
  double quant[N_QUANTILES];
  const char *w1, *w2;
  if (didm && roim && metric_status(didm, &w1) == REPORT_HTML_COMPUTED && metric_status(roim, &w2) == REPORT_HTML_COMPUTED) {
    fgroi_interval effect = FGROI_INIT(fgroi_interval);
    effect.estimate = jnum(didm, "estimate");
    effect.lower = jnum(didm, "lower");
    effect.upper = jnum(didm, "upper");
    effect.conf_level = conf;
    effect.alternative = FGROI_TWO_SIDED;
    effect.method = FGROI_METHOD_DID;
    fgroi_roi_input e = FGROI_INIT(fgroi_roi_input), vol = FGROI_INIT(fgroi_roi_input),
                    val = FGROI_INIT(fgroi_roi_input), cost = FGROI_INIT(fgroi_roi_input);
    if (fgroi_roi_input_from_interval(&effect, &e) != FGROI_OK) die("ROI effect input failed%s", "");
    vol.dist = FGROI_ROI_FIXED; vol.a = study_value(&study, "volume");
    val.dist = FGROI_ROI_UNIFORM; val.a = study_value(&study, "value_per_unit_low"); val.b = study_value(&study, "value_per_unit_high");
    cost.dist = FGROI_ROI_FIXED; cost.a = study_value(&study, "study_cost");
    double seedv = study_value(&study, "seed");
    if (!(seedv >= 0 && seedv < 9007199254740992.0)) die("study.csv: bad seed%s", "");
    uint64_t seed = (uint64_t)seedv;
    const int64_t draws = 200000; /* as the report */
    fgroi_interval ri = FGROI_INIT(fgroi_interval);
    fgroi_roi_summary sum = FGROI_INIT(fgroi_roi_summary);
    for (size_t q = 0; q < N_QUANTILES / 2; q++) {
      double p = ((double)q + 0.5) / N_QUANTILES; /* lower tail probability */
      if (fgroi_roi_monte_carlo(&e, &vol, &val, &cost, 1 - 2 * p, draws, seed, &ri, NULL, &sum) != FGROI_OK)
        die("ROI Monte Carlo failed%s", "");
      quant[q] = ri.lower;
      quant[N_QUANTILES - 1 - q] = ri.upper;
    }
    if (fgroi_roi_monte_carlo(&e, &vol, &val, &cost, conf, draws, seed, &ri, NULL, &sum) != FGROI_OK)
      die("ROI Monte Carlo failed%s", "");
    /* the same draws as the report, or nothing */
    if (ri.lower != jnum(roim, "lower") || ri.upper != jnum(roim, "upper") ||
        sum.prob_positive != jnum(&root, "roi_prob_positive"))
      die("the ROI draws differ from the report's (inputs changed?): not writing a figure of other numbers%s", "");
    m.roi.quantiles = quant;
    m.roi.n = N_QUANTILES;
    m.roi.draws = draws;
    m.roi.estimate = jnum(roim, "estimate");
    m.roi.lower = jnum(roim, "lower");
    m.roi.upper = jnum(roim, "upper");
    m.roi.prob_positive = jnum(&root, "roi_prob_positive");
    m.roi.break_even_effect = jnum(&root, "roi_break_even_effect");
    m.roi.effect = effect.estimate;
    m.roi.effect_label = "the device arm's gain in protocol steps completed, beyond the control arm's";
  }
  m.roi.unavailable = "the ROI was not computed";

  m.methods = METHODS;
  m.n_methods = sizeof METHODS / sizeof METHODS[0];

  FILE *out = fopen(out_path, "w");
  if (!out) die("cannot write %s", out_path);
  int st = report_html_write(&m, out);
  if (fclose(out) != 0 && st == REPORT_HTML_OK) st = REPORT_HTML_E_IO;
  if (st != REPORT_HTML_OK) {
    remove(out_path);
    fprintf(stderr, "report_html_demo: writing the page failed (%d)\n", st);
    return 1;
  }
  return 0;
}
