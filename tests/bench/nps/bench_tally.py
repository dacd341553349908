"""Tally 1e8 int8 NPS scores with libfgroi and with numpy.bincount in the
same run, on the same array, and print both times and their ratio.

usage: bench_tally.py /path/to/libfgroi.so [n]
libfgroi is called through ctypes (fgroi_nps_tally_add_i8); each side is
timed as the best of several repetitions after a warm-up."""
import ctypes
import sys
import time

import numpy as np


class Tally(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("bins", ctypes.c_int64 * 11),
                ("missing", ctypes.c_int64)]


def best_of(fn, reps):
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    lib = ctypes.CDLL(sys.argv[1])
    n = int(float(sys.argv[2])) if len(sys.argv) > 2 else 100_000_000
    rng = np.random.default_rng(20261123)
    mix = np.array([2, 1, 1, 1, 1, 3, 3, 9, 22, 22, 35], dtype=float)
    x = rng.choice(11, size=n, p=mix / mix.sum()).astype(np.int8)

    add = lib.fgroi_nps_tally_add_i8
    add.restype = ctypes.c_int
    add.argtypes = [ctypes.POINTER(Tally), ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int8,
                    ctypes.POINTER(ctypes.c_size_t)]
    ptr = x.ctypes.data
    tally = Tally()

    def run_fgroi():
        tally.struct_size = ctypes.sizeof(Tally)
        lib.fgroi_nps_tally_init(ctypes.byref(tally))
        bad = ctypes.c_size_t(0)
        st = add(ctypes.byref(tally), ptr, n, -1, ctypes.byref(bad))
        if st != 0:
            raise SystemExit("fgroi_nps_tally_add_i8 failed: %d" % st)

    counts = {}

    def run_numpy():
        counts["np"] = np.bincount(x, minlength=11)

    run_fgroi()
    run_numpy()
    if list(tally.bins) != counts["np"].tolist():
        raise SystemExit("counts differ: %s vs %s" % (list(tally.bins), counts["np"].tolist()))
    t_f = best_of(run_fgroi, 5)
    t_n = best_of(run_numpy, 3)
    gbs = n / t_f / 1e9
    print("n = %d int8 scores" % n)
    print("libfgroi fgroi_nps_tally_add_i8: %.4f s (%.2f GB/s)" % (t_f, gbs))
    print("numpy %s bincount:              %.4f s (%.2f GB/s)" % (np.__version__, t_n, n / t_n / 1e9))
    print("ratio numpy / libfgroi: %.1fx" % (t_n / t_f))


if __name__ == "__main__":
    main()
