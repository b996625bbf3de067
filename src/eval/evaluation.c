/*
 * evaluation.c - builds the evaluation model (evaluation.h) from a plan in
 * memory and the monitoring data the caller gathered: which tables the
 * year belongs to, the series of each indicator, its assessment, growth to
 * date, prose targets and projects, and the counts.  Titles and counts are
 * in eval_summary.c; gathering a stored plan in gather.c.
 */
#include "eval/eval_int.h"
#include "model/measure.h"
#include "assess/assess_plan.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <math.h>
#include <string.h>
#include "util/nelem.h"
#include "util/names.h"


/* Copies an external target into the engine's input. */
static void external_input(const struct pw_eval_external *x, struct pw_assess_input *in)
{
	in->has_external = true;
	in->external = x->value;
	in->external_hi = x->value_hi;
	in->external_cmp = x->cmp;
	in->external_kind = x->kind;
	in->external_year = x->year;
}

/* English name (CLI, JSON) and what an office types (--kind 年度); the
 * report's title, which is accepted too. */
static const struct pw_name kinds[] = {
	[PW_REPORT_ANNUAL] = { "annual", "年度" },
	[PW_REPORT_MIDTERM] = { "midterm", "中期" },
	[PW_REPORT_FINAL] = { "final", "总结" },
};
static const struct pw_name titles[] = {
	[PW_REPORT_ANNUAL] = { "年度监测报告", NULL },
	[PW_REPORT_MIDTERM] = { "中期评估报告", NULL },
	[PW_REPORT_FINAL] = { "总结评估报告", NULL },
};

const char *pw_report_kind_name(enum pw_report_kind k)
{
	return pw_name_of(kinds, NELEM(kinds), k, "?");
}

const char *pw_report_kind_label(enum pw_report_kind k)
{
	return pw_name_of(titles, NELEM(titles), k, "?");
}

int pw_report_kind_from_name(const char *s)
{
	int k = pw_name_lookup(kinds, NELEM(kinds), s);

	return k >= 0 ? k : pw_name_lookup(titles, NELEM(titles), s);
}

void pw_eval_opts_init(struct pw_eval_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->kind = PW_REPORT_ANNUAL;
	pw_assess_opts_init(&o->assess);
}

bool pw_eval_status_at_risk(enum pw_status s)
{
	return s == PW_STATUS_LAGGING || s == PW_STATUS_NOT_MET;
}

/* ---- helpers ----------------------------------------------------------- */

void pw_eval_warn(struct pw_evaluation *ev, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(ev->warnings, ev->nwarnings + 1, ev->warnings_alloc);
	ev->warnings[ev->nwarnings++] = sb_detach(&sb, NULL);
}

/* "第一章 发展基础" of the chapter enclosing section, or NULL (new string). */
char *pw_eval_chapter_of(const struct pw_plan *p, int section)
{
	struct strbuf sb = STRBUF_INIT;
	int guard = 0;

	while (section >= 0 && (size_t)section < p->nsections && guard++ < 64) {
		const struct pw_section *s = &p->sections[section];

		if (s->level == PW_LEVEL_CHAPTER) {
			sb_addf(&sb, "%s%s%s", s->number ? s->number : "",
				s->number && s->title ? " " : "", s->title ? s->title : "");
			return sb_detach(&sb, NULL);
		}
		section = s->parent;
	}
	return NULL;
}

static bool year_in(int year, int start, int end)
{
	return (!start || year >= start) && (!end || year <= end) && (start || end);
}

static int obs_by_year(const void *a, const void *b)
{
	const struct pw_obs *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

/*
 * Appends to *v the observations of src at or before year, then sorts
 * them by year keeping the last entry given for a year (stable: entries
 * appended later win, so the caller adds weaker sources first).
 */
static void obs_merge(struct pw_obs **v, size_t *n, const struct pw_obs *src, size_t nsrc,
		      int year)
{
	size_t i, j;

	*v = xrealloc(*v, (*n + nsrc + 1) * sizeof(**v));
	for (i = 0; i < nsrc; i++) {
		if (src[i].year > year || !isfinite(src[i].value))
			continue;
		for (j = 0; j < *n && (*v)[j].year != src[i].year; j++)
			;
		(*v)[j] = src[i];
		if (j == *n)
			(*n)++;
	}
	qsort(*v, *n, sizeof(**v), obs_by_year);
}

static bool has_year(const struct pw_obs *o, size_t n, int year)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (o[i].year == year)
			return true;
	return false;
}

static void set_latest(struct pw_eval_indicator *e)
{
	if (!e->nobs)
		return;
	e->has_latest = true;
	e->latest_year = e->obs[e->nobs - 1].year;
	e->latest = e->obs[e->nobs - 1].value;
	e->latest_estimated = e->obs[e->nobs - 1].estimated;
}

/* ---- indicators -------------------------------------------------------- */

/* The series of one table row: its own actual (表1's 完成值), overridden by
 * monitoring observations of the same year. */
static void gather_series(struct pw_eval_indicator *e, const struct pw_eval_series_data *d,
			  int year)
{
	const struct pw_indicator *ind = e->ind;

	if (ind->has_actual) {
		struct pw_obs o = { ind->actual_year ? ind->actual_year : e->end, ind->actual,
				    ind->actual_estimated };

		obs_merge(&e->obs, &e->nobs, &o, 1, year);
	}
	if (d) {
		e->id = d->id;
		e->lead_unit = xstrdup_or_null(d->lead_unit);
		obs_merge(&e->obs, &e->nobs, d->obs, d->nobs, year);
	}
	set_latest(e);
	if (!e->has_latest)
		e->source = PW_EVAL_NONE;
	else if (d && has_year(d->obs, d->nobs, e->latest_year))
		e->source = PW_EVAL_OBSERVED;
	else
		e->source = PW_EVAL_TABLE;
}

static const struct pw_eval_series_data *series_data(const struct pw_eval_data *d,
						     size_t flat, size_t nflat)
{
	if (!d || !d->indicators || d->nindicators != nflat)
		return NULL;
	return &d->indicators[flat];
}

/* The growth to date: the engine's result for the indicator's growth
 * target (the CAGR from baseline to the latest value, or the rates'
 * average for an indicator that is itself a rate). */
static void set_growth(struct pw_eval_indicator *e)
{
	size_t i;

	for (i = 0; i < e->a.ntargets; i++) {
		if (e->a.targets[i].kind == PW_KIND_GROWTH && e->a.targets[i].has_actual) {
			e->has_growth = true;
			e->growth = e->a.targets[i].actual;
			return;
		}
	}
}

/* The evaluation entry of the row a relation target names, or NULL. */
static const struct pw_eval_indicator *related_entry(const struct pw_evaluation *ev,
						     size_t first, const struct pw_table *t,
						     const struct pw_indicator *rel)
{
	size_t r;

	if (!rel)
		return NULL;
	r = (size_t)(rel - t->rows);
	return first + r < ev->ninds ? &ev->inds[first + r] : NULL;
}

static int assess_row(struct pw_evaluation *ev, size_t first, const struct pw_table *t,
		      struct pw_eval_indicator *e, const struct pw_eval_series_data *d)
{
	struct pw_assess_input in = { 0 };
	size_t k;

	in.ind = e->ind;
	in.start = e->start;
	in.end = e->end;
	in.year = ev->year;
	in.obs.obs = e->obs;
	in.obs.n = e->nobs;
	/* the table's 完成值 is the period's own figure (assess.h) */
	in.obs.whole_period = e->source == PW_EVAL_TABLE;
	/* monitoring values are what the measure definition says they are */
	in.obs.mode = e->source == PW_EVAL_OBSERVED ? e->ind->measure : PW_SERIES_AUTO;
	for (k = 0; k < e->ind->ntargets; k++) {
		const struct pw_target *tg = &e->ind->targets[k];
		const struct pw_eval_indicator *rel;

		if (tg->kind != PW_KIND_RELATION)
			continue;
		in.related = pw_assess_find_related(t, e->ind, tg);
		rel = related_entry(ev, first, t, in.related);
		if (rel) {
			in.related_obs.obs = rel->obs;
			in.related_obs.n = rel->nobs;
			in.related_obs.whole_period = rel->source == PW_EVAL_TABLE;
		}
	}
	if (d && d->external.has_value) {
		external_input(&d->external, &in);
		e->has_external = true;
		e->external_kind = in.external_kind;
	}
	if (pw_assess_indicator(&in, &ev->assess, &e->a) < 0)
		return -1;
	set_growth(e);
	e->at_risk = pw_eval_status_at_risk(e->a.status);
	return 0;
}

/* Adds the rows of table ti; flat is the index of its first row among all
 * the plan's indicators (the order of struct pw_eval_data). */
static int add_table(struct pw_evaluation *ev, size_t ti, size_t flat, size_t nflat,
		     const struct pw_eval_data *d)
{
	const struct pw_table *t = &ev->plan->tables[ti];
	size_t first = ev->ninds, r;
	int start, end;
	char *chapter = pw_eval_chapter_of(ev->plan, t->section);

	pw_assess_table_period(ev->plan, t, &start, &end);
	ev->inds = xrealloc(ev->inds, (ev->ninds + t->nrows + 1) * sizeof(*ev->inds));
	memset(&ev->inds[first], 0, (t->nrows + 1) * sizeof(*ev->inds));
	for (r = 0; r < t->nrows; r++) {
		struct pw_eval_indicator *e = &ev->inds[first + r];

		e->ind = &t->rows[r];
		e->table = ti;
		e->row = r;
		e->start = start;
		e->end = end;
		e->chapter = xstrdup_or_null(chapter);
		gather_series(e, series_data(d, flat + r, nflat), ev->year);
	}
	ev->ninds += t->nrows;
	free(chapter);
	for (r = 0; r < t->nrows; r++)
		if (assess_row(ev, first, t, &ev->inds[first + r], series_data(d, flat + r, nflat)) < 0)
			return -1;
	return 0;
}

static size_t count_rows(const struct pw_plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->ntables; i++)
		n += p->tables[i].nrows;
	return n;
}

/* Tables whose period contains the year, and the span of their periods. */
static int add_tables(struct pw_evaluation *ev, const struct pw_eval_data *d)
{
	const struct pw_plan *p = ev->plan;
	size_t i, flat = 0, nflat = count_rows(p);

	for (i = 0; i < p->ntables; flat += p->tables[i].nrows, i++) {
		int start, end;

		pw_assess_table_period(p, &p->tables[i], &start, &end);
		if (!year_in(ev->year, start, end) || !p->tables[i].nrows)
			continue;
		if (!ev->start || start < ev->start)
			ev->start = start;
		if (end > ev->end)
			ev->end = end;
		if (add_table(ev, i, flat, nflat, d) < 0)
			return -1;
	}
	return 0;
}

/* ---- prose targets and projects ----------------------------------------- */

/* a and b equal but for ASCII blanks (NULL equals NULL only). */
static bool same_words(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	for (;; a++, b++) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
	}
}

/* The evaluated indicator prose target t restates when the store does
 * not say (a plan read from a file): its name is t's subject and its unit
 * t's unit (the rule import applies, PW_TARGET_LINK_RULE in
 * store/store_internal.h).  1 + index into ev->inds, or 0. */
static size_t restated(const struct pw_evaluation *ev, const struct pw_prose_target *t)
{
	size_t i;

	for (i = 0; t->subject && i < ev->ninds; i++)
		if (same_words(ev->inds[i].ind->name, t->subject) &&
		    same_words(ev->inds[i].ind->unit, t->unit))
			return i + 1;
	return 0;
}

/* The evaluated indicator at place flat1 (1 + its place among the plan's
 * indicators, tables in order): 1 + index into ev->inds, or 0 when none
 * or its table is not evaluated this year. */
static size_t linked(const struct pw_evaluation *ev, size_t flat1)
{
	size_t i, t, flat;

	for (i = 0; flat1 && i < ev->ninds; i++) {
		for (flat = 0, t = 0; t < ev->inds[i].table; t++)
			flat += ev->plan->tables[t].nrows;
		if (flat + ev->inds[i].row + 1 == flat1)
			return i + 1;
	}
	return 0;
}

/* A prose target is judged as an indicator with that one target; one that
 * restates a table indicator on that indicator's values, read as they
 * are entered for it. */
static void assess_prose(struct pw_evaluation *ev, struct pw_eval_target *e,
			 const struct pw_eval_series_data *d)
{
	const struct pw_eval_indicator *same = NULL;
	struct pw_indicator ind = { 0 };
	struct pw_target t = e->t->t;
	struct pw_assess_input in = { 0 };
	struct pw_obs *obs = NULL;
	size_t nobs = 0;

	ind.name = e->t->subject;
	ind.unit = e->t->unit;
	ind.direction = t.cmp == PW_CMP_LE ? PW_DIR_DOWN : PW_DIR_UP;
	ind.targets = &t;
	ind.ntargets = 1;
	ind.section = e->t->section;
	/* the link the store keeps (and the office corrects), else the rule */
	e->restates = d && d->linked ? linked(ev, d->restates) : restated(ev, e->t);
	e->measure = pw_measure_of_prose(e->t);
	if (e->restates) {
		same = &ev->inds[e->restates - 1];
		if (same->source == PW_EVAL_OBSERVED)
			e->measure = pw_measure_of_indicator(same->ind);
		/* the path starts where the table's starts */
		ind.has_baseline = same->ind->has_baseline;
		ind.baseline_year = same->ind->baseline_year;
		ind.baseline = same->ind->baseline;
		ind.direction = same->ind->direction;
	}
	if (d)
		obs_merge(&obs, &nobs, d->obs, d->nobs, ev->year);
	if (!nobs && same && same->source == PW_EVAL_OBSERVED)
		obs_merge(&obs, &nobs, same->obs, same->nobs, ev->year);
	in.ind = &ind;
	in.start = ev->plan->start;
	in.end = ev->plan->end;
	in.year = ev->year;
	in.obs.obs = obs;
	in.obs.n = nobs;
	in.obs.mode = e->measure;
	if (d && d->external.has_value) {
		external_input(&d->external, &in);
	}
	pw_assess_target(&in, &t, &ev->assess, &e->r);
	if (nobs) {
		e->has_latest = true;
		e->latest_year = obs[nobs - 1].year;
		e->latest = obs[nobs - 1].value;
	}
	free(obs);
}

static void add_targets(struct pw_evaluation *ev, const struct pw_eval_data *d)
{
	const struct pw_plan *p = ev->plan;
	bool have = d && d->targets && d->ntargets == p->ntargets;
	size_t i;

	ev->targets = xcalloc(p->ntargets + 1, sizeof(*ev->targets));
	for (i = 0; i < p->ntargets; i++) {
		struct pw_eval_target *e = &ev->targets[ev->ntargets++];
		const struct pw_eval_series_data *sd = have ? &d->targets[i] : NULL;

		e->t = &p->targets[i];
		e->index = i;
		e->chapter = pw_eval_chapter_of(p, e->t->section);
		if (sd) {
			e->id = sd->id;
			e->lead_unit = xstrdup_or_null(sd->lead_unit);
		}
		assess_prose(ev, e, sd);
	}
}

static void copy_item(struct pw_eval_item *e, const struct pw_eval_item_data *d)
{
	e->id = d->id;
	e->lead_unit = xstrdup_or_null(d->lead_unit);
	e->status = xstrdup_or_null(d->status);
	e->year = d->year;
	e->has_percent = d->has_percent;
	e->percent = d->percent;
	e->has_investment = d->has_investment;
	e->investment = d->investment;
	e->note = xstrdup_or_null(d->note);
}

static void add_items(struct pw_evaluation *ev, const struct pw_eval_data *d)
{
	const struct pw_plan *p = ev->plan;
	size_t i, j, flat = 0, n = 0;
	bool have;

	for (i = 0; i < p->ncolumns; i++)
		n += p->columns[i].nitems;
	have = d && d->items && d->nitems == n;
	ev->items = xcalloc(n + 1, sizeof(*ev->items));
	for (i = 0; i < p->ncolumns; i++) {
		char *chapter = pw_eval_chapter_of(p, p->columns[i].section);

		for (j = 0; j < p->columns[i].nitems; j++, flat++) {
			struct pw_eval_item *e = &ev->items[ev->nitems++];

			e->column = &p->columns[i];
			e->item = &p->columns[i].items[j];
			e->chapter = xstrdup_or_null(chapter);
			if (have)
				copy_item(e, &d->items[flat]);
		}
		free(chapter);
	}
}

/* ---- entry points -------------------------------------------------------- */

bool pw_eval_has_year(const struct pw_plan *p, int year)
{
	bool tables = false, own;
	size_t i, items = 0;

	for (i = 0; i < p->ncolumns; i++)
		items += p->columns[i].nitems;
	for (i = 0; year && i < p->ntables; i++) {
		int start, end;

		pw_assess_table_period(p, &p->tables[i], &start, &end);
		tables |= year_in(year, start, end) && p->tables[i].nrows;
	}
	own = year_in(year, p->start, p->end) || (!p->start && !p->end && !tables);
	return year && (tables || (own && (p->ntargets || items)));
}

int pw_eval_build(const struct pw_plan *p, const struct pw_eval_data *data,
		  const struct pw_eval_opts *o, struct pw_evaluation *out)
{
	memset(out, 0, sizeof(*out));
	pw_plan_init(&out->own_plan);
	if (!p || !o)
		return pw_error("no plan to evaluate");
	out->plan = p;
	out->kind = o->kind;
	out->year = o->year ? o->year : p->end;
	out->assess = o->assess;
	if (!out->year)
		return pw_error("no year to evaluate: the plan has no period");
	if (add_tables(out, data) < 0)
		goto fail;
	if (year_in(out->year, p->start, p->end) || (!p->start && !p->end && !out->ninds)) {
		add_targets(out, data);
		add_items(out, data);
		if (!out->start || (p->start && p->start < out->start))
			out->start = p->start;
		if (p->end > out->end)
			out->end = p->end;
	}
	if (!out->ninds && !out->ntargets && !out->nitems) {
		pw_error_kind(PW_ERR_NOTFOUND, "nothing in plan '%s' to evaluate for %d",
			 p->title ? p->title : p->source ? p->source : "?", out->year);
		goto fail;
	}
	pw_eval_summarise(out);
	return 0;
fail:
	pw_eval_release(out);
	return -1;
}

void pw_eval_release(struct pw_evaluation *ev)
{
	size_t i;

	for (i = 0; i < ev->ninds; i++) {
		free(ev->inds[i].chapter);
		free(ev->inds[i].lead_unit);
		free(ev->inds[i].obs);
		free(ev->inds[i].note);
		pw_assessment_release(&ev->inds[i].a);
	}
	for (i = 0; i < ev->ntargets; i++) {
		free(ev->targets[i].chapter);
		free(ev->targets[i].lead_unit);
		free(ev->targets[i].note);
	}
	for (i = 0; i < ev->nitems; i++) {
		free(ev->items[i].chapter);
		free(ev->items[i].lead_unit);
		free(ev->items[i].status);
		free(ev->items[i].note);
	}
	for (i = 0; i < ev->nannual; i++) {
		free(ev->annual[i].text);
		free(ev->annual[i].doc);
		free(ev->annual[i].item);
	}
	free(ev->annual);
	pw_eval_groups_free(ev->groups, ev->ngroups);
	pw_eval_groups_free(ev->chapters, ev->nchapters);
	for (i = 0; i < ev->nwarnings; i++)
		free(ev->warnings[i]);
	free(ev->warnings);
	free(ev->inds);
	free(ev->order);
	free(ev->targets);
	free(ev->items);
	free(ev->title);
	free(ev->subject);
	if (ev->owns_plan)
		pw_plan_free(&ev->own_plan);
	memset(ev, 0, sizeof(*ev));
}
