# metafor's GENQM and the generalised Q-profile interval (issue 17): metafor
# 3.8.1 (Debian's r-cran-metafor) with the CompQuadForm stand-in of
# helper-compquadform.R (Imhof's integral by integrate(); libfgroi uses
# Ruben's series). A stand-in that cannot be built fails this test.

test_that("GENQM and the genq interval match metafor with an Imhof CompQuadForm", {
  expect_true(requireNamespace("metafor", quietly = TRUE)) # Debian's r-cran-metafor, in .ci/bootstrap
  cqf_shim_install()
  expect_true(requireNamespace("CompQuadForm", quietly = TRUE))
  # the stand-in itself against values known to 30 digits (mpmath's Imhof) and pchisq
  expect_equal(CompQuadForm::farebrother(60, c(1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 20, 40))$Qq,
               0.72180878235669666592, tolerance = 1e-14)
  expect_equal(CompQuadForm::farebrother(4, c(1, 2, 3))$Qq, 0.55106021882322607874, tolerance = 1e-14)
  expect_equal(CompQuadForm::farebrother(8.75, rep(2.5, 5))$Qq, pchisq(3.5, 5, lower.tail = FALSE),
               tolerance = 1e-14)
  bcg <- bcg_trials()
  dat <- bcg$dat
  ni <- bcg$ni
  sets <- list(
    list(y = dat$yi, v = dat$vi, a = 1 / dat$vi, name = "bcg 1/v"),
    list(y = dat$yi, v = dat$vi, a = 1 / sqrt(dat$vi), name = "bcg 1/sqrt(v)"),
    list(y = dat$yi, v = dat$vi, a = ni, name = "bcg trial sizes"),
    list(y = c(-0.3, 0.4, 0.1), v = c(0.04, 0.09, 0.02), a = c(50, 20, 80), name = "k = 3"),
    list(y = c(0.1, 0.12, 0.09, 0.11, 0.105), v = c(0.01, 0.02, 0.015, 0.03, 0.012), a = 1:5,
         name = "homogeneous"),
    # weights 10^4 apart (libfgroi: Imhof's integral rather than Ruben's series)
    list(y = c(0.5, -0.2, 0.1, 0.9, 0.3, -0.6), v = c(0.001, 0.01, 0.1, 0.5, 0.02, 0.3),
         a = c(10000, 1, 50, 2, 3000, 5), name = "disparate weights"))
  worst <- c(tau2 = 0, objective = 0, confint = 0)
  for (s in sets) for (m in c("GENQ", "GENQM")) for (level in c(0.95, 0.9)) {
    info <- paste(s$name, m, level)
    ref <- metafor::rma(s$y, s$v, weights = s$a, method = m, level = 100 * level,
                        control = list(tol = 1e-14))
    r <- fgroi_pool_effects_weighted(s$y, s$v, s$a, m, level, NULL)
    expect_equal(r$stats$tau2, ref$tau2, tolerance = 1e-9, info = info)
    expect_equal(r$pooled$estimate, as.numeric(ref$b), tolerance = 1e-12, info = info)
    expect_equal(r$stats$se, ref$se, tolerance = 1e-9, info = info)
    worst["tau2"] <- max(worst["tau2"], abs(r$stats$tau2 - ref$tau2))
    # libfgroi's limits solve metafor's own objective (.GENQ.func with the stand-in)
    k <- length(s$y)
    P <- diag(s$a) - outer(s$a, s$a) / sum(s$a)
    Q <- c(crossprod(s$y, P %*% s$y))
    alpha <- 1 - level
    obj <- function(t, lower) metafor:::.GENQ.func(t, P = P, vi = s$v, Q = Q, level = alpha / 2, k = k,
                                                   p = 1, getlower = lower)
    lim <- c(r$stats$tau2_lower, r$stats$tau2_upper)
    # a limit at 0: the probability at 0 is already past the level there
    if (lim[1] > 0) expect_lt(abs(obj(lim[1], TRUE)), 1e-10) else expect_gte(obj(0, TRUE), 0)
    if (lim[2] > 0) expect_lt(abs(obj(lim[2], FALSE)), 1e-10) else expect_lte(obj(0, FALSE), 0)
    worst["objective"] <- max(worst["objective"], abs(obj(lim[1], TRUE)) * (lim[1] > 0),
                              abs(obj(lim[2], FALSE)) * (lim[2] > 0))
    # confint() itself (type "genq" by default for these fits) calls uniroot at its default
    # tol (.Machine$double.eps^0.25): its limits agree to that tolerance (at 95% only: slow)
    if (level != 0.95) next
    ci <- suppressWarnings(confint(ref))$random
    expect_equal(lim, unname(ci["tau^2", 2:3]), tolerance = 1e-3, info = info)
    expect_equal(c(r$stats$i2_lower, r$stats$i2_upper), unname(ci["I^2(%)", 2:3]), tolerance = 1e-3,
                 info = info)
    expect_equal(c(r$stats$h2_lower, r$stats$h2_upper), unname(ci["H^2", 2:3]), tolerance = 1e-3,
                 info = info)
    worst["confint"] <- max(worst["confint"], abs(lim - unname(ci["tau^2", 2:3])))
  }
  # measured (2026-12-03): tau2 within 4e-15, the objective at the limits within 1e-15,
  # confint()'s own limits within 1.5e-5 (its uniroot tolerance)
  expect_lt(worst[["tau2"]], 1e-12)
  # the alias
  expect_identical(fgroi:::.fgr_peer_tables[["metafor::rma"]][["GENQM"]], "generalised_q_median")
  r1 <- fgroi_pool_effects_weighted(dat$yi, dat$vi, ni, "GENQM", 0.95, NULL)
  r2 <- fgroi_pool_effects_weighted(dat$yi, dat$vi, ni, "generalised_q_median", 0.95, NULL)
  expect_identical(r1$stats$tau2, r2$stats$tau2)
})
