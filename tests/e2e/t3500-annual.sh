#!/bin/sh
# t3500-annual.sh - annual documents against the five-year plan: the
# fixture plan and three annual documents written for its district
# (tests/data/annual: the 2021 and 2023 政府工作报告, the 2022 计划执行情况与
# 计划草案的报告) are imported, their targets linked (one ambiguous link is
# confirmed by a person), data recorded, and the `annual` table checked
# against values computed by hand.
#
# Hand computation (docs/annual.md; the plan's 表2 and line 350):
#  path (应达值) of year y:
#   2:1 地区生产总值增长 7左右 (a rate): 7 every year
#   2:4 社会消费品零售总额增长 9左右: 9
#   2:9 城镇新增就业人数 [5] 万人 (a five-year total of yearly amounts): 5/5 = 1
#   2:9 城镇登记失业率 4.5以下 (a ceiling, no baseline): 4.5 every year
#   2:3 常住人口城镇化率 80 (2020) -> 83 (2025): 80 + 3(y-2020)/5
#       = 80.6 (2021), 81.2 (2022), 81.8 (2023)
#   2:5 研发经费投入强度 2以上, no baseline in the table; the 2020 value 1.5
#       recorded here is the base: 1.5 + 0.5*2/5 = 1.7 (2022)
#   2:14 人均预期寿命 79.25 -> 80: 79.25 + 0.75*2/5 = 79.55 (2022)
#   2:20 粮食综合生产能力 2.75 -> 3左右: 2.8 (2021), 2.9 (2023)
#   prose line 350 高新技术产业增加值占工业增加值比重 超过30% (2025), 2020
#       value 20 recorded: 20 + 10*2/5 = 24 (2022)
#  consistency: a target a going up is consistent when a >= path (a 左右
#  target: a >= path - 5% of path):
#   GDP 2021 7左右 vs 7: consistent; 2022 6.5 < 6.65: short; 2023 6 < 6.65: short
#   社零 2022 8左右 < 8.55: short; 城镇化率 2021 80.5 < 80.6: short,
#   2022 81.5 >= 81.2, 2023 81.8 >= 81.8: consistent; 研发 1.7 >= 1.7;
#   高新 28 >= 24; 人均预期寿命 79.6 >= 79.55: consistent
#  the year's result (approved values):
#   GDP 2021 7.2 >= 6.65 met; 2022 5.9 < 6.5 - 0.325 = 6.175 not met;
#   2023 6.1 >= 5.7 met; 新增就业 2021 1.05 >= 1 met, 2022 1.02 < 1.1 not met;
#   城镇化率 2021 80.7 >= 80.5 met, 2022 81.3 < 81.5 not met, 2023 no data
#   (a draft 82 counts only with --unapproved: 82 >= 81.8 met);
#   失业率 2021 3.8 <= 4.5 met; 研发 2022 1.72 >= 1.7 met.
#  what the year needs after the years before (every earlier year reported):
#   GDP 2022: (1.07^5 / 1.072)^(1/4) - 1 = (1.4025517 / 1.072)^(1/4) - 1 = 6.95%
#   GDP 2023: (1.4025517 / (1.072 * 1.059))^(1/3) - 1 = 1.235455^(1/3) - 1 = 7.30%
#   新增就业 2022: (5 - 1.05) / 4 = 0.9875 -> 0.99; 2023: (5 - 2.07) / 3 = 0.98
. "$(dirname "$0")/lib.sh"
DB=$T/pw.db
A=$TOP/tests/data/annual
J=$T/annual.json
# row FIELD YEAR SUBJECT_PART: FIELD of the annual target of YEAR whose
# subject contains SUBJECT_PART (the last `annual --json` output)
row() { jq -r --argjson y "$2" --arg s "$3" \
	"[.targets[] | select(.year == \$y and (.subject | contains(\$s)))][0].$1" "$J"; }
annual() { pw annual --json "$@" >"$J"; }

check_fails "an annual document needs a plan stored first" 5 pw import "$A/2021-zhanhe-work-report.txt"
grep_err "says to import the plan first" "import the five-year plan first"
check "extract reads an annual document" "$PW" extract "$A/2022-zhanhe-plan-report.txt" --json
same "its kind" "$(jq -r .kind "$T/out")" annual
same "its year: the planned one, not the reviewed one" "$(jq -r .year "$T/out")" 2022
same "its region (关于湛河区2021年…)" "$(jq -r .region "$T/out")" 湛河区
check "--year overrides" "$PW" extract "$A/2022-zhanhe-plan-report.txt" --json --year 2024
same "overridden year" "$(jq -r .year "$T/out")" 2024
check "a plan has no kind key" "$PW" extract "$FIX/plan.txt" --json
same "plan JSON unchanged" "$(jq -r 'has("kind")' "$T/out")" false
check_fails "--kind annual without a year" 3 "$PW" extract "$FIX/plan.txt" --kind annual
grep_err "asks for --year" "give --year"

check "import the plan and three annual documents" pw import "$FIX/plan.txt" \
	"$A/2021-zhanhe-work-report.txt" "$A/2022-zhanhe-plan-report.txt" "$A/2023-zhanhe-work-report.txt"
grep -q "annual document 1 (2021) against plan 1" "$T/out" && ok "2021 against plan 1" || not_ok "2021 against plan 1"
# 今后五年，…年均增长7%左右，…超过83%: the plan's targets restated, not 2021's
grep -q "2 targets of other years left out" "$T/out" && ok "the five-year targets restated in 2021's report left out" \
	|| not_ok "the five-year targets restated in 2021's report left out"
check_fails "a document of a year outside the plan is refused" 3 pw import "$A/2023-zhanhe-work-report.txt" --year 2027
grep_err "names the year and the period" "for 2027, outside plan 1 (2021-2025)"
check_fails "--plan of no plan" 5 pw import "$A/2023-zhanhe-work-report.txt" --plan 7
check "a second import is unchanged" pw import "$A/2023-zhanhe-work-report.txt"
grep -q "^unchanged: annual document 3" "$T/out" && ok "unchanged" || not_ok "unchanged"
same "the annual tables are there (schema step 8)" "$(q "SELECT count(*) FROM sqlite_schema WHERE name IN ('annual_docs', 'annual_targets', 'annual_links')")" 3
same "targets stored" "$(q 'SELECT count(*) FROM annual_targets')" 24
same "links: matched" "$(q "SELECT count(*) FROM annual_links WHERE status = 'matched'")" 17
same "links: ambiguous (two prose targets)" "$(q "SELECT count(*) FROM annual_links WHERE status = 'ambiguous'")" 2
same "links: none" "$(q "SELECT count(*) FROM annual_links WHERE status = 'none'")" 6
same "every import audited" "$(q "SELECT count(*) FROM audit_log WHERE entity = 'annual_doc'")" 3

check "annual --json" annual
same "2021 GDP linked to 2:1" "$(row linked.name 2021 地区生产总值)" 地区生产总值增长
same "2023 budget revenue links nothing" "$(row link 2023 一般公共预算收入)" none
same "the ambiguous one" "$(row link 2022 高新技术产业)" ambiguous
same "with two candidates" "$(jq '[.targets[] | select(.link == "ambiguous")][0].candidates | length' "$J")" 2
AMB=$(jq '[.targets[] | select(.link == "ambiguous")][0].id' "$J")
TGT=$(jq '[.targets[] | select(.link == "ambiguous")][0].candidates[1].target' "$J")
check "the text table tells how to confirm" pw annual
grep -q "planwatch annual link $AMB --target ID" "$T/out" && ok "confirm hint" || not_ok "confirm hint"
check_fails "link to a row that does not exist" 5 pw annual link "$AMB" --target 99999
check_fails "link needs one choice" 2 pw annual link "$AMB"
check "a person confirms the target of line 350" pw annual link "$AMB" --target "$TGT"
same "one confirmed link left" "$(q "SELECT status || ':' || target_id FROM annual_links WHERE annual_target_id = $AMB")" "confirmed:$TGT"
same "the decision is audited" "$(q "SELECT count(*) FROM audit_log WHERE entity = 'annual_target' AND action = 'link'")" 1

cat >"$T/d.csv" <<'CSV'
表,序号,指标名称,年份,数值
表2,1,地区生产总值增长,2021,7.2
表2,1,地区生产总值增长,2022,5.9
表2,1,地区生产总值增长,2023,6.1
表2,9,城镇新增就业人数,2021,1.05
表2,9,城镇新增就业人数,2022,1.02
表2,3,常住人口城镇化率,2021,80.7
表2,3,常住人口城镇化率,2022,81.3
表2,9,城镇登记失业率,2021,3.8
表2,5,研发经费投入强度,2020,1.5
表2,5,研发经费投入强度,2022,1.72
CSV
check "record the data (approved)" pw data import "$T/d.csv" --state approved
check "a prose target's 2020 value" pw record --target "$TGT" --year 2020 --value 20 --state submitted
OBS=$(pw obs list --target "$TGT" --json | jq '.[0].id')
check "approved" pw obs approve "$OBS"
check "a draft 2023 urbanisation value" pw record --indicator 2:3 --year 2023 --value 82

check "annual --json with data" annual
for c in "path 2021 地区生产总值 7" "consistency 2021 地区生产总值 consistent" "status 2021 地区生产总值 met" \
	 "path 2022 地区生产总值 7" "consistency 2022 地区生产总值 short" "status 2022 地区生产总值 not_met" \
	 "consistency 2023 地区生产总值 short" "status 2023 地区生产总值 met" "actual 2023 地区生产总值 6.1" \
	 "path 2022 社会消费品 9" "consistency 2022 社会消费品 short" "status 2022 社会消费品 no_data" \
	 "path 2021 城镇新增就业 1" "status 2021 城镇新增就业 met" "status 2022 城镇新增就业 not_met" \
	 "path 2021 城镇登记失业率 4.5" "status 2021 城镇登记失业率 met" \
	 "path 2021 城镇化率 80.6" "consistency 2021 城镇化率 short" "status 2021 城镇化率 met" \
	 "path 2022 城镇化率 81.2" "consistency 2022 城镇化率 consistent" "status 2022 城镇化率 not_met" \
	 "path 2023 城镇化率 81.8" "consistency 2023 城镇化率 consistent" "status 2023 城镇化率 no_data" \
	 "path 2022 研发 1.7" "consistency 2022 研发 consistent" "status 2022 研发 met" \
	 "path 2022 人均预期寿命 79.55" "consistency 2022 人均预期寿命 consistent" \
	 "path 2021 粮食 2.8" "path 2023 粮食 2.9" \
	 "path 2022 高新技术产业 24" "consistency 2022 高新技术产业 consistent" "link 2022 高新技术产业 confirmed" \
	 "term 2021 城镇新增就业 amount" "term 2021 地区生产总值 rate" "term 2021 城镇化率 level" \
	 "needed 2021 地区生产总值 null" "needed 2022 地区生产总值 6.95" "needed 2023 地区生产总值 7.3" \
	 "needed 2022 城镇新增就业 0.99" "needed 2023 城镇新增就业 0.98" "needed 2022 城镇化率 null"; do
	set -- $c
	same "$1 of $2 $3" "$(row "$1" "$2" "$3")" "$4"
done
check "with values awaiting review" annual --unapproved --year 2023
same "only 2023" "$(jq '[.targets[] | select(.year != 2023)] | length' "$J")" 0
same "the draft counts: 82 >= 81.8" "$(row status 2023 城镇化率)" met

# the annual report of 2022 shows the year's own targets (approved values):
# of 8 (the seven indicators and 区级重点项目110个, which no plan target
# matches), met 1 (研发 1.72); short of the path 2 (GDP 6.5, 社零 8)
check "annual report 2022 (json)" pw report --kind annual --year 2022 --format json
same "eight targets of 2022" "$(jq '.annual_targets | length' "$T/out")" 8
same "GDP in the report" "$(jq -c '.annual_targets[0] | [.linked, .path, .consistency, .actual, .status]' "$T/out")" \
	'["地区生产总值增长",7,"short",5.9,"not_met"]'
same "the confirmed one in the report" "$(jq -c '[.annual_targets[] | select(.link == "confirmed")][0] | [.path, .consistency]' "$T/out")" \
	'[24,"consistent"]'
check "annual report 2022 (md)" pw report --kind annual --year 2022 --format md
grep -q "2022年政府工作报告和年度计划确定的8项量化目标中，已完成1项；2项年度目标低于五年规划路径当年应达值" "$T/out" \
	&& ok "the report's summary of the year's targets" || not_ok "the report's summary of the year's targets"
grep -qF "| 地区生产总值增长6.5%左右 | 地区生产总值增长 | 7 | **低于应达值** | 5.9 | **未完成** |" "$T/out" \
	&& ok "the report's row" || not_ok "the report's row"
check "annual report 2024 (no annual document)" pw report --kind annual --year 2024 --format md
grep -q "年度计划目标完成情况" "$T/out" && not_ok "no section without targets" || ok "no section without targets"
check "assess --db 2021" pw assess --year 2021 --json
same "the assessment judges the year against its own targets too" \
	"$(jq -c '[.annual_targets[] | select(.status == "met")] | length' "$T/out")" 4
# the mid-term evaluation's series: each year's own target under the indicator
# (GDP 2021 7左右 met with 7.2, 2022 6.5左右 not met with 5.9, 2023 6左右 met with 6.1)
check "mid-term evaluation 2023 (md)" pw report --kind midterm --year 2023 --format md
grep -qF "| 　其中：年度目标 |  |  |  | 7左右（完成） | 6.5左右（未完成） | 6左右（完成） |" "$T/out" \
	&& ok "the series shows the years' own targets" || not_ok "the series shows the years' own targets"
# the web API's evaluation of a plan carries the year's own targets too
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PW" serve --db "$DB" --port "$PORT" >"$T/serve.log" 2>&1 &
SERVER=$!
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/api/plans" && break
	sleep 0.5
done
curl -s "http://127.0.0.1:$PORT/api/plans/1/indicators?year=2022" >"$T/api.json"
GDP_ID=$(jq '[.indicators[] | select(.name == "地区生产总值增长")][0].id' "$T/api.json")
curl -s "http://127.0.0.1:$PORT/indicators/$GDP_ID" >"$T/ind.html"
curl -s "http://127.0.0.1:$PORT/plans/1/targets" >"$T/targets.html"
kill "$SERVER"
wait "$SERVER" 2>/dev/null
same "GET /api/plans/1/indicators has the year's annual targets" \
	"$(jq -c '[(.annual_targets | length), .annual_targets[0].status]' "$T/api.json")" '[8,"not_met"]'
# the public indicator page lists the years' own targets beside the path,
# and the prose-target page names each under its target
rows() { python3 -c 'import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = t[t.find("id=\"h-annual\""):]
t = t[:t.find("</table>")]
for tr in re.findall(r"<tr>(.*?)</tr>", t, re.S):
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
    if cells and cells[0].isdigit():
        print("|".join(cells[:6]))' "$1"; }
same "the indicator page's annual targets" "$(rows "$T/ind.html")" "2021|全区地区生产总值增长7%左右|7|衔接|7.2|完成
2022|地区生产总值增长6.5%左右|7|低于应达值|5.9|未完成
2023|地区生产总值增长6%左右|7|低于应达值|6.1|完成"
grep -qF "2022年度目标：高新技术产业增加值占工业增加值比重达到28%（无数据）" "$T/targets.html" \
	&& ok "the prose target's own target of 2022" || not_ok "the prose target's own target of 2022"
# a second document of 2023, the plan report, says the work report's GDP
# target again (增长6%左右): one target, judged once, both documents named;
# its 城镇化率 82% differs from the work report's 81.8% and stays its own
check "import the 2023 plan report too" pw import "$A/2023-zhanhe-plan-report.txt"
check "annual --json 2023" pw annual --year 2023 --json
cp "$T/out" "$T/a23.json"
same "the plan report's GDP target restates the work report's" \
	"$(jq -c '[.targets[] | select(.text | test("地区生产总值增长6%左右"))] | [length, (.[0].restates), (.[1].restates == .[0].id)]' "$T/a23.json")" \
	'[2,null,true]'
same "a target that differs is no restatement" \
	"$(jq -c '[.targets[] | select(.text | test("城镇化率")) | .restates]' "$T/a23.json")" '[null,null]'
check "annual report 2023 (json)" pw report --kind annual --year 2023 --format json
same "the year's GDP target counted once, both documents named" \
	"$(jq -c '[.annual_targets[] | select(.linked == "地区生产总值增长")] | [length, .[0].document, .[0].status]' "$T/out")" \
	'[1,"2023年湛河区政府工作报告；关于湛河区2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告","met"]'
check "assess --db 2023" pw assess --year 2023 --json
same "the assessment counts it once" \
	"$(jq -c '[.annual_targets[] | select(.linked == "地区生产总值增长")] | length' "$T/out")" 1
check "the database is consistent" "$PW" check --db "$DB"
done_testing
