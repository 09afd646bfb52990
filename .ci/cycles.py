#!/usr/bin/env python3
"""Import cycles between sibling modules of the govdoc crate.

Reads every `src/**/*.rs` (tests left out: `tests.rs`, `testutil.rs` and the
inline `#[cfg(test)] mod tests` at the end of a file), finds each path it
names — `use crate::a::b`, `crate::a::b::f(…)`, `use super::x`,
`super::super::y` — and resolves it to the deepest module that exists. A
reference from module A to module B counts as an edge between the two
children of their common ancestor (`pdf::font::cmap` → `pdf::font::encoding`
is an edge cmap → encoding under `pdf::font`; `model` → `report::stats` is
model → report under the crate root); a module naming its own ancestor or
descendant is no edge. Prints each strongly connected set of siblings with
the references behind its edges, and exits 1 when there is one.

    python3 .ci/cycles.py            # from the repository root
    python3 .ci/cycles.py --edges    # also list every sibling edge
    python3 .ci/cycles.py --allow pdf:content,document,font
                                     # a known cycle (exactly these siblings) does not fail
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src"
ENTRY = {"lib.rs", "main.rs"}


def module_of(path: Path) -> tuple:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "mod" or (len(parts) == 1 and parts[0] + ".rs" in ENTRY):
        parts = parts[:-1]
    return tuple(parts)


def strip_tests(text: str) -> str:
    m = re.search(r"#\[cfg\(test\)\]\s*(pub(\(crate\))?\s+)?mod \w+\s*\{", text)
    text = text[: m.start()] if m else text
    # `#[cfg(test)] mod tests;` (a file of its own) and test-only uses.
    text = re.sub(r"#\[cfg\(test\)\]\s*[^\n]*\n", "\n", text)
    return re.sub(r"//[^\n]*", "", text)  # comments and doc comments


PATH = re.compile(r"\b(crate|super(?:::super)*|self)((?:::\w+)+)")
GROUP = re.compile(r"\b(crate|super(?:::super)*|self)((?:::\w+)*)::\{")


def references(text: str, here: tuple):
    """Module paths named in `text`, as lists of segments. `super` of module
    a::b is a, whether it lives in a/b.rs or a/b/mod.rs."""
    found = []

    def resolve(head: str, tail: list):
        if head == "crate":
            return list(tail)
        if head == "self":
            return list(here) + tail
        levels = head.count("super")
        base = list(here)[: len(here) - levels] if levels <= len(here) else []
        return base + tail

    for m in PATH.finditer(text):
        tail = [s for s in m.group(2).split("::") if s]
        found.append(resolve(m.group(1), tail))
    # Grouped imports: `use crate::pdf::{font::cmap, content}`.
    for m in GROUP.finditer(text):
        prefix = resolve(m.group(1), [s for s in m.group(2).split("::") if s])
        depth, i = 1, m.end()
        items, item = [], ""
        while i < len(text) and depth:
            c = text[i]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            if depth == 1 and c == ",":
                items.append(item)
                item = ""
            elif depth >= 1 and not (depth == 1 and c == "{"):
                item += c
            i += 1
        items.append(item)
        for it in items:
            segs = [s for s in re.split(r"::|\{|\}|,|\s+as\s+\w+", it.strip()) if s and re.match(r"^\w+$", s)]
            if segs:
                found.append(prefix + segs[:2])
    return found


def main() -> int:
    files = sorted(p for p in ROOT.rglob("*.rs") if p.name not in ("tests.rs", "testutil.rs"))
    modules = {module_of(p): p for p in files}
    edges = defaultdict(set)  # (parent, a, b) -> {"file: path"}
    for module, path in modules.items():
        text = strip_tests(path.read_text(encoding="utf-8"))
        for ref in references(text, module):
            # The deepest existing module the path names.
            target = ()
            for i in range(len(ref), 0, -1):
                if tuple(ref[:i]) in modules:
                    target = tuple(ref[:i])
                    break
            common = 0
            while common < min(len(module), len(target)) and module[common] == target[common]:
                common += 1
            if common == len(module) or common == len(target):
                continue  # an ancestor or a descendant
            parent = module[:common]
            a, b = module[common], target[common]
            edges[(parent, a, b)].add(f"{path.relative_to(ROOT.parent)} → {'::'.join(ref)}")
    by_parent = defaultdict(lambda: defaultdict(set))
    for (parent, a, b) in edges:
        by_parent[parent][a].add(b)
    if "--edges" in sys.argv:
        for (parent, a, b) in sorted(edges):
            print(f"{'::'.join(parent) or 'crate'}: {a} → {b}")
    cycles = []
    for parent, graph in sorted(by_parent.items()):
        for scc in strongly_connected(graph):
            if len(scc) > 1:
                cycles.append((parent, sorted(scc)))
    for parent, scc in cycles:
        name = "::".join(parent) or "crate"
        print(f"cycle under {name}: {' ↔ '.join(scc)}")
        for a in scc:
            for b in scc:
                for why in sorted(edges.get((parent, a, b), ())):
                    print(f"    {a} → {b}: {why}")
    if not cycles:
        print(f"no import cycle among the sibling modules of {len(modules)} modules")
    allowed = {a for i, a in enumerate(sys.argv) if i > 0 and sys.argv[i - 1] == "--allow"}
    new = [(p, scc) for p, scc in cycles if f"{'::'.join(p) or 'crate'}:{','.join(scc)}" not in allowed]
    for parent, scc in new:
        print(f"NEW: {'::'.join(parent) or 'crate'}:{','.join(scc)} is not an allowed cycle")
    return 1 if new else 0


def strongly_connected(graph):
    """Tarjan's algorithm over `graph` (node -> set of nodes)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    nodes = set(graph) | {b for bs in graph.values() for b in bs}

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on.discard(w)
                scc.append(w)
                if w == v:
                    break
            out.append(scc)

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


if __name__ == "__main__":
    sys.exit(main())
