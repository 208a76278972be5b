#!/usr/bin/env bash
# The README's second command (and CI's only one): install what is missing,
# build with warnings as errors, run every test (unit, end-to-end, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
build_dir="${BUILD_DIR:-build-tests}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DVETRINA_WERROR=ON -DVETRINA_TESTS=ON >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" "$@"
