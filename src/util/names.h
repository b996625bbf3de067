/*
 * names.h - the name tables of enums: each value has its English name
 * (what the database, JSON and the CLI's English use) and the Chinese
 * word a planning office writes (推进中 for in_progress).  Parsing takes
 * either; printing picks one.  One table per enum, indexed by the value.
 */
#ifndef PW_NAMES_H
#define PW_NAMES_H

#include <stddef.h>

struct pw_name {
	const char *name; /* English; NULL for a value with no name */
	const char *zh;   /* Chinese; NULL if none */
};

#define PW_NNAMES(t) (sizeof(t) / sizeof((t)[0]))

/* The English name of value i, or fallback when i is out of range or has
 * no name (a value read from a damaged database must not index past t). */
const char *pw_name_of(const struct pw_name *t, size_t n, long i, const char *fallback);
/* The Chinese word of value i (its English name when it has none), or
 * fallback as above. */
const char *pw_name_zh(const struct pw_name *t, size_t n, long i, const char *fallback);
/* The value whose English name or Chinese word is s, or -1. */
int pw_name_lookup(const struct pw_name *t, size_t n, const char *s);
/* Lists the accepted names "a (甲), b (乙)" into buf of size (for messages). */
const char *pw_name_list(const struct pw_name *t, size_t n, char *buf, size_t size);

#endif
