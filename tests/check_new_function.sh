#!/bin/sh
# The API as data (issue 15): a function added to a public header appears
# in the C docs (docs/api.md, docs/api.json), the Python layer (gen_cffi.py's
# declarations, planned by docs/api.json's bindings, no table in fgroi.capi) and the R package
# (tools/generate.R's .Call and R wrappers, planned by the same docs/api.json)
# with no other edit. Works on a
# scratch copy of the headers and the generators' inputs; nothing in the
# source tree is touched.
#   check_new_function.sh PYTHON SRCDIR BUILDDIR RSCRIPT|none yes|no -- CC [ARGS...]
# (yes|no: whether this build has the Python extension, which the check of
# fgroi.capi's plan imports; without it the declarations alone are checked.)
set -eu
py=$1 src=$2 build=$3 rscript=$4 with_python=$5
shift 5
[ "$1" = "--" ] && shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fgroi-newfn.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/include" "$tmp/docs" "$tmp/lib" "$tmp/tests/abi"
cp -R "$src/include/fgroi" "$tmp/include/"
cp "$src/docs/gen_api.py" "$tmp/docs/"
# the new function: a proportion-style signature, one shaped output
cat >> "$tmp/include/fgroi/prop.h" <<'H'
#ifdef __cplusplus
extern "C" {
#endif
/** Scratch function added by tests/check_new_function.sh.
 *  @param x successes, 0 <= x <= n
 *  @param n trials, n >= 1
 *  @param conf_level in (0, 1)
 *  @param[out] out the interval
 *  @param[out] weights one weight per trial
 *  @return FGROI_OK, FGROI_E_NULL, FGROI_E_CONF_LEVEL,
 *  FGROI_E_PROBABILITY (p0 outside [0, 1]). @since 1.0
 *  @shape weights[n_weights] */
FGROI_API fgroi_status fgroi_prop_scratch_ci(int64_t x, int64_t n, double p0, const double *w,
                                             size_t n_weights, double conf_level,
                                             fgroi_interval *out, double *weights);
#ifdef __cplusplus
}
#endif
H
fail=0
# C docs and the API description
"$py" "$tmp/docs/gen_api.py" --root "$tmp" >/dev/null
grep -q '`fgroi_prop_scratch_ci`: Scratch function' "$tmp/docs/api.md" \
  || { echo "not in docs/api.md"; fail=1; }
grep -q '"fgroi_prop_scratch_ci"' "$tmp/docs/api.json" || { echo "not in docs/api.json"; fail=1; }
grep -q '"fgroi_prop_scratch_ci", FGROI_E_PROBABILITY, "p0: must be in \[0, 1\]"' "$tmp/lib/status_detail.h" \
  || { echo "no error detail"; fail=1; }
echo "C docs: ok"
# Python: the cdef and the plan of fgroi.capi
"$py" "$src/bindings/python/gen_cffi.py" "$tmp/cffi.c" "$tmp/decls.py" --api "$tmp/docs/api.json" \
  -I "$tmp/include" -I "$build/include" -- "$@" >/dev/null
PYTHONPATH="$src/bindings/python:$build/bindings/python" LD_LIBRARY_PATH="$build/lib" \
"$py" - "$tmp/decls.py" "$with_python" <<'P' || fail=1
import importlib.util, sys
spec = importlib.util.spec_from_file_location("scratch_decls", sys.argv[1])
d = importlib.util.module_from_spec(spec); spec.loader.exec_module(d)
fn = [f for f in d.FUNCTIONS if f[0] == "fgroi_prop_scratch_ci"]
assert fn, "not in the Python declarations"
if sys.argv[2] != "yes":
    print("Python: in the declarations (extension not built here: plan not checked)")
    sys.exit(0)
from fgroi import capi
assert "fgroi_prop_scratch_ci" in d.API, "no binding plan in the API description"
ps, visible = capi._plan(fn[0][0], fn[0][2], d.API["fgroi_prop_scratch_ci"])
roles = {p.name: p.role for p in ps}
assert roles == {"x": "scalar", "n": "scalar", "p0": "scalar", "w": "array_in",
                 "n_weights": "length", "conf_level": "scalar", "out": "struct_out",
                 "weights": "array_rows"}, roles
assert [p.name for p in visible] == ["x", "n", "p0", "w", "conf_level", "out"]
print("Python: ok", roles)
P
# R: the .Call layer and the R wrapper
if [ "$rscript" != none ]; then
  mkdir -p "$tmp/rpkg/src" "$tmp/rpkg/R" "$tmp/rpkg/man" "$tmp/rpkg/inst"
  # from the scratch API description alone (the generator reads no header)
  "$rscript" "$src/bindings/r/tools/generate.R" "$tmp/docs/api.json" "$tmp/rpkg" >/dev/null
  grep -q '^fgroi_prop_scratch_ci <- function(x, n, p0, w, conf_level' "$tmp/rpkg/R/zz_generated.R" \
    || { echo "no R wrapper"; fail=1; }
  grep -q 'fgroi_prop_scratch_ci(' "$tmp/rpkg/src/fgroi_gen.c" || { echo "no .Call wrapper"; fail=1; }
  grep -q 'fgr_mk_real_array("double", o_weights, a_n_weights)' "$tmp/rpkg/src/fgroi_gen.c" \
    || { echo "R: weights not sized by n_weights (@shape)"; fail=1; }
  echo "R: ok"
fi
[ $fail -eq 0 ] && echo "new function appears in C docs, Python and R"
exit $fail
