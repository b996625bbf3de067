/*
 * report_json.c - an evaluation as JSON (docs/reports.md): the report's
 * identity, the summary counts, every indicator with its assessment (the
 * keys of `planwatch assess --json`, plus baseline, actual, growth, lead
 * unit and observations), prose targets, projects and notes.  The web API
 * serves the same object.
 */
#include "assess/assess_plan.h"
#include "model/measure.h"
#include "model/plan_json.h"
#include "report/report.h"
#include "util/nelem.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

static json_t *counts_json(const unsigned *by_status)
{
	json_t *o = json_object();
	int s;

	for (s = 0; s < PW_EVAL_NSTATUS; s++)
		if (by_status[s])
			json_object_set_new(o, pw_status_name((enum pw_status)s),
					    json_integer(by_status[s]));
	return o;
}

static json_t *groups_json(const struct pw_eval_group *g, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:o}", "name", g[i].name,
						   "total", (int)g[i].total,
						   "by_status", counts_json(g[i].by_status)));
	return a;
}

static json_t *summary_json(const struct pw_evaluation *ev)
{
	return json_pack("{s:i, s:o, s:{s:i, s:o}, s:{s:i, s:o}, s:i, s:o,"
			 " s:{s:i, s:o, s:o}, s:{s:i, s:i, s:i, s:i}}",
			 "indicators", (int)ev->ninds, "by_status", counts_json(ev->by_status),
			 "binding", "total", (int)ev->binding,
			 "by_status", counts_json(ev->binding_by_status),
			 "expected", "total", (int)ev->expected,
			 "by_status", counts_json(ev->expected_by_status),
			 "warnings", (int)ev->nwarnings_binding,
			 "by_category", groups_json(ev->groups, ev->ngroups),
			 "targets", "total", (int)ev->ntargets,
			 "by_status", counts_json(ev->targets_by_status),
			 "by_chapter", groups_json(ev->chapters, ev->nchapters),
			 "projects", "total", (int)ev->nitems, "reported", (int)ev->items_reported,
			 "completed", (int)ev->items_completed, "delayed", (int)ev->items_delayed);
}

static json_t *obs_json(const struct pw_obs *o, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:i, s:o, s:b}", "year", o[i].year,
						   "value", pw_json_number(o[i].value),
						   "estimated", o[i].estimated));
	return a;
}

static const char *source_name(enum pw_eval_source s)
{
	return s == PW_EVAL_OBSERVED ? "observations" : s == PW_EVAL_TABLE ? "table" : NULL;
}

static json_t *indicator_json(const struct pw_eval_indicator *e)
{
	const struct pw_indicator *ind = e->ind;
	json_t *o = pw_assessment_to_json(ind, &e->a);
	json_t *targets = json_object_get(o, "targets");
	size_t k;

	for (k = 0; k < ind->ntargets && k < json_array_size(targets); k++)
		json_object_set_new(json_array_get(targets, k), "text",
				    str_or_null(ind->targets[k].text));
	json_object_set_new(o, "id", id_or_null(e->id));
	json_object_set_new(o, "table", json_integer((json_int_t)e->table + 1));
	json_object_set_new(o, "category", str_or_null(ind->category));
	json_object_set_new(o, "chapter", str_or_null(e->chapter));
	json_object_set_new(o, "baseline", ind->has_baseline
			    ? json_pack("{s:o, s:o}", "year", ind->baseline_year
					? json_integer(ind->baseline_year) : json_null(),
					"value", pw_json_number(ind->baseline))
			    : json_null());
	json_object_set_new(o, "actual", e->has_latest
			    ? json_pack("{s:i, s:o, s:b, s:s}", "year", e->latest_year,
					"value", pw_json_number(e->latest),
					"estimated", e->latest_estimated,
					"source", source_name(e->source))
			    : json_null());
	json_object_set_new(o, "growth", e->has_growth ? pw_json_number(e->growth) : json_null());
	json_object_set_new(o, "at_risk", json_boolean(e->at_risk));
	json_object_set_new(o, "lead_unit", str_or_null(e->lead_unit));
	json_object_set_new(o, "measure",
			    json_string(pw_measure_name(pw_measure_of_indicator(ind))));
	json_object_set_new(o, "observations", obs_json(e->obs, e->nobs));
	json_object_set_new(o, "line", json_integer(ind->line));
	return o;
}

static json_t *target_json(const struct pw_evaluation *ev, const struct pw_eval_target *e)
{
	const struct pw_prose_target *pt = e->t;
	json_t *o = pw_target_result_to_json(&pt->t, &e->r);

	json_object_set_new(o, "id", id_or_null(e->id));
	json_object_set_new(o, "subject", str_or_null(pt->subject));
	json_object_set_new(o, "text", str_or_null(pt->t.text));
	json_object_set_new(o, "unit", str_or_null(pt->unit));
	json_object_set_new(o, "year", pt->t.year ? json_integer(pt->t.year) : json_null());
	json_object_set_new(o, "line", json_integer(pt->line));
	json_object_set_new(o, "chapter", str_or_null(e->chapter));
	json_object_set_new(o, "lead_unit", str_or_null(e->lead_unit));
	json_object_set_new(o, "measure", json_string(pw_measure_name(e->measure)));
	json_object_set_new(o, "restates", e->restates
			    ? json_pack("{s:i, s:s?}", "table", (int)ev->inds[e->restates - 1].table + 1,
					"no", ev->inds[e->restates - 1].ind->no)
			    : json_null());
	json_object_set_new(o, "latest", e->has_latest
			    ? json_pack("{s:i, s:o}", "year", e->latest_year,
					"value", pw_json_number(e->latest))
			    : json_null());
	return o;
}

static json_t *item_json(const struct pw_eval_item *e)
{
	return json_pack("{s:o, s:o, s:i, s:o, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "id", id_or_null(e->id),
			 "column", str_or_null(e->column->title),
			 "no", e->item->no,
			 "title", str_or_null(e->item->title),
			 "line", e->item->line,
			 "chapter", str_or_null(e->chapter),
			 "lead_unit", str_or_null(e->lead_unit),
			 "status", str_or_null(e->status),
			 "year", e->year ? json_integer(e->year) : json_null(),
			 "percent", e->has_percent ? pw_json_number(e->percent) : json_null(),
			 "investment", e->has_investment ? pw_json_number(e->investment)
							 : json_null(),
			 "note", str_or_null(e->note));
}

/* A target of an annual document for the year (docs/annual.md). */
json_t *pw_eval_annual_to_json(const struct pw_eval_annual *e)
{
	const struct pw_annual_result *r = &e->r;

	static const char *const on_names[] = {
		[PW_EVAL_ANNUAL_NONE] = NULL, [PW_EVAL_ANNUAL_INDICATOR] = "indicator",
		[PW_EVAL_ANNUAL_TARGET] = "target",
	};
	const char *on = (size_t)e->on < NELEM(on_names) ? on_names[e->on] : NULL;

	return json_pack("{s:I, s:i, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "id", (json_int_t)e->id, "year", e->year,
			 "text", str_or_null(e->text), "document", str_or_null(e->doc),
			 "link", pw_link_status_name(e->link), "linked", str_or_null(e->item),
			 "linked_kind", str_or_null(on),
			 "linked_id", on ? json_integer((json_int_t)e->item_id) : json_null(),
			 "consistency_label", e->judged ? json_string(pw_annual_fit_label(e->r.fit))
							: json_null(),
			 "path", e->judged && r->has_path ? pw_json_number(r->path) : json_null(),
			 "needed", e->judged && r->has_needed ? pw_json_number(r->needed)
							      : json_null(),
			 "consistency", e->judged ? json_string(pw_annual_fit_name(r->fit))
						  : json_null(),
			 "actual", e->judged && r->has_actual ? pw_json_number(r->actual)
							      : json_null(),
			 "status", e->judged ? json_string(pw_status_name(r->status)) : json_null());
}

static json_t *report_json(const struct pw_evaluation *ev)
{
	return json_pack("{s:s, s:s, s:i, s:s, s:o, s:{s:i, s:i}, s:b, s:b, s:o}",
			 "kind", pw_report_kind_name(ev->kind),
			 "label", pw_report_kind_label(ev->kind),
			 "year", ev->year,
			 "title", ev->title ? ev->title : "",
			 "subject", str_or_null(ev->subject),
			 "period", "start", ev->start, "end", ev->end,
			 "final", ev->final,
			 "previous_plan", ev->previous,
			 "ordinal", ev->ordinal ? json_integer(ev->ordinal) : json_null());
}

static json_t *plan_json(const struct pw_evaluation *ev)
{
	const struct pw_plan *p = ev->plan;

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:{s:o, s:o}}",
			 "id", ev->plan_id ? json_integer(ev->plan_id) : json_null(),
			 "version", ev->version ? json_integer(ev->version) : json_null(),
			 "title", str_or_null(p->title), "region", str_or_null(p->region),
			 "ordinal", p->ordinal ? json_integer(p->ordinal) : json_null(),
			 "period", "start", p->start ? json_integer(p->start) : json_null(),
			 "end", p->end ? json_integer(p->end) : json_null());
}

json_t *pw_evaluation_to_json(const struct pw_evaluation *ev)
{
	json_t *inds = json_array(), *order = json_array(), *targets = json_array();
	json_t *items = json_array(), *notes = json_array(), *annual = json_array();
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		json_array_append_new(inds, indicator_json(&ev->inds[i]));
		json_array_append_new(order, json_integer((json_int_t)ev->order[i]));
	}
	for (i = 0; i < ev->ntargets; i++)
		json_array_append_new(targets, target_json(ev, &ev->targets[i]));
	for (i = 0; i < ev->nitems; i++)
		json_array_append_new(items, item_json(&ev->items[i]));
	for (i = 0; i < ev->nwarnings; i++)
		json_array_append_new(notes, json_string(ev->warnings[i]));
	for (i = 0; i < ev->nannual; i++) /* the year's, as the report's section */
		if (ev->annual[i].year == ev->year)
			json_array_append_new(annual, pw_eval_annual_to_json(&ev->annual[i]));
	return json_pack("{s:o, s:o, s:f, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
			 "plan", plan_json(ev), "report", report_json(ev),
			 "approx_tolerance", ev->assess.approx_tol,
			 "summary", summary_json(ev), "indicators", inds,
			 "binding_first", order, "targets", targets, "projects", items,
			 "annual_targets", annual, "notes", notes,
			 "method", "进度比法（见报告“说明”部分）");
}
