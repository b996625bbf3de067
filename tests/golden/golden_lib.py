"""golden_lib.py - what the golden checkers share: running the extractor,
comparing values, pairing prose targets, and the closing report.
Standard library only."""
import json
import subprocess
import sys

EPS = 1e-9


def run_extract(binary, path):
    """`binary extract path --json` as (parsed JSON, None), or (None, why)."""
    try:
        proc = subprocess.run([binary, "extract", path, "--json"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.SubprocessError) as e:
        return None, str(e)
    if proc.returncode != 0:
        return None, "exit %d: %s" % (proc.returncode,
                                      proc.stderr.decode("utf-8", "replace").strip()[:300])
    try:
        return json.loads(proc.stdout.decode("utf-8")), None
    except ValueError as e:
        return None, "bad JSON: %s" % e


def extract_or_exit(binary, path, who):
    """run_extract, or exit naming the checker when the command fails."""
    got, err = run_extract(binary, path)
    if err:
        sys.exit("%s: %s: %s" % (who, binary, err))
    return got


def finish(out, who, summary):
    """Prints each mismatch in out and a summary line; the exit status."""
    for line in out:
        print(line)
    print("%s: %s, %d mismatches" % (who, summary, len(out)), file=sys.stderr)
    return 1 if out else 0


def same(want, got):
    """want may be a list of accepted strings; numbers compare with EPS."""
    if isinstance(want, list):
        return any(same(w, got) for w in want)
    if isinstance(want, bool) or isinstance(got, bool):
        return want is got
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return abs(want - got) < EPS
    if isinstance(want, dict) and isinstance(got, dict):
        return all(same(v, got.get(k)) for k, v in want.items())
    return want == got


def pkey(t):
    """What pairs a found prose target with an expected one."""
    v = t.get("value")
    return (t.get("line"), None if v is None else round(float(v), 6), t.get("unit") or "")


def agrees(want, got):
    """A paired target also has the expected comparator, kind and upper bound."""
    hw, hg = want.get("value_hi"), got.get("value_hi")
    same_hi = (hw is None and hg is None) or (hw is not None and hg is not None
                                              and abs(hw - hg) < EPS)
    return same(want.get("cmp"), got.get("cmp")) and same(want.get("kind"), got.get("kind")) \
        and same_hi


def match(found, expected):
    """Pairs found with expected on (line, value, unit), preferring pairs
    that agree.  Returns (pairs as (want, found), misses, unmatched found)."""
    left = list(found)
    pairs, misses = [], []
    order = sorted(expected, key=lambda w: 0 if any(
        pkey(f) == pkey(w) and agrees(w, f) for f in found) else 1)
    for w in order:
        cands = [f for f in left if pkey(f) == pkey(w)]
        if not cands:
            misses.append(w)
            continue
        best = next((f for f in cands if agrees(w, f)), cands[0])
        left.remove(best)
        pairs.append((w, best))
    return pairs, misses, left
