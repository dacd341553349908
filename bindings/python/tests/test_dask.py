"""Partitioned computation with Dask (local schedulers) merges tallies to
exactly the single-process result (examples/notebooks/dask_tallies.py)."""
import os
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import SOURCE_ROOT

sys.path.insert(0, os.path.join(SOURCE_ROOT, "examples", "notebooks"))
import dask_tallies  # noqa: E402

DATA = os.path.join(SOURCE_ROOT, "examples", "data")


@pytest.fixture(scope="module")
def tables():
    nps = pd.read_csv(os.path.join(DATA, "nps.csv"))
    doses = pd.read_csv(os.path.join(DATA, "doses.csv"))
    # a larger study: the bundled one repeated with shifted participants,
    # shuffled so that participants straddle partitions
    rng = np.random.default_rng(11)
    big_doses = pd.concat([doses.assign(participant_id=doses.participant_id.str[1:]
                                        .astype(int).add(100 * i).map("P{:04d}".format))
                           for i in range(20)], ignore_index=True)
    big_doses = big_doses.iloc[rng.permutation(len(big_doses))].reset_index(drop=True)
    big_nps = pd.concat([nps] * 20, ignore_index=True).iloc[rng.permutation(len(nps) * 20)]
    return nps, doses, big_nps.reset_index(drop=True), big_doses


def same(a, b):
    """Bit-for-bit equality of two summaries (floats compared as bytes)."""
    for k in a:
        if k == "tallies":
            continue
        da, db = a[k].to_dict(), b[k].to_dict()
        assert da.keys() == db.keys()
        for f in da:
            va, vb = da[f], db[f]
            if isinstance(va, float):
                assert np.float64(va).tobytes() == np.float64(vb).tobytes(), (k, f, va, vb)
            else:
                assert va == vb, (k, f)
    ta, tb = a["tallies"], b["tallies"]
    assert {w: bytes(t) for w, t in ta[0].items()} == {w: bytes(t) for w, t in tb[0].items()}
    assert bytes(ta[1]) == bytes(tb[1])
    assert ta[2].tobytes() == tb[2].tobytes()


@pytest.mark.parametrize("scheduler,parts", [("processes", 4), ("threads", 7),
                                             ("synchronous", 3)])
def test_dask_equals_single_process_bit_for_bit(tables, scheduler, parts):
    nps, doses, big_nps, big_doses = tables
    for n_df, d_df in ((nps, doses), (big_nps, big_doses)):
        one = dask_tallies.single_process(n_df, d_df)
        many = dask_tallies.with_dask(n_df, d_df, npartitions=parts, scheduler=scheduler)
        same(one, many)


def test_single_process_matches_the_dataframe_wrappers(tables):
    nps, doses, _, _ = tables
    one = dask_tallies.single_process(nps, doses)
    gap = __import__("fgroi").adherence_gap("self_reported", "device_logged", "participant_id",
                                             data=doses)
    assert one["gap_clustered"] == gap
    assert one["gap_clustered"].estimate == pytest.approx(7 / 24)
