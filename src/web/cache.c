/*
 * cache.c - the server's cache of evaluation responses.  Evaluating a
 * plan (GET /api/plans/{id}/indicators) loads the plan and every series
 * and takes tens of milliseconds; the answer only changes when the data
 * does.  So the JSON text is kept per (plan, year) together with the
 * database's change stamp (pw_store_change_stamp) read BEFORE it was
 * computed, and served again while the stamp is the same.  A few entries,
 * least recently used replaced; one mutex (a lookup is a memcpy).
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

#define ENTRIES 64
#define KEY_MAX 256

struct entry {
	char key[KEY_MAX];
	int64_t stamp;
	char *text;
	size_t len;
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

char *web_cache_get(int plan_id, int year, int64_t stamp, size_t *len, char etag[WEB_ETAG_MAX])
{
	char key[KEY_MAX];

	eval_key(key, plan_id, year);
	return web_cache_get_key(key, stamp, len, etag);
}

void web_cache_put(int plan_id, int year, int64_t stamp, const char *text, size_t len,
		   char etag[WEB_ETAG_MAX])
{
	char key[KEY_MAX];

	eval_key(key, plan_id, year);
	web_cache_put_key(key, stamp, text, len, etag);
}

char *web_cache_get_key(const char *key, int64_t stamp, size_t *len, char etag[WEB_ETAG_MAX])
{
	struct entry *e;
	char *copy = NULL;

	if (strlen(key) >= KEY_MAX)
		return NULL;
	pthread_mutex_lock(&lock);
	e = find(key);
	if (e && e->stamp == stamp) {
		copy = xmalloc(e->len + 1);
		memcpy(copy, e->text, e->len + 1);
		*len = e->len;
		memcpy(etag, e->etag, WEB_ETAG_MAX);
		e->used = ++clock_now;
	}
	pthread_mutex_unlock(&lock);
	return copy;
}

void web_cache_put_key(const char *key, int64_t stamp, const char *text, size_t len,
		       char etag[WEB_ETAG_MAX])
{
	struct entry *e;
	size_t i;

	web_etag(text, len, etag); /* outside the lock: hashing is the slow part */
	if (strlen(key) >= KEY_MAX)
		return;
	pthread_mutex_lock(&lock);
	e = find(key);
	if (e && e->stamp > stamp) { /* a newer answer is there already */
		pthread_mutex_unlock(&lock);
		return;
	}
	if (!e) { /* an empty entry (used 0), else the least recently used */
		e = &entries[0];
		for (i = 1; i < ENTRIES; i++)
			if (entries[i].used < e->used)
				e = &entries[i];
	}
	free(e->text);
	snprintf(e->key, KEY_MAX, "%s", key);
	e->stamp = stamp;
	e->text = xmalloc(len + 1);
	memcpy(e->text, text, len + 1);
	e->len = len;
	memcpy(e->etag, etag, WEB_ETAG_MAX);
	e->used = ++clock_now;
	pthread_mutex_unlock(&lock);
}

void web_cache_clear(void)
{
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < ENTRIES; i++) {
		free(entries[i].text);
		memset(&entries[i], 0, sizeof(entries[i]));
	}
	pthread_mutex_unlock(&lock);
}
