#!/bin/sh
# t3010-assess-all-threads.sh - assess --db --all on several threads: it
# reads an auditor's read-only copy (file and folder not writable), and
# its output is byte for byte the output of one thread, in plan order;
# threads the system refuses leave their work to the others.
. "$(dirname "$0")/lib.sh"
DEMO=$TOP/data/demo
mkdir "$T/ro"
DB=$T/ro/all.db

# the demonstration data on 湛河区's plan, then four more plans without data
check "load the demonstration data" sh "$DEMO/load-demo.sh" "$PW" "$DB"
for r in 甲 乙 丙 丁; do
	sed "s/湛河区/${r}区/g" "$TOP/data/zhanhe-14th-plan.txt" >"$T/$r.txt"
	check "import plan $r" "$PW" import "$T/$r.txt" --db "$DB"
done
check "one thread" "$PW" assess --db "$DB" --all --year 2023
cp "$T/out" "$T/one.txt"
check "one thread, JSON" "$PW" assess --db "$DB" --all --year 2023 --json
cp "$T/out" "$T/one.json"
grep -q '^1 湛河区' "$T/one.txt" && grep -q '^5 丁区' "$T/one.txt" &&
	ok "five plans listed" || not_ok "five plans listed"

chmod 444 "$DB"
rm -f "$DB-wal" "$DB-shm"
chmod 555 "$T/ro"
# Run as an unprivileged user when we are root (root ignores file modes).
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || { echo "# skip: setpriv missing"; chmod 755 "$T/ro"; done_testing; exit $?; }
	chmod 755 "$T"
	as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as() { "$@"; }
fi
for th in 2 3 8; do
	check "$th threads on the read-only copy" as "$PW" assess --db "$DB" --all --year 2023 --threads "$th"
	cmp -s "$T/out" "$T/one.txt" && ok "$th threads: same output as one" ||
		{ not_ok "$th threads: same output as one"; diff "$T/one.txt" "$T/out" | head -5; }
	check "$th threads, JSON" as "$PW" assess --db "$DB" --all --year 2023 --threads "$th" --json
	cmp -s "$T/out" "$T/one.json" && ok "$th threads: same JSON as one" ||
		not_ok "$th threads: same JSON as one"
done
# threads that cannot start (no process left for the user): the others do
# their work, with a warning, and the output is the same (LeakSanitizer
# needs a thread of its own at exit, which the limit refuses too)
if command -v prlimit >/dev/null; then
	check "threads refused by the system" as env ASAN_OPTIONS=detect_leaks=0 \
		prlimit --nproc=1 "$PW" assess --db "$DB" --all \
		--year 2023 --threads 3
	cmp -s "$T/out" "$T/one.txt" && ok "refused threads: same output as one" ||
		not_ok "refused threads: same output as one"
	grep_err "refused threads: a warning" "cannot start thread 2 of 3"
else
	echo "# skip: prlimit missing"
fi
chmod 755 "$T/ro"
done_testing
