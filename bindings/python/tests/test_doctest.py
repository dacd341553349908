"""Every example in the idiomatic layer's docstrings runs and prints what it
says (numpydoc "Examples" sections, checked by doctest): the documentation
cannot drift from the library."""
import doctest

import pytest

import fgroi
from fgroi import analyses, api, results

MODULES = [analyses, api, results]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples(module):
    r = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                        extraglobs={"fgroi": fgroi}, report=True, verbose=False)
    assert r.failed == 0, "%d of %d doctest examples failed in %s (see output)" % (
        r.failed, r.attempted, module.__name__)


def test_every_idiomatic_function_has_a_checked_example():
    """Each public function of fgroi.analyses has a numpydoc Examples
    section that doctest runs."""
    finder = doctest.DocTestFinder()
    missing = []
    for name in analyses.__all__:
        obj = getattr(analyses, name)
        if not callable(obj) or isinstance(obj, type):
            continue
        tests = [t for t in finder.find(obj, name) if t.examples]
        if not tests or "Examples\n" not in (obj.__doc__ or ""):
            missing.append(name)
    assert not missing, "no doctested Examples section: %s" % ", ".join(missing)
