"""Per-call overhead of a cheap function through the binding: a Wilson
interval for 7/12, by each layer of fgroi and by statsmodels'
proportion_confint, in the same run (best of 7 repeats of 20000 calls,
process CPU time; microseconds per call). Run by `meson test -C <build> --benchmark`; recorded in
docs/performance.md."""
import time
import timeit

from statsmodels.stats.proportion import proportion_confint

import fgroi
from fgroi import ffi, lib


def main():
    out = ffi.new("fgroi_interval *")
    out.struct_size = ffi.sizeof("fgroi_interval")
    wilson = lib.FGROI_METHOD_WILSON
    cases = [
        ("C call through cffi (lib.fgroi_prop_ci, preallocated struct)",
         lambda: lib.fgroi_prop_ci(7, 12, wilson, 0.95, 0, out)),
        ("generic layer (fgroi.capi.prop_ci)", lambda: fgroi.capi.prop_ci(7, 12, "wilson")),
        ("idiomatic (fgroi.prop_ci)", lambda: fgroi.prop_ci(7, 12)),
        ("statsmodels proportion_confint(method='wilson')",
         lambda: proportion_confint(7, 12, alpha=0.05, method="wilson")),
    ]
    lo, hi = proportion_confint(7, 12, alpha=0.05, method="wilson")
    r = fgroi.prop_ci(7, 12)
    assert abs(r.low - lo) < 1e-12 and abs(r.high - hi) < 1e-12
    times = {}
    for name, f in cases:
        n = 20000
        # CPU time of this process: robust to other jobs on the machine
        best = min(timeit.Timer(f, timer=time.process_time).repeat(number=n, repeat=7)) / n
        times[name] = best
    ref = times[cases[-1][0]]
    print("%-62s %10s %12s" % ("Wilson interval, 7/12", "us/call", "vs statsmodels"))
    for name, t in times.items():
        print("%-62s %10.2f %11.3fx" % (name, 1e6 * t, t / ref))


if __name__ == "__main__":
    main()
