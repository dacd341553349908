/* Stable method names. Generated once from method.h; keep in step with it
 * (tests/test_method.c checks every enum value has a unique name). */
#include "internal.h"

typedef struct { fgroi_method code; const char *name; } method_row;

static const method_row method_table[] = {
  { FGROI_METHOD_DEFAULT, "default" },
  { FGROI_METHOD_WALD, "wald" },
  { FGROI_METHOD_WILSON, "wilson" },
  { FGROI_METHOD_WILSON_CC, "wilson_cc" },
  { FGROI_METHOD_CLOPPER_PEARSON, "clopper_pearson" },
  { FGROI_METHOD_JEFFREYS, "jeffreys" },
  { FGROI_METHOD_AGRESTI_COULL, "agresti_coull" },
  { FGROI_METHOD_MID_P, "mid_p" },
  { FGROI_METHOD_EXACT, "exact" },
  { FGROI_METHOD_WALD_CC, "wald_cc" },
  { FGROI_METHOD_NEWCOMBE, "newcombe" },
  { FGROI_METHOD_MIETTINEN_NURMINEN, "miettinen_nurminen" },
  { FGROI_METHOD_AGRESTI_CAFFO, "agresti_caffo" },
  { FGROI_METHOD_KATZ, "katz" },
  { FGROI_METHOD_KOOPMAN, "koopman" },
  { FGROI_METHOD_WOOLF, "woolf" },
  { FGROI_METHOD_CONDITIONAL, "conditional" },
  { FGROI_METHOD_CHISQ, "chisq" },
  { FGROI_METHOD_CHISQ_CC, "chisq_cc" },
  { FGROI_METHOD_FISHER, "fisher" },
  { FGROI_METHOD_FISHER_MID_P, "fisher_mid_p" },
  { FGROI_METHOD_MEE, "mee" },
  { FGROI_METHOD_NEWCOMBE_CC, "newcombe_cc" },
  { FGROI_METHOD_KATZ_HALDANE, "katz_haldane" },
  { FGROI_METHOD_WOOLF_UNCORRECTED, "woolf_uncorrected" },
  { FGROI_METHOD_WOOLF_HALDANE, "woolf_haldane" },
  { FGROI_METHOD_ADJUSTED_LOG, "adjusted_log" },
  { FGROI_METHOD_WOOLF_SMOOTHED, "woolf_smoothed" },
  { FGROI_METHOD_TANGO, "tango" },
  { FGROI_METHOD_BONETT_PRICE, "bonett_price" },
  { FGROI_METHOD_AGRESTI_MIN, "agresti_min" },
  { FGROI_METHOD_MCNEMAR, "mcnemar" },
  { FGROI_METHOD_MCNEMAR_CC, "mcnemar_cc" },
  { FGROI_METHOD_MCNEMAR_EXACT, "mcnemar_exact" },
  { FGROI_METHOD_MCNEMAR_MID_P, "mcnemar_mid_p" },
  { FGROI_METHOD_CLUSTER_ROBUST, "cluster_robust" },
  { FGROI_METHOD_SIGN_FLIP, "sign_flip" },
  { FGROI_METHOD_KAPPA, "kappa" },
  { FGROI_METHOD_NEWCOMBE_RAW_PHI, "newcombe_raw_phi" },
  { FGROI_METHOD_WALD_CC_FAGERLAND, "wald_cc_fagerland" },
  { FGROI_METHOD_ADJUSTED_WALD, "adjusted_wald" },
  { FGROI_METHOD_SCORE, "score" },
  { FGROI_METHOD_BOOTSTRAP_PERCENTILE, "bootstrap_percentile" },
  { FGROI_METHOD_BOOTSTRAP_BCA, "bootstrap_bca" },
  { FGROI_METHOD_PERMUTATION, "permutation" },
  { FGROI_METHOD_STUART_MAXWELL, "stuart_maxwell" },
  { FGROI_METHOD_BARNARD, "barnard" },
  { FGROI_METHOD_BOSCHLOO, "boschloo" },
  { FGROI_METHOD_CHAN_ZHANG, "chan_zhang" },
  { FGROI_METHOD_CHAN_ZHANG_MID_P, "chan_zhang_mid_p" },
  { FGROI_METHOD_BAPTISTA_PIKE, "baptista_pike" },
  { FGROI_METHOD_BAPTISTA_PIKE_MID_P, "baptista_pike_mid_p" },
  { FGROI_METHOD_CORNFIELD, "cornfield" },
  { FGROI_METHOD_BARNARD_UNPOOLED, "barnard_unpooled" },
  { FGROI_METHOD_WELCH, "welch" },
  { FGROI_METHOD_STUDENT, "student" },
  { FGROI_METHOD_PAIRED_T, "paired_t" },
  { FGROI_METHOD_WILCOXON, "wilcoxon" },
  { FGROI_METHOD_MANN_WHITNEY, "mann_whitney" },
  { FGROI_METHOD_HODGES_LEHMANN, "hodges_lehmann" },
  { FGROI_METHOD_HEDGES_G, "hedges_g" },
  { FGROI_METHOD_CLIFFS_DELTA, "cliffs_delta" },
  { FGROI_METHOD_BLAND_ALTMAN, "bland_altman" },
  { FGROI_METHOD_NONCENTRAL_T, "noncentral_t" },
  { FGROI_METHOD_KAPLAN_MEIER, "kaplan_meier" },
  { FGROI_METHOD_LOGRANK, "logrank" },
  { FGROI_METHOD_DID, "did" },
  { FGROI_METHOD_NONE, "none" },
  { FGROI_METHOD_BONFERRONI, "bonferroni" },
  { FGROI_METHOD_HOLM, "holm" },
  { FGROI_METHOD_HOCHBERG, "hochberg" },
  { FGROI_METHOD_HOMMEL, "hommel" },
  { FGROI_METHOD_BH, "bh" },
  { FGROI_METHOD_BY, "by" },
  { FGROI_METHOD_SIDAK, "sidak" },
  { FGROI_METHOD_HOLM_SIDAK, "holm_sidak" },
  { FGROI_METHOD_BH_TWO_STAGE, "bh_two_stage" },
  { FGROI_METHOD_BKY, "bky" },
  { FGROI_METHOD_GBS, "gbs" },
  { FGROI_METHOD_NORMAL, "normal" },
  { FGROI_METHOD_MONTE_CARLO, "monte_carlo" },
  { FGROI_METHOD_NORMAL_UNCORRECTED, "normal_uncorrected" },
  { FGROI_METHOD_FIXED_EFFECT, "fixed_effect" },
  { FGROI_METHOD_DERSIMONIAN_LAIRD, "dersimonian_laird" },
  { FGROI_METHOD_MIETTINEN, "miettinen" },
  { FGROI_METHOD_REML, "reml" },
  { FGROI_METHOD_PAULE_MANDEL, "paule_mandel" },
  { FGROI_METHOD_HKSJ, "hksj" },
  { FGROI_METHOD_ML, "ml" },
  { FGROI_METHOD_HUNTER_SCHMIDT, "hunter_schmidt" },
  { FGROI_METHOD_HUNTER_SCHMIDT_K, "hunter_schmidt_k" },
  { FGROI_METHOD_HEDGES, "hedges" },
  { FGROI_METHOD_SIDIK_JONKMAN, "sidik_jonkman" },
  { FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED, "dersimonian_laird_iterated" },
  { FGROI_METHOD_PAULE_MANDEL_MEDIAN, "paule_mandel_median" },
  { FGROI_METHOD_HKSJ_ADHOC, "hksj_adhoc" },
  { FGROI_METHOD_GENERALISED_Q, "generalised_q" },
  { FGROI_METHOD_GENERALISED_Q_MEDIAN, "generalised_q_median" },
};

/* Names the peers use for a method libfgroi has, each mapped to exactly one
 * method (0.2; docs/methods.md has the table with each peer's function and
 * argument). Accepted by fgroi_method_from_name, never returned by
 * fgroi_method_name. Case-sensitive, as the peers spell them. A peer name
 * that means different methods in different peers ("ac": Agresti-Caffo in
 * DescTools' BinomDiffCI, Agresti-Coull in binom::binom.confint; "score";
 * statsmodels' "normal", which is libfgroi's "wald"; "asymptotic", Wald in
 * binom.confint but the normal rank test in scipy) is deliberately
 * absent: the table tells which libfgroi name reproduces each. */
static const method_row alias_table[] = {
  /* statsmodels proportion_confint */
  { FGROI_METHOD_CLOPPER_PEARSON, "beta" },
  { FGROI_METHOD_EXACT, "binom_test" },
  /* statsmodels confint_proportions_2indep */
  { FGROI_METHOD_AGRESTI_CAFFO, "agresti-caffo" },
  { FGROI_METHOD_NEWCOMBE, "newcomb" },
  { FGROI_METHOD_KATZ, "log" },
  { FGROI_METHOD_ADJUSTED_LOG, "log-adjusted" },
  { FGROI_METHOD_WOOLF_UNCORRECTED, "logit" },
  { FGROI_METHOD_WOOLF_HALDANE, "logit-adjusted" },
  { FGROI_METHOD_WOOLF_SMOOTHED, "logit-smoothed" },
  /* statsmodels multipletests (long and short names) */
  { FGROI_METHOD_BONFERRONI, "b" },
  { FGROI_METHOD_HOLM, "h" },
  { FGROI_METHOD_HOCHBERG, "simes-hochberg" },
  { FGROI_METHOD_HOCHBERG, "sh" },
  { FGROI_METHOD_HOMMEL, "ho" },
  { FGROI_METHOD_BH, "fdr_bh" },
  { FGROI_METHOD_BH, "fdr_i" },
  { FGROI_METHOD_BY, "fdr_by" },
  { FGROI_METHOD_BY, "fdr_n" },
  /* the rest of statsmodels' multitest._alias_list */
  { FGROI_METHOD_BONFERRONI, "bonf" },
  { FGROI_METHOD_BH, "fdr_p" },
  { FGROI_METHOD_BH, "fdri" },
  { FGROI_METHOD_BH, "fdrp" },
  { FGROI_METHOD_BY, "fdr_c" },
  { FGROI_METHOD_BY, "fdrn" },
  { FGROI_METHOD_BY, "fdrcorr" },
  { FGROI_METHOD_SIDAK, "s" },
  { FGROI_METHOD_HOLM_SIDAK, "hs" },
  { FGROI_METHOD_HOLM_SIDAK, "holm-sidak" },
  { FGROI_METHOD_BH_TWO_STAGE, "fdr_tsbh" },
  { FGROI_METHOD_BH_TWO_STAGE, "fdr_2sbh" },
  { FGROI_METHOD_BKY, "fdr_tsbky" },
  { FGROI_METHOD_BKY, "fdr_2sbky" },
  { FGROI_METHOD_BKY, "fdr_twostage" },
  { FGROI_METHOD_GBS, "fdr_gbs" },
  /* R p.adjust.methods */
  { FGROI_METHOD_BH, "BH" },
  { FGROI_METHOD_BH, "fdr" },
  { FGROI_METHOD_BY, "BY" },
  /* statsmodels combine_effects(method_re = ...) */
  { FGROI_METHOD_DERSIMONIAN_LAIRD, "dl" },
  { FGROI_METHOD_DERSIMONIAN_LAIRD, "chi2" },
  { FGROI_METHOD_PAULE_MANDEL, "pm" },
  { FGROI_METHOD_PAULE_MANDEL, "iterated" },
  /* metafor rma(method = ..., test = ...) */
  { FGROI_METHOD_FIXED_EFFECT, "FE" },
  { FGROI_METHOD_FIXED_EFFECT, "EE" },
  { FGROI_METHOD_FIXED_EFFECT, "CE" },
  { FGROI_METHOD_DERSIMONIAN_LAIRD, "DL" },
  { FGROI_METHOD_REML, "REML" },
  { FGROI_METHOD_PAULE_MANDEL, "PM" },
  { FGROI_METHOD_PAULE_MANDEL, "MP" }, /* metafor: "Mandel-Paule", the same estimator */
  { FGROI_METHOD_ML, "ML" },
  { FGROI_METHOD_HUNTER_SCHMIDT, "HS" },
  { FGROI_METHOD_HUNTER_SCHMIDT_K, "HSk" },
  { FGROI_METHOD_HEDGES, "HE" },
  { FGROI_METHOD_SIDIK_JONKMAN, "SJ" },
  { FGROI_METHOD_PAULE_MANDEL, "EB" }, /* metafor: empirical Bayes (Morris 1983), the same equation as PM without moderators */
  { FGROI_METHOD_HKSJ, "knha" },
  { FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED, "DLIT" }, /* metafor's (undocumented) iterated DL */
  { FGROI_METHOD_PAULE_MANDEL, "SJIT" }, /* metafor: iterated Sidik-Jonkman; its fixed point is the PM root */
  { FGROI_METHOD_PAULE_MANDEL_MEDIAN, "PMM" },
  { FGROI_METHOD_HKSJ_ADHOC, "adhoc" },
  { FGROI_METHOD_GENERALISED_Q, "GENQ" }, /* with user weights (fgroi_pool_effects_weighted) */
  { FGROI_METHOD_GENERALISED_Q_MEDIAN, "GENQM" }, /* with user weights */
  /* DescTools BinomCI / BinomDiffCI / BinomRatioCI / OddsRatio */
  { FGROI_METHOD_WILSON_CC, "wilsoncc" },
  { FGROI_METHOD_AGRESTI_COULL, "agresti-coull" },
  { FGROI_METHOD_CLOPPER_PEARSON, "clopper-pearson" },
  { FGROI_METHOD_MID_P, "midp" },
  { FGROI_METHOD_WALD_CC, "waldcc" },
  { FGROI_METHOD_NEWCOMBE_CC, "scorecc" },
  { FGROI_METHOD_MIETTINEN_NURMINEN, "mn" },
  { FGROI_METHOD_KATZ, "katz.log" },
  { FGROI_METHOD_CONDITIONAL, "mle" },
  /* the same names as the Python binding passes them (lower case, "-" as
   * "_"), where that differs from the peer's spelling */
  { FGROI_METHOD_ADJUSTED_LOG, "log_adjusted" },
  { FGROI_METHOD_WOOLF_HALDANE, "logit_adjusted" },
  { FGROI_METHOD_WOOLF_SMOOTHED, "logit_smoothed" },
  { FGROI_METHOD_HOCHBERG, "simes_hochberg" },
  { FGROI_METHOD_FIXED_EFFECT, "fe" },
  { FGROI_METHOD_FIXED_EFFECT, "ee" },
  { FGROI_METHOD_FIXED_EFFECT, "ce" },
  { FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED, "dlit" },
  { FGROI_METHOD_PAULE_MANDEL, "sjit" },
  { FGROI_METHOD_PAULE_MANDEL_MEDIAN, "pmm" },
  { FGROI_METHOD_GENERALISED_Q, "genq" },
  { FGROI_METHOD_GENERALISED_Q_MEDIAN, "genqm" },
};

FGROI_API const char *fgroi_method_name(fgroi_method method) {
  for (size_t i = 0; i < sizeof method_table / sizeof method_table[0]; i++)
    if (method_table[i].code == method) return method_table[i].name;
  return NULL;
}

FGROI_API fgroi_status fgroi_method_from_name(const char *name, fgroi_method *out) {
  if (name == NULL || out == NULL) return FGROI_E_NULL;
  for (size_t i = 0; i < sizeof method_table / sizeof method_table[0]; i++)
    if (strcmp(method_table[i].name, name) == 0) { *out = method_table[i].code; return FGROI_OK; }
  for (size_t i = 0; i < sizeof alias_table / sizeof alias_table[0]; i++)
    if (strcmp(alias_table[i].name, name) == 0) { *out = alias_table[i].code; return FGROI_OK; }
  return FGROI_E_UNKNOWN_NAME;
}
