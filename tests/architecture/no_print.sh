#!/usr/bin/env bash
# The library never prints (scripts/check-no-print.py): the real tree passes,
# and copies with one print added to the library (in the search service, in
# util) are refused with the offending file and line, while the same print in
# the CLI is accepted.
set -euo pipefail
source_dir=$1
check="$source_dir/scripts/check-no-print.py"

python3 "$check" "$source_dir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy() {
  rm -rf "$work/tree" && mkdir -p "$work/tree"
  cp -r "$source_dir/generator" "$source_dir/search" "$work/tree/"
}
refused() {  # refused FILE LINE TEXT: the check fails and names FILE:LINE
  if python3 "$check" "$work/tree" >"$work/out" 2>&1; then
    echo "FAIL: $3 was accepted"; exit 1
  fi
  grep -q "^$1:$2: the library never prints" "$work/out" || { echo "FAIL: unexpected report:"; cat "$work/out"; exit 1; }
}

# A warning written to stderr by the service.
copy
sed -i '1a void noisy() { std::fprintf(stderr, "vetrina serve: oops\\n"); }' "$work/tree/search/service/server.cpp"
refused search/service/server.cpp 2 "an fprintf to stderr in the service"

# A std::cout in util.
copy
sed -i '1a void noisy() { std::cout << "hello"; }' "$work/tree/generator/util/strings.cpp"
refused generator/util/strings.cpp 2 "a std::cout in util"

# A printf in the report.
copy
sed -i '1a void noisy() { printf("%d", 1); }' "$work/tree/generator/report/access_log.cpp"
refused generator/report/access_log.cpp 2 "a printf in the report"

# The CLI prints: the same lines there are fine, and so are prints in comments and strings.
copy
sed -i '1a void noisy() { std::fprintf(stderr, "x"); std::cout << 1; }' "$work/tree/generator/cli/cli.cpp"
sed -i '1a // std::cerr << "a comment"; const char* k = "printf(stderr)";' "$work/tree/generator/util/strings.cpp"
python3 "$check" "$work/tree" || { echo "FAIL: prints in the CLI, a comment or a string were refused"; exit 1; }
echo "architecture: the library never prints, and a print added to it is refused"
