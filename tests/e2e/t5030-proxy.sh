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
	"$PW" serve --db "$DB" --host "${LISTEN:-127.0.0.1}" --port "$port" \
		--access-log "$T/access.log" "$@" 2>"$T/serve.err" &
	pid=$!
	B=http://${CONNECT:-127.0.0.1}:$port
	i=0
	until curl -s -o /dev/null "$B/" || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

# sign_in XFF USER PASSWORD [XFF2]: the HTTP status of a sign-in sent with
# that X-Forwarded-For ("" sends none; XFF2: a second header line)
sign_in() {
	curl -s -o /dev/null -w '%{http_code}' ${1:+-H "X-Forwarded-For: $1"} \
		${4:+-H "X-Forwarded-For: $4"} -H 'Content-Type: application/json' \
		--data "{\"username\":\"$2\",\"password\":\"$3\"}" "$B/api/session"
}
# lock_out XFF: failed sign-ins from one client, each with another user
# name (the per-account throttle stays out of it), until 22 were counted:
# the address allows 20, then locks for 1, 2, 4 s; the 22nd locks it for
# 4 s, time for the checks that follow whatever the build's speed.
# Prints "FAILURES THROTTLED": 22 and how many tries were refused meanwhile.
lock_out() {
	k=0 failed=0 refused=0
	while [ $failed -lt 22 ] && [ $k -lt 400 ]; do
		case $(sign_in "$1" "nobody$k" wrong) in
		401) failed=$((failed + 1)) ;;
		429) refused=$((refused + 1)); sleep 0.2 ;;
		*) break ;;
		esac
		k=$((k + 1))
	done
	echo "$failed $([ $refused -gt 0 ] && echo some)"
}

start --trusted-proxy 127.0.0.1
same "one client behind the proxy failing is throttled" "$(lock_out 10.0.0.1)" "22 some"
same "its next try is refused: 429" "$(sign_in 10.0.0.1 ann secret-px-1)" 429
same "another client behind the same proxy signs in: 200" "$(sign_in 10.0.0.2 ann secret-px-1)" 200
same "the last address counts, not what the client wrote before it" \
	"$(sign_in '10.0.0.1, 10.0.0.3' ann secret-px-1)" 200
same "a client forging the throttled address first is its own: 200" \
	"$(sign_in '10.0.0.1,10.0.0.4' ann secret-px-1)" 200
same "of two header lines the last counts (a proxy that adds its own): 200" \
	"$(sign_in 10.0.0.1 ann secret-px-1 10.0.0.5)" 200
same "a client's own line before the proxy's does not hide it: 429" \
	"$(sign_in 10.6.6.6 ann secret-px-1 10.0.0.1)" 429
same "the proxy's own requests (no header) are not throttled: 200" "$(sign_in '' ann secret-px-1)" 200
same "a header that is no address leaves the proxy's: 200" "$(sign_in 'bogus' ann secret-px-1)" 200
check "the access log names the client behind the proxy" grep -q '^[^ ]* 10\.0\.0\.2 ' "$T/access.log"
check "a forged-first request is logged as the proxy's client" grep -q '^[^ ]* 10\.0\.0\.3 ' "$T/access.log"
check "nothing is logged under the forged addresses" \
	sh -c "! grep -q '^[^ ]* 10\.6\.6\.6 ' '$T/access.log'"
same "an IPv6 client written another way is the same client" \
	"$(lock_out 2001:db8::1 >/dev/null; sign_in 2001:db8:0:0::1 ann secret-px-1)" 429

start
same "without the option, failures sent with a header" "$(lock_out 10.0.0.1)" "22 some"
same "the header is ignored: the connection's address is throttled" \
	"$(sign_in 10.0.0.2 ann secret-px-1)" 429
check "the access log shows the connection's address" grep -q '^[^ ]* 127\.0\.0\.1 ' "$T/access.log"

start --trusted-proxy 10.9.9.9
same "a proxy at another address: failures sent with a header" "$(lock_out 10.0.0.1)" "22 some"
same "the header of a peer that is not the proxy is ignored: 429" \
	"$(sign_in 10.0.0.2 ann secret-px-1)" 429

# a proxy on IPv6 loopback, named as written or otherwise (0:0:0:0:0:0:0:1)
LISTEN=::1 CONNECT='[::1]' start --trusted-proxy 0:0:0:0:0:0:0:1
same "an IPv6 proxy: failures from a client behind it" "$(lock_out 10.0.0.7)" "22 some"
same "another client behind it signs in: 200" "$(sign_in 10.0.0.8 ann secret-px-1)" 200

kill "$pid"
wait "$pid"
same "SIGTERM stops it cleanly: exit 0" "$?" 0
pid=
done_testing
