"""The generic low-level layer: one Python callable per public C function.

Built at import time from the declarations gen_cffi.py extracted from the
public headers and the API description (docs/api.json, "binding" of each
parameter: its role, lengths, capacity and default, derived once from the
grammar by docs/gen_api.py), so a function added to a header appears here
with no hand work and this module keeps no name rules or tables. ``fgroi.capi.prop_ci`` calls ``fgroi_prop_ci``; every callable carries
the C doc comment and a Python signature.

How parameters are mapped (by C type and position):

* scalars: Python/numpy numbers (whole numbers for integer types); enums
  take their stable names (``<enum>_from_name``, else the lowercase ends
  of their constants) or integer codes and default to 0; ``conf_level``,
  ``method``, ``alternative`` and ``seed`` have the same defaults
  everywhere (0.95, "default", "two_sided", 1);
* ``const T *x`` followed by ``size_t n``: any sequence, numpy array or
  pandas Series; converted with ``numpy.ascontiguousarray(x, dtype=T)`` after
  checking the values fit ``T`` exactly (never a silent float -> int
  truncation); ``n`` is filled in, and arrays sharing one length must agree;
* ``const S *x`` followed by ``size_t n`` (arrays of plain structs such as
  fgroi_paired_cluster): numpy structured arrays with the C layout (or a
  DataFrame / list of dicts with the field names); ``T name[N]``: exactly N
  values;
* ``const char *``: str;
* ``const S *`` (a struct): a tally object, a dict of fields (applied over
  ``<prefix>_default()`` when the library has one, else over zeros with
  struct_size set), or None for the defaults;
* ``S *`` (a struct to fill): allocated with struct_size set and returned
  as a result object, unless the caller passes one (a tally), which is then
  updated in place;
* ``T *`` scalar outputs are returned; ``T *buf, size_t capacity`` array
  outputs are allocated, grown when the call reports FGROI_E_CAPACITY and
  returned as numpy arrays (trimmed to the reported size when there is one),
  also when one ``capacity`` precedes several output arrays; other output
  pointers of a function that takes arrays get room for the longest input
  (so no shape guess can overflow a buffer) and come back as arrays unless
  the description calls them scalars. The header's ``@shape`` annotations
  give the few shapes the types alone do not tell (through the description).

A status other than FGROI_OK raises through :mod:`fgroi.errors`. The call
itself runs without the GIL (CFFI's out-of-line API mode)."""
import inspect
import math
import numbers
import operator
import re

import numpy as np

from . import errors
from ._ffi import cstr, decls, ffi, lib
from .results import enum_name, enum_short_names, flag_bits, from_struct, type_name

__all__ = ["FUNCTIONS", "CFunction", "as_array", "enum_code", "method_code",
           "alternative_code"]

DTYPES = {
    "double": np.float64, "float": np.float32,
    "int8_t": np.int8, "int16_t": np.int16, "int32_t": np.int32, "int64_t": np.int64,
    "uint8_t": np.uint8, "uint16_t": np.uint16, "uint32_t": np.uint32, "uint64_t": np.uint64,
    "int": np.intc, "unsigned int": np.uintc, "long": np.int_, "size_t": np.uintp,
    "_Bool": np.bool_, "bool": np.bool_, "char": np.int8, "unsigned char": np.uint8,
}


def _raise(name, function, message=None):
    errors.raise_for(getattr(lib, name), function, message)


_CODE_CACHE = {}


# Other libraries' names for the same methods (statsmodels' multipletests,
# R's p.adjust, scipy), mapped to the library's stable names before the C
# lookup (fgroi_method_from_name), which stays the one name table.
METHOD_ALIASES = {
    "fdr_bh": "bh", "fdr": "bh", "BH": "bh", "benjamini-hochberg": "bh",
    "fdr_by": "by", "BY": "by", "benjamini-yekutieli": "by",
    "simes-hochberg": "hochberg", "b": "bonferroni", "h": "holm", "ho": "hommel",
    "sh": "hochberg", "fdr_i": "bh",
    "clopper-pearson": "clopper_pearson", "beta": "clopper_pearson",
    "agresti-coull": "agresti_coull",
}


def enum_code(cname, value, function=None):
    """An enum argument given by its stable name (through the library's
    ``<enum>_from_name()``, e.g. fgroi_method_from_name), by the name of its
    constant, or by its integer value; None means 0 (each enum's default)."""
    if value is None:
        return 0
    if isinstance(value, str):
        hit = _CODE_CACHE.get((cname, value))
        if hit is not None:
            return hit
        v = value.strip()
        if cname == "fgroi_method":
            v = METHOD_ALIASES.get(v, v)
        fn = getattr(lib, cname + "_from_name", None)
        if fn is not None:
            out = ffi.new(cname + " *")
            status = fn(v.lower().replace("-", "_").encode(), out)
            if status == 0 or getattr(lib, v.upper(), None) is None:
                errors.check(status, function)
                if len(_CODE_CACHE) < 4096:  # names map to codes for good
                    _CODE_CACHE[(cname, value)] = int(out[0])
                return int(out[0])
        const = getattr(lib, v.upper(), None)
        if const is None:
            by_name = {n: c for c, n in enum_short_names(cname).items()}
            const = by_name.get(v.lower().replace("-", "_"))
        if const is None:
            _raise("FGROI_E_UNKNOWN_NAME", function, "unknown %s %r" % (cname, value))
        return int(const)
    if isinstance(value, float):
        raise TypeError("%s: %s must be a name or an integer" % (function, cname))
    return operator.index(value)


def method_code(value, function=None):
    """A method given by name (or code) as its integer code."""
    return enum_code("fgroi_method", value, function)


def alternative_code(value, function=None):
    """An alternative given by name ('two_sided', 'two.sided', 'less', 'greater')."""
    return enum_code("fgroi_alternative", value, function)


def _arg_message(name, function, what):
    return "argument %r: %s" % (name, what) if name else what


def _as_int(v, function, name=None, ctype="int64_t"):
    """A whole number for the C integer type ``ctype``; a bad value raises
    the library's exception for it, naming the argument and its domain."""
    if isinstance(v, (bool, np.bool_)):
        i = int(v)
    elif isinstance(v, numbers.Integral):
        i = int(v)
    elif isinstance(v, numbers.Real):
        f = float(v)
        if math.isnan(f):
            _raise("FGROI_E_NAN", function, _arg_message(name, function, "NaN/missing where "
                                                         "a whole number is required"))
        if math.isinf(f):
            _raise("FGROI_E_INFINITE", function, _arg_message(name, function, "%r is not finite" % v))
        if not f.is_integer():
            _raise("FGROI_E_NOT_INTEGER", function,
                   _arg_message(name, function, "%r is not a whole number" % v))
        i = int(f)
    else:
        if isinstance(v, (str, bytes)) or v is None:
            raise TypeError("%s: %s" % (function, _arg_message(
                name, function, "expected a whole number, got %s" % type(v).__name__)))
        i = operator.index(v)  # TypeError for anything else
    return _int_range(i, function, name, ctype)


def _int_range(i, function, name, ctype):
    lo, hi = _INT_BOUNDS.get(ctype, (None, None))
    if lo is not None and not lo <= i <= hi:
        _raise(("FGROI_E_TOO_LARGE" if hi >= 2**63 - 1 else "FGROI_E_OUT_OF_RANGE") if i > hi else
               "FGROI_E_NEGATIVE_COUNT" if lo == 0 else "FGROI_E_OUT_OF_RANGE", function,
               _arg_message(name, function, "%d is outside %s's range [%d, %d]"
                            % (i, ctype, lo, hi)))
    return i


def _to_numpy(x, name, function):
    """A pandas object as a numpy array: missing values (None, NaN, pd.NA)
    of a numeric or nullable column become NaN; strings, categories and
    other objects are refused (never parsed)."""
    dt = getattr(x, "dtype", None)
    kind = getattr(dt, "kind", "O")
    if kind in "biuf" and not isinstance(dt, np.dtype):  # pandas nullable Int64, boolean, Float64
        if bool(np.asarray(x.isna()).any()):
            return x.to_numpy(dtype=np.float64, na_value=np.nan)
        return x.to_numpy(dtype=np.float64 if kind == "f" else
                          np.bool_ if kind == "b" else np.dtype(kind + str(dt.itemsize)))
    return x.to_numpy()


def _object_values(a, name, function):
    """An object array of numbers (None and pd.NA count as missing) as
    float64 or int64; anything else (strings above all) is a TypeError."""
    flat = a.ravel().tolist()
    ints = True
    out = []
    for v in flat:
        if v is None or v is _PD_NA():
            out.append(math.nan)
            ints = False
        elif isinstance(v, (bool, np.bool_, numbers.Integral)):
            out.append(int(v))
        elif isinstance(v, numbers.Real):
            out.append(float(v))
            ints = False
        else:
            raise TypeError("%s: %s" % (function, _arg_message(
                name, function, "expected numbers, got %s %r (strings are never parsed)"
                % (type(v).__name__, v))))
    if ints:
        try:
            return np.array(out, dtype=np.int64).reshape(a.shape)
        except OverflowError:
            pass
    return np.array(out, dtype=np.float64).reshape(a.shape)


def _PD_NA():
    import sys
    pd = sys.modules.get("pandas")
    return pd.NA if pd is not None else None


def as_array(x, ctype, function=None, ndim=1, name=None):
    """``x`` as a C-contiguous numpy array of the C element type ``ctype``,
    refusing conversions that would change values (float -> int with a
    fraction, out-of-range integers, NaN/missing into an integer type,
    strings parsed as numbers). Errors name the argument ``name``."""
    dtype = np.dtype(DTYPES[ctype])
    if hasattr(x, "to_numpy") and not isinstance(x, np.ndarray):
        x = _to_numpy(x, name, function)
    if isinstance(x, (str, bytes)):
        raise TypeError("%s: %s" % (function, _arg_message(
            name, function, "expected numbers, got a %s" % type(x).__name__)))
    a = np.asarray(x)
    if a.dtype == object:
        a = _object_values(a, name, function)
    if a.ndim != ndim:
        raise TypeError("%s: %s" % (function, _arg_message(
            name, function, "expected a %d-dimensional array, got shape %s" % (ndim, a.shape))))
    if dtype.kind in "iub":
        if a.dtype.kind == "f":
            if a.size and np.isnan(a).any():
                _raise("FGROI_E_NAN", function, _arg_message(
                    name, function, "%d missing value(s) (NaN/None/NA), first at index %d, "
                    "where whole numbers are required" % (int(np.isnan(a).sum()),
                                                         int(np.flatnonzero(np.isnan(a))[0]))))
            if a.size and not np.isfinite(a).all():
                _raise("FGROI_E_INFINITE", function, _arg_message(
                    name, function, "infinite value at index %d"
                    % int(np.flatnonzero(~np.isfinite(a))[0])))
            if a.size and (a != np.round(a)).any():
                _raise("FGROI_E_NOT_INTEGER", function, _arg_message(
                    name, function, "values must be whole numbers (index %d is %r)"
                    % (int(np.flatnonzero(a != np.round(a))[0]), a[a != np.round(a)][0])))
        elif a.dtype.kind not in "iub":
            raise TypeError("%s: %s" % (function, _arg_message(
                name, function, "expected integers, got dtype %s" % a.dtype)))
        if a.size and dtype.kind != "b" and not np.can_cast(a.dtype, dtype, "safe"):
            info = np.iinfo(dtype)
            lo, hi = a.min(), a.max()
            if lo < info.min:
                _raise("FGROI_E_NEGATIVE_COUNT" if lo < 0 and info.min == 0 else
                       "FGROI_E_OUT_OF_RANGE", function, _arg_message(
                           name, function, "value %r below the smallest %s (%d)"
                           % (lo, ctype, info.min)))
            if hi > info.max:
                _raise("FGROI_E_TOO_LARGE" if info.max >= 2**63 - 1 else "FGROI_E_OUT_OF_RANGE",
                       function, _arg_message(
                    name, function, "value %r above the largest %s (%d)" % (hi, ctype, info.max)))
    elif a.dtype.kind not in "fiub":
        raise TypeError("%s: %s" % (function, _arg_message(
            name, function, "expected numbers, got dtype %s" % a.dtype)))
    return np.ascontiguousarray(a, dtype=dtype)


FIXED = re.compile(r"^(const )?(.+?)\s*\[(\d+)\]$")


class _P:
    """One C parameter and how it is fed (its role and links come from the
    API description, docs/api.json's "binding"; its C type from the cdef)."""
    __slots__ = ("name", "ctype", "const", "role", "base", "fixed", "cols", "lengths",
                 "capacity", "default", "is_struct", "trim")

    def __init__(self, name, ctype):
        self.name = name
        self.ctype = ctype
        self.const = ctype.startswith("const ")
        self.role = None
        self.fixed = None     # N of a `T name[N]` parameter
        self.cols = None      # trailing dimension of a row-major input
        self.lengths = None   # the length parameter(s) of an input array
        self.capacity = None  # the capacity parameter of an output array
        self.trim = None      # the length parameter an output array is trimmed to
        self.default = inspect.Parameter.empty
        m = FIXED.match(ctype)
        if m:
            self.base, self.fixed = m.group(2).strip(), int(m.group(3))
        else:
            self.base = _base(ctype)
        self.is_struct = self.base is not None and _kind(self.base) == "struct"


def _base(ctype):
    t = ctype.replace("const ", "").strip()
    return t[:-1].strip() if t.endswith("*") else None


_KINDS = {}


def _kind(cname):
    """'primitive', 'enum', 'struct', ... for a C type name (None if unknown)."""
    k = _KINDS.get(cname, 0)
    if k == 0:
        try:
            k = ffi.typeof(cname).kind
        except ffi.error:
            k = None
        _KINDS[cname] = k
    return k


VISIBLE = ("scalar", "str", "array_in", "sarray_in", "fixed_in", "struct_in", "struct_out",
           "unsupported")


def _plan(cname, params, binding):
    """The parameters of ``cname`` as the API description plans them:
    ``binding`` is the list of each parameter's "binding" entry in
    docs/api.json (role, lengths, capacity, trim, cols, default), derived
    once from the grammar by docs/gen_api.py. No binding (a declaration the
    description does not know): the function is unsupported."""
    ps = [_P(n, t) for n, t in params]
    if binding is None or len(binding) != len(ps):
        for p in ps:
            p.role = "unsupported"
        return ps, ps
    by_name = {p.name: p for p in ps}
    for p, b in zip(ps, binding):
        p.role = b["role"]
        p.cols = b.get("cols")
        if "lengths" in b:
            p.lengths = [by_name[n] for n in b["lengths"]]
        if "capacity" in b:
            p.capacity = by_name[b["capacity"]]
        if "trim" in b:
            p.trim = by_name[b["trim"]]
        if "default" in b:
            p.default = b["default"]
    return ps, [p for p in ps if p.role in VISIBLE]


_DTYPES = {}


def struct_dtype(cname):
    """The numpy structured dtype with the C struct's exact layout."""
    dt = _DTYPES.get(cname)
    if dt is None:
        names, formats, offsets = [], [], []
        for n, f in ffi.typeof(cname).fields:
            t = f.type
            if t.kind == "array":
                fmt = (np.dtype(DTYPES.get(type_name(t.item), np.intc)), t.length)
            elif t.kind == "enum":
                fmt = np.dtype("i%d" % ffi.sizeof(t))
            elif t.kind == "primitive":
                fmt = np.dtype(DTYPES[t.cname])
            else:
                raise TypeError("%s.%s: no numpy equivalent" % (cname, n))
            names.append(n)
            formats.append(fmt)
            offsets.append(f.offset)
        dt = np.dtype({"names": names, "formats": formats, "offsets": offsets,
                       "itemsize": ffi.sizeof(cname)})
        _DTYPES[cname] = dt
    return dt


def as_struct_array(x, cname, function=None):
    """Records (a numpy structured array, a DataFrame with the struct's
    field names as columns, a dict of columns or a list of dicts/results)
    as a C-contiguous numpy array with the C struct's layout."""
    dt = struct_dtype(cname)
    if isinstance(x, np.ndarray) and x.dtype == dt:
        return np.ascontiguousarray(x)
    if isinstance(x, np.ndarray) and x.dtype.names:
        cols = {n: x[n] for n in x.dtype.names}
        n = len(x)
    elif hasattr(x, "columns"):  # DataFrame
        cols = {c: x[c].to_numpy() for c in x.columns}
        n = len(x)
    elif isinstance(x, dict):
        cols = x
        n = len(next(iter(x.values()))) if x else 0
    else:
        rows = [r.to_dict() if hasattr(r, "to_dict") else dict(r) for r in x]
        cols = {k: [r[k] for r in rows] for k in (rows[0] if rows else {})}
        n = len(rows)
    out = np.zeros(n, dtype=dt)
    for name in dt.names:
        if name == "struct_size":
            out[name] = ffi.sizeof(cname)
            continue
        if name not in cols:
            raise TypeError("%s: %s records need a %r field" % (function, cname, name))
        ft = dt.fields[name][0]
        base = ft.base if ft.subdtype else ft
        ctype = next((k for k, v in DTYPES.items() if np.dtype(v) == base), None)
        out[name] = as_array(cols[name], ctype, function, ndim=1 + len(ft.shape), name=name) \
            if ctype else cols[name]
    return out


class CFunction:
    """A public C function made callable from Python (see module doc)."""

    def __init__(self, cname, restype, params, doc="", binding=None):
        self.cname = cname
        self.restype = restype
        self.params, self.visible = _plan(cname, params, binding)
        self._cfunc = getattr(lib, cname)
        self.__name__ = cname[len("fgroi_"):]
        self.__qualname__ = self.__name__
        self.__module__ = __name__
        self.__signature__ = inspect.Signature([
            inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=p.default)
            for p in self.visible])
        sig = "%s %s(%s)" % (restype, cname, ", ".join("%s %s" % (t, n) for n, t in params))
        self.__doc__ = "Calls ``%s``.\n\n%s" % (sig, doc)
        self.supported = all(p.role != "unsupported" for p in self.params)
        self._names = [p.name for p in self.visible]
        self._defaults = {p.name: p.default for p in self.visible}
        self._index = {id(p): k for k, p in enumerate(self.params)}
        # the parameters each stage of a call visits, computed once
        ps = list(enumerate(self.params))
        self._inputs = [(k, p) for k, p in ps if p.role in (
            "scalar", "str", "array_in", "sarray_in", "fixed_in", "struct_in", "struct_out")]
        self._allocs = [(k, p) for k, p in ps if p.role in (
            "length", "struct_out", "struct_rows", "scalar_out", "needed", "bad_index",
            "array_rows", "fixed_out", "array_out", "sarray_out")]
        self._lengths = [p for p in self.params if p.role == "length"]
        self._caps = [(k, [self._index[id(q)] for q in self.params if q.capacity is p])
                      for k, p in ps if p.role == "capacity"]
        self._growable = [(k, p) for k, p in ps if p.role in ("array_out", "sarray_out")]
        self._needed = [k for k, p in ps if p.role == "needed"]
        self._bad = [k for k, p in ps if p.role == "bad_index"]
        self._outs = [(k, p) for k, p in ps if p.role in (
            "struct_out", "struct_rows", "scalar_out", "array_rows", "fixed_out", "array_out",
            "sarray_out")]
        self._trim = {k: self._index[id(p.trim)] for k, p in ps if p.trim is not None}

    def __repr__(self):
        return "<fgroi.capi.%s%s>" % (self.__name__, self.__signature__)

    def _bind(self, args, kwargs):
        """Python's argument binding for the signature, without inspect's cost."""
        names = self._names
        if len(args) > len(names):
            raise TypeError("%s() takes %d arguments, %d given" % (self.__name__, len(names),
                                                                   len(args)))
        given = dict(zip(names, args))
        for k, v in kwargs.items():
            if k not in self._defaults:
                raise TypeError("%s() got an unexpected keyword argument %r" % (self.__name__, k))
            if k in given:
                raise TypeError("%s() got multiple values for argument %r" % (self.__name__, k))
            given[k] = v
        if len(given) < len(names):
            for k in names:
                if k not in given:
                    d = self._defaults[k]
                    if d is inspect.Parameter.empty:
                        raise TypeError("%s() missing required argument %r" % (self.__name__, k))
                    given[k] = d
        return given

    # -- conversion of one input ------------------------------------------------
    def _scalar(self, p, v):
        t = type(v)
        if t is float and p.ctype == "double":
            return v  # the common case
        if t is int and p.ctype in _INT_TYPES:
            lo, hi = _INT_BOUNDS[p.ctype]
            return v if lo <= v <= hi else _int_range(v, self.cname, p.name, p.ctype)
        fn = self.cname
        if _kind(p.ctype) == "enum":
            return enum_code(p.ctype, v, fn)
        if p.ctype in ("double", "float"):
            if isinstance(v, (str, bytes)) or v is None or not isinstance(v, numbers.Real):
                raise TypeError("%s: argument %r must be a real number, got %s"
                                % (fn, p.name, type(v).__name__))
            return float(v)
        return _as_int(v, fn, p.name, p.ctype)

    def _struct_in(self, p, v):
        if hasattr(v, "to_dict") and not hasattr(v, "_cdata"):
            v = _result_fields(v.to_dict(), p.base)
        if v is None or isinstance(v, dict):
            s = _default_struct(p.base)
            for k, val in (v or {}).items():
                fields = dict(ffi.typeof(p.base).fields)
                if k not in fields or k == "struct_size":
                    raise TypeError("%s: %s has no field %r" % (self.cname, p.base, k))
                ft = fields[k].type
                if ft.kind == "enum":
                    val = enum_code(type_name(ft), val, self.cname)
                elif k == "flags" and isinstance(val, tuple):
                    val = flag_bits(val)
                elif ft.kind == "primitive" and ft.cname in _INT_BOUNDS:
                    val = _as_int(val, self.cname, "%s.%s" % (p.name, k), ft.cname)
                elif ft.kind == "primitive" and ft.cname in ("double", "float"):
                    if not isinstance(val, numbers.Real) or isinstance(val, bool):
                        raise TypeError("%s: argument %r: field %r must be a real number, got %s"
                                        % (self.cname, p.name, k, type(val).__name__))
                setattr(s, k, val)
            return s
        return self._own_struct(p, v)

    def _own_struct(self, p, v):
        cd = getattr(v, "_cdata", v)
        if not isinstance(cd, ffi.CData) or ffi.typeof(cd) is not ffi.typeof(p.base + " *"):
            raise TypeError("%s: %s must be a %s (got %s)" % (self.cname, p.name, p.base,
                                                              type(v).__name__))
        return cd

    def _array(self, p, v):
        if p.role == "sarray_in":
            return as_struct_array(v, p.base, self.cname)
        elem = p.base if p.base in DTYPES else "int"
        if p.fixed is not None:
            a = as_array(np.ravel(np.asarray(v.to_numpy() if hasattr(v, "to_numpy") else v)),
                         elem, self.cname, name=p.name)
            if a.size != p.fixed:
                _raise("FGROI_E_LENGTH_MISMATCH", self.cname,
                       "%s needs %d values, got %d" % (p.name, p.fixed, a.size))
            return a
        ndim = len(p.lengths) + (1 if p.cols else 0)
        if p.cols:  # rows of `cols` values may also come flat, as C takes them
            flat = np.asarray(v.to_numpy() if hasattr(v, "to_numpy") else v)
            if flat.ndim == 1 and flat.size % p.cols == 0:
                v = flat.reshape(-1, p.cols)
        a = as_array(v, elem, self.cname, ndim=ndim, name=p.name)
        if p.cols and a.shape[-1] != p.cols:
            _raise("FGROI_E_LENGTH_MISMATCH", self.cname,
                   "%s needs rows of %d values, got shape %s" % (p.name, p.cols, a.shape))
        return a

    # -- the call -------------------------------------------------------------------
    def __call__(self, /, *args, **kwargs):
        if not self.supported:
            raise NotImplementedError("%s: a parameter type the generic layer does not map; "
                                      "use fgroi.lib directly" % self.cname)
        given = self._bind(args, kwargs)
        fn = self.cname
        params = self.params
        cargs = [None] * len(params)
        keep = []
        holders = {}
        dims = {}   # id(length param) -> value
        for k, p in self._inputs:
            r = p.role
            if r == "scalar":
                cargs[k] = self._scalar(p, given[p.name])
            elif r == "str":
                v = given[p.name]
                if not isinstance(v, str):
                    raise TypeError("%s: %s must be a str" % (fn, p.name))
                cargs[k] = ffi.new("char[]", v.encode())
            elif r == "struct_in":
                cargs[k] = self._struct_in(p, given[p.name])
            elif r == "struct_out":
                if given[p.name] is not None:
                    cargs[k] = self._own_struct(p, given[p.name])
                    holders[k] = given[p.name]
            else:  # array_in, sarray_in, fixed_in
                a = self._array(p, given[p.name])
                keep.append(a)
                if p.lengths is not None:
                    for d, q in zip(a.shape, p.lengths):
                        old = dims.setdefault(id(q), d)
                        if old != d:
                            _raise("FGROI_E_LENGTH_MISMATCH", fn,
                                   "%s has %d elements where other arrays have %d"
                                   % (p.name, d, old))
                cargs[k] = ffi.from_buffer(p.base + "[]", a) if a.size \
                    else ffi.new(p.base + "[1]")
        rows = max([dims.get(id(q), 0) for q in self._lengths] or [0])
        for k, p in self._allocs:
            r = p.role
            if r == "length":
                cargs[k] = dims.get(id(p), 0)
            elif r == "struct_out":  # one struct, whatever the input's length
                if cargs[k] is None:
                    cargs[k] = _new_structs(p.base, 1)
            elif r == "struct_rows":
                if cargs[k] is None:
                    cargs[k] = _new_structs(p.base, max(rows, 1))
            elif r in ("scalar_out", "needed", "bad_index"):
                cargs[k] = ffi.new(p.base + "[]", max(rows, 1))
            elif r == "array_rows":
                cargs[k] = ffi.new(p.base + "[]", max(rows, 1))
            elif r == "fixed_out":
                cargs[k] = ffi.new(p.base + "[]", p.fixed)
            else:  # array_out, sarray_out
                cargs[k] = _new_structs(p.base, max(rows, 16)) if p.is_struct \
                    else ffi.new(p.base + "[]", max(rows, 16))
        for _attempt in range(30):
            for k, outs in self._caps:
                cargs[k] = min(len(cargs[j]) for j in outs)
            rv = self._cfunc(*cargs)
            if not self._growable or rv != lib.FGROI_E_CAPACITY or \
                    self.restype != "fgroi_status":
                break
            need = [int(cargs[k][0]) for k in self._needed]
            for k, p in self._growable:
                size = max(need + [2 * len(cargs[k])])
                if size > 1 << 28:
                    break
                cargs[k] = _new_structs(p.base, size) if p.is_struct \
                    else ffi.new(p.base + "[]", size)
        del keep
        if self.restype == "fgroi_status":
            if rv != 0:
                bad = [int(cargs[k][0]) for k in self._bad]
                errors.raise_for(rv, fn, "%s at index %d" % (
                    errors.describe(fn, rv) or cstr(lib.fgroi_strerror(rv)), bad[0])
                    if bad and rv != lib.FGROI_E_NULL else None, args=given)
            values = []
        elif self.restype == "const char *":
            values = [cstr(rv)]
        elif _kind(self.restype) == "enum":
            values = [enum_name(self.restype, rv)]
        elif _kind(self.restype) == "struct":
            values = [from_struct(rv)]
        else:
            values = [rv]
        need = [int(cargs[k][0]) for k in self._needed]
        for k, p in self._outs:
            n = [cargs[self._trim[k]]] if k in self._trim else need
            values.append(_convert_out(p, cargs[k], holders.get(k), rows, n))
        if not values:
            return None
        return values[0] if len(values) == 1 else tuple(values)


_RENAME = {"low": "lower", "high": "upper", "pvalue": "p_value"}


def _result_fields(d, cname):
    """A result object's fields (to_dict) as the C struct's fields."""
    fields = dict(ffi.typeof(cname).fields)
    out = {}
    for k, v in d.items():
        if _RENAME.get(k) in fields:
            k = _RENAME[k]
        if k in fields and k != "struct_size":
            out[k] = v
    return out


_INT_TYPES = frozenset(("int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
                        "uint32_t", "uint64_t", "int", "unsigned int", "long", "size_t"))
_SIZED = {}
_INT_BOUNDS = {t: (int(np.iinfo(DTYPES[t]).min), int(np.iinfo(DTYPES[t]).max))
               for t in _INT_TYPES}


def _new_structs(cname, n):
    """n zeroed structs, each with struct_size set when the type has one."""
    a = ffi.new(cname + "[]", n)
    size = _SIZED.get(cname)
    if size is None:
        size = _SIZED[cname] = ffi.sizeof(cname) if "struct_size" in dict(
            ffi.typeof(cname).fields) else 0
    if size:
        # struct_size is the first field: set it in every element at once
        stride = ffi.sizeof(cname)
        if stride % ffi.sizeof("size_t") == 0:
            words = np.frombuffer(ffi.buffer(a), dtype=DTYPES["size_t"])
            words[::stride // ffi.sizeof("size_t")] = size
        else:
            for i in range(n):
                a[i].struct_size = size
    return a


def _convert_out(p, cd, holder, rows, need):
    r = p.role
    if r == "struct_out":
        if holder is not None:
            return holder
        from . import tally
        if tally.is_tally_type(p.base):
            s = ffi.new(p.base + " *")
            s[0] = cd[0]
            return tally.wrap(p.base, s)
        return from_struct(cd[0])
    if r == "struct_rows":
        return [from_struct(cd[i]) for i in range(max(rows, 0))]
    if r == "scalar_out":
        v = cd[0]
        return enum_name(p.base, v) if _kind(p.base) == "enum" else v
    if r in ("array_rows", "fixed_out", "array_out", "sarray_out"):
        n = len(cd)
        if r == "array_rows":
            n = rows
        elif r in ("array_out", "sarray_out") and need:
            n = min(n, need[0])
        if r == "sarray_out" and "struct_size" in dict(ffi.typeof(p.base).fields):
            return [from_struct(cd[i]) for i in range(n)]  # result structs
        if r == "sarray_out":
            dt = struct_dtype(p.base)
            return np.frombuffer(ffi.buffer(cd, n * dt.itemsize), dtype=dt).copy()
        dt = DTYPES.get(p.base, np.intc)
        return np.frombuffer(ffi.buffer(cd, n * ffi.sizeof(p.base)), dtype=dt).copy()
    raise AssertionError(r)


def _default_struct(cname, init=True):
    """A new struct with struct_size set; options structs start from the
    library's ``<prefix>_default()`` when it exists."""
    s = ffi.new(cname + " *")
    names = dict(ffi.typeof(cname).fields)
    if "struct_size" in names:
        s.struct_size = ffi.sizeof(cname)
    if init:
        dfn = getattr(lib, cname + "_default", None)
        if dfn is not None:
            rt = ffi.typeof(dfn).result if hasattr(ffi.typeof(dfn), "result") else None
            if rt is not None and rt.kind == "struct":
                s[0] = dfn()
            else:
                errors.check(dfn(s), cname + "_default")
            s.struct_size = ffi.sizeof(cname)
    return s


FUNCTIONS = {}
for _name, _rt, _params in decls.FUNCTIONS:
    f = CFunction(_name, _rt, _params, decls.DOCS.get(_name, ""), decls.API.get(_name))
    FUNCTIONS[_name] = f
    globals()[f.__name__] = f
    __all__.append(f.__name__)
del _name, _rt, _params, f
