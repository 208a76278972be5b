#!/usr/bin/env bash
# Runs media.test.mjs on a copy of the real content in which one story gets
# a cover, a gallery and a YouTube video (photos drawn by chromium itself).
# Usage: media.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$SRC/tests/integration/lib.sh"
make_temp
cp -rL "$SRC/content" "$TMP/content"
story="$TMP/content/stories/holidays-in-a-box"
for name in copertina foto1 foto2; do
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --user-data-dir="$TMP/chromium" --window-size=900,600 --screenshot="$story/$name.png" \
    "data:text/html,<body style='margin:0;background:linear-gradient(120deg,%230b4f8a,%23f5a623)'><h1 style='font:60px sans-serif;color:white;padding:40px'>$name</h1>" \
    >/dev/null 2>&1
  [[ -s "$story/$name.png" ]] || fail "chromium did not draw $name.png"
done
sed -i '0,/^draft: false$/s//cover: {src: copertina.png, alt: "La scatola pronta per la spedizione", credit: "Scuola di Prato", minors: false}\ngallery: [{src: foto1.png, alt: "Gli oggetti raccolti", minors: false}, {src: foto2.png, alt: "La lettera dei partner", minors: false}]\nvideos: [{youtube: aaaaaaaaaaa, title: "La scatola arriva in Polonia", minors: false}]\ndraft: false/' "$story/index.md"
"$VETRINA" build --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" \
  --cache "$TMP/cache" >/dev/null
start_serve --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index"
cd "$SRC"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node tests/browser/media.test.mjs "http://127.0.0.1:$PORT" /esperienze/holidays-in-a-box/
