"""The peers' method names, mapped to libfgroi's (issue 17).

Most peer spellings are accepted directly by every ``method=`` argument:
the C name lookup (``fgroi_method_from_name``) holds them as aliases
(``fdr_bh``, ``BH``, ``fdr``, ``beta``, ``REML``, ``knha``, ...). A few
peer names mean different methods in different places, so no single alias
can hold them: statsmodels' ``proportion_confint(method="normal")`` is
libfgroi's ``wald`` (libfgroi's ``normal`` is the rank tests' normal
approximation), and ``confint_proportions_2indep(method="score")`` is
Miettinen-Nurminen, Mee, Koopman or the uncorrected score depending on
``compare`` and ``correction``. This module names, for each peer function,
the libfgroi method that reproduces each of its method names; ``None``
marks a name libfgroi does not provide. ``docs/methods.md`` has the same
table with the peers' functions and arguments.

    >>> from fgroi import aliases
    >>> aliases.peer_method("statsmodels.proportion_confint", "normal")
    'wald'
    >>> aliases.peer_method("statsmodels.confint_proportions_2indep", "score",
    ...                     compare="ratio", correction=False)
    'koopman'
"""

from . import errors
from ._ffi import lib

__all__ = ["PEERS", "peer_method"]

# statsmodels.stats.proportion.proportion_confint(method=...)
_SM_PROPORTION_CONFINT = {
    "normal": "wald", "agresti_coull": "agresti_coull", "beta": "clopper_pearson",
    "wilson": "wilson", "jeffreys": "jeffreys",
    "binom_test": None,  # inverts the two-sided minimum-likelihood binomial test
}

# statsmodels.stats.proportion.confint_proportions_2indep(compare=..., method=...,
# correction=...): per compare; a dict value is keyed by ``correction``.
_SM_2INDEP = {
    "diff": {"wald": "wald", "agresti-caffo": "agresti_caffo", "newcomb": "newcombe",
             "score": {True: "miettinen_nurminen", False: "mee"}},
    "ratio": {"log": "katz", "log-adjusted": "adjusted_log",
              "score": {True: "miettinen_nurminen", False: "koopman"}},
    "odds-ratio": {"logit": "woolf_uncorrected", "logit-adjusted": "woolf_haldane",
                   "logit-smoothed": "woolf_smoothed",
                   "score": {True: "miettinen_nurminen", False: "score"}},
}

# statsmodels.stats.multitest.multipletests(method=...), its whole alias list
_SM_MULTIPLETESTS = {
    "b": "bonferroni", "bonf": "bonferroni", "bonferroni": "bonferroni",
    "s": "sidak", "sidak": "sidak", "h": "holm", "holm": "holm",
    "hs": "holm_sidak", "holm-sidak": "holm_sidak",
    "sh": "hochberg", "simes-hochberg": "hochberg", "ho": "hommel", "hommel": "hommel",
    "fdr_bh": "bh", "fdr_i": "bh", "fdr_p": "bh", "fdri": "bh", "fdrp": "bh",
    "fdr_by": "by", "fdr_n": "by", "fdr_c": "by", "fdrn": "by", "fdrcorr": "by",
    "fdr_tsbh": "bh_two_stage", "fdr_2sbh": "bh_two_stage", "fdr_tsbky": "bky",
    "fdr_2sbky": "bky", "fdr_twostage": "bky", "fdr_gbs": "gbs",
}

# statsmodels.stats.meta_analysis.combine_effects(method_re=...)
_SM_COMBINE_EFFECTS = {"iterated": "paule_mandel", "pm": "paule_mandel",
                       "chi2": "dersimonian_laird", "dl": "dersimonian_laird"}

# R stats::p.adjust(method=...), p.adjust.methods
_R_P_ADJUST = {"holm": "holm", "hochberg": "hochberg", "hommel": "hommel",
               "bonferroni": "bonferroni", "BH": "bh", "BY": "by", "fdr": "bh", "none": "none"}

# metafor::rma(method=...) and rma(test=...)
_METAFOR_RMA = {
    "EE": "fixed_effect", "FE": "fixed_effect", "CE": "fixed_effect",
    "DL": "dersimonian_laird", "REML": "reml", "ML": "ml", "PM": "paule_mandel",
    "MP": "paule_mandel", "HE": "hedges", "HS": "hunter_schmidt", "HSk": "hunter_schmidt_k",
    "SJ": "sidik_jonkman", "SJIT": "paule_mandel", "DLIT": "dersimonian_laird_iterated",
    "EB": "paule_mandel", "GENQ": "generalised_q", "GENQM": "generalised_q_median", "PMM": "paule_mandel_median",
}
_METAFOR_TEST = {"z": "normal", "knha": "hksj", "t": "student", "adhoc": "hksj_adhoc"}

# R stats::wilcox.test(exact=FALSE, correct=...) and scipy's use_continuity /
# correction, keyed by the logical
_R_WILCOX_CORRECT = {True: "normal", False: "normal_uncorrected"}

# scipy.stats.binomtest(...).proportion_ci(method=...)
_SCIPY_PROPORTION_CI = {"exact": "clopper_pearson", "wilson": "wilson", "wilsoncc": "wilson_cc"}

PEERS = {
    "scipy.binomtest.proportion_ci": _SCIPY_PROPORTION_CI,
    "statsmodels.proportion_confint": _SM_PROPORTION_CONFINT,
    "statsmodels.confint_proportions_2indep": _SM_2INDEP,
    "statsmodels.multipletests": _SM_MULTIPLETESTS,
    "statsmodels.combine_effects": _SM_COMBINE_EFFECTS,
    "R.p.adjust": _R_P_ADJUST,
    "metafor.rma": _METAFOR_RMA,
    "metafor.rma.test": _METAFOR_TEST,
    "R.wilcox.test.correct": _R_WILCOX_CORRECT,
}


def _unknown(function, name, why):
    errors.raise_for(lib.FGROI_E_UNKNOWN_NAME, "fgroi.aliases.peer_method",
                     "%s(method=%r): %s" % (function, name, why))


def peer_method(function, name, *, compare=None, correction=True):
    """The libfgroi method name that reproduces ``function``'s method
    ``name`` (``function`` is a key of :data:`PEERS`). For statsmodels'
    ``confint_proportions_2indep`` give ``compare`` ("diff", "ratio",
    "odds-ratio") and ``correction`` (statsmodels' default True). Raises
    UnknownNameError for a name the peer does not have or libfgroi does not
    provide."""
    table = PEERS.get(function)
    if table is None:
        _unknown(function, name, "unknown peer function; one of %s" % ", ".join(sorted(PEERS)))
    if function == "statsmodels.confint_proportions_2indep":
        table = table.get(compare)
        if table is None:
            _unknown(function, name, "compare must be 'diff', 'ratio' or 'odds-ratio'")
    if function == "statsmodels.combine_effects" and isinstance(name, str):
        name = name.lower()  # statsmodels lower-cases method_re
    if name not in table:
        _unknown(function, name, "not a method name of this peer function")
    hit = table[name]
    if isinstance(hit, dict):
        hit = hit[bool(correction)]
    if hit is None:
        _unknown(function, name, "not provided by libfgroi (docs/methods.md)")
    return hit
