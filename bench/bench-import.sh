#!/bin/sh
# bench/bench-import.sh - a province's monitoring file (issue 3, review of
# the monitoring side): a generated plan of 10 tables x 834 indicators
# (Markdown tables, imported with `planwatch import`) and a CSV of 50,040
# values (every indicator, 2020-2025), each row naming its indicator by
# 表/序号/指标名称 (序号 1-9 in full-width digits, one value in seven in 亿元,
# converted).  Prints the time of
#   - validation alone (`data import --dry-run`: read, resolve, check),
#     goal well under 1 s;
#   - the import (`data import --state approved`: a submitted and an
#     approved row per value, each audited, one transaction);
#   - the same file again (every value unchanged: nothing written), and
#     that the database is byte-for-byte the same afterwards.
# Environment: PW (default ./planwatch), BENCH_KEEP=DIR keeps the files.
set -e
cd "$(dirname "$0")/.."
PW=${PW:-./planwatch}
T=${BENCH_KEEP:-$(mktemp -d)}
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
mkdir -p "$T"
rm -f "$T/import.db" "$T/import.db-wal" "$T/import.db-shm"

/usr/bin/python3 - "$T" <<'PYEOF'
import sys
d = sys.argv[1]
TABLES, ROWS = 10, 834
plan = ["大省国民经济和社会发展第十四个五年规划纲要（基准测试用，虚构）", "", "第一章 发展目标", ""]
for k in range(1, TABLES + 1):
    plan += ["表%d “十四五”时期第%d组主要指标" % (k, k), "",
             "| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |", "|---|---|---|---|---|---|"]
    plan += ["| %d | 指标%d-%d | 万元 | %d | %d | 预期性 |" % (i, k, i, 100 + i % 7, 150)
             for i in range(1, ROWS + 1)]
    plan.append("")
open(d + "/plan.md", "w", encoding="utf-8").write("\n".join(plan) + "\n")
full = "０１２３４５６７８９"
out = ["表,序号,指标名称,年份,数值,单位"]
n = 0
for k in range(1, TABLES + 1):
    for i in range(1, ROWS + 1):
        for y in range(2020, 2026):
            v = 100 + i % 7 + (y - 2020) * 2.5
            no = full[i] if i < 10 else str(i)
            if n % 7:
                out.append("表%d,%s,指标%d-%d,%d,%.1f,万元" % (k, no, k, i, y, v))
            else:
                out.append("表%d,%s,指标%d-%d,%d,%.6f,亿元" % (k, no, k, i, y, v / 1e4))
            n += 1
open(d + "/values.csv", "w", encoding="utf-8").write("\n".join(out) + "\n")
PYEOF

ms() { # ms CMD...: wall time of one run in milliseconds (output in $T/last)
	s=$(date +%s%N); "$@" >"$T/last" 2>"$T/last.err"; e=$(date +%s%N); echo $(((e - s) / 1000000))
}
DB=$T/import.db
rows=$(($(wc -l <"$T/values.csv") - 1))
t=$(ms "$PW" import "$T/plan.md" --db "$DB")
echo "import: plan of $(sqlite3 "$DB" 'SELECT count(*) FROM indicators') indicators in $t ms"
t=$(ms "$PW" data import "$T/values.csv" --dry-run --db "$DB")
grep -q "$rows values valid" "$T/last" || { cat "$T/last" "$T/last.err" >&2; exit 1; }
echo "import: $rows values validated (dry run: read, resolve by 表/序号/指标名称, check) in $t ms (goal well under 1000 ms)"
t=$(ms "$PW" data import "$T/values.csv" --state approved --by bench --db "$DB")
grep -q "$rows values imported" "$T/last" || { cat "$T/last" "$T/last.err" >&2; exit 1; }
echo "import: $rows values imported as approved (validation, then $(sqlite3 "$DB" 'SELECT count(*) FROM observations') rows and their audit rows in one transaction) in $t ms"
sqlite3 "$DB" .dump >"$T/before.sql"
t=$(ms "$PW" data import "$T/values.csv" --state approved --by bench --db "$DB")
grep -q "0 values imported, $rows unchanged" "$T/last" || { cat "$T/last" "$T/last.err" >&2; exit 1; }
sqlite3 "$DB" .dump >"$T/after.sql"
same=no
cmp -s "$T/before.sql" "$T/after.sql" && same=yes
echo "import: the same file again: $rows values unchanged in $t ms; database unchanged: $same"
