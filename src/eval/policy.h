/*
 * policy.h - what a command means when the user leaves something out:
 * the year, the kind of report, the plan.  Decided here, once, so that
 * the command line and the server answer alike (eval/policy.c).
 *
 * The one clock is the local time of the planning office (the TZ of the
 * process): "last year" turns over at local midnight on 1 January, when
 * the office expects it, not at 08:00 Beijing time as UTC would.
 */
#ifndef PW_EVAL_POLICY_H
#define PW_EVAL_POLICY_H

#include "eval/evaluation.h"
#include "store/store.h"

#include <time.h>

/* The calendar year at time t, and now, in local time. */
int pw_policy_year_at(time_t t);
int pw_policy_this_year(void);

/*
 * The year a report or assessment of a plan with period start..end (0:
 * unknown) evaluates when none is given: final -> the end; midterm -> the
 * third year; annual (and an assessment) -> last year, the latest with
 * complete statistics, kept inside the period.
 */
int pw_policy_default_year(enum pw_report_kind kind, int start, int end);

/* The kind of report a year of a plan ending in `end` calls for when none
 * is given: final from the end year on, else annual. */
enum pw_report_kind pw_policy_default_kind(int year, int end);

/* Returned by pw_policy_the_plan() when the database holds several plans. */
#define PW_POLICY_AMBIGUOUS (-3)

/*
 * The plan a command on one plan means when no --plan is given: the only
 * plan of the database.  0 and *plan_id; PW_STORE_NOTFOUND when there is
 * none, PW_POLICY_AMBIGUOUS when there are several (both after a message
 * naming the database), -1 on a database error.
 */
int pw_policy_the_plan(struct pw_store *s, int *plan_id);

/*
 * The five-year plan an annual document of `year` (in `region`, NULL if
 * unknown) belongs to when no --plan is given: the only plan of the
 * database, else the only one whose period holds the year (and whose
 * region is the document's when both are known).  0 and *plan_id; else
 * after a message saying to give --plan: PW_STORE_NOTFOUND (no plan),
 * PW_POLICY_AMBIGUOUS (none or several cover the year), -1.
 */
int pw_policy_plan_of_year(struct pw_store *s, int year, const char *region, int *plan_id);

/*
 * The overall judgement (总体判断 of a mid-term report, 总体评价 of a final
 * one) from the indicators' statuses, by the one table below (policy.c,
 * explained row by row in docs/reports.md, "Overall judgement") so that
 * an office can review it.  Counted: the evaluated table indicators;
 * "good" are 完成, 提前实现, 快于预期, 基本符合预期; "bad" are 滞后 and 未完成;
 * the others (无数据, 无法评估) are not judged.  The rows of the report's
 * kind (final, else the mid-term ones) are tried in order; the first
 * whose limits hold gives the verdict.
 */
struct pw_policy_verdict {
	bool final;               /* a row of the final report (else mid-term) */
	unsigned bad_num, bad_den; /* bad at most bad_num/bad_den of those judged */
	bool binding_bad;         /* the row holds even with a binding indicator bad */
	const char *text;
};

/* The table, and its length (for docs and tests). */
extern const struct pw_policy_verdict pw_policy_verdicts[];
extern const size_t pw_policy_nverdicts;

/* What is said when no indicator can be judged yet. */
#define PW_POLICY_NO_VERDICT "尚无足够数据作出判断"

/* The verdict for counts by status of all indicators (by) and of the
 * binding ones (binding_by), each PW_EVAL_NSTATUS long: a static string. */
const char *pw_policy_verdict(bool final, const unsigned *by, const unsigned *binding_by);

#endif
