"""The compiled CFFI module and the declarations it was generated from.

Installed, both live inside the package; in a Meson build tree they sit in
the build directory, which the test environment puts on PYTHONPATH."""
try:
    from ._fgroi_cffi import ffi, lib  # installed
    from . import _fgroi_decls as decls
except ImportError:  # build tree
    from _fgroi_cffi import ffi, lib  # type: ignore[no-redef]
    import _fgroi_decls as decls  # type: ignore[no-redef]

__all__ = ["ffi", "lib", "decls", "cstr"]


def cstr(p):
    """A C string returned by the library (static storage) as str, or None."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")
