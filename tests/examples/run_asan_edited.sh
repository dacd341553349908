#!/bin/sh
# The edited-study suite again, on fgroi-report built with clang's
# AddressSanitizer + UndefinedBehaviorSanitizer (leak checking on), linked
# to this build's libfgroi. TAP (the suite's own lines).
#   run_asan_edited.sh SOURCE_ROOT BUILD_ROOT
set -u
src=$(cd "$1" && pwd); build=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CLANG=${CLANG:-clang}
if ! "$CLANG" -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -std=c11 -I"$src/examples" \
    -I"$src/include" -I"$build/include" "-DFGROI_EXAMPLE_DATA=\"$src/examples/data\"" \
    "$src/examples/report.c" "$src/examples/pilot_data.c" "$src/examples/csv_reader.c" "$src/examples/study_config.c" \
    "$src/examples/report_html.c" "$src/examples/svg.c" \
    -L"$build/lib" -lfgroi -lcsv -lm -Wl,-rpath,"$build/lib" -o "$work/fgroi-report" 2>"$work/build.log"; then
  echo "1..1"; echo "not ok 1 - building fgroi-report with clang ASan + UBSan failed"; sed 's/^/# /' "$work/build.log"; exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
exec /usr/bin/python3 "$src/tests/examples/check_edited_studies.py" "$work/fgroi-report" "$src/examples/data"
