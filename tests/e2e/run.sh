#!/usr/bin/env bash
# End-to-end tests: the real binary on the tiny sites in tests/e2e/fixtures,
# each an overlay on the base site tests/e2e/base (layout: tests/e2e/README.md).
#   fixtures no fixture holds an unchanged copy of a base file or a stale
#            deleted.txt entry; every fixture materialises.
#   good     each good fixture builds into exactly tests/e2e/expected/<name>/
#            (every file, byte for byte); the same again with --jobs 4 and a
#            cold cache, and rebuilt over its own output with a warm cache
#            (deterministic).
#   check    `check` on each good fixture says ok and writes nothing at all.
#   bad      a good site is published into public/; then each bad fixture is
#            built into that same --out: exit 1, stderr exactly its
#            expected-stderr.txt, nothing on stdout, public/ and the index
#            byte-for-byte unchanged, no staging folder left beside them;
#            `check` reports the very same diagnostics. Then hostile files made
#            at run time (symlinks to /etc/passwd, /proc/self/environ and
#            /dev/zero, a FIFO index.md): located errors, no hang.
#   formats  check --format json / github (and GITHUB_ACTIONS=true) on the
#            unknown-competence fixture: exact output.
#   cli      unknown command ("did you mean"), --help, usage errors: exit codes.
#   serve    `vetrina serve` over HTTP with curl: pages, redirects, the 404
#            page, path traversal, /healthz, ETag and 304.
#   incremental  rebuilds keep unchanged files (inode, mtime) and the index;
#            one edited story rewrites exactly the changed files; a failed
#            build after that changes nothing.
#   watch    `vetrina serve --watch`: edit, search, reload events, error
#            overlay over the last good site, recovery, drafts, new stories.
# Usage: run.sh VETRINA_BINARY SOURCE_DIR [all|fixtures|good|check|bad|formats|cli|serve|incremental|watch]
# After a deliberate output change: tests/e2e/update-expected.sh VETRINA SRC,
# then review the diff of tests/e2e/ by eye.
VETRINA=$(realpath "$1")
SRC=$(realpath "$2")
PART=${3:-all}
source "$SRC/tests/integration/lib.sh"
make_temp
source "$SRC/tests/e2e/lib.sh"

part() { [[ $PART == all || $PART == "$1" ]]; }

# expect_code CODE COMMAND...: runs COMMAND, fails unless it exits with CODE.
expect_code() {
  local expected=$1 code=0
  shift
  "$@" || code=$?
  [[ $code == "$expected" ]] || fail "exit code $code, expected $expected: $*"
}

# The fixtures are overlays on base/ (lib.sh): none holds an unchanged copy of
# a base file or a stale deleted.txt entry, and every one materialises. The
# lint is first shown to refuse a planted copy, so it cannot pass by accident.
if part fixtures; then
  problems=$(lint_fixtures "$FIXTURES" "$BASE")
  [[ -z "$problems" ]] || fail "fixtures that copy the base (tests/e2e/README.md, Fixtures):"$'\n'"$problems"
  planted="$TMP/planted-fixtures"
  mkdir -p "$planted/copy/content" "$planted/stale"
  cp "$BASE/content/site.yaml" "$planted/copy/content/site.yaml"
  echo "no/such/file.md" >"$planted/stale/deleted.txt"
  problems=$(lint_fixtures "$planted" "$BASE")
  [[ $problems == *"copy/content/site.yaml: an unchanged copy of base/content/site.yaml"* &&
    $problems == *"stale/deleted.txt: 'no/such/file.md' is not in base/content"* ]] \
    || fail "the fixture lint does not refuse a copied base file and a stale deletion: $problems"
  count=0
  for name in $(good_fixtures) $(bad_fixtures); do
    stage "$name" "$TMP/materialised/$name" >/dev/null
    count=$((count + 1))
  done
  echo "fixtures: $count overlays on base/, none copies a base file, all materialise"
fi

if part good; then
  count=0
  for name in $(good_fixtures); do
    expected="$E2E/expected/$name"
    [[ -d "$expected" ]] || fail "$name: no tests/e2e/expected/$name/ (run update-expected.sh)"
    one="$TMP/$name/one"
    theme=$(stage "$name" "$one")
    build_site "$one" "$theme" "$TMP/$name/cache-one" --jobs 1 >/dev/null
    diff <(cd "$expected" && find . -type f | sort) <(cd "$one/public" && find . -type f | sort) \
      || fail "$name: the output has other files than tests/e2e/expected/$name/ (< expected, > built)"
    diff -r "$expected" "$one/public" || fail "$name: the output differs from tests/e2e/expected/$name/"
    tree_sums "$one/public" >"$TMP/$name/one.sha256"

    four="$TMP/$name/four"
    theme=$(stage "$name" "$four")
    build_site "$four" "$theme" "$TMP/$name/cache-four" --jobs 4 >/dev/null
    tree_sums "$four/public" | diff -u "$TMP/$name/one.sha256" - \
      || fail "$name: --jobs 4 gives another tree than --jobs 1"
    build_site "$one" "$theme" "$TMP/$name/cache-one" --jobs 4 >/dev/null
    tree_sums "$one/public" | diff -u "$TMP/$name/one.sha256" - \
      || fail "$name: a rebuild (warm cache, over the old output) is not byte-identical"
    beside=$(find "$one" -mindepth 1 -maxdepth 1 -printf '%P\n' | sort | tr '\n' ' ')
    [[ $beside == "content index public " ]] || fail "$name: left behind next to public/: $beside"
    count=$((count + 1))
  done
  (( count >= 2 )) || fail "only $count good fixtures"
  echo "good: $count sites equal to tests/e2e/expected, deterministic across --jobs, cache and rebuilds"
fi

# `check` validates only (DESIGN.md): it says ok and writes nothing, not even
# a cache folder.
if part check; then
  for name in $(good_fixtures); do
    site="$TMP/$name/check"
    theme=$(stage "$name" "$site")
    out=$(cd "$site" && "$VETRINA" check --content content --theme "$theme" 2>&1) || fail "$name: check failed: $out"
    [[ "$out" == "ok: "* ]] || fail "$name: check says: $out"
    written=$(cd "$site" && find . -path ./content -prune -o -path ./theme -prune -o -path . -o -print)
    [[ -z "$written" ]] || fail "$name: check wrote files: $(tr '\n' ' ' <<<"$written")"
  done
  echo "check: ok on every good fixture, nothing written"
fi

if part bad; then
  site="$TMP/site"
  theme=$(stage good "$site")
  build_site "$site" "$theme" "$TMP/cache-good" >/dev/null
  published=$(tree_sums "$site/public")
  indexed=$(tree_sums "$site/index")
  mkdir -p "$TMP/pristine" && cp -a "$site/public" "$site/index" "$TMP/pristine/"
  # Each fixture in a subshell, so one failure does not hide the others.
  count=0
  failed=()
  for name in $(bad_fixtures); do
    count=$((count + 1))
    (
      theme=$(stage "$name" "$site")
      code=0
      build_site "$site" "$theme" "$TMP/cache-bad" >"$TMP/stdout" 2>"$TMP/stderr" || code=$?
      [[ $code == 1 ]] || { cat "$TMP/stderr" >&2; fail "$name: build exit code $code, expected 1"; }
      diff -u "$FIXTURES/$name/expected-stderr.txt" "$TMP/stderr" || fail "$name: build diagnostics differ"
      [[ ! -s "$TMP/stdout" ]] || fail "$name: build printed on stdout: $(cat "$TMP/stdout")"
      [[ "$(tree_sums "$site/public")" == "$published" ]] || fail "$name: the failed build changed public/"
      [[ "$(tree_sums "$site/index")" == "$indexed" ]] || fail "$name: the failed build changed the index"
      left=$(find "$site" -mindepth 1 -maxdepth 1 ! -name content ! -name theme ! -name public ! -name index -printf '%P ')
      [[ -z "$left" ]] || fail "$name: left behind next to public/: $left"

      # --cache given only so that check's own bug (it creates the cache, see
      # the check part) does not hide this comparison.
      code=0
      (cd "$site" && "$VETRINA" check --content content --theme "$theme" --cache "$TMP/cache-check" \
        >"$TMP/stdout" 2>"$TMP/stderr") || code=$?
      [[ $code == 1 ]] || fail "$name: check exit code $code, expected 1"
      diff -u <(sed '$d' "$FIXTURES/$name/expected-stderr.txt") "$TMP/stderr" \
        || fail "$name: check reports other diagnostics than build"
      [[ ! -s "$TMP/stdout" ]] || fail "$name: check printed on stdout: $(cat "$TMP/stdout")"
    ) || {
      failed+=("$name")
      # Put the published site back as it was, so the next fixtures start clean.
      rm -rf "$site/public" "$site/index" && cp -a "$TMP/pristine/public" "$TMP/pristine/index" "$site/"
      find "$site" -mindepth 1 -maxdepth 1 ! -name content ! -name theme ! -name public ! -name index -exec rm -rf {} +
    }
  done
  # Hostile files made here (Git cannot hold a FIFO, and the repository
  # should not carry links to /etc/passwd): a video linked to /etc/passwd, a
  # body link to /proc/self/environ (the build's environment: CI secrets), a
  # story whose index.md is a FIFO, a page linked to /dev/zero. build and
  # check refuse them all with located errors, at once (no hang, no endless
  # read), and public/ and the index stay as they were.
  count=$((count + 1))
  (
    theme=$(stage good "$site")
    stories="$site/content/stories"
    ln -s /etc/passwd "$stories/lettere-dal-mare/video.mp4"
    sed -i 's|^partners:|videos: [{src: video.mp4, title: "Il mare", minors: false}]\npartners:|' "$stories/lettere-dal-mare/index.md"
    ln -s /proc/self/environ "$stories/orto-in-condotta/ambiente.txt"
    printf '\n[Ambiente](ambiente.txt)\n' >>"$stories/orto-in-condotta/index.md"
    mkdir "$stories/tubo" && mkfifo "$stories/tubo/index.md"
    ln -s /dev/zero "$site/content/pages/zero.md"
    for command in build check; do
      code=0
      outputs=()
      [[ $command == check ]] || outputs=(--out public --index index)
      (cd "$site" && timeout 60 "$VETRINA" "$command" --content content --theme "$theme" "${outputs[@]}" \
        --cache "$TMP/cache-hostile" >"$TMP/stdout" 2>"$TMP/stderr") || code=$?
      [[ $code == 1 ]] || { cat "$TMP/stderr" >&2; fail "hostile files: $command exit code $code, expected 1 (124: it hung)"; }
      for expected in \
        "content/pages/zero.md: errore: il file non si può leggere: è un collegamento simbolico che porta fuori da content:" \
        "errore: il video 'video.mp4' non si può pubblicare: è un collegamento simbolico che porta fuori da content/stories/lettere-dal-mare:" \
        "errore: il file 'ambiente.txt' non si può pubblicare: è un collegamento simbolico che porta fuori da content/stories/orto-in-condotta:" \
        "content/stories/tubo/index.md: errore: index.md non si può leggere: non è un file normale"; do
        grep -qF "$expected" "$TMP/stderr" || { cat "$TMP/stderr" >&2; fail "hostile files: $command does not say: $expected"; }
      done
      ! grep -q "root:" "$TMP/stderr" || fail "hostile files: $command printed /etc/passwd"
      [[ "$(tree_sums "$site/public")" == "$published" ]] || fail "hostile files: $command changed public/"
      [[ "$(tree_sums "$site/index")" == "$indexed" ]] || fail "hostile files: $command changed the index"
    done
  ) || failed+=("hostile-files")
  (( count >= 15 )) || fail "only $count bad fixtures"
  (( ${#failed[@]} == 0 )) || fail "${#failed[@]} of $count bad fixtures failed: ${failed[*]}"
  echo "bad: $count kinds of content error, exact diagnostics from build and check, public/ and index untouched"
fi

if part formats; then
  fixture="$FIXTURES/unknown-competence"
  stage unknown-competence "$TMP/formats" >/dev/null
  cd "$TMP/formats" || fail "no $TMP/formats"
  code=0
  "$VETRINA" check --content content --theme "$THEME" --cache "$TMP/cache-check" --format json >"$TMP/json" 2>"$TMP/json.err" || code=$?
  [[ $code == 1 ]] || fail "check --format json exited $code"
  diff -u "$fixture/expected-check.json" "$TMP/json" || fail "check --format json output differs"
  [[ "$(cat "$TMP/json.err")" == "1 errore" ]] || fail "check --format json stderr: $(cat "$TMP/json.err")"

  code=0
  "$VETRINA" check --content content --theme "$THEME" --cache "$TMP/cache-check" --format github >"$TMP/github" 2>"$TMP/github.err" || code=$?
  [[ $code == 1 ]] || fail "check --format github exited $code"
  diff -u "$fixture/expected-check-github.txt" "$TMP/github" || fail "check --format github output differs"
  # The log copy: the text diagnostics with quoted lines behind a "  | " gutter
  # (no content line may start a workflow command in the CI log).
  diff -u <(sed '$d' "$fixture/expected-stderr.txt" | sed 's/^  /  | /') "$TMP/github.err" ||
    fail "check --format github: stderr differs"

  code=0
  GITHUB_ACTIONS=true "$VETRINA" check --content content --theme "$THEME" --cache "$TMP/cache-check" >"$TMP/actions" 2>/dev/null || code=$?
  [[ $code == 1 ]] || fail "check under GITHUB_ACTIONS=true exited $code"
  diff -u "$fixture/expected-check-github.txt" "$TMP/actions" || fail "GITHUB_ACTIONS=true does not default to annotations"

  code=0
  "$VETRINA" check --content content --theme "$THEME" --cache "$TMP/cache-check" --format text >"$TMP/text" 2>&1 || code=$?
  [[ $code == 1 ]] || fail "check --format text exited $code"
  diff -u <(sed '$d' "$fixture/expected-stderr.txt") "$TMP/text" || fail "check --format text output differs"
  cd "$TMP" || fail "no $TMP"
  echo "formats: json, github and text exact"
fi

if part cli; then
  code=0
  err=$("$VETRINA" biuld 2>&1 >/dev/null) || code=$?
  [[ $code == 2 ]] || fail "unknown command exited $code"
  [[ "$err" == "vetrina: errore: comando sconosciuto 'biuld' (forse 'build'?)"$'\n'"Eseguite 'vetrina --help' per l'elenco." ]] \
    || fail "unknown command says: $err"
  code=0
  err=$("$VETRINA" serv 2>&1 >/dev/null) || code=$?
  [[ $code == 2 && "$err" == *"(forse 'serve'?)"* ]] || fail "unknown command 'serv': $code $err"

  help=$("$VETRINA" --help) || fail "--help exited $?"
  for command in build check serve new; do
    grep -q "^  $command " <<<"$help" || fail "--help does not list $command"
  done
  help=$("$VETRINA" build --help) || fail "build --help exited $?"
  grep -q -- "--drafts" <<<"$help" || fail "build --help does not list --drafts"
  grep -q -- "--jobs" <<<"$help" || fail "build --help does not list --jobs"
  grep -q -- "--production" <<<"$help" || fail "build --help does not list --production"
  help=$("$VETRINA" check --help) || fail "check --help exited $?"
  grep -q -- "--production" <<<"$help" || fail "check --help does not list --production"
  help=$("$VETRINA" serve --help) || fail "serve --help exited $?"
  grep -q -- "--watch" <<<"$help" || fail "serve --help does not list --watch"
  "$VETRINA" --version | grep -qx 'vetrina [0-9][0-9.]*' || fail "--version"

  expect_code 2 "$VETRINA" >/dev/null 2>&1
  expect_code 2 "$VETRINA" build --jobs abc >/dev/null 2>&1
  expect_code 2 "$VETRINA" build --no-such-flag >/dev/null 2>&1
  expect_code 2 "$VETRINA" check --format xml >/dev/null 2>&1
  expect_code 2 "$VETRINA" serve --port 70000 >/dev/null 2>&1
  code=0
  err=$("$VETRINA" build --jobs abc 2>&1 >/dev/null) || code=$?
  [[ "$err" == "vetrina build: errore: "*$'\n'"Eseguite 'vetrina build --help' per le opzioni." ]] \
    || fail "a usage error says: $err"
  # CLI11's own texts in Italian (LANGUAGE=en gives them in English): usage
  # errors by kind, the type names and checks of --help.
  usage_error() { { "$VETRINA" "$@" 2>&1 >/dev/null || true; } | head -1; }
  err=$(usage_error build --bogus)
  [[ "$err" == "vetrina build: errore: l'argomento '--bogus' non è previsto" ]] || fail "build --bogus says: $err"
  err=$(LANGUAGE=en usage_error build --bogus)
  [[ "$err" == "vetrina build: error: the argument '--bogus' is not expected" ]] || fail "English build --bogus: $err"
  err=$(usage_error build --draft)
  [[ "$err" == "vetrina build: errore: l'argomento '--draft' non è previsto (forse '--drafts'?)" ]] \
    || fail "build --draft says: $err"
  err=$(usage_error build --jobs 300)
  [[ "$err" == "vetrina build: errore: --jobs: '300' non è un numero intero da 0 a 256" ]] || fail "--jobs 300: $err"
  err=$(usage_error check --format xml)
  [[ "$err" == "vetrina check: errore: --format: 'xml' non è tra i valori ammessi text,github,json" ]] \
    || fail "--format xml: $err"
  err=$(usage_error build --content)
  [[ "$err" == "vetrina build: errore: --content ha bisogno di un valore" ]] || fail "--content without a value: $err"
  err=$(usage_error new)
  [[ "$err" == "vetrina new: errore: kind è obbligatorio" ]] || fail "new without kind: $err"
  err=$(usage_error serve --watch --stats-dir s)
  [[ "$err" == "vetrina serve: errore: --stats-dir non si può usare insieme a --watch" || \
     "$err" == "vetrina serve: errore: --watch non si può usare insieme a --stats-dir" ]] || fail "--watch --stats-dir: $err"
  help=$("$VETRINA" build --help)
  grep -q -- "-j,--jobs NUMERO:da 0 a 256=0" <<<"$help" || fail "build --help: type and range not in Italian: $help"
  grep -q -- "--content TESTO=content" <<<"$help" || fail "build --help: TEXT not in Italian"
  if grep -q -- 'TEXT\|UINT\|INT in\|OPTIONS\|Usage' <<<"$help"; then fail "build --help has English words: $help"; fi
  help=$(LANGUAGE=en "$VETRINA" build --help)
  grep -q -- "-j,--jobs NUMBER:from 0 to 256=0" <<<"$help" || fail "English build --help: $help"
  # A missing content folder is a content error (exit 1), not a crash.
  code=0
  (cd "$TMP" && "$VETRINA" build --content nowhere --theme "$THEME" --out out >/dev/null 2>"$TMP/stderr") || code=$?
  [[ $code == 1 ]] || fail "a missing content folder exited $code: $(cat "$TMP/stderr")"
  [[ ! -e "$TMP/out" ]] || fail "a build without content wrote out/"
  # --production (CI on main) refuses an invented example and a story
  # without sources, at their lines, and writes nothing; a plain build
  # publishes the example, marked.
  theme=$(stage good "$TMP/production")
  story="$TMP/production/content/stories/lettere-dal-mare/index.md"
  sed -i '1a example: true' "$story"
  code=0
  (cd "$TMP/production" && "$VETRINA" build --production --content content --theme "$theme" --out public \
    --index index --cache "$TMP/cache-production" >"$TMP/stdout" 2>"$TMP/stderr") || code=$?
  [[ $code == 1 ]] || fail "build --production of an example exited $code"
  grep -q "^content/stories/lettere-dal-mare/index.md:2:10: errore: la storia 'lettere-dal-mare' è un esempio inventato (example: true) e --production non pubblica esempi" "$TMP/stderr" \
    || fail "build --production: no located error for the example: $(cat "$TMP/stderr")"
  grep -q "^content/stories/orto-in-condotta/index.md:1:1: errore: la storia 'orto-in-condotta' non cita fonti e --production pubblica solo storie di progetti reali" "$TMP/stderr" \
    || fail "build --production: no located error for the story without sources: $(cat "$TMP/stderr")"
  [[ ! -e "$TMP/production/public" ]] || fail "a refused --production build wrote public/"
  code=0
  (cd "$TMP/production" && "$VETRINA" check --production --content content --theme "$theme" \
    --cache "$TMP/cache-production" >/dev/null 2>"$TMP/stderr.check") || code=$?
  [[ $code == 1 ]] || fail "check --production of an example exited $code"
  (cd "$TMP/production" && "$VETRINA" build --content content --theme "$theme" --out public --index index \
    --cache "$TMP/cache-production" >/dev/null 2>&1) || fail "a plain build of an example story failed"
  grep -q 'Storia di esempio: scuola, persone e dettagli sono inventati' \
    "$TMP/production/public/esperienze/lettere-dal-mare/index.html" || fail "the example story page is not marked"
  grep -q 'Storia di esempio' "$TMP/production/public/feed.xml" || fail "the example's feed entry is not marked"
  echo "cli: ok"
fi

if part serve; then
  theme=$(stage good "$TMP/serve")
  build_site "$TMP/serve" "$theme" "$TMP/cache-serve" >/dev/null
  public="$TMP/serve/public"
  echo SECRET-OUTSIDE >"$TMP/serve/secret.txt"
  echo SECRET-DOTFILE >"$public/.env"
  mkdir -p "$public/.git" && echo SECRET-DOTDIR >"$public/.git/config"
  ln -s ../secret.txt "$public/link.txt"
  start_serve --content "$TMP/serve/content" --theme "$THEME" --out "$public" --index "$TMP/serve/index"
  server_pid=${PIDS[-1]}
  base="http://127.0.0.1:$PORT"

  # fetch PATH [curl flags...]: sets STATUS, HEADERS (file) and BODY (file).
  fetch() {
    local path=$1
    shift
    rm -f "$TMP/body" "$TMP/headers"
    STATUS=$(curl -s --path-as-is -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "$base$path")
    BODY="$TMP/body"
    HEADERS="$TMP/headers"
  }
  header() { sed -n "s/^$1: *//Ip" "$HEADERS" | tr -d '\r'; }

  fetch /
  [[ $STATUS == 200 ]] || fail "/ answered $STATUS"
  cmp -s "$BODY" "$public/index.html" || fail "/ is not public/index.html"
  [[ "$(header Content-Type)" == "text/html"* ]] || fail "/ has Content-Type $(header Content-Type)"
  fetch /esperienze/orto-in-condotta/
  [[ $STATUS == 200 ]] && cmp -s "$BODY" "$public/esperienze/orto-in-condotta/index.html" || fail "a story page: $STATUS"
  fetch /esperienze
  [[ $STATUS == 301 && "$(header Location)" == /esperienze/ ]] || fail "/esperienze: $STATUS to '$(header Location)'"
  fetch /esperienze/orto-in-condotta
  [[ $STATUS == 301 && "$(header Location)" == /esperienze/orto-in-condotta/ ]] || fail "a story without slash: $STATUS"
  fetch /feed.xml
  [[ $STATUS == 200 && "$(header Content-Type)" == *xml* ]] || fail "/feed.xml: $STATUS $(header Content-Type)"
  fetch /assets/style.css
  [[ $STATUS == 200 && "$(header Content-Type)" == text/css* ]] || fail "/assets/style.css: $STATUS $(header Content-Type)"

  fetch /pagina-che-non-esiste/
  [[ $STATUS == 404 ]] || fail "a missing page answered $STATUS"
  cmp -s "$BODY" "$public/404.html" || fail "a missing page does not show 404.html"

  for path in /../secret.txt /%2e%2e/secret.txt /%2E%2E/secret.txt /esperienze/../../secret.txt \
      /esperienze/%2e%2e/%2e%2e/secret.txt /%2e%2e%2fsecret.txt /..%2fsecret.txt /..%5csecret.txt \
      '/..\secret.txt' /%252e%252e/secret.txt /link.txt /.env /.git/config /%2eenv /%2egit/config \
      /esperienze/.././.env /./.env '/.env%00.html' /assets/../.env; do
    fetch "$path"
    if grep -q SECRET "$BODY"; then fail "$path served a file it must not: $(cat "$BODY")"; fi
    [[ $STATUS == 4* ]] || fail "$path answered $STATUS"
  done

  fetch /healthz
  [[ $STATUS == 200 ]] && grep -q '"status":"ok"' "$BODY" || fail "/healthz: $STATUS $(cat "$BODY")"

  fetch /assets/style.css
  etag=$(header ETag)
  [[ -n "$etag" ]] || fail "no ETag on /assets/style.css"
  fetch /assets/style.css -H "If-None-Match: $etag"
  [[ $STATUS == 304 && ! -s "$BODY" ]] || fail "If-None-Match with the ETag answered $STATUS"
  fetch /assets/style.css -H 'If-None-Match: "something-else"'
  [[ $STATUS == 200 ]] && cmp -s "$BODY" "$public/assets/style.css" || fail "a stale ETag answered $STATUS"
  fetch /
  etag=$(header ETag)
  fetch / -H "If-None-Match: $etag"
  [[ -n "$etag" && $STATUS == 304 ]] || fail "a page: If-None-Match answered $STATUS"
  # A rebuild with no change keeps every file (incremental builds): the ETag
  # still matches. A rebuild that changes the page: the old ETag no longer does.
  build_site "$TMP/serve" "$theme" "$TMP/cache-serve" >/dev/null
  fetch / -H "If-None-Match: $etag"
  [[ $STATUS == 304 ]] || fail "after a rebuild without changes the ETag answered $STATUS"
  sed -i 's/^title: "L.orto in condotta"/title: "L'"'"'orto in condotta, seconda stagione"/' \
    "$TMP/serve/content/stories/orto-in-condotta/index.md"
  build_site "$TMP/serve" "$theme" "$TMP/cache-serve" >/dev/null
  fetch / -H "If-None-Match: $etag"
  [[ $STATUS == 200 ]] && cmp -s "$BODY" "$public/index.html" || fail "after a rebuild the old ETag answered $STATUS"
  grep -q "seconda stagione" "$BODY" || fail "the rebuilt home page does not show the new title"

  fetch '/api/search?q=orto'
  [[ $STATUS == 200 ]] && grep -q '"url":"/esperienze/orto-in-condotta/"' "$BODY" || fail "/api/search?q=orto: $STATUS"
  fetch '/api/search?livello=nessuno'
  [[ $STATUS == 400 ]] && grep -q '"error"' "$BODY" || fail "/api/search with a bad filter answered $STATUS"
  fetch '/cerca/?q=%3Cscript%3Ealert(1)%3C/script%3E'
  [[ $STATUS == 200 ]] || fail "/cerca/ with markup in q answered $STATUS"
  if grep -q '<script>alert(1)' "$BODY"; then fail "/cerca/ echoes q unescaped"; fi
  # /cerca without the slash: 301 to /cerca/, the query kept.
  fetch '/cerca?q=orto&livello=primaria'
  [[ $STATUS == 301 && "$(header Location)" == "/cerca/?q=orto&livello=primaria" ]] ||
    fail "/cerca answered $STATUS to $(header Location)"
  # A page past the last: 404 with a link to the last page; the API: 400 with a message.
  fetch '/cerca/?q=orto&page=3'
  [[ $STATUS == 404 ]] && grep -q 'href="/cerca/?q=orto"' "$BODY" || fail "/cerca/ past the last page answered $STATUS"
  fetch '/api/search?q=orto&page=3'
  [[ $STATUS == 400 ]] && grep -q '"error":"la pagina 3 non esiste' "$BODY" || fail "/api/search past the last page: $STATUS"
  # The last word is a prefix while typing; labels find their stories.
  fetch '/api/search?q=ort'
  grep -q '"url":"/esperienze/orto-in-condotta/"' "$BODY" || fail "/api/search?q=ort does not find the story by prefix"

  kill -TERM "$server_pid"
  code=0
  wait "$server_pid" || code=$?
  [[ $code == 0 ]] || fail "vetrina serve exited $code on SIGTERM"
  echo "serve: pages, redirects, 404, traversal, healthz, ETag/304 ok"
fi

# poll_until WHAT SECONDS COMMAND...: runs COMMAND every 0.1 s until it
# succeeds; fails the test with WHAT after SECONDS. Generous deadlines: the
# machine may be loaded, and only the outcome is asserted, never the time.
poll_until() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    (( SECONDS < deadline )) || fail "$what (waited ${seconds} s)"
    sleep 0.1
  done
}

# "inode mtime path" of every file under DIR, sorted by path.
file_stats() {
  (cd "$1" && find . -type f -printf '%P %i %T@\n' | sort)
}

# Incremental builds (docs/architecture.md): a rebuild without changes keeps
# every file (same inode, same mtime) and the index; editing one story writes
# exactly the files whose bytes change, and the result equals a clean build;
# a failed build after that changes nothing.
if part incremental; then
  site="$TMP/incremental"
  theme=$(stage good "$site")
  build_site "$site" "$theme" "$TMP/cache-incremental" >/dev/null
  before=$(file_stats "$site/public")
  index_inode=$(stat -c %i "$site/index")
  out=$(build_site "$site" "$theme" "$TMP/cache-incremental")
  [[ "$(file_stats "$site/public")" == "$before" ]] \
    || fail "a rebuild without changes touched files: $(diff <(echo "$before") <(file_stats "$site/public") | head -5)"
  [[ $(stat -c %i "$site/index") == "$index_inode" ]] || fail "a rebuild without changes replaced the index"
  [[ $out == *" (0 scritti, gli altri invariati)"* && $out == *"(invariato)"* && $out == *"(2 dalla cache)"* ]] \
    || fail "a rebuild without changes says: $out"

  # build_changed: rebuilds; the files whose inode or mtime changed must be
  # exactly the files whose bytes changed (sets TOUCHED), and the result must
  # be what a clean build of the same content makes.
  build_changed() {
    local stats_before sums_before differing clean="$TMP/incremental-clean"
    stats_before=$(file_stats "$site/public")
    sums_before=$(tree_sums "$site/public" | sort)
    OUT=$(build_site "$site" "$theme" "$TMP/cache-incremental")
    TOUCHED=$(comm -13 <(echo "$stats_before") <(file_stats "$site/public") | cut -d' ' -f1)
    differing=$(comm -13 <(echo "$sums_before") <(tree_sums "$site/public" | sort) | sed 's/^[0-9a-f]*  //' | sort)
    [[ -n "$TOUCHED" && "$TOUCHED" == "$differing" ]] \
      || fail "written files are not the changed ones: $(diff <(echo "$TOUCHED") <(echo "$differing") | head)"
    rm -rf "$clean" "$TMP/cache-clean"
    mkdir -p "$clean"
    cp -r "$site/content" "$clean/content"
    build_site "$clean" "$theme" "$TMP/cache-clean" >/dev/null
    diff <(tree_sums "$clean/public") <(tree_sums "$site/public") || fail "the incremental build differs from a clean one"
  }

  # One story changes: its title (on lists, the home, the feed, and the page
  # of the other story, which links it as its neighbour) and a new word.
  story="$site/content/stories/lettere-dal-mare/index.md"
  sed -i 's/^title: "Lettere dal mare"/title: "Lettere dal mare aperto"/' "$story"
  printf '\nUna parola nuova: zanzibarite.\n' >>"$story"
  build_changed
  [[ $OUT == *"(1 dalla cache)"* && $OUT == *"(1 aggiornati)"* ]] || fail "one story changed, the build says: $OUT"
  touched=$TOUCHED
  for expected in esperienze/lettere-dal-mare/index.html esperienze/index.html index.html feed.xml \
      esperienze/livello/infanzia/index.html esperienze/orto-in-condotta/index.html; do
    grep -qx "$expected" <<<"$touched" || fail "$expected should have been rewritten: $(tr '\n' ' ' <<<"$touched")"
  done
  for unchanged in esperienze/livello/index.html assets/style.css sitemap.xml \
      esperienze/competenza/stem/index.html; do
    if grep -qx "$unchanged" <<<"$touched"; then fail "$unchanged was rewritten although it did not change"; fi
  done
  # The old tree was kept as the spare; the next builds stage into it: a story
  # moves to the front of every list, a story comes, and goes with its folder.
  [[ -d "$site/.public.spare" ]] || fail "no spare tree beside public/ after an incremental build"
  sed -i 's/^date: 2019-05-10/date: 2021-05-10/' "$site/content/stories/orto-in-condotta/index.md"
  build_changed
  grep -qx "esperienze/orto-in-condotta/index.html" <<<"$TOUCHED" || fail "the moved story was not rewritten"
  mkdir "$site/content/stories/terza-storia"
  sed -e 's/^title: .*/title: "Una terza storia"/' -e 's/^date: .*/date: 2018-01-01/' "$story" \
    >"$site/content/stories/terza-storia/index.md"
  build_changed
  grep -qx "esperienze/terza-storia/index.html" <<<"$TOUCHED" || fail "a new story was not published"
  rm -r "$site/content/stories/terza-storia"
  build_changed
  [[ ! -e "$site/public/esperienze/terza-storia" ]] || fail "a deleted story's folder is still published"
  start_serve --content "$site/content" --theme "$THEME" --out "$site/public" --index "$site/index"
  answer=$(curl -s "http://127.0.0.1:$PORT/api/search?q=zanzibarite")
  [[ $answer == *'"total":1'* && $answer == *'Lettere dal mare aperto'* ]] || fail "the updated index: $answer"
  answer=$(curl -s "http://127.0.0.1:$PORT/api/search?q=orto")
  [[ $answer == *'/esperienze/orto-in-condotta/'* ]] || fail "the updated index lost the other story: $answer"
  kill "${PIDS[-1]}"

  # A failed incremental build changes nothing: files, inodes, mtimes, index.
  stats=$(file_stats "$site/public")
  sums=$(tree_sums "$site/public")
  indexed=$(tree_sums "$site/index")
  sed -i 's/^summary: /summary: [unclosed /' "$story"
  code=0
  build_site "$site" "$theme" "$TMP/cache-incremental" >/dev/null 2>"$TMP/stderr" || code=$?
  [[ $code == 1 ]] || fail "a broken story: build exited $code"
  [[ "$(file_stats "$site/public")" == "$stats" && "$(tree_sums "$site/public")" == "$sums" ]] \
    || fail "a failed incremental build changed public/"
  [[ "$(tree_sums "$site/index")" == "$indexed" ]] || fail "a failed incremental build changed the index"
  left=$(find "$site" -mindepth 1 -maxdepth 1 ! -name content ! -name public ! -name index ! -name .public.spare \
    -printf '%P ')
  [[ -z "$left" ]] || fail "a failed incremental build left: $left"
  echo "incremental: no change keeps every inode and mtime; edits, a moved, a deleted and a restored story rewrite exactly the changed files and equal a clean build; failure changes nothing"
fi

# `vetrina serve --watch` over HTTP: edits show up, the search follows,
# errors show over the last good site, a fix recovers; public/ is never
# written. The server runs in its own process group, killed on exit.
if part watch; then
  site="$TMP/watch"
  theme=$(stage good "$site")
  good="$TMP/watch-good"  # the untouched good site, to restore and copy from
  materialise_fixture good "$good"
  log="$TMP/watch.log"
  (cd "$site" && exec setsid "$VETRINA" serve --watch --port 0 --content content --theme "$theme" \
    --cache "$TMP/cache-watch" >"$log" 2>"$TMP/watch.err") &
  watch_pid=$!
  trap 'kill -TERM -- "-$watch_pid" 2>/dev/null || true; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$TMP"' EXIT
  serving() { grep -q '^pubblico ' "$log"; }
  poll_until "serve --watch did not start: $(cat "$TMP/watch.err")" 120 serving
  base=$(sed -n 's|^pubblico .* su \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$log")
  page() { curl -s "$base$1"; }

  page /esperienze/lettere-dal-mare/ >"$TMP/page"
  grep -q '<script src="/__vetrina/live.js"' "$TMP/page" || fail "no live-reload script in a served page"
  version=$(sed -n 's/.*data-version="\([^"]*\)".*/\1/p' "$TMP/page")
  [[ -n $version ]] || fail "the live-reload script has no version"
  if grep -q 'vetrina' "$site/.vetrina/preview/public/esperienze/lettere-dal-mare/index.html"; then
    fail "the live-reload script was written into the preview folder"
  fi
  [[ $(curl -s "$base/__vetrina/live.js") == *EventSource* ]] || fail "/__vetrina/live.js"
  curl -sN "$base/__vetrina/events?since=$version" >"$TMP/events" &
  PIDS+=($!)

  story="$site/content/stories/lettere-dal-mare/index.md"
  sed -i 's/^title: "Lettere dal mare"/title: "Lettere dal mare aperto"/' "$story"
  printf '\nUna parola nuova: zanzibarite.\n' >>"$story"
  shows() { page "$1" | grep -q "$2"; }
  poll_until "the edited story was not rebuilt" 60 shows /esperienze/lettere-dal-mare/ 'Lettere dal mare aperto'
  poll_until "the story list does not show the new title" 30 shows /esperienze/ 'Lettere dal mare aperto'
  found() { page '/api/search?q=zanzibarite' | grep -q '"total":1'; }
  poll_until "the search does not find the new word" 30 found
  reloaded() { grep -q '^event: reload' "$TMP/events"; }
  poll_until "no reload event on the event stream after an edit" 30 reloaded

  # A broken edit: every page shows the located error over the last good content.
  cp "$story" "$TMP/story-good"
  sed -i 's/^summary: /summary: [unclosed /' "$story"
  poll_until "no error overlay after a broken edit" 60 shows /esperienze/orto-in-condotta/ 'id="vetrina-errori"'
  page /esperienze/lettere-dal-mare/ >"$TMP/page"
  grep -q 'Lettere dal mare aperto' "$TMP/page" || fail "the last good page is not served during an error"
  grep -q 'content/stories/lettere-dal-mare/index.md:[0-9]*:[0-9]*: errore: un elenco aperto con' "$TMP/page" \
    || fail "the overlay does not locate the error"
  grep -q '^ *\^$' "$TMP/page" || fail "the overlay has no caret under the error"
  page /pagina-che-non-esiste/ | grep -q 'id="vetrina-errori"' || fail "the 404 page has no overlay"
  # Binary garbage: still serving, still located.
  printf '\x00\xff\xfe' >"$site/content/stories/orto-in-condotta/index.md"
  poll_until "no UTF-8 error for binary garbage" 60 shows / 'orto-in-condotta/index.md:1:1: errore: il file non è testo UTF-8'
  cp "$TMP/story-good" "$story"
  cp "$good/stories/orto-in-condotta/index.md" "$site/content/stories/orto-in-condotta/index.md"
  fixed() { ! page / | grep -q 'id="vetrina-errori"'; }
  poll_until "the overlay stays after the fix" 60 fixed
  poll_until "the fixed story is not served" 30 shows /esperienze/orto-in-condotta/ "L&apos;orto in condotta"

  # A new story folder (a draft: previews show drafts), then deleted.
  mkdir "$site/content/stories/nuova-storia"
  sed -e 's/^title: "Lettere dal mare"/title: "Una storia nuova"/' -e 's/^date: .*/date: 2021-01-01\ndraft: true/' \
    "$good/stories/lettere-dal-mare/index.md" >"$site/content/stories/nuova-storia/index.md"
  poll_until "a new draft story does not appear in the preview" 60 shows /esperienze/nuova-storia/ 'Una storia nuova'
  poll_until "the new story is not on the home page" 30 shows / 'Una storia nuova'
  rm -r "$site/content/stories/nuova-storia"
  gone() { [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/esperienze/nuova-storia/") == 404 ]]; }
  poll_until "a deleted story is still served" 60 gone
  if page / | grep -q 'Una storia nuova'; then fail "the home page still lists the deleted story"; fi
  [[ ! -e "$site/public" ]] || fail "serve --watch wrote public/"

  kill -TERM "$watch_pid"
  code=0
  wait "$watch_pid" || code=$?
  [[ $code == 0 ]] || fail "serve --watch exited $code on SIGTERM: $(tail -5 "$TMP/watch.err")"
  echo "watch: edits rebuilt and searchable, reload events, located error overlay over the last good site, recovery, drafts, new and deleted stories"
fi

# Whatever the binary does, the fixtures stay as committed.
stray=$(find "$FIXTURES" -mindepth 2 -maxdepth 2 ! -name content ! -name deleted.txt ! -name theme-overlay \
  ! -name 'expected-*' ! -name guida.txt)
[[ -z "$stray" ]] || fail "files appeared in tests/e2e/fixtures: $stray"
stray=$(find "$BASE" -mindepth 1 -maxdepth 1 ! -name content)
[[ -z "$stray" ]] || fail "files appeared in tests/e2e/base: $stray"
