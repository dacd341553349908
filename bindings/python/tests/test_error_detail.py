"""Errors name the argument and its domain (issue 15): every status every
public function documents (docs/api.json, generated from the headers)
becomes an exception whose message names the argument(s) and the domain,
from the library's fgroi_status_detail(); with the caller's values the one
argument out of its domain is named with its value."""
import json
import os
import pathlib

import pytest

import fgroi
from fgroi import capi, errors

ROOT = pathlib.Path(os.environ.get("FGROI_SOURCE_ROOT") or pathlib.Path(__file__).resolve().parents[3])
API = json.loads((ROOT / "docs" / "api.json").read_text())
ROWS = [(f["name"], s) for f in API["functions"] for s in f["statuses"]]


def test_the_walk_covers_every_function_and_status():
    assert len({f for f, _ in ROWS}) >= 100 and len(ROWS) >= 800
    statuses = {s["status"] for _, s in ROWS}
    assert {"FGROI_E_CONF_LEVEL", "FGROI_E_NULL", "FGROI_E_METHOD", "FGROI_E_OUT_OF_RANGE"} <= statuses


@pytest.mark.parametrize("function,row", ROWS, ids=["%s-%s" % (f, s["status"][8:]) for f, s in ROWS])
def test_every_status_of_every_function_names_its_argument(function, row):
    code = getattr(fgroi.lib, row["status"])
    with pytest.raises(errors.error_class(code)) as e:
        errors.raise_for(code, function)
    text = str(e.value)
    assert function in text and row["status"] in text
    assert row["domain"] in text
    for a in row["arguments"]:
        assert a in text
    if row["status"] not in ("FGROI_E_NO_MEMORY", "FGROI_E_INTERNAL", "FGROI_E_CANCELLED"):
        assert row["arguments"], row


def test_real_errors_name_the_argument_and_its_value():
    with pytest.raises(errors.ConfLevelError, match=r"conf_level = 1\.5: must be in \(0, 1\)"):
        capi.prop_ci(7, 12, conf_level=1.5)
    with pytest.raises(errors.CountExceedsTotalError, match=r"x = 13: must be <= n"):
        capi.prop_ci(13, 12)
    with pytest.raises(errors.CountExceedsTotalError, match=r": x2 = 3: must be <= n1, n2"):
        capi.prop_diff_ci(1, 2, 3, 2)
    with pytest.raises(errors.NegativeCountError, match=r": n1 = -2: must be >= 0"):
        capi.prop_diff_ci(1, -2, 1, 2)
    with pytest.raises(errors.AlternativeError, match=r"alternative = 7: must be two_sided"):
        capi.prop_ci(7, 12, alternative=7)
    # the idiomatic layer names the argument and its domain too
    with pytest.raises(errors.ConfLevelError, match=r"conf_level.*must be in \(0, 1\)"):
        fgroi.prop_ci(7, 12, conf_level=1.5)


def test_detail_is_the_c_table():
    assert fgroi.ffi.string(fgroi.lib.fgroi_status_detail(b"prop_ci", fgroi.lib.FGROI_E_CONF_LEVEL)) \
        == b"conf_level: must be in (0, 1)"
    assert fgroi.lib.fgroi_status_detail(b"fgroi_prop_ci", fgroi.lib.FGROI_E_DUPLICATE) == fgroi.ffi.NULL


def test_a_refused_method_is_named_with_its_own_list():
    """A known method this function does not accept (FGROI_E_METHOD): the
    message names that argument and the list of its own methods, also
    when the function has two method arguments."""
    with pytest.raises(errors.MethodError) as e:
        capi.prop_ci(7, 12, method="newcombe")
    assert "method = 'newcombe': must be one of wilson, wald, wilson_cc, " in str(e.value)
    with pytest.raises(errors.MethodError) as e:
        capi.prepost_prop_change(12, 30, 21, 30, "default", "tango")
    text = str(e.value)
    assert "test_method = 'tango': must be one of fisher, chisq, chisq_cc, fisher_mid_p, or default (fisher)" in text
    assert "ci_method" not in text
    with pytest.raises(errors.MethodError) as e:
        capi.prepost_prop_change(12, 30, 21, 30, "fisher", "default")
    assert "ci_method = 'fisher': must be one of newcombe, " in str(e.value)
    assert "test_method" not in str(e.value)
