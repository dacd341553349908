#!/bin/sh
# `meson install` installs fgroi-report and its man page; the installed
# program runs on the bundled study (issue 13). TAP output.
set -u
build=$1; data=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
echo "1..4"
meson install -C "$build" --destdir "$stage" --no-rebuild --quiet >/dev/null 2>&1
opt() { meson introspect "$build" --buildoptions | /usr/bin/python3 -c "import json,sys; print([o['value'] for o in json.load(sys.stdin) if o['name']=='$1'][0])"; }
root="$stage$(opt prefix)"
exe="$root/$(opt bindir)/fgroi-report"
man="$root/$(opt mandir)/man1/fgroi-report.1"
if [ -x "$exe" ]; then echo "ok 1 - fgroi-report installed in bindir"; else echo "not ok 1 - no $exe"; fi
# render it when man(1) is there; the roff source must carry the sections either way
if [ -f "$man" ] && grep -q '^\.SH EXIT STATUS' "$man" && grep -q '^\.SH OPTIONS' "$man" &&
   { ! command -v man >/dev/null || man -l "$man" 2>/dev/null | grep -q "EXIT STATUS"; }; then
  echo "ok 2 - man page installed (OPTIONS, EXIT STATUS)"
else echo "not ok 2 - man page missing or without OPTIONS / EXIT STATUS: $man"; fi
export LD_LIBRARY_PATH="$root/$(opt libdir)"
v=$("$exe" --version 2>&1)
case $v in "fgroi-report (libfgroi "*) echo "ok 3 - installed --version: $v" ;; *) echo "not ok 3 - --version: $v" ;; esac
if "$exe" "$data" >"$stage/out" 2>/dev/null && grep -q "adherence gap" "$stage/out"; then echo "ok 4 - installed program reports on the bundled study"
else echo "not ok 4 - installed program failed"; fi
