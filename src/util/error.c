/*
 * error.c - error, warning, die and BUG; see error.h.
 */
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>

static _Thread_local char last_msg[1024];
static _Thread_local int quiet;
static _Thread_local unsigned nwarnings;

static void report(const char *prefix, const char *file, long line, long col,
		   const char *fmt, va_list ap)
{
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	if (quiet)
		return;
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

	va_start(ap, fmt);
	report("error", NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int pw_error_at(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("error", file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void pw_warning(const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	report("warning", NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void pw_warning_at(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	report("warning", file, line, col, fmt, ap);
	va_end(ap);
}

void pw_die(enum pw_exit code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	quiet = 0;
	report("fatal", NULL, 0, 0, fmt, ap);
	va_end(ap);
	exit(code);
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

void pw_clear_error(void)
{
	last_msg[0] = '\0';
}

void pw_error_quiet(int q)
{
	quiet = q;
}

unsigned pw_warning_count(void)
{
	return nwarnings;
}
