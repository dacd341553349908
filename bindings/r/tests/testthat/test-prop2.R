# Device arm against control: two independent proportions against
# prop.test and fisher.test on the same inputs.

tables <- list(c(9, 12, 4, 12), c(0, 10, 5, 10), c(7, 8, 1, 9), c(30, 100, 18, 100), c(3, 12, 3, 12))

test_that("chi-square tests equal prop.test, with and without correction", {
  skip_without_c("fgroi_prop_2x2_test", "fgroi_prop_diff_ci")
  for (t in tables) {
    x <- t[c(1, 3)]; n <- t[c(2, 4)]
    for (cc in c(TRUE, FALSE)) {
      r <- prop2_test(x, n, method = if (cc) "chisq_cc" else "chisq")
      ref <- suppressWarnings(prop.test(x, n, correct = cc))
      expect_equal(r$p.value, ref$p.value, tolerance = 1e-10, info = paste(t, collapse = " "))
      expect_equal(unname(r$statistic), unname(ref$statistic), tolerance = 1e-10)
      expect_equal(unname(r$parameter), unname(ref$parameter))
      expect_equal(unname(r$estimate), unname(ref$estimate))
    }
  }
})

# fisher.test's conditional MLE and limits, solved to 1e-12 on the log
# scale instead of with uniroot's default tolerance (about 1e-4 on the
# odds ratio or its reciprocal, which fisher.test uses).
fisher_or_ref <- function(m, alternative, conf.level = 0.95) {
  x <- m[1, 1]; mm <- sum(m[, 1]); nn <- sum(m[, 2]); k <- sum(m[1, ])
  lo <- max(0, k - nn); hi <- min(k, mm); support <- lo:hi
  logdc <- dhyper(support, mm, nn, k, log = TRUE)
  dn <- function(lt) { d <- logdc + lt * support; d <- exp(d - max(d)); d / sum(d) }
  mean_at <- function(lt) sum(support * dn(lt))
  p_at <- function(lt, upper) { d <- dn(lt); if (upper) sum(d[support >= x]) else sum(d[support <= x]) }
  solve <- function(f) exp(uniroot(f, c(-60, 60), tol = 1e-13)$root)
  est <- if (x == lo) 0 else if (x == hi) Inf else solve(function(lt) mean_at(lt) - x)
  upper_lim <- function(a) if (x == hi) Inf else solve(function(lt) p_at(lt, FALSE) - a)
  lower_lim <- function(a) if (x == lo) 0 else solve(function(lt) p_at(lt, TRUE) - a)
  ci <- switch(alternative,
    less = c(0, upper_lim(1 - conf.level)),
    greater = c(lower_lim(1 - conf.level), Inf),
    two.sided = c(lower_lim((1 - conf.level) / 2), upper_lim((1 - conf.level) / 2)))
  list(estimate = est, conf.int = ci)
}

test_that("Fisher's test and conditional odds ratio equal fisher.test", {
  skip_without_c("fgroi_prop_2x2_test", "fgroi_prop_odds_ratio_ci")
  for (t in tables) for (alt in c("two.sided", "less", "greater")) {
    m <- matrix(c(t[1], t[2] - t[1], t[3], t[4] - t[3]), 2, byrow = TRUE)
    r <- fisher_2x2(m, alternative = alt)
    ref <- fisher.test(m, alternative = alt)
    info <- paste(c(t, alt), collapse = " ")
    expect_equal(r$p.value, ref$p.value, tolerance = 1e-10, info = info)
    expect_identical(r$alternative, ref$alternative)
    tight <- fisher_or_ref(m, alt)
    expect_equal(unname(r$estimate), tight$estimate, tolerance = 1e-6, info = info)
    expect_equal(as.vector(r$conf.int), tight$conf.int, tolerance = 1e-6, info = info)
    # and fisher.test itself, to its own (uniroot) accuracy, on the scale
    # it solves on: the odds ratio below 1, its reciprocal above
    sc <- function(v) ifelse(v <= 1, v, 2 - 1 / v)
    expect_equal(sc(unname(r$estimate)), sc(unname(ref$estimate)), tolerance = 1e-3, info = info)
    expect_equal(sc(as.vector(r$conf.int)), sc(as.vector(ref$conf.int)), tolerance = 1e-3, info = info)
  }
  m <- matrix(c(9, 3, 4, 8), 2, byrow = TRUE)
  expect_equal(prop2_test(m)$p.value, fisher.test(m)$p.value, tolerance = 1e-10)
})

test_that("Newcombe interval for p1 - p2 is the square-and-add of Wilson limits", {
  skip_without_c("fgroi_prop_diff_ci")
  x <- c(9, 4); n <- c(12, 12)
  w1 <- suppressWarnings(prop.test(x[1], n[1], correct = FALSE))$conf.int
  w2 <- suppressWarnings(prop.test(x[2], n[2], correct = FALSE))$conf.int
  p <- x / n; d <- p[1] - p[2]
  ref <- c(d - sqrt((p[1] - w1[1])^2 + (w2[2] - p[2])^2), d + sqrt((w1[2] - p[1])^2 + (p[2] - w2[1])^2))
  r <- prop2_test(x, n, ci.method = "newcombe")
  expect_equal(as.vector(r$conf.int), ref, tolerance = 1e-10)
})

test_that("two-proportion errors are classed", {
  skip_without_c("fgroi_prop_2x2_test")
  expect_fgroi_error(prop2_test(c(13, 4), c(12, 12)), "count_exceeds_total")
  expect_fgroi_error(prop2_test(c(3, 4), c(0, 12)), "empty")
  expect_fgroi_error(prop2_test(c(-1, 4), c(12, 12)), "negative_count")
  expect_error(prop2_test(c(1, 2, 3), c(4, 5, 6)), "two counts")
  e <- with_gctorture(tryCatch(prop2_test(c(9, 4), c(12, 12)), error = function(e) e))
  expect_s3_class(e, "htest")
})

# Katz's log interval with 1/2 added to every cell ("katz_haldane": x + 1/2
# of n + 1) is metafor's escalc(measure = "RR", add = 1/2, to = "all"):
# exp(yi -+ z sqrt(vi)) on every table, zero cells or not.
test_that("katz_haldane is metafor's escalc RR with 1/2 added to every cell", {
  skip_without_c("fgroi_prop_ratio_ci")
  z <- qnorm(0.975)
  for (t in c(tables, list(c(8, 508, 0, 500), c(0, 20, 3, 15), c(12, 12, 3, 14)))) {
    r <- risk_ratio(t[c(1, 3)], t[c(2, 4)], method = "katz_haldane")
    e <- metafor::escalc(measure = "RR", ai = t[1], n1i = t[2], ci = t[3], n2i = t[4],
                         add = 1/2, to = "all")
    expect_equal(unname(r$conf.int[1:2]), exp(e$yi[1] + c(-1, 1) * z * sqrt(e$vi[1])),
                 tolerance = 1e-12, info = paste(t, collapse = " "))
    expect_equal(unname(r$estimate), exp(e$yi[1]), tolerance = 1e-12)
  }
  # no events in either arm: escalc still returns log(21/16), libfgroi
  # refuses the ratio of two zero proportions (documented)
  expect_fgroi_error(risk_ratio(c(0, 0), c(20, 15), method = "katz_haldane"), "not_estimable")
})
