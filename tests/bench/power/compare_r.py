"""Side-by-side: exact Fisher power in plain R (a brute-force enumeration
with base dhyper/dbinom, one margin at a time, as fisher.test decides)
against libfgroi's fgroi_power_prop2_exact, in one run; prints both
values and the time ratio. Usage: compare_r.py <bench_planning>.

R is the independent reference for the value (agreement to 1e-10) and the
peer for the time (no R package computes exact power at these sizes in
reasonable time; exact2x2::ss2x2 is not in Debian)."""
import subprocess
import sys
import time

R_POWER = r"""
fisher_power <- function(n1, n2, p1, p2, alpha = 0.05) {
  b1 <- dbinom(0:n1, n1, p1); b2 <- dbinom(0:n2, n2, p2); pw <- 0
  for (s in 0:(n1 + n2)) {
    lo <- max(0, s - n2); hi <- min(s, n1); x <- lo:hi
    d <- dhyper(x, n1, n2, s); d <- d / sum(d)
    o <- sort(d); cs <- cumsum(o)
    k <- findInterval(d * (1 + 1e-7), o)
    p <- ifelse(k > 0, cs[pmax(k, 1)], 0)
    rej <- x[p <= alpha]
    if (length(rej)) pw <- pw + sum(b1[rej + 1] * b2[s - rej + 1])
  }
  pw
}
args <- as.numeric(commandArgs(TRUE))
t0 <- proc.time()[["elapsed"]]
pw <- fisher_power(args[1], args[1], args[2], args[3])
cat(sprintf("%.17g %.6f\n", pw, proc.time()[["elapsed"]] - t0))
"""


def main():
    bench = sys.argv[1]
    out = subprocess.run([bench, "--quick"], capture_output=True, text=True, check=True).stdout
    ours = {}
    for line in out.splitlines():
        f = line.split()
        if line.startswith("# tsv power"):
            ours[(f[3], int(f[4]))] = (float(f[5]), float(f[6]))
    print(out, end="")
    print("peer: plain R enumeration (base dhyper/dbinom), Fisher, p 0.50 vs 0.55, one call")
    n = 1000
    r = subprocess.run(["Rscript", "-e", R_POWER, str(n), "0.50", "0.55"],
                       capture_output=True, text=True, check=True).stdout.split()
    r_pw, r_sec = float(r[0]), float(r[1])
    c_pw, c_sec = ours[("fisher", n)]
    agree = abs(c_pw - r_pw) <= 1e-10 * r_pw
    print(f"  n = {n} per arm: R {r_pw:.12f} in {r_sec:.3f} s; libfgroi {c_pw:.12f} in "
          f"{1e3 * c_sec:.3f} ms: {'agree' if agree else 'DIFFER'}, "
          f"ratio R / libfgroi = {r_sec / c_sec:.0f}x")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
