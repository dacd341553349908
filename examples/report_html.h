/* The report as one self-contained HTML page (issue #20): inline CSS and
 * inline SVG only (no scripts, fonts or network), printable to PDF, with a
 * colour-blind-safe palette (Okabe & Ito 2008) and a text alternative for
 * every figure. Part of the examples, not of the library.
 *
 * The caller (fgroi-report, or the demo driver) fills a plain-data model:
 * structs of C arrays and strings it owns; report_html_write() only reads
 * them. Values are given unscaled, exactly as the JSON report carries them
 * (proportions as fractions); `scale` and `unit` say how to display them.
 * NaN means "none" (no p-value, no interval limit). Every string is
 * HTML-escaped on output, so user data (participant ids, segment names,
 * file names) can be passed as they are.
 *
 * A claim that could not be computed or was skipped is shown with its
 * reason and never with a number: for such claims the numeric fields are
 * ignored.
 *
 * Machine-readable attributes for tests (exact values, "%.17g", "null" for
 * NaN): every claim row carries data-name, data-status, and for computed
 * claims data-estimate, data-lower, data-upper, data-p-value,
 * data-p-adjusted; the ROI figure carries data-prob-positive and
 * data-break-even-effect. Figures have stable ids: fig-forest,
 * fig-adherence, fig-nps, fig-km, fig-roi.
 *
 * fgroi-report --html FILE (examples/report.c, html_fill) fills the model
 * from the report's own structures: one claim per metric, same order and
 * values as the JSON, then one per skipped analysis; headline = 1 with a
 * question for the multiplicity-family claims and the ROI; the input
 * accounting rows; per-participant rates from the streamed dose tallies;
 * NPS category counts per wave and segment; fgroi_surv_km per arm; the ROI
 * draws' quantiles (the report's Monte Carlo at 50 symmetric confidence
 * levels); it writes to a temporary file and renames it on success so no
 * half-written page is left. report_html_demo.c fills it from a JSON
 * report (test scaffolding). The acceptance test runs with
 * --html-cmd "fgroi-report --html {out} {data}".
 *
 * A computed claim may be a test without an estimate or interval (all
 * three NaN: a log-rank test when a median is not reached): it is listed
 * with its p-values and has no marker in the forest plot. */
#ifndef FGROI_EXAMPLES_REPORT_HTML_H
#define FGROI_EXAMPLES_REPORT_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Upper limits checked before anything is written (report_html_write
 * returns REPORT_HTML_E_LIMIT when one is exceeded). */
#define REPORT_HTML_MAX_CLAIMS 64
#define REPORT_HTML_MAX_ROWS 4096 /* participants, bars, curve steps, quantiles, inputs, methods */

typedef enum report_html_status {
  REPORT_HTML_COMPUTED = 0,
  REPORT_HTML_NOT_COMPUTED = 1, /* the computation failed: reason says why */
  REPORT_HTML_SKIPPED = 2       /* the data for it are absent: reason says why */
} report_html_status;

/* One line of the report. */
typedef struct report_html_claim {
  const char *name;              /* metric name, as in the report */
  const char *unit;              /* display unit after scaling: "%", "pts", "min", "USD", "" */
  double scale;                  /* display value = value * scale */
  double estimate, lower, upper; /* unscaled; NaN = none; +-INFINITY = open side */
  double p_value, p_adjusted;    /* NaN = none */
  const char *method, *test;     /* interval and test method names (may be NULL) */
  const char *verdict;           /* plain-language verdict of a computed claim */
  report_html_status status;
  const char *reason;            /* for NOT_COMPUTED and SKIPPED */
  int headline;                  /* answers a study question: verdict card and forest row */
  const char *question;          /* short question of a headline claim ("Adherence gap") */
  double null_value;             /* unscaled "no effect" value for the forest (0; 0.85 for a target) */
  const char *note;              /* one line of context under a headline card, or NULL */
} report_html_claim;

/* Input accounting: one row per file. */
typedef struct report_html_aside {
  const char *reason;
  int64_t rows;
} report_html_aside;

typedef struct report_html_input {
  const char *file;
  int64_t read, used;
  const report_html_aside *aside; /* rows set aside, per reason */
  size_t n_aside;
} report_html_input;

/* An interval shown in a figure (unscaled, like the claims). */
typedef struct report_html_interval {
  const char *label, *method;
  double estimate, lower, upper, p_value;
} report_html_interval;

/* Adherence: per-participant rates (fractions) and the gap's intervals. */
typedef struct report_html_participant {
  const char *id;
  double self_rate, device_rate;
  int64_t doses;
} report_html_participant;

typedef struct report_html_adherence {
  const report_html_participant *rows;
  size_t n;
  const report_html_interval *gap; /* e.g. clustered and naive, device - self, fractions */
  size_t n_gap;
  const char *unavailable;         /* why the figure is absent (when n == 0) */
} report_html_adherence;

/* NPS: respondents per category, one bar per (group, label). */
typedef struct report_html_nps_bar {
  const char *group; /* "All respondents", a segment name */
  const char *label; /* "before", "after" */
  int64_t detractors, passives, promoters;
} report_html_nps_bar;

typedef struct report_html_nps {
  const report_html_nps_bar *bars;
  size_t n;
  report_html_interval change; /* paired change in NPS points (-100..100), NaN if none;
                                  its p_value is shown as the adjusted p */
  int64_t paired, respondents; /* answered both waves, answered any */
  const char *unavailable;
} report_html_nps;

/* Kaplan-Meier: one step curve per arm. time[0] should be 0 with surv 1. */
typedef struct report_html_km_curve {
  const char *label;
  const double *time, *surv; /* the curve after each distinct time */
  size_t n;
  const double *censor_time, *censor_surv; /* censored observations on the curve */
  size_t n_censor;
  int64_t subjects, events;
  double median; /* NaN or +INFINITY when not reached */
} report_html_km_curve;

typedef struct report_html_km {
  const report_html_km_curve *curves; /* first: device, second: control (colours follow) */
  size_t n;
  double threshold;     /* the target time, e.g. 5 (minutes) */
  const char *time_unit; /* "min" */
  double logrank_p;      /* NaN if none */
  const char *unavailable;
} report_html_km;

/* ROI: the Monte Carlo draws as equally spaced quantiles (quantile k of n
 * at probability (k + 0.5) / n), drawn as a quantile dot plot. */
typedef struct report_html_roi {
  const double *quantiles; /* sorted ROI values, fractions (0.5 = +50%) */
  size_t n;
  int64_t draws;
  double estimate, lower, upper;          /* ROI interval, fractions */
  double prob_positive, break_even_effect; /* P(ROI > 0); effect where net value is 0 (fraction) */
  double effect;                           /* the observed effect the ROI rests on (fraction) */
  const char *effect_label;                /* "protocol steps DiD" */
  const char *unavailable;
} report_html_roi;

typedef struct report_html_method {
  const char *name, *citation, *why;
} report_html_method;

typedef struct report_html_model {
  const char *title;           /* "Pillbox pilot: did it work?" */
  const char *subtitle;        /* study, data location, library version */
  double conf_level;
  int64_t participants;
  const char *multiplicity;    /* which claims the adjustment covers, in words */
  const char *notes;           /* further facts (event matching) or NULL */
  const report_html_claim *claims;
  size_t n_claims;
  const report_html_input *inputs;
  size_t n_inputs;
  report_html_adherence adherence;
  report_html_nps nps;
  report_html_km km;
  report_html_roi roi;
  const report_html_method *methods;
  size_t n_methods;
} report_html_model;

enum {
  REPORT_HTML_OK = 0,
  REPORT_HTML_E_NULL = 1,  /* a NULL model, stream or array with a nonzero count */
  REPORT_HTML_E_LIMIT = 2, /* a count above the limits above */
  REPORT_HTML_E_IO = 3,    /* writing failed */
  REPORT_HTML_E_VALUE = 4  /* a number to be drawn is not finite or out of its range (a rate outside
                              [0, 1], a negative count, unsorted quantiles, a computed claim with an
                              interval but no finite estimate, conf_level outside (0, 1)) */
};

/* Write the whole page to out. Checks the model (NULL arrays, limits,
 * values to be drawn) before writing anything; returns REPORT_HTML_OK or an
 * error above. */
int report_html_write(const report_html_model *m, FILE *out);

#endif
