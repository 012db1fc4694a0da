#!/bin/bash
# peak.sh NAME CMD...: runs CMD, samples /proc/PID/status every 5 ms;
# prints NAME, peak RssAnon (heap and stacks: anonymous memory) and
# VmHWM (peak total RSS, the mapped file's pages included), wall seconds, exit.
name=$1; shift
start=$(date +%s.%N)
"$@" >/dev/null 2>/tmp/peak.err.$$ &
pid=$!
anon=0; hwm=0
while [ -e /proc/$pid/status ]; do
  while read -r k v u; do
    case $k in
      RssAnon:) ((v>anon)) && anon=$v;;
      VmHWM:) ((v>hwm)) && hwm=$v;;
    esac
  done < /proc/$pid/status 2>/dev/null
  sleep 0.005
done
wait $pid; rc=$?
end=$(date +%s.%N)
printf '%-22s anon %7.1f MB  rss %7.1f MB  %6.1f s  exit %d %s\n' "$name" "$(echo "$anon/1024" | bc -l)" "$(echo "$hwm/1024" | bc -l)" "$(echo "$end-$start" | bc -l)" $rc "$(head -c 150 /tmp/peak.err.$$ | tr '\n' ' ')"
rm -f /tmp/peak.err.$$
