#!/usr/bin/env bash
# html-validate (npm, rules in /.htmlvalidate.json) on every HTML page of the
# real site and of every good e2e fixture site, plus /cerca/ as `vetrina
# serve` renders it (empty, with results, with an error): 0 errors or the test
# fails with html-validate's report.
# Needs `npm ci` at the repo root.
# Usage: validate.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/integration/lib.sh"
make_temp
validator="$SRC/node_modules/.bin/html-validate"
[[ -x "$validator" ]] || fail "no node_modules/.bin/html-validate: run 'npm ci' at the repo root"

build() {  # build NAME CONTENT_DIR
  "$VETRINA" build --content "$2" --theme "$SRC/themes/etwinning" --out "$TMP/$1/public" \
    --index "$TMP/$1/index" --cache "$TMP/$1/cache" >/dev/null || fail "$1: the build failed"
}
build site "$SRC/content"
for dir in "$SRC"/tests/e2e/fixtures/*/; do
  [[ -f "$dir/expected-stderr.txt" || -d "$dir/theme-overlay" ]] && continue
  name=$(basename "$dir")
  bash "$SRC/tests/e2e/fixture.sh" "$name" "$TMP/fixture-content/$name"  # base site + the fixture's overlay
  build "fixture-$name" "$TMP/fixture-content/$name"
done

start_serve --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/site/public" --index "$TMP/site/index"
mkdir -p "$TMP/cerca"
curl -sf "http://127.0.0.1:$PORT/cerca/" -o "$TMP/cerca/vuota.html" || fail "/cerca/ did not answer"
curl -sf "http://127.0.0.1:$PORT/cerca/?q=scuola&livello=primaria" -o "$TMP/cerca/risultati.html" \
  || fail "/cerca/?q=scuola did not answer"
curl -s "http://127.0.0.1:$PORT/cerca/?livello=nessuno" -o "$TMP/cerca/errore.html"

mapfile -t pages < <(find "$TMP" -name '*.html' -not -path '*/index/*' -not -path '*/cache/*' -not -path '*/fixture-content/*' | sort)
(( ${#pages[@]} > 100 )) || fail "only ${#pages[@]} pages found to validate"
cd "$SRC"
"$validator" --config "$SRC/.htmlvalidate.json" --formatter text "${pages[@]}" \
  || fail "html-validate found errors in the pages above"
echo "html-validate: ${#pages[@]} pages, 0 errors"
