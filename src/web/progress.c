/*
 * progress.c - the progress of 专栏 projects on the signed-in side: an
 * editor reports the progress of the projects its unit leads (status,
 * percent complete, note), the planning office approves or returns it,
 * as for figures (docs/api.md, "/api/progress").  The store checks and
 * writes (store/monitor.h, through adapt.c); this file reads requests,
 * authorises per unit and writes the sections of the signed-in pages.
 */
#include "store/store.h"
#include "util/error.h"
#include "util/i18n.h"
#include "web/web_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const statuses[][2] = {
	{ "not_started", "未开工" }, { "in_progress", "推进中" }, { "completed", "已完成" },
	{ "delayed", "滞后" }, { "suspended", "暂停" },
};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))

static bool known_status(const char *s)
{
	size_t i;

	for (i = 0; s && i < NSTATUS; i++)
		if (!strcmp(s, statuses[i][0]))
			return true;
	return false;
}

/* 422 naming the field a message is about. */
static enum MHD_Result refuse(struct web_req *r, const char *field, const char *msg)
{
	return web_json(r, 422, json_pack("{s:s, s:[s], s:s}", "error", _("the data did not pass validation"), "errors",
					  msg, "field", field));
}

/* Whether the signed-in user may report on project id: -1 db error. */
static int may_report(struct web_req *r, int64_t id)
{
	const struct pw_user *u = &r->session.user;
	char *lead = NULL;
	int ok;

	if (web_role_bit(u->role) & (WEB_ADMIN | WEB_PLANNER))
		return 1;
	if (web_lib_project_lead(r->store, id, &lead) < 0)
		return -1;
	ok = lead && u->unit && !strcmp(lead, u->unit);
	free(lead);
	return ok;
}

enum MHD_Result web_post_progress(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc), *pct;
	struct web_progress in;
	int64_t id = 0;
	int rc;

	if (!req)
		return mrc;
	memset(&in, 0, sizeof(in));
	in.project_id = json_integer_value(json_object_get(req, "project_id"));
	in.year = (int)json_integer_value(json_object_get(req, "year"));
	in.status = json_string_value(json_object_get(req, "status"));
	in.note = json_string_value(json_object_get(req, "note"));
	pct = json_object_get(req, "percent");
	in.has_percent = json_is_number(pct);
	in.percent = in.has_percent ? json_number_value(pct) : 0;
	in.by = r->session.user.name;
	in.approved = (web_role_bit(r->session.user.role) & (WEB_ADMIN | WEB_PLANNER)) != 0;
	if (in.project_id <= 0 || !json_is_integer(json_object_get(req, "year")))
		mrc = web_error(r, 400, "project_id and year must be integers");
	else if (pct && !json_is_null(pct) && !in.has_percent)
		mrc = web_error(r, 400, "percent must be a number");
	else if (in.year < 1900 || in.year > 2200)
		mrc = refuse(r, "year", _("the year must be from 1900 to 2200"));
	else if (!known_status(in.status))
		mrc = refuse(r, "status", _("the status must be one of not started, in progress, completed, delayed or suspended"));
	else if (in.has_percent && (!isfinite(in.percent) || in.percent < 0 || in.percent > 100))
		mrc = refuse(r, "percent", _("the percentage must be from 0 to 100"));
	else if ((rc = may_report(r, in.project_id)) <= 0)
		mrc = rc < 0 ? web_internal(r) : web_error(r, 403, "you may report progress only for the projects your unit leads");
	else if ((rc = web_lib_progress_record(r->store, &in, &id)) == PW_STORE_NOTFOUND)
		mrc = web_error(r, 404, "no such project");
	else if (rc < 0)
		mrc = web_internal(r);
	else
		mrc = web_json(r, 201, json_pack("{s:I, s:I, s:i, s:s, s:s}", "id", (json_int_t)id,
						 "project_id", (json_int_t)in.project_id, "year",
						 in.year, "status", in.status, "state",
						 in.approved ? "approved" : "submitted"));
	json_decref(req);
	return mrc;
}

enum MHD_Result web_get_progress_review(struct web_req *r)
{
	json_t *q;
	const char *unit = web_role_bit(r->session.user.role) == WEB_EDITOR
		? r->session.user.unit : NULL;
	size_t total;

	if (web_lib_progress_queue(r->store, unit, 0, SIZE_MAX, &q, &total) < 0)
		return web_internal(r);
	return web_json(r, 200, q);
}

static enum MHD_Result review(struct web_req *r, bool approve)
{
	enum MHD_Result mrc;
	json_t *req = approve ? NULL : web_body_object(r, &mrc);
	const char *comment = req ? json_string_value(json_object_get(req, "comment")) : NULL;
	int waiting, rc;

	if (!approve && !req)
		return mrc;
	if (!approve && (!comment || !*comment)) {
		json_decref(req);
		return web_error(r, 400, "a return needs a comment");
	}
	if ((waiting = web_lib_progress_waiting(r->store, r->params[0])) < 0) {
		json_decref(req);
		return web_internal(r);
	}
	rc = waiting ? web_lib_progress_review(r->store, r->params[0], approve, comment,
					       r->session.user.name) : PW_STORE_NOTFOUND;
	json_decref(req);
	if (rc == PW_STORE_NOTFOUND)
		return web_error(r, 404, "no such progress report awaiting review");
	if (rc < 0)
		return web_internal(r);
	return web_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)r->params[0], "state",
					  approve ? "approved" : "returned"));
}

enum MHD_Result web_post_progress_approve(struct web_req *r)
{
	return review(r, true);
}

enum MHD_Result web_post_progress_return(struct web_req *r)
{
	return review(r, false);
}

/* ---- the sections of the signed-in pages ---- */

static const char *status_label(const char *s)
{
	size_t i;

	for (i = 0; s && i < NSTATUS; i++)
		if (!strcmp(s, statuses[i][0]))
			return statuses[i][1];
	return "未报送";
}

static void progress_form(struct strbuf *o, long long id)
{
	size_t i;

	sb_addf(o, "<form class=\"progress form\" data-project=\"%lld\" novalidate>"
		   "<p><label for=\"p%lld-year\">年份</label><input id=\"p%lld-year\" name=\"year\" "
		   "type=\"number\"><span class=\"field-error\" id=\"pe%lld-year\" role=\"alert\"></span></p>"
		   "<p><label for=\"p%lld-status\">进展</label><select id=\"p%lld-status\" name=\"status\">",
		id, id, id, id, id, id);
	for (i = 0; i < NSTATUS; i++)
		sb_addf(o, "<option value=\"%s\">%s</option>", statuses[i][0], statuses[i][1]);
	sb_addf(o, "</select><span class=\"field-error\" id=\"pe%lld-status\" role=\"alert\"></span></p>"
		   "<p><label for=\"p%lld-percent\">完成比例（%%）</label><input id=\"p%lld-percent\" "
		   "name=\"percent\" type=\"number\" min=\"0\" max=\"100\" step=\"any\"><span "
		   "class=\"field-error\" id=\"pe%lld-percent\" role=\"alert\"></span></p>"
		   "<p><label for=\"p%lld-note\">说明</label><input id=\"p%lld-note\" name=\"note\"></p>"
		   "<p class=\"field-error\" id=\"pe%lld-form\" role=\"alert\"></p><p class=\"ok\" "
		   "id=\"pm%lld\" role=\"status\"></p><p><button type=\"submit\">提交进展</button></p></form>",
		id, id, id, id, id, id, id, id);
}

/* The 专栏 and title of project id of plan_id, from the evaluation *ev
 * (loaded, or reloaded for another plan, as needed; caller frees). */
static void project_title(struct web_req *r, int plan_id, int64_t id, json_t **ev, int *ev_plan,
			  struct strbuf *o)
{
	json_t *it;
	size_t i;

	if (!*ev || *ev_plan != plan_id) {
		json_decref(*ev);
		*ev = NULL;
		*ev_plan = plan_id;
		if (web_lib_evaluation(r->store, plan_id, 0, false, ev) < 0) {
			pw_clear_error();
			*ev = NULL;
		}
	}
	json_array_foreach(*ev ? json_object_get(*ev, "projects") : NULL, i, it)
		if (json_integer_value(json_object_get(it, "id")) == id) {
			h_esc(o, json_string_value(json_object_get(it, "column")));
			sb_addstr(o, "：");
			h_esc(o, json_string_value(json_object_get(it, "title")));
			return;
		}
	sb_addf(o, "项目 %lld", (long long)id);
}

int web_progress_due_html(struct web_req *r, struct strbuf *o)
{
	json_t *projects, *pr, *row, *ev = NULL;
	int ev_plan = 0;
	size_t i, k;
	int rc = web_lib_unit_projects(r->store, r->session.user.unit, &projects);

	if (rc < 0)
		return rc == PW_STORE_NOTFOUND ? 0 : rc;
	if (!json_array_size(projects)) {
		json_decref(projects);
		return 0;
	}
	sb_addstr(o, "<h2>专栏项目进展</h2>\n");
	json_array_foreach(projects, i, pr) {
		long long id = (long long)json_integer_value(json_object_get(pr, "id"));
		json_t *rows = json_object_get(pr, "progress");

		sb_addf(o, "<section class=\"due\" id=\"proj-%lld\"><h3>", id);
		project_title(r, (int)json_integer_value(json_object_get(pr, "plan")), id, &ev, &ev_plan,
			      o);
		sb_addstr(o, "</h3>");
		sb_addstr(o, "<table class=\"data\"><thead><tr><th scope=\"col\">年份</th>"
			     "<th scope=\"col\">进展</th><th scope=\"col\">完成比例</th>"
			     "<th scope=\"col\">状态</th><th scope=\"col\">审核意见</th></tr></thead><tbody>");
		json_array_foreach(rows, k, row) {
			json_t *pc = json_object_get(row, "percent");

			sb_addf(o, "<tr><th scope=\"row\">%lld</th><td>",
				(long long)json_integer_value(json_object_get(row, "year")));
			h_esc(o, status_label(json_string_value(json_object_get(row, "status"))));
			sb_addstr(o, "</td><td class=\"num\">");
			if (json_is_number(pc))
				h_num(o, json_number_value(pc));
			sb_addstr(o, "</td><td>");
			h_esc(o, json_string_value(json_object_get(row, "state")));
			sb_addstr(o, "</td><td>");
			h_esc(o, json_string_value(json_object_get(row, "review_note")));
			sb_addstr(o, "</td></tr>");
		}
		if (!json_array_size(rows))
			sb_addstr(o, "<tr><td colspan=\"5\">尚未填报。</td></tr>");
		sb_addstr(o, "</tbody></table>");
		progress_form(o, id);
		sb_addstr(o, "</section>\n");
	}
	json_decref(projects);
	json_decref(ev);
	return 0;
}

/* page (1-based) of the queue: ?ppage=N, the observations having ?page. */
static size_t progress_page(struct web_req *r)
{
	const char *v = web_query(r, "ppage");
	char *end;
	unsigned long long n;

	if (!v || *v < '0' || *v > '9')
		return 1;
	n = strtoull(v, &end, 10);
	return *end || n < 1 ? 1 : n > 1000000 ? 1000000 : (size_t)n;
}

int web_progress_review_html(struct web_req *r, struct strbuf *o, bool can)
{
	size_t i, total, page = progress_page(r);
	json_t *q, *row;

	if (web_lib_progress_queue(r->store, NULL, (page - 1) * WEB_REVIEW_PAGE, WEB_REVIEW_PAGE,
				   &q, &total) < 0)
		return -1;
	sb_addstr(o, "<h2>专栏项目进展</h2><table class=\"data\" id=\"review-progress\"><thead><tr>"
		     "<th scope=\"col\">项目</th><th scope=\"col\">年份</th><th scope=\"col\">进展</th>"
		     "<th scope=\"col\">完成比例</th><th scope=\"col\">填报单位</th><th scope=\"col\">说明</th>"
		     "<th scope=\"col\">状态</th><th scope=\"col\">操作</th></tr></thead><tbody>\n");
	json_array_foreach(q, i, row) {
		long long id = (long long)json_integer_value(json_object_get(row, "id"));
		const char *st = json_string_value(json_object_get(row, "state"));
		json_t *pc = json_object_get(row, "percent");

		sb_addstr(o, "<tr><td>");
		h_esc(o, json_string_value(json_object_get(row, "title")));
		sb_addf(o, "</td><td>%lld</td><td>",
			(long long)json_integer_value(json_object_get(row, "year")));
		h_esc(o, status_label(json_string_value(json_object_get(row, "status"))));
		sb_addstr(o, "</td><td class=\"num\">");
		if (json_is_number(pc))
			h_num(o, json_number_value(pc));
		sb_addstr(o, "</td><td>");
		h_esc(o, json_string_value(json_object_get(row, "lead_unit")));
		sb_addstr(o, "</td><td>");
		h_esc(o, json_string_value(json_object_get(row, "note")));
		sb_addstr(o, "</td><td>");
		h_esc(o, !strcmp(st, "submitted") ? "待审核" : "已退回");
		sb_addstr(o, "</td><td>");
		if (can && !strcmp(st, "submitted"))
			sb_addf(o, "<form class=\"review\" data-kind=\"progress\" data-obs=\"%lld\">"
				"<button type=\"submit\" name=\"approve\" value=\"1\">通过</button> "
				"<label for=\"pc%lld\">退回意见</label><input id=\"pc%lld\" name=\"comment\"> "
				"<button type=\"submit\" name=\"return\" value=\"1\">退回</button>"
				"<span class=\"field-error\" role=\"alert\"></span></form>", id, id, id);
		sb_addstr(o, "</td></tr>\n");
	}
	if (!json_array_size(q))
		sb_addstr(o, "<tr><td colspan=\"8\">没有待审核的项目进展。</td></tr>");
	sb_addstr(o, "</tbody></table>\n");
	web_review_pager(o, "ppage", page, total);
	json_decref(q);
	return 0;
}
