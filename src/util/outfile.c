/*
 * outfile.c - output files written through a temporary file and an
 * atomic rename, never over the database (see outfile.h for the rules).
 * Also owns the process-wide list of live temporary files and the signal
 * and exit handlers that remove them.
 */
#include "util/outfile.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_MARK ".planwatch-tmp-"
#define MAX_LIVE 16

/* ---- live temporary files ------------------------------------------------ */

/* Read by the signal handler: each slot is a heap string or NULL, set and
 * cleared only outside the handler. */
static char *volatile live[MAX_LIVE];
static int handlers_set;

static void unlink_live(void)
{
	int i;

	for (i = 0; i < MAX_LIVE; i++)
		if (live[i])
			unlink(live[i]);
}

/* Async-signal-safe: unlink(), signal(), raise() only. */
static void on_signal(int sig)
{
	unlink_live();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A signal some caller handles itself (a server's SIGTERM) is left to it. */
static void catch_signal(int sig)
{
	struct sigaction old, sa;

	if (sigaction(sig, NULL, &old) < 0 || old.sa_handler != SIG_DFL)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void set_handlers(void)
{
	if (handlers_set)
		return;
	handlers_set = 1;
	catch_signal(SIGINT);
	catch_signal(SIGTERM);
	catch_signal(SIGHUP);
	atexit(unlink_live);
}

void pw_outfile_track(const char *path)
{
	int i;

	set_handlers();
	for (i = 0; i < MAX_LIVE; i++)
		if (!live[i]) {
			live[i] = xstrdup(path);
			return;
		}
	PW_BUG("more than %d temporary files at once", MAX_LIVE);
}

void pw_outfile_untrack(const char *path)
{
	int i;

	for (i = 0; i < MAX_LIVE; i++)
		if (live[i] && !strcmp(live[i], path)) {
			char *p = live[i];

			live[i] = NULL;
			free(p);
			return;
		}
}

/* ---- the database is no output ------------------------------------------- */

static char *protected_db;

void pw_outfile_protect(const char *db)
{
	free(protected_db);
	protected_db = db ? xstrdup(db) : NULL;
}

/* The folder part of path ("." for a bare name) into dir, the name into
 * *base (points into path). */
static void split_path(const char *path, struct strbuf *dir, const char **base)
{
	const char *slash = strrchr(path, '/');

	sb_reset(dir);
	if (!slash) {
		sb_addch(dir, '.');
		*base = path;
		return;
	}
	sb_add(dir, path, slash == path ? 1 : (size_t)(slash - path));
	*base = slash + 1;
}

/* An absolute name of path with its folder's links resolved, and path
 * itself resolved when it exists; "" when the folder does not exist. */
static void canonical(const char *path, struct strbuf *out)
{
	struct strbuf dir = STRBUF_INIT;
	char buf[PATH_MAX];
	const char *base;

	sb_reset(out);
	if (realpath(path, buf)) {
		sb_addstr(out, buf);
		return;
	}
	split_path(path, &dir, &base);
	if (realpath(dir.buf, buf))
		sb_addf(out, "%s/%s", buf, base);
	sb_release(&dir);
}

static const char *const side_files[] = { "", "-wal", "-shm", "-journal" };

/* The index in side_files of the file of db that path is, or -1. */
static int db_file_of(const char *path, const char *db)
{
	struct strbuf cp = STRBUF_INIT, cd = STRBUF_INIT, side = STRBUF_INIT;
	struct stat sp, sd;
	int i, found = -1, have = stat(path, &sp) == 0;

	canonical(path, &cp);
	canonical(db, &cd);
	for (i = 0; found < 0 && i < (int)(sizeof(side_files) / sizeof(side_files[0])); i++) {
		sb_reset(&side);
		sb_addf(&side, "%s%s", db, side_files[i]);
		if (have && stat(side.buf, &sd) == 0 && sd.st_dev == sp.st_dev &&
		    sd.st_ino == sp.st_ino)
			found = i;
		sb_reset(&side);
		sb_addf(&side, "%s%s", cd.buf, side_files[i]);
		if (cp.len && cd.len && !strcmp(cp.buf, side.buf))
			found = i;
	}
	sb_release(&cp);
	sb_release(&cd);
	sb_release(&side);
	return found;
}

int pw_outfile_is_db(const char *path, const char *db)
{
	return db_file_of(path, db) >= 0;
}

int pw_outfile_check(const char *path)
{
	int i = protected_db ? db_file_of(path, protected_db) : -1;

	if (i == 0)
		return pw_error_kind(PW_ERR_USAGE, "refusing to write '%s': it is the database '%s'", path,
				protected_db);
	if (i > 0)
		return pw_error_kind(PW_ERR_USAGE, "refusing to write '%s': it is the %s file of the database '%s'",
				path, side_files[i], protected_db);
	return 0;
}

/* ---- writing ------------------------------------------------------------- */

/* Removes what a killed (SIGKILL) writer of the same target left: files
 * ".NAME.planwatch-tmp-PID-..." whose process PID no longer exists. */
static void remove_stale(const char *dir, const char *base)
{
	struct strbuf prefix = STRBUF_INIT, p = STRBUF_INIT;
	struct dirent *e;
	DIR *d = opendir(dir);
	char *end;
	long pid;

	if (!d)
		return;
	sb_addf(&prefix, ".%s" TMP_MARK, base);
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix.buf, prefix.len))
			continue;
		pid = strtol(e->d_name + prefix.len, &end, 10);
		if (end == e->d_name + prefix.len || *end != '-' || pid <= 0 || pid == getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		sb_reset(&p);
		sb_addf(&p, "%s/%s", dir, e->d_name);
		unlink(p.buf);
	}
	closedir(d);
	sb_release(&prefix);
	sb_release(&p);
}

/* Creates a new temporary file beside path: its fd, or -1 (errno set). */
static int create_tmp(const char *path, struct strbuf *tmp)
{
	struct strbuf dir = STRBUF_INIT;
	const char *base;
	struct stat st;
	unsigned n;
	int fd = -1;

	split_path(path, &dir, &base);
	remove_stale(dir.buf, base);
	for (n = 0; n < 100 && fd < 0; n++) {
		sb_reset(tmp);
		sb_addf(tmp, "%s/.%s" TMP_MARK "%ld-%u", dir.buf, base, (long)getpid(), n);
		fd = open(tmp->buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	/* a replaced file keeps its permissions */
	if (fd >= 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
		fchmod(fd, st.st_mode & 07777);
	sb_release(&dir);
	return fd;
}

int pw_outfile_open(struct pw_outfile *o, const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, e;

	memset(o, 0, sizeof(*o));
	if (pw_outfile_check(path) < 0)
		return -1;
	set_handlers();
	fd = create_tmp(path, &tmp);
	if (fd < 0) {
		e = errno;
		sb_release(&tmp);
		return pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", path, strerror(e));
	}
	o->tmp = sb_detach(&tmp, NULL);
	pw_outfile_track(o->tmp);
	o->path = xstrdup(path);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		e = errno;
		close(fd);
		pw_outfile_abort(o);
		return pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", path, strerror(e));
	}
	return 0;
}

void pw_outfile_use_path(struct pw_outfile *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
}

static void release(struct pw_outfile *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp)
		pw_outfile_untrack(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

void pw_outfile_abort(struct pw_outfile *o)
{
	if (o->tmp)
		unlink(o->tmp);
	release(o);
}

/* fsync of the file at path, or of an open stream: 0 or -1 (errno). */
static int sync_tmp(struct pw_outfile *o)
{
	int fd, rc;

	if (o->f) {
		rc = fflush(o->f) != 0 || fsync(fileno(o->f)) != 0 ? -1 : 0;
		if (fclose(o->f) != 0)
			rc = -1;
		o->f = NULL;
		return rc;
	}
	fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* fsync of the folder holding path, so that the rename is on disk. */
static int sync_dir(const char *path)
{
	struct strbuf dir = STRBUF_INIT;
	const char *base;
	int fd, rc = -1;

	split_path(path, &dir, &base);
	fd = open(dir.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		rc = fsync(fd);
		close(fd);
	}
	sb_release(&dir);
	return rc;
}

int pw_outfile_commit(struct pw_outfile *o)
{
	int e;

	if (sync_tmp(o) < 0) {
		e = errno;
		pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", o->path, strerror(e));
		pw_outfile_abort(o);
		return -1;
	}
	/* the database may have appeared under that name meanwhile */
	if (pw_outfile_check(o->path) < 0) {
		pw_outfile_abort(o);
		return -1;
	}
	if (rename(o->tmp, o->path) != 0) {
		e = errno;
		pw_error_kind(PW_ERR_IO, "cannot replace '%s': %s", o->path, strerror(e));
		pw_outfile_abort(o);
		return -1;
	}
	if (sync_dir(o->path) < 0)
		pw_warning("'%s' is written but its folder could not be synced: %s", o->path,
			   strerror(errno));
	release(o);
	return 0;
}

int pw_outfile_write(const char *path, const void *data, size_t len)
{
	struct pw_outfile o;

	if (pw_outfile_open(&o, path) < 0)
		return -1;
	if (fwrite(data, 1, len, o.f) != len) {
		pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", path, strerror(errno));
		pw_outfile_abort(&o);
		return -1;
	}
	return pw_outfile_commit(&o);
}
