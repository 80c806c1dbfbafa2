#!/usr/bin/env python3
"""Fails on a full scan in a BINGE_QUERY_PLANS log (store/plan_log.h).

A full scan reads a share of a table that grows with the catalogue:
- a "SCAN table" step (SQLite) or a Seq Scan (PostgreSQL);
- an index walked without a bound (SQLite's "SCAN t USING INDEX",
  PostgreSQL's Index Scan without an Index Cond) that no LIMIT stops: the
  statement has no LIMIT, or sorts what it walked before its limit;
- a search that an index's key does not narrow: more than WIDE rows per
  key (SQLite: from sqlite_stat1 of an analysed copy of the database, as
  its planner would see it; PostgreSQL: its own row estimate).
A statement whose SQL declares "/* full scan: why */" is listed, not failed.

    query_plan_check.py PLANS_LOG TABLE,TABLE,... [SQLITE_DB]
"""
import os
import re
import shutil
import sqlite3
import sys
import tempfile

WIDE = 1000

# Tables that grow with the catalogue (the test names those holding at
# least 1,000 rows); a planner may rightly scan a small one.
CATALOGUE = set()


def entries(text):
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        if len(lines) < 2 or not lines[0].startswith("-- engine: "):
            continue
        yield lines[0][len("-- engine: "):], lines[1][len("-- sql: "):], lines[2:]


def has_limit(sql):
    return re.search(r"\bLIMIT\b", sql) is not None


SQL_WORDS = {"WHERE", "ON", "JOIN", "LEFT", "CROSS", "INNER", "GROUP", "ORDER", "LIMIT", "USING"}


def aliases(sql):
    """SQLite's plans name a table by its alias: alias -> table."""
    out = {}
    for m in re.finditer(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", sql):
        table, alias = m.group(1), m.group(2)
        out[table] = table
        if alias and alias.upper() not in SQL_WORDS:
            out[alias] = table
    return out


def rows_per_key(db_path):
    """index -> [rows, rows per key of its first column, of its first two, ...]."""
    if not db_path:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "copy.db")
        shutil.copy(db_path, copy)
        con = sqlite3.connect(copy)
        con.execute("ANALYZE")
        stats = {idx: [int(x) for x in stat.split()[:8] if x.isdigit()]
                 for _, idx, stat in con.execute("SELECT tbl, idx, stat FROM sqlite_stat1")
                 if idx}
        con.close()
    return stats


STATS = {}


def sqlite_scans(sql, plan):
    # Names a plan builds itself (subqueries, CTEs) may be scanned.
    own = {m.group(1) for line in plan
           for m in [re.match(r"\s*(?:CO-ROUTINE|MATERIALIZE) (\S+)", line)] if m}
    table_of = aliases(sql)
    top_sort = any(line == "USE TEMP B-TREE FOR ORDER BY" for line in plan)
    for line in plan:
        m = re.match(r"\s*SEARCH (\S+) USING (?:COVERING )?INDEX (\S+) \((.*)\)$", line)
        if m and table_of.get(m.group(1)) in CATALOGUE and m.group(2) in STATS:
            equal = sum(1 for term in m.group(3).split(" AND ") if term.endswith("=?"))
            stat = STATS[m.group(2)]
            if 0 < equal < len(stat) and stat[equal] > WIDE:
                yield f"{line.strip()}: {stat[equal]} rows per key"
            continue
        m = re.match(r"\s*SCAN (\S+)(?: USING (?:COVERING )?INDEX (\S+))?$", line)
        if not m or m.group(1) in own or table_of.get(m.group(1)) not in CATALOGUE:
            continue
        if m.group(2) and has_limit(sql) and not top_sort:
            continue  # an ordered walk that its LIMIT stops
        yield line.strip()


def pg_scans(sql, plan):
    for i, line in enumerate(plan):
        m = re.search(r"Seq Scan on (\w+)", line)
        if m and m.group(1) in CATALOGUE:
            yield line.strip()
            continue
        m = re.search(r"(Index Only Scan|Index Scan|Bitmap Heap Scan)( Backward)?"
                      r"(?: using \w+)? on (\w+).*rows=(\d+)", line)
        if not m or m.group(3) not in CATALOGUE:
            continue
        if int(m.group(4)) > WIDE and not has_limit(sql):
            yield f"{line.strip()}: {m.group(4)} rows estimated"
            continue
        if m.group(1) == "Bitmap Heap Scan":
            continue  # bounded by its Bitmap Index Scan's condition
        depth = len(line) - len(line.lstrip())
        detail = []
        for after in plan[i + 1:]:
            if len(after) - len(after.lstrip()) <= depth or "->" in after:
                break
            detail.append(after)
        if not any("Index Cond" in d for d in detail) and not has_limit(sql):
            yield line.strip()


def main():
    CATALOGUE.update(sys.argv[2].split(","))
    STATS.update(rows_per_key(sys.argv[3] if len(sys.argv) > 3 else None))
    text = open(sys.argv[1], encoding="utf-8").read()
    failures, declared, n = [], [], 0
    for engine, sql, plan in entries(text):
        n += 1
        if any(line.startswith("(no plan") for line in plan):
            failures.append((sql, plan, "no plan: " + " ".join(plan)))
            continue
        scans = list((sqlite_scans if engine == "sqlite" else pg_scans)(sql, plan))
        if not scans:
            continue
        why = re.search(r"/\* full scan: (.*?) \*/", sql)
        if why:
            declared.append(why.group(1))
        else:
            failures.append((sql, plan, "; ".join(scans)))
    print(f"query plans: {n} statements, {len(failures)} scanning the catalogue,"
          f" {len(declared)} declared full scans:")
    for why in sorted(set(declared)):
        print(f"  {declared.count(why)} x {why}")
    for sql, plan, scans in failures:
        print(f"\nFULL SCAN ({scans}) in:\n  {sql}\n" + "\n".join("    " + l for l in plan))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
