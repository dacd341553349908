#!/bin/sh
# Meson tests of the R package, against the library in the Meson build tree.
#   meson-test.sh check   <pkg-dir>            R CMD build + R CMD check --no-manual
#   meson-test.sh example <pkg-dir> <script>   install into a temp library, run the script
# Needs FGROI_BUILD_ROOT (the Meson build directory). Fails on any check
# ERROR or WARNING.
set -eu
mode=$1
pkgdir=$(cd "$2" && pwd)
R=${R_EXE:-R}
case "$R" in */*) RSCRIPT=${RSCRIPT_EXE:-$(dirname "$R")/Rscript} ;; *) RSCRIPT=${RSCRIPT_EXE:-Rscript} ;; esac
: "${FGROI_BUILD_ROOT:?FGROI_BUILD_ROOT must name the Meson build directory}"
build=$(cd "$FGROI_BUILD_ROOT" && pwd)

# Build against the uninstalled library; record its directory as rpath.
export PKG_CONFIG_PATH="$build/meson-uninstalled${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export FGROI_RPATH="$build/lib"
export LD_LIBRARY_PATH="$build/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# the API description the generator reads: this source tree's (checked
# current with its headers by the test api_current)
export FGROI_API_JSON="${FGROI_SOURCE_ROOT:?FGROI_SOURCE_ROOT must name the source tree}/docs/api.json"
export _R_CHECK_FORCE_SUGGESTS_=false
export R_LIBS_USER=/nonexistent   # only the site library and the temp one
unset R_LIBS || true

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fgroi-r.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# Build from a copy, so the source tree is never touched.
mkdir "$tmp/src"
cp -R "$pkgdir" "$tmp/src/fgroi"
(cd "$tmp/src/fgroi" && sh ./cleanup)

case "$mode" in
check)
  cd "$tmp"
  "$R" CMD build --no-build-vignettes --no-manual src/fgroi
  tarball=$(ls fgroi_*.tar.gz)
  rc=0
  "$R" CMD check --no-manual --no-build-vignettes "$tarball" || rc=$?
  for f in fgroi.Rcheck/00install.out fgroi.Rcheck/tests/testthat.Rout.fail; do
    if [ -f "$f" ] && { [ $rc -ne 0 ] || [ "$f" = fgroi.Rcheck/tests/testthat.Rout.fail ]; }; then
      echo "==== $f"; cat "$f"
    fi
  done
  [ $rc -eq 0 ] || { echo "R CMD check failed (exit $rc)"; exit 1; }
  status=$(grep '^Status:' fgroi.Rcheck/00check.log || true)
  echo "$status"
  case "$status" in
    *ERROR*|*WARNING*) echo "R CMD check reported an ERROR or a WARNING"; exit 1 ;;
  esac
  # the testthat summary, for the log
  if [ -f fgroi.Rcheck/tests/testthat.Rout ]; then
    grep -E '^\[ FAIL' fgroi.Rcheck/tests/testthat.Rout || true
  fi
  ;;
example)
  script=$3
  mkdir "$tmp/lib"
  "$R" CMD INSTALL --no-docs --no-multiarch -l "$tmp/lib" "$tmp/src/fgroi" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; exit 1; }
  R_LIBS="$tmp/lib" "$RSCRIPT" --vanilla "$script"
  ;;
*) echo "unknown mode $mode"; exit 2 ;;
esac
