#!/usr/bin/env python3
"""Every message an editor reads has its Italian translation.

Extracts the marked messages (_(), tr(), i18n::plural()) from the sources with
xgettext, exactly as scripts/update-po.sh does, and fails when one of them is
missing from po/<lang>.po, untranslated or fuzzy, or when a translation does
not take every value exactly once: the same number of {} (in order), or each
of {1} .. {n} once (in its own order of words). Then runs
`msgfmt --check` on the catalog. Usage: check-po.py SOURCE_DIR [LANG]
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def unescape(text):
    return text.replace('\\n', '\n').replace('\\"', '"').replace('\\\\', '\\')


def entries(path):
    """msgid (with msgctxt-less plural id) -> (translations, fuzzy)."""
    result = {}
    for block in Path(path).read_text(encoding='utf-8').split('\n\n'):
        fields = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith('#,') and 'fuzzy' in line:
                fuzzy = True
            if line.startswith('#'):
                continue
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                current = m.group(1)
                fields[current] = m.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if 'msgid' not in fields or fields['msgid'] == '':
            continue
        strs = [unescape(v) for k, v in sorted(fields.items()) if k.startswith('msgstr')]
        result[unescape(fields['msgid'])] = (strs, fuzzy)
    return result


def takes_values(count, translation):
    """True when `translation` uses each of `count` values exactly once."""
    numbered = re.findall(r'\{([1-9])\}', translation)
    if not numbered:
        return translation.count('{}') == count
    return '{}' not in translation and sorted(numbered) == [str(n) for n in range(1, count + 1)]


def main():
    root = Path(sys.argv[1])
    lang = sys.argv[2] if len(sys.argv) > 2 else 'it'
    sources = sorted(str(p.relative_to(root)) for folder in ('generator', 'search')
                     for p in (root / folder).rglob('*') if p.suffix in ('.cpp', '.h'))
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / 'vetrina.pot'
        subprocess.run(['xgettext', '--language=C++', '--from-code=UTF-8', '--keyword=_', '--keyword=tr',
                        '--keyword=plural:1,2', '--no-wrap', '-o', str(pot)] + sources, cwd=root, check=True)
        wanted = entries(pot)
    catalog = entries(root / 'po' / f'{lang}.po')
    problems = []
    for msgid in wanted:
        if msgid not in catalog:
            problems.append(f'not in po/{lang}.po: {msgid!r}')
            continue
        strs, fuzzy = catalog[msgid]
        if fuzzy:
            problems.append(f'fuzzy: {msgid!r}')
        if not strs or any(s == '' for s in strs):
            problems.append(f'untranslated: {msgid!r}')
            continue
        for s in strs:
            if not takes_values(msgid.count('{}'), s):
                problems.append(f'values differ: {msgid!r} -> {s!r}')
    check = subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(root / 'po' / f'{lang}.po')],
                           capture_output=True, text=True)
    if check.returncode != 0:
        problems.append('msgfmt --check: ' + check.stderr.strip())
    for p in problems:
        print(p)
    if problems:
        print(f'{len(problems)} problem(s): run scripts/update-po.sh, then translate po/{lang}.po')
        return 1
    print(f'po/{lang}.po: all {len(wanted)} messages translated')
    return 0


if __name__ == '__main__':
    sys.exit(main())
