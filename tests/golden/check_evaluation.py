#!/usr/bin/env python3
"""check_evaluation.py - golden test of `planwatch assess FILE --json`.

usage: check_evaluation.py PLANWATCH_BIN PLAN_FILE EXPECTED_JSON

Runs the assessment of PLAN_FILE and compares it with EXPECTED_JSON (the
shape of fixtures/zhanhe/expected-13th-evaluation.json): every expected
indicator must be present once (matched on no and name, in the table whose
title matches the expected "table" when the output names its tables), with
the same status, the same targets in order (kind and status), and each
expected "actual" within 0.01.  No extra indicator may appear for that table.
Prints one line per mismatch and a summary; exits 1 on any mismatch, 2 when
the command cannot be run.  Standard library only.
"""
import json
import subprocess
import sys

TOL = 0.01 + 1e-9


def norm(s):
    """Compares names and titles without whitespace differences."""
    return "".join((s or "").split())


def run(binary, plan, tolerance):
    cmd = [binary, "assess", plan, "--json"]
    if tolerance is not None:
        cmd += ["--tolerance", str(tolerance)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.stderr.write("check_evaluation: '%s' exited %d\n" % (" ".join(cmd), proc.returncode))
        sys.exit(2)
    try:
        return json.loads(proc.stdout.decode("utf-8"))
    except ValueError as e:
        sys.stderr.write("check_evaluation: output is not JSON: %s\n" % e)
        sys.exit(2)


def rows_of_table(out, title):
    """The output indicators of the table titled like the expected one."""
    rows = out.get("indicators", [])
    tables = out.get("tables")
    if not title or not tables:
        return rows
    nums = {t.get("table") for t in tables if norm(t.get("title")) == norm(title)}
    if not nums:  # titles differ: fall back to every assessed row
        return rows
    return [r for r in rows if r.get("table") in nums]


def compare_targets(where, exp, got, errors):
    if len(exp) != len(got):
        errors.append("%s: %d targets, expected %d" % (where, len(got), len(exp)))
    for i, (e, g) in enumerate(zip(exp, got)):
        w = "%s target %d (%s)" % (where, i + 1, e.get("kind"))
        for key in ("kind", "status"):
            if e.get(key) != g.get(key):
                errors.append("%s: %s %r, expected %r" % (w, key, g.get(key), e.get(key)))
        if "actual" not in e:
            continue
        a = g.get("actual")
        if e["actual"] is None or a is None:
            if e["actual"] != a:
                errors.append("%s: actual %r, expected %r" % (w, a, e["actual"]))
        elif abs(float(a) - float(e["actual"])) > TOL:
            errors.append("%s: actual %r, expected %r" % (w, a, e["actual"]))


def compare(expected, out):
    errors = []
    got = rows_of_table(out, expected.get("table"))
    used = [False] * len(got)
    for e in expected["indicators"]:
        where = "row %s %s" % (e.get("no"), e.get("name"))
        idx = [i for i, g in enumerate(got)
               if not used[i] and str(g.get("no")) == str(e.get("no"))
               and norm(g.get("name")) == norm(e.get("name"))]
        if not idx:
            errors.append("%s: missing" % where)
            continue
        used[idx[0]] = True
        g = got[idx[0]]
        if g.get("status") != e.get("status"):
            errors.append("%s: status %r, expected %r" % (where, g.get("status"), e.get("status")))
        compare_targets(where, e.get("targets", []), g.get("targets", []), errors)
    for i, g in enumerate(got):
        if not used[i]:
            errors.append("row %s %s: not expected" % (g.get("no"), g.get("name")))
    return errors, sum(used)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[3], encoding="utf-8") as f:
        expected = json.load(f)
    out = run(argv[1], argv[2], expected.get("approx_tolerance"))
    errors, matched = compare(expected, out)
    for e in errors:
        print("FAIL " + e)
    total = len(expected["indicators"])
    print("check_evaluation: %d/%d rows matched, %d mismatches" % (matched, total, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
