#!/usr/bin/python3
# Reference values for tests/test_prop.c score_limits_at_large_counts_fuzz_finding_31:
# usage: prop_or_score_ref.py x1 n1 x2 n2 conf mn|score
# Independent MN / score odds-ratio interval in 60-digit arithmetic (mpmath):
# restricted p2 from the quadratic of Miettinen & Nurminen (1985).
import sys, mpmath as mp
mp.mp.dps = 60
def score(x1,n1,x2,n2,theta,factor):
    psi = mp.e**theta; s = x1+x2
    qa = n2*(psi-1); qb = n1*psi + n2 - s*(psi-1); qc = -s
    if qa == 0: p2 = -qc/qb
    else:
        d = mp.sqrt(qb*qb - 4*qa*qc)
        p2 = (-qb + d)/(2*qa)
        if not (0 <= p2 <= 1): p2 = (-qb - d)/(2*qa)
    p1 = psi*p2/(1+p2*(psi-1))
    u = (x1-n1*p1)**2/(n1*p1*(1-p1)) + (x2-n2*p2)**2/(n2*p2*(1-p2))
    u *= factor
    r = x1 - n1*p1
    return mp.sqrt(u) if r > 0 else -mp.sqrt(u)
def limit(x1,n1,x2,n2,z,factor):
    f = lambda th: score(x1,n1,x2,n2,th,factor) - z
    a, b = mp.mpf(-40), mp.mpf(40)   # f decreasing: f(a) > 0 > f(b)
    for _ in range(260):
        m = (a+b)/2
        if f(m) > 0: a = m
        else: b = m
    return mp.e**((a+b)/2)
x1,n1,x2,n2 = map(int, sys.argv[1:5]); conf = mp.mpf(sys.argv[5]); mn = sys.argv[6] == 'mn'
N = mp.mpf(n1+n2); fac = (N-1)/N if mn else 1
z = mp.sqrt(2)*mp.erfinv(conf)  # two-sided quantile
lo = limit(x1,n1,x2,n2,z,fac); hi = limit(x1,n1,x2,n2,-z,fac)
print(mp.nstr(lo, 17), mp.nstr(hi, 17))
