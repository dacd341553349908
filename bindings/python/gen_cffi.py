"""Generate the CFFI extension source from libfgroi's public headers.

Run by Meson at build time:

    gen_cffi.py OUT_C OUT_PY --api API_JSON -I INCDIR [-I INCDIR ...]
                [--nm NM LIBRARY] [--batch BATCH_C] -- CC [CC ARGS ...]

The umbrella header <fgroi/fgroi.h> is run through the real C preprocessor
with stand-in (empty) system headers, so the declarations the binding sees
are exactly the ones a C user compiles against: every enum with its values,
every struct in full, every function. What CFFI cannot parse is removed
(``__attribute__`` from FGROI_API, the preprocessor's own leftovers).

With --nm, a function the headers declare but LIBRARY does not export is
left out (with a note on stderr), so a declaration whose implementation
has not landed yet cannot make the whole module fail to import; the
binding's coverage test still reports it as missing.

With --batch, BATCH_C (fgroi/_batch.c: the vectorised loops, see its
header comment) is compiled into the extension after the public headers,
and its declarations between the "CDEF BEGIN"/"CDEF END" markers are added
to the cdef; they are the extension's own, not library symbols.

API_JSON is the API description (docs/api.json, written by
docs/gen_api.py from the same headers): each parameter's binding role,
array lengths, capacities and default, which fgroi.capi follows as given
(no name rules of its own).

OUT_C is the out-of-line API-mode extension source (ffi.set_source +
emit_c_code; Meson compiles and links it to libfgroi). OUT_PY is a small
module holding the cleaned cdef text, each function's parameter list, its
header doc comment and its parameters' bindings (API), which fgroi.capi
turns into Python callables.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import cffi
import pycparser
from pycparser import c_ast, c_generator

# System headers a public header may include; cffi knows their types
# (size_t, int64_t, uint8_t, bool, ...) natively, so they preprocess to nothing.
STAND_INS = ("stddef.h", "stdint.h", "stdbool.h", "limits.h", "math.h",
             "stdio.h", "stdlib.h", "inttypes.h", "float.h")

KNOWN_TYPES = ("size_t", "ptrdiff_t", "bool", "int8_t", "int16_t", "int32_t",
               "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
               "intptr_t", "uintptr_t")
ATTRIBUTE = re.compile(r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)")
DOC_DECL = re.compile(
    r"/\*\*((?:[^*]|\*(?!/))*)\*/\s*FGROI_API\b[^;{]*?\b(fgroi_\w+)\s*\(", re.S)


def preprocess(cc, incdirs):
    with tempfile.TemporaryDirectory() as tmp:
        for h in STAND_INS:
            open(os.path.join(tmp, h), "w").close()
        src = os.path.join(tmp, "all.c")
        with open(src, "w") as f:
            f.write("#include <fgroi/fgroi.h>\n")
        cmd = list(cc) + ["-E", "-P", "-nostdinc", "-I", tmp]
        for d in incdirs:
            cmd += ["-I", d]
        cmd.append(src)
        text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    text = ATTRIBUTE.sub("", text)
    text = re.sub(r"__extension__|__restrict\b|\brestrict\b|__inline\b", "", text)
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def docs(incdirs):
    out = {}
    for d in incdirs:
        hdir = os.path.join(d, "fgroi")
        if not os.path.isdir(hdir):
            continue
        for name in sorted(os.listdir(hdir)):
            if not name.endswith(".h"):
                continue
            with open(os.path.join(hdir, name)) as f:
                for m in DOC_DECL.finditer(f.read()):
                    body = "\n".join(re.sub(r"^\s*\*? ?", "", line)
                                     for line in m.group(1).splitlines())
                    out[m.group(2)] = body.strip()
    return out


def functions(cdef):
    """(name, return type, [(param name, param type), ...]) per declaration."""
    # pycparser must be told which names are types; cffi knows them itself.
    known = "".join("typedef int %s;\n" % t for t in KNOWN_TYPES)
    ast = pycparser.CParser().parse(known + cdef)
    gen = c_generator.CGenerator()
    result = []
    for node in ast.ext:
        if not (isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.FuncDecl)):
            continue
        fd = node.type
        params = []
        for i, p in enumerate(fd.args.params if fd.args else []):
            if isinstance(p, c_ast.Typename):  # (void) or unnamed
                t = gen.visit(p).strip()
                if t == "void":
                    continue
                params.append(("arg%d" % i, t))
                continue
            pname = p.name
            p.name = None
            _strip_names(p.type)
            params.append((pname, gen.visit(p.type).strip() if not isinstance(
                p.type, c_ast.TypeDecl) else " ".join(p.type.quals + p.type.type.names)))
        rt = fd.type
        _strip_names(rt)
        result.append((node.name, gen.visit(rt).strip(), params))
    return result


def _strip_names(t):
    while t is not None:
        if isinstance(t, c_ast.TypeDecl):
            t.declname = None
            return
        t = getattr(t, "type", None)


def exported(nm, library):
    out = subprocess.run([nm, "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    return {f[2] for f in (line.split() for line in out.splitlines())
            if len(f) == 3 and f[1] in "TDBRW"}


def drop_functions(cdef, names):
    """Remove the declarations of the named functions from the cdef text."""
    for name in names:
        cdef = re.sub(r"[^;{}]*\b%s\s*\([^;]*\)\s*;" % re.escape(name), "", cdef, count=1)
    return cdef


def main(argv):
    sep = argv.index("--")
    opts, cc = argv[:sep], argv[sep + 1:]
    out_c, out_py = opts[0], opts[1]
    incdirs = [opts[i + 1] for i, a in enumerate(opts) if a == "-I"]
    if "--api" not in opts:
        sys.exit("gen_cffi: --api docs/api.json is required (the parameters' roles)")
    with open(opts[opts.index("--api") + 1]) as f:
        api = {fn["name"]: [p["binding"] for p in fn["params"]]
               for fn in json.load(f)["functions"]}
    cdef = preprocess(cc, incdirs)
    if "--nm" in opts:
        k = opts.index("--nm")
        have = exported(opts[k + 1], opts[k + 2])
        missing = [f[0] for f in functions(cdef) if f[0] not in have]
        if missing:
            sys.stderr.write("gen_cffi: declared but not in the library, left out: %s\n"
                             % ", ".join(missing))
            cdef = drop_functions(cdef, missing)
    ffi = cffi.FFI()
    ffi.cdef(cdef)
    # the progress callback of fgroi.control (issue 16): a C function
    # pointer whose body is Python (CFFI takes the GIL around it)
    ffi.cdef('extern "Python" int _fgroi_py_progress(void *, double);')
    source = "#include <fgroi/fgroi.h>\n"
    if "--batch" in opts:
        with open(opts[opts.index("--batch") + 1]) as f:
            batch = f.read()
        m = re.search(r"/\* CDEF BEGIN \*/(.*?)/\* CDEF END \*/", batch, re.S)
        if m is None:
            sys.exit("gen_cffi: %s has no CDEF BEGIN/END block" % opts[opts.index("--batch") + 1])
        ffi.cdef(re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S))
        source += batch
    ffi.set_source("_fgroi_cffi", source)
    ffi.emit_c_code(out_c)
    funcs = functions(cdef)
    with open(out_py, "w") as f:
        f.write("# Generated by gen_cffi.py from the public headers; do not edit.\n")
        f.write("CDEF = %r\n" % cdef)
        f.write("FUNCTIONS = [\n")
        for fn in funcs:
            f.write("    %r,\n" % (fn,))
        f.write("]\n")
        f.write("DOCS = %r\n" % docs(incdirs))
        f.write("API = %r\n" % {fn[0]: api[fn[0]] for fn in funcs if fn[0] in api})


if __name__ == "__main__":
    main(sys.argv[1:])
