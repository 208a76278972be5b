#!/usr/bin/env bash
# The README's second command (and CI's only one): install what is missing,
# then three stages; a failed test in any of them fails the command.
#  1. The normal build (GCC, -O0, warnings as errors; only `vetrina` and the
#     bench tools are built) and the tests that need an uninstrumented binary
#     or run no code of ours under test: browser, package, bench, jemalloc
#     (the allocator the binary links) and the `tools` label (html-validate,
#     guide messages, i18n, layers and style).
#  2. One clang build of the same sources with AddressSanitizer and UBSan
#     (-O1, warnings as errors, _GLIBCXX_ASSERTIONS) and libFuzzer's coverage
#     instrumentation: the unit, integration and end-to-end tests run under
#     the sanitizers (any report fails the test). Each test runs once: in this
#     stage rather than also in stage 1, since it checks strictly more.
#  3. The libFuzzer targets (tests/fuzz), linked against that same build: each
#     over its seed corpus, then 5 seconds of fuzzing. Stages 2 and 3 share
#     one build and one ctest run, so the sources compile twice in all.
# Both are on by default; VETRINA_SANITIZE=0 runs every test of stage 2 in
# the normal build instead, VETRINA_FUZZ_TESTS=0 skips the fuzz targets (for
# a quicker local run). docs/security.md, "CI time", has the measured cost.
# Extra arguments go to every ctest run, e.g. `scripts/run-tests.sh -R e2e`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
# ccache (when installed) makes the two builds below cheap when the same
# sources were built before on this machine, from any checkout.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR="$PWD"
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
sanitize="${VETRINA_SANITIZE:-1}"
fuzz="${VETRINA_FUZZ_TESTS:-1}"
stage() { echo "== run-tests: $1 (${SECONDS} s so far)"; }
jobs="$(nproc)"

stage "normal build"
build_dir="${BUILD_DIR:-build-tests}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Debug -DVETRINA_WERROR=ON -DVETRINA_TESTS=ON "${launcher[@]}" >/dev/null
if [[ "$sanitize" == 1 ]]; then
  cmake --build "$build_dir" -j"$jobs" --target vetrina vetrina-bench-gen vetrina-bench-search vetrina-bench-log \
    vetrina-bench-record vetrina_jemalloc_tests
  (cd "$build_dir" && ctest --output-on-failure -j"$jobs" -L "browser|package|tools|bench|jemalloc" "$@")
else
  cmake --build "$build_dir" -j"$jobs"
  (cd "$build_dir" && ctest --output-on-failure -j"$jobs" "$@")
fi

# Stages 2 and 3: one clang build, ASan + UBSan everywhere (stb included) and
# libFuzzer's coverage (-fsanitize=fuzzer-no-link) in the library, so the
# fuzz targets link against the very objects the tests run. -O1 keeps the
# tests fast; line tables are all a sanitizer report needs; lld links the
# large instrumented binaries in a fraction of ld.bfd's time.
if [[ "$sanitize" == 1 || "$fuzz" == 1 ]]; then
  stage "sanitizer and fuzz build"
  san_dir="${SANITIZE_BUILD_DIR:-build-sanitize}"
  linker=()
  if command -v ld.lld >/dev/null 2>&1; then
    linker=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld)
  fi
  cmake -S . -B "$san_dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" "${linker[@]}" \
    -DVETRINA_SANITIZE=ON -DVETRINA_FUZZ=ON -DVETRINA_WERROR=ON -DVETRINA_TESTS=ON "${launcher[@]}" >/dev/null
  targets=()
  labels=()
  if [[ "$sanitize" == 1 ]]; then
    targets+=(vetrina vetrina_unit_tests vetrina_integration_tests)
  else
    labels=(-L fuzz)
  fi
  if [[ "$fuzz" == 1 ]]; then
    targets+=(fuzz_front_matter fuzz_markdown fuzz_image fuzz_search_request)
  else
    labels=(-LE "fuzz|browser|package|tools|bench")
  fi
  if [[ "$sanitize" == 1 && "$fuzz" == 1 ]]; then
    labels=(-LE "browser|package|tools|bench")
  fi
  cmake --build "$san_dir" -j"$jobs" --target "${targets[@]}"
  (cd "$san_dir" &&
    ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --output-on-failure -j"$jobs" "${labels[@]}" "$@")
fi
stage "done"
