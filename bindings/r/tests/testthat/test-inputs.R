# The package rejects what the C API rejects, naming the argument and its
# domain, and applies one NA rule (issue 14, issue 18): NA is an error of
# class fgroi_error_nan unless na.rm = TRUE, which drops incomplete
# observations (whole pairs) and counts them in n.omitted.

test_that("0/1 outcomes other than 0 and 1 are errors, not failures", {
  skip_without_c("fgroi_prop_ci")
  e <- expect_fgroi_error(prop_ci(c(0, 1, 2)), "out_of_range")
  expect_identical(e$argument, "x")
  expect_match(conditionMessage(e), "0/1.*position 3 is 2")
  expect_fgroi_error(binom_test(c(0, 1, 0.5, 1)), "out_of_range")
  expect_equal(unname(prop_ci(c(TRUE, FALSE, TRUE))$estimate), 2 / 3)
})

test_that("NA is an error by default and counted when removed", {
  skip_without_c("fgroi_prop_ci", "fgroi_nps_ci", "fgroi_means_t_one")
  e <- expect_fgroi_error(prop_ci(c(0, 1, NA)), "nan")
  expect_match(conditionMessage(e), "argument 'x'.*1 missing value.*na.rm = TRUE")
  r <- prop_ci(c(0, 1, NA, 1), na.rm = TRUE)
  expect_identical(r$n.omitted, 1L)
  expect_equal(r$conf.int, prop_ci(2, 3)$conf.int)
  expect_match(r$data.name, "1 incomplete observation removed")
  expect_fgroi_error(nps_ci(c(9, NA, 3)), "nan")
  expect_fgroi_error(t_test(c(1, 2, NA, 4)), "nan")
  expect_fgroi_error(wilcox_test(c(1, 2, NA, 4), c(2, 1, 3, 3), paired = TRUE), "nan")
  expect_fgroi_error(nps_change(c(9, NA, 3), c(10, 9, 9), paired = TRUE), "nan")
  expect_fgroi_error(adherence_gap(c(1, NA, 1), c(1, 1, 0)), "nan")
  expect_fgroi_error(mcnemar_test(c(1, NA, 1), c(1, 1, 0)), "nan")
  # paired: the whole pair goes, and is counted once
  x <- c(5.1, 6.2, NA, 7.0, 6.1); y <- c(4.2, NA, 5.5, 4.4, 5.0)
  p <- t_test(x, y, paired = TRUE, na.rm = TRUE)
  expect_identical(p$n.omitted, 2L)
  expect_equal(p$p.value, t.test(x[c(1, 4, 5)], y[c(1, 4, 5)], paired = TRUE)$p.value, tolerance = 1e-10)
  expect_fgroi_error(prop_ci(c(0, 1), na.rm = NA), "out_of_range")
})

test_that("counts pass the C library's limits through, naming the argument", {
  skip_without_c("fgroi_prop_ci", "fgroi_exact2x2_test")
  e <- expect_fgroi_error(prop_ci(3, 2^60), "too_large")
  expect_identical(e$argument, "n")
  expect_fgroi_error(prop_ci(3, 2.5), "not_integer")
  # a limit of the C method itself (exact unconditional test beyond its size)
  expect_fgroi_error(exact_test(c(1, 1), c(1e7, 1e7)), "too_large")
})

test_that("paired vectors pair by name; different ids are an error", {
  skip_without_c("fgroi_nps_paired_test", "fgroi_means_t_paired")
  pre <- c(a = 3, b = 9, c = 7, d = 10, e = 6, f = 2)
  post <- c(a = 9, b = 10, c = 9, d = 10, e = 9, f = 8)
  shuffled <- post[c(4, 1, 6, 2, 5, 3)]
  ref <- nps_change(pre, post, paired = TRUE)
  expect_equal(nps_change(pre, shuffled, paired = TRUE)$p.value, ref$p.value)
  expect_equal(nps_change(pre, shuffled, paired = TRUE)$conf.int, ref$conf.int)
  expect_false(isTRUE(all.equal(nps_change(unname(pre), unname(shuffled), paired = TRUE)$conf.int,
                                ref$conf.int)))
  other <- post; names(other)[2] <- "zz"
  e <- expect_fgroi_error(nps_change(pre, other, paired = TRUE), "length_mismatch")
  expect_match(conditionMessage(e), "different ids")
  expect_fgroi_error(nps_change(unname(pre), unname(post[-1]), paired = TRUE), "length_mismatch")
  expect_equal(t_test(pre, shuffled, paired = TRUE)$p.value, t_test(pre, post, paired = TRUE)$p.value)
})

test_that("adherence_gap with participants is the report's headline analysis", {
  skip_without_c("fgroi_paired_cluster_analysis")
  root <- Sys.getenv("FGROI_SOURCE_ROOT")   # set by the Meson test; never skipped silently
  expect_true(nzchar(root), label = "FGROI_SOURCE_ROOT names the source tree")
  doses <- read.csv(file.path(root, "examples", "data", "doses.csv"))
  g <- adherence_gap(doses$self_reported, doses$device_logged, doses$participant_id)
  expect_equal(g$p.value, 2 / 4096)                  # exact sign flip, 12 participants
  expect_equal(unname(g$estimate[3]), 7 / 24)
  cl <- fgroi_paired_clusters_from_records(match(doses$participant_id, unique(doses$participant_id)),
                                           doses$self_reported, doses$device_logged)
  ci <- fgroi_paired_cluster_gap(cl, 0.95, "two_sided")$ci
  expect_equal(as.vector(g$conf.int), c(ci$lower, ci$upper))
  t <- adherence_gap(doses$self_reported, doses$device_logged, doses$participant_id,
                     test = "cluster_robust")
  expect_equal(t$conf.int, g$conf.int)
  expect_lt(t$p.value, g$p.value)
  pid <- doses$participant_id; pid[5] <- NA
  e <- expect_fgroi_error(adherence_gap(doses$self_reported, doses$device_logged, pid), "nan")
  expect_identical(e$argument, "participant")
  o <- adherence_gap(doses$self_reported, doses$device_logged, pid, na.rm = TRUE)
  expect_identical(o$n.omitted, 1L)
  expect_fgroi_error(adherence_gap(c(1, 0, 1), c(1, 1), c("a", "a", "b")), "length_mismatch")
})

test_that("exact_test and did_test make the C library's default calls", {
  skip_without_c("fgroi_exact2x2_test", "fgroi_prepost_mean_did")
  e <- exact_test(c(9, 4), c(12, 12))
  ref <- fgroi_exact2x2_test(9, 12, 4, 12, "boschloo", "two_sided", NULL)$out
  expect_identical(e$p.value, ref$p_value)
  ci <- fgroi_exact2x2_diff_ci(9, 12, 4, 12, "chan_zhang", 0.95, "two_sided", NULL)
  expect_identical(as.vector(e$conf.int), c(ci$lower, ci$upper))
  dp <- c(0.5, 0.6, 0.4, 0.7); dq <- c(0.8, 0.9, 0.6, 0.9); cp <- c(0.5, 0.55, 0.6); cq <- c(0.55, 0.6, 0.6)
  d <- did_test(dp, dq, cp, cq)
  r <- fgroi_prepost_mean_did(dp, dq, cp, cq, "paired", 0.95, "two_sided")
  expect_identical(d$p.value, r$test$p_value)
  expect_identical(as.vector(d$conf.int), c(r$ci$lower, r$ci$upper))
  expect_fgroi_error(did_test(dp, replace(dq, 2, NA), cp, cq), "nan")
  expect_identical(did_test(dp, replace(dq, 2, NA), cp, cq, na.rm = TRUE)$n.omitted, 1L)
})

test_that("p_adjust takes R's and statsmodels' method names", {
  skip_without_c("fgroi_multiplicity_adjust")
  p <- c(0.01, 0.02, 0.03, 0.04)
  for (m in c("BH", "fdr", "fdr_bh")) expect_equal(p_adjust(p, m), p.adjust(p, "BH"), tolerance = 1e-14)
  expect_equal(p_adjust(p, "fdr_by"), p.adjust(p, "BY"), tolerance = 1e-14)
})
