"""`pip install .` from a clean checkout of the source tree, in a fresh virtual
environment, builds libfgroi and the CFFI extension into one wheel that
imports and computes (issue 18). Offline: the build tools are Debian's
(python3-mesonpy, cffi, numpy, meson, ninja), seen through
--system-site-packages, hence --no-build-isolation --no-index. Takes about
a minute (a full build of the library)."""
import os
import shutil
import subprocess
import sys
import textwrap

SKIP = shutil.ignore_patterns(".git", "build", "build-*", "__pycache__", ".mesonpy*",
                              "*.pyc", "fgroi.Rcheck")


def _clean_checkout(source_root, dest):
    """``git clone`` of the source tree's current commit (what a user gets:
    nothing from a build directory or an uncommitted file); a tree that is
    not a git checkout (a release tarball) is copied without build output."""
    git = shutil.which("git")
    inside = git and subprocess.run([git, "-C", source_root, "rev-parse", "--show-toplevel"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    text=True)
    if inside and inside.returncode == 0 and \
            os.path.realpath(inside.stdout.strip()) == os.path.realpath(source_root):
        subprocess.run([git, "clone", "--quiet", "--no-hardlinks", source_root, str(dest)],
                       check=True)
        return "git clone"
    shutil.copytree(source_root, dest, ignore=SKIP, symlinks=True)
    return "copy"


def test_pip_install_in_a_fresh_venv(tmp_path, source_root):
    src = tmp_path / "src"
    _clean_checkout(source_root, src)
    assert (src / "pyproject.toml").is_file()
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "LD_LIBRARY_PATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = "/usr/bin:" + env.get("PATH", "")
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, env=env)
    py = str(venv / "bin" / "python")
    res = subprocess.run([py, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                          "--config-settings=compile-args=-j2", str(src)],
                         env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    assert res.returncode == 0, res.stdout[-6000:]
    assert "Successfully installed fgroi" in res.stdout
    # import from outside the source tree, with nothing on PYTHONPATH or
    # LD_LIBRARY_PATH: the wheel alone must be enough
    probe = textwrap.dedent("""
        import os, sys
        import fgroi
        assert fgroi.__file__.startswith(sys.prefix), fgroi.__file__
        # runtime dependencies: cffi and numpy only (pandas, matplotlib,
        # tqdm are optional and imported on first use)
        loaded = [m for m in ("pandas", "matplotlib", "tqdm", "scipy", "statsmodels")
                  if m in sys.modules]
        assert not loaded, loaded
        ci = fgroi.prop_ci(7, 12)
        # the vectorised loop (_batch.c) is compiled into the wheel's extension
        v = fgroi.prop_ci([7, 3], 12)
        assert v.shape == (2,) and v[0]["low"] == ci.low and v[0]["high"] == ci.high
        print(fgroi.__version__, "%.6f %.6f" % (ci.low, ci.high))
        """)
    out = subprocess.run([py, "-c", probe], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    assert out.returncode == 0, out.stdout
    import fgroi
    ref = fgroi.prop_ci(7, 12)
    assert out.stdout.split() == [fgroi.__version__, "%.6f" % ref.low, "%.6f" % ref.high]
    # the installed package is the wheel's, and pip can remove it again
    show = subprocess.run([py, "-m", "pip", "show", "-f", "fgroi"], env=env,
                          stdout=subprocess.PIPE, text=True, check=True).stdout
    assert "Requires: cffi, numpy" in show
    assert "_fgroi_cffi" in show
    assert sys.executable  # the suite's own interpreter is untouched


def test_readme_quick_start_is_examples_quickstart_c(source_root):
    """The README's C example is examples/quickstart.c (compiled and run
    against the installed library by the install test), byte for byte, and
    it tests the direction it asks about: above the target."""
    with open(os.path.join(source_root, "README.md")) as f:
        readme = f.read()
    block = readme.split("```c\n", 1)[1].split("```\n", 1)[0]
    with open(os.path.join(source_root, "examples", "quickstart.c")) as f:
        assert block == f.read()
    assert "FGROI_GREATER" in block and "FGROI_LESS" not in block


def test_import_errors_name_what_is_missing():
    """The ImportError says which part is missing instead of CFFI's bare
    "No module named '_fgroi_cffi'": the extension itself, or a shared
    library the loader could not find (libfgroi.so.1 under a custom prefix)."""
    from fgroi import _ffi
    missing = ModuleNotFoundError("No module named 'fgroi._fgroi_cffi'")
    msg = _ffi._explain(missing, ModuleNotFoundError("No module named '_fgroi_cffi'"))
    assert "_fgroi_cffi is missing" in msg and "pip install ." in msg
    loader = ImportError("libfgroi.so.1: cannot open shared object file: No such file or directory")
    msg = _ffi._explain(missing, loader)
    assert "libfgroi.so.1: cannot open shared object file" in msg
    assert "LD_LIBRARY_PATH" in msg and "rpath" in msg
