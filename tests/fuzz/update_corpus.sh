#!/bin/sh
# update_corpus.sh BUILD_DIR HARNESS DIR...
# Minimise the checked-in corpus tests/fuzz/corpus/HARNESS together with
# fuzzer-found inputs (DIR...): libFuzzer's -merge=1 -use_counters=0 into
# an empty directory keeps only inputs that add edge coverage, so the
# corpus stays small (a few hundred files). The merge runs with the
# known-defect skips off (FGROI_FUZZ_SKIP_KNOWN=0): an input that crashes
# or times out is left out (merge is crash-resistant), so the replayed
# corpus passes on a tree without the fixes of issue #14; the defects
# themselves have reproducers in tests/fuzz/findings/ (docs/fuzzing.md).
set -eu
build=$1 h=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
exe=$build/tests/fuzz/fuzz_$h
corpus=$here/corpus/$h
old=$(mktemp -d) named=$(mktemp -d)
mkdir -p "$corpus"
cp -r "$corpus"/. "$old"/
# Named reproducers (crash-*, timeout-*, known-*, finding-*: anything not
# named by libFuzzer's SHA-1) are regression inputs: kept whatever their
# coverage, and not duplicated under their hash.
for f in "$corpus"/*; do
  [ -e "$f" ] || continue
  b=$(basename "$f")
  if [ ${#b} -eq 40 ] && [ -z "$(printf %s "$b" | tr -d '0-9a-f')" ]; then continue; fi
  cp "$f" "$named"/
done
rm -f "$corpus"/*
FGROI_FUZZ_SKIP_KNOWN=0 ASAN_OPTIONS=allocator_may_return_null=1 \
  "$exe" -merge=1 -use_counters=0 -timeout=4 -artifact_prefix="$old/" "$corpus" "$old" "$@" 2>&1 | grep -a "MERGE-OUTER: [0-9]* new files" || true
rm -rf "$old"
for f in "$named"/*; do
  [ -e "$f" ] || continue
  rm -f "$corpus/$(sha1sum "$f" | cut -c1-40)"
  cp "$f" "$corpus"/
done
rm -rf "$named"
# the replay must pass with the skips off as well as on
FGROI_FUZZ_SKIP_KNOWN=0 ASAN_OPTIONS=allocator_may_return_null=1 \
  "$exe" -timeout=4 -runs=0 "$corpus" > /dev/null 2>&1 || { echo "$h: replay fails with the skips off"; exit 1; }
echo "$h: $(ls "$corpus" | wc -l) corpus inputs"
