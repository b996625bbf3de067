#!/bin/sh
# run.sh - "make fuzz": builds each tests/fuzz/fuzz_*.c with clang's
# libFuzzer + ASan/UBSan and runs it for FUZZ_SECONDS (default 60) on its
# own corpus, build-fuzz/corpus-<target>, seeded by tests/fuzz/seeds.sh
# (plan texts for fuzz_extract; CSVs, real workbooks and their XML parts
# for fuzz_sheet).  After each run it prints the target's final coverage
# (libFuzzer's cov/ft/execs) as one "coverage:" line; the full log is in
# build-fuzz/<target>.log.  FUZZ_TARGETS limits the targets run, FUZZ_JOBS
# runs them side by side, FUZZ_RSS_MB is the memory limit of each.
set -e
cd "$(dirname "$0")/../.."
SECS=${FUZZ_SECONDS:-60}
O=build-fuzz
make -s O=$O CC=clang EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined" \
	EXTRA_LDFLAGS="-fsanitize=address,undefined" $O/libplanwatch.a
sh tests/fuzz/seeds.sh $O
# the document readers get seeds of their own format, made from small
# corpus plans: .docx and .html by tests/formats/mkdocs.py, PDF text by
# pdftotext from a LibreOffice PDF when LibreOffice is there
for r in docx html pdf; do mkdir -p $O/corpus-fuzz_$r; done
for doc in tests/data/corpus/unit-note.txt tests/data/corpus/no-serial.txt; do
	b=$(basename "$doc" .txt)
	python3 tests/formats/mkdocs.py "$doc" $O/seeds "$b" >/dev/null 2>&1 || continue
	cp $O/seeds/"$b".docx $O/corpus-fuzz_docx/
	unzip -p $O/seeds/"$b".docx word/document.xml >$O/corpus-fuzz_docx/"$b".xml 2>/dev/null ||
		python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' \
			$O/seeds/"$b".docx >$O/corpus-fuzz_docx/"$b".xml
	cp $O/seeds/"$b".html $O/seeds/"$b"-gbk.html $O/corpus-fuzz_html/
	if command -v soffice >/dev/null 2>&1; then
		soffice -env:UserInstallation=file://$PWD/$O/seeds/profile --headless \
			--convert-to pdf --outdir $O/seeds $O/seeds/"$b".docx >/dev/null 2>&1 &&
			pdftotext -layout $O/seeds/"$b".pdf $O/corpus-fuzz_pdf/"$b".txt
	fi
	cp "$doc" $O/corpus-fuzz_pdf/
done
LIBS=$(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd xlsxwriter libzip expat libutf8proc libxml-2.0)
targets=${FUZZ_TARGETS:-$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c; done)}
for name in $targets; do
	clang -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -include src/util/banned.h \
		-fsanitize=fuzzer,address,undefined "tests/fuzz/$name.c" $O/libplanwatch.a \
		$LIBS -lm -lpthread -o $O/$name
done

# run_one NAME: fuzzes NAME for SECS seconds; crashes go to $O/crash-NAME-*.
run_one() {
	echo "fuzzing $1 for $SECS s (corpus $O/corpus-$1)" >&2
	mkdir -p "$O/corpus-$1" # a target without seeds starts from nothing
	rc=0
	$O/$1 -max_total_time="$SECS" -max_len=65536 -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
		-print_final_stats=1 -artifact_prefix="$O/crash-$1-" "$O/corpus-$1" \
		>"$O/$1.log" 2>&1 || rc=$?
	# the last status line: "#N DONE cov: X ft: Y corp: ..."
	last=$(grep -E '^#[0-9]+' "$O/$1.log" | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$O/$1.log")
	echo "coverage: $1 cov $(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')" \
		"ft $(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')" \
		"corpus $(ls "$O/corpus-$1" | wc -l) execs ${execs:-?} exit $rc"
	[ $rc = 0 ] || { tail -40 "$O/$1.log" >&2; return 1; }
}

fail=0
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
	pids=
	for name in $targets; do
		run_one "$name" >"$O/$name.summary" &
		pids="$pids $!"
	done
	for p in $pids; do wait "$p" || fail=1; done
	for name in $targets; do cat "$O/$name.summary"; done
else
	for name in $targets; do run_one "$name" || fail=1; done
fi
exit $fail
