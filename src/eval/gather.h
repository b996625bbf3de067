/*
 * gather.h - the one way a stored plan is gathered for evaluation
 * (eval/gather.c): every plan of a province (thousands in one database)
 * in one pass, pw_bulk_eval_all(), or one plan, pw_eval_from_store()
 * (eval/evaluation.h), which is the same pass over the range [id, id].
 *
 * The pass reads with one query per kind of row for the whole range, each
 * ordered by plan ("streams"), and merges them plan after plan: outline,
 * tables, indicators, targets, prose targets and 专栏 of the version
 * (the current one unless a version is asked for); every approved
 * observation, external target, lead-unit assignment and project
 * progress report of each row, through the key, so data entered against
 * an older version counts (store/monitor.h).  What is in force:
 *  - a value: per row and year the most recent approved one (obs.state
 *    PW_OBS_APPROVED_SQL), up to the report year;
 *  - an external target: the one set last (the highest id);
 *  - a lead unit: the one assigned last whose reporting year is none or
 *    not after the report year;
 *  - a project's progress: the report of the latest year up to the report
 *    year, of that year the one entered last.
 * Each is one function of store/monitor.h ("What is in force": the value
 * picker, pw_lead_in_force() and the others), which the store's single
 * lookups apply too.  Each plan is then built with pw_eval_build(); only one plan
 * is in memory at a time.  With o->unapproved (values awaiting review
 * count too) the series are read plan by plan with PW_PICK_LATEST, and
 * progress awaiting review counts.
 *
 * The approved values are read from the covering indexes obs_indicator
 * and obs_target of schema step 5 (docs/schema.md).
 *
 * Conventions are those of store.h: 0, or -1 after pw_error().
 */
#ifndef PW_EVAL_GATHER_H
#define PW_EVAL_GATHER_H

#include "eval/evaluation.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Called once per plan with its evaluation, which is only valid during
 * the call (it is released afterwards).  A non-zero
 * return stops the pass and is returned by pw_bulk_eval_all().
 */
typedef int (*pw_bulk_eval_fn)(void *ctx, int plan_id, const struct pw_evaluation *ev);

struct pw_bulk_stats {
	long plans;        /* evaluated */
	long skipped;      /* nothing to evaluate in the year (other periods) */
	long indicators;   /* indicator rows evaluated */
	long targets;      /* prose targets evaluated */
	long observations; /* approved values read (before the year cut) */
};

/*
 * Evaluates the current version of every plan for o->year (0: each plan's
 * end year) and calls fn for each.  A plan none of whose tables, prose
 * targets or projects belongs to the year is skipped without a message.
 * st may be NULL.  Each connection reads in one read transaction (unless
 * the caller has one open on s).
 *
 * threads > 1 evaluates on that many threads, each on its own read-only
 * connection (SQLITE_OPEN_READONLY, so an auditor's read-only copy works),
 * all reading one snapshot of the database: a plan imported during the
 * pass is seen by none or all.  fn is still called one plan at a time in
 * plan id order, so the output does not depend on which thread finishes
 * first.  s must not be inside a transaction then.  A thread that cannot
 * start leaves its work to the others (with a warning).
 */
int pw_bulk_eval_all(struct pw_store *s, const struct pw_eval_opts *o, int threads,
		     pw_bulk_eval_fn fn, void *ctx, struct pw_bulk_stats *st);

#endif
