#!/usr/bin/env bash
# Runs search-typing.test.mjs (typing at 360 px) against the real content
# served by `vetrina serve`. Usage: search-typing.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$SRC/tests/integration/lib.sh"
make_temp
"$VETRINA" build --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --cache "$TMP/cache" >/dev/null
start_serve --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index"
cd "$SRC"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node tests/browser/search-typing.test.mjs "http://127.0.0.1:$PORT"
