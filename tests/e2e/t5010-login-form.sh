#!/bin/sh
# t5010-login-form.sh - signing in without JavaScript (docs/web.md): the
# sign-in page's plain form POSTs to /login with a CSRF token that must
# equal the pw_login cookie the page set; it answers 303 to /me with the
# session cookie, or the page again with the reason.  Driven by curl.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "ok 1 # skip: no curl"; exit 0; }
DB=$T/t.db
pw import "$TOP/data/zhanhe-14th-plan.txt" >/dev/null
printf 'secret-form-1\n' | pw user add ann --role planner >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$PW" serve --db "$DB" --port "$port" --access-log "$T/access.log" 2>"$T/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -s -o /dev/null "http://127.0.0.1:$port/login" || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$port
J=$T/jar

# post FIELDS: the form as a browser sends it, with the cookies of $J;
# the headers in $T/h, the page in $T/page
post() {
	curl -s -b "$J" -c "$J" -D "$T/h" -o "$T/page" \
		-H 'Content-Type: application/x-www-form-urlencoded' --data "$1" "$B/login"
}
status() { sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p' "$T/h"; }
has_session() { grep -q 'pw_session' "$J"; }

curl -s -c "$J" -D "$T/h" -o "$T/page" "$B/login"
token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/page")
same "the sign-in page works without script: a form posting to /login" \
	"$(grep -c '<form id="login" class="form" method="post" action="/login">' "$T/page")" 1
check "it carries a token of 64 hex digits" test ${#token} = 64
check "and sets it as the pw_login cookie: HttpOnly, SameSite=Strict, Path=/login" \
	grep -qi "^Set-Cookie: pw_login=$token; Path=/login; HttpOnly; SameSite=Strict" "$T/h"

post "username=ann&password=secret-form-1"
same "no token in the form: 403" "$(status)" 403
check "and no session" sh -c "! grep -q pw_session '$J'"
check "the page says why, in Chinese" grep -q '登录表单已过期或来自其他网站' "$T/page"

post "username=ann&password=secret-form-1&csrf=$(printf '%064d' 0)"
same "a wrong token: 403" "$(status)" 403

# another site's form: the token copied, but the browser sends no
# pw_login cookie along (SameSite=Strict)
curl -s -D "$T/h" -o "$T/page" -H 'Content-Type: application/x-www-form-urlencoded' \
	--data "username=ann&password=secret-form-1&csrf=$token" "$B/login"
same "the token without its cookie: 403" "$(status)" 403

curl -s -c "$J" -o "$T/page" "$B/login"
token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/page")
post "username=ann&password=wrong-password&csrf=$token"
same "a wrong password: 401" "$(status)" 401
check "the sign-in page again, with the reason" grep -q '用户名或密码错误' "$T/page"
check "and no session" sh -c "! grep -q pw_session '$J'"

token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/page")
post "username=ann&password=secret-form-1&csrf=$token"
same "the right password: 303" "$(status)" 303
check "to /me" grep -qi '^Location: /me' "$T/h"
check "with the session cookie: HttpOnly, SameSite=Strict" \
	grep -qi '^Set-Cookie: pw_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict' "$T/h"
curl -s -b "$J" -D "$T/h" -o "$T/page" "$B/me"
same "the cookie signs in: /me 200" "$(status)" 200
check "naming the user" grep -q 'ann（规划部门）' "$T/page"
check "no database error in the access log" sh -c "! grep -q 'error:' '$T/access.log'"
done_testing
