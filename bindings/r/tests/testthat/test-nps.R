# Net Promoter Score: counts and change.

before <- c(10, 9, 9, 8, 7, 6, 3, 10, 9, 5, 8, 9)
after  <- c(10, 10, 9, 9, 7, 8, 6, 10, 9, 7, 8, 9)

test_that("NPS counts and estimate match a direct count", {
  skip_without_c("fgroi_nps_ci", "fgroi_nps_tally_add_f64")
  expect_fgroi_error(nps_ci(c(before, NA)), "nan")
  r <- nps_ci(c(before, NA), na.rm = TRUE)
  expect_identical(r$n.omitted, 1L)
  k <- c(sum(before <= 6), sum(before %in% 7:8), sum(before >= 9))
  expect_identical(unname(r$counts), as.double(k))
  expect_equal(unname(r$estimate), 100 * (k[3] - k[1]) / sum(k))
  expect_true(r$conf.int[1] < r$estimate && r$estimate < r$conf.int[2])
  expect_fgroi_error(nps_ci(c(before, 11)), "score_range")
})

test_that("Wald NPS interval is NPS +- z se", {
  skip_without_c("fgroi_nps_ci")
  k <- c(sum(before <= 6), sum(before %in% 7:8), sum(before >= 9)); n <- sum(k)
  pd <- k[1] / n; pp <- k[3] / n
  se <- 100 * sqrt((pp + pd - (pp - pd)^2) / n)
  est <- 100 * (pp - pd)
  r <- nps_ci(before, method = "wald")
  expect_equal(as.vector(r$conf.int), est + c(-1, 1) * qnorm(0.975) * se, tolerance = 1e-10)
})

test_that("NPS change, independent and paired", {
  skip_without_c("fgroi_nps_diff_ci", "fgroi_nps_paired_ci", "fgroi_nps_paired_table_i32")
  r <- nps_change(before, after)
  expect_equal(unname(r$estimate[["change"]]), 25)
  expect_true(r$p.value > 0 && r$p.value <= 1)
  p <- nps_change(before, after, paired = TRUE)
  expect_equal(unname(p$estimate[["change"]]), 25)
  expect_s3_class(with_gctorture(nps_change(before[1:6], after[1:6], paired = TRUE)), "htest")
})

test_that("segment arrays come back with one row per segment", {
  skip_without_c("fgroi_nps_segments_ci")
  counts <- rbind(c(2, 3, 7), c(4, 4, 4), c(1, 1, 10))
  r <- fgroi_nps_segments_ci(counts)
  expect_s3_class(r, "data.frame")
  expect_identical(nrow(r), 3L)
  expect_equal(r$estimate, 100 * (counts[, 3] - counts[, 1]) / rowSums(counts))
  expect_fgroi_error(fgroi_nps_segments_ci(c(1, 2, 3, 4)), "length_mismatch")
})

test_that("an output larger than the first capacity guess grows once (segment pairs)", {
  skip_without_c("fgroi_nps_segments_compare")
  set.seed(5)
  counts <- matrix(sample(3:12, 36, TRUE), ncol = 3)   # 12 segments -> 66 pairs
  r <- fgroi_nps_segments_compare(counts)
  expect_identical(nrow(r$pairwise), 66L)
  expect_length(r$pairwise_p_adj, 66L)
  expect_identical(nrow(r$vs_rest), 12L)
  expect_true(all(r$pairwise$p_value >= 0 & r$pairwise$p_value <= 1))
  r2 <- with_gctorture(fgroi_nps_segments_compare(counts))
  expect_identical(r2$pairwise_p_adj, r$pairwise_p_adj)
})
