#!/bin/bash
# Every measurement of BENCHMARKS.md "Load", against the distribution's server on 127.0.0.1.
#   measure.sh DIST WORK   (DIST: launcher/target/dropvault; WORK: an empty folder with ~20 GB free)
# Knobs (environment): RUNS (5), PORT (19256), SESSIONS (200 a client, 1 KiB runs), BIG (4294967279,
# the one large file), MANY (100 uploads of MANY_SIZE=100m), SERVER_OPTS (DROPVAULT_JAVA_OPTS of the
# server, e.g. -Xmx128m; empty: the bin script's defaults), SKIP (words: ceilings 1g small idle big many).
set -eu
dist=$(cd "$1" && pwd); work=$2
runs=${RUNS:-5}; port=${PORT:-19256}; sessions=${SESSIONS:-200}
big=${BIG:-4294967279}; many=${MANY:-100}; many_size=${MANY_SIZE:-100m}; skip=" ${SKIP:-} "
bench="$dist/bin/dropvault-bench"
mkdir -p "$work"; work=$(cd "$work" && pwd)
ulimit -n 20000

say() { echo "### $*"; }
load() { echo "load: $(uptime | sed 's/.*load average/load average/')"; }
skipped() { case "$skip" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

server_pid=
start_server() {
  rm -rf "$work/data"
  cat > "$work/server.properties" <<PROPS
bind=127.0.0.1
data=$work/data
max.file.size=4294967279
idle.timeout.seconds=600
# the load comes from loopback on purpose: exempt it from penalties and per-source limits
limits.exempt=127.0.0.0/8
PROPS
  DROPVAULT_JAVA_OPTS="${SERVER_OPTS:-}" "$dist/bin/dropvault-server" --port "$port" --config "$work/server.properties" \
    > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do grep -q "listening on" "$work/server.log" && break; sleep 0.2; done
  # the script forks java directly (exec): $! is the JVM
  echo "server pid $server_pid, SERVER_OPTS='${SERVER_OPTS:-}'"
}
stop_server() {
  kill "$server_pid"
  # a server that ran out of heap may not be able to run its SIGTERM handler
  for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$server_pid" 2>/dev/null; then echo "server did not stop on SIGTERM: SIGKILL"; kill -9 "$server_pid"; fi
  wait "$server_pid" || true
}
memory() { grep -E 'VmHWM|VmRSS' "/proc/$server_pid/status" | tr -s ' \t\n' ' '; echo; }
server_cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$server_pid/stat"; }
clean_files() { find "$work/data/files" -type f -name 'bench-*' -delete 2>/dev/null || true; }
run_bench() {
  local before; before=$(server_cpu)
  load; "$bench" --server "127.0.0.1:$port" "$@" || echo "(exit status $?)"
  echo "server cpu: $(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN {printf "%.2f", b - a}') s"
  clean_files
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')"

if ! skipped ceilings; then
  say "ceilings: openssl AES-256-CBC and GNU cksum"
  head -c $((1 << 30)) /dev/urandom > "$work/plain-1g"
  cat "$work/plain-1g" > /dev/null
  for i in $(seq "$runs"); do
    load; openssl speed -elapsed -seconds 3 -bytes 65536 -evp aes-256-cbc 2>/dev/null | tail -1
    t0=$(date +%s.%N); cksum "$work/plain-1g" > /dev/null; t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "GNU cksum, 1 GiB warm file: %.0f MB/s\n", 1073741824 / (b - a) / 1e6}'
  done
  rm -f "$work/plain-1g"
fi

start_server
if ! skipped 1g; then
  say "one 1 GiB upload (131072-byte packets), end to end including the server's fsync"
  for i in $(seq "$runs"); do run_bench --clients 1 --sessions 1 --warmup 1 --size 1g --packet 131072; done
fi
if ! skipped small; then
  say "1 KiB sessions, 64 clients, a new connection per session"
  for i in $(seq "$runs"); do run_bench --clients 64 --sessions "$sessions" --warmup 5 --size 1k; done
fi
if ! skipped idle; then
  say "1 KiB sessions, 64 clients, while 10,000 idle connections are held open"
  for i in $(seq "$runs"); do run_bench --clients 64 --sessions "$sessions" --warmup 5 --size 1k --idle 10000; done
fi
memory
stop_server

if ! skipped big; then
  say "server memory while it receives one file of $big bytes (fresh server: VmHWM is its peak)"
  start_server; run_bench --clients 1 --sessions 1 --size "$big" --packet 131072; memory; stop_server
fi
if ! skipped many; then
  say "server memory while it receives $many concurrent uploads of $many_size (fresh server)"
  start_server; run_bench --clients "$many" --sessions 1 --size "$many_size" --packet 131072; memory; stop_server
fi
