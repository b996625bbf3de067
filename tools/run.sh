#!/bin/sh
# run.sh - the main job of "make run": serve the site on 127.0.0.1:8080.
#  1. Import the embedded 湛河 plan into the database (planwatch.db, or
#     $PLANWATCH_DB) when it has none; importing it again changes nothing.
#  2. Build the demonstration database build/demo.db from data/demo/ (演示数据,
#     invented values) when it is missing.  It is a separate file, so
#     invented values never mix with real ones: the server shows it, with a
#     演示数据 banner on every page, only while the database holds no
#     approved observation (serve --demo-db).
#  3. On the first run (no user yet) create the administrator "admin" with a
#     random password, printed once.
#  4. exec the server (PORT, HOST override 8080 and 127.0.0.1).
set -e
cd "$(dirname "$0")/.."
PW=./planwatch
DB=${PLANWATCH_DB:-planwatch.db}
DEMO=build/demo.db
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8080}

if [ ! -f "$DB" ]; then
	$PW import data/zhanhe-14th-plan.txt --db "$DB" >/dev/null
	echo "created $DB from data/zhanhe-14th-plan.txt"
fi
if [ ! -f "$DEMO" ]; then
	mkdir -p build
	if ! sh data/demo/load-demo.sh "$PW" "$DEMO.tmp" >build/demo-load.log 2>&1; then
		cat build/demo-load.log >&2
		exit 1
	fi
	mv "$DEMO.tmp" "$DEMO"
	rm -f "$DEMO.tmp-wal" "$DEMO.tmp-shm"
fi
if [ -z "$($PW user list --db "$DB")" ]; then
	password=$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')
	printf '%s\n' "$password" | $PW user add admin --role admin --db "$DB" >/dev/null
	echo
	echo "首次运行：已创建管理员账号（密码只显示这一次）"
	echo "  用户名: admin"
	echo "  密码:   $password"
	echo "修改密码: ./planwatch user passwd admin --db $DB   （新密码从标准输入读入）"
	echo "添加用户: ./planwatch user add NAME --role planner|editor|viewer [--unit 单位] --db $DB"
	echo
fi
echo "planwatch: http://$HOST:$PORT/  （登录: http://$HOST:$PORT/login；Ctrl-C 停止）"
exec $PW serve --db "$DB" --demo-db "$DEMO" --host "$HOST" --port "$PORT"
