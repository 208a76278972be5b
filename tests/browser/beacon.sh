#!/usr/bin/env bash
# Runs beacon.test.mjs against the real content served by `vetrina serve
# --stats-dir`, then checks what the service counted: the searches and the
# one opened result of the visitor who allowed it, nothing of the visitors
# with Do Not Track or Global Privacy Control, no click without JavaScript.
# Usage: beacon.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$SRC/tests/integration/lib.sh"
make_temp
"$VETRINA" build --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --cache "$TMP/cache" >/dev/null
start_serve --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --stats-dir "$TMP/stats"
SERVER_PID=${PIDS[-1]}
cd "$SRC"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node tests/browser/beacon.test.mjs "http://127.0.0.1:$PORT" >"$TMP/opened.txt"
kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
! kill -0 "$SERVER_PID" 2>/dev/null || fail "the service did not stop on SIGTERM"
OPENED=$(cat "$TMP/opened.txt")
FILE="$TMP/stats/usage-$(date +%F).tsv"
[[ -f "$FILE" ]] || fail "no statistics file"
clicks=$(grep -c '^click' "$FILE" || true)
[[ "$clicks" == 1 ]] || { cat "$FILE" >&2; fail "expected one click line, found $clicks"; }
grep -q "^click	1	[a-z]*	$OPENED	orto$" "$FILE" || { cat "$FILE" >&2; fail "the opened result $OPENED is not counted once"; }
grep -q "^search	2	[a-z]*	[0-9]*		orto$" "$FILE" ||
  { cat "$FILE" >&2; fail "the search 'orto' must count twice (JavaScript on and off; not with DNT or GPC)"; }
echo "ok: beacon"
