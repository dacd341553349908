# Pre/post designs (prepost.h).

# Difference in differences of a mean outcome (e.g. the share of protocol
# steps completed): (device post - pre) - (control post - pre) with its
# interval and Welch t test (fgroi_prepost_mean_did), the report's DiD
# headline. paired = TRUE: the same participants measured twice in each arm
# (named vectors pair by name within an arm, else by position); a
# participant missing one period is an error unless na.rm = TRUE.
did_test <- function(device.pre, device.post, control.pre, control.post, paired = TRUE,
                     alternative = c("two.sided", "less", "greater"), conf.level = 0.95,
                     na.rm = FALSE) {
  dname <- paste0("(", deparse1(substitute(device.post)), " - ", deparse1(substitute(device.pre)),
                  ") - (", deparse1(substitute(control.post)), " - ", deparse1(substitute(control.pre)), ")")
  alternative <- .fgr_alternative(alternative)
  arm <- function(pre, post, pn, qn) {
    if (paired) {
      pr <- .fgr_pair(pre, post, pn, qn, "did_test")
      d <- do.call(.fgr_na, c(setNames(list(.fgr_doubles(pr$x, pn), .fgr_doubles(pr$y, qn)), c(pn, qn)),
                              list(na.rm = na.rm, fun = "did_test")))
      list(pre = d$values[[1L]], post = d$values[[2L]], omitted = d$omitted)
    } else {
      a <- do.call(.fgr_na, c(setNames(list(.fgr_doubles(pre, pn)), pn), list(na.rm = na.rm, fun = "did_test")))
      b <- do.call(.fgr_na, c(setNames(list(.fgr_doubles(post, qn)), qn), list(na.rm = na.rm, fun = "did_test")))
      list(pre = a$values[[1L]], post = b$values[[1L]], omitted = a$omitted + b$omitted)
    }
  }
  dv <- arm(device.pre, device.post, "device.pre", "device.post")
  cv <- arm(control.pre, control.post, "control.pre", "control.post")
  r <- .fgr_c("fgroi_prepost_mean_did")(dv$pre, dv$post, cv$pre, cv$post,
                                        if (paired) "paired" else "independent", conf.level, alternative)
  omitted <- dv$omitted + cv$omitted
  h <- .fgr_htest(test = r$test, interval = r$ci, statistic = c(t = r$test$statistic),
                  parameter = c(df = r$test$df),
                  estimate = c("difference in differences" = r$ci$estimate),
                  null.value = c("difference in differences" = 0),
                  method = "Difference in differences: Welch t on per-participant changes",
                  data.name = .fgr_dname_na(dname, omitted), alternative = alternative)
  h$n.omitted <- omitted
  h
}

# Two arms' funnels compared transition by transition (same stages): the
# difference in conversion (or completion) rates, arm a minus arm b, with
# Newcombe's hybrid score interval and the two-sided Fisher exact p-value.
funnel_compare <- function(counts.a, counts.b, rate = c("conversion", "completion"),
                           conf.level = 0.95) {
  rate <- match.arg(rate)
  r <- .fgr_c("fgroi_prepost_funnel_compare")(counts.a, counts.b, rate, conf.level)
  data.frame(step = seq_along(r$diff), diff = r$diff, lower = r$diff_lower, upper = r$diff_upper,
             p.value = r$p_value)
}

# Change in a proportion for the same participants (post - pre), as an
# htest: x and y are the pre and post 0/1 outcomes (named vectors pair by
# name) or x is the 2 x 2 table (rows pre yes/no, columns post yes/no).
# Tango's score interval and the mid-p McNemar test by default; method =
# "wald", "newcombe", ..., test.method = "mcnemar" / "mcnemar_cc" (R's
# mcnemar.test(correct = FALSE / TRUE)) / "mcnemar_exact".
prop_change_paired <- function(x, y = NULL, conf.level = 0.95, method = "default",
                               test.method = "default",
                               alternative = c("two.sided", "less", "greater"), na.rm = FALSE) {
  dname <- if (is.null(y)) deparse1(substitute(x)) else
    paste(deparse1(substitute(x)), "then", deparse1(substitute(y)))
  alternative <- .fgr_alternative(alternative)
  k <- .fgr_two_by_two(x, y, "x", "y", na.rm, "prop_change_paired") # both, post only, pre only, neither
  r <- .fgr_c("fgroi_prepost_prop_change_paired")(k[[1]], k[[3]], k[[2]], k[[4]], method,
                                                   test.method, conf.level, alternative)
  n <- sum(k)
  h <- .fgr_htest(test = r$test, interval = r$ci,
                  estimate = c("rate before" = (k[[1]] + k[[3]]) / n,
                               "rate after" = (k[[1]] + k[[2]]) / n),
                  null.value = c("change in rate" = 0),
                  method = paste0("Paired change in a proportion (after - before): ",
                                  .fgr_title(r$ci$method), " interval; ", .fgr_title(r$test$method)),
                  data.name = .fgr_dname_na(dname, attr(k, "omitted")), alternative = alternative)
  h$n.omitted <- attr(k, "omitted")
  h
}
