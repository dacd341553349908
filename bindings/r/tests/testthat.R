library(testthat)
library(fgroi)
test_check("fgroi")
