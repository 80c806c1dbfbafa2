#!/usr/bin/env python3
"""layers.py SRC DOC: checks the layering docs/internals/architecture.md states.

- each area includes only the areas its row of the doc's table allows;
- no include cycle between modules (a .c and its .h are one module);
- SQL string literals only in repositories (<area>/*_store.c,
  catalog/catalog_view.c) and the engine (store/);
- each third-party library behind its one area.
Prints every violation and exits 1 if there is any.
"""
import os
import re
import sys

src, doc = sys.argv[1], sys.argv[2]
problems = []

# The table: | `area/` | `a/`, `b/` | ... -- first two columns.
allowed = {}
for line in open(doc, encoding="utf-8"):
    m = re.match(r"\|\s*`(\w+)/`\s*\|([^|]*)\|", line)
    if m:
        allowed[m.group(1)] = set(re.findall(r"`(\w+)/`", m.group(2)))
if not allowed:
    sys.exit(f"{doc}: no layer table found")

LIBS = {"sqlite3.h": "store", "libpq-fe.h": "store", "microhttpd.h": "http",
        "cblas.h": "reco", "lapacke.h": "reco"}
SQL = re.compile(r'"\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE TABLE|CREATE INDEX) ')

graph = {}
for root, _, files in os.walk(src):
    for f in files:
        if not f.endswith((".c", ".h")):
            continue
        path = os.path.join(root, f)
        rel = os.path.relpath(path, src)
        area = rel.split("/")[0]
        module = rel.rsplit(".", 1)[0]
        text = open(path, encoding="utf-8").read()
        if area not in allowed:
            problems.append(f"{rel}: area '{area}/' is not in the layer table of {doc}")
            continue
        for inc in re.findall(r'#include "([^"]+)"', text):
            to = inc.split("/")[0]
            if to != area and to not in allowed[area]:
                problems.append(f"{rel}: includes {inc}, but {area}/ may not include {to}/")
            if inc.rsplit(".", 1)[0] != module:
                graph.setdefault(module, set()).add(inc.rsplit(".", 1)[0])
        for inc in re.findall(r"#include <([^>]+)>", text):
            owner = LIBS.get(inc.split("/")[-1]) or (
                "catalog" if inc.startswith("libxml/") else
                "media" if inc.startswith("vips/") else None)
            if owner and owner != area:
                problems.append(f"{rel}: includes <{inc}>, which only {owner}/ may")
        repository = f.endswith("_store.c") or rel == "catalog/catalog_view.c" or area == "store"
        if not repository and SQL.search(text):
            problems.append(f"{rel}: holds SQL; SQL lives in repositories (<area>/*_store.c)")

# Cycles: Tarjan's strongly connected components.
index, low, stack, on, counter = {}, {}, [], set(), [0]
sys.setrecursionlimit(100000)


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
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            problems.append("include cycle: " + " <-> ".join(sorted(comp)))


for v in list(graph):
    if v not in index:
        visit(v)

for p in problems:
    print(p)
print(f"layers: {len(graph)} modules, {len(allowed)} areas, {len(problems)} problems")
sys.exit(1 if problems else 0)
