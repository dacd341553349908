"""The public C API as data, generated from the public headers.

    /usr/bin/python3 docs/gen_api.py             # regenerate every output below
    /usr/bin/python3 docs/gen_api.py --check     # fail if any output is stale
    /usr/bin/python3 docs/gen_api.py --json      # print the description

Reads include/fgroi/*.h (declarations and their /** */ doc comments) and
writes, all committed and checked current by the test `api_current`:

* docs/api.json      every public function (parameters with types, roles
                     and docs; statuses with the argument each one names and
                     its domain; summary, since, tier), enum and struct;
* docs/api.md        the C API by domain, rendered from the same data;
* tests/abi/fgroi.suppr  the abidiff suppressions: appended struct fields
                     and the functions marked @experimental (outside 1.0's
                     promise; tests/check_abi.sh);
* lib/status_detail.h  the (function, status) -> "argument: domain" table
                     behind fgroi_status_detail() (docs/api-conventions.md,
                     "Errors name the argument").

The outputs are committed so that a C-only build needs no Python. Only the
standard library is used. The header comments are the source: a status's
argument and domain come from a parenthesis after the status in @return
("FGROI_E_PROBABILITY (p0 outside [0, 1])"), else from the parameter roles
(the rule of each status is in default_args() and DEFAULT_DOMAIN below).
FGROI_E_METHOD lists every method argument with the codes its @param line
(or options field comment) names: method_detail()."""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if "--root" in sys.argv:     # another tree (tests/check_new_function.sh)
    ROOT = pathlib.Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
HDIR = ROOT / "include" / "fgroi"
ORDER = ["common.h", "method.h", "prop.h", "paired.h", "match.h", "nps.h", "exact2x2.h",
         "means.h", "survival.h", "prepost.h", "multiplicity.h", "power.h", "roi.h", "pool.h"]

DECL = re.compile(r"/\*\*(?P<doc>(?:(?!\*/).)*)\*/\s*(?P<decl>[^;{]*?(?:\{|;))", re.S)
FUNC = re.compile(r"FGROI_API\s+(?P<ret>.*?)\b(?P<name>fgroi_\w+)\s*\((?P<params>.*)\)\s*;", re.S)
ENUM = re.compile(r"typedef enum (\w+) \{(.*?)\} (\w+);", re.S)
STRUCT = re.compile(r"typedef struct (\w+) \{(.*?)\} (\w+);", re.S)
STATUS = re.compile(r"FGROI_(?:OK|E_[A-Z_]+)\b")
INTS = ("int64_t", "int32_t", "int", "int16_t", "int8_t", "uint8_t", "uint32_t", "uint64_t",
        "unsigned", "unsigned int", "long")


def clean_doc(doc):
    return re.sub(r"^[ \t]*\*[ \t]?", "", doc.strip(), flags=re.M).strip()


def summary(doc):
    text = re.sub(r"^[ \t]*\*[ \t]?", "", doc.strip(), flags=re.M)
    text = text.split("@")[0].strip()
    first = re.split(r"(?<!e\.g\.)(?<!i\.e\.)(?<=\.)\s+(?=[A-Z(])", text, maxsplit=1)[0]
    return " ".join(first.split())


def headers():
    return sorted(HDIR.glob("*.h"), key=lambda p: ORDER.index(p.name) if p.name in ORDER else 99)


def split_params(text):
    text = " ".join(text.split())
    if text in ("", "void"):
        return []
    out = []
    for raw in text.split(","):
        raw = raw.strip()
        m = re.match(r"(?P<type>.*?)\s*\b(?P<name>\w+)\s*(?P<dim>\[\s*\d*\s*\])?$", raw)
        ctype = m.group("type").replace(" *", "*").replace("*", " *").strip()
        ctype = re.sub(r"\s+", " ", ctype).replace("* *", "**")
        if m.group("dim"):
            ctype += " " + m.group("dim").replace(" ", "")
        out.append({"name": m.group("name"), "type": ctype})
    return out


def tag_blocks(doc):
    """@param / @return / @since blocks of a cleaned doc comment."""
    params, ret, since = {}, "", None
    for m in re.finditer(r"@param(?:\[(?P<dir>[a-z,]+)\])?\s+(?P<name>\w+)\s+(?P<text>.*?)(?=@param|@return|@since|\Z)",
                         doc, re.S):
        params[m.group("name")] = (" ".join(m.group("text").split()), m.group("dir"))
    m = re.search(r"@return\s+(.*?)(?=@param|@since\s+\d|@shape|@experimental|\Z)", doc, re.S)
    if m:
        ret = " ".join(m.group(1).split())
    m = re.search(r"@since\s+(\d+\.\d+)", doc)
    if m:
        since = m.group(1)
    return params, ret, since


SHAPE = re.compile(r"(\w+)\[(\w+)\](?:\[(\d+)\])?")


def parse_shapes(doc):
    """The @shape annotations of a doc comment: `name[len]` (an array whose
    length is the parameter len: an input length, or the capacity that
    bounds an output) and `name[len][cols]` (len rows of cols values).
    They state what the prototype cannot; both bindings read them."""
    out = {}
    for line in re.findall(r"@shape\s+([^@]*)", doc):
        for m in SHAPE.finditer(line):
            out[m.group(1)] = {"length": m.group(2)}
            if m.group(3):
                out[m.group(1)]["cols"] = int(m.group(3))
    return out


def parse_statuses(ret):
    """[(status, note or None)] from a @return text, and the function it
    refers to with 'as fgroi_x'."""
    ref = re.match(r"as (fgroi_\w+)", ret)
    out = []
    for m in STATUS.finditer(ret):
        note = None
        rest = ret[m.end():]
        if rest.startswith(" ("):
            depth, i = 0, 1
            for i, ch in enumerate(rest[1:], 1):
                depth += ch in "(["      # "[0, 1)" closes its own bracket
                depth -= ch in ")]"
                if depth == 0:
                    break
            note = rest[2:i].strip()
            if re.match(r"@?since\b", note):
                note = None
        out.append((m.group(0), note))
    return (ref.group(1) if ref else None), out


def parse():
    enums, structs, funcs = {}, {}, []
    for h in headers():
        if h.name == "fgroi.h":
            continue
        src = h.read_text()
        for m in ENUM.finditer(src):
            values = {}
            for c in re.finditer(r"\b(FGROI_\w+)\s*=\s*(-?\d+)", m.group(2)):
                values[c.group(1)] = int(c.group(2))
            enums[m.group(3)] = {"header": h.name, "values": values}
        for m in STRUCT.finditer(src):
            body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)
            fields = []
            for line in body.split(";"):
                line = " ".join(line.split())
                if not line:
                    continue
                # `double a, b, c;` declares three fields of one type
                first, *more = [x.strip() for x in line.split(",")]
                f = re.match(r"(.*?)\b(\w+)\s*(\[\w+\])?$", first)
                if f:
                    fields.append({"name": f.group(2), "type": (f.group(1).strip() + (f.group(3) or ""))})
                    for x in more:
                        g = re.match(r"(\w+)\s*(\[\w+\])?$", x)
                        if g:
                            fields.append({"name": g.group(1), "type": f.group(1).strip() + (g.group(2) or "")})
            structs[m.group(3)] = {"header": h.name, "fields": fields,
                                   "sized": bool(fields) and fields[0]["name"] == "struct_size",
                                   "_docs": {d.group(1): " ".join(d.group(2).split()) for d in
                                             re.finditer(r"\b(\w+)(?:\[\w+\])?\s*;\s*/\*\*<(.*?)\*/",
                                                         m.group(2), re.S)}}
        for m in DECL.finditer(src):
            doc = m.group("doc")
            if "@file" in doc:
                continue
            f = FUNC.match(" ".join(m.group("decl").split()))
            if not f:
                continue
            cdoc = clean_doc(doc)
            pdocs, ret, since = tag_blocks(cdoc)
            params = split_params(f.group("params"))
            shapes = parse_shapes(cdoc)
            for p in params:
                d = pdocs.get(p["name"])
                p["doc"] = d[0] if d else ""
                p["dir"] = d[1] if d and d[1] else None
                if p["name"] in shapes:
                    p["shape"] = shapes[p["name"]]
            ref, sts = parse_statuses(ret)
            funcs.append({"name": f.group("name"), "header": h.name,
                          "return": " ".join(f.group("ret").split()),
                          "params": params, "summary": summary(doc), "doc": cdoc,
                          "since": since,
                          "tier": "experimental" if "@experimental" in cdoc else "stable",
                          "_ref": ref, "_statuses": sts, "_pdocs": pdocs})
    by_name = {f["name"]: f for f in funcs}
    for f in funcs:
        f["statuses"] = resolve(f, by_name, enums, structs)
    for f in funcs:
        del f["_ref"], f["_statuses"]
        del f["_pdocs"]
        for p in f["params"]:
            p["role"] = role(p, f, structs, enums)
        binding_plan(f, structs, enums)
    for st in structs.values():
        del st["_docs"]
    return {"enums": enums, "structs": structs, "functions": funcs}


def raw_statuses(f, by_name, seen):
    """[(status, note)] a function documents, with 'as fgroi_x' expanded."""
    sts = list(f["_statuses"])
    ref = f["_ref"]
    if ref and ref in by_name and ref not in seen:
        seen.add(ref)
        have = {st for st, _ in sts}
        sts = [x for x in raw_statuses(by_name[ref], by_name, seen) if x[0] not in have] + sts
        without = re.search(r"without (FGROI_E_\w+)", f["doc"])
        if without:
            sts = [x for x in sts if x[0] != without.group(1)]
    return sts


def resolve(f, by_name, enums, structs):
    """The statuses a function documents, each with arguments and domain."""
    out, seen_st = [], set()
    for st, note in raw_statuses(f, by_name, {f["name"]}):
        if st == "FGROI_OK" or st in seen_st:
            continue
        seen_st.add(st)
        if st == "FGROI_E_METHOD":
            args, domain = method_detail(note, f, by_name, enums, structs)
        else:
            args, domain = detail(st, note, f, enums, structs)
        row = {"status": st, "arguments": args, "domain": domain}
        if note:
            row["note"] = note
        out.append(row)
    return out


def _ptr(p):
    return p["type"].endswith("*") or p["type"].endswith("]")


def _base(p):
    return re.sub(r"\[\d*\]$", "", p["type"].replace("const ", "")).rstrip(" *").strip()


def _nullable(p):
    return bool(re.search(r"\bNULL (for|means|:)|\bor NULL\b|\bmay be NULL\b|NULL allowed|\(NULL",
                          p.get("doc", "")))


def role(p, f, structs, enums):
    """in, out, inout, array_in, array_out, length, capacity, needed, str, method, ..."""
    t, n = p["type"], p["name"]
    if t.endswith("]"):
        return "fixed_in" if t.startswith("const ") else "fixed_out"
    if not _ptr(p):
        if n == "conf_level":
            return "conf_level"
        if t == "fgroi_method":
            return "method"
        if t == "fgroi_alternative":
            return "alternative"
        if t == "size_t" and re.search(r"capacity|^cap$", n):
            return "capacity"
        if t == "size_t":
            return "length"
        return "scalar"
    b = _base(p)
    if b == "char" and t.startswith("const"):
        return "str"
    if t.startswith("const "):
        if b in structs and structs[b]["sized"]:
            return "options" if b.endswith("_options") else "struct_in"
        return "array_in"
    if b in structs and structs[b]["sized"]:
        return "inout" if "tally" in b and not n.startswith("out") else "out"
    if n.endswith("needed") or n in ("n_out", "count_out"):
        return "needed"
    return "out"


# ---- how a binding feeds each parameter (the grammar applied once) ----------
# Both bindings read these from api.json ("binding" of each parameter)
# instead of guessing from names (docs/api-conventions.md, "Bindings").
CAPACITY_NAME = re.compile(r"^(capacity|.*_capacity|cap)$")
NEEDED_NAME = re.compile(r"^(needed|n_needed|.*_needed|n_out|count_out)$")
# a lone output pointer of a function that takes arrays is one value per
# input row unless its name says it is a scalar
SCALAR_OUT_NAME = re.compile(r"^(out|needed|n_needed|.*_needed|n_out|count|size|value|n|k|.*_out"
                             r"|missing.*|.*_index)$")
COLS_NAME = ("ncol", "ncols", "cols", "n_cols", "n_col")
# the shared defaults of the grammar's named parameters (the C meaning of 0 /
# FGROI_METHOD_DEFAULT / a NULL options pointer, spelled for a binding)
DEFAULT_BY_NAME = {"conf_level": 0.95, "method": "default", "alternative": "two_sided", "seed": 1}
BINDING_ROLES = ("scalar", "str", "array_in", "sarray_in", "fixed_in", "struct_in", "struct_out",
                 "length", "capacity", "needed", "array_out", "sarray_out", "array_rows",
                 "struct_rows", "scalar_out", "fixed_out", "bad_index", "unsupported")


def binding_plan(f, structs, enums):
    """Give each parameter of f a "binding" entry: its role for a binding
    (one of BINDING_ROLES), the length parameters of an input array, the
    capacity parameter of an output array (or the input length it is
    trimmed to), a row width (`cols`), a fixed size, and a default. A
    binding then maps the arguments without reading names itself."""
    class P:
        pass
    ps = []
    for q in f["params"]:
        p = P()
        p.name, p.ctype, p.q = q["name"], q["type"], q
        p.const = p.ctype.startswith("const ")
        p.role = p.fixed = p.cols = p.lengths = p.capacity = p.trim = None
        p.default = None
        p.has_default = False
        m = re.match(r"^(const )?(.+?)\s*\[(\d+)\]$", p.ctype)
        if m:
            p.base, p.fixed = m.group(2).strip(), int(m.group(3))
        else:
            t = p.ctype.replace("const ", "").strip()
            p.base = t[:-1].strip() if t.endswith("*") else None
        p.is_struct = p.base is not None and p.base in structs
        ps.append(p)
    by_name = {p.name: p for p in ps}
    special = {}
    for p in ps:
        sh = p.q.get("shape")
        if not sh or sh["length"] not in by_name:
            continue
        if "cols" in sh:
            special[p.name] = ("cols", sh["cols"])
        elif CAPACITY_NAME.match(sh["length"]):
            special[p.name] = ("capacity", sh["length"])
        else:
            i = ps.index(p)
            nxt = ps[i + 1] if i + 1 < len(ps) else None
            special[p.name] = ("trim", sh["length"]) if nxt and nxt.ctype == "size_t" and \
                CAPACITY_NAME.match(nxt.name) else "rows"

    def is_size(p):
        return p.role is None and p.base is None and p.ctype == "size_t"

    for p in ps:
        sp = special.get(p.name)
        if isinstance(sp, tuple) and sp[0] == "cols":
            p.cols = sp[1]
        if p.base is None:
            continue
        if p.fixed is not None:
            p.role = "fixed_in" if p.const else "fixed_out"
        elif p.base == "char" and p.const:
            p.role = "str"
        elif p.base.endswith("*") or p.base == "void":
            p.role = "unsupported"
    # inputs: runs of consecutive const arrays followed by their length (and
    # a second size_t for a matrix); a run with no length of its own shares
    # the latest one before it; a const struct pointer outside a run is one
    # struct (options, a tally)
    i, last = 0, None
    while i < len(ps):
        p = ps[i]
        if p.role is not None or p.base is None or not p.const:
            i += 1
            continue
        j = i
        while j < len(ps) and ps[j].role is None and ps[j].base is not None and ps[j].const:
            j += 1
        run = ps[i:j]
        if j < len(ps) and is_size(ps[j]):
            dims = [ps[j]]
            ps[j].role = "length"
            if j + 1 < len(ps) and is_size(ps[j + 1]) and ps[j + 1].name in COLS_NAME:
                ps[j + 1].role = "length"
                dims.append(ps[j + 1])
            last = dims
        elif last is not None and not all(r.is_struct for r in run):
            dims = last
        else:
            dims = None
        for r in run:
            if dims is None:
                r.role = "struct_in" if r.is_struct else "unsupported"
            else:
                r.role = "sarray_in" if r.is_struct else "array_in"
                r.lengths = dims
        i = j
    has_rows = any(p.role == "length" for p in ps)
    # a capacity followed by output pointers: they are its arrays
    for k, p in enumerate(ps):
        if is_size(p) and CAPACITY_NAME.match(p.name):
            outs = []
            for q in ps[k + 1:]:
                if q.role is not None or q.base is None or q.const or q.is_struct:
                    break
                outs.append(q)
            arrays = [q for q in outs if not NEEDED_NAME.match(q.name) and q.name != "size"]
            if arrays:
                p.role = "capacity"
                for q in arrays:
                    q.role = "array_out"
                    q.capacity = p
                for q in outs:
                    if q not in arrays:
                        q.role = "needed"
    # outputs
    for k, p in enumerate(ps):
        if p.role is not None or p.base is None:
            continue
        sp = special.get(p.name)
        if isinstance(sp, tuple) and sp[0] == "capacity":
            p.role = "sarray_out" if p.is_struct else "array_out"
            p.capacity = by_name[sp[1]]
            by_name[sp[1]].role = "capacity"
        elif isinstance(sp, tuple) and sp[0] == "trim":
            p.role = "sarray_out" if p.is_struct else "array_out"
            p.trim = by_name[sp[1]]
            p.capacity = ps[k + 1]
            ps[k + 1].role = "capacity"
        elif sp == "rows":
            p.role = "struct_rows" if p.is_struct else "array_rows"
        elif p.name == "bad_index" and p.base == "size_t":
            p.role = "bad_index"
        elif k + 1 < len(ps) and is_size(ps[k + 1]):
            p.role = "sarray_out" if p.is_struct else "array_out"
            p.capacity = ps[k + 1]
            ps[k + 1].role = "capacity"
        elif p.is_struct:
            p.role = "struct_out"
        elif NEEDED_NAME.match(p.name) and any(q.role in ("array_out", "sarray_out") for q in ps):
            p.role = "needed"
        elif has_rows and not SCALAR_OUT_NAME.match(p.name) and \
                not re.search(r"\*%s\b" % re.escape(p.name), f["doc"]):
            # the doc's `*top2 = ...` says it points to one value
            p.role = "array_rows"
        else:
            p.role = "scalar_out"
    for p in ps:
        if p.role == "scalar_out" and NEEDED_NAME.match(p.name) and any(
                q.role in ("array_out", "sarray_out") for q in ps):
            p.role = "needed"
        if p.role is None:
            p.role = "scalar"
    # defaults: the grammar's shared names, enums (value 0 is each enum's
    # documented default), optional structs; none before a required one
    visible = [p for p in ps if p.role in ("scalar", "str", "array_in", "sarray_in", "fixed_in",
                                           "struct_in", "struct_out", "unsupported")]
    for p in visible:
        if p.role == "scalar" and p.name in DEFAULT_BY_NAME:
            p.default, p.has_default = DEFAULT_BY_NAME[p.name], True
        elif p.role == "scalar" and p.ctype in ("fgroi_method", "fgroi_alternative"):
            p.default, p.has_default = DEFAULT_BY_NAME[p.ctype[len("fgroi_"):]], True
        elif p.role == "scalar" and p.ctype in enums:
            p.default, p.has_default = 0, True
        elif p.role in ("struct_in", "struct_out"):
            p.default, p.has_default = None, True
    required_after = False
    for p in reversed(visible):
        if not p.has_default:
            required_after = True
        elif required_after:
            p.has_default = False
    for p in ps:
        b = {"role": p.role}
        if p.lengths:
            b["lengths"] = [q.name for q in p.lengths]
        if p.capacity is not None:
            b["capacity"] = p.capacity.name
        if p.trim is not None:
            b["trim"] = p.trim.name
        if p.role in ("array_rows", "struct_rows"):
            # the input length it has one element per (its @shape, else the
            # function's first length)
            sh = p.q.get("shape")
            rows = sh["length"] if sh and sh["length"] in by_name else \
                next((q.name for q in ps if q.role == "length"), None)
            if rows is not None:
                b["rows"] = rows
        if p.cols:
            b["cols"] = p.cols
        if p.fixed is not None:
            b["fixed"] = p.fixed
        if p.has_default:
            b["default"] = p.default
        p.q["binding"] = b


def _pick(f, pred):
    return [p["name"] for p in f["params"] if pred(p)]


def _is_count(p):
    return _base(p) in INTS and not p["name"].startswith(("seed",)) and _base(p) not in ("uint64_t",)


def detail(st, note, f, enums, structs):
    """(arguments, domain) for one status of one function."""
    names = [p["name"] for p in f["params"]]
    if st == "FGROI_E_CANCELLED":
        # no argument is at fault; a note says what the cancel leaves
        extra = "; " + note if note and "untouched" in note else ""
        return [], DEFAULT_DOMAIN[st] + extra
    if note:
        fields = {}
        for p in f["params"]:
            if _ptr(p) and _base(p) in structs and _base(p).endswith("_options"):
                for fl in structs[_base(p)]["fields"]:
                    fields.setdefault(fl["name"], "%s->%s" % (p["name"], fl["name"]))
        known = dict(fields, **{n: n for n in names})
        mentioned = [known[n] for n in known
                     if re.search(r"(?<![\w.])%s(?![\w(])" % re.escape(n), note)]
        m = re.match(r"^([\w, ]+?) (?:outside|not in) (.*)$", note)
        if m and all(w.strip() in known for w in m.group(1).split(",") if w.strip()):
            return [known[w.strip()] for w in m.group(1).split(",") if w.strip()], "must be in " + m.group(2)
        return mentioned or default_args(st, f, structs), note
    if st == "FGROI_E_COUNT_EXCEEDS_TOTAL":
        args = default_args(st, f, structs)
        totals = [re.sub(r"^x", "n", a) for a in args]
        if args and all(a.startswith("x") for a in args) and all(t in names for t in totals):
            return args, "must be <= " + ", ".join(totals) + (" respectively" if len(args) > 1 else "")
        return args, DEFAULT_DOMAIN[st]
    return default_args(st, f, structs), DEFAULT_DOMAIN.get(st, "")


# enums other than fgroi_method whose unknown values are FGROI_E_METHOD
METHOD_LIKE = ("fgroi_design", "fgroi_funnel_rate", "fgroi_surv_conf", "fgroi_loa_se")


def method_codes(text, enums):
    """The fgroi_method names a text lists, in order, without default."""
    codes = []
    for c in re.findall(r"\bFGROI_METHOD_([A-Z0-9_]+)\b", text):
        if c != "DEFAULT" and c.lower() not in codes and "FGROI_METHOD_" + c in enums["fgroi_method"]["values"]:
            codes.append(c.lower())
    return codes


def one_of(text, codes):
    """"one of a, b, c, or default (a)": the codes a method argument
    accepts and what FGROI_METHOD_DEFAULT picks, when the text marks one
    code "(= FGROI_METHOD_DEFAULT)", "(default" or "FGROI_METHOD_DEFAULT
    (Name)"; else "..., or default"."""
    default = None
    for pat in (r"FGROI_METHOD_([A-Z0-9_]+)\s*\((?:= FGROI_METHOD_DEFAULT|default)",
                r"FGROI_METHOD_DEFAULT\s*\((\w+)\)"):
        m = re.search(pat, text)
        if m and m.group(1).lower() in codes:
            default = m.group(1).lower()
            break
    return "one of " + ", ".join(codes) + ", or default" + (" (%s)" % default if default else "")


def param_doc(f, name, by_name):
    """@param text of a parameter, from the function or, for a function
    documented 'as fgroi_x', from fgroi_x (and so on)."""
    seen = set()
    while f and f["name"] not in seen:
        seen.add(f["name"])
        if name in f["_pdocs"]:
            return f["_pdocs"][name][0]
        f = by_name.get(f["_ref"])
    return ""


def method_detail(note, f, by_name, enums, structs):
    """FGROI_E_METHOD: every method-like argument and the values it takes.
    A fgroi_method parameter's values are the codes its @param line names
    (required; tests/test_status.c checks them against what the function
    accepts), an options field's the codes its comment names, another
    enum's its constants."""
    doms = []

    def add(arg, typ, text, where):
        if typ in METHOD_LIKE:
            doms.append((arg, "one of " + ", ".join(enums[typ]["values"])))
        elif typ == "fgroi_method":
            codes = method_codes(text, enums)
            if not codes:
                raise SystemExit("gen_api: %s: %s must name the FGROI_METHOD_ codes it accepts" % where)
            doms.append((arg, one_of(text, codes)))

    for p in f["params"]:
        b = _base(p)
        if not _ptr(p):
            add(p["name"], p["type"], param_doc(f, p["name"], by_name),
                (f["name"], "the @param %s line" % p["name"]))
        elif p["type"].startswith("const") and b in structs and b.endswith("_options"):
            for fl in structs[b]["fields"]:
                add("%s->%s" % (p["name"], fl["name"]), fl["type"], structs[b]["_docs"].get(fl["name"], ""),
                    (b, "the comment of " + fl["name"]))
    if not doms:
        raise SystemExit("gen_api: %s documents FGROI_E_METHOD but has no method argument" % f["name"])
    if len(doms) == 1:
        domain = "must be " + doms[0][1]
    else:
        domain = "; ".join("%s must be %s" % d for d in doms)
    if note:
        domain += "; " + note
    return [a for a, _ in doms], domain


DEFAULT_DOMAIN = {
    "FGROI_E_NULL": "must not be NULL",
    "FGROI_E_STRUCT_SIZE": "struct_size must be set (FGROI_INIT) and cover the first release",
    "FGROI_E_NEGATIVE_COUNT": "must be >= 0",
    "FGROI_E_COUNT_EXCEEDS_TOTAL": "a count must not exceed its total",
    "FGROI_E_NAN": "must not be NaN",
    "FGROI_E_INFINITE": "must be finite",
    "FGROI_E_CONF_LEVEL": "must be in (0, 1)",
    "FGROI_E_EMPTY": "must hold at least one observation",
    "FGROI_E_SCORE_RANGE": "every score must be in 0..10 (or the missing code)",
    "FGROI_E_ALTERNATIVE": "must be two_sided, less or greater",
    "FGROI_E_PROBABILITY": "must be a probability in its documented range",
    "FGROI_E_LENGTH_MISMATCH": "arrays that go together must have equal lengths",
    "FGROI_E_CAPACITY": "must be at least the size reported in the needed-size output",
    "FGROI_E_TOO_FEW": "too few observations for this method",
    "FGROI_E_ZERO_VARIANCE": "the data must not all be equal",
    "FGROI_E_NOT_ESTIMABLE": "the estimate is undefined for these data",
    "FGROI_E_NO_CONVERGENCE": "the iterative computation did not converge for these data",
    "FGROI_E_TOO_LARGE": "beyond the size this method supports (docs/limits.md)",
    "FGROI_E_NO_MEMORY": "memory allocation failed for this problem size",
    "FGROI_E_OUT_OF_RANGE": "outside its documented domain",
    "FGROI_E_UNKNOWN_NAME": "must be a name the library knows",
    "FGROI_E_OVERFLOW": "the counts would overflow int64",
    "FGROI_E_INTERNAL": "a numerical dependency failed unexpectedly (please report)",
    "FGROI_E_NOT_INTEGER": "must be a whole number",
    "FGROI_E_INVALID_TIME": "times must be >= 0 and windows in order",
    "FGROI_E_DUPLICATE": "identifiers must be unique",
    "FGROI_E_NO_EVENTS": "there must be at least one event",
    "FGROI_E_CANCELLED": "the progress callback asked to stop",
}


NO_ARGUMENT = ("FGROI_E_NO_MEMORY", "FGROI_E_INTERNAL", "FGROI_E_CANCELLED")


def default_args(st, f, structs):
    args = _default_args(st, f, structs)
    if not args and st not in OPTION_FIELD and st not in NO_ARGUMENT:
        # the data: input arrays and structs, else the scalar inputs
        args = _pick(f, lambda p: _ptr(p) and p["type"].startswith("const")) or \
            _pick(f, lambda p: not _ptr(p) and p["type"] not in ("fgroi_method", "fgroi_alternative"))
    if args or st not in OPTION_FIELD:
        return args
    # a field of the function's options struct: "options->alternative"
    # (inputs only: an output struct's fields are the library's to write)
    for p in f["params"]:
        b = _base(p)
        if _ptr(p) and b in structs and p["type"].startswith("const"):
            for fl in structs[b]["fields"]:
                if OPTION_FIELD[st](fl):
                    args.append("%s->%s" % (p["name"], fl["name"]))
    return args


OPTION_FIELD = {
    "FGROI_E_CONF_LEVEL": lambda fl: fl["name"] == "conf_level",
    "FGROI_E_ALTERNATIVE": lambda fl: fl["type"] == "fgroi_alternative",
    "FGROI_E_METHOD": lambda fl: fl["type"] == "fgroi_method",
    "FGROI_E_PROBABILITY": lambda fl: fl["name"] in ("alpha", "power", "conf_level"),
    "FGROI_E_NAN": lambda fl: fl["type"] == "double",
    "FGROI_E_INFINITE": lambda fl: fl["type"] == "double",
}


def _default_args(st, f, structs):
    ps = f["params"]
    if st == "FGROI_E_NULL":
        return _pick(f, lambda p: _ptr(p) and not _nullable(p))
    if st == "FGROI_E_STRUCT_SIZE":
        return _pick(f, lambda p: _ptr(p) and _base(p) in structs and structs[_base(p)]["sized"])
    if st == "FGROI_E_CONF_LEVEL":
        return _pick(f, lambda p: p["name"] == "conf_level")
    if st == "FGROI_E_ALTERNATIVE":
        return _pick(f, lambda p: p["type"] == "fgroi_alternative")
    if st == "FGROI_E_METHOD":
        return _pick(f, lambda p: p["type"] == "fgroi_method") or \
            _pick(f, lambda p: _ptr(p) and _base(p).endswith("_options"))
    if st in ("FGROI_E_NEGATIVE_COUNT", "FGROI_E_OVERFLOW"):
        return _pick(f, lambda p: _is_count(p) and p["name"] not in ("seed",)) or \
            _pick(f, lambda p: _ptr(p) and "tally" in _base(p))
    if st == "FGROI_E_COUNT_EXCEEDS_TOTAL":
        names = {p["name"] for p in ps}
        pairs = [p["name"] for p in ps if _is_count(p) and not _ptr(p) and
                 re.sub(r"^x", "n", p["name"]) in names and p["name"].startswith("x")]
        return pairs or _pick(f, lambda p: _is_count(p)) or \
            _pick(f, lambda p: _ptr(p) and "tally" in _base(p))
    if st in ("FGROI_E_NAN", "FGROI_E_INFINITE"):
        return _pick(f, lambda p: _base(p) == "double" and (not _ptr(p) or p["type"].startswith("const"))
                     or (p["type"] == "double" and p["name"] != "conf_level"))
    if st in ("FGROI_E_EMPTY", "FGROI_E_TOO_FEW", "FGROI_E_LENGTH_MISMATCH", "FGROI_E_ZERO_VARIANCE",
              "FGROI_E_NO_EVENTS"):
        arrays = _pick(f, lambda p: _ptr(p) and p["type"].startswith("const") and _base(p) != "char")
        lengths = _pick(f, lambda p: p["type"] == "size_t" and "capacity" not in p["name"])
        totals = _pick(f, lambda p: _is_count(p) and not _ptr(p) and p["name"].startswith("n"))
        return (arrays + lengths if st != "FGROI_E_EMPTY" else lengths + totals + arrays) or \
            _pick(f, lambda p: _ptr(p) and "tally" in _base(p))
    if st == "FGROI_E_SCORE_RANGE":
        return _pick(f, lambda p: _ptr(p) and p["type"].startswith("const") and _base(p) in INTS) or \
            _pick(f, lambda p: _ptr(p) and "tally" in _base(p))
    if st == "FGROI_E_CAPACITY":
        return _pick(f, lambda p: p["type"] == "size_t" and re.search(r"capacity|^cap$", p["name"]))
    if st == "FGROI_E_UNKNOWN_NAME":
        return _pick(f, lambda p: p["type"] == "const char *")
    if st == "FGROI_E_PROBABILITY":
        return _pick(f, lambda p: p["type"] == "double" and p["name"] != "conf_level"
                     and re.match(r"^(p\w*|alpha|power|prom\w*|det\w*|q\w*|rate\w*|prop\w*|target\w*)$", p["name"]))
    if st in ("FGROI_E_OUT_OF_RANGE", "FGROI_E_NOT_INTEGER", "FGROI_E_TOO_LARGE", "FGROI_E_INVALID_TIME",
              "FGROI_E_DUPLICATE"):
        return _pick(f, lambda p: not _ptr(p) and p["type"] not in ("fgroi_method", "fgroi_alternative")
                     and p["name"] != "conf_level") or \
            _pick(f, lambda p: _ptr(p) and p["type"].startswith("const"))
    # data statuses (NOT_ESTIMABLE, NO_CONVERGENCE, NO_MEMORY, INTERNAL, CANCELLED): no one argument
    return []


def detail_text(s):
    return ("%s: %s" % (", ".join(s["arguments"]), s["domain"])) if s["arguments"] else s["domain"]


def render_json(api):
    return json.dumps({"description": "libfgroi public C API, generated by docs/gen_api.py from "
                       "include/fgroi/*.h; do not edit", **api}, indent=1, sort_keys=False) + "\n"


def render_md(api):
    lines = ["# The C API by domain", "",
             "Generated from the public headers by `docs/gen_api.py` (a test checks it is current). "
             "The header comments are the reference: parameters, statuses returned, the method's "
             "citation and the version each declaration appeared in. The same comments build the "
             "Doxygen reference (`-Ddocs=enabled`). Conventions: [api-conventions.md](api-conventions.md).", ""]
    for h in headers():
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


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_detail(api):
    code = api["enums"]["fgroi_status"]["values"]
    rows = sorted(((f["name"], s["status"], detail_text(s))
                   for f in api["functions"] for s in f["statuses"]),
                  key=lambda r: (r[0].encode(), code[r[1]]))
    out = ["/* Generated by docs/gen_api.py from the public headers' @return lists:",
           " * (function, status) -> \"argument[, argument...]: domain\". Do not edit;",
           " * run /usr/bin/python3 docs/gen_api.py. Sorted by function (strcmp), then",
           " * status value (lib/status.c searches it). */",
           "static const status_detail_row status_detail_table[] = {"]
    for fn, st, text in rows:
        out.append("  { %s, %s, %s }," % (c_string(fn), st, c_string(text)))
    out.append("};")
    return "\n".join(out) + "\n"


def render_suppr(api):
    out = ["# Generated by docs/gen_api.py: what tests/check_abi.sh's abidiff may ignore.",
           "# Do not edit; mark a function @experimental in its header comment instead.",
           "# A field appended to a struct (struct_size grows, docs/abi.md rule 4).",
           "[suppress_type]", "  type_kind = struct", "  has_data_member_inserted_at = end", ""]
    for f in api["functions"]:
        if f["tier"] == "experimental":
            out += ["# experimental tier (%s)" % f["header"], "[suppress_function]",
                    "  name = %s" % f["name"], ""]
    return "\n".join(out)


OUTPUTS = {
    "tests/abi/fgroi.suppr": render_suppr,
    "docs/api.json": render_json,
    "docs/api.md": render_md,
    "lib/status_detail.h": render_detail,
}


def main(argv):
    api = parse()
    if "--json" in argv:
        sys.stdout.write(render_json(api))
        return 0
    stale = []
    for rel, fn in OUTPUTS.items():
        text = fn(api)
        path = ROOT / rel
        current = path.read_text() if path.exists() else ""
        if "--check" in argv:
            if current != text:
                stale.append(rel)
        elif current != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        print("stale: %s; run /usr/bin/python3 docs/gen_api.py" % ", ".join(stale))
        return 1
    if "--check" in argv:
        print("current: " + ", ".join(OUTPUTS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
