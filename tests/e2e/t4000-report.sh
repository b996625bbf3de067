#!/bin/sh
# t4000-report.sh - "planwatch report": the 13th plan's final evaluation of
# the imported 湛河 plan (表1, 2016-2020, from the table's own 完成值) in
# every format, each checked with a real reader: jq for JSON, openpyxl for
# xlsx, LibreOffice + pdftotext for docx (one conversion per run); then an
# annual report fed by monitoring data, and usage errors.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
[ -f "$PLAN" ] || PLAN=$FIX/plan.txt
CHK=$TOP/tests/e2e/report_check.py
DB=$T/r.db
export SOURCE_DATE_EPOCH=1700000000

check "import the plan" "$PW" import "$PLAN" --db "$DB"
for f in md html csv json xlsx docx; do
	check "final 2020 as $f" "$PW" report --db "$DB" --kind final --year 2020 --format $f \
		-o "$T/final.$f"
done

# Markdown: title, 表1's layout, the method note
check "md title" grep -q '^# 湛河区“十三五”规划总结评估报告' "$T/final.md"
check "md completion table header" grep -q \
	'| 序号 | 指标名称 | 单位 | 2015年基数 | 2020年目标 | 年均增速（%） | 2020年完成值 | 状态 | 指标属性 |' \
	"$T/final.md"
check "md 生产总值 row" grep -q '| 1 | 生产总值 | 亿元 | 108.8 | 154.9 | 7.5左右（实际15.26） | 221.29 | 完成 | 预期性 |' \
	"$T/final.md"
check "md method note" grep -q 'docs/assessment.md' "$T/final.md"

# CSV: BOM, CRLF, a known row
check "csv starts with the BOM" sh -c "head -c 3 '$T/final.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "csv lines end with CRLF" awk '!/\r$/ { bad = 1 } END { exit bad }' "$T/final.csv"
check "csv 32 rows and a header" sh -c "[ \$(wc -l <'$T/final.csv') = 33 ]"
check "csv 居民人均可支配收入 row" grep -q '^18,居民人均可支配收入,元,24045,35330,8 左右（实际7.89）,35152,未完成,预期性,' \
	"$T/final.csv"

# HTML: charts, self-contained
check "html has inline svg" grep -q '<svg' "$T/final.html"
check "html has no http(s) reference" sh -c "! grep -Eq 'https?://' '$T/final.html'"
check "html has no external src/href" sh -c "! grep -Eq '(src|href)=' '$T/final.html'"
check "html status label" grep -q '未完成' "$T/final.html"

# JSON: parses; every status equals the expected 13th-plan evaluation
check "json parses" jq -e '.report.title == "湛河区“十三五”规划总结评估报告"' "$T/final.json"
check "json 32 indicators, period 2016-2020" jq -e \
	'.summary.indicators == 32 and .report.period == {"start": 2016, "end": 2020} and .report.final' \
	"$T/final.json"
check "json statuses match expected-13th-evaluation" sh -c "
	jq -c '[.indicators[] | [.no, .name, .status]]' '$T/final.json' >'$T/got' &&
	jq -c '[.indicators[] | [.no, .name, .status]]' '$FIX/expected-13th-evaluation.json' >'$T/want' &&
	cmp -s '$T/got' '$T/want'"
check "json binding first" jq -e \
	'[.binding_first[] as $i | .indicators[$i].attribute] | .[0:9] | all(. == "binding")' \
	"$T/final.json"

# xlsx (openpyxl) and docx (zip + XML + LibreOffice + pdftotext)
check "xlsx: sheets, headers, a value, frozen header" /usr/bin/python3 "$CHK" xlsx "$T/final.xlsx"
check "docx: package and XML well-formed" /usr/bin/python3 "$CHK" docx "$T/final.docx"
if command -v libreoffice >/dev/null 2>&1 || command -v soffice >/dev/null 2>&1; then
	LO=$(command -v libreoffice || command -v soffice)
	check "docx opens in LibreOffice" sh -c "cd '$T' && HOME='$T' timeout 120 '$LO' --headless \
		--convert-to pdf final.docx >/dev/null 2>&1 && [ -s final.pdf ]"
	pdftotext "$T/final.pdf" "$T/final.txt" 2>/dev/null
	check "docx text: title" grep -q '湛河区“十三五”规划总结评估报告' "$T/final.txt"
	check "docx text: a binding indicator" grep -q '城区绿化覆盖率' "$T/final.txt"
	check "docx text: a status" grep -q '未完成' "$T/final.txt"
else
	echo "ok - skip: libreoffice is not installed (apt-get install libreoffice-writer-nogui)"
fi

# binary formats never go to a terminal; to a pipe they do
if command -v script >/dev/null 2>&1; then
	check_fails "docx to a terminal is refused" 2 script -qec "'$PW' report --db '$DB' \
		--kind final --year 2020 --format docx" /dev/null
fi
check "xlsx to a pipe is a zip" sh -c "'$PW' report --db '$DB' --kind final --year 2020 \
	--format xlsx | head -c 2 | grep -q PK"

# an annual report from monitoring data: a value and a lead unit
ID=$(sqlite3 "$DB" "SELECT i.id FROM indicators i JOIN current_versions v ON v.id = i.version_id
	JOIN indicator_tables t ON t.id = i.table_id
	WHERE i.name = '常住人口城镇化率' AND t.period_start = 2021")
check "unit add" "$PW" unit add 区发展改革委 --db "$DB"
check "assign" "$PW" assign --indicator "$ID" --unit 区发展改革委 --db "$DB"
check "record 2022" "$PW" record --indicator "$ID" --year 2022 --value 81.2 --db "$DB"
check "annual 2022 json" "$PW" report --db "$DB" --kind annual --year 2022 --unapproved \
	--format json -o "$T/a.json"
check "annual: 表2 only, value and unit" jq -e '(.indicators | length) == 21 and
	(.indicators[] | select(.name == "常住人口城镇化率") |
	 .actual.value == 81.2 and .actual.source == "observations" and .lead_unit == "区发展改革委")' \
	"$T/a.json"
check "annual title" jq -e '.report.title | endswith("》2022年度监测报告")' "$T/a.json"
check "annual html" "$PW" report --db "$DB" --kind annual --year 2022 --unapproved \
	--format html -o "$T/a.html"
check "approved-only ignores the draft" sh -c "'$PW' report --db '$DB' --kind annual \
	--year 2022 --format json | jq -e '.indicators[] | select(.name == \"常住人口城镇化率\") |
	.actual == null'"
check "midterm md to stdout" sh -c "'$PW' report --db '$DB' --kind midterm --year 2023 | grep -q '中期评估报告'"

# project progress in a report: approved rows only, unless --unapproved
PRJ=$(sqlite3 "$DB" "SELECT min(c.id) FROM column_items c")
prj_status() { "$PW" report --db "$DB" --kind annual --year 2022 --format json "$@" |
	jq -r --argjson id "$PRJ" '.projects[] | select(.id == $id) | .status // "none"'; }
check "record project progress (draft)" "$PW" record --project "$PRJ" --year 2022 \
	--status in_progress --percent 40 --db "$DB"
check "a draft progress is not in the official report" test "$(prj_status)" = none
check "--unapproved shows the draft" test "$(prj_status --unapproved)" = in_progress
PROW=$(sqlite3 "$DB" "SELECT max(id) FROM project_progress")
check "submit progress" "$PW" progress submit "$PROW" --db "$DB"
check "approve progress" "$PW" progress approve "$((PROW + 1))" --db "$DB"
check "approved progress is in the report" test "$(prj_status)" = in_progress
check "record a correction (draft)" "$PW" record --project "$PRJ" --year 2022 \
	--status completed --percent 100 --db "$DB"
check "the approved progress stays while the correction awaits review" test "$(prj_status)" = in_progress
check "--unapproved takes the correction" test "$(prj_status --unapproved)" = completed

# usage and lookup errors
check_fails "no --kind exits 2" 2 "$PW" report --db "$DB" --year 2020
check_fails "bad kind exits 2" 2 "$PW" report --db "$DB" --kind weekly
check_fails "bad format exits 2" 2 "$PW" report --db "$DB" --kind final --format pdf
check_fails "unknown plan exits 5" 5 "$PW" report --db "$DB" --kind final --plan 9
check_fails "a year outside every period is not found" 5 "$PW" report --db "$DB" --kind annual --year 2001
check_fails "empty database exits 5" 5 "$PW" report --db "$T/empty.db" --kind final
done_testing
