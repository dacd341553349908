"""Generate docs/api.md from the public headers' doc comments.

    /usr/bin/python3 docs/gen_api.py > docs/api.md     # regenerate
    /usr/bin/python3 docs/gen_api.py --check            # fail if api.md is stale

The header comments are the reference; this page lists every public type and
function by domain with its summary line, so a reader can find things fast."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ORDER = ["common.h", "method.h", "prop.h", "paired.h", "match.h", "nps.h", "exact2x2.h",
         "means.h", "survival.h", "prepost.h", "multiplicity.h", "power.h", "roi.h", "pool.h"]

DECL = re.compile(r"/\*\*(?P<doc>(?:(?!\*/).)*)\*/\s*(?P<decl>[^;{]*?(?:\{|;))", re.S)


def summary(doc):
    text = re.sub(r"^[ \t]*\*[ \t]?", "", doc.strip(), flags=re.M)
    text = text.split("@")[0].strip()
    first = re.split(r"(?<!e\.g\.)(?<!i\.e\.)(?<=\.)\s+(?=[A-Z(])", text, maxsplit=1)[0]
    return " ".join(first.split())


def entries(path):
    src = path.read_text()
    file_doc = re.search(r"/\*\*\s*@file[^\n]*\n(.*?)\*/", src, re.S)
    intro = ""
    if file_doc:
        body = re.sub(r"^[ \t]*\*[ \t]?", "", file_doc.group(1), flags=re.M)
        intro = " ".join(re.split(r"\n\s*\n", body.strip())[0].split())
    out = []
    for m in DECL.finditer(src):
        decl = " ".join(m.group("decl").split())
        doc = m.group("doc")
        if "@file" in doc:
            continue
        fn = re.search(r"FGROI_API .*?\b(fgroi_\w+)\s*\(", decl)
        ty = re.match(r"typedef (?:struct|enum) (fgroi_\w+)", decl)
        if fn:
            out.append(("function", fn.group(1), summary(doc)))
        elif ty:
            out.append(("type", ty.group(1), summary(doc)))
    return intro, out


def render():
    lines = ["# The C API by domain", "",
             "Generated from the public headers by `docs/gen_api.py` (a test checks it is current). "
             "The header comments are the reference: parameters, statuses returned, the method's "
             "citation and the version each declaration appeared in. The same comments build the "
             "Doxygen reference (`-Ddocs=enabled`). Conventions: [api-conventions.md](api-conventions.md).", ""]
    headers = sorted((ROOT / "include" / "fgroi").glob("*.h"),
                     key=lambda p: ORDER.index(p.name) if p.name in ORDER else 99)
    for h in headers:
        if h.name == "fgroi.h":
            continue
        intro, items = entries(h)
        if not items:
            continue
        lines += [f"## `<fgroi/{h.name}>`", ""]
        if intro:
            lines += [intro, ""]
        for kind, name, text in items:
            lines.append(f"- `{name}`{' (type)' if kind == 'type' else ''}: {text}")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        current = (ROOT / "docs" / "api.md").read_text() if (ROOT / "docs" / "api.md").exists() else ""
        if current != text:
            print("docs/api.md is stale: run /usr/bin/python3 docs/gen_api.py > docs/api.md")
            sys.exit(1)
        print("docs/api.md is current")
    else:
        sys.stdout.write(text)
