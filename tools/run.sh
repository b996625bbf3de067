#!/bin/sh
# run.sh - the main job of "make run": load the embedded 湛河 plan into the
# default database and show it.
set -e
cd "$(dirname "$0")/.."
DB=${PLANWATCH_DB:-planwatch.db}
./planwatch import data/zhanhe-14th-plan.txt --db "$DB"
./planwatch list --db "$DB"
