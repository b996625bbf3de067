/*
 * cache.c - the server's cache of evaluation responses.  Evaluating a
 * plan (GET /api/plans/{id}/indicators) loads the plan and every series
 * and takes tens of milliseconds; the answer only changes when the data
 * does.  So the JSON text is kept per (plan, year) together with the
 * database's change stamp (pw_store_change_stamp) read BEFORE it was
 * computed, and served again while the stamp is the same.  A few entries,
 * least recently used replaced; one mutex (a lookup takes a reference:
 * the bytes are shared with the responses sending them, not copied).
 * The public pages (pages_http.c) are kept the same way under their path
 * and query (web_cache_get_key); ENTRIES bounds the memory either way.
 * Each entry keeps the ETag of its text too (encoding.c), so serving it
 * again hashes nothing.
 */
#include "util/alloc.h"
#include "web/web_int.h"

#include <pthread.h>
#include <string.h>

#include <stdio.h>
#include <stdlib.h>

#define ENTRIES 64
#define KEY_MAX 256

struct entry {
	char key[KEY_MAX];
	int64_t stamp;
	struct web_body *body;
	char etag[WEB_ETAG_MAX]; /* of text, hashed once when stored */
	unsigned long used; /* clock of the last use; 0: empty */
};

static struct entry entries[ENTRIES];
static unsigned long clock_now;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct entry *find(const char *key)
{
	size_t i;

	for (i = 0; i < ENTRIES; i++)
		if (entries[i].used && !strcmp(entries[i].key, key))
			return &entries[i];
	return NULL;
}

static void eval_key(char key[KEY_MAX], int plan_id, int year)
{
	snprintf(key, KEY_MAX, "eval:%d:%d", plan_id, year);
}

void web_body_release(struct web_body *b)
{
	if (b && atomic_fetch_sub(&b->refs, 1) == 1)
		free(b);
}

bool web_cache_get(struct web_req *r, int plan_id, int year, int64_t stamp)
{
	char key[KEY_MAX];

	eval_key(key, plan_id, year);
	return web_cache_get_key(r, key, stamp);
}

void web_cache_put(int plan_id, int year, int64_t stamp, const char *text, size_t len,
		   char etag[WEB_ETAG_MAX])
{
	char key[KEY_MAX];

	eval_key(key, plan_id, year);
	web_cache_put_key(key, stamp, text, len, etag);
}

bool web_cache_get_key(struct web_req *r, const char *key, int64_t stamp)
{
	struct entry *e;
	bool hit;

	if (strlen(key) >= KEY_MAX)
		return false;
	pthread_mutex_lock(&lock);
	e = find(key);
	if ((hit = e && e->stamp == stamp)) {
		atomic_fetch_add(&e->body->refs, 1);
		web_body_release(r->cached);
		r->cached = e->body;
		memcpy(r->etag, e->etag, WEB_ETAG_MAX);
		e->used = ++clock_now;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void web_cache_put_key(const char *key, int64_t stamp, const char *text, size_t len,
		       char etag[WEB_ETAG_MAX])
{
	struct entry *e;
	struct web_body *b, *old;
	size_t i;

	web_etag(text, len, etag); /* outside the lock: hashing is the slow part */
	if (strlen(key) >= KEY_MAX)
		return;
	b = xmalloc(sizeof(*b) + len + 1);
	atomic_init(&b->refs, 1); /* the entry's */
	b->len = len;
	memcpy(b->data, text, len + 1);
	pthread_mutex_lock(&lock);
	e = find(key);
	if (e && e->stamp > stamp) { /* a newer answer is there already */
		pthread_mutex_unlock(&lock);
		web_body_release(b);
		return;
	}
	if (!e) { /* an empty entry (used 0), else the least recently used */
		e = &entries[0];
		for (i = 1; i < ENTRIES; i++)
			if (entries[i].used < e->used)
				e = &entries[i];
	}
	old = e->body; /* responses still sending it keep their references */
	snprintf(e->key, KEY_MAX, "%s", key);
	e->stamp = stamp;
	e->body = b;
	memcpy(e->etag, etag, WEB_ETAG_MAX);
	e->used = ++clock_now;
	pthread_mutex_unlock(&lock);
	web_body_release(old);
}

void web_cache_clear(void)
{
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < ENTRIES; i++) {
		web_body_release(entries[i].body);
		memset(&entries[i], 0, sizeof(entries[i]));
	}
	pthread_mutex_unlock(&lock);
}
