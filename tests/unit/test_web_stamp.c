/*
 * test_web_stamp.c - the change stamp the server's caches check
 * (web_change_stamp, web/server.c): reused for a millisecond, but a write
 * of the server itself (web_write_lock/unlock around its transaction)
 * is seen by the very next request.
 */
#include "unit.h"

#include "testdb.h"
#include "web/web_int.h"

#include <sqlite3.h>

static void audit_row(struct pw_store *s)
{
	assert_int_equal(sqlite3_exec(pw_store_sqlite(s),
				      "INSERT INTO audit_log (at, actor, action, entity) "
				      "VALUES ('2026-01-01', 'test', 'set', 'plan')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
}

static void test_own_write_seen_at_once(void **state)
{
	struct pw_store *s;
	int64_t before, after, want;

	(void)state;
	testdb_init("web-stamp");
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(web_change_stamp(s, &before), 0);
	web_write_lock();
	audit_row(s);
	web_write_unlock();
	want = testdb_query_int(s, "SELECT max(id) FROM audit_log");
	assert_true(want > before);
	/* well within the millisecond of reuse: only the unlock makes it read */
	assert_int_equal(web_change_stamp(s, &after), 0);
	assert_int_equal(after, want);
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_own_write_seen_at_once, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
