#!/bin/sh
# seeds.sh O - seeds O/corpus-<target> for each fuzz target (tests/fuzz/run.sh,
# tests/fuzz/coverage.sh).  Files already there (found by earlier runs) stay.
#   fuzz_extract: the plan texts of data/ and tests/data/ (UTF-8, CRLF,
#                 Markdown), plus one in GB18030 and one in UTF-16;
#   fuzz_sheet:   the CSVs of data/ and tests/, the project's own templates
#                 (template --xlsx and --csv, from a plain build), workbooks
#                 made by tests/fuzz/seeds.py (by hand and by openpyxl) and
#                 their XML parts.
set -e
O=${1:-build-fuzz}
cd "$(dirname "$0")/../.."
mkdir -p "$O/corpus-fuzz_extract" "$O/corpus-fuzz_sheet" "$O/seed-tmp"
T=$O/seed-tmp
find data tests/data -type f \( -name '*.txt' -o -name '*.md' \) -size -64k \
	-exec cp {} "$O/corpus-fuzz_extract/" \;
head -c 4000 data/zhanhe-14th-plan.txt | iconv -f UTF-8 -t GB18030 -c >"$O/corpus-fuzz_extract/gb18030.txt" || true
head -c 4000 data/zhanhe-14th-plan.txt | iconv -f UTF-8 -t UTF-16 -c >"$O/corpus-fuzz_extract/utf16.txt" || true

find data tests -type f -name '*.csv' -size -64k -exec cp {} "$O/corpus-fuzz_sheet/" \;
# the project's own templates, as a unit receives them
books=
if make -s all >/dev/null 2>&1 && [ -x build/planwatch ]; then
	db=$T/seed.db
	rm -f "$db"
	pw() { build/planwatch "$@" --db "$db" >/dev/null 2>&1; }
	if pw import data/zhanhe-14th-plan.txt && pw unit add 统计局 &&
		pw assign --indicator 2:3 --unit 统计局 && pw assign --indicator 2:1 --unit 统计局 &&
		pw record --indicator 2:3 --year 2022 --value 81.2 --source 公报; then
		pw template --unit 统计局 --year 2023 --xlsx -o "$T/template.xlsx" && books="$T/template.xlsx"
		pw template --unit 统计局 --year 2024 --csv -o "$O/corpus-fuzz_sheet/template.csv" || true
	fi
fi
[ -n "$books" ] || echo "seeds.sh: no template workbook (plain build failed?)" >&2
/usr/bin/python3 tests/fuzz/seeds.py "$O/corpus-fuzz_sheet" $books
echo "seeds: $(ls "$O/corpus-fuzz_extract" | wc -l) for fuzz_extract," \
	"$(ls "$O/corpus-fuzz_sheet" | wc -l) for fuzz_sheet" >&2
