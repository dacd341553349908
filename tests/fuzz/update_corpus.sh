#!/bin/sh
# update_corpus.sh BUILD_DIR HARNESS DIR...
# Minimise the checked-in corpus tests/fuzz/corpus/HARNESS together with
# fuzzer-found inputs (DIR...): libFuzzer's -merge=1 -use_counters=0 into
# an empty directory keeps only inputs that add edge coverage, so the
# corpus stays small (a few hundred files). Then every kept input is run
# once more with the known-defect skips off (FGROI_FUZZ_SKIP_KNOWN=0); an
# input that fails is moved to tests/fuzz/findings/HARNESS/skip-* so the
# replayed corpus passes on a tree without the fixes of issue #14
# (docs/fuzzing.md).
set -eu
build=$1 h=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
exe=$build/tests/fuzz/fuzz_$h
corpus=$here/corpus/$h
old=$(mktemp -d)
mkdir -p "$corpus" "$here/findings/$h"
cp -r "$corpus"/. "$old"/
rm -f "$corpus"/*
FGROI_FUZZ_SKIP_KNOWN=1 ASAN_OPTIONS=allocator_may_return_null=1 \
  "$exe" -merge=1 -use_counters=0 -timeout=2 "$corpus" "$old" "$@" 2>&1 | grep -a "MERGE-OUTER: [0-9]* new files" || true
rm -rf "$old"
kept=0 moved=0
for f in "$corpus"/*; do
  [ -f "$f" ] || continue
  if FGROI_FUZZ_SKIP_KNOWN=0 ASAN_OPTIONS=allocator_may_return_null=1 \
       timeout 10 "$exe" -timeout=2 -runs=1 "$f" > /dev/null 2>&1; then
    kept=$((kept + 1))
  else
    mv "$f" "$here/findings/$h/skip-$(basename "$f")"
    moved=$((moved + 1))
  fi
done
echo "$h: $kept corpus inputs; $moved failing without the known-defect skips moved to findings/$h/ (skip-*)"
