/*
 * test_vocab.c - the one vocabulary (text/vocab.h): every word of a class
 * is read the same way by every stage.  The test enumerates the table
 * itself, so a word added there is tested here without another line: for
 * each word it fills its class's templates - a row of an indicator table
 * and a prose sentence - runs the table reader and the prose finder on
 * them, checks the kind, comparator and direction the template expects, and
 * assesses the result on the template's data: every word of a class must
 * give the verdict of the class's first word.
 *
 * The data are chosen so that a stage reading a word the wrong way changes
 * the verdict: 单位GDP能耗降低 〔13.5〕 with yearly reductions of 3% is on
 * track only when the engine compounds the rates as reductions; 每年下降3%
 * with 2.5% a year is lagging only when the target measures the reduction.
 */
#include "unit.h"
#include "testplan.h"
#include "assess/assess.h"
#include "ingest/ingest.h"
#include "model/plan.h"
#include "text/doc.h"
#include "text/vocab.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/nelem.h"

#define NOT_CHECKED (-1)

/* One template of a class: '@' stands for the word. */
struct tmpl {
	enum pw_vocab_class cls;
	/* table: the header of the growth column ("@" alone: the word must
	 * name the column by itself), then one row's cells
	 * (name | unit | 2020 | 2025 | growth | five-year total) */
	const char *growth_head;
	const char *row;
	int dir;                /* enum pw_dir expected, or NOT_CHECKED */
	int kind, cmp;          /* of the row's first target */
	/* prose: one sentence, the target it gives, the indicator it is
	 * assessed against (name, '@' the word too; direction) */
	const char *sentence;
	int pkind, pcmp;
	const char *pname;
	enum pw_dir pdir;
	/* data for both verdicts (year 2022 of 2021-2025) */
	struct pw_obs obs[2];
	/* the verdicts of the table row and of the prose target; below
	 * PW_STATUS_NO_DATA + 1 (never a wanted verdict): not checked */
	int want, pwant;
	/* a sentence that reports the change as done (NULL: none): no target */
	const char *past;
	/* the header of the table's total column (NULL: 五年累计) */
	const char *cumul_head;
};

#define PAST "全区单位地区生产总值能耗@了，地区生产总值增长6%。"

static const struct tmpl tmpls[] = {
	/* A five-year reduction of 13.5%, 3% a year for two years: 5.91%
	 * done (1-0.97^2) against a path of 13.5% over five years: on track.
	 * Read as levels (3 then 3: no change) it would lag. */
	{ PW_VOCAB_DECREASE, "年均增长", "单位GDP能耗@ | % | — | — | — | 13.5", PW_DIR_UP,
	  PW_KIND_CUMULATIVE, PW_CMP_EQ, "单位地区生产总值能耗@13.5%。", PW_KIND_CUMULATIVE,
	  PW_CMP_EQ, "单位地区生产总值能耗@", PW_DIR_UP, { { 2021, 3.0, false }, { 2022, 3.0, false } },
	  PW_STATUS_ON_TRACK, PW_STATUS_ON_TRACK, PAST },
	/* A reduction of 3% a year, 2.5% done each year: lagging, although
	 * the indicator (能耗) goes down and 2.5 is below 3. */
	{ PW_VOCAB_DECREASE, "年均增长", "单位GDP二氧化碳排放@ | % | — | — | — | 18", PW_DIR_UP,
	  PW_KIND_CUMULATIVE, PW_CMP_EQ, "单位地区生产总值能耗每年@3%。", PW_KIND_ANNUAL,
	  PW_CMP_EQ, "单位地区生产总值能耗", PW_DIR_DOWN, { { 2021, 2.5, false }, { 2022, 2.5, false } },
	  NOT_CHECKED, PW_STATUS_LAGGING },
	{ PW_VOCAB_INCREASE, "年均增长", "常住人口城镇化率@ | 百分点 | — | — | — | 3", PW_DIR_UP,
	  PW_KIND_CUMULATIVE, PW_CMP_EQ, "常住人口城镇化率@3个百分点。", PW_KIND_CUMULATIVE,
	  PW_CMP_EQ, "常住人口城镇化率", PW_DIR_UP, { { 2021, 0.5, false }, { 2022, 0.5, false } },
	  NOT_CHECKED, NOT_CHECKED, PAST },
	{ PW_VOCAB_GROWTH, "@", "地区生产总值@ | % | — | — | 6 | —", PW_DIR_UP,
	  PW_KIND_GROWTH, PW_CMP_EQ, "地区生产总值年均@6%以上。", PW_KIND_GROWTH, PW_CMP_GE,
	  "地区生产总值", PW_DIR_UP, { { 2021, 6.5, false }, { 2022, 5.0, false } }, NOT_CHECKED,
	  NOT_CHECKED, PAST },
	{ PW_VOCAB_RATE, "@", "地区生产总值@ | % | — | — | 6 | —", PW_DIR_UP,
	  PW_KIND_GROWTH, PW_CMP_EQ, "地区生产总值@保持在6%左右。", PW_KIND_GROWTH,
	  PW_CMP_APPROX, "地区生产总值", PW_DIR_UP, { { 2021, 6.5, false }, { 2022, 5.0, false } },
	  NOT_CHECKED },
	{ PW_VOCAB_CUMULATIVE, "年均增长", "城镇@就业 | 万人 | — | — | — | [30]", PW_DIR_UP,
	  PW_KIND_CUMULATIVE, PW_CMP_EQ, "城镇@就业6万人以上。", PW_KIND_CUMULATIVE, PW_CMP_GE,
	  "城镇新增就业", PW_DIR_UP, { { 2021, 5.0, false }, { 2022, 5.0, false } }, NOT_CHECKED,
	  NOT_CHECKED, PAST, "五年@" },
	/* 2.5 a year against a reduction of 3 a year: lagging. */
	{ PW_VOCAB_ANNUAL, NULL, NULL, NOT_CHECKED, NOT_CHECKED, NOT_CHECKED,
	  "单位地区生产总值能耗@下降3%。", PW_KIND_ANNUAL, PW_CMP_EQ, "单位地区生产总值能耗",
	  PW_DIR_DOWN, { { 2021, 2.5, false }, { 2022, 2.5, false } }, NOT_CHECKED,
	  PW_STATUS_LAGGING },
	{ PW_VOCAB_AVERAGE, "@", "地区生产总值增长 | % | — | — | 6 | —", PW_DIR_UP,
	  PW_KIND_GROWTH, PW_CMP_EQ, "地区生产总值@增长6%以上。", PW_KIND_GROWTH, PW_CMP_GE,
	  "地区生产总值", PW_DIR_UP, { { 2021, 6.5, false }, { 2022, 5.0, false } }, NOT_CHECKED },
	/* A bad thing is kept down, also when a group of good rates holds it. */
	{ PW_VOCAB_BAD, "年均增长", "全市@ | 万吨 | 12 | 10 | — | —", PW_DIR_DOWN, PW_KIND_LEVEL,
	  PW_CMP_LE, NULL, 0, 0, NULL, PW_DIR_UP, { { 2021, 11.0, false }, { 2022, 10.5, false } },
	  NOT_CHECKED },
	/* The rate of a good thing is up even when the name holds a bad one. */
	{ PW_VOCAB_GOOD, "年均增长", "受污染耕地@ | % | 90 | 95 | — | —", PW_DIR_UP, PW_KIND_LEVEL,
	  PW_CMP_EQ, NULL, 0, 0, NULL, PW_DIR_UP, { { 2021, 91.0, false }, { 2022, 92.0, false } },
	  NOT_CHECKED },
	/* A trailer leaves the head alone: 死亡率控制 is down. */
	{ PW_VOCAB_NEUTRAL, "年均增长", "婴儿死亡率@ | ‰ | 5 | 4.5 | — | —", PW_DIR_DOWN,
	  PW_KIND_LEVEL, PW_CMP_LE, NULL, 0, 0, NULL, PW_DIR_UP,
	  { { 2021, 4.9, false }, { 2022, 4.8, false } }, NOT_CHECKED },
	/* 增加值 is not 增加: a share of it in the growth column is a level. */
	{ PW_VOCAB_NOUN, "年均增长", "数字经济核心产业@占比 | % | — | — | 10 | —", PW_DIR_UP,
	  PW_KIND_LEVEL, PW_CMP_EQ, NULL, 0, 0, NULL, PW_DIR_UP,
	  { { 2021, 8.0, false }, { 2022, 9.0, false } }, NOT_CHECKED },
};

/* t with each '@' replaced by w: a new string. */
static char *fill(const char *t, const char *w)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *t; t++)
		if (*t == '@')
			sb_addstr(&sb, w);
		else
			sb_add(&sb, t, 1);
	return sb_detach(&sb, NULL);
}

/* The verdict on ind (its own targets) from the template's data. */
static enum pw_status verdict(const struct pw_indicator *ind, const struct tmpl *m)
{
	struct pw_assess_opts o;
	struct pw_assess_input in;
	struct pw_assessment a;
	enum pw_status s;

	pw_assess_opts_init(&o);
	memset(&in, 0, sizeof(in));
	in.ind = ind;
	in.start = 2021;
	in.end = 2025;
	in.year = 2022;
	in.obs.obs = m->obs;
	in.obs.n = 2;
	assert_int_equal(pw_assess_indicator(&in, &o, &a), 0);
	s = a.status;
	pw_assessment_release(&a);
	return s;
}

struct seen {
	bool any;
	enum pw_status status;
	const char *word;
};

/* Every word of a class must give its first word's verdict. */
static void same_verdict(struct seen *first, const char *word, enum pw_status s, const char *what)
{
	if (!first->any) {
		first->any = true;
		first->status = s;
		first->word = word;
		return;
	}
	if (s != first->status) {
		print_message("%s: '%s' is %s but '%s' is %s\n", what, word, pw_status_name(s),
			      first->word, pw_status_name(first->status));
		fail();
	}
}

static void check_table(const struct tmpl *m, const char *word, struct seen *first)
{
	struct strbuf doc = STRBUF_INIT;
	char *head = fill(m->growth_head, word), *row = fill(m->row, word);
	char *cumul = fill(m->cumul_head ? m->cumul_head : "五年累计", word);
	const struct pw_indicator *ind;
	struct pw_plan p;
	enum pw_status s;

	sb_addf(&doc, "表1 主要指标\n| 指标 | 单位 | 2020年 | 2025年 | %s | %s |\n"
		      "|---|---|---|---|---|---|\n| %s |\n", head, cumul, row);
	tp_read_text(doc.buf, &p, true);
	print_message("  table '%s'\n", row);
	assert_int_equal(p.ntables, 1);
	assert_int_equal(p.tables[0].nrows, 1);
	ind = &p.tables[0].rows[0];
	assert_true(ind->ntargets >= 1);
	assert_int_equal(ind->direction, m->dir);
	assert_int_equal(ind->targets[0].kind, m->kind);
	assert_int_equal(ind->targets[0].cmp, m->cmp);
	s = verdict(ind, m);
	assert_true(s != PW_STATUS_NO_DATA && s != PW_STATUS_NOT_ASSESSABLE);
	if (m->want > PW_STATUS_NO_DATA)
		assert_int_equal(s, m->want);
	same_verdict(first, word, s, "table");
	pw_plan_free(&p);
	free(head);
	free(cumul);
	free(row);
	sb_release(&doc);
}

static void check_prose(const struct tmpl *m, const char *word, struct seen *first)
{
	char *text = fill(m->sentence, word), *name = fill(m->pname, word);
	struct pw_indicator ind;
	struct pw_plan p;
	enum pw_status s;

	tp_read_text(text, &p, false);
	print_message("  prose '%s'\n", text);
	assert_int_equal(p.ntargets, 1);
	assert_int_equal(p.targets[0].t.kind, m->pkind);
	assert_int_equal(p.targets[0].t.cmp, m->pcmp);
	memset(&ind, 0, sizeof(ind));
	ind.name = name;
	ind.unit = p.targets[0].unit;
	ind.direction = m->pdir;
	ind.section = -1;
	ind.targets = &p.targets[0].t;
	ind.ntargets = 1;
	s = verdict(&ind, m);
	assert_true(s != PW_STATUS_NO_DATA && s != PW_STATUS_NOT_ASSESSABLE);
	if (m->pwant > PW_STATUS_NO_DATA)
		assert_int_equal(s, m->pwant);
	same_verdict(first, word, s, "prose");
	pw_plan_free(&p);
	free(text);
	free(name);
}

/* A sentence that reports a change as done sets no target: 下降了 and
 * 降低了 alike mark a review. */
static void check_past(const struct tmpl *m, const char *word)
{
	char *text = fill(m->past, word);
	struct pw_plan p;

	tp_read_text(text, &p, false);
	print_message("  past '%s'\n", text);
	assert_int_equal(p.ntargets, 0);
	pw_plan_free(&p);
	free(text);
}

/* Runs every template of class c on every word of c. */
static void check_class(enum pw_vocab_class c)
{
	const struct pw_vocab_word *w;
	size_t n, i, k, nwords = 0;

	w = pw_vocab_words(&n);
	for (k = 0; k < NELEM(tmpls); k++) {
		struct seen table = { 0 }, prose = { 0 };

		if (tmpls[k].cls != c)
			continue;
		for (i = 0; i < n; i++) {
			if (w[i].cls != c)
				continue;
			nwords++;
			if (tmpls[k].row)
				check_table(&tmpls[k], w[i].s, &table);
			if (tmpls[k].sentence)
				check_prose(&tmpls[k], w[i].s, &prose);
			if (tmpls[k].past)
				check_past(&tmpls[k], w[i].s);
		}
	}
	assert_true(nwords > 0); /* every class has words and a template */
}

#define CLASS_TEST(name, cls)                                                          \
	static void test_##name(void **state)                                          \
	{                                                                              \
		(void)state;                                                           \
		check_class(cls);                                                      \
	}
CLASS_TEST(decrease, PW_VOCAB_DECREASE)
CLASS_TEST(increase, PW_VOCAB_INCREASE)
CLASS_TEST(growth, PW_VOCAB_GROWTH)
CLASS_TEST(rate, PW_VOCAB_RATE)
CLASS_TEST(cumulative, PW_VOCAB_CUMULATIVE)
CLASS_TEST(annual, PW_VOCAB_ANNUAL)
CLASS_TEST(average, PW_VOCAB_AVERAGE)
CLASS_TEST(bad, PW_VOCAB_BAD)
CLASS_TEST(good, PW_VOCAB_GOOD)
CLASS_TEST(neutral, PW_VOCAB_NEUTRAL)
CLASS_TEST(noun, PW_VOCAB_NOUN)

/* Every class has a template, so no word goes untested. */
static void test_every_class_has_a_template(void **state)
{
	const struct pw_vocab_word *w;
	size_t n, i, k;
	bool found;

	(void)state;
	w = pw_vocab_words(&n);
	for (i = 0; i < n; i++) {
		for (k = 0, found = false; k < NELEM(tmpls); k++)
			found = found || tmpls[k].cls == w[i].cls;
		if (!found)
			print_message("no template for '%s' (%s)\n", w[i].s,
				      pw_vocab_class_name(w[i].cls));
		assert_true(found);
	}
}

/* Longest match: 增加值 is a noun, not 增加; 累计新增 is one word. */
static void test_lookup(void **state)
{
	const struct pw_vocab_word *w;
	const unsigned change = PW_VOCAB_CHANGE;

	(void)state;
	w = pw_vocab_at("累计新增就业", strlen("累计新增就业"));
	assert_non_null(w);
	assert_string_equal(w->s, "累计新增");
	assert_false(pw_vocab_has("工业增加值占比", change));
	assert_true(pw_vocab_has("工业增加值增长", change));
	assert_true(pw_vocab_has("能耗削减", PW_VOCAB_BIT(PW_VOCAB_DECREASE)));
	assert_false(pw_vocab_has(NULL, change));
	w = pw_vocab_ending("婴儿死亡率", 0, strlen("婴儿死亡率"));
	assert_non_null(w);
	assert_int_equal(w->cls, PW_VOCAB_BAD);
	assert_true(pw_vocab_lower_is_better(NULL, "婴儿死亡率控制"));
	assert_false(pw_vocab_lower_is_better(NULL, "单位GDP能耗压减"));
	assert_false(pw_vocab_lower_is_better("主要污染物排放削减", "化学需氧量"));
	assert_false(pw_vocab_lower_is_better(NULL, "污水处理率"));
	assert_true(pw_vocab_lower_is_better(NULL, "重污染天数"));
	assert_string_equal(pw_vocab_class_name(PW_VOCAB_ANNUAL), "annual");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_every_class_has_a_template),
		cmocka_unit_test(test_decrease),
		cmocka_unit_test(test_increase),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_cumulative),
		cmocka_unit_test(test_annual),
		cmocka_unit_test(test_average),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_neutral),
		cmocka_unit_test(test_noun),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
