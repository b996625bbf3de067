/*
 * series.c - the arithmetic of the assessment engine: year series, compound
 * growth, rounding, the end-of-period comparison and how a series is read
 * (level, flow or rate).  Formulas: docs/assessment.md.
 */
#include "assess/assess_int.h"
#include "model/measure.h"
#include "text/vocab.h"
#include "util/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int obs_cmp(const void *a, const void *b)
{
	const struct pw_obs *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

void pw_assess_yseries(const struct pw_series *s, int lo, int hi, struct pw_yseries *out)
{
	size_t i, n = 0;

	out->obs = xcalloc(s->n ? s->n : 1, sizeof(*out->obs));
	for (i = 0; i < s->n; i++) {
		const struct pw_obs *o = &s->obs[i];
		size_t j;

		if (o->year < lo || o->year > hi || !isfinite(o->value))
			continue;
		for (j = 0; j < n && out->obs[j].year != o->year; j++)
			;
		out->obs[j] = *o; /* a repeated year: the later entry wins */
		if (j == n)
			n++;
	}
	qsort(out->obs, n, sizeof(*out->obs), obs_cmp);
	out->n = n;
}

void pw_assess_yseries_release(struct pw_yseries *ys)
{
	free(ys->obs);
	ys->obs = NULL;
	ys->n = 0;
}

double pw_assess_cagr(double from, double to, double years)
{
	if (!(from > 0) || !(to > 0) || !(years > 0))
		return NAN;
	return (pow(to / from, 1.0 / years) - 1.0) * 100.0;
}

double pw_assess_round2(double v)
{
	/* The nudge keeps 7.885 (stored as 7.88499999...) rounding up. */
	return round(v * 100.0 + (v >= 0 ? 1e-9 : -1e-9)) / 100.0;
}

double pw_assess_round6(double v)
{
	return round(v * 1e6) / 1e6;
}

double pw_assess_rate_mean(const struct pw_yseries *ys)
{
	double prod = 1.0;
	size_t i;

	if (!ys->n)
		return NAN;
	for (i = 0; i < ys->n; i++)
		prod *= 1.0 + ys->obs[i].value / 100.0;
	if (!(prod > 0))
		return NAN;
	return (pow(prod, 1.0 / (double)ys->n) - 1.0) * 100.0;
}

double pw_assess_rate_total(const struct pw_yseries *ys, int sign)
{
	double prod = 1.0;
	size_t i;

	for (i = 0; i < ys->n; i++)
		prod *= 1.0 + sign * ys->obs[i].value / 100.0;
	return sign * (prod - 1.0) * 100.0;
}

/* Does the name or the group hold a word of the classes in mask
 * (text/vocab.h)? */
static bool name_has(const struct pw_indicator *ind, unsigned mask)
{
	return pw_vocab_has(ind->name, mask) || pw_vocab_has(ind->group, mask);
}

/* A reduction is named by the indicator (单位GDP能耗降低) or, for a prose
 * target judged as an indicator, by its target's words (能耗累计下降13.5%). */
int pw_assess_reduction_sign(const struct pw_indicator *ind)
{
	size_t i;

	if (name_has(ind, PW_VOCAB_BIT(PW_VOCAB_DECREASE)))
		return -1;
	for (i = 0; i < ind->ntargets; i++)
		if (pw_vocab_has(ind->targets[i].text, PW_VOCAB_BIT(PW_VOCAB_DECREASE)))
			return -1;
	return 1;
}

enum pw_series_mode pw_assess_series_mode(const struct pw_indicator *ind, enum pw_kind kind)
{
	return pw_measure_for_kind(ind, kind);
}

static bool at_least(double v, double t)
{
	return v >= t - 1e-9 * fmax(1.0, fabs(t));
}

static bool at_most(double v, double t)
{
	return v <= t + 1e-9 * fmax(1.0, fabs(t));
}

bool pw_assess_satisfies(enum pw_cmp cmp, enum pw_dir dir, double v, double t, double hi,
			 double tol)
{
	bool up = dir == PW_DIR_UP;

	switch (cmp) {
	case PW_CMP_GE:
		return at_least(v, t);
	case PW_CMP_LE:
		return at_most(v, t);
	case PW_CMP_APPROX:
		return up ? at_least(v, t - tol * fabs(t)) : at_most(v, t + tol * fabs(t));
	case PW_CMP_RANGE:
		return up ? at_least(v, t) : at_most(v, hi);
	case PW_CMP_EQ:
	case PW_CMP_NONE:
	default:
		return up ? at_least(v, t) : at_most(v, t);
	}
}
