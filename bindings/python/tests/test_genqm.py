"""metafor's GENQM and the generalised Q-profile interval (issue 17), against an
independent computation: Imhof's (1961) integral evaluated by mpmath at 20
digits (quadosc), the eigenvalues of S P S by mpmath's eigsy, and each root by
mpmath.findroot (secant). libfgroi evaluates the distribution by Ruben's (1962)
series, or its own Gauss-Kronrod Imhof quadrature when the eigenvalues are far
apart, from secular-equation eigenvalues: no code is shared.

P(Q_a > q) = 1/2 + (1/pi) int_0^inf sin(theta(u)) / (u rho(u)) du with
theta(u) = sum_j arctan(lambda_j u) / 2 - q u / 2 and rho(u) = prod_j (1 +
lambda_j^2 u^2)^(1/4), where Q_a = y'Py, P = A - a a'/sum a, is distributed as
sum lambda_j chi^2_1 over the non-zero eigenvalues of S P S, S = diag(sqrt(v +
tau^2)) (Jackson 2013).
"""
import math

import mpmath as mp
import pytest
from scipy import stats as sps

from fgroi import capi

from conftest import BCG_VI, BCG_YI

DPS = 20


def imhof_upper(q, lam):
    """P(sum lam_j chi^2_1 > q) by Imhof's integral (mpmath, DPS digits)."""
    with mp.workdps(DPS):
        q = mp.mpf(q)
        lam = [mp.mpf(x) for x in lam]

        def f(u):
            if u == 0:
                return (mp.fsum(lam) - q) / 2
            th = mp.fsum(mp.atan(x * u) for x in lam) / 2 - q * u / 2
            return mp.sin(th) * mp.exp(-mp.fsum(mp.log1p((x * u) ** 2) for x in lam) / 4) / u

        # the first half period of q u / 2 piecewise at the scales 1 / lambda_j (a large
        # lambda makes a sharp feature near 0 that one quadosc call misses: 1.5e-10 on the
        # "disparate weights" set), then quadosc for the rest
        u0 = 2 * mp.pi / q
        pts = sorted(set([mp.mpf(0), u0] + [c / x for x in lam for c in (0.25, 0.5, 1, 2, 4, 8)
                                            if c / x < u0]))
        head = mp.fsum(mp.quad(f, [pts[i], pts[i + 1]]) for i in range(len(pts) - 1))
        return mp.mpf(1) / 2 + (head + mp.quadosc(f, [u0, mp.inf], omega=q / 2)) / mp.pi


def eigenvalues(a, v, tau2):
    """The k - 1 non-zero eigenvalues of S P S (mpmath eigsy of the full matrix)."""
    with mp.workdps(DPS + 10):
        k = len(a)
        a = [mp.mpf(x) for x in a]
        s = mp.fsum(a)
        d = [mp.sqrt(mp.mpf(x) + tau2) for x in v]
        m = mp.matrix(k, k)
        for i in range(k):
            for j in range(k):
                m[i, j] = d[i] * ((a[i] if i == j else 0) - a[i] * a[j] / s) * d[j]
        ev = sorted(mp.eigsy(m, eigvals_only=True), reverse=True)
        return ev[:k - 1]


def q_obs(y, a):
    with mp.workdps(DPS + 10):
        a = [mp.mpf(x) for x in a]
        y = [mp.mpf(x) for x in y]
        m = mp.fsum(x * z for x, z in zip(a, y)) / mp.fsum(a)
        return mp.fsum(x * (z - m) ** 2 for x, z in zip(a, y))


def prob(y, v, a, tau2):
    """P(Q_a(tau^2) > q_obs)."""
    return imhof_upper(q_obs(y, a), eigenvalues(a, v, mp.mpf(tau2)))


def solve(y, v, a, target, start):
    """The tau^2 with P(Q_a(tau^2) > q_obs) = target: findroot's secant from start."""
    with mp.workdps(DPS):
        x0 = mp.mpf(start)
        return mp.findroot(lambda t: prob(y, v, a, t) - target, (x0, x0 * (1 + mp.mpf("1e-7"))),
                           solver="secant", tol=mp.mpf("1e-30"), maxsteps=12, verify=False)


def fit(y, v, a, method, conf=0.95):
    _, _, st, _ = capi.pool_effects_weighted(y, v, a, method, conf, None)
    return st


SETS = {
    "bcg 1/v": (BCG_YI, BCG_VI, [1 / x for x in BCG_VI]),
    "bcg 1/sqrt(v)": (BCG_YI, BCG_VI, [1 / math.sqrt(x) for x in BCG_VI]),
    "k = 3": ([-0.3, 0.4, 0.1], [0.04, 0.09, 0.02], [50, 20, 80]),
    "tau2 = 0": ([0.1, 0.3, 0.2, 0.15], [0.02, 0.03, 0.025, 0.04], [1 / 0.02, 1 / 0.03, 1 / 0.025, 1 / 0.04]),
    # weights 10^4 apart: libfgroi takes Imhof's integral (its own quadrature) here
    "disparate weights": ([0.5, -0.2, 0.1, 0.9, 0.3, -0.6], [0.001, 0.01, 0.1, 0.5, 0.02, 0.3],
                          [10000, 1, 50, 2, 3000, 5]),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_genqm_and_genq_limits_match_an_mpmath_imhof_inversion(name):
    y, v, a = SETS[name]
    st = fit(y, v, a, "GENQM")
    alpha = 0.05
    for value, target in ((st.tau2, 0.5), (st.tau2_lower, alpha / 2), (st.tau2_upper, 1 - alpha / 2)):
        if value == 0:
            # 0: the probability at tau^2 = 0 is already past the target (metafor's convention)
            assert prob(y, v, a, 0) >= target - 1e-15, (name, target)
            continue
        ref = solve(y, v, a, target, value)
        assert abs(value - float(ref)) <= 1e-9 * float(ref), (name, target, value, ref)
    # GENQ fits report the same generalised Q-profile interval
    g = fit(y, v, a, "GENQ")
    assert (g.tau2_lower, g.tau2_upper) == (st.tau2_lower, st.tau2_upper)
    assert st.tau2_lower <= st.tau2 <= st.tau2_upper


def test_published_and_known_points():
    # GENQM on BCG with a = 1/v: mpmath Imhof at 25 digits 0.38280949648199730799, lower limit
    # 0.10105006945203712009 (metafor 3.8.1 with the R suite's CompQuadForm stand-in agrees)
    st = fit(BCG_YI, BCG_VI, SETS["bcg 1/v"][2], "genqm")
    assert st.tau2 == pytest.approx(0.38280949648199730799, rel=1e-12)
    assert st.tau2_lower == pytest.approx(0.10105006945203712009, rel=1e-12)
    # equal eigenvalues: lambda chi^2_{k-1}; the Imhof integral reproduces scipy's chi-square
    assert float(imhof_upper(7.0, [2.0] * 5)) == pytest.approx(sps.chi2.sf(3.5, 5), abs=1e-15)
