"""The generic low-level layer: one Python callable per public C function.

Built at import time from the declarations gen_cffi.py extracted from the
public headers, so a function added to a header appears here with no hand
work. ``fgroi.capi.prop_ci`` calls ``fgroi_prop_ci``; every callable carries
the C doc comment and a Python signature.

How parameters are mapped (by C type and position):

* scalars: Python/numpy numbers (whole numbers for integer types);
  ``fgroi_method`` and ``fgroi_alternative`` take their stable string names
  (or the integer code); ``conf_level``, ``method``, ``alternative`` and
  ``seed`` have the same defaults everywhere (0.95, "default", "two_sided", 1);
* ``const T *x`` followed by ``size_t n``: any sequence, numpy array or
  pandas Series; converted with ``numpy.ascontiguousarray(x, dtype=T)`` after
  checking the values fit ``T`` exactly (never a silent float -> int
  truncation); ``n`` is filled in, and arrays sharing one length must agree;
* ``const char *``: str;
* ``const S *`` (a struct): a tally object, a dict of fields (applied over
  ``<prefix>_default()`` when the library has one, else over zeros with
  struct_size set), or None for the defaults;
* ``S *`` (a struct to fill): allocated with struct_size set and returned
  as a result object, unless the caller passes one (a tally), which is then
  updated in place;
* ``T *`` scalar outputs are returned; ``T *buf, size_t capacity`` array
  outputs are allocated, grown when the call reports FGROI_E_CAPACITY and
  returned as numpy arrays (trimmed to the reported size when there is one).

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
from .results import enum_name, from_struct, type_name

__all__ = ["FUNCTIONS", "CFunction", "as_array", "enum_code", "method_code",
           "alternative_code"]

DTYPES = {
    "double": np.float64, "float": np.float32,
    "int8_t": np.int8, "int16_t": np.int16, "int32_t": np.int32, "int64_t": np.int64,
    "uint8_t": np.uint8, "uint16_t": np.uint16, "uint32_t": np.uint32, "uint64_t": np.uint64,
    "int": np.intc, "unsigned int": np.uintc, "long": np.int_, "size_t": np.uintp,
    "_Bool": np.bool_, "bool": np.bool_, "char": np.int8, "unsigned char": np.uint8,
}
DEFAULTS = {"conf_level": 0.95, "method": "default", "alternative": "two_sided", "seed": 1}
# Names a lone scalar output pointer may have when the function also takes
# arrays; any other such pointer is given room for a whole array (see _plan).
SCALAR_OUT = re.compile(r"^(out|needed|n_needed|.*_needed|n_out|count|size|value|n|k|.*_out)$")


def _raise(name, function, message=None):
    errors.raise_for(getattr(lib, name), function, message)


_CODE_CACHE = {}


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


def _as_int(v, function):
    if isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        f = float(v)
        if math.isnan(f):
            _raise("FGROI_E_NAN", function)
        if math.isinf(f):
            _raise("FGROI_E_INFINITE", function)
        if not f.is_integer():
            _raise("FGROI_E_NOT_INTEGER", function, "%r is not a whole number" % v)
        return int(f)
    return operator.index(v)  # TypeError for anything else


def as_array(x, ctype, function=None, ndim=1):
    """``x`` as a C-contiguous numpy array of the C element type ``ctype``,
    refusing conversions that would change values (float -> int with a
    fraction, out-of-range integers, NaN into an integer type)."""
    dtype = np.dtype(DTYPES[ctype])
    if hasattr(x, "to_numpy") and not isinstance(x, np.ndarray):
        x = x.to_numpy()
    a = np.asarray(x)
    if a.dtype == object:
        try:
            a = a.astype(np.float64) if dtype.kind == "f" else np.asarray(a.tolist())
        except (TypeError, ValueError):
            raise TypeError("%s: expected numbers, got %r" % (function, a.dtype)) from None
    if a.ndim != ndim:
        raise TypeError("%s: expected a %d-dimensional array, got shape %s"
                        % (function, ndim, a.shape))
    if dtype.kind in "iub":
        if a.dtype.kind == "f":
            if a.size and np.isnan(a).any():
                _raise("FGROI_E_NAN", function)
            if a.size and not np.isfinite(a).all():
                _raise("FGROI_E_INFINITE", function)
            if a.size and (a != np.round(a)).any():
                _raise("FGROI_E_NOT_INTEGER", function, "array values must be whole numbers")
        elif a.dtype.kind not in "iub":
            raise TypeError("%s: expected integers, got dtype %s" % (function, a.dtype))
        if a.size and dtype.kind != "b":
            info = np.iinfo(dtype)
            lo, hi = a.min(), a.max()
            if lo < info.min:
                _raise("FGROI_E_NEGATIVE_COUNT" if lo < 0 else "FGROI_E_OUT_OF_RANGE", function,
                       "value %r below the smallest %s" % (lo, ctype))
            if hi > info.max:
                _raise("FGROI_E_OUT_OF_RANGE", function,
                       "value %r above the largest %s" % (hi, ctype))
    elif a.dtype.kind not in "fiub":
        raise TypeError("%s: expected numbers, got dtype %s" % (function, a.dtype))
    return np.ascontiguousarray(a, dtype=dtype)


class _P:
    """One C parameter and how it is fed."""
    __slots__ = ("name", "ctype", "const", "role", "base", "length_of", "group",
                 "capacity_for", "default", "shape_of")

    def __init__(self, name, ctype):
        self.name = name
        self.ctype = ctype
        self.const = ctype.startswith("const ")
        self.role = None
        self.base = None
        self.group = None
        self.capacity_for = None
        self.default = inspect.Parameter.empty
        self.shape_of = None


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


def _plan(params):
    ps = [_P(n, t) for n, t in params]
    for p in ps:
        b = _base(p.ctype)
        p.base = b
        if b is None:
            p.role = "scalar"
        elif b == "char" and p.const:
            p.role = "str"
        elif b is not None and b.endswith("*"):
            p.role = "unsupported"
        elif _kind(b) == "struct":
            p.role = "struct_in" if p.const else "struct_out"
        elif p.const:
            p.role = "array_in"
        else:
            p.role = "scalar_out"
    # arrays: runs of consecutive inputs, followed by their length (and
    # a second size_t for a matrix); a run with no length of its own shares
    # the latest one before it.
    i, last_len = 0, None
    while i < len(ps):
        if ps[i].role != "array_in":
            i += 1
            continue
        j = i
        while j < len(ps) and ps[j].role == "array_in":
            j += 1
        run = ps[i:j]
        if j < len(ps) and ps[j].role == "scalar" and ps[j].ctype == "size_t":
            ps[j].role = "length"
            ps[j].group = run
            dims = [ps[j]]
            if j + 1 < len(ps) and ps[j + 1].role == "scalar" and ps[j + 1].ctype == "size_t" \
                    and ps[j + 1].name in ("ncol", "ncols", "cols", "n_cols", "k", "n_col"):
                ps[j + 1].role = "length"
                ps[j + 1].group = run
                dims.append(ps[j + 1])
            for r in run:
                r.shape_of = dims
            last_len = dims
        elif last_len is not None:
            for r in run:
                r.shape_of = last_len
            last_len[0].group = last_len[0].group + run
        else:
            for r in run:
                r.role = "unsupported"
        i = j
    # outputs: T *buf followed by size_t capacity
    for k, p in enumerate(ps):
        if p.role == "scalar_out" and k + 1 < len(ps) and ps[k + 1].role == "scalar" \
                and ps[k + 1].ctype == "size_t":
            p.role = "array_out"
            ps[k + 1].role = "capacity"
            ps[k + 1].capacity_for = p
    has_arrays = any(p.role == "array_in" for p in ps)
    for p in ps:
        if p.role == "scalar_out" and has_arrays and not SCALAR_OUT.match(p.name):
            p.role = "array_out_implicit"
    # Python defaults: the shared keyword names, optional structs; a default
    # is dropped when a required parameter follows it.
    visible = [p for p in ps if p.role in ("scalar", "str", "array_in", "struct_in",
                                           "struct_out", "unsupported")]
    for p in visible:
        if p.name in DEFAULTS and p.role == "scalar":
            p.default = DEFAULTS[p.name]
        elif p.role in ("struct_in", "struct_out"):
            p.default = None
    required_after = False
    for p in reversed(visible):
        if p.default is inspect.Parameter.empty:
            required_after = True
        elif required_after:
            p.default = inspect.Parameter.empty
    return ps, visible


class CFunction:
    """A public C function made callable from Python (see module doc)."""

    def __init__(self, cname, restype, params, doc=""):
        self.cname = cname
        self.restype = restype
        self.params, self.visible = _plan(params)
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
        fn = self.cname
        if _kind(p.ctype) == "enum":
            return enum_code(p.ctype, v, fn)
        if p.ctype in ("double", "float"):
            if isinstance(v, (str, bytes)) or v is None:
                raise TypeError("%s: %s must be a number" % (fn, p.name))
            return float(v)
        return _as_int(v, fn)

    def _struct_in(self, p, v):
        if v is None or isinstance(v, dict):
            s = _default_struct(p.base)
            for k, val in (v or {}).items():
                fields = dict(ffi.typeof(p.base).fields)
                if k not in fields or k == "struct_size":
                    raise TypeError("%s: %s has no field %r" % (self.cname, p.base, k))
                ft = fields[k].type
                if ft.kind == "enum":
                    val = enum_code(type_name(ft), val, self.cname)
                setattr(s, k, val)
            return s
        cd = getattr(v, "_cdata", v)
        if not isinstance(cd, ffi.CData) or ffi.typeof(cd) is not ffi.typeof(p.base + " *"):
            raise TypeError("%s: %s must be a %s (got %s)" % (self.cname, p.name, p.base,
                                                              type(v).__name__))
        return cd

    # -- the call -------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        if not self.supported:
            raise NotImplementedError("%s: a parameter type the generic layer does not map; "
                                      "use fgroi._ffi.lib directly" % self.cname)
        given = self._bind(args, kwargs)
        fn = self.cname
        cargs = [None] * len(self.params)
        keep = []
        outs = []
        lengths = {}
        for k, p in enumerate(self.params):
            r = p.role
            if r == "scalar":
                cargs[k] = self._scalar(p, given[p.name])
            elif r == "str":
                v = given[p.name]
                if not isinstance(v, str):
                    raise TypeError("%s: %s must be a str" % (fn, p.name))
                b = ffi.new("char[]", v.encode())
                keep.append(b)
                cargs[k] = b
            elif r == "array_in":
                a = as_array(given[p.name], p.base if p.base in DTYPES else "int", fn,
                             ndim=len(p.shape_of))
                if p.base == "fgroi_method" or _kind(p.base) == "enum":
                    a = np.ascontiguousarray(a, dtype=np.intc)
                dims = tuple(int(s) for s in a.shape)
                key = id(p.shape_of[0])
                if key in lengths and lengths[key] != dims:
                    _raise("FGROI_E_LENGTH_MISMATCH", fn,
                           "%s has shape %s, other arrays %s" % (p.name, dims, lengths[key]))
                lengths[key] = dims
                keep.append(a)
                cargs[k] = ffi.from_buffer(p.base + "[]", a) if a.size else ffi.NULL
            elif r == "struct_in":
                s = self._struct_in(p, given[p.name])
                keep.append(s)
                cargs[k] = s
            elif r == "struct_out":
                v = given[p.name]
                if v is None:
                    cd = _default_struct(p.base, init=False)
                    holder = None
                else:
                    cd = getattr(v, "_cdata", v)
                    if not isinstance(cd, ffi.CData) or ffi.typeof(cd) is not ffi.typeof(p.base + " *"):
                        raise TypeError("%s: %s must be a %s" % (fn, p.name, p.base))
                    holder = v
                cargs[k] = cd
                outs.append((p, cd, holder))
            elif r == "scalar_out":
                cd = ffi.new(p.base + " *")
                cargs[k] = cd
                outs.append((p, cd, None))
        # lengths, then the array outputs sized from them
        longest = 0
        for k, p in enumerate(self.params):
            if p.role == "length":
                dims = lengths.get(id(p.group[0].shape_of[0]))
                pos = p.group[0].shape_of.index(p)
                cargs[k] = dims[pos] if dims else 0
                longest = max(longest, cargs[k])
        for k, p in enumerate(self.params):
            if p.role in ("array_out", "array_out_implicit"):
                size = max(longest, 1) if p.role == "array_out_implicit" else max(longest, 16)
                cd = ffi.new(p.base + "[]", size)
                cargs[k] = cd
                outs.append((p, cd, size))
            elif p.role == "capacity":
                pass
        for attempt in range(24):
            for k, p in enumerate(self.params):
                if p.role == "capacity":
                    cargs[k] = len(cargs[self.params.index(p.capacity_for)])
            rv = self._cfunc(*cargs)
            if self.restype == "fgroi_status" and rv == lib.FGROI_E_CAPACITY and \
                    any(p.role == "array_out" for p in self.params):
                need = _needed(self.params, cargs)
                for k, p in enumerate(self.params):
                    if p.role == "array_out":
                        cur = len(cargs[k])
                        new = max(need or 0, 2 * cur)
                        cargs[k] = ffi.new(p.base + "[]", new)
                outs = [(p, cargs[self.params.index(p)] if p.role == "array_out" else cd, h)
                        for p, cd, h in outs]
                continue
            break
        del keep
        if self.restype == "fgroi_status":
            errors.check(rv, fn)
            result = None
        elif self.restype == "const char *":
            result = cstr(rv)
        elif _kind(self.restype) == "enum":
            result = enum_name(self.restype, rv)
        elif _kind(self.restype) == "struct":
            result = from_struct(rv)
        else:
            result = rv
        values = [_convert_out(p, cd, holder, self.params, cargs) for p, cd, holder in outs]
        if self.restype != "fgroi_status":
            values.insert(0, result)
        if not values:
            return None
        return values[0] if len(values) == 1 else tuple(values)


def _needed(params, cargs):
    for k, p in enumerate(params):
        if p.role == "scalar_out" and ("need" in p.name or p.name in ("n_out", "count", "size")):
            return int(cargs[k][0])
    return None


def _convert_out(p, cd, holder, params, cargs):
    if p.role == "struct_out":
        if holder is not None:
            return holder
        from . import tally
        if tally.is_tally_type(p.base):
            return tally.wrap(p.base, cd)
        return from_struct(cd)
    if p.role == "scalar_out":
        v = cd[0]
        if _kind(p.base) == "enum":
            return enum_name(p.base, v)
        return v
    # array outputs: a numpy copy, trimmed to the reported size when known
    n = len(cd)
    need = _needed(params, cargs)
    if need is not None and p.role == "array_out":
        n = min(n, need)
    dt = DTYPES.get(p.base, np.intc)
    return np.frombuffer(ffi.buffer(cd, n * ffi.sizeof(p.base)), dtype=dt).copy()


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
    f = CFunction(_name, _rt, _params, decls.DOCS.get(_name, ""))
    FUNCTIONS[_name] = f
    globals()[f.__name__] = f
    __all__.append(f.__name__)
del _name, _rt, _params, f
