#!/bin/sh
# run.sh - "make fuzz": builds each tests/fuzz/fuzz_*.c with clang's
# libFuzzer + ASan/UBSan and runs it for FUZZ_SECONDS (default 60), seeded
# with the fixture and the test documents.
set -e
cd "$(dirname "$0")/../.."
SECS=${FUZZ_SECONDS:-60}
O=build-fuzz
make -s O=$O CC=clang EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined" \
	EXTRA_LDFLAGS="-fsanitize=address,undefined" $O/libplanwatch.a
mkdir -p $O/corpus
cp data/*.txt $O/corpus/ 2>/dev/null || true
find tests/data data -type f \( -name '*.txt' -o -name '*.md' -o -name '*.csv' -o -name '*.xlsx' \) -exec cp {} $O/corpus/ \; 2>/dev/null || true
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
for f in tests/fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	clang -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -include src/util/banned.h \
		-fsanitize=fuzzer,address,undefined "$f" $O/libplanwatch.a \
		$(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd xlsxwriter libzip expat libutf8proc libxml-2.0) \
		-lm -lpthread -o $O/$name
	echo "fuzzing $name for $SECS s" >&2
	corpus=$O/corpus
	[ -d $O/corpus-$name ] && corpus=$O/corpus-$name
	$O/$name -max_total_time="$SECS" -max_len=65536 -rss_limit_mb=2048 $corpus
done
