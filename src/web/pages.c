/*
 * pages.c - the public pages of the site, written on the server from the
 * evaluation the API serves (adapt.c): a plan's overview, its indicators
 * (filtered and sorted by query arguments, so they work without
 * JavaScript), one indicator (chart, the same numbers as a table, the
 * observations and the method in words), prose targets, 专栏 projects,
 * the previous plan's final evaluation (表1), reporting status and
 * downloads.  Every value passes through h_esc() (page.c).  Each chart is
 * an empty <div class="chart"> that site.js fills from the table the
 * div names (data-table), so the numbers exist once, as text.
 */
#include "store/monitor.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "web/web_int.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define O (&p->out)

/* The statuses in the order the pages list them, with their names. */
static const char *const statuses[][2] = {
	{ "met", "完成" }, { "achieved_early", "提前实现" }, { "ahead", "快于预期" },
	{ "on_track", "基本符合预期" }, { "lagging", "滞后" }, { "not_met", "未完成" },
	{ "not_assessable", "无法评估" }, { "no_data", "无数据" },
};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))

static const char *status_label(const char *name)
{
	size_t i;

	for (i = 0; name && i < NSTATUS; i++)
		if (!strcmp(name, statuses[i][0]))
			return statuses[i][1];
	return "—";
}

static const char *js(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool jnum(json_t *o, const char *key, double *v)
{
	json_t *j = json_object_get(o, key);

	if (!json_is_number(j))
		return false;
	*v = json_number_value(j);
	return true;
}

static int jint(json_t *o, const char *key)
{
	return (int)json_integer_value(json_object_get(o, key));
}

static void esc(struct web_page *p, const char *s)
{
	h_esc(O, s ? s : "—");
}

static void num_or_dash(struct web_page *p, json_t *o, const char *key)
{
	double v;

	if (jnum(o, key, &v))
		h_num(O, v);
	else
		sb_addstr(O, "—");
}

static void status_badge(struct web_page *p, const char *status)
{
	sb_addstr(O, "<span class=\"st st-");
	esc(p, status ? status : "none");
	sb_addstr(O, "\">");
	esc(p, status_label(status));
	sb_addstr(O, "</span>");
}

static const char *attr_label(const char *a)
{
	return !a ? "—" : !strcmp(a, "binding") ? "约束性" : !strcmp(a, "expected") ? "预期性" : a;
}

/* <a href="/indicators/ID">name</a> */
static void indicator_link(struct web_page *p, json_t *ind)
{
	char path[48];

	snprintf(path, sizeof(path), "indicators/%lld",
		 (long long)json_integer_value(json_object_get(ind, "id")));
	sb_addstr(O, "<a href=\"");
	h_href_page(p, path);
	sb_addstr(O, "\">");
	esc(p, js(ind, "name"));
	sb_addstr(O, "</a>");
}

/* The first target's text of an evaluated indicator. */
static const char *target_text(json_t *ind)
{
	json_t *t = json_array_get(json_object_get(ind, "targets"), 0);

	return t ? js(t, "text") : NULL;
}

/* The latest actual of an evaluated indicator: value, year, 预计. */
static void actual_cell(struct web_page *p, json_t *ind)
{
	json_t *a = json_object_get(ind, "actual");

	if (!json_is_object(a)) {
		sb_addstr(O, "—");
		return;
	}
	num_or_dash(p, a, "value");
	sb_addf(O, "（%d年%s）", jint(a, "year"),
		json_is_true(json_object_get(a, "estimated")) ? "，预计" : "");
}

static void section(struct web_page *p, const char *id, const char *title)
{
	sb_addstr(O, "<section aria-labelledby=\"");
	esc(p, id);
	sb_addstr(O, "\"><h2 id=\"");
	esc(p, id);
	sb_addstr(O, "\">");
	esc(p, title);
	sb_addstr(O, "</h2>\n");
}

/* A chart drawn by site.js from table `table`; label is its text alternative. */
static void chart(struct web_page *p, const char *kind, const char *table, const char *label)
{
	sb_addstr(O, "<div class=\"chart\" data-chart=\"");
	esc(p, kind);
	sb_addstr(O, "\" data-table=\"");
	esc(p, table);
	sb_addstr(O, "\" role=\"img\" aria-label=\"");
	esc(p, label);
	sb_addstr(O, "\"></div>\n");
}

/* ---- loading ---- */

/* The evaluation of plan_id at its default year. */
static int load_eval(struct web_page *p, int plan_id, int year, bool final, json_t **ev)
{
	return web_lib_evaluation(p->store, plan_id, year, final, ev);
}

static void plan_heading(struct web_page *p, json_t *ev, const char *what, int plan_id)
{
	json_t *plan = json_object_get(ev, "plan"), *rep = json_object_get(ev, "report");
	struct strbuf t = STRBUF_INIT;

	sb_addstr(&t, what);
	page_open(p, t.buf, plan_id);
	sb_release(&t);
	sb_addstr(O, "<p class=\"plan-title\">");
	esc(p, js(plan, "title"));
	sb_addstr(O, "</p><p class=\"meta\">");
	esc(p, js(rep, "subject"));
	sb_addf(O, " · 评估年份 %d年 · ", jint(rep, "year"));
	esc(p, js(rep, "label"));
	sb_addstr(O, "</p>\n");
}

/* ---- status counts ---- */

static void status_table(struct web_page *p, json_t *by_status, const char *id,
			 const char *caption)
{
	size_t i;

	sb_addstr(O, "<table class=\"data\" id=\"");
	esc(p, id);
	sb_addstr(O, "\"><caption>");
	esc(p, caption);
	sb_addstr(O, "</caption><thead><tr><th scope=\"col\">状态</th><th scope=\"col\">指标数</th>"
		     "</tr></thead><tbody>");
	for (i = 0; i < NSTATUS; i++) {
		json_int_t n = json_integer_value(json_object_get(by_status, statuses[i][0]));

		if (!n)
			continue;
		sb_addstr(O, "<tr data-key=\"");
		esc(p, statuses[i][0]);
		sb_addstr(O, "\"><th scope=\"row\">");
		status_badge(p, statuses[i][0]);
		sb_addf(O, "</th><td class=\"num\">%lld</td></tr>", (long long)n);
	}
	sb_addstr(O, "</tbody></table>\n");
}

static void indicator_rows(struct web_page *p, json_t *inds, bool (*keep)(json_t *))
{
	size_t i;
	json_t *ind;

	sb_addstr(O, "<table class=\"data\"><thead><tr><th scope=\"col\">指标</th>"
		     "<th scope=\"col\">单位</th><th scope=\"col\">属性</th><th scope=\"col\">目标</th>"
		     "<th scope=\"col\">最新值</th><th scope=\"col\">状态</th>"
		     "<th scope=\"col\">牵头单位</th></tr></thead><tbody>\n");
	json_array_foreach(inds, i, ind) {
		if (keep && !keep(ind))
			continue;
		sb_addstr(O, "<tr data-status=\"");
		h_esc(O, js(ind, "status"));
		sb_addstr(O, "\" data-attribute=\"");
		h_esc(O, js(ind, "attribute"));
		sb_addstr(O, "\" data-category=\"");
		h_esc(O, js(ind, "category"));
		sb_addstr(O, "\" data-unit=\"");
		h_esc(O, js(ind, "lead_unit"));
		sb_addstr(O, "\"><td>");
		indicator_link(p, ind);
		sb_addstr(O, "</td><td>");
		esc(p, js(ind, "unit"));
		sb_addstr(O, "</td><td>");
		esc(p, attr_label(js(ind, "attribute")));
		sb_addstr(O, "</td><td>");
		esc(p, target_text(ind));
		sb_addstr(O, "</td><td class=\"num\">");
		actual_cell(p, ind);
		sb_addstr(O, "</td><td>");
		status_badge(p, js(ind, "status"));
		sb_addstr(O, "</td><td>");
		esc(p, js(ind, "lead_unit"));
		sb_addstr(O, "</td></tr>\n");
	}
	sb_addstr(O, "</tbody></table>\n");
}

static bool is_binding(json_t *ind)
{
	const char *a = js(ind, "attribute");

	return a && !strcmp(a, "binding");
}

static bool is_at_risk(json_t *ind)
{
	return json_is_true(json_object_get(ind, "at_risk"));
}

/* Progress by category (篇章): a stacked bar and its table. */
static void category_table(struct web_page *p, json_t *groups)
{
	size_t i, s;
	json_t *g;

	chart(p, "stack", "t-category", "各领域指标状态");
	sb_addstr(O, "<table class=\"data\" id=\"t-category\"><caption>各领域指标状态</caption>"
		     "<thead><tr><th scope=\"col\">领域</th><th scope=\"col\">指标数</th>");
	for (s = 0; s < NSTATUS; s++) {
		sb_addstr(O, "<th scope=\"col\" data-key=\"");
		esc(p, statuses[s][0]);
		sb_addstr(O, "\">");
		esc(p, statuses[s][1]);
		sb_addstr(O, "</th>");
	}
	sb_addstr(O, "</tr></thead><tbody>");
	json_array_foreach(groups, i, g) {
		json_t *bs = json_object_get(g, "by_status");

		sb_addstr(O, "<tr><th scope=\"row\">");
		esc(p, js(g, "name"));
		sb_addf(O, "</th><td class=\"num\">%d</td>", jint(g, "total"));
		for (s = 0; s < NSTATUS; s++)
			sb_addf(O, "<td class=\"num\">%lld</td>",
				(long long)json_integer_value(json_object_get(bs, statuses[s][0])));
		sb_addstr(O, "</tr>");
	}
	sb_addstr(O, "</tbody></table>\n");
}

int page_home(struct web_page *p)
{
	json_t *plans, *pl;
	size_t i;
	char path[32];

	if (web_lib_plans(p->store, &plans) < 0)
		return -1;
	page_open(p, "规划纲要实施监测", 0);
	sb_addstr(O, "<p>各规划纲要主要指标、文字目标和专栏项目的实施进展，按年度监测评估。</p>\n"
		     "<table class=\"data\"><caption>规划</caption><thead><tr><th scope=\"col\">规划</th>"
		     "<th scope=\"col\">地区</th><th scope=\"col\">期间</th></tr></thead><tbody>\n");
	json_array_foreach(plans, i, pl) {
		json_t *per = json_object_get(pl, "period");

		snprintf(path, sizeof(path), "plans/%d", jint(pl, "id"));
		sb_addstr(O, "<tr><td><a href=\"");
		h_href_page(p, path);
		sb_addstr(O, "\">");
		esc(p, js(pl, "title"));
		sb_addstr(O, "</a></td><td>");
		esc(p, js(pl, "region"));
		sb_addf(O, "</td><td>%d–%d</td></tr>\n", jint(per, "start"), jint(per, "end"));
	}
	sb_addstr(O, "</tbody></table>\n");
	page_close(p);
	json_decref(plans);
	return 0;
}

int page_plan(struct web_page *p, int plan_id)
{
	json_t *ev, *sum, *inds;
	int rc = load_eval(p, plan_id, 0, false, &ev);

	if (rc < 0)
		return rc;
	sum = json_object_get(ev, "summary");
	inds = json_object_get(ev, "indicators");
	plan_heading(p, ev, "规划实施总览", plan_id);
	section(p, "h-status", "指标完成情况");
	sb_addf(O, "<p>共 %d 项主要指标，其中约束性指标 %d 项；预警（约束性指标滞后或未完成）%d 项。</p>\n",
		jint(sum, "indicators"), jint(json_object_get(sum, "binding"), "total"),
		jint(sum, "warnings"));
	sb_addstr(O, "<div class=\"pair\">");
	chart(p, "status", "t-status", "指标状态统计");
	status_table(p, json_object_get(sum, "by_status"), "t-status", "指标状态统计");
	sb_addstr(O, "</div></section>\n");
	section(p, "h-binding", "约束性指标");
	indicator_rows(p, inds, is_binding);
	sb_addstr(O, "</section>\n");
	section(p, "h-category", "各领域进展");
	sb_addstr(O, "<div class=\"pair\">");
	category_table(p, json_object_get(sum, "by_category"));
	sb_addstr(O, "</div></section>\n");
	section(p, "h-lagging", "滞后和未完成的指标");
	indicator_rows(p, inds, is_at_risk);
	sb_addstr(O, "</section>\n");
	page_close(p);
	json_decref(ev);
	return 0;
}

/* ---- the indicator list ---- */

static const char *query(struct web_page *p, const char *name)
{
	const char *v = p->query ? p->query(p->query_cls, name) : NULL;

	return v && *v ? v : NULL;
}

/* A <select name=name> of the distinct values of key in inds. */
static void filter_select(struct web_page *p, json_t *inds, const char *name, const char *label,
			  const char *key, const char *(*show)(const char *))
{
	const char *cur = query(p, name);
	json_t *seen = json_object(), *ind;
	size_t i;

	sb_addstr(O, "<label>");
	esc(p, label);
	sb_addstr(O, " <select name=\"");
	esc(p, name);
	sb_addstr(O, "\"><option value=\"\">全部</option>");
	json_array_foreach(inds, i, ind) {
		const char *v = js(ind, key);

		if (!v || json_object_get(seen, v))
			continue;
		json_object_set_new(seen, v, json_true());
		sb_addstr(O, "<option value=\"");
		esc(p, v);
		sb_addstr(O, cur && !strcmp(cur, v) ? "\" selected>" : "\">");
		esc(p, show ? show(v) : v);
		sb_addstr(O, "</option>");
	}
	sb_addstr(O, "</select></label>\n");
	json_decref(seen);
}

static bool matches(struct web_page *p, json_t *ind)
{
	static const char *const keys[][2] = {
		{ "status", "status" }, { "attribute", "attribute" },
		{ "category", "category" }, { "unit", "lead_unit" },
	};
	size_t i;

	for (i = 0; i < 4; i++) {
		const char *want = query(p, keys[i][0]), *have = js(ind, keys[i][1]);

		if (want && (!have || strcmp(want, have)))
			return false;
	}
	return true;
}

/* qsort has no context argument: the key is set under sort_lock. */
static const char *sort_key;

static int status_rank(const char *s)
{
	size_t i;

	for (i = 0; s && i < NSTATUS; i++)
		if (!strcmp(s, statuses[i][0]))
			return (int)i;
	return (int)NSTATUS;
}

static int cmp_ind(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *sx, *sy;

	if (!strcmp(sort_key, "status"))
		return status_rank(js(x, "status")) - status_rank(js(y, "status"));
	sx = js(x, sort_key);
	sy = js(y, sort_key);
	return strcmp(sx ? sx : "", sy ? sy : "");
}

/* The indicators matching the filters, in the order asked for. */
static json_t *filtered(struct web_page *p, json_t *inds)
{
	const char *sort = query(p, "sort");
	json_t *out = json_array(), *ind;
	json_t **v;
	size_t i, n = 0;

	v = calloc(json_array_size(inds) + 1, sizeof(*v));
	json_array_foreach(inds, i, ind)
		if (matches(p, ind))
			v[n++] = ind;
	if (sort && (!strcmp(sort, "status") || !strcmp(sort, "name") ||
		     !strcmp(sort, "lead_unit") || !strcmp(sort, "category"))) {
		sort_key = sort;
		qsort(v, n, sizeof(*v), cmp_ind);
	}
	for (i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	return out;
}

static const char *status_show(const char *s)
{
	return status_label(s);
}

static void sort_select(struct web_page *p)
{
	static const char *const opts[][2] = {
		{ "", "规划顺序" }, { "status", "状态" }, { "name", "名称" },
		{ "category", "领域" }, { "lead_unit", "牵头单位" },
	};
	const char *cur = query(p, "sort");
	size_t i;

	sb_addstr(O, "<label>排序 <select name=\"sort\">");
	for (i = 0; i < 5; i++) {
		sb_addstr(O, "<option value=\"");
		esc(p, opts[i][0]);
		sb_addstr(O, (cur ? !strcmp(cur, opts[i][0]) : !i) ? "\" selected>" : "\">");
		esc(p, opts[i][1]);
		sb_addstr(O, "</option>");
	}
	sb_addstr(O, "</select></label>\n");
}

static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;

int page_indicators(struct web_page *p, int plan_id)
{
	json_t *ev, *inds, *shown;
	char path[48];
	int rc = load_eval(p, plan_id, 0, false, &ev);

	if (rc < 0)
		return rc;
	inds = json_object_get(ev, "indicators");
	plan_heading(p, ev, "主要指标", plan_id);
	snprintf(path, sizeof(path), "plans/%d/indicators", plan_id);
	sb_addstr(O, "<form class=\"filters\" method=\"get\" action=\"");
	h_href_page(p, path);
	sb_addstr(O, "\">");
	filter_select(p, inds, "status", "状态", "status", status_show);
	filter_select(p, inds, "attribute", "属性", "attribute", attr_label);
	filter_select(p, inds, "category", "领域", "category", NULL);
	filter_select(p, inds, "unit", "牵头单位", "lead_unit", NULL);
	sort_select(p);
	sb_addstr(O, "<button type=\"submit\">筛选</button></form>\n");
	pthread_mutex_lock(&sort_lock);
	shown = filtered(p, inds);
	pthread_mutex_unlock(&sort_lock);
	sb_addf(O, "<p class=\"count\" aria-live=\"polite\">显示 %zu / %zu 项指标</p>\n",
		json_array_size(shown), json_array_size(inds));
	sb_addstr(O, "<div class=\"scroll\" id=\"indicator-list\">");
	indicator_rows(p, shown, NULL);
	sb_addstr(O, "</div>");
	page_close(p);
	json_decref(shown);
	json_decref(ev);
	return 0;
}

/* ---- one indicator ---- */

/* The indicator of evaluation ev with id, or NULL. */
static json_t *find_id(json_t *arr, int64_t id)
{
	json_t *x;
	size_t i;

	json_array_foreach(arr, i, x)
		if (json_integer_value(json_object_get(x, "id")) == id)
			return x;
	return NULL;
}

/* The planned path at year (linear between its points), or NAN. */
static double path_at(json_t *path, int year)
{
	size_t i;

	for (i = 0; i + 1 < json_array_size(path); i++) {
		json_t *a = json_array_get(path, i), *b = json_array_get(path, i + 1);
		double x0 = json_number_value(json_array_get(a, 0));
		double x1 = json_number_value(json_array_get(b, 0));
		double y0 = json_number_value(json_array_get(a, 1));
		double y1 = json_number_value(json_array_get(b, 1));

		if (year >= x0 && year <= x1 && x1 > x0)
			return y0 + (y1 - y0) * (year - x0) / (x1 - x0);
	}
	return NAN;
}

/* The value the chart draws as the target line: the first target's goal. */
static double goal_of(json_t *ind)
{
	json_t *t;
	size_t i;
	double g;

	json_array_foreach(json_object_get(ind, "targets"), i, t)
		if (jnum(t, "goal", &g))
			return g;
	return NAN;
}

static void chart_table(struct web_page *p, json_t *ind, int start, int end)
{
	json_t *obs = json_object_get(ind, "observations"), *path = json_object_get(ind, "path");
	json_t *base = json_object_get(ind, "baseline");
	double goal = goal_of(ind);
	int y, y0 = start - 1;

	if (json_is_object(base) && jint(base, "year") && jint(base, "year") < y0)
		y0 = jint(base, "year");
	sb_addstr(O, "<table class=\"data\" id=\"t-path\"><caption>历年数值（单位：");
	esc(p, js(ind, "unit"));
	sb_addstr(O, "）</caption><thead><tr><th scope=\"col\">年份</th>"
		     "<th scope=\"col\" data-key=\"actual\">实际值</th>"
		     "<th scope=\"col\" data-key=\"expected\">预期路径</th>"
		     "<th scope=\"col\" data-key=\"target\">目标值</th></tr></thead><tbody>\n");
	for (y = y0; y <= end; y++) {
		double v = NAN, e = path_at(path, y);
		bool est = false, is_base = false;
		json_t *o;
		size_t i;

		json_array_foreach(obs, i, o)
			if (jint(o, "year") == y) {
				jnum(o, "value", &v);
				est = json_is_true(json_object_get(o, "estimated"));
			}
		if (isnan(v) && json_is_object(base) && jint(base, "year") == y) {
			jnum(base, "value", &v);
			is_base = true;
		}
		sb_addf(O, "<tr%s><th scope=\"row\">%d</th><td class=\"num\"%s>", est
			? " data-estimated=\"1\"" : "", y, "");
		h_num(O, v);
		sb_addstr(O, est ? "（预计）" : is_base ? "（基期）" : "");
		sb_addstr(O, "</td><td class=\"num\">");
		h_num(O, e);
		sb_addstr(O, "</td><td class=\"num\">");
		h_num(O, goal);
		sb_addstr(O, "</td></tr>\n");
	}
	sb_addstr(O, "</tbody></table>\n");
}

static const char *kind_label(const char *k)
{
	static const char *const m[][2] = {
		{ "level", "期末水平" }, { "growth", "年均增长" }, { "cumulative", "期内累计" },
		{ "annual", "逐年" }, { "external", "按上级下达目标" }, { "relation", "与相关指标同步" },
	};
	size_t i;

	for (i = 0; k && i < 6; i++)
		if (!strcmp(k, m[i][0]))
			return m[i][1];
	return k ? k : "—";
}

static const char *cmp_label(const char *c)
{
	static const char *const m[][2] = {
		{ "eq", "达到" }, { "ge", "不低于" }, { "le", "不高于" },
		{ "approx", "左右（容差内）" }, { "range", "区间内" },
	};
	size_t i;

	for (i = 0; c && i < 5; i++)
		if (!strcmp(c, m[i][0]))
			return m[i][1];
	return "";
}

/* How each target of ind was judged, in words. */
static void method_words(struct web_page *p, json_t *ind)
{
	json_t *t;
	size_t i;
	double v;

	sb_addstr(O, "<ul class=\"method\">");
	json_array_foreach(json_object_get(ind, "targets"), i, t) {
		sb_addstr(O, "<li>目标“");
		esc(p, js(t, "text"));
		sb_addstr(O, "”按");
		esc(p, kind_label(js(t, "kind")));
		sb_addstr(O, "考核");
		if (jnum(t, "target", &v)) {
			sb_addstr(O, "，");
			esc(p, cmp_label(js(t, "cmp")));
			sb_addstr(O, " ");
			h_num(O, v);
		}
		sb_addstr(O, "。");
		if (jnum(t, "actual", &v)) {
			sb_addf(O, "%d年实际为 ", jint(t, "actual_year"));
			h_num(O, v);
			sb_addstr(O, json_is_true(json_object_get(t, "estimated")) ? "（预计数）" : "");
			sb_addstr(O, "；");
		}
		if (jnum(t, "expected", &v)) {
			sb_addstr(O, "按规划路径此时应为 ");
			h_num(O, v);
			sb_addstr(O, "；");
		}
		if (jnum(t, "progress", &v)) {
			sb_addstr(O, "完成进度 ");
			h_num(O, v * 100);
			sb_addstr(O, "%；");
		}
		sb_addstr(O, "判定为“");
		esc(p, js(t, "label"));
		sb_addstr(O, "”");
		if (js(t, "reason")) {
			sb_addstr(O, "（");
			esc(p, js(t, "reason"));
			sb_addstr(O, "）");
		}
		sb_addstr(O, "。</li>");
	}
	sb_addstr(O, "</ul><p>有多个目标时，指标的状态取各目标判定中最不利的一项；"
		     "含预计数的判定为初步结果，正式数据发布后更新。</p>\n");
}

/* The targets the years' annual documents set for an item (adapt.c,
 * "annual"): each beside the five-year path's value for its year, whether
 * it keeps to that path, and whether the year met it (docs/annual.md). */
static void annual_table(struct web_page *p, json_t *annual)
{
	json_t *a;
	size_t i;

	sb_addstr(O, "<table class=\"data\"><caption>政府工作报告和年度计划确定的年度目标"
		     "</caption><thead><tr><th scope=\"col\">年份</th><th scope=\"col\">年度目标"
		     "</th><th scope=\"col\">规划路径应达值</th><th scope=\"col\">衔接情况</th>"
		     "<th scope=\"col\">当年实际</th><th scope=\"col\">完成情况</th>"
		     "<th scope=\"col\">出处</th></tr></thead><tbody>\n");
	json_array_foreach(annual, i, a) {
		sb_addf(O, "<tr><th scope=\"row\">%d</th><td>", jint(a, "year"));
		esc(p, js(a, "text"));
		sb_addstr(O, "</td><td class=\"num\">");
		num_or_dash(p, a, "path");
		sb_addstr(O, "</td><td>");
		esc(p, js(a, "consistency_label"));
		sb_addstr(O, "</td><td class=\"num\">");
		num_or_dash(p, a, "actual");
		sb_addstr(O, "</td><td>");
		status_badge(p, js(a, "status"));
		sb_addstr(O, "</td><td>");
		esc(p, js(a, "document"));
		sb_addstr(O, "</td></tr>\n");
	}
	sb_addstr(O, "</tbody></table>\n<p>应达值是五年规划目标路径在该年的数值；年度目标低于应达值的，"
		     "按年度目标完成仍可能赶不上五年目标。</p>\n");
}

/* The values in force, one row per year: the latest approved entry. */
static void observation_table(struct web_page *p, json_t *rows)
{
	json_t *r, *shown = json_object();
	size_t i;
	char key[16];

	json_array_foreach(rows, i, r) {
		const char *st = js(r, "state");

		if (st && !strcmp(st, "approved")) {
			snprintf(key, sizeof(key), "%d", jint(r, "year"));
			json_object_set(shown, key, r);
		}
	}
	sb_addstr(O, "<table class=\"data\"><caption>已审核的监测数据</caption><thead><tr>"
		     "<th scope=\"col\">年份</th><th scope=\"col\">数值</th><th scope=\"col\">单位</th>"
		     "<th scope=\"col\">来源</th><th scope=\"col\">录入</th><th scope=\"col\">日期</th>"
		     "<th scope=\"col\">备注</th></tr></thead><tbody>\n");
	json_array_foreach(rows, i, r) {
		const char *at = js(r, "entered_at");

		snprintf(key, sizeof(key), "%d", jint(r, "year"));
		if (json_object_get(shown, key) != r)
			continue;
		sb_addf(O, "<tr><th scope=\"row\">%d</th><td class=\"num\">", jint(r, "year"));
		num_or_dash(p, r, "value");
		sb_addstr(O, json_is_true(json_object_get(r, "estimated")) ? "（预计）" : "");
		sb_addstr(O, "</td><td>");
		esc(p, js(r, "unit"));
		sb_addstr(O, "</td><td>");
		esc(p, js(r, "source"));
		sb_addstr(O, "</td><td>");
		esc(p, js(r, "entered_by"));
		sb_addstr(O, "</td><td>");
		sb_add(O, at ? at : "—", at && strlen(at) >= 10 ? 10 : strlen(at ? at : "—"));
		sb_addstr(O, "</td><td>");
		esc(p, js(r, "note"));
		sb_addstr(O, "</td></tr>\n");
	}
	if (!json_object_size(shown))
		sb_addstr(O, "<tr><td colspan=\"7\">尚无已审核的数据。</td></tr>");
	sb_addstr(O, "</tbody></table>\n");
	json_decref(shown);
}

/* The year to evaluate an indicator at: the plan's default, capped at
 * the end of the indicator's own period (表1 ends before the plan). */
static int indicator_year(struct web_page *p, json_t *ref, int *year, bool *final)
{
	json_t *per = json_object_get(ref, "period");
	int rc = web_lib_eval_year(p->store, jint(ref, "plan"), 0, year);

	*final = false;
	if (rc < 0)
		return rc;
	if (jint(per, "end") && *year >= jint(per, "end")) {
		*year = jint(per, "end");
		*final = true;
	}
	return 0;
}

int page_indicator(struct web_page *p, int64_t id)
{
	json_t *ref, *ev = NULL, *ind;
	int year, rc = web_lib_indicator(p->store, id, &ref);
	bool final;
	struct strbuf title = STRBUF_INIT;

	if (rc < 0)
		return rc;
	if ((rc = indicator_year(p, ref, &year, &final)) < 0 ||
	    (rc = load_eval(p, jint(ref, "plan"), year, final, &ev)) < 0) {
		json_decref(ref);
		return rc;
	}
	if (!(ind = find_id(json_object_get(ev, "indicators"), id))) {
		json_decref(ref);
		json_decref(ev);
		return PW_STORE_NOTFOUND;
	}
	sb_addstr(&title, js(ind, "name") ? js(ind, "name") : "指标");
	page_open(p, title.buf, jint(ref, "plan"));
	sb_release(&title);
	sb_addstr(O, "<dl class=\"facts\"><dt>状态</dt><dd>");
	status_badge(p, js(ind, "status"));
	sb_addstr(O, "</dd><dt>属性</dt><dd>");
	esc(p, attr_label(js(ind, "attribute")));
	sb_addstr(O, "</dd><dt>单位</dt><dd>");
	esc(p, js(ind, "unit"));
	sb_addstr(O, "</dd><dt>规划目标</dt><dd>");
	esc(p, js(ref, "targets"));
	sb_addstr(O, "</dd><dt>最新值</dt><dd>");
	actual_cell(p, ind);
	sb_addstr(O, "</dd><dt>领域</dt><dd>");
	esc(p, js(ind, "category"));
	sb_addstr(O, "</dd><dt>牵头单位</dt><dd>");
	esc(p, js(ref, "lead_unit"));
	sb_addstr(O, "</dd></dl>\n");
	section(p, "h-path", "目标路径与实际值");
	sb_addstr(O, "<div class=\"pair\">");
	chart(p, "path", "t-path", "基期值、预期路径、目标值和历年实际值（预计数另行标出）");
	chart_table(p, ind, jint(json_object_get(json_object_get(ev, "report"), "period"), "start"),
		    jint(json_object_get(json_object_get(ev, "report"), "period"), "end"));
	sb_addstr(O, "</div></section>\n");
	section(p, "h-method", "判定方法");
	method_words(p, ind);
	sb_addstr(O, "</section>\n");
	if (json_array_size(json_object_get(ind, "annual"))) {
		section(p, "h-annual", "年度目标");
		annual_table(p, json_object_get(ind, "annual"));
		sb_addstr(O, "</section>\n");
	}
	section(p, "h-obs", "监测数据");
	observation_table(p, json_object_get(ref, "observations"));
	sb_addstr(O, "</section>\n");
	page_close(p);
	json_decref(ref);
	json_decref(ev);
	return 0;
}

/* ---- prose targets, projects ---- */

/* Under a prose target: each year's own target and whether it was met. */
static void annual_lines(struct web_page *p, json_t *annual)
{
	json_t *a;
	size_t i;

	json_array_foreach(annual, i, a) {
		sb_addf(O, "<br><small class=\"annual\">%d年度目标：", jint(a, "year"));
		esc(p, js(a, "text"));
		sb_addstr(O, "（");
		esc(p, status_label(js(a, "status")));
		sb_addstr(O, "）</small>");
	}
}

int page_targets(struct web_page *p, int plan_id)
{
	json_t *ev, *t;
	const char *chapter = NULL;
	size_t i;
	int rc = load_eval(p, plan_id, 0, false, &ev);

	if (rc < 0)
		return rc;
	plan_heading(p, ev, "文字目标", plan_id);
	sb_addstr(O, "<p>规划正文中的量化目标，按所在章列出。</p>\n");
	json_array_foreach(json_object_get(ev, "targets"), i, t) {
		const char *ch = js(t, "chapter");

		if (!chapter || !ch || strcmp(ch, chapter)) {
			if (chapter)
				sb_addstr(O, "</tbody></table>\n");
			sb_addstr(O, "<h2>");
			esc(p, ch ? ch : "其他");
			sb_addstr(O, "</h2><table class=\"data\"><thead><tr><th scope=\"col\">目标</th>"
				     "<th scope=\"col\">内容</th><th scope=\"col\">最新值</th>"
				     "<th scope=\"col\">状态</th><th scope=\"col\">牵头单位</th></tr></thead><tbody>");
			chapter = ch ? ch : "";
		}
		sb_addstr(O, "<tr><td>");
		esc(p, js(t, "text"));
		annual_lines(p, json_object_get(t, "annual"));
		sb_addstr(O, "</td><td>");
		esc(p, js(t, "subject"));
		sb_addstr(O, "</td><td class=\"num\">");
		num_or_dash(p, t, "actual");
		sb_addstr(O, "</td><td>");
		status_badge(p, js(t, "status"));
		sb_addstr(O, "</td><td>");
		esc(p, js(t, "lead_unit"));
		sb_addstr(O, "</td></tr>\n");
	}
	if (chapter)
		sb_addstr(O, "</tbody></table>\n");
	page_close(p);
	json_decref(ev);
	return 0;
}

static const char *progress_label(const char *s)
{
	static const char *const m[][2] = {
		{ "not_started", "未开工" }, { "in_progress", "推进中" }, { "completed", "已完成" },
		{ "delayed", "滞后" }, { "suspended", "暂停" },
	};
	size_t i;

	for (i = 0; s && i < 5; i++)
		if (!strcmp(s, m[i][0]))
			return m[i][1];
	return "未报送";
}

int page_projects(struct web_page *p, int plan_id)
{
	json_t *ev, *it;
	const char *column = NULL;
	size_t i;
	double pc;
	int rc = load_eval(p, plan_id, 0, false, &ev);

	if (rc < 0)
		return rc;
	plan_heading(p, ev, "专栏项目", plan_id);
	json_array_foreach(json_object_get(ev, "projects"), i, it) {
		const char *col = js(it, "column");

		if (!column || !col || strcmp(col, column)) {
			if (column)
				sb_addstr(O, "</tbody></table>\n");
			sb_addstr(O, "<h2>");
			esc(p, col ? col : "其他");
			sb_addstr(O, "</h2><table class=\"data\"><thead><tr><th scope=\"col\">项目</th>"
				     "<th scope=\"col\">牵头单位</th><th scope=\"col\">进展</th>"
				     "<th scope=\"col\">完成比例</th><th scope=\"col\">报告年份</th>"
				     "<th scope=\"col\">说明</th></tr></thead><tbody>");
			column = col ? col : "";
		}
		sb_addstr(O, "<tr><td>");
		esc(p, js(it, "title"));
		sb_addstr(O, "</td><td>");
		esc(p, js(it, "lead_unit"));
		sb_addstr(O, "</td><td>");
		esc(p, progress_label(js(it, "status")));
		sb_addstr(O, "</td><td class=\"num\">");
		if (jnum(it, "percent", &pc)) {
			sb_addstr(O, "<progress max=\"100\" value=\"");
			h_num(O, pc);
			sb_addstr(O, "\"></progress> ");
			h_num(O, pc);
			sb_addstr(O, "%");
		} else {
			sb_addstr(O, "—");
		}
		sb_addstr(O, "</td><td>");
		if (jint(it, "year"))
			sb_addf(O, "%d", jint(it, "year"));
		else
			sb_addstr(O, "—");
		sb_addstr(O, "</td><td>");
		esc(p, js(it, "note"));
		sb_addstr(O, "</td></tr>\n");
	}
	if (column)
		sb_addstr(O, "</tbody></table>\n");
	page_close(p);
	json_decref(ev);
	return 0;
}

/* ---- 表1 ---- */

int page_previous(struct web_page *p, int plan_id)
{
	json_t *plan, *ev = NULL;
	int start, rc = web_lib_plan(p->store, plan_id, &plan);

	if (rc < 0)
		return rc;
	start = jint(json_object_get(plan, "period"), "start");
	json_decref(plan);
	if (!start || load_eval(p, plan_id, start - 1, true, &ev) < 0 ||
	    !json_is_true(json_object_get(json_object_get(ev, "report"), "previous_plan"))) {
		json_decref(ev);
		page_open(p, "上期规划完成情况（表1）", plan_id);
		sb_addstr(O, "<p>本规划没有上期规划主要指标完成情况表。</p>\n");
		page_close(p);
		return 0;
	}
	plan_heading(p, ev, "上期规划完成情况（表1）", plan_id);
	sb_addstr(O, "<div class=\"pair\">");
	chart(p, "status", "t-status", "上期规划指标完成情况");
	status_table(p, json_object_get(json_object_get(ev, "summary"), "by_status"), "t-status",
		     "上期规划指标完成情况");
	sb_addstr(O, "</div>\n");
	indicator_rows(p, json_object_get(ev, "indicators"), NULL);
	page_close(p);
	json_decref(ev);
	return 0;
}

/* ---- reporting status ---- */

bool web_overdue(const char *due)
{
	return pw_deadline_passed(due, NULL);
}

void web_year_state(json_t *obs, int y, const char *due, const char **cls, const char **text)
{
	json_t *o;
	size_t i;

	*cls = web_overdue(due) ? "late" : "open";
	*text = web_overdue(due) ? "逾期未报" : "未到期";
	json_array_foreach(obs, i, o) {
		const char *st = js(o, "state");

		if (jint(o, "year") != y || !json_is_true(json_object_get(o, "current")) || !st)
			continue;
		if (!strcmp(st, "approved")) {
			*cls = "done";
			*text = "已审核";
		} else if (!strcmp(st, "submitted")) {
			*cls = "wait";
			*text = "待审核";
		} else if (!strcmp(st, "returned")) {
			*cls = "late";
			*text = "已退回";
		}
	}
}

/* The deadline of each year's figures for every unit, as the reporting
 * page states them ("2021年数据：2022-02-15前（规划部门设定）"). */
static void deadlines_list(struct web_page *p, int plan_id, int start, int last)
{
	char due[PW_DUE_SIZE];
	bool set;
	int y;

	sb_addstr(O, "<ul class=\"deadlines\">");
	for (y = start; y <= last; y++) {
		web_lib_deadline(p->store, plan_id, y, NULL, due, &set);
		sb_addf(O, "<li>%d年数据：%s前报送（%s）</li>", y, due,
			set ? "规划部门设定" : "默认：次年3月31日");
	}
	sb_addstr(O, "</ul>\n");
}

int page_reporting(struct web_page *p, int plan_id)
{
	json_t *ev, *ind, *rep;
	int start, last, y, rc = load_eval(p, plan_id, 0, false, &ev);
	size_t i;

	if (rc < 0)
		return rc;
	rep = json_object_get(ev, "report");
	start = jint(json_object_get(rep, "period"), "start");
	last = jint(rep, "year");
	plan_heading(p, ev, "数据填报情况", plan_id);
	sb_addstr(O, "<p>各责任单位应报送的指标数据及其状态。报送截止日期由规划部门设定，"
		     "未设定的为次年3月31日；到期仍未报送或被退回的标为逾期。</p>\n");
	deadlines_list(p, plan_id, start, last);
	sb_addstr(O, "<div class=\"scroll\"><table class=\"data\">"
		     "<thead><tr><th scope=\"col\">牵头单位</th><th scope=\"col\">指标</th>");
	for (y = start; y <= last; y++)
		sb_addf(O, "<th scope=\"col\">%d年</th>", y);
	sb_addstr(O, "</tr></thead><tbody>\n");
	json_array_foreach(json_object_get(ev, "indicators"), i, ind) {
		json_t *ref;

		if (web_lib_indicator(p->store, json_integer_value(json_object_get(ind, "id")),
				      &ref) < 0)
			continue;
		sb_addstr(O, "<tr><td>");
		esc(p, js(ind, "lead_unit") ? js(ind, "lead_unit") : "未分工");
		sb_addstr(O, "</td><td>");
		indicator_link(p, ind);
		sb_addstr(O, "</td>");
		for (y = start; y <= last; y++) {
			const char *cls, *text;
			char due[PW_DUE_SIZE];

			web_lib_deadline(p->store, plan_id, y, js(ind, "lead_unit"), due, NULL);
			web_year_state(json_object_get(ref, "observations"), y, due, &cls, &text);
			sb_addf(O, "<td class=\"rs rs-%s\" title=\"截止 %s\">%s</td>", cls, due, text);
		}
		sb_addstr(O, "</tr>\n");
		json_decref(ref);
	}
	sb_addstr(O, "</tbody></table></div>\n");
	page_close(p);
	json_decref(ev);
	return 0;
}

/* ---- downloads ---- */

static void report_links(void *cls, int plan_id, int year, const char *kind, const char *label)
{
	static const char *const formats[][2] = {
		{ "docx", "Word" }, { "xlsx", "Excel" }, { "html", "网页" },
	};
	struct web_page *p = cls;
	char path[96];
	size_t f;

	sb_addf(O, "<li>%d年 ", year);
	esc(p, label);
	sb_addstr(O, "：");
	for (f = 0; f < 3; f++) {
		snprintf(path, sizeof(path), "plans/%d/reports/%d/%s.%s", plan_id, year, kind,
			 formats[f][0]);
		sb_addstr(O, " <a href=\"");
		h_href_file(p, path);
		sb_addstr(O, "\">");
		esc(p, formats[f][1]);
		sb_addstr(O, "</a>");
	}
	sb_addstr(O, "</li>\n");
}

int web_reports_offered(struct pw_store *s, int plan_id, web_report_fn *fn, void *cls)
{
	json_t *plan;
	int start, end, last, y;
	int rc = web_lib_plan(s, plan_id, &plan);

	if (rc < 0)
		return rc;
	start = jint(json_object_get(plan, "period"), "start");
	end = jint(json_object_get(plan, "period"), "end");
	json_decref(plan);
	if ((rc = web_lib_eval_year(s, plan_id, 0, &last)) < 0)
		return rc;
	if (start > 1900)
		fn(cls, plan_id, start - 1, "final", "上期规划总结评估报告");
	for (y = start; y <= last && y <= end; y++)
		fn(cls, plan_id, y, "annual", "年度监测报告");
	if (start && start + 2 <= last)
		fn(cls, plan_id, start + 2, "midterm", "中期评估报告");
	if (end && end <= last)
		fn(cls, plan_id, end, "final", "总结评估报告");
	return 0;
}

static const char *const table_labels[] = {
	"主要指标及状态", "文字目标", "专栏项目", "上期规划完成情况（表1）", "监测数据（已审核值）",
	"填报情况",
};

int page_downloads(struct web_page *p, int plan_id)
{
	size_t t, f;
	char path[96];
	int rc;

	page_open(p, "报告与开放数据", plan_id);
	sb_addstr(O, "<h2>监测评估报告</h2><ul class=\"downloads\">\n");
	if ((rc = web_reports_offered(p->store, plan_id, report_links, p)) < 0)
		return rc;
	sb_addstr(O, "</ul>\n<h2>开放数据</h2><p>页面上显示的全部数据，地址固定；CSV 为 UTF-8（带 BOM，"
		     "可直接用 Excel 打开）。</p><table class=\"data\"><thead><tr><th scope=\"col\">数据</th>"
		     "<th scope=\"col\">下载</th></tr></thead><tbody>\n");
	for (t = 0; web_data_tables[t]; t++) {
		sb_addstr(O, "<tr><td>");
		esc(p, table_labels[t]);
		sb_addstr(O, "</td><td>");
		for (f = 0; f < 3; f++) {
			static const char *const fmt[] = { "csv", "json", "xlsx" };

			snprintf(path, sizeof(path), "data/plans/%d/%s.%s", plan_id, web_data_tables[t],
				 fmt[f]);
			sb_addstr(O, " <a href=\"");
			h_href_file(p, path);
			sb_addstr(O, "\">");
			esc(p, fmt[f]);
			sb_addstr(O, "</a>");
		}
		sb_addstr(O, "</td></tr>\n");
	}
	sb_addstr(O, "</tbody></table>\n");
	page_close(p);
	return 0;
}
