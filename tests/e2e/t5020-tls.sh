#!/bin/sh
# t5020-tls.sh - "serve --tls-cert FILE --tls-key FILE" (docs/api.md,
# "Deployment"): HTTPS with a self-signed certificate made by openssl,
# plain HTTP refused on that port, the session cookies marked Secure,
# Strict-Transport-Security on every answer, https:// in the address it
# prints; and the errors of a missing file, a file that is not PEM, a key
# of another certificate and one option without the other.  Driven by curl.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "ok 1 # skip: no curl"; exit 0; }
command -v openssl >/dev/null || { echo "ok 1 # skip: no openssl"; exit 0; }
DB=$T/t.db
pw import "$TOP/data/zhanhe-14th-plan.txt" >/dev/null
printf 'secret-tls-1\n' | pw user add ann --role planner >/dev/null

# a certificate for 127.0.0.1, its key, and a key of no certificate
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
	-keyout "$T/key.pem" -out "$T/cert.pem" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/other.pem" 2>/dev/null
printf 'not a certificate\n' >"$T/junk.pem"

# serve_fails NAME CODE PATTERN ARGS...: serve with ARGS exits with CODE
# (without listening) and says PATTERN on standard error
serve_fails() {
	name=$1 code=$2 pat=$3
	shift 3
	check_fails "$name: exit $code" "$code" timeout 20 "$PW" serve --db "$DB" --port 0 "$@"
	grep_err "$name: the message says so" "$pat"
}
serve_fails "--tls-cert without --tls-key" 2 "tls-key.*both or neither" --tls-cert "$T/cert.pem"
serve_fails "--tls-key without --tls-cert" 2 "tls-cert.*both or neither" --tls-key "$T/key.pem"
serve_fails "a missing certificate" 3 "--tls-cert: cannot open '$T/nope.pem': No such file" \
	--tls-cert "$T/nope.pem" --tls-key "$T/key.pem"
serve_fails "a missing key" 3 "--tls-key: cannot open '$T/nope.pem'" \
	--tls-cert "$T/cert.pem" --tls-key "$T/nope.pem"
serve_fails "a certificate that is not PEM" 3 "--tls-cert: '$T/junk.pem' holds no PEM certificate" \
	--tls-cert "$T/junk.pem" --tls-key "$T/key.pem"
serve_fails "a key that is not PEM" 3 "--tls-key: '$T/cert.pem' holds no PEM private key" \
	--tls-cert "$T/cert.pem" --tls-key "$T/cert.pem"
openssl pkey -in "$T/key.pem" -aes256 -passout pass:pw -out "$T/enc.pem" 2>/dev/null
serve_fails "an encrypted key" 3 "--tls-key: '$T/enc.pem' is encrypted" \
	--tls-cert "$T/cert.pem" --tls-key "$T/enc.pem"
serve_fails "the key of another certificate" 3 \
	"--tls-key: '$T/other.pem' does not match the certificate '$T/cert.pem'" \
	--tls-cert "$T/cert.pem" --tls-key "$T/other.pem"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PW" serve --db "$DB" --port "$port" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem" \
	--access-log "$T/access.log" 2>"$T/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T"' EXIT
B=https://127.0.0.1:$port
C="--cacert $T/cert.pem"
i=0
# shellcheck disable=SC2086 # $C is two words
until curl -s $C -o /dev/null "$B/" || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
status() { sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p' "$T/h"; }

check "it prints its address as https://" grep -q "on https://127.0.0.1:$port/" "$T/serve.err"
# shellcheck disable=SC2086
curl -s $C -D "$T/h" -o "$T/body" "$B/api/plans"
same "GET /api/plans over HTTPS: 200" "$(status)" 200
check "the plan is there" grep -q '"id":1' "$T/body"
check "Strict-Transport-Security on the answer" \
	grep -qi '^Strict-Transport-Security: max-age=[0-9]' "$T/h"
same "plain HTTP to the TLS port gets no HTTP answer" \
	"$(curl -s -m 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/plans")" 000
same "a client that does not trust the certificate is refused" \
	"$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$B/api/plans")" 000

# shellcheck disable=SC2086
curl -s $C -D "$T/h" -o "$T/body" -H 'Content-Type: application/json' \
	--data '{"username":"ann","password":"secret-tls-1"}' "$B/api/session"
same "sign-in over HTTPS: 200" "$(status)" 200
check "the session cookie is HttpOnly, SameSite=Strict and Secure" \
	grep -qi '^Set-Cookie: pw_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict; .*Secure' "$T/h"
check "Strict-Transport-Security on the sign-in too" grep -qi '^Strict-Transport-Security:' "$T/h"
# shellcheck disable=SC2086
curl -s $C -D "$T/h" -o /dev/null "$B/login"
check "the sign-in form's cookie is Secure too" grep -qi '^Set-Cookie: pw_login=.*; Secure' "$T/h"
check "no error in the access log" sh -c "! grep -q 'error:' '$T/access.log'"

kill "$pid"
wait "$pid"
same "SIGTERM stops it cleanly: exit 0" "$?" 0
done_testing
