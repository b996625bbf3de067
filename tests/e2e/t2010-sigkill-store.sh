#!/bin/sh
# t2010-sigkill-store.sh - SIGKILL in the middle of importing a large plan
# loses nothing: the database passes integrity_check, the plan stored before
# is intact, and the killed import is either absent or complete.
. "$(dirname "$0")/lib.sh"

# A large generated plan: the fixture's text repeated (same plan identity,
# so a finished import is version 2 of plan 1).
big=$T/big.txt
i=0
while [ $i -lt 40 ]; do cat "$FIX/plan.txt"; echo; i=$((i + 1)); done >"$big"

ms() { date +%s%N | cut -c1-13; }

check "import the fixture first" "$PW" import "$FIX/plan.txt" --db "$T/base.db"
"$PW" show 1 --json --db "$T/base.db" >"$T/before.json" 2>/dev/null
sqlite3 "$T/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
"$PW" extract "$big" --json >"$T/big.json" 2>/dev/null

# how long a whole import takes here (plain or sanitizer build)
cp "$T/base.db" "$T/time.db"
t0=$(ms)
check "the large plan imports" "$PW" import "$big" --db "$T/time.db"
full=$(( $(ms) - t0 ))
echo "# full import of the large plan: $full ms"

# after_kill ROUND: checks the database of one round
after_kill() {
	db=$T/round.db
	check "$1: integrity_check ok" test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok
	check "$1: no dangling foreign key" test -z "$(sqlite3 "$db" 'PRAGMA foreign_key_check')"
	"$PW" show 1 --json --version 1 --db "$db" >"$T/v1.json" 2>"$T/err"
	check "$1: the plan stored before is intact" cmp -s "$T/before.json" "$T/v1.json"
	nv=$(sqlite3 "$db" 'SELECT count(*) FROM plan_versions')
	case $nv in
	1) check "$1: the killed import left nothing" \
		test "$(sqlite3 "$db" 'SELECT count(*) FROM indicators WHERE version_id <> 1')" = 0 ;;
	2) "$PW" show 1 --json --db "$db" >"$T/v2.json" 2>/dev/null
	   check "$1: the finished import is complete" cmp -s "$T/big.json" "$T/v2.json" ;;
	*) not_ok "$1: $nv versions" ;;
	esac
}

killed=0
# kill_after NAME MS: kills an import of the large plan after MS milliseconds
kill_after() {
	cp "$T/base.db" "$T/round.db"
	"$PW" import "$big" --db "$T/round.db" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk "BEGIN { print $2 / 1000 }")"
	kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null; rc=$?
	[ $rc = 137 ] && killed=$((killed + 1))
	after_kill "$1"
}

for pct in 20 50 80 95; do
	kill_after "killed at $pct%" $((full * pct / 100))
done

# while the commit writes its pages to the WAL
cp "$T/base.db" "$T/round.db"
"$PW" import "$big" --db "$T/round.db" >/dev/null 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null; do
	[ "$(stat -c %s "$T/round.db-wal" 2>/dev/null || echo 0)" -gt 65536 ] && break
done
kill -9 $pid 2>/dev/null
{ wait $pid; } 2>/dev/null; rc=$?
[ $rc = 137 ] && killed=$((killed + 1))
after_kill "killed while committing"

check "most kills landed mid-import ($killed of 5)" test $killed -ge 3
done_testing
