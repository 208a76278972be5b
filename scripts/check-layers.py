#!/usr/bin/env python3
"""Checks the architecture of the code (docs/architecture.md, "Layers").

1. Every folder of generator/ and search/ is a layer declared with
   vetrina_layer(NAME FOLDER DEPS...) in CMakeLists.txt; a file may include
   headers of its own layer and of the layers its layer links (directly or
   through them), nothing else.
2. The layers form no cycle.
3. The include graph of modules (a header and its source file count as one
   module) has no cycle.

Exit 0 when all hold; otherwise every violation is printed, one per line,
as "path:line: message", and the exit code is 1.
"""
import os
import re
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
decl = re.compile(r"^[ \t]*vetrina_layer\([ \t]*(\S+)[ \t]+([^\s)]+)((?:[ \t]+[^\s)]+)*)[ \t]*\)", re.M)
text = open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8").read()
layers = {}  # name -> (folder, [deps])
for m in decl.finditer(text):
    layers[m.group(1)] = (m.group(2), m.group(3).split())
if not layers:
    print("CMakeLists.txt: no vetrina_layer() declarations found")
    sys.exit(1)
folder_layer = {folder: name for name, (folder, _) in layers.items()}
errors = []

for name, (_, deps) in layers.items():
    for d in deps:
        if d not in layers:
            errors.append(f"CMakeLists.txt: layer '{name}' links unknown layer '{d}'")


def reach(name, seen=None):
    seen = set() if seen is None else seen
    for d in layers.get(name, ("", []))[1]:
        if d not in seen:
            seen.add(d)
            reach(d, seen)
    return seen


for name in layers:
    if name in reach(name):
        errors.append(f"CMakeLists.txt: layer '{name}' depends on itself (a cycle of layers)")


def layer_of(path):
    return folder_layer.get(os.path.dirname(path))


include = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
modules = {}  # module (path without extension) -> set of modules it includes
for top in ("generator", "search"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for f in sorted(files):
            if not f.endswith((".h", ".cpp", ".c")):
                continue
            path = os.path.relpath(os.path.join(dirpath, f), root)
            own = layer_of(path)
            if own is None and path != "generator/main.cpp":
                errors.append(f"{path}:1: folder '{os.path.dirname(path)}' is not a declared layer (vetrina_layer in CMakeLists.txt)")
                continue
            allowed = reach(own) | {own} if own else set(layers)
            module = os.path.splitext(path)[0]
            modules.setdefault(module, set())
            with open(os.path.join(root, path), encoding="utf-8") as source:
                for number, line in enumerate(source, 1):
                    m = include.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    if not target.startswith(("generator/", "search/")):
                        continue
                    other = layer_of(target)
                    if other is None:
                        errors.append(f"{path}:{number}: includes '{target}', which is in no layer")
                    elif other not in allowed:
                        errors.append(f"{path}:{number}: layer '{own}' may not include '{target}' (layer '{other}'); "
                                      f"'{own}' links: {', '.join(sorted(reach(own))) or 'nothing'}")
                    target_module = os.path.splitext(target)[0]
                    if target_module != module:
                        modules[module].add(target_module)

# Cycles of modules (Tarjan's strongly connected components, iterative).
index, low, on_stack, stack, counter, cycles = {}, {}, set(), [], [0], []
for start in sorted(modules):
    if start in index:
        continue
    work = [(start, iter(sorted(modules.get(start, ()))))]
    index[start] = low[start] = counter[0]; counter[0] += 1
    stack.append(start); on_stack.add(start)
    while work:
        node, children = work[-1]
        advanced = False
        for child in children:
            if child not in index:
                index[child] = low[child] = counter[0]; counter[0] += 1
                stack.append(child); on_stack.add(child)
                work.append((child, iter(sorted(modules.get(child, ())))))
                advanced = True
                break
            if child in on_stack:
                low[node] = min(low[node], index[child])
        if advanced:
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[node])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop(); on_stack.discard(member); component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))
for c in cycles:
    errors.append(f"{c[0]}.h:1: modules include each other (a cycle): {' <-> '.join(c)}")

for e in errors:
    print(e)
if errors:
    print(f"{len(errors)} architecture violation(s); see docs/architecture.md, 'Layers'")
    sys.exit(1)
print(f"architecture: {len(layers)} layers, {len(modules)} modules, no forbidden include, no cycle")
