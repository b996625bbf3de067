#!/bin/sh
# coverage.sh - "make fuzz-coverage": which lines of the readers the fuzz
# corpora reach.  Builds the library and each fuzz target once with clang's
# source-based coverage (-fprofile-instr-generate -fcoverage-mapping, in
# build-cov/), replays each target's corpus (build-fuzz/corpus-<target>,
# seeded first if empty) without fuzzing, merges the profiles and prints
# llvm-cov's report for the reader files, then the functions of
# xlsx_read.c (the worksheet and shared-string callbacks) with their line
# coverage.  The full per-line listing goes to build-cov/readers.txt.
set -e
cd "$(dirname "$0")/../.."
O=build-cov
PROF="-fprofile-instr-generate -fcoverage-mapping"
BIN=/usr/lib/llvm-14/bin
[ -x $BIN/llvm-cov ] || BIN=$(dirname "$(command -v llvm-cov)")
make -s O=$O CC=clang CFLAGS="-O0 -g" EXTRA_CFLAGS="$PROF -fsanitize=fuzzer-no-link" \
	EXTRA_LDFLAGS="$PROF" $O/libplanwatch.a
[ -d build-fuzz/corpus-fuzz_sheet ] || sh tests/fuzz/seeds.sh build-fuzz
LIBS=$(pkg-config --libs sqlite3 jansson libsodium libmicrohttpd xlsxwriter libzip expat libutf8proc)
objs=
rm -f $O/*.profraw
for f in tests/fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	clang -std=c11 -D_GNU_SOURCE -g -O0 -Isrc -include src/util/banned.h $PROF \
		-fsanitize=fuzzer "$f" $O/libplanwatch.a $LIBS -lm -lpthread -o $O/$name
	# -runs=0 with a folder: every file executed once, nothing mutated
	LLVM_PROFILE_FILE="$O/$name.profraw" $O/$name -runs=0 -rss_limit_mb=4096 \
		"build-fuzz/corpus-$name" >$O/$name.replay.log 2>&1
	echo "replayed $(ls "build-fuzz/corpus-$name" | wc -l) inputs of $name" >&2
	# llvm-cov takes the first binary as is, the others after -object
	objs="${objs:+$objs -object }$O/$name"
done
$BIN/llvm-profdata merge -sparse $O/*.profraw -o $O/fuzz.profdata
files="src/monitor/xlsx_read.c src/monitor/csv.c src/monitor/sheet.c src/text/doc.c"
# shellcheck disable=SC2086
$BIN/llvm-cov report $objs -instr-profile=$O/fuzz.profdata $files
# shellcheck disable=SC2086
$BIN/llvm-cov report $objs -instr-profile=$O/fuzz.profdata -show-functions \
	src/monitor/xlsx_read.c
# shellcheck disable=SC2086
$BIN/llvm-cov show $objs -instr-profile=$O/fuzz.profdata $files >$O/readers.txt
echo "line by line: $O/readers.txt" >&2
