"""C status codes as Python exceptions: the one place a status becomes one.

Every non-OK ``fgroi_status`` raises an instance of a class named after the
status (``FGROI_E_CONF_LEVEL`` -> ``ConfLevelError``). Each such class
derives from :class:`FgroiError` (``.code``, ``.status``, ``.message``) and
from the Python exception a caller would expect:

* bad input -> :class:`InvalidInputError` (a ``ValueError``)
* not estimable / no convergence / zero variance -> :class:`EstimationError`
  (an ``ArithmeticError``); overflow -> also ``OverflowError``
* out of memory -> ``MemoryError``; problem too large -> ``ValueError``
* binding misuse (NULL, struct size) and internal failures -> :class:`InternalError`
  (a ``RuntimeError``)

Codes added to the C library later get a class at import time (derived
from :class:`FgroiError` alone unless listed below)."""
from ._ffi import cstr, ffi, lib

import math
import re

__all__ = ["FgroiError", "InvalidInputError", "EstimationError", "InternalError",
           "check", "control_message", "describe", "error_class", "raise_for"]


class FgroiError(Exception):
    """A libfgroi call failed. ``code`` is the C status value, ``status``
    its stable name (e.g. ``"FGROI_E_CONF_LEVEL"``), ``message`` the C text
    (``fgroi_strerror``), ``function`` the C function that returned it."""

    code = -1
    status = "FGROI_E_UNKNOWN"

    def __init__(self, message=None, function=None, code=None):
        if code is not None:
            self.code = code
            self.status = cstr(lib.fgroi_status_name(code)) or "FGROI_E_%d" % code
        self.message = message if message is not None else cstr(lib.fgroi_strerror(self.code))
        self.function = function
        where = "%s: " % function if function else ""
        super().__init__("%s%s (%s)" % (where, self.message, self.status))

    def __reduce__(self):
        return (_rebuild, (self.code, self.message, self.function))


def _rebuild(code, message, function):
    return error_class(code)(message, function)


class InvalidInputError(FgroiError, ValueError):
    """An argument is outside what the method accepts."""


class EstimationError(FgroiError, ArithmeticError):
    """The data do not let the quantity be estimated (not estimable, zero
    variance, no convergence, nothing to analyse)."""


class InternalError(FgroiError, RuntimeError):
    """The binding or the library misbehaved (NULL pointer, struct size,
    a numerical dependency failing); please report it."""


_FAMILY = {
    "FGROI_E_NULL": (InternalError,),
    "FGROI_E_STRUCT_SIZE": (InternalError,),
    "FGROI_E_INTERNAL": (InternalError,),
    "FGROI_E_ZERO_VARIANCE": (EstimationError,),
    "FGROI_E_NOT_ESTIMABLE": (EstimationError,),
    "FGROI_E_NO_CONVERGENCE": (EstimationError,),
    "FGROI_E_NO_EVENTS": (EstimationError,),
    "FGROI_E_OVERFLOW": (EstimationError, OverflowError),
    "FGROI_E_NO_MEMORY": (FgroiError, MemoryError),
    "FGROI_E_TOO_LARGE": (InvalidInputError,),
    "FGROI_E_CAPACITY": (InvalidInputError,),
}
# Every other known code is bad input: NEGATIVE_COUNT, COUNT_EXCEEDS_TOTAL,
# NAN, INFINITE, CONF_LEVEL, EMPTY, SCORE_RANGE, METHOD, ALTERNATIVE,
# PROBABILITY, LENGTH_MISMATCH, TOO_FEW, OUT_OF_RANGE, UNKNOWN_NAME,
# NOT_INTEGER, INVALID_TIME, DUPLICATE.
_KNOWN_INPUT = {
    "FGROI_E_NEGATIVE_COUNT", "FGROI_E_COUNT_EXCEEDS_TOTAL", "FGROI_E_NAN",
    "FGROI_E_INFINITE", "FGROI_E_CONF_LEVEL", "FGROI_E_EMPTY", "FGROI_E_SCORE_RANGE",
    "FGROI_E_METHOD", "FGROI_E_ALTERNATIVE", "FGROI_E_PROBABILITY",
    "FGROI_E_LENGTH_MISMATCH", "FGROI_E_TOO_FEW", "FGROI_E_OUT_OF_RANGE",
    "FGROI_E_UNKNOWN_NAME", "FGROI_E_NOT_INTEGER", "FGROI_E_INVALID_TIME",
    "FGROI_E_DUPLICATE"}

_BY_CODE = {}


def _camel(status):
    words = status[len("FGROI_E_"):].lower().split("_")
    return "".join(w.capitalize() for w in words) + "Error"


def _build():
    code = 1
    while True:
        name = cstr(lib.fgroi_status_name(code))
        if name is None:
            break
        if name in _FAMILY:
            bases = _FAMILY[name]
        elif name in _KNOWN_INPUT:
            bases = (InvalidInputError,)
        else:
            bases = (FgroiError,)
        cls = type(_camel(name), bases, {
            "code": code, "status": name,
            "__doc__": cstr(lib.fgroi_strerror(code)),
            "__module__": __name__})
        _BY_CODE[code] = cls
        globals()[cls.__name__] = cls
        __all__.append(cls.__name__)
        code += 1


_build()


def error_class(code):
    """The exception class for a status code (FgroiError for unknown codes)."""
    return _BY_CODE.get(int(code), FgroiError)


_DETAIL = re.compile(r"^((?:[A-Za-z_][\w>-]*)(?:, [A-Za-z_][\w>-]*)*): (.*)$", re.S)
_RANGE = re.compile(r"must be in ([(\[])\s*(-?[\w.+]+),\s*(-?[\w.+]+)\s*([)\]])")
_CMP = re.compile(r"must be (>=|>|<=|<) (-?[\d.]+|\w+(?:, \w+)*)(?: respectively)?$")


def _value(args, name):
    """The value the caller gave for ``name`` ("options->gamma": a field of
    the options dict or object), or a KeyError."""
    if "->" in name:
        outer, field = name.split("->", 1)
        o = args[outer]
        if isinstance(o, dict):
            return o[field]
        if o is None:
            raise KeyError(name)
        return getattr(o, field)
    return args[name]


def _scalars(v):
    try:
        import numpy as np
        a = np.asarray(v)
        if a.dtype.kind in "biuf":
            return a.ravel().tolist()
    except Exception:  # noqa: BLE001 - anything not numeric is not checked
        pass
    return None


_ONE_OF = re.compile(r"^must be one of ([a-z0-9_]+(?:, [a-z0-9_]+)*)(, or default(?: \([a-z0-9_]+\))?)?(?:;|$)")


def _per_argument(names, domain):
    """{name: its domain} for a detail of several arguments written
    "a must be X; b must be Y" (the methods of a function with two method
    arguments), else None."""
    parts = domain.split("; ")
    if len(parts) < len(names):
        return None
    out = {}
    for n, part in zip(names, parts):
        if not part.startswith(n + " must be "):
            return None
        out[n] = part[len(n) + 1:]
    return out


def _violates(domain, name, v, args):
    """True / False when the domain can be checked here, else None."""
    m = _ONE_OF.match(domain)
    if m and isinstance(v, (str, int)) and not isinstance(v, bool):
        allowed = m.group(1).split(", ") + (["default"] if m.group(2) else [])
        given = v if isinstance(v, str) else cstr(lib.fgroi_method_name(v))
        return None if given is None else given not in allowed
    xs = _scalars(v)
    if "must not be NULL" in domain:
        return v is None
    if xs is None:
        return None
    if domain.startswith("must not be NaN"):
        return any(isinstance(x, float) and math.isnan(x) for x in xs)
    if domain.startswith("must be finite"):
        return any(isinstance(x, float) and math.isinf(x) for x in xs)
    m = _RANGE.search(domain)
    if m:
        try:
            lo, hi = float(m.group(2)), float(m.group(3))
        except ValueError:
            return None
        lo_ok = (lambda x: x > lo) if m.group(1) == "(" else (lambda x: x >= lo)
        hi_ok = (lambda x: x < hi) if m.group(4) == ")" else (lambda x: x <= hi)
        return any(not (lo_ok(x) and hi_ok(x)) for x in xs)
    m = _CMP.search(domain)
    if m:
        bound = m.group(2)
        try:
            b = float(bound)
        except ValueError:
            bounds = [w.strip() for w in domain[len("must be <= "):].replace(" respectively", "").split(",")]
            names = list(args.get("__order__", []))
            try:
                b = float(_value(args, bounds[names.index(name)] if name in names and len(bounds) > 1
                                 else bounds[0]))
            except (KeyError, ValueError, TypeError, IndexError):
                return None
        op = {">=": lambda x: x >= b, ">": lambda x: x > b, "<=": lambda x: x <= b,
              "<": lambda x: x < b}[m.group(1)]
        return any(not op(x) for x in xs if not (isinstance(x, float) and math.isnan(x)))
    return None


def _show(v):
    xs = _scalars(v)
    if xs is not None and (len(xs) != 1 or getattr(v, "ndim", 0)):
        return "array of %d" % len(xs)
    if isinstance(v, float):
        return "%.17g" % v if v != round(v, 6) else repr(v)
    if v is None:
        return "NULL"
    return repr(v) if isinstance(v, str) else str(v)


def describe(function, code, args=None):
    """The message naming the argument and its domain for status ``code``
    of C function ``function``, e.g. "conf_level = 1.5: must be in (0, 1)",
    from the library's fgroi_status_detail(); ``args`` (name -> value as
    the caller gave them) lets it name the one argument out of its domain
    and show its value. None when the library has no detail."""
    if not function:
        return None
    detail = cstr(lib.fgroi_status_detail(function.encode(), int(code)))
    if detail is None:
        return None
    m = _DETAIL.match(detail)
    if not m:
        return detail
    names, domain = m.group(1).split(", "), m.group(2)
    if not args:
        return detail
    args = dict(args, __order__=names)
    own = _per_argument(names, domain) or {}
    verdict = {}
    for n in names:
        try:
            verdict[n] = _violates(own.get(n, domain), n, _value(args, n), args)
        except (KeyError, AttributeError, TypeError):
            verdict[n] = None
    bad = [n for n in names if verdict[n]] or [n for n in names if verdict[n] is None] or names
    if len(bad) == 1 and bad[0] in own:
        domain = own[bad[0]]
    shown = []
    for n in bad:
        try:
            shown.append("%s = %s" % (n, _show(_value(args, n))))
        except (KeyError, AttributeError, TypeError):
            shown.append(n)
    return "%s: %s" % (", ".join(shown), domain)


def _is_control(v):
    try:
        return ffi.typeof(v) is ffi.typeof("fgroi_control *")
    except (TypeError, ffi.error):
        return False


def control_message(args):
    """The message the library wrote into the message buffer of a
    ``fgroi_control`` among the call's arguments (a ``control`` argument or
    an options dict's / struct's ``control`` field; issue 16), e.g. "n1 + n2
    = 6000 exceeds the limit 2000 of the exact unconditional interval; use
    ...", or None when there is none or it is empty."""
    if not args:
        return None
    for v in args.values():
        if isinstance(v, dict):
            v = v.get("control")
        elif v is not None and not _is_control(v):
            v = getattr(v, "control", None)
        if v is None or not _is_control(v) or v == ffi.NULL:
            continue
        try:
            if v.struct_size < ffi.offsetof("fgroi_control", "message_capacity") + \
                    ffi.sizeof("size_t") or v.message == ffi.NULL or v.message_capacity == 0:
                continue
        except (AttributeError, ffi.error):
            continue
        text = ffi.string(v.message).decode("utf-8", "replace")
        # "FGROI_E_...: <detail>" is the library's generic text for an error
        # no specific check described: describe() says the same and names
        # the argument's value (as the R binding does)
        if text and not text.startswith("FGROI_E_"):
            return text
    return None


def raise_for(code, function=None, message=None, args=None):
    """Raise the exception of ``code``; without a ``message``, the text is
    the library's own message when the call carried a control with a
    message buffer (control_message(): the limit and the observed size of
    a FGROI_E_TOO_LARGE), else it names the argument and its domain
    (describe())."""
    if message is None:
        message = control_message(args)
    if message is None and function:
        message = describe(function, code, args)
    cls = error_class(code)
    if cls is FgroiError:
        raise FgroiError(message, function, code=int(code))
    raise cls(message, function)


def check(status, function=None, args=None):
    """Raise the matching exception unless ``status`` is FGROI_OK."""
    if status != 0:
        raise_for(status, function, args=args)
