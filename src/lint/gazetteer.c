/*
 * gazetteer.c - indexes the generated division table (gazetteer.h) by the
 * first two code points of every full and short name, so that scanning a
 * plan asks one hash probe per position.  Built once, on first use; the
 * index is never freed (it lives as long as the program, like the table).
 */
#include "lint/gazetteer.h"
#include "lint/lint.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <pthread.h>
#include <string.h>

struct gz_key {
	const char *name; /* full or short name */
	size_t len;
	unsigned idx;
	int is_short;
	int next; /* next key in the bucket chain, -1 at its end */
};

#define NBUCKETS 8192
static struct gz_key *keys;
static int buckets[NBUCKETS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Hash of the first two UTF-8 sequences (6 bytes for CJK) of s; 0 bytes
 * matter only as far as s goes. */
static unsigned prefix_hash(const char *s, size_t *plen)
{
	unsigned h = 2166136261u;
	size_t n = 0, cps = 0;

	while (s[n] && cps < 2) {
		unsigned char c = (unsigned char)s[n];
		size_t k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		size_t j;

		for (j = 0; j < k && s[n]; j++, n++)
			h = (h ^ (unsigned char)s[n]) * 16777619u;
		cps++;
	}
	*plen = cps == 2 ? n : 0;
	return h % NBUCKETS;
}

static void add_key(size_t *nkeys, const char *name, unsigned idx, int is_short)
{
	size_t plen;
	unsigned b;

	if (!*name)
		return;
	b = prefix_hash(name, &plen);
	if (!plen)
		return;
	keys[*nkeys] = (struct gz_key){ name, strlen(name), idx, is_short, buckets[b] };
	buckets[b] = (int)*nkeys;
	(*nkeys)++;
}

static void build(void)
{
	size_t i, n = 0;

	keys = xcalloc(2 * (size_t)pw_gz_count + 1, sizeof(*keys));
	for (i = 0; i < NBUCKETS; i++)
		buckets[i] = -1;
	/* in reverse so that chains list divisions in table (code) order */
	for (i = pw_gz_count; i-- > 0;) {
		add_key(&n, pw_gz_table[i].name, (unsigned)i, 0);
		add_key(&n, pw_gz_table[i].short_name, (unsigned)i, 1);
	}
}

int pw_gz_level(const struct pw_gz *g)
{
	int level = 1;

	while (g->parent >= 0) {
		g = &pw_gz_table[g->parent];
		level++;
	}
	return level;
}

const struct pw_gz *pw_gz_parent(const struct pw_gz *g)
{
	return g && g->parent >= 0 ? &pw_gz_table[g->parent] : NULL;
}

char *pw_gz_path(const struct pw_gz *g)
{
	struct strbuf sb = STRBUF_INIT;
	const struct pw_gz *chain[4];
	int n = 0;

	for (; g && n < 4; g = pw_gz_parent(g))
		chain[n++] = g;
	while (n-- > 0) {
		sb_addstr(&sb, chain[n]->name);
		if (n)
			sb_addch(&sb, '/');
	}
	return sb_detach(&sb, NULL);
}

int pw_gz_is_ancestor(const struct pw_gz *a, const struct pw_gz *b)
{
	for (; b; b = pw_gz_parent(b))
		if (a == b)
			return 1;
	return 0;
}

size_t pw_gz_find(const char *name, const struct pw_gz **out, size_t max)
{
	size_t plen, n = 0;
	unsigned b;
	int k;

	pthread_once(&once, build);
	b = prefix_hash(name, &plen);
	if (!plen)
		return 0;
	for (k = buckets[b]; k >= 0; k = keys[k].next)
		if (!keys[k].is_short && !strcmp(keys[k].name, name)) {
			if (n < max)
				out[n] = &pw_gz_table[keys[k].idx];
			n++;
		}
	return n;
}

size_t pw_gz_match(const char *s, const struct pw_gz **g, int *is_short)
{
	size_t plen, best = 0;
	unsigned b;
	int k;

	pthread_once(&once, build);
	b = prefix_hash(s, &plen);
	if (!plen)
		return 0;
	for (k = buckets[b]; k >= 0; k = keys[k].next) {
		const struct gz_key *key = &keys[k];

		if (key->len > best && !strncmp(s, key->name, key->len)) {
			best = key->len;
			*g = &pw_gz_table[key->idx];
			*is_short = key->is_short;
		}
	}
	return best;
}
