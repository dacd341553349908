#!/usr/bin/python3
"""Independent check of the NPS planning API (fgroi_power_nps / _n, power.h).

For two independent waves with (promoter, detractor) shares (p1, d1) and
(p2, d2) and n respondents per wave it prints
  - the normal approximation written here from scratch with scipy
    (non-strict: the tail in the direction of the change, as R's
    power.prop.test; strict: both tails), and
  - the exact power of the test the planning formula describes, the
    unpooled Wald z test of fgroi_nps_diff_test (FGROI_METHOD_WALD,
    two-sided 5%), by enumerating both waves' trinomial outcomes (outcomes
    of probability below 1e-16 dropped: at most 1e-10 of mass in all).
Run: /usr/bin/python3 tests/bench/nps/reference/power_two_waves.py
Results are quoted in docs/methods/power.md ("NPS change between two waves")
and asserted in tests/test_power.c (power_nps).
"""
import numpy as np
from scipy.stats import multinomial, norm


def v(p, d):
    return p + d - (p - d) ** 2


def normal_power(p1, d1, p2, d2, n, alpha=0.05, strict=False):
    se = np.sqrt((v(p1, d1) + v(p2, d2)) / n)
    e = abs((p2 - d2) - (p1 - d1)) / se
    z = norm.ppf(1 - alpha / 2)
    return norm.cdf(e - z) + (norm.cdf(-e - z) if strict else 0.0)


def normal_n(p1, d1, p2, d2, power, alpha=0.05):
    z = norm.ppf(1 - alpha / 2) + norm.ppf(power)
    return z * z * (v(p1, d1) + v(p2, d2)) / ((p2 - d2) - (p1 - d1)) ** 2


def outcomes(p, d, n, cut=1e-16):
    """(nps_hat, var_hat / n, probability) of every trinomial outcome."""
    det, pro = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    ok = det + pro <= n
    det, pro = det[ok], pro[ok]
    prob = multinomial.pmf(np.stack([pro, det, n - pro - det], axis=1), n, [p, d, 1 - p - d])
    keep = prob > cut
    det, pro, prob = det[keep], pro[keep], prob[keep]
    ph, dh = pro / n, det / n
    return ph - dh, (ph + dh - (ph - dh) ** 2) / n, prob


def exact_wald_power(p1, d1, p2, d2, n, alpha=0.05):
    z = norm.ppf(1 - alpha / 2)
    e1, w1, q1 = outcomes(p1, d1, n)
    e2, w2, q2 = outcomes(p2, d2, n)
    total = 0.0
    for lo in range(0, len(e1), 2000):  # rows in chunks: bounded memory
        diff = e2[None, :] - e1[lo:lo + 2000, None]
        var = w2[None, :] + w1[lo:lo + 2000, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            reject = np.where(var > 0, np.abs(diff) >= z * np.sqrt(var), diff != 0)
        total += float(q1[lo:lo + 2000] @ (reject @ q2))
    return total, 1.0 - q1.sum() * q2.sum()


CASES = [  # (p1, d1, p2, d2, n)
    (0.60, 0.26, 0.68, 0.16, 50),    # issue 15's study: 34 -> 52 points
    (0.60, 0.26, 0.68, 0.16, 319),   # its sample size, ceil(318.32)
    (0.40, 0.20, 0.50, 0.15, 100),   # tests/test_power.c
    (0.40, 0.20, 0.50, 0.15, 380),   # its sample size, ceil(379.36)
]

if __name__ == "__main__":
    print("n for 80%% power, 34 -> 52: %.6f" % normal_n(0.60, 0.26, 0.68, 0.16, 0.8))
    print("n for 80%% power, 20 -> 35: %.6f" % normal_n(0.40, 0.20, 0.50, 0.15, 0.8))
    for p1, d1, p2, d2, n in CASES:
        ex, lost = exact_wald_power(p1, d1, p2, d2, n)
        print("(%.2f, %.2f) -> (%.2f, %.2f), n = %d per wave: normal %.6f, strict %.6f, "
              "exact Wald %.6f (mass dropped %.1e)"
              % (p1, d1, p2, d2, n, normal_power(p1, d1, p2, d2, n),
                 normal_power(p1, d1, p2, d2, n, strict=True), ex, lost))
