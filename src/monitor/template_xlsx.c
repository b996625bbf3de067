/*
 * template_xlsx.c - the fill-in workbook (template.h) with libxlsxwriter:
 * a title and a hint above a frozen header; hidden id columns; the cells
 * to fill (填报值, 预计, 来源, 备注) unlocked and coloured, the rest locked by
 * sheet protection (no password: it guards against slips, not people); a
 * number-only data validation on 填报值; a second sheet explains the
 * columns.  data import reads the first sheet back.
 */
#include "monitor/template.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <xlsxwriter.h>

enum { C_IND, C_TGT, C_TABLE, C_NO, C_NAME, C_UNIT, C_ATTR, C_BASE, C_TARGET, C_LAST,
       C_LAST_YEAR, C_YEAR, C_VALUE, C_EST, C_SOURCE, C_NOTE, NCOLS };

static const struct column {
	const char *heading;
	double width;
} columns[NCOLS] = {
	{ "indicator_id", 8 }, { "target_id", 8 }, { "表", 6 }, { "序号", 6 },
	{ "指标名称", 34 }, { "单位", 9 }, { "属性", 8 }, { "基数", 14 }, { "目标", 22 },
	{ "上年值", 11 }, { "上年年份", 9 }, { "年份", 7 }, { "填报值", 13 }, { "预计", 6 },
	{ "来源", 20 }, { "备注", 24 },
};

#define HEADER_ROW 2 /* 0-based: title, hint, header */

struct formats {
	lxw_format *title, *hint, *header, *text, *num, *fill, *fill_text;
};

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->hint = workbook_add_format(wb);
	format_set_font_color(f->hint, 0x595959);
	f->header = workbook_add_format(wb);
	format_set_bold(f->header);
	format_set_bg_color(f->header, 0xD9E1F2);
	format_set_border(f->header, LXW_BORDER_THIN);
	format_set_text_wrap(f->header);
	format_set_align(f->header, LXW_ALIGN_CENTER);
	f->text = workbook_add_format(wb);
	format_set_border(f->text, LXW_BORDER_THIN);
	f->num = workbook_add_format(wb);
	format_set_border(f->num, LXW_BORDER_THIN);
	format_set_num_format(f->num, "General");
	f->fill = workbook_add_format(wb);
	format_set_bg_color(f->fill, 0xFFF2CC);
	format_set_border(f->fill, LXW_BORDER_THIN);
	format_set_unlocked(f->fill);
	f->fill_text = workbook_add_format(wb);
	format_set_bg_color(f->fill_text, 0xE2EFDA);
	format_set_border(f->fill_text, LXW_BORDER_THIN);
	format_set_unlocked(f->fill_text);
}

static void write_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
		      lxw_format *f)
{
	if (s && *s)
		worksheet_write_string(ws, r, c, s, f);
	else
		worksheet_write_blank(ws, r, c, f);
}

static void write_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, bool has, double v,
		      lxw_format *f)
{
	if (has)
		worksheet_write_number(ws, r, c, v, f);
	else
		worksheet_write_blank(ws, r, c, f);
}

static void write_row(lxw_worksheet *ws, lxw_row_t r, const struct pw_template_row *row,
		      int year, const struct formats *f)
{
	struct strbuf tab = STRBUF_INIT;

	write_num(ws, r, C_IND, row->entity == PW_ENTITY_INDICATOR, (double)row->id, f->num);
	write_num(ws, r, C_TGT, row->entity == PW_ENTITY_TARGET, (double)row->id, f->num);
	if (row->table_no)
		sb_addf(&tab, "表%d", row->table_no);
	write_str(ws, r, C_TABLE, tab.buf, f->text);
	write_str(ws, r, C_NO, row->no, f->text);
	write_str(ws, r, C_NAME, row->name, f->text);
	write_str(ws, r, C_UNIT, row->unit, f->text);
	write_str(ws, r, C_ATTR, row->attribute, f->text);
	write_str(ws, r, C_BASE, row->baseline, f->text);
	write_str(ws, r, C_TARGET, row->target, f->text);
	write_num(ws, r, C_LAST, row->has_last, row->last, f->num);
	write_num(ws, r, C_LAST_YEAR, row->has_last, row->last_year, f->num);
	write_num(ws, r, C_YEAR, true, year, f->num);
	write_num(ws, r, C_VALUE, row->has_value, row->value, f->fill);
	write_str(ws, r, C_EST, NULL, f->fill_text);
	write_str(ws, r, C_SOURCE, NULL, f->fill_text);
	write_str(ws, r, C_NOTE, NULL, f->fill_text);
	sb_release(&tab);
}

static void write_layout(lxw_worksheet *ws, const struct pw_template *t,
			 const struct formats *f)
{
	lxw_row_col_options hidden = { .hidden = 1 };
	struct strbuf title = STRBUF_INIT;
	lxw_col_t c;

	sb_addf(&title, "%s %d年规划指标监测数据填报表", t->unit, t->year);
	worksheet_write_string(ws, 0, 0, title.buf, f->title);
	worksheet_write_string(ws, 1, 0, "请在黄色单元格填写本年数值（只填数字，单位见“单位”列），"
			       "绿色单元格填写预计（是/否）、来源和备注；请勿增删列或修改其他单元格。",
			       f->hint);
	for (c = 0; c < NCOLS; c++) {
		worksheet_write_string(ws, HEADER_ROW, c, columns[c].heading, f->header);
		worksheet_set_column_opt(ws, c, c, columns[c].width, NULL,
					 c <= C_TGT ? &hidden : NULL);
	}
	worksheet_freeze_panes(ws, HEADER_ROW + 1, C_UNIT);
	sb_release(&title);
}

static void add_validation(lxw_worksheet *ws, size_t nrows)
{
	lxw_data_validation v = {
		.validate = LXW_VALIDATION_TYPE_DECIMAL,
		.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
		.minimum_number = -1e15, .maximum_number = 1e15,
		.input_title = "填报值", .input_message = "请填写数字，单位见“单位”列",
		.error_title = "不是数字", .error_message = "填报值只能是数字",
	};
	lxw_data_validation est = {
		.validate = LXW_VALIDATION_TYPE_LIST,
		.value_list = (char *[]){ "是", "否", NULL },
	};

	if (!nrows)
		return;
	worksheet_data_validation_range(ws, HEADER_ROW + 1, C_VALUE,
					(lxw_row_t)(HEADER_ROW + nrows), C_VALUE, &v);
	worksheet_data_validation_range(ws, HEADER_ROW + 1, C_EST,
					(lxw_row_t)(HEADER_ROW + nrows), C_EST, &est);
}

static void protect(lxw_worksheet *ws)
{
	lxw_protection p = { .format_columns = 1, .format_rows = 1, .sort = 1, .autofilter = 1 };

	worksheet_protect(ws, NULL, &p);
}

static void write_help(lxw_workbook *wb, const struct formats *f)
{
	static const char *const lines[] = {
		"填报说明",
		"1. 本表由 planwatch 生成，每行一个由本单位牵头的指标或目标。",
		"2. 只需填写“填报值”（黄色），可选填“预计”“来源”“备注”（绿色）。",
		"3. 填报值须为数字，单位与“单位”列一致；万元/亿元等可换算单位请在备注中注明或直接按本表单位填写。",
		"4. 年份须在规划期内（基期年份亦可）；与上年相差过大的数值会被提示核实。",
		"5. 填好后交回规划办，用 planwatch data import 文件名.xlsx 导入；有错误时整表不导入，并指出行号和原因。",
		"6. 隐藏的 indicator_id/target_id 列用于识别指标，请勿修改。",
	};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "说明");
	size_t i;

	worksheet_set_column(ws, 0, 0, 100, NULL);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		worksheet_write_string(ws, (lxw_row_t)i, 0, lines[i], i ? NULL : f->title);
}

int pw_template_write_xlsx(const struct pw_template *t, const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws;
	lxw_error err;
	struct formats f;
	size_t i;

	if (!wb)
		return pw_error("cannot write '%s'", path);
	ws = workbook_add_worksheet(wb, "填报");
	make_formats(wb, &f);
	write_layout(ws, t, &f);
	for (i = 0; i < t->nrows; i++)
		write_row(ws, (lxw_row_t)(HEADER_ROW + 1 + i), &t->rows[i], t->year, &f);
	add_validation(ws, t->nrows);
	protect(ws);
	write_help(wb, &f);
	err = workbook_close(wb);
	if (err != LXW_NO_ERROR)
		return pw_error("cannot write '%s': %s", path, lxw_strerror(err));
	return 0;
}
