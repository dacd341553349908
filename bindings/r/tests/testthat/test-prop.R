# Single proportions against base R (binom.test, prop.test) on the same inputs.

cases <- list(c(0, 10), c(1, 12), c(3, 12), c(6, 12), c(11, 12), c(12, 12), c(37, 120))

test_that("Wilson interval equals prop.test without continuity correction", {
  for (cs in cases) {
    x <- cs[1]; n <- cs[2]
    r <- prop_ci(x, n, method = "wilson")
    ref <- suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int
    expect_equal(as.vector(r$conf.int), as.vector(ref), tolerance = 1e-10, info = paste(x, n))
    expect_equal(attr(r$conf.int, "conf.level"), 0.95)
    for (alt in c("less", "greater")) {
      r1 <- prop_ci(x, n, method = "wilson", alternative = alt, conf.level = 0.9)
      ref1 <- suppressWarnings(prop.test(x, n, correct = FALSE, alternative = alt, conf.level = 0.9))$conf.int
      expect_equal(as.vector(r1$conf.int), as.vector(ref1), tolerance = 1e-10, info = paste(x, n, alt))
    }
  }
})

test_that("Wilson with continuity correction equals prop.test(correct = TRUE) inside (0, n)", {
  for (cs in cases[c(2, 3, 4, 5, 7)]) {
    x <- cs[1]; n <- cs[2]
    r <- prop_ci(x, n, method = "wilson_cc")
    # prop.test caps the correction at |x - n p| (so none at x = n/2 with
    # the default p = 0.5); a far-away p leaves the full 1/2 correction.
    ref <- suppressWarnings(prop.test(x, n, p = 1e-3, correct = TRUE))$conf.int
    expect_equal(as.vector(r$conf.int), as.vector(ref), tolerance = 1e-10, info = paste(x, n))
  }
})

test_that("Clopper-Pearson interval and exact test equal binom.test", {
  for (cs in cases) for (p in c(0.1, 0.5, 0.73)) for (alt in c("two.sided", "less", "greater")) {
    x <- cs[1]; n <- cs[2]
    r <- binom_test(x, n, p = p, alternative = alt, conf.level = 0.9)
    ref <- binom.test(x, n, p = p, alternative = alt, conf.level = 0.9)
    info <- paste(x, n, p, alt)
    expect_equal(r$p.value, ref$p.value, tolerance = 1e-10, info = info)
    expect_equal(as.vector(r$conf.int), as.vector(ref$conf.int), tolerance = 1e-8, info = info)
    expect_equal(r$estimate, ref$estimate)
    expect_equal(r$statistic, ref$statistic)
    expect_equal(r$parameter, ref$parameter)
    expect_equal(r$null.value, ref$null.value)
    expect_identical(r$alternative, ref$alternative)
  }
})

test_that("binom_test prints like binom.test", {
  out <- capture.output(print(binom_test(3, 12, p = 0.1)))
  ref <- capture.output(print(binom.test(3, 12, p = 0.1)))
  expect_identical(out, ref)
  expect_s3_class(binom_test(c(3, 9)), "htest")
  expect_equal(binom_test(c(3, 9))$p.value, binom.test(c(3, 9))$p.value, tolerance = 1e-12)
})

test_that("Jeffreys interval is the equal-tailed Beta(x + 1/2, n - x + 1/2) interval", {
  x <- 3; n <- 12
  r <- prop_ci(x, n, method = "jeffreys")
  expect_equal(as.vector(r$conf.int), qbeta(c(0.025, 0.975), x + 0.5, n - x + 0.5), tolerance = 1e-8)
})

test_that("a 0/1 vector is counted", {
  y <- c(1, 0, 1, 1, 0, 0, 0, 1, NA)
  expect_fgroi_error(prop_ci(y), "nan")
  r <- prop_ci(y, na.rm = TRUE)
  expect_identical(r$n.omitted, 1L)
  expect_equal(unname(r$estimate), 4 / 8)
  expect_equal(as.vector(r$conf.int), as.vector(suppressWarnings(prop.test(4, 8, correct = FALSE))$conf.int), tolerance = 1e-10)
  expect_equal(unname(prop_ci(c(TRUE, FALSE, TRUE))$estimate), 2 / 3)
})

test_that("tallies add and merge like sums", {
  t <- fgroi_prop_tally_init()
  expect_identical(t, list(successes = 0, trials = 0))
  t <- fgroi_prop_tally_add(t, c(1, 0, 1, 1))
  u <- fgroi_prop_tally_add(NULL, c(TRUE, FALSE))
  m <- fgroi_prop_tally_merge(t, u)
  expect_identical(m, list(successes = 4, trials = 6))
  expect_fgroi_error(fgroi_prop_tally_add(t, c(0, 2)), "out_of_range")
  expect_fgroi_error(fgroi_prop_tally_add(t, c(0, 256)), "out_of_range")
  expect_fgroi_error(fgroi_prop_tally_add(t, c(0, NA)), "nan")
  expect_fgroi_error(fgroi_prop_tally_merge(t, list(successes = 5, trials = 2)), "count_exceeds_total")
})

test_that("every bad input becomes a classed condition with the C message", {
  e <- expect_fgroi_error(prop_ci(13, 12), "count_exceeds_total")
  expect_match(conditionMessage(e), "a count is larger than its total", fixed = TRUE)
  expect_identical(e$status, 4L)
  expect_identical(e$status_name, "FGROI_E_COUNT_EXCEEDS_TOTAL")
  expect_fgroi_error(prop_ci(-1, 12), "negative_count")
  expect_fgroi_error(prop_ci(0, 0), "empty")
  expect_fgroi_error(prop_ci(2.5, 12), "not_integer")
  expect_fgroi_error(prop_ci(NA, 12), "nan")
  expect_fgroi_error(prop_ci(Inf, 12), "infinite")
  expect_fgroi_error(prop_ci(2^60, 2^61), "too_large")
  expect_fgroi_error(prop_ci(3, 12, conf.level = 95), "conf_level")
  expect_fgroi_error(prop_ci(3, 12, conf.level = NaN), "nan")
  expect_fgroi_error(prop_ci(3, 12, method = "tango"), "method")
  expect_fgroi_error(prop_ci(3, 12, method = "no_such_method"), "unknown_name")
  expect_fgroi_error(prop_ci(3, 12, alternative = "sideways"), "alternative")
  expect_fgroi_error(binom_test(3, 12, p = 1.5), "probability")
  expect_fgroi_error(fgroi_prop_ci(c(1, 2), 12), "length_mismatch")
  expect_fgroi_error(fgroi_prop_ci("3", 12), "out_of_range")
  expect_fgroi_error(fgroi_prop_ci(3, 12, method = NA_character_), "unknown_name")
  expect_fgroi_error(fgroi_prop_ci(3, 12, method = 2), "unknown_name")
  # conditions carry the whole hierarchy, so tryCatch can pick the level
  r <- tryCatch(prop_ci(13, 12), fgroi_error_count_exceeds_total = function(e) "specific")
  expect_identical(r, "specific")
  r <- tryCatch(prop_ci(13, 12), fgroi_error = function(e) "any")
  expect_identical(r, "any")
})

test_that("nothing from R crashes the session", {
  junk <- list(NULL, list(), character(0), numeric(0), NA, NaN, -Inf, 1e308, "x",
               c(1, 2, 3), list(a = 1), function() 1, quote(x), factor("a"), TRUE, 3L, .Machine$integer.max)
  for (a in junk) for (b in junk[c(1, 4, 10, 14, 16)]) {
    res <- tryCatch(fgroi_prop_ci(a, b), error = function(e) e)
    expect_true(inherits(res, "error") || is.list(res))
    res <- tryCatch(fgroi_prop_tally_add(list(successes = a), b), error = function(e) e)
    expect_true(inherits(res, "error") || is.list(res))
  }
  # straight to the registered routine, past the R-side coercion
  for (a in junk) {
    res <- tryCatch(.Call(fgroi:::C_fgr_fgroi_prop_ci, a, a, a, a, a), error = function(e) e)
    expect_true(inherits(res, "error") || inherits(res, "fgroi_status") || is.list(res))
    res <- tryCatch(.Call(fgroi:::C_fgr_fgroi_prop_tally_add, a, a), error = function(e) e)
    expect_true(inherits(res, "error") || inherits(res, "fgroi_status") || is.list(res))
  }
})

test_that("PROTECT discipline holds under gctorture", {
  r <- with_gctorture(fgroi_prop_ci(3, 12, "wilson", 0.95, "two_sided"))
  expect_equal(r$estimate, 0.25)
  r <- with_gctorture(fgroi_prop_tally_add(NULL, c(1, 0, 1)))
  expect_identical(r$successes, 2)
  e <- with_gctorture(tryCatch(fgroi_prop_ci(13, 12), error = function(e) e))
  expect_s3_class(e, "fgroi_error_count_exceeds_total")
})

test_that("low-level results convert to htest", {
  h <- as_htest(fgroi_prop_ci(3, 12, "clopper_pearson"))
  expect_s3_class(h, "htest")
  expect_equal(as.vector(h$conf.int), as.vector(binom.test(3, 12)$conf.int), tolerance = 1e-8)
  h <- as_htest(list(ci = fgroi_prop_ci(3, 12), test = fgroi_prop_test(3, 12, 0.5)))
  expect_equal(h$p.value, binom.test(3, 12)$p.value, tolerance = 1e-10)
  expect_output(print(h), "p-value")
  expect_error(as_htest(list(a = 1)), "no fgroi interval")
})

test_that("prop_ci is vectorised over counts, element by element the scalar call", {
  skip_without_c("fgroi_prop_ci")
  v <- prop_ci(c(3, 7, 11), 12)
  expect_s3_class(v, "data.frame")
  for (i in 1:3) {
    s <- prop_ci(c(3, 7, 11)[i], 12)
    expect_identical(c(v$lower[i], v$upper[i]), as.vector(s$conf.int))
  }
  w <- prop_ci(c(3, 7), c(10, 20), method = "clopper_pearson")
  expect_equal(w$lower[2], binom.test(7, 20)$conf.int[1], tolerance = 1e-12)
  expect_fgroi_error(prop_ci(c(3, 7, 1), c(10, 20)), "length_mismatch")
  expect_error(prop_ci(c(3, NA), 10), class = "fgroi_error_nan")
  k <- prop_ci(c(3, NA), 10, na.rm = TRUE)
  expect_true(is.na(k$lower[2]))
  expect_identical(attr(k, "n.omitted"), 1L)
})
