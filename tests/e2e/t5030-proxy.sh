#!/bin/sh
# t5030-proxy.sh - "serve --trusted-proxy ADDR" (docs/api.md, "Behind a
# reverse proxy"): the requests of that address are a proxy's, and their
# client is the last address of X-Forwarded-For, for the sign-in throttle
# per address and the access log; whatever a client writes before it is
# ignored.  Without the option, or for a peer that is not the proxy, the
# header is ignored: the connection's address counts.  Driven by curl.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "ok 1 # skip: no curl"; exit 0; }
DB=$T/t.db
pw import "$TOP/data/zhanhe-14th-plan.txt" >/dev/null
printf 'secret-px-1\n' | pw user add ann --role planner >/dev/null

check_fails "--trusted-proxy that is no address: exit 2" 2 \
	timeout 20 "$PW" serve --db "$DB" --port 0 --trusted-proxy proxy.local
grep_err "the message names the option" "--trusted-proxy 'proxy.local' is not an IP address"

pid=
start() { # start ARGS...: a server on a free port, $B its address
	[ -n "$pid" ] && { kill "$pid"; wait "$pid" 2>/dev/null; }
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	: >"$T/access.log"
	"$PW" serve --db "$DB" --port "$port" --access-log "$T/access.log" "$@" 2>"$T/serve.err" &
	pid=$!
	B=http://127.0.0.1:$port
	i=0
	until curl -s -o /dev/null "$B/" || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

# sign_in XFF USER PASSWORD: the HTTP status of a sign-in sent with that
# X-Forwarded-For ("" sends none)
sign_in() {
	curl -s -o /dev/null -w '%{http_code}' ${1:+-H "X-Forwarded-For: $1"} \
		-H 'Content-Type: application/json' \
		--data "{\"username\":\"$2\",\"password\":\"$3\"}" "$B/api/session"
}
# fail_from XFF: the 20 failed sign-ins an address is allowed, each with
# another user name (the per-account throttle stays out of it)
fail_from() {
	k=0 codes=
	while [ $k -lt 20 ]; do
		codes="$codes$(sign_in "$1" "nobody$k" wrong) "
		k=$((k + 1))
	done
	echo "$codes" | tr ' ' '\n' | sort -u | tr '\n' ' '
}

start --trusted-proxy 127.0.0.1
same "20 failures from one client behind the proxy: 401 each" "$(fail_from 10.0.0.1)" " 401 "
same "its 21st try is throttled: 429" "$(sign_in 10.0.0.1 ann secret-px-1)" 429
same "another client behind the same proxy signs in: 200" "$(sign_in 10.0.0.2 ann secret-px-1)" 200
same "the last address counts, not what the client wrote before it" \
	"$(sign_in '10.0.0.1, 10.0.0.3' ann secret-px-1)" 200
same "a client forging the throttled address first is its own: 200" \
	"$(sign_in '10.0.0.1,10.0.0.4' ann secret-px-1)" 200
same "an IPv6 client written another way is the same client" \
	"$(fail_from 2001:db8::1 >/dev/null; sign_in 2001:db8:0:0::1 ann secret-px-1)" 429
same "the proxy's own requests (no header) are not throttled: 200" "$(sign_in '' ann secret-px-1)" 200
same "a header that is no address leaves the proxy's: 200" "$(sign_in 'bogus' ann secret-px-1)" 200
check "the access log names the client behind the proxy" grep -q '^[^ ]* 10\.0\.0\.2 ' "$T/access.log"
same "the throttled client's lines: its 21 tries, none of the forged ones" \
	"$(grep -c '^[^ ]* 10\.0\.0\.1 ' "$T/access.log")" 21
check "a forged-first request is logged as the proxy's client" grep -q '^[^ ]* 10\.0\.0\.3 ' "$T/access.log"

start
same "without the option, 20 failures sent with a header" "$(fail_from 10.0.0.1)" " 401 "
same "the header is ignored: the connection's address is throttled" \
	"$(sign_in 10.0.0.2 ann secret-px-1)" 429
check "the access log shows the connection's address" grep -q '^[^ ]* 127\.0\.0\.1 ' "$T/access.log"

start --trusted-proxy 10.9.9.9
same "a proxy at another address: 20 failures" "$(fail_from 10.0.0.1)" " 401 "
same "the header of a peer that is not the proxy is ignored: 429" \
	"$(sign_in 10.0.0.2 ann secret-px-1)" 429

kill "$pid"
wait "$pid"
same "SIGTERM stops it cleanly: exit 0" "$?" 0
pid=
done_testing
