/* The HTML renderer's contract on models the bundled study never produces
 * (issue #20), TAP output: bad models are refused before a byte is written;
 * a study with no figure data renders every section with the reason instead
 * of a chart; numbers of not-computed claims never reach the page; the SVG
 * helper's ticks and escaping. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_html.h"
#include "svg.h"

static int n_tests, n_failed;

static void ok(int cond, const char *name) {
  n_tests++;
  if (!cond) n_failed++;
  printf("%s %d - %s\n", cond ? "ok" : "not ok", n_tests, name);
}

/* Render m into a string (caller frees); *st receives the status. */
static char *render(const report_html_model *m, int *st, long *len) {
  FILE *f = tmpfile();
  if (!f) { perror("tmpfile"); exit(1); }
  *st = report_html_write(m, f);
  *len = ftell(f);
  rewind(f);
  char *buf = calloc((size_t)*len + 1, 1);
  if (!buf || fread(buf, 1, (size_t)*len, f) != (size_t)*len) { perror("read"); exit(1); }
  fclose(f);
  return buf;
}

static report_html_model base_model(report_html_claim *claims, size_t n) {
  report_html_model m;
  memset(&m, 0, sizeof m);
  m.title = "T";
  m.subtitle = "S";
  m.conf_level = 0.95;
  m.claims = claims;
  m.n_claims = n;
  m.multiplicity = "Holm.";
  m.adherence.unavailable = "no doses.csv in this study";
  m.nps.unavailable = "no nps.csv in this study";
  m.km.unavailable = "no task.csv in this study";
  m.roi.unavailable = "the ROI was skipped: no control arm";
  return m;
}

static int count(const char *hay, const char *needle) {
  int k = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) k++;
  return k;
}

int main(void) {
  report_html_claim c[3];
  memset(c, 0, sizeof c);
  c[0].name = "rate";
  c[0].unit = "%";
  c[0].scale = 100;
  c[0].estimate = 0.123456;
  c[0].lower = 0.1;
  c[0].upper = 0.2;
  c[0].p_value = c[0].p_adjusted = NAN;
  c[0].verdict = "estimate only";
  c[0].headline = 1;
  c[1].name = "DiD <&>";
  c[1].unit = "pts";
  c[1].scale = 100;
  c[1].estimate = 9.87654; /* must not appear: not computed */
  c[1].status = REPORT_HTML_NOT_COMPUTED;
  c[1].reason = "FGROI_E_EMPTY: no control arm";
  c[1].headline = 1;
  c[2].name = "log-rank";
  c[2].scale = 1;
  c[2].estimate = 5.4321; /* must not appear: skipped */
  c[2].status = REPORT_HTML_SKIPPED;
  c[2].reason = "no task.csv";

  int st;
  long len;
  report_html_model m = base_model(c, 3);
  char *page = render(&m, &st, &len);
  ok(st == REPORT_HTML_OK, "a study without figure data renders");
  ok(count(page, "data-unavailable=\"1\"") == 4 && strstr(page, "no doses.csv in this study") &&
     strstr(page, "the ROI was skipped: no control arm"),
     "each absent figure says why instead of drawing an empty chart");
  ok(!strstr(page, "987.7") && !strstr(page, "9.87654") && !strstr(page, "543.2") && !strstr(page, "5.4321"),
     "numbers of not-computed and skipped claims never reach the page");
  ok(strstr(page, "not computed: FGROI_E_EMPTY: no control arm") && strstr(page, "skipped: no task.csv") &&
     strstr(page, "data-not-computed=\"2\""), "their reasons are listed in the summary");
  ok(strstr(page, "DiD &lt;&amp;&gt;") && !strstr(page, "DiD <&>"), "claim names are escaped");
  ok(strstr(page, "12.3%") && strstr(page, "data-estimate=\"0.123456\""), "a computed claim shows its value and exact attribute");
  ok(!strstr(page, "nan") && !strstr(page, "NaN"), "no NaN is printed anywhere");
  free(page);

  /* refused before writing */
  report_html_model bad = base_model(c, 3);
  bad.claims = NULL;
  page = render(&bad, &st, &len);
  ok(st == REPORT_HTML_E_NULL && len == 0, "NULL claims with a count: E_NULL, nothing written");
  free(page);
  bad = base_model(c, REPORT_HTML_MAX_CLAIMS + 1);
  page = render(&bad, &st, &len);
  ok(st == REPORT_HTML_E_LIMIT && len == 0, "too many claims: E_LIMIT, nothing written");
  free(page);
  report_html_participant p = { "P1", NAN, 0.5, 0 };
  bad = base_model(c, 3);
  bad.adherence.rows = &p;
  bad.adherence.n = 1;
  page = render(&bad, &st, &len);
  ok(st == REPORT_HTML_E_VALUE && len == 0, "a NaN rate: E_VALUE, nothing written");
  free(page);
  double q[3] = { 0.1, -0.2, 0.3 };
  bad = base_model(c, 3);
  bad.roi.quantiles = q;
  bad.roi.n = 3;
  page = render(&bad, &st, &len);
  ok(st == REPORT_HTML_E_VALUE && len == 0, "unsorted ROI quantiles: E_VALUE, nothing written");
  free(page);
  report_html_claim nan_claim = c[0];
  nan_claim.estimate = NAN;
  bad = base_model(&nan_claim, 1);
  page = render(&bad, &st, &len);
  ok(st == REPORT_HTML_E_VALUE && len == 0, "a computed claim without an estimate: E_VALUE, nothing written");
  free(page);
  ok(report_html_write(NULL, stdout) == REPORT_HTML_E_NULL, "NULL model: E_NULL");

  /* the SVG helper */
  double t[SVG_MAX_TICKS], step;
  size_t n = svg_ticks(0, 100, 6, t, SVG_MAX_TICKS, &step);
  ok(n == 6 && step == 20 && t[0] == 0 && t[5] == 100, "ticks of [0, 100]: 0, 20, ..., 100");
  n = svg_ticks(-20, 40, 6, t, SVG_MAX_TICKS, &step);
  ok(n == 4 && step == 20 && t[0] == -20 && t[1] == 0 && t[3] == 40, "ticks of [-20, 40]: -20, 0, 20, 40");
  n = svg_ticks(0, 1e9, 1000, t, SVG_MAX_TICKS, &step);
  ok(n > 0 && n <= SVG_MAX_TICKS, "an absurd tick target stays within SVG_MAX_TICKS");
  ok(svg_ticks(NAN, 1, 5, t, SVG_MAX_TICKS, &step) == 0 && svg_ticks(2, 1, 5, t, SVG_MAX_TICKS, &step) == 0,
     "no ticks for NaN or empty ranges");
  double lo = -99.4, hi = 272.8;
  svg_nice_domain(&lo, &hi, 8);
  ok(lo == -100 && hi == 300, "nice domain of [-99.4, 272.8] is [-100, 300]");
  ok(svg_decimals(2.5) == 1 && svg_decimals(20) == 0 && svg_decimals(0.05) == 2, "decimals follow the step");

  printf("1..%d\n", n_tests);
  return n_failed ? 1 : 0;
}
