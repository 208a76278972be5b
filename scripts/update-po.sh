#!/usr/bin/env bash
# Extracts the messages an editor reads (_("..."), tr("...", ...),
# i18n::plural("...", "...", n)) from the C++ sources into po/vetrina.pot and
# merges them into po/it.po (new ones untranslated: scripts/check-po.sh, a
# test, then fails until they are translated). Usage: scripts/update-po.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find generator search -name '*.cpp' -o -name '*.h' | LC_ALL=C sort)
xgettext --language=C++ --from-code=UTF-8 --keyword=_ --keyword=tr --keyword=plural:1,2 \
  --package-name=vetrina --no-wrap --sort-by-file --add-comments=TRANSLATORS: \
  -o po/vetrina.pot "${sources[@]}"
# The file names and lines change with every edit: keep the template stable.
sed -i '/^#: /d; /^"POT-Creation-Date: /d' po/vetrina.pot
if [[ -f po/it.po ]]; then
  msgmerge --quiet --no-wrap --no-fuzzy-matching --no-location --update --backup=none po/it.po po/vetrina.pot
fi
