"""No input from Python crashes the interpreter: every public function is
called through fgroi.capi with hostile arguments (negative, zero, huge,
NaN, infinite, mismatched and empty arrays, wrong types). Each call must
return or raise one of the expected exceptions; a crash fails the suite."""
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import fgroi
from fgroi import capi

NUMBERS = st.sampled_from([-1, 0, 1, 2, 3, 5, 12, 40, 2**31, 2**62, -2**62, 0.5, -0.5,
                           0.95, 1.5, math.nan, math.inf, -math.inf, 1e-300, 1e300])
ARRAYS = st.one_of(
    st.just([0, 1, 1]), st.just([1, 0, 1]),
    st.sampled_from([[0, 1, 1], [1, 1, 0], [3, 2, 1], [1.0, 0.25, 9.0], [5, 5, 5],
                     [[1, 2, 3], [3, 0, 1], [0, 0, 4]], [[2, 2, 2], [1, 0, 1]]]),
    st.lists(st.sampled_from([0, 1, 2, -1, 3, 7, 10, 11, 0.5, math.nan, 1e10]),
             min_size=0, max_size=12),
    st.sampled_from([[], [0], [1, 0], [[1, 2, 3], [4, 5, 6]], np.zeros((2, 3)),
                     np.arange(5, dtype=np.int64), np.array([True, False]),
                     np.array([1.5, 2.5]), np.array(["a", "b"])]))
OTHER = st.sampled_from([None, "wilson", "no_such_name", "", b"x", [1], {}, object(), -1])
EXPECTED = (fgroi.FgroiError, TypeError, ValueError, OverflowError, NotImplementedError,
            KeyError, AttributeError)

# Functions whose cost grows with a count argument: keep those counts small.
SLOW = ("exact2x2", "power", "prop_test", "roi_monte_carlo", "sign_flip", "nps_ci",
        "nps_diff_ci", "nps_segments_ci", "means", "multiplicity",
        "nps_n_for_margin", "prepost", "survival")
SMALL = st.sampled_from([-1, 0, 1, 2, 3, 7, 12, 0.5, 0.95, math.nan, math.inf])


def rarely(valid):
    """Mostly well-typed values (so the call reaches C), sometimes junk."""
    return st.one_of(*([valid] * 12 + [OTHER]))


def value_for(p, slow):
    if p.role == "sarray_in":
        return rarely(st.sampled_from([np.zeros(3, dtype=capi.struct_dtype(p.base)),
                                       np.zeros(0, dtype=capi.struct_dtype(p.base)),
                                       np.ones(4, dtype=capi.struct_dtype(p.base)),
                                       np.full(2, -1, dtype=capi.struct_dtype(p.base))]))
    if p.role in ("array_in", "fixed_in"):
        return rarely(ARRAYS)
    if p.role in ("struct_in", "struct_out"):
        return st.one_of(*([st.just(None)] * 8 + [st.sampled_from(
            [{}, {"struct_size": 1}, {"no_such_field": 1}, 3, "x"])]))
    if p.role == "str":
        return st.sampled_from(["wilson", "", "no_such", "two.sided", 3, None])
    if p.ctype in ("fgroi_method", "fgroi_alternative") or "fgroi_" in p.ctype:
        return rarely(st.sampled_from(["default", "default", "two_sided", "less", "exact",
                                       "wald", "boschloo", "holm", "bogus", 0, 1, 2, 999, -5]))
    return rarely(SMALL if slow else NUMBERS)


@pytest.mark.parametrize("name", sorted(capi.FUNCTIONS))
def test_hostile_arguments_never_crash(name):
    f = capi.FUNCTIONS[name]
    slow = any(s in name for s in SLOW)
    strategies = {p.name: value_for(p, slow) for p in f.visible}

    reached = [0]

    @settings(max_examples=80, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries(strategies))
    def run(kwargs):
        try:
            f(**kwargs)
            reached[0] += 1
        except fgroi.FgroiError:
            reached[0] += 1
        except EXPECTED:
            pass
    run()
    assert reached[0] > 0, "no call got past argument conversion"


def test_c_parameter_names_are_keywords():
    # found by the fuzzer when fgroi_paired_tally_add's parameter was `self`
    # (renamed self_reported by the grammar, issue 15)
    t = capi.paired_tally_add(tally=None, self_reported=[1, 0], device=[1, 1])
    assert (t.both, t.device_only) == (1, 1)
    assert fgroi.PairedTally().add(self_reported=[1], device=[0]).self_only == 1
