/*
 * assess_plan.c - the plan-file adapter: assesses the rows of a plan's
 * indicator tables from the actual values the tables themselves carry
 * (表1's 2020完成值).  The store adapter does the same from observations.
 */
#include "assess/assess_plan.h"
#include "model/measure.h"

#include <string.h>
#include "util/nelem.h"

void pw_assess_table_period(const struct pw_plan *p, const struct pw_table *t, int *start,
			    int *end)
{
	size_t i;

	*start = t->start ? t->start : p->start;
	*end = t->end ? t->end : p->end;
	if (*end && *start)
		return;
	/* A table without a period: span its baselines and actuals. */
	for (i = 0; i < t->nrows; i++) {
		const struct pw_indicator *r = &t->rows[i];

		if (!*end && r->has_actual && r->actual_year)
			*end = r->actual_year;
		if (!*start && r->has_baseline && r->baseline_year)
			*start = r->baseline_year + 1;
	}
	if (!*start && *end)
		*start = *end - 4; /* a five-year plan */
}

bool pw_assess_row_has_actual(const struct pw_indicator *row)
{
	return row->has_actual;
}

/* The observation a table row carries: its actual, in its year. */
static void row_obs(const struct pw_indicator *row, int end, struct pw_obs *o)
{
	o->year = row->actual_year ? row->actual_year : end;
	o->value = row->actual;
	o->estimated = row->actual_estimated;
}

/* Does row r stand for the subject relation text names (model/measure.h)? */
static bool names_subject(const struct pw_indicator *r, const char *text)
{
	size_t i, j, n;
	const struct pw_measure_synonym *synonyms = pw_measure_synonyms(&n);

	for (i = 0; i < n; i++) {
		if (!strstr(text, synonyms[i].subject))
			continue;
		for (j = 0; synonyms[i].names[j]; j++)
			if (strstr(r->name, synonyms[i].names[j]))
				return true;
	}
	return false;
}

const struct pw_indicator *pw_assess_find_related(const struct pw_table *t,
						  const struct pw_indicator *row,
						  const struct pw_target *target)
{
	size_t i;

	if (!target->text)
		return NULL;
	for (i = 0; i < t->nrows; i++) {
		const struct pw_indicator *r = &t->rows[i];

		if (r != row && r->name && names_subject(r, target->text))
			return r;
	}
	return NULL;
}

int pw_assess_table_row(const struct pw_plan *p, const struct pw_table *t,
			const struct pw_indicator *row, int year,
			const struct pw_assess_opts *o, struct pw_assessment *out)
{
	struct pw_assess_input in = { 0 };
	struct pw_obs own, rel;
	size_t i;

	pw_assess_table_period(p, t, &in.start, &in.end);
	in.ind = row;
	in.year = year ? year : in.end;
	if (row->has_actual) {
		row_obs(row, in.end, &own);
		in.obs.obs = &own;
		in.obs.n = 1;
		in.obs.whole_period = true; /* a 完成值 is the period's figure */
	}
	for (i = 0; i < row->ntargets; i++) {
		const struct pw_indicator *r;

		if (row->targets[i].kind != PW_KIND_RELATION)
			continue;
		r = pw_assess_find_related(t, row, &row->targets[i]);
		in.related = r;
		if (r && r->has_actual) {
			row_obs(r, in.end, &rel);
			in.related_obs.obs = &rel;
			in.related_obs.n = 1;
			in.related_obs.whole_period = true;
		}
	}
	return pw_assess_indicator(&in, o, out);
}
