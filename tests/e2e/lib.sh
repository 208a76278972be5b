# Shared by run.sh and update-expected.sh: how a fixture is staged and built,
# so the expected files are made exactly the way the tests run. Source it
# after tests/integration/lib.sh (fail, make_temp) with VETRINA and SRC set.
#
# A fixture is tests/e2e/fixtures/<name>/ holding content/ and either
#   nothing else         a good site: its output tree is tests/e2e/expected/<name>/
#   expected-stderr.txt  a bad site: `vetrina build` fails with exactly this
# and optionally theme-overlay/: files copied over a copy of the real theme
# (theme errors; the build then runs with --theme theme). Fixtures are always
# copied into a temporary site folder first: nothing is ever written into
# tests/, whatever the binary does.

export NO_COLOR=1
export LC_ALL=C
# Messages in Italian, whatever the developer's own language (generator/util/i18n.h).
export LANGUAGE=it
unset GITHUB_ACTIONS
E2E="$SRC/tests/e2e"
FIXTURES="$E2E/fixtures"
THEME="$SRC/themes/etwinning"

good_fixtures() {
  local dir
  for dir in "$FIXTURES"/*/; do
    [[ -f "$dir/expected-stderr.txt" ]] || basename "$dir"
  done
}

bad_fixtures() {
  local dir
  for dir in "$FIXTURES"/*/; do
    [[ -f "$dir/expected-stderr.txt" ]] && basename "$dir"
  done
  return 0
}

# The tree under DIR as sorted "sha256  path" lines (every file, no folders).
tree_sums() {
  (cd "$1" && find . -type f -printf '%P\n' | sort | xargs -r -d '\n' sha256sum)
}

# stage NAME SITE: puts fixture NAME's content/ (and theme/, when it has a
# theme overlay) into the folder SITE, replacing earlier ones; prints the
# --theme argument to use from inside SITE.
stage() {
  local name=$1 site=$2
  mkdir -p "$site"
  rm -rf "$site/content" "$site/theme"
  cp -r "$FIXTURES/$name/content" "$site/content"
  if [[ -d "$FIXTURES/$name/theme-overlay" ]]; then
    cp -r "$THEME" "$site/theme"
    cp -r "$FIXTURES/$name/theme-overlay/." "$site/theme/"
    echo theme
  else
    echo "$THEME"
  fi
}

# build_site SITE THEME CACHE [flags...]: `vetrina build` run inside SITE with
# relative paths (content, public, index), so diagnostics name content/...
build_site() {
  local site=$1 theme=$2 cache=$3
  shift 3
  (cd "$site" && "$VETRINA" build --content content --theme "$theme" --out public --index index \
    --cache "$cache" "$@")
}
