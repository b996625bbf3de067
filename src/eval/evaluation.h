/*
 * evaluation.h - the evaluation model behind every report (年度监测报告,
 * 中期评估报告, 总结评估报告), `assess --db` and the web API: for one plan
 * and one year, every indicator with its baseline, targets, latest actual,
 * growth to date, status (from the assessment engine), attribute, category,
 * chapter and lead unit; the prose targets and 专栏 projects with their
 * progress; counts by status, attribute and category; and warnings.
 *
 * Two entry points:
 *  - pw_eval_build() works on a plan in memory plus the monitoring data the
 *    caller gathered (struct pw_eval_data, any part of which may be absent);
 *    it never touches a database, so tests build plans by hand;
 *  - pw_eval_from_store() gathers a stored plan version and its monitoring
 *    data (eval/gather.c, the one gatherer) and calls pw_eval_build().
 *
 * Which tables are evaluated: those whose period (the table's own, else the
 * plan's) contains the report year.  A plan's previous-period completion
 * table (表1, 2016-2020, inside the 14th plan) is therefore what a final
 * report for 2020 evaluates, from the actual values it carries, while the
 * 14th plan's own table is what reports for 2021-2025 evaluate.  Prose
 * targets and projects belong to the plan's own period: they are included
 * when the year falls in it.
 *
 * Ownership: struct pw_evaluation owns everything reachable from it except
 * the plan given to pw_eval_build(), which it borrows (the plan must
 * outlive the evaluation); pw_eval_from_store() gives the evaluation its
 * own plan.  pw_eval_release() frees it all.  Data given in struct
 * pw_eval_data is copied: the caller may free it after the build.
 */
#ifndef PW_EVALUATION_H
#define PW_EVALUATION_H

#include "assess/annual.h"
#include "assess/assess.h"
#include "model/annual.h"
#include "model/plan.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pw_store;

enum pw_report_kind { PW_REPORT_ANNUAL, PW_REPORT_MIDTERM, PW_REPORT_FINAL };

/* "annual", "midterm", "final"; "年度监测报告", "中期评估报告", "总结评估报告";
 * the inverse takes any of them or the short word (年度, 中期, 总结) and
 * returns -1 for an unknown name. */
const char *pw_report_kind_name(enum pw_report_kind k);
const char *pw_report_kind_label(enum pw_report_kind k);
int pw_report_kind_from_name(const char *s);

/* ---- input: monitoring data ------------------------------------------- */

/* An external target (按下达目标确定) once it has been set. */
struct pw_eval_external {
	bool has_value;
	double value, value_hi; /* value_hi for PW_CMP_RANGE */
	enum pw_cmp cmp;        /* PW_CMP_NONE means eq */
	enum pw_kind kind;      /* level (0), growth, cumulative or annual */
	int year;               /* 0 if none */
};

/* What monitoring knows about one indicator or one prose target. */
struct pw_eval_series_data {
	int64_t id;              /* store id, 0 if none */
	const struct pw_obs *obs; /* approved observations, any order */
	size_t nobs;
	const char *lead_unit; /* 牵头单位, or NULL */
	struct pw_eval_external external;
	/* Of a prose target read from the store (linked): the table indicator
	 * it restates as the store links them (target_links, correctable by
	 * the office), 1 + its place among the plan's indicators in plan
	 * order, 0 for none.  Not linked (a plan read from a file): the
	 * evaluation applies the import's name/unit rule itself. */
	bool linked;
	size_t restates;
};

/* The latest progress report of one 专栏 project. */
struct pw_eval_item_data {
	int64_t id;
	const char *lead_unit;
	const char *status; /* not_started, in_progress, completed, delayed, suspended or NULL */
	int year;           /* year of the report, 0 if none */
	bool has_percent, has_investment;
	double percent, investment; /* 形象进度 %; 累计完成投资, 亿元 */
	const char *note;           /* milestones, problems: the unit's words */
};

/*
 * Arrays in plan order, as the store returns ids (store.h): indicators
 * table after table, prose targets, then items column after column.  A
 * NULL array or a count that does not match the plan means "no data".
 */
struct pw_eval_data {
	const struct pw_eval_series_data *indicators;
	size_t nindicators;
	const struct pw_eval_series_data *targets;
	size_t ntargets;
	const struct pw_eval_item_data *items;
	size_t nitems;
};

struct pw_eval_opts {
	enum pw_report_kind kind;
	int year; /* report year; 0: the plan's end year */
	bool unapproved; /* store: also values not yet approved (PW_PICK_LATEST) */
	struct pw_assess_opts assess;
};

void pw_eval_opts_init(struct pw_eval_opts *o);

/* ---- output: the evaluation ------------------------------------------- */

/* Where an actual value came from. */
enum pw_eval_source { PW_EVAL_NONE, PW_EVAL_OBSERVED, PW_EVAL_TABLE };

struct pw_eval_indicator {
	const struct pw_indicator *ind; /* borrowed from the evaluation's plan */
	size_t table, row;              /* position in plan->tables[table].rows */
	int64_t id;                     /* store id, 0 if none */
	int start, end;                 /* the table's period */
	char *chapter;                  /* "第一章 …" the table sits in, or NULL */
	char *lead_unit;                /* or NULL */
	/* observations used, ascending by year (the table's own actual
	 * stands in when monitoring has none) */
	struct pw_obs *obs;
	size_t nobs;
	enum pw_eval_source source;
	bool has_latest; /* latest value at or before the year */
	int latest_year;
	double latest;
	bool latest_estimated;
	bool has_growth; /* average annual growth baseline -> latest, % (2 dp) */
	double growth;
	struct pw_assessment a; /* per target, in ind->targets order */
	bool at_risk;           /* lagging or not met */
	char *note;             /* the lead unit's 备注 with its latest value, or NULL */
	int note_year;          /* (pw_eval_from_store() only) */
	bool has_external;      /* an external target is set: of this kind */
	enum pw_kind external_kind;
};

/* A prose target, judged with the same engine as a one-target indicator. */
struct pw_eval_target {
	const struct pw_prose_target *t; /* borrowed */
	size_t index;                    /* in plan->targets */
	int64_t id;
	char *chapter;
	char *lead_unit;
	bool has_latest;
	int latest_year;
	double latest;
	struct pw_target_result r;
	/* The evaluated table indicator the target restates (its subject is
	 * the indicator's name with the same unit: 常住人口城镇化率达到83%
	 * beside 表2's row), as 1 + its index in inds, 0 for none.  It shares
	 * the indicator's values (entered once) and measure. */
	size_t restates;
	enum pw_series_mode measure; /* what its values are (model/series.h) */
	char *note;                  /* as pw_eval_indicator's */
	int note_year;
};

struct pw_eval_item {
	const struct pw_column *column; /* borrowed */
	const struct pw_item *item;     /* borrowed */
	int64_t id;
	char *chapter;
	char *lead_unit;
	char *status; /* as struct pw_eval_item_data, or NULL: no report */
	int year;
	bool has_percent, has_investment;
	double percent, investment;
	char *note;
};

/* A target an annual document (政府工作报告, 年度计划) set for the year,
 * with the five-year item it is linked to and its judgement
 * (docs/annual.md; pw_eval_from_store() only). */
struct pw_eval_annual {
	int64_t id;     /* annual_targets.id */
	int year;       /* the year it is for (ev->annual: every year to ev->year) */
	struct pw_target t; /* kind, cmp, value (t.text is text below) */
	enum pw_eval_annual_on { PW_EVAL_ANNUAL_NONE, PW_EVAL_ANNUAL_INDICATOR,
			      PW_EVAL_ANNUAL_TARGET } on; /* what item_id names */
	int64_t item_id; /* the linked indicator or prose target (current id) */
	char *text;     /* as written */
	char *doc;      /* the document's title, or NULL */
	char *item;     /* the linked indicator's or prose target's name, or NULL */
	enum pw_link_status link;
	size_t ncandidates; /* ambiguous: how many to choose from */
	bool judged;        /* linked: r holds the path, consistency and result */
	struct pw_annual_result r;
};

#define PW_EVAL_NSTATUS (PW_STATUS_LAGGING + 1)

/* A count of indicators by status under one heading (a category). */
struct pw_eval_group {
	char *name; /* category (经济发展) or chapter; "其他" when none */
	unsigned total;
	unsigned by_status[PW_EVAL_NSTATUS];
};

struct pw_evaluation {
	const struct pw_plan *plan; /* borrowed, or &own_plan */
	enum pw_report_kind kind;
	int year;
	int start, end; /* period evaluated: spans the evaluated tables */
	bool final;     /* year at or after the end of that period */
	bool previous;  /* the period is not the plan's own (表1 of the 13th plan) */
	int ordinal;    /* the five-year plan evaluated (13), 0 if unknown */
	char *title;    /* 《…》2022年度监测报告 */
	char *subject;  /* what is evaluated: "“十三五”经济社会发展主要指标" */
	struct pw_assess_opts assess;

	struct pw_eval_indicator *inds; /* table order (表1's layout) */
	size_t ninds;
	size_t *order; /* indices into inds: binding first, then table order */
	struct pw_eval_target *targets;
	size_t ntargets;
	struct pw_eval_item *items;
	size_t nitems;

	unsigned by_status[PW_EVAL_NSTATUS]; /* indicators */
	unsigned binding, binding_by_status[PW_EVAL_NSTATUS];
	unsigned expected, expected_by_status[PW_EVAL_NSTATUS];
	unsigned nwarnings_binding; /* 预警: binding indicators lagging or not met */
	struct pw_eval_group *groups; /* by category, in first-seen order */
	size_t ngroups;
	unsigned targets_by_status[PW_EVAL_NSTATUS];
	struct pw_eval_group *chapters; /* prose targets by chapter */
	size_t nchapters;
	unsigned items_reported, items_completed, items_delayed;

	/* Values of the plan up to the year not yet approved, which an
	 * evaluation of approved values leaves out (pw_eval_from_store()
	 * only, 0 with o->unapproved): awaiting review, and drafts. */
	unsigned pending, drafts;

	/* The annual documents' targets of the years of the period up to
	 * the year, by year (empty when none): the annual report shows the
	 * year's, the evaluations' series every year's. */
	struct pw_eval_annual *annual;
	size_t nannual;

	char **warnings; /* notes for the reader, e.g. "no observations" */
	size_t nwarnings, warnings_alloc;

	/* private */
	struct pw_plan own_plan;
	bool owns_plan;
	int plan_id, version; /* 0 unless built from the store */
};

/*
 * Builds the evaluation of plan p for o->year into out (overwritten).
 * data may be NULL.  Returns 0, or -1 (pw_error) when p is NULL or no
 * indicator table, prose target or project belongs to the year.  On error
 * out is left released.
 */
int pw_eval_build(const struct pw_plan *p, const struct pw_eval_data *data,
		  const struct pw_eval_opts *o, struct pw_evaluation *out);

/* Whether pw_eval_build() finds anything of p to evaluate for year (a
 * table whose period holds it, or prose targets or projects of the plan's
 * own period); the whole-database pass skips the plans it does not. */
bool pw_eval_has_year(const struct pw_plan *p, int year);

/*
 * Loads version `version` (0: current) of plan `plan_id` and its
 * monitoring data (approved, or with o->unapproved also awaiting review),
 * and builds the evaluation.  It is the whole-database pass of
 * eval/gather.h over this one plan.  Returns 0, -1 after an
 * error, or PW_STORE_NOTFOUND when the plan does not exist.
 */
int pw_eval_from_store(struct pw_store *s, int plan_id, int version,
		       const struct pw_eval_opts *o, struct pw_evaluation *out);

void pw_eval_release(struct pw_evaluation *ev);

/* The short name of the ordinal-th five-year plan ("十三五" for 13), or NULL
 * when ordinal is outside 1..99; a new string the caller frees. */
char *pw_eval_plan_nickname(int ordinal);

/* Whether an indicator status counts as lagging/at risk (滞后, 未完成). */
bool pw_eval_status_at_risk(enum pw_status s);

#endif
