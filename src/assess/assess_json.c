/*
 * assess_json.c - an assessment as JSON (CONTRACT.md, "planwatch assess"):
 * the contract's keys (kind, status, actual) plus the working figures.
 */
#include "assess/assess_plan.h"
#include "model/plan_json.h"

#include <math.h>

static json_t *num_or_null(bool has, double v, double scale)
{
	return has ? pw_json_number(round(v * scale) / scale) : json_null();
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *pw_target_result_to_json(const struct pw_target *t, const struct pw_target_result *r)
{
	json_t *o = json_pack("{s:s, s:o, s:o, s:s, s:s, s:b, s:o}",
			      "kind", pw_kind_name(r->kind),
			      "cmp", str_or_null(t ? pw_cmp_name(t->cmp) : NULL),
			      "target", num_or_null(t && t->has_value, t ? t->value : 0, 1e6),
			      "status", pw_status_name(r->status),
			      "label", pw_status_label(r->status),
			      "final", r->final,
			      "actual", num_or_null(r->has_actual, r->actual, 1e6));

	json_object_set_new(o, "provisional", json_boolean(r->provisional));
	json_object_set_new(o, "actual_year", r->actual_year ? json_integer(r->actual_year)
							     : json_null());
	if (r->worst)
		json_object_set_new(o, "basis", json_string("worst_year"));
	json_object_set_new(o, "estimated", json_boolean(r->estimated));
	json_object_set_new(o, "goal", num_or_null(r->has_goal, r->goal, 1e6));
	json_object_set_new(o, "expected", num_or_null(r->has_expected, r->expected, 1e4));
	json_object_set_new(o, "progress", num_or_null(r->has_progress, r->progress, 1e4));
	if (r->has_related)
		json_object_set_new(o, "related", pw_json_number(r->related));
	if (r->nyears) {
		json_object_set_new(o, "years", json_integer(r->nyears));
		json_object_set_new(o, "years_met", json_integer(r->nyears_met));
	}
	if (r->reason)
		json_object_set_new(o, "reason", json_string(r->reason));
	return o;
}

json_t *pw_assessment_to_json(const struct pw_indicator *ind, const struct pw_assessment *a)
{
	json_t *targets = json_array();
	size_t i;

	for (i = 0; i < a->ntargets; i++)
		json_array_append_new(targets, pw_target_result_to_json(
			i < ind->ntargets ? &ind->targets[i] : NULL, &a->targets[i]));
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:b, s:b, s:o}",
			 "no", str_or_null(ind->no),
			 "group", str_or_null(ind->group),
			 "name", str_or_null(ind->name),
			 "unit", str_or_null(ind->unit),
			 "attribute", str_or_null(pw_attr_name(ind->attribute)),
			 "direction", pw_dir_name(ind->direction),
			 "status", pw_status_name(a->status),
			 "label", pw_status_label(a->status),
			 "warning", a->warning,
			 "provisional", a->provisional,
			 "targets", targets);
}
