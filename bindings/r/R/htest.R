# Building R's "htest" objects from libfgroi's fgroi_test / fgroi_interval
# lists, so results print like prop.test().

# R writes "two.sided", the library "two_sided"; accept both, return R's.
.fgr_alternative <- function(alternative) {
  alternative <- .fgr_string(alternative[1L], "alternative")
  if (alternative == "two_sided") alternative <- "two.sided"
  if (!alternative %in% c("two.sided", "less", "greater"))
    stop(fgroi_condition(11L, NULL, "alternative", call = sys.call(-1L)))
  alternative
}

.fgr_method_titles <- c(
  wald = "Wald interval", wilson = "Wilson score interval",
  wilson_cc = "Wilson score interval with continuity correction",
  clopper_pearson = "Clopper-Pearson exact interval", jeffreys = "Jeffreys interval",
  agresti_coull = "Agresti-Coull interval", mid_p = "mid-p",
  exact = "Exact binomial test",
  newcombe = "Newcombe hybrid score interval",
  miettinen_nurminen = "Miettinen-Nurminen score interval",
  agresti_caffo = "Agresti-Caffo interval", katz = "Katz log interval",
  koopman = "Koopman score interval", woolf = "Woolf logit interval",
  conditional = "conditional maximum likelihood",
  chisq = "2-sample test for equality of proportions without continuity correction",
  chisq_cc = "2-sample test for equality of proportions with continuity correction",
  fisher = "Fisher's Exact Test for Count Data", fisher_mid_p = "Fisher's mid-p test",
  mcnemar = "McNemar's Chi-squared test", mcnemar_cc = "McNemar's Chi-squared test with continuity correction",
  mcnemar_exact = "Exact McNemar test", mcnemar_mid_p = "mid-p McNemar test",
  barnard = "Barnard's exact unconditional test", boschloo = "Boschloo's exact unconditional test",
  welch = "Welch Two Sample t-test", student = " Two Sample t-test", paired_t = "Paired t-test",
  wilcoxon = "Wilcoxon signed rank exact test", mann_whitney = "Wilcoxon rank sum exact test",
  logrank = "Log-rank test", tango = "Tango score", sign_flip = "sign-flip permutation",
  cluster_robust = "cluster-robust t", chan_zhang = "Chan-Zhang exact", did = "difference in differences",
  score = "score", adjusted_wald = "adjusted Wald", stuart_maxwell = "Stuart-Maxwell", fixed_effect = "Fixed-effect meta-analysis",
  dersimonian_laird = "DerSimonian-Laird random-effects meta-analysis")

.fgr_title <- function(name) {
  t <- .fgr_method_titles[name]
  if (is.na(t)) name else unname(t)
}

# test and interval are the lists the C layer returns (either may be NULL).
.fgr_htest <- function(test = NULL, interval = NULL, estimate = NULL, null.value = NULL,
                       statistic = NULL, parameter = NULL, method, data.name,
                       alternative = NULL) {
  r <- list()
  if (!is.null(statistic)) r$statistic <- statistic
  if (!is.null(parameter)) r$parameter <- parameter
  if (!is.null(test)) r$p.value <- test$p_value
  if (!is.null(interval)) {
    ci <- c(interval$lower, interval$upper)
    attr(ci, "conf.level") <- interval$conf_level
    r$conf.int <- ci
  }
  if (!is.null(estimate)) r$estimate <- estimate
  if (!is.null(null.value)) r$null.value <- null.value
  alt <- if (!is.null(alternative)) alternative
         else if (!is.null(test)) test$alternative else interval$alternative
  r$alternative <- if (identical(alt, "two_sided")) "two.sided" else alt
  r$method <- method
  r$data.name <- data.name
  # the estimate the interval belongs to (prop2_test's is p1 - p2)
  if (!is.null(interval)) r$ci.estimate <- interval$estimate
  r$flags <- c(test = if (!is.null(test)) test$flags, interval = if (!is.null(interval)) interval$flags)
  # the library's own results (method names, flags), e.g. for a report
  r$fgroi <- list(interval = interval, test = test)
  class(r) <- "htest"
  r
}

# x may be a count (with n) or a vector of 0/1/logical outcomes (n missing);
# outcomes follow the NA rule (.fgr_na) and must be 0/1.
.fgr_count_data <- function(x, n, xname, na.rm = FALSE, fun = NULL) {
  if (missing(n) || is.null(n)) {
    if (is.logical(x) || (is.numeric(x) && length(x) != 1L)) {
      d <- .fgr_na(x = x, na.rm = na.rm, fun = fun)
      x <- .fgr_check_binary(d$values$x, "x", fun)
      return(list(x = sum(x == 1), n = length(x), dname = .fgr_dname_na(xname, d$omitted),
                  omitted = d$omitted))
    }
    stop("'n' is missing: give a count x and a total n, or a vector of 0/1 outcomes")
  }
  list(x = x, n = n, dname = NULL, omitted = 0L)
}

.fgr_is_interval <- function(x) is.list(x) && all(c("estimate", "lower", "upper", "conf_level") %in% names(x))
.fgr_is_test <- function(x) is.list(x) && all(c("statistic", "p_value", "null_value") %in% names(x))

# Any result of the low-level wrappers holding an fgroi_interval and/or an
# fgroi_test (e.g. list(ci = ..., test = ...)) as an "htest".
as_htest <- function(x, data.name = deparse1(substitute(x)), method = NULL) {
  iv <- if (.fgr_is_interval(x)) x else Filter(.fgr_is_interval, if (is.list(x)) x else list())[1][[1]]
  te <- if (.fgr_is_test(x)) x else Filter(.fgr_is_test, if (is.list(x)) x else list())[1][[1]]
  if (is.null(iv) && is.null(te)) stop("'x' holds no fgroi interval or test")
  if (is.null(method)) method <- paste(unique(c(if (!is.null(iv)) .fgr_title(iv$method),
                                               if (!is.null(te)) .fgr_title(te$method))), collapse = "; ")
  .fgr_htest(test = te, interval = iv,
             statistic = if (!is.null(te) && is.finite(te$statistic)) c(statistic = te$statistic),
             parameter = if (!is.null(te) && is.finite(te$df)) c(df = te$df),
             estimate = if (!is.null(iv)) c(estimate = iv$estimate),
             null.value = if (!is.null(te)) c(estimate = te$null_value),
             method = method, data.name = data.name)
}
