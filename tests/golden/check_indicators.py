#!/usr/bin/env python3
"""check_indicators.py PLANWATCH_BIN PLAN_FILE EXPECTED_JSON [--no-reencode]

Runs `PLANWATCH_BIN extract PLAN_FILE --json` and compares its "tables"
with EXPECTED_JSON: each table's title and period, then every indicator row
(no, group, category, name, unit, attribute, direction, baseline, targets'
kind/cmp/value/value_hi/year, actual).  Keys present in the expectation
are compared; a missing "group" means null; extra keys in the output are
ignored.  Numbers compare with a 1e-9 tolerance.

Then the same plan is re-encoded as GB18030 with CRLF line ends (a temp
file) and its tables must equal the UTF-8 run's exactly (skip with
--no-reencode).

Prints one line per mismatch and a summary; exits 1 on any mismatch, 2 if
the command fails.  Standard library only.
"""
import json
import os
import sys
import tempfile

from golden_lib import extract_or_exit, finish

ROW_KEYS = ("no", "group", "category", "name", "unit", "attribute", "direction")
TARGET_KEYS = ("kind", "cmp", "value", "value_hi", "year")
NULLABLE = ("group",)


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return a == b


def compare_obj(where, want, got, out):
    """want/got: small objects such as baseline or actual, or None."""
    if want is None or got is None:
        if want is not got:
            out.append("%s: want %s, got %s" % (where, json.dumps(want, ensure_ascii=False),
                                                 json.dumps(got, ensure_ascii=False)))
        return
    for key, val in want.items():
        if not same(val, got.get(key)):
            out.append("%s.%s: want %r, got %r" % (where, key, val, got.get(key)))


def compare_targets(where, want, got, out):
    if len(want) != len(got):
        out.append("%s: want %d targets %s, got %d %s" % (
            where, len(want), [t.get("text") for t in want],
            len(got), [t.get("text") for t in got]))
    for k, (wt, gt) in enumerate(zip(want, got)):
        for key in TARGET_KEYS:
            if key in wt and not same(wt[key], gt.get(key)):
                out.append("%s target %d (%s): %s: want %r, got %r" % (
                    where, k + 1, wt.get("text"), key, wt[key], gt.get(key)))


def compare_row(where, want, got, out):
    for key in ROW_KEYS:
        if key in want or key in NULLABLE:
            w = want.get(key)
            if not same(w, got.get(key)):
                out.append("%s: %s: want %r, got %r" % (where, key, w, got.get(key)))
    for key in ("baseline", "actual"):
        if key in want:
            compare_obj("%s %s" % (where, key), want[key], got.get(key), out)
    if "targets" in want:
        compare_targets(where, want["targets"], got.get("targets") or [], out)


def compare_table(i, want, got, out):
    where = "table %d" % (i + 1)
    for key in ("title", "period", "line"):
        if key in want and want[key] != got.get(key):
            out.append("%s: %s: want %r, got %r" % (where, key, want[key], got.get(key)))
    wrows, grows = want.get("indicators", []), got.get("indicators", [])
    if len(wrows) != len(grows):
        out.append("%s: want %d rows, got %d" % (where, len(wrows), len(grows)))
    for j, (w, g) in enumerate(zip(wrows, grows)):
        label = "%s row %d (no %s %s, line %s)" % (where, j + 1, w.get("no"), w.get("name"),
                                                  g.get("line"))
        compare_row(label, w, g, out)


def reencoded_tables(binary, plan):
    """Tables of the plan re-encoded as GB18030 with CRLF line ends."""
    with open(plan, encoding="utf-8-sig") as f:
        text = f.read()
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("gb18030")
    fd, path = tempfile.mkstemp(suffix=".txt", prefix="pw-gb18030-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        return extract_or_exit(binary, path, "check_indicators").get("tables") or []
    finally:
        os.unlink(path)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    binary, plan, expected = args
    with open(expected, encoding="utf-8") as f:
        want = json.load(f)["tables"]
    got = extract_or_exit(binary, plan, "check_indicators").get("tables") or []
    out = []
    if len(want) != len(got):
        out.append("want %d tables, got %d" % (len(want), len(got)))
    for i, (w, g) in enumerate(zip(want, got)):
        compare_table(i, w, g, out)
    if "--no-reencode" not in argv:
        gb = reencoded_tables(binary, plan)
        if gb != got:
            out.append("GB18030+CRLF copy gives different tables than UTF-8")
    nrows = sum(len(w.get("indicators", [])) for w in want)
    return finish(out, "check_indicators", "%d tables, %d rows" % (len(want), nrows))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
