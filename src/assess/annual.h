/*
 * annual.h - a year's own target (from an annual document) against the
 * five-year plan: the value the five-year path expects for that year
 * (应达值), whether the year's target is consistent with reaching the
 * five-year target, and whether the year met its own target
 * (docs/annual.md, "Path and consistency").  Pure, like assess.h.
 */
#ifndef PW_ASSESS_ANNUAL_H
#define PW_ASSESS_ANNUAL_H

#include "assess/assess.h"

/* What an annual target's number is: the level at the year's end (城镇化率
 * 达到82%), the year's growth rate (增长6.5%左右), or the year's amount or
 * change (城镇新增就业1万人). */
enum pw_annual_term { PW_ANNUAL_LEVEL, PW_ANNUAL_RATE, PW_ANNUAL_AMOUNT };

/* Is the year's target consistent with the five-year path? */
enum pw_annual_fit {
	PW_FIT_UNKNOWN,    /* no path value (no baseline, a relation...) */
	PW_FIT_CONSISTENT, /* at least as far as the path (within 左右) */
	PW_FIT_SHORT,      /* short of the path: the five-year target needs more */
};

/* "level", "rate", "amount"; "unknown", "consistent", "short"; and their
 * Chinese words (水平值, 当年增速, 当年量; 无法判断, 衔接, 低于应达值). */
const char *pw_annual_term_name(enum pw_annual_term t);
const char *pw_annual_fit_name(enum pw_annual_fit f);
const char *pw_annual_fit_label(enum pw_annual_fit f);

struct pw_annual_input {
	const struct pw_indicator *ind; /* the five-year item (a prose target
					 * as an indicator with its one target) */
	int start, end;                 /* the plan's period */
	struct pw_series obs;           /* the item's values (mode AUTO: its measure) */
	const struct pw_target *at;     /* the annual target */
	const char *unit;               /* ...and its unit */
	int year;                       /* the year it is for */
	double tol;                     /* 左右: fraction of the value (0.05) */
};

struct pw_annual_result {
	enum pw_annual_term term;
	bool has_path;
	double path;       /* 应达值, in the annual target's terms, 2 decimals */
	const char *why;   /* why there is no path (static), or NULL */
	bool has_needed;   /* given the years before: what this year needs for
			    * the five-year target if the years left do alike
			    * (growth rates, totals of yearly amounts) */
	double needed;
	enum pw_annual_fit fit;
	bool has_actual;   /* the year's value in the annual target's terms */
	double actual;
	bool estimated;
	enum pw_status status; /* met, not_met, no_data, not_assessable */
};

/* The term an annual target's number is in, from its kind and words. */
enum pw_annual_term pw_annual_term_of(const struct pw_target *at, const char *unit);

/* Judges in->at against in->ind's five-year path and the year's data. */
void pw_annual_judge(const struct pw_annual_input *in, struct pw_annual_result *r);

#endif
