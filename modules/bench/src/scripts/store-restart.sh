#!/bin/bash
# How long the packaged server takes to start after a SIGKILL with CLIENTS keyed clients in its MapDB
# store (docs/SERVER.md: the MapDB file is rebuilt from the journal after an unclean
# stop). Fills a store through the Store SPI (StoreFill.java, with the build's module jars), kills
# the filler with SIGKILL, then RUNS times: copies the killed data folder, starts the server on it
# and times the start until "listening on"; the server is killed with SIGKILL again each time.
#
# usage: store-restart.sh DIST MODULES [CLIENTS] [RUNS] [WORK]
#   e.g. store-restart.sh launcher/target/dropvault launcher/target/link-modules 1000000 5 /tmp/store-restart
set -u
dist=$1
modules=$2
clients=${3:-1000000}
runs=${4:-5}
work=${5:-/tmp/dropvault-store-restart}
here=$(cd "$(dirname "$0")" && pwd)
java=$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)
java=${JAVA:-$java}
mkdir -p "$work"
killed=$work/killed-$clients

if [ ! -d "$killed" ]; then
  rm -rf "$killed.filling"
  mkdir -p "$killed.filling"
  "$java" -Xmx1g --enable-native-access=ALL-UNNAMED --module-path "$modules" --add-modules dropvault.storage.mapdb \
    "$here/StoreFill.java" "$killed.filling" "$clients" > "$work/fill.log" 2>&1 &
  filler=$!
  until grep -q "^filled" "$work/fill.log"; do
    kill -0 "$filler" 2>/dev/null || { echo "the filler failed:"; tail -20 "$work/fill.log"; exit 1; }
    sleep 1
  done
  kill -9 "$filler"
  wait "$filler" 2>/dev/null
  mv "$killed.filling" "$killed"
  grep -E "clients in|filled" "$work/fill.log" | tail -2
fi
echo "killed store: $(du -sh "$killed" | cut -f1); journal $(stat -c %s "$killed/store.db.journal") bytes"

for run in $(seq 1 "$runs"); do
  rm -rf "$work/run"
  cp -a "$killed" "$work/run"
  sync
  : > "$work/server.log"  # emptied here: the server's redirection happens in its own process, maybe after the first look
  start=$(date +%s%N)
  "$dist/bin/dropvault-server" --port 0 --bind 127.0.0.1 --data "$work/run" > "$work/server.log" 2>&1 &
  server=$!
  until grep -q "listening on" "$work/server.log"; do
    kill -0 "$server" 2>/dev/null || { echo "the server did not start:"; tail -20 "$work/server.log"; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  kill -9 "$server"
  wait "$server" 2>/dev/null
  echo "run $run: listening $(( (end - start) / 1000000 )) ms after the start"
done
