/*
 * test_number.c - the number scanner, comparator words and cell parser
 * (text/number.h).  Expectations are written from the cell text by hand.
 */
#include "unit.h"
#include "text/number.h"

#include <math.h>
#include <string.h>

#define EPS 1e-9

/* Parses s and checks type, cmp and value in one go. */
static void cell_is(const char *s, enum pw_cell_type type, enum pw_cmp cmp, double value,
		    struct pw_cell *c)
{
	pw_parse_cell(s, c);
	assert_int_equal(c->type, type);
	assert_int_equal(c->cmp, cmp);
	if (type == PW_CELL_NUMBER)
		assert_true(fabs(c->value - value) < EPS);
}

static void test_scan_number(void **state)
{
	double v;

	(void)state;
	assert_int_equal(pw_scan_number("1,080万", &v), 5);
	assert_true(fabs(v - 1080) < EPS);
	assert_int_equal(pw_scan_number("-11.59", &v), 6);
	assert_true(fabs(v + 11.59) < EPS);
	assert_int_equal(pw_scan_number("1,234,567.5x", &v), 11);
	assert_true(fabs(v - 1234567.5) < EPS);
	/* "1.国内生产总值": the dot is a list marker, not a decimal point. */
	assert_int_equal(pw_scan_number("1.国内", &v), 1);
	assert_true(fabs(v - 1) < EPS);
	/* A comma before a non-group is a list separator. */
	assert_int_equal(pw_scan_number("1,2,3", &v), 1);
	assert_int_equal(pw_scan_number("12,34", &v), 2);
	assert_int_equal(pw_scan_number("abc", &v), 0);
	assert_int_equal(pw_scan_number("-x", &v), 0);
	assert_int_equal(pw_scan_number("", &v), 0);
	assert_int_equal(pw_scan_number("2.5.1", &v), 3);
	assert_true(fabs(v - 2.5) < EPS);
}

static void test_cmp_words(void **state)
{
	enum pw_cmp c = PW_CMP_NONE;

	(void)state;
	assert_int_equal(pw_scan_cmp_prefix("力争超过83%", &c), strlen("力争超过"));
	assert_int_equal(c, PW_CMP_GE);
	assert_int_equal(pw_scan_cmp_prefix("不低于3", &c), strlen("不低于"));
	assert_int_equal(c, PW_CMP_GE);
	assert_int_equal(pw_scan_cmp_prefix("不超过3", &c), strlen("不超过"));
	assert_int_equal(c, PW_CMP_LE);
	assert_int_equal(pw_scan_cmp_suffix("以内", &c), strlen("以内"));
	assert_int_equal(c, PW_CMP_LE);
	assert_int_equal(pw_scan_cmp_suffix("左右。", &c), strlen("左右"));
	assert_int_equal(c, PW_CMP_APPROX);
	assert_int_equal(pw_scan_cmp_suffix("个", &c), 0);
	/* the bound words the prose finder shares (PW_BOUND_WORDS) */
	assert_int_equal(pw_scan_cmp_prefix("突破500", &c), strlen("突破"));
	assert_int_equal(c, PW_CMP_GE);
	assert_int_equal(pw_scan_cmp_prefix("多于3", &c), strlen("多于"));
	assert_int_equal(c, PW_CMP_GE);
	assert_int_equal(pw_scan_cmp_prefix("≦5", &c), strlen("≦"));
	assert_int_equal(c, PW_CMP_LE);
	assert_int_equal(pw_scan_cmp_prefix(">=7", &c), 2); /* not ">" then "=7" */
	assert_int_equal(c, PW_CMP_GE);
	assert_int_equal(pw_scan_cmp_prefix("同步", &c), 0);
}

static void test_rate_and_numerals(void **state)
{
	char unit[16] = "x";
	int v = -1;

	(void)state;
	assert_int_equal(pw_scan_rate("/10 万以下", unit, sizeof(unit)), strlen("/10 万"));
	assert_string_equal(unit, "1/10万");
	assert_int_equal(pw_scan_rate("/1000人", unit, sizeof(unit)), 0); /* 人 is no multiple */
	assert_int_equal(pw_scan_rate("/0万", unit, sizeof(unit)), 0);
	assert_int_equal(pw_scan_rate("10万", unit, sizeof(unit)), 0);
	assert_string_equal(unit, "1/10万"); /* left alone on failure */
	/* one numeral character: digits and the units 十 百 */
	assert_int_equal(pw_scan_cnum_char("十二"), 3);
	assert_int_equal(pw_scan_cnum_char("〇"), 3);
	assert_int_equal(pw_scan_cnum_char("两"), 3);
	assert_int_equal(pw_scan_cnum_char("千"), 0);
	assert_int_equal(pw_scan_cnum_char("是"), 0);
	assert_int_equal(pw_scan_cnum_char("1"), 0);
	assert_int_equal(pw_scan_anynum("12、", &v), 2);
	assert_int_equal(v, 12);
	assert_int_equal(pw_scan_anynum("十二、", &v), 6);
	assert_int_equal(v, 12);
}

static void test_comparators(void **state)
{
	struct pw_cell c;

	(void)state;
	cell_is("≥83", PW_CELL_NUMBER, PW_CMP_GE, 83, &c);
	cell_is(">6.5", PW_CELL_NUMBER, PW_CMP_GE, 6.5, &c);
	cell_is("<5.5", PW_CELL_NUMBER, PW_CMP_LE, 5.5, &c);
	cell_is("≤ 10", PW_CELL_NUMBER, PW_CMP_LE, 10, &c);
	cell_is("2以上", PW_CELL_NUMBER, PW_CMP_GE, 2, &c);
	cell_is("45 以上", PW_CELL_NUMBER, PW_CMP_GE, 45, &c);
	cell_is("4.5以下", PW_CELL_NUMBER, PW_CMP_LE, 4.5, &c);
	cell_is("不低于95", PW_CELL_NUMBER, PW_CMP_GE, 95, &c);
	cell_is("7左右", PW_CELL_NUMBER, PW_CMP_APPROX, 7, &c);
	cell_is("8 左右", PW_CELL_NUMBER, PW_CMP_APPROX, 8, &c);
	cell_is("约 3.2", PW_CELL_NUMBER, PW_CMP_APPROX, 3.2, &c);
	cell_is("力争超过83%", PW_CELL_NUMBER, PW_CMP_GE, 83, &c);
	assert_string_equal(c.unit, "%");
	cell_is("5.5%以内", PW_CELL_NUMBER, PW_CMP_LE, 5.5, &c);
	assert_string_equal(c.unit, "%");
	cell_is("控制在3以内", PW_CELL_NUMBER, PW_CMP_LE, 3, &c);
	cell_is("98.5", PW_CELL_NUMBER, PW_CMP_EQ, 98.5, &c);
	cell_is("2.5亿元以上", PW_CELL_NUMBER, PW_CMP_GE, 2.5, &c);
	assert_string_equal(c.unit, "亿元");
	/* A comparator followed by explanation keeps the number. */
	cell_is(">7、力争投入强度高于十三五时期实际", PW_CELL_NUMBER, PW_CMP_GE, 7, &c);
}

static void test_ranges(void **state)
{
	struct pw_cell c;

	(void)state;
	cell_is("1-2", PW_CELL_NUMBER, PW_CMP_RANGE, 1, &c);
	assert_true(c.has_hi);
	assert_true(fabs(c.value_hi - 2) < EPS);
	cell_is("2—3", PW_CELL_NUMBER, PW_CMP_RANGE, 2, &c);
	assert_true(fabs(c.value_hi - 3) < EPS);
	cell_is("4.5%—5%", PW_CELL_NUMBER, PW_CMP_RANGE, 4.5, &c);
	assert_true(fabs(c.value_hi - 5) < EPS);
	assert_string_equal(c.unit, "%");
	cell_is("6~7", PW_CELL_NUMBER, PW_CMP_RANGE, 6, &c);
	assert_true(fabs(c.value_hi - 7) < EPS);
	cell_is("10至12万人", PW_CELL_NUMBER, PW_CMP_RANGE, 10, &c);
	assert_true(fabs(c.value_hi - 12) < EPS);
	assert_string_equal(c.unit, "万人");
	/* A negative value is not a range. */
	cell_is("-11.59", PW_CELL_NUMBER, PW_CMP_EQ, -11.59, &c);
	assert_false(c.has_hi);
	/* A doubled dash is one separator, read whole (not "—" then "—3"). */
	cell_is("2——3", PW_CELL_NUMBER, PW_CMP_RANGE, 2, &c);
	assert_true(fabs(c.value_hi - 3) < EPS);
	cell_is("35%——40%", PW_CELL_NUMBER, PW_CMP_RANGE, 35, &c);
	assert_true(fabs(c.value_hi - 40) < EPS);
	assert_string_equal(c.unit, "%");
	/* The exported separator list: longest first. */
	assert_int_equal(pw_scan_range_sep("——3"), strlen("——"));
	assert_int_equal(pw_scan_range_sep("—3"), strlen("—"));
	assert_int_equal(pw_scan_range_sep("～3"), strlen("～"));
	assert_int_equal(pw_scan_range_sep("3"), 0);
}

/* The full-width comma is a thousands separator only between a 1-3 digit
 * group and exactly three digits; otherwise it is the sentence comma. */
static void test_fullwidth_thousands(void **state)
{
	struct pw_cell c;
	double v;

	(void)state;
	assert_int_equal(pw_scan_number("15，680元", &v), strlen("15，680"));
	assert_true(fabs(v - 15680) < EPS);
	assert_int_equal(pw_scan_number("1，234，567", &v), strlen("1，234，567"));
	assert_true(fabs(v - 1234567) < EPS);
	/* prose: the comma ends a clause */
	assert_int_equal(pw_scan_number("增长10，比去年", &v), 0);
	assert_int_equal(pw_scan_number("10，比去年", &v), 2);
	assert_true(fabs(v - 10) < EPS);
	assert_int_equal(pw_scan_number("12，34", &v), 2);
	assert_int_equal(pw_scan_number("12，3456", &v), 2);
	/* a first group longer than three digits is not grouped */
	assert_int_equal(pw_scan_number("2025，200", &v), 4);
	assert_int_equal(pw_scan_number("12345,678", &v), 5);
	/* after the first group, only groups of three */
	assert_int_equal(pw_scan_number("1，2345，678", &v), 1);
	/* not after a decimal point */
	assert_int_equal(pw_scan_number("1.5，200", &v), 3);
	/* in a cell, after the doc cleaner mapped the digits */
	cell_is("22，000以上", PW_CELL_NUMBER, PW_CMP_GE, 22000, &c);
	cell_is("〔1，500〕", PW_CELL_NUMBER, PW_CMP_EQ, 1500, &c);
	assert_true(c.cumulative);
}

static void test_cumulative(void **state)
{
	struct pw_cell c;

	(void)state;
	cell_is("〔13.5〕", PW_CELL_NUMBER, PW_CMP_EQ, 13.5, &c);
	assert_true(c.cumulative);
	cell_is("[5]", PW_CELL_NUMBER, PW_CMP_EQ, 5, &c);
	assert_true(c.cumulative);
	cell_is("［2.5］", PW_CELL_NUMBER, PW_CMP_EQ, 2.5, &c);
	assert_true(c.cumulative);
	cell_is("〔18〕以上", PW_CELL_NUMBER, PW_CMP_GE, 18, &c);
	assert_true(c.cumulative);
	cell_is("[>10]", PW_CELL_NUMBER, PW_CMP_GE, 10, &c);
	assert_true(c.cumulative);
	cell_is("13.5", PW_CELL_NUMBER, PW_CMP_EQ, 13.5, &c);
	assert_false(c.cumulative);
	cell_is("累计 5", PW_CELL_NUMBER, PW_CMP_EQ, 5, &c);
	assert_true(c.cumulative);
	cell_is("年均7以上", PW_CELL_NUMBER, PW_CMP_GE, 7, &c);
	assert_false(c.cumulative);
	/* An unclosed bracket is not a number. */
	cell_is("[5", PW_CELL_TEXT, PW_CMP_NONE, 0, &c);
}

static void test_rates_estimates_footnotes(void **state)
{
	struct pw_cell c;

	(void)state;
	cell_is("14/10 万以下", PW_CELL_NUMBER, PW_CMP_LE, 14, &c);
	assert_string_equal(c.unit, "1/10万");
	cell_is("13/10万", PW_CELL_NUMBER, PW_CMP_EQ, 13, &c);
	assert_string_equal(c.unit, "1/10万");
	cell_is("预计 2.5", PW_CELL_NUMBER, PW_CMP_EQ, 2.5, &c);
	assert_true(c.estimated);
	cell_is("2.5（预计）", PW_CELL_NUMBER, PW_CMP_EQ, 2.5, &c);
	assert_true(c.estimated);
	cell_is("60.6*", PW_CELL_NUMBER, PW_CMP_EQ, 60.6, &c);
	assert_true(c.footnote);
	assert_false(c.estimated);
	cell_is("23.2 ＊", PW_CELL_NUMBER, PW_CMP_EQ, 23.2, &c);
	assert_true(c.footnote);
	cell_is("1,080", PW_CELL_NUMBER, PW_CMP_EQ, 1080, &c);
	assert_string_equal(c.unit, "");
	cell_is("85%", PW_CELL_NUMBER, PW_CMP_EQ, 85, &c);
	assert_string_equal(c.unit, "%");
	cell_is("4.2‰", PW_CELL_NUMBER, PW_CMP_EQ, 4.2, &c);
	assert_string_equal(c.unit, "‰");
	cell_is("突破500亿元", PW_CELL_NUMBER, PW_CMP_GE, 500, &c);
	assert_string_equal(c.unit, "亿元");
}

static void test_non_numbers(void **state)
{
	struct pw_cell c;

	(void)state;
	cell_is("", PW_CELL_EMPTY, PW_CMP_NONE, 0, &c);
	cell_is("  \t", PW_CELL_EMPTY, PW_CMP_NONE, 0, &c);
	cell_is("—", PW_CELL_DASH, PW_CMP_NONE, 0, &c);
	cell_is(" — ", PW_CELL_DASH, PW_CMP_NONE, 0, &c);
	cell_is("-", PW_CELL_DASH, PW_CMP_NONE, 0, &c);
	cell_is("/", PW_CELL_DASH, PW_CMP_NONE, 0, &c);
	cell_is("按市定目标执行", PW_CELL_EXTERNAL, PW_CMP_NONE, 0, &c);
	cell_is("按下达目标确定", PW_CELL_EXTERNAL, PW_CMP_NONE, 0, &c);
	cell_is("按省下达任务完成", PW_CELL_EXTERNAL, PW_CMP_NONE, 0, &c);
	cell_is("完成省下达任务", PW_CELL_EXTERNAL, PW_CMP_NONE, 0, &c);
	cell_is("与经济增长 基本同步", PW_CELL_RELATION, PW_CMP_NONE, 0, &c);
	cell_is("与GDP增长基本同步", PW_CELL_RELATION, PW_CMP_NONE, 0, &c);
	cell_is("高于GDP增长", PW_CELL_RELATION, PW_CMP_NONE, 0, &c);
	cell_is("保持在合理区间、各年度视情提出", PW_CELL_TEXT, PW_CMP_NONE, 0, &c);
	cell_is("预期性", PW_CELL_TEXT, PW_CMP_NONE, 0, &c);
	pw_parse_cell(NULL, &c);
	assert_int_equal(c.type, PW_CELL_EMPTY);
}

/* Cells that carry their unit: the unit is kept apart from the value. */
static void test_units_in_cells(void **state)
{
	struct pw_cell c;

	(void)state;
	cell_is("7%左右", PW_CELL_NUMBER, PW_CMP_APPROX, 7, &c);
	assert_string_equal(c.unit, "%");
	cell_is("≥83%", PW_CELL_NUMBER, PW_CMP_GE, 83, &c);
	assert_string_equal(c.unit, "%");
	cell_is("5万人", PW_CELL_NUMBER, PW_CMP_EQ, 5, &c);
	assert_string_equal(c.unit, "万人");
	cell_is("〔13.5%〕", PW_CELL_NUMBER, PW_CMP_EQ, 13.5, &c);
	assert_true(c.cumulative);
	cell_is("〔5万人〕", PW_CELL_NUMBER, PW_CMP_EQ, 5, &c);
	assert_true(c.cumulative);
	assert_string_equal(c.unit, "万人");
}

/* A cell's edges are trimmed of the blanks every reader knows (text/utf8.h):
 * a spreadsheet cell may start with a line end or end with a no-break
 * space, and it is the same number as without them. */
static void test_cell_edges_are_blanks(void **state)
{
	struct pw_cell c;

	(void)state;
	cell_is("\n5万人", PW_CELL_NUMBER, PW_CMP_EQ, 5, &c);
	assert_string_equal(c.unit, "万人");
	cell_is("5万人\xC2\xA0", PW_CELL_NUMBER, PW_CMP_EQ, 5, &c);
	assert_string_equal(c.unit, "万人");
	cell_is("\xE3\x80\x80≥83%\r\n", PW_CELL_NUMBER, PW_CMP_GE, 83, &c);
	assert_string_equal(c.unit, "%");
	cell_is("\xC2\xA0\n\t", PW_CELL_EMPTY, PW_CMP_NONE, 0, &c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_number),
		cmocka_unit_test(test_cmp_words),
		cmocka_unit_test(test_rate_and_numerals),
		cmocka_unit_test(test_comparators),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_fullwidth_thousands),
		cmocka_unit_test(test_cumulative),
		cmocka_unit_test(test_rates_estimates_footnotes),
		cmocka_unit_test(test_non_numbers),
		cmocka_unit_test(test_units_in_cells),
		cmocka_unit_test(test_cell_edges_are_blanks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
