"""The exact sample sizes of the planning benchmarks (issue 16,
tests/bench/power/bench_planning.c, docs/performance.md) against an
independent brute-force power: every 2x2 table enumerated with numpy/scipy
(binomial pmfs; per margin the hypergeometric pmf from log-gamma and the
two-sided rule of R's fisher.test, relative tolerance 1e-7), no code
shared with the library. The library's n1 must reach the target power and
the sizes just below it must not; the powers agree to 1e-10."""
import numpy as np
import pytest
from scipy.special import gammaln
from scipy.stats import binom

from fgroi import capi


def fisher_power(n1, n2, p1, p2, alpha=0.05):
    with np.errstate(divide="ignore", under="ignore"):  # far tails underflow to 0
        b1 = binom.pmf(np.arange(n1 + 1), n1, p1)
        b2 = binom.pmf(np.arange(n2 + 1), n2, p2)
    lf = gammaln(np.arange(n1 + n2 + 2) + 1.0)
    lc1 = lf[n1] - lf[:n1 + 1] - lf[n1::-1]
    lc2 = lf[n2] - lf[:n2 + 1] - lf[n2::-1]
    pw = 0.0
    for s in range(n1 + n2 + 1):
        x = np.arange(max(0, s - n2), min(s, n1) + 1)
        ld = lc1[x] + lc2[s - x]
        d = np.exp(ld - ld.max())
        d /= d.sum()
        o = np.sort(d)
        cs = np.cumsum(o)
        k = np.searchsorted(o, d * (1 + 1e-7), side="right")
        p = np.where(k > 0, cs[np.maximum(k, 1) - 1], 0.0)
        rej = x[p <= alpha]
        if rej.size:
            pw += float(np.sum(b1[rej] * b2[s - rej]))
    return pw


# (p1, p2, the library's n1 per arm as docs/performance.md records it)
CASES = [(0.50, 0.55, 1606), (0.50, 0.45, 1606), (0.50, 0.53, 4398)]


@pytest.mark.parametrize("p1,p2,n", CASES, ids=["%.2f-%.2f" % c[:2] for c in CASES])
def test_fisher_sample_size_against_brute_force(p1, p2, n):
    r = capi.power_prop2_exact_n(p1, p2, 0.8, "fisher")
    assert r.n1 == n and r.n2 == n
    at = fisher_power(n, n, p1, p2)
    below = fisher_power(n - 1, n - 1, p1, p2)
    assert at >= 0.8 > below
    assert abs(r.power - at) <= 1e-10 * at
    assert abs(capi.power_prop2_exact(p1, p2, n - 1, n - 1, "fisher") - below) <= 1e-10 * below
