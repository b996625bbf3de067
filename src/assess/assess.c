/*
 * assess.c - the assessment engine's entry points: status names, options,
 * the common judge that turns a measure into a status (end of period or
 * in the period), and the combination of targets into an indicator status.
 * The per-kind measures are in measure.c, the arithmetic in series.c.
 */
#include "assess/assess_int.h"
#include "text/vocab.h"
#include "util/alloc.h"
#include "util/error.h"

#include <math.h>
#include <string.h>

static const struct {
	const char *name, *label;
} status_names[] = {
	[PW_STATUS_NO_DATA] = { "no_data", "无数据" },
	[PW_STATUS_NOT_ASSESSABLE] = { "not_assessable", "无法评估" },
	[PW_STATUS_MET] = { "met", "完成" },
	[PW_STATUS_NOT_MET] = { "not_met", "未完成" },
	[PW_STATUS_ACHIEVED_EARLY] = { "achieved_early", "提前实现" },
	[PW_STATUS_AHEAD] = { "ahead", "快于预期" },
	[PW_STATUS_ON_TRACK] = { "on_track", "基本符合预期" },
	[PW_STATUS_LAGGING] = { "lagging", "滞后" },
};

#define NSTATUS (sizeof(status_names) / sizeof(status_names[0]))

const char *pw_status_name(enum pw_status s)
{
	return (size_t)s < NSTATUS ? status_names[s].name : "?";
}

const char *pw_status_label(enum pw_status s)
{
	return (size_t)s < NSTATUS ? status_names[s].label : "?";
}

int pw_status_from_name(const char *s)
{
	size_t i;

	for (i = 0; s && i < NSTATUS; i++)
		if (!strcmp(s, status_names[i].name) || !strcmp(s, status_names[i].label))
			return (int)i;
	return -1;
}

void pw_assess_opts_init(struct pw_assess_opts *o)
{
	o->approx_tol = 0.05;
	o->on_track_min = 0.95;
	o->ahead_min = 1.05;
	o->relation_tol = 0.05;
}

/* Annual targets worded as a reduction (每年下降3, any DECREASE word of
 * text/vocab.h) measure the reduction: larger is better whatever the
 * indicator's own direction. */
static enum pw_dir target_dir(const struct pw_indicator *ind, const struct pw_target *t)
{
	if (t->kind == PW_KIND_ANNUAL && pw_vocab_has(t->text, PW_VOCAB_BIT(PW_VOCAB_DECREASE)))
		return PW_DIR_UP;
	return ind->direction;
}

static void ctx_init(struct pw_assess_ctx *c, const struct pw_assess_input *in,
		     const struct pw_target *t, const struct pw_assess_opts *o)
{
	c->in = in;
	c->t = t;
	c->o = o;
	c->dir = target_dir(in->ind, t);
	c->start = in->start;
	c->end = in->end ? in->end : in->year;
	c->ty = t->year ? t->year : c->end;
	c->horizon = in->year < c->ty ? in->year : c->ty;
	c->at_end = in->year >= c->ty;
}

static enum pw_status band(const struct pw_assess_opts *o, double ratio)
{
	/* The slack keeps a ratio computed as 0.9499999999 in its band. */
	if (ratio >= o->ahead_min - 1e-9)
		return PW_STATUS_AHEAD;
	if (ratio >= o->on_track_min - 1e-9)
		return PW_STATUS_ON_TRACK;
	return PW_STATUS_LAGGING;
}

/* Does the target ask to move from the start of the path (reach), rather
 * than to keep a bound the start already keeps (hold)? */
static bool reaches(const struct pw_assess_ctx *c, const struct pw_measure *m)
{
	double sign = c->dir == PW_DIR_UP ? 1.0 : -1.0;

	return sign * (m->goal - m->m0) > 0;
}

/* In the period: reached early, held, or the progress ratio's band. */
static enum pw_status judge_in_period(const struct pw_assess_ctx *c, const struct pw_measure *m,
				      struct pw_target_result *r)
{
	bool ok = pw_measure_satisfied(c, m, m->m);

	if (!m->has_path) {
		if (ok)
			return PW_STATUS_ON_TRACK;
		r->reason = "needs a baseline or a second observation to measure progress";
		return PW_STATUS_NO_DATA;
	}
	if (!reaches(c, m)) /* the start already keeps the bound: hold it */
		return ok ? PW_STATUS_ON_TRACK : PW_STATUS_LAGGING;
	if (m->early_ok && m->early)
		return PW_STATUS_ACHIEVED_EARLY;
	if (fabs(m->expected - m->m0) < 1e-12)
		return ok ? PW_STATUS_ON_TRACK : PW_STATUS_LAGGING;
	return band(c->o, r->progress);
}

/* Judged on the latest data although the target year has come: the data a
 * verdict needs are missing (docs/assessment.md, "Phase"). */
static enum pw_status judge_provisional(const struct pw_assess_ctx *c,
					const struct pw_measure *m, struct pw_target_result *r)
{
	enum pw_status s = judge_in_period(c, m, r);

	r->provisional = true;
	if (s == PW_STATUS_NO_DATA)
		r->reason = "no observation for the target year and no path to judge progress on";
	return s;
}

static void judge(const struct pw_assess_ctx *c, const struct pw_measure *m,
		  struct pw_target_result *r)
{
	r->final = c->at_end && m->complete;
	r->has_actual = r->has_goal = true;
	r->actual = m->m;
	r->actual_year = m->year;
	r->estimated = m->estimated;
	r->goal = m->goal;
	r->nyears = m->nyears;
	r->nyears_met = m->nyears_met;
	if (m->has_path) {
		double to = r->final || !reaches(c, m) ? m->goal : m->expected;

		r->has_expected = true;
		r->expected = to;
		/* A ratio only means something when the target asks for a move. */
		r->has_progress = reaches(c, m) && fabs(to - m->m0) > 1e-12;
		r->progress = r->has_progress ? (m->m - m->m0) / (to - m->m0) : 0;
	}
	if (r->final)
		r->status = pw_measure_satisfied(c, m, m->m) ? PW_STATUS_MET : PW_STATUS_NOT_MET;
	else if (c->at_end)
		r->status = judge_provisional(c, m, r);
	else
		r->status = judge_in_period(c, m, r);
}

/*
 * An external target (按市定目标执行) completed by the value another body
 * set: the target t stands for as that kind, cmp, value and year.  Returns
 * false when nothing has been recorded yet.  Kinds that cannot be set
 * externally (external, relation) fall back to a level target.
 */
static bool external_as_target(const struct pw_assess_input *in, const struct pw_target *t,
			       struct pw_target *out)
{
	if (!in->has_external)
		return false;
	*out = *t;
	out->kind = in->external_kind;
	if (out->kind == PW_KIND_EXTERNAL || out->kind == PW_KIND_RELATION)
		out->kind = PW_KIND_LEVEL;
	out->cmp = in->external_cmp != PW_CMP_NONE ? in->external_cmp : PW_CMP_EQ;
	out->has_value = true;
	out->value = in->external;
	out->has_value_hi = out->cmp == PW_CMP_RANGE;
	out->value_hi = in->external_hi;
	if (in->external_year)
		out->year = in->external_year;
	return true;
}

static int measure(const struct pw_assess_ctx *c, struct pw_measure *m,
		   struct pw_target_result *r)
{
	switch (c->t->kind) {
	case PW_KIND_LEVEL:
		return pw_measure_level(c, c->t, m, r);
	case PW_KIND_GROWTH:
		return pw_measure_growth(c, m, r);
	case PW_KIND_CUMULATIVE:
		return pw_measure_cumulative(c, m, r);
	case PW_KIND_EXTERNAL:
		r->status = PW_STATUS_NOT_ASSESSABLE;
		r->reason = "target set by another body is not recorded yet";
		return -1;
	case PW_KIND_RELATION:
		return pw_measure_relation(c, m, r);
	default:
		r->status = PW_STATUS_NOT_ASSESSABLE;
		r->reason = "unknown target kind";
		return -1;
	}
}

void pw_assess_target(const struct pw_assess_input *in, const struct pw_target *t,
		      const struct pw_assess_opts *o, struct pw_target_result *r)
{
	struct pw_assess_ctx c;
	struct pw_measure m = { 0 };
	struct pw_target set;
	enum pw_kind kind = t->kind;

	memset(r, 0, sizeof(*r));
	if (kind == PW_KIND_EXTERNAL && external_as_target(in, t, &set))
		t = &set;
	ctx_init(&c, in, t, o);
	r->kind = kind;
	r->final = c.at_end; /* a verdict that nothing can be judged */
	if (t->kind == PW_KIND_ANNUAL) {
		pw_assess_annual(&c, r);
		return;
	}
	if (measure(&c, &m, r) == 0)
		judge(&c, &m, r);
}

/* Worst first; statuses that judge nothing rank after every judgement. */
static int rank(enum pw_status s)
{
	switch (s) {
	case PW_STATUS_NOT_MET: return 0;
	case PW_STATUS_LAGGING: return 1;
	case PW_STATUS_ON_TRACK: return 2;
	case PW_STATUS_AHEAD: return 3;
	case PW_STATUS_ACHIEVED_EARLY: return 4;
	case PW_STATUS_MET: return 5;
	case PW_STATUS_NOT_ASSESSABLE: return 6;
	case PW_STATUS_NO_DATA: default: return 7;
	}
}

enum pw_status pw_assess_combine(const struct pw_target_result *r, size_t n)
{
	enum pw_status best = PW_STATUS_NO_DATA;
	size_t i;

	for (i = 0; i < n; i++)
		if (rank(r[i].status) < rank(best))
			best = r[i].status;
	if (!n)
		return PW_STATUS_NOT_ASSESSABLE;
	return best;
}

int pw_assess_indicator(const struct pw_assess_input *in, const struct pw_assess_opts *o,
			struct pw_assessment *out)
{
	struct pw_assess_opts defaults;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!in || !in->ind)
		return pw_error("no indicator to assess");
	if (!o) {
		pw_assess_opts_init(&defaults);
		o = &defaults;
	}
	out->ntargets = in->ind->ntargets;
	out->targets = xcalloc(out->ntargets ? out->ntargets : 1, sizeof(*out->targets));
	for (i = 0; i < out->ntargets; i++)
		pw_assess_target(in, &in->ind->targets[i], o, &out->targets[i]);
	out->status = pw_assess_combine(out->targets, out->ntargets);
	out->warning = in->ind->attribute == PW_ATTR_BINDING && out->status == PW_STATUS_LAGGING;
	for (i = 0; i < out->ntargets; i++)
		out->provisional |= out->targets[i].provisional;
	return 0;
}

void pw_assessment_release(struct pw_assessment *a)
{
	free(a->targets);
	a->targets = NULL;
	a->ntargets = 0;
}
