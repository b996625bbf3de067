#!/bin/sh
# t2020-db-access.sh - which commands may create a database, and an
# auditor's read-only copy: reports and listings work, writes are refused
# with a clear message, and a mistyped --db never creates an empty file.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
chmod 755 "$T"

check_fails "list on a missing database exits 5" 5 "$PW" list --db "$T/typo.db"
grep_err "missing database named" "no database '$T/typo.db'"
[ -e "$T/typo.db" ] && not_ok "no empty database created" || ok "no empty database created"
check_fails "report on a missing database exits 5" 5 "$PW" report --db "$T/typo.db" --kind annual --year 2022 --format md
check_fails "assess on a missing database exits 5" 5 "$PW" assess --db "$T/typo.db"
[ -e "$T/typo.db" ] && not_ok "still no file" || ok "still no file"

check "import creates the database" "$PW" import "$PLAN" --db "$T/ro.db"
check "unit add on it" "$PW" unit add 区统计局 --db "$T/ro.db"
check "record a value" "$PW" record --indicator 2:3 --year 2022 --value 81.2 --state submitted --db "$T/ro.db"
chmod 444 "$T/ro.db"
rm -f "$T/ro.db-wal" "$T/ro.db-shm"

# Run as an unprivileged user when we are root (root ignores file modes).
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || { echo "# skip: setpriv missing"; done_testing; exit $?; }
	chmod 755 "$T"
	as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as() { "$@"; }
fi
check "list a read-only copy" as "$PW" list --db "$T/ro.db"
grep -q 湛河区 "$T/out" && ok "the plan is listed" || not_ok "the plan is listed"
check "show a read-only copy" as "$PW" show 1 --db "$T/ro.db"
check "final report of a read-only copy" as "$PW" report --db "$T/ro.db" --kind final --year 2020 --format md
grep -q 总结评估报告 "$T/out" && ok "the report is written" || not_ok "the report is written"
check "assess a read-only copy" as "$PW" assess --db "$T/ro.db" --year 2022 --json
check_fails "record into a read-only copy exits 4" 4 as "$PW" record --indicator 2:3 --year 2023 --value 82 --db "$T/ro.db"
grep_err "says read-only" "is read-only"
check_fails "unit add into a read-only copy exits 4" 4 as "$PW" unit add 甲 --db "$T/ro.db"
grep_err "says read-only too" "database '$T/ro.db' is read-only"
done_testing
