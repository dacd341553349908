# The pillbox pilot study (examples/data/, docs/data-format.md), analysed
# with libfgroi from R: the same library calls, methods, confidence level
# and seed as the C report (examples/report.c), so the numbers agree with
# `fgroi-report` to the last digit (tests/check_three_way.py checks it).
#
#   Rscript examples/R/pillbox_pilot.R [DATA_DIR] [--json FILE]
#
# DATA_DIR defaults to examples/data next to this script. Needs the fgroi
# R package (docs/r.md).
suppressPackageStartupMessages(library(fgroi))

## Arguments -----------------------------------------------------------------------
args <- commandArgs(trailingOnly = TRUE)
json_file <- NULL
data_dir <- NULL
i <- 1L
while (i <= length(args)) {
  if (args[i] == "--json" && i < length(args)) {
    json_file <- args[i + 1L]
    i <- i + 2L
    next
  }
  if (startsWith(args[i], "-")) stop("usage: pillbox_pilot.R [DATA_DIR] [--json FILE]")
  data_dir <- args[i]
  i <- i + 1L
}
if (is.null(data_dir)) {
  script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  data_dir <- if (length(script)) file.path(dirname(script[1]), "..", "data") else file.path("examples", "data")
}
data_dir <- normalizePath(data_dir, mustWork = TRUE)

## The study -------------------------------------------------------------------------
read <- function(name, ...) read.csv(file.path(data_dir, name), stringsAsFactors = FALSE,
                                     strip.white = FALSE, ...)
participants <- read("participants.csv", colClasses = c(participant_id = "character"))
doses <- read("doses.csv", colClasses = c(participant_id = "character"))
nps <- read("nps.csv", colClasses = c(participant_id = "character"))
task <- read("task.csv", colClasses = c(participant_id = "character"))
protocol <- read("protocol.csv", colClasses = c(participant_id = "character"))
study <- read("study.csv", colClasses = c("character", "character"))
setting <- function(key, default = NULL) {
  v <- study$value[study$key == key]
  if (length(v)) as.numeric(v[length(v)]) else default
}
CONF <- setting("conf_level")
SEED <- setting("seed", 1)

# Participants are numbered by their row in participants.csv (0-based), as
# in the C report: the cluster ids and the order of every per-participant
# array are then the same.
np <- nrow(participants)
index_of <- function(id) {
  p <- match(id, participants$participant_id)
  if (anyNA(p)) stop("unknown participant '", id[is.na(p)][1], "' (not in participants.csv)")
  p - 1L
}
arm_of <- participants$arm   # "device" / "control"

## The report: one row per metric, as in the C report ---------------------------------
metrics <- list()
add_metric <- function(name, unit, scale, interval = NULL, test = NULL, tested = FALSE,
                       method = NULL, test_name = "", claim = "", estimate = NULL,
                       lower = NULL, upper = NULL) {
  m <- list(name = name, unit = unit, scale = scale,
            estimate = if (!is.null(estimate)) estimate else interval$estimate,
            lower = if (!is.null(lower)) lower else interval$lower,
            upper = if (!is.null(upper)) upper else interval$upper,
            p_value = if (!is.null(test)) test$p_value else NA_real_,
            p_adjusted = NA_real_,
            method = if (!is.null(method)) method else interval$method,
            test = test_name, claim = claim, tested = tested)
  metrics[[length(metrics) + 1L]] <<- m
  invisible(m)
}
section <- function(title) cat("\n==== ", title, " ====\n", sep = "")
show <- function(x, what, method) print(as_htest(x, data.name = what, method = method))

cat(sprintf("libfgroi %s: pillbox pilot study (%s)\n%d participants, %d dose records; %g%% intervals\n",
            fgroi_version(), data_dir, np, nrow(doses), 100 * CONF))

## 1. Adherence gap (device arm): device-logged minus self-reported -------------------
section("Adherence gap: self-report vs device log")
dose_p <- index_of(doses$participant_id)
tally <- fgroi_paired_tally_add(fgroi_paired_tally_init(), doses$self_reported, doses$device_logged)
total <- tally$both + tally$device_only + tally$self_only + tally$neither
self_rate <- fgroi_prop_ci(tally$both + tally$self_only, total, "wilson", CONF, "two_sided")
device_rate <- fgroi_prop_ci(tally$both + tally$device_only, total, "wilson", CONF, "two_sided")
add_metric("self-reported adherence (app check-ins)", "%", 100, self_rate)
add_metric("device-logged adherence (pillbox opens)", "%", 100, device_rate)

# the honest analysis: doses are nested in participants
# the headline: the idiomatic call, whose defaults are the C library's
# (fgroi_paired_cluster_analysis: cluster-robust interval, sign-flip test)
gap <- adherence_gap(doses$self_reported, doses$device_logged, participant = dose_p,
                     conf.level = CONF, seed = SEED)
flip <- gap$fgroi$test
monte_carlo <- bitwAnd(as.integer(flip$flags), 32L) != 0L   # FGROI_FLAG_MONTE_CARLO
add_metric("adherence gap: device - self-report", "pts", 100, gap$fgroi$interval, flip, tested = TRUE,
           test_name = if (monte_carlo) "sign-flip permutation over participants (seeded Monte Carlo)"
                       else "exact sign-flip permutation over participants",
           claim = "app check-ins under-report what the pillbox logs")
print(gap)

# the naive per-dose analysis, shown for contrast (not in the Holm family)
naive_ci <- fgroi_paired_gap_ci(tally$both, tally$device_only, tally$self_only, tally$neither,
                                "tango", CONF, "two_sided")
naive_test <- fgroi_paired_mcnemar(tally$both, tally$device_only, tally$self_only, tally$neither,
                                   "mcnemar_mid_p", "two_sided")
add_metric("(naive per-dose analysis, overstated)", "pts", 100, naive_ci, naive_test,
           test_name = "McNemar mid-p treating every dose as independent",
           claim = "app check-ins under-report what the pillbox logs")
show(list(ci = naive_ci, test = naive_test), "every dose as an independent pair (overstated)",
     "Adherence gap, naive: Tango score interval; mid-p McNemar test")

## 2. NPS before and after, same respondents -------------------------------------------
section("NPS before and after (same respondents)")
pre <- post <- rep(-1L, np)
nps_p <- index_of(nps$participant_id)
for (r in seq_len(nrow(nps))) {
  if (nps$wave[r] == "pre") pre[nps_p[r] + 1L] <- nps$score[r] else post[nps_p[r] + 1L] <- nps$score[r]
}
paired <- fgroi_nps_paired_table_i32(pre, post, -1L)
tab <- matrix(paired$table, 3, 3, byrow = TRUE)   # rows: before, columns: after
before <- rowSums(tab); after <- colSums(tab)      # detractors, passives, promoters
nps_before <- fgroi_nps_ci(before[1], before[2], before[3], "score", CONF, "two_sided")
nps_after <- fgroi_nps_ci(after[1], after[2], after[3], "score", CONF, "two_sided")
add_metric("NPS before the rollout", "", 1, nps_before)
add_metric("NPS after the rollout", "", 1, nps_after)
# the headline: scores named by participant pair by name; one who answered
# one wave only is counted out (na.rm = TRUE), not dropped silently
named <- function(v) setNames(ifelse(v < 0, NA, v), participants$participant_id)
nps_headline <- nps_change(named(pre), named(post), paired = TRUE, conf.level = CONF, na.rm = TRUE)
change <- nps_headline$fgroi$interval
change_test <- nps_headline$fgroi$test
add_metric("NPS change (same respondents)", "pts", 1, change, change_test, tested = TRUE,
           test_name = "exact sign-flip on per-person category changes",
           claim = "NPS rose after the rollout")
show(list(ci = change, test = change_test), "NPS after - before, same respondents",
     "Paired NPS change: score interval; exact sign-flip test")
indep <- tryCatch(fgroi_nps_diff_ci(before[1], before[2], before[3], after[1], after[2], after[3],
                                    "newcombe", CONF, "two_sided"), fgroi_error = function(e) NULL)
if (!is.null(indep)) add_metric("(same data as independent waves, wrong)", "pts", 1, indep)

## 3. Device arm vs control --------------------------------------------------------------
section("Device arm vs control: setup task")
task_arm <- arm_of[index_of(task$participant_id) + 1L]
fast <- task$completed == 1 & task$minutes < 5
dev <- task_arm == "device"; ctl <- task_arm == "control"
x1 <- sum(fast[dev]); n1 <- sum(dev); x2 <- sum(fast[ctl]); n2 <- sum(ctl)
add_metric("setup task < 5 min, device arm", "%", 100, fgroi_prop_ci(x1, n1, "wilson", CONF, "two_sided"))
add_metric("setup task < 5 min, control arm", "%", 100, fgroi_prop_ci(x2, n2, "wilson", CONF, "two_sided"))
if (n1 <= 500 && n2 <= 500) {
  # small arms: exact unconditional inference
  e <- exact_test(c(x1, x2), c(n1, n2), conf.level = CONF)   # the C defaults
  diff <- e$fgroi$interval
  diff_test <- e$fgroi$test
  diff_name <- "Boschloo exact unconditional"
} else {
  diff <- fgroi_prop_diff_ci(x1, n1, x2, n2, "newcombe", CONF, "two_sided")
  diff_test <- fgroi_prop_2x2_test(x1, n1, x2, n2, "fisher", "two_sided")
  diff_name <- "Fisher exact (arms above 500: Boschloo not needed)"
}
add_metric("setup task < 5 min: device - control", "pts", 100, diff, diff_test, tested = TRUE,
           test_name = diff_name, claim = "the device arm finishes setup in < 5 min more often")
show(list(ci = diff, test = diff_test), sprintf("device %d/%d vs control %d/%d done in < 5 min", x1, n1, x2, n2),
     paste0("Device - control: ", diff$method, " interval; ", diff_name))

target <- fgroi_prepost_target(x1, n1, 0.85, "exact", CONF, "greater")
add_metric("device arm above the 85% target?", "%", 100, target$bound, target$test, tested = TRUE,
           test_name = "exact binomial, H1: rate > 85%",
           claim = "the device arm meets the 85% acceptance target")
show(list(ci = target$bound, test = target$test), sprintf("%d of %d device users, target 85%%", x1, n1),
     "Acceptance target: exact binomial test, Clopper-Pearson bound")

section("Time to set up (those who gave up are censored)")
med_dev <- fgroi_surv_median(task$minutes[dev], task$completed[dev], "log", CONF)
med_ctl <- fgroi_surv_median(task$minutes[ctl], task$completed[ctl], "log", CONF)
add_metric("median setup time, device arm", "min", 1, med_dev)
add_metric("median setup time, control arm", "min", 1, med_ctl)
lr <- fgroi_surv_logrank(task$minutes[dev], task$completed[dev], task$minutes[ctl], task$completed[ctl], 0)
add_metric("time to set up: device vs control", "min", 1, test = lr$test, tested = TRUE,
           estimate = med_dev$estimate - med_ctl$estimate, lower = NA_real_, upper = NA_real_,
           method = "difference of medians", test_name = "log-rank",
           claim = "device users finish setup faster")
print(logrank_test(task$minutes[dev | ctl], task$completed[dev | ctl],
                   factor(task_arm[dev | ctl], levels = c("device", "control"))))

## 4. Protocol steps: difference in differences -------------------------------------------
section("Protocol steps completed: difference in differences")
share_pre <- share_post <- rep(NA_real_, np)
prot_p <- index_of(protocol$participant_id)
share <- protocol$steps_completed / protocol$steps_total
for (r in seq_len(nrow(protocol))) {
  if (protocol$period[r] == "pre") share_pre[prot_p[r] + 1L] <- share[r] else share_post[prot_p[r] + 1L] <- share[r]
}
both <- !is.na(share_pre) & !is.na(share_post)
d <- both & arm_of == "device"; cc <- both & arm_of == "control"
did_h <- did_test(share_pre[d], share_post[d], share_pre[cc], share_post[cc], conf.level = CONF)
did <- list(ci = did_h$fgroi$interval, test = did_h$fgroi$test)
add_metric("protocol steps completed: DiD", "pts", 100, did$ci, did$test, tested = TRUE,
           test_name = "Welch t on per-participant changes",
           claim = "the device improved protocol compliance beyond the control arm's change")
print(did_h)

## 5. ROI of the study, from the protocol-compliance effect ----------------------------------
section("Return on investment")
effect <- fgroi_roi_input_from_interval(did$ci)
roi <- fgroi_roi_monte_carlo(effect, list(dist = "fixed", a = setting("volume")),
                             list(dist = "uniform", a = setting("value_per_unit_low"),
                                  b = setting("value_per_unit_high")),
                             list(dist = "fixed", a = setting("study_cost")), CONF, 200000, SEED)
add_metric("ROI of the study", "%", 100, roi$roi)
add_metric("net value of the study", "USD", 1, roi$net_value)
cat(sprintf("ROI %.0f%% (%g%% interval %.0f%% to %.0f%%); net value $%.0f ($%.0f to $%.0f)\n",
            100 * roi$roi$estimate, 100 * CONF, 100 * roi$roi$lower, 100 * roi$roi$upper,
            roi$net_value$estimate, roi$net_value$lower, roi$net_value$upper))
cat(sprintf("P(ROI > 0) = %.2f; break-even compliance effect %.1f points\n",
            roi$summary$prob_positive, 100 * roi$summary$break_even_effect))

## 6. Holm across the tested claims --------------------------------------------------------------
tested <- which(vapply(metrics, function(m) m$tested, TRUE))
adjusted <- fgroi_multiplicity_adjust(vapply(metrics[tested], function(m) m$p_value, 0), "holm")
for (j in seq_along(tested)) metrics[[tested[j]]]$p_adjusted <- adjusted[j]

verdict <- function(m) {
  p <- if (is.na(m$p_adjusted)) m$p_value else m$p_adjusted
  if (is.na(p)) "estimate only"
  else if (p < 0.01) paste("strong evidence that", m$claim)
  else if (p < 0.05) paste("evidence that", m$claim)
  else if (p < 0.10) paste0("suggestive only: not shown that ", m$claim)
  else paste0("not shown that ", m$claim, ": could be noise")
}

section("The report")
fmt <- function(v) ifelse(is.na(v), "-", ifelse(is.infinite(v), ifelse(v > 0, "inf", "-inf"),
                          ifelse(abs(v) >= 1000, sprintf("%.0f", v), sprintf("%.1f", v))))
fmt_p <- function(p) ifelse(is.na(p), "-", ifelse(p < 0.001, "<0.001", sprintf("%.3f", p)))
cat(sprintf("%-41s %12s %23s %8s %8s  %s\n", "metric", "estimate", "interval", "p", "p(adj)", "verdict"))
for (m in metrics)
  cat(sprintf("%-41s %8s %-3s %23s %8s %8s  %s\n", m$name, fmt(m$estimate * m$scale), m$unit,
              sprintf("[%s, %s]", fmt(m$lower * m$scale), fmt(m$upper * m$scale)),
              fmt_p(m$p_value), fmt_p(m$p_adjusted), verdict(m)))
cat(sprintf("\nAdjusted p-values: Holm across the %d tested claims.\n", length(tested)))

## --json FILE: the C report's JSON shape ------------------------------------------------------------
if (!is.null(json_file)) {
  jstr <- function(s) paste0('"', gsub('(["\\\\])', "\\\\\\1", s), '"')
  jnum <- function(v) if (is.null(v) || is.na(v) || is.infinite(v)) "null" else sprintf("%.17g", v)
  rows <- vapply(metrics, function(m) paste0(
    '    {"name": ', jstr(m$name), ', "unit": ', jstr(m$unit), ', "scale": ', jnum(m$scale),
    ', "estimate": ', jnum(m$estimate), ', "lower": ', jnum(m$lower), ', "upper": ', jnum(m$upper),
    ', "p_value": ', jnum(m$p_value), ', "p_adjusted": ', jnum(m$p_adjusted),
    ', "method": ', jstr(m$method), ', "test": ', jstr(m$test), ', "verdict": ', jstr(verdict(m)), "}"), "")
  writeLines(c("{",
               paste0('  "library_version": ', jstr(fgroi_version()), ","),
               paste0('  "data_dir": ', jstr(data_dir), ","),
               paste0('  "conf_level": ', jnum(CONF), ","),
               paste0('  "participants": ', np, ","),
               paste0('  "dose_records": ', nrow(doses), ","),
               '  "metrics": [', paste(rows, collapse = ",\n"), "  ],",
               paste0('  "roi_prob_positive": ', jnum(roi$summary$prob_positive), ","),
               paste0('  "roi_break_even_effect": ', jnum(roi$summary$break_even_effect)),
               "}"), json_file)
  cat("\nwrote", json_file, "\n")
}
