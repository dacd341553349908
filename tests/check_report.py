"""The main report's numbers, recomputed independently from the CSV files
with pandas, scipy and statsmodels (issue #10), compared with the JSON
report that fgroi-report writes. TAP output.

    /usr/bin/python3 tests/check_report.py BUILD/examples/fgroi-report examples/data
"""
import itertools
import json
import math
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import stats
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests
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
dev, ctl = T[T.arm == "device"], T[T.arm == "control"]
wilson(int(dev.fast.sum()), len(dev), "setup task < 5 min, device arm")
wilson(int(ctl.fast.sum()), len(ctl), "setup task < 5 min, control arm")

# adherence gap, clustered: OLS of the per-dose difference on a constant with
# cluster-robust (CR1) variance, t on (participants - 1) df
D["d"] = D.device_logged - D.self_reported
groups = pd.factorize(D.participant_id)[0]
fit = sm.OLS(D.d.values, np.ones(len(D))).fit(cov_type="cluster", cov_kwds={"groups": groups})
k = D.participant_id.nunique()
q = stats.t.ppf(1 - (1 - conf) / 2, k - 1)
gap = "adherence gap: device - self-report"
check(gap, "estimate", fit.params[0])
check(gap, "lower", fit.params[0] - q * fit.bse[0], 1e-8)
check(gap, "upper", fit.params[0] + q * fit.bse[0], 1e-8)
# exact sign-flip test over participants (sum of per-participant differences)
per = D.groupby("participant_id").d.sum().values
obs = abs(per.sum())
signs = np.array(list(itertools.product([-1, 1], repeat=len(per))))
check(gap, "p_value", float(np.mean(np.abs(signs @ per) >= obs - 1e-9)))
# naive per-dose McNemar mid-p
b = int(((D.device_logged == 1) & (D.self_reported == 0)).sum())
c = int(((D.device_logged == 0) & (D.self_reported == 1)).sum())
midp = 2 * (stats.binom.cdf(min(b, c), b + c, 0.5) - 0.5 * stats.binom.pmf(min(b, c), b + c, 0.5))
check("(naive per-dose analysis, overstated)", "p_value", min(1.0, midp))

# NPS before and after (same respondents)
N = pd.read_csv(f"{data}/nps.csv")
def nps(g):
    return 100 * ((g.score >= 9).mean() - (g.score <= 6).mean())
check("NPS before the rollout", "estimate", nps(N[N.wave == "pre"]))
check("NPS after the rollout", "estimate", nps(N[N.wave == "post"]))
W = N.pivot(index="participant_id", columns="wave", values="score")
cat = lambda s: np.where(s >= 9, 1, np.where(s <= 6, -1, 0))
change = cat(W["post"].values) - cat(W["pre"].values)
check("NPS change (same respondents)", "estimate", 100 * change.mean())
nz = change[change != 0]
if len(nz) <= 20:
    sg = np.array(list(itertools.product([-1, 1], repeat=len(nz))))
    check("NPS change (same respondents)", "p_value",
          float(np.mean(np.abs(sg @ np.abs(nz)) >= abs(nz.sum()) - 1e-9)))

# task success, device - control
check("setup task < 5 min: device - control", "estimate", dev.fast.mean() - ctl.fast.mean())
check("device arm above the 85% target?", "p_value",
      stats.binomtest(int(dev.fast.sum()), len(dev), 0.85, alternative="greater").pvalue)
# one-sided Clopper-Pearson lower bound
check("device arm above the 85% target?", "lower",
      stats.beta.ppf(1 - conf, dev.fast.sum(), len(dev) - dev.fast.sum() + 1), 1e-8)

# time to task: Kaplan-Meier medians and the log-rank test, by R's survival
rcode = f"""
suppressMessages(library(survival))
t <- merge(read.csv('{data}/task.csv'), read.csv('{data}/participants.csv'))
f <- survfit(Surv(minutes, completed) ~ arm, data = t, conf.int = {conf})
q <- quantile(f, 0.5)
cat(sprintf('%.17g', c(q$quantile['arm=device', 1], q$lower['arm=device', 1], q$quantile['arm=control', 1],
  q$lower['arm=control', 1], 1 - pchisq(survdiff(Surv(minutes, completed) ~ arm, data = t)$chisq, 1))), sep = '\n')
"""
r = subprocess.run(["Rscript", "-e", rcode], capture_output=True, text=True)
vals = [float(v) for v in r.stdout.split()]
check("median setup time, device arm", "estimate", vals[0])
check("median setup time, device arm", "lower", vals[1])
check("median setup time, control arm", "estimate", vals[2])
check("median setup time, control arm", "lower", vals[3])
check("time to set up: device vs control", "p_value", vals[4], 1e-8)

# protocol steps: DiD = Welch t on per-participant changes in the share of steps
S = pd.read_csv(f"{data}/protocol.csv").merge(P, on="participant_id")
S["share"] = S.steps_completed / S.steps_total
Wp = S.pivot_table(index=["participant_id", "arm"], columns="period", values="share").reset_index()
Wp["chg"] = Wp["post"] - Wp["pre"]
a, b2 = Wp[Wp.arm == "device"].chg.values, Wp[Wp.arm == "control"].chg.values
tt = stats.ttest_ind(a, b2, equal_var=False)
va, vb = a.var(ddof=1) / len(a), b2.var(ddof=1) / len(b2)
dfw = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b2) - 1))
est = a.mean() - b2.mean()
qq = stats.t.ppf(1 - (1 - conf) / 2, dfw) * math.sqrt(va + vb)
did = "protocol steps completed: DiD"
check(did, "estimate", est)
check(did, "lower", est - qq, 1e-8)
check(did, "upper", est + qq, 1e-8)
check(did, "p_value", tt.pvalue, 1e-8)

# Holm across the tested claims, from the report's own raw p-values
tested = [m for m in rep["metrics"] if m["p_adjusted"] is not None]
adj = multipletests([m["p_value"] for m in tested], method="holm")[1]
for m, want in zip(tested, adj):
    check(m["name"], "p_adjusted", float(want))

# ROI at the central values: effect x volume x mid value - cost, over cost
St = pd.read_csv(f"{data}/study.csv").set_index("key").value
mid = (St["value_per_unit_low"] + St["value_per_unit_high"]) / 2
check("ROI of the study", "estimate", (est * St["volume"] * mid - St["study_cost"]) / St["study_cost"], 1e-8)

print(f"1..{len(checks)}")
for i, (ok, text) in enumerate(checks, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {text}")
sys.exit(0 if all(ok for ok, _ in checks) else 1)
