# Helpers for the shell integration tests: temp folders, free ports, waiting
# for a server, and `vetrina serve` in the background. Source it.
set -euo pipefail
# Messages in Italian, whatever the developer's own language (generator/util/i18n.h).
export LANGUAGE=it

fail() { echo "FAIL: $*" >&2; exit 1; }

make_temp() {
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/vetrina-it-XXXXXX")
  chmod 755 "$TMP"  # nginx workers run as another user
  PIDS=()
  trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"' EXIT
}

# Starts `vetrina serve` on a free port with the given arguments; sets PORT.
start_serve() {
  local log="$TMP/serve-$RANDOM.log"
  # The file exists before the server starts: the background job opens it
  # only once forked, and reading a missing file would end the test (set -e).
  : >"$log"
  "$VETRINA" serve --port 0 "$@" >"$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's|^pubblico .* su http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [[ -n "$PORT" ]] && return 0
    sleep 0.05
  done
  cat "$log" >&2
  fail "vetrina serve did not start"
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port"
}

wait_for() {
  local url=$1
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$url" && return 0
    sleep 0.05
  done
  echo "$url never answered" >&2; return 1
}
