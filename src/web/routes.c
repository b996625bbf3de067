/*
 * routes.c - the route table of the server and its dispatcher.  A route
 * is a method, a path pattern, a handler and what the caller must be:
 * anyone, or signed in with one of some roles.  The dispatcher checks,
 * in this order, so that every handler can rely on it:
 *   no route for the path          404
 *   the path exists, not the method 405 (with Allow)
 *   signed in needed, no session    401
 *   not GET and no or a wrong CSRF token  403
 *   a role the route does not allow 403
 * Finer checks (the unit an editor may write for) are the handler's.
 * Adding a route: a row here, its handler in api.c (or a new file), a
 * section in docs/api.md, a case in tests/e2e/api_test.py.
 */
#include "util/error.h"
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>
#include "util/nelem.h"

static const struct web_route routes[] = {
	{ "GET", "/api/plans", web_get_plans, WEB_PUBLIC, 0 },
	{ "GET", "/api/plans/{id}", web_get_plan, WEB_PUBLIC, 0 },
	{ "GET", "/api/plans/{id}/indicators", web_get_plan_indicators, WEB_PUBLIC, 0 },
	{ "GET", "/api/indicators/{id}", web_get_indicator, WEB_PUBLIC, 0 },
	{ "POST", "/api/session", web_session_create, WEB_PUBLIC, 0 },
	{ "GET", "/api/session", web_session_get, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "DELETE", "/api/session", web_session_delete, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "POST", "/api/observations", web_post_observation, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER | WEB_EDITOR },
	{ "GET", "/api/review", web_get_review, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "POST", "/api/observations/{id}/approve", web_post_approve, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER },
	{ "POST", "/api/observations/{id}/return", web_post_return, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER },
	{ "GET", "/api/audit", web_get_audit, WEB_SIGNED_IN, WEB_ADMIN | WEB_PLANNER | WEB_VIEWER },
	{ "GET", "/api/due", web_get_due, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "POST", "/api/progress", web_post_progress, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER | WEB_EDITOR },
	{ "GET", "/api/progress/review", web_get_progress_review, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "POST", "/api/progress/{id}/approve", web_post_progress_approve, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER },
	{ "POST", "/api/progress/{id}/return", web_post_progress_return, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER },
	{ "GET", "/api/users", web_get_users, WEB_SIGNED_IN, WEB_ADMIN },
	{ "POST", "/api/users", web_post_user, WEB_SIGNED_IN, WEB_ADMIN },
	{ "POST", "/api/users/disable", web_post_user_disable, WEB_SIGNED_IN, WEB_ADMIN },
	{ "GET", "/api/units", web_get_units, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "POST", "/api/units", web_post_unit, WEB_SIGNED_IN, WEB_ADMIN },
	{ "POST", "/api/assignments", web_post_assignment, WEB_SIGNED_IN, WEB_ADMIN | WEB_PLANNER },
	{ "POST", "/api/external-targets", web_post_external, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER },
	{ "POST", "/api/limits", web_post_limits, WEB_SIGNED_IN, WEB_ADMIN | WEB_PLANNER },
	{ "POST", "/api/deadlines", web_post_deadline, WEB_SIGNED_IN, WEB_ADMIN | WEB_PLANNER },
	{ "POST", "/api/indicators/{id}/documents", web_post_document, WEB_SIGNED_IN,
	  WEB_ADMIN | WEB_PLANNER | WEB_EDITOR },
	{ "GET", "/api/indicators/{id}/documents", web_get_documents, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "GET", "/documents/{id}/{name}", web_get_document, WEB_SIGNED_IN, WEB_ANY_ROLE },
	{ "GET", "/admin", web_page_admin, WEB_PUBLIC, 0 },
	/* the site (pages_http.c) */
	{ "GET", "/", web_page_home, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}", web_page_plan, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}/indicators", web_page_indicators, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}/targets", web_page_targets, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}/projects", web_page_projects, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}/previous", web_page_previous, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}/reporting", web_page_reporting, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}/downloads", web_page_downloads, WEB_PUBLIC, 0 },
	{ "GET", "/plans/{id}/reports/{id}/{name}", web_get_report, WEB_PUBLIC, 0 },
	{ "GET", "/data/plans/{id}/{name}", web_get_data, WEB_PUBLIC, 0 },
	{ "GET", "/indicators/{id}", web_page_indicator, WEB_PUBLIC, 0 },
	{ "GET", "/static/{name}", web_get_asset, WEB_PUBLIC, 0 },
	{ "GET", "/login", web_page_login, WEB_PUBLIC, 0 },
	/* checks its own CSRF token: there is no session yet (session.c) */
	{ "POST", "/login", web_login_post, WEB_PUBLIC, 0 },
	{ "GET", "/me", web_page_me, WEB_PUBLIC, 0 },
	{ "GET", "/review", web_page_review, WEB_PUBLIC, 0 },
	{ "GET", "/audit", web_page_audit, WEB_PUBLIC, 0 },
};

#define NROUTES NELEM(routes)

unsigned web_role_bit(const char *role)
{
	static const char *const names[] = { "admin", "planner", "editor", "viewer" };
	unsigned i;

	for (i = 0; role && i < NELEM(names); i++)
		if (!strcmp(role, names[i]))
			return 1u << i;
	return 0;
}

const char *web_role_label(const char *role)
{
	static const char *const labels[] = { "管理员", "规划部门", "填报员", "审计（只读）" };
	unsigned bit = web_role_bit(role), i;

	for (i = 0; i < NELEM(labels); i++)
		if (bit == 1u << i)
			return labels[i];
	return role;
}

/* A path segment as a positive id (digits only, no overflow), or 0. */
static int64_t segment_id(const char *s, size_t n)
{
	int64_t v = 0;
	size_t i;

	if (!n || n > 15 || s[0] == '0')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Whether a segment is a file name {name} may be: [A-Za-z0-9_-] and
 * dots, not starting with a dot, shorter than 96. */
static bool segment_name(const char *s, size_t n, char name[96])
{
	size_t i;

	if (!n || n >= 96 || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return false;
	memcpy(name, s, n);
	name[n] = '\0';
	return true;
}

/* Whether path matches pattern, segment by segment; {id} segments go to
 * params, a {name} segment to name.  A trailing slash is not the same path. */
static bool match(const char *pattern, const char *path, int64_t params[WEB_MAX_PARAMS],
		  char name[96])
{
	size_t np = 0;

	while (*pattern && *path) {
		const char *pe = strchr(pattern, '/'), *se = strchr(path, '/');
		size_t pl = pe ? (size_t)(pe - pattern) : strlen(pattern);
		size_t sl = se ? (size_t)(se - path) : strlen(path);

		if (pl == 4 && !strncmp(pattern, "{id}", 4)) {
			if (np == WEB_MAX_PARAMS || !(params[np++] = segment_id(path, sl)))
				return false;
		} else if (pl == 6 && !strncmp(pattern, "{name}", 6)) {
			if (!segment_name(path, sl, name))
				return false;
		} else if (pl != sl || strncmp(pattern, path, pl)) {
			return false;
		}
		pattern += pl;
		path += sl;
		if ((*pattern == '/') != (*path == '/'))
			return false;
		if (*pattern == '/') {
			pattern++;
			path++;
		}
	}
	return !*pattern && !*path;
}

static enum MHD_Result not_allowed(struct web_req *r)
{
	struct strbuf allow = STRBUF_INIT;
	int64_t params[WEB_MAX_PARAMS];
	char name[96];
	size_t i;

	for (i = 0; i < NROUTES; i++)
		if (match(routes[i].pattern, r->path, params, name)) {
			if (allow.len)
				sb_addstr(&allow, ", ");
			sb_addstr(&allow, routes[i].method);
		}
	if (!allow.len) {
		sb_release(&allow);
		return web_error(r, 404, "no such resource");
	}
	r->allow = sb_detach(&allow, NULL);
	return web_error(r, 405, "this method is not allowed here");
}

static bool is_read(const char *method)
{
	return !strcmp(method, "GET") || !strcmp(method, "HEAD");
}

/* The checks of the table's auth column; a queued refusal or MHD_YES
 * with *pass set. */
static enum MHD_Result check_auth(struct web_req *r, const struct web_route *rt, bool *pass)
{
	*pass = false;
	if (rt->auth == WEB_PUBLIC) {
		*pass = true;
		return MHD_YES;
	}
	if (web_session_load(r) < 0)
		return web_internal(r);
	if (!r->signed_in)
		return web_error(r, 401, "sign in first");
	if (!is_read(r->method) && !web_csrf_ok(r))
		return web_error(r, 403, "missing or wrong CSRF token");
	if (!(web_role_bit(r->session.user.role) & rt->roles))
		return web_error(r, 403, "this account may not do this");
	*pass = true;
	return MHD_YES;
}

enum MHD_Result web_dispatch(struct web_req *r)
{
	size_t i;

	for (i = 0; i < NROUTES; i++) {
		const struct web_route *rt = &routes[i];
		enum MHD_Result rc;
		bool pass;

		if (strcmp(rt->method, r->method) || !match(rt->pattern, r->path, r->params, r->name))
			continue;
		rc = check_auth(r, rt, &pass);
		return pass ? rt->fn(r) : rc;
	}
	return not_allowed(r);
}
