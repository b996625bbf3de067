/*
 * test_monitor.c - the monitoring data side: units and assignments (with
 * history), observation chains and review states, the series assess
 * reads, validation (each rejection, the conversion, the warnings),
 * batches that are all or nothing, the 表/序号/指标名称 reference form,
 * plan versions, external targets, project progress and the template
 * round trip.  Expected values are worked out by hand in the comments.
 */
#include "unit.h"
#include "testdb.h"
#include "monitor/batch.h"
#include "monitor/csv.h"
#include "monitor/responsibility.h"
#include "monitor/template.h"
#include "monitor/xlsx.h"
#include "store/monitor.h"
#include "store/store_internal.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int setup(void **state)
{
	(void)state;
	testdb_init("monitor");
	pw_error_quiet(1);
	return 0;
}

/* ------------------------------------------------------------------ */
/* A small plan: 表2 (2021-2025) with six rows, one prose target, one
 * project.  Indicator ids are ind[0..5] in this order. */

static struct pw_indicator *row(struct pw_table *t, const char *no, const char *group,
				const char *name, const char *unit)
{
	struct pw_indicator *r = pw_table_add_row(t);

	r->no = xstrdup(no);
	r->group = xstrdup_or_null(group);
	r->name = xstrdup(name);
	r->unit = xstrdup(unit);
	r->attribute = PW_ATTR_EXPECTED;
	r->line = 10 + (int)t->nrows;
	r->section = -1;
	return r;
}

static void target(struct pw_indicator *r, enum pw_kind k, enum pw_cmp c, double v, int y,
		   const char *text)
{
	struct pw_target *t = pw_indicator_add_target(r);

	t->kind = k;
	t->cmp = c;
	t->has_value = c != PW_CMP_NONE;
	t->value = v;
	t->year = y;
	t->text = xstrdup(text);
}

static void baseline(struct pw_indicator *r, int year, double v)
{
	r->has_baseline = true;
	r->baseline_year = year;
	r->baseline = v;
}

static void build_plan(struct pw_plan *p, const char *extra_row)
{
	struct pw_table *t;
	struct pw_indicator *r;
	struct pw_prose_target *pt;
	struct pw_column *c;
	struct pw_item *it;

	pw_plan_init(p);
	p->title = xstrdup("测试区第十四个五年规划纲要");
	p->region = xstrdup("测试区");
	p->ordinal = 14;
	p->start = 2021;
	p->end = 2025;
	p->source = xstrdup("test.txt");
	t = pw_plan_add_table(p);
	t->title = xstrdup("表2 主要指标");
	t->line = 8;
	t->start = 2021;
	t->end = 2025;
	target(row(t, "1", NULL, "地区生产总值增长", "%"), PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0,
	       "7左右");
	r = row(t, "2", NULL, "常住人口城镇化率", "%");
	baseline(r, 2020, 80);
	target(r, PW_KIND_LEVEL, PW_CMP_GE, 83, 2025, "≥83");
	target(row(t, "3", "城镇就业", "城镇新增就业人数", "万人"), PW_KIND_CUMULATIVE, PW_CMP_EQ,
	       5, 0, "[5]");
	r = row(t, "3", "城镇就业", "城镇登记失业率", "%");
	r->direction = PW_DIR_DOWN;
	target(r, PW_KIND_LEVEL, PW_CMP_LE, 4.5, 2025, "4.5以内");
	r = row(t, "4", NULL, "一般公共预算收入", "亿元");
	baseline(r, 2020, 10);
	target(r, PW_KIND_LEVEL, PW_CMP_EQ, 15, 2025, "15");
	r = row(t, "5", NULL, "空气优良天数比率", "%");
	r->attribute = PW_ATTR_BINDING;
	target(r, PW_KIND_EXTERNAL, PW_CMP_NONE, 0, 0, "按市定目标执行");
	if (extra_row)
		target(row(t, "6", NULL, extra_row, "%"), PW_KIND_LEVEL, PW_CMP_GE, 1, 2025, "1");
	pt = pw_plan_add_target(p);
	pt->t.kind = PW_KIND_LEVEL;
	pt->t.cmp = PW_CMP_GE;
	pt->t.has_value = true;
	pt->t.value = 10;
	pt->t.year = 2025;
	pt->t.text = xstrdup("高新技术企业超过10家");
	pt->subject = xstrdup("高新技术企业");
	pt->unit = xstrdup("家");
	pt->line = 100;
	pt->section = -1;
	c = pw_plan_add_column(p);
	c->title = xstrdup("专栏1 重点项目");
	c->line = 200;
	c->section = -1;
	it = pw_column_add_item(c);
	it->no = 1;
	it->title = xstrdup("污水处理厂");
	it->text = xstrdup("污水处理厂：新建日处理2万吨");
	it->line = 201;
}

struct fx {
	struct pw_store *s;
	int64_t *ind, *tgt, *prj;
	size_t nind, ntgt, nprj;
};

static void load_ids(struct fx *f)
{
	free(f->ind);
	free(f->tgt);
	free(f->prj);
	assert_int_equal(pw_store_plan_indicator_ids(f->s, 1, 0, &f->ind, &f->nind), 0);
	assert_int_equal(pw_store_plan_target_ids(f->s, 1, 0, &f->tgt, &f->ntgt), 0);
	assert_int_equal(pw_store_plan_item_ids(f->s, 1, 0, &f->prj, &f->nprj), 0);
}

static void fx_open(struct fx *f)
{
	struct pw_plan p;
	int id, version, changed;

	memset(f, 0, sizeof(*f));
	testdb_remove();
	assert_int_equal(pw_store_open(&f->s, testdb_path), 0);
	build_plan(&p, NULL);
	assert_int_equal(pw_store_import_plan(f->s, &p, "test", &id, &version, &changed), 0);
	pw_plan_free(&p);
	load_ids(f);
	assert_int_equal(f->nind, 6);
	assert_int_equal(f->ntgt, 1);
	assert_int_equal(f->nprj, 1);
}

static void fx_close(struct fx *f)
{
	free(f->ind);
	free(f->tgt);
	free(f->prj);
	pw_store_close(f->s);
}

/* The last error contains want. */
static void error_has(const char *want)
{
	if (!strstr(pw_last_error(), want))
		fail_msg("last error '%s' lacks '%s'", pw_last_error(), want);
}

/* Every row of every monitoring table and the audit log: what a refused
 * or failed write must leave as it was. */
static long long all_rows(struct pw_store *s)
{
	return testdb_query_int(s, "SELECT (SELECT count(*) FROM observations) + (SELECT count(*) FROM"
			" audit_log) + (SELECT count(*) FROM assignments) + (SELECT count(*) FROM"
			" units) + (SELECT count(*) FROM external_targets) + (SELECT count(*)"
			" FROM project_progress)");
}

static int64_t rec(struct fx *f, int64_t ind, int year, double v, enum pw_obs_state st)
{
	struct pw_obs_entry e = { .entity = PW_ENTITY_INDICATOR, .id = ind, .year = year,
				  .value = v, .unit = "%", .by = "tester", .state = st };
	int64_t id = 0;

	assert_int_equal(pw_store_obs_record(f->s, &e, &id), 0);
	return id;
}

/* The series as "year=value;..." for compact assertions. */
static const char *series(struct fx *f, enum pw_entity e, int64_t id, int upto,
			  enum pw_obs_pick pick)
{
	static char buf[256];
	struct pw_obs *o;
	size_t n, i, len = 0;

	assert_int_equal(pw_store_obs_series(f->s, e, id, upto, pick, &o, &n), 0);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%d=%g%s", i ? ";" : "",
					o[i].year, o[i].value, o[i].estimated ? "e" : "");
	free(o);
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Loads path as a batch with options o: its rc; b is left for the caller
 * to inspect and release. */
static int load(struct fx *f, struct pw_batch *b, const char *path,
		const struct pw_batch_opts *o)
{
	pw_batch_init(b, path);
	return pw_batch_load(f->s, b, path, o);
}

/* ------------------------------------------------------------------ */
/* Units and assignments                                              */

static void test_units(void **state)
{
	struct fx f;
	struct pw_unit *u;
	size_t n;
	int64_t id;

	(void)state;
	fx_open(&f);
	assert_int_equal(pw_store_unit_add(f.s, " 发展改革委 ", NULL, "t", &id), 0);
	assert_int_equal(pw_store_unit_add(f.s, "统计局", "发展改革委", "t", NULL), 0);
	assert_int_equal(pw_store_unit_add(f.s, "发展改革委", NULL, "t", NULL), -1); /* exists */
	assert_int_equal(pw_store_unit_add(f.s, "教育局", "没有这个单位", "t", NULL), -1);
	assert_int_equal(pw_store_unit_add(f.s, "  ", NULL, "t", NULL), -1);
	assert_int_equal(pw_store_unit_list(f.s, &u, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(u[0].name, "发展改革委"); /* trimmed */
	assert_null(u[0].parent);
	assert_string_equal(u[1].parent, "发展改革委");
	pw_unit_free_array(u, n);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action = 'unit.add'"), 2);
	assert_int_equal(pw_store_unit_find(f.s, "教育局", &id), PW_STORE_NOTFOUND);
	fx_close(&f);
}

static void test_assign_history(void **state)
{
	struct fx f;
	char *lead = NULL;
	int changed;

	(void)state;
	fx_open(&f);
	pw_store_unit_add(f.s, "甲局", NULL, "t", NULL);
	pw_store_unit_add(f.s, "乙局", NULL, "t", NULL);
	assert_int_equal(pw_store_lead_unit(f.s, PW_ENTITY_INDICATOR, f.ind[1], 0, &lead),
			 PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "甲局", 0, "t",
					 &changed), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "甲局", 0, "t",
					 &changed), 0);
	assert_int_equal(changed, 0); /* the same lead again: nothing written */
	/* from 2023 on 乙局 leads: 2022 still 甲局 */
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "乙局", 2023, "t",
					 &changed), 0);
	assert_int_equal(pw_store_lead_unit(f.s, PW_ENTITY_INDICATOR, f.ind[1], 2022, &lead), 0);
	assert_string_equal(lead, "甲局");
	free(lead);
	assert_int_equal(pw_store_lead_unit(f.s, PW_ENTITY_INDICATOR, f.ind[1], 2024, &lead), 0);
	assert_string_equal(lead, "乙局");
	free(lead);
	/* the change is in the audit log with the previous lead */
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action ="
				    " 'assignment.change' AND json_extract(before_json, '$.unit')"
				    " = '甲局' AND json_extract(after_json, '$.unit') = '乙局'"), 1);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM assignments"), 2);
	/* 乙局 from 2023 on already: assigning it from 2024 changes nothing,
	 * but for every year it does (甲局 still leads 2022) */
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "乙局", 2024, "t",
					 &changed), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "乙局", 0, "t",
					 &changed), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(pw_store_lead_unit(f.s, PW_ENTITY_INDICATOR, f.ind[1], 2022, &lead), 0);
	assert_string_equal(lead, "乙局");
	free(lead);
	/* 甲局 from 2030: it does not lead every year, so 甲局 for every year
	 * is a change (it was reported unchanged, and nothing written) */
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "甲局", 2030, "t",
					 &changed), 0);
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "甲局", 0, "t",
					 &changed), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(pw_store_lead_unit(f.s, PW_ENTITY_INDICATOR, f.ind[1], 2025, &lead), 0);
	assert_string_equal(lead, "甲局");
	free(lead);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM assignments"), 5);
	/* errors */
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_INDICATOR, 9999, "甲局", 0, "t", NULL),
			 PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_TARGET, f.tgt[0], "丙局", 0, "t", NULL),
			 PW_STORE_NOTFOUND); /* no such unit */
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_PROJECT, f.prj[0], "甲局", 0, "t", NULL),
			 0);
	fx_close(&f);
}

static void test_unit_assigned(void **state)
{
	struct pw_unit *u;
	struct pw_assigned *a;
	struct fx f;
	size_t n;

	(void)state;
	fx_open(&f);
	pw_store_unit_add(f.s, "甲局", NULL, "t", NULL);
	pw_store_unit_add(f.s, "乙局", NULL, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[4], "甲局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[0], "甲局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_TARGET, f.tgt[0], "甲局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_PROJECT, f.prj[0], "甲局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[0], "乙局", 2024, "t", NULL);
	/* 2023: ind[0] and ind[4] in plan order, then the target and the project */
	assert_int_equal(pw_store_unit_assigned(f.s, "甲局", 2023, &a, &n), 0);
	assert_int_equal(n, 4);
	assert_true(a[0].id == f.ind[0] && a[1].id == f.ind[4]);
	assert_true(a[2].entity == PW_ENTITY_TARGET && a[3].entity == PW_ENTITY_PROJECT);
	free(a);
	/* 2024: ind[0] moved to 乙局 */
	assert_int_equal(pw_store_unit_assigned(f.s, "甲局", 2024, &a, &n), 0);
	assert_int_equal(n, 3);
	free(a);
	/* a project and a target before indicators in assignment order, and
	 * two indicators of 乙局 assigned last row first: listed in plan
	 * order all the same (kind, plan, table, row) */
	pw_store_unit_add(f.s, "丙局", NULL, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_PROJECT, f.prj[0], "丙局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_TARGET, f.tgt[0], "丙局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[5], "丙局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[2], "丙局", 0, "t", NULL);
	assert_int_equal(pw_store_unit_assigned(f.s, "丙局", 0, &a, &n), 0);
	assert_int_equal(n, 4);
	assert_true(a[0].id == f.ind[2] && a[1].id == f.ind[5]);
	assert_true(a[2].entity == PW_ENTITY_TARGET && a[3].entity == PW_ENTITY_PROJECT);
	free(a);
	/* unit list: what each leads now (latest assignments), one query */
	assert_int_equal(pw_store_unit_list(f.s, &u, &n), 0);
	assert_int_equal(n, 3);
	assert_true(!strcmp(u[0].name, "丙局") && u[0].nassigned == 4);
	assert_true(!strcmp(u[1].name, "乙局") && u[1].nassigned == 1); /* ind[0] */
	assert_true(!strcmp(u[2].name, "甲局") && u[2].nassigned == 1); /* ind[4] */
	pw_unit_free_array(u, n);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* Observation chains and review                                      */

static void test_chain_and_states(void **state)
{
	struct fx f;
	int64_t a, b, c, d;
	int64_t x = 0;

	(void)state;
	fx_open(&f);
	a = rec(&f, f.ind[1], 2021, 80.5, PW_OBS_DRAFT);
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_LATEST),
			    "2021=80.5");
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_APPROVED), "");
	/* a draft cannot be approved; it is submitted first */
	assert_int_equal(pw_store_obs_transition(f.s, a, PW_OBS_APPROVED, NULL, "r", &x), -1);
	assert_string_equal(pw_last_error(), "cannot approve observation 1: it is draft, not "
			    "submitted");
	assert_int_equal(pw_store_obs_transition(f.s, a, PW_OBS_SUBMITTED, NULL, "u", &b), 0);
	/* acting on the superseded row is refused, naming the row that superseded it */
	assert_int_equal(pw_store_obs_transition(f.s, a, PW_OBS_SUBMITTED, NULL, "u", &x), -1);
	assert_string_equal(pw_last_error(),
			    "observation 1 is superseded by 2: act on the current row");
	assert_int_equal(pw_store_obs_transition(f.s, b, PW_OBS_APPROVED, "ok", "r", &c), 0);
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_APPROVED),
			    "2021=80.5");
	/* an approved value cannot be returned; it is corrected instead */
	assert_int_equal(pw_store_obs_transition(f.s, c, PW_OBS_RETURNED, NULL, "r", &x), -1);
	error_has("it is approved (record a corrected value instead)");
	d = rec(&f, f.ind[1], 2021, 80.7, PW_OBS_SUBMITTED);
	assert_int_equal(testdb_query_int(f.s, "SELECT version FROM observations ORDER BY id DESC"), 2);
	/* the approved value stands while the correction awaits review */
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_APPROVED),
			    "2021=80.5");
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_LATEST),
			    "2021=80.7");
	/* returned: LATEST falls back to the approved value */
	assert_int_equal(pw_store_obs_transition(f.s, d, PW_OBS_RETURNED, "与公报不符", "r", &x), 0);
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_LATEST),
			    "2021=80.5");
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM observations WHERE review_note ="
				    " '与公报不符' AND state = 'returned'"), 1);
	/* a returned value cannot be resubmitted as is */
	assert_int_equal(pw_store_obs_transition(f.s, x, PW_OBS_SUBMITTED, NULL, "u", NULL), -1);
	/* five rows in one chain (draft, submitted, approved, v2 submitted,
	 * returned), one head; every write audited */
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM observations"), 5);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM current_observations"), 1);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE entity ="
				    " 'observation'"), 5);
	/* append-only */
	assert_int_not_equal(sqlite3_exec(pw_store_sqlite(f.s), "UPDATE observations SET"
					  " value = 1", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(pw_store_sqlite(f.s), "DELETE FROM observations",
					  NULL, NULL, NULL), SQLITE_OK);
	fx_close(&f);
}

static void test_series_years_and_list(void **state)
{
	struct pw_obs_row *rows;
	struct fx f;
	size_t n;

	(void)state;
	fx_open(&f);
	rec(&f, f.ind[0], 2023, 6.1, PW_OBS_DRAFT);
	rec(&f, f.ind[0], 2021, 8.2, PW_OBS_DRAFT);
	rec(&f, f.ind[0], 2022, 4.5, PW_OBS_DRAFT);
	rec(&f, f.ind[0], 2022, 4.6, PW_OBS_DRAFT); /* correction */
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[0], 0, PW_PICK_LATEST),
			    "2021=8.2;2022=4.6;2023=6.1");
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[0], 2022, PW_PICK_LATEST),
			    "2021=8.2;2022=4.6");
	assert_int_equal(pw_store_obs_list(f.s, PW_ENTITY_INDICATOR, f.ind[0], false, &rows, &n), 0);
	assert_int_equal(n, 3); /* heads only, by year */
	assert_int_equal(rows[1].year, 2022);
	assert_int_equal(rows[1].version, 2);
	assert_true(rows[1].current);
	assert_string_equal(rows[1].name, "地区生产总值增长");
	pw_obs_row_free_array(rows, n);
	assert_int_equal(pw_store_obs_list(f.s, PW_ENTITY_INDICATOR, 0, true, &rows, &n), 0);
	assert_int_equal(n, 4);
	assert_false(rows[2].current); /* the first 2022 row */
	pw_obs_row_free_array(rows, n);
	assert_int_equal(pw_store_obs_series(f.s, PW_ENTITY_INDICATOR, 9999, 0, PW_PICK_LATEST,
					     (struct pw_obs **)&rows, &n), PW_STORE_NOTFOUND);
	fx_close(&f);
}

static void test_plan_series(void **state)
{
	struct pw_series *sr;
	struct fx f;
	size_t n;

	(void)state;
	fx_open(&f);
	rec(&f, f.ind[1], 2021, 80.6, PW_OBS_DRAFT);
	rec(&f, f.ind[1], 2022, 81.2, PW_OBS_DRAFT);
	rec(&f, f.ind[4], 2021, 11, PW_OBS_DRAFT);
	assert_int_equal(pw_store_plan_obs_series(f.s, 1, 0, 2021, PW_PICK_LATEST, &sr, &n), 0);
	assert_int_equal(n, 6);
	assert_int_equal(sr[0].n, 0);
	assert_int_equal(sr[1].n, 1); /* 2022 is after upto */
	assert_int_equal(sr[1].obs[0].year, 2021);
	assert_true(sr[4].n == 1 && sr[4].obs[0].value == 11);
	pw_store_series_free(sr, n);
	fx_close(&f);
}

static void test_versions_share_data(void **state)
{
	struct pw_plan p;
	struct fx f;
	int64_t old_ind;
	int id, version, changed;

	(void)state;
	fx_open(&f);
	old_ind = f.ind[1];
	rec(&f, old_ind, 2021, 80.6, PW_OBS_DRAFT);
	pw_store_unit_add(f.s, "甲局", NULL, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, old_ind, "甲局", 0, "t", NULL);
	/* an edited plan: a new version with a seventh row */
	build_plan(&p, "新增指标");
	assert_int_equal(pw_store_import_plan(f.s, &p, "test", &id, &version, &changed), 0);
	pw_plan_free(&p);
	assert_int_equal(version, 2);
	load_ids(&f);
	assert_true(f.ind[1] != old_ind);
	/* the new row sees the old data, assignment, and continues the chain */
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_LATEST),
			    "2021=80.6");
	rec(&f, f.ind[1], 2021, 80.8, PW_OBS_DRAFT);
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, old_ind, 0, PW_PICK_LATEST),
			    "2021=80.8");
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM current_observations"), 1);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* Validation                                                         */

static struct pw_batch_input input(int64_t id, const char *year, const char *value,
				   const char *unit)
{
	struct pw_batch_input in = { .entity = PW_ENTITY_INDICATOR, .id = id, .year = year,
				     .value = value, .unit = unit, .line = 7 };
	return in;
}

/* Adds one value to a fresh batch; returns the rc and copies the first
 * message (or "") into msg. */
static int check1(struct fx *f, struct pw_batch_input in, char *msg, size_t size)
{
	struct pw_batch b;
	int rc;

	pw_batch_init(&b, "data.csv");
	rc = pw_batch_add(f->s, &b, &in);
	snprintf(msg, size, "%s", b.ndiags ? b.diags[0].msg : "");
	if (b.ndiags)
		assert_int_equal(b.diags[0].line, 7);
	pw_batch_release(&b);
	return rc;
}

/* check1() of a value of the prose target for year. */
static void in_target(struct fx *f, const char *year, char *msg, size_t size)
{
	struct pw_batch_input in = input(f->tgt[0], year, "12", NULL);

	in.entity = PW_ENTITY_TARGET;
	assert_int_equal(check1(f, in, msg, size), 1);
}

static void test_rejections(void **state)
{
	struct pw_batch_input in;
	struct fx f;
	char m[256];

	(void)state;
	fx_open(&f);
	assert_int_equal(check1(&f, input(f.ind[1], "2031", "81", "%"), m, sizeof(m)), 1);
	assert_string_equal(m, "year 2031 outside the plan period 2021–2025");
	/* 2019 is before the baseline year 2020 */
	assert_int_equal(check1(&f, input(f.ind[1], "2019", "81", "%"), m, sizeof(m)), 1);
	assert_string_equal(m, "year 2019 outside the plan period 2021–2025");
	/* the baseline year is allowed */
	assert_int_equal(check1(&f, input(f.ind[1], "2020", "80", "%"), m, sizeof(m)), 0);
	assert_int_equal(check1(&f, input(f.ind[1], "二〇二三", "81", "%"), m, sizeof(m)), 1);
	assert_string_equal(m, "year '二〇二三' is not a year");
	assert_int_equal(check1(&f, input(f.ind[1], "2023", "约81", "%"), m, sizeof(m)), 1);
	assert_string_equal(m, "value '约81' is not a number");
	assert_int_equal(check1(&f, input(f.ind[1], "2023", "", "%"), m, sizeof(m)), 1);
	assert_string_equal(m, "no value given");
	assert_int_equal(check1(&f, input(f.ind[1], "2023", "81", "万人"), m, sizeof(m)), 1);
	assert_string_equal(m, "unit '万人' does not match the unit of '常住人口城镇化率' (%)");
	/* a unit written after the number must agree with the unit column */
	assert_int_equal(check1(&f, input(f.ind[1], "2023", "81‰", "%"), m, sizeof(m)), 1);
	assert_string_equal(m, "value '81‰' and unit '%' disagree");
	/* strict numbers: letters after the digits are not a unit */
	assert_int_equal(check1(&f, input(f.ind[1], "2023", "12abc", "%"), m, sizeof(m)), 1);
	assert_string_equal(m, "value '12abc' is not a number");
	assert_int_equal(check1(&f, input(f.ind[1], "2023", "1e2", NULL), m, sizeof(m)), 1);
	assert_string_equal(m, "value '1e2' is not a number");
	assert_int_equal(check1(&f, input(9999, "2023", "1", NULL), m, sizeof(m)), 1);
	assert_string_equal(m, "no indicator 9999 in the database");
	in = input(f.ind[1], "2023", "81", NULL);
	in.name = "城镇化率";
	assert_int_equal(check1(&f, in, m, sizeof(m)), 1);
	assert_string_equal(m, "indicator 2 is '常住人口城镇化率', not '城镇化率'");
	in.name = "常住人口 城镇化率"; /* blanks do not matter, */
	assert_int_equal(check1(&f, in, m, sizeof(m)), 0);
	in.name = "常住人口　城镇化率\t"; /* full-width ones neither */
	assert_int_equal(check1(&f, in, m, sizeof(m)), 0);
	in = input(f.ind[3], "2023", "4.1", NULL);
	in.name = "城镇就业城镇登记失业率"; /* group + name */
	assert_int_equal(check1(&f, in, m, sizeof(m)), 0);
	in.name = "城镇就业　城镇登记失业率";
	assert_int_equal(check1(&f, in, m, sizeof(m)), 0);
	/* the group, something else, then the name: another indicator */
	in.name = "城镇就业青年城镇登记失业率";
	assert_int_equal(check1(&f, in, m, sizeof(m)), 1);
	fx_close(&f);
}

static void test_conversion_and_forms(void **state)
{
	struct pw_batch b;
	struct pw_batch_input in = { .entity = PW_ENTITY_INDICATOR, .year = "2023年",
				     .value = "125,000", .unit = "万元", .note = "快报",
				     .line = 3 };
	struct fx f;

	(void)state;
	fx_open(&f);
	in.id = f.ind[4];
	pw_batch_init(&b, "d.csv");
	/* 125000 万元 = 12.5 亿元 (1 万元 = 0.0001 亿元) */
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	assert_int_equal(b.nrows, 1);
	assert_true(fabs(b.rows[0].value - 12.5) < 1e-9);
	assert_int_equal(b.rows[0].year, 2023);
	assert_string_equal(b.rows[0].unit, "亿元");
	assert_string_equal(b.rows[0].note, "换算自 125000 万元; 快报");
	assert_int_equal(b.diags[0].kind, PW_DIAG_NOTE);
	assert_int_equal(b.nerrors, 0);
	/* full-width digits, 预计, a unit after the number */
	in.id = f.ind[1];
	in.value = "预计 ８１．５％";
	in.unit = NULL;
	in.note = NULL;
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	assert_true(b.rows[1].value == 81.5 && b.rows[1].estimated);
	/* the same indicator and year twice in a batch */
	in.value = "81.6";
	in.line = 9;
	assert_int_equal(pw_batch_add(f.s, &b, &in), 1);
	assert_string_equal(b.diags[b.ndiags - 1].msg,
			    "'常住人口城镇化率' 2023 is given twice (first on line 3)");
	pw_batch_release(&b);
	fx_close(&f);
}

static void test_unit_factors(void **state)
{
	(void)state;
	assert_true(pw_batch_unit_factor("万元", "亿元") == 1e-4);
	assert_true(pw_batch_unit_factor("亿元", "万元") == 1e4);
	assert_true(pw_batch_unit_factor("公里", "千米") == 1);
	assert_true(pw_batch_unit_factor("％", "%") == 1);
	assert_true(pw_batch_unit_factor("（万人）", "万人") == 1);
	assert_true(pw_batch_unit_factor("万元", "万美元") == 0);
	assert_true(pw_batch_unit_factor("‰", "%") == 0);
	assert_true(pw_batch_unit_factor("个", "家") == 0);
}

/* Numbers as units type them, and what is not one (hand-read). */
static void test_strict_values(void **state)
{
	static const struct {
		const char *in;
		int rc;
		double v;
		const char *unit;
		bool est;
	} cases[] = {
		{ "1,234.5", 0, 1234.5, "", false },
		{ "１，２３４", 0, 1234, "", false },       /* full-width digits and comma */
		{ "－3.2", 0, -3.2, "", false },            /* full-width minus */
		{ "−3.2", 0, -3.2, "", false },             /* U+2212 */
		{ "  +7 ", 0, 7, "", false },
		{ "预计 2.5", 0, 2.5, "", true },
		{ "80 %", 0, 80, "%", false },
		{ "３０％", 0, 30, "%", false },
		{ "12万元", 0, 12, "万元", false },
		{ "3.5（%）", 0, 3.5, "(%)", false },
		{ "12abc", -1, 0, "", false },             /* letters are not a unit */
		{ "１２ａｂｃ", -1, 0, "", false },
		{ "1.2.3", -1, 0, "", false },
		{ "12-", -1, 0, "", false },
		{ "12.", -1, 0, "", false },
		{ "1e5", -1, 0, "", false },               /* no exponent */
		{ "0x10", -1, 0, "", false },              /* no hex */
		{ "nan", -1, 0, "", false },
		{ "inf", -1, 0, "", false },
		{ "-inf", -1, 0, "", false },
		{ "1,23", -1, 0, "", false },              /* a thousands group has 3 digits */
		{ "1,2345", -1, 0, "", false },
		{ "1 234", -1, 0, "", false },             /* a blank is no separator */
		{ "约81", -1, 0, "", false },
		{ "", -1, 0, "", false },
		{ "八十二", -1, 0, "", false },
	};
	char unit[32];
	double v;
	bool est;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = pw_batch_parse_value(cases[i].in, &v, &est, unit, sizeof(unit));

		if (rc != cases[i].rc)
			fail_msg("'%s': rc %d, want %d", cases[i].in, rc, cases[i].rc);
		if (rc == 0 && (v != cases[i].v || strcmp(unit, cases[i].unit) || est != cases[i].est))
			fail_msg("'%s': %g '%s' %d", cases[i].in, v, unit, est);
	}
	/* a unit longer than the buffer is refused, not cut */
	assert_int_equal(pw_batch_parse_value("1万吨标准煤", &v, &est, unit, 8), -1);
	/* years: 2023, 2023年, 2023.0 (a spreadsheet number), full-width */
	assert_int_equal(pw_batch_parse_year("2023年"), 2023);
	assert_int_equal(pw_batch_parse_year("2023.0"), 2023);
	assert_int_equal(pw_batch_parse_year("２０２３"), 2023);
	assert_int_equal(pw_batch_parse_year("2023.5"), 0);
	assert_int_equal(pw_batch_parse_year("99999999999"), 0);
	assert_int_equal(pw_batch_parse_year("1899"), 0);
}

/* The store's own guards, for callers that skip validation (the web). */
static void test_record_guards(void **state)
{
	struct pw_obs_entry e = { .entity = PW_ENTITY_INDICATOR, .year = 2023, .value = NAN,
				  .unit = "%", .by = "t", .state = PW_OBS_DRAFT };
	struct fx f;
	long long rows;

	(void)state;
	fx_open(&f);
	e.id = f.ind[1];
	rows = all_rows(f.s);
	/* NaN would be stored as NULL: a row without a value */
	assert_int_equal(pw_store_obs_record(f.s, &e, NULL), -1);
	assert_string_equal(pw_last_error(), "value of indicator 2 is not a finite number");
	e.value = INFINITY;
	assert_int_equal(pw_store_obs_record(f.s, &e, NULL), -1);
	e.value = 81;
	e.year = 20230;
	assert_int_equal(pw_store_obs_record(f.s, &e, NULL), -1);
	assert_string_equal(pw_last_error(), "year 20230 of indicator 2 is out of range");
	e.year = 2023;
	e.state = PW_OBS_APPROVED; /* approval is a review step */
	assert_int_equal(pw_store_obs_record(f.s, &e, NULL), -1);
	assert_string_equal(pw_last_error(), "a new value is draft or submitted, not approved");
	e.state = PW_OBS_DRAFT;
	e.by = "";
	assert_int_equal(pw_store_obs_record(f.s, &e, NULL), -1);
	e.by = "t";
	e.entity = PW_ENTITY_PROJECT;
	assert_int_equal(pw_store_obs_record(f.s, &e, NULL), -1);
	error_has("observations are for indicators and targets, not project");
	assert_int_equal(all_rows(f.s), rows);
	/* a review cannot send a value back to draft */
	e.entity = PW_ENTITY_INDICATOR;
	assert_int_equal(pw_store_obs_transition(f.s, rec(&f, f.ind[1], 2023, 81, PW_OBS_DRAFT),
						 PW_OBS_DRAFT, NULL, "r", NULL), -1);
	assert_int_equal(pw_store_obs_transition(f.s, 9999, PW_OBS_SUBMITTED, NULL, "r", NULL),
			 PW_STORE_NOTFOUND);
	fx_close(&f);
}

static void test_warnings(void **state)
{
	struct pw_batch b;
	struct pw_batch_input in;
	struct fx f;

	(void)state;
	fx_open(&f);
	rec(&f, f.ind[0], 2022, 6.5, PW_OBS_DRAFT);
	pw_batch_init(&b, "w.csv");
	/* a growth rate: 6.5 -> 27 moves 20.5 points (> 20): warning */
	in = input(f.ind[0], "2023", "27", NULL);
	in.line = 4;
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	assert_int_equal(b.nwarnings, 1);
	assert_int_equal(b.diags[0].kind, PW_DIAG_WARNING);
	assert_int_equal(b.diags[0].line, 4);
	assert_non_null(strstr(b.diags[0].msg, "more than 20 points from 6.5% in 2022"));
	/* 2021 has no earlier value: nothing to compare, no warning */
	in = input(f.ind[0], "2021", "-13", NULL);
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	/* 2025 against 27 in 2023 (this batch): 7 moves exactly 20 points, not more */
	in = input(f.ind[0], "2025", "7", NULL);
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	assert_int_equal(b.nwarnings, 1);
	/* a level against the baseline 10 (2020): 31 > 3 x 10 */
	in = input(f.ind[4], "2021", "31", NULL);
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	assert_int_equal(b.nwarnings, 2);
	assert_non_null(strstr(b.diags[1].msg, "31 is more than 3 times 10 in 2020"));
	/* earlier rows of the batch count: 2022 after 31 in 2021, 10 < 31/3 */
	in = input(f.ind[4], "2022", "10", NULL);
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	assert_int_equal(b.nwarnings, 3);
	assert_non_null(strstr(b.diags[2].msg, "less than 1/3 of 31 in 2021"));
	/* 29 vs 10: 2.9 times, plausible */
	in = input(f.ind[4], "2023", "29", NULL);
	in.line = 20;
	assert_int_equal(pw_batch_add(f.s, &b, &in), 0);
	assert_int_equal(b.nwarnings, 3);
	assert_int_equal(b.nerrors, 0);
	pw_batch_release(&b);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* Batches from sheets: all or nothing                                */

static void sheet_row(struct pw_sheet *sh, long line, const char *const *cells, size_t n)
{
	struct pw_sheet_row *r = pw_sheet_add_row(sh, line);
	size_t i;

	for (i = 0; i < n; i++)
		pw_sheet_set(r, i, cells[i], strlen(cells[i]));
}

#define ROW(sh, line, ...)                                                          \
	do {                                                                        \
		const char *c_[] = { __VA_ARGS__ };                                 \
		sheet_row(sh, line, c_, sizeof(c_) / sizeof(c_[0]));                \
	} while (0)

static void demo_sheet(struct pw_sheet *sh, const char *bad_year)
{
	pw_sheet_init(sh, "data.csv");
	ROW(sh, 1, "说明：演示");
	ROW(sh, 2, "表", "序号", "指标名称", "年份", "数值", "单位", "来源");
	ROW(sh, 3, "表2", "2", "常住人口城镇化率", "2021", "80.6", "%", "公报");
	ROW(sh, 4, "2", "3", "城镇登记失业率", "2021", "3.9", "%", "");
	ROW(sh, 5, "表2", "3", "城镇新增就业人数", "2021", "1.05", "万人", "");
	ROW(sh, 6, "表2", "4", "", "2021", "", "", ""); /* no value: skipped */
	ROW(sh, 7, "表2", "1", "地区生产总值增长", bad_year, "8.2", "%", "");
}

static void test_batch_all_or_nothing(void **state)
{
	struct pw_sheet sh;
	struct pw_batch b;
	struct pw_batch_opts o = { .by = "tester", .state = PW_OBS_SUBMITTED };
	struct fx f;
	long long audit;

	(void)state;
	fx_open(&f);
	audit = testdb_query_int(f.s, "SELECT count(*) FROM audit_log");
	demo_sheet(&sh, "2031");
	pw_batch_init(&b, sh.name);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	assert_int_equal(b.nerrors, 1);
	assert_int_equal(b.diags[0].line, 7);
	assert_string_equal(b.diags[0].msg, "year 2031 outside the plan period 2021–2025");
	assert_int_equal(pw_batch_commit(f.s, &b, &o, NULL), -1);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM observations"), 0);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log"), audit);
	pw_batch_release(&b);
	pw_sheet_release(&sh);
	/* the same file corrected: four values in one transaction */
	demo_sheet(&sh, "2021");
	pw_batch_init(&b, sh.name);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	assert_int_equal(b.nerrors, 0);
	assert_int_equal(b.nskipped, 1);
	/* a failure in the middle of the commit leaves nothing */
	pw_store_inject_fault(f.s, 6);
	assert_int_equal(pw_batch_commit(f.s, &b, &o, NULL), -1);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM observations"), 0);
	pw_store_inject_fault(f.s, 0);
	o.state = PW_OBS_APPROVED;
	assert_int_equal(pw_batch_commit(f.s, &b, &o, NULL), 0);
	/* approved on import: a submitted row and an approved row each */
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM current_observations WHERE state ="
				    " 'approved'"), 4);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action ="
				    " 'observation.import'"), 1);
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[3], 0, PW_PICK_APPROVED),
			    "2021=3.9");
	pw_batch_release(&b);
	pw_sheet_release(&sh);
	fx_close(&f);
}

static void test_sheet_errors(void **state)
{
	struct pw_sheet sh;
	struct pw_batch b;
	struct pw_batch_opts o = { .by = "tester" };
	struct fx f;

	(void)state;
	fx_open(&f);
	pw_sheet_init(&sh, "x.csv");
	ROW(&sh, 1, "表", "序号", "指标名称", "年份", "数值");
	ROW(&sh, 2, "表2", "3", "", "2021", "1");          /* two rows are 3 */
	ROW(&sh, 3, "表2", "9", "不存在", "2021", "1");     /* no such row */
	ROW(&sh, 4, "表7", "1", "地区生产总值增长", "2021", "1"); /* no such table */
	pw_batch_init(&b, sh.name);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	assert_int_equal(b.nerrors, 3);
	assert_string_equal(b.diags[0].msg, "表2 序号 3 '': it matches several rows (give both "
			    "序号 and 指标名称)");
	assert_string_equal(b.diags[1].msg, "表2 序号 9 '不存在': no such indicator in the table");
	assert_int_equal(b.diags[2].line, 4);
	assert_string_equal(b.diags[2].msg, "表7 序号 1 '地区生产总值增长': no such indicator in "
			    "the table");
	pw_batch_release(&b);
	pw_sheet_release(&sh);
	/* no header */
	pw_sheet_init(&sh, "y.csv");
	ROW(&sh, 1, "a", "b");
	pw_batch_init(&b, sh.name);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	assert_int_equal(b.nerrors, 1);
	assert_string_equal(b.diags[0].msg,
			    "no header row with a 年份 (year) and a 填报值 (value) column");
	pw_batch_release(&b);
	pw_sheet_release(&sh);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* External targets, project progress                                 */

static void test_external_targets(void **state)
{
	struct pw_external x = { .kind = PW_KIND_LEVEL, .cmp = PW_CMP_GE, .value = 75,
				 .year = 2025 };
	struct pw_external got;
	struct fx f;

	(void)state;
	fx_open(&f);
	assert_int_equal(pw_store_external_get(f.s, PW_ENTITY_INDICATOR, f.ind[5], &got),
			 PW_STORE_NOTFOUND);
	/* only an indicator with a target set elsewhere takes one */
	assert_int_equal(pw_store_external_set(f.s, PW_ENTITY_INDICATOR, f.ind[1], &x, "t", NULL),
			 -1);
	assert_string_equal(pw_last_error(),
			    "indicator 2 has no target set elsewhere (按市定目标执行)");
	assert_int_equal(pw_store_external_set(f.s, PW_ENTITY_INDICATOR, f.ind[5], &x, "t", NULL),
			 0);
	x.value = 78;
	x.source = "市政府文件";
	assert_int_equal(pw_store_external_set(f.s, PW_ENTITY_INDICATOR, f.ind[5], &x, "t", NULL),
			 0);
	assert_int_equal(pw_store_external_get(f.s, PW_ENTITY_INDICATOR, f.ind[5], &got), 0);
	assert_true(got.value == 78 && got.cmp == PW_CMP_GE && got.year == 2025);
	assert_string_equal(got.source, "市政府文件");
	pw_external_release(&got);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM external_targets WHERE supersedes IS"
				    " NOT NULL"), 1);
	/* audited: the second with the first as before */
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action ="
				    " 'external_target.set' AND json_extract(before_json, '$.value') = 75"
				    " AND json_extract(after_json, '$.value') = 78"), 1);
	x.cmp = PW_CMP_RANGE; /* a range needs its upper value */
	assert_int_equal(pw_store_external_set(f.s, PW_ENTITY_INDICATOR, f.ind[5], &x, "t", NULL),
			 -1);
	error_has("a range target needs its upper value");
	x.cmp = PW_CMP_GE;
	x.value = NAN; /* SQLite would store NULL */
	assert_int_equal(pw_store_external_set(f.s, PW_ENTITY_INDICATOR, f.ind[5], &x, "t", NULL),
			 -1);
	error_has("not a finite number");
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM external_targets"), 2);
	fx_close(&f);
}

static void test_project_progress(void **state)
{
	struct pw_progress p = { .year = 2022, .status = "in_progress", .has_percent = true,
				 .percent = 40, .by = "t" };
	struct fx f;
	char *status;
	double pct;
	long long rows;
	int year;

	(void)state;
	fx_open(&f);
	p.item_id = f.prj[0];
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), 0);
	p.percent = 45; /* correction */
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), 0);
	p.year = 2023;
	p.status = "completed";
	p.percent = 100;
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), 0);
	assert_int_equal(pw_store_progress_latest(f.s, f.prj[0], 2022, &year, &status, &pct), 0);
	assert_true(year == 2022 && pct == 45);
	assert_string_equal(status, "in_progress");
	free(status);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action ="
				    " 'progress.record'"), 3);
	/* refused in words before the schema's CHECKs; nothing written */
	rows = all_rows(f.s);
	p.status = "finished"; /* not a status */
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), -1);
	error_has("project status 'finished' is not one of");
	p.status = "completed";
	p.percent = 120;
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), -1);
	assert_string_equal(pw_last_error(), "percent complete 120 is not between 0 and 100");
	p.percent = NAN;
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), -1);
	p.percent = 100;
	p.state = PW_OBS_APPROVED; /* progress is not approved on entry */
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), -1);
	error_has("new project progress is draft or submitted, not approved");
	p.state = PW_OBS_DRAFT;
	p.year = 20230;
	assert_int_equal(pw_store_progress_record(f.s, &p, NULL), -1);
	error_has("year 20230 of project");
	assert_int_equal(all_rows(f.s), rows);
	fx_close(&f);
}

static int64_t progress_draft(struct fx *f, int year)
{
	struct pw_progress p = { .item_id = f->prj[0], .year = year, .status = "in_progress",
				 .has_percent = true, .percent = 30, .by = "甲局" };
	int64_t id = 0;

	assert_int_equal(pw_store_progress_record(f->s, &p, &id), 0);
	return id;
}

/* Project progress is reviewed as observations are. */
static void test_progress_review(void **state)
{
	struct pw_progress_row *rows;
	struct fx f;
	int64_t a, b, c, d, x = 0;
	char *status;
	double pct;
	size_t n;
	int year;

	(void)state;
	fx_open(&f);
	a = progress_draft(&f, 2022);
	/* nothing approved yet: the official pick has nothing, the working one the draft */
	assert_int_equal(pw_store_progress_pick(f.s, f.prj[0], 0, PW_PICK_APPROVED, &year,
						&status, &pct), PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_progress_latest(f.s, f.prj[0], 0, &year, &status, &pct), 0);
	free(status);
	assert_int_equal(pw_store_progress_transition(f.s, a, PW_OBS_APPROVED, NULL, "r", &x), -1);
	assert_string_equal(pw_last_error(),
			    "cannot approve project progress 1: it is draft, not submitted");
	assert_int_equal(pw_store_progress_transition(f.s, a, PW_OBS_SUBMITTED, NULL, "甲局", &b), 0);
	assert_int_equal(pw_store_progress_transition(f.s, a, PW_OBS_SUBMITTED, NULL, "甲局", &x), -1);
	assert_string_equal(pw_last_error(),
			    "project progress 1 is superseded by 2: act on the current row");
	assert_int_equal(pw_store_progress_transition(f.s, b, PW_OBS_APPROVED, "已核", "规划办", &c), 0);
	assert_int_equal(pw_store_progress_transition(f.s, c, PW_OBS_RETURNED, NULL, "r", &x), -1);
	error_has("it is approved (record a corrected value instead)");
	assert_int_equal(pw_store_progress_transition(f.s, c, PW_OBS_DRAFT, NULL, "r", &x), -1);
	assert_int_equal(pw_store_progress_transition(f.s, 99, PW_OBS_SUBMITTED, NULL, "r", &x),
			 PW_STORE_NOTFOUND);
	/* a correction (60%) submitted, then returned: the approved 30% stays
	 * in force for both picks */
	{
		struct pw_progress p = { .item_id = f.prj[0], .year = 2022, .status = "in_progress",
					 .has_percent = true, .percent = 60, .by = "甲局",
					 .state = PW_OBS_SUBMITTED };

		assert_int_equal(pw_store_progress_record(f.s, &p, &d), 0);
	}
	assert_int_equal(pw_store_progress_latest(f.s, f.prj[0], 0, &year, &status, &pct), 0);
	assert_true(year == 2022 && pct == 60); /* awaiting review: the working view */
	free(status);
	assert_int_equal(pw_store_progress_pick(f.s, f.prj[0], 0, PW_PICK_APPROVED, &year,
						&status, &pct), 0);
	assert_true(year == 2022 && pct == 30);
	free(status);
	assert_int_equal(pw_store_progress_transition(f.s, d, PW_OBS_RETURNED, "与台账不符", "规划办",
						      &x), 0);
	assert_int_equal(pw_store_progress_latest(f.s, f.prj[0], 0, &year, &status, &pct), 0);
	assert_true(year == 2022 && pct == 30);
	free(status);
	/* listing: heads only (one per project and year), or every row */
	assert_int_equal(pw_store_progress_list(f.s, f.prj[0], false, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_true(rows[0].id == x && rows[0].state == PW_OBS_RETURNED && rows[0].version == 2);
	assert_string_equal(rows[0].review_note, "与台账不符");
	assert_string_equal(rows[0].title, "污水处理厂");
	assert_string_equal(rows[0].entered_by, "规划办");
	pw_progress_row_free_array(rows, n);
	assert_int_equal(pw_store_progress_list(f.s, 0, true, &rows, &n), 0);
	assert_int_equal(n, 5); /* draft, submitted, approved, v2 submitted, returned */
	assert_true(rows[2].state == PW_OBS_APPROVED && !rows[2].current);
	pw_progress_row_free_array(rows, n);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action IN"
				    " ('progress.submit', 'progress.approve', 'progress.return')"), 3);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action ="
				    " 'progress.approve' AND json_extract(after_json, '$.review_note')"
				    " = '已核' AND json_extract(after_json, '$.state') = 'approved'"), 1);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* Every write is all or nothing, with its audit row                  */

struct fault_fx {
	struct fx f;
	int64_t draft;    /* a draft head, for the submit */
	int64_t progress; /* a draft progress row, for its submit */
};

#define NFAULT_OPS 9

/* A batch of two values, one a correction. */
static int fault_batch(struct fault_fx *x)
{
	struct pw_batch_opts o = { .by = "t", .state = PW_OBS_APPROVED };
	struct pw_batch_input in = input(x->f.ind[4], "2022", "11", NULL);
	struct pw_batch b;
	int rc;

	pw_batch_init(&b, "f.csv");
	b.opts = &o;
	rc = pw_batch_add(x->f.s, &b, &in);
	in = input(x->f.ind[1], "2021", "80.7", NULL);
	if (rc == 0)
		rc = pw_batch_add(x->f.s, &b, &in);
	if (rc == 0)
		rc = pw_batch_commit(x->f.s, &b, &o, NULL);
	pw_batch_release(&b);
	return rc;
}

/* Write number op (0..NFAULT_OPS-1) once; its return code. */
static int fault_op(struct fault_fx *x, int op)
{
	struct pw_obs_entry e = { .entity = PW_ENTITY_INDICATOR, .id = x->f.ind[0], .year = 2022,
				  .value = 6.5, .unit = "%", .by = "t" };
	struct pw_external ext = { .kind = PW_KIND_LEVEL, .cmp = PW_CMP_GE, .value = 75 };
	struct pw_progress p = { .item_id = x->f.prj[0], .year = 2022, .status = "delayed",
				 .by = "t" };

	switch (op) {
	case 0: return pw_store_obs_record(x->f.s, &e, NULL); /* a new chain */
	case 1: e.id = x->f.ind[1]; e.year = 2021; return pw_store_obs_record(x->f.s, &e, NULL);
	case 2: return pw_store_obs_transition(x->f.s, x->draft, PW_OBS_SUBMITTED, "ok", "r", NULL);
	case 3: return pw_store_unit_add(x->f.s, "乙局", "甲局", "t", NULL);
	case 4: return pw_store_assign(x->f.s, PW_ENTITY_INDICATOR, x->f.ind[1], "乙局", 2024, "t",
				       NULL);
	case 5: return pw_store_external_set(x->f.s, PW_ENTITY_INDICATOR, x->f.ind[5], &ext, "t",
					     NULL);
	case 6: return pw_store_progress_record(x->f.s, &p, NULL);
	case 7: return pw_store_progress_transition(x->f.s, x->progress, PW_OBS_SUBMITTED, "ok",
						    "r", NULL);
	default: return fault_batch(x);
	}
}

/*
 * Each write, with its Nth database step made to fail for N = 1, 2, ...
 * until it succeeds: a failed write leaves every table as it was, and a
 * write that succeeds never met the fault (no failed step is swallowed,
 * e.g. the read of the row's JSON for the audit log).  Every audit row
 * then carries its after_json.
 */
static void test_fault_every_step(void **state)
{
	struct fault_fx x;
	long long rows;
	int op, n, rc;

	(void)state;
	fx_open(&x.f);
	pw_store_unit_add(x.f.s, "甲局", NULL, "t", NULL);
	pw_store_assign(x.f.s, PW_ENTITY_INDICATOR, x.f.ind[1], "甲局", 0, "t", NULL);
	rec(&x.f, x.f.ind[1], 2021, 80.5, PW_OBS_SUBMITTED); /* op 1 corrects it */
	x.draft = rec(&x.f, x.f.ind[3], 2021, 4.1, PW_OBS_DRAFT);
	x.progress = progress_draft(&x.f, 2021);
	for (op = 0; op < NFAULT_OPS; op++) {
		for (n = 1; n < 100; n++) {
			rows = all_rows(x.f.s);
			pw_store_inject_fault(x.f.s, n);
			rc = fault_op(&x, op);
			if (rc == 0) {
				if (x.f.s->fault_countdown == 0)
					fail_msg("op %d: step %d failed but the write succeeded", op, n);
				assert_true(all_rows(x.f.s) > rows);
				break;
			}
			if (all_rows(x.f.s) != rows)
				fail_msg("op %d: step %d failed and left rows behind", op, n);
		}
		pw_store_inject_fault(x.f.s, 0);
		assert_true(n > 1 && n < 100);
	}
	assert_int_equal(testdb_query_int(x.f.s, "SELECT count(*) FROM audit_log WHERE after_json IS NULL"), 0);
	assert_int_equal(testdb_query_int(x.f.s, "SELECT count(*) FROM audit_log WHERE action ="
				      " 'observation.correct' AND before_json IS NOT NULL"), 2);
	fx_close(&x.f);
}

/*
 * The same writes inside a caller's transaction (a web request): each is
 * a savepoint, so a failed one undoes only itself and leaves the
 * caller's transaction open and usable; what the caller then rolls back
 * is gone, what it commits stays.
 */
static void test_writes_join_caller(void **state)
{
	struct fault_fx x;
	long long before, rows;
	int op, rc;

	(void)state;
	fx_open(&x.f);
	pw_store_unit_add(x.f.s, "甲局", NULL, "t", NULL);
	pw_store_assign(x.f.s, PW_ENTITY_INDICATOR, x.f.ind[1], "甲局", 0, "t", NULL);
	rec(&x.f, x.f.ind[1], 2021, 80.5, PW_OBS_SUBMITTED);
	x.draft = rec(&x.f, x.f.ind[3], 2021, 4.1, PW_OBS_DRAFT);
	x.progress = progress_draft(&x.f, 2021);
	before = all_rows(x.f.s);
	assert_int_equal(pw_store_begin(x.f.s), 0);
	for (op = 0; op < NFAULT_OPS; op++) {
		rows = all_rows(x.f.s);
		pw_store_inject_fault(x.f.s, 2); /* fails inside the write */
		rc = fault_op(&x, op);
		pw_store_inject_fault(x.f.s, 0);
		if (rc == 0)
			fail_msg("op %d: the second step failed but the write succeeded", op);
		if (all_rows(x.f.s) != rows)
			fail_msg("op %d: a failed write left rows in the caller's transaction", op);
		assert_true(x.f.s->in_tx && !sqlite3_get_autocommit(pw_store_sqlite(x.f.s)));
		assert_int_equal(fault_op(&x, op), 0); /* then it goes through */
	}
	rows = all_rows(x.f.s);
	pw_store_rollback(x.f.s);
	assert_int_equal(all_rows(x.f.s), before);
	/* committed by the caller: everything stays */
	assert_int_equal(pw_store_begin(x.f.s), 0);
	for (op = 0; op < NFAULT_OPS; op++)
		assert_int_equal(fault_op(&x, op), 0);
	assert_int_equal(pw_store_commit(x.f.s), 0);
	assert_int_equal(all_rows(x.f.s), rows);
	fx_close(&x.f);
}

/* A responsibility table inside a caller's transaction: a savepoint too. */
static void test_assign_import_joins_caller(void **state)
{
	struct pw_assign_result res;
	struct pw_batch b;
	struct fx f;
	char path[300];
	int n, rc;

	(void)state;
	fx_open(&f);
	snprintf(path, sizeof(path), "%s.csv", testdb_path);
	write_file(path, "表,序号,指标名称,牵头单位\n表2,2,常住人口城镇化率,住建局\n");
	assert_int_equal(pw_store_begin(f.s), 0);
	pw_batch_init(&b, path);
	assert_int_equal(pw_assign_import(f.s, path, 0, "t", &b, &res), 0);
	pw_batch_release(&b);
	/* a failure at any step undoes only the import (two units, two
	 * assignments), and the caller's transaction goes on */
	write_file(path, "表,序号,指标名称,牵头单位\n表2,1,地区生产总值增长,发改委\n"
			 "表2,4,一般公共预算收入,财政局\n");
	for (n = 1; n < 100; n++) {
		pw_store_inject_fault(f.s, n);
		pw_batch_init(&b, path);
		rc = pw_assign_import(f.s, path, 0, "t", &b, &res);
		pw_batch_release(&b);
		if (rc == 0)
			break;
		assert_int_equal(rc, -1);
		assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM units"), 1);
		assert_true(f.s->in_tx);
	}
	pw_store_inject_fault(f.s, 0);
	assert_true(n > 10 && n < 100);
	assert_int_equal(pw_store_commit(f.s), 0);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM assignments"), 3);
	unlink(path);
	fx_close(&f);
}

static void test_audit_json(void **state)
{
	struct fx f;

	(void)state;
	fx_open(&f);
	/* quotes and control characters in a name are escaped, not dropped */
	assert_int_equal(pw_store_unit_add(f.s, "\"甲\"局\\\t", NULL, "t", NULL), 0);
	assert_int_equal(pw_store_unit_add(f.s, "乙局", NULL, "t", NULL), 0);
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_PROJECT, f.prj[0], "\"甲\"局\\", 0, "t",
					 NULL), 0);
	assert_int_equal(pw_store_assign(f.s, PW_ENTITY_PROJECT, f.prj[0], "乙局", 2024, "t",
					 NULL), 0);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action = 'unit.add'"
				    " AND json_extract(after_json, '$.name') = '\"甲\"局\\'"), 1);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log WHERE action ="
				    " 'assignment.change' AND json_extract(before_json, '$.unit') ="
				    " '\"甲\"局\\' AND json_extract(after_json, '$.unit') = '乙局'"
				    " AND json_extract(after_json, '$.year') = 2024"
				    " AND json_extract(after_json, '$.project_id') = 1"), 1);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* Template round trip                                                */

static void test_template_roundtrip(void **state)
{
	struct pw_template t;
	struct pw_sheet sh;
	struct pw_batch b;
	struct pw_batch_opts o = { .by = "甲局", .state = PW_OBS_SUBMITTED };
	struct fx f;
	char path[300];
	size_t i;

	(void)state;
	fx_open(&f);
	snprintf(path, sizeof(path), "%s.xlsx", testdb_path);
	pw_store_unit_add(f.s, "甲局", NULL, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "甲局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_TARGET, f.tgt[0], "甲局", 0, "t", NULL);
	rec(&f, f.ind[1], 2022, 81.2, PW_OBS_DRAFT);
	assert_int_equal(pw_template_build(f.s, "甲局", 2023, &t), 0);
	assert_int_equal(t.nrows, 2);
	assert_true(t.rows[0].has_last && t.rows[0].last == 81.2 && t.rows[0].last_year == 2022);
	assert_string_equal(t.rows[0].baseline, "80（2020年）");
	assert_string_equal(t.rows[0].target, "≥83");
	assert_int_equal(pw_template_write_xlsx(&t, path), 0);
	pw_template_release(&t);
	/* read back: header on row 3, rows 4 and 5; fill the value cells */
	assert_int_equal(pw_xlsx_read(&sh, path), 0);
	assert_int_equal(sh.nrows, 5);
	assert_string_equal(pw_sheet_cell(&sh.rows[2], 12), "填报值");
	assert_string_equal(pw_sheet_cell(&sh.rows[3], 4), "常住人口城镇化率");
	assert_string_equal(pw_sheet_cell(&sh.rows[3], 11), "2023");
	pw_sheet_set(&sh.rows[3], 12, "81.9", 4);
	pw_sheet_set(&sh.rows[4], 12, "12", 2);
	pw_batch_init(&b, path);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	for (i = 0; i < b.ndiags; i++)
		print_message("%s\n", b.diags[i].msg);
	assert_int_equal(b.nerrors, 0);
	assert_int_equal(pw_batch_commit(f.s, &b, &o, NULL), 0);
	assert_string_equal(series(&f, PW_ENTITY_INDICATOR, f.ind[1], 0, PW_PICK_LATEST),
			    "2022=81.2;2023=81.9");
	assert_string_equal(series(&f, PW_ENTITY_TARGET, f.tgt[0], 0, PW_PICK_LATEST), "2023=12");
	pw_batch_release(&b);
	pw_sheet_release(&sh);
	unlink(path);
	fx_close(&f);
}

static void test_responsibility_import(void **state)
{
	struct pw_assign_result res;
	struct pw_batch b;
	struct fx f;
	char path[300], *lead;
	FILE *fp;

	(void)state;
	fx_open(&f);
	snprintf(path, sizeof(path), "%s.csv", testdb_path);
	fp = fopen(path, "w");
	fputs("表,序号,指标名称,牵头单位\n表2,2,常住人口城镇化率,住建局\n"
	      "表2,4,一般公共预算收入,财政局\n", fp);
	fclose(fp);
	pw_batch_init(&b, path);
	assert_int_equal(pw_assign_import(f.s, path, 0, "t", &b, &res), 0);
	assert_true(res.nassigned == 2 && res.nunits_created == 2);
	pw_batch_release(&b);
	assert_int_equal(pw_store_lead_unit(f.s, PW_ENTITY_INDICATOR, f.ind[4], 0, &lead), 0);
	assert_string_equal(lead, "财政局");
	free(lead);
	/* a bad row: nothing assigned, no unit created */
	fp = fopen(path, "w");
	fputs("表,序号,指标名称,牵头单位\n表2,1,地区生产总值增长,发改委\n表2,8,无此指标,统计局\n", fp);
	fclose(fp);
	pw_batch_init(&b, path);
	assert_int_equal(pw_assign_import(f.s, path, 0, "t", &b, &res), 1);
	assert_int_equal(b.diags[0].line, 3);
	pw_batch_release(&b);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM units"), 2);
	unlink(path);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* The same file twice writes nothing the second time                 */

static void test_unchanged_skipped(void **state)
{
	struct pw_batch_opts o = { .by = "甲局", .state = PW_OBS_SUBMITTED }, other;
	struct pw_batch b;
	struct fx f;
	char path[300];
	long long rows, audit;
	size_t written;

	(void)state;
	fx_open(&f);
	snprintf(path, sizeof(path), "%s.csv", testdb_path);
	/* 125000 万元 is stored as 12.5 亿元 with a note of the conversion */
	write_file(path, "表,序号,指标名称,年份,数值,单位,来源,备注,预计\n"
			 "表2,2,常住人口城镇化率,2022,81.2,%,公报,,\n"
			 "表2,4,一般公共预算收入,2022,\"125,000\",万元,快报,初步,是\n");
	assert_int_equal(load(&f, &b, path, &o), 0);
	assert_int_equal(b.nerrors + b.nunchanged, 0);
	assert_int_equal(pw_batch_commit(f.s, &b, &o, &written), 0);
	assert_int_equal(written, 2);
	pw_batch_release(&b);
	rows = all_rows(f.s);
	audit = testdb_query_int(f.s, "SELECT count(*) FROM audit_log");
	/* the same file again: both values equal the ones in force */
	assert_int_equal(load(&f, &b, path, &o), 0);
	assert_int_equal(b.nunchanged, 2);
	assert_true(b.rows[0].unchanged && b.rows[1].unchanged);
	assert_int_equal(b.diags[b.ndiags - 1].kind, PW_DIAG_NOTE);
	assert_string_equal(b.diags[b.ndiags - 1].msg,
			    "'一般公共预算收入' 2022: 12.5 unchanged (already submitted): skipped");
	assert_int_equal(pw_batch_commit(f.s, &b, &o, &written), 0);
	assert_int_equal(written, 0);
	pw_batch_release(&b);
	assert_int_equal(all_rows(f.s), rows); /* not even an audit row */
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM audit_log"), audit);
	/* as a draft: the submitted value is further along, still unchanged */
	o.state = PW_OBS_DRAFT;
	assert_int_equal(load(&f, &b, path, &o), 0);
	assert_int_equal(b.nunchanged, 2);
	pw_batch_release(&b);
	/* to be approved: the submitted value is not, so both are written */
	o.state = PW_OBS_APPROVED;
	assert_int_equal(load(&f, &b, path, &o), 0);
	assert_int_equal(b.nunchanged, 0);
	assert_int_equal(pw_batch_commit(f.s, &b, &o, &written), 0);
	pw_batch_release(&b);
	/* approved, then submitted again as it stands: nothing to do */
	o.state = PW_OBS_SUBMITTED;
	assert_int_equal(load(&f, &b, path, &o), 0);
	assert_int_equal(b.nunchanged, 2);
	pw_batch_release(&b);
	/* any field that differs is a new version: the note, the source (also
	 * the default --source of rows that give none), 预计, the value */
	write_file(path, "表,序号,指标名称,年份,数值,单位,来源,备注,预计\n"
			 "表2,2,常住人口城镇化率,2022,81.2,%,公报,核实,\n"
			 "表2,4,一般公共预算收入,2022,12.5,亿元,,初步,是\n"
			 "表2,2,常住人口城镇化率,2021,80.6,%,公报,,\n");
	assert_int_equal(load(&f, &b, path, &o), 0);
	assert_int_equal(b.nunchanged, 0);
	pw_batch_release(&b);
	/* a returned correction: the approved value stays in force, and the
	 * same approved value again is unchanged */
	assert_int_equal(pw_store_obs_transition(f.s, rec(&f, f.ind[1], 2022, 81.4,
							  PW_OBS_SUBMITTED),
						 PW_OBS_RETURNED, NULL, "r", NULL), 0);
	write_file(path, "表,序号,指标名称,年份,数值,单位,来源\n表2,2,常住人口城镇化率,2022,81.2,%,公报\n");
	assert_int_equal(load(&f, &b, path, &o), 0);
	assert_int_equal(b.nunchanged, 1);
	/* committed with other options than checked with: refused */
	other = o;
	other.state = PW_OBS_DRAFT;
	assert_int_equal(pw_batch_commit(f.s, &b, &other, &written), -1);
	error_has("checked for another state or source");
	pw_batch_release(&b);
	unlink(path);
	fx_close(&f);
}

/* A filled template returned as it was imports nothing new: the value in
 * force is pre-filled whole (value, 预计, source, note). */
static void test_template_reimport(void **state)
{
	struct pw_batch_opts o = { .by = "甲局", .state = PW_OBS_SUBMITTED };
	struct pw_template t;
	struct pw_batch b;
	struct fx f;
	char xlsx[300], csv[300];
	size_t written;
	long long rows;
	struct pw_obs_entry e = { .entity = PW_ENTITY_INDICATOR, .year = 2023, .value = 81.9,
				  .estimated = true, .unit = "%", .source = "统计公报",
				  .note = "快报数", .by = "甲局", .state = PW_OBS_SUBMITTED };

	(void)state;
	fx_open(&f);
	snprintf(xlsx, sizeof(xlsx), "%s.xlsx", testdb_path);
	snprintf(csv, sizeof(csv), "%s.csv", testdb_path);
	pw_store_unit_add(f.s, "甲局", NULL, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[1], "甲局", 0, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[4], "甲局", 0, "t", NULL);
	e.id = f.ind[1];
	assert_int_equal(pw_store_obs_record(f.s, &e, NULL), 0);
	assert_int_equal(pw_template_build(f.s, "甲局", 2023, &t), 0);
	assert_int_equal(t.nrows, 2);
	assert_true(t.rows[0].has_value && t.rows[0].value == 81.9 && t.rows[0].estimated);
	assert_string_equal(t.rows[0].source, "统计公报");
	assert_string_equal(t.rows[0].note, "快报数");
	assert_false(t.rows[1].has_value);
	assert_int_equal(pw_template_write_xlsx(&t, xlsx), 0);
	assert_int_equal(pw_template_write_csv(&t, csv), 0);
	pw_template_release(&t);
	rows = all_rows(f.s);
	/* both forms, as returned untouched: one row unchanged, one empty */
	assert_int_equal(load(&f, &b, xlsx, &o), 0);
	assert_true(b.nerrors == 0 && b.nunchanged == 1 && b.nskipped == 1);
	assert_int_equal(pw_batch_commit(f.s, &b, &o, &written), 0);
	assert_int_equal(written, 0);
	pw_batch_release(&b);
	assert_int_equal(load(&f, &b, csv, &o), 0);
	assert_true(b.nerrors == 0 && b.nunchanged == 1 && b.nskipped == 1);
	pw_batch_release(&b);
	assert_int_equal(all_rows(f.s), rows);
	unlink(xlsx);
	unlink(csv);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* Plans without a period, names, formulas, cut cells                 */

/* A fresh database with build_plan(extra_row); after edit(p) when given. */
static void fx_open_with(struct fx *f, const char *extra_row, void (*edit)(struct pw_plan *))
{
	struct pw_plan p;
	int id, version, changed;

	memset(f, 0, sizeof(*f));
	testdb_remove();
	assert_int_equal(pw_store_open(&f->s, testdb_path), 0);
	build_plan(&p, extra_row);
	if (edit)
		edit(&p);
	assert_int_equal(pw_store_import_plan(f->s, &p, "test", &id, &version, &changed), 0);
	pw_plan_free(&p);
	load_ids(f);
}

static void no_period(struct pw_plan *p)
{
	p->start = p->end = 0;
	p->tables[0].start = p->tables[0].end = 0;
}

/* No period anywhere, except a 表1 of the previous plan (2016-2020). */
static void no_period_but_table(struct pw_plan *p)
{
	struct pw_table *t;

	no_period(p);
	t = pw_plan_add_table(p);
	t->title = xstrdup("表1 上期指标");
	t->line = 300;
	t->start = 2016;
	t->end = 2020;
	target(row(t, "1", NULL, "上期指标", "%"), PW_KIND_LEVEL, PW_CMP_GE, 1, 2020, "1");
}

static void test_year_window(void **state)
{
	struct fx f;
	char m[256];

	(void)state;
	/* nothing known: 1950-2100 */
	fx_open_with(&f, NULL, no_period);
	assert_int_equal(check1(&f, input(f.ind[4], "2023", "12", NULL), m, sizeof(m)), 0);
	assert_int_equal(check1(&f, input(f.ind[4], "2101", "12", NULL), m, sizeof(m)), 1);
	assert_string_equal(m, "year 2101 outside 1950–2100 (the plan states no period)");
	assert_int_equal(check1(&f, input(f.ind[4], "1949", "12", NULL), m, sizeof(m)), 1);
	assert_int_equal(check1(&f, input(f.ind[4], "1950", "12", NULL), m, sizeof(m)), 0);
	/* prose targets too */
	in_target(&f, "2150", m, sizeof(m));
	assert_string_equal(m, "year 2150 outside 1950–2100 (the plan states no period)");
	fx_close(&f);
	/* the tables tell 2016-2020 (and 2015, the year before) */
	fx_open_with(&f, NULL, no_period_but_table);
	assert_int_equal(check1(&f, input(f.ind[4], "2023", "12", NULL), m, sizeof(m)), 1);
	assert_string_equal(m, "year 2023 outside 2016–2020, the years of the plan's tables (the "
			    "plan states no period)");
	assert_int_equal(check1(&f, input(f.ind[4], "2015", "12", NULL), m, sizeof(m)), 0);
	assert_int_equal(check1(&f, input(f.ind[4], "2014", "12", NULL), m, sizeof(m)), 1);
	/* the baseline year of an indicator is allowed even before: 2020 here
	 * is inside anyway; the table of its own with a period decides */
	assert_int_equal(check1(&f, input(f.ind[6], "2021", "1", NULL), m, sizeof(m)), 1);
	assert_string_equal(m, "year 2021 outside the plan period 2016–2020");
	in_target(&f, "2021", m, sizeof(m));
	assert_string_equal(m, "year 2021 outside 2016–2020, the years of the plan's tables (the "
			    "plan states no period)");
	fx_close(&f);
}

/* Names are compared by one normalisation, whether a row names its
 * indicator by id + 指标名称 or by 表/序号/指标名称: full-width forms and
 * blanks do not count. */
static void test_one_normalisation(void **state)
{
	struct pw_batch_input in;
	const char *why;
	int64_t id;
	struct fx f;
	char m[256];

	(void)state;
	fx_open_with(&f, "PM2.5 平均浓度", NULL);
	/* by name alone, full-width letters, digits, point and space */
	assert_int_equal(pw_store_find_indicator(f.s, 0, 2, NULL, "ＰＭ２．５　平均浓度", &id, &why), 0);
	assert_true(id == f.ind[6]);
	assert_int_equal(pw_store_find_indicator(f.s, 0, 0, NULL, "pm2.5平均浓度", &id, &why),
			 PW_STORE_NOTFOUND); /* case is not folded */
	/* by 序号, full-width, with a trailing 、 or . */
	assert_int_equal(pw_store_find_indicator(f.s, 0, 2, "６、", NULL, &id, &why), 0);
	assert_true(id == f.ind[6]);
	assert_int_equal(pw_store_find_indicator(f.s, 0, 2, "4.", NULL, &id, &why), 0);
	assert_true(id == f.ind[4]);
	/* group + name, full-width blank between */
	assert_int_equal(pw_store_find_indicator(f.s, 0, 2, "３", "城镇就业　城镇登记失业率", &id,
						 &why), 0);
	assert_true(id == f.ind[3]);
	assert_int_equal(pw_store_find_indicator(f.s, 0, 2, "3", NULL, &id, &why), PW_STORE_NOTFOUND);
	assert_string_equal(why, "it matches several rows (give both 序号 and 指标名称)");
	/* the id + name check says the same of the same spellings */
	in = input(f.ind[6], "2023", "35", NULL);
	in.name = "ＰＭ２．５　平均浓度";
	assert_int_equal(check1(&f, in, m, sizeof(m)), 0);
	in.name = "PM2.5平均浓度 ";
	assert_int_equal(check1(&f, in, m, sizeof(m)), 0);
	in.name = "PM25平均浓度";
	assert_int_equal(check1(&f, in, m, sizeof(m)), 1);
	assert_int_equal(pw_store_find_indicator(f.s, 0, 2, NULL, "PM25平均浓度", &id, &why),
			 PW_STORE_NOTFOUND);
	fx_close(&f);
}

/* Plan text that a spreadsheet would run: never a formula in what the
 * monitoring side writes. */
static void test_formula_guard(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "=1+2", "'=1+2" },
		{ "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0" },
		{ "-2+3", "'-2+3" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\tx", "\"'\tx\"" },
		{ "=HYPERLINK(\"http://x\",\"点\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\"" },
		{ "-", "'-" },
		{ "-3.2", "-3.2" }, /* plain numbers are numbers */
		{ "+7", "+7" },
		{ "80（2020年）", "80（2020年）" },
		{ "a=b", "a=b" },
	};
	struct pw_template t;
	struct pw_sheet sh;
	struct strbuf sb = STRBUF_INIT;
	struct pw_batch_opts o = { .by = "t", .state = PW_OBS_SUBMITTED };
	struct pw_batch b;
	struct fx f;
	char xlsx[300], csv[300];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sb_reset(&sb);
		pw_csv_field(&sb, cases[i].in);
		if (strcmp(sb.buf, cases[i].out))
			fail_msg("'%s' written as '%s', want '%s'", cases[i].in, sb.buf, cases[i].out);
		/* and read back as it was */
		assert_int_equal(pw_csv_from_bytes(&sh, "x.csv", sb.buf, sb.len), 0);
		assert_string_equal(pw_sheet_cell(&sh.rows[0], 0), cases[i].in);
		pw_sheet_release(&sh);
	}
	sb_release(&sb);
	/* a template whose indicator and unit names are formulas */
	fx_open_with(&f, "=HYPERLINK(\"http://x\",\"点此\")", NULL);
	snprintf(xlsx, sizeof(xlsx), "%s.xlsx", testdb_path);
	snprintf(csv, sizeof(csv), "%s.csv", testdb_path);
	pw_store_unit_add(f.s, "@SUM(1)", NULL, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[6], "@SUM(1)", 0, "t", NULL);
	assert_int_equal(pw_template_build(f.s, "@SUM(1)", 2023, &t), 0);
	assert_int_equal(pw_template_write_csv(&t, csv), 0);
	assert_int_equal(pw_template_write_xlsx(&t, xlsx), 0);
	pw_template_release(&t);
	/* the workbook holds them as strings (a formula cell would read as
	 * its cached value) */
	assert_int_equal(pw_xlsx_read(&sh, xlsx), 0);
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 0), "@SUM(1) 2023年规划指标监测数据填报表");
	assert_string_equal(pw_sheet_cell(&sh.rows[3], 4), "=HYPERLINK(\"http://x\",\"点此\")");
	pw_sheet_release(&sh);
	/* the CSV has the apostrophe, and imports back: the name matches */
	assert_int_equal(pw_sheet_read(&sh, csv), 0);
	assert_string_equal(pw_sheet_cell(&sh.rows[1], 4), "=HYPERLINK(\"http://x\",\"点此\")");
	pw_sheet_set(&sh.rows[1], 12, "36", 2);
	pw_batch_init(&b, csv);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	assert_int_equal(b.nerrors, 0);
	assert_int_equal(b.nrows, 1);
	pw_batch_release(&b);
	pw_sheet_release(&sh);
	unlink(xlsx);
	unlink(csv);
	fx_close(&f);
}

/* A text longer than an xlsx cell holds is cut with a mark and a warning;
 * a cut 指标名称 still matches on import. */
static void test_template_cut_cells(void **state)
{
	struct pw_batch_opts o = { .by = "t", .state = PW_OBS_SUBMITTED };
	struct strbuf name = STRBUF_INIT;
	struct pw_template t;
	struct pw_sheet sh;
	struct pw_batch b;
	struct fx f;
	char xlsx[300];
	const char *cell;
	size_t i, chars = 0;

	(void)state;
	for (i = 0; i < 40000; i++)
		sb_addstr(&name, "长");
	fx_open_with(&f, name.buf, NULL);
	snprintf(xlsx, sizeof(xlsx), "%s.xlsx", testdb_path);
	pw_store_unit_add(f.s, "甲局", NULL, "t", NULL);
	pw_store_assign(f.s, PW_ENTITY_INDICATOR, f.ind[6], "甲局", 0, "t", NULL);
	assert_int_equal(pw_template_build(f.s, "甲局", 2023, &t), 0);
	assert_int_equal(pw_template_write_xlsx(&t, xlsx), 0);
	pw_template_release(&t);
	assert_non_null(strstr(pw_last_error(), "row 4, 指标名称: a text longer than 32767 "
				"characters is cut"));
	assert_int_equal(pw_xlsx_read(&sh, xlsx), 0);
	cell = pw_sheet_cell(&sh.rows[3], 4);
	for (i = 0; cell[i]; i++)
		chars += ((unsigned char)cell[i] & 0xC0) != 0x80;
	assert_int_equal(chars, 32767);
	assert_non_null(strstr(cell, "长长…（已截断）"));
	assert_string_equal(cell + strlen(cell) - strlen(PW_BATCH_CUT_MARK), PW_BATCH_CUT_MARK);
	pw_sheet_set(&sh.rows[3], 12, "1.5", 3);
	pw_batch_init(&b, xlsx);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	if (b.nerrors)
		fail_msg("%.200s", b.diags[0].msg);
	assert_int_equal(b.nrows, 1);
	pw_batch_release(&b);
	pw_sheet_release(&sh);
	sb_release(&name);
	unlink(xlsx);
	fx_close(&f);
}

/* ------------------------------------------------------------------ */
/* A province's file: validation is linear                            */

#define BIG_TABLES 10
#define BIG_ROWS 834 /* x 10 tables x 6 years (2020-2025) = 50,040 values */

static void build_big_plan(struct pw_plan *p)
{
	struct pw_indicator *r;
	struct pw_table *t;
	char buf[64];
	int k, i;

	pw_plan_init(p);
	p->title = xstrdup("大省第十四个五年规划纲要");
	p->region = xstrdup("大省");
	p->ordinal = 14;
	p->start = 2021;
	p->end = 2025;
	p->source = xstrdup("big.txt");
	for (k = 0; k < BIG_TABLES; k++) {
		t = pw_plan_add_table(p);
		snprintf(buf, sizeof(buf), "表%d 第%d组指标", k + 1, k + 1);
		t->title = xstrdup(buf);
		t->line = 10 + k * (BIG_ROWS + 2);
		t->start = 2021;
		t->end = 2025;
		for (i = 0; i < BIG_ROWS; i++) {
			snprintf(buf, sizeof(buf), "%d", i + 1);
			r = pw_table_add_row(t);
			r->no = xstrdup(buf);
			snprintf(buf, sizeof(buf), "指标%d-%d", k + 1, i + 1);
			r->name = xstrdup(buf);
			r->unit = xstrdup("万元");
			r->attribute = PW_ATTR_EXPECTED;
			r->line = t->line + 1 + i;
			r->section = -1;
			baseline(r, 2020, 100 + i % 7);
			target(r, PW_KIND_LEVEL, PW_CMP_GE, 150, 2025, "150");
		}
	}
}

/* Every indicator x 2020..2025, in a CSV file: odd rows by id, even rows
 * by 表/序号/指标名称 (with full-width digits in the 序号, 亿元 in one
 * row in seven: converted). */
static void write_big_file(const char *path, const int64_t *ids)
{
	FILE *fp = fopen(path, "wb");
	int k, i, y, n = 0;

	assert_non_null(fp);
	fputs("indicator_id,表,序号,指标名称,年份,数值,单位\n", fp);
	for (k = 0; k < BIG_TABLES; k++)
		for (i = 0; i < BIG_ROWS; i++)
			for (y = 2020; y <= 2025; y++, n++) {
				double v = 100 + i % 7 + (y - 2020) * 2.5;

				if (n % 2)
					fprintf(fp, "%lld,,,指标%d-%d,", (long long)ids[k * BIG_ROWS + i],
						k + 1, i + 1);
				else if (i < 9) /* 序号 1-9 as full-width digits */
					fprintf(fp, ",表%d,\xef\xbc%c,指标%d-%d,", k + 1,
						(char)(0x91 + i), k + 1, i + 1);
				else
					fprintf(fp, ",表%d,%d,指标%d-%d,", k + 1, i + 1, k + 1, i + 1);
				if (n % 7)
					fprintf(fp, "%d,%.1f,万元\n", y, v);
				else
					fprintf(fp, "%d,%.6f,亿元\n", y, v / 1e4);
			}
	fclose(fp);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Not a speed target (bench/bench-import.sh measures that, on an idle
 * machine): a ceiling far above any load's effect that still catches the
 * quadratic duplicate check or a query per row coming back (minutes). */
#define BIG_VALIDATE_MAX_S 60.0

/* Validation of a province's 50,040 rows is linear: about a second (five
 * with sanitizers) on an idle machine, where the quadratic duplicate check
 * and a query per row took minutes.  Writing them all is bench/bench-import.sh's (the
 * sanitizer build would take 15 s); here the rows of 表1 are written, and
 * the same rows again are all unchanged. */
static void test_province_file(void **state)
{
	struct pw_batch_opts o = { .by = "统计局", .state = PW_OBS_SUBMITTED };
	struct pw_sheet sh;
	struct pw_batch b;
	struct pw_plan p;
	struct fx f;
	char path[300];
	int64_t *ids;
	size_t n, written, first = BIG_ROWS * 6 + 1; /* the header and 表1 */
	int id, version, changed;
	double t0, t1;

	(void)state;
	memset(&f, 0, sizeof(f));
	testdb_remove();
	assert_int_equal(pw_store_open(&f.s, testdb_path), 0);
	build_big_plan(&p);
	t0 = now_s();
	assert_int_equal(pw_store_import_plan(f.s, &p, "test", &id, &version, &changed), 0);
	print_message("plan of %d indicators imported in %.3f s\n", BIG_TABLES * BIG_ROWS,
		      now_s() - t0);
	pw_plan_free(&p);
	assert_int_equal(pw_store_plan_indicator_ids(f.s, id, 0, &ids, &n), 0);
	assert_int_equal(n, BIG_TABLES * BIG_ROWS);
	snprintf(path, sizeof(path), "%s.csv", testdb_path);
	write_big_file(path, ids);
	free(ids);
	assert_int_equal(pw_csv_read(&sh, path), 0);
	pw_batch_init(&b, path);
	t0 = now_s();
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	t1 = now_s();
	print_message("50,040 rows validated in %.3f s\n", t1 - t0);
	if (b.nerrors)
		fail_msg("%s", b.diags[0].msg);
	assert_int_equal(b.nrows, BIG_TABLES * BIG_ROWS * 6);
	assert_int_equal(b.nwarnings, 0);
	assert_true(t1 - t0 < BIG_VALIDATE_MAX_S);
	/* one row in seven came in 亿元 and is converted */
	assert_true(fabs(b.rows[0].value - 100) < 1e-9);
	assert_non_null(strstr(b.rows[0].note, "换算自 0.01 亿元"));
	pw_batch_release(&b);
	/* 表1 written, then the same again: unchanged, nothing written */
	sh.nrows = first;
	pw_batch_init(&b, path);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	assert_int_equal(pw_batch_commit(f.s, &b, &o, &written), 0);
	assert_int_equal(written, first - 1);
	pw_batch_release(&b);
	n = (size_t)testdb_query_int(f.s, "SELECT count(*) FROM observations");
	assert_int_equal(n, first - 1);
	pw_batch_init(&b, path);
	assert_int_equal(pw_batch_add_sheet(f.s, &b, &sh, &o), 0);
	assert_int_equal(b.nunchanged, first - 1);
	assert_int_equal(pw_batch_commit(f.s, &b, &o, &written), 0);
	assert_int_equal(written, 0);
	assert_int_equal(testdb_query_int(f.s, "SELECT count(*) FROM observations"), n);
	pw_batch_release(&b);
	sh.nrows = BIG_TABLES * BIG_ROWS * 6 + 1;
	pw_sheet_release(&sh);
	unlink(path);
	pw_store_close(f.s);
}

/* Listing columns are padded by display width: a CJK character takes two
 * columns, ASCII one, a combining mark none (worked out by hand). */
static void test_display_width(void **state)
{
	char line[64];

	(void)state;
	assert_int_equal(pw_utf8_width(""), 0);
	assert_int_equal(pw_utf8_width("X"), 1);
	assert_int_equal(pw_utf8_width("区统计局"), 8);     /* 4 wide, 12 bytes */
	assert_int_equal(pw_utf8_width("万人"), 4);
	assert_int_equal(pw_utf8_width("ＰＭ2.5"), 7);      /* 2 full-width + 3 */
	assert_int_equal(pw_utf8_width("e\xcc\x81"), 1);   /* e + U+0301 */
	assert_int_equal(pw_utf8_pad("X", 10), 10);
	assert_int_equal(pw_utf8_pad("区统计局", 10), 14); /* 12 bytes, 8 columns */
	/* padded, both end at column 10 */
	snprintf(line, sizeof(line), "%-*s|", pw_utf8_pad("区统计局", 10), "区统计局");
	assert_string_equal(line, "区统计局  |");
	snprintf(line, sizeof(line), "%*s|", pw_utf8_pad("十", 3), "十");
	assert_string_equal(line, " 十|");
	/* wider than the field: written as is */
	snprintf(line, sizeof(line), "%-*s|", pw_utf8_pad("国家统计局", 4), "国家统计局");
	assert_string_equal(line, "国家统计局|");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_display_width),
		cmocka_unit_test(test_assign_history),
		cmocka_unit_test(test_unit_assigned),
		cmocka_unit_test(test_chain_and_states),
		cmocka_unit_test(test_series_years_and_list),
		cmocka_unit_test(test_plan_series),
		cmocka_unit_test(test_versions_share_data),
		cmocka_unit_test(test_rejections),
		cmocka_unit_test(test_conversion_and_forms),
		cmocka_unit_test(test_unit_factors),
		cmocka_unit_test(test_strict_values),
		cmocka_unit_test(test_record_guards),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_batch_all_or_nothing),
		cmocka_unit_test(test_sheet_errors),
		cmocka_unit_test(test_external_targets),
		cmocka_unit_test(test_project_progress),
		cmocka_unit_test(test_fault_every_step),
		cmocka_unit_test(test_audit_json),
		cmocka_unit_test(test_template_roundtrip),
		cmocka_unit_test(test_responsibility_import),
		cmocka_unit_test(test_progress_review),
		cmocka_unit_test(test_year_window),
		cmocka_unit_test(test_one_normalisation),
		cmocka_unit_test(test_formula_guard),
		cmocka_unit_test(test_template_cut_cells),
		cmocka_unit_test(test_writes_join_caller),
		cmocka_unit_test(test_assign_import_joins_caller),
		cmocka_unit_test(test_unchanged_skipped),
		cmocka_unit_test(test_template_reimport),
		cmocka_unit_test(test_province_file),
	};

	return cmocka_run_group_tests(tests, setup, testdb_teardown);
}
