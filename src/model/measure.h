/*
 * measure.h - the measure definition of an indicator or prose target: what
 * its monitoring values are (model/series.h: level, yearly amount, yearly
 * rate, running total), decided at import from the wording, stored, shown
 * in templates and reports, and read by the assessment engine
 * (docs/assessment.md, "How a series is read" and "Measures").
 */
#ifndef PW_MEASURE_H
#define PW_MEASURE_H

#include "model/plan.h"

/* The mode a target of this kind reads the indicator's values in: a rate
 * for a unit of %, ‰ or 百分点 with a change word of text/vocab.h in the
 * name (growth, relation and cumulative targets); yearly amounts for a
 * cumulative target not in % and for annual targets; else levels. */
enum pw_series_mode pw_measure_for_kind(const struct pw_indicator *ind, enum pw_kind kind);

/*
 * What the values are, unless set already (ind->measure, t->measure).  An
 * indicator takes the mode of its first target judged on data (a target
 * set later, 按市定目标执行, alone: a rate when name and unit say so).  A
 * prose target: a growth target in % is entered as each year's rate; a
 * cumulative or annual change in % (累计下降13.5%, 每年下降3%) as each
 * year's rate of change; a change of a concentration, intensity or share
 * (每年下降3微克每立方米, 提高2个百分点) as the level, judged on its change;
 * an amount (新增…5万人) as each year's amount; anything else as the level.
 */
enum pw_series_mode pw_measure_of_indicator(const struct pw_indicator *ind);
enum pw_series_mode pw_measure_of_prose(const struct pw_prose_target *t);

/*
 * Subjects the plans name by a general word and the indicator names that
 * stand for them (经济 → 生产总值, GDP): the one table, read by relation
 * targets (与经济增长基本同步: assess/assess_plan.c) and by the links of
 * annual targets (经济增长6%左右: model/annual.c).  *n receives its size.
 */
struct pw_measure_synonym {
	const char *subject;
	const char *names[4]; /* NULL-terminated */
};
const struct pw_measure_synonym *pw_measure_synonyms(size_t *n);

#endif
