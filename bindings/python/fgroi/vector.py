"""Vectorised calls: arrays of counts in, one C call, arrays out
(docs/python.md, "Arrays and DataFrames").

Each function here takes numbers, sequences, numpy arrays or pandas Series
for its data arguments, broadcasts them against each other as numpy does
(and as statsmodels' ``proportion_confint``), and runs the whole batch in C
in one call into the extension (``fgroipy_batch`` in ``_batch.c``, a loop
over the library's own scalar function, without the GIL). Element ``i`` is
therefore bit for bit what the scalar call returns for the same inputs.

What comes back:

* a numpy structured array of the broadcast shape, fields ``estimate``,
  ``low``, ``high`` (intervals) or ``statistic``, ``pvalue``, ``df``
  (tests) or ``power`` / ``n`` (planning), then ``flags`` (FGROI_FLAG_*
  bits) and ``status`` (the element's ``fgroi_status`` code, 0 when OK);
* a pandas DataFrame with the same columns when any data argument is a
  pandas Series: its index is the Series' index (several Series must hold
  the same labels and are aligned by them, never by position; a mismatch
  is an error), the method, alternative and conf_level are in
  ``DataFrame.attrs``, and with ``errors="coerce"`` an ``error`` column
  holds each failed element's status name (``FGROI_E_...``, None when OK).

The error rule, one for every function: ``errors="raise"`` (the default)
raises the library's exception for the first element that fails, naming its
position (and index label), its inputs and how many elements failed, as the
scalar call would; ``errors="coerce"`` returns every element, a failed one
with NaN in every numeric column and its status in ``status``. A value from
a failed element is never returned as a result. Missing counts (NaN, None,
pd.NA) are such failures (status FGROI_E_NAN); counts that are not whole
numbers, out of int64 range, strings or other non-numbers are refused
before any work, naming the argument, under both rules.
"""
import numpy as np

from . import capi, errors
from . import errors as errors_mod  # `errors` is also a keyword argument
from ._ffi import cstr, ffi, lib

__all__ = ["prop_ci", "prop_ci_columns", "Columns", "prop_test", "prop_diff_ci", "prop_ratio_ci", "prop_odds_ratio_ci",
           "prop_2x2_test", "nps_ci", "nps_test", "power_prop2", "power_prop2_n",
           "power_t", "power_t_n", "power_mcnemar", "power_mcnemar_n", "power_prop2_exact",
           "power_prop2_exact_n", "power_nps", "power_nps_n",
           "is_vector", "ERRORS"]

ERRORS = ("raise", "coerce")

_SCALARS = (int, float, bool, np.integer, np.floating, np.bool_)


def is_vector(*values):
    """True when any value is array-like (a sequence, array or Series) rather
    than one number: the idiomatic functions then take the vectorised path."""
    for v in values:
        if isinstance(v, _SCALARS) or v is None or isinstance(v, (str, bytes)):
            continue
        if hasattr(v, "__len__") or np.ndim(v) > 0:
            return True
    return False


def _is_series(v):
    return hasattr(v, "index") and hasattr(v, "to_numpy") and getattr(v, "ndim", 0) == 1


def _record_dtype(cname, fields):
    """(C-layout record dtype with a trailing int status, the public view
    dtype): the view renames and selects fields at the same offsets, so the
    result's columns are the C outputs without a copy."""
    if cname == "double":
        size = 8
        offsets = {fields[0][1]: (np.dtype(np.float64), 0)}
    else:
        dt = capi.struct_dtype(cname)
        size = dt.itemsize
        offsets = {n: (dt.fields[n][0], dt.fields[n][1]) for n in dt.names}
    status_offset = size
    itemsize = (size + 4 + 7) // 8 * 8
    names, formats, offs = [], [], []
    for public, c in fields:
        names.append(public)
        formats.append(offsets[c][0])
        offs.append(offsets[c][1])
    names.append("status")
    formats.append(np.dtype(np.intc))
    offs.append(status_offset)
    view = np.dtype({"names": names, "formats": formats, "offsets": offs, "itemsize": itemsize})
    return view, status_offset


_INTERVAL_FIELDS = (("estimate", "estimate"), ("low", "lower"), ("high", "upper"),
                    ("flags", "flags"))
_TEST_FIELDS = (("statistic", "statistic"), ("pvalue", "p_value"), ("df", "df"),
                ("flags", "flags"))
_KINDS = {}  # kind -> (view dtype, status offset)


def _packed_interval():
    """The record fgroipy_prop_ci_many writes (_batch.c): estimate, low,
    high, flags, status in 32 bytes (an fgroi_interval record is 64: half
    the memory to fault in at 1e6 elements)."""
    view = np.dtype({"names": ["estimate", "low", "high", "flags", "status"],
                     "formats": [np.float64, np.float64, np.float64, np.uintc, np.intc],
                     "offsets": [0, 8, 16, 24, 28], "itemsize": 32})
    return view, 28


def _layout(kind):
    hit = _KINDS.get(kind)
    if hit is None:
        if kind == "interval_packed":
            hit = _packed_interval()
        elif kind in ("interval",):
            hit = _record_dtype("fgroi_interval", _INTERVAL_FIELDS)
        elif kind == "test":
            hit = _record_dtype("fgroi_test", _TEST_FIELDS)
        else:  # a double output named `kind`
            hit = _record_dtype("double", ((kind, kind),))
        _KINDS[kind] = hit
    return hit


def _check_errors(value, function):
    if value not in ERRORS:
        raise ValueError("%s: argument 'errors' must be one of %s, got %r"
                         % (function, ", ".join(map(repr, ERRORS)), value))


def _counts_input(v, name, function, errors_rule):
    """A count argument as an int64 array of its own shape, and the
    positions that are missing (NaN/None/NA) or None. Non-integers,
    infinities, out-of-range values and non-numbers raise, naming ``name``."""
    if _is_series(v):
        v = capi._to_numpy(v, name, function)
    if isinstance(v, (str, bytes)):
        raise TypeError("%s: argument %r: expected counts, got a %s"
                        % (function, name, type(v).__name__))
    a = np.asarray(v)
    if a.dtype == object:
        a = capi._object_values(a, name, function)
    missing = None
    if a.dtype.kind == "f":
        miss = np.isnan(a)
        if miss.any():
            if errors_rule == "raise":
                first = np.unravel_index(int(np.flatnonzero(miss)[0]), a.shape)
                errors.raise_for(lib.FGROI_E_NAN, function, "argument %r has %d missing "
                                 "value(s) (NaN/None/NA), first at position %s; errors='coerce' "
                                 "returns NaN with status FGROI_E_NAN for those elements"
                                 % (name, int(miss.sum()), _pos(first)))
            missing = miss
            a = np.where(miss, 0.0, a)
    # (ascontiguousarray makes a 0-d array 1-d: the shape is restored)
    return capi.as_array(a, "int64_t", function, ndim=a.ndim, name=name).reshape(a.shape), missing


def _double_input(v, name, function):
    if _is_series(v):
        v = capi._to_numpy(v, name, function)
    a = np.asarray(v)
    return capi.as_array(a, "double", function, ndim=a.ndim, name=name).reshape(a.shape)


def _pos(ix):
    return ix[0] if len(ix) == 1 else tuple(int(i) for i in ix)


def _pointer(a, ctype, shape, n):
    """(pointer, element stride, keep-alive) for an input broadcast to
    ``shape``: one value repeats with stride 0, a full array walks with
    stride 1, anything else is expanded (copied) to the full shape."""
    if a.size == 1:
        return ffi.from_buffer(ctype + "[]", a), 0, a
    if a.shape != shape:
        a = np.ascontiguousarray(np.broadcast_to(a, shape))
    if n == 0:
        return ffi.NULL, 0, a
    return ffi.from_buffer(ctype + "[]", a), 1, a


_CKIND = {"prop_ci": lib.FGROIPY_PROP_CI, "prop_test": lib.FGROIPY_PROP_TEST,
          "prop_diff_ci": lib.FGROIPY_PROP_DIFF_CI, "prop_ratio_ci": lib.FGROIPY_PROP_RATIO_CI,
          "prop_odds_ratio_ci": lib.FGROIPY_PROP_OR_CI,
          "prop_2x2_test": lib.FGROIPY_PROP_2X2_TEST, "nps_ci": lib.FGROIPY_NPS_CI,
          "nps_test": lib.FGROIPY_NPS_TEST, "power_prop2": lib.FGROIPY_POWER_PROP2,
          "power_prop2_n": lib.FGROIPY_POWER_PROP2_N, "power_t": lib.FGROIPY_POWER_T,
          "power_t_n": lib.FGROIPY_POWER_T_N, "power_mcnemar": lib.FGROIPY_POWER_MCNEMAR,
          "power_mcnemar_n": lib.FGROIPY_POWER_MCNEMAR_N,
          # fgroi_prop_ci_many: the quantile computed once per call (issue 18)
          "prop_ci": lib.FGROIPY_PROP_CI_MANY,
          "power_prop2_exact": lib.FGROIPY_POWER_PROP2_EXACT,
          "power_nps": lib.FGROIPY_POWER_NPS, "power_nps_n": lib.FGROIPY_POWER_NPS_N}
_PACKED = {"prop_ci": "interval_packed"}


def run(name, function, out_kind, ints=(), doubles=(), *, method=0, conf_level=0.5,
        alternative=0, options=ffi.NULL, errors_rule="raise", attrs=None):
    """One batch call of the C function ``fgroi_<name>`` over broadcast
    inputs: ``ints`` and ``doubles`` are (argument name, value) pairs in the
    C order. Returns (structured array, pandas index or None)."""
    _check_errors(errors_rule, function)
    values = dict(ints)
    values.update(doubles)
    series = {k: v for k, v in values.items() if _is_series(v)}
    index = None
    if series:
        if len(series) > 1:
            from .api import _align
            values.update(_align(dict(series), function))
            series = {k: values[k] for k in series}
        index = next(iter(series.values())).index
    arrays, missing = {}, {}
    for k, _ in ints:
        arrays[k], missing[k] = _counts_input(values[k], k, function, errors_rule)
    for k, _ in doubles:
        arrays[k] = _double_input(values[k], k, function)
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        errors.raise_for(lib.FGROI_E_LENGTH_MISMATCH, function, "arguments of shapes %s do not "
                         "broadcast together" % ", ".join("%s %s" % (k, a.shape)
                                                          for k, a in arrays.items()))
    if index is not None and shape != (len(index),):
        errors.raise_for(lib.FGROI_E_LENGTH_MISMATCH, function, "a pandas Series input has %d "
                         "rows but the inputs broadcast to shape %s" % (len(index), shape))
    n = int(np.prod(shape, dtype=np.int64))
    keep = []
    cargs = []
    for k, _ in ints:
        p, s, a = _pointer(arrays[k], "int64_t", shape, n)
        keep.append(a)
        cargs += [p, s]
    cargs += [ffi.NULL, 0] * (4 - len(ints))
    for k, _ in doubles:
        p, s, a = _pointer(arrays[k], "double", shape, n)
        keep.append(a)
        cargs += [p, s]
    cargs += [ffi.NULL, 0] * (5 - len(doubles))
    if name in _PACKED:  # a library column entry point behind the batch kind
        out_kind = _PACKED[name]
    view, status_offset = _layout(out_kind)
    rec = np.empty(shape, dtype=view)
    failed = lib.fgroipy_batch(_CKIND[name], n, *cargs, method, conf_level, alternative,
                               options, ffi.from_buffer("char[]", rec) if n else ffi.NULL,
                               view.itemsize, status_offset)
    del keep
    flat_status = rec["status"].reshape(-1)
    miss = [m for m in missing.values() if m is not None]
    if miss:
        mask = np.zeros(shape, bool)
        for m in miss:
            mask |= np.broadcast_to(m, shape)
        mask = mask.reshape(-1)
        flat = rec.reshape(-1)
        flat_status[mask] = lib.FGROI_E_NAN
        for f in view.names:
            if view.fields[f][0].kind == "f":
                flat[f][mask] = np.nan
        if "flags" in view.names:
            flat["flags"][mask] = 0
        failed = int(np.count_nonzero(flat_status))
    if failed and errors_rule == "raise":
        i = int(np.flatnonzero(flat_status)[0])
        code = int(flat_status[i])
        pos = _pos(np.unravel_index(i, shape)) if shape else ()
        where = "element %s" % (pos,) if index is None else \
            "element %s (index label %r)" % (pos, index[i])
        given = ", ".join("%s=%s" % (k, _item(a, shape, i)) for k, a in arrays.items())
        errors.raise_for(code, function, "%s (%s): %s; %d of %d element(s) failed; "
                         "errors='coerce' returns NaN with the status of each failed element"
                         % (where, given, cstr(lib.fgroi_strerror(code)), failed, n))
    return rec, index


def _item(a, shape, i):
    if a.size == 1:
        return a.reshape(-1)[0]
    return np.broadcast_to(a, shape).reshape(-1)[i] if a.shape != shape else a.reshape(-1)[i]


def status_names(codes):
    """Status codes as their names (FGROI_E_...), None where 0 (OK)."""
    codes = np.asarray(codes)
    out = np.full(codes.shape, None, dtype=object)
    for c in np.unique(codes):
        if c:
            out[codes == c] = cstr(lib.fgroi_status_name(int(c)))
    return out


def finish(rec, index, errors_rule, attrs):
    """The structured array, or a DataFrame when the input had an index."""
    if index is None:
        return rec
    import pandas as pd
    cols = {f: rec[f] for f in rec.dtype.names}
    if errors_rule == "coerce":
        cols["error"] = status_names(rec["status"])
    df = pd.DataFrame(cols, index=index)
    df.attrs.update(attrs)
    return df


def _common(method, conf_level, alternative, function):
    m = capi.method_code(method, function)
    a = capi.alternative_code(alternative, function)
    if isinstance(conf_level, bool) or not isinstance(conf_level, (int, float, np.floating)):
        raise TypeError("%s: argument 'conf_level' must be a real number, got %s"
                        % (function, type(conf_level).__name__))
    return m, float(conf_level), a


def _attrs(method, conf_level, alternative, **more):
    d = {"method": method, "alternative": alternative}
    if conf_level is not None:
        d["conf_level"] = conf_level
    d.update(more)
    return d


def interval_raw(cname, argpairs, method, conf_level, alternative, errors_rule,
                 options=ffi.NULL):
    """(records, index) of a vectorised interval function ``fgroi_<cname>``."""
    fn = "fgroi.vector." + cname
    m, c, a = _common(method, conf_level, alternative, fn)
    return run(cname, fn, "interval", argpairs, method=m, conf_level=c, alternative=a,
               options=options, errors_rule=errors_rule)


def test_raw(cname, argpairs, extra, method, alternative, errors_rule):
    """(records, index) of a vectorised test function ``fgroi_<cname>``."""
    fn = "fgroi.vector." + cname
    m, _, a = _common(method, 0.5, alternative, fn)
    return run(cname, fn, "test", argpairs, extra, method=m, alternative=a,
               errors_rule=errors_rule)


def _interval_fn(cname, argnames):
    def f(*args, method="default", conf_level=0.95, alternative="two_sided", errors="raise"):
        if len(args) != len(argnames):
            raise TypeError("%s() takes %d positional arguments (%s), %d given"
                            % (cname, len(argnames), ", ".join(argnames), len(args)))
        rec, index = interval_raw(cname, tuple(zip(argnames, args)), method, conf_level,
                                  alternative, errors)
        return finish(rec, index, errors, _attrs(method, conf_level, alternative))
    f.__name__ = f.__qualname__ = cname
    f.__doc__ = ("Vectorised ``fgroi_%s(%s, method, conf_level, alternative)``: the "
                 "arguments broadcast; returns a structured array (fields estimate, low, high, "
                 "flags, status) or a DataFrame for pandas input (see the module doc)."
                 % (cname, ", ".join(argnames)))
    return f


def _test_fn(cname, argnames, null=None, null_default=None):
    def f(*args, method="default", alternative="two_sided", errors="raise", **kw):
        if len(args) != len(argnames):
            raise TypeError("%s() takes %d positional arguments (%s), %d given"
                            % (cname, len(argnames), ", ".join(argnames), len(args)))
        extra = ()
        if null is not None:
            extra = ((null, kw.pop(null, null_default)),)
        if kw:
            raise TypeError("%s() got an unexpected keyword argument %r" % (cname, next(iter(kw))))
        rec, index = test_raw(cname, tuple(zip(argnames, args)), extra, method, alternative,
                              errors)
        return finish(rec, index, errors, _attrs(method, None, alternative))
    f.__name__ = f.__qualname__ = cname
    f.__doc__ = ("Vectorised ``fgroi_%s``: the arguments (%s%s) broadcast; returns a structured "
                 "array (fields statistic, pvalue, df, flags, status) or a DataFrame for pandas "
                 "input (see the module doc)."
                 % (cname, ", ".join(argnames), ", " + null if null else ""))
    return f


prop_ci = _interval_fn("prop_ci", ("x", "n"))


class Columns(dict):
    """Column-shaped vectorised result: a dict of equally shaped numpy
    arrays (``estimate``, ``low``, ``high``, ``flags``, ``status``) also
    readable as attributes (``r.low``); ``to_records()`` gives the
    structured array the other vectorised calls return, ``to_frame()`` a
    DataFrame; ``attrs`` holds the method, alternative and conf_level."""

    __slots__ = ("attrs",)

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def shape(self):
        return self["low"].shape

    def __len__(self):  # the number of elements, as an array's length
        return len(self["low"])

    def to_records(self):
        view, _ = _layout("interval_packed")
        out = np.empty(self.shape, dtype=view)
        for k in view.names:
            out[k] = self[k]
        return out

    def to_frame(self, index=None):
        import pandas as pd
        df = pd.DataFrame({k: v.reshape(-1) for k, v in self.items()}, index=index)
        df.attrs.update(self.attrs)
        return df


def prop_ci_columns(x, n, *, method="wilson", conf_level=0.95, alternative="two_sided",
                    errors="raise"):
    """``fgroi_prop_ci_many`` (issue 18): intervals of arrays of counts
    written by the library straight into five column arrays, the quantile
    computed once; the fastest shape at millions of elements (no record
    layout to scatter into). Same inputs, broadcasting, element values
    (bit for bit), statuses and error rule as :func:`prop_ci`; returns a
    :class:`Columns`. pandas Series are read by position here: use
    :func:`prop_ci` for index-aligned DataFrames."""
    fn = "fgroi.vector.prop_ci_columns"
    _check_errors(errors, fn)
    m, c, a = _common(method, conf_level, alternative, fn)
    xa, xmiss = _counts_input(x, "x", fn, errors)
    na, nmiss = _counts_input(n, "n", fn, errors)
    try:
        shape = np.broadcast_shapes(xa.shape, na.shape)
    except ValueError:
        errors_mod.raise_for(lib.FGROI_E_LENGTH_MISMATCH, fn, "arguments of shapes x %s, n %s "
                             "do not broadcast together" % (xa.shape, na.shape))
    if xa.shape != shape:
        xa = np.ascontiguousarray(np.broadcast_to(xa, shape))
    if na.shape != shape:
        na = np.ascontiguousarray(np.broadcast_to(na, shape))
    k = xa.size
    out = Columns(estimate=np.empty(shape), low=np.empty(shape), high=np.empty(shape),
                  flags=np.empty(shape, np.uintc), status=np.empty(shape, np.intc))
    out.attrs = _attrs(method, conf_level, alternative)
    if k:
        ptr = ffi.from_buffer
        st = lib.fgroi_prop_ci_many(
            ptr("int64_t[]", xa), ptr("int64_t[]", na), k, m, c, a,
            ptr("double[]", out["estimate"]), ptr("double[]", out["low"]),
            ptr("double[]", out["high"]), ffi.cast("unsigned *", ptr(out["flags"])),
            ffi.cast("fgroi_status *", ptr(out["status"])))
        if st in (lib.FGROI_E_CONF_LEVEL, lib.FGROI_E_ALTERNATIVE, lib.FGROI_E_METHOD):
            errors_mod.raise_for(st, "fgroi_prop_ci_many")
    status = out["status"].reshape(-1)
    for miss in (xmiss, nmiss):
        if miss is not None:
            mask = np.broadcast_to(miss, shape).reshape(-1)
            status[mask] = lib.FGROI_E_NAN
            for f in ("estimate", "low", "high"):
                out[f].reshape(-1)[mask] = np.nan
            out["flags"].reshape(-1)[mask] = 0
    if errors == "raise" and k:
        bad = np.flatnonzero(status)
        if bad.size:
            i = int(bad[0])
            code = int(status[i])
            pos = _pos(np.unravel_index(i, shape))
            errors_mod.raise_for(code, fn, "element %s (x=%s, n=%s): %s; %d of %d element(s) "
                                 "failed; errors='coerce' returns NaN with the status of each "
                                 "failed element" % (pos, xa.reshape(-1)[i], na.reshape(-1)[i],
                                                     cstr(lib.fgroi_strerror(code)), bad.size, k))
    return out
prop_diff_ci = _interval_fn("prop_diff_ci", ("x1", "n1", "x2", "n2"))
prop_ratio_ci = _interval_fn("prop_ratio_ci", ("x1", "n1", "x2", "n2"))
prop_odds_ratio_ci = _interval_fn("prop_odds_ratio_ci", ("x1", "n1", "x2", "n2"))
prop_test = _test_fn("prop_test", ("x", "n"), "p0", 0.5)
prop_2x2_test = _test_fn("prop_2x2_test", ("x1", "n1", "x2", "n2"))
nps_test = _test_fn("nps_test", ("detractors", "passives", "promoters"), "null_nps", 0.0)


def nps_ci_raw(detractors, passives, promoters, method, conf_level, alternative, seed,
               replicates, errors_rule):
    fn = "fgroi.vector.nps_ci"
    opts = capi._default_struct("fgroi_nps_options")
    opts.seed = capi._as_int(seed, fn, "seed", "uint64_t")
    opts.resamples = capi._as_int(replicates, fn, "replicates", "int64_t")
    return interval_raw("nps_ci", (("detractors", detractors), ("passives", passives),
                                   ("promoters", promoters)),
                        method, conf_level, alternative, errors_rule, opts)


def nps_ci(detractors, passives, promoters, *, method="default", conf_level=0.95,
           alternative="two_sided", seed=1, replicates=0, errors="raise"):
    """Vectorised ``fgroi_nps_ci`` from category counts (broadcast); the
    bootstrap methods use the same ``seed`` for every element, as the
    scalar call would. Returns intervals as :func:`prop_ci` does."""
    rec, index = nps_ci_raw(detractors, passives, promoters, method, conf_level, alternative,
                            seed, replicates, errors)
    return finish(rec, index, errors, _attrs(method, conf_level, alternative))


def _power_options(alpha, alternative, strict, function):
    opts = capi._default_struct("fgroi_power_options")
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.floating)):
        raise TypeError("%s: argument 'alpha' must be a real number" % function)
    opts.alpha = float(alpha)
    opts.alternative = capi.alternative_code(alternative, function)
    opts.strict = 1 if strict else 0
    return opts


def power_prop2(p1, p2, n, *, alpha=0.05, alternative="two_sided", strict=False,
                errors="raise"):
    """Vectorised ``fgroi_power_prop2`` (R's power.prop.test power) over
    broadcast ``p1``, ``p2``, ``n`` (per group); returns fields power,
    status (or a DataFrame for pandas input)."""
    fn = "fgroi.vector.power_prop2"
    opts = _power_options(alpha, alternative, strict, fn)
    rec, index = run("power_prop2", fn, "power", (), (("p1", p1), ("p2", p2), ("n", n)),
                     options=opts, errors_rule=errors)
    return finish(rec, index, errors, {"alpha": alpha, "alternative": alternative,
                                       "strict": bool(strict)})


def power_prop2_n(p1, p2, power, *, alpha=0.05, alternative="two_sided", strict=False,
                  errors="raise"):
    """Vectorised ``fgroi_power_prop2_n`` (per-group n, unrounded) over
    broadcast ``p1``, ``p2``, ``power``; returns fields n, status (or a
    DataFrame for pandas input)."""
    fn = "fgroi.vector.power_prop2_n"
    opts = _power_options(alpha, alternative, strict, fn)
    rec, index = run("power_prop2_n", fn, "n", (), (("p1", p1), ("p2", p2), ("power", power)),
                     options=opts, errors_rule=errors)
    return finish(rec, index, errors, {"alpha": alpha, "alternative": alternative,
                                       "strict": bool(strict)})


def _power_run(name, fn, out, doubles, method, alpha, alternative, strict, errors_rule,
               attrs):
    opts = _power_options(alpha, alternative, strict, fn)
    code = capi.method_code(method, "fgroi_" + name)
    rec, index = run(name, fn, out, (), doubles, method=code, options=opts,
                     errors_rule=errors_rule)
    return finish(rec, index, errors_rule, dict(attrs, alpha=alpha, alternative=alternative,
                                                strict=bool(strict)))


def power_t(delta, sd, n, *, paired=False, alpha=0.05, alternative="two_sided", strict=False,
            errors="raise"):
    """Vectorised ``fgroi_power_t`` (R's power.t.test power) over broadcast
    ``delta``, ``sd``, ``n``; returns fields power, status."""
    kind = "paired_t" if paired else "student"
    return _power_run("power_t", "fgroi.vector.power_t", "power",
                      (("delta", delta), ("sd", sd), ("n", n)), kind, alpha, alternative,
                      strict, errors, {"method": kind})


def power_t_n(delta, sd, power, *, paired=False, alpha=0.05, alternative="two_sided",
              strict=False, errors="raise"):
    """Vectorised ``fgroi_power_t_n`` (n unrounded) over broadcast ``delta``,
    ``sd``, ``power``; returns fields n, status."""
    kind = "paired_t" if paired else "student"
    return _power_run("power_t_n", "fgroi.vector.power_t_n", "n",
                      (("delta", delta), ("sd", sd), ("power", power)), kind, alpha,
                      alternative, strict, errors, {"method": kind})


def power_mcnemar(p10, p01, n, *, method="mcnemar", alpha=0.05, alternative="two_sided",
                  errors="raise"):
    """Vectorised ``fgroi_power_mcnemar`` over broadcast ``p10``, ``p01``,
    ``n`` (pairs); returns fields power, status."""
    return _power_run("power_mcnemar", "fgroi.vector.power_mcnemar", "power",
                      (("p10", p10), ("p01", p01), ("n", n)), method, alpha, alternative,
                      False, errors, {"method": method})


def power_mcnemar_n(p10, p01, power, *, method="mcnemar", alpha=0.05, alternative="two_sided",
                    errors="raise"):
    """Vectorised ``fgroi_power_mcnemar_n`` (pairs, unrounded) over broadcast
    ``p10``, ``p01``, ``power``; returns fields n, status."""
    return _power_run("power_mcnemar_n", "fgroi.vector.power_mcnemar_n", "n",
                      (("p10", p10), ("p01", p01), ("power", power)), method, alpha,
                      alternative, False, errors, {"method": method})


def _exact_options(alpha, alternative, ratio, run, function):
    opts = _power_options(alpha, alternative, False, function)
    opts.ratio = float(ratio)
    if run is not None:
        opts.control = run.ptr
    return opts


def power_prop2_exact(p1, p2, n1, n2=None, *, test="fisher", alpha=0.05,
                      alternative="two_sided", errors="raise", progress=False):
    """Vectorised ``fgroi_power_prop2_exact`` (the exact power of Fisher's,
    Barnard's or Boschloo's test) over broadcast ``p1``, ``p2``, ``n1``,
    ``n2`` (``n2`` None: equal to ``n1``); returns fields power, status (or
    a DataFrame for pandas input). Each element enumerates its region, up
    to seconds at thousands per arm: Ctrl-C stops the batch
    (KeyboardInterrupt) and ``progress`` shows it element by element."""
    from . import control
    fn = "fgroi.vector.power_prop2_exact"
    code = capi.method_code(test, "fgroi_power_prop2_exact")
    with control.running(progress, fn, parts=int(np.size(np.broadcast(p1, p2, n1, n1 if n2 is None
                                                                        else n2))),
                         restarts=True) as run:
        opts = _exact_options(alpha, alternative, 1.0, run, fn)
        rec, index = run_batch("power_prop2_exact", fn, "power",
                               (("n1", n1), ("n2", n1 if n2 is None else n2)),
                               (("p1", p1), ("p2", p2)), method=code, options=opts,
                               errors_rule=errors)
    return finish(rec, index, errors, {"method": test, "alpha": alpha,
                                       "alternative": alternative})


def power_prop2_exact_n(p1, p2, power, *, test="fisher", alpha=0.05, alternative="two_sided",
                        ratio=1.0, errors="raise", progress=False):
    """``fgroi_power_prop2_exact_n`` (the exact sample-size search) over
    broadcast ``p1``, ``p2``, ``power``: a structured array with fields n
    (the smallest n1 reaching the power), n2, power (at n), n_stable,
    power_stable, status. Each element is a search of up to seconds, so
    the loop is a Python one (its cost is nothing beside the search);
    Ctrl-C and ``progress`` as :func:`power_prop2_exact`."""
    from . import control
    fn = "fgroi.vector.power_prop2_exact_n"
    _check_errors(errors, fn)
    b = np.broadcast(*(np.asarray(_double_input(v, k, fn)) for k, v in
                       (("p1", p1), ("p2", p2), ("power", power))))
    shape = b.shape
    args = [np.broadcast_to(_double_input(v, k, fn), shape).reshape(-1)
            for k, v in (("p1", p1), ("p2", p2), ("power", power))]
    dt = np.dtype([("n", np.int64), ("n2", np.int64), ("power", np.float64),
                   ("n_stable", np.int64), ("power_stable", np.float64), ("status", np.intc)])
    out = np.zeros(b.size, dtype=dt)
    code = capi.method_code(test, "fgroi_power_prop2_exact_n")
    with control.running(progress, fn, parts=b.size) as run:
        opts = _exact_options(alpha, alternative, ratio, run, fn)
        res = ffi.new("fgroi_power_exact_n *")
        for i in range(b.size):
            res.struct_size = ffi.sizeof("fgroi_power_exact_n")
            st = lib.fgroi_power_prop2_exact_n(float(args[0][i]), float(args[1][i]),
                                               float(args[2][i]), code, opts, res)
            if st == lib.FGROI_E_CANCELLED:
                errors_mod.raise_for(st, "fgroi_power_prop2_exact_n")
            out[i] = ((res.n1, res.n2, res.power, res.n1_stable, res.power_stable, 0) if st == 0
                      else (-1, -1, np.nan, -1, np.nan, st))
            run.report(1.0)
            run.part += 1
    if errors == "raise" and (out["status"] != 0).any():
        i = int(np.flatnonzero(out["status"])[0])
        code = int(out["status"][i])
        errors_mod.raise_for(code, fn, "element %s (p1=%r, p2=%r, power=%r): %s; %d of %d "
                             "element(s) failed; errors='coerce' returns NaN and -1 with the "
                             "status of each failed element"
                             % (_pos(np.unravel_index(i, shape)) if shape else (), args[0][i],
                                args[1][i], args[2][i], cstr(lib.fgroi_strerror(code)),
                                int(np.count_nonzero(out["status"])), b.size))
    return out.reshape(shape)


def power_nps(prom1, det1, prom2, det2, n1, *, alpha=0.05, alternative="two_sided", ratio=1.0,
              strict=False, errors="raise"):
    """Vectorised ``fgroi_power_nps`` over broadcast shares (promoters,
    detractors of wave 1 and wave 2) and ``n1`` (wave 1; wave 2 has
    ``ratio`` times as many); returns fields power, status."""
    fn = "fgroi.vector.power_nps"
    opts = _power_options(alpha, alternative, strict, fn)
    opts.ratio = float(ratio)
    rec, index = run("power_nps", fn, "power", (),
                     (("prom1", prom1), ("det1", det1), ("prom2", prom2), ("det2", det2),
                      ("n1", n1)), options=opts, errors_rule=errors)
    return finish(rec, index, errors, {"alpha": alpha, "alternative": alternative,
                                       "ratio": ratio, "strict": bool(strict)})


def power_nps_n(prom1, det1, prom2, det2, power, *, alpha=0.05, alternative="two_sided",
                ratio=1.0, strict=False, errors="raise"):
    """Vectorised ``fgroi_power_nps_n`` (wave-1 respondents, unrounded) over
    broadcast shares and ``power``; returns fields n, status."""
    fn = "fgroi.vector.power_nps_n"
    opts = _power_options(alpha, alternative, strict, fn)
    opts.ratio = float(ratio)
    rec, index = run("power_nps_n", fn, "n", (),
                     (("prom1", prom1), ("det1", det1), ("prom2", prom2), ("det2", det2),
                      ("power", power)), options=opts, errors_rule=errors)
    return finish(rec, index, errors, {"alpha": alpha, "alternative": alternative,
                                       "ratio": ratio, "strict": bool(strict)})


run_batch = run  # (the name `run` is shadowed by a control run in the functions above)

_ANALYSIS_FIELDS = ("estimate", "low", "high", "statistic", "pvalue", "df", "flags", "status")


def combine(test, ci, errors_rule, attrs):
    """A test and an interval over the same elements as one result (the
    vectorised :class:`~fgroi.results.Analysis`): fields estimate, low,
    high, statistic, pvalue, df, flags (both calls' bits), status (the
    test's status if it failed, else the interval's). An element where
    either call failed is NaN throughout."""
    tr, index = test
    cr, _ = ci
    dt = np.dtype([(f, np.intc if f == "status" else np.uintc if f == "flags" else np.float64)
                   for f in _ANALYSIS_FIELDS])
    out = np.empty(tr.shape, dtype=dt)
    for f in ("estimate", "low", "high"):
        out[f] = cr[f]
    for f in ("statistic", "pvalue", "df"):
        out[f] = tr[f]
    out["flags"] = tr["flags"] | cr["flags"]
    out["status"] = np.where(tr["status"] != 0, tr["status"], cr["status"])
    bad = out["status"] != 0
    if bad.any():
        for f in ("estimate", "low", "high", "statistic", "pvalue", "df"):
            out[f][bad] = np.nan
    return finish(out, index, errors_rule, attrs)
