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
from ._ffi import cstr, lib

__all__ = ["FgroiError", "InvalidInputError", "EstimationError", "InternalError",
           "check", "error_class", "raise_for"]


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


def raise_for(code, function=None, message=None):
    cls = error_class(code)
    if cls is FgroiError:
        raise FgroiError(message, function, code=int(code))
    raise cls(message, function)


def check(status, function=None):
    """Raise the matching exception unless ``status`` is FGROI_OK."""
    if status != 0:
        raise_for(status, function)
