/*
 * test_web_review.c - the review queue of the signed-in pages
 * (web_lib_review_queue, web_lib_obs_head over store/observations.c; its
 * 专栏 half web_lib_progress_queue over store/monitor_progress.c) on a
 * database with a long history: it must read the page's rows, not every
 * observation or progress report ever entered.  Measured in SQLite's virtual machine
 * steps and its query plan, never in time.
 */
#include "unit.h"
#include "testdb.h"

#include "ingest/ingest.h"
#include "store/monitor.h"
#include "text/doc.h"
#include "web/web_int.h"

#include <string.h>

#define HISTORY 20000 /* rows of one value's chain of corrections */

/* A stored plan of one indicator (id 1). */
static struct pw_store *one_indicator(void)
{
	static const char doc[] =
		"湛河区国民经济和社会发展第十四个五年规划纲要\n\n"
		"第一章 目标\n\n"
		"表1 主要指标\n"
		"序号\t指标名称\t2020年\t2025年\t属性\n"
		"1\t地区生产总值（亿元）\t221.29\t≥300\t预期性\n\n"
		"专栏1 重点工程\n"
		"1.产业园区。建设产业园区一期工程。\n"
		"2.道路工程。新建道路10千米。\n";
	struct pw_store *s;
	struct pw_doc d;
	struct pw_plan p;
	int id, version, changed;

	testdb_init("web-review");
	testdb_remove();
	assert_int_equal(pw_doc_from_bytes(&d, "plan.txt", doc, sizeof(doc) - 1), 0);
	pw_plan_init(&p);
	assert_int_equal(pw_ingest_doc(&d, &p), 0);
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_import_plan(s, &p, "test", &id, &version, &changed), 0);
	pw_plan_free(&p);
	pw_doc_release(&d);
	return s;
}

/* A province's worth of reviewed values: one chain of HISTORY rows for
 * 2021, submitted and approved in turn, the last approved (so none of it
 * awaits review), written straight into obs as a bulk load would. */
static void long_history(struct pw_store *s)
{
	static const char sql[] =
		"INSERT INTO obs_texts (text) VALUES ('gen');"
		"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 20000)"
		" INSERT INTO obs (id, indicator_id, year, value, state, version, entered_by_id,"
		" supersedes) SELECT 1000 + n, 1, 2021, n, CASE n % 2 WHEN 1 THEN 1 ELSE 2 END, n,"
		" (SELECT id FROM obs_texts WHERE text = 'gen'), CASE n WHEN 1 THEN NULL"
		" ELSE 999 + n END FROM k;";

	assert_int_equal(sqlite3_exec(pw_store_sqlite(s), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM obs"), HISTORY);
}

/* The virtual machine steps of every statement of s since the last call. */
static long long vm_steps(struct pw_store *s)
{
	sqlite3_stmt *st = NULL;
	long long n = 0;

	while ((st = sqlite3_next_stmt(pw_store_sqlite(s), st)))
		n += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	return n;
}

static int64_t submit(struct pw_store *s, int year, double value)
{
	struct pw_obs_entry e = {
		.entity = PW_ENTITY_INDICATOR, .id = 1, .year = year, .value = value,
		.by = "test", .state = PW_OBS_SUBMITTED,
	};
	int64_t id;

	assert_int_equal(pw_store_obs_record(s, &e, &id), 0);
	return id;
}

static void test_queue_reads_its_page(void **state)
{
	struct pw_store *s = one_indicator();
	int64_t a, b, c, returned;
	json_t *q, *head;
	size_t total;
	long long steps;

	(void)state;
	long_history(s);
	a = submit(s, 2022, 1);
	b = submit(s, 2023, 2);
	c = submit(s, 2024, 3);
	assert_int_equal(pw_store_obs_transition(s, b, PW_OBS_RETURNED, "请核实", "pl", &returned), 0);
	/* the table the queue reads holds the heads awaiting review, no more */
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM obs_pending"), 3);

	vm_steps(s);
	assert_int_equal(web_lib_review_queue(s, NULL, 0, 2, &q, &total), 0);
	steps = vm_steps(s);
	assert_int_equal(total, 3);
	assert_int_equal(json_array_size(q), 2); /* newest first: the return, then c */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(q, 0), "id")), returned);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(q, 1), "id")), c);
	assert_string_equal(json_string_value(json_object_get(json_array_get(q, 0), "state")),
			    "returned");
	json_decref(q);
	/* a page costs its rows, not the 20000 of the history */
	assert_true(steps < HISTORY / 10);
	assert_int_equal(web_lib_review_queue(s, NULL, 2, 2, &q, &total), 0);
	assert_int_equal(json_array_size(q), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(q, 0), "id")), a);
	json_decref(q);

	/* one head by id, as approve and return look it up */
	vm_steps(s);
	assert_int_equal(web_lib_obs_head(s, a, &head), 0);
	assert_true(vm_steps(s) < HISTORY / 10);
	assert_int_equal(json_integer_value(json_object_get(head, "year")), 2022);
	json_decref(head);
	assert_int_equal(web_lib_obs_head(s, b, &head), PW_STORE_NOTFOUND); /* superseded */
	assert_int_equal(web_lib_obs_head(s, 999999, &head), PW_STORE_NOTFOUND);

	/* approving takes it off the queue */
	assert_int_equal(web_lib_review(s, a, true, NULL, "pl"), 0);
	assert_int_equal(web_lib_review_queue(s, NULL, 0, 50, &q, &total), 0);
	assert_int_equal(total, 2);
	json_decref(q);
	pw_store_close(s);
}

/* Of the statements s prepared, the one whose SQL holds marker, asked for
 * its query plan (LIMIT 50): only table `scanned` is scanned, and nothing
 * is sorted through a temporary b-tree (no sort of every row). */
static void assert_page_plan(struct pw_store *s, const char *marker, const char *scanned)
{
	sqlite3_stmt *st = NULL, *plan;
	const char *sql = NULL;
	char *explain, want[32];
	bool seen = false;

	while ((st = sqlite3_next_stmt(pw_store_sqlite(s), st)))
		if (strstr(sqlite3_sql(st), marker))
			sql = sqlite3_sql(st);
	assert_non_null(sql);
	explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(pw_store_sqlite(s), explain, -1, &plan, NULL),
			 SQLITE_OK);
	sqlite3_free(explain);
	snprintf(want, sizeof(want), "SCAN %s", scanned);
	sqlite3_bind_int(plan, 1, 50);
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(plan, 3);

		if (!strncmp(detail, "SCAN ", 5)) {
			assert_string_equal(detail, want); /* the only table scanned */
			seen = true;
		}
		assert_null(strstr(detail, "TEMP B-TREE")); /* no sort of every row */
	}
	sqlite3_finalize(plan);
	assert_true(seen);
}

/* The plan of the page's query: obs_pending drives it, obs is looked up
 * by id, nothing is scanned but obs_pending. */
static void test_queue_plan(void **state)
{
	struct pw_store *s = one_indicator();
	json_t *q;
	size_t total;

	(void)state;
	long_history(s);
	submit(s, 2022, 1);
	assert_int_equal(web_lib_review_queue(s, NULL, 0, 50, &q, &total), 0);
	json_decref(q);
	assert_page_plan(s, "FROM obs_pending p CROSS JOIN", "p");
	pw_store_close(s);
}

/* The same history for project 1's progress: HISTORY rows of 2021,
 * submitted and approved in turn, the last approved. */
static void long_progress_history(struct pw_store *s)
{
	static const char sql[] =
		"WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 20000)"
		" INSERT INTO project_progress (id, item_id, year, status, state, version, entered_by,"
		" supersedes) SELECT 1000 + n, 1, 2021, 'in_progress', CASE n % 2 WHEN 1 THEN"
		" 'submitted' ELSE 'approved' END, n, 'gen', CASE n WHEN 1 THEN NULL"
		" ELSE 999 + n END FROM k;";

	assert_int_equal(sqlite3_exec(pw_store_sqlite(s), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM project_progress"), HISTORY);
}

static int64_t report(struct pw_store *s, int64_t item, int year)
{
	struct pw_progress p = { .item_id = item, .year = year, .status = "in_progress",
				 .by = "test", .state = PW_OBS_SUBMITTED };
	int64_t id;

	assert_int_equal(pw_store_progress_record(s, &p, &id), 0);
	return id;
}

static void test_progress_queue_reads_its_page(void **state)
{
	struct pw_store *s = one_indicator();
	int64_t a, b, c, returned;
	json_t *q;
	size_t total;
	long long steps;

	(void)state;
	long_progress_history(s);
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM progress_pending"), 0);
	a = report(s, 1, 2022);
	b = report(s, 2, 2022);
	c = report(s, 1, 2023);
	assert_int_equal(pw_store_progress_transition(s, b, PW_OBS_RETURNED, "请核实", "pl",
						      &returned), 0);
	/* the table the queue reads holds the reports awaiting review, no more */
	assert_int_equal(testdb_query_int(s, "SELECT count(*) FROM progress_pending"), 3);

	vm_steps(s);
	assert_int_equal(web_lib_progress_queue(s, NULL, 0, 2, &q, &total), 0);
	steps = vm_steps(s);
	assert_int_equal(total, 3);
	assert_int_equal(json_array_size(q), 2); /* newest first: the return, then c */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(q, 0), "id")), returned);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(q, 1), "id")), c);
	assert_string_equal(json_string_value(json_object_get(json_array_get(q, 0), "state")),
			    "returned");
	json_decref(q);
	/* a page costs its rows, not the 20000 of the history */
	assert_true(steps < HISTORY / 10);
	assert_int_equal(web_lib_progress_queue(s, NULL, 2, 2, &q, &total), 0);
	assert_int_equal(json_array_size(q), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(q, 0), "id")), a);
	json_decref(q);

	/* whether one awaits review, by id, without reading the history */
	vm_steps(s);
	assert_int_equal(web_lib_progress_waiting(s, a), 1);
	assert_true(vm_steps(s) < HISTORY / 10);
	assert_int_equal(web_lib_progress_waiting(s, returned), 0); /* returned: not waiting */
	assert_int_equal(web_lib_progress_waiting(s, b), 0);        /* superseded */
	assert_int_equal(web_lib_progress_waiting(s, 1000 + HISTORY), 0); /* approved */

	/* approving takes it off the queue */
	assert_int_equal(web_lib_progress_review(s, a, true, NULL, "pl"), 0);
	assert_int_equal(web_lib_progress_queue(s, NULL, 0, 50, &q, &total), 0);
	assert_int_equal(total, 2);
	json_decref(q);
	pw_store_close(s);
}

/* The plan of the 专栏 page's query: progress_pending drives it, nothing
 * else is scanned, nothing sorted. */
static void test_progress_queue_plan(void **state)
{
	struct pw_store *s = one_indicator();
	json_t *q;
	size_t total;

	(void)state;
	long_progress_history(s);
	report(s, 1, 2022);
	assert_int_equal(web_lib_progress_queue(s, NULL, 0, 50, &q, &total), 0);
	json_decref(q);
	assert_page_plan(s, "FROM progress_pending q CROSS JOIN", "q");
	pw_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_queue_reads_its_page, testdb_teardown),
		cmocka_unit_test_teardown(test_queue_plan, testdb_teardown),
		cmocka_unit_test_teardown(test_progress_queue_reads_its_page, testdb_teardown),
		cmocka_unit_test_teardown(test_progress_queue_plan, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
