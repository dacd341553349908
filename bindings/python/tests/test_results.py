"""Result objects: frozen, named, printable, convertible."""
import dataclasses
import math

import pandas as pd
import pytest

import fgroi


def test_frozen_and_named():
    r = fgroi.prop_ci(3, 10)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.low = 0
    assert r.confidence_interval == (r.low, r.high)
    assert 0.3 in r
    lo, hi = r.confidence_interval
    assert lo < 0.3 < hi


def test_repr_and_html():
    r = fgroi.binomtest(3, 10)
    assert repr(r).startswith("Analysis(estimate=0.3, low=0.0667395")
    assert "method='exact'" in repr(r)
    h = r._repr_html_()
    assert h.startswith("<table") and "clopper_pearson" in h and "<script" not in h


def test_to_dict_and_frame():
    rs = {"wilson": fgroi.prop_ci(3, 10), "exact": fgroi.binomtest(3, 10)}
    d = rs["wilson"].to_dict()
    assert d["method"] == "wilson" and d["flags"] == ()
    df = fgroi.to_frame(rs)
    assert isinstance(df, pd.DataFrame)
    assert list(df.index) == ["wilson", "exact"]
    assert df.loc["exact", "pvalue"] == pytest.approx(0.34375)
    assert math.isnan(df.loc["wilson", "pvalue"])
    df2 = fgroi.to_frame([fgroi.prop_ci(k, 10) for k in range(11)])
    assert len(df2) == 11 and df2["estimate"].is_monotonic_increasing


def test_generic_struct_records():
    # every public struct has a frozen record type named after it
    rec = fgroi.results.record_type("fgroi_prop_tally")
    assert rec.__name__ == "PropTally" and "successes" in {f.name for f in dataclasses.fields(rec)}


def test_flags_by_name():
    assert fgroi.results.flag_names(fgroi.lib.FGROI_FLAG_EXACT | fgroi.lib.FGROI_FLAG_CONTINUITY) \
        == ("continuity", "exact")
    assert fgroi.results.flag_names(1 << 30) == ("bit30",)


def test_methods_and_version():
    assert "wilson" in fgroi.methods() and fgroi.methods()[0] == "default"
    assert fgroi.__version__ == fgroi.capi.version()


def test_every_result_pickles():
    import pickle
    import numpy as np
    for r in (fgroi.prop_ci(3, 10), fgroi.binomtest(3, 10),
              fgroi.capi.nps_summarize(2, 3, 5),
              fgroi.capi.exact2x2_test(9, 12, 2, 12)):
        items = r if isinstance(r, tuple) else (r,)
        for x in items:
            y = pickle.loads(pickle.dumps(x))
            assert type(y) is type(x) and repr(y) == repr(x)


def test_results_with_nan_fields_equal_their_repeat():
    a, b = fgroi.compare_props(3, 4, 1, 3), fgroi.compare_props(3, 4, 1, 3)
    assert math.isnan(a.df) and a == b and hash(a) == hash(b)
    assert a != fgroi.compare_props(3, 4, 1, 4)
    assert len({a, b}) == 1
