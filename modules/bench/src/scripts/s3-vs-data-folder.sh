#!/bin/bash
# Received files in a bucket (files.provider=s3) against the data folder, in one run (BENCHMARKS.md
# "Files in a bucket"): two packaged servers side by side, one on each, loaded in turn by the load tool
# with one 1 GiB session and with 1 KiB sessions; the rate, the server's CPU seconds (a GiB, a session)
# and the S3 server's, and for the 1 GiB session in the bucket where its time goes.
#   s3-vs-data-folder.sh DIST WORK   (DIST: launcher/target/dropvault; WORK: a folder with 4 GB free)
# The S3 server is S3Proxy with its file-system back end (modules/test-s3 copies its jar into
# target/s3proxy), on WORK's disk like the data folder. Knobs: RUNS (3), PORT (19281, and PORT+1),
# S3_PORT (19283), SESSIONS (100 a client, 16 clients, 1 KiB runs), JAVA (java: runs S3Proxy),
# S3PROXY_JAR (modules/test-s3/target/s3proxy/s3proxy-*-jar-with-dependencies.jar).
set -eu
dist=$(cd "$1" && pwd); work=$2
runs=${RUNS:-3}; port=${PORT:-19281}; s3_port=${S3_PORT:-19283}; sessions=${SESSIONS:-100}
here=$(cd "$(dirname "$0")" && pwd)
jar=${S3PROXY_JAR:-$(ls "$here"/../../../test-s3/target/s3proxy/s3proxy-*-jar-with-dependencies.jar 2> /dev/null | head -1)}
[ -f "$jar" ] || { echo "no S3Proxy jar: build modules/test-s3 (./mvnw -pl modules/test-s3 package) or set S3PROXY_JAR"; exit 2; }
mkdir -p "$work"; work=$(cd "$work" && pwd)
bench="$dist/bin/dropvault-bench"
ulimit -n 20000

now() { date +%s%N; }
cpu_of() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat"; }
delta() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$work/results.tsv"; }
wait_for() { for _ in $(seq 300); do grep -q "$2" "$1" 2> /dev/null && return 0; sleep 0.2; done; echo "timed out: $2 in $1"; exit 1; }

pids=()
trap 'kill "${pids[@]}" 2> /dev/null || true' EXIT

# S3Proxy, a bucket in its folder, the access key of the tests
rm -rf "$work/s3"; mkdir -p "$work/s3/data/dropvault-bench"
cat > "$work/s3/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/s3/data
jclouds.identity=local
jclouds.credential=local
CONF
"${JAVA:-java}" -Xmx512m -jar "$jar" --properties "$work/s3/s3proxy.conf" > "$work/s3/s3proxy.log" 2>&1 &
s3_pid=$!; pids+=("$s3_pid")
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$s3_port/" && break; sleep 0.2; done

# start_server NAME PORT EXTRA-PROPERTIES: a packaged server with its own data folder; sets pid_NAME
start_server() {
  local name=$1 p=$2 extra=$3
  local dir=$work/server-$name
  rm -rf "$dir"; mkdir -p "$dir"
  printf 'bind=127.0.0.1\ndata=%s\nmax.file.size=4294967279\nidle.timeout.seconds=600\nlimits.exempt=127.0.0.0/8\n%b' \
    "$dir/data" "$extra" > "$dir/server.properties"
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret \
    "$dist/bin/dropvault-server" --port "$p" --config "$dir/server.properties" > "$dir/server.log" 2>&1 &
  pids+=("$!"); eval "pid_${name//-/_}=$!"
  wait_for "$dir/server.log" "listening on"
}
start_server data-folder "$port" ""
start_server s3 "$((port + 1))" "files.provider=s3\nfiles.s3.endpoint=http://127.0.0.1:$s3_port\nfiles.s3.bucket=dropvault-bench\nfiles.s3.path.style=true\n"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'kind\tfiles\trate\tserver_cpu_s\ts3_cpu_s\n' > "$work/results.tsv"

# one_run KIND FILES PORT PID BENCH-ARGS...: the load tool's rate line, the CPU of the server and of S3Proxy
one_run() {
  local kind=$1 files=$2 p=$3 pid=$4; shift 4
  sync
  local s0 x0 out rate
  s0=$(cpu_of "$pid"); x0=$(cpu_of "$s3_pid")
  out=$("$bench" --server "127.0.0.1:$p" "$@" 2>&1) || { echo "$out"; echo "the load tool failed ($kind, $files)"; exit 1; }
  if [ "$kind" = 1g ]; then
    rate=$(echo "$out" | grep -oE '[0-9.]+ MB/s' | head -1 | cut -d' ' -f1)
  else
    rate=$(echo "$out" | grep -oE '[0-9.]+ sessions/s' | head -1 | cut -d' ' -f1)
  fi
  record "$kind" "$files" "$rate" "$(delta "$s0" "$(cpu_of "$pid")")" "$(delta "$x0" "$(cpu_of "$s3_pid")")"
  # nothing kept between runs: each run starts from the same empty area
  find "$work/server-data-folder/data/files" -type f -delete 2> /dev/null || true
  find "$work/s3/data/dropvault-bench" -mindepth 1 -delete 2> /dev/null || true
}

for i in $(seq "$runs"); do
  one_run 1g data-folder "$port" "$pid_data_folder" --clients 1 --sessions 1 --size 1g --packet 131072
  one_run 1g s3 "$((port + 1))" "$pid_s3" --clients 1 --sessions 1 --size 1g --packet 131072
  one_run 1k data-folder "$port" "$pid_data_folder" --clients 16 --sessions "$sessions" --warmup 5 --size 1k
  one_run 1k s3 "$((port + 1))" "$pid_s3" --clients 16 --sessions "$sessions" --warmup 5 --size 1k
done

# where a 1 GiB session's time goes in the bucket: until the multipart upload completes (the bytes
# received, decrypted and sent as parts; 1603 follows), then the keeping (a server-side copy to the
# file's name and the delete of the temporary key; 1604 follows). Read off the bucket's folder.
bucket=$work/s3/data/dropvault-bench
uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
t0=$(now)
"$bench" --server "127.0.0.1:$((port + 1))" --clients 1 --sessions 1 --size 1g --packet 131072 > "$work/phases.out" 2>&1 &
bench_pid=$!
t_temp=; t_final=
while kill -0 "$bench_pid" 2> /dev/null; do
  # exact names: S3Proxy writes an object to NAME-RANDOM and renames it when it is whole
  [ -z "$t_temp" ] && find "$bucket" -regextype posix-extended -type f \
    -regex ".*/\.upload-[^/~]+~[0-9]+-$uuid" 2> /dev/null | grep -q . && t_temp=$(now)
  [ -z "$t_final" ] && find "$bucket" -regextype posix-extended -type f \
    -regex '.*/files/[0-9a-f]{32}/bench-[0-9]+\.bin' 2> /dev/null | grep -q . && t_final=$(now)
  sleep 0.05
done
t1=$(now)
echo
echo "1 GiB into the bucket, phases (read off the bucket's folder every 50 ms):"
awk -v a="$t0" -v b="${t_temp:-$t1}" -v c="${t_final:-$t1}" -v d="$t1" 'BEGIN {
  printf "  upload to a completed multipart object: %.1f s\n  keeping (copy to the name, delete):     %.1f s\n  total:                                  %.1f s\n",
    (b - a) / 1e9, (c - b) / 1e9, (d - a) / 1e9 }'

# a whole file in one 828 (a dialect of §8) is read both ways until its end: two part streams, the
# loser's multipart upload aborted at the end. What S3Proxy writes to its disk, against packets of 128 KiB.
written() { awk '/^write_bytes/ {print $2}' "/proc/$s3_pid/io"; }
echo
for packet in 131072 268435472; do
  w0=$(written); c0=$(cpu_of "$pid_s3"); x0=$(cpu_of "$s3_pid")
  "$bench" --server "127.0.0.1:$((port + 1))" --clients 1 --sessions 1 --size 256m --packet "$packet" > /dev/null
  sync
  echo "256 MiB in packets of $packet bytes: S3Proxy wrote $(awk -v a="$w0" -v b="$(written)" 'BEGIN {printf "%.0f", (b - a) / 1048576}') MiB;"\
    "server CPU $(delta "$c0" "$(cpu_of "$pid_s3")") s, S3Proxy CPU $(delta "$x0" "$(cpu_of "$s3_pid")") s"
  find "$work/s3/data/dropvault-bench" -mindepth 1 -delete 2> /dev/null || true
done

echo
printf '%-5s %-12s %10s %14s %14s\n' kind files rate server_cpu_s s3_cpu_s
for kind in 1g 1k; do
  for files in data-folder s3; do
    rows=$(awk -F'\t' -v k="$kind" -v f="$files" '$1 == k && $2 == f' "$work/results.tsv")
    printf '%-5s %-12s %10s %14s %14s\n' "$kind" "$files" "$(echo "$rows" | cut -f3 | median)" \
      "$(echo "$rows" | cut -f4 | median)" "$(echo "$rows" | cut -f5 | median)"
  done
done
echo "(rate: MB/s for 1g, sessions/s for 1k; CPU seconds a run: the 1g run is one GiB, a 1k run $((16 * (sessions + 5))) sessions)"
