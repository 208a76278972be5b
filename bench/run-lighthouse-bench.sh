#!/usr/bin/env bash
# Lighthouse 12.2.3 (npm) with Debian's chromium on each page kind of the real
# site, mobile (Lighthouse's default: Moto G Power, slow 4G, 4x CPU) and
# desktop (--preset=desktop) settings, served on loopback as in production:
# Debian's nginx with docs/nginx.conf.example (static files with gzip and
# long-lived assets, /cerca/ and /api/ proxied to `vetrina serve`), or with
# --direct by `vetrina serve` alone (no gzip, as in the live preview); then
# the weight of a story page (HTML + CSS + JS, no images or fonts),
# raw and gzip. Prints a Markdown table for docs/performance.md: the four
# scores, the audits that did not pass (binary audits failed, and any other
# scored audit below 0.9 with its value), and the lab metrics (LCP, TBT, CLS)
# that tell CPU load from a page's own fault.
# Usage: bench/run-lighthouse-bench.sh [--direct] [VETRINA_BINARY]  (default build/vetrina)
# LIGHTHOUSE_REPORTS=DIR keeps the JSON reports there (lh-<kind>-<preset>.json).
set -euo pipefail
ROOT=$(realpath "$(dirname "$0")/..")
front=nginx
if [[ ${1:-} == --direct ]]; then
  front=direct
  shift
fi
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
if [[ $front == nginx ]]; then
  start_nginx "$TMP/public"
  base=$NGINX_BASE
fi
echo "served by: $front ($base)"
story=$(grep -o 'class="card__title"><a href="[^"]*"' "$TMP/public/index.html" | head -1 | sed 's/.*href="//; s/"$//')
term=$(grep -A2 'class="term-grid"' "$TMP/public/index.html" | grep -o 'href="[^"]*"' | head -1 | sed 's/href="//; s/"$//')
kinds=("home /" "list /esperienze/" "term $term" "story $story" "page /dichiarazione-di-accessibilita/"
       "awards /premi/" "award-year /premi/2019/" "events /eventi/" "numeri /numeri/" "search /cerca/?q=scuola")

echo "| page | path | mobile P/A/BP/SEO | mobile LCP/TBT/CLS | desktop P/A/BP/SEO | desktop LCP/TBT/CLS |"
echo "| --- | --- | --- | --- | --- | --- |"
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
      const failed = Object.values(r.audits).filter((a) => a.score !== null && (a.scoreDisplayMode === "binary" ?
        a.score < 1 : a.score < 0.9)).map((a) => a.id + (a.displayValue ? ` ${a.displayValue}` : ""));
      const m = (k) => r.audits[k].numericValue;
      process.stdout.write(`${s("performance")}/${s("accessibility")}/${s("best-practices")}/${s("seo")}` +
        (failed.length ? ` (${failed.join(", ")})` : "") +
        ` | ${(m("largest-contentful-paint") / 1000).toFixed(1)} s / ${Math.round(m("total-blocking-time"))} ms / ` +
        `${m("cumulative-layout-shift").toFixed(3)}`);' "$TMP/lh-$name-$preset.json")
    row+=" $scores |"
    if [[ -n ${LIGHTHOUSE_REPORTS:-} ]]; then
      mkdir -p "$LIGHTHOUSE_REPORTS"
      cp "$TMP/lh-$name-$preset.json" "$LIGHTHOUSE_REPORTS/"
    fi
  done
  echo "$row"
done

html=$(curl -s "$base$story" | wc -c)
# Every stylesheet the page links (style.css and story.css) and its script.
mapfile -t css_urls < <(curl -s "$base$story" | grep -o 'href="/assets/[^"]*\.css[^"]*"' | sed 's/href="//; s/"$//')
js_url=$(curl -s "$base$story" | grep -o 'src="/assets/story.js[^"]*"' | sed 's/src="//; s/"$//')
gz() { curl -s "$base$1" | gzip -9 | wc -c; }
css=0
css_gz=0
for url in "${css_urls[@]}"; do
  css=$((css + $(curl -s "$base$url" | wc -c)))
  css_gz=$((css_gz + $(gz "$url")))
done
js=$(curl -s "$base$js_url" | wc -c)
total=$((html + css + js))
echo
echo "story page $story: HTML $html + CSS $css (${#css_urls[@]} files) + JS $js = $total bytes" \
     "(gzip: $(( $(gz "$story") + css_gz + $(gz "$js_url") )) bytes); budget: 30,720 bytes on the wire"
# The budget is bytes on the wire (docs/performance.md, "Page weight").
