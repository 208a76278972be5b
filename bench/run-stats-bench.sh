#!/usr/bin/env bash
# What counting searches costs the service (docs/performance.md, issue 20):
# 1. vetrina-bench-record: nanoseconds per UsageRecorder::record_search (and
#    per is_bot check) on 2 threads, against the CPU time of one request;
# 2. wrk on /api/search over loopback, the service without and with
#    --stats-dir, alternated (A B A B ...) so that the load of a shared
#    machine falls on both: one URL repeated (the result cache answers: the
#    cheapest request, where counting weighs most) and bench/search-mix.lua
#    (every request searched). wrk sends a browser user agent, else the
#    service would take it for a bot and count nothing.
# Usage: bench/run-stats-bench.sh [N stories, default 1000] [rounds, default 3] [seconds, default 10]
# PORT (default 18090) and CALLS (record_search calls, default 2000000) for short runs.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
ROUNDS=${2:-3}
SECONDS_PER_RUN=${3:-10}
BIN=${BIN:-build-bench}
WORK=bench/work/stats-$N
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
mkdir -p "$WORK"
if [[ ! -d "$WORK/vetrina" ]]; then
  "$BIN/bench/vetrina-bench-gen" --stories "$N" --out "$WORK" --content content >/dev/null
fi
# The real site.yaml names featured stories and /numeri/, which the synthetic site has not.
sed -i '/^featured:/d; /url: "\/numeri\/"/d' "$WORK/vetrina/site.yaml"
# Built every time: an index left by an older binary may have another schema.
"$BIN/vetrina" build --content "$WORK/vetrina" --out "$WORK/public" --index "$WORK/index" --cache "$WORK/cache" >/dev/null
echo "== record_search alone =="
"$BIN/bench/vetrina-bench-record" --calls "${CALLS:-2000000}" --threads 2

UA="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # the server's user + system CPU, in clock ticks
TICK=$(getconf CLK_TCK)
# One wrk run against the server $1; prints "req/s, CPU µs per request" (the
# service's own CPU time divided by the requests it answered: less sensitive
# to the load of a shared machine than the throughput).
measure() {
  local server=$1; shift
  local before after out requests
  before=$(cpu_ticks "$server")
  out=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" -H "User-Agent: $UA" "$@")
  after=$(cpu_ticks "$server")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s, $(echo "scale=1; ($after - $before) * 1000000 / $TICK / $requests" | bc) µs CPU/request"
}
run() {  # $1 = label, $2 = extra serve flags
  local port=${PORT:-18090}
  rm -rf "$WORK/stats"
  # shellcheck disable=SC2086
  "$BIN/vetrina" serve --content "$WORK/vetrina" --out "$WORK/public" --index "$WORK/index" --port $port $2 \
    >/dev/null 2>&1 &
  local server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local one mix
  one=$(measure $server "http://127.0.0.1:$port/api/search?q=orto%20scuola&livello=primaria&competenza=stem")
  mix=$(measure $server -s bench/search-mix.lua "http://127.0.0.1:$port")
  kill -TERM $server; wait $server 2>/dev/null || true
  local lines=0
  [[ -d "$WORK/stats" ]] && lines=$(cat "$WORK/stats"/usage-*.tsv 2>/dev/null | wc -l)
  echo "$1: one URL $one; distinct $mix (statistics lines written: $lines)"
}
echo "== wrk -t2 -c32 -d${SECONDS_PER_RUN}s, $N stories, alternated =="
for round in $(seq 1 "$ROUNDS"); do
  run "round $round without" ""
  run "round $round with   " "--stats-dir $WORK/stats"
done
