/*
 * test_error.c - the one error model (util/error.h): the kind table, the
 * kind a failed call leaves, and the enum name tables in two languages.
 */
#include "unit.h"
#include "testdb.h"
#include "ingest/ingest.h"
#include "model/plan.h"
#include "eval/evaluation.h"
#include "store/monitor.h"
#include "store/store_internal.h"
#include "util/error.h"
#include "util/names.h"

#include <string.h>

static void test_table_is_complete_and_distinct(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < PW_ERR_NKINDS; i++) {
		const struct pw_err_info *a = pw_err_info(i);

		assert_non_null(a->name);
		assert_non_null(a->text);
		assert_true(a->http_status >= 200 && a->http_status < 600);
		assert_true((a->exit_code == 0) == (i == PW_OK));
		for (j = 0; j < i; j++)
			assert_int_not_equal(a->exit_code, pw_err_exit_code(j));
	}
	/* the documented codes (docs/cli.md) */
	assert_int_equal(pw_err_exit_code(PW_ERR_USAGE), 2);
	assert_int_equal(pw_err_exit_code(PW_ERR_INPUT), 3);
	assert_int_equal(pw_err_exit_code(PW_ERR_DB), 4);
	assert_int_equal(pw_err_exit_code(PW_ERR_NOTFOUND), 5);
	assert_int_equal(pw_err_exit_code(PW_ERR_IO), 6);
	assert_int_equal(pw_err_exit_code(PW_ERR_CONFLICT), 7);
	assert_int_equal(pw_err_exit_code(PW_ERR_OOM), 70);
	assert_int_equal(pw_err_http_status(PW_ERR_NOTFOUND), 404);
	assert_int_equal(pw_err_http_status(PW_ERR_CONFLICT), 409);
	assert_int_equal(pw_err_http_status(PW_ERR_PERMISSION), 403);
	assert_int_equal(pw_err_http_status(PW_ERR_AUTH), 401);
	/* a value out of range is a bug, not a crash */
	assert_string_equal(pw_err_info(-1)->name, "internal");
	assert_string_equal(pw_err_info(PW_ERR_NKINDS)->name, "internal");
}

static void test_kind_of_a_failed_call(void **state)
{
	(void)state;
	pw_error_quiet(1);
	pw_clear_error();
	assert_int_equal(pw_last_kind(), PW_OK);
	assert_int_equal(pw_err_of(0, PW_ERR_DB), PW_OK);
	assert_int_equal(pw_err_of(-2, PW_ERR_DB), PW_ERR_NOTFOUND);
	/* no kind said: the caller's default */
	assert_int_equal(pw_err_of(-1, PW_ERR_DB), PW_ERR_DB);
	assert_int_equal(pw_error("plain"), -1);
	assert_int_equal(pw_last_kind(), PW_ERR_FAIL);
	assert_int_equal(pw_err_of(-1, PW_ERR_DB), PW_ERR_DB);
	/* a kind said wins over the default, and context keeps it */
	assert_int_equal(pw_error_kind(PW_ERR_CONFLICT, "unit '%s' already exists", "x"), -1);
	assert_string_equal(pw_last_error(), "unit 'x' already exists");
	pw_error("cannot add 'x': nothing was written");
	assert_int_equal(pw_err_of(-1, PW_ERR_DB), PW_ERR_CONFLICT);
	/* a warning is no error */
	pw_clear_error();
	pw_warning("only a warning");
	assert_int_equal(pw_last_kind(), PW_OK);
	assert_int_equal(pw_error_at("f.csv", 3, 0, "bad row"), -1);
	assert_int_equal(pw_last_kind(), PW_ERR_INPUT);
	pw_clear_error();
	pw_error_quiet(0);
}

static void test_enum_names_in_two_languages(void **state)
{
	(void)state;
	assert_int_equal(pw_kind_from_name("growth"), PW_KIND_GROWTH);
	assert_int_equal(pw_kind_from_name("年均增长"), PW_KIND_GROWTH);
	assert_string_equal(pw_kind_label(PW_KIND_LEVEL), "目标值");
	assert_int_equal(pw_cmp_from_name("不低于"), PW_CMP_GE);
	assert_null(pw_cmp_name(PW_CMP_NONE));
	assert_int_equal(pw_obs_state_from_name("已报送"), PW_OBS_SUBMITTED);
	assert_string_equal(pw_obs_state_label(PW_OBS_APPROVED), "已审核");
	assert_int_equal(pw_entity_from_name("项目"), PW_ENTITY_PROJECT);
	assert_int_equal(pw_report_kind_from_name("中期"), PW_REPORT_MIDTERM);
	assert_int_equal(pw_report_kind_from_name("总结评估报告"), PW_REPORT_FINAL);
	assert_string_equal(pw_progress_status_name(pw_progress_status_from_name("推进中")),
			    "in_progress");
	assert_string_equal(pw_progress_status_label("completed"), "已完成");
	assert_int_equal(pw_progress_status_from_name("进行中"), -1);
	assert_int_equal(pw_kind_from_name(NULL), -1);
}

/*
 * An evaluation from the store with its Nth database step made to fail,
 * for N = 1, 2, ... until it succeeds: a failed step is never reported
 * as success (the read of the plan's current version once was: printed,
 * then the evaluation returned 0 with version 0), and the error it
 * reports is a database error.
 */
static void test_eval_never_swallows_a_db_error(void **state)
{
	struct pw_store *s;
	struct pw_plan p;
	struct pw_eval_opts o;
	struct pw_evaluation ev;
	int id, version, changed, n, rc;

	(void)state;
	testdb_init("error");
	testdb_remove();
	pw_plan_init(&p);
	assert_int_equal(pw_ingest_file("data/zhanhe-14th-plan.txt", &p), 0);
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_store_import_plan(s, &p, "test", &id, &version, &changed), 0);
	pw_plan_free(&p);
	pw_eval_opts_init(&o);
	o.year = 2023;
	pw_error_quiet(1);
	for (n = 1; n < 2000; n++) {
		pw_clear_error();
		pw_store_inject_fault(s, n);
		rc = pw_eval_from_store(s, id, 0, &o, &ev);
		if (rc == 0) {
			if (s->fault_countdown == 0)
				fail_msg("step %d failed but the evaluation succeeded", n);
			assert_int_equal(ev.version, 1);
			pw_eval_release(&ev);
			break;
		}
		assert_int_equal(pw_err_of(rc, PW_ERR_FAIL), PW_ERR_DB);
	}
	pw_error_quiet(0);
	pw_store_inject_fault(s, 0);
	assert_true(n > 1 && n < 2000);
	pw_store_close(s);
	testdb_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_complete_and_distinct),
		cmocka_unit_test(test_kind_of_a_failed_call),
		cmocka_unit_test(test_enum_names_in_two_languages),
		cmocka_unit_test(test_eval_never_swallows_a_db_error),
	};
	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
