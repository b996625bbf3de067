/*
 * admin.c - accounts, units and assignments on the signed-in side: an
 * administrator adds and disables users and adds units; a planner (or
 * administrator) assigns the lead unit (牵头单位) of an indicator.  The
 * same operations as "planwatch user", "unit" and "assign", through the
 * store (adapt.c); every one audited there.  Passwords arrive in the JSON
 * body over the session (behind TLS in production) and are stored only
 * as argon2id hashes.
 */
#include "store/store.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/i18n.h"
#include "web/auth.h"
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 200
#define PASSWORD_MIN 8
#define PASSWORD_MAX 1024

enum MHD_Result web_get_users(struct web_req *r)
{
	json_t *out;

	return web_lib_users(r->store, &out) < 0 ? web_internal(r) : web_json(r, 200, out);
}

enum MHD_Result web_get_units(struct web_req *r)
{
	json_t *out;

	return web_lib_units(r->store, &out) < 0 ? web_internal(r) : web_json(r, 200, out);
}

/* A string member of 1..NAME_MAX_BYTES bytes, or NULL. */
static const char *name_member(json_t *req, const char *key)
{
	const char *v = json_string_value(json_object_get(req, key));

	return v && *v && strlen(v) <= NAME_MAX_BYTES ? v : NULL;
}

static const char *role_of(json_t *req)
{
	const char *role = json_string_value(json_object_get(req, "role"));

	return role && web_role_bit(role) ? role : NULL;
}

/* Why the user of req cannot be added (Chinese), or NULL; *status. */
static const char *user_refusal(struct web_req *r, json_t *req, unsigned *status)
{
	const char *name = name_member(req, "username"), *unit = name_member(req, "unit");
	const char *pw = json_string_value(json_object_get(req, "password"));
	const char *role = role_of(req);
	int rc;

	*status = 400;
	if (!name || !role || !pw)
		return N_("give username, role (admin, planner, editor or viewer) and password");
	*status = 422;
	if (strlen(pw) < PASSWORD_MIN || strlen(pw) > PASSWORD_MAX)
		return N_("the password must have 8 to 1024 bytes");
	if (!strcmp(role, "editor") && !unit)
		return N_("an editor must belong to a unit");
	if (unit && (rc = web_lib_unit_exists(r->store, unit)) != 0) {
		*status = rc == PW_STORE_NOTFOUND ? 422 : 500;
		return N_("no such unit");
	}
	if ((rc = web_lib_user_exists(r->store, name)) != PW_STORE_NOTFOUND) {
		*status = rc == 0 ? 409 : 500;
		return N_("the user name is taken");
	}
	return NULL;
}

enum MHD_Result web_post_user(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc);
	char hash[PW_AUTH_HASH_MAX];
	const char *why;
	unsigned status;

	if (!req)
		return mrc;
	if ((why = user_refusal(r, req, &status)))
		mrc = status == 500 ? web_internal(r) : web_error(r, status, why);
	else if (pw_auth_hash(json_string_value(json_object_get(req, "password")), hash) < 0 ||
		 web_lib_user_add(r->store, name_member(req, "username"), role_of(req),
				  name_member(req, "unit"), hash, r->session.user.name) < 0)
		mrc = web_internal(r);
	else
		mrc = web_json(r, 201, json_pack("{s:s, s:s, s:o}", "username",
			name_member(req, "username"), "role", role_of(req), "unit",
			name_member(req, "unit") ? json_string(name_member(req, "unit")) : json_null()));
	json_decref(req);
	return mrc;
}

enum MHD_Result web_post_user_disable(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc);
	const char *name;
	int rc;

	if (!req)
		return mrc;
	name = name_member(req, "username");
	if (!name)
		mrc = web_error(r, 400, "give username");
	else if (!strcmp(name, r->session.user.name))
		mrc = web_error(r, 422, "you cannot disable your own account");
	else if ((rc = web_lib_user_exists(r->store, name)) != 0)
		mrc = rc == PW_STORE_NOTFOUND ? web_error(r, 404, "no such user") : web_internal(r);
	else if (web_lib_user_disable(r->store, name, r->session.user.name) < 0)
		mrc = web_internal(r);
	else
		mrc = web_json(r, 200, json_pack("{s:s, s:b}", "username", name, "disabled", 1));
	json_decref(req);
	return mrc;
}

enum MHD_Result web_post_unit(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc);
	const char *name;
	int rc;

	if (!req)
		return mrc;
	name = name_member(req, "name");
	if (!name)
		mrc = web_error(r, 400, "give name");
	else if ((rc = web_lib_unit_exists(r->store, name)) != PW_STORE_NOTFOUND)
		mrc = rc == 0 ? web_error(r, 409, "the unit exists already") : web_internal(r);
	else if (web_lib_unit_add(r->store, name, r->session.user.name) < 0)
		mrc = web_internal(r);
	else
		mrc = web_json(r, 201, json_pack("{s:s}", "name", name));
	json_decref(req);
	return mrc;
}

enum MHD_Result web_post_assignment(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc), *year;
	json_int_t id;
	const char *unit;
	int changed = 0, rc;

	if (!req)
		return mrc;
	id = json_integer_value(json_object_get(req, "indicator_id"));
	unit = name_member(req, "unit");
	year = json_object_get(req, "year");
	if (id <= 0 || !unit || (year && !json_is_null(year) && !json_is_integer(year)))
		mrc = web_error(r, 400, "give indicator_id (a positive integer) and unit, and year "
				"(an integer) if you like");
	else if ((rc = web_lib_indicator_exists(r->store, id)) != 0)
		mrc = rc == PW_STORE_NOTFOUND ? web_error(r, 404, "no such indicator") : web_internal(r);
	else if ((rc = web_lib_unit_exists(r->store, unit)) != 0)
		mrc = rc == PW_STORE_NOTFOUND ? web_error(r, 422, "no such unit") : web_internal(r);
	else if (web_lib_assign(r->store, id, unit, (int)json_integer_value(year),
				r->session.user.name, &changed) < 0)
		mrc = web_internal(r);
	else
		mrc = web_json(r, 200, json_pack("{s:I, s:s, s:b}", "indicator_id", id, "unit", unit,
						 "changed", changed));
	json_decref(req);
	return mrc;
}

enum MHD_Result web_post_external(struct web_req *r)
{
	enum MHD_Result mrc;
	json_t *req = web_body_object(r, &mrc), *v, *hi, *year;
	struct web_external x;
	json_int_t id;
	int rc;

	if (!req)
		return mrc;
	memset(&x, 0, sizeof(x));
	id = json_integer_value(json_object_get(req, "indicator_id"));
	v = json_object_get(req, "value");
	hi = json_object_get(req, "value_hi");
	year = json_object_get(req, "year");
	x.kind = json_string_value(json_object_get(req, "kind"));
	x.cmp = json_string_value(json_object_get(req, "cmp"));
	x.kind = x.kind ? x.kind : "level";
	x.cmp = x.cmp ? x.cmp : "eq";
	x.value = json_number_value(v);
	x.has_value_hi = json_is_number(hi);
	x.value_hi = json_number_value(hi);
	x.year = (int)json_integer_value(year);
	x.source = json_string_value(json_object_get(req, "source"));
	x.note = json_string_value(json_object_get(req, "note"));
	if (id <= 0 || !json_is_number(v))
		mrc = web_error(r, 400, "give indicator_id (a positive integer) and value (a number)");
	else if (!strcmp(x.cmp, "range") && (!x.has_value_hi || x.value_hi < x.value))
		mrc = web_error(r, 422, "a range target needs a value_hi not below value");
	else if ((rc = web_lib_indicator_exists(r->store, id)) != 0)
		mrc = rc == PW_STORE_NOTFOUND ? web_error(r, 404, "no such indicator") : web_internal(r);
	else if (web_lib_external_set(r->store, id, &x, r->session.user.name) < 0)
		mrc = web_json(r, 422, json_pack("{s:s, s:[s]}", "error",
			_("cannot set it: the indicator has no target set elsewhere "
			  "(按上级下达目标), or the kind or comparison is unknown"), "errors",
			pw_last_error() ? pw_last_error() : ""));
	else
		mrc = web_json(r, 200, json_pack("{s:I, s:s, s:s, s:f}", "indicator_id", id, "kind",
						 x.kind, "cmp", x.cmp, "value", x.value));
	json_decref(req);
	return mrc;
}

/* ---- the page ---- */

static void users_section(struct web_req *r, struct strbuf *o)
{
	static const char *const roles[] = { "editor", "planner", "viewer", "admin" };
	json_t *users, *units, *u;
	size_t i;

	if (web_lib_users(r->store, &users) < 0)
		return;
	if (web_lib_units(r->store, &units) < 0) {
		json_decref(users);
		return;
	}
	sb_addstr(o, "<h2>用户</h2><table class=\"data\" id=\"users\"><thead><tr><th scope=\"col\">用户名</th>"
		     "<th scope=\"col\">角色</th><th scope=\"col\">单位</th><th scope=\"col\">状态</th>"
		     "<th scope=\"col\">操作</th></tr></thead><tbody>");
	json_array_foreach(users, i, u) {
		bool off = json_is_true(json_object_get(u, "disabled"));

		sb_addstr(o, "<tr><td>");
		h_esc(o, json_string_value(json_object_get(u, "username")));
		sb_addstr(o, "</td><td>");
		h_esc(o, web_role_label(json_string_value(json_object_get(u, "role"))));
		sb_addstr(o, "</td><td>");
		h_esc(o, json_string_value(json_object_get(u, "unit")));
		sb_addstr(o, off ? "</td><td>已停用</td><td>" : "</td><td>启用</td><td>");
		if (!off) {
			sb_addstr(o, "<button type=\"button\" class=\"disable-user\" data-user=\"");
			h_esc(o, json_string_value(json_object_get(u, "username")));
			sb_addstr(o, "\">停用</button>");
		}
		sb_addstr(o, "</td></tr>");
	}
	sb_addstr(o, "</tbody></table>\n<form class=\"admin form\" data-api=\"/api/users\">"
		     "<h3>添加用户</h3><p><label for=\"nu-username\">用户名</label><input id=\"nu-username\" "
		     "name=\"username\"></p><p><label for=\"nu-role\">角色</label><select id=\"nu-role\" "
		     "name=\"role\">");
	for (i = 0; i < 4; i++)
		sb_addf(o, "<option value=\"%s\">%s</option>", roles[i], web_role_label(roles[i]));
	sb_addstr(o, "</select></p><p><label for=\"nu-unit\">单位</label><select id=\"nu-unit\" "
		     "name=\"unit\"><option value=\"\">（无）</option>");
	json_array_foreach(units, i, u) {
		sb_addstr(o, "<option>");
		h_esc(o, json_string_value(json_object_get(u, "name")));
		sb_addstr(o, "</option>");
	}
	sb_addstr(o, "</select></p><p><label for=\"nu-password\">初始密码</label><input id=\"nu-password\" "
		     "name=\"password\" type=\"password\" autocomplete=\"new-password\"></p>"
		     "<p class=\"field-error\" role=\"alert\"></p><p class=\"ok\" role=\"status\"></p>"
		     "<p><button type=\"submit\">添加</button></p></form>\n"
		     "<h2>单位</h2><ul>");
	json_array_foreach(units, i, u) {
		sb_addstr(o, "<li>");
		h_esc(o, json_string_value(json_object_get(u, "name")));
		sb_addf(o, "（负责 %lld 项）</li>",
			(long long)json_integer_value(json_object_get(u, "assigned")));
	}
	sb_addstr(o, "</ul><form class=\"admin form\" data-api=\"/api/units\"><h3>添加单位</h3>"
		     "<p><label for=\"nunit\">单位名称</label><input id=\"nunit\" name=\"name\"></p>"
		     "<p class=\"field-error\" role=\"alert\"></p><p class=\"ok\" role=\"status\"></p>"
		     "<p><button type=\"submit\">添加</button></p></form>\n");
	json_decref(users);
	json_decref(units);
}

static void assign_section(struct web_req *r, struct strbuf *o)
{
	json_t *units, *u;
	size_t i;

	if (web_lib_units(r->store, &units) < 0)
		return;
	sb_addstr(o, "<h2>责任分工</h2><p>指定指标的牵头单位（指标编号见指标页地址）；从某一年起生效，"
		     "不填年份则对所有年份生效。以前的分工保留为历史。</p>"
		     "<form class=\"admin form\" data-api=\"/api/assignments\">"
		     "<p><label for=\"as-ind\">指标编号</label><input id=\"as-ind\" name=\"indicator_id\" "
		     "type=\"number\"></p><p><label for=\"as-unit\">牵头单位</label><select id=\"as-unit\" "
		     "name=\"unit\">");
	json_array_foreach(units, i, u) {
		sb_addstr(o, "<option>");
		h_esc(o, json_string_value(json_object_get(u, "name")));
		sb_addstr(o, "</option>");
	}
	sb_addstr(o, "</select></p><p><label for=\"as-year\">起始年份</label><input id=\"as-year\" "
		     "name=\"year\" type=\"number\"></p><p class=\"field-error\" role=\"alert\"></p>"
		     "<p class=\"ok\" role=\"status\"></p><p><button type=\"submit\">保存</button></p></form>\n"
		     "<h2>上级下达目标</h2><p>“按市定目标执行”等指标的目标值，由规划部门按上级文件录入。</p>"
		     "<form class=\"admin form\" data-api=\"/api/external-targets\">"
		     "<p><label for=\"ex-ind\">指标编号</label><input id=\"ex-ind\" name=\"indicator_id\" "
		     "type=\"number\"></p><p><label for=\"ex-kind\">类型</label><select id=\"ex-kind\" "
		     "name=\"kind\"><option value=\"level\">期末水平</option><option value=\"growth\">"
		     "年均增长</option><option value=\"cumulative\">期内累计</option><option value=\"annual\">"
		     "逐年</option></select></p><p><label for=\"ex-cmp\">比较</label><select id=\"ex-cmp\" "
		     "name=\"cmp\"><option value=\"eq\">达到</option><option value=\"ge\">不低于</option>"
		     "<option value=\"le\">不高于</option><option value=\"approx\">左右</option></select></p>"
		     "<p><label for=\"ex-value\">目标值</label><input id=\"ex-value\" name=\"value\" "
		     "type=\"number\" step=\"any\"></p><p><label for=\"ex-year\">目标年份</label>"
		     "<input id=\"ex-year\" name=\"year\" type=\"number\"></p><p><label for=\"ex-src\">"
		     "依据文件</label><input id=\"ex-src\" name=\"source\"></p>"
		     "<p class=\"field-error\" role=\"alert\"></p><p class=\"ok\" role=\"status\"></p>"
		     "<p><button type=\"submit\">保存</button></p></form>\n");
	json_decref(units);
}

enum MHD_Result web_page_admin(struct web_req *r)
{
	struct web_page p;
	unsigned bit;

	memset(&p, 0, sizeof(p));
	sb_init(&p.out, 8192);
	p.store = r->store;
	if (web_session_load(r) < 0) {
		sb_release(&p.out);
		return web_internal(r);
	}
	if (!r->signed_in) {
		sb_release(&p.out);
		r->location = "/login";
		return web_send(r, 303, "text/html; charset=utf-8", xstrdup(""), 0);
	}
	p.user = &r->session.user;
	p.csrf = r->session.csrf;
	bit = web_role_bit(r->session.user.role);
	page_open(&p, "管理", 0);
	if (bit & WEB_ADMIN)
		users_section(r, &p.out);
	if (bit & (WEB_ADMIN | WEB_PLANNER)) {
		assign_section(r, &p.out);
		web_limits_html(r, &p.out);
	}
	if (!(bit & (WEB_ADMIN | WEB_PLANNER)))
		sb_addstr(&p.out, "<p>当前账号没有管理权限。</p>");
	page_close(&p);
	size_t len;
	char *text = sb_detach(&p.out, &len);

	return web_send(r, 200, "text/html; charset=utf-8", text, len);
}
