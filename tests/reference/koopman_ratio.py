#!/usr/bin/python3
"""Independent reference for the Koopman (1984) score interval of p1/p2
(fgroi_prop_ratio_ci, method koopman), used for the large-count values in
tests/test_prop.c (FINDINGS row 17, issue #14).

Brute force in 80-digit decimal arithmetic, with none of the library's
algebra: for a given rho the MLE restricted to p1 = rho p2 is found by
bisection on the derivative of the log-likelihood in p2 over
[0, min(1, 1/rho)] (no quadratic formula), the two-term Pearson chi-square
is evaluated there, and rho is bisected until the signed root equals +z
(lower limit) or -z (upper limit). PropCIs::riskscoreci computes the same
statistic but is not in Debian.

Usage: koopman_ratio.py x1 n1 x2 n2 z   -> prints lower and upper (17 digits)
"""
import sys
from decimal import Decimal as D, getcontext

getcontext().prec = 80


def restricted_p2(rho, x1, n1, x2, n2):
    f1, f2 = n1 - x1, n2 - x2
    lo, hi = D(0), min(D(1), 1 / rho)
    for _ in range(300):
        p = (lo + hi) / 2
        g = D(0)
        if x1 + x2 > 0:
            g += (x1 + x2) / p
        if f1 > 0:
            g -= f1 * rho / (1 - rho * p)
        if f2 > 0:
            g -= f2 / (1 - p)
        if g > 0:
            lo = p
        else:
            hi = p
    return (lo + hi) / 2


def signed_stat(rho, x1, n1, x2, n2):
    p2 = restricted_p2(rho, x1, n1, x2, n2)
    p1 = rho * p2
    u = D(0)
    for x, n, p in ((x1, n1, p1), (x2, n2, p2)):
        r, v = x - n * p, n * p * (1 - p)
        if v > 0:
            u += r * r / v
    s = u.sqrt()
    return s if x1 * n2 > rho * x2 * n1 else -s


def limit(x1, n1, x2, n2, t):
    """rho with signed statistic t (decreasing in rho)."""
    s0 = ((x1 + D("0.5")) / n1) / ((x2 + D("0.5")) / n2)
    lo = hi = s0
    while signed_stat(lo, x1, n1, x2, n2) < t:
        lo /= 2
    while signed_stat(hi, x1, n1, x2, n2) > t:
        hi *= 2
    for _ in range(200):
        m = (lo + hi) / 2
        if signed_stat(m, x1, n1, x2, n2) > t:
            lo = m
        else:
            hi = m
    return (lo + hi) / 2


if __name__ == "__main__":
    x1, n1, x2, n2 = (D(int(a)) for a in sys.argv[1:5])
    z = D(sys.argv[5])
    lower = limit(x1, n1, x2, n2, z) if x1 > 0 else D(0)
    upper = limit(x1, n1, x2, n2, -z) if x2 > 0 else D("Infinity")
    print("%.17g %.17g" % (lower, upper))
