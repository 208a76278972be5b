#!/usr/bin/env bash
# Rewrites the expected files of the end-to-end tests from the current binary:
#   tests/e2e/expected/<good fixture>/            the whole output tree
#   tests/e2e/fixtures/<bad fixture>/expected-stderr.txt
#   tests/e2e/fixtures/unknown-competence/expected-check.{json,github.txt}
# They are the specification: read the diff by eye before committing it
# (escaping, links, canonical URLs, JSON-LD, feed, sitemap, error texts).
# A new bad fixture: create fixtures/<name>/ with its overlay on base/ (only
# the files that differ, tests/e2e/README.md) and an empty expected-stderr.txt,
# then run this.
# Usage: update-expected.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/integration/lib.sh"
make_temp
source "$SRC/tests/e2e/lib.sh"

for name in $(good_fixtures); do
  theme=$(stage "$name" "$TMP/$name")
  build_site "$TMP/$name" "$theme" "$TMP/$name/cache" --jobs 1 >/dev/null
  rm -rf "$E2E/expected/$name"
  mkdir -p "$E2E/expected"
  cp -r "$TMP/$name/public" "$E2E/expected/$name"
  echo "expected/$name: $(find "$E2E/expected/$name" -type f | wc -l) files"
done

for name in $(bad_fixtures); do
  theme=$(stage "$name" "$TMP/site")
  code=0
  build_site "$TMP/site" "$theme" "$TMP/cache" >/dev/null 2>"$FIXTURES/$name/expected-stderr.txt" || code=$?
  [[ $code == 1 ]] || echo "WARNING: fixtures/$name: build exited $code, not 1" >&2
done
echo "fixtures/*/expected-stderr.txt: $(bad_fixtures | wc -l) bad fixtures"

stage unknown-competence "$TMP/formats" >/dev/null
cd "$TMP/formats" || fail "no $TMP/formats"
fixture="$FIXTURES/unknown-competence"
"$VETRINA" check --content content --theme "$THEME" --cache "$TMP/cache" --format json \
  >"$fixture/expected-check.json" 2>/dev/null || true
"$VETRINA" check --content content --theme "$THEME" --cache "$TMP/cache" --format github \
  >"$fixture/expected-check-github.txt" 2>/dev/null || true
echo "updated; review the diff of tests/e2e/ before committing"
