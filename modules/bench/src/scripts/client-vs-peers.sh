#!/bin/bash
# bin/dropvault-client against its ceiling and its peers, interleaved in one run (BENCHMARKS.md
# "The real client"): openssl's AES-256-CBC encryption (the ceiling), OpenSSH scp and sftp with
# aes256-gcm to a private sshd on a loopback port, bin/dropvault-client and bin/dropvault-bench,
# for each file size; end to end (a JVM's start and the server's fsync included), medians of RUNS.
#   client-vs-peers.sh DIST WORK   (DIST: launcher/target/dropvault; WORK: a folder with ~4 GB free)
# Knobs: RUNS (5), SIZES (16m 256m 1g), PORT (19257), SSH_PORT (19258), PACKET (the load tool's
# packet bytes; by default the tool's own, which like the client's is 1024 grown to keep a file
# within 65,535 packets: 16,400 for 1 GiB), CHART (WORK/client-vs-peers.png), WARM_MEMORY (1), CLIENT_ALSO
# (conscrypt: bin/dropvault-client run again with each of these --crypto providers, rows
# dropvault-client-NAME, to compare with its default in the same run). Every upload ends with
# its bytes forced to disk, so the disk's own ceilings are measured too (dd conv=fsync through the
# page cache, as scp and sftp write; dd oflag=direct, as the server writes), and dirty pages are
# synced before each try (a try must not pay for the one before).
# WARM_MEMORY=1 first writes most of the free memory once through /dev/shm: a virtual machine whose
# host backs guest memory only when it is first touched (this one: about 3 s of system time a GiB)
# otherwise charges that to whichever tool happens to get fresh pages, page cache included.
# Needs openssl, sshd, scp and sftp (Debian: openssh-server, openssh-client); gnuplot (gnuplot-nox)
# for the chart, python3 for the time to the first byte. Writes WORK/results.tsv, one row a try.
set -eu
dist=$(cd "$1" && pwd); work=$2
runs=${RUNS:-5}; sizes=${SIZES:-16m 256m 1g}; port=${PORT:-19257}; ssh_port=${SSH_PORT:-19258}
packet=${PACKET:-}
client_also=${CLIENT_ALSO-conscrypt}
mkdir -p "$work"; work=$(cd "$work" && pwd)
chart=${CHART:-$work/client-vs-peers.png}
for tool in openssl scp sftp ssh-keygen python3; do
  command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install openssh-server openssh-client openssl python3)"; exit 2; }
done

bytes_of() { numfmt --from=iec "$(echo "$1" | tr a-z A-Z)"; }
now() { date +%s%N; }
mbps() { awk -v n="$1" -v ns="$2" 'BEGIN {printf "%.1f", n / (ns / 1e9) / 1e6}'; }
cpu_of() { awk '{printf "%.3f", ($14 + $15) / 100}' "/proc/$1/stat"; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$work/results.tsv"; }

# --- a private sshd on 127.0.0.1 and the dropvault server (lib/loopback-peers.sh) ---
. "$(dirname "$0")/lib/loopback-peers.sh"
start_private_sshd "$work" "$ssh_port"
rm -rf "$work/client"; mkdir -p "$work/client"
start_dropvault_server "$dist" "$work" "$port"
cleanup() {
  stop_loopback_peers
  rm -f "$work"/plain-* "$work"/sshcopy-*
}
trap cleanup EXIT

if [ "${WARM_MEMORY:-1}" = 1 ] && [ -d /dev/shm ]; then
  free_mib=$(awk '/MemAvailable/ {print int($2 / 1024)}' /proc/meminfo)
  warm=$(( free_mib > 6144 ? free_mib - 4096 : 0 ))
  shm_mib=$(df -m --output=avail /dev/shm | tail -1)
  [ "$warm" -gt "$shm_mib" ] && warm=$(( shm_mib - 512 ))
  if [ "$warm" -gt 0 ]; then
    t0=$(now); dd if=/dev/zero of=/dev/shm/cvp-warm bs=1M count="$warm" status=none; rm -f /dev/shm/cvp-warm
    echo "memory warmed: $warm MiB in $(( ($(now) - t0) / 1000000 )) ms"
  fi
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'size\ttool\tMB/s\tclient_cpu_s\tserver_cpu_s\n' > "$work/results.tsv"

# --- time from the client's start to its first byte on the wire (a listener that takes one byte) ---
first_byte() {
  local f=$1 stamp=$work/first-byte
  python3 - "$stamp" <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 0)); s.listen(1)
open(sys.argv[1] + ".port", "w").write(str(s.getsockname()[1]))
c, _ = s.accept(); c.recv(1); open(sys.argv[1], "w").write(str(time.time_ns())); c.close()
PY
  local py=$!
  for _ in $(seq 100); do [ -s "$stamp.port" ] && break; sleep 0.05; done
  local t0; t0=$(now)
  (cd "$work/client" && timeout 20 "$dist/bin/dropvault-client" --server "127.0.0.1:$(cat "$stamp.port")" --name "first byte" \
    --file "$f" --dir "$work/client/fb" --dialect spec --timeout 2 --quiet > /dev/null 2>&1) || true
  wait "$py" 2>/dev/null || true
  echo $(( ($(cat "$stamp") - t0) / 1000000 ))
  rm -f "$stamp" "$stamp.port"; rm -rf "$work/client/fb"
}

for size in $sizes; do
  n=$(bytes_of "$size"); f=$work/plain-$size
  head -c "$n" /dev/urandom > "$f"; cat "$f" > /dev/null
  for i in $(seq "$runs"); do
    # the ceiling: one encrypting stream of openssl, in 64 KiB blocks
    rate=$(openssl speed -elapsed -seconds 3 -bytes 65536 -evp aes-256-cbc 2>/dev/null | tail -1 | awk '{print $NF}' | tr -d k)
    record "$size" openssl "$(awk -v k="$rate" 'BEGIN {printf "%.1f", k * 1000 / 1e6}')" - -
    # the disk's own ceiling: the same bytes written and forced, as every upload here must be
    sync; t0=$(now); dd if="$f" of="$work/sshcopy-dd" bs=1M conv=fsync status=none; t1=$(now)
    record "$size" dd-fsync "$(mbps "$n" $((t1 - t0)))" - -
    rm -f "$work/sshcopy-dd"
    sync; t0=$(now); dd if="$f" of="$work/sshcopy-dd" bs=4M oflag=direct status=none; sync "$work/sshcopy-dd"; t1=$(now)
    record "$size" dd-direct "$(mbps "$n" $((t1 - t0)))" - -
    rm -f "$work/sshcopy-dd"
    # scp and sftp: aes256-gcm, to a file on the same disk, synced like the server's
    sync; t0=$(now); scp "${ssh_opts[@]}" -P "$ssh_port" "$f" "$user@127.0.0.1:$work/sshcopy-scp"; sync "$work/sshcopy-scp"; t1=$(now)
    record "$size" scp "$(mbps "$n" $((t1 - t0)))" - -
    sync; t0=$(now); echo "put $f $work/sshcopy-sftp" | sftp "${ssh_opts[@]}" -P "$ssh_port" -b - "$user@127.0.0.1" > /dev/null
    sync "$work/sshcopy-sftp"; t1=$(now)
    record "$size" sftp "$(mbps "$n" $((t1 - t0)))" - -
    rm -f "$work"/sshcopy-*
    # the real client, default options, JVM start included (its me.info in a folder per size); then
    # with each provider of CLIENT_ALSO
    mkdir -p "$work/client/$size"
    for crypto in default $client_also; do
      tool=dropvault-client; opts=()
      [ "$crypto" != default ] && { tool=dropvault-client-$crypto; opts=(--crypto "$crypto"); }
      sync; s0=$(cpu_of "$server_pid"); t0=$(now)
      if (cd "$work/client" && /usr/bin/time -f '%U %S' -o "$work/time.txt" "$dist/bin/dropvault-client" \
          --server "127.0.0.1:$port" --name "client $size" --file "$f" --dir "$work/client/$size" "${opts[@]}" \
          --quiet > /dev/null 2> "$work/client.err"); then
        t1=$(now); s1=$(cpu_of "$server_pid")
        record "$size" "$tool" "$(mbps "$n" $((t1 - t0)))" "$(awk '{printf "%.3f", $1 + $2}' "$work/time.txt")" \
          "$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.3f", b - a}')"
      else
        echo "$tool failed ($size): $(tail -3 "$work/client.err")"; exit 1
      fi
    done
    # the load tool, one session
    sync; s0=$(cpu_of "$server_pid"); t0=$(now)
    if /usr/bin/time -f '%U %S' -o "$work/time.txt" "$dist/bin/dropvault-bench" --server "127.0.0.1:$port" --clients 1 \
        --sessions 1 --size "$n" ${packet:+--packet "$packet"} > "$work/bench.out" 2>&1; then
      t1=$(now); s1=$(cpu_of "$server_pid")
      record "$size" dropvault-bench "$(mbps "$n" $((t1 - t0)))" "$(awk '{printf "%.3f", $1 + $2}' "$work/time.txt")" \
        "$(awk -v a="$s0" -v b="$s1" 'BEGIN {printf "%.3f", b - a}')"
    else
      echo "dropvault-bench failed ($size): $(tail -3 "$work/bench.out")"; exit 1
    fi
    find "$work/data/files" -type f -name 'plain-*' -delete 2>/dev/null || true
  done
  ms=$(for i in $(seq "$runs"); do first_byte "$f"; done | median)
  printf '%s\tfirst-byte-ms\t%s\t-\t-\n' "$size" "$ms" >> "$work/results.tsv"
  rm -f "$f"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the table: medians, ratios to openssl and scp of the same size ---
echo
printf '%-6s %-26s %9s %9s %9s %14s %14s\n' size tool "MB/s" "x openssl" "x scp" "client s/GiB" "server s/GiB"
for size in $sizes; do
  n=$(bytes_of "$size")
  med() { awk -F'\t' -v s="$size" -v t="$1" -v c="$2" '$1 == s && $2 == t && $c != "-" {print $c}' "$work/results.tsv" | median; }
  ossl=$(med openssl 3); scp_rate=$(med scp 3)
  for tool in openssl dd-fsync dd-direct scp sftp dropvault-client $(for c in $client_also; do echo "dropvault-client-$c"; done) dropvault-bench; do
    rate=$(med "$tool" 3); c=$(med "$tool" 4); s=$(med "$tool" 5)
    per() { [ -n "$1" ] && awk -v x="$1" -v n="$n" 'BEGIN {printf "%.2f", x * 1073741824 / n}' || echo -; }
    printf '%-6s %-26s %9s %9s %9s %14s %14s\n' "$size" "$tool" "$rate" \
      "$(awk -v a="$rate" -v b="$ossl" 'BEGIN {printf "%.2f", a / b}')" \
      "$(awk -v a="$rate" -v b="$scp_rate" 'BEGIN {printf "%.2f", a / b}')" "$(per "$c")" "$(per "$s")"
  done
  echo "$size: client start to its first byte on the wire, median: $(awk -F'\t' -v s="$size" '$1 == s && $2 == "first-byte-ms" {print $3}' "$work/results.tsv") ms"
done

# --- the chart: throughput by file size, openssl as the ceiling line ---
if command -v gnuplot > /dev/null; then
  variants=$(for c in $client_also; do echo "dropvault-client-$c"; done)
  for tool in openssl dd-fsync dd-direct scp sftp dropvault-client $variants dropvault-bench; do
    for size in $sizes; do
      printf '%s %s\n' "$(bytes_of "$size" | awk '{print $1 / 1048576}')" \
        "$(awk -F'\t' -v s="$size" -v t="$tool" '$1 == s && $2 == t {print $3}' "$work/results.tsv" | median)"
    done > "$work/series-$tool.dat"
  done
  gnuplot <<PLOT
set terminal pngcairo size 900,600 noenhanced
set output "$chart"
set title "Upload throughput on 127.0.0.1 by file size (medians of $runs, end to end)"
set xlabel "file size (MiB)"; set ylabel "MB/s"; set logscale x 2; set key below maxrows 4; set grid
set yrange [0:*]
plot "$work/series-openssl.dat" with lines lw 2 dt 2 title "openssl AES-256-CBC (ceiling)", \
     "$work/series-dd-fsync.dat" with lines lw 1 dt 3 title "dd conv=fsync (the disk, buffered)", \
     "$work/series-dd-direct.dat" with lines lw 1 dt 4 title "dd oflag=direct (the disk, direct)", \
     "$work/series-dropvault-client.dat" with linespoints lw 2 title "bin/dropvault-client", \
     $(for v in $variants; do printf '"%s" with linespoints dt 2 title "bin/dropvault-client --crypto %s", ' "$work/series-$v.dat" "${v#dropvault-client-}"; done)"$work/series-dropvault-bench.dat" with linespoints title "bin/dropvault-bench", \
     "$work/series-scp.dat" with linespoints title "scp aes256-gcm", \
     "$work/series-sftp.dat" with linespoints title "sftp aes256-gcm"
PLOT
  echo "chart: $chart"
else
  echo "no gnuplot (apt-get install gnuplot-nox): no chart"
fi
