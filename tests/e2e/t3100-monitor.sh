#!/bin/sh
# t3100-monitor.sh - monitoring data end to end: units, assignments, the
# fill-in template (xlsx and CSV) filled in by a script and imported back,
# review states, external targets, a bad row rejecting the whole batch
# with file/row/reason and writing nothing, plausibility warnings, and the
# 演示数据 set.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
PY=/usr/bin/python3
pw() { "$PW" "$@" --db "$DB"; }
# same NAME A B: passes if the strings are equal
same() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi; }
dump() { sqlite3 "$DB" .dump; }

check "import the plan" pw import "$PLAN"
check "add a unit" pw unit add 统计局
check "add a unit under another" pw unit add 人社局 --parent 统计局
check_fails "a unit twice is refused" 7 pw unit add 统计局
check "an ASCII unit" pw unit add IT
check "unit list" pw unit list
# the count column starts at the same display column on every row: a CJK
# character is two columns wide (python measures with east_asian_width)
same "unit list aligned by display width" "$(/usr/bin/python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(len({w(l.split(" assigned")[0]) for l in open(sys.argv[1], encoding="utf-8")}))' "$T/out")" 1
check "assign by table:no" pw assign --indicator 2:3 --unit 统计局
check "assign by table:no:name" pw assign --indicator "2:9:城镇登记失业率" --unit 人社局
check "assign a growth indicator" pw assign --indicator 2:1 --unit 统计局
ID3=$(pw assign list | awk '/常住人口城镇化率/ && seen {print $2; exit} /表2/ {seen=1}')
ID1=$(pw assign list | awk '/地区生产总值增长/ {print $2; exit}')
check "assign again by id is unchanged" pw assign --indicator "$ID3" --unit 统计局
grep -q unchanged "$T/out" && ok "unchanged reported" || not_ok "unchanged reported"
check "reassign for a year" pw assign --indicator 2:9:城镇登记失业率 --unit 统计局 --year 2024
same "reassignment in the audit log" \
	"$(sqlite3 "$DB" "SELECT json_extract(before_json, '$.unit') || '>' || json_extract(after_json, '$.unit') FROM audit_log WHERE action = 'assignment.change'")" \
	"人社局>统计局"
check_fails "assign an unknown id" 5 pw assign --indicator 99999 --unit 统计局
# an error about the data is no usage error: exit 5, no usage text
for cmd in "assign --indicator 2:99 --unit 统计局" "record --indicator 2:99 --year 2023 --value 1" \
	"obs list --indicator 2:99" "target show --indicator 2:99" "target set --indicator 2:99 --value 1"; do
	# shellcheck disable=SC2086
	check_fails "$cmd: not found" 5 pw $cmd
	grep_err "$cmd: the indicator named" "indicator '2:99': no such indicator"
	grep -q "usage:" "$T/err" && not_ok "$cmd: no usage text" || ok "$cmd: no usage text"
done
check_fails "a malformed reference is a usage error" 2 pw assign --indicator abc --unit 统计局
grep_err "with the usage" "usage: planwatch assign"

# ---- the template, filled in by a script, imported back -------------------
check "record 2022" pw record --indicator 2:3 --year 2022 --value 81.2 --source 公报
check "xlsx template" pw template --unit 统计局 --year 2023 --xlsx -o "$T/t.xlsx"
$PY - "$T/t.xlsx" >"$T/shape" 2>&1 <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
hdr = [c.value for c in ws[3]]
assert hdr[:5] == ['indicator_id', 'target_id', '表', '序号', '指标名称'], hdr
assert hdr[11:13] == ['年份', '填报值'], hdr
assert ws.freeze_panes == 'F4', ws.freeze_panes
assert ws.column_dimensions['A'].hidden and ws.column_dimensions['B'].hidden
assert ws.protection.sheet
dv = [d for d in ws.data_validations.dataValidation if d.type == 'decimal']
assert dv and 'M4' in str(dv[0].sqref), dv
names = [r[4].value for r in ws.iter_rows(min_row=4)]
assert names == ['地区生产总值增长', '常住人口城镇化率'], names
row = list(ws.iter_rows(min_row=5))[0]
assert row[9].value == 81.2 and row[10].value == 2022, (row[9].value, row[10].value)
assert row[12].fill.fgColor.rgb.endswith('FFF2CC') and not row[12].protection.locked
assert row[4].protection.locked
print('ok')
PYEOF
same "template shape (header, frozen, hidden ids, validation, fill)" "$(tail -1 "$T/shape")" ok
$PY - "$T/t.xlsx" "$T/filled.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for r in ws.iter_rows(min_row=4):
    if r[4].value == '常住人口城镇化率': r[12].value = 81.9; r[14].value = '统计公报'
    if r[4].value == '地区生产总值增长': r[12].value = 6.1; r[13].value = '是'
wb.save(sys.argv[2])
PYEOF
check "import the filled workbook" pw data import "$T/filled.xlsx" --by 统计局
grep -q "2 values imported" "$T/out" && ok "two values imported" || not_ok "two values imported"
# the same workbook again: every value equals the one in force
dump >"$T/before-again.sql"
check "the same workbook again" pw data import "$T/filled.xlsx" --by 统计局
grep -q "0 values imported, 2 unchanged" "$T/out" && ok "both reported unchanged" || not_ok "both reported unchanged"
grep_err "each unchanged row named" "filled.xlsx:5: note: '常住人口城镇化率' 2023: 81.9 unchanged (already submitted): skipped"
dump >"$T/after-again.sql"
check "the second import wrote nothing (sqlite3 .dump)" cmp "$T/before-again.sql" "$T/after-again.sql"
# a new template pre-fills the values in force whole: returned as it is,
# it imports nothing either
check "template with the values in force" pw template --unit 统计局 --year 2023 --xlsx -o "$T/t2.xlsx"
check "the pre-filled template imported" pw data import "$T/t2.xlsx" --by 统计局
grep -q "0 values imported, 2 unchanged" "$T/out" && ok "pre-filled rows unchanged" || not_ok "pre-filled rows unchanged"
dump >"$T/after-again2.sql"
check "still nothing written" cmp "$T/before-again.sql" "$T/after-again2.sql"
check "the same value on the command line" pw record --indicator 2:3 --year 2023 --value 81.9 --source 统计公报 --state submitted --by 统计局
grep -q "unchanged: nothing written" "$T/out" && ok "record says unchanged" || not_ok "record says unchanged"
pw obs list --json >"$T/obs.json"
same "城镇化率 2023 stored" "$(jq -r '[.[] | select(.name == "常住人口城镇化率" and .year == 2023)][0] | "\(.value) \(.unit) \(.source) \(.state) \(.entered_by)"' "$T/obs.json")" \
	"81.9 % 统计公报 submitted 统计局"
same "预计 kept" "$(jq -r '[.[] | select(.name == "地区生产总值增长")][0].estimated' "$T/obs.json")" true

# ---- the CSV template, same shape -----------------------------------------
check "csv template" pw template --unit 统计局 --year 2024 --csv -o "$T/t.csv"
same "csv has a BOM" "$(head -c 3 "$T/t.csv" | od -An -tx1 | tr -d ' ')" efbbbf
grep -q ',地区生产总值增长,%,预期性,[^,]*,年均增长7%左右,' "$T/t.csv" && ok "a growth target reads 年均增长7%左右" \
	|| not_ok "a growth target reads 年均增长7%左右"
# the plan's table writes 城镇新增就业人数 as [5]: a five-year total for the unit
check "assign a cumulative indicator" pw assign --indicator 2:9:城镇新增就业人数 --unit 人社局
check "csv template of a cumulative target" pw template --unit 人社局 --year 2024 --csv -o "$T/cum.csv"
grep -q ',城镇新增就业人数,万人,预期性,[^,]*,累计5（2021—2025年）,' "$T/cum.csv" \
	&& ok "a cumulative target reads 累计5（2021—2025年）" || not_ok "a cumulative target reads 累计5（2021—2025年）"
grep -q '\[5\]' "$T/cum.csv" && not_ok "no bracketed [5] left" || ok "no bracketed [5] left"
$PY - "$T/t.csv" "$T/filled.csv" <<'PYEOF'
import sys, csv
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
for r in rows[1:]:
    if r[4] == '常住人口城镇化率': r[12] = '82.5'
w = csv.writer(open(sys.argv[2], 'w', encoding='utf-8-sig', newline=''), lineterminator='\r\n')
w.writerows(rows)
PYEOF
$PY - "$T/t.csv" >"$T/formula" 2>&1 <<'PYEOF'
import sys, csv, re
bad = [c for r in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))
       for c in r if c[:1] in ('=', '+', '@', '\t', '\r') or re.match(r'-(?![0-9.]+$)', c)]
print('ok' if not bad else bad)
PYEOF
same "no csv cell a spreadsheet would run as a formula" "$(tail -1 "$T/formula")" ok
check "import the filled csv" pw data import "$T/filled.csv"
grep -q "1 value imported, 2 rows without a value skipped" "$T/out" && ok "empty rows skipped" || not_ok "empty rows skipped"

# ---- a bad row rejects the whole batch ------------------------------------
printf '表,序号,指标名称,年份,数值,单位\r\n表2,3,常住人口城镇化率,2025,83,%%\r\n表2,1,地区生产总值增长,2025,6.5,%%\r\n表2,1,地区生产总值增长,2031,6.5,%%\r\n表2,3,常住人口城镇化率,2021,abc,%%\r\n表2,20,粮食综合生产能力,2021,2.8,亿元\r\n' >"$T/bad.csv"
dump >"$T/before.sql"
check_fails "a bad batch exits 3" 3 pw data import "$T/bad.csv"
grep_err "year outside the period, with file and row" "bad.csv:4: error: year 2031 outside the plan period 2021–2025"
grep_err "non-number, with file and row" "bad.csv:5: error: value 'abc' is not a number"
grep_err "wrong unit, with file and row" "bad.csv:6: error: unit '亿元' does not match"
grep_err "nothing imported" "bad.csv: 3 errors: nothing imported"
dump >"$T/after.sql"
check "the database is unchanged (sqlite3 .dump)" cmp "$T/before.sql" "$T/after.sql"

$PY - "$T/t.xlsx" "$T/bad.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
ws['M4'] = 6.0
ws['M5'] = '八十二'
wb.save(sys.argv[2])
PYEOF
check_fails "a bad workbook exits 3" 3 pw data import "$T/bad.xlsx"
grep_err "xlsx row named" "bad.xlsx:5: error: value '八十二' is not a number"
dump >"$T/after2.sql"
check "still unchanged" cmp "$T/before.sql" "$T/after2.sql"

# ---- a far value is accepted with a warning naming the row ----------------
printf '表,序号,指标名称,年份,数值\n表2,1,地区生产总值增长,2024,31\n' >"$T/far.csv"
check "a far value is accepted" pw data import "$T/far.csv"
grep_err "warning names file and row" "far.csv:2: warning: '地区生产总值增长' 2024: 31% moves more than 20 points from 6.1% in 2023"
check_fails "record with a wrong unit exits 3" 3 pw record --indicator 2:3 --year 2024 --value 82 --unit 万元

# ---- strict input: numbers, ids, hostile files -----------------------------
check_fails "letters after a number are refused" 3 pw record --indicator 2:3 --year 2024 --value 12abc
grep_err "with the value named" "value '12abc' is not a number"
check_fails "an exponent is refused" 3 pw record --indicator 2:3 --year 2024 --value 1e2
check_fails "a plan id past int is refused, not wrapped" 2 pw assign list --plan 4294967297
grep_err "plan id named" "plan '4294967297' is not a plan id"
check_fails "an id past int64 is refused" 2 pw obs approve 99999999999999999999
check_fails "a hex target value is refused" 2 pw target set --indicator 2:17 --value 0x4B
PRJ=$(pw assign list | awk '$1 == "project" {print $2; exit}')
check_fails "a percent over 100 is refused in words" 3 pw record --project "$PRJ" --year 2023 --status in_progress --percent 120
grep_err "percent named" "percent complete 120 is not between 0 and 100"
$PY - "$T/dtd.xlsx" <<'PYEOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
               '<worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>')
PYEOF
dump >"$T/before-hostile.sql"
check_fails "a workbook with a DTD is refused" 3 pw data import "$T/dtd.xlsx"
grep_err "the DTD named" "refused at line 1: a DTD"
dump >"$T/after-hostile.sql"
check "nothing written by the refused files" cmp "$T/before-hostile.sql" "$T/after-hostile.sql"
check "a unit whose name is a path" pw unit add ../外部
(cd "$T" && "$PW" template --unit ../外部 --year 2023 --csv --db "$DB" >/dev/null 2>&1)
[ -f "$T/_._外部-2023-填报.csv" ] && [ ! -e "$(dirname "$T")/外部-2023-填报.csv" ] &&
	ok "the default template name stays in the current directory" ||
	not_ok "the default template name stays in the current directory"

# ---- review states --------------------------------------------------------
OBS=$(jq -r '[.[] | select(.name == "常住人口城镇化率" and .year == 2023)][0].id' "$T/obs.json")
check_fails "a submitted value cannot be submitted" 7 pw obs submit "$OBS"
check "approve" pw obs approve "$OBS" --note 已核
NEW=$(sed -n 's/.*now row \([0-9]*\).*/\1/p' "$T/out")
check_fails "the approved row cannot be returned" 7 pw obs return "$NEW"
check_fails "the old row is superseded" 7 pw obs approve "$OBS"
check "a correction" pw record --indicator 2:3 --year 2023 --value 82.0 --state submitted
pw obs list --indicator 2:3 --json >"$T/o3.json"
same "v2 is the head for 2023" "$(jq -r '[.[] | select(.year == 2023)][0] | "\(.value) v\(.version) \(.state)"' "$T/o3.json")" "82 v2 submitted"
C=$(jq -r '[.[] | select(.year == 2023)][0].id' "$T/o3.json")
check "return the correction" pw obs return "$C" --note 与公报不符
pw obs list --indicator 2:3 --history --json >"$T/h.json"
# submitted (import), approved, the correction, returned
same "history keeps every row" "$(jq '[.[] | select(.year == 2023)] | length' "$T/h.json")" 4
check_fails "obs on an unknown id" 5 pw obs approve 99999

# ---- external targets -----------------------------------------------------
check "target show with none set" pw target show
grep -q "no external targets set" "$T/out" && ok "none set said" || not_ok "none set said"
check_fails "a target set for a table target is refused" 7 pw target set --indicator 2:3 --value 85
grep_err "the refusal names the indicator" "has no target set elsewhere"
grep -q "usage:" "$T/err" && not_ok "a data error prints no usage" || ok "a data error prints no usage"
check "target set" pw target set --indicator 2:17 --value 75 --cmp ge --year 2025 --source 市文件
check "target show" pw target show --indicator 2:17
grep -q "level ge 75 by 2025 (市文件)" "$T/out" && ok "target shown" || not_ok "target shown"
check "target show lists every recorded target" pw target show
grep -q "^  17 空气优良天数比率  indicator [0-9]*: external target level ge 75 by 2025 (市文件), set by .* at 20" "$T/out" \
	&& ok "listed with indicator, kind, cmp, value, year, source, who and when" \
	|| not_ok "listed with indicator, kind, cmp, value, year, source, who and when"
same "only the recorded one listed" "$(grep -c 'external target' "$T/out")" 1

# ---- project progress: the review cycle of observations -------------------
check "record project progress" pw record --project "$PRJ" --year 2023 --status in_progress --percent 40 --by 住建局
PID=$(pw progress list --project "$PRJ" --json | jq -r '.[0].id')
check_fails "draft progress cannot be approved" 7 pw progress approve "$PID"
grep_err "both states named" "cannot approve project progress $PID: it is draft, not submitted"
check "submit progress" pw progress submit "$PID" --by 住建局
P2=$(sed -n 's/.*now row \([0-9]*\).*/\1/p' "$T/out")
check_fails "the old row is superseded" 7 pw progress approve "$PID"
check "approve progress" pw progress approve "$P2" --note 已核 --by 规划办
pw progress list --project "$PRJ" --json >"$T/p.json"
same "approved head with the review note" "$(jq -r '.[0] | "\(.state) \(.review_note) \(.percent) \(.entered_by)"' "$T/p.json")" "approved 已核 40 规划办"
pw progress list --history --json >"$T/ph.json"
same "history keeps every row" "$(jq 'length' "$T/ph.json")" 3
same "each step audited" "$(sqlite3 "$DB" "SELECT group_concat(action, ' ') FROM audit_log WHERE entity = 'project_progress'")" "progress.record progress.submit progress.approve"
check_fails "progress on an unknown id" 5 pw progress approve 99999

# ---- the demonstration data set -------------------------------------------
# The expected counts are read from the input files by an independent
# reader (Python's csv): every row with a value, every lead unit, every
# city target line must land.
DB=$T/demo.db
DEMO=$TOP/data/demo
check "load the 演示数据" sh "$DEMO/load-demo.sh" "$PW" "$DB"
NVAL=$($PY - "$DEMO/演示数据-十四五指标监测-2021-2025.csv" <<'PYEOF'
import csv, sys
rows = [r for r in csv.reader(open(sys.argv[1], encoding='utf-8-sig')) if r and not r[0].startswith('#')]
col = rows[0].index('数值')
print(sum(1 for r in rows[1:] if len(r) > col and r[col].strip()))
PYEOF
)
NUNIT=$($PY - "$DEMO/演示数据-责任分工.csv" <<'PYEOF'
import csv, sys
rows = [r for r in csv.reader(open(sys.argv[1], encoding='utf-8-sig')) if r and not r[0].startswith('#')]
col = rows[0].index('牵头单位')
print(len({r[col].strip() for r in rows[1:] if len(r) > col and r[col].strip()}))
PYEOF
)
NEXT=$(grep -cv '^#' "$DEMO/演示数据-市定目标.txt")
same "every demo value approved ($NVAL)" "$(sqlite3 "$DB" "SELECT count(*) FROM current_observations WHERE state = 'approved' AND source LIKE '演示数据%'")" "$NVAL"
same "every demo lead unit ($NUNIT)" "$(sqlite3 "$DB" "SELECT count(DISTINCT unit_id) FROM assignments")" "$NUNIT"
same "every demo external target ($NEXT)" "$(sqlite3 "$DB" "SELECT count(*) FROM external_targets")" "$NEXT"
same "every demo write audited" "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE after_json IS NULL")" 0

done_testing
