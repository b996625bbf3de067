#!/bin/sh
# t5100-browser.sh - the site in a real browser (tests/browser/site.test.js):
# Debian's chromium, headless, driven by npm playwright-core; axe-core on
# every public page; the editor -> planner -> public page scenario; the
# 演示数据 banner while only the demonstration database has values.
# Screenshots go to <build>/test-output/screenshots/.  Skips (with a line
# saying why) only when chromium or the npm packages cannot be installed.
. "$(dirname "$0")/lib.sh"
BR=$TOP/tests/browser
OUT=$(dirname "$PW")/test-output/screenshots
if [ ! -x /usr/bin/chromium ]; then
	echo "ok 1 - # SKIP chromium is not installed (Debian package chromium; tools/install-deps.sh installs it as root)"
	exit 0
fi
if [ ! -d "$BR/node_modules/playwright-core" ] || [ ! -d "$BR/node_modules/axe-core" ]; then
	(cd "$BR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1)
	if [ ! -d "$BR/node_modules/playwright-core" ]; then
		echo "ok 1 - # SKIP npm ci in tests/browser failed (no registry?)"
		exit 0
	fi
fi
mkdir -p "$OUT"

# the database: the plan and who leads what, no value yet; the demo beside it
DB=$T/site.db
DEMO=$T/demo.db
check "import the plan" "$PW" import "$TOP/data/zhanhe-14th-plan.txt" --db "$DB"
check "assign the units" "$PW" assign import "$TOP/data/demo/演示数据-责任分工.csv" --db "$DB" --by test
check "the demonstration database" sh "$TOP/data/demo/load-demo.sh" "$PW" "$DEMO"
check "an editor" sh -c "echo editor-pass-1 | '$PW' user add editor1 --role editor --unit 区发展改革委 --db '$DB'"
check "a planner" sh -c "echo planner-pass-1 | '$PW' user add planner1 --role planner --db '$DB'"
IND=$("$PW" assess --db "$DB" --json 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(next(i["id"] for i in d["indicators"] if i.get("lead_unit") == "区发展改革委" and i["unit"] == "%"))')
[ -n "$IND" ] && ok "an indicator of the editor's unit ($IND)" || not_ok "an indicator of the editor's unit"
check "its limits, set by the planning office" "$PW" limit --indicator "$IND" --min 0 --max 50 --db "$DB"

# the static copy: every relative link of every page leads to a file
check "publish" "$PW" publish --db "$DEMO" -o "$T/pub"
check "the static pages' links resolve" python3 -c '
import os, re, sys
root = sys.argv[1]; bad = []; n = 0
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html") or "/reports/" in d: continue
        n += 1
        for h in re.findall(r"(?:href|src)=\"([^\"#:]+)\"", open(os.path.join(d, f)).read()):
            if not os.path.exists(os.path.normpath(os.path.join(d, h))): bad.append((d, h))
print(n, "pages"); sys.exit(1 if bad or n < 20 else 0)' "$T/pub"
check "static overview has the demo numbers and no server link" sh -c "grep -q '指标完成情况' '$T/pub/plans/1/index.html' && ! grep -q 'href=\"/' '$T/pub/plans/1/index.html'"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PW" serve --db "$DB" --demo-db "$DEMO" --port "$PORT" --access-log "$T/access.log" 2>"$T/serve.err" &
SERVER=$!
# the static copy on a plain static file server
SPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$T/pub" "$SPORT" >/dev/null 2>&1 &
STATIC_SERVER=$!
trap 'kill $SERVER $STATIC_SERVER 2>/dev/null; rm -rf "$T"' EXIT
for p in "$PORT" "$SPORT"; do
	for _ in $(seq 50); do
		curl -s -o /dev/null "http://127.0.0.1:$p/" && break
		sleep 0.1
	done
done
if BASE=http://127.0.0.1:$PORT OUT=$OUT INDICATOR=$IND STATIC=http://127.0.0.1:$SPORT timeout 300 node "$BR/site.test.js" >"$T/out" 2>"$T/err"; then
	ok "browser: pages, charts, axe, entry, approval ($(cat "$T/out"))"
else
	not_ok "browser scenario"
	sed 's/^/#   /' "$T/err" | head -40
	tail -5 "$T/serve.err" | sed 's/^/#   /'
fi
kill "$SERVER" "$STATIC_SERVER"
wait "$SERVER" "$STATIC_SERVER" 2>/dev/null
done_testing
