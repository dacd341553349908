# Single proportions (include/fgroi/prop.h).

#' Confidence interval for a proportion
prop_ci <- function(x, n, conf.level = 0.95, method = "wilson",
                    alternative = c("two.sided", "less", "greater"), na.rm = FALSE) {
  d <- .fgr_count_data(x, if (missing(n)) NULL else n, deparse1(substitute(x)), na.rm, "prop_ci")
  dname <- if (is.null(d$dname)) paste(deparse1(substitute(x)), "out of", deparse1(substitute(n))) else d$dname
  alternative <- .fgr_alternative(alternative)
  ci <- .fgr_c("fgroi_prop_ci")(d$x, d$n, method, conf.level, alternative)
  r <- .fgr_htest(interval = ci, estimate = c(p = ci$estimate),
                  method = paste("Confidence interval for a proportion:", .fgr_title(ci$method)),
                  data.name = dname)
  r$n.omitted <- d$omitted
  r
}

#' Exact binomial test, as binom.test, with a choice of interval
binom_test <- function(x, n, p = 0.5, alternative = c("two.sided", "less", "greater"),
                       conf.level = 0.95, method = c("exact", "mid_p"),
                       ci.method = "clopper_pearson", na.rm = FALSE) {
  dname <- deparse1(substitute(x))
  omitted <- 0L
  if (length(x) == 2L && !is.logical(x) && (missing(n) || is.null(n))) {
    n <- sum(x); x <- x[1L]
  } else if (missing(n)) {
    d <- .fgr_count_data(x, NULL, dname, na.rm, "binom_test")
    x <- d$x; n <- d$n; dname <- d$dname; omitted <- d$omitted
  } else dname <- paste(dname, "and", deparse1(substitute(n)))
  alternative <- .fgr_alternative(alternative)
  method <- match.arg(method)
  te <- .fgr_c("fgroi_prop_test")(x, n, p, method, alternative)
  ci <- .fgr_c("fgroi_prop_ci")(x, n, ci.method, conf.level, alternative)
  r <- .fgr_htest(test = te, interval = ci,
             statistic = c("number of successes" = x),
             parameter = c("number of trials" = n),
             estimate = c("probability of success" = x / n),
             null.value = c("probability of success" = p),
             method = if (method == "exact") "Exact binomial test" else "Mid-p binomial test",
             data.name = dname)
  r$n.omitted <- omitted
  r
}
