/*
 * test_report.c - the evaluation builder (eval/evaluation.h) on plans
 * built by hand, and the writers' escaping: CSV quoting, BOM and CRLF,
 * HTML escaping and self-containedness, the docx XML.  Every expected
 * figure is worked out by hand in the comment next to it, from the method
 * in docs/assessment.md.
 */
#include "unit.h"
#include "monitor/csv.h"
#include "eval/evaluation.h"
#include "report/report.h"
#include "model/target_text.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#define EPS 1e-9

/* A name that needs escaping in every format. */
#define NASTY "研发\"R&D\"<强度>,占比"

/* ---- a hand-built plan ---------------------------------------------------- */

static void add_section(struct pw_plan *p, const char *number, const char *title, int line)
{
	struct pw_section *s = pw_plan_add_section(p);

	s->level = PW_LEVEL_CHAPTER;
	s->number = xstrdup(number);
	s->title = xstrdup(title);
	s->line = line;
	s->parent = -1;
}

static struct pw_indicator *add_row(struct pw_table *t, const char *no, const char *cat,
				    const char *name, const char *unit, enum pw_attr attr,
				    enum pw_dir dir, int base_year, double base)
{
	struct pw_indicator *r = pw_table_add_row(t);

	r->no = xstrdup(no);
	r->category = xstrdup(cat);
	r->name = xstrdup(name);
	r->unit = xstrdup(unit);
	r->attribute = attr;
	r->direction = dir;
	r->has_baseline = base_year != 0;
	r->baseline_year = base_year;
	r->baseline = base;
	r->section = t->section;
	return r;
}

static void add_target(struct pw_indicator *r, enum pw_kind kind, enum pw_cmp cmp, double v,
		       int year, const char *text)
{
	struct pw_target *t = pw_indicator_add_target(r);

	t->kind = kind;
	t->cmp = cmp;
	t->has_value = kind != PW_KIND_EXTERNAL;
	t->value = v;
	t->year = year;
	t->text = xstrdup(text);
}

/*
 * The 14th plan of 测试区 (2021-2025) with its own table and, like 湛河's
 * 表1, the 13th plan's completion table (2016-2020) carrying its 完成值.
 */
static void make_plan(struct pw_plan *p)
{
	struct pw_table *t;
	struct pw_indicator *r;
	struct pw_prose_target *pt;
	struct pw_column *c;

	pw_plan_init(p);
	p->title = xstrdup("《测试区国民经济和社会发展第十四个五年规划纲要》");
	p->region = xstrdup("测试区");
	p->ordinal = 14;
	p->start = 2021;
	p->end = 2025;
	add_section(p, "第一章", "发展目标", 10);
	add_section(p, "第二章", "产业发展", 100);

	t = pw_plan_add_table(p);
	t->title = xstrdup("表1 “十三五”主要指标完成情况");
	t->start = 2016;
	t->end = 2020;
	t->section = 0;
	r = add_row(t, "1", "经济发展", "生产总值", "亿元", PW_ATTR_EXPECTED, PW_DIR_UP, 2015, 100);
	add_target(r, PW_KIND_LEVEL, PW_CMP_EQ, 150, 2020, "150");
	add_target(r, PW_KIND_GROWTH, PW_CMP_APPROX, 8, 0, "8左右");
	r->has_actual = true;
	r->actual_year = 2020;
	r->actual = 160;

	t = pw_plan_add_table(p);
	t->title = xstrdup("表2 “十四五”主要指标");
	t->start = 2021;
	t->end = 2025;
	t->section = 0;
	r = add_row(t, "1", "经济发展", "地区生产总值", "亿元", PW_ATTR_EXPECTED, PW_DIR_UP, 2020, 100);
	add_target(r, PW_KIND_GROWTH, PW_CMP_APPROX, 7, 0, "7左右");
	r = add_row(t, "2", "生态环境", "森林覆盖率", "%", PW_ATTR_BINDING, PW_DIR_UP, 2020, 30);
	add_target(r, PW_KIND_LEVEL, PW_CMP_GE, 35, 2025, "35以上");
	r = add_row(t, "3", "民生福祉", "城镇登记失业率", "%", PW_ATTR_EXPECTED, PW_DIR_DOWN, 2020, 3.5);
	add_target(r, PW_KIND_LEVEL, PW_CMP_LE, 4.5, 2025, "4.5以下");
	r = add_row(t, "4", "经济发展", NASTY, "%", PW_ATTR_EXPECTED, PW_DIR_UP, 2020, 1.0);
	add_target(r, PW_KIND_LEVEL, PW_CMP_EQ, 2, 2025, "2");
	r = add_row(t, "5", "生态环境", "单位GDP能耗降低", "%", PW_ATTR_BINDING, PW_DIR_UP, 0, 0);
	add_target(r, PW_KIND_EXTERNAL, PW_CMP_NONE, 0, 0, "按市下达目标");

	pt = pw_plan_add_target(p);
	pt->t.kind = PW_KIND_LEVEL;
	pt->t.cmp = PW_CMP_GE;
	pt->t.has_value = true;
	pt->t.value = 10;
	pt->t.year = 2025;
	pt->t.text = xstrdup("到2025年，全区高新技术企业超过10家");
	pt->subject = xstrdup("高新技术企业");
	pt->unit = xstrdup("家");
	pt->line = 120;
	pt->section = 1;

	c = pw_plan_add_column(p);
	c->title = xstrdup("专栏1 重大项目");
	c->line = 130;
	c->section = 1;
	pw_column_add_item(c)->title = xstrdup("产业园区");
	pw_column_add_item(c)->title = xstrdup("新\x01城");
	c->items[0].no = 1;
	c->items[1].no = 2;
}

/* Monitoring data for 2021-2022, in plan order (表1's row, then 表2's). */
static const struct pw_obs gdp[] = { { 2021, 105, false }, { 2022, 110.25, false } };
static const struct pw_obs forest[] = { { 2022, 31, false } };
static const struct pw_obs jobless[] = { { 2022, 3.8, false } };
static const struct pw_obs energy[] = { { 2022, 0.5, false } };
static const struct pw_obs firms[] = { { 2021, 6, false }, { 2022, 8, false } };

static void make_data(struct pw_eval_data *d, struct pw_eval_series_data *inds,
		      struct pw_eval_series_data *tgts, struct pw_eval_item_data *items)
{
	memset(d, 0, sizeof(*d));
	memset(inds, 0, 6 * sizeof(*inds));
	memset(tgts, 0, sizeof(*tgts));
	memset(items, 0, 2 * sizeof(*items));
	inds[1] = (struct pw_eval_series_data){ .id = 11, .obs = gdp, .nobs = 2 };
	inds[2] = (struct pw_eval_series_data){ .id = 12, .obs = forest, .nobs = 1,
						.lead_unit = "区自然资源局" };
	inds[3] = (struct pw_eval_series_data){ .id = 13, .obs = jobless, .nobs = 1 };
	inds[5] = (struct pw_eval_series_data){ .id = 15, .obs = energy, .nobs = 1 };
	tgts[0] = (struct pw_eval_series_data){ .id = 21, .obs = firms, .nobs = 2,
						.lead_unit = "区科工局" };
	items[0] = (struct pw_eval_item_data){ .id = 31, .lead_unit = "区发改委",
					       .status = "completed", .year = 2022,
					       .has_percent = true, .percent = 100 };
	d->indicators = inds;
	d->nindicators = 6;
	d->targets = tgts;
	d->ntargets = 1;
	d->items = items;
	d->nitems = 2;
}

struct fixture {
	struct pw_plan plan;
	struct pw_eval_series_data inds[6], tgts[1];
	struct pw_eval_item_data items[2];
	struct pw_eval_data data;
	struct pw_evaluation ev;
};

static struct fixture *build(enum pw_report_kind kind, int year)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct pw_eval_opts o;

	make_plan(&f->plan);
	make_data(&f->data, f->inds, f->tgts, f->items);
	pw_eval_opts_init(&o);
	o.kind = kind;
	o.year = year;
	assert_int_equal(pw_eval_build(&f->plan, &f->data, &o, &f->ev), 0);
	return f;
}

static void fixture_free(struct fixture *f)
{
	pw_eval_release(&f->ev);
	pw_plan_free(&f->plan);
	free(f);
}

/* ---- the builder ---------------------------------------------------------- */

static void test_annual_indicators(void **state)
{
	struct fixture *f = build(PW_REPORT_ANNUAL, 2022);
	const struct pw_evaluation *ev = &f->ev;

	(void)state;
	/* 2022 is in 表2's period (2021-2025), not in 表1's (2016-2020). */
	assert_int_equal(ev->ninds, 5);
	assert_int_equal(ev->inds[0].table, 1);
	assert_int_equal(ev->start, 2021);
	assert_int_equal(ev->end, 2025);
	assert_false(ev->final);
	assert_false(ev->previous);
	assert_string_equal(ev->title, "《测试区国民经济和社会发展第十四个五年规划纲要》2022年度监测报告");

	/* 地区生产总值: 100 -> 110.25 in 2 years, CAGR (1.1025^(1/2) - 1) = 5.00%;
	 * R = 5/7 = 0.71 < 0.95: lagging; expected, so no warning. */
	assert_int_equal(ev->inds[0].a.status, PW_STATUS_LAGGING);
	assert_true(ev->inds[0].has_growth);
	assert_true(fabs(ev->inds[0].growth - 5.0) < EPS);
	assert_true(ev->inds[0].has_latest);
	assert_int_equal(ev->inds[0].latest_year, 2022);
	assert_int_equal(ev->inds[0].source, PW_EVAL_OBSERVED);
	assert_int_equal(ev->inds[0].id, 11);
	assert_string_equal(ev->inds[0].chapter, "第一章 发展目标");

	/* 森林覆盖率: path 30 -> 35 over 2020-2025, E(2022) = 32;
	 * R = (31 - 30) / (32 - 30) = 0.5: lagging, binding: at risk. */
	assert_int_equal(ev->inds[1].a.status, PW_STATUS_LAGGING);
	assert_true(ev->inds[1].at_risk);
	assert_string_equal(ev->inds[1].lead_unit, "区自然资源局");

	/* 失业率 4.5以下 from 3.5 is a bound already kept: 3.8 holds it. */
	assert_int_equal(ev->inds[2].a.status, PW_STATUS_ON_TRACK);
	assert_false(ev->inds[2].at_risk);
	/* No observation: no data. */
	assert_int_equal(ev->inds[3].a.status, PW_STATUS_NO_DATA);
	assert_int_equal(ev->inds[3].source, PW_EVAL_NONE);
	/* External target never set: not assessable whatever the data. */
	assert_int_equal(ev->inds[4].a.status, PW_STATUS_NOT_ASSESSABLE);
	fixture_free(f);
}

static void test_annual_counts(void **state)
{
	struct fixture *f = build(PW_REPORT_ANNUAL, 2022);
	const struct pw_evaluation *ev = &f->ev;

	(void)state;
	assert_int_equal(ev->by_status[PW_STATUS_LAGGING], 2);
	assert_int_equal(ev->by_status[PW_STATUS_ON_TRACK], 1);
	assert_int_equal(ev->by_status[PW_STATUS_NO_DATA], 1);
	assert_int_equal(ev->by_status[PW_STATUS_NOT_ASSESSABLE], 1);
	assert_int_equal(ev->binding, 2);
	assert_int_equal(ev->expected, 3);
	assert_int_equal(ev->binding_by_status[PW_STATUS_LAGGING], 1);
	assert_int_equal(ev->nwarnings_binding, 1);
	/* Categories in first-seen order. */
	assert_int_equal(ev->ngroups, 3);
	assert_string_equal(ev->groups[0].name, "经济发展");
	assert_int_equal(ev->groups[0].total, 2);
	assert_string_equal(ev->groups[1].name, "生态环境");
	assert_int_equal(ev->groups[1].by_status[PW_STATUS_NOT_ASSESSABLE], 1);
	assert_string_equal(ev->groups[2].name, "民生福祉");
	/* Binding first (rows 2 and 5), then the others in table order. */
	assert_int_equal(ev->order[0], 1);
	assert_int_equal(ev->order[1], 4);
	assert_int_equal(ev->order[2], 0);
	assert_int_equal(ev->order[3], 2);
	assert_int_equal(ev->order[4], 3);
	fixture_free(f);
}

static void test_annual_prose_and_projects(void **state)
{
	struct fixture *f = build(PW_REPORT_ANNUAL, 2022);
	const struct pw_evaluation *ev = &f->ev;

	(void)state;
	/* 高新技术企业 超过10家, no baseline: the path starts at the first
	 * observation in the period (2021: 6), E(2022) = 6 + 4 * 1/4 = 7,
	 * R = (8 - 6) / (7 - 6) = 2: ahead. */
	assert_int_equal(ev->ntargets, 1);
	assert_int_equal(ev->targets[0].r.status, PW_STATUS_AHEAD);
	assert_true(ev->targets[0].has_latest);
	assert_true(fabs(ev->targets[0].latest - 8) < EPS);
	assert_string_equal(ev->targets[0].chapter, "第二章 产业发展");
	assert_string_equal(ev->targets[0].lead_unit, "区科工局");
	assert_int_equal(ev->nchapters, 1);
	assert_int_equal(ev->chapters[0].by_status[PW_STATUS_AHEAD], 1);
	assert_int_equal(ev->nitems, 2);
	assert_string_equal(ev->items[0].status, "completed");
	assert_null(ev->items[1].status);
	assert_int_equal(ev->items_reported, 1);
	assert_int_equal(ev->items_completed, 1);
	fixture_free(f);
}

static bool has_note(const struct pw_evaluation *ev, const char *text)
{
	size_t i;

	for (i = 0; i < ev->nwarnings; i++)
		if (strstr(ev->warnings[i], text))
			return true;
	return false;
}

static void test_final_previous_plan(void **state)
{
	struct fixture *f = build(PW_REPORT_FINAL, 2020);
	const struct pw_evaluation *ev = &f->ev;

	(void)state;
	/* 2020 is only in 表1's period: the 13th plan's own evaluation, from
	 * the actual the table carries; no prose targets or projects (they
	 * belong to 2021-2025). */
	assert_int_equal(ev->ninds, 1);
	assert_int_equal(ev->start, 2016);
	assert_int_equal(ev->end, 2020);
	assert_true(ev->final);
	assert_true(ev->previous);
	assert_int_equal(ev->ordinal, 13);
	assert_string_equal(ev->title, "测试区“十三五”规划总结评估报告");
	assert_int_equal(ev->ntargets, 0);
	assert_int_equal(ev->nitems, 0);
	/* 160 >= 150: met; CAGR 100 -> 160 over 5 years = 1.6^(1/5) - 1
	 * = 9.856% -> 9.86 >= 8 - 0.4: met. */
	assert_int_equal(ev->inds[0].source, PW_EVAL_TABLE);
	assert_int_equal(ev->inds[0].a.status, PW_STATUS_MET);
	assert_int_equal(ev->inds[0].a.targets[0].status, PW_STATUS_MET);
	assert_int_equal(ev->inds[0].a.targets[1].status, PW_STATUS_MET);
	assert_true(fabs(ev->inds[0].growth - 9.86) < EPS);
	assert_true(has_note(ev, "1项指标的完成值取自规划文本表格"));
	fixture_free(f);
}

static void test_observation_overrides_table(void **state)
{
	struct pw_plan p;
	struct pw_eval_series_data inds[6] = { { 0 } };
	struct pw_obs fix = { 2020, 140, false };
	struct pw_eval_data d = { .indicators = inds, .nindicators = 6 };
	struct pw_eval_opts o;
	struct pw_evaluation ev;

	(void)state;
	make_plan(&p);
	inds[0].obs = &fix; /* a corrected 2020 value for 表1's 生产总值 */
	inds[0].nobs = 1;
	pw_eval_opts_init(&o);
	o.kind = PW_REPORT_FINAL;
	o.year = 2020;
	assert_int_equal(pw_eval_build(&p, &d, &o, &ev), 0);
	/* 140 < 150: not met; the value came from monitoring. */
	assert_int_equal(ev.inds[0].source, PW_EVAL_OBSERVED);
	assert_true(fabs(ev.inds[0].latest - 140) < EPS);
	assert_int_equal(ev.inds[0].a.status, PW_STATUS_NOT_MET);
	assert_true(ev.inds[0].at_risk);
	pw_eval_release(&ev);
	pw_plan_free(&p);
}

static void test_nothing_to_evaluate(void **state)
{
	struct pw_plan p;
	struct pw_eval_opts o;
	struct pw_evaluation ev;

	(void)state;
	make_plan(&p);
	pw_eval_opts_init(&o);
	o.year = 2010; /* before either period */
	assert_int_equal(pw_eval_build(&p, NULL, &o, &ev), -1);
	assert_int_equal(ev.ninds, 0);
	assert_null(ev.title);
	assert_int_equal(pw_eval_build(NULL, NULL, &o, &ev), -1);
	pw_plan_free(&p);
}

static void test_names(void **state)
{
	char *s;

	(void)state;
	s = pw_eval_plan_nickname(13);
	assert_string_equal(s, "十三五");
	free(s);
	s = pw_eval_plan_nickname(20);
	assert_string_equal(s, "二十五");
	free(s);
	assert_null(pw_eval_plan_nickname(0));
	assert_int_equal(pw_report_kind_from_name("midterm"), PW_REPORT_MIDTERM);
	assert_string_equal(pw_report_kind_label(PW_REPORT_FINAL), "总结评估报告");
	assert_int_equal(pw_report_kind_from_name("weekly"), -1);
	assert_int_equal(pw_report_format_from_name("docx"), PW_FORMAT_DOCX);
	assert_true(pw_report_format_binary(PW_FORMAT_XLSX));
	assert_false(pw_report_format_binary(PW_FORMAT_CSV));
}

/* ---- escaping ------------------------------------------------------------- */

static void csv_is(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pw_csv_field(&sb, in);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

static void test_csv_field(void **state)
{
	(void)state;
	csv_is("plain", "plain");
	csv_is("", "");
	csv_is("城镇化率", "城镇化率");
	csv_is("a,b", "\"a,b\"");
	csv_is("say \"hi\"", "\"say \"\"hi\"\"\"");
	csv_is("\"", "\"\"\"\"");
	csv_is("two\nlines", "\"two\nlines\"");
	csv_is("cr\rhere", "\"cr\rhere\"");
	csv_is("中文，全角逗号", "中文，全角逗号"); /* a full-width comma is text */
	/* the formula guard: a text a spreadsheet would run gets an apostrophe */
	csv_is("=1+2", "'=1+2");
	csv_is("+86 电话", "'+86 电话");
	csv_is("-x", "'-x");
	csv_is("@SUM(A1)", "'@SUM(A1)");
	csv_is("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
	csv_is("\tlead", "\"'\tlead\"");
	csv_is("-3.2", "-3.2"); /* a plain number is no formula */
	csv_is("a=b", "a=b");
}

static void xml_is(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pw_report_xml_escape(&sb, in);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

static void test_xml_escape(void **state)
{
	(void)state;
	xml_is("<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	xml_is("&amp;", "&amp;amp;");
	xml_is("a\x01\x08z\t\n", "az\t\n"); /* C0 controls XML forbids are dropped */
	xml_is("≥83 左右", "≥83 左右");
}

static void test_num(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int d;

	(void)state;
	pw_report_num(&sb, 221.29, &d);
	assert_string_equal(sb.buf, "221.29");
	assert_int_equal(d, 2);
	sb_reset(&sb);
	pw_report_num(&sb, 3047, &d);
	assert_string_equal(sb.buf, "3047");
	assert_int_equal(d, 0);
	sb_reset(&sb);
	pw_report_num(&sb, -11.5900, &d);
	assert_string_equal(sb.buf, "-11.59");
	sb_reset(&sb);
	pw_report_num(&sb, 6.28164, &d);
	assert_string_equal(sb.buf, "6.2816");
	assert_int_equal(d, 4);
	sb_reset(&sb);
	pw_report_num(&sb, NAN, &d);
	assert_string_equal(sb.buf, "—");
	sb_release(&sb);
}

/* ---- writers -------------------------------------------------------------- */

static void render(enum pw_report_format fmt, struct strbuf *out)
{
	struct fixture *f = build(PW_REPORT_ANNUAL, 2022);
	struct pw_rdoc d;

	pw_rdoc_build(&f->ev, &d);
	if (fmt == PW_FORMAT_CSV)
		pw_report_csv(&d, out);
	else if (fmt == PW_FORMAT_HTML)
		pw_report_html(&d, out);
	else if (fmt == PW_FORMAT_MD)
		pw_report_md(&d, out);
	else
		pw_report_docx_xml(&d, out);
	pw_rdoc_release(&d);
	fixture_free(f);
}

static void test_csv_report(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	(void)state;
	render(PW_FORMAT_CSV, &sb);
	assert_memory_equal(sb.buf, "\xEF\xBB\xBF", 3);
	/* every line ends with CRLF, no bare LF outside quotes (none here) */
	for (p = sb.buf; (p = strchr(p, '\n')); p++)
		assert_true(p > sb.buf && p[-1] == '\r');
	assert_non_null(strstr(sb.buf, "\xEF\xBB\xBF序号,指标名称,单位,2020年基数,2025年目标,"
				       "年均增速（%）,2022年完成值,状态,指标属性,"));
	/* 森林覆盖率 row, hand-written from the figures above */
	assert_non_null(strstr(sb.buf, "\r\n2,森林覆盖率,%,30,35以上,—,31,滞后,约束性,,2022,,"
				       "监测数据,生态环境,区自然资源局,预警,\r\n"));
	/* the growth cell carries target and actual; the number column 5 */
	assert_non_null(strstr(sb.buf, "\r\n1,地区生产总值,亿元,100,—,7左右（实际5）,110.25,滞后,"
				       "预期性,5,2022,"));
	/* the nasty name: quoted, inner quotes doubled */
	assert_non_null(strstr(sb.buf, ",\"研发\"\"R&D\"\"<强度>,占比\",%,"));
	sb_release(&sb);
}

static void test_html_report(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	render(PW_FORMAT_HTML, &sb);
	assert_non_null(strstr(sb.buf, "<!DOCTYPE html>"));
	assert_non_null(strstr(sb.buf, "<svg"));
	assert_non_null(strstr(sb.buf, "研发&quot;R&amp;D&quot;&lt;强度&gt;,占比"));
	assert_null(strstr(sb.buf, "<强度>"));
	assert_null(strstr(sb.buf, "http://"));
	assert_null(strstr(sb.buf, "https://"));
	assert_null(strstr(sb.buf, "<script"));
	assert_null(strstr(sb.buf, "\x01"));
	/* a category row of the completion table spans every document column */
	assert_non_null(strstr(sb.buf, "<tr class=\"cat\"><td colspan=\"9\">一、经济发展</td></tr>"));
	sb_release(&sb);
}

static void test_md_report(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	render(PW_FORMAT_MD, &sb);
	assert_true(!strncmp(sb.buf, "# 《测试区", strlen("# 《测试区")));
	assert_non_null(strstr(sb.buf, "| 序号 | 指标名称 | 单位 | 2020年基数 |"));
	assert_non_null(strstr(sb.buf, "## 三、滞后和未完成指标（预警）"));
	/* binding first in the at-risk list, flagged */
	assert_non_null(strstr(sb.buf, "| 2 | 森林覆盖率 | 约束性 | 31 | 35以上 | **滞后** | 区自然资源局 | **★预警** |"));
	sb_release(&sb);
}

static void test_docx_xml(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	render(PW_FORMAT_DOCX, &sb);
	assert_true(!strncmp(sb.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"", 36));
	assert_non_null(strstr(sb.buf, "<w:tbl>"));
	assert_non_null(strstr(sb.buf, "<w:tblHeader/>"));
	assert_non_null(strstr(sb.buf, "研发&quot;R&amp;D&quot;&lt;强度&gt;,占比"));
	assert_null(strstr(sb.buf, "<强度>"));
	assert_null(strstr(sb.buf, "\x01")); /* 新\x01城 lost its control character */
	assert_non_null(strstr(sb.buf, "新城"));
	assert_non_null(strstr(sb.buf, "<w:gridSpan w:val=\"9\"/>"));
	assert_non_null(strstr(sb.buf, "</w:body></w:document>"));
	sb_release(&sb);
}

/*
 * What an office reads in the completion table: a cumulative target [5] is
 * "累计5" and its 完成值 the amount to date, not one year's value; the
 * caption does not repeat the table's own number; a value older than the
 * year is named in the notes.
 */
static void test_cumulative_and_stale(void **state)
{
	static const struct pw_obs jobs[] = { { 2021, 1.2, false }, { 2022, 1.1, false } };
	static const struct pw_obs share[] = { { 2021, 40, false } };
	struct pw_eval_series_data inds[2];
	struct pw_eval_data data;
	struct pw_eval_opts o;
	struct pw_evaluation ev;
	struct pw_plan p;
	struct pw_table *t;
	struct pw_indicator *r;
	struct pw_rdoc d;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	bool noted = false;

	(void)state;
	pw_plan_init(&p);
	p.title = xstrdup("《样例县第十四个五年规划纲要》");
	p.start = 2021;
	p.end = 2025;
	add_section(&p, "第一章", "发展目标", 10);
	t = pw_plan_add_table(&p);
	t->title = xstrdup("表2 “十四五”主要指标");
	t->start = 2021;
	t->end = 2025;
	r = add_row(t, "1", "民生福祉", "城镇新增就业人数", "万人", PW_ATTR_EXPECTED, PW_DIR_UP, 0, 0);
	add_target(r, PW_KIND_CUMULATIVE, PW_CMP_EQ, 5, 2025, "[5]");
	r = add_row(t, "2", "经济发展", "服务业增加值比重", "%", PW_ATTR_EXPECTED, PW_DIR_UP, 2020, 38);
	add_target(r, PW_KIND_LEVEL, PW_CMP_GE, 45, 2025, "45以上");
	memset(inds, 0, sizeof(inds));
	inds[0] = (struct pw_eval_series_data){ .id = 1, .obs = jobs, .nobs = 2 };
	inds[1] = (struct pw_eval_series_data){ .id = 2, .obs = share, .nobs = 1 };
	memset(&data, 0, sizeof(data));
	data.indicators = inds;
	data.nindicators = 2;
	pw_eval_opts_init(&o);
	o.kind = PW_REPORT_ANNUAL;
	o.year = 2022;
	assert_int_equal(pw_eval_build(&p, &data, &o, &ev), 0);
	/* 就业: 1.2 + 1.1 = 2.3 of 5 by 2022, the share due 5 * 2/5 = 2:
	 * R = 2.3 / 2 = 1.15 >= 1.05, ahead. */
	assert_int_equal(ev.inds[0].a.status, PW_STATUS_AHEAD);
	/* 比重: 38 -> 45 over 2020-2025, E(2021) = 39.4, R = 2 / 1.4 > 1.05 */
	assert_int_equal(ev.inds[1].latest_year, 2021);
	for (i = 0; i < ev.nwarnings; i++)
		noted |= strstr(ev.warnings[i], "1项指标尚无2022年数据") != NULL &&
			 strstr(ev.warnings[i], "最早为2021年") != NULL;
	assert_true(noted);
	pw_rdoc_build(&ev, &d);
	pw_report_md(&d, &sb);
	assert_non_null(strstr(sb.buf, "| 1 | 城镇新增就业人数 | 万人 | — | 累计5 | — | 累计2.3 | 快于预期 |"));
	assert_non_null(strstr(sb.buf, "| 40（2021年） |"));
	assert_non_null(strstr(sb.buf, "表　“十四五”主要指标"));
	assert_null(strstr(sb.buf, "表　表2"));
	sb_release(&sb);
	pw_rdoc_release(&d);
	pw_eval_release(&ev);
	pw_plan_free(&p);
}

/* pw_target_text(sb, kind, text, start, end) as a new string for the tests. */
static char *target_text(enum pw_kind k, const char *text, int start, int end)
{
	struct strbuf sb = STRBUF_INIT;

	pw_target_text(&sb, k, text, start, end);
	return sb_detach(&sb, NULL);
}

#define assert_target_text(k, text, start, end, want)         \
	do {                                                  \
		char *got_ = target_text(k, text, start, end); \
		assert_string_equal(got_, want);              \
		free(got_);                                   \
	} while (0)

/* The one wording of targets shared by the reports and the template. */
static void test_target_text(void **state)
{
	(void)state;
	assert_target_text(PW_KIND_CUMULATIVE, "[5]", 2021, 2025, "累计5（2021—2025年）");
	assert_target_text(PW_KIND_CUMULATIVE, "〔2.5〕", 2021, 2025, "累计2.5（2021—2025年）");
	assert_target_text(PW_KIND_CUMULATIVE, "［30］", 0, 0, "累计30");
	assert_target_text(PW_KIND_CUMULATIVE, "【4】以上", 0, 0, "累计4以上");
	assert_target_text(PW_KIND_CUMULATIVE, "累计3", 2016, 2020, "累计3（2016—2020年）");
	assert_target_text(PW_KIND_CUMULATIVE, "12", 0, 0, "累计12");
	assert_target_text(PW_KIND_GROWTH, "7左右", 2021, 2025, "年均增长7%左右");
	assert_target_text(PW_KIND_GROWTH, "8 左右", 0, 0, "年均增长8%左右");
	assert_target_text(PW_KIND_GROWTH, "6.5%以上", 0, 0, "年均增长6.5%以上");
	assert_target_text(PW_KIND_GROWTH, "6", 0, 0, "年均增长6%");
	assert_target_text(PW_KIND_GROWTH, "年均增长5%", 0, 0, "年均增长5%");
	assert_target_text(PW_KIND_GROWTH, "与经济增长同步", 0, 0, "年均增长与经济增长同步");
	assert_target_text(PW_KIND_LEVEL, "≥83", 2021, 2025, "≥83");
	assert_target_text(PW_KIND_LEVEL, NULL, 0, 0, "");
}

/* The workbook: written whole, or (a libxlsxwriter write error: a cell
 * over Excel's 32767 characters) refused with no file left, neither the
 * report nor its temporary. */
static void test_xlsx_errors(void **state)
{
	struct fixture *f = build(PW_REPORT_ANNUAL, 2022);
	char dir[] = "/tmp/pw-xlsx.XXXXXX";
	struct strbuf path = STRBUF_INIT;
	struct pw_rdoc d;
	struct pw_rcell *c;
	const struct pw_rtable *t;
	size_t r;
	DIR *dp;
	struct dirent *e;
	int nfiles = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sb_addf(&path, "%s/r.xlsx", dir);
	pw_rdoc_build(&f->ev, &d);
	assert_int_equal(pw_report_xlsx(&d, path.buf), 0);
	assert_int_equal(access(path.buf, F_OK), 0);
	assert_int_equal(unlink(path.buf), 0);
	t = d.blocks[d.main_table].table;
	for (r = 0; r < t->nrows && t->span[r]; r++)
		; /* the first indicator row, not a category row */
	assert_true(r < t->nrows);
	c = (struct pw_rcell *)pw_rtable_cell(t, r, 1);
	free(c->text);
	c->text = xmalloc(40001);
	memset(c->text, 'x', 40000);
	c->text[40000] = '\0';
	c->has_num = false;
	assert_int_equal(pw_report_xlsx(&d, path.buf), -1);
	dp = opendir(dir);
	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		nfiles += e->d_name[0] != '.';
	closedir(dp);
	assert_int_equal(nfiles, 0);
	assert_int_equal(rmdir(dir), 0);
	sb_release(&path);
	pw_rdoc_release(&d);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_annual_indicators),
		cmocka_unit_test(test_annual_counts),
		cmocka_unit_test(test_annual_prose_and_projects),
		cmocka_unit_test(test_final_previous_plan),
		cmocka_unit_test(test_observation_overrides_table),
		cmocka_unit_test(test_nothing_to_evaluate),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_target_text),
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_csv_report),
		cmocka_unit_test(test_xlsx_errors),
		cmocka_unit_test(test_html_report),
		cmocka_unit_test(test_md_report),
		cmocka_unit_test(test_docx_xml),
		cmocka_unit_test(test_cumulative_and_stale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
