#!/bin/sh
# t0100-exit-codes.sh - the one error model (docs/cli.md, "Exit codes"):
# every command, in every error situation it can meet, exits with the code
# documented for the kind of error.  One table: CODE, then the command
# line (split on blanks; $DB, $JUNK, $NODB, $PLAN, $PRJ, $OBS, $PROG expanded).
# A write error on standard output fails the command with the I/O code.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
JUNK=$T/junk.db
NODB=$T/missing.db
printf 'this is not a database\n' >"$JUNK"
printf '表,序号,指标名称,年份,数值\n表2,3,常住人口城镇化率,2023,abc\n' >"$T/bad.csv"
printf 'plain text, no plan here\n' >"$T/empty.txt"

"$PW" import "$PLAN" --db "$DB" >/dev/null 2>&1 || { not_ok "import the plan"; done_testing; exit 1; }
"$PW" unit add 统计局 --db "$DB" >/dev/null 2>&1
"$PW" assign --indicator 2:3 --unit 统计局 --db "$DB" >/dev/null 2>&1
"$PW" record --indicator 2:3 --year 2023 --value 81 --state submitted --db "$DB" >/dev/null 2>&1
PRJ=$("$PW" assign list --db "$DB" | awk '$1 == "project" {print $2; exit}')
OBS=$("$PW" obs list --indicator 2:3 --json --db "$DB" | jq -r '.[0].id')
"$PW" record --project "$PRJ" --year 2023 --status in_progress --db "$DB" >/dev/null 2>&1
PROG=$("$PW" progress list --project "$PRJ" --json --db "$DB" | jq -r '.[0].id')

# The documented codes, by kind (docs/cli.md)
USAGE=2 INPUT=3 DBERR=4 NOTFOUND=5 IO=6 CONFLICT=7

while IFS='|' read -r code cmd; do
	case $code in '' | '#'*) continue ;; esac
	code=$(eval echo "\$$code")
	cmd=$(eval echo "$cmd")
	set -f
	# shellcheck disable=SC2086
	check_fails "exit $code:$cmd" "$code" "$PW" $cmd
	set +f
done <<'EOF'
# ---- usage: an unknown option or a missing argument, for every command
USAGE    | no-such-command
USAGE    | extract --bogus $PLAN
USAGE    | extract
USAGE    | import --bogus $PLAN --db $DB
USAGE    | import --db $DB
USAGE    | list --bogus --db $DB
USAGE    | show --bogus 1 --db $DB
USAGE    | show abc --db $DB
USAGE    | assess --bogus $PLAN
USAGE    | assess $PLAN --tolerance abc
USAGE    | report --db $DB --year 2023
USAGE    | report --db $DB --kind weekly
USAGE    | unit frobnicate --db $DB
USAGE    | assign --indicator abc --unit 统计局 --db $DB
USAGE    | record --indicator 2:3 --db $DB
USAGE    | data frobnicate --db $DB
USAGE    | obs frobnicate 1 --db $DB
USAGE    | progress list --bogus --db $DB
USAGE    | target set --db $DB
USAGE    | template --unit 统计局 --db $DB
# ---- input: a file that cannot be read or is not what it should be
INPUT    | extract $T/no-such-file.txt
INPUT    | assess $T/no-such-file.txt
INPUT    | import $T/no-such-file.txt --db $DB
INPUT    | import $T/empty.txt --db $DB
INPUT    | data import $T/bad.csv --db $DB
INPUT    | data import $T/no-such-file.csv --db $DB
INPUT    | assign import $T/no-such-file.csv --db $DB
INPUT    | record --indicator 2:3 --year 2024 --value 12abc --db $DB
INPUT    | record --project $PRJ --year 2023 --status in_progress --percent 120 --db $DB
# ---- database: a file that is not a database
DBERR    | list --db $JUNK
DBERR    | show 1 --db $JUNK
DBERR    | assess --db $JUNK
DBERR    | report --kind final --db $JUNK
DBERR    | import $PLAN --db $JUNK
DBERR    | unit list --db $JUNK
DBERR    | assign list --db $JUNK
DBERR    | record --indicator 1 --year 2023 --value 1 --db $JUNK
DBERR    | data import $T/bad.csv --db $JUNK
DBERR    | obs list --db $JUNK
DBERR    | progress list --db $JUNK
DBERR    | target show --db $JUNK
DBERR    | template --unit 统计局 --year 2023 --csv --db $JUNK
# ---- not found: a database, plan, unit, row or year that does not exist
NOTFOUND | list --db $NODB
NOTFOUND | show 99 --db $DB
NOTFOUND | assess --db $NODB
NOTFOUND | assess --db $DB --plan 99
NOTFOUND | assess --db $DB --year 2001
NOTFOUND | report --db $DB --kind final --plan 99
NOTFOUND | report --db $DB --kind annual --year 2001
NOTFOUND | unit add 人社局 --parent 没有这个单位 --db $DB
NOTFOUND | assign --indicator 99999 --unit 统计局 --db $DB
NOTFOUND | assign --indicator 2:3 --unit 没有这个单位 --db $DB
NOTFOUND | assign list --plan 99 --db $DB
NOTFOUND | record --indicator 99999 --year 2023 --value 1 --db $DB
NOTFOUND | record --project 99999 --year 2023 --status in_progress --db $DB
NOTFOUND | obs approve 99999 --db $DB
NOTFOUND | obs list --indicator 2:99 --db $DB
NOTFOUND | progress approve 99999 --db $DB
NOTFOUND | target set --indicator 99999 --value 1 --db $DB
NOTFOUND | target show --indicator 2:99 --db $DB
NOTFOUND | template --unit 没有这个单位 --year 2023 --csv -o $T/t.csv --db $DB
# ---- I/O: an output file that cannot be written (stdout: below)
IO       | report --db $DB --kind final -o $T/no/dir/r.md
IO       | report --db $DB --kind final -o $T/no/dir/r.xlsx
IO       | report --db $DB --kind final -o $T/no/dir/r.docx
IO       | template --unit 统计局 --year 2023 --csv -o $T/no/dir/t.csv --db $DB
IO       | template --unit 统计局 --year 2023 --xlsx -o $T/no/dir/t.xlsx --db $DB
# ---- conflict: the request contradicts the stored state
CONFLICT | unit add 统计局 --db $DB
CONFLICT | obs submit $OBS --db $DB
CONFLICT | target set --indicator 2:3 --value 85 --db $DB
CONFLICT | progress approve $PROG --db $DB
EOF

# ---- I/O: standard output cannot be written (checked at exit, as git does)
if [ -w /dev/full ]; then
	for cmd in "assess $PLAN --json" "assess $PLAN" "extract $PLAN --json" "list --db $DB" \
		"show 1 --db $DB" "report --db $DB --kind final --format md" \
		"report --db $DB --kind final --format xlsx" "obs list --json --db $DB" \
		"template --unit 统计局 --year 2023 --csv -o - --db $DB"; do
		set -f
		# shellcheck disable=SC2086
		"$PW" $cmd >/dev/full 2>"$T/err"
		rc=$?
		set +f
		[ "$rc" = "$IO" ] && grep -q "cannot write" "$T/err" && ok "exit $IO: $cmd > /dev/full" ||
			not_ok "exit $IO: $cmd > /dev/full (exit $rc, $(head -1 "$T/err"))"
	done
else
	echo "# skip: no /dev/full"
fi
# a closed standard output is no error of ours (git does the same)
"$PW" list --db "$DB" >&- 2>"$T/err"
[ $? = 0 ] && ok "a closed stdout is not an error" || not_ok "a closed stdout is not an error"
# "nothing to evaluate" is one kind whichever command meets it
"$PW" assess --db "$DB" --year 2001 2>"$T/e1"
"$PW" report --db "$DB" --kind annual --year 2001 2>"$T/e2"
same_msg=$(cat "$T/e1" "$T/e2" | sort -u | wc -l)
[ "$same_msg" = 1 ] && ok "assess and report say the same about nothing to evaluate" ||
	not_ok "assess and report say the same about nothing to evaluate"
done_testing
