/*
 * store.c - the store's connection: opening (pragmas, migration), the
 * prepared-statement cache, transactions, bind/column helpers, the audit
 * log and checksums.  Plans are in plan_store.c (write) and plan_load.c
 * (read); the schema in schema.c.
 */
#include "store/store_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <errno.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

/* How long a writer waits for another one to release the write lock
 * (docs/schema.md, "Locking"): writes queue rather than fail.  The
 * environment variable overrides the default (whole seconds, 0: do not
 * wait); a writer says once that it waits after NOTICE_MS. */
#define LOCK_TIMEOUT_ENV "PLANWATCH_LOCK_TIMEOUT"
#define LOCK_TIMEOUT_DEFAULT_S 300
#define LOCK_TIMEOUT_MAX_S 86400
#define NOTICE_MS 1000

/* Did the last statement fail because the lock wait reached its limit? */
static bool gave_up_waiting(struct pw_store *s, int rc)
{
	return (rc & 0xff) == SQLITE_BUSY && s->busy_gave_up;
}

static int report_gave_up(struct pw_store *s)
{
	return pw_error_kind(PW_ERR_DB, "database '%s' is locked by another writer for more "
			     "than %ld s (%s): nothing was written, try again later",
			     s->path, s->lock_timeout_ms / 1000, LOCK_TIMEOUT_ENV);
}

int pw_store_fail(struct pw_store *s, const char *what)
{
	if (gave_up_waiting(s, sqlite3_extended_errcode(s->db)))
		return report_gave_up(s);
	return pw_error_kind(PW_ERR_DB, "database '%s': %s: %s", s->path, what,
			     sqlite3_errmsg(s->db));
}

/* ------------------------------------------------------------------ */
/* Statements                                                         */

sqlite3_stmt *pw_store_stmt(struct pw_store *s, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql == sql) {
			st = s->stmts[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		pw_store_fail(s, "cannot prepare statement");
		return NULL;
	}
	ALLOC_GROW(s->stmts, s->nstmts + 1, s->stmts_alloc);
	s->stmts[s->nstmts].sql = sql;
	s->stmts[s->nstmts++].st = st;
	return st;
}

void pw_store_stmt_clear(struct pw_store *s)
{
	size_t i;

	for (i = 0; i < s->nstmts; i++)
		sqlite3_finalize(s->stmts[i].st);
	free(s->stmts);
	s->stmts = NULL;
	s->nstmts = s->stmts_alloc = 0;
}

void pw_store_inject_fault(struct pw_store *s, long nth)
{
	s->fault_countdown = nth;
}

int pw_store_step(struct pw_store *s, sqlite3_stmt *st)
{
	int rc;

	if (s->fault_countdown > 0 && --s->fault_countdown == 0) {
		sqlite3_reset(st);
		return pw_error_kind(PW_ERR_DB, "database '%s': injected fault", s->path);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	pw_store_fail(s, "statement failed");
	sqlite3_reset(st);
	return -1;
}

int pw_store_run(struct pw_store *s, sqlite3_stmt *st)
{
	int rc = pw_store_step(s, st);

	if (rc == 1) {
		sqlite3_reset(st);
		return 0;
	}
	return rc;
}

int pw_store_exec(struct pw_store *s, const char *sql)
{
	char *msg = NULL;
	int rc;

	if (s->fault_countdown > 0 && --s->fault_countdown == 0)
		return pw_error_kind(PW_ERR_DB, "database '%s': injected fault", s->path);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return 0;
	if (gave_up_waiting(s, rc))
		report_gave_up(s);
	else
		pw_error_kind(PW_ERR_DB, "database '%s': %s", s->path,
			      msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return -1;
}

/* ------------------------------------------------------------------ */
/* Bind and column helpers                                            */

void pw_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void pw_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

void pw_bind_int_or_null(sqlite3_stmt *st, int i, int64_t v, bool present)
{
	if (present)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

void pw_bind_double_or_null(sqlite3_stmt *st, int i, double v, bool present)
{
	if (present)
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

char *pw_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

int pw_col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int(st, i);
}

bool pw_col_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* ------------------------------------------------------------------ */
/* Waiting for the write lock                                         */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * SQLite's busy handler: called while another connection holds a lock
 * this one needs (in WAL mode only writers wait, for the one write lock),
 * count 0 at the start of each wait.  Sleeps a little longer each time
 * (1 ms up to 100 ms: a short wait ends soon after the lock is free), says
 * once after NOTICE_MS that it waits, and returns 0 (give up: SQLITE_BUSY)
 * once the wait reaches s->lock_timeout_ms.
 */
static int busy_wait(void *arg, int count)
{
	struct pw_store *s = arg;
	long long now = now_ms(), waited, left;
	int nap = count < 7 ? 1 << count : 100;

	if (count == 0) {
		s->busy_since_ms = now;
		s->busy_gave_up = 0;
	}
	waited = now - s->busy_since_ms;
	left = s->lock_timeout_ms - waited;
	if (left <= 0) {
		s->busy_gave_up = 1;
		return 0;
	}
	if (!s->busy_said && waited >= NOTICE_MS) {
		pw_warning("waiting for another writer to release database '%s' "
			   "(at most %ld s, %s)", s->path, s->lock_timeout_ms / 1000, LOCK_TIMEOUT_ENV);
		s->busy_said = 1;
	}
	sqlite3_sleep(nap < left ? nap : (int)left);
	return 1;
}

/* The lock wait limit from the environment, else the default. */
static int lock_timeout(struct pw_store *s)
{
	const char *env = getenv(LOCK_TIMEOUT_ENV);
	char *end;
	long v = LOCK_TIMEOUT_DEFAULT_S;

	if (env && *env) {
		errno = 0;
		v = strtol(env, &end, 10);
		if (errno || *end || v < 0 || v > LOCK_TIMEOUT_MAX_S || *env < '0' || *env > '9')
			return pw_error_kind(PW_ERR_USAGE, "%s '%s' is not a number of seconds "
					     "from 0 to %d", LOCK_TIMEOUT_ENV, env, LOCK_TIMEOUT_MAX_S);
	}
	s->lock_timeout_ms = v * 1000;
	sqlite3_busy_handler(s->db, busy_wait, s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Opening                                                            */

static int set_pragmas(struct pw_store *s)
{
	static const char pragmas[] = "PRAGMA foreign_keys = ON;"
				      "PRAGMA journal_mode = WAL;"
				      "PRAGMA synchronous = FULL;"
				      "PRAGMA cache_size = -8000;";

	if (lock_timeout(s) < 0)
		return -1;
	sqlite3_extended_result_codes(s->db, 1);
	/* journal_mode answers with a row, which exec ignores */
	if (sqlite3_exec(s->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
		return pw_error_kind(PW_ERR_DB, "cannot open database '%s': %s", s->path,
				     sqlite3_errmsg(s->db));
	return 0;
}

static int open_connection(struct pw_store *s, const char *path)
{
	int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

	if (rc != SQLITE_OK)
		return pw_error_kind(PW_ERR_DB, "cannot open database '%s': %s", path,
				s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	return set_pragmas(s);
}

/* Can this process create files beside path (SQLite's -wal and -shm)? */
static bool dir_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	bool ok = access(dir, W_OK) == 0;

	free(dir);
	return ok;
}

/* Opens an existing database that this process may not write (an
 * auditor's read-only copy): no pragma that writes, no migration, and the
 * schema must be the current one.  A WAL database in a folder we cannot
 * write is read as immutable, which is right for a copy nobody changes. */
static int open_readonly(struct pw_store *s, const char *path)
{
	struct strbuf uri = STRBUF_INIT;
	int rc, flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, v;

	sb_addstr(&uri, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			sb_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			sb_addch(&uri, *p);
	}
	sb_addstr(&uri, dir_writable(path) ? "?mode=ro" : "?immutable=1");
	rc = sqlite3_open_v2(uri.buf, &s->db, flags, NULL);
	sb_release(&uri);
	if (rc != SQLITE_OK)
		return pw_error_kind(PW_ERR_DB, "cannot open database '%s' read-only: %s", path,
				s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	if (lock_timeout(s) < 0)
		return -1;
	sqlite3_extended_result_codes(s->db, 1);
	v = pw_store_read_user_version(s);
	if (v < 0)
		return -1;
	if (v != pw_store_schema_latest())
		return pw_error_kind(PW_ERR_DB,
				     "database '%s' is read-only and has schema version %d, not %d: "
				     "open it once with write access to upgrade it",
				     path, v, pw_store_schema_latest());
	s->readonly = 1;
	return 0;
}

int pw_store_open_reader(struct pw_store **out, const char *path)
{
	struct pw_store *s = xcalloc(1, sizeof(*s));

	*out = NULL;
	s->path = xstrdup(path);
	if (open_readonly(s, path) < 0) {
		pw_store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

int pw_store_open_existing(struct pw_store **out, const char *path)
{
	struct stat st;

	*out = NULL;
	if (stat(path, &st) < 0) {
		pw_error_kind(PW_ERR_NOTFOUND,
			      "no database '%s' (import a plan first, or check --db)", path);
		return PW_STORE_NOTFOUND;
	}
	if (access(path, W_OK) == 0)
		return pw_store_open(out, path);
	return pw_store_open_reader(out, path);
}

int pw_store_open(struct pw_store **out, const char *path)
{
	struct pw_store *s = xcalloc(1, sizeof(*s));

	*out = NULL;
	if (sodium_init() < 0) {
		free(s);
		return pw_error("cannot initialise libsodium");
	}
	s->path = xstrdup(path);
	if (access(path, F_OK) == 0 && access(path, W_OK) != 0) {
		pw_error_kind(PW_ERR_DB, "database '%s' is read-only", path);
		pw_store_close(s);
		return -1;
	}
	if (open_connection(s, path) < 0 || pw_store_migrate(s, pw_store_schema_latest()) < 0) {
		pw_store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

void pw_store_close(struct pw_store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		pw_store_rollback(s);
	pw_store_stmt_clear(s);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *pw_store_path(const struct pw_store *s)
{
	return s->path;
}

struct sqlite3 *pw_store_sqlite(struct pw_store *s)
{
	return s->db;
}

int pw_store_schema_version(struct pw_store *s)
{
	return pw_store_read_user_version(s);
}

/* ------------------------------------------------------------------ */
/* Reading rows (store_internal.h)                                   */

void *pw_store_collect(struct pw_store *s, sqlite3_stmt *st, const struct pw_store_rows *how,
		       void *ctx, size_t *n, int *rc)
{
	char *arr = NULL;
	size_t alloc = 0;

	*n = 0;
	*rc = -1;
	if (!st)
		return NULL;
	while ((*rc = pw_store_step(s, st)) == 1) {
		ALLOC_GROW(arr, (*n + 1) * how->size, alloc);
		memset(arr + *n * how->size, 0, how->size);
		how->fill(st, arr + (*n)++ * how->size, ctx);
	}
	if (*rc < 0) {
		if (how->free_array)
			how->free_array(arr, *n);
		else
			free(arr);
		*n = 0;
		return NULL;
	}
	return arr;
}

void *pw_store_collect_page(struct pw_store *s, const char *sql, const struct pw_store_rows *how,
			    size_t offset, size_t limit, size_t *n, int *rc)
{
	sqlite3_stmt *st = pw_store_stmt(s, sql);

	if (st) {
		/* SQLite's LIMIT is signed: "all" is -1 */
		pw_bind_int(st, 1, limit > INT64_MAX ? -1 : (int64_t)limit);
		pw_bind_int(st, 2, offset > INT64_MAX ? INT64_MAX : (int64_t)offset);
	}
	return pw_store_collect(s, st, how, NULL, n, rc);
}

int pw_store_step_id(struct pw_store *s, sqlite3_stmt *st, int64_t *id)
{
	int rc = pw_store_step(s, st);

	if (rc != 1)
		return rc < 0 ? -1 : PW_STORE_NOTFOUND;
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Transactions                                                       */

int pw_store_begin(struct pw_store *s)
{
	if (s->in_tx)
		return pw_error_kind(PW_ERR_DB, "database '%s': transaction already open", s->path);
	if (s->readonly)
		return pw_error_kind(PW_ERR_DB, "database '%s' is read-only", s->path);
	if (pw_store_exec(s, "BEGIN IMMEDIATE") < 0)
		return -1;
	s->in_tx = 1;
	return 0;
}

int pw_store_commit(struct pw_store *s)
{
	if (pw_store_exec(s, "COMMIT") < 0) {
		pw_store_rollback(s);
		return -1;
	}
	s->in_tx = 0;
	return 0;
}

void pw_store_rollback(struct pw_store *s)
{
	/* Not through pw_store_exec: a rollback must not hit an injected fault. */
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

int pw_store_data_version(struct pw_store *s, int64_t *v)
{
	sqlite3_stmt *st = pw_store_stmt(s, "PRAGMA data_version");
	int rc = st ? pw_store_step(s, st) : -1;

	if (rc == 1) {
		*v = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	return rc < 0 ? -1 : pw_error("database '%s': no data version", s->path);
}

/* ------------------------------------------------------------------ */
/* Audit log and checksums                                            */

int pw_store_audit(struct pw_store *s, const char *who, const char *action,
		   const char *entity, int64_t entity_id, const char *before_json,
		   const char *after_json)
{
	sqlite3_stmt *st = pw_store_stmt(s,
		"INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json) "
		"VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?)");

	if (!st)
		return -1;
	pw_bind_text(st, 1, who ? who : "unknown");
	pw_bind_text(st, 2, action);
	pw_bind_text(st, 3, entity);
	pw_bind_int_or_null(st, 4, entity_id, entity_id > 0);
	pw_bind_text(st, 5, before_json);
	pw_bind_text(st, 6, after_json);
	return pw_store_run(s, st);
}

int64_t pw_store_last_id(struct pw_store *s)
{
	return sqlite3_last_insert_rowid(s->db);
}

void pw_store_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void pw_store_text_sha256_hex(const char *text, size_t len, char out[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	size_t i, start = 0;

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--; /* a final line end or not: the same text */
	crypto_hash_sha256_init(&st);
	for (i = 0; i < len; i++) {
		if (text[i] != '\r')
			continue;
		crypto_hash_sha256_update(&st, (const unsigned char *)text + start, i - start);
		if (i + 1 < len && text[i + 1] == '\n')
			start = i + 1; /* CRLF: the LF stays */
		else {
			crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
			start = i + 1;
		}
	}
	crypto_hash_sha256_update(&st, (const unsigned char *)text + start, len - start);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
}
