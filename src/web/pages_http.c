/*
 * pages_http.c - the site's pages over HTTP: the public pages of pages.c
 * (read from the database, or from the demonstration database while the
 * database holds no approved value, with the 演示数据 banner), reports
 * and open data to download, the static assets, and the signed-in pages
 * (sign-in, an editor's due list and entry forms, the planner's review
 * queue, the audit trail) with the API routes they call.  The signed-in
 * pages are written here; their forms are sent by site.js to the JSON
 * API with the session's CSRF token (docs/api.md).
 */
#include "store/monitor.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/nelem.h"
#include "web/auth.h"
#include "web/web_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *req_query(void *cls, const char *name)
{
	return web_query(cls, name);
}

/* Starts a page for r: the store the public pages read, the banner, the
 * signed-in user.  -1 when no database can be opened. */
static int page_start(struct web_req *r, struct web_page *p, bool public)
{
	memset(p, 0, sizeof(*p));
	sb_init(&p->out, 16384);
	p->query = req_query;
	p->query_cls = r;
	if (web_session_load(r) < 0)
		return -1;
	if (r->signed_in) {
		p->user = &r->session.user;
		p->csrf = r->session.csrf;
	}
	p->store = public ? web_public_store(r, &p->demo) : r->store;
	return p->store ? 0 : -1;
}

static enum MHD_Result html_error(struct web_req *r, struct web_page *p, unsigned status,
				  const char *msg)
{
	sb_reset(&p->out);
	page_open(p, status == 404 ? "页面不存在" : "出错了", 0);
	sb_addstr(&p->out, "<p>");
	h_esc(&p->out, _(msg));
	sb_addstr(&p->out, "</p>");
	page_close(p);
	size_t len;
	char *text = sb_detach(&p->out, &len);

	return web_send(r, status, "text/html; charset=utf-8", text, len);
}

/* Sends the page rendered with rc (a renderer's code). */
static enum MHD_Result finish(struct web_req *r, struct web_page *p, int rc)
{
	size_t len;
	char *text;

	if (rc == PW_STORE_NOTFOUND)
		return html_error(r, p, 404, "no such page");
	if (rc < 0) {
		r->log_note = pw_last_error();
		return html_error(r, p, 500, "internal server error; try again later");
	}
	text = sb_detach(&p->out, &len);
	return web_send(r, 200, "text/html; charset=utf-8", text, len);
}

static int plan_param(struct web_req *r)
{
	return r->params[0] > 0x3fffffff ? 0x3fffffff : (int)r->params[0];
}

typedef int page_renderer(struct web_page *p, int64_t id);

/* The cache key of a public page: which database, the path and the
 * query arguments the pages read; false when it cannot be cached (a
 * signed-in user's page carries its name and token). */
static bool page_key(struct web_req *r, const struct web_page *p, struct strbuf *key)
{
	static const char *const args[] = { "status", "attribute", "category", "unit", "sort" };
	size_t i;

	if (p->user)
		return false;
	sb_addf(key, "page:%d:%s", p->demo, r->path);
	for (i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		const char *v = web_query(r, args[i]);

		if (v)
			sb_addf(key, "&%s=%s", args[i], v);
	}
	return true;
}

/* A public page: from the cache while the database's change stamp is
 * the one it was rendered at, else rendered (and kept). */
static enum MHD_Result public_page(struct web_req *r, page_renderer *fn, int64_t id)
{
	struct strbuf key = STRBUF_INIT;
	struct web_page p;
	int64_t stamp = 0;
	bool cacheable;
	int rc = page_start(r, &p, true);

	r->shared = true; /* the same bytes for everyone not signed in: ETag, gzip kept */
	if (rc < 0)
		return finish(r, &p, rc);
	cacheable = page_key(r, &p, &key) && web_change_stamp(p.store, &stamp) == 0;
	if (cacheable && web_cache_get_key(r, key.buf, stamp)) {
		sb_release(&key);
		sb_release(&p.out);
		return web_send(r, 200, "text/html; charset=utf-8", NULL, 0); /* r->cached */
	}
	rc = fn(&p, id);
	if (rc == 0 && cacheable)
		web_cache_put_key(key.buf, stamp, p.out.buf, p.out.len, r->etag);
	sb_release(&key);
	return finish(r, &p, rc);
}

#define PLAN_PAGE(handler, renderer)                                     \
	static int renderer##_id(struct web_page *p, int64_t id)         \
	{                                                                \
		return renderer(p, id > 0x3fffffff ? 0x3fffffff : (int)id); \
	}                                                                \
	enum MHD_Result handler(struct web_req *r)                       \
	{                                                                \
		return public_page(r, renderer##_id, r->params[0]);      \
	}

PLAN_PAGE(web_page_plan, page_plan)
PLAN_PAGE(web_page_indicators, page_indicators)
PLAN_PAGE(web_page_targets, page_targets)
PLAN_PAGE(web_page_projects, page_projects)
PLAN_PAGE(web_page_previous, page_previous)
PLAN_PAGE(web_page_reporting, page_reporting)
PLAN_PAGE(web_page_downloads, page_downloads)

static int home_id(struct web_page *p, int64_t id)
{
	(void)id;
	return page_home(p);
}

enum MHD_Result web_page_home(struct web_req *r)
{
	return public_page(r, home_id, 0);
}

enum MHD_Result web_page_indicator(struct web_req *r)
{
	return public_page(r, page_indicator, r->params[0]);
}

/* "annual.docx" -> kind, format (in buffers of 16). */
static bool split_name(const char *name, char kind[16], char format[16])
{
	const char *dot = strrchr(name, '.');

	if (!dot || dot == name || (size_t)(dot - name) >= 16 || strlen(dot + 1) >= 16)
		return false;
	snprintf(kind, 16, "%.*s", (int)(dot - name), name);
	snprintf(format, 16, "%s", dot + 1);
	return true;
}

static enum MHD_Result send_download(struct web_req *r, int rc, char *data, size_t len,
				     const char *ctype, const char *filename)
{
	char disp[160];

	if (rc < 0)
		return web_fail(r, rc, "no such file");
	snprintf(disp, sizeof(disp), "%s; filename=\"%s\"",
		 "attachment", filename);
	r->disposition = xstrdup(disp);
	r->shared = true;
	return web_send(r, 200, ctype, data, len);
}

enum MHD_Result web_get_report(struct web_req *r)
{
	static const char *const types[][2] = {
		{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ "html", "text/html; charset=utf-8" },
	};
	char kind[16], format[16];
	const char *ctype = NULL;
	struct pw_store *s;
	char *data = NULL;
	size_t len = 0, i;
	bool demo;
	int rc;

	if (!split_name(r->name, kind, format))
		return web_error(r, 404, "no such file");
	for (i = 0; i < 3; i++)
		if (!strcmp(format, types[i][0]))
			ctype = types[i][1];
	if (!ctype || r->params[1] < 1900 || r->params[1] > 2200)
		return web_error(r, 404, "no such file");
	if (!(s = web_public_store(r, &demo)))
		return web_internal(r);
	rc = web_lib_report(s, plan_param(r), (int)r->params[1], kind, format, &data, &len);
	return send_download(r, rc, data, len, ctype, r->name);
}

enum MHD_Result web_get_data(struct web_req *r)
{
	char table[16], format[16];
	const char *ctype = "";
	struct pw_store *s;
	char *data = NULL;
	size_t len = 0;
	bool demo;
	int rc;

	if (!split_name(r->name, table, format))
		return web_error(r, 404, "no such file");
	if (!(s = web_public_store(r, &demo)))
		return web_internal(r);
	rc = web_open_data(s, plan_param(r), table, format, &data, &len, &ctype);
	return send_download(r, rc, data, len, ctype, r->name);
}

enum MHD_Result web_get_asset(struct web_req *r)
{
	const char *ctype;
	const struct web_asset_body *b = web_asset_body(r->name, &ctype);

	if (!b)
		return web_error(r, 404, "no such file");
	r->shared = true;
	r->max_age = 3600;
	r->asset = b; /* served from its own memory, no copy */
	return web_send(r, 200, ctype, NULL, b->len);
}

/* ---- signed-in pages ---- */

static enum MHD_Result redirect_login(struct web_req *r)
{
	r->location = "/login";
	return web_send(r, 303, "text/html; charset=utf-8", xstrdup(""), 0);
}

enum MHD_Result web_login_page(struct web_req *r, unsigned status, const char *why)
{
	char token[PW_AUTH_TOKEN_HEX], cookie[160];
	struct web_page p;
	size_t len;
	char *text;

	if (page_start(r, &p, false) < 0)
		return finish(r, &p, -1);
	/* the form's CSRF token, also in a cookie only this site sends (session.c) */
	pw_auth_token(token);
	snprintf(cookie, sizeof(cookie), WEB_LOGIN_COOKIE "=%s; Path=/login; HttpOnly; "
		 "SameSite=Strict; Max-Age=3600%s", token, r->opts->secure_cookie ? "; Secure" : "");
	free(r->set_cookie);
	r->set_cookie = xstrdup(cookie);
	page_open(&p, "登录", 0);
	sb_addstr(&p.out, "<form id=\"login\" class=\"form\" method=\"post\" action=\"/login\">"
			  "<input type=\"hidden\" name=\"csrf\" value=\"");
	sb_addstr(&p.out, token);
	sb_addstr(&p.out, "\"><p><label for=\"username\">用户名</label><input id=\"username\" "
			  "name=\"username\" autocomplete=\"username\" required></p><p><label "
			  "for=\"password\">密码</label><input id=\"password\" name=\"password\" "
			  "type=\"password\" autocomplete=\"current-password\" required></p>"
			  "<p class=\"field-error\" id=\"login-error\" role=\"alert\">");
	if (why)
		h_esc(&p.out, _(why));
	sb_addstr(&p.out, "</p><p><button type=\"submit\">登录</button></p></form>\n"
			  "<p>账号由管理员用 <code>planwatch user add</code> 创建。</p>");
	page_close(&p);
	text = sb_detach(&p.out, &len);
	return web_send(r, status, "text/html; charset=utf-8", text, len);
}

enum MHD_Result web_page_login(struct web_req *r)
{
	return web_login_page(r, 200, NULL);
}

/* The years an indicator's values are owed for: period start .. last year. */
static void due_years(json_t *ind, int *from, int *to)
{
	json_t *per = json_object_get(ind, "period");
	time_t now = time(NULL);
	struct tm tm;
	int last;

	gmtime_r(&now, &tm);
	last = tm.tm_year + 1900 - 1;
	*from = (int)json_integer_value(json_object_get(per, "start"));
	*to = (int)json_integer_value(json_object_get(per, "end"));
	if (*to > last)
		*to = last;
}

/* The current head of year y among an indicator's observations, or NULL. */
static json_t *head_of(json_t *ind, int y)
{
	json_t *o;
	size_t i;

	json_array_foreach(json_object_get(ind, "observations"), i, o)
		if (json_integer_value(json_object_get(o, "year")) == y &&
		    json_is_true(json_object_get(o, "current")))
			return o;
	return NULL;
}

static const char *state_label(const char *st)
{
	return !st ? "未报送" : !strcmp(st, "approved") ? "已审核（锁定）"
		: !strcmp(st, "submitted") ? "已提交，待审核" : !strcmp(st, "returned") ? "已退回"
		: "草稿";
}

static void field(struct strbuf *o, long long id, const char *name, const char *label,
		  const char *type, const char *value)
{
	sb_addf(o, "<p><label for=\"f%lld-%s\">", id, name);
	h_esc(o, label);
	sb_addf(o, "</label><input id=\"f%lld-%s\" name=\"%s\" type=\"%s\" value=\"", id, name, name,
		type);
	h_esc(o, value);
	sb_addf(o, "\" aria-describedby=\"e%lld-%s\"><span class=\"field-error\" id=\"e%lld-%s\" "
		   "role=\"alert\"></span></p>", id, name, id, name);
}

/* The limits the planning office set for an indicator's values (its
 * "limits" of GET /api/indicators/{id}), as a line; nothing without. */
static void limits_line(struct strbuf *o, json_t *limits)
{
	const char *note = json_string_value(json_object_get(limits, "note"));

	if (!json_is_object(limits))
		return;
	sb_addstr(o, "<p class=\"limits\">合理范围（规划部门设定）：");
	h_esc(o, json_string_value(json_object_get(limits, "text")));
	if (note) {
		sb_addstr(o, "（");
		h_esc(o, note);
		sb_addstr(o, "）");
	}
	sb_addstr(o, "；超出范围的数值不予接受。</p>");
}

/* One indicator of the due list: its years with state and deadline, and
 * the entry form. */
static void due_indicator(struct web_page *p, json_t *ind, const char *unit)
{
	struct strbuf *o = &p->out;
	long long id = (long long)json_integer_value(json_object_get(ind, "id"));
	char due[PW_DUE_SIZE];
	int from, to, y;
	json_t *h;

	due_years(ind, &from, &to);
	sb_addf(o, "<section class=\"due\" id=\"ind-%lld\"><h2>", id);
	h_esc(o, json_string_value(json_object_get(ind, "name")));
	sb_addstr(o, "（");
	h_esc(o, json_string_value(json_object_get(ind, "unit")));
	sb_addstr(o, "）</h2>");
	limits_line(o, json_object_get(ind, "limits"));
	sb_addstr(o, "<table class=\"data\"><thead><tr><th scope=\"col\">年份</th>"
		     "<th scope=\"col\">截止日期</th><th scope=\"col\">数值</th><th scope=\"col\">状态</th>"
		     "<th scope=\"col\">审核意见、材料</th></tr></thead><tbody>");
	for (y = from; y <= to; y++) {
		h = head_of(ind, y);
		web_lib_deadline(p->store, (int)json_integer_value(json_object_get(ind, "plan")), y,
				 unit, due, NULL);
		sb_addf(o, "<tr><th scope=\"row\">%d</th><td>%s</td><td class=\"num\">", y, due);
		if (h && json_is_number(json_object_get(h, "value")))
			h_num(o, json_number_value(json_object_get(h, "value")));
		else
			sb_addstr(o, "—");
		sb_addstr(o, "</td><td>");
		h_esc(o, state_label(h ? json_string_value(json_object_get(h, "state")) : NULL));
		if ((!h || !strcmp(json_string_value(json_object_get(h, "state")), "returned")) &&
		    web_overdue(due))
			sb_addstr(o, " <strong class=\"rs-late\">逾期</strong>");
		sb_addstr(o, "</td><td>");
		h_esc(o, h ? json_string_value(json_object_get(h, "review_note")) : NULL);
		web_documents_html(p->store, id, y, o);
		sb_addstr(o, "</td></tr>");
	}
	sb_addf(o, "</tbody></table><form class=\"entry form\" data-indicator=\"%lld\" novalidate>", id);
	field(o, id, "year", "年份", "number", "");
	field(o, id, "value", "数值", "text", "");
	field(o, id, "unit", "单位", "text", json_string_value(json_object_get(ind, "unit")));
	sb_addf(o, "<p><label><input type=\"checkbox\" name=\"estimated\" id=\"f%lld-estimated\"> "
		   "预计数</label></p>", id);
	field(o, id, "source", "来源", "text", "");
	field(o, id, "note", "备注", "text", "");
	sb_addf(o, "<p><label for=\"f%lld-document\">证明材料</label><input id=\"f%lld-document\" "
		   "name=\"document\" type=\"file\" accept=\".pdf,.png,.jpg,.jpeg,.xlsx\" "
		   "aria-describedby=\"e%lld-document\"><span class=\"field-error\" id=\"e%lld-document\" "
		   "role=\"alert\"></span> （PDF、图片或 xlsx，不超过 1 MB）</p>", id, id, id, id);
	sb_addf(o, "<p class=\"field-error\" id=\"e%lld-form\" role=\"alert\"></p><p class=\"ok\" "
		   "id=\"m%lld\" role=\"status\"></p><p><button type=\"submit\">提交审核</button></p>"
		   "</form></section>\n", id, id);
}

enum MHD_Result web_page_me(struct web_req *r)
{
	struct web_page p;
	json_t *due = NULL, *ind;
	size_t i;
	int rc;

	if (page_start(r, &p, false) < 0)
		return finish(r, &p, -1);
	if (!r->signed_in) {
		sb_release(&p.out);
		return redirect_login(r);
	}
	page_open(&p, "我的填报", 0);
	sb_addstr(&p.out, "<p>");
	h_esc(&p.out, r->session.user.name);
	sb_addstr(&p.out, "（");
	h_esc(&p.out, web_role_label(r->session.user.role));
	if (r->session.user.unit) {
		sb_addstr(&p.out, "，");
		h_esc(&p.out, r->session.user.unit);
	}
	sb_addstr(&p.out, "） <button type=\"button\" id=\"logout\">退出登录</button></p>\n");
	if (!r->session.user.unit) {
		sb_addstr(&p.out, "<p>本账号没有所属单位，无需填报。</p>");
		page_close(&p);
		return finish(r, &p, 0);
	}
	rc = web_lib_unit_due(r->store, r->session.user.unit, &due);
	if (rc == 0) {
		sb_addf(&p.out, "<p>本单位负责 %zu 项指标。各年数据的截止日期见下表（规划部门未设定的，"
			"为次年3月31日）。</p>", json_array_size(due));
		json_array_foreach(due, i, ind)
			due_indicator(&p, ind, r->session.user.unit);
		json_decref(due);
		rc = web_progress_due_html(r, &p.out);
	}
	page_close(&p);
	return finish(r, &p, rc == PW_STORE_NOTFOUND ? 0 : rc);
}

static bool has_role(struct web_req *r, unsigned roles)
{
	return r->signed_in && (web_role_bit(r->session.user.role) & roles);
}

#define REVIEW_PAGE WEB_REVIEW_PAGE /* rows of the review page */
#define REVIEW_API_MAX 500 /* rows of GET /api/review at most */

/* Query argument name as a count (digits), dflt when absent or not one,
 * at most max. */
static size_t query_count(struct web_req *r, const char *name, size_t dflt, size_t max)
{
	const char *v = web_query(r, name);
	char *end;
	unsigned long long n;

	if (!v || !*v || *v == '-')
		return dflt;
	n = strtoull(v, &end, 10);
	if (*end)
		return dflt;
	return n > max ? max : (size_t)n;
}

void web_review_pager(struct strbuf *o, const char *param, size_t page, size_t total)
{
	size_t pages = total ? (total + REVIEW_PAGE - 1) / REVIEW_PAGE : 1;

	sb_addf(o, "<nav class=\"pager\" aria-label=\"分页\"><p>共 %zu 条，第 %zu 页，共 %zu 页",
		total, page, pages);
	if (page > 1)
		sb_addf(o, " <a href=\"/review?%s=%zu\">上一页</a>", param, page - 1);
	if (page < pages)
		sb_addf(o, " <a href=\"/review?%s=%zu\">下一页</a>", param, page + 1);
	sb_addstr(o, "</p></nav>\n");
}

enum MHD_Result web_page_review(struct web_req *r)
{
	struct web_page p;
	json_t *q = NULL, *o;
	size_t i, total, page = query_count(r, "page", 1, 1000000);
	bool can;
	int rc;

	if (page_start(r, &p, false) < 0)
		return finish(r, &p, -1);
	can = has_role(r, WEB_ADMIN | WEB_PLANNER);
	if (!r->signed_in) {
		sb_release(&p.out);
		return redirect_login(r);
	}
	page_open(&p, "审核", 0);
	if (page < 1)
		page = 1;
	if ((rc = web_lib_review_queue(r->store, NULL, (page - 1) * REVIEW_PAGE, REVIEW_PAGE, &q,
				       &total)) < 0)
		return finish(r, &p, rc);
	sb_addstr(&p.out, "<h2>指标数据</h2><table class=\"data\" id=\"review\"><thead><tr><th scope=\"col\">指标</th>"
			  "<th scope=\"col\">年份</th><th scope=\"col\">数值</th><th scope=\"col\">单位</th>"
			  "<th scope=\"col\">填报单位</th><th scope=\"col\">录入</th><th scope=\"col\">备注</th>"
			  "<th scope=\"col\">状态</th><th scope=\"col\">操作</th></tr></thead><tbody>\n");
	json_array_foreach(q, i, o) {
		long long id = (long long)json_integer_value(json_object_get(o, "id"));
		const char *st = json_string_value(json_object_get(o, "state"));

		sb_addf(&p.out, "<tr data-obs=\"%lld\"><td>", id);
		h_esc(&p.out, json_string_value(json_object_get(o, "name")));
		sb_addf(&p.out, "</td><td>%lld</td><td class=\"num\">",
			(long long)json_integer_value(json_object_get(o, "year")));
		h_num(&p.out, json_number_value(json_object_get(o, "value")));
		sb_addstr(&p.out, "</td><td>");
		h_esc(&p.out, json_string_value(json_object_get(o, "unit")));
		sb_addstr(&p.out, "</td><td>");
		h_esc(&p.out, json_string_value(json_object_get(o, "lead_unit")));
		sb_addstr(&p.out, "</td><td>");
		h_esc(&p.out, json_string_value(json_object_get(o, "entered_by")));
		sb_addstr(&p.out, "</td><td>");
		h_esc(&p.out, json_string_value(json_object_get(o, "note")));
		web_documents_html(r->store, json_integer_value(json_object_get(o, "indicator_id")),
				   (int)json_integer_value(json_object_get(o, "year")), &p.out);
		sb_addstr(&p.out, "</td><td>");
		h_esc(&p.out, state_label(st));
		sb_addstr(&p.out, "</td><td>");
		if (can && st && !strcmp(st, "submitted"))
			sb_addf(&p.out, "<form class=\"review\" data-obs=\"%lld\"><button type=\"submit\" "
				"name=\"approve\" value=\"1\">通过</button> <label for=\"c%lld\">退回意见"
				"</label><input id=\"c%lld\" name=\"comment\"> <button type=\"submit\" "
				"name=\"return\" value=\"1\">退回</button><span class=\"field-error\" "
				"role=\"alert\"></span></form>", id, id, id);
		sb_addstr(&p.out, "</td></tr>\n");
	}
	if (!json_array_size(q))
		sb_addstr(&p.out, "<tr><td colspan=\"9\">没有待审核的数据。</td></tr>");
	sb_addstr(&p.out, "</tbody></table>\n");
	web_review_pager(&p.out, "page", page, total);
	json_decref(q);
	rc = web_progress_review_html(r, &p.out, can);
	page_close(&p);
	return finish(r, &p, rc);
}

/* The audit rows r asks for: ?indicator=ID (one value's history) and
 * ?unit=NAME (the indicators a unit leads now).  0 or -1. */
static int audit_rows(struct web_req *r, json_t **rows)
{
	const char *ind = web_query(r, "indicator"), *unit = web_query(r, "unit");
	long long id = ind ? strtoll(ind, NULL, 10) : 0;
	json_t *all, *row;
	size_t i;

	if (web_lib_audit(r->store, id > 0 ? id : 0, &all) < 0)
		return -1;
	if (!unit || !*unit) {
		*rows = all;
		return 0;
	}
	*rows = json_array();
	json_array_foreach(all, i, row) {
		char *lead = NULL;
		json_t *ref = json_array_get(row, 8);

		if (json_is_integer(ref) &&
		    web_lib_lead_unit(r->store, json_integer_value(ref), &lead) == 0 && lead &&
		    !strcmp(lead, unit))
			json_array_append(*rows, row);
		free(lead);
	}
	json_decref(all);
	return 0;
}

static void audit_filter(struct web_req *r, struct strbuf *o)
{
	const char *ind = web_query(r, "indicator"), *unit = web_query(r, "unit");

	sb_addstr(o, "<form class=\"filters\" method=\"get\" action=\"/audit\"><label>指标编号 "
		     "<input name=\"indicator\" inputmode=\"numeric\" value=\"");
	h_esc(o, ind);
	sb_addstr(o, "\"></label><label>责任单位 <input name=\"unit\" value=\"");
	h_esc(o, unit);
	sb_addstr(o, "\"></label><button type=\"submit\">筛选</button></form>\n");
}

/* Cell c of an audit row (web_lib_audit) as the page shows it: the
 * action and the state in words, the rest as they are. */
static void audit_cell(struct strbuf *o, size_t c, json_t *v)
{
	static const char *const actions[][2] = {
		{ "observation.record", "录入" }, { "observation.submit", "提交" },
		{ "observation.approve", "审核通过" }, { "observation.return", "退回" },
		{ "observation.correct", "更正" }, { "observation.import", "导入" },
		{ "observation.bulk_load", "批量导入" },
	};
	const char *s = json_string_value(v);
	size_t i;

	if (c == 2 && s)
		for (i = 0; i < NELEM(actions); i++)
			if (!strcmp(s, actions[i][0]))
				s = actions[i][1];
	if (c == 9 && json_is_integer(v)) /* enum pw_obs_state */
		s = state_label(pw_obs_state_name((enum pw_obs_state)json_integer_value(v)));
	if (s)
		h_esc(o, s);
	else if (json_is_number(v))
		h_num(o, json_number_value(v));
}

enum MHD_Result web_page_audit(struct web_req *r)
{
	static const char *const heads[] = { "时间", "操作人", "操作", "原值", "新值", "备注",
					     "审核意见", "年份", "指标编号", "状态" };
	struct web_page p;
	json_t *rows = NULL, *row, *v;
	size_t i, c;
	int rc;

	if (page_start(r, &p, false) < 0)
		return finish(r, &p, -1);
	if (!r->signed_in) {
		sb_release(&p.out);
		return redirect_login(r);
	}
	if (!has_role(r, WEB_ADMIN | WEB_PLANNER | WEB_VIEWER)) {
		page_open(&p, "审计记录", 0);
		return html_error(r, &p, 403, "this account may not read the audit trail");
	}
	if ((rc = audit_rows(r, &rows)) < 0)
		return finish(r, &p, rc);
	page_open(&p, "审计记录", 0);
	sb_addstr(&p.out, "<p>监测数据的每一次录入、提交、审核和退回（最近500条），只读：谁、何时、"
			  "原值 → 新值、备注和审核意见。</p>");
	audit_filter(r, &p.out);
	sb_addstr(&p.out, "<div class=\"scroll\"><table class=\"data\"><thead><tr>");
	for (c = 0; c < 10; c++) {
		sb_addstr(&p.out, "<th scope=\"col\">");
		h_esc(&p.out, heads[c]);
		sb_addstr(&p.out, "</th>");
	}
	sb_addstr(&p.out, "</tr></thead><tbody>\n");
	json_array_foreach(rows, i, row) {
		sb_addstr(&p.out, "<tr>");
		json_array_foreach(row, c, v) {
			sb_addstr(&p.out, "<td>");
			audit_cell(&p.out, c, v);
			sb_addstr(&p.out, "</td>");
		}
		sb_addstr(&p.out, "</tr>\n");
	}
	sb_addstr(&p.out, "</tbody></table></div>\n");
	json_decref(rows);
	page_close(&p);
	return finish(r, &p, 0);
}

/* ---- the API routes of the signed-in pages ---- */

enum MHD_Result web_get_review(struct web_req *r)
{
	json_t *q = NULL;
	const char *unit = web_role_bit(r->session.user.role) == WEB_EDITOR
		? r->session.user.unit : NULL;
	size_t total;

	if (web_lib_review_queue(r->store, unit ? unit : NULL, query_count(r, "offset", 0, SIZE_MAX),
				 query_count(r, "limit", REVIEW_API_MAX, REVIEW_API_MAX), &q, &total) < 0)
		return web_internal(r);
	return web_json(r, 200, q);
}

static enum MHD_Result review(struct web_req *r, bool approve)
{
	enum MHD_Result mrc;
	json_t *req = approve ? NULL : web_body_object(r, &mrc), *head = NULL;
	const char *comment = req ? json_string_value(json_object_get(req, "comment")) : NULL;
	int rc;

	if (!approve && !req)
		return mrc;
	if (!approve && (!comment || !*comment)) {
		json_decref(req);
		return web_error(r, 400, "a return needs a comment");
	}
	rc = web_lib_obs_head(r->store, r->params[0], &head);
	if (rc == 0 && strcmp(json_string_value(json_object_get(head, "state")), "submitted"))
		rc = 1;
	if (rc == 0)
		rc = web_lib_review(r->store, r->params[0], approve, comment, r->session.user.name);
	json_decref(head);
	json_decref(req);
	if (rc == PW_STORE_NOTFOUND)
		return web_error(r, 404, "no such value awaiting review (it may have been corrected)");
	if (rc == 1)
		return web_error(r, 409, "this value is not awaiting review");
	if (rc < 0)
		return web_internal(r);
	return web_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)r->params[0], "state",
					  approve ? "approved" : "returned"));
}

enum MHD_Result web_post_approve(struct web_req *r)
{
	return review(r, true);
}

enum MHD_Result web_post_return(struct web_req *r)
{
	return review(r, false);
}

enum MHD_Result web_get_audit(struct web_req *r)
{
	json_t *rows = NULL;

	if (audit_rows(r, &rows) < 0)
		return web_internal(r);
	return web_json(r, 200, rows);
}

enum MHD_Result web_get_due(struct web_req *r)
{
	json_t *due = NULL;
	int rc;

	if (!r->session.user.unit)
		return web_json(r, 200, json_array());
	rc = web_lib_unit_due(r->store, r->session.user.unit, &due);
	if (rc == PW_STORE_NOTFOUND)
		return web_json(r, 200, json_array());
	return rc < 0 ? web_internal(r) : web_json(r, 200, due);
}
