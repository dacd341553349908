"""Side by side: Boschloo's test at 100 per arm, libfgroi vs
scipy.stats.boschloo_exact (scipy 1.10, default n=32 sampling points),
in one run; prints CPU times (time.process_time and the C program's
CLOCK_PROCESS_CPUTIME_ID: the machine is shared, wall time would measure
the neighbours), ratios and the p-values of both."""
import subprocess
import sys
import time

import scipy
import scipy.stats as st

bench = sys.argv[1]
tables = [(60, 100, 45, 100), (55, 100, 50, 100), (12, 100, 2, 100), (70, 100, 50, 100)]
print(f"scipy {scipy.__version__}")
worst = None
for (x1, n1, x2, n2) in tables:
    for alt in ("two-sided", "greater"):
        t = [[x1, x2], [n1 - x1, n2 - x2]]
        reps, t0 = 0, time.process_time()
        while True:
            r = st.boschloo_exact(t, alternative=alt)
            reps += 1
            if time.process_time() - t0 > 1.0:
                break
        s_scipy = (time.process_time() - t0) / reps
        out = subprocess.run([bench, "boschloo", str(x1), str(n1), str(x2), str(n2),
                              alt.replace("-", "_")], capture_output=True, text=True, check=True)
        s_c, p_c = (float(v) for v in out.stdout.split())
        ratio = s_scipy / s_c
        worst = ratio if worst is None else min(worst, ratio)
        print(f"boschloo {x1}/{n1} vs {x2}/{n2} {alt:9s}: scipy {s_scipy*1e3:8.2f} ms  "
              f"libfgroi {s_c*1e3:7.3f} ms  ratio {ratio:7.1f}x  "
              f"p scipy {r.pvalue:.10g} libfgroi {p_c:.10g}")
print(f"boschloo_100_per_arm_min_speedup {worst:.1f}x (bar: 50x)")
sys.exit(0 if worst >= 50 else 1)
