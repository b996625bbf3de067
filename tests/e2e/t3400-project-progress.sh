#!/bin/sh
# t3400-project-progress.sh - 专栏 project progress through the fill-in
# sheets: a unit's CSV and xlsx templates carry its projects in a section
# of their own, filled by a script and imported back with the values in
# one transaction; a malformed row is refused naming file, row and reason
# and nothing is written; another unit's sheet is refused; the same sheet
# twice writes nothing; the reports show status, 形象进度, 累计完成投资 and
# the unit's own words.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
PY=/usr/bin/python3

check "import the plan" pw import "$PLAN"
check "unit 发改委" pw unit add 发改委
check "unit 住建局" pw unit add 住建局
P1=$(q "SELECT i.id FROM column_items i JOIN columns c ON c.id = i.column_id WHERE c.seq = 0 AND i.no = 1")
P2=$(q "SELECT i.id FROM column_items i JOIN columns c ON c.id = i.column_id WHERE c.seq = 1 AND i.no = 2")
T1=$(q "SELECT title FROM column_items WHERE id = $P1")
check "发改委 leads project $P1" pw assign --project "$P1" --unit 发改委
check "发改委 leads project $P2" pw assign --project "$P2" --unit 发改委
check "发改委 leads 表2:3" pw assign --indicator 2:3 --unit 发改委

# ---- CSV: the project section, filled and imported -----------------------
check "csv template 2021" pw template --unit 发改委 --year 2021 --csv -o "$T/t.csv"
grep -q "1 row and 2 projects for 发改委, 2021" "$T/err" && ok "the template counts its projects" ||
	not_ok "the template counts its projects ($(cat "$T/err"))"
same "the section's header" "$(grep '^project_id,' "$T/t.csv" | tr -d '\r')" \
	"project_id,专栏,序号,项目名称,年份,项目状态,形象进度（%）,累计完成投资（亿元）,来源,备注,建设内容,上年进展"
grep -q "^$P1,专栏1,1,$T1,2021," "$T/t.csv" && ok "a row per project, with 专栏, 序号 and 年份" ||
	not_ok "a row per project"

# fill: value, project rows by their heading; an edit of one cell
fill() { # fill IN OUT P1-STATUS P1-PERCENT
	$PY - "$@" <<'PYEOF'
import csv, sys
src, dst, status, pct = sys.argv[1:5]
rows = list(csv.reader(open(src, encoding='utf-8-sig')))
out, head = [], None
for r in rows:
    if r and r[0] == 'project_id':
        head = r
    elif r and r[0] and not r[0].startswith('#') and head and r[0] != 'indicator_id':
        c = {h: i for i, h in enumerate(head)}
        if r[c['序号']] == '1':
            r[c['项目状态']], r[c['形象进度（%）']] = status, pct
            r[c['累计完成投资（亿元）']], r[c['备注']] = '2.5', '金融大厦主体封顶'
        else:
            r[c['项目状态']], r[c['形象进度（%）']] = '未开工', '0'
    elif r and r[0] not in ('', 'indicator_id') and not r[0].startswith('#'):
        r[12] = '80.9'
    out.append(r)
csv.writer(open(dst, 'w', encoding='utf-8-sig', newline='')).writerows(out)
PYEOF
}
fill "$T/t.csv" "$T/bad.csv" 已开工 60
LINE=$(grep -n "^$P1," "$T/bad.csv" | cut -d: -f1)
check_fails "an unknown status is refused" 3 pw data import "$T/bad.csv" --by 发改委
grep_err "file, row and reason" "bad.csv:$LINE: error: project status '已开工' is not one of 未开工"
fill "$T/t.csv" "$T/bad2.csv" 推进中 120
check_fails "a percent over 100 is refused" 3 pw data import "$T/bad2.csv" --by 发改委
grep_err "named with its row" "bad2.csv:$LINE: error: percent complete (形象进度) '120' is not between 0 and 100"
same "nothing written: no progress" "$(q 'SELECT count(*) FROM project_progress')" 0
same "nothing written: no value of the same sheet" "$(q 'SELECT count(*) FROM obs')" 0

fill "$T/t.csv" "$T/f.csv" 推进中 60
check_fails "another unit's sheet is refused" 3 pw data import "$T/f.csv" --by 住建局
grep_err "the project is 发改委's" "f.csv:$LINE: error: '$T1' 2021 is reported by '发改委', not by '住建局' (--by)"
check "the filled sheet" pw data import "$T/f.csv" --by 发改委
grep -q "f.csv: 1 value imported" "$T/out" && grep -q "f.csv: 2 project progress reports imported" "$T/out" &&
	ok "one value and two projects imported" || not_ok "one value and two projects imported ($(cat "$T/out"))"
same "stored as entered" "$(q "SELECT status, percent, investment, note, state FROM project_progress WHERE item_id = $P1")" \
	"in_progress|60.0|2.5|金融大厦主体封顶|submitted"
same "audited as recorded" "$(q "SELECT count(*) FROM audit_log WHERE action = 'progress.record'")" 2
check "the same sheet again" pw data import "$T/f.csv" --by 发改委
grep -q "0 project progress reports imported, 2 unchanged" "$T/out" && ok "nothing written the second time" ||
	not_ok "nothing written the second time ($(cat "$T/out"))"
same "still two rows" "$(q 'SELECT count(*) FROM project_progress')" 2

# ---- xlsx: next year's workbook, pre-filled with last year's report -----
check "xlsx template 2022" pw template --unit 发改委 --year 2022 --xlsx -o "$T/t.xlsx"
$PY - "$T/t.xlsx" "$T/f.xlsx" "$P1" >"$T/py" 2>&1 <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
head = None
for row in ws.iter_rows():
    v = [c.value for c in row]
    if v[0] == 'project_id':
        head = {h: i for i, h in enumerate(v) if h}
        continue
    if head and v[0] == int(sys.argv[3]):
        assert v[head['上年进展']] == '2021年：推进中，形象进度60%，累计完成投资2.5亿元', v
        assert v[head['年份']] == 2022, v
        row[head['项目状态']].value = '已完成'
        row[head['形象进度（%）']].value = 100
        row[head['累计完成投资（亿元）']].value = 4.2
        row[head['备注']].value = '金融大厦投入使用'
assert head, 'no project section'
wb.save(sys.argv[2])
print('ok')
PYEOF
same "the workbook's section, with last year's report" "$(tail -1 "$T/py")" ok
check "the filled workbook" pw data import "$T/f.xlsx" --by 发改委 --state approved
grep -q "1 project progress report imported" "$T/out" && ok "one project's 2022 report" ||
	not_ok "one project's 2022 report ($(cat "$T/out"))"
# a sheet of projects only, investment in 万元
printf 'project_id,项目名称,年份,项目状态,累计完成投资\n%s,,2022,推进中,12000万元\n' "$P2" >"$T/p.csv"
check "a sheet of projects only" pw data import "$T/p.csv" --by 发改委
same "万元 converted to 亿元" "$(q "SELECT investment FROM project_progress WHERE item_id = $P2 AND year = 2022")" 1.2
for id in $(pw progress list --json | $PY -c 'import json,sys; print(" ".join(str(r["id"]) for r in json.load(sys.stdin) if r["state"] == "submitted"))'); do
	pw progress approve "$id" >/dev/null 2>&1 || not_ok "approve $id"
done

# ---- the reports show it -------------------------------------------------
check "mid-term report" pw report --plan 1 --kind midterm --year 2022 --format md -o "$T/m.md"
grep -q "专栏项目“$T1”：已完成，完成100%，累计完成投资4.2亿元（2022年报送）；金融大厦投入使用。" "$T/m.md" &&
	ok "mid-term: status, 形象进度, investment and the unit's words" || not_ok "mid-term: the project's progress"
check "annual report" pw report --plan 1 --kind annual --year 2022 --format md -o "$T/a.md"
grep -q "| $T1 | 已完成 | 100 | 4.2 | 发改委 | 2022 | 金融大厦投入使用 |\|| $T1 | 已完成 | 100 | 4.2 | 发改委 | 金融大厦投入使用 |" "$T/a.md" &&
	ok "annual: the project table row" || not_ok "annual: the project table row ($(grep "$T1" "$T/a.md"))"
done_testing
