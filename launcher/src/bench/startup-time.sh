#!/usr/bin/env bash
# Time from starting bin/dropvault-server to its "dropvault listening on" line, N runs (default 11),
# each on a fresh data folder and port 0; prints every run (with the CPU time the server had used
# by then, all its threads) and min/median/max of the wall time in ms. DROPVAULT_JAVA_OPTS passes
# through: DROPVAULT_JAVA_OPTS=-XX:AOTMode=off measures the start without the AOT cache.
#   launcher/src/bench/startup-time.sh [DIST] [N]
set -euo pipefail
dist=${1:-$(dirname "$0")/../../target/dropvault}
runs=${2:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  exec 3< <(exec "$dist/bin/dropvault-server" --port 0 --bind 127.0.0.1 --data "$work/data$i" 2>/dev/null)
  pid=$!
  read -r line <&3
  end=$(date +%s%N)
  read -r -a stat < "/proc/$pid/stat"
  cpu_ms=$(( (stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK) ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  exec 3<&-
  case $line in "dropvault listening on "*) ;; *) echo "run $i: unexpected first line: $line" >&2; exit 1 ;; esac
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: $ms ms (cpu $cpu_ms ms)"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "min ${sorted[0]} ms, median ${sorted[$((runs / 2))]} ms, max ${sorted[$((runs - 1))]} ms ($runs runs)"
