#!/bin/sh
# The shared library carries a versioned soname libfgroi.so.<soversion>.
set -eu
soname=$(objdump -p "$1" | awk '/SONAME/ {print $2}')
[ "$soname" = "libfgroi.so.$2" ] || { echo "soname is '$soname', want libfgroi.so.$2"; exit 1; }
echo "soname ok: $soname"
