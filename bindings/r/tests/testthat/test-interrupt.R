# Long calls stop on R's user interrupt (issue 16): a child Rscript starts
# a long exact computation and has a background shell send it SIGINT
# 0.2 s later (each call takes about 1 to 2 s inside the limits issue 14
# set); the interrupt must reach R as an "interrupt" condition
# within 1 s of the signal (the library stops within about 10 ms of work;
# the margin is for a loaded machine), and the session must go on.
test_that("SIGINT stops a long exact call and the session survives", {
  skip_on_os("windows")
  child <- tempfile(fileext = ".R")
  writeLines(c(
    "library(fgroi)",
    "pid <- Sys.getpid()",
    "calls <- list(",
    "  function() fgroi_power_prop2_exact_n(0.50, 0.45, 0.8, 'boschloo', NULL),",
    "  function() fgroi_exact2x2_diff_ci(400, 1000, 450, 1000, 'chan_zhang', 0.95, 'two_sided', NULL),",
    "  function() fgroi_power_prop2_exact_n(0.50, 0.55, 0.8, 'boschloo', NULL))",
    "for (f in calls) {",
    "  system(sprintf('(sleep 0.2; kill -INT %d) >/dev/null 2>&1 &', pid))",
    "  t0 <- Sys.time()",
    "  got <- tryCatch({ f(); 'RESULT' }, interrupt = function(e) 'INTERRUPT')",
    "  el <- as.numeric(difftime(Sys.time(), t0, units = 'secs'))",
    "  cat(got, sprintf('%.3f', el), '\\n')",
    "}",
    "cat('ALIVE', fgroi_prop_ci(7, 12, 'wilson', 0.95, 'two_sided')$lower > 0, '\\n')"), child)
  rscript <- file.path(R.home("bin"), "Rscript")
  out <- system2(rscript, c("--vanilla", child), stdout = TRUE, stderr = TRUE,
                 env = paste0("R_LIBS=", paste(.libPaths(), collapse = ":")))
  res <- grep("^(INTERRUPT|RESULT)", out, value = TRUE)
  expect_length(res, 3L)
  for (line in res) {
    expect_match(line, "^INTERRUPT ")
    el <- as.numeric(strsplit(line, " ")[[1]][2])
    expect_lt(el, 0.2 + 1.0)
  }
  expect_true(any(grepl("^ALIVE TRUE", out)), info = paste(out, collapse = "\n"))
})

# Every function with a `_ctl` C entry point (issue 16): the exact
# odds-ratio interval at 2^32 per arm (about 1 s; since the one conditional
# kernel 10^7 per arm takes 0.03 s), the sign-flip test at its
# 10^8 resamples x participants bound and the Monte Carlo ROI at its 10^6
# draws (each 0.4 to 1 s), interrupted 0.1 s in: the call ends with R's
# interrupt condition (the library returned FGROI_E_CANCELLED, so no result
# and no error), and the session goes on.
test_that("SIGINT stops every _ctl call with the cancel status", {
  skip_on_os("windows")
  child <- tempfile(fileext = ".R")
  writeLines(c(
    "library(fgroi)",
    "pid <- Sys.getpid()",
    "cl <- data.frame(id = 1:200, both = rep(c(3, 5, 2, 4), 50), device_only = rep(c(4, 0, 3, 6), 50),",
    "                 self_only = rep(c(1, 2, 0, 1), 50), neither = rep(8, 200))",
    "fixed <- function(a) list(dist = 'fixed', a = a, b = 0, c = 0)",
    "calls <- list(",
    "  function() fgroi_exact2x2_odds_ratio_ci_ctl(1717986918, 4294967296, 1932735283, 4294967296, 'baptista_pike_mid_p', 0.95, 'two_sided', NULL),",
    "  function() fgroi_paired_sign_flip_ctl(cl, 'two_sided', 5e5, 1, NULL),",
    "  function() fgroi_roi_monte_carlo_ctl(list(dist = 'normal', a = 0.1, b = 0.02, c = 0), fixed(1000),",
    "                                       fixed(50), list(dist = 'uniform', a = 1000, b = 2000, c = 0),",
    "                                       0.95, 1e6, 1, NULL))",
    "for (f in calls) {",
    "  system(sprintf('(sleep 0.1; kill -INT %d) >/dev/null 2>&1 &', pid))",
    "  t0 <- Sys.time()",
    "  got <- tryCatch({ f(); 'RESULT' }, interrupt = function(e) 'INTERRUPT',",
    "                  error = function(e) paste('ERROR', conditionMessage(e)))",
    "  el <- as.numeric(difftime(Sys.time(), t0, units = 'secs'))",
    "  cat(got, sprintf('%.3f', el), '\\n')",
    "}",
    "cat('ALIVE', fgroi_prop_ci(7, 12, 'wilson', 0.95, 'two_sided')$lower > 0, '\\n')"), child)
  rscript <- file.path(R.home("bin"), "Rscript")
  out <- system2(rscript, c("--vanilla", child), stdout = TRUE, stderr = TRUE,
                 env = paste0("R_LIBS=", paste(.libPaths(), collapse = ":")))
  res <- grep("^(INTERRUPT|RESULT|ERROR)", out, value = TRUE)
  expect_length(res, 3L)
  for (line in res) {
    expect_match(line, "^INTERRUPT ", info = paste(out, collapse = "\n"))
    el <- as.numeric(strsplit(line, " ")[[1]][2])
    expect_lt(el, 0.1 + 1.0)
  }
  expect_true(any(grepl("^ALIVE TRUE", out)), info = paste(out, collapse = "\n"))
})
