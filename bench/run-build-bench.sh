#!/usr/bin/env bash
# Build benchmark: Vetrina against Debian's hugo on the same synthetic site.
# See docs/performance.md for what is compared and the numbers measured.
#
#   bench/run-build-bench.sh                 # 10,000 stories: paired runs of both tools, wall, CPU, peak RSS
#   bench/run-build-bench.sh --stories 2000  # another size
#   bench/run-build-bench.sh --big           # 100,000 stories: Vetrina only, one run, peak RSS
#
# Options:
#   --stories N      number of stories (default 10000; 100000 with --big)
#   --runs R         pairs of runs (default 3, after 1 warm-up pair; default 6 at 10,000 stories)
#   --big            Vetrina only, one timed run under /usr/bin/time -v (memory bar: 2 GiB)
#   --no-hugo        skip hugo (Vetrina runs only)
#   --vetrina PATH   use this vetrina binary instead of building build-bench/vetrina
#   --regen          regenerate the synthetic site even if it exists
#   --quiet-wait S   before each pair, wait up to S seconds for the
#                    1-minute load average to fall under 0.5 (shared machines)
#   --pause S        sleep S seconds before each run, outside the timing
#                    (default 0): each tool starts on a rested machine
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
# Every run's times are in bench/work/N/logs/runs.log, its output in
# logs/TOOL.RUN.out. Everything goes to bench/work/ (ignored by Git). Needs
# the Debian packages hugo and time; they are installed with apt-get when
# missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/bench/work"
BUILD="$(realpath -m "${BUILD_DIR:-$ROOT/build-bench}")"  # BUILD_DIR: another build folder
STORIES=""
RUNS=""
BIG=0
HUGO=1
REGEN=0
VETRINA=""
JOBS=2
QUIET_WAIT=0
PAUSE=0
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
    --pause) PAUSE="$2"; shift 2 ;;
    --delete-before) DELETE_BEFORE=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z "$STORIES" ]]; then
  STORIES=$([[ $BIG == 1 ]] && echo 100000 || echo 10000)
fi
if [[ -z "$RUNS" ]]; then
  RUNS=$(( STORIES >= 10000 ? 6 : 3 ))  # even: each tool first in as many pairs
fi
if ! [[ $RUNS =~ ^[0-9]+$ ]] || (( 10#$RUNS < 1 )); then
  echo "--runs needs a number of at least 1" >&2; exit 2
fi
RUNS=$(( 10#$RUNS ))

# --- tools -----------------------------------------------------------------
need=()
[[ $HUGO == 1 ]] && ! command -v hugo >/dev/null && need+=(hugo)
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

# --- wall time: paired runs ---------------------------------------------------
# The two tools run in pairs, back to back, each from nothing ($clean before
# each run, outside the timing), the first of a pair taking turns (hugo
# first, then vetrina first, ...). The ratio is taken pair by pair and its
# median reported: this machine's speed drifts by more than 20 % within an
# hour, and two series run one after the other (as hyperfine runs them)
# compared a fast hour of one tool with a slow hour of the other.
tools=()
[[ $HUGO == 1 ]] && tools+=(hugo)
tools+=(vetrina)
cmd_of() { [[ $1 == hugo ]] && echo "$hugo_cmd" || echo "$vetrina_cmd --timings"; }
# One run of tool $1, numbered $2, from nothing: appends "tool run wall user sys rss_kb" to runs.txt.
run_one() {
  local log="$OUT/$1.$2"
  bash -c "$clean"
  sleep "$PAUSE"
  /usr/bin/time -f "%e %U %S %M" -o "$log.time" bash -c "exec $(cmd_of "$1")" >"$log.out" 2>&1 || {
    echo "$1 failed:" >&2; tail -20 "$log.out" >&2; exit 1; }
  echo "$1 $2 $(cat "$log.time")" >>"$OUT/runs.txt"
  if (( $2 == RUNS )); then  # what the last run wrote, before the next run's $clean
    local dir
    dir=$([[ $1 == hugo ]] && echo "$HUGO_OUT" || echo "$V_OUT")
    echo "$(count_files "$dir") $(du -sb "$dir" | cut -f1)" >"$OUT/$1.files"
  fi
}
rm -f "$OUT"/runs.txt "$OUT"/hugo.* "$OUT"/vetrina.*
WARMUP=$(( RUNS > 1 ? 1 : 0 ))
# The first of a pair takes turns (ABBA ...): each tool runs as often right
# after itself as right after the other.
for (( i = 1 - WARMUP; i <= RUNS; i++ )); do
  wait_quiet "pair $i"
  order=("${tools[@]}")
  (( ${#tools[@]} == 2 && (i % 2 == 0) )) && order=(vetrina hugo)
  for t in "${order[@]}"; do
    run_one "$t" "$i"
  done
  echo "pair $i: $(awk -v i="$i" '$2 == i {printf "%s %.2f s  ", $1, $3}' "$OUT/runs.txt")" >&2
done
echo "load average after the runs: $(load)" | tee -a "$OUT/load.log" >&2
echo "runs (run 0 is the warm-up, not counted): tool run wall_s user_s sys_s peak_rss_kb" >"$OUT/runs.log"
cat "$OUT/runs.txt" >>"$OUT/runs.log"

# Statistics of the counted runs: median, min and max of a column per tool,
# and of the pairs' ratios.
stats() {  # one number per line -> "median min max" (DIGITS decimals, default 2)
  LC_ALL=C sort -g | awk -v d="${DIGITS:-2}" '{v[NR] = $1} END {if (NR == 0) {print "0 0 0"; exit}
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; f = "%." d "f"; printf f " " f " " f "\n", m, v[1], v[NR]}'
}
column_of() { awk -v t="$1" -v c="$2" '$1 == t && $2 >= 1 {print $c}' "$OUT/runs.txt"; }
tool_stats() {  # tool -> WALL_MED WALL_MIN WALL_MAX CPU_MED UTIL_MED RSS_MAX
  read -r WALL_MED WALL_MIN WALL_MAX < <(column_of "$1" 3 | stats)
  read -r CPU_MED _ _ < <(awk -v t="$1" '$1 == t && $2 >= 1 {print $4 + $5}' "$OUT/runs.txt" | stats)
  read -r UTIL_MED _ _ < <(awk -v t="$1" '$1 == t && $2 >= 1 && $3 > 0 {print 100 * ($4 + $5) / $3}' "$OUT/runs.txt" | stats)
  RSS_MAX=$(column_of "$1" 6 | LC_ALL=C sort -g | tail -1)
}
tool_stats vetrina
V_WALL="$WALL_MED s ($WALL_MIN-$WALL_MAX)"; V_CPU="$CPU_MED s"; V_UTIL="${UTIL_MED%.*} %"; V_RSS=$RSS_MAX
read -r V_FILES V_BYTES <"$OUT/vetrina.files"
if [[ $HUGO == 1 ]]; then
  tool_stats hugo
  H_WALL="$WALL_MED s ($WALL_MIN-$WALL_MAX)"; H_CPU="$CPU_MED s"; H_UTIL="${UTIL_MED%.*} %"; H_RSS=$RSS_MAX
  read -r H_FILES H_BYTES <"$OUT/hugo.files"
  read -r R_MED R_MIN R_MAX < <(awk '$2 >= 1 {w[$2, $1] = $3; n[$2] = 1}
    END {for (i in n) if (w[i, "vetrina"] > 0) print w[i, "hugo"] / w[i, "vetrina"]}' "$OUT/runs.txt" | DIGITS=4 stats)
  R_OVER=$(awk '$2 >= 1 {w[$2, $1] = $3; n[$2] = 1}
    END {k = 0; for (i in n) if (w[i, "vetrina"] > 0 && w[i, "hugo"] / w[i, "vetrina"] >= 2) k++; print k}' "$OUT/runs.txt")
fi

echo
echo "| tool | stories | wall, median (min-max, $RUNS runs) | hugo / vetrina, median of the pairs (min-max) | CPU user+sys, median | CPU use | peak RSS | files | output |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
if [[ $HUGO == 1 ]]; then
  RATIO=$R_MED  # the verdict reads it unrounded (4 decimals); the table shows 2
  R_MED=$(LC_ALL=C printf '%.2f' "$R_MED"); R_MIN=$(LC_ALL=C printf '%.2f' "$R_MIN"); R_MAX=$(LC_ALL=C printf '%.2f' "$R_MAX")
  echo "| hugo $(hugo version | sed -E 's/^hugo v([0-9.]+).*/\1/') | $STORIES | $H_WALL | 1.00 | $H_CPU | $H_UTIL | $(mib "$H_RSS") MiB | $H_FILES | $(mib $((H_BYTES / 1024))) MiB |"
  echo "| vetrina --jobs $JOBS | $STORIES | $V_WALL | $R_MED ($R_MIN-$R_MAX) | $V_CPU | $V_UTIL | $(mib "$V_RSS") MiB | $V_FILES | $(mib $((V_BYTES / 1024))) MiB |"
else
  echo "| vetrina --jobs $JOBS | $STORIES | $V_WALL | – | $V_CPU | $V_UTIL | $(mib "$V_RSS") MiB | $V_FILES | $(mib $((V_BYTES / 1024))) MiB |"
fi
echo
echo "phases of the last vetrina run (--timings):"
grep -E '^\s+\S.*[0-9]+\.[0-9]+ s$|^built' "$OUT/vetrina.$RUNS.out" || true
if [[ $HUGO == 1 ]]; then
  verdict_time=$(awk -v r="$RATIO" 'BEGIN {print (r >= 2.0) ? "met" : "NOT met"}')
  verdict_mem=$([[ $V_RSS -lt $H_RSS ]] && echo met || echo "NOT met")
  echo
  echo "bar 'at least 2x faster than hugo': $verdict_time (median of the pairs' ratios $R_MED; $R_OVER of $RUNS pairs at 2 or more)"
  echo "bar 'less memory than hugo':        $verdict_mem ($(mib "$V_RSS") MiB vs $(mib "$H_RSS") MiB)"
fi
