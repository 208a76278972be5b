#!/usr/bin/env bash
# The architecture check (scripts/check-layers.py) on the real tree, and on
# copies with one forbidden include and one include cycle added, which it
# must refuse with the offending file and line.
set -euo pipefail
source_dir=$1
check="$source_dir/scripts/check-layers.py"

python3 "$check" "$source_dir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy() {
  rm -rf "$work/tree" && mkdir -p "$work/tree"
  cp -r "$source_dir/CMakeLists.txt" "$source_dir/generator" "$source_dir/search" "$work/tree/"
}

# util may not reach up into the CLI.
copy
sed -i '1a #include "generator/cli/command.h"' "$work/tree/generator/util/strings.cpp"
if python3 "$check" "$work/tree" >"$work/out" 2>&1; then
  echo "FAIL: a util file including the CLI was accepted"; exit 1
fi
grep -q "generator/util/strings.cpp:2: layer 'util' may not include 'generator/cli/command.h'" "$work/out" ||
  { echo "FAIL: unexpected report:"; cat "$work/out"; exit 1; }

# Two modules of one layer including each other.
copy
sed -i '1a #include "generator/render/feeds.h"' "$work/tree/generator/render/markdown.h"
sed -i '1a #include "generator/render/markdown.h"' "$work/tree/generator/render/feeds.cpp"
if python3 "$check" "$work/tree" >"$work/out" 2>&1; then
  echo "FAIL: an include cycle was accepted"; exit 1
fi
grep -q "modules include each other (a cycle): generator/render/feeds <-> generator/render/markdown" "$work/out" ||
  { echo "FAIL: unexpected report:"; cat "$work/out"; exit 1; }

# A layer declared to link a layer above it (a cycle of layers).
copy
sed -i 's/^vetrina_layer(util           generator\/util)/vetrina_layer(util generator\/util cli)/' "$work/tree/CMakeLists.txt"
if python3 "$check" "$work/tree" >"$work/out" 2>&1; then
  echo "FAIL: a cycle of layers was accepted"; exit 1
fi
grep -q "layer 'util' depends on itself" "$work/out" || { echo "FAIL: unexpected report:"; cat "$work/out"; exit 1; }
echo "architecture: layers checked, and violations are refused"
