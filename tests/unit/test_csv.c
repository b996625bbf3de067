/*
 * test_csv.c - reading data files: CSV (quotes, doubled quotes, line
 * breaks in quotes, BOM, CRLF and CR, GBK, comments, blank records, tab
 * and semicolon delimiters, an unterminated quote) and .xlsx (a workbook
 * written here with libxlsxwriter: shared, inline and rich strings,
 * numbers, gaps, the first sheet only).
 */
#include "unit.h"
#include "monitor/csv.h"
#include "monitor/xlsx.h"
#include "util/strbuf.h"

#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void parse(struct pw_sheet *sh, const char *text)
{
	assert_int_equal(pw_csv_from_bytes(sh, "t.csv", text, strlen(text)), 0);
}

static void cell_eq(const struct pw_sheet *sh, size_t row, size_t col, const char *want)
{
	assert_true(row < sh->nrows);
	assert_string_equal(pw_sheet_cell(&sh->rows[row], col), want);
}

static void test_plain_and_quotes(void **state)
{
	struct pw_sheet sh;

	(void)state;
	parse(&sh, "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n,,last\n");
	assert_int_equal(sh.nrows, 3);
	cell_eq(&sh, 0, 2, "c");
	cell_eq(&sh, 1, 1, "x, y");
	cell_eq(&sh, 1, 2, "say \"hi\"");
	cell_eq(&sh, 2, 0, "");
	cell_eq(&sh, 2, 2, "last");
	cell_eq(&sh, 2, 7, ""); /* beyond the row */
	assert_int_equal(sh.rows[2].line, 3);
	pw_sheet_release(&sh);
}

static void test_bom_crlf_and_multiline(void **state)
{
	struct pw_sheet sh;

	(void)state;
	/* a line break inside quotes: the next record starts two lines on */
	parse(&sh, "\xEF\xBB\xBF年份,备注\r\n2023,\"第一行\r\n第二行\"\r\n2024,x\r\n");
	assert_int_equal(sh.nrows, 3);
	cell_eq(&sh, 0, 0, "年份"); /* no BOM left in the first cell */
	cell_eq(&sh, 1, 1, "第一行\n第二行");
	assert_int_equal(sh.rows[1].line, 2);
	assert_int_equal(sh.rows[2].line, 4);
	cell_eq(&sh, 2, 1, "x"); /* no CR left */
	pw_sheet_release(&sh);
}

static void test_cr_only(void **state)
{
	struct pw_sheet sh;

	(void)state;
	parse(&sh, "a,b\r1,2\r3,4");
	assert_int_equal(sh.nrows, 3);
	cell_eq(&sh, 2, 1, "4");
	assert_int_equal(sh.rows[2].line, 3);
	pw_sheet_release(&sh);
}

static void test_comments_and_blank_records(void **state)
{
	struct pw_sheet sh;

	(void)state;
	parse(&sh, "# 演示数据, \"unbalanced\n\n年份,值\n , \n2021,5\n#2022,6\n");
	assert_int_equal(sh.nrows, 2);
	cell_eq(&sh, 0, 0, "年份");
	cell_eq(&sh, 1, 1, "5");
	assert_int_equal(sh.rows[0].line, 3);
	assert_int_equal(sh.rows[1].line, 5);
	pw_sheet_release(&sh);
}

static void test_delimiters(void **state)
{
	struct pw_sheet sh;

	(void)state;
	parse(&sh, "a\tb\tc\n1,5\t2\t3\n");
	cell_eq(&sh, 1, 0, "1,5");
	cell_eq(&sh, 1, 2, "3");
	pw_sheet_release(&sh);
	parse(&sh, "a;b\n1,5;2\n");
	cell_eq(&sh, 1, 0, "1,5");
	cell_eq(&sh, 1, 1, "2");
	pw_sheet_release(&sh);
}

/* GBK bytes of utf8 (iconv). */
static void to_gbk(const char *utf8, struct strbuf *out)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	char buf[512], *in = (char *)utf8, *o = buf;
	size_t inl = strlen(utf8), outl = sizeof(buf);

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inl, &o, &outl) != (size_t)-1);
	iconv_close(cd);
	sb_add(out, buf, (size_t)(o - buf));
}

static void test_gbk(void **state)
{
	struct strbuf gbk = STRBUF_INIT;
	struct pw_sheet sh;

	(void)state;
	to_gbk("表,序号,指标名称,年份,数值\r\n表2,3,常住人口城镇化率,2023,81.9\r\n"
	       "表2,9,城镇登记失业率,2023,\"4,1\"\r\n", &gbk);
	assert_int_equal(pw_csv_from_bytes(&sh, "g.csv", gbk.buf, gbk.len), 0);
	assert_string_equal(sh.encoding, "GB18030");
	assert_int_equal(sh.nrows, 3);
	cell_eq(&sh, 0, 2, "指标名称");
	cell_eq(&sh, 1, 2, "常住人口城镇化率");
	cell_eq(&sh, 2, 4, "4,1");
	pw_sheet_release(&sh);
	sb_release(&gbk);
}

static void test_unterminated_quote(void **state)
{
	struct pw_sheet sh;
	const char *text = "a,b\n1,\"open\n2,3\n";

	(void)state;
	assert_int_equal(pw_csv_from_bytes(&sh, "u.csv", text, strlen(text)), -1);
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
}

static void test_field_writer(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	pw_csv_field(&sb, "plain");
	sb_addch(&sb, '|');
	pw_csv_field(&sb, "a,\"b\"");
	sb_addch(&sb, '|');
	pw_csv_field(&sb, NULL);
	assert_string_equal(sb.buf, "plain|\"a,\"\"b\"\"\"|");
	sb_release(&sb);
}

/* ------------------------------------------------------------------ */
/* xlsx                                                               */

static void xlsx_path(char *buf, size_t n, const char *tag)
{
	snprintf(buf, n, "%s/pw-csv-%s-%ld.xlsx", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		 tag, (long)getpid());
}

static void write_book(const char *path, int constant_memory)
{
	lxw_workbook_options o = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &o);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "数据");
	lxw_worksheet *other = workbook_add_worksheet(wb, "其他");
	lxw_format *bold = workbook_add_format(wb);
	lxw_rich_string_tuple a = { .format = bold, .string = "城镇" };
	lxw_rich_string_tuple b = { .format = NULL, .string = "登记失业率" };
	lxw_rich_string_tuple *rich[] = { &a, &b, NULL };

	format_set_bold(bold);
	worksheet_write_string(ws, 0, 0, "标题行", NULL);
	worksheet_write_string(ws, 2, 0, "指标名称", NULL);
	worksheet_write_string(ws, 2, 1, "年份", NULL);
	worksheet_write_string(ws, 2, 3, "填报值", NULL); /* C2 left empty */
	worksheet_write_string(ws, 3, 0, "常住人口城镇化率", NULL);
	worksheet_write_number(ws, 3, 1, 2023, NULL);
	worksheet_write_number(ws, 3, 3, 0.1 + 0.2, NULL);
	if (!constant_memory)
		worksheet_write_rich_string(ws, 4, 0, rich, NULL);
	worksheet_write_number(ws, 4, 3, -1234.5, NULL);
	worksheet_write_string(other, 0, 0, "不应读到", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void check_book(const char *path, int constant_memory)
{
	struct pw_sheet sh;

	assert_int_equal(pw_xlsx_read(&sh, path), 0);
	assert_int_equal(sh.nrows, 4); /* row 2 is absent from the file */
	assert_int_equal(sh.rows[0].line, 1);
	cell_eq(&sh, 0, 0, "标题行");
	assert_int_equal(sh.rows[1].line, 3);
	cell_eq(&sh, 1, 0, "指标名称");
	cell_eq(&sh, 1, 2, "");
	cell_eq(&sh, 1, 3, "填报值");
	cell_eq(&sh, 2, 1, "2023");
	cell_eq(&sh, 2, 3, "0.3"); /* 0.30000000000000004 tidied */
	cell_eq(&sh, 3, 0, constant_memory ? "" : "城镇登记失业率");
	cell_eq(&sh, 3, 3, "-1234.5");
	assert_int_equal(sh.rows[3].line, 5);
	pw_sheet_release(&sh);
}

static void test_xlsx_shared_strings(void **state)
{
	char path[256];

	(void)state;
	xlsx_path(path, sizeof(path), "shared");
	write_book(path, 0);
	check_book(path, 0);
	unlink(path);
}

static void test_xlsx_inline_strings(void **state)
{
	char path[256];

	(void)state;
	xlsx_path(path, sizeof(path), "inline"); /* constant_memory writes inline strings */
	write_book(path, 1);
	check_book(path, 1);
	unlink(path);
}

static void test_xlsx_not_a_workbook(void **state)
{
	struct pw_sheet sh;
	char path[256];
	FILE *f;

	(void)state;
	xlsx_path(path, sizeof(path), "bad");
	f = fopen(path, "w");
	fputs("年份,值\n", f);
	fclose(f);
	assert_int_equal(pw_xlsx_read(&sh, path), -1);
	pw_sheet_release(&sh);
	unlink(path);
	assert_int_equal(pw_xlsx_read(&sh, path), -1); /* missing */
	pw_sheet_release(&sh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quotes),
		cmocka_unit_test(test_bom_crlf_and_multiline),
		cmocka_unit_test(test_cr_only),
		cmocka_unit_test(test_comments_and_blank_records),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_gbk),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_field_writer),
		cmocka_unit_test(test_xlsx_shared_strings),
		cmocka_unit_test(test_xlsx_inline_strings),
		cmocka_unit_test(test_xlsx_not_a_workbook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
