/*
 * test_csv.c - reading data files: CSV (quotes, doubled quotes, line
 * breaks in quotes, BOM, CRLF and CR, GBK, comments, blank records, tab
 * and semicolon delimiters, an unterminated quote, the field and cell
 * caps) and .xlsx (a workbook written here with libxlsxwriter: shared,
 * inline and rich strings, numbers, gaps, the first sheet only; and
 * hostile workbooks built part by part with libzip: a DTD, deep nesting,
 * a zip bomb, a grid bomb, a missing shared string, odd number cells;
 * a shared string named by many cells, held once; the memory budget of
 * each reader; a NUL byte in a CSV).
 */
#include "unit.h"
#include "monitor/csv.h"
#include "monitor/xlsx.h"
#include "text/doc.h"
#include "util/budget.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

/* The last error contains want. */
static void error_has(const char *want)
{
	if (!strstr(pw_last_error(), want))
		fail_msg("last error '%s' lacks '%s'", pw_last_error(), want);
}

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
	/* reported at the line where the quote opens */
	error_has("unterminated quoted field");
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
}

/* n records of `fields` empty fields each (fields - 1 commas). */
static void commas(struct strbuf *sb, size_t n, size_t fields)
{
	size_t i;

	for (i = 0; i < n; i++) {
		sb_addch(sb, 'x');
		sb_grow(sb, fields);
		memset(sb->buf + sb->len, ',', fields - 1);
		sb_setlen(sb, sb->len + fields - 1);
		sb_addch(sb, '\n');
	}
}

static void test_csv_caps(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct pw_sheet sh;

	(void)state;
	/* 16384 fields are a spreadsheet's width: read */
	commas(&sb, 1, PW_SHEET_MAX_COLS);
	assert_int_equal(pw_csv_from_bytes(&sh, "w.csv", sb.buf, sb.len), 0);
	assert_int_equal(sh.rows[0].n, PW_SHEET_MAX_COLS);
	pw_sheet_release(&sh);
	/* one more is refused, naming the line */
	sb_reset(&sb);
	sb_addstr(&sb, "a,b\n");
	commas(&sb, 1, PW_SHEET_MAX_COLS + 1);
	assert_int_equal(pw_csv_from_bytes(&sh, "w.csv", sb.buf, sb.len), -1);
	error_has("a record with more than 16384 fields");
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
	/* 300 records of 15000 fields: 4.5 M cells from 4.5 MB, over the 4 Mi cap */
	sb_reset(&sb);
	commas(&sb, 300, 15000);
	assert_int_equal(pw_csv_from_bytes(&sh, "w.csv", sb.buf, sb.len), -1);
	error_has("cells in one file");
	pw_sheet_release(&sh);
	sb_release(&sb);
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
	error_has("not an xlsx workbook");
	pw_sheet_release(&sh);
	unlink(path);
	assert_int_equal(pw_xlsx_read(&sh, path), -1); /* missing */
	error_has("No such file or directory");
	pw_sheet_release(&sh);
	assert_int_equal(pw_xlsx_from_bytes(&sh, "m.xlsx", "PK\3\4garbage", 11), -1);
	error_has("cannot open 'm.xlsx': not an xlsx workbook");
	pw_sheet_release(&sh);
}

/* ------------------------------------------------------------------ */
/* Hostile workbooks, built part by part                               */

#define SHEET_HEAD "<worksheet xmlns=\"http://schemas.openxmlformats.org/" \
		   "spreadsheetml/2006/main\"><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

/* A zip of n parts {name, text} into out (libzip, in memory). */
static void zip_parts(const char *const parts[][2], size_t n, struct strbuf *out)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_stat_t st;
	zip_t *za;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (i = 0; i < n; i++)
		assert_true(zip_file_add(za, parts[i][0],
					 zip_source_buffer(za, parts[i][1], strlen(parts[i][1]), 0),
					 ZIP_FL_OVERWRITE) >= 0);
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	sb_reset(out);
	sb_grow(out, st.size);
	assert_int_equal(zip_source_read(src, out->buf, st.size), (zip_int64_t)st.size);
	sb_setlen(out, st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

/* Reads a workbook whose only part is the sheet `xml` (the reader falls
 * back to xl/worksheets/sheet1.xml without a workbook.xml). */
static int read_sheet_xml(struct pw_sheet *sh, const char *xml, const char *sst)
{
	const char *const parts[][2] = {
		{ "xl/worksheets/sheet1.xml", xml },
		{ "xl/sharedStrings.xml", sst ? sst : "<sst/>" },
	};
	struct strbuf zip = STRBUF_INIT;
	int rc;

	zip_parts(parts, 2, &zip);
	rc = pw_xlsx_from_bytes(sh, "h.xlsx", zip.buf, zip.len);
	sb_release(&zip);
	return rc;
}

static void test_xlsx_numbers_and_strings(void **state)
{
	struct pw_sheet sh;

	(void)state;
	assert_int_equal(read_sheet_xml(&sh, SHEET_HEAD
		"<row r=\"2\"><c r=\"A2\"><v>1E-05</v></c><c r=\"B2\"><v>1e20</v></c>"
		"<c r=\"C2\"><v>0x10</v></c><c r=\"D2\"><v>inf</v></c>"
		"<c r=\"E2\"><v>-0</v></c><c r=\"F2\" t=\"s\"><v>1</v></c>"
		"<c r=\"G2\" t=\"s\"/><c r=\"H2\"><v>-1.25E-7</v></c></row>" SHEET_TAIL,
		"<sst><si><t>甲</t></si><si><r><t>乙</t></r><r><t>丙</t></r>"
		"<rPh><t>yi</t></rPh></si></sst>"), 0);
	assert_int_equal(sh.nrows, 1);
	assert_int_equal(sh.rows[0].line, 2);
	/* numbers without exponent, 15 digits */
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 0), "0.00001");
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 1), "100000000000000000000");
	/* not decimal numbers: left as written, for validation to refuse */
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 2), "0x10");
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 3), "inf");
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 4), "0");
	/* rich text runs joined, the phonetic run dropped */
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 5), "乙丙");
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 6), "");
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 7), "-0.000000125");
	pw_sheet_release(&sh);
}

static void test_xlsx_missing_shared_string(void **state)
{
	struct pw_sheet sh;

	(void)state;
	/* index 5 of a table of one: an error naming the row, not an empty cell */
	assert_int_equal(read_sheet_xml(&sh, SHEET_HEAD "<row r=\"1\"><c t=\"s\"><v>0</v></c></row>"
		"<row r=\"7\"><c t=\"s\"><v>5</v></c></row>" SHEET_TAIL,
		"<sst><si><t>a</t></si></sst>"), -1);
	assert_string_equal(pw_last_error(),
			    "a cell names a shared string the workbook does not have");
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
	assert_int_equal(read_sheet_xml(&sh, SHEET_HEAD "<row><c t=\"s\"><v>-1</v></c></row>"
		SHEET_TAIL, NULL), -1);
	pw_sheet_release(&sh);
}

static void test_xlsx_dtd_refused(void **state)
{
	struct pw_sheet sh;

	(void)state;
	/* the billion laughs: refused at the DOCTYPE, nothing expanded */
	assert_int_equal(read_sheet_xml(&sh, "<?xml version=\"1.0\"?><!DOCTYPE lolz ["
		"<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
		SHEET_HEAD "<row><c t=\"inlineStr\"><is><t>&lol3;</t></is></c></row>" SHEET_TAIL,
		NULL), -1);
	error_has("refused at line 1: a DTD (Office Open XML parts have none)");
	pw_sheet_release(&sh);
}

static void test_xlsx_deep_nesting(void **state)
{
	struct strbuf xml = STRBUF_INIT;
	struct pw_sheet sh;
	int i;

	(void)state;
	sb_addstr(&xml, SHEET_HEAD "<row><c><v>1</v></c></row>");
	for (i = 0; i < 100; i++)
		sb_addstr(&xml, "<x>");
	for (i = 0; i < 100; i++)
		sb_addstr(&xml, "</x>");
	sb_addstr(&xml, SHEET_TAIL);
	assert_int_equal(read_sheet_xml(&sh, xml.buf, NULL), -1);
	error_has("elements nested too deep");
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
	sb_release(&xml);
}

static void test_xlsx_zip_bomb(void **state)
{
	struct strbuf xml = STRBUF_INIT, zip = STRBUF_INIT;
	struct pw_sheet sh;
	size_t pad = ((size_t)64 << 20) + 1; /* one byte over the 64 MiB part cap */
	const char *parts[1][2] = { { "xl/worksheets/sheet1.xml", NULL } };

	(void)state;
	sb_addstr(&xml, SHEET_HEAD);
	sb_grow(&xml, pad);
	memset(xml.buf + xml.len, ' ', pad);
	sb_setlen(&xml, xml.len + pad);
	sb_addstr(&xml, SHEET_TAIL);
	parts[0][1] = xml.buf;
	zip_parts(parts, 1, &zip);
	sb_release(&xml);
	assert_true(zip.len < (1 << 20)); /* blanks deflate a thousandfold */
	assert_int_equal(pw_xlsx_from_bytes(&sh, "bomb.xlsx", zip.buf, zip.len), -1);
	error_has("part 'xl/worksheets/sheet1.xml' is too large");
	pw_sheet_release(&sh);
	sb_release(&zip);
}

static void test_xlsx_grid_bomb(void **state)
{
	struct strbuf xml = STRBUF_INIT;
	struct pw_sheet sh;
	int i;

	(void)state;
	/* one cell in the last column of 300 rows: 300 x 16384 = 4.9 M cells
	 * of grid from 8 KB of XML, over the 4 Mi cap */
	sb_addstr(&xml, SHEET_HEAD);
	for (i = 1; i <= 300; i++)
		sb_addf(&xml, "<row r=\"%d\"><c r=\"XFD%d\"><v>1</v></c></row>", i, i);
	sb_addstr(&xml, SHEET_TAIL);
	assert_int_equal(read_sheet_xml(&sh, xml.buf, NULL), -1);
	error_has("more cells or strings than planwatch reads from one workbook");
	pw_sheet_release(&sh);
	/* one column more than a spreadsheet has */
	sb_reset(&xml);
	sb_addstr(&xml, SHEET_HEAD "<row><c r=\"XFE1\"><v>1</v></c></row>" SHEET_TAIL);
	assert_int_equal(read_sheet_xml(&sh, xml.buf, NULL), -1);
	error_has("more columns than a spreadsheet can have");
	pw_sheet_release(&sh);
	sb_release(&xml);
}

static void test_xlsx_shared_string_held_once(void **state)
{
	struct strbuf xml = STRBUF_INIT, sst = STRBUF_INIT;
	size_t big = 32000, i, j;
	struct pw_sheet sh;

	(void)state;
	/* a 32000-byte string in 20000 cells: 640 MB if each cell had a copy
	 * (over the budget), 32 KB when the cells share it */
	sb_addstr(&sst, "<sst><si><t>");
	sb_grow(&sst, big);
	memset(sst.buf + sst.len, 'A', big);
	sb_setlen(&sst, sst.len + big);
	sb_addstr(&sst, "</t></si><si><t>b</t></si></sst>");
	sb_addstr(&xml, SHEET_HEAD);
	for (i = 1; i <= 2000; i++) {
		sb_addf(&xml, "<row r=\"%zu\">", i);
		for (j = 0; j < 10; j++)
			sb_addstr(&xml, "<c t=\"s\"><v>0</v></c>");
		sb_addstr(&xml, "<c t=\"s\"><v>1</v></c></row>");
	}
	sb_addstr(&xml, SHEET_TAIL);
	assert_int_equal(read_sheet_xml(&sh, xml.buf, sst.buf), 0);
	assert_int_equal(sh.nrows, 2000);
	assert_int_equal(strlen(pw_sheet_cell(&sh.rows[0], 0)), big);
	assert_string_equal(pw_sheet_cell(&sh.rows[1999], 10), "b");
	for (i = 0; i < 2000; i++)
		for (j = 0; j < 10; j++)
			assert_ptr_equal(sh.rows[i].cells[j], sh.rows[0].cells[0]);
	/* a cell set again over a shared one */
	pw_sheet_set(&sh.rows[0], 0, "x", 1);
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 0), "x");
	assert_int_equal(strlen(pw_sheet_cell(&sh.rows[1], 0)), big);
	pw_sheet_release(&sh);
	/* a duplicate reference: shared, copied, shared again */
	assert_int_equal(read_sheet_xml(&sh, SHEET_HEAD "<row><c r=\"A1\" t=\"s\"><v>0</v></c>"
		"<c r=\"A1\"><v>2</v></c><c r=\"A1\" t=\"s\"><v>0</v></c></row>" SHEET_TAIL,
		"<sst><si><t>a</t></si></sst>"), 0);
	assert_string_equal(pw_sheet_cell(&sh.rows[0], 0), "a");
	pw_sheet_release(&sh);
	/* a string longer than a spreadsheet cell is refused */
	sb_reset(&sst);
	sb_addstr(&sst, "<sst><si><t>");
	for (i = 0; i < 32768; i++)
		sb_addstr(&sst, "字");
	sb_addstr(&sst, "</t></si></sst>");
	assert_int_equal(read_sheet_xml(&sh, SHEET_HEAD "<row><c t=\"s\"><v>0</v></c></row>" SHEET_TAIL,
				   sst.buf), -1);
	error_has("a cell longer than 32767 characters");
	pw_sheet_release(&sh);
	sb_release(&xml);
	sb_release(&sst);
}

/* The readers stop at the memory limit, set low here: each names the file
 * and the limit. */
static void test_read_budget(void **state)
{
	struct strbuf in = STRBUF_INIT;
	struct pw_sheet sh;
	struct pw_doc d;
	int i;

	(void)state;
	pw_set_read_limit((size_t)1 << 20);
	/* CSV: 40000 records of a 40-byte cell, 2.5 MiB of cells */
	for (i = 0; i < 40000; i++)
		sb_addf(&in, "%039d\n", i);
	assert_int_equal(pw_csv_from_bytes(&sh, "b.csv", in.buf, in.len), -1);
	assert_string_equal(pw_last_error(),
			    "b.csv: exceeds the memory limit of 1 MiB for reading one file");
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
	/* a plan text of 200000 empty lines: a 4.8 MB line table */
	sb_reset(&in);
	for (i = 0; i < 200000; i++)
		sb_addch(&in, '\n');
	assert_int_equal(pw_doc_from_bytes(&d, "n.txt", in.buf, in.len), -1);
	assert_string_equal(pw_last_error(),
			    "n.txt: exceeds the memory limit of 1 MiB for reading one file");
	/* ... which, as a CSV, is read without a row (blank lines cost none) */
	assert_int_equal(pw_csv_from_bytes(&sh, "n.csv", in.buf, in.len), 0);
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
	/* xlsx: 20000 inline strings of 40 bytes */
	sb_reset(&in);
	sb_addstr(&in, SHEET_HEAD);
	for (i = 0; i < 20000; i++)
		sb_addf(&in, "<row><c t=\"inlineStr\"><is><t>%039d</t></is></c></row>", i);
	sb_addstr(&in, SHEET_TAIL);
	assert_int_equal(read_sheet_xml(&sh, in.buf, NULL), -1);
	assert_string_equal(pw_last_error(),
			    "h.xlsx: exceeds the memory limit of 1 MiB for reading one file");
	assert_int_equal(sh.nrows, 0);
	pw_sheet_release(&sh);
	pw_set_read_limit(0);
	assert_int_equal(read_sheet_xml(&sh, in.buf, NULL), 0); /* the default holds it */
	assert_int_equal(sh.nrows, 20000);
	pw_sheet_release(&sh);
	sb_release(&in);
}

static void test_csv_nul_byte(void **state)
{
	struct pw_sheet sh;

	(void)state;
	assert_int_equal(pw_csv_from_bytes(&sh, "z.csv", "a,b\n1,2\n3,\0" "4\n", 11), -1);
	assert_string_equal(pw_last_error(), "a NUL byte: a binary file, not CSV text");
	pw_sheet_release(&sh);
	/* past the first 64 KiB too, and in UTF-16 (U+0000) */
	{
		struct strbuf in = STRBUF_INIT;
		int i;

		for (i = 0; i < 10000; i++)
			sb_addstr(&in, "2023,81.5\n");
		sb_add(&in, "x\0", 2);
		assert_int_equal(pw_csv_from_bytes(&sh, "z.csv", in.buf, in.len), -1);
		error_has("NUL byte");
		pw_sheet_release(&sh);
		sb_release(&in);
	}
	assert_int_equal(pw_csv_from_bytes(&sh, "u.csv", "\xFF\xFE" "a\0,\0\0\0", 8), -1);
	error_has("NUL byte");
	pw_sheet_release(&sh);
}

static void test_xlsx_missing_parts(void **state)
{
	const char *const only_workbook[][2] = {
		{ "xl/workbook.xml", "<workbook><sheets><sheet name=\"a\" r:id=\"rId1\" "
				     "xmlns:r=\"r\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" "
						"Target=\"worksheets/data.xml\"/></Relationships>" },
	};
	struct strbuf zip = STRBUF_INIT;
	struct pw_sheet sh;

	(void)state;
	zip_parts(only_workbook, 2, &zip);
	assert_int_equal(pw_xlsx_from_bytes(&sh, "p.xlsx", zip.buf, zip.len), -1);
	assert_string_equal(pw_last_error(),
			    "p.xlsx: the workbook has no worksheet 'xl/worksheets/data.xml'");
	pw_sheet_release(&sh);
	/* bad XML in the sheet: the line is named */
	assert_int_equal(read_sheet_xml(&sh, SHEET_HEAD "\n<row><c>" SHEET_TAIL, NULL), -1);
	error_has("broken XML at line 2");
	pw_sheet_release(&sh);
	sb_release(&zip);
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
		cmocka_unit_test(test_csv_caps),
		cmocka_unit_test(test_xlsx_numbers_and_strings),
		cmocka_unit_test(test_xlsx_missing_shared_string),
		cmocka_unit_test(test_xlsx_dtd_refused),
		cmocka_unit_test(test_xlsx_deep_nesting),
		cmocka_unit_test(test_xlsx_zip_bomb),
		cmocka_unit_test(test_xlsx_grid_bomb),
		cmocka_unit_test(test_xlsx_missing_parts),
		cmocka_unit_test(test_xlsx_shared_string_held_once),
		cmocka_unit_test(test_read_budget),
		cmocka_unit_test(test_csv_nul_byte),
	};

	pw_error_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
