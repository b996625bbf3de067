/*
 * plan_json.c - writes a plan as the JSON of CONTRACT.md, for extract
 * --json, show --json and the store's content hash.  Keys follow
 * CONTRACT.md; "section" (an index into "outline") is added.  The plan is
 * streamed through json_emit (one pass, no tree), which keeps JSON output
 * from costing more than the extraction itself.
 */
#include "model/plan_json.h"
#include "text/json_emit.h"
#include "util/error.h"

#include <math.h>
#include <stdlib.h>

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
		rc = pw_error_kind(PW_ERR_IO, "cannot write JSON output");
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

static void year_or_null(struct json_emit *e, int y)
{
	if (y)
		je_int(e, y);
	else
		je_null(e);
}

static void index_or_null(struct json_emit *e, int i)
{
	if (i >= 0)
		je_int(e, i);
	else
		je_null(e);
}

static void num_or_null(struct json_emit *e, bool has, double v)
{
	if (has)
		je_num(e, v);
	else
		je_null(e);
}

static void period(struct json_emit *e, int start, int end)
{
	if (!start) {
		je_null(e);
		return;
	}
	je_object(e);
	je_key(e, "start");
	je_int(e, start);
	je_key(e, "end");
	je_int(e, end);
	je_end(e);
}

static void target(struct json_emit *e, const struct pw_target *t)
{
	je_object(e);
	je_key(e, "kind");
	je_str(e, pw_kind_name(t->kind));
	je_key(e, "cmp");
	je_str(e, pw_cmp_name(t->cmp));
	je_key(e, "value");
	num_or_null(e, t->has_value, t->value);
	je_key(e, "value_hi");
	num_or_null(e, t->has_value_hi, t->value_hi);
	je_key(e, "year");
	year_or_null(e, t->year);
	je_key(e, "text");
	je_str(e, t->text);
	je_end(e);
}

static void indicator_values(struct json_emit *e, const struct pw_indicator *ind)
{
	je_key(e, "baseline");
	if (ind->has_baseline) {
		je_object(e);
		je_key(e, "year");
		year_or_null(e, ind->baseline_year);
		je_key(e, "value");
		je_num(e, ind->baseline);
		je_end(e);
	} else {
		je_null(e);
	}
	je_key(e, "actual");
	if (ind->has_actual) {
		je_object(e);
		je_key(e, "year");
		year_or_null(e, ind->actual_year);
		je_key(e, "value");
		je_num(e, ind->actual);
		je_key(e, "estimated");
		je_bool(e, ind->actual_estimated);
		je_end(e);
	} else {
		je_null(e);
	}
}

static void indicator(struct json_emit *e, const struct pw_indicator *ind)
{
	size_t i;

	je_object(e);
	je_key(e, "no");
	je_str(e, ind->no);
	je_key(e, "group");
	je_str(e, ind->group);
	je_key(e, "category");
	je_str(e, ind->category);
	je_key(e, "name");
	je_str(e, ind->name);
	je_key(e, "unit");
	je_str(e, ind->unit);
	je_key(e, "attribute");
	je_str(e, pw_attr_name(ind->attribute));
	je_key(e, "direction");
	je_str(e, pw_dir_name(ind->direction));
	je_key(e, "targets");
	je_array(e);
	for (i = 0; i < ind->ntargets; i++)
		target(e, &ind->targets[i]);
	je_end(e);
	je_key(e, "line");
	je_int(e, ind->line);
	je_key(e, "section");
	index_or_null(e, ind->section);
	indicator_values(e, ind);
	if (ind->note) {
		je_key(e, "note");
		je_str(e, ind->note);
	}
	je_end(e);
}

static void table(struct json_emit *e, const struct pw_table *t)
{
	size_t i;

	je_object(e);
	je_key(e, "title");
	je_str(e, t->title);
	je_key(e, "line");
	je_int(e, t->line);
	je_key(e, "period");
	period(e, t->start, t->end);
	je_key(e, "section");
	index_or_null(e, t->section);
	je_key(e, "indicators");
	je_array(e);
	for (i = 0; i < t->nrows; i++)
		indicator(e, &t->rows[i]);
	je_end(e);
	je_end(e);
}

static void prose(struct json_emit *e, const struct pw_prose_target *pt)
{
	const struct pw_target *t = &pt->t;

	je_object(e);
	je_key(e, "line");
	je_int(e, pt->line);
	je_key(e, "text");
	je_str(e, t->text);
	je_key(e, "subject");
	je_str(e, pt->subject);
	je_key(e, "value");
	num_or_null(e, t->has_value, t->value);
	je_key(e, "value_hi");
	num_or_null(e, t->has_value_hi, t->value_hi);
	je_key(e, "unit");
	je_str(e, pt->unit);
	je_key(e, "cmp");
	je_str(e, pw_cmp_name(t->cmp));
	je_key(e, "kind");
	je_str(e, pw_kind_name(t->kind));
	je_key(e, "year");
	year_or_null(e, t->year);
	je_key(e, "section");
	index_or_null(e, pt->section);
	je_end(e);
}

static void column(struct json_emit *e, const struct pw_column *c)
{
	size_t i;

	je_object(e);
	je_key(e, "title");
	je_str(e, c->title);
	je_key(e, "line");
	je_int(e, c->line);
	je_key(e, "section");
	index_or_null(e, c->section);
	je_key(e, "items");
	je_array(e);
	for (i = 0; i < c->nitems; i++) {
		je_object(e);
		je_key(e, "no");
		je_int(e, c->items[i].no);
		je_key(e, "title");
		je_str(e, c->items[i].title);
		je_key(e, "line");
		je_int(e, c->items[i].line);
		je_key(e, "text");
		je_str(e, c->items[i].text);
		je_end(e);
	}
	je_end(e);
	je_end(e);
}

static void outline(struct json_emit *e, const struct pw_plan *p)
{
	size_t i;

	je_array(e);
	for (i = 0; i < p->nsections; i++) {
		const struct pw_section *s = &p->sections[i];

		je_object(e);
		je_key(e, "level");
		je_str(e, pw_level_name(s->level));
		je_key(e, "number");
		je_str(e, s->number);
		je_key(e, "title");
		je_str(e, s->title);
		je_key(e, "line");
		je_int(e, s->line);
		je_key(e, "parent");
		index_or_null(e, s->parent);
		je_end(e);
	}
	je_end(e);
}

static void meta(struct json_emit *e, const struct pw_plan *p, bool with_source)
{
	je_key(e, "title");
	je_str(e, p->title);
	je_key(e, "region");
	je_str(e, p->region);
	je_key(e, "ordinal");
	if (p->ordinal)
		je_int(e, p->ordinal);
	else
		je_null(e);
	je_key(e, "period");
	period(e, p->start, p->end);
	if (with_source) {
		je_key(e, "source");
		je_str(e, p->source);
	}
}

void pw_plan_write_json(const struct pw_plan *p, struct strbuf *out, int indent,
			bool with_source)
{
	struct json_emit e;
	size_t i;

	je_init(&e, out, indent);
	je_object(&e);
	meta(&e, p, with_source);
	je_key(&e, "outline");
	outline(&e, p);
	je_key(&e, "tables");
	je_array(&e);
	for (i = 0; i < p->ntables; i++)
		table(&e, &p->tables[i]);
	je_end(&e);
	je_key(&e, "targets");
	je_array(&e);
	for (i = 0; i < p->ntargets; i++)
		prose(&e, &p->targets[i]);
	je_end(&e);
	je_key(&e, "columns");
	je_array(&e);
	for (i = 0; i < p->ncolumns; i++)
		column(&e, &p->columns[i]);
	je_end(&e);
	je_end(&e);
}

int pw_plan_print_json(FILE *f, const struct pw_plan *p)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	pw_plan_write_json(p, &sb, 1, true);
	sb_addch(&sb, '\n');
	if (fwrite(sb.buf, 1, sb.len, f) != sb.len)
		rc = pw_error_kind(PW_ERR_IO, "cannot write JSON output");
	sb_release(&sb);
	return rc;
}
