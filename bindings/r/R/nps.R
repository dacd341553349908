# Net Promoter Score and its change (nps.h).

.fgr_nps_counts <- function(scores, arg) {
  scores <- .fgr_doubles(scores, arg)
  t <- .fgr_c("fgroi_nps_tally_add_f64")(NULL, scores, NaN)
  k <- .fgr_c("fgroi_nps_tally_counts")(t$tally)
  c(detractors = k$detractors, passives = k$passives, promoters = k$promoters)
}

# NPS of 0..10 scores (NA skipped) with its interval and, with null.nps,
# a test.
nps_ci <- function(scores, conf.level = 0.95, method = "default", null.nps = NULL,
                   alternative = c("two.sided", "less", "greater")) {
  dname <- deparse1(substitute(scores))
  k <- .fgr_nps_counts(scores, "scores")
  alternative <- .fgr_alternative(alternative)
  ci <- .fgr_c("fgroi_nps_ci")(k[[1]], k[[2]], k[[3]], method, conf.level, alternative)
  te <- if (!is.null(null.nps)) .fgr_c("fgroi_nps_test")(k[[1]], k[[2]], k[[3]], null.nps, "default", alternative)
  r <- .fgr_htest(test = te, interval = ci, statistic = if (!is.null(te)) c(z = te$statistic),
                  estimate = c(NPS = ci$estimate), null.value = if (!is.null(te)) c(NPS = null.nps),
                  method = paste("Net Promoter Score:", .fgr_title(ci$method), "interval"),
                  data.name = dname, alternative = alternative)
  r$counts <- k
  r
}

# Change in NPS from `before` to `after`: independent waves, or the same
# respondents (paired = TRUE, scores aligned by position).
nps_change <- function(before, after, paired = FALSE, conf.level = 0.95, method = "default",
                       test.method = "default", alternative = c("two.sided", "less", "greater")) {
  dname <- paste(deparse1(substitute(before)), "and", deparse1(substitute(after)))
  alternative <- .fgr_alternative(alternative)
  if (paired) {
    if (length(before) != length(after)) stop(fgroi_condition(13L, NULL, "after", call = sys.call()))
    ok <- !(is.na(before) | is.na(after))
    tab <- .fgr_c("fgroi_nps_paired_table_i32")(.fgr_wholes(before[ok], "before"), .fgr_wholes(after[ok], "after"), -1)$table
    ci <- .fgr_c("fgroi_nps_paired_ci")(tab, method, conf.level, alternative)
    te <- .fgr_c("fgroi_nps_paired_test")(tab, test.method, alternative)
    kb <- c(sum(tab[1:3]), sum(tab[4:6]), sum(tab[7:9]))
    ka <- c(sum(tab[c(1, 4, 7)]), sum(tab[c(2, 5, 8)]), sum(tab[c(3, 6, 9)]))
  } else {
    kb <- .fgr_nps_counts(before, "before"); ka <- .fgr_nps_counts(after, "after")
    ci <- .fgr_c("fgroi_nps_diff_ci")(kb[[1]], kb[[2]], kb[[3]], ka[[1]], ka[[2]], ka[[3]], method, conf.level, alternative)
    te <- .fgr_c("fgroi_nps_diff_test")(kb[[1]], kb[[2]], kb[[3]], ka[[1]], ka[[2]], ka[[3]], test.method, alternative)
  }
  nps <- function(k) 100 * (k[[3]] - k[[1]]) / sum(k)
  .fgr_htest(test = te, interval = ci, statistic = c(statistic = te$statistic),
             estimate = c("NPS before" = nps(kb), "NPS after" = nps(ka), "change" = ci$estimate),
             null.value = c(change = te$null_value),
             method = paste0(if (paired) "Paired" else "Two-wave", " NPS change: ",
                             .fgr_title(ci$method), " interval; ", .fgr_title(te$method), " test"),
             data.name = dname, alternative = alternative)
}
