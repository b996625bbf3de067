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
#include "web/auth.h"
#include "web/web_int.h"

#include <stdio.h>
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

static enum MHD_Result start_session(struct web_req *r, struct pw_user *u)
{
	char token[PW_AUTH_TOKEN_HEX], csrf[PW_AUTH_TOKEN_HEX], hash[65];
	int rc;

	pw_auth_token(token);
	pw_auth_token(csrf);
	pw_store_sha256_hex(token, strlen(token), hash);
	web_write_lock();
	rc = pw_store_session_add(r->store, u->id, hash, csrf, r->opts->absolute_sec);
	web_write_unlock();
	if (rc < 0) {
		pw_user_release(u);
		return web_internal(r);
	}
	set_cookie(r, token, r->opts->absolute_sec);
	json_t *body = json_pack("{s:s, s:o, s:i, s:i}", "csrf", csrf, "user", user_json(u),
				 "idle_timeout", (int)r->opts->idle_sec, "expires_in",
				 (int)r->opts->absolute_sec);
	pw_user_release(u);
	return web_json(r, 200, body);
}

enum MHD_Result web_session_create(struct web_req *r)
{
	enum MHD_Result rc;
	json_t *req = web_body_object(r, &rc);
	const char *name, *password;
	char user_key[NAME_MAX_BYTES + 8], addr_key[80];
	struct pw_user u;
	int db_error;
	long wait;

	if (!req)
		return rc;
	name = json_string_value(json_object_get(req, "username"));
	password = json_string_value(json_object_get(req, "password"));
	if (!name || !password || !*name || strlen(name) > NAME_MAX_BYTES ||
	    strlen(password) > PASSWORD_MAX_BYTES) {
		json_decref(req);
		return web_error(r, 400, "give a user name and a password");
	}
	snprintf(user_key, sizeof(user_key), "user:%s", name);
	snprintf(addr_key, sizeof(addr_key), "addr:%s", r->addr);
	if ((wait = throttled(user_key, addr_key)) > 0) {
		json_decref(req);
		r->retry_after = wait;
		return web_error(r, 429, "too many failed sign-ins; try again later");
	}
	if (!credentials_ok(r, name, password, &u, &db_error)) {
		json_decref(req);
		if (db_error)
			return web_internal(r);
		pw_auth_throttle_fail(user_key, PW_AUTH_FREE_USER, time(NULL));
		pw_auth_throttle_fail(addr_key, PW_AUTH_FREE_ADDR, time(NULL));
		return web_error(r, 401, "wrong user name or password");
	}
	json_decref(req);
	pw_auth_throttle_clear(user_key);
	return start_session(r, &u);
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
