#!/usr/bin/env bash
# One libFuzzer target as a test: every input of its seed corpus once
# (regression: fixed crashes stay fixed), then a short run starting from that
# corpus. New inputs go to a temporary folder, never into the source tree; a
# crashing input is kept in the current folder as fuzz-<target>-crash-<hash>.
#   run.sh <fuzzer binary> <seed corpus folder> [seconds]
set -euo pipefail
fuzzer=$1
corpus=$2
seconds=${3:-5}
name=$(basename "$fuzzer")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t seeds < <(find "$corpus" -type f | sort)
echo "$name: ${#seeds[@]} seed inputs"
# Regression: each file run once (libFuzzer runs files given as arguments and exits).
"$fuzzer" -rss_limit_mb=2048 -timeout=20 "${seeds[@]}"
# A short run: mutations of the corpus for $seconds seconds.
mkdir "$work/corpus"
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$PWD/fuzz-${name#fuzz_}-" "$work/corpus" "$corpus"
