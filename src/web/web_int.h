/*
 * web_int.h - what the files of src/web share: the request being served,
 * the response helpers, the route table's types and the adapters to the
 * library (web/adapt.c).  Not for code outside src/web/.
 */
#ifndef PW_WEB_INT_H
#define PW_WEB_INT_H

#include "store/users.h"
#include "util/strbuf.h"
#include "web/web.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define WEB_COOKIE "pw_session"
#define WEB_CSRF_HEADER "X-CSRF-Token"
#define WEB_LOGIN_COOKIE "pw_login" /* the sign-in form's CSRF token (session.c) */
#define WEB_ETAG_MAX 35 /* an ETag: '"' 32 hex digits '"' NUL (encoding.c) */

/* Roles, as bits of a route's `roles`. */
#define WEB_ADMIN (1u << 0)
#define WEB_PLANNER (1u << 1)
#define WEB_EDITOR (1u << 2)
#define WEB_VIEWER (1u << 3)
#define WEB_ANY_ROLE (WEB_ADMIN | WEB_PLANNER | WEB_EDITOR | WEB_VIEWER)

#define WEB_MAX_PARAMS 2

/* One request, from its first byte to the access log line. */
struct web_req {
	struct MHD_Connection *conn;
	const struct pw_web_opts *opts;
	struct pw_store *store; /* this worker thread's connection */
	char method[16];
	char *path;             /* without the query */
	struct strbuf body;
	bool too_large;         /* the body passed opts->body_max */
	int64_t params[WEB_MAX_PARAMS]; /* the {id}s of the route */
	bool signed_in;
	struct pw_session session; /* when signed_in */
	char addr[64];          /* client address */
	unsigned status;        /* of the response queued */
	size_t bytes;           /* response body size */
	struct timespec start;
	char *set_cookie;       /* a Set-Cookie value to send, or NULL */
	long retry_after;       /* seconds, for 429; 0: none */
	char *allow;            /* the Allow header of a 405, or NULL */
	const char *log_note;   /* an internal error, for the access log */
	char name[96];          /* the {name} segment of the route, if any */
	const char *content_type; /* of the response; NULL: JSON */
	char *disposition;      /* a Content-Disposition to send, or NULL */
	const char *location;   /* a Location to send (redirects), or NULL */
	/* The same bytes for every client who is not signed in (public pages,
	 * the public API, open data, assets): sent with an ETag, answered
	 * 304 on If-None-Match, and their gzip kept (encoding.c). */
	bool shared;
	char etag[WEB_ETAG_MAX]; /* a shared body's ETag if known (cache.c); "": hash it */
	long max_age;           /* Cache-Control max-age of a shared body; 0: no-cache */
	const struct web_asset_body *asset; /* an asset's own bytes, gzip and ETag, or NULL */
	struct web_body *cached; /* a cached answer to send (cache.c), referenced, or NULL */
};

typedef enum MHD_Result web_handler(struct web_req *r);

enum web_auth {
	WEB_PUBLIC,    /* anyone */
	WEB_SIGNED_IN, /* a session; a request that is not GET also needs the CSRF token */
};

struct web_route {
	const char *method;
	const char *pattern; /* "/api/plans/{id}/indicators": {id} a positive integer */
	web_handler *fn;
	enum web_auth auth;
	unsigned roles; /* WEB_* bits allowed (WEB_SIGNED_IN only) */
};

/* routes.c: finds r's route, checks its session, token and role, runs it. */
enum MHD_Result web_dispatch(struct web_req *r);
/* The WEB_* bit of a role name (0 for an unknown one). */
unsigned web_role_bit(const char *role);
/* A role's name on the pages (管理员...); role itself when unknown. */
const char *web_role_label(const char *role);

/* ---- responses (server.c) ---- */

/* Queues body (stolen; NULL for no body) as JSON with status. */
enum MHD_Result web_json(struct web_req *r, unsigned status, json_t *body);
/* Queues text (a JSON document of len bytes, stolen) with status. */
enum MHD_Result web_json_text(struct web_req *r, unsigned status, char *text, size_t len);
/* Queues {"error": msg} with status; msg is shown to users (Chinese). */
enum MHD_Result web_error(struct web_req *r, unsigned status, const char *msg);
/* Queues data (len bytes, stolen) as content type ctype; an HTML page
 * gets the Content-Security-Policy of the site (no inline script). */
enum MHD_Result web_send(struct web_req *r, unsigned status, const char *ctype, char *data,
			 size_t len);
/* The store the public pages read: the database, or the demonstration
 * database (--demo-db) while the database holds no approved value, which
 * *demo then says.  NULL (with pw_last_error()) when it cannot be opened. */
struct pw_store *web_public_store(struct web_req *r, bool *demo);
/* 500 "服务器内部错误", noting pw_last_error() in the access log. */
enum MHD_Result web_internal(struct web_req *r);
/* The answer to a failed library call's rc: PW_STORE_NOTFOUND 404 with
 * missing (English source); an error of a client's kind (util/error.h:
 * not found, input, conflict...) its HTTP status with the library's
 * message, which the server speaks in Chinese; anything else 500. */
enum MHD_Result web_fail(struct web_req *r, int rc, const char *missing);
/* The value of request header name, or NULL. */
const char *web_header(struct web_req *r, const char *name);
/* The value of query argument name, or NULL. */
const char *web_query(struct web_req *r, const char *name);
/* Field name of a form body (application/x-www-form-urlencoded),
 * decoded, new (caller frees); NULL when absent or the body is no form. */
char *web_form_value(struct web_req *r, const char *name);
/* The body parsed as a JSON object, or NULL after queueing a 400 (which
 * *rc receives). */
json_t *web_body_object(struct web_req *r, enum MHD_Result *rc);

/* The process-wide write lock: every request that writes holds it
 * around its whole transaction, so writers never meet SQLITE_BUSY.
 * The unlock also makes the next web_change_stamp() read afresh. */
void web_write_lock(void);
void web_write_unlock(void);
/* The change stamp of s (this thread's database or demonstration
 * database) for the caches: read afresh, or the one read by a request
 * that began less than a millisecond ago (server.c says why).  0 or -1. */
int web_change_stamp(struct pw_store *s, int64_t *stamp);

/* ---- built-in TLS (tls.c) ---- */

/* The PEM text of --tls-cert and --tls-key, as libmicrohttpd takes it. */
struct web_tls {
	struct strbuf cert;
	struct strbuf key;
};

/*
 * Reads the certificate (chain) and the private key, PEM, into t and
 * checks them with GnuTLS: 0, or -1 reported (PW_ERR_INPUT naming the
 * file: missing, unreadable, not PEM, a key of another certificate;
 * PW_ERR_FAIL when libmicrohttpd has no TLS).  web_tls_release() frees.
 */
int web_tls_load(const char *cert_path, const char *key_path, struct web_tls *t);
void web_tls_release(struct web_tls *t);

/* ---- ETags and gzip (encoding.c) ---- */

/* An asset's bytes with their gzip (NULL when not worth it) and ETag,
 * made once when the server starts (assets.c). */
struct web_asset_body {
	const char *data;
	size_t len;
	char *gz;
	size_t gz_len;
	char etag[WEB_ETAG_MAX];
};

/* Whether a body of content type ctype (NULL: the API's JSON) is text,
 * worth compressing. */
bool web_compressible(const char *ctype);
/* Whether an Accept-Encoding value accepts gzip (q above 0). */
bool web_accepts_gzip(const char *accept);
/* data as gzip in *out (new): 0, or -1 when small or nothing gained. */
int web_gzip(const char *data, size_t len, char **out, size_t *out_len);
/* As web_gzip, made once per etag and kept (a copy in *out). */
int web_gzip_cached(const char *etag, const char *data, size_t len, char **out, size_t *out_len);
void web_gzip_cache_clear(void);
/* The strong ETag of data: a quoted hash of the bytes. */
void web_etag(const char *data, size_t len, char out[WEB_ETAG_MAX]);
/* Whether If-None-Match (NULL: absent) names etag, or its "-gz" form, or "*". */
bool web_etag_match(const char *if_none_match, const char *etag);

/* ---- the evaluation cache (cache.c) ---- */

/* Bytes a cache entry and the responses sending them share, never
 * changed; freed by whoever drops the last reference. */
struct web_body {
	atomic_uint refs;
	size_t len;
	char data[]; /* len bytes and a NUL */
};
void web_body_release(struct web_body *b);

/* Whether the answer for (plan, year) was stored with this change stamp:
 * then r->cached holds a reference to it (the response sends it, req_free
 * drops it) and r->etag its ETag. */
bool web_cache_get(struct web_req *r, int plan_id, int year, int64_t stamp);
/* Stores text (copied) as the answer for (plan, year) at stamp; etag
 * receives its ETag (encoding.c's web_etag), computed here once. */
void web_cache_put(int plan_id, int year, int64_t stamp, const char *text, size_t len,
		   char etag[WEB_ETAG_MAX]);
/* The same under any key (< 256 bytes; longer keys are never cached). */
bool web_cache_get_key(struct web_req *r, const char *key, int64_t stamp);
void web_cache_put_key(const char *key, int64_t stamp, const char *text, size_t len,
		       char etag[WEB_ETAG_MAX]);
/* Frees every entry (at stop). */
void web_cache_clear(void);

/* ---- sessions (session.c) ---- */

/* Looks up r's session cookie; sets r->signed_in/r->session.  0, or -1
 * on a database error. */
int web_session_load(struct web_req *r);
/* Whether r carries the CSRF token of its session. */
bool web_csrf_ok(struct web_req *r);
enum MHD_Result web_session_create(struct web_req *r);
enum MHD_Result web_session_delete(struct web_req *r);
enum MHD_Result web_session_get(struct web_req *r);
/* POST /login: the sign-in form, without JavaScript. */
enum MHD_Result web_login_post(struct web_req *r);

/* ---- the API (api.c) ---- */

enum MHD_Result web_get_plans(struct web_req *r);
enum MHD_Result web_get_plan(struct web_req *r);
enum MHD_Result web_get_plan_indicators(struct web_req *r);
enum MHD_Result web_get_indicator(struct web_req *r);
enum MHD_Result web_post_observation(struct web_req *r);
/* Whether the signed-in user may write the figures (and documents) of an
 * indicator: a planner or admin any, an editor those its unit leads.
 * 1, 0, or -1 on a database error. */
int web_may_write(struct web_req *r, int64_t indicator_id);

/* ---- adapters to the library (adapt.c) ----
 * The only place the web side calls into store/, report/ and monitor/:
 * each returns 0, PW_STORE_NOTFOUND (-2) or -1 (pw_last_error() says why)
 * and gives the caller a new JSON reference in *out. */

int web_lib_plans(struct pw_store *s, json_t **out);
int web_lib_plan(struct pw_store *s, int plan_id, json_t **out);
/* The year an evaluation of plan_id is for: year, or for 0 last year
 * capped at the plan's end (as "assess --db").  0 or PW_STORE_NOTFOUND. */
int web_lib_eval_year(struct pw_store *s, int plan_id, int year, int *out);
/* Every indicator of the plan's evaluation at year (0: as
 * web_lib_eval_year), as "planwatch assess --db --plan ID --json". */
int web_lib_plan_indicators(struct pw_store *s, int plan_id, int year, json_t **out);
/* The database's change stamp (store/users.h) for caches. */
int web_lib_stamp(struct pw_store *s, int64_t *stamp);
/* An indicator's facts, lead unit and every observation (with history). */
int web_lib_indicator(struct pw_store *s, int64_t id, json_t **out);
/* 0 when indicator id exists, PW_STORE_NOTFOUND (no message) if not. */
int web_lib_indicator_exists(struct pw_store *s, int64_t id);
/* The lead unit of an indicator now: *unit new (NULL when none). */
int web_lib_lead_unit(struct pw_store *s, int64_t indicator_id, char **unit);

/* One value to record, as the request gives it (strings borrowed). */
struct web_obs {
	int64_t indicator_id;
	const char *year, *value, *unit, *source, *note;
	bool estimated;
	const char *by;
	int64_t user_id;
	bool approved; /* entered by the planning office: recorded approved */
};

/*
 * Validates and records one value through the path of "planwatch
 * record" (monitor/batch.h), holding the write lock.  0: recorded, *out
 * describes it; 1: refused, *out is {"errors": [...]}; -1 database error.
 */
int web_lib_record(struct pw_store *s, const struct web_obs *in, json_t **out);

/* ---- what the pages use (adapt.c) ---- */

/* The whole evaluation of plan_id at year (0: the default year), as
 * "report --format json" (docs/reports.md), each indicator with "path":
 * its planned path [[year, value]...] or null.  final: a final report. */
int web_lib_evaluation(struct pw_store *s, int plan_id, int year, bool final, json_t **out);
/* Whether the database holds an approved observation. */
int web_lib_has_real_data(struct pw_store *s, bool *yes);
/* A report (kind annual|midterm|final, format docx|xlsx|html|...) as
 * bytes in *data (new).  PW_STORE_NOTFOUND for an unknown kind, format or
 * plan. */
int web_lib_report(struct pw_store *s, int plan_id, int year, const char *kind,
		   const char *format, char **data, size_t *len);
/* Observation heads awaiting review or returned ([{id, indicator_id,
 * name, year, value, state, review_note, lead_unit...}]), newest first,
 * at most limit (SIZE_MAX: all) from offset; *total how many in all.
 * unit non-NULL: only those of indicators that unit leads. */
int web_lib_review_queue(struct pw_store *s, const char *unit, size_t offset, size_t limit,
			 json_t **out, size_t *total);
/* One observation head by id, as in the queue; PW_STORE_NOTFOUND. */
int web_lib_obs_head(struct pw_store *s, int64_t obs_id, json_t **out);
/* Approves or returns (with note) submitted head obs_id, holding the write lock. */
int web_lib_review(struct pw_store *s, int64_t obs_id, bool approve, const char *note,
		   const char *who);
/* What unit leads: each indicator as web_lib_indicator(). */
int web_lib_unit_due(struct pw_store *s, const char *unit, json_t **out);
/* Audit rows of observations (indicator_id 0: all, newest first, at
 * most 500): [at, actor, action, old value, new value, note,
 * review note, year, indicator id, state]. */
int web_lib_audit(struct pw_store *s, int64_t indicator_id, json_t **out);

/* Project progress rows as JSON ({id, project_id, title, year, status,
 * percent, note, review_note, state, version, entered_by, entered_at,
 * current, lead_unit}): of one project (0: all), history or heads only. */
int web_lib_progress_list(struct pw_store *s, int64_t project_id, bool history, json_t **out);
/* The progress reports awaiting review or returned, newest first, as
 * web_lib_progress_list() rows: limit of them from offset, *total of all;
 * unit non-NULL: only the projects it leads.  Read through the pending
 * table (store pw_store_progress_queue()), not the history.  0 or -1. */
int web_lib_progress_queue(struct pw_store *s, const char *unit, size_t offset, size_t limit,
			   json_t **out, size_t *total);
/* 1 when progress row id awaits review (submitted, head of its chain),
 * 0 when not, -1 on a database error. */
int web_lib_progress_waiting(struct pw_store *s, int64_t id);
/* The lead unit of a project now: *unit new, NULL when none. */
int web_lib_project_lead(struct pw_store *s, int64_t project_id, char **unit);
/* The projects unit leads: [{id, plan, progress: [heads]}]. */
int web_lib_unit_projects(struct pw_store *s, const char *unit, json_t **out);

/* One progress report to record (strings borrowed). */
struct web_progress {
	int64_t project_id;
	int year;
	const char *status, *note, *by;
	bool has_percent;
	double percent;
	bool approved; /* entered by the planning office: recorded approved */
};

/* Records it (submitted, or approved at once), holding the write lock:
 * 0 with *id the row in force, -1 (pw_last_error(): the reason, e.g. a
 * percent outside 0..100), PW_STORE_NOTFOUND for an unknown project. */
int web_lib_progress_record(struct pw_store *s, const struct web_progress *in, int64_t *id);
/* Approves or returns progress row id (the head of its chain). */
int web_lib_progress_review(struct pw_store *s, int64_t id, bool approve, const char *note,
			    const char *who);

/* Accounts: [{username, role, unit, disabled, created_at}]; whether one
 * exists (0, or PW_STORE_NOTFOUND without a message); add (hash: argon2id
 * string) and disable, holding the write lock. */
int web_lib_users(struct pw_store *s, json_t **out);
int web_lib_user_exists(struct pw_store *s, const char *name);
int web_lib_user_add(struct pw_store *s, const char *name, const char *role, const char *unit,
		     const char *hash, const char *who);
int web_lib_user_disable(struct pw_store *s, const char *name, const char *who);
/* Units: [{id, name, parent, assigned}]; exists (as above); add. */
int web_lib_units(struct pw_store *s, json_t **out);
int web_lib_unit_exists(struct pw_store *s, const char *name);
int web_lib_unit_add(struct pw_store *s, const char *name, const char *who);
/* Makes unit the lead unit of an indicator from year (0: all years). */
int web_lib_assign(struct pw_store *s, int64_t indicator_id, const char *unit, int year,
		   const char *who, int *changed);

/* A target another body sets (按上级下达目标), as "planwatch target set". */
struct web_external {
	const char *kind, *cmp; /* level|growth|cumulative|annual; eq|ge|le|approx|range */
	double value, value_hi;
	bool has_value_hi;
	int year; /* 0: none */
	const char *source, *note;
};
/* Records it for an indicator whose target is of kind external: 0, or
 * -1 with the reason (no such target, an unknown kind). */
int web_lib_external_set(struct pw_store *s, int64_t indicator_id, const struct web_external *in,
			 const char *who);

/* Supporting documents: the file lives beside the database (docs.c);
 * its record ({sha256, type, ext, size, name, year}, after_json) is an
 * audit row (entity "document", the indicator's id), append-only like
 * the rest of the trail.  List: those records plus by and at. */
int web_lib_document_add(struct pw_store *s, int64_t indicator_id, const char *after_json,
			 const char *who);
int web_lib_documents(struct pw_store *s, int64_t indicator_id, json_t **out);

/* ---- pages (pages.c, page.c) ---- */

/* Where a page is shown: by the server (absolute links) or as a static
 * file depth directories below the site's root (relative links). */
struct web_page {
	struct pw_store *store;
	struct strbuf out;
	bool is_static;
	int depth;
	bool demo;
	const struct pw_user *user; /* signed in, or NULL */
	const char *csrf;           /* the session's token for forms, or NULL */
	/* query arguments (server), or NULL */
	const char *(*query)(void *cls, const char *name);
	void *query_cls;
};

/* The one escaping helper: s as HTML text or attribute value. */
void h_esc(struct strbuf *sb, const char *s);
/* A number as the reports show it (at most 4 decimals); NaN as "—". */
void h_num(struct strbuf *sb, double v);
/* A link to the page at path ("plans/1/indicators", "" the home page). */
void h_href_page(struct web_page *p, const char *path);
/* A link to the file at path ("static/site.css", "data/plans/1/x.csv"). */
void h_href_file(struct web_page *p, const char *path);
/* The page's head, header, navigation and (demo) banner; plan_id 0: no
 * plan navigation. */
void page_open(struct web_page *p, const char *title, int plan_id);
void page_close(struct web_page *p);

/* Page renderers: 0, PW_STORE_NOTFOUND or -1, the page in p->out. */
int page_home(struct web_page *p);
int page_plan(struct web_page *p, int plan_id);
int page_indicators(struct web_page *p, int plan_id);
int page_indicator(struct web_page *p, int64_t id);
int page_targets(struct web_page *p, int plan_id);
int page_projects(struct web_page *p, int plan_id);
int page_previous(struct web_page *p, int plan_id);
int page_reporting(struct web_page *p, int plan_id);
int page_downloads(struct web_page *p, int plan_id);
/* Calls fn for each report the downloads page offers for plan_id: the
 * previous plan's final report, each year's annual report, the mid-term
 * and the final report once their year is past. */
typedef void web_report_fn(void *cls, int plan_id, int year, const char *kind, const char *label);
int web_reports_offered(struct pw_store *s, int plan_id, web_report_fn *fn, void *cls);
/* Whether figures due on `due` ("YYYY-MM-DD", web_lib_deadline()) are
 * late today (docs/web.md). */
bool web_overdue(const char *due);
/* The day plan_id's figures of year are due for unit (NULL: any unit):
 * as the planning office set it, else 31 March of year + 1 (store
 * pw_store_deadline()); *set whether the office set it (may be NULL).
 * due holds 11 bytes.  0, or -1 (then due holds the default). */
int web_lib_deadline(struct pw_store *s, int plan_id, int year, const char *unit, char *due,
		     bool *set);
/* The reporting state of year y, due on `due`, among an indicator's
 * observations (as GET /api/indicators/{id} lists them): *cls done, wait,
 * late or open, *text its Chinese name (已审核, 待审核, 已退回, 逾期未报,
 * 未到期). */
void web_year_state(json_t *obs, int y, const char *due, const char **cls, const char **text);
/* Open data: table (indicators|targets|projects|previous|reporting|observations)
 * of plan_id in format (csv|json|xlsx) into *data (new), *ctype static. */
int web_open_data(struct pw_store *s, int plan_id, const char *table, const char *format,
		  char **data, size_t *len, const char **ctype);
/* The names of the open data tables, NULL-terminated. */
extern const char *const web_data_tables[];

/* ---- static assets (assets.c) ---- */

/* Loads site.css, site.js and echarts.min.js from dir (NULL: beside the
 * executable).  A missing echarts only loses the charts (warned). */
int web_assets_load(const char *dir);
/* The asset called name, or NULL; *ctype its type. */
const char *web_asset(const char *name, size_t *len, const char **ctype);
/* The same with its gzip and ETag, or NULL. */
const struct web_asset_body *web_asset_body(const char *name, const char **ctype);
/* Names of the assets loaded, NULL-terminated. */
extern const char *const web_asset_names[];

/* ---- handlers of the pages (pages_http.c) ---- */

enum MHD_Result web_page_home(struct web_req *r);
enum MHD_Result web_page_plan(struct web_req *r);
enum MHD_Result web_page_indicators(struct web_req *r);
enum MHD_Result web_page_indicator(struct web_req *r);
enum MHD_Result web_page_targets(struct web_req *r);
enum MHD_Result web_page_projects(struct web_req *r);
enum MHD_Result web_page_previous(struct web_req *r);
enum MHD_Result web_page_reporting(struct web_req *r);
enum MHD_Result web_page_downloads(struct web_req *r);
enum MHD_Result web_get_report(struct web_req *r);
enum MHD_Result web_get_data(struct web_req *r);
enum MHD_Result web_get_asset(struct web_req *r);
enum MHD_Result web_page_login(struct web_req *r);
/* The sign-in page with status and the reason of a refusal (English
 * source; NULL: none), setting a new form token (WEB_LOGIN_COOKIE). */
enum MHD_Result web_login_page(struct web_req *r, unsigned status, const char *why);
enum MHD_Result web_page_me(struct web_req *r);
enum MHD_Result web_page_review(struct web_req *r);
enum MHD_Result web_page_audit(struct web_req *r);
enum MHD_Result web_get_review(struct web_req *r);
enum MHD_Result web_post_approve(struct web_req *r);
enum MHD_Result web_post_return(struct web_req *r);
enum MHD_Result web_get_audit(struct web_req *r);
enum MHD_Result web_get_due(struct web_req *r);
enum MHD_Result web_post_progress(struct web_req *r);
enum MHD_Result web_get_users(struct web_req *r);
enum MHD_Result web_post_user(struct web_req *r);
enum MHD_Result web_post_user_disable(struct web_req *r);
enum MHD_Result web_get_units(struct web_req *r);
enum MHD_Result web_post_unit(struct web_req *r);
enum MHD_Result web_post_assignment(struct web_req *r);
enum MHD_Result web_post_external(struct web_req *r);
/* limits.c: limits and deadlines set by the planning office */
enum MHD_Result web_post_limits(struct web_req *r);
enum MHD_Result web_post_deadline(struct web_req *r);
/* The planner's forms for them (on /admin). */
void web_limits_html(struct web_req *r, struct strbuf *o);
enum MHD_Result web_post_document(struct web_req *r);
enum MHD_Result web_get_documents(struct web_req *r);
enum MHD_Result web_get_document(struct web_req *r);
/* Links to the documents of an indicator's year (-1: every year), for the
 * signed-in pages. */
void web_documents_html(struct pw_store *s, int64_t indicator_id, int year, struct strbuf *o);
enum MHD_Result web_page_admin(struct web_req *r);
/* The progress section of an editor's page (the projects its unit leads,
 * each with its reports and a form) and of the review page (can: the
 * approve and return buttons).  0 or -1. */
int web_progress_due_html(struct web_req *r, struct strbuf *o);
int web_progress_review_html(struct web_req *r, struct strbuf *o, bool can);
/* Rows of a page of the review queues, and the links to the pages around
 * page (1-based) of total rows as /review?param=N. */
#define WEB_REVIEW_PAGE 50
void web_review_pager(struct strbuf *o, const char *param, size_t page, size_t total);
enum MHD_Result web_get_progress_review(struct web_req *r);
enum MHD_Result web_post_progress_approve(struct web_req *r);
enum MHD_Result web_post_progress_return(struct web_req *r);

#endif
