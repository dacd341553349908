# Every public C function has an R wrapper. The headers are parsed here,
# independently of the API description the generator (tools/generate.R)
# reads, from the include directory configure found (recorded in
# inst/fgroi_api.txt).

api_file <- system.file("fgroi_api.txt", package = "fgroi")

test_that("the generator's record exists", {
  expect_true(nzchar(api_file))
})

test_that("every public C function has an R wrapper", {
  hdr <- grep("^# headers: ", readLines(api_file, n = 2L), value = TRUE)
  incdir <- Sys.getenv("FGROI_INCLUDE_DIR", sub("^# headers: ", "", hdr[1L]))
  expect_true(file.exists(file.path(incdir, "fgroi", "fgroi.h")), info = paste("headers not found in", incdir))
  files <- list.files(file.path(incdir, "fgroi"), pattern = "\\.h$", full.names = TRUE)
  txt <- paste(vapply(files, function(f) paste(readLines(f, warn = FALSE), collapse = "\n"), ""), collapse = "\n")
  txt <- gsub("/\\*.*?\\*/", " ", txt, perl = TRUE)
  m <- gregexpr("FGROI_API[^;{}]*?\\b(fgroi_[A-Za-z0-9_]+)\\s*\\(", txt, perl = TRUE)
  public <- unique(sub(".*\\b(fgroi_[A-Za-z0-9_]+)\\s*\\($", "\\1", regmatches(txt, m)[[1]], perl = TRUE))
  expect_gt(length(public), 10L)

  rows <- read.delim(api_file, header = FALSE, comment.char = "#", col.names = c("fun", "how", "note"),
                     stringsAsFactors = FALSE)
  # declared ahead of their implementation: not in the shared library yet
  pending <- rows$fun[rows$how == "not_in_library"]
  if (length(pending)) message("declared but not in this libfgroi: ", paste(pending, collapse = ", "))
  ns <- asNamespace("fgroi")
  missing <- setdiff(public[!vapply(public, exists, TRUE, envir = ns, inherits = FALSE)], pending)
  expect_identical(missing, character(0),
                   info = paste("no R wrapper for:", paste(missing, collapse = ", ")))
  exported <- getNamespaceExports("fgroi")
  expect_true(all(setdiff(public, pending) %in% exported))
})

test_that("every registered routine is callable only as a registered symbol", {
  routines <- getDLLRegisteredRoutines("fgroi")$.Call
  expect_gt(length(routines), 10L)
  dll <- getLoadedDLLs()[["fgroi"]]
  expect_false(unclass(dll)[["dynamicLookup"]])
})
