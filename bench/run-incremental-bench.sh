#!/usr/bin/env bash
# Incremental build benchmark (issue 6): `vetrina build` on the synthetic site
# from scratch, again with no change, and again after one story changed.
# hyperfine; see docs/performance.md for the numbers measured.
#
#   bench/run-incremental-bench.sh                 # 10,000 stories, 3 runs each
#   bench/run-incremental-bench.sh --stories 2000 --runs 5
#
# Options:
#   --stories N     synthetic stories (default 10000; made by vetrina-bench-gen)
#   --runs R        hyperfine runs per case (default 3)
#   --vetrina PATH  use this vetrina binary instead of building build-bench/vetrina
#
# BUILD_DIR=build-rel uses another Release build. Everything goes to
# bench/work/ (ignored by Git); the edited story is put back at the end.
# Needs hyperfine (apt-get install hyperfine).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORIES=10000
RUNS=3
VETRINA=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --stories) STORIES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --vetrina) VETRINA="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
WARMUP=$(( RUNS > 1 ? 1 : 0 ))  # one run (the test command's smoke run): no warm-up

source "$ROOT/bench/lib.sh"
ensure_build
ensure_site "$STORIES"
RUN="$SITE/incremental-run"
LOGS="$SITE/logs"
mkdir -p "$RUN" "$LOGS"
PICK=$(( STORIES >= 500 ? 500 : (STORIES + 1) / 2 ))  # the 500th story, or the middle one of a small site
STORY="$SITE/vetrina/stories/$(ls "$SITE/vetrina/stories" | sed -n "${PICK}p")/index.md"
cp "$STORY" "$RUN/story.orig"
trap 'cp "$RUN/story.orig" "$STORY"' EXIT

build="'$VETRINA' build --content '$SITE/vetrina' --theme '$ROOT/themes/etwinning' --out '$RUN/public' \
--index '$RUN/index' --cache '$RUN/cache' --jobs 2"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)"
echo "vetrina: $VETRINA"
echo "site:    $SITE/vetrina ($STORIES stories)"

# 1. From scratch: no output, no cache.
hyperfine --runs "$RUNS" --prepare "rm -rf '$RUN/public' '$RUN/.public.spare' '$RUN/index' '$RUN/cache'" \
  --export-json "$LOGS/incremental-full.json" -n "full build" "$build"
# 2. Nothing changed (the last full build is in place).
hyperfine --runs "$RUNS" --warmup "$WARMUP" --export-json "$LOGS/incremental-none.json" -n "no change" "$build"
# 3. One story changed (a sentence added to its body, a different one every run).
hyperfine --runs "$RUNS" --warmup "$WARMUP" \
  --prepare "n=\$((\$(cat '$RUN/edits' 2>/dev/null || echo 0) + 1)); echo \$n >'$RUN/edits'; \
cp '$RUN/story.orig' '$STORY'; echo \"Una frase nuova, la numero \$n.\" >>'$STORY'" \
  --export-json "$LOGS/incremental-one.json" -n "one story changed" "$build"

mean() { python3 -c "import json; r=json.load(open('$1'))['results'][0]; print('%.2f %.2f' % (r['mean'], r['stddev'] or 0))"; }
read -r FULL FULL_SD < <(mean "$LOGS/incremental-full.json")
read -r NONE NONE_SD < <(mean "$LOGS/incremental-none.json")
read -r ONE ONE_SD < <(mean "$LOGS/incremental-one.json")
pct() { awk -v a="$1" -v b="$FULL" 'BEGIN {printf "%.1f %%", 100 * a / b}'; }
echo
echo "| $STORIES stories, \`--jobs 2\` | wall, mean ± σ ($RUNS runs) | of a full build |"
echo "| --- | ---: | ---: |"
echo "| full build (no output, no cache) | ${FULL} s ± ${FULL_SD} | 100 % |"
echo "| rebuild, nothing changed | ${NONE} s ± ${NONE_SD} | $(pct "$NONE") |"
echo "| rebuild, one story changed | ${ONE} s ± ${ONE_SD} | $(pct "$ONE") |"
echo
echo "last build: $(eval "$build" | tail -1)"
