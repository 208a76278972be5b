#!/usr/bin/env bash
# `vetrina new story`: the folder name is the title made into a slug, the file
# holds every field as a draft that passes `check` (and `check --drafts`),
# is published once `draft: false`, and an existing story is never overwritten.
# Usage: new_story.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$1
SRC=$2
source "$(dirname "$0")/lib.sh"
make_temp
cp -rL "$SRC/content" "$TMP/content"

out=$("$VETRINA" new story "L'orto di Città Alta" --content "$TMP/content" 2>/dev/null)
file="$TMP/content/stories/l-orto-di-citta-alta/index.md"
[[ "$out" == "$file" ]] || fail "new printed '$out', expected '$file'"
[[ -f "$file" ]] || fail "no file at $file"
for field in title summary date school_year project_type levels competences subjects themes methods tools \
             school teachers partners quality_labels twinspace cover gallery videos interviews draft; do
  grep -q "^#\? \?$field:" "$file" || fail "the scaffold lacks '$field'"
done
grep -q '^title: "L'"'"'orto di Città Alta"$' "$file" || fail "the title is not kept as typed"
grep -q '^draft: true$' "$file" || fail "the scaffold is not a draft"
grep -q '{' <(grep -v '^#' "$file" | sed -n '2,/^---$/p') && fail "the scaffold writes a {...} group: one field per line"

"$VETRINA" check --theme "$SRC/themes/etwinning" --content "$TMP/content" >/dev/null || fail "check fails with the new draft"
"$VETRINA" check --theme "$SRC/themes/etwinning" --content "$TMP/content" --drafts >/dev/null || fail "check --drafts fails on the scaffold"
"$VETRINA" build --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" >/dev/null
[[ ! -e "$TMP/public/esperienze/l-orto-di-citta-alta" ]] || fail "a draft was published"
"$VETRINA" build --drafts --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" >/dev/null
[[ -f "$TMP/public/esperienze/l-orto-di-citta-alta/index.html" ]] || fail "build --drafts did not show the draft"

# The scaffold's example text is refused once the story is no longer a draft.
sed 's/^draft: true$/draft: false/' "$file" >"$TMP/published.md"
cp "$file" "$TMP/draft.md"
cp "$TMP/published.md" "$file"
set +e
err=$("$VETRINA" check --theme "$SRC/themes/etwinning" --content "$TMP/content" 2>&1 >/dev/null)
code=$?
set -e
[[ $code == 1 ]] || fail "check accepted the scaffold's example text with draft: false"
[[ "$err" == *"'summary' contiene ancora il testo di esempio di 'vetrina new'"* ]] || fail "placeholder message: $err"
# Each field's error points at the line that holds its example text (for a
# list or a group, its first line).
for field in summary school teachers partners; do
  line=$(grep -o "^[^ ]*index.md:[0-9]*:[0-9]*: errore: '$field' contiene ancora" <<<"$err" | cut -d: -f2)
  [[ -n $line ]] || fail "the error about '$field' names no line: $err"
  case $field in
    summary) want='^summary: "Da scrivere' ;;
    school) want='^  name: "Nome della scuola"' ;;
    teachers) want='^  - "Nome Cognome"' ;;
    partners) want='^  - school: "Scuola partner"' ;;
  esac
  sed -n "${line}p" "$file" | grep -q "$want" || fail "'$field' is located at line $line: $(sed -n "${line}p" "$file")"
done
cp "$TMP/draft.md" "$file"

echo "changed" >> "$file"
set +e
err=$("$VETRINA" new story "L'orto di città alta" --content "$TMP/content" 2>&1 >/dev/null)
code=$?
set -e
[[ $code == 2 ]] || fail "new over an existing story exited $code"
[[ "$err" == *"esiste già"* ]] || fail "unexpected message: $err"
tail -n 1 "$file" | grep -q '^changed$' || fail "the existing story was overwritten"

# GitHub Actions gets annotations without asking.
line=$(grep -n '^competences:$' "$file" | cut -d: -f1)
line=$((line + 1))
sed -i "${line}s/^  - multilinguistica\$/  - multilinguistca/" "$file"
set +e
annotations=$(GITHUB_ACTIONS=true "$VETRINA" check --theme "$SRC/themes/etwinning" --drafts --content "$TMP/content" 2>/dev/null)
set -e
expected="::error file=$TMP/content/stories/l-orto-di-citta-alta/index.md,line=$line,col=5::competenza sconosciuta 'multilinguistca': scrivete 'multilinguistica' (Competenza multilinguistica)"
[[ "$annotations" == "$expected" ]] || fail "annotations: '$annotations'"
echo "vetrina new story: ok"
