#!/usr/bin/env bash
# Report benchmark (docs/performance.md, issue 20): `vetrina report` over N
# access-log lines (default 1,000,000) written by vetrina-bench-log for a
# synthetic site of S stories (default 1,000), split like a rotated nginx log:
# access.log.2.gz (the oldest third, gzip), access.log.1, access.log. Three
# runs, each line "wall, user+sys CPU, peak memory".
# Usage: bench/run-report-bench.sh [N] [S]. Needs build-bench/ in Release
# (cmake -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
S=${2:-1000}
BIN=${BIN:-build-bench}
WORK=bench/work/report-$N-$S
mkdir -p "$WORK"
if [[ ! -d "$WORK/vetrina" ]]; then
  "$BIN/bench/vetrina-bench-gen" --stories "$S" --out "$WORK" --content content >/dev/null
fi
if [[ ! -f "$WORK/access.log" ]]; then
  "$BIN/bench/vetrina-bench-log" --content "$WORK/vetrina" --lines "$N" --days 90 >"$WORK/all.log"
  third=$((N / 3))
  head -n "$third" "$WORK/all.log" | gzip -6 >"$WORK/access.log.2.gz"
  sed -n "$((third + 1)),$((2 * third))p" "$WORK/all.log" >"$WORK/access.log.1"
  tail -n +"$((2 * third + 1))" "$WORK/all.log" >"$WORK/access.log"
  rm "$WORK/all.log"
fi
echo "== vetrina report: $N lines ($(du -ch "$WORK"/access.log* | tail -1 | cut -f1) on disk), $S stories =="
for run in $(seq "${RUNS:-3}"); do  # RUNS: fewer for a smoke run
  rm -rf "$WORK/report"
  /usr/bin/time -f "run $run: %e s wall, %U s user + %S s sys, %M KB peak" \
    "$BIN/vetrina" report --content "$WORK/vetrina" --site-out "$WORK/public" \
    --log "$WORK/access.log.2.gz" "$WORK/access.log.1" "$WORK/access.log" --out "$WORK/report" 2>&1 |
    grep -E "^run|^report"
done
