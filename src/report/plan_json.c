/*
 * plan_json.c - serialises a plan for extract --json and show --json.
 * Keys follow CONTRACT.md; "section" (an index into "outline") is added.
 */
#include "report/plan_json.h"

#include "util/error.h"

#include <math.h>
#include <stdlib.h>

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

int pw_json_print(FILE *f, const json_t *j, size_t flags)
{
	char *text = json_dumps(j, flags);
	size_t n;
	int rc = 0;

	if (!text)
		return pw_error("cannot serialise JSON output");
	n = strlen(text);
	text[n] = '\n';
	if (fwrite(text, 1, n + 1, f) != n + 1)
		rc = pw_error("cannot write JSON output");
	free(text);
	return rc;
}

json_t *pw_json_number(double v)
{
	if (!isfinite(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *year_or_null(int y)
{
	return y ? json_integer(y) : json_null();
}

static json_t *cmp_json(enum pw_cmp c)
{
	return str_or_null(pw_cmp_name(c));
}

json_t *pw_target_to_json(const struct pw_target *t)
{
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}",
			 "kind", pw_kind_name(t->kind),
			 "cmp", cmp_json(t->cmp),
			 "value", t->has_value ? pw_json_number(t->value) : json_null(),
			 "value_hi", t->has_value_hi ? pw_json_number(t->value_hi) : json_null(),
			 "year", year_or_null(t->year),
			 "text", str_or_null(t->text));
}

static json_t *section_json(int section)
{
	return section >= 0 ? json_integer(section) : json_null();
}

static json_t *indicator_json(const struct pw_indicator *ind)
{
	json_t *o, *targets = json_array();
	size_t i;

	for (i = 0; i < ind->ntargets; i++)
		json_array_append_new(targets, pw_target_to_json(&ind->targets[i]));
	o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:i, s:o}",
		      "no", str_or_null(ind->no),
		      "group", str_or_null(ind->group),
		      "category", str_or_null(ind->category),
		      "name", str_or_null(ind->name),
		      "unit", str_or_null(ind->unit),
		      "attribute", str_or_null(pw_attr_name(ind->attribute)),
		      "direction", pw_dir_name(ind->direction),
		      "targets", targets,
		      "line", ind->line,
		      "section", section_json(ind->section));
	json_object_set_new(o, "baseline", ind->has_baseline
			    ? json_pack("{s:o, s:o}", "year", year_or_null(ind->baseline_year),
					"value", pw_json_number(ind->baseline))
			    : json_null());
	json_object_set_new(o, "actual", ind->has_actual
			    ? json_pack("{s:o, s:o, s:b}", "year", year_or_null(ind->actual_year),
					"value", pw_json_number(ind->actual),
					"estimated", ind->actual_estimated)
			    : json_null());
	if (ind->note)
		json_object_set_new(o, "note", json_string(ind->note));
	return o;
}

static json_t *table_json(const struct pw_table *t)
{
	json_t *rows = json_array();
	size_t i;

	for (i = 0; i < t->nrows; i++)
		json_array_append_new(rows, indicator_json(&t->rows[i]));
	return json_pack("{s:o, s:i, s:o, s:o, s:o}",
			 "title", str_or_null(t->title), "line", t->line,
			 "period", t->start ? json_pack("{s:i, s:i}", "start", t->start, "end", t->end)
					    : json_null(),
			 "section", section_json(t->section),
			 "indicators", rows);
}

static json_t *prose_json(const struct pw_prose_target *pt)
{
	const struct pw_target *t = &pt->t;

	return json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o}",
			 "line", pt->line,
			 "text", str_or_null(t->text),
			 "subject", str_or_null(pt->subject),
			 "value", t->has_value ? pw_json_number(t->value) : json_null(),
			 "value_hi", t->has_value_hi ? pw_json_number(t->value_hi) : json_null(),
			 "unit", str_or_null(pt->unit),
			 "cmp", cmp_json(t->cmp),
			 "kind", pw_kind_name(t->kind),
			 "year", year_or_null(t->year),
			 "section", section_json(pt->section));
}

static json_t *column_json(const struct pw_column *c)
{
	json_t *items = json_array();
	size_t i;

	for (i = 0; i < c->nitems; i++)
		json_array_append_new(items, json_pack("{s:i, s:o, s:i, s:o}",
						       "no", c->items[i].no,
						       "title", str_or_null(c->items[i].title),
						       "line", c->items[i].line,
						       "text", str_or_null(c->items[i].text)));
	return json_pack("{s:o, s:i, s:o, s:o}", "title", str_or_null(c->title),
			 "line", c->line, "section", section_json(c->section), "items", items);
}

static json_t *outline_json(const struct pw_plan *p)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < p->nsections; i++) {
		const struct pw_section *s = &p->sections[i];

		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:i, s:o}",
						   "level", pw_level_name(s->level),
						   "number", str_or_null(s->number),
						   "title", str_or_null(s->title), "line", s->line,
						   "parent", section_json(s->parent)));
	}
	return a;
}

json_t *pw_plan_to_json(const struct pw_plan *p)
{
	json_t *tables = json_array(), *targets = json_array(), *columns = json_array();
	size_t i;

	for (i = 0; i < p->ntables; i++)
		json_array_append_new(tables, table_json(&p->tables[i]));
	for (i = 0; i < p->ntargets; i++)
		json_array_append_new(targets, prose_json(&p->targets[i]));
	for (i = 0; i < p->ncolumns; i++)
		json_array_append_new(columns, column_json(&p->columns[i]));
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "title", str_or_null(p->title),
			 "region", str_or_null(p->region),
			 "ordinal", p->ordinal ? json_integer(p->ordinal) : json_null(),
			 "period", p->start ? json_pack("{s:i, s:i}", "start", p->start, "end", p->end)
					    : json_null(),
			 "source", str_or_null(p->source),
			 "outline", outline_json(p),
			 "tables", tables, "targets", targets, "columns", columns);
}
