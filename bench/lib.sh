# Shared by the benchmark scripts: the Release build and the synthetic site.
# Source it with ROOT set; sets BUILD, VETRINA (unless given) and SITE.
# BUILD_DIR=build-rel uses another Release build folder.

# ensure_build: configures and builds vetrina-bench-gen (and vetrina, unless
# VETRINA names another binary) in Release.
ensure_build() {
  BUILD="$(realpath -m "${BUILD_DIR:-$ROOT/build-bench}")"
  if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DVETRINA_TESTS=OFF >/dev/null
  fi
  local targets=(vetrina-bench-gen)
  [[ -z "${VETRINA:-}" ]] && targets+=(vetrina)
  cmake --build "$BUILD" -j "$(nproc)" --target "${targets[@]}" >/dev/null
  VETRINA="$(realpath "${VETRINA:-$BUILD/vetrina}")"
}

# ensure_site STORIES [regen]: the synthetic site in bench/work/STORIES/vetrina,
# made once (again with "regen"); sets SITE.
ensure_site() {
  SITE="$ROOT/bench/work/$1"
  if [[ "${2:-}" == regen || ! -f "$SITE/.done" ]]; then
    rm -rf "$SITE"
    mkdir -p "$SITE"
    "$BUILD/bench/vetrina-bench-gen" --stories "$1" --out "$SITE" --content "$ROOT/content" \
      --theme "$ROOT/themes/etwinning"
    touch "$SITE/.done"
  fi
}
