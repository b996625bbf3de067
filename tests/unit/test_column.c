/*
 * test_column.c - 专栏 boxes and their numbered items, on the hand-made
 * documents in tests/data/outline/: （1） numbering, Markdown "- 1." items,
 * several items on one line, an item continued after a page break, 01 and
 * ① numbering, a title on the next line, bullets and paragraphs inside an
 * item, and a 专栏 that is an indicator
 * table (claimed by the table reader, so skipped).  Expectations are read
 * by hand from the documents.
 */
#include "unit.h"
#include "testdata.h"
#include "ingest/ingest.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <string.h>

struct run {
	struct pw_doc d;
	struct pw_plan p;
	unsigned char *claimed;
};

/* Loads tests/data/outline/<name>. */
static void load(struct run *r, const char *name)
{
	struct strbuf rel = STRBUF_INIT;

	sb_addf(&rel, "outline/%s", name);
	TESTDATA_LOAD(&r->d, rel.buf);
	sb_release(&rel);
	r->claimed = xcalloc(r->d.nlines, 1);
	pw_plan_init(&r->p);
}

/* The stages that run around the 专栏 reader: outline first, then columns. */
static void read_columns(struct run *r)
{
	pw_read_outline(&r->d, &r->p, r->claimed);
	pw_read_columns(&r->d, &r->p, r->claimed);
}

static void done(struct run *r)
{
	free(r->claimed);
	pw_plan_free(&r->p);
	pw_doc_release(&r->d);
}

static void expect_item(const struct pw_column *c, size_t i, int no, const char *title,
			int line, const char *text)
{
	assert_true(i < c->nitems);
	assert_int_equal(c->items[i].no, no);
	assert_string_equal(c->items[i].title, title);
	assert_int_equal(c->items[i].line, line);
	if (text)
		assert_string_equal(c->items[i].text, text);
}

static void test_paren_numbers_and_page_break(void **state)
{
	struct run r;
	const struct pw_column *c;

	(void)state;
	load(&r, "col-paren.txt");
	read_columns(&r);
	assert_int_equal(r.p.ncolumns, 1);
	c = &r.p.columns[0];
	assert_string_equal(c->title, "重大交通项目"); /* 专栏3-1： dropped */
	assert_int_equal(c->line, 5);
	assert_int_equal(c->nitems, 3);
	/* cut at a page end after ，: line 8 continues it */
	expect_item(c, 0, 1, "高速公路", 6,
		    "高速公路。建设某某至某某高速公路，全长约八十公里，力争在规划期内全线建成通车"
		    "并与周边路网实现互联互通，带动沿线产业发展。");
	/* "5、6号线" continues item 2: 5 is not the next number */
	expect_item(c, 1, 2, "轨道交通", 10,
		    "轨道交通：规划建设城市轨道交通1号线，同步推动5、6号线前期研究。");
	expect_item(c, 2, 3, "综合枢纽", 12, NULL);
	/* box lines are claimed; the heading after the box ends it */
	assert_int_equal(r.claimed[4], PW_CLAIM_COLUMN);
	assert_int_equal(r.claimed[7], PW_CLAIM_COLUMN);
	assert_int_equal(r.claimed[11], PW_CLAIM_COLUMN);
	assert_int_equal(r.claimed[13], PW_CLAIM_HEADING);
	done(&r);
}

static void test_markdown_one_line_and_title_lines(void **state)
{
	struct run r;
	const struct pw_column *c;

	(void)state;
	load(&r, "col-markdown.txt");
	read_columns(&r);
	assert_int_equal(r.p.ncolumns, 4);

	c = &r.p.columns[0]; /* "- 1." Markdown items */
	assert_string_equal(c->title, "重点产业工程");
	assert_int_equal(c->line, 3);
	assert_int_equal(c->nitems, 2);
	expect_item(c, 0, 1, "先进制造", 4, "先进制造。建设智能装备产业园。");
	expect_item(c, 1, 2, "数字经济", 5, NULL);

	c = &r.p.columns[1]; /* 专栏 三: three items on line 8; 1.5万 is no item */
	assert_string_equal(c->title, "民生工程");
	assert_int_equal(c->nitems, 3);
	expect_item(c, 0, 1, "教育", 8, "教育。新建学校5所。");
	expect_item(c, 1, 2, "医疗", 8, "医疗：建设区域医疗中心。");
	expect_item(c, 2, 3, "养老", 8, "养老。新增养老床位1.5万张。");
	/* the prose right after the box is not taken */
	assert_int_equal(r.claimed[7], PW_CLAIM_COLUMN);
	assert_int_equal(r.claimed[8], PW_CLAIM_NONE);

	c = &r.p.columns[2]; /* title on the next line, 01 items with a text line */
	assert_string_equal(c->title, "科技前沿领域攻关");
	assert_int_equal(c->line, 11);
	assert_int_equal(c->nitems, 2);
	expect_item(c, 0, 1, "新一代人工智能", 13, "新一代人工智能 前沿基础理论突破，专用芯片研发");
	expect_item(c, 1, 2, "量子信息", 15, NULL);

	c = &r.p.columns[3]; /* ① numbering */
	assert_string_equal(c->title, "生态工程");
	assert_int_equal(c->nitems, 2);
	expect_item(c, 1, 2, "大气污染治理", 20, "大气污染治理。淘汰燃煤锅炉100台。");
	done(&r);
}

/* Marks lines [from, to] (1-based) as the table reader would. */
static void claim_table(struct run *r, int from, int to)
{
	int i;

	for (i = from; i <= to; i++)
		r->claimed[i - 1] = PW_CLAIM_TABLE;
}

static void test_indicator_table_box_skipped(void **state)
{
	struct run r;

	(void)state;
	/* the table reader took 专栏1 and its rows */
	load(&r, "col-table.txt");
	claim_table(&r, 3, 6);
	read_columns(&r);
	assert_int_equal(r.p.ncolumns, 1);
	assert_string_equal(r.p.columns[0].title, "重大项目");
	assert_int_equal(r.p.columns[0].line, 8);
	expect_item(&r.p.columns[0], 0, 1, "产业园区", 9, "产业园区。建设高新区。");
	assert_int_equal(r.claimed[2], PW_CLAIM_TABLE);
	done(&r);

	/* the table reader took only the rows: the 专栏 line is still skipped */
	load(&r, "col-table.txt");
	claim_table(&r, 4, 6);
	read_columns(&r);
	assert_int_equal(r.p.ncolumns, 1);
	assert_string_equal(r.p.columns[0].title, "重大项目");
	assert_int_equal(r.claimed[2], PW_CLAIM_NONE);
	done(&r);
}

static void test_bullets_and_paragraphs_inside_items(void **state)
{
	struct run r;
	const struct pw_column *c;

	(void)state;
	load(&r, "col-paragraphs.txt");
	read_columns(&r);
	assert_int_equal(r.p.ncolumns, 1);
	c = &r.p.columns[0];
	assert_string_equal(c->title, "重点民生项目"); /* 专栏： */
	assert_int_equal(c->nitems, 3);
	/* "- " bullets under a short title line belong to item 1 */
	expect_item(c, 0, 1, "教育项目", 4, "教育项目 新建小学3所。改扩建中学2所。");
	/* a second paragraph before item 3 belongs to item 2 */
	expect_item(c, 1, 2, "卫生项目", 7, "卫生项目。建设区医院新院区。完善社区卫生服务中心建设。");
	/* the closing prose after item 3 is not an item paragraph: no item 4 follows */
	expect_item(c, 2, 3, "文化项目", 10, "文化项目。建设区图书馆。");
	assert_int_equal(r.claimed[9], PW_CLAIM_COLUMN);
	assert_int_equal(r.claimed[10], PW_CLAIM_NONE);
	done(&r);
}

static void test_prose_mentioning_column_is_no_box(void **state)
{
	static const char text[] = "专栏3所列重大项目由区发展改革委牵头，按年度分解落实。\n1. 不是专栏条目。\n";
	struct run r;

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&r.d, "prose.txt", text, sizeof(text) - 1), 0);
	r.claimed = xcalloc(r.d.nlines, 1);
	pw_plan_init(&r.p);
	read_columns(&r);
	assert_int_equal(r.p.ncolumns, 0);
	assert_int_equal(r.claimed[1], PW_CLAIM_NONE);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paren_numbers_and_page_break),
		cmocka_unit_test(test_markdown_one_line_and_title_lines),
		cmocka_unit_test(test_indicator_table_box_skipped),
		cmocka_unit_test(test_bullets_and_paragraphs_inside_items),
		cmocka_unit_test(test_prose_mentioning_column_is_no_box),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
