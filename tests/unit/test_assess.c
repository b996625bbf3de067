/*
 * test_assess.c - the assessment engine (assess/assess.h), branch by branch:
 * each kind at the end of the period and in it, both directions, each cmp,
 * tolerance edges and missing data.  Every expected figure is worked out by
 * hand in the comment next to it (docs/assessment.md has the formulas).
 */
#include "unit.h"
#include "assess/assess.h"
#include "assess/assess_plan.h"
#include "util/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- helpers -------------------------------------------------------------- */

static void near(double got, double want, double eps)
{
	if (!(fabs(got - want) <= eps)) {
		fprintf(stderr, "got %.10g, want %.10g (eps %g)\n", got, want, eps);
		fail();
	}
}

static struct pw_indicator ind_of(const char *name, const char *unit, enum pw_dir dir)
{
	struct pw_indicator ind;

	memset(&ind, 0, sizeof(ind));
	ind.name = (char *)name;
	ind.unit = (char *)unit;
	ind.direction = dir;
	ind.attribute = PW_ATTR_EXPECTED;
	ind.section = -1;
	return ind;
}

static void with_base(struct pw_indicator *ind, int year, double v)
{
	ind->has_baseline = true;
	ind->baseline_year = year;
	ind->baseline = v;
}

static struct pw_target tgt(enum pw_kind k, enum pw_cmp c, double v, int year)
{
	struct pw_target t;

	memset(&t, 0, sizeof(t));
	t.kind = k;
	t.cmp = c;
	t.has_value = c != PW_CMP_NONE;
	t.value = v;
	t.year = year;
	return t;
}

static struct pw_target range_tgt(enum pw_kind k, double lo, double hi)
{
	struct pw_target t = tgt(k, PW_CMP_RANGE, lo, 0);

	t.has_value_hi = true;
	t.value_hi = hi;
	return t;
}

struct run {
	int start, end, year;
	const struct pw_obs *obs;
	size_t nobs;
	const struct pw_assess_opts *o;
};

/* Assesses target t of ind (its only target) as r describes. */
static struct pw_target_result assess1(struct pw_indicator *ind, struct pw_target t,
				       struct run r)
{
	struct pw_assess_opts o;
	struct pw_assess_input in;
	struct pw_target_result res;

	pw_assess_opts_init(&o);
	memset(&in, 0, sizeof(in));
	ind->targets = &t;
	ind->ntargets = 1;
	in.ind = ind;
	in.start = r.start;
	in.end = r.end;
	in.year = r.year;
	in.obs.obs = r.obs;
	in.obs.n = r.nobs;
	pw_assess_target(&in, &t, r.o ? r.o : &o, &res);
	ind->targets = NULL;
	ind->ntargets = 0;
	return res;
}

#define OBS(...) ((const struct pw_obs[]){ __VA_ARGS__ })
#define NOBS(...) (sizeof((const struct pw_obs[]){ __VA_ARGS__ }) / sizeof(struct pw_obs))
/* A 2016-2020 plan assessed in 2020, and a 2021-2025 plan assessed in year y. */
#define END13(...) ((struct run){ 2016, 2020, 2020, OBS(__VA_ARGS__), NOBS(__VA_ARGS__), NULL })
#define AT14(y, ...) ((struct run){ 2021, 2025, (y), OBS(__VA_ARGS__), NOBS(__VA_ARGS__), NULL })
#define NONE14(y) ((struct run){ 2021, 2025, (y), NULL, 0, NULL })

static enum pw_status status_of(struct pw_indicator *ind, struct pw_target t, struct run r)
{
	return assess1(ind, t, r).status;
}

/* ---- names and arithmetic -------------------------------------------------- */

static void test_status_names(void **state)
{
	int s;

	(void)state;
	for (s = PW_STATUS_NO_DATA; s <= PW_STATUS_LAGGING; s++)
		assert_int_equal(pw_status_from_name(pw_status_name((enum pw_status)s)), s);
	assert_string_equal(pw_status_name(PW_STATUS_ACHIEVED_EARLY), "achieved_early");
	assert_string_equal(pw_status_label(PW_STATUS_MET), "完成");
	assert_string_equal(pw_status_label(PW_STATUS_NOT_MET), "未完成");
	assert_string_equal(pw_status_label(PW_STATUS_NOT_ASSESSABLE), "无法评估");
	assert_string_equal(pw_status_label(PW_STATUS_ACHIEVED_EARLY), "提前实现");
	assert_string_equal(pw_status_label(PW_STATUS_AHEAD), "快于预期");
	assert_string_equal(pw_status_label(PW_STATUS_ON_TRACK), "基本符合预期");
	assert_string_equal(pw_status_label(PW_STATUS_LAGGING), "滞后");
	assert_string_equal(pw_status_label(PW_STATUS_NO_DATA), "无数据");
	assert_int_equal(pw_status_from_name("done"), -1);
	assert_int_equal(pw_status_from_name(NULL), -1);
	/* model names: round trips, and no read past a table for a bad value */
	assert_int_equal(pw_kind_from_name(pw_kind_name(PW_KIND_RELATION)), PW_KIND_RELATION);
	assert_string_equal(pw_kind_name((enum pw_kind)42), "?");
	assert_null(pw_cmp_name(PW_CMP_NONE));
	assert_null(pw_cmp_name((enum pw_cmp)42));
	assert_string_equal(pw_cmp_name(PW_CMP_RANGE), "range");
	assert_string_equal(pw_dir_name((enum pw_dir)7), "?");
	assert_string_equal(pw_level_name(-1), "?");
	assert_string_equal(pw_level_name(PW_LEVEL_SUBITEM), "subitem");
}

static void test_cagr_and_rounding(void **state)
{
	(void)state;
	/* 100 -> 121 over 2 years: sqrt(1.21) - 1 = 10%. */
	near(pw_assess_cagr(100, 121, 2), 10.0, 1e-9);
	/* 108.8 -> 221.29 over 5 years: (221.29/108.8)^(1/5) - 1
	 * = 2.033915^0.2 - 1 = e^(0.709964/5) - 1 = 0.152568 -> 15.26. */
	near(pw_assess_round2(pw_assess_cagr(108.8, 221.29, 5)), 15.26, 1e-9);
	/* 1 -> 0.5 over 1 year: a fall of 50%. */
	near(pw_assess_cagr(1, 0.5, 1), -50.0, 1e-9);
	assert_true(isnan(pw_assess_cagr(0, 5, 5)));
	assert_true(isnan(pw_assess_cagr(5, -1, 5)));
	assert_true(isnan(pw_assess_cagr(5, 6, 0)));
	/* Half away from zero, also for values stored just below the half. */
	near(pw_assess_round2(7.885), 7.89, 1e-12);
	near(pw_assess_round2(-11.594), -11.59, 1e-12);
	near(pw_assess_round2(-0.125), -0.13, 1e-12);
}

static void test_series_mode(void **state)
{
	struct pw_indicator gdp_rate = ind_of("地区生产总值增长", "%", PW_DIR_UP);
	struct pw_indicator gdp = ind_of("生产总值", "亿元", PW_DIR_UP);
	struct pw_indicator jobs = ind_of("城镇新增就业人数", "万人", PW_DIR_UP);
	struct pw_indicator share = ind_of("数字经济核心产业增加值占GDP比重", "%", PW_DIR_UP);
	struct pw_indicator energy = ind_of("单位GDP能耗降低", "%", PW_DIR_UP);

	(void)state;
	assert_int_equal(pw_assess_series_mode(&gdp_rate, PW_KIND_GROWTH), PW_SERIES_RATE);
	assert_int_equal(pw_assess_series_mode(&gdp, PW_KIND_GROWTH), PW_SERIES_LEVEL);
	assert_int_equal(pw_assess_series_mode(&jobs, PW_KIND_CUMULATIVE), PW_SERIES_FLOW);
	assert_int_equal(pw_assess_series_mode(&share, PW_KIND_CUMULATIVE), PW_SERIES_LEVEL);
	assert_int_equal(pw_assess_series_mode(&energy, PW_KIND_CUMULATIVE), PW_SERIES_RATE);
	assert_int_equal(pw_assess_series_mode(&gdp, PW_KIND_ANNUAL), PW_SERIES_FLOW);
	assert_int_equal(pw_assess_series_mode(&gdp, PW_KIND_LEVEL), PW_SERIES_LEVEL);
}

/* ---- comparison at the end (cmp x direction, tolerance edges) --------------- */

static void test_satisfies_each_cmp(void **state)
{
	(void)state;
	/* ge / le ignore the direction. */
	assert_true(pw_assess_satisfies(PW_CMP_GE, PW_DIR_UP, 45, 45, 0, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_GE, PW_DIR_UP, 44.99, 45, 0, 0.05));
	assert_true(pw_assess_satisfies(PW_CMP_LE, PW_DIR_DOWN, 4.5, 4.5, 0, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_LE, PW_DIR_DOWN, 4.51, 4.5, 0, 0.05));
	/* eq: reaching or passing in the good direction. */
	assert_true(pw_assess_satisfies(PW_CMP_EQ, PW_DIR_UP, 3047, 2890, 0, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_EQ, PW_DIR_UP, 0.4792, 0.5, 0, 0.05));
	assert_true(pw_assess_satisfies(PW_CMP_EQ, PW_DIR_DOWN, 4.9, 5, 0, 0.05));
	assert_true(pw_assess_satisfies(PW_CMP_EQ, PW_DIR_DOWN, 5, 5, 0, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_EQ, PW_DIR_DOWN, 5.1, 5, 0, 0.05));
	/* approx up, target 11, 5%: floor 11 - 0.55 = 10.45. */
	assert_true(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_UP, 10.45, 11, 0, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_UP, 10.44, 11, 0, 0.05));
	assert_true(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_UP, 12, 11, 0, 0.05));
	/* ... with 10%: floor 11 - 1.1 = 9.9. */
	assert_true(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_UP, 9.9, 11, 0, 0.10));
	assert_false(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_UP, 9.89, 11, 0, 0.10));
	/* approx down, target 4.5, 5%: ceiling 4.5 + 0.225 = 4.725. */
	assert_true(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_DOWN, 4.72, 4.5, 0, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_DOWN, 4.73, 4.5, 0, 0.05));
	assert_true(pw_assess_satisfies(PW_CMP_APPROX, PW_DIR_DOWN, 3, 4.5, 0, 0.05));
	/* range up 1-2: at least 1; range down 4.5-5: at most 5. */
	assert_true(pw_assess_satisfies(PW_CMP_RANGE, PW_DIR_UP, 1, 1, 2, 0.05));
	assert_true(pw_assess_satisfies(PW_CMP_RANGE, PW_DIR_UP, 3, 1, 2, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_RANGE, PW_DIR_UP, 0.9, 1, 2, 0.05));
	assert_true(pw_assess_satisfies(PW_CMP_RANGE, PW_DIR_DOWN, 5, 4.5, 5, 0.05));
	assert_false(pw_assess_satisfies(PW_CMP_RANGE, PW_DIR_DOWN, 5.1, 4.5, 5, 0.05));
}

/* ---- level ---------------------------------------------------------------- */

static void test_level_end_up(void **state)
{
	struct pw_indicator gdp = ind_of("生产总值", "亿元", PW_DIR_UP);
	struct pw_indicator inc = ind_of("居民人均可支配收入", "元", PW_DIR_UP);
	struct pw_target_result r;

	(void)state;
	with_base(&gdp, 2015, 108.8);
	r = assess1(&gdp, tgt(PW_KIND_LEVEL, PW_CMP_EQ, 154.9, 2020), END13({ 2020, 221.29, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	assert_true(r.final);
	near(r.actual, 221.29, 1e-9);
	assert_int_equal(r.actual_year, 2020);
	/* completion (221.29 - 108.8) / (154.9 - 108.8) = 112.49 / 46.1 = 2.44013 */
	near(r.progress, 2.44013, 1e-5);
	near(r.expected, 154.9, 1e-9);
	/* eq is strict below the target even when 左右 would pass: 35152 < 35330. */
	with_base(&inc, 2015, 24045);
	r = assess1(&inc, tgt(PW_KIND_LEVEL, PW_CMP_EQ, 35330, 2020), END13({ 2020, 35152, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	/* the same shortfall under 左右: floor 35330 * 0.95 = 33563.5 -> met. */
	r = assess1(&inc, tgt(PW_KIND_LEVEL, PW_CMP_APPROX, 35330, 2020),
		    END13({ 2020, 35152, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
}

static void test_level_end_down(void **state)
{
	struct pw_indicator imr = ind_of("婴儿死亡率", "‰", PW_DIR_DOWN);

	(void)state;
	assert_int_equal(status_of(&imr, tgt(PW_KIND_LEVEL, PW_CMP_LE, 5, 2020),
				   END13({ 2020, 4.2, 0 })), PW_STATUS_MET);
	assert_int_equal(status_of(&imr, tgt(PW_KIND_LEVEL, PW_CMP_LE, 5, 2020),
				   END13({ 2020, 5.1, 0 })), PW_STATUS_NOT_MET);
	/* eq on a down indicator: at or below. */
	assert_int_equal(status_of(&imr, tgt(PW_KIND_LEVEL, PW_CMP_EQ, 5, 2020),
				   END13({ 2020, 5, 0 })), PW_STATUS_MET);
	assert_int_equal(status_of(&imr, tgt(PW_KIND_LEVEL, PW_CMP_EQ, 5, 2020),
				   END13({ 2020, 5.01, 0 })), PW_STATUS_NOT_MET);
}

static void test_level_end_edges(void **state)
{
	struct pw_indicator aids = ind_of("艾滋病死亡率下降", "%", PW_DIR_UP);
	struct pw_indicator energy = ind_of("万元生产总值能耗降低率", "%", PW_DIR_UP);
	struct pw_indicator edu = ind_of("劳动年龄人口平均受教育年限", "年", PW_DIR_UP);
	struct pw_assess_opts wide;
	struct pw_target_result r;
	struct run rn = END13({ 2020, 10.0, 0 });

	(void)state;
	/* A negative actual (the rate rose by 120%) against 30以上. */
	r = assess1(&aids, tgt(PW_KIND_LEVEL, PW_CMP_GE, 30, 2020), END13({ 2020, -120, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	near(r.actual, -120, 1e-9);
	assert_false(r.has_progress); /* no baseline, no path */
	/* An estimate (预计 2.5) counts, and is marked. */
	with_base(&energy, 2015, 10);
	r = assess1(&energy, tgt(PW_KIND_LEVEL, PW_CMP_EQ, 2.5, 2020), END13({ 2020, 2.5, 1 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	assert_true(r.estimated);
	/* Tolerance option: 11左右 with 10% accepts 10.0 (floor 9.9), 5% does not (10.45). */
	pw_assess_opts_init(&wide);
	wide.approx_tol = 0.10;
	assert_int_equal(status_of(&edu, tgt(PW_KIND_LEVEL, PW_CMP_APPROX, 11, 2020), rn),
			 PW_STATUS_NOT_MET);
	rn.o = &wide;
	assert_int_equal(status_of(&edu, tgt(PW_KIND_LEVEL, PW_CMP_APPROX, 11, 2020), rn),
			 PW_STATUS_MET);
	/* Range 1-2 at the end. */
	assert_int_equal(status_of(&edu, range_tgt(PW_KIND_LEVEL, 1, 2), END13({ 2020, 1, 0 })),
			 PW_STATUS_MET);
	assert_int_equal(status_of(&edu, range_tgt(PW_KIND_LEVEL, 1, 2), END13({ 2020, 0.5, 0 })),
			 PW_STATUS_NOT_MET);
}

static void test_level_missing(void **state)
{
	struct pw_indicator u = ind_of("城镇化率", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_LEVEL, PW_CMP_GE, 83, 2025);
	struct pw_target_result r;

	(void)state;
	with_base(&u, 2020, 80);
	r = assess1(&u, t, NONE14(2025));
	assert_int_equal(r.status, PW_STATUS_NO_DATA);
	assert_non_null(r.reason);
	/* Only the baseline year, or only years after the assessment year. */
	assert_int_equal(status_of(&u, t, AT14(2025, { 2020, 80, 0 })), PW_STATUS_NO_DATA);
	assert_int_equal(status_of(&u, t, AT14(2022, { 2023, 82, 0 })), PW_STATUS_NO_DATA);
	/* A target without a value. */
	t.has_value = false;
	assert_int_equal(status_of(&u, t, AT14(2025, { 2025, 84, 0 })),
			 PW_STATUS_NOT_ASSESSABLE);
}

static void test_level_series_rules(void **state)
{
	struct pw_indicator u = ind_of("城镇化率", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_LEVEL, PW_CMP_GE, 83, 2025);
	struct pw_target_result r;

	(void)state;
	with_base(&u, 2020, 80);
	/* A year given twice: the later entry wins (84 meets, 82 would not). */
	r = assess1(&u, t, AT14(2025, { 2025, 82, 0 }, { 2025, 84, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	near(r.actual, 84, 1e-9);
	/* Observations after the target year do not count at the end. */
	r = assess1(&u, t, AT14(2027, { 2025, 84, 0 }, { 2026, 70, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	assert_int_equal(r.actual_year, 2025);
	/* Out of order input: the latest year is used. */
	r = assess1(&u, t, AT14(2025, { 2025, 83.5, 0 }, { 2022, 81, 0 }));
	assert_int_equal(r.actual_year, 2025);
}

static void test_level_in_period_up(void **state)
{
	struct pw_indicator u = ind_of("常住人口城镇化率", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_LEVEL, PW_CMP_GE, 83, 2025);
	struct pw_target_result r;

	(void)state;
	with_base(&u, 2020, 80);
	/* 2022: expected 80 + (83 - 80) * 2/5 = 81.2.
	 * 81.5 -> R = 1.5 / 1.2 = 1.25 -> ahead. */
	r = assess1(&u, t, AT14(2022, { 2022, 81.5, 0 }));
	assert_int_equal(r.status, PW_STATUS_AHEAD);
	assert_false(r.final);
	near(r.expected, 81.2, 1e-9);
	near(r.progress, 1.25, 1e-9);
	/* 81.2 -> R = 1.0 -> on_track. */
	assert_int_equal(status_of(&u, t, AT14(2022, { 2022, 81.2, 0 })), PW_STATUS_ON_TRACK);
	/* Band edges: 81.26 -> 1.26/1.2 = 1.05 ahead; 81.25 -> 1.0417 on_track;
	 * 81.14 -> 1.14/1.2 = 0.95 on_track; 81.13 -> 0.9417 lagging. */
	assert_int_equal(status_of(&u, t, AT14(2022, { 2022, 81.26, 0 })), PW_STATUS_AHEAD);
	assert_int_equal(status_of(&u, t, AT14(2022, { 2022, 81.25, 0 })), PW_STATUS_ON_TRACK);
	assert_int_equal(status_of(&u, t, AT14(2022, { 2022, 81.14, 0 })), PW_STATUS_ON_TRACK);
	assert_int_equal(status_of(&u, t, AT14(2022, { 2022, 81.13, 0 })), PW_STATUS_LAGGING);
	/* Falling back: 79.5 -> R = -0.5/1.2 < 0 -> lagging. */
	assert_int_equal(status_of(&u, t, AT14(2022, { 2022, 79.5, 0 })), PW_STATUS_LAGGING);
	/* Already at 83.5 >= 83 -> achieved_early. */
	assert_int_equal(status_of(&u, t, AT14(2022, { 2022, 83.5, 0 })),
			 PW_STATUS_ACHIEVED_EARLY);
	/* Before the period starts nothing counts. */
	assert_int_equal(status_of(&u, t, AT14(2020, { 2020, 80, 0 })), PW_STATUS_NO_DATA);
}

static void test_level_in_period_down(void **state)
{
	struct pw_indicator ue = ind_of("城镇登记失业率", "%", PW_DIR_DOWN);
	struct pw_target t = tgt(PW_KIND_LEVEL, PW_CMP_LE, 4.5, 2025);
	struct pw_target_result r;

	(void)state;
	with_base(&ue, 2020, 5.0);
	/* 2023: expected 5 + (4.5 - 5) * 3/5 = 4.7.
	 * 4.6 -> R = (4.6 - 5) / (4.7 - 5) = -0.4 / -0.3 = 1.333 -> ahead. */
	r = assess1(&ue, t, AT14(2023, { 2023, 4.6, 0 }));
	assert_int_equal(r.status, PW_STATUS_AHEAD);
	near(r.expected, 4.7, 1e-9);
	near(r.progress, 4.0 / 3.0, 1e-9);
	/* 4.75 -> R = -0.25 / -0.3 = 0.833 -> lagging. */
	assert_int_equal(status_of(&ue, t, AT14(2023, { 2023, 4.75, 0 })), PW_STATUS_LAGGING);
	/* 4.4 <= 4.5 -> achieved_early. */
	assert_int_equal(status_of(&ue, t, AT14(2023, { 2023, 4.4, 0 })),
			 PW_STATUS_ACHIEVED_EARLY);
	/* A ceiling the baseline already keeps (3.2 <= 4.5) is held, not achieved. */
	with_base(&ue, 2020, 3.2);
	assert_int_equal(status_of(&ue, t, AT14(2023, { 2023, 3.8, 0 })), PW_STATUS_ON_TRACK);
	assert_int_equal(status_of(&ue, t, AT14(2023, { 2023, 4.8, 0 })), PW_STATUS_LAGGING);
}

static void test_level_in_period_no_baseline(void **state)
{
	struct pw_indicator rd = ind_of("研发经费投入强度", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_LEVEL, PW_CMP_GE, 3, 2025);
	struct pw_target_result r;

	(void)state;
	/* One observation: meeting the target holds it, else progress is unknown. */
	assert_int_equal(status_of(&rd, t, AT14(2022, { 2022, 3.1, 0 })), PW_STATUS_ON_TRACK);
	r = assess1(&rd, t, AT14(2022, { 2022, 2.1, 0 }));
	assert_int_equal(r.status, PW_STATUS_NO_DATA);
	assert_non_null(r.reason);
	/* The first of two in-period observations is the start:
	 * 2021 2.0 -> 2025 3: expected 2023 = 2 + 1 * 2/4 = 2.5; 2.6 -> R = 0.6/0.5 = 1.2. */
	r = assess1(&rd, t, AT14(2023, { 2021, 2.0, 0 }, { 2023, 2.6, 0 }));
	assert_int_equal(r.status, PW_STATUS_AHEAD);
	near(r.progress, 1.2, 1e-9);
	/* An observation before the period is preferred as the start:
	 * 2020 2.0: expected 2023 = 2 + 1 * 3/5 = 2.6; 2.5 -> R = 0.5/0.6 = 0.833. */
	r = assess1(&rd, t, AT14(2023, { 2020, 2.0, 0 }, { 2023, 2.5, 0 }));
	assert_int_equal(r.status, PW_STATUS_LAGGING);
	near(r.progress, 0.5 / 0.6, 1e-9);
}

/* ---- growth ---------------------------------------------------------------- */

static void test_growth_end_levels(void **state)
{
	struct pw_indicator gdp = ind_of("生产总值", "亿元", PW_DIR_UP);
	struct pw_indicator rev = ind_of("公共预算收入", "亿元", PW_DIR_UP);
	struct pw_indicator inc = ind_of("城镇居民人均可支配收入", "元", PW_DIR_UP);
	struct pw_target_result r;

	(void)state;
	/* (221.29/108.8)^(1/5) - 1 = 15.26% against 7.5左右: exceeding is met. */
	with_base(&gdp, 2015, 108.8);
	r = assess1(&gdp, tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 7.5, 0), END13({ 2020, 221.29, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	near(r.actual, 15.26, 1e-9);
	/* (7.19/6.36)^(1/5) - 1 = 1.130503^0.2 - 1 = 2.48% against 6 -> not met. */
	with_base(&rev, 2015, 6.36);
	r = assess1(&rev, tgt(PW_KIND_GROWTH, PW_CMP_EQ, 6, 0), END13({ 2020, 7.19, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	near(r.actual, 2.48, 1e-9);
	/* completion 2.48 / 6 = 0.41333 */
	near(r.progress, 2.48 / 6, 1e-9);
	/* (38844/27218)^(1/5) - 1 = 1.427144^0.2 - 1 = 7.37% < 8 * 0.95 = 7.6 -> not met. */
	with_base(&inc, 2015, 27218);
	r = assess1(&inc, tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 8, 0), END13({ 2020, 38844, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	near(r.actual, 7.37, 1e-9);
	/* (35152/24045)^(1/5) - 1 = 1.461926^0.2 - 1 = 7.89% >= 7.6 -> met. */
	with_base(&inc, 2015, 24045);
	r = assess1(&inc, tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 8, 0), END13({ 2020, 35152, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	near(r.actual, 7.89, 1e-9);
}

static void test_growth_end_edges(void **state)
{
	struct pw_indicator x = ind_of("收入", "元", PW_DIR_UP);
	struct pw_indicator e = ind_of("能源消费总量", "万吨标准煤", PW_DIR_DOWN);
	struct pw_target t8 = tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 8, 0);
	struct pw_target_result r;

	(void)state;
	/* The rounded rate is judged: 100 -> 144.2319 over 5 years is
	 * 1.442319^0.2 - 1 = 7.599998% -> 7.60 = floor 8 * 0.95 -> met. */
	with_base(&x, 2015, 100);
	r = assess1(&x, t8, END13({ 2020, 144.2319, 0 }));
	near(r.actual, 7.60, 1e-9);
	assert_int_equal(r.status, PW_STATUS_MET);
	/* 100 -> 144.1649: 1.441649^0.2 - 1 = 7.59% -> not met. */
	r = assess1(&x, t8, END13({ 2020, 144.1649, 0 }));
	near(r.actual, 7.59, 1e-9);
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	/* Down: growth capped at 3 (le).  100 -> 112: 1.12^0.2 - 1 = 2.29% -> met;
	 * 100 -> 120: 1.2^0.2 - 1 = 3.71% -> not met. */
	with_base(&e, 2015, 100);
	r = assess1(&e, tgt(PW_KIND_GROWTH, PW_CMP_LE, 3, 0), END13({ 2020, 112, 0 }));
	near(r.actual, 2.29, 1e-9);
	assert_int_equal(r.status, PW_STATUS_MET);
	assert_int_equal(status_of(&e, tgt(PW_KIND_GROWTH, PW_CMP_LE, 3, 0),
				   END13({ 2020, 120, 0 })), PW_STATUS_NOT_MET);
	/* No baseline for a level series, or a non-positive value: not assessable. */
	x.has_baseline = false;
	assert_int_equal(status_of(&x, t8, END13({ 2020, 150, 0 })), PW_STATUS_NOT_ASSESSABLE);
	with_base(&x, 2015, 100);
	assert_int_equal(status_of(&x, t8, END13({ 2020, -5, 0 })), PW_STATUS_NOT_ASSESSABLE);
	assert_int_equal(status_of(&x, t8, END13({ 2015, 100, 0 })), PW_STATUS_NO_DATA);
}

static void test_growth_in_period(void **state)
{
	struct pw_indicator x = ind_of("社会消费品零售总额", "亿元", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0);
	struct pw_target_result r;

	(void)state;
	with_base(&x, 2020, 100);
	/* 2022: 114.49 -> sqrt(1.1449) - 1 = 7.00% -> R = 7/7 = 1 -> on_track. */
	r = assess1(&x, t, AT14(2022, { 2022, 114.49, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	near(r.actual, 7.0, 1e-9);
	near(r.progress, 1.0, 1e-9);
	/* 110.25 -> sqrt(1.1025) - 1 = 5% -> R = 5/7 = 0.714 -> lagging. */
	assert_int_equal(status_of(&x, t, AT14(2022, { 2022, 110.25, 0 })), PW_STATUS_LAGGING);
	/* 118.81 -> sqrt(1.1881) - 1 = 9% -> R = 9/7 = 1.286 -> ahead. */
	assert_int_equal(status_of(&x, t, AT14(2022, { 2022, 118.81, 0 })), PW_STATUS_AHEAD);
	/* 2024: 145 already implies 1.45^(1/5) - 1 = 7.71% over the whole
	 * 2020-2025 span, >= 6.65 -> achieved_early. */
	assert_int_equal(status_of(&x, t, AT14(2024, { 2024, 145, 0 })),
			 PW_STATUS_ACHIEVED_EARLY);
}

static void test_growth_rate_series(void **state)
{
	struct pw_indicator g = ind_of("地区生产总值增长", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0);
	struct pw_target_result r;

	(void)state;
	/* 2021 6.5, 2022 7.5: compound mean sqrt(1.065 * 1.075) - 1
	 * = sqrt(1.144875) - 1 = 6.9988% -> 7.00; R = 1 -> on_track.
	 * Year by year: 6.5 < 6.65 fails, 7.5 passes. */
	r = assess1(&g, t, AT14(2022, { 2021, 6.5, 0 }, { 2022, 7.5, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	near(r.actual, 7.0, 1e-9);
	assert_int_equal(r.nyears, 2);
	assert_int_equal(r.nyears_met, 1);
	/* One year at 5.0: R = 5/7 = 0.714 -> lagging. */
	assert_int_equal(status_of(&g, t, AT14(2021, { 2021, 5.0, 0 })), PW_STATUS_LAGGING);
	/* A rate series is never "achieved early": 9% in 2021 is ahead (9/7). */
	assert_int_equal(status_of(&g, t, AT14(2021, { 2021, 9.0, 0 })), PW_STATUS_AHEAD);
	/* End: five years at 7 -> mean 7 -> met; five at 6 -> 6 < 6.65 -> not met. */
	r = assess1(&g, t, AT14(2025, { 2021, 7, 0 }, { 2022, 7, 0 }, { 2023, 7, 0 },
				{ 2024, 7, 0 }, { 2025, 7, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	assert_int_equal(r.nyears_met, 5);
	assert_int_equal(status_of(&g, t, AT14(2025, { 2021, 6, 0 }, { 2022, 6, 0 },
					       { 2023, 6, 0 }, { 2024, 6, 0 }, { 2025, 6, 0 })),
			 PW_STATUS_NOT_MET);
	assert_int_equal(status_of(&g, t, NONE14(2023)), PW_STATUS_NO_DATA);
}

/* ---- cumulative ------------------------------------------------------------ */

static void test_cumulative_sum(void **state)
{
	struct pw_indicator jobs = ind_of("城镇新增就业人数", "万人", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_CUMULATIVE, PW_CMP_EQ, 5, 0);
	struct pw_target_result r;

	(void)state;
	/* 1.1 + 0.9 + 1.0 + 1.2 + 0.9 = 5.1 >= 5 -> met. */
	r = assess1(&jobs, t, AT14(2025, { 2021, 1.1, 0 }, { 2022, 0.9, 0 }, { 2023, 1.0, 0 },
				   { 2024, 1.2, 0 }, { 2025, 0.9, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	near(r.actual, 5.1, 1e-9);
	/* 1.1 + 0.9 + 1.0 + 1.0 + 0.9 = 4.9 -> not met. */
	assert_int_equal(status_of(&jobs, t, AT14(2025, { 2021, 1.1, 0 }, { 2022, 0.9, 0 },
						  { 2023, 1.0, 0 }, { 2024, 1.0, 0 },
						  { 2025, 0.9, 0 })), PW_STATUS_NOT_MET);
	/* 2023: 3.0 against the pro-rata 5 * 3/5 = 3.0 -> R = 1 -> on_track. */
	r = assess1(&jobs, t, AT14(2023, { 2021, 1.1, 0 }, { 2022, 0.9, 0 }, { 2023, 1.0, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	near(r.expected, 3.0, 1e-9);
	/* 2022: 0.8 + 0.9 = 1.7 against 5 * 2/5 = 2 -> R = 0.85 -> lagging. */
	assert_int_equal(status_of(&jobs, t, AT14(2022, { 2021, 0.8, 0 }, { 2022, 0.9, 0 })),
			 PW_STATUS_LAGGING);
	/* 2024: 1.5 * 4 = 6 >= 5 already -> achieved_early. */
	assert_int_equal(status_of(&jobs, t, AT14(2024, { 2021, 1.5, 0 }, { 2022, 1.5, 0 },
						  { 2023, 1.5, 0 }, { 2024, 1.5, 0 })),
			 PW_STATUS_ACHIEVED_EARLY);
	assert_int_equal(status_of(&jobs, t, NONE14(2025)), PW_STATUS_NO_DATA);
}

static void test_cumulative_change(void **state)
{
	struct pw_indicator dig = ind_of("数字经济核心产业增加值占GDP比重", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_CUMULATIVE, PW_CMP_EQ, 2.5, 0);
	struct pw_target_result r;

	(void)state;
	with_base(&dig, 2020, 8.0);
	/* 10.6 - 8.0 = 2.6 points >= 2.5 -> met; 10.4 - 8.0 = 2.4 -> not met. */
	r = assess1(&dig, t, AT14(2025, { 2025, 10.6, 0 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	near(r.actual, 2.6, 1e-9);
	assert_int_equal(status_of(&dig, t, AT14(2025, { 2025, 10.4, 0 })), PW_STATUS_NOT_MET);
	/* 2023: 9.5 - 8 = 1.5 against 2.5 * 3/5 = 1.5 -> on_track. */
	assert_int_equal(status_of(&dig, t, AT14(2023, { 2023, 9.5, 0 })), PW_STATUS_ON_TRACK);
	/* No baseline and one observation: nothing to measure the change from. */
	dig.has_baseline = false;
	assert_int_equal(status_of(&dig, t, AT14(2025, { 2025, 10.6, 0 })),
			 PW_STATUS_NOT_ASSESSABLE);
	/* ...but the year before the period serves as the start: 10.6 - 8.2 = 2.4. */
	r = assess1(&dig, t, AT14(2025, { 2020, 8.2, 0 }, { 2025, 10.6, 0 }));
	near(r.actual, 2.4, 1e-9);
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
}

static void test_cumulative_rates(void **state)
{
	struct pw_indicator en = ind_of("单位GDP能耗降低", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_CUMULATIVE, PW_CMP_EQ, 13.5, 0);
	struct pw_target_result r;

	(void)state;
	/* Five years of 3% reductions: 1 - 0.97^5 = 1 - 0.858734 = 14.13% -> met. */
	r = assess1(&en, t, AT14(2025, { 2021, 3, 0 }, { 2022, 3, 0 }, { 2023, 3, 0 },
				 { 2024, 3, 0 }, { 2025, 3, 0 }));
	near(r.actual, 14.13, 1e-9);
	assert_int_equal(r.status, PW_STATUS_MET);
	/* Five of 2.5%: 1 - 0.975^5 = 1 - 0.881096 = 11.89% -> not met. */
	r = assess1(&en, t, AT14(2025, { 2021, 2.5, 0 }, { 2022, 2.5, 0 }, { 2023, 2.5, 0 },
				 { 2024, 2.5, 0 }, { 2025, 2.5, 0 }));
	near(r.actual, 11.89, 1e-9);
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	/* 2022, two years of 3.2%: 1 - 0.968^2 = 6.30%; the compound pro-rata
	 * share is 1 - 0.865^(2/5) = 1 - e^(0.4 * ln 0.865) = 1 - 0.943640 = 5.636%;
	 * R = 6.30 / 5.636 = 1.118 -> ahead. */
	r = assess1(&en, t, AT14(2022, { 2021, 3.2, 0 }, { 2022, 3.2, 0 }));
	near(r.actual, 6.30, 1e-9);
	near(r.expected, 5.636, 1e-3);
	assert_int_equal(r.status, PW_STATUS_AHEAD);
}

/* ---- annual ---------------------------------------------------------------- */

static void test_annual(void **state)
{
	struct pw_indicator sch = ind_of("新建学校", "所", PW_DIR_UP);
	struct pw_indicator pm = ind_of("PM10", "微克每立方米", PW_DIR_DOWN);
	struct pw_target t = range_tgt(PW_KIND_ANNUAL, 1, 2);
	struct pw_target down = tgt(PW_KIND_ANNUAL, PW_CMP_EQ, 3, 0);
	struct pw_target_result r;

	(void)state;
	/* 1, 2, 1 schools: every year at least 1 -> on_track.  The worst year is
	 * the lowest, 1, reached in 2021 and 2023: the latest, 2023, is shown. */
	r = assess1(&sch, t, AT14(2023, { 2021, 1, 0 }, { 2022, 2, 0 }, { 2023, 1, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	assert_int_equal(r.nyears, 3);
	assert_int_equal(r.nyears_met, 3);
	assert_true(r.worst);
	near(r.actual, 1, 1e-9);
	assert_int_equal(r.actual_year, 2023);
	assert_false(r.has_progress); /* a per-year bound has no progress ratio */
	/* A year with none -> lagging during the period, not met at the end. */
	r = assess1(&sch, t, AT14(2023, { 2021, 1, 0 }, { 2022, 0, 0 }));
	assert_int_equal(r.status, PW_STATUS_LAGGING);
	near(r.actual, 0, 1e-9);
	assert_int_equal(r.actual_year, 2022);
	r = assess1(&sch, t, AT14(2025, { 2021, 1, 0 }, { 2022, 0, 0 }, { 2023, 2, 0 },
				  { 2024, 1, 0 }, { 2025, 1, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	assert_true(r.final);
	assert_int_equal(r.nyears_met, 4);
	assert_int_equal(status_of(&sch, t, AT14(2025, { 2021, 1, 0 }, { 2022, 1, 0 },
						 { 2023, 2, 0 }, { 2024, 1, 0 }, { 2025, 1, 0 })),
			 PW_STATUS_MET);
	/* 每年下降3 on a down indicator records the fall: larger is better.
	 * 3.5, 4: both >= 3, the bound is kept -> on_track (a per-year bound is
	 * kept or broken; exceeding it is not "ahead"); worst = smallest fall
	 * 3.5 (2021). */
	down.text = (char *)"每年下降3微克每立方米";
	r = assess1(&pm, down, AT14(2022, { 2021, 3.5, 0 }, { 2022, 4, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	near(r.actual, 3.5, 1e-9);
	assert_int_equal(r.actual_year, 2021);
	/* 3.5, 2: 2 < 3 -> lagging, worst 2 (2022). */
	r = assess1(&pm, down, AT14(2022, { 2021, 3.5, 0 }, { 2022, 2, 0 }));
	assert_int_equal(r.status, PW_STATUS_LAGGING);
	near(r.actual, 2, 1e-9);
	assert_int_equal(r.actual_year, 2022);
	assert_int_equal(status_of(&sch, t, NONE14(2022)), PW_STATUS_NO_DATA);
}

/* The QA case: a city-set annual floor (每年≥3) must be reported on the
 * year the status rests on, not on the latest year. */
static void test_annual_worst_year(void **state)
{
	struct pw_indicator g = ind_of("规上工业增加值增长", "%", PW_DIR_UP);
	struct pw_indicator pm = ind_of("PM2.5平均浓度", "微克每立方米", PW_DIR_DOWN);
	struct pw_target ge3 = tgt(PW_KIND_ANNUAL, PW_CMP_GE, 3, 0);
	struct pw_target le35 = tgt(PW_KIND_ANNUAL, PW_CMP_LE, 35, 0);
	struct pw_target_result r;

	(void)state;
	/* 2021 3.4, 2022 2.8, 2023 3.2 in 2023: 2.8 < 3 fails, the others pass.
	 * Status lagging; actual = the worst year 2.8 (2022), not the latest 3.2;
	 * 2 of 3 years met; goal 3; no progress ratio (the old line said
	 * "实际 3.2% 应达 3 进度 93%" from 2.8/3 = 0.933). */
	r = assess1(&g, ge3, AT14(2023, { 2021, 3.4, 0 }, { 2022, 2.8, 0 }, { 2023, 3.2, 0 }));
	assert_int_equal(r.status, PW_STATUS_LAGGING);
	near(r.actual, 2.8, 1e-9);
	assert_int_equal(r.actual_year, 2022);
	assert_int_equal(r.nyears, 3);
	assert_int_equal(r.nyears_met, 2);
	assert_true(r.has_goal);
	near(r.goal, 3, 1e-9);
	assert_false(r.has_progress);
	assert_false(r.has_expected);
	/* A ceiling (le): the worst year is the highest.  33, 36, 34 against
	 * 不超过35: 36 > 35 fails -> lagging, worst 36 (2022). */
	r = assess1(&pm, le35, AT14(2023, { 2021, 33, 0 }, { 2022, 36, 0 }, { 2023, 34, 0 }));
	assert_int_equal(r.status, PW_STATUS_LAGGING);
	near(r.actual, 36, 1e-9);
	assert_int_equal(r.actual_year, 2022);
	assert_int_equal(r.nyears_met, 2);
	/* ge on a down indicator is still a floor: the lowest year is worst.
	 * 4, 3.1 against >=3: both pass -> on_track, worst 3.1 (2022). */
	r = assess1(&pm, ge3, AT14(2022, { 2021, 4, 0 }, { 2022, 3.1, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	near(r.actual, 3.1, 1e-9);
}

/* ---- at the end without end-year data: provisional ---------------------------- */

static void test_provisional_level(void **state)
{
	struct pw_indicator u = ind_of("常住人口城镇化率", "%", PW_DIR_UP);
	struct pw_indicator rd = ind_of("研发经费投入强度", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_LEVEL, PW_CMP_GE, 83, 2025);
	struct pw_target_result r;

	(void)state;
	with_base(&u, 2020, 80);
	/* Assessed in 2025 with only 2023 data (81.5): not a verdict.  Judged as
	 * in the period at 2023: expected 80 + 3 * 3/5 = 81.8, R = 1.5/1.8 =
	 * 0.833 -> lagging, provisional (was: 未完成, final). */
	r = assess1(&u, t, AT14(2025, { 2023, 81.5, 0 }));
	assert_int_equal(r.status, PW_STATUS_LAGGING);
	assert_false(r.final);
	assert_true(r.provisional);
	assert_int_equal(r.actual_year, 2023);
	near(r.expected, 81.8, 1e-9);
	near(r.progress, 1.5 / 1.8, 1e-9);
	/* 82.0 -> R = 2/1.8 = 1.111 -> ahead; 83.5 >= 83 -> achieved_early,
	 * not 完成: the 2025 value could still fall back. */
	assert_int_equal(status_of(&u, t, AT14(2025, { 2023, 82.0, 0 })), PW_STATUS_AHEAD);
	assert_int_equal(status_of(&u, t, AT14(2025, { 2023, 83.5, 0 })),
			 PW_STATUS_ACHIEVED_EARLY);
	/* Later years do not make 2024 data final: in 2027 with 2024 = 82.4,
	 * expected 80 + 3 * 4/5 = 82.4, R = 1 -> on_track, provisional. */
	r = assess1(&u, t, AT14(2027, { 2024, 82.4, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	assert_true(r.provisional);
	/* With the 2025 value: a verdict.  82.9 < 83 -> not_met, final. */
	r = assess1(&u, t, AT14(2025, { 2023, 81.5, 0 }, { 2025, 82.9, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	assert_true(r.final);
	assert_false(r.provisional);
	/* An estimate for 2025 (预计 83) is end-year data: met, final, marked. */
	r = assess1(&u, t, AT14(2025, { 2025, 83, 1 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	assert_true(r.final);
	assert_true(r.estimated);
	/* No baseline and one old value short of the target: nothing to judge
	 * progress on -> no_data, provisional, with a reason. */
	r = assess1(&rd, tgt(PW_KIND_LEVEL, PW_CMP_GE, 3, 2025), AT14(2025, { 2023, 2.1, 0 }));
	assert_int_equal(r.status, PW_STATUS_NO_DATA);
	assert_true(r.provisional);
	assert_non_null(r.reason);
}

static void test_provisional_growth(void **state)
{
	struct pw_indicator x = ind_of("社会消费品零售总额", "亿元", PW_DIR_UP);
	struct pw_indicator g = ind_of("地区生产总值增长", "%", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0);
	struct pw_target_result r;

	(void)state;
	/* Levels: 100 (2020) -> 122.5043 (2023) = 1.07^3: CAGR 7.00%, R = 7/7 = 1
	 * -> on_track, provisional (no 2025 level). */
	with_base(&x, 2020, 100);
	r = assess1(&x, t, AT14(2025, { 2023, 122.5043, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	assert_true(r.provisional);
	near(r.actual, 7.0, 1e-9);
	/* Rates: 2023 missing of 2021-2025 (7 each year): the mean of four
	 * years, 7.00, is not the period's average -> on_track, provisional. */
	r = assess1(&g, t, AT14(2025, { 2021, 7, 0 }, { 2022, 7, 0 }, { 2024, 7, 0 },
				{ 2025, 7, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	assert_true(r.provisional);
	assert_int_equal(r.nyears, 4);
	/* All five years of 6: mean 6 < 6.65 -> not_met, final. */
	r = assess1(&g, t, AT14(2025, { 2021, 6, 0 }, { 2022, 6, 0 }, { 2023, 6, 0 },
				{ 2024, 6, 0 }, { 2025, 6, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	assert_true(r.final);
}

static void test_provisional_cumulative_annual(void **state)
{
	struct pw_indicator jobs = ind_of("城镇新增就业人数", "万人", PW_DIR_UP);
	struct pw_indicator g = ind_of("规上工业增加值增长", "%", PW_DIR_UP);
	struct pw_target c5 = tgt(PW_KIND_CUMULATIVE, PW_CMP_EQ, 5, 0);
	struct pw_target ge3 = tgt(PW_KIND_ANNUAL, PW_CMP_GE, 3, 0);
	struct pw_target_result r;

	(void)state;
	/* Four of five years: 1.1 + 0.9 + 1.0 + 1.0 = 4.0 against the share of
	 * the years in, 5 * 4/5 = 4.0: R = 1 -> on_track, provisional (was:
	 * 4.0 < 5 未完成 although a year is missing). */
	r = assess1(&jobs, c5, AT14(2025, { 2021, 1.1, 0 }, { 2022, 0.9, 0 }, { 2023, 1.0, 0 },
				    { 2024, 1.0, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	assert_true(r.provisional);
	near(r.actual, 4.0, 1e-9);
	near(r.expected, 4.0, 1e-9);
	/* Annual, 2021-2024 all >= 3, 2025 missing: on_track, provisional. */
	r = assess1(&g, ge3, AT14(2025, { 2021, 3.4, 0 }, { 2022, 3.1, 0 }, { 2023, 3.2, 0 },
				  { 2024, 3.0, 0 }));
	assert_int_equal(r.status, PW_STATUS_ON_TRACK);
	assert_true(r.provisional);
	assert_false(r.final);
	/* ...but one failed year settles it whatever is missing: 2.8 < 3 ->
	 * not_met, final. */
	r = assess1(&g, ge3, AT14(2025, { 2021, 3.4, 0 }, { 2022, 2.8, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_MET);
	assert_true(r.final);
	assert_false(r.provisional);
	assert_int_equal(r.actual_year, 2022);
}

/* A completion table's 完成值 stands for the whole period (whole_period). */
static void test_whole_period_figure(void **state)
{
	struct pw_indicator jobs = ind_of("城镇新增就业人数", "万人", PW_DIR_UP);
	struct pw_target t = tgt(PW_KIND_CUMULATIVE, PW_CMP_EQ, 5, 0);
	struct pw_assess_opts o;
	struct pw_assess_input in;
	struct pw_target_result r;
	static const struct pw_obs total[] = { { 2025, 6.2, 0 } };
	static const struct pw_obs early[] = { { 2024, 6.2, 0 } };

	(void)state;
	pw_assess_opts_init(&o);
	memset(&in, 0, sizeof(in));
	jobs.targets = &t;
	jobs.ntargets = 1;
	in.ind = &jobs;
	in.start = 2021;
	in.end = 2025;
	in.year = 2025;
	in.obs.obs = total;
	in.obs.n = 1;
	/* As one year's amount, 6.2 is a single year of five: provisional, and
	 * already >= 5 -> achieved_early. */
	pw_assess_target(&in, &t, &o, &r);
	assert_int_equal(r.status, PW_STATUS_ACHIEVED_EARLY);
	assert_true(r.provisional);
	/* As the table's five-year total: 6.2 >= 5 -> met, final. */
	in.obs.whole_period = true;
	pw_assess_target(&in, &t, &o, &r);
	assert_int_equal(r.status, PW_STATUS_MET);
	assert_true(r.final);
	/* A table figure of another year does not stand for the period. */
	in.obs.obs = early;
	pw_assess_target(&in, &t, &o, &r);
	assert_true(r.provisional);
}

/* ---- external and relation --------------------------------------------------- */

static struct pw_target_result assess_ext(struct pw_indicator *ind, bool has, double v,
					  struct run rn)
{
	struct pw_assess_opts o;
	struct pw_assess_input in;
	struct pw_target t = tgt(PW_KIND_EXTERNAL, PW_CMP_NONE, 0, 0);
	struct pw_target_result r;

	pw_assess_opts_init(&o);
	memset(&in, 0, sizeof(in));
	t.text = (char *)"按市定目标执行";
	in.ind = ind;
	in.start = rn.start;
	in.end = rn.end;
	in.year = rn.year;
	in.obs.obs = rn.obs;
	in.obs.n = rn.nobs;
	in.has_external = has;
	in.external = v;
	pw_assess_target(&in, &t, &o, &r);
	return r;
}

static void test_external(void **state)
{
	struct pw_indicator air = ind_of("空气优良天数比率", "%", PW_DIR_UP);
	struct pw_target_result r;

	(void)state;
	with_base(&air, 2020, 71.5);
	/* Not recorded: not assessable at the end and during the period. */
	r = assess_ext(&air, false, 0, AT14(2025, { 2025, 80, 0 }));
	assert_int_equal(r.status, PW_STATUS_NOT_ASSESSABLE);
	assert_true(r.final);
	assert_non_null(r.reason);
	assert_int_equal(assess_ext(&air, false, 0, AT14(2022, { 2022, 75, 0 })).status,
			 PW_STATUS_NOT_ASSESSABLE);
	/* Recorded as 78: 80 >= 78 met, 77 not met (eq on an up indicator). */
	assert_int_equal(assess_ext(&air, true, 78, AT14(2025, { 2025, 80, 0 })).status,
			 PW_STATUS_MET);
	assert_int_equal(assess_ext(&air, true, 78, AT14(2025, { 2025, 77, 0 })).status,
			 PW_STATUS_NOT_MET);
	/* During the period on the path 71.5 -> 78: 2022 expected 71.5 + 6.5 * 2/5 = 74.1;
	 * 75 -> R = 3.5 / 2.6 = 1.346 -> ahead. */
	r = assess_ext(&air, true, 78, AT14(2022, { 2022, 75, 0 }));
	assert_int_equal(r.status, PW_STATUS_AHEAD);
	assert_int_equal(r.kind, PW_KIND_EXTERNAL);
	near(r.expected, 74.1, 1e-9);
}

/* An external target recorded as a five-year cumulative reduction (the
 * city sets 单位GDP能耗降低 〔13.5〕) is judged as a cumulative target. */
static void test_external_cumulative(void **state)
{
	struct pw_indicator e = ind_of("单位GDP能耗降低", "%", PW_DIR_UP);
	struct pw_assess_opts o;
	struct pw_assess_input in;
	struct pw_target t = tgt(PW_KIND_EXTERNAL, PW_CMP_NONE, 0, 0);
	struct pw_target_result r;
	static const struct pw_obs fast[] = { { 2021, 3.2, 0 }, { 2022, 3.2, 0 } };
	static const struct pw_obs slow[] = { { 2021, 2.0, 0 }, { 2022, 2.0, 0 } };

	(void)state;
	pw_assess_opts_init(&o);
	memset(&in, 0, sizeof(in));
	in.ind = &e;
	in.start = 2021;
	in.end = 2025;
	in.year = 2022;
	in.obs.obs = fast;
	in.obs.n = 2;
	in.has_external = true;
	in.external = 13.5;
	in.external_cmp = PW_CMP_GE;
	in.external_kind = PW_KIND_CUMULATIVE;
	/* 1 - 0.968^2 = 6.2976% against the compound share due
	 * 1 - 0.865^(2/5) = 5.6360%: R = 1.117 -> ahead (docs/assessment.md §8). */
	pw_assess_target(&in, &t, &o, &r);
	assert_int_equal(r.kind, PW_KIND_EXTERNAL);
	assert_int_equal(r.status, PW_STATUS_AHEAD);
	near(r.actual, 6.30, 0.005);
	near(r.expected, 5.636, 0.001);
	/* 1 - 0.98^2 = 3.96%: R = 3.96 / 5.636 = 0.703 -> lagging. */
	in.obs.obs = slow;
	pw_assess_target(&in, &t, &o, &r);
	assert_int_equal(r.status, PW_STATUS_LAGGING);
	/* The same reductions read as a level target would compare 2.0 with
	 * a path to 13.5 and say something else entirely: the kind matters. */
	in.external_kind = PW_KIND_LEVEL;
	pw_assess_target(&in, &t, &o, &r);
	near(r.actual, 2.0, 1e-9);
}

struct rel_case {
	const struct pw_obs *own, *other;
	size_t nown, nother;
	int year;
};

static struct pw_target_result assess_rel(struct pw_indicator *own, struct pw_indicator *other,
					  struct rel_case c)
{
	struct pw_assess_opts o;
	struct pw_assess_input in;
	struct pw_target t = tgt(PW_KIND_RELATION, PW_CMP_NONE, 0, 0);
	struct pw_target_result r;

	pw_assess_opts_init(&o);
	memset(&in, 0, sizeof(in));
	t.text = (char *)"与经济增长基本同步";
	in.ind = own;
	in.start = 2021;
	in.end = 2025;
	in.year = c.year;
	in.obs.obs = c.own;
	in.obs.n = c.nown;
	in.related = other;
	in.related_obs.obs = c.other;
	in.related_obs.n = c.nother;
	pw_assess_target(&in, &t, &o, &r);
	return r;
}

#define REL(y, own, other) ((struct rel_case){ own, other, 5, 5, (y) })
static const struct pw_obs own7[] = { { 2021, 7, 0 }, { 2022, 7, 0 }, { 2023, 7, 0 },
				      { 2024, 7, 0 }, { 2025, 7, 0 } };
static const struct pw_obs own65[] = { { 2021, 6.5, 0 }, { 2022, 6.5, 0 }, { 2023, 6.5, 0 },
				       { 2024, 6.5, 0 }, { 2025, 6.5, 0 } };
static const struct pw_obs own6[] = { { 2021, 6, 0 }, { 2022, 6, 0 }, { 2023, 6, 0 },
				      { 2024, 6, 0 }, { 2025, 6, 0 } };
static const struct pw_obs gdp72[] = { { 2021, 7.2, 0 }, { 2022, 7.2, 0 }, { 2023, 7.2, 0 },
				       { 2024, 7.2, 0 }, { 2025, 7.2, 0 } };

static void test_relation_rates(void **state)
{
	struct pw_indicator inc = ind_of("居民人均可支配收入增长率", "%", PW_DIR_UP);
	struct pw_indicator gdp = ind_of("地区生产总值增长", "%", PW_DIR_UP);
	struct pw_target_result r;

	(void)state;
	/* 7.00 against 7.20 with 5%: floor 7.2 * 0.95 = 6.84 -> met. */
	r = assess_rel(&inc, &gdp, REL(2025, own7, gdp72));
	assert_int_equal(r.status, PW_STATUS_MET);
	near(r.actual, 7.0, 1e-9);
	assert_true(r.has_related);
	near(r.related, 7.2, 1e-9);
	/* 6.50 < 6.84 -> not met. */
	assert_int_equal(assess_rel(&inc, &gdp, REL(2025, own65, gdp72)).status,
			 PW_STATUS_NOT_MET);
	/* 2023: R = 7.0 / 7.2 = 0.972 -> on_track; 6.0 / 7.2 = 0.833 -> lagging. */
	assert_int_equal(assess_rel(&inc, &gdp, REL(2023, own7, gdp72)).status,
			 PW_STATUS_ON_TRACK);
	assert_int_equal(assess_rel(&inc, &gdp, REL(2023, own6, gdp72)).status,
			 PW_STATUS_LAGGING);
	/* No related data: not assessable, own growth still shown. */
	r = assess_rel(&inc, &gdp, ((struct rel_case){ own7, NULL, 5, 0, 2025 }));
	assert_int_equal(r.status, PW_STATUS_NOT_ASSESSABLE);
	assert_true(r.has_actual);
	r = assess_rel(&inc, NULL, REL(2025, own7, gdp72));
	assert_int_equal(r.status, PW_STATUS_NOT_ASSESSABLE);
	/* No own data. */
	assert_int_equal(assess_rel(&inc, &gdp, ((struct rel_case){ NULL, gdp72, 0, 5, 2025 }))
				 .status, PW_STATUS_NO_DATA);
}

static void test_relation_levels(void **state)
{
	struct pw_indicator inc = ind_of("居民人均可支配收入", "元", PW_DIR_UP);
	struct pw_indicator gdp = ind_of("生产总值", "亿元", PW_DIR_UP);
	static const struct pw_obs own[] = { { 2025, 44000, 0 } };
	static const struct pw_obs other[] = { { 2025, 280, 0 } };
	struct pw_target_result r;

	(void)state;
	/* Income 30000 -> 44000: 1.466667^0.2 - 1 = e^(0.382992/5) - 1 = 7.96%;
	 * GDP 200 -> 280: 1.4^0.2 - 1 = e^(0.336472/5) - 1 = 6.96% -> met. */
	with_base(&inc, 2020, 30000);
	with_base(&gdp, 2020, 200);
	r = assess_rel(&inc, &gdp, ((struct rel_case){ own, other, 1, 1, 2025 }));
	assert_int_equal(r.status, PW_STATUS_MET);
	near(r.actual, 7.96, 1e-9);
	near(r.related, 6.96, 1e-9);
	/* The related indicator without a baseline cannot give a growth. */
	gdp.has_baseline = false;
	r = assess_rel(&inc, &gdp, ((struct rel_case){ own, other, 1, 1, 2025 }));
	assert_int_equal(r.status, PW_STATUS_NOT_ASSESSABLE);
}

/* ---- indicators: combining, warnings ----------------------------------------- */

static void test_combine(void **state)
{
	struct pw_target_result r[2];

	(void)state;
	memset(r, 0, sizeof(r));
#define PAIR(a, b, want)                                  \
	do {                                              \
		r[0].status = (a);                        \
		r[1].status = (b);                        \
		assert_int_equal(pw_assess_combine(r, 2), (want)); \
	} while (0)
	PAIR(PW_STATUS_MET, PW_STATUS_NOT_MET, PW_STATUS_NOT_MET);
	PAIR(PW_STATUS_NOT_ASSESSABLE, PW_STATUS_MET, PW_STATUS_MET);
	PAIR(PW_STATUS_NO_DATA, PW_STATUS_MET, PW_STATUS_MET);
	PAIR(PW_STATUS_NOT_ASSESSABLE, PW_STATUS_NO_DATA, PW_STATUS_NOT_ASSESSABLE);
	PAIR(PW_STATUS_NO_DATA, PW_STATUS_NO_DATA, PW_STATUS_NO_DATA);
	PAIR(PW_STATUS_ON_TRACK, PW_STATUS_LAGGING, PW_STATUS_LAGGING);
	PAIR(PW_STATUS_ACHIEVED_EARLY, PW_STATUS_AHEAD, PW_STATUS_AHEAD);
	PAIR(PW_STATUS_AHEAD, PW_STATUS_ON_TRACK, PW_STATUS_ON_TRACK);
#undef PAIR
	assert_int_equal(pw_assess_combine(r, 0), PW_STATUS_NOT_ASSESSABLE);
}

static void test_indicator_and_warning(void **state)
{
	struct pw_indicator f = ind_of("森林覆盖率", "%", PW_DIR_UP);
	struct pw_target ts[2];
	struct pw_assess_input in;
	struct pw_assessment a;
	static const struct pw_obs obs[] = { { 2022, 30.5, 0 } };

	(void)state;
	/* Baseline 30 -> 35 (2025): 2022 expected 30 + 5 * 2/5 = 32; 30.5 -> R = 0.25. */
	with_base(&f, 2020, 30);
	f.attribute = PW_ATTR_BINDING;
	ts[0] = tgt(PW_KIND_LEVEL, PW_CMP_GE, 35, 2025);
	ts[1] = tgt(PW_KIND_EXTERNAL, PW_CMP_NONE, 0, 0);
	f.targets = ts;
	f.ntargets = 2;
	memset(&in, 0, sizeof(in));
	in.ind = &f;
	in.start = 2021;
	in.end = 2025;
	in.year = 2022;
	in.obs.obs = obs;
	in.obs.n = 1;
	assert_int_equal(pw_assess_indicator(&in, NULL, &a), 0);
	assert_int_equal(a.ntargets, 2);
	assert_int_equal(a.targets[0].status, PW_STATUS_LAGGING);
	assert_int_equal(a.targets[1].status, PW_STATUS_NOT_ASSESSABLE);
	assert_int_equal(a.status, PW_STATUS_LAGGING);
	assert_true(a.warning); /* binding and lagging: 预警 */
	pw_assessment_release(&a);
	f.attribute = PW_ATTR_EXPECTED;
	assert_int_equal(pw_assess_indicator(&in, NULL, &a), 0);
	assert_false(a.warning);
	assert_false(a.provisional);
	pw_assessment_release(&a);
	/* In 2025 with only the 2022 value: the same R = 0.25, lagging, but
	 * provisional (no 2025 value), and so is the indicator. */
	in.year = 2025;
	assert_int_equal(pw_assess_indicator(&in, NULL, &a), 0);
	assert_int_equal(a.status, PW_STATUS_LAGGING);
	assert_true(a.targets[0].provisional);
	assert_true(a.provisional);
	pw_assessment_release(&a);
	assert_int_equal(pw_assess_indicator(NULL, NULL, &a), -1);
}

/* ---- plan tables ----------------------------------------------------------- */

static void test_table_rows(void **state)
{
	struct pw_plan p;
	struct pw_table *t;
	struct pw_indicator *gdp, *inc, *pol;
	struct pw_target *x;
	struct pw_assessment a;
	int start, end;

	(void)state;
	pw_plan_init(&p);
	t = pw_plan_add_table(&p);
	gdp = pw_table_add_row(t);
	gdp->name = xstrdup("地区生产总值增长");
	gdp->unit = xstrdup("%");
	x = pw_indicator_add_target(gdp);
	*x = tgt(PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0);
	gdp->has_actual = true;
	gdp->actual_year = 2025;
	gdp->actual = 7.2;
	inc = pw_table_add_row(t);
	inc->name = xstrdup("居民人均可支配收入增长率");
	inc->unit = xstrdup("%");
	x = pw_indicator_add_target(inc);
	*x = tgt(PW_KIND_RELATION, PW_CMP_NONE, 0, 0);
	x->text = xstrdup("与经济增长基本同步");
	inc->has_actual = true;
	inc->actual_year = 2025;
	inc->actual = 6.5;
	pol = pw_table_add_row(t);
	pol->name = xstrdup("二氧化硫");
	x = pw_indicator_add_target(pol);
	*x = tgt(PW_KIND_EXTERNAL, PW_CMP_NONE, 0, 0);
	pol->has_actual = true;
	pol->actual_year = 2025;
	pol->actual = 221.6;
	/* No period on the table or the plan: from the actuals, a five-year plan. */
	pw_assess_table_period(&p, t, &start, &end);
	assert_int_equal(end, 2025);
	assert_int_equal(start, 2021);
	assert_ptr_equal(pw_assess_find_related(t, inc, &inc->targets[0]), gdp);
	assert_null(pw_assess_find_related(t, gdp, &gdp->targets[0])); /* no text */
	/* 6.5 (one year) against 7.2: floor 7.2 * 0.95 = 6.84 -> not met. */
	assert_int_equal(pw_assess_table_row(&p, t, inc, 0, NULL, &a), 0);
	assert_int_equal(a.targets[0].status, PW_STATUS_NOT_MET);
	near(a.targets[0].related, 7.2, 1e-9);
	assert_int_equal(a.status, PW_STATUS_NOT_MET);
	pw_assessment_release(&a);
	/* 7.2 against 7左右 -> met; the external row is not assessable. */
	assert_int_equal(pw_assess_table_row(&p, t, gdp, 0, NULL, &a), 0);
	assert_int_equal(a.status, PW_STATUS_MET);
	pw_assessment_release(&a);
	assert_int_equal(pw_assess_table_row(&p, t, pol, 0, NULL, &a), 0);
	assert_int_equal(a.status, PW_STATUS_NOT_ASSESSABLE);
	pw_assessment_release(&a);
	/* In 2023 the 2025 actual does not exist yet. */
	assert_int_equal(pw_assess_table_row(&p, t, gdp, 2023, NULL, &a), 0);
	assert_int_equal(a.status, PW_STATUS_NO_DATA);
	pw_assessment_release(&a);
	pw_plan_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_cagr_and_rounding),
		cmocka_unit_test(test_series_mode),
		cmocka_unit_test(test_satisfies_each_cmp),
		cmocka_unit_test(test_level_end_up),
		cmocka_unit_test(test_level_end_down),
		cmocka_unit_test(test_level_end_edges),
		cmocka_unit_test(test_level_missing),
		cmocka_unit_test(test_level_series_rules),
		cmocka_unit_test(test_level_in_period_up),
		cmocka_unit_test(test_level_in_period_down),
		cmocka_unit_test(test_level_in_period_no_baseline),
		cmocka_unit_test(test_growth_end_levels),
		cmocka_unit_test(test_growth_end_edges),
		cmocka_unit_test(test_growth_in_period),
		cmocka_unit_test(test_growth_rate_series),
		cmocka_unit_test(test_cumulative_sum),
		cmocka_unit_test(test_cumulative_change),
		cmocka_unit_test(test_cumulative_rates),
		cmocka_unit_test(test_annual),
		cmocka_unit_test(test_annual_worst_year),
		cmocka_unit_test(test_provisional_level),
		cmocka_unit_test(test_provisional_growth),
		cmocka_unit_test(test_provisional_cumulative_annual),
		cmocka_unit_test(test_whole_period_figure),
		cmocka_unit_test(test_external),
		cmocka_unit_test(test_external_cumulative),
		cmocka_unit_test(test_relation_rates),
		cmocka_unit_test(test_relation_levels),
		cmocka_unit_test(test_combine),
		cmocka_unit_test(test_indicator_and_warning),
		cmocka_unit_test(test_table_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
