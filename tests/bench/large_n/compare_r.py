"""Side-by-side with R in one run (issue 16): Hommel against p.adjust,
Hodges-Lehmann against wilcox.test(conf.int = TRUE), the exact conditional
odds-ratio interval against fisher.test's conf.int. Same data (written by
the C benchmark, read by R); prints both times, the ratio, and whether the
values agree (Hommel and HL: to the last bit; fisher.test's interval comes
from uniroot at its default tolerance, so only to about 1e-4).
Peer sizes are kept short. Usage: compare_r.py <bench_large_n>."""
import os
import subprocess
import sys
import tempfile

R = {
    "hommel": "p <- scan(f, quiet = TRUE); t0 <- proc.time()[[3]]; a <- p.adjust(p, 'hommel');"
              "el <- proc.time()[[3]] - t0; o <- scan(paste0(f, '.out'), quiet = TRUE);"
              "cat(sprintf('%.6f %d\\n', el, sum(a != o)))",
    "hl": "x <- scan(f, quiet = TRUE); t0 <- proc.time()[[3]];"
          "w <- wilcox.test(x, mu = 0.5, conf.int = TRUE);"
          "cat(sprintf('%.6f %.17g %.17g %.17g\\n', proc.time()[[3]] - t0, w$estimate, w$conf.int[1], w$conf.int[2]))",
    "or": "n <- as.numeric(f); t0 <- proc.time()[[3]];"
          "w <- fisher.test(matrix(c(n/2 + 1000, n/2 - 1000, n/2, n/2), 2));"
          "cat(sprintf('%.6f %.17g %.17g\\n', proc.time()[[3]] - t0, w$conf.int[1], w$conf.int[2]))",
}


def ours(bench, kind, n, dump):
    env = dict(os.environ, BENCH_DUMP=dump) if dump else dict(os.environ)
    out = subprocess.run([bench, kind, str(n)], capture_output=True, text=True, check=True, env=env).stdout
    line = [l for l in out.splitlines() if l.startswith("# tsv")][0].split()
    vals = [float(v) for v in line[5:]]
    if kind == "hommel":
        vals = [0.0]  # compared element by element in R: number of differing values
    return float(line[4]), vals


def theirs(kind, arg):
    code = f"f <- '{arg}'; " + R[kind]
    out = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), [float(v) for v in out[1:]]


def main():
    bench = sys.argv[1]
    bad = 0
    print("peer ratios, one run (CPU time of libfgroi, elapsed time of the R call)")
    with tempfile.TemporaryDirectory() as d:
        for kind, n, tol in (("hommel", 5000, 0.0), ("hl", 100000, 0.0), ("or", 100000, 1e-3)):
            dump = os.path.join(d, kind + ".txt") if kind != "or" else None
            c_sec, c_val = ours(bench, kind, n, dump)
            r_sec, r_val = theirs(kind, dump if dump else str(n))
            ok = len(c_val) == len(r_val) and all(abs(a - b) <= tol * abs(b) for a, b in zip(c_val, r_val))
            bad |= not ok
            print(f"  {kind:6s} n = {n:7d}: R {r_sec:8.3f} s, libfgroi {c_sec:8.4f} s, ratio "
                  f"{r_sec / max(c_sec, 1e-6):7.0f}x, values {'agree' if ok else 'DIFFER'}"
                  f"{'' if tol == 0 else f' (to {tol:g})'}: {c_val} vs {r_val}")
    return bad


if __name__ == "__main__":
    sys.exit(main())
