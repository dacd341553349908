"""The binding rejects what the C API rejects, with messages naming the
argument and its domain, and applies one NA rule (issue 14, issue 18):
missing values raise by default; nan_policy="omit" drops them and counts
them in ``n_omitted``; paired pandas inputs pair by index."""
import numpy as np
import pandas as pd
import pytest

import fgroi
from fgroi import errors


# ---- integers beyond the C types name the argument ---------------------------------

def test_int_beyond_int64_names_the_argument():
    with pytest.raises(errors.TooLargeError, match=r"argument 'n'.*int64_t"):
        fgroi.prop_ci(3, 2**70)
    with pytest.raises(errors.TooLargeError, match=r"argument 'x1'"):
        fgroi.exact_test(2**64, 10, 3, 10)
    with pytest.raises(errors.InvalidInputError, match=r"argument 'x'"):
        fgroi.capi.prop_ci(-2**70, 10)
    # an array of Python ints beyond int64 as well
    with pytest.raises(errors.TooLargeError, match=r"argument 'id'.*int64_t"):
        fgroi.capi.paired_clusters_from_records([1, 2**70], [1, 0], [1, 1])


def test_option_struct_fields_are_checked_by_name():
    with pytest.raises(errors.TooLargeError, match=r"options\.seed"):
        fgroi.capi.nps_ci(3, 4, 5, "bootstrap_bca", options={"seed": 2**70})
    with pytest.raises(TypeError, match="resamples"):
        fgroi.capi.nps_ci(3, 4, 5, "bootstrap_bca", options={"resamples": "many"})
    assert fgroi.nps((3, 4, 5), method="bootstrap_percentile", seed=7, replicates=200).low < 0.2 * 100


def test_numpy_and_bool_scalars_still_accepted():
    assert fgroi.prop_ci(np.int64(3), np.uint8(12)) == fgroi.prop_ci(3, 12)
    assert fgroi.prop_ci(3.0, 12) == fgroi.prop_ci(3, 12)


# ---- strings are never parsed ------------------------------------------------------

def test_nps_rejects_strings_like_ttest():
    with pytest.raises(TypeError, match=r"argument 'scores'.*str"):
        fgroi.nps(pd.Series(["9", "10", "3"]))
    with pytest.raises(TypeError, match=r"'scores'"):
        fgroi.nps(["9", "10", "3"])
    with pytest.raises(TypeError):
        fgroi.ttest(pd.Series(["1.5", "2.5", "3"]))
    with pytest.raises(TypeError, match="'x'"):
        fgroi.capi.means_t_one(np.array(["1", "2", "3"], dtype=object), 0.0)


# ---- the NA rule ------------------------------------------------------------------------

def test_nullable_int64_with_na_is_an_error_then_omitted_and_counted():
    s = pd.Series([9, None, 3, 10, 7], dtype="Int64")
    with pytest.raises(errors.NanError, match=r"argument 'scores' has 1 missing"):
        fgroi.nps(s)
    r = fgroi.nps(s, nan_policy="omit")
    assert r == fgroi.nps([9, 3, 10, 7])
    assert r.n_omitted == 1
    # without NA a nullable column is an ordinary integer column
    assert fgroi.nps(pd.Series([9, 3, 10], dtype="Int64")) == fgroi.nps([9, 3, 10])
    assert fgroi.nps([9, 3, 10]).n_omitted == 0
    # the generic layer: NA into an integer C array names the argument
    with pytest.raises(errors.NanError, match="'self_reported'"):
        fgroi.capi.paired_tally_add(None, pd.Series([1, None], dtype="Int64"), [1, 0])


def test_nan_policy_is_checked():
    with pytest.raises(ValueError, match="nan_policy"):
        fgroi.nps([9, 3], nan_policy="propagate")


def test_nan_in_scores_is_an_error_by_default_in_every_wrapper():
    x = [1.0, np.nan, 3.0, 4.0]
    for call in (lambda **k: fgroi.prop_ci([1, np.nan, 0], **k),
                 lambda **k: fgroi.binomtest([1, None, 0, 1], **k),
                 lambda **k: fgroi.ttest(x, **k),
                 lambda **k: fgroi.rank_test(x, [2.0, 1.0, 5.0, 3.0], paired=True, **k),
                 lambda **k: fgroi.nps_tally([9, np.nan], **k),
                 lambda **k: fgroi.nps_change([9, np.nan, 3], [10, 8, 1], paired=True, **k),
                 lambda **k: fgroi.adherence_gap([1, 0, np.nan], [1, 1, 1], **k)):
        with pytest.raises(errors.NanError):
            call()
        r = call(nan_policy="omit")
        assert getattr(r, "n_omitted", None) == 1 or isinstance(r, fgroi.Tally)


def test_omit_drops_whole_pairs():
    r = fgroi.ttest([1.0, 2.0, np.nan, 4.0, 3.0], [1.5, np.nan, 2.0, 3.0, 3.5], paired=True,
                    nan_policy="omit")
    assert r == fgroi.ttest([1.0, 4.0, 3.0], [1.5, 3.0, 3.5], paired=True)
    assert r.n_omitted == 2


def test_prop_outcomes_other_than_0_1_are_errors():
    with pytest.raises(errors.OutOfRangeError, match=r"argument 'x'.*0/1.*position 2"):
        fgroi.prop_ci([0, 1, 2])
    with pytest.raises(errors.OutOfRangeError, match="0/1"):
        fgroi.compare_props([0, 1, 1], None, [1, 0, 0.5], None)
    assert fgroi.prop_ci([True, False, True]) == fgroi.prop_ci(2, 3)


def test_nan_participant_label_is_an_error():
    doses = pd.DataFrame({"s": [1, 0, 1, 1, 0, 1, 0, 1],
                          "d": [1, 1, 1, 1, 1, 0, 1, 1],
                          "p": ["a", "a", "b", "b", np.nan, "c", "c", "c"]})
    with pytest.raises(errors.NanError, match=r"argument 'participant' has 1 missing label"):
        fgroi.adherence_gap("s", "d", "p", data=doses)
    with pytest.raises(errors.NanError, match="participant"):
        fgroi.dose_clusters("s", "d", "p", data=doses)
    r = fgroi.adherence_gap("s", "d", "p", data=doses, nan_policy="omit")
    assert r.n_omitted == 1
    assert r == fgroi.adherence_gap("s", "d", "p", data=doses.dropna())
    cl, labels = fgroi.dose_clusters("s", "d", "p", data=doses, nan_policy="omit")
    assert list(labels) == ["a", "b", "c"] and len(cl) == 3


def test_unequal_lengths_are_a_named_length_mismatch():
    with pytest.raises(errors.LengthMismatchError, match=r"before: 3, after: 2"):
        fgroi.nps_paired_table([9, 10, 3], [9, 10])
    with pytest.raises(errors.LengthMismatchError):
        fgroi.nps_change([9, 10, 3], [9, 10], paired=True)
    with pytest.raises(errors.LengthMismatchError, match="self_reported"):
        fgroi.adherence_gap([1, 0, 1], [1, 1])


# ---- paired pandas inputs pair by index ------------------------------------------------

def _waves():
    rng = np.random.default_rng(5)
    ids = ["p%02d" % i for i in range(30)]
    pre = pd.Series(rng.integers(0, 11, 30), index=ids)
    post = pd.Series(np.clip(pre.to_numpy() + rng.integers(-2, 5, 30), 0, 10), index=ids)
    return pre, post


def test_shuffled_paired_series_give_the_sorted_result():
    pre, post = _waves()
    ref = fgroi.nps_change(pre, post, paired=True)
    shuffled = post.sample(frac=1.0, random_state=3)
    assert not shuffled.index.equals(post.index)
    assert fgroi.nps_change(pre, shuffled, paired=True) == ref
    assert fgroi.nps_change(pre.sort_values(), post, paired=True) == ref
    # the positional pairing of the shuffled values would differ
    assert fgroi.nps_change(pre.to_numpy(), shuffled.to_numpy(), paired=True) != ref
    x, y = pre.astype(float), post.astype(float)
    assert fgroi.ttest(x, y.iloc[::-1], paired=True) == fgroi.ttest(x, y, paired=True)


def test_misaligned_ids_are_an_error():
    pre, post = _waves()
    other = post.rename(index={"p03": "zz"})
    with pytest.raises(errors.LengthMismatchError, match=r"different ids.*p03.*zz"):
        fgroi.nps_change(pre, other, paired=True)
    with pytest.raises(errors.LengthMismatchError):
        fgroi.nps_paired_table(pre, post.iloc[:-1])
    dup = pd.concat([post.iloc[:-1], post.iloc[:1]])
    with pytest.raises(errors.DuplicateError, match="duplicate"):
        fgroi.nps_change(pre, dup, paired=True)


# ---- the headline analyses are the C library's defaults -------------------------------

def test_clustered_adherence_gap_is_the_report_headline(source_root):
    doses = pd.read_csv(source_root + "/examples/data/doses.csv")
    r = fgroi.adherence_gap("self_reported", "device_logged", "participant_id", data=doses)
    assert r.method == "sign_flip" and r.ci_method == "cluster_robust"
    assert "exact" in r.flags
    assert r.pvalue == pytest.approx(0.00048828125, rel=1e-12)   # 2 / 2^12 patterns
    assert r.estimate == pytest.approx(7 / 24)
    t = fgroi.adherence_gap("self_reported", "device_logged", "participant_id", data=doses,
                            method="cluster_robust")
    assert t.method == "cluster_robust" and (t.low, t.high) == (r.low, r.high)
    assert t.pvalue < r.pvalue


def test_did_matches_the_c_call():
    dpre, dpost = [0.5, 0.6, 0.4, 0.7], [0.8, 0.9, 0.6, 0.9]
    cpre, cpost = [0.5, 0.55, 0.6], [0.55, 0.6, 0.6]
    r = fgroi.did(dpre, dpost, cpre, cpost)
    ci, t = fgroi.capi.prepost_mean_did(dpre, dpost, cpre, cpost, "paired")
    assert (r.estimate, r.low, r.high, r.pvalue) == (ci.estimate, ci.low, ci.high, t.pvalue)
    with pytest.raises(errors.NanError, match="device_post"):
        fgroi.did(dpre, [0.8, np.nan, 0.6, 0.9], cpre, cpost)
    o = fgroi.did(dpre, [0.8, np.nan, 0.6, 0.9], cpre, cpost, nan_policy="omit")
    assert o.n_omitted == 1
    assert o == fgroi.did([0.5, 0.4, 0.7], [0.8, 0.6, 0.9], cpre, cpost)
