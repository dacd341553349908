# Continuous outcomes (means.h), printed like t.test and wilcox.test.

t_test <- function(x, y = NULL, alternative = c("two.sided", "less", "greater"), mu = 0,
                   paired = FALSE, var.equal = FALSE, conf.level = 0.95) {
  dname <- if (is.null(y)) deparse1(substitute(x)) else paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
  alternative <- .fgr_alternative(alternative)
  if (paired) {
    ok <- !(is.na(x) | is.na(y)); x <- x[ok]; y <- y[ok]
  } else {
    x <- x[!is.na(x)]; if (!is.null(y)) y <- y[!is.na(y)]
  }
  if (is.null(y)) {
    r <- .fgr_c("fgroi_means_t_one")(x, mu, conf.level, alternative)
    est <- c("mean of x" = r$ci$estimate); title <- "One Sample t-test"; nv <- c(mean = mu)
  } else if (paired) {
    r <- .fgr_c("fgroi_means_t_paired")(x, y, mu, conf.level, alternative)
    est <- c("mean difference" = r$ci$estimate); title <- "Paired t-test"; nv <- c("mean difference" = mu)
  } else {
    r <- .fgr_c("fgroi_means_t_two")(x, y, if (var.equal) "student" else "welch", mu, conf.level, alternative)
    est <- c("mean of x" = mean(x), "mean of y" = mean(y))
    title <- if (var.equal) " Two Sample t-test" else "Welch Two Sample t-test"
    nv <- c("difference in means" = mu)
  }
  .fgr_htest(test = r$test, interval = r$ci, statistic = c(t = r$test$statistic),
             parameter = c(df = r$test$df), estimate = est, null.value = nv,
             method = title, data.name = dname, alternative = alternative)
}

wilcox_test <- function(x, y = NULL, alternative = c("two.sided", "less", "greater"), mu = 0,
                        paired = FALSE, exact = NULL, conf.int = TRUE, conf.level = 0.95) {
  dname <- if (is.null(y)) deparse1(substitute(x)) else paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
  alternative <- .fgr_alternative(alternative)
  method <- if (is.null(exact)) "default" else if (exact) "exact" else "normal"
  if (paired) {
    ok <- !(is.na(x) | is.na(y))
    r <- .fgr_c("fgroi_means_wilcoxon_paired")(x[ok], y[ok], mu, method, conf.level, alternative)
  } else if (is.null(y)) {
    r <- .fgr_c("fgroi_means_wilcoxon_one")(x[!is.na(x)], mu, method, conf.level, alternative)
  } else {
    r <- .fgr_c("fgroi_means_mann_whitney")(x[!is.na(x)], y[!is.na(y)], mu, method, conf.level, alternative)
  }
  exact_used <- bitwAnd(as.integer(r$test$flags), 16L) != 0L
  two <- !is.null(y) && !paired
  title <- paste(if (two) "Wilcoxon rank sum" else "Wilcoxon signed rank",
                 if (exact_used) "exact test" else "test with continuity correction")
  .fgr_htest(test = r$test, interval = r$ci,
             statistic = if (two) c(W = r$test$statistic) else c(V = r$test$statistic),
             estimate = if (two) c("difference in location" = r$ci$estimate)
                        else c("(pseudo)median" = r$ci$estimate),
             null.value = if (two) c("location shift" = mu) else c("location" = mu),
             method = title, data.name = dname, alternative = alternative)
}
