/*
 * testdb.h - the temporary database of a store unit test: one path per
 * test program ($TMPDIR/pw-<name>-<pid>.db), removed with its -wal and
 * -shm files; and reading a number back with SQL for the checks.
 * Include after unit.h.
 */
#ifndef PW_TESTDB_H
#define PW_TESTDB_H

#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char testdb_path[256];

/* Sets testdb_path for the test program called name. */
static inline void testdb_init(const char *name)
{
	snprintf(testdb_path, sizeof(testdb_path), "%s/pw-%s-%ld.db",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name, (long)getpid());
}

/* Removes the database and its -wal and -shm files, if there. */
static inline void testdb_remove(void)
{
	char p[300];

	unlink(testdb_path);
	snprintf(p, sizeof(p), "%s-wal", testdb_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", testdb_path);
	unlink(p);
}

/* A cmocka teardown that removes the database. */
static inline int testdb_teardown(void **state)
{
	(void)state;
	testdb_remove();
	return 0;
}

/* The first column of sql's first row as an integer, -1 without a row;
 * asserts that sql prepares. */
static inline long long testdb_query_int(struct pw_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(pw_store_sqlite(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

#endif
