#!/usr/bin/python3
"""Write hand-encoded reproducers of defects listed in issue #14 into
tests/fuzz/findings/<harness>/known-<name> (the byte layouts follow the
decoders of fuzz_common.h and each harness). Run with the known-defect
skips off, each one fails on a tree without the fixes:

    FGROI_FUZZ_TRACE=1 build-fuzz/tests/fuzz/fuzz_exact2x2 tests/fuzz/findings/exact2x2/known-diff-ci-2p62
"""
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))
OUT = 5          # fz_out_prep: non-NULL, exact struct_size
CONF95 = 18      # fz_conf -> 0.95
DEFAULT = 0      # fz_method -> FGROI_METHOD_DEFAULT


def raw(v):      # fz_count selector 8: any int64 (big-endian bytes)
    return bytes([8]) + struct.pack('>q', v)


def small(v):    # fz_count: 0..141
    return bytes([18 + v])


def dbl(v):      # fz_double selector 15: raw bits
    return bytes([15]) + struct.pack('>d', v)


P62 = 1 << 62
cases = {
    ('exact2x2', 'diff-ci-2p62'):  # heap overflow: n1 + n2 overflows
        bytes([4]) + small(0) + raw(P62) + small(0) + raw(P62) + bytes([CONF95, 0, 16, 0, OUT]),
    ('exact2x2', 'diff-test-2p62'):
        bytes([3]) + small(0) + raw(P62) + small(0) + raw(P62) + bytes([1, 10, 16, 0, 0, OUT, OUT, 1]),
    ('exact2x2', 'odds-ratio-ci-2p62'):  # FGROI_OK with a garbage interval
        bytes([5]) + small(1) + raw(P62) + small(1) + raw(P62) + bytes([CONF95, 0, 16, OUT]),
    ('prop', 'prop-test-2p53-livelock'):  # prop_test(2^53/3, 2^53, 0.5, exact)
        bytes([4]) + raw((1 << 53) // 3) + raw(1 << 53) + bytes([10, 16, 0, OUT]),
    ('prop', 'tally-merge-corrupt-dst'):  # merge into {7 successes, 3 trials} says OK
        bytes([2, OUT, 1]) + small(7) + small(3) + bytes([1]) + small(0) + small(0) + bytes([1]),
    ('nps', 'paired-test-sign-flip-1e9'):  # O(switchers), no limit
        bytes([14, 0]) + bytes([0, 5, 0, 3]) + bytes([220]) + raw(10**9) + bytes([0, 4] * 6) + bytes([16, 0, OUT]),
    ('nps', 'segments-compare-pairs-needed'):  # *pairs_needed written on error
        bytes([16, 18]) + bytes([1]) + small(2) * 5 + bytes([16, 16, 0, OUT, OUT, OUT, OUT, OUT, 0]),
    ('nps', 'ci-adjusted-wald-one-sided-conf-0.05'):  # [101.61, 100]
        bytes([7]) + small(0) + small(0) + small(10) + bytes([21, 7, 2, 0, OUT]),
    ('means', 't-one-1e200'):  # ZERO_VARIANCE for data that vary
        bytes([0, 19]) + dbl(1e200) + dbl(2e200) + dbl(3e200) + bytes([16, 1, CONF95, 0, OUT, OUT, 200]),
}
for (h, name), data in cases.items():
    d = os.path.join(here, 'findings', h)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'known-' + name), 'wb') as f:
        f.write(data)
    print(f'findings/{h}/known-{name}')
