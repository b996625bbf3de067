/*
 * measure.c - what each kind of target is judged on: the current measure m,
 * the start and the expected point of its path, and whether the target is
 * already reached.  assess.c turns a measure into a status.  The formulas
 * and their reasons are in docs/assessment.md ("Method, by kind").
 */
#include "assess/assess_int.h"
#include "text/vocab.h"
#include "util/alloc.h"

#include <math.h>
#include <string.h>

static int fail(struct pw_target_result *r, enum pw_status s, const char *why)
{
	r->status = s;
	r->reason = why;
	return -1;
}

int pw_measure_goal(const struct pw_assess_ctx *c, const struct pw_target *t,
		    struct pw_measure *m)
{
	if (!t->has_value)
		return -1;
	m->cmp = t->cmp;
	m->goal = t->value;
	m->hi = t->has_value_hi ? t->value_hi : t->value;
	if (m->cmp == PW_CMP_RANGE && c->dir == PW_DIR_DOWN)
		m->goal = m->hi; /* the edge that must be reached */
	m->tol = c->o->approx_tol;
	return 0;
}

bool pw_measure_satisfied(const struct pw_assess_ctx *c, const struct pw_measure *m, double v)
{
	return pw_assess_satisfies(m->cmp, c->dir, v, m->goal, m->hi, m->tol);
}

/*
 * The start of a level path: the indicator's baseline; else the latest
 * observation before the period; else the first observation in the period
 * when a later one exists (open-sdg's rule for a missing base year).
 */
static bool path_base(const struct pw_assess_ctx *c, double *b, int *by)
{
	const struct pw_indicator *ind = c->in->ind;
	struct pw_yseries ys;
	bool ok = false;

	if (ind->has_baseline) {
		*b = ind->baseline;
		*by = ind->baseline_year ? ind->baseline_year : c->start - 1;
		return true;
	}
	pw_assess_yseries(&c->in->obs, 0, c->start - 1, &ys);
	if (ys.n) {
		*b = ys.obs[ys.n - 1].value;
		*by = ys.obs[ys.n - 1].year;
		ok = true;
	}
	pw_assess_yseries_release(&ys);
	if (ok)
		return true;
	pw_assess_yseries(&c->in->obs, c->start, c->horizon, &ys);
	if (ys.n >= 2) {
		*b = ys.obs[0].value;
		*by = ys.obs[0].year;
		ok = true;
	}
	pw_assess_yseries_release(&ys);
	return ok;
}

/* The latest observation of s in [lo, hi]; false if none. */
static bool latest(const struct pw_series *s, int lo, int hi, struct pw_obs *out)
{
	struct pw_yseries ys;
	bool ok;

	pw_assess_yseries(s, lo, hi, &ys);
	ok = ys.n > 0;
	if (ok)
		*out = ys.obs[ys.n - 1];
	pw_assess_yseries_release(&ys);
	return ok;
}

/* Share of the way from year `from` to year `to` that year y has gone. */
static double elapsed(int from, int y, int to)
{
	return to > from ? (double)(y - from) / (double)(to - from) : 1.0;
}

/* Does s hold a value for year y? */
static bool has_year(const struct pw_series *s, int y)
{
	struct pw_obs o;

	return latest(s, y, y, &o);
}

/*
 * Are every year's values of the period up to the target year reported, as
 * a sum, a compound or a year-by-year target needs for a verdict?  A
 * completion table's figure for the target year stands for them all.
 */
static bool every_year(const struct pw_assess_ctx *c, const struct pw_series *s)
{
	struct pw_yseries ys;
	bool all;

	if (s->whole_period && has_year(s, c->ty))
		return true;
	pw_assess_yseries(s, c->start, c->ty, &ys);
	all = c->ty >= c->start && ys.n == (size_t)(c->ty - c->start + 1);
	pw_assess_yseries_release(&ys);
	return all;
}

int pw_measure_level(const struct pw_assess_ctx *c, const struct pw_target *t,
		     struct pw_measure *m, struct pw_target_result *r)
{
	struct pw_obs cur;
	double b = 0;
	int by = 0;
	bool based = path_base(c, &b, &by);

	if (pw_measure_goal(c, t, m) < 0)
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "target has no value");
	if (!latest(&c->in->obs, based ? by + 1 : c->start, c->horizon, &cur))
		return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
	m->m = cur.value;
	m->year = cur.year;
	m->estimated = cur.estimated;
	m->early_ok = true;
	m->early = pw_measure_satisfied(c, m, m->m);
	m->complete = cur.year == c->ty;
	if (based) {
		m->has_path = true;
		m->m0 = b;
		m->expected = b + (m->goal - b) * elapsed(by, cur.year, c->ty);
	}
	return 0;
}

/* Growth of a level series: CAGR from the base to the latest value. */
static int growth_of_levels(const struct pw_assess_ctx *c, const struct pw_indicator *ind,
			    const struct pw_series *s, int hi, struct pw_obs *cur, double *g,
			    struct pw_target_result *r)
{
	struct pw_assess_ctx cc = *c;
	struct pw_assess_input in = *c->in;
	double b;
	int by;

	in.ind = ind;
	in.obs = *s;
	cc.in = &in;
	cc.horizon = hi;
	if (!path_base(&cc, &b, &by)) {
		if (!latest(s, c->start, hi, cur))
			return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "no baseline to compute growth from");
	}
	if (!latest(s, by + 1, hi, cur))
		return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
	*g = pw_assess_cagr(b, cur->value, cur->year - by);
	if (isnan(*g))
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "growth needs positive values");
	return 0;
}

/* Growth of a rate series: the compound mean of the years' rates. */
static int growth_of_rates(const struct pw_assess_ctx *c, const struct pw_series *s, int hi,
			   struct pw_obs *cur, double *g, struct pw_target_result *r)
{
	struct pw_yseries ys;

	pw_assess_yseries(s, c->start, hi, &ys);
	if (!ys.n) {
		pw_assess_yseries_release(&ys);
		return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
	}
	*cur = ys.obs[ys.n - 1];
	*g = pw_assess_rate_mean(&ys);
	pw_assess_yseries_release(&ys);
	if (isnan(*g))
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "rates below -100%");
	return 0;
}

static enum pw_series_mode mode_of(const struct pw_indicator *ind, const struct pw_series *s,
				   enum pw_kind kind)
{
	return s->mode != PW_SERIES_AUTO ? s->mode : pw_assess_series_mode(ind, kind);
}

/* Are the data for a final verdict on the growth of ind reported: every
 * year's rate for a rate series, the target year's level otherwise? */
static bool growth_complete(const struct pw_assess_ctx *c, const struct pw_indicator *ind,
			    const struct pw_series *s)
{
	if (mode_of(ind, s, PW_KIND_GROWTH) == PW_SERIES_RATE)
		return every_year(c, s);
	return has_year(s, c->ty);
}

/* The growth (%) of ind over the period up to year hi, by its mode. */
static int growth_to(const struct pw_assess_ctx *c, const struct pw_indicator *ind,
		     const struct pw_series *s, int hi, struct pw_obs *cur, double *g,
		     struct pw_target_result *r)
{
	if (mode_of(ind, s, PW_KIND_GROWTH) == PW_SERIES_RATE)
		return growth_of_rates(c, s, hi, cur, g, r);
	return growth_of_levels(c, ind, s, hi, cur, g, r);
}

/* Counts the years of a rate series that meet the target on their own. */
static void count_rate_years(const struct pw_assess_ctx *c, struct pw_measure *m)
{
	struct pw_yseries ys;
	size_t i;

	pw_assess_yseries(&c->in->obs, c->start, m->year, &ys);
	for (i = 0; i < ys.n; i++)
		m->nyears_met += pw_measure_satisfied(c, m, ys.obs[i].value);
	m->nyears = (int)ys.n;
	pw_assess_yseries_release(&ys);
}

/* Reached early: the level v already implies the target rate over the
 * whole span from the baseline to the target year. */
static void growth_reached(const struct pw_assess_ctx *c, double v, struct pw_measure *m)
{
	double b = 0, full;
	int by = 0;

	path_base(c, &b, &by);
	full = pw_assess_cagr(b, v, c->ty - by);
	m->early_ok = !isnan(full);
	m->early = m->early_ok && pw_measure_satisfied(c, m, pw_assess_round2(full));
}

int pw_measure_growth(const struct pw_assess_ctx *c, struct pw_measure *m,
		      struct pw_target_result *r)
{
	const struct pw_indicator *ind = c->in->ind;
	struct pw_obs cur;
	double g;

	if (pw_measure_goal(c, c->t, m) < 0)
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "target has no value");
	if (growth_to(c, ind, &c->in->obs, c->horizon, &cur, &g, r) < 0)
		return -1;
	m->m = pw_assess_round2(g);
	m->year = cur.year;
	m->estimated = cur.estimated;
	m->has_path = true;
	m->m0 = 0;
	m->expected = m->goal;
	m->complete = growth_complete(c, ind, &c->in->obs);
	if (mode_of(ind, &c->in->obs, PW_KIND_GROWTH) == PW_SERIES_RATE)
		count_rate_years(c, m);
	else
		growth_reached(c, cur.value, m);
	return 0;
}

static int period_years(const struct pw_assess_ctx *c)
{
	int n = c->ty - c->start + 1;

	return n > 0 ? n : 1;
}

/* Cumulative over annual values: their sum (flows) or compounded total (rates). */
static int cumulative_of_years(const struct pw_assess_ctx *c, bool rates, struct pw_measure *m,
			       struct pw_target_result *r)
{
	struct pw_yseries ys;
	double share, sum = 0;
	int sign = pw_assess_reduction_sign(c->in->ind);
	size_t i;

	pw_assess_yseries(&c->in->obs, c->start, c->horizon, &ys);
	if (!ys.n) {
		pw_assess_yseries_release(&ys);
		return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
	}
	for (i = 0; i < ys.n; i++) {
		sum += ys.obs[i].value;
		m->estimated |= ys.obs[i].estimated;
	}
	m->year = ys.obs[ys.n - 1].year;
	m->complete = every_year(c, &c->in->obs);
	share = (double)ys.n / period_years(c);
	if (rates) {
		m->m = pw_assess_round2(pw_assess_rate_total(&ys, sign));
		m->expected = sign * (pow(1.0 + sign * m->goal / 100.0, share) - 1.0) * 100.0;
	} else {
		m->m = pw_assess_round6(sum);
		m->expected = m->goal * share;
	}
	pw_assess_yseries_release(&ys);
	return 0;
}

/* Cumulative change of a level (a share's [2.5] percentage points). */
static int cumulative_change(const struct pw_assess_ctx *c, struct pw_measure *m,
			     struct pw_target_result *r)
{
	struct pw_obs cur;
	double b;
	int by;

	if (!path_base(c, &b, &by)) {
		if (!latest(&c->in->obs, c->start, c->horizon, &cur))
			return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "no baseline to measure the change from");
	}
	if (!latest(&c->in->obs, by + 1, c->horizon, &cur))
		return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
	m->m = pw_assess_round6(cur.value - b);
	m->year = cur.year;
	m->estimated = cur.estimated;
	m->expected = m->goal * elapsed(by, cur.year, c->ty);
	m->complete = cur.year == c->ty;
	return 0;
}

/* A running total since the period began: the latest is the measure. */
static int cumulative_total(const struct pw_assess_ctx *c, struct pw_measure *m,
			    struct pw_target_result *r)
{
	struct pw_obs cur;

	if (!latest(&c->in->obs, c->start, c->horizon, &cur))
		return fail(r, PW_STATUS_NO_DATA, "no observation in the period");
	m->m = pw_assess_round6(cur.value);
	m->year = cur.year;
	m->estimated = cur.estimated;
	m->expected = m->goal * (double)(cur.year - c->start + 1) / period_years(c);
	m->complete = cur.year == c->ty;
	return 0;
}

int pw_measure_cumulative(const struct pw_assess_ctx *c, struct pw_measure *m,
			  struct pw_target_result *r)
{
	enum pw_series_mode mode = mode_of(c->in->ind, &c->in->obs, PW_KIND_CUMULATIVE);
	int rc;

	if (pw_measure_goal(c, c->t, m) < 0)
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "target has no value");
	if (mode == PW_SERIES_LEVEL)
		rc = cumulative_change(c, m, r);
	else if (mode == PW_SERIES_TOTAL)
		rc = cumulative_total(c, m, r);
	else
		rc = cumulative_of_years(c, mode == PW_SERIES_RATE, m, r);
	if (rc < 0)
		return -1;
	m->has_path = true;
	m->m0 = 0;
	m->early_ok = true;
	m->early = pw_measure_satisfied(c, m, m->m);
	return 0;
}

int pw_measure_relation(const struct pw_assess_ctx *c, struct pw_measure *m,
			struct pw_target_result *r)
{
	const struct pw_assess_input *in = c->in;
	struct pw_target_result rel = { 0 };
	struct pw_obs cur, rcur;
	double g, h;

	if (growth_to(c, in->ind, &in->obs, c->horizon, &cur, &g, r) < 0)
		return -1;
	m->m = pw_assess_round2(g);
	m->year = cur.year;
	m->estimated = cur.estimated;
	r->has_actual = true; /* shown even when the related side is missing */
	r->actual = m->m;
	r->actual_year = m->year;
	if (!in->related || !in->related_obs.n)
		return fail(r, PW_STATUS_NOT_ASSESSABLE, "no data for the related indicator");
	if (growth_to(c, in->related, &in->related_obs, cur.year, &rcur, &h, &rel) < 0)
		return fail(r, PW_STATUS_NOT_ASSESSABLE, rel.reason);
	m->goal = m->hi = m->expected = pw_assess_round2(h);
	m->complete = growth_complete(c, in->ind, &in->obs) &&
		      growth_complete(c, in->related, &in->related_obs);
	r->has_related = true;
	r->related = m->goal;
	m->cmp = PW_CMP_APPROX;
	m->tol = c->o->relation_tol;
	m->has_path = true;
	m->m0 = 0;
	return 0;
}

/* The index of the year of ys furthest on the wrong side of the target:
 * the lowest for a floor (ge, or eq/approx/range going up), the highest
 * for a ceiling (le, or going down); the latest of equals. */
static size_t worst_year(const struct pw_assess_ctx *c, const struct pw_measure *m,
			 const struct pw_yseries *ys)
{
	bool floor = m->cmp == PW_CMP_GE || (m->cmp != PW_CMP_LE && c->dir == PW_DIR_UP);
	double sign = floor ? 1.0 : -1.0;
	size_t i, w = 0;

	for (i = 1; i < ys->n; i++)
		if (sign * ys->obs[i].value <= sign * ys->obs[w].value)
			w = i;
	return w;
}

/*
 * The values an annual target judges, from a series of levels (每年下降3
 * 微克 entered as the concentration) or running totals: each year's
 * change from the year before (a fall, prev - cur, when the target is
 * worded as a reduction), the first year's from the value before the
 * period (the level's baseline or the base-year row; 0 for a total).  A
 * year without a previous value is left out.  ys is replaced.
 */
static void yearly_changes(const struct pw_assess_ctx *c, enum pw_series_mode mode,
			   struct pw_yseries *ys)
{
	const struct pw_indicator *ind = c->in->ind;
	int sign = mode == PW_SERIES_LEVEL &&
		   pw_vocab_has(c->t->text, PW_VOCAB_BIT(PW_VOCAB_DECREASE)) ? -1 : 1;
	struct pw_yseries before;
	bool has_prev = mode == PW_SERIES_TOTAL;
	double prev = 0;
	int prev_year = c->start - 1;
	size_t i, k = 0;

	pw_assess_yseries(&c->in->obs, 0, c->start - 1, &before);
	if (mode == PW_SERIES_LEVEL && before.n) {
		prev = before.obs[before.n - 1].value;
		prev_year = before.obs[before.n - 1].year;
		has_prev = true;
	} else if (mode == PW_SERIES_LEVEL && ind->has_baseline) {
		prev = ind->baseline;
		prev_year = ind->baseline_year ? ind->baseline_year : c->start - 1;
		has_prev = true;
	}
	pw_assess_yseries_release(&before);
	for (i = 0; i < ys->n; i++) {
		struct pw_obs o = ys->obs[i];

		if (has_prev && o.year == prev_year + 1) {
			ys->obs[k] = o;
			ys->obs[k++].value = pw_assess_round6(sign * (o.value - prev));
		}
		has_prev = true;
		prev = o.value;
		prev_year = o.year;
	}
	ys->n = k;
}

/*
 * Each year on its own (docs/assessment.md, "annual"): the status rests on
 * the worst year, so that is what actual/actual_year report, with the count
 * of years that keep the target; a per-year bound has no progress ratio.
 * One failed year settles the end verdict (未完成) whatever is missing; a
 * clean record is a verdict only when every year of the period is in.
 */
void pw_assess_annual(const struct pw_assess_ctx *c, struct pw_target_result *r)
{
	struct pw_measure m = { 0 };
	struct pw_yseries ys;
	enum pw_series_mode mode;
	bool failed;
	size_t i, w;

	if (pw_measure_goal(c, c->t, &m) < 0) {
		fail(r, PW_STATUS_NOT_ASSESSABLE, "target has no value");
		return;
	}
	pw_assess_yseries(&c->in->obs, c->start, c->horizon, &ys);
	mode = mode_of(c->in->ind, &c->in->obs, PW_KIND_ANNUAL);
	if (mode == PW_SERIES_LEVEL || mode == PW_SERIES_TOTAL)
		yearly_changes(c, mode, &ys);
	if (!ys.n) {
		pw_assess_yseries_release(&ys);
		fail(r, PW_STATUS_NO_DATA, mode == PW_SERIES_LEVEL
		     ? "no two consecutive years to measure the change by"
		     : "no observation in the period");
		return;
	}
	for (i = 0; i < ys.n; i++) {
		r->nyears_met += pw_measure_satisfied(c, &m, ys.obs[i].value);
		r->estimated |= ys.obs[i].estimated;
	}
	w = worst_year(c, &m, &ys);
	r->nyears = (int)ys.n;
	r->has_actual = r->has_goal = r->worst = true;
	r->actual = ys.obs[w].value;
	r->actual_year = ys.obs[w].year;
	r->goal = m.goal;
	pw_assess_yseries_release(&ys);
	failed = r->nyears_met < r->nyears;
	r->final = c->at_end && (failed || every_year(c, &c->in->obs));
	r->provisional = c->at_end && !r->final;
	if (r->final)
		r->status = failed ? PW_STATUS_NOT_MET : PW_STATUS_MET;
	else
		r->status = failed ? PW_STATUS_LAGGING : PW_STATUS_ON_TRACK;
}
