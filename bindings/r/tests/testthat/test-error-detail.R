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
