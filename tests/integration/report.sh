#!/usr/bin/env bash
# `vetrina report` on a fixture access log (tests/integration/report/): the
# current log, a plain rotated one and a gzip-rotated one (compressed here),
# with bots, malformed lines, and hostile URLs and referrers. The CSV files
# must hold the numbers of report/expected/ (counted by hand, see the
# comments in docs/usage-report.md), the page must escape everything the log
# brought, no client address or user agent may appear in any written file,
# and the report refuses to go into the site's output folder.
# Usage: report.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$(dirname "$0")/lib.sh"
make_temp
FIX="$SRC/tests/integration/report"
CONTENT="$TMP/content"
bash "$SRC/tests/e2e/fixture.sh" good "$CONTENT"  # the e2e good site, materialised

cp "$FIX/access.log" "$FIX/access.log.1" "$TMP/"
gzip -c "$FIX/access.log.2" >"$TMP/access.log.2.gz"
cd "$TMP"
"$VETRINA" report --content "$CONTENT" --log access.log access.log.1 access.log.2.gz --out report >out.txt 2>err.txt ||
  { cat err.txt >&2; fail "report failed"; }
grep -q "31 righe, 16 pagine viste, 5 richieste di bot escluse, 3 righe non valide" out.txt || { cat out.txt >&2; fail "summary line"; }

for expected in "$FIX"/expected/*.csv; do
  name=$(basename "$expected")
  diff -u "$expected" "report/$name" || fail "report/$name differs from the expected numbers"
done

html=report/index.html
grep -q '<html lang="it">' "$html" || fail "not an Italian page"
grep -q 'noindex' "$html" || fail "the report must not be indexed"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$html" || fail "the hostile query is not shown escaped"
grep -q '&lt;svg onload=alert(2)&gt;' "$html" || fail "the hostile referrer is not shown escaped"
if grep -q -e '<script' -e '<svg onload' -e '<img src=x' "$html"; then fail "unescaped text from the log"; fi
grep -q '<svg' "$html" || fail "no chart"
for csv in report/*.csv; do
  grep -qF "$(basename "$csv")" "$html" || fail "$csv is not linked from the page"
done

# Nothing personal: no client address, no user agent string of the log.
for ip in 198.51.100.23 203.0.113.41 66.249.66.1 192.0.2.77 157.55.39.1 198.51.100.99 203.0.113.50 203.0.113.5 \
  20.171.207.2 203.0.113.6 203.0.113.7; do
  if grep -rqF "$ip" report; then fail "client address $ip written in the report"; fi
done
for agent in "Chrome/120.0.0.0" "iPhone OS 17_1" "iPad; CPU OS" "Googlebot" "GPTBot" "curl/8.5.0"; do
  if grep -rqF "$agent" report; then fail "user agent '$agent' written in the report"; fi
done

# Again over an earlier report: replaced. Never into the site's output, nor over another folder.
"$VETRINA" report --content "$CONTENT" --log access.log --out report >/dev/null || fail "rerun over an earlier report"
grep -q '^Righe di log lette,17$' report/riepilogo.csv || fail "the earlier report was not replaced"
mkdir -p public/x
if "$VETRINA" report --content "$CONTENT" --log access.log --out public/x/report 2>err.txt; then
  fail "report written inside public/"
fi
grep -q "è dentro il sito costruito" err.txt || { cat err.txt >&2; fail "unclear refusal"; }
[[ ! -e public/x/report ]] || fail "something was written in public/"
mkdir -p notes && echo keep >notes/mine.txt
if "$VETRINA" report --content "$CONTENT" --log access.log --out notes 2>/dev/null; then fail "replaced a folder that is not a report"; fi
[[ -f notes/mine.txt ]] || fail "a folder that is not a report was touched"
if "$VETRINA" report --content "$CONTENT" --log missing.log --out r2 2>err.txt; then fail "a missing log is an error"; fi
grep -q "missing.log" err.txt || fail "the error names the missing log"
echo "ok: report"
