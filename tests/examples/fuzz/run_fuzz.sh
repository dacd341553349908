#!/bin/sh
# Build the readers' libFuzzer harness with clang (ASan + UBSan), replay the
# checked-in corpus, then fuzz for a short fixed budget (issue 13). TAP.
#   run_fuzz.sh SOURCE_ROOT [SECONDS]
# A longer run: FGROI_FUZZ_SECONDS=3600 sh tests/examples/fuzz/run_fuzz.sh .
set -u
src=$(cd "$1" && pwd); secs=${2:-${FGROI_FUZZ_SECONDS:-20}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "1..3"
CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null; then echo "not ok 1 - clang not found (Debian package clang)"; exit 1; fi
if "$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -std=c11 -D_POSIX_C_SOURCE=200809L \
    -Wall -Wextra -Werror -I"$src/examples" "$src/tests/examples/fuzz/fuzz_readers.c" "$src/examples/csv_reader.c" \
    "$src/examples/pilot_data.c" "$src/examples/study_config.c" -lcsv -lm -o "$work/fuzz" 2>"$work/build.log"; then
  echo "ok 1 - harness built with clang -fsanitize=fuzzer,address,undefined"
else
  echo "not ok 1 - harness build failed"; sed 's/^/# /' "$work/build.log"; exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
n=$(ls "$src/tests/examples/fuzz/corpus" | wc -l)
if "$work/fuzz" -runs=0 "$src/tests/examples/fuzz/corpus" >"$work/replay.log" 2>&1; then
  echo "ok 2 - corpus replayed ($n inputs), no finding"
else
  echo "not ok 2 - corpus replay found a problem"; tail -40 "$work/replay.log" | sed 's/^/# /'; exit 1
fi
mkdir "$work/new"
if "$work/fuzz" -max_total_time="$secs" -seed=13 -max_len=8192 -rss_limit_mb=1024 -artifact_prefix="$work/" \
    "$work/new" "$src/tests/examples/fuzz/corpus" >"$work/fuzz.log" 2>&1; then
  echo "ok 3 - fuzzed for $secs s: $(grep -o 'Done [0-9]* runs' "$work/fuzz.log" | tail -1), no finding"
else
  echo "not ok 3 - fuzzing found a problem"; tail -60 "$work/fuzz.log" | sed 's/^/# /'
  for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -f "$a" ] && echo "# artifact $(basename "$a"): $(od -An -c "$a" | head -5 | tr -s ' ')"
  done
  exit 1
fi
