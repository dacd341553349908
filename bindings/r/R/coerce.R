# Coercion of R inputs before they reach C (the C side checks types again).
# Counts must be whole numbers: they travel as doubles (exact to 2^53) and
# become int64_t in C. Bad values raise the same classed conditions the C
# library would.

.fgr_numeric_input <- function(x, arg) {
  if (is.factor(x) || !(is.numeric(x) || is.logical(x)))
    stop(fgroi_condition(21L, NULL, arg, call = sys.call(-2L)))  # FGROI_E_OUT_OF_RANGE
  as.double(x)
}

.fgr_check_whole <- function(x, arg) {
  code <- if (anyNA(x)) 5L                                   # FGROI_E_NAN
          else if (any(is.infinite(x))) 6L                  # FGROI_E_INFINITE
          else if (any(x != trunc(x))) 25L                  # FGROI_E_NOT_INTEGER
          else if (any(abs(x) > 2^53)) 19L                  # FGROI_E_TOO_LARGE
          else 0L
  if (code != 0L) stop(fgroi_condition(code, NULL, arg, call = sys.call(-2L)))
  x
}

.fgr_whole <- function(x, arg) {
  x <- .fgr_numeric_input(x, arg)
  if (length(x) != 1L) stop(fgroi_condition(13L, NULL, arg, call = sys.call(-1L)))
  .fgr_check_whole(x, arg)
}

.fgr_wholes <- function(x, arg) .fgr_check_whole(.fgr_numeric_input(x, arg), arg)

.fgr_double <- function(x, arg) {
  x <- .fgr_numeric_input(x, arg)
  if (length(x) != 1L) stop(fgroi_condition(13L, NULL, arg, call = sys.call(-1L)))
  x
}

.fgr_doubles <- function(x, arg) .fgr_numeric_input(x, arg)

.fgr_string <- function(x, arg) {
  if (!is.character(x) || length(x) != 1L || is.na(x))
    stop(fgroi_condition(22L, NULL, arg, call = sys.call(-1L)))  # FGROI_E_UNKNOWN_NAME
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

# A domain enum: its name ("log_log") or its numeric value.
.fgr_enum <- function(x, arg) if (is.character(x)) .fgr_string(x, arg) else .fgr_whole(x, arg)

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
