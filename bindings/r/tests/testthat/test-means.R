# Continuous outcomes against t.test and wilcox.test on the same inputs.

set.seed(3)
x <- round(rnorm(10, 1), 2); y <- round(rnorm(12), 2); z <- round(x + rnorm(10, 0.3), 2)

same_htest <- function(a, b, tol = 1e-10, ci_tol = tol) {
  expect_equal(a$p.value, b$p.value, tolerance = tol)
  expect_equal(unname(a$statistic), unname(b$statistic), tolerance = tol)
  if (!is.null(b$parameter)) expect_equal(unname(a$parameter), unname(b$parameter), tolerance = tol)
  expect_equal(as.vector(a$conf.int), as.vector(b$conf.int), tolerance = ci_tol)
  expect_equal(unname(a$estimate), unname(b$estimate), tolerance = tol)
  expect_identical(a$alternative, b$alternative)
}

test_that("t tests equal t.test", {
  skip_without_c("fgroi_means_t_one", "fgroi_means_t_two", "fgroi_means_t_paired")
  for (alt in c("two.sided", "less", "greater")) {
    same_htest(t_test(x, mu = 0.5, alternative = alt), t.test(x, mu = 0.5, alternative = alt))
    same_htest(t_test(x, y, alternative = alt), t.test(x, y, alternative = alt))
    same_htest(t_test(x, y, var.equal = TRUE, alternative = alt, conf.level = 0.9),
               t.test(x, y, var.equal = TRUE, alternative = alt, conf.level = 0.9))
    same_htest(t_test(x, z, paired = TRUE, alternative = alt), t.test(x, z, paired = TRUE, alternative = alt))
  }
  expect_identical(capture.output(print(t_test(x, y))), capture.output(print(t.test(x, y))))
  expect_fgroi_error(t_test(1, 2), "too_few")
  expect_fgroi_error(t_test(c(1, 1, 1)), "zero_variance")
  expect_s3_class(with_gctorture(t_test(x[1:4], y[1:4])), "htest")
})

test_that("Wilcoxon tests equal wilcox.test (exact, no ties)", {
  skip_without_c("fgroi_means_wilcoxon_one", "fgroi_means_mann_whitney", "fgroi_means_wilcoxon_paired")
  for (alt in c("two.sided", "less", "greater")) {
    same_htest(wilcox_test(x, mu = 0.2, alternative = alt), wilcox.test(x, mu = 0.2, alternative = alt, conf.int = TRUE))
    same_htest(wilcox_test(x, y, alternative = alt), wilcox.test(x, y, alternative = alt, conf.int = TRUE))
    same_htest(wilcox_test(x, z, paired = TRUE, alternative = alt),
               wilcox.test(x, z, paired = TRUE, alternative = alt, conf.int = TRUE))
  }
})

test_that("Wilcoxon with ties uses the normal approximation as wilcox.test", {
  skip_without_c("fgroi_means_mann_whitney")
  a <- c(1, 2, 2, 3, 4, 4, 5); b <- c(2, 3, 3, 5, 6, 6, 7, 8)
  r <- wilcox_test(a, b)
  ref <- suppressWarnings(wilcox.test(a, b, conf.int = TRUE))
  expect_equal(r$p.value, ref$p.value, tolerance = 1e-10)
  expect_equal(unname(r$statistic), unname(ref$statistic))
  # wilcox.test finds these limits with uniroot (tol.root = 1e-4)
  expect_equal(as.vector(r$conf.int), as.vector(ref$conf.int), tolerance = 1e-3)
})
