#!/bin/sh
# t2040-backup.sh - backup, restore and check (issue 7): a backup taken
# while "data import" writes in another process restores to a database
# that passes check and holds the approved values of before or of after
# the import, never a part; backup under kill -9 leaves the previous or a
# complete copy, under SIGTERM no temporary file; restore refuses a damaged
# copy, a copy of a newer schema and the database itself; check finds a
# removed trigger, a removed audit row and an unaudited observation.
. "$(dirname "$0")/lib.sh"
DB=$T/city.db
pw() { "$PW" "$@" --db "$DB"; }
sha() { sha256sum "$1" | cut -c1-64; }
same() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi; }
approved() { sqlite3 "$1" "SELECT count(*) FROM obs WHERE state = 2"; }
ms() { date +%s%N | cut -c1-13; }

# a plan of 2 tables x 834 indicators; two CSV files of a value for each
# indicator and year 2020-2025 (10,008 values), the second one changed
/usr/bin/python3 - "$T" <<'PYEOF'
import sys
d = sys.argv[1]
plan = ["大省国民经济和社会发展第十四个五年规划纲要（测试用，虚构）", "", "第一章 发展目标", ""]
v1, v2 = ["表,序号,指标名称,年份,数值"], ["表,序号,指标名称,年份,数值"]
for k in range(1, 3):
    plan += ["表%d “十四五”时期第%d组主要指标" % (k, k), "",
             "| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |", "|---|---|---|---|---|---|"]
    for i in range(1, 835):
        plan.append("| %d | 指标%d-%d | 万元 | %d | 150 | 预期性 |" % (i, k, i, 100 + i % 7))
        for y in range(2020, 2026):
            v = 100 + i % 7 + (y - 2020) * 2.5
            v1.append("表%d,%d,指标%d-%d,%d,%.1f" % (k, i, k, i, y, v))
            v2.append("表%d,%d,指标%d-%d,%d,%.1f" % (k, i, k, i, y, v + 0.5))
    plan.append("")
open(d + "/plan.md", "w", encoding="utf-8").write("\n".join(plan) + "\n")
open(d + "/v1.csv", "w", encoding="utf-8").write("\n".join(v1) + "\n")
open(d + "/v2.csv", "w", encoding="utf-8").write("\n".join(v2) + "\n")
PYEOF
check "import the plan" pw import "$T/plan.md"
check "import the first values, approved" pw data import "$T/v1.csv" --state approved
check "check: a fresh database is ok" pw check
grep -q "city.db: ok" "$T/out" && ok "check says ok" || not_ok "check says ok"
# every kind of write (units, assignments, values and their review,
# external targets, project progress) leaves a database check accepts
check "load the 演示数据" sh "$TOP/data/demo/load-demo.sh" "$PW" "$T/demo.db"
check "project progress" "$PW" record --project 1 --year 2023 --status in_progress --percent 60 --db "$T/demo.db"
check "submitted" "$PW" progress submit 1 --db "$T/demo.db"
check "check: the demo database is ok" "$PW" check --db "$T/demo.db"
before=$(approved "$DB")
check "backup" pw backup -o "$T/b0.db"
check "the backup passes check" "$PW" check --db "$T/b0.db"
check "restore to a new path" "$PW" restore --db "$T/r0.db" "$T/b0.db"
check "the restored database passes check" "$PW" check --db "$T/r0.db"
same "the restored database holds every approved value" "$(approved "$T/r0.db")" "$before"
check "the restored database opens" "$PW" list --db "$T/r0.db"

# ---- a backup while data import writes ------------------------------------
env "$PW" data import "$T/v2.csv" --state approved --db "$DB" >"$T/import.out" 2>&1 &
ipid=$!
k=0
sleep 0.3
while kill -0 $ipid 2>/dev/null || [ $k = 0 ]; do
	k=$((k + 1))
	"$PW" backup -o "$T/during$k.db" --db "$DB" >/dev/null 2>"$T/err" || { not_ok "backup $k during the import"; cat "$T/err"; break; }
	[ $k -lt 4 ] || break
	sleep 0.3
done
wait $ipid
same "the concurrent import succeeded" "$?" 0
after=$(approved "$DB")
check "the import added approved values" test "$after" -gt "$before"
echo "# $k backups during the import; approved values: $before before, $after after"
mixed=0
i=1
while [ $i -le $k ]; do
	"$PW" restore --db "$T/during$i.r.db" "$T/during$i.db" >/dev/null 2>&1 || mixed=$((mixed + 1))
	"$PW" check --db "$T/during$i.r.db" >"$T/out" 2>&1 || { mixed=$((mixed + 1)); cat "$T/out"; }
	c=$(approved "$T/during$i.r.db")
	[ "$c" = "$before" ] || [ "$c" = "$after" ] || { mixed=$((mixed + 1)); echo "# backup $i: $c approved values"; }
	rm -f "$T/during$i.db" "$T/during$i.r.db"*
	i=$((i + 1))
done
same "every backup taken during the import restores, checks and is consistent" $mixed 0

# ---- kill -9 and SIGTERM during a backup ----------------------------------
cp "$T/b0.db" "$T/b.db"
prev=$(sha "$T/b.db")
leftovers() { ls -A "$T" | grep planwatch-tmp; }
t0=$(ms)
pw backup -o "$T/timed.db" >/dev/null 2>&1
full=$(( $(ms) - t0 ))
rm -f "$T/timed.db"
echo "# one backup: $full ms"
delays=$(awk -v t="$full" 'BEGIN { for (k = 2; k <= 9; k++) printf "%.3f ", t * k / 8 / 1000 }')
torn=0
for d in $delays; do
	"$PW" backup -o "$T/b.db" --db "$DB" >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	s=$(sha "$T/b.db")
	if [ "$s" != "$prev" ] && ! "$PW" check --db "$T/b.db" >/dev/null 2>&1; then
		torn=$((torn + 1)); echo "# torn backup after kill -9 at ${d}s"
	fi
	prev=$s
done
check "backup under kill -9: the previous copy or a whole one" test $torn = 0
check "a backup after the kills" pw backup -o "$T/b.db"
same "it removed what kill -9 left" "$(leftovers)" ""
left=0
for d in $(echo "$delays" | cut -d' ' -f2,4,6,7); do
	"$PW" backup -o "$T/b.db" --db "$DB" >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -TERM $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ -z "$(leftovers)" ] || { left=$((left + 1)); echo "# SIGTERM at ${d}s left $(leftovers)"; }
done
same "SIGTERM leaves no temporary file" $left 0
check "the copy after SIGTERM passes check" "$PW" check --db "$T/b.db"

# ---- restore refuses ------------------------------------------------------
live=$(sha "$DB")
cp "$T/b0.db" "$T/bad.db"
dd if=/dev/urandom of="$T/bad.db" bs=4096 seek=3 count=2 conv=notrunc 2>/dev/null
check_fails "restore refuses a damaged copy" 3 pw restore "$T/bad.db"
grep_err "and says why" "integrity\\|malformed"
same "the database is unchanged" "$(sha "$DB")" "$live"
head -c 200000 "$T/b0.db" >"$T/short.db"
check_fails "restore refuses a truncated copy" 3 pw restore "$T/short.db"
cp "$T/b0.db" "$T/new.db"
sqlite3 "$T/new.db" "PRAGMA user_version = 99"
check_fails "restore refuses a newer schema" 3 pw restore "$T/new.db"
grep_err "and says so" "newer than this planwatch"
echo "not a database" >"$T/text.db"
check_fails "restore refuses a file that is no database" 3 pw restore "$T/text.db"
check_fails "restore refuses the database itself" 2 pw restore "$DB"
ln -s "$DB" "$T/link.db"
check_fails "restore refuses a link to the database" 2 pw restore "$T/link.db"
same "the database is still unchanged" "$(sha "$DB")" "$live"
check_fails "restore without FROM" 2 pw restore
check_fails "check of a missing database" 5 "$PW" check --db "$T/none.db"

# ---- restore over a database in use ---------------------------------------
nobs() { sqlite3 "$1" "SELECT count(*) FROM obs"; }
check "record a value after the backup" pw record --indicator 1:1 --year 2023 --value 1
check "restore over the database" pw restore "$T/b0.db"
same "it holds the backup's values" "$(approved "$DB")" "$before"
same "the value recorded after the backup is gone" "$(nobs "$DB")" "$(nobs "$T/b0.db")"
check "it passes check" pw check
check "and takes new values" pw record --indicator 1:1 --year 2023 --value 2

# ---- check finds problems ---------------------------------------------------
cp "$T/b0.db" "$T/c1.db"
sqlite3 "$T/c1.db" "DROP TRIGGER obs_no_update"
check_fails "check: a dropped append-only trigger" 1 "$PW" check --db "$T/c1.db"
grep -q "trigger 'obs_no_update' on 'obs' is missing" "$T/out" && ok "names the trigger" || not_ok "names the trigger"
cp "$T/b0.db" "$T/c2.db"
sqlite3 "$T/c2.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;"
c2=$(sha "$T/c2.db")
check_fails "check: an audit row deleted" 1 "$PW" check --db "$T/c2.db"
grep -q "audit_log: rows missing from id 3" "$T/out" && ok "names the gap" || not_ok "names the gap"
cp "$T/b0.db" "$T/c3.db"
sqlite3 "$T/c3.db" "INSERT INTO obs (indicator_id, year, value, state, entered_by_id) VALUES (1, 2030, 1, 2, 1)"
check_fails "check: an observation without audit row" 1 "$PW" check --db "$T/c3.db"
grep -q "no audit row for observation" "$T/out" && ok "names the observation" || not_ok "names the observation"
cp "$T/b0.db" "$T/c4.db"
sqlite3 "$T/c4.db" "DROP TRIGGER obs_no_delete; DELETE FROM obs WHERE id = (SELECT max(id) FROM obs)"
check_fails "check: the last observation deleted" 1 "$PW" check --db "$T/c4.db"
grep -q "audit: missing row" "$T/out" && ok "names the audit row of the missing one" || not_ok "names the audit row of the missing one"
cp "$T/b0.db" "$T/c5.db"
sqlite3 "$T/c5.db" "PRAGMA foreign_keys = OFF; INSERT INTO assignments (unit_id, indicator_id, assigned_by) VALUES (999, 1, 'x')"
check_fails "check: a dangling foreign key" 1 "$PW" check --db "$T/c5.db"
grep -q "foreign key" "$T/out" && ok "says foreign key" || not_ok "says foreign key"
same "check changed nothing" "$(sha "$T/c2.db")" "$c2"
done_testing
