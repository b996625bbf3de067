#!/bin/sh
# bench/bench-web.sh - the web server against nginx (issue 8): the
# indicators endpoint (/api/plans/1/indicators) and the overview page
# (/plans/1) of a generated province database (3,000 plans,
# bench/gen_province.c), with wrk on loopback at 64 connections, and in
# the same run nginx (Debian package nginx-light) serving the very same
# bytes as static files.  Prints both req/s, the ratio, p50/p99 latency
# and the server's peak RSS.  Goals: >= 0.5x nginx, p99 < 10 ms, < 50 MB.
# Environment: O (build directory, default build), BENCH_PLANS (3000),
# BENCH_SECONDS (5), BENCH_THREADS (server threads, 2: the cores).
set -e
cd "$(dirname "$0")/.."
O=${O:-build}
N=${BENCH_PLANS:-3000}
SECS=${BENCH_SECONDS:-5}
THREADS=${BENCH_THREADS:-2}
NGINX=/usr/sbin/nginx
if ! command -v wrk >/dev/null || [ ! -x $NGINX ]; then
	echo "web: skipped (needs wrk and nginx: tools/install-deps.sh installs them)"
	exit 0
fi
T=$(mktemp -d)
SERVER=
NGPID=
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
	[ -n "$NGPID" ] && kill "$NGPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# the province database
make -s --no-print-directory O="$O" "$O/libplanwatch.a" >/dev/null
flags() { make -s --no-print-directory O="$O" --eval "bench-print: ; @echo \$($1)" bench-print; }
mkdir -p "$O/bench"
# shellcheck disable=SC2046 # flag lists are split on purpose
${CC:-cc} $(flags ALL_CFLAGS) -o "$O/bench/gen_province" bench/gen_province.c bench/gen.c \
	"$O/libplanwatch.a" $(flags LDLIBS)
"$O/bench/gen_province" "$T/province.db" --plans "$N" >/dev/null

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }

P1=$(port)
"$O/planwatch" serve --db "$T/province.db" --port "$P1" --threads "$THREADS" \
	--access-log /dev/null 2>"$T/serve.err" &
SERVER=$!
wait_port "$P1"

# the same bytes as files for nginx
mkdir -p "$T/www/api/plans/1" "$T/www/plans"
curl -sf "http://127.0.0.1:$P1/api/plans/1/indicators" >"$T/www/api/plans/1/indicators"
curl -sf "http://127.0.0.1:$P1/plans/1" >"$T/www/plans/1"
P2=$(port)
cat >"$T/nginx.conf" <<NGEOF
user $(id -un);
worker_processes $THREADS;
daemon off;
pid $T/nginx.pid;
error_log $T/nginx.err;
events { worker_connections 1024; }
http {
	access_log off;
	default_type application/octet-stream;
	server { listen 127.0.0.1:$P2; root $T/www; }
}
NGEOF
$NGINX -p "$T" -c "$T/nginx.conf" &
NGPID=$!
wait_port "$P2" || true

# run PORT PATH: "req/s p50 p99" of wrk at 64 connections
run() {
	wrk -t2 -c64 -d"${SECS}s" --latency "http://127.0.0.1:$1$2" >"$T/wrk.out"
	rps=$(awk '/Requests\/sec/ { print $2 }' "$T/wrk.out")
	p50=$(awk '$1 == "50%" { print $2 }' "$T/wrk.out")
	p99=$(awk '$1 == "99%" { print $2 }' "$T/wrk.out")
	echo "$rps $p50 $p99"
}
ms() { # wrk's latency (us, ms or s) in milliseconds
	echo "$1" | awk '/us$/ { printf "%.2f", $0 / 1000; next } /ms$/ { printf "%.2f", $0 + 0; next }
			 /s$/ { printf "%.2f", $0 * 1000; next } { print $0 }'
}
for path in /api/plans/1/indicators /plans/1; do
	run "$P1" "$path" >/dev/null # warm the caches
	set -- $(run "$P1" "$path")
	s_rps=$1 s50=$(ms "$2") s99=$(ms "$3")
	set -- $(run "$P2" "$path")
	n_rps=$1 n50=$(ms "$2") n99=$(ms "$3")
	ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	ok=$(awk -v r="$ratio" -v p="$s99" 'BEGIN { print (r >= 0.5 && p < 10) ? "MET" : "NOT MET" }')
	echo "web $path ($N plans, 64 connections): planwatch $s_rps req/s (p50 $s50 ms, p99 $s99 ms)," \
		"nginx $n_rps req/s (p50 $n50 ms, p99 $n99 ms), ratio $ratio (goal >= 0.5x, p99 < 10 ms: $ok)"
done
rss=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")
echo "web server peak RSS: $((rss / 1024)) MB (goal < 50 MB: $(awk -v k="$rss" 'BEGIN { print (k < 51200) ? "MET" : "NOT MET" }'))"
