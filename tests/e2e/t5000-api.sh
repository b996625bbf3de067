#!/bin/sh
# t5000-api.sh - the JSON API of "planwatch serve" (docs/api.md): routes
# and shapes of CONTRACT.md, sign-in, CSRF and per-unit authorisation of
# every write route, validation errors, concurrent writers and readers,
# idle expiry, sign-in throttling and a clean stop on SIGTERM.  The checks
# are in api_test.py (standard library only); it kills its servers.
set -u
: "${PW:?PW must name the planwatch binary}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$TOP/tests/e2e/api_test.py" "$PW" "$TOP/data/zhanhe-14th-plan.txt"
