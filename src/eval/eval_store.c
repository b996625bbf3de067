/*
 * eval_store.c - the store adapter of the evaluation builder: loads a plan
 * version and, through store/monitor.h, the observations, lead units,
 * external targets and project progress it needs, then calls
 * pw_eval_build().
 */
#include "eval/eval_int.h"
#include "eval/gather.h"
#include "store/monitor.h"
#include "util/alloc.h"
#include "util/error.h"

#include <math.h>
#include <string.h>

/* Everything gathered from the store; owns the arrays behind data. */
struct gathered {
	struct pw_eval_data data;
	struct pw_eval_series_data *inds, *tgts;
	struct pw_eval_item_data *items;
	struct pw_series *series; /* indicator observations (pw_store_series_free) */
	size_t nseries;
	struct pw_obs **tobs;     /* per prose target */
	char **strings;           /* lead units and statuses to free */
	size_t nstrings, strings_alloc;
};

static const char *keep(struct gathered *g, char *s)
{
	ALLOC_GROW(g->strings, g->nstrings + 1, g->strings_alloc);
	g->strings[g->nstrings++] = s;
	return s;
}

static void gathered_free(struct gathered *g)
{
	size_t i;

	for (i = 0; i < g->nstrings; i++)
		free(g->strings[i]);
	for (i = 0; g->tobs && i < g->data.ntargets; i++)
		free(g->tobs[i]);
	if (g->series)
		pw_store_series_free(g->series, g->nseries);
	free(g->strings);
	free(g->tobs);
	free(g->inds);
	free(g->tgts);
	free(g->items);
}

/* Lead unit (NULL when none is assigned); -1 on a database error. */
static int lead_unit(struct pw_store *s, struct gathered *g, enum pw_entity e, int64_t id,
		     int year, const char **out)
{
	char *u = NULL;
	int rc = pw_store_lead_unit(s, e, id, year, &u);

	*out = NULL;
	if (rc == PW_STORE_NOTFOUND)
		return 0;
	if (rc < 0)
		return -1;
	*out = keep(g, u);
	return 0;
}

static int external(struct pw_store *s, enum pw_entity e, int64_t id,
		    struct pw_eval_external *out)
{
	struct pw_external x;
	int rc = pw_store_external_get(s, e, id, &x);

	if (rc == PW_STORE_NOTFOUND)
		return 0;
	if (rc < 0)
		return -1;
	out->has_value = true;
	out->value = x.value;
	out->value_hi = x.has_value_hi ? x.value_hi : 0;
	out->cmp = x.cmp;
	out->kind = x.kind;
	out->year = x.year;
	pw_external_release(&x);
	return 0;
}

/* Lead unit and external target of one indicator or prose target. */
static int series_extras(struct pw_store *s, struct gathered *g, enum pw_entity e,
			 struct pw_eval_series_data *d, int year)
{
	if (lead_unit(s, g, e, d->id, year, &d->lead_unit) < 0)
		return -1;
	return external(s, e, d->id, &d->external);
}

/* What every gather step takes: the plan version and what to pick. */
struct gather_args {
	struct pw_store *s;
	int plan_id, version, year;
	enum pw_obs_pick pick;
};

/*
 * One kind of row of a plan version (indicators, prose targets, projects):
 * ids lists its row ids, start sizes g's arrays for n of them (and may
 * fail), one fills row i.  All return 0 or -1 / a store code.
 */
struct gather_kind {
	int (*ids)(struct pw_store *s, int plan_id, int version, int64_t **ids, size_t *n);
	int (*start)(const struct gather_args *a, struct gathered *g, size_t n);
	int (*one)(const struct gather_args *a, struct gathered *g, size_t i, int64_t id);
};

static int start_indicators(const struct gather_args *a, struct gathered *g, size_t n)
{
	int rc = pw_store_plan_obs_series(a->s, a->plan_id, a->version, a->year, a->pick,
					  &g->series, &g->nseries);

	if (rc == 0 && g->nseries != n)
		rc = pw_error("observation series do not match the indicators of plan %d",
			      a->plan_id);
	g->inds = xcalloc(n + 1, sizeof(*g->inds));
	g->data.indicators = g->inds;
	g->data.nindicators = n;
	return rc;
}

static int one_indicator(const struct gather_args *a, struct gathered *g, size_t i, int64_t id)
{
	g->inds[i].id = id;
	g->inds[i].obs = g->series[i].obs;
	g->inds[i].nobs = g->series[i].n;
	return series_extras(a->s, g, PW_ENTITY_INDICATOR, &g->inds[i], a->year);
}

static int start_targets(const struct gather_args *a, struct gathered *g, size_t n)
{
	(void)a;
	g->tgts = xcalloc(n + 1, sizeof(*g->tgts));
	g->tobs = xcalloc(n + 1, sizeof(*g->tobs));
	g->data.targets = g->tgts;
	g->data.ntargets = n;
	return 0;
}

static int one_target(const struct gather_args *a, struct gathered *g, size_t i, int64_t id)
{
	int rc = pw_store_obs_series(a->s, PW_ENTITY_TARGET, id, a->year, a->pick, &g->tobs[i],
				     &g->tgts[i].nobs);

	g->tgts[i].id = id;
	g->tgts[i].obs = g->tobs[i];
	return rc == 0 ? series_extras(a->s, g, PW_ENTITY_TARGET, &g->tgts[i], a->year) : rc;
}

static int start_items(const struct gather_args *a, struct gathered *g, size_t n)
{
	(void)a;
	g->items = xcalloc(n + 1, sizeof(*g->items));
	g->data.items = g->items;
	g->data.nitems = n;
	return 0;
}

/* The project's progress as `pick` takes it (approved rows for an official
 * report, like its values) and its lead unit. */
static int one_item(const struct gather_args *a, struct gathered *g, size_t i, int64_t id)
{
	struct pw_eval_item_data *d = &g->items[i];
	char *status = NULL;
	double percent = NAN;
	int rc;

	d->id = id;
	rc = pw_store_progress_pick(a->s, id, a->year, a->pick, &d->year, &status, &percent);
	if (rc < 0 && rc != PW_STORE_NOTFOUND)
		return -1;
	if (rc == 0) {
		d->status = keep(g, status);
		d->has_percent = isfinite(percent);
		d->percent = percent;
	}
	return lead_unit(a->s, g, PW_ENTITY_PROJECT, id, a->year, &d->lead_unit);
}

static int gather_kind(const struct gather_args *a, const struct gather_kind *k,
		       struct gathered *g)
{
	int64_t *ids = NULL;
	size_t n, i;
	int rc = k->ids(a->s, a->plan_id, a->version, &ids, &n);

	if (rc < 0)
		return rc;
	rc = k->start(a, g, n);
	for (i = 0; rc == 0 && i < n; i++)
		rc = k->one(a, g, i, ids[i]);
	free(ids);
	return rc;
}

static int gather(struct pw_store *s, int plan_id, int version, const struct pw_eval_opts *o,
		  int year, struct gathered *g)
{
	static const struct gather_kind kinds[] = {
		{ pw_store_plan_indicator_ids, start_indicators, one_indicator },
		{ pw_store_plan_target_ids, start_targets, one_target },
		{ pw_store_plan_item_ids, start_items, one_item },
	};
	const struct gather_args a = { s, plan_id, version, year,
				       o->unapproved ? PW_PICK_LATEST : PW_PICK_APPROVED };
	size_t k;
	int rc = 0;

	for (k = 0; rc == 0 && k < sizeof(kinds) / sizeof(kinds[0]); k++)
		rc = gather_kind(&a, &kinds[k], g);
	return rc;
}

/* The plan's current version number, 0 if it cannot be read. */
static int current_version(struct pw_store *s, int plan_id)
{
	struct pw_plan_info in;
	int v;

	if (pw_store_plan_info(s, plan_id, 0, &in) < 0)
		return 0;
	v = in.version;
	pw_plan_info_release(&in);
	return v;
}

int pw_eval_from_store_rows(struct pw_store *s, int plan_id, int version,
		       const struct pw_eval_opts *o, struct pw_evaluation *out)
{
	struct gathered g;
	struct pw_plan plan;
	int rc, year;

	memset(out, 0, sizeof(*out));
	memset(&g, 0, sizeof(g));
	pw_plan_init(&plan);
	rc = pw_store_load_plan(s, plan_id, version, &plan);
	if (rc < 0)
		return rc;
	year = o->year ? o->year : plan.end;
	rc = gather(s, plan_id, version, o, year, &g);
	if (rc == 0)
		rc = pw_eval_build(&plan, &g.data, o, out);
	gathered_free(&g);
	if (rc < 0) {
		pw_plan_free(&plan);
		return rc;
	}
	/* The rows point into the plan's heap arrays, which the move keeps. */
	out->own_plan = plan;
	out->plan = &out->own_plan;
	out->owns_plan = true;
	out->plan_id = plan_id;
	out->version = version ? version : current_version(s, plan_id);
	return 0;
}
