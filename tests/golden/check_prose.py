#!/usr/bin/env python3
"""check_prose.py - golden test of the prose target finder.

usage: check_prose.py PLANWATCH_BIN PLAN_FILE EXPECTED_JSON [--min 0.95]

Runs `PLANWATCH_BIN extract PLAN_FILE --json` and compares its "targets" with
the expected ones.  A found target matches an expected one on line, value and
unit; a matched pair must then agree on cmp, kind and value_hi.  Prints
precision, recall, the misses, the false positives and the disagreements.
Exits 1 if precision or recall is below the minimum or any matched pair
disagrees, 2 on a usage or run error.

If an expected-prose-targets.md lies next to EXPECTED_JSON, the figures are
also printed with the lines it lists as excluded (table rows, 专栏 items,
review section) taken out of the found targets - useful while the table and
专栏 readers are missing; the verdict always uses the real pipeline.
Standard library only.
"""
import json
import os
import re
import sys

from golden_lib import agrees, extract_or_exit, match


def show(t):
    return "L%d %s%s %s [%s %s%s] %s | %s" % (
        t["line"], t["value"],
        "" if t.get("value_hi") is None else "-%s" % t["value_hi"],
        t.get("unit"), t.get("cmp"), t.get("kind"),
        "" if t.get("year") is None else " %s" % t["year"],
        t.get("subject"), (t.get("text") or "")[:60])


def excluded_lines(md_path):
    """Lines the judgement notes list as table rows, 专栏 items or review."""
    try:
        text = open(md_path, encoding="utf-8").read()
    except OSError:
        return None
    m = re.search(r"Excluded:(.*?)\n", text)
    if not m:
        return None
    lines = set()
    for a, b in re.findall(r"L?(\d+)\s*-\s*L?(\d+)", m.group(1)):
        lines.update(range(int(a), int(b) + 1))
    scrub = re.sub(r"L?\d+\s*-\s*L?\d+", "", m.group(1))
    scrub = re.sub(r"表\d|\d{4}", "", scrub)
    lines.update(int(n) for n in re.findall(r"\b(\d{2,4})\b", scrub))
    return lines


def figures(found, expected):
    pairs, misses, fps = match(found, expected)
    p = len(pairs) / len(found) if found else 1.0
    r = len(pairs) / len(expected) if expected else 1.0
    return p, r, pairs, misses, fps


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    minimum = 0.95
    if "--min" in argv:
        minimum = float(argv[argv.index("--min") + 1])
        args.remove(argv[argv.index("--min") + 1])
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    binary, plan, exp_path = args
    expected = json.load(open(exp_path, encoding="utf-8"))["targets"]
    found = extract_or_exit(binary, plan, "check_prose")["targets"]

    p, r, pairs, misses, fps = figures(found, expected)
    bad = [(f, w) for w, f in pairs if not agrees(w, f)]
    print("prose targets: found %d, expected %d, matched %d" % (len(found), len(expected), len(pairs)))
    print("precision %.3f  recall %.3f" % (p, r))
    for w in misses:
        print("  miss:     " + show(w))
    for f in fps:
        print("  false +:  " + show(f))
    for f, w in bad:
        print("  disagree: got  " + show(f))
        print("            want " + show(w))

    excl = excluded_lines(os.path.join(os.path.dirname(exp_path), "expected-prose-targets.md"))
    if excl:
        kept = [t for t in found if t["line"] not in excl]
        p2, r2, _, _, _ = figures(kept, expected)
        print("with the notes' excluded lines removed: found %d, precision %.3f  recall %.3f"
              % (len(kept), p2, r2))

    ok = p >= minimum and r >= minimum and not bad
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
