#!/bin/sh
# t4100-report-office.sh - reports and assessment as a planning office uses
# them: the database from $PLANWATCH_DB without --db, cumulative targets
# read as 累计, values older than the year named, reasons in Chinese, and
# output names whose extension is not a report format refused.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
[ -f "$PLAN" ] || PLAN=$FIX/plan.txt
export SOURCE_DATE_EPOCH=1700000000
export PLANWATCH_DB=$T/office.db

check "import the plan" "$PW" import "$PLAN"
# 表2 序号9 城镇新增就业人数 [5] (five-year cumulative), 序号3 城镇化率 ≥83
for v in "2:9:城镇新增就业人数 2021 1.2" "2:9:城镇新增就业人数 2022 1.1" "2:3 2021 80.8"; do
	set -- $v
	check "record $1 $2" "$PW" record --indicator "$1" --year "$2" --value "$3" \
		--state submitted
done
for id in $("$PW" obs list | awk '$7 == "submitted" { print $1 }'); do
	"$PW" obs approve "$id" >/dev/null 2>&1
done

# assess reads $PLANWATCH_DB when neither FILE nor --db is given
check "assess without --db uses \$PLANWATCH_DB" sh -c "'$PW' assess --year 2022 >'$T/as.txt'"
check "assess text: cumulative 1.2 + 1.1" grep -q '累计 \[5\]  实际 2.3 万人' "$T/as.txt"
check "assess text: a 2021 value in 2022 is dated" grep -q '实际 80.8%（2021年）' "$T/as.txt"
check "assess text: reasons in Chinese" grep -q '无法评估（待录入上级下达目标）' "$T/as.txt"
check "assess text: no English reason" sh -c "! grep -q 'not recorded yet' '$T/as.txt'"
check "assess --json without --db" sh -c "'$PW' assess --year 2022 --json | jq -e '.summary'"

check "annual 2022 md" "$PW" report --kind annual --year 2022 -o "$T/a.md"
check "target [5] reads 累计5, its value 1.2 + 1.1" grep -q \
	'| 9 | 城镇就业：城镇新增就业人数 | 万人 | — | 累计5 | — | 累计2.3 |' "$T/a.md"
check "[2.5] reads 累计2.5" grep -q '| 7 | 数字经济核心产业增加值占GDP比重 | % | — | 累计2.5 |' "$T/a.md"
check "caption without 表　表2" sh -c "grep -q '^表　“十四五”经济社会发展主要指标' '$T/a.md' &&
	! grep -q '表　表2' '$T/a.md'"
check "stale value named in the notes" grep -q \
	'1项指标尚无2022年数据，其完成值和状态依据此前最近年份（最早为2021年）的数据判定' "$T/a.md"
check "final 2025: stale values to be checked again" sh -c "'$PW' report --kind final |
	grep -q '2项指标尚无2025年数据.*期末结论待当年数据报送后复核'"

# output names: the extension decides, an unknown one is refused
check_fails "-o x.pdf is refused" 2 "$PW" report --kind annual --year 2022 -o "$T/x.pdf"
grep_err "-o x.pdf names the problem" "cannot tell the format of '.*x.pdf'"
check "-o x.pdf writes nothing" test ! -e "$T/x.pdf"
check "-o X.DOCX is a docx" "$PW" report --kind annual --year 2022 -o "$T/X.DOCX"
check "X.DOCX is a zip" sh -c "head -c 2 '$T/X.DOCX' | grep -q PK"
check "-o r.htm is html" "$PW" report --kind annual --year 2022 -o "$T/r.htm"
check "r.htm has a doctype" grep -q '<!DOCTYPE html>' "$T/r.htm"
check "--format html -o y.docx warns" "$PW" report --kind annual --year 2022 --format html \
	-o "$T/y.docx"
grep_err "the warning names the file" "warning: writing a html report to '.*y.docx'"
check "-o without extension is markdown" "$PW" report --kind annual --year 2022 -o "$T/plain"
check "plain starts with a title" grep -q '^# 《' "$T/plain"

# show: what the office checks against the printed plan
check "show lists baseline, target, attribute" sh -c "'$PW' show 1 >'$T/show.txt'"
check "show 城镇化率 row" grep -Eq '^  id [0-9]+ +3  常住人口城镇化率 \(%\)  基数 80（2020年）  目标 ≥83  预期性$' \
	"$T/show.txt"
check "show growth and cumulative targets" sh -c "grep -q '目标 年均增长7左右  预期性' '$T/show.txt' &&
	grep -q '城镇新增就业人数 (万人)  目标 累计\[5\]' '$T/show.txt'"
check "show table title first" grep -q '^表2 “十四五”经济社会发展主要指标  (line [0-9]*)$' "$T/show.txt"
check_fails "show x: bad id" 2 "$PW" show x
grep_err "show x names the id" "bad plan id 'x'"
check_fails "bare assess without \$PLANWATCH_DB is a usage error" 2 env -u PLANWATCH_DB "$PW" assess
done_testing
