# Adherence gap: self-report against the device log, dose by dose (paired.h).

# Counts of a 2 x 2 agreement table from two 0/1 vectors.
.fgr_paired_counts <- function(self, device) {
  if (length(self) != length(device)) stop(fgroi_condition(13L, NULL, "device", call = sys.call(-1L)))
  ok <- !(is.na(self) | is.na(device))
  s <- .fgr_wholes(self[ok], "self"); d <- .fgr_wholes(device[ok], "device")
  if (any(!s %in% c(0, 1)) || any(!d %in% c(0, 1))) stop(fgroi_condition(21L, NULL, "self/device", call = sys.call(-1L)))
  c(both = sum(s == 1 & d == 1), device_only = sum(s == 0 & d == 1),
    self_only = sum(s == 1 & d == 0), neither = sum(s == 0 & d == 0))
}

# The gap (device rate - self rate) with its interval and McNemar's test.
adherence_gap <- function(self, device, conf.level = 0.95, method = "tango",
                          test = "mcnemar_mid_p", alternative = c("two.sided", "less", "greater")) {
  dname <- paste(deparse1(substitute(self)), "and", deparse1(substitute(device)))
  k <- .fgr_paired_counts(self, device)
  alternative <- .fgr_alternative(alternative)
  ci <- .fgr_c("fgroi_paired_gap_ci")(k[["both"]], k[["device_only"]], k[["self_only"]], k[["neither"]],
                            method, conf.level, alternative)
  te <- .fgr_c("fgroi_paired_mcnemar")(k[["both"]], k[["device_only"]], k[["self_only"]], k[["neither"]],
                             test, alternative)
  n <- sum(k)
  r <- .fgr_htest(test = te, interval = ci,
                  statistic = if (is.finite(te$statistic)) c(statistic = te$statistic),
                  estimate = c("self rate" = (k[["both"]] + k[["self_only"]]) / n,
                               "device rate" = (k[["both"]] + k[["device_only"]]) / n,
                               "gap (device - self)" = ci$estimate),
                  null.value = c("gap (device - self)" = 0),
                  method = paste0("Adherence gap: ", .fgr_title(ci$method), " interval; ", .fgr_title(te$method)),
                  data.name = dname, alternative = alternative)
  r$counts <- k
  r
}

# McNemar's test of a 2 x 2 table (or two 0/1 vectors), as mcnemar.test.
mcnemar_test <- function(x, y = NULL, correct = TRUE, method = NULL) {
  if (is.matrix(x) || is.table(x)) {
    if (!identical(dim(x), c(2L, 2L))) stop("'x' must be a 2 x 2 table")
    dname <- deparse1(substitute(x))
    k <- c(x[1, 1], x[1, 2], x[2, 1], x[2, 2])
  } else {
    dname <- paste(deparse1(substitute(x)), "and", deparse1(substitute(y)))
    k <- .fgr_paired_counts(x, y)
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
