# A stand-in for the CompQuadForm package, which metafor's GENQM and
# confint(type = "genq") call and which Debian does not ship: a throwaway
# package built into a temporary library whose farebrother() computes
# P(Q > q) for Q = sum lambda_j chi^2_1 by Imhof's (1961) integral with R's
# integrate() (over half periods, the alternating tail summed by Euler's
# transform: about 1e-16 on values known to 30 digits), independent of
# libfgroi's C code (Ruben's series). If it cannot be built the tests that
# need it fail, loudly: cqf_shim_install() stops.
cqf_shim_install <- function() {
  root <- file.path(tempdir(), "cqf_shim")
  lib <- file.path(root, "lib")
  if (requireNamespace("CompQuadForm", lib.loc = lib, quietly = TRUE)) {
    .libPaths(c(lib, .libPaths()))
    return(invisible(lib))
  }
  pkg <- file.path(root, "CompQuadForm")
  dir.create(file.path(pkg, "R"), recursive = TRUE, showWarnings = FALSE)
  dir.create(lib, recursive = TRUE, showWarnings = FALSE)
  writeLines(c("Package: CompQuadForm", "Version: 0.0.1", "Title: Test Stand-in",
               "Description: Imhof's integral by integrate(), for metafor's GENQM in tests.",
               "License: GPL-3", "Author: libfgroi tests", "Maintainer: libfgroi <tests@example.invalid>"),
             file.path(pkg, "DESCRIPTION"))
  writeLines("export(farebrother)", file.path(pkg, "NAMESPACE"))
  writeLines(c(
    "farebrother <- function(q, lambda, h = rep(1, length(lambda)), delta = rep(0, length(lambda)),",
    "                        maxit = 100000, eps = 10^(-10), mode = 1) {",
    "  if (any(h != 1) || any(delta != 0)) stop('stand-in: central chi-squares with 1 df only')",
    "  # Imhof (1961): P(Q > q) = 1/2 + (1/pi) int_0^Inf sin(theta(u)) / (u rho(u)) du",
    "  f <- function(u) vapply(u, function(x) {",
    "    if (x == 0) return((sum(lambda) - q) / 2)",
    "    th <- sum(atan(lambda * x)) / 2 - q * x / 2",
    "    sin(th) / (x * exp(sum(log1p((lambda * x)^2)) / 4))",
    "  }, 0)",
    "  # integrate() over half periods of sin(q u / 2) (the phase's linear part), then",
    "  # the alternating series of the half-period integrals summed with repeated",
    "  # averaging of its last partial sums (Euler's transform)",
    "  hp <- 2 * pi / q",
    "  n <- 600L",
    "  piece <- vapply(seq_len(n), function(i) integrate(f, (i - 1) * hp, i * hp, rel.tol = 1e-13,",
    "                  abs.tol = 1e-17, subdivisions = 1000L, stop.on.error = FALSE)$value, 0)",
    "  ps <- cumsum(piece)[(n - 40L):n]",
    "  while (length(ps) > 1L) ps <- (ps[-1L] + ps[-length(ps)]) / 2",
    "  s <- ps",
    "  list(Qq = 1 / 2 + s / pi, ifault = 0, trace = NULL)",
    "}"), file.path(pkg, "R", "farebrother.R"))
  out <- system2(file.path(R.home("bin"), "R"), c("CMD", "INSTALL", "--no-test-load", "-l", shQuote(lib), shQuote(pkg)),
                 stdout = TRUE, stderr = TRUE)
  if (!requireNamespace("CompQuadForm", lib.loc = lib, quietly = TRUE))
    stop("building the CompQuadForm stand-in failed:\n", paste(out, collapse = "\n"))
  .libPaths(c(lib, .libPaths()))
  invisible(lib)
}
