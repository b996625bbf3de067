/*
 * measure.c - measure definitions (measure.h): what the values of an
 * indicator or prose target are, read from its wording through the one
 * vocabulary (text/vocab.h).  A model-level rule, so that the store can
 * record it at import without judging anything, and the assessment engine
 * reads values as it says.
 */
#include "model/measure.h"
#include "util/nelem.h"
#include "text/vocab.h"

#include <string.h>

/* Does the name or the group hold a word of the classes in mask? */
static bool name_has(const struct pw_indicator *ind, unsigned mask)
{
	return pw_vocab_has(ind->name, mask) || pw_vocab_has(ind->group, mask);
}

static bool unit_is_percent(const struct pw_indicator *ind)
{
	return ind->unit && (!strcmp(ind->unit, "%") || !strcmp(ind->unit, "‰") ||
			     strstr(ind->unit, "百分点"));
}

enum pw_series_mode pw_measure_for_kind(const struct pw_indicator *ind, enum pw_kind kind)
{
	bool rate = unit_is_percent(ind) && name_has(ind, PW_VOCAB_CHANGE);

	switch (kind) {
	case PW_KIND_GROWTH:
	case PW_KIND_RELATION:
		return rate ? PW_SERIES_RATE : PW_SERIES_LEVEL;
	case PW_KIND_CUMULATIVE:
		if (rate)
			return PW_SERIES_RATE;
		return unit_is_percent(ind) ? PW_SERIES_LEVEL : PW_SERIES_FLOW;
	case PW_KIND_ANNUAL:
		return PW_SERIES_FLOW;
	default:
		return PW_SERIES_LEVEL;
	}
}

enum pw_series_mode pw_measure_of_indicator(const struct pw_indicator *ind)
{
	size_t i;

	if (ind->measure != PW_SERIES_AUTO)
		return ind->measure;
	for (i = 0; i < ind->ntargets; i++)
		if (ind->targets[i].kind != PW_KIND_EXTERNAL)
			return pw_measure_for_kind(ind, ind->targets[i].kind);
	/* only a target set later (按市定目标执行): a rate when the name and
	 * unit say so (单位GDP能耗降幅 %), else a level */
	return pw_measure_for_kind(ind, PW_KIND_GROWTH);
}

/* A unit of a quantity per another (微克/立方米, 吨标准煤/万元): an
 * intensity or a concentration, which is read, never added up. */
static bool unit_is_ratio(const char *unit)
{
	return unit && (strchr(unit, '/') || strstr(unit, "每"));
}

enum pw_series_mode pw_measure_of_prose(const struct pw_prose_target *t)
{
	const char *u = t->unit;
	bool pct = u && (!strcmp(u, "%") || !strcmp(u, "‰"));
	bool change = pw_vocab_has(t->t.text, PW_VOCAB_CHANGE);
	bool stock = pw_vocab_has(t->subject, PW_VOCAB_BIT(PW_VOCAB_BAD) |
				  PW_VOCAB_BIT(PW_VOCAB_GOOD)) || unit_is_ratio(u);

	if (t->measure != PW_SERIES_AUTO)
		return t->measure;
	switch (t->t.kind) {
	case PW_KIND_GROWTH: /* 年均增长7%: each year's rate is what offices publish */
	case PW_KIND_RELATION:
		return pct || !u ? PW_SERIES_RATE : PW_SERIES_LEVEL;
	case PW_KIND_CUMULATIVE: /* 累计下降13.5%: the yearly falls; [2.5]百分点: the level */
		if (pct && change)
			return PW_SERIES_RATE;
		return pct || (u && strstr(u, "百分点")) || stock ? PW_SERIES_LEVEL : PW_SERIES_FLOW;
	case PW_KIND_ANNUAL: /* 每年下降3%: the fall; 每年下降3微克: the concentration */
		if (pct && change)
			return PW_SERIES_RATE;
		return change && (stock || (u && strstr(u, "百分点"))) ? PW_SERIES_LEVEL
									: PW_SERIES_FLOW;
	default:
		return PW_SERIES_LEVEL;
	}
}


static const struct pw_measure_synonym synonyms[] = {
	{ "经济", { "生产总值", "GDP", "经济增长", NULL } },
	{ "劳动生产率", { "劳动生产率", NULL } },
};

const struct pw_measure_synonym *pw_measure_synonyms(size_t *n)
{
	*n = NELEM(synonyms);
	return synonyms;
}
