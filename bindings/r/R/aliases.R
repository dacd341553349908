# The peers' method names mapped to libfgroi's (issue 17). Most peer
# spellings ("BH", "fdr", "REML", "knha", "fdr_bh", ...) are aliases in the C
# lookup and go straight into any method argument; this table says, per peer
# function, which libfgroi method reproduces each of its names, NA where
# libfgroi does not provide it (docs/methods.md has the same table).
.fgr_peer_tables <- list(
  "p.adjust" = c(holm = "holm", hochberg = "hochberg", hommel = "hommel",
                 bonferroni = "bonferroni", BH = "bh", BY = "by", fdr = "bh", none = "none"),
  "metafor::rma" = c(EE = "fixed_effect", FE = "fixed_effect", CE = "fixed_effect",
                     DL = "dersimonian_laird", REML = "reml", ML = "ml", PM = "paule_mandel",
                     MP = "paule_mandel", HE = "hedges", HS = "hunter_schmidt",
                     HSk = "hunter_schmidt_k", SJ = "sidik_jonkman", SJIT = "paule_mandel",
                     DLIT = "dersimonian_laird_iterated", EB = "paule_mandel", GENQ = "generalised_q",
                     GENQM = "generalised_q_median", PMM = "paule_mandel_median"),
  "metafor::rma test" = c(z = "normal", knha = "hksj", t = "student", adhoc = "hksj_adhoc"),
  "wilcox.test correct" = c("TRUE" = "normal", "FALSE" = "normal_uncorrected"),
  "statsmodels multipletests" = c(b = "bonferroni", bonf = "bonferroni", bonferroni = "bonferroni",
                                  s = "sidak", sidak = "sidak", h = "holm", holm = "holm",
                                  hs = "holm_sidak", "holm-sidak" = "holm_sidak",
                                  sh = "hochberg", "simes-hochberg" = "hochberg",
                                  ho = "hommel", hommel = "hommel",
                                  fdr_bh = "bh", fdr_i = "bh", fdr_p = "bh", fdri = "bh", fdrp = "bh",
                                  fdr_by = "by", fdr_n = "by", fdr_c = "by", fdrn = "by", fdrcorr = "by",
                                  fdr_tsbh = "bh_two_stage", fdr_2sbh = "bh_two_stage",
                                  fdr_tsbky = "bky", fdr_2sbky = "bky", fdr_twostage = "bky",
                                  fdr_gbs = "gbs")
)

# libfgroi's method name for a peer function's method name; an error of
# class fgroi_error_unknown_name when the peer has no such name or libfgroi
# does not provide the method.
peer_method <- function(fun, method) {
  tab <- .fgr_peer_tables[[fun]]
  if (is.null(tab))
    stop(fgroi_condition(22L, "peer_method", "fun", call = sys.call(),
                         detail = paste0("one of ", paste(sQuote(names(.fgr_peer_tables), FALSE),
                                                          collapse = ", "))))
  key <- as.character(method)
  if (!key %in% names(tab) || is.na(tab[[key]]))
    stop(fgroi_condition(22L, "peer_method", "method", call = sys.call(),
                         detail = paste0(fun, " method '", key, "' is ",
                                         if (key %in% names(tab)) "not provided by libfgroi" else "unknown")))
  tab[[key]]
}
