# Shared helpers for the fgroi tests.

# TRUE when the library exports `fun` (functions land in parallel; a
# comparison for a domain runs once its C functions are in the library).
has_c <- function(fun) exists(fun, envir = asNamespace("fgroi"), inherits = FALSE)

skip_without_c <- function(...) {
  for (f in c(...)) if (!has_c(f)) testthat::skip(paste(f, "is not in this libfgroi build"))
}

expect_fgroi_error <- function(expr, status) {
  cond <- tryCatch({ expr; NULL }, error = function(e) e)
  testthat::expect_s3_class(cond, c(paste0("fgroi_error_", status), "fgroi_error", "error", "condition"),
                            exact = TRUE)
  invisible(cond)
}

# gctorture only on a few key calls; it makes every allocation collect.
with_gctorture <- function(expr) {
  gctorture(TRUE)
  on.exit(gctorture(FALSE))
  force(expr)
}
