#!/usr/bin/env bash
# `vetrina serve` picks up a freshly swapped index (and public/) without a
# restart and without failing a request: a client keeps querying while the
# site is rebuilt ten times, the last time with a new word in a story.
# Usage: reload.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$(dirname "$0")/lib.sh"
make_temp

cp -rL "$SRC/content" "$TMP/content"
build() {
  "$VETRINA" build --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" \
    --index "$TMP/index" --jobs 2 >/dev/null
}
build
start_serve --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index"
BASE="http://127.0.0.1:$PORT"

[[ $(curl -s "$BASE/api/search?q=zanzibarite") == *'"total":0'* ]] || fail "the new word is already there"

# Two clients: query without pause, logging every status code.
for client in 1 2; do
  (
    while [[ ! -f "$TMP/stop" ]]; do
      curl -s -o /dev/null -w '%{http_code}\n' "$BASE/api/search?q=scuola&livello=primaria" >>"$TMP/codes-$client"
      curl -s -o /dev/null -w '%{http_code}\n' "$BASE/cerca/?q=lingue" >>"$TMP/codes-$client"
      curl -s -o /dev/null -w '%{http_code}\n' "$BASE/esperienze/" >>"$TMP/codes-$client"
    done
  ) &
  PIDS+=($!)
done

for _ in $(seq 1 8); do
  build
done
sed -i '0,/^## Obiettivi/s//La parola zanzibarite compare ora in questa storia.\n\n## Obiettivi/' \
  "$TMP/content/stories/holidays-in-a-box/index.md"
build
sleep 0.3
touch "$TMP/stop"
wait "${PIDS[-1]}" "${PIDS[-2]}"
cat "$TMP"/codes-* > "$TMP/codes"

total=$(wc -l < "$TMP/codes")
bad=$(grep -vc '^200$' "$TMP/codes" || true)
(( total > 100 )) || fail "the client made only $total requests"
(( bad == 0 )) || fail "$bad of $total requests failed during rebuilds: $(sort "$TMP/codes" | uniq -c | tr '\n' ' ')"
answer=$(curl -s "$BASE/api/search?q=zanzibarite")
[[ "$answer" == *'"total":1'* && "$answer" == *'holidays-in-a-box'* ]] || fail "new word not found after rebuild: $answer"
echo "reload while querying: $total requests, all 200; the new word is found"
