/*
 * backup.c - whole-database copies with SQLite's online backup API:
 * "planwatch backup" and "planwatch restore" (backup.h).  The checks of a
 * copy are in check.c.
 */
#include "store/backup.h"
#include "store/store_internal.h"
#include "util/error.h"
#include "util/outfile.h"
#include "util/strbuf.h"

#include <unistd.h>

/* Pages per backup step: each step is one short read transaction. */
#define STEP_PAGES 1024
/* After this many restarts (another process wrote between two steps) the
 * rest is copied in one step: in WAL mode a reader blocks no writer, so
 * the one long read transaction costs the writers nothing. */
#define MAX_RESTARTS 3
#define BUSY_TRIES 3 /* each after a busy timeout: a writer holding the target */

/*
 * Copies database src into dst (both open), npages per step: STEP_PAGES,
 * or -1 for one step, which is one transaction on dst.  0 or -1 after
 * reporting with name.
 */
static int copy_pages(sqlite3 *src, sqlite3 *dst, int npages, const char *name)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc, restarts = 0, busy = 0, last = -1, left;

	if (!b)
		return pw_error_kind(PW_ERR_DB, "cannot copy database '%s': %s", name, sqlite3_errmsg(dst));
	do {
		rc = sqlite3_backup_step(b, npages);
		left = sqlite3_backup_remaining(b);
		if (last >= 0 && left > last && ++restarts >= MAX_RESTARTS)
			npages = -1;
		last = left;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy < BUSY_TRIES)
			sqlite3_sleep(50);
		else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			break;
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return pw_error_kind(PW_ERR_DB, "cannot copy database '%s': %s", name, sqlite3_errstr(rc));
	return 0;
}

/* Opens path for writing; 0 or -1 after reporting (*db closed). */
static int open_rw(const char *path, sqlite3 **db)
{
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
	    SQLITE_OK) {
		sqlite3_busy_timeout(*db, 10000);
		return 0;
	}
	pw_error_kind(PW_ERR_DB, "cannot open database '%s': %s", path, *db ? sqlite3_errmsg(*db) : "out of memory");
	sqlite3_close(*db);
	*db = NULL;
	return -1;
}

/* The files SQLite may make beside the temporary copy (its header says WAL
 * once page 1 is copied from a WAL database): tracked with it, so that a
 * signal removes them too (on = 1); removed and untracked (on = 0). */
static void track_side_files(const char *tmp, int on)
{
	static const char *const sides[] = { "-wal", "-shm", "-journal" };
	struct strbuf p = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		sb_reset(&p);
		sb_addf(&p, "%s%s", tmp, sides[i]);
		if (on) {
			pw_outfile_track(p.buf);
			continue;
		}
		unlink(p.buf);
		pw_outfile_untrack(p.buf);
	}
	sb_release(&p);
}

/* A copy of src into a new file at out, through pw_outfile.  The copy is a
 * temporary file nobody else opens, so it needs no journal; the commit
 * syncs it before the rename. */
static int copy_to_new_file(sqlite3 *src, const char *name, const char *out)
{
	struct pw_outfile o;
	sqlite3 *dst = NULL;
	int rc;

	if (pw_outfile_open(&o, out) < 0)
		return -1;
	pw_outfile_use_path(&o);
	track_side_files(o.tmp, 1);
	rc = open_rw(o.tmp, &dst);
	if (rc == 0 && sqlite3_exec(dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF",
				    NULL, NULL, NULL) != SQLITE_OK)
		rc = pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", out, sqlite3_errmsg(dst));
	if (rc == 0)
		rc = copy_pages(src, dst, STEP_PAGES, name);
	/* a copy in rollback mode: reading it (check, restore) makes no
	 * -wal and -shm files beside it; planwatch sets WAL when it opens
	 * a database to work in */
	if (rc == 0 && sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) !=
			       SQLITE_OK)
		rc = pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", out, sqlite3_errmsg(dst));
	if (dst && sqlite3_close(dst) != SQLITE_OK && rc == 0)
		rc = pw_error_kind(PW_ERR_IO, "cannot write '%s'", out);
	track_side_files(o.tmp, 0);
	if (rc < 0) {
		pw_outfile_abort(&o);
		return -1;
	}
	return pw_outfile_commit(&o);
}

int pw_store_backup(struct pw_store *s, const char *out)
{
	return copy_to_new_file(s->db, s->path, out);
}

static void print_problem(void *arg, const char *text)
{
	pw_error("'%s': %s", (const char *)arg, text);
}

/* The copy at from over the existing database db, in one transaction. */
static int restore_over(sqlite3 *src, const char *from, const char *db)
{
	sqlite3 *dst = NULL;
	int rc = open_rw(db, &dst);

	if (rc == 0)
		rc = copy_pages(src, dst, -1, from);
	sqlite3_close(dst);
	return rc;
}

int pw_store_restore(const char *db, const char *from)
{
	sqlite3 *src = NULL;
	int rc;

	if (pw_outfile_is_db(from, db)) {
		pw_error_kind(PW_ERR_USAGE, "cannot restore '%s' from itself ('%s')", db, from);
		return PW_RESTORE_SAME;
	}
	rc = pw_store_check_source(from, print_problem, (void *)from);
	if (rc != 0) {
		if (rc > 0)
			pw_error_kind(PW_ERR_INPUT, "refusing to restore from '%s': problems found: %d",
				      from, rc);
		return rc > 0 || rc == PW_STORE_NOTFOUND ? PW_RESTORE_BAD : PW_RESTORE_FAILED;
	}
	if (pw_store_open_query_only(from, &src) < 0)
		return PW_RESTORE_FAILED;
	rc = access(db, F_OK) == 0 ? restore_over(src, from, db)
				   : copy_to_new_file(src, from, db);
	sqlite3_close(src);
	return rc < 0 ? PW_RESTORE_FAILED : PW_RESTORE_OK;
}
