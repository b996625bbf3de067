#!/bin/sh
# t2030-concurrent-writes.sh - writers queue; they neither race nor fail
# (issue 7, docs/schema.md "Locking"):
#  - the same plan, the same data file, the same value imported by two
#    processes at once is written once: the "unchanged?" and duplicate
#    checks run under the write lock;
#  - a writer that meets another one holding the write lock waits, says
#    once that it waits, and succeeds when the lock is released; it gives
#    up only after PLANWATCH_LOCK_TIMEOUT seconds (lowered here so the test is
#    fast), with a message that names the limit;
#  - readers (WAL) never wait for a writer.
. "$(dirname "$0")/lib.sh"
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
pw() { "$PW" "$@" --db "$DB"; }
same() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi; }
q() { sqlite3 "$DB" "$1"; }

check "import the plan" pw import "$PLAN"
same "the database is in WAL mode" "$(q 'PRAGMA journal_mode')" wal

# ---- two imports of the same edited plan at once: one new version ---------
bad=0
i=1
while [ $i -le 10 ]; do
	{ cat "$PLAN"; echo "附加段落第${i}次修改。"; } >"$T/edit.txt"
	pw import "$T/edit.txt" >"$T/o1" 2>&1 &
	pw import "$T/edit.txt" >"$T/o2" 2>&1
	wait
	[ "$(q 'SELECT count(*) FROM plan_versions')" = $((i + 1)) ] || bad=$((bad + 1))
	i=$((i + 1))
done
same "the same plan imported twice at once: one version per round (10 rounds)" $bad 0

# ---- two imports of the same data file at once: written once --------------
bad=0
i=1
while [ $i -le 20 ]; do
	printf '表,序号,年份,数值\n表2,3,2023,%s\n表2,1,2023,6.%s\n' "8$i" "$i" >"$T/v.csv"
	before=$(q "SELECT count(*) FROM observations")
	pw data import "$T/v.csv" >"$T/o1" 2>&1 &
	pw data import "$T/v.csv" >"$T/o2" 2>&1
	wait
	[ "$(q "SELECT count(*) FROM audit_log WHERE action = 'observation.import'")" = "$i" ] ||
		bad=$((bad + 1))
	[ "$(q "SELECT count(*) FROM observations")" = $((before + 2)) ] || bad=$((bad + 1))
	# one of the two reports the values as unchanged, none failed
	grep -q "2 unchanged" "$T/o1" "$T/o2" || bad=$((bad + 1))
	i=$((i + 1))
done
same "the same data file imported twice at once: one batch per round (20 rounds)" $bad 0

bad=0
i=1
while [ $i -le 10 ]; do
	before=$(q "SELECT count(*) FROM observations")
	pw record --indicator 2:3 --year 2024 --value "7$i" >"$T/o1" 2>&1 &
	pw record --indicator 2:3 --year 2024 --value "7$i" >"$T/o2" 2>&1
	wait
	[ "$(q "SELECT count(*) FROM observations")" = $((before + 1)) ] || bad=$((bad + 1))
	i=$((i + 1))
done
same "the same value recorded twice at once: one row per round (10 rounds)" $bad 0

# ---- waiting for the write lock ------------------------------------------
# hold SECONDS: another process takes the write lock of $DB and keeps it
# for SECONDS; returns once it holds it.
hold() {
	rm -f "$T/held"
	{ echo "BEGIN IMMEDIATE;"; echo ".output $T/held"; echo "SELECT 'held';"
	  echo ".output stdout"; sleep "$1"; echo "COMMIT;"; } | sqlite3 "$DB" >/dev/null &
	k=0
	while [ ! -s "$T/held" ] && [ $k -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
}
ms() { date +%s%N | cut -c1-13; }

printf '表,序号,年份,数值\n表2,3,2022,80.1\n' >"$T/w.csv"
hold 3
t0=$(ms)
check "a reader does not wait for the writer" pw list
waited=$(( $(ms) - t0 ))
check "it answered at once (${waited} ms)" test "$waited" -lt 2000
check "a data import waits for the writer and succeeds" pw data import "$T/w.csv"
waited=$(( $(ms) - t0 ))
same "it said once that it waits" "$(grep -c "waiting for another writer" "$T/err")" 1
check "it waited for the lock (${waited} ms)" test "$waited" -ge 2000
wait
same "its value is stored" "$(q "SELECT count(*) FROM observations WHERE year = 2022 AND value = 80.1")" 1

printf '表,序号,年份,数值\n表2,3,2022,80.2\n' >"$T/w.csv"
hold 4
export PLANWATCH_LOCK_TIMEOUT=1
check_fails "past PLANWATCH_LOCK_TIMEOUT a writer gives up" 4 pw data import "$T/w.csv"
grep_err "the message names the limit" "locked by another writer for more than 1 s"
wait
same "nothing of it is stored" "$(q "SELECT count(*) FROM observations WHERE value = 80.2")" 0
PLANWATCH_LOCK_TIMEOUT=x
check_fails "a bad PLANWATCH_LOCK_TIMEOUT is refused (a usage error)" 2 pw data import "$T/w.csv"
grep_err "naming the variable" "PLANWATCH_LOCK_TIMEOUT"
unset PLANWATCH_LOCK_TIMEOUT

done_testing
