"""Long calls: Ctrl-C and progress (issue 16, fgroi.control).

Each SIGINT test runs a child Python that starts a long C call through
fgroi.control.call and writes "started" from the call's first progress
callback; the parent then sends SIGINT and reads what the child did. The
child must raise KeyboardInterrupt (no result) after less than 100 ms of
its own CPU time from the signal (read from /proc at the kill; robust to a
loaded machine), within 2 s of wall time, and leave the SIGINT handler as
it was."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import fgroi
from fgroi import capi, control

CHILD = textwrap.dedent("""
    import os, signal, sys, time
    from fgroi import capi, control
    first = []
    def progress(f):
        if not first:
            first.append(f)
            sys.stdout.write("started\\n"); sys.stdout.flush()
        return False
    try:
        r = control.call(capi.%s, %s, progress=progress)
        sys.stdout.write("RESULT %%r\\n" %% (r,))
    except KeyboardInterrupt:
        cpu = time.process_time()
        ok = signal.getsignal(signal.SIGINT) is signal.default_int_handler
        sys.stdout.write("KI %%.6f %%.6f %%s\\n" %% (time.monotonic(), cpu, ok))
    sys.stdout.flush()
""")

LONG_CALLS = [
    ("exact2x2_test", "800, 2000, 870, 2000, 'boschloo'"),
    ("exact2x2_diff_ci", "400, 1000, 450, 1000"),
    ("roi_monte_carlo_ctl", "{'dist': 'normal', 'a': 0.05, 'b': 0.02}, {'a': 1000}, "
                            "{'a': 10}, {'a': 100}, 0.95, 1000000"),
    # (the NPS bootstrap is bounded at 2^24 respondent-draws, about 0.1 s:
    # too short to be interrupted reliably from outside; its control is
    # tested in C, tests/test_nps.c)
    ("power_prop2_exact_n", "0.50, 0.55, 0.8, 'boschloo'"),
]


def _cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


@pytest.mark.parametrize("name,args", LONG_CALLS, ids=[c[0] for c in LONG_CALLS])
def test_sigint_interrupts_long_call(name, args):
    child = subprocess.Popen([sys.executable, "-c", CHILD % (name, args)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=os.environ.copy())
    try:
        line = child.stdout.readline()
        assert line == "started\n", (line, child.stderr.read())
        cpu0 = _cpu_seconds(child.pid)
        t0 = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert "RESULT" not in out, out
    assert out.startswith("KI "), (out, err)
    _, t_ki, cpu_ki, restored = out.split()
    wall = float(t_ki) - t0
    # /proc's CPU clock ticks every 10 ms: allow one tick of rounding
    work = float(cpu_ki) - cpu0
    assert work < 0.1 + 0.01, "%s: %.3f s of CPU after SIGINT" % (name, work)
    assert wall < 2.0, "%s: KeyboardInterrupt %.3f s (wall) after SIGINT" % (name, wall)
    assert restored == "True"
    assert child.returncode == 0, err


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
