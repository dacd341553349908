"""Mergeable tallies: every public ``fgroi_<x>_tally`` struct that has
``fgroi_<x>_tally_init`` and ``fgroi_<x>_tally_merge`` becomes a class here
(``fgroi_prop_tally`` -> :class:`PropTally`), found from the headers at
import time.

A tally owns its C struct. ``add(...)`` (and any other
``fgroi_<x>_tally_<verb>`` function taking the tally first, as a method
``<verb>``) updates it in place through :mod:`fgroi.capi`; ``merge(other)``
or ``a + b`` combines partitions exactly. Tallies pickle as the bytes of
their struct (plain scalars and fixed arrays by the library's ABI rules),
so they travel between processes (multiprocessing, Dask) and merge there;
equality is equality of those bytes."""
import re

from ._ffi import decls, ffi
from .results import _Result, _field_value

__all__ = ["Tally", "TALLIES", "is_tally_type", "wrap"]

_TALLY = re.compile(r"^fgroi_(\w+)_tally$")


class Tally:
    """Base class of the generated tally classes."""
    _ctype = None     # e.g. "fgroi_prop_tally"
    __slots__ = ("_cdata",)

    def __init__(self, *data, **kwargs):
        from . import capi
        self._cdata = ffi.new(self._ctype + " *")
        self._cdata.struct_size = ffi.sizeof(self._ctype)
        capi.FUNCTIONS[self._ctype + "_init"](self)
        if data or kwargs:
            self.add(*data, **kwargs)

    @classmethod
    def _adopt(cls, cdata):
        obj = cls.__new__(cls)
        obj._cdata = cdata
        return obj

    @classmethod
    def from_bytes(cls, raw):
        """A tally from the bytes of its struct (as ``bytes(tally)`` gives)."""
        raw = bytes(raw)
        size = ffi.sizeof(cls._ctype)
        if len(raw) != size:
            raise ValueError("%s: %d bytes, expected %d" % (cls.__name__, len(raw), size))
        cd = ffi.new(cls._ctype + " *")
        ffi.memmove(cd, raw, size)
        if cd.struct_size != size:
            raise ValueError("%s: struct_size %d in the bytes, expected %d"
                             % (cls.__name__, cd.struct_size, size))
        return cls._adopt(cd)

    def __bytes__(self):
        return bytes(ffi.buffer(self._cdata))

    def __reduce__(self):
        return (_restore, (self._ctype, bytes(self)))

    def copy(self):
        return type(self).from_bytes(bytes(self))

    def merge(self, *others):
        """Add the other tallies' counts into this one (in place); returns self."""
        from . import capi
        fn = capi.FUNCTIONS[self._ctype + "_merge"]
        for o in others:
            if type(o) is not type(self):
                raise TypeError("cannot merge %s into %s" % (type(o).__name__, type(self).__name__))
            fn(self, o)
        return self

    def __iadd__(self, other):
        return self.merge(other)

    def __add__(self, other):
        return self.copy().merge(other)

    def __radd__(self, other):  # sum(tallies)
        if other == 0:
            return self.copy()
        return NotImplemented

    def __eq__(self, other):
        return type(other) is type(self) and bytes(other) == bytes(self)

    def __hash__(self):
        return hash(bytes(self))

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        fields = dict(ffi.typeof(self._ctype).fields)
        if name not in fields or name == "struct_size":
            raise AttributeError("%s has no field %r" % (type(self).__name__, name))
        return _field_value(fields[name].type, name, getattr(self._cdata, name))

    def to_dict(self):
        return {n: getattr(self, n) for n, _ in ffi.typeof(self._ctype).fields
                if n != "struct_size"}

    def __repr__(self):
        return _Result.__repr__(self)

    def _repr_html_(self):
        return _Result._repr_html_(self)


def _restore(ctype, raw):
    return TALLIES[ctype].from_bytes(raw)


def _method(fname, verb):
    def method(self, /, *args, **kwargs):
        from . import capi
        out = capi.FUNCTIONS[fname](self, *args, **kwargs)
        return self if out is self else out
    method.__name__ = verb
    method.__doc__ = "Calls ``%s`` on this tally.\n\n%s" % (fname, decls.DOCS.get(fname, ""))
    return method


TALLIES = {}


def _build():
    names = {f[0]: f for f in decls.FUNCTIONS}
    for ctype in sorted({t for f in decls.FUNCTIONS for _, t in f[2]}):
        base = ctype.replace("const ", "").rstrip(" *")
        m = _TALLY.match(base)
        if not m or base in TALLIES:
            continue
        if base + "_init" not in names or base + "_merge" not in names:
            continue
        clsname = "".join(w.capitalize() for w in m.group(1).split("_")) + "Tally"
        ns = {"_ctype": base, "__slots__": (), "__module__": __name__,
              "__doc__": "Mergeable tally over ``%s`` (see fgroi.tally)." % base}
        for fname, _, params in decls.FUNCTIONS:
            if fname in (base + "_init", base + "_merge") or not params or \
                    params[0][1] not in (base + " *", "const " + base + " *"):
                continue
            # fgroi_nps_tally_add_i32 -> add_i32; another domain's function
            # on this tally (fgroi_match_tally_add) keeps its full short name
            verb = fname[len(base) + 1:] if fname.startswith(base + "_") \
                else fname[len("fgroi_"):]
            ns[verb] = _method(fname, verb)
        cls = type(clsname, (Tally,), ns)
        TALLIES[base] = cls
        globals()[clsname] = cls
        __all__.append(clsname)


def is_tally_type(cname):
    return cname in TALLIES


def wrap(cname, cdata):
    return TALLIES[cname]._adopt(cdata)


_build()
