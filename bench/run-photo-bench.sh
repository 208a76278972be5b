#!/usr/bin/env bash
# Photo pipeline benchmark (docs/performance.md): N photos of 3000x2000
# through `vetrina build` (decode, orient, resize to 480/960/1600, re-encode,
# Open Graph crop for the cover) against ImageMagick's
# `convert -resize 960x -strip -quality 80` on the same photos, in the same run.
# Usage: bench/run-photo-bench.sh [N] (default 40). Needs build-bench/vetrina
# (cmake -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-40}
VETRINA=${VETRINA:-build-bench/vetrina}
CONVERT=${CONVERT:-/usr/bin/convert}
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)"; exit 2; }
[[ -x $CONVERT ]] || { echo "needs ImageMagick (apt-get install imagemagick)"; exit 2; }
[[ -x $VETRINA ]] || { echo "build $VETRINA first"; exit 2; }

WORK=bench/work/photos
rm -rf "$WORK" && mkdir -p "$WORK/src" "$WORK/magick"
# Photo-like sources: chromium draws a colourful, detailed page; ImageMagick
# stores it as a JPEG of quality 92, like a phone would.
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --user-data-dir="$WORK/chromium" --window-size=3000,2000 --screenshot="$WORK/base.png" \
  "file://$PWD/bench/photo-source.html" >/dev/null 2>&1
for i in $(seq 1 "$N"); do
  $CONVERT "$WORK/base.png" -modulate 100,100,$((80 + i % 40)) -quality 92 "$WORK/src/photo-$i.jpg"
done

cp -r content "$WORK/content"
story="$WORK/content/stories/holidays-in-a-box"
gallery=""
for i in $(seq 2 "$N"); do
  cp "$WORK/src/photo-$i.jpg" "$story/"
  gallery+="{src: photo-$i.jpg, alt: \"Foto $i\", minors: false}, "
done
cp "$WORK/src/photo-1.jpg" "$story/"
sed -i "0,/^draft: false\$/s//cover: {src: photo-1.jpg, alt: \"Copertina\", minors: false}\ngallery: [${gallery%, }]\ndraft: false/" "$story/index.md"

echo "== vetrina build, empty cache (photo phase) =="
rm -rf "$WORK/cache"
/usr/bin/time -f "%e s wall, %M KB peak" "$VETRINA" build --timings --content "$WORK/content" --out "$WORK/public" \
  --index "$WORK/index" --cache "$WORK/cache" 2>&1 | tee "$WORK/vetrina.log" | grep -E "foto|built|wall"
foto=$(awk '/foto/ {print $2}' "$WORK/vetrina.log")
echo "== vetrina build again, warm cache =="
"$VETRINA" build --timings --content "$WORK/content" --out "$WORK/public" --index "$WORK/index" \
  --cache "$WORK/cache" 2>&1 | grep -E "foto|built"

echo "== ImageMagick: convert -resize 960x -strip -quality 80, one photo at a time =="
start=$(date +%s.%N)
for f in "$WORK"/src/*.jpg; do
  $CONVERT "$f" -resize 960x -strip -quality 80 "$WORK/magick/$(basename "$f")"
done
end=$(date +%s.%N)
magick=$(echo "$end - $start" | bc)

vetrina_960=$(find "$WORK/public/media" -name '*-960.jpg' -printf '%s\n' | awk '{s+=$1; n++} END {printf "%d", s/n}')
magick_960=$(find "$WORK/magick" -name '*.jpg' -printf '%s\n' | awk '{s+=$1; n++} END {printf "%d", s/n}')
printf '\n| | photos | time | photos/s | outputs per photo | bytes per 960 px photo |\n|---|---|---|---|---|---|\n'
printf '| vetrina (jobs=%s) | %s | %s s | %.1f | 3 sizes (+ OG for the cover) | %s |\n' "$(nproc)" "$N" "$foto" \
  "$(echo "$N / $foto" | bc -l)" "$vetrina_960"
printf '| convert -resize 960x | %s | %.2f s | %.1f | 1 size | %s |\n' "$N" "$magick" "$(echo "$N / $magick" | bc -l)" "$magick_960"
