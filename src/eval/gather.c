/*
 * gather.c - the whole-database evaluation (gather.h).  One query per kind
 * of row for every plan at once, each ordered by plan id (the streams of
 * store/plan_rows.h); the streams are merged plan after plan into a
 * struct pw_plan (the current version, as plan_load.c rebuilds it) and
 * the approved series and external targets of its indicators and prose
 * targets (as observations.c and monitor_refs.c pick them, matched
 * through the key), and each plan is evaluated with pw_eval_build().
 */
#include "eval/gather.h"
#include "eval/annual.h"
#include "assess/assess_plan.h"
#include "store/monitor.h"
#include "store/plan_rows.h"
#include "util/alloc.h"
#include "util/error.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* A row's key and its position in the plan's flat order. */
struct keypos {
	int64_t key;
	size_t pos;
};

/* One approved observation of the row at pos (while queued: of the row
 * with this key in plan `plan`). */
struct pobs {
	int64_t plan, key;
	size_t pos;
	int year;
	int64_t id;
	double value;
	bool estimated;
};

/* The rows of one kind (indicators, or prose targets) of the plan being
 * merged, their series and external targets. */
struct rows {
	struct pw_store_cursor ids; /* in plan order */
	struct keypos *keys;
	size_t nkeys, keys_alloc;
	struct pobs *obs;
	size_t nobs, obs_alloc;
	struct pobs *queue; /* taken by pw_bulk_take(), not yet sorted to a plan */
	size_t nqueue, queue_alloc;
	struct pw_obs *pool;
	size_t pool_alloc;
	struct pw_eval_series_data *data;
	int64_t *ext_id; /* external_targets.id in force, 0: none */
	int64_t *lead_id; /* assignments.id in force, 0: none */
	char **lead;      /* its unit's name (owned), nlead entries */
	size_t nlead;
	size_t *start;   /* obs of the row at pos: sorted[start[pos]..start[pos + 1]) */
	struct pobs *sorted;
	size_t data_alloc, ext_alloc, lead_id_alloc, lead_alloc, start_alloc, sorted_alloc;
	int64_t last_key; /* the last key found, and its position */
	long last_pos;
};

/* The 专栏 projects of the plan being merged: their progress in force
 * (the latest year up to the report year, then the latest report). */
struct projects {
	struct pw_eval_item_data *data; /* by position, as rows.keys say */
	int64_t *prog_id;               /* project_progress.id in force, 0: none */
	char **status, **note;          /* owned */
	size_t n, data_alloc, prog_alloc, status_alloc, note_alloc;
};

/*
 * What is evaluated and where each evaluation goes: either to fn (valid
 * during the call) or, with take set, handed over whole (it owns its
 * plan; take releases and frees it).  single: one plan asked for by id,
 * evaluated even when nothing of it belongs to the year (so that
 * pw_eval_build() says why).
 */
struct range {
	int64_t first, last; /* plan ids */
	int version;         /* 0: the current version */
	bool single;
	pw_bulk_eval_fn fn;
	void *ctx;
	int (*take)(void *ctx, struct pw_evaluation *ev);
};

struct bulk {
	struct pw_store *s;
	const struct pw_eval_opts *o;
	struct pw_bulk_stats *st;
	struct pw_plan_rows rows; /* the streams (store/plan_rows.h) */
	const struct range *r;
	int year; /* the year the current plan is evaluated for */
	/* the plan being merged */
	int plan_id, version;
	struct pw_plan plan;
	struct pw_store_reader rd; /* rebuilds plan */
	struct pw_indicator *row; /* the indicator being read */
	struct rows ind, prose, items;
	struct pw_store_cursor links; /* per prose target: the indicator it restates, 0 */
	struct projects pj;
};

/* ------------------------------------------------------------------ */
/* Streams                                                            */

static void take_obs(void *ctx, bool prose, int64_t plan, int64_t key, int year,
		     int64_t obs_id, double value, bool estimated);

static int streams_open(struct bulk *b)
{
	return pw_plan_rows_open(&b->rows, b->s, b->r->first, b->r->last, b->r->version,
				 b->o->unapproved, take_obs, b);
}

/* Calls fn on each row of stream id that belongs to the current plan
 * (rows of plans without a current version are passed over). */
static int each(struct bulk *b, enum pw_rows_stream id,
		int (*fn)(struct bulk *, sqlite3_stmt *))
{
	sqlite3_stmt *st;
	int64_t plan;

	while ((st = pw_plan_rows_at(&b->rows, id, &plan)) != NULL && plan <= b->plan_id) {
		if (plan == b->plan_id && fn(b, st) < 0)
			return -1;
		if (pw_plan_rows_next(&b->rows, id) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Rebuilding the plan (the columns plan_load.c reads, after the plan id) */

static int version_row(struct bulk *b, sqlite3_stmt *st)
{
	b->version = pw_col_int(st, 1);
	return pw_store_read_meta(&b->rd, st, 2);
}

static int section_row(struct bulk *b, sqlite3_stmt *st)
{
	return pw_store_read_section(&b->rd, st, 1);
}

static int table_row(struct bulk *b, sqlite3_stmt *st)
{
	return pw_store_read_table(&b->rd, st, 1);
}

static void add_id(struct rows *r, int64_t id, int64_t key)
{
	pw_store_cursor_push(&r->ids, id);
	ALLOC_GROW(r->keys, r->nkeys + 1, r->keys_alloc);
	r->keys[r->nkeys].key = key;
	r->keys[r->nkeys].pos = r->nkeys;
	r->nkeys++;
}

static int new_indicator(struct bulk *b, sqlite3_stmt *st)
{
	b->row = pw_store_read_indicator(&b->rd, st, 1, 4);
	if (!b->row)
		return -1;
	add_id(&b->ind, sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
	return 0;
}

/* A row per target: the first of an indicator adds the indicator too
 * (its targets follow it at once, so b->row stays valid meanwhile). */
static int indicator_row(struct bulk *b, sqlite3_stmt *st)
{
	const struct pw_store_cursor *ids = &b->ind.ids;

	if ((!ids->n || ids->ids[ids->n - 1] != sqlite3_column_int64(st, 2)) &&
	    new_indicator(b, st) < 0)
		return -1;
	if (pw_col_null(st, 20))
		return 0; /* an indicator without target */
	return pw_store_read_target(&b->rd, st, 20, pw_indicator_add_target(b->row));
}

static int prose_row(struct bulk *b, sqlite3_stmt *st)
{
	add_id(&b->prose, sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
	pw_store_cursor_push(&b->links, sqlite3_column_int64(st, sqlite3_column_count(st) - 1));
	return pw_store_read_prose(&b->rd, st, 3);
}

static int column_row(struct bulk *b, sqlite3_stmt *st)
{
	return pw_store_read_column(&b->rd, st, 1);
}

static int item_row(struct bulk *b, sqlite3_stmt *st)
{
	add_id(&b->items, sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7));
	return pw_store_read_item(&b->rd, st, 1);
}

/* ------------------------------------------------------------------ */
/* Series and external targets, matched to the rows by key            */

static int cmp_keypos(const void *a, const void *b)
{
	const struct keypos *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

/* Position of the current row with this key, or -1. */
static long find_key(const struct rows *r, int64_t key)
{
	struct keypos k = { key, 0 };
	const struct keypos *hit = r->nkeys ? bsearch(&k, r->keys, r->nkeys, sizeof(k), cmp_keypos)
					    : NULL;

	return hit ? (long)hit->pos : -1;
}

/* Queues one approved value for the indicators or prose targets
 * (pw_rows_take_fn, from the IOBS and TOBS streams). */
static void take_obs(void *ctx, bool prose, int64_t plan, int64_t key, int year,
		     int64_t obs_id, double value, bool estimated)
{
	struct bulk *b = ctx;
	struct rows *r = prose ? &b->prose : &b->ind;
	struct pobs *o;

	ALLOC_GROW(r->queue, r->nqueue + 1, r->queue_alloc);
	o = &r->queue[r->nqueue++];
	o->plan = plan;
	o->key = key;
	o->year = year;
	o->id = obs_id;
	o->value = value;
	o->estimated = estimated;
}

/* Moves the queued values of plan_id (at the head of the queue: values
 * come by plan) to the current rows. */
static void drain(struct rows *r, int64_t plan_id, struct pw_bulk_stats *bs)
{
	size_t i;

	for (i = 0; i < r->nqueue && r->queue[i].plan <= plan_id; i++) {
		struct pobs *o = &r->queue[i];

		/* the values of one indicator come together: one search each */
		if (o->key != r->last_key || r->last_pos == -2)
			r->last_pos = find_key(r, o->key);
		r->last_key = o->key;
		bs->observations++;
		if (r->last_pos < 0 || o->plan < plan_id)
			continue; /* a row the current version no longer has */
		o->pos = (size_t)r->last_pos;
		ALLOC_GROW(r->obs, r->nobs + 1, r->obs_alloc);
		r->obs[r->nobs++] = *o;
	}
	if (i && r->nqueue > i)
		memmove(r->queue, r->queue + i, (r->nqueue - i) * sizeof(*r->queue));
	r->nqueue -= i;
}

/* Rows of the obs streams only say that the plan's values are queued. */
static int plan_taken(struct bulk *b, sqlite3_stmt *st)
{
	(void)b;
	(void)st;
	return 0;
}

/* The external target in force (pw_external_in_force()). */
static int ext_row(struct rows *r, sqlite3_stmt *st)
{
	long pos = find_key(r, sqlite3_column_int64(st, 1));
	int64_t id = sqlite3_column_int64(st, 2);
	struct pw_eval_external *x;
	int cmp, kind;

	if (pos < 0 || !pw_external_in_force(id, r->ext_id[pos]))
		return 0;
	r->ext_id[pos] = id;
	x = &r->data[pos].external;
	cmp = pw_col_null(st, 3) ? -1 : pw_cmp_from_name((const char *)sqlite3_column_text(st, 3));
	kind = pw_kind_from_name((const char *)sqlite3_column_text(st, 5));
	x->has_value = true;
	x->value = sqlite3_column_double(st, 4);
	x->cmp = cmp < 0 ? PW_CMP_EQ : (enum pw_cmp)cmp;
	x->kind = kind < 0 ? PW_KIND_LEVEL : (enum pw_kind)kind;
	x->value_hi = pw_col_null(st, 6) ? 0 : sqlite3_column_double(st, 6);
	x->year = pw_col_null(st, 7) ? 0 : sqlite3_column_int(st, 7);
	return 0;
}

static int iext_row(struct bulk *b, sqlite3_stmt *st)
{
	return ext_row(&b->ind, st);
}

static int text_row(struct bulk *b, sqlite3_stmt *st)
{
	return ext_row(&b->prose, st);
}

/* The lead unit in force for the year (pw_lead_in_force()). */
static int lead_row(struct rows *r, sqlite3_stmt *st, int year)
{
	long pos = find_key(r, sqlite3_column_int64(st, 1));
	int64_t id = sqlite3_column_int64(st, 2);

	if (pos < 0 || !pw_lead_in_force(id, pw_col_int(st, 3), year, r->lead_id[pos]))
		return 0;
	r->lead_id[pos] = id;
	free(r->lead[pos]);
	r->lead[pos] = pw_col_text(st, 4);
	r->data[pos].lead_unit = r->lead[pos];
	return 0;
}

static int ilead_row(struct bulk *b, sqlite3_stmt *st)
{
	return lead_row(&b->ind, st, b->year);
}

static int tlead_row(struct bulk *b, sqlite3_stmt *st)
{
	return lead_row(&b->prose, st, b->year);
}

static int plead_row(struct bulk *b, sqlite3_stmt *st)
{
	return lead_row(&b->items, st, b->year);
}

/* Empty progress for every project of the plan, before reports come in. */
static void projects_prepare(struct projects *pj, size_t n)
{
	ALLOC_GROW(pj->data, n + 1, pj->data_alloc);
	ALLOC_GROW(pj->prog_id, n + 1, pj->prog_alloc);
	ALLOC_GROW(pj->status, n + 1, pj->status_alloc);
	ALLOC_GROW(pj->note, n + 1, pj->note_alloc);
	memset(pj->data, 0, (n + 1) * sizeof(*pj->data));
	memset(pj->note, 0, (n + 1) * sizeof(*pj->note));
	memset(pj->prog_id, 0, (n + 1) * sizeof(*pj->prog_id));
	memset(pj->status, 0, (n + 1) * sizeof(*pj->status));
	pj->n = n;
}

static void projects_reset(struct projects *pj)
{
	size_t i;

	for (i = 0; i < pj->n; i++) {
		free(pj->status[i]);
		free(pj->note[i]);
	}
	pj->n = 0;
}

/* The progress in force for the year (pw_progress_in_force()). */
static int prog_row(struct bulk *b, sqlite3_stmt *st)
{
	long pos = find_key(&b->items, sqlite3_column_int64(st, 1));
	int64_t id = sqlite3_column_int64(st, 2);
	int year = pw_col_int(st, 3);
	struct pw_eval_item_data *d;

	if (pos < 0)
		return 0;
	d = &b->pj.data[pos];
	if (!pw_progress_in_force(id, year, b->year, b->pj.prog_id[pos], d->year))
		return 0;
	b->pj.prog_id[pos] = id;
	free(b->pj.status[pos]);
	b->pj.status[pos] = pw_col_text(st, 4);
	d->status = b->pj.status[pos];
	d->year = year;
	d->has_percent = !pw_col_null(st, 5);
	d->percent = d->has_percent ? sqlite3_column_double(st, 5) : NAN;
	d->has_investment = !pw_col_null(st, 6);
	d->investment = d->has_investment ? sqlite3_column_double(st, 6) : NAN;
	free(b->pj.note[pos]);
	b->pj.note[pos] = pw_col_text(st, 7);
	d->note = b->pj.note[pos];
	return 0;
}

/* Each project's id and lead unit, once the streams are read. */
static void projects_finish(struct bulk *b)
{
	size_t i;

	for (i = 0; i < b->pj.n; i++) {
		b->pj.data[i].id = b->items.data[i].id;
		b->pj.data[i].lead_unit = b->items.data[i].lead_unit;
	}
}

/* Zeroed series data for every row, before observations come in. */
static void rows_prepare(struct rows *r)
{
	size_t i;

	if (r->nkeys)
		qsort(r->keys, r->nkeys, sizeof(*r->keys), cmp_keypos);
	ALLOC_GROW(r->data, r->nkeys + 1, r->data_alloc);
	ALLOC_GROW(r->ext_id, r->nkeys + 1, r->ext_alloc);
	memset(r->data, 0, (r->nkeys + 1) * sizeof(*r->data));
	memset(r->ext_id, 0, (r->nkeys + 1) * sizeof(*r->ext_id));
	ALLOC_GROW(r->lead_id, r->nkeys + 1, r->lead_id_alloc);
	ALLOC_GROW(r->lead, r->nkeys + 1, r->lead_alloc);
	memset(r->lead_id, 0, (r->nkeys + 1) * sizeof(*r->lead_id));
	memset(r->lead, 0, (r->nkeys + 1) * sizeof(*r->lead));
	r->nlead = r->nkeys;
	for (i = 0; i < r->nkeys; i++)
		r->data[i].id = r->ids.ids[i];
	r->last_pos = -2;
}

static bool pobs_before(const struct pobs *x, const struct pobs *y)
{
	return x->year < y->year || (x->year == y->year && x->id < y->id);
}

/* r->obs into r->sorted by position (a counting sort), then each
 * position's rows by year and id (an insertion sort: a row's values come
 * by year from the index, only corrections need moving). */
static void rows_sort(struct rows *r)
{
	size_t i, j, *at;

	ALLOC_GROW(r->start, 2 * r->nkeys + 2, r->start_alloc);
	ALLOC_GROW(r->sorted, r->nobs + 1, r->sorted_alloc);
	at = r->start + r->nkeys + 1;
	memset(r->start, 0, (r->nkeys + 1) * sizeof(*r->start));
	for (i = 0; i < r->nobs; i++)
		r->start[r->obs[i].pos + 1]++;
	for (i = 0; i < r->nkeys; i++)
		r->start[i + 1] += r->start[i];
	memcpy(at, r->start, r->nkeys * sizeof(*at));
	for (i = 0; i < r->nobs; i++)
		r->sorted[at[r->obs[i].pos]++] = r->obs[i];
	for (i = 1; i < r->nobs; i++) {
		struct pobs o = r->sorted[i];

		for (j = i; j > 0 && r->sorted[j - 1].pos == o.pos &&
			    pobs_before(&o, &r->sorted[j - 1]); j--)
			r->sorted[j] = r->sorted[j - 1];
		r->sorted[j] = o;
	}
}

/* Where the picker's values go: the pool, row after row. */
struct pool_sink {
	struct rows *r;
	size_t n;
};

static void to_pool(void *ctx, int64_t pos, const struct pw_obs *o, long tag)
{
	struct pool_sink *ps = ctx;
	struct pw_eval_series_data *d = &ps->r->data[pos];

	(void)tag;
	ps->r->pool[ps->n] = *o;
	if (!d->nobs)
		d->obs = &ps->r->pool[ps->n];
	d->nobs++;
	ps->n++;
}

/*
 * One value per row and year up to `upto` (0: all), the one in force as
 * the store's picker takes it (PW_PICK_APPROVED: only approved rows are
 * read), ascending by year, in one pool.
 */
static void rows_series(struct rows *r, int upto)
{
	struct pool_sink ps = { r, 0 };
	struct pw_obs_picker p = { .pick = PW_PICK_APPROVED, .emit = to_pool, .ctx = &ps };
	size_t i;

	rows_sort(r);
	ALLOC_GROW(r->pool, r->nobs + 1, r->pool_alloc);
	for (i = 0; i < r->nobs; i++) {
		const struct pobs *o = &r->sorted[i];
		struct pw_obs v = { o->year, o->value, o->estimated };

		if (upto && o->year > upto)
			continue; /* after the year */
		pw_obs_picker_add(&p, (int64_t)o->pos, o->year, &v, PW_OBS_APPROVED, false, 0);
	}
	pw_obs_picker_flush(&p);
}

static void rows_reset(struct rows *r)
{
	size_t i;

	for (i = 0; i < r->nlead; i++)
		free(r->lead[i]);
	r->nlead = 0;
	r->ids.n = r->ids.pos = 0;
	r->nkeys = 0;
	r->nobs = 0;
}

static void rows_free(struct rows *r)
{
	free(r->ids.ids);
	free(r->keys);
	free(r->obs);
	free(r->queue);
	free(r->pool);
	free(r->data);
	free(r->ext_id);
	free(r->lead_id);
	free(r->lead);
	free(r->start);
	free(r->sorted);
}

/* ------------------------------------------------------------------ */
/* Plan after plan                                                    */

/* Reads the current plan's rows from every stream. */
static int merge_plan(struct bulk *b)
{
	int rc = each(b, PW_ROWS_VERSION, version_row);

	if (rc == 0)
		rc = each(b, PW_ROWS_SECTION, section_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_TABLE, table_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_INDICATOR, indicator_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_PROSE, prose_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_COLUMN, column_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_ITEM, item_row);
	return rc;
}

/* The indicator each prose target restates (target_links) as its place
 * among the plan's indicators (evaluation.h, pw_eval_series_data). */
static void prose_links(struct bulk *b)
{
	size_t i, j;

	for (i = 0; i < b->prose.nkeys && i < b->links.n; i++) {
		struct pw_eval_series_data *d = &b->prose.data[i];

		d->linked = true;
		for (j = 0; b->links.ids[i] && j < b->ind.ids.n; j++)
			if (b->ind.ids.ids[j] == b->links.ids[i])
				d->restates = j + 1;
	}
}

/* Reads its approved observations, external targets and lead units. */
static int merge_data(struct bulk *b, int year)
{
	int rc;

	rows_prepare(&b->ind);
	rows_prepare(&b->prose);
	rows_prepare(&b->items);
	projects_prepare(&b->pj, b->items.nkeys);
	rc = each(b, PW_ROWS_IOBS, plan_taken);
	if (rc == 0)
		rc = each(b, PW_ROWS_TOBS, plan_taken);
	drain(&b->ind, b->plan_id, b->st);
	drain(&b->prose, b->plan_id, b->st);
	if (rc == 0)
		rc = each(b, PW_ROWS_IEXT, iext_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_TEXT, text_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_ILEAD, ilead_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_TLEAD, tlead_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_PROG, prog_row);
	if (rc == 0)
		rc = each(b, PW_ROWS_PLEAD, plead_row);
	projects_finish(b);
	prose_links(b);
	rows_series(&b->ind, year);
	rows_series(&b->prose, year);
	return rc;
}

/* With o->unapproved the series are read as pw_eval_from_store() reads
 * them (PW_PICK_LATEST), plan by plan; these own them. */
struct latest {
	struct pw_series *series;
	size_t nseries;
	struct pw_obs **tobs;
	size_t ntobs;
};

static int read_latest(struct bulk *b, int year, struct latest *l)
{
	size_t i;
	int rc = pw_store_plan_obs_series(b->s, b->plan_id, b->r->version, year, PW_PICK_LATEST,
					  &l->series,
					  &l->nseries);

	if (rc == 0 && l->nseries != b->ind.nkeys)
		rc = pw_error("observation series do not match the indicators of plan %d",
			      b->plan_id);
	for (i = 0; rc == 0 && i < l->nseries; i++) {
		b->ind.data[i].obs = l->series[i].obs;
		b->ind.data[i].nobs = l->series[i].n;
	}
	l->tobs = xcalloc(b->prose.nkeys + 1, sizeof(*l->tobs));
	l->ntobs = b->prose.nkeys;
	for (i = 0; rc == 0 && i < l->ntobs; i++) {
		rc = pw_store_obs_series(b->s, PW_ENTITY_TARGET, b->prose.data[i].id, year,
					 PW_PICK_LATEST, &l->tobs[i], &b->prose.data[i].nobs);
		b->prose.data[i].obs = l->tobs[i];
	}
	return rc;
}

static void latest_release(struct latest *l)
{
	size_t i;

	pw_store_series_free(l->series, l->nseries);
	for (i = 0; i < l->ntobs; i++)
		free(l->tobs[i]);
	free(l->tobs);
}

/* Moves an evaluation that owns its plan (its plan pointer points into
 * itself). */
static void eval_move(struct pw_evaluation *to, struct pw_evaluation *from)
{
	*to = *from;
	if (to->owns_plan)
		to->plan = &to->own_plan;
	memset(from, 0, sizeof(*from));
}

/* Hands ev to r->take with the plan being merged, which it then owns. */
static int hand_over(struct bulk *b, struct pw_evaluation *ev)
{
	struct pw_evaluation *own = xmalloc(sizeof(*own));

	/* the rows point into the plan's heap arrays, which the move keeps */
	ev->own_plan = b->plan;
	ev->owns_plan = true;
	pw_plan_init(&b->plan);
	eval_move(own, ev);
	return b->r->take(b->r->ctx, own);
}

static int evaluate(struct bulk *b, int year)
{
	struct pw_eval_data d = { b->ind.data, b->ind.nkeys, b->prose.data, b->prose.nkeys,
				  b->pj.data, b->pj.n };
	struct pw_evaluation ev;
	int rc;

	if (!b->r->single && !pw_eval_has_year(&b->plan, year)) {
		b->st->skipped++;
		return 0;
	}
	if (pw_eval_build(&b->plan, &d, b->o, &ev) < 0)
		return -1;
	ev.plan_id = b->plan_id;
	ev.version = b->version;
	b->st->plans++;
	b->st->indicators += (long)ev.ninds;
	b->st->targets += (long)ev.ntargets;
	if (b->r->take)
		return hand_over(b, &ev);
	rc = b->r->fn(b->r->ctx, b->plan_id, &ev);
	pw_eval_release(&ev);
	return rc;
}

static int one_plan(struct bulk *b)
{
	struct latest l = { NULL, 0, NULL, 0 };
	int year, rc = merge_plan(b);

	year = b->year = b->o->year ? b->o->year : b->plan.end;
	if (rc == 0)
		rc = merge_data(b, year);
	if (rc == 0 && b->o->unapproved)
		rc = read_latest(b, year, &l);
	if (rc == 0)
		rc = evaluate(b, year);
	latest_release(&l);
	pw_plan_free(&b->plan);
	pw_plan_init(&b->plan);
	pw_store_reader_reset(&b->rd);
	rows_reset(&b->ind);
	rows_reset(&b->prose);
	b->links.n = b->links.pos = 0;
	rows_reset(&b->items);
	projects_reset(&b->pj);
	return rc;
}

static int all_plans(struct bulk *b)
{
	int64_t plan;
	int rc = streams_open(b);

	while (rc == 0 && pw_plan_rows_at(&b->rows, PW_ROWS_VERSION, &plan)) {
		b->plan_id = b->rd.plan_id = (int)plan;
		rc = one_plan(b);
	}
	pw_plan_rows_close(&b->rows);
	return rc;
}

/* Evaluates the plans of r on connection s, in one read transaction
 * unless the caller has one open. */
static int eval_range(struct pw_store *s, const struct pw_eval_opts *o, const struct range *r,
		      struct pw_bulk_stats *st)
{
	struct bulk b;
	int own_tx, rc;

	memset(&b, 0, sizeof(b));
	b.s = s;
	b.o = o;
	b.st = st;
	b.r = r;
	pw_plan_init(&b.plan);
	b.rd.s = s;
	b.rd.p = &b.plan;
	/* one read transaction: every stream sees the same database */
	rc = pw_store_read_begin(s, &own_tx);
	if (rc == 0)
		rc = all_plans(&b);
	pw_store_read_end(s, own_tx);
	pw_store_reader_release(&b.rd);
	rows_free(&b.ind);
	rows_free(&b.prose);
	free(b.links.ids);
	rows_free(&b.items);
	projects_reset(&b.pj);
	free(b.pj.data);
	free(b.pj.prog_id);
	free(b.pj.status);
	free(b.pj.note);
	return rc;
}

/* ------------------------------------------------------------------ */
/* One plan: the range [id, id]                                       */

static int keep_one(void *ctx, struct pw_evaluation *ev)
{
	eval_move(ctx, ev);
	free(ev);
	return 0;
}

/* The note of one row into *note and *year; 0 or -1. */
static int read_note(struct pw_store *s, const struct pw_eval_opts *o, enum pw_entity e,
		     int64_t id, int year, char **note, int *note_year)
{
	int rc;

	if (!id)
		return 0;
	rc = pw_store_obs_note(s, e, id, year, o->unapproved ? PW_PICK_LATEST : PW_PICK_APPROVED,
			       note_year, note);
	return rc == PW_STORE_NOTFOUND ? 0 : rc;
}

/* The units' notes (备注) a report quotes with the values, for one plan: a
 * query per row, which the whole-database pass does not need. */
static int read_notes(struct pw_store *s, const struct pw_eval_opts *o,
		      struct pw_evaluation *ev)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < ev->ninds; i++)
		rc = read_note(s, o, PW_ENTITY_INDICATOR, ev->inds[i].id, ev->year,
			       &ev->inds[i].note, &ev->inds[i].note_year);
	for (i = 0; rc == 0 && i < ev->ntargets; i++)
		rc = read_note(s, o, PW_ENTITY_TARGET, ev->targets[i].id, ev->year,
			       &ev->targets[i].note, &ev->targets[i].note_year);
	/* a note of a year before the period (基期值) says nothing of progress */
	for (i = 0; i < ev->ninds; i++)
		if (ev->inds[i].note && ev->inds[i].note_year < ev->inds[i].start) {
			free(ev->inds[i].note);
			ev->inds[i].note = NULL;
		}
	for (i = 0; i < ev->ntargets; i++)
		if (ev->targets[i].note && ev->targets[i].note_year < ev->start) {
			free(ev->targets[i].note);
			ev->targets[i].note = NULL;
		}
	return rc;
}

int pw_eval_from_store(struct pw_store *s, int plan_id, int version,
		       const struct pw_eval_opts *o, struct pw_evaluation *out)
{
	struct range r = { plan_id, plan_id, version, true, NULL, out, keep_one };
	struct pw_bulk_stats st;
	int64_t vid;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&st, 0, sizeof(st));
	/* says which of plan and version is missing */
	rc = pw_store_resolve_version(s, plan_id, version, &vid);
	if (rc < 0)
		return rc;
	rc = eval_range(s, o, &r, &st);
	if (rc == 0 && !st.plans)
		return pw_error("plan %d changed while it was read", plan_id);
	if (rc == 0 && !o->unapproved)
		rc = pw_store_obs_pending(s, plan_id, out->year, &out->pending, &out->drafts);
	if (rc == 0)
		rc = read_notes(s, o, out);
	if (rc == 0)
		rc = pw_eval_annual_attach(s, plan_id, o, out);
	if (rc < 0)
		pw_eval_release(out);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Several connections at once                                        */

/*
 * Plans are cut into chunks of up to CHUNK plans (fewer for few plans, so
 * that every worker gets some), handed out in plan order to
 * whichever worker is free.  A worker keeps the evaluations of its chunk
 * and passes them to fn when every earlier chunk has been passed (the
 * "turn"), so fn sees the plans in id order, one call at a time, however
 * the threads finish; at most a chunk per worker waits in memory.
 */
#define CHUNK 32

struct shared {
	pthread_mutex_t lock;
	pthread_cond_t turn_done;
	pw_bulk_eval_fn fn;
	void *ctx;
	const struct pw_eval_opts *o;
	int64_t *lo, *hi; /* chunk c: plans lo[c] .. hi[c] */
	size_t nchunks, next, turn;
	int stop; /* the first non-zero result, which stops every worker */
};

struct worker {
	struct shared *sh;
	struct pw_store *s; /* a read-only connection, in its read transaction */
	struct pw_bulk_stats st;
	struct pw_evaluation **evs; /* of the chunk in hand */
	size_t nevs, evs_alloc;
	pthread_t thread;
};

static int keep_chunk(void *ctx, struct pw_evaluation *ev)
{
	struct worker *w = ctx;

	ALLOC_GROW(w->evs, w->nevs + 1, w->evs_alloc);
	w->evs[w->nevs++] = ev;
	return 0;
}

static void drop_chunk(struct worker *w)
{
	size_t i;

	for (i = 0; i < w->nevs; i++) {
		pw_eval_release(w->evs[i]);
		free(w->evs[i]);
	}
	w->nevs = 0;
}

/* Records rc as the result (the first non-zero one wins) and wakes the
 * workers waiting for their turn. */
static void set_stop(struct shared *sh, int rc)
{
	pthread_mutex_lock(&sh->lock);
	if (rc && !sh->stop)
		sh->stop = rc;
	pthread_cond_broadcast(&sh->turn_done);
	pthread_mutex_unlock(&sh->lock);
}

/* Waits for chunk c's turn, passes its evaluations to fn, gives the turn
 * on.  Returns fn's first non-zero result, or the stop set meanwhile. */
static int emit_chunk(struct worker *w, size_t c)
{
	struct shared *sh = w->sh;
	size_t i;
	int rc;

	pthread_mutex_lock(&sh->lock);
	while (sh->turn != c && !sh->stop)
		pthread_cond_wait(&sh->turn_done, &sh->lock);
	rc = sh->stop;
	pthread_mutex_unlock(&sh->lock);
	for (i = 0; rc == 0 && i < w->nevs; i++)
		rc = sh->fn(sh->ctx, w->evs[i]->plan_id, w->evs[i]);
	drop_chunk(w);
	pthread_mutex_lock(&sh->lock);
	if (rc && !sh->stop)
		sh->stop = rc;
	sh->turn = c + 1;
	pthread_cond_broadcast(&sh->turn_done);
	pthread_mutex_unlock(&sh->lock);
	return rc;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;
	int rc = 0;

	while (rc == 0) {
		struct range r = { 0, 0, 0, false, NULL, w, keep_chunk };
		size_t c;

		pthread_mutex_lock(&sh->lock);
		c = sh->next++;
		rc = sh->stop;
		pthread_mutex_unlock(&sh->lock);
		if (rc || c >= sh->nchunks)
			break;
		r.first = sh->lo[c];
		r.last = sh->hi[c];
		rc = eval_range(w->s, sh->o, &r, &w->st);
		if (rc < 0) {
			drop_chunk(w);
			set_stop(sh, -1);
			break;
		}
		rc = emit_chunk(w, c);
	}
	return NULL;
}

static void end_reads(struct pw_store **conn, int n)
{
	int k;

	for (k = 0; k < n; k++)
		if (conn[k])
			pw_store_read_end(conn[k], 1);
}

/*
 * Starts a read transaction on each of the n connections, all on one
 * snapshot of the database.  SQLite's snapshot API is not in the Debian
 * build, so the snapshot is proven: probe's data version, read before
 * the first and after the last transaction started, is unchanged only if
 * no other connection committed in between, and then every transaction
 * reads the same database.  A write in between means trying again.
 */
static int begin_one_snapshot(struct pw_store *probe, struct pw_store **conn, int n)
{
	int attempt, k;
	int64_t before, after;

	if (pw_store_in_transaction(probe))
		return pw_error("a parallel evaluation cannot run inside a transaction");
	for (attempt = 0; attempt < 20; attempt++) {
		int rc = pw_store_data_version(probe, &before);

		for (k = 0; rc == 0 && k < n; k++)
			rc = pw_store_read_snapshot(conn[k]);
		if (rc == 0)
			rc = pw_store_data_version(probe, &after);
		if (rc < 0 || before == after)
			return rc;
		end_reads(conn, n);
	}
	return pw_error("database '%s' kept changing: cannot read it at one moment",
			pw_store_path(probe));
}

/* The plans of the snapshot cut into chunks (sh->lo, sh->hi). */
static int make_chunks(struct pw_store *s, int nworkers, struct shared *sh)
{
	int64_t *ids;
	size_t nids, c, size;

	if (pw_store_plan_ids(s, &ids, &nids) < 0)
		return -1;
	size = nids / ((size_t)nworkers * 4);
	size = size < 1 ? 1 : size > CHUNK ? CHUNK : size;
	sh->nchunks = (nids + size - 1) / size;
	sh->lo = xcalloc(sh->nchunks + 1, sizeof(*sh->lo));
	sh->hi = xcalloc(sh->nchunks + 1, sizeof(*sh->hi));
	for (c = 0; c < sh->nchunks; c++) {
		size_t end = (c + 1) * size < nids ? (c + 1) * size : nids;

		sh->lo[c] = ids[c * size];
		sh->hi[c] = ids[end - 1];
	}
	free(ids);
	return 0;
}

static void add_stats(struct pw_bulk_stats *to, const struct pw_bulk_stats *from)
{
	to->plans += from->plans;
	to->skipped += from->skipped;
	to->indicators += from->indicators;
	to->targets += from->targets;
	to->observations += from->observations;
}

/* Starts workers 1..n-1 (worker 0 is the caller's thread); returns how
 * many run in all.  A thread that cannot start leaves its share to the
 * others: the chunks go to whichever worker is free. */
static int start_workers(struct worker *w, int n)
{
	int k;

	for (k = 1; k < n; k++) {
		if (pthread_create(&w[k].thread, NULL, work, &w[k]) != 0) {
			pw_warning("cannot start thread %d of %d: evaluating on %d", k + 1, n, k);
			break;
		}
	}
	return k;
}

static int eval_parallel(struct pw_store *s, const struct pw_eval_opts *o, int n,
			 pw_bulk_eval_fn fn, void *ctx, struct pw_bulk_stats *st)
{
	struct shared sh = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, fn, ctx, o,
			     NULL, NULL, 0, 0, 0, 0 };
	struct pw_store **conn = xcalloc((size_t)n, sizeof(*conn));
	struct worker *w = xcalloc((size_t)n, sizeof(*w));
	int k, running = 0, rc = 0;

	for (k = 0; rc == 0 && k < n; k++)
		rc = pw_store_open_reader(&conn[k], pw_store_path(s));
	if (rc == 0)
		rc = begin_one_snapshot(s, conn, n);
	if (rc == 0)
		rc = make_chunks(conn[0], n, &sh);
	for (k = 0; k < n; k++)
		w[k] = (struct worker){ &sh, conn[k], { 0 }, NULL, 0, 0, 0 };
	if (rc == 0) {
		running = start_workers(w, n);
		work(&w[0]);
		for (k = 1; k < running; k++)
			pthread_join(w[k].thread, NULL);
		rc = sh.stop;
	}
	for (k = 0; k < n; k++) {
		add_stats(st, &w[k].st);
		free(w[k].evs);
	}
	end_reads(conn, n);
	for (k = 0; k < n; k++)
		pw_store_close(conn[k]);
	free(conn);
	free(w);
	free(sh.lo);
	free(sh.hi);
	return rc;
}

int pw_bulk_eval_all(struct pw_store *s, const struct pw_eval_opts *o, int threads,
		     pw_bulk_eval_fn fn, void *ctx, struct pw_bulk_stats *st)
{
	struct range r = { INT64_MIN, INT64_MAX, 0, false, fn, ctx, NULL };
	struct pw_bulk_stats dummy;

	if (!st)
		st = &dummy;
	memset(st, 0, sizeof(*st));
	if (threads > 1)
		return eval_parallel(s, o, threads, fn, ctx, st);
	return eval_range(s, o, &r, st);
}
