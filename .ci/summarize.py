"""Print 'N passed, N failed' from Meson test logs (testlog.json).

A TAP test counts each of its 'ok' / 'not ok' lines; a pytest run counts
its 'N passed, N failed' summary and a testthat run its
'[ FAIL n | WARN n | SKIP n | PASS n ]' line; any other test counts once.
Skipped tests count as failures (nothing may be skipped silently). Exit
status 1 when anything failed or nothing ran."""
import json
import re
import sys

passed = failed = 0
for build in sys.argv[1:]:
    try:
        lines = open(f"{build}/meson-logs/testlog.json").read().splitlines()
    except OSError:
        print(f"summarize: no test log in {build}")
        failed += 1
        continue
    for line in lines:
        t = json.loads(line)
        result = t.get("result")
        out = t.get("stdout") or ""
        # TAP result lines, numbered or not (Criterion writes "ok - name");
        # a skipped subtest counts as a failure
        oks = len(re.findall(r"^ok\b(?!.*# ?SKIP)", out, re.M | re.I))
        noks = len(re.findall(r"^not ok\b", out, re.M)) + len(re.findall(r"^ok\b.*# ?SKIP", out, re.M | re.I))
        if oks + noks and result in ("OK", "FAIL", "ERROR"):
            passed += oks
            failed += noks
            if result != "OK" and noks == 0:
                failed += 1
        elif result in ("OK", "FAIL") and re.search(r"^=*\s*\d+ (passed|failed)", out, re.M):
            last = re.findall(r"^=*\s*(\d+ (?:passed|failed).*)$", out, re.M)[-1]
            counts = {k: int(v) for v, k in re.findall(r"(\d+) (passed|failed|errors?)", last)}
            passed += counts.get("passed", 0)
            bad = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
            failed += bad + (result != "OK" and bad == 0)
        elif result in ("OK", "FAIL") and "[ FAIL" in out:
            m = re.findall(r"\[ FAIL (\d+) \| WARN \d+ \| SKIP (\d+) \| PASS (\d+) \]", out)[-1]
            passed += int(m[2])
            failed += int(m[0]) + int(m[1]) + (result != "OK" and m[0] == "0")
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            failed += 1  # nothing may be skipped silently
            print(f"summarize: {t.get('name')} was skipped")
        else:
            failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
