#!/bin/sh
# t3000-assess.sh - "planwatch assess": completion tables of other plans
# (hand-derived expectations in tests/data/assess/), options, in-period
# years, the --db form and usage errors.  The 湛河 表1 golden test is
# tests/golden/check_evaluation.py, run by run-all.sh.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data/assess
CHK=$TOP/tests/golden/check_evaluation.py

check "county 十二五 table, 5% tolerance" python3 "$CHK" "$PW" "$D/county-12th.md" "$D/county-12th.expected.json"
check "county 十二五 table, 20% tolerance" python3 "$CHK" "$PW" "$D/county-12th.md" "$D/county-12th.tol20.expected.json"

# GB18030 + CRLF gives the same evaluation
iconv -f UTF-8 -t GB18030 "$FIX/plan.txt" | sed 's/$/\r/' >"$T/gb.txt"
check "GB18030 CRLF evaluation" python3 "$CHK" "$PW" "$T/gb.txt" "$FIX/expected-13th-evaluation.json"

# before the actuals' year every row has no data (in-period statuses)
check "assess --year 2018" "$PW" assess "$FIX/plan.txt" --year 2018 --json
check "2018: all no_data or not_assessable" sh -c \
	"jq -e '[.indicators[].status] | all(. == \"no_data\" or . == \"not_assessable\")' '$T/out'"
check "text output has Chinese labels" sh -c "'$PW' assess '$FIX/plan.txt' | grep -q '未完成'"
check "text output counts" sh -c "'$PW' assess '$FIX/plan.txt' | grep -q '合计 32 项'"

# a 2021-2025 table carrying 2023 values, assessed at its end year 2025: no
# verdict without end-year data, but in-period statuses marked provisional.
# By hand: 城镇化率 80 -> 83以上, 2023 expected 80 + 3*3/5 = 81.8, 81.5 gives
# R = 1.5/1.8 = 0.83 -> lagging; 生产总值 CAGR (612.52/500)^(1/3) - 1 = 7.00%
# against 7左右 -> R = 1 -> on_track; 失业率 4.8 keeps 5.5以下 -> on_track.
check "assess a mid-period table at its end year" "$PW" assess "$D/city-14th-midway.md" --json
check "no final verdict from 2023 data" sh -c \
	"jq -e '[.indicators[].targets[] | select(.final or .status == \"met\" or .status == \"not_met\")] | length == 0' '$T/out'"
check "every target provisional" sh -c \
	"jq -e '[.indicators[] | .provisional] | all' '$T/out'"
check "provisional statuses by hand" sh -c \
	"jq -e '[.indicators[].targets[].status] == [\"lagging\", \"on_track\", \"lagging\", \"on_track\"]' '$T/out'"
check "text output says provisional" sh -c \
	"'$PW' assess '$D/city-14th-midway.md' | grep -q '暂定：期末数据未报送'"

# the stored plan gives the same evaluation from the table's own actuals
check "import" "$PW" import "$FIX/plan.txt" --db "$T/p.db"
check "assess --db --year 2020" "$PW" assess --db "$T/p.db" --year 2020 --json
check "--db: 17 met, 11 not met, 4 not assessable" sh -c \
	"jq -e '.summary == {\"met\": 17, \"not_met\": 11, \"not_assessable\": 4}' '$T/out'"

check_fails "bad tolerance exits 2" 2 "$PW" assess "$FIX/plan.txt" --tolerance abc
check_fails "bad year exits 2" 2 "$PW" assess "$FIX/plan.txt" --year 20x0
check_fails "no file exits 2" 2 "$PW" assess
check_fails "missing file exits 3" 3 "$PW" assess "$T/nope.txt"
check_fails "unknown plan exits 5" 5 "$PW" assess --db "$T/p.db" --plan 9
done_testing
