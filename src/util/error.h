/*
 * error.h - the one error-reporting facility (git's three tiers).
 *
 *  - pw_die():   only in main() and cmd_* handlers; prints and exits.
 *  - pw_error(): everywhere else; prints "error: ..." and returns -1 so the
 *                caller decides.  pw_error_at() adds "file:line:col: ".
 *  - PW_BUG():   a broken invariant; aborts.
 *
 * Messages: lowercase, problem first, subject quoted, no full stop.
 * Columns are counted in code points, not bytes.
 *
 * The last message is also kept per thread (pw_last_error()) so that the web
 * server can return it in a response instead of printing it; a server sets
 * pw_error_quiet(1) on its worker threads.
 *
 * Exit codes are mapped in exactly one place: enum pw_exit below.
 */
#ifndef PW_ERROR_H
#define PW_ERROR_H

#include <stdarg.h>

enum pw_exit {
	PW_EXIT_OK = 0,
	PW_EXIT_FAIL = 1,     /* generic failure, or a check found problems */
	PW_EXIT_USAGE = 2,    /* bad command line */
	PW_EXIT_INPUT = 3,    /* input file unreadable or malformed */
	PW_EXIT_DB = 4,       /* database could not be opened or written */
	PW_EXIT_NOTFOUND = 5, /* a named plan, unit, user... does not exist */
	PW_EXIT_OOM = 70,
};

int pw_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int pw_error_at(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void pw_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pw_warning_at(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void pw_die(enum pw_exit code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void pw_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
#define PW_BUG(...) pw_bug(__FILE__, __LINE__, __VA_ARGS__)

/* The last error or warning message of this thread, without prefix ("" if none). */
const char *pw_last_error(void);
void pw_clear_error(void);
/* When quiet, messages are only recorded, not printed (per thread). */
void pw_error_quiet(int quiet);
/* Count of warnings printed by this thread since start. */
unsigned pw_warning_count(void);

#endif
