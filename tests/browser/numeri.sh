#!/usr/bin/env bash
# Runs numeri.test.mjs against the real content served by `vetrina serve`.
# Screenshots go to $SCREENSHOTS when set, else to a temporary folder kept
# (and printed) only when the test fails.
# Usage: numeri.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$SRC/tests/integration/lib.sh"
make_temp
"$VETRINA" build --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --cache "$TMP/cache" >/dev/null
start_serve --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index"
shots=${SCREENSHOTS:-$TMP/screenshots}
mkdir -p "$shots"
cd "$SRC"
code=0
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node tests/browser/numeri.test.mjs "http://127.0.0.1:$PORT" "$shots" || code=$?
if [[ $code != 0 && -z "${SCREENSHOTS:-}" ]]; then
  kept=$(mktemp -d /tmp/vetrina-screenshots-XXXXXX)
  cp "$shots"/*.png "$kept/" 2>/dev/null || true
  echo "screenshots kept in $kept" >&2
fi
exit "$code"
