#!/bin/bash
# A file back from the server against the same file sent to it, and against OpenSSH scp in the same
# direction (the server's copy to the client), interleaved in one run (BENCHMARKS.md "Downloads"):
# bin/dropvault-client send, bin/dropvault-client get, and scp -c aes256-gcm from a private sshd on
# a loopback port; end to end (a JVM's start included), medians of RUNS, with the CPU seconds of the
# client and of the dropvault server for each.
#   download-vs-upload.sh DIST WORK   (DIST: launcher/target/dropvault; WORK: a folder with 3 x SIZE free)
# Knobs: RUNS (3), SIZES (1g; 4294967279 is the largest file, 4 GiB - 17), PORT (19267), SSH_PORT (19268).
# Each download is compared with the file sent (cmp). The stored file is read once before each download
# (ours and scp's), so that both start from the page cache. Writes WORK/results.tsv, one row a try.
set -eu
dist=$(cd "$1" && pwd); work=$2
runs=${RUNS:-3}; sizes=${SIZES:-1g}; port=${PORT:-19267}; ssh_port=${SSH_PORT:-19268}
mkdir -p "$work"; work=$(cd "$work" && pwd)
for tool in scp ssh-keygen cmp numfmt; do
  command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install openssh-server openssh-client)"; exit 2; }
done
. "$(dirname "$0")/lib/loopback-peers.sh"

bytes_of() { numfmt --from=iec "$(echo "$1" | tr a-z A-Z)"; }
now() { date +%s%N; }
mbps() { awk -v n="$1" -v ns="$2" 'BEGIN {printf "%.1f", n / (ns / 1e9) / 1e6}'; }
cpu_of() { awk '{printf "%.3f", ($14 + $15) / 100}' "/proc/$1/stat"; }
children_cpu() { awk '{printf "%.3f", ($16 + $17) / 100}' "/proc/$$/stat"; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$work/results.tsv"; }

start_private_sshd "$work" "$ssh_port"
start_dropvault_server "$dist" "$work" "$port"
client=$work/client; rm -rf "$client"; mkdir -p "$client"
trap 'stop_loopback_peers; rm -f "$work"/plain-* "$client"/back-* "$client"/scp-*' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'size\ttool\tMB/s\tclient_cpu_s\tserver_cpu_s\n' > "$work/results.tsv"

# timed TOOL SIZE COMMAND...: runs the command, records its rate and the CPU of both ends
timed() {
  local tool=$1 n=$2; shift 2
  sync
  local c0 s0 t0 t1
  c0=$(children_cpu); s0=$(cpu_of "$server_pid"); t0=$(now)
  "$@"
  t1=$(now)
  record "$n" "$tool" "$(mbps "$n" $((t1 - t0)))" \
    "$(awk -v a="$c0" -v b="$(children_cpu)" 'BEGIN {printf "%.2f", b - a}')" \
    "$(awk -v a="$s0" -v b="$(cpu_of "$server_pid")" 'BEGIN {printf "%.2f", b - a}')"
}

for size in $sizes; do
  case $size in *[!0-9]*) n=$(bytes_of "$size") ;; *) n=$size ;; esac
  f=$work/plain-$size
  head -c "$n" /dev/urandom > "$f"
  name=$(basename "$f")
  for i in $(seq "$runs"); do
    timed upload "$n" "$dist/bin/dropvault-client" --server "127.0.0.1:$port" --name bench --dir "$client" \
      --quiet send "$f"
    # both downloads read the stored file from the page cache: the server writes it with direct I/O, and
    # on a virtual machine the first touch of page-cache memory costs seconds a GiB to whoever reads first
    stored=$(find "$work/data/files" -name "$name" -type f | head -1)
    cat "$stored" > /dev/null
    timed download "$n" "$dist/bin/dropvault-client" --server "127.0.0.1:$port" --dir "$client" --quiet \
      get "$name" -o "$client/back-$size" --force
    cmp "$f" "$client/back-$size" || { echo "the download of $size differs from the file sent"; exit 1; }
    rm -f "$client/back-$size"
    cat "$stored" > /dev/null
    timed scp-download "$n" scp "${ssh_opts[@]}" -P "$ssh_port" "$user@127.0.0.1:$stored" "$client/scp-$size"
    rm -f "$client/back-$size" "$client/scp-$size"
  done
  rm -f "$f"
done

echo
printf '%-12s %-13s %8s %12s %12s\n' size tool MB/s client_cpu_s server_cpu_s
for size in $sizes; do
  case $size in *[!0-9]*) n=$(bytes_of "$size") ;; *) n=$size ;; esac
  for tool in upload download scp-download; do
    rows=$(awk -F'\t' -v n="$n" -v t="$tool" '$1 == n && $2 == t' "$work/results.tsv")
    printf '%-12s %-13s %8s %12s %12s\n' "$size" "$tool" \
      "$(echo "$rows" | cut -f3 | median)" "$(echo "$rows" | cut -f4 | median)" "$(echo "$rows" | cut -f5 | median)"
  done
  up=$(awk -F'\t' -v n="$n" '$1 == n && $2 == "upload"' "$work/results.tsv" | cut -f3 | median)
  down=$(awk -F'\t' -v n="$n" '$1 == n && $2 == "download"' "$work/results.tsv" | cut -f3 | median)
  scp_down=$(awk -F'\t' -v n="$n" '$1 == n && $2 == "scp-download"' "$work/results.tsv" | cut -f3 | median)
  echo "$size: download / upload $(awk -v a="$down" -v b="$up" 'BEGIN {printf "%.2f", a / b}'),"\
    "download / scp $(awk -v a="$down" -v b="$scp_down" 'BEGIN {printf "%.2f", a / b}')"
done
