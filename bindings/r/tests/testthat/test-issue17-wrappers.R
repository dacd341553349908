# Issue 17 / 18 (R parity): wilcox_test(conf.int = FALSE) computes no
# interval, the idiomatic wrappers funnel_compare, prop_change_paired,
# km_median and power_t against R's own functions, and statsmodels'
# adaptive FDR methods through the C lookup.

test_that("wilcox_test(conf.int = FALSE) is the test alone, as wilcox.test", {
  # every paired difference tied: R gives its p-value (no interval exists)
  x <- c(2, 3, 4, 5, 6, 7)
  y <- x - 1
  ref <- suppressWarnings(stats::wilcox.test(x, y, paired = TRUE, exact = FALSE))
  got <- wilcox_test(x, y, paired = TRUE, exact = FALSE, conf.int = FALSE)
  expect_equal(got$p.value, ref$p.value, tolerance = 1e-12)
  expect_equal(unname(got$statistic), unname(ref$statistic))
  expect_null(got$conf.int)
  expect_null(got$estimate)
  ref <- suppressWarnings(stats::wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = FALSE))
  got <- wilcox_test(x, y, paired = TRUE, exact = FALSE, correct = FALSE, conf.int = FALSE)
  expect_equal(got$p.value, ref$p.value, tolerance = 1e-12)
  # with the interval asked for it is undefined: an error, not a guess
  expect_error(wilcox_test(x, y, paired = TRUE, exact = FALSE, conf.int = TRUE))
  # ordinary data: the same p-value with and without the interval, every design
  a <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
  b <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
  for (alt in c("two.sided", "less", "greater")) {
    for (args in list(list(a), list(a, b), list(a, b, paired = TRUE))) {
      with_ci <- do.call(wilcox_test, c(args, alternative = alt))
      alone <- do.call(wilcox_test, c(args, alternative = alt, conf.int = FALSE))
      ref <- suppressWarnings(do.call(stats::wilcox.test, c(args, alternative = alt)))
      expect_equal(alone$p.value, with_ci$p.value, tolerance = 1e-15)
      expect_equal(alone$p.value, ref$p.value, tolerance = 1e-12)
      expect_null(alone$conf.int)
    }
  }
})

test_that("power_t reproduces power.t.test", {
  for (type in c("two.sample", "one.sample", "paired")) {
    for (alt in c("two.sided", "one.sided")) {
      for (strict in c(FALSE, TRUE)) {
        info <- paste(type, alt, strict)
        ref <- stats::power.t.test(n = 20, delta = 0.8, sd = 1.3, type = type, alternative = alt,
                                   strict = strict)
        got <- power_t(n = 20, delta = 0.8, sd = 1.3, type = type, alternative = alt, strict = strict)
        expect_s3_class(got, "power.htest")
        expect_equal(got$power, ref$power, tolerance = 1e-10, info = info)
        ref <- stats::power.t.test(delta = 0.5, sd = 1, power = 0.8, type = type, alternative = alt,
                                   strict = strict, tol = 1e-12)
        got <- power_t(delta = 0.5, power = 0.8, type = type, alternative = alt, strict = strict)
        expect_equal(got$n, ref$n, tolerance = 1e-8, info = info)
        ref <- stats::power.t.test(n = 30, sd = 2, power = 0.9, type = type, alternative = alt,
                                   strict = strict, tol = 1e-12)
        got <- power_t(n = 30, sd = 2, power = 0.9, type = type, alternative = alt, strict = strict)
        expect_equal(got$delta, ref$delta, tolerance = 1e-8, info = info)
      }
    }
  }
  expect_error(power_t(n = 10), "exactly one")
  expect_error(power_t(n = 10, delta = 1, power = 0.8), "exactly one")
})

test_that("km_median reproduces quantile(survfit(...), 0.5)", {
  skip_if_not_installed("survival") # a recommended package, always with R
  # the leukemia maintenance data (survival::aml, Maintained arm) and a
  # curve that never reaches 1/2
  time <- c(9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161)
  event <- c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0)
  for (ct in c("log", "log-log", "plain")) {
    fit <- survival::survfit(survival::Surv(time, event) ~ 1, conf.type = ct)
    q <- quantile(fit, 0.5)
    got <- km_median(time, event, conf.type = ct)
    expect_equal(unname(got[["median"]]), unname(q$quantile[1]), tolerance = 1e-12, info = ct)
    expect_equal(unname(got[["lower"]]), unname(q$lower[1]), tolerance = 1e-12, info = ct)
    expect_equal(unname(got[["upper"]]), unname(q$upper[1]), tolerance = 1e-12, info = ct)
  }
  t2 <- c(1, 2, 3, 4, 5, 6)
  e2 <- c(1, 0, 0, 0, 0, 0)
  q <- quantile(survival::survfit(survival::Surv(t2, e2) ~ 1), 0.5)
  got <- km_median(t2, e2)
  expect_true(is.na(got[["median"]]) && is.na(q$quantile[1]))
  expect_fgroi_error(km_median(c(1, NA, 3), c(1, 1, 0)), "nan")
  expect_equal(attr(km_median(c(1, NA, 3), c(1, 1, 0), na.rm = TRUE), "n.omitted"), 1L)
})

test_that("prop_change_paired: McNemar as mcnemar.test, the Wald interval in closed form", {
  tab <- matrix(c(36, 2, 12, 0), 2, 2) # rows pre yes/no, columns post yes/no: b = 12 (pre only), c = 2
  for (correct in c(TRUE, FALSE)) {
    got <- prop_change_paired(tab, test.method = if (correct) "mcnemar_cc" else "mcnemar")
    expect_equal(got$p.value, stats::mcnemar.test(tab, correct = correct)$p.value, tolerance = 1e-12)
  }
  got <- prop_change_paired(tab, method = "wald", test.method = "mcnemar_exact")
  n <- sum(tab); b <- tab[1, 2]; c <- tab[2, 1]
  d <- (c - b) / n # post - pre = (post only - pre only) / n
  se <- sqrt((b + c) / n^2 - (b - c)^2 / n^3)
  expect_equal(got$conf.int[1:2], d + c(-1, 1) * qnorm(0.975) * se, tolerance = 1e-12)
  expect_equal(got$p.value, stats::binom.test(c, b + c)$p.value, tolerance = 1e-12)
  expect_equal(unname(got$estimate), c(sum(tab[1, ]), sum(tab[, 1])) / n)
  # two 0/1 vectors give the table's answer; named vectors pair by name
  pre <- c(rep(1, 36), rep(1, 12), rep(0, 2), 1)
  post <- c(rep(1, 36), rep(0, 12), rep(1, 2), 1)
  tab2 <- tab; tab2[1, 1] <- 37
  expect_equal(prop_change_paired(pre, post)$p.value, prop_change_paired(tab2)$p.value)
  names(pre) <- names(post) <- paste0("p", seq_along(pre))
  expect_equal(prop_change_paired(pre, rev(post))$conf.int, prop_change_paired(tab2)$conf.int)
})

test_that("funnel_compare: Fisher p-values as fisher.test, Newcombe limits from prop.test's Wilson", {
  a <- c(200, 150, 90, 60)
  b <- c(210, 140, 100, 50)
  got <- funnel_compare(a, b)
  expect_identical(nrow(got), 3L)
  for (i in 1:3) {
    x <- c(a[i + 1], b[i + 1]); n <- c(a[i], b[i])
    tab <- rbind(x, n - x)
    expect_equal(got$p.value[i], stats::fisher.test(tab)$p.value, tolerance = 1e-12)
    w1 <- stats::prop.test(x[1], n[1], correct = FALSE)$conf.int
    w2 <- stats::prop.test(x[2], n[2], correct = FALSE)$conf.int
    p1 <- x[1] / n[1]; p2 <- x[2] / n[2]
    expect_equal(got$diff[i], p1 - p2, tolerance = 1e-14)
    expect_equal(got$lower[i], p1 - p2 - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), tolerance = 1e-10)
    expect_equal(got$upper[i], p1 - p2 + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2), tolerance = 1e-10)
  }
  comp <- funnel_compare(a, b, rate = "completion")
  expect_equal(comp$diff, a[-1] / a[1] - b[-1] / b[1], tolerance = 1e-14)
  expect_error(funnel_compare(a, b, rate = "nope"))
})

test_that("statsmodels' adaptive FDR names reach the library, with alpha", {
  # statsmodels 0.13.5 multipletests(p, alpha, "fdr_tsbky" / "fdr_tsbh" / "fdr_gbs")[1]
  p <- c(0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
         0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000)
  bky <- fgroi_multiplicity_adjust_alpha(p, 0.05, "fdr_tsbky")
  expect_identical(sum(bky <= 0.05), 8L) # Benjamini, Krieger & Yekutieli (2006)
  expect_identical(sum(fgroi_multiplicity_adjust(p, "BH") <= 0.05), 4L)
  expect_identical(fgroi_multiplicity_adjust(p, "fdr_tsbky"), bky) # statsmodels' default alpha
  expect_identical(fgroi_multiplicity_adjust_alpha(p, 0.1, "fdr_gbs"),
                   fgroi_multiplicity_adjust_alpha(p, 0.01, "gbs"))
  for (m in c("fdr_tsbh", "fdr_2sbh", "fdr_tsbky", "fdr_2sbky", "fdr_twostage", "fdr_gbs"))
    expect_identical(peer_method("statsmodels multipletests", m) %in% c("bh_two_stage", "bky", "gbs"), TRUE)
})

test_that("meta_pool takes metafor's moment estimators by name, as rma", {
  skip_if_not_installed("metafor") # Debian's r-cran-metafor, in .ci/bootstrap
  yi <- c(-0.889, -1.585, -1.348, -1.442, -0.218, -0.786, -1.621, 0.012, -0.469, -1.371, -0.339, 0.446, -0.017)
  vi <- c(0.326, 0.195, 0.415, 0.020, 0.051, 0.007, 0.223, 0.004, 0.056, 0.073, 0.012, 0.533, 0.071)
  for (m in c("HS", "HSk", "HE", "SJ", "EB")) {
    ref <- metafor::rma(yi, vi, method = m, control = list(threshold = 1e-14, maxiter = 10000))
    got <- meta_pool(yi, vi, method = m)
    expect_equal(got$stats$tau2, ref$tau2, tolerance = 1e-10, info = m)
    expect_equal(unname(got$estimate), as.numeric(ref$b), tolerance = 1e-10, info = m)
    expect_equal(got$conf.int[1:2], c(ref$ci.lb, ref$ci.ub), tolerance = 1e-10, info = m)
  }
})
