/*
 * data.c - the open data of a plan: the tables the pages show, as CSV
 * (UTF-8 with BOM, so Excel opens it; fields guarded against formulas),
 * JSON ({"columns": [{"key", "label"}], "rows": [{key: value}]}) and
 * xlsx, at stable URLs /data/plans/{id}/{table}.{csv,json,xlsx}.  Built
 * from the same evaluation as the pages (adapt.c).
 */
#include "monitor/csv.h"
#include "store/monitor.h"
#include "store/store.h"
#include "util/error.h"
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

const char *const web_data_tables[] = { "indicators", "targets", "projects", "previous",
					"observations", "reporting", NULL };

/* One column: its key, Chinese label and where the value is in a row
 * object of the evaluation ("a.b": member b of member a). */
struct col {
	const char *key, *label, *from;
};

static const struct col ind_cols[] = {
	{ "id", "编号", "id" }, { "no", "序号", "no" }, { "name", "指标", "name" },
	{ "unit", "单位", "unit" }, { "attribute", "属性", "attribute" },
	{ "category", "领域", "category" }, { "target", "目标", "targets.0.text" },
	{ "actual", "最新值", "actual.value" }, { "actual_year", "年份", "actual.year" },
	{ "estimated", "预计", "actual.estimated" }, { "status", "状态", "label" },
	{ "status_code", "状态代码", "status" }, { "lead_unit", "牵头单位", "lead_unit" },
	{ NULL, NULL, NULL },
};
static const struct col target_cols[] = {
	{ "id", "编号", "id" }, { "chapter", "章", "chapter" }, { "subject", "内容", "subject" },
	{ "text", "目标", "text" }, { "unit", "单位", "unit" }, { "actual", "最新值", "actual" },
	{ "status", "状态", "label" }, { "status_code", "状态代码", "status" },
	{ "lead_unit", "牵头单位", "lead_unit" }, { NULL, NULL, NULL },
};
static const struct col project_cols[] = {
	{ "id", "编号", "id" }, { "column", "专栏", "column" }, { "title", "项目", "title" },
	{ "lead_unit", "牵头单位", "lead_unit" }, { "status", "进展", "status" },
	{ "percent", "完成比例", "percent" }, { "year", "报告年份", "year" },
	{ "note", "说明", "note" }, { NULL, NULL, NULL },
};
static const struct col obs_cols[] = {
	{ "indicator_id", "指标编号", "indicator_id" }, { "name", "指标", "name" },
	{ "year", "年份", "year" }, { "value", "数值", "value" },
	{ "estimated", "预计", "estimated" }, { "unit", "单位", "unit" },
	{ "source", "来源", "source" }, { "note", "备注", "note" }, { NULL, NULL, NULL },
};

static const struct col reporting_cols[] = {
	{ "lead_unit", "牵头单位", "lead_unit" }, { "indicator_id", "指标编号", "indicator_id" },
	{ "name", "指标", "name" }, { "year", "年份", "year" }, { "state", "状态", "state" },
	{ "deadline", "截止日期", "deadline" }, { "late", "逾期", "late" }, { NULL, NULL, NULL },
};

/* The value at path "a.0.b" in o, or NULL. */
static json_t *at_path(json_t *o, const char *path)
{
	char part[32];

	while (o && *path) {
		size_t n = strcspn(path, ".");

		snprintf(part, sizeof(part), "%.*s", (int)n, path);
		o = json_is_array(o) ? json_array_get(o, strtoul(part, NULL, 10))
				     : json_object_get(o, part);
		path += n + (path[n] == '.');
	}
	return o;
}

/* rows: array of objects -> array of objects with the columns' keys. */
static json_t *project(json_t *rows, const struct col *cols)
{
	json_t *out = json_array(), *r;
	size_t i, c;

	json_array_foreach(rows, i, r) {
		json_t *o = json_object();

		for (c = 0; cols[c].key; c++) {
			json_t *v = at_path(r, cols[c].from);

			json_object_set(o, cols[c].key, v ? v : json_null());
		}
		json_array_append_new(out, o);
	}
	return out;
}

/* The approved value of each indicator and year of the evaluation. */
static json_t *observations(struct pw_store *s, json_t *ev)
{
	json_t *out = json_array(), *ind, *ref, *o;
	size_t i, k;

	json_array_foreach(json_object_get(ev, "indicators"), i, ind) {
		json_int_t id = json_integer_value(json_object_get(ind, "id"));

		if (web_lib_indicator(s, id, &ref) < 0)
			continue;
		json_array_foreach(json_object_get(ref, "observations"), k, o) {
			const char *st = json_string_value(json_object_get(o, "state"));

			if (!st || strcmp(st, "approved"))
				continue;
			o = json_deep_copy(o);
			json_object_set_new(o, "indicator_id", json_integer(id));
			json_object_set(o, "name", json_object_get(ind, "name"));
			json_array_append_new(out, o);
		}
		json_decref(ref);
	}
	return out;
}

/* Who owes which figures for which year (the reporting page's matrix as
 * rows): every indicator of the evaluation, every year of its period up
 * to the evaluated one. */
static json_t *reporting(struct pw_store *s, json_t *ev, int plan_id)
{
	json_t *rep = json_object_get(ev, "report"), *out = json_array(), *ind, *ref;
	int start = (int)json_integer_value(json_object_get(json_object_get(rep, "period"), "start"));
	int last = (int)json_integer_value(json_object_get(rep, "year")), y;
	size_t i;
	char deadline[PW_DUE_SIZE];

	json_array_foreach(json_object_get(ev, "indicators"), i, ind) {
		json_int_t id = json_integer_value(json_object_get(ind, "id"));

		if (web_lib_indicator(s, id, &ref) < 0)
			continue;
		for (y = start; y <= last; y++) {
			const char *cls, *text;

			web_lib_deadline(s, plan_id, y, json_string_value(json_object_get(ind,
					 "lead_unit")), deadline, NULL);
			web_year_state(json_object_get(ref, "observations"), y, deadline, &cls, &text);
			json_array_append_new(out, json_pack("{s:O, s:I, s:O, s:i, s:s, s:s, s:b}",
				"lead_unit", json_object_get(ind, "lead_unit"), "indicator_id", id,
				"name", json_object_get(ind, "name"), "year", y, "state", text,
				"deadline", deadline, "late", !strcmp(cls, "late")));
		}
		json_decref(ref);
	}
	return out;
}

/* The rows of table for plan_id and their columns; PW_STORE_NOTFOUND for
 * an unknown table. */
static int table_rows(struct pw_store *s, int plan_id, const char *table, json_t **rows,
		      const struct col **cols)
{
	json_t *ev, *plan;
	int rc, start;

	if (!strcmp(table, "previous")) {
		if ((rc = web_lib_plan(s, plan_id, &plan)) < 0)
			return rc;
		start = (int)json_integer_value(json_object_get(json_object_get(plan, "period"),
								"start"));
		json_decref(plan);
		if (!start || web_lib_evaluation(s, plan_id, start - 1, true, &ev) < 0) {
			pw_clear_error();
			*rows = json_array();
			*cols = ind_cols;
			return 0;
		}
		*rows = project(json_object_get(ev, "indicators"), ind_cols);
		*cols = ind_cols;
		json_decref(ev);
		return 0;
	}
	if (strcmp(table, "indicators") && strcmp(table, "targets") && strcmp(table, "projects") &&
	    strcmp(table, "observations") && strcmp(table, "reporting"))
		return PW_STORE_NOTFOUND;
	if ((rc = web_lib_evaluation(s, plan_id, 0, false, &ev)) < 0)
		return rc;
	if (!strcmp(table, "observations") || !strcmp(table, "reporting")) {
		bool is_obs = !strcmp(table, "observations");
		json_t *all = is_obs ? observations(s, ev) : reporting(s, ev, plan_id);

		*cols = is_obs ? obs_cols : reporting_cols;
		*rows = project(all, *cols);
		json_decref(all);
	} else {
		*cols = !strcmp(table, "indicators") ? ind_cols
			: !strcmp(table, "targets") ? target_cols : project_cols;
		*rows = project(json_object_get(ev, table), *cols);
	}
	json_decref(ev);
	return 0;
}

/* A cell as text: strings as they are, numbers as the pages show them,
 * booleans 是/否, null empty. */
static void cell_text(json_t *v, struct strbuf *out)
{
	if (json_is_string(v))
		sb_addstr(out, json_string_value(v));
	else if (json_is_integer(v))
		sb_addf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		h_num(out, json_real_value(v));
	else if (json_is_boolean(v))
		sb_addstr(out, json_is_true(v) ? "是" : "否");
}

static void write_csv(json_t *rows, const struct col *cols, struct strbuf *out)
{
	struct strbuf cell = STRBUF_INIT;
	json_t *r;
	size_t i, c;

	sb_addstr(out, "\xef\xbb\xbf");
	for (c = 0; cols[c].key; c++) {
		if (c)
			sb_addch(out, ',');
		pw_csv_field(out, cols[c].label);
	}
	sb_addstr(out, "\r\n");
	json_array_foreach(rows, i, r) {
		for (c = 0; cols[c].key; c++) {
			sb_reset(&cell);
			cell_text(json_object_get(r, cols[c].key), &cell);
			if (c)
				sb_addch(out, ',');
			pw_csv_field(out, cell.buf);
		}
		sb_addstr(out, "\r\n");
	}
	sb_release(&cell);
}

static int write_xlsx(json_t *rows, const struct col *cols, char **data, size_t *len)
{
	char path[] = "/tmp/planwatch-data-XXXXXX";
	struct strbuf cell = STRBUF_INIT, sb = STRBUF_INIT;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	json_t *r;
	size_t i, c;
	int fd = mkstemp(path);
	FILE *f;
	char buf[8192];

	if (fd < 0)
		return pw_error("cannot create a temporary file");
	close(fd);
	wb = workbook_new(path);
	ws = wb ? workbook_add_worksheet(wb, "data") : NULL;
	if (!ws) {
		remove(path);
		return pw_error("cannot write a workbook");
	}
	for (c = 0; cols[c].key; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c].label, NULL);
	json_array_foreach(rows, i, r)
		for (c = 0; cols[c].key; c++) {
			json_t *v = json_object_get(r, cols[c].key);

			if (json_is_number(v)) {
				worksheet_write_number(ws, (lxw_row_t)i + 1, (lxw_col_t)c,
						       json_number_value(v), NULL);
				continue;
			}
			sb_reset(&cell);
			cell_text(v, &cell);
			if (cell.len)
				worksheet_write_string(ws, (lxw_row_t)i + 1, (lxw_col_t)c, cell.buf,
						       NULL);
		}
	sb_release(&cell);
	if (workbook_close(wb) != LXW_NO_ERROR || !(f = fopen(path, "rb"))) {
		remove(path);
		return pw_error("cannot write a workbook");
	}
	while ((i = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, i);
	fclose(f);
	remove(path);
	*data = sb_detach(&sb, len);
	return 0;
}

int web_open_data(struct pw_store *s, int plan_id, const char *table, const char *format,
		  char **data, size_t *len, const char **ctype)
{
	const struct col *cols;
	json_t *rows;
	int rc;

	if (strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "xlsx"))
		return PW_STORE_NOTFOUND;
	if ((rc = table_rows(s, plan_id, table, &rows, &cols)) < 0)
		return rc;
	if (!strcmp(format, "csv")) {
		struct strbuf sb = STRBUF_INIT;

		write_csv(rows, cols, &sb);
		*data = sb_detach(&sb, len);
		*ctype = "text/csv; charset=utf-8";
	} else if (!strcmp(format, "json")) {
		json_t *doc = json_object(), *cl = json_array();
		size_t c;

		for (c = 0; cols[c].key; c++)
			json_array_append_new(cl, json_pack("{s:s, s:s}", "key", cols[c].key, "label",
							    cols[c].label));
		json_object_set_new(doc, "columns", cl);
		json_object_set(doc, "rows", rows);
		*data = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
					JSON_REAL_PRECISION(15));
		*len = strlen(*data);
		json_decref(doc);
		*ctype = "application/json; charset=utf-8";
	} else {
		rc = write_xlsx(rows, cols, data, len);
		*ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	}
	json_decref(rows);
	return rc;
}
