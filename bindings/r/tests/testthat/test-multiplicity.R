# Multiplicity against p.adjust.

test_that("every method equals p.adjust", {
  skip_without_c("fgroi_multiplicity_adjust")
  set.seed(1)
  ps <- list(c(0.01, 0.02, 0.03, 0.04, 0.05), runif(20)^3, c(0, 1, 0.5, 0.5, 0.001), 0.3)
  for (p in ps) for (m in c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "fdr", "none")) {
    expect_equal(p_adjust(p, m), p.adjust(p, m), tolerance = 1e-14, info = m)
  }
  expect_equal(p_adjust(c(0.01, NA, 0.03), "BH"), p.adjust(c(0.01, NA, 0.03), "BH"))
  expect_fgroi_error(p_adjust(c(0.1, 1.2)), "probability")
  expect_fgroi_error(p_adjust(c(0.1, 0.2), "nope"), "unknown_name")
  expect_equal(with_gctorture(p_adjust(c(0.01, 0.04), "holm")), p.adjust(c(0.01, 0.04), "holm"))
})
