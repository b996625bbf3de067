/*
 * session.c - signing in and out, and finding the session of a request.
 *
 * The session token (32 random bytes, hex) lives only in the client's
 * cookie; the database keeps its SHA-256, so a copy of the database signs
 * nobody in.  The CSRF token (another 32 random bytes) is given to the
 * client in the body of the sign-in response and must come back in the
 * X-CSRF-Token header of every request that changes something; a page of
 * another site can make the browser send the cookie, never that header
 * (SameSite=Strict already keeps the cookie off cross-site requests).
 * A session ends after opts->idle_sec without use or opts->absolute_sec
 * after sign-in, when the user is disabled or its password changes.
 */
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"
#include "web/auth.h"
#include "web/web_int.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 200
#define PASSWORD_MAX_BYTES 1024

static bool is_token(const char *s)
{
	size_t i;

	for (i = 0; s && s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s && i == PW_AUTH_TOKEN_HEX - 1;
}

static const char *cookie_token(struct web_req *r)
{
	const char *c = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, WEB_COOKIE);

	return is_token(c) ? c : NULL;
}

int web_session_load(struct web_req *r)
{
	const char *token = cookie_token(r);
	char hash[65];
	int rc;

	if (!token)
		return 0;
	pw_store_sha256_hex(token, strlen(token), hash);
	/* a session's last use is written at most once a minute (a quarter of
	 * a shorter idle time), not on every request */
	rc = pw_store_session_find(r->store, hash, r->opts->idle_sec,
				   r->opts->idle_sec >= 240 ? 60 : r->opts->idle_sec / 4, &r->session);
	if (rc == PW_STORE_NOTFOUND)
		return 0;
	if (rc < 0)
		return -1;
	r->signed_in = true;
	if (!r->session.stale)
		return 0;
	web_write_lock();
	rc = pw_store_session_touch(r->store, r->session.id);
	web_write_unlock();
	return rc;
}

bool web_csrf_ok(struct web_req *r)
{
	return pw_auth_token_equal(web_header(r, WEB_CSRF_HEADER), r->session.csrf);
}

static void set_cookie(struct web_req *r, const char *token, long max_age)
{
	char v[256];

	snprintf(v, sizeof(v), WEB_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s",
		 token, max_age, r->opts->secure_cookie ? "; Secure" : "");
	free(r->set_cookie);
	r->set_cookie = xstrdup(v);
}

static json_t *user_json(const struct pw_user *u)
{
	return json_pack("{s:s, s:s, s:s?}", "username", u->name, "role", u->role, "unit",
			 u->unit);
}

/* Seconds the throttle still makes this user or address wait (0: none). */
static long throttled(const char *user_key, const char *addr_key)
{
	time_t now = time(NULL);
	long a = pw_auth_throttle_wait(user_key, now), b = pw_auth_throttle_wait(addr_key, now);

	return a > b ? a : b;
}

/* Checks name and password; *u filled on success (else released). */
static bool credentials_ok(struct web_req *r, const char *name, const char *password,
			   struct pw_user *u, int *db_error)
{
	int rc = pw_store_user_get(r->store, name, u);
	bool ok;

	*db_error = rc == -1;
	ok = pw_auth_verify(rc == 0 ? u->hash : NULL, password) && rc == 0 && !u->disabled;
	if (!ok)
		pw_user_release(u);
	return ok;
}

/* Opens a session for u (released here) and sets its cookie: 0 with
 * csrf, the session's token, or -1 on a database error. */
static int open_session(struct web_req *r, struct pw_user *u, char csrf[PW_AUTH_TOKEN_HEX])
{
	char token[PW_AUTH_TOKEN_HEX], hash[65];
	int rc;

	pw_auth_token(token);
	pw_auth_token(csrf);
	pw_store_sha256_hex(token, strlen(token), hash);
	web_write_lock();
	rc = pw_store_session_add(r->store, u->id, hash, csrf, r->opts->absolute_sec);
	web_write_unlock();
	pw_user_release(u);
	if (rc < 0)
		return -1;
	set_cookie(r, token, r->opts->absolute_sec);
	return 0;
}

/* Checks a sign-in, with the throttle: 0 with *u filled (the caller
 * releases it), else the HTTP status of the refusal (400, 401, 429; 500:
 * a database error) with *why, its message (English source). */
static unsigned sign_in(struct web_req *r, const char *name, const char *password,
			struct pw_user *u, const char **why)
{
	char user_key[NAME_MAX_BYTES + 8], addr_key[80];
	int db_error;
	long wait;

	*why = N_("give a user name and a password");
	if (!name || !password || !*name || strlen(name) > NAME_MAX_BYTES ||
	    strlen(password) > PASSWORD_MAX_BYTES)
		return 400;
	snprintf(user_key, sizeof(user_key), "user:%s", name);
	snprintf(addr_key, sizeof(addr_key), "addr:%s", r->addr);
	if ((wait = throttled(user_key, addr_key)) > 0) {
		r->retry_after = wait;
		*why = N_("too many failed sign-ins; try again later");
		return 429;
	}
	if (!credentials_ok(r, name, password, u, &db_error)) {
		if (db_error)
			return 500;
		pw_auth_throttle_fail(user_key, PW_AUTH_FREE_USER, time(NULL));
		pw_auth_throttle_fail(addr_key, PW_AUTH_FREE_ADDR, time(NULL));
		*why = N_("wrong user name or password");
		return 401;
	}
	pw_auth_throttle_clear(user_key);
	return 0;
}

enum MHD_Result web_session_create(struct web_req *r)
{
	enum MHD_Result rc;
	json_t *req = web_body_object(r, &rc), *body;
	char csrf[PW_AUTH_TOKEN_HEX];
	struct pw_user u;
	const char *why;
	unsigned status;

	if (!req)
		return rc;
	status = sign_in(r, json_string_value(json_object_get(req, "username")),
			 json_string_value(json_object_get(req, "password")), &u, &why);
	json_decref(req);
	if (status)
		return status == 500 ? web_internal(r) : web_error(r, status, why);
	body = user_json(&u);
	if (open_session(r, &u, csrf) < 0) {
		json_decref(body);
		return web_internal(r);
	}
	return web_json(r, 200, json_pack("{s:s, s:o, s:i, s:i}", "csrf", csrf, "user", body,
					  "idle_timeout", (int)r->opts->idle_sec, "expires_in",
					  (int)r->opts->absolute_sec));
}

/*
 * POST /login: the sign-in form without JavaScript (application/x-www-
 * form-urlencoded: username, password, csrf).  There is no session yet to
 * carry a CSRF token, so the form's token must equal the pw_login cookie
 * the sign-in page set (double submit; the cookie is SameSite=Strict, so
 * another site can neither send it nor read it).  Signed in: 303 to /me.
 * Refused: the sign-in page again with the reason, and a new token.
 */
enum MHD_Result web_login_post(struct web_req *r)
{
	char *name = web_form_value(r, "username"), *password = web_form_value(r, "password");
	char *token = web_form_value(r, "csrf"), csrf[PW_AUTH_TOKEN_HEX];
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, WEB_LOGIN_COOKIE);
	struct pw_user u;
	const char *why = N_("the sign-in form has expired or came from another site; try again");
	unsigned status = 403;

	if (is_token(cookie) && pw_auth_token_equal(token, cookie))
		status = sign_in(r, name, password, &u, &why);
	if (password)
		sodium_memzero(password, strlen(password));
	free(name);
	free(password);
	free(token);
	if (status == 500)
		return web_internal(r);
	if (status)
		return web_login_page(r, status, why);
	if (open_session(r, &u, csrf) < 0)
		return web_internal(r);
	r->location = "/me";
	return web_send(r, 303, "text/html; charset=utf-8", xstrdup(""), 0);
}

enum MHD_Result web_session_delete(struct web_req *r)
{
	const char *token = cookie_token(r);
	char hash[65];
	int rc;

	pw_store_sha256_hex(token, strlen(token), hash);
	web_write_lock();
	rc = pw_store_session_delete(r->store, hash);
	web_write_unlock();
	if (rc < 0)
		return web_internal(r);
	set_cookie(r, "", 0);
	return web_json(r, 204, NULL);
}

enum MHD_Result web_session_get(struct web_req *r)
{
	return web_json(r, 200, json_pack("{s:s, s:o}", "csrf", r->session.csrf, "user",
					  user_json(&r->session.user)));
}
