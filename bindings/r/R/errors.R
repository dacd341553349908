# One place turns a libfgroi status into an R condition.

.fgr_status_class <- function(name) {
  paste0("fgroi_error_", tolower(sub("^FGROI_E_", "", name)))
}

# Build the condition for status code `code` (an integer).
fgroi_condition <- function(code, fun = NULL, arg = NULL, call = NULL, detail = NULL) {
  code <- as.integer(code)
  name <- .Call(C_fgr_fgroi_status_name, code)[["value"]]
  if (is.na(name)) name <- paste0("FGROI_E_", code)
  text <- .Call(C_fgr_fgroi_strerror, code)[["value"]]
  where <- if (!is.null(fun)) paste0(fun, "(): ") else ""
  what <- if (!is.null(arg)) paste0("argument '", arg, "': ") else ""
  structure(class = c(.fgr_status_class(name), "fgroi_error", "error", "condition"),
            list(message = paste0(where, what, text, if (!is.null(detail)) paste0(": ", detail),
                                  " [", name, "]"),
                 call = call, status = code, status_name = name,
                 argument = arg, fun = fun))
}

#' @export
print.fgroi_error <- function(x, ...) {
  cat("<", class(x)[1L], "> ", conditionMessage(x), "\n", sep = "")
  invisible(x)
}

.fgr_stop <- function(code, fun = NULL, arg = NULL) {
  stop(fgroi_condition(code, fun, arg, call = sys.call(-2L)))
}

# Every generated wrapper ends here: a status object becomes a condition,
# a one-element result list becomes its element.
.fgr_result <- function(res, fun) {
  if (inherits(res, "fgroi_status") &&
      identical(.Call(C_fgr_fgroi_status_name, unclass(res)[1L])[["value"]], "FGROI_E_CANCELLED")) {
    # the user interrupted a long call (src/fgr_util.c): the library has
    # returned and released its memory; deliver the interrupt R consumed
    signalCondition(structure(class = c("interrupt", "condition"),
                              list(message = paste0(fun, "(): interrupted"), call = NULL)))
    invokeRestart("abort")
  }
  if (inherits(res, "fgroi_status")) {
    cond <- fgroi_condition(unclass(res), fun, attr(res, "arg"), call = sys.call(-1L))
    arg <- attr(res, "arg")
    detail <- if (is.null(arg)) .fgr_detail(fun, unclass(res), parent.frame())
              else .fgr_arg_detail(fun, unclass(res), arg, parent.frame())
    if (!is.null(detail))   # "fgroi_prop_ci(): conf_level = 1.5: must be in (0, 1) (confidence ...) [FGROI_E_CONF_LEVEL]"
      cond$message <- paste0(fun, "(): ", detail, " (", .Call(C_fgr_fgroi_strerror, unclass(res))[["value"]],
                             ") [", cond$status_name, "]")
    stop(cond)
  }
  if (length(res) == 1L) res[[1L]] else res
}

# The R wrapper of a C function, or an error naming it when the libfgroi
# this package was built against does not export it.
.fgr_c <- function(name) {
  f <- get0(name, envir = asNamespace("fgroi"), mode = "function", inherits = FALSE)
  if (is.null(f))
    stop(structure(class = c("fgroi_unavailable", "error", "condition"),
                   list(message = paste0(name, "() is not in the libfgroi this package was built against"),
                        call = sys.call(-1L))))
  f
}
