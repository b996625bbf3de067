#!/bin/sh
# t3300-review.sh - the review side of a data cycle as an office runs it:
# two units' sheets imported, a sheet sent under the wrong unit refused,
# values awaiting approval named by assess and the report, obs list
# filters, bulk approval by batch, unit and year (one audit row per value,
# as single approvals write), a returned value corrected and approved.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
pw() { "$PW" "$@" --db "$DB"; }
same() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi; }
q() { sqlite3 "$DB" "$1"; }

check "import the plan" pw import "$PLAN"
check "unit 统计局" pw unit add 统计局
check "unit 人社局" pw unit add 人社局
check "统计局 leads 表2:3" pw assign --indicator 2:3 --unit 统计局
check "统计局 leads 表2:1" pw assign --indicator 2:1 --unit 统计局
check "人社局 leads 表2:9 失业率" pw assign --indicator 2:9:城镇登记失业率 --unit 人社局

printf '表,序号,指标名称,年份,填报值,备注\n2,3,常住人口城镇化率,2021,80.6,\n2,3,常住人口城镇化率,2022,81.2,\n2,1,地区生产总值增长,2021,7.1,疫情后恢复\n2,1,地区生产总值增长,2022,5.2,\n' >"$T/tj.csv"
printf '表,序号,指标名称,年份,填报值\n2,9,城镇登记失业率,2021,3.6\n2,9,城镇登记失业率,2022,3.9\n' >"$T/rs.csv"

# a unit's sheet sent as another unit's: every row refused, nothing written
check_fails "人社局's sheet --by 统计局 is refused" 3 pw data import "$T/rs.csv" --by 统计局
grep_err "file:row: reason" "rs.csv:2: error: '城镇登记失业率' 2021 is reported by '人社局', not by '统计局' (--by)"
same "nothing written" "$(q 'SELECT count(*) FROM obs')" 0
# --by a person (no such unit) is who imports, not a unit: not checked
check "统计局's sheet" pw data import "$T/tj.csv" --by 统计局
grep -q "4 values imported" "$T/out" && ok "four imported" || not_ok "four imported"
B1=$(sed -n 's/^batch \([0-9]*\): 4 new values await approval.*--batch \([0-9]*\))$/\1/p' "$T/out")
[ -n "$B1" ] && ok "the import names its batch ($B1) and the approval it awaits" ||
	not_ok "the import names its batch"
check "人社局's sheet" pw data import "$T/rs.csv" --by 人社局

# imported is not counted: assess and the report say why
check "assess while pending" pw assess --plan 1 --year 2022
grep_err "assess names the values awaiting approval" "plan 1: 6 values await approval and are not counted"
check "annual report while pending" pw report --plan 1 --kind annual --year 2022 --format md -o "$T/r.md"
grep -q "另有6个数值待审核，未计入本报告。" "$T/r.md" && ok "the report says 6 values await approval" ||
	not_ok "the report says 6 values await approval"

# obs list filters
check "list --unit" pw obs list --unit 人社局 --json
same "人社局 has two" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")" 2
check "list --year --state" pw obs list --year 2021 --state submitted --json
same "three of 2021" "$(python3 -c 'import json,sys; print(sorted(r["value"] for r in json.load(open(sys.argv[1]))))' "$T/out")" "[3.6, 7.1, 80.6]"
check "list --batch by file name" pw obs list --batch tj.csv --json
same "the batch of tj.csv" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")" 4
check_fails "an unknown batch" 5 pw obs list --batch 99999
grep_err "named" "no data import 99999"
check_fails "an unknown unit" 5 pw obs list --unit 无此单位

# one value returned, the rest of the batch approved at once
RID=$(pw obs list --batch "$B1" --year 2022 --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["value"] == 5.2][0])')
check "return one" pw obs return "$RID" --note 与公报不符
A0=$(q "SELECT count(*) FROM audit_log WHERE action = 'observation.approve'")
check "approve --all --batch" pw obs approve --all --batch "$B1" --note 已核
grep -q "^3 observations: approved" "$T/out" && ok "three approved" || not_ok "three approved ($(cat "$T/out"))"
same "one audit row per value" "$(q "SELECT count(*) - $A0 FROM audit_log WHERE action = 'observation.approve'")" 3
same "the returned value stays returned" "$(pw obs list --state returned --json | python3 -c 'import json,sys; print([r["value"] for r in json.load(sys.stdin)])')" "[5.2]"
check "the corrected value" pw record --indicator 2:1 --year 2022 --value 5.4 --state submitted --by 统计局
check "approve --all --unit --year" pw obs approve --all --unit 人社局 --year 2021
grep -q "^1 observations: approved" "$T/out" && ok "one of 人社局 2021" || not_ok "one of 人社局 2021"
check "approve the rest" pw obs approve --all
grep -q "^2 observations: approved" "$T/out" && ok "the other two" || not_ok "the other two ($(cat "$T/out"))"
check "nothing left" pw obs approve --all
grep -q "^0 observations" "$T/out" && ok "zero" || not_ok "zero"
check "assess once approved" pw assess --plan 1 --year 2022
grep -q "await approval" "$T/err" && not_ok "no pending warning" || ok "no pending warning"

# a failing bulk review writes nothing: a draft cannot be approved, but
# --all only takes the values in the state the verb moves from
check "a draft" pw record --indicator 2:3 --year 2023 --value 82 --by 统计局
check "approve --all leaves drafts" pw obs approve --all
grep -q "^0 observations" "$T/out" && ok "the draft is not approved" || not_ok "the draft is not approved"
check "submit --all" pw obs submit --all --unit 统计局
grep -q "^1 observations: submitted" "$T/out" && ok "the draft submitted" || not_ok "the draft submitted"

# ---- measure definitions: what is entered, and judged as entered ---------
same "城乡居民人均可支配收入年均增长7%左右 takes yearly rates" \
	"$(q "SELECT measure FROM targets WHERE text = '城乡居民人均可支配收入年均增长7%左右'")" 3
same "PM2.5 每年下降3微克 takes the concentration" \
	"$(q "SELECT measure FROM targets WHERE subject = 'PM2.5年平均浓度'")" 1
INC=$(q "SELECT id FROM targets WHERE text = '城乡居民人均可支配收入年均增长7%左右'")
PM=$(q "SELECT id FROM targets WHERE subject = 'PM2.5年平均浓度'")
JOB=$(q "SELECT id FROM targets WHERE indicator_id IS NULL AND subject = '城镇登记失业率' LIMIT 1")
check "unit 生态环境局" pw unit add 生态环境局
check "assign PM2.5" pw assign --target "$PM" --unit 生态环境局
check "assign income" pw assign --target "$INC" --unit 统计局
check "assign the restated 失业率 target" pw assign --target "$JOB" --unit 人社局
check "生态环境局's template" pw template --unit 生态环境局 --year 2023 --csv -o "$T/pm.csv"
grep -q "填报口径" "$T/pm.csv" && ok "the template names what is entered" || not_ok "the template names what is entered"
grep -q "填当年水平值" "$T/pm.csv" && ok "PM2.5: the level" || not_ok "PM2.5: the level"
check "人社局's template" pw template --unit 人社局 --year 2023 --csv -o "$T/rs2.csv"
same "the restated target has no row of its own" "$(grep -c 城镇登记失业率 "$T/rs2.csv")" 1
printf 'target_id,年份,填报值\n%s,2023,4.0\n' "$JOB" >"$T/job.csv"
check_fails "a value for the restated target is refused" 3 pw data import "$T/job.csv" --by 人社局
grep_err "entered once, for the indicator" "restates indicator .* of the table: enter its value once, for the indicator"
printf 'target_id,年份,填报值\n%s,2020,40\n%s,2021,38\n%s,2022,39\n%s,2023,41\n%s,2021,8.3\n%s,2022,5.1\n%s,2023,6.4\n' \
	"$PM" "$PM" "$PM" "$PM" "$INC" "$INC" "$INC" >"$T/prose.csv"
check "prose values" pw data import "$T/prose.csv" --state approved
check "midterm report, JSON" pw report --plan 1 --kind midterm --year 2023 --format json -o "$T/m.json"
python3 - "$T/m.json" "$PM" "$INC" "$JOB" >"$T/verdicts" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
t = {x["id"]: x for x in r["targets"]}
pm, inc, job = (t[int(a)] for a in sys.argv[2:5])
# 40 -> 38, 39, 41: falls 2, -1, -2; the worst year 2023 (-2) keeps no 3
print(pm["measure"], pm["status"], pm["actual"], pm["actual_year"])
# (1.083 * 1.051 * 1.064)^(1/3) - 1 = 6.59 %
print(inc["measure"], inc["actual"])
# 失业率 restates 表2 序号9, whose 2021 3.6 / 2022 3.9 it shares
print(job["restates"]["table"], job["restates"]["no"], job["latest"]["value"])
PYEOF
same "PM2.5 judged on its yearly fall" "$(sed -n 1p "$T/verdicts")" "level lagging -2 2023"
same "income judged on its yearly rates" "$(sed -n 2p "$T/verdicts")" "rate 6.59"
same "the restated target shares the indicator's values" "$(sed -n 3p "$T/verdicts")" "2 9 3.9"
done_testing
