#!/bin/sh
# t1000-input.sh - reading documents: encodings, line ends, bad input.
. "$(dirname "$0")/lib.sh"

check "extract the fixture" "$PW" extract "$FIX/plan.txt" --json
cp "$T/out" "$T/utf8.json"
check "extract the fixture as text" "$PW" extract "$FIX/plan.txt"
same "a growth target's rate is in %, not the indicator's unit" \
	"$(grep -c 'growth [a-z]* [0-9.]* %' "$T/out") $(grep -c 'growth [a-z]* [0-9.]* 亿元' "$T/out")" \
	"$(grep -c 'growth' "$T/out") 0"

# GB18030 + CRLF gives the same tables, targets and columns
iconv -f UTF-8 -t GB18030 "$FIX/plan.txt" | sed 's/$/\r/' >"$T/gb.txt"
check "extract GB18030 CRLF" "$PW" extract "$T/gb.txt" --json
cp "$T/out" "$T/gb.json"
check "GB18030 CRLF same as UTF-8" sh -c "jq -S 'del(.source)' '$T/utf8.json' >'$T/a' && jq -S 'del(.source)' '$T/gb.json' >'$T/b' && cmp '$T/a' '$T/b'"

# UTF-16LE with BOM, CR-only line ends
{ printf '\377\376'; tr '\n' '\r' <"$FIX/plan.txt" | iconv -f UTF-8 -t UTF-16LE; } >"$T/u16.txt"
check "extract UTF-16LE CR" "$PW" extract "$T/u16.txt" --json
cp "$T/out" "$T/u16.json"
check "UTF-16LE same as UTF-8" sh -c "jq -S 'del(.source)' '$T/u16.json' >'$T/c' && cmp '$T/a' '$T/c'"

: >"$T/empty.txt"
check_fails "empty file exits 3" 3 "$PW" extract "$T/empty.txt"
grep_err "empty file named" "empty.txt: empty file"

head -c 4096 /dev/urandom >"$T/bin.dat"; printf '\0' >>"$T/bin.dat"
check_fails "binary file exits 3" 3 "$PW" extract "$T/bin.dat"

{ head -n 40 "$FIX/plan.txt"; printf '\377\n'; } >"$T/bad.txt"
check_fails "invalid UTF-8 mid-file exits 3" 3 "$PW" extract "$T/bad.txt"
grep_err "invalid UTF-8 names file and line" "bad.txt:41:1: error: invalid UTF-8"

check_fails "missing file exits 3" 3 "$PW" extract "$T/nope.txt"
grep_err "missing file named" "cannot open '$T/nope.txt'"

check_fails "unknown command exits 2" 2 "$PW" frobnicate
check_fails "extract without file exits 2" 2 "$PW" extract

# a truncated table: cut the document inside 表1
awk 'NR<=60' "$FIX/plan.txt" >"$T/trunc.txt"
check "truncated table is best effort" "$PW" extract "$T/trunc.txt" --json

truncate -s 200M "$T/huge.txt"
check_fails "200 MB file is refused with exit 3" 3 "$PW" extract "$T/huge.txt"
grep_err "too large names file and limit" "huge.txt: file too large"

done_testing
