#!/bin/sh
# t0120-messages-zh.sh - messages in the user's language (docs/cli.md,
# "Language"): with a Chinese locale an error and the help come out in
# Chinese, with LANG=C in English; this works whether or not the machine
# has the zh_CN.UTF-8 locale generated; enum words are taken in Chinese.
. "$(dirname "$0")/lib.sh"
unset LC_MESSAGES
PLAN=$TOP/data/zhanhe-14th-plan.txt
DB=$T/pw.db
"$PW" import "$PLAN" --db "$DB" >/dev/null 2>&1 || not_ok "import the plan"
pw() { "$PW" "$@" --db "$DB"; }
# zh ENV...: run the rest of the line with the environment given
zh() { env -u LANGUAGE -u LC_ALL "$@"; }

zh LANG=zh_CN.UTF-8 "$PW" show 99 --db "$DB" >"$T/out" 2>"$T/err"
[ $? = 5 ] && ok "a Chinese error keeps its exit code" || not_ok "a Chinese error keeps its exit code"
grep_err "the error in Chinese" "错误: .*中没有规划 99"
zh LANG=C "$PW" show 99 --db "$DB" >"$T/out" 2>"$T/err"
grep_err "the same error in English with LANG=C" "^error: no plan 99 in"

zh LANG=zh_CN.UTF-8 "$PW" assess --help >"$T/out" 2>"$T/err"
grep -q "^  --threads N *与 --all 合用" "$T/out" && ok "a help line in Chinese" || not_ok "a help line in Chinese"
grep -q "^用法" "$T/out" && ok "the usage word in Chinese" || not_ok "the usage word in Chinese"
zh LANG=C "$PW" assess --help >"$T/out" 2>&1
grep -q "^  --threads N *with --all" "$T/out" && ok "the help line in English with LANG=C" ||
	not_ok "the help line in English with LANG=C"
zh LC_ALL=zh_CN.UTF-8 "$PW" --help >"$T/out" 2>&1
grep -q "退出码" "$T/out" && ok "LC_ALL chooses Chinese too" || not_ok "LC_ALL chooses Chinese too"
zh LANG=C.UTF-8 LANGUAGE=zh_CN "$PW" --help >"$T/out" 2>&1
grep -q "退出码" "$T/out" && ok "LANGUAGE=zh_CN chooses Chinese" || not_ok "LANGUAGE=zh_CN chooses Chinese"
# a locale the machine surely lacks: the language is still Chinese
zh LANG=zh_CN.NO-SUCH-CODESET "$PW" --help >"$T/out" 2>&1
grep -q "退出码" "$T/out" && ok "Chinese without the locale generated" ||
	not_ok "Chinese without the locale generated"
# numbers keep their decimal point in a Chinese locale
zh LANG=zh_CN.UTF-8 "$PW" assess "$FIX/plan.txt" --json >"$T/zh.json" 2>/dev/null
zh LANG=C "$PW" assess "$FIX/plan.txt" --json >"$T/c.json" 2>/dev/null
cmp -s "$T/zh.json" "$T/c.json" && ok "JSON is the same in every language" ||
	not_ok "JSON is the same in every language"
# the catalogue is found from the copy in the source folder too
if [ -x "$TOP/planwatch" ]; then
	zh LANG=zh_CN.UTF-8 "$TOP/planwatch" show 99 --db "$DB" >/dev/null 2>"$T/err"
	grep_err "./planwatch finds the catalogue" "中没有规划 99"
fi

# ---- enum words in Chinese ------------------------------------------------
PRJ=$(pw assign list | awk '$1 == "project" {print $2; exit}')
check "progress status in Chinese" pw record --project "$PRJ" --year 2023 --status 推进中 --percent 40
pw progress list --project "$PRJ" --json >"$T/p.json"
[ "$(jq -r '.[0].status' "$T/p.json")" = in_progress ] && ok "推进中 is stored as in_progress" ||
	not_ok "推进中 is stored as in_progress"
grep -q ": in_progress$" "$T/out" && ok "said back in English" || not_ok "said back in English"
zh LANG=zh_CN.UTF-8 "$PW" progress list --project "$PRJ" --db "$DB" >"$T/out" 2>&1
grep -q " 推进中 .* 草稿 " "$T/out" && ok "listed in Chinese" || not_ok "listed in Chinese"
check_fails "an unknown status names the Chinese words" 3 pw record --project "$PRJ" --year 2023 --status 进行中
grep_err "the Chinese words listed" "推进中"
check "a review state in Chinese" pw record --indicator 2:3 --year 2023 --value 81 --state 已报送
grep -q "(submitted)" "$T/out" && ok "已报送 is submitted" || not_ok "已报送 is submitted"
zh LANG=zh_CN.UTF-8 "$PW" record --indicator 2:3 --year 2022 --value 80 --db "$DB" >"$T/out" 2>&1
grep -q "(草稿)" "$T/out" && ok "the state printed in Chinese" || not_ok "the state printed in Chinese"
check "a report kind in Chinese" pw report --kind 总结 --format json
[ "$(jq -r '.report.kind' "$T/out")" = final ] && ok "总结 is final" || not_ok "总结 is final"
check "a target kind and comparison in Chinese" pw target set --indicator 2:17 --value 75 --cmp 不低于 --kind 目标值
grep -q "level ge 75" "$T/out" && ok "不低于 is ge, 目标值 is level" || not_ok "不低于 is ge, 目标值 is level"
done_testing
