# Continuous outcomes (means.h), printed like t.test and wilcox.test.

# Samples after the NA rule: pairs dropped together (paired named vectors
# pair by name); list(x, y, omitted).
.fgr_samples <- function(x, y, paired, na.rm, fun) {
  if (is.null(y)) {
    d <- .fgr_na(x = .fgr_doubles(x, "x"), na.rm = na.rm, fun = fun)
    return(list(x = d$values$x, y = NULL, omitted = d$omitted))
  }
  if (paired) {
    pr <- .fgr_pair(x, y, "x", "y", fun)
    d <- .fgr_na(x = .fgr_doubles(pr$x, "x"), y = .fgr_doubles(pr$y, "y"), na.rm = na.rm, fun = fun)
    return(list(x = d$values$x, y = d$values$y, omitted = d$omitted))
  }
  dx <- .fgr_na(x = .fgr_doubles(x, "x"), na.rm = na.rm, fun = fun)
  dy <- .fgr_na(y = .fgr_doubles(y, "y"), na.rm = na.rm, fun = fun)
  list(x = dx$values$x, y = dy$values$y, omitted = dx$omitted + dy$omitted)
}

t_test <- function(x, y = NULL, alternative = c("two.sided", "less", "greater"), mu = 0,
                   paired = FALSE, var.equal = FALSE, conf.level = 0.95, na.rm = FALSE) {
  dname <- if (is.null(y)) deparse1(substitute(x)) else paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
  alternative <- .fgr_alternative(alternative)
  s <- .fgr_samples(x, y, paired, na.rm, "t_test")
  x <- s$x; y <- s$y; dname <- .fgr_dname_na(dname, s$omitted)
  if (is.null(y)) {
    r <- .fgr_c("fgroi_means_t_one")(x, mu, conf.level, alternative)
    est <- c("mean of x" = r$ci$estimate); title <- "One Sample t-test"; nv <- c(mean = mu)
  } else if (paired) {
    r <- .fgr_c("fgroi_means_t_paired")(x, y, mu, conf.level, alternative)
    est <- c("mean difference" = r$ci$estimate); title <- "Paired t-test"; nv <- c("mean difference" = mu)
  } else {
    r <- .fgr_c("fgroi_means_t_two")(x, y, mu, if (var.equal) "student" else "welch", conf.level, alternative)
    est <- c("mean of x" = mean(x), "mean of y" = mean(y))
    title <- if (var.equal) " Two Sample t-test" else "Welch Two Sample t-test"
    nv <- c("difference in means" = mu)
  }
  h <- .fgr_htest(test = r$test, interval = r$ci, statistic = c(t = r$test$statistic),
                  parameter = c(df = r$test$df), estimate = est, null.value = nv,
                  method = title, data.name = dname, alternative = alternative)
  h$n.omitted <- s$omitted
  h
}

wilcox_test <- function(x, y = NULL, alternative = c("two.sided", "less", "greater"), mu = 0,
                        paired = FALSE, exact = NULL, correct = TRUE, conf.int = TRUE,
                        conf.level = 0.95, na.rm = FALSE) {
  dname <- if (is.null(y)) deparse1(substitute(x)) else paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
  alternative <- .fgr_alternative(alternative)
  method <- if (is.null(exact)) "default" else if (exact) "exact" else "normal"
  s <- .fgr_samples(x, y, paired, na.rm, "wilcox_test")
  x <- s$x; y <- s$y; dname <- .fgr_dname_na(dname, s$omitted)
  fn <- if (paired) "fgroi_means_wilcoxon_paired" else if (is.null(y)) "fgroi_means_wilcoxon_one"
        else "fgroi_means_mann_whitney"
  run <- function(m) {
    if (isTRUE(conf.int)) {
      if (is.null(y)) .fgr_c(fn)(x, mu, m, conf.level, alternative)
      else .fgr_c(fn)(x, y, mu, m, conf.level, alternative)
    } else { # the test alone, as wilcox.test(conf.int = FALSE): no interval computed (issue 17)
      kind <- if (is.null(y)) 0L else if (paired) 1L else 2L
      list(test = .fgr_result(.Call(C_fgr_rank_test_alone, kind, x, if (is.null(y)) numeric() else y,
                                    as.double(mu), m, as.double(conf.level), alternative), fn),
           ci = NULL)
    }
  }
  r <- run(method)
  exact_used <- bitwAnd(as.integer(r$test$flags), 16L) != 0L
  if (!isTRUE(correct) && !exact_used) r <- run("normal_uncorrected") # R's correct = FALSE (issue 17)
  two <- !is.null(y) && !paired
  title <- paste(if (two) "Wilcoxon rank sum" else "Wilcoxon signed rank",
                 if (exact_used) "exact test" else if (isTRUE(correct)) "test with continuity correction"
                 else "test")
  h <- .fgr_htest(test = r$test, interval = r$ci,
             statistic = if (two) c(W = r$test$statistic) else c(V = r$test$statistic),
             estimate = if (is.null(r$ci)) NULL
                        else if (two) c("difference in location" = r$ci$estimate)
                        else c("(pseudo)median" = r$ci$estimate),
             null.value = if (two) c("location shift" = mu) else c("location" = mu),
             method = title, data.name = dname, alternative = alternative)
  h$n.omitted <- s$omitted
  h
}
