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
