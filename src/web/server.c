/*
 * server.c - the HTTP side of "planwatch serve": libmicrohttpd with its
 * own thread pool (epoll), a database connection per worker thread, the
 * limits on what a client may send, the response helpers, the access log
 * and the clean stop on SIGTERM/SIGINT.  What a request means is routes.c's.
 * With --tls-cert and --tls-key it speaks HTTPS itself (libmicrohttpd's
 * GnuTLS; the files are checked in tls.c).
 *
 * Threads: every worker opens its own connection (thread-specific, closed
 * when the thread ends) to the same WAL database, so reads never wait for
 * each other or for a writer.  Writers take one process-wide mutex around
 * their transaction (web_write_lock), so two requests never race for
 * SQLite's write lock and none sees SQLITE_BUSY; the busy timeout covers
 * other processes (the command line) writing at the same time.
 */
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"
#include "web/auth.h"
#include "web/web_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_HEADERS 64               /* more is refused with 431 */
/* Our own limits on the head of a request, below CONN_MEMORY: a request
 * over them reaches on_request and is refused in Chinese (414, 431); one
 * over CONN_MEMORY is refused by libmicrohttpd itself, in its English
 * HTML, before any code of ours runs (docs/api.md, "Errors"). */
#define MAX_URL (8 * 1024)           /* path and query, as nginx's default line */
#define MAX_HEAD (16 * 1024)         /* header names and values */
#define CONN_MEMORY (32 * 1024)      /* per connection: request line and headers; MHD
					* zeroes it for every request, so no larger */
#define MAX_CONNECTIONS 1024
#define MAX_PER_IP 256
#define STOP_GRACE_MS 10000          /* how long requests in flight may take at stop */
#define LOG_FIELD_MAX 1024           /* bytes of a path, user or note in the log: a
					* line stays under PIPE_BUF (4096), so its one
					* write() is never interleaved with another's */

static const struct pw_web_opts *srv_opts;
static struct pw_web_opts srv_copy; /* o, with what TLS implies */
static char srv_proxy[INET6_ADDRSTRLEN]; /* --trusted-proxy, canonical; "": none */
static struct web_tls srv_tls;
static pthread_key_t store_key, demo_key;
static pthread_mutex_t write_mutex = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = STDERR_FILENO;
static atomic_int in_flight;

void pw_web_opts_init(struct pw_web_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->host = "127.0.0.1";
	o->port = 8080;
	o->threads = 4;
	o->idle_sec = 30 * 60;
	o->absolute_sec = 12 * 60 * 60;
	o->body_max = 1 << 20;
	o->conn_timeout = 30;
}

/* ---- the change stamp, read at most once a millisecond ----
 *
 * Every cached answer is checked against the database's change stamp
 * (store/users.h), and reading it is a read transaction: locks on the
 * database and its WAL index, a stat, the query; under load that was a
 * fifth of the server's time.  So a stamp read is reused by the requests
 * that begin within STAMP_REUSE_NS after that read began.  The server's
 * own writes end the reuse when they commit (web_write_unlock), so they
 * are seen at once; a write of another process (the command line) is seen
 * by every request that begins a millisecond after it committed. */
#define STAMP_REUSE_NS 1000000

struct stamp_memo {
	pthread_mutex_t lock;
	int64_t stamp;
	int64_t read_at; /* CLOCK_MONOTONIC ns when the read began; 0: none */
	unsigned long writes; /* the server's commits so far */
};

/* one for the database, one for the demonstration database */
static struct stamp_memo stamp_memo[2] = {
	{ PTHREAD_MUTEX_INITIALIZER, 0, 0, 0 }, { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0 },
};

static int64_t mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void stamp_forget(void)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		pthread_mutex_lock(&stamp_memo[i].lock);
		stamp_memo[i].read_at = 0;
		stamp_memo[i].writes++;
		pthread_mutex_unlock(&stamp_memo[i].lock);
	}
}

int web_change_stamp(struct pw_store *s, int64_t *stamp)
{
	bool demo = srv_opts && srv_opts->demo_db && s == pthread_getspecific(demo_key);
	struct stamp_memo *m = &stamp_memo[demo];
	int64_t now = mono_ns();
	unsigned long writes;
	bool fresh;

	pthread_mutex_lock(&m->lock);
	fresh = m->read_at && now - m->read_at < STAMP_REUSE_NS;
	*stamp = m->stamp;
	writes = m->writes;
	pthread_mutex_unlock(&m->lock);
	if (fresh)
		return 0;
	if (web_lib_stamp(s, stamp) < 0)
		return -1;
	pthread_mutex_lock(&m->lock);
	/* kept unless a later read is, or a commit of ours came in between */
	if (now > m->read_at && writes == m->writes) {
		m->stamp = *stamp;
		m->read_at = now;
	}
	pthread_mutex_unlock(&m->lock);
	return 0;
}

void web_write_lock(void)
{
	pthread_mutex_lock(&write_mutex);
}

void web_write_unlock(void)
{
	stamp_forget(); /* committed (or rolled back): the next request reads again */
	pthread_mutex_unlock(&write_mutex);
}

static void close_store(void *s)
{
	pw_store_close(s);
}

/* This worker's connection to path under key, opened on its first
 * request; NULL (with pw_last_error()) when the database cannot be opened. */
static struct pw_store *keyed_store(pthread_key_t key, const char *path)
{
	struct pw_store *s = pthread_getspecific(key);

	if (s)
		return s;
	pw_error_quiet(1); /* errors go into responses and the access log */
	if (pw_store_open(&s, path) < 0)
		return NULL;
	pthread_setspecific(key, s);
	return s;
}

static struct pw_store *thread_store(void)
{
	return keyed_store(store_key, srv_opts->db_path);
}

/* Whether the database holds an approved value, asked once per change
 * stamp (an approval always moves it), not on every public request:
 * the question scans the observations while there is none. */
static int has_real_data(struct pw_store *s, bool *real)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static int64_t known_at = -1;
	static bool known;
	int64_t stamp;
	bool hit;

	if (web_change_stamp(s, &stamp) < 0)
		return -1;
	pthread_mutex_lock(&lock);
	hit = stamp == known_at;
	*real = known;
	pthread_mutex_unlock(&lock);
	if (hit)
		return 0;
	if (web_lib_has_real_data(s, real) < 0)
		return -1;
	pthread_mutex_lock(&lock);
	known_at = stamp;
	known = *real;
	pthread_mutex_unlock(&lock);
	return 0;
}

struct pw_store *web_public_store(struct web_req *r, bool *demo)
{
	bool real;

	*demo = false;
	if (!r->opts->demo_db)
		return r->store;
	if (has_real_data(r->store, &real) < 0)
		return NULL;
	if (real)
		return r->store;
	*demo = true;
	return keyed_store(demo_key, r->opts->demo_db);
}

/* ---- responses ---- */

/* The pages' policy: scripts, styles and images only from the site, no
 * inline script or style, no framing, forms only to the site. */
#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/* Under built-in TLS: HTTPS only, for a year (not includeSubDomains: the
 * other hosts of the domain are not ours to decide). */
#define HSTS "max-age=31536000"

/* A response of len bytes of buf, which it frees (also on failure). */
static struct MHD_Response *owned(size_t len, char *buf)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);

	if (!resp)
		free(buf);
	return resp;
}

static void body_done(void *b)
{
	web_body_release(b);
}

/* A response sending r->cached as it is: the response takes the
 * reference (dropped when the bytes went out), or NULL. */
static struct MHD_Response *cached_response(struct web_req *r)
{
	struct web_body *b = r->cached;
	struct MHD_Response *resp =
		MHD_create_response_from_buffer_with_free_callback_cls(b->len, b->data, body_done, b);

	if (resp)
		r->cached = NULL;
	return resp;
}

/* The body to send: text (malloc'd, or NULL with r->asset or r->cached)
 * as it is or gzip'd when the client takes it, or nothing for a 304.
 * Sets *etag (shared bodies), *gz, *status and r->bytes; returns the
 * response, NULL on failure (text freed either way). */
static struct MHD_Response *encode(struct web_req *r, unsigned *status, char *text, size_t len,
				   char etag[WEB_ETAG_MAX], bool *gz)
{
	const struct web_asset_body *a = r->asset;
	const struct web_body *c = text ? NULL : r->cached;
	const char *data = c ? c->data : text;
	char *z = NULL;
	size_t zlen = 0;

	*gz = false;
	etag[0] = '\0';
	if (c)
		len = c->len;
	if (r->shared && *status == 200) {
		if (a)
			memcpy(etag, a->etag, WEB_ETAG_MAX);
		else if (r->etag[0]) /* hashed once, when the cache took the body */
			memcpy(etag, r->etag, WEB_ETAG_MAX);
		else
			web_etag(data, len, etag);
		if (web_etag_match(web_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH), etag)) {
			free(text);
			*status = 304;
			r->bytes = 0;
			return MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		}
	}
	if (web_compressible(r->content_type) &&
	    web_accepts_gzip(web_header(r, MHD_HTTP_HEADER_ACCEPT_ENCODING)) &&
	    (a ? a->gz != NULL
	       : (etag[0] ? web_gzip_cached(etag, data, len, &z, &zlen)
			  : web_gzip(data, len, &z, &zlen)) == 0)) {
		*gz = true;
		r->bytes = a ? a->gz_len : zlen;
		if (a) /* kept for the life of the server */
			return MHD_create_response_from_buffer(a->gz_len, a->gz, MHD_RESPMEM_PERSISTENT);
		free(text);
		return owned(zlen, z);
	}
	r->bytes = len;
	if (a)
		return MHD_create_response_from_buffer(a->len, (void *)(uintptr_t)a->data,
						       MHD_RESPMEM_PERSISTENT);
	if (c)
		return cached_response(r);
	return owned(len, text);
}

static void cache_headers(struct web_req *r, struct MHD_Response *resp, const char *etag, bool gz)
{
	char v[48];

	if (web_compressible(r->content_type))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	if (gz)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (etag[0]) { /* the gzip is another representation: its own tag */
		snprintf(v, sizeof(v), gz ? "%.33s-gz\"" : "%s", etag);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, v);
	}
	if (r->shared && r->max_age > 0) {
		snprintf(v, sizeof(v), "max-age=%ld", r->max_age);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, v);
	} else {
		/* shared: a client may keep it but asks again (ETag) */
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
					r->shared ? "no-cache" : "no-store");
	}
}

static enum MHD_Result queue(struct web_req *r, unsigned status, char *text, size_t len)
{
	char etag[WEB_ETAG_MAX];
	bool gz;
	struct MHD_Response *resp;
	enum MHD_Result rc;

	/* a signed-in user's view of a public route may carry their name */
	r->shared = r->shared && !r->signed_in && status == 200;
	if (!(resp = encode(r, &status, text, len, etag, &gz)))
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				r->content_type ? r->content_type : "application/json; charset=utf-8");
	cache_headers(r, resp, etag, gz);
	if (r->content_type && !strncmp(r->content_type, "text/html", 9)) {
		MHD_add_response_header(resp, "Content-Security-Policy", CSP);
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
		MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	}
	if (r->disposition) { /* a download: never a page that runs anything */
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
		MHD_add_response_header(resp, "Content-Security-Policy", "sandbox; default-src 'none'");
	}
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (r->opts->tls_cert) /* browsers that saw it never try plain HTTP here again */
		MHD_add_response_header(resp, "Strict-Transport-Security", HSTS);
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->allow)
		MHD_add_response_header(resp, "Allow", r->allow);
	if (r->retry_after > 0) {
		char v[24];

		snprintf(v, sizeof(v), "%ld", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", v);
	}
	r->status = status;
	rc = MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	return rc;
}

enum MHD_Result web_send(struct web_req *r, unsigned status, const char *ctype, char *data,
			 size_t len)
{
	r->content_type = ctype;
	return queue(r, status, data, len);
}

enum MHD_Result web_json_text(struct web_req *r, unsigned status, char *text, size_t len)
{
	return queue(r, status, text, len);
}

enum MHD_Result web_json(struct web_req *r, unsigned status, json_t *body)
{
	char *text = NULL;

	r->content_type = NULL;
	if (body) {
		text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER |
					JSON_REAL_PRECISION(15));
		json_decref(body);
		if (!text) {
			struct strbuf sb = STRBUF_INIT;

			/* not through web_json again; the message has no '"' or '\\' */
			r->log_note = "response is not JSON";
			sb_addf(&sb, "{\"error\":\"%s\"}", _("internal server error"));
			text = sb_detach(&sb, NULL);
			return queue(r, 500, text, strlen(text));
		}
	}
	return queue(r, status, text ? text : xstrdup(""), text ? strlen(text) : 0);
}

enum MHD_Result web_error(struct web_req *r, unsigned status, const char *msg)
{
	return web_json(r, status, json_pack("{s:s}", "error", _(msg)));
}

enum MHD_Result web_internal(struct web_req *r)
{
	r->log_note = pw_last_error();
	return web_error(r, 500, "internal server error");
}

enum MHD_Result web_fail(struct web_req *r, int rc, const char *missing)
{
	enum pw_err kind = pw_err_of(rc, PW_ERR_INTERNAL);
	int status = pw_err_http_status(kind);

	/* a store's bare "not found" says nothing: the caller names what */
	if (rc == PW_STORE_NOTFOUND)
		return web_error(r, 404, missing);
	if (status >= 400 && status < 500)
		return web_error(r, (unsigned)status, pw_last_error());
	return web_internal(r);
}

const char *web_header(struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *web_query(struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* s (n bytes) with "+" as space and %XX decoded, new. */
static char *form_decode(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			sb_addch(&sb, ' ');
		} else if (s[i] == '%' && i + 2 < n && hex_digit(s[i + 1]) >= 0 &&
			   hex_digit(s[i + 2]) >= 0) {
			sb_addch(&sb, (char)(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2])));
			i += 2;
		} else {
			sb_addch(&sb, s[i]);
		}
	}
	return sb_detach(&sb, NULL);
}

char *web_form_value(struct web_req *r, const char *name)
{
	const char *ctype = web_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *p = r->body.buf, *end = r->body.buf + r->body.len;
	size_t nl = strlen(name);

	if (!ctype || strncasecmp(ctype, "application/x-www-form-urlencoded", 33))
		return NULL;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *stop = amp ? amp : end;

		if ((size_t)(stop - p) > nl && !strncmp(p, name, nl) && p[nl] == '=')
			return form_decode(p + nl + 1, (size_t)(stop - p) - nl - 1);
		p = stop + 1;
	}
	return NULL;
}

json_t *web_body_object(struct web_req *r, enum MHD_Result *rc)
{
	json_error_t err;
	json_t *j = json_loadb(r->body.buf, r->body.len, JSON_REJECT_DUPLICATES, &err);

	if (j && json_is_object(j))
		return j;
	json_decref(j);
	*rc = web_error(r, 400, "the request body must be a JSON object");
	return NULL;
}

/* ---- requests ---- */

/* An IPv6 address (16 bytes) as text into out: an IPv4-mapped one
 * (::ffff:127.0.0.1, a server listening on ::) as its IPv4 address, so that
 * --trusted-proxy 127.0.0.1 names it either way. */
static bool addr6_text(const unsigned char *a, char *out, size_t size)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (!memcmp(a, mapped, sizeof(mapped)))
		return inet_ntop(AF_INET, a + 12, out, (socklen_t)size) != NULL;
	return inet_ntop(AF_INET6, a, out, (socklen_t)size) != NULL;
}

/* s as an address in canonical text into out (INET6_ADDRSTRLEN), so
 * that one client has one throttle key however it is written; false
 * when s is no IPv4 or IPv6 address. */
static bool addr_canonical(const char *s, char *out, size_t size)
{
	unsigned char bin[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, s, bin) == 1)
		return inet_ntop(AF_INET, bin, out, (socklen_t)size) != NULL;
	if (inet_pton(AF_INET6, s, bin) == 1)
		return addr6_text(bin, out, size);
	return false;
}

/* Keeps in *cls the value of the last X-Forwarded-For header line: a proxy
 * may add a line of its own rather than extend the client's. */
static enum MHD_Result last_xff(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	(void)kind;
	if (key && value && !strcasecmp(key, "X-Forwarded-For"))
		*(const char **)cls = value;
	return MHD_YES;
}

/* The client of a request the trusted proxy (--trusted-proxy) passed on:
 * the last address of the last X-Forwarded-For line, the one that proxy
 * wrote (whatever a client put before it is its own word and is ignored).
 * addr keeps the proxy's address when the header is missing or ends in no
 * address. */
static void forwarded_client(struct MHD_Connection *conn, char *addr, size_t size)
{
	const char *xff = NULL;
	const char *last;
	char word[INET6_ADDRSTRLEN];
	size_t n;

	MHD_get_connection_values(conn, MHD_HEADER_KIND, last_xff, &xff);
	if (!xff)
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	last += strspn(last, " \t");
	n = strcspn(last, " \t");
	if (n == 0 || n >= sizeof(word))
		return;
	memcpy(word, last, n);
	word[n] = '\0';
	if (!addr_canonical(word, word, sizeof(word)))
		return;
	snprintf(addr, size, "%s", word);
}

static struct web_req *req_new(struct MHD_Connection *conn, const char *url, const char *method)
{
	struct web_req *r = xcalloc(1, sizeof(*r));
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->conn = conn;
	r->opts = srv_opts;
	snprintf(r->method, sizeof(r->method), "%s", method);
	r->path = xstrdup(url);
	sb_init(&r->body, 0);
	snprintf(r->addr, sizeof(r->addr), "-");
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  r->addr, sizeof(r->addr));
		else if (sa->sa_family == AF_INET6)
			addr6_text((const unsigned char *)&((const struct sockaddr_in6 *)
							    (const void *)sa)->sin6_addr,
				   r->addr, sizeof(r->addr));
	}
	if (*srv_proxy && !strcmp(r->addr, srv_proxy))
		forwarded_client(conn, r->addr, sizeof(r->addr));
	atomic_fetch_add(&in_flight, 1);
	return r;
}

static void req_free(struct web_req *r)
{
	if (r->signed_in)
		pw_session_release(&r->session);
	sb_release(&r->body);
	web_body_release(r->cached);
	free(r->path);
	free(r->set_cookie);
	free(r->allow);
	free(r->disposition);
	free(r);
	atomic_fetch_sub(&in_flight, 1);
}

/* A Content-Length over the limit is refused before the body is read. */
static bool declared_too_large(struct web_req *r)
{
	const char *cl = web_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	char *end;
	unsigned long long n;

	if (!cl)
		return false;
	errno = 0;
	n = strtoull(cl, &end, 10);
	return errno || *end || n > r->opts->body_max;
}

static void take_body(struct web_req *r, const char *data, size_t *size)
{
	if (!r->too_large && r->body.len + *size <= r->opts->body_max)
		sb_add(&r->body, data, *size);
	else
		r->too_large = true;
	*size = 0;
}

/* The count and bytes of the values of one kind (headers, query). */
struct head_size {
	unsigned count;
	size_t bytes;
};

static enum MHD_Result add_value(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	struct head_size *h = cls;

	(void)kind;
	h->count++;
	h->bytes += strlen(key) + (value ? strlen(value) : 0) + 4; /* ": ", CRLF or "=&" */
	return MHD_YES;
}

/* Answers (and returns true) a head over our limits: too many headers,
 * headers too large, a URL too long. */
static bool head_refused(struct web_req *r, const char *url, enum MHD_Result *rc)
{
	struct head_size hdr = { 0, 0 }, query = { 0, strlen(url) };

	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, add_value, &hdr);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_value, &query);
	if (hdr.count > MAX_HEADERS)
		*rc = web_error(r, 431, "too many request headers");
	else if (hdr.bytes > MAX_HEAD)
		*rc = web_error(r, 431, "the request headers are too large");
	else if (query.bytes > MAX_URL)
		*rc = web_error(r, 414, "the URL is too long");
	else
		return false;
	return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct web_req *r = *con_cls;
	enum MHD_Result rc;

	(void)cls;
	(void)version;
	if (!r) {
		*con_cls = r = req_new(conn, url, method);
		if (head_refused(r, url, &rc))
			return rc;
		if (declared_too_large(r))
			return web_error(r, 413, "the request body is too large");
		return MHD_YES;
	}
	if (*upload_size) {
		take_body(r, upload_data, upload_size);
		return MHD_YES;
	}
	if (r->status) /* answered already (414, 431, 413) */
		return MHD_YES;
	if (r->too_large)
		return web_error(r, 413, "the request body is too large");
	if (!(r->store = thread_store())) {
		r->log_note = pw_last_error();
		return web_error(r, 503, "the database is not available at the moment");
	}
	pw_clear_error();
	return web_dispatch(r);
}

/* s for the log, with control characters, '"' and '\\' as \xNN: a path
 * (unescaped from %0A) must not forge a line.  At most LOG_FIELD_MAX bytes
 * written, then "...". */
static void add_loggable(struct strbuf *sb, const char *s)
{
	size_t start = sb->len;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (sb->len - start >= LOG_FIELD_MAX) {
			sb_addstr(sb, "...");
			return;
		}
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			sb_addf(sb, "\\x%02x", c);
		else
			sb_addch(sb, c);
	}
}

/* One line per request: time, client, method, path, status, bytes,
 * milliseconds, user, and an internal error if there was one. */
static void log_request(const struct web_req *r)
{
	/* the time of day changes once a second: formatted once a second */
	static _Thread_local time_t when_at = -1;
	static _Thread_local char when[32];
	struct strbuf line = STRBUF_INIT;
	struct timespec now;
	time_t t = time(NULL);
	struct tm tm;
	long tenths; /* of a millisecond */
	size_t off = 0;
	ssize_t n;

	clock_gettime(CLOCK_MONOTONIC, &now);
	tenths = (long)((now.tv_sec - r->start.tv_sec) * 10000 +
			(now.tv_nsec - r->start.tv_nsec + 50000) / 100000);
	if (t != when_at) {
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		when_at = t;
	}
	sb_grow(&line, 128 + strlen(r->path));
	sb_addstr(&line, when);
	sb_addch(&line, ' ');
	sb_addstr(&line, r->addr);
	sb_addstr(&line, " \"");
	add_loggable(&line, r->method);
	sb_addch(&line, ' ');
	add_loggable(&line, r->path);
	sb_addf(&line, "\" %u %zu %ld.%ldms ", r->status, r->bytes, tenths / 10, tenths % 10);
	add_loggable(&line, r->signed_in ? r->session.user.name : "-");
	if (r->log_note) {
		sb_addstr(&line, " error: ");
		add_loggable(&line, r->log_note);
	}
	sb_addch(&line, '\n');
	/* one write(), no lock: appends (O_APPEND) and pipe writes under
	 * PIPE_BUF are not interleaved with other threads' lines */
	while (off < line.len && ((n = write(log_fd, line.buf + off, line.len - off)) > 0 ||
				  (n < 0 && errno == EINTR)))
		off += n > 0 ? (size_t)n : 0;
	sb_release(&line);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct web_req *r = *con_cls;

	(void)cls;
	(void)conn;
	if (!r)
		return;
	if (!r->status)
		r->log_note = toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timed out"
			      : "connection closed before a response";
	log_request(r);
	req_free(r);
	*con_cls = NULL;
}

/* ---- the daemon ---- */

union web_addr {
	struct sockaddr sa;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
};

/* host as an address: numeric IPv4 or IPv6, or a name resolved to its
 * first IPv4 address, else its first IPv6 one ("localhost": 127.0.0.1). */
static int parse_addr(const char *host, int port, union web_addr *a, bool *v6)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai, *pick = NULL;
	int rc = getaddrinfo(host, NULL, &hints, &res);

	memset(a, 0, sizeof(*a));
	*v6 = false;
	if (rc != 0)
		return pw_error("bad --host '%s': %s", host, gai_strerror(rc));
	for (ai = res; ai && !pick; ai = ai->ai_next)
		if (ai->ai_family == AF_INET)
			pick = ai;
	for (ai = res; ai && !pick; ai = ai->ai_next)
		if (ai->ai_family == AF_INET6)
			pick = ai;
	if (pick && pick->ai_addrlen <= sizeof(*a))
		memcpy(a, pick->ai_addr, pick->ai_addrlen);
	freeaddrinfo(res);
	if (a->sa.sa_family == AF_INET) {
		a->in4.sin_port = htons((uint16_t)port);
	} else if (a->sa.sa_family == AF_INET6) {
		a->in6.sin6_port = htons((uint16_t)port);
		*v6 = true;
	} else {
		return pw_error("bad --host '%s': not an IPv4 or IPv6 address", host);
	}
	return 0;
}

static struct MHD_Daemon *start_daemon(const struct pw_web_opts *o)
{
	union web_addr a;
	bool v6;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
	struct MHD_Daemon *d;
	/* the PEM texts under TLS, else nothing */
	struct MHD_OptionItem tls[] = {
		{ MHD_OPTION_HTTPS_MEM_CERT, 0, srv_tls.cert.buf },
		{ MHD_OPTION_HTTPS_MEM_KEY, 0, srv_tls.key.buf },
		{ MHD_OPTION_END, 0, NULL },
	};

	if (parse_addr(o->host, o->port, &a, &v6) < 0)
		return NULL;
	if (v6)
		flags |= MHD_USE_IPv6;
	if (o->tls_cert)
		flags |= MHD_USE_TLS;
	d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, NULL,
			     MHD_OPTION_SOCK_ADDR, &a.sa,
			     MHD_OPTION_THREAD_POOL_SIZE, o->threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, o->conn_timeout,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
			     MHD_OPTION_CONNECTION_LIMIT, MAX_CONNECTIONS,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, MAX_PER_IP,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_ARRAY, o->tls_cert ? tls : tls + 2,
			     MHD_OPTION_END);
	if (!d)
		pw_error("cannot listen on %s port %d: %s", o->host, o->port,
			 errno ? strerror(errno) : "address in use or not available");
	return d;
}

static int bound_port(struct MHD_Daemon *d, int fallback)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);

	return di && di->port ? di->port : fallback;
}

/* After the daemon stops accepting: waits until no request is in flight,
 * at most STOP_GRACE_MS. */
static void drain(void)
{
	const struct timespec tick = { 0, 20 * 1000 * 1000 };
	int waited = 0;

	while (atomic_load(&in_flight) > 0 && waited < STOP_GRACE_MS) {
		nanosleep(&tick, NULL);
		waited += 20;
	}
}

static int open_log(const struct pw_web_opts *o)
{
	log_fd = STDERR_FILENO;
	if (!o->access_log)
		return 0;
	log_fd = open(o->access_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (log_fd < 0) {
		log_fd = STDERR_FILENO;
		return pw_error("cannot open access log '%s': %s", o->access_log, strerror(errno));
	}
	return 0;
}

int pw_web_serve(const struct pw_web_opts *o)
{
	struct pw_store *s;
	struct MHD_Daemon *d;
	sigset_t stop;
	MHD_socket listen_fd;
	int sig;

	pw_clear_error();
	srv_copy = *o;
	srv_copy.secure_cookie = o->secure_cookie || o->tls_cert; /* never sent over HTTP */
	srv_opts = o = &srv_copy;
	srv_proxy[0] = '\0';
	if (o->trusted_proxy && !addr_canonical(o->trusted_proxy, srv_proxy, sizeof(srv_proxy)))
		return pw_error_kind(PW_ERR_USAGE, "--trusted-proxy '%s' is not an IP address",
				     o->trusted_proxy);
	if (o->tls_cert && web_tls_load(o->tls_cert, o->tls_key, &srv_tls) < 0)
		return -1;
	if (pw_auth_init() < 0 || open_log(o) < 0 || web_assets_load(o->assets) < 0)
		return -1;
	/* migrate once, before any worker opens its connection */
	if (pw_store_open(&s, o->db_path) < 0)
		return -1;
	pw_store_close(s);
	pthread_key_create(&store_key, close_store);
	pthread_key_create(&demo_key, close_store);
	/* the workers inherit this mask: only sigwait() below sees the signals */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* the site is Chinese: so are the reasons of its refusals, which
	 * come from the library's messages too (before the workers start) */
	pw_i18n_use("zh_CN");
	if (!(d = start_daemon(o)))
		return -1;
	fprintf(stderr, "planwatch: serving database '%s' on %s://%s%s%s:%d/\n", o->db_path,
		o->tls_cert ? "https" : "http", strchr(o->host, ':') ? "[" : "", o->host,
		strchr(o->host, ':') ? "]" : "", bound_port(d, o->port));
	fflush(stderr);
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, "planwatch: %s: stopping\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	listen_fd = MHD_quiesce_daemon(d); /* no new connections from here */
	drain();
	MHD_stop_daemon(d);
	web_cache_clear();
	web_gzip_cache_clear();
	if (listen_fd != MHD_INVALID_SOCKET)
		close(listen_fd);
	if (log_fd != STDERR_FILENO)
		close(log_fd);
	web_tls_release(&srv_tls);
	return 0;
}
