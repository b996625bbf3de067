/*
 * test_lint.c - planwatch lint: the gazetteer, the subject region, every
 * check on a document with the defect (tests/data/lint/<x>.txt) and on a
 * clean one (<x>-clean.txt) that must give nothing, the -W switches and
 * the caret.  The plans are small made-up drafts of real places other than
 * the fixture's; each expectation was derived by reading the document.
 */
#include "unit.h"
#include "testdata.h"
#include "ingest/ingest.h"
#include "lint/lint.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct linted {
	struct pw_doc doc;
	struct pw_plan plan;
	struct pw_lint L;
};

/* Lints tests/data/lint/<name> with every check on, or with only `only`. */
static struct linted *lint_file(const char *name, const char *only)
{
	struct linted *x = calloc(1, sizeof(*x));
	struct strbuf rel = STRBUF_INIT;

	assert_non_null(x);
	sb_addf(&rel, "lint/%s", name);
	TESTDATA_LOAD(&x->doc, rel.buf);
	sb_release(&rel);
	pw_plan_init(&x->plan);
	assert_int_equal(pw_ingest_doc(&x->doc, &x->plan), 0);
	pw_lint_init(&x->L, &x->doc, &x->plan);
	if (only) {
		assert_int_equal(pw_lint_enable(&x->L, "all", 0), 0);
		assert_int_equal(pw_lint_enable(&x->L, only, 1), 0);
	}
	pw_lint_run(&x->L);
	return x;
}

static void lint_free(struct linted *x)
{
	pw_lint_release(&x->L);
	pw_plan_free(&x->plan);
	pw_doc_release(&x->doc);
	free(x);
}

static size_t count_check(const struct linted *x, const char *check)
{
	size_t i, n = 0;

	for (i = 0; i < x->L.ndiags; i++)
		n += !strcmp(x->L.diags[i].check, check);
	return n;
}

/* The diagnostic of check at line:col, or NULL. */
static const struct pw_lint_diag *find(const struct linted *x, const char *check, int line, int col)
{
	size_t i;

	for (i = 0; i < x->L.ndiags; i++)
		if (!strcmp(x->L.diags[i].check, check) && x->L.diags[i].line == line &&
		    (col == 0 || x->L.diags[i].col == col))
			return &x->L.diags[i];
	return NULL;
}

/* Every diagnostic of the file is of `check`, and there are n of them. */
static void expect_only(const char *file, const char *check, size_t n)
{
	struct linted *x = lint_file(file, check);

	assert_int_equal(count_check(x, check), n);
	assert_int_equal(x->L.ndiags, n);
	lint_free(x);
}

/* ---- gazetteer and subject ---- */

/* Built where npm could not install the data package, the table is empty
 * (tools/gazetteer/gen.py): the checks that need it are skipped, not failed. */
#define NEED_GAZETTEER()                                                         \
	do {                                                                     \
		if (!pw_gz_count) {                                              \
			print_message("skip: the gazetteer is empty\n");         \
			skip();                                                  \
		}                                                                \
	} while (0)

static void test_gazetteer(void **state)
{
	const struct pw_gz *g[4], *m = NULL;
	int is_short = 0;

	(void)state;
	NEED_GAZETTEER();
	assert_int_equal(pw_gz_find("湛河区", g, 4), 1);
	assert_string_equal(g[0]->code, "410411");
	assert_string_equal(pw_gz_parent(g[0])->name, "平顶山市");
	assert_string_equal(pw_gz_parent(pw_gz_parent(g[0]))->name, "河南省");
	assert_int_equal(pw_gz_level(g[0]), 3);
	assert_true(pw_gz_find("新华区", g, 4) >= 2); /* several cities have one */
	assert_int_equal(pw_gz_match("漯河新区建设", &m, &is_short), strlen("漯河"));
	assert_string_equal(m->name, "漯河市");
	assert_true(is_short);
	assert_int_equal(pw_gz_match("平顶山市湛河区", &m, &is_short), strlen("平顶山市"));
	assert_false(is_short);
	assert_int_equal(pw_gz_match("发展经济", &m, &is_short), 0);
	assert_int_equal(pw_gz_find("湛河区区", g, 4), 0);
}

static void test_subject(void **state)
{
	struct linted *x;

	(void)state;
	NEED_GAZETTEER();
	x = lint_file("xinzheng-clean.txt", NULL);
	assert_non_null(x->L.subject);
	assert_string_equal(x->L.subject->code, "410184");
	assert_string_equal(x->L.subject_short, "新郑");
	lint_free(x);
	/* a title carried over from another county loses against the body */
	x = lint_file("ruyang-template.txt", NULL);
	assert_non_null(x->L.subject);
	assert_string_equal(x->L.subject->name, "汝阳县");
	lint_free(x);
}

/* ---- place-name ---- */

static void test_place_name(void **state)
{
	struct linted *x;

	(void)state;
	NEED_GAZETTEER();
	x = lint_file("xinzheng-names.txt", "place-name");
	assert_non_null(find(x, "place-name", 11, 18)); /* 打造实力新密: a learned slogan */
	assert_non_null(find(x, "place-name", 15, 18)); /* 打造幸福新密 */
	assert_non_null(find(x, "place-name", 17, 3));  /* 新密区: no such division */
	assert_non_null(find(x, "place-name", 17, 31)); /* 健康新密: established name */
	assert_non_null(find(x, "place-name", 21, 16)); /* 书香登封: 书香 learned from 书香新郑 */
	assert_int_equal(x->L.ndiags, 5); /* not 新密市 in the cooperation passage, 郑州, 河南 */
	assert_int_equal(x->L.diags[0].sev, PW_LINT_ERROR);
	assert_non_null(strstr(x->L.diags[0].message, "'新郑'"));
	lint_free(x);
	x = lint_file("ruyang-template.txt", "place-name");
	assert_non_null(find(x, "place-name", 1, 2)); /* the title */
	assert_non_null(find(x, "place-name", 5, 9)); /* 中共伊川县委 */
	assert_non_null(find(x, "place-name", 17, 10)); /* 落实三门峡市委: its city is 洛阳 */
	assert_int_equal(x->L.ndiags, 3); /* 与伊川县、嵩县 are neighbours, 与郑州市政府的合作 */
	lint_free(x);
	/* a county whose short form is its full name (叶县, 郏县) */
	x = lint_file("yexian-names.txt", "place-name");
	assert_non_null(find(x, "place-name", 9, 12)); /* 建成活力郏县 */
	assert_non_null(find(x, "place-name", 9, 17)); /* 中共郏县委 */
	assert_int_equal(x->L.ndiags, 2);              /* not 与舞钢市、郏县、方城县 */
	lint_free(x);
}

static void test_place_name_clean(void **state)
{
	(void)state;
	NEED_GAZETTEER();
	expect_only("xinzheng-clean.txt", "place-name", 0);
	expect_only("ruyang-clean.txt", "place-name", 0); /* “晋江经验”, “枫桥经验” */
	expect_only("yexian-clean.txt", "place-name", 0);
	/* a city's plan: its own districts (美丽湛河), neighbours, rivers, 平漯周高铁 */
	expect_only("pingdingshan-clean.txt", "place-name", 0);
	expect_only("damage-clean.txt", "place-name", 0);
}

/* ---- conversion damage ---- */

static void test_convert(void **state)
{
	struct linted *x = lint_file("damage.txt", NULL);
	const struct pw_lint_diag *g;

	(void)state;
	assert_non_null(find(x, "repeated-word", 5, 24));
	assert_int_equal(count_check(x, "repeated-word"), 1); /* not 研究研究, 人人, 天天 */
	assert_non_null(find(x, "latin-word", 5, 52));
	assert_int_equal(count_check(x, "latin-word"), 1); /* not 5G, 110kV, PM2.5, GDP */
	g = find(x, "page-break", 9, 0);
	assert_non_null(g);
	assert_int_equal(g->sev, PW_LINT_NOTE);
	assert_non_null(strstr(g->message, "建立全县科技型中小企业库"));
	assert_non_null(find(x, "page-break-repeat", 11, 1));
	assert_non_null(find(x, "markup", 11, 21)); /* ** */
	assert_non_null(find(x, "markup", 13, 1));  /* <p> */
	assert_int_equal(count_check(x, "page-break"), 1);
	/* the last line ends in a copy of line 19's start */
	assert_non_null(find(x, "repeated-text", 21, 29));
	assert_int_equal(count_check(x, "repeated-text"), 1);
	lint_free(x);
}

static void test_convert_clean(void **state)
{
	(void)state;
	expect_only("damage-clean.txt", "repeated-word", 0);
	expect_only("damage-clean.txt", "latin-word", 0);
	expect_only("damage-clean.txt", "page-break", 0);
	expect_only("damage-clean.txt", "page-break-repeat", 0);
	expect_only("damage-clean.txt", "markup", 0);
	expect_only("damage-clean.txt", "repeated-text", 0);
	expect_only("ruyang-clean.txt", "repeated-text", 0);
}

/* ---- structure ---- */

static void test_structure(void **state)
{
	struct linted *x = lint_file("structure.txt", NULL);

	(void)state;
	assert_non_null(find(x, "brackets", 7, 9));
	assert_non_null(find(x, "numbering", 9, 1));  /* 第一节 -> 第三节 */
	assert_non_null(find(x, "numbering", 17, 1)); /* 一、 -> 三、 */
	assert_non_null(find(x, "numbering", 25, 1)); /* 1. 2. 4. */
	assert_non_null(find(x, "column-order", 27, 3));
	assert_int_equal(x->L.ndiags, 5);
	lint_free(x);
}

static void test_structure_clean(void **state)
{
	(void)state;
	/* brackets closed after a page break, list markers 1）2） */
	expect_only("structure-clean.txt", "brackets", 0);
	expect_only("structure-clean.txt", "numbering", 0);
	expect_only("structure-clean.txt", "column-order", 0);
	expect_only("structure-clean.txt", "unit-mismatch", 0);
}

/* ---- numbers ---- */

static void test_numbers(void **state)
{
	struct linted *x = lint_file("numbers.txt", NULL);

	(void)state;
	assert_non_null(find(x, "parts-total", 5, 14));    /* 14 + 21 > 25 */
	assert_non_null(find(x, "parts-total", 5, 47));    /* 5 : 40 : 50 */
	assert_non_null(find(x, "share-over-100", 5, 79)); /* 比重达到120% */
	assert_non_null(find(x, "growth-rate", 10, 0));    /* 100 -> 200 is not 5% a year */
	assert_null(find(x, "growth-rate", 11, 0));        /* 10 -> 12.8 is 5.06% */
	assert_non_null(find(x, "growth-rate", 21, 21));   /* 6.8% against 50 -> 100 (2015-20) */
	assert_non_null(find(x, "share-over-100", 13, 0)); /* 森林覆盖率 105 */
	assert_int_equal(count_check(x, "table-prose"), 2); /* 68 vs 65, and 力争 for 约束性 */
	assert_int_equal(find(x, "share-over-100", 13, 0)->sev, PW_LINT_ERROR);
	lint_free(x);
}

static void test_numbers_clean(void **state)
{
	(void)state;
	expect_only("numbers-clean.txt", "parts-total", 0);
	expect_only("numbers-clean.txt", "share-over-100", 0); /* 增长120% is no share */
	expect_only("numbers-clean.txt", "growth-rate", 0);
	expect_only("numbers-clean.txt", "table-prose", 0);
}

/* ---- switches and printing ---- */

static void test_switches(void **state)
{
	struct linted *x = lint_file("xinzheng-names.txt", "repeated-word");

	(void)state;
	assert_int_equal(x->L.ndiags, 0); /* place-name was off */
	assert_int_equal(pw_lint_enable(&x->L, "no-such-check", 1), -1);
	assert_int_equal(pw_lint_check_index("place-name"), 0);
	lint_free(x);
}

static void test_print_caret(void **state)
{
	struct linted *x;
	char *buf = NULL, *line;
	size_t len = 0;
	FILE *f;

	(void)state;
	NEED_GAZETTEER(); /* it prints a place-name finding */
	x = lint_file("xinzheng-names.txt", "place-name");
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(pw_lint_print_text(f, &x->L), 0);
	fclose(f);
	line = strstr(buf, ":11:18: error: '新密' where the plan's own name '新郑' should stand "
			   "[place-name]\n");
	assert_non_null(line);
	/* the caret line under " 11 | 第二章…": 32 display columns in (CJK
	 * characters are two wide), so it stands under 新密 */
	line = strstr(line, "\n    | ");
	assert_non_null(line);
	line = strstr(line + 1, "\n    | ");
	assert_non_null(line);
	assert_int_equal(strspn(line + 7, " "), 32);
	assert_true(!strncmp(line + 7 + 32, "^~~~\n", 5));
	assert_non_null(strstr(buf, "5 errors, 0 warnings, 0 notes\n"));
	free(buf);
	lint_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gazetteer),
		cmocka_unit_test(test_subject),
		cmocka_unit_test(test_place_name),
		cmocka_unit_test(test_place_name_clean),
		cmocka_unit_test(test_convert),
		cmocka_unit_test(test_convert_clean),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_structure_clean),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_clean),
		cmocka_unit_test(test_switches),
		cmocka_unit_test(test_print_caret),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
