"""Print 'N passed, N failed' from Meson test logs (testlog.json).

A TAP test counts each of its 'ok' / 'not ok' lines; any other test counts
once. Exit status 1 when anything failed or nothing ran."""
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
        oks = len(re.findall(r"^ok \d+", out, re.M))
        noks = len(re.findall(r"^not ok \d+", out, re.M))
        if oks + noks and result in ("OK", "FAIL", "ERROR"):
            passed += oks
            failed += noks
            if result != "OK" and noks == 0:
                failed += 1
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            failed += 1  # nothing may be skipped silently
            print(f"summarize: {t.get('name')} was skipped")
        else:
            failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
