#!/usr/bin/env python3
"""Every program message quoted by docs/guida-redazione.md, made from the
program's own output so that it cannot drift.

The guide marks each generated part with `<!-- messaggi: ID -->` before it and
`<!-- messaggi: fine -->` after it:

- ID `frequenti`: the table of the likeliest mistakes. Every e2e bad fixture
  with a `guida.txt` (one line: the mistake, in Italian) is checked and its
  first message goes in the table as printed.
- any other ID: the cases of `tests/guide/ID.txt` (format below). A file that
  starts with `output` gives a code block with the whole output of its one
  case; otherwise each case is a row `| message | meaning | fix |`.

A case starts from a copy of the repository's `content/` (or of an e2e
fixture), changes it, runs the real binary (Italian, no colour) and takes its
first diagnostic (or the first line containing the `pick` text):

    == a name, for messages about the case
    fixture NAME           start from tests/e2e/fixtures/NAME instead of content/
    replace PATH           then '- old line' lines and '+ new line' lines: the
                           old text (whole lines, or the end of a line; exactly
                           once in the file) becomes the new
    latin1 PATH            the file saved as Latin-1 instead of UTF-8
    copy FROM PATH         a file or folder of the repository (FROM) copied to PATH
    bytes PATH N           a file of N zero bytes
    write PATH             then '| line' lines: the whole file
    remove PATH
    symlink PATH TARGET
    run ARGS               the command and its options (default: check)
    pick TEXT              the first output line containing TEXT
    mask REGEX => TEXT     what changes from run to run (a time) written as TEXT
    significa: ...         the table's second column
    correzione: ...        the third

Usage: guide-messages.py VETRINA SOURCE_DIR [--write] [--only=ID]
  without --write: exit 1 when the guide differs (a ctest);
  with --write: rewrite the generated parts of the guide;
  --only=ID: make only the part ID (while writing its cases).
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARKER = re.compile(r'<!-- messaggi: ([a-z0-9-]+) -->\n')
END = '<!-- messaggi: fine -->'
DIAGNOSTIC = re.compile(r': (?:errore|avviso): ')


class CaseError(Exception):
    pass


def parse_cases(path):
    """The cases of one file: (is_output, [case dicts])."""
    lines = path.read_text(encoding='utf-8').splitlines()
    is_output = bool(lines) and lines[0].strip() == 'output'
    cases, case, block = [], None, None
    for number, line in enumerate(lines[1 if is_output else 0:], start=2 if is_output else 1):
        where = f'{path}:{number}'
        if block is not None and (line.startswith(('- ', '+ ', '| ')) or line in ('-', '+', '|')):
            block.append(line)
            continue
        block = None
        if not line.strip() or line.startswith('#'):
            continue
        if line.startswith('== '):
            case = {'name': line[3:].strip(), 'where': where, 'steps': [], 'run': ['check'], 'pick': None,
                    'fixture': None, 'significa': '', 'correzione': ''}
            cases.append(case)
            continue
        if case is None:
            raise CaseError(f'{where}: a case starts with "== name"')
        word, _, rest = line.partition(' ')
        if word in ('significa:', 'correzione:'):
            case[word[:-1]] = rest.strip()
        elif word == 'fixture':
            case['fixture'] = rest.strip()
        elif word == 'run':
            case['run'] = rest.split()
        elif word == 'pick':
            case['pick'] = rest.strip()
        elif word == 'mask':
            pattern, _, replacement = rest.partition(' => ')
            case.setdefault('masks', []).append((re.compile(pattern), replacement))
        elif word in ('replace', 'write'):
            block = []
            case['steps'].append((word, rest.strip(), block, where))
        elif word in ('remove', 'symlink', 'latin1', 'copy', 'bytes'):
            case['steps'].append((word, rest.strip(), None, where))
        else:
            raise CaseError(f'{where}: unknown step "{word}"')
    return is_output, cases


def apply_step(src, content, step):
    word, argument, block, where = step
    if word in ('copy', 'bytes'):
        first, second = argument.split()
        if word == 'bytes':
            (content / first).write_bytes(b'\0' * int(second))
        elif (src / first).is_dir():
            shutil.copytree(src / first, content / second)
        else:
            shutil.copyfile(src / first, content / second)
        return
    if word == 'symlink':
        link, target = argument.split()
        (content / link).symlink_to(target)
        return
    target = content / argument
    if word == 'latin1':
        target.write_bytes(target.read_text(encoding='utf-8').encode('latin-1', errors='replace'))
    elif word == 'remove':
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    elif word == 'write':
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(''.join(line[2:] + '\n' for line in block), encoding='utf-8')
    else:
        old = ''.join(line[2:] + '\n' for line in block if line[0] == '-')
        new = ''.join(line[2:] + '\n' for line in block if line[0] == '+')
        text = target.read_text(encoding='utf-8')
        if text.count(old) != 1:
            raise CaseError(f'{where}: the old lines are {text.count(old)} times in {argument}, not once')
        target.write_text(text.replace(old, new), encoding='utf-8')


def run_vetrina(vetrina, src, fixture, steps, args):
    """The output (stderr then stdout) of VETRINA ARGS on the changed site."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / 'content'
        if fixture:
            # A fixture is an overlay on tests/e2e/base: fixture.sh puts the two together.
            subprocess.run(['bash', str(src / 'tests' / 'e2e' / 'fixture.sh'), fixture, str(content)], check=True)
        else:
            shutil.copytree(src / 'content', content, symlinks=True)
        for step in steps:
            apply_step(src, content, step)
        # Every folder is the default one: content/, themes/ (the repository's), public/, .vetrina/.
        (Path(tmp) / 'themes').symlink_to(src / 'themes')
        env = dict(os.environ, NO_COLOR='1', LANGUAGE='it')
        env.pop('GITHUB_ACTIONS', None)
        run = subprocess.run([vetrina] + args, cwd=tmp, env=env, capture_output=True, text=True)
        return run.stderr + run.stdout


def first_message(output, pick, name):
    for line in output.splitlines():
        if pick is not None and pick not in line:
            continue
        found = DIAGNOSTIC.search(line)
        if found:
            return line[found.end():]
        if pick is not None:
            return line
    raise CaseError(f'case "{name}": no diagnostic{" containing " + repr(pick) if pick else ""} in:\n{output}')


def cell(text):
    return text.replace('|', '\\|')


def frequent_table(vetrina, src, pool):
    rows = ['| Che cosa è successo | Che cosa scrive Vetrina |', '| --- | --- |']
    fixtures = [f for f in sorted((src / 'tests' / 'e2e' / 'fixtures').iterdir()) if (f / 'guida.txt').exists()]
    outputs = pool.map(lambda f: run_vetrina(vetrina, src, f.name, [], ['check']), fixtures)
    for fixture, output in zip(fixtures, outputs):
        message = first_message(output, None, fixture.name)
        rows.append(f'| {(fixture / "guida.txt").read_text(encoding="utf-8").strip()} | `{cell(message)}` |')
    return '\n'.join(rows) + '\n'


def cases_part(vetrina, src, pool, name, only=None):
    path = src / 'tests' / 'guide' / f'{name}.txt'
    if not path.exists():
        raise CaseError(f'docs/guida-redazione.md: no {path.relative_to(src)} for the marker "{name}"')
    is_output, cases = parse_cases(path)
    if only is not None and name != only:
        return None
    outputs = list(pool.map(lambda c: run_vetrina(vetrina, src, c['fixture'], c['steps'], c['run']), cases))
    for number, case in enumerate(cases):
        for pattern, replacement in case.get('masks', []):
            outputs[number] = pattern.sub(replacement, outputs[number])
    if is_output:
        if len(cases) != 1:
            raise CaseError(f'{path}: an output file has one case')
        lines = outputs[0].splitlines()
        if cases[0]['pick'] is not None:
            lines = [line for line in lines if cases[0]['pick'] in line][:1]
        return '```\n' + ''.join(line.rstrip() + '\n' for line in lines) + '```\n'
    rows = ['| Messaggio | Che cosa significa | Come si corregge |', '| --- | --- | --- |']
    problems = []
    for case, output in zip(cases, outputs):
        try:
            message = first_message(output, case['pick'], case['name'])
        except CaseError as error:
            problems.append(f'{case["where"]}: {error}')
            continue
        rows.append(f'| `{cell(message)}` | {case["significa"]} | {case["correzione"]} |')
    if problems:
        raise CaseError('\n'.join(problems))
    return '\n'.join(rows) + '\n'


def generate(vetrina, src, text, only=None):
    """The guide with every generated part made again."""
    parts, at = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        while (found := MARKER.search(text, at)) is not None:
            if found.group(1) == 'fine':
                raise CaseError(f'docs/guida-redazione.md: "{END}" without its start marker')
            end = text.find(END, found.end())
            if end < 0:
                raise CaseError(f'docs/guida-redazione.md: "{found.group(0).strip()}" has no "{END}"')
            name = found.group(1)
            if name == 'frequenti':
                made = frequent_table(vetrina, src, pool) if only is None else None
            else:
                made = cases_part(vetrina, src, pool, name, only)
            if made is None:  # --only another part: this one stays as it is
                made = text[found.end():end]
            parts.append(text[at:found.end()] + made)
            at = end + len(END)
            parts.append(END)
    return ''.join(parts) + text[at:], len(parts)


def main():
    vetrina, src = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2]).resolve()
    write = '--write' in sys.argv[3:]
    only = next((a[len('--only='):] for a in sys.argv[3:] if a.startswith('--only=')), None)
    guide = src / 'docs' / 'guida-redazione.md'
    text = guide.read_text(encoding='utf-8')
    try:
        wanted, count = generate(vetrina, src, text, only)
    except CaseError as error:
        sys.stdout.write(f'{error}\n')
        return 1
    if write:
        guide.write_text(wanted, encoding='utf-8')
        return 0
    if text != wanted:
        old, new = text.splitlines(), wanted.splitlines()
        import difflib
        sys.stdout.write('docs/guida-redazione.md: the quoted messages differ from what the program prints:\n')
        sys.stdout.writelines(line + '\n' for line in difflib.unified_diff(old, new, 'guide', 'program', lineterm='',
                                                                             n=0))
        sys.stdout.write('Run scripts/guide-messages.py build/vetrina . --write\n')
        return 1
    print(f'docs/guida-redazione.md: {count} parts as the program prints them')
    return 0


if __name__ == '__main__':
    sys.exit(main())
