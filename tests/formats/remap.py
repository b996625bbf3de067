#!/usr/bin/env python3
"""remap.py MAP.json FORMAT EXPECTED.json OUT.json - an expectation written
for a plan text, with every "line" moved to the line the same text has in
the document mkdocs.py made from it (FORMAT: docx or html).  A line the
document does not hold is an error: the expectation would test nothing.
Standard library only.
"""
import json
import sys


def remap(node, lmap, missing):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "line" and isinstance(v, int):
                if str(v) not in lmap:
                    missing.append(v)
                out[k] = lmap.get(str(v), v)
            else:
                out[k] = remap(v, lmap, missing)
        return out
    if isinstance(node, list):
        return [remap(x, lmap, missing) for x in node]
    return node


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    with open(argv[1]) as f:
        lmap = json.load(f)[argv[2]]
    with open(argv[3], encoding="utf-8") as f:
        want = json.load(f)
    missing = []
    out = remap(want, lmap, missing)
    if missing:
        sys.exit("remap: lines not in the %s document: %s" % (argv[2], missing[:10]))
    with open(argv[4], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv)
