/*
 * cache.c - the server's cache of evaluation responses.  Evaluating a
 * plan (GET /api/plans/{id}/indicators) loads the plan and every series
 * and takes tens of milliseconds; the answer only changes when the data
 * does.  So the JSON text is kept per (plan, year) together with the
 * database's change stamp (pw_store_change_stamp) read BEFORE it was
 * computed, and served again while the stamp is the same.  A few entries,
 * least recently used replaced; one mutex (a lookup is a memcpy).
 */
#include "util/alloc.h"
#include "web/web_int.h"

#include <pthread.h>
#include <string.h>

#define ENTRIES 32

struct entry {
	int plan_id, year;
	int64_t stamp;
	char *text;
	size_t len;
	unsigned long used; /* clock of the last use; 0: empty */
};

static struct entry entries[ENTRIES];
static unsigned long clock_now;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static struct entry *find(int plan_id, int year)
{
	size_t i;

	for (i = 0; i < ENTRIES; i++)
		if (entries[i].used && entries[i].plan_id == plan_id && entries[i].year == year)
			return &entries[i];
	return NULL;
}

char *web_cache_get(int plan_id, int year, int64_t stamp, size_t *len)
{
	struct entry *e;
	char *copy = NULL;

	pthread_mutex_lock(&lock);
	e = find(plan_id, year);
	if (e && e->stamp == stamp) {
		copy = xmalloc(e->len + 1);
		memcpy(copy, e->text, e->len + 1);
		*len = e->len;
		e->used = ++clock_now;
	}
	pthread_mutex_unlock(&lock);
	return copy;
}

void web_cache_put(int plan_id, int year, int64_t stamp, const char *text, size_t len)
{
	struct entry *e;
	size_t i;

	pthread_mutex_lock(&lock);
	e = find(plan_id, year);
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
	e->plan_id = plan_id;
	e->year = year;
	e->stamp = stamp;
	e->text = xmalloc(len + 1);
	memcpy(e->text, text, len + 1);
	e->len = len;
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
