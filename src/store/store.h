/*
 * store.h - the embedded SQLite store: plans and their versions, and the
 * tables monitoring builds on (units, observations, users, audit log).
 * The schema and its migrations are in store/schema.c and docs/schema.md.
 *
 * Conventions:
 *  - Functions return 0 on success and -1 after reporting an error with
 *    pw_error() (the message names the database and the reason); lookups
 *    by id return PW_STORE_NOTFOUND (-2), also after reporting, when the
 *    plan or version does not exist.  Nothing here exits.
 *  - Every write runs in one transaction: on any error the database is
 *    left exactly as it was.
 *  - Row ids are int64_t (SQLite rowids); plan ids and version numbers are
 *    int.
 *  - One struct pw_store is one SQLite connection: use it from one thread
 *    at a time (a server opens one per worker).
 */
#ifndef PW_STORE_H
#define PW_STORE_H

#include "model/plan.h"

#include <stddef.h>
#include <stdint.h>

struct pw_store;
struct sqlite3;

#define PW_STORE_NOTFOUND (-2)

/* The schema version this binary creates and understands. */
int pw_store_schema_latest(void);

/*
 * Opens the database at path, creating it if missing, and upgrades an
 * older schema (each migration step in its own transaction).  A database
 * whose schema is newer than this binary knows is refused.  Sets WAL mode,
 * foreign keys, synchronous=FULL and a busy timeout.  On success *out is
 * a new store the caller closes with pw_store_close(); on error *out is
 * NULL.
 */
int pw_store_open(struct pw_store **out, const char *path);
void pw_store_close(struct pw_store *s); /* NULL is fine */
/*
 * For commands that need data already there (list, show, report, assess,
 * monitoring): a missing file is PW_STORE_NOTFOUND ("no database 'x'",
 * never an empty new one from a mistyped --db); a file this process may
 * write is opened as pw_store_open() does; a read-only one (an auditor's
 * copy) is opened read-only without migration, and any write through it
 * fails with "database 'x' is read-only".
 */
int pw_store_open_existing(struct pw_store **out, const char *path);

/*
 * A read-only connection to an existing database whatever the file's
 * modes (SQLITE_OPEN_READONLY, no migration: the schema must be current),
 * for readers beside a connection that opened it first, such as the
 * workers of a parallel evaluation.  0 or -1 after pw_error().
 */
int pw_store_open_reader(struct pw_store **out, const char *path);

const char *pw_store_path(const struct pw_store *s);
/* The schema version of the open database (after migration). */
int pw_store_schema_version(struct pw_store *s);

/*
 * The raw connection, for store modules and tests.  Code outside
 * src/store/ should add a store function rather than write SQL.  The
 * store keeps ownership; do not close it.
 */
struct sqlite3 *pw_store_sqlite(struct pw_store *s);

/* Transactions for callers that group several store calls (a batch of
 * observations).  begin takes the write lock at once (BEGIN IMMEDIATE). */
int pw_store_begin(struct pw_store *s);
int pw_store_commit(struct pw_store *s);
void pw_store_rollback(struct pw_store *s);

/* A number that changes whenever ANOTHER connection commits (PRAGMA
 * data_version).  Read before a check made without the write lock and
 * again under it: equal, and what the check read is still current.
 * 0 or -1. */
int pw_store_data_version(struct pw_store *s, int64_t *v);

/*
 * Stores plan p in ONE transaction.  The plan's identity is its region and
 * ordinal, else its title, else its source file name (docs/schema.md);
 * a plan with the same identity, or whose current version has the same
 * source checksum, is the same plan.
 *  - same source checksum and same extracted content as the current
 *    version: nothing is written, *changed = 0;
 *  - otherwise a new version is recorded (version 1 for a new plan) and
 *    becomes current, *changed = 1.
 * *plan_id and *version receive the plan and its (new or current)
 * version.  who is recorded as imported_by and in the audit log.
 * p->checksum (hex SHA-256 of the decoded text) may be NULL: the SHA-256
 * of the plan's canonical JSON is used instead.  p is not modified.
 * Inside a caller's pw_store_begin() the import is a savepoint of that
 * transaction: on error only the import is undone.
 */
int pw_store_import_plan(struct pw_store *s, const struct pw_plan *p, const char *who,
			 int *plan_id, int *version, int *changed);

/*
 * Rebuilds version `version` (0: the current one) of plan `plan_id` into
 * out, which the caller has initialised with pw_plan_init() and frees
 * with pw_plan_free().  The result equals the imported plan field by field
 * (pw_plan_to_json prints the same JSON as extract did).  On error out is
 * left empty.
 */
int pw_store_load_plan(struct pw_store *s, int plan_id, int version, struct pw_plan *out);

/* What list and show print about one version of a plan.  Strings are
 * owned by the struct: pw_plan_info_release() frees them. */
struct pw_plan_info {
	int id;
	char *title, *region;
	int ordinal;         /* 0 if unknown */
	int start, end;      /* period, 0 if unknown */
	int version;         /* the version described */
	int current_version; /* the plan's current version */
	int nversions;
	char *source;        /* file name as given to import */
	char *checksum;      /* hex SHA-256 of the decoded source text */
	char *imported_at;   /* ISO 8601 UTC, "2025-01-31T08:00:00Z" */
	char *imported_by;
	int ntables, nindicators, ntargets, ncolumns, nitems; /* ntargets: prose */
};

void pw_plan_info_release(struct pw_plan_info *info);
/* Frees an array returned by the functions below, and its strings. */
void pw_plan_info_free_array(struct pw_plan_info *infos, size_t n);

/* Every plan at its current version, by id.  *out is a new array (NULL
 * when there is none) freed with pw_plan_info_free_array(). */
int pw_store_list_plans(struct pw_store *s, struct pw_plan_info **out, size_t *n);
/* One version (0: current) of one plan; release *out afterwards. */
int pw_store_plan_info(struct pw_store *s, int plan_id, int version,
		       struct pw_plan_info *out);
/* Every version of one plan, oldest first; freed as list_plans. */
int pw_store_plan_versions(struct pw_store *s, int plan_id, struct pw_plan_info **out,
			   size_t *n);

/*
 * Row ids of a stored plan version (0: current), in the order of the
 * struct pw_plan that pw_store_load_plan() returns, so that element k of
 * the ids belongs to element k of the plan:
 *  - indicator ids: tables[0].rows[0..], tables[1].rows[0..], ...
 *  - prose target ids: targets[0..]
 *  - project (column item) ids: columns[0].items[0..], columns[1].items...
 *  - indicator target ids: for each indicator in the order above, its
 *    targets[0..]
 * *ids is a new array the caller frees (NULL when *n is 0).  Observations,
 * assignments and project progress reference these ids.
 */
int pw_store_plan_indicator_ids(struct pw_store *s, int plan_id, int version,
				int64_t **ids, size_t *n);
int pw_store_plan_target_ids(struct pw_store *s, int plan_id, int version,
			     int64_t **ids, size_t *n);
int pw_store_plan_item_ids(struct pw_store *s, int plan_id, int version,
			   int64_t **ids, size_t *n);
int pw_store_plan_indicator_target_ids(struct pw_store *s, int plan_id, int version,
				       int64_t **ids, size_t *n);

/*
 * Indicators, targets and items keep a stable key across the versions of
 * a plan (docs/schema.md).  Given the id of a row in any version, returns
 * in *out the id of the row with the same key in the plan's current
 * version, or PW_STORE_NOTFOUND (without a message) if the current
 * version has no such row.  entity is "indicator", "target" or "item".
 */
int pw_store_current_id(struct pw_store *s, const char *entity, int64_t id, int64_t *out);

/*
 * Appends one row to the audit log (inside the caller's transaction if one
 * is open).  before_json/after_json are JSON texts or NULL.
 */
int pw_store_audit(struct pw_store *s, const char *who, const char *action,
		   const char *entity, int64_t entity_id, const char *before_json,
		   const char *after_json);

/* Hex SHA-256 (libsodium) of len bytes into out (65 bytes, NUL-ended). */
void pw_store_sha256_hex(const void *data, size_t len, char out[65]);
/* The same of a decoded document text with CRLF and CR line ends read as
 * LF and line ends at the very end ignored, so that one text in any encoding and line ending has one checksum
 * (pw_plan.checksum). */
void pw_store_text_sha256_hex(const char *text, size_t len, char out[65]);

#endif
