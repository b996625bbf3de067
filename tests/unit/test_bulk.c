/*
 * test_bulk.c - the whole-database evaluation (eval/gather.h) gives for
 * every plan what pw_eval_from_store() gives, plan by plan: on a small
 * generated province (bench/gen.c: every target kind, corrections, values
 * awaiting review, external targets), in the period and at its end, on
 * one and two threads, with values awaiting review counted; on a plan
 * re-imported as a new version with data, external target and lead unit
 * entered against the old one; and on a hand-made plan whose statuses are
 * worked out by hand.  And the bulk load of approved values: one row per
 * value, one audit row, corrections the ordinary way, all or nothing.
 */
#include "unit.h"
#include "testdb.h"
#include "store/bulk.h"
#include "eval/gather.h"
#include "store/store_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The generator the benchmark uses, compiled in (bench/gen.c). */
#include "../../bench/gen.c"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int setup(void **state)
{
	(void)state;
	testdb_init("bulk");
	testdb_remove();
	pw_error_quiet(1);
	return 0;
}

static struct pw_store *open_db(void)
{
	struct pw_store *s;

	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	return s;
}

/* ---- an evaluation as text, everything a status depends on ------------ */

static void dump_result(struct strbuf *sb, const struct pw_target_result *r)
{
	sb_addf(sb, " [%s %s final=%d actual=%d:%.9g@%d goal=%d:%.9g exp=%d:%.9g R=%d:%.9g"
		" rel=%d:%.9g years=%d/%d %s]", pw_kind_name(r->kind), pw_status_name(r->status),
		r->final, r->has_actual, r->actual, r->actual_year, r->has_goal, r->goal,
		r->has_expected, r->expected, r->has_progress, r->progress, r->has_related,
		r->related, r->nyears_met, r->nyears, r->reason ? r->reason : "-");
}

static void dump_indicator(struct strbuf *sb, const struct pw_eval_indicator *e)
{
	size_t k;

	sb_addf(sb, "%zu.%zu %s id=%lld nobs=%zu src=%d latest=%d:%d:%.9g growth=%d:%.9g "
		"%s warn=%d risk=%d lead=%s ch=%s", e->table, e->row, e->ind->name,
		(long long)e->id, e->nobs, (int)e->source, e->has_latest, e->latest_year, e->latest,
		e->has_growth, e->growth, pw_status_name(e->a.status), e->a.warning, e->at_risk,
		e->lead_unit ? e->lead_unit : "-", e->chapter ? e->chapter : "-");
	for (k = 0; k < e->nobs; k++)
		sb_addf(sb, " %d=%.9g%s", e->obs[k].year, e->obs[k].value,
			e->obs[k].estimated ? "e" : "");
	for (k = 0; k < e->a.ntargets; k++)
		dump_result(sb, &e->a.targets[k]);
	sb_addstr(sb, "\n");
}

static void dump(struct strbuf *sb, const struct pw_evaluation *ev)
{
	size_t i;

	sb_addf(sb, "%s|%s year=%d %d-%d final=%d inds=%zu targets=%zu items=%zu warn=%u\n",
		ev->title, ev->subject, ev->year, ev->start, ev->end, ev->final, ev->ninds,
		ev->ntargets, ev->nitems, ev->nwarnings_binding);
	for (i = 0; i < ev->ninds; i++)
		dump_indicator(sb, &ev->inds[i]);
	for (i = 0; i < ev->ntargets; i++) {
		const struct pw_eval_target *t = &ev->targets[i];

		sb_addf(sb, "t%zu %s id=%lld latest=%d:%d:%.9g lead=%s", t->index, t->t->subject,
			(long long)t->id, t->has_latest, t->latest_year, t->latest,
			t->lead_unit ? t->lead_unit : "-");
		dump_result(sb, &t->r);
		sb_addstr(sb, "\n");
	}
	for (i = 0; i < ev->nitems; i++) {
		const struct pw_eval_item *it = &ev->items[i];

		sb_addf(sb, "p%zu %s id=%lld lead=%s status=%s year=%d pct=%d:%.9g\n", i,
			it->item->title, (long long)it->id, it->lead_unit ? it->lead_unit : "-",
			it->status ? it->status : "-", it->year, it->has_percent, it->percent);
	}
	sb_addf(sb, "reported=%u completed=%u delayed=%u\n", ev->items_reported,
		ev->items_completed, ev->items_delayed);
	for (i = 0; i < ev->nwarnings; i++)
		sb_addf(sb, "! %s\n", ev->warnings[i]);
	for (i = 0; i < PW_EVAL_NSTATUS; i++)
		sb_addf(sb, "%u ", ev->by_status[i]);
	sb_addstr(sb, "\n");
}

/* Dumps by plan id (1..MAXPLANS). */
#define MAXPLANS 16

struct dumps {
	char *by_plan[MAXPLANS + 1];
	int calls, last_plan;
	bool ordered;
};

static void dumps_release(struct dumps *d)
{
	int i;

	for (i = 0; i <= MAXPLANS; i++)
		free(d->by_plan[i]);
	memset(d, 0, sizeof(*d));
}

static int collect(void *ctx, int plan_id, const struct pw_evaluation *ev)
{
	struct dumps *d = ctx;
	struct strbuf sb = STRBUF_INIT;

	assert_true(plan_id >= 1 && plan_id <= MAXPLANS);
	assert_null(d->by_plan[plan_id]);
	assert_int_equal(ev->plan_id, plan_id);
	d->ordered &= plan_id > d->last_plan;
	d->last_plan = plan_id;
	dump(&sb, ev);
	d->by_plan[plan_id] = sb_detach(&sb, NULL);
	d->calls++;
	return 0;
}

/* The reference: pw_eval_from_store() on every plan that has something
 * for the year (those without are an error there, skipped here). */
static void per_plan(struct pw_store *s, const struct pw_eval_opts *o, struct dumps *d)
{
	struct pw_plan_info *plans;
	size_t n, i;

	memset(d, 0, sizeof(*d));
	assert_int_equal(pw_store_list_plans(s, &plans, &n), 0);
	for (i = 0; i < n; i++) {
		struct pw_evaluation ev;

		if (pw_eval_from_store(s, plans[i].id, 0, o, &ev) < 0)
			continue;
		collect(d, plans[i].id, &ev);
		pw_eval_release(&ev);
	}
	pw_plan_info_free_array(plans, n);
}

static void bulk(struct pw_store *s, const struct pw_eval_opts *o, int threads,
		 struct dumps *d, struct pw_bulk_stats *st)
{
	memset(d, 0, sizeof(*d));
	d->ordered = true;
	assert_int_equal(pw_bulk_eval_all(s, o, threads, collect, d, st), 0);
}

/* Both paths agree, plan by plan; returns the number of plans. */
static int same_as_per_plan(struct pw_store *s, const struct pw_eval_opts *o, int threads)
{
	struct dumps want, got;
	struct pw_bulk_stats st;
	int i, n;

	per_plan(s, o, &want);
	bulk(s, o, threads, &got, &st);
	for (i = 0; i <= MAXPLANS; i++) {
		if (want.by_plan[i] || got.by_plan[i]) {
			assert_non_null(want.by_plan[i]);
			assert_non_null(got.by_plan[i]);
			assert_string_equal(got.by_plan[i], want.by_plan[i]);
		}
	}
	assert_int_equal(got.calls, want.calls);
	assert_int_equal(st.plans, got.calls);
	if (threads == 1)
		assert_true(got.ordered);
	n = got.calls;
	dumps_release(&want);
	dumps_release(&got);
	return n;
}

/* ---- the generated province ---------------------------------------------- */

static struct pw_store *province(int plans, int review)
{
	struct pw_store *s = open_db();
	struct gen_opts o;
	struct gen_stats st;

	gen_opts_init(&o);
	o.plans = plans;
	o.indicators = 30; /* past the 25 archetypes: grouped rows too */
	o.years = 10;
	o.quiet = 1;
	o.chunk = 2;
	o.review = review;
	assert_int_equal(gen_province(s, &o, &st), 0);
	assert_int_equal(st.plans, plans);
	/* 30 rows x 10 years and 4 prose targets x 5 years per plan */
	assert_int_equal(st.observations, plans * (30 * 10 + 4 * 5));
	assert_true(st.corrected > 0 && st.approved < st.observations && st.externals > 0);
	return s;
}

static void test_province_same_as_per_plan(void **state)
{
	struct pw_store *s = province(6, 0);
	struct pw_eval_opts o;
	static const int years[] = { 0, 2021, 2023, 2025, 2027 };
	size_t i;

	(void)state;
	pw_eval_opts_init(&o);
	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		o.year = years[i];
		/* 2027: nothing of a 2021-2025 plan belongs to it, all skipped */
		assert_int_equal(same_as_per_plan(s, &o, 1), years[i] == 2027 ? 0 : 6);
	}
	o.year = 2023;
	o.kind = PW_REPORT_MIDTERM;
	assert_int_equal(same_as_per_plan(s, &o, 2), 6);
	assert_int_equal(same_as_per_plan(s, &o, 4), 6);
	o.unapproved = true; /* values awaiting review count too */
	assert_int_equal(same_as_per_plan(s, &o, 1), 6);
	o.year = 2025;
	assert_int_equal(same_as_per_plan(s, &o, 2), 6);
	pw_store_close(s);
}

/* Values entered one by one through review give the same statuses as the
 * same values bulk-loaded. */
static void test_review_and_bulk_load_agree(void **state)
{
	struct pw_store *s = province(3, 1);
	struct pw_eval_opts o;
	struct dumps reviewed, loaded;
	int i;

	(void)state;
	pw_eval_opts_init(&o);
	o.year = 2024;
	assert_int_equal(same_as_per_plan(s, &o, 1), 3);
	bulk(s, &o, 1, &reviewed, NULL);
	pw_store_close(s);
	testdb_remove();
	s = province(3, 0);
	bulk(s, &o, 1, &loaded, NULL);
	for (i = 1; i <= 3; i++) {
		/* the store ids of the rows are the same: the plans were
		 * imported in the same order, nothing else creates rows */
		assert_string_equal(loaded.by_plan[i], reviewed.by_plan[i]);
	}
	dumps_release(&reviewed);
	dumps_release(&loaded);
	pw_store_close(s);
}

/* ---- a hand-made plan, and a second version of it ---------------------- */

static struct pw_indicator *row(struct pw_table *t, const char *name, enum pw_attr attr,
				bool baseline, double base)
{
	struct pw_indicator *r = pw_table_add_row(t);

	r->no = xstrdup(t->nrows == 1 ? "1" : "2");
	r->name = xstrdup(name);
	r->unit = xstrdup("%");
	r->attribute = attr;
	r->has_baseline = baseline;
	r->baseline_year = baseline ? 2020 : 0;
	r->baseline = base;
	r->line = 10 + (int)t->nrows;
	r->section = -1;
	return r;
}

static void target(struct pw_indicator *r, enum pw_kind k, enum pw_cmp c, double v,
		   const char *text)
{
	struct pw_target *t = pw_indicator_add_target(r);

	t->kind = k;
	t->cmp = c;
	t->has_value = c != PW_CMP_NONE;
	t->value = v;
	t->year = k == PW_KIND_LEVEL ? 2025 : 0;
	t->text = xstrdup(text);
}

/* 专栏1 with two projects, the same in both versions. */
static void hand_column(struct pw_plan *p)
{
	struct pw_column *c = pw_plan_add_column(p);
	static const char *const titles[] = { "城区供水管网改造", "森林防火通道" };
	size_t i;

	c->title = xstrdup("专栏1 重大工程");
	c->line = 20;
	c->section = -1;
	for (i = 0; i < 2; i++) {
		struct pw_item *it = pw_column_add_item(c);

		it->no = (int)i + 1;
		it->title = xstrdup(titles[i]);
		it->text = xstrdup(titles[i]);
		it->line = 21 + (int)i;
	}
}

/* 表1 (2021-2025): 城镇化率 ≥65 from 55 (2020); 森林覆盖率 按市定目标执行
 * (binding).  `version` 2 renames nothing but changes the first target to
 * ≥66, so the rows keep their keys and get new ids. */
static void hand_plan(struct pw_plan *p, int version)
{
	struct pw_table *t;

	pw_plan_init(p);
	p->region = xstrdup("手算县");
	p->title = xstrdup("手算县国民经济和社会发展第十四个五年规划纲要");
	p->ordinal = 14;
	p->start = 2021;
	p->end = 2025;
	p->source = xstrdup(version == 1 ? "hand-1.txt" : "hand-2.txt");
	t = pw_plan_add_table(p);
	t->title = xstrdup("表1 主要指标");
	t->start = 2021;
	t->end = 2025;
	t->line = 9;
	t->section = -1;
	target(row(t, "常住人口城镇化率", PW_ATTR_EXPECTED, true, 55), PW_KIND_LEVEL, PW_CMP_GE,
	       version == 1 ? 65 : 66, version == 1 ? "≥65" : "≥66");
	target(row(t, "森林覆盖率", PW_ATTR_BINDING, false, 0), PW_KIND_EXTERNAL, PW_CMP_NONE, 0,
	       "按市定目标执行");
	hand_column(p);
}

static int64_t import_hand(struct pw_store *s, int version, int64_t ids[2])
{
	struct pw_plan p;
	int64_t *got;
	size_t n;
	int plan_id, v, changed;

	hand_plan(&p, version);
	assert_int_equal(pw_store_import_plan(s, &p, "test", &plan_id, &v, &changed), 0);
	assert_int_equal(v, version);
	pw_plan_free(&p);
	assert_int_equal(pw_store_plan_indicator_ids(s, plan_id, 0, &got, &n), 0);
	assert_int_equal(n, 2);
	ids[0] = got[0];
	ids[1] = got[1];
	free(got);
	return plan_id;
}

static int status_of(void *ctx, int plan_id, const struct pw_evaluation *ev)
{
	enum pw_status *st = ctx;

	(void)plan_id;
	st[0] = ev->inds[0].a.status;
	st[1] = ev->inds[1].a.status;
	return 0;
}

static void test_hand_plan_and_versions(void **state)
{
	struct pw_store *s = open_db();
	struct pw_bulk_value v[] = {
		{ PW_ENTITY_INDICATOR, 0, 2022, 58, false, "%" },
		{ PW_ENTITY_INDICATOR, 0, 2023, 61, false, "%" },
		{ PW_ENTITY_INDICATOR, 1, 2023, 31, false, "%" },
	};
	struct pw_external x;
	struct pw_eval_opts o;
	enum pw_status st[2];
	int64_t ids[2], ids2[2];
	size_t rows;

	(void)state;
	import_hand(s, 1, ids);
	v[0].id = v[1].id = ids[0];
	v[2].id = ids[1];
	assert_int_equal(pw_bulk_load_approved(s, v, 3, "统计局", "统计年鉴", &rows), 0);
	assert_int_equal(rows, 3);
	pw_eval_opts_init(&o);
	o.year = 2023;
	assert_int_equal(pw_bulk_eval_all(s, &o, 1, status_of, st, NULL), 0);
	/* 城镇化率 2023: path 55 + (65 - 55) * 3/5 = 61, R = (61 - 55) / (61 - 55)
	 * = 1 -> on_track.  森林覆盖率: external, not set -> not_assessable. */
	assert_int_equal(st[0], PW_STATUS_ON_TRACK);
	assert_int_equal(st[1], PW_STATUS_NOT_ASSESSABLE);
	memset(&x, 0, sizeof(x));
	x.kind = PW_KIND_LEVEL;
	x.cmp = PW_CMP_GE;
	x.value = 30;
	x.year = 2025;
	assert_int_equal(pw_store_external_set(s, PW_ENTITY_INDICATOR, ids[1], &x, "t", NULL), 0);
	assert_int_equal(pw_store_unit_add(s, "市林业局", NULL, "t", NULL), 0);
	assert_int_equal(pw_store_assign(s, PW_ENTITY_INDICATOR, ids[1], "市林业局", 0, "t", NULL),
			 0);
	/* version 2: new ids, same keys; everything above was entered
	 * against version 1 */
	import_hand(s, 2, ids2);
	assert_true(ids2[0] != ids[0] && ids2[1] != ids[1]);
	assert_int_equal(pw_bulk_eval_all(s, &o, 1, status_of, st, NULL), 0);
	/* 城镇化率 against ≥66: path 55 + 11 * 3/5 = 61.6, R = 6 / 6.6 = 0.909
	 * < 0.95 -> lagging.  森林覆盖率: ≥30 set, no baseline, 2023 only value
	 * 31 already satisfies it -> on_track. */
	assert_int_equal(st[0], PW_STATUS_LAGGING);
	assert_int_equal(st[1], PW_STATUS_ON_TRACK);
	assert_int_equal(same_as_per_plan(s, &o, 1), 1);
	o.year = 2025; /* at the end, on the values of 2023 */
	assert_int_equal(same_as_per_plan(s, &o, 1), 1);
	pw_store_close(s);
}

/* Records progress of project id for year in state `to` (via submitted). */
static int64_t progress(struct pw_store *s, int64_t id, int year, const char *status,
			double pct, enum pw_obs_state to)
{
	struct pw_progress p = { id, year, status, pct >= 0, false, pct, 0, NULL, NULL, "t",
				 PW_OBS_SUBMITTED };
	int64_t row, next;

	assert_int_equal(pw_store_progress_record(s, &p, &row), 0);
	if (to == PW_OBS_SUBMITTED)
		return row;
	assert_int_equal(pw_store_progress_transition(s, row, to, NULL, "审核", &next), 0);
	return next;
}

/* What one project of an evaluation should show. */
struct item_want {
	const char *status; /* NULL: no progress */
	int year;
	double pct; /* < 0: none */
	const char *lead;
};

static void expect_item(const struct pw_eval_item *it, const struct item_want *w)
{
	if (!w->status) {
		assert_null(it->status);
		return;
	}
	assert_non_null(it->status);
	assert_string_equal(it->status, w->status);
	assert_int_equal(it->year, w->year);
	assert_int_equal(it->has_percent, w->pct >= 0);
	if (w->pct >= 0)
		assert_true(it->percent == w->pct);
	if (w->lead) {
		assert_non_null(it->lead_unit);
		assert_string_equal(it->lead_unit, w->lead);
	} else {
		assert_null(it->lead_unit);
	}
}

#define WATER "市水务局"
#define FOREST "市林业局"

/* 专栏 projects, worked out by hand: progress approved, awaiting review,
 * returned, over years and versions (data entered against version 1
 * counts for version 2 through the key), and lead units by year. */
static void test_projects(void **state)
{
	static const struct {
		int year, version;
		bool unapproved;
		struct item_want p[2];
	} want[] = {
		{ 2021, 0, false, { { "in_progress", 2021, 20, WATER }, { "in_progress", 2021, 60, NULL } } },
		{ 2021, 0, true, { { "in_progress", 2021, 20, WATER }, { "in_progress", 2021, 60, NULL } } },
		/* 2022: the approved 45 %; awaiting review, the delayed report;
		 * the returned 2022 report of the second never counts */
		{ 2022, 0, false, { { "in_progress", 2022, 45, WATER }, { "in_progress", 2021, 60, NULL } } },
		{ 2022, 0, true, { { "delayed", 2022, -1, WATER }, { "in_progress", 2021, 60, NULL } } },
		/* 2023: the second completed (entered against version 2), its
		 * lead unit assigned from 2023 */
		{ 2023, 0, false, { { "in_progress", 2022, 45, WATER }, { "completed", 2023, 100, FOREST } } },
		{ 2025, 0, true, { { "delayed", 2022, -1, WATER }, { "completed", 2023, 100, FOREST } } },
		/* version 1 on its own reads the same data */
		{ 2023, 1, false, { { "in_progress", 2022, 45, WATER }, { "completed", 2023, 100, FOREST } } },
		{ 2021, 1, false, { { "in_progress", 2021, 20, WATER }, { "in_progress", 2021, 60, NULL } } },
	};
	struct pw_store *s = open_db();
	struct pw_eval_opts o;
	int64_t ids[2], *items, *items2;
	size_t n, k;
	int plan;

	(void)state;
	plan = (int)import_hand(s, 1, ids);
	assert_int_equal(pw_store_plan_item_ids(s, plan, 0, &items, &n), 0);
	assert_int_equal(n, 2);
	progress(s, items[0], 2021, "in_progress", 20, PW_OBS_APPROVED);
	progress(s, items[0], 2022, "in_progress", 45, PW_OBS_APPROVED);
	progress(s, items[0], 2022, "delayed", -1, PW_OBS_SUBMITTED); /* awaiting */
	progress(s, items[1], 2022, "completed", 100, PW_OBS_RETURNED);
	progress(s, items[1], 2021, "in_progress", 60, PW_OBS_APPROVED);
	assert_int_equal(pw_store_unit_add(s, WATER, NULL, "t", NULL), 0);
	assert_int_equal(pw_store_unit_add(s, FOREST, NULL, "t", NULL), 0);
	assert_int_equal(pw_store_assign(s, PW_ENTITY_PROJECT, items[0], WATER, 0, "t", NULL), 0);
	assert_int_equal(pw_store_assign(s, PW_ENTITY_PROJECT, items[1], FOREST, 2023, "t", NULL),
			 0);
	/* version 2: the data above belongs to version 1's rows */
	import_hand(s, 2, ids);
	assert_int_equal(pw_store_plan_item_ids(s, plan, 0, &items2, &n), 0);
	assert_true(items2[0] != items[0]);
	progress(s, items2[1], 2023, "completed", 100, PW_OBS_APPROVED);
	pw_eval_opts_init(&o);
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		struct pw_evaluation ev;
		size_t i;

		o.year = want[k].year;
		o.unapproved = want[k].unapproved;
		assert_int_equal(pw_eval_from_store(s, plan, want[k].version, &o, &ev), 0);
		assert_int_equal(ev.version, want[k].version ? want[k].version : 2);
		assert_int_equal(ev.nitems, 2);
		for (i = 0; i < 2; i++)
			expect_item(&ev.items[i], &want[k].p[i]);
		pw_eval_release(&ev);
		/* the whole-database pass gives the same for the current version */
		if (!want[k].version)
			assert_int_equal(same_as_per_plan(s, &o, 1 + (int)(k % 2)), 1);
	}
	assert_int_equal(pw_eval_from_store(s, plan, 3, &o, &(struct pw_evaluation){ 0 }),
			 PW_STORE_NOTFOUND);
	assert_int_equal(pw_eval_from_store(s, 99, 0, &o, &(struct pw_evaluation){ 0 }),
			 PW_STORE_NOTFOUND);
	free(items);
	free(items2);
	pw_store_close(s);
}

/* ---- the bulk load ------------------------------------------------------- */

static void test_bulk_load(void **state)
{
	struct pw_store *s = open_db();
	struct pw_bulk_value v[3], bad[2];
	struct pw_obs *obs;
	size_t n, rows;
	int64_t ids[2];
	int audits;

	(void)state;
	import_hand(s, 1, ids);
	audits = testdb_query_int(s, "SELECT count(*) FROM audit_log");
	/* two values of one row, the second year twice: 2021 = 56 then 57 */
	v[0] = (struct pw_bulk_value){ PW_ENTITY_INDICATOR, ids[0], 2021, 56, false, "%" };
	v[1] = (struct pw_bulk_value){ PW_ENTITY_INDICATOR, ids[0], 2022, 58, true, "%" };
	v[2] = (struct pw_bulk_value){ PW_ENTITY_INDICATOR, ids[0], 2021, 57, false, "%" };
	assert_int_equal(pw_bulk_load_approved(s, v, 3, "统计局", "统计年鉴", &rows), 0);
	/* 2021 and 2022 one approved row each; the repeated 2021 corrects the
	 * first: a submitted row and an approved row superseding it */
	assert_int_equal(rows, 4);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM observations"), 4);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM observations WHERE state = 'approved'"
				  " AND version = 1 AND supersedes IS NULL"), 2);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM current_observations WHERE year = 2021"
				  " AND version = 2 AND state = 'approved' AND value = 57"), 1);
	/* one audit row for the load, two for the ordinary correction */
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log") - audits, 3);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log WHERE action ="
				  " 'observation.bulk_load' AND json_extract(after_json, '$.rows') = 2"),
			 1);
	assert_int_equal(pw_store_obs_series(s, PW_ENTITY_INDICATOR, ids[0], 0, PW_PICK_APPROVED,
					     &obs, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(obs[0].year, 2021);
	assert_true(obs[0].value == 57 && !obs[0].estimated);
	assert_true(obs[1].value == 58 && obs[1].estimated);
	free(obs);
	/* a row that has data already: the ordinary way, two rows */
	v[0].year = 2023;
	assert_int_equal(pw_bulk_load_approved(s, v, 1, "统计局", NULL, &rows), 0);
	assert_int_equal(rows, 2);
	/* all or nothing: a good value then an unknown indicator */
	bad[0] = (struct pw_bulk_value){ PW_ENTITY_INDICATOR, ids[1], 2021, 30, false, "%" };
	bad[1] = (struct pw_bulk_value){ PW_ENTITY_INDICATOR, 99999, 2021, 1, false, "%" };
	n = (size_t)testdb_query_int(s, "SELECT count(*) FROM observations");
	assert_int_equal(pw_bulk_load_approved(s, bad, 2, "统计局", NULL, &rows), -1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM observations"), (int)n);
	bad[1].entity = PW_ENTITY_PROJECT;
	assert_int_equal(pw_bulk_load_approved(s, bad, 2, "统计局", NULL, NULL), -1);
	assert_int_equal(pw_bulk_load_approved(s, bad, 1, "", NULL, NULL), -1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM observations"), (int)n);
	pw_store_close(s);
}

static int stop_at_second(void *ctx, int plan_id, const struct pw_evaluation *ev)
{
	int *calls = ctx;

	(void)plan_id;
	(void)ev;
	return ++*calls == 2 ? 7 : 0;
}

static void test_callback_stops(void **state)
{
	struct pw_store *s = province(4, 0);
	struct pw_eval_opts o;
	int calls = 0;

	(void)state;
	pw_eval_opts_init(&o);
	assert_int_equal(pw_bulk_eval_all(s, &o, 1, stop_at_second, &calls, NULL), 7);
	assert_int_equal(calls, 2);
	calls = 0;
	assert_int_equal(pw_bulk_eval_all(s, &o, 2, stop_at_second, &calls, NULL), 7);
	assert_int_equal(calls, 2);
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_province_same_as_per_plan, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_review_and_bulk_load_agree, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_hand_plan_and_versions, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_projects, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_load, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_callback_stops, setup, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
