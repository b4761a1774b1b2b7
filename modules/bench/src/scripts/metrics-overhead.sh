#!/bin/bash
# The cost of metrics: the image's server with and without metrics.bind (scraped once a second
# while on), alternating runs on the same machine in the same minutes; see BENCHMARKS.md.
IMG=$(cd "${1:?usage: metrics-overhead.sh IMAGE_DIR [WORK_DIR]}" && pwd) || exit 1
mkdir -p "${2:-/tmp/dropvault-metrics-overhead}" && cd "${2:-/tmp/dropvault-metrics-overhead}" || exit 1
ulimit -n 20000
for run in 1 2 3 4; do
  for mode in off on; do
    rm -rf data-$mode; mkdir data-$mode
    printf 'bind=127.0.0.1\nidle.timeout.seconds=600\n' > conf-$mode.properties
    [ $mode = on ] && echo 'metrics.bind=127.0.0.1:19300' >> conf-$mode.properties
    $IMG/bin/dropvault-server --port 19299 --data data-$mode --config conf-$mode.properties > out-$mode.txt 2> err-$mode.txt &
    pid=$!
    for _ in $(seq 600); do grep -q listening out-$mode.txt 2>/dev/null && break; sleep 0.1; done
    grep -q listening out-$mode.txt || { echo "the server did not start: $(cat err-$mode.txt)"; exit 1; }
    scraper=
    if [ $mode = on ]; then
      (while true; do curl -s -o /dev/null http://127.0.0.1:19300/metrics; sleep 1; done) & scraper=$!
    fi
    line=$($IMG/bin/dropvault-bench --server 127.0.0.1:19299 --clients 64 --sessions 100 --size 1k --warmup 5 2>&1 | grep -E "^throughput|^sessions:" | tr "\n" " ")
    [ -n "$scraper" ] && kill $scraper
    kill -TERM $pid; wait $pid
    echo "run $run metrics=$mode: $line"
  done
done
