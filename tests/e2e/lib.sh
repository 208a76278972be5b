# Shared by run.sh and update-expected.sh: how a fixture is staged and built,
# so the expected files are made exactly the way the tests run. Source it
# after tests/integration/lib.sh (fail, make_temp) with VETRINA and SRC set.
#
# A fixture is tests/e2e/fixtures/<name>/, an overlay on the shared base site
# tests/e2e/base/content/ (fixture.sh materialises it), holding
#   content/             the files that differ from the base (new or replaced)
#   deleted.txt          optional: base paths (files or folders) the case
#                        needs absent, one per line
# and either
#   nothing else         a good site: its output tree is tests/e2e/expected/<name>/
#   expected-stderr.txt  a bad site: `vetrina build` fails with exactly this
# and optionally theme-overlay/: files copied over a copy of the real theme
# (theme errors; the build then runs with --theme theme). Fixtures are always
# materialised into a temporary site folder first: nothing is ever written
# into tests/, whatever the binary does.

export NO_COLOR=1
export LC_ALL=C
# Messages in Italian, whatever the developer's own language (generator/util/i18n.h).
export LANGUAGE=it
unset GITHUB_ACTIONS
E2E="$SRC/tests/e2e"
FIXTURES="$E2E/fixtures"
BASE="$E2E/base"
THEME="$SRC/themes/etwinning"
source "$E2E/fixture.sh"

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

# stage NAME SITE: puts fixture NAME's materialised content/ (and theme/, when
# it has a theme overlay) into the folder SITE, replacing earlier ones; prints
# the --theme argument to use from inside SITE.
stage() {
  local name=$1 site=$2
  mkdir -p "$site"
  rm -rf "$site/content" "$site/theme"
  materialise_fixture "$name" "$site/content" || fail "$name: the fixture cannot be materialised"
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

# lint_fixtures FIXTURES_DIR BASE_DIR: prints one line per overlay mistake
# (nothing when all is well): a fixture file that is a byte-identical copy of
# the base file at the same path (copies must not creep back: the base already
# provides it), a deleted.txt entry that is not in the base, and an entry the
# overlay provides again.
lint_fixtures() {
  local fixtures=$1 base=$2 dir name file path
  for dir in "$fixtures"/*/; do
    name=$(basename "$dir")
    if [[ -d "$dir/content" ]]; then
      while IFS= read -r -d '' file; do
        if [[ -f "$base/content/$file" ]] && cmp -s "$dir/content/$file" "$base/content/$file"; then
          echo "$name/content/$file: an unchanged copy of base/content/$file (delete it: the base provides it)"
        fi
      done < <(cd "$dir/content" && find . -type f -printf '%P\0')
    fi
    [[ -f "$dir/deleted.txt" ]] || continue
    while IFS= read -r path || [[ -n $path ]]; do
      [[ -z $path || $path == '#'* ]] && continue
      if [[ ! -e "$base/content/$path" ]]; then
        echo "$name/deleted.txt: '$path' is not in base/content"
      elif [[ -f "$dir/content/$path" ]]; then
        echo "$name/deleted.txt: '$path' is deleted and provided again by $name/content/"
      fi
    done <"$dir/deleted.txt"
  done
}
