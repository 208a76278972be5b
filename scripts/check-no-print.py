#!/usr/bin/env python3
"""Checks that the library never prints (CONVENTIONS.md, rule 10).

Only the CLI (generator/cli/) and generator/main.cpp write to the terminal.
Every other C/C++ file of generator/ and search/ hands what it has to say to
its caller: a Status or Result (generator/util/result.h), a DiagnosticBag, or
an interface the CLI implements (BuildStatus, search::ServiceLog).

Flagged, outside comments and string literals:
- std::cout, std::cerr, std::clog (and their wide forms);
- the standard streams by name: stdout, stderr, STDOUT_FILENO, STDERR_FILENO;
- functions that print to a standard stream by themselves: printf, vprintf,
  puts, putchar, perror (snprintf and friends only format: not flagged);
- write(1, ...) and write(2, ...).

Exit 0 when nothing is flagged; otherwise every finding is printed as
"path:line: message" and the exit code is 1.
"""
import os
import re
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
allowed = (os.path.join("generator", "cli") + os.sep, os.path.join("generator", "main.cpp"))

patterns = [
    (re.compile(r"\bstd\s*::\s*(w?cout|w?cerr|w?clog)\b"), "writes to std::{0}"),
    (re.compile(r"\b(stdout|stderr|STDOUT_FILENO|STDERR_FILENO)\b"), "writes to {0}"),
    (re.compile(r"(?<![\w.>])(printf|vprintf|puts|putchar|perror)\s*\("), "calls {0}(), which prints"),
    (re.compile(r"\bwrite\s*\(\s*([12])\s*,"), "writes to file descriptor {0}"),
]


def code_only(text):
    """`text` with comments, string and character literals blanked out (line
    ends kept, so line numbers stay right)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("\n" * text.count("\n", i, end))
            i = end
        elif c == '"':
            raw = re.search(r'(?:\b|^)(?:u8|u|U|L)?R$', text[max(0, i - 3):i])
            if raw:
                m = re.compile(r'"([^()\\\s]{0,16})\(').match(text, i)
                close = text.find(")" + m.group(1) + '"', m.end()) if m else -1
                end = n if close < 0 else close + len(m.group(1)) + 2
            else:
                end = i + 1
                while end < n and text[end] != '"' and text[end] != "\n":
                    end += 2 if text[end] == "\\" else 1
                end += 1
            out.append('""' + "\n" * text.count("\n", i, end))
            i = end
        elif c == "'" and not (i > 0 and text[i - 1].isalnum()):  # not a digit separator (1'000)
            end = i + 1
            while end < n and text[end] != "'" and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            out.append("''")
            i = end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


errors = []
for top in ("generator", "search"):
    for dirpath, dirnames, files in os.walk(os.path.join(root, top)):
        dirnames.sort()
        for f in sorted(files):
            if not f.endswith((".h", ".hpp", ".cpp", ".c", ".cc")):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root)
            if rel.startswith(allowed[0]) or rel == allowed[1]:
                continue
            with open(path, encoding="utf-8", errors="replace") as source:
                code = code_only(source.read())
            for number, line in enumerate(code.split("\n"), 1):
                for pattern, message in patterns:
                    m = pattern.search(line)
                    if m:
                        errors.append(
                            f"{rel}:{number}: the library never prints: it {message.format(m.group(1))} "
                            "(return a Status, or go through an interface the CLI implements)")
                        break

for error in errors:
    print(error)
sys.exit(1 if errors else 0)
