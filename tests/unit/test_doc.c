/*
 * test_doc.c - document decoding: encodings, line ends, cleaning, bad input.
 */
#include "unit.h"
#include "text/doc.h"
#include "text/utf8.h"
#include "text/words.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* stderr goes to a temporary file between capture_start() and
 * capture_end(), which returns what was written (caller frees). */
static int saved_stderr = -1;
static FILE *captured;

static void capture_start(void)
{
	fflush(stderr);
	captured = tmpfile();
	assert_non_null(captured);
	saved_stderr = dup(2);
	assert_true(saved_stderr >= 0);
	assert_true(dup2(fileno(captured), 2) >= 0);
}

static char *capture_end(void)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[512];
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	rewind(captured);
	while ((n = fread(buf, 1, sizeof(buf), captured)) > 0)
		sb_add(&sb, buf, n);
	fclose(captured);
	return sb_detach(&sb, NULL);
}

static void load(struct pw_doc *d, const char *bytes, size_t len)
{
	assert_int_equal(pw_doc_from_bytes(d, "t.txt", bytes, len), 0);
}

static void test_utf8_lines_lf_crlf_cr(void **state)
{
	struct pw_doc d;
	static const char in[] = "甲\n乙\r\n丙\r丁";

	(void)state;
	load(&d, in, sizeof(in) - 1);
	assert_int_equal(d.nlines, 4);
	assert_string_equal(d.lines[0].s, "甲");
	assert_string_equal(d.lines[1].s, "乙");
	assert_string_equal(d.lines[2].s, "丙");
	assert_string_equal(d.lines[3].s, "丁");
	assert_int_equal(d.lines[3].no, 4);
	assert_string_equal(d.encoding, "UTF-8");
	pw_doc_release(&d);
}

static void test_trailing_newline_adds_no_line(void **state)
{
	struct pw_doc d;

	(void)state;
	load(&d, "a\nb\n", 4);
	assert_int_equal(d.nlines, 2);
	pw_doc_release(&d);
	load(&d, "a\n\nb", 4);
	assert_int_equal(d.nlines, 3);
	assert_string_equal(d.lines[1].s, "");
	pw_doc_release(&d);
}

static void test_bom(void **state)
{
	struct pw_doc d;
	static const char in[] = "\xEF\xBB\xBF表1\n";

	(void)state;
	load(&d, in, sizeof(in) - 1);
	assert_string_equal(d.lines[0].s, "表1");
	assert_string_equal(d.encoding, "UTF-8 (BOM)");
	pw_doc_release(&d);
}

static void test_gb18030(void **state)
{
	struct pw_doc d;
	/* "指标\r\n" in GB18030: 指 = D6 B8, 标 = B1 EA */
	static const char in[] = "\xD6\xB8\xB1\xEA\r\n83%";

	(void)state;
	load(&d, in, sizeof(in) - 1);
	assert_string_equal(d.encoding, "GB18030");
	assert_int_equal(d.nlines, 2);
	assert_string_equal(d.lines[0].s, "指标");
	assert_string_equal(d.lines[1].s, "83%");
	pw_doc_release(&d);
}

static void test_utf16le(void **state)
{
	struct pw_doc d;
	/* BOM, "表", "\n", "1" */
	static const char in[] = "\xFF\xFE\x68\x88\x0A\x00\x31\x00";

	(void)state;
	load(&d, in, sizeof(in) - 1);
	assert_string_equal(d.encoding, "UTF-16LE");
	assert_int_equal(d.nlines, 2);
	assert_string_equal(d.lines[0].s, "表");
	assert_string_equal(d.lines[1].s, "1");
	pw_doc_release(&d);
}

static void test_fullwidth_and_markup_cleaned(void **state)
{
	struct pw_doc d;
	static const char in[] = "达到８３．５％以上\n<ol style=\"x\"> 1. **金融**服务</ol>\n≥８３ <5.5\n## 第二章 标题\n"
				 "ＰＭ２．５，ｋＷ：（１）";

	(void)state;
	load(&d, in, sizeof(in) - 1);
	assert_string_equal(d.lines[0].s, "达到83.5%以上");
	assert_string_equal(d.lines[1].s, " 1. 金融服务");
	/* "<5.5" is a comparator, not a tag */
	assert_string_equal(d.lines[2].s, "≥83 <5.5");
	assert_string_equal(d.lines[3].s, "第二章 标题");
	/* letters and digits become ASCII; Chinese punctuation （），： stays */
	assert_string_equal(d.lines[4].s, "PM2.5，kW：（1）");
	pw_doc_release(&d);
}

static void test_bad_input(void **state)
{
	struct pw_doc d;
	/* valid UTF-8 for many lines, then a stray byte on line 3 col 3 */
	static const char mid[] = "第一章 总则规划纲要第一章总则规划纲要\n第二章 目标目标目标目标目标目标\n甲乙\xFF丙";

	(void)state;
	pw_error_quiet(1);
	assert_int_equal(pw_doc_from_bytes(&d, "e.txt", "", 0), -1);
	assert_non_null(strstr(pw_last_error(), "empty"));
	assert_int_equal(pw_doc_from_bytes(&d, "b.bin", "ab\0cd", 5), -1);
	assert_non_null(strstr(pw_last_error(), "binary"));
	assert_int_equal(pw_doc_from_bytes(&d, "m.txt", mid, sizeof(mid) - 1), -1);
	assert_non_null(strstr(pw_last_error(), "invalid UTF-8"));
	assert_int_equal(pw_doc_load(&d, "/nonexistent/plan.txt"), -1);
	assert_non_null(strstr(pw_last_error(), "cannot open"));
	pw_error_quiet(0);
}

/* Errors name file:line:col, the column counted in characters. */
static void test_error_positions(void **state)
{
	struct pw_doc d;
	/* line 3 is "甲乙" then a stray byte: column 3 (byte 7) */
	static const char mid[] = "第一章 总则\n第二章 目标\n甲乙\xFF丙";
	/* UTF-16LE: "1", LF, "2", then a lone low surrogate (DC00) */
	static const char u16[] = "\xFF\xFE\x31\x00\x0A\x00\x32\x00\x00\xDC\x33\x00";
	char *err;

	(void)state;
	capture_start();
	assert_int_equal(pw_doc_from_bytes(&d, "m.txt", mid, sizeof(mid) - 1), -1);
	assert_int_equal(pw_doc_from_bytes(&d, "u.txt", u16, sizeof(u16) - 1), -1);
	err = capture_end();
	assert_non_null(strstr(err, "m.txt:3:3: error: invalid UTF-8 (byte 0xFF)"));
	/* after "2" on line 2; the unit sits at byte offset 8 of the file */
	assert_non_null(strstr(err, "u.txt:2:2: error: invalid UTF-16LE (byte offset 8)"));
	free(err);
}

/* A '<' whose line has no '>' stays text: a tag never spans lines, and
 * many such '<' do not make cleaning slow. */
static void test_unclosed_tags_and_cr_lines(void **state)
{
	struct pw_doc d;
	static const char in[] = "a<b\rc>d\r<p>x</p><q\r<a<a<a";

	(void)state;
	load(&d, in, sizeof(in) - 1);
	assert_int_equal(d.nlines, 4);
	assert_string_equal(d.lines[0].s, "a<b");
	assert_string_equal(d.lines[1].s, "c>d");
	assert_string_equal(d.lines[2].s, "x<q");
	assert_string_equal(d.lines[3].s, "<a<a<a");
	pw_doc_release(&d);
}

static void test_blanks(void **state)
{
	/* space, tab, line ends, U+3000 and U+00A0 are blanks, the same at
	 * either end (a spreadsheet cell may hold a line end) */
	static const char lead[] = " \t\r\n\xE3\x80\x80\xC2\xA0x";
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(pw_utf8_blanks(lead), 4 + 3 + 2);
	assert_int_equal(pw_utf8_blank("x"), 0);
	assert_int_equal(pw_utf8_blank("\n"), 1);
	assert_int_equal(pw_utf8_blank(""), 0);
	assert_int_equal(pw_utf8_blank("\xE3\x80"), 0); /* cut short: no blank */
	assert_int_equal(pw_utf8_blank("\xE3\x80\x81"), 0); /* 、 is not a blank */
	assert_int_equal(pw_utf8_rtrim("x \xE3\x80\x80\xC2\xA0\r\n", 9), 1);
	assert_int_equal(pw_utf8_rtrim(" \t", 2), 0);
	assert_int_equal(pw_utf8_rtrim("表1", 4), 4);
	assert_int_equal(pw_utf8_rtrim("表\xE3\x80", 5), 5); /* a cut U+3000 stays */
	assert_int_equal(pw_utf8_rtrim("\x80\x80\x80\x80", 4), 4);
	sb_addstr(&sb, "\n\xC2\xA0规划\xE3\x80\x80x\f\xC2\xA0");
	pw_utf8_trim(&sb);
	assert_string_equal(sb.buf, "规划\xE3\x80\x80x");
	sb_reset(&sb);
	sb_addstr(&sb, " \xE3\x80\x80");
	pw_utf8_trim(&sb);
	assert_string_equal(sb.buf, "");
	sb_release(&sb);
}

static void test_words(void **state)
{
	static const char *const cmp[] = { "超", "超过", "不超过" };
	static const char *const tail[] = { "的", "”", " " };
	static const char *const many[] = { "以来", "五年来", "过去", "已", "同比", ">" };
	static const char text[] = "学校的” ";
	size_t which = 9;

	(void)state;
	/* first match in list order; the longest on request */
	assert_int_equal(pw_words_at("超过10", PW_WORDS_NOLIMIT, cmp, 3, &which), 3);
	assert_int_equal(which, 0);
	assert_int_equal(pw_words_longest("超过10", cmp, 3), 6);
	assert_int_equal(pw_words_at("不超过", PW_WORDS_NOLIMIT, cmp, 3, &which), 9);
	assert_int_equal(which, 2);
	/* a bound shorter than a word keeps it out */
	assert_int_equal(pw_words_at("不超过", 6, cmp, 3, NULL), 0);
	assert_int_equal(pw_words_at("超", 0, cmp, 3, NULL), 0);
	/* ending at e, then stripped from the end repeatedly */
	assert_int_equal(pw_words_ending(text, 0, strlen(text), tail, 3), 1);
	assert_int_equal(pw_words_rstrip(text, 0, strlen(text), tail, 3), strlen("学校"));
	assert_int_equal(pw_words_rstrip("的的", 0, 6, tail, 3), 0);
	/* anywhere: at the end, an ASCII word, and not at all */
	assert_true(pw_words_any("全区经济同比", strlen("全区经济同比"), many, 6));
	assert_true(pw_words_any("a>b", 3, many, 6));
	assert_false(pw_words_any("到2025年全区企业超过10家", strlen("到2025年全区企业超过10家"),
				  many, 6));
	/* the length bounds the search: 已 lies past it */
	assert_false(pw_words_any("全区已", strlen("全区"), many, 6));
	assert_false(pw_words_any("", 0, many, 6));
}

static void test_utf8_helpers(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(pw_utf8_decode("表", 3, &cp), 3);
	assert_int_equal(cp, 0x8868);
	assert_int_equal(pw_utf8_valid_prefix("ab\xC0\x80", 4), 2); /* overlong */
	assert_int_equal(pw_utf8_valid_prefix("\xED\xA0\x80", 3), 0); /* surrogate */
	assert_int_equal(pw_utf8_columns("表1表", 7), 3);
}

static void test_strbuf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	size_t n;

	(void)state;
	assert_string_equal(sb.buf, "");
	sb_addf(&sb, "%s-%d", "规划", 14);
	sb_addch(&sb, ' ');
	sb_addstr(&sb, "\xE3\x80\x80x\xE3\x80\x80");
	assert_string_equal(sb.buf, "规划-14 \xE3\x80\x80x\xE3\x80\x80");
	pw_utf8_trim(&sb);
	assert_string_equal(sb.buf, "规划-14 \xE3\x80\x80x");
	s = sb_detach(&sb, &n);
	assert_int_equal(n, strlen(s));
	assert_string_equal(sb.buf, "");
	free(s);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_lines_lf_crlf_cr),
		cmocka_unit_test(test_trailing_newline_adds_no_line),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_utf16le),
		cmocka_unit_test(test_fullwidth_and_markup_cleaned),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_error_positions),
		cmocka_unit_test(test_unclosed_tags_and_cr_lines),
		cmocka_unit_test(test_blanks),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_utf8_helpers),
		cmocka_unit_test(test_strbuf),
	};
	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
