/*
 * test_store.c - the SQLite store: schema and migrations, importing a plan
 * built by hand and loading it back field by field, unchanged re-import,
 * new versions, ids, append-only tables, failure at every statement, and
 * a SIGKILL in the middle of an import.
 */
#include "unit.h"
#include "testplan.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "model/plan_json.h"
#include "store/monitor.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/alloc.h"
#include "util/error.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "util/nelem.h"

static int setup(void **state)
{
	(void)state;
	testdb_init("store");
	return 0;
}

static struct pw_store *open_fresh(void)
{
	struct pw_store *s;

	testdb_remove();
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_non_null(s);
	return s;
}

/* ------------------------------------------------------------------ */
/* A plan built by hand                                                */

static void build_table1(struct pw_plan *p)
{
	struct pw_table *t = tp_table(p, "表 1 “十三五”主要指标完成情况", 2016, 2020, 20, 1);
	struct pw_indicator *r;

	r = tp_row(t, "1", NULL, "经济发展", "居民人均可支配收入", "元");
	tp_baseline(r, 2015, 24045);
	tp_target(r, PW_KIND_LEVEL, PW_CMP_EQ, 35330, 2020, "35330");
	tp_target(r, PW_KIND_GROWTH, PW_CMP_APPROX, 8, 0, "8 左右");
	r->has_actual = true;
	r->actual_year = 2020;
	r->actual = 35152.5;
	r->actual_estimated = true;
	r->line = 24;
	r->section = 1;
	r = tp_row(t, "2", "城镇就业", "民生", "城镇登记失业率", "%");
	r->attribute = PW_ATTR_BINDING;
	r->direction = PW_DIR_DOWN;
	tp_target(r, PW_KIND_EXTERNAL, PW_CMP_NONE, 0, 0, "按市定目标执行");
	r->note = xstrdup("2019年数据");
	r->line = 25;
	r->section = 1;
}

static void build_table2(struct pw_plan *p)
{
	struct pw_table *t = tp_table(p, "表 2 “十四五”主要指标", 2021, 2025, 40, 2);
	struct pw_indicator *r;
	struct pw_target *g;

	r = tp_row(t, "3", NULL, NULL, "每千人口拥有3岁以下婴幼儿托位数", "个");
	r->attribute = PW_ATTR_NONE;
	r->has_baseline = true; /* a baseline without a year */
	r->baseline = -1.25;
	g = tp_target(r, PW_KIND_CUMULATIVE, PW_CMP_RANGE, 4.5, 2025, "〔4.5—5〕");
	g->has_value_hi = true;
	g->value_hi = 5;
	tp_target(r, PW_KIND_RELATION, PW_CMP_NONE, 0, 0, "与经济增长基本同步");
	r->line = 44;
	r->section = -1;
}

static void build_prose_and_columns(struct pw_plan *p)
{
	struct pw_prose_target *pt;
	struct pw_column *c;
	struct pw_item *it;

	pt = tp_prose(p, PW_CMP_GE, 10, 2025, "到2025年，全区高新技术企业超过10家", "高新技术企业",
		      "家");
	pt->line = 60;
	pt->section = 3;
	pt = pw_plan_add_target(p);
	pt->t.kind = PW_KIND_ANNUAL;
	pt->t.cmp = PW_CMP_RANGE;
	pt->t.has_value = pt->t.has_value_hi = true;
	pt->t.value = 1;
	pt->t.value_hi = 2;
	pt->t.text = xstrdup("每年至少新建1-2所学校");
	pt->unit = xstrdup("所");
	pt->line = 61;
	pt->section = -1;
	c = pw_plan_add_column(p);
	c->title = xstrdup("专栏1 生产性服务业提质工程");
	c->line = 70;
	c->section = 3;
	it = pw_column_add_item(c);
	it->no = 1;
	it->title = xstrdup("金融服务");
	it->text = xstrdup("金融服务。引进银行、保险机构");
	it->line = 71;
	c = pw_plan_add_column(p);
	c->title = xstrdup("专栏2 空的专栏");
	c->line = 80;
	c->section = -1;
}

/* A plan with every kind of field, absent values included. */
static void build_plan(struct pw_plan *p)
{
	tp_plan(p, "测试区国民经济和社会发展第十四个五年规划纲要", "测试区", 14, 2021, 2025);
	p->source = xstrdup("plan.txt");
	tp_section(p, PW_LEVEL_PART, "第一篇", "总体要求", 3, -1);
	tp_section(p, PW_LEVEL_CHAPTER, "第一章", "发展基础", 5, 0);
	tp_section(p, PW_LEVEL_SECTION, "第一节", "主要目标", 30, 1);
	tp_section(p, PW_LEVEL_SUBITEM, "（一）", NULL, 55, 2);
	tp_section(p, PW_LEVEL_ITEM, "一", "创新", 58, -1);
	build_table1(p);
	build_table2(p);
	build_prose_and_columns(p);
}

/* ------------------------------------------------------------------ */
/* Comparing plans field by field                                      */

static void str_eq(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void target_eq(const struct pw_target *a, const struct pw_target *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->cmp, b->cmp);
	assert_int_equal(a->has_value, b->has_value);
	assert_int_equal(a->has_value_hi, b->has_value_hi);
	if (a->has_value)
		assert_true(a->value == b->value);
	if (a->has_value_hi)
		assert_true(a->value_hi == b->value_hi);
	assert_int_equal(a->year, b->year);
	str_eq(a->text, b->text);
}

static void indicator_eq(const struct pw_indicator *a, const struct pw_indicator *b)
{
	size_t k;

	str_eq(a->no, b->no);
	str_eq(a->group, b->group);
	str_eq(a->category, b->category);
	str_eq(a->name, b->name);
	str_eq(a->unit, b->unit);
	str_eq(a->note, b->note);
	assert_int_equal(a->attribute, b->attribute);
	assert_int_equal(a->direction, b->direction);
	assert_int_equal(a->has_baseline, b->has_baseline);
	assert_int_equal(a->baseline_year, b->baseline_year);
	assert_true(!a->has_baseline || a->baseline == b->baseline);
	assert_int_equal(a->has_actual, b->has_actual);
	assert_int_equal(a->actual_year, b->actual_year);
	assert_true(!a->has_actual || a->actual == b->actual);
	assert_int_equal(a->actual_estimated, b->actual_estimated);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->section, b->section);
	assert_int_equal(a->ntargets, b->ntargets);
	for (k = 0; k < a->ntargets; k++)
		target_eq(&a->targets[k], &b->targets[k]);
}

static void tables_eq(const struct pw_plan *a, const struct pw_plan *b)
{
	size_t i, j;

	assert_int_equal(a->ntables, b->ntables);
	for (i = 0; i < a->ntables; i++) {
		str_eq(a->tables[i].title, b->tables[i].title);
		assert_int_equal(a->tables[i].line, b->tables[i].line);
		assert_int_equal(a->tables[i].start, b->tables[i].start);
		assert_int_equal(a->tables[i].end, b->tables[i].end);
		assert_int_equal(a->tables[i].section, b->tables[i].section);
		assert_int_equal(a->tables[i].nrows, b->tables[i].nrows);
		for (j = 0; j < a->tables[i].nrows; j++)
			indicator_eq(&a->tables[i].rows[j], &b->tables[i].rows[j]);
	}
}

static void outline_eq(const struct pw_plan *a, const struct pw_plan *b)
{
	size_t i;

	assert_int_equal(a->nsections, b->nsections);
	for (i = 0; i < a->nsections; i++) {
		assert_int_equal(a->sections[i].level, b->sections[i].level);
		str_eq(a->sections[i].number, b->sections[i].number);
		str_eq(a->sections[i].title, b->sections[i].title);
		assert_int_equal(a->sections[i].line, b->sections[i].line);
		assert_int_equal(a->sections[i].parent, b->sections[i].parent);
	}
}

static void prose_eq(const struct pw_plan *a, const struct pw_plan *b)
{
	size_t i;

	assert_int_equal(a->ntargets, b->ntargets);
	for (i = 0; i < a->ntargets; i++) {
		target_eq(&a->targets[i].t, &b->targets[i].t);
		str_eq(a->targets[i].subject, b->targets[i].subject);
		str_eq(a->targets[i].unit, b->targets[i].unit);
		assert_int_equal(a->targets[i].line, b->targets[i].line);
		assert_int_equal(a->targets[i].section, b->targets[i].section);
	}
}

static void columns_eq(const struct pw_plan *a, const struct pw_plan *b)
{
	size_t i, j;

	assert_int_equal(a->ncolumns, b->ncolumns);
	for (i = 0; i < a->ncolumns; i++) {
		const struct pw_column *x = &a->columns[i], *y = &b->columns[i];

		str_eq(x->title, y->title);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->section, y->section);
		assert_int_equal(x->nitems, y->nitems);
		for (j = 0; j < x->nitems; j++) {
			assert_int_equal(x->items[j].no, y->items[j].no);
			str_eq(x->items[j].title, y->items[j].title);
			str_eq(x->items[j].text, y->items[j].text);
			assert_int_equal(x->items[j].line, y->items[j].line);
		}
	}
}

static void json_eq(const struct pw_plan *a, const struct pw_plan *b)
{
	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;

	pw_plan_write_json(a, &sa, 1, true);
	pw_plan_write_json(b, &sb, 1, true);
	assert_string_equal(sa.buf, sb.buf);
	sb_release(&sa);
	sb_release(&sb);
}

/* Every field except the checksum (the store fills it when absent). */
static void plan_eq(const struct pw_plan *a, const struct pw_plan *b)
{
	str_eq(a->title, b->title);
	str_eq(a->region, b->region);
	str_eq(a->source, b->source);
	assert_int_equal(a->ordinal, b->ordinal);
	assert_int_equal(a->start, b->start);
	assert_int_equal(a->end, b->end);
	outline_eq(a, b);
	tables_eq(a, b);
	prose_eq(a, b);
	columns_eq(a, b);
	json_eq(a, b);
}

/* ------------------------------------------------------------------ */
/* Small SQL helpers for the checks                                    */

static int exec_sql(struct pw_store *s, const char *sql)
{
	return sqlite3_exec(pw_store_sqlite(s), sql, NULL, NULL, NULL);
}

/* Total rows in every table of the schema: a fingerprint of the state. */
static long long total_rows(struct pw_store *s)
{
	static const char *const tables[] = {
		"plans", "plan_versions", "sections", "indicator_tables", "indicators", "targets",
		"columns", "column_items", "audit_log", "observations", "units", "users",
	};
	char sql[128];
	long long n = 0;
	size_t i;

	for (i = 0; i < NELEM(tables); i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", tables[i]);
		n += testdb_query_int(s, sql) * (long long)(i + 1);
	}
	return n;
}

static void import_ok(struct pw_store *s, const struct pw_plan *p, int want_id, int want_version,
		      int want_changed)
{
	int id, version, changed;

	assert_int_equal(pw_store_import_plan(s, p, "tester", &id, &version, &changed), 0);
	assert_int_equal(id, want_id);
	assert_int_equal(version, want_version);
	assert_int_equal(changed, want_changed);
}

static void load_eq(struct pw_store *s, int id, int version, const struct pw_plan *want)
{
	struct pw_plan got;

	pw_plan_init(&got);
	assert_int_equal(pw_store_load_plan(s, id, version, &got), 0);
	plan_eq(want, &got);
	pw_plan_free(&got);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void test_open_creates_schema(void **state)
{
	struct pw_store *s = open_fresh();

	(void)state;
	assert_int_equal(pw_store_schema_version(s), pw_store_schema_latest());
	assert_true(pw_store_schema_latest() >= 2);
	assert_int_equal(testdb_query_int(s, "PRAGMA foreign_keys"), 1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM schema_migrations"),
			 pw_store_schema_latest());
	assert_int_equal(testdb_query_int(s, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	pw_store_close(s);
	/* opening again applies nothing */
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM schema_migrations"),
			 pw_store_schema_latest());
	pw_store_close(s);
}

/* The text checksum of s, in a static buffer. */
static const char *got_sum(const char *s)
{
	static char sum[65];

	pw_store_text_sha256_hex(s, strlen(s), sum);
	return sum;
}

static void test_roundtrip(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p, got;
	char sum[65];

	(void)state;
	build_plan(&p);
	import_ok(s, &p, 1, 1, 1);
	load_eq(s, 1, 0, &p);
	load_eq(s, 1, 1, &p);
	/* without a source checksum the content hash stands in for it */
	pw_plan_init(&got);
	assert_int_equal(pw_store_load_plan(s, 1, 0, &got), 0);
	assert_non_null(got.checksum);
	assert_int_equal(strlen(got.checksum), 64);
	pw_plan_free(&got);
	/* a source checksum is kept as given */
	pw_store_sha256_hex("abc", 3, sum);
	assert_string_equal(sum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* a text's checksum does not depend on its line ends */
	pw_store_sha256_hex("a\nb\n\nc", 6, sum);
	assert_string_equal(sum, got_sum("a\r\nb\r\n\r\nc\r\n"));
	assert_string_equal(sum, got_sum("a\rb\r\rc\r"));
	assert_string_equal(sum, got_sum("a\nb\r\rc\r\n"));
	assert_string_equal(sum, got_sum("a\nb\n\nc"));
	assert_string_not_equal(sum, got_sum("a\nb\nc\n"));
	pw_plan_free(&p);
	pw_store_close(s);
}

static void test_reimport_unchanged(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p;
	long long before;

	(void)state;
	build_plan(&p);
	import_ok(s, &p, 1, 1, 1);
	before = total_rows(s);
	import_ok(s, &p, 1, 1, 0);
	assert_int_equal(total_rows(s), before);
	/* the same document under another file name is still the same */
	free(p.source);
	p.source = xstrdup("/elsewhere/copy.txt");
	import_ok(s, &p, 1, 1, 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log"), 1);
	pw_plan_free(&p);
	pw_store_close(s);
}

static void test_edit_makes_new_version(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan v1, v2;
	struct pw_plan_info *infos;
	size_t n;

	(void)state;
	build_plan(&v1);
	build_plan(&v2);
	v2.tables[0].rows[0].targets[0].value = 36000;
	free(v2.columns[0].items[0].title);
	v2.columns[0].items[0].title = xstrdup("金融服务业");
	import_ok(s, &v1, 1, 1, 1);
	import_ok(s, &v2, 1, 2, 1);
	import_ok(s, &v2, 1, 2, 0);
	load_eq(s, 1, 1, &v1);
	load_eq(s, 1, 2, &v2);
	load_eq(s, 1, 0, &v2);
	assert_int_equal(pw_store_list_plans(s, &infos, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(infos[0].version, 2);
	assert_int_equal(infos[0].nversions, 2);
	assert_int_equal(infos[0].nindicators, 3);
	assert_int_equal(infos[0].ntargets, 2);
	assert_int_equal(infos[0].nitems, 1);
	assert_int_equal(infos[0].ntables, 2);
	assert_int_equal(infos[0].ncolumns, 2);
	assert_string_equal(infos[0].region, "测试区");
	assert_string_equal(infos[0].imported_by, "tester");
	pw_plan_info_free_array(infos, n);
	/* going back to the first text is a new version too */
	import_ok(s, &v1, 1, 3, 1);
	load_eq(s, 1, 0, &v1);
	pw_plan_free(&v1);
	pw_plan_free(&v2);
	pw_store_close(s);
}

static void test_identity(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p, q;

	(void)state;
	build_plan(&p);
	build_plan(&q);
	import_ok(s, &p, 1, 1, 1);
	/* another region: another plan */
	free(q.region);
	q.region = xstrdup("别的区");
	import_ok(s, &q, 2, 1, 1);
	/* no region or ordinal: the title identifies it */
	free(q.region);
	q.region = NULL;
	q.ordinal = 0;
	import_ok(s, &q, 3, 1, 1);
	q.tables[0].rows[0].line = 99;
	import_ok(s, &q, 3, 2, 1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM plans"), 3);
	pw_plan_free(&p);
	pw_plan_free(&q);
	pw_store_close(s);
}

static void test_not_found(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p, got;
	struct pw_plan_info in;
	int64_t *ids;
	size_t n;

	(void)state;
	build_plan(&p);
	import_ok(s, &p, 1, 1, 1);
	pw_plan_init(&got);
	assert_int_equal(pw_store_load_plan(s, 7, 0, &got), PW_STORE_NOTFOUND);
	assert_non_null(strstr(pw_last_error(), "no plan 7"));
	assert_int_equal(pw_store_load_plan(s, 1, 5, &got), PW_STORE_NOTFOUND);
	assert_non_null(strstr(pw_last_error(), "no version 5"));
	assert_int_equal(got.ntables, 0);
	assert_int_equal(pw_store_plan_info(s, 2, 0, &in), PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_plan_indicator_ids(s, 9, 0, &ids, &n), PW_STORE_NOTFOUND);
	assert_null(ids);
	pw_plan_free(&p);
	pw_store_close(s);
}

static void test_ids_follow_plan_order(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p, v2;
	int64_t *ind, *tg, *items, *itg, *ind2, cur;
	size_t n, ntg, nitems, nitg, n2;

	(void)state;
	build_plan(&p);
	import_ok(s, &p, 1, 1, 1);
	assert_int_equal(pw_store_plan_indicator_ids(s, 1, 0, &ind, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(pw_store_plan_target_ids(s, 1, 0, &tg, &ntg), 0);
	assert_int_equal(ntg, 2);
	assert_int_equal(pw_store_plan_item_ids(s, 1, 0, &items, &nitems), 0);
	assert_int_equal(nitems, 1);
	assert_int_equal(pw_store_plan_indicator_target_ids(s, 1, 0, &itg, &nitg), 0);
	assert_int_equal(nitg, 5);
	assert_true(ind[0] < ind[1] && ind[1] < ind[2]);
	/* the second indicator is 城镇登记失业率 */
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM indicators WHERE name = '城镇登记失业率'"
				      " AND direction = 'down' AND attribute = 'binding'"), 1);
	/* a new version: the same indicator is found again by its key */
	build_plan(&v2);
	v2.tables[1].rows[0].line = 45;
	import_ok(s, &v2, 1, 2, 1);
	assert_int_equal(pw_store_plan_indicator_ids(s, 1, 0, &ind2, &n2), 0);
	assert_int_equal(n2, 3);
	assert_int_equal(pw_store_current_id(s, "indicator", ind[1], &cur), 0);
	assert_true(cur == ind2[1]);
	assert_int_equal(pw_store_current_id(s, "target", tg[1], &cur), 0);
	assert_int_equal(pw_store_current_id(s, "item", items[0], &cur), 0);
	assert_int_equal(pw_store_current_id(s, "indicator", 999999, &cur), PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_current_id(s, "nonsense", 1, &cur), -1);
	free(ind);
	free(tg);
	free(items);
	free(itg);
	free(ind2);
	pw_plan_free(&p);
	pw_plan_free(&v2);
	pw_store_close(s);
}

static void test_invalid_plan_writes_nothing(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p;
	int id, version, changed;

	(void)state;
	build_plan(&p);
	p.targets[0].section = 42;
	assert_int_equal(pw_store_import_plan(s, &p, "t", &id, &version, &changed), -1);
	assert_non_null(strstr(pw_last_error(), "plan.txt"));
	p.targets[0].section = -1;
	p.sections[1].parent = 9;
	assert_int_equal(pw_store_import_plan(s, &p, "t", &id, &version, &changed), -1);
	p.sections[1].parent = 0;
	p.tables[0].rows[0].targets[0].kind = (enum pw_kind)17;
	assert_int_equal(pw_store_import_plan(s, &p, "t", &id, &version, &changed), -1);
	assert_int_equal(total_rows(s), 0);
	pw_plan_free(&p);
	pw_store_close(s);
}

/* A parent listed after its child is stored and read back. */
static void test_forward_parent(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p;

	(void)state;
	build_plan(&p);
	p.sections[0].parent = 4;
	import_ok(s, &p, 1, 1, 1);
	load_eq(s, 1, 0, &p);
	pw_plan_free(&p);
	pw_store_close(s);
}

/* Fail the 1st, 2nd, ... statement of an import: each failure leaves the
 * database exactly as it was, until the import gets through. */
static void test_fault_at_every_step(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan v1, v2;
	long long before;
	long nth;
	int id, version, changed, rc = -1;

	(void)state;
	build_plan(&v1);
	build_plan(&v2);
	v2.targets[0].t.value = 12;
	import_ok(s, &v1, 1, 1, 1);
	before = total_rows(s);
	pw_error_quiet(1);
	for (nth = 1; rc < 0 && nth < 1000; nth++) {
		pw_store_inject_fault(s, nth);
		rc = pw_store_import_plan(s, &v2, "t", &id, &version, &changed);
		pw_store_inject_fault(s, 0);
		if (rc < 0) {
			assert_int_equal(total_rows(s), before);
			assert_int_equal(id, 0);
			load_eq(s, 1, 0, &v1);
		}
	}
	pw_error_quiet(0);
	assert_int_equal(rc, 0);
	assert_true(nth > 10); /* the import has many steps, each was failed once */
	assert_int_equal(version, 2);
	load_eq(s, 1, 0, &v2);
	pw_plan_free(&v1);
	pw_plan_free(&v2);
	pw_store_close(s);
}

/* Inside a caller's transaction an import is a savepoint: a failed one
 * undoes only itself, and the caller's rollback undoes everything. */
static void test_import_inside_transaction(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan v1, v2;
	int id, version, changed;

	(void)state;
	build_plan(&v1);
	build_plan(&v2);
	v2.ordinal = 15;
	assert_int_equal(pw_store_begin(s), 0);
	import_ok(s, &v1, 1, 1, 1);
	pw_error_quiet(1);
	pw_store_inject_fault(s, 5);
	assert_int_equal(pw_store_import_plan(s, &v2, "t", &id, &version, &changed), -1);
	pw_store_inject_fault(s, 0);
	pw_error_quiet(0);
	assert_int_equal(pw_store_commit(s), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM plan_versions"), 1);
	load_eq(s, 1, 0, &v1);
	assert_int_equal(pw_store_begin(s), 0);
	import_ok(s, &v2, 2, 1, 1);
	pw_store_rollback(s);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM plans"), 1);
	pw_plan_free(&v1);
	pw_plan_free(&v2);
	pw_store_close(s);
}

static void test_append_only(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan p;
	int64_t *ind;
	size_t n;
	char sql[512];

	(void)state;
	build_plan(&p);
	import_ok(s, &p, 1, 1, 1);
	assert_int_equal(pw_store_plan_indicator_ids(s, 1, 0, &ind, &n), 0);
	snprintf(sql, sizeof(sql), "INSERT INTO observations (indicator_id, year, value, "
		 "entered_by) VALUES (%lld, 2021, 5.1, 'a')", (long long)ind[1]);
	assert_int_equal(exec_sql(s, sql), SQLITE_OK);
	assert_int_not_equal(exec_sql(s, "UPDATE observations SET value = 1"), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(pw_store_sqlite(s)), "append-only"));
	assert_int_not_equal(exec_sql(s, "DELETE FROM observations"), SQLITE_OK);
	/* a correction is a new row that supersedes the old one */
	snprintf(sql, sizeof(sql), "INSERT INTO observations (indicator_id, year, value, version, "
		 "entered_by, supersedes) VALUES (%lld, 2021, 4.9, 2, 'a', 1)", (long long)ind[1]);
	assert_int_equal(exec_sql(s, sql), SQLITE_OK);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM current_observations"), 1);
	assert_int_equal(testdb_query_int(s, "SELECT version FROM current_observations"), 2);
	/* ... of the same indicator and year, and only once */
	snprintf(sql, sizeof(sql), "INSERT INTO observations (indicator_id, year, value, "
		 "entered_by, supersedes) VALUES (%lld, 2022, 4.9, 'a', 2)", (long long)ind[1]);
	assert_int_not_equal(exec_sql(s, sql), SQLITE_OK);
	snprintf(sql, sizeof(sql), "INSERT INTO observations (indicator_id, year, value, "
		 "entered_by, supersedes) VALUES (%lld, 2021, 4.8, 'a', 1)", (long long)ind[1]);
	assert_int_not_equal(exec_sql(s, sql), SQLITE_OK);
	/* an observation refers to something that exists */
	assert_int_not_equal(exec_sql(s, "INSERT INTO observations (indicator_id, year, value, "
					 "entered_by) VALUES (999999, 2021, 1, 'a')"), SQLITE_OK);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log"), 1);
	assert_int_not_equal(exec_sql(s, "UPDATE audit_log SET actor = 'x'"), SQLITE_OK);
	assert_int_not_equal(exec_sql(s, "DELETE FROM audit_log"), SQLITE_OK);
	assert_int_equal(pw_store_audit(s, "bob", "record", "observation", 1, NULL,
					"{\"value\": 5.1}"), 0);
	assert_int_equal(pw_store_audit(s, "bob", "record", "observation", 1, NULL, "not json"), -1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log"), 2);
	free(ind);
	pw_plan_free(&p);
	pw_store_close(s);
}

static void test_roles_and_hashes_checked(void **state)
{
	struct pw_store *s = open_fresh();

	(void)state;
	assert_int_equal(exec_sql(s, "INSERT INTO units (name) VALUES ('区统计局')"), SQLITE_OK);
	assert_int_equal(exec_sql(s, "INSERT INTO users (name, role, unit_id, password_hash) "
				     "VALUES ('a', 'editor', 1, '$argon2id$v=19$m=65536')"), SQLITE_OK);
	assert_int_not_equal(exec_sql(s, "INSERT INTO users (name, role, password_hash) "
					 "VALUES ('b', 'god', '$argon2id$x')"), SQLITE_OK);
	assert_int_not_equal(exec_sql(s, "INSERT INTO users (name, role, password_hash) "
					 "VALUES ('c', 'viewer', 'plaintext')"), SQLITE_OK);
	/* an editor belongs to a unit */
	assert_int_not_equal(exec_sql(s, "INSERT INTO users (name, role, password_hash) "
					 "VALUES ('d', 'editor', '$argon2id$x')"), SQLITE_OK);
	pw_store_close(s);
}

static void test_newer_schema_refused(void **state)
{
	struct pw_store *s = open_fresh();

	(void)state;
	assert_int_equal(exec_sql(s, "PRAGMA user_version = 999"), SQLITE_OK);
	pw_store_close(s);
	pw_error_quiet(1);
	assert_int_equal(pw_store_open(&s, testdb_path), -1);
	pw_error_quiet(0);
	assert_null(s);
	assert_non_null(strstr(pw_last_error(), "newer than this planwatch"));
}

/* A database left at schema 1 by an older planwatch is upgraded in
 * place and keeps its rows. */
static void test_upgrade_keeps_data(void **state)
{
	struct pw_store *old = xcalloc(1, sizeof(*old)), *s;

	(void)state;
	testdb_remove();
	old->path = xstrdup(testdb_path);
	assert_int_equal(sqlite3_open(testdb_path, &old->db), SQLITE_OK);
	assert_int_equal(pw_store_migrate(old, 1), 0);
	assert_int_equal(pw_store_read_user_version(old), 1);
	assert_int_equal(exec_sql(old, "INSERT INTO plans (identity, title) VALUES ('x', '旧规划')"),
			 SQLITE_OK);
	assert_int_not_equal(exec_sql(old, "SELECT 1 FROM observations"), SQLITE_OK);
	pw_store_close(old);
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_schema_version(s), pw_store_schema_latest());
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM plans WHERE title = '旧规划'"), 1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM observations"), 0);
	pw_store_close(s);
}

/* Every column of every observation, as the view of step 5 shows it and
 * as the table of step 4 held it (one text, rows in id order). */
static char *obs_dump(struct pw_store *s)
{
	sqlite3_stmt *st;
	char *out;

	assert_int_equal(sqlite3_prepare_v2(pw_store_sqlite(s),
		"SELECT group_concat(quote(id) || ',' || quote(indicator_id) || ',' ||"
		" quote(target_id) || ',' || year || ',' || quote(value) || ',' || quote(unit) || ','"
		" || quote(source) || ',' || quote(note) || ',' || state || ',' || version || ',' ||"
		" entered_by || ',' || quote(user_id) || ',' || entered_at || ',' ||"
		" quote(supersedes) || ',' || estimated || ',' || quote(review_note), '|')"
		" FROM (SELECT * FROM observations ORDER BY id)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* Observations written at schema 4 (the table of step 2): a chain
 * draft -> submitted -> approved -> corrected (v2, submitted), a
 * returned value, NULL unit and source, notes, an estimate, a web
 * user; then a prose target's value.  Times with milliseconds. */
static const char v4_obs_sql[] =
	"INSERT INTO users (name, role, password_hash) VALUES ('web', 'planner', '$argon2id$x');"
	"INSERT INTO observations (indicator_id, year, value, unit, source, note, state, version,"
	" entered_by, user_id, entered_at, supersedes, estimated, review_note) VALUES"
	" (%1$lld, 2021, 80.5, '%%', '统计局', '初报', 'draft', 1, '张三', NULL,"
	"  '2022-03-01T08:00:00.123Z', NULL, 0, NULL),"
	" (%1$lld, 2021, 80.5, '%%', '统计局', '初报', 'submitted', 1, '张三', 1,"
	"  '2022-03-01T08:05:00.999Z', 1, 0, NULL),"
	" (%1$lld, 2021, 80.5, '%%', '统计局', '初报', 'approved', 1, '李四', NULL,"
	"  '2022-03-02T09:00:00.000Z', 2, 0, '同意'),"
	" (%1$lld, 2021, 80.7, '%%', '公报', NULL, 'submitted', 2, '张三', NULL,"
	"  '2022-04-01T23:59:59.001Z', 3, 1, NULL),"
	" (%2$lld, 2022, -3.25, NULL, NULL, NULL, 'submitted', 1, 'web', 1,"
	"  '2023-01-01T00:00:00.500Z', NULL, 0, NULL),"
	" (%2$lld, 2022, -3.25, NULL, NULL, NULL, 'returned', 1, '李四', NULL,"
	"  '2023-01-02T00:00:00.007Z', 5, 0, '与公报不符');";

static void v4_fill(struct pw_store *old, int64_t ind1, int64_t ind2, int64_t tgt)
{
	char sql[2048];

	snprintf(sql, sizeof(sql), v4_obs_sql, (long long)ind1, (long long)ind2);
	assert_int_equal(exec_sql(old, sql), SQLITE_OK);
	snprintf(sql, sizeof(sql), "INSERT INTO observations (target_id, year, value, unit, source,"
		 " state, entered_by, entered_at) VALUES (%lld, 2021, 12, '万人', '人社局',"
		 " 'approved', '王五', '2022-05-05T05:05:05.050Z')", (long long)tgt);
	assert_int_equal(exec_sql(old, sql), SQLITE_OK);
	assert_int_equal(pw_store_audit(old, "张三", "observation.record", "observation", 1, NULL,
					"{\"id\":1,\"value\":80.5}"), 0);
}

/* The plan columns added after schema step 5 (step 6: measures). */
#define LATER_COLUMNS(verb, type)                                              \
	"ALTER TABLE indicators " verb " COLUMN measure" type ";"               \
	"ALTER TABLE targets " verb " COLUMN measure" type ";"
/* ... and the table of step 9 (the links of prose targets) */
#define LATER_TABLES_ADD                                                       \
	"CREATE TABLE target_links (id INTEGER PRIMARY KEY, target_id, indicator_id," \
	" origin, set_by, set_at, note);"
#define LATER_TABLES_DROP "DROP TABLE target_links;"

/* A database at schema 4 with observation chains and audit rows is
 * upgraded to the compact layout (step 5) with every value, state, who,
 * when and chain link intact, and the chains go on from there. */
static void test_upgrade_compact_observations(void **state)
{
	struct pw_store *old = xcalloc(1, sizeof(*old)), *s;
	struct pw_obs_row *rows;
	struct pw_obs *ser;
	struct pw_plan p;
	int64_t *ind, *tgt, id;
	size_t n, nt;
	char *before, *after;
	struct pw_obs_entry e = { .entity = PW_ENTITY_INDICATOR, .year = 2021, .value = 80.6,
				  .unit = "%", .by = "赵六", .state = PW_OBS_SUBMITTED };

	(void)state;
	testdb_remove();
	old->path = xstrdup(testdb_path);
	assert_int_equal(sqlite3_open(testdb_path, &old->db), SQLITE_OK);
	assert_int_equal(exec_sql(old, "PRAGMA foreign_keys = ON"), SQLITE_OK);
	assert_int_equal(pw_store_migrate(old, 4), 0);
	build_plan(&p);
	/* today's import writes the columns of later steps: they are there
	 * for it, and gone again, as in a database of schema 4 */
	assert_int_equal(exec_sql(old, LATER_COLUMNS("ADD", " INTEGER NOT NULL DEFAULT 0")
				  LATER_TABLES_ADD), SQLITE_OK);
	import_ok(old, &p, 1, 1, 1);
	assert_int_equal(exec_sql(old, LATER_COLUMNS("DROP", "") LATER_TABLES_DROP), SQLITE_OK);
	assert_int_equal(pw_store_plan_indicator_ids(old, 1, 0, &ind, &n), 0);
	assert_int_equal(pw_store_plan_target_ids(old, 1, 0, &tgt, &nt), 0);
	assert_true(n >= 2 && nt >= 1);
	v4_fill(old, ind[0], ind[1], tgt[0]);
	before = obs_dump(old);
	assert_int_equal(testdb_query_int(old, "SELECT count(*) FROM audit_log"), 2);
	pw_store_close(old);

	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_schema_version(s), pw_store_schema_latest());
	after = obs_dump(s);
	/* the view shows every column exactly as the table held it */
	assert_string_equal(after, before);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM obs"), 7);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log WHERE after_json ="
				      " '{\"id\":1,\"value\":80.5}'"), 1);
	/* through the store: the rows, their chain links and heads */
	assert_int_equal(pw_store_obs_list(s, PW_ENTITY_INDICATOR, ind[0], true, &rows, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rows[0].state, PW_OBS_DRAFT);
	assert_string_equal(rows[0].entered_at, "2022-03-01T08:00:00.123Z");
	assert_string_equal(rows[1].entered_at, "2022-03-01T08:05:00.999Z");
	assert_int_equal(rows[1].supersedes, 1);
	assert_string_equal(rows[2].entered_by, "李四");
	assert_string_equal(rows[2].review_note, "同意");
	assert_int_equal(rows[2].state, PW_OBS_APPROVED);
	assert_true(rows[3].current && !rows[2].current && rows[3].estimated);
	assert_int_equal(rows[3].version, 2);
	assert_string_equal(rows[3].source, "公报");
	assert_null(rows[3].note);
	assert_true(rows[3].value == 80.7);
	pw_obs_row_free_array(rows, n);
	/* the approved value stands while the correction awaits review */
	assert_int_equal(pw_store_obs_series(s, PW_ENTITY_INDICATOR, ind[0], 0, PW_PICK_APPROVED,
					     &ser, &n), 0);
	assert_int_equal(n, 1);
	assert_true(ser[0].value == 80.5 && ser[0].year == 2021);
	free(ser);
	assert_int_equal(pw_store_obs_series(s, PW_ENTITY_INDICATOR, ind[1], 0, PW_PICK_LATEST,
					     &ser, &n), 0);
	assert_int_equal(n, 0); /* returned, nothing approved */
	free(ser);
	assert_int_equal(pw_store_obs_series(s, PW_ENTITY_TARGET, tgt[0], 0, PW_PICK_APPROVED,
					     &ser, &n), 0);
	assert_int_equal(n, 1);
	assert_true(ser[0].value == 12);
	free(ser);
	/* the chain goes on: a correction supersedes the head with version 3 */
	e.id = ind[0];
	assert_int_equal(pw_store_obs_record(s, &e, &id), 0);
	assert_int_equal(id, 8);
	assert_int_equal(testdb_query_int(s, "SELECT supersedes * 10 + version FROM observations"
				      " WHERE id = 8"), 43);
	assert_int_equal(pw_store_obs_transition(s, 8, PW_OBS_APPROVED, NULL, "李四", &id), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM current_observations"), 3);
	/* still append-only, old rows and new */
	assert_int_not_equal(exec_sql(s, "UPDATE obs SET value = 1"), SQLITE_OK);
	assert_int_not_equal(exec_sql(s, "DELETE FROM obs"), SQLITE_OK);
	assert_int_not_equal(exec_sql(s, "UPDATE obs_texts SET text = 'x'"), SQLITE_OK);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM pragma_integrity_check"
				      " WHERE integrity_check <> 'ok'"), 0);
	free(before);
	free(after);
	free(ind);
	free(tgt);
	pw_plan_free(&p);
	pw_store_close(s);
}

/* A plan big enough that importing it takes a while. */
static void build_big_plan(struct pw_plan *p, int ntables, int nrows)
{
	char name[64];
	int i, j;

	pw_plan_init(p);
	p->region = xstrdup("大区");
	p->ordinal = 15;
	p->source = xstrdup("big.txt");
	for (i = 0; i < ntables; i++) {
		struct pw_table *t = pw_plan_add_table(p);

		t->title = xstrdup("表");
		t->line = i + 1;
		for (j = 0; j < nrows; j++) {
			struct pw_indicator *r;

			snprintf(name, sizeof(name), "指标%d-%d", i, j);
			r = tp_row(t, "1", NULL, "类别", name, "%");
			r->line = j + 1;
			tp_target(r, PW_KIND_LEVEL, PW_CMP_GE, j, 2030, "一个相当长的目标文本，用来让导入写更多页");
			tp_target(r, PW_KIND_GROWTH, PW_CMP_APPROX, 6.5, 0, "6.5左右");
		}
	}
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : 0;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void child_import(const struct pw_plan *big)
{
	struct pw_store *s;
	int id, version, changed;

	if (pw_store_open(&s, testdb_path) < 0)
		_exit(3);
	if (pw_store_import_plan(s, big, "child", &id, &version, &changed) < 0)
		_exit(4);
	pw_store_close(s);
	_exit(0);
}

/* Kills a process importing big into testdb_path after `delay` seconds or,
 * when wal_bytes > 0, once the WAL holds that many bytes (in the middle of
 * writing the commit).  Returns 1 if it was killed before finishing. */
static int kill_midway(const struct pw_plan *big, double delay, long wal_bytes)
{
	char wal[300];
	struct timespec pause = { 0, 200000 };
	double start = now();
	int status;
	pid_t pid, done = 0;

	snprintf(wal, sizeof(wal), "%s-wal", testdb_path);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child_import(big);
	while ((wal_bytes ? file_size(wal) < wal_bytes : now() - start < delay) &&
	       (done = waitpid(pid, &status, WNOHANG)) == 0)
		nanosleep(&pause, NULL);
	if (done != pid) {
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
	}
	return WIFSIGNALED(status);
}

/* After a kill: the database is sound, the plan imported before is intact,
 * and the killed import is either absent or whole. */
static void check_after_kill(const struct pw_plan *small, long long big_rows)
{
	struct pw_store *s;
	long long plans;

	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM pragma_integrity_check "
				      "WHERE integrity_check <> 'ok'"), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	load_eq(s, 1, 0, small);
	plans = testdb_query_int(s, "SELECT count(*) FROM plans");
	assert_true(plans == 1 || plans == 2);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM indicators"),
			 3 + (plans == 2 ? big_rows : 0));
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM targets"),
			 7 + (plans == 2 ? 2 * big_rows : 0));
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log"), plans);
	if (plans == 2) /* a finished import: remove it for the next round */
		assert_int_equal(exec_sql(s, "DROP TRIGGER IF EXISTS audit_log_no_delete;"
					     "DELETE FROM targets WHERE version_id = 2;"
					     "DELETE FROM indicators WHERE version_id = 2;"
					     "DELETE FROM indicator_tables WHERE version_id = 2;"
					     "DELETE FROM plan_versions WHERE id = 2;"
					     "DELETE FROM plans WHERE id = 2;"
					     "DELETE FROM audit_log WHERE id = 2;"), SQLITE_OK);
	pw_store_close(s);
}

/* A database at schema 10 (with 专栏 progress in every review state, a
 * value and an audit row) is upgraded to 11: every row kept, the
 * progress reports awaiting review or returned in progress_pending, no
 * limits and the default deadline, and the queue goes on from there. */
static void test_upgrade_10_to_11(void **state)
{
	static const char progress_sql[] =
		/* item 1: 2021 submitted -> approved; 2022 submitted (pending);
		 * 2023 submitted -> returned (pending); item 1 2024 a draft */
		"INSERT INTO project_progress (id, item_id, year, status, state, entered_by,"
		" supersedes) VALUES (1, %1$lld, 2021, 'in_progress', 'submitted', '甲', NULL),"
		" (2, %1$lld, 2021, 'in_progress', 'approved', '乙', 1),"
		" (3, %1$lld, 2022, 'completed', 'submitted', '甲', NULL),"
		" (4, %1$lld, 2023, 'delayed', 'submitted', '甲', NULL),"
		" (5, %1$lld, 2023, 'delayed', 'returned', '乙', 4),"
		" (6, %1$lld, 2024, 'not_started', 'draft', '甲', NULL);";
	struct pw_store *old = xcalloc(1, sizeof(*old)), *s;
	struct pw_obs_entry e = { .entity = PW_ENTITY_INDICATOR, .year = 2021, .value = 80.6,
				  .by = "赵六", .state = PW_OBS_SUBMITTED };
	struct pw_progress_row *rows;
	struct pw_limits l;
	struct pw_plan p;
	int64_t *ind, *prj, id;
	size_t n, np;
	char sql[1024], due[PW_DUE_SIZE];
	bool set;

	(void)state;
	testdb_remove();
	old->path = xstrdup(testdb_path);
	assert_int_equal(sqlite3_open(testdb_path, &old->db), SQLITE_OK);
	assert_int_equal(exec_sql(old, "PRAGMA foreign_keys = ON"), SQLITE_OK);
	assert_int_equal(pw_store_migrate(old, 10), 0);
	assert_int_equal(pw_store_read_user_version(old), 10);
	build_plan(&p);
	import_ok(old, &p, 1, 1, 1);
	pw_plan_free(&p);
	assert_int_equal(pw_store_plan_indicator_ids(old, 1, 0, &ind, &n), 0);
	assert_int_equal(pw_store_plan_item_ids(old, 1, 0, &prj, &np), 0);
	assert_true(n >= 1 && np >= 1);
	snprintf(sql, sizeof(sql), progress_sql, (long long)prj[0]);
	assert_int_equal(exec_sql(old, sql), SQLITE_OK);
	e.id = ind[0];
	assert_int_equal(pw_store_obs_record(old, &e, &id), 0);
	assert_int_equal(exec_sql(old, "SELECT 1 FROM value_limits"), SQLITE_ERROR);
	pw_store_close(old);

	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_schema_version(s), 11);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM project_progress"), 6);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM obs"), 1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM obs_pending"), 1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log WHERE entity ="
				      " 'observation'"), 1);
	/* the pending reports: 2022's submission and 2023's return, no more */
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM progress_pending"), 2);
	assert_int_equal(testdb_query_int(s, "SELECT min(id) * 10 + max(id) FROM progress_pending"),
			 35);
	assert_int_equal(pw_store_progress_queue(s, 0, SIZE_MAX, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, 5);
	assert_int_equal(rows[0].state, PW_OBS_RETURNED);
	assert_int_equal(rows[1].id, 3);
	assert_string_equal(rows[1].status, "completed");
	pw_progress_row_free_array(rows, n);
	/* nothing set yet: no limits, the default deadline */
	assert_int_equal(pw_store_limits_get(s, PW_ENTITY_INDICATOR, ind[0], &l), 0);
	assert_false(l.has_min || l.has_max);
	assert_int_equal(pw_store_deadline(s, 1, 2022, NULL, due, &set), 0);
	assert_string_equal(due, "2023-03-31");
	assert_false(set);
	/* and the queue goes on: approving 3 takes it off */
	assert_int_equal(pw_store_progress_transition(s, 3, PW_OBS_APPROVED, NULL, "乙", &id), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM progress_pending"), 1);
	free(ind);
	free(prj);
	pw_store_close(s);
}

static double time_import(const struct pw_plan *big)
{
	struct pw_store *s = open_fresh();
	int id, version, changed;
	double t = now();

	assert_int_equal(pw_store_import_plan(s, big, "t", &id, &version, &changed), 0);
	t = now() - t;
	pw_store_close(s);
	return t;
}

static void test_sigkill_mid_import(void **state)
{
	static const double fractions[] = { 0.1, 0.4, 0.7 };
	struct pw_store *s;
	struct pw_plan small, big;
	double full;
	size_t i;
	int killed = 0;

	(void)state;
	build_big_plan(&big, 6, 1000);
	full = time_import(&big);
	s = open_fresh();
	build_plan(&small);
	import_ok(s, &small, 1, 1, 1);
	pw_store_close(s);
	for (i = 0; i < NELEM(fractions); i++) {
		killed += kill_midway(&big, fractions[i] * full, 0);
		check_after_kill(&small, 6000);
	}
	/* while the commit's pages go to the WAL */
	killed += kill_midway(&big, 0, 256 << 10);
	check_after_kill(&small, 6000);
	assert_true(killed >= 2); /* most kills land mid-import */
	pw_plan_free(&small);
	pw_plan_free(&big);
}

static void test_import_is_fast(void **state)
{
	struct pw_store *s = open_fresh();
	struct pw_plan big;
	struct timespec a, b;
	int id, version, changed;
	double ms;

	(void)state;
	build_big_plan(&big, 2, 50); /* twice the size of a district plan's tables */
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(pw_store_import_plan(s, &big, "t", &id, &version, &changed), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	assert_true(ms < 500); /* milliseconds in practice; generous for sanitizers */
	pw_plan_free(&big);
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_creates_schema),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_reimport_unchanged),
		cmocka_unit_test(test_edit_makes_new_version),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_ids_follow_plan_order),
		cmocka_unit_test(test_invalid_plan_writes_nothing),
		cmocka_unit_test(test_forward_parent),
		cmocka_unit_test(test_fault_at_every_step),
		cmocka_unit_test(test_import_inside_transaction),
		cmocka_unit_test(test_append_only),
		cmocka_unit_test(test_roles_and_hashes_checked),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_upgrade_keeps_data),
		cmocka_unit_test(test_upgrade_compact_observations),
		cmocka_unit_test(test_upgrade_10_to_11),
		cmocka_unit_test(test_sigkill_mid_import),
		cmocka_unit_test(test_import_is_fast),
	};

	return cmocka_run_group_tests_name("store", tests, setup, testdb_teardown);
}
