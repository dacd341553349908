#!/bin/sh
# Build the API reference and fail on any Doxygen warning.
set -eu
doxygen=$1; doxyfile=$2; out=$3
mkdir -p "$out"
if ! "$doxygen" "$doxyfile" > "$out/doxygen.out" 2>&1; then
  cat "$out/doxygen.out"; cat "$out/warnings.log" 2>/dev/null; exit 1
fi
if [ -s "$out/warnings.log" ]; then cat "$out/warnings.log"; exit 1; fi
echo "doxygen: no warnings; $(ls "$out/html" | wc -l) files in $out/html"
