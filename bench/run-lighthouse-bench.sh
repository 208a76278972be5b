#!/usr/bin/env bash
# Lighthouse 12.2.3 (npm) with Debian's chromium on each page kind of the real
# site, mobile (Lighthouse's default: Moto G Power, slow 4G, 4x CPU) and
# desktop (--preset=desktop) settings, served by `vetrina serve` on loopback;
# then the weight of a story page (HTML + CSS + JS, no images or fonts),
# raw and gzip. Prints a Markdown table for docs/performance.md.
# Usage: bench/run-lighthouse-bench.sh [VETRINA_BINARY]  (default build/vetrina)
set -euo pipefail
ROOT=$(realpath "$(dirname "$0")/..")
VETRINA=$(realpath "${1:-$ROOT/build/vetrina}")
SRC=$ROOT
source "$ROOT/tests/integration/lib.sh"
make_temp
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
LIGHTHOUSE="$ROOT/node_modules/.bin/lighthouse"
[[ -x "$LIGHTHOUSE" ]] || fail "no node_modules/.bin/lighthouse: run 'npm ci'"
"$VETRINA" build --content "$ROOT/content" --theme "$ROOT/themes/etwinning" --out "$TMP/public" \
  --index "$TMP/index" --cache "$TMP/cache" >/dev/null
start_serve --content "$ROOT/content" --theme "$ROOT/themes/etwinning" --out "$TMP/public" --index "$TMP/index"
base="http://127.0.0.1:$PORT"
story=$(grep -o 'class="card__title"><a href="[^"]*"' "$TMP/public/index.html" | head -1 | sed 's/.*href="//; s/"$//')
term=$(grep -A2 'class="term-grid"' "$TMP/public/index.html" | grep -o 'href="[^"]*"' | head -1 | sed 's/href="//; s/"$//')
kinds=("home /" "list /esperienze/" "term $term" "story $story" "page /dichiarazione-di-accessibilita/"
       "awards /premi/" "award-year /premi/2019/" "events /eventi/" "numeri /numeri/" "search /cerca/?q=scuola")

echo "| page | path | mobile P/A/BP/SEO | desktop P/A/BP/SEO |"
echo "| --- | --- | --- | --- |"
for entry in "${kinds[@]}"; do
  name=${entry%% *}
  path=${entry#* }
  row="| $name | \`$path\` |"
  for preset in mobile desktop; do
    flags=()
    [[ $preset == desktop ]] && flags+=(--preset=desktop)
    "$LIGHTHOUSE" "$base$path" "${flags[@]}" --quiet --output=json --output-path="$TMP/lh-$name-$preset.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$TMP/lh.log" \
      || { cat "$TMP/lh.log" >&2; fail "lighthouse failed on $path"; }
    scores=$(node -e '
      const r = require(process.argv[1]);
      const c = r.categories;
      const s = (k) => Math.round(c[k].score * 100);
      const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 1 &&
        a.scoreDisplayMode === "binary").map((a) => a.id);
      process.stdout.write(`${s("performance")}/${s("accessibility")}/${s("best-practices")}/${s("seo")}` +
        (failed.length ? ` (${failed.join(", ")})` : ""));' "$TMP/lh-$name-$preset.json")
    row+=" $scores |"
  done
  echo "$row"
done

html=$(curl -s "$base$story" | wc -c)
css_url=$(curl -s "$base$story" | grep -o 'href="/assets/style.css[^"]*"' | sed 's/href="//; s/"$//')
js_url=$(curl -s "$base$story" | grep -o 'src="/assets/story.js[^"]*"' | sed 's/src="//; s/"$//')
css=$(curl -s "$base$css_url" | wc -c)
js=$(curl -s "$base$js_url" | wc -c)
gz() { curl -s "$base$1" | gzip -9 | wc -c; }
total=$((html + css + js))
echo
echo "story page $story: HTML $html + CSS $css + JS $js = $total bytes" \
     "(gzip: $(( $(gz "$story") + $(gz "$css_url") + $(gz "$js_url") )) bytes); budget: 30,720 bytes on the wire"
# The budget is bytes on the wire (docs/performance.md, "Page weight").
