# A 12-person smart pill-box pilot, analysed with libfgroi from R.
#
#   Rscript examples/R/pillbox_pilot.R
#
# (needs the fgroi R package: see docs/r.md). Each part runs when the
# libfgroi the package was built against has the functions it needs; the
# C API grows domain by domain.
library(fgroi)

have <- function(...) all(vapply(c(...), exists, TRUE, envir = asNamespace("fgroi")))
section <- function(title) cat("\n==== ", title, " ====\n", sep = "")
skipped <- function(what) cat("(", what, ": not in this libfgroi build)\n", sep = "")

## The pilot --------------------------------------------------------------------
# 12 participants x 14 scheduled doses. self = the participant said they
# took the dose (app check-in); device = the pill box logged an opening.
set.seed(2026)
participants <- 12L
doses <- 14L
id <- rep(seq_len(participants), each = doses)
true_taken <- rbinom(participants * doses, 1, rep(runif(participants, 0.55, 0.95), each = doses))
device <- true_taken
self <- ifelse(true_taken == 1, rbinom(length(id), 1, 0.97), rbinom(length(id), 1, 0.45))

# NPS of the same 12 people before and after the pilot (0..10)
nps_before <- c(6, 7, 9, 3, 8, 10, 5, 7, 9, 6, 8, 4)
nps_after  <- c(8, 9, 10, 6, 8, 10, 7, 9, 9, 7, 9, 6)

# Device arm against a no-device control arm: participants with at least
# 80% of doses taken
adherent_device <- 9; n_device <- 12
adherent_control <- 4; n_control <- 12

pvalues <- c()

## 1. Adherence gap --------------------------------------------------------------
section("Adherence gap: self-report vs device log")
if (have("fgroi_paired_gap_ci", "fgroi_paired_mcnemar")) {
  gap <- adherence_gap(self, device)
  print(gap)
  pvalues["adherence gap"] <- gap$p.value
  if (have("fgroi_paired_clusters_from_records", "fgroi_paired_cluster_gap")) {
    # doses of one person are not independent: the cluster-robust gap
    cl <- fgroi_paired_clusters_from_records(id, self, device)
    cat("per-participant counts:\n")
    print(head(cl, 3))
    rob <- fgroi_paired_cluster_gap(cl, 0.95, "two_sided")
    str(rob)
  }
} else skipped("adherence gap")

## 2. NPS change -----------------------------------------------------------------
section("NPS before and after (same respondents)")
if (have("fgroi_nps_paired_ci", "fgroi_nps_paired_test", "fgroi_nps_paired_table_i32")) {
  print(nps_ci(nps_before))
  change <- nps_change(nps_before, nps_after, paired = TRUE)
  print(change)
  pvalues["NPS change"] <- change$p.value
} else skipped("NPS")

## 3. Device vs control ----------------------------------------------------------
section("Device arm vs control: adherent participants")
if (have("fgroi_prop_2x2_test", "fgroi_prop_diff_ci")) {
  arms <- prop2_test(c(adherent_device, adherent_control), c(n_device, n_control))
  print(arms)
  pvalues["device vs control"] <- arms$p.value
  if (have("fgroi_prop_odds_ratio_ci"))
    print(fisher_2x2(matrix(c(adherent_device, n_device - adherent_device,
                              adherent_control, n_control - adherent_control), 2, byrow = TRUE)))
} else {
  skipped("two-proportion tests")
  print(prop_ci(adherent_device, n_device))
  print(prop_ci(adherent_control, n_control))
}

## 4. Significance ---------------------------------------------------------------
section("Significance across the pilot's questions")
if (length(pvalues) && have("fgroi_multiplicity_adjust")) {
  print(data.frame(p = pvalues, holm = p_adjust(pvalues, "holm"), BH = p_adjust(pvalues, "BH")))
  if (have("fgroi_power_prop2_n")) {
    pw <- power_prop(adherent_device / n_device, adherent_control / n_control, power = 0.8)
    cat(sprintf("a confirmatory trial needs %d per arm for 80%% power\n", ceiling(pw$n)))
  }
} else if (length(pvalues)) {
  print(pvalues)
  skipped("multiplicity adjustment")
} else skipped("tests")

## 5. ROI ------------------------------------------------------------------------
section("Return on investment")
# 2,000 patients a year; gain x 2,000 more patients become adherent, each
# worth $400 a year (fewer readmissions); the programme costs $150,000.
if (have("fgroi_roi_compute", "fgroi_prop_diff_ci")) {
  gain <- fgroi_prop_diff_ci(adherent_device, n_device, adherent_control, n_control)
  cat(sprintf("adherence gain %.2f (95%% CI %.2f to %.2f)\n", gain$estimate, gain$lower, gain$upper))
  r <- roi(gain, volume = 2000, value_per_unit = 400, cost = 150000)
  cat(sprintf("ROI %.2f (95%% CI %.2f to %.2f); break-even gain %.3f; P(ROI > 0) = %.2f\n",
              r$roi$estimate, r$roi$lower, r$roi$upper, r$summary$break_even_effect,
              r$summary$prob_positive))
} else skipped("ROI")

## Errors are R conditions -------------------------------------------------------
section("A bad input")
r <- tryCatch(prop_ci(13, 12), fgroi_error = function(e) e)
cat(class(r)[1], ":", conditionMessage(r), "\n")
cat("\nlibfgroi", fgroi_version(), "\n")
