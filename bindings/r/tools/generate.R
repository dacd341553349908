# Generate the low-level .Call layer of the fgroi R package from libfgroi's
# API description (docs/api.json, generated from the public headers by
# docs/gen_api.py and installed as pkg-config's variable api_json).
#
#   Rscript tools/generate.R <api.json> <package-dir> [nm-output]
#
# Writes (all generated, never edited):
#   src/fgroi_gen.c     one .Call wrapper per public C function
#   src/fgroi_gen.h     the routine table (included by src/init.c)
#   R/zz_generated.R    one R function per public C function, same name
#   man/fgroi-c-api.Rd  their usage, generated from the same data
#   inst/fgroi_api.txt  the public functions found, with how each was wrapped
#   inst/fgroi_statuses.txt  every status every function documents, with
#                       the arguments it names and their domain (the R
#                       tests walk it)
#
# The description says how a binding feeds each parameter ("binding" of
# each parameter: scalar, str, array_in with its length parameter, an
# output array with its capacity and needed size or the input length it
# has one element per, a struct in or out, ...; docs/api-conventions.md,
# "Bindings"); this script only maps those roles onto R and C code. There
# is no table of parameters here and no reading of C. A function whose
# plan it cannot map is listed as unsupported in inst/fgroi_api.txt and
# gets no wrapper, so the package's coverage test names it. Needs jsonlite
# at build time only (Debian r-cran-jsonlite); the package does not.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2L) stop("usage: generate.R <api.json> <package-dir> [nm-output]")
api_file <- args[[1]]
pkgdir <- args[[2]]
# Optional: `nm` output of the library; declared functions it does not
# export (declared ahead of their implementation) get no wrapper.
exported <- NULL
if (length(args) >= 3L) {
  nm <- readLines(args[[3]], warn = FALSE)
  exported <- sub("^_", "", vapply(strsplit(trimws(nm), "\\s+"), function(x) x[length(x)], ""))
}
if (!file.exists(api_file)) stop("no API description at ", api_file)
if (!requireNamespace("jsonlite", quietly = TRUE))
  stop("tools/generate.R needs the R package jsonlite (Debian: r-cran-jsonlite)")
api <- jsonlite::fromJSON(api_file, simplifyVector = FALSE)
if (is.null(api$functions) || is.null(api$structs) || is.null(api$enums))
  stop(api_file, " is not libfgroi's API description (docs/api.json)")

`%||%` <- function(a, b) if (is.null(a)) b else a

## ---- C types of the description ------------------------------------------------
# "const int64_t [9]" -> const, base type, pointer depth, fixed dimension
ctype_parts <- function(t) {
  t <- trimws(t)
  const <- startsWith(t, "const ")
  if (const) t <- trimws(substring(t, 7L))
  dim <- ""
  m <- regmatches(t, regexec("^(.*?)\\s*\\[(\\w*)\\]$", t, perl = TRUE))[[1]]
  if (length(m)) { t <- m[2]; dim <- m[3] }
  ptr <- nchar(gsub("[^*]", "", t))
  t <- trimws(gsub("(\\s*\\bconst\\b)?\\s*\\*", "", t, perl = TRUE))
  list(const = const, type = t, ptr = ptr, dim = dim)
}

enum_types <- names(api$enums)
known_enums <- c("fgroi_status", "fgroi_method", "fgroi_alternative")
# Domain enums travel by name: the constant without the enum's common
# prefix, in lower case (FGROI_SURV_CONF_LOG_LOG -> "log_log").
enum_consts <- list()
for (tname in enum_types) {
  if (tname %in% known_enums) next
  consts <- names(api$enums[[tname]]$values)
  if (!length(consts)) next
  pre <- consts[1]
  for (cn in consts) while (!startsWith(cn, pre)) pre <- substr(pre, 1L, nchar(pre) - 1L)
  pre <- sub("[^_]*$", "", pre)
  if (length(consts) == 1L) pre <- sub("[^_]*$", "", consts)
  enum_consts[[tname]] <- list(const = consts, short = tolower(substring(consts, nchar(pre) + 1L)))
}
domain_enum <- function(t) !is.null(enum_consts[[t]])

structs <- list()
for (name in names(api$structs)) {
  structs[[name]] <- lapply(api$structs[[name]]$fields, function(fl) {
    cp <- ctype_parts(fl$type)
    # a pointer field (e.g. options->control, a C callback) stays NULL from R:
    # it is not converted in either direction
    if (cp$ptr > 0L || cp$type == "fgroi_progress_fn")
      return(list(type = "ptr", name = fl$name, dim = "", ptr = TRUE))
    list(type = cp$type, name = fl$name, dim = cp$dim)
  })
}

scalar_types <- c("double", "int64_t", "size_t", "uint64_t", "int", "unsigned",
                  "unsigned int", "uint8_t", "int8_t", "int16_t", "uint16_t",
                  "int32_t", "uint32_t", "bool", "_Bool")
enum_like <- function(t) t %in% enum_types

## field converters: C struct -> R list, R list -> C struct
is_ptr_field <- function(f) isTRUE(f$ptr)
field_ok <- function(f) is_ptr_field(f) || (f$type %in% scalar_types || enum_like(f$type)) &&
  (f$dim == "" || grepl("^[0-9]+$", f$dim) || grepl("^[A-Z_0-9]+$", f$dim))
struct_ok <- function(t) !is.null(structs[[t]]) && all(vapply(structs[[t]], field_ok, TRUE)) &&
  structs[[t]][[1]]$name == "struct_size"
# element type of an array of structs: scalar fields only (struct_size, if
# present, is set per element)
elem_struct_ok <- function(t) !is.null(structs[[t]]) &&
  all(vapply(structs[[t]], function(f) !is_ptr_field(f) && field_ok(f) && f$dim == "", TRUE))
has_size <- function(t) structs[[t]][[1]]$name == "struct_size"

## ---- functions ----------------------------------------------------------------
funcs <- list()
for (fn in api$functions) {
  params <- lapply(fn$params, function(p) {
    cp <- ctype_parts(p$type)
    c(list(raw = paste(p$type, p$name), name = p$name, role = p$role %||% "", b = p$binding, bad = FALSE), cp)
  })
  funcs[[fn$name]] <- list(name = fn$name, ret = fn$return, params = params)
}

## ---- map each parameter's binding onto R --------------------------------------
# Each function becomes a list of "slots": R arguments (in) and results (out).
#   scalar/method/alternative/status  by-value inputs         (binding scalar)
#   string          const char *                             (str)
#   in_arrays       const T *a, const T *b, ..., size_t n    (array_in / sarray_in + length)
#   in_fixed        const T x[N]                             (fixed_in)
#   in_struct       const S *opts (NULL -> defaults)          (struct_in)
#   inout_struct    S *tally, updated in place and returned  (struct_out of role inout)
#   out_struct      S *out                                   (struct_out)
#   out_scalar      T *out                                   (scalar_out, bad_index)
#   out_fixed       T out[N]                                 (fixed_out)
#   out_arrays      T1 *a, T2 *b, size_t capacity, size_t *needed, or the
#                   capacity first                           (array_out / sarray_out + capacity + needed)
#   out_len         T *out of one element per input row       (array_rows / struct_rows, or
#                   an output trimmed to an input length, with its capacity)
is_elem_type <- function(q) q$type %in% scalar_types || enum_like(q$type) ||
  (q$type == "char" && q$ptr == 2L) || (q$ptr == 1L && elem_struct_ok(q$type) && !struct_ok(q$type))
out_elem_ok <- function(q) q$type %in% scalar_types || enum_like(q$type) || elem_struct_ok(q$type)
classify <- function(f) {
  ps <- f$params
  k <- length(ps)
  nm <- vapply(ps, function(q) q$name, "")
  role <- function(j) if (j <= k) ps[[j]]$b$role else ""
  slots <- list()
  add <- function(x) slots[[length(slots) + 1L]] <<- x
  why <- NULL
  i <- 1L
  while (i <= k && is.null(why)) {
    p <- ps[[i]]
    r <- p$b$role
    if (r == "scalar") {
      if (p$type == "fgroi_method") add(list(kind = "method", p = p))
      else if (p$type == "fgroi_alternative") add(list(kind = "alternative", p = p))
      else if (p$type == "fgroi_status") add(list(kind = "status", p = p))
      else if (p$type %in% scalar_types || enum_like(p$type)) add(list(kind = "scalar", p = p))
      else if (struct_ok(p$type)) add(list(kind = "struct_val", p = p))
      else why <- paste("unsupported parameter", p$raw)
      i <- i + 1L
    } else if (r == "str") {
      add(list(kind = "string", p = p)); i <- i + 1L
    } else if (r %in% c("array_in", "sarray_in")) {
      lens <- unlist(p$b$lengths)
      j <- i
      while (j <= k && role(j) %in% c("array_in", "sarray_in") && identical(unlist(ps[[j]]$b$lengths), lens)) j <- j + 1L
      if (length(lens) != 1L || j > k || role(j) != "length" || nm[j] != lens)
        why <- paste("array without its size_t length right after it:", p$raw)
      else if (!all(vapply(ps[i:(j - 1L)], is_elem_type, TRUE)))
        why <- paste("unsupported array element type:", p$raw)
      else add(list(kind = "in_arrays", ps = ps[i:(j - 1L)], len = ps[[j]]))
      i <- j + 1L
    } else if (r %in% c("fixed_in", "fixed_out")) {
      if (!(p$type %in% scalar_types)) why <- paste("unsupported array parameter", p$raw)
      else add(list(kind = if (r == "fixed_in") "in_fixed" else "out_fixed", p = p, len = as.integer(p$b$fixed)))
      i <- i + 1L
    } else if (r == "struct_in") {
      if (!struct_ok(p$type)) why <- paste("unsupported struct", p$raw)
      else add(list(kind = "in_struct", p = p))
      i <- i + 1L
    } else if (r == "struct_out") {
      if (!struct_ok(p$type)) why <- paste("unsupported struct", p$raw)
      else add(list(kind = if (identical(p$role, "inout")) "inout_struct" else "out_struct", p = p))
      i <- i + 1L
    } else if (r %in% c("scalar_out", "bad_index")) {
      if (!(p$type %in% scalar_types || enum_like(p$type))) why <- paste("unsupported output", p$raw)
      else add(list(kind = "out_scalar", p = p))
      i <- i + 1L
    } else if (r %in% c("array_rows", "struct_rows")) {
      rows <- p$b$rows
      if (is.null(rows) || !(rows %in% nm) || ps[[match(rows, nm)]]$b$role != "length")
        why <- paste("an output of one element per row without its input length:", p$raw)
      else if (!out_elem_ok(p)) why <- paste("unsupported output", p$raw)
      else add(list(kind = "out_len", p = p, lenname = rows, cap = NULL))
      i <- i + 1L
    } else if (r %in% c("array_out", "sarray_out") && !is.null(p$b$trim)) {
      # an output of one element per row of an input, with its capacity
      if (role(i + 1L) != "capacity" || nm[i + 1L] != p$b$capacity || !out_elem_ok(p))
        why <- paste("unsupported output", p$raw)
      else add(list(kind = "out_len", p = p, lenname = p$b$trim, cap = ps[[i + 1L]]))
      i <- i + 2L
    } else if (r %in% c("array_out", "sarray_out", "capacity")) {
      # columns of one output table: `T1 *a, ..., size_t capacity, size_t
      # *needed` or `size_t capacity, T1 *a, ..., size_t *needed`
      cap_first <- r == "capacity"
      capname <- if (cap_first) p$name else p$b$capacity
      j <- i + cap_first
      while (j <= k && role(j) %in% c("array_out", "sarray_out") && identical(ps[[j]]$b$capacity, capname) &&
             is.null(ps[[j]]$b$trim)) j <- j + 1L
      cols <- if (j > i + cap_first) ps[(i + cap_first):(j - 1L)] else list()
      if (!cap_first) { if (role(j) == "capacity" && nm[j] == capname) j <- j + 1L else cols <- list() }
      if (!length(cols) || role(j) != "needed" || ps[[j]]$type != "size_t" || ps[[j]]$ptr != 1L)
        why <- paste("an output table without its capacity and needed size:", p$raw)
      else if (!all(vapply(cols, out_elem_ok, TRUE))) why <- paste("unsupported output", p$raw)
      else add(list(kind = "out_arrays", ps = cols, cap = ps[[match(capname, nm)]], needed = ps[[j]],
                    cap_first = cap_first))
      i <- j + 1L
    } else {
      why <- paste0("unsupported parameter ", p$raw, " (binding role ", r, ")")
    }
  }
  ret_ok <- f$ret %in% c("fgroi_status", "void", "const char *", "const char*", scalar_types) ||
    enum_like(f$ret) || struct_ok(f$ret)
  if (is.null(why) && !ret_ok) why <- paste("unsupported return type", f$ret)
  f$slots <- slots
  f$why <- why
  f
}
funcs <- lapply(funcs, classify)
for (nm_ in names(funcs)) if (!is.null(exported) && !nm_ %in% exported) {
  funcs[[nm_]]$why <- "not exported by the library"
  funcs[[nm_]]$missing <- TRUE
}
wrapped <- names(funcs)[vapply(funcs, function(f) is.null(f$why), TRUE)]
# an input given as rows of `cols` values (a matrix in R)
in_rows <- integer(0)
for (f in funcs) for (q in f$params) if (!is.null(q$b$cols)) in_rows[paste0(f$name, ".", q$name)] <- as.integer(q$b$cols)

## ---- C code generation ---------------------------------------------------------
ctype_of <- function(t) if (t == "unsigned") "unsigned int" else t
c_lines <- character()
emit <- function(...) c_lines <<- c(c_lines, paste0(...))

conv_from <- function(t) {   # C value expression -> SEXP (unprotected)
  if (domain_enum(t)) paste0("fgr_mk_enum_", t, "((int)(%s))")
  else if (t == "fgroi_method") "fgr_mk_method(%s)"
  else if (t == "fgroi_alternative") "fgr_mk_alternative(%s)"
  else if (t %in% c("int", "int32_t", "int16_t", "int8_t", "uint16_t", "bool", "_Bool", "uint8_t") || enum_like(t))
    "Rf_ScalarInteger((int)(%s))"
  else "Rf_ScalarReal((double)(%s))"
}

# statement that reads SEXP `s` into lvalue `lv`; `ret` turns a status
# expression into the return statement used on failure
scalar_in <- function(t, s, lv, ret = function(e) sprintf("return %s;", e)) {
  chk <- function(call) sprintf("if ((st = %s) != FGROI_OK) %s", call, ret("st"))
  if (t == "fgroi_method") return(chk(sprintf("fgr_get_method(%s, &%s)", s, lv)))
  if (t == "fgroi_alternative") return(chk(sprintf("fgr_get_alternative(%s, &%s)", s, lv)))
  if (t == "double") return(chk(sprintf("fgr_get_double(%s, &%s)", s, lv)))
  if (domain_enum(t)) return(chk(sprintf("fgr_enum_%s(%s, &%s)", t, s, lv)))
  lim <- switch(t, int8_t = c("-128", "127"), int16_t = c("-32768", "32767"), uint8_t = c("0", "255"),
                uint16_t = c("0", "65535"), uint32_t = , unsigned = , "unsigned int" = c("0", "UINT_MAX"),
                size_t = , uint64_t = c("0", "INT64_MAX"), int64_t = NULL, c("INT_MIN", "INT_MAX"))
  if (is.null(lim)) return(chk(sprintf("fgr_get_int64(%s, &%s)", s, lv)))
  sprintf("{ int64_t t_ = 0; %s if (t_ < (int64_t)%s || (t_ > 0 && (uint64_t)t_ > (uint64_t)%s)) %s %s = (%s)t_; }",
          chk(sprintf("fgr_get_int64(%s, &t_)", s)), lim[1], lim[2], ret("FGROI_E_OUT_OF_RANGE"), lv, ctype_of(t))
}

struct_uses <- unique(unlist(lapply(funcs[wrapped], function(f) {
  one <- function(s) {
    if (s$kind %in% c("in_arrays", "out_arrays")) vapply(s$ps, function(q) if (!is.null(structs[[q$type]])) paste0("A:", q$type) else "", "")
    else if (s$kind == "out_len" && !is.null(structs[[s$p$type]])) paste0("A:", s$p$type)
    else if (s$kind %in% c("in_struct", "out_struct", "inout_struct", "struct_val")) paste0("S:", s$p$type)
    else ""
  }
  c(unlist(lapply(f$slots, one)), if (struct_ok(f$ret)) paste0("S:", f$ret))
})))
struct_uses <- struct_uses[nzchar(struct_uses)]

gen_struct_conv <- function(t) {
  fs <- structs[[t]]
  if (fs[[1]]$name == "struct_size") fs <- fs[-1]
  fs <- Filter(Negate(is_ptr_field), fs)
  emit("static FGR_UNUSED SEXP fgr_from_", t, "(const ", t, " *v) {")
  emit("  SEXP res = PROTECT(Rf_allocVector(VECSXP, ", length(fs), "));")
  emit("  SEXP nms = PROTECT(Rf_allocVector(STRSXP, ", length(fs), "));")
  for (j in seq_along(fs)) {
    f <- fs[[j]]
    emit("  SET_STRING_ELT(nms, ", j - 1L, ", Rf_mkChar(\"", f$name, "\"));")
    if (f$dim == "") {
      emit("  SET_VECTOR_ELT(res, ", j - 1L, ", ", sprintf(conv_from(f$type), paste0("v->", f$name)), ");")
    } else {
      emit("  SET_VECTOR_ELT(res, ", j - 1L, ", fgr_mk_real_array(\"", ctype_of(f$type), "\", v->", f$name, ", (size_t)(", f$dim, ")));")
    }
  }
  emit("  Rf_setAttrib(res, R_NamesSymbol, nms);")
  emit("  UNPROTECT(2);")
  emit("  return res;")
  emit("}")
  emit("")
  emit("static FGR_UNUSED fgroi_status fgr_to_", t, "(SEXP s, ", t, " *v) {")
  emit("  fgroi_status st = FGROI_OK;")
  emit("  SEXP e;")
  # long calls check R's user interrupt (issue 16): a control, or an
  # options struct's control field, is always the package's interrupt
  # check (src/fgr_util.c), whatever R passed
  if (t == "fgroi_control") emit("  *v = *fgr_interrupt_control();")
  if (any(vapply(structs[[t]], function(f) is_ptr_field(f) && f$name == "control", TRUE)))
    emit("  v->control = fgr_interrupt_control();")
  emit("  if (Rf_isNull(s)) return FGROI_OK;")
  emit("  if (TYPEOF(s) != VECSXP) Rf_error(\"a ", t, " must be a named list\");")
  for (f in fs) {
    emit("  e = fgr_list_get(s, \"", f$name, "\");")
    if (f$dim != "") {
      emit("  if (!Rf_isNull(e)) { const void *p_ = NULL; size_t n_ = 0;")
      emit("    if ((st = fgr_get_array(e, \"", ctype_of(f$type), "\", &p_, &n_)) != FGROI_OK) return st;")
      emit("    if (n_ != (size_t)(", f$dim, ")) return FGROI_E_LENGTH_MISMATCH;")
      emit("    memcpy(v->", f$name, ", p_, sizeof v->", f$name, "); }")
    } else {
      emit("  if (!Rf_isNull(e)) { ", scalar_in(f$type, "e", paste0("v->", f$name)), " }")
    }
  }
  emit("  return st;")
  emit("}")
  emit("")
}

# arrays of structs: data frames (lists of equal-length columns)
gen_array_conv <- function(t) {
  fs <- structs[[t]]
  sized <- fs[[1]]$name == "struct_size"
  if (sized) fs <- fs[-1]
  emit("static FGR_UNUSED SEXP fgr_from_array_", t, "(const ", t, " *v, size_t n) {")
  emit("  SEXP res = PROTECT(Rf_allocVector(VECSXP, ", length(fs), "));")
  emit("  SEXP nms = PROTECT(Rf_allocVector(STRSXP, ", length(fs), "));")
  emit("  SEXP col, rn;")
  emit("  size_t i;")
  for (j in seq_along(fs)) {
    f <- fs[[j]]
    emit("  SET_STRING_ELT(nms, ", j - 1L, ", Rf_mkChar(\"", f$name, "\"));")
    if (f$type %in% c("fgroi_method", "fgroi_alternative")) {
      fn <- if (f$type == "fgroi_method") "fgroi_method_name" else "fgroi_alternative_name"
      emit("  col = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n));")
      emit("  for (i = 0; i < n; i++) { const char *c_ = ", fn, "(v[i].", f$name, "); SET_STRING_ELT(col, (R_xlen_t)i, c_ ? Rf_mkChar(c_) : NA_STRING); }")
    } else if (grepl("^Rf_ScalarInteger", conv_from(f$type))) {
      emit("  col = PROTECT(Rf_allocVector(INTSXP, (R_xlen_t)n));")
      emit("  for (i = 0; i < n; i++) INTEGER(col)[i] = (int)v[i].", f$name, ";")
    } else {
      emit("  col = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)n));")
      emit("  for (i = 0; i < n; i++) REAL(col)[i] = (double)v[i].", f$name, ";")
    }
    emit("  SET_VECTOR_ELT(res, ", j - 1L, ", col);")
    emit("  UNPROTECT(1);")
  }
  emit("  Rf_setAttrib(res, R_NamesSymbol, nms);")
  emit("  rn = PROTECT(Rf_allocVector(INTSXP, 2));")
  emit("  INTEGER(rn)[0] = NA_INTEGER; INTEGER(rn)[1] = -(int)n;")
  emit("  Rf_setAttrib(res, R_RowNamesSymbol, rn);")
  emit("  Rf_setAttrib(res, R_ClassSymbol, Rf_mkString(\"data.frame\"));")
  emit("  UNPROTECT(3);")
  emit("  return res;")
  emit("}")
  emit("")
  emit("static FGR_UNUSED void fgr_init_array_", t, "(", t, " *v, size_t n) {")
  emit("  memset(v, 0, n * sizeof *v);")
  if (sized) emit("  for (size_t i = 0; i < n; i++) v[i].struct_size = sizeof *v;")
  else emit("  (void)n;")
  emit("}")
  emit("")
  emit("static FGR_UNUSED fgroi_status fgr_to_array_", t, "(SEXP s, const ", t, " **out, size_t *np) {")
  emit("  fgroi_status st = FGROI_OK;")
  emit("  size_t n = 0, i;")
  emit("  SEXP e;")
  emit("  ", t, " *v;")
  emit("  if (TYPEOF(s) != VECSXP) Rf_error(\"an array of ", t, " must be a data frame or a list of columns\");")
  emit("  e = fgr_list_get(s, \"", fs[[1]]$name, "\");")
  emit("  if (Rf_isNull(e)) return FGROI_E_NULL;")
  emit("  n = (size_t)XLENGTH(e);")
  emit("  v = (", t, " *)R_alloc(n > 0 ? n : 1, sizeof *v);")
  emit("  fgr_init_array_", t, "(v, n > 0 ? n : 1);")
  for (f in fs) {
    emit("  e = fgr_list_get(s, \"", f$name, "\");")
    emit("  if (Rf_isNull(e)) return FGROI_E_NULL;")
    emit("  if ((size_t)XLENGTH(e) != n) return FGROI_E_LENGTH_MISMATCH;")
    emit("  for (i = 0; i < n; i++) {")
    emit("    SEXP x_ = PROTECT(fgr_elt(e, i));")
    emit("    ", scalar_in(f$type, "x_", paste0("v[i].", f$name), function(e) sprintf("{ UNPROTECT(1); return %s; }", e)))
    emit("    UNPROTECT(1);")
    emit("  }")
  }
  emit("  *out = v;")
  emit("  *np = n;")
  emit("  return st;")
  emit("}")
  emit("")
}

emit("/* Generated by tools/generate.R from libfgroi's API description (api.json). Do not edit. */")
emit("#include \"fgroi_r.h\"")
emit("")
emit("#if defined(__GNUC__)")
emit("#define FGR_UNUSED __attribute__((unused))")
emit("#else")
emit("#define FGR_UNUSED")
emit("#endif")
emit("")
for (t in names(enum_consts)) {
  ec <- enum_consts[[t]]
  emit("static FGR_UNUSED fgroi_status fgr_enum_", t, "(SEXP s, ", t, " *out) {")
  emit("  if (TYPEOF(s) == STRSXP) {")
  emit("    const char *nm = NULL;")
  emit("    fgroi_status st = fgr_get_string(s, &nm);")
  emit("    if (st != FGROI_OK) return st;")
  for (j in seq_along(ec$const))
    emit("    if (strcmp(nm, \"", ec$short[j], "\") == 0 || strcmp(nm, \"", ec$const[j], "\") == 0) { *out = ", ec$const[j], "; return FGROI_OK; }")
  emit("    return FGROI_E_UNKNOWN_NAME;")
  emit("  } else {")
  emit("    int64_t v = 0;")
  emit("    fgroi_status st = fgr_get_int64(s, &v);")
  emit("    if (st != FGROI_OK) return st;")
  emit("    if (v < INT_MIN || v > INT_MAX) return FGROI_E_OUT_OF_RANGE;")
  emit("    *out = (", t, ")v;   /* the library validates the value */")
  emit("    return FGROI_OK;")
  emit("  }")
  emit("}")
  emit("")
  emit("static FGR_UNUSED SEXP fgr_mk_enum_", t, "(int v) {")
  emit("  switch (v) {")
  for (j in seq_along(ec$const)) emit("    case ", ec$const[j], ": return Rf_mkString(\"", ec$short[j], "\");")
  emit("    default: return Rf_ScalarInteger(v);")
  emit("  }")
  emit("}")
  emit("")
}
for (u in struct_uses) {
  t <- substring(u, 3)
  if (startsWith(u, "S:")) gen_struct_conv(t) else gen_array_conv(t)
}

r_lines <- character()
remit <- function(...) r_lines <<- c(r_lines, paste0(...))
remit("# Generated by tools/generate.R from libfgroi's API description (api.json). Do not edit.")
remit("")
rd_usage <- character()
routines <- character()
decls <- character()
api_rows <- character()

# An R argument's default is the API description's ("default" of its
# binding: conf_level 0.95, method "default", alternative "two_sided",
# seed 1, a domain enum's value 0 by its name, an optional struct NULL);
# none when the description gives none.
r_default <- function(p) {
  b <- p$b
  if (!("default" %in% names(b))) return("")
  v <- b$default
  if (is.null(v)) return(" = NULL")
  if (is.character(v)) return(paste0(' = "', v, '"'))
  if (domain_enum(p$type)) {
    vals <- unlist(api$enums[[p$type]]$values)
    k <- match(names(vals)[match(v, vals)], enum_consts[[p$type]]$const)
    if (!is.na(k)) return(paste0(' = "', enum_consts[[p$type]]$short[k], '"'))
  }
  paste0(" = ", format(v, digits = 15L))
}

is_struct_elem <- function(q) !is.null(structs[[q$type]])
elem_ctype <- function(q) if (q$type == "char") "char*" else ctype_of(q$type)

for (f in funcs) {
  if (!is.null(f$why)) {
    api_rows <- c(api_rows, paste0(f$name, if (isTRUE(f$missing)) "\tnot_in_library\t" else "\tunsupported\t", f$why))
    next
  }
  cname <- paste0("fgr_", f$name)
  ins <- list(); outs <- list()
  for (s in f$slots) {
    if (s$kind == "in_arrays") for (q in s$ps) ins[[length(ins) + 1]] <- list(kind = "array", p = q)
    else if (s$kind == "out_arrays") for (q in s$ps) outs[[length(outs) + 1]] <- list(kind = "out_arrays_elem", p = q, needed = s$needed)
    else if (s$kind %in% c("out_struct", "out_scalar", "out_fixed", "out_len")) outs[[length(outs) + 1]] <- s
    else ins[[length(ins) + 1]] <- list(kind = s$kind, p = s$p)
    if (s$kind == "inout_struct") outs[[length(outs) + 1]] <- s
  }
  argnames <- vapply(ins, function(a) a$p$name, "")
  sargs <- if (length(argnames)) paste0("SEXP s_", argnames, collapse = ", ") else "void"
  routines <- c(routines, sprintf("  {\"%s\", (DL_FUNC) &%s, %d},", cname, cname, length(argnames)))
  decls <- c(decls, paste0("  SEXP ", cname, "(", if (length(argnames)) paste(rep("SEXP", length(argnames)), collapse = ", ") else "void", "); \\"))
  guess <- paste0("fgr_guess_capacity(", length(argnames),
                  if (length(argnames)) paste0(", ", paste0("s_", argnames, collapse = ", ")), ")")
  emit("SEXP ", cname, "(", sargs, ");")
  emit("SEXP ", cname, "(", sargs, ") {")
  emit("  fgroi_status st = FGROI_OK;")
  emit("  SEXP res, nms;")
  # Single scalar outputs get room for many elements: should a header ever pass
  # an array where the generator saw one value, the library still writes
  # inside memory we own.
  emit("  size_t room_ = ", guess, ";")
  emit("  (void)room_; (void)st;")
  # A call that takes a control (an argument, or an options struct's
  # field) gets one with a message buffer: on an error the library writes
  # why (the limit and the observed size of a FGROI_E_TOO_LARGE, ...), and
  # the status object carries it to R (R/errors.R). Its progress callback
  # is the package's interrupt check (src/fgr_util.c, issue 16).
  has_ctl <- any(vapply(f$slots, function(s) s$kind %in% c("in_struct", "struct_val") &&
    (s$p$type == "fgroi_control" || any(vapply(structs[[s$p$type]], function(fl) is_ptr_field(fl) &&
                                                  fl$name == "control", TRUE))), TRUE))
  if (has_ctl) {
    emit("  char msg_[512];")
    emit("  fgroi_control ctl_ = *fgr_interrupt_control();")
    emit("  msg_[0] = '\\0';")
    emit("  ctl_.message = msg_;")
    emit("  ctl_.message_capacity = sizeof msg_;")
  }
  call_args <- character()
  B <- function(...) emit("  ", ...)
  retf <- function(nm) function(e) sprintf("return fgr_status(%s, \"%s\");", e, nm)
  for (s in f$slots) {
    p <- s$p
    if (s$kind %in% c("scalar", "method", "alternative", "status")) {
      B(ctype_of(p$type), " a_", p$name, ";")
      B(scalar_in(p$type, paste0("s_", p$name), paste0("a_", p$name), retf(p$name)))
      call_args <- c(call_args, paste0("a_", p$name))
    } else if (s$kind == "string") {
      B("const char *a_", p$name, ";")
      B("if ((st = fgr_get_string(s_", p$name, ", &a_", p$name, ")) != FGROI_OK) return fgr_status(st, \"", p$name, "\");")
      call_args <- c(call_args, paste0("a_", p$name))
    } else if (s$kind == "in_arrays") {
      ln <- s$len$name
      B("size_t a_", ln, " = 0;")
      first <- TRUE
      for (q in s$ps) {
        ctp <- if (q$type == "char") "const char *" else paste0("const ", ctype_of(q$type), " ")
        B(ctp, "*a_", q$name, " = NULL;")
        nvar <- if (first) paste0("a_", ln) else "n2_"
        B("{ size_t n2_ = 0; (void)n2_;")
        if (is_struct_elem(q))
          B("  if ((st = fgr_to_array_", q$type, "(s_", q$name, ", &a_", q$name, ", &", nvar, ")) != FGROI_OK) return fgr_status(st, \"", q$name, "\");")
        else
          B("  if ((st = fgr_get_array(s_", q$name, ", \"", elem_ctype(q), "\", (const void **)&a_", q$name, ", &", nvar,
            ")) != FGROI_OK) return fgr_status(st, \"", q$name, "\");")
        w <- in_rows[paste0(f$name, ".", q$name)]
        if (!is.na(w)) {
          B("  if (", nvar, " % ", w, " != 0) return fgr_status(FGROI_E_LENGTH_MISMATCH, \"", q$name, "\");")
          B("  ", nvar, " /= ", w, ";")
        }
        if (!first) B("  if (n2_ != a_", ln, ") return fgr_status(FGROI_E_LENGTH_MISMATCH, \"", q$name, "\");")
        B("}")
        first <- FALSE
      }
      for (q in s$ps) call_args <- c(call_args, paste0("a_", q$name))
      call_args <- c(call_args, paste0("a_", ln))
    } else if (s$kind == "in_fixed") {
      B("const ", ctype_of(p$type), " *a_", p$name, " = NULL;")
      B("{ size_t n_ = 0; if ((st = fgr_get_array(s_", p$name, ", \"", ctype_of(p$type), "\", (const void **)&a_", p$name,
        ", &n_)) != FGROI_OK) return fgr_status(st, \"", p$name, "\");")
      B("  if (n_ != ", s$len, ") return fgr_status(FGROI_E_LENGTH_MISMATCH, \"", p$name, "\"); }")
      call_args <- c(call_args, paste0("a_", p$name))
    } else if (s$kind %in% c("in_struct", "inout_struct", "struct_val")) {
      dflt <- sub("^fgroi_(.*)_options$", "fgroi_\\1_options_default", p$type)
      B(p$type, " a_", p$name, " = FGROI_INIT(", p$type, ");")
      if (grepl("_options$", p$type) && dflt %in% wrapped && s$kind != "inout_struct") {
        # start from the library's documented defaults
        dp <- funcs[[dflt]]$params
        if (length(dp) == 0L && funcs[[dflt]]$ret == p$type)
          B("a_", p$name, " = ", dflt, "();")
        else if (length(dp) == 1L && dp[[1]]$type == p$type && dp[[1]]$ptr == 1L)
          B("(void)", dflt, "(&a_", p$name, ");")
      }
      B("if ((st = fgr_to_", p$type, "(s_", p$name, ", &a_", p$name, ")) != FGROI_OK) return fgr_status(st, \"", p$name, "\");")
      if (has_ctl && s$kind != "inout_struct") {
        if (p$type == "fgroi_control") B("a_", p$name, " = ctl_;")
        else if (any(vapply(structs[[p$type]], function(fl) is_ptr_field(fl) && fl$name == "control", TRUE)))
          B("a_", p$name, ".control = &ctl_;")
      }
      call_args <- c(call_args, if (s$kind == "struct_val") paste0("a_", p$name) else paste0("&a_", p$name))
    } else if (s$kind == "out_struct") {
      # one result struct (api.json's role; the Python binding allocates
      # one too): room_ of them cost a pass over input-length structs
      # before the call (2e6 doses: 300 MB) where no interrupt is seen
      B(p$type, " o_", p$name, "[1];")
      B("memset(o_", p$name, ", 0, sizeof o_", p$name, "); o_", p$name, "[0].struct_size = sizeof *o_", p$name, ";")
      call_args <- c(call_args, paste0("o_", p$name))
    } else if (s$kind == "out_scalar") {
      B(ctype_of(p$type), " *o_", p$name, " = (", ctype_of(p$type), " *)R_alloc(room_, sizeof(", ctype_of(p$type), "));")
      B("memset(o_", p$name, ", 0, room_ * sizeof *o_", p$name, ");")
      call_args <- c(call_args, paste0("o_", p$name))
    } else if (s$kind == "out_fixed") {
      B(ctype_of(p$type), " o_", p$name, "[", s$len, "];")
      B("memset(o_", p$name, ", 0, sizeof o_", p$name, ");")
      call_args <- c(call_args, paste0("o_", p$name))
    } else if (s$kind == "out_len") {
      B("size_t c_", p$name, " = a_", s$lenname, " > 0 ? a_", s$lenname, " : 1;")
      B(ctype_of(p$type), " *o_", p$name, " = (", ctype_of(p$type), " *)R_alloc(c_", p$name, ", sizeof(", ctype_of(p$type), "));")
      if (is_struct_elem(p)) B("fgr_init_array_", p$type, "(o_", p$name, ", c_", p$name, ");")
      else B("memset(o_", p$name, ", 0, c_", p$name, " * sizeof *o_", p$name, ");")
      call_args <- c(call_args, paste0("o_", p$name), if (!is.null(s$cap)) paste0("c_", p$name))
    } else if (s$kind == "out_arrays") {
      cap <- s$cap$name; nd <- s$needed$name
      B("size_t a_", cap, " = room_;")
      B("size_t n_", nd, " = 0;")
      for (q in s$ps) {
        B(ctype_of(q$type), " *o_", q$name, " = (", ctype_of(q$type), " *)R_alloc(a_", cap, ", sizeof(", ctype_of(q$type), "));")
        if (is_struct_elem(q)) B("fgr_init_array_", q$type, "(o_", q$name, ", a_", cap, ");")
        else B("memset(o_", q$name, ", 0, a_", cap, " * sizeof *o_", q$name, ");")
        if (!isTRUE(s$cap_first)) call_args <- c(call_args, paste0("o_", q$name))
      }
      if (isTRUE(s$cap_first))
        call_args <- c(call_args, paste0("a_", cap), paste0("o_", vapply(s$ps, function(q) q$name, "")), paste0("&n_", nd))
      else
        call_args <- c(call_args, paste0("a_", cap), paste0("&n_", nd))
    }
  }
  call <- paste0(f$name, "(", paste(call_args, collapse = ", "), ")")
  has_status <- f$ret == "fgroi_status"
  if (has_status) {
    emit("  st = ", call, ";")
    for (s in Filter(function(s) s$kind == "out_arrays", f$slots)) {
      cap <- s$cap$name; nd <- s$needed$name
      emit("  if (st == FGROI_E_CAPACITY && n_", nd, " > a_", cap, ") {   /* grow once to the size asked for */")
      emit("    a_", cap, " = n_", nd, ";")
      for (q in s$ps) {
        emit("    o_", q$name, " = (", ctype_of(q$type), " *)R_alloc(a_", cap, ", sizeof(", ctype_of(q$type), "));")
        if (is_struct_elem(q)) emit("    fgr_init_array_", q$type, "(o_", q$name, ", a_", cap, ");")
        else emit("    memset(o_", q$name, ", 0, a_", cap, " * sizeof *o_", q$name, ");")
      }
      emit("    st = ", call, ";")
      emit("  }")
      emit("  if (st == FGROI_OK && n_", nd, " > a_", cap, ") st = FGROI_E_INTERNAL;")
    }
    emit("  if (st != FGROI_OK) return ", if (has_ctl) "fgr_status_msg(st, NULL, msg_)" else "fgr_status(st, NULL)", ";")
  } else if (f$ret == "void") {
    emit("  ", call, ";")
  } else if (f$ret %in% c("const char *", "const char*")) {
    emit("  const char *r_ = ", call, ";")
  } else {
    emit("  ", f$ret, " r_ = ", call, ";")
  }
  nres <- length(outs) + as.integer(!has_status && f$ret != "void")
  emit("  res = PROTECT(Rf_allocVector(VECSXP, ", nres, "));")
  emit("  nms = PROTECT(Rf_allocVector(STRSXP, ", nres, "));")
  idx <- 0L
  if (!has_status && f$ret != "void") {
    ex <- if (f$ret %in% c("const char *", "const char*")) "fgr_mk_string(r_)"
          else if (struct_ok(f$ret)) paste0("fgr_from_", f$ret, "(&r_)")
          else sprintf(conv_from(f$ret), "r_")
    emit("  SET_VECTOR_ELT(res, ", idx, ", ", ex, ");")
    emit("  SET_STRING_ELT(nms, ", idx, ", Rf_mkChar(\"value\"));")
    idx <- idx + 1L
  }
  for (s in outs) {
    p <- s$p
    arr <- function(n) if (is_struct_elem(p)) paste0("fgr_from_array_", p$type, "(o_", p$name, ", ", n, ")")
                       else paste0("fgr_mk_real_array(\"", if (enum_like(p$type)) "int" else ctype_of(p$type), "\", o_", p$name, ", ", n, ")")
    ex <- switch(s$kind,
      out_struct = paste0("fgr_from_", p$type, "(o_", p$name, ")"),
      inout_struct = paste0("fgr_from_", p$type, "(&a_", p$name, ")"),
      out_scalar = sprintf(conv_from(p$type), paste0("o_", p$name, "[0]")),
      out_fixed = arr(s$len),
      out_len = arr(paste0("a_", s$lenname)),
      out_arrays_elem = arr(paste0("n_", s$needed$name)))
    emit("  SET_VECTOR_ELT(res, ", idx, ", ", ex, ");")
    emit("  SET_STRING_ELT(nms, ", idx, ", Rf_mkChar(\"", p$name, "\"));")
    idx <- idx + 1L
  }
  emit("  Rf_setAttrib(res, R_NamesSymbol, nms);")
  emit("  UNPROTECT(2);")
  emit("  return res;")
  emit("}")
  emit("")

  # R side
  rargs <- vapply(ins, function(a) {
    d <- if (a$kind == "inout_struct") " = NULL" else r_default(a$p)
    paste0(a$p$name, d)
  }, "")
  rsig <- paste(rargs, collapse = ", ")
  coerced <- vapply(ins, function(a) {
    q <- a$p; n <- q$name
    if (a$kind %in% c("array", "in_fixed")) {
      w <- in_rows[paste0(f$name, ".", n)]
      if (!is.na(w)) sprintf(".fgr_wholes(.fgr_rows(%s, %dL), \"%s\")", n, w, n)
      else if (is_struct_elem(q)) sprintf(".fgr_columns(%s, \"%s\")", n, n)
      else if (q$type == "double") sprintf(".fgr_doubles(%s, \"%s\")", n, n)
      else if (q$type == "char") sprintf(".fgr_strings(%s, \"%s\")", n, n)
      else sprintf(".fgr_wholes(%s, \"%s\")", n, n)
    } else if (a$kind %in% c("in_struct", "inout_struct", "struct_val")) sprintf(".fgr_list(%s, \"%s\")", n, n)
    else if (q$type %in% c("fgroi_method", "fgroi_alternative") || q$type == "char") sprintf(".fgr_string(%s, \"%s\")", n, n)
    else if (q$type == "double") sprintf(".fgr_double(%s, \"%s\")", n, n)
    else if (domain_enum(q$type)) sprintf(".fgr_enum(%s, \"%s\", c(%s))", n, n,
                                          paste0("\"", enum_consts[[q$type]]$short, "\"", collapse = ", "))
    else sprintf(".fgr_whole(%s, \"%s\")", n, n)
  }, "")
  remit(f$name, " <- function(", rsig, ") {")
  remit("  res <- .Call(C_", cname, if (length(coerced)) paste0(",\n    ", paste(coerced, collapse = ",\n    ")), ")")
  remit("  .fgr_result(res, \"", f$name, "\")")
  remit("}")
  remit("")
  rd_usage <- c(rd_usage, paste0(f$name, "(", rsig, ")"))
  api_rows <- c(api_rows, paste0(f$name, "\twrapped\t",
    paste(vapply(f$slots, function(s) s$kind, ""), collapse = ",")))
}

hdr <- c("/* Generated by tools/generate.R. Do not edit. */",
         "#define FGR_GENERATED_CALLS \\",
         paste0(sub(",$", ", \\\\", routines)),
         "")
hdr <- c(hdr, "#define FGR_GENERATED_DECLS \\", decls, "")

dir.create(file.path(pkgdir, "inst"), showWarnings = FALSE)
writeLines(c_lines, file.path(pkgdir, "src", "fgroi_gen.c"))
writeLines(hdr, file.path(pkgdir, "src", "fgroi_gen.h"))
writeLines(r_lines, file.path(pkgdir, "R", "zz_generated.R"))
incdir <- Sys.getenv("FGROI_INCLUDE_DIR")
writeLines(c(paste0("# libfgroi public functions found in ", api_file, " by tools/generate.R"),
             if (nzchar(incdir)) paste0("# headers: ", incdir),
             api_rows),
           file.path(pkgdir, "inst", "fgroi_api.txt"))
# every status every function documents, with the arguments it names and
# their domain (docs/api.json's "statuses"): tests/testthat/test-error-detail.R
# walks them all
st_rows <- unlist(lapply(api$functions, function(fn) vapply(fn$statuses, function(s)
  paste(fn$name, s$status, paste(unlist(s$arguments), collapse = ", "), gsub("[\t\n]", " ", s$domain),
        sep = "\t"), "")))
writeLines(c("# function\tstatus\targuments\tdomain, from the API description by tools/generate.R",
             st_rows), file.path(pkgdir, "inst", "fgroi_statuses.txt"))

rd <- c("% Generated by tools/generate.R. Do not edit.",
        "\\name{fgroi-c-api}",
        "\\alias{fgroi-c-api}",
        paste0("\\alias{", wrapped, "}"),
        "\\title{Low-level wrappers of every libfgroi C function}",
        "\\description{",
        "One R function per public C function of libfgroi, with the C name and",
        "the C argument names, generated from the API description (api.json). Inputs are",
        "coerced (counts must be whole numbers), methods and alternatives are",
        "given by their stable names (\\code{\"wilson\"}, \\code{\"two_sided\"}),",
        "and the outputs come back as a named list (a single output is returned",
        "directly). Structs are named lists of their fields. Every non-OK status",
        "is signalled as an \\code{fgroi_error} condition (see",
        "\\code{\\link{fgroi_error}}). The idiomatic functions such as",
        "\\code{\\link{prop_ci}} are built on these.",
        "}",
        "\\usage{",
        rd_usage,
        "}",
        "\\arguments{",
        "\\item{...}{the C function's arguments, by the C parameter names; see",
        "the libfgroi headers for their meaning.}",
        "}",
        "\\value{The C function's outputs as a named list, or the single output.}",
        "\\examples{",
        "fgroi_prop_ci(3, 12, \"wilson\", 0.95, \"two_sided\")",
        "}",
        "\\keyword{internal}")
# usage items must document every argument; list them
argn <- unique(unlist(lapply(funcs[wrapped], function(f) unlist(lapply(f$slots, function(s)
  if (s$kind == "in_arrays") vapply(s$ps, function(q) q$name, "")
  else if (s$kind %in% c("out_struct", "out_scalar", "out_arrays", "out_fixed", "out_len")) NULL
  else s$p$name)))))
rd[rd == "\\item{...}{the C function's arguments, by the C parameter names; see"] <-
  paste0("\\item{", paste(argn, collapse = ","), "}{the C function's arguments, by the C parameter names; see")
writeLines(rd, file.path(pkgdir, "man", "fgroi-c-api.Rd"))

cat(sprintf("generate.R: %d public functions, %d wrapped, %d unsupported\n",
            length(funcs), length(wrapped), length(funcs) - length(wrapped)))
