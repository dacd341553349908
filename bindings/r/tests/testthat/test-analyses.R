# The wrappers added for issue 18: targets, time to event, funnels,
# agreement, power, the scorecard; checked against R itself where R has the
# method (binom.test, survival::survfit, survdiff) and the C calls elsewhere.

test_that("target_test is binom.test in the direction asked", {
  skip_without_c("fgroi_prepost_target")
  expect_error(target_test(10, 12, 0.85), class = "fgroi_error")
  r <- target_test(10, 12, 0.85, alternative = "greater")
  ref <- binom.test(10, 12, 0.85, alternative = "greater")
  expect_s3_class(r, "htest")
  expect_equal(r$p.value, ref$p.value, tolerance = 1e-12)
  expect_equal(r$conf.int[1], ref$conf.int[1], tolerance = 1e-10)
  expect_identical(r$alternative, "greater")
  expect_equal(target_test(3, 12, 0.5, alternative = "less")$p.value,
               binom.test(3, 12, 0.5, alternative = "less")$p.value, tolerance = 1e-12)
})

test_that("km_curve and done_within equal survival::survfit", {
  skip_without_c("fgroi_surv_km", "fgroi_surv_at")
  skip_if_not_installed("survival")
  time <- c(6, 6, 6, 7, 10, 13, 16, 22, 23, 6, 9, 10, 11, 17, 19, 20, 25, 32)
  event <- c(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  fit <- survival::survfit(survival::Surv(time, event) ~ 1)
  km <- km_curve(time, event)
  expect_equal(km$surv, fit$surv, tolerance = 1e-12)
  expect_equal(km$lower, fit$lower, tolerance = 1e-10)
  s <- summary(fit, times = 12)
  d <- done_within(time, event, 12)
  expect_equal(unname(d$estimate), 1 - s$surv, tolerance = 1e-12)
  expect_equal(d$conf.int[2], 1 - s$lower, tolerance = 1e-10)
  expect_error(done_within(c(time, NA), c(event, 1), 12), class = "fgroi_error_nan")
  expect_identical(done_within(c(time, NA), c(event, 1), 12, na.rm = TRUE)$n.omitted, 1L)
})

test_that("logrank_test follows the NA rule", {
  skip_without_c("fgroi_surv_logrank")
  skip_if_not_installed("survival")
  time <- c(5, 8, 12, 3, 9, 15, 7, 11)
  event <- c(1, 1, 0, 1, 1, 0, 1, 1)
  group <- rep(c("a", "b"), 4)
  ref <- survival::survdiff(survival::Surv(time, event) ~ group)
  expect_equal(unname(logrank_test(time, event, group)$statistic), ref$chisq, tolerance = 1e-10)
  g2 <- group; g2[3] <- NA
  expect_error(logrank_test(time, event, g2), class = "fgroi_error_nan")
  r <- logrank_test(time, event, g2, na.rm = TRUE)
  expect_identical(r$n.omitted, 1L)
  keep <- !is.na(g2)
  expect_equal(r$p.value, logrank_test(time[keep], event[keep], group[keep])$p.value)
})

test_that("kappa_test and bland_altman pair by name and follow the NA rule", {
  skip_without_c("fgroi_paired_agreement_compute", "fgroi_means_bland_altman")
  m <- matrix(c(10, 3, 2, 5), 2)
  k <- kappa_test(m)
  po <- 15 / 20; pe <- (12 * 13 + 8 * 7) / 400
  expect_equal(unname(k$estimate), (po - pe) / (1 - pe), tolerance = 1e-12)
  x <- c(a = 1, b = 2, c = 3, d = 4.5, e = 5)
  y <- c(a = 1.1, b = 2.3, c = 2.9, d = 4, e = 5.2)
  ba <- bland_altman(x, y)
  expect_equal(ba$bias, mean(x - y), tolerance = 1e-12)
  expect_equal(bland_altman(x, rev(y))$bias, ba$bias)
  y2 <- y; names(y2)[1] <- "zz"
  expect_fgroi_error(bland_altman(x, y2), "length_mismatch")
  y3 <- y; y3[2] <- NA
  expect_error(bland_altman(x, y3), class = "fgroi_error_nan")
  expect_identical(bland_altman(x, y3, na.rm = TRUE)$n.omitted, 1L)
})

test_that("funnel, power and the scorecard", {
  skip_without_c("fgroi_prepost_funnel", "fgroi_power_mcnemar", "fgroi_pool_scorecard")
  f <- funnel(c(100, 80, 60, 30))
  expect_equal(f$conversion, c(0.8, 0.75, 0.5))
  expect_equal(f$conversion.lower[1], prop.test(80, 100, correct = FALSE)$conf.int[1],
               tolerance = 1e-10)
  p <- power_mcnemar(0.2, 0.05, power = 0.9)
  expect_s3_class(p, "power.htest")
  expect_equal(power_mcnemar(0.2, 0.05, n = p$n)$power, 0.9, tolerance = 1e-8)
  q <- power_nps(c(0.40, 0.20), c(0.50, 0.15), power = 0.8)
  expect_equal(power_nps(c(0.40, 0.20), c(0.50, 0.15), n = q$n)$power, 0.8, tolerance = 1e-8)
  s <- scorecard(c(0.1, -0.2), c(0.01, 0.04), c(TRUE, TRUE), method = "fdr")
  expect_equal(s$adjusted.p, p.adjust(c(0.01, 0.04), "fdr"))
  expect_identical(s$verdict, c("improved", "worsened"))
  expect_error(scorecard(c(0.1, NA), c(0.01, 0.04), c(TRUE, TRUE)), class = "fgroi_error_nan")
})
