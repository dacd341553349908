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
