#!/usr/bin/env bash
# Search benchmark (docs/performance.md):
# - index build time and size: `vetrina build` (pages + Xapian index, and the
#   index phase alone from --timings) against Pagefind (npm `pagefind`,
#   indexing the same site's HTML), on the same synthetic stories;
# - query latency p50/p99 of a two-word query with two filters and every
#   facet (vetrina-bench-search), at N stories, with the term cache and
#   without it (every query reads its words' posting lists);
# - requests per second of /api/search over HTTP with Debian's wrk on
#   loopback: one URL repeated (answered from the result cache after the
#   first time) and distinct requests (bench/search-mix.lua: 129,024 of
#   them, none repeated within a run: every request searched).
# Usage: bench/run-search-bench.sh [N] (default 10000). Needs build-bench/ built
# in Release (cmake -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench).
# SKIP_BUILD=1 reuses the site and index of an earlier run (no build, no Pagefind);
# SKIP_PAGEFIND=1 builds but leaves Pagefind out (it needs 5 GB at 10,000 stories).
# QUERIES (default 2000), WRK_SECONDS (default 20) and PORT (default 18080)
# shorten or move the runs (the test command's smoke run uses them).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
BIN=${BIN:-build-bench}
WORK=bench/work/search-$N
QUERIES=${QUERIES:-2000}
WRK_SECONDS=${WRK_SECONDS:-20}
PORT=${PORT:-18080}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
mkdir -p "$WORK"
if [[ ! -d "$WORK/vetrina" ]]; then
  "$BIN/bench/vetrina-bench-gen" --stories "$N" --out "$WORK" --content content >/dev/null
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
echo "== vetrina build ($N stories): pages + index =="
rm -rf "$WORK/public" "$WORK/index"
/usr/bin/time -f "%e s wall, %M KB peak" "$BIN/vetrina" build --timings --content "$WORK/vetrina" \
  --out "$WORK/public" --index "$WORK/index" --cache "$WORK/cache" 2>&1 | grep -E "pagine|indice|built|wall"
echo "index size: $(du -sh "$WORK/index" | cut -f1)"

if [[ -z "${SKIP_PAGEFIND:-}" ]]; then
command -v npx >/dev/null || { echo "needs npx for Pagefind (apt-get install nodejs npm), or SKIP_PAGEFIND=1"; exit 2; }
echo "== Pagefind on the same HTML =="
rm -rf "$WORK/public/pagefind"
start=$(date +%s.%N)
npx --yes pagefind@1 --site "$WORK/public" --output-subdir pagefind >/dev/null
end=$(date +%s.%N)
echo "pagefind: $(echo "$end - $start" | bc) s, size $(du -sh "$WORK/public/pagefind" | cut -f1)"
rm -rf "$WORK/public/pagefind"
fi
fi

echo "== query latency (one thread) =="
"$BIN/bench/vetrina-bench-search" --index "$WORK/index" --queries "$QUERIES"
echo "-- without the term cache --"
"$BIN/bench/vetrina-bench-search" --index "$WORK/index" --queries "$QUERIES" --term-cache 0

echo "== /api/search over HTTP: wrk, 2 threads, 32 connections, $WRK_SECONDS s =="
"$BIN/vetrina" serve --content "$WORK/vetrina" --out "$WORK/public" --index "$WORK/index" --port "$PORT" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
echo "-- one URL repeated --"
wrk -t2 -c32 -d"${WRK_SECONDS}s" "http://127.0.0.1:$PORT/api/search?q=orto%20scuola&livello=primaria&competenza=stem" | \
  grep -E "Latency|Requests/sec|Non-2xx|Socket errors"
echo "-- distinct requests (bench/search-mix.lua) --"
wrk -t2 -c32 -d"${WRK_SECONDS}s" -s bench/search-mix.lua "http://127.0.0.1:$PORT" | \
  grep -E "Latency|Requests/sec|Non-2xx|Socket errors"
