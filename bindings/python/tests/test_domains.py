"""The other domains' reference values, read from their C tests
(tests/test_<domain>.c), through the generic layer and the wrappers."""
import pytest

import fgroi
from fgroi import capi

from conftest import c_table


def close(a, b, rel, abs_=0.0):
    return a == b or abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


@pytest.mark.parametrize("row", c_table("nps", "wald_ref"))
def test_nps_wald_as_r_nps_package(row):
    d, p, r, nps, se, lo, hi, pv = row
    s = capi.nps_summarize(int(d), int(p), int(r))
    assert close(s.nps, nps, 0, 1e-12) and close(s.se, se, 1e-12)
    ci = fgroi.nps((int(d), int(p), int(r)), method="wald")
    assert close(ci.low, lo, 1e-12) and close(ci.high, hi, 1e-12)
    t = capi.nps_test(int(d), int(p), int(r), 0.0, "wald")
    assert close(t.pvalue, pv, 1e-12)


@pytest.mark.parametrize("row", c_table("nps", "score_ref"))
def test_nps_score_interval(row):
    d, p, r, lo, hi = row
    ci = fgroi.nps((int(d), int(p), int(r)))
    assert ci.method == "score"
    assert close(ci.low, lo, 0, 1e-6) and close(ci.high, hi, 0, 1e-6)


@pytest.mark.parametrize("row", c_table("prop", "newcombe_pub"))
def test_two_proportions_newcombe_1998_table_ii(row):
    x1, n1, x2, n2, w_lo, w_hi, mn_lo, mn_hi, nc_lo, nc_hi = row
    counts = (int(x1), int(n1), int(x2), int(n2))
    for method, lo, hi in (("wald", w_lo, w_hi), ("miettinen_nurminen", mn_lo, mn_hi),
                           ("newcombe", nc_lo, nc_hi)):
        r = fgroi.compare_props(*counts, method=method)
        assert close(r.low, lo, 0, 5e-5) and close(r.high, hi, 0, 5e-5), method


def test_nps_from_a_tally_equals_counts():
    scores = [0, 6, 7, 8, 9, 10, 10, 3, 9]
    t = fgroi.nps_tally(scores)
    assert t.counts() == (3, 2, 4)
    assert fgroi.nps(t) == fgroi.nps(scores) == fgroi.nps((3, 2, 4))


def test_nps_by_group_equals_one_group_at_a_time():
    import pandas as pd
    df = pd.DataFrame({"score": [9, 10, 3, 7, 8, 10, 0, 6, 9, 9],
                       "wave": ["pre"] * 5 + ["post"] * 5})
    by = fgroi.nps_by("score", "wave", data=df)
    assert list(by) == ["pre", "post"]
    for w, r in by.items():
        assert r == fgroi.nps(df[df.wave == w].score)
