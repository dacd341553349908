"""Hand-written, idiomatic wrappers over the generic layer (fgroi.capi).

Same keyword names everywhere: ``conf_level``, ``method``, ``alternative``,
``seed``; methods by their stable names. Data can be numbers, sequences,
numpy arrays or pandas objects; with ``data=`` a DataFrame, the other
arguments name its columns."""
import numpy as np

from . import capi
from .results import Analysis

__all__ = ["prop_ci", "binomtest", "compare_props", "column", "adherence_tally",
           "adherence_gap", "participant_rates", "dose_clusters", "nps_tally", "nps",
           "nps_change", "nps_paired_table", "exact_test", "roi", "ttest", "rank_test", "nps_by"]


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
                  group=None, levels=("device", "control")):
    """Two independent proportions, group 1 (e.g. device arm) vs group 2
    (control): the ``effect`` (diff p1 - p2, ratio p1/p2 or odds_ratio)
    with its interval by ``method`` (newcombe, miettinen_nurminen,
    agresti_caffo, wald / koopman, katz / conditional, woolf) and the test
    of p1 = p2 by ``test_method`` (fisher, fisher_mid_p, chisq, chisq_cc).

    The data: counts ``x1, n1, x2, n2``; or two vectors of 0/1 outcomes
    ``x1, x2`` (``n1``, ``n2`` left None); or with ``data`` a DataFrame,
    ``x1`` its 0/1 outcome column, ``group`` its arm column and ``levels``
    the two arms' labels in the order group 1, group 2."""
    if data is not None:
        outcome, arm = data[x1], data[group]
        x1, n1 = _outcomes(outcome[arm == levels[0]])
        x2, n2 = _outcomes(outcome[arm == levels[1]])
    elif n1 is None and n2 is None:
        (x1, n1), (x2, n2) = _outcomes(x1), _outcomes(x2)
    if effect not in _EFFECTS:
        raise ValueError("effect must be one of %s" % ", ".join(_EFFECTS))
    ci = getattr(capi, _EFFECTS[effect])(x1, n1, x2, n2, method, conf_level, alternative)
    t = capi.prop_2x2_test(x1, n1, x2, n2, test_method, alternative)
    return Analysis.combine(t, ci)


# ---- adherence gap (paired.h) --------------------------------------------------

def adherence_tally(self_reported, device_logged, *, data=None):
    """A :class:`~fgroi.PairedTally` (both / device_only / self_only /
    neither dose counts) from 0/1 self-report and device-log columns."""
    from .tally import TALLIES
    t = TALLIES["fgroi_paired_tally"]()
    return t.add(column(data, self_reported), column(data, device_logged))


def dose_clusters(self_reported, device_logged, participant, *, data=None):
    """Per-participant paired counts (numpy records: id, both, device_only,
    self_only, neither) from dose records; ``participant`` may be any
    labels (strings are coded 0..k-1 in order of first appearance; the
    labels are in ``.labels`` of the returned frame's index)."""
    import pandas as pd
    ids = column(data, participant)
    codes, labels = pd.factorize(pd.Series(np.asarray(ids)))
    cl = capi.paired_clusters_from_records(codes.astype(np.int64),
                                           column(data, self_reported),
                                           column(data, device_logged))
    return cl, labels


def participant_rates(self_reported, device_logged, participant, *, data=None):
    """DataFrame of each participant's self-reported and device-logged
    adherence (share of scheduled doses) and doses, indexed by participant."""
    import pandas as pd
    cl, labels = dose_clusters(self_reported, device_logged, participant, data=data)
    self_rate, device_rate = capi.paired_participant_rates(cl)
    doses = cl["both"] + cl["device_only"] + cl["self_only"] + cl["neither"]
    return pd.DataFrame({"self_rate": self_rate, "device_rate": device_rate, "doses": doses},
                        index=pd.Index(labels[cl["id"]], name="participant"))


def adherence_gap(self_reported, device_logged, participant=None, *, data=None,
                  method="default", conf_level=0.95, alternative="two_sided"):
    """The adherence gap, device-logged rate minus self-reported rate, with
    its interval and test, from dose records (0/1 columns).

    With ``participant`` (doses nested in people, the honest analysis): the
    pooled gap with a cluster-robust interval and t test (method
    cluster_robust). Without: doses treated as independent pairs, the
    interval by ``method`` (tango by default, newcombe, bonett_price,
    agresti_min, wald) and McNemar's test (exact when ``method`` is
    mcnemar_exact; else the asymptotic one)."""
    if participant is not None:
        cl, _ = dose_clusters(self_reported, device_logged, participant, data=data)
        ci, test = capi.paired_cluster_gap(cl, conf_level, alternative)
        return Analysis.combine(test, ci)
    t = adherence_tally(self_reported, device_logged, data=data)
    cells = (t.both, t.device_only, t.self_only, t.neither)
    ci = capi.paired_gap_ci(*cells, method, conf_level, alternative)
    test = capi.paired_mcnemar(*cells, "default", alternative)
    return Analysis.combine(test, ci)


# ---- NPS (nps.h) ---------------------------------------------------------------

def nps_tally(scores, *, data=None):
    """A :class:`~fgroi.NpsTally` of 0..10 scores (NaN / None are missing)."""
    from .tally import TALLIES
    s = column(data, scores)
    if hasattr(s, "to_numpy"):
        s = s.to_numpy(dtype=float, na_value=np.nan)
    t = TALLIES["fgroi_nps_tally"]()
    t.add_f64(np.asarray(s, dtype=float), np.nan)
    return t


def _counts(x, data=None):
    from .tally import Tally
    if isinstance(x, Tally):
        return x.counts()
    if isinstance(x, tuple) and len(x) == 3:
        return x
    return nps_tally(x, data=data).counts()


def nps(scores, *, data=None, method="default", conf_level=0.95, alternative="two_sided",
        seed=1, replicates=0):
    """Net Promoter Score (-100..100) with its interval from 0..10 scores, a
    tally, or (detractors, passives, promoters). Methods: score (default),
    adjusted_wald, wald, bootstrap_percentile, bootstrap_bca (seeded)."""
    d, p, r = _counts(scores, data)
    return capi.nps_ci(d, p, r, method, conf_level, alternative,
                       {"seed": seed, "replicates": replicates})


def nps_by(scores, by, *, data=None, method="default", conf_level=0.95,
           alternative="two_sided", seed=1, replicates=0):
    """NPS with its interval for each group (wave, segment, site): a dict
    group -> Interval, in order of first appearance, from one C call."""
    import pandas as pd
    s = pd.Series(np.asarray(column(data, scores), dtype=float))
    g = pd.Series(np.asarray(column(data, by)))
    groups = list(dict.fromkeys(g.tolist()))
    counts = np.array([nps_tally(s[(g == k).to_numpy()]).counts() for k in groups],
                      dtype=np.int64)
    cis = capi.nps_segments_ci(counts, method, conf_level, alternative,
                               {"seed": seed, "replicates": replicates})
    return dict(zip(groups, cis))


def nps_paired_table(before, after, *, data=None):
    """3x3 transition table (detractor/passive/promoter before x after) of
    the same respondents' scores (pairs with a missing score skipped)."""
    b = np.asarray(column(data, before), dtype=float)
    a = np.asarray(column(data, after), dtype=float)
    ok = ~(np.isnan(b) | np.isnan(a))
    table, _missing = capi.nps_paired_table_i32(b[ok], a[ok], -1)
    return table.reshape(3, 3)


def nps_change(before, after, *, paired=False, data=None, method="default",
               test_method="default", conf_level=0.95, alternative="two_sided", seed=1,
               replicates=0):
    """Change in NPS from ``before`` to ``after`` (after - before) with its
    interval and test. ``paired=True``: the same respondents in both waves
    (aligned arrays of scores); else two independent waves (scores, tallies
    or category counts)."""
    if paired:
        table = nps_paired_table(before, after, data=data).ravel()
        ci = capi.nps_paired_ci(table, method, conf_level, alternative)
        test = capi.nps_paired_test(table, test_method, alternative)
        return Analysis.combine(test, ci)
    b = _counts(before, data)
    a = _counts(after, data)
    ci = capi.nps_diff_ci(*b, *a, method, conf_level, alternative,
                          {"seed": seed, "replicates": replicates})
    test = capi.nps_diff_test(*b, *a, test_method, alternative)
    return Analysis.combine(test, ci)


# ---- device arm vs control: exact unconditional (exact2x2.h) --------------------

def exact_test(x1, n1, x2, n2, *, method="boschloo", ci_method="default", conf_level=0.95,
               alternative="two_sided", two_sided="default"):
    """Exact unconditional comparison of two small arms (x1/n1 device, x2/n2
    control): the test of p1 = p2 by ``method`` (boschloo, barnard) and the
    exact interval for p1 - p2 by ``ci_method`` (chan_zhang by default,
    agresti_min-type via ``two_sided="two_sided_statistic"``)."""
    test, _detail = capi.exact2x2_test(x1, n1, x2, n2, method, alternative,
                                       {"two_sided": two_sided})
    ci = capi.exact2x2_diff_ci(x1, n1, x2, n2, ci_method, conf_level, alternative,
                               {"two_sided": two_sided})
    return Analysis.combine(test, ci)


# ---- ROI (roi.h) ----------------------------------------------------------------

def roi(effect, *, volume, value_per_unit, cost, draws=0, conf_level=0.95, seed=1):
    """ROI and net value of an effect (an interval result, e.g. a difference
    in compliance) applied to ``volume`` units worth ``value_per_unit``
    each, against ``cost``. A (low, high) ``value_per_unit`` (or ``draws``
    > 0) runs the seeded Monte Carlo with that range as a uniform input.
    Returns (roi, net_value, summary)."""
    if isinstance(value_per_unit, (tuple, list)) or draws:
        lo, hi = (value_per_unit if isinstance(value_per_unit, (tuple, list))
                  else (value_per_unit, value_per_unit))
        value = {"dist": "uniform" if hi > lo else "fixed", "a": lo, "b": hi}
        return capi.roi_monte_carlo(capi.roi_input_from_interval(effect),
                                    {"dist": "fixed", "a": volume}, value,
                                    {"dist": "fixed", "a": cost}, draws or 100000,
                                    conf_level, seed)
    return capi.roi_compute(effect, volume, value_per_unit, cost)


# ---- continuous outcomes (means.h) -------------------------------------------

def ttest(x, y=None, *, paired=False, method="welch", mu=0.0, conf_level=0.95,
          alternative="two_sided", data=None):
    """t test and interval, like scipy.stats.ttest_*: one sample (``y``
    None), paired, or two samples (``method`` welch or student)."""
    x = column(data, x)
    y = column(data, y)
    if y is None:
        ci, t = capi.means_t_one(x, mu, conf_level, alternative)
    elif paired:
        ci, t = capi.means_t_paired(x, y, mu, conf_level, alternative)
    else:
        ci, t = capi.means_t_two(x, y, method, mu, conf_level, alternative)
    return Analysis.combine(t, ci)


def rank_test(x, y=None, *, paired=False, method="default", mu=0.0, conf_level=0.95,
              alternative="two_sided", data=None, conf_int=True):
    """Wilcoxon signed-rank (one sample or ``paired``) or Mann-Whitney (two
    samples) test with the Hodges-Lehmann estimate and interval.
    ``conf_int=False`` (as R's ``conf.int = FALSE``) asks the library for the
    test alone and returns a TestResult: the test is defined where the
    interval is not (every paired difference tied)."""
    x = column(data, x)
    y = column(data, y)
    if not conf_int:
        return _rank_test_alone(x, y, paired, method, mu, conf_level, alternative)
    if y is None:
        ci, t = capi.means_wilcoxon_one(x, mu, method, conf_level, alternative)
    elif paired:
        ci, t = capi.means_wilcoxon_paired(x, y, mu, method, conf_level, alternative)
    else:
        ci, t = capi.means_mann_whitney(x, y, mu, method, conf_level, alternative)
    return Analysis.combine(t, ci)


def _rank_test_alone(x, y, paired, method, mu, conf_level, alternative):
    """The rank test with ci = NULL (the generic layer always requests every
    output struct)."""
    from . import errors
    from ._ffi import ffi, lib
    from .results import from_struct
    name = ("fgroi_means_wilcoxon_one" if y is None else
            "fgroi_means_wilcoxon_paired" if paired else "fgroi_means_mann_whitney")
    arrays = [capi.as_array(v, "double", name) for v in ((x,) if y is None else (x, y))]
    ptrs = [ffi.from_buffer("double[]", a) if a.size else ffi.new("double[1]") for a in arrays]
    m, alt = capi.method_code(method, name), capi.alternative_code(alternative, name)
    t = ffi.new("fgroi_test *")
    t.struct_size = ffi.sizeof("fgroi_test")
    if y is None:
        st = lib.fgroi_means_wilcoxon_one(ptrs[0], arrays[0].size, mu, m, conf_level, alt, ffi.NULL, t)
    elif paired:
        if arrays[0].size != arrays[1].size:
            errors.raise_for(lib.FGROI_E_LENGTH_MISMATCH, name)
        st = lib.fgroi_means_wilcoxon_paired(ptrs[0], ptrs[1], arrays[0].size, mu, m, conf_level,
                                             alt, ffi.NULL, t)
    else:
        st = lib.fgroi_means_mann_whitney(ptrs[0], arrays[0].size, ptrs[1], arrays[1].size, mu, m,
                                          conf_level, alt, ffi.NULL, t)
    errors.check(st, name)
    return from_struct(t)
