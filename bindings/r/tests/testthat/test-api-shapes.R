# Shapes the R wrappers take from the API description (docs/api.json's
# "binding" of each parameter), where the header-reading generator got
# them wrong or differed from Python (issue 15).

test_that("fgroi_nps_csat_top2_count returns two counts, as the header's *top2 / *valid say", {
  r <- fgroi_nps_csat_top2_count(c(5, 4, 3, 5, 1, 2, -1), 1, 5, -1)
  expect_identical(r, list(top2 = 3, valid = 6, bad_index = 0))
})

test_that("fgroi_pool_effects_ex returns one weight per study", {
  yi <- c(0.1, 0.2, 0.3); vi <- c(0.01, 0.02, 0.03)
  r <- fgroi_pool_effects_ex(yi, vi, "fixed_effect", 0.95, NULL)
  w <- (1 / vi) / sum(1 / vi) * 100   # inverse-variance weights in percent
  expect_length(r$weights, 3L)
  expect_equal(r$weights, w, tolerance = 1e-12)
  expect_equal(r$weights, fgroi_pool_effects(yi, vi, "fixed_effect", 0.95)$weights, tolerance = 1e-15)
})

test_that("an options default takes no argument and returns the library's defaults", {
  o <- fgroi_exact2x2_options_default()
  expect_true(is.list(o))
  expect_identical(names(formals(fgroi_exact2x2_options_default)), NULL)
})
