"""The proportion engine through Python: the C tests' reference values,
then scipy / statsmodels on randomised inputs (hypothesis)."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import fgroi

from conftest import c_table

ALT = {0: "two_sided", 1: "less", 2: "greater"}


def close(a, b, rel):
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


@pytest.mark.parametrize("row", c_table("prop", "single_ref"))
def test_c_reference_intervals(row):
    x, n, conf, cp_lo, cp_hi, w_lo, w_hi, j_lo, j_hi = row
    cp = fgroi.prop_ci(int(x), int(n), method="clopper_pearson", conf_level=conf)
    w = fgroi.prop_ci(int(x), int(n), method="wilson", conf_level=conf)
    j = fgroi.prop_ci(int(x), int(n), method="jeffreys", conf_level=conf)
    assert close(cp.low, cp_lo, 1e-8) and close(cp.high, cp_hi, 1e-8)
    assert close(w.low, w_lo, 1e-10) and close(w.high, w_hi, 1e-10)
    assert close(j.low, j_lo, 1e-8) and close(j.high, j_hi, 1e-8)


@pytest.mark.parametrize("row", c_table("prop", "btest_ref"))
def test_c_reference_binom_test(row):
    x, n, p0, alt, p = row
    r = fgroi.binomtest(int(x), int(n), p0, alternative=ALT[int(alt)])
    assert close(r.pvalue, p, 1e-10)
    assert r.statistic == x and r.null_value == p0 and r.method == "exact"


SM = {"wilson": "wilson", "clopper_pearson": "beta", "agresti_coull": "agresti_coull",
      "jeffreys": "jeffreys", "wald": "normal"}


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 3000), frac=st.floats(0, 1), conf=st.floats(0.5, 0.999),
       method=st.sampled_from(sorted(SM)))
def test_intervals_match_statsmodels(n, frac, conf, method):
    x = int(round(frac * n))
    r = fgroi.prop_ci(x, n, method=method, conf_level=conf)
    lo, hi = proportion_confint(x, n, alpha=1 - conf, method=SM[method])
    if method == "jeffreys" and x in (0, n):
        return  # Brown, Cai & DasGupta's boundary adjustment; statsmodels has none
    if method in ("wald", "agresti_coull"):
        lo, hi = max(lo, 0.0), min(hi, 1.0)
    rel = 1e-10 if method in ("wilson", "wald", "agresti_coull") else 1e-8
    assert close(r.low, lo, rel) or abs(r.low - lo) < 1e-14
    assert close(r.high, hi, rel) or abs(r.high - hi) < 1e-14
    assert r.method == method and r.conf_level == conf


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 5000), frac=st.floats(0, 1), p=st.floats(0.001, 0.999),
       alt=st.sampled_from(["two_sided", "less", "greater"]))
def test_binomtest_matches_scipy(n, frac, p, alt):
    k = int(round(frac * n))
    ours = fgroi.binomtest(k, n, p, alternative=alt)
    ref = stats.binomtest(k, n, p, alternative=alt.replace("_", "-"))
    assert close(ours.pvalue, ref.pvalue, 1e-9) or abs(ours.pvalue - ref.pvalue) < 1e-15
    ci = ref.proportion_ci(0.95, method="exact")
    assert close(ours.low, ci.low, 1e-8) or abs(ours.low - ci.low) < 1e-14
    assert close(ours.high, ci.high, 1e-8) or abs(ours.high - ci.high) < 1e-14


def test_inputs_numbers_lists_arrays_series_frames():
    ref = fgroi.prop_ci(3, 5)
    outcomes = [1, 0, 1, 1, 0]
    for v in (outcomes, np.array(outcomes, dtype=np.int64), np.array(outcomes, dtype=bool),
              np.array(outcomes, dtype=np.float32), pd.Series(outcomes), tuple(outcomes)):
        assert fgroi.prop_ci(v) == ref
    df = pd.DataFrame({"opened": outcomes})
    assert fgroi.prop_ci("opened", data=df) == ref
    assert fgroi.prop_ci(np.int64(3), np.int32(5)) == ref
    assert fgroi.prop_ci(3.0, 5.0) == ref
    assert fgroi.binomtest("opened", data=df).estimate == 0.6


def test_non_contiguous_and_wrong_dtype_arrays_are_converted():
    a = np.array([1, 9, 0, 9, 1, 9, 1, 9], dtype=np.int64)[::2]  # a strided view
    t = fgroi.PropTally(a)
    assert (t.successes, t.trials) == (3, 4)


def test_same_keywords_everywhere():
    import inspect
    for f in (fgroi.prop_ci, fgroi.binomtest, fgroi.compare_props):
        params = inspect.signature(f).parameters
        for k in ("conf_level", "method", "alternative"):
            assert k in params, (f.__name__, k)


def test_one_sided_interval():
    r = fgroi.prop_ci(3, 10, method="clopper_pearson", alternative="greater")
    assert r.high == 1.0 and r.alternative == "greater"
    assert fgroi.prop_ci(3, 10, alternative="two.sided").alternative == "two_sided"


def test_edges_and_flags():
    r = fgroi.prop_ci(0, 10, method="clopper_pearson")
    assert r.low == 0.0 and "closed_form" in r.flags
    assert math.isclose(fgroi.binomtest(0, 10, 0.2).pvalue, 0.228248064)
