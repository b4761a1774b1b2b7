#!/usr/bin/env bash
# Build step: records the AOT cache (JEP 483/514) that bin/dropvault-server starts with. Runs the
# server of the image IMAGE once, as bin/dropvault-server would, until its "listening" line, then
# stops it with SIGTERM; the JVM writes the classes it loaded and linked to lib/dropvault-server.aot.
#   aot-training.sh IMAGE WORK_DIR
set -euo pipefail
image=$1
work=$2
cache="$image/lib/dropvault-server.aot"
rm -rf "$work" "$cache"
mkdir -p "$work"

exec 3< <(exec "$image/bin/java" -XX:AOTCacheOutput="$cache" \
  --enable-native-access=lz4,org.conscrypt -Ddropvault.home="$image" \
  -Djava.util.logging.config.file="$image/conf/logging.properties" \
  -m dropvault.launcher/dropvault.launcher.ServerMain --port 0 --bind 127.0.0.1 --data "$work/data" \
  2>"$work/stderr.txt")
server=$!
if ! read -r line <&3 || [[ $line != "dropvault listening on "* ]]; then
  echo "aot-training: the server did not start: ${line:-no output}" >&2
  cat "$work/stderr.txt" >&2
  kill "$server" 2>/dev/null || true
  exit 1
fi
kill -TERM "$server"
wait "$server"
[[ -s $cache ]] || { echo "aot-training: no AOT cache written" >&2; cat "$work/stderr.txt" >&2; exit 1; }
