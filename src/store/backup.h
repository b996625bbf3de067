/*
 * backup.h - copies of a whole database and their checks: backup (a
 * consistent copy while other processes write), restore (a checked copy
 * back over a database), check (integrity, foreign keys, the schema's
 * triggers, the audit trail).  docs/cli.md, "Backup, restore, check".
 */
#ifndef PW_STORE_BACKUP_H
#define PW_STORE_BACKUP_H

struct pw_store;
struct sqlite3;

/*
 * Writes a copy of the open database s to the new file out, through a
 * temporary file beside it (util/outfile.h): out is the previous file or
 * the whole copy, never a torn one.  The copy is one snapshot of the
 * database (SQLite's online backup): writers in other processes go on
 * while it is taken.  0, or -1 after reporting.
 */
int pw_store_backup(struct pw_store *s, const char *out);

/* Why a restore or a check refused a file. */
enum pw_restore_err {
	PW_RESTORE_OK = 0,
	PW_RESTORE_FAILED = -1,  /* could not read or write (reported) */
	PW_RESTORE_BAD = -3,     /* the source is damaged, foreign or too new (reported) */
	PW_RESTORE_SAME = -4,    /* the source is the database itself (reported) */
};

/*
 * Replaces the database at db by the copy at from, after checking from
 * (integrity_check, foreign_key_check, a planwatch schema no newer than
 * this binary's).  A missing db is created through a temporary file and
 * a rename; an existing one is overwritten in one SQLite transaction
 * (online backup into it), so that a process that has it open sees the
 * old or the new content, never a mix, and nothing is lost to a rename
 * behind its back.  Returns an enum pw_restore_err.
 */
int pw_store_restore(const char *db, const char *from);

/*
 * Checks the database file at path without changing it: integrity,
 * foreign keys, schema version, every trigger the migrations create (for
 * the file's schema version) present and unchanged, and the audit trail
 * complete (no missing audit_log ids, an audit row for every
 * observation, project progress, plan version and external target row,
 * no audit row naming a missing one).  Calls problem(arg, text) once per
 * problem found.  Returns the number of problems, or -1 after reporting
 * when the file cannot be read at all (PW_STORE_NOTFOUND when missing).
 */
int pw_store_check(const char *path, void (*problem)(void *arg, const char *text),
		   void *arg);

/* What restore checks of its source: integrity, foreign keys, a planwatch
 * schema this binary knows.  Returns as pw_store_check(). */
int pw_store_check_source(const char *path, void (*problem)(void *arg, const char *text),
			  void *arg);

/* A connection that only reads the database file at path (PRAGMA
 * query_only), read-write when the file is writable so that closing it
 * removes the -wal and -shm files.  0, PW_STORE_NOTFOUND or -1 after
 * reporting; *db is closed by the caller with sqlite3_close(). */
int pw_store_open_query_only(const char *path, struct sqlite3 **db);

#endif
