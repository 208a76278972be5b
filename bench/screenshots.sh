#!/usr/bin/env bash
# Builds the real content, serves it and writes full-page screenshots of each
# page kind at 360 and 1280 px into OUT_DIR (default bench/work/screenshots),
# with a line of first-screen facts per page (tests/browser/screenshots.mjs).
# Usage: bench/screenshots.sh [VETRINA_BINARY] [OUT_DIR]
set -euo pipefail
ROOT=$(realpath "$(dirname "$0")/..")
VETRINA=$(realpath "${1:-$ROOT/build/vetrina}")
OUT=$(realpath -m "${2:-$ROOT/bench/work/screenshots}")
SRC=$ROOT
source "$ROOT/tests/integration/lib.sh"
make_temp
"$VETRINA" build --content "$ROOT/content" --theme "$ROOT/themes/etwinning" --out "$TMP/public" \
  --index "$TMP/index" --cache "$TMP/cache" >/dev/null
start_serve --content "$ROOT/content" --theme "$ROOT/themes/etwinning" --out "$TMP/public" --index "$TMP/index"
cd "$ROOT"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node tests/browser/screenshots.mjs "http://127.0.0.1:$PORT" "$OUT"
echo "screenshots in $OUT"
