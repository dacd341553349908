"""Every public function is called by a libFuzzer harness (issue #14).

    /usr/bin/python3 tests/fuzz/check_coverage.py docs/api.json tests/fuzz

Reads the public declarations from docs/api.json (generated from the
headers) and the harnesses tests/fuzz/fuzz_*.c, and fails naming:
- a function no harness calls (`name(` in a harness's code);
- a function taking a `const fgroi_control *` whose harness does not
  decode a control for it (fz_ctl_prep in the same harness, and the call
  passes FZC, the decoded control of FZ_CTL_RUN);
- an options struct with a `control` field whose harness never sets it
  (`.control =`, `->control =` or a helper doing so).
Runs in every build (suite c): a new entry point without a harness call
fails the suite, not only the fuzz build. TAP output."""
import json
import pathlib
import re
import sys


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    return re.sub(r"//[^\n]*", " ", src)


def main(argv):
    api = json.loads(pathlib.Path(argv[0]).read_text())
    fuzz_dir = pathlib.Path(argv[1])
    harnesses = {p.name: strip_comments(p.read_text()) for p in sorted(fuzz_dir.glob("fuzz_*.c"))}
    if not harnesses:
        print("1..1\nnot ok 1 - no harness found in %s" % fuzz_dir)
        return 1
    structs = api["structs"]
    ctl_structs = {name for name, s in structs.items()
                   if any(f["name"] == "control" for f in s["fields"])}
    checks = []
    for fn in api["functions"]:
        name = fn["name"]
        callers = [h for h, src in harnesses.items() if re.search(r"\b%s\s*\(" % re.escape(name), src)]
        checks.append(("%s called by a harness" % name, bool(callers),
                       "no harness calls it" if not callers else ", ".join(callers)))
        takes_ctl = any(p["type"].replace(" ", "") == "constfgroi_control*" for p in fn["params"])
        if takes_ctl:
            ok = any("fz_ctl_prep" in harnesses[h]
                     and re.search(r"\b%s\s*\([^;]*(\bFZC\b|fz_ctl_go\()" % re.escape(name), harnesses[h], re.S)
                     for h in callers)
            checks.append(("%s called with a decoded control" % name, ok,
                           "" if ok else "no FZ_CTL_RUN call passing FZC"))
        opt_types = {p["type"].replace("const", "").replace("*", "").strip() for p in fn["params"]}
        for st in sorted(opt_types & ctl_structs):
            ok = any(re.search(r"(\.|->)control\s*=", harnesses[h]) and "fz_ctl_prep" in harnesses[h]
                     for h in callers)
            checks.append(("%s: %s.control set from a decoded control" % (name, st), ok,
                           "" if ok else "no harness sets the options' control"))
    print("1..%d" % len(checks))
    failed = 0
    for i, (what, ok, note) in enumerate(checks, 1):
        print("%s %d - %s%s" % ("ok" if ok else "not ok", i, what, " # " + note if note and not ok else ""))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
