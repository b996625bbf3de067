/*
 * alloc.h - allocation wrappers that never return NULL, and ALLOC_GROW.
 *
 * Out-of-memory is fatal in planwatch (as in git): xmalloc and friends print
 * one line and exit with PW_EXIT_OOM (70, util/error.h) - the one exit
 * library code makes, as no caller could recover.  ALLOC_GROW(p, n, alloc) makes room for n elements
 * in the array p whose capacity is alloc, growing geometrically.
 */
#ifndef PW_ALLOC_H
#define PW_ALLOC_H

#include <stdlib.h>

void pw_die_oom(void) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup of s, or NULL if s is NULL. */
char *xstrdup_or_null(const char *s);

#define ALLOC_GROW(p, nr, cap)                                                    \
	do {                                                                      \
		if ((size_t)(nr) > (cap)) {                                       \
			size_t ag_new_ = ((cap) + 16) * 3 / 2;                    \
			if (ag_new_ < (size_t)(nr))                               \
				ag_new_ = (size_t)(nr);                           \
			(p) = xrealloc((p), ag_new_ * sizeof(*(p)));              \
			(cap) = ag_new_;                                          \
		}                                                                 \
	} while (0)

#endif
