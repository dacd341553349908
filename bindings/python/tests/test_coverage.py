"""Every public C function has a Python counterpart (parsed from the
headers in include/fgroi, independently of the binding's generator)."""
import os
import re

import fgroi
from fgroi import capi, tally

from conftest import SOURCE_ROOT

DECL = re.compile(r"FGROI_API\b[^;{]*?\b(fgroi_\w+)\s*\(", re.S)
STRUCT = re.compile(r"typedef\s+struct\s+(fgroi_\w+)\s*\{")


def public_functions():
    hdir = os.path.join(SOURCE_ROOT, "include", "fgroi")
    names = set()
    for h in sorted(os.listdir(hdir)):
        if h.endswith(".h"):
            with open(os.path.join(hdir, h)) as f:
                names.update(DECL.findall(re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)))
    return names


def test_headers_declare_functions():
    assert {"fgroi_prop_ci", "fgroi_strerror", "fgroi_method_from_name"} <= public_functions()


def test_every_public_function_is_reachable():
    missing = sorted(n for n in public_functions()
                     if not callable(getattr(capi, n[len("fgroi_"):], None)))
    assert not missing, "public C functions with no Python counterpart: %s" % missing


def test_every_function_maps_all_its_parameters():
    unmapped = sorted(n for n, f in capi.FUNCTIONS.items() if not f.supported)
    assert not unmapped, "functions with parameters the generic layer cannot map: %s" % unmapped


def test_every_tally_has_a_class():
    hdir = os.path.join(SOURCE_ROOT, "include", "fgroi")
    structs = set()
    for h in os.listdir(hdir):
        if h.endswith(".h"):
            with open(os.path.join(hdir, h)) as f:
                structs.update(STRUCT.findall(f.read()))
    tallies = {s for s in structs if s.endswith("_tally")}
    assert tallies <= set(tally.TALLIES), tallies - set(tally.TALLIES)
    for cls in tally.TALLIES.values():
        assert getattr(fgroi, cls.__name__) is cls


def test_callables_carry_the_c_documentation():
    assert "Wilson 1927" in capi.prop_ci.__doc__
    assert "conf_level" in str(capi.prop_ci.__signature__)


def test_csat_top2_count_outputs_are_scalars():
    """*top2 and *valid are one value each (api.json; R returns the same):
    5, 4, 5 are the top two boxes of 1..5, the missing code -1 is skipped."""
    import numpy as np
    from fgroi import capi
    got = capi.nps_csat_top2_count(np.array([5, 4, 3, 5, 1, -1], dtype=np.int32), 1, 5, -1)
    assert got == (3, 5)
    assert all(isinstance(v, int) for v in got)
