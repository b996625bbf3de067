/*
 * test_limits.c - what the planning office sets for monitoring (schema
 * step 11): the one check of a value against the limits
 * (pw_batch_limits_check), the limits in the store (set, newest counts,
 * audited, refused writes leave nothing, followed into the plan's next
 * version), a batch refusing a value outside them after unit conversion,
 * and the reporting deadline with its default rule.
 */
#include "unit.h"
#include "testdb.h"

#include "ingest/ingest.h"
#include "monitor/batch.h"
#include "store/monitor.h"
#include "text/doc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <math.h>
#include <string.h>

static const char doc[] =
	"湛河区国民经济和社会发展第十四个五年规划纲要\n\n"
	"第一章 目标\n\n"
	"表1 主要指标\n"
	"序号\t指标名称\t2020年\t2025年\t属性\n"
	"1\t地区生产总值（亿元）\t221.29\t≥300\t预期性\n"
	"2\t常住人口城镇化率（%）\t80\t≥83\t预期性\n\n"
	"到2025年，全区高新技术企业超过10家。\n";

/* Stores text as a plan (a new version when the plan is there). */
static void import_text(struct pw_store *s, const char *text)
{
	struct pw_doc d;
	struct pw_plan p;
	int id, version, changed;

	assert_int_equal(pw_doc_from_bytes(&d, "plan.txt", text, strlen(text)), 0);
	pw_plan_init(&p);
	assert_int_equal(pw_ingest_doc(&d, &p), 0);
	assert_int_equal(pw_store_import_plan(s, &p, "test", &id, &version, &changed), 0);
	pw_plan_free(&p);
	pw_doc_release(&d);
}

static struct pw_store *open_plan(void)
{
	struct pw_store *s;

	testdb_init("limits");
	testdb_remove();
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	import_text(s, doc);
	return s;
}

/* The id of indicator `name` of version `version`. */
static int64_t indicator(struct pw_store *s, const char *name, int version)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT i.id FROM indicators i JOIN plan_versions v"
		 " ON v.id = i.version_id WHERE i.name = '%s' AND v.version = %d", name, version);
	return testdb_query_int(s, sql);
}

static void test_check(void **state)
{
	struct pw_limits both = { .has_min = true, .has_max = true, .min = 0, .max = 100 };
	struct pw_limits lo = { .has_min = true, .min = -5 }, hi = { .has_max = true, .max = 4.5 };
	struct pw_limits none = { 0 };
	struct strbuf why = STRBUF_INIT;

	(void)state;
	assert_int_equal(pw_batch_limits_check(&both, 50, "%", &why), 0);
	assert_string_equal(why.buf, "0–100 %");
	assert_int_equal(pw_batch_limits_check(&both, 0, "%", &why), 0);   /* bounds inside */
	assert_int_equal(pw_batch_limits_check(&both, 100, "%", &why), 0);
	assert_int_equal(pw_batch_limits_check(&both, 100.0001, "%", &why), 1);
	assert_int_equal(pw_batch_limits_check(&both, -0.1, NULL, &why), 1);
	assert_string_equal(why.buf, "0–100");
	assert_int_equal(pw_batch_limits_check(&lo, -5, "万人", &why), 0);
	assert_int_equal(pw_batch_limits_check(&lo, -6, "万人", &why), 1);
	assert_string_equal(why.buf, "≥ -5 万人");
	assert_int_equal(pw_batch_limits_check(&lo, 1e300, "万人", &why), 0);
	assert_int_equal(pw_batch_limits_check(&hi, 4.6, "", &why), 1);
	assert_string_equal(why.buf, "≤ 4.5");
	assert_int_equal(pw_batch_limits_check(&hi, -1e300, "", &why), 0);
	assert_int_equal(pw_batch_limits_check(&none, 1e300, "%", &why), 0);
	assert_string_equal(why.buf, "");
	sb_release(&why);
}

static void test_store_limits(void **state)
{
	struct pw_store *s = open_plan();
	int64_t gdp = indicator(s, "地区生产总值", 1), tgt, table_tgt, gdp2;
	struct pw_limits l = { .has_min = true, .has_max = true, .min = 100, .max = 1000,
			       .note = "亿元" }, got;
	struct pw_limits bad = { .has_min = true, .has_max = true, .min = 5, .max = 1 };
	struct pw_limits nan = { .has_min = true, .min = NAN };
	struct pw_limits clear = { 0 };

	(void)state;
	tgt = testdb_query_int(s, "SELECT id FROM targets WHERE indicator_id IS NULL");
	table_tgt = testdb_query_int(s, "SELECT id FROM targets WHERE indicator_id IS NOT NULL"
				     " LIMIT 1");
	assert_true(gdp > 0 && tgt > 0 && table_tgt > 0);
	assert_int_equal(pw_store_limits_get(s, PW_ENTITY_INDICATOR, gdp, &got), 0);
	assert_false(got.has_min || got.has_max);
	assert_null(got.note);

	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_INDICATOR, gdp, &l, "规划科"), 0);
	assert_int_equal(pw_store_limits_get(s, PW_ENTITY_INDICATOR, gdp, &got), 0);
	assert_true(got.has_min && got.has_max && got.min == 100 && got.max == 1000);
	assert_string_equal(got.note, "亿元");
	pw_limits_release(&got);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log WHERE action ="
				      " 'limits.set' AND actor = '规划科' AND json_extract(after_json,"
				      " '$.max') = 1000"), 1);

	/* refused: nothing written */
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_INDICATOR, gdp, &bad, "x"), -1);
	assert_non_null(strstr(pw_last_error(), "minimum 5 is above the maximum 1"));
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_INDICATOR, gdp, &nan, "x"), -1);
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_TARGET, table_tgt, &l, "x"), -1);
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_INDICATOR, 9999, &l, "x"),
			 PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_INDICATOR, gdp, &l, ""), -1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM value_limits"), 1);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log WHERE action ="
				      " 'limits.set'"), 1);

	/* a prose target has its own; the indicator's are not its */
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_TARGET, tgt, &(struct pw_limits){
		.has_max = true, .max = 50 }, "x"), 0);
	assert_int_equal(pw_store_limits_get(s, PW_ENTITY_TARGET, tgt, &got), 0);
	assert_true(!got.has_min && got.has_max && got.max == 50);
	pw_limits_release(&got);

	/* the next version of the plan: the indicator keeps its limits */
	{
		char edited[sizeof(doc) + 64];

		snprintf(edited, sizeof(edited), "%s\n第二章 其他\n", doc);
		import_text(s, edited);
	}
	gdp2 = indicator(s, "地区生产总值", 2);
	assert_true(gdp2 > 0 && gdp2 != gdp);
	assert_int_equal(pw_store_limits_get(s, PW_ENTITY_INDICATOR, gdp2, &got), 0);
	assert_true(got.has_min && got.min == 100 && got.max == 1000);
	pw_limits_release(&got);
	/* the newest row counts, whichever version it was set on: cleared */
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_INDICATOR, gdp2, &clear, "x"), 0);
	assert_int_equal(pw_store_limits_get(s, PW_ENTITY_INDICATOR, gdp, &got), 0);
	assert_false(got.has_min || got.has_max);
	/* append-only */
	assert_int_not_equal(sqlite3_exec(pw_store_sqlite(s), "DELETE FROM value_limits", NULL,
					  NULL, NULL), SQLITE_OK);
	pw_store_close(s);
}

/* One value through the batch, as record, data import and the web do. */
static int add(struct pw_store *s, struct pw_batch *b, int64_t id, const char *value,
	       const char *unit)
{
	struct pw_batch_input in = { .entity = PW_ENTITY_INDICATOR, .id = id, .year = "2022",
				     .value = value, .unit = unit, .line = 7 };

	return pw_batch_add(s, b, &in);
}

static void test_batch_refuses(void **state)
{
	struct pw_store *s = open_plan();
	int64_t gdp = indicator(s, "地区生产总值", 1);
	struct pw_limits l = { .has_min = true, .has_max = true, .min = 100, .max = 1000,
			       .note = "按现价" };
	struct pw_batch b;

	(void)state;
	assert_int_equal(pw_store_limits_set(s, PW_ENTITY_INDICATOR, gdp, &l, "规划科"), 0);
	pw_batch_init(&b, "data.csv");
	assert_int_equal(add(s, &b, gdp, "1000.5", NULL), 1);
	assert_int_equal(b.nerrors, 1);
	assert_int_equal(b.diags[0].line, 7);
	assert_string_equal(b.diags[0].msg, "'地区生产总值' 2022: 1000.5 is outside the limits the "
					    "planning office set (100–1000 亿元: 按现价)");
	assert_int_equal(add(s, &b, gdp, "250", NULL), 0);
	pw_batch_release(&b);
	/* the check is in the indicator's unit, after conversion: 1200万元 =
	 * 0.12亿元 is below 100 */
	pw_batch_init(&b, NULL);
	assert_int_equal(add(s, &b, gdp, "1200", "万元"), 1);
	assert_non_null(strstr(b.diags[b.ndiags - 1].msg, "0.12 is outside"));
	pw_batch_release(&b);
	pw_batch_init(&b, NULL);
	assert_int_equal(add(s, &b, gdp, "2000000", "万元"), 0); /* 200 亿元 */
	pw_batch_release(&b);
	pw_store_close(s);
}

static void test_deadlines(void **state)
{
	struct pw_store *s = open_plan();
	char due[PW_DUE_SIZE];
	bool set;
	int64_t unit;

	(void)state;
	assert_int_equal(pw_store_unit_add(s, "统计局", NULL, "x", &unit), 0);
	assert_int_equal(pw_store_unit_add(s, "发改委", NULL, "x", &unit), 0);
	/* the default rule */
	assert_int_equal(pw_store_deadline(s, 1, 2023, NULL, due, &set), 0);
	assert_string_equal(due, "2024-03-31");
	assert_false(set);
	assert_int_equal(pw_store_deadline(s, 1, 2023, "统计局", due, &set), 0);
	assert_string_equal(due, "2024-03-31");
	/* for every unit, then for one */
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, NULL, "2024-02-15", NULL, "规划科"), 0);
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, "统计局", "2024-01-20", "提前", "规划科"),
			 0);
	assert_int_equal(pw_store_deadline(s, 1, 2023, "统计局", due, &set), 0);
	assert_string_equal(due, "2024-01-20");
	assert_true(set);
	assert_int_equal(pw_store_deadline(s, 1, 2023, "发改委", due, &set), 0);
	assert_string_equal(due, "2024-02-15");
	assert_int_equal(pw_store_deadline(s, 1, 2023, "无此单位", due, &set), 0);
	assert_string_equal(due, "2024-02-15");
	assert_int_equal(pw_store_deadline(s, 1, 2023, NULL, due, &set), 0);
	assert_string_equal(due, "2024-02-15");
	assert_int_equal(pw_store_deadline(s, 1, 2022, "统计局", due, &set), 0);
	assert_string_equal(due, "2023-03-31"); /* another year: its own rule */
	/* taken back: 统计局 to the plan's, the plan's to the default */
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, "统计局", NULL, NULL, "规划科"), 0);
	assert_int_equal(pw_store_deadline(s, 1, 2023, "统计局", due, &set), 0);
	assert_string_equal(due, "2024-02-15");
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, NULL, NULL, NULL, "规划科"), 0);
	assert_int_equal(pw_store_deadline(s, 1, 2023, "统计局", due, &set), 0);
	assert_string_equal(due, "2024-03-31");
	assert_false(set);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM audit_log WHERE action ="
				      " 'deadline.set'"), 4);
	/* refused, nothing written */
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, NULL, "2024-02-30", NULL, "x"), -1);
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, NULL, "2024-2-3", NULL, "x"), -1);
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, NULL, "2023-02-29", NULL, "x"), -1);
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, NULL, "2024-02-29", NULL, "x"), 0);
	assert_int_equal(pw_store_deadline_set(s, 1, 2023, "无此单位", "2024-01-01", NULL, "x"),
			 PW_STORE_NOTFOUND);
	assert_int_equal(pw_store_deadline_set(s, 7, 2023, NULL, "2024-01-01", NULL, "x"),
			 PW_STORE_NOTFOUND);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM report_deadlines"), 5);
	/* late is the day after */
	assert_false(pw_deadline_passed("2024-03-31", "2024-03-31"));
	assert_true(pw_deadline_passed("2024-03-31", "2024-04-01"));
	assert_false(pw_deadline_passed("2099-12-31", NULL));
	assert_true(pw_deadline_passed("2000-01-01", NULL));
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
		cmocka_unit_test_teardown(test_store_limits, testdb_teardown),
		cmocka_unit_test_teardown(test_batch_refuses, testdb_teardown),
		cmocka_unit_test_teardown(test_deadlines, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
