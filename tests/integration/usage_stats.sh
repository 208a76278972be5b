#!/usr/bin/env bash
# The search service's statistics over real HTTP (docs/usage-report.md):
# `vetrina serve --stats-dir` answers a scripted series of searches and
# opened results; after a clean stop the day's file must hold exactly the
# counts of what may be counted (first pages with words or filters; no DNT,
# no GPC, no crawler; opened results of real story pages), and nothing
# personal: neither the client address, nor the forwarded one, nor the user
# agent, nor an email address typed in the box. `vetrina report --stats`
# then lists the searches without results and the opened stories.
# Usage: usage_stats.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$(dirname "$0")/lib.sh"
make_temp
CONTENT="$TMP/content"
bash "$SRC/tests/e2e/fixture.sh" good "$CONTENT"  # the e2e good site, materialised
"$VETRINA" build --content "$CONTENT" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --cache "$TMP/cache" >/dev/null
STATS="$TMP/stats"
start_serve --content "$CONTENT" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --stats-dir "$STATS"
SERVER_PID=${PIDS[-1]}
BASE="http://127.0.0.1:$PORT"
UA="Mozilla/5.0 (X11; Linux x86_64) VetrinaPrivacyProbe/7.3"
PHONE="Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile/15E148 Safari/604.1"
XFF="203.0.113.77"
get() { curl -s -o "$TMP/body" -w '%{http_code}' -A "$UA" -H "X-Forwarded-For: $XFF" "$@"; }
total() { sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$TMP/body"; }

[[ $(get "$BASE/api/search?q=orto") == 200 ]] || fail "search"
T_ORTO=$(total)
[[ -n "$T_ORTO" && "$T_ORTO" -gt 0 ]] || fail "'orto' finds nothing in the fixture"
get "$BASE/api/search?q=orto" >/dev/null
[[ $(get "$BASE/cerca/?q=Orto") == 200 ]] || fail "/cerca/"
[[ $(get "$BASE/api/search?q=zanzibarite") == 200 ]] || fail "search"
[[ $(total) == 0 ]] || fail "zanzibarite should find nothing"
get "$BASE/api/search?q=orto&page=2" >/dev/null                        # a second page: not a new search
get -H "DNT: 1" "$BASE/api/search?q=orto" >/dev/null                   # Do Not Track
get -H "Sec-GPC: 1" "$BASE/api/search?q=orto" >/dev/null               # Global Privacy Control
curl -s -o /dev/null -A "Mozilla/5.0 (compatible; Googlebot/2.1)" "$BASE/api/search?q=orto"   # a crawler
curl -s -o "$TMP/body" -A "$PHONE" "$BASE/api/search?livello=primaria" # filters only, from a phone
T_PRIM=$(total)
get "$BASE/cerca/" >/dev/null                                           # the page, no search
get --data-urlencode "q=mario.rossi@example.org orto" --get "$BASE/api/search" >/dev/null
T_EMAIL=$(total)
[[ $(get "$BASE/api/search?q=orto&livello=nonesiste") == 400 ]] || fail "a bad filter is a 400"

click() { curl -s -o /dev/null -w '%{http_code}' -A "$UA" -H "X-Forwarded-For: $XFF" "$@" "$BASE/api/click"; }
[[ $(click --data-urlencode "q=Orto" --data-urlencode "url=/esperienze/orto-in-condotta/") == 204 ]] || fail "click"
[[ $(click --data-urlencode "q=mario.rossi@example.org orto" --data-urlencode "url=/esperienze/orto-in-condotta/") == 204 ]] ||
  fail "click"
[[ $(click -H "DNT: 1" --data-urlencode "q=orto" --data-urlencode "url=/esperienze/orto-in-condotta/") == 204 ]] ||
  fail "a click with DNT is answered like any other"
[[ $(click --data-urlencode "q=orto" --data-urlencode "url=/esperienze/non-esiste/") == 400 ]] || fail "unknown story"
[[ $(click --data-urlencode "q=orto" --data-urlencode "url=https://evil.example/") == 400 ]] || fail "foreign url"
[[ $(click --data-urlencode "q=orto" --data-urlencode "url=/esperienze/../index.html") == 400 ]] || fail "dot segments"
[[ $(click --data-urlencode "q=orto") == 400 ]] || fail "url is required"

kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
! kill -0 "$SERVER_PID" 2>/dev/null || fail "the service did not stop on SIGTERM"

DAY=$(date +%F)
FILE="$STATS/usage-$DAY.tsv"
[[ -f "$FILE" ]] || { ls -la "$STATS" >&2; fail "no statistics file for $DAY"; }
[[ $(head -1 "$FILE") == "vetrina-usage	1	$DAY" ]] || fail "header"
tail -n +2 "$FILE" | LC_ALL=C sort >"$TMP/got"
LC_ALL=C sort >"$TMP/want" <<EOT
search	3	computer	$T_ORTO		orto
search	1	computer	0		zanzibarite
search	1	telefono	$T_PRIM	livello=primaria	
search	1	computer	$T_EMAIL		[email] orto
click	1	computer	/esperienze/orto-in-condotta/	orto
click	1	computer	/esperienze/orto-in-condotta/	[email] orto
EOT
diff -u "$TMP/want" "$TMP/got" || fail "the counts differ"

# The report reads them.
"$VETRINA" report --content "$CONTENT" --log "$SRC/tests/integration/report/access.log" --stats "$STATS" \
  --out "$TMP/report" --site-out "$TMP/public" >/dev/null || fail "report with --stats"
grep -q '^Ricerche contate dal servizio,6$' "$TMP/report/riepilogo.csv" || fail "service searches in the summary"
grep -q '^zanzibarite,,1$' "$TMP/report/ricerche-senza-risultati.csv" || fail "zero-result search"
grep -q "^orto,L'orto in condotta,1$" "$TMP/report/risultati-aperti.csv" || fail "opened result"
grep -q '^livello=primaria,1$' "$TMP/report/filtri.csv" || fail "filters used"

# Nothing personal anywhere the service or the report wrote.
for secret in "127.0.0.1" "$XFF" "VetrinaPrivacyProbe" "X11; Linux" "iPhone OS" "mario.rossi" "example.org orto"; do
  if grep -rqF -- "$secret" "$STATS" "$TMP/report"; then fail "'$secret' was written"; fi
done
echo "ok: usage statistics"
