#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz) for a while each:
#   scripts/fuzz.sh [seconds per target, default 60] [target ...]
# Targets: front_matter markdown image search_request (default: all).
# Builds build-fuzz with Debian's clang (cmake -DVETRINA_FUZZ=ON: coverage,
# AddressSanitizer, UBSan). New inputs accumulate in build-fuzz/corpus/<target>
# between runs; crashing inputs land in build-fuzz/crashes/. Once a crash is
# fixed, copy its input into tests/fuzz/corpus/<target>/ so the tests replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [[ ${#targets[@]} == 0 ]]; then
  targets=(front_matter markdown image search_request)
fi
build_dir="${FUZZ_BUILD_DIR:-build-fuzz}"
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ missing: scripts/install-deps.sh --tests" >&2; exit 2; }
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DVETRINA_FUZZ=ON -DVETRINA_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
mkdir -p "$build_dir/crashes"
status=0
for target in "${targets[@]}"; do
  mkdir -p "$build_dir/corpus/$target"
  echo "== $target: $seconds s"
  if ! "$build_dir/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$build_dir/crashes/$target-" \
      "$build_dir/corpus/$target" "tests/fuzz/corpus/$target"; then
    echo "fuzz.sh: $target found a problem: see $build_dir/crashes/" >&2
    status=1
  fi
done
exit $status
