"""The rest of the library in the idiomatic shape (issue 18): power and
sample size, McNemar and agreement, survival, targets and funnels, pre/post
change, pooling and the scorecard, effect sizes.

Every function here is a thin layer over :mod:`fgroi.capi` (one C call, or
one per part of a combined result) with the conventions of
:mod:`fgroi.api`: the keywords ``conf_level``, ``method``,
``alternative``, ``nan_policy``, ``data``; results with ``estimate``,
``statistic``, ``pvalue`` and ``confidence_interval(confidence_level=...)``;
paired pandas inputs aligned by their index (a mismatch is an error, never a
positional pairing); a missing value is an error unless
``nan_policy="omit"``, which drops it and counts it in ``n_omitted``.

Each docstring's example is run by the test suite (``tests/test_doctest.py``)."""
import dataclasses
import math

import numpy as np

from . import capi, control, vector
from .api import (_align, _check_policy, _complete, _keyed, _omitted, _raise, _recomputable,
                  _values, column)
from .results import Analysis, _Result

__all__ = ["Power", "power_prop2", "power_mcnemar", "power_t", "power_nps", "mcnemar",
           "agreement", "bland_altman", "hedges_g", "cliffs_delta", "kaplan_meier",
           "survival_median", "done_within", "logrank", "target_test", "funnel",
           "funnel_compare", "prop_change", "prop_change_paired", "mean_change", "prop_did",
           "pool", "escalc", "scorecard"]


# ---- power and sample size (power.h) ------------------------------------------------

@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class Power(_Result):
    """A power calculation, as R's ``power.htest``: ``power`` at ``n`` (per
    group; ``n2`` the second group's when it differs) for the test
    ``method`` at significance ``alpha``. Whichever of n and power was
    asked for is the computed one (``solved_for``); a sample size from a
    closed form is the unrounded solution, ``math.ceil`` it to plan."""
    power: float
    n: float
    n2: float
    alpha: float
    alternative: str
    method: str
    solved_for: str


def _power_options(alpha, alternative, ratio=1.0, strict=False):
    return {"alpha": alpha, "alternative": capi.alternative_code(alternative),
            "ratio": ratio, "strict": int(bool(strict))}


def _one_missing(n, power, function):
    if (n is None) == (power is None):
        raise TypeError("%s: give exactly one of 'n' and 'power' (the other is computed)"
                        % function)


def power_prop2(p1, p2, n=None, power=None, *, test="normal", alpha=0.05,
                alternative="two_sided", ratio=1.0, strict=False, progress=False,
                errors="raise"):
    """Power of, or sample size for, comparing two independent proportions.

    Give ``n`` to get the power, or ``power`` to get the sample size, as
    R's ``power.prop.test`` and statsmodels' ``NormalIndPower``.

    Parameters
    ----------
    p1, p2 : float
        The proportions in group 1 (device arm) and group 2 (control).
    n : float, optional
        Participants in group 1 (group 2 has ``ratio * n``).
    power : float, optional
        The target power (computes the smallest ``n`` reaching it).
    test : {"normal", "fisher", "barnard", "boschloo"}
        "normal": the closed-form normal approximation (R's
        power.prop.test); otherwise the exact power of that exact test,
        enumerated over every outcome (``n`` whole).
    alpha : float
        Significance level.
    alternative : {"two_sided", "less", "greater"}
        "greater" tests p1 > p2.
    ratio : float
        n2 / n1.
    strict : bool
        Two-sided normal power counting both rejection tails (R's
        ``strict = TRUE``).
    progress : bool or callable
        Exact tests: True shows a progress bar (tqdm when installed, else
        a percentage on stderr), a callable f(fraction) is called instead
        (a true return value cancels). Ctrl-C stops an exact computation
        and raises KeyboardInterrupt (docs/long-calls.md).
    errors : {"raise", "coerce"}
        Arrays: what a failed element does (docs/python.md).

    Returns
    -------
    Power, or with arrays (any of p1, p2, n, power) a structured array:
    fields power, status (normal, and exact given ``n``); n, status
    (normal given ``power``); n, n2, power, n_stable, power_stable,
    status (exact given ``power``); see ``fgroi.vector``.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.power_prop2(0.5, 0.75, power=0.8)
    >>> round(r.n, 2), r.solved_for
    (57.67, 'n')
    >>> round(fgroi.power_prop2(0.5, 0.75, n=58).power, 4)
    0.8023
    >>> fgroi.power_prop2(0.5, 0.8, power=0.8, test="fisher").n
    44
    """
    fn = "fgroi.power_prop2"
    _one_missing(n, power, fn)
    if test == "normal" and ratio == 1.0 and vector.is_vector(p1, p2, n, power):
        if power is None:
            return vector.power_prop2(p1, p2, n, alpha=alpha, alternative=alternative,
                                      strict=strict, errors=errors)
        return vector.power_prop2_n(p1, p2, power, alpha=alpha, alternative=alternative,
                                    strict=strict, errors=errors)
    if test != "normal" and vector.is_vector(p1, p2, n, power):
        if power is None:
            n1 = np.asarray(n)
            n2 = np.ceil(ratio * n1 - 1e-9) if ratio != 1.0 else n1
            return vector.power_prop2_exact(p1, p2, n1, n2, test=test, alpha=alpha,
                                            alternative=alternative, errors=errors,
                                            progress=progress)
        return vector.power_prop2_exact_n(p1, p2, power, test=test, alpha=alpha,
                                          alternative=alternative, ratio=ratio, errors=errors,
                                          progress=progress)
    opts = _power_options(alpha, alternative, ratio, strict)
    if test == "normal":
        if power is None:
            pw = capi.power_prop2(p1, p2, n, opts)
            return Power(pw, n, n * ratio, alpha, alternative, "normal", "power")
        n1 = capi.power_prop2_n(p1, p2, power, opts)
        return Power(power, n1, n1 * ratio, alpha, alternative, "normal", "n")
    if power is None:
        n2 = int(math.ceil(ratio * n - 1e-9))
        with control.running(progress, "fgroi.power_prop2") as run:
            pw = run.call("power_prop2_exact", p1, p2, n, n2, test, opts)
        return Power(pw, int(n), n2, alpha, alternative, test, "power")
    with control.running(progress, "fgroi.power_prop2") as run:
        r = run.call("power_prop2_exact_n", p1, p2, power, test, opts)
    return Power(r.power, int(r.n1), int(r.n2), alpha, alternative, test, "n")


def power_mcnemar(p10, p01, n=None, power=None, *, method="mcnemar", alpha=0.05,
                  alternative="two_sided"):
    """Power of, or pairs needed for, McNemar's test of paired proportions.

    Parameters
    ----------
    p10, p01 : float
        The discordant cell probabilities (yes/no and no/yes).
    n : float, optional
        Number of pairs.
    power : float, optional
        The target power.
    method : {"mcnemar", "miettinen"}
        Connor (1987), or Miettinen (1968) conditional on the discordant
        pairs.
    alpha : float
    alternative : {"two_sided", "less", "greater"}
        "greater" tests p10 > p01.

    Returns
    -------
    Power

    Examples
    --------
    >>> import fgroi
    >>> round(fgroi.power_mcnemar(0.2, 0.05, power=0.9).n, 1)
    112.5
    >>> round(fgroi.power_mcnemar(0.2, 0.05, n=113).power, 3)
    0.901
    """
    _one_missing(n, power, "fgroi.power_mcnemar")
    if vector.is_vector(p10, p01, n, power):
        if power is None:
            return vector.power_mcnemar(p10, p01, n, method=method, alpha=alpha,
                                        alternative=alternative)
        return vector.power_mcnemar_n(p10, p01, power, method=method, alpha=alpha,
                                      alternative=alternative)
    opts = _power_options(alpha, alternative)
    if power is None:
        return Power(capi.power_mcnemar(p10, p01, n, method, opts), n, math.nan, alpha,
                     alternative, method, "power")
    n = capi.power_mcnemar_n(p10, p01, power, method, opts)
    return Power(power, n, math.nan, alpha, alternative, method, "n")


def power_t(delta, sd=1.0, n=None, power=None, *, paired=False, alpha=0.05,
            alternative="two_sided", strict=False):
    """Power of, or sample size for, a t test, as R's ``power.t.test``.

    Parameters
    ----------
    delta : float
        The true difference in means.
    sd : float
        The standard deviation (of the differences when ``paired``).
    n : float, optional
        Per group (two samples) or pairs (``paired=True``, also one sample).
    power : float, optional
    paired : bool
        Paired or one-sample test instead of two independent samples.
    alpha : float
    alternative : {"two_sided", "less", "greater"}
    strict : bool

    Returns
    -------
    Power
        Or, when any argument is an array (or Series), one C call over the
        broadcast arrays: a structured array (DataFrame) of power or n and
        status, as :mod:`fgroi.vector`.

    Examples
    --------
    >>> import fgroi
    >>> fgroi.power_t([0.5, 1.0], 1, power=0.8)["n"].round(2)
    array([63.77, 16.71])
    >>> round(fgroi.power_t(1, 1, power=0.9).n, 3)   # power.t.test(delta=1, power=.9)
    22.021
    >>> round(fgroi.power_t(1, 1, n=20, paired=True).power, 4)
    0.9886
    """
    _one_missing(n, power, "fgroi.power_t")
    if vector.is_vector(delta, sd, n, power):
        if power is None:
            return vector.power_t(delta, sd, n, paired=paired, alpha=alpha,
                                  alternative=alternative, strict=strict)
        return vector.power_t_n(delta, sd, power, paired=paired, alpha=alpha,
                                alternative=alternative, strict=strict)
    kind = "paired_t" if paired else "student"
    opts = _power_options(alpha, alternative, 1.0, strict)
    if power is None:
        return Power(capi.power_t(delta, sd, n, kind, opts), n, math.nan if paired else n,
                     alpha, alternative, kind, "power")
    n = capi.power_t_n(delta, sd, power, kind, opts)
    return Power(power, n, math.nan if paired else n, alpha, alternative, kind, "n")


def power_nps(before, after, n=None, power=None, *, alpha=0.05, alternative="two_sided",
              ratio=1.0, strict=False, errors="raise"):
    """Power of, or respondents per wave for, detecting an NPS change
    between two independent waves.

    Parameters
    ----------
    before, after : (float, float)
        (promoter share, detractor share) in each wave.
    n : float, optional
        Respondents in the first wave (the second has ``ratio * n``).
    power : float, optional
    alpha : float
    alternative : {"two_sided", "less", "greater"}
        "greater": the NPS rises.
    ratio : float
    strict : bool
        Two-sided power counting both rejection tails.
    errors : {"raise", "coerce"}
        Arrays: what a failed element does (docs/python.md).

    Returns
    -------
    Power, or with arrays (any share, ``n`` or ``power``; the shares as
    ``before=(promoters, detractors)`` arrays) a structured array with
    fields power (or n) and status, computed in C in one call.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.power_nps((0.40, 0.20), (0.50, 0.15), power=0.8)
    >>> round(r.n)
    379
    """
    _one_missing(n, power, "fgroi.power_nps")
    (p1, d1), (p2, d2) = before, after
    if vector.is_vector(p1, d1, p2, d2, n, power):
        if power is None:
            return vector.power_nps(p1, d1, p2, d2, n, alpha=alpha, alternative=alternative,
                                    ratio=ratio, strict=strict, errors=errors)
        return vector.power_nps_n(p1, d1, p2, d2, power, alpha=alpha, alternative=alternative,
                                  ratio=ratio, strict=strict, errors=errors)
    opts = _power_options(alpha, alternative, ratio, strict)
    if power is None:
        return Power(capi.power_nps(p1, d1, p2, d2, n, opts), n, n * ratio, alpha,
                     alternative, "normal", "power")
    n = capi.power_nps_n(p1, d1, p2, d2, power, opts)
    return Power(power, n, n * ratio, alpha, alternative, "normal", "n")


# ---- paired proportions: McNemar, agreement (paired.h) ----------------------------

def _paired_cells(x, y, data, function, nan_policy, ids=None):
    """(both, y_only, x_only, neither) and omitted from a 2x2 table
    [[both, x_only], [y_only, neither]] (rows: x yes/no; columns: y
    yes/no) or from two paired 0/1 vectors (pandas Series aligned by index)."""
    if y is None:
        t = np.asarray(x)
        if t.shape == (2, 2):
            cells = [capi._as_int(v, function, "table") for v in t.ravel()]
            return (cells[0], cells[2], cells[1], cells[3]), 0
        raise TypeError("%s: give a 2x2 table [[both, x_only], [y_only, neither]] or two "
                        "paired 0/1 vectors x and y" % function)
    v = _align(_keyed({"x": column(data, x), "y": column(data, y)}, ids, data, function),
               function)
    (a, b), omitted = _complete(function, nan_policy, x=_values(v["x"], "x", function),
                                y=_values(v["y"], "y", function))
    for name, arr in (("x", a), ("y", b)):
        bad = (arr != 0) & (arr != 1)
        if bad.any():
            _raise("FGROI_E_OUT_OF_RANGE", function, "argument %r: paired outcomes must be 0/1 "
                   "(or bool); position %d is %r" % (name, int(np.flatnonzero(bad)[0]),
                                                   arr[bad][0]))
    a, b = a.astype(bool), b.astype(bool)
    return (int((a & b).sum()), int((~a & b).sum()), int((a & ~b).sum()),
            int((~a & ~b).sum())), omitted


@_recomputable
def mcnemar(x, y=None, *, method="default", ci_method="default", conf_level=0.95,
            alternative="two_sided", data=None, nan_policy="raise", ids=None):
    """McNemar's test with the interval for the paired difference p_y - p_x.

    Parameters
    ----------
    x : array_like
        A 2x2 table ``[[both, x_only], [y_only, neither]]`` (rows: x yes /
        no, columns: y yes / no, as statsmodels' ``mcnemar``), or the first
        measure's 0/1 outcomes (a column name with ``data``).
    y : array_like, optional
        The second measure's 0/1 outcomes, paired with ``x`` (pandas
        Series by index).
    method : str
        The test: default (mid-p), mcnemar, mcnemar_cc, mcnemar_exact,
        mcnemar_mid_p.
    ci_method : str
        The interval for p_y - p_x: default (tango), newcombe,
        bonett_price, agresti_min, wald.
    conf_level : float
    alternative : {"two_sided", "less", "greater"}
        "greater": p_y > p_x.
    data : pandas.DataFrame, optional
    nan_policy : {"raise", "omit"}
    ids : (array_like, array_like), optional
        Explicit ids of ``x`` and ``y`` (or column names): the pairs are
        matched by id, a mismatch is an error.

    Returns
    -------
    Analysis
        ``estimate`` = p_y - p_x, its interval, and the test.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.mcnemar([[30, 2], [9, 19]], method="mcnemar_exact")
    >>> round(r.estimate, 4), round(r.pvalue, 4)
    (0.1167, 0.0654)
    >>> [round(v, 4) for v in r.confidence_interval()]
    [0.0098, 0.2353]
    """
    fn = "fgroi.mcnemar"
    _check_policy(nan_policy, fn)
    cells, omitted = _paired_cells(x, y, data, fn, nan_policy, ids)
    ci = capi.paired_gap_ci(*cells, ci_method, conf_level, alternative)
    test = capi.paired_mcnemar(*cells, method, alternative)
    return _omitted(Analysis.combine(test, ci), omitted)


def agreement(x, y=None, *, conf_level=0.95, data=None, nan_policy="raise"):
    """Agreement of two yes/no measures: Cohen's kappa with its interval,
    PABAK and the prevalence and bias indices (Byrt, Bishop & Carlin 1993).

    Parameters
    ----------
    x, y : array_like
        A 2x2 table (see :func:`mcnemar`) or two paired 0/1 vectors.
    conf_level : float
    data : pandas.DataFrame, optional
    nan_policy : {"raise", "omit"}

    Returns
    -------
    tuple of (PairedAgreement, Interval)
        Every statistic, and kappa's interval.

    Examples
    --------
    >>> import fgroi
    >>> stats, kappa = fgroi.agreement([[10, 2], [3, 5]])
    >>> round(stats.observed, 2), round(kappa.estimate, 4), round(stats.pabak, 2)
    (0.75, 0.4681, 0.5)
    """
    fn = "fgroi.agreement"
    _check_policy(nan_policy, fn)
    cells, omitted = _paired_cells(x, y, data, fn, nan_policy)
    stats, ci = capi.paired_agreement_compute(*cells, conf_level)
    return _omitted(stats, omitted), _omitted(ci, omitted)


def bland_altman(x, y, *, multiplier=1.96, conf_level=0.95, data=None, nan_policy="raise",
                 ids=None):
    """Bland-Altman agreement of two measurements of the same subjects:
    bias, limits of agreement and their intervals (t on n - 1 df).

    Parameters
    ----------
    x, y : array_like
        Paired measurements (pandas Series are paired by index, or by
        ``ids``, one id sequence per argument).
    multiplier : float
        k in bias +- k SD (1.96; the 1986 paper used 2).
    conf_level : float
    data : pandas.DataFrame, optional
    nan_policy : {"raise", "omit"}

    Returns
    -------
    BlandAltman

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.bland_altman([1, 2, 3, 4.5], [1.1, 2.3, 2.9, 4])
    >>> round(r.bias, 3), round(r.loa_lower, 4), round(r.loa_upper, 4)
    (0.05, -0.6195, 0.7195)
    """
    fn = "fgroi.bland_altman"
    v = _align(_keyed({"x": column(data, x), "y": column(data, y)}, ids, data, fn), fn)
    (a, b), omitted = _complete(fn, nan_policy, x=_values(v["x"], "x", fn),
                                y=_values(v["y"], "y", fn))
    r = capi.means_bland_altman(a, b, conf_level, {"multiplier": multiplier})
    return _omitted(r, omitted)


def _two_samples(x, y, data, function, nan_policy):
    (a,), o1 = _complete(function, nan_policy, x=_values(column(data, x), "x", function))
    (b,), o2 = _complete(function, nan_policy, y=_values(column(data, y), "y", function))
    return a, b, o1 + o2


@_recomputable
def hedges_g(x, y, *, method="default", conf_level=0.95, alternative="two_sided", data=None,
             nan_policy="raise"):
    """Hedges' g, the bias-corrected standardised mean difference of two
    independent samples, with its interval (noncentral t by default, as R's
    effectsize::hedges_g; or ``method="normal"``).

    Examples
    --------
    >>> import fgroi
    >>> g = fgroi.hedges_g([5.1, 6.0, 5.8, 6.4, 5.5], [4.2, 5.0, 4.8, 4.4, 5.2])
    >>> round(g.estimate, 4), g.method
    (2.061, 'noncentral_t')
    """
    a, b, omitted = _two_samples(x, y, data, "fgroi.hedges_g", nan_policy)
    return _omitted(capi.means_hedges_g(a, b, method, conf_level, alternative), omitted)


@_recomputable
def cliffs_delta(x, y, *, conf_level=0.95, alternative="two_sided", data=None,
                 nan_policy="raise"):
    """Cliff's delta, P(X > Y) - P(X < Y), with the Feng & Cliff (2004)
    interval (as R's effsize::cliff.delta).

    Examples
    --------
    >>> import fgroi
    >>> d = fgroi.cliffs_delta([5.1, 6.0, 5.8, 6.4, 5.5], [4.2, 5.0, 4.8, 4.4, 5.2])
    >>> d.estimate
    0.92
    """
    a, b, omitted = _two_samples(x, y, data, "fgroi.cliffs_delta", nan_policy)
    delta, _sup = capi.means_cliffs_delta(a, b, conf_level, alternative)
    return _omitted(delta, omitted)


# ---- survival (survival.h) -------------------------------------------------------

_CONF_TYPES = {"log": 0, "log-log": 1, "log_log": 1, "plain": 2}


def _conf_type(conf_type, function):
    if conf_type not in _CONF_TYPES:
        raise ValueError("%s: argument 'conf_type' must be one of 'log', 'log-log', 'plain' "
                         "(survival::survfit's conf.type), got %r" % (function, conf_type))
    return _CONF_TYPES[conf_type]


def _time_event(time, event, data, function, nan_policy):
    v = _align({"time": column(data, time), "event": column(data, event)}, function)
    (t, e), omitted = _complete(function, nan_policy, time=_values(v["time"], "time", function),
                                event=_values(v["event"], "event", function))
    bad = (e != 0) & (e != 1)
    if bad.any():
        _raise("FGROI_E_OUT_OF_RANGE", function, "argument 'event' must be 0 (censored) or 1 "
               "(event); position %d is %r" % (int(np.flatnonzero(bad)[0]), e[bad][0]))
    return t, e.astype(np.uint8), omitted


def kaplan_meier(time, event, *, conf_type="log", conf_level=0.95, data=None,
                 nan_policy="raise"):
    """The Kaplan-Meier curve with pointwise intervals, as R's
    ``survival::survfit`` (Greenwood variance).

    Parameters
    ----------
    time : array_like
        Follow-up times (e.g. minutes to finish setup).
    event : array_like
        1 when the event (done) was observed at ``time``, 0 when censored.
    conf_type : {"log", "log-log", "plain"}
    conf_level : float
    data : pandas.DataFrame, optional
    nan_policy : {"raise", "omit"}

    Returns
    -------
    pandas.DataFrame or numpy structured array
        One row per distinct time: time, n_risk, n_event, n_censor,
        surv, std_err, lower, upper (a DataFrame when pandas is installed).

    Examples
    --------
    >>> import fgroi
    >>> km = fgroi.kaplan_meier([1, 2, 3, 4, 5], [1, 0, 1, 1, 0])
    >>> [round(s, 4) for s in km["surv"]]
    [0.8, 0.8, 0.5333, 0.2667, 0.2667]
    """
    fn = "fgroi.kaplan_meier"
    t, e, _ = _time_event(time, event, data, fn, nan_policy)
    cols = capi.surv_km(t, e, _conf_type(conf_type, fn), conf_level)
    names = ("time", "n_risk", "n_event", "n_censor", "surv", "std_err", "lower", "upper")
    try:
        import pandas as pd
    except ImportError:
        out = np.empty(len(cols[0]), dtype=[(n, c.dtype) for n, c in zip(names, cols)])
        for n, c in zip(names, cols):
            out[n] = c
        return out
    return pd.DataFrame(dict(zip(names, cols)))


def survival_median(time, event, *, conf_type="log", conf_level=0.95, data=None,
                    nan_policy="raise"):
    """Median time to event with its interval (Brookmeyer & Crowley), as
    ``survfit``'s median; ``high`` is infinite when the curve's upper limit
    never falls to 0.5 (flagged).

    Examples
    --------
    >>> import fgroi
    >>> fgroi.survival_median([1, 2, 3, 4, 5], [1, 0, 1, 1, 0]).estimate
    4.0
    """
    fn = "fgroi.survival_median"
    t, e, omitted = _time_event(time, event, data, fn, nan_policy)
    return _omitted(capi.surv_median(t, e, _conf_type(conf_type, fn), conf_level), omitted)


def done_within(time, event, t, *, conf_type="log", conf_level=0.95, data=None,
                nan_policy="raise"):
    """Share done within time ``t`` (1 - S(t)) from the Kaplan-Meier curve,
    with its interval: "how many finish setup within 5 minutes", with the
    censored participants counted honestly.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.done_within([1, 2, 3, 4, 5], [1, 0, 1, 1, 0], 3)
    >>> round(r.estimate, 4), round(r.high, 4)
    (0.4667, 0.7858)
    """
    fn = "fgroi.done_within"
    tt, e, omitted = _time_event(time, event, data, fn, nan_policy)
    _surv, done = capi.surv_at(tt, e, t, _conf_type(conf_type, fn), conf_level)
    return _omitted(done, omitted)


def logrank(time, event, group, *, rho=0.0, data=None, nan_policy="raise"):
    """Log-rank (``rho=0``) or Peto-Peto (``rho=1``) test of two groups, as
    R's ``survival::survdiff`` (scipy.stats.logrank takes two samples).

    Parameters
    ----------
    time, event : array_like
    group : array_like
        Two distinct labels; the first in sorted order is group 1.
    rho : float
    data : pandas.DataFrame, optional
    nan_policy : {"raise", "omit"}

    Returns
    -------
    TestResult
        With ``observed`` and ``expected`` events per group (dicts keyed
        by label).

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.logrank([1, 2, 3, 4, 5, 2, 3, 5, 6, 7], [1, 0, 1, 1, 0, 1, 1, 0, 0, 1],
    ...                   ["a"] * 5 + ["b"] * 5)
    >>> round(r.statistic, 4), round(r.pvalue, 4), r.observed["a"]
    (0.5567, 0.4556, 3.0)
    """
    fn = "fgroi.logrank"
    import pandas as pd
    v = _align({"time": column(data, time), "event": column(data, event),
                "group": column(data, group)}, fn)
    g = v["group"].to_numpy() if hasattr(v["group"], "to_numpy") else np.asarray(v["group"])
    gmiss = np.asarray(pd.isna(g), dtype=bool).reshape(-1)
    _check_policy(nan_policy, fn)
    if gmiss.any() and nan_policy == "raise":
        _raise("FGROI_E_NAN", fn, "argument 'group' has %d missing label(s), first at position "
               "%d; nan_policy='omit' drops them and counts them in n_omitted"
               % (int(gmiss.sum()), int(np.flatnonzero(gmiss)[0])))
    tv, ev = _values(v["time"], "time", fn), _values(v["event"], "event", fn)
    (tv, ev, _), omitted = _complete(fn, nan_policy, time=tv, event=ev,
                                     group=np.where(gmiss, np.nan, 0.0))
    keep = ~(gmiss | np.isnan(_values(v["time"], "time", fn))
             | np.isnan(_values(v["event"], "event", fn)))
    g = g[keep]
    labels = sorted(set(g.tolist()))
    if len(labels) != 2:
        _raise("FGROI_E_OUT_OF_RANGE", fn, "argument 'group' must hold exactly two labels, "
               "got %d (%s)" % (len(labels), ", ".join(map(repr, labels[:5]))))
    bad = (ev != 0) & (ev != 1)
    if bad.any():
        _raise("FGROI_E_OUT_OF_RANGE", fn, "argument 'event' must be 0 or 1; position %d is %r"
               % (int(np.flatnonzero(bad)[0]), ev[bad][0]))
    a = g == labels[0]
    ev = ev.astype(np.uint8)
    test, d = capi.surv_logrank(tv[a], ev[a], tv[~a], ev[~a], rho)
    object.__setattr__(test, "observed", {labels[0]: d.observed1, labels[1]: d.observed2})
    object.__setattr__(test, "expected", {labels[0]: d.expected1, labels[1]: d.expected2})
    return _omitted(test, omitted)


# ---- targets, funnels, pre/post (prepost.h) -------------------------------------------

@_recomputable
def target_test(x, n, target, *, alternative, method="exact", conf_level=0.95):
    """Is the success rate ``x / n`` above (or below) a target? The
    one-sided test of H0: p = ``target`` with the matching one-sided bound.
    ``alternative`` has no default: say the direction you ask about,
    "greater" for "above the target?" (a lower bound), "less" for "below?"
    (an upper bound).

    Parameters
    ----------
    x, n : int
    target : float
    method : {"exact", "mid_p", "normal"}
    conf_level : float
    alternative : {"greater", "less"}

    Returns
    -------
    Analysis
        ``estimate`` x / n, its one-sided interval, the p-value.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.target_test(10, 12, 0.85, alternative="greater")   # above 85%?
    >>> round(r.pvalue, 3), round(r.low, 3), r.high
    (0.736, 0.562, 1.0)
    """
    test, bound = capi.prepost_target(x, n, target, method, conf_level, alternative)
    return Analysis.combine(test, bound)


def _frame(cols, index_name=None):
    try:
        import pandas as pd
    except ImportError:
        names = list(cols)
        out = np.empty(len(next(iter(cols.values()))),
                       dtype=[(k, np.asarray(v).dtype) for k, v in cols.items()])
        for k in names:
            out[k] = cols[k]
        return out
    df = pd.DataFrame(cols)
    if index_name:
        df.index.name = index_name
    return df


def funnel(counts, *, conf_level=0.95):
    """A task funnel: conversion from each stage to the next and completion
    from the start, with Wilson intervals, and the step with the largest
    drop-off tested against the others (one-sided Fisher, Bonferroni).

    Parameters
    ----------
    counts : array_like of int
        Participants reaching each stage, in order (non-increasing).
    conf_level : float

    Returns
    -------
    (DataFrame, FunnelDrop)
        One row per transition (conversion, its limits, completion, its
        limits), and the worst step.

    Examples
    --------
    >>> import fgroi
    >>> steps, worst = fgroi.funnel([100, 80, 60, 30])
    >>> list(steps["conversion"]), worst.step, round(worst.p_value, 6)
    ([0.8, 0.75, 0.5], 2, 0.000189)
    """
    conv, cl, cu, comp, pl, pu, drop = capi.prepost_funnel(counts, conf_level)
    return _frame({"conversion": conv, "conversion_low": cl, "conversion_high": cu,
                   "completion": comp, "completion_low": pl, "completion_high": pu},
                  "step"), drop


def funnel_compare(counts_a, counts_b, *, rate="conversion", conf_level=0.95):
    """Two funnels (e.g. device arm vs control) stage by stage: the
    difference in conversion (or completion) rate a - b with its interval
    and p-value per transition.

    Examples
    --------
    >>> import fgroi
    >>> d = fgroi.funnel_compare([100, 80, 60, 30], [100, 90, 70, 50])
    >>> [round(v, 4) for v in d["diff"]]
    [-0.1, -0.0278, -0.2143]
    """
    if rate not in ("conversion", "completion"):
        raise ValueError("fgroi.funnel_compare: argument 'rate' must be 'conversion' or "
                         "'completion', got %r" % (rate,))
    diff, lo, hi, p = capi.prepost_funnel_compare(counts_a, counts_b,
                                                  0 if rate == "conversion" else 1, conf_level)
    return _frame({"diff": diff, "low": lo, "high": hi, "pvalue": p}, "step")


@_recomputable
def prop_change(x_pre, n_pre, x_post, n_post, *, ci_method="default", test_method="default",
                conf_level=0.95, alternative="two_sided"):
    """Change in a proportion from before to after (post - pre) within one
    arm, two independent waves of participants, from counts.

    Parameters
    ----------
    x_pre, n_pre, x_post, n_post : int
        Successes and participants before and after.
    ci_method, test_method : str
        The interval (default newcombe) and the test (default fisher) of
        two independent proportions.
    conf_level : float
    alternative : {"two_sided", "less", "greater"}
        "greater": the rate rose.

    Returns
    -------
    Analysis

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.prop_change(12, 30, 21, 30)
    >>> round(r.estimate, 2), r.pvalue < 0.05
    (0.3, True)

    See Also
    --------
    prop_change_paired : the same participants before and after.
    """
    ci, test = capi.prepost_prop_change(x_pre, n_pre, x_post, n_post, ci_method, test_method,
                                        conf_level, alternative)
    return Analysis.combine(test, ci)


@_recomputable
def prop_change_paired(pre, post=None, *, ci_method="default", test_method="default",
                       conf_level=0.95, alternative="two_sided", data=None, nan_policy="raise"):
    """Change in a proportion (post - pre) of the same participants measured
    twice: their 0/1 outcomes (pandas Series paired by index, a mismatch is
    an error) or a 2x2 table ``[[both, pre_only], [post_only, neither]]``.

    Examples
    --------
    >>> import fgroi
    >>> p = fgroi.prop_change_paired([0, 0, 1, 0, 1, 0, 0, 1], [1, 1, 1, 0, 1, 1, 0, 1])
    >>> round(p.estimate, 3), p.n_omitted
    (0.375, 0)
    """
    fn = "fgroi.prop_change_paired"
    _check_policy(nan_policy, fn)
    (both, post_only, pre_only, neither), omitted = _paired_cells(pre, post, data, fn,
                                                                  nan_policy)
    ci, test = capi.prepost_prop_change_paired(both, pre_only, post_only, neither, ci_method,
                                               test_method, conf_level, alternative)
    return _omitted(Analysis.combine(test, ci), omitted)


@_recomputable
def mean_change(pre, post, *, paired=True, conf_level=0.95, alternative="two_sided",
                data=None, nan_policy="raise"):
    """Change in a mean outcome (post - pre) within one arm, with its t
    interval and test; paired pandas Series pair by index.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.mean_change([0.5, 0.6, 0.4, 0.7], [0.8, 0.9, 0.6, 0.9])
    >>> round(r.estimate, 3), round(r.pvalue, 5)
    (0.25, 0.00324)
    """
    fn = "fgroi.mean_change"
    if paired:
        v = _align({"pre": column(data, pre), "post": column(data, post)}, fn)
        (a, b), omitted = _complete(fn, nan_policy, pre=_values(v["pre"], "pre", fn),
                                    post=_values(v["post"], "post", fn))
    else:
        (a,), o1 = _complete(fn, nan_policy, pre=_values(column(data, pre), "pre", fn))
        (b,), o2 = _complete(fn, nan_policy, post=_values(column(data, post), "post", fn))
        omitted = o1 + o2
    ci, test = capi.prepost_mean_change(a, b, "paired" if paired else "independent",
                                        conf_level, alternative)
    return _omitted(Analysis.combine(test, ci), omitted)


@_recomputable
def prop_did(device, control, *, method="default", conf_level=0.95, alternative="two_sided"):
    """Difference in differences of proportions from counts:
    (device post - pre) - (control post - pre), independent waves.

    Parameters
    ----------
    device, control : (x_pre, n_pre, x_post, n_post)

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.prop_did((12, 30, 24, 30), (13, 30, 15, 30))
    >>> round(r.estimate, 4)
    0.3333
    """
    ci, test = capi.prepost_prop_did(*device, *control, method, conf_level, alternative)
    return Analysis.combine(test, ci)


# ---- pooling and the scorecard (pool.h) ------------------------------------------

@_recomputable
def pool(yi, vi, *, method="dersimonian_laird", ci_method="normal", conf_level=0.95):
    """Pooled effect of several groups or sites (meta-analysis), as R's
    ``metafor::rma``: fixed_effect, dersimonian_laird, reml, paule_mandel,
    ml (or metafor's names "FE", "DL", "REML", "PM", "ML": aliases in the
    library's one name table); ``ci_method="hksj"`` (metafor's test =
    "knha") for Hartung-Knapp-Sidik-Jonkman, ``"hksj_adhoc"`` ("adhoc")
    and ``"student"`` (test = "t"). With user weights (metafor's
    ``weights=``, needed for "GENQ" and "GENQM") use ``capi.pool_effects_weighted``.

    Returns
    -------
    Analysis
        The pooled estimate, interval and z (or t) test, with ``stats``
        (tau2, I2, Q, prediction interval, ...) and ``weights`` (percent).

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.pool([0.1, 0.3, 0.2], [0.01, 0.02, 0.015])
    >>> round(r.estimate, 4), round(r.stats.i2, 1), [round(w, 1) for w in r.weights]
    (0.1769, 0.0, [46.2, 23.1, 30.8])
    """
    ci, test, stats, weights = capi.pool_effects_ex(yi, vi, method, conf_level,
                                                    {"ci_method": ci_method})
    r = Analysis.combine(test, ci)
    object.__setattr__(r, "stats", stats)
    object.__setattr__(r, "weights", weights)
    return r


_ESCALC = {"rd": "pool_escalc_rd", "rr": "pool_escalc_rr", "or": "pool_escalc_or"}


def escalc(measure, x1, n1, x2, n2):
    """Per-group effect sizes and variances for :func:`pool`, as
    ``metafor::escalc``: ``measure`` "rd" (risk difference), "rr" (log risk
    ratio) or "or" (log odds ratio) from counts (arrays: one per group).

    Returns
    -------
    (yi, vi) : numpy arrays

    Examples
    --------
    >>> import fgroi
    >>> yi, vi = fgroi.escalc("rd", [9, 7], [12, 10], [4, 5], [12, 10])
    >>> [round(v, 4) for v in yi]
    [0.4167, 0.2]
    """
    if measure not in _ESCALC:
        raise ValueError("fgroi.escalc: argument 'measure' must be one of 'rd', 'rr', 'or', "
                         "got %r" % (measure,))
    f = getattr(capi, _ESCALC[measure])
    cols = np.broadcast_arrays(*(np.asarray(v) for v in (x1, n1, x2, n2)))
    out = [f(*(c.item() for c in row)) for row in zip(*(np.ravel(c) for c in cols))]
    return np.array([o[0] for o in out]), np.array([o[1] for o in out])


def scorecard(estimate, pvalue, higher_is_better, *, adjust="holm", alpha=0.05):
    """The pilot scorecard: p-values of several metrics adjusted together
    (``adjust`` by the p_adjust names) and a verdict per metric: improved,
    worsened or inconclusive.

    Examples
    --------
    >>> import fgroi
    >>> s = fgroi.scorecard([0.1, -0.2, 0.05], [0.01, 0.04, 0.3], [True, True, False])
    >>> list(s["verdict"]), [round(p, 2) for p in s["adjusted_p"]]
    (['improved', 'inconclusive', 'inconclusive'], [0.03, 0.08, 0.3])
    """
    hib = np.asarray(higher_is_better, dtype=np.intc)
    adj, verdict = capi.pool_scorecard(estimate, pvalue, hib, alpha, adjust)
    names = {0: "inconclusive", 1: "improved", 2: "worsened"}
    return _frame({"estimate": np.asarray(estimate, dtype=float), "pvalue":
                   np.asarray(pvalue, dtype=float), "adjusted_p": adj,
                   "verdict": np.array([names[int(v)] for v in verdict], dtype=object)})
