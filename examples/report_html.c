/* The report as one self-contained HTML page: see report_html.h. */
#include "report_html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "svg.h"

/* Okabe & Ito (2008) colour-blind-safe palette. */
#define C_BLUE "#0072B2"
#define C_ORANGE "#E69F00"
#define C_VERMILLION "#D55E00"
#define C_GREEN "#009E73"
#define C_SKY "#56B4E9"
#define C_GREY "#BBBBBB"
#define C_INK "#1d1d1f"

#define C_DEVICE C_BLUE
#define C_SELF C_ORANGE
#define C_CONTROL C_ORANGE

static void h(FILE *f, const char *s) { svg_escape(f, s); }

static const char *nz(const char *s) { return s ? s : ""; }

/* ---- numbers ------------------------------------------------------------- */

/* An exact value for a data attribute; NaN and infinities are "null", as in
 * the JSON report. */
static void attr_num(FILE *f, const char *name, double v) {
  if (isfinite(v)) fprintf(f, " %s=\"%.17g\"", name, v);
  else fprintf(f, " %s=\"null\"", name);
}

/* A display number: one decimal below 1000, none above, thousands grouped. */
static void fmt_value(char *buf, size_t len, double v) {
  if (isnan(v)) { snprintf(buf, len, "n/a"); return; }
  if (isinf(v)) { snprintf(buf, len, v > 0 ? "\xe2\x88\x9e" : "\xe2\x88\x92\xe2\x88\x9e"); return; }
  char raw[40];
  double a = fabs(v);
  if (a >= 1000) snprintf(raw, sizeof raw, "%.0f", a);
  else snprintf(raw, sizeof raw, "%.1f", a);
  int zero = strspn(raw, "0.") == strlen(raw);
  char grouped[56];
  size_t o = 0, digits = strcspn(raw, ".");
  for (size_t i = 0; raw[i] && o + 2 < sizeof grouped; i++) {
    grouped[o++] = raw[i];
    size_t left = digits - i - 1;
    if (i < digits && left > 0 && left % 3 == 0 && digits > 4) grouped[o++] = ',';
  }
  grouped[o] = '\0';
  snprintf(buf, len, "%s%s", v < 0 && !zero ? "\xe2\x88\x92" : "", grouped);
}

static void put_value(FILE *f, double v, double scale) {
  char b[96];
  fmt_value(b, sizeof b, v * scale);
  fputs(b, f);
}

static void put_p(FILE *f, double p) {
  if (isnan(p)) fputs("\xe2\x80\x94", f);
  else if (p < 0.001) fputs("&lt;0.001", f);
  else fprintf(f, "%.3f", p);
}

static void put_unit(FILE *f, const char *unit) {
  if (!unit || !*unit) return;
  if (strcmp(unit, "%") != 0) fputc(' ', f);
  h(f, unit);
}

static void put_estimate(FILE *f, const report_html_claim *c) {
  if (isnan(c->estimate)) { fputs("\xe2\x80\x94", f); return; } /* a test without an estimate */
  put_value(f, c->estimate, c->scale);
  put_unit(f, c->unit);
}

static void put_interval(FILE *f, const report_html_claim *c) {
  if (isnan(c->lower) && isnan(c->upper)) { fputs("no interval", f); return; }
  if (isnan(c->lower)) fputs("\xe2\x80\x94", f);
  else put_value(f, c->lower, c->scale);
  fputs(" to ", f);
  if (isnan(c->upper)) fputs("\xe2\x80\x94", f);
  else put_value(f, c->upper, c->scale);
}

/* ---- verdict classes ------------------------------------------------------ */

static const char *verdict_class(const report_html_claim *c) {
  if (c->status == REPORT_HTML_NOT_COMPUTED) return "v-na";
  if (c->status == REPORT_HTML_SKIPPED) return "v-skip";
  double p = c->p_adjusted;
  if (isnan(p)) return "v-est";
  if (p < 0.01) return "v-strong";
  if (p < 0.05) return "v-evidence";
  if (p < 0.10) return "v-weak";
  return "v-none";
}

static const char *verdict_word(const report_html_claim *c) {
  const char *k = verdict_class(c);
  if (!strcmp(k, "v-strong")) return "Strong evidence";
  if (!strcmp(k, "v-evidence")) return "Evidence";
  if (!strcmp(k, "v-weak")) return "Suggestive only";
  if (!strcmp(k, "v-none")) return "Not shown";
  if (!strcmp(k, "v-na")) return "Not computed";
  if (!strcmp(k, "v-skip")) return "Skipped";
  return "Estimate";
}

static int significant(const report_html_claim *c) {
  return c->status == REPORT_HTML_COMPUTED && !isnan(c->p_adjusted) && c->p_adjusted < 0.05;
}

/* ---- page frame ------------------------------------------------------------ */

static const char CSS[] =
  ":root{--ink:" C_INK ";--muted:#5b5f66;--rule:#dcdfe3;--soft:#f5f6f8}\n"
  "*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
  "html{background:#fff}\n"
  "body{margin:0;color:var(--ink);font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
  "\"Liberation Sans\",\"Helvetica Neue\",Arial,sans-serif;font-variant-numeric:tabular-nums}\n"
  "main{max-width:1000px;margin:0 auto;padding:36px 32px 48px}\n"
  "header h1{font-size:30px;line-height:1.2;margin:0 0 6px;letter-spacing:-.01em}\n"
  ".subtitle{color:var(--muted);margin:0}\n"
  "section{margin-top:44px;padding-top:22px;border-top:1px solid var(--rule)}\n"
  "h2{font-size:21px;margin:0 0 4px}\n"
  "h3{font-size:15px;margin:22px 0 6px}\n"
  ".lede{color:var(--muted);margin:0 0 14px;max-width:75ch}\n"
  ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:12px;margin:16px 0}\n"
  ".card{border:1px solid var(--rule);border-left:7px solid " C_GREY ";border-radius:6px;padding:10px 14px 12px;"
  "break-inside:avoid;background:#fff}\n"
  ".card .q{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0}\n"
  ".card .word{font-size:19px;font-weight:700;margin:2px 0 0}\n"
  ".card .verdict{margin:2px 0 6px}\n"
  ".card .num{margin:0;font-size:14px}\n"
  ".card .num b{font-size:17px}\n"
  ".card .note{margin:4px 0 0;font-size:13px;color:var(--muted)}\n"
  ".card .verdict{color:#3c3f44}\n"
  "td.est-only{color:#8a8f98}\n"
  "#claims td:first-child{width:30%}\n"
  ".v-strong{border-left-color:" C_BLUE "!important}.v-evidence{border-left-color:" C_SKY "!important}"
  ".v-weak{border-left-color:" C_ORANGE "!important}.v-none{border-left-color:" C_GREY "!important}"
  ".v-est{border-left-color:#6b6f76!important}"
  ".v-na,.v-skip{border-left-color:#000!important;border-left-style:dashed!important;background:var(--soft)!important}\n"
  ".badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 7px;border-radius:9px;background:var(--soft);"
  "border:1px solid var(--rule);white-space:nowrap}\n"
  ".status-list{margin:8px 0 0;padding-left:20px}\n"
  ".ok-note{color:var(--muted)}\n"
  "table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}\n"
  "th{font-weight:600;text-align:left;border-bottom:2px solid var(--rule);padding:5px 8px;vertical-align:bottom}\n"
  "td{border-bottom:1px solid #eceef1;padding:5px 8px;vertical-align:top}\n"
  "td.n,th.n{text-align:right;white-space:nowrap}\n"
  "tr.sub td:first-child{padding-left:24px;color:var(--muted)}\n"
  "tr.missing td{background:var(--soft)}\n"
  "figure{margin:18px 0 8px;break-inside:avoid;page-break-inside:avoid}\n"
  "figure svg{display:block;width:100%;height:auto}\n"
  "figcaption{font-size:13px;color:var(--muted);margin-top:6px;max-width:90ch}\n"
  "figcaption b{color:var(--ink)}\n"
  "details{font-size:13px;margin:6px 0 0}\n"
  "summary{cursor:pointer;color:var(--muted)}\n"
  "svg text{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif;"
  "font-size:13px;fill:#2b2d31}\n"
  "svg .axis line{stroke:#8a8f98;stroke-width:1}svg .axis .grid{stroke:#eceef1}svg .axis .base{stroke:#8a8f98}\n"
  "svg .axis text{fill:#5b5f66;font-size:12px}svg .axis-title{fill:#3c3f44!important;font-size:13px!important}\n"
  "svg .small{font-size:12px;fill:#5b5f66}svg .strong{font-weight:700}svg .white{fill:#fff}\n"
  "svg .null{stroke:#3c3f44;stroke-dasharray:4 3;stroke-width:1.2}\n"
  ".methods dt{font-weight:600;margin-top:10px}.methods dd{margin:2px 0 0 0}\n"
  ".methods .cite{color:var(--muted);font-size:13px}\n"
  "footer{margin-top:40px;color:var(--muted);font-size:12px}\n"
  "@page{size:A4;margin:14mm 13mm}\n"
  "#claims th:last-child{width:36%}\n"
  "@media print{body{font-size:10pt}main{max-width:none;padding:0}header h1{font-size:22pt}"
  "section{break-before:page;border-top:none;margin-top:0;padding-top:0}"
  "section.first{break-before:auto;margin-top:18px}details{display:none}"
  ".cards{grid-template-columns:repeat(3,1fr);gap:8px}.card{padding:6px 9px 8px}.card .word{font-size:13pt}"
  ".card .num b{font-size:12pt}.card .num,.card .note{font-size:8.5pt}.card .q{font-size:7.5pt}"
  "table{font-size:8.5pt}#claims td:first-child{width:24%}th,td{padding:3px 6px}"
  "figure,.card,tr,#input-accounting,.methods dd{break-inside:avoid}h2,h3,.methods dt{break-after:avoid}}\n";

static void section_open(FILE *f, const char *id, const char *title, const char *lede, int first) {
  fprintf(f, "<section id=\"%s\"%s aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">", id, first ? " class=\"first\"" : "", id, id);
  h(f, title);
  fputs("</h2>\n", f);
  if (lede) {
    fputs("<p class=\"lede\">", f);
    h(f, lede);
    fputs("</p>\n", f);
  }
}

static void unavailable(FILE *f, const char *fig_id, const char *why) {
  fprintf(f, "<figure id=\"%s\" data-unavailable=\"1\"><p class=\"badge\">figure not available</p><figcaption>", fig_id);
  h(f, why ? why : "no data");
  fputs("</figcaption></figure>\n", f);
}

/* ---- summary ----------------------------------------------------------------- */

static void claim_attrs(FILE *f, const report_html_claim *c) {
  static const char *st[] = { "computed", "not computed", "skipped" };
  fputs(" data-name=\"", f);
  h(f, c->name);
  fprintf(f, "\" data-status=\"%s\"", st[c->status]);
  if (c->status == REPORT_HTML_COMPUTED) {
    attr_num(f, "data-estimate", c->estimate);
    attr_num(f, "data-lower", c->lower);
    attr_num(f, "data-upper", c->upper);
    attr_num(f, "data-p-value", c->p_value);
    attr_num(f, "data-p-adjusted", c->p_adjusted);
  }
}

static void status_text(FILE *f, const report_html_claim *c) {
  fputs(c->status == REPORT_HTML_NOT_COMPUTED ? "not computed: " : "skipped: ", f);
  h(f, c->reason ? c->reason : "no reason given");
}

static void write_cards(FILE *f, const report_html_model *m) {
  fputs("<div class=\"cards\">\n", f);
  for (size_t i = 0; i < m->n_claims; i++) {
    const report_html_claim *c = &m->claims[i];
    if (!c->headline) continue;
    fprintf(f, "<div class=\"card %s\" data-card=\"", verdict_class(c));
    h(f, c->name);
    fputs("\"><p class=\"q\">", f);
    h(f, c->question ? c->question : c->name);
    fprintf(f, "</p><p class=\"word\">%s</p>", verdict_word(c));
    if (c->status != REPORT_HTML_COMPUTED) {
      fputs("<p class=\"verdict\">", f);
      status_text(f, c);
      fputs("</p>", f);
    } else {
      fputs("<p class=\"verdict\">", f);
      h(f, c->verdict);
      fputs("</p><p class=\"num\"><b>", f);
      put_estimate(f, c);
      fputs("</b>", f);
      if (!isnan(c->lower) || !isnan(c->upper)) {
        fprintf(f, " &nbsp;%.0f%% CI ", 100 * m->conf_level);
        put_interval(f, c);
      }
      if (!isnan(c->p_adjusted)) {
        fputs(" &nbsp;\xc2\xb7 adjusted p ", f);
        put_p(f, c->p_adjusted);
      }
      fputs("</p>", f);
      if (c->note && *c->note) {
        fputs("<p class=\"note\">", f);
        h(f, c->note);
        fputs("</p>", f);
      }
    }
    fputs("</div>\n", f);
  }
  fputs("</div>\n", f);
}

static void write_claims_table(FILE *f, const report_html_model *m) {
  fprintf(f, "<table id=\"claims\"><caption class=\"lede\" style=\"text-align:left\">Every metric of the report, "
             "in the order of the study's questions; %.0f%% intervals.</caption>\n"
             "<thead><tr><th scope=\"col\">metric</th><th class=\"n\" scope=\"col\">estimate</th>"
             "<th class=\"n\" scope=\"col\">interval</th><th class=\"n\" scope=\"col\">p</th>"
             "<th class=\"n\" scope=\"col\">adjusted p</th><th scope=\"col\">verdict</th></tr></thead>\n<tbody>\n",
          100 * m->conf_level);
  for (size_t i = 0; i < m->n_claims; i++) {
    const report_html_claim *c = &m->claims[i];
    const char *name = nz(c->name);
    int sub = name[0] == ' ' || name[0] == '('; /* "(naive ...)": shown for contrast */
    while (*name == ' ') name++;
    fprintf(f, "<tr class=\"claim%s%s\"", sub ? " sub" : "", c->status != REPORT_HTML_COMPUTED ? " missing" : "");
    claim_attrs(f, c);
    fputs("><td>", f);
    h(f, name);
    fputs("</td>", f);
    if (c->status != REPORT_HTML_COMPUTED) {
      fputs("<td class=\"n\">\xe2\x80\x94</td><td class=\"n\">\xe2\x80\x94</td><td class=\"n\">\xe2\x80\x94</td>"
            "<td class=\"n\">\xe2\x80\x94</td><td><span class=\"badge\">", f);
      status_text(f, c);
      fputs("</span></td></tr>\n", f);
      continue;
    }
    fputs("<td class=\"n\">", f);
    put_estimate(f, c);
    fputs("</td><td class=\"n\">", f);
    put_interval(f, c);
    fputs("</td><td class=\"n\">", f);
    put_p(f, c->p_value);
    fputs("</td><td class=\"n\">", f);
    put_p(f, c->p_adjusted);
    fprintf(f, "</td><td class=\"verdict%s\">", isnan(c->p_value) && isnan(c->p_adjusted) ? " est-only" : "");
    h(f, c->verdict);
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody></table>\n", f);
}

static void write_status_list(FILE *f, const report_html_model *m) {
  size_t k = 0;
  for (size_t i = 0; i < m->n_claims; i++) k += m->claims[i].status != REPORT_HTML_COMPUTED;
  fputs("<h3 id=\"not-computed\">Not computed or skipped</h3>\n", f);
  if (k == 0) {
    fputs("<p class=\"ok-note\" data-not-computed=\"0\">Every metric of the report was computed.</p>\n", f);
    return;
  }
  fprintf(f, "<ul class=\"status-list\" data-not-computed=\"%zu\">\n", k);
  for (size_t i = 0; i < m->n_claims; i++) {
    const report_html_claim *c = &m->claims[i];
    if (c->status == REPORT_HTML_COMPUTED) continue;
    fputs("<li><b>", f);
    h(f, c->name);
    fputs("</b>: ", f);
    status_text(f, c);
    fputs("</li>\n", f);
  }
  fputs("</ul>\n", f);
}

static void write_inputs(FILE *f, const report_html_model *m) {
  fputs("<h3 id=\"inputs\">Input accounting</h3>\n", f);
  if (m->n_inputs == 0) {
    fputs("<p class=\"ok-note\">The report gave no row counts.</p>\n", f);
    return;
  }
  fputs("<table id=\"input-accounting\"><thead><tr><th scope=\"col\">file</th><th class=\"n\" scope=\"col\">rows read</th>"
        "<th class=\"n\" scope=\"col\">used</th><th class=\"n\" scope=\"col\">set aside</th><th scope=\"col\">why set aside"
        "</th></tr></thead>\n<tbody>\n", f);
  for (size_t i = 0; i < m->n_inputs; i++) {
    const report_html_input *in = &m->inputs[i];
    int64_t aside = 0;
    for (size_t j = 0; j < in->n_aside; j++) aside += in->aside[j].rows;
    fputs("<tr data-file=\"", f);
    h(f, in->file);
    fprintf(f, "\" data-read=\"%lld\" data-used=\"%lld\" data-aside=\"%lld\"><td>", (long long)in->read,
            (long long)in->used, (long long)aside);
    h(f, in->file);
    fprintf(f, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td>", (long long)in->read,
            (long long)in->used, (long long)aside);
    if (in->n_aside == 0) fputs("\xe2\x80\x94", f);
    for (size_t j = 0; j < in->n_aside; j++) {
      fprintf(f, "%s%lld: ", j ? "; " : "", (long long)in->aside[j].rows);
      h(f, in->aside[j].reason);
    }
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody></table>\n", f);
}

/* ---- forest plot ----------------------------------------------------------- */

static void write_forest(FILE *f, const report_html_model *m) {
  size_t k = 0;
  for (size_t i = 0; i < m->n_claims; i++) k += m->claims[i].headline != 0;
  section_open(f, "effects", "All claims at a glance",
               "Each study question on its own scale: the estimate (dot), its interval (line) and the value "
               "that would mean no effect (dashed). A filled dot is significant after the multiplicity "
               "adjustment (adjusted p < 0.05); a hollow dot is not.", 0);
  if (k == 0) { unavailable(f, "fig-forest", "no headline claims in the report"); fputs("</section>\n", f); return; }
  const double W = 900, RX0 = 300, RX1 = 760, PX = 880, TOP = 34, ROW = 66;
  double H = TOP + ROW * (double)k + 44;
  fputs("<figure id=\"fig-forest\">\n", f);
  svg_open(f, "fig-forest-svg", W, H, "Forest plot of the study's claims",
           "One row per claim with its estimate, confidence interval and no-effect line on the claim's own "
           "scale; filled markers are significant after adjustment. The table below the figure lists the numbers.");
  fprintf(f, "<text x=\"0\" y=\"18\" class=\"small strong\">claim</text>"
             "<text x=\"%.0f\" y=\"18\" class=\"small strong\" text-anchor=\"middle\">estimate and %.0f%% interval "
             "(each row on its own scale)</text><text x=\"%.0f\" y=\"18\" class=\"small strong\" text-anchor=\"end\">"
             "adjusted p</text>\n", 0.5 * (RX0 + RX1), 100 * m->conf_level, PX);
  size_t row = 0;
  for (size_t i = 0; i < m->n_claims; i++) {
    const report_html_claim *c = &m->claims[i];
    if (!c->headline) continue;
    double y0 = TOP + ROW * (double)row++, yc = y0 + 24;
    if (row % 2 == 1) fprintf(f, "<rect x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" fill=\"#f7f8fa\"/>", y0, W, ROW);
    fprintf(f, "<g data-forest-row=\"");
    h(f, c->name);
    fprintf(f, "\"><text x=\"8\" y=\"%.1f\" class=\"strong\">", yc - 2);
    h(f, c->question ? c->question : c->name);
    fprintf(f, "</text><text x=\"8\" y=\"%.1f\" class=\"small\">", yc + 16);
    if (c->status != REPORT_HTML_COMPUTED) {
      status_text(f, c);
      fputs("</text></g>\n", f);
      continue;
    }
    if (isnan(c->estimate)) { /* a test without an estimate: nothing to draw */
      fputs("test only, no estimate</text></g>\n", f);
      continue;
    }
    put_estimate(f, c);
    if (!isnan(c->lower) || !isnan(c->upper)) {
      fputs(" (", f);
      put_interval(f, c);
      fputs(")", f);
    } else {
      fputs(" (no interval)", f);
    }
    fputs("</text>", f);
    /* the row's own scale: estimate, finite limits and the null value */
    double vals[4] = { c->estimate, c->lower, c->upper, c->null_value };
    double lo = INFINITY, hi = -INFINITY;
    for (int j = 0; j < 4; j++)
      if (isfinite(vals[j])) { lo = fmin(lo, vals[j] * c->scale); hi = fmax(hi, vals[j] * c->scale); }
    double pad = 0.06 * (hi - lo);
    lo -= pad;
    hi += pad;
    svg_nice_domain(&lo, &hi, 5);
    /* a rate shown in percent stays within 0..100 */
    int rate = c->unit && !strcmp(c->unit, "%") && c->scale == 100;
    for (int j = 0; j < 4 && rate; j++) rate = !isfinite(vals[j]) || (vals[j] >= 0 && vals[j] <= 1);
    if (rate) { lo = fmax(lo, 0); hi = fmin(hi, 100); }
    svg_scale s = { lo, hi, RX0, RX1 };
    double ticks[SVG_MAX_TICKS], step;
    size_t nt = svg_ticks(lo, hi, 6, ticks, SVG_MAX_TICKS, &step);
    int dec = svg_decimals(step);
    double ya = yc + 14;
    fprintf(f, "<g class=\"axis\"><line class=\"base\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", RX0, ya, RX1, ya);
    for (size_t t = 0; t < nt; t++) {
      double x = svg_map(&s, ticks[t]);
      fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
              x, ya, x, ya + 3, x, ya + 15);
      svg_number(f, ticks[t], dec);
      fputs("</text>", f);
    }
    if (c->unit && *c->unit) {
      fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">", RX1 + 24, ya + 15);
      h(f, c->unit);
      fputs("</text>", f);
    }
    fputs("</g>", f);
    if (isfinite(c->null_value)) {
      double xn = svg_map(&s, c->null_value * c->scale);
      fprintf(f, "<line class=\"null\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", xn, y0 + 6, xn, ya);
    }
    const char *col = significant(c) ? C_BLUE : "#3c3f44";
    if (!isnan(c->lower) || !isnan(c->upper)) {
      double l = isfinite(c->lower) ? c->lower * c->scale : (c->lower < 0 || isnan(c->lower) ? lo : hi);
      double u = isfinite(c->upper) ? c->upper * c->scale : (c->upper > 0 || isnan(c->upper) ? hi : lo);
      fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\" stroke-linecap=\"round\"/>",
              svg_map(&s, l), yc, svg_map(&s, u), yc, col);
    }
    double xe = svg_map(&s, c->estimate * c->scale);
    fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6.5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2.2\"/>", xe, yc,
            significant(c) ? col : "#fff", col);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" class=\"%s\">", PX, yc + 5, significant(c) ? "strong" : "");
    put_p(f, c->p_adjusted);
    fputs("</text></g>\n", f);
  }
  /* legend */
  double ly = H - 16;
  fprintf(f, "<g class=\"small\"><circle cx=\"14\" cy=\"%.1f\" r=\"6\" fill=\"" C_BLUE "\"/>"
             "<text x=\"26\" y=\"%.1f\" class=\"small\">significant after adjustment</text>"
             "<circle cx=\"222\" cy=\"%.1f\" r=\"6\" fill=\"#fff\" stroke=\"#3c3f44\" stroke-width=\"2\"/>"
             "<text x=\"234\" y=\"%.1f\" class=\"small\">not significant</text>"
             "<line class=\"null\" x1=\"350\" y1=\"%.1f\" x2=\"350\" y2=\"%.1f\"/>"
             "<text x=\"360\" y=\"%.1f\" class=\"small\">no effect (or the target)</text></g>\n",
          ly, ly + 4, ly, ly + 4, ly - 8, ly + 8, ly + 4);
  svg_close(f);
  fputs("<figcaption>", f);
  h(f, m->multiplicity);
  fputs(" Units differ by row (percentage points, NPS points, minutes, percent), so rows are not compared "
        "with each other, only with their own no-effect line.</figcaption>\n</figure>\n</section>\n", f);
}

/* ---- adherence: paired dots ------------------------------------------------- */

static int cmp_gap(const void *a, const void *b) {
  const report_html_participant *x = *(const report_html_participant *const *)a;
  const report_html_participant *y = *(const report_html_participant *const *)b;
  double gx = x->device_rate - x->self_rate, gy = y->device_rate - y->self_rate;
  return (gx < gy) - (gx > gy);
}

static void write_adherence(FILE *f, const report_html_model *m) {
  const report_html_adherence *a = &m->adherence;
  section_open(f, "adherence", "Adherence: what people report vs what the pillbox logs",
               "Each participant's share of scheduled doses checked in on the app (self-report) and logged by "
               "the pillbox (device), joined by a line; below, the gap with two intervals: clustered by "
               "participant (the honest one) and per dose as if every dose were independent (too narrow).", 0);
  if (a->n == 0) { unavailable(f, "fig-adherence", a->unavailable); fputs("</section>\n", f); return; }
  const report_html_participant **ord = malloc(a->n * sizeof *ord);
  if (!ord) { unavailable(f, "fig-adherence", "out of memory"); fputs("</section>\n", f); return; }
  for (size_t i = 0; i < a->n; i++) ord[i] = &a->rows[i];
  qsort(ord, a->n, sizeof *ord, cmp_gap);
  const double W = 900, LX = 210, RX = 860, TOP = 40, RH = 22;
  double panel_h = RH * (double)a->n;
  double gap_top = TOP + panel_h + 90, gap_h = 34.0 * (double)(a->n_gap ? a->n_gap : 0);
  double H = gap_top + gap_h + (a->n_gap ? 60 : 0) + 8;
  double sself = 0, sdev = 0;
  for (size_t i = 0; i < a->n; i++) { sself += a->rows[i].self_rate; sdev += a->rows[i].device_rate; }
  fputs("<figure id=\"fig-adherence\">\n", f);
  char desc[512];
  snprintf(desc, sizeof desc, "Paired dots for %zu participants: self-reported and device-logged adherence. "
                              "Mean self-reported %.0f%%, mean device-logged %.0f%%.",
           a->n, 100 * sself / (double)a->n, 100 * sdev / (double)a->n);
  svg_open(f, "fig-adherence-svg", W, H, "Adherence per participant, self-report vs device log", desc);
  /* legend */
  fprintf(f, "<circle cx=\"%.0f\" cy=\"14\" r=\"6\" fill=\"" C_SELF "\"/><text x=\"%.0f\" y=\"18\">self-reported (app check-ins)</text>"
             "<circle cx=\"%.0f\" cy=\"14\" r=\"6\" fill=\"" C_DEVICE "\"/><text x=\"%.0f\" y=\"18\">device-logged (pillbox opens)</text>\n",
          LX + 6, LX + 16, LX + 250, LX + 260);
  svg_scale s = { 0, 100, LX, RX };
  double ticks[SVG_MAX_TICKS], step;
  size_t nt = svg_ticks(0, 100, 6, ticks, SVG_MAX_TICKS, &step);
  svg_axis_x(f, &s, TOP + panel_h + 6, ticks, nt, 0, "%", TOP - 6, "share of scheduled doses taken, per participant");
  for (size_t i = 0; i < a->n; i++) {
    const report_html_participant *p = ord[i];
    double y = TOP + RH * (double)i + RH / 2;
    double xs = svg_map(&s, 100 * p->self_rate), xd = svg_map(&s, 100 * p->device_rate);
    fprintf(f, "<g data-participant=\"");
    h(f, p->id);
    fprintf(f, "\"><text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" class=\"small\">", LX - 12, y + 4);
    h(f, p->id);
    fprintf(f, "</text><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9aa0a6\" stroke-width=\"2.5\"/>"
               "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"" C_SELF "\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"" C_DEVICE "\"/></g>\n",
            xs, y, xd, y, xs, y, xd, y);
  }
  if (a->n_gap) {
    double lo = 0, hi = 0;
    for (size_t j = 0; j < a->n_gap; j++) {
      if (isfinite(a->gap[j].lower)) lo = fmin(lo, 100 * a->gap[j].lower);
      if (isfinite(a->gap[j].upper)) hi = fmax(hi, 100 * a->gap[j].upper);
    }
    lo -= 0.05 * (hi - lo);
    svg_nice_domain(&lo, &hi, 6);
    svg_scale g = { lo, hi, LX, 700 };
    nt = svg_ticks(lo, hi, 7, ticks, SVG_MAX_TICKS, &step);
    fprintf(f, "<text x=\"0\" y=\"%.1f\" class=\"strong\">The gap, device log \xe2\x88\x92 self-report, with %.0f%% intervals</text>\n",
            gap_top - 14, 100 * m->conf_level);
    svg_axis_x(f, &g, gap_top + gap_h, ticks, nt, svg_decimals(step), "", gap_top - 4, "percentage points");
    double x0 = svg_map(&g, 0);
    fprintf(f, "<line class=\"null\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x0, gap_top - 4, x0, gap_top + gap_h);
    for (size_t j = 0; j < a->n_gap; j++) {
      const report_html_interval *iv = &a->gap[j];
      double y = gap_top + 34.0 * (double)j + 15;
      const char *col = j == 0 ? C_INK : "#8a8f98";
      fprintf(f, "<g data-gap=\"");
      h(f, iv->label);
      fputs("\"", f);
      attr_num(f, "data-estimate", iv->estimate);
      attr_num(f, "data-lower", iv->lower);
      attr_num(f, "data-upper", iv->upper);
      fprintf(f, "><text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" class=\"small\">", LX - 12, y + 4);
      h(f, iv->label);
      fprintf(f, "</text><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>"
                 "<rect x=\"%.1f\" y=\"%.1f\" width=\"11\" height=\"11\" fill=\"%s\" transform=\"rotate(45 %.1f %.1f)\"/>",
              svg_map(&g, 100 * iv->lower), y, svg_map(&g, 100 * iv->upper), y, col,
              svg_map(&g, 100 * iv->estimate) - 5.5, y - 5.5, col, svg_map(&g, 100 * iv->estimate), y);
      fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"small\">", svg_map(&g, 100 * iv->upper) + 8, y + 4);
      put_value(f, iv->estimate, 100);
      fputs(" (", f);
      put_value(f, iv->lower, 100);
      fputs(" to ", f);
      put_value(f, iv->upper, 100);
      fputs(")</text></g>\n", f);
    }
  }
  svg_close(f);
  fprintf(f, "<figcaption>Sorted by each participant's gap, largest first. Mean self-reported adherence <b>%.0f%%</b>, "
             "mean device-logged <b>%.0f%%</b> (%zu participants, unweighted means).", 100 * sself / (double)a->n,
          100 * sdev / (double)a->n, a->n);
  for (size_t j = 0; j < a->n_gap; j++) {
    fputs(" ", f);
    h(f, a->gap[j].label);
    fputs(": ", f);
    put_value(f, a->gap[j].estimate, 100);
    fputs(" pts (", f);
    put_value(f, a->gap[j].lower, 100);
    fputs(" to ", f);
    put_value(f, a->gap[j].upper, 100);
    fputs(")", f);
    if (a->gap[j].method && *a->gap[j].method) { fputs(", ", f); h(f, a->gap[j].method); }
    fputs(".", f);
  }
  fputs("</figcaption>\n<details><summary>Numbers behind this figure</summary><table><thead><tr><th scope=\"col\">participant</th>"
        "<th class=\"n\" scope=\"col\">doses</th><th class=\"n\" scope=\"col\">self-reported</th><th class=\"n\" scope=\"col\">"
        "device-logged</th><th class=\"n\" scope=\"col\">gap (pts)</th></tr></thead><tbody>\n", f);
  for (size_t i = 0; i < a->n; i++) {
    const report_html_participant *p = ord[i];
    fputs("<tr><td>", f);
    h(f, p->id);
    fprintf(f, "</td><td class=\"n\">%lld</td><td class=\"n\">", (long long)p->doses);
    put_value(f, p->self_rate, 100);
    fputs("%</td><td class=\"n\">", f);
    put_value(f, p->device_rate, 100);
    fputs("%</td><td class=\"n\">", f);
    put_value(f, p->device_rate - p->self_rate, 100);
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody></table></details>\n</figure>\n</section>\n", f);
  free(ord);
}

/* ---- NPS: stacked bars -------------------------------------------------------- */

static double nps_of(const report_html_nps_bar *b) {
  int64_t n = b->detractors + b->passives + b->promoters;
  return n > 0 ? 100.0 * (double)(b->promoters - b->detractors) / (double)n : NAN;
}

static void write_nps(FILE *f, const report_html_model *m) {
  const report_html_nps *p = &m->nps;
  section_open(f, "nps", "Net Promoter Score before and after the rollout",
               "Share of detractors (0\xe2\x80\x93" "6), passives (7\xe2\x80\x93" "8) and promoters (9\xe2\x80\x93" "10) in each wave, "
               "for all respondents and by segment. NPS = % promoters \xe2\x88\x92 % detractors.", 0);
  if (p->n == 0) { unavailable(f, "fig-nps", p->unavailable); fputs("</section>\n", f); return; }
  size_t groups = 0;
  for (size_t i = 0; i < p->n; i++) groups += i == 0 || strcmp(nz(p->bars[i].group), nz(p->bars[i - 1].group)) != 0;
  const double W = 900, LX = 200, RX = 780, TOP = 44, BH = 26, GAP = 8, GH = 26;
  double H = TOP + (double)p->n * (BH + GAP) + (double)groups * GH + 50;
  fputs("<figure id=\"fig-nps\">\n", f);
  svg_open(f, "fig-nps-svg", W, H, "NPS categories per wave and segment",
           "Stacked bars of detractors, passives and promoters per wave and segment with each bar's NPS; "
           "the table below lists the counts.");
  const char *names[3] = { "detractors (0\xe2\x80\x93" "6)", "passives (7\xe2\x80\x93" "8)", "promoters (9\xe2\x80\x93" "10)" };
  const char *cols[3] = { C_VERMILLION, C_GREY, C_BLUE };
  for (int k = 0; k < 3; k++)
    fprintf(f, "<rect x=\"%.0f\" y=\"6\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%.0f\" y=\"18\">%s</text>",
            LX + 190.0 * k, cols[k], LX + 190.0 * k + 20, names[k]);
  fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\" class=\"small strong\">NPS</text>\n", W - 8, TOP - 8);
  svg_scale s = { 0, 100, LX, RX };
  double y = TOP;
  for (size_t i = 0; i < p->n; i++) {
    const report_html_nps_bar *b = &p->bars[i];
    if (i == 0 || strcmp(nz(b->group), nz(p->bars[i - 1].group)) != 0) {
      fprintf(f, "<text x=\"0\" y=\"%.1f\" class=\"strong\">", y + 17);
      h(f, b->group);
      fputs("</text>\n", f);
      y += GH;
    }
    int64_t cnt[3] = { b->detractors, b->passives, b->promoters }, n = cnt[0] + cnt[1] + cnt[2];
    fputs("<g data-nps-group=\"", f);
    h(f, b->group);
    fputs("\" data-nps-label=\"", f);
    h(f, b->label);
    fprintf(f, "\" data-detractors=\"%lld\" data-passives=\"%lld\" data-promoters=\"%lld\">", (long long)cnt[0],
            (long long)cnt[1], (long long)cnt[2]);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", LX - 10, y + BH / 2 + 5);
    h(f, b->label);
    fprintf(f, " <tspan class=\"small\">(n=%lld)</tspan></text>", (long long)n);
    double left = 0;
    for (int k = 0; k < 3 && n > 0; k++) {
      double share = 100.0 * (double)cnt[k] / (double)n;
      double x0 = svg_map(&s, left), x1 = svg_map(&s, left + share);
      if (cnt[k] > 0)
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1\"/>",
                x0, y, x1 - x0, BH, cols[k]);
      if (x1 - x0 >= 34)
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"strong%s\">%.0f%%</text>", 0.5 * (x0 + x1),
                y + BH / 2 + 5, k == 1 ? "" : " white", share);
      left += share;
    }
    double v = nps_of(b);
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" class=\"strong\">", W - 8, y + BH / 2 + 5);
    if (isnan(v)) fputs("n/a", f);
    else { if (v > 0) fputs("+", f); svg_number(f, v, 0); }
    fputs("</text></g>\n", f);
    y += BH + GAP;
  }
  double ticks[SVG_MAX_TICKS], step;
  size_t nt = svg_ticks(0, 100, 6, ticks, SVG_MAX_TICKS, &step);
  svg_axis_x(f, &s, y, ticks, nt, 0, "%", y, "share of respondents");
  svg_close(f);
  const report_html_interval *c = &p->change;
  fputs("<figcaption>", f);
  if (isfinite(c->estimate)) {
    fprintf(f, "<span id=\"nps-change\"");
    attr_num(f, "data-estimate", c->estimate);
    attr_num(f, "data-lower", c->lower);
    attr_num(f, "data-upper", c->upper);
    fprintf(f, "><b>Paired change: ");
    if (c->estimate > 0) fputs("+", f);
    put_value(f, c->estimate, 1);
    fprintf(f, " NPS points</b> (%.0f%% CI ", 100 * m->conf_level);
    put_value(f, c->lower, 1);
    fputs(" to ", f);
    put_value(f, c->upper, 1);
    fputs(")", f);
    if (!isnan(c->p_value)) { fputs(", adjusted p ", f); put_p(f, c->p_value); }
    fprintf(f, ", from the %lld of %lld respondents who answered both waves.</span> ", (long long)p->paired,
            (long long)p->respondents);
  } else {
    fputs("The paired change was not computed. ", f);
  }
  fputs("Bars show every respondent of a wave; the change compares the same people before and after.</figcaption>\n", f);
  fputs("<details><summary>Numbers behind this figure</summary><table><thead><tr><th scope=\"col\">group</th>"
        "<th scope=\"col\">wave</th><th class=\"n\" scope=\"col\">detractors</th><th class=\"n\" scope=\"col\">passives</th>"
        "<th class=\"n\" scope=\"col\">promoters</th><th class=\"n\" scope=\"col\">NPS</th></tr></thead><tbody>\n", f);
  for (size_t i = 0; i < p->n; i++) {
    const report_html_nps_bar *b = &p->bars[i];
    fputs("<tr><td>", f);
    h(f, b->group);
    fputs("</td><td>", f);
    h(f, b->label);
    fprintf(f, "</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td class=\"n\">",
            (long long)b->detractors, (long long)b->passives, (long long)b->promoters);
    put_value(f, nps_of(b), 1);
    fputs("</td></tr>\n", f);
  }
  fputs("</tbody></table></details>\n</figure>\n</section>\n", f);
}

/* ---- Kaplan-Meier -------------------------------------------------------------- */

static void write_km(FILE *f, const report_html_model *m) {
  const report_html_km *k = &m->km;
  section_open(f, "setup-time", "Time to finish setup: device vs control",
               "Kaplan-Meier estimate of the share of each arm that had finished the setup task by each minute. "
               "Participants who gave up are censored (ticks): they count until they stopped.", 0);
  if (k->n == 0) { unavailable(f, "fig-km", k->unavailable); fputs("</section>\n", f); return; }
  const char *unit = k->time_unit ? k->time_unit : "";
  double tmax = isfinite(k->threshold) ? k->threshold : 0;
  for (size_t c = 0; c < k->n; c++) {
    for (size_t i = 0; i < k->curves[c].n; i++) tmax = fmax(tmax, k->curves[c].time[i]);
    for (size_t i = 0; i < k->curves[c].n_censor; i++) tmax = fmax(tmax, k->curves[c].censor_time[i]);
  }
  double t0 = 0, t1 = tmax > 0 ? tmax : 1;
  svg_nice_domain(&t0, &t1, 8);
  const double W = 900, LX = 80, RX = 720, TOP = 24, BOT = 330, H = 390;
  svg_scale sx = { t0, t1, LX, RX }, sy = { 0, 100, BOT, TOP };
  fputs("<figure id=\"fig-km\">\n", f);
  svg_open(f, "fig-km-svg", W, H, "Kaplan-Meier curves of time to finish setup",
           "Step curves of the share finished setup by time, one per arm, with censoring marks and a vertical "
           "line at the target time; medians and the log-rank p-value are in the caption.");
  double ticks[SVG_MAX_TICKS], step;
  size_t nt = svg_ticks(t0, t1, 10, ticks, SVG_MAX_TICKS, &step);
  char xt[96];
  snprintf(xt, sizeof xt, "time since the start of setup (%s)", unit);
  svg_axis_x(f, &sx, BOT, ticks, nt, svg_decimals(step), "", TOP, xt);
  nt = svg_ticks(0, 100, 6, ticks, SVG_MAX_TICKS, &step);
  svg_axis_y(f, &sy, LX, ticks, nt, 0, "%", RX, "finished setup");
  if (isfinite(k->threshold)) {
    double xt5 = svg_map(&sx, k->threshold);
    fprintf(f, "<line class=\"null\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"/><text x=\"%.1f\" y=\"%.0f\" class=\"small\">",
            xt5, TOP, xt5, BOT, xt5 + 5, TOP + 12);
    svg_number(f, k->threshold, svg_decimals(k->threshold));
    fputs(" ", f);
    h(f, unit);
    fputs(" target</text>\n", f);
  }
  static const char *cols[2] = { C_DEVICE, C_CONTROL };
  static const char *dash[2] = { "", " stroke-dasharray=\"7 4\"" };
  double label_y = 0;
  for (size_t c = 0; c < k->n; c++) {
    const report_html_km_curve *cv = &k->curves[c];
    const char *col = cols[c % 2];
    fputs("<g data-km-curve=\"", f);
    h(f, cv->label);
    fprintf(f, "\"><path fill=\"none\" stroke=\"%s\" stroke-width=\"2.6\"%s d=\"M%.1f %.1f", col, dash[c % 2],
            svg_map(&sx, 0), svg_map(&sy, 0));
    double prev = 0; /* share finished so far */
    for (size_t i = 0; i < cv->n; i++) {
      double done = 100 * (1 - cv->surv[i]);
      double x = svg_map(&sx, cv->time[i]);
      fprintf(f, " H%.1f V%.1f", x, svg_map(&sy, done));
      prev = done;
    }
    fprintf(f, " H%.1f\"/>", svg_map(&sx, t1));
    for (size_t i = 0; i < cv->n_censor; i++) {
      double x = svg_map(&sx, cv->censor_time[i]), yy = svg_map(&sy, 100 * (1 - cv->censor_surv[i]));
      fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2.2\"/>", x, yy - 7, x, yy + 7, col);
    }
    /* direct label at the end of the curve, below the previous label if they would overlap */
    double ly = svg_map(&sy, prev) + 5;
    if (c > 0 && ly < label_y + 40) ly = label_y + 40;
    label_y = ly;
    fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" class=\"strong\" style=\"fill:%s\">", RX + 10, ly, col);
    h(f, cv->label);
    fprintf(f, "</text><text x=\"%.0f\" y=\"%.1f\" class=\"small\">%lld of %lld finished</text></g>\n", RX + 10,
            ly + 16, (long long)cv->events, (long long)cv->subjects);
  }
  fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#3c3f44\" stroke-width=\"2\"/>"
             "<text x=\"%.0f\" y=\"%.0f\" class=\"small\">censored (gave up)</text>\n",
          RX + 14, H - 22.0, RX + 14, H - 8.0, RX + 22, H - 11.0);
  svg_close(f);
  fputs("<figcaption>", f);
  for (size_t c = 0; c < k->n; c++) {
    const report_html_km_curve *cv = &k->curves[c];
    fputs("<b>", f);
    h(f, cv->label);
    fputs("</b>: median ", f);
    if (isfinite(cv->median)) { put_value(f, cv->median, 1); fputs(" ", f); h(f, unit); }
    else fputs("not reached", f);
    fprintf(f, " (%lld participants, %lld finished). ", (long long)cv->subjects, (long long)cv->events);
  }
  if (!isnan(k->logrank_p)) { fputs("Log-rank test p ", f); put_p(f, k->logrank_p); fputs(" (unadjusted). ", f); }
  fputs("The dashed vertical line is the target time.</figcaption>\n", f);
  fputs("<details><summary>Numbers behind this figure</summary><table><thead><tr><th scope=\"col\">arm</th>"
        "<th class=\"n\" scope=\"col\">time</th><th class=\"n\" scope=\"col\">finished so far</th></tr></thead><tbody>\n", f);
  for (size_t c = 0; c < k->n; c++)
    for (size_t i = 0; i < k->curves[c].n; i++) {
      fputs("<tr><td>", f);
      h(f, k->curves[c].label);
      fputs("</td><td class=\"n\">", f);
      put_value(f, k->curves[c].time[i], 1);
      fputs("</td><td class=\"n\">", f);
      put_value(f, 1 - k->curves[c].surv[i], 100);
      fputs("%</td></tr>\n", f);
    }
  fputs("</tbody></table></details>\n</figure>\n</section>\n", f);
}

/* ---- ROI: quantile dot plot ----------------------------------------------------- */

static void write_roi(FILE *f, const report_html_model *m) {
  const report_html_roi *r = &m->roi;
  section_open(f, "roi", "Return on investment",
               "What the pilot's measured effect is worth against its cost, with the uncertainty carried through "
               "by Monte Carlo. Each dot is an equal share of the simulated outcomes: count the dots right of the "
               "break-even line to read the chance that the study pays off.", 0);
  if (r->n == 0) { unavailable(f, "fig-roi", r->unavailable); fputs("</section>\n", f); return; }
  const double W = 900, LX = 40, RX = 860, TOP = 34;
  double lo = r->quantiles[0] * 100, hi = r->quantiles[r->n - 1] * 100;
  lo = fmin(lo, 0);
  hi = fmax(hi, 0);
  svg_nice_domain(&lo, &hi, 8);
  svg_scale s = { lo, hi, LX, RX };
  /* Wilkinson dot plot: bins one dot wide, dots stacked */
  /* bins one dot wide with an edge at ROI = 0, so no dot straddles break-even */
  const double x0 = svg_map(&s, 0);
  size_t nbins = 30;
  size_t stack[256], maxs = 0;
  long off = 0;
  double d = 0;
  for (;;) {
    d = (RX - LX) / (double)nbins;
    off = (long)ceil((x0 - LX) / d) + 1;
    memset(stack, 0, sizeof stack);
    maxs = 0;
    for (size_t i = 0; i < r->n; i++) {
      long b = (long)floor((svg_map(&s, 100 * r->quantiles[i]) - x0) / d) + off;
      if (b < 0) b = 0;
      if (b > 255) b = 255;
      if (++stack[b] > maxs) maxs = stack[b];
    }
    if ((double)maxs * d <= 240 || nbins >= 120) break;
    nbins += 8;
  }
  double base = TOP + (double)maxs * d + 6;
  double H = base + 112;
  fputs("<figure id=\"fig-roi\"", f);
  attr_num(f, "data-prob-positive", r->prob_positive);
  attr_num(f, "data-break-even-effect", r->break_even_effect);
  attr_num(f, "data-estimate", r->estimate);
  attr_num(f, "data-lower", r->lower);
  attr_num(f, "data-upper", r->upper);
  fputs(">\n", f);
  char desc[400];
  snprintf(desc, sizeof desc, "Quantile dot plot of %zu equally likely ROI outcomes from %lld Monte Carlo draws; "
                              "P(ROI > 0) = %.2f.", r->n, (long long)r->draws, r->prob_positive);
  svg_open(f, "fig-roi-svg", W, H, "Distribution of the study's ROI", desc);
  memset(stack, 0, sizeof stack);
  size_t above = 0;
  for (size_t i = 0; i < r->n; i++) {
    double v = 100 * r->quantiles[i];
    long b = (long)floor((svg_map(&s, v) - x0) / d) + off;
    if (b < 0) b = 0;
    if (b > 255) b = 255;
    double cx = x0 + d * ((double)(b - off) + 0.5), cy = base - d * ((double)stack[b]++ + 0.5);
    int pos = v > 0;
    above += (size_t)pos;
    fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"%s/>", cx, cy, 0.45 * d,
            pos ? C_BLUE : "#fff", pos ? "" : " stroke=\"" C_VERMILLION "\" stroke-width=\"2\"");
  }
  fputs("\n", f);
  double ticks[SVG_MAX_TICKS], step;
  size_t nt = svg_ticks(lo, hi, 8, ticks, SVG_MAX_TICKS, &step);
  svg_axis_x(f, &s, base + 4, ticks, nt, svg_decimals(step), "%", base + 4, "ROI of the study (net value / cost)");
  fprintf(f, "<line class=\"null\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.0f\" class=\"small\" "
             "text-anchor=\"end\">\xe2\x86\x90 loses money</text><text x=\"%.1f\" y=\"%.0f\" class=\"small\">pays off \xe2\x86\x92</text>\n",
          x0, TOP - 14, x0, base + 4, x0 - 6, TOP - 18, x0 + 6, TOP - 18);
  /* the interval as a bracket under the axis */
  double yb = base + 62;
  fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_INK "\" stroke-width=\"2.5\"/>"
             "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"" C_INK "\" transform=\"rotate(45 %.1f %.1f)\"/>"
             "<text x=\"%.1f\" y=\"%.1f\" class=\"small\" text-anchor=\"middle\">%.0f%% interval ",
          svg_map(&s, 100 * r->lower), yb, svg_map(&s, 100 * r->upper), yb, svg_map(&s, 100 * r->estimate) - 5, yb - 5,
          svg_map(&s, 100 * r->estimate), yb, svg_map(&s, 100 * r->estimate), yb + 22, 100 * m->conf_level);
  put_value(f, r->lower, 100);
  fputs("% to ", f);
  put_value(f, r->upper, 100);
  fputs("%; at the estimate ", f);
  put_value(f, r->estimate, 100);
  fputs("%</text>\n", f);
  fprintf(f, "<text x=\"%.0f\" y=\"18\" class=\"strong\" text-anchor=\"end\">P(ROI &gt; 0) = %.2f</text>"
             "<text x=\"%.0f\" y=\"34\" class=\"small\" text-anchor=\"end\">%zu of %zu dots</text>\n",
          RX, r->prob_positive, RX, above, r->n);
  svg_close(f);
  char draws[64];
  fmt_value(draws, sizeof draws, (double)r->draws);
  fprintf(f, "<figcaption><b>The study pays off with probability %.2f</b> (share of %s Monte Carlo draws with ROI &gt; 0). "
             "It breaks even if the effect (", r->prob_positive, draws);
  h(f, r->effect_label ? r->effect_label : "the effect");
  fputs(") is at least <b>", f);
  put_value(f, r->break_even_effect, 100);
  fputs(" percentage points</b>", f);
  if (isfinite(r->effect)) { fputs("; the pilot measured ", f); put_value(f, r->effect, 100); fputs(" points", f); }
  fprintf(f, ". Each of the %zu dots is 1/%zu of the draws (blue: pays off; hollow: loses money).</figcaption>\n</figure>\n</section>\n",
          r->n, r->n);
}

/* ---- methods ---------------------------------------------------------------------- */

static void write_methods(FILE *f, const report_html_model *m) {
  section_open(f, "methods", "Methods", "Each method, where it comes from, and why it suits a small pilot.", 0);
  if (m->n_methods == 0) { fputs("<p class=\"ok-note\">No methods listed.</p></section>\n", f); return; }
  fputs("<dl class=\"methods\">\n", f);
  for (size_t i = 0; i < m->n_methods; i++) {
    fputs("<dt>", f);
    h(f, m->methods[i].name);
    fputs("</dt><dd>", f);
    h(f, m->methods[i].why);
    fputs("<br><span class=\"cite\">", f);
    h(f, m->methods[i].citation);
    fputs("</span></dd>\n", f);
  }
  fputs("</dl>\n</section>\n", f);
}

/* ---- the page ------------------------------------------------------------------------- */

static int check_model(const report_html_model *m) {
  if (m->n_claims > REPORT_HTML_MAX_CLAIMS) return REPORT_HTML_E_LIMIT;
  size_t counts[] = { m->n_inputs, m->adherence.n, m->adherence.n_gap, m->nps.n, m->km.n, m->roi.n, m->n_methods };
  for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
    if (counts[i] > REPORT_HTML_MAX_ROWS) return REPORT_HTML_E_LIMIT;
  if ((m->n_claims && !m->claims) || (m->n_inputs && !m->inputs) || (m->adherence.n && !m->adherence.rows) ||
      (m->adherence.n_gap && !m->adherence.gap) || (m->nps.n && !m->nps.bars) || (m->km.n && !m->km.curves) ||
      (m->roi.n && !m->roi.quantiles) || (m->n_methods && !m->methods))
    return REPORT_HTML_E_NULL;
  for (size_t i = 0; i < m->n_claims; i++)
    if ((unsigned)m->claims[i].status > REPORT_HTML_SKIPPED) return REPORT_HTML_E_NULL;
  for (size_t i = 0; i < m->n_inputs; i++) {
    if (m->inputs[i].n_aside > REPORT_HTML_MAX_ROWS) return REPORT_HTML_E_LIMIT;
    if (m->inputs[i].n_aside && !m->inputs[i].aside) return REPORT_HTML_E_NULL;
  }
  for (size_t c = 0; c < m->km.n; c++) {
    const report_html_km_curve *cv = &m->km.curves[c];
    if (cv->n > REPORT_HTML_MAX_ROWS || cv->n_censor > REPORT_HTML_MAX_ROWS) return REPORT_HTML_E_LIMIT;
    if ((cv->n && (!cv->time || !cv->surv)) || (cv->n_censor && (!cv->censor_time || !cv->censor_surv))) return REPORT_HTML_E_NULL;
  }
  /* every number that is drawn must be finite (a NaN would write an invalid SVG coordinate) */
  if (!(m->conf_level > 0 && m->conf_level < 1)) return REPORT_HTML_E_VALUE;
  for (size_t i = 0; i < m->n_claims; i++) {
    const report_html_claim *c = &m->claims[i];
    /* a test without an estimate or interval (a log-rank test when a median is not reached) is allowed */
    int test_only = isnan(c->estimate) && isnan(c->lower) && isnan(c->upper);
    if (c->status == REPORT_HTML_COMPUTED && ((!isfinite(c->estimate) && !test_only) || !isfinite(c->scale)))
      return REPORT_HTML_E_VALUE;
  }
  for (size_t i = 0; i < m->adherence.n; i++) {
    const report_html_participant *p = &m->adherence.rows[i];
    if (!(p->self_rate >= 0 && p->self_rate <= 1 && p->device_rate >= 0 && p->device_rate <= 1)) return REPORT_HTML_E_VALUE;
  }
  for (size_t i = 0; i < m->adherence.n_gap; i++) {
    const report_html_interval *g = &m->adherence.gap[i];
    if (!isfinite(g->estimate) || !isfinite(g->lower) || !isfinite(g->upper)) return REPORT_HTML_E_VALUE;
  }
  for (size_t i = 0; i < m->nps.n; i++) {
    const report_html_nps_bar *b = &m->nps.bars[i];
    if (b->detractors < 0 || b->passives < 0 || b->promoters < 0 ||
        b->detractors > INT64_MAX / 4 || b->passives > INT64_MAX / 4 || b->promoters > INT64_MAX / 4)
      return REPORT_HTML_E_VALUE;
  }
  for (size_t c = 0; c < m->km.n; c++) {
    const report_html_km_curve *cv = &m->km.curves[c];
    for (size_t i = 0; i < cv->n; i++)
      if (!isfinite(cv->time[i]) || !(cv->surv[i] >= 0 && cv->surv[i] <= 1)) return REPORT_HTML_E_VALUE;
    for (size_t i = 0; i < cv->n_censor; i++)
      if (!isfinite(cv->censor_time[i]) || !(cv->censor_surv[i] >= 0 && cv->censor_surv[i] <= 1)) return REPORT_HTML_E_VALUE;
  }
  if (m->roi.n) {
    for (size_t i = 0; i < m->roi.n; i++)
      if (!isfinite(m->roi.quantiles[i]) || (i && m->roi.quantiles[i] < m->roi.quantiles[i - 1])) return REPORT_HTML_E_VALUE;
    if (!isfinite(m->roi.estimate) || !isfinite(m->roi.lower) || !isfinite(m->roi.upper)) return REPORT_HTML_E_VALUE;
  }
  return REPORT_HTML_OK;
}

int report_html_write(const report_html_model *m, FILE *f) {
  if (!m || !f) return REPORT_HTML_E_NULL;
  int st = check_model(m);
  if (st != REPORT_HTML_OK) return st;
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<title>", f);
  h(f, m->title ? m->title : "Study report");
  fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<header>\n<h1>", CSS);
  h(f, m->title ? m->title : "Study report");
  fputs("</h1>\n<p class=\"subtitle\">", f);
  h(f, m->subtitle);
  fputs("</p>\n</header>\n", f);

  section_open(f, "summary", "Summary", NULL, 1);
  fprintf(f, "<p class=\"lede\">%lld participants; %.0f%% confidence intervals. ", (long long)m->participants,
          100 * m->conf_level);
  h(f, m->multiplicity);
  fputs(" Verdicts use the adjusted p-values.</p>\n", f);
  write_cards(f, m);
  write_status_list(f, m);
  fputs("</section>\n", f);
  section_open(f, "details", "Every metric, and what was read", NULL, 0);
  write_claims_table(f, m);
  write_inputs(f, m);
  if (m->notes && *m->notes) {
    fputs("<p class=\"lede\">", f);
    h(f, m->notes);
    fputs("</p>\n", f);
  }
  fputs("</section>\n", f);
  write_forest(f, m);
  write_adherence(f, m);
  write_nps(f, m);
  write_km(f, m);
  write_roi(f, m);
  write_methods(f, m);
  fputs("<footer id=\"end-of-report\">Generated by libfgroi's report (self-contained HTML: no scripts, fonts or network). "
        "Colours: Okabe &amp; Ito colour-blind-safe palette; every figure has a text alternative.</footer>\n"
        "</main>\n</body>\n</html>\n", f);
  return ferror(f) ? REPORT_HTML_E_IO : REPORT_HTML_OK;
}
