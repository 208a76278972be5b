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

# Debian's nginx on loopback in front of the `vetrina serve` started by
# start_serve, configured with docs/nginx.conf.example exactly as
# docs/deploy.md says: static pages from PUBLIC_DIR (gzip, long cache for
# assets), /api/ and /cerca/ proxied to the service. Sets NGINX_BASE.
# Usage: start_nginx PUBLIC_DIR
start_nginx() {
  local public=$1 port
  command -v nginx >/dev/null || fail "nginx is not installed (scripts/install-deps.sh --tests installs it)"
  port=$(free_port)
  mkdir -p "$TMP/nginx/logs"
  sed -e "s|@PUBLIC@|$public|" -e "s|@SERVICE@|127.0.0.1:$PORT|" -e "s|@LISTEN@|127.0.0.1:$port|" \
    "$SRC/docs/nginx.conf.example" > "$TMP/nginx/site.conf"
  cat > "$TMP/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  include $TMP/nginx/site.conf;
}
CONF
  nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g "daemon off;" 2>"$TMP/nginx/stderr" &
  PIDS+=($!)
  NGINX_BASE="http://127.0.0.1:$port"
  wait_for "$NGINX_BASE/" || { tail -n 5 "$TMP/nginx/stderr" "$TMP/nginx/logs/error.log" >&2; exit 1; }
}
