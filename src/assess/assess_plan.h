/*
 * assess_plan.h - assessing a plan's tables from the values they carry
 * (the plan-file adapter of the engine), and the JSON of an assessment.
 */
#ifndef PW_ASSESS_PLAN_H
#define PW_ASSESS_PLAN_H

#include "assess/assess.h"
#include "model/plan.h"

#include <jansson.h>
#include <stdbool.h>

/* The period a table covers: its own, else the plan's, else inferred from
 * its baselines and actuals; 0 where unknown. */
void pw_assess_table_period(const struct pw_plan *p, const struct pw_table *t, int *start,
			    int *end);

/* Whether a row carries its own actual value (表1's 完成值). */
bool pw_assess_row_has_actual(const struct pw_indicator *row);

/* The row of t that a relation target of row names (与经济增长基本同步 ->
 * 地区生产总值增长), or NULL. */
const struct pw_indicator *pw_assess_find_related(const struct pw_table *t,
						  const struct pw_indicator *row,
						  const struct pw_target *target);

/* Assesses row of table t at year (0: the table's end year), using the
 * row's actual as its only observation.  out as pw_assess_indicator(). */
int pw_assess_table_row(const struct pw_plan *p, const struct pw_table *t,
			const struct pw_indicator *row, int year,
			const struct pw_assess_opts *o, struct pw_assessment *out);

/* JSON (CONTRACT.md "assess"): one target result, and one indicator with
 * its targets.  New references; the caller json_decref()s them. */
json_t *pw_target_result_to_json(const struct pw_target *t, const struct pw_target_result *r);
json_t *pw_assessment_to_json(const struct pw_indicator *ind, const struct pw_assessment *a);

#endif
