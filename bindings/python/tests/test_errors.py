"""C statuses become one exception hierarchy; nothing from Python crashes."""
import math
import pickle

import numpy as np
import pytest

import fgroi
from fgroi import capi, errors


def all_codes():
    code = 1
    while fgroi.capi.status_name(code) is not None:
        yield code
        code += 1


def test_every_status_has_a_class_named_after_it():
    codes = list(all_codes())
    assert len(codes) >= 28
    for code in codes:
        cls = errors.error_class(code)
        assert issubclass(cls, errors.FgroiError)
        assert cls.code == code
        assert cls.status == capi.status_name(code)
        e = cls()
        assert e.message == capi.strerror(code)
        assert cls.status in str(e)


@pytest.mark.parametrize("status,base", [
    ("FGROI_E_CONF_LEVEL", ValueError), ("FGROI_E_NEGATIVE_COUNT", ValueError),
    ("FGROI_E_METHOD", ValueError), ("FGROI_E_UNKNOWN_NAME", ValueError),
    ("FGROI_E_NOT_ESTIMABLE", ArithmeticError), ("FGROI_E_NO_CONVERGENCE", ArithmeticError),
    ("FGROI_E_OVERFLOW", OverflowError), ("FGROI_E_NO_MEMORY", MemoryError),
    ("FGROI_E_INTERNAL", RuntimeError), ("FGROI_E_TOO_LARGE", ValueError)])
def test_families(status, base):
    cls = errors.error_class(getattr(fgroi.lib, status))
    assert issubclass(cls, base) and issubclass(cls, errors.FgroiError)


def test_unknown_code_is_still_an_fgroi_error():
    with pytest.raises(errors.FgroiError) as e:
        errors.check(9999, "f")
    assert e.value.code == 9999


@pytest.mark.parametrize("call,exc", [
    (lambda: fgroi.prop_ci(3, 10, conf_level=1.0), errors.ConfLevelError),
    (lambda: fgroi.prop_ci(3, 10, conf_level=math.nan), errors.FgroiError),
    (lambda: fgroi.prop_ci(-1, 10), errors.NegativeCountError),
    (lambda: fgroi.prop_ci(11, 10), errors.CountExceedsTotalError),
    (lambda: fgroi.prop_ci(0, 0), errors.EmptyError),
    (lambda: fgroi.prop_ci(3, 10, method="fisher"), errors.MethodError),
    (lambda: fgroi.prop_ci(3, 10, method="no_such"), errors.UnknownNameError),
    (lambda: fgroi.prop_ci(3, 10, alternative="sideways"), errors.UnknownNameError),
    (lambda: fgroi.prop_ci(3, 10, alternative=7), errors.AlternativeError),
    (lambda: fgroi.prop_ci(2.5, 10), errors.NotIntegerError),
    (lambda: fgroi.prop_ci(math.nan, 10), errors.NanError),
    (lambda: fgroi.prop_ci(math.inf, 10), errors.InfiniteError),
    (lambda: fgroi.binomtest(3, 10, p=1.5), errors.ProbabilityError),
    (lambda: fgroi.PropTally([0, 1, 2]), errors.OutOfRangeError),
    (lambda: fgroi.PropTally([0, 1, -1]), errors.NegativeCountError),
    (lambda: fgroi.PropTally([0.0, 0.5]), errors.NotIntegerError),
    (lambda: fgroi.PropTally([0.0, math.nan]), errors.NanError),
])
def test_bad_input_raises_its_status(call, exc):
    with pytest.raises(exc) as e:
        call()
    assert isinstance(e.value, ValueError)


@pytest.mark.parametrize("call", [
    lambda: fgroi.prop_ci("3", 10),
    lambda: fgroi.prop_ci(None, 10),
    lambda: fgroi.prop_ci(3, 10, conf_level="high"),
    lambda: fgroi.prop_ci(3, 10, method=2.0),
    lambda: fgroi.PropTally(["a", "b"]),
    lambda: fgroi.PropTally([[0, 1], [1, 0]]),
    lambda: capi.prop_ci(3, 10, out=fgroi.PropTally()),
    lambda: capi.prop_tally_merge(fgroi.PropTally(), object()),
])
def test_wrong_python_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_huge_integers_do_not_wrap():
    with pytest.raises(fgroi.errors.TooLargeError, match="argument 'x'"):
        capi.prop_ci(2**70, 2**71)
    with pytest.raises(fgroi.errors.OutOfRangeError):
        fgroi.PropTally(np.array([256, 1], dtype=np.int64))


def test_errors_leave_outputs_and_tallies_untouched():
    t = fgroi.PropTally([1, 1, 0])
    before = bytes(t)
    with pytest.raises(ValueError):
        t.add([1, 0, 7])
    assert bytes(t) == before


def test_errors_pickle():
    e = pickle.loads(pickle.dumps(errors.ConfLevelError("m", "fgroi_prop_ci")))
    assert type(e) is errors.ConfLevelError and e.function == "fgroi_prop_ci"
