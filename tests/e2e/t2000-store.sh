#!/bin/sh
# t2000-store.sh - import, list and show through the binary: what is stored
# reads back exactly as extracted, re-imports change nothing, edits become
# versions, errors name the file and write nothing.
. "$(dirname "$0")/lib.sh"

DB=$T/store.db
PLAN=$FIX/plan.txt
# count TABLE: rows in a table of $DB
count() { sqlite3 "$DB" "SELECT count(*) FROM $1"; }
# fingerprint: row counts of every plan table (equal before/after = nothing written)
fingerprint() {
	sqlite3 "$DB" "SELECT (SELECT count(*) FROM plans) || '/' || (SELECT count(*) FROM plan_versions)
		|| '/' || (SELECT count(*) FROM indicators) || '/' || (SELECT count(*) FROM targets)
		|| '/' || (SELECT count(*) FROM column_items) || '/' || (SELECT count(*) FROM audit_log)"
}
# same_json NAME A B: two JSON files are identical
same_json() { if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; diff "$2" "$3" | head -5 | sed 's/^/#   /'; fi; }
# out_has NAME PATTERN: the last command's stdout matches PATTERN
out_has() { if grep -q -- "$2" "$T/out"; then ok "$1"; else not_ok "$1"; sed 's/^/#   /' "$T/out" | head -5; fi; }

"$PW" extract "$PLAN" --json >"$T/extract.json" 2>/dev/null
nind=$(jq '[.tables[].indicators[]] | length' "$T/extract.json")
nitems=$(jq '[.columns[].items[]] | length' "$T/extract.json")

check "import the fixture" "$PW" import "$PLAN" --db "$DB"
out_has "import reports plan 1 version 1 and its counts" \
	"^imported plan 1 version 1: .*, $nind indicators, .* targets, $nitems projects$"
check "show --json" "$PW" show 1 --json --db "$DB"
cp "$T/out" "$T/show1.json"
same_json "show --json prints exactly what extract --json printed" "$T/extract.json" "$T/show1.json"

before=$(fingerprint)
check "import the same file again" "$PW" import "$PLAN" --db "$DB"
out_has "re-import says unchanged" "^unchanged: plan 1 version 1"
check "re-import wrote nothing" test "$(fingerprint)" = "$before"

# the same text in GB18030 with CRLF decodes to the same text: unchanged
iconv -f UTF-8 -t GB18030 "$PLAN" | sed 's/$/\r/' >"$T/gb.txt"
check "import the GB18030 CRLF copy" "$PW" import "$T/gb.txt" --db "$DB"
out_has "another encoding of the same document is unchanged" "^unchanged: plan 1 version 1"

# an edited document: same plan, version 2
sed '0,/2020年/s//2020 年/' "$PLAN" >"$T/edited.txt"
printf '\n新增的一段话，用来修改文件。\n' >>"$T/edited.txt"
check "import an edited copy" "$PW" import "$T/edited.txt" --db "$DB"
out_has "the edit is version 2 of plan 1" "^imported plan 1 version 2:"
check "one plan, two versions" test "$(count plans)/$(count plan_versions)" = "1/2"
"$PW" extract "$T/edited.txt" --json >"$T/extract2.json" 2>/dev/null
"$PW" show 1 --json --db "$DB" >"$T/show2.json" 2>/dev/null
same_json "show prints the current version" "$T/extract2.json" "$T/show2.json"
"$PW" show 1 --json --version 1 --db "$DB" >"$T/show1b.json" 2>/dev/null
same_json "show --version 1 prints the first version" "$T/extract.json" "$T/show1b.json"

check "list --json" "$PW" list --json --db "$DB"
check "list --json: one plan at version 2 of 2" \
	test "$(jq -c '[length, .[0].id, .[0].version, .[0].versions, .[0].indicators]' "$T/out")" = "[1,1,2,2,$nind]"
check "list --json has title, region and period" \
	jq -e '.[0] | (.title | type == "string") and (.region | type == "string") and (.period.start | type == "number")' "$T/out"
check "list" "$PW" list --db "$DB"
out_has "list shows the plan" "^ *1  v2 "
check "show" "$PW" show 1 --db "$DB"
out_has "show lists both versions" "^  v2 "

# another region is another plan
sed 's/湛河区/某某县/g' "$PLAN" >"$T/other.txt"
check "import another region's plan" "$PW" import "$T/other.txt" --db "$DB"
out_has "it is plan 2" "^imported plan 2 version 1:"

# several files in one command, one of them bad
before=$(fingerprint)
check_fails "import with a missing file exits 3" 3 "$PW" import "$T/edited.txt" "$T/nope.txt" --db "$DB"
grep_err "missing file is named" "cannot open '$T/nope.txt'"
out_has "the good file was imported (unchanged: it is the current version)" "^unchanged: plan 1 version 2"
check "nothing was written" test "$(fingerprint)" = "$before"

: >"$T/empty.txt"
check_fails "empty file exits 3" 3 "$PW" import "$T/empty.txt" --db "$DB"
grep_err "empty file is named" "empty.txt"
printf '一些没有规划内容的文字。\n第二行。\n' >"$T/prose.txt"
check_fails "a document with nothing to store exits 3" 3 "$PW" import "$T/prose.txt" --db "$DB"
grep_err "says nothing was imported" "prose.txt'.*nothing imported"
check "failed imports wrote nothing" test "$(fingerprint)" = "$before"

check_fails "show of a missing plan exits 5" 5 "$PW" show 99 --db "$DB"
grep_err "names the missing plan" "no plan 99"
check_fails "show of a missing version exits 5" 5 "$PW" show 1 --version 7 --db "$DB"
check_fails "show without id exits 2" 2 "$PW" show --db "$DB"
check_fails "show with a bad id exits 2" 2 "$PW" show abc --db "$DB"
check_fails "import without file exits 2" 2 "$PW" import --db "$DB"

# history cannot be rewritten
check "the audit log has one row per stored version" test "$(count audit_log)" = 3
check "audit_log rejects UPDATE" sh -c "! sqlite3 '$DB' \"UPDATE audit_log SET actor = 'x'\" 2>/dev/null"
check "audit_log rejects DELETE" sh -c "! sqlite3 '$DB' 'DELETE FROM audit_log' 2>/dev/null"
check "audit log still has 3 rows" test "$(count audit_log)" = 3

# database trouble
echo "not a database" >"$T/junk.db"
check_fails "a file that is not a database exits 4" 4 "$PW" list --db "$T/junk.db"
grep_err "names the database" "cannot open database '$T/junk.db'"
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
check_fails "a newer schema is refused" 4 "$PW" list --db "$T/newer.db"
grep_err "says the schema is newer" "schema version 999, newer than this planwatch"
check "the schema is versioned" test "$(sqlite3 "$DB" 'PRAGMA user_version')" -ge 2
check "WAL mode" test "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal

# four imports at once into a new database: each waits for the write lock
for r in 甲县 乙县 丙县 丁县; do sed "s/湛河区/$r/g" "$PLAN" >"$T/par-$r.txt"; done
for r in 甲县 乙县 丙县 丁县; do "$PW" import "$T/par-$r.txt" --db "$T/par.db" >"$T/par-$r.out" 2>&1 & done
wait
check "concurrent imports all succeed" test "$(cat "$T"/par-*.out | grep -c '^imported plan [1-4] version 1:')" = 4
check "... as four plans" test "$(sqlite3 "$T/par.db" 'SELECT count(*) FROM plans')" = 4

# default database: $PLANWATCH_DB, else ./planwatch.db
check "PLANWATCH_DB names the database" env PLANWATCH_DB="$T/env.db" "$PW" import "$PLAN"
check "... and it was created" test -s "$T/env.db"
mkdir "$T/cwd"
check "without --db, ./planwatch.db" sh -c "cd '$T/cwd' && env -u PLANWATCH_DB '$PW' import '$PLAN'"
check "... and it was created" test -s "$T/cwd/planwatch.db"
check "--db=PATH form" "$PW" list --db="$DB" --json
check "--db=PATH lists both plans" test "$(jq length "$T/out")" = 2

done_testing
