#!/usr/bin/env bash
# Rewrites tests/e2e/expected/good.sha256 and every bad/<name>.expected from
# the current binary. Review `git diff` afterwards: it is the behaviour change.
# Usage: update-expected.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/integration/lib.sh"
make_temp
export NO_COLOR=1
E2E="$SRC/tests/e2e"
(cd "$E2E/fixtures/good" && "$VETRINA" build --content content --theme "$SRC/themes/etwinning" --out "$TMP/out" \
  --index "$TMP/index" --cache "$TMP/cache" --jobs 1 >/dev/null)
mkdir -p "$E2E/expected"
(cd "$TMP/out" && find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum) > "$E2E/expected/good.sha256"
for mutation in "$E2E"/bad/*.sed; do
  name=$(basename "$mutation" .sed)
  rm -rf "$TMP/site" && mkdir -p "$TMP/site" && cp -r "$E2E/fixtures/good/content" "$TMP/site/content"
  while IFS=$'\t' read -r file expression; do
    [[ -z "$file" || "$file" == \#* ]] && continue
    if [[ "$expression" == MOVE:* ]]; then mv "$TMP/site/content/$file" "$TMP/site/content/${expression#MOVE:}"
    elif [[ "$expression" == COPY:* ]]; then cp -r "$TMP/site/content/$file" "$TMP/site/content/${expression#COPY:}"
    else sed -i "$expression" "$TMP/site/content/$file"; fi
  done < "$mutation"
  (cd "$TMP/site" && "$VETRINA" build --content content --theme "$SRC/themes/etwinning" --out public \
    --index "$TMP/site/index" --cache "$TMP/cache" >/dev/null 2>"$E2E/bad/$name.expected") || true
done
echo "updated; review with git diff tests/e2e"
