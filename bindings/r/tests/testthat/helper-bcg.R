# The BCG trials (Colditz et al. 1994; metafor's dat.bcg): log risk ratios
# by metafor::escalc(measure = "RR") and the trial sizes, for the tests that
# fit metafor live (test-genqm.R, test-peer-names.R).
bcg_trials <- function() {
  dat <- metafor::escalc(measure = "RR",
    ai = c(4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27),
    bi = c(119, 300, 228, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886),
    ci = c(11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29),
    di = c(128, 274, 209, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825))
  ni <- c(262, 609, 451, 26665, 10877, 2992, 3174, 176782, 14776, 3381, 77972, 7839, 34767)
  list(dat = dat, ni = ni)
}
