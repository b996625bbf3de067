/*
 * check.c - "planwatch check": what can be verified of a database file
 * without changing it (backup.h).  Each problem is one line of text; the
 * caller prints them.  The expected triggers come from the migrations
 * themselves (a reference schema built in memory), not from a list here.
 */
#include "store/backup.h"
#include "store/store_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/nelem.h"

/* At most this many lines per kind of problem; then a count. */
#define MAX_LINES 20

struct checker {
	sqlite3 *db;
	const char *path;
	void (*problem)(void *arg, const char *text);
	void *arg;
	int n; /* problems found */
};

static void problem(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	c->n++;
	c->problem(c->arg, sb.buf);
	sb_release(&sb);
}

/* Prepares sql on c->db: the statement, or NULL after counting a problem
 * (an unreadable file shows here). */
static sqlite3_stmt *prepare(struct checker *c, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		problem(c, "cannot read the database: %s", sqlite3_errmsg(c->db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Steps st: SQLITE_ROW, SQLITE_DONE, or an error counted as a problem. */
static int step(struct checker *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		problem(c, "cannot read the database: %s", sqlite3_errmsg(c->db));
	return rc;
}

/* Runs sql; each row (its columns joined by spaces, after the prefix
 * what) is one problem line: the first MAX_LINES, then a count.  A row
 * whose first column is skip ("ok" of integrity_check) is no problem. */
static void rows_as_problems(struct checker *c, const char *sql, const char *what,
			     const char *skip)
{
	struct strbuf line = STRBUF_INIT;
	sqlite3_stmt *st = prepare(c, sql);
	int i, nrows = 0;

	if (!st)
		return;
	while (step(c, st) == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);

		if (skip && first && !strcmp(first, skip))
			continue;
		if (++nrows > MAX_LINES)
			continue;
		sb_reset(&line);
		sb_addstr(&line, what);
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);

			sb_addf(&line, "%s%s", i ? " " : "", v ? v : "NULL");
		}
		problem(c, "%s", line.buf);
	}
	if (nrows > MAX_LINES)
		problem(c, "%s%d more", what, nrows - MAX_LINES);
	sqlite3_finalize(st);
	sb_release(&line);
}

/* One integer from sql (-1 after a problem or without a row). */
static long long one_int(struct checker *c, const char *sql)
{
	sqlite3_stmt *st = prepare(c, sql);
	long long v = -1;

	if (st && step(c, st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- the basic checks (restore's too) ------------------------------------ */

/* The schema version, or -1 when the file is no planwatch database of a
 * version this binary knows (a problem is counted). */
static int check_version(struct checker *c)
{
	long long v = one_int(c, "PRAGMA user_version");

	if (v < 0)
		return -1;
	if (v > pw_store_schema_latest()) {
		problem(c, "schema version %lld is newer than this planwatch understands (%d)", v,
			pw_store_schema_latest());
		return -1;
	}
	if (v == 0 || one_int(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
				 " AND name = 'schema_migrations'") != 1) {
		problem(c, "not a planwatch database (no schema version)");
		return -1;
	}
	return (int)v;
}

static int check_basic(struct checker *c)
{
	int v = check_version(c);

	if (v < 0)
		return -1;
	rows_as_problems(c, "PRAGMA integrity_check", "integrity: ", "ok");
	rows_as_problems(c, "SELECT 'row ' || rowid || ' of ' || \"table\" || ' refers to a"
			    " missing row of ' || parent FROM pragma_foreign_key_check",
			 "foreign key: ", NULL);
	return v;
}

/* ---- triggers ------------------------------------------------------------ */

/* A fresh in-memory database migrated to version v. */
static int reference_schema(int v, struct pw_store **out)
{
	struct pw_store *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(":memory:");
	*out = NULL;
	if (sqlite3_open(":memory:", &s->db) != SQLITE_OK || pw_store_migrate(s, v) < 0) {
		pw_store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

/* Every trigger of the reference schema is in the file, with the same
 * definition: the append-only guards of obs, audit_log, ... among them. */
static void check_triggers(struct checker *c, int version)
{
	struct pw_store *ref;
	sqlite3_stmt *want, *have;

	if (reference_schema(version, &ref) < 0) {
		problem(c, "cannot build the reference schema of version %d", version);
		return;
	}
	want = NULL;
	sqlite3_prepare_v2(ref->db, "SELECT name, tbl_name, sql FROM sqlite_master"
				    " WHERE type = 'trigger' ORDER BY name", -1, &want, NULL);
	have = prepare(c, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
	while (want && have && sqlite3_step(want) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(want, 0);
		const char *sql = (const char *)sqlite3_column_text(want, 2);

		sqlite3_reset(have);
		sqlite3_bind_text(have, 1, name, -1, SQLITE_TRANSIENT);
		if (step(c, have) != SQLITE_ROW)
			problem(c, "trigger '%s' on '%s' is missing", name,
				(const char *)sqlite3_column_text(want, 1));
		else if (strcmp(sql, (const char *)sqlite3_column_text(have, 0)))
			problem(c, "trigger '%s' on '%s' differs from the schema's", name,
				(const char *)sqlite3_column_text(want, 1));
	}
	sqlite3_finalize(want);
	sqlite3_finalize(have);
	pw_store_close(ref);
}

/* ---- the audit trail ----------------------------------------------------- */

/* Tables whose every row is written with an audit row naming it. */
static const struct audited {
	const char *table, *entity;
} audited[] = {
	{ "obs", "observation" },
	{ "observations", "observation" }, /* a table before schema version 5 */
	{ "project_progress", "project_progress" },
	{ "plan_versions", "plan_version" },
	{ "external_targets", "external_target" },
	{ "annual_docs", "annual_doc" },
};

static bool is_table(struct checker *c, const char *name)
{
	sqlite3_stmt *st = prepare(c, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
				      " AND name = ?");
	bool yes;

	if (!st)
		return false;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	yes = step(c, st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/* Ids of table t from which rows are missing (a row deleted in the
 * middle: ids are never reused nor skipped, rows are append-only). */
static void check_gaps(struct checker *c, const char *t)
{
	struct strbuf sql = STRBUF_INIT, what = STRBUF_INIT;

	sb_addf(&sql, "SELECT a.id + 1 FROM %s a WHERE a.id < (SELECT max(id) FROM %s)"
		      " AND NOT EXISTS (SELECT 1 FROM %s b WHERE b.id = a.id + 1)"
		      " UNION ALL SELECT 1 WHERE (SELECT min(id) FROM %s) > 1 ORDER BY 1",
		t, t, t, t);
	sb_addf(&what, "%s: rows missing from id ", t);
	rows_as_problems(c, sql.buf, what.buf, NULL);
	sb_release(&sql);
	sb_release(&what);
}

/* Rows of a without an audit row, and audit rows naming a missing row.
 * Values of a bulk load (store/bulk_load.c) are named by one audit row
 * with the range first_id..last_id. */
static void check_audited(struct checker *c, const struct audited *a)
{
	struct strbuf sql = STRBUF_INIT, what = STRBUF_INIT;

	sb_addf(&sql, "SELECT t.id FROM %s t WHERE NOT EXISTS (SELECT 1 FROM audit_log a"
		      " WHERE a.entity = '%s' AND a.entity_id = t.id)", a->table, a->entity);
	if (!strcmp(a->entity, "observation"))
		sb_addstr(&sql, " AND NOT EXISTS (SELECT 1 FROM audit_log a"
				" WHERE a.action = 'observation.bulk_load' AND t.id BETWEEN"
				" json_extract(a.after_json, '$.first_id')"
				" AND json_extract(a.after_json, '$.last_id'))");
	sb_addstr(&sql, " ORDER BY t.id");
	sb_addf(&what, "audit: no audit row for %s ", a->entity);
	rows_as_problems(c, sql.buf, what.buf, NULL);

	sb_reset(&sql);
	sb_addf(&sql, "SELECT a.id, '(' || a.action || ') names %s', a.entity_id FROM audit_log a"
		      " WHERE a.entity = '%s' AND a.entity_id > 0 AND NOT EXISTS"
		      " (SELECT 1 FROM %s t WHERE t.id = a.entity_id) ORDER BY a.id",
		a->entity, a->entity, a->table);
	rows_as_problems(c, sql.buf, "audit: missing row: audit row ", NULL);
	sb_release(&sql);
	sb_release(&what);
}

static void check_audit(struct checker *c)
{
	size_t i;

	if (!is_table(c, "audit_log"))
		return;
	check_gaps(c, "audit_log");
	for (i = 0; i < NELEM(audited); i++)
		if (is_table(c, audited[i].table)) {
			check_gaps(c, audited[i].table);
			check_audited(c, &audited[i]);
		}
}

/* ---- entry points -------------------------------------------------------- */

int pw_store_open_query_only(const char *path, struct sqlite3 **db)
{
	struct stat st;

	*db = NULL;
	if (stat(path, &st) < 0) {
		pw_error_kind(PW_ERR_NOTFOUND, "no database '%s'", path);
		return PW_STORE_NOTFOUND;
	}
	/* read-write when allowed, though only read (query_only): the last
	 * connection to close removes the -wal and -shm files, which a
	 * read-only one would leave behind */
	if (sqlite3_open_v2(path, db,
			    access(path, W_OK) == 0 ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
			    NULL) != SQLITE_OK ||
	    sqlite3_exec(*db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK) {
		pw_error_kind(PW_ERR_DB, "cannot open database '%s': %s", path,
			 *db ? sqlite3_errmsg(*db) : "out of memory");
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	sqlite3_busy_timeout(*db, 10000);
	return 0;
}

/* Opens path into c->db: 0, PW_STORE_NOTFOUND or -1 (reported). */
static int open_ro(struct checker *c, const char *path)
{
	c->path = path;
	return pw_store_open_query_only(path, &c->db);
}

int pw_store_check(const char *path, void (*cb)(void *arg, const char *text), void *arg)
{
	struct checker c = { .problem = cb, .arg = arg };
	int rc = open_ro(&c, path), v;

	if (rc < 0)
		return rc;
	/* one snapshot for every query, while other processes write */
	sqlite3_exec(c.db, "BEGIN", NULL, NULL, NULL);
	v = check_basic(&c);
	if (v > 0) {
		check_triggers(&c, v);
		check_audit(&c);
	}
	sqlite3_exec(c.db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(c.db);
	return c.n;
}

int pw_store_check_source(const char *path, void (*cb)(void *arg, const char *text),
			  void *arg)
{
	struct checker c = { .problem = cb, .arg = arg };
	int rc = open_ro(&c, path);

	if (rc < 0)
		return rc;
	sqlite3_exec(c.db, "BEGIN", NULL, NULL, NULL);
	check_basic(&c);
	sqlite3_exec(c.db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(c.db);
	return c.n;
}
