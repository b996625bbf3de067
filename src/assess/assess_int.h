/*
 * assess_int.h - what the files of the assessment engine share and nobody
 * else needs: the per-target context, the measure a kind computes, and the
 * year-series helpers.  See assess.h for the public API.
 */
#ifndef PW_ASSESS_INT_H
#define PW_ASSESS_INT_H

#include "assess/assess.h"

/* Everything one target's assessment reads, resolved once. */
struct pw_assess_ctx {
	const struct pw_assess_input *in;
	const struct pw_target *t;
	const struct pw_assess_opts *o;
	enum pw_dir dir;
	int start, end; /* plan period (end falls back to the year) */
	int ty;         /* target year: t->year, else end */
	int horizon;    /* last year whose observations count: min(year, ty) */
	bool at_end;    /* year >= ty: final if the data are complete */
};

/*
 * What a kind hands to the common judge (docs/assessment.md, "Method"):
 * the current measure m, the start of its path m0, the value it is judged
 * against (goal, hi for ranges, with cmp and tol), and where the path says
 * m should be now (expected).
 */
struct pw_measure {
	double m, m0, goal, hi, expected, tol;
	enum pw_cmp cmp;
	int year;
	bool estimated;
	bool has_path; /* m0 and expected are defined */
	bool early_ok; /* the kind can be achieved before the end */
	bool early;    /* ...and it is: the target is already reached */
	bool complete; /* the data a final verdict needs are reported */
	int nyears, nyears_met;
};

/* A year series: sorted by year, one entry per year (owned). */
struct pw_yseries {
	struct pw_obs *obs;
	size_t n;
};

/* The observations of s with lo <= year <= hi, sorted, later entries
 * winning for a repeated year.  out owns its array (pw_yseries_release). */
void pw_assess_yseries(const struct pw_series *s, int lo, int hi, struct pw_yseries *out);
void pw_assess_yseries_release(struct pw_yseries *ys);

/* Compound mean of annual rates in %: ((prod(1 + g/100))^(1/n) - 1) * 100. */
double pw_assess_rate_mean(const struct pw_yseries *ys);
/* Compounded total of annual rates in % (docs: "cumulative, rate series");
 * sign is +1 for growth rates, -1 for reduction rates (降低率). */
double pw_assess_rate_total(const struct pw_yseries *ys, int sign);
/* v rounded to 6 decimals: removes the noise of sums of binary fractions. */
double pw_assess_round6(double v);

/* Fills m for each kind; returns 0, or sets r->status and r->reason and
 * returns -1 when the target cannot be judged. */
int pw_measure_level(const struct pw_assess_ctx *c, const struct pw_target *t,
		     struct pw_measure *m, struct pw_target_result *r);
int pw_measure_growth(const struct pw_assess_ctx *c, struct pw_measure *m,
		      struct pw_target_result *r);
int pw_measure_cumulative(const struct pw_assess_ctx *c, struct pw_measure *m,
			  struct pw_target_result *r);
int pw_measure_relation(const struct pw_assess_ctx *c, struct pw_measure *m,
			struct pw_target_result *r);
/* Annual targets are judged year by year: fills r completely. */
void pw_assess_annual(const struct pw_assess_ctx *c, struct pw_target_result *r);

/* Sets the goal, hi and cmp of m from target t; -1 if t has no value. */
int pw_measure_goal(const struct pw_assess_ctx *c, const struct pw_target *t,
		    struct pw_measure *m);
/* Does m->m satisfy the target (the end-of-period test)? */
bool pw_measure_satisfied(const struct pw_assess_ctx *c, const struct pw_measure *m, double v);

#endif
