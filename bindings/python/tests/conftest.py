"""Shared helpers for the binding's tests: where the sources are, and the
reference tables of the C tests (read from tests/test_<domain>.c, so both
suites check the same values)."""
import os
import re

import pytest

SOURCE_ROOT = os.environ.get(
    "FGROI_SOURCE_ROOT",
    os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))

_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def c_table(domain, name):
    """Rows of the numeric table ``name[] = { {..}, .. };`` in
    tests/test_<domain>.c, as lists of floats (non-numeric tables are
    skipped by the caller's choice of name)."""
    path = os.path.join(SOURCE_ROOT, "tests", "test_%s.c" % domain)
    with open(path) as f:
        src = f.read()
    m = re.search(r"\b%s\s*\[\s*\]\s*=\s*\{(.*?)\};" % re.escape(name), src, re.S)
    if not m:
        raise LookupError("no table %s in %s" % (name, path))
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    rows = []
    for row in re.findall(r"\{([^{}]*)\}", body):
        vals = [v.strip() for v in row.split(",") if v.strip()]
        rows.append([float(v.rstrip("uUlLfF")) if re.fullmatch(_NUM + r"[uUlLfF]*", v) else v
                     for v in vals])
    return rows


@pytest.fixture(scope="session")
def source_root():
    return SOURCE_ROOT
