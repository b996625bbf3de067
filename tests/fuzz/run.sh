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
for f in tests/fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	clang -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -include src/util/banned.h \
		-fsanitize=fuzzer,address,undefined "$f" $O/libplanwatch.a \
		$(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd xlsxwriter libzip expat libutf8proc) \
		-lm -lpthread -o $O/$name
	echo "fuzzing $name for $SECS s" >&2
	$O/$name -max_total_time="$SECS" -max_len=65536 -rss_limit_mb=2048 $O/corpus
done
