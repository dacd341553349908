#!/bin/sh
# run_fuzz.sh replay|run HARNESS CORPUS WORKDIR
#   replay: execute every input of the checked-in corpus once (-runs=0)
#   run:    fuzz from the corpus for a short fixed budget (20000 runs or
#           10 s, one seed); new inputs go to WORKDIR, never to the source
#           tree; a crash, leak, sanitizer report, oracle trap or a call
#           over 2 s (-timeout=2) fails the test and leaves the reproducer
#           in WORKDIR/artifacts/.
set -eu
mode=$1 exe=$2 corpus=$3 work=$4
[ -d "$corpus" ] || { echo "no corpus directory $corpus"; exit 1; }
rm -rf "$work"
mkdir -p "$work/new" "$work/artifacts"
common="-error_exitcode=1 -timeout_exitcode=1 -timeout=2 -rss_limit_mb=2048 -artifact_prefix=$work/artifacts/ -print_final_stats=1"
case $mode in
  replay) exec "$exe" $common -runs=0 "$corpus" ;;
  run) exec "$exe" $common -seed=1 -runs=20000 -max_total_time=10 "$work/new" "$corpus" ;;
  *) echo "usage: $0 replay|run HARNESS CORPUS WORKDIR"; exit 2 ;;
esac
