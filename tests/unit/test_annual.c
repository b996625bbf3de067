/*
 * test_annual.c - annual documents against the five-year plan: the
 * candidates a year's target may implement (model/annual.h), the path's
 * value for a year and the consistency rule (assess/annual.h), and the
 * kind and year read from an annual document's title (ingest/meta.c).
 */
#include "unit.h"
#include "testdb.h"
#include "testplan.h"
#include "assess/annual.h"
#include "model/annual.h"
#include "store/annual.h"
#include "store/store_internal.h" /* pw_store_inject_fault() */

#include <math.h>
#include <stdlib.h>

/* A 14th plan with a 2021-2025 table and the previous plan's table. */
static void build(struct pw_plan *p)
{
	struct pw_table *t1, *t2;
	struct pw_indicator *r;

	tp_plan(p, "某区第十四个五年规划纲要", "某区", 14, 2021, 2025);
	t1 = tp_table(p, "表1", 2016, 2020, 10, -1);
	r = tp_row(t1, "1", NULL, NULL, "城镇化率", "%"); /* 0: the old plan's */
	tp_target(r, PW_KIND_LEVEL, PW_CMP_EQ, 80, 2020, "80");
	t2 = tp_table(p, "表2", 2021, 2025, 20, -1);
	r = tp_row(t2, "1", NULL, NULL, "地区生产总值增长", "%"); /* 1 */
	tp_target(r, PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0, "7左右");
	r = tp_row(t2, "2", NULL, NULL, "城镇化率", "%"); /* 2 */
	tp_baseline(r, 2020, 80);
	tp_target(r, PW_KIND_LEVEL, PW_CMP_GE, 83, 2025, "≥83");
	r = tp_row(t2, "3", "城镇就业", NULL, "城镇新增就业人数", "万人"); /* 3 */
	tp_target(r, PW_KIND_CUMULATIVE, PW_CMP_EQ, 5, 0, "[5]");
	/* the table's 城镇化率 restated in the prose: not a second candidate */
	tp_prose(p, PW_CMP_GE, 83, 2025, "城镇化率超过83%", "城镇化率", "%");
	/* one measure stated twice in the prose: a person chooses */
	tp_prose(p, PW_CMP_GE, 30, 0, "高新技术产业增加值占比超过30%", "高新技术产业增加值占比", "%");
	tp_prose(p, PW_CMP_GE, 30, 2025, "高新技术产业增加值占比超过30%", "高新技术产业增加值占比", "%");
}

static struct pw_prose_target annual_target(enum pw_kind kind, enum pw_cmp cmp, double v,
					    const char *subject, const char *unit)
{
	struct pw_prose_target t = { 0 };

	t.t.kind = kind;
	t.t.cmp = cmp;
	t.t.has_value = true;
	t.t.value = v;
	t.subject = (char *)subject;
	t.unit = (char *)unit;
	return t;
}

static void test_candidates(void **state)
{
	struct pw_plan p;
	struct pw_link_cand *c;
	struct pw_prose_target at;
	size_t n;

	(void)state;
	build(&p);
	/* growth of the year -> the growth indicator, its change word aside */
	at = annual_target(PW_KIND_GROWTH, PW_CMP_APPROX, 6.5, "地区生产总值", "%");
	n = pw_annual_candidates(&p, 2023, &at, &c);
	assert_int_equal(n, 1);
	assert_false(c[0].prose);
	assert_int_equal(c[0].index, 1);
	free(c);
	/* a level: the 2021-2025 row, not 表1's, nor the prose restatement */
	at = annual_target(PW_KIND_LEVEL, PW_CMP_EQ, 81.5, "城镇化率", "%");
	n = pw_annual_candidates(&p, 2022, &at, &c);
	assert_int_equal(n, 1);
	assert_false(c[0].prose);
	assert_int_equal(c[0].index, 2);
	free(c);
	/* a part of the name, with the same unit: 城镇新增就业 -> 城镇新增就业人数 */
	at = annual_target(PW_KIND_CUMULATIVE, PW_CMP_GE, 1, "城镇新增就业", "万人");
	n = pw_annual_candidates(&p, 2022, &at, &c);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].index, 3);
	free(c);
	/* the same name in another unit is another measure */
	at = annual_target(PW_KIND_LEVEL, PW_CMP_GE, 1, "城镇新增就业", "人");
	assert_int_equal(pw_annual_candidates(&p, 2022, &at, &c), 0);
	assert_null(c);
	/* two prose targets: both listed, never one guessed */
	at = annual_target(PW_KIND_LEVEL, PW_CMP_EQ, 28, "高新技术产业增加值占比", "%");
	n = pw_annual_candidates(&p, 2022, &at, &c);
	assert_int_equal(n, 2);
	assert_true(c[0].prose && c[1].prose);
	assert_int_equal(c[0].index, 1);
	assert_int_equal(c[1].index, 2);
	free(c);
	/* 经济增长 is a general word 地区生产总值增长 stands for (the one table of
	 * model/measure.h, which relation targets read too) */
	at = annual_target(PW_KIND_GROWTH, PW_CMP_APPROX, 6, "经济增长", "%");
	n = pw_annual_candidates(&p, 2022, &at, &c);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].index, 1);
	free(c);
	/* nothing of the kind in the plan */
	at = annual_target(PW_KIND_GROWTH, PW_CMP_EQ, 5, "一般公共预算收入", "%");
	assert_int_equal(pw_annual_candidates(&p, 2022, &at, &c), 0);
	pw_plan_free(&p);
}

static void test_name_score(void **state)
{
	(void)state;
	assert_int_equal(pw_annual_name_score("地区生产总值增长", "地区生产总值"), PW_LINK_SAME);
	assert_int_equal(pw_annual_name_score("居民人均可支配收入增长率", "居民人均可支配收入"),
			 PW_LINK_SAME);
	assert_int_equal(pw_annual_name_score("城镇新增就业人数", "城镇新增就业"), PW_LINK_PART);
	/* a part shorter than three characters says nothing */
	assert_int_equal(pw_annual_name_score("城镇新增就业人数", "就业"), PW_LINK_NONE);
	assert_int_equal(pw_annual_name_score(NULL, "就业"), PW_LINK_NONE);
}

/* Judges annual target (kind, cmp, a) of `year` against row `row` of the
 * built plan, with the observations given. */
static void judge(struct pw_plan *p, size_t row, enum pw_kind kind, enum pw_cmp cmp, double a,
		  const char *unit, int year, const struct pw_obs *obs, size_t nobs,
		  struct pw_annual_result *r)
{
	struct pw_target at = { 0 };
	struct pw_annual_input in = { 0 };

	at.kind = kind;
	at.cmp = cmp;
	at.has_value = true;
	at.value = a;
	in.ind = pw_plan_indicator_at(p, row);
	in.start = 2021;
	in.end = 2025;
	in.obs.obs = obs;
	in.obs.n = nobs;
	in.at = &at;
	in.unit = unit;
	in.year = year;
	in.tol = 0.05;
	pw_annual_judge(&in, r);
}

static void test_path_and_consistency(void **state)
{
	static const struct pw_obs gdp[] = { { 2022, 5.9, false }, { 2023, 6.1, false } };
	static const struct pw_obs urb[] = { { 2022, 81.3, false } };
	static const struct pw_obs jobs[] = { { 2021, 1.05, false } };
	struct pw_annual_result r;
	struct pw_plan p;

	(void)state;
	build(&p);
	/* growth 7左右 a year: 6.5左右 is short (6.5 < 7 - 5% of 7 = 6.65), 6.7 is not */
	judge(&p, 1, PW_KIND_GROWTH, PW_CMP_APPROX, 6.5, "%", 2022, gdp, 2, &r);
	assert_true(r.has_path);
	assert_true(r.path == 7);
	assert_int_equal(r.term, PW_ANNUAL_RATE);
	assert_int_equal(r.fit, PW_FIT_SHORT);
	/* the year's own 5.9 misses 6.5左右 (floor 6.175) */
	assert_true(r.has_actual && r.actual == 5.9);
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	judge(&p, 1, PW_KIND_GROWTH, PW_CMP_APPROX, 6.7, "%", 2023, gdp, 2, &r);
	assert_int_equal(r.fit, PW_FIT_CONSISTENT);
	/* 2021 is not reported: what 2023 needs after it cannot be told */
	assert_false(r.has_needed);
	assert_int_equal(r.status, PW_STATUS_NOT_MET); /* 6.1 < 6.7 - 0.335 */
	/* a level: 80 + (83 - 80) * 2 / 5 = 81.2 in 2022 */
	judge(&p, 2, PW_KIND_LEVEL, PW_CMP_EQ, 81.5, "%", 2022, urb, 1, &r);
	assert_true(r.path == 81.2);
	assert_int_equal(r.fit, PW_FIT_CONSISTENT);
	assert_int_equal(r.status, PW_STATUS_NOT_MET); /* 81.3 < 81.5 */
	judge(&p, 2, PW_KIND_LEVEL, PW_CMP_EQ, 81.0, "%", 2022, urb, 1, &r);
	assert_int_equal(r.fit, PW_FIT_SHORT);
	assert_int_equal(r.status, PW_STATUS_MET);
	/* a five-year total of yearly amounts: 5 / 5 = 1 a year */
	judge(&p, 3, PW_KIND_CUMULATIVE, PW_CMP_GE, 1.1, "万人", 2021, jobs, 1, &r);
	assert_int_equal(r.term, PW_ANNUAL_AMOUNT);
	assert_true(r.path == 1);
	assert_int_equal(r.fit, PW_FIT_CONSISTENT);
	assert_int_equal(r.status, PW_STATUS_NOT_MET); /* 1.05 < 1.1 */
	/* after 1.05 in 2021, each of the four years left needs
	 * (5 - 1.05) / 4 = 0.9875 */
	judge(&p, 3, PW_KIND_CUMULATIVE, PW_CMP_GE, 1.1, "万人", 2022, jobs, 1, &r);
	assert_true(r.has_needed && r.needed == 0.99);
	/* no data for the year */
	judge(&p, 3, PW_KIND_CUMULATIVE, PW_CMP_GE, 1, "万人", 2023, jobs, 1, &r);
	assert_int_equal(r.status, PW_STATUS_NO_DATA);
	/* a year outside the plan has no path */
	judge(&p, 2, PW_KIND_LEVEL, PW_CMP_EQ, 84, "%", 2026, NULL, 0, &r);
	assert_false(r.has_path);
	assert_int_equal(r.fit, PW_FIT_UNKNOWN);
	pw_plan_free(&p);
}

/* A floor to reach by the end says nothing of a year without a baseline;
 * a ceiling is kept every year. */
static void test_no_baseline(void **state)
{
	struct pw_annual_result r;
	struct pw_plan p;
	struct pw_table *t;
	struct pw_indicator *ind;

	(void)state;
	tp_plan(&p, NULL, NULL, 14, 2021, 2025);
	t = tp_table(&p, "表", 2021, 2025, 1, -1);
	ind = tp_row(t, "1", NULL, NULL, "企业数", "家");
	tp_target(ind, PW_KIND_LEVEL, PW_CMP_GE, 10, 2025, "10以上");
	ind = tp_row(t, "2", NULL, NULL, "城镇登记失业率", "%");
	ind->direction = PW_DIR_DOWN;
	tp_target(ind, PW_KIND_LEVEL, PW_CMP_LE, 4.5, 2025, "4.5以下");
	judge(&p, 0, PW_KIND_LEVEL, PW_CMP_EQ, 8, "家", 2023, NULL, 0, &r);
	assert_false(r.has_path);
	assert_int_equal(r.fit, PW_FIT_UNKNOWN);
	judge(&p, 1, PW_KIND_LEVEL, PW_CMP_LE, 5, "%", 2023, NULL, 0, &r);
	assert_true(r.has_path && r.path == 4.5);
	assert_int_equal(r.fit, PW_FIT_SHORT); /* a ceiling of 5 lets more than 4.5 */
	judge(&p, 1, PW_KIND_LEVEL, PW_CMP_LE, 4.5, "%", 2023, NULL, 0, &r);
	assert_int_equal(r.fit, PW_FIT_CONSISTENT);
	pw_plan_free(&p);
}

/* The kind and year of a document from its title and opening lines. */
static void test_doc_kind(void **state)
{
	static const struct {
		const char *text;
		enum pw_doc_kind kind;
		int year;
	} cases[] = {
		{ "2024年某市政府工作报告\n\n各位代表：\n", PW_DOC_ANNUAL, 2024 },
		{ "政府工作报告\n\n——2023年1月10日在某县第十七届人民代表大会第二次会议上\n",
		  PW_DOC_ANNUAL, 2023 },
		{ "关于某县2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告\n",
		  PW_DOC_ANNUAL, 2023 },
		{ "某县2024年国民经济和社会发展计划\n", PW_DOC_ANNUAL, 2024 },
		{ "某县国民经济和社会发展第十四个五年规划纲要\n", PW_DOC_PLAN, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pw_doc d;
		struct pw_plan p;

		assert_int_equal(pw_doc_from_bytes(&d, "t.txt", cases[i].text, strlen(cases[i].text)), 0);
		pw_plan_init(&p);
		pw_read_meta(&d, &p);
		assert_int_equal(p.doc_kind, cases[i].kind);
		assert_int_equal(p.year, cases[i].year);
		pw_plan_free(&p);
		pw_doc_release(&d);
	}
}

/* Annual document text: a work report of 2023 for the built plan. */
static void annual_doc(struct pw_plan *a)
{
	struct pw_prose_target *t;

	tp_plan(a, "2023年某区政府工作报告", "某区", 0, 2023, 2023);
	a->doc_kind = PW_DOC_ANNUAL;
	a->year = 2023;
	a->checksum = xstrdup("00000000000000000000000000000000000000000000000000000000000000aa");
	t = tp_prose(a, PW_CMP_EQ, 81.8, 0, "城镇化率达到81.8%", "城镇化率", "%"); /* matched */
	(void)t;
	tp_prose(a, PW_CMP_EQ, 28, 0, "高新技术产业增加值占比达到28%", "高新技术产业增加值占比",
		 "%"); /* ambiguous */
	tp_prose(a, PW_CMP_GE, 85, 2025, "到2025年…超过85%", "城镇化率", "%"); /* another year */
	tp_prose(a, PW_CMP_EQ, 5, 0, "一般公共预算收入增长5%", "一般公共预算收入", "亿元"); /* none */
}

static int count(struct pw_store *s, const char *table)
{
	char sql[80];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return (int)testdb_query_int(s, sql);
}

/* The import of an annual document is one transaction: with any one of
 * its database steps failing it writes nothing at all, and once it
 * succeeds its links are there; a person's decision likewise. */
static void test_store_one_transaction(void **state)
{
	struct pw_plan p, a;
	struct pw_store *s;
	struct pw_annual_import r;
	struct pw_annual_target *v;
	size_t n;
	int id, version, changed, k, rc;

	(void)state;
	testdb_init("annual");
	testdb_remove();
	build(&p);
	annual_doc(&a);
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_import_plan(s, &p, "test", &id, &version, &changed), 0);
	pw_error_quiet(1);
	for (k = 1; k < 500; k++) {
		pw_store_inject_fault(s, k);
		rc = pw_store_import_annual(s, &a, id, "test", &r);
		if (rc == 0)
			break;
		assert_int_equal(count(s, "annual_docs"), 0);
		assert_int_equal(count(s, "annual_targets"), 0);
		assert_int_equal(count(s, "annual_links"), 0);
	}
	pw_store_inject_fault(s, 0);
	pw_error_quiet(0);
	assert_true(k > 1 && k < 500);
	assert_int_equal(r.changed, 1);
	assert_int_equal(r.ntargets, 3);
	assert_int_equal(r.nother, 1);
	assert_int_equal(r.nlinked, 1);
	assert_int_equal(r.nambiguous, 1);
	assert_int_equal(r.nunlinked, 1);
	assert_int_equal(count(s, "annual_links"), 4); /* 1 + 2 candidates + 1 none */
	/* the same text again writes nothing */
	assert_int_equal(pw_store_import_annual(s, &a, id, "test", &r), 0);
	assert_int_equal(r.changed, 0);
	assert_int_equal(count(s, "annual_targets"), 3);

	assert_int_equal(pw_store_annual_targets(s, id, 2023, &v, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[1].nlinks, 2);
	assert_int_equal(v[1].links[0].status, PW_LINK_AMBIGUOUS);
	assert_int_equal(v[1].links[1].entity, PW_ENTITY_TARGET);
	/* a decision that fails half-way leaves the two candidates */
	pw_error_quiet(1);
	for (k = 1; k < 100; k++) {
		pw_store_inject_fault(s, k);
		rc = pw_store_annual_link(s, v[1].id, PW_ENTITY_TARGET, v[1].links[1].ref, "test");
		if (rc == 0)
			break;
		assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM annual_links WHERE status"
						     " = 'ambiguous'"), 2);
	}
	pw_store_inject_fault(s, 0);
	/* an unknown annual target */
	assert_int_equal(pw_store_annual_link(s, 9999, PW_ENTITY_TARGET, v[1].links[1].ref, "t"),
			 PW_STORE_NOTFOUND);
	pw_error_quiet(0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM annual_links WHERE status"
					     " = 'ambiguous'"), 0);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM annual_links WHERE status"
					     " = 'confirmed'"), 1);
	pw_annual_targets_free(v, n);
	pw_store_close(s);
	pw_plan_free(&p);
	pw_plan_free(&a);
	testdb_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_candidates),
		cmocka_unit_test(test_name_score),
		cmocka_unit_test(test_path_and_consistency),
		cmocka_unit_test(test_no_baseline),
		cmocka_unit_test(test_doc_kind),
		cmocka_unit_test(test_store_one_transaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
