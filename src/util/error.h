/*
 * error.h - the one error-reporting facility (git's three tiers) and the
 * one error model (curl's error enum with one table).
 *
 *  - pw_die():   only in main() and cmd_* handlers; prints and exits.
 *  - pw_error(): everywhere else; prints "error: ..." and returns -1 so the
 *                caller decides.  pw_error_at() adds "file:line:col: ".
 *                pw_error_kind() also says what kind of error it is.
 *  - PW_BUG():   a broken invariant; aborts.
 *
 * Messages: lowercase, problem first, subject quoted, no full stop.
 * Columns are counted in code points, not bytes.  Every format string is
 * translated here (gettext, domain "planwatch", util/i18n.h), so call
 * sites pass the English source and nothing else; po/ holds the catalogue.
 *
 * The last message and its kind are kept per thread (pw_last_error(),
 * pw_last_kind()) so that a command maps a failed call to its exit code,
 * and the web server to its HTTP status, in one place; a server sets
 * pw_error_quiet(1) on its worker threads.
 */
#ifndef PW_ERROR_H
#define PW_ERROR_H

#include <stdarg.h>

/*
 * The kinds of error.  Command handlers return one (PW_OK on success);
 * main() turns it into the exit code, the server into the HTTP status,
 * both through the one table in error.c (pw_err_info()).  docs/cli.md
 * lists the table; tests/e2e/t0100-exit-codes.sh checks it.
 */
enum pw_err {
	PW_OK = 0,
	PW_ERR_FAIL,       /* 1: a failure of no other kind, or a check found problems */
	PW_ERR_USAGE,      /* 2: bad command line */
	PW_ERR_INPUT,      /* 3: input file or value unreadable or malformed */
	PW_ERR_DB,         /* 4: database could not be opened, read or written */
	PW_ERR_NOTFOUND,   /* 5: a named plan, unit, row, year... does not exist */
	PW_ERR_IO,         /* 6: an output (stdout, a file) could not be written */
	PW_ERR_CONFLICT,   /* 7: the request contradicts the stored state */
	PW_ERR_PERMISSION, /* 8: not allowed for this user */
	PW_ERR_AUTH,       /* 9: no valid session or credentials (server) */
	PW_ERR_INTERNAL,   /* 71: a bug: an invariant does not hold */
	PW_ERR_OOM,        /* 70: out of memory */
	PW_ERR_NKINDS
};

/* The names handlers used before the kinds had a table of their own:
 * the same kinds, so the value a handler returns is always a kind. */
#define pw_exit pw_err
#define PW_EXIT_OK PW_OK
#define PW_EXIT_FAIL PW_ERR_FAIL
#define PW_EXIT_USAGE PW_ERR_USAGE
#define PW_EXIT_INPUT PW_ERR_INPUT
#define PW_EXIT_DB PW_ERR_DB
#define PW_EXIT_NOTFOUND PW_ERR_NOTFOUND
#define PW_EXIT_IO PW_ERR_IO
#define PW_EXIT_CONFLICT PW_ERR_CONFLICT
#define PW_EXIT_OOM PW_ERR_OOM

struct pw_err_info {
	const char *name;  /* "not_found": stable, for JSON and logs */
	int exit_code;     /* what the command exits with */
	int http_status;   /* what the server answers */
	const char *text;  /* one line for --help and docs (English source) */
};

/* The row of kind k (PW_ERR_INTERNAL's for a value out of range). */
const struct pw_err_info *pw_err_info(int k);
/* The exit code of kind k: what main() returns. */
int pw_err_exit_code(int k);
/* The HTTP status of kind k. */
int pw_err_http_status(int k);

int pw_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int pw_error_kind(enum pw_err kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int pw_error_at(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void pw_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pw_warning_at(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void pw_die(enum pw_err kind, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void pw_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
#define PW_BUG(...) pw_bug(__FILE__, __LINE__, __VA_ARGS__)

/* The last error or warning message of this thread, without prefix ("" if none). */
const char *pw_last_error(void);
/* The kind of the last error of this thread: PW_OK if none since
 * pw_clear_error().  A plain pw_error() keeps the kind of an error before
 * it (it adds context: "cannot import 'x': nothing was written"), else
 * records PW_ERR_FAIL; the kinded calls always set theirs. */
enum pw_err pw_last_kind(void);
/*
 * The kind a failed call returned: rc >= 0 is PW_OK; -2 (a store's "not
 * found", PW_STORE_NOTFOUND) is PW_ERR_NOTFOUND; any other negative rc is
 * the kind of the error it reported, or dflt when it reported none of a
 * kind.  What handlers return after a library call failed.
 */
enum pw_err pw_err_of(int rc, enum pw_err dflt);
void pw_clear_error(void);
/* When quiet, messages are only recorded, not printed (per thread). */
void pw_error_quiet(int quiet);
/* Count of warnings printed by this thread since start. */
unsigned pw_warning_count(void);

#endif
