#!/usr/bin/env bash
# The editors' web interface end to end (docs/cms.md): a copy of the `good`
# e2e fixture with a content/admin.yaml is built and served by `vetrina
# serve`; `decap-server` (npm, the local backend) works on the copy;
# admin.test.mjs opens /admin/ in Debian's chromium, finds the story
# collection with an existing story, changes its summary through the form
# and saves. Then the file on disk holds the new summary and `vetrina check`
# accepts it.
# The config.yml served here points the local backend at this test's
# decap-server port instead of 8081 (the only change to the built file).
# Needs: chromium and `npm ci` at the repo root.
# Usage: admin.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$(realpath "$2")
source "$SRC/tests/integration/lib.sh"
make_temp
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[[ -x /usr/bin/chromium ]] || fail "no /usr/bin/chromium: apt-get install -y chromium"
[[ -x "$SRC/node_modules/.bin/decap-server" && -d "$SRC/node_modules/playwright-core" ]] \
  || fail "no node_modules: run 'npm ci' at the repo root"

site="$TMP/site"
mkdir -p "$site"
bash "$SRC/tests/e2e/fixture.sh" good "$site/content"
cat >"$site/content/admin.yaml" <<'YAML'
backend: github
repo: indire/esperienze-etwinning
YAML
cd "$site"
"$VETRINA" build --content content --theme "$SRC/themes/etwinning" --out public --index index --cache cache \
  >/dev/null || fail "the build failed"
for file in index.html config.yml decap-cms.js; do
  [[ -s public/admin/$file ]] || fail "the build wrote no public/admin/$file"
done
grep -q '<meta name="robots" content="noindex, nofollow">' public/admin/index.html || fail "/admin/ may be indexed"
! grep -q '/admin/' public/sitemap.xml || fail "/admin/ is in the sitemap"

decap_port=$(free_port)
sed -i "s|^local_backend: true\$|local_backend:\n  url: \"http://127.0.0.1:$decap_port/api/v1\"|" public/admin/config.yml
grep -q "127.0.0.1:$decap_port" public/admin/config.yml || fail "config.yml has no local_backend line"

PORT="$decap_port" GIT_REPO_DIRECTORY="$site" LOG_LEVEL=warn "$SRC/node_modules/.bin/decap-server" \
  >"$TMP/decap.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"action":"info"}' \
    "http://127.0.0.1:$decap_port/api/v1" && break
  sleep 0.1
done
curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"action":"info"}' \
  "http://127.0.0.1:$decap_port/api/v1" || { cat "$TMP/decap.log" >&2; fail "decap-server did not start"; }

start_serve --content content --theme "$SRC/themes/etwinning" --out public --index index
story=content/stories/lettere-dal-mare/index.md
before=$(cat "$story")
mkdir -p "$TMP/screenshots"
cd "$SRC"
code=0
node tests/browser/admin.test.mjs "http://127.0.0.1:$PORT" "$site/$story" "$TMP/screenshots" || code=$?
if [[ $code != 0 ]]; then
  kept=$(mktemp -d /tmp/vetrina-screenshots-XXXXXX)
  cp "$TMP"/screenshots/*.png "$kept/" 2>/dev/null || true
  echo "screenshots kept in $kept; decap-server said:" >&2
  cat "$TMP/decap.log" >&2
  exit "$code"
fi
cd "$site"
[[ "$(cat "$story")" != "$before" ]] || fail "the story file did not change"
grep -q '^summary: .*Scritto dalla redazione web' "$story" || fail "the new summary is not in the file: $(cat "$story")"
"$VETRINA" check --content content --theme "$SRC/themes/etwinning" --cache cache >"$TMP/check.out" 2>&1 \
  || { cat "$TMP/check.out" >&2; echo "--- the file:" >&2; cat "$story" >&2; fail "vetrina check refuses the file the form wrote"; }
echo "browser: admin: ok (edited through /admin/, the file changed, vetrina check accepts it)"
