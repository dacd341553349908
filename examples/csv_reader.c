/* Streaming CSV reader on libcsv: see csv_reader.h and docs/data-format.md. */
#include "csv_reader.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define RD_CHUNK 65536

void rd_set_aside(rd_account *a, const char *reason) {
  for (int i = 0; i < a->n_aside; i++)
    if (strcmp(a->aside[i].reason, reason) == 0) { a->aside[i].count++; return; }
  if (a->n_aside == RD_MAX_REASONS) { a->aside_other++; return; }
  snprintf(a->aside[a->n_aside].reason, sizeof a->aside[0].reason, "%s", reason);
  a->aside[a->n_aside++].count = 1;
}

uint64_t rd_aside_total(const rd_account *a) {
  uint64_t t = a->aside_other;
  for (int i = 0; i < a->n_aside; i++) t += a->aside[i].count;
  return t;
}

const char *rd_quote(const char *s, char out[64]) {
  size_t k = 0;
  if (!s) s = "";
  for (; *s && k < RD_QUOTE_MAX; s++) {
    unsigned char ch = (unsigned char)*s;
    out[k++] = (ch < 0x20 || ch >= 0x7f || ch == '\'') ? '?' : (char)ch;
  }
  if (*s) { memcpy(out + k, "...", 3); k += 3; }
  out[k] = '\0';
  return out;
}

void rd_error(rd_file *r, const char *fmt, ...) {
  r->errors++;
  if (r->errors <= RD_MAX_SHOWN_ERRORS) {
    fprintf(r->err, "%s:%ld: ", r->path, r->in_row ? r->row_line : r->line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(r->err, fmt, ap);
    va_end(ap);
    fputc('\n', r->err);
  }
}

int rd_label_eq(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
    if (x >= 'A' && x <= 'Z') x = (unsigned char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = (unsigned char)(y - 'A' + 'a');
    if (x != y) return 0;
  }
  return *a == *b;
}

/* ---- numbers ---------------------------------------------------------------- */
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* [+-]?digits(.0*)? -> 0, with the value in range; -1 not a whole number;
 * -2 out of range. */
int rd_parse_int(const char *s, long long lo, long long hi, long long *out) {
  const char *p = s;
  int neg = 0;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  const char *d = p;
  while (is_digit(*p)) p++;
  size_t nd = (size_t)(p - d);
  if (nd == 0) return -1;
  if (*p == '.') { p++; while (*p == '0') p++; }
  if (*p != '\0') return -1;
  while (nd > 1 && *d == '0') { d++; nd--; }
  if (nd > 18) return -2;
  long long v = 0;
  for (size_t i = 0; i < nd; i++) v = v * 10 + (d[i] - '0');
  if (neg) v = -v;
  if (v < lo || v > hi) return -2;
  *out = v;
  return 0;
}

int rd_parse_u64(const char *s, uint64_t *out) {
  const char *p = s, *d;
  if (*p == '+') p++;
  d = p;
  while (is_digit(*p)) p++;
  size_t nd = (size_t)(p - d);
  if (nd == 0) return -1;
  if (*p == '.') { p++; while (*p == '0') p++; }
  if (*p != '\0') return -1;
  uint64_t v = 0;
  for (size_t i = 0; i < nd; i++) {
    unsigned dig = (unsigned)(d[i] - '0');
    if (v > (UINT64_MAX - dig) / 10) return -2;
    v = v * 10 + dig;
  }
  *out = v;
  return 0;
}

/* Decimal notation only: [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?
 * -> 0; -1 not a number (hex, inf, nan, text); -2 out of range. */
int rd_parse_real(const char *s, double lo, double hi, double *out) {
  const char *p = s;
  if (*p == '+' || *p == '-') p++;
  size_t nd = 0;
  while (is_digit(*p)) { p++; nd++; }
  if (*p == '.') { p++; while (is_digit(*p)) { p++; nd++; } }
  if (nd == 0) return -1;
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-') p++;
    if (!is_digit(*p)) return -1;
    while (is_digit(*p)) p++;
  }
  if (*p != '\0') return -1;
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (*end != '\0') return -1;
  if (errno == ERANGE || !isfinite(v)) return -2;
  if (!(v >= lo && v <= hi)) return -2;
  *out = v;
  return 0;
}

/* ---- fields ------------------------------------------------------------------- */
const char *rd_field(const rd_file *r, int c) {
  if (c < 0 || c >= r->ncols) return NULL;
  int i = r->idx[c];
  if (i < 0 || i >= r->nf) return NULL;
  return r->buf + r->off[i];
}

int rd_is_missing(const rd_file *r, const char *s) {
  if (!s || *s == '\0') return 1;
  if (r->missing)
    for (int i = 0; i < r->missing->n; i++)
      if (strcmp(s, r->missing->marker[i]) == 0) return 1;
  return 0;
}

int rd_int(rd_file *r, int c, long long lo, long long hi, long long *out) {
  const char *s = rd_field(r, c);
  char q[64];
  int e = s ? rd_parse_int(s, lo, hi, out) : -1;
  if (e == -1) {
    double dv;
    if (s && rd_parse_real(s, -1e300, 1e300, &dv) == 0)
      rd_error(r, "value '%s' in column %s is not a whole number", rd_quote(s, q), r->cols[c]);
    else
      rd_error(r, "non-numeric value '%s' in column %s", rd_quote(s, q), r->cols[c]);
  } else if (e == -2) {
    rd_error(r, "value %s outside the range of %s (allowed %lld..%lld)", rd_quote(s, q), r->cols[c], lo, hi);
  }
  return e ? -1 : 0;
}

int rd_real(rd_file *r, int c, double lo, double hi, double *out) {
  const char *s = rd_field(r, c);
  char q[64];
  int e = s ? rd_parse_real(s, lo, hi, out) : -1;
  if (e == -1) rd_error(r, "non-numeric value '%s' in column %s (decimal notation only)", rd_quote(s, q), r->cols[c]);
  else if (e == -2) rd_error(r, "value %s outside the range of %s (allowed %g..%g)", rd_quote(s, q), r->cols[c], lo, hi);
  return e ? -1 : 0;
}

int rd_choice(rd_file *r, int c, const char *const *names, int n) {
  const char *s = rd_field(r, c);
  char q[64];
  for (int i = 0; s && i < n; i++)
    if (rd_label_eq(s, names[i])) return i;
  char allowed[256];
  size_t k = 0;
  allowed[0] = '\0';
  for (int i = 0; i < n && k < sizeof allowed; i++)
    k += (size_t)snprintf(allowed + k, sizeof allowed - k, "%s'%s'", i ? ", " : "", names[i]);
  rd_error(r, "unknown %s '%s' (expected %s)", r->cols[c], rd_quote(s, q), allowed);
  return -1;
}

/* ---- libcsv callbacks ------------------------------------------------------ */
static int is_space(unsigned char c) { return c == ' ' || c == '\t'; }

static void on_field(void *field, size_t len, void *data) {
  rd_file *r = data;
  if (r->fatal) return;
  if (!r->in_row) { r->in_row = 1; r->row_line = r->line; }
  if (r->nf >= RD_MAX_COLUMNS) { r->too_many = 1; return; }
  const char *s = field ? field : "";
  if (!field) len = 0;
  while (len > 0 && is_space((unsigned char)*s)) { s++; len--; }
  while (len > 0 && is_space((unsigned char)s[len - 1])) len--;
  if (len > 0 && memchr(s, '\0', len)) {
    rd_error(r, "NUL byte in field %d", r->nf + 1);
    r->fatal = 1;
    return;
  }
  if (r->buf_len + len + 1 > r->buf_cap) {
    size_t cap = r->buf_cap ? r->buf_cap : 256;
    while (cap < r->buf_len + len + 1) cap *= 2;
    char *b = realloc(r->buf, cap);
    if (!b) { r->fatal = 2; return; }
    r->buf = b;
    r->buf_cap = cap;
  }
  memcpy(r->buf + r->buf_len, s, len);
  r->off[r->nf] = r->buf_len;
  r->len[r->nf++] = len;
  r->buf_len += len;
  r->buf[r->buf_len++] = '\0';
}

static void reset_row(rd_file *r) {
  r->nf = 0;
  r->buf_len = 0;
  r->in_row = 0;
  r->too_many = 0;
  r->row_bytes = 0;
}

static void header(rd_file *r) {
  r->header_done = 1;
  r->header_fields = r->nf;
  if (r->too_many) { rd_error(r, "the header has more than %d columns", RD_MAX_COLUMNS); r->fatal = 1; return; }
  for (int c = 0; c < r->ncols; c++) {
    r->idx[c] = -1;
    for (int i = 0; i < r->nf; i++)
      if (strcmp(r->buf + r->off[i], r->cols[c]) == 0) {
        if (r->idx[c] >= 0) {
          rd_error(r, "column '%s' appears twice in the header (columns %d and %d)", r->cols[c], r->idx[c] + 1, i + 1);
          r->fatal = 1;
        }
        r->idx[c] = i;
      }
  }
}

static void on_row(int c, void *data) {
  (void)c;
  rd_file *r = data;
  if (r->fatal) { reset_row(r); return; }
  if (!r->in_row) { reset_row(r); return; }
  if (!r->header_done) {
    header(r);
  } else if (r->nf == 1 && r->len[0] == 0 && r->header_fields > 1) {
    /* a line of spaces: blank */
  } else if (r->too_many) {
    rd_error(r, "row has more than %d fields; the header has %d", RD_MAX_COLUMNS, r->header_fields);
  } else if (r->nf != r->header_fields) {
    rd_error(r, "row has %d field%s; the header has %d", r->nf, r->nf == 1 ? "" : "s", r->header_fields);
  } else if (r->row(r, r->ctx) != 0) {
    r->fatal = 2;
  }
  reset_row(r);
}

/* ---- driving the parser ------------------------------------------------------- */
typedef struct {
  struct csv_parser p;
  int last;      /* previous byte, for \r\n */
  int started;   /* the byte-order mark was looked for */
} feeder;

static int parse_piece(rd_file *r, feeder *fd, const unsigned char *s, size_t n) {
  if (n == 0 || r->fatal) return 0;
  if (csv_parse(&fd->p, s, n, on_field, on_row, r) != n) {
    int e = csv_error(&fd->p);
    if (e == CSV_EPARSE) rd_error(r, "malformed quoting: a quote inside an unquoted field, or text after a closing quote");
    else { rd_error(r, "CSV parser: %s", csv_strerror(e)); r->fatal = 2; return -1; }
    r->fatal = 1;
    return 0;
  }
  if (r->in_row) r->row_bytes += n;
  if (!r->fatal && r->row_bytes + r->buf_len > RD_MAX_ROW_BYTES) {
    rd_error(r, "row longer than %u bytes", RD_MAX_ROW_BYTES);
    r->fatal = 1;
  }
  return 0;
}

static int feed(rd_file *r, feeder *fd, const unsigned char *s, size_t n) {
  if (!fd->started) {
    fd->started = 1;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) { s += 3; n -= 3; }
  }
  size_t start = 0;
  for (size_t i = 0; i < n && !r->fatal; i++) {
    unsigned char ch = s[i];
    if (ch == '\n' || ch == '\r') {
      if (parse_piece(r, fd, s + start, i + 1 - start)) return -1;
      if (ch == '\r' || fd->last != '\r') r->line++;
      start = i + 1;
    }
    fd->last = ch;
  }
  if (start < n && !r->fatal) return parse_piece(r, fd, s + start, n - start);
  return 0;
}

static int begin(rd_file *r, feeder *fd, const char *name, const char *const *cols, int ncols,
                 const rd_missing_markers *missing, FILE *err, rd_row_fn row, void *ctx) {
  r->name = name;
  r->err = err;
  r->missing = missing;
  r->cols = cols;
  r->ncols = ncols > 64 ? 64 : ncols;
  r->row = row;
  r->ctx = ctx;
  r->line = 1;
  fd->last = 0;
  fd->started = 0;
  if (csv_init(&fd->p, CSV_STRICT | CSV_STRICT_FINI) != 0) return -1;
  return 0;
}

static int finish(rd_file *r, feeder *fd, unsigned long required) {
  if (!r->fatal && csv_fini(&fd->p, on_field, on_row, r) != 0) {
    rd_error(r, "malformed quoting: the file ends inside a quoted field");
    r->fatal = 1;
  }
  csv_free(&fd->p);
  free(r->buf);
  r->buf = NULL;
  if (r->fatal == 2) return -1;
  if (!r->header_done && !r->fatal) {
    r->line = 1;
    rd_error(r, "empty file (no header row)");
  } else if (r->header_done) {
    for (int c = 0; c < r->ncols; c++)
      if ((required >> c & 1) && r->idx[c] < 0) {
        r->row_line = 1;
        r->in_row = 1;
        rd_error(r, "missing column '%s'", r->cols[c]);
      }
  }
  if (r->errors > RD_MAX_SHOWN_ERRORS)
    fprintf(r->err, "%s: %ld input errors in all (the first %d shown)\n", r->path, r->errors, RD_MAX_SHOWN_ERRORS);
  return 0;
}

/* Columns are checked when the header arrives; a required one missing stops
 * the rows from being read at all. */
typedef struct { rd_row_fn inner; void *ctx; unsigned long required; int checked; } gate;

static int gate_row(rd_file *r, void *ctx) {
  gate *g = ctx;
  if (!g->checked) {
    g->checked = 1;
    for (int c = 0; c < r->ncols; c++)
      if ((g->required >> c & 1) && r->idx[c] < 0) { r->fatal = 1; return 0; }
  }
  return g->inner(r, g->ctx);
}

int rd_read_path(rd_file *r, const char *path, const char *name, const char *const *cols, int ncols,
                 unsigned long required, const rd_missing_markers *missing, FILE *err, rd_row_fn row,
                 void *ctx) {
  memset(r, 0, sizeof *r);
  snprintf(r->path, sizeof r->path, "%s", path);
  FILE *f = fopen(path, "rb");
  if (!f) {
    if (errno == ENOENT) return 1;
    fprintf(err, "%s: cannot open: %s\n", path, strerror(errno));
    r->errors++;
    return 0;
  }
  feeder fd;
  gate g = { row, ctx, required, 0 };
  if (begin(r, &fd, name, cols, ncols, missing, err, gate_row, &g) != 0) { fclose(f); return -1; }
  unsigned char *chunk = malloc(RD_CHUNK);
  int rc = chunk ? 0 : -1;
  size_t got;
  while (rc == 0 && !r->fatal && (got = fread(chunk, 1, RD_CHUNK, f)) > 0) rc = feed(r, &fd, chunk, got);
  if (rc == 0 && ferror(f)) { fprintf(err, "%s: read error\n", path); r->errors++; }
  free(chunk);
  fclose(f);
  int fr = finish(r, &fd, required);
  return rc ? -1 : fr;
}

int rd_read(rd_file *r, const char *dir, const char *name, const char *const *cols, int ncols,
            unsigned long required, const rd_missing_markers *missing, FILE *err, rd_row_fn row,
            void *ctx) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return rd_read_path(r, path, name, cols, ncols, required, missing, err, row, ctx);
}

int rd_read_mem(rd_file *r, const char *name, const unsigned char *data, size_t size,
                const char *const *cols, int ncols, unsigned long required,
                const rd_missing_markers *missing, FILE *err, rd_row_fn row, void *ctx) {
  memset(r, 0, sizeof *r);
  snprintf(r->path, sizeof r->path, "%s", name);
  feeder fd;
  gate g = { row, ctx, required, 0 };
  if (begin(r, &fd, name, cols, ncols, missing, err, gate_row, &g) != 0) return -1;
  int rc = feed(r, &fd, data, size);
  int fr = finish(r, &fd, required);
  return rc ? -1 : fr;
}
