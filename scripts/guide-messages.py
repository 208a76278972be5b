#!/usr/bin/env python3
"""The table of docs/guida-redazione.md between the markers
<!-- messaggi: inizio --> and <!-- messaggi: fine -->, made from the program's
own output so that it cannot drift: every e2e bad fixture with a `guida.txt`
(one line: the mistake, in Italian) is checked with the real binary (Italian,
no colour) and its first message goes in the table as printed.

Usage: guide-messages.py VETRINA SOURCE_DIR [--write]
  without --write: exit 1 when the guide's table differs (a ctest);
  with --write: rewrite the table in the guide.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BEGIN = '<!-- messaggi: inizio -->'
END = '<!-- messaggi: fine -->'


def message_of(vetrina, fixture, theme):
    with tempfile.TemporaryDirectory() as tmp:
        # The fixture is an overlay on tests/e2e/base: fixture.sh puts the two together.
        subprocess.run(['bash', str(fixture.parent.parent / 'fixture.sh'), fixture.name, str(Path(tmp) / 'content')],
                       check=True)
        env = dict(os.environ, NO_COLOR='1', LANGUAGE='it')
        run = subprocess.run([vetrina, 'check', '--content', 'content', '--theme', str(theme), '--cache',
                              str(Path(tmp) / 'cache')], cwd=tmp, env=env, capture_output=True, text=True)
    first = run.stderr.splitlines()[0] if run.stderr else ''
    marker = ': errore: '
    return first.split(marker, 1)[1] if marker in first else first


def table(vetrina, src):
    theme = src / 'themes' / 'etwinning'
    rows = ['| Che cosa è successo | Che cosa scrive Vetrina |', '| --- | --- |']
    fixtures = src / 'tests' / 'e2e' / 'fixtures'
    for fixture in sorted(fixtures.iterdir()):
        what = fixture / 'guida.txt'
        if not what.exists():
            continue
        message = message_of(vetrina, fixture, theme).replace('|', '\\|')
        rows.append(f'| {what.read_text(encoding="utf-8").strip()} | `{message}` |')
    return '\n'.join(rows) + '\n'


def main():
    vetrina, src = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2]).resolve()
    write = '--write' in sys.argv[3:]
    guide = src / 'docs' / 'guida-redazione.md'
    text = guide.read_text(encoding='utf-8')
    start = text.index(BEGIN) + len(BEGIN) + 1
    end = text.index(END)
    wanted = table(vetrina, src)
    if write:
        guide.write_text(text[:start] + wanted + text[end:], encoding='utf-8')
        return 0
    if text[start:end] != wanted:
        sys.stdout.write('docs/guida-redazione.md: the message table differs from what the program prints.\n'
                         'Expected:\n' + wanted + 'Run scripts/guide-messages.py build/vetrina . --write\n')
        return 1
    print(f'docs/guida-redazione.md: {wanted.count(chr(10)) - 2} messages as the program prints them')
    return 0


if __name__ == '__main__':
    sys.exit(main())
