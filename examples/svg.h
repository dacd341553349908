/* A small SVG writing helper for the report's figures (examples only, not
 * part of the library): linear scales, "nice" tick positions, axes with
 * readable tick labels, and escaping of text for HTML and SVG.
 *
 * Nothing here allocates; every function writes to a FILE and returns
 * nothing, so a figure is a sequence of plain calls. Coordinates are in SVG
 * user units (the figure's viewBox); numbers are printed with at most two
 * decimals so the files stay small and diff well. */
#ifndef FGROI_EXAMPLES_SVG_H
#define FGROI_EXAMPLES_SVG_H

#include <stddef.h>
#include <stdio.h>

/* A linear map from data values [d0, d1] to positions [r0, r1]. */
typedef struct svg_scale {
  double d0, d1, r0, r1;
} svg_scale;

/* Most ticks one axis can have (svg_ticks never writes more). */
#define SVG_MAX_TICKS 24

/* Position of v on the scale (d0 == d1 maps everything to the middle). */
double svg_map(const svg_scale *s, double v);

/* Round numbers covering [lo, hi] in about `target` steps (1, 2, 2.5 or 5
 * times a power of ten, Heckbert 1990 "Nice numbers for graph labels").
 * Writes at most `cap` (<= SVG_MAX_TICKS) ticks inside [lo, hi], returns how
 * many; *step receives the spacing. Non-finite or empty ranges give 0. */
size_t svg_ticks(double lo, double hi, int target, double *ticks, size_t cap, double *step);

/* Widen [*lo, *hi] outward to the nearest multiples of a nice step (so the
 * axis starts and ends on a tick). A zero-width range becomes +-1 around it. */
void svg_nice_domain(double *lo, double *hi, int target);

/* Decimals needed to print numbers that are multiples of step (0..6). */
int svg_decimals(double step);

/* Write s with &, <, >, " and ' escaped (for element text and attribute
 * values alike). NULL writes nothing. Bytes below 0x20 other than tab and
 * newline are dropped (they are not allowed in XML). */
void svg_escape(FILE *f, const char *s);

/* A number printed with `decimals` decimals and a true minus sign (U+2212)
 * for negatives; -0 prints as 0. */
void svg_number(FILE *f, double v, int decimals);

/* A horizontal axis at y: baseline from the scale's r0 to r1, ticks with
 * labels below (suffix appended to each label, e.g. "%"), optional light
 * vertical grid lines up to grid_top (pass grid_top = y for none), and the
 * axis title centred below the labels (NULL for none). */
void svg_axis_x(FILE *f, const svg_scale *s, double y, const double *ticks, size_t n, int decimals,
                const char *suffix, double grid_top, const char *title);

/* A vertical axis at x: ticks with labels to the left, optional light
 * horizontal grid lines to grid_right, and a rotated title. */
void svg_axis_y(FILE *f, const svg_scale *s, double x, const double *ticks, size_t n, int decimals,
                const char *suffix, double grid_right, const char *title);

/* Open an inline <svg> with a viewBox of w x h, role="img", the element id
 * and aria-labelledby pointing at its <title> and <desc> (written escaped).
 * Close it with svg_close. */
void svg_open(FILE *f, const char *id, double w, double h, const char *title, const char *desc);
void svg_close(FILE *f);

#endif
