"""Tallies merge exactly, pickle as their struct bytes, and reduce over
partitions (threads, processes, Dask) to the single-process result."""
import pickle

import numpy as np
import pytest

import fgroi
from fgroi import tally


@pytest.mark.parametrize("cls", sorted(tally.TALLIES.values(), key=lambda c: c.__name__))
def test_every_tally_pickles_and_merges_when_empty(cls):
    a = cls()
    b = pickle.loads(pickle.dumps(a))
    assert a == b and bytes(a) == bytes(b)
    assert a + b == a
    assert cls.from_bytes(bytes(a)) == a
    with pytest.raises(ValueError):
        cls.from_bytes(bytes(a)[:-1])


def test_prop_tally_partitions_merge_to_the_whole():
    rng = np.random.default_rng(7)
    x = (rng.random(10_001) < 0.37).astype(np.uint8)
    whole = fgroi.PropTally(x)
    parts = [fgroi.PropTally(p) for p in np.array_split(x, 7)]
    assert sum(parts) == whole
    merged = pickle.loads(pickle.dumps(parts[0])).merge(*[pickle.loads(pickle.dumps(p))
                                                          for p in parts[1:]])
    assert merged == whole
    assert fgroi.capi.prop_ci(whole.successes, whole.trials) == fgroi.prop_ci(x)


def test_tally_add_returns_self_and_updates_in_place():
    t = fgroi.PropTally()
    assert t.add([1, 0]) is t
    assert t.to_dict() == {"successes": 1, "trials": 2}
    with pytest.raises(TypeError):
        t.merge(object())


def test_functions_of_other_domains_on_a_tally_are_methods():
    records, _ = fgroi.capi.match_doses([1, 1, 2], [0, 100, 0], [1, 2], [5, 3], [1], [200])
    t = fgroi.PairedTally().match_tally_add(records)
    assert (t.both, t.device_only, t.self_only, t.neither) == (1, 1, 0, 1)
    assert fgroi.NpsTally().add_i32([9, 10, 0], -1).counts() == (1, 0, 2)
