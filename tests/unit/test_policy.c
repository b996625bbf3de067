/*
 * test_policy.c - the defaults commands share (eval/policy.h): the year
 * on the office's clock, the year and kind a report defaults to, and the
 * plan meant when none is given.
 */
#include "unit.h"
#include "testdb.h"
#include "eval/policy.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "util/nelem.h"

/* The office's local time is the clock: at 20:00 UTC on 31 December
 * 2025 it is already 2026 in Beijing, still 2025 in UTC and New York. */
static void test_year_is_local(void **state)
{
	static const struct {
		const char *tz;
		int year;
	} cases[] = { { "UTC", 2025 }, { "Asia/Shanghai", 2026 }, { "<CST>-8", 2026 },
		      { "America/New_York", 2025 }, { "<EST>5", 2025 } };
	const time_t t = 1767211200; /* 2025-12-31 20:00:00 UTC */
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		setenv("TZ", cases[i].tz, 1);
		tzset();
		assert_int_equal(pw_policy_year_at(t), cases[i].year);
	}
	unsetenv("TZ");
	tzset();
	assert_int_equal(pw_policy_this_year(), pw_policy_year_at(time(NULL)));
}

static void test_default_year(void **state)
{
	int last = pw_policy_this_year() - 1;

	(void)state;
	assert_int_equal(pw_policy_default_year(PW_REPORT_FINAL, 2021, 2025), 2025);
	assert_int_equal(pw_policy_default_year(PW_REPORT_MIDTERM, 2021, 2025), 2023);
	/* annual: last year, kept inside the period */
	assert_int_equal(pw_policy_default_year(PW_REPORT_ANNUAL, 1991, 1995), 1995);
	assert_int_equal(pw_policy_default_year(PW_REPORT_ANNUAL, 2301, 2305), 2301);
	assert_int_equal(pw_policy_default_year(PW_REPORT_ANNUAL, 0, 0), last);
	assert_int_equal(pw_policy_default_year(PW_REPORT_ANNUAL, last - 1, last + 3), last);
	/* without a period: final and midterm fall back to last year */
	assert_int_equal(pw_policy_default_year(PW_REPORT_FINAL, 0, 0), last);
	assert_int_equal(pw_policy_default_year(PW_REPORT_MIDTERM, 0, 0), last);
	assert_int_equal(pw_policy_default_kind(2025, 2025), PW_REPORT_FINAL);
	assert_int_equal(pw_policy_default_kind(2026, 2025), PW_REPORT_FINAL);
	assert_int_equal(pw_policy_default_kind(2024, 2025), PW_REPORT_ANNUAL);
	assert_int_equal(pw_policy_default_kind(2024, 0), PW_REPORT_ANNUAL);
}

static void import(struct pw_store *s, const char *region)
{
	struct pw_plan p;
	int id, v, changed;

	pw_plan_init(&p);
	p.region = xstrdup(region);
	p.title = xstrdup(region);
	p.start = 2021;
	p.end = 2025;
	p.source = xstrdup(region);
	assert_int_equal(pw_store_import_plan(s, &p, "test", &id, &v, &changed), 0);
	pw_plan_free(&p);
}

static void test_the_plan(void **state)
{
	struct pw_store *s;
	int id = -1;

	(void)state;
	testdb_init("policy");
	testdb_remove();
	pw_error_quiet(1);
	assert_int_equal(pw_store_open(&s, testdb_path), 0);
	assert_int_equal(pw_policy_the_plan(s, &id), PW_STORE_NOTFOUND);
	assert_int_equal(id, 0);
	import(s, "甲县");
	assert_int_equal(pw_policy_the_plan(s, &id), 0);
	assert_int_equal(id, 1);
	import(s, "乙县");
	assert_int_equal(pw_policy_the_plan(s, &id), PW_POLICY_AMBIGUOUS);
	assert_int_equal(id, 0);
	pw_store_close(s);
}

/* Counts by status: n of each status given, in pairs (status, n), ended by
 * -1. */
static void counts(unsigned *by, ...)
{
	va_list ap;
	int st;

	memset(by, 0, PW_EVAL_NSTATUS * sizeof(*by));
	va_start(ap, by);
	while ((st = va_arg(ap, int)) >= 0)
		by[st] = va_arg(ap, unsigned);
	va_end(ap);
}

/* The overall judgement at the limits of its table (docs/reports.md,
 * "Overall judgement"): a third of the judged indicators bad is still
 * "部分指标进展滞后" at mid-term, a binding one bad is not; unjudged
 * statuses do not count; the final report does not look at binding. */
static void test_verdict_limits(void **state)
{
	unsigned by[PW_EVAL_NSTATUS], bind[PW_EVAL_NSTATUS], none[PW_EVAL_NSTATUS] = { 0 };
	size_t i;

	(void)state;
	counts(by, PW_STATUS_NO_DATA, 5u, -1);
	assert_string_equal(pw_policy_verdict(false, by, none), PW_POLICY_NO_VERDICT);
	counts(by, PW_STATUS_ON_TRACK, 5u, PW_STATUS_AHEAD, 4u, -1);
	assert_string_equal(pw_policy_verdict(false, by, none), "规划实施总体符合预期");
	counts(by, PW_STATUS_ON_TRACK, 6u, PW_STATUS_LAGGING, 3u, PW_STATUS_NO_DATA, 9u, -1);
	assert_string_equal(pw_policy_verdict(false, by, none),
			    "规划实施总体符合预期，部分指标进展滞后");
	counts(bind, PW_STATUS_LAGGING, 1u, -1);
	assert_string_equal(pw_policy_verdict(false, by, bind), "规划实施进展滞后");
	counts(by, PW_STATUS_ON_TRACK, 5u, PW_STATUS_LAGGING, 4u, -1);
	assert_string_equal(pw_policy_verdict(false, by, none), "规划实施进展滞后");
	counts(by, PW_STATUS_MET, 9u, -1);
	assert_string_equal(pw_policy_verdict(true, by, none), "规划主要目标总体完成");
	counts(by, PW_STATUS_MET, 6u, PW_STATUS_NOT_MET, 3u, -1);
	counts(bind, PW_STATUS_NOT_MET, 1u, -1);
	assert_string_equal(pw_policy_verdict(true, by, bind), "规划主要目标大部分完成");
	counts(by, PW_STATUS_MET, 5u, PW_STATUS_NOT_MET, 4u, -1);
	assert_string_equal(pw_policy_verdict(true, by, none), "规划主要目标完成情况不理想");
	/* the last row of each kind holds whatever the counts */
	for (i = 0; i + 1 < pw_policy_nverdicts; i++)
		if (pw_policy_verdicts[i].final != pw_policy_verdicts[i + 1].final)
			break;
	assert_true(i + 1 < pw_policy_nverdicts);
	assert_int_equal(pw_policy_verdicts[i].bad_num, pw_policy_verdicts[i].bad_den);
	assert_true(pw_policy_verdicts[i].binding_bad);
	i = pw_policy_nverdicts - 1;
	assert_int_equal(pw_policy_verdicts[i].bad_num, pw_policy_verdicts[i].bad_den);
	assert_true(pw_policy_verdicts[i].binding_bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_is_local),
		cmocka_unit_test(test_default_year),
		cmocka_unit_test(test_verdict_limits),
		cmocka_unit_test_teardown(test_the_plan, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
