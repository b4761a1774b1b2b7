#!/bin/sh
# What TLS costs, in one run: one server of the image DIST with a plain and a TLS listener, the load
# tool alternating between them, ROUNDS rounds of each of two loads:
#   large: one upload of LARGE (default 1g) in 128 KiB packets: throughput, and the CPU time of the
#          load tool and of the server for it, TLS against plain;
#   small: CLIENTS (default 8) clients doing SESSIONS (default 200) 1 KiB sessions each, a new
#          connection (and a TLS handshake) each: sessions/s, TLS against plain.
# The load tool's TLS provider is Conscrypt unless TLS_PROVIDER=jdk (the server's too: tls.provider).
# Usage: tls-cost.sh DIST [ROUNDS]
# TMP: where the data folder goes (default: the system's; /dev/shm takes the disk out of it).
set -eu
dist=$1
rounds=${2:-3}
large=${LARGE:-1g}
clients=${CLIENTS:-8}
sessions=${SESSIONS:-200}
provider=${TLS_PROVIDER:-auto}
work=$(mktemp -d "${TMP:-/tmp}/tls-cost.XXXXXX")
trap 'kill "$pid" 2>/dev/null && wait "$pid"; rm -rf "$work"' EXIT
pid=

cat > "$work/server.properties" <<PROPS
bind=127.0.0.1
data=$work/data
idle.timeout.seconds=600
limits.exempt=127.0.0.0/8
versions.keep=0
max.file.size=4294967279
tls.provider=$provider
PROPS
"$dist/bin/dropvault-server" --port 0 --tls-port 0 --config "$work/server.properties" > "$work/out.txt" 2> "$work/server.log" &
pid=$!
for _ in $(seq 100); do grep -q "(tls)" "$work/out.txt" && break; sleep 0.2; done
plain=$(grep -v tls "$work/out.txt" | sed 's/.*://')
tls=$(grep "(tls)" "$work/out.txt" | sed 's/.*:\([0-9]*\) (tls)/\1/')
grep -o "TLS 1.3 with [a-z]*" "$work/server.log"

# user + system time of the server so far, in clock ticks
server_cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')"
export DROPVAULT_JAVA_OPTS="-Ddropvault.tls.provider=$provider"
for i in $(seq "$rounds"); do
  for which in plain tls; do
    if [ "$which" = plain ]; then port=$plain; opt=; else port=$tls; opt=--tls; fi
    echo "### large, $which, round $i; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    before=$(server_cpu)
    "$dist/bin/dropvault-bench" --server "127.0.0.1:$port" $opt --clients 1 --sessions 1 --size "$large" \
      --packet 131072 | grep -E "^(sessions|throughput|client cpu|result):" || true
    echo "server cpu: $(( $(server_cpu) - before )) ticks of $(getconf CLK_TCK)/s"
  done
  for which in plain tls; do
    if [ "$which" = plain ]; then port=$plain; opt=; else port=$tls; opt=--tls; fi
    echo "### small, $which, round $i; load: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$dist/bin/dropvault-bench" --server "127.0.0.1:$port" $opt --clients "$clients" --sessions "$sessions" \
      --warmup 5 --size 1k | grep -E "^(sessions|throughput|latency|result):" || true
  done
done
