"""Result objects: immutable, named fields shaped like scipy's results.

* :class:`Interval` - ``estimate``, ``low``, ``high``, ``conf_level``,
  ``method``, ``alternative``, ``flags`` (from ``fgroi_interval``)
* :class:`TestResult` - ``statistic``, ``pvalue``, ``df``, ``null_value``,
  ``method``, ``alternative``, ``flags`` (from ``fgroi_test``)
* :class:`Analysis` - a test and its interval together (what the
  hand-written wrappers return)
* every other public result struct becomes a frozen dataclass of the same
  name without the ``fgroi_`` prefix, built from the struct's own fields.

Methods and alternatives are their stable string names, flags a tuple of
names ("exact", "continuity", ...). All have ``to_dict()``, a readable repr
and ``_repr_html_`` for notebooks; :func:`to_frame` turns many into a
pandas DataFrame."""
import dataclasses
import html
import math
import struct
from typing import NamedTuple

from ._ffi import cstr, decls, ffi, lib

__all__ = ["Interval", "TestResult", "Analysis", "ConfidenceInterval", "to_frame",
           "flag_names", "enum_name", "method_name", "alternative_name", "from_struct", "record_type"]

FLAGS = sorted((getattr(lib, n), n[len("FGROI_FLAG_"):].lower())
               for n in dir(lib) if n.startswith("FGROI_FLAG_"))


_FLAG_CACHE = {0: ()}
_NAME_CACHE = {}


def flag_names(bits):
    """FGROI_FLAG_* bits as a tuple of lowercase names (unknown bits as 'bitN')."""
    bits = int(bits)
    hit = _FLAG_CACHE.get(bits)
    if hit is not None:
        return hit
    names = [name for value, name in FLAGS if bits & value]
    rest = bits & ~sum(v for v, _ in FLAGS)
    names += ["bit%d" % i for i in range(rest.bit_length()) if rest >> i & 1]
    if len(_FLAG_CACHE) < 4096:
        _FLAG_CACHE[bits] = tuple(names)
    return tuple(names)


def flag_bits(names):
    """The inverse of flag_names."""
    by_name = {n: v for v, n in FLAGS}
    bits = 0
    for n in names:
        bits |= by_name[n] if n in by_name else 1 << int(n[3:])
    return bits


def enum_name(cname, code):
    """An enum value as its stable name, through the library's
    ``<enum>_name()`` function when it has one (fgroi_method_name,
    fgroi_alternative_name, fgroi_status_name, ...); else the integer."""
    key = (cname, int(code))
    hit = _NAME_CACHE.get(key)
    if hit is not None:
        return hit
    fn = getattr(lib, cname + "_name", None)
    if fn is None:
        names = enum_short_names(cname)
        name = names.get(int(code))
        if name is None:
            return int(code)
    else:
        name = cstr(fn(int(code))) or "%s_%d" % (cname[len("fgroi_"):], int(code))
    if len(_NAME_CACHE) < 4096:  # the names are static strings in the library
        _NAME_CACHE[key] = name
    return name


def enum_short_names(cname):
    """{value: name} of an enum without a ``<enum>_name()`` function: each
    constant's name after the prefix all of them share, lowercased
    (FGROI_ROI_UNIFORM -> 'uniform')."""
    try:
        elements = ffi.typeof(cname).elements
    except (ffi.error, AttributeError):
        return {}
    full = list(elements.values())
    prefix = full[0][:full[0].rfind("_") + 1] if full else ""
    while prefix and not all(n.startswith(prefix) for n in full):
        prefix = prefix[:prefix[:-1].rfind("_") + 1]
    return {v: n[len(prefix):].lower() for v, n in elements.items()}


def method_name(code):
    return enum_name("fgroi_method", code)


def alternative_name(code):
    return enum_name("fgroi_alternative", code)


class ConfidenceInterval(NamedTuple):
    low: float
    high: float


class BoundConfidenceInterval(ConfidenceInterval):
    """``result.confidence_interval``: the (low, high) pair, and also
    callable as scipy's method, ``result.confidence_interval(confidence_level=0.9)``,
    which recomputes the interval at another level when the result came
    from an idiomatic function (``fgroi.prop_ci``, ``fgroi.nps``, ...) and
    returns the stored one at the result's own level."""

    def __call__(self, confidence_level=None):
        r = self.__dict__.get("_result")
        if confidence_level is None or r is None or confidence_level == r.conf_level:
            return ConfidenceInterval(self.low, self.high)
        again = r.__dict__.get("_again")
        if again is None:
            raise ValueError("this %s was not made by an idiomatic fgroi function, so it cannot be "
                             "recomputed at confidence_level=%r; call the function again with "
                             "conf_level=%r" % (type(r).__name__, confidence_level,
                                                confidence_level))
        if isinstance(again, tuple):  # the recipe (f, args, kwargs) of fgroi.api
            f, args, kwargs = again
            n = f(*args, **{**kwargs, "conf_level": confidence_level})
        else:
            n = again(confidence_level)
        return ConfidenceInterval(n.low, n.high)


def _bound_ci(result):
    ci = BoundConfidenceInterval(result.low, result.high)
    ci.__dict__["_result"] = result
    return ci


_NAN = object()  # stands for NaN in equality and hashing of results


def _fmt(v):
    if isinstance(v, float):
        return "%.6g" % v
    if isinstance(v, tuple) and v and all(isinstance(x, float) for x in v):
        return "(" + ", ".join("%.6g" % x for x in v) + ")"
    return repr(v)


class _Result:
    """Shared behaviour of every result dataclass."""

    def to_dict(self):
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def __getstate__(self):
        # the recompute recipe of confidence_interval(confidence_level=...)
        # holds the inputs and a closure: it stays in this process
        return {k: v for k, v in self.__dict__.items() if k != "_again"}

    def _key(self):
        # NaN (a test without df, say) equals NaN here, so a result equals
        # the same computation repeated
        return tuple(_NAN if isinstance(v, float) and v != v else v
                     for v in (getattr(self, f.name) for f in dataclasses.fields(self)))

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        body = ", ".join("%s=%s" % (k, _fmt(v)) for k, v in self.to_dict().items())
        return "%s(%s)" % (type(self).__name__, body)

    def _repr_html_(self):
        cells = []
        for k, v in self.to_dict().items():
            if isinstance(v, tuple) and all(isinstance(x, str) for x in v):
                v = ", ".join(v) or "-"
            cells.append("<tr><th style='text-align:left'>%s</th><td>%s</td></tr>" % (
                html.escape(k), html.escape(v if isinstance(v, str) else _fmt(v))))
        return ("<table class='fgroi-result'><caption>%s</caption>%s</table>"
                % (html.escape(type(self).__name__), "".join(cells)))


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class Interval(_Result):
    """A point estimate with its confidence interval."""
    estimate: float
    low: float
    high: float
    conf_level: float
    method: str
    alternative: str
    flags: tuple = ()

    @property
    def confidence_interval(self):
        """(low, high); also callable like scipy's
        ``confidence_interval(confidence_level=...)``."""
        return _bound_ci(self)

    def __contains__(self, value):
        return self.low <= value <= self.high


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class TestResult(_Result):
    """A hypothesis test, shaped like scipy's results."""
    __test__ = False  # not a pytest test class
    statistic: float
    pvalue: float
    df: float = math.nan
    null_value: float = math.nan
    method: str = "default"
    alternative: str = "two_sided"
    flags: tuple = ()


@dataclasses.dataclass(frozen=True, repr=False, eq=False)
class Analysis(_Result):
    """A test and an interval for the same comparison."""
    estimate: float
    low: float
    high: float
    statistic: float
    pvalue: float
    conf_level: float
    method: str
    ci_method: str
    alternative: str
    df: float = math.nan
    null_value: float = math.nan
    flags: tuple = ()

    @property
    def confidence_interval(self):
        """(low, high); also callable like scipy's
        ``confidence_interval(confidence_level=...)``."""
        return _bound_ci(self)

    @classmethod
    def combine(cls, test, ci):
        return cls(estimate=ci.estimate, low=ci.low, high=ci.high,
                   statistic=test.statistic, pvalue=test.pvalue, conf_level=ci.conf_level,
                   method=test.method, ci_method=ci.method, alternative=test.alternative,
                   df=test.df, null_value=test.null_value,
                   flags=tuple(dict.fromkeys(test.flags + ci.flags)))


_METHODS = {}        # method code -> name (static strings in the library)
_ALTERNATIVES = {}   # alternative code -> name
_new = object.__new__


def _interval(c):
    """An fgroi_interval (struct or pointer) as an Interval. The per-call
    hot path of the scalar functions: the frozen dataclass is filled
    through its __dict__ (what its __init__ would do field by field with
    object.__setattr__), names come from plain dict caches."""
    m, a, f = c.method, c.alternative, c.flags
    mn = _METHODS.get(m)
    if mn is None:
        mn = _METHODS[m] = method_name(m)
    an = _ALTERNATIVES.get(a)
    if an is None:
        an = _ALTERNATIVES[a] = alternative_name(a)
    fl = _FLAG_CACHE.get(f)
    if fl is None:
        fl = flag_names(f)
    r = _new(Interval)
    r.__dict__.update(estimate=c.estimate, low=c.lower, high=c.upper, conf_level=c.conf_level,
                      method=mn, alternative=an, flags=fl)
    return r


def _interval_layout():
    """struct.Struct reading a whole fgroi_interval in one call, when its
    C layout is the one the format describes (checked field by field with
    cffi's offsets); else None and the per-field path is used."""
    fmt = struct.Struct("@Q4d2iI")
    want = {"struct_size": 0, "estimate": 8, "lower": 16, "upper": 24, "conf_level": 32,
            "method": 40, "alternative": 44, "flags": 48}
    ok = (ffi.sizeof("size_t") == 8 and ffi.sizeof("fgroi_method") == 4
          and ffi.sizeof("fgroi_alternative") == 4 and ffi.sizeof("unsigned") == 4
          and ffi.sizeof("fgroi_interval") >= fmt.size
          and all(ffi.offsetof("fgroi_interval", k) == v for k, v in want.items()))
    return fmt.unpack_from if ok else None


_UNPACK_INTERVAL = _interval_layout()
_buffer = ffi.buffer
_setattr = object.__setattr__


def interval_from_pointer(p):
    """An ``fgroi_interval *`` filled by the library as an Interval: the
    scalar functions' hot path (one unpack of the struct, the frozen
    dataclass filled through its __dict__, names from dict caches)."""
    if _UNPACK_INTERVAL is None:
        return _interval(p)
    _, est, lo, hi, cl, m, a, f = _UNPACK_INTERVAL(_buffer(p))
    mn = _METHODS.get(m)
    if mn is None:
        mn = _METHODS[m] = method_name(m)
    an = _ALTERNATIVES.get(a)
    if an is None:
        an = _ALTERNATIVES[a] = alternative_name(a)
    fl = _FLAG_CACHE.get(f)
    if fl is None:
        fl = flag_names(f)
    r = _new(Interval)
    _setattr(r, "__dict__", {"estimate": est, "low": lo, "high": hi, "conf_level": cl,
                             "method": mn, "alternative": an, "flags": fl})
    return r


def _test(c):
    return TestResult(c.statistic, c.p_value, c.df, c.null_value, method_name(c.method),
                      alternative_name(c.alternative), flag_names(c.flags))


def type_name(ctype):
    """A cffi type's C name without 'struct '/'enum ' (the headers typedef
    every public struct and enum to its tag)."""
    return ctype.cname.replace("struct ", "").replace("enum ", "")


def _field_value(ctype, name, v):
    """A struct field as a Python value."""
    kind = ctype.kind
    if kind == "array":
        return tuple(_field_value(ctype.item, name, x) for x in v)
    if kind == "enum":
        return enum_name(type_name(ctype), v)
    if kind == "primitive":
        if name == "flags":
            return flag_names(v)
        if ctype.cname in ("char",):
            return v.decode("latin-1")
        return v
    if kind == "struct":
        return from_struct(v)
    return v


_RECORDS = {}


def record_type(cname):
    """The frozen dataclass for a public struct type (built once per type)."""
    if cname in _RECORDS:
        return _RECORDS[cname]
    ct = ffi.typeof(cname)
    fields = [n for n, _ in ct.fields if n != "struct_size"]
    short = cname[len("fgroi_"):] if cname.startswith("fgroi_") else cname
    clsname = "".join(w.capitalize() for w in short.split("_"))
    cls = dataclasses.make_dataclass(clsname, fields, bases=(_Result,),
                                     frozen=True, repr=False, eq=False, namespace={
                                         "__doc__": "Result struct %s (all fields)." % cname,
                                         "__module__": __name__})
    _RECORDS[cname] = cls
    globals().setdefault(clsname, cls)  # importable by name, so results pickle
    return cls


def _all_records():
    """Build the record type of every public struct up front, so a result
    unpickles in a fresh process before that process has produced one."""
    for _, _, params in decls.FUNCTIONS:
        for _, ctype in params:
            base = ctype.replace("const ", "").rstrip(" *").split("[")[0].strip()
            if base not in ("fgroi_interval", "fgroi_test") and base.startswith("fgroi_"):
                try:
                    if ffi.typeof(base).kind == "struct":
                        record_type(base)
                except ffi.error:
                    pass


def from_struct(cdata):
    """A result struct (cdata pointer or value) as its Python result object."""
    ct = ffi.typeof(cdata)
    if ct.kind == "pointer":
        ct = ct.item
        cdata = cdata[0]
    cname = type_name(ct)
    if cname == "fgroi_interval":
        return _interval(cdata)
    if cname == "fgroi_test":
        return _test(cdata)
    cls = record_type(cname)
    return cls(**{n: _field_value(f.type, n, getattr(cdata, n))
                  for n, f in ct.fields if n != "struct_size"})


def to_frame(results, index=None):
    """A list (or dict label -> result) of results as a pandas DataFrame,
    one row per result, one column per field (NaN where a result lacks it)."""
    import pandas as pd
    if isinstance(results, dict):
        index = list(results.keys()) if index is None else index
        results = list(results.values())
    rows = []
    for r in results:
        d = r.to_dict()
        rows.append({k: (", ".join(v) if k == "flags" else v) for k, v in d.items()})
    return pd.DataFrame(rows, index=index)


_all_records()
