#!/bin/sh
# t3120-limits.sh - what the planning office sets for monitoring (schema
# step 11): the plausible limits of an indicator's values, which 'record'
# and 'data import' (CSV and the xlsx template) refuse to cross, naming the
# limits and file:row, writing nothing; and the reporting deadline of a
# year, the default rule (31 March of the next year) when none is set.
# Both audited, both followed into the plan's next version.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
PY=/usr/bin/python3

check "import the plan" pw import "$PLAN"
check "unit" pw unit add 统计局
check "统计局 leads 表2:3" pw assign --indicator 2:3 --unit 统计局
IND=$(q "SELECT i.id FROM indicators i JOIN indicator_tables t ON t.id = i.table_id WHERE t.seq = 1 AND i.no = '3'")

# ---- limits ----
check "no limits yet" pw limit --indicator 2:3
grep -q "no limits set" "$T/out" && ok "shown: none" || not_ok "shown: none ($(cat "$T/out"))"
check "a value before any limit" pw record --indicator 2:3 --year 2021 --value 180
check "the planner sets 0-100" pw limit --indicator 2:3 --min 0 --max 100 --note 比率 --by 规划科
grep -q "values must be 0–100 %" "$T/out" && ok "shown: 0–100 %" || not_ok "shown: 0–100 % ($(cat "$T/out"))"
same "audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'limits.set' AND actor = '规划科'")" 1
check_fails "min above max is refused" 3 pw limit --indicator 2:3 --min 5 --max 1
grep_err "said why" "the minimum 5 is above the maximum 1"
check_fails "--clear with --min is a usage error" 2 pw limit --indicator 2:3 --clear --min 1
same "nothing more written" "$(q "SELECT count(*) FROM value_limits")" 1

N0=$(q "SELECT count(*) FROM obs")
check_fails "record above the maximum is refused" 3 pw record --indicator 2:3 --year 2022 --value 100.5
grep_err "naming the limits" "'常住人口城镇化率' 2022: 100.5 is outside the limits the planning office set (0–100 %: 比率)"
check_fails "record below the minimum is refused" 3 pw record --indicator 2:3 --year 2022 --value -1
check_fails "with its unit given, still refused" 3 pw record --indicator 2:3 --year 2022 --value 20000 --unit %
check "record inside is accepted" pw record --indicator 2:3 --year 2022 --value 81.2
check "the bound itself is inside" pw record --indicator 2:3 --year 2023 --value 100
same "two rows written" "$(q "SELECT count(*) FROM obs")" $((N0 + 2))

printf 'indicator_id,年份,填报值\n%s,2024,82\n%s,2025,101\n' "$IND" "$IND" >"$T/v.csv"
N1=$(q "SELECT count(*) FROM obs")
check_fails "CSV import with a value outside is refused" 3 pw data import "$T/v.csv"
grep_err "file:row and the limits" "v.csv:3: error: '常住人口城镇化率' 2025: 101 is outside the limits the planning office set (0–100 %: 比率)"
same "nothing written" "$(q "SELECT count(*) FROM obs")" "$N1"

# the template states them in its 填报口径 column
check "CSV template" pw template --unit 统计局 --year 2024 --csv -o "$T/tpl.csv"
grep -q "^$IND,.*合理范围 0–100 %（比率），超出不予接受" "$T/tpl.csv" && ok "the template states the limits" ||
	not_ok "the template states the limits ($(grep "^$IND," "$T/tpl.csv"))"

# the xlsx template the unit fills in goes through the same check
check "template" pw template --unit 统计局 --year 2024 --xlsx -o "$T/tpl.xlsx"
$PY - "$T/tpl.xlsx" "$T/filled.xlsx" 250 >"$T/fill.log" 2>&1 <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
hdr = [c.value for c in ws[3]]
name, value = hdr.index('指标名称'), hdr.index('填报值')
for r in ws.iter_rows(min_row=4):
    if r[name].value == '常住人口城镇化率':
        r[value].value = float(sys.argv[3])
        print('row', r[0].row)
wb.save(sys.argv[2])
PYEOF
ROW=$(sed -n 's/^row //p' "$T/fill.log")
[ -n "$ROW" ] && ok "the template has the row ($ROW)" || not_ok "the template has the row"
check_fails "xlsx import with a value outside is refused" 3 pw data import "$T/filled.xlsx" --by 统计局
grep_err "xlsx file:row" "filled.xlsx:$ROW: error: '常住人口城镇化率' 2024: 250 is outside the limits"
same "nothing written from the xlsx" "$(q "SELECT count(*) FROM obs")" "$N1"
$PY - "$T/tpl.xlsx" "$T/good.xlsx" 82.4 >/dev/null 2>&1 <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
hdr = [c.value for c in ws[3]]
name, value = hdr.index('指标名称'), hdr.index('填报值')
for r in ws.iter_rows(min_row=4):
    if r[name].value == '常住人口城镇化率': r[value].value = float(sys.argv[3])
wb.save(sys.argv[2])
PYEOF
check "xlsx import inside is accepted" pw data import "$T/good.xlsx" --by 统计局
same "one value written" "$(q "SELECT count(*) FROM obs")" $((N1 + 1))

# only a maximum; then cleared
check "only a maximum" pw limit --indicator 2:3 --max 90
grep -q "values must be ≤ 90 %" "$T/out" && ok "shown: ≤ 90 %" || not_ok "shown: ≤ 90 % ($(cat "$T/out"))"
check "a negative value passes a maximum" pw record --indicator 2:3 --year 2021 --value 85
check "cleared" pw limit --indicator 2:3 --clear
check "anything goes again" pw record --indicator 2:3 --year 2025 --value 180

# the limits follow the indicator into the plan's next version (by key)
check "limits again" pw limit --indicator 2:3 --min 0 --max 100
sed 's/打造实力漯河/打造实力漯河 /' "$PLAN" >"$T/v2.txt"
check "an edited version of the plan" pw import "$T/v2.txt"
IND2=$(q "SELECT i.id FROM indicators i JOIN indicator_tables t ON t.id = i.table_id JOIN plan_versions v ON v.id = i.version_id WHERE v.version = 2 AND t.seq = 1 AND i.no = '3'")
[ -n "$IND2" ] && [ "$IND2" != "$IND" ] && ok "a new row ($IND2)" || not_ok "a new row"
check_fails "version 2 refuses outside too" 3 pw record --indicator "$IND2" --year 2022 --value 120
check "limit shows them on version 2" pw limit --indicator "$IND2"
grep -q "values must be 0–100 %" "$T/out" && ok "shown on version 2" || not_ok "shown on version 2"
T1=$(q "SELECT id FROM targets WHERE indicator_id IS NOT NULL LIMIT 1")
check_fails "a table row's target is refused" 3 pw limit --target "$T1" --max 1
check_fails "an unknown indicator" 5 pw limit --indicator 99999 --max 1

# ---- deadlines ----
check "default deadline" pw deadline --plan 1 --year 2023
grep -q "due 2024-03-31 (the default rule" "$T/out" && ok "31 March of the next year" ||
	not_ok "31 March of the next year ($(cat "$T/out"))"
check "set for every unit" pw deadline --plan 1 --year 2023 --date 2024-02-15 --by 规划科
grep -q "due 2024-02-15 (set by the planning office)" "$T/out" && ok "shown" || not_ok "shown ($(cat "$T/out"))"
check "set for 统计局" pw deadline --plan 1 --year 2023 --unit 统计局 --date 2024-01-20 --note 提前
grep -q "统计局: due 2024-01-20" "$T/out" && ok "统计局's own" || not_ok "统计局's own ($(cat "$T/out"))"
check "unit add 发改委" pw unit add 发改委
check "another unit" pw deadline --plan 1 --year 2023 --unit 发改委
grep -q "due 2024-02-15" "$T/out" && ok "another unit: the plan's" || not_ok "another unit: the plan's"
check "another year" pw deadline --plan 1 --year 2022
grep -q "due 2023-03-31 (the default" "$T/out" && ok "another year: default" || not_ok "another year: default"
check "cleared for 统计局" pw deadline --plan 1 --year 2023 --unit 统计局 --clear
grep -q "due 2024-02-15" "$T/out" && ok "统计局 back to the plan's" || not_ok "统计局 back to the plan's"
same "audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'deadline.set'")" 3
check_fails "not a date" 3 pw deadline --plan 1 --year 2023 --date 2024-02-30
grep_err "said why" "'2024-02-30' is not a date"
check_fails "unknown unit" 5 pw deadline --plan 1 --year 2023 --unit 无此单位 --date 2024-02-01
check_fails "unknown unit, shown" 5 pw deadline --plan 1 --year 2023 --unit 无此单位
check_fails "unknown plan" 5 pw deadline --plan 9 --year 2023 --date 2024-02-01
check_fails "--date and --clear" 2 pw deadline --plan 1 --year 2023 --date 2024-02-01 --clear
same "nothing more written" "$(q "SELECT count(*) FROM report_deadlines")" 3
check "database check" pw check
done_testing
