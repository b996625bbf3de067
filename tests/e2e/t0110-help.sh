#!/bin/sh
# t0110-help.sh - "planwatch CMD --help" and docs/cli.md list every option
# the command's parser accepts.  The options are read from the parser's
# own tables (the struct option arrays of src/cli/cmd_CMD.c; the review
# options of monitor_cli.c belong to obs and progress), so a new option
# that is not documented fails here, naming command and option.
. "$(dirname "$0")/lib.sh"
DOC=$TOP/docs/cli.md

# long_opts FILE...: every long option name in the struct option tables
long_opts() {
	sed -n 's/.*{ *"\([a-z][a-z-]*\)", *\(no\|required\|optional\)_argument.*/\1/p; s/.*}, *{ *"\([a-z][a-z-]*\)", *\(no\|required\|optional\)_argument.*/\1/p' "$@" |
		sort -u
}

for src in "$TOP"/src/cli/cmd_*.c; do
	cmd=$(basename "$src" .c)
	cmd=${cmd#cmd_}
	[ "$cmd" = stubs ] && continue
	files=$src
	case $cmd in obs | progress) files="$src $TOP/src/cli/monitor_cli.c" ;; esac
	# shellcheck disable=SC2086
	opts=$(long_opts $files)
	if ! "$PW" "$cmd" --help >"$T/help" 2>"$T/err"; then
		not_ok "$cmd --help succeeds"
		continue
	fi
	ok "$cmd --help succeeds"
	missing= undocumented=
	for o in $opts; do
		grep -q -- "--$o\\b" "$T/help" || missing="$missing --$o"
		# the section or table row of the command in docs/cli.md names it
		awk -v c="$cmd" -v o="--$o" '
			/^#+ / { sec = ($0 ~ "`" c "( |`)") } 
			/^\| `/ { row = ($0 ~ "^\\| `" c "( |`)") }
			(sec || row) && index($0, o) { found = 1 }
			END { exit !found }' "$DOC" || undocumented="$undocumented --$o"
	done
	[ -z "$missing" ] && ok "$cmd --help lists every option" ||
		not_ok "$cmd --help lists every option (missing:$missing)"
	[ -z "$undocumented" ] && ok "docs/cli.md documents every option of $cmd" ||
		not_ok "docs/cli.md documents every option of $cmd (missing:$undocumented)"
done

check "global --help" "$PW" --help
grep -q "^ *6 " "$T/out" && ok "--help lists the exit codes" || not_ok "--help lists the exit codes"
check "help CMD" "$PW" help assess
grep -q -- "--threads" "$T/out" && ok "help assess lists --threads" || not_ok "help assess lists --threads"
check_fails "no command is a usage error" 2 "$PW"
# every exit code of the table is in docs/cli.md
"$PW" --help | sed -n 's/^ *\([0-9][0-9]*\)  .*/\1/p' >"$T/codes"
for c in $(cat "$T/codes"); do
	grep -q "^| $c |" "$DOC" || not_ok "docs/cli.md documents exit code $c"
done
ok "docs/cli.md documents the exit codes ($(wc -l <"$T/codes"))"
done_testing
