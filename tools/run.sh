#!/bin/sh
# run.sh - the main job of "make run".
#  1. Import the embedded 湛河 plan into the default database (planwatch.db,
#     or $PLANWATCH_DB); importing it again changes nothing.
#  2. Show the annual monitoring summary: from the default database when it
#     holds real observations, otherwise from a separate demonstration
#     database (build/demo.db, rebuilt each time from data/demo/, 演示数据)
#     so that invented values never mix with real ones.
set -e
cd "$(dirname "$0")/.."
PW=./planwatch
DB=${PLANWATCH_DB:-planwatch.db}
YEAR=${YEAR:-$(($(date +%Y) - 1))}

$PW import data/zhanhe-14th-plan.txt --db "$DB"
$PW list --db "$DB"
if [ "$(sqlite3 "$DB" 'SELECT count(*) FROM observations' 2>/dev/null || echo 0)" != 0 ]; then
	echo
	echo "== 年度监测 ($DB) =="
	$PW assess --db "$DB" --year "$YEAR"
	exit 0
fi
rm -f build/demo.db build/demo.db-wal build/demo.db-shm
sh data/demo/load-demo.sh "$PW" build/demo.db >/dev/null
echo
echo "== 年度监测摘要（演示数据，数值为虚构，仅供演示；真实数据录入 $DB 后将显示真实结果）=="
$PW assess --db build/demo.db --year "$YEAR"
echo
echo "完整报告: $PW report --db build/demo.db --kind annual --year $YEAR --format html -o report.html"
