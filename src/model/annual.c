/*
 * annual.c - the candidates a target of an annual document may implement
 * in its five-year plan (model/annual.h).  No names are built in: names are
 * compared through the one vocabulary (text/vocab.h) only.
 */
#include "model/annual.h"
#include "model/measure.h"
#include "text/utf8.h"
#include "text/vocab.h"
#include "util/alloc.h"
#include "util/names.h"
#include "util/nelem.h"
#include "util/strbuf.h"

#include <string.h>

#define MIN_PART 3 /* code points of the shorter name for a partial match */

static const struct pw_name status_names[] = {
	{ "matched", "已匹配" }, { "ambiguous", "待确认" }, { "confirmed", "已确认" },
	{ "none", "无对应" },
};

const char *pw_link_status_name(enum pw_link_status s)
{
	return pw_name_of(status_names, NELEM(status_names), s, "?");
}

const char *pw_link_status_label(enum pw_link_status s)
{
	return pw_name_zh(status_names, NELEM(status_names), s, "?");
}

int pw_link_status_from_name(const char *s)
{
	return pw_name_lookup(status_names, NELEM(status_names), s);
}

/* Classes whose word at the end of a name says how the measure moves, not
 * what it is (地区生产总值增长 is 地区生产总值's growth). */
#define TRAILERS                                                               \
	(PW_VOCAB_CHANGE | PW_VOCAB_BIT(PW_VOCAB_NEUTRAL))

/* The name's key into sb: without blanks and trailing change words. */
static void name_key(const char *s, struct strbuf *sb)
{
	const struct pw_vocab_word *w;
	size_t n;

	sb_reset(sb);
	while (*s) {
		if ((n = pw_utf8_blank(s))) {
			s += n;
			continue;
		}
		n = pw_utf8_len(s);
		sb_add(sb, s, n);
		s += n;
	}
	while (sb->len && (w = pw_vocab_ending(sb->buf, 0, sb->len)) &&
	       (TRAILERS & PW_VOCAB_BIT(w->cls)) && w->len < sb->len)
		sb_setlen(sb, sb->len - w->len);
}

static size_t code_points(const struct strbuf *sb)
{
	return pw_utf8_columns(sb->buf, sb->len);
}

/* Is the subject (its key) a general word that name stands for in the
 * one table of model/measure.h (经济增长 → 地区生产总值增长)? */
static bool stands_for(const struct strbuf *subject, const char *name)
{
	const struct pw_measure_synonym *syn;
	size_t i, j, n;

	syn = pw_measure_synonyms(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(subject->buf, syn[i].subject))
			continue;
		for (j = 0; syn[i].names[j]; j++)
			if (strstr(name, syn[i].names[j]))
				return true;
	}
	return false;
}

enum pw_link_score pw_annual_name_score(const char *name, const char *subject)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	enum pw_link_score sc = PW_LINK_NONE;

	if (!name || !subject)
		return PW_LINK_NONE;
	name_key(name, &a);
	name_key(subject, &b);
	if (a.len && !strcmp(a.buf, b.buf))
		sc = PW_LINK_SAME;
	else if (a.len && b.len && code_points(a.len < b.len ? &a : &b) >= MIN_PART &&
		 (strstr(a.buf, b.buf) || strstr(b.buf, a.buf)))
		sc = PW_LINK_PART;
	else if (b.len && stands_for(&b, a.buf))
		sc = PW_LINK_PART;
	sb_release(&a);
	sb_release(&b);
	return sc;
}

static bool same_unit(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* A growth rate of the year fits a five-year target of growth or relation,
 * or an indicator whose values are rates (地区生产总值增长 %). */
static bool growth_fits_indicator(const struct pw_indicator *ind)
{
	size_t i;

	for (i = 0; i < ind->ntargets; i++)
		if (ind->targets[i].kind == PW_KIND_GROWTH ||
		    ind->targets[i].kind == PW_KIND_RELATION)
			return true;
	return same_unit(ind->unit, "%") && pw_vocab_has(ind->name, PW_VOCAB_CHANGE);
}

static bool fits_indicator(const struct pw_indicator *ind, const struct pw_prose_target *at)
{
	if (at->t.kind == PW_KIND_GROWTH || at->t.kind == PW_KIND_RELATION)
		return growth_fits_indicator(ind);
	return same_unit(ind->unit, at->unit);
}

static bool fits_prose(const struct pw_prose_target *t, const struct pw_prose_target *at)
{
	if (at->t.kind == PW_KIND_GROWTH || at->t.kind == PW_KIND_RELATION)
		return t->t.kind == PW_KIND_GROWTH || t->t.kind == PW_KIND_RELATION;
	return same_unit(t->unit, at->unit);
}

/* The best score of an indicator: its name, or its group and name
 * (城镇就业 / 城镇新增就业人数). */
static enum pw_link_score indicator_score(const struct pw_indicator *ind, const char *subject)
{
	enum pw_link_score sc = pw_annual_name_score(ind->name, subject);
	struct strbuf gn = STRBUF_INIT;
	enum pw_link_score g;

	if (sc == PW_LINK_SAME || !ind->group)
		return sc;
	sb_addf(&gn, "%s%s", ind->group, ind->name);
	g = pw_annual_name_score(gn.buf, subject);
	sb_release(&gn);
	return g > sc ? g : sc;
}

static bool table_holds(const struct pw_plan *p, const struct pw_table *t, int year)
{
	int a = t->start ? t->start : p->start, b = t->end ? t->end : p->end;

	return !year || !a || (year >= a && year <= b);
}

const struct pw_indicator *pw_plan_indicator_at(const struct pw_plan *plan, size_t i)
{
	size_t k;

	for (k = 0; k < plan->ntables; k++) {
		if (i < plan->tables[k].nrows)
			return &plan->tables[k].rows[i];
		i -= plan->tables[k].nrows;
	}
	return NULL;
}

struct cands {
	struct pw_link_cand *v;
	size_t n, alloc;
	enum pw_link_score best;
};

static void offer(struct cands *c, bool prose, size_t index, enum pw_link_score sc)
{
	if (sc == PW_LINK_NONE || sc < c->best)
		return;
	if (sc > c->best)
		c->n = 0, c->best = sc;
	ALLOC_GROW(c->v, c->n + 1, c->alloc);
	c->v[c->n].prose = prose;
	c->v[c->n++].index = index;
}

/* Does prose target t restate an indicator among the candidates? */
static bool restates(const struct pw_plan *p, const struct cands *c,
		     const struct pw_prose_target *t)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		const struct pw_indicator *ind;

		if (c->v[i].prose)
			continue;
		ind = pw_plan_indicator_at(p, c->v[i].index);
		if (t->subject && !strcmp(ind->name, t->subject) && same_unit(ind->unit, t->unit))
			return true;
	}
	return false;
}

size_t pw_annual_candidates(const struct pw_plan *plan, int year,
			    const struct pw_prose_target *at, struct pw_link_cand **out)
{
	struct cands c = { NULL, 0, 0, PW_LINK_NONE };
	size_t i, j, flat = 0;

	for (i = 0; i < plan->ntables; i++) {
		const struct pw_table *t = &plan->tables[i];

		for (j = 0; j < t->nrows; j++, flat++)
			if (table_holds(plan, t, year) && fits_indicator(&t->rows[j], at))
				offer(&c, false, flat, indicator_score(&t->rows[j], at->subject));
	}
	for (i = 0; i < plan->ntargets; i++) {
		const struct pw_prose_target *t = &plan->targets[i];

		if (fits_prose(t, at) && !restates(plan, &c, t))
			offer(&c, true, i, pw_annual_name_score(t->subject, at->subject));
	}
	if (!c.n) {
		free(c.v);
		c.v = NULL;
	}
	*out = c.v;
	return c.n;
}
