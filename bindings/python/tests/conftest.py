"""Shared helpers for the binding's tests: where the sources are, and the
reference tables of the C tests (read from tests/test_<domain>.c, so both
suites check the same values)."""
import os
import re

import pytest
from hypothesis import settings

# No example database: the suite writes nothing into the build or source tree.
settings.register_profile("fgroi", database=None)
settings.load_profile("fgroi")

SOURCE_ROOT = os.environ.get(
    "FGROI_SOURCE_ROOT",
    os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))

_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def c_table(domain, name):
    """Rows of the numeric table ``name[] = { {..}, .. };`` in
    tests/test_<domain>.c, as flat lists of floats (nested array fields
    are flattened in order)."""
    path = os.path.join(SOURCE_ROOT, "tests", "test_%s.c" % domain)
    with open(path) as f:
        src = f.read()
    m = re.search(r"\b%s\s*\[\s*\]\s*=\s*\{(.*?)\};" % re.escape(name), src, re.S)
    if not m:
        raise LookupError("no table %s in %s" % (name, path))
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    rows, depth, cur = [], 0, ""
    for ch in body:  # rows are the brace groups at depth 1; inner braces flatten
        if ch == "{":
            depth += 1
            cur += "," if depth > 1 else ""
        elif ch == "}":
            depth -= 1
            if depth == 0:
                rows.append(cur)
                cur = ""
        elif depth >= 1:
            cur += ch
    for i, row in enumerate(rows):
        vals = [v.strip() for v in row.split(",") if v.strip()]
        rows[i] = [float(v.rstrip("uUlLfF")) if re.fullmatch(_NUM + r"[uUlLfF]*", v) else v
                   for v in vals]
    return rows


@pytest.fixture(scope="session")
def source_root():
    return SOURCE_ROOT


# The BCG trials (Colditz et al. 1994; metafor's dat.bcg): log risk ratios
# and their variances, as metafor::escalc(measure = "RR") gives them (repr)
BCG_YI = [-0.88931133392020545, -1.5853886572014306, -1.3480731482996933, -1.4415511900213054,
          -0.21754732221129558, -0.78611558581886398, -1.6208982235983918, 0.011952333523840508,
          -0.4694176487381494, -1.3713448034727844, -0.33935882833839059, 0.44591340057137874,
          -0.017313948216879815]
BCG_VI = [0.32558476500396133, 0.19458112139814385, 0.41536796536796539, 0.020010031902247573,
          0.051210172169630863, 0.0069056184559087574, 0.22301724757231517, 0.0039615792978177295,
          0.056434210463248966, 0.07302479361302891, 0.01241221397155972, 0.53250584520015276,
          0.071404659683986293]
