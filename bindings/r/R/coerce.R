# Coercion of R inputs before they reach C (the C side checks types again).
# Counts must be whole numbers: they travel as doubles (exact to 2^53) and
# become int64_t in C. Bad values raise the same classed conditions the C
# library would.

# The condition of an input the R side rejects, named as the library
# names its own (issue 15): "fgroi_prop_ci(): x = 2.5: must be a whole
# number (<fgroi_strerror text>) [FGROI_E_NOT_INTEGER]". The function
# named is the nearest caller that is not one of these helpers.
.fgr_caller <- function() {
  for (cl in rev(sys.calls()))
    if (is.name(cl[[1L]]) && !startsWith(as.character(cl[[1L]]), ".fgr_") &&
        !(as.character(cl[[1L]]) %in% c("stop", "force", "eval"))) return(cl)
  NULL
}

.fgr_input_error <- function(code, arg, x, domain) {
  call <- .fgr_caller()
  fun <- if (is.call(call)) as.character(call[[1L]]) else NULL
  cond <- fgroi_condition(code, fun, arg, call = call)
  shown <- if (is.numeric(x) && length(x) > 1L && code %in% c(5L, 6L, 25L, 19L)) {
    bad <- which(switch(as.character(code), "5" = is.na(x), "6" = is.infinite(x),
                        "25" = x != trunc(x), "19" = abs(x) > 2^53))[1L]
    paste0(arg, "[", bad, "] = ", .fgr_show(x[bad]))
  } else paste0(arg, " = ", .fgr_show(x))
  cond$message <- paste0(if (!is.null(fun)) paste0(fun, "(): "), shown, ": ", domain,
                         " (", .Call(C_fgr_fgroi_strerror, as.integer(code))[["value"]], ") [",
                         cond$status_name, "]")
  cond
}

.fgr_numeric_input <- function(x, arg) {
  if (is.factor(x) || !(is.numeric(x) || is.logical(x)))   # FGROI_E_OUT_OF_RANGE
    stop(.fgr_input_error(21L, arg, if (is.factor(x)) as.character(x) else x, "must be numeric"))
  as.double(x)
}

.fgr_check_whole <- function(x, arg) {
  code <- if (anyNA(x)) 5L                                   # FGROI_E_NAN
          else if (any(is.infinite(x))) 6L                  # FGROI_E_INFINITE
          else if (any(x != trunc(x))) 25L                  # FGROI_E_NOT_INTEGER
          else if (any(abs(x) > 2^53)) 19L                  # FGROI_E_TOO_LARGE
          else 0L
  if (code != 0L) {
    domain <- switch(as.character(code), "5" = "must not be NaN or NA", "6" = "must be finite",
                     "25" = "must be a whole number", "19" = "must be at most 2^53 in magnitude")
    stop(.fgr_input_error(code, arg, x, domain))
  }
  x
}

.fgr_whole <- function(x, arg) {
  x <- .fgr_numeric_input(x, arg)
  if (length(x) != 1L) stop(.fgr_input_error(13L, arg, x, "must be one number"))
  .fgr_check_whole(x, arg)
}

.fgr_wholes <- function(x, arg) .fgr_check_whole(.fgr_numeric_input(x, arg), arg)

.fgr_double <- function(x, arg) {
  x <- .fgr_numeric_input(x, arg)
  if (length(x) != 1L) stop(.fgr_input_error(13L, arg, x, "must be one number"))
  x
}

.fgr_doubles <- function(x, arg) .fgr_numeric_input(x, arg)

.fgr_string <- function(x, arg) {
  if (!is.character(x) || length(x) != 1L || is.na(x))         # FGROI_E_UNKNOWN_NAME
    stop(.fgr_input_error(22L, arg, x, "must be one name (a character string)"))
  x
}

.fgr_strings <- function(x, arg) as.character(x)

.fgr_list <- function(x, arg) {
  if (is.null(x)) return(NULL)
  if (!is.list(x) || is.null(names(x))) stop("'", arg, "' must be a named list or NULL")
  lapply(x, function(v) if (is.character(v)) v else as.double(v))
}

# An array of C structs comes from a data frame (or a list of columns).
.fgr_columns <- function(x, arg) {
  if (!is.list(x) || is.null(names(x))) stop("'", arg, "' must be a data frame or a named list of columns")
  lapply(as.list(x), function(v) if (is.character(v) || is.factor(v)) as.character(v) else as.double(v))
}

# Rows of `width` values for C, from a matrix with that many columns (or a
# vector already laid out row by row).
.fgr_rows <- function(x, width) {
  if (is.data.frame(x)) x <- as.matrix(x)
  if (is.matrix(x) && ncol(x) == width) as.vector(t(x)) else x
}

# A domain enum: its name ("log_log") or its numeric value; `names` are
# the enum's names (from the API description, tools/generate.R).
.fgr_enum <- function(x, arg, names = NULL) {
  if (!is.character(x)) return(.fgr_whole(x, arg))
  x <- .fgr_string(x, arg)
  if (!is.null(names) && !(x %in% names) && !startsWith(x, "FGROI_"))
    stop(.fgr_input_error(22L, arg, x, paste0("must be one of ", paste(names, collapse = ", "))))
  x
}

# The NA rule (docs/r.md), one for every idiomatic function: a missing value
# (NA, NaN) is an error of class fgroi_error_nan naming the argument, unless
# na.rm = TRUE, which drops the incomplete observations (for paired data
# the whole pair / dose record) and counts them. `...` are named vectors of
# equal length. Returns list(values = <the vectors without them>,
# omitted = <how many were dropped>).
.fgr_na <- function(..., na.rm = FALSE, fun = NULL) {
  v <- list(...)
  if (!is.logical(na.rm) || length(na.rm) != 1L || is.na(na.rm))
    stop(fgroi_condition(21L, fun, "na.rm", call = sys.call(-1L), detail = "must be TRUE or FALSE"))
  n <- vapply(v, length, 1L)
  if (length(unique(n)) > 1L)
    stop(fgroi_condition(13L, fun, names(v)[n != n[1L]][1L], call = sys.call(-1L),
                         detail = paste0("lengths differ (", paste0(names(v), ": ", n, collapse = ", "), ")")))
  miss <- Reduce(`|`, lapply(v, is.na), logical(n[1L]))
  if (any(miss) && !na.rm) {
    bad <- names(v)[vapply(v, anyNA, TRUE)][1L]
    k <- sum(is.na(v[[bad]]))
    stop(fgroi_condition(5L, fun, bad, call = sys.call(-1L),
                         detail = paste0(k, " missing value", if (k > 1L) "s", " (NA), first at position ",
                                         which(is.na(v[[bad]]))[1L],
                                         "; na.rm = TRUE drops them and counts them")))
  }
  list(values = lapply(v, function(x) x[!miss]), omitted = sum(miss))
}

# Values that must be 0/1 outcomes (logical, or numbers 0 and 1).
.fgr_check_binary <- function(x, arg, fun = NULL) {
  x <- .fgr_numeric_input(x, arg)
  bad <- which(!(x %in% c(0, 1)))
  if (length(bad))
    stop(fgroi_condition(21L, fun, arg, call = sys.call(-1L),
                         detail = paste0("outcomes must be 0/1 or TRUE/FALSE; position ", bad[1L],
                                         " is ", format(x[bad[1L]]))))
  x
}

# Paired vectors by their names when both are named (a mismatch is an
# error), else by position (equal lengths required).
.fgr_pair <- function(x, y, xname, yname, fun = NULL) {
  nx <- names(x); ny <- names(y)
  if (!is.null(nx) && !is.null(ny) && !identical(nx, ny)) {
    if (anyDuplicated(nx) || anyDuplicated(ny))
      stop(fgroi_condition(27L, fun, if (anyDuplicated(nx)) xname else yname, call = sys.call(-1L),
                           detail = "duplicate names: paired data pair by id"))
    if (!setequal(nx, ny))
      stop(fgroi_condition(13L, fun, yname, call = sys.call(-1L),
                           detail = paste0("'", xname, "' and '", yname, "' are named by different ids (",
                                           paste(head(union(setdiff(nx, ny), setdiff(ny, nx)), 3L), collapse = ", "),
                                           "): paired data pair by id, never by position")))
    y <- y[nx]
  } else if (length(x) != length(y)) {
    stop(fgroi_condition(13L, fun, yname, call = sys.call(-1L),
                         detail = paste0("'", xname, "' has ", length(x), " values, '", yname, "' ", length(y))))
  }
  list(x = x, y = y)
}

# data.name with the count of observations na.rm = TRUE dropped.
.fgr_dname_na <- function(dname, omitted) {
  if (omitted > 0L) paste0(dname, " (", omitted, " incomplete observation", if (omitted > 1L) "s",
                           " removed)") else dname
}
