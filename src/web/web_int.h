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
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define WEB_COOKIE "pw_session"
#define WEB_CSRF_HEADER "X-CSRF-Token"

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

/* ---- responses (server.c) ---- */

/* Queues body (stolen; NULL for no body) as JSON with status. */
enum MHD_Result web_json(struct web_req *r, unsigned status, json_t *body);
/* Queues text (a JSON document of len bytes, stolen) with status. */
enum MHD_Result web_json_text(struct web_req *r, unsigned status, char *text, size_t len);
/* Queues {"error": msg} with status; msg is shown to users (Chinese). */
enum MHD_Result web_error(struct web_req *r, unsigned status, const char *msg);
/* 500 "服务器内部错误", noting pw_last_error() in the access log. */
enum MHD_Result web_internal(struct web_req *r);
/* The value of request header name, or NULL. */
const char *web_header(struct web_req *r, const char *name);
/* The value of query argument name, or NULL. */
const char *web_query(struct web_req *r, const char *name);
/* The body parsed as a JSON object, or NULL after queueing a 400 (which
 * *rc receives). */
json_t *web_body_object(struct web_req *r, enum MHD_Result *rc);

/* The process-wide write lock: every request that writes holds it
 * around its whole transaction, so writers never meet SQLITE_BUSY. */
void web_write_lock(void);
void web_write_unlock(void);

/* ---- the evaluation cache (cache.c) ---- */

/* A copy (caller frees) of the answer for (plan, year) if it was stored
 * with this change stamp, else NULL. */
char *web_cache_get(int plan_id, int year, int64_t stamp, size_t *len);
/* Stores text (copied) as the answer for (plan, year) at stamp. */
void web_cache_put(int plan_id, int year, int64_t stamp, const char *text, size_t len);
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

/* ---- the API (api.c) ---- */

enum MHD_Result web_get_plans(struct web_req *r);
enum MHD_Result web_get_plan(struct web_req *r);
enum MHD_Result web_get_plan_indicators(struct web_req *r);
enum MHD_Result web_get_indicator(struct web_req *r);
enum MHD_Result web_post_observation(struct web_req *r);

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

#endif
