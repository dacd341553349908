"""Long calls: progress, cancel and the SIGINT handler (issue 16,
fgroi.control). The Ctrl-C tests of every long function, C-level and
idiomatic, are in test_interrupt.py."""
import signal
import sys

import pytest

import fgroi
from fgroi import capi, control

# The SIGINT tests of every long function (from inside the call and from
# another process, C-level and idiomatic) are in test_interrupt.py.


def test_progress_fractions_monotone_reach_one():
    seen = []
    r = control.call(capi.exact2x2_diff_ci, 20, 60, 31, 60, progress=seen.append)
    assert seen and seen[-1] == 1.0
    assert all(a <= b for a, b in zip(seen, seen[1:]))
    plain = capi.exact2x2_diff_ci(20, 60, 31, 60)
    assert (r.low, r.high) == (plain.low, plain.high)


def test_progress_true_uses_tqdm_or_plain(capsys):
    r = control.call(capi.exact2x2_test, 80, 200, 97, 200, "barnard", progress=True,
                     desc="barnard")
    plain = capi.exact2x2_test(80, 200, 97, 200, "barnard")
    assert r[0].pvalue == plain[0].pvalue
    assert "barnard" in capsys.readouterr().err


def test_callback_cancel_raises_cancelled_error():
    with pytest.raises(fgroi.errors.FgroiError) as e:
        control.call(capi.exact2x2_test, 800, 2000, 870, 2000, "boschloo",
                     progress=lambda f: True)
    assert "FGROI_E_CANCELLED" in str(e.value)


def test_handler_restored_and_other_threads_untouched():
    before = signal.getsignal(signal.SIGINT)
    control.call(capi.exact2x2_test, 8, 20, 9, 20)
    assert signal.getsignal(signal.SIGINT) is before
    import threading
    out = []
    th = threading.Thread(target=lambda: out.append(
        control.call(capi.exact2x2_test, 8, 20, 9, 20, progress=lambda f: False)))
    th.start()
    th.join()
    assert out and signal.getsignal(signal.SIGINT) is before


def test_takes_control():
    assert control.takes_control(capi.exact2x2_test) == ("field", "options")
    assert control.takes_control(capi.roi_monte_carlo_ctl) == ("arg", "control")
    assert control.takes_control(capi.prop_ci) is None


def test_too_large_error_states_limit_size_and_method():
    """The library's message for FGROI_E_TOO_LARGE reaches the exception
    (issue 16): the limit, the observed size, the method to use instead."""
    with pytest.raises(fgroi.errors.TooLargeError) as e:
        control.call(capi.exact2x2_diff_ci, 10, 3000, 20, 3000)
    text = str(e.value)
    assert "n1 + n2 = 6000 exceeds the limit 2000 of the exact unconditional interval" in text
    assert "use fgroi_prop_diff_ci with method = miettinen_nurminen" in text
    with pytest.raises(fgroi.errors.TooLargeError) as e:
        control.call(capi.exact2x2_test, 10, 6000, 20, 6000, "boschloo")
    assert "(n1 + 1)(n2 + 1) tables = 36012001 exceeds the limit 4194304" in str(e.value)
    # without a control: the generic detail, still a TooLargeError
    with pytest.raises(fgroi.errors.TooLargeError) as e:
        capi.exact2x2_diff_ci(10, 3000, 20, 3000)
    assert "exceeds the limit" not in str(e.value)

# ---- the idiomatic layer (issue 16): every long function takes progress=
# (its Ctrl-C tests: test_interrupt.py)

# every idiomatic function that can run long: progress= is accepted, its
# fractions never fall and end at 1, and the result is the silent call's
PROGRESS_CALLS = [
    ("exact_test", lambda p: fgroi.exact_test(20, 60, 31, 60, progress=p)),
    ("compare_props_or", lambda p: fgroi.compare_props(9, 12, 2, 12, effect="odds_ratio",
                                                       method="conditional", progress=p)),
    ("adherence_gap_clusters", lambda p: fgroi.adherence_gap(
        [1, 1, 0, 1, 1, 0, 1, 1], [1, 0, 0, 1, 0, 0, 1, 1], [1, 1, 2, 2, 3, 3, 4, 4],
        progress=p)),
    ("nps_bootstrap", lambda p: fgroi.nps([10, 9, 3, 7, 10, 2, 9, 9], method="bootstrap_bca",
                                          replicates=2000, progress=p)),
    ("nps_by", lambda p: fgroi.nps_by([10, 9, 3, 7, 10, 2], list("aaabbb"), progress=p)),
    ("nps_change", lambda p: fgroi.nps_change([3, 9, 7, 10, 6, 2], [9, 10, 9, 10, 9, 8],
                                              progress=p)),
    ("nps_change_paired", lambda p: fgroi.nps_change([3, 9, 7, 10, 6, 2], [9, 10, 9, 10, 9, 8],
                                                     paired=True, progress=p)),
    ("roi", lambda p: fgroi.roi(fgroi.compare_props(9, 12, 2, 12), volume=1000,
                                value_per_unit=(150, 250), cost=50000, draws=20000,
                                progress=p)[2]),
    ("rank_test", lambda p: fgroi.rank_test([1.8, 3.3, 0.4, 2.1], [0.9, 1.2, 0.6, 1.5],
                                            progress=p)),
    ("p_adjust_hommel", lambda p: fgroi.p_adjust([0.01, 0.02, 0.03, 0.04], "hommel",
                                                 progress=p).tolist()),
    ("power_prop2_exact", lambda p: fgroi.power_prop2(0.5, 0.8, n=40, test="barnard",
                                                      progress=p)),
    ("power_prop2_exact_n", lambda p: fgroi.power_prop2(0.5, 0.8, power=0.8, test="fisher",
                                                        progress=p)),
    ("power_prop2_exact_arrays", lambda p: fgroi.power_prop2(
        0.5, [0.7, 0.8], n=40, test="boschloo", progress=p)["power"].tolist()),
    ("power_prop2_exact_n_arrays", lambda p: fgroi.power_prop2(
        0.5, [0.75, 0.8], power=0.8, test="fisher", progress=p)["n"].tolist()),
]


@pytest.mark.parametrize("name,f", PROGRESS_CALLS, ids=[c[0] for c in PROGRESS_CALLS])
def test_idiomatic_progress_monotone_reaching_one(name, f):
    seen = []
    r = f(seen.append)
    assert seen and seen[-1] == 1.0, seen
    assert all(0.0 <= a <= b <= 1.0 for a, b in zip(seen, seen[1:])), seen
    assert repr(r) == repr(f(False))


def test_idiomatic_progress_true_and_cancel(capsys):
    fgroi.exact_test(20, 60, 31, 60, progress=True)
    assert "fgroi.exact_test" in capsys.readouterr().err
    with pytest.raises(fgroi.errors.FgroiError, match="FGROI_E_CANCELLED"):
        fgroi.power_prop2(0.50, 0.55, power=0.8, test="boschloo", progress=lambda f: True)


def test_long_function_prefers_the_ctl_entry_point():
    assert control.long_function("roi_monte_carlo") is capi.roi_monte_carlo_ctl
    assert control.long_function("exact2x2_odds_ratio_ci") is capi.exact2x2_odds_ratio_ci_ctl
    assert control.long_function("exact2x2_test") is capi.exact2x2_test


def test_progress_bar_tqdm_and_plain_fallback(monkeypatch, capsys):
    """progress=True: tqdm when it imports (Debian's python3-tqdm, listed in
    .ci/bootstrap), else the plain percentage on stderr; both end at 100%."""
    import tqdm  # noqa: F401  (installed: the first branch is the tqdm one)
    assert isinstance(control._make_bar(True, "x"), control._TqdmBar)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # import now fails
    assert isinstance(control._make_bar(True, "x"), control._PlainBar)
    fgroi.exact_test(20, 60, 31, 60, progress=True)
    err = capsys.readouterr().err
    assert "fgroi.exact_test: 100%" in err, err
