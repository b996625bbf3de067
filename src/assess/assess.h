/*
 * assess.h - the assessment engine: from one indicator, its targets and a
 * series of observations to a status per target and per indicator.
 *
 * The engine is pure: no I/O, no database, no globals.  Callers (the plan
 * file adapter in assess/assess_plan.c, the store adapter, the web API)
 * gather the inputs and print or store the results.  The method, its
 * formulas and thresholds are documented in docs/assessment.md; the names
 * used below (m, m0, goal, expected, R) are the ones used there.
 *
 * Phase.  A target is judged "at the end" when the assessment year is at or
 * after its target year (the target's own year, else the plan's end year)
 * AND the data a verdict needs are reported (the target year's value; every
 * year of the period for sums, compounded rates, rate averages and annual
 * targets): met / not_met / not_assessable / no_data, final.  At the end
 * without those data it is judged as in the period on the latest data and
 * marked provisional.  Before the target year it is judged "in the period":
 * achieved_early / ahead / on_track / lagging / no_data / not_assessable.
 */
#ifndef PW_ASSESS_H
#define PW_ASSESS_H

#include "model/plan.h"
#include "model/series.h"

#include <stdbool.h>
#include <stddef.h>

enum pw_status {
	PW_STATUS_NO_DATA,        /* 无数据: no usable observation */
	PW_STATUS_NOT_ASSESSABLE, /* 无法评估: nothing to compare against */
	PW_STATUS_MET,            /* 完成 */
	PW_STATUS_NOT_MET,        /* 未完成 */
	PW_STATUS_ACHIEVED_EARLY, /* 提前实现 */
	PW_STATUS_AHEAD,          /* 快于预期 */
	PW_STATUS_ON_TRACK,       /* 基本符合预期 */
	PW_STATUS_LAGGING,        /* 滞后 */
};

/* "met", "on_track"...; "完成", "基本符合预期"...; the inverse takes either
 * and returns -1 for an unknown name. */
const char *pw_status_name(enum pw_status s);
const char *pw_status_label(enum pw_status s);
int pw_status_from_name(const char *s);

struct pw_assess_opts {
	double approx_tol;   /* 左右: fraction of the target value (0.05) */
	double on_track_min; /* progress ratio R at or above: on_track (0.95) */
	double ahead_min;    /* R at or above: ahead (1.05) */
	double relation_tol; /* 基本同步: fraction of the related growth (0.05) */
};

void pw_assess_opts_init(struct pw_assess_opts *o);

struct pw_assess_input {
	const struct pw_indicator *ind;
	int start, end; /* plan period, e.g. 2021, 2025 */
	int year;       /* assessment year: observations after it are ignored */
	struct pw_series obs;
	/* For relation targets: the indicator the target names and its data. */
	const struct pw_indicator *related;
	struct pw_series related_obs;
	/* For external targets: the target set later (planwatch target set),
	 * judged like a table target of that kind (docs/assessment.md). */
	bool has_external;
	double external, external_hi; /* external_hi for PW_CMP_RANGE */
	enum pw_cmp external_cmp;     /* PW_CMP_NONE means eq */
	enum pw_kind external_kind;   /* level (0), growth, cumulative or annual */
	int external_year;            /* 0: the target's own year, else plan end */
};

struct pw_target_result {
	enum pw_kind kind;
	enum pw_status status;
	bool final;       /* judged at the end of the period: a verdict */
	bool provisional; /* at or after the target year without the data a
			   * verdict needs: judged in the period, not final */
	bool has_actual;  /* m: level, CAGR %, sum, change, growth...;
			   * annual targets: the worst year's value */
	double actual;    /* rates are rounded to 2 decimals */
	int actual_year;  /* year of the latest observation used (annual
			   * targets: the worst year) */
	bool worst;       /* actual is the worst year of a year-by-year
			   * (annual) target, also one set externally */
	bool estimated;   /* an observation used was an estimate */
	bool has_goal;    /* the value the target is judged against */
	double goal;
	bool has_expected; /* where the path says m should be at actual_year */
	double expected;
	bool has_progress; /* R = (m - m0) / (expected - m0); never for annual */
	double progress;
	bool has_related; /* relation: the related indicator's growth, % */
	double related;
	int nyears, nyears_met; /* annual targets and rate series: years judged
				 * and years that satisfy the target */
	const char *reason;     /* why no_data / not_assessable (static), or NULL */
};

struct pw_assessment {
	enum pw_status status; /* pw_assess_combine() of the targets */
	bool warning;          /* 预警: a binding indicator that is lagging */
	bool provisional;      /* some target is provisional (see above) */
	size_t ntargets;
	struct pw_target_result *targets; /* owned; pw_assessment_release() */
};

/*
 * Assesses every target of in->ind.  out is overwritten; its targets array
 * is allocated and owned by out (pw_assessment_release()).  Returns 0, or
 * -1 (with pw_error) when in or in->ind is NULL.
 */
int pw_assess_indicator(const struct pw_assess_input *in, const struct pw_assess_opts *o,
			struct pw_assessment *out);
void pw_assessment_release(struct pw_assessment *a);

/* Assesses one target t of in->ind into *r (no allocation kept). */
void pw_assess_target(const struct pw_assess_input *in, const struct pw_target *t,
		      const struct pw_assess_opts *o, struct pw_target_result *r);

/*
 * An indicator's status from its targets' statuses, worst first:
 * not_met, lagging, on_track, ahead, achieved_early, met; when no target
 * could be judged: no_data if every target lacks data, else not_assessable.
 */
enum pw_status pw_assess_combine(const struct pw_target_result *r, size_t n);

/* The series mode AUTO resolves to for targets of this kind. */
enum pw_series_mode pw_assess_series_mode(const struct pw_indicator *ind, enum pw_kind kind);

/* The cmp test at the end of a period (docs/assessment.md, "Comparison"):
 * does v satisfy (cmp, t, hi) for an indicator of direction dir? */
bool pw_assess_satisfies(enum pw_cmp cmp, enum pw_dir dir, double v, double t, double hi,
			 double tol);

/* Compound annual growth rate in % from `from` to `to` over `years`
 * years; NAN unless both values are positive and years > 0. */
double pw_assess_cagr(double from, double to, double years);
/* v rounded half away from zero to 2 decimals. */
double pw_assess_round2(double v);

#endif
