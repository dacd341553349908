"""Check every public declaration (docs/api.json, generated from the
headers by docs/gen_api.py) against the signature grammar of
docs/api-conventions.md ("Arguments: the signature grammar").

    /usr/bin/python3 tests/check_grammar.py [docs/api.json]

Prints one line per violation and exits 1 when there is any that is not in
KNOWN. KNOWN lists the declarations that predate the grammar, each with the
change that brings it in line (issue 15); an entry that no longer fires is
itself an error, so the list only shrinks."""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOMAIN = {"survival.h": "surv"}
COMMON = re.compile(r"^fgroi_(strerror|status_\w+|alternative_\w+|method_\w+|version\w*)$")
RESERVED = {"self", "function", "class", "in", "is", "if", "else", "for", "while", "repeat",
            "next", "break", "lambda", "def", "return", "import", "from", "not", "and", "or",
            "new", "delete", "this", "template", "typename", "operator", "private", "public",
            "TRUE", "FALSE", "NULL", "NA", "Inf", "NaN", "None", "True", "False", "pass", "with",
            "global", "yield", "del", "try", "except", "raise", "assert", "async", "await"}
DRAWS = {"draws", "replicates", "n_boot", "boot", "B", "n_sim", "nsim", "iterations"}
RANK = {"inputs": 0, "method": 1, "conf_level": 2, "alternative": 3, "resampling": 4,
        "options": 5, "control": 6, "outputs": 7}

# name -> (rule, the change that fixes it)
KNOWN = {}


def rank(p):
    r, n = p["role"], p["name"]
    if n in ("seed", "resamples") or n in DRAWS:
        return RANK["resampling"]
    if "fgroi_control" in p["type"]:
        return RANK["control"]
    if r in ("method", "conf_level", "alternative", "options"):
        return RANK[r]
    if r in ("out", "needed", "capacity", "fixed_out"):
        return RANK["outputs"]
    return RANK["inputs"]


def check(api):
    found = []
    for f in api["functions"]:
        name, ps = f["name"], f["params"]
        dom = DOMAIN.get(f["header"], f["header"][:-2])
        if f["header"] in ("common.h", "method.h"):
            if not COMMON.match(name):
                found.append((name, "name", "not a common.h name"))
        elif not name.startswith("fgroi_%s_" % dom):
            found.append((name, "name", "want fgroi_%s_<what>" % dom))
        # the object of a tally call (its first, in-out argument) leads
        body = ps[1:] if ps and ps[0]["role"] == "inout" else ps
        ranks = [rank(p) for p in body]
        for i in range(1, len(ranks)):
            if ranks[i] < ranks[i - 1]:
                found.append((name, "order", "%s after %s" % (body[i]["name"], body[i - 1]["name"])))
                break
        for p in ps:
            if p["name"] in RESERVED:
                found.append((name, "reserved", "parameter %r" % p["name"]))
            if p["name"] == "control" and "fgroi_control" not in p["type"]:
                found.append((name, "control", "`control` names the per-call fgroi_control only"))
            if p["name"] in DRAWS:
                found.append((name, "draws", "parameter %r: the draws are `resamples`" % p["name"]))
            if p["role"] == "method" and p["type"] == "fgroi_method" and \
                    not (p["name"] == "method" or p["name"].endswith("_method")):
                found.append((name, "method_name", "fgroi_method parameter %r" % p["name"]))
            if p["name"] == "conf_level" and p["type"] != "double":
                found.append((name, "conf_level", "conf_level is %s" % p["type"]))
            if p["type"] == "fgroi_alternative" and p["name"] != "alternative":
                found.append((name, "alternative", "parameter %r" % p["name"]))
        if name.endswith("_options_default"):
            if f["return"] != "fgroi_status" or len(ps) != 1 or not ps[0]["type"].endswith("*"):
                found.append((name, "options_default", "returns %s; write through a pointer" % f["return"]))
        elif f["return"] not in ("fgroi_status", "const char *", "int"):
            found.append((name, "return", "returns %s" % f["return"]))
    for sname, s in api["structs"].items():
        for fl in s["fields"]:
            if fl["name"] in DRAWS:
                found.append((sname, "draws", "field %r: the draws are `resamples`" % fl["name"]))
    return found


def main(argv):
    path = pathlib.Path(argv[0]) if argv else ROOT / "docs" / "api.json"
    api = json.loads(path.read_text())
    found = check(api)
    bad = 0
    keys = set()
    for name, rule, why in found:
        keys.add((name, rule))
        if (name, rule) in KNOWN:
            print("known  %s: %s (%s; to do: %s)" % (name, rule, why, KNOWN[(name, rule)]))
        else:
            print("FAIL   %s: %s (%s)" % (name, rule, why))
            bad += 1
    for k in sorted(set(KNOWN) - keys):
        print("FAIL   %s: %s is listed in KNOWN but holds now: remove it" % k)
        bad += 1
    n = len(api["functions"])
    print("%d declarations checked, %d known exceptions, %d failures" % (n, len(keys & set(KNOWN)), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
