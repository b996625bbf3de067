/*
 * encoding.c - how a response body travels: its ETag (a hash of the bytes,
 * so it changes exactly when they do, whatever made them), the answer to
 * If-None-Match, and gzip (zlib) for text when the client accepts it.
 *
 * Compressing costs far more than serving, so the gzip of a body that
 * many clients get (a public page, an evaluation, open data) is kept in
 * a small cache under its ETag and made once per version; the static
 * assets keep theirs for the life of the server (assets.c).  Bodies of
 * one user's pages are compressed each time and never kept.
 */
#include "util/alloc.h"
#include "web/web_int.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define GZ_MIN 256     /* smaller bodies are sent as they are */
#define GZ_ENTRIES 32  /* compressed bodies kept, least recently used replaced */

bool web_compressible(const char *ctype)
{
	static const char *const types[] = { "text/", "application/json", "application/javascript",
					     "image/svg+xml" };
	size_t i;

	if (!ctype) /* the API's JSON */
		return true;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strncasecmp(ctype, types[i], strlen(types[i])))
			return true;
	return false;
}

/* The q value of one Accept-Encoding element ("gzip;q=0.5"): 1 without. */
static double q_value(const char *params, size_t n)
{
	const char *q = memchr(params, 'q', n);

	if (!q || q + 2 > params + n || q[1] != '=')
		return 1;
	return strtod(q + 2, NULL);
}

bool web_accepts_gzip(const char *accept)
{
	bool star = false;

	while (accept && *accept) {
		size_t n = strcspn(accept, ","), name;
		const char *p = accept;

		while (*p == ' ' || *p == '\t')
			p++;
		name = strcspn(p, ";, \t");
		if ((name == 4 && !strncasecmp(p, "gzip", 4)) ||
		    (name == 6 && !strncasecmp(p, "x-gzip", 6)))
			return q_value(p, n - (size_t)(p - accept)) > 0;
		if (name == 1 && *p == '*')
			star = q_value(p, n - (size_t)(p - accept)) > 0;
		accept += n;
		if (*accept == ',')
			accept++;
	}
	return star;
}

int web_gzip(const char *data, size_t len, char **out, size_t *out_len)
{
	z_stream z;
	uLong cap;
	int rc;

	*out = NULL;
	if (len < GZ_MIN || len > UINT32_MAX)
		return -1;
	memset(&z, 0, sizeof(z));
	/* 15 + 16: a gzip wrapper, which every browser reads as Content-Encoding gzip */
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)len);
	*out = xmalloc(cap);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)*out;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	*out_len = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || *out_len >= len) { /* nothing gained: send it as it is */
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void web_etag(const char *data, size_t len, char out[WEB_ETAG_MAX])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)data, len, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, 33, h, sizeof(h));
	out[33] = '"';
	out[34] = '\0';
}

/* Whether one entity tag of If-None-Match (tag, n bytes, maybe W/ and
 * with the "-gz" of the compressed form) names the body of etag. */
static bool same_tag(const char *tag, size_t n, const char *etag)
{
	size_t base = strlen(etag) - 1; /* without the closing quote */

	if (n > 2 && !strncmp(tag, "W/", 2)) {
		tag += 2;
		n -= 2;
	}
	if (n == base + 1 && !strncmp(tag, etag, n))
		return true;
	return n == base + 4 && !strncmp(tag, etag, base) && !strncmp(tag + base, "-gz\"", 4);
}

bool web_etag_match(const char *if_none_match, const char *etag)
{
	while (if_none_match && *if_none_match) {
		size_t n;

		while (*if_none_match == ' ' || *if_none_match == '\t' || *if_none_match == ',')
			if_none_match++;
		n = strcspn(if_none_match, ", \t");
		if ((n == 1 && *if_none_match == '*') || (n && same_tag(if_none_match, n, etag)))
			return true;
		if_none_match += n;
	}
	return false;
}

/* ---- compressed bodies kept under their ETag ---- */

struct gz_entry {
	char etag[WEB_ETAG_MAX];
	char *gz;
	size_t len;
	unsigned long used; /* 0: empty */
};

static struct gz_entry gz_cache[GZ_ENTRIES];
static unsigned long gz_clock;
static pthread_mutex_t gz_lock = PTHREAD_MUTEX_INITIALIZER;

/* A copy of the gzip kept under etag, or NULL. */
static char *gz_get(const char *etag, size_t *len)
{
	char *copy = NULL;
	size_t i;

	pthread_mutex_lock(&gz_lock);
	for (i = 0; i < GZ_ENTRIES; i++)
		if (gz_cache[i].used && !strcmp(gz_cache[i].etag, etag)) {
			copy = xmalloc(gz_cache[i].len);
			memcpy(copy, gz_cache[i].gz, gz_cache[i].len);
			*len = gz_cache[i].len;
			gz_cache[i].used = ++gz_clock;
			break;
		}
	pthread_mutex_unlock(&gz_lock);
	return copy;
}

static void gz_put(const char *etag, const char *gz, size_t len)
{
	struct gz_entry *e = &gz_cache[0];
	size_t i;

	pthread_mutex_lock(&gz_lock);
	for (i = 1; i < GZ_ENTRIES && e->used; i++)
		if (gz_cache[i].used < e->used)
			e = &gz_cache[i];
	free(e->gz);
	memcpy(e->etag, etag, WEB_ETAG_MAX);
	e->gz = xmalloc(len);
	memcpy(e->gz, gz, len);
	e->len = len;
	e->used = ++gz_clock;
	pthread_mutex_unlock(&gz_lock);
}

int web_gzip_cached(const char *etag, const char *data, size_t len, char **out, size_t *out_len)
{
	if ((*out = gz_get(etag, out_len)))
		return 0;
	if (web_gzip(data, len, out, out_len) < 0)
		return -1;
	gz_put(etag, *out, *out_len);
	return 0;
}

void web_gzip_cache_clear(void)
{
	size_t i;

	pthread_mutex_lock(&gz_lock);
	for (i = 0; i < GZ_ENTRIES; i++) {
		free(gz_cache[i].gz);
		memset(&gz_cache[i], 0, sizeof(gz_cache[i]));
	}
	pthread_mutex_unlock(&gz_lock);
}
