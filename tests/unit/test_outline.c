/*
 * test_outline.c - plan metadata (title, region, ordinal, period), the
 * outline (篇/章/节/一、/（一）) and the numeral scanners, on the hand-made
 * documents in tests/data/outline/.  Expectations are derived by hand from
 * those documents.
 */
#include "unit.h"
#include "testdata.h"
#include "ingest/ingest.h"
#include "ingest/outline.h"
#include "ingest/scan.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <string.h>
#include "util/nelem.h"

/* Loads tests/data/outline/<name>. */
static void load(struct pw_doc *d, const char *name)
{
	struct strbuf rel = STRBUF_INIT;

	sb_addf(&rel, "outline/%s", name);
	TESTDATA_LOAD(d, rel.buf);
	sb_release(&rel);
}

static void read_meta(const char *name, struct pw_plan *p)
{
	struct pw_doc d;

	load(&d, name);
	pw_plan_init(p);
	pw_read_meta(&d, p);
	pw_doc_release(&d);
}

/* ---- numerals ---- */

static int cnum(const char *s, size_t *len)
{
	int v = -1;

	*len = pw_scan_cnum(s, &v);
	return v;
}

static void test_chinese_numerals(void **state)
{
	static const struct { const char *s; int v; size_t len; } cases[] = {
		{ "一", 1, 3 },        { "十", 10, 3 },      { "十二章", 12, 6 },
		{ "二十", 20, 6 },     { "二十一", 21, 9 },  { "九十九", 99, 9 },
		{ "一百零五", 105, 12 }, { "二〇三五年", 2035, 12 }, { "两", 2, 3 },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(cnum(cases[i].s, &len), cases[i].v);
		assert_int_equal(len, cases[i].len);
	}
	assert_int_equal(cnum("是", &len), -1);
	assert_int_equal(len, 0);
}

static void test_plan_names(void **state)
{
	(void)state;
	assert_string_equal(pw_scan_plan_name(14), "十四五");
	assert_string_equal(pw_scan_plan_name(11), "十一五");
	assert_string_equal(pw_scan_plan_name(19), "十九五");
	assert_null(pw_scan_plan_name(10));
	assert_null(pw_scan_plan_name(20));
	assert_null(pw_scan_plan_name(0));
	assert_int_equal(pw_scan_plan_name_at("十三五时期"), 13);
	assert_int_equal(pw_scan_plan_name_at("十五五"), 15);
	assert_int_equal(pw_scan_plan_name_at("十五年"), 0);
	assert_int_equal(pw_scan_plan_name_at("“十四五”"), 0); /* at s, not after a quote */
}

/* ---- single headings ---- */

static void expect_heading(const char *line, enum pw_level level, int value,
			   const char *number, const char *title)
{
	struct pw_heading h;

	assert_true(pw_outline_match(line, &h));
	assert_int_equal(h.level, level);
	assert_int_equal(h.value, value);
	assert_int_equal(h.number_len, strlen(number));
	assert_memory_equal(h.number, number, h.number_len);
	assert_int_equal(h.title_len, strlen(title));
	assert_memory_equal(h.title, title, h.title_len);
}

static void test_heading_levels(void **state)
{
	(void)state;
	expect_heading("第三篇 加快发展现代产业体系", PW_LEVEL_PART, 3, "第三篇", "加快发展现代产业体系");
	expect_heading("第十二章　产业体系", PW_LEVEL_CHAPTER, 12, "第十二章", "产业体系");
	expect_heading("第二十一章 保障措施", PW_LEVEL_CHAPTER, 21, "第二十一章", "保障措施");
	expect_heading("第 3 章 总体要求", PW_LEVEL_CHAPTER, 3, "第 3 章", "总体要求");
	expect_heading("第四节“十四五”面临新形势", PW_LEVEL_SECTION, 4, "第四节", "“十四五”面临新形势");
	expect_heading("　　五、战略举措", PW_LEVEL_ITEM, 5, "五", "战略举措");
	expect_heading("十一、健全规划实施机制 ", PW_LEVEL_ITEM, 11, "十一", "健全规划实施机制");
	expect_heading("（三）提升发展食品产业", PW_LEVEL_SUBITEM, 3, "（三）", "提升发展食品产业");
	expect_heading("(十)强化保障", PW_LEVEL_SUBITEM, 10, "(十)", "强化保障");
	expect_heading("第一章：总则", PW_LEVEL_CHAPTER, 1, "第一章", "总则");
}

static void test_not_headings(void **state)
{
	struct pw_heading h;

	(void)state;
	/* 一是 enumerations, prose, list continuations, table rows */
	assert_false(pw_outline_match("一是坚持稳中求进", &h));
	assert_false(pw_outline_match("一是产业结构持续优化。二是创新能力显著提升。", &h));
	assert_false(pw_outline_match("一、二产业比重持续下降，第三产业比重稳步上升。", &h));
	assert_false(pw_outline_match("一、二、三产业协调发展", &h));
	assert_false(pw_outline_match("一、经济发展\t\t\t", &h));
	assert_false(pw_outline_match("（一）着力扩大国内需求。充分发挥消费的基础作用。", &h));
	assert_false(pw_outline_match("第十四个五年规划是开启新征程的第一个五年", &h));
	assert_false(pw_outline_match("（1）高速公路。建设高速公路。", &h));
	assert_false(pw_outline_match("一、", &h));
	/* too long for a heading */
	assert_false(pw_outline_match("一、坚持以人民为中心的发展思想坚持以人民为中心的发展思想坚持以人民为中心的发展思想坚持", &h));
}

static void test_toc_entry(void **state)
{
	struct pw_heading h;

	(void)state;
	assert_true(pw_outline_match("第二章　发展目标 ………… 12", &h));
	assert_true(h.toc);
	assert_int_equal(h.title_len, strlen("发展目标"));
	assert_true(pw_outline_match("第二章 到2035年", &h));
	assert_false(h.toc); /* a year, not a page number */
}

/* ---- a whole outline ---- */

struct want_section {
	enum pw_level level;
	const char *number, *title;
	int line, parent;
};

static void test_outline_all_levels(void **state)
{
	/* levels.txt by hand: a table of contents (lines 5-7) is skipped, 一是
	 * (line 21), 一、二产业 (22) and the table row (27) are not headings,
	 * "## 第十二章" loses its #, 第二十一章's title is on line 36. */
	static const struct want_section want[] = {
		{ PW_LEVEL_PART, "第一篇", "总体要求", 9, -1 },
		{ PW_LEVEL_CHAPTER, "第一章", "发展基础", 11, 0 },
		{ PW_LEVEL_SECTION, "第一节", "发展环境", 13, 1 },
		{ PW_LEVEL_ITEM, "一", "发展成就", 15, 2 },
		{ PW_LEVEL_SUBITEM, "（一）", "经济实力", 17, 3 },
		{ PW_LEVEL_SUBITEM, "(二)", "创新能力", 23, 3 },
		{ PW_LEVEL_ITEM, "二", "面临挑战", 25, 2 },
		{ PW_LEVEL_SECTION, "第二节", "指导思想", 28, 1 },
		{ PW_LEVEL_PART, "第二篇", "发展任务", 30, -1 },
		{ PW_LEVEL_CHAPTER, "第十二章", "产业体系", 32, 8 },
		{ PW_LEVEL_CHAPTER, "第二十一章", "保障措施", 34, 8 },
		{ PW_LEVEL_ITEM, "一", "加强组织领导", 38, 10 },
	};
	struct pw_doc d;
	struct pw_plan p;
	unsigned char *claimed;
	size_t i;

	(void)state;
	load(&d, "levels.txt");
	claimed = xcalloc(d.nlines, 1);
	pw_plan_init(&p);
	pw_read_outline(&d, &p, claimed);
	assert_int_equal(p.nsections, NELEM(want));
	for (i = 0; i < p.nsections; i++) {
		assert_int_equal(p.sections[i].level, want[i].level);
		assert_string_equal(p.sections[i].number, want[i].number);
		assert_string_equal(p.sections[i].title, want[i].title);
		assert_int_equal(p.sections[i].line, want[i].line);
		assert_int_equal(p.sections[i].parent, want[i].parent);
	}
	/* headings, contents entries and a split title are claimed; prose is not */
	assert_int_equal(claimed[8], PW_CLAIM_HEADING);
	assert_int_equal(claimed[4], PW_CLAIM_HEADING);
	assert_int_equal(claimed[35], PW_CLAIM_HEADING);
	assert_int_equal(claimed[18], PW_CLAIM_NONE); /* prose with 一是 */
	assert_int_equal(claimed[20], PW_CLAIM_NONE); /* 一是坚持稳中求进 */
	assert_int_equal(claimed[21], PW_CLAIM_NONE); /* 一、二产业… */
	assert_int_equal(claimed[26], PW_CLAIM_NONE); /* table row */
	assert_int_equal(pw_plan_section_at(&p, 21), 4);
	free(claimed);
	pw_plan_free(&p);
	pw_doc_release(&d);
}

static void test_contents_without_page_numbers(void **state)
{
	static const char text[] = "目 录\n第一章 总则\n第二章 目标\n\n第一章 总则\n"
				   "本规划是全市发展的纲领性文件。\n第二章 目标\n";
	struct pw_doc d;
	struct pw_plan p;
	unsigned char claimed[8] = { 0 };

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&d, "toc.txt", text, sizeof(text) - 1), 0);
	pw_plan_init(&p);
	pw_read_outline(&d, &p, claimed);
	/* the listing on lines 2-3 repeats the body's headings: not the outline */
	assert_int_equal(p.nsections, 2);
	assert_int_equal(p.sections[0].line, 5);
	assert_int_equal(p.sections[1].line, 7);
	assert_int_equal(claimed[1], PW_CLAIM_HEADING);
	pw_plan_free(&p);
	pw_doc_release(&d);
}

/* ---- metadata ---- */

static void expect_meta(const char *file, const char *title, const char *region, int ordinal,
			int start, int end)
{
	struct pw_plan p;

	read_meta(file, &p);
	if (title)
		assert_string_equal(p.title, title);
	else
		assert_null(p.title);
	if (region)
		assert_string_equal(p.region, region);
	else
		assert_null(p.region);
	assert_int_equal(p.ordinal, ordinal);
	assert_int_equal(p.start, start);
	assert_int_equal(p.end, end);
	pw_plan_free(&p);
}

static void test_meta_split_title_line(void **state)
{
	(void)state;
	/* title over two lines; 15th plan -> 2026-2030 computed */
	expect_meta("levels.txt", "某某市国民经济和社会发展第十五个五年规划纲要", "某某市", 15, 2026, 2030);
	expect_meta("national.txt", "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
		    "中华人民共和国", 14, 2021, 2025);
}

static void test_meta_quoted_title(void **state)
{
	(void)state;
	/* title in 《》 inside prose, not the 建议; years from “十三五”时期（2016—2020年） */
	expect_meta("quoted.txt", "平顶山市国民经济和社会发展第十三个五年规划纲要", "平顶山市", 13, 2016, 2020);
}

static void test_meta_short_forms(void **state)
{
	(void)state;
	/* “十二五” (not the “十一五” it looks back on); 规划期 2011—2015年 */
	expect_meta("short-form.txt", "某某县“十二五”发展规划", "某某县", 12, 2011, 2015);
	/* no ordinal: period from 规划期：2026年至2030年 */
	expect_meta("no-ordinal.txt", "某某县城乡融合发展规划", "某某县", 0, 2026, 2030);
}

static void test_meta_years_in_title(void **state)
{
	static const char text[] = "某某市国民经济和社会发展规划纲要（2021—2025年）\n\n"
				   "“十三五”时期（2016-2020年）全市经济稳步增长。\n";
	struct pw_doc d;
	struct pw_plan p;

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&d, "title.txt", text, sizeof(text) - 1), 0);
	pw_plan_init(&p);
	pw_read_meta(&d, &p);
	assert_string_equal(p.region, "某某市");
	assert_int_equal(p.start, 2021); /* the title's years, not the 十三五 ones */
	assert_int_equal(p.end, 2025);
	assert_int_equal(p.ordinal, 14); /* 2021 starts the 14th plan */
	pw_plan_free(&p);
	pw_doc_release(&d);
}

static void test_meta_work_report(void **state)
{
	(void)state;
	/* ordinal 0, a single year; the region from 在某某区第九届人民代表大会,
	 * not the bare 区 of 我代表区人民政府 */
	expect_meta("report.txt", "2024年政府工作报告", "某某区", 0, 2024, 2024);
	/* 在第十四届全国人民代表大会: the session before the place */
	expect_meta("report-national.txt", "2024年政府工作报告", "全国", 0, 2024, 2024);
}

static void test_meta_nothing_named(void **state)
{
	static const char text[] = "\n　\n本文没有标题，也没有规划期。城市发展很快。\n";
	struct pw_doc d;
	struct pw_plan p;

	(void)state;
	assert_int_equal(pw_doc_from_bytes(&d, "plain.txt", text, sizeof(text) - 1), 0);
	pw_plan_init(&p);
	pw_read_meta(&d, &p);
	assert_null(p.title);
	assert_null(p.region);
	assert_int_equal(p.ordinal, 0);
	assert_int_equal(p.start, 0);
	pw_plan_free(&p);
	pw_doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_numerals),
		cmocka_unit_test(test_plan_names),
		cmocka_unit_test(test_heading_levels),
		cmocka_unit_test(test_not_headings),
		cmocka_unit_test(test_toc_entry),
		cmocka_unit_test(test_outline_all_levels),
		cmocka_unit_test(test_contents_without_page_numbers),
		cmocka_unit_test(test_meta_split_title_line),
		cmocka_unit_test(test_meta_years_in_title),
		cmocka_unit_test(test_meta_quoted_title),
		cmocka_unit_test(test_meta_short_forms),
		cmocka_unit_test(test_meta_work_report),
		cmocka_unit_test(test_meta_nothing_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
