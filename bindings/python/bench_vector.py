"""Vectorised calls against statsmodels and scipy, in one run (issue 18):

1. 1e6 Wilson intervals from arrays of counts: fgroi.prop_ci(x, n,
   columns=True) (fgroi_prop_ci_many writing five column arrays, the
   quantile computed once) and fgroi.prop_ci(x, n) (the same library call
   in chunks, scattered into 32-byte records) vs statsmodels' vectorised
   proportion_confint(x, n, method="wilson");
2. 1e5 Fisher exact tests from arrays of 2x2 tables:
   fgroi.vector.prop_2x2_test(..., method="fisher") vs a Python loop over
   scipy.stats.fisher_exact;
3. scalar per-call cost of one Wilson interval (7/12): fgroi.prop_ci vs
   statsmodels' proportion_confint.

Process CPU time (robust to other jobs on the machine), best of several
repeats; the results are checked to agree before timing. Run by
`meson test -C <build> --benchmark --suite python`; recorded in
docs/performance.md ("Vectorised calls and per-call overhead")."""
import time
import timeit

import numpy as np
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import proportion_confint

import fgroi


def best(f, repeat, number=1):
    return min(timeit.Timer(f, timer=time.process_time).repeat(number=number,
                                                               repeat=repeat)) / number


def main():
    rng = np.random.default_rng(2026)
    rows = []

    # 1. 1e6 Wilson intervals
    n = rng.integers(1, 500, 10**6)
    x = rng.integers(0, n + 1)
    ours = fgroi.prop_ci(x, n)
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    assert np.allclose(ours["low"], lo, rtol=1e-12, atol=1e-15)
    assert np.allclose(ours["high"], hi, rtol=1e-12, atol=1e-15)
    cols = fgroi.prop_ci(x, n, columns=True)
    assert cols.low.tobytes() == ours["low"].tobytes()
    assert cols.high.tobytes() == ours["high"].tobytes()
    # alternated repeats: the three calls see the same machine load
    t = {"records": [], "columns": [], "sm": []}
    calls = {"records": lambda: fgroi.prop_ci(x, n),
             "columns": lambda: fgroi.prop_ci(x, n, columns=True),
             "sm": lambda: proportion_confint(x, n, alpha=0.05, method="wilson")}
    for _ in range(15):
        for k, f in calls.items():
            t0 = time.process_time()
            f()
            t[k].append(time.process_time() - t0)
    t_s = min(t["sm"])
    rows.append(("1e6 Wilson, fgroi.prop_ci(x, n, columns=True) (s)", min(t["columns"]), t_s,
                 "statsmodels proportion_confint"))
    rows.append(("1e6 Wilson, fgroi.prop_ci(x, n) records (s)", min(t["records"]), t_s,
                 "statsmodels proportion_confint"))

    # 2. 1e5 Fisher tests
    k = 10**5
    n1 = rng.integers(5, 60, k)
    n2 = rng.integers(5, 60, k)
    x1 = rng.integers(0, n1 + 1)
    x2 = rng.integers(0, n2 + 1)
    ours = fgroi.vector.prop_2x2_test(x1, n1, x2, n2, method="fisher")
    tables = [[[int(a), int(b - a)], [int(c), int(d - c)]] for a, b, c, d in zip(x1, n1, x2, n2)]

    def scipy_loop():
        return [fisher_exact(t)[1] for t in tables]
    ref = scipy_loop()  # also the check
    assert np.allclose(ours["pvalue"], ref, rtol=1e-9, atol=1e-14)
    t_f = best(lambda: fgroi.vector.prop_2x2_test(x1, n1, x2, n2, method="fisher"), 5)
    t_s = best(scipy_loop, 2)
    rows.append(("1e5 Fisher exact tests, arrays (s)", t_f, t_s, "scipy fisher_exact loop"))

    # 3. scalar per-call
    r = fgroi.prop_ci(7, 12)
    lo, hi = proportion_confint(7, 12, alpha=0.05, method="wilson")
    assert abs(r.low - lo) < 1e-12 and abs(r.high - hi) < 1e-12
    t_f = best(lambda: fgroi.prop_ci(7, 12), 7, 20000)
    t_s = best(lambda: proportion_confint(7, 12, alpha=0.05, method="wilson"), 7, 2000)
    rows.append(("one Wilson interval, fgroi.prop_ci(7, 12) (us)", 1e6 * t_f, 1e6 * t_s,
                 "statsmodels proportion_confint"))

    print("%-50s %12s %12s %9s  %s" % ("case", "fgroi", "peer", "speedup", "peer"))
    for name, a, b, peer in rows:
        print("%-50s %12.4g %12.4g %8.1fx  %s" % (name, a, b, b / a, peer))


if __name__ == "__main__":
    main()
