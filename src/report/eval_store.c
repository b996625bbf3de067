/*
 * eval_store.c - the store adapter of the evaluation builder: loads a plan
 * version and, through store/monitor.h, the observations, lead units,
 * external targets and project progress it needs, then calls
 * pw_eval_build().
 */
#include "report/eval_int.h"
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

static int gather_indicators(struct pw_store *s, int plan_id, int version, int year,
			     enum pw_obs_pick pick, struct gathered *g)
{
	int64_t *ids = NULL;
	size_t n, i;
	int rc = pw_store_plan_indicator_ids(s, plan_id, version, &ids, &n);

	if (rc < 0)
		return rc;
	rc = pw_store_plan_obs_series(s, plan_id, version, year, pick, &g->series, &g->nseries);
	if (rc == 0 && g->nseries != n)
		rc = pw_error("observation series do not match the indicators of plan %d",
			      plan_id);
	g->inds = xcalloc(n + 1, sizeof(*g->inds));
	for (i = 0; rc == 0 && i < n; i++) {
		g->inds[i].id = ids[i];
		g->inds[i].obs = g->series[i].obs;
		g->inds[i].nobs = g->series[i].n;
		rc = series_extras(s, g, PW_ENTITY_INDICATOR, &g->inds[i], year);
	}
	g->data.indicators = g->inds;
	g->data.nindicators = n;
	free(ids);
	return rc;
}

static int gather_targets(struct pw_store *s, int plan_id, int version, int year,
			  enum pw_obs_pick pick, struct gathered *g)
{
	int64_t *ids = NULL;
	size_t n, i;
	int rc = pw_store_plan_target_ids(s, plan_id, version, &ids, &n);

	if (rc < 0)
		return rc;
	g->tgts = xcalloc(n + 1, sizeof(*g->tgts));
	g->tobs = xcalloc(n + 1, sizeof(*g->tobs));
	g->data.targets = g->tgts;
	g->data.ntargets = n;
	for (i = 0; rc == 0 && i < n; i++) {
		g->tgts[i].id = ids[i];
		rc = pw_store_obs_series(s, PW_ENTITY_TARGET, ids[i], year, pick, &g->tobs[i],
					 &g->tgts[i].nobs);
		g->tgts[i].obs = g->tobs[i];
		if (rc == 0)
			rc = series_extras(s, g, PW_ENTITY_TARGET, &g->tgts[i], year);
	}
	free(ids);
	return rc;
}

/* The project's progress as `pick` takes it (approved rows for an official
 * report, like its values) and its lead unit. */
static int gather_item(struct pw_store *s, struct gathered *g, struct pw_eval_item_data *d,
		       int year, enum pw_obs_pick pick)
{
	char *status = NULL;
	double percent = NAN;
	int rc = pw_store_progress_pick(s, d->id, year, pick, &d->year, &status, &percent);

	if (rc < 0 && rc != PW_STORE_NOTFOUND)
		return -1;
	if (rc == 0) {
		d->status = keep(g, status);
		d->has_percent = isfinite(percent);
		d->percent = percent;
	}
	return lead_unit(s, g, PW_ENTITY_PROJECT, d->id, year, &d->lead_unit);
}

static int gather_items(struct pw_store *s, int plan_id, int version, int year,
			enum pw_obs_pick pick, struct gathered *g)
{
	int64_t *ids = NULL;
	size_t n, i;
	int rc = pw_store_plan_item_ids(s, plan_id, version, &ids, &n);

	if (rc < 0)
		return rc;
	g->items = xcalloc(n + 1, sizeof(*g->items));
	g->data.items = g->items;
	g->data.nitems = n;
	for (i = 0; rc == 0 && i < n; i++) {
		g->items[i].id = ids[i];
		rc = gather_item(s, g, &g->items[i], year, pick);
	}
	free(ids);
	return rc;
}

static int gather(struct pw_store *s, int plan_id, int version, const struct pw_eval_opts *o,
		  int year, struct gathered *g)
{
	enum pw_obs_pick pick = o->unapproved ? PW_PICK_LATEST : PW_PICK_APPROVED;
	int rc = gather_indicators(s, plan_id, version, year, pick, g);

	if (rc == 0)
		rc = gather_targets(s, plan_id, version, year, pick, g);
	if (rc == 0)
		rc = gather_items(s, plan_id, version, year, pick, g);
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

int pw_eval_from_store(struct pw_store *s, int plan_id, int version,
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
