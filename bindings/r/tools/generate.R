# Generate the low-level .Call layer of the fgroi R package from libfgroi's
# public headers.
#
#   Rscript tools/generate.R <include-dir> <package-dir>
#
# <include-dir> holds fgroi/fgroi.h. Writes (all generated, never edited):
#   src/fgroi_gen.c     one .Call wrapper per public C function
#   src/fgroi_gen.h     the routine table (included by src/init.c)
#   R/zz_generated.R    one R function per public C function, same name
#   man/fgroi-c-api.Rd  their usage, generated from the same data
#   inst/fgroi_api.txt  the public functions found, with how each was wrapped
#
# Every public function follows a handful of signature patterns (see the
# house style): int64_t counts, doubles, fgroi_method/fgroi_alternative
# enums, `const T *x, size_t n` arrays, caller-allocated output arrays with
# a capacity (and a `size_t *` needed size), and out-pointers to structs
# that start with `size_t struct_size`. A function the generator cannot
# classify is listed as unsupported in inst/fgroi_api.txt and gets no
# wrapper, so the package's coverage test names it.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2L) stop("usage: generate.R <include-dir> <package-dir> [nm-output]")
incdir <- args[[1]]
pkgdir <- args[[2]]
# Optional: `nm` output of the library; declared functions it does not
# export (declared ahead of their implementation) get no wrapper.
exported <- NULL
if (length(args) >= 3L) {
  nm <- readLines(args[[3]], warn = FALSE)
  exported <- sub("^_", "", vapply(strsplit(trimws(nm), "\\s+"), function(x) x[length(x)], ""))
}

umbrella <- file.path(incdir, "fgroi", "fgroi.h")
if (!file.exists(umbrella)) stop("no fgroi/fgroi.h under ", incdir)

## ---- read and clean the headers -------------------------------------------
strip_c <- function(txt) {
  txt <- gsub("/\\*.*?\\*/", " ", txt, perl = TRUE)          # block comments
  txt <- gsub("//[^\n]*", " ", txt, perl = TRUE)             # line comments
  lines <- strsplit(txt, "\n", fixed = TRUE)[[1]]
  lines <- lines[!grepl("^\\s*#", lines)]                     # preprocessor
  txt <- paste(lines, collapse = " ")
  txt <- gsub("extern \"C\"\\s*\\{", " ", txt)
  gsub("\\s+", " ", txt)
}
umb <- readLines(umbrella, warn = FALSE)
hdrs <- sub('.*<fgroi/([^>]+)>.*', "\\1", grep("#include <fgroi/", umb, value = TRUE))
hdrs <- unique(c("common.h", "method.h", setdiff(hdrs, "version.h")))
hdr_files <- file.path(incdir, "fgroi", hdrs)
hdr_files <- hdr_files[file.exists(hdr_files)]
src <- paste(vapply(hdr_files, function(f)
  strip_c(paste(readLines(f, warn = FALSE), collapse = "\n")), ""), collapse = " ")

## ---- enums and structs --------------------------------------------------------
m <- gregexpr("typedef enum (\\w+) \\{[^}]*\\} (\\w+);", src, perl = TRUE)
enum_types <- sub("typedef enum \\w+ \\{[^}]*\\} (\\w+);", "\\1", regmatches(src, m)[[1]], perl = TRUE)
known_enums <- c("fgroi_status", "fgroi_method", "fgroi_alternative")

m <- gregexpr("typedef struct (\\w+) \\{([^}]*)\\} (\\w+);", src, perl = TRUE)
structs <- list()
for (s in regmatches(src, m)[[1]]) {
  name <- sub(".*\\} (\\w+);$", "\\1", s)
  body <- sub("typedef struct \\w+ \\{([^}]*)\\}.*", "\\1", s)
  decls <- trimws(strsplit(body, ";", fixed = TRUE)[[1]])
  decls <- decls[nzchar(decls)]
  fields <- lapply(decls, function(d) {
    mm <- regmatches(d, regexec("^(?:const )?([A-Za-z_][A-Za-z0-9_ ]*?)\\s+([A-Za-z_]\\w*)\\s*(?:\\[(\\w+)\\])?$", d, perl = TRUE))[[1]]
    if (!length(mm)) return(list(type = "?", name = d, dim = ""))
    list(type = mm[2], name = mm[3], dim = mm[4])
  })
  structs[[name]] <- fields
}

scalar_types <- c("double", "int64_t", "size_t", "uint64_t", "int", "unsigned",
                  "unsigned int", "uint8_t", "int32_t", "uint32_t", "bool", "_Bool")
enum_like <- function(t) t %in% enum_types

## field converters: C struct -> R list, R list -> C struct
field_ok <- function(f) (f$type %in% scalar_types || enum_like(f$type)) &&
  (f$dim == "" || grepl("^[0-9]+$", f$dim) || grepl("^[A-Z_0-9]+$", f$dim))
struct_ok <- function(t) !is.null(structs[[t]]) && all(vapply(structs[[t]], field_ok, TRUE)) &&
  structs[[t]][[1]]$name == "struct_size"

## ---- functions ----------------------------------------------------------------
m <- gregexpr("FGROI_API ([^;(]*?)\\b(fgroi_\\w+) ?\\(([^)]*)\\) ?;", src, perl = TRUE)
fdecls <- regmatches(src, m)[[1]]

parse_param <- function(p) {
  p <- trimws(p)
  if (p == "void" || p == "") return(NULL)
  re <- "^(const )?([A-Za-z_][A-Za-z0-9_]*(?: int)?) ?(\\*)? ?(const )?(\\*)? ?([A-Za-z_]\\w*) ?(?:\\[(\\w*)\\])?$"
  mm <- regmatches(p, regexec(re, p, perl = TRUE))[[1]]
  if (!length(mm)) return(list(raw = p, bad = TRUE))
  list(raw = p, const = nzchar(mm[2]), type = mm[3],
       ptr = nzchar(mm[4]) + nzchar(mm[6]), name = mm[7], dim = mm[8], bad = FALSE)
}

funcs <- list()
for (d in fdecls) {
  mm <- regmatches(d, regexec("FGROI_API ([^;(]*?)\\b(fgroi_\\w+) ?\\(([^)]*)\\) ?;", d, perl = TRUE))[[1]]
  ret <- trimws(mm[2]); name <- mm[3]
  ps <- trimws(strsplit(mm[4], ",", fixed = TRUE)[[1]])
  params <- Filter(Negate(is.null), lapply(ps, parse_param))
  funcs[[name]] <- list(name = name, ret = ret, params = params)
}

## ---- classify parameters ------------------------------------------------------
# Each function becomes a list of "slots": R arguments (in) and results (out).
classify <- function(f) {
  ps <- f$params
  k <- length(ps)
  slots <- list()
  i <- 1L
  why <- NULL
  while (i <= k) {
    p <- ps[[i]]
    if (isTRUE(p$bad)) { why <- paste("cannot parse parameter", p$raw); break }
    nxt <- if (i < k) ps[[i + 1L]] else NULL
    if (p$ptr == 0L && p$dim == "") {
      # by-value scalar, enum or struct
      if (p$type == "fgroi_method") slots[[length(slots) + 1]] <- list(kind = "method", p = p)
      else if (p$type == "fgroi_alternative") slots[[length(slots) + 1]] <- list(kind = "alternative", p = p)
      else if (p$type == "fgroi_status") slots[[length(slots) + 1]] <- list(kind = "status", p = p)
      else if (p$type %in% scalar_types || enum_like(p$type)) slots[[length(slots) + 1]] <- list(kind = "scalar", p = p)
      else if (struct_ok(p$type)) slots[[length(slots) + 1]] <- list(kind = "struct_val", p = p)
      else { why <- paste("unsupported parameter", p$raw); break }
      i <- i + 1L; next
    }
    if (p$dim != "" && p$ptr == 0L) {
      # fixed-size array parameter: const T x[N]
      if (p$const && p$type %in% scalar_types && grepl("^[0-9]+$", p$dim)) {
        slots[[length(slots) + 1]] <- list(kind = "in_fixed", p = p, len = as.integer(p$dim))
        i <- i + 1L; next
      }
      if (!p$const && p$type %in% scalar_types && grepl("^[0-9]+$", p$dim)) {
        slots[[length(slots) + 1]] <- list(kind = "out_fixed", p = p, len = as.integer(p$dim))
        i <- i + 1L; next
      }
      why <- paste("unsupported array parameter", p$raw); break
    }
    if (p$const && p$type == "char" && p$ptr == 1L) {
      slots[[length(slots) + 1]] <- list(kind = "string", p = p); i <- i + 1L; next
    }
    if (p$const && p$ptr >= 1L && (p$type %in% scalar_types || enum_like(p$type) ||
                                   (p$type == "char" && p$ptr == 2L))) {
      # one or more input arrays sharing the size_t that follows them
      j <- i
      while (j <= k && ps[[j]]$const && ps[[j]]$ptr >= 1L && ps[[j]]$dim == "" &&
             (ps[[j]]$type %in% scalar_types || enum_like(ps[[j]]$type) ||
              (ps[[j]]$type == "char" && ps[[j]]$ptr == 2L))) j <- j + 1L
      if (j <= k && ps[[j]]$type == "size_t" && ps[[j]]$ptr == 0L) {
        slots[[length(slots) + 1]] <- list(kind = "in_arrays", ps = ps[i:(j - 1L)], len = ps[[j]])
        i <- j + 1L; next
      }
      why <- paste("array without a size_t length:", p$raw); break
    }
    if (p$const && p$ptr == 1L && struct_ok(p$type)) {
      slots[[length(slots) + 1]] <- list(kind = "in_struct", p = p); i <- i + 1L; next
    }
    if (!p$const && p$ptr == 1L && struct_ok(p$type)) {
      # a struct pointer before any plain input is updated in place (tallies)
      kind <- if (i == 1L) "inout_struct" else "out_struct"
      slots[[length(slots) + 1]] <- list(kind = kind, p = p); i <- i + 1L; next
    }
    if (!p$const && p$ptr == 1L && (p$type %in% scalar_types || enum_like(p$type))) {
      if (!is.null(nxt) && nxt$type == "size_t" && nxt$ptr == 0L) {
        # caller-allocated output array with capacity, optional size_t *needed
        nd <- if (i + 2L <= k && ps[[i + 2L]]$type == "size_t" && ps[[i + 2L]]$ptr == 1L && !ps[[i + 2L]]$const) ps[[i + 2L]] else NULL
        if (is.null(nd)) { why <- paste("output array without a needed-size pointer:", p$raw); break }
        slots[[length(slots) + 1]] <- list(kind = "out_array", p = p, cap = nxt, needed = nd)
        i <- i + 3L; next
      }
      slots[[length(slots) + 1]] <- list(kind = "out_scalar", p = p); i <- i + 1L; next
    }
    why <- paste("unsupported parameter", p$raw); break
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

## ---- C code generation ---------------------------------------------------------
ctype_of_scalar <- function(t) if (t == "unsigned") "unsigned int" else t
c_lines <- character()
emit <- function(...) c_lines <<- c(c_lines, paste0(...))

conv_from <- function(t) {   # C value expression -> SEXP (unprotected)
  if (t == "fgroi_method") "fgr_mk_method(%s)"
  else if (t == "fgroi_alternative") "fgr_mk_alternative(%s)"
  else if (t %in% c("int", "int32_t", "bool", "_Bool", "uint8_t") || enum_like(t)) "Rf_ScalarInteger((int)(%s))"
  else "Rf_ScalarReal((double)(%s))"
}

gen_struct_conv <- function(t) {
  fs <- structs[[t]][-1]
  emit("static SEXP fgr_from_", t, "(const ", t, " *v) {")
  emit("  SEXP res = PROTECT(Rf_allocVector(VECSXP, ", length(fs), "));")
  emit("  SEXP nms = PROTECT(Rf_allocVector(STRSXP, ", length(fs), "));")
  for (j in seq_along(fs)) {
    f <- fs[[j]]
    emit("  SET_STRING_ELT(nms, ", j - 1L, ", Rf_mkChar(\"", f$name, "\"));")
    if (f$dim == "") {
      emit("  SET_VECTOR_ELT(res, ", j - 1L, ", ", sprintf(conv_from(f$type), paste0("v->", f$name)), ");")
    } else {
      emit("  { size_t k_; SEXP a_ = PROTECT(Rf_allocVector(REALSXP, (R_xlen_t)(", f$dim, ")));")
      emit("    for (k_ = 0; k_ < (size_t)(", f$dim, "); k_++) REAL(a_)[k_] = (double)v->", f$name, "[k_];")
      emit("    SET_VECTOR_ELT(res, ", j - 1L, ", a_); UNPROTECT(1); }")
    }
  }
  emit("  Rf_setAttrib(res, R_NamesSymbol, nms);")
  emit("  UNPROTECT(2);")
  emit("  return res;")
  emit("}")
  emit("")
  emit("static fgroi_status fgr_to_", t, "(SEXP s, ", t, " *v) {")
  emit("  fgroi_status st = FGROI_OK;")
  emit("  SEXP e;")
  emit("  if (Rf_isNull(s)) return FGROI_OK;")
  emit("  if (TYPEOF(s) != VECSXP) Rf_error(\"a ", t, " must be a named list\");")
  for (f in fs) {
    emit("  e = fgr_list_get(s, \"", f$name, "\");")
    if (f$dim != "") {
      emit("  if (!Rf_isNull(e)) { size_t k_; if (TYPEOF(e) != REALSXP) Rf_error(\"field '", f$name, "' must be double\");")
      emit("    if ((size_t)XLENGTH(e) != (size_t)(", f$dim, ")) return FGROI_E_LENGTH_MISMATCH;")
      emit("    for (k_ = 0; k_ < (size_t)(", f$dim, "); k_++) {")
      if (f$type == "double") emit("      v->", f$name, "[k_] = REAL(e)[k_];")
      else {
        emit("      int64_t t_; st = fgr_dbl_to_i64(REAL(e)[k_], &t_); if (st) return st;")
        emit("      v->", f$name, "[k_] = (", ctype_of_scalar(f$type), ")t_;")
      }
      emit("    } }")
    } else {
      emit("  if (!Rf_isNull(e)) {")
      emit("    ", scalar_in(f$type, "e", paste0("v->", f$name)))
      emit("  }")
    }
  }
  emit("  return st;")
  emit("}")
  emit("")
}

# statement that reads SEXP `s` into lvalue `lv`; `ret` turns a status
# expression into the return statement used on failure
scalar_in <- function(t, s, lv, ret = function(e) sprintf("return %s;", e)) {
  chk <- function(call) sprintf("if ((st = %s) != FGROI_OK) %s", call, ret("st"))
  if (t == "fgroi_method") return(chk(sprintf("fgr_get_method(%s, &%s)", s, lv)))
  if (t == "fgroi_alternative") return(chk(sprintf("fgr_get_alternative(%s, &%s)", s, lv)))
  if (t == "double") return(chk(sprintf("fgr_get_double(%s, &%s)", s, lv)))
  if (enum_like(t) || t %in% c("int", "int32_t", "bool", "_Bool"))
    return(sprintf("{ int64_t t_ = 0; %s if (t_ < INT_MIN || t_ > INT_MAX) %s %s = (%s)t_; }",
                   chk(sprintf("fgr_get_int64(%s, &t_)", s)), ret("FGROI_E_OUT_OF_RANGE"), lv, ctype_of_scalar(t)))
  if (t %in% c("size_t", "uint64_t", "unsigned", "unsigned int", "uint32_t", "uint8_t")) {
    mx <- switch(t, uint8_t = "255", uint32_t = , unsigned = , "unsigned int" = "UINT_MAX", "INT64_MAX")
    return(sprintf("{ int64_t t_ = 0; %s if (t_ < 0 || (uint64_t)t_ > (uint64_t)%s) %s %s = (%s)t_; }",
                   chk(sprintf("fgr_get_int64(%s, &t_)", s)), mx, ret("FGROI_E_OUT_OF_RANGE"), lv, ctype_of_scalar(t)))
  }
  chk(sprintf("fgr_get_int64(%s, &%s)", s, lv))
}

needs_struct <- unique(unlist(lapply(funcs, function(f) {
  if (!is.null(f$why)) return(NULL)
  c(vapply(f$slots, function(s) if (!is.null(s$p) && s$kind %in% c("in_struct", "out_struct", "inout_struct", "struct_val")) s$p$type else "", ""),
    if (struct_ok(f$ret)) f$ret)
})))
needs_struct <- needs_struct[nzchar(needs_struct)]

emit("/* Generated by tools/generate.R from libfgroi's public headers. Do not edit. */")
emit("#include \"fgroi_r.h\"")
emit("")
for (t in needs_struct) gen_struct_conv(t)

r_lines <- character()
remit <- function(...) r_lines <<- c(r_lines, paste0(...))
remit("# Generated by tools/generate.R from libfgroi's public headers. Do not edit.")
remit("")
rd_usage <- character()
routines <- character()
api_rows <- character()

r_default <- function(p) {
  if (p$type == "fgroi_method") return(' = "default"')
  if (p$type == "fgroi_alternative") return(' = "two_sided"')
  if (p$name == "conf_level") return(" = 0.95")
  ""
}
r_coerce <- function(p, kind) {
  n <- p$name
  if (kind %in% c("in_struct", "inout_struct", "struct_val")) return(sprintf(".fgr_list(%s, \"%s\")", n, n))
  if (p$type %in% c("fgroi_method", "fgroi_alternative") || (p$type == "char" && p$ptr == 1L))
    return(sprintf(".fgr_string(%s, \"%s\")", n, n))
  if (p$type == "double") return(sprintf(".fgr_double(%s, \"%s\")", n, n))
  sprintf(".fgr_whole(%s, \"%s\")", n, n)
}

for (f in funcs) {
  if (!is.null(f$why)) {
    api_rows <- c(api_rows, paste0(f$name, if (isTRUE(f$missing)) "\tnot_in_library\t" else "\tunsupported\t", f$why))
    next
  }
  cname <- paste0("fgr_", f$name)
  ins <- list(); outs <- list()
  for (s in f$slots) {
    if (s$kind == "in_arrays") for (p in s$ps) ins[[length(ins) + 1]] <- list(kind = "array", p = p)
    else if (s$kind %in% c("out_struct", "out_scalar", "out_array", "out_fixed")) outs[[length(outs) + 1]] <- s
    else ins[[length(ins) + 1]] <- list(kind = s$kind, p = s$p)
    if (s$kind == "inout_struct") outs[[length(outs) + 1]] <- s
  }
  argnames <- vapply(ins, function(a) a$p$name, "")
  sargs <- if (length(argnames)) paste0("SEXP s_", argnames, collapse = ", ") else "void"
  routines <- c(routines, sprintf("  {\"%s\", (DL_FUNC) &%s, %d},", cname, cname, length(argnames)))
  emit("SEXP ", cname, "(", sargs, ");")
  emit("SEXP ", cname, "(", sargs, ") {")
  emit("  fgroi_status st = FGROI_OK;")
  emit("  int nprot = 0;")
  emit("  SEXP res, nms;")
  call_args <- character()
  body <- character()
  B <- function(...) body <<- c(body, paste0("  ", ...))
  for (s in f$slots) {
    p <- s$p
    if (s$kind %in% c("scalar", "method", "alternative", "status")) {
      B(ctype_of_scalar(p$type), " a_", p$name, ";")
      B(scalar_in(p$type, paste0("s_", p$name), paste0("a_", p$name),
                  function(e) sprintf("return fgr_status(%s, \"%s\");", e, p$name)))
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
        ct <- if (q$type == "char") "const char *" else paste0(ctype_of_scalar(q$type), " ")
        B(ct, "*a_", q$name, " = NULL;")
        if (first) {
          B("if ((st = fgr_get_array(s_", q$name, ", \"", if (q$type == "char") "char*" else ctype_of_scalar(q$type),
            "\", (const void **)&a_", q$name, ", &a_", ln, ")) != FGROI_OK) return fgr_status(st, \"", q$name, "\");")
        } else {
          B("{ size_t n2_ = 0; if ((st = fgr_get_array(s_", q$name, ", \"", if (q$type == "char") "char*" else ctype_of_scalar(q$type),
            "\", (const void **)&a_", q$name, ", &n2_)) != FGROI_OK) return fgr_status(st, \"", q$name, "\");")
          B("  if (n2_ != a_", ln, ") return fgr_status(FGROI_E_LENGTH_MISMATCH, \"", q$name, "\"); }")
        }
        first <- FALSE
      }
      for (q in s$ps) call_args <- c(call_args, paste0("a_", q$name))
      call_args <- c(call_args, paste0("a_", ln))
    } else if (s$kind == "in_fixed") {
      B(ctype_of_scalar(p$type), " *a_", p$name, " = NULL;")
      B("{ size_t n_ = 0; if ((st = fgr_get_array(s_", p$name, ", \"", ctype_of_scalar(p$type), "\", (const void **)&a_", p$name,
        ", &n_)) != FGROI_OK) return fgr_status(st, \"", p$name, "\");")
      B("  if (n_ != ", s$len, ") return fgr_status(FGROI_E_LENGTH_MISMATCH, \"", p$name, "\"); }")
      call_args <- c(call_args, paste0("a_", p$name))
    } else if (s$kind %in% c("in_struct", "inout_struct", "struct_val")) {
      dflt <- paste0(sub("^fgroi_(.*)_options$", "fgroi_\\1_options_default", p$type))
      if (grepl("_options$", p$type) && !is.null(funcs[[dflt]]) && length(funcs[[dflt]]$params) == 0L && funcs[[dflt]]$ret == p$type)
        B(p$type, " a_", p$name, " = ", dflt, "();")
      else
        B(p$type, " a_", p$name, " = FGROI_INIT(", p$type, ");")
      B("if ((st = fgr_to_", p$type, "(s_", p$name, ", &a_", p$name, ")) != FGROI_OK) return fgr_status(st, \"", p$name, "\");")
      call_args <- c(call_args, if (s$kind == "struct_val") paste0("a_", p$name) else paste0("&a_", p$name))
    } else if (s$kind == "out_struct") {
      B(p$type, " o_", p$name, " = FGROI_INIT(", p$type, ");")
      call_args <- c(call_args, paste0("&o_", p$name))
    } else if (s$kind == "out_scalar") {
      B(ctype_of_scalar(p$type), " o_", p$name, " = 0;")
      call_args <- c(call_args, paste0("&o_", p$name))
    } else if (s$kind == "out_fixed") {
      B(ctype_of_scalar(p$type), " o_", p$name, "[", s$len, "];")
      B("memset(o_", p$name, ", 0, sizeof o_", p$name, ");")
      call_args <- c(call_args, paste0("o_", p$name))
    } else if (s$kind == "out_array") {
      B("size_t c_", p$name, " = fgr_guess_capacity(", length(argnames), ", ",
        if (length(argnames)) paste0("s_", argnames, collapse = ", ") else "R_NilValue", ");")
      B("size_t n_", s$needed$name, " = 0;")
      B(ctype_of_scalar(p$type), " *o_", p$name, " = (", ctype_of_scalar(p$type), " *)R_alloc(c_", p$name, ", sizeof(", ctype_of_scalar(p$type), "));")
      call_args <- c(call_args, paste0("o_", p$name), paste0("c_", p$name), paste0("&n_", s$needed$name))
    }
  }
  emit(body)
  call <- paste0(f$name, "(", paste(call_args, collapse = ", "), ")")
  has_status <- f$ret == "fgroi_status"
  oa <- Filter(function(s) s$kind == "out_array", f$slots)
  if (has_status) {
    emit("  st = ", call, ";")
    for (s in oa) {   # grow once to the size the library asked for
      p <- s$p
      emit("  if (st == FGROI_E_CAPACITY && n_", s$needed$name, " > c_", p$name, ") {")
      emit("    c_", p$name, " = n_", s$needed$name, ";")
      emit("    o_", p$name, " = (", ctype_of_scalar(p$type), " *)R_alloc(c_", p$name, ", sizeof(", ctype_of_scalar(p$type), "));")
      emit("    st = ", call, ";")
      emit("  }")
    }
    emit("  if (st != FGROI_OK) return fgr_status(st, NULL);")
  } else if (f$ret == "void") {
    emit("  ", call, ";")
  } else if (f$ret %in% c("const char *", "const char*")) {
    emit("  const char *r_ = ", call, ";")
  } else {
    emit("  ", f$ret, " r_ = ", call, ";")
  }
  # results
  nres <- length(outs) + as.integer(!has_status && f$ret != "void")
  emit("  res = PROTECT(Rf_allocVector(VECSXP, ", nres, ")); nprot++;")
  emit("  nms = PROTECT(Rf_allocVector(STRSXP, ", nres, ")); nprot++;")
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
    ex <- switch(s$kind,
      out_struct = paste0("fgr_from_", p$type, "(&o_", p$name, ")"),
      inout_struct = paste0("fgr_from_", p$type, "(&a_", p$name, ")"),
      out_scalar = sprintf(conv_from(p$type), paste0("o_", p$name)),
      out_fixed = paste0("fgr_mk_real_array(\"", ctype_of_scalar(p$type), "\", o_", p$name, ", ", s$len, ")"),
      out_array = paste0("fgr_mk_real_array(\"", ctype_of_scalar(p$type), "\", o_", p$name, ", n_", s$needed$name, ")"))
    emit("  SET_VECTOR_ELT(res, ", idx, ", ", ex, ");")
    emit("  SET_STRING_ELT(nms, ", idx, ", Rf_mkChar(\"", p$name, "\"));")
    idx <- idx + 1L
  }
  emit("  Rf_setAttrib(res, R_NamesSymbol, nms);")
  emit("  UNPROTECT(nprot);")
  emit("  return res;")
  emit("}")
  emit("")

  # R side
  rargs <- vapply(ins, function(a) {
    d <- if (a$kind %in% c("inout_struct", "in_struct")) " = NULL" else r_default(a$p)
    paste0(a$p$name, d)
  }, "")
  rsig <- paste(rargs, collapse = ", ")
  coerced <- vapply(ins, function(a) {
    if (a$kind == "array") {
      q <- a$p
      if (q$type == "double") sprintf(".fgr_doubles(%s, \"%s\")", q$name, q$name)
      else if (q$type == "char") sprintf(".fgr_strings(%s, \"%s\")", q$name, q$name)
      else sprintf(".fgr_wholes(%s, \"%s\")", q$name, q$name)
    } else if (a$kind == "in_fixed") {
      if (a$p$type == "double") sprintf(".fgr_doubles(%s, \"%s\")", a$p$name, a$p$name)
      else sprintf(".fgr_wholes(%s, \"%s\")", a$p$name, a$p$name)
    } else r_coerce(a$p, a$kind)
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
hdr <- c(hdr, "#define FGR_GENERATED_DECLS \\",
         paste0(vapply(funcs[vapply(funcs, function(f) is.null(f$why), TRUE)], function(f) {
           n <- sum(vapply(f$slots, function(s) if (s$kind == "in_arrays") length(s$ps)
                           else if (s$kind %in% c("out_struct", "out_scalar", "out_array", "out_fixed")) 0L else 1L, 1L))
           paste0("  SEXP fgr_", f$name, "(", if (n) paste(rep("SEXP", n), collapse = ", ") else "void", "); \\")
         }, "")), "")

dir.create(file.path(pkgdir, "inst"), showWarnings = FALSE)
writeLines(c_lines, file.path(pkgdir, "src", "fgroi_gen.c"))
writeLines(hdr, file.path(pkgdir, "src", "fgroi_gen.h"))
writeLines(r_lines, file.path(pkgdir, "R", "zz_generated.R"))
writeLines(c(paste0("# libfgroi public functions found in ", incdir, " by tools/generate.R"), api_rows),
           file.path(pkgdir, "inst", "fgroi_api.txt"))

wrapped <- names(funcs)[vapply(funcs, function(f) is.null(f$why), TRUE)]
rd <- c("% Generated by tools/generate.R. Do not edit.",
        "\\name{fgroi-c-api}",
        "\\alias{fgroi-c-api}",
        paste0("\\alias{", wrapped, "}"),
        "\\title{Low-level wrappers of every libfgroi C function}",
        "\\description{",
        "One R function per public C function of libfgroi, with the C name and",
        "the C argument names, generated from the installed headers. Inputs are",
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
  else if (s$kind %in% c("out_struct", "out_scalar", "out_array", "out_fixed")) NULL else s$p$name)))))
rd[rd == "\\item{...}{the C function's arguments, by the C parameter names; see"] <-
  paste0("\\item{", paste(argn, collapse = ","), "}{the C function's arguments, by the C parameter names; see")
writeLines(rd, file.path(pkgdir, "man", "fgroi-c-api.Rd"))

cat(sprintf("generate.R: %d public functions, %d wrapped, %d unsupported\n",
            length(funcs), length(wrapped), length(funcs) - length(wrapped)))
