/*
 * adapt.c - the web side's only calls into the library: plans and plan
 * infos (store/store.h), the evaluation behind "assess --db"
 * (report/evaluation.h), indicator facts and observations
 * (store/monitor.h), and recording a value through the validation of
 * "planwatch record" (monitor/batch.h).  Each turns the library's structs
 * into JSON for api.c; when the library moves (an eval/ module), only
 * this file changes.
 */
#include "assess/assess_plan.h"
#include "monitor/batch.h"
#include "eval/evaluation.h"
#include "eval/policy.h"
#include "report/report.h"
#include "report/report_svg.h"
#include "store/monitor.h"
#include "store/store.h"
#include "store/users.h"
#include "util/error.h"
#include "web/web_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

static json_t *str_or_null(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

static json_t *int_or_null(int v)
{
	return v ? json_integer(v) : json_null();
}

static json_t *plan_info_json(const struct pw_plan_info *p)
{
	return json_pack("{s:i, s:o, s:o, s:o, s:{s:o, s:o}, s:i, s:o, s:o}", "id", p->id,
			 "title", str_or_null(p->title), "region", str_or_null(p->region),
			 "ordinal", int_or_null(p->ordinal), "period",
			 "start", int_or_null(p->start), "end", int_or_null(p->end),
			 "version", p->version, "region_code", str_or_null(p->region_code),
			 "region_path", str_or_null(p->region_path));
}

int web_lib_plans(struct pw_store *s, json_t **out)
{
	struct pw_plan_info *infos;
	size_t n, i;

	if (pw_store_list_plans(s, &infos, &n) < 0)
		return -1;
	*out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*out, plan_info_json(&infos[i]));
	pw_plan_info_free_array(infos, n);
	return 0;
}

int web_lib_plan(struct pw_store *s, int plan_id, json_t **out)
{
	struct pw_plan_info p;
	int rc = pw_store_plan_info(s, plan_id, 0, &p);

	if (rc < 0)
		return rc;
	*out = plan_info_json(&p);
	json_object_set_new(*out, "counts", json_pack("{s:i, s:i, s:i, s:i, s:i}",
		"tables", p.ntables, "indicators", p.nindicators, "targets", p.ntargets,
		"columns", p.ncolumns, "projects", p.nitems));
	json_object_set_new(*out, "imported_at", str_or_null(p.imported_at));
	pw_plan_info_release(&p);
	return 0;
}

/* The year and kind the CLI would take (eval/policy.h: one policy). */
static int default_year(int start, int end)
{
	return pw_policy_default_year(PW_REPORT_ANNUAL, start, end);
}

static json_t *eval_indicator_json(const struct pw_evaluation *ev,
				   const struct pw_eval_indicator *e)
{
	json_t *o = pw_assessment_to_json(e->ind, &e->a);

	if (!o)
		return NULL;
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "plan", json_integer(ev->plan_id));
	json_object_set_new(o, "table", json_integer((json_int_t)e->table + 1));
	json_object_set_new(o, "category", str_or_null(e->ind->category));
	json_object_set_new(o, "line", json_integer(e->ind->line));
	json_object_set_new(o, "lead_unit", str_or_null(e->lead_unit));
	json_object_set_new(o, "latest", e->has_latest
		? json_pack("{s:i, s:f, s:b}", "year", e->latest_year, "value", e->latest,
			    "estimated", e->latest_estimated)
		: json_null());
	return o;
}

int web_lib_eval_year(struct pw_store *s, int plan_id, int year, int *out)
{
	struct pw_plan_info info;
	int rc = pw_store_plan_info(s, plan_id, 0, &info);

	if (rc < 0)
		return rc;
	*out = year ? year : default_year(info.start, info.end);
	pw_plan_info_release(&info);
	return 0;
}

int web_lib_stamp(struct pw_store *s, int64_t *stamp)
{
	return pw_store_change_stamp(s, stamp);
}

/* The targets annual documents set for the year (docs/annual.md), as the
 * annual report's JSON has them. */
static json_t *annual_targets_json(const struct pw_evaluation *ev)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < ev->nannual; i++)
		if (ev->annual[i].year == ev->year)
			json_array_append_new(a, pw_eval_annual_to_json(&ev->annual[i]));
	return a;
}

int web_lib_plan_indicators(struct pw_store *s, int plan_id, int year, json_t **out)
{
	struct pw_plan_info info;
	struct pw_eval_opts eo;
	struct pw_evaluation ev;
	json_t *inds;
	size_t i;
	int rc = pw_store_plan_info(s, plan_id, 0, &info);

	if (rc < 0)
		return rc;
	pw_eval_opts_init(&eo);
	eo.year = year ? year : default_year(info.start, info.end);
	eo.kind = pw_policy_default_kind(eo.year, info.end);
	pw_plan_info_release(&info);
	if ((rc = pw_eval_from_store(s, plan_id, 0, &eo, &ev)) < 0)
		return rc;
	inds = json_array();
	for (i = 0; i < ev.ninds; i++) {
		json_t *o = eval_indicator_json(&ev, &ev.inds[i]);

		if (!o) {
			json_decref(inds);
			pw_eval_release(&ev);
			return pw_error("indicator %lld: text is not UTF-8", (long long)ev.inds[i].id);
		}
		json_array_append_new(inds, o);
	}
	*out = json_pack("{s:i, s:i, s:{s:i, s:i}, s:f, s:o, s:o}", "plan", plan_id, "year", ev.year,
			 "period", "start", ev.start, "end", ev.end, "approx_tolerance",
			 ev.assess.approx_tol, "indicators", inds, "annual_targets",
			 annual_targets_json(&ev));
	pw_eval_release(&ev);
	return 0;
}

static json_t *obs_row_json(const struct pw_obs_row *r)
{
	return json_pack("{s:I, s:i, s:o, s:b, s:o, s:o, s:o, s:o, s:s, s:i, s:o, s:o, s:b}",
			 "id", (json_int_t)r->id, "year", r->year,
			 "value", r->has_value ? json_real(r->value) : json_null(),
			 "estimated", r->estimated, "unit", str_or_null(r->unit),
			 "source", str_or_null(r->source), "note", str_or_null(r->note),
			 "review_note", str_or_null(r->review_note),
			 "state", pw_obs_state_name(r->state), "version", r->version,
			 "entered_by", str_or_null(r->entered_by),
			 "entered_at", str_or_null(r->entered_at), "current", r->current);
}

/* The limits the planning office set, {min, max, note, text}, or null. */
static json_t *limits_json(const struct pw_monitor_ref *f)
{
	const struct pw_limits *l = &f->limits;
	struct strbuf text = STRBUF_INIT;
	json_t *o;

	if (!l->has_min && !l->has_max)
		return json_null();
	pw_batch_limits_text(l, f->unit, &text);
	o = json_pack("{s:o, s:o, s:o, s:s}", "min", l->has_min ? json_real(l->min) : json_null(),
		      "max", l->has_max ? json_real(l->max) : json_null(), "note",
		      str_or_null(l->note), "text", text.buf);
	sb_release(&text);
	return o;
}

static json_t *ref_json(const struct pw_monitor_ref *f)
{
	json_t *o = json_pack("{s:I, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o}",
			 "id", (json_int_t)f->id, "plan", f->plan_id,
			 "table", int_or_null(f->table_no), "no", str_or_null(f->no),
			 "group", str_or_null(f->group), "name", str_or_null(f->name),
			 "unit", str_or_null(f->unit),
			 "attribute", str_or_null(pw_attr_name(f->attribute)),
			 "direction", pw_dir_name(f->direction),
			 "baseline", f->has_baseline ? json_pack("{s:i, s:f}", "year",
				f->baseline_year, "value", f->baseline) : json_null(),
			 "period", json_pack("{s:o, s:o}", "start", int_or_null(f->start),
					     "end", int_or_null(f->end)),
			 "targets", str_or_null(f->target_text));

	json_object_set_new(o, "limits", limits_json(f));
	return o;
}

int web_lib_indicator(struct pw_store *s, int64_t id, json_t **out)
{
	struct pw_monitor_ref f;
	struct pw_obs_row *rows;
	char *unit = NULL;
	json_t *obs;
	size_t n, i;
	int rc = pw_store_monitor_ref(s, PW_ENTITY_INDICATOR, id, &f);

	if (rc < 0)
		return rc;
	if (pw_store_obs_list(s, PW_ENTITY_INDICATOR, id, true, &rows, &n) < 0 ||
	    web_lib_lead_unit(s, id, &unit) < 0) {
		pw_monitor_ref_release(&f);
		return -1;
	}
	*out = ref_json(&f);
	obs = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(obs, obs_row_json(&rows[i]));
	json_object_set_new(*out, "lead_unit", str_or_null(unit));
	json_object_set_new(*out, "observations", obs);
	pw_obs_row_free_array(rows, n);
	pw_monitor_ref_release(&f);
	free(unit);
	return 0;
}

int web_lib_lead_unit(struct pw_store *s, int64_t indicator_id, char **unit)
{
	int rc = pw_store_lead_unit(s, PW_ENTITY_INDICATOR, indicator_id, 0, unit);

	if (rc == PW_STORE_NOTFOUND) {
		*unit = NULL;
		return 0;
	}
	return rc;
}

static json_t *diags_json(const struct pw_batch *b, enum pw_diag_kind kind)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < b->ndiags; i++)
		if (b->diags[i].kind == kind)
			json_array_append_new(a, str_or_null(b->diags[i].msg));
	return a;
}

static json_t *recorded_json(const struct web_obs *in, const struct pw_batch *b,
			     enum pw_obs_state state)
{
	const struct pw_batch_row *row = &b->rows[0];

	return json_pack("{s:I, s:i, s:f, s:b, s:o, s:o, s:s, s:b, s:o}",
			 "indicator_id", (json_int_t)in->indicator_id, "year", row->year,
			 "value", row->value, "estimated", row->estimated,
			 "unit", str_or_null(row->unit), "note", str_or_null(row->note),
			 "state", pw_obs_state_name(state), "unchanged", row->unchanged,
			 "warnings", diags_json(b, PW_DIAG_WARNING));
}

int web_lib_record(struct pw_store *s, const struct web_obs *in, json_t **out)
{
	struct pw_batch b;
	struct pw_batch_input bi = {
		.entity = PW_ENTITY_INDICATOR, .id = in->indicator_id, .year = in->year,
		.value = in->value, .unit = in->unit, .source = in->source, .note = in->note,
		.estimated = in->estimated ? "1" : NULL,
	};
	struct pw_batch_opts o = { .by = in->by, .user_id = in->user_id,
				   .state = in->approved ? PW_OBS_APPROVED : PW_OBS_SUBMITTED };
	int rc;

	pw_batch_init(&b, NULL);
	b.opts = &o; /* the same value again is not recorded again */
	web_write_lock(); /* validation reads what the commit relies on */
	rc = pw_batch_add(s, &b, &bi);
	if (rc == 0 && pw_batch_commit(s, &b, &o, NULL) < 0)
		rc = -1;
	web_write_unlock();
	if (rc == 0)
		*out = recorded_json(in, &b, o.state);
	else if (rc == 1)
		*out = json_pack("{s:o, s:o}", "errors", diags_json(&b, PW_DIAG_ERROR),
				 "warnings", diags_json(&b, PW_DIAG_WARNING));
	pw_batch_release(&b);
	return rc;
}

int web_lib_indicator_exists(struct pw_store *s, int64_t id)
{
	struct pw_monitor_ref f;
	int rc = pw_store_monitor_ref(s, PW_ENTITY_INDICATOR, id, &f);

	if (rc == 0)
		pw_monitor_ref_release(&f);
	return rc;
}

/* ---- what the pages use (pages.c, data.c, review.c) ---- */

/* [[year, value], ...] of the planned path of e, or null. */
static json_t *path_json(const struct pw_eval_indicator *e)
{
	double xs[64], ys[64];
	size_t n = pw_svg_plan_path(e, xs, ys, 64), i;
	json_t *a;

	if (!n)
		return json_null();
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("[i, f]", (int)xs[i], ys[i]));
	return a;
}

/* Each annual target linked to an item of the evaluation, in that item's
 * "annual" array (the years up to the evaluation's, by year): the
 * indicator page lists its years' own targets beside the five-year path. */
static void annual_by_item(json_t *out, const struct pw_evaluation *ev)
{
	size_t i, k;

	for (i = 0; i < ev->nannual; i++) {
		const struct pw_eval_annual *e = &ev->annual[i];
		json_t *items, *x, *a;

		if (e->on == PW_EVAL_ANNUAL_NONE)
			continue;
		items = json_object_get(out, e->on == PW_EVAL_ANNUAL_INDICATOR ? "indicators"
										: "targets");
		json_array_foreach(items, k, x) {
			if (json_integer_value(json_object_get(x, "id")) != e->item_id)
				continue;
			if (!(a = json_object_get(x, "annual")))
				json_object_set_new(x, "annual", a = json_array());
			json_array_append_new(a, pw_eval_annual_to_json(e));
			break;
		}
	}
}

int web_lib_evaluation(struct pw_store *s, int plan_id, int year, bool final, json_t **out)
{
	struct pw_plan_info info;
	struct pw_eval_opts eo;
	struct pw_evaluation ev;
	json_t *inds;
	size_t i;
	int rc = pw_store_plan_info(s, plan_id, 0, &info);

	if (rc < 0)
		return rc;
	pw_eval_opts_init(&eo);
	eo.year = year ? year : default_year(info.start, info.end);
	eo.kind = final || (info.end && eo.year >= info.end) ? PW_REPORT_FINAL : PW_REPORT_ANNUAL;
	pw_plan_info_release(&info);
	if ((rc = pw_eval_from_store(s, plan_id, 0, &eo, &ev)) < 0)
		return rc;
	*out = pw_evaluation_to_json(&ev);
	inds = json_object_get(*out, "indicators");
	for (i = 0; i < ev.ninds && i < json_array_size(inds); i++)
		json_object_set_new(json_array_get(inds, i), "path", path_json(&ev.inds[i]));
	annual_by_item(*out, &ev);
	pw_eval_release(&ev);
	return 0;
}

int web_lib_has_real_data(struct pw_store *s, bool *yes)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(pw_store_sqlite(s), "SELECT EXISTS (SELECT 1 FROM obs WHERE state = 2)",
			       -1, &st, NULL) != SQLITE_OK)
		return pw_error("cannot read observations: %s", sqlite3_errmsg(pw_store_sqlite(s)));
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : pw_error("cannot read observations");
}

/* Reads the whole file at path into *data (new) and removes it. */
static int slurp_remove(const char *path, char **data, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f)
		return pw_error("cannot read report '%s'", path);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	remove(path);
	*data = sb_detach(&sb, len);
	return 0;
}

int web_lib_report(struct pw_store *s, int plan_id, int year, const char *kind,
		   const char *format, char **data, size_t *len)
{
	struct pw_eval_opts eo;
	struct pw_evaluation ev;
	char path[] = "/tmp/planwatch-report-XXXXXX";
	int k = pw_report_kind_from_name(kind), f = pw_report_format_from_name(format), fd, rc;

	if (k < 0 || f < 0)
		return PW_STORE_NOTFOUND;
	pw_eval_opts_init(&eo);
	eo.year = year;
	eo.kind = (enum pw_report_kind)k;
	if ((rc = pw_eval_from_store(s, plan_id, 0, &eo, &ev)) < 0)
		return rc;
	if ((fd = mkstemp(path)) < 0) {
		pw_eval_release(&ev);
		return pw_error("cannot create a temporary file");
	}
	close(fd);
	rc = pw_report_write(&ev, (enum pw_report_format)f, path);
	pw_eval_release(&ev);
	if (rc < 0) {
		remove(path);
		return -1;
	}
	return slurp_remove(path, data, len);
}

/* One observation head as the review queue and the due list show it. */
static json_t *head_json(struct pw_store *s, const struct pw_obs_row *r)
{
	json_t *o = obs_row_json(r);
	char *unit = NULL;

	json_object_set_new(o, "indicator_id", json_integer((json_int_t)r->ref_id));
	json_object_set_new(o, "name", str_or_null(r->name));
	if (web_lib_lead_unit(s, r->ref_id, &unit) == 0)
		json_object_set_new(o, "lead_unit", str_or_null(unit));
	free(unit);
	return o;
}

/* Appends the rows to out as head_json, those unit leads (NULL: all);
 * the offset of the first kept one is *skip (decremented as it goes),
 * at most limit in out. */
static void queue_rows(struct pw_store *s, const struct pw_obs_row *rows, size_t n,
		       const char *unit, size_t *skip, size_t limit, json_t *out, size_t *total)
{
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *o = head_json(s, &rows[i]);
		const char *lead = json_string_value(json_object_get(o, "lead_unit"));

		if (unit && (!lead || strcmp(lead, unit))) {
			json_decref(o);
			continue;
		}
		++*total;
		if (*skip) {
			--*skip;
			json_decref(o);
		} else if (json_array_size(out) < limit) {
			json_array_append_new(out, o);
		} else {
			json_decref(o);
		}
	}
}

int web_lib_review_queue(struct pw_store *s, const char *unit, size_t offset, size_t limit,
			 json_t **out, size_t *total)
{
	struct pw_obs_row *rows;
	size_t n, skip = 0;

	/* the office's queue is paged in SQL; a unit's is filtered by the
	 * lead unit of each row's year, so it reads every pending row (the
	 * values in review, not the history) and pages here */
	if (pw_store_obs_queue(s, unit ? 0 : offset, unit ? SIZE_MAX : limit, &rows, &n) < 0)
		return -1;
	*out = json_array();
	*total = 0;
	if (unit)
		skip = offset;
	queue_rows(s, rows, n, unit, &skip, limit, *out, total);
	pw_obs_row_free_array(rows, n);
	if (!unit && pw_store_obs_queue_count(s, total) < 0) {
		json_decref(*out);
		return -1;
	}
	return 0;
}

int web_lib_obs_head(struct pw_store *s, int64_t obs_id, json_t **out)
{
	struct pw_obs_row row;
	int rc = pw_store_obs_get(s, obs_id, &row);

	if (rc < 0)
		return rc;
	/* only a chain's head is reviewed: an older row is no longer there */
	if (row.current && row.entity == PW_ENTITY_INDICATOR)
		*out = head_json(s, &row);
	else
		rc = PW_STORE_NOTFOUND;
	pw_obs_row_release(&row);
	return rc;
}

int web_lib_review(struct pw_store *s, int64_t obs_id, bool approve, const char *note,
		   const char *who)
{
	int own, rc;

	web_write_lock();
	rc = pw_store_write_begin(s, &own);
	if (rc == 0)
		rc = pw_store_obs_transition(s, obs_id, approve ? PW_OBS_APPROVED : PW_OBS_RETURNED,
					     note, who, NULL);
	rc = pw_store_write_end(s, own, rc);
	web_write_unlock();
	return rc;
}

int web_lib_deadline(struct pw_store *s, int plan_id, int year, const char *unit, char *due,
		     bool *set)
{
	/* after an error due holds the default: the page still says something */
	return pw_store_deadline(s, plan_id, year, unit, due, set);
}

/* {"YYYY": "YYYY-MM-DD"} for each year of indicator ind's period (its
 * JSON as web_lib_indicator() writes it): when unit's figures are due. */
static json_t *deadlines_json(struct pw_store *s, json_t *ind, const char *unit)
{
	json_t *per = json_object_get(ind, "period"), *out = json_object();
	int plan = (int)json_integer_value(json_object_get(ind, "plan"));
	int from = (int)json_integer_value(json_object_get(per, "start"));
	int to = (int)json_integer_value(json_object_get(per, "end")), y;
	char due[PW_DUE_SIZE], key[16];

	for (y = from; from > 0 && y <= to && y - from < 100; y++) {
		web_lib_deadline(s, plan, y, unit, due, NULL);
		snprintf(key, sizeof(key), "%d", y);
		json_object_set_new(out, key, json_string(due));
	}
	return out;
}

int web_lib_unit_due(struct pw_store *s, const char *unit, json_t **out)
{
	struct pw_assigned *a = NULL;
	size_t n = 0, i;
	int rc = pw_store_unit_assigned(s, unit, 0, &a, &n);

	if (rc < 0)
		return rc;
	*out = json_array();
	for (i = 0; i < n; i++) {
		json_t *ind;

		if (a[i].entity != PW_ENTITY_INDICATOR || web_lib_indicator(s, a[i].id, &ind) < 0)
			continue;
		json_object_set_new(ind, "deadlines", deadlines_json(s, ind, unit));
		json_array_append_new(*out, ind);
	}
	free(a);
	return 0;
}

int web_lib_audit(struct pw_store *s, int64_t indicator_id, json_t **out)
{
	static const char sql[] =
		"SELECT a.at, a.actor, a.action, ob.value, oa.value, oa.note, oa.review_note,"
		" oa.year, oa.indicator_id, oa.state FROM audit_log a"
		" LEFT JOIN obs ob ON ob.id = json_extract(a.before_json, '$.id')"
		" LEFT JOIN obs oa ON oa.id = json_extract(a.after_json, '$.id')"
		" WHERE a.entity = 'observation' AND (?1 = 0 OR oa.indicator_id = ?1)"
		" ORDER BY a.id DESC LIMIT 500";
	sqlite3 *db = pw_store_sqlite(s);
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return pw_error("cannot read the audit log: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, indicator_id);
	*out = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *row = json_array();
		int c;

		for (c = 0; c < 10; c++) {
			switch (sqlite3_column_type(st, c)) {
			case SQLITE_NULL:
				json_array_append_new(row, json_null());
				break;
			case SQLITE_INTEGER:
				json_array_append_new(row, json_integer(sqlite3_column_int64(st, c)));
				break;
			case SQLITE_FLOAT:
				json_array_append_new(row, json_real(sqlite3_column_double(st, c)));
				break;
			default:
				json_array_append_new(row, json_string((const char *)
								       sqlite3_column_text(st, c)));
			}
		}
		json_array_append_new(*out, row);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		json_decref(*out);
		return pw_error("cannot read the audit log: %s", sqlite3_errmsg(db));
	}
	return 0;
}

/* ---- project progress (专栏) ---- */

static json_t *progress_row_json(struct pw_store *s, const struct pw_progress_row *r)
{
	char *unit = NULL;
	json_t *o = json_pack("{s:I, s:I, s:o, s:i, s:o, s:o, s:o, s:o, s:s, s:i, s:o, s:o, s:b}",
			      "id", (json_int_t)r->id, "project_id", (json_int_t)r->item_id,
			      "title", str_or_null(r->title), "year", r->year,
			      "status", str_or_null(r->status),
			      "percent", r->has_percent ? json_real(r->percent) : json_null(),
			      "note", str_or_null(r->note), "review_note", str_or_null(r->review_note),
			      "state", pw_obs_state_name(r->state), "version", r->version,
			      "entered_by", str_or_null(r->entered_by),
			      "entered_at", str_or_null(r->entered_at), "current", r->current);

	if (pw_store_lead_unit(s, PW_ENTITY_PROJECT, r->item_id, 0, &unit) == 0)
		json_object_set_new(o, "lead_unit", str_or_null(unit));
	free(unit);
	return o;
}

int web_lib_progress_list(struct pw_store *s, int64_t project_id, bool history, json_t **out)
{
	struct pw_progress_row *rows;
	size_t n, i;

	if (pw_store_progress_list(s, project_id, history, &rows, &n) < 0)
		return -1;
	*out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*out, progress_row_json(s, &rows[i]));
	pw_progress_row_free_array(rows, n);
	return 0;
}

int web_lib_progress_queue(struct pw_store *s, const char *unit, size_t offset, size_t limit,
			   json_t **out, size_t *total)
{
	struct pw_progress_row *rows;
	size_t n, i;

	/* the office's queue is paged in SQL; a unit's is filtered by each
	 * project's lead unit, so it reads every pending row (the reports in
	 * review, not the history) and pages here */
	if (pw_store_progress_queue(s, unit ? 0 : offset, unit ? SIZE_MAX : limit, &rows, &n) < 0)
		return -1;
	*out = json_array();
	*total = unit ? 0 : n;
	for (i = 0; i < n; i++) {
		json_t *o = progress_row_json(s, &rows[i]);
		const char *lead = json_string_value(json_object_get(o, "lead_unit"));

		if (unit && (!lead || strcmp(lead, unit))) {
			json_decref(o);
			continue;
		}
		if (unit && (*total)++ < offset) {
			json_decref(o);
			continue;
		}
		if (json_array_size(*out) < limit)
			json_array_append_new(*out, o);
		else
			json_decref(o);
	}
	pw_progress_row_free_array(rows, n);
	if (!unit && pw_store_progress_queue_count(s, total) < 0) {
		json_decref(*out);
		return -1;
	}
	return 0;
}

int web_lib_progress_waiting(struct pw_store *s, int64_t id)
{
	enum pw_obs_state st;
	int rc = pw_store_progress_pending(s, id, &st);

	if (rc < 0)
		return rc == PW_STORE_NOTFOUND ? 0 : rc;
	return st == PW_OBS_SUBMITTED;
}

int web_lib_project_lead(struct pw_store *s, int64_t project_id, char **unit)
{
	int rc = pw_store_lead_unit(s, PW_ENTITY_PROJECT, project_id, 0, unit);

	if (rc == PW_STORE_NOTFOUND) {
		*unit = NULL;
		return 0;
	}
	return rc;
}

int web_lib_unit_projects(struct pw_store *s, const char *unit, json_t **out)
{
	struct pw_assigned *a = NULL;
	size_t n = 0, i;
	int rc = pw_store_unit_assigned(s, unit, 0, &a, &n);

	if (rc < 0)
		return rc;
	*out = json_array();
	for (i = 0; i < n; i++) {
		json_t *rows;

		if (a[i].entity != PW_ENTITY_PROJECT ||
		    web_lib_progress_list(s, a[i].id, false, &rows) < 0)
			continue;
		json_array_append_new(*out, json_pack("{s:I, s:i, s:o}", "id", (json_int_t)a[i].id,
						      "plan", a[i].plan_id, "progress", rows));
	}
	free(a);
	return 0;
}

int web_lib_progress_record(struct pw_store *s, const struct web_progress *in, int64_t *id)
{
	struct pw_progress p = {
		.item_id = in->project_id, .year = in->year, .status = in->status,
		.has_percent = in->has_percent, .percent = in->percent, .note = in->note,
		.by = in->by, .state = PW_OBS_SUBMITTED,
	};
	int own, rc;

	web_write_lock();
	rc = pw_store_write_begin(s, &own);
	if (rc == 0)
		rc = pw_store_progress_record(s, &p, id);
	/* the planning office reviews its own entries as it enters them */
	if (rc == 0 && in->approved)
		rc = pw_store_progress_transition(s, *id, PW_OBS_APPROVED, NULL, in->by, id);
	rc = pw_store_write_end(s, own, rc);
	web_write_unlock();
	return rc;
}

int web_lib_progress_review(struct pw_store *s, int64_t id, bool approve, const char *note,
			    const char *who)
{
	int own, rc;

	web_write_lock();
	rc = pw_store_write_begin(s, &own);
	if (rc == 0)
		rc = pw_store_progress_transition(s, id, approve ? PW_OBS_APPROVED : PW_OBS_RETURNED,
						  note, who, NULL);
	rc = pw_store_write_end(s, own, rc);
	web_write_unlock();
	return rc;
}

/* ---- accounts, units and assignments (admin.c) ---- */

int web_lib_users(struct pw_store *s, json_t **out)
{
	struct pw_user *u;
	size_t n, i;

	if (pw_store_user_list(s, &u, &n) < 0)
		return -1;
	*out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*out, json_pack("{s:s, s:s, s:o, s:b, s:o}", "username",
			u[i].name, "role", u[i].role, "unit", str_or_null(u[i].unit), "disabled",
			u[i].disabled, "created_at", str_or_null(u[i].created_at)));
	pw_user_free_array(u, n);
	return 0;
}

int web_lib_user_exists(struct pw_store *s, const char *name)
{
	struct pw_user u;
	int rc = pw_store_user_get(s, name, &u);

	if (rc == 0)
		pw_user_release(&u);
	return rc;
}

int web_lib_user_add(struct pw_store *s, const char *name, const char *role, const char *unit,
		     const char *hash, const char *who)
{
	int rc;

	web_write_lock();
	rc = pw_store_user_add(s, name, role, unit, hash, who, NULL);
	web_write_unlock();
	return rc;
}

int web_lib_user_disable(struct pw_store *s, const char *name, const char *who)
{
	int rc;

	web_write_lock();
	rc = pw_store_user_disable(s, name, who);
	web_write_unlock();
	return rc;
}

int web_lib_units(struct pw_store *s, json_t **out)
{
	struct pw_unit *u;
	size_t n, i;

	if (pw_store_unit_list(s, &u, &n) < 0)
		return -1;
	*out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*out, json_pack("{s:I, s:s, s:o, s:i}", "id", (json_int_t)u[i].id,
			"name", u[i].name, "parent", str_or_null(u[i].parent), "assigned",
			u[i].nassigned));
	pw_unit_free_array(u, n);
	return 0;
}

int web_lib_unit_exists(struct pw_store *s, const char *name)
{
	int64_t id;

	return pw_store_unit_find_quiet(s, name, &id);
}

int web_lib_unit_add(struct pw_store *s, const char *name, const char *who)
{
	int rc;

	web_write_lock();
	rc = pw_store_unit_add(s, name, NULL, who, NULL);
	web_write_unlock();
	return rc;
}

int web_lib_assign(struct pw_store *s, int64_t indicator_id, const char *unit, int year,
		   const char *who, int *changed)
{
	int rc;

	web_write_lock();
	rc = pw_store_assign(s, PW_ENTITY_INDICATOR, indicator_id, unit, year, who, changed);
	web_write_unlock();
	return rc;
}

int web_lib_external_set(struct pw_store *s, int64_t indicator_id, const struct web_external *in,
			 const char *who)
{
	struct pw_external x;
	int kind = pw_kind_from_name(in->kind), cmp = pw_cmp_from_name(in->cmp), rc;

	if (kind < 0 || kind > PW_KIND_ANNUAL || cmp <= 0)
		return pw_error("unknown kind '%s' or comparison '%s'", in->kind, in->cmp);
	memset(&x, 0, sizeof(x));
	x.kind = (enum pw_kind)kind;
	x.cmp = (enum pw_cmp)cmp;
	x.value = in->value;
	x.has_value_hi = in->has_value_hi;
	x.value_hi = in->value_hi;
	x.year = in->year;
	x.source = (char *)in->source;
	x.note = (char *)in->note;
	web_write_lock();
	rc = pw_store_external_set(s, PW_ENTITY_INDICATOR, indicator_id, &x, who, NULL);
	web_write_unlock();
	return rc;
}

/* ---- supporting documents ---- */

int web_lib_document_add(struct pw_store *s, int64_t indicator_id, const char *after_json,
			 const char *who)
{
	int own, rc;

	web_write_lock();
	rc = pw_store_write_begin(s, &own);
	if (rc == 0)
		rc = pw_store_audit(s, who, "document.add", "document", indicator_id, NULL,
				    after_json);
	rc = pw_store_write_end(s, own, rc);
	web_write_unlock();
	return rc;
}

int web_lib_documents(struct pw_store *s, int64_t indicator_id, json_t **out)
{
	static const char sql[] = "SELECT after_json, actor, at FROM audit_log WHERE entity = "
				  "'document' AND entity_id = ?1 AND action = 'document.add' ORDER BY id";
	sqlite3 *db = pw_store_sqlite(s);
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return pw_error("cannot read documents: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, indicator_id);
	*out = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *d = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);

		if (!json_is_object(d)) {
			json_decref(d);
			continue;
		}
		json_object_set_new(d, "by", json_string((const char *)sqlite3_column_text(st, 1)));
		json_object_set_new(d, "at", json_string((const char *)sqlite3_column_text(st, 2)));
		json_array_append_new(*out, d);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		json_decref(*out);
		return pw_error("cannot read documents: %s", sqlite3_errmsg(db));
	}
	return 0;
}
