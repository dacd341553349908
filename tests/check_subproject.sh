#!/bin/sh
# libfgroi used as a Meson subproject, as a consumer project would: the
# consumer's build compiles the library and its own program, registers none
# of libfgroi's tests or benchmarks, and needs no Python (issue #15).
set -eu
src=$1; quickstart=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/consumer/subprojects"
ln -s "$src" "$work/consumer/subprojects/fgroi"
cp "$quickstart" "$work/consumer/main.c"
cat > "$work/consumer/meson.build" <<'MESON'
project('consumer', 'c', default_options : ['c_std=c11'])
fgroi = dependency('fgroi', fallback : ['fgroi', 'fgroi_dep'])
executable('consumer', 'main.c', dependencies : fgroi)
MESON
cd "$work/consumer"
meson setup build -Dfgroi:default_library=static >/dev/null
tests=$(meson introspect build --tests | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
benches=$(meson introspect build --benchmarks | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
if [ "$tests" != 0 ] || [ "$benches" != 0 ]; then
  echo "the consumer's build registers $tests tests and $benches benchmarks of libfgroi (want 0 and 0)"; exit 1
fi
meson compile -C build >/dev/null
out=$(./build/consumer)
echo "subproject build ok: 0 tests, 0 benchmarks registered; quickstart prints: $out"
