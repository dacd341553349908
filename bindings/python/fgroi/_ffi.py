"""The compiled CFFI module and the declarations it was generated from.

Installed, both live inside the package; in a Meson build tree they sit in
the build directory, which the test environment puts on PYTHONPATH. When
neither loads, the ImportError says which part is missing: the compiled
extension itself (fgroi was not built or not installed), or a shared
library it needs (libfgroi.so.1, libgsl) that the loader cannot find."""
import os

__all__ = ["ffi", "lib", "decls", "cstr"]


def _explain(installed, tree):
    here = os.path.dirname(os.path.abspath(__file__))
    for err in (installed, tree):
        if not isinstance(err, ModuleNotFoundError):
            # the extension exists but the dynamic loader failed on a dependency
            return ("fgroi: the compiled extension _fgroi_cffi was found but could not be loaded: "
                    "%s. A shared library it needs is not on the loader path: for a library "
                    "installed under a custom prefix set LD_LIBRARY_PATH to its lib directory "
                    "(or build with an rpath), or install the Python package with "
                    "`pip install .`, which links libfgroi into the extension (docs/python.md)."
                    % err)
    return ("fgroi: the compiled extension _fgroi_cffi is missing (not in %s, nor on sys.path): "
            "fgroi has not been built. Install it with `pip install .` from the source tree, or "
            "build with `meson setup build -Dpython=enabled && meson compile -C build` and put "
            "bindings/python and build/bindings/python on PYTHONPATH (docs/python.md)." % here)


try:
    from ._fgroi_cffi import ffi, lib  # installed
    from . import _fgroi_decls as decls
except ImportError as _installed:
    try:
        from _fgroi_cffi import ffi, lib  # type: ignore[no-redef]  # build tree
        import _fgroi_decls as decls  # type: ignore[no-redef]
    except ImportError as _tree:
        raise ImportError(_explain(_installed, _tree)) from _tree


def cstr(p):
    """A C string returned by the library (static storage) as str, or None."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")
