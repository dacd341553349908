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
