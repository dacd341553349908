/* A streaming CSV reader for the report's input files, on top of libcsv
 * (RFC 4180 quoting; \n, \r\n and \r line ends; UTF-8 byte-order mark;
 * blank lines). Rows are handed to a callback one at a time, so a file of
 * any length is read in bounded memory. Every field access goes through
 * rd_field(), which checks the column against the row's width.
 *
 * Limits (checked before the work, reported with file:line):
 *   RD_MAX_ROW_BYTES bytes per row, RD_MAX_COLUMNS columns per row.
 * Part of the examples, not of the library (docs/data-format.md). */
#ifndef FGROI_CSV_READER_H
#define FGROI_CSV_READER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RD_MAX_ROW_BYTES (1u << 20)  /* 1 MiB per row */
#define RD_MAX_COLUMNS 1024
#define RD_MAX_SHOWN_ERRORS 20      /* per file; the rest are counted */
#define RD_MAX_REASONS 16
#define RD_MAX_MISSING_MARKERS 8
#define RD_QUOTE_MAX 40             /* offending values are quoted up to this length */

/* Row accounting of one input file: every data row is used or set aside
 * for a counted reason. */
typedef struct {
  char reason[96];
  uint64_t count;
} rd_reason;

typedef struct {
  const char *name;     /* file name, e.g. "nps.csv" */
  int present;          /* 1 if the file was found and read */
  uint64_t read;        /* data rows (header and blank lines excluded) */
  uint64_t used;        /* rows that entered at least one analysis */
  rd_reason aside[RD_MAX_REASONS];
  int n_aside;
  uint64_t aside_other; /* set aside for reasons beyond RD_MAX_REASONS */
} rd_account;

/* Count one row as set aside for reason (the reason text is copied). */
void rd_set_aside(rd_account *a, const char *reason);
uint64_t rd_aside_total(const rd_account *a);

/* Missing-value markers: an empty field is always missing; these are
 * matched exactly after trimming. */
typedef struct {
  char marker[RD_MAX_MISSING_MARKERS][32];
  int n;
} rd_missing_markers;

typedef struct rd_file rd_file;
/* Called for each data row; return 0 to continue, -1 to stop (out of memory). */
typedef int (*rd_row_fn)(rd_file *r, void *ctx);

struct rd_file {
  char path[4096];
  const char *name;
  FILE *err;
  long errors;                 /* input errors in this file */
  const rd_missing_markers *missing;
  /* columns wanted (names), and where the header put them (-1: absent) */
  const char *const *cols;
  int ncols;
  int idx[64];
  int header_fields;
  /* current row */
  char *buf;
  size_t buf_len, buf_cap;
  size_t off[RD_MAX_COLUMNS + 1];
  size_t len[RD_MAX_COLUMNS + 1];
  int nf;
  int too_many;
  long line;                   /* physical line being read (1-based) */
  long row_line;               /* first line of the current row */
  size_t row_bytes;
  int in_row;
  int header_done;
  int fatal;                   /* stop reading this file */
  rd_row_fn row;
  void *ctx;
};

/* Read dir/name. Returns 1 if the file does not exist (not an error for an
 * optional file), 0 when read (input errors, if any, are in r->errors), -1
 * on a read error or out of memory. cols are the columns the caller may
 * ask for; required (bit i for cols[i]) must be present in the header. */
int rd_read(rd_file *r, const char *dir, const char *name, const char *const *cols, int ncols,
            unsigned long required, const rd_missing_markers *missing, FILE *err, rd_row_fn row,
            void *ctx);

/* Read a file given by its full path (the fuzzer uses this with a name). */
int rd_read_path(rd_file *r, const char *path, const char *name, const char *const *cols, int ncols,
                 unsigned long required, const rd_missing_markers *missing, FILE *err, rd_row_fn row,
                 void *ctx);

/* Read from memory (the fuzz harness). */
int rd_read_mem(rd_file *r, const char *name, const unsigned char *data, size_t size,
                const char *const *cols, int ncols, unsigned long required,
                const rd_missing_markers *missing, FILE *err, rd_row_fn row, void *ctx);

/* The field of wanted column c in the current row, trimmed; NULL when the
 * header has no such column (never reads past the row's width). */
const char *rd_field(const rd_file *r, int c);
/* 1 if the field is missing (absent column, empty, or a missing marker). */
int rd_is_missing(const rd_file *r, const char *s);

/* Report an input error at the current row: "path:line: message". */
void rd_error(rd_file *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Quote a value for a message: at most RD_QUOTE_MAX bytes, control and
 * non-ASCII bytes shown as '?', "..." when cut. out must hold 64 bytes. */
const char *rd_quote(const char *s, char out[64]);

/* Parsers with the documented rules: whole numbers may be written "8.0";
 * no hex, no inf/nan, no exponent overflow; range [lo, hi]. On failure they
 * report an input error naming the column and return -1. */
int rd_int(rd_file *r, int c, long long lo, long long hi, long long *out);
int rd_real(rd_file *r, int c, double lo, double hi, double *out);
/* Index of the label in names (trimmed, ASCII case-insensitive) or -1 with
 * an input error. */
int rd_choice(rd_file *r, int c, const char *const *names, int n);

/* Plain string parsers (no reporting), shared with the configuration. */
int rd_parse_int(const char *s, long long lo, long long hi, long long *out);
int rd_parse_u64(const char *s, uint64_t *out);
int rd_parse_real(const char *s, double lo, double hi, double *out);
int rd_label_eq(const char *a, const char *b);

#endif
