/*
 * series.h - a monitored indicator's values year by year: what the store
 * reads (store/monitor.h) and the assessment engine judges (assess.h).
 * Plain model types, so that neither of the two includes the other.
 */
#ifndef PW_SERIES_H
#define PW_SERIES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * How an indicator's observations are to be read (docs/assessment.md,
 * "Series"): LEVEL values are stocks or shares read at a point in time
 * (生产总值, 城镇化率); FLOW values are amounts of one year that add up
 * (城镇新增就业 per year); RATE values are one year's change in % (地区生产
 * 总值增长 6.5, 单位GDP能耗降低 3.1).  AUTO lets the engine decide from the
 * unit and the name (pw_assess_series_mode()).
 */
enum pw_series_mode { PW_SERIES_AUTO, PW_SERIES_LEVEL, PW_SERIES_FLOW, PW_SERIES_RATE };

struct pw_obs {
	int year;
	double value;
	bool estimated; /* 预计 */
};

/*
 * Observations in any order; for a year given twice the later entry wins.
 * whole_period: the value of the target year, if any, is the period's own
 * figure as a completion table states it (表1's 完成值: the five-year total
 * of a 〔〕 target, the period's average rate), so it completes the series
 * without the other years (docs/assessment.md, "Phase").
 */
struct pw_series {
	const struct pw_obs *obs;
	size_t n;
	enum pw_series_mode mode;
	bool whole_period;
};

#endif
