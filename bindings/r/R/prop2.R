# Two independent proportions: device arm against control (prop.h).

# x, n as prop.test (two counts, two totals), or a 2 x 2 matrix with the
# groups in rows and (successes, failures) in columns.
.fgr_two_groups <- function(x, n, dname) {
  if (is.matrix(x) || is.table(x)) {
    if (!identical(dim(x), c(2L, 2L))) stop("'x' must be a 2 x 2 table")
    return(list(x = c(x[1, 1], x[2, 1]), n = c(x[1, 1] + x[1, 2], x[2, 1] + x[2, 2]), dname = dname))
  }
  if (missing(n) || is.null(n) || length(x) != 2L || length(n) != 2L)
    stop("give two counts 'x' and two totals 'n', or a 2 x 2 table")
  list(x = x, n = n, dname = dname)
}

# Test of p1 = p2 with an interval for p1 - p2, printed like prop.test.
prop2_test <- function(x, n, method = c("fisher", "chisq", "chisq_cc", "fisher_mid_p"),
                       alternative = c("two.sided", "less", "greater"),
                       conf.level = 0.95, ci.method = "newcombe") {
  d <- .fgr_two_groups(x, if (missing(n)) NULL else n, deparse1(substitute(x)))
  if (!missing(n)) d$dname <- paste(deparse1(substitute(x)), "out of", deparse1(substitute(n)))
  method <- match.arg(method)
  alternative <- .fgr_alternative(alternative)
  te <- .fgr_c("fgroi_prop_2x2_test")(d$x[1], d$n[1], d$x[2], d$n[2], method, alternative)
  ci <- .fgr_c("fgroi_prop_diff_ci")(d$x[1], d$n[1], d$x[2], d$n[2], ci.method, conf.level, alternative)
  chisq <- method %in% c("chisq", "chisq_cc")
  stat <- if (chisq) {
    if (alternative == "two.sided") c("X-squared" = te$statistic) else c(z = te$statistic)
  } else c("odds ratio" = te$statistic)
  .fgr_htest(test = te, interval = ci, statistic = stat,
             parameter = if (chisq && alternative == "two.sided") c(df = te$df),
             estimate = c("prop 1" = d$x[1] / d$n[1], "prop 2" = d$x[2] / d$n[2]),
             null.value = if (alternative != "two.sided") c("p1 - p2" = 0),
             method = paste0(.fgr_title(te$method), "; ", .fgr_title(ci$method), " for p1 - p2"),
             data.name = d$dname, alternative = alternative)
}

# Fisher's exact test of a 2 x 2 table with the conditional MLE odds ratio
# and its exact interval, as fisher.test.
fisher_2x2 <- function(x, alternative = c("two.sided", "less", "greater"), conf.level = 0.95,
                       method = c("fisher", "fisher_mid_p")) {
  dname <- deparse1(substitute(x))
  d <- .fgr_two_groups(x, NULL, dname)
  alternative <- .fgr_alternative(alternative)
  method <- match.arg(method)
  te <- .fgr_c("fgroi_prop_2x2_test")(d$x[1], d$n[1], d$x[2], d$n[2], method, alternative)
  ci <- .fgr_c("fgroi_prop_odds_ratio_ci")(d$x[1], d$n[1], d$x[2], d$n[2], "conditional", conf.level, alternative)
  .fgr_htest(test = te, interval = ci, estimate = c("odds ratio" = ci$estimate),
             null.value = c("odds ratio" = 1),
             method = .fgr_title(method), data.name = dname, alternative = alternative)
}

# Relative risk p1 / p2 with its interval.
risk_ratio <- function(x, n, conf.level = 0.95, method = "koopman",
                       alternative = c("two.sided", "less", "greater")) {
  d <- .fgr_two_groups(x, if (missing(n)) NULL else n, deparse1(substitute(x)))
  alternative <- .fgr_alternative(alternative)
  ci <- .fgr_c("fgroi_prop_ratio_ci")(d$x[1], d$n[1], d$x[2], d$n[2], method, conf.level, alternative)
  .fgr_htest(interval = ci, estimate = c("risk ratio" = ci$estimate),
             method = paste("Risk ratio:", .fgr_title(ci$method)), data.name = d$dname)
}

# Exact unconditional comparison of two small arms (device x[1]/n[1] vs
# control x[2]/n[2]), the report's device-vs-control headline: the test of
# p1 = p2 by `method` ("default" = Boschloo; "barnard") and the exact
# interval for p1 - p2 by `ci.method` ("default" = Chan-Zhang); the
# defaults are the C library's.
exact_test <- function(x, n, method = "default", ci.method = "default",
                       alternative = c("two.sided", "less", "greater"), conf.level = 0.95) {
  d <- .fgr_two_groups(x, if (missing(n)) NULL else n, deparse1(substitute(x)))
  if (!missing(n)) d$dname <- paste(deparse1(substitute(x)), "out of", deparse1(substitute(n)))
  alternative <- .fgr_alternative(alternative)
  opts <- .fgr_c("fgroi_exact2x2_options_default")()
  te <- .fgr_c("fgroi_exact2x2_test")(d$x[1], d$n[1], d$x[2], d$n[2], method, alternative, opts)$out
  ci <- .fgr_c("fgroi_exact2x2_diff_ci")(d$x[1], d$n[1], d$x[2], d$n[2], ci.method, conf.level,
                                         alternative, opts)
  .fgr_htest(test = te, interval = ci, statistic = c(statistic = te$statistic),
             estimate = c("prop 1" = d$x[1] / d$n[1], "prop 2" = d$x[2] / d$n[2]),
             null.value = c("p1 - p2" = 0),
             method = paste0(.fgr_title(te$method), "; ", .fgr_title(ci$method), " interval for p1 - p2"),
             data.name = d$dname, alternative = alternative)
}
