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
