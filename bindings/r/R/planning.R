# Pooling, power and ROI (pool.h, power.h, roi.h).

# Pool k group estimates with their sampling variances, as metafor::rma;
# method by the library's names or metafor's ("DL", "FE"/"EE", "REML",
# "PM", "ML": aliases in the C name table, see peer_method()). A missing yi
# or vi is an error unless na.rm = TRUE (that group dropped and counted in
# n.omitted), as rma's na.action = "na.omit".
meta_pool <- function(yi, vi, method = c("dersimonian_laird", "fixed_effect", "reml",
                                         "paule_mandel", "ml", "hunter_schmidt", "hunter_schmidt_k",
                                         "hedges", "sidik_jonkman", "DL", "FE", "EE", "REML", "PM",
                                         "ML", "EB", "HS", "HSk", "HE", "SJ"),
                      conf.level = 0.95, na.rm = FALSE) {
  dname <- paste(deparse1(substitute(yi)), "with variances", deparse1(substitute(vi)))
  method <- match.arg(method)
  d <- .fgr_na(yi = .fgr_doubles(yi, "yi"), vi = .fgr_doubles(vi, "vi"), na.rm = na.rm,
               fun = "meta_pool")
  yi <- d$values$yi; vi <- d$values$vi
  r <- .fgr_c("fgroi_pool_effects")(yi, vi, method, conf.level)
  h <- .fgr_htest(test = r$test, interval = r$pooled, statistic = c(z = r$test$statistic),
                  estimate = c("pooled effect" = r$pooled$estimate),
                  null.value = c("pooled effect" = 0),
                  method = paste("Meta-analysis:", .fgr_title(r$pooled$method)),
                  data.name = dname, alternative = "two.sided")
  h$stats <- r$stats
  h$weights <- r$weights
  h$n.omitted <- d$omitted
  h
}

# Power of the two-proportion test, or the n per group for a power, as
# power.prop.test (one of n and power is NULL).
power_prop <- function(p1, p2, n = NULL, power = NULL, sig.level = 0.05,
                       alternative = c("two.sided", "one.sided"), strict = FALSE) {
  alternative <- match.arg(alternative)
  opts <- list(alpha = sig.level, alternative = if (alternative == "two.sided") "two_sided" else
                 if (p1 > p2) "greater" else "less", strict = as.numeric(strict))
  if (is.null(n) == is.null(power)) stop("exactly one of 'n' and 'power' must be NULL")
  if (is.null(power)) power <- .fgr_c("fgroi_power_prop2")(p1, p2, n, opts)
  else n <- .fgr_c("fgroi_power_prop2_n")(p1, p2, power, opts)
  structure(list(n = n, p1 = p1, p2 = p2, sig.level = sig.level, power = power,
                 alternative = alternative, note = "n is number in *each* group",
                 method = "Two-sample comparison of proportions power calculation (libfgroi)"),
            class = "power.htest")
}

# ROI of an effect interval (e.g. prop2_test(...)$conf.int or an fgroi
# interval list) with fixed volume, value per unit of effect and cost.
roi <- function(effect, volume, value_per_unit, cost) {
  if (inherits(effect, "htest")) {
    ci <- effect$conf.int
    if (is.null(ci)) stop("'effect' has no confidence interval")
    est <- if (!is.null(effect$ci.estimate)) effect$ci.estimate else unname(effect$estimate[1L])
    effect <- list(estimate = est,
                   lower = ci[1], upper = ci[2], conf_level = attr(ci, "conf.level"),
                   method = "default", alternative = "two_sided", flags = 0)
  }
  r <- .fgr_c("fgroi_roi_compute")(effect, volume, value_per_unit, cost)
  r
}

# Power, n or detectable difference of the t test, as stats::power.t.test
# (exactly one of n, delta and power NULL; the same arguments and the same
# power.htest result).
power_t <- function(n = NULL, delta = NULL, sd = 1, sig.level = 0.05, power = NULL,
                    type = c("two.sample", "one.sample", "paired"),
                    alternative = c("two.sided", "one.sided"), strict = FALSE) {
  type <- match.arg(type)
  alternative <- match.arg(alternative)
  if (sum(vapply(list(n, delta, power), is.null, TRUE)) != 1L)
    stop("exactly one of 'n', 'delta' and 'power' must be NULL")
  ctype <- if (type == "two.sample") "student" else "paired_t"
  opts <- list(alpha = sig.level, strict = as.numeric(strict),
               alternative = if (alternative == "two.sided") "two_sided"
                             else if (!is.null(delta) && delta < 0) "less" else "greater")
  if (is.null(power)) power <- .fgr_c("fgroi_power_t")(delta, sd, n, ctype, opts)
  else if (is.null(n)) n <- .fgr_c("fgroi_power_t_n")(delta, sd, power, ctype, opts)
  else delta <- .fgr_c("fgroi_power_t_mde")(sd, n, power, ctype, opts)
  note <- switch(type, paired = "n is number of *pairs*, sd is std.dev. of *differences* within pairs",
                 two.sample = "n is number in *each* group", NULL)
  structure(list(n = n, delta = delta, sd = sd, sig.level = sig.level, power = power,
                 alternative = alternative, note = note,
                 method = paste(switch(type, one.sample = "One-sample", two.sample = "Two-sample",
                                       paired = "Paired"), "t test power calculation (libfgroi)")),
            class = "power.htest")
}
