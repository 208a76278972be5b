#!/usr/bin/env bash
# Debian's nginx on loopback in front of `vetrina serve`, configured with
# docs/nginx.conf.example exactly as docs/deploy.md says: static pages from
# public/, /api/ and /cerca/ proxied to the service.
# Usage: nginx.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$(dirname "$0")/lib.sh"
make_temp

"$VETRINA" build --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" \
  --index "$TMP/index" >/dev/null
start_serve --content "$SRC/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index"

start_nginx "$TMP/public"
BASE=$NGINX_BASE

check() {  # check URL STATUS CONTENT_TYPE_PREFIX TEXT
  local out status type
  out=$(curl -s -o "$TMP/body" -w '%{http_code} %{content_type}' "$BASE$1")
  status=${out%% *}
  type=${out#* }
  [[ "$status" == "$2" ]] || fail "$1: status $status, expected $2"
  [[ "$type" == "$3"* ]] || fail "$1: content type '$type', expected '$3'"
  grep -q -- "$4" "$TMP/body" || fail "$1: body lacks '$4'"
}

check / 200 text/html '<h1>Esperienze eTwinning</h1>'
check /esperienze/holidays-in-a-box/ 200 text/html 'Holidays in a box'
check /assets/style.css 200 text/css ':root'
check "/api/search?q=lingue&livello=primaria" 200 application/json '"total":'
check "/api/search?livello=nessuno" 400 application/json '"error":'
check "/cerca/?q=mascottes" 200 text/html 'Echange de mascottes'
check /esperienze/non-esiste/ 404 text/html 'Pagina non trovata'
check /.git/config 404 text/html 'Pagina non trovata'
check /healthz 200 application/json '"status":"ok"'
for method in POST DELETE; do
  [[ $(curl -s -o /dev/null -w '%{http_code}' -X "$method" "$BASE/") == 405 ]] || fail "$method through nginx is not 405"
done

# Byte ranges through nginx (issue 18): one range is honoured; thousands of
# "0-" parts get the whole answer once, never a multipart body that
# multiplies it; dynamic answers ignore Range.
many="bytes=0-$(printf ',0-%.0s' $(seq 1 2500))"
for path in /assets/style.css / "/api/search?q=lingue" "/cerca/?q=mascotte"; do
  plain=$(curl -s -o /dev/null -w '%{size_download}' "$BASE$path")
  ranged=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "Range: $many" "$BASE$path")
  [[ ${ranged%% *} == 200 && ${ranged#* } -le $((plain + 64)) ]] \
    || fail "$path with 2,500 ranges through nginx: ${ranged%% *}, ${ranged#* } bytes (without: $plain)"
done
one=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H 'Range: bytes=0-99' "$BASE/assets/style.css")
[[ $one == "206 100" ]] || fail "one range of a static file through nginx: $one"
one=$(curl -s -o /dev/null -w '%{http_code}' -H 'Range: bytes=0-9' "$BASE/api/search?q=lingue")
[[ $one == 200 ]] || fail "a range of /api/search through nginx answered $one"
curl -sI "$BASE/assets/style.css" | grep -qi 'cache-control: public, max-age=31536000, immutable' \
  || fail "assets are not served as immutable"

# DESIGN.md's page-weight bar: every story page, with the CSS and JavaScript
# it loads, under 30 KB on the wire (as nginx sends it: gzip). Raw sizes are
# printed for docs/performance.md.
wire() {  # bytes of URL as sent with Accept-Encoding: gzip
  curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$BASE$1"
}
raw() { curl -s -o /dev/null -w '%{size_download}' "$BASE$1"; }
heaviest=0
for page in "$TMP"/public/esperienze/*/index.html; do
  slug=$(basename "$(dirname "$page")")
  grep -q 'class="story' "$page" || continue  # lists under /esperienze/<taxonomy>/ are not stories
  url="/esperienze/$slug/"
  assets=$(grep -o '/assets/[a-z]*\.\(css\|js\)?v=[0-9a-f]*' "$page" | sort -u)
  [[ -n "$assets" ]] || fail "$url loads no stylesheet"
  total=$(wire "$url")
  total_raw=$(raw "$url")
  for asset in $assets; do
    total=$((total + $(wire "$asset")))
    total_raw=$((total_raw + $(raw "$asset")))
  done
  (( total < 30 * 1024 )) || fail "$url: $total bytes of HTML+CSS+JS on the wire (bar: 30 KB)"
  if (( total > heaviest )); then heaviest=$total; heaviest_raw=$total_raw; heaviest_url=$url; fi
done
(( heaviest > 0 )) || fail "no story page measured"
curl -s -H 'Accept-Encoding: gzip' -I "$BASE/assets/style.css" | grep -qi 'content-encoding: gzip' \
  || fail "the stylesheet is not sent compressed"
echo "heaviest story page: $heaviest_url, $heaviest bytes on the wire (gzip), $heaviest_raw uncompressed"
echo "nginx in front of vetrina serve: ok"
