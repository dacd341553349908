# Adherence gap (self-report against the device log) against mcnemar.test
# and binom.test on the same doses.

self   <- c(1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1)
device <- c(1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1)

test_that("McNemar tests equal mcnemar.test", {
  skip_without_c("fgroi_paired_mcnemar")
  for (cc in c(TRUE, FALSE)) {
    r <- mcnemar_test(self, device, correct = cc)
    ref <- mcnemar.test(factor(self), factor(device), correct = cc)
    expect_equal(r$p.value, ref$p.value, tolerance = 1e-10)
    expect_equal(unname(r$statistic), unname(ref$statistic), tolerance = 1e-10)
    expect_equal(unname(r$parameter), unname(ref$parameter))
    m <- table(self, device)
    expect_equal(mcnemar_test(m, correct = cc)$p.value, mcnemar.test(m, correct = cc)$p.value, tolerance = 1e-10)
  }
})

test_that("exact McNemar equals binom.test on the discordant pairs", {
  skip_without_c("fgroi_paired_mcnemar")
  b <- sum(self == 0 & device == 1); c <- sum(self == 1 & device == 0)
  r <- mcnemar_test(self, device, method = "mcnemar_exact")
  expect_equal(r$p.value, binom.test(b, b + c)$p.value, tolerance = 1e-10)
})

test_that("the adherence gap is device rate minus self rate, with an interval and a test", {
  skip_without_c("fgroi_paired_gap_ci", "fgroi_paired_mcnemar")
  r <- adherence_gap(self, device)
  expect_s3_class(r, "htest")
  expect_equal(unname(r$estimate[["gap (device - self)"]]), mean(device) - mean(self))
  expect_true(r$conf.int[1] <= r$estimate[[3]] && r$estimate[[3]] <= r$conf.int[2])
  expect_equal(sum(r$counts), length(self))
  # mid-p McNemar: exact p minus the probability of the observed b
  b <- sum(self == 0 & device == 1); c <- sum(self == 1 & device == 0)
  ref <- binom.test(b, b + c)$p.value - dbinom(b, b + c, 0.5)
  expect_equal(r$p.value, ref, tolerance = 1e-10)
  expect_fgroi_error(adherence_gap(c(1, 0), c(1, 0, 1)), "length_mismatch")
  expect_fgroi_error(adherence_gap(c(1, 2), c(1, 0)), "out_of_range")
  r <- with_gctorture(adherence_gap(self[1:8], device[1:8]))
  expect_s3_class(r, "htest")
})

test_that("per-dose records become per-participant clusters (struct arrays as data frames)", {
  skip_without_c("fgroi_paired_clusters_from_records")
  id <- c(2, 1, 2, 1, 1, 3)
  cl <- fgroi_paired_clusters_from_records(id, c(1, 1, 0, 1, 0, 1), c(1, 0, 0, 1, 1, 1))
  expect_s3_class(cl, "data.frame")
  expect_identical(cl$id, c(1, 2, 3))
  expect_identical(nrow(cl), 3L)
  expect_identical(cl$both + cl$device_only + cl$self_only + cl$neither, c(3, 2, 1))
  expect_fgroi_error(fgroi_paired_clusters_from_records(id, c(1, 1, 0, 1, 0, 2), rep(1, 6)), "out_of_range")
  expect_fgroi_error(fgroi_paired_clusters_from_records(id, c(1, 1), rep(1, 6)), "length_mismatch")
  many <- with_gctorture(fgroi_paired_clusters_from_records(1:40, rep(1, 40), rep(0, 40)))
  expect_identical(nrow(many), 40L)
})

test_that("both paired Wald continuity corrections by name (contingencytables, ratesci values)", {
  skip_without_c("fgroi_paired_gap_ci")
  # contingencytables' test-ch8.R (Cavo et al.) and ratesci's test3.R
  # (Bentur et al., Fagerland et al. 2014): (|b - c| - 1)^2 in the variance
  r <- fgroi_paired_gap_ci(59, 6, 16, 80, method = "wald_cc_fagerland")
  expect_identical(round(c(r$lower, r$upper), 4), c(-0.1186, -0.0057))
  r <- fgroi_paired_gap_ci(1, 1, 7, 12, method = "wald_cc_fagerland")
  expect_identical(round(c(r$lower, r$upper), 3), c(-0.529, -0.042))
  # Fleiss' 1/n widening
  w <- fgroi_paired_gap_ci(59, 6, 16, 80, method = "wald_cc")
  expect_equal(w$lower, -0.12461083778580348, tolerance = 1e-12)
})
