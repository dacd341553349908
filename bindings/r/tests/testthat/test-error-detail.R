# Errors name the argument and its domain (issue 15): for every public
# function (inst/fgroi_api.txt) and every status code, the library's
# fgroi_status_detail() either has no row or gives "argument: domain", and
# the R condition then names the argument(s) and the domain.

api_rows <- function() {
  rows <- read.delim(system.file("fgroi_api.txt", package = "fgroi"), header = FALSE,
                     comment.char = "#", col.names = c("fun", "how", "note"), stringsAsFactors = FALSE)
  rows$fun[rows$how == "wrapped"]
}

test_that("every status of every function names its argument and domain", {
  funs <- api_rows()
  expect_gt(length(funs), 100L)
  no_argument <- c("FGROI_E_NO_MEMORY", "FGROI_E_INTERNAL", "FGROI_E_CANCELLED")
  seen <- 0L
  for (fun in funs) {
    for (code in 1:29) {
      d <- .Call(fgroi:::C_fgr_fgroi_status_detail, fun, code)[["value"]]
      if (is.na(d)) next
      seen <- seen + 1L
      name <- fgroi_status_name(code)
      msg <- fgroi:::.fgr_detail(fun, code, new.env())
      expect_identical(msg, d)
      if (!(name %in% no_argument))
        expect_match(d, "^[A-Za-z_][A-Za-z0-9_>-]*(, [A-Za-z_][A-Za-z0-9_>-]*)*: .{4,}", info = paste(fun, name))
    }
  }
  expect_gt(seen, 800L)
})

# every status every public function documents, from the API description
# (docs/api.json's "statuses", written by tools/generate.R)
api_statuses <- function() {
  f <- system.file("fgroi_statuses.txt", package = "fgroi")
  expect_true(nzchar(f))
  read.delim(f, header = FALSE, comment.char = "#", quote = "", na.strings = character(0),
             col.names = c("fun", "status", "arguments", "domain"), stringsAsFactors = FALSE)
}

# the condition a wrapper of `.fun` raises for status `.code` (no argument
# values known: every argument the status can be about is named)
status_condition <- function(.fun, .code)
  tryCatch(fgroi:::.fgr_result(structure(.code, class = "fgroi_status"), .fun), error = function(e) e)

test_that("every status of every function in the API description becomes a condition naming its argument and domain", {
  rows <- api_statuses()
  expect_gt(length(unique(rows$fun)), 100L)
  expect_gt(nrow(rows), 800L)
  expect_true(all(c("FGROI_E_CONF_LEVEL", "FGROI_E_NULL", "FGROI_E_METHOD", "FGROI_E_OUT_OF_RANGE") %in% rows$status))
  # the wrapped functions are the described ones
  expect_setequal(unique(rows$fun), intersect(api_rows(), unique(rows$fun)))
  codes <- vapply(1:40, fgroi_status_name, "")
  no_argument <- c("FGROI_E_NO_MEMORY", "FGROI_E_INTERNAL", "FGROI_E_CANCELLED")
  walked <- 0L
  for (i in seq_len(nrow(rows))) {
    r <- rows[i, ]
    code <- match(r$status, codes)
    info <- paste(r$fun, r$status)
    expect_false(is.na(code), info = info)
    args <- if (nzchar(r$arguments)) strsplit(r$arguments, ", ", fixed = TRUE)[[1L]] else character(0)
    if (!(r$status %in% no_argument)) expect_gt(length(args), 0L)
    # the library's table says the same as the description
    expect_identical(.Call(fgroi:::C_fgr_fgroi_status_detail, r$fun, code)[["value"]],
                     if (length(args)) paste0(r$arguments, ": ", r$domain) else r$domain, info = info)
    if (r$status == "FGROI_E_CANCELLED") {
      # a cancelled call is R's interrupt (R/errors.R), not an error
      expect_true(grepl(r$domain, fgroi:::.fgr_detail(r$fun, code, new.env()), fixed = TRUE), info = info)
      next
    }
    e <- status_condition(r$fun, code)
    expect_s3_class(e, c(paste0("fgroi_error_", tolower(sub("^FGROI_E_", "", r$status))), "fgroi_error"))
    msg <- conditionMessage(e)
    expect_true(startsWith(msg, paste0(r$fun, "(): ")), info = info)
    expect_true(grepl(paste0("[", r$status, "]"), msg, fixed = TRUE), info = info)
    expect_true(grepl(r$domain, msg, fixed = TRUE), info = info)
    for (a in args) expect_true(grepl(a, msg, fixed = TRUE), info = paste(info, a))
    walked <- walked + 1L
  }
  expect_gt(walked, 800L)
})

test_that("an argument the wrapper cannot convert is named with its value and domain", {
  e <- expect_fgroi_error(fgroi_prop_ci(7, 12, method = "bogus"), "unknown_name")
  expect_match(conditionMessage(e), "fgroi_prop_ci(): method = \"bogus\": must be one of wilson, ", fixed = TRUE)
  e <- expect_fgroi_error(fgroi_prop_ci(7, 12, alternative = "sideways"), "unknown_name")
  expect_match(conditionMessage(e), "alternative = \"sideways\": must be two_sided, less or greater", fixed = TRUE)
  # a domain enum's names come from the API description
  e <- expect_fgroi_error(fgroi_surv_km(c(1, 2), c(1L, 0L), conf_type = "sideways"), "unknown_name")
  expect_match(conditionMessage(e), "fgroi_surv_km(): conf_type = \"sideways\": must be one of log, log_log, plain",
               fixed = TRUE)
  expect_equal(fgroi_surv_km(c(1, 2), c(1L, 0L), conf_type = "log_log")$surv, c(0.5, 0.5))
  # R-side checks of counts and scalars
  e <- expect_fgroi_error(fgroi_prop_ci(2.5, 12), "not_integer")
  expect_match(conditionMessage(e), "fgroi_prop_ci(): x = 2.5: must be a whole number", fixed = TRUE)
  expect_identical(e$argument, "x")
  e <- expect_fgroi_error(fgroi_surv_km(c(1, 2), c(1, 0.5)), "not_integer")
  expect_match(conditionMessage(e), "event[2] = 0.5: must be a whole number", fixed = TRUE)
  e <- expect_fgroi_error(fgroi_prop_ci(7, 12, conf_level = c(0.9, 0.95)), "length_mismatch")
  expect_match(conditionMessage(e), "conf_level = vector of 2: must be one number", fixed = TRUE)
  e <- expect_fgroi_error(binom_test(2.5, 12), "not_integer")
  expect_match(conditionMessage(e), "binom_test(): x = 2.5: must be a whole number", fixed = TRUE)
})

test_that("a call with a control carries the library's message to R", {
  # the options' control is the wrapper's, with a message buffer: the
  # library says which limit was exceeded by how much and what to use
  e <- expect_fgroi_error(fgroi_exact2x2_diff_ci(10, 3000, 20, 3000), "too_large")
  expect_match(conditionMessage(e), "fgroi_exact2x2_diff_ci(): n1 + n2 = 6000 exceeds the limit 2000", fixed = TRUE)
  # a _ctl function: a control argument of R's gets the buffer too
  e <- expect_fgroi_error(fgroi_exact2x2_odds_ratio_ci_ctl(1, 2, 1, 2, conf_level = 1.5), "conf_level")
  expect_match(conditionMessage(e), "conf_level = 1.5: must be in (0, 1)", fixed = TRUE)
  # the library's bare detail ("FGROI_E_CONF_LEVEL: conf_level: ...") gives
  # way to the one naming the value
  res <- structure(7L, message = "FGROI_E_CONF_LEVEL: conf_level: must be in (0, 1)", class = "fgroi_status")
  f <- function(conf_level) fgroi:::.fgr_result(res, "fgroi_prop_ci")
  e <- tryCatch(f(2), error = function(e) e)
  expect_match(conditionMessage(e), "fgroi_prop_ci(): conf_level = 2: must be in (0, 1)", fixed = TRUE)
})

test_that("real errors name the argument and its value", {
  e <- expect_fgroi_error(fgroi_prop_ci(7, 12, conf_level = 1.5), "conf_level")
  expect_match(conditionMessage(e), "conf_level = 1.5: must be in (0, 1)", fixed = TRUE)
  e <- expect_fgroi_error(fgroi_prop_ci(13, 12), "count_exceeds_total")
  expect_match(conditionMessage(e), "x = 13: must be <= n", fixed = TRUE)
  e <- expect_fgroi_error(fgroi_prop_diff_ci(1, -2, 1, 2), "negative_count")
  expect_match(conditionMessage(e), "n1 = -2: must be >= 0", fixed = TRUE)
})

test_that("the library's control message (limit, observed size) is shown when present", {
  # issue 16: a wrapper whose call carried a control with a message buffer
  # attaches the library's text to the status object as attribute "message"
  msg <- "n1 + n2 = 6000 exceeds the limit 2000 of the exact unconditional interval; use fgroi_prop_diff_ci with method = miettinen_nurminen or newcombe (score)"
  code <- match("FGROI_E_TOO_LARGE", vapply(1:40, fgroi_status_name, ""))
  res <- structure(code, message = msg, class = "fgroi_status")
  e <- tryCatch(fgroi:::.fgr_result(res, "fgroi_exact2x2_diff_ci"), error = function(e) e)
  expect_s3_class(e, "fgroi_error_too_large")
  expect_match(conditionMessage(e), msg, fixed = TRUE)
  # without it: the generic detail
  e <- tryCatch(fgroi:::.fgr_result(structure(code, class = "fgroi_status"), "fgroi_exact2x2_diff_ci"),
                error = function(e) e)
  expect_false(grepl("exceeds the limit", conditionMessage(e), fixed = TRUE))
})

test_that("a known method the function refuses is named with its own list", {
  e <- expect_fgroi_error(fgroi_prepost_prop_change(12, 30, 21, 30, test_method = "tango"), "method")
  expect_match(conditionMessage(e),
               "test_method = \"tango\": must be one of fisher, chisq, chisq_cc, fisher_mid_p, or default (fisher)",
               fixed = TRUE)
  expect_false(grepl("ci_method", conditionMessage(e), fixed = TRUE))
  e <- expect_fgroi_error(fgroi_prepost_prop_change(12, 30, 21, 30, ci_method = "fisher"), "method")
  expect_match(conditionMessage(e), "ci_method = \"fisher\": must be one of newcombe, ", fixed = TRUE)
  expect_false(grepl("test_method", conditionMessage(e), fixed = TRUE))
})
