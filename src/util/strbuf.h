/*
 * strbuf.h - the one growable string buffer used throughout planwatch.
 *
 * Invariants (as git's strbuf): buf is never NULL, always NUL-terminated,
 * len excludes the NUL.  A strbuf starts as STRBUF_INIT (no allocation) and
 * is released with sb_release().  sb_detach() is the only way to take
 * ownership of the bytes; the caller then frees them with free().
 * Allocation failure aborts (see xmalloc in alloc.h): planwatch treats OOM
 * as fatal, like git, so callers need not check every append.
 */
#ifndef PW_STRBUF_H
#define PW_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void sb_init(struct strbuf *sb, size_t hint);
void sb_release(struct strbuf *sb);
/* Returns the NUL-terminated bytes; caller frees.  Leaves sb empty. */
char *sb_detach(struct strbuf *sb, size_t *len);
void sb_grow(struct strbuf *sb, size_t extra);
void sb_reset(struct strbuf *sb);
void sb_setlen(struct strbuf *sb, size_t len);
void sb_add(struct strbuf *sb, const void *data, size_t len);
void sb_addstr(struct strbuf *sb, const char *s);
void sb_addch(struct strbuf *sb, int c);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

#endif
