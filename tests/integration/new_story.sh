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

"$VETRINA" check --theme "$SRC/themes/etwinning" --content "$TMP/content" >/dev/null || fail "check fails with the new draft"
"$VETRINA" check --theme "$SRC/themes/etwinning" --content "$TMP/content" --drafts >/dev/null || fail "check --drafts fails on the scaffold"
"$VETRINA" build --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" >/dev/null
[[ ! -e "$TMP/public/esperienze/l-orto-di-citta-alta" ]] || fail "a draft was published"
"$VETRINA" build --drafts --content "$TMP/content" --theme "$SRC/themes/etwinning" --out "$TMP/public" --index "$TMP/index" >/dev/null
[[ -f "$TMP/public/esperienze/l-orto-di-citta-alta/index.html" ]] || fail "build --drafts did not show the draft"

echo "changed" >> "$file"
set +e
err=$("$VETRINA" new story "L'orto di città alta" --content "$TMP/content" 2>&1 >/dev/null)
code=$?
set -e
[[ $code == 2 ]] || fail "new over an existing story exited $code"
[[ "$err" == *"already exists"* ]] || fail "unexpected message: $err"
tail -n 1 "$file" | grep -q '^changed$' || fail "the existing story was overwritten"

# GitHub Actions gets annotations without asking.
sed -i 's/^competences: \[multilinguistica\]/competences: [multilinguistca]/' "$file"
set +e
annotations=$(GITHUB_ACTIONS=true "$VETRINA" check --theme "$SRC/themes/etwinning" --drafts --content "$TMP/content" 2>/dev/null)
set -e
expected="::error file=$TMP/content/stories/l-orto-di-citta-alta/index.md,line=18,col=15::unknown competence 'multilinguistca' (did you mean 'multilinguistica'?)"
[[ "$annotations" == "$expected" ]] || fail "annotations: '$annotations'"
echo "vetrina new story: ok"
