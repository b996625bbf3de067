# lib.sh - sourced by tests/e2e/t*.sh.  Each check prints "ok N - name" or
# "not ok N - name"; the script exits non-zero if any failed.
# PW is the planwatch binary under test; FIX the fixtures folder; T a
# scratch folder removed at exit.
set -u
: "${PW:?PW must name the planwatch binary}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
FIX=${FIX:-$TOP/../shared/fixtures/zhanhe}
[ -f "$FIX/plan.txt" ] || FIX=$TOP/tests/data/fixture-copy
# Messages in English, the source, whatever the caller's locale: checks
# read them (t0120-messages-zh.sh sets its own).
unset LANGUAGE
case ${LC_ALL:-} in zh*) unset LC_ALL ;; esac
export LC_MESSAGES=C
T=$(mktemp -d "${TMPDIR:-/tmp}/pw-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
nfail=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); nfail=$((nfail + 1)); echo "not ok $n - $1"; }
# check NAME CMD...: passes if CMD succeeds
check() { name=$1; shift; if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else not_ok "$name"; sed 's/^/#   /' "$T/err" | head -5; fi; }
# check_fails NAME CODE CMD...: passes if CMD exits with CODE
check_fails() {
	name=$1; code=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" = "$code" ]; then ok "$name"; else not_ok "$name (exit $rc, want $code)"; sed 's/^/#   /' "$T/err" | head -5; fi
}
# grep_err NAME PATTERN: the last command's stderr matches PATTERN
grep_err() { if grep -q -- "$2" "$T/err"; then ok "$1"; else not_ok "$1"; sed 's/^/#   /' "$T/err" | head -5; fi; }
done_testing() { echo "# $n checks, $nfail failed"; [ "$nfail" = 0 ]; }
