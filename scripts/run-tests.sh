#!/usr/bin/env bash
# The README's second command (and CI's only one): install what is missing,
# build with warnings as errors, run every test (unit, end-to-end, browser),
# then the fuzz targets in a clang build of their own.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
build_dir="${BUILD_DIR:-build-tests}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DVETRINA_WERROR=ON -DVETRINA_TESTS=ON >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
(cd "$build_dir" && ctest --output-on-failure -j"$(nproc)" "$@")
# The libFuzzer targets (Debian's clang, AddressSanitizer, UBSan): each over
# its seed corpus, then a short run (tests/fuzz/run.sh). Skip with VETRINA_NO_FUZZ=1.
if [[ "${VETRINA_NO_FUZZ:-0}" != 1 ]]; then
  fuzz_dir="${FUZZ_BUILD_DIR:-build-fuzz-tests}"
  cmake -S . -B "$fuzz_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DVETRINA_FUZZ=ON -DVETRINA_TESTS=OFF >/dev/null
  cmake --build "$fuzz_dir" -j"$(nproc)"
  (cd "$fuzz_dir" && ctest --output-on-failure -L fuzz)
fi
