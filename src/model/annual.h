/*
 * annual.h - which target of a five-year plan a target of an annual
 * document (政府工作报告, 年度计划) implements: the candidates by name and
 * unit, best first (docs/annual.md, "Linking").  Pure: plans in, indexes
 * out; the store keeps the links, a person confirms ambiguous ones.
 */
#ifndef PW_ANNUAL_H
#define PW_ANNUAL_H

#include "model/plan.h"

#include <stddef.h>

/* The state of a link from an annual target to the five-year plan. */
enum pw_link_status {
	PW_LINK_MATCHED,   /* one candidate: linked by import */
	PW_LINK_AMBIGUOUS, /* several: one row each, for a person to choose */
	PW_LINK_CONFIRMED, /* chosen by a person (planwatch annual link) */
	PW_LINK_UNLINKED,  /* no candidate, or a person said none */
};

/* "matched", "ambiguous", "confirmed", "none"; 已匹配, 待确认, 已确认,
 * 无对应; the inverse takes either and returns -1 for an unknown name. */
const char *pw_link_status_name(enum pw_link_status s);
const char *pw_link_status_label(enum pw_link_status s);
int pw_link_status_from_name(const char *s);

/* One candidate: an indicator (flat index over tables[].rows[] in plan
 * order, as store.h numbers indicator ids) or a prose target (index into
 * plan->targets). */
struct pw_link_cand {
	bool prose;
	size_t index;
};

/* How well a name matches (higher is better; 0 no match). */
enum pw_link_score { PW_LINK_NONE, PW_LINK_PART, PW_LINK_SAME };

/*
 * The targets of plan that annual target `at` (of year `year`) may
 * implement.  A candidate names the same measure: its name, without a
 * trailing change word of text/vocab.h (增长, 增长率, 降低...) and blanks,
 * equals the annual target's subject so reduced (or, when no name is
 * equal, one contains the other, or the subject is a general word the
 * name stands for: 经济增长 and 地区生产总值增长, model/measure.h); and
 * has the same unit, or the annual target is a growth rate and the
 * candidate is a growth, a relation or a rate.  Only tables whose period holds the year count (not 表1 of the
 * previous plan).  A prose target that restates a candidate indicator
 * (same name and unit, the rule of eval/evaluation.c) is left out.
 * Returns the number of candidates of the best score and sets *out to a
 * new array of them (caller frees; NULL when 0).  One candidate is a
 * match; several are for a person to choose from.
 */
size_t pw_annual_candidates(const struct pw_plan *plan, int year,
			    const struct pw_prose_target *at, struct pw_link_cand **out);

/* The indicator of flat index i (see struct pw_link_cand), or NULL. */
const struct pw_indicator *pw_plan_indicator_at(const struct pw_plan *plan, size_t i);

/* How a name matches a subject (both may be NULL: no match). */
enum pw_link_score pw_annual_name_score(const char *name, const char *subject);

#endif
