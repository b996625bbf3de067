/*
 * plan_info_json.c - struct pw_plan_info as JSON (see plan_info_json.h).
 */
#include "store/plan_info_json.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *int_or_null(int v)
{
	return v ? json_integer(v) : json_null();
}

json_t *pw_plan_info_to_json(const struct pw_plan_info *in)
{
	json_t *o = json_pack("{s:i, s:o, s:o, s:o, s:o}", "id", in->id,
			      "title", str_or_null(in->title), "region", str_or_null(in->region),
			      "ordinal", int_or_null(in->ordinal),
			      "period", in->start || in->end
			      ? json_pack("{s:o, s:o}", "start", int_or_null(in->start),
					  "end", int_or_null(in->end))
			      : json_null());

	json_object_update_new(o, json_pack("{s:o, s:o}",
					    "region_code", str_or_null(in->region_code),
					    "region_path", str_or_null(in->region_path)));
	json_object_update_new(o, json_pack("{s:i, s:i, s:i, s:o, s:o, s:o, s:o}",
					    "version", in->version,
					    "current_version", in->current_version,
					    "versions", in->nversions,
					    "source", str_or_null(in->source),
					    "checksum", str_or_null(in->checksum),
					    "imported_at", str_or_null(in->imported_at),
					    "imported_by", str_or_null(in->imported_by)));
	json_object_update_new(o, json_pack("{s:i, s:i, s:i, s:i, s:i}",
					    "tables", in->ntables, "indicators", in->nindicators,
					    "targets", in->ntargets, "columns", in->ncolumns,
					    "projects", in->nitems));
	return o;
}
