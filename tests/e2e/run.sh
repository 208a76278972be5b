#!/usr/bin/env bash
# End-to-end tests of the real binary on the fixture site tests/e2e/fixtures/good:
#   good     the output tree equals tests/e2e/expected/good.sha256 (every file
#            and its checksum), twice in a row and with --jobs 1 and 4
#            (byte-identical, deterministic); key pages checked for escaping;
#   bad/*    each file tests/e2e/bad/<name>.sed breaks the good site one way
#            (lines "FILE<TAB>SED-EXPRESSION"); the build must exit 1, print
#            exactly tests/e2e/bad/<name>.expected on stderr, and leave the
#            published public/ byte-for-byte as it was (no staging left over);
#   formats  check --format json and --format github on one bad site;
#   cli      unknown command, --help.
# Usage: run.sh VETRINA_BINARY SOURCE_DIR [good|bad|formats|cli]
# Regenerate the expected tree after a deliberate output change with
#   tests/e2e/update-expected.sh VETRINA_BINARY SOURCE_DIR   (then review the diff).
VETRINA=$(realpath "$1")
SRC=$(realpath "$2")
PART=${3:-all}
source "$SRC/tests/integration/lib.sh"
make_temp
export NO_COLOR=1
E2E="$SRC/tests/e2e"
THEME="$SRC/themes/etwinning"

checksums() {  # the tree as "sha256  path" lines, sorted
  (cd "$1" && find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum)
}
build() {  # build CONTENT_DIR OUT [extra flags]; run from the content's parent so paths are stable
  local content=$1 out=$2
  shift 2
  (cd "$(dirname "$content")" && "$VETRINA" build --content content --theme "$THEME" --out "$out" \
    --index "$TMP/index" --cache "$TMP/cache" "$@")
}

if [[ $PART == all || $PART == good ]]; then
  build "$E2E/fixtures/good/content" "$TMP/one" --jobs 1 >/dev/null
  checksums "$TMP/one" > "$TMP/one.sha256"
  diff -u "$E2E/expected/good.sha256" "$TMP/one.sha256" || fail "the output tree differs from tests/e2e/expected/good.sha256"
  build "$E2E/fixtures/good/content" "$TMP/four" --jobs 4 >/dev/null
  checksums "$TMP/four" | diff -u "$TMP/one.sha256" - || fail "--jobs 4 gives another tree than --jobs 1"
  build "$E2E/fixtures/good/content" "$TMP/one" --jobs 2 >/dev/null
  checksums "$TMP/one" | diff -u "$TMP/one.sha256" - || fail "a rebuild is not byte-identical"
  page="$TMP/one/esperienze/orto-in-condotta/index.html"
  grep -q '<script>alert' "$page" && fail "raw HTML reached the page"
  grep -q 'javascript:' "$page" && fail "a javascript: link reached the page"
  grep -q 'Le zucchine &lt;crescono&gt; in fretta!' "$page" || fail "front matter text is not escaped"
  grep -q '<a href="/esperienze/lettere-dal-mare/">le lettere</a>' "$page" || fail "a story link was not rewritten"
  grep -q '<link rel="canonical" href="https://example.org/esperienze/orto-in-condotta/">' "$page" || fail "no canonical URL"
  grep -q '"@type":"BreadcrumbList"' "$page" || fail "no JSON-LD breadcrumbs"
  grep -q '<h2 id="attivita">Attività</h2>' "$page" || fail "heading anchors changed"
  grep -q '<updated>2020-03-02T00:00:00Z</updated>' "$TMP/one/feed.xml" || fail "the feed is not dated by its newest story"
  echo "good: tree, determinism and escaping ok"
fi

if [[ $PART == all || $PART == bad ]]; then
  build "$E2E/fixtures/good/content" "$TMP/site/public" >/dev/null
  checksums "$TMP/site/public" > "$TMP/published.sha256"
  count=0
  for mutation in "$E2E"/bad/*.sed; do
    name=$(basename "$mutation" .sed)
    rm -rf "$TMP/site/content"
    cp -r "$E2E/fixtures/good/content" "$TMP/site/content"
    while IFS=$'\t' read -r file expression; do
      [[ -z "$file" || "$file" == \#* ]] && continue
      if [[ "$expression" == MOVE:* ]]; then
        mv "$TMP/site/content/$file" "$TMP/site/content/${expression#MOVE:}"
      elif [[ "$expression" == COPY:* ]]; then
        cp -r "$TMP/site/content/$file" "$TMP/site/content/${expression#COPY:}"
      else
        sed -i "$expression" "$TMP/site/content/$file"
      fi
    done < "$mutation"
    set +e
    (cd "$TMP/site" && "$VETRINA" build --content content --theme "$THEME" --out public --index "$TMP/site/index" \
      --cache "$TMP/cache" >"$TMP/stdout" 2>"$TMP/stderr")
    code=$?
    set -e
    [[ $code == 1 ]] || fail "$name: exit code $code, expected 1"
    diff -u "$E2E/bad/$name.expected" "$TMP/stderr" || fail "$name: diagnostics differ"
    checksums "$TMP/site/public" | diff -q "$TMP/published.sha256" - >/dev/null || fail "$name: public/ changed"
    leftovers=$(find "$TMP/site" -maxdepth 1 -name '.public.staging-*' | wc -l)
    [[ $leftovers == 0 ]] || fail "$name: a staging folder was left behind"
    count=$((count + 1))
  done
  (( count >= 10 )) || fail "only $count bad fixtures"
  echo "bad: $count kinds of content error, exact diagnostics, public/ untouched"
fi

if [[ $PART == all || $PART == formats ]]; then
  rm -rf "$TMP/fmt" && mkdir -p "$TMP/fmt" && cp -r "$E2E/fixtures/good/content" "$TMP/fmt/content"
  sed -i 's/^competences: \[stem, multilinguistica\]/competences: [stem, multilinguistca]/' \
    "$TMP/fmt/content/stories/orto-in-condotta/index.md"
  set +e
  json=$(cd "$TMP/fmt" && "$VETRINA" check --theme "$THEME" --format json 2>/dev/null)
  github=$(cd "$TMP/fmt" && "$VETRINA" check --theme "$THEME" --format github 2>/dev/null)
  set -e
  expected_json='[
  {
    "column": 21,
    "file": "content/stories/orto-in-condotta/index.md",
    "line": 8,
    "message": "unknown competence '"'"'multilinguistca'"'"' (did you mean '"'"'multilinguistica'"'"'?)",
    "severity": "error"
  }
]'
  [[ "$json" == "$expected_json" ]] || fail "json format: $json"
  [[ "$github" == "::error file=content/stories/orto-in-condotta/index.md,line=8,col=21::unknown competence 'multilinguistca' (did you mean 'multilinguistica'?)" ]] \
    || fail "github format: $github"
  echo "formats: json and github ok"
fi

if [[ $PART == all || $PART == cli ]]; then
  set +e
  err=$("$VETRINA" biuld 2>&1 >/dev/null); code=$?
  set -e
  [[ $code == 2 && "$err" == *"unknown command 'biuld' (did you mean 'build'?)"* ]] || fail "unknown command: $code $err"
  "$VETRINA" --help | grep -q "^  build " || fail "--help does not list build"
  "$VETRINA" build --help | grep -q -- "--drafts" || fail "build --help does not list --drafts"
  set +e
  "$VETRINA" build --jobs abc >/dev/null 2>&1; code=$?
  set -e
  [[ $code == 2 ]] || fail "a bad flag value exited $code"
  echo "cli: ok"
fi
