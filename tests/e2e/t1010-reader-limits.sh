#!/bin/sh
# t1010-reader-limits.sh - hostile input files end in a clean error, never
# in an out-of-memory kill or a hang: the memory budget of the readers
# (docs/limits.md), non-regular files, NUL bytes in a CSV.  Each hostile
# run is under a memory cap well above the budget (prlimit on the plain
# build; ASan's RSS limit on the sanitizer build, whose shadow memory
# makes an address-space cap useless), so that a reader that asks for
# gigabytes is killed or dies of OOM (exit 70) and the check fails.
. "$(dirname "$0")/lib.sh"
DB=$T/pw.db
PY=/usr/bin/python3
pw() { "$PW" "$@" --db "$DB"; }
case $PW in
*build-san*) capped() { ASAN_OPTIONS="${ASAN_OPTIONS:-}:hard_rss_limit_mb=1536" timeout 120 "$@"; } ;;
*) capped() { timeout 120 prlimit --as=$((1536 << 20)) "$@"; } ;;
esac
# no_err NAME PATTERN: the last command's stderr does not match PATTERN
no_err() { if grep -q -- "$2" "$T/err"; then not_ok "$1"; sed 's/^/#   /' "$T/err" | head -5; else ok "$1"; fi; }
# clean NAME CMD...: CMD ends by itself with one of planwatch's own exit
# codes for a refusal (1-5): not killed, not out of memory (70)
clean() {
	name=$1; shift
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -ge 1 ] && [ "$rc" -le 5 ]; then ok "$name"; else not_ok "$name (exit $rc)"; sed 's/^/#   /' "$T/err" | head -5; fi
}
# refused NAME FILE-PATTERN CMD...: CMD exits 3 (bad input) within the cap
# and says the memory limit was exceeded for the file
refused() {
	name=$1; pat=$2; shift 2
	check_fails "$name: exits 3 within the memory cap" 3 capped "$@"
	grep_err "$name: the memory limit named with the file" "$pat.*exceeds the memory limit of [0-9]* MiB"
}

check "import the plan" pw import "$FIX/plan.txt"

# 1. one 1 MiB shared string in 60000 cells: a 5 KB workbook that asked for
#    59 GiB when each cell got its own copy
$PY - "$T/sst.xlsx" <<'PYEOF'
import sys, zipfile
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
cells = '<c t="s"><v>0</v></c>' * 60
rows = ''.join(f'<row r="{i}">{cells}</row>' for i in range(1, 1001))
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/worksheets/sheet1.xml', f'<worksheet {ns}><sheetData>{rows}</sheetData></worksheet>')
    z.writestr('xl/sharedStrings.xml', f'<sst {ns}><si><t>{"A" * (1 << 20)}</t></si></sst>')
PYEOF
check "the shared-string workbook is small" test "$(wc -c <"$T/sst.xlsx")" -lt 20000
clean "one shared string in 60000 cells: read within the cap" capped "$PW" data import "$T/sst.xlsx" --dry-run --db "$DB"
no_err "... no out-of-memory message" "out of memory"
no_err "... no memory limit reached: the string is shared, not copied" "memory limit"

# 2. within every cap on parts, counts and cells, but not on their sum:
#    60 MiB of shared strings and 3.9 M one-digit cells (40 bytes each)
$PY - "$T/big.xlsx" <<'PYEOF'
import sys, zipfile
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
row = '<c><v>1</v></c>' * 1000
rows = ''.join(f'<row r="{i}">{row}</row>' for i in range(1, 3901))
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/sharedStrings.xml', f'<sst {ns}>' + f'<si><t>{"A" * 32000}</t></si>' * 1966 + '</sst>')
    z.writestr('xl/worksheets/sheet1.xml', f'<worksheet {ns}><sheetData>{rows}</sheetData></worksheet>')
PYEOF
refused "60 MiB of strings and 3.9 M cells" "big.xlsx" "$PW" data import "$T/big.xlsx" --dry-run --db "$DB"

# 2b. the same string under a header, where each row's cells are looked up
#     and quoted: longer than a spreadsheet cell, refused while reading
$PY - "$T/hdr.xlsx" <<'PYEOF'
import sys, zipfile
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
hdr = '<row r="1"><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>'
rows = hdr + ''.join(f'<row r="{i}">' + '<c t="s"><v>0</v></c>' * 3 + '</row>' for i in range(2, 20002))
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/worksheets/sheet1.xml', f'<worksheet {ns}><sheetData>{rows}</sheetData></worksheet>')
    z.writestr('xl/sharedStrings.xml', f'<sst {ns}><si><t>{"1" * (1 << 20)}</t></si><si><t>指标名称</t></si>'
               '<si><t>年份</t></si><si><t>填报值</t></si></sst>')
PYEOF
check_fails "a 1 MiB shared string under a header: exits 3 within the cap" 3 capped "$PW" data import "$T/hdr.xlsx" --dry-run --db "$DB"
grep_err "... as longer than a spreadsheet cell" "hdr.xlsx: .*longer than 32767 characters"
{ printf '指标名称,年份,填报值\n'; head -c 40000 /dev/zero | tr '\0' 'x'; printf ',2023,1\n'; } >"$T/long.csv"
check_fails "a CSV field of 40000 characters: exits 3" 3 pw data import "$T/long.csv" --dry-run
grep_err "... naming file and line" "long.csv:2: error: a field longer than 32767 characters"

# 3. 64 MiB of line ends: the line table cost 2.2 GB
head -c $((64 << 20)) /dev/zero | tr '\0' '\n' >"$T/nl.txt"
refused "64 MiB of line ends (extract)" "nl.txt" "$PW" extract "$T/nl.txt"

# 4. 60 MB of line ends in a CSV: 2 GB
head -c 60000000 /dev/zero | tr '\0' '\n' >"$T/nl.csv"
clean "60 MB of line ends in a CSV: read within the cap" capped "$PW" data import "$T/nl.csv" --dry-run --db "$DB"
no_err "... no out-of-memory message" "out of memory"

# 5. a CSV of 32 M one-character records: rows and cells past the budget
head -c 32000000 /dev/zero | tr '\0' '\n' | sed 's/^/1/' >"$T/ones.csv"
refused "32 M one-character records" "ones.csv" "$PW" data import "$T/ones.csv" --dry-run --db "$DB"

# ---- not a regular file --------------------------------------------------
mkfifo "$T/fifo.txt" "$T/fifo.csv" "$T/fifo.xlsx"
check_fails "a FIFO to extract: refused, not waited on" 3 timeout 10 "$PW" extract "$T/fifo.txt"
grep_err "a FIFO to extract: named" "fifo.txt.*not a regular file"
check_fails "a FIFO as CSV data: refused" 3 timeout 10 "$PW" data import "$T/fifo.csv" --db "$DB"
grep_err "a FIFO as CSV data: named" "fifo.csv.*not a regular file"
check_fails "a FIFO as a workbook: refused" 3 timeout 10 "$PW" data import "$T/fifo.xlsx" --db "$DB"
grep_err "a FIFO as a workbook: named" "fifo.xlsx.*not a regular file"
mkdir "$T/dir.csv"
check_fails "a directory as CSV data: refused" 3 timeout 10 "$PW" data import "$T/dir.csv" --db "$DB"
grep_err "a directory: named" "dir.csv.*not a regular file"
check_fails "a device to extract: refused" 3 timeout 10 "$PW" extract /dev/zero
grep_err "a device: named" "/dev/zero.*not a regular file"

# ---- a NUL byte in a CSV -------------------------------------------------
printf 'a,b\n1,2\n3,\0004\n' >"$T/nul.csv"
check_fails "a NUL byte in a CSV: exits 3" 3 pw data import "$T/nul.csv" --dry-run
grep_err "a NUL byte: file and line named" "nul.csv:3:3: error: .*NUL byte"
no_err "... not called a plan text" "plan text"
done_testing
