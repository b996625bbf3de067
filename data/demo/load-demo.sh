#!/bin/sh
# load-demo.sh - loads the 演示数据 (demonstration data, invented values, NOT
# real statistics) into a planwatch database, after the embedded plan:
#   sh data/demo/load-demo.sh [PLANWATCH] [DB]
# Steps: import the plan, the responsibility table (units are created),
# the 2021-2025 observations (approved), and the targets the city sets for
# the 按市定目标执行 indicators (演示).  Re-running changes nothing new
# except new observation versions; use a fresh database for a clean demo.
set -e
PW=${1:-./planwatch}
DB=${2:-planwatch.db}
DIR=$(cd "$(dirname "$0")" && pwd)
"$PW" import "$DIR/../zhanhe-14th-plan.txt" --db "$DB"
"$PW" assign import "$DIR/演示数据-责任分工.csv" --db "$DB" --by 演示数据
"$PW" data import "$DIR/演示数据-十四五指标监测-2021-2025.csv" --db "$DB" --by 演示数据 --state approved
while IFS='|' read -r ref kind cmp value year; do
	case $ref in '#'*|'') continue ;; esac
	"$PW" target set --indicator "$ref" --kind "$kind" --cmp "$cmp" --value "$value" \
		--year "$year" --source "演示数据（虚构的市定目标）" --by 演示数据 --db "$DB"
done <"$DIR/演示数据-市定目标.txt"
