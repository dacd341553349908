"""scipy / statsmodels conventions (issue 18): confidence_interval() as a
method with confidence_level, statsmodels' and R's method names through the
library's one name table, multipletests like statsmodels'."""
import pickle

import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests as sm_multipletests

import fgroi
from fgroi import errors


def test_confidence_interval_is_a_method_like_scipy_and_still_a_pair():
    r = fgroi.prop_ci(7, 12)
    assert r.confidence_interval() == (r.low, r.high)
    assert r.confidence_interval(confidence_level=0.95) == (r.low, r.high)
    lo, hi = r.confidence_interval          # back-compatible attribute use
    assert (lo, hi) == (r.low, r.high) and r.confidence_interval.low == r.low
    ci90 = r.confidence_interval(confidence_level=0.9)
    ref = fgroi.prop_ci(7, 12, conf_level=0.9)
    assert ci90 == (ref.low, ref.high) and ci90.low > r.low
    a = fgroi.nps_change([3, 9, 7, 10, 6, 2], [9, 10, 9, 10, 9, 8], paired=True)
    assert a.confidence_interval(confidence_level=0.8) == \
        fgroi.nps_change([3, 9, 7, 10, 6, 2], [9, 10, 9, 10, 9, 8], paired=True,
                         conf_level=0.8).confidence_interval()
    # a result from the generic layer knows no recipe: a clear error
    raw = fgroi.capi.prop_ci(7, 12)
    assert raw.confidence_interval() == (raw.low, raw.high)
    with pytest.raises(ValueError, match="conf_level=0.9"):
        raw.confidence_interval(confidence_level=0.9)
    # results still pickle (the recipe stays behind) and compare by value
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.confidence_interval() == (r.low, r.high)


@pytest.mark.parametrize("sm_name", ["holm", "hommel", "bonferroni", "fdr_bh", "fdr_by",
                                     "simes-hochberg", "fdr_tsbh", "fdr_tsbky", "fdr_gbs"])
def test_multipletests_equals_statsmodels(sm_name):
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.5, 0.9])
    reject, adj, sidak, bonf = fgroi.multipletests(p, alpha=0.05, method=sm_name)
    ref = sm_multipletests(p, alpha=0.05, method=sm_name)
    np.testing.assert_allclose(adj, ref[1], rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(reject, ref[0])
    assert sidak == pytest.approx(ref[2]) and bonf == pytest.approx(ref[3])


def test_r_and_statsmodels_method_names_map_to_the_library_names():
    p = [0.01, 0.02, 0.03, 0.04]
    bh = fgroi.p_adjust(p, "bh")
    for alias in ("fdr_bh", "fdr", "BH", "fdr_i"):
        np.testing.assert_array_equal(fgroi.p_adjust(p, alias), bh)
    np.testing.assert_array_equal(fgroi.capi.multiplicity_adjust(p, "fdr_bh"), bh)
    np.testing.assert_array_equal(fgroi.p_adjust(p, "BY"), fgroi.p_adjust(p, "by"))
    assert fgroi.prop_ci(3, 10, method="clopper-pearson") == \
        fgroi.prop_ci(3, 10, method="clopper_pearson")
    with pytest.raises(errors.UnknownNameError):
        fgroi.p_adjust(p, "sidak_unknown")
    with pytest.raises(errors.UnknownNameError, match="'fdr_nope' is not known.*fdr_bh"):
        fgroi.multipletests(p, method="fdr_nope")
    # statsmodels' two-stage names reach the library (issue 17)
    assert len(fgroi.multipletests(p, method="fdr_tsbky")[1]) == len(p)


def test_p_adjust_na_rule():
    with pytest.raises(errors.NanError, match="pvals"):
        fgroi.p_adjust([0.01, np.nan, 0.03])
    out = fgroi.p_adjust([0.01, np.nan, 0.03], "bh", nan_policy="omit")
    assert np.isnan(out[1])
    np.testing.assert_array_equal(out[[0, 2]], fgroi.p_adjust([0.01, 0.03], "bh"))
