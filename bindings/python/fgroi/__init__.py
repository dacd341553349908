"""fgroi: honest small-sample statistics for focus groups and device pilots.

A thin CFFI layer over libfgroi (docs/python.md):

* idiomatic functions (``fgroi.prop_ci``, ``fgroi.binomtest``, ...) taking
  numbers, arrays or DataFrame columns and returning immutable results,
  for every domain (power, McNemar, survival, targets, funnels, pooling,
  agreement: ``fgroi.analyses``);
* arrays (or pandas Series) of counts in the cheap functions, and
  ``fgroi.vector``: one C call per batch, broadcast like numpy, a
  structured array or DataFrame out with a status per element;
* ``fgroi.capi``: every public C function, generated from the headers;
* tallies (``fgroi.PropTally``, ...) that pickle and merge, for
  partitioned data;
* ``fgroi.errors``: C statuses as exceptions (``FgroiError`` and kin);
* ``fgroi.plot``: notebook figures (matplotlib, imported on demand)."""
from . import capi, errors, results, tally, vector
from ._ffi import cstr, ffi, lib
from .api import *  # noqa: F401,F403
from .api import __all__ as _api_all
from .analyses import *  # noqa: F401,F403
from .analyses import __all__ as _analyses_all
from .errors import EstimationError, FgroiError, InternalError, InvalidInputError
from .results import Analysis, Interval, TestResult, to_frame
from .tally import TALLIES, Tally

globals().update({cls.__name__: cls for cls in TALLIES.values()})

__version__ = cstr(lib.fgroi_version())


def methods():
    """Every method's stable name, in code order."""
    return [n for n in (cstr(lib.fgroi_method_name(c)) for c in range(0, 1000)) if n]


__all__ = (["capi", "errors", "results", "tally", "vector", "ffi", "lib", "FgroiError",
            "InvalidInputError", "EstimationError", "InternalError", "Analysis", "Interval",
            "TestResult", "Tally", "to_frame", "methods", "__version__"]
           + list(_api_all) + list(_analyses_all) + [cls.__name__ for cls in TALLIES.values()])
