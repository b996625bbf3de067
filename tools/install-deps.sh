#!/bin/sh
# install-deps.sh - make sure the Debian packages planwatch needs are here.
# As root it installs what is missing (apt-get, non-interactive); otherwise
# it prints the exact apt-get line and fails.  Idempotent and quick when
# everything is present.
#
# OPTIONAL packages are only used by tests (the docx report is opened in
# LibreOffice and read back with pdftotext; CJK fonts render it): they are
# installed without recommends when possible, and a failure to install them
# is reported but not fatal (those checks then print "skip").
set -e
PKGS="build-essential pkg-config clang libclang-rt-14-dev
libsqlite3-dev libjansson-dev libsodium-dev libmicrohttpd-dev libxlsxwriter-dev
libzip-dev libexpat1-dev libutf8proc-dev libcmocka-dev
python3 python3-openpyxl poppler-utils jq curl sqlite3 time wrk
gettext locales"
OPTIONAL="libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk"

missing_of() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			printf ' %s' "$p"
	done
}

# The zh_CN.UTF-8 locale, for Chinese messages (docs/cli.md, "Language").
# planwatch speaks Chinese without it too (it falls back to C.UTF-8 with
# LANGUAGE), so a failure here is only reported.
zh_locale() {
	locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\{0,1\}8' && return 0
	[ "$(id -u)" = 0 ] && [ -f /etc/locale.gen ] && command -v locale-gen >/dev/null || return 0
	sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
	grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >>/etc/locale.gen
	locale-gen >/dev/null 2>&1 || echo "warning: could not generate the zh_CN.UTF-8 locale" >&2
}

missing=$(missing_of $PKGS)
optional=$(missing_of $OPTIONAL)
# libreoffice-writer (with a GUI) serves as well as the nogui flavour
if echo "$optional" | grep -q libreoffice && command -v soffice >/dev/null 2>&1; then
	optional=$(echo "$optional" | sed 's/ libreoffice-writer-nogui//')
fi
[ -z "$missing" ] && zh_locale
[ -z "$missing$optional" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || true
	if [ -n "$missing" ]; then
		echo "installing:$missing" >&2
		apt-get install -y -qq $missing >/dev/null
		zh_locale
	fi
	if [ -n "$optional" ]; then
		echo "installing (optional, for tests):$optional" >&2
		apt-get install -y -qq --no-install-recommends $optional >/dev/null ||
			echo "warning: could not install$optional; the docx checks will skip" >&2
	fi
elif [ -n "$missing" ]; then
	echo "missing Debian packages; run:" >&2
	echo "  sudo apt-get install -y$missing$optional" >&2
	exit 1
else
	echo "optional packages for tests missing; for the docx checks run:" >&2
	echo "  sudo apt-get install -y --no-install-recommends$optional" >&2
fi
