/*
 * annual.c - a year's own target against the five-year path and against
 * the year's value (assess/annual.h; method: docs/annual.md).
 *
 * The path is the one the assessment uses (docs/assessment.md, "Method"):
 * linear from the baseline to the target for levels, the constant target
 * rate for growth, the pro-rata share for totals; here it is read for one
 * year and in the terms the annual target is written in.
 */
#include "assess/annual.h"
#include "assess/assess_int.h"
#include "model/measure.h"
#include "text/vocab.h"
#include "util/names.h"
#include "util/nelem.h"

#include <math.h>
#include <string.h>

static const struct pw_name term_names[] = {
	{ "level", "水平值" }, { "rate", "当年增速" }, { "amount", "当年量" },
};
static const struct pw_name fit_names[] = {
	{ "unknown", "无法判断" }, { "consistent", "衔接" }, { "short", "低于应达值" },
};

const char *pw_annual_term_name(enum pw_annual_term t)
{
	return pw_name_of(term_names, NELEM(term_names), t, "?");
}

const char *pw_annual_fit_name(enum pw_annual_fit f)
{
	return pw_name_of(fit_names, NELEM(fit_names), f, "?");
}

const char *pw_annual_fit_label(enum pw_annual_fit f)
{
	return pw_name_zh(fit_names, NELEM(fit_names), f, "?");
}

enum pw_annual_term pw_annual_term_of(const struct pw_target *at, const char *unit)
{
	switch (at->kind) {
	case PW_KIND_GROWTH:
	case PW_KIND_RELATION:
		return PW_ANNUAL_RATE;
	case PW_KIND_CUMULATIVE:
	case PW_KIND_ANNUAL:
		return PW_ANNUAL_AMOUNT;
	default: /* 提高0.5个百分点: a change of a share */
		return unit && strstr(unit, "百分点") &&
				       pw_vocab_has(at->text, PW_VOCAB_CHANGE)
			       ? PW_ANNUAL_AMOUNT
			       : PW_ANNUAL_LEVEL;
	}
}

/* The five-year target the annual one is read against: of a kind in the
 * same terms, else the first with a value. */
static const struct pw_target *five_year_target(const struct pw_indicator *ind,
						enum pw_annual_term term)
{
	const struct pw_target *first = NULL;
	size_t i;

	for (i = 0; i < ind->ntargets; i++) {
		const struct pw_target *t = &ind->targets[i];
		bool fits = term == PW_ANNUAL_RATE ? t->kind == PW_KIND_GROWTH
			  : term == PW_ANNUAL_AMOUNT ? t->kind == PW_KIND_CUMULATIVE ||
							   t->kind == PW_KIND_ANNUAL
						     : t->kind == PW_KIND_LEVEL;

		if (!t->has_value)
			continue;
		if (fits)
			return t;
		if (!first)
			first = t;
	}
	return first;
}

/* The value of year y in s, if any. */
static bool value_of(const struct pw_series *s, int y, struct pw_obs *out)
{
	struct pw_yseries ys;
	bool ok;

	pw_assess_yseries(s, y, y, &ys);
	ok = ys.n == 1;
	if (ok)
		*out = ys.obs[0];
	pw_assess_yseries_release(&ys);
	return ok;
}

/* The path's base: the baseline, else the latest value before the period
 * (the rule of the assessment's level path, without its in-period
 * fallback: a path must not start from the year it judges). */
static bool base_of(const struct pw_annual_input *in, double *b, int *by)
{
	struct pw_yseries ys;
	bool ok;

	if (in->ind->has_baseline) {
		*b = in->ind->baseline;
		*by = in->ind->baseline_year ? in->ind->baseline_year : in->start - 1;
		return true;
	}
	pw_assess_yseries(&in->obs, 0, in->start - 1, &ys);
	ok = ys.n > 0;
	if (ok) {
		*b = ys.obs[ys.n - 1].value;
		*by = ys.obs[ys.n - 1].year;
	}
	pw_assess_yseries_release(&ys);
	return ok;
}

static enum pw_series_mode mode_of(const struct pw_annual_input *in)
{
	return in->obs.mode != PW_SERIES_AUTO ? in->obs.mode : pw_measure_of_indicator(in->ind);
}

static int period_years(const struct pw_annual_input *in, int ty)
{
	int n = ty - in->start + 1;

	return n > 0 ? n : 1;
}

static bool no_path(struct pw_annual_result *r, const char *why)
{
	r->why = why;
	return false;
}

/* The path of a level (or of a share's change) read for year y. */
static bool level_path(const struct pw_annual_input *in, const struct pw_target *f, int ty,
		       struct pw_annual_result *r)
{
	bool change = f->kind == PW_KIND_CUMULATIVE || f->kind == PW_KIND_ANNUAL;
	double b, goal;
	int by;

	if (!base_of(in, &b, &by)) {
		/* a ceiling is kept every year and needs no start
		 * (城镇登记失业率控制在4.5%以下); a floor to reach by the
		 * end (超过10家) says nothing of the years before */
		if (!change && f->cmp == PW_CMP_LE) {
			r->path = f->value;
			return true;
		}
		return no_path(r, "no baseline");
	}
	if (ty <= by)
		return no_path(r, "target year not after the baseline");
	goal = f->kind == PW_KIND_ANNUAL ? b + f->value * (ty - by)
	     : change ? b + f->value : f->value;
	if (r->term == PW_ANNUAL_AMOUNT)
		r->path = (goal - b) / (ty - by);
	else
		r->path = b + (goal - b) * (in->year - by) / (ty - by);
	return true;
}

/* The rate a year needs: the target rate; the CAGR from the baseline to a
 * level target; the yearly rate that compounds to a cumulative one. */
static bool rate_path(const struct pw_annual_input *in, const struct pw_target *f, int ty,
		      struct pw_annual_result *r)
{
	int sign = pw_assess_reduction_sign(in->ind);
	double b;
	int by;

	switch (f->kind) {
	case PW_KIND_GROWTH:
		r->path = f->value;
		return true;
	case PW_KIND_CUMULATIVE:
		r->path = sign * (pow(1.0 + sign * f->value / 100.0,
				      1.0 / period_years(in, ty)) - 1.0) * 100.0;
		return true;
	case PW_KIND_LEVEL:
		if (!base_of(in, &b, &by))
			return no_path(r, "no baseline");
		r->path = pw_assess_cagr(b, f->value, ty - by);
		return !isnan(r->path) || no_path(r, "growth needs positive values");
	default:
		return no_path(r, "no five-year rate to compare with");
	}
}

/* The yearly amount of a total (城镇新增就业人数[5]: 1 a year). */
static bool amount_path(const struct pw_annual_input *in, const struct pw_target *f, int ty,
			struct pw_annual_result *r)
{
	enum pw_series_mode m = mode_of(in);

	if (f->kind == PW_KIND_ANNUAL) {
		r->path = f->value;
		return true;
	}
	if (f->kind == PW_KIND_CUMULATIVE && (m == PW_SERIES_FLOW || m == PW_SERIES_TOTAL)) {
		r->path = f->value / period_years(in, ty);
		return true;
	}
	return level_path(in, f, ty, r);
}

/*
 * What the year needs, given the years before it, for the five-year
 * target to be reached if every year from it on does the same: for a
 * growth rate compared year by year, the rate that compounds with the
 * years reported to T a year on average; for a total of yearly amounts,
 * the rest of the total shared over the years left.  Needs every year of
 * the period before y reported; false otherwise (and for other kinds).
 */
static bool needed_of(const struct pw_annual_input *in, const struct pw_target *f, int ty,
		      struct pw_annual_result *r)
{
	enum pw_series_mode m = mode_of(in);
	int left = ty - in->year + 1, p = period_years(in, ty);
	struct pw_yseries ys;
	double acc = r->term == PW_ANNUAL_RATE ? 1.0 : 0.0;
	bool ok;
	size_t i;

	if (left < 1 || in->year <= in->start)
		return false;
	pw_assess_yseries(&in->obs, in->start, in->year - 1, &ys);
	ok = ys.n == (size_t)(in->year - in->start);
	for (i = 0; ok && i < ys.n; i++) {
		if (r->term == PW_ANNUAL_RATE)
			acc *= 1.0 + ys.obs[i].value / 100.0;
		else
			acc += ys.obs[i].value;
	}
	pw_assess_yseries_release(&ys);
	if (!ok)
		return false;
	if (r->term == PW_ANNUAL_RATE && f->kind == PW_KIND_GROWTH && m == PW_SERIES_RATE &&
	    acc > 0) {
		r->needed = (pow(pow(1.0 + f->value / 100.0, p) / acc, 1.0 / left) - 1.0) * 100.0;
		return isfinite(r->needed);
	}
	if (r->term == PW_ANNUAL_AMOUNT && f->kind == PW_KIND_CUMULATIVE && m == PW_SERIES_FLOW) {
		r->needed = (f->value - acc) / left;
		return true;
	}
	return false;
}

static bool path_of(const struct pw_annual_input *in, const struct pw_target *f,
		    struct pw_annual_result *r)
{
	int ty = f->year ? f->year : in->end;

	if (in->year > ty || in->year < in->start)
		return no_path(r, "year outside the plan period");
	switch (r->term) {
	case PW_ANNUAL_RATE:
		return rate_path(in, f, ty, r);
	case PW_ANNUAL_AMOUNT:
		return amount_path(in, f, ty, r);
	default:
		if (f->kind == PW_KIND_GROWTH || f->kind == PW_KIND_RELATION)
			return no_path(r, "a growth target sets no level");
		return level_path(in, f, ty, r);
	}
}

/* Which way is better for the year's number: a ceiling (le) is kept low,
 * a floor (ge) high; else the five-year item's direction for a level, and
 * up for a rate or an amount (a fall is written as a positive number). */
static enum pw_dir dir_of(const struct pw_annual_input *in, const struct pw_target *f,
			  enum pw_annual_term term)
{
	if (in->at->cmp == PW_CMP_LE || (f && f->cmp == PW_CMP_LE && in->at->cmp != PW_CMP_GE))
		return PW_DIR_DOWN;
	if (in->at->cmp == PW_CMP_GE)
		return PW_DIR_UP;
	return term == PW_ANNUAL_LEVEL ? in->ind->direction : PW_DIR_UP;
}

/* The year's value in the annual target's terms, from the item's series. */
static bool actual_of(const struct pw_annual_input *in, struct pw_annual_result *r)
{
	enum pw_series_mode m = mode_of(in);
	struct pw_obs cur, prev;
	bool has_prev;

	if (!value_of(&in->obs, in->year, &cur))
		return false;
	r->estimated = cur.estimated;
	r->actual = cur.value;
	if (m == PW_SERIES_LEVEL || m == PW_SERIES_TOTAL) {
		if (r->term == PW_ANNUAL_LEVEL)
			return true;
		has_prev = value_of(&in->obs, in->year - 1, &prev);
		if (!has_prev && m == PW_SERIES_TOTAL && in->year == in->start)
			return true; /* the first year's total is its amount */
		if (!has_prev)
			return false;
		if (r->term == PW_ANNUAL_RATE)
			r->actual = prev.value > 0 ? (cur.value / prev.value - 1.0) * 100.0 : NAN;
		else
			r->actual = cur.value - prev.value;
		r->estimated |= prev.estimated;
		return isfinite(r->actual);
	}
	return true; /* a rate or an amount is the year's own figure */
}

/* The path's value for the year, what the year needs after the years
 * before, and whether the year's target goes as far as the path. */
static void judge_path(const struct pw_annual_input *in, const struct pw_target *f,
		       enum pw_dir dir, struct pw_annual_result *r)
{
	const struct pw_target *at = in->at;
	int ty = f ? (f->year ? f->year : in->end) : 0;
	enum pw_cmp c = at->cmp == PW_CMP_APPROX ? PW_CMP_APPROX : PW_CMP_EQ;
	/* a range commits to its worse edge */
	double edge = dir == PW_DIR_DOWN && at->has_value_hi ? at->value_hi : at->value;

	r->has_path = f ? path_of(in, f, r) : no_path(r, "no five-year target with a value");
	if (!r->has_path)
		return;
	r->path = pw_assess_round2(r->path);
	if (in->year <= ty && needed_of(in, f, ty, r))
		r->has_needed = true, r->needed = pw_assess_round2(r->needed);
	r->fit = !at->has_value ? PW_FIT_UNKNOWN
	       : pw_assess_satisfies(c, dir, edge, r->path, r->path, in->tol) ? PW_FIT_CONSISTENT
									     : PW_FIT_SHORT;
}

/* The year's value against the year's own target. */
static void judge_year(const struct pw_annual_input *in, enum pw_dir dir,
		       struct pw_annual_result *r)
{
	const struct pw_target *at = in->at;

	if (!at->has_value) {
		r->status = PW_STATUS_NOT_ASSESSABLE;
		return;
	}
	r->has_actual = actual_of(in, r);
	if (!r->has_actual) {
		r->status = PW_STATUS_NO_DATA;
		return;
	}
	r->actual = pw_assess_round2(r->actual);
	r->status = pw_assess_satisfies(at->cmp, dir, r->actual, at->value,
					at->has_value_hi ? at->value_hi : at->value, in->tol)
			    ? PW_STATUS_MET
			    : PW_STATUS_NOT_MET;
}

void pw_annual_judge(const struct pw_annual_input *in, struct pw_annual_result *r)
{
	const struct pw_target *f;
	enum pw_dir dir;

	memset(r, 0, sizeof(*r));
	r->term = pw_annual_term_of(in->at, in->unit);
	f = five_year_target(in->ind, r->term);
	dir = dir_of(in, f, r->term);
	judge_path(in, f, dir, r);
	judge_year(in, dir, r);
}
