# The rest of the library in R's idiom (issue 18): targets, time to event,
# funnels, agreement, power for McNemar and NPS, the scorecard. Same rules as
# the other wrappers: conf.level, alternative = c("two.sided", "less",
# "greater") (R's names), htest results for tests, NA an error unless
# na.rm = TRUE (counted in n.omitted), named vectors paired by name.

# Is the success rate x / n above (or below) a target? One-sided exact (or
# mid-p, normal) test of p = target with the matching bound. `alternative`
# has no default: the direction is the question ("greater": above?).
target_test <- function(x, n, target, alternative, conf.level = 0.95, method = "exact") {
  if (missing(alternative))
    stop(fgroi_condition(11L, "target_test", "alternative", call = sys.call(),
                         detail = "say the direction asked: \"greater\" (above the target?) or \"less\""))
  dname <- paste(deparse1(substitute(x)), "out of", deparse1(substitute(n)))
  alternative <- .fgr_alternative(alternative)
  r <- .fgr_c("fgroi_prepost_target")(x, n, target, method, conf.level, alternative)
  .fgr_htest(test = r$test, interval = r$bound,
             statistic = c("number of successes" = x), parameter = c("number of trials" = n),
             estimate = c("probability of success" = r$bound$estimate),
             null.value = c("probability of success" = target),
             method = paste("Target test:", .fgr_title(r$test$method), "with a",
                            .fgr_title(r$bound$method), "bound"),
             data.name = dname, alternative = alternative)
}

# Time and event after the NA rule (event 0/1).
.fgr_time_event <- function(time, event, na.rm, fun) {
  d <- .fgr_na(time = .fgr_doubles(time, "time"), event = event, na.rm = na.rm, fun = fun)
  list(time = d$values$time, event = .fgr_check_binary(d$values$event, "event", fun),
       omitted = d$omitted)
}

.fgr_conf_type <- function(conf.type) {
  conf.type <- match.arg(conf.type, c("log", "log-log", "plain"))
  c(log = 0L, "log-log" = 1L, plain = 2L)[[conf.type]]
}

# Kaplan-Meier curve as survival::survfit (Greenwood; conf.type as survfit):
# a data.frame with one row per distinct time.
km_curve <- function(time, event, conf.level = 0.95, conf.type = c("log", "log-log", "plain"),
                     na.rm = FALSE) {
  d <- .fgr_time_event(time, event, na.rm, "km_curve")
  r <- .fgr_c("fgroi_surv_km")(d$time, d$event, .fgr_conf_type(conf.type), conf.level)
  out <- data.frame(time = r$t_out, n.risk = r$n_risk, n.event = r$n_event,
                    n.censor = r$n_censor, surv = r$surv, std.err = r$std_err,
                    lower = r$lower, upper = r$upper)
  attr(out, "n.omitted") <- d$omitted
  out
}

# Share done within time t (1 - S(t) from the Kaplan-Meier curve) with its
# interval: e.g. setup finished within 5 minutes, censored users counted.
done_within <- function(time, event, t, conf.level = 0.95,
                        conf.type = c("log", "log-log", "plain"), na.rm = FALSE) {
  dname <- paste(deparse1(substitute(time)), "and", deparse1(substitute(event)))
  d <- .fgr_time_event(time, event, na.rm, "done_within")
  r <- .fgr_c("fgroi_surv_at")(d$time, d$event, t, .fgr_conf_type(conf.type), conf.level)
  h <- .fgr_htest(interval = r$done, estimate = c("done within t" = r$done$estimate),
                  method = paste0("Kaplan-Meier share done within t = ", format(t)),
                  data.name = .fgr_dname_na(dname, d$omitted))
  h$surv <- r$surv$estimate
  h$n.omitted <- d$omitted
  h
}

# Task funnel: conversion from each stage to the next and completion from the
# start with Wilson intervals; the largest drop tested against the others.
funnel <- function(counts, conf.level = 0.95) {
  r <- .fgr_c("fgroi_prepost_funnel")(counts, conf.level)
  out <- data.frame(step = seq_along(r$conversion), conversion = r$conversion,
                    conversion.lower = r$conversion_lower, conversion.upper = r$conversion_upper,
                    completion = r$completion, completion.lower = r$completion_lower,
                    completion.upper = r$completion_upper)
  attr(out, "drop") <- r$drop
  out
}

# Paired 2 x 2 counts (both, y only, x only, neither) from a 2 x 2 table
# (rows x yes/no, columns y yes/no) or two 0/1 vectors (named: by name).
.fgr_two_by_two <- function(x, y, xname, yname, na.rm, fun) {
  if (is.matrix(x) || is.table(x)) {
    if (!identical(dim(x), c(2L, 2L))) stop("'x' must be a 2 x 2 table")
    return(structure(c(x[1, 1], x[2, 1], x[1, 2], x[2, 2]), omitted = 0L))
  }
  pr <- .fgr_pair(x, y, xname, yname, fun)
  # self = x, device = y: device_only = y yes and x no
  .fgr_paired_counts(pr$x, pr$y, na.rm, fun)
}

# Agreement of two yes/no measures: Cohen's kappa with its interval and the
# z test of kappa = 0, PABAK and the prevalence and bias indices.
kappa_test <- function(x, y = NULL, conf.level = 0.95, na.rm = FALSE) {
  dname <- if (is.null(y)) deparse1(substitute(x)) else
    paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
  k <- .fgr_two_by_two(x, y, "x", "y", na.rm, "kappa_test")
  r <- .fgr_c("fgroi_paired_agreement_compute")(k[[1]], k[[2]], k[[3]], k[[4]], conf.level)
  h <- .fgr_htest(interval = r$kappa_ci, statistic = c(z = r$out$kappa_z),
                  estimate = c(kappa = r$out$kappa), null.value = c(kappa = 0),
                  method = "Cohen's kappa", data.name = .fgr_dname_na(dname, attr(k, "omitted")),
                  alternative = "two.sided")
  h$p.value <- r$out$kappa_p_value
  h$agreement <- r$out
  h$n.omitted <- attr(k, "omitted")
  h
}

# Bland-Altman agreement of paired measurements: bias, limits of agreement
# and their t intervals (a list; named vectors pair by name).
bland_altman <- function(x, y, conf.level = 0.95, multiplier = 1.96, na.rm = FALSE) {
  pr <- .fgr_pair(x, y, "x", "y", "bland_altman")
  d <- .fgr_na(x = .fgr_doubles(pr$x, "x"), y = .fgr_doubles(pr$y, "y"), na.rm = na.rm,
               fun = "bland_altman")
  r <- .fgr_c("fgroi_means_bland_altman")(d$values$x, d$values$y,
                                           conf.level, list(multiplier = multiplier))
  r$n.omitted <- d$omitted
  r
}

# Power of McNemar's test, or the pairs needed (one of n and power NULL),
# in the shape of power.prop.test.
power_mcnemar <- function(p10, p01, n = NULL, power = NULL, sig.level = 0.05,
                          alternative = c("two.sided", "one.sided"),
                          method = c("mcnemar", "miettinen")) {
  alternative <- match.arg(alternative)
  method <- match.arg(method)
  opts <- list(alpha = sig.level, alternative = if (alternative == "two.sided") "two_sided" else
                 if (p10 > p01) "greater" else "less")
  if (is.null(n) == is.null(power)) stop("exactly one of 'n' and 'power' must be NULL")
  if (is.null(power)) power <- .fgr_c("fgroi_power_mcnemar")(p10, p01, n, method, opts)
  else n <- .fgr_c("fgroi_power_mcnemar_n")(p10, p01, power, method, opts)
  structure(list(n = n, p10 = p10, p01 = p01, sig.level = sig.level, power = power,
                 alternative = alternative, note = "n is the number of pairs",
                 method = paste("McNemar test power calculation (", method, ", libfgroi)", sep = "")),
            class = "power.htest")
}

# Power of detecting an NPS change between two independent waves, or the
# respondents per wave; before/after are c(promoters, detractors) shares.
power_nps <- function(before, after, n = NULL, power = NULL, sig.level = 0.05,
                      alternative = c("two.sided", "one.sided")) {
  alternative <- match.arg(alternative)
  nps <- function(s) s[1] - s[2]
  opts <- list(alpha = sig.level, alternative = if (alternative == "two.sided") "two_sided" else
                 if (nps(after) > nps(before)) "greater" else "less")
  if (is.null(n) == is.null(power)) stop("exactly one of 'n' and 'power' must be NULL")
  if (is.null(power)) power <- .fgr_c("fgroi_power_nps")(before[1], before[2], after[1], after[2], n, opts)
  else n <- .fgr_c("fgroi_power_nps_n")(before[1], before[2], after[1], after[2], power, opts)
  structure(list(n = n, before = before, after = after, sig.level = sig.level, power = power,
                 alternative = alternative, note = "n is the number in *each* wave",
                 method = "NPS change power calculation (libfgroi)"),
            class = "power.htest")
}

# The pilot scorecard: p-values adjusted together (p.adjust's method names)
# and a verdict per metric.
scorecard <- function(estimate, p.value, higher.is.better, method = "holm", alpha = 0.05) {
  m <- .fgr_padjust_names[method]
  if (is.na(m)) stop(fgroi_condition(22L, "scorecard", "method", call = sys.call()))
  if (anyNA(estimate) || anyNA(p.value) || anyNA(higher.is.better))
    stop(fgroi_condition(5L, "scorecard", if (anyNA(estimate)) "estimate" else if (anyNA(p.value))
                           "p.value" else "higher.is.better", call = sys.call(),
                         detail = "a metric with a missing value cannot be judged"))
  r <- .fgr_c("fgroi_pool_scorecard")(as.double(estimate), as.double(p.value),
                                      as.integer(as.logical(higher.is.better)), alpha, unname(m))
  data.frame(estimate = estimate, p.value = p.value, adjusted.p = r$adjusted_p,
             verdict = c("inconclusive", "improved", "worsened")[r$verdict + 1L],
             row.names = names(estimate))
}

# Change in a proportion within one arm, two independent waves, from counts
# as prop.test: x = c(x.pre, x.post), n = c(n.pre, n.post); the estimate is
# post - pre.
prop_change <- function(x, n, conf.level = 0.95, method = "default", test.method = "default",
                        alternative = c("two.sided", "less", "greater")) {
  dname <- paste(deparse1(substitute(x)), "out of", deparse1(substitute(n)))
  if (length(x) != 2L || length(n) != 2L)
    stop(fgroi_condition(13L, "prop_change", "x", call = sys.call(),
                         detail = "x and n are c(pre, post): two counts each"))
  alternative <- .fgr_alternative(alternative)
  r <- .fgr_c("fgroi_prepost_prop_change")(x[1], n[1], x[2], n[2], method, test.method,
                                           conf.level, alternative)
  .fgr_htest(test = r$test, interval = r$ci,
             estimate = c("rate before" = x[1] / n[1], "rate after" = x[2] / n[2]),
             method = paste0("Change in a proportion (after - before): ", .fgr_title(r$ci$method),
                             " interval; ", .fgr_title(r$test$method)),
             data.name = dname, alternative = alternative)
}

# Effect sizes of two independent samples: Hedges' g (noncentral t interval
# by default, as effectsize::hedges_g) and Cliff's delta (Feng & Cliff, as
# effsize::cliff.delta), as htest objects with an interval and no test.
.fgr_two_samples <- function(x, y, na.rm, fun) {
  a <- .fgr_na(x = .fgr_doubles(x, "x"), na.rm = na.rm, fun = fun)
  b <- .fgr_na(y = .fgr_doubles(y, "y"), na.rm = na.rm, fun = fun)
  list(x = a$values$x, y = b$values$y, omitted = a$omitted + b$omitted)
}

hedges_g <- function(x, y, conf.level = 0.95, method = "default",
                     alternative = c("two.sided", "less", "greater"), na.rm = FALSE) {
  dname <- paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
  alternative <- .fgr_alternative(alternative)
  d <- .fgr_two_samples(x, y, na.rm, "hedges_g")
  ci <- .fgr_c("fgroi_means_hedges_g")(d$x, d$y, method, conf.level, alternative)
  h <- .fgr_htest(interval = ci, estimate = c("Hedges' g" = ci$estimate),
                  method = paste("Hedges' g,", ci$method, "interval"),
                  data.name = .fgr_dname_na(dname, d$omitted), alternative = alternative)
  h$n.omitted <- d$omitted
  h
}

cliffs_delta <- function(x, y, conf.level = 0.95, alternative = c("two.sided", "less", "greater"),
                         na.rm = FALSE) {
  dname <- paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
  alternative <- .fgr_alternative(alternative)
  d <- .fgr_two_samples(x, y, na.rm, "cliffs_delta")
  r <- .fgr_c("fgroi_means_cliffs_delta")(d$x, d$y, conf.level, alternative)
  h <- .fgr_htest(interval = r$delta, estimate = c("Cliff's delta" = r$delta$estimate),
                  method = "Cliff's delta (Feng & Cliff interval)",
                  data.name = .fgr_dname_na(dname, d$omitted), alternative = alternative)
  h$superiority <- r$superiority
  h$n.omitted <- d$omitted
  h
}
