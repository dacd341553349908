# Single proportions (include/fgroi/prop.h).

# Vectors of counts x and n (one of them may be a single value, recycled):
# one interval per element as a data frame, as binom::binom.confint. A
# missing count is an error unless na.rm = TRUE, which keeps that row with
# NA limits and counts it in attr(, "n.omitted").
.fgr_prop_ci_many <- function(x, n, conf.level, method, alternative, na.rm) {
  if (!is.logical(na.rm) || length(na.rm) != 1L || is.na(na.rm))
    stop(fgroi_condition(21L, "prop_ci", "na.rm", call = sys.call(-1L), detail = "must be TRUE or FALSE"))
  len <- max(length(x), length(n))
  if (!(length(x) %in% c(1L, len)) || !(length(n) %in% c(1L, len)))
    stop(fgroi_condition(13L, "prop_ci", "n", call = sys.call(-1L),
                         detail = paste0("'x' has ", length(x), " counts and 'n' ", length(n),
                                         ": give equal lengths or one single value")))
  x <- rep_len(x, len); n <- rep_len(n, len)
  miss <- is.na(x) | is.na(n)
  if (any(miss) && !na.rm) {
    arg <- if (anyNA(x)) "x" else "n"
    stop(fgroi_condition(5L, "prop_ci", arg, call = sys.call(-1L),
                         detail = paste0(sum(miss), " missing count(s) (NA), first at position ",
                                         which(miss)[1L], "; na.rm = TRUE keeps those rows as NA and counts them")))
  }
  est <- lo <- hi <- rep(NA_real_, len)
  f <- .fgr_c("fgroi_prop_ci")
  ci <- NULL
  for (i in which(!miss)) {
    ci <- f(x[i], n[i], method, conf.level, alternative)
    est[i] <- ci$estimate; lo[i] <- ci$lower; hi[i] <- ci$upper
  }
  out <- data.frame(x = x, n = n, estimate = est, lower = lo, upper = hi)
  attr(out, "method") <- if (is.null(ci)) method else ci$method
  attr(out, "conf.level") <- conf.level
  attr(out, "alternative") <- alternative
  attr(out, "n.omitted") <- sum(miss)
  out
}

#' Confidence interval for a proportion
prop_ci <- function(x, n, conf.level = 0.95, method = "wilson",
                    alternative = c("two.sided", "less", "greater"), na.rm = FALSE) {
  if (!missing(n) && !is.null(n) && (length(x) > 1L || length(n) > 1L))
    return(.fgr_prop_ci_many(x, n, conf.level, method, .fgr_alternative(alternative), na.rm))
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
