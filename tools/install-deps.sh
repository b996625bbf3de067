#!/bin/sh
# install-deps.sh - make sure the Debian packages planwatch needs are here.
# As root it installs what is missing (apt-get, non-interactive); otherwise
# it prints the exact apt-get line and fails.  Idempotent and quick when
# everything is present.
#
# npm packages: the site's ECharts (web/package.json) is installed with
# "npm ci" after the Debian packages (nodejs and npm come from Debian when
# the machine has no npm); the browser tests' packages (tests/browser/)
# are installed by their test.
#
# OPTIONAL packages are only used by tests (the docx report is opened in
# LibreOffice and read back with pdftotext; CJK fonts render it; chromium
# runs the browser tests, nginx-light is what "make bench" compares the
# server with) and to read legacy .doc/.wps (Writer) and .xls/.et (Calc)
# files: they are
# installed without recommends when possible, and a failure to install them
# is reported but not fatal (those checks then print "skip").
set -e
PKGS="build-essential pkg-config clang libclang-rt-14-dev
libsqlite3-dev libjansson-dev libsodium-dev libmicrohttpd-dev libgnutls28-dev libxlsxwriter-dev
libzip-dev libexpat1-dev libxml2-dev libutf8proc-dev libcmocka-dev zlib1g-dev
python3 python3-openpyxl poppler-utils jq curl openssl sqlite3 time wrk
gettext locales"
OPTIONAL="libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk chromium nginx-light"

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

# the site's npm packages, once npm is there
npm_deps() {
	[ -f web/node_modules/echarts/dist/echarts.min.js ] && return 0
	echo "installing npm packages of web/ (echarts)" >&2
	(cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
		echo "warning: npm ci in web/ failed: the pages will show tables without charts" >&2
}
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
missing=$(missing_of $PKGS)
# npm installs the gazetteer's data package (tools/gazetteer); a node from
# elsewhere serves as well as Debian's, so ask for it only when absent.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
optional=$(missing_of $OPTIONAL)
# libreoffice-writer (with a GUI) serves as well as the nogui flavour
if echo "$optional" | grep -q libreoffice-writer && command -v soffice >/dev/null 2>&1; then
	optional=$(echo "$optional" | sed 's/ libreoffice-writer-nogui//')
fi
if echo "$optional" | grep -q libreoffice-calc && [ -e /usr/lib/libreoffice/program/libsclo.so ]; then
	optional=$(echo "$optional" | sed 's/ libreoffice-calc-nogui//')
fi
[ -z "$missing" ] && zh_locale
if [ -z "$missing$optional" ]; then
	npm_deps
	exit 0
fi
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
npm_deps
