# Time to event (survival.h).

# Log-rank (rho = 0) or Peto-Peto (rho = 1) test of two arms, as
# survival::survdiff; `group` has two values, the first level is arm 1.
logrank_test <- function(time, event, group, rho = 0) {
  dname <- paste(deparse1(substitute(time)), deparse1(substitute(event)), "by", deparse1(substitute(group)))
  g <- factor(group)
  if (nlevels(g) != 2L) stop("'group' must have exactly two values")
  a <- g == levels(g)[1]
  r <- .fgr_c("fgroi_surv_logrank")(time[a], event[a], time[!a], event[!a], rho)
  h <- .fgr_htest(test = r$test, statistic = c(Chisq = r$test$statistic), parameter = c(df = r$test$df),
                  method = if (rho == 0) "Log-rank test" else paste0("G-rho test (rho = ", rho, ")"),
                  data.name = dname, alternative = "two.sided")
  h$observed <- setNames(c(r$detail$observed1, r$detail$observed2), levels(g))
  h$expected <- setNames(c(r$detail$expected1, r$detail$expected2), levels(g))
  h
}
