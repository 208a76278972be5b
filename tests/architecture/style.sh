#!/usr/bin/env bash
# The style of ../shared/CONVENTIONS.md, checked: every C++ file of ours is
# formatted as .clang-format says, and clang-tidy's naming rules
# (.clang-tidy) hold on every translation unit of the build. Then proves both
# checks refuse a violation, so this test cannot pass by checking nothing.
# Usage: style.sh SOURCE_DIR BUILD_DIR (BUILD_DIR has compile_commands.json)
set -euo pipefail
source_dir=$1
build_dir=$2
cd "$source_dir"

format=$(command -v clang-format-14 || command -v clang-format) ||
  { echo "FAIL: clang-format missing (scripts/install-deps.sh --tests)"; exit 1; }
tidy=$(command -v run-clang-tidy-14 || command -v run-clang-tidy) ||
  { echo "FAIL: run-clang-tidy missing (scripts/install-deps.sh --tests)"; exit 1; }
tidy_one=$(command -v clang-tidy-14 || command -v clang-tidy)

mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.hpp' 2>/dev/null || find generator search tests bench -name '*.cpp' -o -name '*.h')
"$format" --dry-run -Werror "${files[@]}" ||
  { echo "FAIL: not formatted: run  clang-format -i \$(git ls-files '*.cpp' '*.h')"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Only our sources (the generated cpp of the build tree and system headers
# are not ours to rename).
"$tidy" -p "$build_dir" -quiet -j "$(nproc)" "^$source_dir/(generator|search|bench|tests)/" >"$work/tidy" 2>&1 ||
  { grep -E "error:|warning:" "$work/tidy" | sort -u | head -50; echo "FAIL: clang-tidy naming rules (.clang-tidy)"; exit 1; }

# The checks refuse a violation.
cp .clang-format .clang-tidy "$work/"
printf 'int main( ){return 0;}\n' >"$work/bad_format.cpp"
if "$format" --dry-run -Werror "$work/bad_format.cpp" 2>/dev/null; then
  echo "FAIL: a badly formatted file was accepted"; exit 1
fi
printf 'namespace vetrina {\nint CountStories() { return 0; }\nclass story_list {\n  int count;\n};\n}  // namespace vetrina\n' >"$work/bad_names.cpp"
if "$tidy_one" --quiet "$work/bad_names.cpp" -- -std=c++20 >"$work/out" 2>&1; then
  echo "FAIL: names against the rules were accepted"; cat "$work/out"; exit 1
fi
for name in CountStories story_list count; do
  grep -q "invalid case style for .* '$name'" "$work/out" ||
    { echo "FAIL: '$name' not reported:"; cat "$work/out"; exit 1; }
done
echo "style: ${#files[@]} files formatted, naming rules hold"
