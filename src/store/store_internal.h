/*
 * store_internal.h - what the store_*.c files share: the connection, a
 * cache of prepared statements, and bind helpers.  Not for code outside
 * src/store/ (and the store's unit tests): what other layers need of the
 * store's rows is in store/plan_rows.h (tools/check-layers.sh refuses
 * this header outside src/store/).
 *
 * Statements: pw_store_stmt(s, SQL) returns a prepared statement for a
 * string literal, prepared once per connection and cached by the literal's
 * address; it comes back reset with its bindings cleared.  Values are only
 * ever bound, never formatted into SQL.
 */
#ifndef PW_STORE_INTERNAL_H
#define PW_STORE_INTERNAL_H

#include "store/plan_rows.h"
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
	/* Waiting for the write lock (store.c, busy_wait): the limit, when
	 * the present wait began, whether it was announced, and whether the
	 * last one ended at the limit. */
	long lock_timeout_ms;
	long long busy_since_ms;
	int busy_said, busy_gave_up;
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

/* Migrations (schema.c).  Brings the database to version `target`
 * (pw_store_schema_latest() normally; tests stop earlier). */
int pw_store_migrate(struct pw_store *s, int target);
/* PRAGMA user_version, or -1 after reporting. */
int pw_store_read_user_version(struct pw_store *s);

/* Steps the bound statement st once: 0 with *id its first column (st is
 * then reset), PW_STORE_NOTFOUND without a message when there is no row,
 * -1 after reporting. */
int pw_store_step_id(struct pw_store *s, sqlite3_stmt *st, int64_t *id);

/* Reads the row st stands at into elem (ctx: the caller's). */
typedef void pw_store_fill_fn(sqlite3_stmt *st, void *elem, void *ctx);
/* Frees an array of n elements and what they own. */
typedef void pw_store_free_fn(void *array, size_t n);

/* How pw_store_collect() reads rows into an array. */
struct pw_store_rows {
	size_t size;                  /* of an element */
	pw_store_fill_fn *fill;
	pw_store_free_fn *free_array; /* after an error; NULL: free() */
};

/*
 * Steps the bound statement st to its end, reading each row with
 * how->fill(st, elem, ctx) into a new zeroed element.  Returns the array
 * (caller frees; NULL without rows) with *n, *rc 0; or NULL with *n 0,
 * *rc -1 after reporting (what was read freed).  st may be NULL (a
 * failed pw_store_stmt()): then *rc is -1.
 */
void *pw_store_collect(struct pw_store *s, sqlite3_stmt *st, const struct pw_store_rows *how,
		       void *ctx, size_t *n, int *rc);

/* pw_store_collect() of one page of sql, whose ?1 is LIMIT and ?2 OFFSET
 * (limit SIZE_MAX: every row).  Same ownership and results. */
void *pw_store_collect_page(struct pw_store *s, const char *sql, const struct pw_store_rows *how,
			    size_t offset, size_t limit, size_t *n, int *rc);

/*
 * Which table indicator prose target row `g` (SQL alias) restates, as SQL
 * expressions giving an indicators.id of g's own version or NULL:
 *  - PW_TARGET_LINK_RULE: the rule applied at import (schema step 9,
 *    plan_store.c): an indicator of the version whose name is g's
 *    subject, ASCII blanks aside, with the same unit; of several, the
 *    first of a table whose period holds g's year (else the plan's end
 *    year: 表2's row of 2021-2025, not 表1's of the previous plan), else
 *    the first;
 *  - PW_TARGET_LINK: what target_links says, which every reader takes: of
 *    the rows for g's key in any version of its plan, an office
 *    correction before an import row, the newest of each; its indicator
 *    followed by key into g's version (NULL: restates none).  Only prose
 *    targets have links, so the key alone finds them: a condition on
 *    lg.indicator_id would lead SQLite to scan every prose target of the
 *    database by that index, once per target.
 */
#define PW_TARGET_LINK_NAMED(g)                                                         \
	"(SELECT i.id FROM indicators i JOIN indicator_tables lt ON lt.id = i.table_id"    \
	" WHERE i.version_id = " g ".version_id"                                          \
	" AND replace(i.name, ' ', '') = replace(" g ".subject, ' ', '')"                 \
	" AND i.unit IS " g ".unit"
#define PW_TARGET_LINK_RULE(g)                                                          \
	"COALESCE(" PW_TARGET_LINK_NAMED(g) " AND COALESCE(" g ".year, (SELECT period_end"  \
	" FROM plan_versions WHERE id = " g ".version_id)) BETWEEN lt.period_start"        \
	" AND lt.period_end ORDER BY i.id LIMIT 1), " PW_TARGET_LINK_NAMED(g)              \
	" ORDER BY i.id LIMIT 1))"
#define PW_TARGET_LINK(g)                                                               \
	"(SELECT li.id FROM indicators li WHERE li.version_id = " g ".version_id"         \
	" AND li.key = (SELECT l0.key FROM indicators l0 WHERE l0.id ="                   \
	" (SELECT l.indicator_id FROM target_links l"                                     \
	"  JOIN targets lg ON lg.id = l.target_id"                                        \
	"  JOIN plan_versions lv ON lv.id = lg.version_id"                                \
	"  WHERE lg.key = " g ".key AND lv.plan_id ="                                     \
	"  (SELECT plan_id FROM plan_versions WHERE id = " g ".version_id)"               \
	"  ORDER BY l.origin = 'office' DESC, l.id DESC LIMIT 1)))"

#endif
