#!/usr/bin/env bash
# The benchmarks of bench/, run at a tiny size (50 stories, one run, a second
# of wrk) so that they cannot silently break again (issue 19: the generator
# once copied the real site's featured stories and menu into the synthetic
# site, and every benchmark stopped there). No timing is asserted: each
# script must finish with exit 0 and print the lines its numbers come from.
# Usage: smoke.sh SOURCE_DIR BUILD_DIR (BUILD_DIR has vetrina and bench/).
set -euo pipefail
source_dir=$1
build_dir=$(realpath "$2")
cd "$source_dir"
vetrina="$build_dir/vetrina"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export BUILD_DIR="$build_dir" BIN="$build_dir"

# run NAME PATTERN... -- COMMAND...: runs the benchmark, then checks that its
# output has every PATTERN (extended regex).
run() {
  local name=$1; shift
  local patterns=()
  while [[ $1 != -- ]]; do patterns+=("$1"); shift; done
  shift
  echo "== $name: $*"
  if ! "$@" >"$log" 2>&1; then
    cat "$log"; echo "FAIL: $name exited with an error"; exit 1
  fi
  for pattern in "${patterns[@]}"; do
    grep -qE "$pattern" "$log" || { cat "$log"; echo "FAIL: $name printed no line matching '$pattern'"; exit 1; }
  done
  if grep -qE "Non-2xx|Socket errors" "$log"; then
    cat "$log"; echo "FAIL: $name: the service answered errors"; exit 1
  fi
}

run "build against hugo" '^\| vetrina --jobs 2 \| 50 \|' '^\| hugo [0-9.]+ \| 50 \|' "bar 'at least 2x faster" -- \
  bench/run-build-bench.sh --stories 50 --runs 1 --regen --vetrina "$vetrina"
run "build, 100,000-story mode" '^\| vetrina --jobs 2 \| 50 \|' 'the 2 GiB bar' -- \
  bench/run-build-bench.sh --big --stories 50 --vetrina "$vetrina"
run "incremental" '^\| rebuild, nothing changed \|' '^\| rebuild, one story changed \|' -- \
  bench/run-incremental-bench.sh --stories 50 --runs 1 --vetrina "$vetrina"
run "live preview" '^\| the title changed \| 2 \|' -- bench/run-watch-bench.sh --stories 50 --edits 2 --vetrina "$vetrina"
rm -rf bench/work/search-50
run "search" 'index size' 'p99' 'Requests/sec' -- \
  env SKIP_PAGEFIND=1 QUERIES=50 WRK_SECONDS=1 PORT=18781 bench/run-search-bench.sh 50
run "search statistics" 'one URL .* req/s' 'statistics lines written: [1-9]' -- \
  env CALLS=10000 PORT=18782 bench/run-stats-bench.sh 50 1 1
run "report" '^run 1: .* KB peak' -- env RUNS=1 bench/run-report-bench.sh 3000 50
echo "bench smoke: every benchmark ran"
