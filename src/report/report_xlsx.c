/*
 * report_xlsx.c - the report as an Excel workbook (libxlsxwriter): one
 * sheet per section (总体情况, 主要指标完成情况, ...), every table with a
 * bold header row, numbers stored as numbers with a format of their own
 * precision, status colours, column widths, and the header of the
 * section's leading table frozen.  The working columns the documents leave
 * out (牵头单位, 数据来源, 领域...) are included.  Every libxlsxwriter
 * call is checked: the first error stops the writing, and the workbook,
 * written to a temporary name and renamed at the end, leaves no file.
 */
#include "report/report.h"
#include "util/error.h"
#include "util/outfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define NDEC 5  /* number formats 0, 0.0 ... 0.0000; index NDEC is text */
#define NSTYLE (PW_RS_STRONG + 1)
#define MAXCOLS 64
#define TEXT_COLS 8 /* paragraphs span columns A..H */

struct xl {
	lxw_workbook *wb;
	lxw_format *cell[NDEC + 1][NSTYLE];
	lxw_format *head, *title, *para, *span;
	lxw_worksheet *ws;
	lxw_row_t row;
	bool frozen;      /* this sheet's panes are set */
	bool has_section; /* this sheet has its section heading */
	double width[MAXCOLS];
	lxw_error err;    /* the first error met (then nothing more is written) */
	lxw_row_t err_row;
};

/* Keeps the first error e of a call writing row r. */
static void check(struct xl *x, lxw_error e, lxw_row_t r)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR) {
		x->err = e;
		x->err_row = r;
	}
}

static const lxw_color_t style_color[NSTYLE] = {
	[PW_RS_PLAIN] = 0, [PW_RS_GOOD] = 0x2E7D32, [PW_RS_FAIR] = 0x1565C0,
	[PW_RS_BAD] = 0xC62828, [PW_RS_MUTED] = 0x9E9E9E, [PW_RS_STRONG] = 0,
};

static lxw_format *cell_format(struct xl *x, int dec, enum pw_rstyle st)
{
	static const char *const num[NDEC] = { "0", "0.0", "0.00", "0.000", "0.0000" };
	lxw_format *f = workbook_add_format(x->wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (dec < NDEC)
		format_set_num_format(f, num[dec]);
	else
		format_set_text_wrap(f);
	if (style_color[st])
		format_set_font_color(f, style_color[st]);
	if (st == PW_RS_GOOD || st == PW_RS_BAD || st == PW_RS_STRONG)
		format_set_bold(f);
	return f;
}

static void make_formats(struct xl *x)
{
	int d, s;

	for (d = 0; d <= NDEC; d++)
		for (s = 0; s < NSTYLE; s++)
			x->cell[d][s] = cell_format(x, d, (enum pw_rstyle)s);
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_border(x->head, LXW_BORDER_THIN);
	format_set_bg_color(x->head, 0xECEFF1);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	x->para = workbook_add_format(x->wb);
	format_set_text_wrap(x->para);
	format_set_align(x->para, LXW_ALIGN_VERTICAL_TOP);
	x->span = workbook_add_format(x->wb);
	format_set_bold(x->span);
	format_set_border(x->span, LXW_BORDER_THIN);
	format_set_bg_color(x->span, 0xFAFAFA);
}

/* Display width of UTF-8 text: CJK (3-byte) characters count twice. */
static double text_width(const char *s)
{
	double w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w += ((unsigned char)*s >= 0xE0) ? 2 : 1;
	return w;
}

static void finish_sheet(struct xl *x)
{
	lxw_col_t c;

	if (!x->ws)
		return;
	for (c = 0; c < MAXCOLS; c++)
		if (x->width[c] > 0)
			check(x, worksheet_set_column(x->ws, c, c, x->width[c], NULL), 0);
}

/* "一、总体情况" -> "总体情况": a sheet name without the numbering, cut
 * to Excel's 31 characters. */
static void sheet_name(struct strbuf *sb, const char *heading)
{
	const char *p = strstr(heading, "、");
	size_t chars = 0;

	for (p = p ? p + 3 : heading; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > 31)
			break;
		sb_addch(sb, *p);
	}
}

static void new_sheet(struct xl *x, const char *heading)
{
	struct strbuf name = STRBUF_INIT;

	finish_sheet(x);
	sheet_name(&name, heading);
	x->ws = workbook_add_worksheet(x->wb, name.len ? name.buf : NULL);
	if (!x->ws) /* a clash or a character Excel refuses: let it name it */
		x->ws = workbook_add_worksheet(x->wb, NULL);
	if (!x->ws)
		check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, 0);
	x->row = 0;
	x->frozen = false;
	x->has_section = false;
	memset(x->width, 0, sizeof(x->width));
	x->width[0] = 8;
	sb_release(&name);
}

static void text_row(struct xl *x, const char *text, lxw_format *f, bool wrap)
{
	double lines = wrap ? text_width(text) / 90.0 + 1 : 1;

	if (x->err)
		return;
	check(x, worksheet_merge_range(x->ws, x->row, 0, x->row, TEXT_COLS - 1, text, f), x->row);
	if (lines >= 2)
		check(x, worksheet_set_row(x->ws, x->row, 15.0 * (int)lines, NULL), x->row);
	x->row++;
}

static void write_cell(struct xl *x, lxw_col_t c, const struct pw_rcell *cell)
{
	enum pw_rstyle st = cell->style < NSTYLE ? cell->style : PW_RS_PLAIN;
	lxw_error e;

	if (cell->has_num) {
		int d = cell->decimals < 0 ? 0 : cell->decimals >= NDEC ? NDEC - 1 : cell->decimals;

		e = worksheet_write_number(x->ws, x->row, c, cell->num, x->cell[d][st]);
	} else {
		e = worksheet_write_string(x->ws, x->row, c, cell->text, x->cell[NDEC][st]);
	}
	check(x, e, x->row);
}

static void write_table(struct xl *x, const struct pw_rtable *t)
{
	size_t r, c;

	if (x->err)
		return;
	for (c = 0; c < t->ncols && c < MAXCOLS; c++) {
		check(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)c, t->cols[c].head,
						x->head), x->row);
		if (t->cols[c].width > x->width[c])
			x->width[c] = t->cols[c].width;
	}
	check(x, worksheet_set_row(x->ws, x->row, 30, NULL), x->row);
	/* A table that leads its sheet: keep its header in view. */
	if (!x->frozen && x->row <= 3)
		worksheet_freeze_panes(x->ws, x->row + 1, 0);
	x->frozen = true;
	x->row++;
	for (r = 0; r < t->nrows && !x->err; r++, x->row++) {
		if (t->span[r]) {
			check(x, worksheet_merge_range(x->ws, x->row, 0, x->row,
						       (lxw_col_t)t->ncols - 1,
						       pw_rtable_cell(t, r, 0)->text, x->span), x->row);
			continue;
		}
		for (c = 0; c < t->ncols && c < MAXCOLS; c++)
			write_cell(x, (lxw_col_t)c, pw_rtable_cell(t, r, c));
	}
	x->row++; /* a blank row after each table */
}

static void write_block(struct xl *x, const struct pw_rblock *b)
{
	struct strbuf sb = STRBUF_INIT;

	switch (b->type) {
	case PW_RB_HEADING:
		if (b->level <= 1 && x->has_section)
			new_sheet(x, b->text);
		if (x->err)
			return;
		x->has_section = true;
		text_row(x, b->text, x->title, false);
		return;
	case PW_RB_PARA:
		text_row(x, b->text, x->para, true);
		break;
	case PW_RB_BULLET:
		sb_addf(&sb, "• %s", b->text);
		text_row(x, sb.buf, x->para, true);
		break;
	case PW_RB_TABLE:
		write_table(x, b->table);
		break;
	default:
		break;
	}
	sb_release(&sb);
}

static void write_doc(struct xl *x, const struct pw_rdoc *d)
{
	size_t i;

	x->ws = NULL;
	new_sheet(x, d->nblocks && d->blocks[0].type == PW_RB_HEADING ? d->blocks[0].text
								       : "报告");
	text_row(x, d->title, x->title, false);
	text_row(x, d->subtitle, x->para, false);
	for (i = 0; i < d->nblocks && !x->err; i++)
		write_block(x, &d->blocks[i]);
	if (!x->err)
		finish_sheet(x);
}

/* Closes the workbook written to o's temporary file and commits it, or
 * removes it after the first error (x->err, or the close's).  0 or -1
 * (reported). */
static int finish(struct xl *x, struct pw_outfile *o)
{
	lxw_error err = x->err ? LXW_NO_ERROR : workbook_close(x->wb);

	if (x->err) {
		workbook_close(x->wb);
		pw_error_kind(PW_ERR_IO, "cannot write workbook '%s': row %u: %s", o->path,
			 (unsigned)x->err_row + 1, lxw_strerror(x->err));
	} else if (err != LXW_NO_ERROR) {
		pw_error_kind(PW_ERR_IO, "cannot write workbook '%s': %s", o->path, lxw_strerror(err));
	} else {
		return pw_outfile_commit(o);
	}
	pw_outfile_abort(o);
	return -1;
}

int pw_report_xlsx(const struct pw_rdoc *d, const char *path)
{
	struct xl x;
	struct pw_outfile o;
	lxw_workbook_options opts = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
	lxw_doc_properties props = { 0 };

	memset(&x, 0, sizeof(x));
	if (pw_outfile_open(&o, path) < 0)
		return -1;
	pw_outfile_use_path(&o);
	x.wb = workbook_new_opt(o.tmp, &opts);
	if (!x.wb) {
		pw_outfile_abort(&o);
		return pw_error_kind(PW_ERR_IO, "cannot create workbook '%s'", path);
	}
	props.title = d->title;
	props.subject = d->ev && d->ev->subject ? d->ev->subject : "";
	props.author = "planwatch";
	check(&x, workbook_set_properties(x.wb, &props), 0);
	make_formats(&x);
	if (!x.err)
		write_doc(&x, d);
	return finish(&x, &o);
}
