#!/bin/sh
# t3110-plan-ids.sh - row ids and plans (issue 7): a data file imported
# with --plan N may name its rows by indicator_id, target_id or
# project_id only of plan N (any version); a row of another plan is
# refused with file:row and reason and nothing of the file is written.
# Without --plan the id decides the plan.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
pw() { "$PW" "$@" --db "$DB"; }
same() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi; }
q() { sqlite3 "$DB" "$1"; }

cat >"$T/p2.md" <<'EOF'
示范县国民经济和社会发展第十四个五年规划纲要

第一章 发展目标

表1 “十四五”时期主要指标

| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |
|---|---|---|---|---|---|
| 1 | 示范指标甲 | 万元 | 100 | 150 | 预期性 |
| 2 | 示范指标乙 | % | 10 | 12 | 约束性 |

到2025年，示范县森林覆盖率达到30%以上。

专栏1 示范工程

1.示范项目。建设示范园区。
EOF

check "import plan 1" pw import "$PLAN"
check "import plan 2" pw import "$T/p2.md"
# the first indicator, prose target and project of plan 2
of2="JOIN plan_versions v ON v.id = x.version_id WHERE v.plan_id = 2"
IND2=$(q "SELECT min(x.id) FROM indicators x $of2")
TGT2=$(q "SELECT min(x.id) FROM targets x $of2 AND x.indicator_id IS NULL")
PRJ2=$(q "SELECT min(x.id) FROM column_items x $of2")
IND1=$(q "SELECT x.id FROM indicators x JOIN plan_versions v ON v.id = x.version_id
	WHERE v.plan_id = 1 AND x.name = '常住人口城镇化率' AND x.table_id = 2")
check "plan 2 has an indicator, a prose target and a project" test -n "$IND2" -a -n "$TGT2" -a -n "$PRJ2"
nobs() { q "SELECT count(*) FROM observations"; }

printf 'indicator_id,年份,数值\n%s,2023,81.5\n%s,2023,120\n' "$IND1" "$IND2" >"$T/ind.csv"
check_fails "data import --plan 1 with an indicator_id of plan 2 is refused" 3 \
	pw data import "$T/ind.csv" --plan 1
grep_err "file:row and reason" "ind.csv:3: error: indicator $IND2 belongs to plan 2, not to plan 1"
same "nothing written" "$(nobs)" 0

printf 'target_id,年份,数值\n%s,2023,28\n' "$TGT2" >"$T/tgt.csv"
check_fails "a target_id of plan 2 is refused" 3 pw data import "$T/tgt.csv" --plan 1
grep_err "naming the target" "tgt.csv:2: error: target $TGT2 belongs to plan 2, not to plan 1"
same "nothing written" "$(nobs)" 0

printf 'project_id,年份,数值\n%s,2023,28\n' "$PRJ2" >"$T/prj.csv"
check_fails "a project_id of plan 2 is refused" 3 pw data import "$T/prj.csv" --plan 1
grep_err "naming the project" "prj.csv:2: error: project $PRJ2 belongs to plan 2, not to plan 1"

printf 'indicator_id,牵头单位\n%s,统计局\n' "$IND2" >"$T/lead.csv"
check_fails "assign import --plan 1 with an indicator of plan 2 is refused" 3 \
	pw assign import "$T/lead.csv" --plan 1
grep_err "with its row" "lead.csv:2: error: indicator $IND2 belongs to plan 2, not to plan 1"
same "nothing assigned" "$(q 'SELECT count(*) FROM assignments')" 0
same "no unit created" "$(q 'SELECT count(*) FROM units')" 0

check "with --plan 2 the same file imports" pw data import "$T/tgt.csv" --plan 2
check "without --plan the id decides the plan" pw data import "$T/ind.csv"
same "both rows written" "$(nobs)" 3
printf 'indicator_id,年份,数值\n%s,2024,82\n' "$IND1" >"$T/one.csv"
check "an id of plan 1 with --plan 1" pw data import "$T/one.csv" --plan 1

# an id of an older version of plan 1 still belongs to plan 1
{ cat "$PLAN"; echo "附加段落。"; } >"$T/edit.txt"
check "plan 1 version 2" pw import "$T/edit.txt"
printf 'indicator_id,年份,数值\n%s,2025,83\n' "$IND1" >"$T/old.csv"
check "an id of plan 1 version 1 with --plan 1" pw data import "$T/old.csv" --plan 1
check_fails "and refused with --plan 2" 3 pw data import "$T/old.csv" --plan 2
grep_err "the older version's plan" "belongs to plan 1, not to plan 2"

done_testing
