# Survival, pooling, power and ROI against survival::survdiff,
# metafor::rma and power.prop.test / power.t.test.

test_that("log-rank and G-rho tests equal survival::survdiff", {
  skip_without_c("fgroi_surv_logrank")
  skip_if_not_installed("survival")
  tm <- c(5, 8, 12, 3, 9, 15, 20, 7, 11, 14, 6, 6)
  ev <- c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0)
  g <- rep(c("control", "device"), 6)
  for (rho in c(0, 1)) {
    r <- logrank_test(tm, ev, g, rho = rho)
    ref <- survival::survdiff(survival::Surv(tm, ev) ~ g, rho = rho)
    expect_equal(unname(r$statistic), ref$chisq, tolerance = 1e-10)
    expect_equal(r$p.value, pchisq(ref$chisq, 1, lower.tail = FALSE), tolerance = 1e-10)
    expect_equal(unname(r$expected), unname(ref$exp), tolerance = 1e-10)
    expect_equal(unname(r$observed), unname(ref$obs), tolerance = 1e-10)
  }
  expect_fgroi_error(logrank_test(c(1, 2), c(0, 0), c("a", "b")), "no_events")
  expect_s3_class(with_gctorture(logrank_test(tm[1:6], ev[1:6], g[1:6])), "htest")
})

test_that("pooling equals metafor::rma (DL and FE)", {
  skip_without_c("fgroi_pool_effects")
  skip_if_not_installed("metafor")
  yi <- c(0.2, 0.35, 0.1, 0.5, -0.05); vi <- c(0.01, 0.02, 0.015, 0.03, 0.012)
  for (m in c("dersimonian_laird", "fixed_effect")) {
    r <- meta_pool(yi, vi, method = m)
    ref <- metafor::rma(yi, vi, method = if (m == "fixed_effect") "FE" else "DL")
    expect_equal(unname(r$estimate), as.vector(ref$b), tolerance = 1e-10, info = m)
    expect_equal(as.vector(r$conf.int), c(ref$ci.lb, ref$ci.ub), tolerance = 1e-10, info = m)
    expect_equal(r$p.value, ref$pval, tolerance = 1e-10, info = m)
    expect_equal(r$stats$se, ref$se, tolerance = 1e-10, info = m)
    expect_equal(r$stats$q, ref$QE, tolerance = 1e-10, info = m)
    expect_equal(r$stats$tau2, ref$tau2, tolerance = 1e-10, info = m)
    expect_equal(r$stats$i2, ref$I2, tolerance = 1e-8, info = m)
    expect_equal(r$weights, unname(weights(ref)), tolerance = 1e-10, info = m)
  }
  expect_fgroi_error(meta_pool(c(0.1, 0.2), c(0.01, -1)), "out_of_range")
  # metafor's method names, REML and Paule-Mandel as rma (its iterations run to
  # convergence, as in tests/test_pool.c: the defaults stop 1e-6 to 1e-4 short)
  for (m in c("REML", "PM", "FE")) {
    r <- meta_pool(yi, vi, method = m)
    ref <- metafor::rma(yi, vi, method = m, control = list(threshold = 1e-14, maxiter = 10000, tol = 1e-14))
    expect_equal(unname(r$estimate), as.vector(ref$b), tolerance = 1e-8, info = m)
    expect_equal(r$stats$tau2, ref$tau2, tolerance = 1e-8, info = m)
  }
  # NA: an error, or dropped and counted with na.rm = TRUE
  expect_error(meta_pool(c(yi, NA), c(vi, 0.02)), class = "fgroi_error_nan")
  r <- meta_pool(c(yi, NA), c(vi, 0.02), na.rm = TRUE)
  expect_identical(r$n.omitted, 1L)
  expect_equal(r$estimate, meta_pool(yi, vi)$estimate)
})

test_that("two-proportion power and sample size equal power.prop.test", {
  skip_without_c("fgroi_power_prop2", "fgroi_power_prop2_n")
  for (alt in c("two.sided", "one.sided")) for (strict in c(FALSE, TRUE)) {
    a <- power_prop(0.75, 0.33, n = 12, alternative = alt, strict = strict)
    b <- power.prop.test(n = 12, p1 = 0.75, p2 = 0.33, alternative = alt, strict = strict)
    expect_equal(a$power, b$power, tolerance = 1e-10)
    a <- power_prop(0.75, 0.33, power = 0.8, alternative = alt, strict = strict)
    b <- power.prop.test(power = 0.8, p1 = 0.75, p2 = 0.33, alternative = alt, strict = strict)
    # power.prop.test solves for n with uniroot(tol = .Machine$double.eps^0.25),
    # so its n is good to about 1e-4; the library's n gives the power exactly
    expect_equal(a$n, b$n, tolerance = 1e-4)
    back <- power.prop.test(n = a$n, p1 = 0.75, p2 = 0.33, alternative = alt, strict = strict)$power
    expect_equal(back, 0.8, tolerance = 1e-9)
  }
  expect_fgroi_error(power_prop(1.2, 0.3, n = 10), "probability")
  expect_s3_class(power_prop(0.6, 0.3, n = 20), "power.htest")
})

test_that("t-test power equals power.t.test", {
  skip_without_c("fgroi_power_t")
  for (type in c("two.sample", "paired")) {
    a <- fgroi_power_t(0.8, 1, 12, if (type == "paired") "paired_t" else "student", NULL)
    b <- power.t.test(n = 12, delta = 0.8, sd = 1, type = type)$power
    expect_equal(a, b, tolerance = 1e-8, info = type)
  }
})

test_that("ROI maps the effect interval", {
  skip_without_c("fgroi_roi_compute", "fgroi_prop_diff_ci")
  eff <- fgroi_prop_diff_ci(9, 12, 4, 12)
  r <- roi(eff, volume = 1000, value_per_unit = 500, cost = 50000)
  expect_equal(r$roi$estimate, (eff$estimate * 1000 * 500 - 50000) / 50000, tolerance = 1e-12)
  expect_equal(c(r$roi$lower, r$roi$upper), (c(eff$lower, eff$upper) * 1000 * 500 - 50000) / 50000, tolerance = 1e-12)
  expect_equal(r$summary$break_even_effect, 50000 / (1000 * 500))
  h <- roi(prop2_test(c(9, 4), c(12, 12)), 1000, 500, 50000)
  expect_equal(h$roi$estimate, r$roi$estimate, tolerance = 1e-12)
  expect_fgroi_error(roi(eff, -1, 500, 50000), "out_of_range")
})

test_that("Kaplan-Meier table equals survival::survfit; enums travel by name", {
  skip_without_c("fgroi_surv_km")
  skip_if_not_installed("survival")
  tm <- c(5, 8, 12, 3, 9, 15, 20, 7, 11, 14, 6, 6, 30, 2)
  ev <- c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1)
  for (ct in c("log", "log-log", "plain")) {
    km <- fgroi_surv_km(tm, ev, sub("-", "_", ct), 0.95)
    ref <- survival::survfit(survival::Surv(tm, ev) ~ 1, conf.type = ct)
    expect_equal(km$t_out, ref$time)
    expect_equal(km$n_risk, ref$n.risk)
    expect_equal(km$n_event, ref$n.event)
    expect_equal(km$surv, ref$surv, tolerance = 1e-12)
    ok <- !is.na(ref$lower)  # survfit gives NA where the library documents 0 or 1
    expect_equal(km$lower[ok], ref$lower[ok], tolerance = 1e-10, info = ct)
    expect_equal(km$upper[ok], ref$upper[ok], tolerance = 1e-10, info = ct)
  }
  expect_fgroi_error(fgroi_surv_km(tm, ev, "no_such_type", 0.95), "unknown_name")
  expect_equal(fgroi_surv_km(tm, ev, 0, 0.95)$surv, fgroi_surv_km(tm, ev, "log", 0.95)$surv)
  big <- with_gctorture(fgroi_surv_km(1:40, rep(1, 40), "log", 0.95))
  expect_length(big$surv, 40L)
})
