#!/bin/bash
# Two builds (or two settings) of bin/dropvault-client side by side: uploads that take turns, so
# that both see the same machine (this one's speed drifts by 10 % and more over minutes); a
# round of each first, untimed. BENCHMARKS.md "The real client against openssl, scp and sftp".
#   client-ab.sh RUNS FILE WORK LABEL=DIST=PORT[=CLIENT_OPTIONS[=JAVA_OPTIONS]] ...
# Each distinct PORT gets a server of its DIST, its data folder in WORK/LABEL (of the first label
# on that port); SERVER_EXTRA_PORT and SERVER_EXTRA add a line to that port's server.properties.
# Prints one row an upload (label, wall s, client CPU s, the server's CPU s in that time), then
# the medians by label. The data folders are removed at the end.
#   client-ab.sh 10 /root/p/plain-1g /root/ab base=/tmp/base/launcher/target/dropvault=19301 \
#     new=launcher/target/dropvault=19302 conscrypt=launcher/target/dropvault=19302=--crypto\ conscrypt
set -u
runs=$1; file=$2; work=$3; shift 3
mkdir -p "$work"; work=$(cd "$work" && pwd)
rows=$work/rows.txt; : > "$rows"
cpu_of() { awk '{printf "%.3f", ($14 + $15) / 100}' "/proc/$1/stat"; }
declare -A server_of servers
# the images' folders made absolute: the clients run in their own folders
specs=()
for spec in "$@"; do
  IFS="=" read -r label dist rest <<< "$spec"
  specs+=("$label=$(cd "$dist" && pwd)=$rest")
done
for spec in "${specs[@]}"; do
  IFS="=" read -r label dist port _ <<< "$spec"
  d=$work/$label; rm -rf "$d"; mkdir -p "$d/data" "$d/client"
  if [ -z "${servers[$port]:-}" ]; then
    printf 'bind=127.0.0.1\ndata=%s/data\nmax.file.size=4294967279\nlimits.exempt=127.0.0.0/8\n' "$d" > "$d/server.properties"
    if [ -n "${SERVER_EXTRA_PORT:-}" ] && [ "$port" = "$SERVER_EXTRA_PORT" ]; then
      echo "$SERVER_EXTRA" >> "$d/server.properties"
    fi
    "$dist/bin/dropvault-server" --port "$port" --config "$d/server.properties" > "$d/server.log" 2>&1 &
    servers[$port]=$!
    for _ in $(seq 100); do grep -q 'listening' "$d/server.log" 2>/dev/null && break; sleep 0.1; done
  fi
  server_of[$label]=${servers[$port]}
done
for r in $(seq 0 "$runs"); do
  for spec in "${specs[@]}"; do
    IFS="=" read -r label dist port extra jopts <<< "$spec"
    d=$work/$label; pid=${server_of[$label]}
    sync
    s0=$(cpu_of "$pid"); t0=$(date +%s%N)
    # shellcheck disable=SC2086 # the client's options are split on blanks
    if ! (cd "$d/client" && DROPVAULT_JAVA_OPTS="${jopts:-}" /usr/bin/time -f "%U %S" -o "$d/time.txt" \
        "$dist/bin/dropvault-client" --server "127.0.0.1:$port" --name "ab $label" --file "$file" --dir "$d/client/id" \
        ${extra:-} --quiet > "$d/client.out" 2>&1); then
      echo "$label failed: $(tail -3 "$d/client.out")"; continue
    fi
    t1=$(date +%s%N); s1=$(cpu_of "$pid")
    [ "$r" = 0 ] && continue
    read -r u s < "$d/time.txt"
    awk -v l="$label" -v a="$t0" -v b="$t1" -v u="$u" -v s="$s" -v c="$s0" -v e="$s1" \
      'BEGIN {printf "%s %.3f %.2f %.2f\n", l, (b - a) / 1e9, u + s, e - c}' | tee -a "$rows"
  done
done
for p in "${servers[@]}"; do kill "$p"; done
wait 2>/dev/null
python3 - "$rows" <<'PY'
import collections, statistics as st, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split()
    rows[p[0]].append([float(x) for x in p[1:]])
print("medians: label, uploads, wall s, client CPU s, server CPU s")
for k, v in rows.items():
    print("%-12s %2d  %.3f  %.2f  %.2f" % (k, len(v), *(st.median(x[i] for x in v) for i in range(3))))
PY
for spec in "${specs[@]}"; do IFS="=" read -r label _ <<< "$spec"; rm -rf "${work:?}/$label"; done
