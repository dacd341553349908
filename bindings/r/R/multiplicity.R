# Multiplicity adjustment (multiplicity.h), with R's p.adjust names and NA
# handling (NAs are kept in place and the rest adjusted among themselves).
.fgr_padjust_names <- c(holm = "holm", hochberg = "hochberg", hommel = "hommel",
                        bonferroni = "bonferroni", BH = "bh", BY = "by", fdr = "bh", none = "none",
                        bh = "bh", by = "by", fdr_bh = "bh", fdr_by = "by")

p_adjust <- function(p, method = "holm") {
  m <- .fgr_padjust_names[method]
  if (is.na(m)) stop(fgroi_condition(22L, NULL, "method", call = sys.call()))
  out <- p
  ok <- !is.na(p)
  if (any(ok)) out[ok] <- .fgr_c("fgroi_multiplicity_adjust")(as.double(p[ok]), unname(m))
  out
}
