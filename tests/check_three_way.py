"""The three front ends agree (#10): the C report (fgroi-report --json), the
R example (examples/R/pillbox_pilot.R --json) and the Python notebook
(examples/notebooks/pillbox_pilot.ipynb with FGROI_REPORT_JSON) analyse the
same study and must give the same numbers for every metric: estimate,
lower, upper, p_value, p_adjusted to 1e-9 relative (they make identical
library calls, so in practice they agree to the last bit), the same
interval method and the same verdict. TAP output.

    check_three_way.py --report EXE --data DIR --r-package DIR --r-script FILE
                       --notebook FILE --nbconvert EXE --rscript EXE --r EXE
                       --build-root DIR

The R package is installed into a temporary library against the build
tree's libfgroi (as bindings/r/tools/meson-test.sh does for r_example); the
notebook's kernel finds the Python binding through PYTHONPATH (the suite
python environment, passed by Meson)."""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

NUMBERS = ("estimate", "lower", "upper", "p_value", "p_adjusted")
STRINGS = ("unit", "method", "verdict")
RTOL = 1e-9


def install_r_package(args, tmp, env):
    """R CMD INSTALL the package from a copy into tmp/lib; returns the library."""
    src = os.path.join(tmp, "src", "fgroi")
    shutil.copytree(args.r_package, src)
    subprocess.run(["sh", "./cleanup"], cwd=src, check=True, stdout=subprocess.DEVNULL)
    lib = os.path.join(tmp, "lib")
    os.makedirs(lib)
    res = subprocess.run([args.r, "CMD", "INSTALL", "--no-docs", "--no-multiarch", "-l", lib, src],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if res.returncode != 0:
        raise RuntimeError("R CMD INSTALL failed:\n" + res.stdout)
    return lib


def r_env(args):
    build = os.path.abspath(args.build_root)
    env = dict(os.environ)
    env["PKG_CONFIG_PATH"] = os.path.join(build, "meson-uninstalled") + (
        ":" + env["PKG_CONFIG_PATH"] if env.get("PKG_CONFIG_PATH") else "")
    env["FGROI_RPATH"] = os.path.join(build, "lib")
    env["LD_LIBRARY_PATH"] = os.path.join(build, "lib") + (
        ":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    env["R_LIBS_USER"] = "/nonexistent"   # only the site library and ours
    env.pop("R_LIBS", None)
    return env


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= RTOL * max(abs(a), abs(b))


def main():
    ap = argparse.ArgumentParser()
    for opt in ("report", "data", "r-package", "r-script", "notebook", "nbconvert", "rscript", "r",
                "build-root"):
        ap.add_argument("--" + opt, required=True)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="fgroi-three-way.")
    out = {k: os.path.join(tmp, k + ".json") for k in ("C", "R", "Python")}
    logs = {}
    # the notebook runs while R installs the package
    nb_env = dict(os.environ, FGROI_REPORT_JSON=out["Python"],
                  FGROI_SOURCE_ROOT=os.path.dirname(os.path.dirname(os.path.abspath(args.data))))
    nb_env["PATH"] = "/usr/bin:" + nb_env.get("PATH", "")
    nb = subprocess.Popen([args.nbconvert, "--to", "notebook", "--execute",
                           "--ExecutePreprocessor.timeout=300", "--output-dir",
                           os.path.join(tmp, "notebook"), args.notebook],
                          env=nb_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    c = subprocess.run([args.report, "--json", out["C"], args.data],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    logs["C"] = (c.returncode, c.stdout)
    renv = r_env(args)
    try:
        renv["R_LIBS"] = install_r_package(args, tmp, renv)
        r = subprocess.run([args.rscript, "--vanilla", args.r_script, args.data, "--json", out["R"]],
                           env=renv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        logs["R"] = (r.returncode, r.stdout)
    except (RuntimeError, subprocess.CalledProcessError) as e:
        logs["R"] = (1, str(e))
    nb_log = nb.communicate()[0]
    logs["Python"] = (nb.returncode, nb_log)
    return tmp, out, logs


def run():
    tmp, out, logs = None, None, None
    lines = []

    def ok(cond, what, diag=None):
        number = sum(1 for s in lines if not s.startswith("#")) + 1
        lines.append(("ok" if cond else "not ok") + " %d - %s" % (number, what))
        if not cond and diag:
            lines.extend("# " + d for d in str(diag).splitlines()[-40:])
        return cond

    try:
        tmp, out, logs = main()
        reports = {}
        for who in ("C", "R", "Python"):
            rc, log = logs[who]
            good = rc == 0 and os.path.exists(out[who])
            if ok(good, "%s front end ran and wrote its JSON report" % who, log):
                with open(out[who]) as f:
                    reports[who] = json.load(f)
        if len(reports) == 3:
            names = {who: [m["name"] for m in rep["metrics"]] for who, rep in reports.items()}
            ok(names["R"] == names["C"] and names["Python"] == names["C"],
               "the three reports list the same %d metrics in the same order" % len(names["C"]),
               json.dumps(names, indent=1))
            dirs = {who: os.path.realpath(rep["data_dir"]) for who, rep in reports.items()}
            ok(len(set(dirs.values())) == 1, "all three analysed the same data folder", dirs)
            ok(all(close(rep["conf_level"], reports["C"]["conf_level"]) for rep in reports.values()),
               "same confidence level (study.csv)")
            by_name = {who: {m["name"]: m for m in rep["metrics"]} for who, rep in reports.items()}
            identical = total = 0
            for m in reports["C"]["metrics"]:
                bad = []
                for who in ("R", "Python"):
                    other = by_name[who].get(m["name"])
                    if other is None:
                        bad.append("%s: metric missing" % who)
                        continue
                    for k in NUMBERS:
                        total += 1
                        identical += m[k] == other[k]
                        if not close(m[k], other[k]):
                            bad.append("%s %s: C %r, %s %r" % (who, k, m[k], who, other[k]))
                    for k in STRINGS:
                        if m[k] != other[k]:
                            bad.append("%s %s: C %r, %s %r" % (who, k, m[k], who, other[k]))
                shown = ", ".join("%s %.6g" % (k, m[k]) for k in NUMBERS if m[k] is not None)
                ok(not bad, "%s: C, R and Python agree (%s)" % (m["name"].strip(), shown), "\n".join(bad))
            for key in ("roi_prob_positive", "roi_break_even_effect"):
                vals = {who: rep.get(key) for who, rep in reports.items()}
                ok(close(vals["R"], vals["C"]) and close(vals["Python"], vals["C"]),
                   "%s agrees (%r)" % (key, vals["C"]), vals)
            lines.append("# %d of %d numbers bit-identical across C, R and Python" % (identical, total))
    except Exception as e:  # noqa: BLE001 - report as a TAP failure
        ok(False, "the three-way comparison ran", repr(e))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    n = sum(1 for s in lines if not s.startswith("#"))
    print("1..%d" % n)
    print("\n".join(lines))
    return 0 if all(not s.startswith("not ok") for s in lines) else 1


if __name__ == "__main__":
    sys.exit(run())
