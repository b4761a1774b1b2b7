#!/bin/sh
# The cost of safeguards on the session rate, in one run: a server of another build (BASE_DIST, e.g.
# the image of the commit before a change) against this build (DIST), alternating, ROUNDS times
# each. The load comes from loopback, so DIST runs with loopback exempt from per-source limits
# (CONF, default limits.exempt=127.0.0.0/8); BASE_CONF is the base's (default: none).
# SIZE (default 1k), CLIENTS (default 64) and WARMUP (default 5) set the load tool's sessions
# (SIZE=1g CLIENTS=1 WARMUP=0 with a few SESSIONS for large uploads).
# Usage: safeguards-cost.sh BASE_DIST DIST [ROUNDS] [SESSIONS]
# TMP: where the data folders go (default: the system's). On this machine ext4's inode allocator
# makes the rate of a fresh data folder vary by half from run to run (it scans for inodes it may
# reuse); TMP=/dev/shm puts the data on tmpfs, so the sessions cost CPU only and the safeguards'
# share of it shows. Both servers always get the same kind of folder.
set -eu
base=$1
dist=$2
rounds=${3:-5}
sessions=${4:-300}
size=${SIZE:-1k}
clients=${CLIENTS:-64}
warmup=${WARMUP:-5}
base_conf=${BASE_CONF-}
conf=${CONF-limits.exempt=127.0.0.0/8}
work=$(mktemp -d "${TMP:-/tmp}/safeguards-cost.XXXXXX")
port=${PORT:-14613}
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
pid=

start() {
  rm -rf "$work/data"
  cat > "$work/server.properties" <<PROPS
bind=127.0.0.1
data=$work/data
idle.timeout.seconds=600
$2
PROPS
  "$1/bin/dropvault-server" --port "$port" --config "$work/server.properties" > "$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q "listening on" "$work/server.log" && break; sleep 0.2; done
}
stop() { kill "$pid"; wait "$pid" || true; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')"
for i in $(seq "$rounds"); do
  for which in base build; do
    if [ "$which" = base ]; then start "$base" "$base_conf"; else start "$dist" "$conf"; fi
    echo "### $which, round $i; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$dist/bin/dropvault-bench" --server "127.0.0.1:$port" --clients "$clients" --sessions "$sessions" \
      --warmup "$warmup" --size "$size" \
      | grep -E "^(sessions|throughput|result):" || true
    stop
  done
done
