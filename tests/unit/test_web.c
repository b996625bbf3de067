/*
 * test_web.c - the secrets and accounts of the web side: argon2id hashes,
 * tokens, the sign-in throttle (web/auth.h), and users and sessions in the
 * store (store/users.h).  The HTTP side is tested end to end by
 * tests/e2e/t5000-api.sh.
 */
#include "unit.h"
#include "testdb.h"

#include "store/monitor.h"
#include "store/users.h"
#include "util/error.h"
#include "web/auth.h"

#include <string.h>

static void test_password_hash(void **state)
{
	char hash[PW_AUTH_HASH_MAX];

	(void)state;
	assert_int_equal(pw_auth_init(), 0);
	assert_int_equal(pw_auth_hash("correct horse", hash), 0);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_non_null(strstr(hash, "m=19456,t=3,p=1"));
	assert_true(pw_auth_verify(hash, "correct horse"));
	assert_false(pw_auth_verify(hash, "correct hors"));
	assert_false(pw_auth_verify(NULL, "correct horse"));
	assert_false(pw_auth_verify(NULL, ""));
}

static void test_tokens(void **state)
{
	char a[PW_AUTH_TOKEN_HEX], b[PW_AUTH_TOKEN_HEX];
	size_t i;

	(void)state;
	pw_auth_token(a);
	pw_auth_token(b);
	assert_int_equal(strlen(a), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", a[i]));
	assert_string_not_equal(a, b);
	assert_true(pw_auth_token_equal(a, a));
	assert_false(pw_auth_token_equal(a, b));
	assert_false(pw_auth_token_equal(a, NULL));
	assert_false(pw_auth_token_equal(NULL, NULL));
	assert_false(pw_auth_token_equal("", ""));
	b[63] = '\0';
	assert_false(pw_auth_token_equal(a, b)); /* a prefix is not the token */
}

static void test_throttle(void **state)
{
	time_t t = 1000000;
	int i;

	(void)state;
	for (i = 0; i < PW_AUTH_FREE_USER - 1; i++) {
		pw_auth_throttle_fail("user:x", PW_AUTH_FREE_USER, t);
		assert_int_equal(pw_auth_throttle_wait("user:x", t), 0);
	}
	/* locked for at least 1 s whenever in second t the failure came: still
	 * in the next second, not in the one after */
	pw_auth_throttle_fail("user:x", PW_AUTH_FREE_USER, t);
	assert_int_equal(pw_auth_throttle_wait("user:x", t), 2);
	assert_int_equal(pw_auth_throttle_wait("user:x", t + 1), 1);
	assert_int_equal(pw_auth_throttle_wait("user:x", t + 2), 0);
	pw_auth_throttle_fail("user:x", PW_AUTH_FREE_USER, t);
	assert_int_equal(pw_auth_throttle_wait("user:x", t), 3);
	for (i = 0; i < 20; i++)
		pw_auth_throttle_fail("user:x", PW_AUTH_FREE_USER, t);
	assert_int_equal(pw_auth_throttle_wait("user:x", t), 15 * 60 + 1);
	assert_int_equal(pw_auth_throttle_wait("user:y", t), 0);
	/* an hour after the last failure it is forgotten */
	assert_int_equal(pw_auth_throttle_wait("user:x", t + 3601), 0);
	pw_auth_throttle_fail("user:z", PW_AUTH_FREE_USER, t);
	pw_auth_throttle_clear("user:z");
	assert_int_equal(pw_auth_throttle_wait("user:z", t), 0);
}

static struct pw_store *open_db(void)
{
	struct pw_store *s;
	int64_t id;

	testdb_remove();
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_unit_add(s, "区统计局", NULL, "test", &id), 0);
	return s;
}

static const char hash[] = "$argon2id$v=19$m=19456,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

static void test_users(void **state)
{
	struct pw_store *s = open_db();
	struct pw_user u, *all;
	size_t n;
	int64_t id;

	int64_t stamp0, stamp1;

	(void)state;
	pw_error_quiet(1);
	assert_int_equal(pw_store_change_stamp(s, &stamp0), 0);
	assert_true(stamp0 > 0); /* the unit's audit row */
	assert_int_equal(pw_store_user_add(s, "ed", "editor", "区统计局", hash, "test", &id), 0);
	assert_int_equal(pw_store_change_stamp(s, &stamp1), 0);
	assert_true(stamp1 > stamp0);
	assert_int_equal(pw_store_user_add(s, "pl", "planner", NULL, hash, "test", NULL), 0);
	assert_int_equal(pw_store_user_add(s, "ed", "viewer", NULL, hash, "test", NULL), -1);
	assert_string_equal(pw_last_error(), "user 'ed' already exists");
	assert_int_equal(pw_store_user_add(s, "x", "editor", NULL, hash, "test", NULL), -1);
	assert_int_equal(pw_store_user_add(s, "x", "root", NULL, hash, "test", NULL), -1);
	assert_int_equal(pw_store_user_add(s, "x", "editor", "无此单位", hash, "test", NULL),
			 PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_user_get(s, "ed", &u), 0);
	assert_int_equal(u.id, id);
	assert_string_equal(u.role, "editor");
	assert_string_equal(u.unit, "区统计局");
	assert_string_equal(u.hash, hash);
	assert_false(u.disabled);
	pw_user_release(&u);
	assert_int_equal(pw_store_user_get(s, "nobody", &u), PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_user_list(s, &all, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(all[0].name, "ed");
	assert_null(all[0].hash);
	pw_user_free_array(all, n);
	/* the audit log has the user, never its hash */
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log WHERE action ="
					     " 'user.add' AND after_json NOT LIKE '%argon2%'"), 2);
	pw_error_quiet(0);
	pw_store_close(s);
}

static void test_sessions(void **state)
{
	struct pw_store *s = open_db();
	struct pw_session ss;
	int64_t id;

	(void)state;
	assert_int_equal(pw_store_user_add(s, "ed", "editor", "区统计局", hash, "test", &id), 0);
	assert_int_equal(pw_store_session_add(s, id, "h1", "csrf1", 3600), 0);
	assert_int_equal(pw_store_session_find(s, "h1", 1800, 60, &ss), 0);
	assert_string_equal(ss.csrf, "csrf1");
	assert_string_equal(ss.user.name, "ed");
	assert_string_equal(ss.user.unit, "区统计局");
	assert_false(ss.stale);
	pw_session_release(&ss);
	assert_int_equal(pw_store_session_find(s, "h2", 1800, 60, &ss), PW_STORE_NOTFOUND);
	/* idle: last seen two hours ago */
	assert_int_equal(testdb_query_int(s, "UPDATE sessions SET last_seen ="
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-7200 seconds') RETURNING 1"), 1);
	assert_int_equal(pw_store_session_find(s, "h1", 1800, 60, &ss), PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_session_find(s, "h1", 3 * 3600, 60, &ss), 0);
	assert_true(ss.stale);
	assert_int_equal(pw_store_session_touch(s, ss.id), 0);
	pw_session_release(&ss);
	assert_int_equal(pw_store_session_find(s, "h1", 1800, 60, &ss), 0);
	pw_session_release(&ss);
	/* absolute: expired an hour ago, whatever the idle time */
	assert_int_equal(pw_store_session_add(s, id, "h3", "c3", -3600), 0);
	assert_int_equal(pw_store_session_find(s, "h3", 1800, 60, &ss), PW_STORE_NOTFOUND);
	/* a new password or disabling ends every session */
	assert_int_equal(pw_store_user_set_password(s, "ed", hash, "test"), 0);
	assert_int_equal(pw_store_session_find(s, "h1", 1800, 60, &ss), PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_session_add(s, id, "h4", "c4", 3600), 0);
	assert_int_equal(pw_store_user_disable(s, "ed", "test"), 0);
	assert_int_equal(pw_store_session_find(s, "h4", 1800, 60, &ss), PW_STORE_NOTFOUND);
	assert_int_equal(testdb_query_int(s, "SELECT disabled FROM users WHERE name = 'ed'"), 1);
	assert_int_equal(pw_store_session_add(s, id, "h5", "c5", 3600), 0);
	assert_int_equal(pw_store_session_delete(s, "h5"), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM sessions"), 0);
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_throttle),
		cmocka_unit_test_teardown(test_users, testdb_teardown),
		cmocka_unit_test_teardown(test_sessions, testdb_teardown),
	};

	testdb_init("web");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
