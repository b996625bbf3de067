/*
 * error.c - error, warning, die and BUG, and the one table of error kinds;
 * see error.h.  Messages are translated here (util/i18n.h).
 */
#include "util/error.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * The one table: kind -> exit code -> HTTP status -> what it means.
 * docs/cli.md copies it; t0100-exit-codes.sh holds commands to it.
 */
static const struct pw_err_info kinds[PW_ERR_NKINDS] = {
	[PW_OK] = { "ok", 0, 200, N_("success") },
	[PW_ERR_FAIL] = { "failed", 1, 422, N_("failure, or a check found problems") },
	[PW_ERR_USAGE] = { "usage", 2, 400, N_("bad command line: unknown command or option, "
					       "missing or malformed argument") },
	[PW_ERR_INPUT] = { "bad_input", 3, 422, N_("bad input: a file or value that cannot be "
						   "read or is not what it should be") },
	[PW_ERR_DB] = { "database", 4, 500, N_("database error: cannot open, read or write it") },
	[PW_ERR_NOTFOUND] = { "not_found", 5, 404, N_("not found: a database, plan, unit, row "
						      "or year named does not exist") },
	[PW_ERR_IO] = { "io", 6, 500, N_("output error: standard output or a file cannot be "
					 "written") },
	[PW_ERR_CONFLICT] = { "conflict", 7, 409, N_("conflict: the request contradicts the "
						     "stored state") },
	[PW_ERR_PERMISSION] = { "forbidden", 8, 403, N_("not allowed for this user") },
	[PW_ERR_AUTH] = { "unauthorized", 9, 401, N_("no valid session or credentials") },
	[PW_ERR_INTERNAL] = { "internal", 71, 500, N_("internal error (a bug)") },
	[PW_ERR_OOM] = { "out_of_memory", 70, 503, N_("out of memory") },
};

static _Thread_local char last_msg[1024];
static _Thread_local enum pw_err last_kind;
static _Thread_local int quiet;
static _Thread_local unsigned nwarnings;

const struct pw_err_info *pw_err_info(int k)
{
	return k >= 0 && k < PW_ERR_NKINDS ? &kinds[k] : &kinds[PW_ERR_INTERNAL];
}

int pw_err_exit_code(int k)
{
	return pw_err_info(k)->exit_code;
}

int pw_err_http_status(int k)
{
	return pw_err_info(k)->http_status;
}

static void report(const char *prefix, const char *file, long line, long col,
		   const char *fmt, va_list ap)
{
	vsnprintf(last_msg, sizeof(last_msg), _(fmt), ap);
	if (quiet)
		return;
	prefix = _(prefix);
	if (file && line > 0 && col > 0)
		fprintf(stderr, "%s:%ld:%ld: %s: %s\n", file, line, col, prefix, last_msg);
	else if (file && line > 0)
		fprintf(stderr, "%s:%ld: %s: %s\n", file, line, prefix, last_msg);
	else if (file)
		fprintf(stderr, "%s: %s: %s\n", file, prefix, last_msg);
	else
		fprintf(stderr, "%s: %s\n", prefix, last_msg);
}

int pw_error(const char *fmt, ...)
{
	va_list ap;

	if (last_kind == PW_OK)
		last_kind = PW_ERR_FAIL;
	va_start(ap, fmt);
	report(N_("error"), NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int pw_error_kind(enum pw_err kind, const char *fmt, ...)
{
	va_list ap;

	last_kind = kind;
	va_start(ap, fmt);
	report(N_("error"), NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int pw_error_at(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	last_kind = PW_ERR_INPUT; /* a place in an input file */
	va_start(ap, fmt);
	report(N_("error"), file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void pw_warning(const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	report(N_("warning"), NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void pw_warning_at(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	report(N_("warning"), file, line, col, fmt, ap);
	va_end(ap);
}

void pw_die(enum pw_err kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	quiet = 0;
	report(N_("fatal"), NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(pw_err_exit_code(kind));
}

void pw_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	quiet = 0;
	fprintf(stderr, "BUG: %s:%d: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

const char *pw_last_error(void)
{
	return last_msg;
}

enum pw_err pw_last_kind(void)
{
	return last_kind;
}

enum pw_err pw_err_of(int rc, enum pw_err dflt)
{
	if (rc >= 0)
		return PW_OK;
	if (rc == -2) /* PW_STORE_NOTFOUND (store/store.h) */
		return PW_ERR_NOTFOUND;
	return last_kind == PW_OK || last_kind == PW_ERR_FAIL ? dflt : last_kind;
}

void pw_clear_error(void)
{
	last_msg[0] = '\0';
	last_kind = PW_OK;
}

void pw_error_quiet(int q)
{
	quiet = q;
}

unsigned pw_warning_count(void)
{
	return nwarnings;
}
