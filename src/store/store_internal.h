/*
 * store_internal.h - what the store_*.c files share: the connection, a
 * cache of prepared statements, and bind/column helpers.  Not for code
 * outside src/store/ (and the store's unit tests).
 *
 * Statements: pw_store_stmt(s, SQL) returns a prepared statement for a
 * string literal, prepared once per connection and cached by the literal's
 * address; it comes back reset with its bindings cleared.  Values are only
 * ever bound, never formatted into SQL.
 */
#ifndef PW_STORE_INTERNAL_H
#define PW_STORE_INTERNAL_H

#include "store/store.h"

#include <sqlite3.h>
#include <stdbool.h>

struct pw_stmt_slot {
	const char *sql;
	sqlite3_stmt *st;
};

struct pw_store {
	sqlite3 *db;
	char *path;
	struct pw_stmt_slot *stmts;
	size_t nstmts, stmts_alloc;
	int in_tx;          /* a pw_store_begin() is open */
	int readonly;       /* opened by pw_store_open_existing() without write access */
	long fault_countdown; /* tests: fail the Nth statement step (0: off) */
};

/* Reports "database '<path>': <what>: <sqlite message>"; returns -1. */
int pw_store_fail(struct pw_store *s, const char *what);

/* Cached prepared statement for sql (a string literal); NULL after error. */
sqlite3_stmt *pw_store_stmt(struct pw_store *s, const char *sql);
/* Steps st once: 1 a row, 0 done (st is then reset), -1 after reporting. */
int pw_store_step(struct pw_store *s, sqlite3_stmt *st);
/* Steps st to completion expecting no row; 0 or -1. */
int pw_store_run(struct pw_store *s, sqlite3_stmt *st);
/* Runs SQL without parameters (several statements allowed); 0 or -1. */
int pw_store_exec(struct pw_store *s, const char *sql);
/* Finalises every cached statement (before close, or after a schema
 * change). */
void pw_store_stmt_clear(struct pw_store *s);

/* Tests: make the nth statement step from now fail (0: never). */
void pw_store_inject_fault(struct pw_store *s, long nth);

/* Bind helpers: NULL strings and absent numbers bind SQL NULL. */
void pw_bind_text(sqlite3_stmt *st, int i, const char *v);
void pw_bind_int(sqlite3_stmt *st, int i, int64_t v);
void pw_bind_int_or_null(sqlite3_stmt *st, int i, int64_t v, bool present);
void pw_bind_double_or_null(sqlite3_stmt *st, int i, double v, bool present);

/* Column helpers: a copy of a text column (NULL for SQL NULL; caller
 * frees), an int column (0 for NULL). */
char *pw_col_text(sqlite3_stmt *st, int i);
int pw_col_int(sqlite3_stmt *st, int i);
bool pw_col_null(sqlite3_stmt *st, int i);

/* Migrations (schema.c).  Brings the database to version `target`
 * (pw_store_schema_latest() normally; tests stop earlier). */
int pw_store_migrate(struct pw_store *s, int target);
/* PRAGMA user_version, or -1 after reporting. */
int pw_store_read_user_version(struct pw_store *s);

/* Version `version` of plan_id (0: the current one): returns its number
 * (>= 1) and sets *version_id to its plan_versions row, or returns
 * PW_STORE_NOTFOUND (after reporting) / -1. */
int pw_store_resolve_version(struct pw_store *s, int plan_id, int version,
			     int64_t *version_id);

#endif
