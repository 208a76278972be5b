#!/usr/bin/env bash
# Live preview benchmark (issue 6): how long from saving an edited story to
# the page being live, on the synthetic site. "Live" = the "reload" event of
# /__vetrina/events arrived, which `vetrina serve --watch` sends only after the
# changed pages were rewritten and the story's search document replaced; the
# script then checks that the page and /api/search really show the edit.
# See docs/performance.md for the numbers measured.
#
#   bench/run-watch-bench.sh                  # 10,000 stories, 20 edits of each kind
#   bench/run-watch-bench.sh --stories 2000 --edits 10
#
# Options:
#   --stories N     synthetic stories (default 10000; the site is made by vetrina-bench-gen)
#   --edits E       edits of each kind (default 20): a sentence added to the body;
#                   the title changed (the story is on ~20 list and term pages)
#   --vetrina PATH  use this vetrina binary instead of building build-bench/vetrina
#   --regen         regenerate the synthetic site even if it exists
#   --timings       run the server with --timings and show the phases of the slowest updates
#
# Everything goes to bench/work/ (ignored by Git); the edited story files are
# put back as they were at the end. Needs python3 and curl.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORIES=10000
EDITS=20
VETRINA=""
REGEN=0
TIMINGS=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --stories) STORIES="$2"; shift 2 ;;
    --edits) EDITS="$2"; shift 2 ;;
    --vetrina) VETRINA="$2"; shift 2 ;;
    --regen) REGEN=1; shift ;;
    --timings) TIMINGS=(--timings); shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

source "$ROOT/bench/lib.sh"
ensure_build
ensure_site "$STORIES" "$([[ $REGEN == 1 ]] && echo regen)"
RUN="$SITE/watch-run"
mkdir -p "$RUN"
BACKUP="$RUN/originals"
rm -rf "$BACKUP" && mkdir -p "$BACKUP"

PGID=""
cleanup() {
  [[ -n "$PGID" ]] && kill -TERM -- "-$PGID" 2>/dev/null || true
  # Put every edited story back.
  if [[ -d "$BACKUP" ]]; then
    (cd "$BACKUP" && find . -name index.md -printf '%P\n') | while read -r file; do
      cp "$BACKUP/$file" "$SITE/vetrina/stories/$file"
    done
  fi
}
trap cleanup EXIT

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)"
echo "vetrina: $VETRINA"
echo "site:    $SITE/vetrina ($STORIES stories)"

# --- serve --watch ------------------------------------------------------------
LOG="$RUN/serve.log"
ERR="$RUN/serve.err"
start=$(date +%s.%N)
(cd "$RUN" && exec setsid "$VETRINA" serve --watch --port 0 --content "$SITE/vetrina" \
  --theme "$ROOT/themes/etwinning" --preview "$RUN/preview" --cache "$RUN/cache" "${TIMINGS[@]}" >"$LOG" 2>"$ERR") &
PGID=$!
for _ in $(seq 1 6000); do
  grep -q '^pubblico ' "$LOG" 2>/dev/null && break
  kill -0 "$PGID" 2>/dev/null || { cat "$ERR" >&2; exit 1; }
  sleep 0.1
done
grep -q '^pubblico ' "$LOG" || { echo "serve --watch did not start" >&2; exit 1; }
BASE=$(sed -n 's|^pubblico .* su \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$LOG")
echo "first build of the preview: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f s", e - s}')"

# --- edits --------------------------------------------------------------------
python3 - "$BASE" "$SITE/vetrina/stories" "$BACKUP" "$EDITS" <<'PYTHON'
import http.client, json, os, re, shutil, socket, statistics, sys, time, urllib.parse

base, stories_dir, backup, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
host, port = urllib.parse.urlparse(base).hostname, urllib.parse.urlparse(base).port

def get(path):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body

folders = sorted(os.listdir(stories_dir))
status, page = get("/esperienze/" + folders[0] + "/")
version = re.search(r'data-version="([^"]*)"', page).group(1)

# One event stream for the whole run.
stream = socket.create_connection((host, port))
stream.sendall(("GET /__vetrina/events?since=%s HTTP/1.1\r\nHost: %s\r\n\r\n" % (version, host)).encode())
stream_file = stream.makefile("rb")

def wait_reload(deadline):
    stream.settimeout(max(0.1, deadline - time.monotonic()))
    while True:
        line = stream_file.readline()
        if not line:
            raise RuntimeError("event stream closed")
        if line.strip() == b"event: reload":
            return time.monotonic()

def edit(folder, kind, n):
    path = os.path.join(stories_dir, folder, "index.md")
    os.makedirs(os.path.join(backup, folder), exist_ok=True)
    saved = os.path.join(backup, folder, "index.md")
    if not os.path.exists(saved):
        shutil.copy2(path, saved)
    with open(saved, encoding="utf-8") as f:
        text = f.read()
    word = "zqbench%s%d" % (kind, n)
    if kind == "body":
        text = text + "\nUna frase nuova con la parola %s.\n" % word
    else:
        text = re.sub(r'^title: "', 'title: "%s ' % word, text, count=1, flags=re.M)
    began = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    live = wait_reload(began + 30)
    status, page = get("/esperienze/%s/" % folder)
    if word not in page:
        raise RuntimeError("the page of %s does not show %s after the reload event" % (folder, word))
    status, answer = get("/api/search?q=" + word)
    if json.loads(answer)["total"] != 1:
        raise RuntimeError("the search does not find %s after the reload event: %s" % (word, answer[:200]))
    time.sleep(0.3)  # let the server finish its bookkeeping before the next edit
    return (live - began) * 1000

results = {}
for kind, offset in (("body", 1), ("title", 1 + edits)):
    times = [edit(folders[(offset + i) * 37 % len(folders)], kind, i) for i in range(edits)]
    results[kind] = times

print()
print("| edit (%d stories) | edits | p50 | p95 | max | mean |" % len(folders))
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for kind, label in (("body", "a sentence added to the body"), ("title", "the title changed")):
    t = sorted(results[kind])
    p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]
    print("| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |" % (
        label, len(t), statistics.median(t), p95, t[-1], statistics.mean(t)))
print()
print("(file write -> 'reload' event; the page and /api/search were then checked to show the edit)")
PYTHON

echo
echo "the server's own timings (stderr), last lines:"
grep '^anteprima aggiornata' "$ERR" | tail -4
if [[ ${#TIMINGS[@]} -gt 0 ]]; then
  echo
  echo "the three slowest updates, with their phases:"
  grep -A1 '^anteprima aggiornata' "$ERR" | grep -v '^--$' | paste - - | grep -v 'tutto il sito riletto' |
    sort -t' ' -k4,4n | tail -3 | tr '\t' '\n'
fi
