"""The exact sample sizes of the planning benchmarks (issue 16,
tests/bench/power/bench_planning.c, docs/performance.md) against an
independent brute-force power: every 2x2 table enumerated with numpy/scipy
(binomial pmfs; per margin the hypergeometric pmf from log-gamma and the
two-sided rule of R's fisher.test, relative tolerance 1e-7), no code
shared with the library. The library's n1 must reach the target power and
the sizes just below it must not; the powers agree to 1e-10.

Below: Boschloo's and Barnard's exact power and exact sample size against
a brute force of the exact unconditional test (issue 16)."""
import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from scipy.special import gammaln
from scipy.stats import barnard_exact, binom, boschloo_exact

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


# ---- Boschloo and Barnard (issue 16): the exact power and the exact n ------
#
# An independent brute force written from the definitions in
# docs/methods/exact2x2.md, sharing no code with the library: every table's
# statistic (Barnard: the pooled z; Boschloo: Fisher's conditional p-value,
# one-sided or two-sided as R's fisher.test), "at least as extreme" with the
# relative tolerance 1e-7, each table's exact unconditional p-value as the
# maximum over the common proportion pi of the probability of the tables at
# least as extreme (a 1,001-point arcsine grid in pi, then scipy's bounded
# Brent minimiser to 1e-14 around every grid peak within half of the best),
# the rejection region {p <= alpha}, and the power as the sum of the binomial
# probabilities of its tables. The region's size and the size of the next
# larger region must both stay more than 1e-9 from alpha (no borderline
# decision), so the comparison to 1e-9 cannot pass or fail by rounding.

REL_TOL = 1e-7  # R's fisher.test tie rule, the library's FGROI__REL_TOL
ALPHA = 0.05


def extremeness(n1, n2, method, alternative):
    """x1, x2 and the extremeness of every table (larger: more extreme)."""
    x1, x2 = np.meshgrid(np.arange(n1 + 1), np.arange(n2 + 1), indexing="ij")
    if method == "barnard":
        pbar = (x1 + x2) / (n1 + n2)
        v = pbar * (1.0 - pbar) * (1.0 / n1 + 1.0 / n2)
        diff = (x1 * n2 - x2 * n1) / (n1 * n2)
        z = np.where(v > 0.0, diff / np.sqrt(np.where(v > 0.0, v, 1.0)), 0.0)
        e = {"two_sided": np.abs(z), "greater": z, "less": -z}[alternative]
    else:  # Boschloo: Fisher's p-value given the margin s = x1 + x2
        lf = gammaln(np.arange(n1 + n2 + 2) + 1.0)
        p = np.empty((n1 + 1, n2 + 1))
        for s in range(n1 + n2 + 1):
            x = np.arange(max(0, s - n2), min(s, n1) + 1)
            ld = lf[n1] - lf[x] - lf[n1 - x] + lf[n2] - lf[s - x] - lf[n2 - s + x]
            d = np.exp(ld - ld.max())
            d /= d.sum()
            if alternative == "greater":
                pv = np.cumsum(d[::-1])[::-1]
            elif alternative == "less":
                pv = np.cumsum(d)
            else:
                o = np.sort(d)
                k = np.searchsorted(o, d * (1.0 + REL_TOL), side="right")
                pv = np.cumsum(o)[k - 1]
            p[x, s - x] = pv
        e = -p
    return x1.ravel(), x2.ravel(), e.ravel()


class Region:
    """The exact unconditional test of one design, by brute force."""

    def __init__(self, n1, n2, method, alternative, grid=1001):
        self.n1, self.n2 = n1, n2
        x1, x2, e = extremeness(n1, n2, method, alternative)
        order = np.argsort(-e, kind="stable")
        self.x1, self.x2 = x1, x2
        self.x1s, self.x2s, es = x1[order], x2[order], e[order]
        # the tables at least as extreme as each table: a prefix of the order
        self.prefix = np.searchsorted(-es, -(e - REL_TOL * np.abs(e)), side="right")
        self.pis = np.sin(np.linspace(0.0, np.pi / 2.0, grid)) ** 2
        b1 = binom.pmf(np.arange(n1 + 1)[:, None], n1, self.pis[None, :])
        b2 = binom.pmf(np.arange(n2 + 1)[:, None], n2, self.pis[None, :])
        self.cum = np.cumsum(b1[self.x1s] * b2[self.x2s], axis=0)
        self.sizes = {}

    def size(self, length):
        """max over pi of the probability of the first `length` tables."""
        if length not in self.sizes:
            row, g = self.cum[length - 1], len(self.pis)
            a1, a2 = self.x1s[:length], self.x2s[:length]

            def neg(pi):
                return -float(np.sum(binom.pmf(a1, self.n1, pi) * binom.pmf(a2, self.n2, pi)))

            best = row.max()
            left, right = np.r_[-1.0, row[:-1]], np.r_[row[1:], -1.0]
            # local maxima (a constant stretch, e.g. the size 1 of all the
            # tables, is no peak: the grid holds its value)
            peak = (row >= left) & (row >= right) & ((row > left) | (row > right))
            peak &= row >= 0.5 * best
            for k in np.flatnonzero(peak):
                a, b = self.pis[max(k - 1, 0)], self.pis[min(k + 1, g - 1)]
                if b > a:
                    r = minimize_scalar(neg, bounds=(a, b), method="bounded",
                                        options={"xatol": 1e-14})
                    best = max(best, -r.fun)
            self.sizes[length] = best
        return self.sizes[length]

    def p_value(self, x1, x2):
        return self.size(int(self.prefix[x1 * (self.n2 + 1) + x2]))

    def rejection(self, alpha=ALPHA):
        """The region {p <= alpha} (p is non-decreasing along the order) and
        the sizes of the region and of the next larger one."""
        lengths = np.unique(self.prefix)
        lo, hi = -1, len(lengths)  # lengths[lo] rejects, lengths[hi] does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.size(int(lengths[mid])) <= alpha:
                lo = mid
            else:
                hi = mid
        inside = self.size(int(lengths[lo])) if lo >= 0 else 0.0
        outside = self.size(int(lengths[hi])) if hi < len(lengths) else 1.0
        rej = self.prefix <= (lengths[lo] if lo >= 0 else 0)
        return self.x1[rej], self.x2[rej], inside, outside

    def power(self, p1, p2, alpha=ALPHA):
        r1, r2, inside, outside = self.rejection(alpha)
        assert inside < alpha - 1e-9 and outside > alpha + 1e-9  # not borderline
        return float(np.sum(binom.pmf(r1, self.n1, p1) * binom.pmf(r2, self.n2, p2)))


def lib_options(alternative):
    return {"alpha": ALPHA, "alternative": capi.alternative_code(alternative)}


def test_brute_force_p_values_against_scipy():
    """The brute force's one-sided p-values agree with scipy 1.10's
    boschloo_exact / barnard_exact on 7 vs 9 (unbalanced: no tied z) for the
    tables next to the region's edge."""
    for method, fn in (("boschloo", boschloo_exact), ("barnard", barnard_exact)):
        g = Region(7, 9, method, "greater")
        r1, r2, _, _ = g.rejection()
        edge = sorted(zip(r1, r2), key=lambda t: -g.p_value(*t))[:2]
        for x1, x2 in edge + [(x1 + 1, x2) for x1, x2 in edge if x1 > 0] + [(4, 2)]:
            x1, x2 = int(x1), int(x2)
            ref = fn([[x1, x2], [7 - x1, 9 - x2]], alternative="greater", n=400).pvalue
            assert abs(g.p_value(x1, x2) - ref) <= 1e-6 * ref, (method, x1, x2)


# (n1, n2) per arm; the unbalanced design also one-sided the other way
DESIGNS = [(n1, n2, m, alt) for n1, n2 in [(10, 10), (25, 25), (40, 40), (60, 60), (20, 45)]
           for m in ("boschloo", "barnard") for alt in ("two_sided", "greater")]
DESIGNS += [(20, 45, m, "less") for m in ("boschloo", "barnard")]


@pytest.mark.parametrize("n1,n2,method,alternative", DESIGNS,
                         ids=["%s-%s-%d-%d" % (d[2], d[3], d[0], d[1]) for d in DESIGNS])
def test_exact_power_against_brute_force(n1, n2, method, alternative):
    p1, p2 = (0.25, 0.55) if alternative == "less" else (0.55, 0.25)
    want = Region(n1, n2, method, alternative).power(p1, p2)
    got = capi.power_prop2_exact(p1, p2, n1, n2, method, lib_options(alternative))
    assert abs(got - want) <= 1e-9 * want


# (p1, p2, method, alternative, target): at 0.3 vs 0.75 Barnard's power
# dips from n = 23 to 24 (saw-tooth), so n1 = 23 and n1_stable = 25
SCANS = [(0.2, 0.7, "boschloo", "two_sided", 0.8),
         (0.3, 0.75, "barnard", "two_sided", 0.875),
         (0.7, 0.3, "boschloo", "greater", 0.9)]


@pytest.mark.parametrize("p1,p2,method,alternative,target", SCANS,
                         ids=["%s-%s-%.2f-%.2f" % (s[2], s[3], s[0], s[1]) for s in SCANS])
def test_exact_n_against_a_scan_from_one(p1, p2, method, alternative, target):
    r = capi.power_prop2_exact_n(p1, p2, target, method, lib_options(alternative))
    window = 3  # max(3, n / 16) below n = 64 (docs/methods/power.md)
    pw = {n: Region(n, n, method, alternative).power(p1, p2)
          for n in range(1, r.n1_stable + window + 1)}
    first = min(n for n in pw if pw[n] >= target)
    stable = min(n for n in pw if n >= first and n + window in pw
                 and all(pw[m] >= target for m in range(n, n + window + 1)))
    assert (r.n1, r.n2, r.n1_stable) == (first, first, stable)
    assert abs(r.power - pw[first]) <= 1e-9 * pw[first]
    assert abs(r.power_stable - pw[stable]) <= 1e-9 * pw[stable]
