#!/bin/sh
# run-all.sh - the include-layer check (tools/check-layers.sh), then golden
# and end-to-end tests against the plain and the sanitizer build.  Prints
# each check, then one summary line on stderr: "N passed, M failed".
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
FIX=${FIX:-$TOP/../shared/fixtures/zhanhe}
[ -f "$FIX/plan.txt" ] || FIX=$TOP/tests/data/fixture-copy
pass=0
fail=0

record() { # record NAME RC
	if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "PASS $1"
	else fail=$((fail + 1)); echo "FAIL $1"; fi
}

# the include graph of src/ has no upward edge (README, "Layout")
sh tools/check-layers.sh >/tmp/pw-layers.log 2>&1
rc=$?
[ $rc = 0 ] || cat /tmp/pw-layers.log
record "include layers" $rc

for build in build build-san; do
	PW=$TOP/$build/planwatch
	[ -x "$PW" ] || { record "$build/planwatch exists" 1; continue; }
	export PW FIX
	# fixture golden checks: checker and the expected file it reads
	for pair in indicators:expected-indicators.json projects:expected-projects.json \
		    prose:expected-prose-targets.json evaluation:expected-13th-evaluation.json; do
		base=check_${pair%%:*}
		exp=${pair#*:}
		g=tests/golden/$base.py
		python3 "$g" "$PW" "$FIX/plan.txt" "$FIX/$exp" >"/tmp/pw-$build-$base.log" 2>&1
		rc=$?
		[ $rc = 0 ] || tail -20 "/tmp/pw-$build-$base.log"
		record "$build $base" $rc
	done
	for t in tests/e2e/t*.sh; do
		[ -f "$t" ] || continue
		sh "$t" >"/tmp/pw-$build-$(basename "$t").log" 2>&1
		rc=$?
		[ $rc = 0 ] || grep -A5 '^not ok' "/tmp/pw-$build-$(basename "$t").log" | head -30
		record "$build $(basename "$t")" $rc
	done
done
echo "$pass passed, $fail failed" >&2
[ "$fail" = 0 ]
