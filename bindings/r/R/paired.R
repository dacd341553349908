# Adherence gap: self-report against the device log, dose by dose (paired.h).

# Dose records after the NA rule: 0/1 self and device vectors (and the
# participant labels), incomplete records dropped only with na.rm = TRUE.
.fgr_dose_records <- function(self, device, participant = NULL, na.rm = FALSE, fun = NULL) {
  v <- if (is.null(participant)) .fgr_na(self = self, device = device, na.rm = na.rm, fun = fun)
       else .fgr_na(self = self, device = device, participant = participant, na.rm = na.rm, fun = fun)
  list(self = .fgr_check_binary(v$values$self, "self", fun),
       device = .fgr_check_binary(v$values$device, "device", fun),
       participant = v$values$participant, omitted = v$omitted)
}

# Counts of a 2 x 2 agreement table from two 0/1 vectors.
.fgr_paired_counts <- function(self, device, na.rm = FALSE, fun = NULL) {
  d <- .fgr_dose_records(self, device, NULL, na.rm, fun)
  s <- d$self; dv <- d$device
  structure(c(both = sum(s == 1 & dv == 1), device_only = sum(s == 0 & dv == 1),
              self_only = sum(s == 1 & dv == 0), neither = sum(s == 0 & dv == 0)),
            omitted = d$omitted)
}

# The adherence gap (device rate - self rate) from dose records. With
# `participant` (doses nested in people: the report's headline analysis),
# fgroi_paired_cluster_analysis(): the pooled gap with the cluster-robust t
# interval, tested by `test` = "default" (the C default: the exact
# sign-flip test over participants, seeded Monte Carlo beyond 30) or
# "cluster_robust" (the t test). Without: every dose an independent pair,
# the interval by `method` (Tango) and McNemar's test by `test` (mid-p).
adherence_gap <- function(self, device, participant = NULL, conf.level = 0.95,
                          method = if (is.null(participant)) "tango" else "cluster_robust",
                          test = if (is.null(participant)) "mcnemar_mid_p" else "default",
                          alternative = c("two.sided", "less", "greater"), seed = 1,
                          na.rm = FALSE) {
  dname <- paste(deparse1(substitute(self)), "and", deparse1(substitute(device)))
  alternative <- .fgr_alternative(alternative)
  if (!is.null(participant)) {
    if (is.factor(participant)) participant <- as.character(participant)
    d <- .fgr_dose_records(self, device, participant, na.rm, "adherence_gap")
    if (!identical(method, "cluster_robust"))
      stop(fgroi_condition(10L, "adherence_gap", "method", call = sys.call(),
                           detail = "with participants the interval is the cluster-robust one"))
    ids <- match(d$participant, unique(d$participant)) - 1
    cl <- .fgr_c("fgroi_paired_clusters_from_records")(ids, d$self, d$device)
    r0 <- .fgr_c("fgroi_paired_cluster_analysis")(cl, test, conf.level, alternative, seed)
    ci <- r0$ci; te <- r0$test
    k <- c(both = sum(cl$both), device_only = sum(cl$device_only),
           self_only = sum(cl$self_only), neither = sum(cl$neither))
    omitted <- d$omitted
    title <- paste0("Adherence gap, ", nrow(cl), " participants: ", .fgr_title(ci$method),
                    " interval; ", .fgr_title(te$method), " test over participants")
  } else {
    k <- .fgr_paired_counts(self, device, na.rm, "adherence_gap")
    omitted <- attr(k, "omitted")
    ci <- .fgr_c("fgroi_paired_gap_ci")(k[["both"]], k[["device_only"]], k[["self_only"]], k[["neither"]],
                                        method, conf.level, alternative)
    te <- .fgr_c("fgroi_paired_mcnemar")(k[["both"]], k[["device_only"]], k[["self_only"]], k[["neither"]],
                                         test, alternative)
    title <- paste0("Adherence gap: ", .fgr_title(ci$method), " interval; ", .fgr_title(te$method))
  }
  n <- sum(k)
  r <- .fgr_htest(test = te, interval = ci,
                  statistic = if (is.finite(te$statistic)) c(statistic = te$statistic),
                  parameter = if (is.finite(te$df)) c(df = te$df),
                  estimate = c("self rate" = (k[["both"]] + k[["self_only"]]) / n,
                               "device rate" = (k[["both"]] + k[["device_only"]]) / n,
                               "gap (device - self)" = ci$estimate),
                  null.value = c("gap (device - self)" = 0),
                  method = title, data.name = .fgr_dname_na(dname, omitted), alternative = alternative)
  r$counts <- k[c("both", "device_only", "self_only", "neither")]
  r$n.omitted <- omitted
  r
}

# McNemar's test of a 2 x 2 table (or two 0/1 vectors), as mcnemar.test.
mcnemar_test <- function(x, y = NULL, correct = TRUE, method = NULL, na.rm = FALSE) {
  if (is.matrix(x) || is.table(x)) {
    if (!identical(dim(x), c(2L, 2L))) stop("'x' must be a 2 x 2 table")
    dname <- deparse1(substitute(x))
    k <- c(x[1, 1], x[1, 2], x[2, 1], x[2, 2])
  } else {
    dname <- paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
    k <- .fgr_paired_counts(x, y, na.rm, "mcnemar_test")
    k <- k[c("both", "device_only", "self_only", "neither")]
  }
  if (is.null(method)) method <- if (correct) "mcnemar_cc" else "mcnemar"
  te <- .fgr_c("fgroi_paired_mcnemar")(k[1], k[2], k[3], k[4], method, "two_sided")
  chisq <- method %in% c("mcnemar", "mcnemar_cc")
  .fgr_htest(test = te,
             statistic = if (chisq) c("McNemar's chi-squared" = te$statistic) else c(b = te$statistic),
             parameter = if (chisq) c(df = te$df),
             method = .fgr_title(te$method), data.name = dname, alternative = "two.sided")
}
