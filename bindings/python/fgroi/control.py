"""Interruptible long calls with progress (issue 16).

A long C call (exact tests and intervals at large n, exact power and
sample size, bootstrap, Monte Carlo) runs with the GIL released, so
Python's own Ctrl-C handling cannot reach it. :func:`running` gives the
call a ``fgroi_control`` whose callback

* returns "cancel" once SIGINT has arrived: for the duration of the call
  (main thread only) a SIGINT handler that only sets a flag replaces the
  current one; CFFI runs the callback with the GIL held on the calling
  thread, so the handler has run by the time the callback's body does,
  and the C function returns ``FGROI_E_CANCELLED`` within about 10 ms of
  its work. The previous handler is restored and ``KeyboardInterrupt`` is
  raised after the C call has returned and released its memory: no
  longjmp, no result.
* shows a progress bar when ``progress=True``: tqdm (Debian's
  python3-tqdm) when it imports, else a plain percentage on stderr.

The design never calls into the interpreter from a thread without the GIL
and never raises through C frames: the callback only reads a flag and
updates the bar, and any exception inside it is swallowed (a callback
cannot raise into C) after asking the call to stop.

Use::

    with fgroi.control.running(progress=True) as ctl:
        capi.exact2x2_test(..., options={"control": ctl.ptr})

or :func:`call`, which finds where a function takes its control (a
``control`` argument of a ``*_ctl`` entry point, or the ``control`` field
of its options struct)."""
import signal
import sys
import threading
import time

from . import capi
from ._ffi import ffi, lib

__all__ = ["running", "call", "takes_control", "long_function", "Run"]


class _PlainBar:
    """Fallback progress display: a percentage on stderr, at most 10 Hz."""

    def __init__(self, desc):
        self.desc = desc or "fgroi"
        self.last = -1.0
        self.t = 0.0

    def update_to(self, fraction):
        now = time.monotonic()
        if fraction < 1.0 and now - self.t < 0.1:
            return
        self.t = now
        pct = int(fraction * 100)
        if pct != self.last:
            self.last = pct
            sys.stderr.write("\r%s: %3d%%" % (self.desc, pct))
            sys.stderr.flush()

    def close(self):
        if self.last >= 0:
            sys.stderr.write("\n")
            sys.stderr.flush()


class _TqdmBar:
    def __init__(self, tqdm, desc):
        self.bar = tqdm(total=1000, desc=desc or "fgroi", unit="‰", leave=False,
                        bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining}")
        self.n = 0

    def update_to(self, fraction):
        n = int(round(fraction * 1000))
        if n > self.n:
            self.bar.update(n - self.n)
            self.n = n

    def close(self):
        self.bar.close()


def _make_bar(progress, desc):
    if not progress:
        return None
    if callable(progress):
        return _CallableBar(progress)
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _PlainBar(desc)
    return _TqdmBar(tqdm, desc)


class _CallableBar:
    """progress=f: f(fraction) is called; a true return value cancels."""

    def __init__(self, f):
        self.f = f
        self.cancel = False

    def update_to(self, fraction):
        if self.f(fraction):
            self.cancel = True

    def close(self):
        pass


@ffi.def_extern()
def _fgroi_py_progress(user_data, fraction):
    run = ffi.from_handle(user_data)
    try:
        run.calls += 1
        run.report(fraction)
        return 1 if (run.interrupted or run.cancelled_by_callback) else 0
    except BaseException:  # never raise into C: stop the call instead
        run.cancelled_by_callback = True
        return 1


class Run:
    """One interruptible computation of ``parts`` library calls: ``ptr`` is
    the ``fgroi_control *`` to pass, or :meth:`call` passes it. Call ``k``
    (from 0) reports its fraction f as (k + f) / parts, never decreasing,
    so one bar covers an idiomatic function's several calls; a computation
    that ends normally reports 1."""

    def __init__(self, progress=False, desc=None, parts=1, restarts=False):
        self.restarts = restarts  # a falling fraction starts the next part (batches)
        self.raw = 0.0
        self.interrupted = False
        self.cancelled_by_callback = False
        self.calls = 0
        self.fraction = 0.0
        self.parts = max(int(parts), 1)
        self.part = 0
        self.bar = _make_bar(progress, desc)
        self._handle = ffi.new_handle(self)
        self.ptr = ffi.new("fgroi_control *")
        self.ptr.struct_size = ffi.sizeof("fgroi_control")
        self.ptr.progress = lib._fgroi_py_progress
        self.ptr.user_data = self._handle
        # the library's error message (limit and observed size; issue 16),
        # read by fgroi.errors when the call fails
        self._message = ffi.new("char[]", 512)
        self.ptr.message = self._message
        self.ptr.message_capacity = 512
        self._old = None

    def _on_sigint(self, signum, frame):
        self.interrupted = True

    def report(self, fraction):
        """Progress of the current part (0..1), shown as the whole run's."""
        f = min(max(float(fraction), 0.0), 1.0)
        if self.restarts and f < self.raw:
            self.part = min(self.part + 1, self.parts - 1)
        self.raw = f
        g = min((self.part + f) / self.parts, 1.0)
        if g < self.fraction:
            return
        self.fraction = g
        if self.bar is not None:
            self.bar.update_to(g)
            if getattr(self.bar, "cancel", False):
                self.cancelled_by_callback = True

    def call(self, cfunc, *args, **kwargs):
        """Call a :mod:`fgroi.capi` function (or its name) as the next part:
        by name, its ``<name>_ctl`` entry point when the library has one,
        and the control passed where the function takes it (see
        :func:`takes_control`); a function without one runs as it is (a
        Ctrl-C then stops the computation when it returns)."""
        if self.interrupted:
            raise KeyboardInterrupt
        if isinstance(cfunc, str):
            cfunc = long_function(cfunc)
        how = takes_control(cfunc)
        if how is not None:
            args, kwargs = _place(cfunc, how, self.ptr, args, kwargs)
        result = cfunc(*args, **kwargs)
        self.report(1.0)
        self.part = min(self.part + 1, self.parts)
        self.raw = 0.0
        return result

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            old = signal.getsignal(signal.SIGINT)
            # a process that ignores SIGINT keeps ignoring it
            if old is not None and old != signal.SIG_IGN:
                self._old = old
                signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, etype, exc, tb):
        old = self._old
        if old is not None:
            signal.signal(signal.SIGINT, old)
            self._old = None
        if etype is None and not self.interrupted and self.fraction < 1.0:
            self.part = self.parts
            self.report(1.0)
        if self.bar is not None:
            self.bar.close()
        if not self.interrupted:
            return False
        # the C call has returned (cancelled, or finished first) and freed
        # its memory: its result is dropped, and the SIGINT is delivered as
        # the process would have seen it without us
        if old is signal.default_int_handler or old is None:
            raise KeyboardInterrupt from None
        if old == signal.SIG_DFL:
            signal.raise_signal(signal.SIGINT)
        elif callable(old):
            old(signal.SIGINT, None)
        return False


def running(progress=False, desc=None, parts=1, restarts=False):
    """Context manager for one interruptible computation of ``parts``
    library calls (see the module doc and :class:`Run`); ``restarts``: one
    batch call whose elements each report 0..1 (a falling fraction starts
    the next part)."""
    return Run(progress, desc, parts, restarts)


def long_function(name):
    """The :mod:`fgroi.capi` function for the C function ``fgroi_<name>``:
    its ``_ctl`` variant (progress and cancellation, issue 16) when the
    library has one, else the function itself. The idiomatic layer names
    its long calls this way, so a ``_ctl`` entry point added to the library
    is used without an edit here."""
    f = getattr(capi, name + "_ctl", None)
    return f if f is not None else getattr(capi, name)


def _place(cfunc, how, ptr, args, kwargs):
    kind, name = how
    i = cfunc._names.index(name)
    if kind == "arg":
        value = ptr
    else:
        value = _with_control(args[i] if i < len(args) else kwargs.get(name), ptr)
    if i < len(args):
        args = args[:i] + (value,) + args[i + 1:]
    else:
        kwargs = dict(kwargs)
        kwargs[name] = value
    return args, kwargs


def takes_control(cfunc):
    """How a :mod:`fgroi.capi` function takes a control: ``("arg", name)``
    for a ``const fgroi_control *`` argument, ``("field", name)`` for an
    options struct with a ``control`` field, or None."""
    for p in cfunc.params:
        base = getattr(p, "base", None)
        if base == "fgroi_control":
            return ("arg", p.name)
        if base and p.role == "struct_in":
            try:
                fields = dict(ffi.typeof(base).fields)
            except (ffi.error, TypeError, KeyError):
                continue
            if "control" in fields:
                return ("field", p.name)
    return None


def _with_control(opts, ptr):
    if opts is None:
        return {"control": ptr}
    if hasattr(opts, "to_dict") and not hasattr(opts, "_cdata"):
        opts = opts.to_dict()
    if not isinstance(opts, dict):
        raise TypeError("fgroi.control.call: pass the options as a dict to add a control")
    opts = dict(opts)
    opts["control"] = ptr
    return opts


def call(cfunc, *args, progress=False, desc=None, **kwargs):
    """Call a :mod:`fgroi.capi` function interruptibly (Ctrl-C raises
    KeyboardInterrupt within about 10 ms of the library's work), with a
    progress bar when ``progress`` is true (or a callable f(fraction)
    whose true return value cancels: then :mod:`fgroi.errors` raises the
    FGROI_E_CANCELLED error)."""
    with running(progress, desc or cfunc.__name__) as run:
        return run.call(cfunc, *args, **kwargs)
