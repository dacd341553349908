"""Hand-written, idiomatic wrappers over the generic layer (fgroi.capi).

Same keyword names everywhere: ``conf_level``, ``method``, ``alternative``,
``seed``; methods by their stable names. Data can be numbers, sequences,
numpy arrays or pandas objects; with ``data=`` a DataFrame, the other
arguments name its columns."""
import numpy as np

from . import capi
from .results import Analysis

__all__ = ["prop_ci", "binomtest", "compare_props", "column"]


def column(data, x):
    """``data[x]`` when ``data`` is given and ``x`` a column name, else ``x``."""
    if data is not None and isinstance(x, str):
        return data[x]
    return x


def _outcomes(x):
    """0/1 outcomes (bools, 0/1 numbers, a Series) as (successes, trials)."""
    from .tally import TALLIES
    t = TALLIES["fgroi_prop_tally"]()
    t.add(x)
    return t.successes, t.trials


def prop_ci(x, n=None, *, method="wilson", conf_level=0.95, alternative="two_sided", data=None):
    """Confidence interval for a proportion: ``x`` successes of ``n``, or
    ``x`` a vector of 0/1 outcomes (or a column of ``data``) when ``n`` is
    None. Methods: wilson (default), wilson_cc, clopper_pearson, jeffreys,
    agresti_coull, mid_p, wald. Returns an :class:`~fgroi.results.Interval`."""
    x = column(data, x)
    if n is None:
        x, n = _outcomes(x)
    return capi.prop_ci(x, n, method, conf_level, alternative)


def binomtest(k, n=None, p=0.5, *, alternative="two_sided", method="exact",
              conf_level=0.95, ci_method="clopper_pearson", data=None):
    """Exact binomial test of H0: p = ``p`` with its interval, like
    ``scipy.stats.binomtest`` (and R's binom.test): ``k`` successes of
    ``n``, or 0/1 outcomes when ``n`` is None. ``method`` is exact or
    mid_p; the interval uses ``ci_method`` (clopper_pearson by default, as
    binom.test) on the same side as ``alternative``."""
    k = column(data, k)
    if n is None:
        k, n = _outcomes(k)
    t = capi.prop_test(k, n, p, method, alternative)
    ci = capi.prop_ci(k, n, ci_method, conf_level, alternative)
    return Analysis.combine(t, ci)


_EFFECTS = {"diff": "prop_diff_ci", "ratio": "prop_ratio_ci", "odds_ratio": "prop_odds_ratio_ci"}


def compare_props(x1, n1=None, x2=None, n2=None, *, effect="diff", method="default",
                  test_method="fisher", conf_level=0.95, alternative="two_sided", data=None,
                  group=None):
    """Two independent proportions, group 1 (e.g. device arm) vs group 2
    (control): the ``effect`` (diff p1 - p2, ratio p1/p2 or odds_ratio)
    with its interval by ``method`` (newcombe, miettinen_nurminen,
    agresti_caffo, wald / koopman, katz / conditional, woolf) and the test
    of p1 = p2 by ``test_method`` (fisher, fisher_mid_p, chisq, chisq_cc).

    Counts, or with ``data`` a DataFrame: ``x1`` the 0/1 outcome column,
    ``group`` the arm column whose first sorted value... no: pass
    ``n1=(level1, level2)`` the two arm labels in order."""
    if data is not None:
        levels = n1
        out = data[x1]
        arm = data[group]
        x1, n1 = _outcomes(out[arm == levels[0]])
        x2, n2 = _outcomes(out[arm == levels[1]])
    if effect not in _EFFECTS:
        raise ValueError("effect must be one of %s" % ", ".join(_EFFECTS))
    ci = getattr(capi, _EFFECTS[effect])(x1, n1, x2, n2, method, conf_level, alternative)
    t = capi.prop_2x2_test(x1, n1, x2, n2, test_method, alternative)
    return Analysis.combine(t, ci)
