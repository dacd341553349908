#!/bin/sh
# Broken inputs to fgroi-report each produce a clear message naming the file
# and line, and the run fails (issue #10).
set -u
report=$1; data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
i=0
echo "1..7"
expect() { # name, file to break, sed script, expected message (grep -E)
  name=$1; file=$2; script=$3; want=$4
  i=$((i + 1))
  rm -rf "$work/d"; cp -r "$data" "$work/d"
  sed -i "$script" "$work/d/$file"
  if "$report" "$work/d" > "$work/out" 2> "$work/err"; then
    echo "not ok $i - $name: the run succeeded"; fails=$((fails + 1)); return
  fi
  if grep -qE "$want" "$work/err"; then echo "ok $i - $name: $(head -1 "$work/err")"
  else echo "not ok $i - $name: message was: $(cat "$work/err")"; fails=$((fails + 1)); fi
}
expect "missing column" nps.csv '1s/score/points/' "nps.csv:1: missing column 'score'"
expect "non-numeric score" nps.csv '3s/,[0-9]*$/,nine/' "nps.csv:3: non-numeric value 'nine' in column score"
expect "score 11" nps.csv '4s/,[0-9]*$/,11/' "nps.csv:4: value 11 outside the range of score"
expect "conflicting participant rows" participants.csv '3s/^P02/P01/' "participants.csv:3: conflicting rows for participant 'P01': line 2 and line 3 differ"
expect "unknown arm" participants.csv '5s/,device,/,placebo,/' "participants.csv:5: unknown arm 'placebo'"
expect "unknown participant" doses.csv '7s/^P01/P99/' "doses.csv:7: unknown participant 'P99'"
expect "missing file" study.csv '1d' "study.csv:.*(missing column|missing key)"
[ "$fails" = 0 ]
