#!/bin/sh
# t2030-outfile.sh - output files (issue 7, parts 1 and 3): a report, a
# template or a backup is never written over the database or its -wal/-shm
# files (by name, symbolic or hard link: refused with exit 2, the database
# unchanged); a template or report killed while it is written leaves the
# previous complete file or the new complete file, never a torn one, and
# no temporary file after SIGTERM or SIGINT; a temporary file a SIGKILL left
# is removed by the next write of the same file.
. "$(dirname "$0")/lib.sh"
DB=$T/city.db
pw() { "$PW" "$@" --db "$DB"; }
sha() { sha256sum "$1" | cut -c1-64; }
PY=/usr/bin/python3

# a plan of 2 tables x 834 indicators, all led by one unit: its template
# takes a visible fraction of a second to write
$PY - "$T" <<'PYEOF'
import sys
d = sys.argv[1]
plan = ["大省国民经济和社会发展第十四个五年规划纲要（测试用，虚构）", "", "第一章 发展目标", ""]
assign = ["表,序号,指标名称,牵头单位"]
for k in range(1, 3):
    plan += ["表%d “十四五”时期第%d组主要指标" % (k, k), "",
             "| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |", "|---|---|---|---|---|---|"]
    for i in range(1, 835):
        plan.append("| %d | 指标%d-%d | 万元 | %d | 150 | 预期性 |" % (i, k, i, 100 + i % 7))
        assign.append("表%d,%d,指标%d-%d,统计局" % (k, i, k, i))
    plan.append("")
open(d + "/plan.md", "w", encoding="utf-8").write("\n".join(plan) + "\n")
open(d + "/assign.csv", "w", encoding="utf-8").write("\n".join(assign) + "\n")
PYEOF
check "import a large plan" pw import "$T/plan.md"
check "assign its indicators" pw assign import "$T/assign.csv"
check "record a value" pw record --indicator 1:1 --year 2023 --value 101 --state submitted

# ---- the database is never an output -------------------------------------
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$DB" "$T/saved.db"
before=$(sha "$DB")
# refused CMD...: the command exits 2, names the database, leaves it as it was
refused() {
	name=$1; shift
	check_fails "$name: refused" 2 "$@"
	grep_err "$name: the message names the database" "city.db'"
	check "$name: the database is unchanged" test "$(sha "$DB")" = "$before"
	check "$name: the database still opens" pw list
	# put a destroyed database back, so that each case shows on its own
	[ "$(sha "$DB")" = "$before" ] || { rm -f "$DB-wal" "$DB-shm"; cp "$T/saved.db" "$DB"; }
}
refused "report -o the database" pw report --kind annual --year 2023 --format md -o "$DB"
refused "report -o the database, no --format" pw report --kind annual --year 2023 -o "$DB"
refused "report -o the database (xlsx)" pw report --kind annual --year 2023 -o "$DB" --format xlsx
refused "report -o the database's -wal" pw report --kind annual --year 2023 --format md -o "$DB-wal"
refused "report -o the database's -shm" pw report --kind annual --year 2023 --format json -o "$DB-shm"
refused "template --csv -o the database" pw template --unit 统计局 --year 2023 --csv -o "$DB"
refused "template --xlsx -o the database" pw template --unit 统计局 --year 2023 --xlsx -o "$DB"
ln -s "$DB" "$T/link.md"
refused "report -o a symbolic link to the database" \
	pw report --kind annual --year 2023 --format md -o "$T/link.md"
ln "$DB" "$T/hard.csv"
refused "template -o a hard link to the database" \
	pw template --unit 统计局 --year 2023 --csv -o "$T/hard.csv"
(cd "$T" && "$PW" report --kind annual --year 2023 --format md -o ./city.db --db city.db \
	>"$T/out" 2>"$T/err"; echo $? >"$T/rc")
check "a relative -o naming the database: exit 2" test "$(cat "$T/rc")" = 2
check "a relative -o naming the database: unchanged" test "$(sha "$DB")" = "$before"
refused "backup -o the database" pw backup -o "$DB"
refused "backup -o a symbolic link to the database" pw backup -o "$T/link.md"
refused "backup -o the database's -wal" pw backup -o "$DB-wal"
rm -f "$T/link.md" "$T/hard.csv"
check "a report to another file is written" pw report --kind annual --year 2023 --format md -o "$T/r.md"

# ---- killed writers: the previous file or the new one, never torn --------
# a complete reference of each, then the previous version (another year)
check "template csv 2023" pw template --unit 统计局 --year 2023 --csv -o "$T/new.csv"
check "template csv 2022" pw template --unit 统计局 --year 2022 --csv -o "$T/t.csv"
old_csv=$(sha "$T/t.csv")
new_csv=$(sha "$T/new.csv")
check "template xlsx 2022" pw template --unit 统计局 --year 2022 --xlsx -o "$T/t.xlsx"
old_xlsx=$(sha "$T/t.xlsx")
# complete_xlsx FILE: a whole workbook (every zip member reads back)
complete_xlsx() {
	$PY -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
assert "xl/worksheets/sheet1.xml" in z.namelist()' "$1" 2>/dev/null
}
# leftovers: files in $T other than the ones the test made
leftovers() { ls -A "$T" | grep -v -x -e city.db -e city.db-wal -e city.db-shm -e plan.md \
	-e assign.csv -e saved.db -e new.csv -e t.csv -e t.xlsx -e r.md -e out -e err -e rc -e r.xlsx; }

# bg CMD...: runs planwatch in the background as $pid (not a subshell, so
# that the signal reaches it; SIGINT, which sh ignores in background jobs,
# restored to its default)
bg() { env --default-signal=INT "$PW" "$@" --db "$DB" >/dev/null 2>&1 & pid=$!; }
# the delays are fractions of one whole run (of the plain or the sanitizer
# build), in its second half, where the file is written
ms() { date +%s%N | cut -c1-13; }
t0=$(ms)
check "template xlsx 2023" pw template --unit 统计局 --year 2023 --xlsx -o "$T/r.xlsx"
full=$(( $(ms) - t0 ))
rm -f "$T/r.xlsx"
echo "# one xlsx template: $full ms"
# at: the delays for the fractions given, in seconds
at() { echo "$@" | awk -v t="$full" '{ for (i = 1; i <= NF; i++) printf "%.3f ", t * $i / 1000 }'; }
torn=0
for d in $(at 0.5 0.65 0.8 0.9 0.95 1.0 1.1); do
	bg template --unit 统计局 --year 2023 --xlsx -o "$T/t.xlsx"
	sleep $d
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ "$(sha "$T/t.xlsx" 2>/dev/null)" != "$old_xlsx" ] && ! complete_xlsx "$T/t.xlsx"; then
		torn=$((torn + 1)); echo "# xlsx torn after kill -9 at ${d}s: $(wc -c <"$T/t.xlsx" 2>/dev/null) bytes"
	fi
	old_xlsx=$(sha "$T/t.xlsx" 2>/dev/null)
done
for d in $(at 0.6 0.8 0.9 1.0); do
	bg template --unit 统计局 --year 2023 --csv -o "$T/t.csv"
	sleep $d
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	s=$(sha "$T/t.csv" 2>/dev/null)
	if [ "$s" != "$old_csv" ] && [ "$s" != "$new_csv" ]; then
		torn=$((torn + 1)); echo "# csv torn after kill -9 at ${d}s"
	fi
	old_csv=$s
done
check "template under kill -9: never a torn file" test $torn = 0
check "the next run removes what kill -9 left (csv)" \
	pw template --unit 统计局 --year 2022 --csv -o "$T/t.csv"
check "the next run removes what kill -9 left (xlsx)" \
	pw template --unit 统计局 --year 2022 --xlsx -o "$T/t.xlsx"
left=$(leftovers)
check "no temporary file after the next run" test -z "$left"
[ -z "$left" ] || echo "# left: $left"

# SIGTERM and SIGINT: the handler removes the temporary file
left=0
t0=$(ms)
check "report xlsx" pw report --kind annual --year 2023 --format xlsx -o "$T/r.xlsx"
full_report=$(( $(ms) - t0 ))
echo "# one xlsx report: $full_report ms"
# signal SIG CMD...: runs CMD and sends SIG at the fractions 0.7 and 0.9 of
# its time $tcmd; counts the runs that leave a temporary file
signal() {
	sig=$1; shift
	for f in 0.7 0.9; do
		bg "$@"
		sleep "$(echo "$tcmd $f" | awk '{ printf "%.3f", $1 * $2 / 1000 }')"
		kill -$sig $pid 2>/dev/null
		wait $pid 2>/dev/null
		[ -z "$(leftovers)" ] || { left=$((left + 1)); echo "# SIG$sig of $1 at $f left: $(leftovers)"; }
	done
}
for sig in TERM INT; do
	tcmd=$full signal $sig template --unit 统计局 --year 2023 --xlsx -o "$T/t.xlsx"
	tcmd=$full_report signal $sig report --kind annual --year 2023 --format xlsx -o "$T/r.xlsx"
done
check "SIGTERM/SIGINT leave no temporary file" test $left = 0
check "the last template is complete" complete_xlsx "$T/t.xlsx"

# a file that is replaced keeps its permissions
chmod 600 "$T/r.md"
check "report over an existing file" pw report --kind annual --year 2023 --format md -o "$T/r.md"
check "keeps its mode" test "$(stat -c %a "$T/r.md")" = 600
done_testing
