# Time to event (survival.h).

# Log-rank (rho = 0) or Peto-Peto (rho = 1) test of two arms, as
# survival::survdiff; `group` has two values, the first level is arm 1.
# A missing time, event or group is an error unless na.rm = TRUE (dropped
# and counted in n.omitted), never silently dropped.
logrank_test <- function(time, event, group, rho = 0, na.rm = FALSE) {
  dname <- paste(deparse1(substitute(time)), deparse1(substitute(event)), "by", deparse1(substitute(group)))
  if (is.factor(group)) group <- as.character(group)
  d <- .fgr_na(time = .fgr_doubles(time, "time"), event = event, group = group, na.rm = na.rm,
               fun = "logrank_test")
  time <- d$values$time
  event <- .fgr_check_binary(d$values$event, "event", "logrank_test")
  g <- factor(d$values$group)
  if (nlevels(g) != 2L) stop("'group' must have exactly two values")
  a <- g == levels(g)[1]
  r <- .fgr_c("fgroi_surv_logrank")(time[a], event[a], time[!a], event[!a], rho)
  h <- .fgr_htest(test = r$test, statistic = c(Chisq = r$test$statistic), parameter = c(df = r$test$df),
                  method = if (rho == 0) "Log-rank test" else paste0("G-rho test (rho = ", rho, ")"),
                  data.name = .fgr_dname_na(dname, d$omitted), alternative = "two.sided")
  h$observed <- setNames(c(r$detail$observed1, r$detail$observed2), levels(g))
  h$expected <- setNames(c(r$detail$expected1, r$detail$expected2), levels(g))
  h$n.omitted <- d$omitted
  h
}

# Median time to the event with its interval, as
# quantile(survival::survfit(Surv(time, event) ~ 1), 0.5): a named vector
# (median, lower, upper); a median or limit the curve does not reach is NA,
# as survfit prints it.
km_median <- function(time, event, conf.level = 0.95, conf.type = c("log", "log-log", "plain"),
                      na.rm = FALSE) {
  d <- .fgr_time_event(time, event, na.rm, "km_median")
  r <- .fgr_c("fgroi_surv_median")(d$time, d$event, .fgr_conf_type(conf.type), conf.level)
  v <- c(median = r$estimate, lower = r$lower, upper = r$upper)
  v[is.infinite(v)] <- NA_real_
  attr(v, "conf.level") <- conf.level
  attr(v, "n.omitted") <- d$omitted
  v
}
