#!/usr/bin/env bash
# Installs what Vetrina needs on Debian 12, and only what is missing.
#   scripts/install-deps.sh          build + run the site
#   scripts/install-deps.sh --tests  also what the tests need (chromium, curl, nginx, dpkg-dev and
#                                    systemd for the package test, clang + libFuzzer, npm packages)
# Everything comes from Debian's packages and the npm registry; no browser or
# tool is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make pkg-config python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev
  libxapian-dev xapian-tools libstb-dev doctest-dev libkainjow-mustache-dev
  libcli11-dev libcpp-httplib-dev nlohmann-json3-dev libexif-dev
  libutf8proc-dev libxxhash-dev zlib1g-dev libzstd-dev libjemalloc-dev gettext)
with_tests=0
if [[ "${1:-}" == "--tests" ]]; then
  with_tests=1
  packages+=(chromium curl ca-certificates nginx ccache dpkg-dev systemd clang libclang-rt-14-dev libfuzzer-14-dev lld clang-format clang-tidy hugo hyperfine wrk time bc)
fi
# Node.js may already come from elsewhere (e.g. nodesource); Debian's nodejs
# and npm packages conflict with it, so install them only when npm is absent.
if [[ $with_tests == 1 ]] && ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo (missing: ${missing[*]})" >&2; exit 2; }
    sudo="sudo"
  fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ $with_tests == 1 && -f package-lock.json ]]; then
  # Browser tests use Debian's chromium: never let a tool download its own.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [[ ! -d node_modules ]] || ! npm ls --silent >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
