#!/usr/bin/env bash
# Builds the real content/ into a temp folder with the given binary, serves it
# with `vetrina serve --port 0`, runs site.test.mjs against it in Debian's
# chromium, and stops the server. Screenshots go to $SCREENSHOTS when set;
# otherwise they are kept (in a new /tmp/vetrina-screenshots-* folder) only
# when the test fails.
# Needs: chromium (apt-get install -y chromium) and `npm ci` at the repo root
# (playwright-core and axe-core; no browser is downloaded).
# Usage: run.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/integration/lib.sh"
make_temp
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[[ -x /usr/bin/chromium ]] || fail "no /usr/bin/chromium: apt-get install -y chromium"
[[ -d "$SRC/node_modules/playwright-core" && -d "$SRC/node_modules/axe-core" ]] \
  || fail "no node_modules: run 'npm ci' at the repo root"

"$VETRINA" build --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --cache "$TMP/cache" >/dev/null
start_serve --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index"
server=${PIDS[-1]}
shots=${SCREENSHOTS:-$TMP/screenshots}
mkdir -p "$shots"
code=0
node "$SRC/tests/browser/site.test.mjs" "http://127.0.0.1:$PORT/" "$shots" || code=$?
kill -TERM "$server"
wait "$server" || fail "vetrina serve did not stop cleanly"
if [[ $code != 0 && -z "${SCREENSHOTS:-}" ]]; then
  kept=$(mktemp -d /tmp/vetrina-screenshots-XXXXXX)
  cp "$shots"/*.png "$kept/" 2>/dev/null || true
  echo "screenshots kept in $kept" >&2
fi
exit "$code"
