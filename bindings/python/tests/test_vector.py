"""Vectorised calls (fgroi.vector and the idiomatic functions given arrays):
element by element bit for bit the scalar call, broadcasting, the pandas
index kept, per-element errors, safe dtype conversion; and the scalar fast
path of fgroi.prop_ci agrees with the generic layer."""
import itertools
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fgroi
from fgroi import capi, errors, vector


def bits(v):
    """A float's bytes: equal bits, NaN included."""
    return np.float64(v).tobytes()


def same_interval(row, ci):
    return (bits(row["estimate"]) == bits(ci.estimate) and bits(row["low"]) == bits(ci.low)
            and bits(row["high"]) == bits(ci.high)
            and fgroi.results.flag_names(int(row["flags"])) == ci.flags)


def same_test(row, t):
    return (bits(row["statistic"]) == bits(t.statistic) and bits(row["pvalue"]) == bits(t.pvalue)
            and bits(row["df"]) == bits(t.df)
            and fgroi.results.flag_names(int(row["flags"])) == t.flags)


def scalar_or_status(f, *args):
    try:
        return f(*args), 0
    except errors.FgroiError as e:
        return None, e.code


def check_elementwise(rec, scalar, same, *arrays):
    """Every element of rec equals the scalar call on the same inputs (bit
    for bit), or failed with the status the scalar call raises and NaN."""
    flat = [np.broadcast_to(a, rec.shape).reshape(-1) for a in arrays]
    r = rec.reshape(-1)
    for i in range(r.size):
        res, code = scalar_or_status(scalar, *(int(a[i]) if a.dtype.kind in "iu" else float(a[i])
                                               for a in flat))
        assert int(r[i]["status"]) == code, (i, [a[i] for a in flat])
        if code:
            for f in r.dtype.names:
                if r.dtype.fields[f][0].kind == "f":
                    assert np.isnan(r[i][f])
        else:
            assert same(r[i], res), (i, r[i], res)


GRID = np.array(list(itertools.product(range(-1, 8), range(-1, 8))), dtype=np.int64)
INTERVAL_METHODS = ["wilson", "wilson_cc", "clopper_pearson", "jeffreys", "agresti_coull",
                    "mid_p", "wald"]


@pytest.mark.parametrize("method", INTERVAL_METHODS)
@pytest.mark.parametrize("alternative", ["two_sided", "less", "greater"])
def test_prop_ci_grid_bit_for_bit(method, alternative):
    x, n = GRID[:, 0], GRID[:, 1]
    rec = vector.prop_ci(x, n, method=method, conf_level=0.9, alternative=alternative,
                         errors="coerce")
    check_elementwise(rec, lambda a, b: capi.prop_ci(a, b, method, 0.9, alternative),
                      same_interval, x, n)
    assert (rec["status"] != 0).any() and (rec["status"] == 0).any()


@pytest.mark.parametrize("conf,alternative", [(0.95, "two_sided"), (0.3, "less"),
                                              (0.999, "greater"), (1e-9, "two_sided")])
def test_prop_ci_many_chunks_bit_for_bit(conf, alternative):
    """fgroi_prop_ci_many (issue 18) behind fgroi.prop_ci on arrays: 1,000
    elements (several 256-element chunks and a ragged tail, the AVX2 lanes
    and their scalar remainder), a broadcast scalar n, bad elements inside."""
    rng = np.random.default_rng(18)
    n = rng.integers(1, 10**9, 1003)
    n[:40] = rng.integers(1, 5, 40)
    x = rng.integers(0, n + 1)
    x[7], n[300], x[600] = -1, 0, n[600] + 1
    rec = fgroi.prop_ci(x, n, conf_level=conf, alternative=alternative, errors="coerce")
    assert rec.dtype.names == ("estimate", "low", "high", "flags", "status")
    check_elementwise(rec, lambda a, b: capi.prop_ci(a, b, "wilson", conf, alternative),
                      same_interval, x, n)
    rec = fgroi.prop_ci(x[:517] % 50, 50, conf_level=conf, alternative=alternative)
    check_elementwise(rec, lambda a, b: capi.prop_ci(a, b, "wilson", conf, alternative),
                      same_interval, x[:517] % 50, np.int64(50))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 40), st.integers(-2, 40), st.integers(-2, 40),
                          st.integers(-2, 40)), min_size=1, max_size=12),
       st.sampled_from(["diff", "ratio", "odds_ratio"]))
def test_two_proportions_bit_for_bit(rows, effect):
    a = np.array(rows, dtype=np.int64)
    x1, n1, x2, n2 = a.T
    cname = {"diff": "prop_diff_ci", "ratio": "prop_ratio_ci",
             "odds_ratio": "prop_odds_ratio_ci"}[effect]
    rec = getattr(vector, cname)(x1, n1, x2, n2, errors="coerce")
    check_elementwise(rec, lambda *v: getattr(capi, cname)(*v, "default", 0.95, "two_sided"),
                      same_interval, x1, n1, x2, n2)
    for method in ("fisher", "fisher_mid_p", "chisq", "chisq_cc"):
        rec = vector.prop_2x2_test(x1, n1, x2, n2, method=method, errors="coerce")
        check_elementwise(rec, lambda *v: capi.prop_2x2_test(*v, method, "two_sided"),
                          same_test, x1, n1, x2, n2)


def test_prop_test_nps_and_power_bit_for_bit():
    x, n = GRID[:, 0], GRID[:, 1]
    p0 = np.array([0.2, 0.5, 0.9, 1.5, np.nan])[:, None]
    rec = vector.prop_test(x, n, p0=p0, errors="coerce")
    assert rec.shape == (5, len(x))
    check_elementwise(rec, lambda a, b, p: capi.prop_test(a, b, p, "default", "two_sided"),
                      same_test, x, n, p0)
    c = np.array(list(itertools.product(range(-1, 4), repeat=3)), dtype=np.int64)
    for method in ("score", "adjusted_wald", "wald"):
        rec = vector.nps_ci(c[:, 0], c[:, 1], c[:, 2], method=method, errors="coerce")
        check_elementwise(rec, lambda *v: capi.nps_ci(*v, method, 0.95, "two_sided"),
                          same_interval, *c.T)
    rec = vector.nps_test(c[:, 0], c[:, 1], c[:, 2], null_nps=10.0, errors="coerce")
    check_elementwise(rec, lambda *v: capi.nps_test(*v, 10.0, "default", "two_sided"),
                      same_test, *c.T)
    p1 = np.array([0.1, 0.3, 0.5, 0.0, 1.2])
    rec = vector.power_prop2(p1, 0.3, np.array([[50.0], [200.0], [-1.0]]), errors="coerce")
    check_elementwise(rec, lambda a, b, m: capi.power_prop2(a, b, m, None),
                      lambda row, v: bits(row["power"]) == bits(v), p1, np.float64(0.3),
                      np.array([[50.0], [200.0], [-1.0]]))
    rec = vector.power_prop2_n(p1, 0.3, 0.8, errors="coerce")
    check_elementwise(rec, lambda a, b, m: capi.power_prop2_n(a, b, m, None),
                      lambda row, v: bits(row["n"]) == bits(v), p1, np.float64(0.3),
                      np.float64(0.8))


def test_fisher_many_tables_match_scipy():
    from scipy.stats import fisher_exact
    rng = np.random.default_rng(7)
    n1 = rng.integers(1, 30, 200)
    n2 = rng.integers(1, 30, 200)
    x1 = rng.integers(0, n1 + 1)
    x2 = rng.integers(0, n2 + 1)
    rec = vector.prop_2x2_test(x1, n1, x2, n2, method="fisher")
    ref = [fisher_exact([[a, b - a], [c, d - c]])[1] for a, b, c, d in zip(x1, n1, x2, n2)]
    np.testing.assert_allclose(rec["pvalue"], ref, rtol=1e-9, atol=1e-14)


def test_idiomatic_functions_take_arrays():
    x, n = np.array([3, 4, 5]), np.array([10, 10, 10])
    r = fgroi.prop_ci(x, n)
    assert r.shape == (3,) and r.dtype.names == ("estimate", "low", "high", "flags", "status")
    for i in range(3):
        assert same_interval(r[i], fgroi.prop_ci(int(x[i]), int(n[i])))
    b = fgroi.binomtest(x, n, p=0.3)
    for i in range(3):
        s = fgroi.binomtest(int(x[i]), int(n[i]), p=0.3)
        assert bits(b[i]["pvalue"]) == bits(s.pvalue) and bits(b[i]["low"]) == bits(s.low)
    c = fgroi.compare_props([9, 3], [12, 12], [2, 2], 12, effect="ratio")
    for i, (a, m) in enumerate(((9, 12), (3, 12))):
        s = fgroi.compare_props(a, m, 2, 12, effect="ratio")
        assert bits(c[i]["pvalue"]) == bits(s.pvalue) and bits(c[i]["high"]) == bits(s.high)
    nps = fgroi.nps((np.array([5, 2]), np.array([3, 3]), np.array([4, 9])))
    assert bits(nps[1]["estimate"]) == bits(fgroi.nps((2, 3, 9)).estimate)
    with pytest.raises(ValueError, match="errors='coerce'"):
        fgroi.prop_ci(x, n, nan_policy="omit")


def test_broadcasting_like_statsmodels():
    from statsmodels.stats.proportion import proportion_confint
    x = np.arange(0, 21).reshape(3, 7)
    r = fgroi.prop_ci(x, 20)
    assert r.shape == (3, 7)
    lo, hi = proportion_confint(x, 20, method="wilson")
    np.testing.assert_allclose(r["low"], lo, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r["high"], hi, rtol=1e-12, atol=1e-15)
    r2 = fgroi.prop_ci(x, np.array([20, 30, 40])[:, None])
    assert bits(r2[2, 3]["low"]) == bits(fgroi.prop_ci(int(x[2, 3]), 40).low)
    one = fgroi.vector.prop_ci(3, 10)
    assert one.shape == () and bits(one["low"]) == bits(fgroi.prop_ci(3, 10).low)
    empty = fgroi.prop_ci(np.array([], dtype=np.int64), 10)
    assert empty.shape == (0,)
    with pytest.raises(errors.LengthMismatchError, match="broadcast"):
        fgroi.prop_ci([1, 2, 3], [10, 10])


def test_pandas_index_kept_and_aligned():
    x = pd.Series([3, 4, 5], index=["north", "south", "east"], name="yes")
    n = pd.Series([12, 10, 10], index=["east", "north", "south"])
    df = fgroi.prop_ci(x, n)
    assert isinstance(df, pd.DataFrame) and list(df.index) == ["north", "south", "east"]
    # pairs by label, never by position: north is 3 of 10, east 5 of 12
    assert bits(df.loc["north", "low"]) == bits(fgroi.prop_ci(3, 10).low)
    assert bits(df.loc["east", "low"]) == bits(fgroi.prop_ci(5, 12).low)
    assert df.attrs["method"] == "wilson" and df.attrs["conf_level"] == 0.95
    with pytest.raises(errors.LengthMismatchError, match="different ids"):
        fgroi.prop_ci(x, pd.Series([10, 10, 10], index=["north", "south", "west"]))
    one = fgroi.prop_ci(x, 12)  # a Series with a scalar keeps its index
    assert list(one.index) == list(x.index)
    d = fgroi.compare_props(x, 12, x, 14)
    assert list(d.index) == list(x.index) and "pvalue" in d.columns


def test_errors_raise_by_default_naming_the_element():
    with pytest.raises(errors.CountExceedsTotalError,
                       match=r"element 1 \(x=11, n=10\).*1 of 3 element"):
        fgroi.prop_ci([3, 11, 4], [10, 10, 10])
    s = pd.Series([3, 11], index=["a", "b"])
    with pytest.raises(errors.CountExceedsTotalError, match="index label 'b'"):
        fgroi.prop_ci(s, 10)
    with pytest.raises(errors.NanError, match="argument 'x' has 1 missing"):
        fgroi.prop_ci([3.0, np.nan], 10)
    with pytest.raises(ValueError, match="errors"):
        fgroi.prop_ci([3, 4], 10, errors="ignore")


def test_errors_coerce_gives_nan_and_status_per_element():
    s = pd.Series([3, 11, None, -1, 4], index=list("abcde"), dtype="Int64")
    df = fgroi.prop_ci(s, 10, errors="coerce")
    assert list(df["error"]) == [None, "FGROI_E_COUNT_EXCEEDS_TOTAL", "FGROI_E_NAN",
                                 "FGROI_E_NEGATIVE_COUNT", None]
    bad = df["status"] != 0
    assert df.loc[bad, ["estimate", "low", "high"]].isna().all().all()
    assert (df.loc[bad, "flags"] == 0).all()
    assert bits(df.loc["e", "high"]) == bits(fgroi.prop_ci(4, 10).high)
    b = fgroi.binomtest([3, 11], 10, errors="coerce")
    assert b[1]["status"] == errors.CountExceedsTotalError.code and np.isnan(b[1]["pvalue"])


def test_dtype_conversions_are_safe():
    whole = fgroi.prop_ci(np.array([3.0, 4.0]), np.array([10.0, 10.0]))
    assert bits(whole[0]["low"]) == bits(fgroi.prop_ci(3, 10).low)
    small = fgroi.prop_ci(np.array([3, 4], dtype=np.uint8), np.array([10, 10], dtype=np.int16))
    assert bits(small[1]["high"]) == bits(fgroi.prop_ci(4, 10).high)
    with pytest.raises(errors.NotIntegerError, match="argument 'x'"):
        fgroi.prop_ci(np.array([3.5, 4.0]), 10)
    with pytest.raises(errors.NotIntegerError, match="argument 'n'"):
        fgroi.prop_ci([3, 4], [10, 10.25], errors="coerce")  # never coerced
    with pytest.raises(TypeError, match="argument 'x'"):
        fgroi.prop_ci(np.array(["3", "4"]), 10)
    with pytest.raises(errors.FgroiError, match="argument 'n'"):
        fgroi.prop_ci([3], np.array([2.0**70]))
    with pytest.raises(errors.FgroiError, match="argument 'n'"):
        fgroi.prop_ci([3], np.array([2**64 - 1], dtype=np.uint64))
    with pytest.raises(errors.InfiniteError, match="argument 'x'"):
        fgroi.prop_ci([np.inf], 10)
    strided = np.arange(20)[::4]  # non-contiguous input
    r = fgroi.prop_ci(strided, 20)
    assert bits(r[2]["low"]) == bits(fgroi.prop_ci(8, 20).low)


def test_bootstrap_nps_uses_the_same_seed_per_element():
    r = fgroi.vector.nps_ci([5, 5], [3, 3], [4, 4], method="bootstrap_percentile", seed=3,
                            replicates=500)
    s = capi.nps_ci(5, 3, 4, "bootstrap_percentile", 0.95, "two_sided",
                    {"seed": 3, "resamples": 500})
    assert bits(r[0]["low"]) == bits(s.low) and bits(r[1]["low"]) == bits(s.low)


# ---- the scalar fast path ---------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.integers(-3, 60), st.integers(-3, 60), st.sampled_from(INTERVAL_METHODS + ["default"]),
       st.sampled_from(["two_sided", "less", "greater", "two.sided"]),
       st.floats(0.01, 0.999))
def test_scalar_fast_path_equals_generic_layer(x, n, method, alternative, conf):
    try:
        want = capi.prop_ci(x, n, method, conf, alternative)
    except errors.FgroiError as e:
        with pytest.raises(type(e)):
            fgroi.prop_ci(x, n, method=method, conf_level=conf, alternative=alternative)
        return
    got = fgroi.prop_ci(x, n, method=method, conf_level=conf, alternative=alternative)
    assert got == want and got.to_dict() == want.to_dict() and repr(got) == repr(want)


def test_scalar_fast_path_keeps_validation_and_conventions():
    with pytest.raises(errors.UnknownNameError):
        fgroi.prop_ci(3, 10, method="wilsn")
    with pytest.raises(errors.FgroiError):
        fgroi.prop_ci(3, 10, alternative="sideways")
    with pytest.raises(errors.FgroiError, match="outside int64_t"):
        fgroi.prop_ci(3, 2**64)  # falls back to the generic checks
    with pytest.raises(errors.ConfLevelError):
        fgroi.prop_ci(3, 10, conf_level=1.5)
    r = fgroi.prop_ci(7, 12)
    assert r.confidence_interval(confidence_level=0.9) == tuple(
        fgroi.prop_ci(7, 12, conf_level=0.9).confidence_interval)
    assert pickle.loads(pickle.dumps(r)) == r and hash(r) == hash(fgroi.prop_ci(7, 12))
    with pytest.raises(Exception):
        r.low = 0.0  # frozen
    assert type(r) is fgroi.Interval and r.method == "wilson" and r.flags == ()


def test_prop_ci_columns_equal_records_and_follow_the_error_rule():
    """fgroi.prop_ci(..., columns=True): the library's column entry point
    (fgroi_prop_ci_many) gives the records' values bit for bit, broadcasts,
    and follows the same error rule (issue 18)."""
    rng = np.random.default_rng(7)
    n = rng.integers(1, 10**6, 2000)
    x = rng.integers(0, n + 1)
    x[5] = -3
    for method in ("wilson", "wald", "clopper_pearson"):
        rec = fgroi.prop_ci(x, n, method=method, errors="coerce")
        col = fgroi.prop_ci(x, n, method=method, errors="coerce", columns=True)
        assert isinstance(col, vector.Columns) and col.shape == rec.shape
        for f in rec.dtype.names:
            a, b = np.ascontiguousarray(rec[f]), col[f]
            assert a.tobytes() == b.tobytes(), (method, f)
        assert col.to_records().tobytes() == rec.tobytes()
    with pytest.raises(errors.NegativeCountError, match=r"element 5 \(x=-3"):
        fgroi.prop_ci(x, n, columns=True)
    col = fgroi.prop_ci(np.array([[1], [2]]), [5, 6, 7], columns=True)
    assert col.low.shape == (2, 3) and col.to_frame().shape == (6, 5)
    col = fgroi.prop_ci([1.0, np.nan], 5, columns=True, errors="coerce")
    assert col.status.tolist() == [0, fgroi.lib.FGROI_E_NAN] and np.isnan(col.high[1])
    with pytest.raises(errors.ConfLevelError):
        fgroi.prop_ci([1, 2], 5, conf_level=1.5, columns=True)
    assert len(fgroi.prop_ci(np.zeros(0, np.int64), 5, columns=True)) == 0


def test_power_nps_and_exact_power_prop2_arrays_equal_scalar_calls():
    """Arrays for power_nps (one C call) and the exact power_prop2 (a C
    batch for the power, a loop of searches for n): every element is the
    scalar call's, bit for bit, with a status per element."""
    prom1 = np.array([0.40, 0.30, 0.50, 0.2, 0.9])
    det1 = np.array([0.20, 0.25, 0.10, 0.3, 0.5])     # the last: prom + det > 1
    r = fgroi.power_nps((prom1, det1), (0.5, 0.15), n=np.array([[100.0], [400.0]]),
                        errors="coerce")
    assert r.shape == (2, 5)
    for i, n in enumerate((100.0, 400.0)):
        for j in range(5):
            try:
                want = fgroi.power_nps((prom1[j], det1[j]), (0.5, 0.15), n=n).power
            except fgroi.FgroiError as e:
                assert r["status"][i, j] == e.code and np.isnan(r["power"][i, j])
            else:
                assert bits(r["power"][i, j]) == bits(want) and r["status"][i, j] == 0
    r = fgroi.power_nps((prom1[:4], det1[:4]), (0.5, 0.15), power=0.8, ratio=2.0)
    for j in range(4):
        want = fgroi.power_nps((prom1[j], det1[j]), (0.5, 0.15), power=0.8, ratio=2.0).n
        assert bits(r["n"][j]) == bits(want)
    with pytest.raises(errors.FgroiError, match=r"element 4"):
        fgroi.power_nps((prom1, det1), (0.5, 0.15), n=100.0)

    p2 = np.array([0.7, 0.8, 0.9, 1.5])
    for test in ("fisher", "barnard", "boschloo"):
        r = fgroi.power_prop2(0.5, p2, n=np.array([[30], [41]]), test=test, errors="coerce")
        for i, n in enumerate((30, 41)):
            for j in range(4):
                if p2[j] > 1:
                    assert r["status"][i, j] == fgroi.lib.FGROI_E_PROBABILITY
                    continue
                want = fgroi.power_prop2(0.5, p2[j], n=n, test=test).power
                assert bits(r["power"][i, j]) == bits(want)
    r = fgroi.power_prop2(0.5, p2[:3], n=30, test="barnard", ratio=1.5)
    assert r["power"][1] == fgroi.power_prop2(0.5, 0.8, n=30, test="barnard", ratio=1.5).power
    r = fgroi.power_prop2(0.5, p2[:3], power=0.8, test="fisher", ratio=1.5)
    for j in range(3):
        s = fgroi.power_prop2(0.5, p2[j], power=0.8, test="fisher", ratio=1.5)
        assert (r["n"][j], r["n2"][j], r["power"][j]) == (s.n, s.n2, s.power)
    r = fgroi.power_prop2(0.5, p2, power=0.8, test="fisher", errors="coerce")
    assert r["status"][3] == fgroi.lib.FGROI_E_PROBABILITY and r["n"][3] == -1
    with pytest.raises(errors.FgroiError, match=r"element 3"):
        fgroi.power_prop2(0.5, p2, power=0.8, test="fisher")
