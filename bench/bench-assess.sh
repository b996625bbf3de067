#!/bin/sh
# bench/bench-assess.sh - assessment at the scale of a province (issue 3):
# 3,000 plans x 50 indicators x 10 years of observations, generated
# (bench/gen_province.c), then a full re-assessment of every plan
# (bench/assess_all.c, the bulk path of src/eval/gather.h).
#   goals: full re-assessment < 1 s, database < 200 MB
# Prints generation time, database size (and what fills it), re-assessment
# wall time on 2 threads and on 1, peak RSS, indicators and observations
# assessed, and whether each goal is met.  A second, small database whose
# values all went through review one by one (record, then approve, as
# `data import --state approved` does) gives the size that way, scaled to
# the same number of plans.
#
# Environment: O (build directory, default build), BENCH_PLANS (3000),
# BENCH_INDICATORS (50), BENCH_YEARS (10), BENCH_THREADS (2),
# BENCH_REVIEW_PLANS (30; 0 skips the sample), BENCH_KEEP=DIR keeps the
# databases in DIR, BENCH_PER_PLAN=1 also times pw_eval_from_store() plan
# by plan (half a minute more).
set -e
cd "$(dirname "$0")/.."
O=${O:-build}
N=${BENCH_PLANS:-3000}
M=${BENCH_INDICATORS:-50}
Y=${BENCH_YEARS:-10}
THREADS=${BENCH_THREADS:-2}
RN=${BENCH_REVIEW_PLANS:-30}

# The bench programs, built against the library with the Makefile's flags.
make -s --no-print-directory O="$O" "$O/libplanwatch.a" >/dev/null
flags() { make -s --no-print-directory O="$O" --eval "bench-print: ; @echo \$($1)" bench-print; }
CFLAGS_ALL=$(flags ALL_CFLAGS)
LIBS_ALL=$(flags LDLIBS)
mkdir -p "$O/bench"
for prog in gen_province assess_all; do
	extra=
	[ $prog = gen_province ] && extra=bench/gen.c
	# shellcheck disable=SC2086 # flag lists are split on purpose
	${CC:-cc} $CFLAGS_ALL -o "$O/bench/$prog" "bench/$prog.c" $extra "$O/libplanwatch.a" $LIBS_ALL
done

if [ -n "$BENCH_KEEP" ]; then
	T=$BENCH_KEEP
	mkdir -p "$T"
	rm -f "$T"/province.db* "$T"/review.db*
else
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
fi
DB=$T/province.db

field() { # field NAME LINE: the value of NAME=... in LINE
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v < g) ? "MET" : "NOT MET" }'; }

# 1. Generation.
gen=$("$O/bench/gen_province" "$DB" --plans "$N" --indicators "$M" --years "$Y")
bytes=$(( $(stat -c %s "$DB") + $( [ -f "$DB-wal" ] && stat -c %s "$DB-wal" || echo 0) ))
size=$(mb "$bytes")
echo "assess bench: generated $(field plans "$gen") plans, $(field indicators "$gen") indicators," \
	"$(field prose "$gen") prose targets, $(field observations "$gen") values" \
	"($(field approved "$gen") approved, $(field corrected "$gen") corrected," \
	"$(field externals "$gen") external targets set) in $(field seconds "$gen") s"
echo "assess bench: database $size MB after generation, no VACUUM (goal < 200 MB): $(verdict "$size" 200)"
if command -v sqlite3 >/dev/null 2>&1; then
	top=$(sqlite3 "$DB" "SELECT name || ' ' || printf('%.1f', SUM(pgsize) / 1048576.0)
		FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC LIMIT 8" 2>/dev/null |
		paste -sd, - | sed 's/,/, /g')
	[ -n "$top" ] && echo "assess bench:   largest tables and indexes (MB): $top"
fi

# 2. Full re-assessment: best of 5 on THREADS threads, and on one.
best() { # best THREADS: the run with the least wall time, as "secs rss_mb line"
	b=
	for i in 1 2 3 4 5; do
		out=$("$O/bench/assess_all" "$DB" --threads "$1" | head -1)
		s=$(field seconds "$out")
		if [ -z "$b" ] || awk -v a="$s" -v c="$(echo "$b" | cut -d' ' -f1)" 'BEGIN { exit !(a < c) }'; then
			b="$s $(field peak_rss_mb "$out") $out"
		fi
	done
	echo "$b"
}
par=$(best "$THREADS")
one=$(best 1)
secs=$(echo "$par" | cut -d' ' -f1)
line=$(echo "$par" | cut -d' ' -f3-)
statuses=$("$O/bench/assess_all" "$DB" --year 2023 | tail -1)
echo "assess bench: full re-assessment of $(field plans "$line") plans: $secs s wall on $THREADS threads" \
	"(best of 5; $(echo "$one" | cut -d' ' -f1) s on 1), peak RSS $(echo "$par" | cut -d' ' -f2) MB" \
	"($(echo "$one" | cut -d' ' -f2) MB on 1), $(field indicators "$line") indicators and" \
	"$(field observations "$line") observations assessed (goal < 1 s): $(verdict "$secs" 1)"
echo "assess bench:   indicators by status in 2023 (mid-period): $statuses"
if [ -n "$BENCH_PER_PLAN" ]; then
	pp=$("$O/bench/assess_all" "$DB" --per-plan | head -1)
	echo "assess bench:   the same plan by plan (pw_eval_from_store, as assess --db):" \
		"$(field seconds "$pp") s, peak RSS $(field peak_rss_mb "$pp") MB"
fi

# 3. The same values entered one by one through review, on a sample.
if [ "$RN" -gt 0 ]; then
	RDB=$T/review.db
	rgen=$("$O/bench/gen_province" "$RDB" --plans "$RN" --indicators "$M" --years "$Y" --review)
	rbytes=$(stat -c %s "$RDB")
	echo "assess bench: entered through review instead (record + approve, each audited):" \
		"$(mb "$rbytes") MB for $RN plans in $(field seconds "$rgen") s," \
		"so about $(awk -v b="$rbytes" -v n="$N" -v r="$RN" 'BEGIN { printf "%.0f", b / r * n / 1048576 }') MB" \
		"for $N plans"
fi
