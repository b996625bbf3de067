/*
 * policy.c - the defaults of policy.h: year, report kind, plan.
 */
#include "eval/policy.h"
#include "util/error.h"

#include <stdbool.h>
#include <string.h>

#include <time.h>

int pw_policy_year_at(time_t t)
{
	struct tm tm;

	if (!localtime_r(&t, &tm))
		PW_BUG("localtime_r failed");
	return tm.tm_year + 1900;
}

int pw_policy_this_year(void)
{
	return pw_policy_year_at(time(NULL));
}

int pw_policy_default_year(enum pw_report_kind kind, int start, int end)
{
	int year;

	if (kind == PW_REPORT_FINAL && end)
		return end;
	if (kind == PW_REPORT_MIDTERM && start)
		return start + 2;
	year = pw_policy_this_year() - 1;
	if (end && year > end)
		year = end;
	if (start && year < start)
		year = start;
	return year;
}

enum pw_report_kind pw_policy_default_kind(int year, int end)
{
	return end && year >= end ? PW_REPORT_FINAL : PW_REPORT_ANNUAL;
}

int pw_policy_the_plan(struct pw_store *s, int *plan_id)
{
	struct pw_plan_info *infos;
	size_t n;

	*plan_id = 0;
	if (pw_store_list_plans(s, &infos, &n) < 0)
		return -1;
	if (n == 1)
		*plan_id = infos[0].id;
	pw_plan_info_free_array(infos, n);
	if (n == 1)
		return 0;
	if (!n) {
		pw_error("no plans in '%s': import one first", pw_store_path(s));
		return PW_STORE_NOTFOUND;
	}
	pw_error("%zu plans in '%s': choose one with --plan ID (see planwatch list)", n,
		 pw_store_path(s));
	return PW_POLICY_AMBIGUOUS;
}

/* Could plan i take an annual document of year in region? */
static bool plan_takes(const struct pw_plan_info *i, int year, const char *region)
{
	return i->start <= year && year <= i->end &&
	       (!region || !i->region || !strcmp(region, i->region));
}

int pw_policy_plan_of_year(struct pw_store *s, int year, const char *region, int *plan_id)
{
	struct pw_plan_info *infos;
	size_t i, n, fit = 0;

	*plan_id = 0;
	if (pw_store_list_plans(s, &infos, &n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (n == 1 || plan_takes(&infos[i], year, region)) {
			*plan_id = infos[i].id;
			fit++;
		}
	pw_plan_info_free_array(infos, n);
	if (fit == 1)
		return 0;
	if (!n) {
		pw_error("no plans in '%s': import the five-year plan first", pw_store_path(s));
		return PW_STORE_NOTFOUND;
	}
	if (!fit)
		pw_error("no plan in '%s' covers %d: choose one with --plan ID (see planwatch list)",
			 pw_store_path(s), year);
	else
		pw_error("%zu plans in '%s' cover %d: choose one with --plan ID (see planwatch list)",
			 fit, pw_store_path(s), year);
	return PW_POLICY_AMBIGUOUS;
}
