/* SVG writing helper: see svg.h. */
#include "svg.h"

#include <math.h>

double svg_map(const svg_scale *s, double v) {
  if (s->d1 == s->d0) return 0.5 * (s->r0 + s->r1);
  return s->r0 + (v - s->d0) * (s->r1 - s->r0) / (s->d1 - s->d0);
}

/* Heckbert's nice number: the 1, 2, 2.5, 5 x 10^k closest to x (round) or
 * the smallest not below it (ceiling). */
static double nice_num(double x, int round_it) {
  double e = floor(log10(x));
  double p = pow(10.0, e);
  double f = x / p, nf;
  if (round_it) nf = f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nf * p;
}

static double nice_step(double lo, double hi, int target) {
  if (target < 2) target = 2;
  double range = nice_num(hi - lo, 0);
  return nice_num(range / (target - 1), 1);
}

size_t svg_ticks(double lo, double hi, int target, double *ticks, size_t cap, double *step) {
  *step = 0;
  if (!isfinite(lo) || !isfinite(hi) || !(hi > lo)) return 0;
  if (cap > SVG_MAX_TICKS) cap = SVG_MAX_TICKS;
  double st = nice_step(lo, hi, target);
  /* make sure the count stays within cap whatever the target */
  while ((hi - lo) / st + 1 > (double)cap) st = nice_num(st * 1.5, 0);
  *step = st;
  double first = ceil(lo / st - 1e-9) * st;
  size_t n = 0;
  for (double v = first; v <= hi + st * 1e-9 && n < cap; v = first + (double)n * st) {
    ticks[n++] = fabs(v) < st * 1e-9 ? 0.0 : v;
  }
  return n;
}

void svg_nice_domain(double *lo, double *hi, int target) {
  if (!isfinite(*lo) || !isfinite(*hi)) return;
  if (*hi < *lo) { double t = *lo; *lo = *hi; *hi = t; }
  if (*hi == *lo) { *lo -= 1; *hi += 1; }
  double st = nice_step(*lo, *hi, target);
  *lo = floor(*lo / st + 1e-9) * st;
  *hi = ceil(*hi / st - 1e-9) * st;
}

int svg_decimals(double step) {
  if (!(step > 0) || !isfinite(step)) return 0;
  for (int d = 0; d <= 6; d++) {
    double scaled = step * pow(10.0, d);
    if (fabs(scaled - nearbyint(scaled)) < 1e-6 * scaled) return d;
  }
  return 6;
}

void svg_escape(FILE *f, const char *s) {
  if (!s) return;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
      case '&': fputs("&amp;", f); break;
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '"': fputs("&quot;", f); break;
      case '\'': fputs("&#39;", f); break;
      default:
        if (c >= 0x20 || c == '\t' || c == '\n') fputc(c, f);
    }
  }
}

void svg_number(FILE *f, double v, int decimals) {
  char buf[64];
  if (!isfinite(v)) { fputs(isnan(v) ? "n/a" : v > 0 ? "\xe2\x88\x9e" : "\xe2\x88\x92\xe2\x88\x9e", f); return; }
  snprintf(buf, sizeof buf, "%.*f", decimals, fabs(v));
  /* a negative that rounds to zero prints as 0 */
  int zero = 1;
  for (const char *p = buf; *p; p++) zero &= (*p == '0' || *p == '.');
  if (v < 0 && !zero) fputs("\xe2\x88\x92", f);
  fputs(buf, f);
}

static void tick_label(FILE *f, double v, int decimals, const char *suffix) {
  svg_number(f, v, decimals);
  svg_escape(f, suffix);
}

void svg_axis_x(FILE *f, const svg_scale *s, double y, const double *ticks, size_t n, int decimals,
                const char *suffix, double grid_top, const char *title) {
  fprintf(f, "<g class=\"axis\">");
  for (size_t i = 0; i < n; i++) {
    double x = svg_map(s, ticks[i]);
    if (grid_top < y) fprintf(f, "<line class=\"grid\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", x, grid_top, x, y);
    fprintf(f, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", x, y, x, y + 4);
    fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", x, y + 17);
    tick_label(f, ticks[i], decimals, suffix);
    fputs("</text>", f);
  }
  fprintf(f, "<line class=\"base\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", s->r0, y, s->r1, y);
  if (title) {
    fprintf(f, "<text class=\"axis-title\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", 0.5 * (s->r0 + s->r1), y + 36);
    svg_escape(f, title);
    fputs("</text>", f);
  }
  fputs("</g>\n", f);
}

void svg_axis_y(FILE *f, const svg_scale *s, double x, const double *ticks, size_t n, int decimals,
                const char *suffix, double grid_right, const char *title) {
  fprintf(f, "<g class=\"axis\">");
  for (size_t i = 0; i < n; i++) {
    double y = svg_map(s, ticks[i]);
    if (grid_right > x) fprintf(f, "<line class=\"grid\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", x, y, grid_right, y);
    fprintf(f, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", x - 4, y, x, y);
    fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">", x - 7, y + 4);
    tick_label(f, ticks[i], decimals, suffix);
    fputs("</text>", f);
  }
  fprintf(f, "<line class=\"base\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", x, s->r0, x, s->r1);
  if (title) {
    double cy = 0.5 * (s->r0 + s->r1);
    fprintf(f, "<text class=\"axis-title\" transform=\"translate(%.2f %.2f) rotate(-90)\" text-anchor=\"middle\">", x - 44, cy);
    svg_escape(f, title);
    fputs("</text>", f);
  }
  fputs("</g>\n", f);
}

void svg_open(FILE *f, const char *id, double w, double h, const char *title, const char *desc) {
  fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"");
  svg_escape(f, id);
  fprintf(f, "\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"", w, h, w, h);
  svg_escape(f, id);
  fputs("-title ", f);
  svg_escape(f, id);
  fputs("-desc\"><title id=\"", f);
  svg_escape(f, id);
  fputs("-title\">", f);
  svg_escape(f, title);
  fputs("</title><desc id=\"", f);
  svg_escape(f, id);
  fputs("-desc\">", f);
  svg_escape(f, desc);
  fputs("</desc>\n", f);
}

void svg_close(FILE *f) { fputs("</svg>\n", f); }
