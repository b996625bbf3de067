/*
 * template_xlsx.c - the fill-in workbook (template.h) with libxlsxwriter:
 * a title and a hint above a frozen header; hidden id columns; the cells
 * to fill (填报值, 预计, 来源, 备注) unlocked and coloured, the rest locked by
 * sheet protection (no password: it guards against slips, not people); a
 * number-only data validation on 填报值; the 专栏 projects the unit
 * leads in a section below, under their own header; a second sheet
 * explains the columns.  data import reads the first sheet back.  Every write is
 * checked: text goes in as strings only (never as formulas), a text
 * longer than a cell holds is cut with a warning, and any other error is
 * reported with its row and column, leaving no file.
 */
#include "monitor/batch.h"
#include "monitor/template.h"
#include "util/error.h"
#include "util/outfile.h"
#include "util/strbuf.h"

#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "util/nelem.h"

enum { C_IND, C_TGT, C_TABLE, C_NO, C_NAME, C_UNIT, C_ATTR, C_BASE, C_TARGET, C_LAST,
       C_LAST_YEAR, C_YEAR, C_VALUE, C_EST, C_SOURCE, C_NOTE, C_ENTERED, NCOLS };

static const struct column {
	const char *heading;
	double width;
} columns[NCOLS] = {
	{ "indicator_id", 8 }, { "target_id", 8 }, { "表", 6 }, { "序号", 6 },
	{ "指标名称", 34 }, { "单位", 9 }, { "属性", 8 }, { "基数", 14 }, { "目标", 22 },
	{ "上年值", 11 }, { "上年年份", 9 }, { "年份", 7 }, { "填报值", 13 }, { "预计", 6 },
	{ "来源", 20 }, { "备注", 24 }, { "填报口径", 30 },
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
	format_set_text_wrap(f->hint);
	format_set_align(f->hint, LXW_ALIGN_VERTICAL_TOP);
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

/* The sheet being written and the first error met. */
struct out {
	const char *path;
	lxw_worksheet *ws;
	lxw_error err;
	lxw_row_t row;
	lxw_col_t col;
};

static void check(struct out *o, lxw_error e, lxw_row_t r, lxw_col_t c)
{
	if (e != LXW_NO_ERROR && o->err == LXW_NO_ERROR) {
		o->err = e;
		o->row = r;
		o->col = c;
	}
}

/* What messages call cell (r, c) of the sheet. */
static const char *cell_name(lxw_row_t r, lxw_col_t c)
{
	return r > HEADER_ROW && c < NCOLS ? columns[c].heading : "title";
}

/* The byte length of the first n characters of s (UTF-8), or of s. */
static size_t utf8_prefix(const char *s, size_t n)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n-- == 0)
			break;
	return i;
}

/* s as a cell holds it: cut to PW_BATCH_CELL_MAX characters, ending with
 * PW_BATCH_CUT_MARK, when longer (with a warning); into cut, returns the
 * text to write. */
static const char *fit(const struct out *o, lxw_row_t r, lxw_col_t c, const char *s,
		       struct strbuf *cut)
{
	size_t keep = PW_BATCH_CELL_MAX - 6; /* the mark is 6 characters */

	if (!s[utf8_prefix(s, PW_BATCH_CELL_MAX)])
		return s;
	sb_add(cut, s, utf8_prefix(s, keep));
	sb_addstr(cut, PW_BATCH_CUT_MARK);
	pw_warning("'%s': row %u, %s: a text longer than %d characters is cut", o->path,
		   (unsigned)r + 1, cell_name(r, c), PW_BATCH_CELL_MAX);
	return cut->buf;
}

static void write_str(struct out *o, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	struct strbuf cut = STRBUF_INIT;

	if (s && *s)
		check(o, worksheet_write_string(o->ws, r, c, fit(o, r, c, s, &cut), f), r, c);
	else
		check(o, worksheet_write_blank(o->ws, r, c, f), r, c);
	sb_release(&cut);
}

static void write_num(struct out *o, lxw_row_t r, lxw_col_t c, bool has, double v,
		      lxw_format *f)
{
	if (has)
		check(o, worksheet_write_number(o->ws, r, c, v, f), r, c);
	else
		check(o, worksheet_write_blank(o->ws, r, c, f), r, c);
}

static void write_row(struct out *o, lxw_row_t r, const struct pw_template_row *row, int year,
		      const struct formats *f)
{
	struct strbuf tab = STRBUF_INIT;

	write_num(o, r, C_IND, row->entity == PW_ENTITY_INDICATOR, (double)row->id, f->num);
	write_num(o, r, C_TGT, row->entity == PW_ENTITY_TARGET, (double)row->id, f->num);
	if (row->table_no)
		sb_addf(&tab, "表%d", row->table_no);
	write_str(o, r, C_TABLE, tab.buf, f->text);
	write_str(o, r, C_NO, row->no, f->text);
	write_str(o, r, C_NAME, row->name, f->text);
	write_str(o, r, C_UNIT, row->unit, f->text);
	write_str(o, r, C_ATTR, row->attribute, f->text);
	write_str(o, r, C_BASE, row->baseline, f->text);
	write_str(o, r, C_TARGET, row->target, f->text);
	write_num(o, r, C_LAST, row->has_last, row->last, f->num);
	write_num(o, r, C_LAST_YEAR, row->has_last, row->last_year, f->num);
	write_num(o, r, C_YEAR, true, row->year ? row->year : year, f->num);
	write_num(o, r, C_VALUE, row->has_value, row->value, f->fill);
	write_str(o, r, C_EST, row->has_value && row->estimated ? "是" : NULL, f->fill_text);
	write_str(o, r, C_SOURCE, row->source, f->fill_text);
	write_str(o, r, C_NOTE, row->note, f->fill_text);
	write_str(o, r, C_ENTERED, row->entered, f->text);
	sb_release(&tab);
}

static void write_layout(struct out *o, const struct pw_template *t, const struct formats *f)
{
	lxw_row_col_options hidden = { .hidden = 1 };
	struct strbuf title = STRBUF_INIT;
	lxw_col_t c;

	sb_addf(&title, "%s %d年规划指标%s监测数据填报表", t->unit, t->year,
		t->nprojects ? "及专栏项目" : "");
	/* the title and the hint in the first visible column (the id
	 * columns are hidden), across the sheet */
	check(o, worksheet_merge_range(o->ws, 0, C_TABLE, 0, C_ENTERED, "", f->title), 0, C_TABLE);
	check(o, worksheet_merge_range(o->ws, 1, C_TABLE, 1, C_ENTERED, "", f->hint), 1, C_TABLE);
	write_str(o, 0, C_TABLE, title.buf, f->title);
	write_str(o, 1, C_TABLE, "请在黄色单元格填写数值（只填数字，单位见“单位”列，填什么见"
		  "“填报口径”列：当年值、当年增速或自期初累计值），绿色单元格填写预计（是/否）、"
		  "来源和备注；请勿增删列或修改其他单元格。", f->hint);
	check(o, worksheet_set_row(o->ws, 1, 45, NULL), 1, C_TABLE);
	for (c = 0; c < NCOLS; c++) {
		write_str(o, HEADER_ROW, c, columns[c].heading, f->header);
		check(o, worksheet_set_column_opt(o->ws, c, c, columns[c].width, NULL,
						  c <= C_TGT ? &hidden : NULL), HEADER_ROW, c);
	}
	worksheet_freeze_panes(o->ws, HEADER_ROW + 1, C_UNIT);
	/* printed: A4 landscape, one page wide, the header on every page */
	worksheet_set_paper(o->ws, 9);
	worksheet_set_landscape(o->ws);
	worksheet_fit_to_pages(o->ws, 1, 0);
	worksheet_set_margins(o->ws, 0.4, 0.4, 0.6, 0.6);
	check(o, worksheet_repeat_rows(o->ws, 0, HEADER_ROW), HEADER_ROW, 0);
	check(o, worksheet_set_footer(o->ws, "&C第 &P 页，共 &N 页"), HEADER_ROW, 0);
	sb_release(&title);
}

static void add_validation(struct out *o, size_t nrows)
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
	lxw_row_t last = (lxw_row_t)(HEADER_ROW + nrows);

	if (!nrows)
		return;
	check(o, worksheet_data_validation_range(o->ws, HEADER_ROW + 1, C_VALUE, last, C_VALUE, &v),
	      HEADER_ROW + 1, C_VALUE);
	check(o, worksheet_data_validation_range(o->ws, HEADER_ROW + 1, C_EST, last, C_EST, &est),
	      HEADER_ROW + 1, C_EST);
}

static void write_help(lxw_workbook *wb, const struct formats *f, struct out *o)
{
	static const char *const lines[] = {
		"填报说明",
		"1. 本表由 planwatch 生成，每行一个由本单位牵头的指标或目标。",
		"2. 只需填写“填报值”（黄色），可选填“预计”“来源”“备注”（绿色）；已有数值的行已预填，未改动的行导入时不会重复记录。",
		"3. 填报值须为数字，单位与“单位”列一致；万元/亿元等可换算单位请在备注中注明或直接按本表单位填写。",
		"4. 年份须在规划期内（基期年份亦可）；与上年相差过大的数值会被提示核实。",
		"5. 填好后交回规划办，用 planwatch data import 文件名.xlsx 导入；有错误时整表不导入，并指出行号和原因。",
		"6. 隐藏的 indicator_id/target_id 列用于识别指标，请勿修改。",
		"7. 超过单元格容量（32767 字）的文字以“…（已截断）”结尾，导入时不受影响。",
		"8. “填报口径”列说明本行填什么（当年水平值、当年量、当年增速或降幅、自期初累计值），评估按此口径计算，请勿混填。",
		"9. 规划正文中复述表内指标的目标不单列，随表内指标一并填报。",
		"10. 本单位牵头的专栏重大项目列在指标之后：填项目状态（未开工、推进中、已完成、延期、暂停）、形象进度（0—100）、累计完成投资（亿元，自开工至本年底），主要形象进度和里程碑写在备注。",
	};
	struct out help = { o->path, workbook_add_worksheet(wb, "说明"), LXW_NO_ERROR, 0, 0 };
	size_t i;

	if (!help.ws) {
		check(o, LXW_ERROR_MEMORY_MALLOC_FAILED, 0, 0);
		return;
	}
	check(o, worksheet_set_column(help.ws, 0, 0, 100, NULL), 0, 0);
	for (i = 0; i < NELEM(lines); i++)
		write_str(&help, (lxw_row_t)i, 0, lines[i], i ? NULL : f->title);
	check(o, help.err, help.row, help.col);
}

/* ---- the 专栏 project section, below the indicators ---------------------- */

/* Where each column of the project section goes: under an indicator column
 * of a fitting width, the fill-in cells where the indicators have theirs
 * (来源, 备注) or close by. */
static const lxw_col_t project_at[PW_TPC_N] = {
	[PW_TPC_ID] = C_IND, [PW_TPC_COLUMN] = C_TABLE, [PW_TPC_NO] = C_NO,
	[PW_TPC_TITLE] = C_NAME, [PW_TPC_YEAR] = C_UNIT, [PW_TPC_STATUS] = C_ATTR,
	[PW_TPC_PERCENT] = C_BASE, [PW_TPC_TEXT] = C_TARGET, [PW_TPC_INVEST] = C_LAST,
	[PW_TPC_SOURCE] = C_SOURCE, [PW_TPC_NOTE] = C_NOTE, [PW_TPC_LAST] = C_ENTERED,
};

static void write_project(struct out *o, lxw_row_t r, const struct pw_template_project *p,
			  int year, const struct formats *f)
{
	struct strbuf col = STRBUF_INIT;
	lxw_col_t c;

	/* the cells between the columns, locked and framed like the rest */
	for (c = C_TGT; c < NCOLS; c++)
		write_str(o, r, c, NULL, f->text);
	sb_addf(&col, "专栏%d", p->column_no);
	write_num(o, r, project_at[PW_TPC_ID], true, (double)p->id, f->num);
	write_str(o, r, project_at[PW_TPC_COLUMN], col.buf, f->text);
	write_num(o, r, project_at[PW_TPC_NO], true, p->no, f->num);
	write_str(o, r, project_at[PW_TPC_TITLE], p->title, f->text);
	write_num(o, r, project_at[PW_TPC_YEAR], true, year, f->num);
	write_str(o, r, project_at[PW_TPC_STATUS], p->status, f->fill);
	write_num(o, r, project_at[PW_TPC_PERCENT], p->has_percent, p->percent, f->fill);
	write_num(o, r, project_at[PW_TPC_INVEST], p->has_investment, p->investment, f->fill);
	write_str(o, r, project_at[PW_TPC_SOURCE], p->source, f->fill_text);
	write_str(o, r, project_at[PW_TPC_NOTE], p->note, f->fill_text);
	write_str(o, r, project_at[PW_TPC_TEXT], p->text, f->text);
	write_str(o, r, project_at[PW_TPC_LAST], p->last, f->text);
	sb_release(&col);
}

static void project_validation(struct out *o, lxw_row_t first, lxw_row_t last)
{
	lxw_data_validation status = {
		.validate = LXW_VALIDATION_TYPE_LIST,
		.value_list = (char *[]){ "未开工", "推进中", "已完成", "延期", "暂停", NULL },
	};
	lxw_data_validation percent = {
		.validate = LXW_VALIDATION_TYPE_DECIMAL,
		.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
		.minimum_number = 0, .maximum_number = 100,
		.error_title = "形象进度", .error_message = "形象进度填0—100的数字",
	};
	lxw_data_validation invest = {
		.validate = LXW_VALIDATION_TYPE_DECIMAL,
		.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
		.minimum_number = 0,
		.error_title = "累计完成投资", .error_message = "累计完成投资填数字（亿元）",
	};
	lxw_col_t cs = project_at[PW_TPC_STATUS], cp = project_at[PW_TPC_PERCENT];
	lxw_col_t ci = project_at[PW_TPC_INVEST];

	check(o, worksheet_data_validation_range(o->ws, first, cs, last, cs, &status), first, cs);
	check(o, worksheet_data_validation_range(o->ws, first, cp, last, cp, &percent), first, cp);
	check(o, worksheet_data_validation_range(o->ws, first, ci, last, ci, &invest), first, ci);
}

/* The section from row `at` on: a blank row, the hint, the header, the
 * projects. */
static void write_projects(struct out *o, lxw_row_t at, const struct pw_template *t,
			   const struct formats *f)
{
	lxw_row_t hint = at + 1, head = at + 2;
	size_t i;

	if (!t->nprojects)
		return;
	check(o, worksheet_merge_range(o->ws, hint, C_TABLE, hint, C_ENTERED, "", f->hint), hint,
	      C_TABLE);
	write_str(o, hint, C_TABLE, pw_template_project_hint, f->hint);
	check(o, worksheet_set_row(o->ws, hint, 30, NULL), hint, C_TABLE);
	for (i = C_TGT; i < NCOLS; i++)
		write_str(o, head, (lxw_col_t)i, NULL, f->header);
	for (i = 0; i < PW_TPC_N; i++)
		write_str(o, head, project_at[i], pw_template_project_headings[i], f->header);
	for (i = 0; i < t->nprojects && !o->err; i++)
		write_project(o, (lxw_row_t)(head + 1 + i), &t->projects[i], t->year, f);
	project_validation(o, head + 1, (lxw_row_t)(head + t->nprojects));
}

/* Reports the first write error (the workbook is closed and removed). */
static int fail(lxw_workbook *wb, const struct out *o, struct pw_outfile *of)
{
	workbook_close(wb);
	pw_outfile_abort(of);
	return pw_error_kind(PW_ERR_IO, "cannot write '%s': row %u, %s: %s", o->path, (unsigned)o->row + 1,
			cell_name(o->row, o->col), lxw_strerror(o->err));
}

/* The workbook goes to a temporary file of pw_outfile, renamed into place
 * once complete: a killed run never leaves a torn sheet at path. */
int pw_template_write_xlsx(const struct pw_template *t, const char *path)
{
	struct pw_outfile of;
	lxw_workbook *wb;
	struct out o = { path, NULL, LXW_NO_ERROR, 0, 0 };
	lxw_error err;
	struct formats f;
	size_t i;

	if (pw_outfile_open(&of, path) < 0)
		return -1;
	pw_outfile_use_path(&of);
	wb = workbook_new(of.tmp);
	if (!wb) {
		pw_outfile_abort(&of);
		return pw_error_kind(PW_ERR_IO, "cannot write '%s'", path);
	}
	o.ws = workbook_add_worksheet(wb, "填报");
	if (!o.ws) {
		check(&o, LXW_ERROR_MEMORY_MALLOC_FAILED, 0, 0);
		return fail(wb, &o, &of);
	}
	make_formats(wb, &f);
	write_layout(&o, t, &f);
	for (i = 0; i < t->nrows && !o.err; i++)
		write_row(&o, (lxw_row_t)(HEADER_ROW + 1 + i), &t->rows[i], t->year, &f);
	add_validation(&o, t->nrows);
	write_projects(&o, (lxw_row_t)(HEADER_ROW + 1 + t->nrows), t, &f);
	worksheet_protect(o.ws, NULL, &(lxw_protection){ .format_columns = 1, .format_rows = 1,
							 .sort = 1, .autofilter = 1 });
	write_help(wb, &f, &o);
	if (o.err)
		return fail(wb, &o, &of);
	err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		pw_outfile_abort(&of);
		return pw_error_kind(PW_ERR_IO, "cannot write '%s': %s", path, lxw_strerror(err));
	}
	return pw_outfile_commit(&of);
}
