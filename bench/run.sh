#!/bin/sh
# bench/run.sh - "make bench": speed and memory figures.
#  1. extraction of the seed plan (best of 20 runs) - goal < 10 ms
#  2. throughput on the seed concatenated 100 times - goal >= 50 MB/s, one core
#  3. lint time on the same concatenation
# Further sections are added by bench/*.sh scripts (assessment, server).
set -e
cd "$(dirname "$0")/.."
PW=${PW:-./planwatch}
SEED=data/zhanhe-14th-plan.txt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

ms() { # ms CMD...: wall time of one run in milliseconds
	s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000))
}

best=999999999
i=0
while [ $i -lt 20 ]; do
	t=$(ms $PW extract "$SEED" --json)
	[ "$t" -lt "$best" ] && best=$t
	i=$((i + 1))
done
echo "extract seed ($(wc -c <"$SEED") bytes): best of 20 = $((best / 1000)).$(printf %03d $((best % 1000))) ms (goal < 10 ms)"

i=0
while [ $i -lt 100 ]; do cat "$SEED"; i=$((i + 1)); done >"$T/big.txt"
bytes=$(wc -c <"$T/big.txt")
# throughput LABEL ARGS...: best of 3 runs pinned to one core, with peak RSS
throughput() {
	label=$1; shift
	best=; kb=0
	for run in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$T/time" taskset -c 0 $PW extract "$T/big.txt" "$@" >/dev/null
		read -r secs k <"$T/time"
		if [ -z "$best" ] || awk "BEGIN { exit !($secs < $best) }"; then best=$secs; kb=$k; fi
	done
	echo "extract 100x seed ($((bytes / 1048576)) MB), $label: $best s, $(echo "$bytes $best" | awk '{ if ($2 > 0) printf "%.1f", $1 / 1048576 / $2; else print "inf" }') MB/s on one core, peak RSS $((kb / 1024)) MB (goal >= 50 MB/s)"
}
throughput "summary output"
throughput "--json output" --json

# lint on the same concatenation (best of 3, one core); it exits 1, the
# seed having errors (docs/lint.md)
best=; kb=0
for run in 1 2 3; do
	/usr/bin/time -q -f "%e %M" -o "$T/time" taskset -c 0 $PW lint "$T/big.txt" --json >/dev/null || true
	read -r secs k <"$T/time"
	if [ -z "$best" ] || awk "BEGIN { exit !($secs < $best) }"; then best=$secs; kb=$k; fi
done
echo "lint 100x seed ($((bytes / 1048576)) MB): $best s, $(echo "$bytes $best" | awk '{ if ($2 > 0) printf "%.1f", $1 / 1048576 / $2; else print "inf" }') MB/s on one core, peak RSS $((kb / 1024)) MB"

for extra in bench/bench-*.sh; do
	[ -f "$extra" ] && sh "$extra"
done
