"""Hand-written, idiomatic wrappers over the generic layer (fgroi.capi).

Same keyword names everywhere: ``conf_level``, ``method``, ``alternative``,
``seed``, ``nan_policy``; methods by their stable names. Data can be
numbers, sequences, numpy arrays or pandas objects; with ``data=`` a
DataFrame, the other arguments name its columns.

Missing values (NaN, None, pandas NA) follow one rule (docs/python.md):
``nan_policy="raise"`` (the default) raises :class:`fgroi.errors.NanError`
naming the argument; ``nan_policy="omit"`` drops the incomplete
observations (whole pairs / dose records for paired data) and the result
counts them in ``n_omitted``. Paired pandas inputs are aligned by their
index, never by position; ``ids=`` (one id sequence or column name per
paired argument) pairs any inputs by explicit ids the same way."""
import functools

import numpy as np

from . import capi, control, errors, vector
from ._ffi import ffi, lib
from .results import Analysis, _Result, interval_from_pointer

__all__ = ["prop_ci", "binomtest", "compare_props", "column", "adherence_tally",
           "adherence_gap", "participant_rates", "dose_clusters", "nps_tally", "nps",
           "nps_change", "nps_paired_table", "exact_test", "roi", "ttest", "rank_test", "nps_by",
           "did", "multipletests", "p_adjust", "NAN_POLICIES"]

NAN_POLICIES = ("raise", "omit")


def _recomputable(f):
    """Results of ``f`` remember how they were made, so
    ``result.confidence_interval(confidence_level=...)`` can recompute them
    at another level (scipy's convention): the recipe (f, args, kwargs) is
    stored, not a closure, which keeps the scalar path cheap."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        r = f(*args, **kwargs)
        d = getattr(r, "__dict__", None)
        if d is not None and "conf_level" in d and isinstance(r, _Result):
            d["_again"] = (f, args, kwargs)
        return r
    return wrapper


def column(data, x):
    """``data[x]`` when ``data`` is given and ``x`` a column name, else ``x``.

    Examples
    --------
    >>> import fgroi
    >>> fgroi.column({"score": [9, 10]}, "score"), fgroi.column(None, [9, 10])
    ([9, 10], [9, 10])
    """
    if data is not None and isinstance(x, str):
        return data[x]
    return x


def _raise(status, function, message):
    errors.raise_for(getattr(capi.lib, status), function, message)


def _check_policy(nan_policy, function):
    if nan_policy not in NAN_POLICIES:
        raise ValueError("%s: argument 'nan_policy' must be one of %s, got %r"
                         % (function, ", ".join(map(repr, NAN_POLICIES)), nan_policy))


def _align(values, function):
    """Paired inputs (name -> value) aligned by their pandas index: when
    every value is a pandas Series they must hold the same labels (a
    duplicate or a label missing from one is an error) and are reordered to
    the first one's order; otherwise they pair by position and must have
    equal lengths."""
    names = list(values)
    series = [v for v in values.values() if hasattr(v, "index") and hasattr(v, "to_numpy")
              and getattr(v, "ndim", 1) == 1]
    if len(series) == len(names) and len(names) > 1:
        first = values[names[0]].index
        for n in names:
            ix = values[n].index
            if not ix.is_unique:
                _raise("FGROI_E_DUPLICATE", function, "argument %r: its index (the ids used to "
                       "pair observations) has duplicate labels, e.g. %r"
                       % (n, ix[ix.duplicated()][0]))
        for n in names[1:]:
            ix = values[n].index
            if ix.equals(first):
                continue
            only_a, only_b = first.difference(ix), ix.difference(first)
            if len(only_a) or len(only_b):
                _raise("FGROI_E_LENGTH_MISMATCH", function,
                       "arguments %r and %r are indexed by different ids (%d only in %r, e.g. %s; "
                       "%d only in %r, e.g. %s): paired data pair by id, never by position"
                       % (names[0], n, len(only_a), names[0], list(only_a[:3]), len(only_b), n,
                          list(only_b[:3])))
            values[n] = values[n].reindex(first)
        return values
    lengths = {n: len(v) if hasattr(v, "__len__") else 1 for n, v in values.items()}
    if len(set(lengths.values())) > 1:
        _raise("FGROI_E_LENGTH_MISMATCH", function, "paired arguments have different lengths (%s)"
               % ", ".join("%s: %d" % kv for kv in lengths.items()))
    return values


def _keyed(values, ids, data, function):
    """Paired inputs (name -> data) keyed by explicit ids: ``ids`` holds one
    id sequence (or a column name of ``data``) per input, in order; each
    input becomes a Series indexed by its ids, so :func:`_align` pairs them
    by id (a duplicate, missing or extra id is an error). Without ``ids``
    the inputs are returned as they are."""
    if ids is None:
        return values
    import pandas as pd
    names = list(values)
    if isinstance(ids, str) or len(ids) != len(names):
        raise TypeError("%s: argument 'ids' must hold one id sequence (or column name) per "
                        "paired argument (%s)" % (function, ", ".join(names)))
    out = {}
    for n, key in zip(names, ids):
        key = column(data, key)
        key = key.to_numpy() if hasattr(key, "to_numpy") else np.asarray(key)
        v = values[n]
        arr = v.to_numpy() if hasattr(v, "to_numpy") else np.asarray(v)
        if key.shape != arr.shape:
            _raise("FGROI_E_LENGTH_MISMATCH", function, "argument %r has %d values but %d ids"
                   % (n, arr.size, key.size))
        miss = np.asarray(pd.isna(key), dtype=bool)
        if miss.any():
            _raise("FGROI_E_NAN", function, "the ids of argument %r have %d missing label(s), "
                   "first at position %d: an observation without an id cannot be paired"
                   % (n, int(miss.sum()), int(np.flatnonzero(miss)[0])))
        out[n] = pd.Series(arr, index=pd.Index(key))
    return out


def _values(x, name, function):
    """Numeric data as a float64 array, NaN where missing (None, NaN, pd.NA);
    strings and other non-numbers raise TypeError naming the argument."""
    return capi.as_array(x, "double", function, name=name)


def _complete(function, nan_policy, **arrays):
    """Apply the NA rule to equally long arrays: returns (arrays, n_omitted),
    dropping every position where any array is missing under "omit"."""
    _check_policy(nan_policy, function)
    mask = None
    for name, a in arrays.items():
        m = np.isnan(a) if a.dtype.kind == "f" else np.zeros(a.shape, bool)
        if m.any() and nan_policy == "raise":
            _raise("FGROI_E_NAN", function,
                   "argument %r has %d missing value(s) (NaN/None/NA), first at position %d; "
                   "nan_policy='omit' drops them and counts them in n_omitted"
                   % (name, int(m.sum()), int(np.flatnonzero(m)[0])))
        mask = m if mask is None else mask | m
    if mask is None or not mask.any():
        return list(arrays.values()), 0
    keep = ~mask
    return [a[keep] for a in arrays.values()], int(mask.sum())


def _omitted(result, n):
    """Record on a result how many observations nan_policy='omit' dropped."""
    object.__setattr__(result, "n_omitted", int(n))
    return result


def _outcomes(x, name="x", function="fgroi.prop_ci", nan_policy="raise"):
    """0/1 outcomes (bools, 0/1 numbers, a Series) as (successes, trials,
    omitted); any other value is an error naming the argument."""
    from .tally import TALLIES
    (a,), omitted = _complete(function, nan_policy, **{name: _values(x, name, function)})
    bad = (a != 0) & (a != 1)
    if bad.any():
        _raise("FGROI_E_OUT_OF_RANGE", function,
               "argument %r: outcomes must be 0/1 (or bool); position %d is %r"
               % (name, int(np.flatnonzero(bad)[0]), a[bad][0]))
    t = TALLIES["fgroi_prop_tally"]()
    t.add(a.astype(np.uint8))
    return t.successes, t.trials, omitted


# name -> code, filled by the validating lookup (capi.enum_code) on first use
_METHOD_CODES = {}
_ALTERNATIVE_CODES = {}
_I64_MIN, _I64_MAX = -2**63, 2**63 - 1
_INTERVAL_SIZE = ffi.sizeof("fgroi_interval")
_new_interval = functools.partial(ffi.new, "fgroi_interval *")
_raise_for = errors.raise_for  # the module: `errors` is also a keyword argument below


def _slow_code(cache, cname, value, function):
    code = capi.enum_code(cname, value, function)
    if type(value) is str and len(cache) < 1024:
        cache[value] = code
    return code


def _vector_only(nan_policy, function):
    if nan_policy != "raise":
        raise ValueError("%s: nan_policy applies to outcome data; with arrays of counts, "
                         "errors='coerce' turns a missing count into NaN with its status "
                         "(docs/python.md, Arrays and DataFrames)" % function)


@_recomputable
def prop_ci(x, n=None, *, method="wilson", conf_level=0.95, alternative="two_sided", data=None,
            nan_policy="raise", errors="raise", columns=False):
    """Confidence interval for a proportion: ``x`` successes of ``n``, or
    ``x`` a vector of 0/1 outcomes (or a column of ``data``) when ``n`` is
    None. Methods: wilson (default), wilson_cc, clopper_pearson, jeffreys,
    agresti_coull, mid_p, wald. Returns an :class:`~fgroi.results.Interval`.

    Arrays (or pandas Series) of counts ``x`` and ``n`` broadcast and give
    one interval per element, computed in C in one call: a structured array
    (or a DataFrame keeping the Series' index) with estimate, low, high,
    flags and status; ``errors`` ("raise" or "coerce") says what a failed
    element does (docs/python.md, "Arrays and DataFrames").

    ``columns=True`` (arrays of counts) returns the five columns as a
    :class:`fgroi.vector.Columns` dict of arrays instead, written by the
    library directly (``fgroi_prop_ci_many``): the fastest shape at
    millions of elements (docs/performance.md).

    statsmodels' ``proportion_confint`` names are accepted: "normal"
    (= wald), "beta" (= clopper_pearson), "agresti_coull", "jeffreys",
    "wilson".

    Examples
    --------
    >>> import fgroi
    >>> ci = fgroi.prop_ci(7, 12)
    >>> round(ci.low, 4), round(ci.high, 4), ci.method
    (0.3195, 0.8067, 'wilson')
    >>> [round(v, 4) for v in ci.confidence_interval(confidence_level=0.9)]
    [0.356, 0.78]
    >>> fgroi.prop_ci([3, 7], [10, 12])["high"].round(4)
    array([0.6032, 0.8067])
    >>> fgroi.prop_ci([3, 7], [10, 12], columns=True).high.round(4)
    array([0.6032, 0.8067])
    """
    if method == "normal":  # statsmodels' name of the Wald interval
        method = "wald"
    if type(x) is int and type(n) is int and type(conf_level) is float and data is None \
            and _I64_MIN <= x <= _I64_MAX and _I64_MIN <= n <= _I64_MAX:
        # the scalar fast path: the same C call, checks and errors as
        # capi.prop_ci (names resolved by the same lookup, then cached)
        m = _METHOD_CODES.get(method)
        if m is None:
            m = _slow_code(_METHOD_CODES, "fgroi_method", method, "fgroi_prop_ci")
        a = _ALTERNATIVE_CODES.get(alternative)
        if a is None:
            a = _slow_code(_ALTERNATIVE_CODES, "fgroi_alternative", alternative, "fgroi_prop_ci")
        out = _new_interval()
        out.struct_size = _INTERVAL_SIZE
        status = lib.fgroi_prop_ci(x, n, m, conf_level, a, out)
        if status:
            _raise_for(status, "fgroi_prop_ci")
        return interval_from_pointer(out)
    x = column(data, x)
    if n is not None:
        n = column(data, n)
        if vector.is_vector(x, n):
            _vector_only(nan_policy, "fgroi.prop_ci")
            if columns:
                return vector.prop_ci_columns(x, n, method=method, conf_level=conf_level,
                                              alternative=alternative, errors=errors)
            return vector.prop_ci(x, n, method=method, conf_level=conf_level,
                                  alternative=alternative, errors=errors)
    omitted = None
    if n is None:
        x, n, omitted = _outcomes(x, "x", "fgroi.prop_ci", nan_policy)
    r = capi.prop_ci(x, n, method, conf_level, alternative)
    return r if omitted is None else _omitted(r, omitted)


@_recomputable
def binomtest(k, n=None, p=0.5, *, alternative="two_sided", method="exact",
              conf_level=0.95, ci_method="clopper_pearson", data=None, nan_policy="raise",
              errors="raise"):
    """Exact binomial test of H0: p = ``p`` with its interval, like
    ``scipy.stats.binomtest`` (and R's binom.test): ``k`` successes of
    ``n``, or 0/1 outcomes when ``n`` is None. ``method`` is exact or
    mid_p; the interval uses ``ci_method`` (clopper_pearson by default, as
    binom.test) on the same side as ``alternative``. Arrays of counts (and
    of ``p``) broadcast: one row per element (estimate, low, high,
    statistic, pvalue, df, flags, status), see :func:`prop_ci`.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.binomtest(3, 10)             # = scipy.stats.binomtest(3, 10)
    >>> round(r.pvalue, 4), [round(v, 4) for v in r.confidence_interval()]
    (0.3437, [0.0667, 0.6525])
    """
    k = column(data, k)
    if n is not None and vector.is_vector(k, column(data, n), p):
        n = column(data, n)
        _vector_only(nan_policy, "fgroi.binomtest")
        pairs = (("x", k), ("n", n))
        return vector.combine(
            vector.test_raw("prop_test", pairs, (("p0", p),), method, alternative, errors),
            vector.interval_raw("prop_ci", pairs, ci_method, conf_level, alternative, errors),
            errors, {"method": method, "ci_method": ci_method, "conf_level": conf_level,
                     "alternative": alternative})
    omitted = None
    if n is None:
        k, n, omitted = _outcomes(k, "k", "fgroi.binomtest", nan_policy)
    t = capi.prop_test(k, n, p, method, alternative)
    ci = capi.prop_ci(k, n, ci_method, conf_level, alternative)
    r = Analysis.combine(t, ci)
    return r if omitted is None else _omitted(r, omitted)


_EFFECTS = {"diff": "prop_diff_ci", "ratio": "prop_ratio_ci", "odds_ratio": "prop_odds_ratio_ci"}


@_recomputable
def compare_props(x1, n1=None, x2=None, n2=None, *, effect="diff", method="default",
                  test_method="fisher", conf_level=0.95, alternative="two_sided", data=None,
                  group=None, levels=("device", "control"), nan_policy="raise",
                  errors="raise", progress=False):
    """Two independent proportions, group 1 (e.g. device arm) vs group 2
    (control): the ``effect`` (diff p1 - p2, ratio p1/p2 or odds_ratio)
    with its interval by ``method`` (newcombe, miettinen_nurminen,
    agresti_caffo, wald / koopman, katz / conditional, woolf) and the test
    of p1 = p2 by ``test_method`` (fisher, fisher_mid_p, chisq, chisq_cc).

    The data: counts ``x1, n1, x2, n2``; or two vectors of 0/1 outcomes
    ``x1, x2`` (``n1``, ``n2`` left None); or with ``data`` a DataFrame,
    ``x1`` its 0/1 outcome column, ``group`` its arm column and ``levels``
    the two arms' labels in the order group 1, group 2.

    Arrays (or Series) of counts ``x1, n1, x2, n2`` broadcast: one row per
    element (estimate, low, high, statistic, pvalue, df, flags, status),
    computed in C in one call per part, see :func:`prop_ci`.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.compare_props(9, 12, 2, 12)   # device 9/12 vs control 2/12
    >>> round(r.estimate, 4), round(r.pvalue, 4), r.method, r.ci_method
    (0.5833, 0.0123, 'fisher', 'newcombe')
    """
    fn = "fgroi.compare_props"
    omitted = None
    if data is None and n1 is not None and n2 is not None and vector.is_vector(x1, n1, x2, n2):
        _vector_only(nan_policy, fn)
        if effect not in _EFFECTS:
            raise ValueError("effect must be one of %s" % ", ".join(_EFFECTS))
        pairs = (("x1", x1), ("n1", n1), ("x2", x2), ("n2", n2))
        return vector.combine(
            vector.test_raw("prop_2x2_test", pairs, (), test_method, alternative, errors),
            vector.interval_raw(_EFFECTS[effect], pairs, method, conf_level, alternative,
                                errors),
            errors, {"effect": effect, "method": test_method, "ci_method": method,
                     "conf_level": conf_level, "alternative": alternative})
    if data is not None:
        outcome, arm = data[x1], data[group]
        if bool(np.asarray(arm.isna()).any()):
            _raise("FGROI_E_NAN", fn, "argument 'group': %d missing arm label(s)"
                   % int(np.asarray(arm.isna()).sum()))
        x1, n1, o1 = _outcomes(outcome[arm == levels[0]], "x1", fn, nan_policy)
        x2, n2, o2 = _outcomes(outcome[arm == levels[1]], "x1", fn, nan_policy)
        omitted = o1 + o2
    elif n1 is None and n2 is None:
        x1, n1, o1 = _outcomes(x1, "x1", fn, nan_policy)
        x2, n2, o2 = _outcomes(x2, "x2", fn, nan_policy)
        omitted = o1 + o2
    if effect not in _EFFECTS:
        raise ValueError("effect must be one of %s" % ", ".join(_EFFECTS))
    with control.running(progress, fn, parts=2) as run:  # conditional OR: O(sqrt n) steps
        ci = run.call(_EFFECTS[effect], x1, n1, x2, n2, method, conf_level, alternative)
        t = run.call("prop_2x2_test", x1, n1, x2, n2, test_method, alternative)
    r = Analysis.combine(t, ci)
    return r if omitted is None else _omitted(r, omitted)


# ---- adherence gap (paired.h) --------------------------------------------------

def _doses(self_reported, device_logged, participant, data, function, nan_policy):
    """Per-dose 0/1 columns (and participant labels) after the NA rule:
    (self, device, labels or None, omitted)."""
    vals = {"self_reported": column(data, self_reported),
            "device_logged": column(data, device_logged)}
    if participant is not None:
        vals["participant"] = column(data, participant)
    vals = _align(vals, function)
    arrays = {k: _values(v, k, function) for k, v in vals.items() if k != "participant"}
    _check_policy(nan_policy, function)
    if participant is not None:
        import pandas as pd
        ids = vals["participant"]
        ids = ids.to_numpy() if hasattr(ids, "to_numpy") else np.asarray(ids)
        miss = np.asarray(pd.isna(ids), dtype=bool).reshape(-1)
        if miss.any() and nan_policy == "raise":
            _raise("FGROI_E_NAN", function,
                   "argument 'participant' has %d missing label(s) (NaN/None/NA), first at "
                   "position %d: a dose with no participant cannot be clustered; "
                   "nan_policy='omit' drops those doses and counts them in n_omitted"
                   % (int(miss.sum()), int(np.flatnonzero(miss)[0])))
        arrays["participant"] = np.where(miss, np.nan, 0.0)
    (s, d, *rest), omitted = _complete(function, nan_policy, **arrays)
    for name, a in (("self_reported", s), ("device_logged", d)):
        bad = (a != 0) & (a != 1)
        if bad.any():
            _raise("FGROI_E_OUT_OF_RANGE", function,
                   "argument %r: dose outcomes must be 0/1 (or bool); position %d is %r"
                   % (name, int(np.flatnonzero(bad)[0]), a[bad][0]))
    labels = None
    if participant is not None:
        keep = ~np.isnan(arrays["participant"]) & ~np.isnan(arrays["self_reported"]) & \
            ~np.isnan(arrays["device_logged"])
        labels = ids[keep]
    return s.astype(np.uint8), d.astype(np.uint8), labels, omitted


def adherence_tally(self_reported, device_logged, *, data=None, nan_policy="raise"):
    """A :class:`~fgroi.PairedTally` (both / device_only / self_only /
    neither dose counts) from 0/1 self-report and device-log columns.

    Examples
    --------
    >>> import fgroi
    >>> fgroi.adherence_tally([1, 1, 0, 1], [1, 0, 0, 1])
    PairedTally(both=2, device_only=0, self_only=1, neither=1)
    """
    from .tally import TALLIES
    s, d, _, _ = _doses(self_reported, device_logged, None, data, "fgroi.adherence_tally",
                        nan_policy)
    t = TALLIES["fgroi_paired_tally"]()
    return t.add(s, d)


def _clusters(self_reported, device_logged, participant, data, function, nan_policy):
    import pandas as pd
    s, d, ids, omitted = _doses(self_reported, device_logged, participant, data, function,
                                nan_policy)
    codes, labels = pd.factorize(pd.Series(ids, dtype=object if ids.dtype == object else None))
    with control.running(False, function) as run:  # O(n log n): seconds at 1e7 doses
        cl = run.call("paired_clusters_from_records", codes.astype(np.int64), s, d)
    return cl, labels, omitted


def dose_clusters(self_reported, device_logged, participant, *, data=None, nan_policy="raise"):
    """Per-participant paired counts (numpy records: id, both, device_only,
    self_only, neither) from dose records; ``participant`` may be any
    labels (coded 0..k-1 in order of first appearance; returned as the
    second value). A missing label is an error (``nan_policy="omit"``
    drops those doses).

    Examples
    --------
    >>> import fgroi
    >>> cl, labels = fgroi.dose_clusters([1, 1, 0, 1], [1, 0, 0, 1], ["p", "p", "q", "q"])
    >>> list(labels), cl["both"].tolist(), cl["self_only"].tolist()
    (['p', 'q'], [1, 1], [1, 0])
    """
    cl, labels, _ = _clusters(self_reported, device_logged, participant, data,
                              "fgroi.dose_clusters", nan_policy)
    return cl, labels


def participant_rates(self_reported, device_logged, participant, *, data=None,
                      nan_policy="raise"):
    """DataFrame of each participant's self-reported and device-logged
    adherence (share of scheduled doses) and doses, indexed by participant.

    Examples
    --------
    >>> import fgroi
    >>> fgroi.participant_rates([1, 1, 0, 1], [1, 0, 0, 1], ["p", "p", "q", "q"])
                 self_rate  device_rate  doses
    participant
    p                  1.0          0.5      2
    q                  0.5          0.5      2
    """
    import pandas as pd
    cl, labels, _ = _clusters(self_reported, device_logged, participant, data,
                              "fgroi.participant_rates", nan_policy)
    self_rate, device_rate = capi.paired_participant_rates(cl)
    doses = cl["both"] + cl["device_only"] + cl["self_only"] + cl["neither"]
    return pd.DataFrame({"self_rate": self_rate, "device_rate": device_rate, "doses": doses},
                        index=pd.Index(labels[cl["id"]], name="participant"))


@_recomputable
def adherence_gap(self_reported, device_logged, participant=None, *, data=None,
                  method="default", conf_level=0.95, alternative="two_sided", seed=1,
                  nan_policy="raise", progress=False):
    """The adherence gap, device-logged rate minus self-reported rate, with
    its interval and test, from dose records (0/1 columns).

    With ``participant`` (doses nested in people, the honest analysis and
    the report's headline): ``fgroi_paired_cluster_analysis`` - the pooled
    gap with the cluster-robust t interval, tested by ``method``: default
    (= sign_flip: exact sign-flip permutation over participants, seeded
    Monte Carlo beyond 30) or cluster_robust (the t test). Without: doses
    treated as independent pairs, the interval by ``method`` (tango by
    default, newcombe, bonett_price, agresti_min, wald, ...) and McNemar's
    mid-p test, whatever ``method`` is (for the exact, asymptotic or
    continuity-corrected McNemar test, call :func:`fgroi.mcnemar`).

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.adherence_gap([1, 1, 1, 0, 1, 1, 1, 1], [1, 0, 1, 0, 0, 1, 0, 1])
    >>> round(r.estimate, 3), round(r.pvalue, 4), r.method, r.ci_method
    (-0.375, 0.125, 'mcnemar_mid_p', 'tango')
    """
    fn = "fgroi.adherence_gap"
    if participant is not None:
        cl, _, omitted = _clusters(self_reported, device_logged, participant, data, fn,
                                   nan_policy)
        with control.running(progress, fn) as run:  # sign flip: up to 1e8 cluster draws
            ci, test = run.call("paired_cluster_analysis", cl, method, conf_level, alternative,
                                seed)
        return _omitted(Analysis.combine(test, ci), omitted)
    s, d, _, omitted = _doses(self_reported, device_logged, None, data, fn, nan_policy)
    from .tally import TALLIES
    t = TALLIES["fgroi_paired_tally"]().add(s, d)
    cells = (t.both, t.device_only, t.self_only, t.neither)
    ci = capi.paired_gap_ci(*cells, method, conf_level, alternative)
    test = capi.paired_mcnemar(*cells, "default", alternative)
    return _omitted(Analysis.combine(test, ci), omitted)


# ---- NPS (nps.h) ---------------------------------------------------------------

def _scores(scores, name, function, nan_policy):
    """0..10 scores as float64 after the NA rule: (scores, omitted)."""
    (a,), omitted = _complete(function, nan_policy, **{name: _values(scores, name, function)})
    return a, omitted


def nps_tally(scores, *, data=None, nan_policy="raise"):
    """A :class:`~fgroi.NpsTally` of 0..10 scores. A missing score (NaN,
    None, NA) is an error unless ``nan_policy="omit"``; a score outside
    0..10 or not whole is always an error.

    Examples
    --------
    >>> import fgroi
    >>> fgroi.nps_tally([10, 9, 3]).counts()          # (detractors, passives, promoters)
    (1, 0, 2)
    """
    from .tally import TALLIES
    a, _ = _scores(column(data, scores), "scores", "fgroi.nps_tally", nan_policy)
    t = TALLIES["fgroi_nps_tally"]()
    t.add_f64(a, np.nan)
    return t


def _counts(x, data=None, name="scores", function="fgroi.nps", nan_policy="raise"):
    """(detractors, passives, promoters) and the number of omitted scores."""
    from .tally import Tally
    if isinstance(x, Tally):
        return x.counts(), 0
    if isinstance(x, tuple) and len(x) == 3:
        return x, 0
    a, omitted = _scores(column(data, x), name, function, nan_policy)
    from .tally import TALLIES
    t = TALLIES["fgroi_nps_tally"]()
    t.add_f64(a, np.nan)
    return t.counts(), omitted


@_recomputable
def nps(scores, *, data=None, method="default", conf_level=0.95, alternative="two_sided",
        seed=1, replicates=0, nan_policy="raise", errors="raise", progress=False):
    """Net Promoter Score (-100..100) with its interval from 0..10 scores, a
    tally, or (detractors, passives, promoters). Methods: score (default),
    adjusted_wald, wald, bootstrap_percentile, bootstrap_bca (seeded).
    (detractors, passives, promoters) as three arrays (or Series) of counts
    broadcast: one interval per element in one C call, see :func:`prop_ci`.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.nps([10, 9, 9, 8, 7, 3, 10, 6, 9, 10])
    >>> r.estimate, round(r.low, 2), round(r.high, 2), r.method
    (40.0, -15.29, 75.26, 'score')
    """
    if isinstance(scores, tuple) and len(scores) == 3 and vector.is_vector(*scores):
        _vector_only(nan_policy, "fgroi.nps")
        return vector.nps_ci(*scores, method=method, conf_level=conf_level,
                             alternative=alternative, seed=seed, replicates=replicates,
                             errors=errors)
    (d, p, r), omitted = _counts(scores, data, "scores", "fgroi.nps", nan_policy)
    with control.running(progress, "fgroi.nps") as run:  # bootstrap methods
        res = run.call("nps_ci", d, p, r, method, conf_level, alternative,
                       {"seed": seed, "resamples": replicates})
    return _omitted(res, omitted)


def nps_by(scores, by, *, data=None, method="default", conf_level=0.95,
           alternative="two_sided", seed=1, replicates=0, nan_policy="raise", progress=False):
    """NPS with its interval for each group (wave, segment, site): a dict
    group -> Interval, in order of first appearance, from one C call. A
    missing score or group label is an error unless ``nan_policy="omit"``.

    Examples
    --------
    >>> import fgroi
    >>> by = fgroi.nps_by([10, 9, 3, 7, 10, 2], ["a", "a", "a", "b", "b", "b"])
    >>> {k: round(v.estimate, 1) for k, v in by.items()}
    {'a': 33.3, 'b': 0.0}
    """
    import pandas as pd
    fn = "fgroi.nps_by"
    vals = _align({"scores": column(data, scores), "by": column(data, by)}, fn)
    s = _values(vals["scores"], "scores", fn)
    g = vals["by"].to_numpy() if hasattr(vals["by"], "to_numpy") else np.asarray(vals["by"])
    gmiss = np.asarray(pd.isna(g), dtype=bool).reshape(-1)
    (s, gm), omitted = _complete(fn, nan_policy, scores=s, by=np.where(gmiss, np.nan, 0.0))
    g = g[~(gmiss | np.isnan(_values(vals["scores"], "scores", fn)))]
    groups = list(dict.fromkeys(g.tolist()))
    counts = np.array([_counts(s[g == k], None, "scores", fn)[0] for k in groups],
                      dtype=np.int64).reshape(-1, 3)
    with control.running(progress, fn) as run:  # bootstrap methods
        cis = run.call("nps_segments_ci", counts, method, conf_level, alternative,
                       {"seed": seed, "resamples": replicates})
    return {k: _omitted(ci, omitted) for k, ci in zip(groups, cis)}


def _paired_table(before, after, data, function, nan_policy, ids=None):
    vals = _align(_keyed({"before": column(data, before), "after": column(data, after)}, ids,
                         data, function), function)
    b = _values(vals["before"], "before", function)
    a = _values(vals["after"], "after", function)
    (b, a), omitted = _complete(function, nan_policy, before=b, after=a)
    table, _missing = capi.nps_paired_table_i32(b, a, -1)
    return table.reshape(3, 3), omitted


def nps_paired_table(before, after, *, data=None, nan_policy="raise", ids=None):
    """3x3 transition table (detractor/passive/promoter before x after) of
    the same respondents' scores. pandas Series pair by their index (the
    respondent ids; a mismatch is an error), other inputs by position
    (equal lengths required). A respondent missing a score is an error
    unless ``nan_policy="omit"``.

    Examples
    --------
    >>> import fgroi
    >>> fgroi.nps_paired_table([3, 9, 7, 10, 6, 2], [9, 10, 9, 10, 9, 8]).tolist()
    [[0, 1, 2], [0, 0, 1], [0, 0, 2]]
    """
    return _paired_table(before, after, data, "fgroi.nps_paired_table", nan_policy, ids)[0]


@_recomputable
def nps_change(before, after, *, paired=False, ids=None, data=None, method="default",
               test_method="default", conf_level=0.95, alternative="two_sided", seed=1,
               replicates=0, nan_policy="raise", progress=False):
    """Change in NPS from ``before`` to ``after`` (after - before) with its
    interval and test. ``paired=True``: the same respondents in both waves
    (pandas Series aligned by index, else arrays by position), the report's
    headline: score interval and exact sign-flip test (the C defaults);
    else two independent waves (scores, tallies or category counts).

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.nps_change([3, 9, 7, 10, 6, 2], [9, 10, 9, 10, 9, 8], paired=True)
    >>> r.estimate, round(r.pvalue, 4), r.method
    (100.0, 0.125, 'sign_flip')
    """
    fn = "fgroi.nps_change"
    if paired:
        table, omitted = _paired_table(before, after, data, fn, nan_policy, ids)
        table = table.ravel()
        with control.running(progress, fn, parts=2) as run:
            ci = run.call("nps_paired_ci", table, method, conf_level, alternative)
            test = run.call("nps_paired_test", table, test_method, alternative)
        return _omitted(Analysis.combine(test, ci), omitted)
    b, ob = _counts(before, data, "before", fn, nan_policy)
    a, oa = _counts(after, data, "after", fn, nan_policy)
    with control.running(progress, fn, parts=2) as run:  # bootstrap; permutation test
        ci = run.call("nps_diff_ci", *b, *a, method, conf_level, alternative,
                      {"seed": seed, "resamples": replicates})
        test = run.call("nps_diff_test", *b, *a, test_method, alternative)
    return _omitted(Analysis.combine(test, ci), ob + oa)


# ---- device arm vs control: exact unconditional (exact2x2.h) --------------------

@_recomputable
def exact_test(x1, n1, x2, n2, *, method="default", ci_method="default", conf_level=0.95,
               alternative="two_sided", two_sided="default", progress=False):
    """Exact unconditional comparison of two small arms (x1/n1 device, x2/n2
    control), the report's device-vs-control headline: the test of p1 = p2
    by ``method`` (default = boschloo, barnard) and the exact interval for
    p1 - p2 by ``ci_method`` (default = chan_zhang, agresti_min-type via
    ``two_sided="two_sided_statistic"``); the defaults are the C library's.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.exact_test(9, 12, 2, 12)
    >>> round(r.pvalue, 5), r.method, r.ci_method
    (0.00661, 'boschloo', 'chan_zhang')
    """
    with control.running(progress, "fgroi.exact_test", parts=2) as run:
        test, _detail = run.call("exact2x2_test", x1, n1, x2, n2, method, alternative,
                                 {"two_sided": two_sided})
        ci = run.call("exact2x2_diff_ci", x1, n1, x2, n2, ci_method, conf_level, alternative,
                      {"two_sided": two_sided})
    return Analysis.combine(test, ci)


# ---- difference in differences (prepost.h) -------------------------------------

@_recomputable
def did(device_pre, device_post, control_pre, control_post, *, paired=True, conf_level=0.95,
        alternative="two_sided", data=None, nan_policy="raise"):
    """Difference in differences of a mean outcome (e.g. the share of
    protocol steps completed): (device post - pre) - (control post - pre),
    with its interval and Welch t test (``fgroi_prepost_mean_did``), the
    report's DiD headline. ``paired=True``: the same participants measured
    twice in each arm (pandas Series pair by index within an arm, arrays
    by position); a participant missing one period is an error unless
    ``nan_policy="omit"``, which drops that participant and counts it.

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.did([0.5, 0.6, 0.4, 0.7], [0.8, 0.9, 0.6, 0.9],
    ...               [0.5, 0.55, 0.6], [0.55, 0.6, 0.6])
    >>> round(r.estimate, 4), round(r.pvalue, 4)
    (0.2167, 0.0018)
    """
    fn = "fgroi.did"
    omitted = 0
    arms = []
    for pre_name, pre, post_name, post in (("device_pre", device_pre, "device_post", device_post),
                                           ("control_pre", control_pre, "control_post",
                                            control_post)):
        pre, post = column(data, pre), column(data, post)
        if paired:
            v = _align({pre_name: pre, post_name: post}, fn)
            (a, b), o = _complete(fn, nan_policy, **{pre_name: _values(v[pre_name], pre_name, fn),
                                                     post_name: _values(v[post_name], post_name,
                                                                        fn)})
        else:
            (a,), o1 = _complete(fn, nan_policy, **{pre_name: _values(pre, pre_name, fn)})
            (b,), o2 = _complete(fn, nan_policy, **{post_name: _values(post, post_name, fn)})
            o = o1 + o2
        omitted += o
        arms += [a, b]
    ci, test = capi.prepost_mean_did(*arms, "paired" if paired else "independent", conf_level,
                                     alternative)
    return _omitted(Analysis.combine(test, ci), omitted)


# ---- ROI (roi.h) ----------------------------------------------------------------

def roi(effect, *, volume, value_per_unit, cost, draws=0, conf_level=0.95, seed=1,
        progress=False):
    """ROI and net value of an effect (an interval result, e.g. a difference
    in compliance) applied to ``volume`` units worth ``value_per_unit``
    each, against ``cost``. A (low, high) ``value_per_unit`` (or ``draws``
    > 0) runs the seeded Monte Carlo with that range as a uniform input.
    Returns (roi, net_value, summary).

    Examples
    --------
    >>> import fgroi
    >>> effect = fgroi.compare_props(9, 12, 2, 12)
    >>> roi, net, summary = fgroi.roi(effect, volume=1000, value_per_unit=200, cost=50000)
    >>> round(roi.estimate, 4), summary.break_even_effect
    (1.3333, 0.25)
    """
    if isinstance(value_per_unit, (tuple, list)) or draws:
        lo, hi = (value_per_unit if isinstance(value_per_unit, (tuple, list))
                  else (value_per_unit, value_per_unit))
        value = {"dist": "uniform" if hi > lo else "fixed", "a": lo, "b": hi}
        with control.running(progress, "fgroi.roi") as run:
            return run.call("roi_monte_carlo", capi.roi_input_from_interval(effect),
                            {"dist": "fixed", "a": volume}, value,
                            {"dist": "fixed", "a": cost}, conf_level, draws or 100000, seed)
    return capi.roi_compute(effect, volume, value_per_unit, cost)


# ---- continuous outcomes (means.h) -------------------------------------------

def _xy(x, y, paired, data, function, nan_policy, ids=None):
    """Samples after the NA rule (pairs dropped together when paired;
    paired pandas Series aligned by index): (x, y, omitted)."""
    x = column(data, x)
    y = column(data, y)
    if y is None:
        (x,), o = _complete(function, nan_policy, x=_values(x, "x", function))
        return x, None, o
    if paired:
        v = _align(_keyed({"x": x, "y": y}, ids, data, function), function)
        (x, y), o = _complete(function, nan_policy, x=_values(v["x"], "x", function),
                              y=_values(v["y"], "y", function))
        return x, y, o
    (x,), o1 = _complete(function, nan_policy, x=_values(x, "x", function))
    (y,), o2 = _complete(function, nan_policy, y=_values(y, "y", function))
    return x, y, o1 + o2


@_recomputable
def ttest(x, y=None, *, paired=False, ids=None, method="welch", mu=0.0, conf_level=0.95,
          alternative="two_sided", data=None, nan_policy="raise"):
    """t test and interval, like scipy.stats.ttest_*: one sample (``y``
    None), paired, or two samples (``method`` welch or student).

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.ttest([5.1, 6.0, 5.8, 6.4, 5.5], [4.2, 5.0, 4.8, 4.4, 5.2])   # Welch
    >>> round(r.statistic, 4), round(r.pvalue, 5), round(r.df, 3)
    (3.6099, 0.00722, 7.773)
    """
    x, y, omitted = _xy(x, y, paired, data, "fgroi.ttest", nan_policy, ids)
    if y is None:
        ci, t = capi.means_t_one(x, mu, conf_level, alternative)
    elif paired:
        ci, t = capi.means_t_paired(x, y, mu, conf_level, alternative)
    else:
        ci, t = capi.means_t_two(x, y, mu, method, conf_level, alternative)
    return _omitted(Analysis.combine(t, ci), omitted)


@_recomputable
def rank_test(x, y=None, *, paired=False, ids=None, method="default", mu=0.0, conf_level=0.95,
              alternative="two_sided", data=None, nan_policy="raise", conf_int=None,
              progress=False):
    """Wilcoxon signed-rank (one sample or ``paired``) or Mann-Whitney (two
    samples) test with the Hodges-Lehmann estimate and interval.
    ``conf_int=False`` (as R's ``conf.int = FALSE``) asks the library for the
    test alone and returns a TestResult: the test is defined where the
    interval is not (every paired difference tied). ``conf_int=True``
    requires the interval (its error is raised); the default (None) gives
    the interval where it is defined and otherwise the test alone, as R's
    ``wilcox.test`` gives its p-value (issue 17).

    Examples
    --------
    >>> import fgroi
    >>> r = fgroi.rank_test([1.8, 3.3, 0.4, 2.1, 2.9, 1.1], [0.9, 1.2, 0.6, 1.5, 2.0, 1.3],
    ...                     paired=True)
    >>> round(r.estimate, 3), round(r.pvalue, 4), r.method
    (0.75, 0.1411, 'wilcoxon')
    """
    x, y, omitted = _xy(x, y, paired, data, "fgroi.rank_test", nan_policy, ids)
    if conf_int is not None and not conf_int:
        return _omitted(_rank_test_alone(x, y, paired, method, mu, conf_level, alternative), omitted)
    try:  # Hodges-Lehmann: O(n log n) selection steps, seconds at 1e6
        with control.running(progress, "fgroi.rank_test") as run:
            if y is None:
                ci, t = run.call("means_wilcoxon_one", x, mu, method, conf_level, alternative)
            elif paired:
                ci, t = run.call("means_wilcoxon_paired", x, y, mu, method, conf_level,
                                 alternative)
            else:
                ci, t = run.call("means_mann_whitney", x, y, mu, method, conf_level,
                                 alternative)
    except (errors.ZeroVarianceError, errors.OutOfRangeError):
        if conf_int:  # the interval was asked for: its failure is the answer
            raise
        return _omitted(_rank_test_alone(x, y, paired, method, mu, conf_level, alternative), omitted)
    return _omitted(Analysis.combine(t, ci), omitted)


# ---- multiplicity (multiplicity.h) ----------------------------------------------

def p_adjust(pvals, method="holm", *, nan_policy="raise", alpha=0.05, progress=False):
    """Adjusted p-values (numpy array), as R's p.adjust and statsmodels'
    multipletests: ``method`` by the library's names (holm, hochberg,
    hommel, bonferroni, bh, by, none, sidak, holm_sidak, bh_two_stage, bky,
    gbs) or statsmodels'/R's aliases (fdr_bh, fdr, BH, fdr_by, BY,
    simes-hochberg, fdr_tsbh, fdr_tsbky, fdr_gbs). ``alpha`` matters only
    for the two-stage methods (bh_two_stage, bky), whose adjusted values
    depend on the level, as statsmodels'. NaN is an error unless
    ``nan_policy="omit"``, which leaves it in place (NaN out) and adjusts
    the others among themselves, as p.adjust does.

    Examples
    --------
    >>> import fgroi
    >>> fgroi.p_adjust([0.01, 0.02, 0.03, 0.04], "fdr_bh")   # = p.adjust(p, "BH")
    array([0.04, 0.04, 0.04, 0.04])
    """
    fn = "fgroi.p_adjust"
    p = _values(pvals, "pvals", fn)
    _check_policy(nan_policy, fn)
    miss = np.isnan(p)
    if miss.any() and nan_policy == "raise":
        _raise("FGROI_E_NAN", fn, "argument 'pvals' has %d missing value(s), first at position %d; "
               "nan_policy='omit' leaves them in place and adjusts the others"
               % (int(miss.sum()), int(np.flatnonzero(miss)[0])))
    out = np.full(p.shape, np.nan)
    if (~miss).any():
        try:
            if alpha == 0.05:  # every method's values at 0.05: the interruptible call
                with control.running(progress, fn) as run:  # Hommel: about 1 s at 1e6
                    out[~miss] = run.call("multiplicity_adjust", p[~miss], method)
            else:  # alpha moves only the adaptive FDR methods (O(n log n))
                out[~miss] = capi.multiplicity_adjust_alpha(p[~miss], alpha, method)
        except errors.UnknownNameError:
            _raise("FGROI_E_UNKNOWN_NAME", fn,
                   "method %r is not known; the library's names are holm, hochberg, hommel, "
                   "bonferroni, sidak, holm_sidak, bh, by, none, bh_two_stage, bky, gbs, and "
                   "statsmodels'/R's fdr_bh, fdr_by, simes-hochberg, holm-sidak, fdr_tsbh, "
                   "fdr_tsbky, fdr_gbs, BH, BY, fdr are accepted" % (method,))
    return out


def multipletests(pvals, alpha=0.05, method="holm", *, nan_policy="raise", progress=False):
    """statsmodels' ``multipletests`` computed by libfgroi: returns
    (reject, pvals_corrected, alphacSidak, alphacBonf) with the same
    method names (holm, hommel, fdr_bh, fdr_by, bonferroni,
    simes-hochberg, ...); reject is ``pvals_corrected <= alpha``.

    Examples
    --------
    >>> import fgroi
    >>> reject, adjusted, _, _ = fgroi.multipletests([0.01, 0.02, 0.03, 0.04], method="holm")
    >>> reject.tolist(), adjusted.tolist()
    ([True, False, False, False], [0.04, 0.06, 0.06, 0.06])
    """
    adj = p_adjust(pvals, method, nan_policy=nan_policy, alpha=alpha, progress=progress)
    m = int(np.count_nonzero(~np.isnan(adj)))
    with np.errstate(invalid="ignore"):
        reject = adj <= alpha
    return reject, adj, 1.0 - (1.0 - alpha) ** (1.0 / m) if m else np.nan, alpha / m if m else np.nan


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
