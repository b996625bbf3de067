/*
 * test_table.c - the indicator-table reader (pw_read_tables) on our own
 * documents in tests/data/tables/ and on small inline ones: Markdown with
 * another column order and a unit column, a national-plan 专栏1 table, a
 * table split over pages with a changed header, GB18030+CRLF, truncated
 * and malformed tables.  Expectations are read off the documents by hand.
 */
#include "unit.h"
#include "testdata.h"
#include "ingest/ingest.h"
#include "model/plan.h"
#include "text/doc.h"
#include "util/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DATA "tables/" /* under tests/data/ (testdata.h) */
#define EPS 1e-9

struct fixture {
	struct pw_doc d;
	struct pw_plan p;
	unsigned char *claimed;
};

static void run_tables(struct fixture *f)
{
	pw_plan_init(&f->p);
	f->claimed = calloc(f->d.nlines + 1, 1);
	assert_non_null(f->claimed);
	pw_error_quiet(1);
	assert_int_equal(pw_read_tables(&f->d, &f->p, f->claimed), 0);
	pw_error_quiet(0);
}

static void load_file(struct fixture *f, const char *rel)
{
	TESTDATA_LOAD(&f->d, rel);
	run_tables(f);
}

static void load_text(struct fixture *f, const char *text)
{
	assert_int_equal(pw_doc_from_bytes(&f->d, "inline.txt", text, strlen(text)), 0);
	run_tables(f);
}

static void release(struct fixture *f)
{
	pw_plan_free(&f->p);
	pw_doc_release(&f->d);
	free(f->claimed);
}

static bool claimed(const struct fixture *f, int line)
{
	return f->claimed[line - 1] == PW_CLAIM_TABLE;
}

static void check_str(const char *want, const char *got)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got ? got : "(null)", want);
}

static void check_target(const struct pw_target *t, enum pw_kind kind, enum pw_cmp cmp,
			 double value, int year)
{
	assert_int_equal(t->kind, kind);
	assert_int_equal(t->cmp, cmp);
	if (kind == PW_KIND_EXTERNAL || kind == PW_KIND_RELATION) {
		assert_false(t->has_value);
		return;
	}
	assert_true(t->has_value);
	assert_true(fabs(t->value - value) < EPS);
	assert_int_equal(t->year, year);
}

static void check_baseline(const struct pw_indicator *ind, double value, int year)
{
	assert_true(ind->has_baseline);
	assert_true(fabs(ind->baseline - value) < EPS);
	assert_int_equal(ind->baseline_year, year);
}

/* ------------------------------------------------------------------ */

static void test_markdown_other_order_unit_column(void **state)
{
	struct fixture f;
	const struct pw_table *t;
	const struct pw_indicator *r;

	(void)state;
	load_file(&f, DATA "markdown-units.md");
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	check_str("表3 “十四五”时期生态环境主要指标", t->title);
	assert_int_equal(t->line, 5);
	assert_int_equal(t->start, 2021);
	assert_int_equal(t->end, 2025);
	assert_int_equal(t->nrows, 5);

	r = &t->rows[0]; /* 1. 细颗粒物（PM2.5）年均浓度 | 微克/立方米 | 约束性 | 35以下 | 41 */
	check_str("1", r->no);
	check_str("细颗粒物（PM2.5）年均浓度", r->name);
	check_str("微克/立方米", r->unit);
	check_str("环境质量", r->category);
	assert_int_equal(r->attribute, PW_ATTR_BINDING);
	assert_int_equal(r->direction, PW_DIR_DOWN);
	check_baseline(r, 41, 2020);
	assert_int_equal(r->ntargets, 1);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_LE, 35, 2025);
	assert_int_equal(r->line, 10);

	r = &t->rows[1]; /* ≥８５ arrives as ≥85 */
	check_str("空气质量优良天数比例", r->name);
	check_str("%", r->unit);
	assert_int_equal(r->direction, PW_DIR_UP);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_GE, 85, 2025);

	r = &t->rows[2]; /* 单位GDP能耗降低: 〔１３.５〕, a reduction: up */
	check_str("节能减排", r->category);
	assert_int_equal(r->direction, PW_DIR_UP);
	assert_false(r->has_baseline);
	assert_int_equal(r->ntargets, 1);
	check_target(&r->targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 13.5, 0);

	r = &t->rows[3]; /* 化学需氧量排放总量: 排放 is down */
	assert_int_equal(r->direction, PW_DIR_DOWN);
	check_str("万吨", r->unit);
	check_target(&r->targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 8, 0);

	r = &t->rows[4]; /* 4.5%—5% range, 1,080 baseline */
	check_baseline(r, 1080, 2020);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_RANGE, 4.5, 2025);
	assert_true(r->targets[0].has_value_hi);
	assert_true(fabs(r->targets[0].value_hi - 5) < EPS);
	assert_int_equal(r->attribute, PW_ATTR_EXPECTED);

	assert_true(claimed(&f, 5));   /* title */
	assert_true(claimed(&f, 7));   /* header */
	assert_true(claimed(&f, 8));   /* rule */
	assert_true(claimed(&f, 9));   /* category row */
	assert_true(claimed(&f, 15));  /* last row */
	assert_true(claimed(&f, 17));  /* 注： */
	assert_false(claimed(&f, 1));
	assert_false(claimed(&f, 19)); /* prose after the table */
	release(&f);
}

static void test_national_column_table(void **state)
{
	struct fixture f;
	const struct pw_table *t;
	const struct pw_indicator *r;
	size_t i;

	(void)state;
	load_file(&f, DATA "national-column.txt");
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	check_str("专栏1 “十四五”时期经济社会发展主要指标", t->title);
	assert_int_equal(t->start, 2021);
	assert_int_equal(t->nrows, 11);
	for (i = 0; i < t->nrows; i++) {
		char no[24];

		snprintf(no, sizeof(no), "%zu", i + 1);
		check_str(no, t->rows[i].no);
		assert_null(t->rows[i].group);
	}

	r = &t->rows[0]; /* 1.国内生产总值（GDP）增长（%） */
	check_str("国内生产总值（GDP）增长", r->name);
	check_str("%", r->unit);
	check_str("经济发展", r->category);
	check_baseline(r, 2.3, 2020);
	assert_int_equal(r->ntargets, 1);
	assert_int_equal(r->targets[0].kind, PW_KIND_EXTERNAL);

	r = &t->rows[1]; /* category cell empty: inherited */
	check_str("经济发展", r->category);
	check_target(&r->targets[0], PW_KIND_RELATION, PW_CMP_NONE, 0, 0);

	r = &t->rows[2]; /* 60.6* with 带*的为2019年数据 */
	check_baseline(r, 60.6, 2019);
	check_str("2019年数据", r->note);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 65, 2025);

	r = &t->rows[3]; /* >7、力争… in 年均/累计 of a 增长 indicator */
	check_str("创新驱动", r->category);
	check_target(&r->targets[0], PW_KIND_GROWTH, PW_CMP_GE, 7, 0);

	check_target(&t->rows[5].targets[0], PW_KIND_RELATION, PW_CMP_NONE, 0, 0);

	r = &t->rows[6]; /* 城镇调查失业率 <5.5: a level, down */
	assert_int_equal(r->direction, PW_DIR_DOWN);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_LE, 5.5, 2025);

	check_target(&t->rows[7].targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 1, 0);

	r = &t->rows[8]; /* 单位GDP能源消耗降低 〔13.5〕 */
	assert_int_equal(r->direction, PW_DIR_UP);
	assert_int_equal(r->attribute, PW_ATTR_BINDING);
	check_str("绿色生态", r->category);
	check_target(&r->targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 13.5, 0);

	check_baseline(&t->rows[9], 23.2, 2019);
	check_target(&t->rows[10].targets[0], PW_KIND_LEVEL, PW_CMP_GE, 6.5, 2025);
	check_str("亿吨", t->rows[10].unit);

	assert_true(claimed(&f, 3));
	assert_true(claimed(&f, 17));
	assert_false(claimed(&f, 1));
	assert_false(claimed(&f, 19));
	release(&f);
}

static void check_split_pages(const struct fixture *f)
{
	const struct pw_table *t;
	const struct pw_indicator *r;

	assert_int_equal(f->p.ntables, 1);
	t = &f->p.tables[0];
	assert_int_equal(t->start, 2016);
	assert_int_equal(t->end, 2020);
	assert_int_equal(t->nrows, 6);

	r = &t->rows[1]; /* 预计 11.5 */
	assert_true(r->has_actual);
	assert_true(r->actual_estimated);
	assert_int_equal(r->actual_year, 2020);
	check_target(&r->targets[1], PW_KIND_GROWTH, PW_CMP_GE, 8, 0);

	r = &t->rows[2]; /* group cell shifts the row one right */
	check_str("3", r->no);
	check_str("主要污染物排放总量减少", r->group);
	check_str("化学需氧量", r->name);
	check_str("吨", r->unit);
	check_str("资源环境", r->category);
	check_baseline(r, 1080, 2015);
	assert_int_equal(r->targets[0].kind, PW_KIND_EXTERNAL);
	assert_int_equal(r->direction, PW_DIR_UP);

	r = &t->rows[3]; /* continuation: no, group, merged target inherited */
	check_str("3", r->no);
	check_str("主要污染物排放总量减少", r->group);
	check_str("氨氮", r->name);
	check_baseline(r, 95, 2015);
	assert_int_equal(r->ntargets, 1);
	assert_int_equal(r->targets[0].kind, PW_KIND_EXTERNAL);
	assert_string_equal(r->targets[0].text, "按省下达目标");
	assert_true(fabs(r->actual - 10.5) < EPS);

	r = &t->rows[4]; /* after the page break, header without 序号 */
	check_str("4", r->no);
	assert_null(r->group);
	check_str("单位地区生产总值能耗", r->name);
	check_str("吨标准煤/万元", r->unit);
	assert_int_equal(r->direction, PW_DIR_DOWN);
	assert_int_equal(r->ntargets, 0);
	assert_int_equal(r->line, 14);

	r = &t->rows[5];
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_LE, 4.5, 2020);
	assert_int_equal(r->direction, PW_DIR_DOWN);
}

static void test_split_over_pages(void **state)
{
	struct fixture f;

	(void)state;
	load_file(&f, DATA "split-pages.txt");
	check_split_pages(&f);
	assert_true(claimed(&f, 4));   /* 二、… category line without cells */
	assert_false(claimed(&f, 11)); /* the page footer is not table text */
	assert_true(claimed(&f, 13));  /* repeated header */
	assert_true(claimed(&f, 16));  /* note */
	assert_false(claimed(&f, 18));
	release(&f);
}

static void test_gb18030_crlf_same_tables(void **state)
{
	struct fixture a, b;
	size_t i;

	(void)state;
	load_file(&a, DATA "split-pages.txt");
	load_file(&b, DATA "split-pages-gb18030-crlf.txt");
	assert_string_equal(b.d.encoding, "GB18030");
	check_split_pages(&b);
	for (i = 0; i < a.p.tables[0].nrows; i++) {
		assert_string_equal(a.p.tables[0].rows[i].name, b.p.tables[0].rows[i].name);
		assert_int_equal(a.p.tables[0].rows[i].line, b.p.tables[0].rows[i].line);
	}
	release(&a);
	release(&b);
}

/* A text table (runs of blanks) whose header is cut over two lines and
 * repeated after the page end (a form feed, a page number): the repeat,
 * both its lines, goes on the same table; no line of it is read as a row. */
static void test_repeated_two_line_header(void **state)
{
	struct fixture f;
	const struct pw_table *t;
	unsigned before = pw_warning_count();

	(void)state;
	load_text(&f, "表1 “十四五”主要指标\n"
		      "\n"
		      "序号  指标名称              2020年    2025年    年均增长    属性\n"
		      "                            基数      目标      (%)\n"
		      "1     地区生产总值(亿元)     100       150       —           预期性\n"
		      "2     常住人口城镇化率(%)    60        65        —           预期性\n"
		      "\n"
		      "- 12 -\n"
		      "\f序号  指标名称              2020年    2025年    年均增长    属性\n"
		      "                            基数      目标      (%)\n"
		      "3     森林覆盖率(%)          30        32        —           约束性\n"
		      "4     人均预期寿命(岁)       78        79        —           预期性\n"
		      "\n"
		      "注：数据为测试。\n");
	assert_int_equal(pw_warning_count(), before);
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	assert_int_equal(t->nrows, 4);
	check_str("森林覆盖率", t->rows[2].name);
	check_baseline(&t->rows[2], 30, 2020);
	check_target(&t->rows[2].targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 32, 2025);
	check_baseline(&t->rows[3], 78, 2020);
	assert_true(claimed(&f, 9));
	assert_true(claimed(&f, 10));
	assert_false(claimed(&f, 8)); /* the page number */
	release(&f);
}

/* The same table laid out in tabs and one cell per line (a text copy of a
 * Word table): the same rows, at the line of each row's first cell, and
 * every line of the cells claimed. */
static void test_one_cell_per_line(void **state)
{
	static const char tabs[] = "表1 “十四五”主要指标\n"
				   "序号\t指标\t属性\t单位\t2020年基数\t2025年目标\n"
				   "1\t地区生产总值\t预期性\t亿元\t100\t150\n"
				   "2\t森林覆盖率\t约束性\t%\t30\t32以上\n"
				   "注：数据为测试。\n";
	static const char cells[] = "表1 “十四五”主要指标\n"
				    "序号\n指标\n属性\n单位\n2020年基数\n2025年目标\n"
				    "1\n地区生产总值\n预期性\n亿元\n100\n150\n"
				    "2\n森林覆盖率\n约束性\n%\n30\n32以上\n"
				    "注：数据为测试。\n";
	struct fixture a, b;
	size_t i;
	int l;

	(void)state;
	load_text(&a, tabs);
	load_text(&b, cells);
	assert_int_equal(b.p.ntables, 1);
	assert_int_equal(b.p.tables[0].nrows, 2);
	for (i = 0; i < 2; i++) {
		const struct pw_indicator *x = &a.p.tables[0].rows[i], *y = &b.p.tables[0].rows[i];

		check_str(x->no, y->no);
		check_str(x->name, y->name);
		check_str(x->unit, y->unit);
		assert_int_equal(x->attribute, y->attribute);
		check_baseline(y, x->baseline, x->baseline_year);
		check_target(&y->targets[0], x->targets[0].kind, x->targets[0].cmp,
			     x->targets[0].value, x->targets[0].year);
	}
	assert_int_equal(b.p.tables[0].rows[1].line, 14);
	check_str("表1 “十四五”主要指标", b.p.tables[0].title);
	for (l = 1; l <= 20; l++)
		assert_true(claimed(&b, l));
	release(&a);
	release(&b);
}

/* One cell per line as LibreOffice writes a table with merged cells: the
 * name header over the number column, a group over two rows (its cells
 * blank in the second), a row that ends with an empty cell. */
static void test_one_cell_per_line_merged(void **state)
{
	struct fixture f;
	const struct pw_table *t;

	(void)state;
	load_text(&f, "表2 “十四五”主要指标\n\n"
		      "指标名称\n2020年 基数\n2025年 目标\n年均增速\n指标属性\n"
		      "一、经济发展\n"
		      "1\n地区生产总值增长(%)\n—\n—\n7左右\n预期性\n"
		      "2\n城镇就业\n城镇新增就业人数(万人)\n—\n[5]\n—\n预期性\n"
		      "\n\n城镇登记失业率(%)\n—\n4.5以下\n—\n预期性\n"
		      "3\n人均预期寿命(岁)\n79.25\n80\n—\n约束性\n\n"
		      "4\n森林覆盖率(%)\n—\n按市定目标执行\n—\n约束性\n"
		      "\n注：[]内为累计数。\n");
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	assert_int_equal(t->nrows, 5);
	check_str("经济发展", t->rows[0].category);
	check_target(&t->rows[0].targets[0], PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0);
	check_str("城镇就业", t->rows[2].group);
	check_str("城镇登记失业率", t->rows[2].name);
	check_target(&t->rows[2].targets[0], PW_KIND_LEVEL, PW_CMP_LE, 4.5, 2025);
	check_baseline(&t->rows[3], 79.25, 2020);
	assert_int_equal(t->rows[4].attribute, PW_ATTR_BINDING);
	release(&f);
}

/* Cells that stop fitting the header (a row without its attribute):
 * the rows before are read, and a warning names where the rest were lost. */
static void test_one_cell_per_line_cut(void **state)
{
	struct fixture f;
	unsigned before = pw_warning_count();

	(void)state;
	load_text(&f, "表1 “十四五”主要指标\n\n"
		      "序号\n指标\n2020年基数\n2025年目标\n属性\n"
		      "1\n地区生产总值(亿元)\n100\n150\n预期性\n"
		      "2\n森林覆盖率(%)\n30\n32\n"
		      "3\n人均预期寿命(岁)\n78\n79\n预期性\n");
	assert_int_equal(f.p.ntables, 1);
	assert_int_equal(f.p.tables[0].nrows, 1);
	assert_int_equal(pw_warning_count(), before + 1);
	assert_non_null(strstr(pw_last_error(), "from line 3 stop fitting"));
	release(&f);
}

/* A numbered list written one item per line, even under header-like
 * words, is no table: nothing read, nothing claimed. */
static void test_one_cell_per_line_list(void **state)
{
	struct fixture f;
	int l;

	(void)state;
	load_text(&f, "主要目标\n指标体系\n属性\n"
		      "1\n加快发展先进制造业\n"
		      "2\n推进改革，预期性目标全面完成\n"
		      "3\n约束性指标全部完成\n");
	assert_int_equal(f.p.ntables, 0);
	for (l = 1; l <= 9; l++)
		assert_false(claimed(&f, l));
	release(&f);
}

static void test_truncated_table(void **state)
{
	struct fixture f;
	unsigned before = pw_warning_count();

	(void)state;
	load_file(&f, DATA "truncated.txt");
	assert_int_equal(f.p.ntables, 1);
	assert_int_equal(f.p.tables[0].nrows, 0);
	assert_true(pw_warning_count() > before);
	assert_false(claimed(&f, 5));
	release(&f);
}

static void test_malformed_rows(void **state)
{
	struct fixture f;
	const struct pw_table *t;

	(void)state;
	load_file(&f, DATA "malformed.txt");
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	assert_int_equal(t->start, 2026); /* 十五五 */
	assert_int_equal(t->end, 2030);
	assert_int_equal(t->nrows, 2);
	check_str("人均地区生产总值", t->rows[0].name);
	check_str("元", t->rows[0].unit);
	check_baseline(&t->rows[0], 80000, 2025);
	check_target(&t->rows[0].targets[0], PW_KIND_GROWTH, PW_CMP_APPROX, 6, 0);
	check_str("城镇化率", t->rows[1].name);
	check_target(&t->rows[1].targets[0], PW_KIND_LEVEL, PW_CMP_GE, 75, 2030);
	release(&f);
}

/* ------------------------------------------------------------------ */
/* Inline documents                                                   */

static void test_no_title_and_rate_unit(void **state)
{
	struct fixture f;
	const struct pw_indicator *r;

	(void)state;
	load_text(&f, "正文第一段。\n\n"
		      "指标名称\t\t2020年 基数\t2025年 目标\t属性\n"
		      "1\t孕产妇死亡率\t12/10万\t14/10 万以下\t预期性\n"
		      "2\t婴儿死亡率（‰）\t4.5\t5\t预期性\n");
	assert_int_equal(f.p.ntables, 1);
	assert_null(f.p.tables[0].title);
	assert_int_equal(f.p.tables[0].line, 3);
	assert_int_equal(f.p.tables[0].start, 2021);
	r = &f.p.tables[0].rows[0];
	check_str("1", r->no);
	check_str("1/10万", r->unit);
	check_baseline(r, 12, 2020);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_LE, 14, 2025);
	r = &f.p.tables[0].rows[1]; /* a plain number is a ceiling when down */
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_LE, 5, 2025);
	assert_false(claimed(&f, 1));
	release(&f);
}

static void test_sentence_inside_table(void **state)
{
	struct fixture f;

	(void)state;
	load_text(&f, "表1 “十四五”主要指标\n"
		      "序号\t指标\t2020年\t2025年\t属性\n"
		      "1\t森林覆盖率（%）\t30\t32\t约束性\n"
		      "\n"
		      "（上接第5页）\n"
		      "\n"
		      "2\t城镇化率（%）\t60\t65以上\t预期性\n"
		      "\n"
		      "二、主要任务\n"
		      "下一段正文，不是表格。\n");
	assert_int_equal(f.p.ntables, 1);
	assert_int_equal(f.p.tables[0].nrows, 2);
	check_str("城镇化率", f.p.tables[0].rows[1].name);
	check_baseline(&f.p.tables[0].rows[0], 30, 2020);
	check_target(&f.p.tables[0].rows[1].targets[0], PW_KIND_LEVEL, PW_CMP_GE, 65, 2025);
	assert_false(claimed(&f, 5));
	assert_true(claimed(&f, 7));
	assert_false(claimed(&f, 9));
	release(&f);
}

static void test_space_separated_table(void **state)
{
	struct fixture f;
	const struct pw_indicator *r;

	(void)state;
	load_text(&f, "表2 “十三五”规划指标\n"
		      "序号  指标名称  单位  2015年基数  2020年目标  年均增长  属性\n"
		      "1  地区生产总值  亿元  100  150  8以上  预期性\n"
		      "2  城镇登记失业率  %  4  4.5  —  预期性\n");
	assert_int_equal(f.p.ntables, 1);
	assert_int_equal(f.p.tables[0].nrows, 2);
	r = &f.p.tables[0].rows[0];
	check_str("亿元", r->unit);
	check_baseline(r, 100, 2015);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 150, 2020);
	check_target(&r->targets[1], PW_KIND_GROWTH, PW_CMP_GE, 8, 0);
	r = &f.p.tables[0].rows[1];
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_LE, 4.5, 2020);
	release(&f);
}

static void test_two_tables_and_no_false_positive(void **state)
{
	struct fixture f;

	(void)state;
	load_text(&f, "专栏 “十四五”重点工程\n"
		      "1. 金融服务。建设金融大厦，目标是10家机构。\n"
		      "\n"
		      "表1 A\n"
		      "| 指标 | 2020年基数 | 2025年目标 |\n"
		      "|---|---|---|\n"
		      "| 人均GDP（元） | 5万 | 7万 |\n"
		      "\n"
		      "表2 B\n"
		      "| 序号 | 指标 | 目标 | 属性 |\n"
		      "|---|---|---|---|\n"
		      "| 1 | 研发投入强度（%） | 2.5 | 预期性 |\n");
	assert_int_equal(f.p.ntables, 2);
	check_str("表1 A", f.p.tables[0].title);
	check_str("表2 B", f.p.tables[1].title);
	assert_int_equal(f.p.tables[0].nrows, 1);
	assert_int_equal(f.p.tables[1].nrows, 1);
	assert_false(claimed(&f, 1));
	assert_false(claimed(&f, 2));
	release(&f);
}

static void test_cumulative_column_and_category_column(void **state)
{
	struct fixture f;
	const struct pw_table *t;

	(void)state;
	load_text(&f, "表6 “十四五”节能指标\n"
		      "| 类别 | 指标 | 单位 | 2020年 | 2025年 | 五年累 计 | 责任单位 |\n"
		      "|---|---|---|---|---|---|---|\n"
		      "| 绿色发展 | 1.单位GDP能耗降低 | % | — | — | 14 | 市发改委 |\n"
		      "|  | 2.新增造林面积 | 万亩 | 120 | — | 50 | 市林业局 |\n"
		      "| 民生 | 3.城镇新增就业 | 万人 | — | — | [30] | 市人社局 |\n");
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	assert_int_equal(t->nrows, 3);
	check_str("绿色发展", t->rows[0].category);
	check_str("绿色发展", t->rows[1].category);
	check_str("民生", t->rows[2].category);
	check_str("2", t->rows[1].no);
	check_str("新增造林面积", t->rows[1].name);
	check_str("万亩", t->rows[1].unit);
	assert_null(t->rows[1].group);
	assert_int_equal(t->rows[1].attribute, PW_ATTR_NONE);
	check_baseline(&t->rows[1], 120, 2020);
	check_target(&t->rows[0].targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 14, 0);
	check_target(&t->rows[1].targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 50, 0);
	check_target(&t->rows[2].targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 30, 0);
	release(&f);
}

static void test_two_line_header_and_actual_as_base(void **state)
{
	struct fixture f;
	const struct pw_indicator *r;

	(void)state;
	load_text(&f, "表 7 完成情况\n"
		      "序号\t指标名称\t2015年\t2020年\t年均增速\t2020年\t指标属性\n"
		      "\t\t基数\t目标\t(%)\t完成值\t\n"
		      "1\t生产总值（亿元）\t100\t147\t8\t150\t预期性\n"
		      "\n"
		      "表 8 目标\n"
		      "指标\t2020年实际\t2025年目标\t属性\n"
		      "1.常住人口城镇化率（%）\t60\t65\t预期性\n");
	assert_int_equal(f.p.ntables, 2);
	r = &f.p.tables[0].rows[0];
	assert_int_equal(f.p.tables[0].start, 2016); /* from the header years */
	check_baseline(r, 100, 2015);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 147, 2020);
	check_target(&r->targets[1], PW_KIND_GROWTH, PW_CMP_EQ, 8, 0);
	assert_true(r->has_actual);
	assert_int_equal(r->actual_year, 2020);
	assert_true(fabs(r->actual - 150) < EPS);
	assert_true(claimed(&f, 3));
	r = &f.p.tables[1].rows[0];
	check_baseline(r, 60, 2020);
	assert_false(r->has_actual);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 65, 2025);
	release(&f);
}

/* The converter dropped the empty category cell of the rows below the
 * first of each category: those rows are one cell short. */
static void test_dropped_category_cells(void **state)
{
	struct fixture f;
	const struct pw_table *t;

	(void)state;
	load_text(&f, "专栏2 主要指标\n"
		      "类别\t指标\t2020年\t2025年\t年均/累计\t属性\n"
		      "经济发展\t1.地区生产总值增长（%）\t3.6\t—\t6左右\t预期性\n"
		      "2.城镇化率（%）\t55\t60\t—\t预期性\n"
		      "民生福祉\t3.城镇调查失业率（%）\t5.1\t—\t<5.5\t预期性\n");
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	assert_int_equal(t->nrows, 3);
	check_str("经济发展", t->rows[1].category);
	check_str("城镇化率", t->rows[1].name);
	check_str("2", t->rows[1].no);
	check_baseline(&t->rows[1], 55, 2020);
	check_target(&t->rows[1].targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 60, 2025);
	check_target(&t->rows[0].targets[0], PW_KIND_GROWTH, PW_CMP_APPROX, 6, 0);
	check_str("民生福祉", t->rows[2].category);
	check_target(&t->rows[2].targets[0], PW_KIND_LEVEL, PW_CMP_LE, 5.5, 2025);
	release(&f);
}

/* tables/unit-note-header.txt: name headers with a unit note (指标名称(单位),
 * 指标名称（计量单位）) and units in each name's bracket; separate 年均 and
 * 累计 columns; full-width thousands commas; direction by the head noun. */
static void test_unit_note_header_and_cumulative_column(void **state)
{
	struct fixture f;
	const struct pw_table *t;
	const struct pw_indicator *r;

	(void)state;
	load_file(&f, DATA "unit-note-header.txt");
	assert_int_equal(f.p.ntables, 2);
	t = &f.p.tables[0];
	assert_int_equal(t->line, 3);
	assert_int_equal(t->nrows, 6);
	r = &t->rows[1]; /* 农村居民人均收入(元)  １２，５００  １８，０００以上  ８ */
	check_str("农村居民人均收入", r->name);
	check_str("元", r->unit);
	check_baseline(r, 12500, 2020);
	assert_int_equal(r->ntargets, 2);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_GE, 18000, 2025);
	check_target(&r->targets[1], PW_KIND_GROWTH, PW_CMP_EQ, 8, 0);
	r = &t->rows[2]; /* 累计 〔0.6〕 only */
	assert_int_equal(r->ntargets, 1);
	check_target(&r->targets[0], PW_KIND_CUMULATIVE, PW_CMP_EQ, 0.6, 0);
	r = &t->rows[3]; /* 年均 3 and 累计 ［15］: both */
	assert_int_equal(r->ntargets, 2);
	check_target(&r->targets[0], PW_KIND_GROWTH, PW_CMP_EQ, 3, 0);
	check_target(&r->targets[1], PW_KIND_CUMULATIVE, PW_CMP_EQ, 15, 0);
	assert_int_equal(r->direction, PW_DIR_UP);           /* …用水量降低 */
	assert_int_equal(t->rows[4].direction, PW_DIR_UP);   /* 受污染…安全利用率 */
	assert_int_equal(t->rows[5].direction, PW_DIR_DOWN); /* 婴儿死亡率 */
	check_target(&t->rows[5].targets[0], PW_KIND_LEVEL, PW_CMP_LE, 5, 2025);

	t = &f.p.tables[1];
	assert_int_equal(t->nrows, 3);
	r = &t->rows[0];
	check_str("细颗粒物（PM2.5）平均浓度", r->name);
	check_str("微克/立方米", r->unit);
	assert_int_equal(r->direction, PW_DIR_DOWN);         /* …浓度 */
	check_baseline(r, 32, 2020);
	assert_int_equal(t->rows[1].direction, PW_DIR_DOWN); /* 重污染天数 */
	r = &t->rows[2];
	assert_int_equal(r->direction, PW_DIR_UP);           /* 黑臭水体消除比例 */
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_RANGE, 2, 2025);
	assert_true(r->targets[0].has_value_hi);
	assert_true(fabs(r->targets[0].value_hi - 3) < EPS);
	release(&f);
}

/* A header cell "指标名称 单位：%" is the name column; "2020年（基数）" the
 * base; a bare 单位 column stays the unit column. */
static void test_unit_note_forms(void **state)
{
	struct fixture f;
	const struct pw_indicator *r;

	(void)state;
	load_text(&f, "表1 “十四五”主要指标\n"
		      "| 指标名称 单位：% | 2020年（基数） | 2025年 |\n"
		      "|---|---|---|\n"
		      "| 城镇化率 | 55 | 60 |\n"
		      "\n"
		      "表2 “十四五”其他指标\n"
		      "| 指标 | 单位 | 2020年 | 2025年 |\n"
		      "|---|---|---|---|\n"
		      "| 城镇新增就业 | 万人 | 1.2 | 1.5 |\n");
	assert_int_equal(f.p.ntables, 2);
	r = &f.p.tables[0].rows[0];
	check_str("城镇化率", r->name);
	check_str("%", r->unit); /* from the header's 单位：% */
	check_baseline(r, 55, 2020);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 60, 2025);
	r = &f.p.tables[1].rows[0];
	check_str("城镇新增就业", r->name);
	check_str("万人", r->unit);
	check_baseline(r, 1.2, 2020);
	release(&f);
}

/* Bare years 2020/2025/2035 in a 十四五 table: 2035 is a second level
 * target with its own year; a 类型 column right of the name holds the
 * attribute (预期/约束); no 序号 column. */
static void test_far_target_and_type_column(void **state)
{
	struct fixture f;
	const struct pw_indicator *r;

	(void)state;
	load_text(&f, "表1 “十四五”主要指标\n"
		      "指标\t单位\t2020年\t2025年\t2035年\t类型\n"
		      "人均预期寿命\t岁\t78\t79\t80以上\t预期\n"
		      "城镇调查失业率\t%\t5.2\t5.5\t5\t约束\n");
	assert_int_equal(f.p.ntables, 1);
	r = &f.p.tables[0].rows[0];
	assert_null(r->no);
	check_str("人均预期寿命", r->name);
	assert_int_equal(r->attribute, PW_ATTR_EXPECTED);
	check_baseline(r, 78, 2020);
	assert_int_equal(r->ntargets, 2);
	check_target(&r->targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 79, 2025);
	check_target(&r->targets[1], PW_KIND_LEVEL, PW_CMP_GE, 80, 2035);
	r = &f.p.tables[0].rows[1];
	assert_int_equal(r->attribute, PW_ATTR_BINDING);
	check_target(&r->targets[1], PW_KIND_LEVEL, PW_CMP_LE, 5, 2035);
	release(&f);
}

/* A header cut over three lines, a 单位：万人 line above it, and names
 * wrapped onto the next line (the piece joins the row above; its own
 * unit bracket wins over the note). */
static void test_three_line_header_unit_line_wrapped_name(void **state)
{
	struct fixture f;
	const struct pw_table *t;

	(void)state;
	load_text(&f, "表2 “十四五”就业指标\n"
		      "单位：万人\n"
		      "序\t指标\t2020\t2025\t指标\n"
		      "号\t名称\t年基\t年目\t属\n"
		      "\t\t数\t标\t性\n"
		      "1\t城镇新增就业\t1.1\t1.3\t预期性\n"
		      "2\t农村劳动力转移\t12\t15\t预期性\n"
		      "就业人数\n"
		      "3\t城镇调查失\t5.2\t5.5\t约束性\n"
		      "业率（%）\n");
	assert_int_equal(f.p.ntables, 1);
	t = &f.p.tables[0];
	assert_int_equal(t->nrows, 3);
	assert_true(claimed(&f, 2) && claimed(&f, 5) && claimed(&f, 8));
	check_str("城镇新增就业", t->rows[0].name);
	check_str("万人", t->rows[0].unit);
	assert_int_equal(t->rows[0].attribute, PW_ATTR_EXPECTED);
	check_baseline(&t->rows[0], 1.1, 2020);
	check_target(&t->rows[0].targets[0], PW_KIND_LEVEL, PW_CMP_EQ, 1.3, 2025);
	check_str("农村劳动力转移就业人数", t->rows[1].name);
	check_str("城镇调查失业率", t->rows[2].name);
	check_str("%", t->rows[2].unit);
	assert_int_equal(t->rows[2].direction, PW_DIR_DOWN);
	check_target(&t->rows[2].targets[0], PW_KIND_LEVEL, PW_CMP_LE, 5.5, 2025);
	release(&f);
}

static void test_junk_input(void **state)
{
	struct fixture f;
	static const char junk[] = "\t\t\t\n|||\n|---|\n\x01\x02\t\x03\n";

	(void)state;
	load_text(&f, junk);
	assert_int_equal(f.p.ntables, 0);
	release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markdown_other_order_unit_column),
		cmocka_unit_test(test_national_column_table),
		cmocka_unit_test(test_split_over_pages),
		cmocka_unit_test(test_repeated_two_line_header),
		cmocka_unit_test(test_one_cell_per_line),
		cmocka_unit_test(test_one_cell_per_line_merged),
		cmocka_unit_test(test_one_cell_per_line_cut),
		cmocka_unit_test(test_one_cell_per_line_list),
		cmocka_unit_test(test_gb18030_crlf_same_tables),
		cmocka_unit_test(test_truncated_table),
		cmocka_unit_test(test_malformed_rows),
		cmocka_unit_test(test_no_title_and_rate_unit),
		cmocka_unit_test(test_sentence_inside_table),
		cmocka_unit_test(test_space_separated_table),
		cmocka_unit_test(test_two_tables_and_no_false_positive),
		cmocka_unit_test(test_cumulative_column_and_category_column),
		cmocka_unit_test(test_two_line_header_and_actual_as_base),
		cmocka_unit_test(test_dropped_category_cells),
		cmocka_unit_test(test_unit_note_header_and_cumulative_column),
		cmocka_unit_test(test_unit_note_forms),
		cmocka_unit_test(test_far_target_and_type_column),
		cmocka_unit_test(test_three_line_header_unit_line_wrapped_name),
		cmocka_unit_test(test_junk_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
