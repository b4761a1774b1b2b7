#!/usr/bin/env bash
# Build step: records the AOT caches (JEP 483/514/515) that bin/dropvault-server,
# bin/dropvault-client and bin/dropvault-bench start with. Runs the server of the image IMAGE as
# bin/dropvault-server would; once it listens, bin/dropvault-client's JVM uploads an 8 MiB file to
# it twice (registering, then reconnecting) and the load tool runs two sessions; then the server
# is stopped with SIGTERM. Each JVM writes the classes it loaded and linked, and the profiles of its
# methods, to lib/dropvault-{server,client,bench}.aot.
#   aot-training.sh IMAGE WORK_DIR
set -euo pipefail
image=$1
work=$2
cache="$image/lib/dropvault-server.aot"
client_cache="$image/lib/dropvault-client.aot"
bench_cache="$image/lib/dropvault-bench.aot"
rm -rf "$work" "$cache" "$client_cache" "$bench_cache"
mkdir -p "$work"
# the JVM assembles a cache in a child process of java.home's bin/java: there for the training only
# (the image's java lives in libexec/, out of bin/)
ln -sf ../libexec/java "$image/bin/java"
trap 'rm -f "$image/bin/java"' EXIT

exec 3< <(exec "$image/libexec/java" -XX:AOTCacheOutput="$cache" \
  --enable-native-access=lz4,org.conscrypt,dropvault.crypto --add-opens=java.base/java.net=org.conscrypt -Ddropvault.home="$image" \
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
port=${line##*:}
head -c $((8 << 20)) /dev/urandom > "$work/training.bin"
mkdir -p "$work/client"
for run in register reconnect; do
  # the options of bin/dropvault-client, so that the cache fits the runs that use it
  if ! "$image/libexec/java" -XX:AOTCacheOutput="$client_cache.$run" --enable-native-access=lz4,org.conscrypt,dropvault.crypto --add-opens=java.base/java.net=org.conscrypt \
      -XX:CompileThresholdScaling=10 -Ddropvault.home="$image" -Djava.util.logging.config.file="$image/conf/logging.properties" \
      -m dropvault.launcher/dropvault.launcher.ClientMain --server "127.0.0.1:$port" --name "aot training" \
      --file "$work/training.bin" --dir "$work/client" --quiet > "$work/client-$run.txt" 2>&1; then
    echo "aot-training: the client's $run upload failed" >&2
    cat "$work/client-$run.txt" >&2
    kill "$server" 2>/dev/null || true
    exit 1
  fi
done
# the second run saw the reconnection and a warm me.info: its cache is the one kept
mv "$client_cache.reconnect" "$client_cache"
rm -f "$client_cache.register"
# the load tool, as bin/dropvault-bench runs it: two sessions of 8 MiB
if ! "$image/libexec/java" -XX:AOTCacheOutput="$bench_cache" --enable-native-access=org.conscrypt,dropvault.crypto --add-opens=java.base/java.net=org.conscrypt \
    -XX:CompileThresholdScaling=10 -Ddropvault.home="$image" \
    -Djava.util.logging.config.file="$image/conf/logging.properties" \
    -m dropvault.bench/dropvault.bench.BenchMain --server "127.0.0.1:$port" --clients 1 --sessions 2 \
    --size $((8 << 20)) > "$work/bench.txt" 2>&1; then
  echo "aot-training: the load tool's run failed" >&2
  cat "$work/bench.txt" >&2
  kill "$server" 2>/dev/null || true
  exit 1
fi
kill -TERM "$server"
wait "$server"
[[ -s $cache ]] || { echo "aot-training: no AOT cache written" >&2; cat "$work/stderr.txt" >&2; exit 1; }
[[ -s $client_cache ]] || { echo "aot-training: no client AOT cache written" >&2; exit 1; }
[[ -s $bench_cache ]] || { echo "aot-training: no load tool AOT cache written" >&2; exit 1; }
