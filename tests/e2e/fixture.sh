#!/usr/bin/env bash
# Materialises the content folder of one e2e fixture: the shared base site
# tests/e2e/base/content/, less the paths listed in the fixture's deleted.txt,
# with the fixture's own content/ copied over it (layout: tests/e2e/README.md).
# Every user of a fixture's site goes through this (run.sh, update-expected.sh,
# tests/html, tests/integration, scripts/guide-messages.py): the fixtures hold
# only what differs from the base.
#
# Usage: fixture.sh NAME DEST
#   DEST (a folder, replaced if it exists) becomes the content folder of
#   fixture NAME. Exit 1 with a message on a missing fixture or a deleted.txt
#   entry that is not in the base.
# Sourced, it only defines materialise_fixture NAME DEST.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# materialise_fixture NAME DEST: see above.
materialise_fixture() {
  local name=$1 dest=$2 fixture="$E2E_DIR/fixtures/$1" path
  [[ -n $name && -d $fixture ]] || { echo "fixture.sh: no fixture '$name' in $E2E_DIR/fixtures" >&2; return 1; }
  # Each step returns on failure: callers use `materialise_fixture ... || fail`,
  # which turns off set -e inside the function.
  rm -rf "$dest" && mkdir -p "$(dirname "$dest")" && cp -r "$E2E_DIR/base/content" "$dest" || return 1
  if [[ -f "$fixture/deleted.txt" ]]; then
    while IFS= read -r path || [[ -n $path ]]; do
      [[ -z $path || $path == '#'* ]] && continue
      if [[ $path == /* || /$path/ == */../* || ! -e "$E2E_DIR/base/content/$path" ]]; then
        echo "fixture.sh: $name/deleted.txt: '$path' is not a path of base/content" >&2
        return 1
      fi
      rm -r "${dest:?}/$path" || return 1
    done <"$fixture/deleted.txt"
  fi
  if [[ -d "$fixture/content" ]]; then
    cp -r "$fixture/content/." "$dest/" || return 1
  fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  [[ $# == 2 ]] || { echo "usage: fixture.sh NAME DEST" >&2; exit 2; }
  materialise_fixture "$1" "$2"
fi
