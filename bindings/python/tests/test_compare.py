"""Device arm vs control, continuous outcomes and the other domains through
the idiomatic wrappers, against scipy on randomised inputs (hypothesis)."""
import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy import stats

import fgroi


def close(a, b, rel, abs_=1e-13):
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b)) or abs(a - b) < abs_


arm = st.integers(1, 15).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
small = st.integers(1, 8).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@settings(max_examples=60, deadline=None)
@given(a=arm, b=arm, alt=st.sampled_from(["two_sided", "less", "greater"]))
def test_fisher_matches_scipy(a, b, alt):
    (x1, n1), (x2, n2) = a, b
    r = fgroi.compare_props(x1, n1, x2, n2, alternative=alt)
    _, p = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative=alt.replace("_", "-"))
    assert close(r.pvalue, p, 1e-9)


def brute_force(x1, n1, x2, n2, stat):
    """sup over pi (grid of 4001) of P(tables at least as extreme as the
    observed by `stat`, ties within 1e-7 relative)."""
    a = np.arange(n1 + 1)[:, None]
    b = np.arange(n2 + 1)[None, :]
    t = np.vectorize(stat)(a, b)
    t_obs = stat(x1, x2)
    extreme = t >= t_obs - 1e-7 * abs(t_obs)
    best = 0.0
    for pi in np.linspace(0, 1, 4001):
        pr = stats.binom.pmf(a, n1, pi) * stats.binom.pmf(b, n2, pi)
        best = max(best, pr[extreme].sum())
    return best


@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # scipy's pmf at pi = 0
@settings(max_examples=12, deadline=None)
@given(a=small, b=small)
def test_barnard_and_boschloo_match_brute_force(a, b):
    # (scipy's barnard_exact / boschloo_exact maximise over a coarse grid
    # and miss tables whose statistic ties the observed one in floating
    # point, e.g. 0/1 vs 1/5: scipy 0.9189, the supremum 31/32; so the
    # reference here is a direct enumeration)
    (x1, n1), (x2, n2) = a, b

    def absz(u, v):
        pp = (u + v) / (n1 + n2)
        var = pp * (1 - pp) * (1 / n1 + 1 / n2)
        return 0.0 if var == 0 else abs(u / n1 - v / n2) / math.sqrt(var)
    r = fgroi.exact_test(x1, n1, x2, n2, method="barnard")
    ref = brute_force(x1, n1, x2, n2, absz)
    assert r.pvalue >= ref - 1e-9 and close(r.pvalue, ref, 2e-3, 1e-9)

    def fisher_greater(u, v):  # small Fisher p-value = extreme; negate to rank
        return -stats.hypergeom.sf(u - 1, n1 + n2, u + v, n1)
    r = fgroi.exact_test(x1, n1, x2, n2, method="boschloo", alternative="greater")
    ref = brute_force(x1, n1, x2, n2, fisher_greater)
    assert r.pvalue >= ref - 1e-9 and close(r.pvalue, ref, 2e-3, 1e-9)


samples = st.lists(st.floats(-50, 50, allow_nan=False), min_size=3, max_size=25)


@settings(max_examples=100, deadline=None)
@given(x=samples, y=samples)
def test_t_tests_match_scipy(x, y):
    x, y = np.array(x), np.array(y)
    if np.ptp(x) < 1e-6 or np.ptp(y) < 1e-6:
        return
    w = fgroi.ttest(x, y)
    ref = stats.ttest_ind(x, y, equal_var=False)
    assert close(w.statistic, ref.statistic, 1e-9) and close(w.pvalue, ref.pvalue, 1e-8)
    s = fgroi.ttest(x, y, method="student")
    ref = stats.ttest_ind(x, y)
    assert close(s.statistic, ref.statistic, 1e-9) and close(s.pvalue, ref.pvalue, 1e-8)
    n = min(len(x), len(y))
    d = x[:n] - y[:n]
    if np.ptp(d) > 1e-6:
        p = fgroi.ttest(x[:n], y[:n], paired=True)
        ref = stats.ttest_rel(x[:n], y[:n])
        assert close(p.statistic, ref.statistic, 1e-9) and close(p.pvalue, ref.pvalue, 1e-8)


def test_length_mismatch_is_caught_before_c():
    with pytest.raises(fgroi.errors.LengthMismatchError):
        fgroi.ttest([1.0, 2.0, 3.0], [1.0, 2.0], paired=True)


def test_roi_takes_an_interval_result():
    effect = fgroi.compare_props(9, 12, 6, 12)
    roi, net, summary = fgroi.roi(effect, volume=3600, value_per_unit=120, cost=60000)
    assert math.isclose(net.estimate, 3600 * 120 * 0.25 - 60000)
    assert math.isclose(summary.break_even_effect, 60000 / (3600 * 120))
    a = fgroi.roi(effect, volume=3600, value_per_unit=(120, 240), cost=60000, seed=5)
    b = fgroi.roi(effect, volume=3600, value_per_unit=(120, 240), cost=60000, seed=5)
    assert a == b and "monte_carlo" in a[0].flags


def test_same_keywords_across_wrappers():
    for f in (fgroi.prop_ci, fgroi.binomtest, fgroi.compare_props, fgroi.adherence_gap,
              fgroi.nps, fgroi.nps_change, fgroi.exact_test, fgroi.ttest, fgroi.rank_test):
        params = inspect.signature(f).parameters
        assert "conf_level" in params and "alternative" in params, f.__name__
    for f in (fgroi.nps, fgroi.nps_change, fgroi.roi):
        assert "seed" in inspect.signature(f).parameters


def test_compare_props_from_counts_vectors_and_frames():
    import pandas as pd
    ref = fgroi.compare_props(3, 4, 1, 3)
    assert fgroi.compare_props([1, 1, 0, 1], x2=[0, 1, 0]) == ref
    df = pd.DataFrame({"ok": [1, 1, 0, 1, 0, 1, 0], "arm": ["device"] * 4 + ["control"] * 3})
    assert fgroi.compare_props("ok", data=df, group="arm") == ref
    assert fgroi.compare_props("ok", data=df, group="arm", levels=("control", "device")) == \
        fgroi.compare_props(1, 3, 3, 4)
