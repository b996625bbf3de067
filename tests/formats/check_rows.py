#!/usr/bin/env python3
"""check_rows.py PLANWATCH_BIN DOC MIN_ROWS EXPECTED.json...

For a document whose lines do not follow the text's (a PDF): with the
"tables", "columns" and "targets" of the EXPECTED files (the fixture's
three, or a corpus document's one), counts the
expected table rows found exactly (no, group, name, unit, attribute,
baseline, actual, each target's kind/cmp/value/year), whatever their line,
the 专栏 items (box title, item no and title) and the prose targets (value
and unit).  Prints what it missed; exits 1 if fewer than MIN_ROWS rows, or
not every item and prose target match.
Standard library only.
"""
import json
import subprocess
import sys


def row_key(r):
    return (tuple(r.get(k) for k in ("no", "group", "name", "unit", "attribute"))
            + tuple((t.get("kind"), t.get("cmp"), t.get("value"), t.get("year"))
                    for t in r.get("targets", []))
            + tuple(json.dumps(r.get(k), sort_keys=True) for k in ("baseline", "actual")))


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    binary, doc, min_rows = argv[1:4]
    exp = {"tables": [], "columns": [], "targets": []}
    for path in argv[4:]:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        for k in exp:
            exp[k] += d.get(k) or []
    out = subprocess.run([binary, "extract", doc, "--json"], stdout=subprocess.PIPE, check=True)
    got = json.loads(out.stdout.decode("utf-8"))
    found = [row_key(r) for t in got["tables"] for r in t["indicators"]]
    want = [r for t in exp["tables"] for r in t["indicators"]]
    ok = 0
    for r in want:
        if row_key(r) in found:
            ok += 1
        else:
            print("missed row: no %s %s" % (r.get("no"), r.get("name")))
    items = {(c["title"], i["no"], i["title"]) for c in got.get("columns", []) for i in c["items"]}
    witems = [(c["title"], i["no"], i["title"])
              for c in exp["columns"] for i in c["items"]]
    iok = sum(1 for w in witems if w in items)
    for w in witems:
        if w not in items:
            print("missed item: %s %s %s" % w)
    pkey = lambda t: (round(float(t["value"]), 6), t.get("unit") or "")
    ptargets = [pkey(t) for t in got.get("targets", []) if t.get("value") is not None]
    pwant = exp["targets"]
    pok = 0
    for t in pwant:
        if t.get("value") is None:
            continue
        if pkey(t) in ptargets:
            ptargets.remove(pkey(t))
            pok += 1
        else:
            print("missed prose target: line %s %s" % (t.get("line"), t.get("text", "")[:40]))
    npw = sum(1 for t in pwant if t.get("value") is not None)
    print("check_rows: %d of %d rows exact, %d of %d items, %d of %d prose targets (%d extra)"
          % (ok, len(want), iok, len(witems), pok, npw, len(ptargets)), file=sys.stderr)
    return 0 if ok >= int(min_rows) and iok == len(witems) and pok == npw and not ptargets else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
