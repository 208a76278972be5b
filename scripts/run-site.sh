#!/usr/bin/env bash
# The README's first command: install what is missing, build Vetrina, build
# the real site from content/ and serve it on http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
build/vetrina build
exec build/vetrina serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
