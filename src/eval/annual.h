/*
 * annual.h - the annual table of a stored plan (planwatch annual, the
 * annual report): each target set by an annual document, the five-year
 * item it is linked to, the path's value for its year (应达值), whether it
 * is consistent with the five-year target, and whether the year met it
 * (docs/annual.md).  Gathering only: the judgement is assess/annual.h.
 */
#ifndef PW_EVAL_ANNUAL_H
#define PW_EVAL_ANNUAL_H

#include "assess/annual.h"
#include "store/annual.h"

#include <stdbool.h>

/* A five-year item a link names, in the plan's current version. */
struct pw_annual_item {
	enum pw_entity entity;
	int64_t id;                      /* current indicators.id / targets.id */
	const struct pw_indicator *ind;  /* the indicator, NULL for a prose target */
	const struct pw_prose_target *t; /* the prose target, NULL for an indicator */
	const char *name;                /* name or subject (plan-owned) */
	const char *unit;
};

struct pw_annual_row {
	const struct pw_annual_target *at; /* owned by the table */
	enum pw_link_status status;
	struct pw_annual_item *items; /* the linked item, or the candidates */
	size_t nitems;
	bool judged;                  /* linked (matched or confirmed): r is set */
	struct pw_annual_result r;
	/* An earlier row of the year, from another document (the work report
	 * and the plan report both say 增长6.5%左右), that sets the same target
	 * for the same item: this row says it again and is counted once, as
	 * that row.  NULL otherwise. */
	const struct pw_annual_row *restates;
};

struct pw_annual_table {
	int plan_id;
	int year;                     /* 0: every year */
	struct pw_plan plan;          /* current version (empty when no rows) */
	int64_t *ind_ids, *tgt_ids;
	size_t nind, ntgt;
	struct pw_annual_target *targets;
	struct pw_annual_row *rows;   /* one per target, same order */
	size_t nrows;
};

struct pw_annual_opts {
	int year;        /* 0: every year */
	bool unapproved; /* values awaiting review count too */
	double tol;      /* 左右 tolerance (0.05) */
};

/* Gathers and judges the annual targets of plan_id into out (released
 * with pw_annual_table_release(), also after an error).  0, -1 or
 * PW_STORE_NOTFOUND after reporting.  A plan without annual targets,
 * or with no such plan, gives 0 rows (the caller checks the plan). */
int pw_eval_annual(struct pw_store *s, int plan_id, const struct pw_annual_opts *o,
		   struct pw_annual_table *out);
void pw_annual_table_release(struct pw_annual_table *t);

/* Adds to ev (built from plan plan_id for its year) the annual targets of
 * the years up to that year (ev->annual, by year).  Nothing for an evaluation of a previous
 * plan's table, or a database before schema step 8.  0 or -1. */
struct pw_evaluation;
struct pw_eval_opts;
int pw_eval_annual_attach(struct pw_store *s, int plan_id, const struct pw_eval_opts *o,
			  struct pw_evaluation *ev);

#endif
