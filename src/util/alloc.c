/*
 * alloc.c - allocation wrappers; out-of-memory is the one fatal error that
 * library code may raise itself, because no caller can recover from it.
 */
#include "util/alloc.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>

void pw_die_oom(void)
{
	fputs("fatal: out of memory\n", stderr);
	exit(pw_err_exit_code(PW_ERR_OOM)); /* the one table, error.c */
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		pw_die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		pw_die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		pw_die_oom();
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrdup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}
