#!/usr/bin/env python3
"""check_projects.py PLANWATCH_BIN PLAN_FILE EXPECTED_JSON

Runs `PLANWATCH_BIN extract PLAN_FILE --json` and compares its "columns"
(the 专栏 boxes) with EXPECTED_JSON: the number of boxes, each box's title
and line, and each item's no, title and line (keys present in the
expectation are compared; extra keys in the output are ignored).  Prints
one line per mismatch and a summary; exits 1 on any mismatch, 2 if the
command fails.  Standard library only.
"""
import json
import sys

from golden_lib import extract_or_exit, finish

ITEM_KEYS = ("no", "title", "line")
BOX_KEYS = ("title", "line")


def compare_fields(where, keys, want, got, out):
    for key in keys:
        if key in want and want[key] != got.get(key):
            out.append("%s: %s: want %r, got %r" % (where, key, want[key], got.get(key)))


def compare_box(i, want, got, out):
    where = "box %d (line %s)" % (i + 1, want.get("line"))
    compare_fields(where, BOX_KEYS, want, got, out)
    witems, gitems = want.get("items", []), got.get("items", [])
    if len(witems) != len(gitems):
        out.append("%s: want %d items, got %d" % (where, len(witems), len(gitems)))
    for j, (wi, gi) in enumerate(zip(witems, gitems)):
        compare_fields("%s item %d" % (where, j + 1), ITEM_KEYS, wi, gi, out)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    binary, plan, expected = argv[1:]
    with open(expected, encoding="utf-8") as f:
        want = json.load(f)["columns"]
    got = extract_or_exit(binary, plan, "check_projects").get("columns") or []
    out = []
    if len(want) != len(got):
        out.append("want %d boxes, got %d" % (len(want), len(got)))
    for i, (w, g) in enumerate(zip(want, got)):
        compare_box(i, w, g, out)
    nitems = sum(len(w.get("items", [])) for w in want)
    return finish(out, "check_projects", "%d boxes, %d items" % (len(want), nitems))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
