#!/bin/sh
# run-unit.sh BIN... - runs each cmocka test binary; cmocka prints its own
# summary on stderr.  Fails if any binary fails.
fail=0
for t in "$@"; do
	"$t" || { echo "FAILED: $t" >&2; fail=1; }
done
exit $fail
