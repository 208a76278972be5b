#!/usr/bin/env bash
# Build benchmark: Vetrina against Debian's hugo on the same synthetic site.
# See docs/performance.md for what is compared and the numbers measured.
#
#   bench/run-build-bench.sh                 # 10,000 stories: hyperfine + peak RSS, both tools
#   bench/run-build-bench.sh --stories 2000  # another size
#   bench/run-build-bench.sh --big           # 100,000 stories: Vetrina only, one run, peak RSS
#
# Options:
#   --stories N      number of stories (default 10000; 100000 with --big)
#   --runs R         hyperfine runs (default 3, after 1 warm-up run)
#   --big            Vetrina only, one timed run under /usr/bin/time -v (memory bar: 2 GiB)
#   --no-hugo        skip hugo (Vetrina only, still with hyperfine)
#   --vetrina PATH   use this vetrina binary instead of building build-bench/vetrina
#   --regen          regenerate the synthetic site even if it exists
#   --quiet-wait S   before each measurement, wait up to S seconds for the
#                    1-minute load average to fall under 0.5 (shared machines)
#   --delete-before  each run after deleting the previous run's output (the
#                    method before 2026-12-07); by default each run writes
#                    into a fresh folder and old runs are deleted at the end
#   --no-sync        do not flush the page cache to disk before each run (the
#                    method until 2026-12-07, mid-day)
#
# Why fresh folders: ext4 skips inodes freed in the last 60 s (300 s while
# their inode table is dirty) when it allocates new ones (`recently_deleted`
# in fs/ext4/ialloc.c), so a build started right after deleting tens of
# thousands of files spends seconds of system time walking past them, more
# for the tool that writes more files. A real build (CI on a clean clone, an
# editor's rebuild) does not follow such a deletion. Both tools are measured
# the same way either way.
#
# Why `sync` before each run (outside the timing): neither tool syncs, so the
# kernel writes a build's output to disk about 30 s after it (ext4's dirty
# expiry), that is, during the next run. Without the sync, each run shared
# its two cores with the flusher writing the previous run's output, and
# spent more system time beside it: one quiet Vetrina run took 13.7 s, the
# same build in a row of runs 15.2-17.9 s. What a run paid depended on what
# ran before it, not on its own work. Each run now starts with nothing
# pending, as a build on a clean clone does; writing its own output to disk
# is after the timing for both tools, as it is when a build ends.
#
# Everything goes to bench/work/ (ignored by Git). Needs the Debian packages
# hugo, hyperfine and time; they are installed with apt-get when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/work"
BUILD="$(realpath -m "${BUILD_DIR:-$ROOT/build-bench}")"  # BUILD_DIR: another build folder
STORIES=""
RUNS=3
BIG=0
HUGO=1
REGEN=0
VETRINA=""
JOBS=2
QUIET_WAIT=0
DELETE_BEFORE=0
SYNC=1

while [[ $# -gt 0 ]]; do
  case "$1" in
    --stories) STORIES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --big) BIG=1; HUGO=0; shift ;;
    --no-hugo) HUGO=0; shift ;;
    --no-sync) SYNC=0; shift ;;
    --vetrina) VETRINA="$2"; shift 2 ;;
    --regen) REGEN=1; shift ;;
    --quiet-wait) QUIET_WAIT="$2"; shift 2 ;;
    --delete-before) DELETE_BEFORE=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z "$STORIES" ]]; then
  STORIES=$([[ $BIG == 1 ]] && echo 100000 || echo 10000)
fi

# --- tools -----------------------------------------------------------------
need=()
[[ $HUGO == 1 ]] && ! command -v hugo >/dev/null && need+=(hugo)
[[ $BIG == 0 ]] && ! command -v hyperfine >/dev/null && need+=(hyperfine)
[[ -x /usr/bin/time ]] || need+=(time)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- build (Release, own build directory) -----------------------------------
if [[ ! -d "$BUILD" ]] || [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DVETRINA_TESTS=OFF >/dev/null
fi
targets=(vetrina-bench-gen)
[[ -z "$VETRINA" ]] && targets+=(vetrina)
cmake --build "$BUILD" -j "$(nproc)" --target "${targets[@]}" >/dev/null
GEN="$BUILD/bench/vetrina-bench-gen"
VETRINA="${VETRINA:-$BUILD/vetrina}"

# --- site -------------------------------------------------------------------
SITE="$WORK/$STORIES"
if [[ $REGEN == 1 || ! -f "$SITE/.done" ]]; then
  rm -rf "$SITE"
  mkdir -p "$SITE"
  "$GEN" --stories "$STORIES" --out "$SITE" --content "$ROOT/content" --theme "$ROOT/themes/etwinning"
  touch "$SITE/.done"
fi

OUT="$SITE/logs"          # measurements
RUN="$SITE/run"           # everything the builds write: a fresh folder for every run (a link to it)
RUNS_DIR="$SITE/runs"     # those folders, deleted at the end
HUGO_OUT="$RUN/hugo-public"
V_OUT="$RUN/vetrina-public"
V_INDEX="$RUN/vetrina-index"
V_CACHE="$RUN/vetrina-cache"
mkdir -p "$OUT"
if [[ $DELETE_BEFORE == 1 ]]; then
  clean="rm -rf '$RUN' '$RUNS_DIR' && mkdir -p '$RUN'"
else
  clean="mkdir -p '$RUNS_DIR' && rm -f '$RUN' && ln -s \"\$(mktemp -d '$RUNS_DIR/run.XXXXXX')\" '$RUN'"
  # Folders left by an interrupted run are deleted now; after any deletion
  # (this one, or the end of a run just before), ext4 gets a minute to stop
  # skipping the freed inodes before anything is measured (see the header).
  if [[ -e "$RUNS_DIR" || -d "$RUN" && ! -L "$RUN" ]]; then
    rm -rf "$RUNS_DIR" "$RUN"
    sync
    date +%s >"$SITE/.runs-deleted-at"
  fi
  if [[ -f "$SITE/.runs-deleted-at" ]] && (( STORIES >= 1000 )); then  # a small site's few files cost nothing
    wait_s=$(( $(cat "$SITE/.runs-deleted-at") + 65 - $(date +%s) ))
    if (( wait_s > 0 )); then
      echo "earlier runs' output was just deleted: waiting ${wait_s} s before measuring (ext4, see the header)" >&2
      sleep "$wait_s"
    fi
  fi
  trap 'rm -rf "$RUNS_DIR" "$RUN"; sync; date +%s >"$SITE/.runs-deleted-at"' EXIT
fi
[[ $SYNC == 1 ]] && clean="$clean && sync"
hugo_cmd="hugo --quiet --source '$SITE/hugo' --destination '$HUGO_OUT'"
vetrina_cmd="'$VETRINA' build --content '$SITE/vetrina' --theme '$ROOT/themes/etwinning' --out '$V_OUT' --index '$V_INDEX' --cache '$V_CACHE' --jobs $JOBS"

load() { cut -d' ' -f1 /proc/loadavg; }
wait_quiet() {
  local waited=0
  while (( waited < QUIET_WAIT )) && awk -v l="$(load)" 'BEGIN {exit !(l >= 0.5)}'; do
    sleep 10; waited=$((waited + 10))
  done
  echo "load average before $1: $(load)" | tee -a "$OUT/load.log" >&2
}

# Peak RSS (KiB) and wall time of one cold run (outputs removed first).
measure() {  # name command
  local log="$OUT/$1.time"
  bash -c "$clean"
  wait_quiet "$1"
  /usr/bin/time -v bash -c "exec $2" >"$OUT/$1.stdout" 2>"$log" || {
    echo "$1 failed:" >&2; tail -20 "$log" >&2; exit 1; }
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  CPU=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f s", u + s}' "$log")
}
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
count_files() { find "$1" -type f | wc -l; }

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "vetrina: $VETRINA ($("$VETRINA" --version 2>/dev/null || echo '?'))"
[[ $HUGO == 1 ]] && echo "hugo:    $(hugo version)"
echo "site:    $SITE ($STORIES stories)"

if [[ $BIG == 1 ]]; then
  measure vetrina "$vetrina_cmd --timings"
  echo
  echo "| tool | stories | wall (1 run) | CPU user+sys | peak RSS | files written |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| vetrina --jobs $JOBS | $STORIES | $WALL | $CPU | $(mib "$RSS_KB") MiB | $(count_files "$V_OUT") |"
  echo
  echo "phases (vetrina --timings):"
  cat "$OUT/vetrina.stdout" "$OUT/vetrina.time" | grep -E '^\s+\S.*[0-9]+\.[0-9]+ s$|^built' || true
  limit=$((2 * 1024 * 1024))
  if (( RSS_KB > limit )); then
    echo "OVER the 2 GiB bar: $(mib "$RSS_KB") MiB"
  else
    echo "within the 2 GiB bar"
  fi
  exit 0
fi

# --- wall time: hyperfine -----------------------------------------------------
cmds=()
[[ $HUGO == 1 ]] && cmds+=(-n hugo "$hugo_cmd")
cmds+=(-n vetrina "$vetrina_cmd")
wait_quiet hyperfine
hyperfine --warmup "$(( RUNS > 1 ? 1 : 0 ))" --runs "$RUNS" --prepare "$clean" --export-json "$OUT/hyperfine.json" \
  --export-markdown "$OUT/hyperfine.md" "${cmds[@]}"

# --- memory and a phase breakdown: one cold run each under /usr/bin/time -v --
if [[ $HUGO == 1 ]]; then
  measure hugo "$hugo_cmd"
  H_RSS=$RSS_KB
  H_CPU=$CPU
  H_FILES=$(count_files "$HUGO_OUT")
  H_BYTES=$(du -sb "$HUGO_OUT" | cut -f1)
fi
measure vetrina "$vetrina_cmd --timings"
V_RSS=$RSS_KB
V_CPU=$CPU
V_FILES=$(count_files "$V_OUT")
V_BYTES=$(du -sb "$V_OUT" | cut -f1)

mean() { python3 -c "import json,sys; r=[x for x in json.load(open('$OUT/hyperfine.json'))['results'] if x['command']=='$1'][0]; print('%.2f' % r['mean'], '%.2f' % (r['stddev'] or 0))"; }
read -r V_MEAN V_SD < <(mean vetrina)
echo "load average after the runs: $(load)" | tee -a "$OUT/load.log" >&2
echo
echo "| tool | stories | wall, mean ± σ ($RUNS runs) | hugo / vetrina | CPU user+sys (1 run) | peak RSS | files | output |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
if [[ $HUGO == 1 ]]; then
  read -r H_MEAN H_SD < <(mean hugo)
  RATIO=$(awk -v h="$H_MEAN" -v v="$V_MEAN" 'BEGIN {printf "%.2f", h / v}')
  echo "| hugo $(hugo version | sed -E 's/^hugo v([0-9.]+).*/\1/') | $STORIES | ${H_MEAN} s ± ${H_SD} | 1.00 | $H_CPU | $(mib "$H_RSS") MiB | $H_FILES | $(mib $((H_BYTES / 1024))) MiB |"
  echo "| vetrina --jobs $JOBS | $STORIES | ${V_MEAN} s ± ${V_SD} | $RATIO | $V_CPU | $(mib "$V_RSS") MiB | $V_FILES | $(mib $((V_BYTES / 1024))) MiB |"
else
  echo "| vetrina --jobs $JOBS | $STORIES | ${V_MEAN} s ± ${V_SD} | – | $V_CPU | $(mib "$V_RSS") MiB | $V_FILES | $(mib $((V_BYTES / 1024))) MiB |"
fi
echo
echo "phases of the measured vetrina run (--timings):"
cat "$OUT/vetrina.stdout" "$OUT/vetrina.time" | grep -E '^\s+\S.*[0-9]+\.[0-9]+ s$|^built' || true
if [[ $HUGO == 1 ]]; then
  verdict_time=$(awk -v r="$RATIO" 'BEGIN {print (r >= 2.0) ? "met" : "NOT met"}')
  verdict_mem=$([[ $V_RSS -lt $H_RSS ]] && echo met || echo "NOT met")
  echo
  echo "bar 'at least 2x faster than hugo': $verdict_time (ratio $RATIO)"
  echo "bar 'less memory than hugo':        $verdict_mem ($(mib "$V_RSS") MiB vs $(mib "$H_RSS") MiB)"
fi
