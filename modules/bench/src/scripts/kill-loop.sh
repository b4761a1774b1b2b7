#!/bin/bash
# Kills the server with SIGKILL under load, restarts it, again and again; fails when a restart
# cannot open the store. Not a measurement: a stress check of the store's recovery (CrashIT checks
# the data; this runs many more cycles).
#
# usage: kill-loop.sh DIST [CYCLES] [WORK]    e.g. kill-loop.sh launcher/target/dropvault 25 /tmp/kill-loop
set -u
dist=$1
cycles=${2:-25}
work=${3:-/tmp/dropvault-kill-loop}
data=$work/data
rm -rf "$work"
mkdir -p "$data"

start_server() {
  "$dist/bin/dropvault-server" --port 0 --bind 127.0.0.1 --data "$data" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 200); do
    grep -q "listening on" "$work/server.log" && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:"; tail -20 "$work/server.log"
  kill -9 "$server" 2>/dev/null
  exit 1
}

journal_size() {
  stat -c %s "$data/store.db.journal" 2>/dev/null || echo 0
}

for cycle in $(seq 1 "$cycles"); do
  start_server
  port=$(grep -o "listening on [0-9.]*:[0-9]*" "$work/server.log" | head -1 | sed 's/.*://')
  "$dist/bin/dropvault-bench" --server "127.0.0.1:$port" --clients 16 --sessions 100000 --size 2k \
    > "$work/bench.log" 2>&1 &
  bench=$!
  before=$(journal_size)
  # kill once sessions are being stored, at a random moment after that
  for _ in $(seq 1 300); do
    [ "$(journal_size)" -gt $((before + 20000)) ] && break
    sleep 0.1
  done
  sleep "$(awk -v r="$RANDOM" 'BEGIN { print (r % 1500) / 1000 }')"
  kill -9 "$server"
  wait "$server" 2>/dev/null
  kill -9 "$bench" 2>/dev/null
  wait "$bench" 2>/dev/null
  echo "cycle $cycle: killed with a journal of $(journal_size) bytes"
done
start_server
kill -TERM "$server"
wait "$server"
status=$?
echo "$cycles kills, every restart opened the store; last stop exited $status"
exit "$status"
