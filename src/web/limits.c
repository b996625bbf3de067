/*
 * limits.c - what the planning office sets for monitoring, on the
 * signed-in side (docs/api.md, "/api/limits" and "/api/deadlines"): the
 * plausible limits of an indicator's values and the day a year's
 * figures are due, the same as "planwatch limit" and "planwatch
 * deadline", through the store (store/monitor.h, audited there); and the
 * planner's forms for them on /admin.  The route table has checked the
 * session, the CSRF token and the role (planner or administrator).
 */
#include "store/monitor.h"
#include "store/store.h"
#include "util/error.h"
#include "util/i18n.h"
#include "web/web_int.h"

#include <math.h>
#include <string.h>

#define NOTE_MAX_BYTES 500

/* A member that is absent or null (0), a finite number (1, *v), or
 * something else (-1). */
static int optional_number(json_t *req, const char *key, double *v)
{
	json_t *x = json_object_get(req, key);

	if (!x || json_is_null(x))
		return 0;
	if (!json_is_number(x) || !isfinite(json_number_value(x)))
		return -1;
	*v = json_number_value(x);
	return 1;
}

/* An optional string member of at most NOTE_MAX_BYTES: 0 (absent, *s
 * NULL), 1, or -1 (not a string, too long). */
static int optional_text(json_t *req, const char *key, const char **s)
{
	json_t *x = json_object_get(req, key);

	*s = NULL;
	if (!x || json_is_null(x))
		return 0;
	if (!json_is_string(x) || strlen(json_string_value(x)) > NOTE_MAX_BYTES)
		return -1;
	*s = *json_string_value(x) ? json_string_value(x) : NULL;
	return 1;
}

/* The row a limits request is about: indicator_id or target_id. */
static int limits_row(json_t *req, enum pw_entity *e, int64_t *id)
{
	json_int_t ind = json_integer_value(json_object_get(req, "indicator_id"));
	json_int_t tgt = json_integer_value(json_object_get(req, "target_id"));

	if ((ind > 0) == (tgt > 0))
		return -1;
	*e = ind > 0 ? PW_ENTITY_INDICATOR : PW_ENTITY_TARGET;
	*id = ind > 0 ? ind : tgt;
	return 0;
}

static json_t *limits_json(enum pw_entity e, int64_t id, const struct pw_limits *l)
{
	return json_pack("{s:s, s:I, s:o, s:o, s:o}", "entity", pw_entity_name(e), "id",
			 (json_int_t)id, "min", l->has_min ? json_real(l->min) : json_null(),
			 "max", l->has_max ? json_real(l->max) : json_null(),
			 "note", l->note ? json_string(l->note) : json_null());
}

/* 422 naming the field the message is about. */
static enum MHD_Result refuse(struct web_req *r, const char *field, const char *msg)
{
	return web_json(r, 422, json_pack("{s:s, s:[s], s:s}", "error",
					  _("the data did not pass validation"), "errors", msg,
					  "field", field));
}

static enum MHD_Result limits_write(struct web_req *r, enum pw_entity e, int64_t id,
				    struct pw_limits *l)
{
	int rc;

	web_write_lock();
	rc = pw_store_limits_set(r->store, e, id, l, r->session.user.name);
	web_write_unlock();
	if (rc == PW_STORE_NOTFOUND)
		return web_error(r, 404, e == PW_ENTITY_INDICATOR ? "no such indicator"
								   : "no such target");
	if (rc < 0 && pw_err_of(rc, PW_ERR_INTERNAL) == PW_ERR_INPUT)
		return refuse(r, "min", pw_last_error());
	if (rc < 0)
		return web_internal(r);
	return web_json(r, 200, limits_json(e, id, l));
}

enum MHD_Result web_post_limits(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc);
	struct pw_limits l;
	enum pw_entity e;
	int64_t id;
	int hmin, hmax;

	if (!req)
		return mrc;
	memset(&l, 0, sizeof(l));
	hmin = optional_number(req, "min", &l.min);
	hmax = optional_number(req, "max", &l.max);
	l.has_min = hmin == 1;
	l.has_max = hmax == 1;
	if (limits_row(req, &e, &id) < 0)
		mrc = web_error(r, 400, "give indicator_id or target_id (a positive integer)");
	else if (hmin < 0)
		mrc = refuse(r, "min", _("the minimum must be a number"));
	else if (hmax < 0)
		mrc = refuse(r, "max", _("the maximum must be a number"));
	else if (optional_text(req, "note", (const char **)&l.note) < 0)
		mrc = refuse(r, "note", _("the note must be text of at most 500 bytes"));
	else
		mrc = limits_write(r, e, id, &l);
	json_decref(req); /* l.note was borrowed from it */
	return mrc;
}

/* ---- deadlines ---- */

struct deadline_req {
	int plan, year;
	const char *due, *unit, *note;
};

/* Why the request cannot be taken (a message id) and *field, or NULL. */
static const char *deadline_fields(json_t *req, struct deadline_req *d, const char **field)
{
	json_t *plan = json_object_get(req, "plan_id"), *year = json_object_get(req, "year");

	*field = "form";
	if (!json_is_integer(plan) || json_integer_value(plan) <= 0 ||
	    json_integer_value(plan) > 0x3fffffff)
		return N_("give plan_id (a positive integer)");
	d->plan = (int)json_integer_value(plan);
	*field = "year";
	if (!json_is_integer(year) || json_integer_value(year) < 1900 ||
	    json_integer_value(year) > 2200)
		return N_("the year must be from 1900 to 2200");
	d->year = (int)json_integer_value(year);
	*field = "due";
	if (optional_text(req, "due", &d->due) < 0)
		return N_("the deadline must be a date (YYYY-MM-DD)");
	*field = "unit";
	if (optional_text(req, "unit", &d->unit) < 0)
		return N_("no such unit");
	*field = "note";
	if (optional_text(req, "note", &d->note) < 0)
		return N_("the note must be text of at most 500 bytes");
	return NULL;
}

static enum MHD_Result deadline_write(struct web_req *r, const struct deadline_req *d)
{
	char due[PW_DUE_SIZE];
	bool set;
	int rc;

	web_write_lock();
	rc = pw_store_deadline_set(r->store, d->plan, d->year, d->unit, d->due, d->note,
				   r->session.user.name);
	web_write_unlock();
	if (rc == PW_STORE_NOTFOUND)
		return web_error(r, d->unit ? 422 : 404, d->unit ? "no such unit" : "no such plan");
	if (rc < 0 && pw_err_of(rc, PW_ERR_INTERNAL) == PW_ERR_INPUT)
		return refuse(r, "due", pw_last_error());
	if (rc < 0 || pw_store_deadline(r->store, d->plan, d->year, d->unit, due, &set) < 0)
		return web_internal(r);
	return web_json(r, 200, json_pack("{s:i, s:i, s:o, s:s, s:b}", "plan_id", d->plan,
					  "year", d->year, "unit", d->unit ? json_string(d->unit)
					  : json_null(), "due", due, "set", set));
}

enum MHD_Result web_post_deadline(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc);
	struct deadline_req d;
	const char *why, *field;

	if (!req)
		return mrc;
	memset(&d, 0, sizeof(d));
	if ((why = deadline_fields(req, &d, &field)))
		mrc = !strcmp(field, "form") ? web_error(r, 400, why) : refuse(r, field, _(why));
	else
		mrc = deadline_write(r, &d);
	json_decref(req);
	return mrc;
}

/* ---- the planner's forms on /admin ---- */

void web_limits_html(struct web_req *r, struct strbuf *o)
{
	json_t *units, *u;
	size_t i;

	sb_addstr(o, "<h2>合理范围</h2><p>为指标（或文字目标）设定数值的合理下限和上限（指标编号和文字目标编号填一项）：填报值超出范围的，"
		     "网页填报、命令行录入和模板导入都不予接受，并提示所设范围。两项都不填即取消限制。</p>"
		     "<form class=\"admin form\" id=\"limits-form\" data-api=\"/api/limits\">"
		     "<p><label for=\"li-ind\">指标编号</label><input id=\"li-ind\" name=\"indicator_id\" "
		     "type=\"number\"></p><p><label for=\"li-tgt\">或文字目标编号</label><input id=\"li-tgt\" "
		     "name=\"target_id\" type=\"number\"></p><p><label for=\"li-min\">下限</label><input id=\"li-min\" "
		     "name=\"min\" type=\"number\" step=\"any\"></p><p><label for=\"li-max\">上限</label>"
		     "<input id=\"li-max\" name=\"max\" type=\"number\" step=\"any\"></p>"
		     "<p><label for=\"li-note\">说明</label><input id=\"li-note\" name=\"note\"></p>"
		     "<p class=\"field-error\" role=\"alert\"></p><p class=\"ok\" role=\"status\"></p>"
		     "<p><button type=\"submit\">保存</button></p></form>\n"
		     "<h2>报送截止日期</h2><p>设定某规划某年数据的报送截止日期，可只对一个单位设定；"
		     "未设定的，为次年3月31日。填报页和数据填报情况页按此判断逾期。</p>"
		     "<form class=\"admin form\" id=\"deadline-form\" data-api=\"/api/deadlines\">"
		     "<p><label for=\"dl-plan\">规划编号</label><input id=\"dl-plan\" name=\"plan_id\" "
		     "type=\"number\"></p><p><label for=\"dl-year\">数据年份</label><input id=\"dl-year\" "
		     "name=\"year\" type=\"number\"></p><p><label for=\"dl-due\">截止日期</label>"
		     "<input id=\"dl-due\" name=\"due\" type=\"date\"></p><p><label for=\"dl-unit\">单位"
		     "</label><select id=\"dl-unit\" name=\"unit\"><option value=\"\">（所有单位）</option>");
	if (web_lib_units(r->store, &units) == 0) {
		json_array_foreach(units, i, u) {
			sb_addstr(o, "<option>");
			h_esc(o, json_string_value(json_object_get(u, "name")));
			sb_addstr(o, "</option>");
		}
		json_decref(units);
	}
	sb_addstr(o, "</select></p><p><label for=\"dl-note\">说明</label><input id=\"dl-note\" "
		     "name=\"note\"></p><p class=\"field-error\" role=\"alert\"></p>"
		     "<p class=\"ok\" role=\"status\"></p><p><button type=\"submit\">保存</button></p>"
		     "</form>\n");
}
