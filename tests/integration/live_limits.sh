#!/usr/bin/env bash
# `vetrina serve --watch` with many tabs and many errors (issue 18): at most
# 16 live-reload streams (/__vetrina/events) at once, the next ones get 503
# at once while pages still answer, a closed tab gives its slot back within
# seconds; the error overlay shows the first 50 errors and "… e altri N
# errori", so every preview page stays small. Real HTTP on 127.0.0.1, every
# wait bounded.
# Usage: live_limits.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$2
source "$(dirname "$0")/lib.sh"
make_temp

site="$TMP/site"
mkdir -p "$site"
bash "$SRC/tests/e2e/fixture.sh" good "$site/content"
(cd "$site" && exec setsid "$VETRINA" serve --watch --port 0 --content content --theme "$SRC/themes/etwinning" \
  --cache "$TMP/cache" >"$TMP/watch.log" 2>"$TMP/watch.err") &
watch_pid=$!
streams=()
trap 'kill -TERM -- "-$watch_pid" 2>/dev/null || true; for p in "${streams[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"' EXIT

poll_until() {  # poll_until WHAT SECONDS COMMAND...
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    (( SECONDS < deadline )) || fail "$what (waited ${seconds} s)"
    sleep 0.2
  done
}
serving() { grep -q '^pubblico ' "$TMP/watch.log"; }
poll_until "serve --watch did not start" 120 serving
base=$(sed -n 's|^pubblico .* su \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$TMP/watch.log")

# --- Live-reload streams ----------------------------------------------------------
for i in $(seq 1 16); do
  curl -sN --max-time 90 "$base/__vetrina/events" >"$TMP/events-$i" &
  streams+=($!)
done
all_open() {
  local i
  for i in $(seq 1 16); do grep -q '^retry:' "$TMP/events-$i" || return 1; done
}
poll_until "16 event streams did not all open" 30 all_open
out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 "$base/__vetrina/events" || true)
[[ ${out%% *} == 503 ]] || fail "the 17th event stream answered '${out%% *}' (expected 503)"
out=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$base/" || true)
[[ $out == 200 ]] || fail "with 16 event streams open a page answered '$out'"
for p in "${streams[@]:0:8}"; do kill "$p" 2>/dev/null || true; done
stream_opens() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/__vetrina/events") == 200 ]]
}
poll_until "closed tabs did not give their event-stream slots back" 10 stream_opens

# --- Error overlay: 80 stories with a broken link each ------------------------------
story="$site/content/stories/lettere-dal-mare/index.md"
for i in $(seq 1 80); do
  mkdir -p "$TMP/new/rotta-$i"
  sed -e "s/^title: .*/title: \"Rotta $i\"/" "$story" >"$TMP/new/rotta-$i/index.md"
  printf '\nVedi [la storia mancante](../storia-che-manca-%s/).\n' "$i" >>"$TMP/new/rotta-$i/index.md"
done
mv "$TMP/new"/* "$site/content/stories/"
overlay() { curl -s --max-time 5 "$base/" >"$TMP/page" && grep -q 'e altri 30 errori' "$TMP/page"; }
poll_until "the overlay does not end with 'e altri 30 errori'" \
  90 overlay
shown=$(grep -c 'errore: link a una storia che non esiste' "$TMP/page")
[[ $shown == 50 ]] || fail "the overlay shows $shown errors (expected 50)"
(( $(stat -c %s "$TMP/page") < 300000 )) || fail "a preview page with the overlay is $(stat -c %s "$TMP/page") bytes"
grep -c 'storia che non esiste' "$TMP/watch.err" >/dev/null || fail "the terminal does not list the errors"

kill -TERM "$watch_pid"
code=0
wait "$watch_pid" || code=$?
[[ $code == 0 ]] || fail "serve --watch exited $code on SIGTERM: $(tail -5 "$TMP/watch.err")"
echo "live preview: bounded event streams, capped overlay ok"
