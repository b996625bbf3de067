#!/bin/sh
# check-layers.sh - the include graph of src/ has no upward edge.
#
# Layers, low to high (a file may include its own folder and any folder
# of a lower layer; folders on one layer do not include each other):
#
#   1 util     strbuf, errors, allocation
#   2 text     decoding, UTF-8, numbers and comparators, JSON emitter,
#              CSV field writer
#   3 model    the plan, series of values, the plan's JSON, target wording
#   4 ingest   document -> plan
#   4 assess   the assessment engine, on model types only
#   5 store    SQLite: plans, monitoring data
#   5 lint     checking a plan document (on the plan ingest reads)
#   6 monitor  sheets, templates, batches of monitoring data
#   7 eval     one evaluation of a stored plan (gathered from the store)
#   8 report   report writers: render an evaluation, nothing else
#   9 web      the HTTP server and JSON API: calls the same library as cli
#  10 cli      command handlers (serve and user start or use web/)
#  11 main.c   dispatch
#
# Besides the order, two edges the layering would allow are refused:
# store -> assess (the store keeps data, it does not judge) and
# report -> monitor (reports and monitoring share only lower layers).
# And a folder's internal header (NAME_internal.h: store/store_internal.h,
# the connection's layout, its statement cache, migrations) is included
# from that folder only: other layers use its public headers
# (store/plan_rows.h gives eval/gather.c the rows it merges).
#
# Prints each bad edge as "file: includes dir/header (upward)" and exits 1
# when there is one.  Usage: tools/check-layers.sh [srcdir]
SRC=${1:-$(cd "$(dirname "$0")/.." && pwd)/src}

rank() {
	case $1 in
	util) echo 1 ;; text) echo 2 ;; model) echo 3 ;;
	ingest | assess) echo 4 ;; store | lint) echo 5 ;; monitor) echo 6 ;;
	eval) echo 7 ;; report) echo 8 ;; web) echo 9 ;; cli) echo 10 ;; main.c) echo 11 ;;
	*) echo 0 ;;
	esac
}

bad=0
find "$SRC" -name '*.[ch]' | sort >/tmp/pw-layers.$$
while read -r f; do
	rel=${f#"$SRC"/}
	from=${rel%%/*}
	rf=$(rank "$from")
	if [ "$rf" = 0 ]; then
		echo "$rel: folder '$from' has no layer (add it to tools/check-layers.sh)"
		bad=1
		continue
	fi
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		to=${inc%%/*}
		[ "$to" = "$inc" ] && continue # same-folder or system-style include
		[ "$to" = "$from" ] && continue
		rt=$(rank "$to")
		why=
		if [ "$rt" = 0 ]; then why="unknown folder"
		elif [ "$rt" -gt "$rf" ]; then why="upward"
		elif [ "$rt" = "$rf" ]; then why="sideways"
		elif [ "$from/$to" = store/assess ] || [ "$from/$to" = report/monitor ]; then
			why="refused edge"
		elif [ "${inc%_internal.h}" != "$inc" ]; then
			why="internal header of another folder"
		fi
		if [ -n "$why" ]; then
			echo "$rel: includes $inc ($why: $from -> $to)"
			bad=1
		fi
	done
done </tmp/pw-layers.$$
rm -f /tmp/pw-layers.$$
[ $bad = 0 ] && echo "layers: no upward include in $SRC"
exit $bad
