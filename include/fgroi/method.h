/** @file method.h
 * Every statistical method libfgroi implements, as one enum with explicit,
 * stable values and a stable lowercase name (fgroi_method_name(),
 * fgroi_method_from_name() in common.h). One technique has one code across
 * domains ("wald" is Wald for a proportion, a difference, a paired
 * difference or an NPS); each function documents which codes it accepts
 * and returns FGROI_E_METHOD for the others. FGROI_METHOD_DEFAULT asks a
 * function for its documented default.
 *
 * Values are grouped by the domain that introduced them; a new method takes
 * the next free value of its group. Values are never renumbered or reused.
 * Included by common.h; include <fgroi/fgroi.h> rather than this file.
 */
#ifndef FGROI_METHOD_H
#define FGROI_METHOD_H

typedef enum fgroi_method {
  FGROI_METHOD_DEFAULT = 0,             /* "default" */

  /* proportions: single (prop.h) */
  FGROI_METHOD_WALD = 1,                /* "wald" */
  FGROI_METHOD_WILSON = 2,              /* "wilson" */
  FGROI_METHOD_WILSON_CC = 3,           /* "wilson_cc" */
  FGROI_METHOD_CLOPPER_PEARSON = 4,     /* "clopper_pearson" */
  FGROI_METHOD_JEFFREYS = 5,            /* "jeffreys" */
  FGROI_METHOD_AGRESTI_COULL = 6,       /* "agresti_coull" */
  FGROI_METHOD_MID_P = 7,               /* "mid_p" */
  FGROI_METHOD_EXACT = 8,               /* "exact" (binomial / conditional exact test) */
  FGROI_METHOD_WALD_CC = 9,             /* "wald_cc" (Wald with continuity correction; @since 0.2) */
  /* proportions: two independent (prop.h) */
  FGROI_METHOD_NEWCOMBE = 20,           /* "newcombe" */
  FGROI_METHOD_MIETTINEN_NURMINEN = 21, /* "miettinen_nurminen" */
  FGROI_METHOD_AGRESTI_CAFFO = 22,      /* "agresti_caffo" */
  FGROI_METHOD_KATZ = 23,               /* "katz" */
  FGROI_METHOD_KOOPMAN = 24,            /* "koopman" */
  FGROI_METHOD_WOOLF = 25,              /* "woolf" */
  FGROI_METHOD_CONDITIONAL = 26,        /* "conditional" (conditional MLE, exact CI as fisher.test) */
  FGROI_METHOD_CHISQ = 27,              /* "chisq" (pooled z / Pearson chi-square) */
  FGROI_METHOD_CHISQ_CC = 28,           /* "chisq_cc" */
  FGROI_METHOD_FISHER = 29,             /* "fisher" */
  FGROI_METHOD_FISHER_MID_P = 30,       /* "fisher_mid_p" */
  FGROI_METHOD_MEE = 31,                /* "mee" (score without the N/(N-1) factor; @since 0.2) */
  FGROI_METHOD_NEWCOMBE_CC = 32,        /* "newcombe_cc" (hybrid score from continuity-corrected Wilson limits: Newcombe 1998 method 11, paired method 9; @since 0.2) */
  FGROI_METHOD_KATZ_HALDANE = 33,       /* "katz_haldane" (log interval, 1/2 added to every cell; @since 0.2) */
  FGROI_METHOD_WOOLF_UNCORRECTED = 34,  /* "woolf_uncorrected" (logit interval, no zero-cell correction; @since 0.2) */
  FGROI_METHOD_WOOLF_HALDANE = 35,      /* "woolf_haldane" (logit interval, 1/2 added to every cell; @since 0.2) */
  FGROI_METHOD_ADJUSTED_LOG = 36,       /* "adjusted_log" (log interval on x + 1/2 of n + 1/2; @since 0.2) */
  FGROI_METHOD_WOOLF_SMOOTHED = 37,     /* "woolf_smoothed" (logit interval on cells smoothed toward independence; @since 0.2) */

  /* paired proportions and adherence gap (paired.h, match.h) */
  FGROI_METHOD_TANGO = 100,             /* "tango" */
  FGROI_METHOD_BONETT_PRICE = 101,      /* "bonett_price" */
  FGROI_METHOD_AGRESTI_MIN = 102,       /* "agresti_min" */
  FGROI_METHOD_MCNEMAR = 103,           /* "mcnemar" */
  FGROI_METHOD_MCNEMAR_CC = 104,        /* "mcnemar_cc" */
  FGROI_METHOD_MCNEMAR_EXACT = 105,     /* "mcnemar_exact" */
  FGROI_METHOD_MCNEMAR_MID_P = 106,     /* "mcnemar_mid_p" */
  FGROI_METHOD_CLUSTER_ROBUST = 107,    /* "cluster_robust" */
  FGROI_METHOD_SIGN_FLIP = 108,         /* "sign_flip" */
  FGROI_METHOD_KAPPA = 109,             /* "kappa" */
  FGROI_METHOD_NEWCOMBE_RAW_PHI = 110,  /* "newcombe_raw_phi" (square-and-add of Wilson limits with the uncorrected phi; @since 0.2) */
  FGROI_METHOD_WALD_CC_FAGERLAND = 111, /* "wald_cc_fagerland" (paired Wald, (|b - c| - 1)^2 in the variance: Fagerland, Lydersen & Laake 2014; @since 1.0) */

  /* Net Promoter Score (nps.h) */
  FGROI_METHOD_ADJUSTED_WALD = 200,     /* "adjusted_wald" */
  FGROI_METHOD_SCORE = 201,             /* "score" */
  FGROI_METHOD_BOOTSTRAP_PERCENTILE = 202, /* "bootstrap_percentile" */
  FGROI_METHOD_BOOTSTRAP_BCA = 203,     /* "bootstrap_bca" */
  FGROI_METHOD_PERMUTATION = 204,       /* "permutation" */
  FGROI_METHOD_STUART_MAXWELL = 205,    /* "stuart_maxwell" */

  /* two arms: exact unconditional (exact2x2.h) */
  FGROI_METHOD_BARNARD = 300,           /* "barnard" */
  FGROI_METHOD_BOSCHLOO = 301,          /* "boschloo" */
  FGROI_METHOD_CHAN_ZHANG = 302,        /* "chan_zhang" */
  FGROI_METHOD_CHAN_ZHANG_MID_P = 303,  /* "chan_zhang_mid_p" */
  FGROI_METHOD_BAPTISTA_PIKE = 304,     /* "baptista_pike" */
  FGROI_METHOD_BAPTISTA_PIKE_MID_P = 305, /* "baptista_pike_mid_p" */
  FGROI_METHOD_CORNFIELD = 306,         /* "cornfield" */
  FGROI_METHOD_BARNARD_UNPOOLED = 307,  /* "barnard_unpooled" (Barnard with the unpooled Wald z; @since 0.2) */
  /* two arms: continuous, survival, pre/post (means.h, survival.h, prepost.h) */
  FGROI_METHOD_WELCH = 320,             /* "welch" */
  FGROI_METHOD_STUDENT = 321,           /* "student" */
  FGROI_METHOD_PAIRED_T = 322,          /* "paired_t" */
  FGROI_METHOD_WILCOXON = 323,          /* "wilcoxon" (signed rank) */
  FGROI_METHOD_MANN_WHITNEY = 324,      /* "mann_whitney" */
  FGROI_METHOD_HODGES_LEHMANN = 325,    /* "hodges_lehmann" */
  FGROI_METHOD_HEDGES_G = 326,          /* "hedges_g" */
  FGROI_METHOD_CLIFFS_DELTA = 327,      /* "cliffs_delta" */
  FGROI_METHOD_BLAND_ALTMAN = 328,      /* "bland_altman" */
  FGROI_METHOD_NONCENTRAL_T = 329,      /* "noncentral_t" (Steiger & Fouladi interval for a standardised difference) */
  FGROI_METHOD_KAPLAN_MEIER = 340,      /* "kaplan_meier" */
  FGROI_METHOD_LOGRANK = 341,           /* "logrank" */
  FGROI_METHOD_DID = 360,               /* "did" (difference in differences) */

  /* significance, planning, ROI, pooling (multiplicity.h, power.h, roi.h, pool.h) */
  FGROI_METHOD_NONE = 400,              /* "none" (no adjustment) */
  FGROI_METHOD_BONFERRONI = 401,        /* "bonferroni" */
  FGROI_METHOD_HOLM = 402,              /* "holm" */
  FGROI_METHOD_HOCHBERG = 403,          /* "hochberg" */
  FGROI_METHOD_HOMMEL = 404,            /* "hommel" */
  FGROI_METHOD_BH = 405,                /* "bh" (Benjamini-Hochberg) */
  FGROI_METHOD_BY = 406,                /* "by" (Benjamini-Yekutieli) */
  FGROI_METHOD_SIDAK = 407,             /* "sidak" (1 - (1 - p)^n; @since 0.2) */
  FGROI_METHOD_HOLM_SIDAK = 408,        /* "holm_sidak" (step-down Sidak; @since 0.2) */
  FGROI_METHOD_BH_TWO_STAGE = 409,      /* "bh_two_stage" (two-stage Benjamini-Hochberg, statsmodels fdr_tsbh; @since 0.2) */
  FGROI_METHOD_BKY = 410,               /* "bky" (Benjamini-Krieger-Yekutieli two-stage, statsmodels fdr_tsbky; @since 0.2) */
  FGROI_METHOD_GBS = 411,               /* "gbs" (Gavrilov-Benjamini-Sarkar adaptive step-down, statsmodels fdr_gbs; @since 0.2) */
  FGROI_METHOD_NORMAL = 420,            /* "normal" (normal approximation) */
  FGROI_METHOD_MONTE_CARLO = 421,       /* "monte_carlo" */
  FGROI_METHOD_NORMAL_UNCORRECTED = 422, /* "normal_uncorrected" (normal approximation without continuity correction; @since 0.2) */
  FGROI_METHOD_FIXED_EFFECT = 440,      /* "fixed_effect" */
  FGROI_METHOD_DERSIMONIAN_LAIRD = 441, /* "dersimonian_laird" */
  FGROI_METHOD_MIETTINEN = 442,         /* "miettinen" (McNemar sample size, Miettinen 1968) */
  FGROI_METHOD_REML = 443,              /* "reml" (restricted maximum likelihood tau^2; @since 0.2) */
  FGROI_METHOD_PAULE_MANDEL = 444,      /* "paule_mandel" (@since 0.2) */
  FGROI_METHOD_HKSJ = 445,              /* "hksj" (Hartung-Knapp-Sidik-Jonkman t interval; @since 0.2) */
  FGROI_METHOD_ML = 446,                /* "ml" (maximum likelihood tau^2; @since 0.2) */
  FGROI_METHOD_HUNTER_SCHMIDT = 447,    /* "hunter_schmidt" (tau^2 = (Q - k) / sum w; @since 0.2) */
  FGROI_METHOD_HUNTER_SCHMIDT_K = 448,  /* "hunter_schmidt_k" (Q scaled by k/(k - 1), metafor HSk; @since 0.2) */
  FGROI_METHOD_HEDGES = 449,            /* "hedges" (Hedges' unweighted moment tau^2, metafor HE; @since 0.2) */
  FGROI_METHOD_SIDIK_JONKMAN = 450,     /* "sidik_jonkman" (Sidik-Jonkman tau^2, metafor SJ; @since 0.2) */
  FGROI_METHOD_DERSIMONIAN_LAIRD_ITERATED = 451, /* "dersimonian_laird_iterated" (fixed point of the DL update, metafor DLIT; @since 1.0) */
  FGROI_METHOD_PAULE_MANDEL_MEDIAN = 452, /* "paule_mandel_median" (median-unbiased Paule-Mandel, metafor PMM; @since 1.0) */
  FGROI_METHOD_HKSJ_ADHOC = 453,        /* "hksj_adhoc" (HKSJ with the scale factor truncated below at 1, metafor test = "adhoc"; @since 1.0) */
  FGROI_METHOD_GENERALISED_Q = 454,     /* "generalised_q" (generalised Q tau^2 with user weights, metafor GENQ; @since 1.0) */
  FGROI_METHOD_GENERALISED_Q_MEDIAN = 455 /* "generalised_q_median" (median-unbiased generalised Q tau^2 with user weights, metafor GENQM; @since 1.0) */
} fgroi_method;

#endif /* FGROI_METHOD_H */
