/*
 * outfile.h - the one way planwatch writes an output file (reports,
 * templates, backups): never over the database, never torn.
 *
 * A file is written to a temporary file in the target's folder, named
 * ".NAME.planwatch-tmp-PID-N" (O_EXCL, mode 0666 less the umask, or the
 * mode of the file it replaces), then committed: flushed, fsync()ed,
 * renamed over NAME, and the folder fsync()ed, so that after a crash or a
 * kill NAME is the previous complete file or the new complete file.  The
 * temporary file is removed on every error path, at exit, and on SIGINT,
 * SIGTERM and SIGHUP (a handler that only unlinks, then re-raises).  A
 * SIGKILL cannot be caught: its leftover is removed by the next write of
 * the same NAME once process PID is gone.
 *
 * The database of the run (pw_outfile_protect(), set from --db) and its
 * -wal, -shm and -journal files are never an output: the same file is
 * recognised by device and inode (so through symbolic and hard links), and
 * the side files also by name while they do not exist.
 */
#ifndef PW_OUTFILE_H
#define PW_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

struct pw_outfile {
	char *path; /* the target, as given */
	char *tmp;  /* the temporary file beside it (owned) */
	FILE *f;    /* a stream on tmp; NULL after pw_outfile_use_path() */
};

/*
 * Creates the temporary file for path (after refusing the database, see
 * pw_outfile_check()) and opens o->f on it.  0, or -1 after reporting
 * (nothing created).  End with pw_outfile_commit() or pw_outfile_abort().
 */
int pw_outfile_open(struct pw_outfile *o, const char *path);
/* For writers that take a file name (libxlsxwriter, libzip, SQLite):
 * closes o->f; they then write o->tmp by name. */
void pw_outfile_use_path(struct pw_outfile *o);
/* Flushes and syncs the temporary file, renames it to the target and
 * syncs the folder.  0, or -1 after reporting (the temporary file is
 * removed and the target is untouched).  o is released either way. */
int pw_outfile_commit(struct pw_outfile *o);
/* Removes the temporary file and releases o (safe to call twice). */
void pw_outfile_abort(struct pw_outfile *o);

/* The whole of data to path through the steps above: 0 or -1. */
int pw_outfile_write(const char *path, const void *data, size_t len);

/* Remembers db (a copy) as the database of this run: pw_outfile_check()
 * refuses it.  NULL forgets it. */
void pw_outfile_protect(const char *db);
/* 0 if path may be written; -1 after "refusing to write 'path': it is
 * the database 'db'" (or its -wal/-shm/-journal file). */
int pw_outfile_check(const char *path);
/* 1 if path is the database db or one of its side files (by device and
 * inode, or by name for side files that do not exist), else 0. */
int pw_outfile_is_db(const char *path, const char *db);

/* Tracks a temporary file made elsewhere (mkstemp) so that a signal or
 * exit removes it; untrack it once it is gone or kept. */
void pw_outfile_track(const char *path);
void pw_outfile_untrack(const char *path);

#endif
