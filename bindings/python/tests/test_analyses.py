"""The idiomatic layer over the rest of the library (fgroi.analyses, issue
18): each wrapper returns the C call's values, follows the conventions
(index alignment, the NA rule, confidence_interval as a method) and agrees
with statsmodels / scipy where they compute the same thing."""
import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar
from statsmodels.stats.power import TTestIndPower, TTestPower
from statsmodels.stats.inter_rater import cohens_kappa

import fgroi
from fgroi import capi, errors


def test_power_t_equals_statsmodels():
    # statsmodels counts both rejection tails: strict=True (R's strict = TRUE)
    n = fgroi.power_t(0.5, 1.0, power=0.8, strict=True).n
    assert n == pytest.approx(TTestIndPower().solve_power(0.5, power=0.8, alpha=0.05), rel=1e-6)
    # power.t.test(delta = .5, power = .8): n = 63.76576 (R's default strict = FALSE)
    assert fgroi.power_t(0.5, 1.0, power=0.8).n == pytest.approx(63.76576, abs=5e-6)
    p = fgroi.power_t(0.5, 2.0, n=30, paired=True, strict=True).power
    assert p == pytest.approx(TTestPower().power(0.25, nobs=30, alpha=0.05), rel=1e-6)
    with pytest.raises(TypeError, match="exactly one"):
        fgroi.power_t(0.5, 1.0)


def test_power_prop2_is_r_power_prop_test_and_the_exact_search():
    # power.prop.test(p1 = .5, p2 = .75, power = .8): n = 57.67344
    assert fgroi.power_prop2(0.5, 0.75, power=0.8).n == pytest.approx(57.67344, abs=5e-5)
    r = fgroi.power_prop2(0.5, 0.8, power=0.8, test="fisher")
    ref = capi.power_prop2_exact_n(0.5, 0.8, 0.8, "fisher")
    assert (r.n, r.n2, r.power) == (ref.n1, ref.n2, ref.power)
    assert fgroi.power_prop2(0.5, 0.8, n=r.n, test="fisher").power == pytest.approx(r.power)


def test_mcnemar_equals_statsmodels_and_pairs_by_id():
    table = [[30, 2], [9, 19]]
    r = fgroi.mcnemar(table, method="mcnemar_exact")
    assert r.pvalue == pytest.approx(sm_mcnemar(table, exact=True).pvalue, rel=1e-12)
    c = fgroi.mcnemar(table, method="mcnemar")
    assert c.statistic == pytest.approx(sm_mcnemar(table, exact=False, correction=False).statistic)
    assert r.estimate == pytest.approx((9 - 2) / 60)
    # the same data as paired 0/1 vectors, shuffled Series pair by index
    x = np.repeat([1, 1, 0, 0], [30, 2, 9, 19])
    y = np.repeat([1, 0, 1, 0], [30, 2, 9, 19])
    ids = ["p%02d" % i for i in range(60)]
    xs, ys = pd.Series(x, index=ids), pd.Series(y, index=ids)
    assert fgroi.mcnemar(xs, ys.sample(frac=1, random_state=1), method="mcnemar_exact") == r
    with pytest.raises(errors.LengthMismatchError, match="different ids"):
        fgroi.mcnemar(xs, ys.rename(index={"p00": "zz"}))
    yn = ys.astype(float)
    yn.iloc[3] = np.nan
    with pytest.raises(errors.NanError, match="'y'"):
        fgroi.mcnemar(xs, yn)
    assert fgroi.mcnemar(xs, yn, nan_policy="omit").n_omitted == 1
    assert r.confidence_interval(confidence_level=0.9) == \
        fgroi.mcnemar(table, method="mcnemar_exact", conf_level=0.9).confidence_interval()


def test_agreement_kappa_equals_statsmodels():
    stats, ci = fgroi.agreement([[10, 2], [3, 5]])
    ref = cohens_kappa(np.array([[10, 2], [3, 5]]))
    assert stats.kappa == pytest.approx(ref.kappa, rel=1e-12)
    assert ci.estimate == stats.kappa
    assert stats.kappa_se == pytest.approx(ref.std_kappa, rel=1e-9)


def test_bland_altman_pairs_by_index():
    ids = list("abcdef")
    x = pd.Series([1.0, 2.0, 3.0, 4.5, 5.0, 6.1], index=ids)
    y = pd.Series([1.1, 2.3, 2.9, 4.0, 5.2, 6.0], index=ids)
    r = fgroi.bland_altman(x, y)
    assert r.bias == pytest.approx(np.mean(x - y))
    assert fgroi.bland_altman(x, y.iloc[::-1]) == r
    with pytest.raises(errors.LengthMismatchError):
        fgroi.bland_altman(x, y.iloc[1:])


def test_survival_wrappers_are_the_c_calls():
    t = [1, 2, 3, 4, 5, 2, 3, 5, 6, 7]
    e = [1, 0, 1, 1, 0, 1, 1, 0, 0, 1]
    km = fgroi.kaplan_meier(t[:5], e[:5])
    cols = capi.surv_km(t[:5], e[:5])
    np.testing.assert_array_equal(km["surv"], cols[4])
    assert fgroi.done_within(t[:5], e[:5], 3) == capi.surv_at(t[:5], e[:5], 3)[1]
    r = fgroi.logrank(t, e, ["a"] * 5 + ["b"] * 5)
    ref, _ = capi.surv_logrank(t[:5], e[:5], t[5:], e[5:], 0)
    assert (r.statistic, r.pvalue) == (ref.statistic, ref.pvalue)
    with pytest.raises(errors.NanError, match="group"):
        fgroi.logrank(t, e, ["a"] * 4 + [None] + ["b"] * 5)
    o = fgroi.logrank(t, e, ["a"] * 4 + [None] + ["b"] * 5, nan_policy="omit")
    assert o.n_omitted == 1
    with pytest.raises(errors.NanError, match="time"):
        fgroi.kaplan_meier([1, np.nan, 3], [1, 1, 0])


def test_target_test_tests_the_direction_asked():
    with pytest.raises(TypeError, match="alternative"):
        fgroi.target_test(10, 12, 0.85)     # the direction is the question: no default
    lo = fgroi.target_test(10, 12, 0.85, alternative="less")
    assert lo.low == 0.0 and lo.pvalue == capi.prepost_target(10, 12, 0.85, "exact", 0.95,
                                                                 "less")[0].pvalue
    r = fgroi.target_test(10, 12, 0.85, alternative="greater")
    t, b = capi.prepost_target(10, 12, 0.85, "exact", 0.95, "greater")
    assert r.alternative == "greater" and r.pvalue == t.pvalue and r.low == b.low
    assert r.high == 1.0


def test_pool_and_scorecard():
    r = fgroi.pool([0.1, 0.3, 0.2], [0.01, 0.02, 0.015], method="fixed_effect")
    w = 1 / np.array([0.01, 0.02, 0.015])
    assert r.estimate == pytest.approx(np.sum(w * [0.1, 0.3, 0.2]) / w.sum(), rel=1e-12)
    s = fgroi.scorecard([0.1, -0.2], [0.01, 0.04], [True, True], adjust="fdr_bh")
    np.testing.assert_allclose(s["adjusted_p"], fgroi.p_adjust([0.01, 0.04], "fdr_bh"))
    yi, vi = fgroi.escalc("rd", [9, 7], [12, 10], [4, 5], [12, 10])
    assert yi[0] == pytest.approx(9 / 12 - 4 / 12)
