/*
 * policy.c - the defaults of policy.h: year, report kind, plan; and
 * the thresholds of the overall judgement (总体判断), in one table.
 */
#include "eval/policy.h"
#include "util/error.h"

#include <stdbool.h>
#include <string.h>

#include <time.h>
#include "util/nelem.h"

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

/* ------------------------------------------------------------------ */
/* The overall judgement (总体判断)                                    */

/*
 * Each row: the verdict when at most bad_num/bad_den of the judged
 * indicators are lagging or not met (0/1: none), and, unless binding_bad,
 * no binding (约束性) indicator is.  Tried in order; the last row of each
 * kind holds always.  docs/reports.md, "Overall judgement", says why each
 * limit is what it is; change it there and here together.
 */
const struct pw_policy_verdict pw_policy_verdicts[] = {
	/* mid-term (and annual) */
	{ false, 0, 1, true, "规划实施总体符合预期" },
	{ false, 1, 3, false, "规划实施总体符合预期，部分指标进展滞后" },
	{ false, 1, 1, true, "规划实施进展滞后" },
	/* final */
	{ true, 0, 1, true, "规划主要目标总体完成" },
	{ true, 1, 3, true, "规划主要目标大部分完成" },
	{ true, 1, 1, true, "规划主要目标完成情况不理想" },
};
const size_t pw_policy_nverdicts = NELEM(pw_policy_verdicts);

static const enum pw_status verdict_good[] = { PW_STATUS_MET, PW_STATUS_ACHIEVED_EARLY,
					       PW_STATUS_AHEAD, PW_STATUS_ON_TRACK };
static const enum pw_status verdict_bad[] = { PW_STATUS_LAGGING, PW_STATUS_NOT_MET };

static unsigned count_of(const unsigned *by, const enum pw_status *which, size_t n)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k += by[which[i]];
	return k;
}

const char *pw_policy_verdict(bool final, const unsigned *by, const unsigned *binding_by)
{
	unsigned bad = count_of(by, verdict_bad, NELEM(verdict_bad));
	unsigned judged = bad + count_of(by, verdict_good, NELEM(verdict_good));
	unsigned binding_bad = count_of(binding_by, verdict_bad, NELEM(verdict_bad));
	size_t i;

	if (!judged)
		return PW_POLICY_NO_VERDICT;
	for (i = 0; i < NELEM(pw_policy_verdicts); i++) {
		const struct pw_policy_verdict *v = &pw_policy_verdicts[i];

		if (v->final == final &&
		    (unsigned long long)bad * v->bad_den <= (unsigned long long)v->bad_num * judged &&
		    (v->binding_bad || !binding_bad))
			return v->text;
	}
	PW_BUG("no verdict row holds (the last row of a kind must hold always)");
}
