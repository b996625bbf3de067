#!/bin/sh
# bench/bench-lock.sh - how long a large plan import holds the write lock
# (issue 7, docs/schema.md "Locking"): generates a plan of indicator
# tables (834 rows each, as bench/bench-import.sh) of about BENCH_LOCK_MB
# megabytes (default 6; 62 gives the largest document accepted, 64 MB,
# 1.14 million indicators, and takes minutes), imports it into a
# database that holds the seed plan, and meanwhile lets a second process
# try BEGIN IMMEDIATE every 5 ms.  Prints the import's wall time and the
# longest span the second process found the write lock taken.
# Environment: PW (default ./planwatch), BENCH_LOCK_MB, BENCH_KEEP=DIR.
set -e
cd "$(dirname "$0")/.."
PW=${PW:-./planwatch}
MB=${BENCH_LOCK_MB:-6}
T=${BENCH_KEEP:-$(mktemp -d)}
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
mkdir -p "$T"
rm -f "$T/lock.db" "$T/lock.db-wal" "$T/lock.db-shm" "$T/stop"

/usr/bin/python3 - "$T/plan.md" "$MB" <<'PYEOF'
import sys
out, mb = sys.argv[1], float(sys.argv[2])
ROWS = 834
plan = ["大省国民经济和社会发展第十四个五年规划纲要（锁时长测试用，虚构）", "", "第一章 发展目标", ""]
size, k = 0, 0
while size < mb * 2**20:
    k += 1
    rows = ["| %d | 指标%d-%d | 万元 | %d | %d | 预期性 |" % (i, k, i, 100 + i % 7, 150)
            for i in range(1, ROWS + 1)]
    plan += ["表%d “十四五”时期第%d组主要指标" % (k, k), "",
             "| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |", "|---|---|---|---|---|---|"]
    plan += rows + [""]
    size += sum(len(r.encode()) + 1 for r in rows)
open(out, "w", encoding="utf-8").write("\n".join(plan) + "\n")
PYEOF

"$PW" import data/zhanhe-14th-plan.txt --db "$T/lock.db" >/dev/null
/usr/bin/python3 - "$T/lock.db" "$T/stop" >"$T/probe" <<'PYEOF' &
import os, sqlite3, sys, time
db, stop = sys.argv[1], sys.argv[2]
first = last = None
longest = 0.0
while not os.path.exists(stop):
    try:
        c = sqlite3.connect(db, timeout=0, isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        c.execute("ROLLBACK")
        c.close()
        first = None
    except sqlite3.OperationalError:
        now = time.monotonic()
        first = now if first is None else first
        longest = max(longest, now - first)
    time.sleep(0.005)
print("%.2f" % longest)
PYEOF
probe=$!
sleep 0.3
s=$(date +%s%N)
"$PW" import "$T/plan.md" --db "$T/lock.db" >"$T/out"
e=$(date +%s%N)
touch "$T/stop"
wait $probe
echo "lock: $(sed 's/^imported plan [0-9]* version [0-9]*: [^,]*, //' "$T/out") ($(($(wc -c <"$T/plan.md") / 1048576)) MB) imported in $(((e - s) / 1000000)) ms; the write lock was taken for $(cat "$T/probe") s of it"
