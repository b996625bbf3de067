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

/* Members whose absence the model marks: a year or ordinal by 0, an index
 * by -1, a number by its has_ flag.  Absent is null. */
static void key_nonzero(struct json_emit *e, const char *key, int v)
{
	je_key(e, key);
	if (v)
		je_int(e, v);
	else
		je_null(e);
}

static void key_index(struct json_emit *e, const char *key, int i)
{
	je_key(e, key);
	if (i >= 0)
		je_int(e, i);
	else
		je_null(e);
}

static void key_num_if(struct json_emit *e, const char *key, bool has, double v)
{
	je_key(e, key);
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
	je_key_int(e, "start", start);
	je_key_int(e, "end", end);
	je_end(e);
}

static void target(struct json_emit *e, const struct pw_target *t)
{
	je_object(e);
	je_key_str(e, "kind", pw_kind_name(t->kind));
	je_key_str(e, "cmp", pw_cmp_name(t->cmp));
	key_num_if(e, "value", t->has_value, t->value);
	key_num_if(e, "value_hi", t->has_value_hi, t->value_hi);
	key_nonzero(e, "year", t->year);
	je_key_str(e, "text", t->text);
	je_end(e);
}

static void indicator_values(struct json_emit *e, const struct pw_indicator *ind)
{
	je_key(e, "baseline");
	if (ind->has_baseline) {
		je_object(e);
		key_nonzero(e, "year", ind->baseline_year);
		je_key_num(e, "value", ind->baseline);
		je_end(e);
	} else {
		je_null(e);
	}
	je_key(e, "actual");
	if (ind->has_actual) {
		je_object(e);
		key_nonzero(e, "year", ind->actual_year);
		je_key_num(e, "value", ind->actual);
		je_key_bool(e, "estimated", ind->actual_estimated);
		je_end(e);
	} else {
		je_null(e);
	}
}

static void indicator(struct json_emit *e, const struct pw_indicator *ind)
{
	size_t i;

	je_object(e);
	je_key_str(e, "no", ind->no);
	je_key_str(e, "group", ind->group);
	je_key_str(e, "category", ind->category);
	je_key_str(e, "name", ind->name);
	je_key_str(e, "unit", ind->unit);
	je_key_str(e, "attribute", pw_attr_name(ind->attribute));
	je_key_str(e, "direction", pw_dir_name(ind->direction));
	je_key(e, "targets");
	je_array(e);
	for (i = 0; i < ind->ntargets; i++)
		target(e, &ind->targets[i]);
	je_end(e);
	je_key_int(e, "line", ind->line);
	key_index(e, "section", ind->section);
	indicator_values(e, ind);
	if (ind->note) {
		je_key_str(e, "note", ind->note);
	}
	je_end(e);
}

static void table(struct json_emit *e, const struct pw_table *t)
{
	size_t i;

	je_object(e);
	je_key_str(e, "title", t->title);
	je_key_int(e, "line", t->line);
	je_key(e, "period");
	period(e, t->start, t->end);
	key_index(e, "section", t->section);
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
	je_key_int(e, "line", pt->line);
	je_key_str(e, "text", t->text);
	je_key_str(e, "subject", pt->subject);
	key_num_if(e, "value", t->has_value, t->value);
	key_num_if(e, "value_hi", t->has_value_hi, t->value_hi);
	je_key_str(e, "unit", pt->unit);
	je_key_str(e, "cmp", pw_cmp_name(t->cmp));
	je_key_str(e, "kind", pw_kind_name(t->kind));
	key_nonzero(e, "year", t->year);
	key_index(e, "section", pt->section);
	je_end(e);
}

static void column(struct json_emit *e, const struct pw_column *c)
{
	size_t i;

	je_object(e);
	je_key_str(e, "title", c->title);
	je_key_int(e, "line", c->line);
	key_index(e, "section", c->section);
	je_key(e, "items");
	je_array(e);
	for (i = 0; i < c->nitems; i++) {
		je_object(e);
		je_key_int(e, "no", c->items[i].no);
		je_key_str(e, "title", c->items[i].title);
		je_key_int(e, "line", c->items[i].line);
		je_key_str(e, "text", c->items[i].text);
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
		je_key_str(e, "level", pw_level_name(s->level));
		je_key_str(e, "number", s->number);
		je_key_str(e, "title", s->title);
		je_key_int(e, "line", s->line);
		key_index(e, "parent", s->parent);
		je_end(e);
	}
	je_end(e);
}

static void meta(struct json_emit *e, const struct pw_plan *p, bool with_source)
{
	je_key_str(e, "title", p->title);
	if (p->doc_kind == PW_DOC_ANNUAL) {
		/* only for annual documents: a plan's JSON, and so the
		 * content hash of plans stored before, stays as it was */
		je_key_str(e, "kind", pw_doc_kind_name(p->doc_kind));
		key_nonzero(e, "year", p->year);
	}
	je_key_str(e, "region", p->region);
	key_nonzero(e, "ordinal", p->ordinal);
	je_key(e, "period");
	period(e, p->start, p->end);
	if (with_source) {
		je_key_str(e, "source", p->source);
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
