"""The main report's numbers, recomputed independently from the CSV files
with pandas, scipy and statsmodels (issue #10), compared with the JSON
report that fgroi-report writes. TAP output.

    /usr/bin/python3 tests/check_report.py BUILD/examples/fgroi-report examples/data
"""
import json
import math
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

report_exe, data = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    out = subprocess.run([report_exe, "--json", f"{tmp}/r.json", data], capture_output=True, text=True)
    if out.returncode != 0:
        print("1..1\nnot ok 1 - fgroi-report failed:", out.stderr.replace("\n", " | "))
        sys.exit(1)
    rep = json.load(open(f"{tmp}/r.json"))
metrics = {m["name"]: m for m in rep["metrics"]}

P = pd.read_csv(f"{data}/participants.csv")
D = pd.read_csv(f"{data}/doses.csv")
T = pd.read_csv(f"{data}/task.csv").merge(P, on="participant_id")
conf = float(pd.read_csv(f"{data}/study.csv").set_index("key").value["conf_level"])

checks = []


def check(name, field, want, tol=1e-9):
    got = metrics.get(name, {}).get(field)
    ok = got is not None and (math.isclose(got, want, rel_tol=tol, abs_tol=1e-12))
    checks.append((ok, f"{name}: {field} = {got!r}, independent value {want!r}"))


def wilson(x, n, name):
    lo, hi = proportion_confint(x, n, alpha=1 - conf, method="wilson")
    check(name, "estimate", x / n)
    check(name, "lower", lo)
    check(name, "upper", hi)


wilson(D.self_reported.sum(), len(D), "self-reported adherence (app check-ins)")
wilson(D.device_logged.sum(), len(D), "device-logged adherence (pillbox opens)")
T["fast"] = (T.completed == 1) & (T.minutes < 5)
dev = T[T.arm == "device"]
wilson(int(dev.fast.sum()), len(dev), "setup task < 5 min, device arm")
check("setup task < 5 min, device arm", "p_value",
      stats.binomtest(int(dev.fast.sum()), len(dev), 0.85, alternative="less").pvalue)

print(f"1..{len(checks)}")
for i, (ok, text) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {text}")
sys.exit(0 if all(ok for ok, _ in checks) else 1)
