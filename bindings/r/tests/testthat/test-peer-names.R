# Every method name of the R peers, by name (issue 17): R's p.adjust.methods
# and the method= / test= values metafor::rma accepts, enumerated from the
# installed R and metafor themselves; each reproduced by the libfgroi method
# peer_method() names for it (passed in the peer's own spelling, which the C
# name lookup accepts), or refused as not provided.

methods_md <- local({
  f <- file.path(Sys.getenv("FGROI_SOURCE_ROOT", ""), "docs", "methods.md")
  if (file.exists(f)) paste(readLines(f, warn = FALSE), collapse = "\n") else NULL
})
named_in_table <- function(name) {
  if (is.null(methods_md)) return(TRUE) # R CMD check copies the package alone
  grepl(paste0("\"", name, "\""), methods_md, fixed = TRUE) ||
    grepl(paste0("`", name, "`"), methods_md, fixed = TRUE)
}

test_that("every p.adjust.methods name reproduces p.adjust bit for bit", {
  p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 1e-4, 0.9, 0.03, NA)
  live <- stats::p.adjust.methods
  expect_setequal(live, names(fgroi:::.fgr_peer_tables[["p.adjust"]]))
  for (m in live) {
    expect_true(named_in_table(m), info = m)
    ours <- peer_method("p.adjust", m)
    expect_identical(p_adjust(p, m), stats::p.adjust(p, m), info = m)
    ok <- !is.na(p)
    # the peer's spelling straight into the C function, and libfgroi's name
    expect_identical(fgroi_multiplicity_adjust(p[ok], m), stats::p.adjust(p[ok], m), info = m)
    expect_identical(fgroi_multiplicity_adjust(p[ok], ours), stats::p.adjust(p[ok], m), info = m)
  }
})

test_that("statsmodels' multipletests names map as the table says", {
  p <- c(0.01, 0.04, 0.03, 0.005, 0.2)
  tab <- fgroi:::.fgr_peer_tables[["statsmodels multipletests"]]
  for (m in names(tab)) {
    if (is.na(tab[[m]])) {
      expect_fgroi_error(fgroi_multiplicity_adjust(p, m), "unknown_name")
      expect_fgroi_error(peer_method("statsmodels multipletests", m), "unknown_name")
    } else {
      expect_identical(fgroi_multiplicity_adjust(p, m), fgroi_multiplicity_adjust(p, tab[[m]]), info = m)
    }
  }
})

# metafor's own list of method= values, read from rma.uni's argument check
metafor_methods <- function() {
  b <- paste(deparse(body(metafor::rma.uni)), collapse = " ")
  hits <- regmatches(b, gregexpr("is\\.element\\(method\\[1\\], c\\([^)]*\\)\\)", b))[[1]]
  lists <- lapply(hits, function(h) regmatches(h, gregexpr("\"[A-Za-z]+\"", h))[[1]])
  gsub("\"", "", lists[[which.max(lengths(lists))]])
}
metafor_tests <- function() {
  b <- paste(deparse(body(metafor::rma.uni)), collapse = " ")
  hits <- regmatches(b, gregexpr("is\\.element\\(test, c\\([^)]*\\)\\)", b))[[1]]
  lists <- lapply(hits, function(h) regmatches(h, gregexpr("\"[a-z]+\"", h))[[1]])
  gsub("\"", "", lists[[which.max(lengths(lists))]])
}

test_that("every metafor rma() method= and test= value is reproduced or refused", {
  skip_if_not_installed("metafor") # Debian's r-cran-metafor, in .ci/bootstrap
  # the BCG trials (Colditz et al. 1994; metafor's dat.bcg), log risk ratios
  bcg <- bcg_trials()
  dat <- bcg$dat
  ni <- bcg$ni
  live <- metafor_methods()
  expect_true(all(c("REML", "DL", "PM", "ML", "FE", "EE", "HE", "SJ") %in% live))
  expect_setequal(live, names(fgroi:::.fgr_peer_tables[["metafor::rma"]]))
  tests <- metafor_tests()
  expect_true(all(c("z", "t", "knha", "adhoc") %in% tests))
  expect_setequal(tests, names(fgroi:::.fgr_peer_tables[["metafor::rma test"]]))
  ctl <- list(threshold = 1e-14, maxiter = 10000, tol = 1e-14)
  provided <- 0L
  for (m in live) {
    expect_true(named_in_table(m), info = m)
    tab <- fgroi:::.fgr_peer_tables[["metafor::rma"]]
    if (is.na(tab[[m]])) {
      expect_fgroi_error(fgroi_pool_effects_ex(dat$yi, dat$vi, m, 0.95, NULL), "unknown_name")
      expect_fgroi_error(peer_method("metafor::rma", m), "unknown_name")
      next
    }
    for (tst in tests) {
      ci <- fgroi:::.fgr_peer_tables[["metafor::rma test"]][[tst]]
      if (is.na(ci)) {
        expect_fgroi_error(peer_method("metafor::rma test", tst), "unknown_name")
        next
      }
      # metafor warns that Knapp-Hartung is not meant for a fixed-effect fit; it computes it.
      # GENQ and GENQM need user weights (here the trial sizes): fgroi_pool_effects_weighted;
      # metafor's GENQM calls CompQuadForm (not in Debian): the stand-in of helper-compquadform.R
      if (m == "GENQM") cqf_shim_install()
      if (m %in% c("GENQ", "GENQM")) {
        ref <- metafor::rma(yi, vi, data = dat, weights = ni, method = m, test = tst, control = ctl)
        r <- fgroi_pool_effects_weighted(dat$yi, dat$vi, ni, m, 0.95, list(ci_method = ci))
      } else {
        ref <- suppressWarnings(metafor::rma(yi, vi, data = dat, method = m, test = tst, control = ctl))
        r <- fgroi_pool_effects_ex(dat$yi, dat$vi, m, 0.95, list(ci_method = ci))
      }
      pr <- predict(ref)
      info <- paste(m, tst)
      expect_equal(r$pooled$estimate, as.numeric(ref$b), tolerance = 1e-10, info = info)
      expect_equal(r$pooled$lower, ref$ci.lb, tolerance = 1e-10, info = info)
      expect_equal(r$pooled$upper, ref$ci.ub, tolerance = 1e-10, info = info)
      expect_equal(r$test$p_value, ref$pval, tolerance = 1e-9, info = info)
      expect_equal(r$stats$tau2, ref$tau2, tolerance = 1e-10, info = info)
      expect_equal(r$stats$i2, ref$I2, tolerance = 1e-10, info = info)
      expect_equal(r$stats$h2, ref$H2, tolerance = 1e-10, info = info)
      # a fixed-effect fit has no prediction interval in metafor: libfgroi's is the CI
      pi <- if (is.null(pr$pi.lb)) c(pr$ci.lb, pr$ci.ub) else c(pr$pi.lb, pr$pi.ub)
      expect_equal(c(r$stats$pi_lower, r$stats$pi_upper), pi, tolerance = 1e-10, info = info)
      provided <- provided + 1L
    }
  }
  # EE FE CE DL REML ML PM MP EB HS HSk HE SJ DLIT SJIT PMM GENQ GENQM, each with z, t, knha and adhoc
  expect_gte(provided, 72L)
  expect_identical(fgroi:::.fgr_peer_tables[["metafor::rma"]][["GENQM"]], "generalised_q_median")
  # the Q-profile intervals (the same for every estimator)
  q <- confint(metafor::rma(yi, vi, data = dat, method = "REML", control = ctl),
               control = list(tol = 1e-14))$random
  r <- fgroi_pool_effects_ex(dat$yi, dat$vi, "REML", 0.95, NULL)
  expect_equal(c(r$stats$tau2_lower, r$stats$tau2_upper), unname(q["tau^2", 2:3]), tolerance = 1e-9)
  expect_equal(c(r$stats$i2_lower, r$stats$i2_upper), unname(q["I^2(%)", 2:3]), tolerance = 1e-9)
})

test_that("wilcox.test(correct = TRUE / FALSE) names reproduce R, all-tied differences included", {
  x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
  y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
  a <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46)
  b <- c(1.15, 0.88, 0.90, 0.74, 1.21)
  for (correct in c(TRUE, FALSE)) {
    m <- peer_method("wilcox.test correct", correct)
    for (alt in c("two.sided", "less", "greater")) {
      ref <- suppressWarnings(stats::wilcox.test(x, y, paired = TRUE, exact = FALSE,
                                                 correct = correct, alternative = alt))
      got <- fgroi_means_wilcoxon_paired(x, y, 0, m, 0.95, alt)
      expect_equal(got$test$p_value, ref$p.value, tolerance = 1e-12)
      ref <- suppressWarnings(stats::wilcox.test(a, b, exact = FALSE, correct = correct,
                                                 alternative = alt, conf.int = TRUE))
      got <- fgroi_means_mann_whitney(a, b, 0, m, 0.95, alt)
      expect_equal(got$test$p_value, ref$p.value, tolerance = 1e-12)
      expect_equal(got$ci$estimate, unname(ref$estimate), tolerance = 1e-6)
      h <- wilcox_test(a, b, exact = FALSE, correct = correct, alternative = alt)
      expect_equal(h$p.value, ref$p.value, tolerance = 1e-12)
    }
  }
  # R's method title for correct = FALSE
  h <- wilcox_test(a, b, exact = FALSE, correct = FALSE)
  expect_identical(h$method, "Wilcoxon rank sum test")
})

test_that("the peers' spellings of the alternative mean the same", {
  ref <- fgroi_prop_ci(3, 10, "wilson", 0.95, "two_sided")
  for (alt in c("two.sided", "two-sided")) expect_identical(fgroi_prop_ci(3, 10, "wilson", 0.95, alt), ref)
  expect_identical(fgroi_prop_ci(3, 10, "wilson", 0.95, "larger"), fgroi_prop_ci(3, 10, "wilson", 0.95, "greater"))
  expect_identical(fgroi_prop_ci(3, 10, "wilson", 0.95, "smaller"), fgroi_prop_ci(3, 10, "wilson", 0.95, "less"))
  # statsmodels' / DescTools' spellings of the one-proportion methods
  expect_identical(fgroi_prop_ci(3, 10, "beta"), fgroi_prop_ci(3, 10, "clopper_pearson"))
  expect_identical(fgroi_prop_ci(3, 10, "clopper-pearson"), fgroi_prop_ci(3, 10, "clopper_pearson"))
  expect_identical(fgroi_prop_ci(3, 10, "wilsoncc"), fgroi_prop_ci(3, 10, "wilson_cc"))
  expect_identical(fgroi_prop_ci(3, 10, "agresti-coull"), fgroi_prop_ci(3, 10, "agresti_coull"))
  # R's own prop.test / binom.test intervals by those names
  expect_equal(fgroi_prop_ci(3, 10, "wilsoncc")$upper, prop.test(3, 10)$conf.int[2], tolerance = 1e-12)
  expect_equal(fgroi_prop_ci(3, 10, "beta")$lower, binom.test(3, 10)$conf.int[1], tolerance = 1e-10)
})
