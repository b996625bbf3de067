/*
 * test_office.c - the document readers' own parts: the format told from
 * the bytes, the table grid with merged cells, the web page reader, the
 * PDF layout text with its columns recovered from positions, and a Word
 * document built here with numbering, merged cells and a footnote.
 */
#include "unit.h"
#include "text/office.h"
#include "text/office_int.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

static void test_sniff(void **state)
{
	(void)state;
	assert_int_equal(pw_format_sniff("a.txt", "PK\x03\x04junk", 8), PW_FMT_ZIP);
	assert_int_equal(pw_format_sniff("a.txt", "%PDF-1.4\n", 9), PW_FMT_PDF);
	assert_int_equal(pw_format_sniff("a.txt", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1..", 10),
			 PW_FMT_LEGACY);
	assert_int_equal(pw_format_sniff("a.txt", " <!DOCTYPE html><p>x", 20), PW_FMT_HTML);
	assert_int_equal(pw_format_sniff("a.htm", "<p>x</p>", 8), PW_FMT_HTML);
	/* a plan text with stray tags stays text */
	assert_int_equal(pw_format_sniff("plan.txt", "<ol start=\"2\">\n第一章 总则\n", 30),
			 PW_FMT_TEXT);
}

/* A grid with a colspan header, a rowspan group and a repeated header. */
static void test_grid(void **state)
{
	struct strbuf out = STRBUF_INIT;
	struct pw_grid g;
	size_t budget = 100;

	(void)state;
	pw_grid_init(&g, &budget);
	pw_grid_row(&g, true);
	pw_grid_cell(&g, "序号", 1, 1, false);
	pw_grid_cell(&g, "指标\n名称", 2, 1, false);
	pw_grid_cell(&g, "目标", 1, 1, false);
	pw_grid_row(&g, false);
	pw_grid_cell(&g, "14", 1, 2, false);
	pw_grid_cell(&g, "主要污染物", 1, 2, false);
	pw_grid_cell(&g, "二氧化硫", 1, 1, false);
	pw_grid_cell(&g, "按下达目标确定", 1, 2, false);
	pw_grid_row(&g, false);
	pw_grid_cell(&g, "氨氮", 1, 1, false);
	pw_grid_row(&g, false); /* the header again, after a page break */
	pw_grid_cell(&g, "序号", 1, 1, false);
	pw_grid_cell(&g, "指标 名称", 2, 1, false);
	pw_grid_cell(&g, "目标", 1, 1, false);
	pw_grid_emit(&g, &out);
	assert_string_equal(out.buf, "序号\t指标 名称\t\t目标\n"
				     "14\t主要污染物\t二氧化硫\t按下达目标确定\n"
				     "\t\t氨氮\t\n");
	pw_grid_release(&g);
	/* one column: a box, one line per paragraph */
	sb_reset(&out);
	pw_grid_init(&g, &budget);
	pw_grid_cell(&g, "专栏1 工程\n1. 金融服务。\n2. 现代物流。", 1, 1, false);
	pw_grid_emit(&g, &out);
	assert_string_equal(out.buf, "专栏1 工程\n1. 金融服务。\n2. 现代物流。\n");
	pw_grid_release(&g);
	/* the cell budget */
	budget = 3;
	pw_grid_init(&g, &budget);
	assert_int_equal(pw_grid_cell(&g, "x", 2, 2, false), -1);
	pw_grid_release(&g);
	sb_release(&out);
}

static void test_html(void **state)
{
	static const char page[] =
		"<html><head><title>t</title><script>var a='到2025年达到99家';</script></head>"
		"<body><nav>首页 到2025年99家</nav><h1>第一章 总则</h1>"
		"<p>到2025年，企业超过<b>10</b>家。</p>"
		"<table><tr><th>序号</th><th colspan=2>指标名称</th></tr>"
		"<tr><td rowspan=2>9</td><td rowspan=2>城镇就业</td><td>新增</td></tr>"
		"<tr><td>失业率</td></tr></table>"
		"<div class=\"footer-menu\">版权</div></body></html>";
	/* 规划 in GBK, no charset declared */
	static const char gbk[] = "<html><body><p>\xB9\xE6\xBB\xAE</p></body></html>";
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(pw_html_text("t.html", page, sizeof(page) - 1, &out), 0);
	assert_string_equal(out.buf, "第一章 总则\n到2025年，企业超过10家。\n"
				     "序号\t指标名称\t\n9\t城镇就业\t新增\n\t\t失业率\n");
	sb_reset(&out);
	assert_int_equal(pw_html_text("g.html", gbk, sizeof(gbk) - 1, &out), 0);
	assert_string_equal(out.buf, "规划\n");
	sb_release(&out);
}

static void test_pdf_layout(void **state)
{
	static const char layout[] =
		"表 1 主要指标\n"
		"\n"
		"序号     指标名称              2020 年    2025 年    属性\n"
		"                         基数        目标\n"
		"一、经济发展\n"
		"1      地区生产总值            100       150       预期\n"
		"       增长 (%)                                性\n"
		"2      单位 GDP 能耗         2.5       3         约束性\n"
		"\n"
		"到2025年，企业超过10家。\n";
	struct strbuf out = STRBUF_INIT;

	(void)state;
	pw_error_quiet(1);
	assert_int_equal(pw_pdf_layout_text("x.pdf", " \f \n\f\n", 5, &out), -1);
	assert_non_null(strstr(pw_last_error(), "no text layer"));
	pw_error_quiet(0);
	{
		/* a lone short line at the end of a buffer with no NUL after it
		 * (found by fuzz_pdf: the category test read past it) */
		static const char t[] = "a  b  c\na  b  c\na  b  c\n\xE4";
		char *tail = malloc(sizeof(t) - 1);

		memcpy(tail, t, sizeof(t) - 1);
		assert_int_equal(pw_pdf_layout_text("x.pdf", tail, sizeof(t) - 1, &out), 0);
		free(tail);
	}
	assert_int_equal(pw_pdf_layout_text("x.pdf", layout, sizeof(layout) - 1, &out), 0);
	assert_string_equal(out.buf, "表 1 主要指标\n\n"
				     "序号\t指标名称\t2020 年基数\t2025 年目标\t属性\n"
				     "一、经济发展\t\t\t\t\n"
				     "1\t地区生产总值增长 (%)\t100\t150\t预期性\n"
				     "2\t单位GDP能耗\t2.5\t3\t约束性\n"
				     "\n到2025年，企业超过10家。\n");
	sb_release(&out);
}

/* A table that runs onto the next page, where the PDF repeats its
 * header (at other positions: columns are placed per page) and the rest
 * of a cell the page end cut comes first; and the blanks pdftotext puts
 * where digits meet Chinese inside a name. */
static void test_pdf_pages(void **state)
{
	static const char layout[] =
		"序号     指标名称                   2020 年    2025 年      属性\n"
		"                              基数        目标\n"
		"1      地区生产总值(亿元)             100       150         预期性\n"
		"2      每千人口拥有 3 岁以下           2         4.5 以上      预期性\n"
		"       婴幼儿托位数(个)\n"
		"3      森林覆盖率(%)               30        按市定目        约束性\n"
		"\f序号     指标名称                 2020 年   2025 年     属性\n"
		"                            基数       目标\n"
		"                                     标执行\n"
		"4      人均预期寿命(岁)            78       79         预期性\n"
		"\n"
		"到2025年，企业超过10家。\n";
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(pw_pdf_layout_text("x.pdf", layout, sizeof(layout) - 1, &out), 0);
	assert_string_equal(out.buf, "序号\t指标名称\t2020 年基数\t2025 年目标\t属性\n"
				     "1\t地区生产总值(亿元)\t100\t150\t预期性\n"
				     "2\t每千人口拥有3岁以下婴幼儿托位数(个)\t2\t4.5 以上\t预期性\n"
				     "3\t森林覆盖率(%)\t30\t按市定目标执行\t约束性\n"
				     "4\t人均预期寿命(岁)\t78\t79\t预期性\n"
				     "\n到2025年，企业超过10家。\n");
	sb_release(&out);
}

/* Adds a part to an in-memory zip. */
static void add_part(zip_t *za, const char *name, const char *text)
{
	zip_source_t *s = zip_source_buffer(za, text, strlen(text), 0);

	assert_non_null(s);
	assert_true(zip_file_add(za, name, s, ZIP_FL_OVERWRITE) >= 0);
}

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* A .docx built here: numbered headings, a table with gridSpan and
 * vMerge, a footnote, deleted text and a text box's fallback left out. */
static void test_docx(void **state)
{
	static const char doc[] =
		"<w:document " W "><w:body>"
		"<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>总则</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>到2025年</w:t></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>"
		"<w:r><w:t>，企业超过10家。</w:t><w:footnoteReference w:id=\"2\"/></w:r></w:p>"
		"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>"
		"<w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>指标</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>名称</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>9</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>城镇就业</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p><w:r><w:t>新增</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
		"<w:tc><w:p><w:r><w:t>失业率</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
		"<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>目标</w:t></w:r></w:p>"
		"</w:body></w:document>";
	static const char styles[] =
		"<w:styles " W "><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/>"
		"<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style></w:styles>";
	static const char numbering[] =
		"<w:numbering " W "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
		"<w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"第%1章\"/>"
		"</w:lvl></w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>"
		"</w:numbering>";
	static const char notes[] =
		"<w:footnotes " W "><w:footnote w:type=\"separator\" w:id=\"0\"><w:p/></w:footnote>"
		"<w:footnote w:id=\"2\"><w:p><w:r><w:t>带*的为2019年数据</w:t></w:r></w:p></w:footnote>"
		"</w:footnotes>";
	struct strbuf out = STRBUF_INIT;
	zip_source_t *src;
	zip_error_t err;
	zip_t *za;
	zip_stat_t st;
	char *bytes;

	(void)state;
	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	add_part(za, "word/document.xml", doc);
	add_part(za, "word/styles.xml", styles);
	add_part(za, "word/numbering.xml", numbering);
	add_part(za, "word/footnotes.xml", notes);
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	bytes = malloc(st.size);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_read(src, bytes, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);

	assert_int_equal(pw_format_sniff("x.txt", bytes, st.size), PW_FMT_DOCX);
	assert_int_equal(pw_docx_text("x.docx", bytes, st.size, &out), 0);
	assert_string_equal(out.buf, "第一章 总则\n到2025年，企业超过10家。\n注：带*的为2019年数据\n"
				     "序号\t指标 名称\t\n9\t城镇就业\t新增\n\t\t失业率\n"
				     "第二章 目标\n");
	free(bytes);
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_pdf_layout),
		cmocka_unit_test(test_pdf_pages),
		cmocka_unit_test(test_docx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
