#!/bin/sh
# po.sh - the message catalogues (po/, util/i18n.h).
#
#   sh tools/po.sh update   extract every user-facing message of src/ into
#                           po/planwatch.pot and merge it into po/*.po
#   sh tools/po.sh check    fail if a message of src/ is missing from a
#                           catalogue, untranslated or fuzzy, naming each
#                           one with its place; or if a catalogue does not
#                           compile (msgfmt --check: formats must match)
#
# What counts as user-facing: the format strings of pw_error, pw_warning,
# pw_die, pw_error_kind, pw_error_at, pw_warning_at (they translate
# themselves), of the batch diagnostics, the reasons the web server gives
# (web_error, html_error, web_fail: they translate theirs too), and literals marked
# _() or N_().
set -e
cd "$(dirname "$0")/.."
KEYS="--keyword=_ --keyword=N_ --keyword=pw_error --keyword=pw_warning
--keyword=pw_die:2 --keyword=pw_error_kind:2 --keyword=pw_error_at:4
--keyword=pw_warning_at:4 --keyword=pw_batch_add_error:3
--keyword=pw_batch_add_note:3 --keyword=diag:4 --keyword=pw_lint_report:7 --keyword=web_error:3 --keyword=html_error:4 --keyword=web_fail:3
--flag=pw_error:1:c-format --flag=pw_warning:1:c-format --flag=pw_die:2:c-format
--flag=pw_error_kind:2:c-format --flag=pw_error_at:4:c-format
--flag=pw_warning_at:4:c-format --flag=pw_batch_add_error:3:c-format
--flag=pw_batch_add_note:3:c-format --flag=diag:4:c-format
--flag=pw_lint_report:7:c-format"

# extract OUT [location option]: the messages of src/ into OUT
extract() {
	# shellcheck disable=SC2086
	find src -name '*.[ch]' | LC_ALL=C sort | xargs xgettext --from-code=UTF-8 --language=C \
		$KEYS --package-name=planwatch --msgid-bugs-address=planwatch \
		--sort-output ${2:---add-location=file} -o "$1"
}

# show_entries POT LINES PO: for each line number in LINES (where msgcmp
# found a message of POT that PO lacks), "file:line: missing in PO: msgid"
show_entries() {
	awk -v po="$3" 'NR == FNR { want[$1] = 1; next }
		/^#: / { where = $2 }
		/^msgid / { start = FNR; id = substr($0, 7) }
		/^"/ && start { id = id $0 }
		/^msgstr/ { for (l = start; l <= FNR; l++) if (l in want) {
				print where ": missing in " po ": " id; break }
			start = 0 }' "$2" "$1"
}

case ${1:-} in
update)
	tmp=$(mktemp)
	trap 'rm -f "$tmp"' EXIT
	extract "$tmp"
	# only the date changed: keep the file as it is (no churn in merges)
	if ! [ -f po/planwatch.pot ] ||
		! diff -q -I '^"POT-Creation-Date' "$tmp" po/planwatch.pot >/dev/null; then
		cp "$tmp" po/planwatch.pot
	fi
	for po in po/*.po; do
		msgmerge --quiet --update --backup=none --add-location=file --sort-output \
			"$po" po/planwatch.pot
		echo "$po: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
	done
	;;
check)
	command -v xgettext >/dev/null || { echo "po.sh: xgettext missing (apt-get install gettext)" >&2; exit 1; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	extract "$tmp/now.pot" --add-location
	rc=0
	for po in po/*.po; do
		if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/fmt"; then
			cat "$tmp/fmt" >&2
			rc=1
		fi
		# msgcmp names each message of src/ the catalogue lacks, has
		# untranslated or fuzzy, with its file and line
		if ! msgcmp "$po" "$tmp/now.pot" >"$tmp/cmp" 2>&1; then
			# missing ones are named by their line in now.pot, untranslated
			# or fuzzy ones by their line in the catalogue
			sed -n 's/^[^:]*now\.pot:\([0-9]*\): this message .*/\1/p' \
				"$tmp/cmp" >"$tmp/lines"
			show_entries "$tmp/now.pot" "$tmp/lines" "$po" >&2
			sed -n "s|^$po:\\([0-9]*\\): this message is untranslated.*|\\1|p; s|^$po:\\([0-9]*\\): this message needs to be reviewed.*|\\1|p" \
				"$tmp/cmp" >"$tmp/polines"
			show_entries "$po" "$tmp/polines" "$po" >&2
			echo "$po: $(cat "$tmp/lines" "$tmp/polines" | wc -l) message(s) of src/ not translated:" \
				"run 'make po' and translate them" >&2
			rc=1
		fi
	done
	[ $rc = 0 ] && echo "po: every message of src/ is translated ($(($(grep -c '^msgid' "$tmp/now.pot") - 1)) messages)" >&2
	exit $rc
	;;
*)
	echo "usage: sh tools/po.sh update|check" >&2
	exit 2
	;;
esac
