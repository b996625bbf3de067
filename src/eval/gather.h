/*
 * gather.h - the one way a stored plan is gathered for evaluation: every
 * plan of a province (thousands in one database) in one pass, or one plan
 * as the range [id, id] (eval/gather.c).
 *
 * pw_eval_from_store() evaluates one plan with a dozen queries per plan
 * and several per indicator (its series, external target and lead unit,
 * each found through the "same key in any version" join).  For thousands
 * of plans that is seconds of query overhead.  The bulk path reads the
 * same data with one query per kind of row for the whole database, each
 * ordered by plan, and merges them plan after plan: outline, tables,
 * indicators, targets, prose targets and 专栏 of the current version;
 * every approved observation, external target and lead-unit assignment
 * of each indicator and prose target (through the key, so data entered
 * against an older version counts, as store/monitor.h says).  Each plan
 * is then built with pw_eval_build(), so the evaluation is the one
 * pw_eval_from_store() gives (tests/unit/test_bulk.c checks it), except
 * that 专栏 projects carry no progress report or lead unit (they change
 * no status; a report on one plan uses pw_eval_from_store()).  Only one
 * plan is in memory at a time.  With o->unapproved (values awaiting
 * review count too) the series are read plan by plan as
 * pw_eval_from_store() reads them.
 *
 * The approved values (obs.state 2) are read from the covering indexes
 * obs_indicator and obs_target of schema step 5 (docs/schema.md).
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
 * threads > 1 splits the plans into that many ranges of plan ids, each
 * evaluated on its own connection to the same database file (s for the
 * first, the others opened and closed here) and its own thread.  fn is
 * then called by one thread at a time, in plan id order within a range
 * but with the ranges interleaved.  The connections do not share one
 * snapshot: a plan imported during the pass may or may not be seen.
 */
int pw_bulk_eval_all(struct pw_store *s, const struct pw_eval_opts *o, int threads,
		     pw_bulk_eval_fn fn, void *ctx, struct pw_bulk_stats *st);

/* The row-by-row path, kept until tests/unit/test_bulk.c has shown the
 * gatherer gives the same (temporary). */
int pw_eval_from_store_rows(struct pw_store *s, int plan_id, int version,
			    const struct pw_eval_opts *o, struct pw_evaluation *out);

#endif
