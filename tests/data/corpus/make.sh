#!/bin/sh
# make.sh - regenerates the corpus documents whose bytes cannot be edited
# as plain UTF-8 text.  The sources live in src/; the outputs are
# committed too, so the checker never needs this script at test time.
#
#   src/province-14th-gbk.utf8.txt -> province-14th-gbk.txt (GB18030 bytes)
#   src/county-crlf.lf.txt         -> county-crlf.txt       (UTF-8, CRLF)
#   src/annual-plan-city-crlf.lf.txt -> annual-plan-city-crlf.txt (UTF-8, CRLF)
set -eu
cd "$(dirname "$0")"
iconv -f UTF-8 -t GB18030 src/province-14th-gbk.utf8.txt >province-14th-gbk.txt
sed 's/$/\r/' src/county-crlf.lf.txt >county-crlf.txt
sed 's/$/\r/' src/annual-plan-city-crlf.lf.txt >annual-plan-city-crlf.txt
