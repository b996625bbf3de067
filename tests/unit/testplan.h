/*
 * testplan.h - building a struct pw_plan by hand in a unit test, and
 * reading one from a short text.  Each helper fills what every test sets
 * and returns the element for the test to add what it needs; strings are
 * copied (NULL stays NULL), the plan owns everything (pw_plan_free).
 */
#ifndef PW_TESTPLAN_H
#define PW_TESTPLAN_H

#include "ingest/ingest.h"
#include "model/plan.h"
#include "text/doc.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* p initialised as the ordinal-th plan of region for start..end. */
static inline void tp_plan(struct pw_plan *p, const char *title, const char *region, int ordinal,
			   int start, int end)
{
	pw_plan_init(p);
	p->title = xstrdup_or_null(title);
	p->region = xstrdup_or_null(region);
	p->ordinal = ordinal;
	p->start = start;
	p->end = end;
}

static inline struct pw_section *tp_section(struct pw_plan *p, enum pw_level level,
					    const char *no, const char *title, int line,
					    int parent)
{
	struct pw_section *s = pw_plan_add_section(p);

	s->level = level;
	s->number = xstrdup_or_null(no);
	s->title = xstrdup_or_null(title);
	s->line = line;
	s->parent = parent;
	return s;
}

static inline struct pw_table *tp_table(struct pw_plan *p, const char *title, int start, int end,
					int line, int section)
{
	struct pw_table *t = pw_plan_add_table(p);

	t->title = xstrdup_or_null(title);
	t->start = start;
	t->end = end;
	t->line = line;
	t->section = section;
	return t;
}

/* A row of t, 预期性 (PW_ATTR_EXPECTED) unless the test says otherwise. */
static inline struct pw_indicator *tp_row(struct pw_table *t, const char *no, const char *group,
					  const char *cat, const char *name, const char *unit)
{
	struct pw_indicator *r = pw_table_add_row(t);

	r->no = xstrdup_or_null(no);
	r->group = xstrdup_or_null(group);
	r->category = xstrdup_or_null(cat);
	r->name = xstrdup_or_null(name);
	r->unit = xstrdup_or_null(unit);
	r->attribute = PW_ATTR_EXPECTED;
	return r;
}

static inline void tp_baseline(struct pw_indicator *r, int year, double v)
{
	r->has_baseline = true;
	r->baseline_year = year;
	r->baseline = v;
}

/* A target of r; it has a value unless cmp is PW_CMP_NONE (external,
 * relation). */
static inline struct pw_target *tp_target(struct pw_indicator *r, enum pw_kind kind,
					  enum pw_cmp cmp, double v, int year, const char *text)
{
	struct pw_target *t = pw_indicator_add_target(r);

	t->kind = kind;
	t->cmp = cmp;
	t->has_value = cmp != PW_CMP_NONE;
	t->value = v;
	t->year = year;
	t->text = xstrdup_or_null(text);
	return t;
}

/* A prose target "level cmp v by year" with its wording, subject and unit. */
static inline struct pw_prose_target *tp_prose(struct pw_plan *p, enum pw_cmp cmp, double v,
					       int year, const char *text, const char *subject,
					       const char *unit)
{
	struct pw_prose_target *pt = pw_plan_add_target(p);

	pt->t.kind = PW_KIND_LEVEL;
	pt->t.cmp = cmp;
	pt->t.has_value = true;
	pt->t.value = v;
	pt->t.year = year;
	pt->t.text = xstrdup_or_null(text);
	pt->subject = xstrdup_or_null(subject);
	pt->unit = xstrdup_or_null(unit);
	return pt;
}

/* Reads text as a 14th plan (2021-2025) into p: its indicator tables when
 * tables is set, else its prose. */
static inline void tp_read_text(const char *text, struct pw_plan *p, bool tables)
{
	struct pw_doc d;
	unsigned char *claimed;

	assert_int_equal(pw_doc_from_bytes(&d, "t.txt", text, strlen(text)), 0);
	tp_plan(p, NULL, NULL, 14, 2021, 2025);
	claimed = calloc(d.nlines + 1, 1);
	assert_non_null(claimed);
	if (tables) {
		pw_error_quiet(1);
		assert_int_equal(pw_read_tables(&d, p, claimed), 0);
		pw_error_quiet(0);
	} else {
		pw_read_prose(&d, p, claimed);
	}
	free(claimed);
	pw_doc_release(&d);
}

#endif
