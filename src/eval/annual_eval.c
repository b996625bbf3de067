/*
 * annual_eval.c - gathers a plan's annual targets, their links and the
 * linked items' values, and judges each year's target (eval/annual.h).
 */
#include "eval/annual.h"
#include "eval/evaluation.h"
#include "model/measure.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* The item of a stored link in the current version: 0 and *it; 1 when
 * the row is gone from it (a later version dropped it); -1 on error. */
static int find_item(struct pw_store *s, const struct pw_annual_table *t,
		     const struct pw_annual_link *l, struct pw_annual_item *it)
{
	bool ind = l->entity == PW_ENTITY_INDICATOR;
	const int64_t *ids = ind ? t->ind_ids : t->tgt_ids;
	size_t i, n = ind ? t->nind : t->ntgt;
	int64_t cur;
	int rc = pw_store_current_id(s, ind ? "indicator" : "target", l->ref, &cur);

	if (rc != 0)
		return rc == PW_STORE_NOTFOUND ? 1 : -1;
	for (i = 0; i < n && ids[i] != cur; i++)
		;
	if (i == n)
		return 1;
	memset(it, 0, sizeof(*it));
	it->entity = l->entity;
	it->id = cur;
	if (ind) {
		it->ind = pw_plan_indicator_at(&t->plan, i);
		it->name = it->ind->name;
		it->unit = it->ind->unit;
	} else {
		it->t = &t->plan.targets[i];
		it->name = it->t->subject;
		it->unit = it->t->unit;
	}
	return 0;
}

/* A prose target judged as an indicator with its one target, as the
 * evaluation does (eval/evaluation.c, assess_prose). */
static void prose_as_indicator(const struct pw_prose_target *t, struct pw_indicator *ind)
{
	memset(ind, 0, sizeof(*ind));
	ind->name = t->subject;
	ind->unit = t->unit;
	ind->direction = t->t.cmp == PW_CMP_LE ? PW_DIR_DOWN : PW_DIR_UP;
	ind->targets = (struct pw_target *)&t->t;
	ind->ntargets = 1;
	ind->section = t->section;
	ind->measure = pw_measure_of_prose(t);
}

static int judge(struct pw_store *s, const struct pw_annual_table *t,
		 const struct pw_annual_opts *o, struct pw_annual_row *row)
{
	const struct pw_annual_item *it = &row->items[0];
	struct pw_annual_input in = { 0 };
	struct pw_indicator pseudo;
	struct pw_obs *obs = NULL;
	size_t nobs = 0;
	int rc;

	rc = pw_store_obs_series(s, it->entity, it->id, 0,
				 o->unapproved ? PW_PICK_LATEST : PW_PICK_APPROVED, &obs, &nobs);
	if (rc < 0)
		return rc;
	if (it->t)
		prose_as_indicator(it->t, &pseudo);
	in.ind = it->t ? &pseudo : it->ind;
	in.start = t->plan.start;
	in.end = t->plan.end;
	in.obs.obs = obs;
	in.obs.n = nobs;
	in.obs.mode = pw_measure_of_indicator(in.ind);
	in.at = &row->at->t.t;
	in.unit = row->at->t.unit;
	in.year = row->at->year;
	in.tol = o->tol;
	pw_annual_judge(&in, &row->r);
	row->judged = true;
	free(obs);
	return 0;
}

static int build_row(struct pw_store *s, const struct pw_annual_table *t,
		     const struct pw_annual_opts *o, const struct pw_annual_target *at,
		     struct pw_annual_row *row)
{
	size_t i;
	int rc;

	row->at = at;
	row->status = at->nlinks ? at->links[0].status : PW_LINK_UNLINKED;
	row->items = xcalloc(at->nlinks ? at->nlinks : 1, sizeof(*row->items));
	for (i = 0; i < at->nlinks; i++) {
		if (at->links[i].status == PW_LINK_UNLINKED)
			continue;
		rc = find_item(s, t, &at->links[i], &row->items[row->nitems]);
		if (rc < 0)
			return -1;
		row->nitems += rc == 0;
	}
	if (!row->nitems)
		row->status = PW_LINK_UNLINKED;
	if (row->status == PW_LINK_MATCHED || row->status == PW_LINK_CONFIRMED)
		return judge(s, t, o, row);
	return 0;
}

/* Do a and b (judged) set one target: same year, item, kind, comparator
 * and values, from two documents? */
static bool same_target(const struct pw_annual_row *a, const struct pw_annual_row *b)
{
	const struct pw_target *x = &a->at->t.t, *y = &b->at->t.t;

	return a->judged && b->judged && a->at->year == b->at->year &&
	       a->at->doc_id != b->at->doc_id && a->items[0].entity == b->items[0].entity &&
	       a->items[0].id == b->items[0].id && x->kind == y->kind && x->cmp == y->cmp &&
	       x->has_value == y->has_value && x->value == y->value &&
	       x->has_value_hi == y->has_value_hi && x->value_hi == y->value_hi;
}

/* Points each row that restates an earlier one at it (rows come by year,
 * so the earlier ones of a year are just before). */
static void mark_restated(struct pw_annual_table *t)
{
	size_t i, j;

	for (i = 1; i < t->nrows; i++)
		for (j = i; j-- > 0 && t->rows[j].at->year == t->rows[i].at->year;)
			if (!t->rows[j].restates && same_target(&t->rows[j], &t->rows[i])) {
				t->rows[i].restates = &t->rows[j];
				break;
			}
}

int pw_eval_annual(struct pw_store *s, int plan_id, const struct pw_annual_opts *o,
		   struct pw_annual_table *out)
{
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	pw_plan_init(&out->plan);
	out->plan_id = plan_id;
	out->year = o->year;
	/* the targets first: most plans have none, and then the plan is
	 * not loaded again (every report and API call of a plan comes here) */
	if ((rc = pw_store_annual_targets(s, plan_id, o->year, &out->targets, &out->nrows)) < 0)
		return rc;
	if (!out->nrows)
		return 0;
	if ((rc = pw_store_load_plan(s, plan_id, 0, &out->plan)) < 0 ||
	    (rc = pw_store_plan_indicator_ids(s, plan_id, 0, &out->ind_ids, &out->nind)) < 0 ||
	    (rc = pw_store_plan_target_ids(s, plan_id, 0, &out->tgt_ids, &out->ntgt)) < 0)
		return rc;
	out->rows = xcalloc(out->nrows ? out->nrows : 1, sizeof(*out->rows));
	for (i = 0, rc = 0; i < out->nrows && rc == 0; i++)
		rc = build_row(s, out, o, &out->targets[i], &out->rows[i]);
	if (rc == 0)
		mark_restated(out);
	return rc;
}

void pw_annual_table_release(struct pw_annual_table *t)
{
	size_t i;

	for (i = 0; t->rows && i < t->nrows; i++)
		free(t->rows[i].items);
	free(t->rows);
	pw_annual_targets_free(t->targets, t->nrows);
	free(t->ind_ids);
	free(t->tgt_ids);
	pw_plan_free(&t->plan);
	memset(t, 0, sizeof(*t));
}

/* ---- into an evaluation ---- */

/* The titles of the documents that set row's target: its own, then those
 * of the rows up to end that restate it, joined by "；" (a new string, or
 * NULL when none has a title). */
static char *documents(const struct pw_annual_row *row, const struct pw_annual_row *end)
{
	struct strbuf sb = STRBUF_INIT;
	const struct pw_annual_row *r;
	int64_t named = -1; /* a document's rows are together: name it once */

	for (r = row; r < end; r++) {
		if ((r != row && r->restates != row) || !r->at->doc_title ||
		    r->at->doc_id == named)
			continue;
		if (sb.len)
			sb_addstr(&sb, "；");
		sb_addstr(&sb, r->at->doc_title);
		named = r->at->doc_id;
	}
	if (!sb.len) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb, NULL);
}

/* One evaluation entry of row; end: the end of the rows attached, whose
 * restatements of row add their documents. */
static void attach_row(const struct pw_annual_row *row, const struct pw_annual_row *end,
		       struct pw_eval_annual *e)
{
	const struct pw_annual_target *at = row->at;

	e->id = at->id;
	e->year = at->year;
	e->t = at->t.t;
	e->t.text = NULL;
	e->text = xstrdup_or_null(at->t.t.text);
	e->doc = documents(row, end);
	e->link = row->status;
	e->judged = row->judged;
	e->r = row->r;
	if (row->judged) {
		e->item = xstrdup_or_null(row->items[0].name);
		e->item_id = row->items[0].id;
		e->on = row->items[0].entity == PW_ENTITY_INDICATOR ? PW_EVAL_ANNUAL_INDICATOR
								       : PW_EVAL_ANNUAL_TARGET;
	}
	else
		e->ncandidates = row->status == PW_LINK_AMBIGUOUS ? row->nitems : 0;
}

int pw_eval_annual_attach(struct pw_store *s, int plan_id, const struct pw_eval_opts *o,
			  struct pw_evaluation *ev)
{
	struct pw_annual_opts ao = { 0, o->unapproved, o->assess.approx_tol };
	struct pw_annual_table t;
	size_t i, n;
	int rc;

	if (ev->previous || !ev->year)
		return 0;
	if ((rc = pw_store_schema_version(s)) < 8) /* an older read-only copy */
		return rc < 0 ? -1 : 0;
	rc = pw_eval_annual(s, plan_id, &ao, &t);
	/* rows come by year: those up to the evaluation's year */
	for (n = 0; rc == 0 && n < t.nrows && t.rows[n].at->year <= ev->year; n++)
		;
	if (rc == 0 && n) {
		ev->annual = xcalloc(n, sizeof(*ev->annual));
		for (i = 0; i < n; i++) /* a target said again is counted once */
			if (!t.rows[i].restates)
				attach_row(&t.rows[i], t.rows + n, &ev->annual[ev->nannual++]);
	}
	pw_annual_table_release(&t);
	return rc < 0 ? -1 : 0;
}
