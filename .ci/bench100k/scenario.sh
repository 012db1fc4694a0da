#!/bin/bash
# scenario.sh DB: issue #9 item 7's combined load. While `check`, a JSON
# export and 6 looping readers run, 100 `log`s one after another; prints
# failures and the worst wait.
R=$(command -v "${RAPPORT:-rapport}"); DB=${1:?usage: scenario.sh BOOK}
pids=()
( while :; do $R --db $DB check >/dev/null 2>&1; done ) & pids+=($!)
( while :; do $R --db $DB export --format json >/dev/null 2>&1; done ) & pids+=($!)
readers=("search budget --limit 10" "list" "today" "search pricing" "list --json" "show Abebe A. Adeyemi")
for r in "${readers[@]}"; do
  ( while :; do $R --db $DB $r >/dev/null 2>&1; done ) & pids+=($!)
done
T=$(mktemp)
sleep 3
fail=0; worst=0
for i in $(seq 100); do
  s=$(date +%s%N)
  if ! $R --db $DB log "Abebe A. Adeyemi" "scenario note $i" >/dev/null 2>>/dev/null; then fail=$((fail+1)); fi
  ms=$(( ($(date +%s%N)-s)/1000000 ))
  ((ms>worst)) && worst=$ms
  echo $ms >> $T
done
for p in "${pids[@]}"; do pkill -P $p; kill $p; done 2>/dev/null
echo "failed $fail of 100; worst wait $worst ms; median $(sort -n $T | sed -n 50p) ms"; rm -f $T
