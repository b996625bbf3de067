#!/bin/sh
# install-deps.sh - make sure the Debian packages planwatch needs are here.
# As root it installs what is missing (apt-get, non-interactive); otherwise
# it prints the exact apt-get line and fails.  Idempotent and quick when
# everything is present.
set -e
PKGS="build-essential pkg-config clang libclang-rt-14-dev
libsqlite3-dev libjansson-dev libsodium-dev libmicrohttpd-dev libxlsxwriter-dev
libzip-dev libexpat1-dev libutf8proc-dev libcmocka-dev
python3 python3-openpyxl poppler-utils jq curl sqlite3 time wrk"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || true
	apt-get install -y -qq $missing >/dev/null
else
	echo "missing Debian packages; run:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
