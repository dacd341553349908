#!/bin/sh
# Install libfgroi into a staging prefix and build examples/quickstart.c
# against it through pkg-config, as a user would; then run it.
set -eu
build=$1; src=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
meson install -C "$build" --destdir "$stage" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
libdir=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"][0])')
san=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="b_sanitize"][0])')
extra=""
[ "$san" = none ] || extra="-fsanitize=$san"
root="$stage$prefix"
pc="$root/$libdir/pkgconfig"
[ -f "$pc/fgroi.pc" ] || { echo "fgroi.pc not installed in $pc"; exit 1; }
export PKG_CONFIG_PATH="$pc"
# the .pc names the final prefix; point pkg-config at the staged one
flags=$(pkg-config --define-variable=prefix="$root" --cflags --libs fgroi)
cc -std=c11 -Wall -Wextra -pedantic -Werror $extra "$src" $flags -o "$stage/quickstart"
LD_LIBRARY_PATH="$root/$libdir" "$stage/quickstart"
echo "installed headers: $(ls "$root/include/fgroi" | tr '\n' ' ')"
