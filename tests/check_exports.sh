#!/bin/sh
# Exported dynamic symbols of libfgroi must equal the committed list, and the
# library must import nothing that prints, aborts or exits the host.
set -eu
lib=$1; want=$2
got=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u)
if ! diff -u "$want" - <<EOT
$got
EOT
then
  echo "exported symbols differ from $want (update it deliberately when the API grows)"; exit 1
fi
bad=$(nm -D --undefined-only "$lib" | awk '{print $2}' | sed 's/@.*//' |
      grep -E '^(abort|exit|_exit|_Exit|quick_exit|printf|fprintf|vprintf|vfprintf|puts|fputs|putchar|perror|write|gsl_set_error_handler|gsl_set_error_handler_off)$' || true)
if [ -n "$bad" ]; then echo "libfgroi imports forbidden symbols: $bad"; exit 1; fi
# nor any libc/libm call that is not reentrant (hidden global state: lgamma
# writes signgam; use lgamma_r)
nonreentrant=$(nm -D --undefined-only "$lib" | awk '{print $2}' | sed 's/@.*//' |
      grep -E '^(lgamma|lgammaf|lgammal|gamma|gammaf|strtok|rand|srand|random|srandom|drand48|erand48|lrand48|mrand48|srand48|localtime|gmtime|asctime|ctime|strerror|getenv|setlocale|localeconv|tmpnam|ecvt|fcvt|strsignal|mblen|mbtowc|wctomb|readdir|signgam)$' || true)
if [ -n "$nonreentrant" ]; then echo "libfgroi imports non-reentrant symbols: $nonreentrant"; exit 1; fi
nonprefix=$(echo "$got" | grep -v '^fgroi_' || true)
if [ -n "$nonprefix" ]; then echo "exported symbols without the fgroi_ prefix: $nonprefix"; exit 1; fi
echo "exports ok: $(echo "$got" | wc -l) symbols"
