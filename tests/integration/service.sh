#!/usr/bin/env bash
# `vetrina serve` as a hostile visitor meets it (issue 18), over real HTTP on
# 127.0.0.1: byte ranges (one, or merged; never multipart; none on dynamic
# answers), slow clients (slowloris) that must not hold the workers, request
# limits, 405 for other methods, no open redirect, /healthz as JSON, one
# access-log line per request without the query text, and SIGTERM that lets
# a download in flight finish. Every wait is bounded.
# Usage: service.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$2
source "$(dirname "$0")/lib.sh"
make_temp

site="$TMP/site"
bash "$SRC/tests/e2e/fixture.sh" good "$TMP/content"
"$VETRINA" build --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$site/public" \
  --index "$site/index" --cache "$TMP/cache" >/dev/null
head -c 300000 /dev/urandom >"$site/public/big.bin"
size=300000
start_serve --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$site/public" --index "$site/index"
server_pid=${PIDS[-1]}
log=$(ls "$TMP"/serve-*.log)
BASE="http://127.0.0.1:$PORT"

# get PATH [curl flags...]: sets STATUS and SIZE; body in $TMP/body, headers in $TMP/headers.
get() {
  local path=$1
  shift
  local out
  out=$(curl -s --max-time 10 --path-as-is -o "$TMP/body" -D "$TMP/headers" -w '%{http_code} %{size_download}' \
    "$@" "$BASE$path" || true)
  STATUS=${out%% *}
  SIZE=${out#* }
}
header() { sed -n "s/^$1: *//Ip" "$TMP/headers" | tr -d '\r'; }

# --- Byte ranges --------------------------------------------------------------
get /big.bin -H 'Range: bytes=0-99'
[[ $STATUS == 206 && $SIZE == 100 && "$(header Content-Range)" == "bytes 0-99/$size" ]] \
  || fail "one range: $STATUS, $SIZE bytes, Content-Range '$(header Content-Range)'"
cmp -s "$TMP/body" <(head -c 100 "$site/public/big.bin") || fail "one range: wrong bytes"
get /big.bin -H 'Range: bytes=-10'
[[ $STATUS == 206 && $SIZE == 10 ]] && cmp -s "$TMP/body" <(tail -c 10 "$site/public/big.bin") \
  || fail "a suffix range: $STATUS $SIZE"
get /big.bin -H 'Range: bytes=0-9,5-19'
[[ $STATUS == 206 && $SIZE == 20 && "$(header Content-Range)" == "bytes 0-19/$size" ]] \
  || fail "overlapping ranges are not merged: $STATUS $SIZE $(header Content-Range)"
get /big.bin -H 'Range: bytes=0-9,100-109'
[[ $STATUS == 200 && $SIZE == "$size" ]] || fail "two separate ranges: $STATUS, $SIZE bytes (expected the whole file)"
get /big.bin -H "Range: bytes=$size-"
[[ $STATUS == 416 && "$(header Content-Range)" == "bytes */$size" ]] || fail "an unsatisfiable range: $STATUS"
# The amplification of issue 18: thousands of "0-" parts in one ~8 KB header.
many="bytes=0-$(printf ',0-%.0s' $(seq 1 2500))"
get /big.bin -H "Range: $many"
[[ $STATUS == 200 && $SIZE == "$size" ]] || fail "2,500 ranges of a file: $STATUS, $SIZE bytes (file: $size)"
get /big.bin -H 'Range: bytes=0-99' -H 'If-Range: "not-the-etag"'
[[ $STATUS == 200 && $SIZE == "$size" ]] || fail "If-Range with another ETag: $STATUS $SIZE"
for path in '/api/search?q=orto' '/cerca/?q=orto' /healthz; do
  get "$path"
  plain_status=$STATUS
  plain=$SIZE
  get "$path" -H "Range: $many"
  [[ $STATUS == "$plain_status" && $SIZE -le $((plain + 64)) ]] \
    || fail "$path with 2,500 ranges: $STATUS, $SIZE bytes (without: $plain_status, $plain bytes)"
  get "$path" -H 'Range: bytes=0-9'
  [[ $STATUS == "$plain_status" && $SIZE -ge $((plain - 64)) ]] || fail "$path honoured a range: $STATUS $SIZE"
done

# --- Methods, redirects, limits ------------------------------------------------
for method in POST PUT DELETE OPTIONS PATCH TRACE; do
  get / -X "$method"
  [[ $STATUS == 405 && "$(header Allow)" == "GET, HEAD" ]] || fail "$method answered $STATUS (Allow: $(header Allow))"
done
get / -I
[[ $STATUS == 200 ]] || fail "HEAD / answered $STATUS"
get /esperienze
[[ $STATUS == 301 && "$(header Location)" == /esperienze/ ]] || fail "/esperienze: $STATUS to $(header Location)"
for path in //esperienze ///esperienze '//esperienze//orto-in-condotta'; do
  get "$path"
  location=$(header Location)
  [[ $STATUS == 301 && $location == /[a-z]* ]] || fail "$path: $STATUS to '$location' (an open redirect)"
done
get "/?$(head -c 9000 /dev/zero | tr '\0' a)"
[[ $STATUS == 414 ]] || fail "a 9 KB request line answered $STATUS"
headers=()
for i in $(seq 1 150); do headers+=(-H "X-Filler-$i: x"); done
get / "${headers[@]}"
[[ $STATUS == 431 ]] || fail "150 header lines answered $STATUS"
get / -H "X-Big: $(head -c 20000 /dev/zero | tr '\0' b)"
[[ $STATUS == 431 ]] || fail "a 20 KB header answered $STATUS"
head -c 200000 /dev/zero >"$TMP/payload"
get / --data-binary @"$TMP/payload" -X GET
[[ $STATUS == 413 ]] || fail "a GET with a 200 KB body answered $STATUS"
get / --data-binary "x=1" -X GET
[[ $STATUS == 400 ]] || fail "a GET with a body answered $STATUS"

# --- Slowloris: 64 connections that send a header line a second ----------------
slow=()
for i in $(seq 1 64); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
  printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&"$fd"
  slow+=("$fd")
done
opened=$SECONDS
for round in 1 2 3; do
  for fd in "${slow[@]}"; do printf 'X-Slow-%s: x\r\n' "$round" >&"$fd" 2>/dev/null || true; done
  started=$(date +%s%N)
  get /esperienze/orto-in-condotta/
  [[ $STATUS == 200 ]] || fail "with 64 slow clients a page answered '$STATUS' (round $round)"
  get '/api/search?q=orto'
  [[ $STATUS == 200 ]] || fail "with 64 slow clients the search answered '$STATUS' (round $round)"
  took=$((($(date +%s%N) - started) / 1000000))
  (( took < 3000 )) || fail "with 64 slow clients two requests took $took ms"
  sleep 1
done
# The front gives up on a head that is not complete 10 s after the connection.
left=$((11 - (SECONDS - opened)))
(( left > 0 )) && sleep "$left"
answer=""
IFS= read -r -t 5 answer <&"${slow[0]}" || true
[[ "$answer" == "HTTP/1.1 408"* || -z "$answer" ]] || fail "a slow client got '$answer'"
for fd in "${slow[@]}"; do exec {fd}>&-; done
grep -q 'status=408' "$log" || fail "the slow clients were not timed out (no 408 in the log)"

# --- /healthz ---------------------------------------------------------------------
get /healthz
[[ $STATUS == 200 && "$(header Content-Type)" == application/json* ]] || fail "/healthz: $STATUS $(header Content-Type)"
grep -q '"status":"ok"' "$TMP/body" && grep -q '"schema":[0-9]' "$TMP/body" \
  && grep -q "\"path\":\"$(realpath "$site/index")\"" "$TMP/body" && grep -q '"revision":"[0-9][0-9]*"' "$TMP/body" \
  || fail "/healthz: $(cat "$TMP/body")"

# --- Access log: one line per request, the query only by its length ------------------
get '/cerca/?q=parolasegretissima'
grep -q '^vetrina serve: method=GET path=/cerca/ query_bytes=20 status=200 ms=[0-9.]*$' "$log" \
  || fail "no access-log line for /cerca/: $(grep -c 'vetrina serve:' "$log") lines"
if grep -q parolasegretissima "$log"; then fail "the query text reached the log"; fi
get '/esperienze/%0Afake%20line'
grep -q 'path=/esperienze/\\x0afake\\x20line ' "$log" || fail "a newline in the path was not escaped in the log"
if grep -q '^fake' "$log"; then fail "a path started a new log line"; fi
grep -q 'method=POST path=/ query_bytes=0 status=405' "$log" || fail "no log line for the front's 405"

# --- SIGTERM: a download in flight finishes, then the server exits 0 -----------
head -c 6000000 /dev/urandom >"$site/public/large.bin"
curl -s --max-time 30 --limit-rate 2M -o "$TMP/large" "$BASE/large.bin" &
download=$!
sleep 1
kill -TERM "$server_pid"
code=0
wait "$download" || code=$?
[[ $code == 0 ]] && cmp -s "$TMP/large" "$site/public/large.bin" \
  || fail "a download in flight at SIGTERM did not finish (curl $code, $(stat -c %s "$TMP/large" 2>/dev/null) bytes)"
for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server_pid" 2>/dev/null && fail "vetrina serve still runs 5 s after the download ended"
code=0
wait "$server_pid" || code=$?
[[ $code == 0 ]] || fail "vetrina serve exited $code on SIGTERM"
echo "service: ranges, methods, redirects, limits, slowloris, healthz, access log, SIGTERM ok"
