# Net Promoter Score and its change (nps.h).

# Category counts of 0..10 scores after the NA rule (attribute "omitted").
.fgr_nps_counts <- function(scores, arg, na.rm = FALSE, fun = NULL) {
  scores <- .fgr_doubles(scores, arg)
  d <- do.call(.fgr_na, c(setNames(list(scores), arg), list(na.rm = na.rm, fun = fun)))
  t <- .fgr_c("fgroi_nps_tally_add_f64")(NULL, d$values[[1L]], NaN)
  k <- .fgr_c("fgroi_nps_tally_counts")(t$tally)
  structure(c(detractors = k$detractors, passives = k$passives, promoters = k$promoters),
            omitted = d$omitted)
}

# NPS of 0..10 scores with its interval and, with null.nps, a test. NA is
# an error unless na.rm = TRUE.
nps_ci <- function(scores, conf.level = 0.95, method = "default", null.nps = NULL,
                   alternative = c("two.sided", "less", "greater"), na.rm = FALSE) {
  dname <- deparse1(substitute(scores))
  k <- .fgr_nps_counts(scores, "scores", na.rm, "nps_ci")
  omitted <- attr(k, "omitted")
  dname <- .fgr_dname_na(dname, omitted)
  alternative <- .fgr_alternative(alternative)
  ci <- .fgr_c("fgroi_nps_ci")(k[[1]], k[[2]], k[[3]], method, conf.level, alternative)
  te <- if (!is.null(null.nps)) .fgr_c("fgroi_nps_test")(k[[1]], k[[2]], k[[3]], null.nps, "default", alternative)
  r <- .fgr_htest(test = te, interval = ci, statistic = if (!is.null(te)) c(z = te$statistic),
                  estimate = c(NPS = ci$estimate), null.value = if (!is.null(te)) c(NPS = null.nps),
                  method = paste("Net Promoter Score:", .fgr_title(ci$method), "interval"),
                  data.name = dname, alternative = alternative)
  r$counts <- k[c("detractors", "passives", "promoters")]
  r$n.omitted <- omitted
  r
}

# Change in NPS from `before` to `after`: independent waves, or the same
# respondents (paired = TRUE: named vectors pair by name, the respondent
# ids, and a mismatch is an error; unnamed ones by position). The paired
# defaults are the report's headline (score interval, exact sign-flip
# test), defined in the C library.
nps_change <- function(before, after, paired = FALSE, conf.level = 0.95, method = "default",
                       test.method = "default", alternative = c("two.sided", "less", "greater"),
                       na.rm = FALSE) {
  dname <- paste(deparse1(substitute(before)), "and", deparse1(substitute(after)))
  alternative <- .fgr_alternative(alternative)
  if (paired) {
    pr <- .fgr_pair(before, after, "before", "after", "nps_change")
    d <- .fgr_na(before = .fgr_doubles(pr$x, "before"), after = .fgr_doubles(pr$y, "after"),
                 na.rm = na.rm, fun = "nps_change")
    omitted <- d$omitted
    tab <- .fgr_c("fgroi_nps_paired_table_i32")(.fgr_wholes(d$values$before, "before"),
                                                 .fgr_wholes(d$values$after, "after"), -1)$table
    ci <- .fgr_c("fgroi_nps_paired_ci")(tab, method, conf.level, alternative)
    te <- .fgr_c("fgroi_nps_paired_test")(tab, test.method, alternative)
    kb <- c(sum(tab[1:3]), sum(tab[4:6]), sum(tab[7:9]))
    ka <- c(sum(tab[c(1, 4, 7)]), sum(tab[c(2, 5, 8)]), sum(tab[c(3, 6, 9)]))
  } else {
    kb <- .fgr_nps_counts(before, "before", na.rm, "nps_change")
    ka <- .fgr_nps_counts(after, "after", na.rm, "nps_change")
    omitted <- attr(kb, "omitted") + attr(ka, "omitted")
    ci <- .fgr_c("fgroi_nps_diff_ci")(kb[[1]], kb[[2]], kb[[3]], ka[[1]], ka[[2]], ka[[3]], method, conf.level, alternative)
    te <- .fgr_c("fgroi_nps_diff_test")(kb[[1]], kb[[2]], kb[[3]], ka[[1]], ka[[2]], ka[[3]], test.method, alternative)
  }
  nps <- function(k) 100 * (k[[3]] - k[[1]]) / sum(k)
  r <- .fgr_htest(test = te, interval = ci, statistic = c(statistic = te$statistic),
                  estimate = c("NPS before" = nps(kb), "NPS after" = nps(ka), "change" = ci$estimate),
                  null.value = c(change = te$null_value),
                  method = paste0(if (paired) "Paired" else "Two-wave", " NPS change: ",
                                  .fgr_title(ci$method), " interval; ", .fgr_title(te$method), " test"),
                  data.name = .fgr_dname_na(dname, omitted), alternative = alternative)
  r$n.omitted <- omitted
  r
}
