#!/bin/sh
# t3410-target-link.sh - the link of a prose target to the table indicator
# it restates is stored at import (target_links, schema step 9), shown and
# corrected by the office with 'planwatch target link', audited, and
# followed by the reports, the templates and data import alike.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db

check "import the plan" pw import "$PLAN"
TG=$(q "SELECT id FROM targets WHERE indicator_id IS NULL AND subject = '常住人口城镇化率'")
IND=$(q "SELECT i.id FROM indicators i JOIN indicator_tables t ON t.id = i.table_id WHERE t.seq = 1 AND i.no = '3'")
OLD=$(q "SELECT i.id FROM indicators i JOIN indicator_tables t ON t.id = i.table_id WHERE t.seq = 0 AND i.name = '常住人口城镇化率'")
[ -n "$TG" ] && [ -n "$IND" ] && [ -n "$OLD" ] && ok "the target ($TG), 表2:3 ($IND) and 表1's row ($OLD)" ||
	not_ok "the target, 表2:3 and 表1's row"
# the period decides between 表1 (2016-2020) and 表2 (2021-2025) of the same name
same "stored at import, to the table of the target's period" \
	"$(q "SELECT indicator_id || '|' || origin FROM target_links WHERE target_id = $TG")" "$IND|import"
check "target link shows it" pw target link --target "$TG"
grep -q "^target $TG restates indicator $IND " "$T/out" && ok "shown" || not_ok "shown ($(cat "$T/out"))"

check "unit" pw unit add 统计局
check "统计局 leads 表2:3" pw assign --indicator 2:3 --unit 统计局
check "统计局 leads the target" pw assign --target "$TG" --unit 统计局
check "a value" pw record --indicator 2:3 --year 2021 --value 80.6 --state submitted --by 统计局
check "approved" pw obs approve --all
check "template" pw template --unit 统计局 --year 2021 --csv -o "$T/t1.csv"
grep -q "^,$TG," "$T/t1.csv" && not_ok "linked: no row of its own" || ok "linked: no row of its own"
check "mid-term report" pw report --plan 1 --kind midterm --year 2021 --format md -o "$T/m1.md"
grep -q "^- 常住人口城镇化率.*：基本符合预期，2021年为80.6.*（与主要指标第3项为同一指标，数据同源）" "$T/m1.md" &&
	ok "the report judges the target on 表2:3's values" || not_ok "the report judges the target on 表2:3's values"

# the office says the sentence is another figure
check "correct: restates none" pw target link --target "$TG" --none --note 口径不同 --by 规划科
grep -q "^target $TG restates no table indicator" "$T/out" && ok "the correction shown" ||
	not_ok "the correction shown ($(cat "$T/out"))"
same "one office row, the import row kept" \
	"$(q "SELECT origin || ':' || COALESCE(indicator_id, '-') || ':' || set_by FROM target_links WHERE target_id = $TG ORDER BY id" | tr '\n' ' ')" \
	"import:$IND:import office:-:规划科 "
same "audited" "$(q "SELECT count(*) FROM audit_log WHERE action = 'target.link' AND actor = '规划科'")" 1
check "mid-term report after the correction" pw report --plan 1 --kind midterm --year 2021 --format md -o "$T/m2.md"
grep -q "^- 常住人口城镇化率[^：]*：无数据" "$T/m2.md" && ok "the report follows: the target on its own values" ||
	not_ok "the report follows ($(grep '^- 常住人口城镇化率' "$T/m2.md"))"
grep -q "同为主要指标第3项\|与主要指标第3项为同一指标" "$T/m2.md" && not_ok "no shared-data note" || ok "no shared-data note"
check "template after the correction" pw template --unit 统计局 --year 2021 --csv -o "$T/t2.csv"
grep -q "^,$TG," "$T/t2.csv" && ok "the template follows: a row for the target" ||
	not_ok "the template follows: a row for the target"
printf 'target_id,年份,填报值\n%s,2021,80.1\n' "$TG" >"$T/v.csv"
check "data import follows: a value of its own" pw data import "$T/v.csv"

# and back, by 表:序号
check "correct: link to 表2:3" pw target link --target "$TG" --indicator 2:3
grep -q "^target $TG restates indicator $IND " "$T/out" && ok "linked again" || not_ok "linked again"
check "mid-term report, linked again" pw report --plan 1 --kind midterm --year 2021 --format md -o "$T/m3.md"
grep -q "与主要指标第3项为同一指标，数据同源" "$T/m3.md" && ok "the report follows again" ||
	not_ok "the report follows again"

# refused: a target of a table row; unknown ids; both --none and --indicator
T1=$(q "SELECT id FROM targets WHERE indicator_id IS NOT NULL LIMIT 1")
check_fails "a table row's target is refused" 3 pw target link --target "$T1" --none
grep_err "said why" "target $T1 is a target of a table indicator, not of the text"
check_fails "an unknown target" 5 pw target link --target 99999 --none
check_fails "--none and --indicator" 2 pw target link --target "$TG" --none --indicator 2:3
same "nothing more written" "$(q "SELECT count(*) FROM target_links WHERE origin = 'office'")" 2

# the office's word holds for the plan's next version (followed by key)
check "correct: none, again" pw target link --target "$TG" --none
sed 's/打造实力漯河/打造实力漯河 /' "$PLAN" >"$T/v2.txt"
check "an edited version of the plan" pw import "$T/v2.txt"
TG2=$(q "SELECT g.id FROM targets g JOIN plan_versions v ON v.id = g.version_id WHERE v.version = 2 AND g.indicator_id IS NULL AND g.subject = '常住人口城镇化率'")
check "the new version's target" pw target link --target "$TG2"
grep -q "^target $TG2 restates no table indicator" "$T/out" && ok "the correction carries over" ||
	not_ok "the correction carries over ($(cat "$T/out"))"
done_testing
